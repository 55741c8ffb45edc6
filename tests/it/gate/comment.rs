//! The comment and the human output.

use std::fs;

use cchc_core::diag::Severity;
use cchc_core::gate::Verdict;
use cchc_core::input::FileData;

use super::{LATE, NOI_VU, ON_TIME, TU_PHAP, base_input};
use crate::common::{CAMPAIGN, Province, at, revise, text};

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
    let outcome = cchc_core::pipeline::validate(&input, at(LATE));
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
