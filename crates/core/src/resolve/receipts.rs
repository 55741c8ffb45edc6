//! receipts.toml: the register of reports received, as instants.

use jiff::tz::TimeZone;

use super::campaign::to_timestamp;
use super::participants::rule_participant_ref;
use super::text;
use crate::diag::Diagnostics;
use crate::model::{Channel, Content, Participant, Receipt, Stage};
use crate::raw;

pub(super) fn resolve_receipts(
    raw: &[raw::campaign::Receipt],
    tz: Option<&TimeZone>,
    content: &Content,
    participants: &[Participant],
    diags: &mut Diagnostics,
) -> Vec<Receipt> {
    let mut out = Vec::new();
    for r in raw {
        if !rule_participant_ref(&r.unit, content, participants, diags) {
            continue;
        }
        let Some(ts) = tz.and_then(|z| to_timestamp(r.received.value, z)) else {
            continue;
        };
        out.push(Receipt {
            unit: r.unit.value.clone(),
            received_local: r.received.value,
            received: ts,
            channel: match r.channel.value {
                "email" => Channel::Email,
                "pull_request" => Channel::PullRequest,
                _ => Channel::Paper,
            },
            pull_request: r
                .pull_request
                .as_ref()
                .and_then(|n| u64::try_from(n.value).ok()),
            register_number: text(r.register_number.as_ref()),
            document: text(r.document.as_ref()),
            note: text(r.note.as_ref()),
            stage: r.stage.as_ref().map(|_| Stage::Explanation),
        });
    }
    out
}
