//! A campaign's participants and appendices: who scores which rows
//! (E074–E076, E079–E081, E087, W088), and references to a participant.

use std::collections::{BTreeMap, BTreeSet};

use super::ids::{check_code, duplicate};
use super::units::unknown_unit;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::model::{Content, CriteriaSet, Level, Participant, Unit};
use crate::raw;
use crate::source::{Sp, Span};
use crate::text::quote;
use crate::tr;

pub(super) fn resolve_participants(
    raw: &raw::campaign::Campaign,
    criteria: Option<&CriteriaSet>,
    content: &Content,
    diags: &mut Diagnostics,
) -> Vec<Participant> {
    // Appendices by id, first declaration wins.
    let mut appendices: BTreeMap<&str, &raw::campaign::Appendix> = BTreeMap::new();
    for a in &raw.appendices {
        check_code(&a.id, diags);
        if let Some(first) = appendices.get(a.id.as_str()) {
            diags.push(duplicate(&a.id.span, &a.id.value, &first.id.span));
        } else {
            appendices.insert(&a.id.value, a);
        }
    }
    let mut out: Vec<Participant> = Vec::new();
    let mut by_appendix: BTreeMap<&str, &raw::campaign::Participant> = BTreeMap::new();
    for p in &raw.participants {
        let Some(unit) = content.unit(&p.unit.value) else {
            diags.push(unknown_unit(&p.unit, &content.units));
            continue;
        };
        if let Some(first) = out.iter().find(|q| q.unit == p.unit.value) {
            diags.push(rule_participant_twice(p, &first.span));
            continue;
        }
        rule_unit_still_exists(unit, p, raw, diags);
        if let Some(first) = by_appendix.get(p.appendix.as_str()) {
            diags.push(rule_appendix_twice(p, first));
        } else {
            by_appendix.insert(&p.appendix.value, p);
        }
        let rows = match appendices.get(p.appendix.as_str()) {
            Some(a) => criteria
                .map(|set| appendix_rows(a, set, diags))
                .unwrap_or_default(),
            None => {
                diags.push(unknown_appendix(&p.appendix, &appendices));
                Vec::new()
            }
        };
        out.push(Participant {
            unit: p.unit.value.clone(),
            appendix: p.appendix.value.clone(),
            rows,
            span: p.unit.span.clone(),
        });
    }
    for (id, a) in &appendices {
        if !by_appendix.contains_key(id) {
            diags.push(
                Diagnostic::new(
                    Code::W081,
                    a.id.span.clone(),
                    tr!(
                        "phụ lục {} không giao cho đơn vị nào",
                        "appendix {} is given to no unit",
                        quote(id)
                    ),
                )
                .hint(tr!(
                    "Thêm một [[participant]] với appendix = {} hoặc xóa phụ lục này.",
                    "Add a [[participant]] with appendix = {} or remove this appendix.",
                    quote(id)
                )),
            );
        }
    }
    if let Some(set) = criteria {
        let unique: Vec<&raw::campaign::Appendix> = appendices.values().copied().collect();
        rule_rows_assigned_once(&unique, set, &by_appendix, diags);
    }
    out
}

/// E087: a unit takes part once.
fn rule_participant_twice(p: &raw::campaign::Participant, first: &Span) -> Diagnostic {
    Diagnostic::new(
        Code::E087,
        p.unit.span.clone(),
        tr!(
            "đơn vị {} được khai báo tham gia hai lần",
            "unit {} is listed twice as taking part",
            quote(&p.unit.value)
        ),
    )
    .related(first.clone(), tr!("lần đầu ở đây", "first listed here"))
    .hint(tr!(
        "Mỗi đơn vị tham gia một lần với một phụ lục; xóa [[participant]] thừa.",
        "Each unit takes part once with one appendix; remove the extra [[participant]]."
    ))
}

