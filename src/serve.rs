//! `cchc serve`: builds the site in memory, serves it on 127.0.0.1, watches
//! content/, submissions/ and templates/, rebuilds on change and reloads the
//! open page. A changed submission rebuilds its campaign's report only, and
//! pages are rendered when asked for. A failed rebuild keeps the last good
//! site served and shows the error in the terminal and over the page.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher as _};
use rayon::prelude::*;

use crate::commands::templates::load_templates;
use crate::ctx::{Ctx, Failure};
use cchc_core::diag::render::{Format, Summary, render};
use cchc_core::history::History;
use cchc_core::pipeline::ContentOutcome;
use cchc_core::pipeline::ReadCache;
use cchc_core::pipeline::{self, Repository};
use cchc_core::report::{CampaignReport, Report, campaigns_in_order, report_head};
use cchc_core::site::{CampaignLink, CampaignValues, MemorySink, Mode, SiteFiles, Templates};
use cchc_core::text::{Lang, Text};
use cchc_core::tr;

/// What the server shows: the last good site, its version, and the error
/// of the last build if it failed.
#[derive(Default)]
struct State {
    live: Option<Arc<Live>>,
    version: u64,
    error: Option<String>,
    /// How long the last good rebuild took.
    took_ms: u128,
}

/// A site as served: what is outside the campaigns' folders, rendered, and
/// each campaign's report, whose pages are rendered when first asked for
/// (and kept). A rebuild after an edit so costs reading, checking and
/// reporting one campaign, not rendering it.
struct Live {
    templates: Arc<Templates>,
    content: Arc<ContentOutcome>,
    head: Report,
    shared: SiteFiles,
    campaigns: BTreeMap<String, Arc<Served>>,
}

struct Served {
    report: CampaignReport,
    /// The report as template values, made when a first page is asked for.
    values: OnceLock<Result<CampaignValues, String>>,
    rendered: Mutex<SiteFiles>,
}

