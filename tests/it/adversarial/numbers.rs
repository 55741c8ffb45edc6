//! Numbers and types.

use cchc_core::diag::Code;

use super::sample::{Block, Case, Sample};

/// A score (or a progress) replaced by hostile numbers and non-numbers.
pub(super) fn numbers(s: &Sample) -> Vec<Case> {
    let scores: &[(&str, Code)] = &[
        ("1000", Code::E037),
        ("100.25", Code::E037),
        ("1e300", Code::E037),
        ("1.7976931348623157e308", Code::E037),
        ("1e3", Code::E037),
        ("1_000", Code::E037),
        ("0x10", Code::E037),
        ("0o777", Code::E037),
        ("0b1111", Code::E037),
        ("9223372036854775807", Code::E037),
        ("-0.25", Code::E036),
        ("-1", Code::E036),
        ("-1e300", Code::E036),
        ("-1_000", Code::E036),
        ("-9223372036854775808", Code::E036),
        ("nan", Code::E035),
        ("+nan", Code::E035),
        ("-nan", Code::E035),
        ("inf", Code::E035),
        ("+inf", Code::E035),
        ("-inf", Code::E035),
        ("1e400", Code::E035),
        ("-1e400", Code::E035),
        ("9e99999", Code::E035),
        ("1e99999999999999999999", Code::E035),
        // Out of TOML's 64-bit integers: the parser refuses it.
        ("99999999999999999999", Code::E004),
        ("-99999999999999999999", Code::E004),
        ("0,5", Code::E004),
        (".5", Code::E004),
        ("5.", Code::E004),
        ("05", Code::E004),
        ("1__0", Code::E004),
        ("0.5.0", Code::E004),
        ("½", Code::E004),
        ("1/2", Code::E004),
        ("NaN", Code::E004),
        ("Infinity", Code::E004),
        ("0.5 0.25", Code::E004),
        ("", Code::E004),
        ("1e", Code::E004),
        ("0x", Code::E004),
        ("+0x10", Code::E004),
        ("0o", Code::E004),
        ("0b", Code::E004),
        ("0x_", Code::E004),
        ("0x_1", Code::E004),
        ("0b2", Code::E004),
        ("0o8", Code::E004),
        ("0xG", Code::E004),
        ("1_", Code::E004),
        ("1e_5", Code::E004),
        ("1_e5", Code::E004),
        ("1.5_", Code::E004),
        ("0_0", Code::E004),
        ("00", Code::E004),
        ("-0x1", Code::E004),
        ("1e+", Code::E004),
        ("1.e5", Code::E004),
        ("0.0e", Code::E004),
        ("0xFFFFFFFFFFFFFFFF", Code::E004),
        ("9223372036854775808", Code::E004),
        ("-9223372036854775809", Code::E004),
        ("1_.5", Code::E004),
        ("1._5", Code::E004),
        ("1.5e+_3", Code::E004),
        ("1.5E", Code::E004),
        ("-.5", Code::E004),
        ("+.5", Code::E004),
        ("1e5.5", Code::E004),
        ("0x1.5", Code::E004),
        ("1e0x5", Code::E004),
        ("infinity", Code::E004),
        ("nan_", Code::E004),
        ("-0x0", Code::E004),
        ("0x-1", Code::E004),
        ("1.0.", Code::E004),
        ("1e1e1", Code::E004),
        ("١", Code::E004),
        ("１", Code::E004),
        ("1E3", Code::E037),
        ("1e+3", Code::E037),
        ("+1_000.0", Code::E037),
        ("0x7FFFFFFFFFFFFFFF", Code::E037),
        ("\"0.5\"", Code::E011),
        ("'0,5'", Code::E011),
        ("\"nan\"", Code::E011),
        ("true", Code::E011),
        ("2023-01-01", Code::E011),
        ("08:00:00", Code::E011),
        ("[0.5]", Code::E011),
        ("[]", Code::E011),
        ("{ value = 0.5 }", Code::E011),
        ("\"\"\"0.5\"\"\"", Code::E011),
    ];
    let progress: &[(&str, Code)] = &[
        ("150", Code::E066),
        ("-5", Code::E066),
        ("100.5", Code::E066),
        ("nan", Code::E066),
        ("inf", Code::E066),
        ("-inf", Code::E066),
        ("1e400", Code::E066),
        ("\"65%\"", Code::E011),
        ("\"100\"", Code::E011),
        ("true", Code::E011),
        ("65%", Code::E004),
        ("0x", Code::E004),
        ("0b", Code::E004),
        ("99999999999999999999", Code::E004),
        ("-99999999999999999999", Code::E004),
        ("100 %", Code::E004),
    ];
    let mut out = Vec::new();
    for (i, (value, code)) in scores.iter().enumerate() {
        // Syntax errors are the parser's; one file each is enough.
        let k = if *code == Code::E004 { 1 } else { 2 };
        for sub in s.pick(i, k) {
            let Some(text) = sub.set(Block::Score, "score", i, value) else {
                continue;
            };
            out.push(s.sub_case(sub, format!("score = {value}"), &text, &[*code]));
        }
    }
    for (i, (value, code)) in progress.iter().enumerate() {
        for sub in s.pick(i, 2) {
            let Some(text) = sub.set(Block::Task, "progress", i, value) else {
                continue;
            };
            out.push(s.sub_case(sub, format!("progress = {value}"), &text, &[*code]));
        }
    }
    out
}

