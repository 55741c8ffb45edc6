//! Criteria sets: flat rows with parent and children, inherited defaults,
//! and the rules on their points (E071–E073, E085).

use std::collections::BTreeMap;
use std::sync::Arc;

use super::ids::{check_code, duplicate, id_not_file_name};
use super::text;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::model::{Band, CriteriaSet, Level, Row, Scoring, Source};
use crate::points::Points;
use crate::raw;
use crate::raw::content::RawCriteriaFile;
use crate::source::{Sp, Span};
use crate::tr;

/// The defaults a row inherits from its parent.
#[derive(Clone, Copy)]
struct Inherited {
    source: Source,
    step: Points,
    scoring: Scoring,
}

const DEFAULT_STEP: Points = Points::from_milli(250);

fn points(v: &Sp<f64>, what: &crate::text::Text, diags: &mut Diagnostics) -> Option<Points> {
    match Points::from_f64(v.value) {
        Some(p) if p > Points::ZERO => Some(p),
        _ => {
            diags.push(
                Diagnostic::new(
                    Code::E085,
                    v.span.clone(),
                    tr!(
                        "{} phải là số dương, tối đa ba chữ số thập phân, nhưng là {}",
                        "{} must be a positive number with at most three decimals, but is {}",
                        what,
                        v.value
                    ),
                )
                .hint(tr!(
                    "Ví dụ: max = 1.5, step = 0.25.",
                    "For example: max = 1.5, step = 0.25."
                )),
            );
            None
        }
    }
}

pub(super) fn resolve_criteria_set(file: &RawCriteriaFile, diags: &mut Diagnostics) -> CriteriaSet {
    let raw = &file.set;
    let id = match &raw.id {
        Some(id) => {
            if id.value != file.stem {
                diags.push(id_not_file_name(
                    id,
                    &file.stem,
                    "content/criteria/<mã>.toml",
                ));
            }
            id.value.clone()
        }
        None => file.stem.clone(),
    };
    let set_step = raw
        .step
        .as_ref()
        .and_then(|s| points(s, &tr!("bước chấm", "the step"), diags))
        .unwrap_or(DEFAULT_STEP);
    let mut rows: Vec<Row> = Vec::new();
    let mut by_id: BTreeMap<String, usize> = BTreeMap::new();
    // Whether every max below a row was readable; sums are only checked then.
    let mut complete: Vec<bool> = Vec::new();
    let root = Inherited {
        source: Source::SelfAssessed,
        step: set_step,
        scoring: Scoring::Graded,
    };
    for area in &raw.areas {
        let area_max = area
            .max
            .as_ref()
            .and_then(|m| points(m, &tr!("điểm tối đa", "the maximum"), diags));
        let ai = push_row(
            &mut rows,
            &mut by_id,
            &mut complete,
            diags,
            &NewRow {
                id: &area.id,
                name: area.name.as_ref(),
                level: Level::Area,
                parent: None,
                max: area_max,
                inherited: root,
                guide: area.guide.as_ref(),
            },
        );
        for c in &area.criteria {
            let inh = inherit(root, c, diags);
            let cmax = c
                .max
                .as_ref()
                .and_then(|m| points(m, &tr!("điểm tối đa", "the maximum"), diags));
            let ci = push_row(
                &mut rows,
                &mut by_id,
                &mut complete,
                diags,
                &NewRow {
                    id: &c.id,
                    name: c.name.as_ref(),
                    level: Level::Criterion,
                    parent: Some(ai),
                    max: cmax,
                    inherited: inh,
                    guide: c.guide.as_ref(),
                },
            );
            for s in &c.subs {
                let sinh = inherit(inh, s, diags);
                let smax = s
                    .max
                    .as_ref()
                    .and_then(|m| points(m, &tr!("điểm tối đa", "the maximum"), diags));
                push_row(
                    &mut rows,
                    &mut by_id,
                    &mut complete,
                    diags,
                    &NewRow {
                        id: &s.id,
                        name: s.name.as_ref(),
                        level: Level::Sub,
                        parent: Some(ci),
                        max: smax,
                        inherited: sinh,
                        guide: s.guide.as_ref(),
                    },
                );
            }
        }
    }
    let total = raw
        .total
        .as_ref()
        .and_then(|t| points(t, &tr!("tổng điểm", "the total"), diags));
    rule_max_on_step(&rows, &complete, diags);
    rule_children_add_up(&rows, &complete, diags);
    if let Some(total) = total {
        rule_areas_add_up(
            &rows,
            &complete,
            total,
            raw.total.as_ref(),
            &file.path,
            diags,
        );
    }
    CriteriaSet {
        id,
        title: text(raw.title.as_ref()).unwrap_or_default(),
        basis: text(raw.basis.as_ref()),
        illustrative: raw.illustrative,
        illustrative_note: text(raw.illustrative_note.as_ref()),
        total: total.unwrap_or(Points::ZERO),
        bands: raw
            .bands
            .iter()
            .filter(|b| rule_band_percent(&b.min_percent, diags))
            .map(|b| Band {
                min_percent: b.min_percent.value,
                label: b.label.value.clone(),
            })
            .collect(),
        rows,
        by_id,
        path: Arc::clone(&file.path),
    }
}

