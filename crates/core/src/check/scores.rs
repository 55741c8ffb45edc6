//! The rules on a unit's self-scores: each row known and the unit's, scored
//! once, with a valid value, evidence and an explanation; no row left out.

use std::collections::BTreeMap;

use jiff::Timestamp;

use super::text;
use crate::checked::{Keep, RowScore};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::model::{Campaign, Participant, Row, Scoring, Stage};
use crate::points::Points;
use crate::raw::submission::{ScoreEntry, Submission};
use crate::source::{Sp, Span};
use crate::text::{Text, quote};
use crate::toml_read::suggest;
use crate::tr;

use super::evidence::check_document;

/// The scores of one file: each entry judged, the rows it may score kept.
pub(super) fn check_scores(
    sub: &Submission,
    campaign: &Campaign,
    participant: &Participant,
    anchor: &Span,
    now: Timestamp,
    keep: Keep,
    diags: &mut Diagnostics,
) -> Vec<RowScore> {
    let mut scores = Vec::new();
    let mut seen: BTreeMap<usize, &Span> = BTreeMap::new();
    let today = campaign.time_zone.to_datetime(now).date();
    let last_day = campaign
        .deadline_local_for(&participant.unit)
        .checked_sub(jiff::SignedDuration::from_nanos(1))
        .map_or(campaign.cutoff, jiff::civil::DateTime::date);
    for entry in &sub.scores {
        let Some((index, row)) = rule_known_row(&entry.criterion, campaign, participant, diags)
        else {
            continue;
        };
        if let Some(first) = seen.get(&index) {
            diags.push(rule_scored_twice(&entry.criterion, first, None));
            continue;
        }
        seen.insert(index, &entry.span);
        let points = check_value(entry, row, diags);
        let mut evidence = Vec::new();
        for e in &entry.evidence {
            let document = check_document(e, campaign.cutoff, last_day, today, keep, diags);
            if keep == Keep::All {
                evidence.push(document);
            }
        }
        scores.push(RowScore {
            row: index,
            points,
            not_applicable: entry.not_applicable.as_ref().is_some_and(|b| b.value),
            reason: text(keep, entry.reason.as_ref()),
            explanation: text(keep, entry.explanation.as_ref()),
            evidence,
        });
    }
    if !sub.scores_dropped {
        rule_rows_missing(participant, campaign, &seen, anchor, diags);
    }
    scores
}

/// E030, E031 and E034: the row exists, is self-assessed and is the unit's.
pub(super) fn rule_known_row<'c>(
    id: &Sp<String>,
    campaign: &'c Campaign,
    participant: &Participant,
    diags: &mut Diagnostics,
) -> Option<(usize, &'c Row)> {
    let set = &campaign.criteria;
    let Some((index, row)) = set.row(&id.value) else {
        let own: Vec<&str> = participant
            .rows
            .iter()
            .filter_map(|&i| set.rows.get(i))
            .map(|r| r.id.as_str())
            .collect();
        let hint = match suggest(&id.value, own.iter().copied()) {
            Some(s) => tr!(
                "Có phải ý bạn là {}? Phụ lục {} gồm: {}.",
                "Did you mean {}? Appendix {} lists: {}.",
                quote(s),
                participant.appendix.clone(),
                own.join(", ")
            ),
            None => tr!(
                "Phụ lục {} gồm: {}.",
                "Appendix {} lists: {}.",
                participant.appendix.clone(),
                own.join(", ")
            ),
        };
        diags.push(
            Diagnostic::new(
                Code::E030,
                id.span.clone(),
                tr!(
                    "không có tiêu chí {} trong bộ tiêu chí",
                    "there is no criterion {} in the criteria set",
                    quote(&id.value)
                ),
            )
            .hint(hint),
        );
        return None;
    };
    if !row.is_self_assessed() {
        diags.push(
            Diagnostic::new(
                Code::E034,
                id.span.clone(),
                tr!(
                    "tiêu chí {} lấy điểm từ điều tra xã hội học hoặc chỉ tiêu, đơn vị không tự chấm",
                    "row {} is scored by a survey or an indicator, not by the unit",
                    quote(&id.value)
                ),
            )
            .hint(tr!(
                "Xóa khối [[score]] này; điểm của tiêu chí do Bộ Nội vụ xác định.",
                "Remove this [[score]] block; the Ministry determines this row's points."
            )),
        );
        return None;
    }
    if !participant.rows.contains(&index) {
        let (msg, hint) = if row.is_scored() {
            let owner = campaign.owner_of(index).map(|p| p.unit.clone());
            (
                tr!(
                    "tiêu chí {} không thuộc phụ lục {} của đơn vị",
                    "criterion {} is not in the unit's appendix {}",
                    quote(&id.value),
                    participant.appendix.clone()
                ),
                match owner {
                    Some(o) => tr!(
                        "Tiêu chí này do {} chấm; xóa khối [[score]] này.",
                        "This row is scored by {}; remove this [[score]] block.",
                        quote(&o)
                    ),
                    None => tr!(
                        "Xóa khối [[score]] này; chỉ chấm các tiêu chí của phụ lục được giao.",
                        "Remove this [[score]] block; score only the rows of your appendix."
                    ),
                },
            )
        } else {
            let subs: Vec<&str> = row
                .children
                .iter()
                .filter_map(|&c| set.rows.get(c))
                .map(|r| r.id.as_str())
                .collect();
            (
                tr!(
                    "tiêu chí {} được chấm qua các tiêu chí thành phần",
                    "criterion {} is scored through its sub-criteria",
                    quote(&id.value)
                ),
                tr!(
                    "Chấm từng tiêu chí thành phần của phụ lục: {}.",
                    "Score each sub-criterion of the appendix instead: {}.",
                    subs.join(", ")
                ),
            )
        };
        diags.push(Diagnostic::new(Code::E031, id.span.clone(), msg).hint(hint));
        return None;
    }
    Some((index, row))
}

