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

/// The office that runs the assessment (content/office.toml).
#[derive(Debug, Clone)]
pub struct Office {
    /// Its name, as the site's header shows it ("Sở Nội vụ tỉnh Hưng Yên").
    pub name: String,
    /// The division in charge of PAR, when named.
    pub division: Option<String>,
    /// The Git host accounts that may change content/ and any report.
    pub admins: Vec<String>,
    /// The branch the site is built from and pull requests go into.
    pub published_branch: String,
    /// The repository's web address on the Git host, without a trailing `/`
    /// or `.git` (`https://github.com/org/repo`), when content/ gives a valid
    /// one: a revision's change is `<repository>/commit/<id>`.
    pub repository: Option<String>,
}

/// The published branch when content/ names none.
pub const DEFAULT_BRANCH: &str = "main";

/// A unit that may take part in a campaign (content/units.toml).
#[derive(Debug, Clone)]
pub struct Unit {
    /// Its id: the submission file's name and the key other files use.
    pub id: String,
    /// Its short name, as tables show it.
    pub name: String,
    /// Its full official name, when it differs.
    pub full_name: Option<String>,
    /// Its name in English, when given.
    pub name_en: Option<String>,
    /// The Git host accounts that may change its reports.
    pub owners: Vec<String>,
    /// The last day it existed, for a unit merged or dissolved.
    pub until: Option<Date>,
    /// The unit that took over from it.
    pub successor: Option<String>,
    /// A note from the office.
    pub note: Option<String>,
    /// Whom the office calls about its report.
    pub contact: Option<Person>,
    /// Where it is declared.
    pub span: Span,
}

/// A person to reach about a report: who prepared it, or the unit's
/// contact.
#[derive(Debug, Clone, Default)]
pub struct Person {
    /// Full name.
    pub name: Option<String>,
    /// Position and division.
    pub position: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// E-mail.
    pub email: Option<String>,
}

/// Where a row's points come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Scored by the units.
    SelfAssessed,
    /// From the Ministry's sociological survey.
    Survey,
    /// From a socio-economic indicator.
    Indicator,
}

impl Source {
    /// The source a file's value names ("self", "survey", "indicator").
    pub fn parse(s: &str) -> Option<Source> {
        match s {
            "self" => Some(Source::SelfAssessed),
            "survey" => Some(Source::Survey),
            "indicator" => Some(Source::Indicator),
            _ => None,
        }
    }
}

/// How a row may be scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scoring {
    /// Any multiple of the row's step from 0 to its maximum.
    Graded,
    /// Either 0 or the maximum.
    AllOrNothing,
}

/// The depth of a row in the criteria set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// A field of PAR (lĩnh vực): the top level.
    Area,
    /// A criterion (tiêu chí) of an area.
    Criterion,
    /// A sub-criterion (tiêu chí thành phần).
    Sub,
}

/// An area, criterion or sub-criterion. Rows are kept flat, in the set's
/// order, with links to parent and children.
#[derive(Debug, Clone)]
pub struct Row {
    /// Its id in the set ("2.1.1").
    pub id: String,
    /// Its name.
    pub name: String,
    /// Area, criterion or sub-criterion.
    pub level: Level,
    /// The index of the row it belongs to; `None` for an area.
    pub parent: Option<usize>,
    /// The indices of the rows below it, in order.
    pub children: Vec<usize>,
    /// Its maximum points.
    pub max: Points,
    /// The maximum was readable; a row whose maximum is in error does not
    /// judge scores (the content error is reported instead).
    pub max_known: bool,
    /// Who scores it.
    pub source: Source,
    /// The step a graded score moves in.
    pub step: Points,
    /// Graded or all-or-nothing.
    pub scoring: Scoring,
    /// The set's guidance on how to score it.
    pub guide: Option<String>,
    /// Where it is declared.
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

    /// The unit scores it itself.
    pub fn is_self_assessed(&self) -> bool {
        self.source == Source::SelfAssessed
    }
}

/// A ranking band of the criteria set (e.g. "Tốt" from 80%).
#[derive(Debug, Clone)]
pub struct Band {
    /// The lowest percentage in the band.
    pub min_percent: f64,
    /// Its name.
    pub label: String,
}

