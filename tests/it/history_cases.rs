//! Data-driven cases of when reports arrived, read from Git. Each folder
//! under tests/history-cases/ is one scripted repository and what `cchc
//! status` makes of it:
//!
//! - `case.toml`: the repository, in the keys of the gate's cases
//!   (`common::script`: the office's first commit on main, named `setup`,
//!   then named commits with their parents, times and edits, and the
//!   branches), and one or more `[[run]]`: the clock, the branch read
//!   (`--branch`), the branch checked out, and what the run sees of Git (a
//!   shallow clone, no repository, a repository without commits). The keys
//!   are listed in tests/history-cases/README.md;
//! - `expected.json`: what `cchc --lang en status --format json` prints:
//!   each unit's status, when its report was received and how, when it was
//!   last revised, and its revisions (time, change, timing);
//! - `expected.human`: what `cchc status` prints in Vietnamese.
//!
//! Each file holds what the command printed on standard error (a warning,
//! or the error of a run expected to fail), then on standard output.
//!
//! A case with several runs names each; its files are then
//! `expected-<name>.json` and `expected-<name>.human`. In all of them
//! commit ids (full and short) read as the case's names of the commits and
//! the temporary folder as `<repo>`.
//!
//! Every case is run (several at once); all failures are collected and
//! reported together, each with its case and a diff. Run with
//! `UPDATE_EXPECT=1 cargo test --test it history_cases::` to write the
//! expectations after a deliberate change, then review the diff.

use std::fs;
use std::path::Path;
use std::process::Command;

use serde::Deserialize;

use crate::common::script::{Built, read_case, time};
use crate::common::snapshot::{assert_no_failures, compare, normalise, run_cases, update};
use crate::common::{at, text};

// ---- the case format ----

/// The runs of a case: `[[run]]` (the rest of `case.toml` is the script).
#[derive(Deserialize)]
struct Runs {
    #[serde(rename = "run")]
    runs: Vec<Run>,
}

/// One `cchc status` (JSON, then human) of the case's repository.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Run {
    /// Names the run's files when the case has several runs.
    name: Option<String>,
    /// The clock, given as `SOURCE_DATE_EPOCH`.
    now: toml::value::Datetime,
    /// `--branch`: the branch whose files and history are read.
    branch: Option<String>,
    /// The branch checked out in the work tree. Default: main.
    worktree: Option<String>,
    /// What the run sees of Git.
    #[serde(default)]
    git: Git,
    /// The exit status both commands must give. Default: 0.
    #[serde(default)]
    exit: i32,
}

#[derive(Deserialize, Default, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
enum Git {
    /// The repository as built.
    #[default]
    Full,
    /// `.git/shallow` names the checked-out tip, as `git clone --depth 1`
    /// leaves it (removed after the run).
    Shallow,
    /// A copy of the work tree without `.git`: a folder that is not a
    /// repository.
    NoRepository,
    /// The same copy with a fresh `git init`: a repository without commits.
    NoCommits,
}

// ---- running ----

/// A run's two outputs, normalised, and the stem of their files.
struct Outputs {
    stem: String,
    json: String,
    human: String,
}

fn run(dir: &Path) -> Result<Vec<Outputs>, String> {
    let (script, Runs { runs }) = read_case::<Runs>(dir, "run")?;
    if runs.is_empty() {
        return Err("case.toml: give at least one [[run]]".into());
    }
    let built = script.build(dir)?;
    let mut out: Vec<Outputs> = Vec::new();
    for r in &runs {
        let stem = stem(r.name.as_deref(), runs.len())?;
        if out.iter().any(|o| o.stem == stem) {
            return Err(format!("run.name: {stem} twice"));
        }
        let at = |e: String| format!("[{stem}] {e}");
        let (json, human) = run_one(&built, r).map_err(at)?;
        out.push(Outputs { stem, json, human });
    }
    Ok(out)
}

