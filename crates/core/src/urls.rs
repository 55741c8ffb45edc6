//! Where every file of the site goes and how a page links to it: both made here, from the same segments.
//!
//! A path is a list of segments (`2023`, `don-vi`, `y-te.html`). The file
//! written joins them as they are; a link joins them percent-encoded, every
//! byte outside unreserved ASCII (`A–Z a–z 0–9 - . _ ~`) as `%XX`, so that an
//! id with a space or a Vietnamese letter still links to its file. The
//! report's views carry the links their pages show (a row's area, a unit's
//! page); templates make the others with the site's `href` function.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

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
    /// The plan's tasks as CSV (bang-tong-hop-nhiem-vu.csv).
    TasksCsv,
    /// The units to chase (can-don-doc.html).
    Chase,
    /// The same as CSV (can-don-doc.csv).
    ChaseCsv,
    /// The appraisal against the self-assessment (tham-dinh.html).
    Appraisal,
    /// The same, each unit's criteria, as CSV (tham-dinh.csv).
    AppraisalCsv,
}

impl<'a> Target<'a> {
    /// Where the target is in its campaign's folder: the sub-folder if
    /// any, the file's name before its extension, and the extension.
    fn place(self) -> (Option<&'static str>, &'a str, &'static str) {
        match self {
            Target::Dashboard => (None, "index", ".html"),
            Target::Unit(id) => (Some("don-vi"), id, ".html"),
            Target::Area(id) => (Some("linh-vuc"), id, ".html"),
            Target::Tasks => (None, "nhiem-vu", ".html"),
            Target::Table => (None, "bang-tong-hop", ".html"),
            Target::TableByLoss => (None, "bang-tong-hop-theo-diem-mat", ".html"),
            Target::Method => (None, "phuong-phap", ".html"),
            Target::Page(slug) => (Some("trang"), slug, ".html"),
            Target::Scaffold(unit) => (Some("mau"), unit, ".toml"),
            Target::Csv => (None, "bang-tong-hop", ".csv"),
            Target::Xlsx => (None, "bang-tong-hop", ".xlsx"),
            Target::Json => (None, "bang-tong-hop", ".json"),
            Target::TasksCsv => (None, "bang-tong-hop-nhiem-vu", ".csv"),
            Target::Chase => (None, "can-don-doc", ".html"),
            Target::ChaseCsv => (None, "can-don-doc", ".csv"),
            Target::Appraisal => (None, "tham-dinh", ".html"),
            Target::AppraisalCsv => (None, "tham-dinh", ".csv"),
        }
    }
}

/// Where `target` is inside its campaign's folder.
pub fn in_campaign(target: Target<'_>) -> SitePath {
    let (folder, name, ext) = target.place();
    let file = format!("{name}{ext}");
    SitePath(
        folder
            .map(str::to_owned)
            .into_iter()
            .chain([file])
            .collect(),
    )
}

/// The link to `target` from its campaign's folder: what
/// `in_campaign(target).href()` gives, made without the path (the report
/// makes one per row).
pub fn link(target: Target<'_>) -> String {
    link_into(String::new(), target)
}

/// The link to `target` of the campaign `campaign` from the site's root:
/// what `campaign_file(campaign, target).href()` gives.
pub fn link_from_root(campaign: &str, target: Target<'_>) -> String {
    let mut out = String::with_capacity(campaign.len() + 24);
    out.extend(utf8_percent_encode(campaign, SEGMENT));
    out.push('/');
    link_into(out, target)
}

/// `out` followed by the link to `target` from its campaign's folder.
fn link_into(mut out: String, target: Target<'_>) -> String {
    let (folder, name, ext) = target.place();
    out.reserve(folder.map_or(0, |f| f.len() + 1) + name.len() + ext.len());
    if let Some(f) = folder {
        out.push_str(f);
        out.push('/');
    }
    // The extension needs no encoding (letters and a dot).
    out.extend(utf8_percent_encode(name, SEGMENT));
    out.push_str(ext);
    out
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

/// The anchor (`id`) of a criteria row on the pages that list it (an area's
/// page, a unit's page, the consolidated table), from the row's id:
/// `tc-2.1.1`. The id is percent-encoded as a segment, so the same text
/// serves as the element's `id` and as the link's fragment.
pub fn row_anchor(row: &str) -> String {
    let mut out = String::with_capacity(row.len() + 3);
    out.push_str("tc-");
    out.extend(utf8_percent_encode(row, SEGMENT));
    out
}

/// The link to a criteria row on `target`'s page, from the campaign's
/// folder: `linh-vuc/2.html#tc-2.1.1`.
pub fn link_to_row(target: Target<'_>, row: &str) -> String {
    let mut out = link(target);
    out.push('#');
    out.push_str(&row_anchor(row));
    out
}

/// Why a text is not a web address that anyone can open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NotWeb {
    /// A path to a file on a computer (`C:\…`, `file://…`).
    File,
    /// Another scheme than http or https, as written (`ftp`, `javascript`).
    Scheme(String),
    /// Not an address at all, or http(s) without a host.
    Malformed,
}

/// The text as an http or https address with a host, parsed; else why it
/// is not one. The parser repairs `http:///x` and `https:/host` into links
/// with a host; as written, they have none, and are refused.
pub(crate) fn web_address(text: &str) -> Result<url::Url, NotWeb> {
    let u = url::Url::parse(text).map_err(|_| NotWeb::Malformed)?;
    if !matches!(u.scheme(), "http" | "https") {
        return Err(if u.scheme().len() == 1 || u.scheme() == "file" {
            NotWeb::File
        } else {
            NotWeb::Scheme(u.scheme().to_owned())
        });
    }
    let lower = text.to_ascii_lowercase();
    let written = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    let has_host = written.is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'));
    if !has_host || u.host_str().is_none_or(str::is_empty) {
        return Err(NotWeb::Malformed);
    }
    Ok(u)
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
    fn a_link_is_the_encoded_path() {
        for id in ["y-te", "sở y tế", "a/b?c#d%e", ""] {
            for t in [
                Target::Dashboard,
                Target::Unit(id),
                Target::Area(id),
                Target::Tasks,
                Target::Table,
                Target::TableByLoss,
                Target::Method,
                Target::Page(id),
                Target::Scaffold(id),
                Target::Csv,
                Target::Xlsx,
                Target::Json,
                Target::TasksCsv,
                Target::Chase,
                Target::ChaseCsv,
                Target::Appraisal,
                Target::AppraisalCsv,
            ] {
                assert_eq!(link(t), in_campaign(t).href(), "{t:?}");
                assert_eq!(link_from_root(id, t), campaign_file(id, t).href(), "{t:?}");
            }
        }
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
}