/// W088: a unit that had ceased to exist by the cut-off cannot report.
fn rule_unit_still_exists(
    unit: &Unit,
    p: &raw::campaign::Participant,
    raw: &raw::campaign::Campaign,
    diags: &mut Diagnostics,
) {
    let (Some(until), Some(cutoff)) = (unit.until, raw.cutoff.as_ref()) else {
        return;
    };
    if until >= cutoff.value {
        return;
    }
    let successor = unit.successor.clone().unwrap_or_default();
    diags.push(
        Diagnostic::new(
            Code::W088,
            p.unit.span.clone(),
            tr!(
                "đơn vị {} chỉ tồn tại đến {}, trước ngày chốt số liệu",
                "unit {} existed only until {}, before the cut-off",
                quote(&unit.id),
                until
            ),
        )
        .hint(if successor.is_empty() {
            tr!(
                "Kiểm tra lại danh sách đơn vị tham gia đợt này.",
                "Check the list of units taking part in this campaign."
            )
        } else {
            tr!(
                "Có lẽ nên giao cho đơn vị kế thừa {}.",
                "Perhaps the successor {} should take part instead.",
                quote(&successor)
            )
        }),
    );
}

/// E074: the letter's slip — one appendix given to two units.
fn rule_appendix_twice(
    p: &raw::campaign::Participant,
    first: &raw::campaign::Participant,
) -> Diagnostic {
    Diagnostic::new(
        Code::E074,
        p.appendix.span.clone(),
        tr!(
            "phụ lục {} đã giao cho {}, nay lại giao cho {}",
            "appendix {} is already given to {} and again to {}",
            quote(&p.appendix.value),
            quote(&first.unit.value),
            quote(&p.unit.value)
        ),
    )
    .related(
        first.appendix.span.clone(),
        tr!("giao lần đầu ở đây", "first given here"),
    )
    .hint(tr!(
        "Mỗi phụ lục thuộc một đơn vị. Nếu công văn gõ nhầm số phụ lục, ghi số đúng và chú thích lý do bằng dấu #.",
        "Each appendix belongs to one unit. If the letter mistyped the number, use the right one and explain in a # comment."
    ))
}

/// E080: a participant names an appendix that is not declared.
fn unknown_appendix(
    id: &Sp<String>,
    appendices: &BTreeMap<&str, &raw::campaign::Appendix>,
) -> Diagnostic {
    let known: Vec<&str> = appendices.keys().copied().collect();
    Diagnostic::new(
        Code::E080,
        id.span.clone(),
        tr!(
            "không có phụ lục {} trong campaign.toml",
            "no appendix {} in campaign.toml",
            quote(&id.value)
        ),
    )
    .hint(tr!(
        "Khai báo [[appendix]] id = {} với các tiêu chí của nó. Các phụ lục hiện có: {}.",
        "Declare [[appendix]] id = {} with its rows. The appendices present: {}.",
        quote(&id.value),
        known.join(", ")
    ))
}

/// Resolves an appendix's row ids; E079 for ids that cannot be scored.
fn appendix_rows(
    a: &raw::campaign::Appendix,
    set: &CriteriaSet,
    diags: &mut Diagnostics,
) -> Vec<usize> {
    let mut out = Vec::new();
    for id in &a.rows {
        let problem = match set.row(&id.value) {
            None => tr!(
                "không có tiêu chí {} trong bộ tiêu chí {}",
                "there is no row {} in criteria set {}",
                quote(&id.value),
                set.id.clone()
            ),
            Some((_, r)) if r.level == Level::Area => tr!(
                "{} là một lĩnh vực; phụ lục liệt kê các tiêu chí được chấm",
                "{} is an area; an appendix lists scored rows",
                quote(&id.value)
            ),
            Some((_, r)) if !r.children.is_empty() => tr!(
                "tiêu chí {} có tiêu chí thành phần; phụ lục liệt kê các tiêu chí thành phần",
                "criterion {} has sub-criteria; the appendix lists those",
                quote(&id.value)
            ),
            Some((_, r)) if !r.is_self_assessed() => tr!(
                "tiêu chí {} lấy điểm từ điều tra hoặc chỉ tiêu, không do đơn vị tự chấm",
                "row {} is scored by a survey or indicator, not by units",
                quote(&id.value)
            ),
            Some((i, _)) => {
                out.push(i);
                continue;
            }
        };
        diags.push(
            Diagnostic::new(Code::E079, id.span.clone(), problem).hint(tr!(
                "Phụ lục chỉ gồm mã các tiêu chí tự đánh giá được chấm điểm trực tiếp (tiêu chí không có tiêu chí thành phần, hoặc tiêu chí thành phần).",
                "An appendix lists only self-assessed rows that take a score (criteria without sub-criteria, or sub-criteria)."
            )),
        );
    }
    out
}

