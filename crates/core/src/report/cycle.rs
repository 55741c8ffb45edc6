//! The cycle after the self-assessment in the report: per row the self,
//! appraised and final scores side by side with the reason, the request and
//! the unit's answer; per unit and for the province the totals of each and
//! the difference; the state of each stage. Only files without errors
//! count, as for reports; the totals are sums of the rows shown, in exact
//! points.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::views::{Percent, PointsView, percent};
use super::{BandView, EvidenceView, Sources, UnitReport};
use crate::checked::{AnswerRow, AppraisedRow, CheckedStageFile, FinalRow, RowScore, StageRows};
use crate::diag::{Diagnostic, Severity};
use crate::model::{Appraiser, Campaign, Stage, Window};
use crate::points::Points;
use crate::raw::cycle::REQUESTS;
use crate::text::{Deadline, Lang, Localized};
use crate::urls::{Target, link, row_anchor};

/// A stage's window and where the clock is in it.
#[derive(Debug, Clone, Serialize)]
pub struct StageView {
    /// Which stage.
    pub stage: Stage,
    /// "thẩm định", "giải trình", "chấm điểm cuối cùng".
    pub name: &'static str,
    /// When it opens, as text.
    pub opens: String,
    /// Its deadline, as text ("hết ngày 28/9/2023").
    pub closes: String,
    /// Its deadline, local, ISO 8601 (`2023-09-29T00:00:00`).
    pub closes_local: String,
    /// "chưa bắt đầu", "đang diễn ra", "đã kết thúc".
    pub state: &'static str,
    /// The clock is inside it.
    pub current: bool,
    /// The clock is past it.
    pub over: bool,
}

/// One row of a unit's cycle.
#[derive(Debug, Clone, Serialize)]
pub struct CycleRowView {
    /// The criterion's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its anchor on the unit's page.
    pub anchor: String,
    /// Its maximum.
    pub max: PointsView,
    /// Who appraises it, for people ("Phòng CCHC", a unit's name).
    pub appraiser: String,
    /// The unit's self-score; `None` when not scored.
    pub self_score: Option<PointsView>,
    /// The unit marked the row not applicable.
    pub not_applicable: bool,
    /// The appraised score, once appraised.
    pub appraised: Option<PointsView>,
    /// Why it differs.
    pub reason: Option<String>,
    /// What the unit was asked to explain: the kind, in words.
    pub request_kind: Option<&'static str>,
    /// And the request's text.
    pub request: Option<String>,
    /// The unit's answer.
    pub answer: Option<String>,
    /// Evidence the unit added with it.
    pub answer_evidence: Vec<EvidenceView>,
    /// The final score, once set.
    pub final_score: Option<PointsView>,
    /// Why it differs from the appraised score.
    pub note: Option<String>,
    /// Appraised − self, when both are there (negative: over-claimed).
    pub difference: Option<PointsView>,
}

/// A unit's cycle: its rows and the totals of each column over them.
#[derive(Debug, Clone, Serialize)]
pub struct UnitCycle {
    /// Every row of the unit's appendix.
    pub rows: Vec<CycleRowView>,
    /// Every row that needs one has an appraised score.
    pub appraised: bool,
    /// Every appraised row has a final score.
    pub finalised: bool,
    /// The self-scores' sum over the rows.
    pub self_total: PointsView,
    /// The appraised scores' sum (rows appraised so far).
    pub appraised_total: PointsView,
    /// The final scores' sum (rows set so far).
    pub final_total: PointsView,
    /// Appraised − self over the rows appraised, when the unit is appraised.
    pub difference: Option<PointsView>,
    /// The requests made of the unit, and how many it answered.
    pub requests: usize,
    /// Answered requests.
    pub answered: usize,
    /// The explanations arrived after their window (merged by the office).
    pub answered_late: bool,
    /// Stage files the office put in outside their window, in words
    /// ("Kết quả thẩm định: Phòng CCHC đưa vào kho dữ liệu sau hạn, lúc …").
    pub corrections: Vec<String>,
}

/// A unit's line in the province's view.
#[derive(Debug, Clone, Serialize)]
pub struct CycleUnitLine {
    /// The unit's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its page.
    pub href: String,
    /// The self total over its rows.
    pub self_total: PointsView,
    /// The appraised total.
    pub appraised_total: PointsView,
    /// The final total, once finalised.
    pub final_total: Option<PointsView>,
    /// Appraised − self.
    pub difference: PointsView,
    /// The difference as a share of the self total (negative: over-claimed).
    pub difference_percent: Option<String>,
    /// The final total as a percentage of the unit's maximum, with its band.
    pub final_percent: Option<Percent>,
    /// Requests made and answered.
    pub requests: usize,
    /// Answered.
    pub answered: usize,
}

