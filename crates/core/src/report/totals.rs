//! The sums: each row of the criteria set with the scores below it, each
//! area's and the province's totals, all in exact points.

use crate::urls::{Target, link, link_to_row, row_anchor};
use std::collections::{BTreeMap, BTreeSet};

use crate::checked::RowScore;
use crate::model::{Campaign, Level, Row, Source};
use crate::points::Points;

use super::views::{AreaReport, BandView, Breakdown, RowView, percent};

/// What a row adds up to, in exact points: the views show these as text.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct RowSums {
    /// A scored row's points, when a counted report gives them.
    pub score: Option<Points>,
    /// Points below the maximum, when scored.
    pub lost: Option<Points>,
    /// The row is marked not applicable by its owner.
    pub not_applicable: bool,
    /// The points reported at and below the row (a scored row's own).
    pub below: Option<Points>,
    /// The self-assessable maximum at and below the row, not-applicable
    /// rows out.
    pub self_max: Points,
}

fn source_label(s: Source) -> (&'static str, &'static str) {
    match s {
        Source::SelfAssessed => ("self", "Đơn vị tự chấm"),
        Source::Survey => ("survey", "Điều tra xã hội học"),
        Source::Indicator => ("indicator", "Chỉ tiêu kinh tế - xã hội"),
    }
}

/// The area a row belongs to.
pub(super) fn area_of(rows: &[Row], mut i: usize) -> usize {
    while let Some(p) = rows.get(i).and_then(|r| r.parent) {
        i = p;
    }
    i
}

fn depth_of(rows: &[Row], mut i: usize) -> usize {
    let mut d = 0;
    while let Some(p) = rows.get(i).and_then(|r| r.parent) {
        i = p;
        d += 1;
    }
    d
}

/// Every row with its score; areas and criteria with the sums below them.
/// A row marked not applicable leaves the maximum, so it neither counts for
/// nor against the unit. `scores` holds the counted reports' scores by row.
pub(super) fn row_views(
    c: &Campaign,
    scores: &BTreeMap<usize, &RowScore>,
) -> (Vec<RowView>, Vec<RowSums>) {
    let rows = &c.criteria.rows;
    // Sums bottom-up: children come after their parent, so walk back.
    let mut sums: Vec<RowSums> = vec![RowSums::default(); rows.len()];
    for i in (0..rows.len()).rev() {
        let Some(r) = rows.get(i) else { continue };
        let got = scores.get(&i);
        let score = got.and_then(|s| s.points);
        let not_applicable = got.is_some_and(|s| s.not_applicable);
        let (below, self_max) = if r.is_scored() {
            let max = if r.is_self_assessed() && !not_applicable {
                r.max
            } else {
                Points::ZERO
            };
            (score, max)
        } else {
            let mut below: Option<Points> = None;
            let mut self_max = Points::ZERO;
            for &ch in &r.children {
                let child = sums.get(ch).copied().unwrap_or_default();
                self_max += child.self_max;
                if let Some(s) = child.below {
                    below = Some(below.unwrap_or_default() + s);
                }
            }
            (below, self_max)
        };
        let sum = RowSums {
            score,
            lost: score.map(|s| r.max - s),
            not_applicable,
            below,
            self_max,
        };
        if let Some(slot) = sums.get_mut(i) {
            *slot = sum;
        }
    }
    let views = rows
        .iter()
        .zip(&sums)
        .enumerate()
        .map(|(i, (r, sum))| {
            let (source, source_label) = source_label(r.source);
            let owner = c.owner_of(i);
            let area = rows
                .get(area_of(rows, i))
                .map(|a| a.id.clone())
                .unwrap_or_default();
            RowView {
                index: i,
                id: r.id.clone(),
                name: r.name.clone(),
                level: match r.level {
                    Level::Area => "area",
                    Level::Criterion => "criterion",
                    Level::Sub => "sub",
                },
                depth: depth_of(rows, i),
                parent_id: r.parent.and_then(|p| rows.get(p)).map(|p| p.id.clone()),
                self_children: r.children.iter().any(|&ch| {
                    rows.get(ch)
                        .is_some_and(|c| c.is_scored() && c.is_self_assessed())
                }),
                max: r.max.into(),
                source,
                source_label,
                scored: r.is_scored(),
                self_assessed: r.is_self_assessed(),
                owner: owner.map(|p| p.unit.clone()),
                owner_href: owner.map(|p| link(Target::Unit(&p.unit))),
                owner_name: None,
                owner_appendix: None,
                score: sum.score.map(Into::into),
                not_applicable: sum.not_applicable,
                lost: sum.lost.map(Into::into),
                subtotal: (!r.is_scored())
                    .then_some(sum.below)
                    .flatten()
                    .map(Into::into),
                self_max: sum.self_max.into(),
                guide: r.guide.clone(),
                area_href: link(Target::Area(&area)),
                anchor: row_anchor(&r.id),
                area_row_href: link_to_row(Target::Area(&area), &r.id),
                owner_row_href: owner.map(|p| link_to_row(Target::Unit(&p.unit), &r.id)),
                area,
            }
        })
        .collect();
    (views, sums)
}

