//! The campaign's values: its rows, areas, totals, bands and pages.

use serde::Serialize;

use super::{
    Overdue, Percent, PersonView, PointsView, TaskCount, TaskGroup, TaskLead, TaskView, UnitReport,
};
use crate::report::status::Status;
use crate::text::{Lang, Localized};

/// A row of the criteria set with what the campaign knows of it.
#[derive(Debug, Clone, Serialize)]
pub struct RowView {
    /// The row's index in the criteria set's rows (and in the campaign's
    /// `rows`).
    pub index: usize,
    /// The row's id in the criteria set, e.g. "1.1.2".
    pub id: String,
    /// The row's name, as the criteria set gives it.
    pub name: String,
    /// "area", "criterion" or "sub" (a sub-criterion).
    pub level: &'static str,
    /// How many rows are above it: 0 for an area, 1 for a criterion, 2 for a
    /// sub-criterion.
    pub depth: usize,
    /// The id of the row above it (a sub-criterion's criterion, a
    /// criterion's area); `None` for an area.
    pub parent_id: Option<String>,
    /// The row's maximum points, as the set gives it.
    pub max: PointsView,
    /// Who scores it: "self" (the units), "survey" or "indicator".
    pub source: &'static str,
    /// The source in Vietnamese, e.g. "Điều tra xã hội học".
    pub source_label: &'static str,
    /// The row takes a score: a criterion without sub-criteria, or a
    /// sub-criterion.
    pub scored: bool,
    /// The units score it (source "self").
    pub self_assessed: bool,
    /// The id of the unit whose appendix holds the row; `None` when no
    /// participant scores it.
    pub owner: Option<String>,
    /// The link to the owner's page from the campaign's folder.
    pub owner_href: Option<String>,
    /// The owner's short name from content/units.toml; `None` when it lacks
    /// the owner.
    pub owner_name: Option<String>,
    /// The appendix the owner scores the row in.
    pub owner_appendix: Option<String>,
    /// The points a counted report gives the row; `None` otherwise.
    pub score: Option<PointsView>,
    /// A counted report marks the row not applicable.
    pub not_applicable: bool,
    /// Points below the maximum, when scored.
    pub lost: Option<PointsView>,
    /// For areas and criteria: the sum of the scores reported below, against
    /// the self-assessable maximum below.
    pub subtotal: Option<PointsView>,
    /// The self-assessable maximum at and below the row, not-applicable rows
    /// out.
    pub self_max: PointsView,
    /// Some row directly below it takes a score from the units: its
    /// subtotal is theirs.
    pub self_children: bool,
    /// How to score the row, as the criteria set's `guide` says.
    pub guide: Option<String>,
    /// The id of the area the row belongs to (an area's own).
    pub area: String,
    /// The link to the area's page from the campaign's folder.
    pub area_href: String,
    /// The row's anchor (`id`) on every page that lists it, e.g.
    /// "tc-2.1.1".
    pub anchor: String,
    /// The link to the row on its area's page, from the campaign's folder,
    /// e.g. "linh-vuc/2.html#tc-2.1.1".
    pub area_row_href: String,
    /// The link to the row on its owner's page, from the campaign's folder;
    /// `None` when no participant scores it.
    pub owner_row_href: Option<String>,
}

/// An area of the criteria set with the sums of its rows.
#[derive(Debug, Clone, Serialize)]
pub struct AreaReport {
    /// The area's id in the criteria set, e.g. "1" (its page's address).
    pub id: String,
    /// The link to the area's page from the campaign's folder.
    pub href: String,
    /// The area's name, as the criteria set gives it.
    pub name: String,
    /// Its scale and score, in parts that add up.
    pub sums: Breakdown,
    /// Indices of this area's rows (criteria and sub-criteria) in `rows`.
    pub rows: Vec<usize>,
}

/// How many of a campaign's units have one status.
#[derive(Debug, Clone, Serialize)]
pub struct Count {
    /// The status counted.
    pub status: Status,
    /// The status in Vietnamese, e.g. "Đúng hạn".
    pub label: &'static str,
    /// The number of units with it.
    pub count: usize,
}

