//! Where every file of the site goes and how a page links to it: both made here, from the same segments.
//!
//! A path is a list of segments (`2023`, `don-vi`, `y-te.html`). The file
//! written joins them as they are; a link joins them percent-encoded, every
//! byte outside unreserved ASCII (`A–Z a–z 0–9 - . _ ~`) as `%XX`, so that an
//! id with a space or a Vietnamese letter still links to its file. Templates
//! get the links from the `href` function ([`register`]).

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use tera::{Kwargs, State, Tera};

/// What a link's segment encodes: all but RFC 3986's unreserved characters.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// One file of the site, as its segments from the site's root or from a
/// campaign's folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitePath(Vec<String>);

impl SitePath {
    fn new<const N: usize>(segments: [&str; N]) -> Self {
        SitePath(segments.iter().map(|s| (*s).to_owned()).collect())
    }

    /// The path of the file written, `/` between segments.
    pub fn file(&self) -> String {
        self.0.join("/")
    }

    /// The link to the file from where the path starts: each segment
    /// percent-encoded.
    pub fn href(&self) -> String {
        let mut out = String::with_capacity(self.0.iter().map(|s| s.len() + 1).sum());
        for (i, s) in self.0.iter().enumerate() {
            if i > 0 {
                out.push('/');
            }
            // Most segments need no encoding: pushed as they are, with no
            // formatting machinery (a site has a link per row).
            out.extend(utf8_percent_encode(s, SEGMENT));
        }
        out
    }

    /// The same path inside `folder`.
    fn under(mut self, folder: &str) -> Self {
        self.0.insert(0, folder.to_owned());
        self
    }
}

