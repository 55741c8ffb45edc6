//! The safety properties of the GitHub workflows that a careless edit could
//! break: the gate runs on `pull_request` only, with a read-only token, from
//! the base branch's tool, with full history; every action is pinned to a
//! commit. (actionlint checks their syntax in .ci/run.)

// Test code: a failed unwrap is a failed test with its message.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::fs;
use std::path::PathBuf;

fn workflow(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join(".github/workflows")
        .join(name);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn all() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".github/workflows");
    let mut v: Vec<(String, String)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn no_workflow_runs_pull_request_code_with_a_write_token() {
    for (name, text) in all() {
        assert!(
            !text.contains("pull_request_target"),
            "{name} uses pull_request_target"
        );
    }
    let v = workflow("validate.yml");
    assert!(
        v.contains("\n  pull_request:\n"),
        "validate.yml runs on pull_request"
    );
    assert!(
        v.contains("permissions:\n  contents: read\n"),
        "validate.yml is read-only"
    );
    assert!(
        !v.contains("write"),
        "validate.yml asks for no write permission"
    );
    assert!(v.contains("persist-credentials: false"));
}

#[test]
fn the_gate_is_built_from_the_base_branch_and_sees_the_full_history() {
    let v = workflow("validate.yml");
    assert!(v.contains("fetch-depth: 0"));
    assert!(v.contains("git worktree add --detach \"$RUNNER_TEMP/base\" \"$BASE_SHA\""));
    assert!(v.contains("BASE_SHA: ${{ github.event.pull_request.base.sha }}"));
    assert!(v.contains(
        "cargo build --release --locked --manifest-path \"$RUNNER_TEMP/base/Cargo.toml\""
    ));
    assert!(v.contains("\"$RUNNER_TEMP/base/target/release/cchc\" check-pr"));
    assert!(v.contains("--event \"$GITHUB_EVENT_PATH\""));
    assert!(v.contains("--format github"));
    // The job name is what branch protection requires.
    assert!(v.contains("  gate:\n    name: gate\n"));
}

#[test]
fn the_comment_job_runs_no_pull_request_code_and_checks_the_head() {
    let c = workflow("comment.yml");
    assert!(c.contains("workflow_run:"));
    assert!(
        !c.contains("actions/checkout"),
        "comment.yml must not check out the pull request"
    );
    assert!(
        !c.contains("cargo"),
        "comment.yml must not build or run code"
    );
    assert!(c.contains("RUN_HEAD_SHA: ${{ github.event.workflow_run.head_sha }}"));
    assert!(c.contains("<!-- cchc-gate -->"));
}

#[test]
fn publishing_uses_full_history_and_a_schedule() {
    let p = workflow("publish.yml");
    assert!(p.contains("fetch-depth: 0"));
    assert!(p.contains("schedule:"));
    assert!(p.contains("workflow_dispatch:"));
    assert!(p.contains("cchc build --out site"));
    assert!(p.contains("pages: write"));
}

#[test]
fn every_action_is_pinned_to_a_full_commit() {
    for (name, text) in all() {
        for line in text.lines().filter(|l| {
            l.trim_start().starts_with("uses:") || l.trim_start().starts_with("- uses:")
        }) {
            let reference = line.split("uses:").nth(1).unwrap().trim();
            let (action, rest) = reference
                .split_once('@')
                .unwrap_or_else(|| panic!("{name}: {line}"));
            let sha = rest.split_whitespace().next().unwrap();
            assert!(
                sha.len() == 40 && sha.bytes().all(|b| b.is_ascii_hexdigit()),
                "{name}: {action} is not pinned to a commit: {line}"
            );
            assert!(
                rest.contains('#'),
                "{name}: say which version {sha} is: {line}"
            );
        }
    }
}
