//! The edge to Git: when each submission arrived on the published branch and
//! every revision since, read in one walk of the branch's first-parent line.
//!
//! Only the first-parent line counts: on the published branch each of its
//! commits is a merge (or a direct push by the office), stamped by the Git
//! host when it happened. Times are committer times of those commits, never
//! author dates, which whoever writes a commit can set to anything.

use std::collections::BTreeMap;
use std::path::Path;

use git2::{Delta, DiffOptions, ObjectType, Oid, Repository, Sort, TreeWalkMode, TreeWalkResult};
use jiff::Timestamp;

use crate::load::Input;
use crate::text::Text;
use crate::toml_read::{CONTENT_LIMIT, FileData};
use crate::tr;

/// How a commit changed a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Added,
    Modified,
    Deleted,
}

/// One commit of the first-parent line that changed a submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    pub commit: String,
    /// When the commit was made on the branch: its committer time.
    pub time: Timestamp,
    /// The first line of its message.
    pub summary: String,
    /// The pull request it merged, when its message names one.
    pub pull_request: Option<u64>,
    pub change: Change,
}

/// The branch's history of submissions/, or why it is unknown.
#[derive(Debug, Clone)]
pub enum History {
    Known {
        branch: String,
        head: String,
        /// Revisions of each file under submissions/, oldest first.
        files: BTreeMap<String, Vec<Revision>>,
    },
    Unknown {
        reason: Text,
    },
}

impl History {
    pub fn revisions(&self, path: &str) -> &[Revision] {
        match self {
            History::Known { files, .. } => files.get(path).map_or(&[], Vec::as_slice),
            History::Unknown { .. } => &[],
        }
    }

    pub fn is_known(&self) -> bool {
        matches!(self, History::Known { .. })
    }
}

/// Reads the history of `branch` (default: the branch checked out) of the
/// repository at `root`. Never fails: what cannot be read is `Unknown`, with
/// the reason, and the site shows times as unknown.
pub fn read(root: &Path, branch: Option<&str>) -> History {
    match walk(root, branch) {
        Ok(h) => h,
        Err(reason) => History::Unknown { reason },
    }
}

/// The repository that holds `root` (found from a subfolder too), and
/// `root`'s place inside its work tree: "" or "data/".
pub(crate) fn open(root: &Path) -> Result<(Repository, String), Text> {
    let repo = Repository::discover(root).map_err(|_| {
        tr!(
            "thư mục không thuộc một kho Git: không có lịch sử để biết thời điểm nhận báo cáo",
            "the folder is not in a Git repository: there is no history to tell when reports arrived"
        )
    })?;
    let prefix = match (repo.workdir(), std::fs::canonicalize(root)) {
        (Some(w), Ok(r)) => std::fs::canonicalize(w)
            .ok()
            .and_then(|w| r.strip_prefix(w).ok().map(Path::to_path_buf))
            .and_then(|p| crate::fsio::relative(Path::new(""), &p))
            .map(|p| if p.is_empty() { p } else { format!("{p}/") })
            .unwrap_or_default(),
        _ => String::new(),
    };
    Ok((repo, prefix))
}

fn walk(root: &Path, branch: Option<&str>) -> Result<History, Text> {
    let (repo, prefix) = open(root)?;
    if repo.is_shallow() {
        return Err(tr!(
            "kho Git là bản sao nông (shallow clone): lịch sử không đầy đủ nên không xác định được thời điểm nhận; hãy lấy đủ lịch sử (fetch-depth: 0)",
            "the Git repository is a shallow clone: with part of the history the arrival times would be wrong; fetch the full history (fetch-depth: 0)"
        ));
    }
    let (name, head) = match branch {
        Some(b) => (b.to_owned(), resolve(&repo, b)?),
        None => {
            let head = repo.head().map_err(|_| {
                tr!(
                    "kho Git chưa có commit nào",
                    "the Git repository has no commits yet"
                )
            })?;
            let name = head.shorthand().unwrap_or("HEAD").to_owned();
            let commit = head.peel_to_commit().map_err(|_| {
                tr!(
                    "HEAD không trỏ tới một commit",
                    "HEAD does not name a commit"
                )
            })?;
            (name, commit.id())
        }
    };
    let files = first_parent_changes(&repo, head, &prefix).map_err(|e| {
        tr!(
            "không đọc được lịch sử Git: {}",
            "cannot read the Git history: {}",
            e.message().to_owned()
        )
    })?;
    Ok(History::Known {
        branch: name,
        head: head.to_string(),
        files,
    })
}

/// One pass over the first-parent line, diffing each commit against its first
/// parent within submissions/: the cost grows with the number of commits, not
/// commits × files.
/// The commit a branch (or any revision) names; `origin/<name>` as a
/// fallback, for a CI checkout that has only remote branches.
fn resolve(repo: &Repository, rev: &str) -> Result<Oid, Text> {
    let obj = repo
        .revparse_single(rev)
        .or_else(|_| repo.revparse_single(&format!("origin/{rev}")))
        .map_err(|_| tr!("không có nhánh {}", "there is no branch {}", rev.to_owned()))?;
    let commit = obj.peel_to_commit().map_err(|_| {
        tr!(
            "{} không trỏ tới một commit",
            "{} does not name a commit",
            rev.to_owned()
        )
    })?;
    Ok(commit.id())
}

