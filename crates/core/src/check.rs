//! The submission rules: a unit's file judged against its campaign. Each rule
//! is one function reporting one code (or a closely related pair).

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::Timestamp;
use jiff::civil::Date;

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::model::{Campaign, Content, Participant, Row, Scoring};
use crate::points::Points;
use crate::raw::submission::{Evidence, ScoreEntry, Submission, TaskReport};
use crate::source::{Sp, Span};
use crate::text::{Lang, Localized, Text, quote};
use crate::toml_read::suggest;
use crate::tr;

/// Where a submission file sits: submissions/<folder>/<stem>.toml, or a path
/// outside that layout (given on the command line), with no folder.
#[derive(Debug, Clone)]
pub struct Placement {
    pub path: Arc<str>,
    pub folder: Option<String>,
    pub stem: String,
}

/// Checks one submission. `now` bounds evidence dates: a document cannot be
/// dated after today.
pub fn check_submission(
    place: &Placement,
    sub: &Submission,
    content: &Content,
    now: Timestamp,
    diags: &mut Diagnostics,
) {
    let file = Span::file(&place.path);
    if let Some(p) = &sub.prepared_by {
        rule_contact(p, diags);
    }
    let Some(campaign) = rule_campaign(place, sub, content, diags) else {
        return;
    };
    let Some(unit) = rule_unit(place, sub, campaign, content, diags) else {
        return;
    };
    let anchor = sub.unit.as_ref().map_or(file, |u| u.span.clone());
    let Some(participant) = campaign.participant(&unit) else {
        return;
    };
    check_scores(sub, campaign, participant, &anchor, now, diags);
    check_tasks(sub, campaign, &unit, &anchor, diags);
}

// ---- identity ----

/// E021 and E024: the campaign named in the file exists and is the folder's.
fn rule_campaign<'c>(
    place: &Placement,
    sub: &Submission,
    content: &'c Content,
    diags: &mut Diagnostics,
) -> Option<&'c Campaign> {
    let key = sub.campaign.as_ref();
    if let (Some(folder), Some(key)) = (&place.folder, key)
        && &key.value != folder
    {
        diags.push(
            Diagnostic::new(
                Code::E021,
                key.span.clone(),
                tr!(
                    "tệp nằm trong thư mục đợt {} nhưng ghi campaign = {}",
                    "the file is in campaign folder {} but says campaign = {}",
                    quote(folder),
                    quote(&key.value)
                ),
            )
            .hint(if content.campaigns.contains_key(&key.value) {
                    tr!(
                        "Sửa thành campaign = {}, hoặc chuyển tệp vào submissions/{}/ nếu báo cáo thuộc đợt đó.",
                        "Write campaign = {}, or move the file to submissions/{}/ if it belongs to that campaign.",
                        quote(folder),
                        key.value.clone()
                    )
                } else {
                    tr!(
                        "Sửa thành campaign = {}: thư mục chứa tệp quyết định đợt đánh giá.",
                        "Write campaign = {}: the file's folder decides its campaign.",
                        quote(folder)
                    )
                }),
        );
    }
    // The folder decides which campaign judges the file; outside the layout,
    // the key does.
    let (id, span) = match (&place.folder, key) {
        (Some(folder), _) => (
            folder.clone(),
            key.map_or_else(|| Span::file(&place.path), |k| k.span.clone()),
        ),
        (None, Some(k)) => (k.value.clone(), k.span.clone()),
        (None, None) => return None,
    };
    if let Some(c) = content.campaigns.get(&id) {
        return Some(c);
    }
    // The campaign exists but its content has errors, reported already: the
    // file is judged once the office fixes them.
    if content.broken_campaigns.contains(&id) {
        return None;
    }
    let known: Vec<&str> = content.campaigns.keys().map(String::as_str).collect();
    let hint = match suggest(&id, known.iter().copied()) {
        Some(s) => tr!(
            "Có phải ý bạn là {}? Các đợt hiện có: {}.",
            "Did you mean {}? The campaigns present: {}.",
            quote(s),
            known.join(", ")
        ),
        None if known.is_empty() => tr!(
            "Chưa có đợt đánh giá nào trong content/campaigns/.",
            "There is no campaign in content/campaigns/ yet."
        ),
        None => tr!(
            "Các đợt hiện có: {}. Thư mục của tệp phải trùng mã đợt.",
            "The campaigns present: {}. The file's folder must be the campaign id.",
            known.join(", ")
        ),
    };
    diags.push(
        Diagnostic::new(
            Code::E024,
            span,
            tr!(
                "không có đợt đánh giá {} trong content/campaigns/",
                "there is no campaign {} in content/campaigns/",
                quote(&id)
            ),
        )
        .hint(hint),
    );
    None
}

