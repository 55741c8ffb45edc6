//! The gate's verdict for the terminal.

use std::fmt::Write as _;

use super::{GateReport, has_warnings, reason, reason_of, verdict, when};
use cchc_core::diag::render::{Format, Summary, render};
use cchc_core::gate::{Outcome, Verdict};
use cchc_core::text::{Lang, Text};
use cchc_core::tr;

pub(super) fn human(r: &GateReport<'_>, o: &Outcome, lang: Lang) -> String {
    let mut out = String::new();
    let number = r.req.number.map_or(String::new(), |n| format!(" #{n}"));
    let draft = if r.req.draft {
        tr!(
            " (bản nháp: ô trống chỉ là cảnh báo)",
            " (draft: blanks are warnings)"
        )
    } else {
        Text::default()
    };
    let checked = tr!(
        "Kiểm tra yêu cầu hợp nhất{} — head {} so với base {} (merge base {}), lúc {}; người gửi {}{}",
        "Checked pull request{} — head {} against base {} (merge base {}), at {}; actors {}{}",
        number,
        GateReport::short(&r.head),
        GateReport::short(&r.base),
        GateReport::short(&r.merge_base),
        when(r.now, o, lang),
        r.req.actors.join(", "),
        draft
    );
    let _ = writeln!(out, "{}", checked.get(lang));
    if !o.branch.is_empty() {
        let branch = tr!("nhánh của yêu cầu hợp nhất", "the branch");
        let _ = writeln!(
            out,
            "{} {}: {} — {}",
            mark(o.branch_verdict()),
            branch.get(lang),
            verdict(o.branch_verdict(), true).get(lang),
            reason_of(&o.branch, lang)
        );
    }
    for f in &o.files {
        let who = f
            .unit_name
            .as_deref()
            .map_or(String::new(), |n| format!(" ({n})"));
        let why = reason(f, lang);
        let _ = writeln!(
            out,
            "{} {}{who}: {}{}",
            mark(f.verdict),
            cchc_core::text::visible(&f.path),
            verdict(f.verdict, has_warnings(f)).get(lang),
            if why.is_empty() || f.verdict == Verdict::Accepted && !has_warnings(f) {
                String::new()
            } else {
                format!(" — {why}")
            }
        );
    }
    out.push('\n');
    let diags = o.diagnostics();
    if !diags.is_empty() {
        out.push_str(&render(
            &diags,
            &o.db,
            Format::Human,
            lang,
            false,
            Summary {
                files: o.files.len(),
            },
        ));
        out.push('\n');
    }
    let _ = writeln!(out, "{}", result(o).get(lang));
    out
}

fn mark(v: Verdict) -> &'static str {
    if v == Verdict::Accepted { "✓" } else { "✗" }
}

/// The last line: the verdict on the whole pull request.
fn result(o: &Outcome) -> Text {
    let files = o.files.len();
    if o.accepted() {
        return tr!(
            "Kết quả: CHẤP NHẬN ({} tệp).",
            "Result: ACCEPTED ({} files).",
            files
        );
    }
    let rejected = o
        .files
        .iter()
        .filter(|f| f.verdict == Verdict::Rejected)
        .count();
    let branch = if o.branch_verdict() == Verdict::Rejected {
        tr!("nhánh bị từ chối; ", "the branch is rejected; ")
    } else {
        Text::default()
    };
    tr!(
        "Kết quả: TỪ CHỐI ({}{}/{} tệp bị từ chối).",
        "Result: REJECTED ({}{} of {} files).",
        branch,
        rejected,
        files
    )
}
