//! The cycle after the self-assessment in the report: per row the self,
//! appraised and final scores side by side with the reason, the request and
//! the unit's answer; per unit and for the province the totals of each and
//! the difference; the state of each stage. Only files without errors
//! count, as for reports; the totals are sums of the rows shown, in exact
//! points.

use std::collections::{BTreeMap, HashMap, HashSet};

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
/// errors.
fn counted_files<'a>(c: &Campaign, src: &Sources<'a>) -> Vec<&'a CheckedStageFile> {
    let failed: HashSet<&str> = src
        .diags
        .iter()
        .filter(|d: &&Diagnostic| d.severity == Severity::Error)
        .map(|d| &*d.span.file)
        .collect();
    src.stages
        .iter()
        .filter(|f| f.place.campaign == c.id && !failed.contains(&*f.place.path))
        .collect()
}

/// The cycle's report, and each unit's cycle (set into `units`); `None`
/// when the campaign declares no stages.
pub(super) fn cycle_report(
    c: &Campaign,
    src: &Sources<'_>,
    units: &mut [UnitReport],
    self_scores: &HashMap<String, &[RowScore]>,
    bands: &[BandView],
) -> Option<CycleReport> {
    let stages = c.stages.as_ref()?;
    let files = counted_files(c, src);
    let mut appraisals: HashMap<(&str, usize), &AppraisedRow> = HashMap::new();
    let mut answers: HashMap<(&str, usize), &AnswerRow> = HashMap::new();
    let mut finals: HashMap<(&str, usize), &FinalRow> = HashMap::new();
    for f in &files {
        let unit = f.place.unit.as_str();
        match &f.rows {
            Some(StageRows::Appraisal(rows)) => {
                for r in rows {
                    appraisals.insert((unit, r.row), r);
                }
            }
            Some(StageRows::Explanation(rows)) => {
                for r in rows {
                    answers.insert((unit, r.row), r);
                }
            }
            Some(StageRows::Final(rows)) => {
                for r in rows {
                    finals.insert((unit, r.row), r);
                }
            }
            None => {}
        }
    }
    let explanation_over = stages.explanation.is_some_and(|w| src.now >= w.closes);
    let timing = file_timing(c, src, &files);
    let mut lines = Vec::new();
    let mut causes: BTreeMap<Option<&'static str>, (usize, Points)> = BTreeMap::new();
    let (mut to_appraise, mut appraised_units, mut finalised_units) = (0, 0, 0);
    let (mut requests, mut answered, mut unanswered_late, mut answered_late) = (0, 0, 0, 0);
    let (mut self_sum, mut appraised_sum, mut final_sum) =
        (Points::ZERO, Points::ZERO, Points::ZERO);
    // Per area: self, appraised, final over the appraised units' rows.
    let mut by_area: BTreeMap<usize, (Points, Points, Points)> = BTreeMap::new();
    for u in units.iter_mut() {
        let Some(own) = self_scores.get(u.id.as_str()) else {
            continue;
        };
        let Some(p) = c.participant(&u.id) else {
            continue;
        };
        to_appraise += 1;
        let mut rows = Vec::new();
        let mut areas_of_unit: BTreeMap<usize, (Points, Points, Points)> = BTreeMap::new();
        let (mut s, mut a, mut f) = (Points::ZERO, Points::ZERO, Points::ZERO);
        let (mut all_appraised, mut all_final) = (true, true);
        let (mut asked, mut got) = (0, 0);
        for &r in &p.rows {
            let Some(row) = c.criteria.rows.get(r) else {
                continue;
            };
            let claimed = own.iter().find(|x| x.row == r);
            let not_applicable = claimed.is_some_and(|x| x.not_applicable);
            let self_points = claimed.and_then(|x| x.points);
            let appraisal = appraisals.get(&(u.id.as_str(), r)).copied();
            let answer = answers.get(&(u.id.as_str(), r)).copied();
            let fin = finals.get(&(u.id.as_str(), r)).copied();
            let appraised = appraisal.and_then(|x| x.points);
            if appraisal.is_none() && !not_applicable {
                all_appraised = false;
            }
            if appraisal.is_some() && fin.is_none() {
                all_final = false;
            }
            let row_sums = (
                self_points.unwrap_or(Points::ZERO),
                appraised.unwrap_or(Points::ZERO),
                fin.and_then(|x| x.points).unwrap_or(Points::ZERO),
            );
            s += row_sums.0;
            a += row_sums.1;
            f += row_sums.2;
            if let Some(area) = c.criteria.area_of(r) {
                let e = areas_of_unit.entry(area).or_default();
                e.0 += row_sums.0;
                e.1 += row_sums.1;
                e.2 += row_sums.2;
            }
            let request = appraisal.and_then(|x| x.request.as_ref());
            if request.is_some() {
                asked += 1;
                if answer.is_some() {
                    got += 1;
                }
            }
            if let Some(ap) = appraised {
                let claimed = self_points.unwrap_or(Points::ZERO);
                if ap < claimed {
                    let e = causes
                        .entry(request.map(|q| q.kind))
                        .or_insert((0, Points::ZERO));
                    e.0 += 1;
                    e.1 += claimed - ap;
                }
            }
            rows.push(CycleRowView {
                id: row.id.clone(),
                name: row.name.clone(),
                anchor: row_anchor(&row.id),
                max: row.max.into(),
                appraiser: appraiser_name(c.appraiser_of(r, &u.id).as_ref(), src),
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
                final_score: fin.and_then(|x| x.points).map(PointsView::from),
                note: fin.and_then(|x| x.note.clone()),
                difference: appraised
                    .map(|ap| PointsView::from(ap - self_points.unwrap_or(Points::ZERO))),
            });
        }
        requests += asked;
        answered += got;
        if explanation_over {
            unanswered_late += asked - got;
        }
        let finalised = all_appraised && all_final;
        let difference = all_appraised.then(|| PointsView::from(a - s));
        if all_appraised {
            appraised_units += 1;
            self_sum += s;
            appraised_sum += a;
            final_sum += f;
            for (area, (x, y, z)) in areas_of_unit {
                let e = by_area.entry(area).or_default();
                e.0 += x;
                e.1 += y;
                e.2 += z;
            }
            // The rows the unit marked not applicable (and the appraiser
            // left so) are out of its maximum, as on its page.
            let max: Points = p
                .rows
                .iter()
                .filter(|&&r| {
                    let na = own.iter().any(|x| x.row == r && x.not_applicable);
                    !na || appraisals.contains_key(&(u.id.as_str(), r))
                })
                .filter_map(|&r| c.criteria.rows.get(r))
                .map(|r| r.max)
                .sum();
            lines.push(CycleUnitLine {
                id: u.id.clone(),
                name: u.name.clone(),
                href: u.href.clone(),
                self_total: s.into(),
                appraised_total: a.into(),
                final_total: finalised.then(|| f.into()),
                difference: (a - s).into(),
                difference_percent: (s > Points::ZERO).then(|| {
                    let share = (a - s).milli() as f64 * 100.0 / s.milli() as f64;
                    format!("{}%", ((share * 10.0).round() / 10.0).in_lang(Lang::Vi))
                }),
                final_percent: if finalised {
                    percent(f, max, bands)
                } else {
                    None
                },
                requests: asked,
                answered: got,
            });
        }
        if finalised {
            finalised_units += 1;
        }
        let (late, corrections) = timing.get(u.id.as_str()).cloned().unwrap_or_default();
        if late {
            answered_late += 1;
        }
        u.cycle = Some(UnitCycle {
            rows,
            appraised: all_appraised,
            finalised,
            self_total: s.into(),
            appraised_total: a.into(),
            final_total: f.into(),
            difference,
            requests: asked,
            answered: got,
            answered_late: late,
            corrections,
        });
    }
    lines.sort_by(|x, y| {
        x.difference
            .value
            .total_cmp(&y.difference.value)
            .then(x.id.cmp(&y.id))
    });
    let complete = to_appraise > 0 && finalised_units == to_appraise;
    let mut ranking: Vec<CycleUnitLine> = lines
        .iter()
        .filter(|l| l.final_percent.is_some())
        .cloned()
        .collect();
    ranking.sort_by(|x, y| {
        let p = |l: &CycleUnitLine| l.final_percent.as_ref().map_or(0.0, |p| p.value);
        p(y).total_cmp(&p(x)).then(x.id.cmp(&y.id))
    });
    Some(CycleReport {
        stages: stage_views(c, src),
        to_appraise,
        appraised: appraised_units,
        requests,
        answered,
        unanswered_late,
        answered_late,
        finalised: finalised_units,
        units: lines,
        areas: by_area
            .into_iter()
            .filter_map(|(area, (x, y, z))| {
                let row = c.criteria.rows.get(area)?;
                Some(CycleAreaLine {
                    id: row.id.clone(),
                    name: row.name.clone(),
                    href: link(Target::Area(&row.id)),
                    self_total: x.into(),
                    appraised_total: y.into(),
                    final_total: z.into(),
                    difference: (y - x).into(),
                })
            })
            .collect(),
        final_total: final_sum.into(),
        self_total: self_sum.into(),
        appraised_total: appraised_sum.into(),
        difference: (appraised_sum - self_sum).into(),
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
        complete,
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