/// The parts of a scale, in exact points, and its self-assessed rows
/// counted: what an area or the province adds up to. For every valid
/// criteria set `max = scored_max + unscored_max + not_applicable_max +
/// survey_max + indicator_max`, since an area's maximum is its rows' sum.
#[derive(Debug, Clone, Default)]
struct Parts {
    max: Points,
    score: Points,
    scored_max: Points,
    unscored_max: Points,
    not_applicable_max: Points,
    survey_max: Points,
    indicator_max: Points,
    rows_self: usize,
    rows_scored: usize,
    rows_not_applicable: usize,
    rows_unscored: usize,
    /// The units whose rows have no score yet (their report is not
    /// counted), and how many unscored rows have no unit at all.
    units_unscored: BTreeSet<String>,
    rows_unassigned: usize,
    unassigned_max: Points,
}

impl Parts {
    /// Adds the scored row `i` (a leaf of the set).
    fn add_row(&mut self, c: &Campaign, i: usize, r: &Row, sum: &RowSums) {
        match r.source {
            Source::Survey => self.survey_max += r.max,
            Source::Indicator => self.indicator_max += r.max,
            Source::SelfAssessed => {
                self.rows_self += 1;
                if sum.not_applicable {
                    self.rows_not_applicable += 1;
                    self.not_applicable_max += r.max;
                } else if let Some(score) = sum.score {
                    self.rows_scored += 1;
                    self.scored_max += r.max;
                    self.score += score;
                } else {
                    self.rows_unscored += 1;
                    self.unscored_max += r.max;
                    match c.owner_of(i) {
                        Some(p) => {
                            self.units_unscored.insert(p.unit.clone());
                        }
                        None => {
                            self.rows_unassigned += 1;
                            self.unassigned_max += r.max;
                        }
                    }
                }
            }
        }
    }

    /// The view, its percentage on what was scored.
    fn view(&self, bands: &[BandView]) -> Breakdown {
        let self_max = self.scored_max + self.unscored_max;
        Breakdown {
            total_max: self.max.into(),
            set_self_max: (self_max + self.not_applicable_max).into(),
            self_max: self_max.into(),
            scored_max: self.scored_max.into(),
            unscored_max: self.unscored_max.into(),
            not_applicable_max: self.not_applicable_max.into(),
            survey_max: self.survey_max.into(),
            indicator_max: self.indicator_max.into(),
            other_max: (self.survey_max + self.indicator_max).into(),
            score: self.score.into(),
            lost: (self.scored_max - self.score).into(),
            percent: percent(self.score, self.scored_max, bands),
            rows_self: self.rows_self,
            rows_applicable: self.rows_self - self.rows_not_applicable,
            rows_scored: self.rows_scored,
            rows_not_applicable: self.rows_not_applicable,
            rows_unscored: self.rows_unscored,
            units_unscored: self.units_unscored.len(),
            rows_unassigned: self.rows_unassigned,
            assigned_max: (self_max - self.unassigned_max).into(),
        }
    }
}

/// Each area with the sums of its rows, and the province's: the areas'
/// sums added.
pub(super) fn area_reports(
    c: &Campaign,
    sums: &[RowSums],
    bands: &[BandView],
) -> (Vec<AreaReport>, Breakdown) {
    let rows = &c.criteria.rows;
    let mut province = Parts::default();
    let areas = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.level == Level::Area)
        .map(|(i, a)| {
            let members: Vec<usize> = (0..rows.len())
                .filter(|&j| j != i && area_of(rows, j) == i)
                .collect();
            let mut parts = Parts {
                max: a.max,
                ..Parts::default()
            };
            for &j in &members {
                if let (Some(r), Some(sum)) = (rows.get(j), sums.get(j))
                    && r.is_scored()
                {
                    parts.add_row(c, j, r, sum);
                    province.add_row(c, j, r, sum);
                }
            }
            province.max += a.max;
            AreaReport {
                id: a.id.clone(),
                href: link(Target::Area(&a.id)),
                name: a.name.clone(),
                sums: parts.view(bands),
                rows: members,
            }
        })
        .collect();
    (areas, province.view(bands))
}
