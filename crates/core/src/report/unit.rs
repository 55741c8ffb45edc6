//! One unit's report in a campaign: its file's status, scores and tasks.

use crate::urls::{Target, link, link_to_row, row_anchor};
use std::collections::HashMap;

use jiff::Timestamp;

use crate::checked::{Accepted, CheckedSubmission, Document, RowScore};
use crate::diag::{Diagnostic, Severity};
use crate::history::{Change, Revision};
use crate::model::{Campaign, Participant, Person, Task};
use crate::points::Points;
use crate::source::SourceDb;
use crate::text::{Lang, Localized};

use super::Sources;
use super::arrival::arrival;
use super::status::{RevisionKind, Status, StatusInput, Timing, revision_kinds, status};
use super::tasks::{Lead, campaign_as_of, task_counts, task_view};
use super::totals::area_of;
use super::views::{
    BandView, EvidenceView, ExtensionView, Overdue, PersonView, ProblemView, RevisionView,
    ScoreView, TaskView, UnitReport, deadline_text, percent, time_view,
};

/// One participant's report; `file` is its submission, when there is one.
pub(super) fn unit_report(
    c: &Campaign,
    p: &Participant,
    file: Option<&CheckedSubmission>,
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
    let accepted = file.and_then(|f| f.accepted.as_ref());
    let revisions = if c.receipts_only {
        &[]
    } else {
        src.history.revisions(&path)
    };
    let arrived = arrival(c, &p.unit, revisions, file.is_some());
    let st = status(StatusInput {
        has_file: file.is_some(),
        invalid: errors > 0 || (file.is_some() && accepted.is_none()),
        received: arrived.at,
        receipted: arrived.receipted,
        deadline: c.deadline_for(&p.unit),
        now: src.now,
    });
    // Only a file without errors is shown and counted.
    let counted = accepted.filter(|_| errors == 0);
    let rows = score_views(c, p, counted);
    let (mut total, mut max, mut not_applicable_max) = (Points::ZERO, Points::ZERO, Points::ZERO);
    for r in &rows {
        if r.view.not_applicable {
            not_applicable_max += r.max;
        } else {
            max += r.max;
        }
        total += r.points.unwrap_or_default();
    }
    let rows_scored = rows.iter().filter(|r| r.points.is_some()).count();
    let rows_not_applicable = rows.iter().filter(|r| r.view.not_applicable).count();
    let name = unit.map_or_else(|| p.unit.clone(), |u| u.name.clone());
    let lead = Lead {
        name: &name,
        status: Some(st),
        counted: counted.is_some(),
    };
    let as_of = campaign_as_of(c, src.now);
    let mut own: Vec<&Task> = c.tasks_of(&p.unit).collect();
    own.sort_by_key(|t| t.due);
    let tasks: Vec<TaskView> = own
        .into_iter()
        .map(|t| {
            let progress = counted.and_then(|a| a.tasks.iter().find(|r| r.task == t.id));
            task_view(t, progress, as_of, &lead)
        })
        .collect();
    let task_counts = task_counts(&tasks.iter().map(|t| t.state).collect::<Vec<_>>());
    UnitReport {
        id: p.unit.clone(),
        href: link(Target::Unit(&p.unit)),
        name,
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
        received: arrived.received,
        revised: revisions
            .iter()
            .rev()
            .find(|r| r.change != Change::Deleted)
            .filter(|_| revisions.len() > 1)
            .map(|r| time_view(r.time, &c.time_zone)),
        revisions: {
            let repository = src
                .content
                .office
                .as_ref()
                .and_then(|o| o.repository.as_deref());
            revisions
                .iter()
                .zip(&arrived.timings)
                .zip(revision_kinds(revisions))
                .rev()
                .map(|((r, t), kind)| revision_view(r, *t, kind, repository, &c.time_zone))
                .collect()
        },
        revised_after_deadline: arrived.timings.contains(&Timing::OfficeAfterDeadline),
        prepared_by: accepted
            .and_then(|a| a.prepared_by.as_ref())
            .map(person_view),
        contact: unit.and_then(|u| u.contact.as_ref()).map(person_view),
        overdue: overdue(st, c.deadline_for(&p.unit), arrived.at, src.now),
        problems,
        errors,
        counted: counted.is_some(),
        total: counted.map(|_| total.into()),
        max: max.into(),
        percent: counted.and_then(|_| percent(total, max, bands)),
        rows_scored,
        rows_not_applicable,
        not_applicable_max: not_applicable_max.into(),
        max_all: (max + not_applicable_max).into(),
        rows_total: p.rows.len(),
        rows: rows.into_iter().map(|r| r.view).collect(),
        tasks,
        task_counts,
        cycle: None,
    }
}

