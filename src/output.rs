//! The edge that writes a built site to disk, atomically: the new site is
//! written whole into a fresh folder beside the target, then swapped in with
//! one rename. A failure or a kill at any moment leaves either the old site or
//! the new one at the target, never a mix; leftovers of an interrupted build
//! are removed by the next.

use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use cchc_core::site::{MARKER, RenderError, Sink, SiteFiles};

/// The two sibling folders a build uses beside `target`.
fn siblings(target: &Path) -> io::Result<(PathBuf, PathBuf, PathBuf)> {
    let name = target
        .file_name()
        .ok_or_else(|| {
            io::Error::new(io::ErrorKind::InvalidInput, "the output folder has no name")
        })?
        .to_string_lossy()
        .into_owned();
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok((
        parent.clone(),
        parent.join(format!(".{name}.cchc-new")),
        parent.join(format!(".{name}.cchc-old")),
    ))
}

/// Whether `dir` may be replaced: absent, empty, or a site cchc built.
fn replaceable(dir: &Path) -> io::Result<bool> {
    match fs::symlink_metadata(dir) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(true),
        Err(e) => Err(e),
        Ok(m) if !m.is_dir() => Ok(false),
        Ok(_) => Ok(dir.join(MARKER).is_file() || fs::read_dir(dir)?.next().is_none()),
    }
}

fn remove_if_present(dir: &Path) -> io::Result<()> {
    match fs::remove_dir_all(dir) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Writes `files` as the folder `target`, replacing what was there.
pub fn write_site(target: &Path, files: &SiteFiles) -> io::Result<()> {
    write_site_with(target, |sink| {
        for (path, bytes) in files {
            sink.put(path.clone(), bytes.clone())?;
        }
        Ok(())
    })
    .map_err(|e| match e {
        RenderError::Io(e) => e,
        RenderError::Template(m) | RenderError::Read(m) => io::Error::other(m),
    })
}

/// Builds the folder `target` from what `fill` puts into the sink it is
/// given (files are written as they come, from any thread), then swaps it in
/// whole. If `fill` fails, the old site stays and nothing is left beside it.
pub fn write_site_with(
    target: &Path,
    fill: impl FnOnce(&dyn Sink) -> Result<(), RenderError>,
) -> Result<(), RenderError> {
    if !replaceable(target)? {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!(
                "{} exists and is not a site built by cchc; refusing to replace it (choose another --out)",
                target.display()
            ),
        )
        .into());
    }
    let (parent, new, old) = siblings(target)?;
    fs::create_dir_all(&parent)?;
    // Leftovers of a build that was interrupted.
    remove_if_present(&new)?;
    remove_if_present(&old)?;
    fs::create_dir(&new)?;
    let sink = DirSink { dir: new.clone() };
    let r = fill(&sink);
    let r = r.and_then(|()| Ok(sync(&new)?));
    if let Err(e) = r {
        // The old site was never touched; do not leave half a new one.
        let _ = remove_if_present(&new);
        return Err(e);
    }
    swap_in(&new, target, &old)?;
    remove_if_present(&new)?;
    Ok(remove_if_present(&old)?)
}

/// Writes each file into the staging folder as it is rendered.
struct DirSink {
    dir: PathBuf,
}

impl Sink for DirSink {
    fn put(&self, path: String, bytes: Vec<u8>) -> io::Result<()> {
        let dest = self.dir.join(path);
        if let Some(parent) = dest.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::File::create(&dest)?.write_all(&bytes)
    }
}

/// Everything is on disk before the swap makes it visible: one flush of the
/// file system (Linux), rather than one per file.
fn sync(dir: &Path) -> io::Result<()> {
    let folder = fs::File::open(dir)?;
    #[cfg(target_os = "linux")]
    {
        rustix::fs::syncfs(&folder)?;
    }
    #[cfg(not(target_os = "linux"))]
    sync_tree(dir)?;
    folder.sync_all()
}

#[cfg(not(target_os = "linux"))]
fn sync_tree(dir: &Path) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            sync_tree(&entry.path())?;
        } else {
            fs::File::open(entry.path())?.sync_all()?;
        }
    }
    Ok(())
}

/// Puts `new` at `target`. Where the system can exchange two folders in one
/// step (Linux), the old site moves to `new`'s place in the same instant;
/// elsewhere the old site is renamed aside first, a moment in which the
/// target is absent but both sites are whole on disk.
fn swap_in(new: &Path, target: &Path, old: &Path) -> io::Result<()> {
    if !target.exists() {
        return fs::rename(new, target);
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, new, CWD, target, RenameFlags::EXCHANGE).is_ok() {
            return Ok(());
        }
    }
    fs::rename(target, old)?;
    fs::rename(new, target)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(marker: &str) -> SiteFiles {
        let mut f = SiteFiles::new();
        f.insert(MARKER.into(), b"x".to_vec());
        f.insert("index.html".into(), marker.as_bytes().to_vec());
        f.insert("a/b/c.html".into(), b"deep".to_vec());
        f
    }

    #[test]
    fn replaces_a_site_whole_and_leaves_nothing_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("site");
        write_site(&target, &files("one")).unwrap();
        write_site(&target, &files("two")).unwrap();
        assert_eq!(
            fs::read_to_string(target.join("index.html")).unwrap(),
            "two"
        );
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["site"]);
    }

    #[test]
    fn refuses_to_replace_a_folder_it_did_not_build() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("docs");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("keep.txt"), "mine").unwrap();
        let err = write_site(&target, &files("x")).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(target.join("keep.txt")).unwrap(), "mine");
    }

    #[test]
    fn a_failure_midway_leaves_the_old_site() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("site");
        write_site(&target, &files("old")).unwrap();
        // "index.html" is a file and also asked to be a folder: writing fails
        // part of the way through.
        let mut bad = files("new");
        bad.insert("index.html/x.html".into(), b"x".to_vec());
        assert!(write_site(&target, &bad).is_err());
        assert_eq!(
            fs::read_to_string(target.join("index.html")).unwrap(),
            "old"
        );
        assert_eq!(
            fs::read_to_string(target.join("a/b/c.html")).unwrap(),
            "deep"
        );
        assert!(!dir.path().join(".site.cchc-new").exists());
    }

    #[test]
    fn cleans_up_after_an_interrupted_build() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("site");
        fs::create_dir_all(dir.path().join(".site.cchc-new/half")).unwrap();
        write_site(&target, &files("x")).unwrap();
        assert!(!dir.path().join(".site.cchc-new").exists());
    }
}
