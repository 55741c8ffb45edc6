//! Property tests: arbitrary bytes and arbitrary TOML never make cchc panic;
//! arbitrary valid submissions render with every text escaped in the HTML
//! and neutralised in the CSV; a unit's total is the sum of its rows; every
//! task has the state the task rule gives it, and the counts and groups of
//! tasks add up.
//!
//! `cargo test` runs 32 cases of each property. More, as .ci/run does:
//!
//! ```sh
//! CCHC_PROPTEST_CASES=25000 cargo test --release --test it properties::   # 4 × 25 000 = 100 000 cases
//! ```

// Test code: a failed unwrap is a failed test with its message.
#![allow(
    clippy::format_push_string,
    clippy::cast_possible_truncation,
    clippy::cast_precision_loss
)]

use std::path::PathBuf;
use std::sync::OnceLock;

use cchc_core::checked::TaskStatus;
use cchc_core::diag::render::{Format, Summary, render};
use cchc_core::export::neutralise;
use cchc_core::history::History;
use cchc_core::input::FileData;
use cchc_core::input::Input;
use cchc_core::model::Scoring;
use cchc_core::pipeline::Whole;
use cchc_core::pipeline::validate;
use cchc_core::report::{task_as_of, task_state};
use cchc_core::site::{Mode, Templates, render as render_site};
use cchc_core::text::{Lang, Localized, Text, escape_html, nfc};
use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("CCHC_PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(32)
}

fn now() -> jiff::Timestamp {
    "2023-09-14T05:00:00Z".parse().unwrap()
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(name)
}

/// The mini fixture without its submissions, read once.
fn mini() -> &'static Input {
    static MINI: OnceLock<Input> = OnceLock::new();
    MINI.get_or_init(|| {
        let mut input = cchc::fsio::read_repo(&fixture("tests/fixtures/mini")).unwrap();
        input.files.retain(|p, _| !p.starts_with("submissions/"));
        input
    })
}

/// The repository's sample content without its submissions, read once.
fn sample() -> &'static Input {
    static SAMPLE: OnceLock<Input> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let mut input = cchc::fsio::read_repo(&fixture("")).unwrap();
        input.files.retain(|p, _| !p.starts_with("submissions/"));
        input
    })
}

fn templates() -> &'static Templates {
    static T: OnceLock<Templates> = OnceLock::new();
    T.get_or_init(|| Templates::builtin().unwrap())
}

/// Validates and renders the diagnostics in every format and language: a
/// panic anywhere fails the property.
fn validate_everything(input: &Input) -> bool {
    let outcome = validate(input, now());
    let failed = outcome.diags.has_errors();
    let diags = outcome.diags.into_sorted();
    for format in [Format::Human, Format::Json, Format::Github] {
        for lang in [Lang::Vi, Lang::En] {
            let _ = render(&diags, &outcome.db, format, lang, false, Summary::default());
        }
    }
    failed
}

fn with_file(base: &Input, path: &str, bytes: Vec<u8>) -> Input {
    let mut input = base.clone();
    input.files.insert(path.to_owned(), FileData::Bytes(bytes));
    input
}

/// Keys cchc knows, so arbitrary documents often reach the deeper rules.
const KEYS: &[&str] = &[
    "campaign",
    "unit",
    "prepared_by",
    "name",
    "email",
    "phone",
    "task",
    "id",
    "status",
    "progress",
    "note",
    "shortcomings",
    "causes",
    "remedy",
    "score",
    "criterion",
    "not_applicable",
    "reason",
    "explanation",
    "evidence",
    "number",
    "date",
    "title",
    "url",
];

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(KEYS).prop_map(str::to_owned),
        1 => "[a-zA-Z_][a-zA-Z0-9_-]{0,12}",
    ]
}

