//! The edge to Git: when each submission arrived on the published branch and
//! every revision since, read in one walk of the branch's first-parent line.
//!
//! Only the first-parent line counts: on the published branch each of its
//! commits is a merge (or a direct push by the office), stamped by the Git
//! host when it happened. Times are committer times of those commits, never
//! author dates, which whoever writes a commit can set to anything.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::rc::Rc;

use git2::{ObjectType, Oid, Repository, Tree, TreeEntry, TreeWalkMode, TreeWalkResult};
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
    read_inner(root, branch)
}

/// The commit `branch` (default: HEAD) names now, if any: a cheap way to
/// tell whether a history read earlier is still current.
pub fn tip(root: &Path, branch: Option<&str>) -> Option<String> {
    let (repo, _) = open(root).ok()?;
    let id = match branch {
        Some(b) => resolve(&repo, b).ok()?,
        None => repo.head().ok()?.peel_to_commit().ok()?.id(),
    };
    Some(id.to_string())
}

impl History {
    /// The commit the history was read at.
    pub fn tip(&self) -> Option<&str> {
        match self {
            History::Known { head, .. } => Some(head),
            History::Unknown { .. } => None,
        }
    }
}

fn read_inner(root: &Path, branch: Option<&str>) -> History {
    match walk(root, branch) {
        Ok(h) => h,
        Err(reason) => History::Unknown { reason },
    }
}

/// The repository that holds `root` (found from a subfolder too), and
/// `root`'s place inside its work tree: "" or "data/".
pub(crate) fn open(root: &Path) -> Result<(Repository, String), Text> {
    // Like git itself, read objects without re-hashing each one (checking
    // the whole store is `git fsck`'s job), and without libgit2's object
    // cache, whose bookkeeping costs more than the walk's own cache saves:
    // together a walk four times faster.
    git2::opts::strict_hash_verification(false);
    git2::opts::enable_caching(false);
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

/// A commit of the first-parent line, as the walk reads it: each commit is
/// read once.
#[derive(Debug, Clone)]
struct LineCommit {
    id: Oid,
    /// The submissions/ tree, if the commit has one.
    submissions: Option<Oid>,
    /// Committer time, seconds since the epoch.
    seconds: i64,
    summary: String,
}

/// The changes under submissions/ along the first-parent line of `head`,
/// oldest first. First the line itself (one commit read each), then each
/// commit's submissions/ tree against its parent's, descending only into
/// subtrees whose ids differ: the work grows with what changed, not with the
/// size of the tree. (One thread: libgit2 serialises pack reads.)
fn first_parent_changes(
    repo: &Repository,
    head: Oid,
    prefix: &str,
) -> Result<BTreeMap<String, Vec<Revision>>, git2::Error> {
    let mut path: Vec<&str> = prefix.split('/').filter(|p| !p.is_empty()).collect();
    path.push("submissions");
    let mut line = Vec::new();
    let mut next = Some(head);
    while let Some(id) = next {
        let commit = repo.find_commit(id)?;
        line.push(LineCommit {
            id,
            submissions: subtree(repo, commit.tree_id(), &path)?,
            seconds: commit.committer().when().seconds(),
            summary: commit
                .summary_bytes()
                .map(|b| String::from_utf8_lossy(b).into_owned())
                .unwrap_or_default(),
        });
        next = commit.parent_ids().next();
    }
    line.reverse();
    // Pairs (parent's tree, commit): the first commit has no parent.
    let parents = std::iter::once(None).chain(line.iter().map(|c| c.submissions));
    let pairs: Vec<(Option<Oid>, &LineCommit)> = parents
        .zip(&line)
        .filter(|(before, c)| *before != c.submissions)
        .collect();
    let changes = diff_pairs(repo, &pairs)?;
    let mut files: BTreeMap<String, Vec<Revision>> = BTreeMap::new();
    for (c, paths) in changes {
        if paths.is_empty() {
            continue;
        }
        let summary = &c.summary;
        let time = Timestamp::from_second(c.seconds).unwrap_or(Timestamp::UNIX_EPOCH);
        let pull_request = pull_request_number(summary);
        let id = oid_string(c.id);
        for (path, change) in paths {
            files.entry(path).or_default().push(Revision {
                commit: id.clone(),
                time,
                summary: summary.clone(),
                pull_request,
                change,
            });
        }
    }
    Ok(files)
}

/// The id of the tree at `path` under `root`, if there is one.
fn subtree(repo: &Repository, root: Oid, path: &[&str]) -> Result<Option<Oid>, git2::Error> {
    let mut id = root;
    for name in path {
        let tree = repo.find_tree(id)?;
        match tree.get_name(name) {
            Some(e) if e.kind() == Some(ObjectType::Tree) => id = e.id(),
            _ => return Ok(None),
        }
    }
    Ok(Some(id))
}

fn diff_pairs<'a>(
    repo: &Repository,
    pairs: &[(Option<Oid>, &'a LineCommit)],
) -> Result<Vec<CommitChanges<'a>>, git2::Error> {
    let mut trees = TreeCache::default();
    let mut out = Vec::with_capacity(pairs.len());
    for (before, c) in pairs {
        let mut paths = Vec::new();
        // Paths relative to the data folder, as on disk.
        diff_trees(
            repo,
            &mut trees,
            *before,
            c.submissions,
            "submissions/",
            &mut paths,
        )?;
        out.push((*c, paths));
    }
    Ok(out)
}

/// A commit and the paths it changed under submissions/.
type CommitChanges<'a> = (&'a LineCommit, Vec<(String, Change)>);

