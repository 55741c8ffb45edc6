//! What the tests on scripted Git repositories share (`tests/gate.rs`,
//! `tests/history.rs`): the fixture `tests/fixtures/mini/` (campaign
//! 2023-9t, `Asia/Ho_Chi_Minh`, deadline 2023-09-15T00:00:00 local;
//! tai-chinh extended to 2023-09-20T00:00:00), times written as RFC 3339,
//! and trees and commits made with git2 without touching a work tree.

// Each test crate uses a part of this module.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use git2::{Index, IndexEntry, IndexTime, Oid, Repository, Signature};
use jiff::Timestamp;

pub const CAMPAIGN: &str = "2023-9t";

/// When the office set the campaign up on main.
pub const SETUP: &str = "2023-09-01T08:00:00+07:00";
/// The campaign's deadline, 2023-09-15T00:00:00 in `Asia/Ho_Chi_Minh`.
pub const DEADLINE: &str = "2023-09-15T00:00:00+07:00";
/// tai-chinh's extended deadline.
pub const EXTENDED: &str = "2023-09-20T00:00:00+07:00";

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

pub fn gone(path: &str) -> Edit {
    (path.to_owned(), Blob::Gone)
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
        let repo = self.repo();
        let mut index = Index::new().unwrap();
        if let Some(b) = base {
            let tree = repo.find_commit(b).unwrap().tree().unwrap();
            index.read_tree(&tree).unwrap();
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

    fn set_branch(&self, name: &str, to: Oid) {
        self.repo()
            .reference(&format!("refs/heads/{name}"), to, true, "test")
            .unwrap();
    }
}
