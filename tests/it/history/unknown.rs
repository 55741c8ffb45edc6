//! Unknown history.

use std::fs;

use cchc::git::walk as history;
use cchc_core::history::History;
use cchc_core::report::{Report, Status};
use git2::Repository;

use super::{LATER, Province, RECEIPTED, content, received, report_of, submit, unit, write_files};
use crate::common::{at, sub_path};

/// What every report without history shows: files received at an unknown
/// time, never on time or late; units without a file as if nothing came.
fn assert_times_unknown(report: &Report) {
    for id in ["noi-vu", "tu-phap"] {
        let u = unit(report, id);
        assert!(u.has_file, "{id}");
        assert_eq!(u.status, Status::Received, "{id}");
        let how = u.received.as_ref().unwrap();
        assert!(how.time.is_none(), "{id}");
        assert_eq!(how.via, "git");
        assert!(u.revisions.is_empty());
        assert!(u.revised.is_none());
        assert!(u.counted);
    }
    let view = &report.campaigns[0].history;
    assert!(!view.known);
    assert!(view.branch.is_none());
    assert!(view.note.as_deref().is_some_and(|n| !n.is_empty()));
}

pub(super) fn unknown_reason(h: &History) -> String {
    match h {
        History::Unknown { reason } => reason.en.clone(),
        History::Known { .. } => panic!("history known: {h:?}"),
    }
}

#[test]
fn a_folder_that_is_not_a_repository_has_no_history() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = content(false);
    files.push(submit("noi-vu"));
    files.push(submit("tu-phap"));
    write_files(dir.path(), &files);

    let h = history::read(dir.path(), None);
    assert!(!h.is_known());
    assert!(
        unknown_reason(&h).contains("not in a Git repository"),
        "{h:?}"
    );
    assert!(h.revisions(&sub_path("noi-vu")).is_empty());

    let after = report_of(dir.path(), h.clone(), LATER);
    assert_times_unknown(&after);
    assert_eq!(unit(&after, "tai-chinh").status, Status::Missing);
    let before = report_of(dir.path(), h, "2023-09-14T12:00:00+07:00");
    assert_times_unknown(&before);
    assert_eq!(unit(&before, "tai-chinh").status, Status::NotYetDue);
}

#[test]
fn a_repository_without_commits_has_no_history() {
    let dir = tempfile::tempdir().unwrap();
    Repository::init(dir.path()).unwrap();
    let mut files = content(false);
    files.push(submit("noi-vu"));
    files.push(submit("tu-phap"));
    write_files(dir.path(), &files);

    let h = history::read(dir.path(), None);
    assert!(unknown_reason(&h).contains("no commits"), "{h:?}");
    let r = report_of(dir.path(), h, LATER);
    assert_times_unknown(&r);
    assert_eq!(unit(&r, "tai-chinh").status, Status::Missing);
}

#[test]
fn a_shallow_clone_has_no_history() {
    let mut p = Province::without_receipts();
    p.pull_request(
        1,
        vec![submit("noi-vu")],
        "2023-09-10T09:00:00+07:00",
        "2023-09-11T09:00:00+07:00",
    );
    p.pull_request(
        2,
        vec![submit("tu-phap")],
        "2023-09-10T09:00:00+07:00",
        "2023-09-16T09:00:00+07:00",
    );
    assert!(p.history().is_known());
    p.check_out("main");
    // What `git clone --depth 1` leaves: the cut-off commit in .git/shallow.
    fs::write(p.root().join(".git/shallow"), format!("{}\n", p.main)).unwrap();

    let h = history::read(p.root(), None);
    assert!(unknown_reason(&h).contains("shallow"), "{h:?}");
    assert!(!history::read(p.root(), Some("main")).is_known());
    let r = report_of(p.root(), h, LATER);
    assert_times_unknown(&r);
    assert_eq!(unit(&r, "tai-chinh").status, Status::Missing);
}

/// Without history the receipts register still gives times.
#[test]
fn without_history_a_receipt_still_decides() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = content(true);
    files.push(submit("noi-vu"));
    files.push(submit("tu-phap"));
    files.push(submit("tai-chinh"));
    write_files(dir.path(), &files);
    let h = history::read(dir.path(), None);
    assert!(!h.is_known());
    let r = report_of(dir.path(), h, LATER);
    let tc = unit(&r, "tai-chinh");
    assert_eq!(received(tc), Some(at(RECEIPTED)));
    assert_eq!(tc.status, Status::OnTime);
    assert_eq!(unit(&r, "noi-vu").status, Status::Received);
}
