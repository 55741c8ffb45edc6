//! What the tests on scripted Git repositories share (`tests/it/gate/`,
//! `tests/it/gate_cases/`, `tests/it/history_cases.rs`): the fixture
//! `tests/fixtures/mini/` (campaign 2023-9t, `Asia/Ho_Chi_Minh`, deadline
//! 2023-09-15T00:00:00 local; tai-chinh extended to 2023-09-20T00:00:00),
//! times written as RFC 3339, trees and commits made with git2 without
//! touching a work tree, and the gate's province repository with the binary
//! run in it. [`script`] reads and builds the repositories the case
//! folders describe; [`snapshot`] compares their outputs with the expected
//! files.

pub mod script;
pub mod snapshot;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use git2::{Index, IndexEntry, IndexTime, Oid, Repository, Signature};
use jiff::Timestamp;

pub const CAMPAIGN: &str = "2023-9t";

/// When the office set the campaign up on main.
pub const SETUP: &str = "2023-09-01T08:00:00+07:00";
/// The campaign's deadline, 2023-09-15T00:00:00 in `Asia/Ho_Chi_Minh`.
pub const DEADLINE: &str = "2023-09-15T00:00:00+07:00";
/// tai-chinh's extended deadline.
pub const EXTENDED: &str = "2023-09-20T00:00:00+07:00";
/// When the units write their commits (author and committer).
pub const WRITTEN: &str = "2023-09-13T09:00:00+07:00";

/// A valid report of Sở Tài chính (appendix III: row 2.1, task NV04): the
/// fixture has none.
pub const TAI_CHINH: &str = r#"campaign = "2023-9t"
unit = "tai-chinh"

[prepared_by]
name = "Lê Thị Hoa"
phone = "0221 000 002"

[[task]]
id = "NV04"
status = "done"
progress = 100

[[score]]
criterion = "2.1"
score = 0.5
explanation = "Giải ngân đạt 60% kế hoạch vốn."

[[score.evidence]]
number = "10/BC-STC"
date = 2023-09-08
title = "Báo cáo giải ngân vốn đầu tư công 9 tháng"
"#;

// ---- time ----

/// An RFC 3339 time with its offset.
pub fn at(s: &str) -> Timestamp {
    s.parse()
        .unwrap_or_else(|e| panic!("{s} is not a timestamp: {e}"))
}

/// The same as a Git time, keeping the offset written ("+07:00", "Z").
pub fn git_time(s: &str) -> git2::Time {
    let offset = if s.ends_with('Z') {
        0
    } else {
        let tail = &s[s.len() - 6..];
        let sign = if tail.starts_with('-') { -1 } else { 1 };
        let hours: i32 = tail[1..3].parse().unwrap();
        let minutes: i32 = tail[4..6].parse().unwrap();
        sign * (hours * 60 + minutes)
    };
    git2::Time::new(at(s).as_second(), offset)
}

// ---- files ----

pub fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini")
}

/// What a path of a tree is made to hold.
#[derive(Debug, Clone)]
pub enum Blob {
    /// A regular file (100644).
    File(Vec<u8>),
    /// An executable file (100755).
    Exec(Vec<u8>),
    /// A symbolic link (120000) to the target.
    Link(String),
    /// A submodule: a tree entry of mode 160000 naming a commit.
    Gitlink(Oid),
    /// Removed.
    Gone,
}

/// A change to a path of the repository.
pub type Edit = (String, Blob);

pub fn file(path: &str, text: impl Into<Vec<u8>>) -> Edit {
    (path.to_owned(), Blob::File(text.into()))
}

pub fn sub_path(unit: &str) -> String {
    format!("submissions/{CAMPAIGN}/{unit}.toml")
}

/// The unit's valid report (the fixture's for noi-vu and tu-phap).
pub fn report_text(unit: &str) -> String {
    if unit == "tai-chinh" {
        return TAI_CHINH.to_owned();
    }
    fs::read_to_string(fixture().join(sub_path(unit))).unwrap()
}

/// The unit's report with a note added at its end: a revision, still valid.
pub fn revised(unit: &str) -> String {
    report_text(unit) + "\n# Sửa đổi: bổ sung theo góp ý của Sở Nội vụ.\n"
}

pub fn revise(unit: &str) -> Edit {
    file(&sub_path(unit), revised(unit))
}

