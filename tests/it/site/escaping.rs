//! Hostile text in every field comes out escaped.

use cchc_core::input::FileData;
use cchc_core::input::Input;
use cchc_core::pipeline::validate;

use super::{build, later, page, sample};

pub(super) fn replace_in(input: &mut Input, path: &str, from: &str, to: &str) {
    let Some(FileData::Bytes(b)) = input.files.get_mut(path) else {
        panic!("{path}")
    };
    let text = String::from_utf8(b.clone()).unwrap();
    assert!(text.contains(from), "{from:?} not in {path}");
    *b = text.replacen(from, to, 1).into_bytes();
}

const PAYLOADS: [&str; 4] = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(2)>",
    "<svg onload=alert(3)>",
    "</textarea><iframe src=javascript:alert(4)>",
];

#[test]
fn hostile_text_in_every_field_comes_out_escaped() {
    let mut input = sample();
    let sub = "submissions/2023-9t/tu-phap.toml";
    let text = String::from_utf8(match &input.files[sub] {
        FileData::Bytes(b) => b.clone(),
        FileData::TooLarge { .. } => unreachable!(),
    })
    .unwrap();
    // Every free-text value of the file gets a payload appended.
    let mut hostile = String::new();
    for (i, line) in text.lines().enumerate() {
        let key = line.split('=').next().unwrap_or("").trim();
        let payload = PAYLOADS[i % PAYLOADS.len()].replace('"', "'");
        if [
            "name",
            "position",
            "note",
            "shortcomings",
            "causes",
            "remedy",
            "explanation",
            "reason",
            "title",
            "number",
        ]
        .contains(&key)
            && line.trim_end().ends_with('"')
            && !line.contains("\"\"\"")
        {
            let cut = line.trim_end().len() - 1;
            hostile.push_str(&format!("{}{payload}\"\n", &line[..cut]));
        } else {
            hostile.push_str(line);
            hostile.push('\n');
        }
    }
    // Multi-line texts open with `= """` at the end of a line.
    hostile = hostile.replace(
        "= \"\"\"\n",
        &format!("= \"\"\"\n{}\n", PAYLOADS[0].replace('"', "'")),
    );
    input
        .files
        .insert(sub.into(), FileData::Bytes(hostile.into_bytes()));
    // Content the office writes, too: a unit's name and a page.
    replace_in(
        &mut input,
        "content/units.toml",
        "name = \"Sở Tư pháp\"",
        "name = \"Sở Tư pháp <script>alert(5)</script>\"",
    );
    replace_in(
        &mut input,
        "content/campaigns/2023-9t/cong-van.md",
        "+++\n\n",
        "+++\n\n<script>alert(6)</script> [x](javascript:alert(7)) <img src=x onerror=alert(8)>\n\n",
    );
    let outcome = validate(&input, later());
    let problems: Vec<String> = outcome
        .diags
        .iter()
        .filter(|d| &*d.span.file == sub)
        .map(|d| format!("{} {}", d.code.as_str(), d.message.en))
        .collect();
    assert!(
        !outcome.diags.file_has_errors(sub),
        "the hostile file must still be valid so its text is shown: {problems:?}"
    );
    let site = build(&input, later());
    let unit = page(&site, "2023-9t/don-vi/tu-phap.html");
    assert!(
        unit.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || unit.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "payload not shown escaped"
    );
    for (path, bytes) in &site {
        if !path.ends_with(".html") {
            continue;
        }
        let html = std::str::from_utf8(bytes).unwrap();
        for tag in tags(html) {
            assert!(
                !["script", "iframe", "object", "embed", "frame", "base"]
                    .contains(&tag.name.as_str()),
                "{path}: a <{}> tag from input",
                tag.name
            );
            for (attr, value) in &tag.attrs {
                assert!(
                    !attr.starts_with("on"),
                    "{path}: event handler {attr} on <{}>",
                    tag.name
                );
                assert!(
                    !value.trim_start().to_lowercase().starts_with("javascript:"),
                    "{path}: javascript: in {attr}"
                );
            }
        }
    }
}

struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
}

/// The real tags of a page (not text that looks like tags, which is
/// escaped), with their attributes: enough to tell what a browser would run.
fn tags(html: &str) -> Vec<Tag> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        let inner = &rest[..end];
        rest = &rest[end..];
        if inner.starts_with('/') || inner.starts_with('!') {
            continue;
        }
        let name_end = inner
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(inner.len());
        let name = inner[..name_end].to_lowercase();
        let mut attrs = Vec::new();
        let body = &inner[name_end..];
        let mut i = 0;
        let b = body.as_bytes();
        while i < b.len() {
            while i < b.len() && (b[i] as char).is_whitespace() {
                i += 1;
            }
            let start = i;
            while i < b.len() && !(b[i] as char).is_whitespace() && b[i] != b'=' && b[i] != b'/' {
                i += 1;
            }
            let attr = body[start..i].to_lowercase();
            let mut value = String::new();
            if i < b.len() && b[i] == b'=' {
                i += 1;
                if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                    let q = b[i];
                    i += 1;
                    let vs = i;
                    while i < b.len() && b[i] != q {
                        i += 1;
                    }
                    value = body[vs..i].to_owned();
                    i += 1;
                } else {
                    let vs = i;
                    while i < b.len() && !(b[i] as char).is_whitespace() {
                        i += 1;
                    }
                    value = body[vs..i].to_owned();
                }
            }
            if !attr.is_empty() {
                attrs.push((attr, value));
            }
            if i == start {
                i += 1;
            }
        }
        out.push(Tag { name, attrs });
    }
    out
}
