//! The pull-request gate, `cchc check-pr`, end to end on scripted
//! repositories: who may change what, deadlines by the gate's clock (never a
//! commit date), deletions and renames, names that are not a known
//! campaign/unit pair or only look like one, files that are not regular,
//! closed campaigns, drafts, the base's rules judging a pull request that
//! changes them, the GitHub event payload, the `github` output format and
//! the comment the bot posts.
//!
//! Every repository is built in a temporary folder with git2 from the
//! fixture `tests/fixtures/mini/` (campaign 2023-9t, `Asia/Ho_Chi_Minh`,
//! deadline 2023-09-15T00:00:00 local = 2023-09-14T17:00:00Z; tai-chinh
//! extended to 2023-09-20T00:00:00; units noi-vu, tu-phap, tai-chinh owned by
//! noivu-clerk, tuphap-clerk, taichinh-clerk; admin office-admin). `main`
//! holds the office's commit of content/ and the two fixture reports; each
//! pull request is a branch off it. Every run gives the gate a fixed clock.

// Test code: a failed unwrap is a failed test with its message.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;

use cchc::diag::render::{Format, Summary, render};
use cchc::diag::{Code, Diagnostic, Severity};
use cchc::gate::{self, Context, Outcome, Verdict};
use cchc::load::Input;
use cchc::pr::{ChangeKind, ChangedPath, Mode};
use cchc::source::{SourceDb, SourceFile, Span};
use cchc::text::{Lang, Text};
use cchc::toml_read::FileData;
use git2::{IndexEntry, IndexTime, Oid, Repository};
use serde_json::Value;

mod common;
use common::{
    Blob, CAMPAIGN, DEADLINE, EXTENDED, Edit, SETUP, Scripted, TAI_CHINH, at, file, fixture,
    fixture_files, gone, report_text, revise, revised,
};

const NOI_VU: &str = "submissions/2023-9t/noi-vu.toml";
const TU_PHAP: &str = "submissions/2023-9t/tu-phap.toml";
const TAI_CHINH_PATH: &str = "submissions/2023-9t/tai-chinh.toml";

/// When the units write their commits (author and committer).
const WRITTEN: &str = "2023-09-13T09:00:00+07:00";
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

fn campaign_toml() -> String {
    fs::read_to_string(fixture().join("content/campaigns/2023-9t/campaign.toml")).unwrap()
}

// ---- a scripted province repository ----

/// A repository whose `main` holds the office's commit of the fixture (plus
/// any changes to it), checked out in the work tree; pull requests are
/// branches forked from it.
struct Province {
    dir: tempfile::TempDir,
    repo: Repository,
    main: Oid,
    /// Where content/ and submissions/ sit in the repository: "" or "data/".
    prefix: String,
}

impl Scripted for Province {
    fn repo(&self) -> &Repository {
        &self.repo
    }
}

impl Province {
    fn new() -> Self {
        Self::with(&[])
    }

    /// The fixture with `changes` on main.
    fn with(changes: &[Edit]) -> Self {
        Self::build("", changes)
    }

    fn build(prefix: &str, changes: &[Edit]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        repo.set_head("refs/heads/main").unwrap();
        let mut p = Province {
            dir,
            repo,
            main: Oid::ZERO_SHA1,
            prefix: prefix.to_owned(),
        };
        let mut first = fixture_files("", prefix);
        first.extend(changes.iter().cloned());
        let tree = p.tree(None, &first);
        p.main = p.commit(
            tree,
            &[],
            "Khởi tạo đợt 2023-9t",
            ("Văn phòng CCHC", SETUP),
            ("Văn phòng CCHC", SETUP),
        );
        p.set_branch("main", p.main);
        p.check_out("main");
        p
    }

    /// The folder to run cchc in: the one holding content/.
    fn root(&self) -> PathBuf {
        self.dir.path().join(self.prefix.trim_end_matches('/'))
    }

    /// Checks out `branch` into the work tree (forced).
    fn check_out(&self, branch: &str) {
        self.repo.set_head(&format!("refs/heads/{branch}")).unwrap();
        self.repo
            .checkout_head(Some(git2::build::CheckoutBuilder::new().force()))
            .unwrap();
    }

    /// The office pushing straight to main.
    fn push(&mut self, edits: &[Edit], when: &str) -> Oid {
        let tree = self.tree(Some(self.main), edits);
        self.main = self.commit(
            tree,
            &[self.main],
            "Phòng CCHC cập nhật",
            ("Văn phòng CCHC", when),
            ("Văn phòng CCHC", when),
        );
        self.set_branch("main", self.main);
        self.main
    }

    /// Commits on branch `name` forked from `from`, each with its own author
    /// and committer time (which whoever writes them controls). Returns the
    /// branch's tip.
    fn feature(&self, name: &str, from: Oid, commits: &[(Vec<Edit>, &str, &str)]) -> Oid {
        let mut tip = from;
        for (edits, authored, committed) in commits {
            let tree = self.tree(Some(tip), edits);
            tip = self.commit(
                tree,
                &[tip],
                "Nộp báo cáo",
                ("Văn thư đơn vị", authored),
                ("Văn thư đơn vị", committed),
            );
        }
        self.set_branch(name, tip);
        tip
    }

    /// A pull request of one commit written at [`WRITTEN`], forked from
    /// main; `edits` are paths relative to the data folder.
    fn pull_request(&self, edits: &[Edit]) -> Oid {
        let edits: Vec<Edit> = edits
            .iter()
            .map(|(p, b)| (format!("{}{p}", self.prefix), b.clone()))
            .collect();
        self.feature("pr", self.main, &[(edits, WRITTEN, WRITTEN)])
    }

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

    /// `cchc check-pr --event EVENT` in `format`, with a step summary file.
    fn check_event(
        &self,
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
        cchc(&self.root(), &args, summary)
    }
}

// ---- running the binary ----

