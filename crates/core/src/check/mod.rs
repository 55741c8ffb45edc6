//! The submission rules: a unit's file judged against its campaign. Each rule
//! is one function reporting one code (or a closely related pair); what
//! passes them is the checked model the report reads.

mod cycle;
mod evidence;
mod identity;
mod scores;
mod tasks;

use jiff::Timestamp;

pub use cycle::check_stage_files;

use crate::checked::{Accepted, Keep, Placement};
use crate::diag::Diagnostics;
use crate::model::Content;
use crate::model::Person;
use crate::raw::submission::Submission;
use crate::source::{Sp, Span};

/// Checks one submission, returning what it says as checked. `now` bounds
/// evidence dates: a document cannot be dated after today.
///
/// The raw submission is borrowed and its texts copied: the copies are
/// made together, each of its own length, and outlive the raw file, which
/// is dropped whole afterwards. Moving the parser's strings instead (fewer
/// instructions) made the national build 6% slower in wall time, the
/// checked model scattered among the raw file's freed values
/// (BENCHMARKS.md).
pub fn check_submission(
    place: &Placement,
    sub: &Submission,
    content: &Content,
    now: Timestamp,
    keep: Keep,
    diags: &mut Diagnostics,
) -> Accepted {
    let mut accepted = Accepted {
        prepared_by: sub.prepared_by.as_ref().map(|p| {
            identity::rule_contact(p, diags);
            Person {
                name: text(keep, p.name.as_ref()),
                position: text(keep, p.position.as_ref()),
                phone: text(keep, p.phone.as_ref()),
                email: text(keep, p.email.as_ref()),
            }
        }),
        ..Accepted::default()
    };
    let Some(campaign) = identity::rule_campaign(place, sub.campaign.as_ref(), content, diags)
    else {
        return accepted;
    };
    let Some(unit) = identity::rule_unit(place, sub.unit.as_ref(), campaign, content, diags) else {
        return accepted;
    };
    let Some(participant) = campaign.participant(&unit) else {
        return accepted;
    };
    let file = Span::file(&place.path);
    let anchor = sub.unit.as_ref().map_or(file, |u| u.span.clone());
    accepted.scores = scores::check_scores(sub, campaign, participant, &anchor, now, keep, diags);
    accepted.tasks = tasks::check_tasks(sub, campaign, &unit, &anchor, keep, diags);
    accepted
}

/// A text of the file, copied when the check keeps texts.
pub(super) fn text(keep: Keep, value: Option<&Sp<String>>) -> Option<String> {
    match keep {
        Keep::All => value.map(|v| v.value.clone()),
        Keep::Numbers => None,
    }
}
