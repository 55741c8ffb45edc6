//! The sums: each row of the criteria set with the scores below it, each
//! area's and the province's totals, all in exact points.

use crate::urls::{Target, link};
use std::collections::BTreeMap;

use crate::checked::RowScore;
use crate::model::{Campaign, Level, Row, Source};
use crate::points::Points;

use super::views::{AreaReport, BandView, RowView, Totals, percent};

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
                self_max = self_max + child.self_max;
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
                area,
            }
        })
        .collect();
    (views, sums)
}

/// Each area with the sums of its rows.
pub(super) fn area_reports(rows: &[Row], sums: &[RowSums], bands: &[BandView]) -> Vec<AreaReport> {
    rows.iter()
        .enumerate()
        .filter(|(_, r)| r.level == Level::Area)
        .map(|(i, a)| {
            let members: Vec<usize> = (0..rows.len())
                .filter(|&j| j != i && area_of(rows, j) == i)
                .collect();
            let scored_self: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&j| {
                    rows.get(j)
                        .is_some_and(|r| r.is_scored() && r.is_self_assessed())
                })
                .collect();
            let survey: Points = members
                .iter()
                .filter_map(|&j| rows.get(j))
                .filter(|r| r.is_scored() && !r.is_self_assessed())
                .map(|r| r.max)
                .sum();
            let sum = sums.get(i).copied().unwrap_or_default();
            let score = sum.below.unwrap_or_default();
            AreaReport {
                id: a.id.clone(),
                href: link(Target::Area(&a.id)),
                name: a.name.clone(),
                max: a.max.into(),
                self_max: sum.self_max.into(),
                survey_max: survey.into(),
                score: score.into(),
                percent: percent(score, sum.self_max, bands),
                rows_scored: scored_self
                    .iter()
                    .filter(|&&j| {
                        sums.get(j)
                            .is_some_and(|s| s.score.is_some() || s.not_applicable)
                    })
                    .count(),
                rows_self: scored_self.len(),
                rows: members,
            }
        })
        .collect()
}

/// The whole set's sums: what the province's units report together.
pub(super) fn province_totals(rows: &[Row], sums: &[RowSums], bands: &[BandView]) -> Totals {
    let mut score = Points::ZERO;
    let mut self_max = Points::ZERO;
    let mut set_self_max = Points::ZERO;
    let mut survey = Points::ZERO;
    let mut indicator = Points::ZERO;
    let mut total = Points::ZERO;
    let (mut scored, mut self_rows) = (0, 0);
    for (r, s) in rows.iter().zip(sums) {
        if r.level == Level::Area {
            total = total + r.max;
        }
        if !r.is_scored() {
            continue;
        }
        match r.source {
            Source::SelfAssessed => {
                self_rows += 1;
                set_self_max = set_self_max + r.max;
                if !s.not_applicable {
                    self_max = self_max + r.max;
                }
                score = score + s.score.unwrap_or_default();
                if s.score.is_some() || s.not_applicable {
                    scored += 1;
                }
            }
            Source::Survey => survey = survey + r.max,
            Source::Indicator => indicator = indicator + r.max,
        }
    }
    Totals {
        score: score.into(),
        self_max: self_max.into(),
        set_self_max: set_self_max.into(),
        percent: percent(score, self_max, bands),
        survey_max: survey.into(),
        indicator_max: indicator.into(),
        total_max: total.into(),
        rows_scored: scored,
        rows_self: self_rows,
    }
}
