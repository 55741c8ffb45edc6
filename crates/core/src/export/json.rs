//! The consolidated table as JSON for other programs (docs/bang-tong-hop-json.md).

use serde::Serialize;

use crate::report::{CampaignReport, UnitReport};

/// The JSON export's shape (documented in docs/bang-tong-hop-json.md):
/// stable keys in this order, numbers as numbers, absent values as null.
#[derive(Serialize)]
struct JsonExport<'a> {
    format: &'static str,
    version: u32,
    campaign: &'a str,
    title: &'a str,
    illustrative: bool,
    generated: &'a str,
    criteria_set: &'a str,
    cutoff: &'a str,
    deadline: &'a str,
    province: JsonTotals,
    units: Vec<JsonUnit<'a>>,
    rows: Vec<JsonRow<'a>>,
    /// The appraisal, explanations and final scores; absent from a campaign
    /// without those stages.
    #[serde(skip_serializing_if = "Option::is_none")]
    cycle: Option<Vec<JsonCycleUnit<'a>>>,
}

/// A unit through the cycle: its totals and each row.
#[derive(Serialize)]
struct JsonCycleUnit<'a> {
    unit: &'a str,
    appraised_in_full: bool,
    finalised: bool,
    self_total: f64,
    appraised_total: f64,
    final_total: f64,
    difference: Option<f64>,
    rows: Vec<JsonCycleRow<'a>>,
}

#[derive(Serialize)]
struct JsonCycleRow<'a> {
    id: &'a str,
    max: f64,
    self_score: Option<f64>,
    not_applicable: bool,
    appraised: Option<f64>,
    reason: Option<&'a str>,
    request: Option<&'a str>,
    answer: Option<&'a str>,
    final_score: Option<f64>,
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonTotals {
    score: f64,
    self_assessable_max: f64,
    percent: Option<f64>,
    rows_scored: usize,
    rows_self_assessed: usize,
}

#[derive(Serialize)]
struct JsonUnit<'a> {
    id: &'a str,
    name: &'a str,
    appendix: &'a str,
    status: &'static str,
    received: Option<&'a str>,
    received_via: Option<&'static str>,
    total: Option<f64>,
    max: f64,
    percent: Option<f64>,
    errors: usize,
    /// The office changed the file after the unit's deadline.
    revised_after_deadline: bool,
    /// Every revision on the published branch, oldest first.
    revisions: Vec<JsonRevision<'a>>,
}

/// A revision of a unit's file, for machines.
#[derive(Debug, Serialize)]
pub struct JsonRevision<'a> {
    /// When the revision came, RFC 3339.
    pub time: &'a str,
    /// How the revision changed the file.
    pub change: crate::history::Change,
    /// When it came against the unit's deadline.
    pub timing: crate::report::Timing,
}

/// The revisions of a unit, oldest first.
pub fn json_revisions(u: &UnitReport) -> Vec<JsonRevision<'_>> {
    u.revisions
        .iter()
        .rev()
        .map(|r| JsonRevision {
            time: &r.time.iso,
            change: r.change,
            timing: r.timing,
        })
        .collect()
}

#[derive(Serialize)]
struct JsonRow<'a> {
    id: &'a str,
    name: &'a str,
    level: &'static str,
    area: &'a str,
    source: &'static str,
    max: f64,
    unit: Option<&'a str>,
    score: Option<f64>,
    not_applicable: bool,
    lost: Option<f64>,
}

/// The campaign's table as pretty-printed JSON with a final newline; `generated` is the build time as written in it. Errors with the serializer's message.
pub fn json(c: &CampaignReport, generated: &str) -> Result<Vec<u8>, String> {
    let doc = JsonExport {
        format: "cchc-bang-tong-hop",
        version: 1,
        campaign: &c.id,
        title: &c.title,
        illustrative: c.illustrative,
        generated,
        criteria_set: &c.criteria_id,
        cutoff: &c.cutoff,
        deadline: &c.deadline_iso,
        province: JsonTotals {
            score: c.province.score.value,
            self_assessable_max: c.province.self_max.value,
            percent: c.province.percent.as_ref().map(|p| p.value),
            rows_scored: c.province.rows_scored,
            rows_self_assessed: c.province.rows_self,
        },
        units: c
            .units
            .iter()
            .map(|u| JsonUnit {
                id: &u.id,
                name: &u.name,
                appendix: &u.appendix,
                status: u.status.key(),
                received: u
                    .received
                    .as_ref()
                    .and_then(|r| r.time.as_ref())
                    .map(|t| t.iso.as_str()),
                received_via: u.received.as_ref().map(|r| r.via),
                total: u.total.as_ref().map(|t| t.value),
                max: u.max.value,
                percent: u.percent.as_ref().map(|p| p.value),
                errors: u.errors,
                revised_after_deadline: u.revised_after_deadline,
                revisions: json_revisions(u),
            })
            .collect(),
        rows: c
            .rows
            .iter()
            .map(|r| JsonRow {
                id: &r.id,
                name: &r.name,
                level: r.level,
                area: &r.area,
                source: r.source,
                max: r.max.value,
                unit: r.owner.as_deref(),
                score: r.score.as_ref().map(|s| s.value),
                not_applicable: r.not_applicable,
                lost: r.lost.as_ref().map(|s| s.value),
            })
            .collect(),
        cycle: c.cycle.as_ref().map(|_| {
            c.units
                .iter()
                .filter_map(|u| {
                    let cy = u.cycle.as_ref()?;
                    Some(JsonCycleUnit {
                        unit: &u.id,
                        appraised_in_full: cy.appraised,
                        finalised: cy.finalised,
                        self_total: cy.self_total.value,
                        appraised_total: cy.appraised_total.value,
                        final_total: cy.final_total.value,
                        difference: cy.difference.as_ref().map(|d| d.value),
                        rows: cy
                            .rows
                            .iter()
                            .map(|r| JsonCycleRow {
                                id: &r.id,
                                max: r.max.value,
                                self_score: r.self_score.as_ref().map(|p| p.value),
                                not_applicable: r.not_applicable,
                                appraised: r.appraised.as_ref().map(|p| p.value),
                                reason: r.reason.as_deref(),
                                request: r.request.as_deref(),
                                answer: r.answer.as_deref(),
                                final_score: r.final_score.as_ref().map(|p| p.value),
                                note: r.note.as_deref(),
                            })
                            .collect(),
                    })
                })
                .collect()
        }),
    };
    let mut out = serde_json::to_vec_pretty(&doc).map_err(|e| e.to_string())?;
    out.push(b'\n');
    Ok(out)
}
