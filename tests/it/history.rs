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

use std::fs;
use std::path::Path;

use cchc::git::walk as history;
use cchc_core::diag::Severity;
use cchc_core::history::{Change, History, Revision};
use cchc_core::pipeline::Whole;
use cchc_core::report::{Report, Status, StatusInput, UnitReport, status};
use git2::{Oid, Repository};
use jiff::Timestamp;

use crate::common;
use common::{
    Blob, CAMPAIGN, DEADLINE, EXTENDED, Edit, SETUP, Scripted, at, file, fixture_files, gone,
    office_repository, report_text, revise, sub_path,
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

// ---- 1. merges of backdated branches ----

#[test]
fn backdated_branch_merged_after_the_deadline_is_late_at_the_merge_time() {
    let mut p = Province::without_receipts();
    let (written, merge) = p.pull_request(
        12,
        vec![submit("noi-vu")],
        "2023-09-01T09:00:00+07:00",
        "2023-09-16T10:00:00+07:00",
    );

    let h = p.history();
    let revs = revisions(&h, "noi-vu");
    assert_eq!(revs.len(), 1, "{revs:#?}");
    assert_eq!(revs[0].commit, merge.to_string());
    assert_ne!(revs[0].commit, written.to_string());
    assert_eq!(revs[0].time, at("2023-09-16T10:00:00+07:00"));
    assert_eq!(revs[0].change, Change::Added);

    let r = p.report(LATER);
    let u = unit(&r, "noi-vu");
    assert_eq!(received(u), Some(at("2023-09-16T10:00:00+07:00")));
    assert_eq!(u.status, Status::Late);
    let how = u.received.as_ref().unwrap();
    assert_eq!(how.via, "git");
    assert_eq!(how.pull_request, Some(12));
    assert_eq!(how.reference.as_deref(), Some(short(merge).as_str()));
    assert!(u.has_file && u.counted);
}

#[test]
fn backdated_branch_merged_before_the_deadline_is_on_time_at_the_merge_time() {
    let mut p = Province::without_receipts();
    p.pull_request(
        12,
        vec![submit("noi-vu")],
        "2023-09-01T09:00:00+07:00",
        "2023-09-14T16:30:00+07:00",
    );
    let r = p.report(LATER);
    let u = unit(&r, "noi-vu");
    assert_eq!(received(u), Some(at("2023-09-14T16:30:00+07:00")));
    assert_eq!(u.status, Status::OnTime);
}

/// The unit controls its branch's dates either way: a branch dated after the
/// deadline but merged before it is on time too.
#[test]
fn branch_dated_after_the_deadline_but_merged_before_is_on_time() {
    let mut p = Province::without_receipts();
    p.pull_request(
        4,
        vec![submit("tu-phap")],
        "2023-12-31T23:00:00+07:00",
        "2023-09-13T08:00:00+07:00",
    );
    let r = p.report(LATER);
    let u = unit(&r, "tu-phap");
    assert_eq!(received(u), Some(at("2023-09-13T08:00:00+07:00")));
    assert_eq!(u.status, Status::OnTime);
}

// ---- 2. author dates never count ----

#[test]
fn backdated_author_date_on_main_does_not_count_only_the_committer_date() {
    let mut p = Province::without_receipts();
    let late = p.push(
        &[submit("noi-vu")],
        "Báo cáo Sở Nội vụ",
        "2023-09-10T09:00:00+07:00",
        "2023-09-16T09:00:00+07:00",
    );
    // And the other way round: an author date after the deadline with a
    // committer date before it is on time.
    p.push(
        &[submit("tu-phap")],
        "Báo cáo Sở Tư pháp",
        "2023-09-30T09:00:00+07:00",
        "2023-09-12T09:00:00+07:00",
    );

    let h = p.history();
    assert_eq!(revisions(&h, "noi-vu")[0].commit, late.to_string());
    assert_eq!(
        revisions(&h, "noi-vu")[0].time,
        at("2023-09-16T09:00:00+07:00")
    );

    let r = p.report(LATER);
    let nv = unit(&r, "noi-vu");
    assert_eq!(received(nv), Some(at("2023-09-16T09:00:00+07:00")));
    assert_eq!(nv.status, Status::Late);
    assert_eq!(nv.received.as_ref().unwrap().pull_request, None);
    let tp = unit(&r, "tu-phap");
    assert_eq!(received(tp), Some(at("2023-09-12T09:00:00+07:00")));
    assert_eq!(tp.status, Status::OnTime);
}

// ---- 3. the deadline is exclusive ----

#[test]
fn received_exactly_at_the_deadline_is_late_one_second_before_is_on_time() {
    let mut p = Province::without_receipts();
    p.pull_request(
        1,
        vec![submit("noi-vu")],
        "2023-09-10T09:00:00+07:00",
        DEADLINE,
    );
    p.pull_request(
        2,
        vec![submit("tu-phap")],
        "2023-09-10T09:00:00+07:00",
        "2023-09-14T23:59:59+07:00",
    );
    let r = p.report(LATER);
    assert_eq!(received(unit(&r, "noi-vu")), Some(at(DEADLINE)));
    assert_eq!(unit(&r, "noi-vu").status, Status::Late);
    assert_eq!(unit(&r, "tu-phap").status, Status::OnTime);
}

/// The committer's time zone does not matter: the same instant in UTC.
#[test]
fn the_deadline_is_an_instant_whatever_the_committers_offset() {
    let mut p = Province::without_receipts();
    p.push(
        &[submit("noi-vu")],
        "Báo cáo (giờ UTC)",
        "2023-09-14T16:59:59Z",
        "2023-09-14T17:00:00Z",
    );
    p.push(
        &[submit("tu-phap")],
        "Báo cáo (giờ UTC)",
        "2023-09-14T16:59:59Z",
        "2023-09-14T16:59:59Z",
    );
    let r = p.report(LATER);
    assert_eq!(received(unit(&r, "noi-vu")), Some(at(DEADLINE)));
    assert_eq!(unit(&r, "noi-vu").status, Status::Late);
    assert_eq!(unit(&r, "tu-phap").status, Status::OnTime);
    // Shown in the campaign's time zone.
    let iso = &unit(&r, "noi-vu")
        .received
        .as_ref()
        .unwrap()
        .time
        .as_ref()
        .unwrap()
        .iso;
    assert!(iso.starts_with("2023-09-15T00:00:00+07:00"), "{iso}");
}

#[test]
fn status_rule_is_strictly_before_the_deadline() {
    let input = |received: &str, now: &str| StatusInput {
        has_file: true,
        invalid: false,
        received: Some(at(received)),
        receipted: false,
        deadline: at(DEADLINE),
        now: at(now),
    };
    assert_eq!(status(input(DEADLINE, LATER)), Status::Late);
    assert_eq!(
        status(input("2023-09-14T23:59:59+07:00", LATER)),
        Status::OnTime
    );
    assert_eq!(status(input("2023-09-14T17:00:00Z", LATER)), Status::Late);
    // A time known before `now` does not change with `now`.
    assert_eq!(
        status(input(
            "2023-09-14T23:59:59+07:00",
            "2023-09-14T00:00:00+07:00"
        )),
        Status::OnTime
    );
    // An invalid file is invalid whenever it came.
    let mut i = input("2023-09-14T23:59:59+07:00", LATER);
    i.invalid = true;
    assert_eq!(status(i), Status::Invalid);
    // Nothing received: not yet due strictly before the deadline, missing from it.
    let none = |now: &str| StatusInput {
        has_file: false,
        invalid: false,
        received: None,
        receipted: false,
        deadline: at(DEADLINE),
        now: at(now),
    };
    assert_eq!(status(none("2023-09-14T23:59:59+07:00")), Status::NotYetDue);
    assert_eq!(status(none(DEADLINE)), Status::Missing);
}

// ---- 4. the receipts register and extensions ----

#[test]
fn receipt_wins_over_a_later_merge() {
    let mut p = Province::new();
    let (_, merge) = p.pull_request(
        20,
        vec![submit("tai-chinh")],
        "2023-09-17T09:00:00+07:00",
        "2023-09-25T10:00:00+07:00",
    );
    let h = p.history();
    assert_eq!(revisions(&h, "tai-chinh")[0].commit, merge.to_string());

    let r = p.report(LATER);
    let u = unit(&r, "tai-chinh");
    assert_eq!(received(u), Some(at(RECEIPTED)));
    assert_eq!(u.status, Status::OnTime);
    let how = u.received.as_ref().unwrap();
    assert_eq!(how.via, "email");
    assert_eq!(
        how.document.as_deref(),
        Some("Báo cáo số 10/BC-STC ngày 17/9/2023")
    );
    // The merge is still in the unit's history.
    assert_eq!(u.revisions.len(), 1);
    assert_eq!(u.revisions[0].commit, merge.to_string());
    assert_eq!(u.revisions[0].pull_request, Some(20));
}

/// The register counts even when no file is on the branch yet.
#[test]
fn receipt_without_a_file_is_received_on_its_time() {
    let p = Province::new();
    let r = p.report(LATER);
    let u = unit(&r, "tai-chinh");
    assert!(!u.has_file);
    assert_eq!(received(u), Some(at(RECEIPTED)));
    assert_eq!(u.status, Status::OnTime);
}

#[test]
fn extension_turns_a_late_merge_into_on_time() {
    let mut p = Province::without_receipts();
    // Both merged on the 17th: after the campaign's deadline, before the
    // extension of tai-chinh.
    p.pull_request(
        5,
        vec![submit("noi-vu")],
        "2023-09-10T09:00:00+07:00",
        "2023-09-17T10:00:00+07:00",
    );
    p.pull_request(
        6,
        vec![submit("tai-chinh")],
        "2023-09-10T09:00:00+07:00",
        "2023-09-17T10:00:00+07:00",
    );
    let r = p.report(LATER);
    assert_eq!(unit(&r, "noi-vu").status, Status::Late);
    let tc = unit(&r, "tai-chinh");
    assert_eq!(tc.status, Status::OnTime);
    assert_eq!(received(tc), Some(at("2023-09-17T10:00:00+07:00")));
    assert_eq!(tc.received.as_ref().unwrap().via, "git");
    assert!(tc.extension.is_some());
    assert!(tc.deadline.contains("20/9/2023"), "{}", tc.deadline);
}

#[test]
fn extended_deadline_is_exclusive_too() {
    let mut p = Province::without_receipts();
    p.pull_request(
        6,
        vec![submit("tai-chinh")],
        "2023-09-10T09:00:00+07:00",
        EXTENDED,
    );
    let r = p.report(LATER);
    assert_eq!(unit(&r, "tai-chinh").status, Status::Late);

    let mut p = Province::without_receipts();
    p.pull_request(
        6,
        vec![submit("tai-chinh")],
        "2023-09-10T09:00:00+07:00",
        "2023-09-19T23:59:59+07:00",
    );
    let r = p.report(LATER);
    assert_eq!(unit(&r, "tai-chinh").status, Status::OnTime);
}

// ---- 5. no file ----

#[test]
fn unit_without_a_file_is_not_yet_due_then_missing() {
    let mut p = Province::without_receipts();
    p.pull_request(
        1,
        vec![submit("noi-vu")],
        "2023-09-10T09:00:00+07:00",
        "2023-09-11T09:00:00+07:00",
    );

    let before = p.report("2023-09-14T12:00:00+07:00");
    let tp = unit(&before, "tu-phap");
    assert!(!tp.has_file);
    assert!(tp.received.is_none());
    assert!(tp.revisions.is_empty());
    assert_eq!(tp.status, Status::NotYetDue);
    assert_eq!(unit(&before, "tai-chinh").status, Status::NotYetDue);
    assert_eq!(unit(&before, "noi-vu").status, Status::OnTime);

    let at_deadline = p.report(DEADLINE);
    assert_eq!(unit(&at_deadline, "tu-phap").status, Status::Missing);
    // tai-chinh's own deadline is later.
    assert_eq!(unit(&at_deadline, "tai-chinh").status, Status::NotYetDue);

    let after = p.report(EXTENDED);
    assert_eq!(unit(&after, "tu-phap").status, Status::Missing);
    assert_eq!(unit(&after, "tai-chinh").status, Status::Missing);
    assert_eq!(unit(&after, "noi-vu").status, Status::OnTime);
}

// ---- 6. revisions ----

#[test]
fn a_later_merge_is_a_revision_and_does_not_move_the_received_time() {
    let mut p = Province::without_receipts();
    let (_, first) = p.pull_request(
        3,
        vec![submit("noi-vu")],
        "2023-09-11T09:00:00+07:00",
        "2023-09-12T10:00:00+07:00",
    );
    let (_, second) = p.pull_request(
        9,
        vec![revise("noi-vu")],
        "2023-09-19T09:00:00+07:00",
        "2023-09-20T15:00:00+07:00",
    );

    // History: oldest first.
    let hist = p.history();
    let revs = revisions(&hist, "noi-vu");
    assert_eq!(revs.len(), 2, "{revs:#?}");
    assert_eq!(revs[0].commit, first.to_string());
    assert_eq!(revs[0].change, Change::Added);
    assert_eq!(revs[0].pull_request, Some(3));
    assert_eq!(revs[1].commit, second.to_string());
    assert_eq!(revs[1].change, Change::Modified);
    assert_eq!(revs[1].pull_request, Some(9));
    assert_eq!(revs[1].time, at("2023-09-20T15:00:00+07:00"));

    // The report: newest first.
    let r = p.report(LATER);
    let u = unit(&r, "noi-vu");
    assert_eq!(u.revisions.len(), 2);
    assert_eq!(u.revisions[0].commit, second.to_string());
    assert_eq!(u.revisions[0].change, Change::Modified);
    assert_eq!(u.revisions[0].commit_short, short(second));
    assert_eq!(u.revisions[1].commit, first.to_string());
    assert_eq!(u.revisions[1].change, Change::Added);
    assert_eq!(received(u), Some(at("2023-09-12T10:00:00+07:00")));
    assert_eq!(revised(u), Some(at("2023-09-20T15:00:00+07:00")));
    // A revision after the deadline does not make an on-time report late.
    assert_eq!(u.status, Status::OnTime);

    // A file with a single revision has no "revised".
    let mut single = Province::without_receipts();
    single.pull_request(
        3,
        vec![submit("noi-vu")],
        "2023-09-11T09:00:00+07:00",
        "2023-09-12T10:00:00+07:00",
    );
    let r = single.report(LATER);
    assert_eq!(revised(unit(&r, "noi-vu")), None);
}

// ---- 7. the first-parent line only ----

#[test]
fn only_the_first_parent_line_counts_and_merges_carry_their_pull_request() {
    let mut p = Province::without_receipts();
    let fork = p.main;
    // Sở Tư pháp works on a branch for days, with three commits...
    let branch = p.feature(
        "so-tu-phap/bao-cao",
        fork,
        &[
            (
                vec![submit("tu-phap")],
                "2023-09-05T09:00:00+07:00",
                "Nộp báo cáo",
            ),
            (
                vec![revise("tu-phap")],
                "2023-09-06T09:00:00+07:00",
                "Sửa số điện thoại",
            ),
            (
                vec![submit("tu-phap")],
                "2023-09-07T09:00:00+07:00",
                "Trả lại số điện thoại",
            ),
        ],
    );
    // ...meanwhile Sở Nội vụ's pull request is merged...
    let (_, nv_merge) = p.pull_request(
        11,
        vec![submit("noi-vu")],
        "2023-09-08T09:00:00+07:00",
        "2023-09-09T09:00:00+07:00",
    );
    // ...then Sở Tư pháp's, after the deadline.
    let tp_merge = p.merge(
        12,
        "so-tu-phap/bao-cao",
        *branch.last().unwrap(),
        "2023-09-16T08:00:00+07:00",
    );
    // And a squash merge pushed by the host.
    let squash = p.push(
        &[submit("tai-chinh")],
        "Báo cáo Sở Tài chính (#7)",
        "2023-09-10T09:00:00+07:00",
        "2023-09-18T08:00:00+07:00",
    );

    let h = p.history();
    let History::Known {
        branch: name,
        head,
        files,
    } = &h
    else {
        panic!("history unknown: {h:?}");
    };
    assert_eq!(name, "main");
    assert_eq!(head, &squash.to_string());
    assert_eq!(
        files.keys().cloned().collect::<Vec<_>>(),
        vec![
            sub_path("noi-vu"),
            sub_path("tai-chinh"),
            sub_path("tu-phap")
        ]
    );

    let tp = revisions(&h, "tu-phap");
    assert_eq!(tp.len(), 1, "branch commits leaked: {tp:#?}");
    assert_eq!(tp[0].commit, tp_merge.to_string());
    assert_eq!(tp[0].change, Change::Added);
    assert_eq!(tp[0].pull_request, Some(12));
    assert_eq!(
        tp[0].summary,
        "Merge pull request #12 from so-tu-phap/bao-cao"
    );
    assert_eq!(tp[0].time, at("2023-09-16T08:00:00+07:00"));

    let nv = revisions(&h, "noi-vu");
    assert_eq!(nv.len(), 1);
    assert_eq!(nv[0].commit, nv_merge.to_string());
    assert_eq!(nv[0].pull_request, Some(11));

    let tc = revisions(&h, "tai-chinh");
    assert_eq!(tc.len(), 1);
    assert_eq!(tc[0].pull_request, Some(7));
    assert_eq!(tc[0].summary, "Báo cáo Sở Tài chính (#7)");

    // No commit of the feature branch appears anywhere.
    for c in &branch {
        let id = c.to_string();
        assert!(
            files.values().flatten().all(|r| r.commit != id),
            "branch commit {id} is in the history"
        );
    }

    let r = p.report(LATER);
    let u = unit(&r, "tu-phap");
    assert_eq!(u.status, Status::Late);
    assert_eq!(received(u), Some(at("2023-09-16T08:00:00+07:00")));
    assert_eq!(u.revisions.len(), 1);
    assert_eq!(u.revisions[0].pull_request, Some(12));
    assert_eq!(unit(&r, "noi-vu").status, Status::OnTime);
    // Extended deadline 20/9: on time at the squash's committer time.
    assert_eq!(unit(&r, "tai-chinh").status, Status::OnTime);
    let view = &r.campaigns[0].history;
    assert!(view.known);
    assert_eq!(view.branch.as_deref(), Some("main"));
    assert_eq!(view.head.as_deref(), Some(short(squash).as_str()));
}

/// A merge whose first parent is main but whose branch had merged main in
/// between: still one revision per first-parent commit.
#[test]
fn main_merged_into_a_branch_does_not_bring_its_commits_twice() {
    let mut p = Province::without_receipts();
    let fork = p.main;
    let first = p.feature(
        "so-tu-phap/bao-cao",
        fork,
        &[(
            vec![submit("tu-phap")],
            "2023-09-05T09:00:00+07:00",
            "Nộp báo cáo",
        )],
    );
    let (_, nv_merge) = p.pull_request(
        11,
        vec![submit("noi-vu")],
        "2023-09-08T09:00:00+07:00",
        "2023-09-09T09:00:00+07:00",
    );
    // The unit brings main into its branch (a merge on the branch, main
    // second), then the host merges the branch.
    let tree = {
        let ours = p.repo.find_commit(first[0]).unwrap();
        let theirs = p.repo.find_commit(p.main).unwrap();
        let mut index = p.repo.merge_commits(&ours, &theirs, None).unwrap();
        index.write_tree_to(&p.repo).unwrap()
    };
    let update = p.commit(
        tree,
        &[first[0], p.main],
        "Merge branch 'main' into so-tu-phap/bao-cao",
        ("Văn thư đơn vị", "2023-09-10T09:00:00+07:00"),
        ("Văn thư đơn vị", "2023-09-10T09:00:00+07:00"),
    );
    let tp_merge = p.merge(
        12,
        "so-tu-phap/bao-cao",
        update,
        "2023-09-13T09:00:00+07:00",
    );

    let h = p.history();
    let nv = revisions(&h, "noi-vu");
    assert_eq!(nv.len(), 1, "{nv:#?}");
    assert_eq!(nv[0].commit, nv_merge.to_string());
    let tp = revisions(&h, "tu-phap");
    assert_eq!(tp.len(), 1, "{tp:#?}");
    assert_eq!(tp[0].commit, tp_merge.to_string());
    assert_eq!(tp[0].change, Change::Added);
}

/// The office's first commit may already hold a report: a root commit adds
/// its files.
#[test]
fn a_file_in_the_root_commit_is_added_by_it() {
    let mut first = content(false);
    first.push(submit("noi-vu"));
    let p = Province::with(&first);
    let h = p.history();
    let revs = revisions(&h, "noi-vu");
    assert_eq!(revs.len(), 1);
    assert_eq!(revs[0].change, Change::Added);
    assert_eq!(revs[0].commit, p.main.to_string());
    assert_eq!(revs[0].pull_request, None);
    let r = p.report(LATER);
    assert_eq!(received(unit(&r, "noi-vu")), Some(at(SETUP)));
    assert_eq!(unit(&r, "noi-vu").status, Status::OnTime);
}

// ---- 8. unknown history ----

/// What every report without history shows: files received at an unknown
/// time, never on time or late; units without a file as if nothing came.
fn assert_times_unknown(report: &Report) {
    for id in ["noi-vu", "tu-phap"] {
        let u = unit(report, id);
        assert!(u.has_file, "{id}");
        assert_eq!(u.status, Status::Received, "{id}");
        let how = u.received.as_ref().unwrap();
        assert!(how.time.is_none(), "{id}");
        assert_eq!(how.via, "git");
        assert!(u.revisions.is_empty());
        assert!(u.revised.is_none());
        assert!(u.counted);
    }
    let view = &report.campaigns[0].history;
    assert!(!view.known);
    assert!(view.branch.is_none());
    assert!(view.note.as_deref().is_some_and(|n| !n.is_empty()));
}

fn unknown_reason(h: &History) -> String {
    match h {
        History::Unknown { reason } => reason.en.clone(),
        History::Known { .. } => panic!("history known: {h:?}"),
    }
}

#[test]
fn a_folder_that_is_not_a_repository_has_no_history() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = content(false);
    files.push(submit("noi-vu"));
    files.push(submit("tu-phap"));
    write_files(dir.path(), &files);

    let h = history::read(dir.path(), None);
    assert!(!h.is_known());
    assert!(
        unknown_reason(&h).contains("not in a Git repository"),
        "{h:?}"
    );
    assert!(h.revisions(&sub_path("noi-vu")).is_empty());

    let after = report_of(dir.path(), h.clone(), LATER);
    assert_times_unknown(&after);
    assert_eq!(unit(&after, "tai-chinh").status, Status::Missing);
    let before = report_of(dir.path(), h, "2023-09-14T12:00:00+07:00");
    assert_times_unknown(&before);
    assert_eq!(unit(&before, "tai-chinh").status, Status::NotYetDue);
}

