//! The rules on a unit's task reports: each task the unit's, reported once,
//! with a status and progress that agree, and a task behind schedule
//! explained; no task left out.

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::text;
use crate::checked::{Keep, TaskProgress, TaskStatus};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::model::Campaign;
use crate::raw::submission::{Submission, TaskReport};
use crate::source::Span;
use crate::text::{Lang, Localized, Text, quote};
use crate::toml_read::suggest;
use crate::tr;

/// The task reports of one file: each judged, the unit's own kept.
pub(super) fn check_tasks(
    sub: &Submission,
    campaign: &Campaign,
    unit: &str,
    anchor: &Span,
    keep: Keep,
    diags: &mut Diagnostics,
) -> Vec<TaskProgress> {
    let mut tasks = Vec::new();
    let mut seen: BTreeMap<&str, &Span> = BTreeMap::new();
    for report in &sub.tasks {
        let Some(task) = rule_known_task(report, campaign, unit, diags) else {
            continue;
        };
        if let Some(first) = seen.get(task.id.as_str()) {
            diags.push(rule_task_twice(report, first));
            continue;
        }
        seen.insert(&task.id, &report.span);
        // The reader lets through only the values the format lists.
        let status = report
            .status
            .as_ref()
            .and_then(|s| TaskStatus::parse(s.value));
        rule_task_status(report, status, diags);
        rule_progress(report, status, diags);
        rule_behind_schedule_explained(report, status, task.due, campaign.cutoff, diags);
        tasks.push(TaskProgress {
            task: task.id.clone(),
            status,
            progress: report.progress.as_ref().map(|p| p.value),
            note: text(keep, report.note.as_ref()),
            shortcomings: text(keep, report.shortcomings.as_ref()),
            causes: text(keep, report.causes.as_ref()),
            remedy: text(keep, report.remedy.as_ref()),
        });
    }
    if !sub.tasks_dropped {
        rule_tasks_missing(campaign, unit, &seen, anchor, diags);
    }
    tasks
}

/// E060 and E061: the task is in the plan and led by this unit.
fn rule_known_task<'c>(
    report: &TaskReport,
    campaign: &'c Campaign,
    unit: &str,
    diags: &mut Diagnostics,
) -> Option<&'c crate::model::Task> {
    let own: Vec<&str> = campaign.tasks_of(unit).map(|t| t.id.as_str()).collect();
    match campaign.task(&report.id.value) {
        None => {
            let hint = match suggest(&report.id.value, own.iter().copied()) {
                Some(s) => tr!(
                    "Có phải ý bạn là {}? Nhiệm vụ của đơn vị: {}.",
                    "Did you mean {}? The unit's tasks: {}.",
                    quote(s),
                    own.join(", ")
                ),
                None if own.is_empty() => tr!(
                    "Kế hoạch không giao nhiệm vụ nào cho đơn vị này; xóa khối [[task]] này.",
                    "The plan gives this unit no task; remove this [[task]] block."
                ),
                None => tr!(
                    "Nhiệm vụ của đơn vị: {}.",
                    "The unit's tasks: {}.",
                    own.join(", ")
                ),
            };
            diags.push(
                Diagnostic::new(
                    Code::E060,
                    report.id.span.clone(),
                    tr!(
                        "không có nhiệm vụ {} trong kế hoạch",
                        "there is no task {} in the plan",
                        quote(&report.id.value)
                    ),
                )
                .hint(hint),
            );
            None
        }
        Some(t) if t.lead != unit => {
            diags.push(
                Diagnostic::new(
                    Code::E061,
                    report.id.span.clone(),
                    tr!(
                        "nhiệm vụ {} do {} chủ trì, không phải đơn vị này",
                        "task {} is led by {}, not by this unit",
                        quote(&t.id),
                        quote(&t.lead)
                    ),
                )
                .hint(tr!(
                    "Mỗi đơn vị chỉ báo cáo nhiệm vụ mình chủ trì; xóa khối [[task]] này. Nhiệm vụ của đơn vị: {}.",
                    "Each unit reports only the tasks it leads; remove this [[task]] block. The unit's tasks: {}.",
                    own.join(", ")
                )),
            );
            None
        }
        Some(t) => Some(t),
    }
}

