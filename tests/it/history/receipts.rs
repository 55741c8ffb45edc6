//! The receipts register and extensions.

use cchc_core::report::Status;

use super::{LATER, Province, RECEIPTED, received, revisions, submit, unit};
use crate::common::{EXTENDED, at};

#[test]
fn receipt_wins_over_a_later_merge() {
    let mut p = Province::new();
    let (_, merge) = p.pull_request(
        20,
        vec![submit("tai-chinh")],
        "2023-09-17T09:00:00+07:00",
        "2023-09-25T10:00:00+07:00",
    );
    let h = p.history();
    assert_eq!(revisions(&h, "tai-chinh")[0].commit, merge.to_string());

    let r = p.report(LATER);
    let u = unit(&r, "tai-chinh");
    assert_eq!(received(u), Some(at(RECEIPTED)));
    assert_eq!(u.status, Status::OnTime);
    let how = u.received.as_ref().unwrap();
    assert_eq!(how.via, "email");
    assert_eq!(
        how.document.as_deref(),
        Some("Báo cáo số 10/BC-STC ngày 17/9/2023")
    );
    // The merge is still in the unit's history.
    assert_eq!(u.revisions.len(), 1);
    assert_eq!(u.revisions[0].commit, merge.to_string());
    assert_eq!(u.revisions[0].pull_request, Some(20));
}

/// The register counts even when no file is on the branch yet.
#[test]
fn receipt_without_a_file_is_received_on_its_time() {
    let p = Province::new();
    let r = p.report(LATER);
    let u = unit(&r, "tai-chinh");
    assert!(!u.has_file);
    assert_eq!(received(u), Some(at(RECEIPTED)));
    assert_eq!(u.status, Status::OnTime);
}

#[test]
fn extension_turns_a_late_merge_into_on_time() {
    let mut p = Province::without_receipts();
    // Both merged on the 17th: after the campaign's deadline, before the
    // extension of tai-chinh.
    p.pull_request(
        5,
        vec![submit("noi-vu")],
        "2023-09-10T09:00:00+07:00",
        "2023-09-17T10:00:00+07:00",
    );
    p.pull_request(
        6,
        vec![submit("tai-chinh")],
        "2023-09-10T09:00:00+07:00",
        "2023-09-17T10:00:00+07:00",
    );
    let r = p.report(LATER);
    assert_eq!(unit(&r, "noi-vu").status, Status::Late);
    let tc = unit(&r, "tai-chinh");
    assert_eq!(tc.status, Status::OnTime);
    assert_eq!(received(tc), Some(at("2023-09-17T10:00:00+07:00")));
    assert_eq!(tc.received.as_ref().unwrap().via, "git");
    assert!(tc.extension.is_some());
    assert!(tc.deadline.contains("20/9/2023"), "{}", tc.deadline);
}

#[test]
fn extended_deadline_is_exclusive_too() {
    let mut p = Province::without_receipts();
    p.pull_request(
        6,
        vec![submit("tai-chinh")],
        "2023-09-10T09:00:00+07:00",
        EXTENDED,
    );
    let r = p.report(LATER);
    assert_eq!(unit(&r, "tai-chinh").status, Status::Late);

    let mut p = Province::without_receipts();
    p.pull_request(
        6,
        vec![submit("tai-chinh")],
        "2023-09-10T09:00:00+07:00",
        "2023-09-19T23:59:59+07:00",
    );
    let r = p.report(LATER);
    assert_eq!(unit(&r, "tai-chinh").status, Status::OnTime);
}