#[test]
fn a_repository_without_commits_has_no_history() {
    let dir = tempfile::tempdir().unwrap();
    Repository::init(dir.path()).unwrap();
    let mut files = content(false);
    files.push(submit("noi-vu"));
    files.push(submit("tu-phap"));
    write_files(dir.path(), &files);

    let h = history::read(dir.path(), None);
    assert!(unknown_reason(&h).contains("no commits"), "{h:?}");
    let r = report_of(dir.path(), h, LATER);
    assert_times_unknown(&r);
    assert_eq!(unit(&r, "tai-chinh").status, Status::Missing);
}

#[test]
fn a_shallow_clone_has_no_history() {
    let mut p = Province::without_receipts();
    p.pull_request(
        1,
        vec![submit("noi-vu")],
        "2023-09-10T09:00:00+07:00",
        "2023-09-11T09:00:00+07:00",
    );
    p.pull_request(
        2,
        vec![submit("tu-phap")],
        "2023-09-10T09:00:00+07:00",
        "2023-09-16T09:00:00+07:00",
    );
    assert!(p.history().is_known());
    p.check_out("main");
    // What `git clone --depth 1` leaves: the cut-off commit in .git/shallow.
    fs::write(p.root().join(".git/shallow"), format!("{}\n", p.main)).unwrap();

    let h = history::read(p.root(), None);
    assert!(unknown_reason(&h).contains("shallow"), "{h:?}");
    assert!(!history::read(p.root(), Some("main")).is_known());
    let r = report_of(p.root(), h, LATER);
    assert_times_unknown(&r);
    assert_eq!(unit(&r, "tai-chinh").status, Status::Missing);
}

