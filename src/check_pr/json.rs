//! The gate's verdict as JSON.

use serde::Serialize;

use super::GateReport;
use cchc_core::diag::Severity;
use cchc_core::gate::{Outcome, Verdict};
use cchc_core::text::Lang;

#[derive(Serialize)]
pub(super) struct JsonGate<'a> {
    verdict: Verdict,
    pull_request: Option<u64>,
    base: &'a str,
    head: &'a str,
    merge_base: &'a str,
    actors: &'a [String],
    admin: bool,
    draft: bool,
    checked_at: String,
    /// What is wrong with the branch as a whole.
    branch: JsonBranch<'a>,
    files: Vec<JsonFile<'a>>,
}

#[derive(Serialize)]
struct JsonBranch<'a> {
    verdict: Verdict,
    problems: Vec<JsonProblem<'a>>,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    campaign: Option<&'a str>,
    unit: Option<&'a str>,
    verdict: Verdict,
    problems: Vec<JsonProblem<'a>>,
}

#[derive(Serialize)]
struct JsonProblem<'a> {
    code: &'static str,
    severity: Severity,
    line: Option<usize>,
    column: Option<usize>,
    message: &'a str,
    hint: Option<&'a str>,
}

fn json_problems<'a>(
    diagnostics: &'a [cchc_core::diag::Diagnostic],
    o: &'a Outcome,
    lang: Lang,
) -> Vec<JsonProblem<'a>> {
    diagnostics
        .iter()
        .map(|d| {
            let pos = d.start(&o.db);
            JsonProblem {
                code: d.code.as_str(),
                severity: d.severity,
                line: pos.map(|p| p.line),
                column: pos.map(|p| p.column),
                message: d.message.get(lang),
                hint: d.hint.as_ref().map(|h| h.get(lang)),
            }
        })
        .collect()
}

pub(super) fn json_view<'a>(r: &'a GateReport<'_>, o: &'a Outcome, lang: Lang) -> JsonGate<'a> {
    JsonGate {
        verdict: if o.accepted() {
            Verdict::Accepted
        } else {
            Verdict::Rejected
        },
        pull_request: r.req.number,
        base: &r.base,
        head: &r.head,
        merge_base: &r.merge_base,
        actors: &r.req.actors,
        admin: o.admin,
        draft: r.req.draft,
        checked_at: r.now.to_string(),
        branch: JsonBranch {
            verdict: o.branch_verdict(),
            problems: json_problems(&o.branch, o, lang),
        },
        files: o
            .files
            .iter()
            .map(|f| JsonFile {
                path: &f.path,
                campaign: f.campaign.as_deref(),
                unit: f.unit.as_deref(),
                verdict: f.verdict,
                problems: json_problems(&f.diagnostics, o, lang),
            })
            .collect(),
    }
}
