//! A unit's values: its report, scores, tasks, revisions and problems.

use serde::Serialize;

use super::{Percent, PointsView, TaskCount, TaskView, TimeView};
use crate::diag::Severity;
use crate::history::Change;
use crate::report::status::{RevisionKind, Status, Timing};

/// One revision of a unit's report (a change to its file on the published
/// branch), as the unit page's history lists it: in words, never by the
/// commit's id or message.
#[derive(Debug, Clone, Serialize)]
pub struct RevisionView {
    /// When the change reached the branch (its committer time).
    pub time: TimeView,
    /// Whether it added, modified or deleted the file.
    pub change: Change,
    /// What it did to the report: the first submission, the n-th version, a
    /// withdrawal, a new submission after one.
    pub kind: RevisionKind,
    /// `kind` in Vietnamese: "Nộp lần đầu", "Sửa lần 2", "Rút báo cáo",
    /// "Nộp lại".
    pub label: String,
    /// Whose revision it is, against the unit's deadline.
    pub timing: Timing,
    /// The office's change after the unit's deadline (the gate lets no unit
    /// change its file then): the page flags it.
    pub office_after_deadline: bool,
    /// `timing` in Vietnamese: "Trước hạn", "Sau hạn — Phòng CCHC sửa", …
    pub timing_label: &'static str,
    /// The change's page on the Git host (`<repository>/commit/<id>`), when
    /// content/units.toml gives the repository's address; `None` otherwise.
    pub href: Option<String>,
}

/// How and when a unit's report reached the office: from the receipts
/// register when it has the unit, else from the file's first revision.
#[derive(Debug, Clone, Serialize)]
pub struct Received {
    /// When it arrived; `None` when the file is in the repository but when it
    /// was taken in is unknown.
    pub time: Option<TimeView>,
    /// "git", "paper" or "email".
    /// Also "`pull_request`": a pull request the register records as sent.
    pub via: &'static str,
    /// How it came, in Vietnamese words that fit after a time: "nhận bằng
    /// văn bản giấy", "nhận qua thư điện tử", "Phòng CCHC tiếp nhận vào kho
    /// dữ liệu", …
    pub via_label: &'static str,
    /// The number the receipts register gives it (số đến); `None` for a
    /// report that came through the repository.
    pub reference: Option<String>,
    /// The document received, as the register names it, e.g. "Báo cáo số
    /// 312/BC-SGTVT ngày 13/9/2023"; `None` when the arrival is a commit.
    pub document: Option<String>,
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
    /// The row's anchor (`id`) on the pages that list it, e.g. "tc-2.1.1".
    pub anchor: String,
    /// The link to the row on its area's page, from the campaign's folder,
    /// e.g. "linh-vuc/2.html#tc-2.1.1".
    pub area_row_href: String,
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
    /// The extended deadline as text, e.g. "hết ngày 19/9/2023 (giờ Việt
    /// Nam)".
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
    /// The unit's deadline as text, extension counted, e.g. "hết ngày
    /// 14/9/2023 (giờ Việt Nam)".
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
    /// Whom the office calls about the report: the unit's contact in
    /// content/units.toml.
    pub contact: Option<PersonView>,
    /// How long past its deadline the unit is (no valid report yet) or was
    /// (a late report); `None` when neither.
    pub overdue: Option<Overdue>,
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
    /// The plan's tasks the unit leads, by due date then plan order, with
    /// what a counted file reports of them.
    pub tasks: Vec<TaskView>,
    /// How many of `tasks` have each state, one per state in
    /// `TaskState::ALL` order (zeros included).
    pub task_counts: Vec<TaskCount>,
    /// How many rows of the appendix have a score.
    pub rows_scored: usize,
    /// How many rows a counted report marks not applicable: out of `max`.
    pub rows_not_applicable: usize,
    /// The maximum of those rows.
    pub not_applicable_max: PointsView,
    /// `max + not_applicable_max`: every row of the appendix.
    pub max_all: PointsView,
    /// How many rows the unit's appendix has: `rows_scored`, the rows not
    /// applicable and the rows without a score.
    pub rows_total: usize,
    /// Its appraisal, explanations and final scores, when the campaign has
    /// those stages and the unit a counted report.
    pub cycle: Option<super::super::UnitCycle>,
}

/// How long past a deadline: whole days for a spreadsheet, and in words.
#[derive(Debug, Clone, Serialize)]
pub struct Overdue {
    /// Whole days (0 when under a day).
    pub days: i64,
    /// In words: "20 phút", "9 giờ", "3 ngày".
    pub text: String,
}