/// The files of the fixture's folder `dir` ("" for all of it) as edits, at
/// their paths in the fixture with `prefix` ("" or "data/") before them.
pub fn fixture_files(dir: &str, prefix: &str) -> Vec<Edit> {
    fn walk(root: &Path, dir: &Path, prefix: &str, out: &mut Vec<Edit>) {
        let mut entries: Vec<_> = fs::read_dir(dir).unwrap().map(Result::unwrap).collect();
        entries.sort_by_key(fs::DirEntry::file_name);
        for e in entries {
            let path = e.path();
            if path.is_dir() {
                walk(root, &path, prefix, out);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_str()
                    .unwrap()
                    .replace('\\', "/");
                out.push(file(&format!("{prefix}{rel}"), fs::read(&path).unwrap()));
            }
        }
    }
    let root = fixture();
    let mut out = Vec::new();
    walk(&root, &root.join(dir), prefix, &mut out);
    out
}

// ---- trees and commits ----

/// Making trees and commits in a test's repository; no ref is moved unless
/// asked.
pub trait Scripted {
    fn repo(&self) -> &Repository;

    /// The tree of `base` (a commit) with `edits` applied.
    fn tree(&self, base: Option<Oid>, edits: &[Edit]) -> Oid {
        let base = base.map(|b| self.repo().find_commit(b).unwrap().tree_id());
        self.tree_from(base, edits)
    }

    /// The tree `base` (a tree) with `edits` applied.
    fn tree_from(&self, base: Option<Oid>, edits: &[Edit]) -> Oid {
        let repo = self.repo();
        let mut index = Index::new().unwrap();
        if let Some(b) = base {
            index.read_tree(&repo.find_tree(b).unwrap()).unwrap();
        }
        for (path, blob) in edits {
            let (mode, id, size) = match blob {
                Blob::File(bytes) => (0o100_644, repo.blob(bytes).unwrap(), bytes.len()),
                Blob::Exec(bytes) => (0o100_755, repo.blob(bytes).unwrap(), bytes.len()),
                Blob::Link(target) => (
                    0o120_000,
                    repo.blob(target.as_bytes()).unwrap(),
                    target.len(),
                ),
                Blob::Gitlink(commit) => (0o160_000, *commit, 0),
                Blob::Gone => {
                    index.remove_path(Path::new(path)).unwrap();
                    continue;
                }
            };
            index
                .add(&IndexEntry {
                    ctime: IndexTime::new(0, 0),
                    mtime: IndexTime::new(0, 0),
                    dev: 0,
                    ino: 0,
                    mode,
                    uid: 0,
                    gid: 0,
                    file_size: u32::try_from(size).unwrap(),
                    id,
                    flags: 0,
                    flags_extended: 0,
                    path: path.as_bytes().to_vec(),
                })
                .unwrap_or_else(|e| panic!("cannot add {path:?} to the index: {e}"));
        }
        index.write_tree_to(repo).unwrap()
    }

    /// A commit with separate author and committer (name, time).
    fn commit(
        &self,
        tree: Oid,
        parents: &[Oid],
        message: &str,
        author: (&str, &str),
        committer: (&str, &str),
    ) -> Oid {
        let repo = self.repo();
        let tree = repo.find_tree(tree).unwrap();
        let parents: Vec<git2::Commit<'_>> = parents
            .iter()
            .map(|p| repo.find_commit(*p).unwrap())
            .collect();
        let parents: Vec<&git2::Commit<'_>> = parents.iter().collect();
        let author = Signature::new(author.0, "author@example.vn", &git_time(author.1)).unwrap();
        let committer =
            Signature::new(committer.0, "committer@example.vn", &git_time(committer.1)).unwrap();
        repo.commit(None, &author, &committer, message, &tree, &parents)
            .unwrap()
    }

    /// Git's merge of the trees of commits `ours` and `theirs`, as
    /// `git merge` makes it; an error names the conflicting paths.
    fn merged_tree(&self, ours: Oid, theirs: Oid) -> Result<Oid, String> {
        let repo = self.repo();
        let ours = repo.find_commit(ours).unwrap();
        let theirs = repo.find_commit(theirs).unwrap();
        let mut index = repo
            .merge_commits(&ours, &theirs, None)
            .map_err(|e| e.message().to_owned())?;
        if index.has_conflicts() {
            let paths: Vec<String> = index
                .conflicts()
                .unwrap()
                .filter_map(|c| {
                    let c = c.unwrap();
                    let entry = c.our.or(c.their).or(c.ancestor)?;
                    Some(String::from_utf8_lossy(&entry.path).into_owned())
                })
                .collect();
            return Err(format!("the merge conflicts in {}", paths.join(", ")));
        }
        Ok(index.write_tree_to(repo).unwrap())
    }

    fn set_branch(&self, name: &str, to: Oid) {
        self.repo()
            .reference(&format!("refs/heads/{name}"), to, true, "test")
            .unwrap();
    }
}

// ---- the repositories ----

