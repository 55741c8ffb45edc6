//! The edges to Git (git2): the published branch's history (`walk`), a pull
//! request's change and branch facts (`pr`), and a revision's files.

pub mod pr;
pub mod walk;

use std::path::Path;

use git2::{ObjectType, Oid, Repository, TreeWalkMode, TreeWalkResult};

use cchc_core::input::Input;
use cchc_core::input::{CONTENT_LIMIT, FileData};
use cchc_core::text::Text;
use cchc_core::tr;

/// The repository that holds `root` (found from a subfolder too), and
/// `root`'s place inside its work tree: "" or "data/".
pub fn open(root: &Path) -> Result<(Repository, String), Text> {
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

/// The commit a branch (or any revision) names; `origin/<name>` as a
/// fallback, for a CI checkout that has only remote branches.
pub fn resolve(repo: &Repository, rev: &str) -> Result<Oid, Text> {
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
        && let Ok(entry) = tree.get_path(Path::new(&format!(
            "{prefix}{}",
            cchc_core::codeowners::PATH
        )))
        && entry.kind() == Some(ObjectType::Blob)
        && let Ok(blob) = repo.find_blob(entry.id())
    {
        input.files.insert(
            cchc_core::codeowners::PATH.to_owned(),
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
