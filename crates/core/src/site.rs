//! The public site: every page and download, rendered from the report with
//! the Tera templates of templates/ (editable without recompiling; the
//! copies built into cchc serve when a repository has none). Pure: each
//! file goes to a [`Sink`] as soon as it is rendered, campaigns in parallel;
//! the edge behind the sink writes it to disk or keeps it in memory.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera, Value};

use crate::chart;
use crate::export;
use crate::model::Content;
use crate::report::{CampaignReport, Report};

/// The built site: relative path → bytes, in a stable order.
pub type SiteFiles = BTreeMap<String, Vec<u8>>;

/// Where rendered files go, from several threads at once.
pub trait Sink: Sync {
    fn put(&self, path: String, bytes: Vec<u8>) -> std::io::Result<()>;
}

/// Why a site could not be rendered.
#[derive(Debug)]
pub enum RenderError {
    /// A template failed (named, with its line).
    Template(String),
    /// The sink could not take a file.
    Io(std::io::Error),
    /// A campaign's files could not be read.
    Read(String),
}

impl From<std::io::Error> for RenderError {
    fn from(e: std::io::Error) -> Self {
        RenderError::Io(e)
    }
}

impl From<String> for RenderError {
    fn from(e: String) -> Self {
        RenderError::Template(e)
    }
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RenderError::Template(e) | RenderError::Read(e) => f.write_str(e),
            RenderError::Io(e) => e.fmt(f),
        }
    }
}

/// Counts what passes into another sink: pages, files, bytes.
#[derive(Debug, Default)]
pub struct Tally {
    pub pages: AtomicUsize,
    pub files: AtomicUsize,
    pub bytes: AtomicUsize,
}

/// Whether a file of the site is a page (HTML), not a download or asset.
pub fn is_page(path: &str) -> bool {
    std::path::Path::new(path)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("html"))
}

impl Tally {
    pub fn count(&self, path: &str, bytes: &[u8]) {
        self.pages
            .fetch_add(usize::from(is_page(path)), Ordering::Relaxed);
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes.len(), Ordering::Relaxed);
    }
}

/// A sink that passes files on to another and counts them.
pub struct Counted<'a> {
    pub inner: &'a dyn Sink,
    pub tally: &'a Tally,
}

impl std::fmt::Debug for Counted<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Counted")
            .field("tally", self.tally)
            .finish()
    }
}

impl Sink for Counted<'_> {
    fn put(&self, path: String, bytes: Vec<u8>) -> std::io::Result<()> {
        self.tally.count(&path, &bytes);
        self.inner.put(path, bytes)
    }
}

/// A sink that keeps the site in memory (`serve`, tests).
#[derive(Debug, Default)]
pub struct MemorySink(Mutex<SiteFiles>);

impl MemorySink {
    pub fn into_files(self) -> SiteFiles {
        self.0
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Sink for MemorySink {
    fn put(&self, path: String, bytes: Vec<u8>) -> std::io::Result<()> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(path, bytes);
        Ok(())
    }
}

/// A file every built site holds, so that a rebuild only ever replaces a
/// folder cchc made itself.
pub const MARKER: &str = ".cchc-site";

/// The templates cchc ships with, used when a repository has no templates/.
const BUILTIN: &[(&str, &str)] = &[
    ("base.html", include_str!("../../../templates/base.html")),
    (
        "components.html",
        include_str!("../../../templates/components.html"),
    ),
    ("home.html", include_str!("../../../templates/home.html")),
    (
        "dashboard.html",
        include_str!("../../../templates/dashboard.html"),
    ),
    ("unit.html", include_str!("../../../templates/unit.html")),
    ("area.html", include_str!("../../../templates/area.html")),
    ("tasks.html", include_str!("../../../templates/tasks.html")),
    ("table.html", include_str!("../../../templates/table.html")),
    (
        "method.html",
        include_str!("../../../templates/method.html"),
    ),
    ("page.html", include_str!("../../../templates/page.html")),
];
const BUILTIN_ASSETS: &[(&str, &[u8])] = &[(
    "style.css",
    include_bytes!("../../../templates/static/style.css"),
)];

/// Templates and static assets, loaded once.
#[derive(Debug)]
pub struct Templates {
    tera: Tera,
    assets: Vec<(String, Vec<u8>)>,
}

impl Templates {
    /// From `(name, source)` pairs and asset files. Template errors name the
    /// template and line.
    pub fn new(
        sources: Vec<(String, String)>,
        assets: Vec<(String, Vec<u8>)>,
    ) -> Result<Self, String> {
        let mut tera = Tera::default();
        tera.autoescape_on([".html"]);
        tera.set_escape_fn(crate::text::write_escaped_html);
        tera.add_raw_templates(sources)
            .map_err(|e| describe_tera_error(&e))?;
        Ok(Templates { tera, assets })
    }

