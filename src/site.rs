//! The public site: every page and download, rendered from the report with
//! the Tera templates of templates/ (editable without recompiling; the
//! copies built into cchc serve when a repository has none). Pure: the
//! result is a map of paths to bytes that an edge writes or serves.

use std::collections::BTreeMap;

use serde::Serialize;
use tera::{Context, Tera};

use crate::chart;
use crate::export;
use crate::model::Content;
use crate::report::{CampaignReport, Report};

/// The built site: relative path → bytes, in a stable order.
pub type SiteFiles = BTreeMap<String, Vec<u8>>;

/// A file every built site holds, so that a rebuild only ever replaces a
/// folder cchc made itself.
pub const MARKER: &str = ".cchc-site";

/// The templates cchc ships with, used when a repository has no templates/.
const BUILTIN: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("macros.html", include_str!("../templates/macros.html")),
    ("home.html", include_str!("../templates/home.html")),
    (
        "dashboard.html",
        include_str!("../templates/dashboard.html"),
    ),
    ("unit.html", include_str!("../templates/unit.html")),
    ("area.html", include_str!("../templates/area.html")),
    ("tasks.html", include_str!("../templates/tasks.html")),
    ("table.html", include_str!("../templates/table.html")),
    ("method.html", include_str!("../templates/method.html")),
    ("page.html", include_str!("../templates/page.html")),
];
const BUILTIN_ASSETS: &[(&str, &[u8])] =
    &[("style.css", include_bytes!("../templates/static/style.css"))];

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
        tera.add_raw_templates(sources)
            .map_err(|e| describe_tera_error(&e))?;
        tera.autoescape_on(vec![".html"]);
        tera.set_escape_fn(crate::text::escape_html);
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

/// What every page sees besides its own data.
#[derive(Serialize)]
struct SiteView<'a> {
    generated: &'a crate::report::TimeView,
    office: Option<&'a str>,
    campaigns: Vec<CampaignLink<'a>>,
    serve: bool,
}

#[derive(Serialize)]
struct CampaignLink<'a> {
    id: &'a str,
    title: &'a str,
    illustrative: bool,
    deadline: &'a str,
    cutoff: &'a str,
    letter_number: &'a str,
    units_total: usize,
    units_received: usize,
}

/// Renders the whole site.
pub fn render(
    report: &Report,
    content: &Content,
    t: &Templates,
    mode: Mode,
) -> Result<SiteFiles, String> {
    let site = SiteView {
        generated: &report.generated,
        office: report.office.as_deref(),
        campaigns: report
            .campaigns
            .iter()
            .map(|c| CampaignLink {
                id: &c.id,
                title: &c.title,
                illustrative: c.illustrative,
                deadline: &c.deadline,
                cutoff: &c.cutoff,
                letter_number: &c.letter_number,
                units_total: c.units_total,
                units_received: c.units_received,
            })
            .collect(),
        serve: mode == Mode::Serve,
    };
    let mut base = Context::new();
    base.insert("site", &site);
    let mut out = SiteFiles::new();
    let mut home = base.clone();
    home.insert("root", "");
    home.insert("kind", "home");
    home.insert("newest", &report.campaigns.first());
    out.insert("index.html".into(), page(t, "home.html", &home)?);
    for c in &report.campaigns {
        render_campaign(c, content, report, t, &base, &mut out)?;
    }
    for (name, bytes) in &t.assets {
        out.insert(format!("assets/{name}"), bytes.clone());
    }
    out.insert(
        MARKER.into(),
        b"Built by cchc. A rebuild replaces this folder whole.\n".to_vec(),
    );
    Ok(out)
}

fn page(t: &Templates, name: &str, ctx: &Context) -> Result<Vec<u8>, String> {
    t.tera
        .render(name, ctx)
        .map(String::into_bytes)
        .map_err(|e| format!("{name}: {}", describe_tera_error(&e)))
}

fn render_campaign(
    c: &CampaignReport,
    content: &Content,
    report: &Report,
    t: &Templates,
    base: &Context,
    out: &mut SiteFiles,
) -> Result<(), String> {
    let dir = &c.id;
    let mut ctx = base.clone();
    ctx.insert("c", c);
    let at = |depth: usize, kind: &str| {
        let mut x = ctx.clone();
        x.insert("root", &"../".repeat(depth));
        x.insert("kind", kind);
        x
    };

    let mut dash = at(1, "dashboard");
    dash.insert("chart_areas", &chart::areas(c));
    dash.insert("chart_status", &chart::statuses(c));
    out.insert(
        format!("{dir}/index.html"),
        page(t, "dashboard.html", &dash)?,
    );

    for u in &c.units {
        let mut x = at(2, "unit");
        x.insert("unit", u);
        out.insert(
            format!("{dir}/don-vi/{}.html", u.id),
            page(t, "unit.html", &x)?,
        );
    }
    for a in &c.areas {
        let mut x = at(2, "area");
        x.insert("area", a);
        out.insert(
            format!("{dir}/linh-vuc/{}.html", a.id),
            page(t, "area.html", &x)?,
        );
    }
    out.insert(
        format!("{dir}/nhiem-vu.html"),
        page(t, "tasks.html", &at(1, "tasks"))?,
    );
    for (file, order, rows) in [
        ("bang-tong-hop.html", "order", &c.table_by_order),
        ("bang-tong-hop-theo-diem-mat.html", "loss", &c.table_by_loss),
    ] {
        let mut x = at(1, "table");
        x.insert("order", order);
        x.insert("table_rows", rows);
        out.insert(format!("{dir}/{file}"), page(t, "table.html", &x)?);
    }
    out.insert(
        format!("{dir}/phuong-phap.html"),
        page(t, "method.html", &at(1, "method"))?,
    );

    if let Some(campaign) = content.campaigns.get(&c.id) {
        // Each unit's pre-filled file, for clerks who submit from the Git
        // host's web editor without installing cchc.
        if !campaign.closed {
            for p in &campaign.participants {
                if let Ok(text) = crate::scaffold::scaffold(content, campaign, &p.unit) {
                    out.insert(format!("{dir}/mau/{}.toml", p.unit), text.into_bytes());
                }
            }
        }
        for p in &campaign.pages {
            let mut x = at(2, "page");
            x.insert("page_title", &p.title);
            x.insert("page_html", &markdown(&p.markdown));
            out.insert(
                format!("{dir}/trang/{}.html", p.slug),
                page(t, "page.html", &x)?,
            );
        }
    }

    out.insert(format!("{dir}/bang-tong-hop.csv"), export::csv(c)?);
    out.insert(
        format!("{dir}/bang-tong-hop.xlsx"),
        export::xlsx(c, report.at)?,
    );
    out.insert(
        format!("{dir}/bang-tong-hop.json"),
        export::json(c, &report.generated.iso)?,
    );
    Ok(())
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
    use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd, html};
    // For each open link or image: whether its start was dropped.
    let mut dropped: Vec<bool> = Vec::new();
    let events = Parser::new_ext(src, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH)
        .filter_map(|event| match event {
            Event::Html(h) | Event::InlineHtml(h) => Some(Event::Text(h)),
            Event::Start(Tag::Link {
                dest_url,
                title,
                id,
                link_type,
            }) => {
                let keep = allowed_url(&dest_url);
                dropped.push(!keep);
                keep.then_some(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }))
            }
            Event::Start(Tag::Image {
                dest_url,
                title,
                id,
                ..
            }) => {
                let keep = allowed_url(&dest_url);
                dropped.push(!keep);
                keep.then_some(Event::Start(Tag::Link {
                    link_type: LinkType::Inline,
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