/// The last tree read at each folder path ("submissions/",
/// "submissions/2023-9t/"). Along the first-parent line a commit's "before"
/// side of a folder is the tree its last change left there, so each tree is
/// read once, however far apart the changes to one folder are (at commune
/// scale a campaign's folder changes every thirty-odd commits). One tree a
/// folder: memory grows with the folders, not the commits. libgit2's parsed
/// tree is kept as it is (its entries point into the object).
#[derive(Default)]
struct TreeCache<'r> {
    by_path: HashMap<String, Rc<Tree<'r>>>,
}

impl<'r> TreeCache<'r> {
    /// The tree `id` at folder `path`, read unless it is the last one read
    /// there; it becomes the folder's last.
    fn get(
        &mut self,
        repo: &'r Repository,
        id: Option<Oid>,
        path: &str,
    ) -> Result<Option<Rc<Tree<'r>>>, git2::Error> {
        let Some(id) = id else {
            return Ok(None);
        };
        if let Some(t) = self.by_path.get(path).filter(|t| t.id() == id) {
            return Ok(Some(Rc::clone(t)));
        }
        let t = Rc::new(repo.find_tree(id)?);
        self.by_path.insert(path.to_owned(), Rc::clone(&t));
        Ok(Some(t))
    }
}

/// The `i`th entry of a tree that may be absent.
fn entry<'t>(tree: Option<&'t Rc<Tree<'_>>>, i: usize) -> Option<TreeEntry<'t>> {
    tree.and_then(|t| t.get(i))
}

/// Whether an entry is a tree.
fn is_tree(e: &TreeEntry<'_>) -> bool {
    e.kind() == Some(ObjectType::Tree)
}

/// Git's order of tree entries: by name, a tree's name read as if it ended
/// in "/".
fn git_order(left: &TreeEntry<'_>, right: &TreeEntry<'_>) -> std::cmp::Ordering {
    let end = |e: &TreeEntry<'_>| if is_tree(e) { b'/' } else { 0 };
    let (l, r) = (left.name_bytes(), right.name_bytes());
    let common = l.len().min(r.len());
    l.get(..common)
        .cmp(&r.get(..common))
        .then_with(|| {
            let next_left = l.get(common).copied().unwrap_or_else(|| end(left));
            let next_right = r.get(common).copied().unwrap_or_else(|| end(right));
            next_left.cmp(&next_right)
        })
        .then_with(|| l.len().cmp(&r.len()))
}