/// Without history the receipts register still gives times.
#[test]
fn without_history_a_receipt_still_decides() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = content(true);
    files.push(submit("noi-vu"));
    files.push(submit("tu-phap"));
    files.push(submit("tai-chinh"));
    write_files(dir.path(), &files);
    let h = history::read(dir.path(), None);
    assert!(!h.is_known());
    let r = report_of(dir.path(), h, LATER);
    let tc = unit(&r, "tai-chinh");
    assert_eq!(received(tc), Some(at(RECEIPTED)));
    assert_eq!(tc.status, Status::OnTime);
    assert_eq!(unit(&r, "noi-vu").status, Status::Received);
}

// ---- 9. another branch ----

#[test]
fn another_branch_than_the_one_checked_out_can_be_read() {
    let mut p = Province::without_receipts();
    let setup = p.main;
    // main: noi-vu merged late.
    let (_, late) = p.pull_request(
        30,
        vec![submit("noi-vu")],
        "2023-09-10T09:00:00+07:00",
        "2023-09-16T09:00:00+07:00",
    );
    // publish: forked from the set-up, noi-vu and tu-phap merged on time.
    let commits = p.feature(
        "publish",
        setup,
        &[
            (
                vec![submit("noi-vu")],
                "2023-09-12T09:00:00+07:00",
                "Báo cáo Sở Nội vụ (#31)",
            ),
            (
                vec![submit("tu-phap")],
                "2023-09-13T09:00:00+07:00",
                "Báo cáo Sở Tư pháp (#32)",
            ),
        ],
    );
    p.check_out("main");

    let main = history::read(p.root(), None);
    let History::Known { branch, head, .. } = &main else {
        panic!("{main:?}")
    };
    assert_eq!(branch, "main");
    assert_eq!(head, &late.to_string());
    assert_eq!(revisions(&main, "noi-vu")[0].commit, late.to_string());
    assert!(revisions(&main, "tu-phap").is_empty());

    let publish = history::read(p.root(), Some("publish"));
    let History::Known { branch, head, .. } = &publish else {
        panic!("{publish:?}")
    };
    assert_eq!(branch, "publish");
    assert_eq!(head, &commits[1].to_string());
    let nv = revisions(&publish, "noi-vu");
    assert_eq!(nv.len(), 1);
    assert_eq!(nv[0].commit, commits[0].to_string());
    assert_eq!(nv[0].time, at("2023-09-12T09:00:00+07:00"));
    assert_eq!(nv[0].pull_request, Some(31));
    assert_eq!(revisions(&publish, "tu-phap")[0].pull_request, Some(32));

    // The working tree (main) has noi-vu only: with publish's history it
    // is on time.
    let r = report_of(p.root(), publish, LATER);
    assert_eq!(unit(&r, "noi-vu").status, Status::OnTime);
    assert_eq!(r.campaigns[0].history.branch.as_deref(), Some("publish"));
    let r = report_of(p.root(), main, LATER);
    assert_eq!(unit(&r, "noi-vu").status, Status::Late);

    // A branch that does not exist: unknown, with the name in the reason.
    let none = history::read(p.root(), Some("khong-co"));
    assert!(unknown_reason(&none).contains("khong-co"), "{none:?}");
}

