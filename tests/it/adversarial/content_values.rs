//! Content, continued: hostile values (numbers, times, zones) and the other
//! content rules, once each.

use cchc_core::diag::Code;
use cchc_core::input::Input;

use super::content::{CAMPAIGN_TOML, CRITERIA, PLAN, RECEIPTS, UNITS};
use super::encoding::{utf16, windows_1258};
use super::sample::{Case, Sample, replace1};

/// The inputs of the family `content` after those of
/// [`super::content::content`], which passes the sample's content texts.
pub(super) fn values_and_rules(
    s: &Sample,
    campaign: &str,
    criteria: &str,
    units: &str,
    plan: &str,
) -> Vec<Case> {
    let mut out = Vec::new();
    let mut push =
        |name: String, input: Input, expect: &[Code]| out.push(Case::new(name, input, expect));
    // Hostile values in content: numbers, times, zones.
    let cv = "content/campaigns/2023-9t/cong-van.md";
    let page = s.content_text(cv);
    let value_probes: Vec<(&str, &str, &str, String, Code)> = vec![
        (
            CRITERIA,
            "max = 0.5\nscoring",
            "max = nan\nscoring",
            "criteria: max = nan".into(),
            Code::E085,
        ),
        (
            CRITERIA,
            "max = 0.5\nscoring",
            "max = inf\nscoring",
            "criteria: max = inf".into(),
            Code::E085,
        ),
        (
            CRITERIA,
            "max = 0.5\nscoring",
            "max = 1e400\nscoring",
            "criteria: max = 1e400".into(),
            Code::E085,
        ),
        (
            CRITERIA,
            "max = 0.5\nscoring",
            "max = 0.0001\nscoring",
            "criteria: max = 0.0001".into(),
            Code::E085,
        ),
        (
            CRITERIA,
            "max = 0.5\nscoring",
            "max = 1e13\nscoring",
            "criteria: max = 1e13".into(),
            Code::E085,
        ),
        (
            CRITERIA,
            "max = 0.5\nscoring",
            "max = -0.5\nscoring",
            "criteria: max = -0.5".into(),
            Code::E085,
        ),
        (
            CRITERIA,
            "max = 0.5\nscoring",
            "max = 99999999999999999999\nscoring",
            "criteria: max = 99999999999999999999".into(),
            Code::E004,
        ),
        (
            CRITERIA,
            "max = 0.5\nscoring",
            "max = 0x\nscoring",
            "criteria: max = 0x".into(),
            Code::E004,
        ),
        (
            CRITERIA,
            "max = 0.5\nscoring",
            "max = \"0,5\"\nscoring",
            "criteria: max = \"0,5\"".into(),
            Code::E011,
        ),
        (
            CRITERIA,
            "total = 100",
            "total = nan",
            "criteria: total = nan".into(),
            Code::E085,
        ),
        (
            CRITERIA,
            "total = 100",
            "total = 0b",
            "criteria: total = 0b".into(),
            Code::E004,
        ),
        (
            CRITERIA,
            "step = 0.25",
            "step = 0.0001",
            "criteria: step = 0.0001".into(),
            Code::E085,
        ),
        (
            CRITERIA,
            "step = 0.25",
            "step = inf",
            "criteria: step = inf".into(),
            Code::E085,
        ),
        (
            CRITERIA,
            "min_percent = 90",
            "min_percent = nan",
            "criteria: min_percent = nan".into(),
            Code::E085,
        ),
        (
            CRITERIA,
            "min_percent = 90",
            "min_percent = 0x",
            "criteria: min_percent = 0x".into(),
            Code::E004,
        ),
        (
            CRITERIA,
            "min_percent = 90",
            "min_percent = 1e400",
            "criteria: min_percent = 1e400".into(),
            Code::E085,
        ),
        (
            CRITERIA,
            "min_percent = 90",
            "min_percent = \"90%\"",
            "criteria: min_percent = \"90%\"".into(),
            Code::E011,
        ),
        (
            CAMPAIGN_TOML,
            "deadline = 2023-09-15T00:00:00",
            "deadline = 2023-09-15T24:00:00",
            "campaign: deadline at 24:00".into(),
            Code::E004,
        ),
        (
            CAMPAIGN_TOML,
            "deadline = 2023-09-15T00:00:00",
            "deadline = 2023-09-15",
            "campaign: deadline without a time".into(),
            Code::E015,
        ),
        (
            CAMPAIGN_TOML,
            "deadline = 2023-09-15T00:00:00",
            "deadline = \"2023-09-15T00:00:00\"",
            "campaign: deadline in quotes".into(),
            Code::E011,
        ),
        (
            CAMPAIGN_TOML,
            "cutoff = 2023-09-10",
            "cutoff = 2023-02-30",
            "campaign: cutoff = 2023-02-30".into(),
            Code::E004,
        ),
        (
            CAMPAIGN_TOML,
            "cutoff = 2023-09-10",
            "cutoff = 2023-09-10T00:00:00",
            "campaign: cutoff with a time".into(),
            Code::E015,
        ),
        (
            CAMPAIGN_TOML,
            "Asia/Ho_Chi_Minh",
            "",
            "campaign: empty time zone".into(),
            Code::E014,
        ),
        (
            CAMPAIGN_TOML,
            "Asia/Ho_Chi_Minh",
            "UTC+7",
            "campaign: time zone UTC+7".into(),
            Code::E083,
        ),
        (
            CAMPAIGN_TOML,
            "Asia/Ho_Chi_Minh",
            "../../../etc/passwd",
            "campaign: time zone as a path".into(),
            Code::E083,
        ),
        (
            RECEIPTS,
            "pull_request = 1\n",
            "pull_request = 99999999999999999999\n",
            "receipts: pull_request out of range".into(),
            Code::E004,
        ),
        (
            RECEIPTS,
            "pull_request = 1\n",
            "pull_request = 0x\n",
            "receipts: pull_request = 0x".into(),
            Code::E004,
        ),
        (
            RECEIPTS,
            "pull_request = 1\n",
            "pull_request = 1.5\n",
            "receipts: pull_request = 1.5".into(),
            Code::E011,
        ),
        (
            RECEIPTS,
            "received = 2023-09-08T10:00:00",
            "received = 2023-09-31T10:00:00",
            "receipts: received on 31 September".into(),
            Code::E004,
        ),
        (
            RECEIPTS,
            "channel = \"paper\"",
            "channel = \"fax\"",
            "receipts: channel fax".into(),
            Code::E013,
        ),
        (
            cv,
            "weight = 1",
            "weight = 99999999999999999999",
            "page: weight out of range".into(),
            Code::E004,
        ),
        (
            cv,
            "weight = 1",
            "weight = 0x",
            "page: weight = 0x".into(),
            Code::E004,
        ),
        (
            UNITS,
            "until = 2025-02-28",
            "until = 2025-02-29",
            "units: until = 2025-02-29".into(),
            Code::E004,
        ),
        (
            UNITS,
            "id = \"tu-phap\"",
            "id = \"../tu-phap\"",
            "units: id ../tu-phap".into(),
            Code::E016,
        ),
        (
            UNITS,
            "id = \"tu-phap\"",
            "id = \"tư-pháp\"",
            "units: id with diacritics".into(),
            Code::E016,
        ),
        (
            UNITS,
            "id = \"tu-phap\"",
            "id = \"\"",
            "units: empty id".into(),
            Code::E014,
        ),
    ];
    for (path, from, to, name, code) in value_probes {
        let text = if path == cv {
            page.clone()
        } else {
            s.content_text(path)
        };
        assert!(text.contains(from), "{name}: {from:?} not in {path}");
        push(
            name,
            s.content_with(path, replace1(&text, from, to)),
            &[code],
        );
    }
    // Other content rules, once each.
    push(
        "units: a unit id twice".into(),
        s.content_with(
            UNITS,
            format!(
                "{units}\n[[unit]]\nid = \"tu-phap\"\nname = \"Sở Tư pháp\"\nowners = [\"x\"]\n"
            ),
        ),
        &[Code::E070],
    );
    push(
        "units: missing".into(),
        {
            let mut i = s.content_only.clone();
            i.files.remove(UNITS);
            i
        },
        &[Code::E089],
    );
    push(
        "plan: missing".into(),
        {
            let mut i = s.content_only.clone();
            i.files.remove(PLAN);
            i
        },
        &[Code::E089],
    );
    push(
        "criteria: step = 0".into(),
        s.content_with(CRITERIA, replace1(criteria, "step = 0.25", "step = 0")),
        &[Code::E085],
    );
    push(
        "criteria: step = -0.25".into(),
        s.content_with(CRITERIA, replace1(criteria, "step = 0.25", "step = -0.25")),
        &[Code::E085],
    );
    push(
        "criteria: step = nan".into(),
        s.content_with(CRITERIA, replace1(criteria, "step = 0.25", "step = nan")),
        &[Code::E085],
    );
    push(
        "criteria: a row id twice".into(),
        s.content_with(
            CRITERIA,
            replace1(criteria, "id = \"1.1.2\"", "id = \"1.1.1\""),
        ),
        &[Code::E070],
    );
    push(
        "campaign: unknown criteria set".into(),
        s.content_with(
            CAMPAIGN_TOML,
            replace1(
                campaign,
                "criteria_set = \"cchc-tinh-2023\"",
                "criteria_set = \"cchc-tinh-2024\"",
            ),
        ),
        &[Code::E082],
    );
    push(
        "campaign: time zone Asia/Hanoi".into(),
        s.content_with(
            CAMPAIGN_TOML,
            replace1(campaign, "Asia/Ho_Chi_Minh", "Asia/Hanoi"),
        ),
        &[Code::E083],
    );
    push(
        "campaign: id not the folder".into(),
        s.content_with(
            CAMPAIGN_TOML,
            replace1(campaign, "id = \"2023-9t\"", "id = \"2023-9T\""),
        ),
        &[Code::E084],
    );
    push(
        "campaign: unknown appendix".into(),
        s.content_with(
            CAMPAIGN_TOML,
            replace1(campaign, "appendix = \"XVII\"", "appendix = \"XVIII\""),
        ),
        &[Code::E080],
    );
    push(
        "campaign: survey row in an appendix".into(),
        s.content_with(
            CAMPAIGN_TOML,
            replace1(campaign, "rows = [\"1.4.2\"", "rows = [\"1.5\", \"1.4.2\""),
        ),
        &[Code::E079],
    );
    push(
        "plan: task area unknown".into(),
        s.content_with(PLAN, replace1(plan, "area = \"1\"", "area = \"9\"")),
        &[Code::E091],
    );
    push(
        "units: an owner changed without CODEOWNERS".into(),
        s.content_with(
            UNITS,
            replace1(
                units,
                "owners = [\"hy-sotuphap\"]",
                "owners = [\"hy-sotuphap-moi\"]",
            ),
        ),
        &[Code::E092],
    );
    push(
        "page: YAML front matter".into(),
        s.content_with(
            "content/campaigns/2023-9t/cong-van.md",
            "---\ntitle: x\n---\nbody\n".into(),
        ),
        &[Code::E090],
    );
    push(
        "page: front matter with a syntax error".into(),
        s.content_with(
            "content/campaigns/2023-9t/cong-van.md",
            "+++\ntitle = \"x\nweight = 1\n+++\nbody\n".into(),
        ),
        &[Code::E004],
    );
    push(
        "units: UTF-16".into(),
        s.with(&[(UNITS, utf16(units, false, true))]),
        &[Code::E001],
    );
    push(
        "criteria: Windows-1258".into(),
        s.with(&[(CRITERIA, windows_1258(criteria))]),
        &[Code::E001],
    );
    push(
        "campaign: NUL byte".into(),
        s.with(&[(CAMPAIGN_TOML, format!("{campaign}\0").into_bytes())]),
        &[Code::E002],
    );
    push(
        "criteria: 9 MB".into(),
        s.with(&[(CRITERIA, {
            let mut b = criteria.as_bytes().to_vec();
            b.push(b'#');
            b.resize(9_000_000, b'x');
            b
        })]),
        &[Code::E003],
    );
    out
}
