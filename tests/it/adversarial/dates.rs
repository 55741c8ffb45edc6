//! Dates.

use cchc_core::diag::Code;

use super::sample::{Block, Case, Sample};

pub(super) fn dates(s: &Sample) -> Vec<Case> {
    let variants: &[(&str, &[Code])] = &[
        ("2023-02-30", &[Code::E004]),
        ("2023-02-29", &[Code::E004]),
        ("2023-04-31", &[Code::E004]),
        ("2023-13-01", &[Code::E004]),
        ("2023-00-10", &[Code::E004]),
        ("2023-01-00", &[Code::E004]),
        ("2023-01-32", &[Code::E004]),
        ("2023-1-5", &[Code::E004]),
        ("2023/01/05", &[Code::E004]),
        ("16/01/2023", &[Code::E004]),
        ("99999-01-01", &[Code::E004]),
        ("2023-01-16T08:00:00", &[Code::E015]),
        ("2023-01-16 08:00:00", &[Code::E015]),
        ("2023-01-16T08:00:00+07:00", &[Code::E015]),
        ("2023-01-16T08:00:00Z", &[Code::E015]),
        ("08:00:00", &[Code::E015]),
        ("2023-09-15", &[Code::E051]),
        ("2023-10-01", &[Code::E051]),
        ("2024-01-16", &[Code::E051]),
        ("9999-12-31", &[Code::E051]),
    ];
    let mut out = Vec::new();
    for (i, (value, expect)) in variants.iter().enumerate() {
        for sub in s.pick(i, 2) {
            let Some(text) = sub.set(Block::Evidence, "date", i, value) else {
                continue;
            };
            out.push(s.sub_case(sub, format!("date = {value}"), &text, expect));
        }
    }
    // After the cut-off but before the deadline: only a warning, so the
    // input carries an unknown key as well.
    for (i, sub) in s.subs.iter().enumerate() {
        let unit_end = sub.after_value(Block::Root, "unit", 0).unwrap();
        let with_error = sub.with_text(sub.insert(unit_end, "ghi_chu = \"x\"\n"));
        if let Some(text) = with_error.set(Block::Evidence, "date", i, "2023-09-12") {
            out.push(s.sub_case(
                sub,
                "date = 2023-09-12 (after the cut-off) and an unknown key".into(),
                &text,
                &[Code::W050, Code::E012],
            ));
        }
    }
    out
}
