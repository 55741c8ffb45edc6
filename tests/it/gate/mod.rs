//! The pull-request gate, `cchc check-pr`, where a verdict is not all
//! there is to check: the comment the bot posts (the receipt to paste), the
//! human output in English, the step summary and the `github` format's
//! annotations and escaping, the event payload itself, the pure
//! `gate::judge` at its boundaries, and what cannot run. Scenarios whose
//! result is a verdict and its codes are data: `tests/gate-cases/`, run by
//! `tests/it/gate_cases/`.
//!
//! Every repository is built in a temporary folder with git2 from the
//! fixture `tests/fixtures/mini/` (campaign 2023-9t, `Asia/Ho_Chi_Minh`,
//! deadline 2023-09-15T00:00:00 local = 2023-09-14T17:00:00Z; tai-chinh
//! extended to 2023-09-20T00:00:00; units noi-vu, tu-phap, tai-chinh owned by
//! noivu-clerk, tuphap-clerk, taichinh-clerk; admin office-admin). `main`
//! holds the office's commit of content/ and the two fixture reports; each
//! pull request is a branch off it. Every run gives the gate a fixed clock.

// Test code: a failed unwrap is a failed test with its message.

mod cannot_run;
mod comment;
mod git_refuses;
mod github;
mod pure;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use cchc_core::diag::Severity;
use cchc_core::gate::{self, Context, Outcome, Verdict};
use cchc_core::input::{FileData, Input};
use cchc_core::pull_request::{ChangeKind, ChangedPath, Mode};
use git2::Oid;
use serde_json::Value;

use crate::common::{Province, at, cchc, cchc_in, fixture, report_text, text};

const NOI_VU: &str = "submissions/2023-9t/noi-vu.toml";
const TU_PHAP: &str = "submissions/2023-9t/tu-phap.toml";
const TAI_CHINH_PATH: &str = "submissions/2023-9t/tai-chinh.toml";

/// The gate's clock the day before the deadline.
const ON_TIME: &str = "2023-09-14T10:00:00+07:00";
/// One second before it.
const JUST_BEFORE: &str = "2023-09-14T23:59:59+07:00";
/// After the deadline, within tai-chinh's extension.
const LATE: &str = "2023-09-16T09:00:00+07:00";

/// noi-vu's report with blanks: a score entry without `score` (E041) and a
/// task without `status` (E065).
const NOI_VU_BLANKS: &str = r#"campaign = "2023-9t"
unit = "noi-vu"

[prepared_by]
name = "Trần Văn Minh"
phone = "0221 000 000"

[[task]]
id = "NV01"

[[score]]
criterion = "1.1.1"
explanation = "Chưa chấm xong."
"#;

// ---- files ----

fn event_fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/events/pull_request_synchronize.json")
}

/// noi-vu's report with its score of row 1.1.1 (max 1) set to `score`.
fn noi_vu_scored(score: &str) -> String {
    let text = report_text("noi-vu");
    assert!(text.contains("score = 0.75"));
    text.replace("score = 0.75", &format!("score = {score}"))
}

// ---- the province repository, checked ----

impl Province {
    /// `cchc check-pr` of `head` against main in `format`.
    fn check(&self, head: Oid, actors: &[&str], now: &str, format: &str, extra: &[&str]) -> Output {
        let head = head.to_string();
        let mut args = vec!["check-pr", "--base", "main", "--head", &head];
        for a in actors {
            args.extend(["--actor", a]);
        }
        args.extend(["--now", now, "--format", format]);
        args.extend(extra);
        cchc(&self.root(), &args, None)
    }

    /// `cchc check-pr --format json` of `head` against main.
    fn gate(&self, head: Oid, actors: &[&str], now: &str, extra: &[&str]) -> Gate {
        Gate::from(self.check(head, actors, now, "json", extra))
    }

    /// `cchc --lang LANG check-pr --event EVENT` in `format`, with a step
    /// summary file.
    fn check_event(
        &self,
        lang: &str,
        event: &Path,
        format: &str,
        extra: &[&str],
        summary: Option<&Path>,
    ) -> Output {
        let event = event.to_str().unwrap();
        let mut args = vec![
            "check-pr", "--event", event, "--now", ON_TIME, "--format", format,
        ];
        args.extend(extra);
        cchc_in(lang, &self.root(), &args, summary)
    }

    /// What the CI runs: `check-pr` of `head` by an event, in the github
    /// format and in Vietnamese (the workflow gives no `--lang`), writing
    /// the comment and the step summary; their paths are returned with the
    /// output.
    fn run_as_ci(&self, head: Oid) -> (Output, PathBuf, PathBuf) {
        let event = write_event(self, head, |_| {});
        let comment = self.dir.path().join("comment.md");
        let summary = self.dir.path().join("summary.md");
        let o = self.check_event(
            "vi",
            &event,
            "github",
            &["--comment", comment.to_str().unwrap()],
            Some(&summary),
        );
        (o, comment, summary)
    }
}

