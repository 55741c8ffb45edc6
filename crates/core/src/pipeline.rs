//! The one pipeline every command runs: load → resolve → check → report,
//! over a [`Repository`] — the files, the history and the clock, behind one
//! trait (as typst's `World`). The binary implements it for the work tree
//! and for a Git revision; [`Memory`] implements it for tests and for
//! anything already held in memory.

use std::collections::HashSet;

use jiff::Timestamp;

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::history::History;
use crate::input::Input;
use crate::model::Campaign;
use crate::report::{self, CampaignReport, Report, Sources};
use crate::source::SourceDb;
use crate::text::Text;
use crate::validate;

pub use crate::load::ReadCache;
pub use crate::validate::{CheckedSubmissions, ContentOutcome, Outcome, validate};

/// A part of submissions/ read on its own: a campaign's folder, or the
/// files lying directly in submissions/ (which belong to no campaign).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// A folder, repository-relative (`submissions/2023-9t`).
    Folder(String),
    /// Files, repository-relative.
    Loose(Vec<String>),
}

/// Where a pipeline's inputs come from. Every failure is worded for the
/// user in both languages.
pub trait Repository: Send + Sync {
    /// The files under each of `dirs` (repository-relative folders), and
    /// .github/CODEOWNERS when `owners`.
    fn files(&self, dirs: &[&str], owners: bool) -> Result<Input, Text>;
    /// submissions/ split into the parts read one at a time.
    fn submission_parts(&self) -> Result<Vec<Part>, Text>;
    /// The files of one part.
    fn part(&self, part: &Part) -> Result<Input, Text>;
    /// The history of the submissions (unknown where there is none).
    fn history(&self) -> History;
    /// The commit the history ends at, to tell whether it moved.
    fn tip(&self) -> Option<String>;
    /// The clock the report is made at.
    fn now(&self) -> Result<Timestamp, Text>;
}

/// The folders the pipeline reads.
pub const DATA_DIRS: [&str; 2] = ["content", "submissions"];

/// content/ (and CODEOWNERS), resolved and checked.
///
/// # Errors
/// When the files cannot be read.
pub fn content(repo: &dyn Repository) -> Result<ContentOutcome, Text> {
    Ok(validate::validate_content(&repo.files(&["content"], true)?))
}

/// The errors of content/ that stop a site, a status or a CODEOWNERS from
/// being made: the office's data is broken and nothing can be published
/// from it. Sorted.
#[must_use]
pub fn blocking_errors(diags: &Diagnostics) -> Vec<Diagnostic> {
    diags
        .clone()
        .into_sorted()
        .into_iter()
        .filter(|d| d.severity == Severity::Error && d.span.file.starts_with("content/"))
        .collect()
}

/// One campaign's report from its own submissions, checked against
/// `content`; and how many of them are invalid. Files read before are taken
/// from `cache` where one is given (`serve`).
///
/// # Errors
/// When the campaign's files cannot be read.
pub fn campaign_report(
    repo: &dyn Repository,
    content: &ContentOutcome,
    history: &History,
    now: Timestamp,
    c: &Campaign,
    cache: Option<&ReadCache>,
) -> Result<(CampaignReport, usize), Text> {
    let checked = checked_campaign(repo, &content.content, now, c, cache)?;
    let diags = checked.diags.into_sorted();
    let failed: HashSet<&str> = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| &*d.span.file)
        .collect();
    let invalid = checked
        .submissions
        .iter()
        .filter(|s| failed.contains(&*s.place.path))
        .count();
    let report = report::campaign_report(
        c,
        &Sources {
            content: &content.content,
            submissions: &checked.submissions,
            stages: &checked.stages,
            diags: &diags,
            db: &checked.db,
            history,
            now,
        },
    );
    Ok((report, invalid))
}

/// A campaign's folder of submissions/ read and checked: its reports and the
/// files of its later stages. Files read before are taken from `cache`.
///
/// # Errors
/// When the campaign's files cannot be read.
pub fn checked_campaign(
    repo: &dyn Repository,
    content: &crate::model::Content,
    now: Timestamp,
    c: &Campaign,
    cache: Option<&ReadCache>,
) -> Result<CheckedSubmissions, Text> {
    let folder = format!("submissions/{}", c.id);
    let input = repo.files(&[&folder], false)?;
    Ok(validate::check_submissions_with(
        &input,
        content,
        now,
        cache,
        crate::checked::Keep::All,
    ))
}

/// Every problem of the repository, with the source of each file that has
/// one; and how many files were read.
#[derive(Debug)]
pub struct Problems {
    /// The problems, unsorted.
    pub diags: Diagnostics,
    /// The text of each file a problem points into.
    pub db: SourceDb,
    /// How many files were read.
    pub files: usize,
}