/// A criteria set (`content/criteria/<id>.toml`): the rows units score.
#[derive(Debug, Clone)]
pub struct CriteriaSet {
    /// Its id: the file's name.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The decision or document it is based on.
    pub basis: Option<String>,
    /// Its points are illustrative, not a province's real set.
    pub illustrative: bool,
    /// What in it is illustrative, as the site says it.
    pub illustrative_note: Option<String>,
    /// The total points the set declares (the sum of its areas).
    pub total: Points,
    /// Its ranking bands, as declared.
    pub bands: Vec<Band>,
    /// Every row, flat, in the set's order.
    pub rows: Vec<Row>,
    /// Each row's index by its id.
    pub by_id: BTreeMap<String, usize>,
    /// The file it was read from.
    pub path: Arc<str>,
}

impl CriteriaSet {
    /// The area (the row without a parent) row `row` is under.
    pub fn area_of(&self, row: usize) -> Option<usize> {
        let mut at = row;
        for _ in 0..self.rows.len() {
            match self.rows.get(at)?.parent {
                Some(p) => at = p,
                None => return Some(at),
            }
        }
        None
    }

    /// The row with this id, and its index.
    pub fn row(&self, id: &str) -> Option<(usize, &Row)> {
        let i = *self.by_id.get(id)?;
        Some((i, self.rows.get(i)?))
    }
}

/// The office's letter that asks for the reports.
#[derive(Debug, Clone)]
pub struct Letter {
    /// Its number and sign ("Số …/SNV-CCHCVTLT").
    pub number: String,
    /// Its date, when a full date is known.
    pub date: Option<Date>,
    /// Its date as written, when not a full date.
    pub date_text: Option<String>,
    /// Its subject (trích yếu).
    pub subject: Option<String>,
    /// Who signed it.
    pub signer: Option<String>,
    /// A link to it.
    pub url: Option<String>,
}

/// The year's PAR plan the tasks come from.
#[derive(Debug, Clone)]
pub struct PlanRef {
    /// Its number and sign.
    pub number: String,
    /// Its date.
    pub date: Option<Date>,
    /// Its title.
    pub title: String,
    /// A link to it.
    pub url: Option<String>,
}

/// A unit taking part in a campaign, with the appendix it scores.
#[derive(Debug, Clone)]
pub struct Participant {
    /// The unit's id.
    pub unit: String,
    /// The appendix assigned to it ("III").
    pub appendix: String,
    /// Indices into the criteria set's rows.
    pub rows: Vec<usize>,
    /// Where it is declared.
    pub span: Span,
}

/// A later deadline granted to one unit.
#[derive(Debug, Clone)]
pub struct Extension {
    /// The unit's id.
    pub unit: String,
    /// The new deadline, local time in the campaign's zone (exclusive).
    pub deadline_local: DateTime,
    /// The same moment.
    pub deadline: Timestamp,
    /// Why it was granted.
    pub reason: String,
    /// The document granting it.
    pub document: Option<String>,
    /// Where it is declared.
    pub span: Span,
}

/// A task of the year's PAR plan (plan.toml).
#[derive(Debug, Clone)]
pub struct Task {
    /// Its id in the plan ("NV11").
    pub id: String,
    /// What is to be done.
    pub title: String,
    /// The id of the unit that leads it and reports on it.
    pub lead: String,
    /// The product expected.
    pub output: Option<String>,
    /// When it is due.
    pub due: Date,
    /// The area of PAR it belongs to, when given.
    pub area: Option<String>,
    /// Where it is declared.
    pub span: Span,
}

/// How a report reached the office, as the receipts register records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// On paper.
    Paper,
    /// By e-mail.
    Email,
    /// A pull request the office saw sent before it was merged.
    PullRequest,
}

/// An entry of the office's receipts register (receipts.toml).
#[derive(Debug, Clone)]
pub struct Receipt {
    /// The unit whose report it is.
    pub unit: String,
    /// When it arrived, local time in the campaign's zone.
    pub received_local: DateTime,
    /// The same moment.
    pub received: Timestamp,
    /// How it came.
    pub channel: Channel,
    /// The pull request it came by, for that channel.
    pub pull_request: Option<u64>,
    /// Its number in the register.
    pub register_number: Option<String>,
    /// The unit's document it records.
    pub document: Option<String>,
    /// A note from the office.
    pub note: Option<String>,
    /// The later stage whose file it records (the unit's explanations);
    /// `None` for the report.
    pub stage: Option<Stage>,
}

