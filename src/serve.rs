//! `cchc serve`: builds the site in memory, serves it on 127.0.0.1, watches
//! content/, submissions/ and templates/, rebuilds on change and reloads the
//! open page. A failed rebuild keeps the last good site served and shows the
//! error in the terminal and over the page.

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use notify_debouncer_mini::{DebounceEventResult, new_debouncer, notify::RecursiveMode};

use crate::cli::{Cli, Failure, repo_root};
use crate::commands::{build_files, gather, load_templates};
use crate::diag::render::{Format, Summary, render};
use crate::site::{Mode, SiteFiles};
use crate::text::Lang;

/// What the server shows: the last good site, its version, and the error
/// of the last build if it failed.
#[derive(Debug, Default)]
struct State {
    files: SiteFiles,
    version: u64,
    error: Option<String>,
}

const RELOAD_JS: &str = r"(function () {
  var base = document.currentScript.src.replace(/reload\.js$/, '');
  var seen = null, box = null;
  function show(error) {
    if (!error) { if (box) { box.remove(); box = null; } return; }
    if (!box) {
      box = document.createElement('pre');
      box.setAttribute('role', 'alert');
      box.className = 'cchc-build-error';
      document.body.prepend(box);
    }
    box.textContent = 'Lỗi khi tạo lại trang (trang đang hiển thị là bản tốt gần nhất):\n\n' + error;
  }
  function poll() {
    fetch(base + 'state', { cache: 'no-store' }).then(function (r) { return r.json(); }).then(function (s) {
      if (seen === null) { seen = s.version; } else if (s.version !== seen) { location.reload(); return; }
      show(s.error);
      setTimeout(poll, 700);
    }).catch(function () { setTimeout(poll, 2000); });
  }
  poll();
})();
";

/// One build, for the server: the files, or the error to show.
fn rebuild(root: &Path, branch: Option<&str>, lang: Lang) -> Result<SiteFiles, String> {
    let g = gather(root, branch)?;
    let broken = g.content_errors();
    if !broken.is_empty() {
        return Err(render(
            &broken,
            &g.outcome.db,
            Format::Human,
            lang,
            false,
            Summary {
                files: g.outcome.files,
            },
        ));
    }
    let templates = load_templates(root)?;
    build_files(&g, &templates, Mode::Serve)
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next() {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("csv") => "text/csv; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("xlsx") => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    }
}

/// The site path a request URL asks for: "/" is index.html, a folder its
/// index.html; query strings are ignored. Lookups go to the in-memory map,
/// so no URL reaches the file system.
fn site_path(url: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let path = path.trim_start_matches('/');
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_owned()
    }
}

fn respond(state: &RwLock<State>, request: tiny_http::Request) {
    let path = site_path(request.url());
    let header = |v: &str| tiny_http::Header::from_bytes(&b"Content-Type"[..], v.as_bytes()).ok();
    let (status, body, kind) = match path.as_str() {
        p if p.ends_with("__cchc/reload.js") => {
            (200, RELOAD_JS.as_bytes().to_vec(), content_type(p))
        }
        p if p.ends_with("__cchc/state") => {
            let s = state
                .read()
                .map(|s| serde_json::json!({"version": s.version, "error": s.error}));
            let body = s.map(|v| v.to_string()).unwrap_or_default();
            (200, body.into_bytes(), "application/json")
        }
        p => match state.read().ok().and_then(|s| s.files.get(p).cloned()) {
            Some(b) => (200, b, content_type(p)),
            None => (
                404,
                "Không có trang này / not found".as_bytes().to_vec(),
                "text/plain; charset=utf-8",
            ),
        },
    };
    let mut response = tiny_http::Response::from_data(body).with_status_code(status);
    if let Some(h) = header(kind) {
        response.add_header(h);
    }
    if let Ok(h) = tiny_http::Header::from_bytes(&b"Cache-Control"[..], &b"no-store"[..]) {
        response.add_header(h);
    }
    let _ = request.respond(response);
}

pub fn serve(cli: &Cli, port: u16, branch: Option<&str>) -> Result<u8, Failure> {
    let root = repo_root(cli)?;
    let lang = cli.lang;
    let state = Arc::new(RwLock::new(State::default()));
    let started = Instant::now();
    match rebuild(&root, branch, lang) {
        Ok(files) => {
            if let Ok(mut s) = state.write() {
                s.files = files;
            }
            eprintln!("Đã tạo trang sau {} ms.", started.elapsed().as_millis());
        }
        Err(e) => {
            eprintln!("{e}");
            if let Ok(mut s) = state.write() {
                s.error = Some(e);
            }
        }
    }
    let server = tiny_http::Server::http(("127.0.0.1", port))
        .map_err(|e| format!("127.0.0.1:{port}: {e}"))?;
    let watched: Vec<PathBuf> = ["content", "submissions", "templates"]
        .iter()
        .map(|d| root.join(d))
        .filter(|d| d.is_dir())
        .collect();
    let watch_state = Arc::clone(&state);
    let watch_root = root.clone();
    let branch_owned = branch.map(str::to_owned);
    let mut debouncer = new_debouncer(
        Duration::from_millis(150),
        move |res: DebounceEventResult| {
            if res.is_err() {
                return;
            }
            let t = Instant::now();
            let result = rebuild(&watch_root, branch_owned.as_deref(), lang);
            let Ok(mut s) = watch_state.write() else {
                return;
            };
            match result {
                Ok(files) => {
                    s.files = files;
                    s.version += 1;
                    s.error = None;
                    eprintln!("Đã tạo lại trang sau {} ms.", t.elapsed().as_millis());
                }
                Err(e) => {
                    eprintln!("{e}\nGiữ nguyên bản trang tốt gần nhất.");
                    s.error = Some(e);
                }
            }
        },
    )
    .map_err(|e| e.to_string())?;
    for dir in &watched {
        debouncer
            .watcher()
            .watch(dir, RecursiveMode::Recursive)
            .map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    eprintln!("Đang phục vụ tại http://127.0.0.1:{port}/ — Ctrl+C để dừng.");
    for request in server.incoming_requests() {
        respond(&state, request);
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_urls_to_site_paths() {
        assert_eq!(site_path("/"), "index.html");
        assert_eq!(site_path("/2023-9t/"), "2023-9t/index.html");
        assert_eq!(
            site_path("/2023-9t/don-vi/y-te.html?x=1"),
            "2023-9t/don-vi/y-te.html"
        );
        assert_eq!(site_path("/../../etc/passwd"), "../../etc/passwd");
    }
}