/// A row of the unit's appendix as shown, with its exact points.
struct ScoreRow {
    view: ScoreView,
    max: Points,
    points: Option<Points>,
}

/// Every row of the unit's appendix, with what a counted file gives it.
fn score_views(c: &Campaign, p: &Participant, counted: Option<&Accepted>) -> Vec<ScoreRow> {
    let set = &c.criteria;
    let given: HashMap<usize, &RowScore> = counted
        .map(|a| a.scores.iter().map(|s| (s.row, s)).collect())
        .unwrap_or_default();
    p.rows
        .iter()
        .filter_map(|&i| {
            let row = set.rows.get(i)?;
            let got = given.get(&i).copied();
            let points = got.and_then(|s| s.points);
            let not_applicable = got.is_some_and(|s| s.not_applicable);
            let area = set
                .rows
                .get(area_of(&set.rows, i))
                .map(|a| a.id.clone())
                .unwrap_or_default();
            Some(ScoreRow {
                view: ScoreView {
                    row: i,
                    id: row.id.clone(),
                    name: row.name.clone(),
                    area_href: link(Target::Area(&area)),
                    anchor: row_anchor(&row.id),
                    area_row_href: link_to_row(Target::Area(&area), &row.id),
                    area,
                    max: row.max.into(),
                    score: points.map(Into::into),
                    not_applicable,
                    reason: got.and_then(|s| s.reason.clone()),
                    explanation: got.and_then(|s| s.explanation.clone()),
                    evidence: got
                        .map(|s| s.evidence.iter().map(EvidenceView::from).collect())
                        .unwrap_or_default(),
                    lost: points.map(|s| (row.max - s).into()),
                },
                max: row.max,
                points,
            })
        })
        .collect()
}

impl From<&Document> for EvidenceView {
    fn from(d: &Document) -> EvidenceView {
        EvidenceView {
            number: d.number.clone().unwrap_or_default(),
            date: d.date.map(|d| d.in_lang(Lang::Vi)),
            title: d.title.clone().unwrap_or_default(),
            url: d.url.clone(),
        }
    }
}

fn revision_view(
    r: &Revision,
    timing: Timing,
    kind: RevisionKind,
    repository: Option<&str>,
    tz: &jiff::tz::TimeZone,
) -> RevisionView {
    RevisionView {
        time: time_view(r.time, tz),
        change: r.change,
        kind,
        label: kind.text().vi,
        timing,
        office_after_deadline: timing == Timing::OfficeAfterDeadline,
        timing_label: timing.text(r.change).vi,
        href: repository.and_then(|repo| commit_page(repo, &r.commit)),
    }
}

/// The page of commit `id` on the Git host of `repository` (checked as a web
/// address by content's rules): `<repository>/commit/<id>`. Only a commit
/// id of hexadecimal digits is linked.
fn commit_page(repository: &str, id: &str) -> Option<String> {
    let hex = !id.is_empty() && id.bytes().all(|b| b.is_ascii_hexdigit());
    hex.then(|| format!("{repository}/commit/{id}"))
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

fn person_view(p: &Person) -> PersonView {
    PersonView {
        name: p.name.clone(),
        position: p.position.clone(),
        phone: p.phone.clone(),
        email: p.email.clone(),
    }
}

/// How late a late report was, or how long past its deadline a unit
/// without a valid report is now.
fn overdue(
    st: Status,
    deadline: Timestamp,
    received: Option<Timestamp>,
    now: Timestamp,
) -> Option<Overdue> {
    let until = match st {
        Status::Late => received?,
        Status::Missing | Status::Invalid if now >= deadline => now,
        _ => return None,
    };
    let span = until.duration_since(deadline);
    let minutes = span.as_secs().max(0) / 60;
    let (days, hours) = (minutes / (24 * 60), minutes / 60);
    let text = if days > 0 {
        format!("{days} ngày")
    } else if hours > 0 {
        format!("{hours} giờ")
    } else {
        format!("{} phút", minutes.max(1))
    };
    Some(Overdue { days, text })
}