/// An area's line in the province's view: the sums over the appraised
/// units' rows in it.
#[derive(Debug, Clone, Serialize)]
pub struct CycleAreaLine {
    /// The area's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its page.
    pub href: String,
    /// The self-scores' sum.
    pub self_total: PointsView,
    /// The appraised scores' sum.
    pub appraised_total: PointsView,
    /// The final scores' sum (rows set so far).
    pub final_total: PointsView,
    /// Appraised − self.
    pub difference: PointsView,
}

/// Where the difference comes from: the requests of one kind.
#[derive(Debug, Clone, Serialize)]
pub struct CycleCause {
    /// The kind, in words ("thiếu tài liệu kiểm chứng").
    pub label: &'static str,
    /// How many rows were lowered with a request of this kind.
    pub rows: usize,
    /// The points those rows lost on appraisal.
    pub points: PointsView,
}

/// The cycle of a campaign, for the dashboard and the appraisal page.
#[derive(Debug, Clone, Serialize)]
pub struct CycleReport {
    /// Each declared stage's window, in order.
    pub stages: Vec<StageView>,
    /// Units with a counted report (what is to be appraised).
    pub to_appraise: usize,
    /// Of those, appraised in full.
    pub appraised: usize,
    /// Requests for an explanation made.
    pub requests: usize,
    /// Answered.
    pub answered: usize,
    /// Not answered, the explanation window being over.
    pub unanswered_late: usize,
    /// Units whose explanations came after the window.
    pub answered_late: usize,
    /// Units whose final scores are all set.
    pub finalised: usize,
    /// The appraised units, most over-claimed first.
    pub units: Vec<CycleUnitLine>,
    /// The areas, in the criteria set's order, over the appraised units.
    pub areas: Vec<CycleAreaLine>,
    /// The final scores' sum over the appraised units.
    pub final_total: PointsView,
    /// The self total over the appraised units.
    pub self_total: PointsView,
    /// Their appraised total.
    pub appraised_total: PointsView,
    /// Appraised − self.
    pub difference: PointsView,
    /// Rows lowered on appraisal, by the kind of request (and "no request").
    pub causes: Vec<CycleCause>,
    /// Their sums: rows and points.
    pub causes_rows: usize,
    /// The points lowered, all causes.
    pub causes_points: PointsView,
    /// Every unit to appraise is finalised: the ranking is final.
    pub complete: bool,
    /// The decision approving the results, as text.
    pub decision: Option<String>,
    /// The final ranking: finalised units, best first.
    pub ranking: Vec<CycleUnitLine>,
}

/// The stage files of a campaign that count: read, checked and without
/// errors (each file's problems indexed once by the campaign's report).
fn counted_files<'a>(
    c: &Campaign,
    src: &Sources<'a>,
    diags_of: &HashMap<&str, Vec<&Diagnostic>>,
) -> Vec<&'a CheckedStageFile> {
    src.stages
        .iter()
        .filter(|f| f.place.campaign == c.id)
        .filter(|f| {
            diags_of
                .get(&*f.place.path)
                .is_none_or(|ds| ds.iter().all(|d| d.severity != Severity::Error))
        })
        .collect()
}

/// Self-scores, appraised and final scores summed side by side, in exact
/// points.
#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    claimed: Points,
    appraised: Points,
    settled: Points,
}

impl std::ops::AddAssign for Sums {
    fn add_assign(&mut self, other: Sums) {
        self.claimed += other.claimed;
        self.appraised += other.appraised;
        self.settled += other.settled;
    }
}

impl Sums {
    fn difference(self) -> Points {
        self.appraised - self.claimed
    }
}