/// Runs cchc in `dir` in English, with no step summary unless one is given
/// (a CI run of these tests must not write to its own summary).
fn cchc(dir: &Path, args: &[&str], summary: Option<&Path>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cchc"));
    cmd.arg("--lang")
        .arg("en")
        .args(args)
        .current_dir(dir)
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("SOURCE_DATE_EPOCH");
    if let Some(s) = summary {
        cmd.env("GITHUB_STEP_SUMMARY", s);
    }
    cmd.output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

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

    fn warnings(&self, path: &str) -> Vec<String> {
        self.codes(path, "warning")
    }

    fn problem(&self, path: &str, code: &str) -> &Value {
        self.file(path)["problems"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["code"] == code)
            .unwrap_or_else(|| panic!("no {code} for {path} in\n{}", self.stdout))
    }

    /// Every code of every file.
    fn all_codes(&self) -> BTreeSet<String> {
        self.files()
            .iter()
            .flat_map(|f| f["problems"].as_array().unwrap())
            .map(|p| p["code"].as_str().unwrap().to_owned())
            .collect()
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

// ---- scenarios, shared with the test that every gate code is reachable ----

type Scenario = fn() -> Gate;

/// tuphap-clerk edits noi-vu's report: E100.
fn scenario_another_units_file() -> Gate {
    let p = Province::new();
    let head = p.pull_request(&[revise("noi-vu")]);
    p.gate(head, &["tuphap-clerk"], ON_TIME, &[])
}

/// noivu-clerk revises the report after the deadline: E101.
fn scenario_late() -> Gate {
    let p = Province::new();
    let head = p.pull_request(&[revise("noi-vu")]);
    p.gate(head, &["noivu-clerk"], LATE, &[])
}

/// noivu-clerk deletes the unit's own report: E102.
fn scenario_deleted() -> Gate {
    let p = Province::new();
    let head = p.pull_request(&[gone(NOI_VU)]);
    p.gate(head, &["noivu-clerk"], ON_TIME, &[])
}

/// A report of a unit that does not exist: E103.
fn scenario_unknown_unit() -> Gate {
    let p = Province::new();
    let head = p.pull_request(&[file(
        "submissions/2023-9t/so-y-te.toml",
        report_text("noi-vu").replace("noi-vu", "so-y-te"),
    )]);
    p.gate(head, &["noivu-clerk"], ON_TIME, &[])
}

/// tu-phap's report under a name differing only by case: E104.
fn scenario_case_variant() -> Gate {
    let p = Province::new();
    let head = p.pull_request(&[file(
        "submissions/2023-9t/Tu-Phap.toml",
        report_text("tu-phap"),
    )]);
    p.gate(head, &["tuphap-clerk"], ON_TIME, &[])
}

/// noi-vu's report replaced by a symbolic link: E105.
fn scenario_symlink() -> Gate {
    let p = Province::new();
    let head = p.pull_request(&[(
        NOI_VU.to_owned(),
        Blob::Link("../../content/units.toml".to_owned()),
    )]);
    p.gate(head, &["noivu-clerk"], ON_TIME, &[])
}

/// The base's campaign.toml with `closed = true`.
/// The fixture's receipts register records tai-chinh's report (by e-mail,
/// before its extended deadline), which excuses its pull request from the
/// deadline; tests of the deadline itself start from an empty register.
fn no_receipts() -> Edit {
    file("content/campaigns/2023-9t/receipts.toml", "")
}

fn closed_province() -> Province {
    let closed = campaign_toml().replacen(
        "deadline = 2023-09-15T00:00:00\n",
        "deadline = 2023-09-15T00:00:00\nclosed = true\n",
        1,
    );
    assert!(closed.contains("closed = true"));
    Province::with(&[
        file("content/campaigns/2023-9t/campaign.toml", closed),
        no_receipts(),
    ])
}

/// A valid revision, on time, to a closed campaign: E106.
fn scenario_closed() -> Gate {
    let p = closed_province();
    let head = p.pull_request(&[revise("noi-vu")]);
    p.gate(head, &["noivu-clerk"], ON_TIME, &[])
}

// ==== 1. the happy path and the comment ====

#[test]
fn owner_on_time_is_accepted_and_the_comment_holds_a_receipt() {
    let p = Province::new();
    let head = p.pull_request(&[revise("noi-vu")]);
    let comment = p.dir.path().join("comment.md");
    let g = p.gate(
        head,
        &["noivu-clerk"],
        ON_TIME,
        &["--comment", comment.to_str().unwrap()],
    );
    g.expect(Verdict::Accepted, &[(NOI_VU, &[])]);
    assert!(
        g.json["files"][0]["problems"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert_eq!(g.file(NOI_VU)["unit"], "noi-vu");
    assert_eq!(g.file(NOI_VU)["campaign"], CAMPAIGN);
    assert_eq!(g.json["head"], head.to_string());
    assert_eq!(g.json["base"], p.main.to_string());
    assert_eq!(g.json["merge_base"], p.main.to_string());
    assert_eq!(g.json["actors"], serde_json::json!(["noivu-clerk"]));
    assert_eq!(g.json["admin"], false);
    assert_eq!(g.json["draft"], false);
    assert_eq!(g.json["checked_at"], "2023-09-14T03:00:00Z");

    let comment = fs::read_to_string(&comment).unwrap();
    assert!(comment.starts_with("<!-- cchc-gate -->\n"), "{comment}");
    let short = &head.to_string()[..7];
    assert!(comment.contains(&format!("`{short}`")), "{comment}");
    assert!(comment.contains("✅"), "{comment}");
    // The receipt, in the campaign's local time (UTC+7), for the office to
    // paste if it merges after the deadline.
    let block = comment
        .split("```toml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .unwrap_or_else(|| panic!("no toml block in\n{comment}"));
    assert!(block.contains("[[receipt]]\n"), "{block}");
    assert!(block.contains("unit = \"noi-vu\"\n"), "{block}");
    assert!(
        block.contains("received = 2023-09-14T10:00:00\n"),
        "{block}"
    );
    assert!(block.contains("channel = \"pull_request\""), "{block}");
    assert!(
        !block.contains("pull_request = "),
        "no number without an event: {block}"
    );

    // Pasted into the fixture's receipts.toml, the snippet is valid.
    let mut input = base_input();
    let receipts = "content/campaigns/2023-9t/receipts.toml";
    let FileData::Bytes(old) = input.files[receipts].clone() else {
        panic!("receipts.toml is readable");
    };
    let mut new = old;
    new.extend_from_slice(b"\n");
    new.extend_from_slice(block.as_bytes());
    input
        .files
        .insert(receipts.to_owned(), FileData::Bytes(new));
    let outcome = cchc::validate::validate(&input, at(LATE));
    let errors: Vec<String> = outcome
        .diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{}: {} {}", d.span.file, d.code.as_str(), d.message.en))
        .collect();
    assert!(
        errors.is_empty(),
        "the pasted receipt is invalid: {errors:#?}"
    );
}

#[test]
fn a_new_report_of_a_unit_is_accepted() {
    let p = Province::new();
    let head = p.pull_request(&[file(TAI_CHINH_PATH, TAI_CHINH)]);
    let g = p.gate(head, &["@TaiChinh-Clerk"], ON_TIME, &[]);
    g.expect(Verdict::Accepted, &[(TAI_CHINH_PATH, &[])]);
}

#[test]
fn human_format_gives_a_line_per_file_and_the_result() {
    let p = Province::new();
    let head = p.pull_request(&[revise("noi-vu"), revise("tu-phap")]);
    let o = p.check(head, &["noivu-clerk"], ON_TIME, "human", &[]);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains(&format!("✓ {NOI_VU} (Sở Nội vụ): accepted")),
        "{out}"
    );
    assert!(
        out.contains(&format!("✗ {TU_PHAP} (Sở Tư pháp): rejected — E100")),
        "{out}"
    );
    assert!(out.contains("Result: REJECTED (1 of 2 files)."), "{out}");
}

// ==== 2. deadlines, by the gate's clock ====

#[test]
fn a_late_pr_is_rejected() {
    let g = scenario_late();
    g.expect(Verdict::Rejected, &[(NOI_VU, &["E101"])]);
    let p = g.problem(NOI_VU, "E101");
    let msg = p["message"].as_str().unwrap();
    assert!(msg.contains("Asia/Ho_Chi_Minh"), "{msg}");
    // A whole-file problem: no position.
    assert!(p["line"].is_null() && p["column"].is_null(), "{p}");
}

#[test]
fn an_extension_moves_the_deadline_of_its_unit_only() {
    let p = Province::with(&[no_receipts()]);
    let head = p.pull_request(&[file(TAI_CHINH_PATH, TAI_CHINH)]);
    // After the campaign's deadline, before the extension's.
    p.gate(head, &["taichinh-clerk"], LATE, &[])
        .expect(Verdict::Accepted, &[(TAI_CHINH_PATH, &[])]);
    p.gate(head, &["taichinh-clerk"], "2023-09-19T23:59:59+07:00", &[])
        .expect(Verdict::Accepted, &[(TAI_CHINH_PATH, &[])]);
    p.gate(head, &["taichinh-clerk"], EXTENDED, &[])
        .expect(Verdict::Rejected, &[(TAI_CHINH_PATH, &["E101"])]);
    // Another unit at the same time is late.
    let head = p.pull_request(&[revise("tu-phap")]);
    p.gate(head, &["tuphap-clerk"], LATE, &[])
        .expect(Verdict::Rejected, &[(TU_PHAP, &["E101"])]);
}

#[test]
fn the_deadline_itself_is_late_one_second_before_is_not() {
    let p = Province::new();
    let head = p.pull_request(&[revise("noi-vu")]);
    for now in [
        DEADLINE,
        "2023-09-14T17:00:00Z",
        "2023-09-15T00:00:01+07:00",
    ] {
        p.gate(head, &["noivu-clerk"], now, &[])
            .expect(Verdict::Rejected, &[(NOI_VU, &["E101"])]);
    }
    for now in [JUST_BEFORE, "2023-09-14T16:59:59Z"] {
        p.gate(head, &["noivu-clerk"], now, &[])
            .expect(Verdict::Accepted, &[(NOI_VU, &[])]);
    }
    // The same boundary in the pure gate.
    let change = [added(NOI_VU, &revised("noi-vu"))];
    assert!(judge(&change, &["noivu-clerk"], JUST_BEFORE, false).accepted());
    let at_deadline = judge(&change, &["noivu-clerk"], DEADLINE, false);
    assert_eq!(
        outcome_errors(&at_deadline),
        [(NOI_VU.to_owned(), vec!["E101"])]
    );
    // tai-chinh's extended deadline, to the second.
    let change = [added(TAI_CHINH_PATH, TAI_CHINH)];
    assert!(
        judge(
            &change,
            &["taichinh-clerk"],
            "2023-09-19T23:59:59+07:00",
            false
        )
        .accepted()
    );
    // The fixture's register has tai-chinh's report in time (by e-mail on
    // 18/9): its pull request after the deadline is that report, not late.
    assert!(judge(&change, &["taichinh-clerk"], EXTENDED, false).accepted());
}

#[test]
fn a_report_received_in_time_another_way_is_not_late() {
    // tai-chinh's report came by e-mail on 18/9, before its extended
    // deadline: the office's register says so, and the file merged later is
    // that report.
    let p = Province::new();
    let head = p.pull_request(&[file(TAI_CHINH_PATH, TAI_CHINH)]);
    p.gate(head, &["taichinh-clerk"], "2023-09-25T09:00:00+07:00", &[])
        .expect(Verdict::Accepted, &[(TAI_CHINH_PATH, &[])]);
    // Without that entry it is late.
    let p = Province::with(&[no_receipts()]);
    let head = p.pull_request(&[file(TAI_CHINH_PATH, TAI_CHINH)]);
    p.gate(head, &["taichinh-clerk"], "2023-09-25T09:00:00+07:00", &[])
        .expect(Verdict::Rejected, &[(TAI_CHINH_PATH, &["E101"])]);
}

// ==== 3. commit dates never count ====

#[test]
fn commit_dates_never_count() {
    let p = Province::new();
    // Author and committer dates both well before the deadline…
    let early = p.feature(
        "backdated",
        p.main,
        &[
            (
                vec![revise("noi-vu")],
                "2023-09-10T08:00:00+07:00",
                "2023-09-10T08:00:00+07:00",
            ),
            (
                vec![file(NOI_VU, revised("noi-vu") + "# lần 2\n")],
                "2023-09-11T08:00:00+07:00",
                "2023-09-12T08:00:00+07:00",
            ),
        ],
    );
    // …but the gate runs after it.
    p.gate(early, &["noivu-clerk"], LATE, &[])
        .expect(Verdict::Rejected, &[(NOI_VU, &["E101"])]);
    // And the other way round: dated after the deadline, checked before it.
    let future = p.feature(
        "future-dated",
        p.main,
        &[(
            vec![revise("noi-vu")],
            "2023-12-31T23:00:00+07:00",
            "2024-01-01T00:00:00Z",
        )],
    );
    p.gate(future, &["noivu-clerk"], ON_TIME, &[])
        .expect(Verdict::Accepted, &[(NOI_VU, &[])]);
}

// ==== 4. who may change what ====

#[test]
fn a_unit_may_not_change_another_units_report() {
    let g = scenario_another_units_file();
    g.expect(Verdict::Rejected, &[(NOI_VU, &["E100"])]);
    let msg = g.problem(NOI_VU, "E100")["message"].as_str().unwrap();
    assert!(
        msg.contains("tuphap-clerk") && msg.contains("noi-vu"),
        "{msg}"
    );
    let hint = g.problem(NOI_VU, "E100")["hint"].as_str().unwrap();
    assert!(hint.contains("noivu-clerk"), "{hint}");
}

#[test]
fn a_unit_may_change_nothing_outside_submissions() {
    let p = Province::new();
    let units = fs::read_to_string(fixture().join("content/units.toml")).unwrap()
        + "\n[[unit]]\nid = \"y-te\"\nname = \"Sở Y tế\"\nowners = [\"noivu-clerk\"]\n";
    let head = p.pull_request(&[
        revise("noi-vu"),
        file("content/units.toml", units),
        file("src/main.rs", "fn main() {}\n"),
        file(".github/workflows/x.yml", "on: push\njobs: {}\n"),
    ]);
    let g = p.gate(head, &["noivu-clerk"], ON_TIME, &[]);
    g.expect(
        Verdict::Rejected,
        &[
            (NOI_VU, &[]),
            ("content/units.toml", &["E100"]),
            ("src/main.rs", &["E100"]),
            (".github/workflows/x.yml", &["E100"]),
        ],
    );
    let hint = g.problem("src/main.rs", "E100")["hint"].as_str().unwrap();
    assert!(hint.contains("office-admin"), "{hint}");
    // The same, one change per pull request.
    for (path, body) in [
        ("content/units.toml", "# sửa\n"),
        ("src/main.rs", "fn main() {}\n"),
        (".github/workflows/x.yml", "on: push\n"),
    ] {
        let head = p.pull_request(&[file(path, body)]);
        p.gate(head, &["noivu-clerk"], ON_TIME, &[])
            .expect(Verdict::Rejected, &[(path, &["E100"])]);
    }
}

#[test]
fn a_unit_cannot_entitle_itself_in_the_same_pull_request() {
    let p = Province::new();
    let units = fs::read_to_string(fixture().join("content/units.toml"))
        .unwrap()
        .replace(
            r#"owners = ["noivu-clerk"]"#,
            r#"owners = ["noivu-clerk", "tuphap-clerk"]"#,
        );
    let head = p.pull_request(&[file("content/units.toml", units), revise("noi-vu")]);
    p.gate(head, &["tuphap-clerk"], ON_TIME, &[]).expect(
        Verdict::Rejected,
        &[("content/units.toml", &["E100"]), (NOI_VU, &["E100"])],
    );
}

#[test]
fn the_admin_may_change_anything_at_any_time() {
    let p = Province::new();
    let head = p.pull_request(&[
        revise("noi-vu"),
        file(
            "content/units.toml",
            fs::read_to_string(fixture().join("content/units.toml")).unwrap() + "# sửa\n",
        ),
        file("src/main.rs", "fn main() {}\n"),
        file(".github/workflows/x.yml", "on: push\n"),
    ]);
    let files: &[(&str, &[&str])] = &[
        (NOI_VU, &[]),
        ("content/units.toml", &[]),
        ("src/main.rs", &[]),
        (".github/workflows/x.yml", &[]),
    ];
    // Before and after the deadline: the office is not held to it.
    for now in [ON_TIME, LATE] {
        let g = p.gate(head, &["office-admin"], now, &[]);
        g.expect(Verdict::Accepted, files);
        assert_eq!(g.json["admin"], true);
    }
    // A deletion by the office is no E102.
    let head = p.pull_request(&[gone(TU_PHAP)]);
    p.gate(head, &["OFFICE-ADMIN"], LATE, &[])
        .expect(Verdict::Accepted, &[(TU_PHAP, &[])]);
}

#[test]
fn every_actor_must_be_entitled() {
    let p = Province::new();
    let head = p.pull_request(&[revise("noi-vu")]);
    // The author is the owner; whoever pushed is a stranger.
    let g = p.gate(head, &["noivu-clerk", "stranger"], ON_TIME, &[]);
    g.expect(Verdict::Rejected, &[(NOI_VU, &["E100"])]);
    let msg = g.problem(NOI_VU, "E100")["message"].as_str().unwrap();
    assert!(
        msg.contains("stranger") && !msg.contains("noivu-clerk"),
        "{msg}"
    );
    // The admin with a stranger is no admin.
    let g = p.gate(head, &["office-admin", "stranger"], ON_TIME, &[]);
    assert_eq!(g.json["admin"], false);
    assert_eq!(g.errors(NOI_VU), ["E100"]);
    // Logins are matched without case or a leading @.
    p.gate(head, &["@NOIVU-CLERK", "noivu-clerk"], ON_TIME, &[])
        .expect(Verdict::Accepted, &[(NOI_VU, &[])]);
}

// ==== 5. names and kinds of file ====

#[test]
fn a_symlink_is_not_a_report() {
    let g = scenario_symlink();
    g.expect(Verdict::Rejected, &[(NOI_VU, &["E105"])]);
    let msg = g.problem(NOI_VU, "E105")["message"].as_str().unwrap();
    assert!(msg.contains("symbolic link"), "{msg}");
    // A new report added as a link.
    let p = Province::new();
    let head = p.pull_request(&[(
        TAI_CHINH_PATH.to_owned(),
        Blob::Link("noi-vu.toml".to_owned()),
    )]);
    p.gate(head, &["taichinh-clerk"], ON_TIME, &[])
        .expect(Verdict::Rejected, &[(TAI_CHINH_PATH, &["E105"])]);
}

#[test]
fn a_submodule_is_not_a_report() {
    let p = Province::new();
    let head = p.pull_request(&[(TAI_CHINH_PATH.to_owned(), Blob::Gitlink(p.main))]);
    // The tree really holds a gitlink.
    let tree = p.repo.find_commit(head).unwrap().tree().unwrap();
    let entry = tree.get_path(Path::new(TAI_CHINH_PATH)).unwrap();
    assert_eq!(entry.filemode(), 0o160_000);
    let g = p.gate(head, &["taichinh-clerk"], ON_TIME, &[]);
    g.expect(Verdict::Rejected, &[(TAI_CHINH_PATH, &["E105"])]);
    let msg = g.problem(TAI_CHINH_PATH, "E105")["message"]
        .as_str()
        .unwrap();
    assert!(msg.contains("submodule"), "{msg}");
}

#[test]
fn an_executable_report_is_not_a_regular_file() {
    let p = Province::new();
    let head = p.pull_request(&[(
        NOI_VU.to_owned(),
        Blob::Exec(revised("noi-vu").into_bytes()),
    )]);
    let g = p.gate(head, &["noivu-clerk"], ON_TIME, &[]);
    // Its content is fine: the mode alone is the problem.
    g.expect(Verdict::Rejected, &[(NOI_VU, &["E105"])]);
    let msg = g.problem(NOI_VU, "E105")["message"].as_str().unwrap();
    assert!(msg.contains("executable"), "{msg}");
}

#[test]
fn names_differing_only_by_case_are_refused() {
    let g = scenario_case_variant();
    g.expect(
        Verdict::Rejected,
        &[("submissions/2023-9t/Tu-Phap.toml", &["E104"])],
    );
    let msg = g.problem("submissions/2023-9t/Tu-Phap.toml", "E104")["message"]
        .as_str()
        .unwrap();
    assert!(msg.contains(TU_PHAP), "names the known file: {msg}");
    let p = Province::new();
    for path in [
        "submissions/2023-9T/tu-phap.toml",
        "submissions/2023-9t/TU-PHAP.toml",
        "submissions/2023-9t/tu-phap.TOML",
    ] {
        let head = p.pull_request(&[file(path, report_text("tu-phap"))]);
        p.gate(head, &["tuphap-clerk"], ON_TIME, &[])
            .expect(Verdict::Rejected, &[(path, &["E104"])]);
    }
}

#[test]
fn names_differing_only_by_unicode_form_are_refused() {
    // Through Git: fullwidth letters.
    let p = Province::new();
    let fullwidth = "submissions/2023-9t/\u{ff54}\u{ff55}-phap.toml";
    let head = p.pull_request(&[file(fullwidth, report_text("tu-phap"))]);
    p.gate(head, &["tuphap-clerk"], ON_TIME, &[])
        .expect(Verdict::Rejected, &[(fullwidth, &["E104"])]);
    // The pure gate: fullwidth hyphen-minus, small hyphen-minus, fullwidth
    // digits in the campaign, and a mixture with case.
    for path in [
        "submissions/2023-9t/tu\u{ff0d}phap.toml",
        "submissions/2023-9t/tu\u{fe63}phap.toml",
        "submissions/\u{ff12}\u{ff10}\u{ff12}\u{ff13}-9t/tu-phap.toml",
        "submissions/2023-9t/\u{ff34}u-Phap.toml",
    ] {
        let o = judge(
            &[added(path, &report_text("tu-phap"))],
            &["tuphap-clerk"],
            ON_TIME,
            false,
        );
        assert_eq!(
            outcome_errors(&o),
            [(path.to_owned(), vec!["E104"])],
            "{path}"
        );
    }
}

#[test]
fn paths_in_submissions_that_are_no_known_pair_are_refused() {
    let g = scenario_unknown_unit();
    g.expect(
        Verdict::Rejected,
        &[("submissions/2023-9t/so-y-te.toml", &["E103"])],
    );
    let p = Province::new();
    let body = report_text("noi-vu");
    for path in [
        // A unit that does not take part in the campaign (merged away).
        "submissions/2023-9t/cu.toml",
        // A campaign that does not exist.
        "submissions/2024-6t/noi-vu.toml",
        // Outside the campaign folders.
        "submissions/noi-vu.toml",
        "submissions/2023-9t/ban-nhap/noi-vu.toml",
        "submissions/2023-9t/noi-vu.toml.bak",
        "submissions/2023-9t/noi-vu.txt",
        "submissions/2023-9t/.noi-vu.toml",
    ] {
        let head = p.pull_request(&[file(path, body.as_str())]);
        p.gate(head, &["noivu-clerk"], ON_TIME, &[])
            .expect(Verdict::Rejected, &[(path, &["E103"])]);
    }
}

// ==== 6. deletions and renames ====

#[test]
fn a_deleted_report_is_refused() {
    let g = scenario_deleted();
    g.expect(Verdict::Rejected, &[(NOI_VU, &["E102"])]);
    let msg = g.problem(NOI_VU, "E102")["message"].as_str().unwrap();
    assert!(msg.contains("deleted"), "{msg}");
}

#[test]
fn a_renamed_report_is_refused_and_its_new_name_judged() {
    let p = Province::new();
    // To a name that is no report: the old name E102, the new one E103.
    let new = "submissions/2023-9t/noi-vu-2023.toml";
    let head = p.pull_request(&[gone(NOI_VU), file(new, report_text("noi-vu"))]);
    let g = p.gate(head, &["noivu-clerk"], ON_TIME, &[]);
    g.expect(Verdict::Rejected, &[(NOI_VU, &["E102"]), (new, &["E103"])]);
    let msg = g.problem(NOI_VU, "E102")["message"].as_str().unwrap();
    assert!(msg.contains("renamed") && msg.contains(new), "{msg}");
    // To another unit's name: E102, and the new file is another unit's
    // (E100) whose content names the wrong unit (E020).
    let head = p.pull_request(&[gone(NOI_VU), file(TAI_CHINH_PATH, report_text("noi-vu"))]);
    let g = p.gate(head, &["noivu-clerk"], ON_TIME, &[]);
    assert_eq!(g.verdict(), "rejected");
    assert_eq!(g.errors(NOI_VU), ["E102"]);
    let mut new_errors = g.errors(TAI_CHINH_PATH);
    new_errors.sort();
    assert!(new_errors.contains(&"E100".to_owned()), "{new_errors:?}");
    assert!(new_errors.contains(&"E020".to_owned()), "{new_errors:?}");
}

// ==== 7. the base's rules judge ====

#[test]
fn a_pull_request_cannot_change_the_rules_that_judge_it() {
    let p = Province::new();
    // Row 1.1.1 raised from 1 to 2 points (with its parents), and the
    // score raised to fit the new maximum.
    let criteria = fs::read_to_string(fixture().join("content/criteria/mini.toml"))
        .unwrap()
        .replace("total = 5", "total = 6")
        .replace("max = 3\n", "max = 4\n")
        .replace(
            "max = 1.5\n\n[[area.criterion.sub]]",
            "max = 2.5\n\n[[area.criterion.sub]]",
        )
        .replace(
            "name = \"Ban hành kế hoạch CCHC năm đúng thời hạn\"\nmax = 1\n",
            "name = \"Ban hành kế hoạch CCHC năm đúng thời hạn\"\nmax = 2\n",
        );
    assert!(criteria.contains("đúng thời hạn\"\nmax = 2\n"));
    let head = p.pull_request(&[
        file("content/criteria/mini.toml", criteria),
        file(NOI_VU, noi_vu_scored("1.5")),
    ]);
    // The head's files in the work tree must not matter either.
    p.check_out("pr");
    let g = p.gate(head, &["noivu-clerk"], ON_TIME, &[]);
    g.expect(
        Verdict::Rejected,
        &[
            ("content/criteria/mini.toml", &["E100"]),
            (NOI_VU, &["E037"]),
        ],
    );
    let e037 = g.problem(NOI_VU, "E037");
    assert!(e037["line"].is_u64() && e037["column"].is_u64(), "{e037}");
    // Even the office changes the rules in one pull request and the scores
    // in the next.
    let g = p.gate(head, &["office-admin"], ON_TIME, &[]);
    g.expect(
        Verdict::Rejected,
        &[("content/criteria/mini.toml", &[]), (NOI_VU, &["E037"])],
    );
}

#[test]
fn the_base_not_the_fork_point_gives_the_rules() {
    let mut p = Province::new();
    let fork = p.main;
    let head = p.feature("pr", fork, &[(vec![revise("noi-vu")], WRITTEN, WRITTEN)]);
    // After the fork the office extends noi-vu's deadline on main and
    // revises tu-phap's report there.
    let extended = campaign_toml()
        + "\n[[extension]]\nunit = \"noi-vu\"\ndeadline = 2023-09-22T00:00:00\nreason = \"Chờ ý kiến\"\n";
    p.push(
        &[
            file("content/campaigns/2023-9t/campaign.toml", extended),
            revise("tu-phap"),
        ],
        "2023-09-15T08:00:00+07:00",
    );
    let g = p.gate(head, &["noivu-clerk"], LATE, &[]);
    // Only the pull request's own change is judged, by main's new rules.
    g.expect(Verdict::Accepted, &[(NOI_VU, &[])]);
    assert_eq!(g.json["merge_base"], fork.to_string());
    assert_eq!(g.json["base"], p.main.to_string());
    // The unit updates its branch from main (a merge): still only its file.
    let main = p.repo.find_commit(p.main).unwrap();
    let tip = p.repo.find_commit(head).unwrap();
    let mut index = p.repo.merge_commits(&tip, &main, None).unwrap();
    let tree = index.write_tree_to(&p.repo).unwrap();
    let merged = p.commit(
        tree,
        &[head, p.main],
        "Merge branch 'main' into pr",
        ("Văn thư đơn vị", WRITTEN),
        ("Văn thư đơn vị", WRITTEN),
    );
    let g = p.gate(merged, &["noivu-clerk"], LATE, &[]);
    g.expect(Verdict::Accepted, &[(NOI_VU, &[])]);
    assert_eq!(g.json["merge_base"], p.main.to_string());
}

// ==== 8. drafts ====

#[test]
fn a_drafts_blanks_are_warnings() {
    let p = Province::new();
    let head = p.pull_request(&[file(NOI_VU, NOI_VU_BLANKS)]);
    let g = p.gate(head, &["noivu-clerk"], ON_TIME, &["--draft"]);
    g.expect(Verdict::Accepted, &[(NOI_VU, &[])]);
    assert_eq!(g.warnings(NOI_VU), ["E065", "E041"]);
    assert_eq!(g.json["draft"], true);
    // Marked ready, the same blanks are errors.
    let g = p.gate(head, &["noivu-clerk"], ON_TIME, &[]);
    g.expect(Verdict::Rejected, &[(NOI_VU, &["E041", "E065"])]);
    assert!(g.warnings(NOI_VU).is_empty());
    // A draft's other errors stay errors.
    let head = p.pull_request(&[file(NOI_VU, noi_vu_scored("1.5"))]);
    p.gate(head, &["noivu-clerk"], ON_TIME, &["--draft"])
        .expect(Verdict::Rejected, &[(NOI_VU, &["E037"])]);
    // And so does lateness.
    let head = p.pull_request(&[file(NOI_VU, NOI_VU_BLANKS)]);
    let g = p.gate(head, &["noivu-clerk"], LATE, &["--draft"]);
    g.expect(Verdict::Rejected, &[(NOI_VU, &["E101"])]);
    assert_eq!(g.warnings(NOI_VU), ["E065", "E041"]);
}

#[test]
fn a_draft_in_the_event_payload_is_a_draft() {
    let p = Province::new();
    let head = p.pull_request(&[file(NOI_VU, NOI_VU_BLANKS)]);
    let event = write_event(&p, head, |v| {
        v["pull_request"]["draft"] = Value::Bool(true);
    });
    let g = Gate::from(p.check_event(&event, "json", &[], None));
    g.expect(Verdict::Accepted, &[(NOI_VU, &[])]);
    assert_eq!(g.warnings(NOI_VU), ["E065", "E041"]);
    assert_eq!(g.json["draft"], true);
    assert_eq!(g.json["pull_request"], 42);
    // The same payload not a draft.
    let event = write_event(&p, head, |_| {});
    let g = Gate::from(p.check_event(&event, "json", &[], None));
    g.expect(Verdict::Rejected, &[(NOI_VU, &["E041", "E065"])]);
    assert_eq!(g.json["draft"], false);
    // --draft makes a payload that is not a draft one.
    let g = Gate::from(p.check_event(&event, "json", &["--draft"], None));
    g.expect(Verdict::Accepted, &[(NOI_VU, &[])]);
    assert_eq!(g.warnings(NOI_VU), ["E065", "E041"]);
}

#[test]
fn the_pure_gate_softens_only_blanks_in_a_draft() {
    let change = [added(NOI_VU, NOI_VU_BLANKS)];
    let draft = judge(&change, &["noivu-clerk"], ON_TIME, true);
    assert!(draft.accepted());
    let codes: Vec<(Code, Severity)> = draft.files[0]
        .diagnostics
        .iter()
        .map(|d| (d.code, d.severity))
        .collect();
    assert_eq!(
        codes,
        [
            (Code::E065, Severity::Warning),
            (Code::E041, Severity::Warning)
        ]
    );
    assert!(codes.iter().all(|(c, _)| c.is_blank()));
    // Not on time: a draft records no receipt; a ready one does.
    assert!(draft.on_time.is_empty());
    let ready = judge(
        &[added(NOI_VU, &revised("noi-vu"))],
        &["noivu-clerk"],
        ON_TIME,
        false,
    );
    assert_eq!(ready.on_time.len(), 1);
    assert_eq!(ready.on_time[0].unit, "noi-vu");
    assert_eq!(ready.on_time[0].local.to_string(), "2023-09-14T10:00:00");
    let blank = judge(&change, &["noivu-clerk"], ON_TIME, false);
    assert!(!blank.accepted());
    assert_eq!(
        outcome_errors(&blank),
        [(NOI_VU.to_owned(), vec!["E065", "E041"])]
    );
}

// ==== 9. closed campaigns, file size ====

#[test]
fn a_closed_campaign_takes_no_changes() {
    let g = scenario_closed();
    g.expect(Verdict::Rejected, &[(NOI_VU, &["E106"])]);
    let p = closed_province();
    // A new report to it too, and late as well.
    let head = p.pull_request(&[file(TAI_CHINH_PATH, TAI_CHINH)]);
    p.gate(head, &["taichinh-clerk"], "2023-10-01T08:00:00+07:00", &[])
        .expect(Verdict::Rejected, &[(TAI_CHINH_PATH, &["E101", "E106"])]);
    // The office may still correct it.
    let head = p.pull_request(&[revise("noi-vu")]);
    p.gate(head, &["office-admin"], LATE, &[])
        .expect(Verdict::Accepted, &[(NOI_VU, &[])]);
}

#[test]
fn a_report_over_one_mebibyte_is_refused() {
    const MIB: usize = 1024 * 1024;
    /// The valid report padded with comment lines to `size` bytes.
    fn padded(size: usize) -> Vec<u8> {
        let mut text = revised("noi-vu").into_bytes();
        while text.len() < size {
            let room = size - text.len();
            let line = if room > 100 { 100 } else { room };
            let mut l = vec![b'#'; line];
            l[line - 1] = b'\n';
            text.extend_from_slice(&l);
        }
        assert_eq!(text.len(), size);
        text
    }
    let p = Province::new();
    let head = p.pull_request(&[file(NOI_VU, padded(MIB + 1))]);
    let g = p.gate(head, &["noivu-clerk"], ON_TIME, &[]);
    g.expect(Verdict::Rejected, &[(NOI_VU, &["E003"])]);
    // Exactly the limit is allowed.
    let head = p.pull_request(&[file(NOI_VU, padded(MIB))]);
    p.gate(head, &["noivu-clerk"], ON_TIME, &[])
        .expect(Verdict::Accepted, &[(NOI_VU, &[])]);
    // Past the loader's cap for any file (8 MiB), the blob is not read.
    let head = p.pull_request(&[file(NOI_VU, vec![b'#'; 9 * MIB])]);
    p.gate(head, &["noivu-clerk"], ON_TIME, &[])
        .expect(Verdict::Rejected, &[(NOI_VU, &["E003"])]);
}

// ==== 10. the event payload, the github format, the step summary ====

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

#[test]
fn the_event_fixture_is_a_real_pull_request_payload() {
    let v: Value = serde_json::from_str(&fs::read_to_string(event_fixture()).unwrap()).unwrap();
    assert_eq!(v["action"], "synchronize");
    assert_eq!(v["number"], v["pull_request"]["number"]);
    for key in [
        "/pull_request/head/repo/full_name",
        "/pull_request/base/repo/full_name",
    ] {
        assert_eq!(v.pointer(key).unwrap(), "cchc-tinh/cchc-2023");
    }
    assert_eq!(v["pull_request"]["head"]["ref"], "noi-vu/bao-cao-2023-9t");
    assert_eq!(v["pull_request"]["base"]["ref"], "main");
    let req = cchc::check_pr::from_event(&v.to_string()).unwrap();
    assert_eq!(req.base, "b".repeat(40));
    assert_eq!(req.head, "a".repeat(40));
    // The author and the sender are one login: one actor.
    assert_eq!(req.actors, ["noivu-clerk"]);
    assert!(!req.draft);
    assert_eq!(req.number, Some(42));
    // A sender other than the author is an actor too.
    let mut other = v.clone();
    other["sender"]["login"] = Value::from("office-admin");
    other["pull_request"]["draft"] = Value::Bool(true);
    let req = cchc::check_pr::from_event(&other.to_string()).unwrap();
    assert_eq!(req.actors, ["noivu-clerk", "office-admin"]);
    assert!(req.draft);
    // Without the pull request or its SHAs: refused.
    let mut push = v.clone();
    push.as_object_mut().unwrap().remove("pull_request");
    assert!(cchc::check_pr::from_event(&push.to_string()).is_err());
    let mut no_head = v;
    no_head["pull_request"]["head"]
        .as_object_mut()
        .unwrap()
        .remove("sha");
    let e = cchc::check_pr::from_event(&no_head.to_string()).unwrap_err();
    assert!(e.contains("pull_request.head.sha"), "{e}");
}

#[test]
fn an_event_end_to_end_in_the_github_format() {
    let p = Province::new();
    let noi_vu = noi_vu_scored("1.5");
    let head = p.pull_request(&[file(NOI_VU, noi_vu.as_str()), revise("tu-phap")]);
    let event = write_event(&p, head, |_| {});
    let summary = p.dir.path().join("summary.md");
    fs::write(&summary, "# An earlier step\n").unwrap();
    let o = p.check_event(&event, "github", &[], Some(&summary));
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}{}", text(&o.stderr));
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.iter().all(|l| l.starts_with("::error ")), "{out}");
    assert_eq!(lines.len(), 2, "{out}");
    // E037 at the score of row 1.1.1: the line and column of its value.
    let (line, col) = noi_vu
        .lines()
        .enumerate()
        .find_map(|(i, l)| l.find("1.5").map(|c| (i + 1, c + 1)))
        .unwrap();
    let e037 = format!("::error file={NOI_VU},line={line},col={col},");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&e037) && l.contains("title=E037 ")),
        "{e037}\n{out}"
    );
    // E100 is about the whole file: no position.
    let e100 = format!("::error file={TU_PHAP},title=E100 ");
    assert!(lines.iter().any(|l| l.starts_with(&e100)), "{e100}\n{out}");
    assert!(
        out.contains("tuphap-clerk") || out.contains("noivu-clerk"),
        "{out}"
    );

    // The step summary: appended, one table row per file.
    let md = fs::read_to_string(&summary).unwrap();
    assert!(md.starts_with("# An earlier step\n"), "{md}");
    assert!(md.contains("### cchc check-pr: TỪ CHỐI"), "{md}");
    assert!(
        md.contains(&format!("`{}`", &head.to_string()[..7])),
        "{md}"
    );
    let rows: Vec<&str> = md
        .lines()
        .filter(|l| l.starts_with("| submissions/"))
        .collect();
    assert_eq!(rows.len(), 2, "{md}");
    assert!(
        rows.iter()
            .any(|r| r.starts_with(&format!("| {NOI_VU} | Sở Nội vụ | ❌")) && r.contains("E037")),
        "{md}"
    );
    assert!(
        rows.iter().any(
            |r| r.starts_with(&format!("| {TU_PHAP} | Sở Tư pháp | ❌")) && r.contains("E100")
        ),
        "{md}"
    );
    // A second run appends a second summary.
    let again = p.check_event(&event, "github", &[], Some(&summary));
    assert_eq!(again.status.code(), Some(1));
    let md = fs::read_to_string(&summary).unwrap();
    assert_eq!(md.matches("### cchc check-pr").count(), 2, "{md}");
}

