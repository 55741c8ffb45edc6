//! In-process benchmarks of the core's stages on a synthetic repository:
//! `cargo bench --bench core` (see BENCHMARKS.md). The repository is the
//! `province` preset of examples/synth, or the one named by
//! `CCHC_BENCH_PRESET` (`national`, `commune`), generated once into a
//! temporary folder. Whole commands are timed by bench/run.py.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use cchc::git::walk as history;
use cchc_core::history::History;
use cchc_core::input::Input;
use cchc_core::pipeline::{Outcome, validate};
use cchc_core::report::{Report, Sources, report};
use cchc_core::site::{Mode, Templates, render};
use jiff::Timestamp;

#[allow(clippy::needless_range_loop, dead_code)]
#[path = "../examples/synth/synth.rs"]
mod synth;

fn main() {
    divan::main();
}

/// The generated repository and what each stage needs from the one before.
struct Fixture {
    _dir: tempfile::TempDir,
    root: PathBuf,
    input: Input,
    outcome: Outcome,
    history: History,
    report: Report,
    now: Timestamp,
}

static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let preset = std::env::var("CCHC_BENCH_PRESET").unwrap_or_else(|_| "province".into());
    let spec = synth::Spec::preset(&preset).expect("a preset: province, national, commune");
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("repo");
    synth::generate(&spec, &root).unwrap();
    let now = Timestamp::from_second(1_700_000_000).unwrap();
    let input = cchc::fsio::read_repo(&root).unwrap();
    let outcome = validate(&input, now);
    let history = history::read(&root, None);
    let report = whole_report(&outcome, &history, now);
    Fixture {
        _dir: dir,
        root,
        input,
        outcome,
        history,
        report,
        now,
    }
});

fn whole_report(outcome: &Outcome, history: &History, now: Timestamp) -> Report {
    let diags = outcome.diags.clone().into_sorted();
    report(&Sources {
        content: &outcome.content,
        submissions: &outcome.submissions,
        stages: &outcome.stages,
        diags: &diags,
        db: &outcome.db,
        history,
        now,
    })
}

fn fixture() -> &'static Fixture {
    &FIXTURE
}

/// Reading the files of content/ and submissions/ from disk.
#[divan::bench]
fn read_files() -> Input {
    cchc::fsio::read_repo(&fixture().root).unwrap()
}

/// Decoding, parsing and checking every file (`cchc validate` without I/O).
#[divan::bench]
fn validate_all() -> Outcome {
    let f = fixture();
    validate(&f.input, f.now)
}

/// The history walk along the branch's first-parent line.
#[divan::bench]
fn history_walk() -> History {
    history::read(Path::new(&fixture().root), None)
}

/// The report (statuses, totals, views) from validated data.
#[divan::bench]
fn report_all() -> Report {
    let f = fixture();
    whole_report(&f.outcome, &f.history, f.now)
}

/// Every page and download, in memory.
#[divan::bench]
fn render_site() -> usize {
    let f = fixture();
    let templates = Templates::builtin().unwrap();
    render(&f.report, &f.outcome.content, &templates, Mode::Publish)
        .unwrap()
        .len()
}

/// The XLSX download of the first campaign.
#[divan::bench]
fn xlsx_export() -> Vec<u8> {
    let f = fixture();
    cchc_core::export::xlsx(&f.report.campaigns[0], f.now).unwrap()
}
