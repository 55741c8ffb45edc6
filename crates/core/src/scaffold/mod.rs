//! `cchc new UNIT`: a unit's submission file, pre-filled with its tasks and
//! the rows of its appendix, every key explained in a Vietnamese comment
//! taken from the submission's shape. Blanks are left for the clerk: an
//! empty text, or a commented-out line to complete.

mod stage;

use std::fmt::Write as _;

pub use stage::{StageSources, scaffold_stage};

use crate::model::{Campaign, Content, Level, Participant, Scoring};
use crate::raw::submission::{EVIDENCE, FILE, PREPARED_BY, SCORE, TASK};
use crate::schema::SCHEMA_PATH;
use crate::text::{Deadline, Lang, Localized, Text, ZoneName, quote};
use crate::toml_read::spec::TableSpec;
use crate::tr;

/// Column where trailing comments start, so they line up.
const COMMENT_COLUMN: usize = 30;

fn doc(spec: &TableSpec, key: &str) -> &'static str {
    spec.field(key).map_or("", |f| f.doc.vi)
}

/// Appends `code`, then the key's documentation as a comment.
fn line(out: &mut String, code: &str, comment: &str) {
    let pad = COMMENT_COLUMN.saturating_sub(code.chars().count()).max(1);
    let _ = writeln!(out, "{code}{}# {comment}", " ".repeat(pad));
}

fn rule(out: &mut String, title: &str) {
    let _ = writeln!(out, "\n# ═══ {title} ═══");
}

/// The date or time as the clerk reads it.
fn vi(x: &impl Localized) -> String {
    x.in_lang(Lang::Vi)
}