    pub fn builtin() -> Result<Self, String> {
        Templates::new(
            BUILTIN
                .iter()
                .map(|(n, s)| ((*n).to_owned(), (*s).to_owned()))
                .collect(),
            BUILTIN_ASSETS
                .iter()
                .map(|(n, b)| ((*n).to_owned(), b.to_vec()))
                .collect(),
        )
    }
}

/// A Tera error with its causes, which hold the useful part.
pub fn describe_tera_error(e: &tera::Error) -> String {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}

/// How a page is rendered: for the published site, or live in `serve`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Mode {
    #[default]
    Publish,
    /// Pages may load the reload script from the local server.
    Serve,
}

/// What every page sees besides its own data. The home page also gets
/// `campaigns`, known once every campaign has been reported.
#[derive(Serialize)]
struct SiteView<'a> {
    generated: &'a crate::report::TimeView,
    office: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    campaigns: Option<&'a [CampaignLink]>,
    serve: bool,
}

/// A campaign as the home page sees it: its facts, not its rows.
#[derive(Debug, Clone, Serialize)]
pub struct CampaignLink {
    id: String,
    title: String,
    illustrative: bool,
    illustrative_note: Option<String>,
    deadline: String,
    cutoff: String,
    letter_number: String,
    letter_date: Option<String>,
    units_total: usize,
    units_received: usize,
    province: crate::report::Totals,
}

impl From<&CampaignReport> for CampaignLink {
    fn from(c: &CampaignReport) -> Self {
        CampaignLink {
            id: c.id.clone(),
            title: c.title.clone(),
            illustrative: c.illustrative,
            illustrative_note: c.illustrative_note.clone(),
            deadline: c.deadline.clone(),
            cutoff: c.cutoff.clone(),
            letter_number: c.letter_number.clone(),
            letter_date: c.letter_date.clone(),
            units_total: c.units_total,
            units_received: c.units_received,
            province: c.province.clone(),
        }
    }
}

/// Renders the whole site into memory.
pub fn render(
    report: &Report,
    content: &Content,
    t: &Templates,
    mode: Mode,
) -> Result<SiteFiles, String> {
    let sink = MemorySink::default();
    render_into(report, content, t, mode, &sink).map_err(|e| e.to_string())?;
    Ok(sink.into_files())
}

/// Renders the whole site of a finished report into `sink`.
fn render_into(
    report: &Report,
    content: &Content,
    t: &Templates,
    mode: Mode,
    sink: &dyn Sink,
) -> Result<(), RenderError> {
    let pages = report.campaigns.par_iter().map(|c| Ok(Cow::Borrowed(c)));
    render_campaigns(report, content, t, mode, sink, pages)
}

/// Renders the site one campaign at a time: `report_of` builds a campaign's
/// report when its turn comes (from that campaign's files only), and the
/// report is dropped once its pages are out. A build so holds a few
/// campaigns at once, whatever their number; `head` is the report without
/// campaigns ([`crate::report::report_head`]).
pub fn render_streaming<F>(
    head: &Report,
    content: &Content,
    t: &Templates,
    mode: Mode,
    sink: &dyn Sink,
    report_of: F,
) -> Result<(), RenderError>
where
    F: Fn(&crate::model::Campaign) -> Result<CampaignReport, RenderError> + Sync,
{
    let campaigns = crate::report::campaigns_in_order(content);
    let pages = campaigns
        .into_par_iter()
        .map(|c| report_of(c).map(Cow::Owned));
    render_campaigns(head, content, t, mode, sink, pages)
}

