//! `cchc validate`: load → resolve → check, the whole pipeline over an
//! [`Input`]. Pure: the same input and clock give the same diagnostics.

use jiff::Timestamp;

use crate::check::check_submission;
use crate::diag::Diagnostics;
use crate::load::{Input, RawSubmission, load};
use crate::model::Content;
use crate::resolve::resolve;
use crate::source::SourceDb;

/// The result of a validation run.
#[derive(Debug)]
pub struct Outcome {
    pub db: SourceDb,
    pub diags: Diagnostics,
    pub content: Content,
    /// Every submission file, read or not.
    pub submissions: Vec<RawSubmission>,
    /// How many files were read.
    pub files: usize,
}

/// Validates content/ and every submission of `input`. `now` is the clock's
/// reading: evidence cannot be dated after it.
pub fn validate(input: &Input, now: Timestamp) -> Outcome {
    let mut diags = Diagnostics::default();
    let loaded = load(input, &mut diags);
    let content = resolve(&loaded.content, &mut diags);
    for s in &loaded.submissions {
        if let Some(sub) = &s.sub {
            check_submission(&s.place, sub, &content, now, &mut diags);
        }
    }
    Outcome {
        db: loaded.db,
        diags,
        content,
        submissions: loaded.submissions,
        files: loaded.files,
    }
}
