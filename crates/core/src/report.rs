//! The report: everything the site, `cchc status` and `cchc export` show,
//! computed once from the validated repository, its history and the clock.
//! Pure, and serialisable as it is: templates read these structs, so every
//! number is also given as text formatted for Vietnamese readers.

use std::collections::BTreeMap;
use std::collections::HashMap;

use jiff::Timestamp;
use serde::Serialize;

use crate::diag::{Diagnostic, Severity};
use crate::history::{Change, History, Revision};
use crate::load::RawSubmission;
use crate::model::{Campaign, Channel, Content, Level, Row, Source};
use crate::points::Points;
use crate::raw::submission::Submission;
use crate::source::SourceDb;
use crate::text::{Lang, Localized};

/// A unit's standing in a campaign as of the report's time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    OnTime,
    Late,
    /// Received, but when is unknown (no history, or not yet merged).
    Received,
    NotYetDue,
    Missing,
    Invalid,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::OnTime,
        Status::Late,
        Status::Received,
        Status::NotYetDue,
        Status::Missing,
        Status::Invalid,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Status::OnTime => "Đúng hạn",
            Status::Late => "Nộp muộn",
            Status::Received => "Đã nộp, chưa rõ thời điểm",
            Status::NotYetDue => "Chưa đến hạn",
            Status::Missing => "Chưa nộp, đã quá hạn",
            Status::Invalid => "Không hợp lệ",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Status::OnTime => "on time",
            Status::Late => "late",
            Status::Received => "received, time unknown",
            Status::NotYetDue => "not yet due",
            Status::Missing => "missing",
            Status::Invalid => "invalid",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Status::OnTime => "on_time",
            Status::Late => "late",
            Status::Received => "received",
            Status::NotYetDue => "not_yet_due",
            Status::Missing => "missing",
            Status::Invalid => "invalid",
        }
    }
}

/// What decides a unit's status, gathered from the campaign, the files and
/// the history.
#[derive(Debug, Clone, Copy)]
pub struct StatusInput {
    /// A submission file is on the branch (or in the working tree).
    pub has_file: bool,
    /// The file has errors.
    pub invalid: bool,
    /// When the report arrived: the receipts register or the file's first
    /// commit; `None` when unknown.
    pub received: Option<Timestamp>,
    /// The office registered a report that came another way.
    pub receipted: bool,
    pub deadline: Timestamp,
    pub now: Timestamp,
}

/// The status rule: one place, used by the site, `status` and the tests.
/// A report must arrive strictly before the deadline.
pub fn status(i: StatusInput) -> Status {
    if i.has_file && i.invalid {
        return Status::Invalid;
    }
    match i.received {
        Some(t) if t < i.deadline => Status::OnTime,
        Some(_) => Status::Late,
        None if i.has_file || i.receipted => Status::Received,
        None if i.now < i.deadline => Status::NotYetDue,
        None => Status::Missing,
    }
}

/// When a revision of a unit's file came, against the unit's deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Timing {
    /// Before the unit's deadline.
    BeforeDeadline,
    /// After the deadline, but the version the receipts register records as
    /// received before it: a pull request sent in time and merged later, or
    /// the office's digital copy of a report that came on paper or by
    /// e-mail.
    ReceivedInTime,
    /// After the deadline, and no receipt covers it: only the office's
    /// admins may change a unit's file then (the gate refuses the unit), so
    /// it is the office's.
    OfficeAfterDeadline,
}

impl Timing {
    pub fn key(self) -> &'static str {
        match self {
            Timing::BeforeDeadline => "before_deadline",
            Timing::ReceivedInTime => "received_in_time",
            Timing::OfficeAfterDeadline => "office_after_deadline",
        }
    }
}

/// The timing rule: a revision before the deadline is on time; after it, it
/// is the version a receipt received in time covers (the revision merged
/// from the pull request the receipt names; without one, the file's first
/// revision: the office typing in what it received), else the office's.
/// A receipt dates one version; it never covers a later change.
pub fn timings(
    revisions: &[Revision],
    receipts: &[&crate::model::Receipt],
    deadline: Timestamp,
) -> Vec<Timing> {
    let in_time: Vec<&&crate::model::Receipt> =
        receipts.iter().filter(|r| r.received < deadline).collect();
    revisions
        .iter()
        .enumerate()
        .map(|(i, rev)| {
            if rev.time < deadline {
                return Timing::BeforeDeadline;
            }
            let covered = in_time.iter().any(|r| match r.pull_request {
                Some(n) => rev.pull_request == Some(n),
                None => i == 0 && rev.change == Change::Added,
            });
            if covered {
                Timing::ReceivedInTime
            } else {
                Timing::OfficeAfterDeadline
            }
        })
        .collect()
}