fn first_parent_changes(
    repo: &Repository,
    head: Oid,
    prefix: &str,
) -> Result<BTreeMap<String, Vec<Revision>>, git2::Error> {
    let mut walk = repo.revwalk()?;
    walk.push(head)?;
    walk.simplify_first_parent()?;
    walk.set_sorting(Sort::TOPOLOGICAL | Sort::REVERSE)?;
    let mut files: BTreeMap<String, Vec<Revision>> = BTreeMap::new();
    let mut opts = DiffOptions::new();
    opts.pathspec(format!("{prefix}submissions/"))
        .skip_binary_check(true);
    for oid in walk {
        let commit = repo.find_commit(oid?)?;
        let tree = commit.tree()?;
        let parent_tree = match commit.parent(0) {
            Ok(p) => Some(p.tree()?),
            Err(_) => None,
        };
        let diff = repo.diff_tree_to_tree(parent_tree.as_ref(), Some(&tree), Some(&mut opts))?;
        let summary = commit
            .summary_bytes()
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .unwrap_or_default();
        let time = Timestamp::from_second(commit.committer().when().seconds())
            .unwrap_or(Timestamp::UNIX_EPOCH);
        let pull_request = pull_request_number(&summary);
        for delta in diff.deltas() {
            let change = match delta.status() {
                Delta::Added | Delta::Copied => Change::Added,
                Delta::Deleted => Change::Deleted,
                _ => Change::Modified,
            };
            let file = match change {
                Change::Deleted => delta.old_file(),
                _ => delta.new_file(),
            };
            let Some(path) = file
                .path()
                .and_then(|p| p.to_str())
                .and_then(|p| p.strip_prefix(prefix))
            else {
                continue;
            };
            files.entry(path.to_owned()).or_default().push(Revision {
                commit: oid_string(commit.id()),
                time,
                summary: summary.clone(),
                pull_request,
                change,
            });
        }
    }
    Ok(files)
}

fn oid_string(oid: Oid) -> String {
    oid.to_string()
}

/// The files of content/ and submissions/ as they are at revision `rev`
/// (a branch, tag or commit), read from Git objects, not the work tree.
/// Symbolic links and submodules are left out, as on disk; blobs larger than
/// the loader's cap are recorded by size.
pub fn read_tree(root: &Path, rev: &str) -> Result<Input, Text> {
    let (repo, prefix) = open(root)?;
    let commit = repo
        .find_commit(resolve(&repo, rev)?)
        .map_err(|e| tr!("{}", "{}", e.message().to_owned()))?;
    let tree = commit
        .tree()
        .map_err(|e| tr!("{}", "{}", e.message().to_owned()))?;
    let mut input = Input::default();
    if let Ok(entry) = tree.get_path(Path::new(&format!("{prefix}{}", crate::codeowners::PATH)))
        && entry.kind() == Some(ObjectType::Blob)
        && let Ok(blob) = repo.find_blob(entry.id())
    {
        input.files.insert(
            crate::codeowners::PATH.to_owned(),
            FileData::Bytes(blob.content().to_vec()),
        );
    }
    for dir in ["content", "submissions"] {
        let Ok(entry) = tree.get_path(Path::new(&format!("{prefix}{dir}"))) else {
            continue;
        };
        let Some(sub) = entry.to_object(&repo).ok().and_then(|o| o.into_tree().ok()) else {
            continue;
        };
        let mut failure = None;
        sub.walk(TreeWalkMode::PreOrder, |parent, e| {
            if e.kind() != Some(ObjectType::Blob) || e.filemode() == 0o120_000 {
                return TreeWalkResult::Ok;
            }
            let path = format!("{dir}/{parent}{}", e.name().unwrap_or(""));
            match repo.find_blob(e.id()) {
                Ok(blob) => {
                    let size = blob.size() as u64;
                    let data = if size > CONTENT_LIMIT {
                        FileData::TooLarge { size }
                    } else {
                        FileData::Bytes(blob.content().to_vec())
                    };
                    input.files.insert(path, data);
                    TreeWalkResult::Ok
                }
                Err(err) => {
                    failure = Some(err);
                    TreeWalkResult::Abort
                }
            }
        })
        .map_err(|e| tr!("{}", "{}", e.message().to_owned()))?;
        if let Some(e) = failure {
            return Err(tr!("{}", "{}", e.message().to_owned()));
        }
    }
    Ok(input)
}

/// "Merge pull request #12 from …" (a merge commit) or "… (#12)" at the end
/// (a squash merge).
pub fn pull_request_number(summary: &str) -> Option<u64> {
    let number = |s: &str| -> Option<u64> {
        let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    };
    if let Some(rest) = summary.strip_prefix("Merge pull request #") {
        return number(rest);
    }
    let open = summary.rfind("(#")?;
    let rest = summary.get(open + 2..)?;
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    rest.get(digits..)
        .filter(|tail| tail.trim_end() == ")")
        .and_then(|_| number(rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_pull_request_numbers() {
        assert_eq!(
            pull_request_number("Merge pull request #12 from so-tu-phap/bao-cao"),
            Some(12)
        );
        assert_eq!(pull_request_number("Báo cáo Sở Tư pháp (#7)"), Some(7));
        assert_eq!(pull_request_number("Sửa lỗi (#7) và thêm"), None);
        assert_eq!(pull_request_number("Cập nhật"), None);
        assert_eq!(pull_request_number("Báo cáo (#07)"), Some(7));
    }
}
