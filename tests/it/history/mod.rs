//! When reports arrived, read from Git: `history::read` on scripted
//! repositories (merges, backdated commits, other branches, deletions,
//! shallow clones) and what `report::report` makes of it (received, revised,
//! revisions, status against the deadline, extensions and the receipts
//! register).
//!
//! Every repository is built in a temporary folder with git2, from the
//! fixture `tests/fixtures/mini/` (campaign 2023-9t, `Asia/Ho_Chi_Minh`,
//! deadline 2023-09-15T00:00:00 local = 2023-09-14T17:00:00Z; tai-chinh
//! extended to 2023-09-20T00:00:00 and receipted by e-mail 2023-09-18T09:00).
//! Every report uses a fixed `now`, never the clock.

// Test code: a failed unwrap is a failed test with its message.

mod after_deadline;
mod branches;
mod deadline;
mod deleted;
mod first_parent;
mod merges;
mod receipts;
mod revisions;
mod unknown;

use std::fs;
use std::path::Path;

use cchc::git::walk as history;
use cchc_core::diag::Severity;
use cchc_core::history::{History, Revision};
use cchc_core::pipeline::Whole;
use cchc_core::report::{Report, UnitReport};
use git2::{Oid, Repository};
use jiff::Timestamp;

use crate::common::{
    Blob, CAMPAIGN, Edit, Scripted, at, file, fixture_files, gone, office_repository, report_text,
    sub_path,
};

/// tai-chinh's receipt in receipts.toml.
const RECEIPTED: &str = "2023-09-18T09:00:00+07:00";
/// A `now` long after every deadline.
const LATER: &str = "2023-10-01T08:00:00+07:00";

// ---- files ----

/// Adds (or replaces) the unit's valid report.
fn submit(unit: &str) -> Edit {
    file(&sub_path(unit), report_text(unit))
}

fn withdraw(unit: &str) -> Edit {
    gone(&sub_path(unit))
}

/// The fixture's content/ as edits, with or without its receipts register.
fn content(receipts: bool) -> Vec<Edit> {
    let mut out = fixture_files("content", "");
    if !receipts {
        out.retain(|(p, _)| !p.ends_with("/receipts.toml"));
        assert!(out.iter().any(|(p, _)| p.ends_with("/campaign.toml")));
    }
    out
}

/// Writes edits as plain files (for folders whose history is unknown).
fn write_files(root: &Path, edits: &[Edit]) {
    for (path, blob) in edits {
        let target = root.join(path);
        match blob {
            Blob::File(bytes) => {
                fs::create_dir_all(target.parent().unwrap()).unwrap();
                fs::write(&target, bytes).unwrap();
            }
            Blob::Gone => {
                let _ = fs::remove_file(&target);
            }
            other => panic!("{path}: only files and removals are written, not {other:?}"),
        }
    }
}

// ---- a scripted province repository ----

/// A repository whose `main` starts with the office's commit of content/ at
/// [`SETUP`]; pull requests and pushes are added on top.
struct Province {
    dir: tempfile::TempDir,
    repo: Repository,
    main: Oid,
}

impl Scripted for Province {
    fn repo(&self) -> &Repository {
        &self.repo
    }
}

impl Province {
    /// content/ of the fixture with its receipts register.
    fn new() -> Self {
        Self::with(&content(true))
    }

    /// content/ of the fixture without receipts.toml: times come from Git
    /// alone.
    fn without_receipts() -> Self {
        Self::with(&content(false))
    }

