//! The built site: every page kind with the facts that matter, links that
//! resolve, escaping of hostile text, determinism, and the downloads read
//! back as a user's spreadsheet would.

// Test code: a failed unwrap is a failed test with its message.
#![allow(
    clippy::case_sensitive_file_extension_comparisons,
    clippy::format_push_string,
    clippy::assigning_clones
)]

mod builds;
mod chase;
mod downloads;
mod escaping;
mod pages;
mod serve;
mod sheets;
mod tasks;
mod words;

use crate::common::root;
use std::fs;
use std::path::Path;
use std::process::Command;

use cchc::commands::templates::load_templates;
use cchc_core::history::History;
use cchc_core::input::Input;
use cchc_core::pipeline::Whole;
use cchc_core::pipeline::validate;
use cchc_core::site::{Mode, SiteFiles, render};
use jiff::Timestamp;

/// 2026-11-25: long after the sample campaign's deadline.
fn later() -> Timestamp {
    "2026-11-25T03:00:00Z".parse().unwrap()
}

fn sample() -> Input {
    cchc::fsio::read_repo(&root()).unwrap()
}

/// Builds a site in memory from `input`, without Git history (the sample's
/// arrival times come from its receipts register).
fn build(input: &Input, now: Timestamp) -> SiteFiles {
    let outcome = validate(input, now);
    let g = Whole::new(
        outcome,
        History::Unknown {
            reason: cchc_core::text::Text::new("không có lịch sử (kiểm thử)", "no history (test)"),
        },
        now,
    );
    let templates = load_templates(&root()).unwrap();
    render(&g.report(), &g.outcome.content, &templates, Mode::Publish).unwrap()
}

fn page<'a>(site: &'a SiteFiles, path: &str) -> &'a str {
    std::str::from_utf8(site.get(path).unwrap_or_else(|| panic!("no page {path}"))).unwrap()
}

/// The text of a page without tags, whitespace folded, for assertions on
/// what a reader sees.
pub(crate) fn visible(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A temporary repository with these folders of the sample.
fn copy_of_sample(folders: &[&str]) -> tempfile::TempDir {
    let repo = tempfile::tempdir().unwrap();
    for d in folders {
        copy(&root().join(d), &repo.path().join(d));
    }
    repo
}

/// `cchc build` in `repo`, at a fixed time.
fn build_in(repo: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_cchc"))
        .args(["build"])
        .current_dir(repo)
        .env("SOURCE_DATE_EPOCH", "1764039600")
        .output()
        .unwrap()
}

fn copy(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy(&e.path(), &to.join(e.file_name()));
        } else {
            fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}
