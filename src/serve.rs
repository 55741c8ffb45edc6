//! `cchc serve`: builds the site in memory, serves it on 127.0.0.1, watches
//! content/, submissions/ and templates/, rebuilds on change and reloads the
//! open page. A failed rebuild keeps the last good site served and shows the
//! error in the terminal and over the page.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher as _};
use rayon::prelude::*;

use crate::cli::{Cli, Failure, repo_root};
use crate::commands::{blocking_errors, load_templates, read_content, report_campaign};
use crate::diag::render::{Format, Summary, render};
use crate::history::{self, History};
use crate::report::{campaigns_in_order, report_head};
use crate::site::{CampaignLink, MemorySink, Mode, SiteFiles, Templates};
use crate::text::Lang;
use crate::validate::ContentOutcome;

/// What the server shows: the last good site, its version, and the error
/// of the last build if it failed.
#[derive(Debug, Default)]
struct State {
    /// What is outside the campaigns' folders: home page, assets.
    shared: SiteFiles,
    /// Each campaign's pages and downloads, by campaign id.
    campaigns: BTreeMap<String, SiteFiles>,
    version: u64,
    error: Option<String>,
    /// How long the last good rebuild took.
    took_ms: u128,
}

impl State {
    fn get(&self, path: &str) -> Option<&Vec<u8>> {
        let folder = path.split('/').next().unwrap_or("");
        match self.campaigns.get(folder) {
            Some(files) => files.get(path),
            None => self.shared.get(path),
        }
    }
}

/// What a rebuild reuses from the last one: a change to one submission
/// re-reads and re-renders its campaign only.
struct Session {
    templates: Templates,
    content: ContentOutcome,
    history: History,
    links: BTreeMap<String, CampaignLink>,
}

/// What changed, by the paths the watcher saw.
#[derive(Debug, PartialEq, Eq)]
enum Change {
    /// content/, templates/ or something unclear: everything again.
    All,
    /// Submissions of these campaigns.
    Campaigns(Vec<String>),
}