#[test]
fn an_event_of_a_valid_pull_request_puts_its_number_in_the_receipt() {
    let p = Province::new();
    let head = p.pull_request(&[revise("noi-vu")]);
    let event = write_event(&p, head, |_| {});
    let comment = p.dir.path().join("comment.md");
    let summary = p.dir.path().join("summary.md");
    let o = p.check_event(
        &event,
        "github",
        &["--comment", comment.to_str().unwrap()],
        Some(&summary),
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(text(&o.stdout), "", "no annotations");
    let md = fs::read_to_string(&summary).unwrap();
    assert!(md.contains("### cchc check-pr: CHẤP NHẬN"), "{md}");
    let comment = fs::read_to_string(&comment).unwrap();
    assert!(comment.starts_with("<!-- cchc-gate -->"), "{comment}");
    assert!(
        comment.contains("channel = \"pull_request\"\npull_request = 42\n"),
        "{comment}"
    );
    // The sender differs from the author: both are actors.
    let event = write_event(&p, head, |v| {
        v["sender"]["login"] = Value::from("stranger");
    });
    let g = Gate::from(p.check_event(&event, "json", &[], None));
    g.expect(Verdict::Rejected, &[(NOI_VU, &["E100"])]);
    assert_eq!(
        g.json["actors"],
        serde_json::json!(["noivu-clerk", "stranger"])
    );
}

// ==== 11. escaping in the github format ====

#[test]
fn the_github_format_escapes_messages_and_properties() {
    let p = Province::new();
    // An unknown key whose name holds %, CR, LF, : and , (E012), and a file
    // whose name holds %, : and , (E103).
    let odd_key = report_text("noi-vu").replacen(
        "\n[prepared_by]",
        "\"50%\\r\\n::warning x:y,z\" = 1\n\n[prepared_by]",
        1,
    );
    let odd_path = "submissions/2023-9t/50%:a,b.toml";
    let head = p.pull_request(&[file(NOI_VU, odd_key), file(odd_path, report_text("noi-vu"))]);
    let o = p.check(head, &["noivu-clerk"], ON_TIME, "github", &[]);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(!out.contains('\r'), "{out:?}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "one line per problem: {out}");
    assert!(lines.iter().all(|l| l.starts_with("::error ")), "{out}");
    let e012 = lines.iter().find(|l| l.contains("title=E012 ")).unwrap();
    assert!(
        e012.starts_with(&format!("::error file={NOI_VU},line=")),
        "{e012}"
    );
    assert!(e012.contains("50%25%0D%0A::warning x:y,z"), "{e012}");
    let e103 = lines.iter().find(|l| l.contains("title=E103 ")).unwrap();
    assert!(
        e103.starts_with("::error file=submissions/2023-9t/50%25%3Aa%2Cb.toml,title=E103 "),
        "{e103}"
    );
    // The hint is on the same annotation, after an escaped newline.
    assert!(e103.contains("%0AHint: "), "{e103}");

    // Git allows CR and LF in a name: they cannot start a new command.
    let crlf = "submissions/2023-9t/a\r\n::error file=x::b.toml";
    let head = p.pull_request(&[file(crlf, "x = 1\n")]);
    let o = p.check(head, &["noivu-clerk"], ON_TIME, "github", &[]);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert_eq!(out.lines().count(), 1, "{out:?}");
    assert!(
        out.starts_with(
            "::error file=submissions/2023-9t/a%0D%0A%3A%3Aerror file=x%3A%3Ab.toml,title=E103 "
        ),
        "{out:?}"
    );
}

#[test]
fn render_escapes_every_special_character_of_a_workflow_command() {
    let path: Arc<str> = "submissions/a%b\r\nc:d,e.toml".into();
    let mut db = SourceDb::default();
    db.insert(SourceFile::new(Arc::clone(&path), "x = 1\ny = 2\n".into()));
    let d = Diagnostic::new(
        Code::E012,
        Span::new(&path, 6..7),
        Text::new("50% sai\r\n::error::x", "50% wrong\r\n::error::x: a, b"),
    )
    .hint(Text::new("gợi ý", "fix it: now, please"));
    let out = render(
        &[d],
        &db,
        Format::Github,
        Lang::En,
        false,
        Summary::default(),
    );
    assert_eq!(
        out,
        "::error file=submissions/a%25b%0D%0Ac%3Ad%2Ce.toml,line=2,col=1,endColumn=2,\
         title=E012 unknown key::50%25 wrong%0D%0A::error::x: a, b%0AHint: fix it: now, please\n"
    );
    // A whole-file problem has no position; a warning is a warning.
    let mut w = Diagnostic::new(Code::E101, Span::file(&path), Text::new("muộn", "late"));
    w.severity = Severity::Warning;
    let out = render(
        &[w],
        &db,
        Format::Github,
        Lang::Vi,
        false,
        Summary::default(),
    );
    assert_eq!(
        out,
        "::warning file=submissions/a%25b%0D%0Ac%3Ad%2Ce.toml,title=E101 báo cáo đến sau hạn::muộn\n"
    );
}

// ==== the data in a subfolder of the repository ====

#[test]
fn data_in_a_subfolder_is_judged_under_the_paths_git_shows() {
    let p = Province::build("data/", &[]);
    let head = p.pull_request(&[file(NOI_VU, noi_vu_scored("1.5"))]);
    // The repository's own files, outside the data folder, are the office's.
    let tree = p.tree(Some(head), &[file("README.md", "# Kho CCHC\n")]);
    let head = p.commit(
        tree,
        &[head],
        "README",
        ("Văn thư đơn vị", WRITTEN),
        ("Văn thư đơn vị", WRITTEN),
    );
    let g = p.gate(head, &["noivu-clerk"], ON_TIME, &[]);
    let noi_vu = format!("data/{NOI_VU}");
    g.expect(
        Verdict::Rejected,
        &[("README.md", &["E100"]), (&noi_vu, &["E037"])],
    );
    assert_eq!(g.file(&noi_vu)["unit"], "noi-vu");
    let head = p.pull_request(&[revise("noi-vu")]);
    p.gate(head, &["noivu-clerk"], ON_TIME, &[])
        .expect(Verdict::Accepted, &[(&noi_vu, &[])]);
    let head = p.pull_request(&[revise("noi-vu")]);
    p.gate(head, &["noivu-clerk"], LATE, &[])
        .expect(Verdict::Rejected, &[(&noi_vu, &["E101"])]);
}

// ==== behaviour once reported as wrong, now fixed ====

#[test]
fn data_in_a_subfolder_keeps_line_and_column() {
    let p = Province::build("data/", &[]);
    let head = p.pull_request(&[file(NOI_VU, noi_vu_scored("1.5"))]);
    let g = p.gate(head, &["noivu-clerk"], ON_TIME, &[]);
    let e037 = g.problem(&format!("data/{NOI_VU}"), "E037");
    assert!(e037["line"].is_u64() && e037["column"].is_u64(), "{e037}");
}

#[test]
fn the_admin_may_change_the_readme_and_gitkeep_of_submissions() {
    let p = Province::new();
    for path in ["submissions/README.md", "submissions/2023-9t/.gitkeep"] {
        let head = p.pull_request(&[file(path, "# Báo cáo\n")]);
        p.gate(head, &["office-admin"], ON_TIME, &[])
            .expect(Verdict::Accepted, &[(path, &[])]);
    }
}

// ==== 12. could not run ====

/// Runs check-pr expecting exit 2 and an explanation on stderr only.
fn could_not_run(dir: &Path, args: &[&str]) -> String {
    let o = cchc(dir, args, None);
    let err = text(&o.stderr);
    assert_eq!(
        o.status.code(),
        Some(2),
        "{args:?}: {err}{}",
        text(&o.stdout)
    );
    assert_eq!(text(&o.stdout), "", "{args:?}");
    assert!(err.starts_with("cchc: "), "{err}");
    err
}

#[test]
fn unknown_revisions_and_bad_events_cannot_run() {
    let p = Province::new();
    let root = p.root();
    let main = p.main.to_string();
    let base = ["check-pr", "--actor", "noivu-clerk", "--now", ON_TIME];
    let err = could_not_run(
        &root,
        &[&base[..], &["--base", "main", "--head", "no-such-branch"]].concat(),
    );
    assert!(
        err.contains("no-such-branch") && err.contains("not found"),
        "{err}"
    );
    let err = could_not_run(
        &root,
        &[&base[..], &["--base", "nope", "--head", &main]].concat(),
    );
    assert!(err.contains("nope") && err.contains("not found"), "{err}");
    // The fixture as it is: its SHAs are placeholders, not in the repository.
    let err = could_not_run(
        &root,
        &[
            "check-pr",
            "--event",
            event_fixture().to_str().unwrap(),
            "--now",
            ON_TIME,
        ],
    );
    assert!(
        err.contains(&"a".repeat(40)) || err.contains(&"b".repeat(40)),
        "{err}"
    );
    // A malformed event file, one of another event, and a missing one.
    let bad = p.dir.path().join("bad.json");
    fs::write(&bad, "{\"pull_request\": {\"head\": ").unwrap();
    let err = could_not_run(&root, &["check-pr", "--event", bad.to_str().unwrap()]);
    assert!(err.contains("bad.json") && err.contains("JSON"), "{err}");
    let push = p.dir.path().join("push.json");
    fs::write(
        &push,
        r#"{"ref": "refs/heads/main", "after": "abc", "pusher": {"name": "x"}}"#,
    )
    .unwrap();
    let err = could_not_run(&root, &["check-pr", "--event", push.to_str().unwrap()]);
    assert!(err.contains("pull_request"), "{err}");
    let err = could_not_run(&root, &["check-pr", "--event", "no-such-event.json"]);
    assert!(err.contains("no-such-event.json"), "{err}");
    // No actor; no head; a clock that is no time.
    let err = could_not_run(&root, &["check-pr", "--base", "main", "--head", &main]);
    assert!(err.contains("--actor"), "{err}");
    let err = could_not_run(
        &root,
        &["check-pr", "--base", "main", "--actor", "noivu-clerk"],
    );
    assert!(err.contains("--head"), "{err}");
    let err = could_not_run(
        &root,
        &[
            "check-pr", "--base", "main", "--head", &main, "--actor", "a", "--now", "tomorrow",
        ],
    );
    assert!(err.contains("--now tomorrow"), "{err}");
    // Not a Git repository at all.
    let plain = tempfile::tempdir().unwrap();
    fs::create_dir_all(plain.path().join("content")).unwrap();
    let err = could_not_run(
        plain.path(),
        &[
            "check-pr", "--base", "main", "--head", "main", "--actor", "a", "--now", ON_TIME,
        ],
    );
    assert!(err.contains("Git"), "{err}");
}

// ==== every gate code ====

#[test]
fn every_gate_code_is_produced_by_a_scenario() {
    let scenarios: [(&str, Scenario); 7] = [
        ("another unit's file", scenario_another_units_file),
        ("late", scenario_late),
        ("deleted", scenario_deleted),
        ("unknown unit", scenario_unknown_unit),
        ("case variant", scenario_case_variant),
        ("symlink", scenario_symlink),
        ("closed campaign", scenario_closed),
    ];
    let mut seen = BTreeSet::new();
    for (name, run) in scenarios {
        let g = run();
        assert_eq!(g.verdict(), "rejected", "{name}");
        seen.extend(g.all_codes());
    }
    let gate_codes: BTreeSet<String> = Code::ALL
        .iter()
        .filter(|c| c.is_gate())
        .map(|c| c.as_str().to_owned())
        .collect();
    assert_eq!(
        gate_codes.iter().map(String::as_str).collect::<Vec<_>>(),
        ["E100", "E101", "E102", "E103", "E104", "E105", "E106"]
    );
    let missing: Vec<&String> = gate_codes.difference(&seen).collect();
    assert!(missing.is_empty(), "no scenario gives {missing:?}");
}

// ==== the office acting on a unit's pull request, and on content ====

#[test]
fn an_admin_updating_a_units_pull_request_keeps_it_acceptable() {
    // The unit wrote it; the office clicked "Update branch" (the sender).
    let p = Province::new();
    let head = p.pull_request(&[revise("noi-vu")]);
    p.gate(head, &["noivu-clerk", "office-admin"], ON_TIME, &[])
        .expect(Verdict::Accepted, &[(NOI_VU, &[])]);
    // But the unit is still held to its deadline: not the office alone.
    p.gate(head, &["noivu-clerk", "office-admin"], LATE, &[])
        .expect(Verdict::Rejected, &[(NOI_VU, &["E101"])]);
}

#[test]
fn the_offices_content_changes_must_leave_content_valid() {
    let p = Province::new();
    // A broken units.toml from the office is refused with its problems.
    let head = p.pull_request(&[file("content/units.toml", "[office\n")]);
    let g = p.gate(head, &["office-admin"], ON_TIME, &[]);
    g.expect(Verdict::Rejected, &[("content/units.toml", &["E004"])]);
    // A campaign pointing at a criteria set the pull request deletes: the
    // unchanged campaign.toml is reported too.
    let head = p.pull_request(&[gone("content/criteria/mini.toml")]);
    let g = p.gate(head, &["office-admin"], ON_TIME, &[]);
    assert_eq!(g.json["verdict"], "rejected");
    let campaign = g.problem("content/campaigns/2023-9t/campaign.toml", "E082");
    assert_eq!(campaign["severity"], "error");
    // A new unit without regenerating CODEOWNERS: E092.
    let owners = text(
        &cchc(
            &fixture(),
            &["codeowners", "--repo", fixture().to_str().unwrap()],
            None,
        )
        .stdout,
    );
    assert!(owners.contains("/submissions/*/tu-phap.toml @tuphap-clerk @office-admin"));
    let head = p.pull_request(&[file(".github/CODEOWNERS", owners.as_str())]);
    p.gate(head, &["office-admin"], ON_TIME, &[])
        .expect(Verdict::Accepted, &[(".github/CODEOWNERS", &[])]);
    let units = fs::read_to_string(fixture().join("content/units.toml")).unwrap()
        + "\n[[unit]]\nid = \"y-te\"\nname = \"Sở Y tế\"\nowners = [\"yte-clerk\"]\n";
    let head = p.pull_request(&[
        file(".github/CODEOWNERS", owners.as_str()),
        file("content/units.toml", units),
    ]);
    let g = p.gate(head, &["office-admin"], ON_TIME, &[]);
    g.expect(
        Verdict::Rejected,
        &[
            (".github/CODEOWNERS", &["E092"]),
            ("content/units.toml", &[]),
        ],
    );
}

#[test]
fn with_an_event_the_clock_is_githubs_update_time() {
    let p = Province::new();
    let head = p.pull_request(&[revise("noi-vu")]);
    // Pushed a minute before the deadline; the job ran later (no --now).
    let event = write_event(&p, head, |v| {
        v["pull_request"]["updated_at"] = Value::String("2023-09-14T16:59:00Z".to_owned());
    });
    let o = cchc(
        &p.root(),
        &[
            "check-pr",
            "--event",
            event.to_str().unwrap(),
            "--format",
            "json",
        ],
        None,
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}{}",
        text(&o.stdout),
        text(&o.stderr)
    );
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["checked_at"], "2023-09-14T16:59:00Z");
    // Updated after the deadline: late.
    let event = write_event(&p, head, |v| {
        v["pull_request"]["updated_at"] = Value::String("2023-09-14T17:00:00Z".to_owned());
    });
    let o = cchc(
        &p.root(),
        &[
            "check-pr",
            "--event",
            event.to_str().unwrap(),
            "--format",
            "json",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    // --event and --actor together are a mistake, not a silent choice.
    let o = cchc(
        &p.root(),
        &[
            "check-pr",
            "--event",
            event.to_str().unwrap(),
            "--actor",
            "office-admin",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
}

// ==== attacks on the gate (hardening) ====

#[test]
fn paths_with_dots_hidden_files_and_git_metadata_are_refused() {
    let p = Province::new();
    // Git itself refuses ".." and "." as path components; names that merely
    // contain dots, and hidden files, reach the gate and are refused.
    let dotted = p.repo.index().unwrap().add_frombuffer(
        &IndexEntry {
            ctime: IndexTime::new(0, 0),
            mtime: IndexTime::new(0, 0),
            dev: 0,
            ino: 0,
            mode: 0o100_644,
            uid: 0,
            gid: 0,
            file_size: 0,
            id: Oid::ZERO_SHA1,
            flags: 0,
            flags_extended: 0,
            path: b"submissions/../content/units.toml".to_vec(),
        },
        b"x",
    );
    assert!(dotted.is_err(), "git accepted a path with ..");
    for (path, code) in [
        ("submissions/2023-9t/..tu-phap.toml", "E103"),
        ("submissions/..2023-9t/tu-phap.toml", "E103"),
        ("submissions/2023-9t/.tu-phap.toml", "E103"),
        ("submissions/2023-9t/.gitattributes", "E103"),
        ("submissions/.hidden/tu-phap.toml", "E103"),
        ("submissions/.gitattributes", "E103"),
    ] {
        let head = p.pull_request(&[file(path, report_text("tu-phap"))]);
        p.gate(head, &["tuphap-clerk"], ON_TIME, &[])
            .expect(Verdict::Rejected, &[(path, &[code])]);
    }
    for path in [".gitattributes", ".gitmodules"] {
        let head = p.pull_request(&[file(path, "* -text\n")]);
        p.gate(head, &["tuphap-clerk"], ON_TIME, &[])
            .expect(Verdict::Rejected, &[(path, &["E100"])]);
    }
}

#[test]
fn a_huge_or_binary_report_is_refused() {
    let p = Province::new();
    // Valid TOML, 100 MB: a comment line repeated after the report.
    let mut big = report_text("tu-phap").into_bytes();
    let filler = b"# dong chu thich lap lai de lam tep rat lon\n";
    while big.len() < 100 * 1024 * 1024 {
        big.extend_from_slice(filler);
    }
    let head = p.pull_request(&[file(TU_PHAP, big)]);
    p.gate(head, &["tuphap-clerk"], ON_TIME, &[])
        .expect(Verdict::Rejected, &[(TU_PHAP, &["E003"])]);
    // A binary file (a spreadsheet renamed) in the unit's place.
    let mut xlsx = b"PK\x03\x04\x14\x00\x06\x00".to_vec();
    xlsx.extend((0..4096_u32).map(|i| (i % 251) as u8));
    let head = p.pull_request(&[file(TU_PHAP, xlsx)]);
    let g = p.gate(head, &["tuphap-clerk"], ON_TIME, &[]);
    assert_eq!(g.verdict(), "rejected");
    let codes = g.errors(TU_PHAP);
    assert!(
        codes.iter().any(|c| c == "E001" || c == "E002"),
        "{codes:?}"
    );
}

#[test]
fn renaming_another_units_report_onto_ones_own_name_is_refused() {
    let p = Province::new();
    // noi-vu's clerk moves tu-phap's report to noi-vu.toml.
    let head = p.pull_request(&[gone(TU_PHAP), file(NOI_VU, report_text("tu-phap"))]);
    let g = p.gate(head, &["noivu-clerk"], ON_TIME, &[]);
    assert_eq!(g.verdict(), "rejected");
    assert!(
        g.errors(TU_PHAP).contains(&"E102".to_owned()),
        "{}",
        g.stdout
    );
    // The moved file names its real unit: not noi-vu's report.
    assert!(
        g.errors(NOI_VU).contains(&"E020".to_owned()),
        "{}",
        g.stdout
    );
}

#[test]
fn granting_oneself_ownership_through_codeowners_or_units_is_refused() {
    let p = Province::new();
    let owners = "* @tuphap-clerk\n/submissions/*/noi-vu.toml @tuphap-clerk\n";
    let units = fs::read_to_string(fixture().join("content/units.toml"))
        .unwrap()
        .replace("owners = [\"noivu-clerk\"]", "owners = [\"tuphap-clerk\"]")
        .replace(
            "admins = [\"office-admin\"]",
            "admins = [\"office-admin\", \"tuphap-clerk\"]",
        );
    let head = p.pull_request(&[
        file(".github/CODEOWNERS", owners),
        file("content/units.toml", units),
        revise("noi-vu"),
    ]);
    p.gate(head, &["tuphap-clerk"], ON_TIME, &[]).expect(
        Verdict::Rejected,
        &[
            (".github/CODEOWNERS", &["E100"]),
            ("content/units.toml", &["E100"]),
            (NOI_VU, &["E100"]),
        ],
    );
}

#[test]
fn hidden_characters_pings_and_links_in_a_report_reach_no_one() {
    use std::fmt::Write as _;

    use pulldown_cmark::{Event, Options, Parser, Tag};
    use unicode_general_category::{GeneralCategory, get_general_category};

    // Characters that change what a reviewer reads without being seen.
    let raw_hidden = |s: &str| -> Vec<char> {
        s.chars()
            .filter(|&c| {
                c != '\n' && c.is_control() || get_general_category(c) == GeneralCategory::Format
            })
            .collect()
    };
    // What GitHub's mention, reference and autolink filters look at: the
    // rendered text, entities decoded (code spans and HTML apart); and
    // whether the Markdown made a link or an image.
    let rendered = |md: &str| -> (String, bool) {
        let mut text = String::new();
        let mut linked = false;
        for event in Parser::new_ext(md, Options::ENABLE_TABLES) {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::Start(Tag::Link { .. } | Tag::Image { .. }) => linked = true,
                _ => text.push('\n'),
            }
        }
        (text, linked)
    };
    let pings_and_links = |text: &str| -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let mut found: Vec<String> = chars
            .windows(2)
            .filter(|w| {
                w[0] == '@' && (w[1].is_alphanumeric() || w[1] == '-')
                    || w[0] == '#' && w[1].is_ascii_digit()
            })
            .map(|w| w.iter().collect())
            .collect();
        let lower = text.to_lowercase();
        for needle in ["www.", "://", "gh-1", "deadbee"] {
            if lower.contains(needle) {
                found.push(needle.to_owned());
            }
        }
        found
    };

    let p = Province::new();
    let mut report = report_text("noi-vu");
    for criterion in [
        "\\u202E@office-admin #12",
        "GH-1 www.evil.example",
        "https://evil.example a@b.vn",
        "deadbeef1234\\u200B",
    ] {
        write!(
            report,
            "\n[[score]]\ncriterion = \"{criterion}\"\nscore = 0\nexplanation = \"x\"\n"
        )
        .unwrap();
    }
    let odd_path = "submissions/2023-9t/x\u{202e}@office-admin#12.toml";
    let head = p.pull_request(&[file(NOI_VU, report), file(odd_path, report_text("noi-vu"))]);
    let event = write_event(&p, head, |_| {});
    let comment = p.dir.path().join("comment.md");
    let summary = p.dir.path().join("summary.md");
    let o = p.check_event(
        &event,
        "github",
        &["--comment", comment.to_str().unwrap()],
        Some(&summary),
    );
    let annotations = text(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{annotations}{}", text(&o.stderr));
    assert!(annotations.contains("title=E030 "), "{annotations}");
    assert!(annotations.contains("title=E103 "), "{annotations}");
    assert_eq!(
        raw_hidden(&annotations),
        Vec::<char>::new(),
        "{annotations}"
    );
    for shown in [
        "\\u{202e}@office-admin #12",
        "\\u{200b}",
        "file=submissions/2023-9t/x\\u{202e}@office-admin#12.toml,",
    ] {
        assert!(annotations.contains(shown), "{shown} in\n{annotations}");
    }

    let comment = fs::read_to_string(&comment).unwrap();
    let summary = fs::read_to_string(&summary).unwrap();
    for (what, md) in [("comment", &comment), ("summary", &summary)] {
        assert_eq!(raw_hidden(md), Vec::<char>::new(), "{what}:\n{md}");
        let (seen, linked) = rendered(md);
        assert!(!linked, "{what}:\n{md}");
        assert_eq!(
            pings_and_links(&seen),
            Vec::<String>::new(),
            "{what}:\n{md}\n{seen}"
        );
        // What was hidden is shown, and the hostile name's row is one row.
        assert!(
            seen.contains("x\\u{202e}@\u{200b}office-admin#\u{200b}12.toml"),
            "{what}:\n{seen}"
        );
        assert_eq!(
            md.lines()
                .filter(|l| l.starts_with("| submissions/2023-9t/x"))
                .count(),
            1,
            "{what}:\n{md}"
        );
    }
    // The details of each problem, with the values quoted.
    let (seen, _) = rendered(&comment);
    for value in [
        "\"\\u{202e}@\u{200b}office-admin #\u{200b}12\"",
        "\"GH\u{200b}-1 www\u{200b}.evil.example\"",
        "\"https:\u{200b}//evil.example a@\u{200b}b.vn\"",
        "\"deadbe\u{200b}ef1234\\u{200b}\"",
    ] {
        assert!(seen.contains(value), "{value} in\n{seen}");
    }
    // The comment's own code span keeps the commit id whole.
    assert!(
        comment.contains(&format!("commit `{}`", &head.to_string()[..7])),
        "{comment}"
    );
}