/// A new repository in a temporary folder whose `main` (HEAD) is one commit
/// of `first` by the office at [`SETUP`]; nothing is checked out.
pub fn office_repository(first: &[Edit]) -> (tempfile::TempDir, Repository, Oid) {
    struct Bare<'a>(&'a Repository);
    impl Scripted for Bare<'_> {
        fn repo(&self) -> &Repository {
            self.0
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let repo = Repository::init(dir.path()).unwrap();
    repo.set_head("refs/heads/main").unwrap();
    let bare = Bare(&repo);
    let tree = bare.tree(None, first);
    let main = bare.commit(
        tree,
        &[],
        "Khởi tạo đợt 2023-9t",
        ("Văn phòng CCHC", SETUP),
        ("Văn phòng CCHC", SETUP),
    );
    bare.set_branch("main", main);
    (dir, repo, main)
}

// ---- the gate's province repository ----

/// A repository whose `main` holds the office's commit of the fixture (plus
/// any changes to it), checked out in the work tree; pull requests are
/// branches forked from it.
pub struct Province {
    pub dir: tempfile::TempDir,
    pub repo: Repository,
    pub main: Oid,
    /// Where content/ and submissions/ sit in the repository: "" or "data/".
    pub prefix: String,
}

impl Scripted for Province {
    fn repo(&self) -> &Repository {
        &self.repo
    }
}

impl Province {
    pub fn new() -> Self {
        Self::with(&[])
    }

    /// The fixture with `changes` on main.
    pub fn with(changes: &[Edit]) -> Self {
        Self::build("", changes)
    }

    /// The fixture under `prefix` ("" or "data/"), with `changes` (paths of
    /// the repository) in the same first commit of main, made at [`SETUP`].
    pub fn build(prefix: &str, changes: &[Edit]) -> Self {
        Self::build_part("", prefix, changes)
    }

    /// The same with only the fixture's folder `part` ("" for all of it,
    /// "content" for content/ alone).
    pub fn build_part(part: &str, prefix: &str, changes: &[Edit]) -> Self {
        let mut first = fixture_files(part, prefix);
        first.extend(changes.iter().cloned());
        let (dir, repo, main) = office_repository(&first);
        let p = Province {
            dir,
            repo,
            main,
            prefix: prefix.to_owned(),
        };
        p.check_out("main");
        p
    }

    /// The folder to run cchc in: the one holding content/.
    pub fn root(&self) -> PathBuf {
        self.dir.path().join(self.prefix.trim_end_matches('/'))
    }

    /// Checks out `branch` into the work tree (forced).
    pub fn check_out(&self, branch: &str) {
        self.repo.set_head(&format!("refs/heads/{branch}")).unwrap();
        self.repo
            .checkout_head(Some(git2::build::CheckoutBuilder::new().force()))
            .unwrap();
    }

    /// Commits on branch `name` forked from `from`, each with its own author
    /// and committer time (which whoever writes them controls). Returns the
    /// branch's tip.
    pub fn feature(&self, name: &str, from: Oid, commits: &[(Vec<Edit>, &str, &str)]) -> Oid {
        let mut tip = from;
        for (edits, authored, committed) in commits {
            let tree = self.tree(Some(tip), edits);
            tip = self.commit(
                tree,
                &[tip],
                "Nộp báo cáo",
                ("Văn thư đơn vị", authored),
                ("Văn thư đơn vị", committed),
            );
        }
        self.set_branch(name, tip);
        tip
    }

    /// A pull request of one commit written at [`WRITTEN`], forked from
    /// main, on branch `pr`; `edits` are paths relative to the data folder.
    pub fn pull_request(&self, edits: &[Edit]) -> Oid {
        let edits: Vec<Edit> = edits
            .iter()
            .map(|(p, b)| (format!("{}{p}", self.prefix), b.clone()))
            .collect();
        self.feature("pr", self.main, &[(edits, WRITTEN, WRITTEN)])
    }
}

// ---- running the binary ----

/// Runs cchc in `dir` in `lang`, with no step summary unless one is given
/// (a CI run of these tests must not write to its own summary) and no
/// `SOURCE_DATE_EPOCH`.
pub fn cchc_in(lang: &str, dir: &Path, args: &[&str], summary: Option<&Path>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cchc"));
    cmd.arg("--lang")
        .arg(lang)
        .args(args)
        .current_dir(dir)
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("SOURCE_DATE_EPOCH");
    if let Some(s) = summary {
        cmd.env("GITHUB_STEP_SUMMARY", s);
    }
    cmd.output().unwrap()
}

/// Runs cchc in `dir` in English (see [`cchc_in`]).
pub fn cchc(dir: &Path, args: &[&str], summary: Option<&Path>) -> Output {
    cchc_in("en", dir, args, summary)
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// The repository's root: its sample data, templates and fixtures.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}