fn toml_value() -> impl Strategy<Value = toml::Value> {
    let leaf = prop_oneof![
        any::<String>().prop_map(toml::Value::String),
        prop_oneof![
            Just("2023-9t"),
            Just("noi-vu"),
            Just("1.1.1"),
            Just("NV01"),
            Just("done")
        ]
        .prop_map(|s| toml::Value::String(s.to_owned())),
        any::<i64>().prop_map(toml::Value::Integer),
        any::<f64>().prop_map(toml::Value::Float),
        any::<bool>().prop_map(toml::Value::Boolean),
        (1900_u16..2200, 1_u8..13, 1_u8..29).prop_map(|(y, m, d)| {
            toml::Value::Datetime(format!("{y:04}-{m:02}-{d:02}").parse().unwrap())
        }),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..5).prop_map(toml::Value::Array),
            proptest::collection::btree_map(key(), inner, 0..6)
                .prop_map(|m| toml::Value::Table(m.into_iter().collect())),
        ]
    })
}

fn toml_document() -> impl Strategy<Value = String> {
    proptest::collection::btree_map(key(), toml_value(), 0..8).prop_map(|m| {
        let table: toml::Table = m.into_iter().collect();
        toml::to_string(&table).unwrap_or_default()
    })
}

/// Free text as a clerk (or an attacker) might type it: any characters,
/// markup, quotes, line breaks, spreadsheet formulas.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[^\u{0}-\u{1f}]{1,40}",
        any::<String>(),
        Just("<script>alert(1)</script>".to_owned()),
        Just("=HYPERLINK(\"http://x\",\"y\")".to_owned()),
        Just("\"'><img src=x onerror=alert(2)>".to_owned()),
        Just("Dòng 1\nDòng 2 & <b>3</b>".to_owned()),
    ]
    // Markers no template holds, at both ends, so "shown raw" cannot match
    // page markup next to the text by accident; no text is blank.
    .prop_map(|s| format!("Ⓠ{s}Ⓠ"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..1500)) {
        let input = with_file(mini(), "submissions/2023-9t/noi-vu.toml", bytes.clone());
        validate_everything(&input);
        let input = with_file(mini(), "content/campaigns/2023-9t/campaign.toml", bytes);
        validate_everything(&input);
    }

    #[test]
    fn arbitrary_toml_never_panics(doc in toml_document()) {
        let input = with_file(mini(), "submissions/2023-9t/noi-vu.toml", doc.clone().into_bytes());
        validate_everything(&input);
        let input = with_file(mini(), "content/units.toml", doc.into_bytes());
        validate_everything(&input);
    }

    #[test]
    fn valid_submissions_render_escaped_and_export_neutralised(
        name in text(), position in text(), unit_name in text(), note in text(),
        explanation in text(), number in text(), title in text(),
        score in 0_u8..5, at_risk in any::<bool>(),
        shortcomings in text(), causes in text(), remedy in text(),
    ) {
        let mut doc = toml::Table::new();
        doc.insert("campaign".into(), "2023-9t".into());
        doc.insert("unit".into(), "noi-vu".into());
        let mut prepared = toml::Table::new();
        prepared.insert("name".into(), name.clone().into());
        prepared.insert("position".into(), position.clone().into());
        prepared.insert("email".into(), "a@example.vn".into());
        doc.insert("prepared_by".into(), prepared.into());
        let mut task = toml::Table::new();
        task.insert("id".into(), "NV01".into());
        task.insert("note".into(), note.clone().into());
        if at_risk {
            task.insert("status".into(), "at_risk".into());
            task.insert("progress".into(), 50.into());
            task.insert("shortcomings".into(), shortcomings.clone().into());
            task.insert("causes".into(), causes.clone().into());
            task.insert("remedy".into(), remedy.clone().into());
        } else {
            task.insert("status".into(), "done".into());
            task.insert("progress".into(), 100.into());
        }
        doc.insert("task".into(), vec![toml::Value::Table(task)].into());
        let mut evidence = toml::Table::new();
        evidence.insert("number".into(), number.clone().into());
        evidence.insert("date".into(), toml::Value::Datetime("2023-03-20".parse().unwrap()));
        evidence.insert("title".into(), title.clone().into());
        let mut row = toml::Table::new();
        row.insert("criterion".into(), "1.1.1".into());
        row.insert("score".into(), toml::Value::Float(f64::from(score) * 0.25));
        row.insert("explanation".into(), explanation.clone().into());
        row.insert("evidence".into(), vec![toml::Value::Table(evidence)].into());
        doc.insert("score".into(), vec![toml::Value::Table(row)].into());
        let text_doc = toml::to_string(&doc).unwrap();

        let mut input = with_file(mini(), "submissions/2023-9t/noi-vu.toml", text_doc.into_bytes());
        let FileData::Bytes(units) = input.files["content/units.toml"].clone() else { panic!() };
        let units = String::from_utf8(units).unwrap().replacen(
            "name = \"Sở Nội vụ\"",
            &format!("name = {}", toml::Value::String(unit_name.clone())),
            1,
        );
        input.files.insert("content/units.toml".into(), FileData::Bytes(units.into_bytes()));

        let outcome = validate(&input, now());
        let errors: Vec<String> = outcome.diags.iter()
            .filter(|d| d.severity == cchc_core::diag::Severity::Error)
            .map(|d| format!("{} {} {}", d.span.file, d.code.as_str(), d.message.en))
            .collect();
        prop_assert!(errors.is_empty(), "{:?}", errors);
        let g = Whole::new(outcome, History::Unknown { reason: Text::new("", "") }, now());
        let site = render_site(&g.report(), &g.outcome.content, templates(), Mode::Publish).unwrap();
        let page = String::from_utf8(site["2023-9t/don-vi/noi-vu.html"].clone()).unwrap();
        let mut shown = vec![&name, &position, &note, &explanation, &number, &title];
        if at_risk {
            shown.extend([&shortcomings, &causes, &remedy]);
        }
        for t in shown {
            let cleaned = nfc(t.trim());
            prop_assert!(page.contains(&escape_html(&cleaned)), "not shown escaped: {:?}", cleaned);
            // Raw markup never reaches the page ("&" is no test: its escaped
            // form "&amp;" contains it).
            if cleaned.contains('<') {
                prop_assert!(!page.contains(&cleaned), "shown raw: {:?}", cleaned);
            }
        }
        // The CSVs as a program reads them: the BOM off, the illustrative
        // notice (a `#` line) skipped.
        // A row by its first cell, and the value of its column `column`.
        let read = |file: &str, id: &str, column: &str| {
            let csv = String::from_utf8(site[file][3..].to_vec()).unwrap();
            let mut reader = csv::ReaderBuilder::new().comment(Some(b'#')).from_reader(csv.as_bytes());
            let at = reader.headers().unwrap().iter().position(|h| h == column).unwrap();
            let row = reader.records().map(Result::unwrap).find(|r| &r[0] == id).unwrap();
            row[at].to_owned()
        };
        let name = nfc(unit_name.trim());
        let expected = neutralise(&name);
        prop_assert_eq!(read("2023-9t/bang-tong-hop.csv", "1.1.1", "Đơn vị chấm"), expected);
        let note = nfc(note.trim());
        prop_assert_eq!(read("2023-9t/bang-tong-hop-nhiem-vu.csv", "NV01", "Kết quả"), neutralise(&note));
    }

    #[test]
    fn a_units_total_is_the_sum_of_its_rows(
        picks in proptest::collection::vec((any::<u16>(), any::<bool>()), 8),
    ) {
        // Sở Tư pháp's appendix of the sample, scored at random on each
        // row's steps, some rows not applicable.
        let content = &*SAMPLE_CONTENT;
        let campaign = &content.campaigns["2023-9t"];
        let p = campaign.participant("tu-phap").unwrap();
        let mut doc = String::from(
            "campaign = \"2023-9t\"\nunit = \"tu-phap\"\n[prepared_by]\nname = \"A\"\nemail = \"a@example.vn\"\n",
        );
        for t in campaign.tasks_of("tu-phap") {
            doc.push_str(&format!("[[task]]\nid = \"{}\"\nstatus = \"done\"\nprogress = 100\n", t.id));
        }
        let (mut total, mut max) = (0_i64, 0_i64);
        for (i, &r) in p.rows.iter().enumerate() {
            let row = &campaign.criteria.rows[r];
            let (pick, na) = picks[i % picks.len()];
            doc.push_str(&format!("[[score]]\ncriterion = \"{}\"\n", row.id));
            if na {
                doc.push_str("not_applicable = true\nreason = \"Không áp dụng\"\n");
                continue;
            }
            let milli = match row.scoring {
                Scoring::AllOrNothing => if pick % 2 == 0 { 0 } else { row.max.milli() },
                Scoring::Graded => {
                    let steps = row.max.milli() / row.step.milli();
                    (i64::from(pick) % (steps + 1)) * row.step.milli()
                }
            };
            total += milli;
            max += row.max.milli();
            doc.push_str(&format!(
                "score = {}\nexplanation = \"x\"\n[[score.evidence]]\nnumber = \"1/QĐ\"\ndate = 2023-03-20\ntitle = \"x\"\n",
                milli as f64 / 1000.0
            ));
        }
        let input = with_file(sample(), "submissions/2023-9t/tu-phap.toml", doc.into_bytes());
        let outcome = validate(&input, now());
        prop_assert!(!outcome.diags.has_errors());
        let g = Whole::new(outcome, History::Unknown { reason: Text::new("", "") }, now());
        let report = g.report();
        let u = report.campaigns[0].units.iter().find(|u| u.id == "tu-phap").unwrap();
        let rows_sum: f64 = u.rows.iter().filter_map(|r| r.score.as_ref()).map(|s| s.value).sum();
        prop_assert!((u.total.as_ref().unwrap().value - rows_sum).abs() < 1e-9);
        prop_assert!((u.total.as_ref().unwrap().value - total as f64 / 1000.0).abs() < 1e-9);
        prop_assert!((u.max.value - max as f64 / 1000.0).abs() < 1e-9);
        // The province's total is the sum of every row too.
        let c = &report.campaigns[0];
        let all: f64 = c.rows.iter().filter(|r| r.scored).filter_map(|r| r.score.as_ref()).map(|s| s.value).sum();
        prop_assert!((c.province.score.value - all).abs() < 1e-9);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn every_task_has_the_rules_state_and_the_counts_add_up(
        picks in proptest::collection::vec((0_usize..4, 0_u8..3, 0_i64..15), 3),
        today in 0_i64..23,
    ) {
        // Sở Tư pháp's three tasks due around the cut-off (10/9/2023), each
        // with any status and any progress (a mismatch is only a warning),
        // the site built on a day around it.
        let statuses = ["done", "in_progress", "not_started", "at_risk"];
        let start = jiff::civil::date(2023, 9, 1);
        let FileData::Bytes(plan) = sample().files["content/campaigns/2023-9t/plan.toml"].clone() else { panic!() };
        let plan = String::from_utf8(plan).unwrap();
        let mut blocks: Vec<String> = plan.split("[[task]]").map(str::to_owned).collect();
        let mut doc: toml::Table =
            std::fs::read_to_string(fixture("submissions/2023-9t/tu-phap.toml")).unwrap().parse().unwrap();
        let mut tasks = Vec::new();
        for (id, &(status, progress, due)) in ["NV11", "NV12", "NV13"].iter().zip(&picks) {
            let due = start.checked_add(jiff::Span::new().days(due)).unwrap();
            let block = blocks.iter_mut().find(|b| b.contains(&format!("id = \"{id}\""))).unwrap();
            *block = block
                .lines()
                .map(|l| if l.starts_with("due = ") { format!("due = {due}") } else { l.to_owned() })
                .collect::<Vec<_>>()
                .join("\n") + "\n";
            let mut task = toml::Table::new();
            task.insert("id".into(), (*id).into());
            task.insert("status".into(), statuses[status].into());
            task.insert("progress".into(), (i64::from(progress) * 50).into());
            for key in ["shortcomings", "causes", "remedy"] {
                task.insert(key.into(), "x".into());
            }
            tasks.push(toml::Value::Table(task));
        }
        doc.insert("task".into(), tasks.into());
        let mut input = with_file(sample(), "submissions/2023-9t/tu-phap.toml", toml::to_string(&doc).unwrap().into_bytes());
        input.files.insert(
            "content/campaigns/2023-9t/plan.toml".into(),
            FileData::Bytes(blocks.join("[[task]]").into_bytes()),
        );
        let now = jiff::civil::date(2023, 8, 29)
            .checked_add(jiff::Span::new().days(today))
            .unwrap()
            .at(12, 0, 0, 0)
            .in_tz("Asia/Ho_Chi_Minh")
            .unwrap()
            .timestamp();
        let outcome = validate(&input, now);
        prop_assert!(!outcome.diags.has_errors(), "{:?}", outcome.diags.into_sorted().iter().map(|d| d.message.en.clone()).collect::<Vec<_>>());
        let campaign = outcome.content.campaigns["2023-9t"].clone();
        let g = Whole::new(outcome, History::Unknown { reason: Text::new("", "") }, now);
        let report = g.report();
        let c = &report.campaigns[0];
        let as_of = task_as_of(campaign.cutoff, campaign.time_zone.to_datetime(now).date());
        prop_assert_eq!(&c.task_as_of, &as_of.in_lang(Lang::Vi));

        // Each task: the rule's state for its due date and reported status.
        prop_assert_eq!(c.tasks.len(), campaign.tasks.len());
        for (t, v) in campaign.tasks.iter().zip(&c.tasks) {
            let reported = v.status.and_then(TaskStatus::parse);
            prop_assert_eq!(v.state, task_state(t.due, as_of, reported), "{}", t.id);
        }
        let tu_phap = c.units.iter().find(|u| u.id == "tu-phap").unwrap();
        prop_assert_eq!(tu_phap.tasks.iter().filter(|t| t.status.is_some()).count(), 3);

        // Counts add up; the groups hold every task once, in its state, by
        // due date then plan order.
        prop_assert_eq!(c.task_counts.iter().map(|k| k.count).sum::<usize>(), c.tasks.len());
        let mut seen = vec![false; c.tasks.len()];
        for k in &c.task_counts {
            let group = c.task_groups.iter().find(|g| g.state == k.state);
            prop_assert_eq!(group.map_or(0, |g| g.tasks.len()), k.count);
        }
        for g in &c.task_groups {
            for &i in &g.tasks {
                prop_assert_eq!(c.tasks[i].state, g.state);
                prop_assert!(!std::mem::replace(&mut seen[i], true));
            }
            prop_assert!(g.tasks.windows(2).all(|w| (campaign.tasks[w[0]].due, w[0]) < (campaign.tasks[w[1]].due, w[1])));
        }
        prop_assert!(seen.iter().all(|s| *s));
        let mut seen = vec![false; c.tasks.len()];
        for l in &c.task_leads {
            prop_assert_eq!(l.counts.iter().map(|k| k.count).sum::<usize>(), l.tasks.len());
            for &i in &l.tasks {
                prop_assert_eq!(&campaign.tasks[i].lead, &l.unit);
                prop_assert!(!std::mem::replace(&mut seen[i], true));
            }
        }
        prop_assert!(seen.iter().all(|s| *s));
        for u in &c.units {
            prop_assert_eq!(u.task_counts.iter().map(|k| k.count).sum::<usize>(), u.tasks.len());
        }
    }
}

static SAMPLE_CONTENT: std::sync::LazyLock<cchc_core::model::Content> =
    std::sync::LazyLock::new(|| validate(sample(), now()).content);
