//! Source files as the core sees them: a repository-relative path, the decoded
//! text, and a line index to turn byte offsets into lines and columns.

use std::ops::Range;
use std::sync::Arc;

/// Where a value came from: a file and a byte range in its decoded text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Span {
    /// The repository-relative path of the file.
    pub file: Arc<str>,
    /// Byte offsets into the file's decoded text.
    pub range: Range<usize>,
}

impl Span {
    /// A span of `range` in `file`.
    pub fn new(file: &Arc<str>, range: Range<usize>) -> Self {
        Span {
            file: Arc::clone(file),
            range,
        }
    }

    /// A span that covers a whole file without pointing into it.
    pub fn file(file: &Arc<str>) -> Self {
        Span::new(file, 0..0)
    }
}

/// A value with the span it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Sp<T> {
    /// The value read.
    pub value: T,
    /// Where it was read from.
    pub span: Span,
}

impl<T> Sp<T> {
    /// Pairs `value` with `span`.
    pub fn new(value: T, span: Span) -> Self {
        Sp { value, span }
    }

    /// Transforms the value, keeping the span.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Sp<U> {
        Sp {
            value: f(self.value),
            span: self.span,
        }
    }
}

impl Sp<String> {
    /// The string value.
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

/// A decoded source file.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The repository-relative path.
    pub path: Arc<str>,
    /// The decoded text (UTF-8).
    pub text: String,
    /// Where each line begins: made when a position is first asked for
    /// (only files with a problem to show), not for every file read.
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

/// A position for people: 1-based line and column, the column counted in
/// characters (what an editor shows), not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    /// The 1-based line number.
    pub line: usize,
    /// The 1-based column, in characters.
    pub column: usize,
}

impl SourceFile {
    /// A file of `path` with decoded `text`; the line index is made on first use.
    pub fn new(path: Arc<str>, text: String) -> Self {
        SourceFile {
            path,
            text,
            line_starts: std::sync::OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(
                    self.text
                        .bytes()
                        .enumerate()
                        .filter(|&(_, b)| b == b'\n')
                        .map(|(i, _)| i + 1),
                )
                .collect()
        })
    }

    /// The line and column of a byte offset (clamped to the text, and moved
    /// back to a character boundary).
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = self.floor_boundary(offset);
        let starts = self.line_starts();
        let line = starts.partition_point(|&s| s <= offset).max(1) - 1;
        let start = starts.get(line).copied().unwrap_or(0);
        let column = self
            .text
            .get(start..offset)
            .map_or(0, |s| s.chars().count())
            + 1;
        LineCol {
            line: line + 1,
            column,
        }
    }

    fn floor_boundary(&self, offset: usize) -> usize {
        let mut o = offset.min(self.text.len());
        while o > 0 && !self.text.is_char_boundary(o) {
            o -= 1;
        }
        o
    }

    /// A byte range made safe to slice this text with.
    pub fn clamp(&self, range: &Range<usize>) -> Range<usize> {
        let start = self.floor_boundary(range.start);
        let end = self.floor_boundary(range.end.max(start));
        start..end
    }
}

/// Every decoded file of one run, found by path.
#[derive(Debug, Default, Clone)]
pub struct SourceDb {
    files: std::collections::BTreeMap<Arc<str>, Arc<SourceFile>>,
}

impl SourceDb {
    /// Adds `file`, replacing one of the same path, and returns it shared.
    pub fn insert(&mut self, file: SourceFile) -> Arc<SourceFile> {
        let file = Arc::new(file);
        self.files.insert(Arc::clone(&file.path), Arc::clone(&file));
        file
    }

    /// The file of `path`; `None` when it was not read.
    pub fn get(&self, path: &str) -> Option<&SourceFile> {
        self.files.get(path).map(AsRef::as_ref)
    }

    /// Keeps the files whose path `keep` accepts.
    pub fn retain(&mut self, keep: impl Fn(&str) -> bool) {
        self.files.retain(|path, _| keep(path));
    }

    /// Adds the files of `other`, keeping ours where both have a path.
    pub fn merge(&mut self, other: SourceDb) {
        for (k, v) in other.files {
            self.files.entry(k).or_insert(v);
        }
    }

    /// Makes the file at `from` also known as `to` (a path inside the data
    /// folder and the same path as the Git host shows it).
    pub fn alias(&mut self, from: &str, to: &str) {
        if let Some(f) = self.files.get(from).cloned() {
            let path: Arc<str> = to.into();
            let renamed = SourceFile::new(Arc::clone(&path), f.text.clone());
            self.files.insert(path, Arc::new(renamed));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let f = SourceFile::new("a.toml".into(), "a = 1\nnội = \"x\"\n".into());
        assert_eq!(f.line_col(0), LineCol { line: 1, column: 1 });
        let eq = f.text.find('=').unwrap();
        assert_eq!(f.line_col(eq), LineCol { line: 1, column: 3 });
        let second = f.text.rfind('=').unwrap();
        assert_eq!(f.line_col(second), LineCol { line: 2, column: 5 });
        // Past the end and inside a character are clamped, never a panic.
        assert_eq!(f.line_col(10_000).line, 3);
        let inside = f.text.find('ộ').unwrap() + 1;
        assert_eq!(f.line_col(inside), LineCol { line: 2, column: 2 });
    }
}