/// In CI the published branch may exist only as a remote-tracking branch.
#[test]
fn a_branch_is_found_as_a_remote_tracking_branch() {
    let mut p = Province::without_receipts();
    let (_, merge) = p.pull_request(
        1,
        vec![submit("noi-vu")],
        "2023-09-10T09:00:00+07:00",
        "2023-09-11T09:00:00+07:00",
    );
    p.repo
        .reference("refs/remotes/origin/gh-publish", merge, true, "test")
        .unwrap();
    let h = history::read(p.root(), Some("gh-publish"));
    let History::Known { head, .. } = &h else {
        panic!("{h:?}")
    };
    assert_eq!(head, &merge.to_string());
    assert_eq!(revisions(&h, "noi-vu")[0].commit, merge.to_string());
}

// ---- 10. deleted and added again ----

/// Received is the FIRST addition on the line, even when the file was
/// deleted in between and added again after the deadline (as PRODUCT.md
/// words it: "the first commit ... that added the file").
#[test]
fn a_file_deleted_and_added_again_is_received_at_its_first_addition() {
    let mut p = Province::without_receipts();
    let (_, added) = p.pull_request(
        1,
        vec![submit("noi-vu")],
        "2023-09-10T09:00:00+07:00",
        "2023-09-10T10:00:00+07:00",
    );
    let deleted = p.push(
        &[withdraw("noi-vu")],
        "Rút báo cáo Sở Nội vụ để sửa",
        "2023-09-12T09:00:00+07:00",
        "2023-09-12T09:00:00+07:00",
    );
    let (_, again) = p.pull_request(
        2,
        vec![submit("noi-vu")],
        "2023-09-17T09:00:00+07:00",
        "2023-09-17T10:00:00+07:00",
    );

    let h = p.history();
    let revs = revisions(&h, "noi-vu");
    let seen: Vec<(String, Change)> = revs.iter().map(|r| (r.commit.clone(), r.change)).collect();
    assert_eq!(
        seen,
        vec![
            (added.to_string(), Change::Added),
            (deleted.to_string(), Change::Deleted),
            (again.to_string(), Change::Added),
        ]
    );

    let r = p.report(LATER);
    let u = unit(&r, "noi-vu");
    assert_eq!(received(u), Some(at("2023-09-10T10:00:00+07:00")));
    assert_eq!(
        u.received.as_ref().unwrap().reference.as_deref(),
        Some(short(added).as_str())
    );
    assert_eq!(u.status, Status::OnTime);
    assert_eq!(revised(u), Some(at("2023-09-17T10:00:00+07:00")));
    let changes: Vec<Change> = u.revisions.iter().map(|r| r.change).collect();
    assert_eq!(
        changes,
        vec![Change::Added, Change::Deleted, Change::Added],
        "newest first"
    );
    assert_eq!(u.revisions[1].change_label, "Xoá");
}