/// E020, E022 and E023: the unit is the file's, is known, and takes part.
/// Returns the unit the rest of the file is judged as.
fn rule_unit(
    place: &Placement,
    sub: &Submission,
    campaign: &Campaign,
    content: &Content,
    diags: &mut Diagnostics,
) -> Option<String> {
    let Some(key) = sub.unit.as_ref() else {
        // The missing key is reported; judge the file by its name meanwhile.
        return campaign.participant(&place.stem).map(|p| p.unit.clone());
    };
    if key.value != place.stem {
        diags.push(
            Diagnostic::new(
                Code::E020,
                key.span.clone(),
                tr!(
                    "tệp tên {} nhưng ghi unit = {}",
                    "the file is named {} but says unit = {}",
                    quote(&format!("{}.toml", place.stem)),
                    quote(&key.value)
                ),
            )
            .hint(tr!(
                "Mỗi đơn vị chỉ sửa tệp mang mã của mình: sửa unit = {} hoặc đặt tên tệp là {}.",
                "Each unit edits only the file named after it: write unit = {} or name the file {}.",
                quote(&place.stem),
                quote(&format!("{}.toml", key.value))
            )),
        );
    }
    // Judge by whichever of the two names a unit of the campaign, the file's
    // name first: that is the file the gate lets its owners edit.
    let unit = [&place.stem, &key.value]
        .into_iter()
        .find(|u| campaign.participant(u).is_some())
        .cloned();
    if unit.is_some() {
        return unit;
    }
    if content.unit(&key.value).is_none() {
        let hint = match suggest(&key.value, content.units.iter().map(|u| u.id.as_str())) {
            Some(s) => tr!(
                "Có phải ý bạn là {}? Mã đơn vị có trong content/units.toml.",
                "Did you mean {}? Unit ids are in content/units.toml.",
                quote(s)
            ),
            None => tr!(
                "Mã đơn vị có trong content/units.toml; dùng `cchc new <mã>` để tạo tệp đúng.",
                "Unit ids are in content/units.toml; `cchc new <id>` writes a correct file."
            ),
        };
        diags.push(
            Diagnostic::new(
                Code::E022,
                key.span.clone(),
                tr!(
                    "không có đơn vị {}",
                    "there is no unit {}",
                    quote(&key.value)
                ),
            )
            .hint(hint),
        );
    } else {
        let successor = content
            .unit(&key.value)
            .and_then(|u| u.successor.as_deref())
            .filter(|s| campaign.participant(s).is_some());
        let hint = match successor {
            Some(s) => tr!(
                "Đơn vị này đã sáp nhập hoặc đổi tên; đơn vị kế thừa {} nộp báo cáo cho đợt này.",
                "This unit was merged or renamed; its successor {} reports in this campaign.",
                quote(s)
            ),
            None => tr!(
                "Chỉ các đơn vị có [[participant]] trong {} mới nộp báo cáo cho đợt này.",
                "Only units with a [[participant]] in {} report in this campaign.",
                campaign.path.to_string()
            ),
        };
        diags.push(
            Diagnostic::new(
                Code::E023,
                key.span.clone(),
                tr!(
                    "đơn vị {} không tham gia đợt {}",
                    "unit {} does not take part in campaign {}",
                    quote(&key.value),
                    quote(&campaign.id)
                ),
            )
            .hint(hint),
        );
    }
    None
}

