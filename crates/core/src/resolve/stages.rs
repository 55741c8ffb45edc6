//! The stages after the self-assessment in campaign.toml: their windows in
//! order (E095), each after the one it follows (E096), and who appraises
//! which area (E077, E094, E070).

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::TimeZone;

use super::campaign::to_timestamp;
use super::ids::duplicate;
use super::text;
use super::units::unknown_unit;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::model::{Appraiser, Content, CriteriaSet, Decision, Stage, Stages, Window};
use crate::raw;
use crate::source::{Sp, Span};
use crate::text::{Text, quote};
use crate::tr;

/// The campaign's stages, when it declares an appraisal that can be read.
pub(super) fn resolve_stages(
    raw: &raw::campaign::Campaign,
    criteria: Option<&CriteriaSet>,
    tz: Option<&TimeZone>,
    deadline: Option<(DateTime, Timestamp)>,
    content: &Content,
    path: &Arc<str>,
    diags: &mut Diagnostics,
) -> Option<Stages> {
    let Some(appraisal) = &raw.appraisal else {
        let file = Span::file(path);
        if let Some(e) = &raw.explanation {
            diags.push(rule_stage_without_appraisal(
                Stage::Explanation,
                e.deadline.as_ref().map_or(&file, |d| &d.span),
            ));
        }
        if let Some(f) = &raw.final_stage {
            diags.push(rule_stage_without_appraisal(
                Stage::Final,
                f.deadline.as_ref().map_or(&file, |d| &d.span),
            ));
        }
        return None;
    };
    let appraisers = criteria.map(|set| resolve_appraisers(appraisal, set, content, diags));
    let (tz, (deadline_local, deadline)) = (tz?, deadline?);
    let reports = Opening {
        local: deadline_local,
        at: deadline,
        name: tr!("hạn gửi báo cáo", "the reports' deadline"),
        span: raw.deadline.as_ref()?.span.clone(),
    };
    // Each window opens where the one before it closes.
    let opens = match &appraisal.opens {
        Some(o) => {
            let opens = Opening {
                local: o.value,
                at: to_timestamp(o.value, tz)?,
                name: tr!("thời điểm bắt đầu thẩm định", "the appraisal's opening"),
                span: o.span.clone(),
            };
            if opens.at < reports.at {
                diags.push(rule_window_order(
                    o,
                    tr!(
                        "{} {} sớm hơn {} {}",
                        "{} {} is before {} {}",
                        opens.name,
                        o.value,
                        reports.name,
                        reports.local
                    ),
                    &reports,
                ));
            }
            opens
        }
        None => reports,
    };
    let (appraisal_window, mut last) = window(
        &opens,
        appraisal.deadline.as_ref()?,
        tz,
        Stage::Appraisal,
        diags,
    )?;
    let explanation = raw.explanation.as_ref().and_then(|e| {
        let (w, closing) = window(&last, e.deadline.as_ref()?, tz, Stage::Explanation, diags)?;
        last = closing;
        Some(w)
    });
    let final_scores = raw
        .final_stage
        .as_ref()
        .and_then(|f| window(&last, f.deadline.as_ref()?, tz, Stage::Final, diags).map(|(w, _)| w));
    let decision = raw
        .final_stage
        .as_ref()
        .and_then(|f| f.decision.as_ref())
        .and_then(|d| {
            Some(Decision {
                number: text(d.number.as_ref())?,
                date: d.date.as_ref()?.value,
                title: text(d.title.as_ref()),
                url: text(d.url.as_ref()),
            })
        });
    Some(Stages {
        appraisal: appraisal_window,
        appraisers: appraisers?,
        explanation,
        final_scores,
        decision,
    })
}

/// The moment a stage opens, as E095 names it: the deadline of the stage
/// before it (the reports' for the appraisal), or the appraisal's `opens`.
struct Opening {
    local: DateTime,
    at: Timestamp,
    /// What people call it: "hạn gửi báo cáo", "hạn thẩm định".
    name: Text,
    /// Where campaign.toml sets it.
    span: Span,
}

/// A stage's window, from `opens` to its deadline, and its closing as the
/// next stage's opening; E095 when the deadline is not after `opens`.
fn window(
    opens: &Opening,
    deadline: &Sp<DateTime>,
    tz: &TimeZone,
    stage: Stage,
    diags: &mut Diagnostics,
) -> Option<(Window, Opening)> {
    let closes = to_timestamp(deadline.value, tz)?;
    if closes <= opens.at {
        diags.push(rule_window_order(
            deadline,
            tr!(
                "hạn {} {} không sau {} {}",
                "the {} deadline {} is not after {} {}",
                stage.name(),
                deadline.value,
                opens.name,
                opens.local
            ),
            opens,
        ));
        return None;
    }
    let closing = Opening {
        local: deadline.value,
        at: closes,
        name: tr!("hạn {}", "the {} deadline", stage.name()),
        span: deadline.span.clone(),
    };
    let window = Window {
        opens: opens.at,
        opens_local: opens.local,
        closes,
        closes_local: deadline.value,
    };
    Some((window, closing))
}