/// A scale (an area's or the province's) and its score, split into parts
/// that add up: `total_max = scored_max + unscored_max +
/// not_applicable_max + other_max`, `self_max = scored_max +
/// unscored_max`, `other_max = survey_max + indicator_max`, `lost =
/// scored_max − score`, and `rows_self = rows_scored + rows_unscored +
/// rows_not_applicable`. The percentage is on what was scored: rows without
/// a score yet (a unit has not sent a valid report) neither count for nor
/// against it.
#[derive(Debug, Clone, Serialize)]
pub struct Breakdown {
    /// The whole scale: the area's maximum, or the sum of the areas'.
    pub total_max: PointsView,
    /// The maximum of every self-assessed row, as the set defines it.
    pub set_self_max: PointsView,
    /// The same without the rows marked not applicable.
    pub self_max: PointsView,
    /// Of `self_max`: the rows that have a score.
    pub scored_max: PointsView,
    /// Of `self_max`: the rows without a score yet.
    pub unscored_max: PointsView,
    /// The rows a counted report marks not applicable.
    pub not_applicable_max: PointsView,
    /// The survey rows (điều tra xã hội học), which no unit scores.
    pub survey_max: PointsView,
    /// The socio-economic indicator rows, which no unit scores.
    pub indicator_max: PointsView,
    /// `survey_max + indicator_max`.
    pub other_max: PointsView,
    /// The sum of the scores counted reports give.
    pub score: PointsView,
    /// `scored_max − score`.
    pub lost: PointsView,
    /// `score` as a percentage of `scored_max`; `None` when nothing is scored.
    pub percent: Option<Percent>,
    /// How many self-assessed rows the set has here.
    pub rows_self: usize,
    /// `rows_self` without the rows marked not applicable.
    pub rows_applicable: usize,
    /// How many have a score.
    pub rows_scored: usize,
    /// How many are marked not applicable.
    pub rows_not_applicable: usize,
    /// How many have no score yet.
    pub rows_unscored: usize,
    /// How many units own rows without a score (their report is not counted).
    pub units_unscored: usize,
    /// How many rows without a score no unit is assigned.
    pub rows_unassigned: usize,
    /// `self_max` without those rows: the sum of the units' maxima.
    pub assigned_max: PointsView,
}

/// A ranking band of the criteria set; the campaign lists them best first.
#[derive(Debug, Clone, Serialize)]
pub struct BandView {
    /// The band's lower bound, in percent: a percentage at or above it is in
    /// this band or a better one.
    pub min_percent: f64,
    /// The next band's lower bound: this band is below it.
    pub below: Option<f64>,
    /// The band's label, e.g. "Khá"; empty for the one band of a set that
    /// defines none.
    pub label: String,
    /// The bounds as a reader sees them ("87,5").
    pub min_text: String,
    /// `below` as a reader sees it; `None` for the best band.
    pub below_text: Option<String>,
}

impl BandView {
    pub(in crate::report) fn new(min_percent: f64, below: Option<f64>, label: String) -> Self {
        BandView {
            min_percent,
            below,
            label,
            min_text: min_percent.in_lang(Lang::Vi),
            below_text: below.map(|b| b.in_lang(Lang::Vi)),
        }
    }
}

/// A campaign's extra page (a Markdown file in its folder), as the
/// navigation links to it.
#[derive(Debug, Clone, Serialize)]
pub struct PageRef {
    /// The file name without `.md`: the page's address.
    pub slug: String,
    /// The link to the page from the campaign's folder.
    pub href: String,
    /// The page's title, from its front matter.
    pub title: String,
}

/// What the site says of the Git history the arrival times come from.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryView {
    /// The published branch's history was read.
    pub known: bool,
    /// The campaign takes arrival times from its receipts register only.
    pub receipts_only: bool,
    /// The published branch's name; `None` when the history is unknown.
    pub branch: Option<String>,
    /// The first 7 characters of the commit the history was read at; `None`
    /// when unknown.
    pub head: Option<String>,
    /// Why the history is unknown, in Vietnamese, for the office (`cchc
    /// build` and `status` warn with it; the pages say it in plain words);
    /// `None` when it is known or the campaign is receipts-only.
    pub note: Option<String>,
}

