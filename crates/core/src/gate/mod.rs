//! The pull-request gate: decides, per changed path, whether a pull request
//! may be merged, and why. Pure: the change, the base's files, the actors and
//! the clock come in; a verdict per path and its diagnostics come out.
//!
//! It judges with the base's rules (content/ of the base), so a pull request
//! cannot change what judges it, and with the gate's clock, never a commit
//! date, which the author sets.

mod branch;
mod files;
mod rules;

use jiff::Timestamp;
use unicode_normalization::UnicodeNormalization;

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::input::Input;
use crate::model::Content;
use crate::pull_request::{ChangedPath, PullRequest};
use crate::source::SourceDb;
use crate::validate::validate_content;

use branch::judge_branch;
use files::judge_changes;

/// Who and when.
#[derive(Debug, Clone)]
pub struct Context {
    /// The pull request's author and whoever pushed: every one must be
    /// entitled to every change.
    pub actors: Vec<String>,
    /// The gate's clock: the time it judges at.
    pub now: Timestamp,
    /// A draft is work in progress: its blanks are warnings.
    pub draft: bool,
}

/// Whether a path, or the branch, may be merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// May be merged.
    Accepted,
    /// Must not be merged.
    Rejected,
}

/// The decision on one changed path.
#[derive(Debug, Clone)]
pub struct FileVerdict {
    /// The changed path, relative to the repository's top folder.
    pub path: String,
    /// The campaign the path belongs to; `None` when it is not a submission.
    pub campaign: Option<String>,
    /// The unit the path belongs to; `None` when it is not a submission.
    pub unit: Option<String>,
    /// The unit's name from content/; `None` when unknown.
    pub unit_name: Option<String>,
    /// Whether this path may be merged.
    pub verdict: Verdict,
    /// The diagnostics of this path, in order.
    pub diagnostics: Vec<Diagnostic>,
}

/// A submission accepted before its deadline: what the office records in
/// the receipts register if the pull request is merged after it.
#[derive(Debug, Clone)]
pub struct OnTime {
    /// The campaign's id.
    pub campaign: String,
    /// The unit's id.
    pub unit: String,
    /// The gate's time, local to the campaign.
    pub local: jiff::civil::DateTime,
    /// The campaign's deadline, local to the campaign.
    pub deadline_local: jiff::civil::DateTime,
}

/// The gate's decision on a whole pull request.
#[derive(Debug)]
pub struct Outcome {
    /// What is wrong with the branch as a whole (its base, its history):
    /// each error rejects the pull request whatever its files are.
    pub branch: Vec<Diagnostic>,
    /// The verdict on each changed path.
    pub files: Vec<FileVerdict>,
    /// The sources the diagnostics point into.
    pub db: SourceDb,
    /// Whether every actor is an administrator of the base's rules.
    pub admin: bool,
    /// The submissions accepted before their deadline.
    pub on_time: Vec<OnTime>,
    /// The newest campaign's time zone and its name, to show times in.
    pub time_zone: Option<(jiff::tz::TimeZone, String)>,
}

impl Outcome {
    /// Whether the pull request may be merged: the branch and every path accepted.
    pub fn accepted(&self) -> bool {
        self.branch_verdict() == Verdict::Accepted
            && self.files.iter().all(|f| f.verdict == Verdict::Accepted)
    }

    /// `Rejected` when any branch diagnostic is an error.
    pub fn branch_verdict(&self) -> Verdict {
        if self.branch.iter().any(|d| d.severity == Severity::Error) {
            Verdict::Rejected
        } else {
            Verdict::Accepted
        }
    }

    /// Every diagnostic, sorted for output.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut d = Diagnostics::default();
        for x in &self.branch {
            d.push(x.clone());
        }
        for f in &self.files {
            for x in &f.diagnostics {
                d.push(x.clone());
            }
        }
        d.into_sorted()
    }
}

fn same_login(a: &str, b: &str) -> bool {
    a.trim_start_matches('@')
        .eq_ignore_ascii_case(b.trim_start_matches('@'))
}

/// Case- and form-blind key for comparing names: "Tu-Phap", "ｔｕ-phap"
/// (fullwidth), "tu‐phap" (a Unicode hyphen) and "tu-phap" meet.
fn fold(s: &str) -> String {
    s.nfkc()
        .map(|c| match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' => '-',
            c => c,
        })
        .collect::<String>()
        .to_lowercase()
}

/// Who may do what, from the base's units.toml.
struct People<'a> {
    admins: &'a [String],
    actors: &'a [String],
}

impl People<'_> {
    fn is_admin(&self, login: &str) -> bool {
        self.admins.iter().any(|x| same_login(login, x))
    }

    /// Every actor is an admin: the office acting alone, held neither to
    /// deadlines nor to closed campaigns.
    fn all_admins(&self) -> bool {
        !self.actors.is_empty() && self.actors.iter().all(|a| self.is_admin(a))
    }

    /// The actors who are neither admins nor among `owners`.
    fn strangers(&self, owners: &[String]) -> Vec<&str> {
        self.actors
            .iter()
            .filter(|a| !self.is_admin(a) && !owners.iter().any(|o| same_login(a, o)))
            .map(String::as_str)
            .collect()
    }
}

/// Judges a pull request: what merging it would do to the base, by the
/// base's rules. The head's diff against the merge base is that only when
/// the branch's history says so ([`BranchFacts`](crate::pull_request::BranchFacts)); the branch rules refuse
/// the rest.
pub fn judge_pull_request(pr: &PullRequest, ctx: &Context) -> Outcome {
    let rules = validate_content(&pr.base_files).content;
    let mut outcome = judge_changes(
        &rules,
        &pr.base_files,
        pr.head_files.as_ref(),
        &pr.changes,
        ctx,
    );
    judge_branch(&rules, &pr.branch, &pr.changes, ctx, &mut outcome);
    outcome
}

/// Judges a pull request's changes against the base's files. `head` holds
/// the head's files when the pull request changes content/ (or CODEOWNERS).
pub fn judge(
    base: &Input,
    head: Option<&Input>,
    changes: &[ChangedPath],
    ctx: &Context,
) -> Outcome {
    judge_changes(&validate_content(base).content, base, head, changes, ctx)
}

/// The office's admins, from the base's units.toml.
fn admins_of(rules: &Content) -> Vec<String> {
    rules
        .office
        .as_ref()
        .map(|o| o.admins.clone())
        .unwrap_or_default()
}

/// The branch pull requests must go into, from the base's units.toml.
fn published_branch(rules: &Content) -> &str {
    rules
        .office
        .as_ref()
        .map_or(crate::model::DEFAULT_BRANCH, |o| {
            o.published_branch.as_str()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_form() {
        assert_eq!(
            fold("Submissions/2023-9T/Tu-Phap.toml"),
            fold("submissions/2023-9t/tu-phap.toml")
        );
        assert_eq!(fold("ｔｕ-phap"), fold("tu-phap"));
        assert_eq!(fold("tu\u{2010}phap"), fold("tu-phap"));
        assert_eq!(fold("Nô\u{323}i"), fold("nội"));
        assert!(same_login("@Hy-SoTuPhap", "hy-sotuphap"));
    }
}