/// Numbers, booleans, dates and arrays where text goes, and text where a
/// date or a boolean goes: E011.
pub(super) fn types(s: &Sample) -> Vec<Case> {
    let variants: &[(Block, &str, &str)] = &[
        (Block::Root, "campaign", "2023"),
        (Block::Root, "campaign", "2023-09-10"),
        (Block::Root, "unit", "0"),
        (Block::Root, "unit", "true"),
        (Block::Root, "unit", "[\"tu-phap\"]"),
        (Block::Root, "unit", "{ id = \"tu-phap\" }"),
        (Block::PreparedBy, "name", "0"),
        (Block::PreparedBy, "email", "1"),
        (Block::PreparedBy, "position", "[]"),
        (Block::Task, "id", "11"),
        (Block::Task, "status", "1"),
        (Block::Task, "status", "true"),
        (Block::Task, "note", "0.5"),
        (Block::Score, "criterion", "2.1"),
        (Block::Score, "criterion", "211"),
        (Block::Score, "criterion", "[\"2.1.1\"]"),
        (Block::Score, "explanation", "1"),
        (Block::Score, "explanation", "2023-09-10"),
        (Block::Evidence, "number", "115"),
        (Block::Evidence, "title", "1.5"),
        (Block::Evidence, "date", "20230116"),
        (Block::Evidence, "date", "\"2023-01-16\""),
        (Block::Evidence, "date", "'16/01/2023'"),
        (Block::Evidence, "url", "1"),
    ];
    let mut out = Vec::new();
    for (i, (block, key, value)) in variants.iter().enumerate() {
        for sub in s.pick(i, 2) {
            let Some(text) = sub.set(*block, key, i, value) else {
                continue;
            };
            out.push(s.sub_case(
                sub,
                format!("{block:?}.{key} = {value}"),
                &text,
                &[Code::E011],
            ));
        }
    }
    // not_applicable as text: a boolean is needed.
    for (i, sub) in s.subs.iter().enumerate().step_by(3) {
        if let Some(at) = sub.after_value(Block::Score, "score", i) {
            let text = sub.insert(at, "not_applicable = \"true\"\n");
            out.push(s.sub_case(
                sub,
                "not_applicable = \"true\"".into(),
                &text,
                &[Code::E011],
            ));
        }
    }
    out
}
