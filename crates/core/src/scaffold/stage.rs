//! `cchc new UNIT --stage …`: the file of a stage after the self-assessment,
//! pre-filled from the stage before it — an appraisal with the unit's
//! self-scores, explanations with the appraisers' requests, final scores
//! with the appraised ones — every key explained in a comment.

use std::fmt::Write as _;

use super::{doc, heading, illustrative_notice, line, one_line, rule, vi};
use crate::checked::{Accepted, AppraisedRow, CheckedStageFile, StageRows};
use crate::model::{Appraiser, Campaign, Content, Stage};
use crate::raw::cycle::{ANSWER, ANSWER_EVIDENCE, APPRAISED_SCORE, FINAL_SCORE};
use crate::schema::stage_schema_path;
use crate::text::{Deadline, Text, ZoneName, quote};
use crate::tr;

/// What a stage's file is pre-filled from: the unit's report and the
/// campaign's stage files, as checked.
#[derive(Debug, Clone, Copy)]
pub struct StageSources<'a> {
    /// The unit's report, when it has one.
    pub report: Option<&'a Accepted>,
    /// The campaign's stage files.
    pub stage_files: &'a [CheckedStageFile],
}

/// Writes the file of `stage` about `unit` (by `appraiser`, for an
/// appraisal or final scores). Returns its repository path and its text.
///
/// # Errors
/// When the campaign has no such stage, the unit takes no part, or the
/// appraiser is not one of the unit's.
pub fn scaffold_stage(
    content: &Content,
    campaign: &Campaign,
    unit: &str,
    stage: Stage,
    appraiser: Option<&str>,
    from: StageSources<'_>,
) -> Result<(String, String), Text> {
    let Some(participant) = campaign.participant(unit) else {
        return Err(tr!(
            "đơn vị {} không tham gia đợt {}",
            "unit {} does not take part in campaign {}",
            quote(unit),
            quote(&campaign.id)
        ));
    };
    let Some(window) = campaign.window(stage, unit) else {
        return Err(tr!(
            "đợt {} không có giai đoạn {} (campaign.toml)",
            "campaign {} has no {} stage (campaign.toml)",
            quote(&campaign.id),
            stage.name()
        ));
    };
    let appraiser = match stage {
        Stage::Explanation => None,
        Stage::Appraisal | Stage::Final => Some(pick_appraiser(campaign, unit, appraiser)?),
    };
    let name = content.unit(unit).map_or(unit, |u| u.name.as_str());
    let set = &campaign.criteria;
    let path = match &appraiser {
        Some(a) => format!(
            "submissions/{}/{}/{}/{unit}.toml",
            campaign.id,
            stage.folder(),
            a.id()
        ),
        None => format!("submissions/{}/{}/{unit}.toml", campaign.id, stage.folder()),
    };
    let mut out = String::new();
    // The schema from the file's folder: two levels below the campaign's
    // folder for an appraiser's files, one for explanations.
    let up = if appraiser.is_some() {
        "../../../../"
    } else {
        "../../../"
    };
    let _ = writeln!(out, "#:schema {up}{}", stage_schema_path(stage));
    let title = match stage {
        Stage::Appraisal => "KẾT QUẢ THẨM ĐỊNH BÁO CÁO TỰ ĐÁNH GIÁ CCHC",
        Stage::Explanation => "GIẢI TRÌNH THEO YÊU CẦU CỦA BÊN THẨM ĐỊNH",
        Stage::Final => "ĐIỂM CUỐI CÙNG SAU GIẢI TRÌNH",
    };
    heading(&mut out, title, (name, unit), participant, campaign);
    let _ = writeln!(
        out,
        "# Hạn {}: {} ({}).",
        stage.name().vi,
        vi(&Deadline(window.closes_local)),
        vi(&ZoneName(&campaign.time_zone_name))
    );
    illustrative_notice(&mut out, campaign);
    let _ = writeln!(out, "# Kiểm tra: cchc validate {path}");
    out.push('\n');
    line(
        &mut out,
        &format!("campaign = \"{}\"", campaign.id),
        "Mã đợt đánh giá — không sửa",
    );
    line(
        &mut out,
        &format!("unit = \"{unit}\""),
        "Mã đơn vị — không sửa",
    );
    if let Some(a) = &appraiser {
        line(
            &mut out,
            &format!("appraiser = \"{}\"", a.id()),
            "Bên thẩm định — không sửa",
        );
    }
    let claimed = |row: usize| {
        from.report
            .and_then(|r| r.scores.iter().find(|s| s.row == row))
    };
    let appraisals = appraisals_of(from.stage_files, &campaign.id, unit);
    match stage {
        Stage::Appraisal => {
            let a = appraiser.as_ref();
            let rows: Vec<usize> = participant
                .rows
                .iter()
                .copied()
                .filter(|&r| campaign.appraiser_of(r, unit).as_ref() == a)
                .collect();
            rule(
                &mut out,
                &format!("ĐIỂM THẨM ĐỊNH ({} tiêu chí)", rows.len()),
            );
            let _ = writeln!(
                out,
                "# Mỗi khối ghi sẵn điểm tự đánh giá của đơn vị. Sửa score nếu kết quả thẩm định khác, khi đó ghi reason;\n# cần đơn vị giải trình thì bỏ # ở request và request_text."
            );
            for r in rows {
                let Some(row) = set.rows.get(r) else { continue };
                row_heading(&mut out, row);
                let c = claimed(r);
                let block = if c.is_some_and(|c| c.not_applicable) {
                    let _ = writeln!(
                        out,
                        "# Đơn vị ghi không áp dụng. Đồng ý thì để nguyên các dòng có # dưới đây; không đồng ý thì bỏ # và chấm."
                    );
                    "# "
                } else {
                    ""
                };
                if let Some(e) = c.and_then(|c| c.explanation.as_deref()) {
                    let _ = writeln!(out, "# Giải thích của đơn vị: {}", one_line(e));
                }
                let _ = writeln!(out, "{block}[[score]]");
                line(
                    &mut out,
                    &format!("{block}criterion = \"{}\"", row.id),
                    doc(&APPRAISED_SCORE, "criterion"),
                );
                match c.and_then(|c| c.points) {
                    Some(p) => line(
                        &mut out,
                        &format!("{block}score = {p}"),
                        "Điểm tự đánh giá của đơn vị; sửa nếu thẩm định khác",
                    ),
                    None => line(&mut out, "# score =", doc(&APPRAISED_SCORE, "score")),
                }
                line(&mut out, "# reason = \"\"", doc(&APPRAISED_SCORE, "reason"));
                line(
                    &mut out,
                    "# request = \"missing_evidence\"",
                    "Yêu cầu giải trình: missing_evidence, figure_mismatch, out_of_period, other",
                );
                line(
                    &mut out,
                    "# request_text = \"\"",
                    doc(&APPRAISED_SCORE, "request_text"),
                );
            }
        }
        Stage::Explanation => {
            let asked: Vec<&AppraisedRow> = appraisals
                .iter()
                .flat_map(|(_, rows)| rows.iter())
                .filter(|r| r.request.is_some())
                .collect();
            rule(
                &mut out,
                &format!("GIẢI TRÌNH ({} tiêu chí được yêu cầu)", asked.len()),
            );
            if asked.is_empty() {
                let _ = writeln!(out, "# Đơn vị chưa được yêu cầu giải trình tiêu chí nào.");
            }
            for a in asked {
                let Some(row) = set.rows.get(a.row) else {
                    continue;
                };
                row_heading(&mut out, row);
                if let Some(req) = &a.request {
                    let _ = writeln!(out, "# Yêu cầu: {}", one_line(&req.text));
                }
                if let Some(reason) = &a.reason {
                    let _ = writeln!(out, "# Lý do của bên thẩm định: {}", one_line(reason));
                }
                out.push_str("[[answer]]\n");
                line(
                    &mut out,
                    &format!("criterion = \"{}\"", row.id),
                    doc(&ANSWER, "criterion"),
                );
                line(&mut out, "text = \"\"", doc(&ANSWER, "text"));
                line(
                    &mut out,
                    "# [[answer.evidence]]",
                    "Tài liệu bổ sung: bỏ # ở 5 dòng này; lặp lại khối cho mỗi văn bản",
                );
                line(&mut out, "# number = \"\"", doc(&ANSWER_EVIDENCE, "number"));
                line(
                    &mut out,
                    "# date = YYYY-MM-DD",
                    doc(&ANSWER_EVIDENCE, "date"),
                );
                line(&mut out, "# title = \"\"", doc(&ANSWER_EVIDENCE, "title"));
                line(
                    &mut out,
                    "# url = \"https://\"",
                    doc(&ANSWER_EVIDENCE, "url"),
                );
            }
        }
        Stage::Final => {
            let id = appraiser.as_ref().map(Appraiser::id);
            let rows: Vec<&AppraisedRow> = appraisals
                .iter()
                .filter(|(a, _)| Some(*a) == id)
                .flat_map(|(_, rows)| rows.iter())
                .collect();
            rule(
                &mut out,
                &format!("ĐIỂM CUỐI CÙNG ({} tiêu chí)", rows.len()),
            );
            if rows.is_empty() {
                let _ = writeln!(
                    out,
                    "# Chưa có kết quả thẩm định của bên thẩm định này cho đơn vị."
                );
            }
            for a in rows {
                let Some(row) = set.rows.get(a.row) else {
                    continue;
                };
                row_heading(&mut out, row);
                out.push_str("[[score]]\n");
                line(
                    &mut out,
                    &format!("criterion = \"{}\"", row.id),
                    doc(&FINAL_SCORE, "criterion"),
                );
                match a.points {
                    Some(p) => line(
                        &mut out,
                        &format!("score = {p}"),
                        "Điểm thẩm định; sửa nếu sau giải trình điểm khác",
                    ),
                    None => line(&mut out, "# score =", doc(&FINAL_SCORE, "score")),
                }
                line(&mut out, "# note = \"\"", doc(&FINAL_SCORE, "note"));
            }
        }
    }
    Ok((path, out))
}