/// A report withdrawn and never added again: no file, but the history
/// still has its addition. Only the undisputed parts are pinned here. The
/// status is deliberately not pinned: today the unit shows `OnTime`
/// (received = the deleted addition, `revised` = that same time) and counts
/// in `units_received` although it has no file, which is open to question.
#[test]
fn a_deleted_file_keeps_its_history_but_has_no_file() {
    let mut p = Province::without_receipts();
    let (_, added) = p.pull_request(
        1,
        vec![submit("noi-vu")],
        "2023-09-10T09:00:00+07:00",
        "2023-09-10T10:00:00+07:00",
    );
    let deleted = p.push(
        &[withdraw("noi-vu")],
        "Rút báo cáo Sở Nội vụ",
        "2023-09-12T09:00:00+07:00",
        "2023-09-12T09:00:00+07:00",
    );
    let r = p.report(LATER);
    assert!(!p.root().join(sub_path("noi-vu")).exists());
    let u = unit(&r, "noi-vu");
    assert!(!u.has_file);
    assert!(!u.counted);
    let commits: Vec<&str> = u.revisions.iter().map(|r| r.commit.as_str()).collect();
    assert_eq!(
        commits,
        vec![deleted.to_string().as_str(), added.to_string().as_str()]
    );
    assert_eq!(u.revisions[0].change, Change::Deleted);
    // A withdrawn report is no longer received: after the deadline it is
    // missing, not on time.
    assert_eq!(u.status, Status::Missing);
    assert!(u.received.is_none());
}