// ---- views: what templates see ----

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
    fn new(min_percent: f64, below: Option<f64>, label: String) -> Self {
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

/// The whole site's data: campaigns newest first.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The time the report describes (the build's clock).
    #[serde(skip)]
    pub at: Timestamp,
    pub generated: TimeView,
    pub office: Option<String>,
    pub campaigns: Vec<CampaignReport>,
}

/// What the report is built from.
#[derive(Debug)]
pub struct Sources<'a> {
    pub content: &'a Content,
    pub submissions: &'a [RawSubmission],
    pub diags: &'a [Diagnostic],
    pub db: &'a SourceDb,
    pub history: &'a History,
    pub now: Timestamp,
}

pub fn report(src: &Sources<'_>) -> Report {
    let mut head = report_head(src.content, src.now);
    head.campaigns = campaigns_in_order(src.content)
        .into_iter()
        .map(|c| campaign_report(c, src))
        .collect();
    head
}

/// The campaigns, newest deadline first: the order of the site and of
/// `Report::campaigns`.
pub fn campaigns_in_order(content: &Content) -> Vec<&Campaign> {
    let mut campaigns: Vec<&Campaign> = content.campaigns.values().collect();
    campaigns.sort_by(|a, b| (b.deadline, &b.id).cmp(&(a.deadline, &a.id)));
    campaigns
}

/// The report without its campaigns: what is known from content/ and the
/// clock alone.
pub fn report_head(content: &Content, now: Timestamp) -> Report {
    let tz = campaigns_in_order(content)
        .first()
        .map_or_else(|| jiff::tz::TimeZone::UTC, |c| c.time_zone.clone());
    Report {
        at: now,
        generated: time_view(now, &tz),
        office: content.office.as_ref().map(|o| o.name.clone()),
        campaigns: Vec::new(),
    }
}

fn time_view(t: Timestamp, tz: &jiff::tz::TimeZone) -> TimeView {
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

fn percent(score: Points, max: Points, bands: &[BandView]) -> Option<Percent> {
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

fn source_label(s: Source) -> (&'static str, &'static str) {
    match s {
        Source::SelfAssessed => ("self", "Đơn vị tự chấm"),
        Source::Survey => ("survey", "Điều tra xã hội học"),
        Source::Indicator => ("indicator", "Chỉ tiêu kinh tế - xã hội"),
    }
}

fn task_status_label(s: &str) -> &'static str {
    match s {
        "done" => "Hoàn thành",
        "in_progress" => "Đang thực hiện",
        "not_started" => "Chưa thực hiện",
        "at_risk" => "Dự báo khó hoàn thành",
        _ => "",
    }
}

fn change_label(c: Change) -> &'static str {
    match c {
        Change::Added => "Nộp lần đầu",
        Change::Modified => "Sửa đổi",
        Change::Deleted => "Xoá",
    }
}

fn timing_label(t: Timing, c: Change) -> &'static str {
    match (t, c) {
        (Timing::BeforeDeadline, _) => "Trước hạn",
        (Timing::ReceivedInTime, _) => {
            "Bản đã nhận trước hạn (sổ công văn đến), Phòng CCHC đưa vào kho sau hạn"
        }
        (Timing::OfficeAfterDeadline, Change::Added) => "Sau hạn, Phòng CCHC đưa vào kho",
        (Timing::OfficeAfterDeadline, Change::Modified) => "Sau hạn, Phòng CCHC sửa",
        (Timing::OfficeAfterDeadline, Change::Deleted) => "Sau hạn, Phòng CCHC xoá",
    }
}

/// The area a row belongs to.
fn area_of(rows: &[Row], mut i: usize) -> usize {
    while let Some(p) = rows.get(i).and_then(|r| r.parent) {
        i = p;
    }
    i
}

fn depth_of(rows: &[Row], mut i: usize) -> usize {
    let mut d = 0;
    while let Some(p) = rows.get(i).and_then(|r| r.parent) {
        i = p;
        d += 1;
    }
    d
}

/// What one unit reported for one row.
#[derive(Debug, Clone, Copy)]
struct RowScore {
    score: Option<Points>,
    not_applicable: bool,
}

