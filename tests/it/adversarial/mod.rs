//! An adversarial corpus: some 1 500 malformed or hostile inputs, made by
//! mutating the repository's own sample (content/ and every
//! submissions/2023-9t/*.toml, read with `read_repo`), each with the
//! diagnostic code(s) it must produce. Each input is content/ plus the one
//! file it mutates; it is validated in-process with a fixed clock, inside
//! `catch_unwind`, and its outcome rendered in every format and language.
//! No input may panic, be accepted (give no error), miss an expected code,
//! or put a control character into the human or GitHub output (JSON must
//! parse, one item a problem; GitHub output one line a problem).
//!
//! The corpus is a table of generator functions ([`GENERATORS`]), one per
//! family of mutations; [`controls`] adds harmless variants that must be
//! accepted, so that the mutations, not the harness, make the errors. An
//! input cchc gets wrong is kept with the code cchc *should* give and listed
//! in [`KNOWN_BUGS`]: it is printed, not failed on, until the bug is fixed.
//!
//! Environment: `ADVERSARIAL_SHOW=1` prints every input with the codes it
//! gave, `ADVERSARIAL_ONLY=<text>` runs only the inputs whose name contains
//! the text, `ADVERSARIAL_RENDER=1` prints each input's English human
//! output, `ADVERSARIAL_TIME=1` each input's time; add `-- --nocapture`.

// Test code: a failed unwrap is a failed test with its message.

mod content;
mod content_values;
mod controls;
mod dates;
mod encoding;
mod identity;
mod links;
mod names;
mod nfd;
mod numbers;
mod sample;
mod size;
mod structure;
mod truncation;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};

use cchc_core::diag::Code;
use cchc_core::diag::render::{Format, Summary, render};
use cchc_core::input::Input;
use cchc_core::pipeline::validate;
use cchc_core::text::Lang;
use content::content;
use controls::controls;
use dates::dates;
use encoding::encoding;
use identity::identity;
use links::links;
use names::{escapes, lookalikes, paths};
use nfd::nfd;
use numbers::{numbers, types};
use sample::{Case, Sample, now};
use size::size_and_depth;
use structure::structure;
use truncation::truncation;

const CAMPAIGN: &str = "2023-9t";
const NOW: &str = "2023-09-14T05:00:00Z";

/// A bug cchc has today: what goes wrong, and the inputs that show it (by
/// the end of their names). The inputs stay in the corpus with the code cchc
/// should give; the test prints them instead of failing, and says when one
/// no longer shows the bug.
struct KnownBug {
    what: &'static str,
    inputs: &'static [&'static str],
}

/// None today: the five found by this corpus (integers TOML forbids, band
/// percentages, links without a host, and control characters reaching the
/// terminal through a unit value or a file name) are fixed.
const KNOWN_BUGS: &[KnownBug] = &[];

/// The families of the corpus.
type Generator = fn(&Sample) -> Vec<Case>;
const GENERATORS: &[(&str, Generator)] = &[
    ("truncation", truncation),
    ("numbers", numbers),
    ("types", types),
    ("structure", structure),
    ("identity", identity),
    ("encoding", encoding),
    ("size-and-depth", size_and_depth),
    ("dates", dates),
    ("links", links),
    ("nfd", nfd),
    ("lookalikes", lookalikes),
    ("paths", paths),
    ("escapes", escapes),
    ("content", content),
];

/// What one input gave.
struct Outcome {
    codes: BTreeSet<Code>,
    errors: bool,
    /// Problems with the rendered output itself.
    render_problems: Vec<String>,
}

