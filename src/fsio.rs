//! The edge to the file system and the clock. Everything else in the crate
//! sees files only as an [`Input`] and time only as a [`Timestamp`].

use std::fs;
use std::io::{self, Read as _};
use std::path::{Component, Path, PathBuf};

use jiff::Timestamp;

use crate::load::Input;
use crate::toml_read::{CONTENT_LIMIT, FileData};

/// The folders of a repository that cchc reads.
const DATA_DIRS: [&str; 2] = ["content", "submissions"];

/// The repository root: `start` or the nearest folder above it that has a
/// content/ folder.
pub fn find_repo(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|d| d.join("content").is_dir())
        .map(Path::to_path_buf)
}

/// Reads a file, but not more than the cap: a larger file is recorded by its
/// size so that a 10 GB file costs nothing.
pub fn read_capped(path: &Path) -> io::Result<FileData> {
    let file = fs::File::open(path)?;
    let size = file.metadata()?.len();
    if size > CONTENT_LIMIT {
        return Ok(FileData::TooLarge { size });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(CONTENT_LIMIT + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > CONTENT_LIMIT {
        return Ok(FileData::TooLarge {
            size: bytes.len() as u64,
        });
    }
    Ok(FileData::Bytes(bytes))
}

/// Reads content/ and submissions/ of the repository at `root`. Symbolic
/// links and other non-regular files are not followed: the data is what is
/// in the repository itself.
pub fn read_repo(root: &Path) -> io::Result<Input> {
    read_parts(root, &DATA_DIRS, true)
}

/// Reads the files under each of `dirs` (repository-relative folders), and
/// .github/CODEOWNERS when `owners`.
pub fn read_parts(root: &Path, dirs: &[&str], owners: bool) -> io::Result<Input> {
    let mut input = Input::default();
    for dir in dirs {
        let path = root.join(dir);
        if fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) {
            walk(root, &path, &mut input)?;
        }
    }
    let codeowners = root.join(crate::codeowners::PATH);
    if owners && fs::symlink_metadata(&codeowners).is_ok_and(|m| m.is_file()) {
        input.files.insert(
            crate::codeowners::PATH.to_owned(),
            read_capped(&codeowners)?,
        );
    }
    Ok(input)
}

/// How `cchc validate` reads submissions/ a part at a time: each folder
/// under it, and the files lying directly in it (loose, if any).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Group {
    Folder(String),
    Loose(Vec<PathBuf>),
}

/// submissions/ of the repository at `root` split into [`Group`]s, in order.
pub fn submission_groups(root: &Path) -> io::Result<Vec<Group>> {
    let dir = root.join("submissions");
    if !fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir()) {
        return Ok(Vec::new());
    }
    let mut entries: Vec<_> = fs::read_dir(&dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(fs::DirEntry::file_name);
    let mut groups = Vec::new();
    let mut loose = Vec::new();
    for entry in entries {
        let kind = entry.file_type()?;
        if kind.is_dir() {
            if let Some(rel) = relative(root, &entry.path()) {
                groups.push(Group::Folder(rel));
            }
        } else if kind.is_file() {
            loose.push(entry.path());
        }
    }
    if !loose.is_empty() {
        groups.push(Group::Loose(loose));
    }
    Ok(groups)
}

/// The files of one [`Group`], read as [`read_parts`] reads them.
pub fn read_group(root: &Path, group: &Group) -> io::Result<Input> {
    match group {
        Group::Folder(dir) => read_parts(root, &[dir], false),
        Group::Loose(paths) => {
            let mut input = Input::default();
            for path in paths {
                if let Some(rel) = relative(root, path) {
                    input.files.insert(rel, read_capped(path)?);
                }
            }
            Ok(input)
        }
    }
}

fn walk(root: &Path, dir: &Path, input: &mut Input) -> io::Result<()> {
    let mut entries: Vec<_> = fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(fs::DirEntry::file_name);
    for entry in entries {
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            walk(root, &path, input)?;
        } else if kind.is_file()
            && let Some(rel) = relative(root, &path)
        {
            input.files.insert(rel, read_capped(&path)?);
        }
    }
    Ok(())
}

/// `path` relative to `root` with `/` separators, if it is inside it.
pub fn relative(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let mut parts = Vec::new();
    for c in rel.components() {
        match c {
            Component::Normal(s) => parts.push(s.to_str()?.to_owned()),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(parts.join("/"))
}

/// Narrows `input` to the submissions named by `paths` (files or folders);
/// content/ stays whole, since submissions are judged against it. Paths
/// outside the repository's submissions/ are read as loose submissions.
pub fn select(root: &Path, input: &mut Input, paths: &[PathBuf]) -> io::Result<()> {
    let cwd = std::env::current_dir()?;
    let mut keep: Vec<String> = Vec::new();
    for p in paths {
        let abs = if p.is_absolute() {
            p.clone()
        } else {
            cwd.join(p)
        };
        let abs = fs::canonicalize(&abs)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", p.display())))?;
        let root = fs::canonicalize(root)?;
        match relative(&root, &abs) {
            Some(rel)
                if rel.is_empty() || rel == "submissions" || rel.starts_with("submissions/") =>
            {
                keep.push(rel);
            }
            // A content path: content is always checked whole.
            Some(rel) if rel == "content" || rel.starts_with("content/") => {}
            _ if abs.is_file() => {
                input
                    .loose
                    .push((p.display().to_string(), read_capped(&abs)?));
            }
            _ => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!(
                        "{}: not a submission file or folder of this repository",
                        p.display()
                    ),
                ));
            }
        }
    }
    if keep.iter().any(String::is_empty) {
        return Ok(());
    }
    input.files.retain(|path, _| {
        !path.starts_with("submissions/")
            || keep
                .iter()
                .any(|k| path == k || path.starts_with(&format!("{k}/")))
    });
    Ok(())
}

/// The build's clock: `SOURCE_DATE_EPOCH` where set (reproducible builds),
/// else the system clock.
pub fn now() -> Result<Timestamp, String> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(s) => s
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|secs| Timestamp::from_second(secs).ok())
            .ok_or_else(|| format!("SOURCE_DATE_EPOCH={s} is not a number of seconds")),
        Err(_) => Ok(Timestamp::now()),
    }
}
