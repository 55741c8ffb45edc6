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

mod format;
mod run;

use std::collections::BTreeSet;

use cchc_core::diag::Code;
use run::run;

use crate::common::snapshot::{assert_no_failures, compare, run_cases, update};

#[test]
fn gate_cases() {
    let update = update();
    let cases = run_cases("gate-cases", run);
    let mut failures = Vec::new();
    let mut covered: BTreeSet<String> = BTreeSet::new();
    for (name, dir, result) in &cases {
        let out = match result {
            Ok(out) => out,
            Err(e) => {
                failures.push(format!("[{name}] {e}"));
                continue;
            }
        };
        covered.extend(out.codes.iter().cloned());
        for (file, text) in [("expected.json", &out.json), ("expected.human", &out.human)] {
            if let Err(e) = compare(&dir.join(file), text, update, "gate_cases") {
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
    assert_no_failures(&failures, cases.len(), "gate-cases");
}
