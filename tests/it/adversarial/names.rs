//! Hostile file names and escaped control characters.

use cchc_core::diag::Code;

use super::sample::{Block, Case, Sample, splice};

/// Identifiers that look right: other hyphens, Cyrillic or full-width
/// letters, zero-width spaces, dot leaders.
pub(super) fn lookalikes(s: &Sample) -> Vec<Case> {
    type Change = fn(&str) -> String;
    let variants: &[(Block, &str, &str, Change, Code)] = &[
        (
            Block::Root,
            "unit",
            "non-breaking hyphen",
            |v| v.replace('-', "\u{2011}"),
            Code::E020,
        ),
        (
            Block::Root,
            "unit",
            "Unicode hyphen",
            |v| v.replacen('-', "\u{2010}", 1),
            Code::E020,
        ),
        (
            Block::Root,
            "unit",
            "en dash",
            |v| v.replacen('-', "\u{2013}", 1),
            Code::E020,
        ),
        (
            Block::Root,
            "unit",
            "Cyrillic letters",
            |v| {
                v.replace('a', "\u{430}")
                    .replace('o', "\u{43e}")
                    .replace('e', "\u{435}")
                    .replace('t', "\u{442}")
            },
            Code::E020,
        ),
        (
            Block::Root,
            "unit",
            "a zero-width space",
            |v| format!("{}\u{200B}{}", &v[..2], &v[2..]),
            Code::E020,
        ),
        (
            Block::Root,
            "unit",
            "full-width letters",
            |v| {
                v.chars()
                    .map(|c| {
                        if c.is_ascii_lowercase() {
                            char::from_u32(u32::from(c) + 0xFEE0).unwrap()
                        } else {
                            c
                        }
                    })
                    .collect()
            },
            Code::E020,
        ),
        (
            Block::Root,
            "campaign",
            "Unicode hyphen",
            |v| v.replace('-', "\u{2010}"),
            Code::E021,
        ),
        (
            Block::Root,
            "campaign",
            "full-width digit",
            |v| v.replacen('2', "\u{FF12}", 1),
            Code::E021,
        ),
        (
            Block::Root,
            "campaign",
            "a zero-width joiner",
            |v| format!("{v}\u{200D}"),
            Code::E021,
        ),
        (
            Block::Score,
            "criterion",
            "one dot leader",
            |v| v.replace('.', "\u{2024}"),
            Code::E030,
        ),
        (
            Block::Score,
            "criterion",
            "Arabic-Indic digit",
            |v| v.replacen(|c: char| c.is_ascii_digit(), "\u{661}", 1),
            Code::E030,
        ),
        (
            Block::Score,
            "criterion",
            "decimal comma",
            |v| v.replace('.', ","),
            Code::E030,
        ),
        (
            Block::Task,
            "id",
            "Cyrillic letters",
            |v| v.replace('N', "\u{41d}").replace('V', "\u{412}"),
            Code::E060,
        ),
        (
            Block::Task,
            "id",
            "lower case",
            str::to_lowercase,
            Code::E060,
        ),
        (
            Block::Task,
            "status",
            "Cyrillic o",
            |v| v.replacen('o', "\u{43e}", 1).replacen('n', "\u{43f}", 1),
            Code::E013,
        ),
        (
            Block::Task,
            "status",
            "upper case",
            str::to_uppercase,
            Code::E013,
        ),
    ];
    let mut out = Vec::new();
    for (i, (block, key, what, change, code)) in variants.iter().enumerate() {
        for sub in s.pick(i, 2) {
            let values = sub.values(*block, key);
            let Some(v) = values.get(i % values.len().max(1)) else {
                continue;
            };
            let inner = sub.text[v.clone()].trim_matches('"');
            let text = splice(&sub.text, v.clone(), &format!("\"{}\"", change(inner)));
            out.push(s.sub_case(sub, format!("{block:?}.{key} with {what}"), &text, &[*code]));
        }
    }
    out
}

