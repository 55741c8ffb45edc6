//! The task state rule (where a task of the plan stands: done, overdue, at
//! risk, …), the day it is taken at, and the task views, counts and groups
//! every page builds on it.

use std::collections::HashMap;

use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;

use crate::checked::{TaskProgress, TaskStatus};
use crate::model::{Campaign, Content, Task};
use crate::text::{Lang, Localized, StaticText};
use crate::urls::{Target, link};

use super::status::Status;
use super::views::{TaskCount, TaskGroup, TaskLead, TaskView, UnitReport};

/// Where a task of the plan stands as of the campaign's task date
/// ([`task_as_of`]): the one state the site shows, decided by
/// [`task_state`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskState {
    /// Due on or before the task date and not reported done, whatever
    /// status the lead unit wrote.
    Overdue,
    /// Not yet due; the lead unit forecasts it hard to finish.
    AtRisk,
    /// No counted report of the lead unit gives its status.
    NotReported,
    /// Not yet due; under way.
    InProgress,
    /// Not yet due; not started.
    NotStarted,
    /// Reported done.
    Done,
}

impl TaskState {
    /// Every state, in the order the site lists them: what needs the
    /// office's attention first (overdue, then at risk, then what nobody
    /// has reported), then the tasks not yet due, then those done.
    pub const ALL: [TaskState; 6] = [
        TaskState::Overdue,
        TaskState::AtRisk,
        TaskState::NotReported,
        TaskState::InProgress,
        TaskState::NotStarted,
        TaskState::Done,
    ];

    /// The state's name, e.g. "Quá hạn" / "overdue".
    pub fn text(self) -> StaticText {
        let (vi, en) = match self {
            TaskState::Overdue => ("Quá hạn", "overdue"),
            TaskState::AtRisk => ("Dự báo khó hoàn thành", "forecast hard to finish"),
            TaskState::NotReported => ("Chưa báo cáo", "not reported"),
            TaskState::InProgress => ("Đang thực hiện", "in progress"),
            TaskState::NotStarted => ("Chưa thực hiện", "not started"),
            TaskState::Done => ("Hoàn thành", "done"),
        };
        StaticText { vi, en }
    }

    /// The Vietnamese name the site shows, e.g. "Quá hạn".
    pub fn label(self) -> &'static str {
        self.text().vi
    }

    /// The `snake_case` key, as the state serialises: the CSS class
    /// (`ts-…`), e.g. "`not_reported`".
    pub fn key(self) -> &'static str {
        match self {
            TaskState::Overdue => "overdue",
            TaskState::AtRisk => "at_risk",
            TaskState::NotReported => "not_reported",
            TaskState::InProgress => "in_progress",
            TaskState::NotStarted => "not_started",
            TaskState::Done => "done",
        }
    }

    /// The id of the state's group on the tasks page, the state's name as a
    /// Vietnamese slug, e.g. "qua-han".
    pub fn anchor(self) -> &'static str {
        match self {
            TaskState::Overdue => "qua-han",
            TaskState::AtRisk => "kho-hoan-thanh",
            TaskState::NotReported => "chua-bao-cao",
            TaskState::InProgress => "dang-thuc-hien",
            TaskState::NotStarted => "chua-thuc-hien",
            TaskState::Done => "hoan-thanh",
        }
    }
}

/// The task state rule: one place, used by every page and the tests.
///
/// `reported` is the status the lead unit's counted report gives the task
/// (`None`: no such report). A task is due at the end of its due day, so a
/// task due on `as_of` itself is overdue when not done. The unit's status
/// decides, not its progress: 100% with "`in_progress`" is not done (the
/// mismatch is warned of in the unit's file, W067), and "done" below 100% is
/// done.
///
/// - no report → not reported (nothing is known of it, even when due);
/// - done → done (when it was finished is not reported);
/// - not done and due on or before `as_of` → overdue, whatever the unit
///   wrote (at risk, in progress, not started);
/// - otherwise the unit's status: at risk, in progress or not started.
pub fn task_state(due: Date, as_of: Date, reported: Option<TaskStatus>) -> TaskState {
    match reported {
        None => TaskState::NotReported,
        Some(TaskStatus::Done) => TaskState::Done,
        Some(_) if due <= as_of => TaskState::Overdue,
        Some(TaskStatus::AtRisk) => TaskState::AtRisk,
        Some(TaskStatus::InProgress) => TaskState::InProgress,
        Some(TaskStatus::NotStarted) => TaskState::NotStarted,
    }
}

