//! The edge to Git for the pull-request gate: what a pull request changes
//! (its head against the merge base with its base), and the base's own files,
//! read from Git objects with git2 — never from the work tree, which the pull
//! request controls.

use std::collections::BTreeSet;
use std::path::Path;

use git2::{BranchType, Delta, DiffFindOptions, DiffOptions, FileMode, Oid, Repository, Tree};

use super::read_tree_parts;
use cchc_core::input::{CONTENT_LIMIT, FileData};
use cchc_core::pull_request::{
    BranchFacts, ChangeKind, ChangedPath, CommitRef, MAX_COMMITS, Mode, PullRequest, Touched,
    is_content, stage_folder,
};
use cchc_core::text::Text;
use cchc_core::tr;

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

/// Reads the change from `base` to `head` in the repository holding `root`;
/// `base_name` is the base branch's name when the Git host gave it.
pub fn read(
    root: &Path,
    base: &str,
    head: &str,
    base_name: Option<&str>,
) -> Result<PullRequest, Text> {
    let (repo, prefix) = super::open(root)?;
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
    let base_tree = base_commit.tree().map_err(|e| git_error(&e))?;
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
    // A stage's file (an appraisal, explanations, final scores) is judged
    // with the rest of its campaign's folder: that folder is read too.
    let mut dirs = vec!["content".to_owned()];
    for c in &changes {
        if let Some(dir) = c.data_path.as_deref().and_then(stage_folder)
            && !dirs.contains(&dir)
        {
            dirs.push(dir);
        }
    }
    let dirs: Vec<&str> = dirs.iter().map(String::as_str).collect();
    let base_files = read_tree_parts(root, &base_commit.id().to_string(), &dirs, true)?;
    let touches_content = changes
        .iter()
        .any(|c| c.data_path.as_deref().is_some_and(is_content));
    let head_files = if touches_content {
        Some(read_tree_parts(
            root,
            &head_commit.id().to_string(),
            &["content"],
            true,
        )?)
    } else {
        None
    };
    let branch = BranchFacts {
        base_name: base_name
            .map(str::to_owned)
            .or_else(|| branch_name(&repo, base)),
        holding_base: holding(&repo, base_commit.id()).map_err(|e| git_error(&e))?,
        merge_bases: repo
            .merge_bases(base_commit.id(), head_commit.id())
            .map_err(|e| git_error(&e))?
            .iter()
            .map(Oid::to_string)
            .collect(),
        changed_on_base: changed_on_base(&repo, &old_tree, &base_tree, &changes)
            .map_err(|e| git_error(&e))?,
        ..commits_of(&repo, base_commit.id(), head_commit.id(), &prefix)
            .map_err(|e| git_error(&e))?
    };
    Ok(PullRequest {
        base: base_commit.id().to_string(),
        head: head_commit.id().to_string(),
        merge_base: merge_base.to_string(),
        branch,
        base_files,
        head_files,
        changes,
    })
}

/// The branch `rev` names, if it is a branch's name rather than a commit
/// id: `main`, `origin/main`, or `main` known only as `origin/main`.
fn branch_name(repo: &Repository, rev: &str) -> Option<String> {
    if repo.find_branch(rev, BranchType::Local).is_ok() {
        return Some(rev.to_owned());
    }
    if repo.find_branch(rev, BranchType::Remote).is_ok() {
        return rev.split_once('/').map(|(_, name)| name.to_owned());
    }
    repo.find_branch(&format!("origin/{rev}"), BranchType::Remote)
        .is_ok()
        .then(|| rev.to_owned())
}

/// The branches whose tip is `commit` or descends from it.
fn holding(repo: &Repository, commit: Oid) -> Result<Vec<String>, git2::Error> {
    let mut names = BTreeSet::new();
    for branch in repo.branches(None)? {
        let (branch, kind) = branch?;
        let (Some(name), Some(tip)) = (branch.name()?, branch.get().target()) else {
            continue;
        };
        let name = match kind {
            BranchType::Local => name,
            BranchType::Remote => match name.split_once('/') {
                Some((_, rest)) => rest,
                None => continue,
            },
        };
        if name != "HEAD" && (tip == commit || repo.graph_descendant_of(tip, commit)?) {
            names.insert(name.to_owned());
        }
    }
    Ok(names.into_iter().collect())
}

