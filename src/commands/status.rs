//! `cchc status`: a campaign's submissions at a glance, in the terminal or
//! as JSON.

use std::fmt::Write as _;

use cchc_core::pipeline::Whole;
use cchc_core::report::{self, CampaignReport, TimeView};
use cchc_core::text::{Deadline, Lang, Localized as _, StaticText, Text, ZoneName};
use cchc_core::tr;

use super::{history_warning, pick};
use crate::ctx::{Ctx, Failure};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatusFormat {
    Human,
    Json,
}

pub fn status(
    ctx: &Ctx,
    campaign: Option<&str>,
    format: StatusFormat,
    branch: Option<&str>,
) -> Result<u8, Failure> {
    let whole = Whole::read(&*ctx.repository(branch)?)?;
    let report = whole.report();
    let c = pick(&report, campaign)?;
    if format == StatusFormat::Json {
        ctx.print(&json(c, &report.generated.iso))?;
        return Ok(0);
    }
    history_warning(ctx, &whole.history);
    let text = human(c, &report.generated, ctx.lang, ctx.colour_stdout());
    ctx.print(&text)?;
    Ok(0)
}

fn json(c: &CampaignReport, generated: &str) -> String {
    let units: Vec<serde_json::Value> = c
        .units
        .iter()
        .map(|u| {
            let mut v = serde_json::json!({
                "unit": u.id,
                "name": u.name,
                "appendix": u.appendix,
                "status": u.status.key(),
                "received": u.received.as_ref().and_then(|r| r.time.as_ref()).map(|t| &t.iso),
                "received_via": u.received.as_ref().map(|r| r.via),
                "revised": u.revised.as_ref().map(|t| &t.iso),
                "revised_after_deadline": u.revised_after_deadline,
                "revisions": cchc_core::export::json_revisions(u),
                "total": u.total.as_ref().map(|t| t.value),
                "max": u.max.value,
                "errors": u.errors,
            });
            if let (Some(cy), Some(fields)) = (&u.cycle, v.as_object_mut()) {
                fields.insert(
                    "cycle".to_owned(),
                    serde_json::json!({
                        "appraised_in_full": cy.appraised,
                        "finalised": cy.finalised,
                        "self_total": cy.self_total.value,
                        "appraised_total": cy.appraised_total.value,
                        "final_total": cy.final_total.value,
                        "requests": cy.requests,
                        "answered": cy.answered,
                    }),
                );
            }
            v
        })
        .collect();
    let doc = serde_json::json!({
        "campaign": c.id,
        "illustrative": c.illustrative,
        "generated": generated,
        "deadline": c.deadline_iso,
        "units": units,
    });
    format!(
        "{}\n",
        serde_json::to_string_pretty(&doc).unwrap_or_default()
    )
}

/// The local date and time an RFC 3339 time of the report names.
fn local(iso: &str) -> Option<jiff::civil::DateTime> {
    iso.parse().ok()
}

/// A time of the report in the user's language: the report holds it as
/// Vietnamese write it and as RFC 3339, from which the English is made.
fn when(t: &TimeView, lang: Lang) -> String {
    match (lang, local(&t.iso)) {
        (Lang::En, Some(d)) => d.in_lang(lang),
        _ => t.text.clone(),
    }
}

/// The campaign's deadline in the user's language, with its time zone:
/// "hết ngày 14/9/2023 (giờ Việt Nam)", "the end of 2023-09-14 (Vietnam
/// time)".
fn deadline(c: &CampaignReport, lang: Lang) -> String {
    match local(&c.deadline_iso) {
        Some(d) => format!(
            "{} ({})",
            Deadline(d).in_lang(lang),
            ZoneName(&c.time_zone).in_lang(lang)
        ),
        None => c.deadline.clone(),
    }
}

/// Points in the user's language ("45,5" or "45.5").
fn points(p: &report::PointsView, lang: Lang) -> String {
    p.value.in_lang(lang)
}

/// Pads to a width in characters (Vietnamese precomposed letters are one
/// column each), cutting what is longer.
fn cell(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n > width {
        let mut t: String = s.chars().take(width.saturating_sub(1)).collect();
        t.push('…');
        t
    } else {
        format!("{s}{}", " ".repeat(width - n))
    }
}

const WIDTHS: [usize; 7] = [6, 34, 26, 22, 22, 14, 6];