/// One campaign's report: its letter and plan, deadline, units, criteria
/// rows, areas, tasks and the province's totals.
#[derive(Debug, Clone, Serialize)]
pub struct CampaignReport {
    /// The campaign's id: its folder under content/campaigns/, e.g. "2023-9t".
    pub id: String,
    /// The campaign's title, as campaign.toml gives it.
    pub title: String,
    /// The campaign's data are illustrative, not real: the site shows a
    /// banner.
    pub illustrative: bool,
    /// What is illustrative, as campaign.toml says; `None` for the site's
    /// default text.
    pub illustrative_note: Option<String>,
    /// Closed to reports: no templates are offered.
    pub closed: bool,
    /// The number of the office's letter asking for reports, e.g.
    /// "…/SNV-CCHCVTLT".
    pub letter_number: String,
    /// The letter's date in Vietnamese, e.g. "12/9/2023", else as written
    /// ("tháng 9 năm 2023"); `None` when neither is given.
    pub letter_date: Option<String>,
    /// The letter's subject (trích yếu), when given.
    pub letter_subject: Option<String>,
    /// Who signed the letter, e.g. "Phó Giám đốc Sở Nội vụ", when given.
    pub letter_signer: Option<String>,
    /// A link to the letter, when given.
    pub letter_url: Option<String>,
    /// The number of the reform plan the campaign rests on, e.g.
    /// "204/KH-UBND".
    pub plan_number: String,
    /// The plan's date in Vietnamese, e.g. "23/12/2022", when given.
    pub plan_date: Option<String>,
    /// The plan's title.
    pub plan_title: String,
    /// A link to the plan, when given.
    pub plan_url: Option<String>,
    /// The date the data are as of (ngày chốt số liệu) in Vietnamese, e.g.
    /// "10/9/2023".
    pub cutoff: String,
    /// The general deadline as text, e.g. "hết ngày 14/9/2023 (giờ Việt
    /// Nam)".
    pub deadline: String,
    /// The general deadline in RFC 3339, e.g. "2023-09-15T00:00:00+07:00".
    pub deadline_iso: String,
    /// The campaign's IANA time zone, e.g. "`Asia/Ho_Chi_Minh`".
    pub time_zone: String,
    /// The report's time is at or after the general deadline.
    pub deadline_passed: bool,
    /// The criteria set's id, e.g. "cchc-tinh-2023".
    pub criteria_id: String,
    /// The criteria set's title.
    pub criteria_title: String,
    /// The document the criteria set rests on, when it names one.
    pub criteria_basis: Option<String>,
    /// Some of the set's names or points are illustrative.
    pub criteria_illustrative: bool,
    /// What of the set is illustrative, when it says.
    pub criteria_illustrative_note: Option<String>,
    /// The set's ranking bands, best first; one unlabelled band from 0% when
    /// the set defines none.
    pub bands: Vec<BandView>,
    /// How many units have each status, one per status in `Status::ALL`
    /// order (zeros included).
    pub counts: Vec<Count>,
    /// How many units take part.
    pub units_total: usize,
    /// How many units' reports were received (on time, late, or when
    /// unknown).
    pub units_received: usize,
    /// Each participant's report, in campaign.toml's (the letter's) order.
    pub units: Vec<UnitReport>,
    /// The criteria set's areas, in the set's order.
    pub areas: Vec<AreaReport>,
    /// Every row of the criteria set; pages get theirs as `rows`.
    #[serde(skip)]
    pub rows: Vec<RowView>,
    /// Indices into `rows` of the scored self-assessed rows, in the set's
    /// order and by points lost (most first).
    #[serde(skip)]
    pub table_by_order: Vec<usize>,
    /// The same rows by points lost, most first; rows without a score last.
    #[serde(skip)]
    pub table_by_loss: Vec<usize>,
    /// The few self-assessed rows that lose the most points (indices into
    /// `rows`), most first; none that loses nothing. The dashboard gets
    /// them as `most_lost_rows`.
    #[serde(skip)]
    pub most_lost_rows: Vec<usize>,
    /// The same of the areas (indices into `areas`).
    pub most_lost_areas: Vec<usize>,
    /// The province's totals over the whole set.
    pub province: Breakdown,
    /// Every task of the plan, in the plan's order, with what its lead unit's
    /// counted report says; `task_groups` and `task_leads` index it.
    pub tasks: Vec<TaskView>,
    /// The day the tasks' states are taken at, in Vietnamese, e.g.
    /// "10/9/2023": the cut-off, or the report's own day when that comes
    /// first (see [`task_as_of`](crate::report::task_as_of)).
    pub task_as_of: String,
    /// `task_as_of` is the cut-off (the report's day is not before it).
    pub task_as_of_cutoff: bool,
    /// How many tasks have each state, one per state in `TaskState::ALL`
    /// order (zeros included); they add up to the number of tasks.
    pub task_counts: Vec<TaskCount>,
    /// The tasks in each state, in `TaskState::ALL` order, states without a
    /// task left out.
    pub task_groups: Vec<TaskGroup>,
    /// The tasks of each lead unit: the participants in campaign.toml's
    /// order, then leads that do not take part, in the plan's order.
    pub task_leads: Vec<TaskLead>,
    /// The units the office has to chase, most urgent first.
    pub chase: Vec<ChaseView>,
    /// The campaign's extra pages, by weight then slug.
    pub pages: Vec<PageRef>,
    /// The page that guides units in preparing and sending reports (front
    /// matter `guidance = true`; the first such by weight); `None` when no
    /// page is one.
    pub guidance: Option<PageRef>,
    /// What is known of the Git history the arrival times come from.
    pub history: HistoryView,
    /// The appraisal, explanations and final scores, when declared.
    pub cycle: Option<super::super::CycleReport>,
}

/// A unit on the office's list of units to chase.
#[derive(Debug, Clone, Serialize)]
pub struct ChaseView {
    /// The unit's id.
    pub unit: String,
    /// Its short name.
    pub name: String,
    /// The link to its page from the campaign's folder.
    pub href: String,
    /// Its appendix in the letter.
    pub appendix: String,
    /// Its status.
    pub status: Status,
    /// The status in Vietnamese.
    pub status_label: &'static str,
    /// Why it is on the list: "missing", "invalid", "incomplete" or "late".
    pub reason: &'static str,
    /// The same in Vietnamese.
    pub reason_label: &'static str,
    /// How long past its deadline it is, or how late its report came.
    pub overdue: Option<Overdue>,
    /// Whom to call: the unit's contact, else who prepared its report.
    pub contact: Option<PersonView>,
    /// `contact` is who prepared the report (the unit names no contact).
    pub contact_from_report: bool,
    /// What its report still lacks, in words.
    pub still_missing: Vec<String>,
}