/// Writes the scaffold of `unit` for `campaign`.
pub fn scaffold(content: &Content, campaign: &Campaign, unit: &str) -> Result<String, Text> {
    let Some(participant) = campaign.participant(unit) else {
        let known: Vec<&str> = campaign
            .participants
            .iter()
            .map(|p| p.unit.as_str())
            .collect();
        return Err(tr!(
            "đơn vị {} không tham gia đợt {}; các đơn vị tham gia: {}",
            "unit {} does not take part in campaign {}; the units taking part: {}",
            quote(unit),
            quote(&campaign.id),
            known.join(", ")
        ));
    };
    let name = content.unit(unit).map_or(unit, |u| u.name.as_str());
    let set = &campaign.criteria;
    let mut out = String::new();
    let _ = writeln!(out, "#:schema ../../{SCHEMA_PATH}");
    heading(
        &mut out,
        "BÁO CÁO TỰ ĐÁNH GIÁ CẢI CÁCH HÀNH CHÍNH",
        (name, unit),
        participant,
        campaign,
    );
    let _ = writeln!(
        out,
        "# Căn cứ: {} số {}",
        campaign.plan.title, campaign.plan.number
    );
    let _ = writeln!(
        out,
        "# Số liệu tính đến ngày {}. Hạn gửi: {} ({}).",
        vi(&campaign.cutoff),
        vi(&Deadline(campaign.deadline_local_for(unit))),
        vi(&ZoneName(&campaign.time_zone_name))
    );
    illustrative_notice(&mut out, campaign);
    let _ = writeln!(out, "#");
    let _ = writeln!(
        out,
        "# Cách điền: dòng bắt đầu bằng # là chú thích. Điền vào giữa ngoặc kép \"…\";"
    );
    let _ = writeln!(
        out,
        "# với dòng `# score =`, `# status =`… bỏ dấu # ở đầu rồi ghi giá trị. Số dùng dấu chấm"
    );
    let _ = writeln!(
        out,
        "# thập phân (0.75), ngày viết năm-tháng-ngày không ngoặc kép (2023-03-20)."
    );
    let _ = writeln!(
        out,
        "# Kiểm tra: cchc validate submissions/{}/{unit}.toml",
        campaign.id
    );

    out.push('\n');
    line(
        &mut out,
        &format!("campaign = \"{}\"", campaign.id),
        doc(&FILE, "campaign"),
    );
    line(&mut out, &format!("unit = \"{unit}\""), doc(&FILE, "unit"));

    rule(&mut out, "NGƯỜI LẬP BÁO CÁO");
    out.push_str("[prepared_by]\n");
    for key in ["name", "position", "phone", "email"] {
        line(&mut out, &format!("{key} = \"\""), doc(&PREPARED_BY, key));
    }

    let tasks: Vec<_> = campaign.tasks_of(unit).collect();
    rule(
        &mut out,
        &format!("1–2. TIẾN ĐỘ NHIỆM VỤ ĐƯỢC GIAO ({} nhiệm vụ)", tasks.len()),
    );
    if tasks.is_empty() {
        let _ = writeln!(out, "# Kế hoạch không giao nhiệm vụ nào cho đơn vị.");
    }
    for t in tasks {
        let behind = t.due <= campaign.cutoff;
        let _ = writeln!(out, "\n# {}: {} (hạn {})", t.id, t.title, vi(&t.due));
        if let Some(o) = &t.output {
            let _ = writeln!(out, "# Sản phẩm: {}", one_line(o));
        }
        if behind {
            let _ = writeln!(
                out,
                "# Nhiệm vụ đến hạn trước ngày chốt số liệu: nếu chưa hoàn thành, bắt buộc nêu tồn tại, nguyên nhân, giải pháp."
            );
        }
        out.push_str("[[task]]\n");
        line(&mut out, &format!("id = \"{}\"", t.id), doc(&TASK, "id"));
        line(&mut out, "# status =", doc(&TASK, "status"));
        line(&mut out, "# progress =", doc(&TASK, "progress"));
        for key in ["note", "shortcomings", "causes", "remedy"] {
            line(&mut out, &format!("{key} = \"\""), doc(&TASK, key));
        }
    }

    rule(
        &mut out,
        &format!(
            "3. ĐIỂM TỰ ĐÁNH GIÁ — PHỤ LỤC {} ({} tiêu chí)",
            participant.appendix,
            participant.rows.len()
        ),
    );
    let mut area_shown = None;
    let mut criterion_shown = None;
    for &i in &participant.rows {
        let Some(row) = set.rows.get(i) else { continue };
        let area = set.area_of(i);
        if area != area_shown {
            if let Some(a) = area.and_then(|a| set.rows.get(a)) {
                let _ = writeln!(out, "\n# ── Lĩnh vực {}: {} ──", a.id, a.name);
            }
            area_shown = area;
        }
        let criterion = row
            .parent
            .filter(|&p| set.rows.get(p).is_some_and(|r| r.level == Level::Criterion));
        match criterion.and_then(|p| set.rows.get(p)) {
            Some(parent) if criterion != criterion_shown => {
                let _ = writeln!(out, "\n# Tiêu chí {}: {}", parent.id, parent.name);
            }
            _ => out.push('\n'),
        }
        criterion_shown = criterion;
        let how = match row.scoring {
            Scoring::AllOrNothing => format!("chỉ chấm 0 hoặc {}", vi(&row.max)),
            Scoring::Graded => format!("bước {}", vi(&row.step)),
        };
        let _ = writeln!(
            out,
            "# {} {} — tối đa {} điểm, {how}",
            row.id,
            row.name,
            vi(&row.max)
        );
        if let Some(g) = &row.guide {
            let _ = writeln!(out, "# Hướng dẫn: {}", one_line(g));
        }
        out.push_str("[[score]]\n");
        line(
            &mut out,
            &format!("criterion = \"{}\"", row.id),
            doc(&SCORE, "criterion"),
        );
        line(
            &mut out,
            "# score =",
            &format!("Điểm tự đánh giá: từ 0 đến {}, {how}", vi(&row.max)),
        );
        line(&mut out, "explanation = \"\"", doc(&SCORE, "explanation"));
        line(
            &mut out,
            "# not_applicable = true",
            doc(&SCORE, "not_applicable"),
        );
        line(&mut out, "# reason = \"\"", doc(&SCORE, "reason"));
        line(
            &mut out,
            "# [[score.evidence]]",
            "Tài liệu kiểm chứng: bỏ # ở 5 dòng này; lặp lại khối cho mỗi văn bản",
        );
        line(&mut out, "# number = \"\"", doc(&EVIDENCE, "number"));
        line(&mut out, "# date = YYYY-MM-DD", doc(&EVIDENCE, "date"));
        line(&mut out, "# title = \"\"", doc(&EVIDENCE, "title"));
        line(&mut out, "# url = \"https://\"", doc(&EVIDENCE, "url"));
    }
    Ok(out)
}

/// The file's first lines: its title, the unit and the campaign.
fn heading(
    out: &mut String,
    title: &str,
    (name, unit): (&str, &str),
    participant: &Participant,
    campaign: &Campaign,
) {
    let _ = writeln!(out, "# {title}");
    let _ = writeln!(
        out,
        "# Đơn vị: {name} (mã {unit}), Phụ lục {}",
        participant.appendix
    );
    let _ = writeln!(out, "# Đợt: {} (mã {})", campaign.title, campaign.id);
}

/// An illustrative campaign's files say so.
fn illustrative_notice(out: &mut String, campaign: &Campaign) {
    if campaign.illustrative {
        let _ = writeln!(
            out,
            "# LƯU Ý: đợt này dùng DỮ LIỆU MINH HỌA, không phải kết quả thật của tỉnh."
        );
    }
}

/// Comments are one line each.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