/// The counted stage files' rows, by unit and row.
#[derive(Default)]
struct StageIndex<'a> {
    appraisals: HashMap<(&'a str, usize), &'a AppraisedRow>,
    answers: HashMap<(&'a str, usize), &'a AnswerRow>,
    finals: HashMap<(&'a str, usize), &'a FinalRow>,
}

impl<'a> StageIndex<'a> {
    fn new(files: &[&'a CheckedStageFile]) -> StageIndex<'a> {
        let mut index = StageIndex::default();
        for f in files {
            let unit = f.place.unit.as_str();
            match &f.rows {
                Some(StageRows::Appraisal(rows)) => {
                    index
                        .appraisals
                        .extend(rows.iter().map(|r| ((unit, r.row), r)));
                }
                Some(StageRows::Explanation(rows)) => {
                    index
                        .answers
                        .extend(rows.iter().map(|r| ((unit, r.row), r)));
                }
                Some(StageRows::Final(rows)) => {
                    index.finals.extend(rows.iter().map(|r| ((unit, r.row), r)));
                }
                None => {}
            }
        }
        index
    }
}

/// Rows lowered on appraisal, by the kind of request (`None`: lowered
/// without one): how many, and the points.
type Causes = BTreeMap<Option<&'static str>, (usize, Points)>;

/// One unit through the cycle: its rows, its sums (in all and by area) and
/// its maximum without the rows left not applicable.
struct UnitPass {
    rows: Vec<CycleRowView>,
    sums: Sums,
    by_area: BTreeMap<usize, Sums>,
    max: Points,
    appraised: bool,
    finalised: bool,
    asked: usize,
    answered: usize,
}

fn unit_pass(
    campaign: &Campaign,
    unit: &str,
    own: &[RowScore],
    index: &StageIndex<'_>,
    src: &Sources<'_>,
    causes: &mut Causes,
) -> Option<UnitPass> {
    let participant = campaign.participant(unit)?;
    let mut pass = UnitPass {
        rows: Vec::new(),
        sums: Sums::default(),
        by_area: BTreeMap::new(),
        max: Points::ZERO,
        appraised: true,
        finalised: true,
        asked: 0,
        answered: 0,
    };
    for &r in &participant.rows {
        let Some(row) = campaign.criteria.rows.get(r) else {
            continue;
        };
        let claimed = own.iter().find(|x| x.row == r);
        let not_applicable = claimed.is_some_and(|x| x.not_applicable);
        let self_points = claimed.and_then(|x| x.points);
        let appraisal = index.appraisals.get(&(unit, r)).copied();
        let answer = index.answers.get(&(unit, r)).copied();
        let settled = index.finals.get(&(unit, r)).copied();
        let appraised = appraisal.and_then(|x| x.points);
        pass.appraised &= appraisal.is_some() || not_applicable;
        pass.finalised &= appraisal.is_none() || settled.is_some();
        // A row left not applicable (the appraiser agreeing) is out of the
        // unit's maximum, as on its page.
        if !not_applicable || appraisal.is_some() {
            pass.max += row.max;
        }
        let row_sums = Sums {
            claimed: self_points.unwrap_or(Points::ZERO),
            appraised: appraised.unwrap_or(Points::ZERO),
            settled: settled.and_then(|x| x.points).unwrap_or(Points::ZERO),
        };
        pass.sums += row_sums;
        if let Some(area) = campaign.criteria.area_of(r) {
            *pass.by_area.entry(area).or_default() += row_sums;
        }
        let request = appraisal.and_then(|x| x.request.as_ref());
        if request.is_some() {
            pass.asked += 1;
            pass.answered += usize::from(answer.is_some());
        }
        if appraised.is_some_and(|points| points < row_sums.claimed) {
            let cause = causes.entry(request.map(|q| q.kind)).or_default();
            cause.0 += 1;
            cause.1 += row_sums.claimed - row_sums.appraised;
        }
        pass.rows.push(CycleRowView {
            id: row.id.clone(),
            name: row.name.clone(),
            anchor: row_anchor(&row.id),
            max: row.max.into(),
            appraiser: appraiser_name(campaign.appraiser_of(r, unit).as_ref(), src),
            self_score: self_points.map(PointsView::from),
            not_applicable,
            appraised: appraised.map(PointsView::from),
            reason: appraisal.and_then(|x| x.reason.clone()),
            request_kind: request.map(|q| request_label(q.kind)),
            request: request.map(|q| q.text.clone()),
            answer: answer.and_then(|x| x.text.clone()),
            answer_evidence: answer
                .map(|x| x.evidence.iter().map(EvidenceView::from).collect())
                .unwrap_or_default(),
            final_score: settled.and_then(|x| x.points).map(PointsView::from),
            note: settled.and_then(|x| x.note.clone()),
            difference: appraised.map(|_| PointsView::from(row_sums.difference())),
        });
    }
    pass.finalised &= pass.appraised;
    Some(pass)
}

/// A unit's line in the province's view.
fn unit_line(u: &UnitReport, pass: &UnitPass, bands: &[BandView]) -> CycleUnitLine {
    let sums = pass.sums;
    CycleUnitLine {
        id: u.id.clone(),
        name: u.name.clone(),
        href: u.href.clone(),
        self_total: sums.claimed.into(),
        appraised_total: sums.appraised.into(),
        final_total: pass.finalised.then(|| sums.settled.into()),
        difference: sums.difference().into(),
        difference_percent: (sums.claimed > Points::ZERO).then(|| {
            let share = sums.difference().milli() as f64 * 100.0 / sums.claimed.milli() as f64;
            format!("{}%", ((share * 10.0).round() / 10.0).in_lang(Lang::Vi))
        }),
        final_percent: if pass.finalised {
            percent(sums.settled, pass.max, bands)
        } else {
            None
        },
        requests: pass.asked,
        answered: pass.answered,
    }
}

/// The cycle's report, and each unit's cycle (set into `units`); `None`
/// when the campaign declares no stages.
pub(super) fn cycle_report(
    campaign: &Campaign,
    src: &Sources<'_>,
    diags_of: &HashMap<&str, Vec<&Diagnostic>>,
    units: &mut [UnitReport],
    self_scores: &HashMap<String, &[RowScore]>,
    bands: &[BandView],
) -> Option<CycleReport> {
    let stages = campaign.stages.as_ref()?;
    let files = counted_files(campaign, src, diags_of);
    let index = StageIndex::new(&files);
    let explanation_over = stages.explanation.is_some_and(|w| src.now >= w.closes);
    let timing = file_timing(campaign, src, &files);
    let mut lines = Vec::new();
    let mut causes = Causes::new();
    let mut province = Sums::default();
    let mut by_area: BTreeMap<usize, Sums> = BTreeMap::new();
    let (mut to_appraise, mut appraised, mut finalised) = (0, 0, 0);
    let (mut requests, mut answered, mut unanswered_late, mut answered_late) = (0, 0, 0, 0);
    for u in units.iter_mut() {
        let Some(own) = self_scores.get(u.id.as_str()) else {
            continue;
        };
        let Some(pass) = unit_pass(campaign, &u.id, own, &index, src, &mut causes) else {
            continue;
        };
        to_appraise += 1;
        requests += pass.asked;
        answered += pass.answered;
        if explanation_over {
            unanswered_late += pass.asked - pass.answered;
        }
        if pass.appraised {
            appraised += 1;
            province += pass.sums;
            for (area, sums) in &pass.by_area {
                *by_area.entry(*area).or_default() += *sums;
            }
            lines.push(unit_line(u, &pass, bands));
        }
        finalised += usize::from(pass.finalised);
        let (late, corrections) = timing.get(u.id.as_str()).cloned().unwrap_or_default();
        answered_late += usize::from(late);
        u.cycle = Some(UnitCycle {
            appraised: pass.appraised,
            finalised: pass.finalised,
            self_total: pass.sums.claimed.into(),
            appraised_total: pass.sums.appraised.into(),
            final_total: pass.sums.settled.into(),
            difference: pass.appraised.then(|| pass.sums.difference().into()),
            requests: pass.asked,
            answered: pass.answered,
            answered_late: late,
            corrections,
            rows: pass.rows,
        });
    }
    lines.sort_by(|x, y| {
        x.difference
            .value
            .total_cmp(&y.difference.value)
            .then(x.id.cmp(&y.id))
    });
    let mut ranking: Vec<CycleUnitLine> = lines
        .iter()
        .filter(|l| l.final_percent.is_some())
        .cloned()
        .collect();
    let share = |l: &CycleUnitLine| l.final_percent.as_ref().map_or(0.0, |p| p.value);
    ranking.sort_by(|x, y| share(y).total_cmp(&share(x)).then(x.id.cmp(&y.id)));
    Some(CycleReport {
        stages: stage_views(campaign, src),
        to_appraise,
        appraised,
        requests,
        answered,
        unanswered_late,
        answered_late,
        finalised,
        units: lines,
        areas: by_area
            .into_iter()
            .filter_map(|(area, sums)| {
                let row = campaign.criteria.rows.get(area)?;
                Some(CycleAreaLine {
                    id: row.id.clone(),
                    name: row.name.clone(),
                    href: link(Target::Area(&row.id)),
                    self_total: sums.claimed.into(),
                    appraised_total: sums.appraised.into(),
                    final_total: sums.settled.into(),
                    difference: sums.difference().into(),
                })
            })
            .collect(),
        final_total: province.settled.into(),
        self_total: province.claimed.into(),
        appraised_total: province.appraised.into(),
        difference: province.difference().into(),
        causes_rows: causes.values().map(|(n, _)| n).sum(),
        causes_points: causes.values().map(|(_, p)| *p).sum::<Points>().into(),
        causes: causes
            .into_iter()
            .map(|(kind, (rows, points))| CycleCause {
                label: kind.map_or("hạ điểm, không yêu cầu giải trình", request_label),
                rows,
                points: points.into(),
            })
            .collect(),
        complete: to_appraise > 0 && finalised == to_appraise,
        decision: stages
            .decision
            .as_ref()
            .map(|d| format!("{} ngày {}", d.number, d.date.in_lang(Lang::Vi))),
        ranking,
    })
}

/// Per unit, from the published branch's history: whether its explanations
/// came after their window, and the office's changes to its stage files
/// outside their windows (the gate lets only the office make them).
fn file_timing<'a>(
    c: &Campaign,
    src: &Sources<'_>,
    files: &[&'a CheckedStageFile],
) -> HashMap<&'a str, (bool, Vec<String>)> {
    let mut out: HashMap<&str, (bool, Vec<String>)> = HashMap::new();
    // Explanations the office registered as received (by e-mail, on paper):
    // late when they came after the window.
    if let Some(w) = c.stages.as_ref().and_then(|s| s.explanation) {
        for f in files.iter().filter(|f| f.place.stage == Stage::Explanation) {
            let came = c
                .receipts
                .iter()
                .filter(|r| r.stage == Some(Stage::Explanation) && r.unit == f.place.unit)
                .map(|r| r.received)
                .min();
            if came.is_some_and(|t| t >= w.closes) {
                out.entry(f.place.unit.as_str()).or_default().0 = true;
            }
        }
    }
    if c.receipts_only {
        return out;
    }
    for f in files {
        let Some(window) = c.window(f.place.stage, &f.place.unit) else {
            continue;
        };
        let revisions = src.history.revisions(&f.place.path);
        let entry = out.entry(f.place.unit.as_str()).or_default();
        let registered = c
            .receipts
            .iter()
            .any(|r| r.stage == Some(f.place.stage) && r.unit == f.place.unit);
        if f.place.stage == Stage::Explanation
            && !registered
            && revisions.first().is_some_and(|r| r.time >= window.closes)
        {
            entry.0 = true;
        }
        for r in revisions.iter().filter(|r| !window.contains(r.time)) {
            let when = c.time_zone.to_datetime(r.time).in_lang(Lang::Vi);
            let what = match f.place.stage {
                Stage::Appraisal => "Kết quả thẩm định",
                Stage::Explanation => "Giải trình",
                Stage::Final => "Điểm cuối cùng",
            };
            let side = if r.time < window.opens {
                "trước khi giai đoạn bắt đầu"
            } else {
                "sau hạn"
            };
            entry.1.push(format!(
                "{what}: Phòng CCHC đưa vào kho dữ liệu {side}, lúc {when}"
            ));
        }
    }
    out
}

fn stage_views(c: &Campaign, src: &Sources<'_>) -> Vec<StageView> {
    let Some(stages) = &c.stages else {
        return Vec::new();
    };
    let view = |stage: Stage, w: &Window| {
        let (state, current) = if src.now < w.opens {
            ("chưa bắt đầu", false)
        } else if src.now < w.closes {
            ("đang diễn ra", true)
        } else {
            ("đã kết thúc", false)
        };
        StageView {
            stage,
            name: stage.name().vi,
            closes_local: w.closes_local.to_string(),
            opens: w.opens_local.in_lang(Lang::Vi),
            closes: Deadline(w.closes_local).in_lang(Lang::Vi),
            state,
            current,
            over: src.now >= w.closes,
        }
    };
    let mut out = vec![view(Stage::Appraisal, &stages.appraisal)];
    if let Some(w) = &stages.explanation {
        out.push(view(Stage::Explanation, w));
    }
    if let Some(w) = &stages.final_scores {
        out.push(view(Stage::Final, w));
    }
    out
}

fn appraiser_name(a: Option<&Appraiser>, src: &Sources<'_>) -> String {
    match a {
        Some(Appraiser::Unit(u)) => src
            .content
            .unit(u)
            .map_or_else(|| u.clone(), |x| x.name.clone()),
        _ => "Phòng CCHC".to_owned(),
    }
}

fn request_label(kind: &str) -> &'static str {
    REQUESTS
        .iter()
        .find(|r| r.value == kind)
        .map_or("lý do khác", |r| r.doc.vi)
}
