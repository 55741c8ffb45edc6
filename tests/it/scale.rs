//! The synthetic repositories of the benchmarks (examples/synth), small:
//! the generator makes valid data, the history walk finds exactly what
//! `git log --first-parent` finds, and the streaming build writes exactly
//! what the whole-report render makes.

// Test code: a failed unwrap is a failed test with its message.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use cchc::git::walk as history;
use cchc_core::history::{Change, History};
use cchc_core::pipeline::validate;
use cchc_core::report::{Sources, report};
use cchc_core::site::{Mode, Templates, render};
use jiff::Timestamp;

#[allow(clippy::needless_range_loop, dead_code)]
#[path = "../../examples/synth/synth.rs"]
pub(crate) mod synth;

pub(crate) fn small(merges: bool) -> synth::Spec {
    synth::Spec {
        campaigns: 3,
        units: 4,
        rows: 12,
        commits: 41,
        tasks: 2,
        communes: false,
        merges,
        seed: 7,
    }
}

pub(crate) fn generate(spec: &synth::Spec) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    synth::generate(spec, &dir.path().join("repo")).unwrap();
    dir
}

/// `git log --first-parent --name-status`: each path's changes, oldest first.
fn git_log(repo: &Path) -> BTreeMap<String, Vec<(String, Change)>> {
    let out = Command::new("git")
        .args([
            "log",
            "--first-parent",
            "--reverse",
            "--name-status",
            "--no-renames",
            "--format=commit %H",
            "--",
            "submissions/",
        ])
        .current_dir(repo)
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut files: BTreeMap<String, Vec<(String, Change)>> = BTreeMap::new();
    let mut commit = String::new();
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        if let Some(id) = line.strip_prefix("commit ") {
            id.clone_into(&mut commit);
        } else if let Some((status, path)) = line.split_once('\t') {
            let change = match status {
                "A" => Change::Added,
                "D" => Change::Deleted,
                _ => Change::Modified,
            };
            files
                .entry(path.to_owned())
                .or_default()
                .push((commit.clone(), change));
        }
    }
    files
}

#[test]
fn the_generated_repository_is_valid_and_the_same_for_the_same_seed() {
    let a = generate(&small(true));
    let b = generate(&small(true));
    let head = |d: &tempfile::TempDir| {
        let out = Command::new("git")
            .args(["rev-parse", "HEAD"])
            .current_dir(d.path().join("repo"))
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(head(&a), head(&b), "same seed, same commits");
    let out = Command::new(env!("CARGO_BIN_EXE_cchc"))
        .args(["validate"])
        .current_dir(a.path().join("repo"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let count = Command::new("git")
        .args(["rev-list", "--count", "HEAD"])
        .current_dir(a.path().join("repo"))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(count.stdout).unwrap().trim(), "41");
}

#[test]
fn the_history_walk_finds_what_git_log_finds() {
    for merges in [true, false] {
        let dir = generate(&small(merges));
        let repo = dir.path().join("repo");
        let History::Known { files, .. } = history::read(&repo, None) else {
            panic!("history unknown");
        };
        let ours: BTreeMap<String, Vec<(String, Change)>> = files
            .into_iter()
            .map(|(path, revs)| {
                let revs = revs.into_iter().map(|r| (r.commit, r.change)).collect();
                (path, revs)
            })
            .collect();
        let theirs = git_log(&repo);
        assert!(!theirs.is_empty());
        assert_eq!(ours, theirs, "merges: {merges}");
    }
}

#[test]
fn a_deleted_file_and_a_folder_renamed_are_seen_as_git_sees_them() {
    let dir = generate(&small(false));
    let repo = dir.path().join("repo");
    let git = |args: &[&str]| {
        let ok = Command::new("git")
            .args(args)
            .current_dir(&repo)
            .env("GIT_COMMITTER_NAME", "x")
            .env("GIT_COMMITTER_EMAIL", "x@example")
            .env("GIT_AUTHOR_NAME", "x")
            .env("GIT_AUTHOR_EMAIL", "x@example")
            .status()
            .unwrap()
            .success();
        assert!(ok, "git {args:?}");
    };
    git(&["rm", "-q", "submissions/tinh-01-2023/t01-so-01.toml"]);
    git(&["commit", "-qm", "remove"]);
    git(&[
        "mv",
        "submissions/tinh-02-2023",
        "submissions/tinh-02-2023-cu",
    ]);
    git(&["commit", "-qm", "move"]);
    let History::Known { files, .. } = history::read(&repo, None) else {
        panic!("history unknown");
    };
    let ours: BTreeMap<String, Vec<(String, Change)>> = files
        .into_iter()
        .map(|(p, revs)| (p, revs.into_iter().map(|r| (r.commit, r.change)).collect()))
        .collect();
    assert_eq!(ours, git_log(&repo));
}

#[test]
fn the_streaming_build_writes_what_the_whole_report_renders() {
    let dir = generate(&small(true));
    let repo = dir.path().join("repo");
    let now = Timestamp::from_second(1_700_000_000).unwrap();
    let out = dir.path().join("site");
    let status = Command::new(env!("CARGO_BIN_EXE_cchc"))
        .args(["build", "--out"])
        .arg(&out)
        .current_dir(&repo)
        .env("SOURCE_DATE_EPOCH", now.as_second().to_string())
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );

    let input = cchc::fsio::read_repo(&repo).unwrap();
    let outcome = validate(&input, now);
    let history = history::read(&repo, None);
    let diags = outcome.diags.clone().into_sorted();
    let whole = report(&Sources {
        content: &outcome.content,
        submissions: &outcome.submissions,
        stages: &outcome.stages,
        diags: &diags,
        db: &outcome.db,
        history: &history,
        now,
    });
    let expected = render(
        &whole,
        &outcome.content,
        &Templates::builtin().unwrap(),
        Mode::Publish,
    )
    .unwrap();

    let mut written = BTreeMap::new();
    let mut stack = vec![out.clone()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(&out).unwrap().to_string_lossy().into_owned();
                written.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    assert_eq!(
        written.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &expected {
        assert!(written.get(path) == Some(bytes), "{path} differs");
    }
    // 3 campaigns × (dashboard, tasks, units to chase, method, 2 tables, 4
    // units, 4 areas) and the home page.
    assert_eq!(
        written
            .keys()
            .filter(|p| Path::new(p).extension().is_some_and(|e| e == "html"))
            .count(),
        3 * 14 + 1
    );
}