/// The day task states are taken at: the campaign's cut-off, the day the
/// units' figures are as of (a task due after it cannot be known late from
/// them, however late the site is built); or `today` (the report's day in
/// the campaign's time zone) when that comes first, so that a site built
/// before the cut-off never calls a task overdue before its due day.
pub fn task_as_of(cutoff: Date, today: Date) -> Date {
    cutoff.min(today)
}

/// [`task_as_of`] for a campaign at the report's time.
pub(super) fn campaign_as_of(c: &Campaign, now: Timestamp) -> Date {
    task_as_of(c.cutoff, c.time_zone.to_datetime(now).date())
}

/// What a task's view takes from its lead unit.
pub(super) struct Lead<'a> {
    /// The unit's short name.
    pub name: &'a str,
    /// The status of its report; `None` when it does not take part.
    pub status: Option<Status>,
    /// Its report is counted (a valid file).
    pub counted: bool,
}

/// Why a task is not reported, from its lead unit's report.
fn unreported_why(lead: &Lead<'_>) -> StaticText {
    let (vi, en) = match lead.status {
        None => (
            "Đơn vị chủ trì không tham gia đợt đánh giá này.",
            "The lead unit does not take part in this campaign.",
        ),
        Some(Status::Invalid) => (
            "Báo cáo của đơn vị chủ trì còn lỗi nên chưa được tính.",
            "The lead unit's report has errors and is not counted yet.",
        ),
        Some(Status::Missing) => (
            "Đơn vị chủ trì chưa nộp báo cáo, đã quá hạn nộp.",
            "The lead unit has not reported, and its deadline has passed.",
        ),
        Some(Status::NotYetDue) => (
            "Đơn vị chủ trì chưa nộp báo cáo; chưa đến hạn nộp.",
            "The lead unit has not reported yet; its deadline has not come.",
        ),
        Some(_) if !lead.counted => (
            "Báo cáo của đơn vị chủ trì đã được nhận nhưng số liệu chưa có trong kho dữ liệu.",
            "The lead unit's report was received, but its data are not in the repository yet.",
        ),
        Some(_) => (
            "Báo cáo của đơn vị chủ trì không nêu tình trạng của nhiệm vụ này.",
            "The lead unit's report gives no status for this task.",
        ),
    };
    StaticText { vi, en }
}

/// A task of the plan with its lead unit's report (`report`: the task's
/// entry in a counted file, when there is one), its state as of `as_of`.
pub(super) fn task_view(
    t: &Task,
    report: Option<&TaskProgress>,
    as_of: Date,
    lead: &Lead<'_>,
) -> TaskView {
    let status = report.and_then(|r| r.status);
    let state = task_state(t.due, as_of, status);
    TaskView {
        id: t.id.clone(),
        title: t.title.clone(),
        due: t.due.in_lang(Lang::Vi),
        due_iso: t.due.to_string(),
        output: t.output.clone(),
        lead: t.lead.clone(),
        lead_name: lead.name.to_owned(),
        lead_href: lead.status.map(|_| link(Target::Unit(&t.lead))),
        state,
        state_label: state.label(),
        status: status.map(TaskStatus::as_str),
        status_label: status.map(TaskStatus::label),
        progress: report
            .and_then(|r| r.progress)
            .map(|p| format!("{}%", p.in_lang(Lang::Vi))),
        note: report.and_then(|r| r.note.clone()),
        shortcomings: report.and_then(|r| r.shortcomings.clone()),
        causes: report.and_then(|r| r.causes.clone()),
        remedy: report.and_then(|r| r.remedy.clone()),
        unreported_why: (state == TaskState::NotReported).then(|| unreported_why(lead).vi),
    }
}

/// How many of `states` are in each state, in [`TaskState::ALL`] order,
/// zeros included.
pub(super) fn task_counts(states: &[TaskState]) -> Vec<TaskCount> {
    TaskState::ALL
        .iter()
        .map(|&s| TaskCount {
            state: s,
            label: s.label(),
            anchor: s.anchor(),
            count: states.iter().filter(|x| **x == s).count(),
        })
        .collect()
}

/// `indices` into the plan, by due date then plan order.
fn by_due(plan: &[Task], mut indices: Vec<usize>) -> Vec<usize> {
    indices.sort_by_key(|&i| (plan.get(i).map(|t| t.due), i));
    indices
}