/// E032: one block per row, in a report and in each file of a later stage
/// (`[[answer]]` in an explanation).
pub(super) fn rule_scored_twice(id: &Sp<String>, first: &Span, stage: Option<Stage>) -> Diagnostic {
    let d = match stage {
        Some(Stage::Explanation) => Diagnostic::new(
            Code::E032,
            id.span.clone(),
            tr!(
                "tiêu chí {} đã được giải trình ở một khối [[answer]] trước",
                "criterion {} is already answered in an earlier [[answer]] block",
                quote(&id.value)
            ),
        )
        .related(first.clone(), tr!("lần giải trình đầu tiên", "first answered here"))
        .hint(tr!(
            "Giữ một khối [[answer]] cho mỗi tiêu chí: gộp nội dung và tài liệu vào khối đầu và xóa khối thừa.",
            "Keep one [[answer]] block per criterion: merge the text and evidence into the first and remove the other."
        )),
        _ => Diagnostic::new(
            Code::E032,
            id.span.clone(),
            tr!(
                "tiêu chí {} đã được chấm ở một khối [[score]] trước",
                "criterion {} is already scored in an earlier [[score]] block",
                quote(&id.value)
            ),
        )
        .related(first.clone(), tr!("lần chấm đầu tiên", "first scored here")),
    };
    match stage {
        None => d.hint(tr!(
            "Giữ một khối [[score]] cho mỗi tiêu chí: gộp tài liệu kiểm chứng vào khối đầu và xóa khối thừa.",
            "Keep one [[score]] block per criterion: move its evidence into the first and remove the other."
        )),
        Some(Stage::Explanation) => d,
        Some(_) => d.hint(tr!(
            "Giữ một khối [[score]] cho mỗi tiêu chí và xóa khối thừa.",
            "Keep one [[score]] block per criterion and remove the other."
        )),
    }
}

/// The rules on the value of one score: E035–E043. Returns the points, when
/// the score is one the row allows.
fn check_value(entry: &ScoreEntry, row: &Row, diags: &mut Diagnostics) -> Option<Points> {
    let na = entry.not_applicable.as_ref().filter(|b| b.value);
    match (&entry.score, na) {
        (Some(score), Some(na)) => {
            diags.push(rule_score_and_not_applicable(score, na));
            None
        }
        (None, Some(na)) => {
            rule_not_applicable_reason(entry, na, diags);
            None
        }
        // A score written with a wrong type is reported already.
        (None, None) if entry.score_written => None,
        (None, None) => {
            diags.push(rule_blank(entry, row));
            None
        }
        // A row whose maximum is in error cannot judge a score (the content
        // error blocks the build); the number stands as written.
        (Some(score), None) if !row.max_known => Points::from_f64(score.value),
        (Some(score), None) => {
            let points = rule_score_in_range(score, row, None, diags)?;
            if points > Points::ZERO {
                rule_evidence_given(entry, diags);
            }
            rule_explained(entry, diags);
            Some(points)
        }
    }
}

