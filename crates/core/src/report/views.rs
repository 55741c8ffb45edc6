//! The report's values as templates, `status` and `export` read them: every
//! number also given as text formatted for Vietnamese readers.

use jiff::Timestamp;
use serde::Serialize;

use crate::diag::Severity;
use crate::history::Change;
use crate::points::Points;
use crate::text::{Lang, Localized};

use super::status::{Status, Timing};

/// Points as templates and exports read them: the number and its
/// Vietnamese text.
#[derive(Debug, Clone, Serialize)]
pub struct PointsView {
    /// The points as a number, e.g. `45.5` (exact to the thousandth).
    pub value: f64,
    /// The points as Vietnamese write them: decimal comma, no trailing zeros,
    /// e.g. "45,5".
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

/// A score as a percentage of its maximum, with the ranking band it falls in.
#[derive(Debug, Clone, Serialize)]
pub struct Percent {
    /// 0–100, one decimal.
    pub value: f64,
    /// The percentage as Vietnamese write it, with the sign, e.g. "87,5%".
    pub text: String,
    /// The ranking band's index (0 best) and label, by the set's bands.
    pub band: usize,
    /// The band's label, e.g. "Khá"; empty when the set defines no bands.
    pub band_label: String,
}

/// A moment as readers and as machines see it.
#[derive(Debug, Clone, Serialize)]
pub struct TimeView {
    /// Local time in the campaign's time zone, as Vietnamese write it.
    /// E.g. "10:15 ngày 12/9/2023" (no seconds).
    pub text: String,
    /// RFC 3339, for `<time datetime>` and machines.
    pub iso: String,
}

/// One commit of the published branch that changed a unit's file, as the
/// unit page's history lists it.
#[derive(Debug, Clone, Serialize)]
pub struct RevisionView {
    /// When the commit was made on the branch (its committer time).
    pub time: TimeView,
    /// The commit's full hexadecimal id.
    pub commit: String,
    /// The commit id's first 7 characters, as the site shows it.
    pub commit_short: String,
    /// The first line of the commit's message.
    pub summary: String,
    /// The number of the pull request it merged, when its message names one.
    pub pull_request: Option<u64>,
    /// Whether the commit added, modified or deleted the file.
    pub change: Change,
    /// The change in Vietnamese: "Nộp lần đầu", "Sửa đổi" or "Xoá".
    pub change_label: &'static str,
    /// Whose revision it is, against the unit's deadline.
    pub timing: Timing,
    /// Who and when, as the site says it: "trước hạn", "sau hạn, Phòng CCHC
    /// sửa", …
    pub timing_label: &'static str,
}

/// How and when a unit's report reached the office: from the receipts
/// register when it has the unit, else from the file's first commit.
#[derive(Debug, Clone, Serialize)]
pub struct Received {
    /// When it arrived; `None` when the file is in the repository but when it
    /// was merged is unknown.
    pub time: Option<TimeView>,
    /// "git", "paper" or "email".
    /// Also "`pull_request`": a pull request the register records as sent.
    pub via: &'static str,
    /// How it came, in Vietnamese, e.g. "Văn bản giấy (sổ công văn đến)".
    pub via_label: &'static str,
    /// The register number of a receipt, or the merge's commit.
    pub reference: Option<String>,
    /// The document received, as the register names it, e.g. "Báo cáo số
    /// 312/BC-SGTVT ngày 13/9/2023"; `None` when the arrival is a commit.
    pub document: Option<String>,
    /// The pull request the receipt names, or the one the first commit
    /// merged; `None` when neither names one.
    pub pull_request: Option<u64>,
}

/// A diagnostic of a unit's file, as its page lists it.
#[derive(Debug, Clone, Serialize)]
pub struct ProblemView {
    /// The diagnostic's stable code, e.g. "E001" (see `cchc explain`).
    pub code: &'static str,
    /// Error or warning; serialised in lower case, the template's CSS class.
    pub severity: Severity,
    /// The 1-based line where the problem starts; `None` when it speaks of
    /// the whole file.
    pub line: Option<usize>,
    /// The 1-based column, in characters, where the problem starts; `None`
    /// with `line`.
    pub column: Option<usize>,
    /// The problem, in Vietnamese.
    pub message: String,
    /// How to fix it, in Vietnamese, when the diagnostic has a hint.
    pub hint: Option<String>,
}

/// A document a unit cites as evidence for a score.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceView {
    /// The document's number, e.g. "204/KH-UBND"; empty when the file
    /// gives none.
    pub number: String,
    /// The document's date in Vietnamese, e.g. "23/12/2022"; `None` when not
    /// given.
    pub date: Option<String>,
    /// The document's title (trích yếu); empty when the file gives none.
    pub title: String,
    /// Only http(s) links that passed validation.
    pub url: Option<String>,
}

