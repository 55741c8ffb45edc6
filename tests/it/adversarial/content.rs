//! Content.

use std::ops::Range;

use cchc_core::diag::Code;
use cchc_core::input::Input;
use cchc_core::model::Level;

use super::content_values::values_and_rules;
use super::sample::{Case, Sample, replace1, splice};

pub(super) const UNITS: &str = "content/units.toml";
pub(super) const CRITERIA: &str = "content/criteria/cchc-tinh-2023.toml";
pub(super) const CAMPAIGN_TOML: &str = "content/campaigns/2023-9t/campaign.toml";
pub(super) const PLAN: &str = "content/campaigns/2023-9t/plan.toml";
pub(super) const RECEIPTS: &str = "content/campaigns/2023-9t/receipts.toml";

/// The position right after the first `needle` at or after `from`.
fn after(text: &str, from: usize, needle: &str) -> Option<usize> {
    text[from..].find(needle).map(|p| from + p + needle.len())
}

/// The value range of the first `key = ` line at or after `from`.
fn value_after(text: &str, from: usize, key: &str) -> Option<Range<usize>> {
    let start = after(text, from, &format!("\n{key} = "))?;
    let end = text[start..].find('\n').map_or(text.len(), |p| start + p);
    // Keep a trailing comment out of the value.
    let end = text[start..end].find("  #").map_or(end, |p| start + p);
    Some(start..end)
}

