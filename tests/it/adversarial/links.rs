//! Links.

use cchc_core::diag::Code;

use super::sample::{Block, Case, Item, Sample, Sub, splice};

pub(super) fn links(s: &Sample) -> Vec<Case> {
    let variants: &[(&str, Code)] = &[
        ("javascript:alert(1)", Code::E052),
        ("JavaScript:alert(document.cookie)", Code::E052),
        ("  javascript:alert(1)  ", Code::E052),
        // The tab is dropped by URL parsing, as browsers do.
        ("java\tscript:alert(1)", Code::E052),
        ("javascript://example.com/%0Aalert(1)", Code::E052),
        (
            "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
            Code::E052,
        ),
        ("data:,hello", Code::E052),
        ("vbscript:msgbox(1)", Code::E052),
        ("file:///C:/tai-lieu/qd-115.pdf", Code::E052),
        ("file://server/share/qd.pdf", Code::E052),
        ("C:\\\\Users\\\\van-thu\\\\qd.pdf", Code::E052),
        ("ftp://ftp.hungyen.example/qd.pdf", Code::E052),
        ("mailto:vanthu@hungyen.example", Code::E052),
        ("tel:+842213000000", Code::E052),
        ("about:blank", Code::E052),
        ("blob:https://example.com/uuid", Code::E052),
        ("http://", Code::E053),
        ("https://", Code::E053),
        ("http:///qd.pdf", Code::E053),
        ("https:/vanban.hungyen.example/qd.pdf", Code::E053),
        ("http://van ban.hungyen.example/", Code::E053),
        ("//vanban.hungyen.example/qd.pdf", Code::E053),
        ("www.hungyen.gov.vn/qd.pdf", Code::E053),
        ("vanban.hungyen.example", Code::E053),
        ("https://[::1", Code::E053),
        ("http://example.com:99999/", Code::E053),
        ("https://exa%mple.com/", Code::E053),
        ("\\\\\\\\server\\\\share\\\\qd.pdf", Code::E053),
        ("https:", Code::E053),
        (":", Code::E053),
        ("115/QĐ-UBND", Code::E053),
    ];
    let mut out = Vec::new();
    let with_evidence: Vec<&Sub> = s
        .subs
        .iter()
        .filter(|x| !x.headers(Block::Evidence).is_empty())
        .collect();
    for (i, (link, code)) in variants.iter().enumerate() {
        for j in 0..2 {
            let sub = with_evidence[(2 * i + j) % with_evidence.len()];
            // Into the evidence block: replace its url, or add one.
            let evidence = sub.headers(Block::Evidence);
            let (_, header_end) = evidence[i % evidence.len()];
            let next = sub
                .items
                .iter()
                .find_map(|it| match it {
                    Item::Header { start, .. } if *start >= header_end => Some(*start),
                    _ => None,
                })
                .unwrap_or(sub.text.len());
            let existing = sub
                .values(Block::Evidence, "url")
                .into_iter()
                .find(|v| v.start > header_end && v.end <= next);
            let quoted = format!("\"{link}\"");
            let text = match existing {
                Some(v) => splice(&sub.text, v, &quoted),
                None => sub.insert(header_end, &format!("url = {quoted}\n")),
            };
            out.push(s.sub_case(sub, format!("url = {quoted}"), &text, &[*code]));
        }
    }
    out
}