/// E075 and E076: every self-assessed scored row is in exactly one appendix
/// that a unit scores.
fn rule_rows_assigned_once(
    appendices: &[&raw::campaign::Appendix],
    set: &CriteriaSet,
    used: &BTreeMap<&str, &raw::campaign::Participant>,
    diags: &mut Diagnostics,
) {
    // Where each row is listed, across appendices given to a unit.
    let mut listed: BTreeMap<usize, Vec<&Sp<String>>> = BTreeMap::new();
    for a in appendices
        .iter()
        .filter(|a| used.contains_key(a.id.as_str()))
    {
        let mut in_this: BTreeSet<usize> = BTreeSet::new();
        for id in &a.rows {
            if let Some((i, r)) = set.row(&id.value)
                && r.is_scored()
                && r.is_self_assessed()
                && in_this.insert(i)
            {
                listed.entry(i).or_default().push(id);
            }
        }
    }
    // An appendix given to two units makes its rows doubly scored too; E074
    // already says so, so only rows listed by two appendices count here.
    for (i, places) in &listed {
        if let [first, second, ..] = places.as_slice() {
            let id = set.rows.get(*i).map(|r| r.id.clone()).unwrap_or_default();
            diags.push(
                Diagnostic::new(
                    Code::E076,
                    second.span.clone(),
                    tr!(
                        "tiêu chí {} đã có trong một phụ lục khác",
                        "row {} is already in another appendix",
                        quote(&id)
                    ),
                )
                .related(first.span.clone(), tr!("đã giao ở đây", "assigned here"))
                .hint(tr!(
                    "Mỗi tiêu chí do đúng một đơn vị chấm: xóa mã này khỏi một trong hai phụ lục.",
                    "Each row is scored by exactly one unit: remove it from one of the two appendices."
                )),
            );
        }
    }
    for (i, r) in set.rows.iter().enumerate() {
        if r.is_scored() && r.is_self_assessed() && !listed.contains_key(&i) {
            diags.push(
                Diagnostic::new(
                    Code::E075,
                    Span::new(&set.path, r.span.range.clone()),
                    tr!(
                        "tiêu chí tự đánh giá {} chưa thuộc phụ lục nào được giao cho đơn vị",
                        "self-assessed row {} is in no appendix given to a unit",
                        quote(&r.id)
                    ),
                )
                .hint(tr!(
                    "Thêm mã này vào rows của phụ lục của đơn vị phụ trách lĩnh vực đó trong campaign.toml; nếu không đơn vị nào chấm, đặt source = \"survey\" hoặc \"indicator\".",
                    "Add it to the rows of the responsible unit's appendix in campaign.toml; if no unit scores it, set source = \"survey\" or \"indicator\"."
                )),
            );
        }
    }
}

/// E077 and E023: a unit referenced by an extension or a receipt must
/// exist and take part in the campaign. Returns whether it does.
pub(super) fn rule_participant_ref(
    unit: &Sp<String>,
    content: &Content,
    participants: &[Participant],
    diags: &mut Diagnostics,
) -> bool {
    if content.unit(&unit.value).is_none() {
        diags.push(unknown_unit(unit, &content.units));
        return false;
    }
    if participants.iter().any(|p| p.unit == unit.value) {
        return true;
    }
    diags.push(
        Diagnostic::new(
            Code::E023,
            unit.span.clone(),
            tr!(
                "đơn vị {} không tham gia đợt này",
                "unit {} does not take part in this campaign",
                quote(&unit.value)
            ),
        )
        .hint(tr!(
            "Chỉ đơn vị có [[participant]] trong campaign.toml mới được gia hạn hay ghi nhận báo cáo; kiểm tra lại mã đơn vị.",
            "Only units with a [[participant]] in campaign.toml get extensions or receipts; check the unit id."
        )),
    );
    false
}
