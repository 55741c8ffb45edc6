//! The edge to Git for the pull-request gate: what a pull request changes
//! (its head against the merge base with its base), and the base's own files,
//! read from Git objects with git2 — never from the work tree, which the pull
//! request controls.

use std::path::Path;

use git2::{Delta, DiffFindOptions, DiffOptions, FileMode};

use crate::history;
use crate::load::Input;
use crate::text::Text;
use crate::toml_read::{CONTENT_LIMIT, FileData};
use crate::tr;

/// What a path is in the head's tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    Regular,
    Executable,
    Symlink,
    Submodule,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeKind {
    Added,
    Modified,
    Deleted,
    /// Moved away to `to` (which appears as its own, added, path).
    RenamedAway {
        to: String,
    },
}

/// One path a pull request changes.
#[derive(Debug, Clone)]
pub struct ChangedPath {
    /// Relative to the repository's top folder, as the Git host shows it.
    pub path: String,
    /// Relative to the folder holding content/ and submissions/, when the
    /// path is inside it (the same as `path` unless the data is in a
    /// subfolder of the repository).
    pub data_path: Option<String>,
    pub kind: ChangeKind,
    /// The head's mode (the old one for a deletion).
    pub mode: Mode,
    /// The head's bytes for a regular or executable file.
    pub data: Option<FileData>,
}

/// A pull request as the gate sees it.
#[derive(Debug, Clone)]
pub struct PullRequest {
    pub base: String,
    pub head: String,
    pub merge_base: String,
    /// content/ (and the rest the tool reads) as it is on the base.
    pub base_files: Input,
    /// The same on the head, read only when the pull request changes
    /// content/ or CODEOWNERS (so the gate can check it stays valid).
    pub head_files: Option<Input>,
    pub changes: Vec<ChangedPath>,
}

fn mode_of(m: FileMode) -> Mode {
    match m {
        FileMode::Blob => Mode::Regular,
        FileMode::BlobExecutable => Mode::Executable,
        FileMode::Link => Mode::Symlink,
        FileMode::Commit => Mode::Submodule,
        _ => Mode::Other,
    }
}

fn git_error(e: &git2::Error) -> Text {
    tr!("lỗi Git: {}", "Git error: {}", e.message().to_owned())
}

/// Reads the change from `base` to `head` in the repository holding `root`.
pub fn read(root: &Path, base: &str, head: &str) -> Result<PullRequest, Text> {
    let (repo, prefix) = history::open(root)?;
    let find = |rev: &str| {
        repo.revparse_single(rev)
            .and_then(|o| o.peel_to_commit())
            .map_err(|_| {
                tr!(
                    "không tìm thấy commit {} (kho cần đủ lịch sử: fetch-depth: 0)",
                    "commit {} not found (the repository needs its full history: fetch-depth: 0)",
                    rev.to_owned()
                )
            })
    };
    let base_commit = find(base)?;
    let head_commit = find(head)?;
    let merge_base = repo
        .merge_base(base_commit.id(), head_commit.id())
        .map_err(|_| {
            tr!(
                "{} và {} không có commit chung",
                "{} and {} have no common commit",
                base.to_owned(),
                head.to_owned()
            )
        })?;
    let old_tree = repo
        .find_commit(merge_base)
        .and_then(|c| c.tree())
        .map_err(|e| git_error(&e))?;
    let new_tree = head_commit.tree().map_err(|e| git_error(&e))?;
    let mut opts = DiffOptions::new();
    opts.include_typechange(true).skip_binary_check(true);
    let mut diff = repo
        .diff_tree_to_tree(Some(&old_tree), Some(&new_tree), Some(&mut opts))
        .map_err(|e| git_error(&e))?;
    diff.find_similar(Some(DiffFindOptions::new().renames(true)))
        .map_err(|e| git_error(&e))?;
    let mut changes = Vec::new();
    for delta in diff.deltas() {
        let new_path = delta
            .new_file()
            .path()
            .and_then(Path::to_str)
            .unwrap_or("")
            .to_owned();
        let old_path = delta
            .old_file()
            .path()
            .and_then(Path::to_str)
            .unwrap_or("")
            .to_owned();
        let (kind, path, file) = match delta.status() {
            Delta::Added | Delta::Copied => (ChangeKind::Added, new_path, delta.new_file()),
            Delta::Deleted => (ChangeKind::Deleted, old_path, delta.old_file()),
            Delta::Renamed => {
                // The old name is gone (a deletion, for the gate) and the new
                // one is added.
                changes.push(ChangedPath {
                    data_path: old_path.strip_prefix(prefix.as_str()).map(str::to_owned),
                    path: old_path,
                    kind: ChangeKind::RenamedAway {
                        to: new_path.clone(),
                    },
                    mode: mode_of(delta.old_file().mode()),
                    data: None,
                });
                (ChangeKind::Added, new_path, delta.new_file())
            }
            _ => (ChangeKind::Modified, new_path, delta.new_file()),
        };
        let mode = mode_of(file.mode());
        let data = if matches!(kind, ChangeKind::Added | ChangeKind::Modified)
            && matches!(mode, Mode::Regular | Mode::Executable)
        {
            // The size from the object's header, so a 10 GB blob is never
            // loaded to be refused.
            let (size, _) = repo
                .odb()
                .and_then(|odb| odb.read_header(file.id()))
                .map_err(|e| git_error(&e))?;
            Some(if size as u64 > CONTENT_LIMIT {
                FileData::TooLarge { size: size as u64 }
            } else {
                let blob = repo.find_blob(file.id()).map_err(|e| git_error(&e))?;
                FileData::Bytes(blob.content().to_vec())
            })
        } else {
            None
        };
        changes.push(ChangedPath {
            data_path: path.strip_prefix(prefix.as_str()).map(str::to_owned),
            path,
            kind,
            mode,
            data,
        });
    }
    // The base's rules: content/ and CODEOWNERS. Its submissions are not
    // what is judged, and reading them all would make a one-file pull
    // request cost as much as the whole repository.
    let base_files =
        history::read_tree_parts(root, &base_commit.id().to_string(), &["content"], true)?;
    let touches_content = changes.iter().any(|c| {
        c.data_path
            .as_deref()
            .is_some_and(|p| p.starts_with("content/") || p == crate::codeowners::PATH)
    });
    let head_files = if touches_content {
        Some(history::read_tree_parts(
            root,
            &head_commit.id().to_string(),
            &["content"],
            true,
        )?)
    } else {
        None
    };
    Ok(PullRequest {
        base: base_commit.id().to_string(),
        head: head_commit.id().to_string(),
        merge_base: merge_base.to_string(),
        base_files,
        head_files,
        changes,
    })
}