/// The table's head: appendix, unit, status, received, revised, score,
/// errors.
const HEAD: [StaticText; 7] = [
    StaticText {
        vi: "PL",
        en: "App.",
    },
    StaticText {
        vi: "Đơn vị",
        en: "Unit",
    },
    StaticText {
        vi: "Tình trạng",
        en: "Status",
    },
    StaticText {
        vi: "Nhận lúc",
        en: "Received",
    },
    StaticText {
        vi: "Sửa lần cuối",
        en: "Last revised",
    },
    StaticText {
        vi: "Điểm",
        en: "Score",
    },
    StaticText {
        vi: "Lỗi",
        en: "Errors",
    },
];

fn human(c: &CampaignReport, generated: &TimeView, lang: Lang, color: bool) -> String {
    let mut out = String::new();
    let illustrative = if c.illustrative {
        tr!(" — DỮ LIỆU MINH HỌA", " — ILLUSTRATIVE DATA")
    } else {
        Text::default()
    };
    let _ = writeln!(out, "{} ({}){}", c.title, c.id, illustrative.get(lang));
    let when_line = tr!(
        "Hạn gửi: {} — tình hình tại {}",
        "Deadline: {} — as of {}",
        deadline(c, lang),
        when(generated, lang)
    );
    let _ = write!(out, "{}\n\n", when_line.get(lang));
    let line: Vec<String> = HEAD
        .iter()
        .zip(WIDTHS)
        .map(|(h, w)| cell(h.get(lang), w))
        .collect();
    out.push_str(line.join(" ").trim_end());
    out.push('\n');
    for u in &c.units {
        out.push_str(&unit_row(u, lang, color));
        out.push('\n');
    }
    out.push_str(&revisions(c, lang));
    out.push_str(&footer(c, lang));
    out.push_str(&cycle(c, lang));
    out
}

/// The stage the campaign is in after the self-assessment, and what each
/// unit still owes in it: rows to appraise, requests to answer, final
/// scores to set.
fn cycle(c: &CampaignReport, lang: Lang) -> String {
    let Some(cy) = &c.cycle else {
        return String::new();
    };
    let mut out = String::new();
    let current = cy.stages.iter().find(|s| s.current);
    let stage_line = match current {
        Some(s) => tr!(
            "\nGiai đoạn hiện tại: {}, hạn {}",
            "\nCurrent stage: {}, deadline {}",
            s.stage.name(),
            s.closes_local
                .parse::<jiff::civil::DateTime>()
                .map_or_else(|_| s.closes.clone(), |d| Deadline(d).in_lang(lang))
        ),
        None if cy.stages.iter().all(|s| s.over) => tr!(
            "\nCác giai đoạn sau tự đánh giá đã kết thúc",
            "\nThe stages after the self-assessment are over"
        ),
        None => tr!(
            "\nGiai đoạn thẩm định chưa bắt đầu",
            "\nThe appraisal has not started"
        ),
    };
    let _ = writeln!(out, "{}", stage_line.get(lang));
    let summary = tr!(
        "Đã thẩm định {}/{} đơn vị; giải trình {}/{} yêu cầu; có điểm cuối cùng {}/{} đơn vị.",
        "Appraised {}/{} units; explanations {}/{} requests; final scores {}/{} units.",
        cy.appraised,
        cy.to_appraise,
        cy.answered,
        cy.requests,
        cy.finalised,
        cy.to_appraise
    );
    let _ = writeln!(out, "{}", summary.get(lang));
    for u in &c.units {
        let Some(ucy) = &u.cycle else { continue };
        let unappraised = ucy
            .rows
            .iter()
            .filter(|r| r.appraised.is_none() && !r.not_applicable)
            .count();
        let unanswered = ucy.requests - ucy.answered;
        let unfinal = ucy
            .rows
            .iter()
            .filter(|r| r.appraised.is_some() && r.final_score.is_none())
            .count();
        let mut owes = Vec::new();
        if unappraised > 0 {
            owes.push(tr!(
                "{} tiêu chí chưa thẩm định",
                "{} rows not appraised",
                unappraised
            ));
        }
        if unanswered > 0 {
            owes.push(tr!(
                "{} yêu cầu chưa giải trình",
                "{} requests unanswered",
                unanswered
            ));
        }
        if unfinal > 0 {
            owes.push(tr!(
                "{} tiêu chí chưa có điểm cuối cùng",
                "{} rows without a final score",
                unfinal
            ));
        }
        if ucy.answered_late {
            owes.push(tr!(
                "giải trình đến sau hạn",
                "explanations came after the deadline"
            ));
        }
        if owes.is_empty() {
            continue;
        }
        let owes: Vec<&str> = owes.iter().map(|t| t.get(lang)).collect();
        let _ = writeln!(out, "  {} {}", cell(&u.name, WIDTHS[1]), owes.join("; "));
    }
    out
}