fn commit_ref(c: &git2::Commit<'_>) -> CommitRef {
    CommitRef {
        id: c.id().to_string(),
        summary: c
            .summary_bytes()
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .unwrap_or_default(),
    }
}

/// The commits merging `head` would add to `base`: how many, those off the
/// head's first-parent line, and what each commit of that line changes on
/// its own.
fn commits_of(
    repo: &Repository,
    base: Oid,
    head: Oid,
    prefix: &str,
) -> Result<BranchFacts, git2::Error> {
    let mut walk = repo.revwalk()?;
    walk.push(head)?;
    walk.hide(base)?;
    let mut range = BTreeSet::new();
    for id in walk {
        range.insert(id?);
        if range.len() > MAX_COMMITS {
            break;
        }
    }
    let mut facts = BranchFacts {
        commits: range.len(),
        ..BranchFacts::default()
    };
    if range.len() > MAX_COMMITS {
        return Ok(facts);
    }
    let mut line = Vec::new();
    let mut next = Some(head);
    while let Some(id) = next.filter(|id| range.contains(id)) {
        let commit = repo.find_commit(id)?;
        next = commit.parent_ids().next();
        line.push(commit);
    }
    let on_line: BTreeSet<Oid> = line.iter().map(git2::Commit::id).collect();
    for id in range.iter().filter(|id| !on_line.contains(id)) {
        facts.brought_in.push(commit_ref(&repo.find_commit(*id)?));
    }
    let mut seen = BTreeSet::new();
    // Oldest first, so that each path is named by the first commit that
    // changes it.
    for commit in line.iter().rev() {
        let tree = commit.tree()?;
        let parents: Vec<Tree<'_>> = commit
            .parents()
            .map(|p| p.tree())
            .collect::<Result<_, _>>()?;
        let Some((first, others)) = parents.split_first() else {
            continue;
        };
        let diff = repo.diff_tree_to_tree(Some(first), Some(&tree), None)?;
        for delta in diff.deltas() {
            for file in [delta.old_file(), delta.new_file()] {
                let Some(path) = file.path() else { continue };
                // A merge's change that one of its other parents (a commit
                // of the base) already has is the base's, not the branch's.
                let from_base = others.iter().any(|o| same_entry(o, &tree, path));
                let Some(text) = path.to_str().map(str::to_owned) else {
                    continue;
                };
                if from_base || !seen.insert(text.clone()) {
                    continue;
                }
                facts.touched.push(Touched {
                    commit: commit_ref(commit),
                    data_path: text.strip_prefix(prefix).map(str::to_owned),
                    path: text,
                });
            }
        }
    }
    Ok(facts)
}

/// Whether two trees hold the same thing at `path` (or both nothing).
fn same_entry(a: &Tree<'_>, b: &Tree<'_>, path: &Path) -> bool {
    let entry = |t: &Tree<'_>| t.get_path(path).ok().map(|e| (e.id(), e.filemode()));
    entry(a) == entry(b)
}

/// The changed paths that the base changed too since the merge base, and
/// added paths whose folder the base removed or moved (a merge would move
/// them along with it).
fn changed_on_base(
    repo: &Repository,
    merge_base: &Tree<'_>,
    base: &Tree<'_>,
    changes: &[ChangedPath],
) -> Result<BTreeSet<String>, git2::Error> {
    let mut on_base = BTreeSet::new();
    if merge_base.id() != base.id() {
        let diff = repo.diff_tree_to_tree(Some(merge_base), Some(base), None)?;
        for delta in diff.deltas() {
            for file in [delta.old_file(), delta.new_file()] {
                if let Some(p) = file.path().and_then(Path::to_str) {
                    on_base.insert(p.to_owned());
                }
            }
        }
    }
    let is_folder = |t: &Tree<'_>, p: &str| {
        t.get_path(Path::new(p))
            .is_ok_and(|e| e.kind() == Some(git2::ObjectType::Tree))
    };
    let mut out = BTreeSet::new();
    for c in changes {
        let folder_gone = c.kind == ChangeKind::Added
            && c.path.match_indices('/').any(|(i, _)| {
                let folder = c.path.get(..i).unwrap_or("");
                is_folder(merge_base, folder) && !is_folder(base, folder)
            });
        if folder_gone || on_base.contains(&c.path) {
            out.insert(c.path.clone());
        }
    }
    Ok(out)
}