impl Live {
    /// The file at `path`: Ok(None) if there is none.
    fn get(&self, path: &str) -> Result<Option<Vec<u8>>, String> {
        let (folder, inner) = path.split_once('/').unwrap_or((path, ""));
        let Some(served) = self.campaigns.get(folder) else {
            return Ok(self.shared.get(path).cloned());
        };
        let mut rendered = served
            .rendered
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(bytes) = rendered.get(inner) {
            return Ok(Some(bytes.clone()));
        }
        let values = served
            .values
            .get_or_init(|| CampaignValues::new(&served.report).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(Clone::clone)?;
        let bytes = cchc_core::site::render_campaign_file(
            inner,
            &served.report,
            values,
            &self.content.content,
            &self.head,
            &self.templates,
            Mode::Serve,
        )
        .map_err(|e| e.to_string())?;
        if let Some(b) = &bytes {
            rendered.insert(inner.to_owned(), b.clone());
        }
        Ok(bytes)
    }
}

/// What a rebuild reuses from the last one.
struct Session {
    templates: Arc<Templates>,
    content: Arc<ContentOutcome>,
    history: History,
    /// The submissions of the campaigns edited last, as read: the next edit
    /// there parses the changed file only. (Kept for those campaigns alone,
    /// so memory stays that of a campaign or two.)
    reads: Mutex<BTreeMap<String, Arc<ReadCache>>>,
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

/// Everything again: templates, content/, history, every campaign's report.
fn full(root: &Path, repo: &dyn Repository, lang: Lang) -> Result<(Session, Live), String> {
    let templates = Arc::new(load_templates(root).map_err(|e| e.get(lang).to_owned())?);
    let (content, history) = rayon::join(|| pipeline::content(repo), || repo.history());
    let content = Arc::new(content.map_err(|e| e.get(lang).to_owned())?);
    let broken = pipeline::blocking_errors(&content.diags);
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
    let session = Session {
        templates,
        content,
        history,
        reads: Mutex::default(),
    };
    let ids: Vec<String> = session.content.content.campaigns.keys().cloned().collect();
    let live = campaigns(&session, None, repo, lang, &ids)?;
    // Pages render when asked for; render one of each kind now, so that a
    // template that fails shows its error here and the last good site stays.
    if let Some(served) = campaigns_in_order(&session.content.content)
        .first()
        .and_then(|c| live.campaigns.get(&c.id))
    {
        let r = &served.report;
        for p in cchc_core::site::probe_paths(r, &session.content.content) {
            live.get(&format!("{}/{p}", r.id))?;
        }
    }
    Ok((session, live))
}

/// The reports of the campaigns `ids` (the others taken from `last`), and
/// the home page.
fn campaigns(
    session: &Session,
    last: Option<&Live>,
    repo: &dyn Repository,
    lang: Lang,
    ids: &[String],
) -> Result<Live, String> {
    let now = repo.now().map_err(|e| e.get(lang).to_owned())?;
    let head = report_head(&session.content.content, now);
    let content = &session.content;
    // A first build reads every campaign once; an edit keeps what it read.
    let caches: BTreeMap<String, Arc<ReadCache>> = if last.is_some() {
        let mut reads = session
            .reads
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let kept: BTreeMap<String, Arc<ReadCache>> = ids
            .iter()
            .map(|id| (id.clone(), reads.get(id).cloned().unwrap_or_default()))
            .collect();
        reads.clone_from(&kept);
        kept
    } else {
        BTreeMap::new()
    };
    let fresh: Vec<CampaignReport> = ids
        .par_iter()
        .filter_map(|id| content.content.campaigns.get(id))
        .map(|c| {
            let cache = caches.get(&c.id).map(|c| &**c);
            pipeline::campaign_report(repo, content, &session.history, now, c, cache)
                .map(|(r, _)| r)
                .map_err(|e| e.get(lang).to_owned())
        })
        .collect::<Result<_, String>>()?;
    let mut served: BTreeMap<String, Arc<Served>> =
        last.map(|l| l.campaigns.clone()).unwrap_or_default();
    for report in fresh {
        served.insert(
            report.id.clone(),
            Arc::new(Served {
                report,
                values: OnceLock::new(),
                rendered: Mutex::default(),
            }),
        );
    }
    let links: Vec<CampaignLink> = campaigns_in_order(&content.content)
        .iter()
        .filter_map(|c| served.get(&c.id))
        .map(|s| CampaignLink::from(&s.report))
        .collect();
    let sink = MemorySink::default();
    cchc_core::site::render_home(&head, &links, &session.templates, Mode::Serve, &sink)
        .map_err(|e| e.to_string())?;
    Ok(Live {
        templates: Arc::clone(&session.templates),
        content: Arc::clone(&session.content),
        head,
        shared: sink.into_files(),
        campaigns: served,
    })
}

/// A rebuild after `change`: only the campaigns whose submissions changed
/// when content/, templates/ and the branch's history are as before. A
/// failed rebuild leaves the last good site served.
fn rebuild(
    session: &Mutex<Option<Session>>,
    state: &RwLock<State>,
    root: &Path,
    repo: &dyn Repository,
    lang: Lang,
    change: &Change,
) {
    let started = Instant::now();
    let Ok(mut session) = session.lock() else {
        return;
    };
    let last = state.read().ok().and_then(|s| s.live.clone());
    let partial = match (&*session, change, &last) {
        (Some(s), Change::Campaigns(ids), Some(last))
            if repo.tip().as_deref() == s.history.tip() =>
        {
            Some(campaigns(s, Some(last), repo, lang, ids))
        }
        _ => None,
    };
    let result = match partial {
        Some(r) => r,
        None => full(root, repo, lang).map(|(s, live)| {
            *session = Some(s);
            live
        }),
    };
    let Ok(mut s) = state.write() else {
        return;
    };
    match result {
        Ok(live) => {
            s.live = Some(Arc::new(live));
            s.version += 1;
            s.error = None;
            s.took_ms = started.elapsed().as_millis();
            if s.version > 1 {
                let t = tr!(
                    "Đã tạo lại trang sau {} ms.",
                    "Site rebuilt in {} ms.",
                    s.took_ms.to_string()
                );
                eprintln!("{}", t.get(lang));
            }
        }
        Err(e) => {
            let kept = tr!(
                "Giữ nguyên bản trang tốt gần nhất.",
                "The last good site is still served."
            );
            eprintln!("{e}\n{}", kept.get(lang));
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
    // Links are percent-encoded (`site::urls`), the site's files are not.
    let path = cchc_core::urls::file_of(path).unwrap_or_else(|| path.to_owned());
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path
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
        p => {
            // Rendering happens outside the state's lock.
            let live = state.read().ok().and_then(|s| s.live.clone());
            match live.map(|l| l.get(p)) {
                Some(Ok(Some(b))) => (200, b, content_type(p)),
                Some(Err(e)) => (500, e.into_bytes(), "text/plain; charset=utf-8"),
                _ => (
                    404,
                    "Không có trang này / not found".as_bytes().to_vec(),
                    "text/plain; charset=utf-8",
                ),
            }
        }
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

pub fn serve(ctx: &Ctx, port: u16, branch: Option<&str>) -> Result<u8, Failure> {
    let root = ctx.root()?;
    let lang = ctx.lang;
    let state = Arc::new(RwLock::new(State::default()));
    let session = Arc::new(Mutex::new(None));
    let started = Instant::now();
    rebuild(
        &session,
        &state,
        &root,
        &*ctx.repository(branch)?,
        lang,
        &Change::All,
    );
    if state.read().is_ok_and(|s| s.error.is_none()) {
        ctx.say(&tr!(
            "Đã tạo trang sau {} ms.",
            "Site built in {} ms.",
            started.elapsed().as_millis().to_string()
        ));
    }
    let server = tiny_http::Server::http(("127.0.0.1", port))
        .map_err(|e| Text::same(format!("127.0.0.1:{port}: {e}")))?;
    // Watched only where cchc reads: a linked folder is not read, and its
    // target is not watched.
    let folders: Vec<PathBuf> = ["content", "submissions", "templates"]
        .iter()
        .filter(|d| {
            matches!(
                crate::fsio::kind_under(&root, d),
                Ok(crate::fsio::Kind::Dir)
            )
        })
        .map(|d| root.join(d))
        .collect();
    let watch_state = Arc::clone(&state);
    // Events carry absolute paths.
    let watch_root = std::fs::canonicalize(&root).unwrap_or_else(|_| root.clone());
    // The watcher's events name the canonical root; the pipeline reads there.
    let watch_ctx = Ctx::new(lang, Some(watch_root.clone()));
    let watch_repo = watch_ctx.repository(branch)?;
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
    .map_err(|e| Text::same(e.to_string()))?;
    for dir in &folders {
        watcher
            .watch(dir, RecursiveMode::Recursive)
            .map_err(|e| Text::same(format!("{}: {e}", dir.display())))?;
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
                &*watch_repo,
                lang,
                &change,
            );
        }
    });
    ctx.say(&tr!(
        "Đang phục vụ tại http://127.0.0.1:{}/ — Ctrl+C để dừng.",
        "Serving at http://127.0.0.1:{}/ — Ctrl+C to stop.",
        port.to_string()
    ));
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
        assert_eq!(
            site_path("/2023-9t/trang/h%C6%B0%E1%BB%9Bng%20d%E1%BA%ABn.html"),
            "2023-9t/trang/hướng dẫn.html"
        );
    }
}