/// `validate` of the whole repository, one part of submissions/ at a time
/// (a few in parallel): content/ is resolved once, each part's files are
/// read, checked and dropped, and only the text of files with a problem is
/// kept. Each submission is judged on its own against content/, so the
/// problems are the ones a single pass over every file finds.
///
/// # Errors
/// When the files cannot be read.
pub fn validate_all(repo: &dyn Repository, now: Timestamp) -> Result<Problems, Text> {
    use rayon::prelude::*;
    let content = content(repo)?;
    let parts = repo.submission_parts()?;
    let checked = parts
        .par_iter()
        .map(|part| -> Result<Problems, Text> {
            let input = repo.part(part)?;
            // Only the problems are printed: no text is copied to be dropped.
            let mut checked = validate::check_submissions_with(
                &input,
                &content.content,
                now,
                None,
                crate::checked::Keep::Numbers,
            );
            let shown: HashSet<&str> = checked
                .diags
                .iter()
                .flat_map(|d| std::iter::once(&d.span).chain(d.related.iter().map(|r| &r.0)))
                .map(|span| &*span.file)
                .collect();
            checked.db.retain(|path| shown.contains(path));
            Ok(Problems {
                diags: checked.diags,
                db: checked.db,
                files: checked.files,
            })
        })
        .collect::<Result<Vec<_>, Text>>()?;
    let mut all = Problems {
        diags: content.diags,
        db: content.db,
        files: content.files,
    };
    for part in checked {
        all.diags.extend(part.diags);
        all.db.merge(part.db);
        all.files += part.files;
    }
    Ok(all)
}

/// The whole repository checked at once, with its history and clock:
/// what `status` and `export` report from.
#[derive(Debug)]
pub struct Whole {
    /// Every file checked.
    pub outcome: Outcome,
    /// The problems, sorted.
    pub diags: Vec<Diagnostic>,
    /// The submissions' history.
    pub history: History,
    /// The clock.
    pub now: Timestamp,
}

impl Whole {
    /// Reads and checks everything; the history is walked while the files
    /// are checked.
    ///
    /// # Errors
    /// When the files or the clock cannot be read.
    pub fn read(repo: &dyn Repository) -> Result<Whole, Text> {
        let input = repo.files(&DATA_DIRS, true)?;
        let now = repo.now()?;
        let (outcome, history) = rayon::join(|| validate(&input, now), || repo.history());
        Ok(Whole::new(outcome, history, now))
    }

    /// From what is already checked.
    #[must_use]
    pub fn new(outcome: Outcome, history: History, now: Timestamp) -> Whole {
        let diags = outcome.diags.clone().into_sorted();
        Whole {
            outcome,
            diags,
            history,
            now,
        }
    }

    /// The report of every campaign.
    #[must_use]
    pub fn report(&self) -> Report {
        report::report(&Sources {
            content: &self.outcome.content,
            submissions: &self.outcome.submissions,
            stages: &self.outcome.stages,
            diags: &self.diags,
            db: &self.outcome.db,
            history: &self.history,
            now: self.now,
        })
    }
}

/// A repository held in memory: its files, history and clock given.
#[derive(Debug)]
pub struct Memory {
    /// Every file, by repository-relative path.
    pub input: Input,
    /// The history.
    pub history: History,
    /// The clock.
    pub now: Timestamp,
}

impl Repository for Memory {
    fn files(&self, dirs: &[&str], owners: bool) -> Result<Input, Text> {
        let mut input = Input::default();
        for (path, data) in &self.input.files {
            let under = dirs.iter().any(|d| {
                path.strip_prefix(d)
                    .is_some_and(|rest| rest.starts_with('/'))
            });
            if under || owners && path == crate::codeowners::PATH {
                input.files.insert(path.clone(), data.clone());
            }
        }
        Ok(input)
    }

    fn submission_parts(&self) -> Result<Vec<Part>, Text> {
        let mut folders = Vec::new();
        let mut loose = Vec::new();
        for path in self.input.files.keys() {
            let Some(rest) = path.strip_prefix("submissions/") else {
                continue;
            };
            match rest.split_once('/') {
                Some((folder, _)) => {
                    let folder = format!("submissions/{folder}");
                    if folders.last() != Some(&folder) {
                        folders.push(folder);
                    }
                }
                None => loose.push(path.clone()),
            }
        }
        let mut parts: Vec<Part> = folders.into_iter().map(Part::Folder).collect();
        if !loose.is_empty() {
            parts.push(Part::Loose(loose));
        }
        Ok(parts)
    }

    fn part(&self, part: &Part) -> Result<Input, Text> {
        match part {
            Part::Folder(dir) => self.files(&[dir], false),
            Part::Loose(paths) => {
                let mut input = Input::default();
                for p in paths {
                    if let Some(data) = self.input.files.get(p) {
                        input.files.insert(p.clone(), data.clone());
                    }
                }
                Ok(input)
            }
        }
    }

    fn history(&self) -> History {
        self.history.clone()
    }

    fn tip(&self) -> Option<String> {
        self.history.tip().map(str::to_owned)
    }

    fn now(&self) -> Result<Timestamp, Text> {
        Ok(self.now)
    }
}