/// One scored row of a unit's appendix.
#[derive(Debug, Clone, Serialize)]
pub struct ScoreView {
    /// The row's index in the criteria set's rows (and in the campaign's
    /// `rows`).
    pub row: usize,
    /// The row's id in the criteria set, e.g. "1.1.2".
    pub id: String,
    /// The row's name, as the criteria set gives it.
    pub name: String,
    /// The id of the area the row belongs to, e.g. "1" (its area page's
    /// address).
    pub area: String,
    /// The link to the area's page from the campaign's folder.
    pub area_href: String,
    /// The row's maximum points.
    pub max: PointsView,
    /// The points the unit gives the row; `None` when the file is not counted,
    /// leaves the row unscored or marks it not applicable.
    pub score: Option<PointsView>,
    /// The unit marked the row not applicable: it leaves the unit's maximum.
    pub not_applicable: bool,
    /// Why the row is not applicable, as the unit wrote it.
    pub reason: Option<String>,
    /// The unit's explanation of its score.
    pub explanation: Option<String>,
    /// The documents the unit cites for the score, in the file's order.
    pub evidence: Vec<EvidenceView>,
    /// Points below the maximum, when scored.
    pub lost: Option<PointsView>,
}

/// A task of the campaign's plan with what its lead unit reported of it.
#[derive(Debug, Clone, Serialize)]
pub struct TaskView {
    /// The task's id, as in the campaign's plan.toml.
    pub id: String,
    /// The task's title, as the plan gives it.
    pub title: String,
    /// The task's due date in Vietnamese, e.g. "30/6/2023".
    pub due: String,
    /// The product the plan expects of the task (sản phẩm), when it names one.
    pub output: Option<String>,
    /// The reported status's key: "done", "`in_progress`", "`not_started`" or
    /// "`at_risk`"; `None` when unreported.
    pub status: Option<&'static str>,
    /// The reported status in Vietnamese, e.g. "Hoàn thành"; `None` when
    /// unreported.
    pub status_label: Option<&'static str>,
    /// The reported progress as a Vietnamese percentage, e.g. "75%"; `None`
    /// when not given.
    pub progress: Option<String>,
    /// The results the lead unit reports (kết quả).
    pub note: Option<String>,
    /// The shortcomings reported (tồn tại, hạn chế).
    pub shortcomings: Option<String>,
    /// The causes of the shortcomings reported (nguyên nhân).
    pub causes: Option<String>,
    /// The remedy reported (giải pháp).
    pub remedy: Option<String>,
    /// Due on or before the cut-off and not done.
    pub overdue: bool,
    /// Reported as at risk ("Dự báo khó hoàn thành").
    pub at_risk: bool,
    /// No valid report from the lead unit covers it.
    pub unreported: bool,
}

/// Who prepared a unit's report, as its file's `[prepared_by]` says; each
/// field `None` when the file leaves it out.
#[derive(Debug, Clone, Serialize)]
pub struct PersonView {
    /// The preparer's name.
    pub name: Option<String>,
    /// The preparer's position (chức vụ).
    pub position: Option<String>,
    /// The preparer's phone number, as written.
    pub phone: Option<String>,
    /// The preparer's e-mail address.
    pub email: Option<String>,
}

/// A unit's extended deadline, as content/ grants it.
#[derive(Debug, Clone, Serialize)]
pub struct ExtensionView {
    /// The extended deadline as text, e.g. "trước 00:00 ngày 20/9/2023 (giờ
    /// `Asia/Ho_Chi_Minh`)".
    pub deadline: String,
    /// Why the extension was granted.
    pub reason: String,
    /// The document granting it, e.g. "Công văn số 1450/SNV-CCHCVTLT ngày
    /// 14/9/2023", when content/ names one.
    pub document: Option<String>,
}