/// E085 for a ranking band: a percentage from 0 to 100.
fn rule_band_percent(p: &Sp<f64>, diags: &mut Diagnostics) -> bool {
    if (0.0..=100.0).contains(&p.value) {
        return true;
    }
    diags.push(
        Diagnostic::new(
            Code::E085,
            p.span.clone(),
            tr!(
                "min_percent của mức xếp loại phải từ 0 đến 100, nhưng là {}",
                "a band's min_percent must be between 0 and 100, but is {}",
                p.value
            ),
        )
        .hint(tr!(
            "Ví dụ: min_percent = 90 cho mức \"Tốt\" (từ 90% trở lên).",
            "For example: min_percent = 90 for the top band (90% and above)."
        )),
    );
    false
}

fn inherit(parent: Inherited, row: &impl raw::criteria::Row, diags: &mut Diagnostics) -> Inherited {
    Inherited {
        source: row
            .source()
            .and_then(|s| Source::parse(s.value))
            .unwrap_or(parent.source),
        step: row
            .step()
            .and_then(|s| points(s, &tr!("bước chấm", "the step"), diags))
            .unwrap_or(parent.step),
        scoring: match row.scoring().map(|s| s.value) {
            Some("all_or_nothing") => Scoring::AllOrNothing,
            Some(_) => Scoring::Graded,
            None => parent.scoring,
        },
    }
}

struct NewRow<'a> {
    id: &'a Sp<String>,
    name: Option<&'a Sp<String>>,
    level: Level,
    parent: Option<usize>,
    max: Option<Points>,
    inherited: Inherited,
    guide: Option<&'a Sp<String>>,
}

/// Adds a row; a duplicate id is reported and the row kept out of the index.
fn push_row(
    rows: &mut Vec<Row>,
    by_id: &mut BTreeMap<String, usize>,
    complete: &mut Vec<bool>,
    diags: &mut Diagnostics,
    new: &NewRow<'_>,
) -> usize {
    check_code(new.id, diags);
    let index = rows.len();
    if let Some(&first) = by_id.get(&new.id.value) {
        if let Some(f) = rows.get(first) {
            diags.push(duplicate(&new.id.span, &new.id.value, &f.span));
        }
    } else {
        by_id.insert(new.id.value.clone(), index);
    }
    if let Some(p) = new.parent.and_then(|p| rows.get_mut(p)) {
        p.children.push(index);
    }
    rows.push(Row {
        id: new.id.value.clone(),
        name: text(new.name).unwrap_or_default(),
        level: new.level,
        parent: new.parent,
        children: Vec::new(),
        max: new.max.unwrap_or(Points::ZERO),
        max_known: new.max.is_some(),
        source: new.inherited.source,
        step: new.inherited.step,
        scoring: new.inherited.scoring,
        guide: text(new.guide),
        span: new.id.span.clone(),
    });
    complete.push(new.max.is_some());
    index
}

/// Whether a row and everything below it has a readable maximum.
fn subtree_complete(rows: &[Row], complete: &[bool], i: usize) -> bool {
    complete.get(i).copied().unwrap_or(false)
        && rows.get(i).is_some_and(|r| {
            r.children
                .iter()
                .all(|&c| subtree_complete(rows, complete, c))
        })
}