/// The files that differ between two trees (either may be absent), with
/// `base` before their names. Both entry lists are in Git's order, so one
/// pass over the two side by side pairs them.
fn diff_trees<'r>(
    repo: &'r Repository,
    trees: &mut TreeCache<'r>,
    old: Option<Oid>,
    new: Option<Oid>,
    base: &str,
    out: &mut Vec<(String, Change)>,
) -> Result<(), git2::Error> {
    use std::cmp::Ordering;
    if old == new {
        return Ok(());
    }
    let old = trees.get(repo, old, base)?;
    let new = trees.get(repo, new, base)?;
    let (mut i, mut j) = (0, 0);
    loop {
        let (a, b) = (entry(old.as_ref(), i), entry(new.as_ref(), j));
        let order = match (&a, &b) {
            (None, None) => break,
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (Some(a), Some(b)) if a.name_bytes() == b.name_bytes() => Ordering::Equal,
            (Some(a), Some(b)) => git_order(a, b),
        };
        match order {
            Ordering::Less => {
                if let Some(a) = &a {
                    one_side(repo, trees, a, Change::Deleted, base, out)?;
                }
                i += 1;
            }
            Ordering::Greater => {
                if let Some(b) = &b {
                    one_side(repo, trees, b, Change::Added, base, out)?;
                }
                j += 1;
            }
            Ordering::Equal => {
                if let (Some(a), Some(b)) = (&a, &b)
                    && a.id() != b.id()
                {
                    match (is_tree(a), is_tree(b)) {
                        (true, true) => {
                            if let Ok(name) = std::str::from_utf8(b.name_bytes()) {
                                let base = format!("{base}{name}/");
                                diff_trees(repo, trees, Some(a.id()), Some(b.id()), &base, out)?;
                            }
                        }
                        (false, false) => {
                            if let Ok(name) = std::str::from_utf8(b.name_bytes()) {
                                out.push((format!("{base}{name}"), Change::Modified));
                            }
                        }
                        _ => {
                            one_side(repo, trees, a, Change::Deleted, base, out)?;
                            one_side(repo, trees, b, Change::Added, base, out)?;
                        }
                    }
                }
                i += 1;
                j += 1;
            }
        }
    }
    Ok(())
}

/// An entry only one tree has (the old: `change` is Deleted; the new:
/// Added): the file, or every file under the tree.
fn one_side<'r>(
    repo: &'r Repository,
    trees: &mut TreeCache<'r>,
    e: &TreeEntry<'_>,
    change: Change,
    base: &str,
    out: &mut Vec<(String, Change)>,
) -> Result<(), git2::Error> {
    let Ok(name) = std::str::from_utf8(e.name_bytes()) else {
        return Ok(());
    };
    if is_tree(e) {
        let (old, new) = match change {
            Change::Deleted => (Some(e.id()), None),
            _ => (None, Some(e.id())),
        };
        diff_trees(repo, trees, old, new, &format!("{base}{name}/"), out)
    } else {
        out.push((format!("{base}{name}"), change));
        Ok(())
    }
}

fn oid_string(oid: Oid) -> String {
    oid.to_string()
}

/// The files of content/ and submissions/ as they are at revision `rev`
/// (a branch, tag or commit), read from Git objects, not the work tree.
/// Symbolic links and submodules are left out, as on disk; blobs larger than
/// the loader's cap are recorded by size.
pub fn read_tree(root: &Path, rev: &str) -> Result<Input, Text> {
    read_tree_parts(root, rev, &["content", "submissions"], true)
}

/// The files under each of `dirs` at revision `rev`, and .github/CODEOWNERS
/// when `owners`.
pub fn read_tree_parts(root: &Path, rev: &str, dirs: &[&str], owners: bool) -> Result<Input, Text> {
    let (repo, prefix) = open(root)?;
    let commit = repo
        .find_commit(resolve(&repo, rev)?)
        .map_err(|e| tr!("{}", "{}", e.message().to_owned()))?;
    let tree = commit
        .tree()
        .map_err(|e| tr!("{}", "{}", e.message().to_owned()))?;
    let mut input = Input::default();
    if owners
        && let Ok(entry) = tree.get_path(Path::new(&format!("{prefix}{}", crate::codeowners::PATH)))
        && entry.kind() == Some(ObjectType::Blob)
        && let Ok(blob) = repo.find_blob(entry.id())
    {
        input.files.insert(
            crate::codeowners::PATH.to_owned(),
            FileData::Bytes(blob.content().to_vec()),
        );
    }
    for dir in dirs {
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
