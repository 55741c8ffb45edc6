//! The public site: every page and download, rendered from the report with
//! the Tera templates of templates/ (editable without recompiling; the
//! copies built into cchc serve when a repository has none). Pure: each
//! file goes to a [`Sink`] as soon as it is rendered, campaigns in parallel;
//! the edge behind the sink writes it to disk or keeps it in memory.

mod href;
mod jobs;
mod markdown;
mod render;
mod sink;

use std::borrow::Cow;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::model::Content;
use crate::report::{CampaignReport, Report};

pub use jobs::probe_paths;
pub use markdown::markdown;
pub use render::{CampaignValues, Templates, describe_tera_error, render_campaign_file};
pub use sink::{Counted, MemorySink, Sink, SiteFiles, Tally, is_page};

use render::{page, render_campaign};

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

/// A file every built site holds, so that a rebuild only ever replaces a
/// folder cchc made itself.
pub const MARKER: &str = ".cchc-site";

/// How a page is rendered: for the published site, or live in `serve`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Mode {
    /// For the published site: no reload script.
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
    province: crate::report::Breakdown,
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
    sink.put(crate::urls::home().file(), page(t, "home.html", &home)?)?;
    for (name, bytes) in &t.assets {
        sink.put(crate::urls::asset(name).file(), bytes.clone())?;
    }
    sink.put(
        MARKER.into(),
        b"Built by cchc. A rebuild replaces this folder whole.\n".to_vec(),
    )?;
    Ok(())
}
