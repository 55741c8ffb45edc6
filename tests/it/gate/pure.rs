//! The pure gate, `gate::judge`, called directly.

use cchc_core::diag::{Code, Severity};

use super::{
    JUST_BEFORE, NOI_VU, NOI_VU_BLANKS, ON_TIME, TAI_CHINH_PATH, added, judge, outcome_errors,
};
use crate::common::{DEADLINE, EXTENDED, TAI_CHINH, report_text, revised};

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