fn run_one(input: &Input, now: jiff::Timestamp) -> Outcome {
    let outcome = validate(input, now);
    let errors = outcome.diags.has_errors();
    let files = outcome.files;
    let diags = outcome.diags.into_sorted();
    let mut render_problems = Vec::new();
    for lang in [Lang::Vi, Lang::En] {
        for format in [Format::Human, Format::Json, Format::Github] {
            let text = render(&diags, &outcome.db, format, lang, false, Summary { files });
            // JSON escapes C0 controls itself; DEL and C1 are valid JSON.
            let unsafe_char = |c: &char| match format {
                Format::Json => *c < ' ' && *c != '\n',
                _ => c.is_control() && !matches!(c, '\n' | '\t'),
            };
            if let Some(c) = text.chars().find(unsafe_char) {
                render_problems.push(format!(
                    "render {format:?}/{lang}: control character {c:?} in the output"
                ));
            }
            match format {
                Format::Json => match serde_json::from_str::<serde_json::Value>(&text) {
                    Ok(serde_json::Value::Array(a)) if a.len() == diags.len() => {}
                    Ok(_) => {
                        render_problems.push(format!("render json/{lang}: not one item a problem"));
                    }
                    Err(e) => {
                        render_problems.push(format!("render json/{lang}: invalid JSON: {e}"));
                    }
                },
                Format::Github => {
                    let lines = text.lines().count();
                    if lines != diags.len()
                        || !text
                            .lines()
                            .all(|l| l.starts_with("::error ") || l.starts_with("::warning "))
                    {
                        render_problems.push(format!(
                            "render github/{lang}: {lines} lines for {} problems",
                            diags.len()
                        ));
                    }
                }
                Format::Human => {
                    if text.trim().is_empty() {
                        render_problems.push(format!("render human/{lang}: empty"));
                    }
                    if lang == Lang::En && std::env::var_os("ADVERSARIAL_RENDER").is_some() {
                        eprintln!("{}", text.chars().take(3000).collect::<String>());
                    }
                }
            }
        }
    }
    Outcome {
        codes: diags.iter().map(|d| d.code).collect(),
        errors,
        render_problems,
    }
}

/// The codes an input gave and what went wrong with it.
type Verdict = (BTreeSet<Code>, Vec<String>);

/// What went wrong with one input, if anything. A control must be
/// accepted; any other input must give an error.
fn judge(case: &Case, control: bool, now: jiff::Timestamp) -> Verdict {
    let started = std::time::Instant::now();
    let result = catch_unwind(AssertUnwindSafe(|| run_one(&case.input, now)));
    if std::env::var_os("ADVERSARIAL_TIME").is_some() {
        eprintln!(
            "{:>8.1} ms  {}",
            started.elapsed().as_secs_f64() * 1000.0,
            case.name
        );
    }
    let outcome = match result {
        Ok(o) => o,
        Err(payload) => {
            let msg = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            return (BTreeSet::new(), vec![format!("panicked: {msg}")]);
        }
    };
    let mut problems = Vec::new();
    match (control, outcome.errors) {
        (false, false) => problems.push("accepted (no error)".to_owned()),
        (true, true) => problems.push("rejected (a control must be accepted)".to_owned()),
        _ => {}
    }
    let missing: Vec<&str> = case
        .expect
        .iter()
        .filter(|c| !outcome.codes.contains(c))
        .map(|c| c.as_str())
        .collect();
    if !missing.is_empty() {
        problems.push(format!("missing {}", missing.join(", ")));
    }
    problems.extend(outcome.render_problems);
    (outcome.codes, problems)
}

