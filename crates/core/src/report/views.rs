//! The report's values as templates, `status` and `export` read them: every
//! number also given as text formatted for Vietnamese readers.

use jiff::Timestamp;
use serde::Serialize;

use crate::diag::Severity;
use crate::history::Change;
use crate::points::Points;
use crate::text::{Lang, Localized};

use super::status::{Status, Timing};

#[derive(Debug, Clone, Serialize)]
pub struct PointsView {
    pub value: f64,
    pub text: String,
}

impl From<Points> for PointsView {
    fn from(p: Points) -> Self {
        PointsView {
            value: p.as_f64(),
            text: p.in_lang(Lang::Vi),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Percent {
    /// 0–100, one decimal.
    pub value: f64,
    pub text: String,
    /// The ranking band's index (0 best) and label, by the set's bands.
    pub band: usize,
    pub band_label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TimeView {
    /// Local time in the campaign's time zone, as Vietnamese write it.
    pub text: String,
    /// RFC 3339, for `<time datetime>` and machines.
    pub iso: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RevisionView {
    pub time: TimeView,
    pub commit: String,
    pub commit_short: String,
    pub summary: String,
    pub pull_request: Option<u64>,
    pub change: Change,
    pub change_label: &'static str,
    pub timing: Timing,
    /// Who and when, as the site says it: "trước hạn", "sau hạn, Phòng CCHC
    /// sửa", …
    pub timing_label: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Received {
    pub time: Option<TimeView>,
    /// "git", "paper" or "email".
    pub via: &'static str,
    pub via_label: &'static str,
    /// The register number of a receipt, or the merge's commit.
    pub reference: Option<String>,
    pub document: Option<String>,
    pub pull_request: Option<u64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProblemView {
    pub code: &'static str,
    pub severity: Severity,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    pub hint: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvidenceView {
    pub number: String,
    pub date: Option<String>,
    pub title: String,
    /// Only http(s) links that passed validation.
    pub url: Option<String>,
}

/// One scored row of a unit's appendix.
#[derive(Debug, Clone, Serialize)]
pub struct ScoreView {
    pub row: usize,
    pub id: String,
    pub name: String,
    pub area: String,
    pub max: PointsView,
    pub score: Option<PointsView>,
    pub not_applicable: bool,
    pub reason: Option<String>,
    pub explanation: Option<String>,
    pub evidence: Vec<EvidenceView>,
    /// Points below the maximum, when scored.
    pub lost: Option<PointsView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TaskView {
    pub id: String,
    pub title: String,
    pub due: String,
    pub output: Option<String>,
    pub status: Option<&'static str>,
    pub status_label: Option<&'static str>,
    pub progress: Option<String>,
    pub note: Option<String>,
    pub shortcomings: Option<String>,
    pub causes: Option<String>,
    pub remedy: Option<String>,
    /// Due on or before the cut-off and not done.
    pub overdue: bool,
    pub at_risk: bool,
    /// No valid report from the lead unit covers it.
    pub unreported: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct PersonView {
    pub name: Option<String>,
    pub position: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExtensionView {
    pub deadline: String,
    pub reason: String,
    pub document: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct UnitReport {
    pub id: String,
    pub name: String,
    pub full_name: Option<String>,
    pub appendix: String,
    pub status: Status,
    pub status_label: &'static str,
    pub deadline: String,
    pub extension: Option<ExtensionView>,
    pub path: String,
    pub has_file: bool,
    pub received: Option<Received>,
    pub revised: Option<TimeView>,
    /// Newest first.
    pub revisions: Vec<RevisionView>,
    /// The office changed the file after the unit's deadline (a revision no
    /// receipt covers).
    pub revised_after_deadline: bool,
    pub prepared_by: Option<PersonView>,
    pub problems: Vec<ProblemView>,
    pub errors: usize,
    /// The data is shown and counted only when the file is valid.
    pub counted: bool,
    pub total: Option<PointsView>,
    /// The maximum of the rows the unit scores (not-applicable rows out).
    pub max: PointsView,
    pub percent: Option<Percent>,
    /// The unit page's `rows`, not part of `unit` (every page of the
    /// campaign carries `c`, whose units stay light).
    #[serde(skip)]
    pub rows: Vec<ScoreView>,
    pub tasks: Vec<TaskView>,
    pub rows_scored: usize,
    pub rows_total: usize,
}

/// A row of the criteria set with what the campaign knows of it.
#[derive(Debug, Clone, Serialize)]
pub struct RowView {
    pub index: usize,
    pub id: String,
    pub name: String,
    pub level: &'static str,
    pub depth: usize,
    pub max: PointsView,
    pub source: &'static str,
    pub source_label: &'static str,
    pub scored: bool,
    pub self_assessed: bool,
    pub owner: Option<String>,
    pub owner_name: Option<String>,
    /// The appendix the owner scores the row in.
    pub owner_appendix: Option<String>,
    pub score: Option<PointsView>,
    pub not_applicable: bool,
    pub lost: Option<PointsView>,
    /// For areas and criteria: the sum of the scores reported below, against
    /// the self-assessable maximum below.
    pub subtotal: Option<PointsView>,
    pub self_max: PointsView,
    pub guide: Option<String>,
    pub area: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AreaReport {
    pub id: String,
    pub name: String,
    pub max: PointsView,
    pub self_max: PointsView,
    pub survey_max: PointsView,
    pub score: PointsView,
    pub percent: Option<Percent>,
    /// Indices of this area's rows (criteria and sub-criteria) in `rows`.
    pub rows: Vec<usize>,
    pub rows_scored: usize,
    pub rows_self: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Count {
    pub status: Status,
    pub label: &'static str,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Totals {
    pub score: PointsView,
    /// The self-assessable maximum of the whole set (not-applicable rows out).
    pub self_max: PointsView,
    /// The same with every self-assessed row, as the set defines it.
    pub set_self_max: PointsView,
    pub percent: Option<Percent>,
    pub survey_max: PointsView,
    pub indicator_max: PointsView,
    pub total_max: PointsView,
    pub rows_scored: usize,
    pub rows_self: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct BandView {
    pub min_percent: f64,
    /// The next band's lower bound: this band is below it.
    pub below: Option<f64>,
    pub label: String,
    /// The bounds as a reader sees them ("87,5").
    pub min_text: String,
    pub below_text: Option<String>,
}

impl BandView {
    pub(super) fn new(min_percent: f64, below: Option<f64>, label: String) -> Self {
        BandView {
            min_percent,
            below,
            label,
            min_text: min_percent.in_lang(Lang::Vi),
            below_text: below.map(|b| b.in_lang(Lang::Vi)),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PageRef {
    pub slug: String,
    pub title: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct HistoryView {
    pub known: bool,
    /// The campaign takes arrival times from its receipts register only.
    pub receipts_only: bool,
    pub branch: Option<String>,
    pub head: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CampaignReport {
    pub id: String,
    pub title: String,
    pub illustrative: bool,
    pub illustrative_note: Option<String>,
    /// Closed to reports: no templates are offered.
    pub closed: bool,
    pub letter_number: String,
    pub letter_date: Option<String>,
    pub letter_subject: Option<String>,
    pub letter_signer: Option<String>,
    pub letter_url: Option<String>,
    pub plan_number: String,
    pub plan_date: Option<String>,
    pub plan_title: String,
    pub plan_url: Option<String>,
    pub cutoff: String,
    pub deadline: String,
    pub deadline_iso: String,
    pub time_zone: String,
    pub deadline_passed: bool,
    pub criteria_id: String,
    pub criteria_title: String,
    pub criteria_basis: Option<String>,
    pub criteria_illustrative: bool,
    pub criteria_illustrative_note: Option<String>,
    pub bands: Vec<BandView>,
    pub counts: Vec<Count>,
    pub units_total: usize,
    pub units_received: usize,
    pub units: Vec<UnitReport>,
    pub areas: Vec<AreaReport>,
    /// Every row of the criteria set; pages get theirs as `rows`.
    #[serde(skip)]
    pub rows: Vec<RowView>,
    /// Indices into `rows` of the scored self-assessed rows, in the set's
    /// order and by points lost (most first).
    #[serde(skip)]
    pub table_by_order: Vec<usize>,
    #[serde(skip)]
    pub table_by_loss: Vec<usize>,
    pub province: Totals,
    pub tasks: Vec<TaskView>,
    pub task_leads: Vec<String>,
    pub pages: Vec<PageRef>,
    pub history: HistoryView,
}

pub(super) fn time_view(t: Timestamp, tz: &jiff::tz::TimeZone) -> TimeView {
    let local = tz.to_datetime(t);
    TimeView {
        text: local.in_lang(Lang::Vi),
        iso: rfc3339(t, tz),
    }
}

/// RFC 3339 with the zone's offset ("2023-09-15T00:00:00+07:00"): what
/// `<time datetime>`, JSON readers and `date -d` accept.
pub fn rfc3339(t: Timestamp, tz: &jiff::tz::TimeZone) -> String {
    t.to_zoned_datetime(tz.clone())
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

pub(super) fn percent(score: Points, max: Points, bands: &[BandView]) -> Option<Percent> {
    if max == Points::ZERO {
        return None;
    }
    let value = (score.milli() as f64 * 1000.0 / max.milli() as f64).round() / 10.0;
    let band = bands
        .iter()
        .position(|b| value >= b.min_percent)
        .unwrap_or(bands.len().saturating_sub(1));
    Some(Percent {
        value,
        text: format!("{}%", value.in_lang(Lang::Vi)),
        band,
        band_label: bands.get(band).map(|b| b.label.clone()).unwrap_or_default(),
    })
}

/// "trước 00:00 ngày 15/9/2023 (giờ `Asia/Ho_Chi_Minh`)"
pub(super) fn deadline_text(local: jiff::civil::DateTime, tz: &str) -> String {
    format!("trước {} (giờ {tz})", local.in_lang(Lang::Vi))
}
