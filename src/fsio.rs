//! The edge to the file system and the clock. Everything else in the crate
//! sees files only as an [`Input`] and time only as a [`Timestamp`].

use std::fs;
use std::io::{self, Read as _};
use std::path::{Component, Path, PathBuf};

use jiff::Timestamp;

use cchc_core::input::Input;
use cchc_core::input::{CONTENT_LIMIT, FileData};
use cchc_core::model::Stage;
use cchc_core::text::Text;
use cchc_core::tr;

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
/// .github/CODEOWNERS when `owners`. A folder reached through a symbolic
/// link (at any step: `submissions/` itself, say) is not read.
pub fn read_parts(root: &Path, dirs: &[&str], owners: bool) -> io::Result<Input> {
    let mut input = Input::default();
    for dir in dirs {
        if kind_under(root, dir)? == Kind::Dir {
            walk(root, &root.join(dir), &mut input)?;
        }
    }
    if owners && kind_under(root, cchc_core::codeowners::PATH)? == Kind::File {
        input.files.insert(
            cchc_core::codeowners::PATH.to_owned(),
            read_capped(&root.join(cchc_core::codeowners::PATH))?,
        );
    }
    Ok(input)
}

/// What a path is, seen without following a symbolic link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Missing,
    File,
    Dir,
    Link,
    /// A socket, a device, a pipe.
    Other,
}

impl From<fs::FileType> for Kind {
    fn from(t: fs::FileType) -> Self {
        if t.is_symlink() {
            Kind::Link
        } else if t.is_dir() {
            Kind::Dir
        } else if t.is_file() {
            Kind::File
        } else {
            Kind::Other
        }
    }
}

/// What is at `path`; a symbolic link there is [`Kind::Link`], whatever it
/// points to.
pub fn kind(path: &Path) -> io::Result<Kind> {
    match fs::symlink_metadata(path) {
        Ok(m) => Ok(m.file_type().into()),
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
            ) =>
        {
            Ok(Kind::Missing)
        }
        Err(e) => Err(e),
    }
}

/// What is at `rel` (repository-relative, `/`-separated) under `root`, and
/// how many of its steps were looked at: every folder on the way is looked
/// at without following a link, and the first step that is not a folder
/// ends the walk.
fn walk_steps(root: &Path, rel: &str) -> io::Result<(Kind, usize)> {
    let mut path = root.to_path_buf();
    let steps: Vec<&str> = rel.split('/').filter(|s| !s.is_empty()).collect();
    for (n, step) in steps.iter().enumerate() {
        path.push(step);
        match kind(&path)? {
            Kind::Dir => {}
            Kind::Link => return Ok((Kind::Link, n + 1)),
            // The rest of the way cannot exist.
            _ if n + 1 < steps.len() => return Ok((Kind::Missing, n + 1)),
            last => return Ok((last, n + 1)),
        }
    }
    Ok((Kind::Dir, steps.len()))
}

/// What is at `rel` under `root` when no symbolic link is followed: a link
/// at any step of the way (the file, or a folder it is in) makes it
/// [`Kind::Link`].
pub fn kind_under(root: &Path, rel: &str) -> io::Result<Kind> {
    Ok(walk_steps(root, rel)?.0)
}

/// The step of `rel` under `root` that is a symbolic link (`rel` itself or
/// a folder on its way), repository-relative; `None` if there is none.
pub fn link_under(root: &Path, rel: &str) -> io::Result<Option<String>> {
    Ok(match walk_steps(root, rel)? {
        (Kind::Link, n) => Some(
            rel.split('/')
                .filter(|s| !s.is_empty())
                .take(n)
                .collect::<Vec<_>>()
                .join("/"),
        ),
        _ => None,
    })
}

/// One entry of a folder, as [`list`] gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: std::ffi::OsString,
    pub path: PathBuf,
    /// What it is, the entry itself: a link is [`Kind::Link`].
    pub kind: Kind,
}

