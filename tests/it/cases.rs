//! Data-driven validation cases. Each folder under tests/cases/ is one case:
//!
//! - `case.toml`: which fixture repository it starts from (`base`), the
//!   clock (`now`), and mutations: files to `delete` (or all submissions,
//!   `without_submissions`), text to `replace`, large files to `generate`;
//! - `files/`: files laid over the base at the same paths;
//! - `expected.human` and `expected.json`: what `cchc validate` prints, in
//!   Vietnamese, for the result.
//!
//! Run with `UPDATE_EXPECT=1 cargo test --test it cases::` to rewrite the
//! expectations after a deliberate change, then review the diff.

// Test code: a failed unwrap is a failed test with its message.

use crate::common::root;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use cchc::fsio::{read_repo, relative};
use cchc_core::diag::Code;
use cchc_core::diag::render::{Format, Summary, render};
use cchc_core::input::FileData;
use cchc_core::input::Input;
use cchc_core::pipeline::validate;
use cchc_core::text::Lang;

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    description: String,
    #[serde(default = "default_base")]
    base: String,
    now: Option<toml::value::Datetime>,
    #[serde(default)]
    delete: Vec<String>,
    /// Leave out every submission of the base (a case about content/ only).
    #[serde(default)]
    without_submissions: bool,
    #[serde(default)]
    replace: Vec<Replace>,
    #[serde(default)]
    generate: Vec<Generate>,
}

fn default_base() -> String {
    "mini".into()
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Replace {
    path: String,
    from: String,
    to: String,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Generate {
    path: String,
    /// Written first.
    #[serde(default)]
    head: String,
    /// Repeated `times` times after the head.
    unit: String,
    times: usize,
}

fn base_input(base: &str) -> Input {
    let dir = match base {
        "sample" => root(),
        "empty" => return Input::default(),
        name => root().join("tests/fixtures").join(name),
    };
    read_repo(&dir).unwrap_or_else(|e| panic!("base {base}: {e}"))
}

/// Builds the input of a case from its base and mutations.
fn case_input(dir: &Path, case: &Case) -> Result<Input, String> {
    let mut input = base_input(&case.base);
    if case.without_submissions {
        input.files.retain(|p, _| !p.starts_with("submissions/"));
    }
    for path in &case.delete {
        input
            .files
            .remove(path)
            .ok_or_else(|| format!("delete: {path} is not in base {}", case.base))?;
    }
    for r in &case.replace {
        let Some(FileData::Bytes(bytes)) = input.files.get_mut(&r.path) else {
            return Err(format!("replace: {} is not in the input", r.path));
        };
        let text = String::from_utf8(bytes.clone()).map_err(|e| e.to_string())?;
        if !text.contains(&r.from) {
            return Err(format!("replace: {:?} not found in {}", r.from, r.path));
        }
        *bytes = text.replace(&r.from, &r.to).into_bytes();
    }
    for g in &case.generate {
        let mut text = g.head.clone();
        text.push_str(&g.unit.repeat(g.times));
        input
            .files
            .insert(g.path.clone(), FileData::Bytes(text.into_bytes()));
    }
    let files = dir.join("files");
    if files.is_dir() {
        let overlay = read_all(&files);
        for (path, bytes) in overlay {
            input.files.insert(path, FileData::Bytes(bytes));
        }
    }
    Ok(input)
}

/// Every file under `dir`, by path relative to it. Unlike the repository
/// reader this takes any file, including ones a case puts in odd places.
fn read_all(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push((relative(dir, &path).unwrap(), fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

struct Outputs {
    human: String,
    json: String,
    codes: BTreeSet<Code>,
}

fn run(dir: &Path) -> Result<Outputs, String> {
    let case_text =
        fs::read_to_string(dir.join("case.toml")).map_err(|e| format!("case.toml: {e}"))?;
    let case: Case = toml::from_str(&case_text).map_err(|e| format!("case.toml: {e}"))?;
    assert!(!case.description.trim().is_empty());
    let input = case_input(dir, &case)?;
    let now = match &case.now {
        Some(d) => d
            .to_string()
            .parse::<jiff::Timestamp>()
            .map_err(|e| e.to_string())?,
        None => "2023-09-14T05:00:00Z".parse().unwrap(),
    };
    let outcome = validate(&input, now);
    let diags = outcome.diags.into_sorted();
    let summary = Summary {
        files: outcome.files,
    };
    Ok(Outputs {
        human: render(&diags, &outcome.db, Format::Human, Lang::Vi, false, summary),
        json: render(&diags, &outcome.db, Format::Json, Lang::Vi, false, summary),
        codes: diags.iter().map(|d| d.code).collect(),
    })
}

fn compare(path: &Path, actual: &str, update: bool) -> Result<(), String> {
    if update {
        fs::write(path, actual).map_err(|e| e.to_string())?;
        return Ok(());
    }
    let expected = fs::read_to_string(path).unwrap_or_default();
    if expected == actual {
        return Ok(());
    }
    Err(format!(
        "{} differs.\n--- expected\n{expected}\n--- actual\n{actual}",
        path.display()
    ))
}

fn case_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(root().join("tests/cases"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("case.toml").is_file())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn validation_cases() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = Vec::new();
    let mut covered: BTreeSet<Code> = BTreeSet::new();
    let dirs = case_dirs();
    for dir in &dirs {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        match run(dir) {
            Ok(out) => {
                covered.extend(out.codes.iter().copied());
                for (file, text) in [("expected.human", &out.human), ("expected.json", &out.json)] {
                    if let Err(e) = compare(&dir.join(file), text, update) {
                        failures.push(format!("[{name}] {e}"));
                    }
                }
                // A case named after a code must produce that code.
                if let Some(code) = name.split('-').next().and_then(Code::parse)
                    && !out.codes.contains(&code)
                {
                    failures.push(format!("[{name}] does not report {}", code.as_str()));
                }
            }
            Err(e) => failures.push(format!("[{name}] {e}")),
        }
    }
    // The gate's codes are judged on scripted repositories: tests/it/gate_cases/.
    let uncovered: Vec<&str> = Code::ALL
        .iter()
        .filter(|c| !c.is_gate() && !covered.contains(c))
        .map(|c| c.as_str())
        .collect();
    if !uncovered.is_empty() {
        failures.push(format!("codes no case reports: {}", uncovered.join(", ")));
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        dirs.len(),
        failures.join("\n\n")
    );
}
