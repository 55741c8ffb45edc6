//! Data-driven cases of the pull-request gate, `cchc check-pr`. Each folder
//! under tests/gate-cases/ is one scripted repository and its verdict:
//!
//! - `case.toml`: the office's first commit on main (the fixture
//!   `tests/fixtures/mini/`, maybe under a prefix folder, maybe with
//!   edits), named `setup`; named commits with their parents, times and
//!   edits; where the branches point; and the check (base, head, actors,
//!   clock, draft, or a GitHub event payload). The keys are listed in
//!   tests/gate-cases/README.md;
//! - `files/`: file bodies the edits name;
//! - `expected.json`: what `check-pr --format json --lang en` prints, with
//!   its exit status as a first key `exit_status`;
//! - `expected.human`: what `check-pr --format human` prints in Vietnamese.
//!
//! In both, commit ids (full and short) read as the case's names of the
//! commits, `<setup>`, `<pr>`…, and the temporary folder as `<repo>`.
//!
//! Every case is run (several at once); all failures are collected and
//! reported together, each with its case and a diff. Besides the snapshots,
//! a case named after a code must report it, a case named `accepted-…`
//! must be accepted, and every gate code must be reported by some case.
//!
//! Run with `UPDATE_EXPECT=1 cargo test --test it gate_cases::` to write the
//! expectations after a deliberate change, then review the diff.

// Test code: a failed unwrap is a failed test with its message.

mod build;
mod compare;
mod format;
mod run;

use std::collections::BTreeSet;
use std::fs;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use cchc_core::diag::Code;
use compare::compare;
use run::{Outputs, run};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/gate-cases")
}

fn case_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(root())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// Runs every case, a few at once; results in the order of `dirs`.
fn run_all(dirs: &[PathBuf]) -> Vec<Result<Outputs, String>> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<Outputs, String>>>> =
        Mutex::new(dirs.iter().map(|_| None).collect());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().min(8));
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(dir) = dirs.get(i) else { break };
                    let r = run(dir);
                    results.lock().unwrap()[i] = Some(r);
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap()
        .into_iter()
        .map(Option::unwrap)
        .collect()
}

#[test]
fn gate_cases() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let dirs = case_dirs();
    assert!(!dirs.is_empty(), "no case under {}", root().display());
    let mut failures = Vec::new();
    let mut covered: BTreeSet<String> = BTreeSet::new();
    for (dir, result) in dirs.iter().zip(run_all(&dirs)) {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let out = match result {
            Ok(out) => out,
            Err(e) => {
                failures.push(format!("[{name}] {e}"));
                continue;
            }
        };
        covered.extend(out.codes.iter().cloned());
        for (file, text) in [("expected.json", &out.json), ("expected.human", &out.human)] {
            if let Err(e) = compare(&dir.join(file), text, update) {
                failures.push(format!("[{name}] {e}"));
            }
        }
        // A name says what the case shows: a code it reports, or its
        // acceptance.
        let first = name.split('-').next().unwrap_or_default();
        if let Some(code) = Code::parse(first)
            && !out.codes.contains(code.as_str())
        {
            failures.push(format!("[{name}] does not report {}", code.as_str()));
        }
        if first == "accepted" && out.verdict != "accepted" {
            failures.push(format!("[{name}] is {}, not accepted", out.verdict));
        }
    }
    let uncovered: Vec<&str> = Code::ALL
        .iter()
        .filter(|c| c.is_gate() && !covered.contains(c.as_str()))
        .map(|c| c.as_str())
        .collect();
    if !uncovered.is_empty() {
        failures.push(format!(
            "gate codes no case reports: {}",
            uncovered.join(", ")
        ));
    }
    assert!(
        failures.is_empty(),
        "{} failures in {} gate cases:\n\n{}",
        failures.len(),
        dirs.len(),
        failures.join("\n\n")
    );
}
