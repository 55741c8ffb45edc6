//! The file rules: each changed path judged by the base's content/ and the submission checks.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::checked::Keep;
use crate::diag::{Diagnostic, Severity};
use crate::input::Input;
use crate::load::{Kind, classify};
use crate::model::Content;
use crate::pull_request::{ChangeKind, ChangedPath, Mode, is_content};
use crate::source::Span;
use crate::validate::{check_submissions_with, validate};

use super::rules::{
    StageFileRef, rule_closed, rule_deleted, rule_known_pair, rule_known_stage_file, rule_late,
    rule_look_alike, rule_outside_submissions, rule_outside_window, rule_owner, rule_regular_file,
    rule_stage_owner,
};
use super::{Context, FileVerdict, OnTime, Outcome, People, Verdict, admins_of, fold};

pub(super) fn judge_changes(
    rules: &Content,
    base: &Input,
    head: Option<&Input>,
    changes: &[ChangedPath],
    ctx: &Context,
) -> Outcome {
    let admins = admins_of(rules);
    let people = People {
        admins: &admins,
        actors: &ctx.actors,
    };

    // The changed submissions are checked together, against the rules; a
    // stage's file with the rest of its campaign's folder as merging would
    // leave it (an appraisal is judged against the report, an explanation
    // against the appraisals' requests).
    let mut checked = Input::default();
    let stage_campaigns: Vec<String> = changes
        .iter()
        .filter_map(|c| match classify(c.data_path.as_deref()?) {
            Kind::StageFile { campaign, .. } => Some(format!("submissions/{campaign}/")),
            _ => None,
        })
        .collect();
    for (p, data) in &base.files {
        if stage_campaigns.iter().any(|c| p.starts_with(c.as_str())) {
            checked.files.insert(p.clone(), data.clone());
        }
    }
    for c in changes {
        let Some(p) = c
            .data_path
            .as_ref()
            .filter(|p| p.starts_with("submissions/"))
        else {
            continue;
        };
        match &c.data {
            Some(data) => {
                checked.files.insert(p.clone(), data.clone());
            }
            None => {
                checked.files.remove(p);
            }
        }
    }
    let validated = check_submissions_with(&checked, rules, ctx.now, None, Keep::Numbers);
    let mut db = validated.db;
    let mut by_file: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
    for d in validated.diags.into_sorted() {
        by_file.entry(d.span.file.to_string()).or_default().push(d);
    }
    // Content changed by the office: the head's content/ must be valid as a
    // whole. (Anyone else changing it is refused outright, E100.)
    let mut content_problems: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
    if let Some(head) = head.filter(|_| people.all_admins()) {
        let outcome = validate(head, ctx.now);
        for d in outcome.diags.into_sorted() {
            if d.severity == Severity::Error && is_content(&d.span.file) {
                content_problems
                    .entry(d.span.file.to_string())
                    .or_default()
                    .push(d);
            }
        }
        db.merge(outcome.db);
    }

    let mut files = Vec::new();
    let mut on_time = Vec::new();
    for c in changes {
        let data_path = c.data_path.clone().unwrap_or_default();
        let mut own = by_file.remove(&data_path).unwrap_or_default();
        own.extend(content_problems.remove(&data_path).unwrap_or_default());
        let mut f = judge_path(c, rules, &people, ctx, own);
        // Diagnostics are shown under the path the Git host shows.
        if c.path != data_path {
            db.alias(&data_path, &c.path);
            for d in &mut f.diagnostics {
                if *d.span.file == *data_path {
                    d.span.file = c.path.as_str().into();
                }
            }
        }
        if f.verdict == Verdict::Accepted
            && !ctx.draft
            && let (Some(camp), Some(unit)) = (
                f.campaign.as_deref().and_then(|id| rules.campaigns.get(id)),
                f.unit.as_deref(),
            )
            && ctx.now < camp.deadline_for(unit)
        {
            on_time.push(OnTime {
                campaign: camp.id.clone(),
                unit: unit.to_owned(),
                local: camp.time_zone.to_datetime(ctx.now),
                deadline_local: camp.deadline_local_for(unit),
            });
        }
        f.diagnostics.sort_by_key(|d| (d.span.range.start, d.code));
        files.push(f);
    }
    // Content the pull request did not touch but broke (a campaign whose
    // criteria set it deleted, say) is reported under its own path.
    for (path, diagnostics) in content_problems {
        files.push(finish(FileVerdict {
            path,
            campaign: None,
            unit: None,
            unit_name: None,
            verdict: Verdict::Accepted,
            diagnostics,
        }));
    }
    Outcome {
        branch: Vec::new(),
        files,
        db,
        admin: people.all_admins(),
        on_time,
        time_zone: rules
            .newest_campaign()
            .map(|c| (c.time_zone.clone(), c.time_zone_name.clone())),
    }
}

pub(super) fn file_span(path: &str) -> Span {
    let p: Arc<str> = path.into();
    Span::file(&p)
}

