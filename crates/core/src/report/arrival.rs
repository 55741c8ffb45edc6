//! The arrival rule: when and how a unit's report reached the office — the
//! receipts register first, else the file's first commit — and the timing of
//! each revision of its file.

use jiff::Timestamp;

use crate::history::{Change, Revision};
use crate::model::{Campaign, Channel, Receipt};

use super::status::{Timing, timings};
use super::views::{Received, time_view};

/// How a unit's report arrived.
#[derive(Debug)]
pub(super) struct Arrival {
    /// What the site shows of it; `None` when nothing arrived.
    pub received: Option<Received>,
    /// When it arrived, when known.
    pub at: Option<Timestamp>,
    /// The office registered a receipt for it.
    pub receipted: bool,
    /// The timing of each revision, in history order.
    pub timings: Vec<Timing>,
}

/// The arrival of `unit`'s report in `c`, from its receipts and its file's
/// revisions; `has_file` says whether the file is there now.
pub(super) fn arrival(c: &Campaign, unit: &str, revisions: &[Revision], has_file: bool) -> Arrival {
    let receipts: Vec<&Receipt> = c
        .receipts
        .iter()
        .filter(|r| r.unit == unit && r.stage.is_none())
        .collect();
    let receipt = receipts.iter().copied().min_by_key(|r| r.received);
    // A report withdrawn (its file deleted) is no longer received.
    let first_added = revisions
        .iter()
        .find(|r| r.change == Change::Added)
        .filter(|_| has_file);
    let received = match (receipt, first_added) {
        (Some(r), _) => Some(Received {
            time: Some(time_view(r.received, &c.time_zone)),
            via: match r.channel {
                Channel::Paper => "paper",
                Channel::Email => "email",
                Channel::PullRequest => "pull_request",
            },
            via_label: match r.channel {
                Channel::Paper => "nhận bằng văn bản giấy",
                Channel::Email => "nhận qua thư điện tử",
                Channel::PullRequest => {
                    "gửi qua kho dữ liệu, thời điểm gửi ghi trong sổ công văn đến"
                }
            },
            reference: r.register_number.clone(),
            document: r.document.clone(),
        }),
        (None, Some(rev)) => Some(Received {
            time: Some(time_view(rev.time, &c.time_zone)),
            via: "git",
            via_label: "Phòng CCHC tiếp nhận vào kho dữ liệu",
            reference: None,
            document: None,
        }),
        (None, None) if has_file => Some(Received {
            time: None,
            via: "git",
            via_label: "có trong kho dữ liệu, chưa rõ thời điểm tiếp nhận",
            reference: None,
            document: None,
        }),
        (None, None) => None,
    };
    Arrival {
        received,
        at: receipt
            .map(|r| r.received)
            .or_else(|| first_added.map(|r| r.time)),
        receipted: receipt.is_some(),
        timings: timings(revisions, &receipts, c.deadline_for(unit)),
    }
}
