//! campaign.toml: a campaign's id, criteria set, time zone, dates and
//! extensions, linked with its participants, plan, receipts and pages.

use std::sync::Arc;

use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::TimeZone;

use super::ids::{check_slug, id_not_file_name};
use super::pages::resolve_pages;
use super::participants::{resolve_participants, rule_participant_ref};
use super::plan::resolve_tasks;
use super::receipts::resolve_receipts;
use super::stages::resolve_stages;
use super::{required_file_missing, text};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::model::{Campaign, Content, Extension, Letter, Participant, PlanRef};
use crate::raw;
use crate::raw::content::RawCampaignDir;
use crate::source::Sp;
use crate::text::quote;
use crate::tr;

pub(super) fn resolve_campaign(
    dir: &RawCampaignDir,
    content: &Content,
    diags: &mut Diagnostics,
) -> Option<Campaign> {
    let Some(raw) = &dir.campaign else {
        if !dir.campaign_present {
            diags.push(required_file_missing(&dir.path));
        }
        return None;
    };
    let id = match &raw.id {
        Some(id) => {
            if id.value != dir.dir {
                diags.push(id_not_file_name(id, &dir.dir, "content/campaigns/<mã>/"));
            }
            dir.dir.clone()
        }
        None => dir.dir.clone(),
    };
    if let Some(id) = &raw.id {
        check_slug(id, &tr!("mã đợt", "campaign id"), diags);
    }
    let criteria = match &raw.criteria_set {
        Some(s) => match content.criteria_sets.get(&s.value) {
            Some(set) => Some(Arc::clone(set)),
            None => {
                diags.push(unknown_criteria_set(s, content));
                None
            }
        },
        None => None,
    };
    let (time_zone, tz_name) = match &raw.time_zone {
        Some(tz) => match TimeZone::get(&tz.value) {
            Ok(z) => (Some(z), tz.value.clone()),
            Err(_) => {
                diags.push(
                    Diagnostic::new(
                        Code::E083,
                        tz.span.clone(),
                        tr!(
                            "múi giờ {} không có trong cơ sở dữ liệu múi giờ IANA",
                            "time zone {} is not in the IANA time zone database",
                            quote(&tz.value)
                        ),
                    )
                    .hint(tr!(
                        "Việt Nam dùng \"Asia/Ho_Chi_Minh\" (UTC+7).",
                        "Vietnam uses \"Asia/Ho_Chi_Minh\" (UTC+7)."
                    )),
                );
                (None, tz.value.clone())
            }
        },
        None => (None, String::new()),
    };
    let deadline = match (&raw.deadline, &time_zone) {
        (Some(d), Some(tz)) => to_timestamp(d.value, tz).map(|t| (d.value, t)),
        _ => None,
    };
    if let (Some(cutoff), Some(d)) = (&raw.cutoff, &raw.deadline) {
        rule_deadline_after_cutoff(cutoff, d, diags);
    }
    let participants = resolve_participants(raw, criteria.as_deref(), content, diags);
    let extensions = resolve_extensions(
        raw,
        time_zone.as_ref(),
        deadline,
        content,
        &participants,
        diags,
    );
    let tasks = dir
        .plan
        .as_ref()
        .map(|(_, tasks)| resolve_tasks(tasks, content, criteria.as_deref(), diags))
        .unwrap_or_default();
    if !dir.plan_present {
        let plan_path: Arc<str> = dir.path.replace("campaign.toml", "plan.toml").into();
        diags.push(required_file_missing(&plan_path));
    }
    let plan_read = dir.plan.is_some();
    let receipts = dir
        .receipts
        .as_ref()
        .map(|(_, r)| resolve_receipts(r, time_zone.as_ref(), content, &participants, diags))
        .unwrap_or_default();
    let pages = resolve_pages(&dir.pages);
    let stages = resolve_stages(
        raw,
        criteria.as_deref(),
        time_zone.as_ref(),
        deadline,
        content,
        &dir.path,
        diags,
    );

    // A campaign without its criteria set, time zone, dates or plan cannot
    // judge submissions; its errors above say why.
    if !plan_read {
        return None;
    }
    let criteria = criteria?;
    let time_zone = time_zone?;
    let (deadline_local, deadline) = deadline?;
    let cutoff = raw.cutoff.as_ref()?.value;
    let letter = raw.letter.as_ref().map(|l| Letter {
        number: text(l.number.as_ref()).unwrap_or_default(),
        date: l.date.as_ref().map(|d| d.value),
        date_text: text(l.date_text.as_ref()),
        subject: text(l.subject.as_ref()),
        signer: text(l.signer.as_ref()),
        url: text(l.url.as_ref()),
    })?;
    let plan = raw.plan.as_ref().map(|p| PlanRef {
        number: text(p.number.as_ref()).unwrap_or_default(),
        date: p.date.as_ref().map(|d| d.value),
        title: text(p.title.as_ref()).unwrap_or_default(),
        url: text(p.url.as_ref()),
    })?;
    let owners = Campaign::owners_of(&participants);
    Some(Campaign {
        id,
        title: text(raw.title.as_ref()).unwrap_or_default(),
        illustrative: raw.illustrative.as_ref().is_none_or(|b| b.value),
        illustrative_note: text(raw.illustrative_note.as_ref()),
        closed: raw.closed.as_ref().is_some_and(|b| b.value),
        receipts_only: raw.receipts_only.as_ref().is_some_and(|b| b.value),
        criteria,
        cutoff,
        time_zone,
        time_zone_name: tz_name,
        deadline_local,
        deadline,
        letter,
        plan,
        participants,
        extensions,
        tasks,
        receipts,
        pages,
        path: Arc::clone(&dir.path),
        owners,
        stages,
    })
}