/// One participating unit's report in a campaign: its status, arrival,
/// history, problems, scores and tasks.
#[derive(Debug, Clone, Serialize)]
pub struct UnitReport {
    /// The unit's id, as in content/units.toml (and its submission file's
    /// name without `.toml`).
    pub id: String,
    /// The link to the unit's page from the campaign's folder.
    pub href: String,
    /// The unit's short name from content/units.toml; its id when the file
    /// lacks the unit.
    pub name: String,
    /// The unit's full name, when content/units.toml gives one.
    pub full_name: Option<String>,
    /// The appendix the campaign assigns the unit, e.g. "III".
    pub appendix: String,
    /// Where the unit stands as of the report's time.
    pub status: Status,
    /// The status in Vietnamese, e.g. "Nộp muộn".
    pub status_label: &'static str,
    /// The unit's deadline as text, extension counted, e.g. "trước 00:00
    /// ngày 15/9/2023 (giờ `Asia/Ho_Chi_Minh`)".
    pub deadline: String,
    /// The unit's extension; `None` when it has none.
    pub extension: Option<ExtensionView>,
    /// The submission file's path in the repository, e.g.
    /// "submissions/2023-9t/tu-phap.toml"; where it belongs when there is none.
    pub path: String,
    /// A submission file is there.
    pub has_file: bool,
    /// How and when the report arrived; `None` when nothing has.
    pub received: Option<Received>,
    /// The time of the file's latest revision that did not delete it; `None`
    /// when the file has fewer than two revisions.
    pub revised: Option<TimeView>,
    /// Newest first.
    pub revisions: Vec<RevisionView>,
    /// The office changed the file after the unit's deadline (a revision no
    /// receipt covers).
    pub revised_after_deadline: bool,
    /// Who prepared the report, when the file's data could be read and names
    /// someone.
    pub prepared_by: Option<PersonView>,
    /// The diagnostics of the unit's file, errors and warnings.
    pub problems: Vec<ProblemView>,
    /// How many of `problems` are errors.
    pub errors: usize,
    /// The data is shown and counted only when the file is valid.
    pub counted: bool,
    /// The sum of the unit's scores; `None` unless `counted`.
    pub total: Option<PointsView>,
    /// The maximum of the rows the unit scores (not-applicable rows out).
    pub max: PointsView,
    /// `total` as a percentage of `max`; `None` unless `counted`, or when
    /// `max` is zero.
    pub percent: Option<Percent>,
    /// The unit page's `rows`, not part of `unit` (every page of the
    /// campaign carries `c`, whose units stay light).
    #[serde(skip)]
    pub rows: Vec<ScoreView>,
    /// The plan's tasks the unit leads, in the plan's order, with what a
    /// counted file reports of them.
    pub tasks: Vec<TaskView>,
    /// How many rows of the appendix have a score or are marked not
    /// applicable.
    pub rows_scored: usize,
    /// How many rows the unit's appendix has.
    pub rows_total: usize,
}

/// A row of the criteria set with what the campaign knows of it.
#[derive(Debug, Clone, Serialize)]
pub struct RowView {
    /// The row's index in the criteria set's rows (and in the campaign's
    /// `rows`).
    pub index: usize,
    /// The row's id in the criteria set, e.g. "1.1.2".
    pub id: String,
    /// The row's name, as the criteria set gives it.
    pub name: String,
    /// "area", "criterion" or "sub" (a sub-criterion).
    pub level: &'static str,
    /// How many rows are above it: 0 for an area, 1 for a criterion, 2 for a
    /// sub-criterion.
    pub depth: usize,
    /// The row's maximum points, as the set gives it.
    pub max: PointsView,
    /// Who scores it: "self" (the units), "survey" or "indicator".
    pub source: &'static str,
    /// The source in Vietnamese, e.g. "Điều tra xã hội học".
    pub source_label: &'static str,
    /// The row takes a score: a criterion without sub-criteria, or a
    /// sub-criterion.
    pub scored: bool,
    /// The units score it (source "self").
    pub self_assessed: bool,
    /// The id of the unit whose appendix holds the row; `None` when no
    /// participant scores it.
    pub owner: Option<String>,
    /// The link to the owner's page from the campaign's folder.
    pub owner_href: Option<String>,
    /// The owner's short name from content/units.toml; `None` when it lacks
    /// the owner.
    pub owner_name: Option<String>,
    /// The appendix the owner scores the row in.
    pub owner_appendix: Option<String>,
    /// The points a counted report gives the row; `None` otherwise.
    pub score: Option<PointsView>,
    /// A counted report marks the row not applicable.
    pub not_applicable: bool,
    /// Points below the maximum, when scored.
    pub lost: Option<PointsView>,
    /// For areas and criteria: the sum of the scores reported below, against
    /// the self-assessable maximum below.
    pub subtotal: Option<PointsView>,
    /// The self-assessable maximum at and below the row, not-applicable rows
    /// out.
    pub self_max: PointsView,
    /// How to score the row, as the criteria set's `guide` says.
    pub guide: Option<String>,
    /// The id of the area the row belongs to (an area's own).
    pub area: String,
    /// The link to the area's page from the campaign's folder.
    pub area_href: String,
}