fn render_campaigns<'a>(
    head: &Report,
    content: &Content,
    t: &Templates,
    mode: Mode,
    sink: &dyn Sink,
    // Each campaign's report, borrowed from a whole report or built for its
    // turn.
    campaigns: impl IndexedParallelIterator<Item = Result<Cow<'a, CampaignReport>, RenderError>>,
) -> Result<(), RenderError> {
    let base = base_context(head, mode);
    let links: Vec<CampaignLink> = campaigns
        .map(|turn| {
            let c = turn?;
            render_campaign(&c, content, head, t, &base, sink)?;
            Ok(CampaignLink::from(&*c))
        })
        .collect::<Result<_, RenderError>>()?;
    render_home(head, &links, t, mode, sink)
}

/// What every page's context starts with.
fn base_context(head: &Report, mode: Mode) -> Context {
    let site = SiteView {
        generated: &head.generated,
        office: head.office.as_deref(),
        campaigns: None,
        serve: mode == Mode::Serve,
    };
    let mut base = Context::new();
    base.insert("site", &site);
    base
}

/// The home page, the assets and the marker: what is not under a campaign's
/// folder.
pub fn render_home(
    head: &Report,
    links: &[CampaignLink],
    t: &Templates,
    mode: Mode,
    sink: &dyn Sink,
) -> Result<(), RenderError> {
    let site = SiteView {
        generated: &head.generated,
        office: head.office.as_deref(),
        campaigns: Some(links),
        serve: mode == Mode::Serve,
    };
    let mut home = Context::new();
    home.insert("site", &site);
    home.insert("root", "");
    home.insert("kind", "home");
    home.insert("newest", &links.first());
    sink.put("index.html".into(), page(t, "home.html", &home)?)?;
    for (name, bytes) in &t.assets {
        sink.put(format!("assets/{name}"), bytes.clone())?;
    }
    sink.put(
        MARKER.into(),
        b"Built by cchc. A rebuild replaces this folder whole.\n".to_vec(),
    )?;
    Ok(())
}

fn page(t: &Templates, name: &str, ctx: &Context) -> Result<Vec<u8>, String> {
    // Rendered into bytes: `render` would check the whole page is UTF-8
    // again on the way to a String.
    let mut out = Vec::with_capacity(32 * 1024);
    t.tera
        .render_to(name, ctx, &mut out)
        .map(|()| out)
        .map_err(|e| format!("{name}: {}", describe_tera_error(&e)))
}

/// A page's own keys on top of its campaign's context, removed again after
/// the page is rendered: one context serves many pages of a campaign.
struct PageContext<'a> {
    ctx: &'a mut Context,
    keys: Vec<&'static str>,
}

impl<'a> PageContext<'a> {
    fn new(ctx: &'a mut Context, depth: usize, kind: &str) -> Self {
        let mut p = PageContext {
            ctx,
            keys: Vec::new(),
        };
        p.value("root", Value::from("../".repeat(depth)));
        p.value("kind", Value::from(kind));
        p
    }

    fn set<T: Serialize + ?Sized>(&mut self, key: &'static str, data: &T) -> Result<(), String> {
        self.value(key, to_value(data)?);
        Ok(())
    }

    fn value(&mut self, key: &'static str, value: Value) {
        self.ctx.insert_value(key, value);
        self.keys.push(key);
    }

    fn render(self, t: &Templates, name: &str) -> Result<Vec<u8>, String> {
        let result = page(t, name, self.ctx);
        for k in self.keys {
            self.ctx.remove(k);
        }
        result
    }
}