/// Who appraises each area: those listed, the default for the others.
fn resolve_appraisers(
    appraisal: &raw::campaign::Appraisal,
    set: &CriteriaSet,
    content: &Content,
    diags: &mut Diagnostics,
) -> BTreeMap<usize, Appraiser> {
    let default = appraisal
        .appraiser
        .as_ref()
        .filter(|a| rule_appraiser_known(a, content, diags))
        .map_or(Appraiser::Office, |a| Appraiser::parse(&a.value));
    let mut listed: BTreeMap<usize, Span> = BTreeMap::new();
    let mut out = BTreeMap::new();
    for entry in &appraisal.areas {
        let Some(area) = rule_area_known(&entry.area, set, diags) else {
            continue;
        };
        if let Some(first) = listed.get(&area) {
            diags.push(duplicate(&entry.area.span, &entry.area.value, first));
            continue;
        }
        listed.insert(area, entry.area.span.clone());
        if rule_appraiser_known(&entry.appraiser, content, diags) {
            out.insert(area, Appraiser::parse(&entry.appraiser.value));
        }
    }
    for (i, row) in set.rows.iter().enumerate() {
        if row.parent.is_none() {
            out.entry(i).or_insert_with(|| default.clone());
        }
    }
    out
}

/// E077: an appraiser is the office or a unit of units.toml.
fn rule_appraiser_known(id: &Sp<String>, content: &Content, diags: &mut Diagnostics) -> bool {
    if id.value == Appraiser::OFFICE || content.unit(&id.value).is_some() {
        return true;
    }
    diags.push(unknown_unit(id, &content.units));
    false
}

/// E094: `[[appraisal.area]]` names an area of the campaign's criteria set.
fn rule_area_known(id: &Sp<String>, set: &CriteriaSet, diags: &mut Diagnostics) -> Option<usize> {
    if let Some((i, row)) = set.row(&id.value)
        && row.parent.is_none()
    {
        return Some(i);
    }
    let areas: Vec<&str> = set
        .rows
        .iter()
        .filter(|r| r.parent.is_none())
        .map(|r| r.id.as_str())
        .collect();
    diags.push(
        Diagnostic::new(
            Code::E094,
            id.span.clone(),
            tr!(
                "{} không phải một lĩnh vực của bộ tiêu chí {}",
                "{} is not an area of the criteria set {}",
                quote(&id.value),
                quote(&set.id)
            ),
        )
        .hint(tr!(
            "Việc thẩm định được giao theo lĩnh vực (cấp cao nhất của bộ tiêu chí): {}.",
            "Appraisal is given out by area (the criteria set's top level): {}.",
            areas.join(", ")
        )),
    );
    None
}

/// E095: each stage's deadline comes after the moment it opens, and the
/// appraisal opens no earlier than the reports' deadline.
fn rule_window_order(at: &Sp<DateTime>, message: Text, before: &Opening) -> Diagnostic {
    Diagnostic::new(Code::E095, at.span.clone(), message)
        .related(before.span.clone(), before.name.clone())
        .hint(tr!(
            "Các giai đoạn nối tiếp nhau: thẩm định sau hạn gửi báo cáo, giải trình sau hạn thẩm định, chấm điểm cuối cùng sau hạn giải trình. Kiểm tra lại các ngày với kế hoạch của Phòng CCHC.",
            "The stages follow one another: appraisal after the reports' deadline, explanations after the appraisal's, final scores after the explanations'. Check the dates against the office's plan."
        ))
}

/// E096: explanations and final scores follow an appraisal.
fn rule_stage_without_appraisal(stage: Stage, at: &Span) -> Diagnostic {
    Diagnostic::new(
        Code::E096,
        at.clone(),
        tr!(
            "đợt khai báo giai đoạn {} nhưng không có giai đoạn thẩm định [appraisal]",
            "the campaign declares the {} stage but no appraisal [appraisal]",
            stage.name()
        ),
    )
    .hint(tr!(
        "Giải trình và chấm điểm cuối cùng dựa trên kết quả thẩm định: thêm bảng [appraisal] với hạn thẩm định, hoặc bỏ giai đoạn này.",
        "Explanations and final scores build on an appraisal: add an [appraisal] table with its deadline, or remove this stage."
    ))
}