/// A local time in `tz` as an instant; in a gap or fold the earlier instant.
pub fn to_timestamp(local: DateTime, tz: &TimeZone) -> Option<Timestamp> {
    tz.to_timestamp(local).ok()
}

fn unknown_criteria_set(s: &Sp<String>, content: &Content) -> Diagnostic {
    let known: Vec<&str> = content.criteria_sets.keys().map(String::as_str).collect();
    Diagnostic::new(
        Code::E082,
        s.span.clone(),
        tr!(
            "không có bộ tiêu chí {} trong content/criteria/",
            "no criteria set {} in content/criteria/",
            quote(&s.value)
        ),
    )
    .hint(tr!(
        "Các bộ tiêu chí hiện có: {}.",
        "The criteria sets present: {}.",
        known.join(", ")
    ))
}

/// E078: the deadline must come after the data cut-off.
fn rule_deadline_after_cutoff(
    cutoff: &Sp<jiff::civil::Date>,
    deadline: &Sp<DateTime>,
    diags: &mut Diagnostics,
) {
    if deadline.value.date() > cutoff.value {
        return;
    }
    diags.push(
        Diagnostic::new(
            Code::E078,
            deadline.span.clone(),
            tr!(
                "hạn gửi {} không sau ngày chốt số liệu {}",
                "the deadline {} is not after the data cut-off {}",
                deadline.value,
                cutoff.value
            ),
        )
        .related(
            cutoff.span.clone(),
            tr!("ngày chốt số liệu", "the data cut-off"),
        )
        .hint(tr!(
            "Đơn vị cần thời gian sau ngày chốt số liệu để tổng hợp: kiểm tra lại hai ngày này với công văn.",
            "Units need time after the cut-off to report: check both dates against the letter."
        )),
    );
}

fn resolve_extensions(
    raw: &raw::campaign::Campaign,
    tz: Option<&TimeZone>,
    deadline: Option<(DateTime, Timestamp)>,
    content: &Content,
    participants: &[Participant],
    diags: &mut Diagnostics,
) -> Vec<Extension> {
    let mut out: Vec<Extension> = Vec::new();
    for e in &raw.extensions {
        if !rule_participant_ref(&e.unit, content, participants, diags) {
            continue;
        }
        if let Some(first) = out.iter().find(|x| x.unit == e.unit.value) {
            diags.push(
                Diagnostic::new(
                    Code::E070,
                    e.unit.span.clone(),
                    tr!(
                        "đơn vị {} được gia hạn hai lần",
                        "unit {} is given two extensions",
                        quote(&e.unit.value)
                    ),
                )
                .related(first.span.clone(), tr!("lần gia hạn được áp dụng", "the extension that applies"))
                .hint(tr!(
                    "Mỗi đơn vị có tối đa một gia hạn; lần đầu được áp dụng. Sửa hạn trong khối đầu và xóa khối thừa.",
                    "A unit has at most one extension; the first applies. Change the date in the first block and remove the other."
                )),
            );
            continue;
        }
        if let Some((d, _)) = deadline
            && e.deadline.value <= d
        {
            diags.push(
                    Diagnostic::new(
                        Code::W086,
                        e.deadline.span.clone(),
                        tr!(
                            "hạn gia hạn {} không muộn hơn hạn chung {}",
                            "the extended deadline {} is not later than the campaign's {}",
                            e.deadline.value,
                            d
                        ),
                    )
                    .hint(tr!(
                        "Gia hạn phải cho hạn muộn hơn; kiểm tra lại ngày trong văn bản cho phép gia hạn.",
                        "An extension must give a later deadline; check the date in the document granting it."
                    )),
                );
        }
        let Some(ts) = tz.and_then(|z| to_timestamp(e.deadline.value, z)) else {
            continue;
        };
        out.push(Extension {
            unit: e.unit.value.clone(),
            deadline_local: e.deadline.value,
            deadline: ts,
            reason: text(e.reason.as_ref()).unwrap_or_default(),
            document: text(e.document.as_ref()),
            span: e.unit.span.clone(),
        });
    }
    out
}
