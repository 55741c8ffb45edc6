//! Merges of backdated branches; author dates never count.

use cchc_core::history::Change;
use cchc_core::report::Status;

use super::{LATER, Province, received, revisions, short, submit, unit};
use crate::common::at;

#[test]
fn backdated_branch_merged_after_the_deadline_is_late_at_the_merge_time() {
    let mut p = Province::without_receipts();
    let (written, merge) = p.pull_request(
        12,
        vec![submit("noi-vu")],
        "2023-09-01T09:00:00+07:00",
        "2023-09-16T10:00:00+07:00",
    );

    let h = p.history();
    let revs = revisions(&h, "noi-vu");
    assert_eq!(revs.len(), 1, "{revs:#?}");
    assert_eq!(revs[0].commit, merge.to_string());
    assert_ne!(revs[0].commit, written.to_string());
    assert_eq!(revs[0].time, at("2023-09-16T10:00:00+07:00"));
    assert_eq!(revs[0].change, Change::Added);

    let r = p.report(LATER);
    let u = unit(&r, "noi-vu");
    assert_eq!(received(u), Some(at("2023-09-16T10:00:00+07:00")));
    assert_eq!(u.status, Status::Late);
    let how = u.received.as_ref().unwrap();
    assert_eq!(how.via, "git");
    assert_eq!(how.pull_request, Some(12));
    assert_eq!(how.reference.as_deref(), Some(short(merge).as_str()));
    assert!(u.has_file && u.counted);
}

#[test]
fn backdated_branch_merged_before_the_deadline_is_on_time_at_the_merge_time() {
    let mut p = Province::without_receipts();
    p.pull_request(
        12,
        vec![submit("noi-vu")],
        "2023-09-01T09:00:00+07:00",
        "2023-09-14T16:30:00+07:00",
    );
    let r = p.report(LATER);
    let u = unit(&r, "noi-vu");
    assert_eq!(received(u), Some(at("2023-09-14T16:30:00+07:00")));
    assert_eq!(u.status, Status::OnTime);
}

/// The unit controls its branch's dates either way: a branch dated after the
/// deadline but merged before it is on time too.
#[test]
fn branch_dated_after_the_deadline_but_merged_before_is_on_time() {
    let mut p = Province::without_receipts();
    p.pull_request(
        4,
        vec![submit("tu-phap")],
        "2023-12-31T23:00:00+07:00",
        "2023-09-13T08:00:00+07:00",
    );
    let r = p.report(LATER);
    let u = unit(&r, "tu-phap");
    assert_eq!(received(u), Some(at("2023-09-13T08:00:00+07:00")));
    assert_eq!(u.status, Status::OnTime);
}

#[test]
fn backdated_author_date_on_main_does_not_count_only_the_committer_date() {
    let mut p = Province::without_receipts();
    let late = p.push(
        &[submit("noi-vu")],
        "Báo cáo Sở Nội vụ",
        "2023-09-10T09:00:00+07:00",
        "2023-09-16T09:00:00+07:00",
    );
    // And the other way round: an author date after the deadline with a
    // committer date before it is on time.
    p.push(
        &[submit("tu-phap")],
        "Báo cáo Sở Tư pháp",
        "2023-09-30T09:00:00+07:00",
        "2023-09-12T09:00:00+07:00",
    );

    let h = p.history();
    assert_eq!(revisions(&h, "noi-vu")[0].commit, late.to_string());
    assert_eq!(
        revisions(&h, "noi-vu")[0].time,
        at("2023-09-16T09:00:00+07:00")
    );

    let r = p.report(LATER);
    let nv = unit(&r, "noi-vu");
    assert_eq!(received(nv), Some(at("2023-09-16T09:00:00+07:00")));
    assert_eq!(nv.status, Status::Late);
    assert_eq!(nv.received.as_ref().unwrap().pull_request, None);
    let tp = unit(&r, "tu-phap");
    assert_eq!(received(tp), Some(at("2023-09-12T09:00:00+07:00")));
    assert_eq!(tp.status, Status::OnTime);
}
