//! Diagnostics: what a rule found, where, and what to do about it.
//! Rules only build [`Diagnostic`]s; [`render`] turns them into text.

mod codes;
pub mod explain;
pub mod render;

pub use codes::Code;

use crate::source::Span;
use crate::text::{StaticText, Text};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Makes the run fail (and rejects a pull request's path).
    Error,
    /// Reported, but does not fail the run.
    Warning,
}

impl Severity {
    /// Its name in messages: "lỗi" / "error", "cảnh báo" / "warning".
    pub fn name(self) -> StaticText {
        match self {
            Severity::Error => StaticText {
                vi: "lỗi",
                en: "error",
            },
            Severity::Warning => StaticText {
                vi: "cảnh báo",
                en: "warning",
            },
        }
    }
}

/// One problem found in the input.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// Which rule found it.
    pub code: Code,
    /// Starts as the code's default severity.
    pub severity: Severity,
    /// Where the problem is.
    pub span: Span,
    /// What is wrong.
    pub message: Text,
    /// A short note at the caret; the message is used when there is none.
    pub label: Option<Text>,
    /// What to do about it.
    pub hint: Option<Text>,
    /// Other places that explain the problem ("first defined here").
    pub related: Vec<(Span, Text)>,
}

impl Diagnostic {
    /// A diagnostic with the code's default severity and no label, hint or related places.
    pub fn new(code: Code, span: Span, message: Text) -> Self {
        Diagnostic {
            code,
            severity: code.default_severity(),
            span,
            message,
            label: None,
            hint: None,
            related: Vec::new(),
        }
    }

    /// Where the problem starts, when it speaks of a place in a file that
    /// `db` holds (a span of 0..0 speaks of the whole file).
    pub fn start(&self, db: &crate::source::SourceDb) -> Option<crate::source::LineCol> {
        db.get(&self.span.file)
            .filter(|_| self.span.range != (0..0))
            .map(|f| f.line_col(self.span.range.start))
    }

    /// Sets the hint.
    #[must_use]
    pub fn hint(mut self, hint: Text) -> Self {
        self.hint = Some(hint);
        self
    }

    /// Sets the label at the caret.
    #[must_use]
    pub fn label(mut self, label: Text) -> Self {
        self.label = Some(label);
        self
    }

    /// Adds a related place and its note.
    #[must_use]
    pub fn related(mut self, span: Span, note: Text) -> Self {
        self.related.push((span, note));
        self
    }

    /// The order problems are printed in: by file, then position, then code.
    fn sort_key(&self) -> (&str, usize, Code, usize) {
        (
            &self.span.file,
            self.span.range.start,
            self.code,
            self.span.range.end,
        )
    }
}

/// The problems of one run, collected rather than stopping at the first.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Adds one diagnostic.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Adds all of `other`'s diagnostics.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// How many diagnostics have `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }

    /// How many diagnostics there are.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The diagnostics in the order they were pushed.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Whether any problem in `file` is an error.
    pub fn file_has_errors(&self, file: &str) -> bool {
        self.items
            .iter()
            .any(|d| d.severity == Severity::Error && &*d.span.file == file)
    }

    /// Sorted for output, with exact repeats removed (two rules never report
    /// the same thing twice, but one rule may reach a place twice).
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.items.dedup();
        self.items
    }
}

impl Code {
    /// Parses "E012" or "e012".
    pub fn parse(s: &str) -> Option<Code> {
        let s = s.trim();
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str().eq_ignore_ascii_case(s))
    }
}
