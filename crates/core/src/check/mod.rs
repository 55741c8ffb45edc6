//! The submission rules: a unit's file judged against its campaign. Each rule
//! is one function reporting one code (or a closely related pair); what
//! passes them is the checked model the report reads.

mod evidence;
mod identity;
mod scores;
mod tasks;

use jiff::Timestamp;

use crate::checked::{Accepted, Person, Placement};
use crate::diag::Diagnostics;
use crate::model::Content;
use crate::raw::submission::Submission;
use crate::source::Span;

/// Checks one submission, returning what it says as checked. `now` bounds
/// evidence dates: a document cannot be dated after today.
pub fn check_submission(
    place: &Placement,
    sub: &Submission,
    content: &Content,
    now: Timestamp,
    diags: &mut Diagnostics,
) -> Accepted {
    let mut accepted = Accepted {
        prepared_by: sub.prepared_by.as_ref().map(|p| {
            identity::rule_contact(p, diags);
            Person {
                name: p.name.as_ref().map(|v| v.value.clone()),
                position: p.position.as_ref().map(|v| v.value.clone()),
                phone: p.phone.as_ref().map(|v| v.value.clone()),
                email: p.email.as_ref().map(|v| v.value.clone()),
            }
        }),
        ..Accepted::default()
    };
    let Some(campaign) = identity::rule_campaign(place, sub, content, diags) else {
        return accepted;
    };
    let Some(unit) = identity::rule_unit(place, sub, campaign, content, diags) else {
        return accepted;
    };
    let Some(participant) = campaign.participant(&unit) else {
        return accepted;
    };
    let file = Span::file(&place.path);
    let anchor = sub.unit.as_ref().map_or(file, |u| u.span.clone());
    accepted.scores = scores::check_scores(sub, campaign, participant, &anchor, now, diags);
    accepted.tasks = tasks::check_tasks(sub, campaign, &unit, &anchor, diags);
    accepted
}
