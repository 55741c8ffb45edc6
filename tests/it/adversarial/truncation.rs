//! Truncation.

use std::collections::BTreeMap;

use cchc_core::diag::Code;

use super::sample::{Block, Case, Item, Sample, floor};

/// Every sample submission cut at its structural points: before, inside and
/// after each header; before each key whose loss a rule notices; inside a
/// key, after it, after `=`; inside every kind of value; in the middle of a
/// multi-byte character. The expected code follows from what is left.
pub(super) fn truncation(s: &Sample) -> Vec<Case> {
    let mut out = Vec::new();
    for (file_index, sub) in s.subs.iter().enumerate() {
        let t = &sub.text;
        // (label, cut, expected): labels group the cuts of one kind.
        let mut cuts: Vec<(String, usize, Code)> = Vec::new();
        let mut contact = false;
        let mut scored = false;
        for item in &sub.items {
            match item {
                Item::Header { block, start, end } => {
                    let (name, before) = match block {
                        Block::PreparedBy => ("[prepared_by]", Some(Code::E010)),
                        Block::Task => ("[[task]]", Some(Code::E062)),
                        Block::Score => ("[[score]]", Some(Code::E033)),
                        // The blocks before may be complete without it.
                        Block::Evidence => ("[[score.evidence]]", None),
                        Block::Root => unreachable!(),
                    };
                    if let Some(code) = before {
                        cuts.push((format!("before {name}"), *start, code));
                    }
                    cuts.push((format!("inside {name}"), start + 4, Code::E004));
                    cuts.push((format!("after {name}"), *end, Code::E010));
                    contact = false;
                    scored = false;
                }
                Item::Key { block, key, value } => {
                    let k = &t[key.clone()];
                    let v = &t[value.clone()];
                    let line_start = t[..key.start].rfind('\n').map_or(0, |p| p + 1);
                    let before = match (block, k) {
                        (Block::Root, _)
                        | (Block::PreparedBy, "name")
                        | (Block::Task, "id")
                        | (Block::Score, "criterion")
                        | (Block::Evidence, "number" | "date" | "title") => Some(Code::E010),
                        (Block::PreparedBy, _) if !contact => Some(Code::E025),
                        (Block::Task, "status") => Some(Code::E065),
                        (Block::Score, "score" | "not_applicable") => Some(Code::E041),
                        (Block::Score, "reason") => Some(Code::E040),
                        (Block::Score, "explanation") if scored => Some(Code::E043),
                        _ => None,
                    };
                    let place = format!("{block:?}.{k}");
                    if let Some(code) = before {
                        cuts.push((format!("before {place}"), line_start, code));
                    }
                    if k.len() >= 2 {
                        cuts.push((
                            format!("inside key {place}"),
                            key.start + k.len() / 2,
                            Code::E004,
                        ));
                    }
                    cuts.push((format!("after key {place}"), key.end, Code::E004));
                    cuts.push((format!("after = of {place}"), value.start, Code::E004));
                    if v.starts_with("\"\"\"") {
                        cuts.push((format!("after \" of {place}"), value.start + 1, Code::E004));
                        // `key = ""` is a complete, empty string.
                        let empty = match (block, k) {
                            (Block::Score, "explanation") if scored => Some(Code::E043),
                            (Block::Score, "reason") => Some(Code::E040),
                            (Block::Root, _)
                            | (Block::PreparedBy, "name")
                            | (Block::Task, "id")
                            | (Block::Score, "criterion")
                            | (Block::Evidence, "number" | "title") => Some(Code::E014),
                            _ => None,
                        };
                        if let Some(code) = empty {
                            cuts.push((format!("after \"\" of {place}"), value.start + 2, code));
                        }
                        cuts.push((
                            format!("after \"\"\" of {place}"),
                            value.start + 3,
                            Code::E004,
                        ));
                        let mid = floor(t, value.start + v.len() / 2);
                        cuts.push((format!("inside \"\"\" of {place}"), mid, Code::E004));
                        let close = value.start + v.trim_end_matches('"').len();
                        cuts.push((
                            format!("before closing \"\"\" of {place}"),
                            close,
                            Code::E004,
                        ));
                        cuts.push((
                            format!("inside closing \"\"\" of {place}"),
                            close + 2,
                            Code::E004,
                        ));
                    } else if v.starts_with('"') {
                        cuts.push((format!("after \" of {place}"), value.start + 1, Code::E004));
                        let mid = floor(t, value.start + v.len() / 2);
                        if mid > value.start + 1 {
                            cuts.push((format!("inside string of {place}"), mid, Code::E004));
                        }
                        cuts.push((
                            format!("before closing \" of {place}"),
                            value.end - 1,
                            Code::E004,
                        ));
                    } else if k == "date" {
                        cuts.push((
                            format!("inside date of {place}"),
                            value.start + 7,
                            Code::E004,
                        ));
                        cuts.push((
                            format!("inside day of {place}"),
                            value.start + 9,
                            Code::E004,
                        ));
                    } else if let Some(dot) = v.find('.') {
                        cuts.push((
                            format!("after . of {place}"),
                            value.start + dot + 1,
                            Code::E004,
                        ));
                        if k == "score" && v.len() > dot + 2 {
                            // 0.75 cut to 0.7: off the step.
                            cuts.push((
                                format!("inside decimals of {place}"),
                                value.start + dot + 2,
                                Code::E038,
                            ));
                        }
                    } else if v == "true" {
                        cuts.push((
                            format!("inside true of {place}"),
                            value.start + 2,
                            Code::E004,
                        ));
                    }
                    match (block, k) {
                        (Block::PreparedBy, "phone" | "email") => contact = true,
                        (Block::Score, "score") => scored = true,
                        _ => {}
                    }
                }
            }
        }
        // Inside a multi-byte character of the first score's text: the file
        // ends in half a letter.
        let (first_score, _) = sub.headers(Block::Score)[0];
        if let Some((at, _)) = t[first_score..].char_indices().find(|(_, c)| !c.is_ascii()) {
            cuts.push((
                "inside a character".to_owned(),
                first_score + at + 1,
                Code::E001,
            ));
        }
        cuts.push(("to nothing".to_owned(), 0, Code::E010));
        // One cut of each kind a file, a different occurrence in each file.
        // Cuts that leave a syntax error (E004) or a missing key (E010) are
        // the most numerous: each of their kinds goes to an eighth or half
        // of the files only (every kind still somewhere), or the corpus
        // would take minutes.
        let mut by_label: BTreeMap<&str, Vec<(usize, Code)>> = BTreeMap::new();
        for (label, at, code) in &cuts {
            by_label.entry(label).or_default().push((*at, *code));
        }
        for (j, (label, list)) in by_label.into_iter().enumerate() {
            let (at, code) = list[(file_index * 7) % list.len()];
            let share = match code {
                Code::E004 => 8,
                Code::E010 => 2,
                _ => 1,
            };
            if (j + file_index) % share != 0 {
                continue;
            }
            out.push(s.sub_bytes(
                sub,
                format!("cut {label} at byte {at}"),
                t.as_bytes()[..at].to_vec(),
                &[code],
            ));
        }
    }
    // A CRLF file cut between CR and LF: it ends in a bare CR.
    for sub in &s.subs {
        let crlf = sub.text.replace('\n', "\r\n");
        let line = crlf.find("\nunit = ").unwrap() + 1;
        let cr = line + crlf[line..].find('\r').unwrap() + 1;
        out.push(s.sub_bytes(
            sub,
            format!("CRLF file cut between CR and LF at byte {cr}"),
            crlf.as_bytes()[..cr].to_vec(),
            &[Code::E004],
        ));
    }
    out
}
