//! The checked model: what `check` hands to `report`. A submission file's
//! place, and what its content was found to say once judged against its
//! campaign — exact points per row, a task's status as an enum, its evidence
//! typed. The report reads these and the diagnostics, never the raw model.

use std::sync::Arc;

use jiff::civil::Date;

use crate::model::{Person, Stage};
use crate::points::Points;

/// Where a submission file sits: `submissions/<folder>/<stem>.toml`, or a path
/// outside that layout (given on the command line), with no folder.
#[derive(Debug, Clone)]
pub struct Placement {
    /// The path as the repository names it.
    pub path: Arc<str>,
    /// The campaign folder, for a file in the layout.
    pub folder: Option<String>,
    /// The file's name without `.toml`: the unit it belongs to.
    pub stem: String,
}

/// One submission file after `check`.
#[derive(Debug, Clone)]
pub struct CheckedSubmission {
    /// Where the file sits.
    pub place: Placement,
    /// What it says, as checked; `None` when it could not be read at all
    /// (not decoded or not parsed; the reason is a diagnostic).
    pub accepted: Option<Accepted>,
}

/// What a readable submission says, each part judged by its rules. Rows and
/// tasks the unit may not report (unknown, another unit's, given twice) are
/// left out; whether the whole counts is decided by the file's errors.
#[derive(Debug, Clone, Default)]
pub struct Accepted {
    /// Who prepared the report.
    pub prepared_by: Option<Person>,
    /// One entry per row of the unit's appendix it scores, in file order.
    pub scores: Vec<RowScore>,
    /// One entry per task of the unit it reports, in file order.
    pub tasks: Vec<TaskProgress>,
}

/// What a check keeps of each file's texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// Everything a report shows: the texts copied into the checked model.
    All,
    /// Rows, points and statuses only, no texts: a run that only prints the
    /// problems (`validate`, the gate) copies nothing it would drop.
    Numbers,
}

/// Where a file of a later stage sits:
/// `submissions/<campaign>/<stage>/[<appraiser>/]<unit>.toml`.
#[derive(Debug, Clone)]
pub struct StagePlace {
    /// The path as the repository names it.
    pub path: Arc<str>,
    /// The campaign folder.
    pub campaign: String,
    /// The stage.
    pub stage: Stage,
    /// The appraiser's folder (appraisal and final files).
    pub appraiser: Option<String>,
    /// The file's name without `.toml`: the unit it is about.
    pub unit: String,
}

/// One file of a later stage after `check`.
#[derive(Debug, Clone)]
pub struct CheckedStageFile {
    /// Where it sits.
    pub place: StagePlace,
    /// What it says, as checked; `None` when it could not be read, or its
    /// campaign, unit or stage is not one it may be about.
    pub rows: Option<StageRows>,
}

/// What a stage file says, row by row.
#[derive(Debug, Clone)]
pub enum StageRows {
    /// An appraiser's scores of the unit's rows in its areas.
    Appraisal(Vec<AppraisedRow>),
    /// The unit's answers to the requests.
    Explanation(Vec<AnswerRow>),
    /// An appraiser's final scores.
    Final(Vec<FinalRow>),
}

/// What an appraiser asks a unit to explain about a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// Why: `missing_evidence`, `figure_mismatch`, `out_of_period`, `other`.
    pub kind: &'static str,
    /// What to explain.
    pub text: String,
}

/// One row as appraised.
#[derive(Debug, Clone)]
pub struct AppraisedRow {
    /// The row's index in the campaign's criteria set.
    pub row: usize,
    /// The appraised points, when valid.
    pub points: Option<Points>,
    /// Why it differs from the self-score.
    pub reason: Option<String>,
    /// The explanation asked of the unit, if any.
    pub request: Option<Request>,
}