/// E042: a row is either scored or not applicable.
fn rule_score_and_not_applicable(score: &Sp<f64>, na: &Sp<bool>) -> Diagnostic {
    Diagnostic::new(
        Code::E042,
        score.span.clone(),
        tr!(
            "tiêu chí vừa có điểm vừa ghi không áp dụng",
            "the row has both a score and not_applicable = true"
        ),
    )
    .related(
        na.span.clone(),
        tr!("ghi không áp dụng ở đây", "not applicable here"),
    )
    .hint(tr!(
        "Nếu tiêu chí áp dụng với đơn vị, xóa not_applicable; nếu không, xóa score và ghi reason.",
        "If the row applies, remove not_applicable; if not, remove score and give a reason."
    ))
}

/// E040: "not applicable" needs a reason the office can check.
fn rule_not_applicable_reason(entry: &ScoreEntry, na: &Sp<bool>, diags: &mut Diagnostics) {
    if entry.reason.is_some() {
        return;
    }
    diags.push(
        Diagnostic::new(
            Code::E040,
            na.span.clone(),
            tr!(
                "tiêu chí {} ghi không áp dụng nhưng chưa nêu lý do",
                "row {} is marked not applicable without a reason",
                quote(&entry.criterion.value)
            ),
        )
        .hint(tr!(
            "Thêm reason = \"…\": vì sao tiêu chí không áp dụng với đơn vị (ví dụ: năm 2023 đơn vị không có thủ tục thuộc lĩnh vực này).",
            "Add reason = \"…\": why the row does not apply to the unit (e.g. the unit had no procedure of this kind in 2023)."
        )),
    );
}

/// E041: the row is listed but neither scored nor marked not applicable.
fn rule_blank(entry: &ScoreEntry, row: &Row) -> Diagnostic {
    Diagnostic::new(
        Code::E041,
        entry.criterion.span.clone(),
        tr!(
            "tiêu chí {} chưa có điểm tự đánh giá",
            "criterion {} has no self-score yet",
            quote(&entry.criterion.value)
        ),
    )
    .hint(tr!(
        "Thêm score = … ({}), hoặc not_applicable = true và reason = \"…\" nếu tiêu chí không áp dụng.",
        "Add score = … ({}), or not_applicable = true and a reason if it does not apply.",
        row.allowed_scores()
    ))
}

/// E035–E038: a finite number from 0 to the maximum, on the step: a
/// self-score (`stage` `None`) or an appraiser's.
pub(super) fn rule_score_in_range(
    score: &Sp<f64>,
    row: &Row,
    stage: Option<Stage>,
    diags: &mut Diagnostics,
) -> Option<Points> {
    let x = score.value;
    let fail =
        |code, msg: Text, hint: Text| Diagnostic::new(code, score.span.clone(), msg).hint(hint);
    if !x.is_finite() {
        diags.push(fail(
            Code::E035,
            match stage {
                None => tr!(
                    "điểm tự đánh giá phải là một số hữu hạn",
                    "a self-score must be a finite number"
                ),
                Some(s) => tr!(
                    "điểm {} phải là một số hữu hạn",
                    "a score of the {} stage must be a finite number",
                    s.name()
                ),
            },
            tr!(
                "Ghi một số ({}), ví dụ score = {}.",
                "Write a number ({}), e.g. score = {}.",
                row.allowed_scores(),
                row.max
            ),
        ));
        return None;
    }
    if x < 0.0 {
        diags.push(fail(
            Code::E036,
            tr!("điểm {} là số âm", "score {} is negative", x),
            match stage {
                None => tr!(
                    "Điểm tự đánh giá: {}; tiêu chí không đạt thì ghi 0 và giải thích.",
                    "Self-scores: {}; a row not achieved scores 0, with an explanation.",
                    row.allowed_scores()
                ),
                Some(_) => tr!(
                    "Điểm của tiêu chí: {}; tiêu chí không đạt thì ghi 0 và nêu lý do.",
                    "The row's scores: {}; a row not achieved scores 0, with a reason.",
                    row.allowed_scores()
                ),
            },
        ));
        return None;
    }
    if x > row.max.as_f64() {
        diags.push(
            fail(
                Code::E037,
                tr!(
                    "điểm {} vượt quá điểm tối đa {} của tiêu chí {}",
                    "score {} is above the maximum {} of criterion {}",
                    x,
                    row.max,
                    row.id.clone()
                ),
                tr!(
                    "Điểm của tiêu chí này: {}.",
                    "This row's scores: {}.",
                    row.allowed_scores()
                ),
            )
            .label(tr!("tối đa {}", "at most {}", row.max)),
        );
        return None;
    }
    // Within range; more than three decimals fall on no step.
    let on_step = Points::from_f64(x).filter(|p| match row.scoring {
        Scoring::AllOrNothing => *p == Points::ZERO || *p == row.max,
        Scoring::Graded => p.is_multiple_of(row.step),
    });
    if on_step.is_none() {
        let (msg, hint) = match row.scoring {
            Scoring::AllOrNothing => (
                tr!(
                    "tiêu chí {} chỉ chấm 0 hoặc {} điểm, không chấm {}",
                    "criterion {} scores 0 or {} only, not {}",
                    row.id.clone(),
                    row.max,
                    x
                ),
                tr!(
                    "Đạt đầy đủ yêu cầu thì ghi {}, chưa đạt thì ghi 0.",
                    "Write {} if fully met, otherwise 0.",
                    row.max
                ),
            ),
            Scoring::Graded => {
                let step = row.step.milli().max(1);
                #[expect(clippy::cast_possible_truncation, reason = "0 <= x <= max here")]
                let below = Points::from_milli(((x * 1000.0) as i64) / step * step);
                (
                    tr!(
                        "điểm {} không phải bội số của bước chấm {}",
                        "score {} is not a multiple of the step {}",
                        x,
                        row.step
                    ),
                    tr!(
                        "Tiêu chí này chấm theo bước {}: ví dụ {} hoặc {}.",
                        "This row is scored in steps of {}: e.g. {} or {}.",
                        row.step,
                        below,
                        (below + row.step).min(row.max)
                    ),
                )
            }
        };
        diags.push(fail(Code::E038, msg, hint));
    }
    on_step
}