/// E025: the office must be able to reach whoever prepared the report.
fn rule_contact(p: &crate::raw::submission::PreparedBy, diags: &mut Diagnostics) {
    if p.phone.is_some() || p.email.is_some() {
        return;
    }
    diags.push(
        Diagnostic::new(
            Code::E025,
            p.span.clone(),
            tr!(
                "chưa có số điện thoại hoặc thư điện tử của người lập báo cáo",
                "no phone or e-mail for whoever prepared the report"
            ),
        )
        .hint(tr!(
            "Điền phone = \"…\" hoặc email = \"…\" trong [prepared_by] để Sở Nội vụ liên hệ khi cần làm rõ.",
            "Fill in phone = \"…\" or email = \"…\" in [prepared_by] so the office can ask questions."
        )),
    );
}

// ---- scores ----

fn check_scores(
    sub: &Submission,
    campaign: &Campaign,
    participant: &Participant,
    anchor: &Span,
    now: Timestamp,
    diags: &mut Diagnostics,
) {
    let mut seen: BTreeMap<usize, &Span> = BTreeMap::new();
    let today = campaign.time_zone.to_datetime(now).date();
    let last_day = campaign
        .deadline_local_for(&participant.unit)
        .checked_sub(jiff::SignedDuration::from_nanos(1))
        .map_or(campaign.cutoff, jiff::civil::DateTime::date);
    for entry in &sub.scores {
        let Some((index, row)) = rule_known_row(entry, campaign, participant, diags) else {
            continue;
        };
        if let Some(first) = seen.get(&index) {
            diags.push(rule_scored_twice(entry, first));
            continue;
        }
        seen.insert(index, &entry.span);
        check_value(entry, row, diags);
        for e in &entry.evidence {
            rule_evidence_date(e, campaign.cutoff, last_day, today, diags);
            rule_evidence_link(e, diags);
        }
    }
    if !sub.scores_dropped {
        rule_rows_missing(participant, campaign, &seen, anchor, diags);
    }
}