fn codes_str<'a>(codes: impl IntoIterator<Item = &'a Code>) -> String {
    codes
        .into_iter()
        .map(|c| c.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The kinds of problem an input can have, by the first word of its report.
const KINDS: [&str; 5] = ["panicked:", "accepted", "missing", "rejected", "render"];

/// One input of the run: its family, whether it is a control, the input.
type Entry = (&'static str, bool, Case);

#[test]
fn adversarial_corpus() {
    let sample = Sample::load();
    let only = std::env::var("ADVERSARIAL_ONLY").ok();
    let show = std::env::var_os("ADVERSARIAL_SHOW").is_some();
    let mut cases: Vec<Entry> = Vec::new();
    let mut per_family: Vec<(&str, usize)> = Vec::new();
    for (family, generate) in GENERATORS {
        let made = generate(&sample);
        per_family.push((family, made.len()));
        cases.extend(made.into_iter().map(|c| (*family, false, c)));
    }
    let controls = controls(&sample);
    let control_count = controls.len();
    cases.extend(controls.into_iter().map(|c| ("controls", true, c)));
    // Names identify inputs (and known bugs): they must be unique.
    let mut names = BTreeSet::new();
    for (_, _, c) in &cases {
        assert!(
            names.insert(c.name.clone()),
            "two inputs named {:?}",
            c.name
        );
    }
    for bug in KNOWN_BUGS {
        for pattern in bug.inputs {
            assert!(
                names.iter().any(|n| n.ends_with(pattern)),
                "KNOWN_BUGS: {pattern:?} names no input"
            );
        }
    }
    if let Some(only) = &only {
        cases.retain(|(_, _, c)| c.name.contains(only.as_str()));
    }
    // `cargo test` judges every third input of each family (still every
    // kind of mutation somewhere), to stay quick; .ci/run and
    // `CCHC_ADVERSARIAL=all` judge them all.
    if only.is_none() && std::env::var("CCHC_ADVERSARIAL").as_deref() != Ok("all") {
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        cases.retain(|(family, _, _)| {
            let n = seen.entry(family).or_default();
            *n += 1;
            (*n - 1).is_multiple_of(3)
        });
        eprintln!("adversarial: a third of the corpus (CCHC_ADVERSARIAL=all for all of it)");
    }

    // Judge every input, spread over the machine's cores: each thread takes
    // the next input not taken yet, so a few slow ones do not hold one back.
    let now = now();
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().min(8));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut judged: Vec<(usize, Verdict)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some((_, control, case)) = cases.get(i) else {
                            break;
                        };
                        mine.push((i, judge(case, *control, now)));
                    }
                    mine
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    judged.sort_by_key(|(i, _)| *i);
    let results: Vec<Verdict> = judged.into_iter().map(|(_, r)| r).collect();

    // The known bug an input shows, by its index in KNOWN_BUGS.
    let known = |name: &str| {
        KNOWN_BUGS
            .iter()
            .position(|bug| bug.inputs.iter().any(|p| name.ends_with(p)))
    };
    // Inputs with each kind of problem: [panicked, accepted, missing code,
    // control rejected, control characters in the output], apart from and
    // within the known bugs.
    let mut counts = [0usize; 5];
    let mut known_counts = [0usize; 5];
    let mut known_inputs = 0;
    let mut failures = String::new();
    // Per known bug, the inputs that still show it.
    let mut known_lines: Vec<Vec<String>> = vec![Vec::new(); KNOWN_BUGS.len()];
    for ((family, _, case), (codes, problems)) in cases.iter().zip(&results) {
        if show {
            eprintln!(
                "[{family}] {} => {} (expected {})",
                case.name,
                codes_str(codes),
                codes_str(&case.expect)
            );
        }
        if problems.is_empty() {
            continue;
        }
        let bug = known(&case.name);
        let tally = match bug {
            Some(_) => {
                known_inputs += 1;
                &mut known_counts
            }
            None => &mut counts,
        };
        for (i, kind) in KINDS.iter().enumerate() {
            tally[i] += usize::from(problems.iter().any(|p| p.starts_with(kind)));
        }
        let line = format!(
            "[{family}] {}: {} (gave: {}; expected: {})",
            case.name,
            problems.join("; "),
            codes_str(codes),
            codes_str(&case.expect)
        );
        match bug {
            Some(b) => known_lines[b].push(line),
            None => {
                failures.push_str(&line);
                failures.push('\n');
            }
        }
    }
    let mut known_report = String::new();
    let mut fixed = Vec::new();
    for (bug, lines) in KNOWN_BUGS.iter().zip(&known_lines) {
        let what = bug.what.split_whitespace().collect::<Vec<_>>().join(" ");
        if lines.is_empty() {
            if cases
                .iter()
                .any(|(_, _, c)| bug.inputs.iter().any(|p| c.name.ends_with(p)))
            {
                fixed.push(what);
            }
            continue;
        }
        let _ = writeln!(known_report, "* {what}");
        for line in lines {
            let _ = writeln!(known_report, "    {line}");
        }
    }
    let families = per_family
        .iter()
        .map(|(f, n)| format!("{f} {n}"))
        .collect::<Vec<_>>()
        .join(", ");
    eprintln!("adversarial families: {families}; controls {control_count}");
    if !known_report.is_empty() {
        eprintln!("adversarial known bugs:\n{known_report}");
    }
    for what in &fixed {
        eprintln!("adversarial: a known bug no longer shows (remove it from KNOWN_BUGS): {what}");
    }
    let [panics, accepted, missing, rejected, render_faults] = counts;
    let controls_run = cases.iter().filter(|(_, c, _)| *c).count();
    eprintln!(
        "adversarial: {} inputs ({} hostile, {controls_run} controls): {panics} panics, \
         {accepted} accepted, {missing} missing expected codes, {rejected} controls rejected, \
         {render_faults} with control characters in the output; {known_inputs} inputs show {} \
         known bugs ({} panics, {} accepted, {} missing expected codes, {} with control \
         characters in the output)",
        cases.len(),
        cases.len() - controls_run,
        known_lines.iter().filter(|l| !l.is_empty()).count(),
        known_counts[0],
        known_counts[1],
        known_counts[2],
        known_counts[4],
    );
    if only.is_none() {
        let hostile: usize = per_family.iter().map(|(_, n)| n).sum();
        assert!(hostile >= 150, "only {hostile} inputs");
        for (family, n) in &per_family {
            assert!(*n >= 10, "family {family} has only {n} inputs");
        }
    }
    assert!(failures.is_empty(), "inputs cchc gets wrong:\n{failures}");
}
