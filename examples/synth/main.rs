//! `cargo run --release --example synth -- --preset national --out DIR`:
//! writes a synthetic repository (and optionally a Hugo site of the same
//! data) for the benchmarks in BENCHMARKS.md.

// A generator of test data: its indices (campaign and unit numbers) are
// bounded by construction.
#![allow(clippy::indexing_slicing, clippy::needless_range_loop)]

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;

mod hugo;
mod synth;

#[derive(Debug, Parser)]
#[command(
    about = "Writes a synthetic cchc repository for benchmarks (deterministic from the seed)"
)]
struct Args {
    /// province (1 × 17 units × 90 rows, 200 commits), national (63 × 20 × 100,
    /// 10,000 commits) or commune (34 × 100 × 100, 20,000 commits)
    #[arg(long, default_value = "province")]
    preset: String,
    /// Multiply the campaigns (so the units) and the commits
    #[arg(long, default_value_t = 1)]
    scale: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The repository to write (must not exist)
    #[arg(long)]
    out: PathBuf,
    /// Also write a Hugo site of the same data here
    #[arg(long)]
    hugo: Option<PathBuf>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let Some(spec) = synth::Spec::preset(&args.preset) else {
        eprintln!(
            "unknown preset {:?}: province, national or commune",
            args.preset
        );
        return ExitCode::from(2);
    };
    let spec = synth::Spec {
        seed: args.seed,
        ..spec.scaled(args.scale.max(1))
    };
    if args.out.exists() {
        eprintln!("{} exists; give a new folder", args.out.display());
        return ExitCode::from(2);
    }
    let started = Instant::now();
    let summary = match synth::generate(&spec, &args.out) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("cannot write {}: {e}", args.out.display());
            return ExitCode::from(1);
        }
    };
    eprintln!(
        "{}: {} units, {} reports, {} scored rows, {} commits ({:.0} MB of report text) in {:.1} s",
        args.out.display(),
        summary.units,
        summary.submissions,
        summary.scored_rows,
        summary.commits,
        summary.stream_bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    if let Some(dir) = &args.hugo {
        match hugo::hugo_site(&spec, dir) {
            Ok(pages) => eprintln!("{}: Hugo site of {pages} pages", dir.display()),
            Err(e) => {
                eprintln!("cannot write {}: {e}", dir.display());
                return ExitCode::from(1);
            }
        }
    }
    ExitCode::SUCCESS
}
