//! The report: everything the site, `cchc status` and `cchc export` show,
//! computed once from the checked repository (the checked submissions and
//! their diagnostics), its history and the clock. It never reads the raw
//! model. Pure, and serialisable as it is: templates read these structs, so
//! every number is also given as text formatted for Vietnamese readers.

mod arrival;
mod campaign;
mod chase;
mod cycle;
mod status;
mod tasks;
mod totals;
mod unit;
mod views;

use jiff::Timestamp;
use serde::Serialize;

use crate::checked::{CheckedStageFile, CheckedSubmission};
use crate::diag::Diagnostic;
use crate::history::History;
use crate::model::{Campaign, Content};
use crate::source::SourceDb;

pub use campaign::campaign_report;
pub use cycle::{
    CycleAreaLine, CycleCause, CycleReport, CycleRowView, CycleUnitLine, StageView, UnitCycle,
};
pub use status::{RevisionKind, Status, StatusInput, Timing, revision_kinds, status, timings};
pub use tasks::{TaskState, task_as_of, task_state};
use views::time_view;
pub use views::{
    AreaReport, BandView, Breakdown, CampaignReport, ChaseView, Count, EvidenceView, ExtensionView,
    HistoryView, Overdue, PageRef, Percent, PersonView, PointsView, ProblemView, Received,
    RevisionView, RowView, ScoreView, TaskCount, TaskGroup, TaskLead, TaskView, TimeView,
    UnitReport, rfc3339,
};

/// The whole site's data: campaigns newest first.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The time the report describes (the build's clock).
    #[serde(skip)]
    pub at: Timestamp,
    /// `at` in the newest campaign's time zone (UTC when there is none): the
    /// site's "Số liệu tại thời điểm …" and `status --format json`'s
    /// `generated`.
    pub generated: TimeView,
    /// The office's name from content/ (shown in the site's header); `None`
    /// when content/ names no office.
    pub office: Option<String>,
    /// Every campaign's report, newest deadline first (as
    /// [`campaigns_in_order`]).
    pub campaigns: Vec<CampaignReport>,
}

/// What the report is built from.
#[derive(Debug)]
pub struct Sources<'a> {
    /// The resolved content/: office, units, criteria sets and campaigns.
    pub content: &'a Content,
    /// The checked submission files, of every campaign.
    pub submissions: &'a [CheckedSubmission],
    /// The checked files of the later stages, of every campaign.
    pub stages: &'a [CheckedStageFile],
    /// Every diagnostic found; a unit's are those whose span is in its file.
    pub diags: &'a [Diagnostic],
    /// The sources the diagnostics' spans point into, for their lines and
    /// columns.
    pub db: &'a SourceDb,
    /// The published branch's history of submissions/, or why it is unknown.
    pub history: &'a History,
    /// The time the report describes: statuses and "deadline passed" are as
    /// of it.
    pub now: Timestamp,
}

/// The whole report: [`report_head`] with every campaign's
/// [`campaign_report`], newest first.
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
