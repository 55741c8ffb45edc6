//! Every sum and count a page shows adds up from the parts it shows, on the
//! sample and on synthetic repositories; and the JSON export's totals are
//! the sums of its rows.
//!
//! The pages mark what adds up (ARCHITECTURE.md, "The site"): inside an
//! element with `data-sums` (a table, a paragraph, a definition), each
//! element `data-sum="NAME"` shows a total and each `data-add="NAME"` one
//! of its parts (several names, space-separated, when a cell is a part of a
//! column and of a row). A part's number is its text, or its `data-value`
//! when the text is a word ("không áp dụng", "—"). A footer number that is
//! not marked fails: a total nobody checks is what this test is against.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

use crate::common::root;
use crate::scale::{generate, small, synth};

/// A number as the pages write it: "13,5", "1.234,5", "7", "80%".
fn number(text: &str) -> Option<f64> {
    let t: String = text
        .trim()
        .trim_end_matches('%')
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let t = if t.contains(',') || t.matches('.').count() > 1 {
        t.replace('.', "").replace(',', ".")
    } else {
        t
    };
    t.parse().ok()
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// The nearest ancestor (or itself) marked `data-sums`.
fn scope_of(e: ElementRef<'_>) -> Option<ElementRef<'_>> {
    e.ancestors()
        .filter_map(ElementRef::wrap)
        .find(|a| a.value().attr("data-sums").is_some())
}

fn text(e: ElementRef<'_>) -> String {
    e.text().collect()
}

/// The problems of one page: sums that do not add up, marks without a
/// scope or a number, totals without parts, unmarked footer numbers.
/// A scope's marks: name → (totals, parts).
type Sums = BTreeMap<String, (Vec<f64>, Vec<f64>)>;

fn check_page(name: &str, html: &str) -> (Vec<String>, usize) {
    let doc = Html::parse_document(html);
    let mut problems = Vec::new();
    let mut checked = 0;
    // By the scope's position in the document: its first words, its marks.
    let mut scopes: BTreeMap<usize, (String, Sums)> = BTreeMap::new();
    let ids: BTreeMap<_, usize> = doc
        .select(&sel("[data-sums]"))
        .enumerate()
        .map(|(i, e)| (e.id(), i))
        .collect();
    for e in doc.select(&sel("[data-sum], [data-add]")) {
        let shown = text(e);
        let Some(scope) = scope_of(e) else {
            problems.push(format!("{name}: {shown:?} is marked outside any data-sums"));
            continue;
        };
        let value = match e.value().attr("data-value") {
            Some(v) => number(v),
            None => number(&shown),
        };
        let Some(value) = value else {
            problems.push(format!(
                "{name}: {shown:?} is not a number (give data-value)"
            ));
            continue;
        };
        let (_, sums) = scopes.entry(ids[&scope.id()]).or_insert_with(|| {
            (
                text(scope)
                    .split_whitespace()
                    .take(12)
                    .collect::<Vec<_>>()
                    .join(" "),
                Sums::new(),
            )
        });
        for n in e.value().attr("data-sum").unwrap_or("").split_whitespace() {
            sums.entry(n.to_owned()).or_default().0.push(value);
        }
        for n in e.value().attr("data-add").unwrap_or("").split_whitespace() {
            sums.entry(n.to_owned()).or_default().1.push(value);
        }
    }
    for (where_, sums) in scopes.values() {
        for (n, (totals, parts)) in sums {
            match (totals.as_slice(), parts.is_empty()) {
                ([total], false) => {
                    let sum: f64 = parts.iter().sum();
                    checked += 1;
                    if (sum - total).abs() > 0.0005 {
                        problems.push(format!(
                            "{name}: {n} in «{where_}…»: the parts {parts:?} add up to {sum}, the total shown is {total}"
                        ));
                    }
                }
                (_, true) => problems.push(format!("{name}: {n} in «{where_}…» has no parts")),
                _ => problems.push(format!(
                    "{name}: {n} in «{where_}…» has {} totals",
                    totals.len()
                )),
            }
        }
    }
    for td in doc.select(&sel("tfoot td, tfoot td span")) {
        let marked = td.value().attr("data-sum").is_some() || td.value().attr("data-add").is_some();
        let has_marked_child = td.select(&sel("[data-sum], [data-add]")).next().is_some();
        let shown = text(td);
        if !marked && !has_marked_child && number(&shown).is_some() && !shown.contains('%') {
            problems.push(format!(
                "{name}: footer number {shown:?} is not marked as a sum"
            ));
        }
    }
    (problems, checked)
}

/// Every HTML page under `site`, checked; the JSON exports too.
fn check_site(site: &Path) -> (Vec<String>, usize) {
    let mut problems = Vec::new();
    let mut checked = 0;
    let mut stack = vec![site.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.strip_prefix(site).unwrap().display().to_string();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                let (p, n) = check_page(&name, &fs::read_to_string(&path).unwrap());
                problems.extend(p);
                checked += n;
            } else if name.ends_with("bang-tong-hop.json") {
                problems.extend(check_json(&name, &fs::read_to_string(&path).unwrap()));
                checked += 1;
            }
        }
    }
    (problems, checked)
}