/// A Markdown page of a campaign (`content/campaigns/<id>/*.md`).
#[derive(Debug, Clone)]
pub struct Page {
    /// The file name without `.md`, used as the page's address.
    pub slug: String,
    /// Its title, from the front matter.
    pub title: String,
    /// Its place in the menu, lightest first.
    pub weight: i64,
    /// The units' guide to preparing and sending reports (front matter
    /// `guidance = true`): each unit's page links to it.
    pub guidance: bool,
    /// Its text, after the front matter.
    pub markdown: String,
    /// The file it was read from.
    pub path: Arc<str>,
}

/// A campaign: one request for reports, with its deadline, units and plan.
#[derive(Debug, Clone)]
pub struct Campaign {
    /// Its id: the folder's name under content/campaigns/ and submissions/.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its data is illustrative, not a province's real results.
    pub illustrative: bool,
    /// What in it is illustrative, as the site says it.
    pub illustrative_note: Option<String>,
    /// Closed campaigns take no more reports; their pages stay as archive.
    pub closed: bool,
    /// Arrival times from the receipts register only: the repository was
    /// made after the campaign, so its Git history says nothing of when
    /// reports came (and lists no revisions).
    pub receipts_only: bool,
    /// The criteria set its units score.
    pub criteria: Arc<CriteriaSet>,
    /// The day figures are counted up to (ngày chốt số liệu).
    pub cutoff: Date,
    /// The time zone its times are in.
    pub time_zone: TimeZone,
    /// That zone's name ("`Asia/Ho_Chi_Minh`").
    pub time_zone_name: String,
    /// Reports must arrive strictly before this local time.
    pub deadline_local: DateTime,
    /// The same moment.
    pub deadline: Timestamp,
    /// The letter that asks for the reports.
    pub letter: Letter,
    /// The plan its tasks come from.
    pub plan: PlanRef,
    /// The units taking part, in the order declared.
    pub participants: Vec<Participant>,
    /// The extensions granted.
    pub extensions: Vec<Extension>,
    /// The plan's tasks.
    pub tasks: Vec<Task>,
    /// The receipts register.
    pub receipts: Vec<Receipt>,
    /// Its Markdown pages, lightest first.
    pub pages: Vec<Page>,
    /// Its campaign.toml.
    pub path: Arc<str>,
    /// The first participant that scores each row, by row: `owner_of` is
    /// asked once per row, and a commune has thousands of rows.
    pub owners: HashMap<usize, usize>,
    /// The stages after the self-assessment, when the campaign declares them.
    pub stages: Option<Stages>,
}

/// A stage of the cycle after the self-assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Thẩm định: the appraiser scores each row against the evidence.
    Appraisal,
    /// Giải trình: the unit answers the appraiser's requests.
    Explanation,
    /// The appraiser's final score, after the explanations.
    Final,
}

impl Stage {
    /// Every stage, in order.
    pub const ALL: [Stage; 3] = [Stage::Appraisal, Stage::Explanation, Stage::Final];

    /// The folder of a campaign's submissions its files live in.
    pub fn folder(self) -> &'static str {
        match self {
            Stage::Appraisal => "appraisal",
            Stage::Explanation => "explanation",
            Stage::Final => "final",
        }
    }

    /// Its name for people.
    pub fn name(self) -> crate::text::StaticText {
        use crate::text::StaticText;
        match self {
            Stage::Appraisal => StaticText {
                vi: "thẩm định",
                en: "appraisal",
            },
            Stage::Explanation => StaticText {
                vi: "giải trình",
                en: "explanation",
            },
            Stage::Final => StaticText {
                vi: "chấm điểm cuối cùng",
                en: "final scoring",
            },
        }
    }
}

/// Who appraises an area: the PAR office (its admins) or a unit (its owners).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Appraiser {
    /// The PAR office.
    Office,
    /// A unit of content/units.toml, by id.
    Unit(String),
}

impl Appraiser {
    /// How files and campaign.toml name the office.
    pub const OFFICE: &'static str = "office";

