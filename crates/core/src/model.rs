//! The resolved model: content/ after checking and linking. Ids are looked up
//! once here; later stages (submission checks, the site) use indices and
//! never parse again.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;

use crate::points::Points;
use crate::source::Span;

#[derive(Debug, Clone)]
pub struct Office {
    pub name: String,
    pub division: Option<String>,
    pub admins: Vec<String>,
    /// The branch the site is built from and pull requests go into.
    pub published_branch: String,
}

/// The published branch when content/ names none.
pub const DEFAULT_BRANCH: &str = "main";

#[derive(Debug, Clone)]
pub struct Unit {
    pub id: String,
    pub name: String,
    pub full_name: Option<String>,
    pub name_en: Option<String>,
    pub owners: Vec<String>,
    pub until: Option<Date>,
    pub successor: Option<String>,
    pub note: Option<String>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Scored by the units.
    SelfAssessed,
    Survey,
    Indicator,
}

impl Source {
    pub fn parse(s: &str) -> Option<Source> {
        match s {
            "self" => Some(Source::SelfAssessed),
            "survey" => Some(Source::Survey),
            "indicator" => Some(Source::Indicator),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scoring {
    Graded,
    AllOrNothing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Area,
    Criterion,
    Sub,
}

/// An area, criterion or sub-criterion. Rows are kept flat, in the set's
/// order, with links to parent and children.
#[derive(Debug, Clone)]
pub struct Row {
    pub id: String,
    pub name: String,
    pub level: Level,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    pub max: Points,
    /// The maximum was readable; a row whose maximum is in error does not
    /// judge scores (the content error is reported instead).
    pub max_known: bool,
    pub source: Source,
    pub step: Points,
    pub scoring: Scoring,
    pub guide: Option<String>,
    pub span: Span,
}

impl Row {
    /// What a score of this row may be: "0 to 1, in steps of 0.25" or
    /// "0 or 0.5".
    pub fn allowed_scores(&self) -> crate::text::Text {
        match self.scoring {
            Scoring::AllOrNothing => crate::tr!("0 hoặc {}", "0 or {}", self.max),
            Scoring::Graded => crate::tr!(
                "từ 0 đến {}, bước {}",
                "0 to {}, in steps of {}",
                self.max,
                self.step
            ),
        }
    }

    /// A row that takes a score: a criterion without sub-criteria, or a
    /// sub-criterion.
    pub fn is_scored(&self) -> bool {
        self.level != Level::Area && self.children.is_empty()
    }

    pub fn is_self_assessed(&self) -> bool {
        self.source == Source::SelfAssessed
    }
}

#[derive(Debug, Clone)]
pub struct Band {
    pub min_percent: f64,
    pub label: String,
}

#[derive(Debug, Clone)]
pub struct CriteriaSet {
    pub id: String,
    pub title: String,
    pub basis: Option<String>,
    pub illustrative: bool,
    pub illustrative_note: Option<String>,
    pub total: Points,
    pub bands: Vec<Band>,
    pub rows: Vec<Row>,
    pub by_id: BTreeMap<String, usize>,
    pub path: Arc<str>,
}

impl CriteriaSet {
    pub fn row(&self, id: &str) -> Option<(usize, &Row)> {
        let i = *self.by_id.get(id)?;
        Some((i, self.rows.get(i)?))
    }
}

#[derive(Debug, Clone)]
pub struct Letter {
    pub number: String,
    pub date: Option<Date>,
    pub date_text: Option<String>,
    pub subject: Option<String>,
    pub signer: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone)]
pub struct PlanRef {
    pub number: String,
    pub date: Option<Date>,
    pub title: String,
    pub url: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Participant {
    pub unit: String,
    pub appendix: String,
    /// Indices into the criteria set's rows.
    pub rows: Vec<usize>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Extension {
    pub unit: String,
    pub deadline_local: DateTime,
    pub deadline: Timestamp,
    pub reason: String,
    pub document: Option<String>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Task {
    pub id: String,
    pub title: String,
    pub lead: String,
    pub output: Option<String>,
    pub due: Date,
    pub area: Option<String>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Paper,
    Email,
    /// A pull request the office saw sent before it was merged.
    PullRequest,
}

#[derive(Debug, Clone)]
pub struct Receipt {
    pub unit: String,
    pub received_local: DateTime,
    pub received: Timestamp,
    pub channel: Channel,
    pub pull_request: Option<u64>,
    pub register_number: Option<String>,
    pub document: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Page {
    /// The file name without `.md`, used as the page's address.
    pub slug: String,
    pub title: String,
    pub weight: i64,
    pub markdown: String,
    pub path: Arc<str>,
}

#[derive(Debug, Clone)]
pub struct Campaign {
    pub id: String,
    pub title: String,
    pub illustrative: bool,
    pub illustrative_note: Option<String>,
    /// Closed campaigns take no more reports; their pages stay as archive.
    pub closed: bool,
    /// Arrival times from the receipts register only: the repository was
    /// made after the campaign, so its Git history says nothing of when
    /// reports came (and lists no revisions).
    pub receipts_only: bool,
    pub criteria: Arc<CriteriaSet>,
    pub cutoff: Date,
    pub time_zone: TimeZone,
    pub time_zone_name: String,
    /// Reports must arrive strictly before this local time.
    pub deadline_local: DateTime,
    pub deadline: Timestamp,
    pub letter: Letter,
    pub plan: PlanRef,
    pub participants: Vec<Participant>,
    pub extensions: Vec<Extension>,
    pub tasks: Vec<Task>,
    pub receipts: Vec<Receipt>,
    pub pages: Vec<Page>,
    pub path: Arc<str>,
    /// The first participant that scores each row, by row: `owner_of` is
    /// asked once per row, and a commune has thousands of rows.
    pub owners: HashMap<usize, usize>,
}

impl Campaign {
    /// The index `owners` is made of.
    pub fn owners_of(participants: &[Participant]) -> HashMap<usize, usize> {
        let mut owners = HashMap::new();
        for (p, participant) in participants.iter().enumerate() {
            for &row in &participant.rows {
                owners.entry(row).or_insert(p);
            }
        }
        owners
    }

    pub fn participant(&self, unit: &str) -> Option<&Participant> {
        self.participants.iter().find(|p| p.unit == unit)
    }

    pub fn extension(&self, unit: &str) -> Option<&Extension> {
        self.extensions.iter().find(|e| e.unit == unit)
    }

    /// The moment a unit's report must arrive before, extensions counted.
    pub fn deadline_for(&self, unit: &str) -> Timestamp {
        self.extension(unit).map_or(self.deadline, |e| e.deadline)
    }

    /// The same, as local time in the campaign's time zone.
    pub fn deadline_local_for(&self, unit: &str) -> DateTime {
        self.extension(unit)
            .map_or(self.deadline_local, |e| e.deadline_local)
    }

    /// The tasks of the plan led by `unit`.
    pub fn tasks_of<'a>(&'a self, unit: &'a str) -> impl Iterator<Item = &'a Task> + 'a {
        self.tasks.iter().filter(move |t| t.lead == unit)
    }

    pub fn task(&self, id: &str) -> Option<&Task> {
        self.tasks.iter().find(|t| t.id == id)
    }

    /// Which participant scores row `row`, if exactly one does.
    pub fn owner_of(&self, row: usize) -> Option<&Participant> {
        self.owners
            .get(&row)
            .and_then(|&p| self.participants.get(p))
            .filter(|p| p.rows.contains(&row))
    }
}

/// All of content/, resolved.
#[derive(Debug, Clone, Default)]
pub struct Content {
    pub office: Option<Office>,
    pub units: Vec<Unit>,
    pub criteria_sets: BTreeMap<String, Arc<CriteriaSet>>,
    pub campaigns: BTreeMap<String, Campaign>,
    /// Campaign folders whose content has errors that stop them judging
    /// submissions; their submissions are not checked until it is fixed.
    pub broken_campaigns: std::collections::BTreeSet<String>,
    /// Where each unit is in `units` (the first of an id given twice).
    unit_index: HashMap<String, usize>,
}

impl Content {
    /// Sets the units and the index `unit` looks them up in.
    pub fn set_units(&mut self, units: Vec<Unit>) {
        let mut index = HashMap::with_capacity(units.len());
        for (i, u) in units.iter().enumerate() {
            index.entry(u.id.clone()).or_insert(i);
        }
        self.units = units;
        self.unit_index = index;
    }

    pub fn unit(&self, id: &str) -> Option<&Unit> {
        // The index, checked against `units` in case they were changed
        // without it.
        self.unit_index
            .get(id)
            .and_then(|&i| self.units.get(i))
            .filter(|u| u.id == id)
            .or_else(|| self.units.iter().find(|u| u.id == id))
    }

    /// The newest campaign: the one with the latest deadline.
    pub fn newest_campaign(&self) -> Option<&Campaign> {
        self.campaigns
            .values()
            .max_by_key(|c| (c.deadline, c.id.clone()))
    }
}