/// The export's province totals are its rows' and its units' sums.
fn check_json(name: &str, json: &str) -> Vec<String> {
    let doc: Value = serde_json::from_str(json).unwrap();
    let mut problems = Vec::new();
    let rows = doc["rows"].as_array().unwrap();
    let units = doc["units"].as_array().unwrap();
    let self_rows: Vec<&Value> = rows
        .iter()
        .filter(|r| r["source"] == "self" && r["level"] != "area" && !has_children(rows, r))
        .collect();
    let score: f64 = self_rows.iter().filter_map(|r| r["score"].as_f64()).sum();
    let units_score: f64 = units.iter().filter_map(|u| u["total"].as_f64()).sum();
    let province = &doc["province"];
    let shown = province["score"].as_f64().unwrap();
    for (what, sum) in [("rows' scores", score), ("units' totals", units_score)] {
        if (sum - shown).abs() > 0.0005 {
            problems.push(format!(
                "{name}: province.score {shown} but the {what} add up to {sum}"
            ));
        }
    }
    let scored = self_rows.iter().filter(|r| !r["score"].is_null()).count();
    if province["rows_scored"].as_u64() != Some(scored as u64) {
        problems.push(format!(
            "{name}: province.rows_scored {} but {scored} rows have a score",
            province["rows_scored"]
        ));
    }
    if province["rows_self_assessed"].as_u64() != Some(self_rows.len() as u64) {
        problems.push(format!(
            "{name}: province.rows_self_assessed {} but {} rows are self-assessed",
            province["rows_self_assessed"],
            self_rows.len()
        ));
    }
    problems
}

/// A row with sub-criteria (scored through them, not itself).
fn has_children(rows: &[Value], r: &Value) -> bool {
    let id = r["id"].as_str().unwrap_or_default();
    r["level"] == "criterion"
        && rows.iter().any(|s| {
            s["level"] == "sub"
                && s["id"]
                    .as_str()
                    .is_some_and(|s| s.starts_with(&format!("{id}.")))
        })
}

pub(crate) fn build(repo: &Path, out: &Path) {
    let o = Command::new(env!("CARGO_BIN_EXE_cchc"))
        .args([
            "--repo",
            repo.to_str().unwrap(),
            "build",
            "--out",
            out.to_str().unwrap(),
        ])
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

pub(crate) fn assert_adds_up(site: &Path, at_least: usize) {
    let (problems, checked) = check_site(site);
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert!(checked >= at_least, "only {checked} sums checked");
}

#[test]
fn every_sum_on_the_sample_adds_up() {
    let out = tempfile::tempdir().unwrap();
    let site: PathBuf = out.path().join("site");
    build(&root(), &site);
    // The dashboard alone shows more than twenty sums.
    assert_adds_up(&site, 40);
}

#[test]
fn every_sum_on_synthetic_repositories_adds_up() {
    for communes in [false, true] {
        let spec = synth::Spec {
            communes,
            ..small(true)
        };
        let dir = generate(&spec);
        let site = dir.path().join("site");
        build(&dir.path().join("repo"), &site);
        assert_adds_up(&site, 40);
    }
}

/// A site built elsewhere, such as a bench preset's (`bench/run.py`
/// builds them at scale): `CCHC_SUMS_SITE=DIR cargo test --release --test it
/// sums::a_built_site -- --ignored`.
#[test]
#[ignore = "checks the site named by CCHC_SUMS_SITE, built beforehand (the bench presets)"]
fn a_built_site_adds_up() {
    let site = std::env::var_os("CCHC_SUMS_SITE").expect("CCHC_SUMS_SITE: a built site's folder");
    let (problems, checked) = check_site(Path::new(&site));
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    eprintln!("{checked} sums checked");
    assert!(checked > 0);
}

#[test]
fn the_checker_finds_a_sum_that_does_not_add_up() {
    let page = r#"<table data-sums><tbody>
        <tr><td data-add="max">1,5</td><td data-add="score" data-value="0"><span>không áp dụng</span></td></tr>
        <tr><td data-add="max">2</td><td data-add="score">1,25</td></tr>
        </tbody><tfoot><tr><td data-sum="max">3,5</td><td data-sum="score">1,5</td><td>7</td></tr></tfoot></table>
        <p data-sums><span data-sum="rows">3</span> = <span data-add="rows">2</span></p>
        <span data-add="x">1</span>"#;
    let (problems, checked) = check_page("t.html", page);
    assert_eq!(checked, 3, "{problems:?}");
    let joined = problems.join("\n");
    assert!(
        joined.contains("score") && joined.contains("add up to 1.25"),
        "{joined}"
    );
    assert!(
        joined.contains("rows") && joined.contains("add up to 2"),
        "{joined}"
    );
    assert!(joined.contains("footer number \"7\""), "{joined}");
    assert!(joined.contains("outside any data-sums"), "{joined}");
    assert!(!joined.contains(" max "), "{joined}");
    assert_eq!(number("1.234,5"), Some(1234.5));
    assert_eq!(number("80%"), Some(80.0));
    assert_eq!(number("—"), None);
}