/// A unit's answer about one row.
#[derive(Debug, Clone)]
pub struct AnswerRow {
    /// The row's index in the campaign's criteria set.
    pub row: usize,
    /// The explanation.
    pub text: Option<String>,
    /// Evidence added.
    pub evidence: Vec<Document>,
}

/// One row's final score.
#[derive(Debug, Clone)]
pub struct FinalRow {
    /// The row's index in the campaign's criteria set.
    pub row: usize,
    /// The final points, when valid.
    pub points: Option<Points>,
    /// Why it differs from the appraised score.
    pub note: Option<String>,
}

/// A unit's self-score of one row.
#[derive(Debug, Clone)]
pub struct RowScore {
    /// The row's index in the campaign's criteria set.
    pub row: usize,
    /// The points claimed, when they are a valid score of the row.
    pub points: Option<Points>,
    /// The row is marked not applicable to the unit.
    pub not_applicable: bool,
    /// Why the row does not apply.
    pub reason: Option<String>,
    /// How the score was reached.
    pub explanation: Option<String>,
    /// The documents that back the score, in file order.
    pub evidence: Vec<Document>,
}

/// A document given as evidence.
#[derive(Debug, Clone)]
pub struct Document {
    /// Its number and sign ("số, ký hiệu").
    pub number: Option<String>,
    /// Its date.
    pub date: Option<Date>,
    /// Its title ("trích yếu").
    pub title: Option<String>,
    /// A link to it, as a browser would send it (characters an href may not
    /// hold encoded); as written when it does not parse.
    pub url: Option<String>,
}

/// A unit's report on one task of the plan.
#[derive(Debug, Clone)]
pub struct TaskProgress {
    /// The task's id in the plan.
    pub task: String,
    /// Its status, when a valid one is written.
    pub status: Option<TaskStatus>,
    /// The share done, in percent.
    pub progress: Option<f64>,
    /// Results and outputs so far.
    pub note: Option<String>,
    /// Shortcomings.
    pub shortcomings: Option<String>,
    /// Their causes.
    pub causes: Option<String>,
    /// The remedy.
    pub remedy: Option<String>,
}

/// Where a task of the plan stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskStatus {
    /// Finished.
    Done,
    /// Under way.
    InProgress,
    /// Not started.
    NotStarted,
    /// Forecast hard to finish.
    AtRisk,
}

impl TaskStatus {
    /// Every status, in the order the file format lists them.
    pub const ALL: [TaskStatus; 4] = [
        TaskStatus::Done,
        TaskStatus::InProgress,
        TaskStatus::NotStarted,
        TaskStatus::AtRisk,
    ];

    /// The value written in a submission file.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            TaskStatus::Done => "done",
            TaskStatus::InProgress => "in_progress",
            TaskStatus::NotStarted => "not_started",
            TaskStatus::AtRisk => "at_risk",
        }
    }

    /// The status a file's value names.
    #[must_use]
    pub fn parse(s: &str) -> Option<TaskStatus> {
        TaskStatus::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// The name the public site shows.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            TaskStatus::Done => "Hoàn thành",
            TaskStatus::InProgress => "Đang thực hiện",
            TaskStatus::NotStarted => "Chưa thực hiện",
            TaskStatus::AtRisk => "Dự báo khó hoàn thành",
        }
    }

    /// Work is under way: a percentage or a note is expected.
    #[must_use]
    pub fn under_way(self) -> bool {
        matches!(self, TaskStatus::InProgress | TaskStatus::AtRisk)
    }
}

#[cfg(test)]
mod tests {
    use super::TaskStatus;
    use crate::raw::submission::STATUSES;

    #[test]
    fn the_file_format_lists_every_status_once() {
        let listed: Vec<&str> = STATUSES.iter().map(|v| v.value).collect();
        let ours: Vec<&str> = TaskStatus::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(listed, ours);
        assert_eq!(TaskStatus::parse("at_risk"), Some(TaskStatus::AtRisk));
        assert_eq!(TaskStatus::parse("finished"), None);
    }
}
