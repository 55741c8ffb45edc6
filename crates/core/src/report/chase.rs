//! The units the office has to chase, and why: the clerk's list.

use super::status::Status;
use super::tasks::TaskState;
use super::views::{ChaseView, UnitReport};

/// Why a unit is on the list, most urgent first.
const REASONS: [(&str, &str); 4] = [
    ("missing", "Chưa nộp"),
    ("invalid", "Báo cáo chưa hợp lệ"),
    ("incomplete", "Chưa báo cáo đủ nhiệm vụ"),
    ("late", "Nộp muộn"),
];

/// Every unit without a valid report after its deadline, with a report
/// that has errors, with a counted report that leaves its tasks
/// unreported, or whose report came late; most urgent first, then in the
/// letter's order.
pub(super) fn chase_list(units: &[UnitReport]) -> Vec<ChaseView> {
    let mut list: Vec<(usize, ChaseView)> = units
        .iter()
        .filter_map(|u| {
            let unreported: Vec<&str> = u
                .tasks
                .iter()
                .filter(|t| t.state == TaskState::NotReported)
                .map(|t| t.id.as_str())
                .collect();
            let (rank, still_missing) = match u.status {
                Status::Missing => (0, vec!["Chưa nộp báo cáo.".to_owned()]),
                Status::Invalid => (1, invalid(u)),
                _ if u.counted && !unreported.is_empty() => (
                    2,
                    vec![format!(
                        "Chưa báo cáo tiến độ nhiệm vụ {}.",
                        unreported.join(", ")
                    )],
                ),
                Status::Late => (3, Vec::new()),
                _ => return None,
            };
            let (reason, reason_label) = REASONS.get(rank).copied()?;
            let (contact, contact_from_report) = match (&u.contact, &u.prepared_by) {
                (Some(c), _) => (Some(c.clone()), false),
                (None, Some(p)) => (Some(p.clone()), true),
                (None, None) => (None, false),
            };
            Some((
                rank,
                ChaseView {
                    unit: u.id.clone(),
                    name: u.name.clone(),
                    href: u.href.clone(),
                    appendix: u.appendix.clone(),
                    status: u.status,
                    status_label: u.status_label,
                    reason,
                    reason_label,
                    overdue: u.overdue.clone(),
                    contact,
                    contact_from_report,
                    still_missing,
                },
            ))
        })
        .collect();
    // Stable: the letter's order within each reason.
    list.sort_by_key(|(rank, _)| *rank);
    list.into_iter().map(|(_, c)| c).collect()
}

/// What an invalid report still lacks, in words: its errors' messages.
fn invalid(u: &UnitReport) -> Vec<String> {
    let errors: Vec<String> = u
        .problems
        .iter()
        .filter(|p| p.severity == crate::diag::Severity::Error)
        .map(|p| p.message.clone())
        .collect();
    let mut out = vec![format!(
        "Báo cáo còn {} lỗi, chưa được tính điểm.",
        errors.len().max(1)
    )];
    out.extend(errors.into_iter().take(3));
    out
}
