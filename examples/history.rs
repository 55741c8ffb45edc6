//! `cargo run --release --example history -- REPO`: reads the branch's
//! history of submissions/ as `cchc build` does, and nothing else; for
//! timing the history extraction alone against `git log` (BENCHMARKS.md).

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(repo) = std::env::args_os().nth(1) else {
        eprintln!("usage: history REPO");
        return ExitCode::from(2);
    };
    match cchc::git::walk::read(std::path::Path::new(&repo), None) {
        cchc_core::history::History::Known { files, .. } => {
            let revisions: usize = files.values().map(Vec::len).sum();
            println!("{} files, {revisions} revisions", files.len());
            ExitCode::SUCCESS
        }
        cchc_core::history::History::Unknown { reason } => {
            eprintln!("{}", reason.en);
            ExitCode::from(1)
        }
    }
}