/// The stem of a run's files: `expected`, or `expected-<name>` in a case
/// of several runs.
fn stem(name: Option<&str>, runs: usize) -> Result<String, String> {
    let plain = |n: &str| {
        !n.is_empty()
            && n.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    match name {
        None if runs == 1 => Ok("expected".into()),
        None => Err("run.name: name each run of a case with several".into()),
        Some(n) if plain(n) => Ok(format!("expected-{n}")),
        Some(n) => Err(format!("run.name {n:?}: lower-case letters, digits and -")),
    }
}

/// One run: the work tree checked out, Git as the run says, `cchc status`
/// in both formats.
fn run_one(built: &Built, r: &Run) -> Result<(String, String), String> {
    built.check_out(r.worktree.as_deref().unwrap_or("main"), "run.worktree")?;
    let now = at(&time(&r.now, "run.now")?).as_second().to_string();
    let province = &built.province;
    let git_dir = province.dir.path().join(".git");
    // The copy of the work tree, kept until the run is done.
    let mut copy: Option<tempfile::TempDir> = None;
    let root = match r.git {
        Git::Full => province.root(),
        Git::Shallow => {
            let tip = province.repo.head().unwrap().target().unwrap();
            fs::write(git_dir.join("shallow"), format!("{tip}\n")).unwrap();
            province.root()
        }
        Git::NoRepository | Git::NoCommits => {
            let to = tempfile::tempdir().unwrap();
            copy_work_tree(province.dir.path(), to.path());
            if r.git == Git::NoCommits {
                git2::Repository::init(to.path()).unwrap();
            }
            let root = to.path().join(province.prefix.trim_end_matches('/'));
            copy = Some(to);
            root
        }
    };
    let status = |lang: &str, format: &str| -> Result<String, String> {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_cchc"));
        cmd.args(["--lang", lang, "status", "--format", format])
            .current_dir(&root)
            .env("SOURCE_DATE_EPOCH", &now)
            .env("NO_COLOR", "1")
            .env_remove("GITHUB_STEP_SUMMARY");
        if let Some(b) = &r.branch {
            cmd.args(["--branch", b]);
        }
        let o = cmd.output().unwrap();
        let printed = text(&o.stderr) + &text(&o.stdout);
        if o.status.code() != Some(r.exit) {
            return Err(format!(
                "status --format {format} gave {}, not exit status {}:\n{printed}",
                o.status, r.exit
            ));
        }
        Ok(printed)
    };
    let outputs = status("en", "json").and_then(|json| Ok((json, status("vi", "human")?)));
    if r.git == Git::Shallow {
        fs::remove_file(git_dir.join("shallow")).unwrap();
    }
    let (json, human) = outputs?;
    let normal = |s: &str| {
        let s = match &copy {
            Some(c) => s.replace(c.path().to_str().unwrap(), "<repo>"),
            None => s.to_owned(),
        };
        normalise(&s, &built.commits, province.dir.path())
    };
    Ok((normal(&json), normal(&human)))
}

/// Copies the files of the work tree `from` (not `.git`) into `to`.
fn copy_work_tree(from: &Path, to: &Path) {
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_name() == ".git" {
            continue;
        }
        if e.file_type().unwrap().is_dir() {
            fs::create_dir_all(&target).unwrap();
            copy_work_tree(&e.path(), &target);
        } else {
            fs::copy(e.path(), &target).unwrap();
        }
    }
}

// ---- the test ----

#[test]
fn history_cases() {
    let update = update();
    let cases = run_cases("history-cases", run);
    let mut failures = Vec::new();
    for (name, dir, result) in &cases {
        let runs = match result {
            Ok(runs) => runs,
            Err(e) => {
                failures.push(format!("[{name}] {e}"));
                continue;
            }
        };
        let mut files = Vec::new();
        for o in runs {
            for (ext, text) in [("json", &o.json), ("human", &o.human)] {
                let file = format!("{}.{ext}", o.stem);
                if let Err(e) = compare(&dir.join(&file), text, update, "history_cases") {
                    failures.push(format!("[{name}] {e}"));
                }
                files.push(file);
            }
        }
        // An expected file no run writes is left over from an earlier
        // version of the case.
        for e in fs::read_dir(dir).unwrap() {
            let file = e.unwrap().file_name().to_string_lossy().into_owned();
            if file.starts_with("expected") && !files.contains(&file) {
                failures.push(format!("[{name}] {file}: no run writes it"));
            }
        }
    }
    assert_no_failures(&failures, cases.len(), "history-cases");
}
