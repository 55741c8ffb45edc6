//! `cchc validate`: load → resolve → check, the whole pipeline over an
//! [`Input`]. Pure: the same input and clock give the same diagnostics.

use jiff::Timestamp;
use rayon::prelude::*;

use crate::check::{check_stage_files, check_submission};
use crate::checked::{CheckedStageFile, CheckedSubmission, Keep};
use crate::diag::Diagnostics;
use crate::input::Input;
use crate::load::{Part, ReadCache, load_part, load_part_with};
use crate::model::Content;
use crate::resolve::resolve;
use crate::source::SourceDb;

/// The result of a validation run.
#[derive(Debug)]
pub struct Outcome {
    /// Every file read, for rendering the diagnostics.
    pub db: SourceDb,
    /// Every problem found, unsorted.
    pub diags: Diagnostics,
    /// The resolved content/ (what could be resolved of it).
    pub content: Content,
    /// Every submission file, read or not, as checked.
    pub submissions: Vec<CheckedSubmission>,
    /// Every file of the later stages, read or not, as checked.
    pub stages: Vec<CheckedStageFile>,
    /// How many files were read.
    pub files: usize,
}

/// Validates content/ and every submission of `input`. `now` is the clock's
/// reading: evidence cannot be dated after it.
pub fn validate(input: &Input, now: Timestamp) -> Outcome {
    let content = validate_content(input);
    let checked = check_submissions(input, &content.content, now);
    let mut db = content.db;
    db.merge(checked.db);
    let mut diags = content.diags;
    diags.extend(checked.diags);
    Outcome {
        db,
        diags,
        content: content.content,
        submissions: checked.submissions,
        stages: checked.stages,
        files: content.files + checked.files,
    }
}

/// content/ read and resolved: what every submission is judged against.
#[derive(Debug)]
pub struct ContentOutcome {
    /// The content files read.
    pub db: SourceDb,
    /// The problems found in content/.
    pub diags: Diagnostics,
    /// The resolved content/ (what could be resolved of it).
    pub content: Content,
    /// How many files were read.
    pub files: usize,
}

/// The content part of `input` (content/ and CODEOWNERS).
pub fn validate_content(input: &Input) -> ContentOutcome {
    let mut diags = Diagnostics::default();
    let loaded = load_part(input, Part::Content, &mut diags);
    let content = resolve(&loaded.content, &mut diags);
    ContentOutcome {
        db: loaded.db,
        diags,
        content,
        files: loaded.files,
    }
}

/// Submissions read and checked against resolved content.
#[derive(Debug)]
pub struct CheckedSubmissions {
    /// The submission files read.
    pub db: SourceDb,
    /// The problems found in the submissions.
    pub diags: Diagnostics,
    /// Every submission file, read or not, as checked.
    pub submissions: Vec<CheckedSubmission>,
    /// Every file of the later stages, read or not, as checked.
    pub stages: Vec<CheckedStageFile>,
    /// How many files were read.
    pub files: usize,
}

/// The submissions part of `input` (submissions/ and loose files), each
/// checked against `content`.
pub fn check_submissions(input: &Input, content: &Content, now: Timestamp) -> CheckedSubmissions {
    check_submissions_with(input, content, now, None, Keep::All)
}

/// [`check_submissions`], taking the files read before from `cache`, and
/// keeping of each file's texts what `keep` says.
pub fn check_submissions_with(
    input: &Input,
    content: &Content,
    now: Timestamp,
    cache: Option<&ReadCache>,
    keep: Keep,
) -> CheckedSubmissions {
    let mut diags = Diagnostics::default();
    let loaded = load_part_with(input, Part::Submissions, &mut diags, cache);
    // Each submission is checked on its own: in parallel, merged in order.
    let checked: Vec<(CheckedSubmission, Diagnostics)> = loaded
        .submissions
        .into_par_iter()
        .map(|s| {
            let mut d = Diagnostics::default();
            let accepted = s
                .sub
                .as_ref()
                .map(|sub| check_submission(&s.place, sub, content, now, keep, &mut d));
            let checked = CheckedSubmission {
                place: s.place,
                accepted,
            };
            (checked, d)
        })
        .collect();
    let mut submissions = Vec::with_capacity(checked.len());
    for (s, d) in checked {
        diags.extend(d);
        submissions.push(s);
    }
    let stages = check_stage_files(loaded.stage_files, &submissions, content, now, &mut diags);
    CheckedSubmissions {
        db: loaded.db,
        diags,
        submissions,
        stages,
        files: loaded.files,
    }
}