/// The plan's tasks in each state, in [`TaskState::ALL`] order, states
/// without a task left out. `views` are the plan's tasks, in its order.
pub(super) fn task_groups(plan: &[Task], views: &[TaskView]) -> Vec<TaskGroup> {
    TaskState::ALL
        .iter()
        .map(|&s| TaskGroup {
            state: s,
            label: s.label(),
            anchor: s.anchor(),
            tasks: by_due(
                plan,
                views
                    .iter()
                    .enumerate()
                    .filter(|(_, v)| v.state == s)
                    .map(|(i, _)| i)
                    .collect(),
            ),
        })
        .filter(|g| !g.tasks.is_empty())
        .collect()
}

/// The plan's tasks by lead unit: the participants that lead a task, in
/// the campaign's order, then the leads that do not take part, in the
/// plan's order. `views` are the plan's tasks, in its order.
pub(super) fn task_leads(
    c: &Campaign,
    content: &Content,
    views: &[TaskView],
    units: &[UnitReport],
) -> Vec<TaskLead> {
    // Each lead's tasks, in plan order, and the leads in plan order.
    let mut of_lead: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut in_plan: Vec<&str> = Vec::new();
    for (i, t) in c.tasks.iter().enumerate() {
        of_lead
            .entry(&t.lead)
            .or_insert_with(|| {
                in_plan.push(&t.lead);
                Vec::new()
            })
            .push(i);
    }
    let report: HashMap<&str, &UnitReport> = units.iter().map(|u| (u.id.as_str(), u)).collect();
    let leads: Vec<&str> = c
        .participants
        .iter()
        .map(|p| p.unit.as_str())
        .filter(|u| of_lead.contains_key(u))
        .chain(in_plan.into_iter().filter(|u| !report.contains_key(u)))
        .collect();
    leads
        .into_iter()
        .map(|lead| {
            let tasks = by_due(&c.tasks, of_lead.remove(lead).unwrap_or_default());
            let unit = report.get(lead);
            let states: Vec<TaskState> = tasks
                .iter()
                .filter_map(|&i| views.get(i).map(|v| v.state))
                .collect();
            TaskLead {
                unit: lead.to_owned(),
                name: content
                    .unit(lead)
                    .map_or_else(|| lead.to_owned(), |u| u.name.clone()),
                href: unit.map(|u| u.href.clone()),
                status: unit.map(|u| u.status),
                status_label: unit.map(|u| u.status_label),
                counts: task_counts(&states),
                tasks,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::{Lead, TaskState, task_as_of, task_counts, task_state, task_view};
    use crate::checked::{TaskProgress, TaskStatus};
    use crate::model::Task;
    use crate::report::status::Status;
    use crate::source::Span;
    use jiff::civil::{Date, date};

    const CUTOFF: Date = date(2023, 9, 10);

    fn state(due: Date, status: Option<TaskStatus>) -> TaskState {
        task_state(due, CUTOFF, status)
    }

    #[test]
    fn due_on_the_day_itself_is_overdue_the_day_after_is_not() {
        let on = date(2023, 9, 10);
        let after = date(2023, 9, 11);
        for s in [
            TaskStatus::InProgress,
            TaskStatus::NotStarted,
            TaskStatus::AtRisk,
        ] {
            assert_eq!(state(on, Some(s)), TaskState::Overdue, "{s:?}");
            assert_ne!(state(after, Some(s)), TaskState::Overdue, "{s:?}");
        }
        assert_eq!(
            state(after, Some(TaskStatus::InProgress)),
            TaskState::InProgress
        );
        assert_eq!(
            state(after, Some(TaskStatus::NotStarted)),
            TaskState::NotStarted
        );
        assert_eq!(state(after, Some(TaskStatus::AtRisk)), TaskState::AtRisk);
    }

    #[test]
    fn at_risk_and_past_due_is_overdue_whatever_the_unit_says() {
        // The sample's NV23: due 30/6/2023, 60%, reported at risk.
        assert_eq!(
            state(date(2023, 6, 30), Some(TaskStatus::AtRisk)),
            TaskState::Overdue
        );
    }

    #[test]
    fn done_is_done_before_or_after_its_due_day() {
        for due in [date(2023, 1, 1), CUTOFF, date(2023, 12, 31)] {
            assert_eq!(state(due, Some(TaskStatus::Done)), TaskState::Done);
        }
    }

    fn task(due: Date) -> Task {
        Task {
            id: "NV01".into(),
            title: "Nhiệm vụ".into(),
            lead: "noi-vu".into(),
            output: None,
            due,
            area: None,
            span: Span::file(&Arc::from("content/campaigns/c/plan.toml")),
        }
    }

    fn reported(status: TaskStatus, progress: f64) -> TaskProgress {
        TaskProgress {
            task: "NV01".into(),
            status: Some(status),
            progress: Some(progress),
            note: None,
            shortcomings: None,
            causes: None,
            remedy: None,
        }
    }

    const ON_TIME: Lead<'static> = Lead {
        name: "Sở Nội vụ",
        status: Some(Status::OnTime),
        counted: true,
    };

    #[test]
    fn the_status_decides_not_the_progress() {
        // 100% "in_progress" is in progress, and overdue once due.
        let full = reported(TaskStatus::InProgress, 100.0);
        let v = task_view(&task(date(2023, 10, 1)), Some(&full), CUTOFF, &ON_TIME);
        assert_eq!(
            (v.state, v.progress.as_deref()),
            (TaskState::InProgress, Some("100%"))
        );
        let v = task_view(&task(CUTOFF), Some(&full), CUTOFF, &ON_TIME);
        assert_eq!(v.state, TaskState::Overdue);
        assert_eq!(v.status_label, Some("Đang thực hiện"));
        // "done" below 100% is done.
        let part = reported(TaskStatus::Done, 80.0);
        let v = task_view(&task(date(2023, 1, 1)), Some(&part), CUTOFF, &ON_TIME);
        assert_eq!((v.state, v.unreported_why), (TaskState::Done, None));
    }

    #[test]
    fn a_task_not_reported_says_why_from_its_lead_unit() {
        let t = task(date(2023, 6, 30));
        let why = |status, counted| {
            let lead = Lead {
                name: "Sở Nội vụ",
                status,
                counted,
            };
            let v = task_view(&t, None, CUTOFF, &lead);
            assert_eq!(v.state, TaskState::NotReported);
            assert_eq!(v.lead_href.is_some(), status.is_some());
            v.unreported_why.unwrap()
        };
        assert!(why(Some(Status::Missing), false).contains("chưa nộp báo cáo, đã quá hạn"));
        assert!(why(Some(Status::NotYetDue), false).contains("chưa đến hạn nộp"));
        assert!(why(Some(Status::Invalid), false).contains("còn lỗi"));
        assert!(why(Some(Status::OnTime), false).contains("chưa có trong kho"));
        assert!(why(Some(Status::OnTime), true).contains("không nêu tình trạng"));
        assert!(why(None, false).contains("không tham gia"));
    }

    #[test]
    fn counts_list_every_state_and_add_up() {
        let states = [TaskState::Done, TaskState::Overdue, TaskState::Done];
        let counts = task_counts(&states);
        let keys: Vec<TaskState> = counts.iter().map(|k| k.state).collect();
        assert_eq!(keys, TaskState::ALL);
        assert_eq!(counts.iter().map(|k| k.count).sum::<usize>(), states.len());
        assert_eq!(counts[0].count, 1);
        assert_eq!(counts[5].count, 2);
        assert_eq!(task_counts(&[]).len(), TaskState::ALL.len());
    }

    #[test]
    fn a_task_nobody_reported_is_not_reported_even_when_due() {
        for due in [date(2023, 1, 1), CUTOFF, date(2023, 12, 31)] {
            assert_eq!(state(due, None), TaskState::NotReported);
        }
    }

    #[test]
    fn states_are_taken_at_the_cutoff_or_today_when_earlier() {
        let today = date(2023, 9, 5);
        assert_eq!(task_as_of(CUTOFF, date(2026, 11, 25)), CUTOFF);
        assert_eq!(task_as_of(CUTOFF, CUTOFF), CUTOFF);
        assert_eq!(task_as_of(CUTOFF, today), today);
        // Built on 5/9, a task due 8/9 is not overdue yet.
        assert_eq!(
            task_state(
                date(2023, 9, 8),
                task_as_of(CUTOFF, today),
                Some(TaskStatus::InProgress)
            ),
            TaskState::InProgress
        );
    }

    #[test]
    fn every_state_has_one_label_key_and_anchor() {
        let mut seen = std::collections::HashSet::new();
        for s in TaskState::ALL {
            assert!(seen.insert(s.label()), "{s:?}");
            assert!(seen.insert(s.key()), "{s:?}");
            assert!(seen.insert(s.anchor()), "{s:?}");
            assert_eq!(
                serde_json::to_value(s).unwrap(),
                serde_json::Value::from(s.key())
            );
        }
    }
}
