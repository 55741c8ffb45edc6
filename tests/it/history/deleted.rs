//! Deleted and added again.

use cchc_core::history::Change;
use cchc_core::report::Status;

use super::{LATER, Province, received, revised, revisions, short, submit, unit, withdraw};
use crate::common::{at, sub_path};

/// Received is the FIRST addition on the line, even when the file was
/// deleted in between and added again after the deadline (as PRODUCT.md
/// words it: "the first commit ... that added the file").
#[test]
fn a_file_deleted_and_added_again_is_received_at_its_first_addition() {
    let mut p = Province::without_receipts();
    let (_, added) = p.pull_request(
        1,
        vec![submit("noi-vu")],
        "2023-09-10T09:00:00+07:00",
        "2023-09-10T10:00:00+07:00",
    );
    let deleted = p.push(
        &[withdraw("noi-vu")],
        "Rút báo cáo Sở Nội vụ để sửa",
        "2023-09-12T09:00:00+07:00",
        "2023-09-12T09:00:00+07:00",
    );
    let (_, again) = p.pull_request(
        2,
        vec![submit("noi-vu")],
        "2023-09-17T09:00:00+07:00",
        "2023-09-17T10:00:00+07:00",
    );

    let h = p.history();
    let revs = revisions(&h, "noi-vu");
    let seen: Vec<(String, Change)> = revs.iter().map(|r| (r.commit.clone(), r.change)).collect();
    assert_eq!(
        seen,
        vec![
            (added.to_string(), Change::Added),
            (deleted.to_string(), Change::Deleted),
            (again.to_string(), Change::Added),
        ]
    );

    let r = p.report(LATER);
    let u = unit(&r, "noi-vu");
    assert_eq!(received(u), Some(at("2023-09-10T10:00:00+07:00")));
    assert_eq!(
        u.received.as_ref().unwrap().reference.as_deref(),
        Some(short(added).as_str())
    );
    assert_eq!(u.status, Status::OnTime);
    assert_eq!(revised(u), Some(at("2023-09-17T10:00:00+07:00")));
    let changes: Vec<Change> = u.revisions.iter().map(|r| r.change).collect();
    assert_eq!(
        changes,
        vec![Change::Added, Change::Deleted, Change::Added],
        "newest first"
    );
    assert_eq!(u.revisions[1].change_label, "Xoá");
}

/// A report withdrawn and never added again: no file, but the history
/// still has its addition. Only the undisputed parts are pinned here. The
/// status is deliberately not pinned: today the unit shows `OnTime`
/// (received = the deleted addition, `revised` = that same time) and counts
/// in `units_received` although it has no file, which is open to question.
#[test]
fn a_deleted_file_keeps_its_history_but_has_no_file() {
    let mut p = Province::without_receipts();
    let (_, added) = p.pull_request(
        1,
        vec![submit("noi-vu")],
        "2023-09-10T09:00:00+07:00",
        "2023-09-10T10:00:00+07:00",
    );
    let deleted = p.push(
        &[withdraw("noi-vu")],
        "Rút báo cáo Sở Nội vụ",
        "2023-09-12T09:00:00+07:00",
        "2023-09-12T09:00:00+07:00",
    );
    let r = p.report(LATER);
    assert!(!p.root().join(sub_path("noi-vu")).exists());
    let u = unit(&r, "noi-vu");
    assert!(!u.has_file);
    assert!(!u.counted);
    let commits: Vec<&str> = u.revisions.iter().map(|r| r.commit.as_str()).collect();
    assert_eq!(
        commits,
        vec![deleted.to_string().as_str(), added.to_string().as_str()]
    );
    assert_eq!(u.revisions[0].change, Change::Deleted);
    // A withdrawn report is no longer received: after the deadline it is
    // missing, not on time.
    assert_eq!(u.status, Status::Missing);
    assert!(u.received.is_none());
}
