//! The repositories the pipeline reads ([`cchc_core::pipeline::Repository`]):
//! the work tree on disk, and a revision of Git (the published branch). The
//! history comes from Git in both, the clock from [`fsio::now`].

use std::path::{Path, PathBuf};

use jiff::Timestamp;

use cchc_core::history::History;
use cchc_core::input::Input;
use cchc_core::pipeline::{Part, Repository};
use cchc_core::text::Text;

use crate::fsio::{self, Group};
use crate::git::{self, walk};

/// An I/O error, worded by the system.
fn io(e: &std::io::Error) -> Text {
    Text::same(e.to_string())
}

/// The repository's files on disk; its history from the branch checked out.
#[derive(Debug, Clone)]
pub struct WorkTree {
    root: PathBuf,
}

impl WorkTree {
    pub fn new(root: PathBuf) -> Self {
        WorkTree { root }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }
}

impl Repository for WorkTree {
    fn files(&self, dirs: &[&str], owners: bool) -> Result<Input, Text> {
        fsio::read_parts(&self.root, dirs, owners).map_err(|e| io(&e))
    }

    fn submission_parts(&self) -> Result<Vec<Part>, Text> {
        let groups = fsio::submission_groups(&self.root).map_err(|e| io(&e))?;
        Ok(groups
            .into_iter()
            .map(|g| match g {
                Group::Folder(dir) => Part::Folder(dir),
                Group::Loose(paths) => Part::Loose(
                    paths
                        .iter()
                        .filter_map(|p| fsio::relative(&self.root, p))
                        .collect(),
                ),
            })
            .collect())
    }

    fn part(&self, part: &Part) -> Result<Input, Text> {
        let group = match part {
            Part::Folder(dir) => Group::Folder(dir.clone()),
            Part::Loose(paths) => Group::Loose(paths.iter().map(|p| self.root.join(p)).collect()),
        };
        fsio::read_group(&self.root, &group).map_err(|e| io(&e))
    }

    fn history(&self) -> History {
        walk::read(&self.root, None)
    }

    fn tip(&self) -> Option<String> {
        walk::tip(&self.root, None)
    }

    fn now(&self) -> Result<Timestamp, Text> {
        fsio::now()
    }
}

/// The repository's files as a Git revision holds them (a branch, tag or
/// commit), read from Git objects, and that revision's history.
#[derive(Debug, Clone)]
pub struct Revision {
    root: PathBuf,
    rev: String,
}

impl Revision {
    pub fn new(root: PathBuf, rev: &str) -> Self {
        Revision {
            root,
            rev: rev.to_owned(),
        }
    }
}

impl Repository for Revision {
    fn files(&self, dirs: &[&str], owners: bool) -> Result<Input, Text> {
        git::read_tree_parts(&self.root, &self.rev, dirs, owners)
    }

    /// submissions/ read at once: a revision's files come from one tree.
    fn submission_parts(&self) -> Result<Vec<Part>, Text> {
        Ok(vec![Part::Folder("submissions".to_owned())])
    }

    fn part(&self, part: &Part) -> Result<Input, Text> {
        match part {
            Part::Folder(dir) => self.files(&[dir], false),
            Part::Loose(paths) => {
                let mut all = self.files(&["submissions"], false)?;
                all.files.retain(|p, _| paths.contains(p));
                Ok(all)
            }
        }
    }

    fn history(&self) -> History {
        walk::read(&self.root, Some(&self.rev))
    }

    fn tip(&self) -> Option<String> {
        walk::tip(&self.root, Some(&self.rev))
    }

    fn now(&self) -> Result<Timestamp, Text> {
        fsio::now()
    }
}
