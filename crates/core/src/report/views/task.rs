//! The plan's tasks as the pages show them: each task with its one state,
//! the counts per state, and the tasks grouped by state and by lead unit.

use serde::Serialize;

use crate::report::status::Status;
use crate::report::tasks::TaskState;

/// A task of the campaign's plan with what its lead unit reported of it.
#[derive(Debug, Clone, Serialize)]
pub struct TaskView {
    /// The task's id, as in the campaign's plan.toml.
    pub id: String,
    /// The task's title, as the plan gives it.
    pub title: String,
    /// The task's due date in Vietnamese, e.g. "30/6/2023".
    pub due: String,
    /// The due date as ISO 8601, e.g. "2023-06-30", for `<time datetime>`.
    pub due_iso: String,
    /// The product the plan expects of the task (sản phẩm), when it names one.
    pub output: Option<String>,
    /// The lead unit's id, as the plan gives it.
    pub lead: String,
    /// The lead unit's short name from content/units.toml (its id when the
    /// file lacks it).
    pub lead_name: String,
    /// The link to the lead unit's page from the campaign's folder; `None`
    /// when the unit does not take part in the campaign (it has no page).
    pub lead_href: Option<String>,
    /// Where the task stands as of the campaign's task date: the one state
    /// every page shows (serialised as its key, the CSS class `ts-…`).
    pub state: TaskState,
    /// The state in Vietnamese, e.g. "Quá hạn".
    pub state_label: &'static str,
    /// The status the lead unit wrote: "done", "`in_progress`",
    /// "`not_started`" or "`at_risk`"; `None` when unreported.
    pub status: Option<&'static str>,
    /// That status in Vietnamese, e.g. "Dự báo khó hoàn thành"; the pages
    /// show it beside an overdue task's state, where the two differ.
    pub status_label: Option<&'static str>,
    /// The reported progress as a Vietnamese percentage, e.g. "75%"; `None`
    /// when not given. It does not decide the state.
    pub progress: Option<String>,
    /// The results the lead unit reports (kết quả).
    pub note: Option<String>,
    /// The shortcomings reported (tồn tại, hạn chế).
    pub shortcomings: Option<String>,
    /// The causes of the shortcomings reported (nguyên nhân).
    pub causes: Option<String>,
    /// The remedy reported (giải pháp).
    pub remedy: Option<String>,
    /// For a task not reported: why, from the lead unit's report, e.g.
    /// "Đơn vị chưa nộp báo cáo, đã quá hạn."; `None` otherwise.
    pub unreported_why: Option<&'static str>,
}

/// How many tasks have one state.
#[derive(Debug, Clone, Serialize)]
pub struct TaskCount {
    /// The state counted (serialised as its key, e.g. "overdue").
    pub state: TaskState,
    /// The state in Vietnamese, e.g. "Quá hạn".
    pub label: &'static str,
    /// The id of the state's group on the tasks page, e.g. "qua-han".
    pub anchor: &'static str,
    /// The number of tasks in that state.
    pub count: usize,
}

/// The tasks in one state, as the tasks page lists them.
#[derive(Debug, Clone, Serialize)]
pub struct TaskGroup {
    /// The state (serialised as its key, e.g. "overdue").
    pub state: TaskState,
    /// The state in Vietnamese, e.g. "Quá hạn".
    pub label: &'static str,
    /// The group's id on the tasks page, e.g. "qua-han".
    pub anchor: &'static str,
    /// Indices into the campaign's `tasks`, by due date then plan order.
    pub tasks: Vec<usize>,
}

/// A lead unit's tasks, as the tasks page lists them by unit.
#[derive(Debug, Clone, Serialize)]
pub struct TaskLead {
    /// The unit's id, as the plan gives it.
    pub unit: String,
    /// The unit's short name (its id when content/units.toml lacks it).
    pub name: String,
    /// The link to the unit's page from the campaign's folder; `None` when
    /// the unit does not take part in the campaign.
    pub href: Option<String>,
    /// The status of the unit's report; `None` when it does not take part.
    pub status: Option<Status>,
    /// That status in Vietnamese, e.g. "Chưa nộp, đã quá hạn".
    pub status_label: Option<&'static str>,
    /// Indices into the campaign's `tasks`, by due date then plan order.
    pub tasks: Vec<usize>,
    /// How many of its tasks have each state, one per state in
    /// `TaskState::ALL` order (zeros included); they add up to the number
    /// of its tasks.
    pub counts: Vec<TaskCount>,
}