/// `data` as a template value.
fn to_value<T: Serialize + ?Sized>(data: &T) -> Result<Value, String> {
    Value::try_from_serializable(data).map_err(|e| describe_tera_error(&e))
}

/// A campaign as template values, made once and shared by its pages: a
/// value's lists and maps are reference-counted, so a page that shows a
/// thousand rows takes them without copying.
pub struct CampaignValues {
    campaign: Value,
    /// `c.rows`, one value each, made when a page first needs them (a unit
    /// page does not, which `serve` may render alone).
    rows: OnceLock<Result<Vec<Value>, String>>,
}

impl std::fmt::Debug for CampaignValues {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CampaignValues").finish_non_exhaustive()
    }
}

impl CampaignValues {
    pub fn new(c: &CampaignReport) -> Result<Self, RenderError> {
        Ok(CampaignValues {
            campaign: to_value(c)?,
            rows: OnceLock::new(),
        })
    }

    /// The same with the rows made now, on this thread: a build renders
    /// every page, and memory is freed fastest by the thread that took it.
    fn with_rows(c: &CampaignReport) -> Result<Self, RenderError> {
        let values = CampaignValues::new(c)?;
        values.all_rows(c).map_err(RenderError::Template)?;
        Ok(values)
    }

    fn all_rows(&self, c: &CampaignReport) -> Result<&[Value], String> {
        self.rows
            .get_or_init(|| c.rows.iter().map(to_value).collect())
            .as_deref()
            .map_err(Clone::clone)
    }

    /// The rows of `c` at `indices`, as one list.
    fn rows(&self, c: &CampaignReport, indices: &[usize]) -> Result<Value, String> {
        let rows = self.all_rows(c)?;
        Ok(Value::from(
            indices
                .iter()
                .filter_map(|i| rows.get(*i).cloned())
                .collect::<Vec<Value>>(),
        ))
    }
}

