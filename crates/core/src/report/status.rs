//! The status rule (where a unit stands: on time, late, missing, …) and the
//! timing rule (whose each revision of its file is, against its deadline).

use jiff::Timestamp;
use serde::Serialize;

use crate::history::{Change, Revision};
use crate::model::Receipt;
use crate::text::{StaticText, Text};
use crate::tr;

/// A unit's standing in a campaign as of the report's time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Received strictly before the unit's deadline (extension counted).
    OnTime,
    /// Received at or after the unit's deadline.
    Late,
    /// Received, but when is unknown (no history, or not yet merged).
    Received,
    /// Nothing received, and the unit's deadline has not come yet.
    NotYetDue,
    /// Nothing received, and the unit's deadline has passed.
    Missing,
    /// A submission file is there but has errors; wins over every other
    /// status.
    Invalid,
}

impl Status {
    /// Every status, in the order the site's counts list them.
    pub const ALL: [Status; 6] = [
        Status::OnTime,
        Status::Late,
        Status::Received,
        Status::NotYetDue,
        Status::Missing,
        Status::Invalid,
    ];

    /// The label the site (in Vietnamese) and `status` show, e.g. "Nộp
    /// muộn" / "late".
    pub fn text(self) -> StaticText {
        let (vi, en) = match self {
            Status::OnTime => ("Đúng hạn", "on time"),
            Status::Late => ("Nộp muộn", "late"),
            Status::Received => ("Đã nộp, chưa rõ thời điểm", "received, time unknown"),
            Status::NotYetDue => ("Chưa đến hạn", "not yet due"),
            Status::Missing => ("Chưa nộp, đã quá hạn", "missing"),
            Status::Invalid => ("Không hợp lệ", "invalid"),
        };
        StaticText { vi, en }
    }

    /// The Vietnamese label the site shows, e.g. "Nộp muộn".
    pub fn label(self) -> &'static str {
        self.text().vi
    }

    /// The `snake_case` key, as the status serialises: the CSS class
    /// (`st-…`) and the `status` field of JSON output, e.g. "`not_yet_due`".
    pub fn key(self) -> &'static str {
        match self {
            Status::OnTime => "on_time",
            Status::Late => "late",
            Status::Received => "received",
            Status::NotYetDue => "not_yet_due",
            Status::Missing => "missing",
            Status::Invalid => "invalid",
        }
    }
}

/// What decides a unit's status, gathered from the campaign, the files and
/// the history.
#[derive(Debug, Clone, Copy)]
pub struct StatusInput {
    /// A submission file is on the branch (or in the working tree).
    pub has_file: bool,
    /// The file has errors.
    pub invalid: bool,
    /// When the report arrived: the receipts register or the file's first
    /// commit; `None` when unknown.
    pub received: Option<Timestamp>,
    /// The office registered a report that came another way.
    pub receipted: bool,
    /// The unit's deadline, extension counted: a report must arrive strictly
    /// before it.
    pub deadline: Timestamp,
    /// The time the status is taken at (the report's clock).
    pub now: Timestamp,
}

/// The status rule: one place, used by the site, `status` and the tests.
/// A report must arrive strictly before the deadline.
pub fn status(i: StatusInput) -> Status {
    if i.has_file && i.invalid {
        return Status::Invalid;
    }
    match i.received {
        Some(t) if t < i.deadline => Status::OnTime,
        Some(_) => Status::Late,
        None if i.has_file || i.receipted => Status::Received,
        None if i.now < i.deadline => Status::NotYetDue,
        None => Status::Missing,
    }
}

/// When a revision of a unit's file came, against the unit's deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Timing {
    /// Before the unit's deadline.
    BeforeDeadline,
    /// After the deadline, but the version the receipts register records as
    /// received before it: a pull request sent in time and merged later, or
    /// the office's digital copy of a report that came on paper or by
    /// e-mail.
    ReceivedInTime,
    /// After the deadline, and no receipt covers it: only the office's
    /// admins may change a unit's file then (the gate refuses the unit), so
    /// it is the office's.
    OfficeAfterDeadline,
}

impl Timing {
    /// The `snake_case` key, as the timing serialises, e.g.
    /// "`office_after_deadline`".
    pub fn key(self) -> &'static str {
        match self {
            Timing::BeforeDeadline => "before_deadline",
            Timing::ReceivedInTime => "received_in_time",
            Timing::OfficeAfterDeadline => "office_after_deadline",
        }
    }
}