#[test]
fn a_named_branch_gives_both_the_files_and_their_history() {
    let mut p = Province::without_receipts();
    p.pull_request(
        1,
        vec![submit("noi-vu")],
        "2023-09-10T09:00:00+07:00",
        "2023-09-10T10:00:00+07:00",
    );
    // "publish" holds tu-phap's report too; main (checked out) does not.
    let publish_tip = {
        let tree = p.tree(Some(p.main), &[submit("tu-phap")]);
        p.commit(
            tree,
            &[p.main],
            "Merge pull request #2 from so-tu-phap/bao-cao",
            ("Sở Tư pháp", "2023-09-11T09:00:00+07:00"),
            ("GitHub", "2023-09-11T10:00:00+07:00"),
        )
    };
    p.set_branch("publish", publish_tip);
    p.check_out("main");
    let g = Whole::read(&cchc::repo::Revision::new(
        p.root().to_path_buf(),
        "publish",
    ))
    .unwrap();
    assert!(
        g.outcome
            .submissions
            .iter()
            .any(|s| &*s.place.path == sub_path("tu-phap").as_str()),
        "the branch's file is read"
    );
    let mut g = g;
    g.now = at(LATER);
    let r = g.report();
    assert_eq!(unit(&r, "tu-phap").status, Status::OnTime);
    assert_eq!(
        received(unit(&r, "tu-phap")),
        Some(at("2023-09-11T10:00:00+07:00"))
    );
    // The work tree (main) does not have it.
    assert!(!p.root().join(sub_path("tu-phap")).exists());
}