pub(super) fn content(s: &Sample) -> Vec<Case> {
    let mut out = Vec::new();
    let mut push =
        |name: String, input: Input, expect: &[Code]| out.push(Case::new(name, input, expect));
    let campaign = s.content_text(CAMPAIGN_TOML);
    let criteria = s.content_text(CRITERIA);
    let units = s.content_text(UNITS);
    let plan = s.content_text(PLAN);
    let receipts = s.content_text(RECEIPTS);
    let camp = &s.campaign;
    let set = &camp.criteria;

    // Points that do not add up.
    let bump = |text: &str, id: &str, by: f64| -> String {
        let at = after(text, 0, &format!("\nid = \"{id}\"\n")).unwrap();
        let v = value_after(text, at - 1, "max").unwrap();
        let old: f64 = text[v.clone()].trim().parse().unwrap();
        splice(text, v, &format!("{}", old + by))
    };
    for row in &set.rows {
        let (code, by) = match row.level {
            Level::Area => (Code::E073, 1.0),
            Level::Criterion if row.children.is_empty() => (Code::E072, 0.25),
            Level::Criterion => continue,
            Level::Sub => {
                // The first sub-criterion of each criterion only.
                let parent = &set.rows[row.parent.unwrap()];
                if set.rows[parent.children[0]].id != row.id {
                    continue;
                }
                (Code::E071, 0.25)
            }
        };
        push(
            format!("criteria: max of {} raised by {by}", row.id),
            s.content_with(CRITERIA, bump(&criteria, &row.id, by)),
            &[code],
        );
    }
    for total in ["101", "99", "0", "1e9"] {
        push(
            format!("criteria: total = {total}"),
            s.content_with(
                CRITERIA,
                replace1(&criteria, "total = 100", &format!("total = {total}")),
            ),
            &[if total == "0" { Code::E085 } else { Code::E073 }],
        );
    }
    // A row in two appendices; an appendix to two units.
    let count = camp.participants.len();
    for (i, p) in camp.participants.iter().enumerate() {
        let next = &camp.participants[(i + 1) % count];
        let row = &set.rows[next.rows[0]].id;
        let at = after(&campaign, 0, &format!("\nid = \"{}\"\n", p.appendix)).unwrap();
        let at = after(&campaign, at, "rows = [").unwrap();
        push(
            format!("campaign: appendix {} also lists {row}", p.appendix),
            s.content_with(
                CAMPAIGN_TOML,
                splice(&campaign, at..at, &format!("\"{row}\", ")),
            ),
            &[Code::E076],
        );
        let unit_at = after(&campaign, 0, &format!("\nunit = \"{}\"\n", p.unit)).unwrap();
        let v = value_after(&campaign, unit_at - 1, "appendix").unwrap();
        push(
            format!("campaign: {} given appendix {}", p.unit, next.appendix),
            s.content_with(
                CAMPAIGN_TOML,
                splice(&campaign, v, &format!("\"{}\"", next.appendix)),
            ),
            &[Code::E074],
        );
        push(
            format!("campaign: participant {} misspelled", p.unit),
            s.content_with(
                CAMPAIGN_TOML,
                replace1(
                    &campaign,
                    &format!("unit = \"{}\"\n", p.unit),
                    &format!("unit = \"{}-x\"\n", p.unit),
                ),
            ),
            &[Code::E077],
        );
    }
    push(
        "campaign: a participant twice".into(),
        s.content_with(
            CAMPAIGN_TOML,
            replace1(
                &campaign,
                "[[participant]]",
                "[[participant]]\nunit = \"tu-phap\"\nappendix = \"III\"\n\n[[participant]]",
            ),
        ),
        &[Code::E087],
    );
    // Unknown units in the plan and the receipts.
    for (i, task) in camp.tasks.iter().enumerate().step_by(4) {
        let at = after(&plan, 0, &format!("\nid = \"{}\"\n", task.id)).unwrap();
        let v = value_after(&plan, at - 1, "lead").unwrap();
        push(
            format!("plan: lead of {} misspelled ({i})", task.id),
            s.content_with(PLAN, splice(&plan, v, &format!("\"{}-cu\"", task.lead))),
            &[Code::E077],
        );
    }
    // One per unit: a unit may have a receipt for its report and one for
    // its explanations.
    let mut seen = std::collections::BTreeSet::new();
    for r in camp
        .receipts
        .iter()
        .filter(|r| seen.insert(r.unit.as_str()))
    {
        push(
            format!("receipts: unit {} misspelled", r.unit),
            s.content_with(
                RECEIPTS,
                replace1(
                    &receipts,
                    &format!("unit = \"{}\"\n", r.unit),
                    &format!("unit = \"so-{}\"\n", r.unit),
                ),
            ),
            &[Code::E077],
        );
    }
    push(
        "units: successor unknown".into(),
        s.content_with(
            UNITS,
            replace1(
                &units,
                "successor = \"tai-chinh\"",
                "successor = \"so-tai-chinh\"",
            ),
        ),
        &[Code::E077],
    );
    // Deadlines not after the cut-off.
    for deadline in [
        "2023-09-10T00:00:00",
        "2023-09-01T00:00:00",
        "2022-09-15T00:00:00",
        "2023-09-10T23:59:59",
    ] {
        push(
            format!("campaign: deadline = {deadline}"),
            s.content_with(
                CAMPAIGN_TOML,
                replace1(
                    &campaign,
                    "deadline = 2023-09-15T00:00:00",
                    &format!("deadline = {deadline}"),
                ),
            ),
            &[Code::E078],
        );
    }
    push(
        "campaign: cut-off after the deadline".into(),
        s.content_with(
            CAMPAIGN_TOML,
            replace1(&campaign, "cutoff = 2023-09-10", "cutoff = 2023-09-20"),
        ),
        &[Code::E078],
    );
    // Broken TOML in every content file: truncated in a string, a key twice.
    for (path, text) in [
        (UNITS, &units),
        (CRITERIA, &criteria),
        (CAMPAIGN_TOML, &campaign),
        (PLAN, &plan),
        (RECEIPTS, &receipts),
    ] {
        // Key lines, comments left out: (line start, line end).
        let mut keys = Vec::new();
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            let t = line.trim_start();
            if !t.starts_with('#') && !t.starts_with('[') && t.contains(" = ") {
                keys.push((at, at + line.len()));
            }
            at += line.len();
        }
        let quotes: Vec<usize> = keys
            .iter()
            .filter_map(|&(a, b)| text[a..b].find("= \"").map(|p| a + p + 4))
            .collect();
        for q in [
            quotes[0],
            quotes[quotes.len() / 2],
            quotes[quotes.len() - 1],
        ] {
            push(
                format!("{path}: cut inside a string at byte {q}"),
                s.content_with(path, text[..q].to_owned()),
                &[Code::E004],
            );
        }
        let (first, after_first) = keys[0];
        push(
            format!("{path}: the first key twice"),
            s.content_with(path, splice(text, first..first, &text[first..after_first])),
            &[Code::E004],
        );
        push(
            format!("{path}: unterminated table header"),
            s.content_with(path, format!("{text}\n[[unit\n")),
            &[Code::E004],
        );
    }
    out.extend(values_and_rules(s, &campaign, &criteria, &units, &plan));
    out
}