/// One campaign's report; `src` needs only that campaign's submissions.
pub fn campaign_report(c: &Campaign, src: &Sources<'_>) -> CampaignReport {
    let set = &c.criteria;
    let rows = &set.rows;
    let mut sorted = set.bands.clone();
    sorted.sort_by(|a, b| b.min_percent.total_cmp(&a.min_percent));
    let bands: Vec<BandView> = if sorted.is_empty() {
        vec![BandView::new(0.0, None, String::new())]
    } else {
        // Each band is below the one before it (the bands run best first).
        let above = std::iter::once(None).chain(sorted.iter().map(|b| Some(b.min_percent)));
        sorted
            .iter()
            .zip(above)
            .map(|(b, below)| BandView::new(b.min_percent, below, b.label.clone()))
            .collect()
    };
    let files: BTreeMap<&str, &RawSubmission> = src
        .submissions
        .iter()
        .filter(|s| s.place.folder.as_deref() == Some(c.id.as_str()))
        .map(|s| (s.place.stem.as_str(), s))
        .collect();

    // Per unit: status, scores and tasks.
    let mut units = Vec::new();
    let mut scores: BTreeMap<usize, (String, RowScore)> = BTreeMap::new();
    let mut task_reports: BTreeMap<String, TaskView> = BTreeMap::new();
    // Each file's problems, found once rather than once per unit.
    let mut diags_of: HashMap<&str, Vec<&Diagnostic>> = HashMap::new();
    for d in src.diags {
        diags_of.entry(&d.span.file).or_default().push(d);
    }
    for p in &c.participants {
        let file = files.get(p.unit.as_str()).copied();
        let u = unit_report(c, p, file, src, &diags_of, &bands);
        if u.counted {
            if let Some(sub) = file.and_then(|f| f.sub.as_ref()) {
                for (row, s) in unit_scores(sub, c, &p.rows) {
                    scores.insert(row, (p.unit.clone(), s));
                }
            }
            for t in &u.tasks {
                task_reports.insert(t.id.clone(), t.clone());
            }
        }
        units.push(u);
    }

    let mut row_views = row_views(c, &scores);
    let appendix_of: HashMap<&str, &str> = c
        .participants
        .iter()
        .map(|p| (p.unit.as_str(), p.appendix.as_str()))
        .collect();
    for v in &mut row_views {
        v.owner_name = v
            .owner
            .as_deref()
            .and_then(|o| src.content.unit(o))
            .map(|u| u.name.clone());
        v.owner_appendix = v
            .owner
            .as_deref()
            .and_then(|o| appendix_of.get(o))
            .map(|a| (*a).to_owned());
    }
    let areas = area_reports(rows, &row_views, &bands);
    let province = province_totals(rows, &row_views, &bands);

    let mut table_by_order: Vec<usize> = row_views
        .iter()
        .filter(|r| r.scored && r.self_assessed)
        .map(|r| r.index)
        .collect();
    let lost = |i: &usize| {
        row_views
            .get(*i)
            .and_then(|r| r.lost.as_ref())
            .map_or(-1.0, |l| l.value)
    };
    let mut table_by_loss = table_by_order.clone();
    table_by_loss.sort_by(|a, b| lost(b).total_cmp(&lost(a)).then(a.cmp(b)));
    table_by_order.sort_unstable();

    let tasks: Vec<TaskView> = c
        .tasks
        .iter()
        .map(|t| {
            task_reports
                .get(&t.id)
                .cloned()
                .unwrap_or_else(|| task_view(c, t, None))
        })
        .collect();
    let task_leads = c
        .tasks
        .iter()
        .map(|t| {
            src.content
                .unit(&t.lead)
                .map_or_else(|| t.lead.clone(), |u| u.name.clone())
        })
        .collect();

    let counts = Status::ALL
        .iter()
        .map(|&s| Count {
            status: s,
            label: s.label(),
            count: units.iter().filter(|u: &&UnitReport| u.status == s).count(),
        })
        .collect();
    let units_received = units
        .iter()
        .filter(|u| matches!(u.status, Status::OnTime | Status::Late | Status::Received))
        .count();
    let history = match src.history {
        History::Known { branch, head, .. } => HistoryView {
            known: true,
            receipts_only: c.receipts_only,
            branch: Some(branch.clone()),
            head: Some(head.chars().take(7).collect()),
            note: None,
        },
        History::Unknown { reason } => HistoryView {
            known: false,
            receipts_only: c.receipts_only,
            branch: None,
            head: None,
            // Times come from the register anyway.
            note: (!c.receipts_only).then(|| reason.vi.clone()),
        },
    };
    CampaignReport {
        id: c.id.clone(),
        title: c.title.clone(),
        illustrative: c.illustrative,
        illustrative_note: c.illustrative_note.clone(),
        closed: c.closed,
        letter_number: c.letter.number.clone(),
        letter_date: c
            .letter
            .date
            .map(|d| d.in_lang(Lang::Vi))
            .or_else(|| c.letter.date_text.clone()),
        letter_subject: c.letter.subject.clone(),
        letter_signer: c.letter.signer.clone(),
        letter_url: c.letter.url.clone(),
        plan_number: c.plan.number.clone(),
        plan_date: c.plan.date.map(|d| d.in_lang(Lang::Vi)),
        plan_title: c.plan.title.clone(),
        plan_url: c.plan.url.clone(),
        cutoff: c.cutoff.in_lang(Lang::Vi),
        deadline: deadline_text(c.deadline_local, &c.time_zone_name),
        deadline_iso: rfc3339(c.deadline, &c.time_zone),
        time_zone: c.time_zone_name.clone(),
        deadline_passed: src.now >= c.deadline,
        criteria_id: set.id.clone(),
        criteria_title: set.title.clone(),
        criteria_basis: set.basis.clone(),
        criteria_illustrative: set.illustrative,
        criteria_illustrative_note: set.illustrative_note.clone(),
        bands,
        counts,
        units_total: units.len(),
        units_received,
        units,
        areas,
        rows: row_views,
        table_by_order,
        table_by_loss,
        province,
        tasks,
        task_leads,
        pages: c
            .pages
            .iter()
            .map(|p| PageRef {
                slug: p.slug.clone(),
                title: p.title.clone(),
            })
            .collect(),
        history,
    }
}

