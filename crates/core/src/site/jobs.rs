//! The files of a campaign's folder, listed without rendering any, and where each goes.

use crate::model::Content;
use crate::report::CampaignReport;

use super::is_page;
use crate::urls::{Target, in_campaign};

/// One file of a campaign's folder.
#[derive(Debug, Clone, Copy)]
pub(super) enum Job<'a> {
    Dashboard,
    Unit(&'a crate::report::UnitReport),
    Area(&'a crate::report::AreaReport),
    Tasks,
    Chase,
    Table {
        target: Target<'static>,
        order: &'static str,
        rows: &'a [usize],
    },
    Method,
    Page(&'a crate::model::Page),
    Scaffold(&'a str),
    Csv,
    Xlsx,
    Json,
    TasksCsv,
    ChaseCsv,
    Appraisal,
    AppraisalCsv,
}

/// Every file of one campaign's folder, without rendering any.
pub(super) fn jobs<'a>(c: &'a CampaignReport, content: &'a Content) -> Vec<Job<'a>> {
    let mut jobs = vec![Job::Dashboard, Job::Tasks, Job::Chase, Job::Method];
    if c.cycle.is_some() {
        jobs.push(Job::Appraisal);
    }
    jobs.extend(c.units.iter().map(Job::Unit));
    jobs.extend(c.areas.iter().map(Job::Area));
    jobs.push(Job::Table {
        target: Target::Table,
        order: "order",
        rows: &c.table_by_order,
    });
    jobs.push(Job::Table {
        target: Target::TableByLoss,
        order: "loss",
        rows: &c.table_by_loss,
    });
    if let Some(campaign) = content.campaigns.get(&c.id) {
        // Each unit's pre-filled file, for clerks who submit from the Git
        // host's web editor without installing cchc; only for units that
        // have not sent one yet (a unit that has edits its own file).
        if !campaign.closed {
            let sent: std::collections::HashSet<&str> = c
                .units
                .iter()
                .filter(|u| u.has_file)
                .map(|u| u.id.as_str())
                .collect();
            jobs.extend(
                campaign
                    .participants
                    .iter()
                    .filter(|p| !sent.contains(p.unit.as_str()))
                    .map(|p| Job::Scaffold(&p.unit)),
            );
        }
        jobs.extend(campaign.pages.iter().map(Job::Page));
    }
    jobs.extend([Job::Csv, Job::Xlsx, Job::Json, Job::TasksCsv, Job::ChaseCsv]);
    if c.cycle.is_some() {
        jobs.push(Job::AppraisalCsv);
    }
    jobs
}

/// One page of each kind of a campaign's folder (its first unit, its first
/// area, …): what `serve` renders at once so that a template that fails
/// shows its error before any page is asked for.
pub fn probe_paths(c: &CampaignReport, content: &Content) -> Vec<String> {
    let mut kinds = Vec::new();
    let mut paths = Vec::new();
    for job in jobs(c, content) {
        let kind = std::mem::discriminant(&job);
        let path = job_path(&job);
        if is_page(&path) && !kinds.contains(&kind) {
            kinds.push(kind);
            paths.push(path);
        }
    }
    paths
}

impl<'a> Job<'a> {
    /// The file the job makes, as the site's links name it.
    pub(super) fn target(&self) -> Target<'a> {
        match *self {
            Job::Dashboard => Target::Dashboard,
            Job::Unit(u) => Target::Unit(&u.id),
            Job::Area(a) => Target::Area(&a.id),
            Job::Tasks => Target::Tasks,
            Job::Chase => Target::Chase,
            Job::Table { target, .. } => target,
            Job::Method => Target::Method,
            Job::Page(p) => Target::Page(&p.slug),
            Job::Scaffold(unit) => Target::Scaffold(unit),
            Job::Csv => Target::Csv,
            Job::Xlsx => Target::Xlsx,
            Job::Json => Target::Json,
            Job::TasksCsv => Target::TasksCsv,
            Job::ChaseCsv => Target::ChaseCsv,
            Job::Appraisal => Target::Appraisal,
            Job::AppraisalCsv => Target::AppraisalCsv,
        }
    }
}

/// Where a job's file goes inside the campaign's folder.
pub(super) fn job_path(job: &Job<'_>) -> String {
    in_campaign(job.target()).file()
}
