//! Tera rendering: the templates, a page's context, a campaign's values and each file of its folder.

use std::sync::OnceLock;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera, Value};

use super::jobs::{Job, job_path, jobs};
use super::markdown::markdown;
use super::{Mode, RenderError, Sink, base_context};
use crate::chart::{self, Width};
use crate::export;
use crate::model::Content;
use crate::report::{CampaignReport, Report};
use crate::urls::campaign_file;

/// The templates cchc ships with, used when a repository has no templates/.
const BUILTIN: &[(&str, &str)] = &[
    ("base.html", include_str!("../../../../templates/base.html")),
    (
        "components.html",
        include_str!("../../../../templates/components.html"),
    ),
    ("home.html", include_str!("../../../../templates/home.html")),
    (
        "dashboard.html",
        include_str!("../../../../templates/dashboard.html"),
    ),
    ("unit.html", include_str!("../../../../templates/unit.html")),
    ("area.html", include_str!("../../../../templates/area.html")),
    (
        "tasks.html",
        include_str!("../../../../templates/tasks.html"),
    ),
    (
        "chase.html",
        include_str!("../../../../templates/chase.html"),
    ),
    (
        "table.html",
        include_str!("../../../../templates/table.html"),
    ),
    (
        "method.html",
        include_str!("../../../../templates/method.html"),
    ),
    ("page.html", include_str!("../../../../templates/page.html")),
    (
        "appraisal.html",
        include_str!("../../../../templates/appraisal.html"),
    ),
];
const BUILTIN_ASSETS: &[(&str, &[u8])] = &[(
    "style.css",
    include_bytes!("../../../../templates/static/style.css"),
)];

/// Templates and static assets, loaded once.
#[derive(Debug)]
pub struct Templates {
    tera: Tera,
    pub(super) assets: Vec<(String, Vec<u8>)>,
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
        super::href::register(&mut tera);
        tera.add_raw_templates(sources)
            .map_err(|e| describe_tera_error(&e))?;
        Ok(Templates { tera, assets })
    }

    /// The templates and assets built into cchc; errors with the failing template, named, when one does not parse.
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

pub(super) fn page(t: &Templates, name: &str, ctx: &Context) -> Result<Vec<u8>, String> {
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
    /// The campaign's report as template values; errors when it cannot be serialized.
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

/// Every file of one campaign's folder, rendered in parallel; each thread
/// keeps one context with `c` for all the pages it renders.
pub(super) fn render_campaign(
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
                Some(bytes) => Ok(sink.put(campaign_file(&c.id, job.target()).file(), bytes)?),
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
            x.value("chart_areas", Value::from(chart::areas(c, Width::Wide)));
            let narrow = chart::areas(c, Width::Narrow);
            x.value("chart_areas_narrow", Value::from(narrow));
            x.value("chart_status", Value::from(chart::statuses(c, Width::Wide)));
            let narrow = chart::statuses(c, Width::Narrow);
            x.value("chart_status_narrow", Value::from(narrow));
            x.value("most_lost_rows", values.rows(c, &c.most_lost_rows)?);
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
        Job::Chase => PageContext::new(ctx, 1, "chase").render(t, "chase.html")?,
        Job::Appraisal => PageContext::new(ctx, 1, "appraisal").render(t, "appraisal.html")?,
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
        Job::TasksCsv => export::tasks_csv(c)?,
        Job::ChaseCsv => export::chase_csv(c)?,
        Job::AppraisalCsv => export::cycle_csv(c)?,
    };
    Ok(Some(bytes))
}
