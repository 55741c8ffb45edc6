//! The pull-request gate, `cchc check-pr`, where a verdict is not all
//! there is to check: the comment the bot posts (the receipt to paste), the
//! human output in English, the step summary and the `github` format's
//! annotations and escaping, the event payload itself, the pure
//! `gate::judge` at its boundaries, and what cannot run. Scenarios whose
//! result is a verdict and its codes are data: `tests/gate-cases/`, run by
//! `tests/gate_cases.rs`.
//!
//! Every repository is built in a temporary folder with git2 from the
//! fixture `tests/fixtures/mini/` (campaign 2023-9t, `Asia/Ho_Chi_Minh`,
//! deadline 2023-09-15T00:00:00 local = 2023-09-14T17:00:00Z; tai-chinh
//! extended to 2023-09-20T00:00:00; units noi-vu, tu-phap, tai-chinh owned by
//! noivu-clerk, tuphap-clerk, taichinh-clerk; admin office-admin). `main`
//! holds the office's commit of content/ and the two fixture reports; each
//! pull request is a branch off it. Every run gives the gate a fixed clock.

// Test code: a failed unwrap is a failed test with its message.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::Arc;

use cchc_core::diag::render::{Format, Summary, render};
use cchc_core::diag::{Code, Diagnostic, Severity};
use cchc_core::gate::{self, Context, Outcome, Verdict};
use cchc_core::load::Input;
use cchc_core::pull_request::{ChangeKind, ChangedPath, Mode};
use cchc_core::source::{SourceDb, SourceFile, Span};
use cchc_core::text::{Lang, Text};
use cchc_core::toml_read::FileData;
use git2::{IndexEntry, IndexTime, Oid};
use serde_json::Value;

use crate::common;
use common::{
    CAMPAIGN, DEADLINE, EXTENDED, Province, Scripted, TAI_CHINH, WRITTEN, at, cchc, file, fixture,
    report_text, revise, revised, text,
};

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

    /// What the CI runs: `check-pr` of `head` by an event, in the github
    /// format, writing the comment and the step summary; their paths are
    /// returned with the output.
    fn run_as_ci(&self, head: Oid) -> (Output, PathBuf, PathBuf) {
        let event = write_event(self, head, |_| {});
        let comment = self.dir.path().join("comment.md");
        let summary = self.dir.path().join("summary.md");
        let o = self.check_event(
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

// ==== the comment and the human output ====

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
    let outcome = cchc_core::validate::validate(&input, at(LATE));
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

// ==== the pure gate ====

#[test]
fn the_pure_gate_judges_the_deadline_to_the_second() {
    // Through Git: tests/gate-cases/E101-at-the-deadline and its neighbours.
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
    // 18/9), but a receipt dates the version received: it never lets the
    // unit's account change the file after its deadline (issue 11).
    let late = judge(&change, &["taichinh-clerk"], EXTENDED, false);
    assert_eq!(
        outcome_errors(&late),
        [(TAI_CHINH_PATH.to_owned(), vec!["E101"])]
    );
    // The office may still put it in: all actors admins.
    assert!(judge(&change, &["office-admin"], EXTENDED, false).accepted());
}

#[test]
fn the_pure_gate_refuses_names_differing_only_by_unicode_form() {
    // Through Git: tests/gate-cases/E104-fullwidth-letters. Here: fullwidth
    // hyphen-minus, small hyphen-minus, fullwidth digits in the campaign,
    // and a mixture with case.
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

// ==== the event payload, the github format, the step summary ====

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
    assert!(
        e.vi.contains("pull_request.head.sha") && e.en.contains("pull_request.head.sha"),
        "{e:?}"
    );
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
    let (o, comment, summary) = p.run_as_ci(head);
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
}

// ==== escaping in the github format ====

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

// ==== could not run ====

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
    // --event and --actor together are a mistake, not a silent choice.
    let event = write_event(&p, p.main, |_| {});
    let err = could_not_run(
        &root,
        &[
            "check-pr",
            "--event",
            event.to_str().unwrap(),
            "--actor",
            "office-admin",
        ],
    );
    assert!(err.contains("--event") && err.contains("--actor"), "{err}");
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

// ==== what Git itself refuses ====

#[test]
fn git_itself_refuses_dot_dot_in_a_path() {
    // Git refuses ".." and "." as path components; names that merely contain
    // dots, and hidden files, reach the gate and are refused
    // (tests/gate-cases/E103-dots-before-a-unit and its neighbours).
    let p = Province::new();
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
    let (o, comment, summary) = p.run_as_ci(head);
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

/// Issue 11, finding 1, shown to be real: a head whose parents are an
/// office commit and another unit's merged pull request, with the office
/// commit's tree plus the unit's own edit. Its diff against the merge base
/// libgit2 picks shows only the unit's file, yet Git's merge (from a
/// virtual base of both merge bases) reverts the other unit's report. The
/// gate refuses the branch. The same scenario as a case:
/// tests/gate-cases/E107-a-head-with-two-merge-bases-reverts-another-units-report.
#[test]
fn a_head_with_two_merge_bases_would_revert_a_merged_report_and_is_refused() {
    let mut p = Province::new();
    let setup = p.main;
    let tp = p.feature("tp", setup, &[(vec![revise("tu-phap")], WRITTEN, WRITTEN)]);
    let office_tree = p.tree(
        Some(setup),
        &[file("submissions/README.md", "Mỗi đơn vị một tệp.\n")],
    );
    let when = ("Văn phòng CCHC", "2023-09-12T10:00:00+07:00");
    let office = p.commit(office_tree, &[setup], "Phòng CCHC cập nhật", when, when);
    let merged_tree = p.merged_tree(office, tp).unwrap();
    p.main = p.commit(
        merged_tree,
        &[office, tp],
        "Merge pull request #7",
        when,
        when,
    );
    p.set_branch("main", p.main);
    let attack_tree = p.tree(Some(office), &[revise("noi-vu")]);
    let attack = p.commit(
        attack_tree,
        &[office, tp],
        "Nộp báo cáo",
        ("Văn thư", WRITTEN),
        ("Văn thư", WRITTEN),
    );
    let bases = p.repo.merge_bases(p.main, attack).unwrap();
    assert_eq!(bases.len(), 2, "two merge bases");
    // What merging would do: tu-phap's merged revision is reverted.
    let result = p.merged_tree(p.main, attack).unwrap();
    let blob_at = |tree: Oid, path: &str| {
        p.repo
            .find_tree(tree)
            .unwrap()
            .get_path(Path::new(path))
            .unwrap()
            .id()
    };
    let main_tree = p.repo.find_commit(p.main).unwrap().tree_id();
    assert_ne!(blob_at(result, TU_PHAP), blob_at(main_tree, TU_PHAP));
    assert_eq!(
        p.repo
            .find_blob(blob_at(result, TU_PHAP))
            .unwrap()
            .content(),
        report_text("tu-phap").as_bytes()
    );
    // The gate: the file alone looks fine, the branch is refused.
    let g = p.gate(attack, &["noivu-clerk"], ON_TIME, &[]);
    assert_eq!(g.status, 1, "{}", g.stdout);
    assert_eq!(g.json["branch"]["verdict"], "rejected");
    assert_eq!(g.json["branch"]["problems"][0]["code"], "E107");
    assert_eq!(g.file(NOI_VU)["verdict"], "accepted");
}