/// A file of a campaign's folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target<'a> {
    /// The campaign's dashboard.
    Dashboard,
    /// A unit's page, by the unit's id.
    Unit(&'a str),
    /// An area's page, by the area's id.
    Area(&'a str),
    /// The tasks page (nhiem-vu.html).
    Tasks,
    /// The consolidated table in criteria order.
    Table,
    /// The consolidated table by points lost.
    TableByLoss,
    /// The method page (phuong-phap.html).
    Method,
    /// A Markdown page, by its slug.
    Page(&'a str),
    /// A unit's pre-filled file, by the unit's id.
    Scaffold(&'a str),
    /// The consolidated table as CSV (bang-tong-hop.csv).
    Csv,
    /// The consolidated table as XLSX (bang-tong-hop.xlsx).
    Xlsx,
    /// The consolidated table as JSON (bang-tong-hop.json).
    Json,
}

/// Where `target` is inside its campaign's folder.
pub fn in_campaign(target: Target<'_>) -> SitePath {
    match target {
        Target::Dashboard => SitePath::new(["index.html"]),
        Target::Unit(id) => SitePath::new(["don-vi", &format!("{id}.html")]),
        Target::Area(id) => SitePath::new(["linh-vuc", &format!("{id}.html")]),
        Target::Tasks => SitePath::new(["nhiem-vu.html"]),
        Target::Table => SitePath::new(["bang-tong-hop.html"]),
        Target::TableByLoss => SitePath::new(["bang-tong-hop-theo-diem-mat.html"]),
        Target::Method => SitePath::new(["phuong-phap.html"]),
        Target::Page(slug) => SitePath::new(["trang", &format!("{slug}.html")]),
        Target::Scaffold(unit) => SitePath::new(["mau", &format!("{unit}.toml")]),
        Target::Csv => SitePath::new(["bang-tong-hop.csv"]),
        Target::Xlsx => SitePath::new(["bang-tong-hop.xlsx"]),
        Target::Json => SitePath::new(["bang-tong-hop.json"]),
    }
}

/// Where `target` of the campaign `campaign` is from the site's root.
pub fn campaign_file(campaign: &str, target: Target<'_>) -> SitePath {
    in_campaign(target).under(campaign)
}

/// The home page.
pub fn home() -> SitePath {
    SitePath::new(["index.html"])
}

/// A static asset (a file of templates/static/).
pub fn asset(name: &str) -> SitePath {
    SitePath::new(["assets", name])
}

/// The file a link points to: the link's segments decoded. `None` if they
/// do not decode to UTF-8 text.
pub fn file_of(href: &str) -> Option<String> {
    percent_decode_str(href)
        .decode_utf8()
        .ok()
        .map(std::borrow::Cow::into_owned)
}

/// The target named `to` in a template, with its `id` where it takes one.
fn target<'a>(to: &str, id: Option<&'a str>) -> Result<Target<'a>, String> {
    let id = || id.ok_or_else(|| format!("href(to=\"{to}\") needs an id"));
    Ok(match to {
        "dashboard" => Target::Dashboard,
        "unit" => Target::Unit(id()?),
        "area" => Target::Area(id()?),
        "tasks" => Target::Tasks,
        "table" => Target::Table,
        "table-by-loss" => Target::TableByLoss,
        "method" => Target::Method,
        "page" => Target::Page(id()?),
        "scaffold" => Target::Scaffold(id()?),
        "csv" => Target::Csv,
        "xlsx" => Target::Xlsx,
        "json" => Target::Json,
        other => return Err(format!("href: no page {other:?}")),
    })
}

/// The `href` template function: `href(to="unit", id=u.id)` is the link to
/// a unit's page from its campaign's folder (`don-vi/y-te.html`);
/// `campaign=c.id` makes it from the site's root (`2023/don-vi/y-te.html`),
/// which is what `to="home"` and `to="asset", id="style.css"` are from.
fn href_function(kwargs: &Kwargs) -> tera::TeraResult<String> {
    let to: &str = kwargs.must_get("to")?;
    let id: Option<&str> = kwargs.get("id")?;
    let campaign: Option<&str> = kwargs.get("campaign")?;
    let path = match (to, id) {
        ("home", _) => home(),
        ("asset", Some(name)) => asset(name),
        ("asset", None) => return Err(tera::Error::message("href(to=\"asset\") needs an id")),
        _ => {
            let t = target(to, id).map_err(tera::Error::message)?;
            match campaign {
                Some(c) => campaign_file(c, t),
                None => in_campaign(t),
            }
        }
    };
    Ok(path.href())
}

/// Makes the `href` function known to the templates.
pub fn register(tera: &mut Tera) {
    tera.register_function("href", |kwargs: Kwargs, _: &State| href_function(&kwargs));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_ids_are_links_as_they_are() {
        let p = campaign_file("2023", Target::Unit("y-te"));
        assert_eq!(p.file(), "2023/don-vi/y-te.html");
        assert_eq!(p.href(), "2023/don-vi/y-te.html");
        assert_eq!(
            in_campaign(Target::TableByLoss).href(),
            "bang-tong-hop-theo-diem-mat.html"
        );
        assert_eq!(asset("style.css").href(), "assets/style.css");
    }

    #[test]
    fn a_link_that_needs_encoding_leads_to_its_file() {
        for (id, encoded) in [
            ("sở y tế", "s%E1%BB%9F%20y%20t%E1%BA%BF"),
            ("a/b?c#d%e", "a%2Fb%3Fc%23d%25e"),
        ] {
            let p = campaign_file("đợt 1", Target::Page(id));
            assert_eq!(p.file(), format!("đợt 1/trang/{id}.html"));
            assert_eq!(
                p.href(),
                format!("%C4%91%E1%BB%A3t%201/trang/{encoded}.html")
            );
            assert!(
                p.href()
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-._~%/".contains(&b))
            );
            assert_eq!(file_of(&p.href()).as_deref(), Some(p.file().as_str()));
        }
    }

    #[test]
    fn the_template_function_gives_the_same_links() {
        let mut tera = Tera::default();
        register(&mut tera);
        tera.add_raw_template(
            "t",
            "{{ href(to=\"unit\", id=\"y tế\") }} {{ href(to=\"dashboard\", campaign=\"đợt 1\") }} {{ href(to=\"home\") }}",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let out = tera
            .render("t", &tera::Context::new())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            out,
            format!(
                "{} {} index.html",
                in_campaign(Target::Unit("y tế")).href(),
                campaign_file("đợt 1", Target::Dashboard).href()
            )
        );
        assert_eq!(
            out,
            "don-vi/y%20t%E1%BA%BF.html %C4%91%E1%BB%A3t%201/index.html index.html"
        );
    }
}
