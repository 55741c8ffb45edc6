//! Identity: unit and campaign.

use cchc_core::diag::Code;

use super::CAMPAIGN;
use super::sample::{Block, Case, Sample, alternate};

pub(super) fn identity(s: &Sample) -> Vec<Case> {
    let mut out = Vec::new();
    let participants: Vec<&str> = s
        .campaign
        .participants
        .iter()
        .map(|p| p.unit.as_str())
        .collect();
    for (i, sub) in s.subs.iter().enumerate() {
        let from = out.len();
        let t = &sub.text;
        let set_unit = |u: &str| {
            sub.set(Block::Root, "unit", 0, &format!("\"{u}\""))
                .unwrap()
        };
        let set_campaign = |c: &str| {
            sub.set(Block::Root, "campaign", 0, &format!("\"{c}\""))
                .unwrap()
        };
        let other = participants
            .iter()
            .copied()
            .filter(|u| *u != sub.stem)
            .nth(i % (participants.len() - 1))
            .unwrap();
        out.push(s.sub_case(
            sub,
            format!("unit = {other}"),
            &set_unit(other),
            &[Code::E020],
        ));
        let typo = format!("so-{}", sub.stem);
        out.push(s.sub_case(
            sub,
            format!("unit = {typo}"),
            &set_unit(&typo),
            &[Code::E020],
        ));
        let upper = sub.stem.to_uppercase();
        out.push(s.sub_case(
            sub,
            format!("unit = {upper}"),
            &set_unit(&upper),
            &[Code::E020],
        ));
        let under = sub.stem.replace('-', "_");
        out.push(s.sub_case(
            sub,
            format!("unit = {under}"),
            &set_unit(&under),
            &[Code::E020],
        ));
        let dotted = format!("../{}", sub.stem);
        out.push(s.sub_case(
            sub,
            format!("unit = {dotted}"),
            &set_unit(&dotted),
            &[Code::E020],
        ));
        out.push(s.sub_case(sub, "unit = \"\"".into(), &set_unit(""), &[Code::E014]));
        // Renamed files.
        let unknown = format!("{}-cu", sub.stem);
        out.push(Case {
            name: format!("{}: file and unit renamed to {unknown}", sub.stem),
            input: s.with(&[(
                &format!("submissions/{CAMPAIGN}/{unknown}.toml"),
                set_unit(&unknown).into_bytes(),
            )]),
            expect: vec![Code::E022],
        });
        out.push(Case {
            name: format!("{}: file and unit of a unit not taking part", sub.stem),
            input: s.with(&[(
                &format!("submissions/{CAMPAIGN}/nong-nghiep-moi-truong.toml"),
                set_unit("nong-nghiep-moi-truong").into_bytes(),
            )]),
            expect: vec![Code::E023],
        });
        out.push(Case {
            name: format!("{}: copied to {other}.toml unchanged", sub.stem),
            input: s.with(&[(
                &format!("submissions/{CAMPAIGN}/{other}.toml"),
                t.clone().into_bytes(),
            )]),
            expect: vec![Code::E020],
        });
        // Campaign.
        out.push(s.sub_case(
            sub,
            "campaign = 2024-9t".into(),
            &set_campaign("2024-9t"),
            &[Code::E021],
        ));
        out.push(s.sub_case(
            sub,
            "campaign = 2023-9T".into(),
            &set_campaign("2023-9T"),
            &[Code::E021],
        ));
        out.push(s.sub_case(
            sub,
            "campaign = \"\"".into(),
            &set_campaign(""),
            &[Code::E014],
        ));
        out.push(Case {
            name: format!("{}: in folder 2024-9t saying 2024-9t", sub.stem),
            input: s.with(&[(
                &format!("submissions/2024-9t/{}.toml", sub.stem),
                set_campaign("2024-9t").into_bytes(),
            )]),
            expect: vec![Code::E024],
        });
        out.push(Case {
            name: format!("{}: in folder 2023-9t-nop-lai", sub.stem),
            input: s.with(&[(
                &format!("submissions/2023-9t-nop-lai/{}.toml", sub.stem),
                t.clone().into_bytes(),
            )]),
            expect: vec![Code::E021, Code::E024],
        });
        alternate(&mut out, from, i);
    }
    out
}