/// E039: a score above zero is backed by at least one document.
fn rule_evidence_given(entry: &ScoreEntry, diags: &mut Diagnostics) {
    if !entry.evidence.is_empty() {
        return;
    }
    diags.push(
        Diagnostic::new(
            Code::E039,
            entry.score.as_ref().map_or(entry.span.clone(), |s| s.span.clone()),
            tr!(
                "tiêu chí {} có điểm nhưng chưa có tài liệu kiểm chứng",
                "criterion {} is scored but has no evidence",
                quote(&entry.criterion.value)
            ),
        )
        .hint(tr!(
            "Thêm ít nhất một khối [[score.evidence]] với number (số, ký hiệu), date (ngày) và title (trích yếu) của văn bản chứng minh kết quả.",
            "Add at least one [[score.evidence]] block with the number, date and title of a document that proves the result."
        )),
    );
}

/// E043: every scored row says how the score was reached.
fn rule_explained(entry: &ScoreEntry, diags: &mut Diagnostics) {
    if entry.explanation.is_some() {
        return;
    }
    diags.push(
        Diagnostic::new(
            Code::E043,
            entry.criterion.span.clone(),
            tr!(
                "tiêu chí {} chưa có giải thích",
                "criterion {} has no explanation",
                quote(&entry.criterion.value)
            ),
        )
        .hint(tr!(
            "Thêm explanation = \"\"\"…\"\"\": kết quả đạt được so với yêu cầu của tiêu chí và vì sao chấm mức điểm này.",
            "Add explanation = \"\"\"…\"\"\": what was achieved against the row's requirement and why this score."
        )),
    );
}

/// E033: every row of the appendix appears in the file.
fn rule_rows_missing(
    participant: &Participant,
    campaign: &Campaign,
    seen: &BTreeMap<usize, &Span>,
    anchor: &Span,
    diags: &mut Diagnostics,
) {
    let missing: Vec<&str> = participant
        .rows
        .iter()
        .filter(|i| !seen.contains_key(i))
        .filter_map(|&i| campaign.criteria.rows.get(i))
        .map(|r| r.id.as_str())
        .collect();
    if missing.is_empty() {
        return;
    }
    diags.push(
        Diagnostic::new(
            Code::E033,
            anchor.clone(),
            tr!(
                "còn thiếu {} tiêu chí của phụ lục {}: {}",
                "{} row(s) of appendix {} are missing: {}",
                missing.len(),
                participant.appendix.clone(),
                missing.join(", ")
            ),
        )
        .hint(tr!(
            "Thêm một khối [[score]] cho mỗi tiêu chí còn thiếu (`cchc new {} --force` tạo lại tệp mẫu đầy đủ).",
            "Add a [[score]] block for each missing row (`cchc new {} --force` writes a complete template).",
            participant.unit.clone()
        )),
    );
}