/// A sample submission saved under hostile names: control characters,
/// GitHub's command separators, look-alikes. The names reach every output
/// format, so they must come out escaped.
pub(super) fn paths(s: &Sample) -> Vec<Case> {
    let names: &[(&str, &str, &[Code])] = &[
        (
            "a line break",
            "submissions/2023-9t/tu-phap\n.toml",
            &[Code::E020],
        ),
        (
            "a carriage return",
            "submissions/2023-9t/tu-phap\r.toml",
            &[Code::E020],
        ),
        (
            "an ANSI colour",
            "submissions/2023-9t/\u{1b}[31mtu-phap.toml",
            &[Code::E020],
        ),
        (
            "a terminal title escape",
            "submissions/2023-9t/\u{1b}]0;pwned\u{7}.toml",
            &[Code::E020],
        ),
        (
            "a C1 control",
            "submissions/2023-9t/\u{9b}31m.toml",
            &[Code::E020],
        ),
        ("a DEL", "submissions/2023-9t/\u{7f}.toml", &[Code::E020]),
        ("a NUL", "submissions/2023-9t/tu-phap\0.toml", &[Code::E020]),
        (
            "GitHub separators",
            "submissions/2023-9t/a,b::error file=x::c.toml",
            &[Code::E020],
        ),
        (
            "percent escapes",
            "submissions/2023-9t/%0A::error::x%25.toml",
            &[Code::E020],
        ),
        (
            "a trailing space",
            "submissions/2023-9t/tu-phap .toml",
            &[Code::E020],
        ),
        (
            "upper case",
            "submissions/2023-9t/TU-PHAP.toml",
            &[Code::E020],
        ),
        (
            "a double extension",
            "submissions/2023-9t/tu-phap.toml.toml",
            &[Code::E020],
        ),
        (
            "a right-to-left override",
            "submissions/2023-9t/\u{202E}lmot.tu-phap.toml",
            &[Code::E020],
        ),
        (
            "diacritics",
            "submissions/2023-9t/tư-pháp.toml",
            &[Code::E020],
        ),
        (
            "a reserved Windows name",
            "submissions/2023-9t/con.toml",
            &[Code::E020],
        ),
        ("a 300-character name", "", &[Code::E020]),
        ("a lone dash", "submissions/2023-9t/-.toml", &[Code::E020]),
        ("a space", "submissions/2023-9t/ .toml", &[Code::E020]),
        (
            "an escape in the folder",
            "submissions/\u{1b}[2J/tu-phap.toml",
            &[Code::E021, Code::E024],
        ),
        (
            "a line break in the folder",
            "submissions/2023\n9t/tu-phap.toml",
            &[Code::E021, Code::E024],
        ),
    ];
    let tu = s
        .subs
        .iter()
        .find(|x| x.stem == "tu-phap")
        .unwrap_or(&s.subs[0]);
    let long = format!("submissions/2023-9t/{}.toml", "x".repeat(300));
    let mut out = Vec::new();
    for (name, path, expect) in names {
        let path = if path.is_empty() { long.as_str() } else { path };
        // The sample's own unit inside, so only the name is wrong.
        let text = tu.text.clone();
        out.push(Case {
            name: format!("file name with {name}"),
            input: s.with(&[(path, text.into_bytes())]),
            expect: expect.to_vec(),
        });
    }
    out
}

/// Control characters written as TOML escapes in the values that messages
/// quote back: the text is valid, the outputs must neutralise it.
pub(super) fn escapes(s: &Sample) -> Vec<Case> {
    let payloads: &[(&str, &str)] = &[
        ("ANSI colour", "\\u001b[31m"),
        ("screen clear", "\\u001b[2J\\u001b[H"),
        ("terminal title", "\\u001b]0;pwned\\u0007"),
        ("bell", "\\u0007"),
        ("NUL", "\\u0000"),
        ("C1 CSI", "\\u009b31m"),
        ("GitHub command", "\\r\\n::error file=x,line=1::pwned"),
        ("line separator", "\\u2028::error::pwned"),
        ("backspaces", "\\b\\b\\b\\bok"),
    ];
    let mut out = Vec::new();
    for (i, (what, payload)) in payloads.iter().enumerate() {
        for sub in s.pick(i, 1) {
            let targets: &[(Block, &str, Code)] = &[
                (Block::Root, "unit", Code::E020),
                (Block::Root, "campaign", Code::E021),
                (Block::Score, "criterion", Code::E030),
                (Block::Task, "id", Code::E060),
                (Block::Task, "status", Code::E013),
                (Block::Evidence, "url", Code::E053),
            ];
            for (block, key, code) in targets {
                let values = sub.values(*block, key);
                let Some(v) = values.get(i % values.len().max(1)) else {
                    continue;
                };
                let old = &sub.text[v.clone()];
                let inner = old.trim_matches('"');
                let new = match key {
                    // Into the host: URL parsing strips control characters
                    // at the ends and line breaks anywhere, as browsers do.
                    &"url" => {
                        let at = inner.find("://").map_or(0, |p| p + 5);
                        format!("\"{}{payload}{}\"", &inner[..at], &inner[at..])
                    }
                    _ => format!("\"{inner}{payload}\""),
                };
                let text = splice(&sub.text, v.clone(), &new);
                out.push(s.sub_case(sub, format!("{what} in {block:?}.{key}"), &text, &[*code]));
            }
        }
    }
    out
}