/// "trước 00:00 ngày 15/9/2023 (giờ `Asia/Ho_Chi_Minh`)"
fn deadline_text(local: jiff::civil::DateTime, tz: &str) -> String {
    format!("trước {} (giờ {tz})", local.in_lang(Lang::Vi))
}

fn unit_report(
    c: &Campaign,
    p: &crate::model::Participant,
    file: Option<&RawSubmission>,
    src: &Sources<'_>,
    diags_of: &HashMap<&str, Vec<&Diagnostic>>,
    bands: &[BandView],
) -> UnitReport {
    let unit = src.content.unit(&p.unit);
    let path = file.map_or_else(
        || format!("submissions/{}/{}.toml", c.id, p.unit),
        |f| f.place.path.to_string(),
    );
    let problems: Vec<ProblemView> = diags_of
        .get(path.as_str())
        .into_iter()
        .flatten()
        .map(|d| problem_view(d, src.db))
        .collect();
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let sub = file.and_then(|f| f.sub.as_ref());
    let revisions = if c.receipts_only {
        &[]
    } else {
        src.history.revisions(&path)
    };
    let unit_receipts: Vec<&crate::model::Receipt> =
        c.receipts.iter().filter(|r| r.unit == p.unit).collect();
    let receipt = unit_receipts.iter().copied().min_by_key(|r| r.received);
    // A report withdrawn (its file deleted) is no longer received.
    let first_added = revisions
        .iter()
        .find(|r| r.change == Change::Added)
        .filter(|_| file.is_some());
    let received = match (receipt, first_added) {
        (Some(r), _) => Some(Received {
            time: Some(time_view(r.received, &c.time_zone)),
            via: match r.channel {
                Channel::Paper => "paper",
                Channel::Email => "email",
                Channel::PullRequest => "pull_request",
            },
            via_label: match r.channel {
                Channel::Paper => "Văn bản giấy (sổ công văn đến)",
                Channel::Email => "Thư điện tử (sổ công văn đến)",
                Channel::PullRequest => "Yêu cầu hợp nhất, thời điểm gửi ghi trong sổ",
            },
            reference: r.register_number.clone(),
            document: r.document.clone(),
            pull_request: r.pull_request,
        }),
        (None, Some(rev)) => Some(Received {
            time: Some(time_view(rev.time, &c.time_zone)),
            via: "git",
            via_label: "Yêu cầu hợp nhất (Git)",
            reference: Some(rev.commit.chars().take(7).collect()),
            document: None,
            pull_request: rev.pull_request,
        }),
        (None, None) if file.is_some() => Some(Received {
            time: None,
            via: "git",
            via_label: "Tệp trong kho (chưa rõ thời điểm hợp nhất)",
            reference: None,
            document: None,
            pull_request: None,
        }),
        (None, None) => None,
    };
    let received_at = receipt
        .map(|r| r.received)
        .or_else(|| first_added.map(|r| r.time));
    let deadline = c.deadline_for(&p.unit);
    let timing = timings(revisions, &unit_receipts, deadline);
    let st = status(StatusInput {
        has_file: file.is_some(),
        invalid: errors > 0 || (file.is_some() && sub.is_none()),
        received: received_at,
        receipted: receipt.is_some(),
        deadline,
        now: src.now,
    });
    let counted = sub.is_some() && errors == 0;
    let row_scores: BTreeMap<usize, RowScore> = match sub {
        Some(s) if counted => unit_scores(s, c, &p.rows).into_iter().collect(),
        _ => BTreeMap::new(),
    };
    let set = &c.criteria;
    // Each row's entry by criterion id, the first where one is given twice
    // (as a search from the start would find it).
    let mut entries: HashMap<&str, &crate::raw::submission::ScoreEntry> = HashMap::new();
    if let Some(s) = sub.filter(|_| counted) {
        for e in &s.scores {
            entries.entry(e.criterion.value.as_str()).or_insert(e);
        }
    }
    let mut rows = Vec::new();
    let (mut total, mut max) = (Points::ZERO, Points::ZERO);
    for &i in &p.rows {
        let Some(row) = set.rows.get(i) else { continue };
        let rs = row_scores.get(&i).copied();
        let entry = entries.get(row.id.as_str()).copied();
        let na = rs.is_some_and(|r| r.not_applicable);
        if !na {
            max = max + row.max;
        }
        if let Some(sc) = rs.and_then(|r| r.score) {
            total = total + sc;
        }
        let area = set
            .rows
            .get(area_of(&set.rows, i))
            .map(|a| a.id.clone())
            .unwrap_or_default();
        rows.push(ScoreView {
            row: i,
            id: row.id.clone(),
            name: row.name.clone(),
            area,
            max: row.max.into(),
            score: rs.and_then(|r| r.score).map(Into::into),
            not_applicable: na,
            reason: entry.and_then(|e| e.reason.as_ref().map(|r| r.value.clone())),
            explanation: entry.and_then(|e| e.explanation.as_ref().map(|r| r.value.clone())),
            evidence: entry
                .map(|e| {
                    e.evidence
                        .iter()
                        .map(|ev| EvidenceView {
                            number: ev
                                .number
                                .as_ref()
                                .map(|n| n.value.clone())
                                .unwrap_or_default(),
                            date: ev.date.as_ref().map(|d| d.value.in_lang(Lang::Vi)),
                            title: ev
                                .title
                                .as_ref()
                                .map(|t| t.value.clone())
                                .unwrap_or_default(),
                            // As a browser would send it: characters an
                            // href may not hold (", <, >, spaces) encoded.
                            url: ev.url.as_ref().map(|u| {
                                url::Url::parse(&u.value)
                                    .map_or_else(|_| u.value.clone(), String::from)
                            }),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            lost: rs.and_then(|r| r.score).map(|s| (row.max - s).into()),
        });
    }
    let rows_scored = rows
        .iter()
        .filter(|r| r.score.is_some() || r.not_applicable)
        .count();
    let tasks = c
        .tasks_of(&p.unit)
        .map(|t| {
            let report = sub
                .filter(|_| counted)
                .and_then(|s| s.tasks.iter().find(|r| r.id.value == t.id));
            task_view(c, t, report)
        })
        .collect();
    UnitReport {
        id: p.unit.clone(),
        name: unit.map_or_else(|| p.unit.clone(), |u| u.name.clone()),
        full_name: unit.and_then(|u| u.full_name.clone()),
        appendix: p.appendix.clone(),
        status: st,
        status_label: st.label(),
        deadline: deadline_text(c.deadline_local_for(&p.unit), &c.time_zone_name),
        extension: c.extension(&p.unit).map(|e| ExtensionView {
            deadline: deadline_text(e.deadline_local, &c.time_zone_name),
            reason: e.reason.clone(),
            document: e.document.clone(),
        }),
        path,
        has_file: file.is_some(),
        received,
        revised: revisions
            .iter()
            .rev()
            .find(|r| r.change != Change::Deleted)
            .filter(|_| revisions.len() > 1)
            .map(|r| time_view(r.time, &c.time_zone)),
        revisions: revisions
            .iter()
            .zip(&timing)
            .rev()
            .map(|(r, t)| revision_view(r, *t, &c.time_zone))
            .collect(),
        revised_after_deadline: timing.contains(&Timing::OfficeAfterDeadline),
        prepared_by: sub
            .and_then(|s| s.prepared_by.as_ref())
            .map(|p| PersonView {
                name: p.name.as_ref().map(|v| v.value.clone()),
                position: p.position.as_ref().map(|v| v.value.clone()),
                phone: p.phone.as_ref().map(|v| v.value.clone()),
                email: p.email.as_ref().map(|v| v.value.clone()),
            }),
        problems,
        errors,
        counted,
        total: counted.then(|| total.into()),
        max: max.into(),
        percent: if counted {
            percent(total, max, bands)
        } else {
            None
        },
        rows_scored,
        rows_total: p.rows.len(),
        rows,
        tasks,
    }
}

fn revision_view(r: &Revision, timing: Timing, tz: &jiff::tz::TimeZone) -> RevisionView {
    RevisionView {
        timing,
        timing_label: timing_label(timing, r.change),
        time: time_view(r.time, tz),
        commit: r.commit.clone(),
        commit_short: r.commit.chars().take(7).collect(),
        summary: r.summary.clone(),
        pull_request: r.pull_request,
        change: r.change,
        change_label: change_label(r.change),
    }
}

fn problem_view(d: &Diagnostic, db: &SourceDb) -> ProblemView {
    let pos = d.start(db);
    ProblemView {
        code: d.code.as_str(),
        severity: d.severity,
        line: pos.map(|p| p.line),
        column: pos.map(|p| p.column),
        message: d.message.vi.clone(),
        hint: d.hint.as_ref().map(|h| h.vi.clone()),
    }
}

/// The scores a valid submission gives to the rows of its appendix.
fn unit_scores(sub: &Submission, c: &Campaign, own: &[usize]) -> Vec<(usize, RowScore)> {
    sub.scores
        .iter()
        .filter_map(|e| {
            let (i, _) = c.criteria.row(&e.criterion.value)?;
            own.contains(&i).then(|| {
                (
                    i,
                    RowScore {
                        score: e.score.as_ref().and_then(|s| Points::from_f64(s.value)),
                        not_applicable: e.not_applicable.as_ref().is_some_and(|b| b.value),
                    },
                )
            })
        })
        .collect()
}

fn task_view(
    c: &Campaign,
    t: &crate::model::Task,
    report: Option<&crate::raw::submission::TaskReport>,
) -> TaskView {
    let status = report.and_then(|r| r.status.as_ref()).map(|s| s.value);
    let done = status == Some("done");
    TaskView {
        id: t.id.clone(),
        title: t.title.clone(),
        due: t.due.in_lang(Lang::Vi),
        output: t.output.clone(),
        status,
        status_label: status.map(task_status_label),
        progress: report
            .and_then(|r| r.progress.as_ref())
            .map(|p| format!("{}%", p.value.in_lang(Lang::Vi))),
        note: report.and_then(|r| r.note.as_ref().map(|v| v.value.clone())),
        shortcomings: report.and_then(|r| r.shortcomings.as_ref().map(|v| v.value.clone())),
        causes: report.and_then(|r| r.causes.as_ref().map(|v| v.value.clone())),
        remedy: report.and_then(|r| r.remedy.as_ref().map(|v| v.value.clone())),
        overdue: !done && t.due <= c.cutoff,
        at_risk: status == Some("at_risk"),
        unreported: report.is_none(),
    }
}

/// Every row with its score; areas and criteria with the sums below them.
/// A row marked not applicable leaves the maximum, so it neither counts for
/// nor against the unit.
fn row_views(c: &Campaign, scores: &BTreeMap<usize, (String, RowScore)>) -> Vec<RowView> {
    let rows = &c.criteria.rows;
    let mut out: Vec<RowView> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let (source, source_label) = source_label(r.source);
            let owner = c.owner_of(i).map(|p| p.unit.clone());
            let got = scores.get(&i).map(|(_, s)| *s);
            let score = got.and_then(|s| s.score);
            RowView {
                index: i,
                id: r.id.clone(),
                name: r.name.clone(),
                level: match r.level {
                    Level::Area => "area",
                    Level::Criterion => "criterion",
                    Level::Sub => "sub",
                },
                depth: depth_of(rows, i),
                max: r.max.into(),
                source,
                source_label,
                scored: r.is_scored(),
                self_assessed: r.is_self_assessed(),
                owner: owner.clone(),
                owner_name: None,
                owner_appendix: None,
                score: score.map(Into::into),
                not_applicable: got.is_some_and(|s| s.not_applicable),
                lost: score.map(|s| (r.max - s).into()),
                subtotal: None,
                self_max: Points::ZERO.into(),
                guide: r.guide.clone(),
                area: rows
                    .get(area_of(rows, i))
                    .map(|a| a.id.clone())
                    .unwrap_or_default(),
            }
        })
        .collect();
    // Subtotals bottom-up: children come after their parent, so walk back.
    let mut sub_score: Vec<Option<Points>> = vec![None; rows.len()];
    let mut self_max: Vec<Points> = vec![Points::ZERO; rows.len()];
    for i in (0..rows.len()).rev() {
        let Some(r) = rows.get(i) else { continue };
        let (score, max) = if r.is_scored() {
            let na = out.get(i).is_some_and(|v| v.not_applicable);
            let max = if r.is_self_assessed() && !na {
                r.max
            } else {
                Points::ZERO
            };
            (scores.get(&i).and_then(|(_, s)| s.score), max)
        } else {
            let mut sum: Option<Points> = None;
            let mut m = Points::ZERO;
            for &ch in &r.children {
                m = m + self_max.get(ch).copied().unwrap_or_default();
                if let Some(s) = sub_score.get(ch).copied().flatten() {
                    sum = Some(sum.unwrap_or_default() + s);
                }
            }
            (sum, m)
        };
        if let (Some(a), Some(b)) = (sub_score.get_mut(i), self_max.get_mut(i)) {
            *a = score;
            *b = max;
        }
    }
    for (i, v) in out.iter_mut().enumerate() {
        v.self_max = self_max.get(i).copied().unwrap_or_default().into();
        if !v.scored {
            v.subtotal = sub_score.get(i).copied().flatten().map(Into::into);
        }
    }
    out
}

fn area_reports(rows: &[Row], views: &[RowView], bands: &[BandView]) -> Vec<AreaReport> {
    rows.iter()
        .enumerate()
        .filter(|(_, r)| r.level == Level::Area)
        .map(|(i, a)| {
            let members: Vec<usize> = (0..rows.len())
                .filter(|&j| j != i && area_of(rows, j) == i)
                .collect();
            let scored_self: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&j| {
                    rows.get(j)
                        .is_some_and(|r| r.is_scored() && r.is_self_assessed())
                })
                .collect();
            let survey: Points = members
                .iter()
                .filter_map(|&j| rows.get(j))
                .filter(|r| r.is_scored() && !r.is_self_assessed())
                .map(|r| r.max)
                .sum();
            let v = views.get(i);
            let score = v
                .and_then(|v| v.subtotal.as_ref())
                .and_then(|s| Points::from_f64(s.value))
                .unwrap_or_default();
            let self_max = v
                .and_then(|v| Points::from_f64(v.self_max.value))
                .unwrap_or_default();
            AreaReport {
                id: a.id.clone(),
                name: a.name.clone(),
                max: a.max.into(),
                self_max: self_max.into(),
                survey_max: survey.into(),
                score: score.into(),
                percent: percent(score, self_max, bands),
                rows_scored: scored_self
                    .iter()
                    .filter(|&&j| {
                        views
                            .get(j)
                            .is_some_and(|v| v.score.is_some() || v.not_applicable)
                    })
                    .count(),
                rows_self: scored_self.len(),
                rows: members,
            }
        })
        .collect()
}

fn province_totals(rows: &[Row], views: &[RowView], bands: &[BandView]) -> Totals {
    let mut score = Points::ZERO;
    let mut self_max = Points::ZERO;
    let mut set_self_max = Points::ZERO;
    let mut survey = Points::ZERO;
    let mut indicator = Points::ZERO;
    let mut total = Points::ZERO;
    let (mut scored, mut self_rows) = (0, 0);
    for (r, v) in rows.iter().zip(views) {
        if r.level == Level::Area {
            total = total + r.max;
        }
        if !r.is_scored() {
            continue;
        }
        match r.source {
            Source::SelfAssessed => {
                self_rows += 1;
                set_self_max = set_self_max + r.max;
                if !v.not_applicable {
                    self_max = self_max + r.max;
                }
                if let Some(s) = v.score.as_ref().and_then(|s| Points::from_f64(s.value)) {
                    score = score + s;
                }
                if v.score.is_some() || v.not_applicable {
                    scored += 1;
                }
            }
            Source::Survey => survey = survey + r.max,
            Source::Indicator => indicator = indicator + r.max,
        }
    }
    Totals {
        score: score.into(),
        self_max: self_max.into(),
        set_self_max: set_self_max.into(),
        percent: percent(score, self_max, bands),
        survey_max: survey.into(),
        indicator_max: indicator.into(),
        total_max: total.into(),
        rows_scored: scored,
        rows_self: self_rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn input(received: Option<&str>, now: &str) -> StatusInput {
        StatusInput {
            has_file: received.is_some(),
            invalid: false,
            received: received.map(at),
            receipted: false,
            deadline: at("2023-09-14T17:00:00Z"),
            now: at(now),
        }
    }

    #[test]
    fn the_deadline_is_exclusive() {
        // 00:00 on the 15th in UTC+7 is 17:00 UTC on the 14th.
        assert_eq!(
            status(input(Some("2023-09-14T16:59:59Z"), "2023-10-01T00:00:00Z")),
            Status::OnTime
        );
        assert_eq!(
            status(input(Some("2023-09-14T17:00:00Z"), "2023-10-01T00:00:00Z")),
            Status::Late
        );
    }

    #[test]
    fn nothing_received_is_not_yet_due_then_missing() {
        assert_eq!(
            status(input(None, "2023-09-14T16:59:59Z")),
            Status::NotYetDue
        );
        assert_eq!(status(input(None, "2023-09-14T17:00:00Z")), Status::Missing);
    }

    #[test]
    fn invalid_wins_and_unknown_times_are_said_so() {
        let mut i = input(Some("2023-09-01T00:00:00Z"), "2023-10-01T00:00:00Z");
        i.invalid = true;
        assert_eq!(status(i), Status::Invalid);
        let mut i = input(None, "2023-10-01T00:00:00Z");
        i.has_file = true;
        assert_eq!(status(i), Status::Received);
    }

    fn revision(time: &str, change: Change, pull_request: Option<u64>) -> Revision {
        Revision {
            commit: "0".repeat(40),
            time: at(time),
            summary: String::new(),
            pull_request,
            change,
        }
    }

    fn receipt(received: &str, pull_request: Option<u64>) -> crate::model::Receipt {
        crate::model::Receipt {
            unit: "tu-phap".into(),
            received_local: jiff::civil::DateTime::default(),
            received: at(received),
            channel: if pull_request.is_some() {
                Channel::PullRequest
            } else {
                Channel::Paper
            },
            pull_request,
            register_number: None,
            document: None,
            note: None,
        }
    }

    #[test]
    fn a_receipt_covers_one_version_and_only_if_it_came_in_time() {
        use Timing::{BeforeDeadline, OfficeAfterDeadline, ReceivedInTime};
        let deadline = at("2023-09-14T17:00:00Z");
        let revs = [
            revision("2023-09-14T16:59:59Z", Change::Added, Some(1)),
            revision("2023-09-14T17:00:00Z", Change::Modified, Some(2)),
            revision("2023-09-20T00:00:00Z", Change::Modified, Some(3)),
        ];
        // No receipt: everything from the deadline on is the office's.
        assert_eq!(
            timings(&revs, &[], deadline),
            [BeforeDeadline, OfficeAfterDeadline, OfficeAfterDeadline]
        );
        // A receipt naming pull request 2 covers its merge, not the next one.
        let named = receipt("2023-09-14T16:00:00Z", Some(2));
        assert_eq!(
            timings(&revs, &[&named], deadline),
            [BeforeDeadline, ReceivedInTime, OfficeAfterDeadline]
        );
        // A receipt dated at the deadline received nothing in time.
        let late = receipt("2023-09-14T17:00:00Z", Some(2));
        assert_eq!(
            timings(&revs, &[&late], deadline),
            [BeforeDeadline, OfficeAfterDeadline, OfficeAfterDeadline]
        );
        // A paper receipt covers the file's first revision, when the office
        // types it in after the deadline; never a modification.
        let paper = receipt("2023-09-13T09:00:00Z", None);
        let typed_in = [
            revision("2023-09-25T03:00:00Z", Change::Added, None),
            revision("2023-09-26T03:00:00Z", Change::Modified, None),
        ];
        assert_eq!(
            timings(&typed_in, &[&paper], deadline),
            [ReceivedInTime, OfficeAfterDeadline]
        );
        assert_eq!(
            timings(&revs[1..], &[&paper], deadline),
            [OfficeAfterDeadline, OfficeAfterDeadline]
        );
    }
}
