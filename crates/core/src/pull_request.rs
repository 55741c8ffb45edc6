//! A pull request as the gate judges it: what it changes and the facts of
//! its branch, read from Git objects by the edge (`git::pr` of the binary).

use std::collections::BTreeSet;

use crate::input::FileData;
use crate::input::Input;

/// What a path is in the head's tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// A regular file.
    Regular,
    /// A regular file with the executable bit.
    Executable,
    /// A symbolic link.
    Symlink,
    /// A submodule (a gitlink).
    Submodule,
    /// Any other tree entry.
    Other,
}

/// How a pull request changes a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeKind {
    /// New in the head.
    Added,
    /// In both, with other bytes or mode.
    Modified,
    /// Removed in the head.
    Deleted,
    /// Moved away to `to` (which appears as its own, added, path).
    RenamedAway {
        /// The path it was moved to, repository-relative.
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
    /// How the path changes.
    pub kind: ChangeKind,
    /// The head's mode (the old one for a deletion).
    pub mode: Mode,
    /// The head's bytes for a regular or executable file.
    pub data: Option<FileData>,
}

/// A commit as the gate's findings name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitRef {
    /// The commit's full id.
    pub id: String,
    /// The first line of its message (the author's text).
    pub summary: String,
}

/// A path that one commit of the branch changes on its own (not what a
/// merge took from the base).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Touched {
    /// The commit that changes the path.
    pub commit: CommitRef,
    /// The path, relative to the repository's top folder.
    pub path: String,
    /// The path relative to the data folder, when inside it (as [`ChangedPath::data_path`]).
    pub data_path: Option<String>,
}

/// What the branch's history tells about what merging it would do to the
/// base. The gate judges the head's diff against the merge base; these are
/// the facts that say whether that diff is what the merge would change.
#[derive(Debug, Clone, Default)]
pub struct BranchFacts {
    /// The base branch's name: the host's (`pull_request.base.ref`) or the
    /// branch `--base` names; `None` when `--base` is a commit id.
    pub base_name: Option<String>,
    /// The branches (local ones, and remote-tracking ones without their
    /// remote's name) whose tip is the base commit or descends from it.
    pub holding_base: Vec<String>,
    /// Every merge base of base and head: one for a branch made from the
    /// base. With more, the merge works from a base the head's diff does not
    /// show.
    pub merge_bases: Vec<String>,
    /// How many commits merging would add to the base.
    pub commits: usize,
    /// Commits merging would add that are not on the head's first-parent
    /// line: brought in by a merge of another branch (another unit's pull
    /// request, say), which merging would mark as merged too.
    pub brought_in: Vec<CommitRef>,
    /// Every path a commit of the first-parent line changes on its own, the
    /// first commit that does for each path; empty when there are more
    /// commits than the gate reads ([`MAX_COMMITS`]).
    pub touched: Vec<Touched>,
    /// Paths of the change (repository-relative) that the base also changed
    /// since the merge base, or whose folder it moved: the merge would
    /// combine both sides instead of taking the head's file.
    pub changed_on_base: BTreeSet<String>,
}

/// The most commits of a branch the gate reads one by one; a pull request
/// of a unit has a handful.
pub const MAX_COMMITS: usize = 250;

/// A pull request as the gate sees it.
#[derive(Debug, Clone)]
pub struct PullRequest {
    /// The base commit's id.
    pub base: String,
    /// The head commit's id.
    pub head: String,
    /// The merge base of base and head the diff is taken against.
    pub merge_base: String,
    /// What the branch's history tells about the merge.
    pub branch: BranchFacts,
    /// content/ (and the rest the tool reads) as it is on the base.
    pub base_files: Input,
    /// The same on the head, read only when the pull request changes
    /// content/ or CODEOWNERS ([`is_content`]; so the gate can check it
    /// stays valid).
    pub head_files: Option<Input>,
    /// Every path the head's diff against the merge base changes.
    pub changes: Vec<ChangedPath>,
}

/// Paths whose content validation covers: a change to one of them is
/// checked on the head, so no pull request can leave the office's data
/// broken. `data_path` is relative to the folder holding content/.
pub fn is_content(data_path: &str) -> bool {
    data_path.starts_with("content/") || data_path == crate::codeowners::PATH
}

/// The campaign folder (`submissions/<campaign>`) a stage's file is judged
/// with, when `data_path` is one (an appraisal, explanations, final scores):
/// the gate reads that folder of the base too.
pub fn stage_folder(data_path: &str) -> Option<String> {
    match crate::load::classify(data_path) {
        crate::load::Kind::StageFile { campaign, .. } => Some(format!("submissions/{campaign}")),
        _ => None,
    }
}