/// The first folder of a path, if it looks like one of the data folders
/// without being it ("Submissions", "ｃｏｎｔｅｎｔ"): on some systems the two
/// would be the same folder.
fn look_alike_root(data_path: &str) -> Option<&'static str> {
    let first = data_path.split('/').next().unwrap_or("");
    ["submissions", "content"]
        .into_iter()
        .find(|root| first != *root && fold(first) == *root)
}

fn judge_path(
    c: &ChangedPath,
    rules: &Content,
    people: &People<'_>,
    ctx: &Context,
    own: Vec<Diagnostic>,
) -> FileVerdict {
    let mut v = FileVerdict {
        path: c.path.clone(),
        campaign: None,
        unit: None,
        unit_name: None,
        verdict: Verdict::Accepted,
        diagnostics: Vec::new(),
    };
    let span = file_span(&c.path);
    let data_path = c.data_path.clone().unwrap_or_default();
    if let Some(root) = c.data_path.as_deref().and_then(look_alike_root) {
        v.diagnostics.push(rule_look_alike(&data_path, root, span));
        return finish(v);
    }
    let kind = c.data_path.as_deref().map(classify);
    let is_submission = matches!(
        kind,
        Some(Kind::Submission { .. } | Kind::StageFile { .. } | Kind::Stray)
    );
    if !is_submission {
        // Everything else is the office's: content/, the code, the workflows,
        // submissions/README.md. Content changes must leave content valid.
        let strangers = people.strangers(&[]);
        if !strangers.is_empty() {
            v.diagnostics.push(rule_outside_submissions(
                &c.path,
                &strangers,
                span,
                people.admins,
            ));
        }
        v.diagnostics.extend(own);
        return finish(v);
    }
    if matches!(c.kind, ChangeKind::Deleted | ChangeKind::RenamedAway { .. }) {
        if !people.all_admins() {
            v.diagnostics.push(rule_deleted(&c.kind, &c.path, span));
        }
        return finish(v);
    }
    if c.mode != Mode::Regular {
        v.diagnostics.push(rule_regular_file(c.mode, span.clone()));
    }
    if let Some(Kind::StageFile {
        campaign,
        stage,
        appraiser,
        unit,
    }) = kind
    {
        let file = StageFileRef {
            campaign: &campaign,
            stage,
            appraiser: appraiser.as_deref(),
            unit: &unit,
        };
        judge_stage_file(&file, rules, people, ctx, span, &mut v);
        push_own(own, ctx, &mut v);
        return finish(v);
    }
    let Some((campaign, unit)) = rule_known_pair(&data_path, rules, span.clone(), &mut v) else {
        return finish(v);
    };
    v.campaign = Some(campaign.id.clone());
    v.unit = Some(unit.clone());
    v.unit_name = rules.unit(&unit).map(|u| u.name.clone());
    rule_owner(&unit, rules, people, span.clone(), &mut v);
    if !people.all_admins() {
        if campaign.closed {
            v.diagnostics.push(rule_closed(campaign, span.clone()));
        }
        // After the deadline a unit's account changes nothing, whatever the
        // receipts register holds: a receipt dates the version received, it
        // never excuses a later one.
        if ctx.now >= campaign.deadline_for(&unit) {
            v.diagnostics
                .push(rule_late(campaign, &unit, ctx.now, span.clone()));
        }
    }
    push_own(own, ctx, &mut v);
    finish(v)
}

/// The file's own problems, with the same rules and messages as validate
/// (a draft's blanks as warnings).
fn push_own(own: Vec<Diagnostic>, ctx: &Context, v: &mut FileVerdict) {
    for mut d in own {
        if ctx.draft && d.code.is_blank() {
            d.severity = Severity::Warning;
        }
        v.diagnostics.push(d);
    }
}

/// A stage's file: one of a campaign that declares the stage, about a unit
/// taking part, in an appraiser's folder; changed by whoever the stage
/// belongs to (the appraiser, or the unit for its explanations), inside
/// the stage's window. The office's admins may change it at any time.
fn judge_stage_file(
    file: &StageFileRef<'_>,
    rules: &Content,
    people: &People<'_>,
    ctx: &Context,
    span: Span,
    v: &mut FileVerdict,
) {
    let Some((campaign, owner)) = rule_known_stage_file(file, rules, span.clone(), v) else {
        return;
    };
    v.unit = Some(file.unit.to_owned());
    v.unit_name = rules.unit(file.unit).map(|u| u.name.clone());
    rule_stage_owner(file, &owner, rules, people, span.clone(), v);
    if people.all_admins() {
        return;
    }
    if campaign.closed {
        v.diagnostics.push(rule_closed(campaign, span.clone()));
    }
    if let Some(window) = campaign.window(file.stage, file.unit)
        && !window.contains(ctx.now)
    {
        v.diagnostics.push(rule_outside_window(
            campaign, file.stage, &window, ctx.now, span,
        ));
    }
}

pub(super) fn finish(mut v: FileVerdict) -> FileVerdict {
    refresh(&mut v);
    v
}

/// A file with an error is rejected.
pub(super) fn refresh(v: &mut FileVerdict) {
    if v.diagnostics.iter().any(|d| d.severity == Severity::Error) {
        v.verdict = Verdict::Rejected;
    }
}
