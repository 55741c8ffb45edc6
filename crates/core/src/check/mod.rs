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

use crate::checked::{Accepted, Placement};
use crate::diag::Diagnostics;
use crate::model::Content;
use crate::model::Person;
use crate::raw::submission::Submission;
use crate::source::Span;

/// Checks one submission, returning what it says as checked. `now` bounds
/// evidence dates: a document cannot be dated after today. The raw
/// submission is consumed: its texts move into the checked model.
pub fn check_submission(
    place: &Placement,
    mut sub: Submission,
    content: &Content,
    now: Timestamp,
    diags: &mut Diagnostics,
) -> Accepted {
    let mut accepted = Accepted {
        prepared_by: sub.prepared_by.take().map(|p| {
            identity::rule_contact(&p, diags);
            Person {
                name: p.name.map(|v| v.value),
                position: p.position.map(|v| v.value),
                phone: p.phone.map(|v| v.value),
                email: p.email.map(|v| v.value),
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
    accepted.scores = scores::check_scores(
        sub.scores,
        sub.scores_dropped,
        campaign,
        participant,
        &anchor,
        now,
        diags,
    );
    accepted.tasks = tasks::check_tasks(
        sub.tasks,
        sub.tasks_dropped,
        campaign,
        &unit,
        &anchor,
        diags,
    );
    accepted
}
