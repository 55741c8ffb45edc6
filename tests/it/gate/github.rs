//! The event payload, the github format, the step summary, and escaping
//! in the github format.

use std::fs;
use std::sync::Arc;

use cchc_core::diag::render::{Format, Summary, render};
use cchc_core::diag::{Code, Diagnostic, Severity};
use cchc_core::source::{SourceDb, SourceFile, Span};
use cchc_core::text::{Lang, Text};
use serde_json::Value;

use super::{NOI_VU, ON_TIME, TU_PHAP, event_fixture, noi_vu_scored, write_event};
use crate::common::{Province, file, report_text, revise, text};

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
    let o = p.check_event("vi", &event, "github", &[], Some(&summary));
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
    let again = p.check_event("vi", &event, "github", &[], Some(&summary));
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

#[test]
fn with_lang_en_the_summary_and_the_comment_are_english() {
    let p = Province::new();
    let fixed_vi = [
        "TỪ CHỐI",
        "CHẤP NHẬN",
        "Tệp",
        "Lý do",
        "từ chối",
        "chấp nhận",
        "Kiểm tra",
        "Chi tiết",
        "Gợi ý",
        "dòng",
        "Chạy",
        "Phòng CCHC",
        "hạn của đơn vị",
    ];
    let run = |head, extra: &[&str]| {
        let event = write_event(&p, head, |_| {});
        let comment = p.dir.path().join("comment-en.md");
        let summary = p.dir.path().join("summary-en.md");
        let _ = fs::remove_file(&summary);
        let mut args = vec!["--comment", comment.to_str().unwrap()];
        args.extend(extra);
        let o = p.check_event("en", &event, "github", &args, Some(&summary));
        let both = (
            fs::read_to_string(&summary).unwrap(),
            fs::read_to_string(&comment).unwrap(),
        );
        (o, both)
    };

    // Rejected: a score over its maximum (E037), with its line and hint.
    let noi_vu = noi_vu_scored("1.5");
    let head = p.pull_request(&[file(NOI_VU, noi_vu.as_str())]);
    let (o, (md, comment)) = run(head, &["--draft"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    assert!(
        comment.contains("a draft: blanks are only warnings"),
        "{comment}"
    );
    assert!(md.contains("### cchc check-pr: REJECTED"), "{md}");
    assert!(md.contains("| File | Unit | Result | Reason |"), "{md}");
    assert!(md.contains("❌ rejected"), "{md}");
    assert!(
        comment.contains("## Automatic check: ❌ cannot be merged yet"),
        "{comment}"
    );
    assert!(
        comment.contains("<summary>Each problem</summary>"),
        "{comment}"
    );
    assert!(
        comment.contains(" line ") && comment.contains("**E037**"),
        "{comment}"
    );
    assert!(comment.contains("_Hint:_"), "{comment}");
    assert!(comment.contains("Run `cchc explain CODE`"), "{comment}");

    // Accepted before the deadline: the receipt for the office.
    let head = p.pull_request(&[revise("noi-vu")]);
    let (o, (md, comment)) = run(head, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(md.contains("### cchc check-pr: ACCEPTED"), "{md}");
    assert!(comment.contains("**For the PAR office:**"), "{comment}");
    assert!(
        comment.contains("(the unit's deadline: before 2023-09-15 00:00)"),
        "{comment}"
    );

    for (name, out) in [("summary", &md), ("comment", &comment)] {
        for vi in fixed_vi {
            assert!(!out.contains(vi), "{name} holds {vi:?}:\n{out}");
        }
    }
}

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
