//! One campaign's report: its units, rows, areas, tasks and counts.

use crate::urls::{Target, link};
use std::collections::{BTreeMap, HashMap};

use crate::checked::{CheckedSubmission, RowScore};
use crate::diag::Diagnostic;
use crate::history::History;
use crate::model::Campaign;
use crate::points::Points;
use crate::text::{Lang, Localized};

use super::Sources;
use super::chase::chase_list;
use super::status::Status;
use super::tasks::{Lead, campaign_as_of, task_counts, task_groups, task_leads, task_view};
use super::totals::{area_reports, row_views};
use super::unit::unit_report;
use super::views::{
    BandView, CampaignReport, Count, HistoryView, PageRef, TaskView, UnitReport, deadline_text,
    rfc3339,
};

/// How many of the rows and areas that lose the most the dashboard names.
const MOST_LOST: usize = 3;

/// One campaign's report; `src` needs only that campaign's submissions.
pub fn campaign_report(c: &Campaign, src: &Sources<'_>) -> CampaignReport {
    let set = &c.criteria;
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
    let files: BTreeMap<&str, &CheckedSubmission> = src
        .submissions
        .iter()
        .filter(|s| s.place.folder.as_deref() == Some(c.id.as_str()))
        .map(|s| (s.place.stem.as_str(), s))
        .collect();

    // Per unit: status, scores and tasks.
    let mut units = Vec::new();
    let mut scores: BTreeMap<usize, &RowScore> = BTreeMap::new();
    let mut task_reports: BTreeMap<String, TaskView> = BTreeMap::new();
    // Each file's problems, found once rather than once per unit.
    let mut diags_of: HashMap<&str, Vec<&Diagnostic>> = HashMap::new();
    for d in src.diags {
        diags_of.entry(&d.span.file).or_default().push(d);
    }
    for p in &c.participants {
        let file = files.get(p.unit.as_str()).copied();
        let u = unit_report(c, p, file, src, &diags_of, &bands);
        if u.counted
            && let Some(accepted) = file.and_then(|f| f.accepted.as_ref())
        {
            for s in &accepted.scores {
                scores.insert(s.row, s);
            }
        }
        // Every unit's tasks, counted or not: a task's view says why it is
        // not reported.
        for t in &u.tasks {
            task_reports.insert(t.id.clone(), t.clone());
        }
        units.push(u);
    }

    let (mut row_views, sums) = row_views(c, &scores);
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
    let (areas, province) = area_reports(c, &sums, &bands);

    let mut table_by_order: Vec<usize> = row_views
        .iter()
        .filter(|r| r.scored && r.self_assessed)
        .map(|r| r.index)
        .collect();
    // Rows without a score last.
    let lost = |i: &usize| sums.get(*i).and_then(|s| s.lost);
    let mut table_by_loss = table_by_order.clone();
    table_by_loss.sort_by(|a, b| lost(b).cmp(&lost(a)).then(a.cmp(b)));
    table_by_order.sort_unstable();
    // Where the province loses the most: the few rows and areas that lose
    // any points, most first.
    let most_lost_rows: Vec<usize> = table_by_loss
        .iter()
        .copied()
        .filter(|i| lost(i).is_some_and(|l| l > Points::ZERO))
        .take(MOST_LOST)
        .collect();
    let mut most_lost_areas: Vec<usize> = (0..areas.len())
        .filter(|&a| areas.get(a).is_some_and(|a| a.sums.lost.value > 0.0))
        .collect();
    let area_lost = |a: &usize| {
        areas
            .get(*a)
            .and_then(|a| Points::from_f64(a.sums.lost.value))
    };
    most_lost_areas.sort_by(|a, b| area_lost(b).cmp(&area_lost(a)).then(a.cmp(b)));
    most_lost_areas.truncate(MOST_LOST);

    // The tasks of leads that take part come from their unit's report;
    // the others are not reported.
    let as_of = campaign_as_of(c, src.now);
    let tasks: Vec<TaskView> = c
        .tasks
        .iter()
        .map(|t| {
            task_reports.remove(&t.id).unwrap_or_else(|| {
                let name = src
                    .content
                    .unit(&t.lead)
                    .map_or(t.lead.as_str(), |u| &u.name);
                let lead = Lead {
                    name,
                    status: None,
                    counted: false,
                };
                task_view(t, None, as_of, &lead)
            })
        })
        .collect();
    let task_counts = task_counts(&tasks.iter().map(|t| t.state).collect::<Vec<_>>());
    let task_groups = task_groups(&c.tasks, &tasks);
    let task_leads = task_leads(c, src.content, &tasks, &units);

    // Keyed by owned ids: `units` is lent mutably to the cycle below.
    let self_scores: HashMap<String, &[RowScore]> = units
        .iter()
        .filter(|u| u.counted)
        .filter_map(|u| {
            let accepted = files.get(u.id.as_str())?.accepted.as_ref()?;
            Some((u.id.clone(), accepted.scores.as_slice()))
        })
        .collect();
    let cycle = super::cycle::cycle_report(c, src, &diags_of, &mut units, &self_scores, &bands);

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
        chase: chase_list(&units),
        units,
        areas,
        rows: row_views,
        table_by_order,
        table_by_loss,
        most_lost_rows,
        most_lost_areas,
        province,
        tasks,
        task_as_of: as_of.in_lang(Lang::Vi),
        task_as_of_cutoff: as_of == c.cutoff,
        task_counts,
        task_groups,
        task_leads,
        pages: c
            .pages
            .iter()
            .map(|p| PageRef {
                slug: p.slug.clone(),
                href: link(Target::Page(&p.slug)),
                title: p.title.clone(),
            })
            .collect(),
        guidance: c.pages.iter().find(|p| p.guidance).map(|p| PageRef {
            slug: p.slug.clone(),
            href: link(Target::Page(&p.slug)),
            title: p.title.clone(),
        }),
        history,
        cycle,
    }
}
