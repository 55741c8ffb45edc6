//! What every command is given: the language, the repository's place, and
//! whether the terminal wants colour; and where a command's words go. The
//! commands take a [`Ctx`], never the command line itself.

use std::io::{IsTerminal as _, Write as _};
use std::path::PathBuf;

use cchc_core::diag::Diagnostic;
use cchc_core::diag::render::{Format, Summary, render};
use cchc_core::source::SourceDb;
use cchc_core::text::{Lang, Text};
use cchc_core::tr;

use crate::fsio;
use crate::repo::{Revision, WorkTree};
use cchc_core::pipeline::Repository;

/// A command's failure to run, in both languages: printed in the one the
/// user chose, with exit status 2.
pub type Failure = Text;

/// The context of one run.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// The language of every message.
    pub lang: Lang,
    /// `--repo`, if given.
    repo: Option<PathBuf>,
    /// `NO_COLOR` (<https://no-color.org>), read once.
    no_color: bool,
}

impl Ctx {
    pub fn new(lang: Lang, repo: Option<PathBuf>) -> Self {
        Ctx {
            lang,
            repo,
            no_color: std::env::var_os("NO_COLOR").is_some(),
        }
    }

    /// The repository root: `--repo`, or the current folder or the nearest
    /// one above it with a content/ folder.
    pub fn root(&self) -> Result<PathBuf, Failure> {
        let start = match &self.repo {
            Some(r) => r.clone(),
            None => std::env::current_dir().map_err(|e| Text::same(e.to_string()))?,
        };
        fsio::find_repo(&start).ok_or_else(|| {
            tr!(
                "{} không phải kho dữ liệu cchc (không tìm thấy thư mục content/ ở đây hay ở thư mục cha); dùng --repo DIR",
                "{} is not a cchc repository (no content/ folder here or above); use --repo DIR",
                start.display().to_string()
            )
        })
    }

    /// Where the pipeline reads: the work tree, or `branch` when one is
    /// named (so that files and their history come from the same place).
    pub fn repository(&self, branch: Option<&str>) -> Result<Box<dyn Repository>, Failure> {
        let root = self.root()?;
        Ok(match branch {
            Some(b) => Box::new(Revision::new(root, b)),
            None => Box::new(WorkTree::new(root)),
        })
    }

    /// The text in the user's language.
    pub fn text<'t>(&self, t: &'t Text) -> &'t str {
        t.get(self.lang)
    }

    /// A line to the terminal's error stream (progress, warnings).
    pub fn say(&self, t: &Text) {
        eprintln!("{}", self.text(t));
    }

    /// Whether stdout is a terminal that wants colour.
    pub fn colour_stdout(&self) -> bool {
        !self.no_color && std::io::stdout().is_terminal()
    }

    /// Whether stderr is a terminal that wants colour.
    pub fn colour_stderr(&self) -> bool {
        !self.no_color && std::io::stderr().is_terminal()
    }

    /// Whether stdout is a terminal (binary output refused there).
    pub fn stdout_is_terminal(&self) -> bool {
        std::io::stdout().is_terminal()
    }

    /// Writes to stdout, all of it or a failure.
    pub fn print(&self, s: &str) -> Result<(), Failure> {
        self.print_bytes(s.as_bytes())
    }

    /// Writes bytes to stdout, all of them or a failure.
    pub fn print_bytes(&self, bytes: &[u8]) -> Result<(), Failure> {
        let mut out = std::io::stdout().lock();
        out.write_all(bytes)
            .and_then(|()| out.flush())
            .map_err(|e| Text::same(format!("stdout: {e}")))
    }

    /// Problems to stderr, as `validate` shows them.
    pub fn print_diagnostics(&self, diags: &[Diagnostic], db: &SourceDb, files: usize) {
        eprint!(
            "{}",
            render(
                diags,
                db,
                Format::Human,
                self.lang,
                self.colour_stderr(),
                Summary { files }
            )
        );
    }
}