/// E064: one report per task.
fn rule_task_twice(report: &TaskReport, first: &Span) -> Diagnostic {
    Diagnostic::new(
        Code::E064,
        report.id.span.clone(),
        tr!(
            "nhiệm vụ {} đã được báo cáo ở một khối [[task]] trước",
            "task {} is already reported in an earlier [[task]] block",
            quote(&report.id.value)
        ),
    )
    .related(first.clone(), tr!("báo cáo lần đầu", "first reported here"))
    .hint(tr!(
        "Giữ một khối [[task]] cho mỗi nhiệm vụ và xóa khối thừa.",
        "Keep one [[task]] block per task and remove the other."
    ))
}

/// E065: a status, and for work under way a percentage or a note.
fn rule_task_status(report: &TaskReport, status: Option<TaskStatus>, diags: &mut Diagnostics) {
    match status {
        // A status written with a value not allowed is reported already.
        None if report.status_written => {}
        None => diags.push(
            Diagnostic::new(
                Code::E065,
                report.id.span.clone(),
                tr!(
                    "nhiệm vụ {} chưa có tình trạng",
                    "task {} has no status",
                    quote(&report.id.value)
                ),
            )
            .hint(tr!(
                "Thêm status = \"done\" (hoàn thành), \"in_progress\" (đang thực hiện), \"not_started\" (chưa thực hiện) hoặc \"at_risk\" (dự báo khó hoàn thành).",
                "Add status = \"done\", \"in_progress\", \"not_started\" or \"at_risk\" (forecast hard to finish)."
            )),
        ),
        Some(s) if s.under_way() && report.progress.is_none() && report.note.is_none() => {
            diags.push(
                Diagnostic::new(
                    Code::E065,
                    report.status.as_ref().map_or(report.id.span.clone(), |s| s.span.clone()),
                    tr!(
                        "nhiệm vụ {} đang thực hiện nhưng chưa có tỷ lệ hoàn thành hay ghi chú kết quả",
                        "task {} is under way but has neither a progress percentage nor a note",
                        quote(&report.id.value)
                    ),
                )
                .hint(tr!(
                    "Thêm progress = … (phần trăm đã hoàn thành) hoặc note = \"…\" (kết quả đến nay).",
                    "Add progress = … (percent done) or note = \"…\" (results so far)."
                )),
            );
        }
        Some(_) => {}
    }
}

/// E066 and W067: a percentage from 0 to 100 that fits the status.
fn rule_progress(report: &TaskReport, status: Option<TaskStatus>, diags: &mut Diagnostics) {
    let Some(p) = &report.progress else {
        return;
    };
    if !(0.0..=100.0).contains(&p.value) {
        diags.push(
            Diagnostic::new(
                Code::E066,
                p.span.clone(),
                tr!(
                    "tỷ lệ hoàn thành phải từ 0 đến 100",
                    "progress must be between 0 and 100"
                ),
            )
            .hint(tr!(
                "Ghi phần trăm đã hoàn thành, từ 0 đến 100, không kèm dấu %.",
                "Write the percentage done, 0 to 100, without a % sign."
            )),
        );
        return;
    }
    let mismatch = match status {
        Some(TaskStatus::Done) => p.value < 100.0,
        Some(TaskStatus::NotStarted) => p.value > 0.0,
        Some(TaskStatus::InProgress | TaskStatus::AtRisk) => p.value >= 100.0,
        None => false,
    };
    if mismatch {
        diags.push(
            Diagnostic::new(
                Code::W067,
                p.span.clone(),
                tr!(
                    "tỷ lệ {}% không khớp tình trạng {}",
                    "{}% does not match the status {}",
                    p.value,
                    quote(status.map_or("", TaskStatus::as_str))
                ),
            )
            .hint(tr!(
                "Hoàn thành là 100%, chưa thực hiện là 0%, đang thực hiện ở giữa; sửa một trong hai cho khớp.",
                "Done is 100%, not started 0%, under way in between; correct one of the two."
            )),
        );
    }
}