    /// Reads an appraiser's id: `office` or a unit id.
    pub fn parse(id: &str) -> Appraiser {
        if id == Self::OFFICE {
            Appraiser::Office
        } else {
            Appraiser::Unit(id.to_owned())
        }
    }

    /// Its id, as in a path: `office` or the unit's id.
    pub fn id(&self) -> &str {
        match self {
            Appraiser::Office => Self::OFFICE,
            Appraiser::Unit(u) => u,
        }
    }
}

/// When a stage takes its files: from `opens` (inclusive) to `closes`
/// (exclusive), as instants and as the campaign's local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// The first instant it takes.
    pub opens: Timestamp,
    /// The same, local.
    pub opens_local: DateTime,
    /// Its deadline: files must arrive before it.
    pub closes: Timestamp,
    /// The same, local.
    pub closes_local: DateTime,
}

impl Window {
    /// Whether `now` falls in it.
    pub fn contains(&self, now: Timestamp) -> bool {
        self.opens <= now && now < self.closes
    }
}

/// The decision approving a campaign's final results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// Its number, e.g. "125/QĐ-UBND".
    pub number: String,
    /// The day it was issued.
    pub date: Date,
    /// Its title.
    pub title: Option<String>,
    /// A link to it.
    pub url: Option<String>,
}

/// The stages a campaign declares after its self-assessment. Explanations
/// and final scores need an appraisal; each window opens when the one
/// before it closes.
#[derive(Debug, Clone)]
pub struct Stages {
    /// The appraisal's window (a unit's report is appraised only after its
    /// own deadline: [`Campaign::window`]).
    pub appraisal: Window,
    /// Who appraises each area (indexes of area rows of the criteria set);
    /// every area is there.
    pub appraisers: BTreeMap<usize, Appraiser>,
    /// The explanations' window, when declared.
    pub explanation: Option<Window>,
    /// The final scores' window, when declared.
    pub final_scores: Option<Window>,
    /// The decision approving the results, once recorded.
    pub decision: Option<Decision>,
}

impl Stages {
    /// Every appraiser, each once, in order: the office always (it takes
    /// an appraising unit's own rows).
    pub fn appraisers(&self) -> Vec<&Appraiser> {
        let mut all: Vec<&Appraiser> = self.appraisers.values().collect();
        all.push(&Appraiser::Office);
        all.sort();
        all.dedup();
        all
    }
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

    /// The participant that is this unit, if it takes part.
    pub fn participant(&self, unit: &str) -> Option<&Participant> {
        self.participants.iter().find(|p| p.unit == unit)
    }

    /// The extension granted to this unit, if any.
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

    /// The plan's task with this id.
    pub fn task(&self, id: &str) -> Option<&Task> {
        self.tasks.iter().find(|t| t.id == id)
    }

    /// The window of `stage` for `unit`'s files, when the campaign declares
    /// the stage. A unit's report is appraised only once its own deadline
    /// (an extension counted) has passed.
    pub fn window(&self, stage: Stage, unit: &str) -> Option<Window> {
        let stages = self.stages.as_ref()?;
        match stage {
            Stage::Appraisal => {
                let mut w = stages.appraisal;
                if self.deadline_for(unit) > w.opens {
                    w.opens = self.deadline_for(unit);
                    w.opens_local = self.deadline_local_for(unit);
                }
                Some(w)
            }
            Stage::Explanation => stages.explanation,
            Stage::Final => stages.final_scores,
        }
    }

    /// Who appraises `unit`'s row `row`: the appraiser of its area, or the
    /// office where that is the unit itself (no unit appraises its own
    /// scores).
    pub fn appraiser_of(&self, row: usize, unit: &str) -> Option<Appraiser> {
        let stages = self.stages.as_ref()?;
        let area = self.criteria.area_of(row)?;
        match stages.appraisers.get(&area)? {
            Appraiser::Unit(u) if u == unit => Some(Appraiser::Office),
            a => Some(a.clone()),
        }
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
    /// The office, when content/office.toml is there.
    pub office: Option<Office>,
    /// Every unit, in the file's order.
    pub units: Vec<Unit>,
    /// Every criteria set, by id.
    pub criteria_sets: BTreeMap<String, Arc<CriteriaSet>>,
    /// Every campaign whose content is sound, by id.
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

    /// The unit with this id.
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