/// E085: a scored row's maximum must be reachable in whole steps.
fn rule_max_on_step(rows: &[Row], complete: &[bool], diags: &mut Diagnostics) {
    for (i, r) in rows.iter().enumerate() {
        if r.is_scored() && complete.get(i) == Some(&true) && !r.max.is_multiple_of(r.step) {
            diags.push(
                Diagnostic::new(
                    Code::E085,
                    r.span.clone(),
                    tr!(
                        "điểm tối đa {} của {} không phải bội số của bước chấm {}",
                        "the maximum {} of {} is not a multiple of the step {}",
                        r.max,
                        r.id.clone(),
                        r.step
                    ),
                )
                .hint(tr!(
                    "Sửa điểm tối đa hoặc đặt step cho tiêu chí này để đơn vị có thể chấm đủ điểm.",
                    "Correct the maximum or give this row its own step so units can reach the full score."
                )),
            );
        }
    }
}

/// E071 and E072: the children of a criterion (sub-criteria) and of an area
/// (criteria) add up to its maximum.
fn rule_children_add_up(rows: &[Row], complete: &[bool], diags: &mut Diagnostics) {
    for (i, r) in rows.iter().enumerate() {
        if r.children.is_empty() || !subtree_complete(rows, complete, i) {
            continue;
        }
        let sum: Points = r
            .children
            .iter()
            .filter_map(|&c| rows.get(c))
            .map(|c| c.max)
            .sum();
        if sum == r.max {
            continue;
        }
        let (code, msg) = match r.level {
            Level::Area => (
                Code::E072,
                tr!(
                    "các tiêu chí của lĩnh vực {} cộng lại {} điểm, khác điểm tối đa {} của lĩnh vực",
                    "the criteria of area {} add up to {} points, not the area's maximum of {}",
                    r.id.clone(),
                    sum,
                    r.max
                ),
            ),
            _ => (
                Code::E071,
                tr!(
                    "các tiêu chí thành phần của {} cộng lại {} điểm, khác điểm tối đa {}",
                    "the sub-criteria of {} add up to {} points, not its maximum of {}",
                    r.id.clone(),
                    sum,
                    r.max
                ),
            ),
        };
        let hint = if sum > r.max {
            tr!(
                "Các mục con thừa {} điểm: sửa điểm tối đa của mục này hoặc của các mục con để tổng khớp.",
                "The children have {} points too many: correct this maximum or theirs so the sum matches.",
                sum - r.max
            )
        } else {
            tr!(
                "Các mục con thiếu {} điểm: sửa điểm tối đa của mục này hoặc của các mục con để tổng khớp.",
                "The children are {} points short: correct this maximum or theirs so the sum matches.",
                r.max - sum
            )
        };
        diags.push(Diagnostic::new(code, r.span.clone(), msg).hint(hint));
    }
}

/// E073: the areas add up to the set's total.
fn rule_areas_add_up(
    rows: &[Row],
    complete: &[bool],
    total: Points,
    total_span: Option<&Sp<f64>>,
    path: &Arc<str>,
    diags: &mut Diagnostics,
) {
    let areas: Vec<usize> = (0..rows.len())
        .filter(|&i| rows.get(i).is_some_and(|r| r.level == Level::Area))
        .collect();
    if !areas.iter().all(|&i| complete.get(i) == Some(&true)) {
        return;
    }
    let sum: Points = areas
        .iter()
        .filter_map(|&i| rows.get(i))
        .map(|r| r.max)
        .sum();
    if sum != total {
        let span = total_span.map_or_else(|| Span::file(path), |t| t.span.clone());
        diags.push(
            Diagnostic::new(
                Code::E073,
                span,
                tr!(
                    "các lĩnh vực cộng lại {} điểm, khác tổng {} của bộ tiêu chí",
                    "the areas add up to {} points, not the set's total of {}",
                    sum,
                    total
                ),
            )
            .hint(tr!(
                "Sửa điểm tối đa của lĩnh vực hoặc tổng điểm (total) để khớp.",
                "Correct an area's maximum or the total so they match."
            )),
        );
    }
}