/// An area of the criteria set with the sums of its rows.
#[derive(Debug, Clone, Serialize)]
pub struct AreaReport {
    /// The area's id in the criteria set, e.g. "1" (its page's address).
    pub id: String,
    /// The link to the area's page from the campaign's folder.
    pub href: String,
    /// The area's name, as the criteria set gives it.
    pub name: String,
    /// The area's maximum in the set, every source counted.
    pub max: PointsView,
    /// The self-assessable maximum of its rows, not-applicable rows out.
    pub self_max: PointsView,
    /// The maximum of its scored rows the units do not score (survey and
    /// indicator).
    pub survey_max: PointsView,
    /// The sum of the scores counted reports give its rows (0 when none).
    pub score: PointsView,
    /// `score` as a percentage of `self_max`; `None` when that is zero.
    pub percent: Option<Percent>,
    /// Indices of this area's rows (criteria and sub-criteria) in `rows`.
    pub rows: Vec<usize>,
    /// How many of its scored self-assessed rows have a score or are marked
    /// not applicable.
    pub rows_scored: usize,
    /// How many scored self-assessed rows it has.
    pub rows_self: usize,
}

/// How many of a campaign's units have one status.
#[derive(Debug, Clone, Serialize)]
pub struct Count {
    /// The status counted.
    pub status: Status,
    /// The status in Vietnamese, e.g. "Đúng hạn".
    pub label: &'static str,
    /// The number of units with it.
    pub count: usize,
}

/// The province's totals: what the counted reports give the whole criteria
/// set.
#[derive(Debug, Clone, Serialize)]
pub struct Totals {
    /// The sum of the self-assessed scores of every counted report.
    pub score: PointsView,
    /// The self-assessable maximum of the whole set (not-applicable rows out).
    pub self_max: PointsView,
    /// The same with every self-assessed row, as the set defines it.
    pub set_self_max: PointsView,
    /// `score` as a percentage of `self_max`; `None` when that is zero.
    pub percent: Option<Percent>,
    /// The maximum of the set's survey rows (điều tra xã hội học).
    pub survey_max: PointsView,
    /// The maximum of the set's socio-economic indicator rows.
    pub indicator_max: PointsView,
    /// The set's whole scale: the sum of its areas' maxima.
    pub total_max: PointsView,
    /// How many scored self-assessed rows have a score or are marked not
    /// applicable.
    pub rows_scored: usize,
    /// How many scored self-assessed rows the set has.
    pub rows_self: usize,
}

/// A ranking band of the criteria set; the campaign lists them best first.
#[derive(Debug, Clone, Serialize)]
pub struct BandView {
    /// The band's lower bound, in percent: a percentage at or above it is in
    /// this band or a better one.
    pub min_percent: f64,
    /// The next band's lower bound: this band is below it.
    pub below: Option<f64>,
    /// The band's label, e.g. "Khá"; empty for the one band of a set that
    /// defines none.
    pub label: String,
    /// The bounds as a reader sees them ("87,5").
    pub min_text: String,
    /// `below` as a reader sees it; `None` for the best band.
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

/// A campaign's extra page (a Markdown file in its folder), as the
/// navigation links to it.
#[derive(Debug, Clone, Serialize)]
pub struct PageRef {
    /// The file name without `.md`: the page's address.
    pub slug: String,
    /// The link to the page from the campaign's folder.
    pub href: String,
    /// The page's title, from its front matter.
    pub title: String,
}

/// What the site says of the Git history the arrival times come from.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryView {
    /// The published branch's history was read.
    pub known: bool,
    /// The campaign takes arrival times from its receipts register only.
    pub receipts_only: bool,
    /// The published branch's name; `None` when the history is unknown.
    pub branch: Option<String>,
    /// The first 7 characters of the commit the history was read at; `None`
    /// when unknown.
    pub head: Option<String>,
    /// Why the history is unknown, in Vietnamese; `None` when it is known or
    /// the campaign is receipts-only.
    pub note: Option<String>,
}