/// The appraiser of the unit's rows: the one asked for, which must appraise
/// some of them, or the only one that does.
fn pick_appraiser(campaign: &Campaign, unit: &str, asked: Option<&str>) -> Result<Appraiser, Text> {
    let mut theirs: Vec<Appraiser> = campaign
        .participant(unit)
        .map(|p| {
            p.rows
                .iter()
                .filter_map(|&r| campaign.appraiser_of(r, unit))
                .collect()
        })
        .unwrap_or_default();
    theirs.sort();
    theirs.dedup();
    let names: Vec<String> = theirs.iter().map(|a| a.id().to_owned()).collect();
    match asked {
        Some(a) if names.iter().any(|n| n == a) => Ok(Appraiser::parse(a)),
        None if theirs.len() == 1 => Ok(theirs.remove(0)),
        _ => Err(tr!(
            "chọn bên thẩm định bằng --appraiser: các tiêu chí của đơn vị {} do {} thẩm định",
            "choose the appraiser with --appraiser: unit {}'s rows are appraised by {}",
            quote(unit),
            names.join(", ")
        )),
    }
}

/// The appraisals of `unit`, by appraiser id.
fn appraisals_of<'a>(
    files: &'a [CheckedStageFile],
    campaign: &str,
    unit: &str,
) -> Vec<(&'a str, &'a [AppraisedRow])> {
    files
        .iter()
        .filter(|f| f.place.campaign == campaign && f.place.unit == unit)
        .filter_map(|f| match (&f.rows, &f.place.appraiser) {
            (Some(StageRows::Appraisal(rows)), Some(a)) => Some((a.as_str(), rows.as_slice())),
            _ => None,
        })
        .collect()
}

/// A row's id, name and maximum, above its block.
fn row_heading(out: &mut String, row: &crate::model::Row) {
    let _ = writeln!(
        out,
        "\n# {} {} — tối đa {} điểm",
        row.id,
        row.name,
        vi(&row.max)
    );
}