/// The timing rule: a revision before the deadline is on time; after it, it
/// is the version a receipt received in time covers (the revision merged
/// from the pull request the receipt names; without one, the file's first
/// revision: the office typing in what it received), else the office's.
/// A receipt dates one version; it never covers a later change.
pub fn timings(revisions: &[Revision], receipts: &[&Receipt], deadline: Timestamp) -> Vec<Timing> {
    let in_time: Vec<&&Receipt> = receipts.iter().filter(|r| r.received < deadline).collect();
    revisions
        .iter()
        .enumerate()
        .map(|(i, rev)| {
            if rev.time < deadline {
                return Timing::BeforeDeadline;
            }
            let covered = in_time.iter().any(|r| match r.pull_request {
                Some(n) => rev.pull_request == Some(n),
                None => i == 0 && rev.change == Change::Added,
            });
            if covered {
                Timing::ReceivedInTime
            } else {
                Timing::OfficeAfterDeadline
            }
        })
        .collect()
}

/// What a revision did to a unit's report, as people say it: the first
/// submission, the n-th version, a withdrawal, a new submission after one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RevisionKind {
    /// The file's first revision: "Nộp lần đầu".
    First,
    /// A change to the file, its n-th version (from 2): "Sửa lần 2".
    Revision(u32),
    /// The file deleted: "Rút báo cáo".
    Withdrawn,
    /// The file added again after a withdrawal: "Nộp lại".
    Resubmitted,
}

impl RevisionKind {
    /// The kind in both languages, e.g. "Sửa lần 2" / "Revision 2".
    pub fn text(self) -> Text {
        match self {
            RevisionKind::First => tr!("Nộp lần đầu", "First submission"),
            RevisionKind::Revision(n) => tr!("Sửa lần {}", "Revision {}", u64::from(n)),
            RevisionKind::Withdrawn => tr!("Rút báo cáo", "Withdrawn"),
            RevisionKind::Resubmitted => tr!("Nộp lại", "Submitted again"),
        }
    }
}

/// The kind of each revision of a file, oldest first: its versions are
/// counted (the first submission is the first version, each change the
/// next), a deletion withdraws the report, and an addition after one
/// submits it again.
pub fn revision_kinds(revisions: &[Revision]) -> Vec<RevisionKind> {
    let mut version: u32 = 0;
    let mut submitted = false;
    revisions
        .iter()
        .map(|r| match r.change {
            Change::Added => {
                version = version.saturating_add(1);
                let again = submitted;
                submitted = true;
                if again {
                    RevisionKind::Resubmitted
                } else {
                    RevisionKind::First
                }
            }
            Change::Modified => {
                version = version.saturating_add(1).max(2);
                RevisionKind::Revision(version)
            }
            Change::Deleted => RevisionKind::Withdrawn,
        })
        .collect()
}