/// One campaign's report: its letter and plan, deadline, units, criteria
/// rows, areas, tasks and the province's totals.
#[derive(Debug, Clone, Serialize)]
pub struct CampaignReport {
    /// The campaign's id: its folder under content/campaigns/, e.g. "2023-9t".
    pub id: String,
    /// The campaign's title, as campaign.toml gives it.
    pub title: String,
    /// The campaign's data are illustrative, not real: the site shows a
    /// banner.
    pub illustrative: bool,
    /// What is illustrative, as campaign.toml says; `None` for the site's
    /// default text.
    pub illustrative_note: Option<String>,
    /// Closed to reports: no templates are offered.
    pub closed: bool,
    /// The number of the office's letter asking for reports, e.g.
    /// "…/SNV-CCHCVTLT".
    pub letter_number: String,
    /// The letter's date in Vietnamese, e.g. "12/9/2023", else as written
    /// ("tháng 9 năm 2023"); `None` when neither is given.
    pub letter_date: Option<String>,
    /// The letter's subject (trích yếu), when given.
    pub letter_subject: Option<String>,
    /// Who signed the letter, e.g. "Phó Giám đốc Sở Nội vụ", when given.
    pub letter_signer: Option<String>,
    /// A link to the letter, when given.
    pub letter_url: Option<String>,
    /// The number of the reform plan the campaign rests on, e.g.
    /// "204/KH-UBND".
    pub plan_number: String,
    /// The plan's date in Vietnamese, e.g. "23/12/2022", when given.
    pub plan_date: Option<String>,
    /// The plan's title.
    pub plan_title: String,
    /// A link to the plan, when given.
    pub plan_url: Option<String>,
    /// The date the data are as of (ngày chốt số liệu) in Vietnamese, e.g.
    /// "10/9/2023".
    pub cutoff: String,
    /// The general deadline as text, e.g. "trước 00:00 ngày 15/9/2023 (giờ
    /// `Asia/Ho_Chi_Minh`)".
    pub deadline: String,
    /// The general deadline in RFC 3339, e.g. "2023-09-15T00:00:00+07:00".
    pub deadline_iso: String,
    /// The campaign's IANA time zone, e.g. "`Asia/Ho_Chi_Minh`".
    pub time_zone: String,
    /// The report's time is at or after the general deadline.
    pub deadline_passed: bool,
    /// The criteria set's id, e.g. "cchc-tinh-2023".
    pub criteria_id: String,
    /// The criteria set's title.
    pub criteria_title: String,
    /// The document the criteria set rests on, when it names one.
    pub criteria_basis: Option<String>,
    /// Some of the set's names or points are illustrative.
    pub criteria_illustrative: bool,
    /// What of the set is illustrative, when it says.
    pub criteria_illustrative_note: Option<String>,
    /// The set's ranking bands, best first; one unlabelled band from 0% when
    /// the set defines none.
    pub bands: Vec<BandView>,
    /// How many units have each status, one per status in `Status::ALL`
    /// order (zeros included).
    pub counts: Vec<Count>,
    /// How many units take part.
    pub units_total: usize,
    /// How many units' reports were received (on time, late, or when
    /// unknown).
    pub units_received: usize,
    /// Each participant's report, in campaign.toml's (the letter's) order.
    pub units: Vec<UnitReport>,
    /// The criteria set's areas, in the set's order.
    pub areas: Vec<AreaReport>,
    /// Every row of the criteria set; pages get theirs as `rows`.
    #[serde(skip)]
    pub rows: Vec<RowView>,
    /// Indices into `rows` of the scored self-assessed rows, in the set's
    /// order and by points lost (most first).
    #[serde(skip)]
    pub table_by_order: Vec<usize>,
    /// The same rows by points lost, most first; rows without a score last.
    #[serde(skip)]
    pub table_by_loss: Vec<usize>,
    /// The province's totals over the whole set.
    pub province: Totals,
    /// Every task of the plan, in the plan's order, with what its lead unit's
    /// counted report says.
    pub tasks: Vec<TaskView>,
    /// The name of each task's lead unit, by position in `tasks` (its id
    /// when content/units.toml lacks it).
    pub task_leads: Vec<String>,
    /// The campaign's extra pages, by weight then slug.
    pub pages: Vec<PageRef>,
    /// What is known of the Git history the arrival times come from.
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