#[test]
fn data_in_a_subfolder_of_a_repository_has_its_history() {
    let mut p = Province::without_receipts();
    p.pull_request(
        1,
        vec![submit("noi-vu")],
        "2023-09-10T09:00:00+07:00",
        "2023-09-10T10:00:00+07:00",
    );
    p.check_out("main");
    // Move the whole data into data/ in a new commit.
    let mut edits: Vec<Edit> = Vec::new();
    {
        let tree = p.repo.find_commit(p.main).unwrap().tree().unwrap();
        tree.walk(git2::TreeWalkMode::PreOrder, |dir, e| {
            if e.kind() == Some(git2::ObjectType::Blob) {
                let path = format!("{dir}{}", e.name().unwrap());
                let blob = p.repo.find_blob(e.id()).unwrap();
                edits.push(file(&format!("data/{path}"), blob.content()));
                edits.push(gone(&path));
            }
            git2::TreeWalkResult::Ok
        })
        .unwrap();
    }
    p.push(
        &edits,
        "Chuyển dữ liệu vào data/",
        "2023-09-11T09:00:00+07:00",
        "2023-09-11T09:00:00+07:00",
    );
    p.check_out("main");
    let h = history::read(&p.root().join("data"), None);
    assert!(h.is_known(), "{h:?}");
    let revs = h.revisions(&sub_path("noi-vu"));
    assert_eq!(revs.len(), 1, "{revs:?}");
    assert_eq!(revs[0].change, Change::Added);
}

// ---- 12. after the deadline: what a receipt covers, what is the office's ----