    fn with(first: &[Edit]) -> Self {
        let (dir, repo, main) = office_repository(first);
        Province { dir, repo, main }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    /// A commit straight on main (the office pushing), with its own author
    /// and committer times.
    fn push(&mut self, edits: &[Edit], message: &str, authored: &str, committed: &str) -> Oid {
        let tree = self.tree(Some(self.main), edits);
        self.main = self.commit(
            tree,
            &[self.main],
            message,
            ("Chuyên viên", authored),
            ("Văn phòng CCHC", committed),
        );
        self.set_branch("main", self.main);
        self.main
    }

    /// Commits on a feature branch forked from `base`, each written by the
    /// unit with author and committer time both `time` (which the unit
    /// controls). Returns the branch's commits, oldest first.
    fn feature(&self, branch: &str, base: Oid, commits: &[(Vec<Edit>, &str, &str)]) -> Vec<Oid> {
        let mut tip = base;
        let mut out = Vec::new();
        for (edits, time, message) in commits {
            let tree = self.tree(Some(tip), edits);
            tip = self.commit(
                tree,
                &[tip],
                message,
                ("Văn thư đơn vị", time),
                ("Văn thư đơn vị", time),
            );
            out.push(tip);
        }
        self.set_branch(branch, tip);
        out
    }

    /// The Git host merging `tip` into main with a merge commit (two
    /// parents, main first) stamped `merged`.
    fn merge(&mut self, number: u64, branch: &str, tip: Oid, merged: &str) -> Oid {
        let ours = self.repo.find_commit(self.main).unwrap();
        let theirs = self.repo.find_commit(tip).unwrap();
        let mut index = self.repo.merge_commits(&ours, &theirs, None).unwrap();
        assert!(!index.has_conflicts(), "the scripted merge has conflicts");
        let tree = index.write_tree_to(&self.repo).unwrap();
        let message = format!("Merge pull request #{number} from {branch}\n\nBáo cáo CCHC");
        self.main = self.commit(
            tree,
            &[self.main, tip],
            &message,
            ("GitHub", merged),
            ("GitHub", merged),
        );
        self.set_branch("main", self.main);
        self.main
    }

    /// A pull request of one commit written at `written`, forked from main
    /// and merged at `merged`. Returns (the branch's commit, the merge).
    fn pull_request(
        &mut self,
        number: u64,
        edits: Vec<Edit>,
        written: &str,
        merged: &str,
    ) -> (Oid, Oid) {
        let branch = format!("don-vi/bao-cao-{number}");
        let commits = self.feature(&branch, self.main, &[(edits, written, "Nộp báo cáo")]);
        let merge = self.merge(number, &branch, commits[0], merged);
        (commits[0], merge)
    }

    /// Checks out `branch` into the working tree (forced).
    fn check_out(&self, branch: &str) {
        self.repo.set_head(&format!("refs/heads/{branch}")).unwrap();
        self.repo
            .checkout_head(Some(git2::build::CheckoutBuilder::new().force()))
            .unwrap();
    }

    fn history(&self) -> History {
        history::read(self.root(), None)
    }

    /// main checked out, then the report as `cchc build` would make it.
    fn report(&self, now: &str) -> Report {
        self.check_out("main");
        report_of(self.root(), history::read(self.root(), None), now)
    }
}

/// The report of the folder `root` with `history`, as of `now`: what
/// `commands::gather` does, without the clock.
fn report_of(root: &Path, history: History, now: &str) -> Report {
    let now = at(now);
    let input = cchc::fsio::read_repo(root).unwrap();
    let outcome = cchc_core::validate::validate(&input, now);
    let diags = outcome.diags.clone().into_sorted();
    let errors: Vec<String> = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{}: {} {}", d.span.file, d.code.as_str(), d.message.en))
        .collect();
    assert!(
        errors.is_empty(),
        "the scripted data has errors: {errors:#?}"
    );
    Whole::new(outcome, history, now).report()
}

fn unit<'a>(report: &'a Report, id: &str) -> &'a UnitReport {
    report
        .campaigns
        .iter()
        .find(|c| c.id == CAMPAIGN)
        .expect("campaign 2023-9t")
        .units
        .iter()
        .find(|u| u.id == id)
        .unwrap_or_else(|| panic!("no unit {id}"))
}

/// When the report says the unit's report arrived.
fn received(u: &UnitReport) -> Option<Timestamp> {
    let time = u.received.as_ref()?.time.as_ref()?;
    Some(time.iso.parse::<Timestamp>().unwrap())
}

fn revised(u: &UnitReport) -> Option<Timestamp> {
    let t = u.revised.as_ref()?;
    Some(t.iso.parse::<Timestamp>().unwrap())
}

fn revisions<'h>(h: &'h History, unit: &str) -> &'h [Revision] {
    h.revisions(&sub_path(unit))
}

fn short(oid: Oid) -> String {
    oid.to_string().chars().take(7).collect()
}
