//! Controls.

use cchc_core::diag::Code;
use unicode_normalization::UnicodeNormalization;

use super::content::{CAMPAIGN_TOML, RECEIPTS};
use super::sample::{Block, Case, Sample, replace1, splice};

/// Inputs that must be accepted: the sample unchanged and harmless variants
/// of it, so that the mutations, not the harness, make the errors above.
pub(super) fn controls(s: &Sample) -> Vec<Case> {
    let mut out = Vec::new();
    for (i, sub) in s.subs.iter().enumerate() {
        let t = &sub.text;
        let mut push = |name: &str, text: String, expect: &[Code]| {
            out.push(s.sub_case(sub, format!("control: {name}"), &text, expect));
        };
        push("unchanged", t.clone(), &[]);
        push("CRLF line breaks", t.replace('\n', "\r\n"), &[]);
        push("a UTF-8 BOM", format!("\u{FEFF}{t}"), &[]);
        // The second mark is taken for one by the TOML parser as well.
        push("two BOMs at the start", format!("\u{FEFF}\u{FEFF}{t}"), &[]);
        push("whole file NFD", t.nfd().collect(), &[Code::W005]);
        if let Some(text) = sub.set(Block::Evidence, "date", i, "2023-09-12") {
            push("evidence dated after the cut-off", text, &[Code::W050]);
        }
        push(
            "unit id with spaces around it",
            sub.set(Block::Root, "unit", 0, &format!("\"  {}\t\"", sub.stem))
                .unwrap(),
            &[],
        );
        let ex = sub.values(Block::Score, "explanation")[0].clone();
        push(
            "U+FEFF and U+200B inside an explanation",
            splice(t, ex.start + 4..ex.start + 4, "\u{FEFF}\u{200B}"),
            &[],
        );
        push(
            "a comment of control pictures and emoji",
            format!("# \u{2400}\u{241B} 🙂 \u{202E}txet\n{t}"),
            &[],
        );
    }
    let tu = s
        .subs
        .iter()
        .find(|x| x.stem == "tu-phap")
        .unwrap_or(&s.subs[0]);
    // A stray file in submissions/ is only a warning for validate (the
    // pull-request gate refuses it).
    for (name, path) in [
        ("upper-case extension", "submissions/2023-9t/tu-phap.TOML"),
        ("hidden file", "submissions/2023-9t/..toml"),
        ("no campaign folder", "submissions/tu-phap.toml"),
    ] {
        out.push(Case {
            name: format!("control: {name} (stray, W006)"),
            input: s.with(&[(path, tu.text.clone().into_bytes())]),
            expect: vec![Code::W006],
        });
    }
    // Leap seconds are clamped to :59; IANA zone names match in any case.
    let campaign = s.content_text(CAMPAIGN_TOML);
    let receipts = s.content_text(RECEIPTS);
    for (name, path, text) in [
        (
            "deadline with a leap second",
            CAMPAIGN_TOML,
            replace1(
                &campaign,
                "deadline = 2023-09-15T00:00:00",
                "deadline = 2023-09-14T23:59:60",
            ),
        ),
        (
            "time zone in lower case",
            CAMPAIGN_TOML,
            replace1(&campaign, "Asia/Ho_Chi_Minh", "asia/ho_chi_minh"),
        ),
        (
            "receipt with a leap second",
            RECEIPTS,
            replace1(
                &receipts,
                "received = 2023-09-08T10:00:00",
                "received = 2023-09-08T10:00:60",
            ),
        ),
    ] {
        out.push(Case {
            name: format!("control: {name}"),
            input: s.content_with(path, text),
            expect: Vec::new(),
        });
    }
    out.push(
        s.sub_case(
            tu,
            "control: a 100 000-character explanation".into(),
            &tu.set(
                Block::Score,
                "explanation",
                0,
                &format!("\"\"\"\n{}\"\"\"", "Giải trình. ".repeat(8_400)),
            )
            .unwrap(),
            &[],
        ),
    );
    out
}