/// The entries of the folder `dir`, sorted by name, each seen without
/// following a symbolic link: the one place where cchc lists a folder of
/// the work tree (content/, submissions/, templates/).
pub fn list(dir: &Path) -> io::Result<Vec<Entry>> {
    let mut entries = fs::read_dir(dir)?
        .map(|e| {
            let e = e?;
            Ok(Entry {
                name: e.file_name(),
                path: e.path(),
                kind: e.file_type()?.into(),
            })
        })
        .collect::<io::Result<Vec<_>>>()?;
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(entries)
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
    if kind_under(root, "submissions")? != Kind::Dir {
        return Ok(Vec::new());
    }
    let mut groups = Vec::new();
    let mut loose = Vec::new();
    for entry in list(&root.join("submissions"))? {
        match entry.kind {
            Kind::Dir => {
                if let Some(rel) = relative(root, &entry.path) {
                    groups.push(Group::Folder(rel));
                }
            }
            Kind::File => loose.push(entry.path),
            _ => {}
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
    for entry in list(dir)? {
        match entry.kind {
            Kind::Dir => walk(root, &entry.path, input)?,
            Kind::File => {
                if let Some(rel) = relative(root, &entry.path) {
                    input.files.insert(rel, read_capped(&entry.path)?);
                }
            }
            _ => {}
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

/// The campaign folders read besides the paths asked for: a later stage's
/// file (`submissions/<c>/appraisal/…`) is judged with its campaign's
/// reports and the stages before it, whose own problems are not the ones
/// asked about.
#[derive(Debug, Default)]
pub struct Context {
    /// The paths asked for, repository-relative.
    pub asked: Vec<String>,
    /// The campaign folders read as context.
    pub folders: Vec<String>,
}

impl Context {
    /// Whether `path`'s problems are among those asked about.
    pub fn asked_about(&self, path: &str) -> bool {
        !self
            .folders
            .iter()
            .any(|f| path.starts_with(&format!("{f}/")))
            || self
                .asked
                .iter()
                .any(|k| path == k || path.starts_with(&format!("{k}/")))
    }
}

/// The campaign folder a path below one of its stages' folders belongs to.
fn stage_context(rel: &str) -> Option<String> {
    let parts: Vec<&str> = rel.split('/').collect();
    match parts.as_slice() {
        ["submissions", campaign, third, rest @ ..]
            if !rest.is_empty() || Stage::ALL.iter().any(|s| s.folder() == *third) =>
        {
            Some(format!("submissions/{campaign}"))
        }
        _ => None,
    }
}

/// Narrows `input` to the submissions named by `paths` (files or folders);
/// content/ stays whole, since submissions are judged against it, and a
/// later stage's file keeps its campaign's folder ([`Context`]). Paths
/// outside the repository's submissions/ are read as loose submissions.
pub fn select(root: &Path, input: &mut Input, paths: &[PathBuf]) -> io::Result<Context> {
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
        return Ok(Context::default());
    }
    let mut folders: Vec<String> = keep.iter().filter_map(|k| stage_context(k)).collect();
    folders.sort();
    folders.dedup();
    let kept = |path: &str, list: &[String]| {
        list.iter()
            .any(|k| path == k || path.starts_with(&format!("{k}/")))
    };
    input.files.retain(|path, _| {
        !path.starts_with("submissions/") || kept(path, &keep) || kept(path, &folders)
    });
    Ok(Context {
        asked: keep,
        folders,
    })
}

/// The build's clock: `SOURCE_DATE_EPOCH` where set (reproducible builds),
/// else the system clock.
pub fn now() -> Result<Timestamp, Text> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(s) => s
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|secs| Timestamp::from_second(secs).ok())
            .ok_or_else(|| {
                tr!(
                    "SOURCE_DATE_EPOCH={} không phải một số giây",
                    "SOURCE_DATE_EPOCH={} is not a number of seconds",
                    s.clone()
                )
            }),
        Err(_) => Ok(Timestamp::now()),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::symlink;

    use super::*;

    #[test]
    fn links_are_seen_not_followed() {
        let outside = tempfile::tempdir().unwrap();
        fs::create_dir(outside.path().join("2023-9t")).unwrap();
        fs::write(outside.path().join("2023-9t/secret.toml"), "x = 1\n").unwrap();
        let repo = tempfile::tempdir().unwrap();
        let root = repo.path();
        fs::create_dir_all(root.join("content/campaigns")).unwrap();
        fs::write(root.join("content/units.toml"), "").unwrap();
        symlink(
            outside.path().join("2023-9t/secret.toml"),
            root.join("content/x.toml"),
        )
        .unwrap();
        symlink(outside.path(), root.join("submissions")).unwrap();

        assert_eq!(kind_under(root, "content").unwrap(), Kind::Dir);
        assert_eq!(kind_under(root, "content/units.toml").unwrap(), Kind::File);
        assert_eq!(kind_under(root, "content/x.toml").unwrap(), Kind::Link);
        assert_eq!(
            kind_under(root, "content/nothing/x").unwrap(),
            Kind::Missing
        );
        assert_eq!(
            kind_under(root, "content/units.toml/x").unwrap(),
            Kind::Missing
        );
        // A folder reached through a linked one is a link, not a folder.
        assert_eq!(kind_under(root, "submissions/2023-9t").unwrap(), Kind::Link);
        assert_eq!(
            link_under(root, "submissions/2023-9t/secret.toml").unwrap(),
            Some("submissions".to_owned())
        );
        assert_eq!(link_under(root, "content/units.toml").unwrap(), None);
        let names: Vec<_> = list(&root.join("content"))
            .unwrap()
            .into_iter()
            .map(|e| (e.name.into_string().unwrap(), e.kind))
            .collect();
        assert_eq!(
            names,
            [
                ("campaigns".to_owned(), Kind::Dir),
                ("units.toml".to_owned(), Kind::File),
                ("x.toml".to_owned(), Kind::Link)
            ]
        );

        // Nothing outside the repository is read, whichever way it is asked.
        let input = read_repo(root).unwrap();
        assert_eq!(
            input.files.keys().collect::<Vec<_>>(),
            ["content/units.toml"]
        );
        let campaign = read_parts(root, &["submissions/2023-9t"], false).unwrap();
        assert!(campaign.files.is_empty(), "{:?}", campaign.files.keys());
        assert!(submission_groups(root).unwrap().is_empty());
    }
}