/// A receipt dates the version it received: the revision merged from the
/// pull request it names, or (paper, e-mail) the office's digital copy, the
/// file's first revision. Every other revision after the unit's deadline is
/// the office's (the gate lets no unit's account change a file then), and
/// the report, its JSON export and `cchc status` say so.
#[test]
fn a_receipt_covers_its_version_only_and_later_changes_are_the_offices() {
    use cchc_core::report::Timing::{BeforeDeadline, OfficeAfterDeadline, ReceivedInTime};
    let mut first = content(true);
    let receipts = "content/campaigns/2023-9t/receipts.toml";
    let register = fs::read_to_string(common::fixture().join(receipts)).unwrap()
        + "\n[[receipt]]\nunit = \"tu-phap\"\nreceived = 2023-09-14T22:41:07\nchannel = \"pull_request\"\npull_request = 7\n";
    first.retain(|(p, _)| p != receipts);
    first.push(file(receipts, register));
    let mut p = Province::with(&first);
    // noi-vu: on time, then corrected by the office after the deadline.
    p.pull_request(
        3,
        vec![submit("noi-vu")],
        "2023-09-11T09:00:00+07:00",
        "2023-09-12T10:00:00+07:00",
    );
    p.push(
        &[revise("noi-vu")],
        "Phòng CCHC đính chính",
        "2023-09-21T08:00:00+07:00",
        "2023-09-21T08:00:00+07:00",
    );
    // tu-phap: pull request #7 sent in time, merged after the deadline (the
    // receipt names it), then a change merged later that no receipt covers.
    p.pull_request(
        7,
        vec![submit("tu-phap")],
        "2023-09-14T22:00:00+07:00",
        "2023-09-16T09:00:00+07:00",
    );
    p.pull_request(
        8,
        vec![revise("tu-phap")],
        "2023-09-14T23:00:00+07:00",
        "2023-09-17T09:00:00+07:00",
    );
    // tai-chinh: e-mailed in time (the fixture's register), typed in by the
    // office after its extended deadline, then corrected.
    p.push(
        &[submit("tai-chinh")],
        "Phòng CCHC nhập báo cáo gửi qua thư điện tử",
        "2023-09-25T10:00:00+07:00",
        "2023-09-25T10:00:00+07:00",
    );
    p.push(
        &[revise("tai-chinh")],
        "Phòng CCHC đính chính",
        "2023-09-28T10:00:00+07:00",
        "2023-09-28T10:00:00+07:00",
    );

    let r = p.report(LATER);
    let timings = |id: &str| -> Vec<cchc_core::report::Timing> {
        // Oldest first.
        unit(&r, id)
            .revisions
            .iter()
            .rev()
            .map(|v| v.timing)
            .collect()
    };
    assert_eq!(timings("noi-vu"), [BeforeDeadline, OfficeAfterDeadline]);
    assert_eq!(timings("tu-phap"), [ReceivedInTime, OfficeAfterDeadline]);
    assert_eq!(timings("tai-chinh"), [ReceivedInTime, OfficeAfterDeadline]);
    for id in ["noi-vu", "tu-phap", "tai-chinh"] {
        let u = unit(&r, id);
        assert!(u.revised_after_deadline, "{id}");
        // Received in time: a later change never makes a report late.
        assert_eq!(u.status, Status::OnTime, "{id}");
        assert_eq!(
            u.revisions[0].timing_label, "Sau hạn, Phòng CCHC sửa",
            "{id}"
        );
    }
    assert_eq!(
        unit(&r, "tu-phap").revisions[1].timing_label,
        "Bản đã nhận trước hạn (sổ công văn đến), Phòng CCHC đưa vào kho sau hạn"
    );

    // The JSON export carries it.
    let c = r.campaigns.iter().find(|c| c.id == CAMPAIGN).unwrap();
    let json: serde_json::Value =
        serde_json::from_slice(&cchc_core::export::json(c, "2023-10-01T08:00:00+07:00").unwrap())
            .unwrap();
    let exported = json["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == "tu-phap")
        .unwrap();
    assert_eq!(exported["revised_after_deadline"], true);
    assert_eq!(
        exported["revisions"],
        serde_json::json!([
            {"time": "2023-09-16T09:00:00+07:00", "change": "added", "timing": "received_in_time"},
            {"time": "2023-09-17T09:00:00+07:00", "change": "modified", "timing": "office_after_deadline"},
        ])
    );

    // So does `cchc status`, in both formats.
    let status = |format: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_cchc"))
            .args(["status", "--format", format])
            .current_dir(p.root())
            .env("SOURCE_DATE_EPOCH", at(LATER).as_second().to_string())
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let json: serde_json::Value = serde_json::from_str(&status("json")).unwrap();
    let noi_vu = json["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["unit"] == "noi-vu")
        .unwrap();
    assert_eq!(noi_vu["revised_after_deadline"], true);
    assert_eq!(noi_vu["revisions"][1]["timing"], "office_after_deadline");
    let human = status("human");
    assert!(
        human.contains("Phòng CCHC sửa sau hạn — Sở Nội vụ: 08:00 ngày 21/9/2023"),
        "{human}"
    );
    assert!(
        human.contains("Phòng CCHC sửa sau hạn — Sở Tài chính: 10:00 ngày 28/9/2023"),
        "{human}"
    );
}

/// A campaign put into the repository after it took place says so with
/// `receipts_only = true`: its Git history tells nothing of when reports
/// came, so arrival times come from the register alone, no revision is
/// listed (and none is called the office's after the deadline), and a file
/// the register does not have is received at an unknown time.
#[test]
fn a_receipts_only_campaign_reads_no_history() {
    let campaign = "content/campaigns/2023-9t/campaign.toml";
    let mut first = content(true);
    let text = fs::read_to_string(common::fixture().join(campaign)).unwrap();
    assert!(text.contains("illustrative = true\n"));
    first.retain(|(p, _)| p != campaign);
    first.push(file(
        campaign,
        text.replacen(
            "illustrative = true\n",
            "illustrative = true\nreceipts_only = true\n",
            1,
        ),
    ));
    let mut p = Province::with(&first);
    // Typed in long after the campaign, then corrected.
    p.push(
        &[submit("tai-chinh"), submit("noi-vu")],
        "Nhập đợt cũ vào kho",
        "2026-11-20T10:00:00+07:00",
        "2026-11-20T10:00:00+07:00",
    );
    p.push(
        &[revise("tai-chinh")],
        "Đính chính",
        "2026-11-21T10:00:00+07:00",
        "2026-11-21T10:00:00+07:00",
    );
    let r = p.report("2026-12-01T08:00:00+07:00");
    let c = r.campaigns.iter().find(|c| c.id == CAMPAIGN).unwrap();
    assert!(c.history.receipts_only);
    assert!(c.history.note.is_none());
    let tai_chinh = unit(&r, "tai-chinh");
    assert_eq!(received(tai_chinh), Some(at(RECEIPTED)));
    assert_eq!(tai_chinh.status, Status::OnTime);
    assert!(tai_chinh.revisions.is_empty());
    assert!(tai_chinh.revised.is_none());
    assert!(!tai_chinh.revised_after_deadline);
    // In the repository, not in the register: received, time unknown.
    let noi_vu = unit(&r, "noi-vu");
    assert!(noi_vu.has_file);
    assert_eq!(received(noi_vu), None);
    assert_eq!(noi_vu.status, Status::Received);
    // The same history read for a campaign that does not say so: the 2026
    // commits are the arrivals and the office's changes.
    let mut q = Province::new();
    q.push(
        &[submit("noi-vu")],
        "Nhập",
        "2026-11-20T10:00:00+07:00",
        "2026-11-20T10:00:00+07:00",
    );
    let r = q.report("2026-12-01T08:00:00+07:00");
    assert_eq!(unit(&r, "noi-vu").status, Status::Late);
    assert!(unit(&r, "noi-vu").revised_after_deadline);
}