/// E030, E031 and E034: the row exists, is self-assessed and is the unit's.
fn rule_known_row<'c>(
    entry: &ScoreEntry,
    campaign: &'c Campaign,
    participant: &Participant,
    diags: &mut Diagnostics,
) -> Option<(usize, &'c Row)> {
    let set = &campaign.criteria;
    let id = &entry.criterion;
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
                "Xoá khối [[score]] này; điểm của tiêu chí do Bộ Nội vụ xác định.",
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
                        "Tiêu chí này do {} chấm; xoá khối [[score]] này.",
                        "This row is scored by {}; remove this [[score]] block.",
                        quote(&o)
                    ),
                    None => tr!(
                        "Xoá khối [[score]] này; chỉ chấm các tiêu chí của phụ lục được giao.",
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

/// E032: one score per row.
fn rule_scored_twice(entry: &ScoreEntry, first: &Span) -> Diagnostic {
    Diagnostic::new(
        Code::E032,
        entry.criterion.span.clone(),
        tr!(
            "tiêu chí {} đã được chấm ở một khối [[score]] trước",
            "criterion {} is already scored in an earlier [[score]] block",
            quote(&entry.criterion.value)
        ),
    )
    .related(first.clone(), tr!("lần chấm đầu tiên", "first scored here"))
    .hint(tr!(
        "Giữ một khối [[score]] cho mỗi tiêu chí: gộp tài liệu kiểm chứng vào khối đầu và xoá khối thừa.",
        "Keep one [[score]] block per criterion: move its evidence into the first and remove the other."
    ))
}

/// The rules on the value of one score: E035–E043.
fn check_value(entry: &ScoreEntry, row: &Row, diags: &mut Diagnostics) {
    let na = entry.not_applicable.as_ref().filter(|b| b.value);
    match (&entry.score, na) {
        (Some(score), Some(na)) => diags.push(rule_score_and_not_applicable(score, na)),
        (None, Some(na)) => rule_not_applicable_reason(entry, na, diags),
        // A score written with a wrong type is reported already.
        (None, None) if entry.score_written => {}
        (None, None) => diags.push(rule_blank(entry, row)),
        // A row whose maximum is in error cannot judge a score.
        (Some(_), None) if !row.max_known => {}
        (Some(score), None) => {
            if let Some(points) = rule_score_in_range(score, row, diags) {
                if points > Points::ZERO {
                    rule_evidence_given(entry, diags);
                }
                rule_explained(entry, diags);
            }
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
        "Nếu tiêu chí áp dụng với đơn vị, xoá not_applicable; nếu không, xoá score và ghi reason.",
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

/// E035–E038: a finite number from 0 to the maximum, on the step.
fn rule_score_in_range(score: &Sp<f64>, row: &Row, diags: &mut Diagnostics) -> Option<Points> {
    let x = score.value;
    let fail =
        |code, msg: Text, hint: Text| Diagnostic::new(code, score.span.clone(), msg).hint(hint);
    if !x.is_finite() {
        diags.push(fail(
            Code::E035,
            tr!(
                "điểm tự đánh giá phải là một số hữu hạn",
                "a self-score must be a finite number"
            ),
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
            tr!(
                "Điểm tự đánh giá: {}; tiêu chí không đạt thì ghi 0 và giải thích.",
                "Self-scores: {}; a row not achieved scores 0, with an explanation.",
                row.allowed_scores()
            ),
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

/// W050 and E051: evidence after the cut-off is suspect; after the deadline
/// or today it is impossible.
fn rule_evidence_date(
    e: &Evidence,
    cutoff: Date,
    last_day: Date,
    today: Date,
    diags: &mut Diagnostics,
) {
    let Some(date) = &e.date else {
        return;
    };
    let future = if today < last_day && date.value > today {
        Some(tr!(
            "tài liệu đề ngày {}, sau ngày hôm nay ({})",
            "the document is dated {}, after today ({})",
            date.value,
            today
        ))
    } else if date.value > last_day {
        Some(tr!(
            "tài liệu đề ngày {}, sau ngày cuối cùng được gửi báo cáo ({})",
            "the document is dated {}, after the last day to send the report ({})",
            date.value,
            last_day
        ))
    } else {
        None
    };
    if let Some(message) = future {
        diags.push(
            Diagnostic::new(Code::E051, date.span.clone(), message)
            .hint(tr!(
                "Kiểm tra lại ngày của văn bản (thường là gõ nhầm năm hoặc tháng); văn bản chưa ban hành không thể làm tài liệu kiểm chứng.",
                "Check the document's date (often a mistyped year or month); a document not yet issued cannot be evidence."
            )),
        );
    } else if date.value > cutoff {
        diags.push(
            Diagnostic::new(
                Code::W050,
                date.span.clone(),
                tr!(
                    "tài liệu đề ngày {}, sau ngày chốt số liệu {}",
                    "the document is dated {}, after the data cut-off {}",
                    date.value,
                    cutoff
                ),
            )
            .hint(tr!(
                "Số liệu tính đến ngày chốt; kết quả sau ngày đó có thể không được tính ở đợt này. Giữ lại nếu đúng, và nêu rõ trong giải thích.",
                "Figures count up to the cut-off; results after it may not count in this campaign. Keep it if right, and say so in the explanation."
            )),
        );
    }
}

/// E052 and E053: links open in a browser: http or https, well formed.
fn rule_evidence_link(e: &Evidence, diags: &mut Diagnostics) {
    let Some(link) = &e.url else {
        return;
    };
    match url::Url::parse(&link.value) {
        Ok(u) if matches!(u.scheme(), "http" | "https") => {
            // The parser repairs "http:///x" and "https:/host" into links
            // with a host; as written, they have none.
            let lower = link.value.to_ascii_lowercase();
            let written = lower
                .strip_prefix("https://")
                .or_else(|| lower.strip_prefix("http://"));
            let has_host = written.is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'));
            if !has_host || u.host_str().is_none_or(str::is_empty) {
                diags.push(malformed_link(link));
            }
        }
        Ok(u) => diags.push(
            Diagnostic::new(
                Code::E052,
                link.span.clone(),
                if u.scheme().len() == 1 || u.scheme() == "file" {
                    tr!(
                        "đây là đường dẫn tệp trên máy tính, người khác không mở được",
                        "this is a path to a file on a computer, which nobody else can open"
                    )
                } else {
                    tr!(
                        "đường dẫn dùng giao thức {}, không phải http hoặc https",
                        "the link uses the {} scheme, not http or https",
                        quote(u.scheme())
                    )
                },
            )
            .hint(tr!(
                "Chỉ dẫn đến trang web công khai bắt đầu bằng https:// (hoặc http://); không dùng đường dẫn tệp trên máy hay mã lệnh.",
                "Link only to public web pages starting with https:// (or http://); no file paths or script links."
            )),
        ),
        Err(_) => diags.push(malformed_link(link)),
    }
}

fn malformed_link(link: &Sp<String>) -> Diagnostic {
    Diagnostic::new(
        Code::E053,
        link.span.clone(),
        tr!(
            "đường dẫn {} không hợp lệ",
            "the link {} is malformed",
            quote(&link.value)
        ),
    )
    .hint(tr!(
        "Sao chép nguyên địa chỉ từ thanh địa chỉ của trình duyệt, ví dụ https://hungyen.gov.vn/….",
        "Copy the whole address from the browser's address bar, e.g. https://example.gov.vn/…."
    ))
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

// ---- tasks ----

fn check_tasks(
    sub: &Submission,
    campaign: &Campaign,
    unit: &str,
    anchor: &Span,
    diags: &mut Diagnostics,
) {
    let mut seen: BTreeMap<&str, &Span> = BTreeMap::new();
    for report in &sub.tasks {
        let Some(task) = rule_known_task(report, campaign, unit, diags) else {
            continue;
        };
        if let Some(first) = seen.get(task.id.as_str()) {
            diags.push(rule_task_twice(report, first));
            continue;
        }
        seen.insert(&task.id, &report.span);
        rule_task_status(report, diags);
        rule_progress(report, diags);
        rule_behind_schedule_explained(report, task.due, campaign.cutoff, diags);
    }
    if !sub.tasks_dropped {
        rule_tasks_missing(campaign, unit, &seen, anchor, diags);
    }
}

/// E060 and E061: the task is in the plan and led by this unit.
fn rule_known_task<'c>(
    report: &TaskReport,
    campaign: &'c Campaign,
    unit: &str,
    diags: &mut Diagnostics,
) -> Option<&'c crate::model::Task> {
    let own: Vec<&str> = campaign.tasks_of(unit).map(|t| t.id.as_str()).collect();
    match campaign.task(&report.id.value) {
        None => {
            let hint = match suggest(&report.id.value, own.iter().copied()) {
                Some(s) => tr!(
                    "Có phải ý bạn là {}? Nhiệm vụ của đơn vị: {}.",
                    "Did you mean {}? The unit's tasks: {}.",
                    quote(s),
                    own.join(", ")
                ),
                None if own.is_empty() => tr!(
                    "Kế hoạch không giao nhiệm vụ nào cho đơn vị này; xoá khối [[task]] này.",
                    "The plan gives this unit no task; remove this [[task]] block."
                ),
                None => tr!(
                    "Nhiệm vụ của đơn vị: {}.",
                    "The unit's tasks: {}.",
                    own.join(", ")
                ),
            };
            diags.push(
                Diagnostic::new(
                    Code::E060,
                    report.id.span.clone(),
                    tr!(
                        "không có nhiệm vụ {} trong kế hoạch",
                        "there is no task {} in the plan",
                        quote(&report.id.value)
                    ),
                )
                .hint(hint),
            );
            None
        }
        Some(t) if t.lead != unit => {
            diags.push(
                Diagnostic::new(
                    Code::E061,
                    report.id.span.clone(),
                    tr!(
                        "nhiệm vụ {} do {} chủ trì, không phải đơn vị này",
                        "task {} is led by {}, not by this unit",
                        quote(&t.id),
                        quote(&t.lead)
                    ),
                )
                .hint(tr!(
                    "Mỗi đơn vị chỉ báo cáo nhiệm vụ mình chủ trì; xoá khối [[task]] này. Nhiệm vụ của đơn vị: {}.",
                    "Each unit reports only the tasks it leads; remove this [[task]] block. The unit's tasks: {}.",
                    own.join(", ")
                )),
            );
            None
        }
        Some(t) => Some(t),
    }
}

/// E064: one report per task.
fn rule_task_twice(report: &TaskReport, first: &Span) -> Diagnostic {
    Diagnostic::new(
        Code::E064,
        report.id.span.clone(),
        tr!(
            "nhiệm vụ {} đã được báo cáo ở một khối [[task]] trước",
            "task {} is already reported in an earlier [[task]] block",
            quote(&report.id.value)
        ),
    )
    .related(first.clone(), tr!("báo cáo lần đầu", "first reported here"))
    .hint(tr!(
        "Giữ một khối [[task]] cho mỗi nhiệm vụ và xoá khối thừa.",
        "Keep one [[task]] block per task and remove the other."
    ))
}

/// E065: a status, and for work under way a percentage or a note.
fn rule_task_status(report: &TaskReport, diags: &mut Diagnostics) {
    match report.status.as_ref().map(|s| s.value) {
        // A status written with a value not allowed is reported already.
        None if report.status_written => {}
        None => diags.push(
            Diagnostic::new(
                Code::E065,
                report.id.span.clone(),
                tr!(
                    "nhiệm vụ {} chưa có tình trạng",
                    "task {} has no status",
                    quote(&report.id.value)
                ),
            )
            .hint(tr!(
                "Thêm status = \"done\" (hoàn thành), \"in_progress\" (đang thực hiện), \"not_started\" (chưa thực hiện) hoặc \"at_risk\" (dự báo khó hoàn thành).",
                "Add status = \"done\", \"in_progress\", \"not_started\" or \"at_risk\" (forecast hard to finish)."
            )),
        ),
        Some("in_progress" | "at_risk") if report.progress.is_none() && report.note.is_none() => {
            diags.push(
                Diagnostic::new(
                    Code::E065,
                    report.status.as_ref().map_or(report.id.span.clone(), |s| s.span.clone()),
                    tr!(
                        "nhiệm vụ {} đang thực hiện nhưng chưa có tỷ lệ hoàn thành hay ghi chú kết quả",
                        "task {} is under way but has neither a progress percentage nor a note",
                        quote(&report.id.value)
                    ),
                )
                .hint(tr!(
                    "Thêm progress = … (phần trăm đã hoàn thành) hoặc note = \"…\" (kết quả đến nay).",
                    "Add progress = … (percent done) or note = \"…\" (results so far)."
                )),
            );
        }
        Some(_) => {}
    }
}

/// E066 and W067: a percentage from 0 to 100 that fits the status.
fn rule_progress(report: &TaskReport, diags: &mut Diagnostics) {
    let Some(p) = &report.progress else {
        return;
    };
    if !(0.0..=100.0).contains(&p.value) {
        diags.push(
            Diagnostic::new(
                Code::E066,
                p.span.clone(),
                tr!(
                    "tỷ lệ hoàn thành phải từ 0 đến 100",
                    "progress must be between 0 and 100"
                ),
            )
            .hint(tr!(
                "Ghi phần trăm đã hoàn thành, từ 0 đến 100, không kèm dấu %.",
                "Write the percentage done, 0 to 100, without a % sign."
            )),
        );
        return;
    }
    let status = report.status.as_ref().map(|s| s.value);
    let mismatch = match status {
        Some("done") => p.value < 100.0,
        Some("not_started") => p.value > 0.0,
        Some("in_progress" | "at_risk") => p.value >= 100.0,
        _ => false,
    };
    if mismatch {
        diags.push(
            Diagnostic::new(
                Code::W067,
                p.span.clone(),
                tr!(
                    "tỷ lệ {}% không khớp tình trạng {}",
                    "{}% does not match the status {}",
                    p.value,
                    quote(status.unwrap_or_default())
                ),
            )
            .hint(tr!(
                "Hoàn thành là 100%, chưa thực hiện là 0%, đang thực hiện ở giữa; sửa một trong hai cho khớp.",
                "Done is 100%, not started 0%, under way in between; correct one of the two."
            )),
        );
    }
}

/// E063: a task behind schedule says what went wrong, why, and the fix.
/// Behind schedule: forecast hard to finish, not started, or not done although
/// due by the cut-off. A task under way and not yet due needs none of this.
fn rule_behind_schedule_explained(
    report: &TaskReport,
    due: Date,
    cutoff: Date,
    diags: &mut Diagnostics,
) {
    let Some(status) = &report.status else {
        return;
    };
    let behind = match status.value {
        "done" => false,
        "at_risk" => true,
        _ => due <= cutoff,
    };
    if !behind {
        return;
    }
    let missing: Vec<(&str, &str)> = [
        (
            "shortcomings",
            "tồn tại, hạn chế",
            report.shortcomings.is_none(),
        ),
        ("causes", "nguyên nhân", report.causes.is_none()),
        ("remedy", "giải pháp", report.remedy.is_none()),
    ]
    .into_iter()
    .filter(|(_, _, absent)| *absent)
    .map(|(key, vi, _)| (key, vi))
    .collect();
    let list_vi: Vec<String> = missing
        .iter()
        .map(|(k, vi)| format!("{vi} ({k})"))
        .collect();
    let list_en: Vec<&str> = missing.iter().map(|(k, _)| *k).collect();
    if missing.is_empty() {
        return;
    }
    diags.push(
        Diagnostic::new(
            Code::E063,
            status.span.clone(),
            Text::new(
                format!(
                    "nhiệm vụ {} chậm tiến độ (hạn {}) nhưng thiếu: {}",
                    quote(&report.id.value),
                    due.in_lang(Lang::Vi),
                    list_vi.join(", ")
                ),
                format!(
                    "task {} is behind schedule (due {}) but lacks: {}",
                    quote(&report.id.value),
                    due.in_lang(Lang::En),
                    list_en.join(", ")
                ),
            ),
        )
        .hint(tr!(
            "Công văn yêu cầu nêu rõ tồn tại, hạn chế (shortcomings), nguyên nhân (causes) và giải pháp khắc phục (remedy) cho nhiệm vụ chưa hoàn thành hoặc dự báo khó hoàn thành.",
            "The letter asks, for every task not done or forecast hard to finish, its shortcomings, causes and remedy."
        )),
    );
}

/// E062: every task the unit leads is reported.
fn rule_tasks_missing(
    campaign: &Campaign,
    unit: &str,
    seen: &BTreeMap<&str, &Span>,
    anchor: &Span,
    diags: &mut Diagnostics,
) {
    let missing: Vec<&str> = campaign
        .tasks_of(unit)
        .filter(|t| !seen.contains_key(t.id.as_str()))
        .map(|t| t.id.as_str())
        .collect();
    if missing.is_empty() {
        return;
    }
    diags.push(
        Diagnostic::new(
            Code::E062,
            anchor.clone(),
            tr!(
                "chưa báo cáo {} nhiệm vụ do đơn vị chủ trì: {}",
                "{} task(s) the unit leads are not reported: {}",
                missing.len(),
                missing.join(", ")
            ),
        )
        .hint(tr!(
            "Thêm một khối [[task]] cho mỗi nhiệm vụ còn thiếu, với status và progress.",
            "Add a [[task]] block for each missing task, with status and progress."
        )),
    );
}