/// One file of a campaign's folder.
#[derive(Debug, Clone, Copy)]
enum Job<'a> {
    Dashboard,
    Unit(&'a crate::report::UnitReport),
    Area(&'a crate::report::AreaReport),
    Tasks,
    Table {
        file: &'static str,
        order: &'static str,
        rows: &'a [usize],
    },
    Method,
    Page(&'a crate::model::Page),
    Scaffold(&'a str),
    Csv,
    Xlsx,
    Json,
}

/// Every file of one campaign's folder, without rendering any.
fn jobs<'a>(c: &'a CampaignReport, content: &'a Content) -> Vec<Job<'a>> {
    let mut jobs = vec![Job::Dashboard, Job::Tasks, Job::Method];
    jobs.extend(c.units.iter().map(Job::Unit));
    jobs.extend(c.areas.iter().map(Job::Area));
    jobs.push(Job::Table {
        file: "bang-tong-hop.html",
        order: "order",
        rows: &c.table_by_order,
    });
    jobs.push(Job::Table {
        file: "bang-tong-hop-theo-diem-mat.html",
        order: "loss",
        rows: &c.table_by_loss,
    });
    if let Some(campaign) = content.campaigns.get(&c.id) {
        // Each unit's pre-filled file, for clerks who submit from the Git
        // host's web editor without installing cchc; only for units that
        // have not sent one yet (a unit that has edits its own file).
        if !campaign.closed {
            let sent: std::collections::HashSet<&str> = c
                .units
                .iter()
                .filter(|u| u.has_file)
                .map(|u| u.id.as_str())
                .collect();
            jobs.extend(
                campaign
                    .participants
                    .iter()
                    .filter(|p| !sent.contains(p.unit.as_str()))
                    .map(|p| Job::Scaffold(&p.unit)),
            );
        }
        jobs.extend(campaign.pages.iter().map(Job::Page));
    }
    jobs.extend([Job::Csv, Job::Xlsx, Job::Json]);
    jobs
}

/// One page of each kind of a campaign's folder (its first unit, its first
/// area, …): what `serve` renders at once so that a template that fails
/// shows its error before any page is asked for.
pub fn probe_paths(c: &CampaignReport, content: &Content) -> Vec<String> {
    let mut kinds = Vec::new();
    let mut paths = Vec::new();
    for job in jobs(c, content) {
        let kind = std::mem::discriminant(&job);
        let path = job_path(&job);
        if is_page(&path) && !kinds.contains(&kind) {
            kinds.push(kind);
            paths.push(path);
        }
    }
    paths
}

/// Where a job's file goes inside the campaign's folder.
fn job_path(job: &Job<'_>) -> String {
    match job {
        Job::Dashboard => "index.html".to_owned(),
        Job::Unit(u) => format!("don-vi/{}.html", u.id),
        Job::Area(a) => format!("linh-vuc/{}.html", a.id),
        Job::Tasks => "nhiem-vu.html".to_owned(),
        Job::Table { file, .. } => (*file).to_owned(),
        Job::Method => "phuong-phap.html".to_owned(),
        Job::Page(p) => format!("trang/{}.html", p.slug),
        Job::Scaffold(unit) => format!("mau/{unit}.toml"),
        Job::Csv => "bang-tong-hop.csv".to_owned(),
        Job::Xlsx => "bang-tong-hop.xlsx".to_owned(),
        Job::Json => "bang-tong-hop.json".to_owned(),
    }
}

/// Every file of one campaign's folder, rendered in parallel; each thread
/// keeps one context with `c` for all the pages it renders.
fn render_campaign(
    c: &CampaignReport,
    content: &Content,
    report: &Report,
    t: &Templates,
    base: &Context,
    sink: &dyn Sink,
) -> Result<(), RenderError> {
    let values = CampaignValues::with_rows(c)?;
    let with_c = || {
        let mut ctx = base.clone();
        ctx.insert_value("c", values.campaign.clone());
        ctx
    };
    jobs(c, content)
        .par_iter()
        .try_for_each_init(with_c, |ctx, job| {
            match render_job(*job, c, &values, content, report, t, ctx)? {
                Some(bytes) => Ok(sink.put(format!("{}/{}", c.id, job_path(job)), bytes)?),
                None => Ok(()),
            }
        })
}

/// One file of a campaign's folder, by its path inside the folder
/// (`don-vi/y-te.html`), rendered alone: `serve` renders a page when it is
/// asked for. `None`: no such file.
pub fn render_campaign_file(
    path: &str,
    c: &CampaignReport,
    values: &CampaignValues,
    content: &Content,
    head: &Report,
    t: &Templates,
    mode: Mode,
) -> Result<Option<Vec<u8>>, RenderError> {
    let Some(job) = jobs(c, content).into_iter().find(|j| job_path(j) == path) else {
        return Ok(None);
    };
    let mut ctx = base_context(head, mode);
    ctx.insert_value("c", values.campaign.clone());
    render_job(job, c, values, content, head, t, &mut ctx)
}

/// One file's bytes (`None`: a template file that cannot be made).
fn render_job(
    job: Job<'_>,
    c: &CampaignReport,
    values: &CampaignValues,
    content: &Content,
    report: &Report,
    t: &Templates,
    ctx: &mut Context,
) -> Result<Option<Vec<u8>>, RenderError> {
    let bytes = match job {
        Job::Dashboard => {
            let mut x = PageContext::new(ctx, 1, "dashboard");
            x.value("chart_areas", Value::from(chart::areas(c)));
            x.value("chart_status", Value::from(chart::statuses(c)));
            x.render(t, "dashboard.html")?
        }
        Job::Unit(u) => {
            let mut x = PageContext::new(ctx, 2, "unit");
            x.set("unit", u)?;
            x.set("rows", &u.rows)?;
            x.render(t, "unit.html")?
        }
        Job::Area(a) => {
            let mut x = PageContext::new(ctx, 2, "area");
            x.set("area", a)?;
            x.value("rows", values.rows(c, &a.rows)?);
            x.render(t, "area.html")?
        }
        Job::Tasks => PageContext::new(ctx, 1, "tasks").render(t, "tasks.html")?,
        Job::Table { order, rows, .. } => {
            let mut x = PageContext::new(ctx, 1, "table");
            x.value("order", Value::from(order));
            x.value("rows", values.rows(c, rows)?);
            x.render(t, "table.html")?
        }
        Job::Method => PageContext::new(ctx, 1, "method").render(t, "method.html")?,
        Job::Page(p) => {
            let mut x = PageContext::new(ctx, 2, "page");
            x.value("page_title", Value::from(p.title.as_str()));
            x.value("page_html", Value::from(markdown(&p.markdown)));
            x.render(t, "page.html")?
        }
        Job::Scaffold(unit) => {
            let Some(campaign) = content.campaigns.get(&c.id) else {
                return Ok(None);
            };
            match crate::scaffold::scaffold(content, campaign, unit) {
                Ok(text) => text.into_bytes(),
                Err(_) => return Ok(None),
            }
        }
        Job::Csv => export::csv(c)?,
        Job::Xlsx => export::xlsx(c, report.at)?,
        Job::Json => export::json(c, &report.generated.iso)?,
    };
    Ok(Some(bytes))
}

/// Whether a Markdown link may point there: the web, e-mail, or a page of
/// the site (no scheme).
fn allowed_url(url: &str) -> bool {
    let u = url.trim_start();
    let scheme = u.split_once(':').map(|(s, _)| s).filter(|s| {
        s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    });
    scheme.is_none_or(|s| matches!(s.to_ascii_lowercase().as_str(), "http" | "https" | "mailto"))
}

/// Markdown to HTML, then sanitised: a page may hold links, tables and
/// emphasis, never a script, a frame, an event handler or a style. Raw HTML
/// in the Markdown is shown as text; an image becomes a link to it (the site
/// embeds nothing from elsewhere); a link to a refused address keeps its text
/// only.
pub fn markdown(src: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};
    // For each open link or image: whether its start was dropped.
    let mut dropped: Vec<bool> = Vec::new();
    let events = Parser::new_ext(src, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH)
        .filter_map(|event| match event {
            Event::Html(h) | Event::InlineHtml(h) => Some(Event::Text(h)),
            // An image becomes a link to it: pages load nothing from
            // elsewhere.
            Event::Start(
                Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }
                | Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                },
            ) => {
                let keep = allowed_url(&dest_url);
                dropped.push(!keep);
                keep.then_some(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }))
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if dropped.pop().unwrap_or(false) {
                    None
                } else {
                    Some(Event::End(TagEnd::Link))
                }
            }
            other => Some(other),
        });
    let mut raw = String::new();
    html::push_html(&mut raw, events);
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer"))
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .clean(&raw)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_images_become_links_and_relative_links_stay() {
        let html = markdown(
            "![Sơ đồ](https://example.gov.vn/a.png) [trang](huong-dan.html) [t](data:text/html,x)",
        );
        assert!(
            html.contains(
                "<a href=\"https://example.gov.vn/a.png\" rel=\"noopener noreferrer\">Sơ đồ</a>"
            ),
            "{html}"
        );
        assert!(
            html.contains("<a href=\"huong-dan.html\" rel=\"noopener noreferrer\">trang</a>"),
            "{html}"
        );
        assert!(!html.contains("data:"), "{html}");
        assert!(!html.contains("<img"), "{html}");
    }

    #[test]
    fn markdown_is_sanitised() {
        let html = markdown(
            "# Tiêu đề\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
        );
        assert!(html.contains("<h1>Tiêu đề</h1>"), "{html}");
        assert!(html.contains("<table>"), "{html}");
        // Raw HTML is text, not markup.
        assert!(!html.contains("<script"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(!html.contains("<img"), "{html}");
        // A refused link keeps its text and loses its address and its tag.
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("<a>") && !html.contains("<a rel"), "{html}");
        assert!(html.contains("<p>x "), "{html}");
    }
}