/// E063: a task behind schedule says what went wrong, why, and the fix.
/// Behind schedule: forecast hard to finish, not started, or not done although
/// due by the cut-off. A task under way and not yet due needs none of this.
fn rule_behind_schedule_explained(
    report: &TaskReport,
    status: Option<TaskStatus>,
    due: Date,
    cutoff: Date,
    diags: &mut Diagnostics,
) {
    let (Some(status), Some(written)) = (status, &report.status) else {
        return;
    };
    let behind = match status {
        TaskStatus::Done => false,
        TaskStatus::AtRisk => true,
        TaskStatus::InProgress | TaskStatus::NotStarted => due <= cutoff,
    };
    if !behind {
        return;
    }
    let missing: Vec<(&str, &str)> = [
        (
            "shortcomings",
            "tồn tại, hạn chế",
            report.shortcomings.is_none(),
        ),
        ("causes", "nguyên nhân", report.causes.is_none()),
        ("remedy", "giải pháp", report.remedy.is_none()),
    ]
    .into_iter()
    .filter(|(_, _, absent)| *absent)
    .map(|(key, vi, _)| (key, vi))
    .collect();
    let list_vi: Vec<String> = missing
        .iter()
        .map(|(k, vi)| format!("{vi} ({k})"))
        .collect();
    let list_en: Vec<&str> = missing.iter().map(|(k, _)| *k).collect();
    if missing.is_empty() {
        return;
    }
    diags.push(
        Diagnostic::new(
            Code::E063,
            written.span.clone(),
            Text::new(
                format!(
                    "nhiệm vụ {} chậm tiến độ (hạn {}) nhưng thiếu: {}",
                    quote(&report.id.value),
                    due.in_lang(Lang::Vi),
                    list_vi.join(", ")
                ),
                format!(
                    "task {} is behind schedule (due {}) but lacks: {}",
                    quote(&report.id.value),
                    due.in_lang(Lang::En),
                    list_en.join(", ")
                ),
            ),
        )
        .hint(tr!(
            "Công văn yêu cầu nêu rõ tồn tại, hạn chế (shortcomings), nguyên nhân (causes) và giải pháp khắc phục (remedy) cho nhiệm vụ chưa hoàn thành hoặc dự báo khó hoàn thành.",
            "The letter asks, for every task not done or forecast hard to finish, its shortcomings, causes and remedy."
        )),
    );
}

/// E062: every task the unit leads is reported.
fn rule_tasks_missing(
    campaign: &Campaign,
    unit: &str,
    seen: &BTreeMap<&str, &Span>,
    anchor: &Span,
    diags: &mut Diagnostics,
) {
    let missing: Vec<&str> = campaign
        .tasks_of(unit)
        .filter(|t| !seen.contains_key(t.id.as_str()))
        .map(|t| t.id.as_str())
        .collect();
    if missing.is_empty() {
        return;
    }
    diags.push(
        Diagnostic::new(
            Code::E062,
            anchor.clone(),
            tr!(
                "chưa báo cáo {} nhiệm vụ do đơn vị chủ trì: {}",
                "{} task(s) the unit leads are not reported: {}",
                missing.len(),
                missing.join(", ")
            ),
        )
        .hint(tr!(
            "Thêm một khối [[task]] cho mỗi nhiệm vụ còn thiếu, với status và progress.",
            "Add a [[task]] block for each missing task, with status and progress."
        )),
    );
}
