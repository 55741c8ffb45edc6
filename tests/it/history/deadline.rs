//! The deadline is exclusive.

use cchc_core::report::{Status, StatusInput, status};

use super::{LATER, Province, received, submit, unit};
use crate::common::{DEADLINE, at};

#[test]
fn received_exactly_at_the_deadline_is_late_one_second_before_is_on_time() {
    let mut p = Province::without_receipts();
    p.pull_request(
        1,
        vec![submit("noi-vu")],
        "2023-09-10T09:00:00+07:00",
        DEADLINE,
    );
    p.pull_request(
        2,
        vec![submit("tu-phap")],
        "2023-09-10T09:00:00+07:00",
        "2023-09-14T23:59:59+07:00",
    );
    let r = p.report(LATER);
    assert_eq!(received(unit(&r, "noi-vu")), Some(at(DEADLINE)));
    assert_eq!(unit(&r, "noi-vu").status, Status::Late);
    assert_eq!(unit(&r, "tu-phap").status, Status::OnTime);
}

/// The committer's time zone does not matter: the same instant in UTC.
#[test]
fn the_deadline_is_an_instant_whatever_the_committers_offset() {
    let mut p = Province::without_receipts();
    p.push(
        &[submit("noi-vu")],
        "Báo cáo (giờ UTC)",
        "2023-09-14T16:59:59Z",
        "2023-09-14T17:00:00Z",
    );
    p.push(
        &[submit("tu-phap")],
        "Báo cáo (giờ UTC)",
        "2023-09-14T16:59:59Z",
        "2023-09-14T16:59:59Z",
    );
    let r = p.report(LATER);
    assert_eq!(received(unit(&r, "noi-vu")), Some(at(DEADLINE)));
    assert_eq!(unit(&r, "noi-vu").status, Status::Late);
    assert_eq!(unit(&r, "tu-phap").status, Status::OnTime);
    // Shown in the campaign's time zone.
    let iso = &unit(&r, "noi-vu")
        .received
        .as_ref()
        .unwrap()
        .time
        .as_ref()
        .unwrap()
        .iso;
    assert!(iso.starts_with("2023-09-15T00:00:00+07:00"), "{iso}");
}

#[test]
fn status_rule_is_strictly_before_the_deadline() {
    let input = |received: &str, now: &str| StatusInput {
        has_file: true,
        invalid: false,
        received: Some(at(received)),
        receipted: false,
        deadline: at(DEADLINE),
        now: at(now),
    };
    assert_eq!(status(input(DEADLINE, LATER)), Status::Late);
    assert_eq!(
        status(input("2023-09-14T23:59:59+07:00", LATER)),
        Status::OnTime
    );
    assert_eq!(status(input("2023-09-14T17:00:00Z", LATER)), Status::Late);
    // A time known before `now` does not change with `now`.
    assert_eq!(
        status(input(
            "2023-09-14T23:59:59+07:00",
            "2023-09-14T00:00:00+07:00"
        )),
        Status::OnTime
    );
    // An invalid file is invalid whenever it came.
    let mut i = input("2023-09-14T23:59:59+07:00", LATER);
    i.invalid = true;
    assert_eq!(status(i), Status::Invalid);
    // Nothing received: not yet due strictly before the deadline, missing from it.
    let none = |now: &str| StatusInput {
        has_file: false,
        invalid: false,
        received: None,
        receipted: false,
        deadline: at(DEADLINE),
        now: at(now),
    };
    assert_eq!(status(none("2023-09-14T23:59:59+07:00")), Status::NotYetDue);
    assert_eq!(status(none(DEADLINE)), Status::Missing);
}