// ---- what check-pr said ----

/// What `check-pr --format json` said.
#[derive(Debug)]
struct Gate {
    status: i32,
    stdout: String,
    stderr: String,
    json: Value,
}

impl From<Output> for Gate {
    fn from(o: Output) -> Self {
        let stdout = text(&o.stdout);
        let stderr = text(&o.stderr);
        let status = o.status.code().unwrap();
        assert!(
            status == 0 || status == 1,
            "check-pr could not run (exit {status}): {stderr}"
        );
        let json = serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{stdout}\n{stderr}"));
        Gate {
            status,
            stdout,
            stderr,
            json,
        }
    }
}

impl Gate {
    fn verdict(&self) -> &str {
        self.json["verdict"].as_str().unwrap()
    }

    fn files(&self) -> Vec<&Value> {
        self.json["files"].as_array().unwrap().iter().collect()
    }

    fn file(&self, path: &str) -> &Value {
        self.files()
            .into_iter()
            .find(|f| f["path"] == path)
            .unwrap_or_else(|| panic!("no file {path} in\n{}", self.stdout))
    }

    /// The codes of `path`'s problems of `severity`, in order.
    fn codes(&self, path: &str, severity: &str) -> Vec<String> {
        self.file(path)["problems"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["severity"] == severity)
            .map(|p| p["code"].as_str().unwrap().to_owned())
            .collect()
    }

    fn errors(&self, path: &str) -> Vec<String> {
        self.codes(path, "error")
    }

    /// Asserts the verdict (with its exit status) and, for exactly the files
    /// listed, their error codes, sorted.
    fn expect(&self, verdict: Verdict, files: &[(&str, &[&str])]) {
        let (name, status) = match verdict {
            Verdict::Accepted => ("accepted", 0),
            Verdict::Rejected => ("rejected", 1),
        };
        let context = format!("{}\n{}", self.stdout, self.stderr);
        assert_eq!(self.verdict(), name, "{context}");
        assert_eq!(self.status, status, "{context}");
        let mut seen: Vec<&str> = self
            .files()
            .iter()
            .map(|f| f["path"].as_str().unwrap())
            .collect();
        seen.sort_unstable();
        let mut wanted: Vec<&str> = files.iter().map(|(p, _)| *p).collect();
        wanted.sort_unstable();
        assert_eq!(seen, wanted, "the files judged\n{context}");
        for (path, codes) in files {
            let mut got = self.errors(path);
            got.sort();
            let mut want: Vec<String> = codes.iter().map(|c| (*c).to_owned()).collect();
            want.sort();
            assert_eq!(got, want, "errors of {path}\n{context}");
            let file_verdict = if codes.is_empty() {
                "accepted"
            } else {
                "rejected"
            };
            assert_eq!(
                self.file(path)["verdict"],
                file_verdict,
                "{path}\n{context}"
            );
        }
    }
}

// ---- the gate called directly ----

/// The fixture's files as the base (its submissions are left out by the
/// gate).
fn base_input() -> Input {
    cchc::fsio::read_repo(&fixture()).unwrap()
}

fn added(path: &str, bytes: &str) -> ChangedPath {
    ChangedPath {
        path: path.to_owned(),
        data_path: Some(path.to_owned()),
        kind: ChangeKind::Added,
        mode: Mode::Regular,
        data: Some(FileData::Bytes(bytes.as_bytes().to_vec())),
    }
}

fn judge(changes: &[ChangedPath], actors: &[&str], now: &str, draft: bool) -> Outcome {
    gate::judge(
        &base_input(),
        None,
        changes,
        &Context {
            actors: actors.iter().map(|a| (*a).to_owned()).collect(),
            now: at(now),
            draft,
        },
    )
}

/// The error codes of each file of an outcome.
fn outcome_errors(o: &Outcome) -> Vec<(String, Vec<&'static str>)> {
    o.files
        .iter()
        .map(|f| {
            (
                f.path.clone(),
                f.diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .map(|d| d.code.as_str())
                    .collect(),
            )
        })
        .collect()
}

/// The event fixture with its SHAs pointing at main and `head`, changed by
/// `edit`, written into the repository's folder.
fn write_event(p: &Province, head: Oid, edit: impl FnOnce(&mut Value)) -> PathBuf {
    let mut v: Value = serde_json::from_str(&fs::read_to_string(event_fixture()).unwrap()).unwrap();
    let head = Value::String(head.to_string());
    let base = Value::String(p.main.to_string());
    *v.pointer_mut("/pull_request/head/sha").unwrap() = head.clone();
    *v.pointer_mut("/pull_request/base/sha").unwrap() = base;
    *v.pointer_mut("/after").unwrap() = head;
    edit(&mut v);
    let path = p.dir.path().join(format!("event-{}.json", rand_suffix()));
    fs::write(&path, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    path
}

/// A name not used before in this process.
fn rand_suffix() -> usize {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}
