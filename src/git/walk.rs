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

use git2::{ObjectType, Oid, Repository, Tree, TreeEntry};
use jiff::Timestamp;

use cchc_core::history::{Change, History, Revision, pull_request_number};
use cchc_core::text::Text;
use cchc_core::tr;

use super::{open, resolve};

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

fn read_inner(root: &Path, branch: Option<&str>) -> History {
    match walk(root, branch) {
        Ok(h) => h,
        Err(reason) => History::Unknown { reason },
    }
}

fn walk(root: &Path, branch: Option<&str>) -> Result<History, Text> {
    // Like git itself, read objects without re-hashing each one (checking
    // the whole store is `git fsck`'s job), and without libgit2's object
    // cache, whose bookkeeping costs more than the walk's own cache saves:
    // together a walk four times faster. Set here, not in `open`: the
    // options are process-wide, and the gate, which never walks, keeps
    // libgit2's checks.
    git2::opts::strict_hash_verification(false);
    git2::opts::enable_caching(false);
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
