//! No input makes cchc panic: every sample file truncated at many points and
//! with bytes changed still yields diagnostics, never a crash, and a file
//! cut short is never accepted as a complete, valid report.

// Test code: a failed unwrap is a failed test with its message.

use std::path::PathBuf;

use cchc::fsio::read_repo;
use cchc_core::diag::render::{Format, Summary, render};
use cchc_core::input::FileData;
use cchc_core::input::Input;
use cchc_core::pipeline::validate;
use cchc_core::text::Lang;

fn sample() -> Input {
    read_repo(&PathBuf::from(env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// The input to mutate `path` in: content/ and that one file (other
/// submissions only cost time).
fn around(base: &Input, path: &str) -> Input {
    let mut input = base.clone();
    input
        .files
        .retain(|p, _| !p.starts_with("submissions/") || p == path);
    input
}

fn now() -> jiff::Timestamp {
    "2023-09-14T05:00:00Z".parse().unwrap()
}

/// Validates `input` and renders every format, so rendering is exercised on
/// odd spans too.
fn run(input: &Input) -> bool {
    let outcome = validate(input, now());
    let failed = outcome.diags.has_errors();
    let diags = outcome.diags.into_sorted();
    for format in [Format::Human, Format::Json, Format::Github] {
        for lang in [Lang::Vi, Lang::En] {
            let _ = render(&diags, &outcome.db, format, lang, false, Summary::default());
        }
    }
    failed
}

#[test]
fn the_sample_is_valid_to_start_with() {
    assert!(!run(&sample()));
}

#[test]
fn truncated_files_never_panic() {
    let base = sample();
    let mut cases = 0;
    for (path, data) in &base.files {
        let FileData::Bytes(bytes) = data else {
            continue;
        };
        // About 80 cuts a file, plus the very start and end: dense enough
        // to hit every kind of structure, fast enough for everyday runs.
        let step = (bytes.len() / 80).max(1);
        let cuts = (0..bytes.len())
            .step_by(step)
            .chain([1, bytes.len().saturating_sub(1)]);
        for cut in cuts {
            let mut input = around(&base, path);
            input
                .files
                .insert(path.clone(), FileData::Bytes(bytes[..cut].to_vec()));
            let failed = run(&input);
            cases += 1;
            // A report cut before its last score block cannot be complete
            // (an explanation cut before its answers is an empty one).
            let report = path.starts_with("submissions/") && path.matches('/').count() == 2;
            if report && cut < bytes.len() / 2 {
                assert!(failed, "{path} cut at {cut} was accepted");
            }
        }
    }
    assert!(cases > 1000, "only {cases} cases");
}

#[test]
fn changed_bytes_never_panic() {
    let base = sample();
    let replacements: [&[u8]; 8] = [
        b"\0",
        b"\xff",
        b"\xc3",
        b"\"",
        b"[",
        b"=",
        b"\n",
        "ộ".as_bytes(),
    ];
    for (path, data) in &base.files {
        let FileData::Bytes(bytes) = data else {
            continue;
        };
        for (i, at) in (0..bytes.len())
            .step_by((bytes.len() / 60).max(1))
            .enumerate()
        {
            let mut changed = bytes.clone();
            let with = replacements[i % replacements.len()];
            changed.splice(at..(at + 1).min(changed.len()), with.iter().copied());
            let mut input = around(&base, path);
            input.files.insert(path.clone(), FileData::Bytes(changed));
            run(&input);
        }
    }
}