fn classify(root: &Path, paths: &[PathBuf]) -> Change {
    let mut ids = Vec::new();
    for p in paths {
        let Ok(rel) = p.strip_prefix(root) else {
            return Change::All;
        };
        let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
        match (parts.next().as_deref(), parts.next()) {
            (Some("submissions"), Some(id)) if parts.next().is_some() => {
                let id = id.into_owned();
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            _ => return Change::All,
        }
    }
    Change::Campaigns(ids)
}

/// Pages rebuilt: some campaigns' folders (or all of them) and the rest.
struct Update {
    all: bool,
    campaigns: Vec<(String, SiteFiles)>,
    shared: SiteFiles,
}

/// Everything again: templates, content/, history, every campaign.
fn full(root: &Path, branch: Option<&str>, lang: Lang) -> Result<(Session, Update), String> {
    let templates = load_templates(root)?;
    let (content, history) = rayon::join(
        || read_content(root, branch),
        || history::read(root, branch),
    );
    let content = content?;
    let broken = blocking_errors(&content);
    if !broken.is_empty() {
        return Err(render(
            &broken,
            &content.db,
            Format::Human,
            lang,
            false,
            Summary {
                files: content.files,
            },
        ));
    }
    let mut session = Session {
        templates,
        content,
        history,
        links: BTreeMap::new(),
    };
    let ids: Vec<String> = session.content.content.campaigns.keys().cloned().collect();
    let mut update = campaigns(&mut session, root, branch, &ids)?;
    update.all = true;
    Ok((session, update))
}

/// Re-reads and re-renders the campaigns `ids`, then the home page; the
/// session's links change only if all of it succeeds.
fn campaigns(
    session: &mut Session,
    root: &Path,
    branch: Option<&str>,
    ids: &[String],
) -> Result<Update, String> {
    let now = crate::fsio::now()?;
    let head = report_head(&session.content.content, now);
    let content = &session.content;
    let rendered: Vec<(String, CampaignLink, SiteFiles)> = ids
        .par_iter()
        .filter_map(|id| content.content.campaigns.get(id))
        .map(|c| {
            let (report, _) = report_campaign(root, branch, content, &session.history, now, c)?;
            let sink = MemorySink::default();
            let link = crate::site::render_one_campaign(
                &report,
                &content.content,
                &head,
                &session.templates,
                Mode::Serve,
                &sink,
            )
            .map_err(|e| e.to_string())?;
            Ok((c.id.clone(), link, sink.into_files()))
        })
        .collect::<Result<_, String>>()?;
    let mut links = session.links.clone();
    for (id, link, _) in &rendered {
        links.insert(id.clone(), link.clone());
    }
    let ordered: Vec<CampaignLink> = campaigns_in_order(&content.content)
        .iter()
        .filter_map(|c| links.get(&c.id).cloned())
        .collect();
    let sink = MemorySink::default();
    crate::site::render_home(&head, &ordered, &session.templates, Mode::Serve, &sink)
        .map_err(|e| e.to_string())?;
    session.links = links;
    Ok(Update {
        all: false,
        campaigns: rendered.into_iter().map(|(id, _, f)| (id, f)).collect(),
        shared: sink.into_files(),
    })
}

/// A rebuild after `change`: only the campaigns whose submissions changed
/// when content/, templates/ and the branch's history are as before. A
/// failed rebuild leaves the last good site served.
fn rebuild(
    session: &Mutex<Option<Session>>,
    state: &RwLock<State>,
    root: &Path,
    branch: Option<&str>,
    lang: Lang,
    change: &Change,
) {
    let started = Instant::now();
    let Ok(mut session) = session.lock() else {
        return;
    };
    let partial = match (&mut *session, change) {
        (Some(s), Change::Campaigns(ids))
            if history::tip(root, branch).as_deref() == s.history.tip() =>
        {
            Some(campaigns(s, root, branch, ids))
        }
        _ => None,
    };
    let result = match partial {
        Some(r) => r,
        None => full(root, branch, lang).map(|(s, update)| {
            *session = Some(s);
            update
        }),
    };
    let Ok(mut s) = state.write() else {
        return;
    };
    match result {
        Ok(update) => {
            if update.all {
                s.campaigns.clear();
            }
            s.campaigns.extend(update.campaigns);
            s.shared = update.shared;
            s.version += 1;
            s.error = None;
            s.took_ms = started.elapsed().as_millis();
            if s.version > 1 {
                eprintln!("Đã tạo lại trang sau {} ms.", s.took_ms);
            }
        }
        Err(e) => {
            eprintln!("{e}\nGiữ nguyên bản trang tốt gần nhất.");
            s.error = Some(e);
        }
    }
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
            let s = state.read().map(|s| {
                serde_json::json!({"version": s.version, "error": s.error, "took_ms": s.took_ms})
            });
            let body = s.map(|v| v.to_string()).unwrap_or_default();
            (200, body.into_bytes(), "application/json")
        }
        p => match state.read().ok().and_then(|s| s.get(p).cloned()) {
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
    let session = Arc::new(Mutex::new(None));
    let started = Instant::now();
    rebuild(&session, &state, &root, branch, lang, &Change::All);
    if state.read().is_ok_and(|s| s.error.is_none()) {
        eprintln!("Đã tạo trang sau {} ms.", started.elapsed().as_millis());
    }
    let server = tiny_http::Server::http(("127.0.0.1", port))
        .map_err(|e| format!("127.0.0.1:{port}: {e}"))?;
    let folders: Vec<PathBuf> = ["content", "submissions", "templates"]
        .iter()
        .map(|d| root.join(d))
        .filter(|d| d.is_dir())
        .collect();
    let watch_state = Arc::clone(&state);
    // Events carry absolute paths.
    let watch_root = std::fs::canonicalize(&root).unwrap_or_else(|_| root.clone());
    let branch_owned = branch.map(str::to_owned);
    let (tx, rx) = std::sync::mpsc::channel::<Vec<PathBuf>>();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        // Reading a file is an event too (inotify's OPEN); a rebuild reads
        // every file, and must not set off the next one.
        if let Ok(event) = res
            && !matches!(event.kind, notify::EventKind::Access(_))
        {
            let _ = tx.send(event.paths);
        }
    })
    .map_err(|e| e.to_string())?;
    for dir in &folders {
        watcher
            .watch(dir, RecursiveMode::Recursive)
            .map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::thread::spawn(move || {
        while let Ok(mut paths) = rx.recv() {
            // Editors save in a few steps (write, rename): gather what comes
            // within 50 ms of the last event.
            while let Ok(more) = rx.recv_timeout(Duration::from_millis(50)) {
                paths.extend(more);
            }
            let change = classify(&watch_root, &paths);
            rebuild(
                &session,
                &watch_state,
                &watch_root,
                branch_owned.as_deref(),
                lang,
                &change,
            );
        }
    });
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
    fn a_changed_submission_rebuilds_its_campaign_only() {
        let root = Path::new("/repo");
        let p = |s: &str| root.join(s);
        assert_eq!(
            classify(
                root,
                &[
                    p("submissions/2023-9t/y-te.toml"),
                    p("submissions/2023-9t/.y-te.toml.swp"),
                    p("submissions/2024-9t/y-te.toml")
                ]
            ),
            Change::Campaigns(vec!["2023-9t".into(), "2024-9t".into()])
        );
        assert_eq!(
            classify(
                root,
                &[p("submissions/2023-9t/y-te.toml"), p("content/units.toml")]
            ),
            Change::All
        );
        assert_eq!(classify(root, &[p("templates/unit.html")]), Change::All);
        assert_eq!(classify(root, &[p("submissions/2023-9t")]), Change::All);
    }

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
