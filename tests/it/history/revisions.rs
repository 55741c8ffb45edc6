//! No file; revisions.

use cchc_core::history::Change;
use cchc_core::report::Status;

use super::{LATER, Province, received, revised, revisions, short, submit, unit};
use crate::common::{DEADLINE, EXTENDED, at, revise};

#[test]
fn unit_without_a_file_is_not_yet_due_then_missing() {
    let mut p = Province::without_receipts();
    p.pull_request(
        1,
        vec![submit("noi-vu")],
        "2023-09-10T09:00:00+07:00",
        "2023-09-11T09:00:00+07:00",
    );

    let before = p.report("2023-09-14T12:00:00+07:00");
    let tp = unit(&before, "tu-phap");
    assert!(!tp.has_file);
    assert!(tp.received.is_none());
    assert!(tp.revisions.is_empty());
    assert_eq!(tp.status, Status::NotYetDue);
    assert_eq!(unit(&before, "tai-chinh").status, Status::NotYetDue);
    assert_eq!(unit(&before, "noi-vu").status, Status::OnTime);

    let at_deadline = p.report(DEADLINE);
    assert_eq!(unit(&at_deadline, "tu-phap").status, Status::Missing);
    // tai-chinh's own deadline is later.
    assert_eq!(unit(&at_deadline, "tai-chinh").status, Status::NotYetDue);

    let after = p.report(EXTENDED);
    assert_eq!(unit(&after, "tu-phap").status, Status::Missing);
    assert_eq!(unit(&after, "tai-chinh").status, Status::Missing);
    assert_eq!(unit(&after, "noi-vu").status, Status::OnTime);
}

#[test]
fn a_later_merge_is_a_revision_and_does_not_move_the_received_time() {
    let mut p = Province::without_receipts();
    let (_, first) = p.pull_request(
        3,
        vec![submit("noi-vu")],
        "2023-09-11T09:00:00+07:00",
        "2023-09-12T10:00:00+07:00",
    );
    let (_, second) = p.pull_request(
        9,
        vec![revise("noi-vu")],
        "2023-09-19T09:00:00+07:00",
        "2023-09-20T15:00:00+07:00",
    );

    // History: oldest first.
    let hist = p.history();
    let revs = revisions(&hist, "noi-vu");
    assert_eq!(revs.len(), 2, "{revs:#?}");
    assert_eq!(revs[0].commit, first.to_string());
    assert_eq!(revs[0].change, Change::Added);
    assert_eq!(revs[0].pull_request, Some(3));
    assert_eq!(revs[1].commit, second.to_string());
    assert_eq!(revs[1].change, Change::Modified);
    assert_eq!(revs[1].pull_request, Some(9));
    assert_eq!(revs[1].time, at("2023-09-20T15:00:00+07:00"));

    // The report: newest first.
    let r = p.report(LATER);
    let u = unit(&r, "noi-vu");
    assert_eq!(u.revisions.len(), 2);
    assert_eq!(u.revisions[0].commit, second.to_string());
    assert_eq!(u.revisions[0].change, Change::Modified);
    assert_eq!(u.revisions[0].commit_short, short(second));
    assert_eq!(u.revisions[1].commit, first.to_string());
    assert_eq!(u.revisions[1].change, Change::Added);
    assert_eq!(received(u), Some(at("2023-09-12T10:00:00+07:00")));
    assert_eq!(revised(u), Some(at("2023-09-20T15:00:00+07:00")));
    // A revision after the deadline does not make an on-time report late.
    assert_eq!(u.status, Status::OnTime);

    // A file with a single revision has no "revised".
    let mut single = Province::without_receipts();
    single.pull_request(
        3,
        vec![submit("noi-vu")],
        "2023-09-11T09:00:00+07:00",
        "2023-09-12T10:00:00+07:00",
    );
    let r = single.report(LATER);
    assert_eq!(revised(unit(&r, "noi-vu")), None);
}