impl Timing {
    /// Who made a revision and when, against the deadline, as people say
    /// it: "Trước hạn", "Sau hạn — Phòng CCHC sửa", …
    pub fn text(self, change: Change) -> StaticText {
        let (vi, en) = match (self, change) {
            (Timing::BeforeDeadline, _) => ("Trước hạn", "Before the deadline"),
            (Timing::ReceivedInTime, _) => (
                "Bản đã nhận trước hạn theo sổ công văn đến, Phòng CCHC đưa vào kho dữ liệu sau hạn",
                "The version received before the deadline by the receipts register, put into the repository by the PAR office after it",
            ),
            (Timing::OfficeAfterDeadline, Change::Added) => (
                "Sau hạn — Phòng CCHC đưa vào kho dữ liệu",
                "After the deadline — put in by the PAR office",
            ),
            (Timing::OfficeAfterDeadline, Change::Modified) => (
                "Sau hạn — Phòng CCHC sửa",
                "After the deadline — changed by the PAR office",
            ),
            (Timing::OfficeAfterDeadline, Change::Deleted) => (
                "Sau hạn — Phòng CCHC xóa",
                "After the deadline — deleted by the PAR office",
            ),
        };
        StaticText { vi, en }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Channel;

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn input(received: Option<&str>, now: &str) -> StatusInput {
        StatusInput {
            has_file: received.is_some(),
            invalid: false,
            received: received.map(at),
            receipted: false,
            deadline: at("2023-09-14T17:00:00Z"),
            now: at(now),
        }
    }

    #[test]
    fn the_deadline_is_exclusive() {
        // 00:00 on the 15th in UTC+7 is 17:00 UTC on the 14th.
        assert_eq!(
            status(input(Some("2023-09-14T16:59:59Z"), "2023-10-01T00:00:00Z")),
            Status::OnTime
        );
        assert_eq!(
            status(input(Some("2023-09-14T17:00:00Z"), "2023-10-01T00:00:00Z")),
            Status::Late
        );
    }

    #[test]
    fn nothing_received_is_not_yet_due_then_missing() {
        assert_eq!(
            status(input(None, "2023-09-14T16:59:59Z")),
            Status::NotYetDue
        );
        assert_eq!(status(input(None, "2023-09-14T17:00:00Z")), Status::Missing);
    }

    #[test]
    fn invalid_wins_and_unknown_times_are_said_so() {
        let mut i = input(Some("2023-09-01T00:00:00Z"), "2023-10-01T00:00:00Z");
        i.invalid = true;
        assert_eq!(status(i), Status::Invalid);
        let mut i = input(None, "2023-10-01T00:00:00Z");
        i.has_file = true;
        assert_eq!(status(i), Status::Received);
    }

    fn revision(time: &str, change: Change, pull_request: Option<u64>) -> Revision {
        Revision {
            commit: "0".repeat(40),
            time: at(time),
            summary: String::new(),
            pull_request,
            change,
        }
    }

    fn receipt(received: &str, pull_request: Option<u64>) -> Receipt {
        Receipt {
            unit: "tu-phap".into(),
            received_local: jiff::civil::DateTime::default(),
            received: at(received),
            channel: if pull_request.is_some() {
                Channel::PullRequest
            } else {
                Channel::Paper
            },
            pull_request,
            register_number: None,
            document: None,
            note: None,
            stage: None,
        }
    }

    #[test]
    fn revisions_are_numbered_versions_and_a_deletion_withdraws() {
        use RevisionKind::{First, Resubmitted, Withdrawn};
        let revs: Vec<Revision> = [
            Change::Added,
            Change::Modified,
            Change::Modified,
            Change::Deleted,
            Change::Added,
            Change::Modified,
        ]
        .into_iter()
        .map(|c| revision("2023-09-01T00:00:00Z", c, None))
        .collect();
        let kinds = revision_kinds(&revs);
        assert_eq!(
            kinds,
            [
                First,
                RevisionKind::Revision(2),
                RevisionKind::Revision(3),
                Withdrawn,
                Resubmitted,
                RevisionKind::Revision(5)
            ]
        );
        let words: Vec<String> = kinds.iter().map(|k| k.text().vi).collect();
        assert_eq!(
            words,
            [
                "Nộp lần đầu",
                "Sửa lần 2",
                "Sửa lần 3",
                "Rút báo cáo",
                "Nộp lại",
                "Sửa lần 5"
            ]
        );
        assert_eq!(RevisionKind::Revision(2).text().en, "Revision 2");
        // A history that starts with a change (its addition not seen)
        // still counts the change as a second version.
        let partial = [revision("2023-09-01T00:00:00Z", Change::Modified, None)];
        assert_eq!(revision_kinds(&partial), [RevisionKind::Revision(2)]);
    }

    #[test]
    fn a_receipt_covers_one_version_and_only_if_it_came_in_time() {
        use Timing::{BeforeDeadline, OfficeAfterDeadline, ReceivedInTime};
        let deadline = at("2023-09-14T17:00:00Z");
        let revs = [
            revision("2023-09-14T16:59:59Z", Change::Added, Some(1)),
            revision("2023-09-14T17:00:00Z", Change::Modified, Some(2)),
            revision("2023-09-20T00:00:00Z", Change::Modified, Some(3)),
        ];
        // No receipt: everything from the deadline on is the office's.
        assert_eq!(
            timings(&revs, &[], deadline),
            [BeforeDeadline, OfficeAfterDeadline, OfficeAfterDeadline]
        );
        // A receipt naming pull request 2 covers its merge, not the next one.
        let named = receipt("2023-09-14T16:00:00Z", Some(2));
        assert_eq!(
            timings(&revs, &[&named], deadline),
            [BeforeDeadline, ReceivedInTime, OfficeAfterDeadline]
        );
        // A receipt dated at the deadline received nothing in time.
        let late = receipt("2023-09-14T17:00:00Z", Some(2));
        assert_eq!(
            timings(&revs, &[&late], deadline),
            [BeforeDeadline, OfficeAfterDeadline, OfficeAfterDeadline]
        );
        // A paper receipt covers the file's first revision, when the office
        // types it in after the deadline; never a modification.
        let paper = receipt("2023-09-13T09:00:00Z", None);
        let typed_in = [
            revision("2023-09-25T03:00:00Z", Change::Added, None),
            revision("2023-09-26T03:00:00Z", Change::Modified, None),
        ];
        assert_eq!(
            timings(&typed_in, &[&paper], deadline),
            [ReceivedInTime, OfficeAfterDeadline]
        );
        assert_eq!(
            timings(&revs[1..], &[&paper], deadline),
            [OfficeAfterDeadline, OfficeAfterDeadline]
        );
    }
}