/// The revisions of each unit whose report was changed, withdrawn or taken
/// in after its deadline, oldest first, in words: when, what ("Sửa lần 2"),
/// and against the deadline (what the office changed after it stands out).
fn revisions(c: &CampaignReport, lang: Lang) -> String {
    let shown = |u: &&report::UnitReport| {
        u.revisions.len() > 1
            || u.revisions
                .iter()
                .any(|r| r.timing != report::Timing::BeforeDeadline)
    };
    let mut out = String::new();
    for u in c.units.iter().filter(shown) {
        if out.is_empty() {
            let title = tr!("\nLịch sử nộp và sửa:", "\nRevisions:");
            let _ = writeln!(out, "{}", title.get(lang));
        }
        let _ = writeln!(out, "{}", u.name);
        for r in u.revisions.iter().rev() {
            let line = format!(
                "  {} {} {}",
                cell(&when(&r.time, lang), WIDTHS[3]),
                cell(r.kind.text().get(lang), 18),
                r.timing.text(r.change).get(lang)
            );
            let _ = writeln!(out, "{}", line.trim_end());
        }
    }
    out
}

fn unit_row(u: &report::UnitReport, lang: Lang, color: bool) -> String {
    let status_text = u.status.text().get(lang);
    let mut st = cell(status_text, WIDTHS[2]);
    if color {
        let code = match u.status {
            report::Status::OnTime => "32",
            report::Status::Late => "33",
            report::Status::Missing | report::Status::Invalid => "31",
            _ => "36",
        };
        st = format!("\x1b[{code}m{st}\x1b[0m");
    }
    let received = u.received.as_ref().map_or_else(
        || "—".to_owned(),
        |r| {
            r.time
                .as_ref()
                .map_or_else(|| "?".to_owned(), |t| when(t, lang))
        },
    );
    let revised = u
        .revised
        .as_ref()
        .map_or_else(|| "—".to_owned(), |t| when(t, lang));
    let score = u.total.as_ref().map_or_else(
        || "—".to_owned(),
        |t| format!("{}/{}", points(t, lang), points(&u.max, lang)),
    );
    let row = [
        cell(&u.appendix, WIDTHS[0]),
        cell(&u.name, WIDTHS[1]),
        st,
        cell(&received, WIDTHS[3]),
        cell(&revised, WIDTHS[4]),
        cell(&score, WIDTHS[5]),
        cell(&u.errors.to_string(), WIDTHS[6]),
    ];
    row.join(" ").trim_end().to_owned()
}

fn footer(c: &CampaignReport, lang: Lang) -> String {
    let counts: Vec<String> = c
        .counts
        .iter()
        .filter(|k| k.count > 0)
        .map(|k| {
            let label = k.status.text().get(lang);
            format!("{label} {}", k.count)
        })
        .collect();
    let prov = &c.province;
    let score = match &prov.percent {
        Some(p) => tr!(
            "{}/{} điểm của các tiêu chí đã chấm ({}%)",
            "{}/{} points on the criteria scored ({}%)",
            points(&prov.score, lang),
            points(&prov.scored_max, lang),
            p.value
        ),
        None => tr!(
            "chưa có báo cáo hợp lệ nào được tính điểm",
            "no valid report scored yet"
        ),
    };
    let unscored = if prov.unscored_max.value > 0.0 {
        tr!(
            "; chưa có điểm: {} điểm",
            "; not yet scored: {} points",
            points(&prov.unscored_max, lang)
        )
    } else {
        Text::same("")
    };
    let text = tr!(
        "\nĐã nhận: {}/{}; {}.\nĐiểm sơ bộ của tỉnh: {}{}\n",
        "\nReceived: {}/{}; {}.\nProvince's preliminary total: {}{}\n",
        c.units_received,
        c.units_total,
        counts.join(", "),
        score.get(lang),
        unscored.get(lang)
    );
    text.get(lang).to_owned()
}
