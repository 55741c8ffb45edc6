//! What a run reads: the repository's files as bytes, handed in by the
//! edges (the work tree, a Git revision, memory).

use std::collections::BTreeMap;

/// The files of one run: repository-relative paths with `/` separators.
#[derive(Debug, Default, Clone)]
pub struct Input {
    /// Each file's bytes by path.
    pub files: BTreeMap<String, FileData>,
    /// Submissions given on the command line from outside the repository,
    /// by the path the user typed.
    pub loose: Vec<(String, FileData)>,
}

/// What the loader found at a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileData {
    /// The file's bytes.
    Bytes(Vec<u8>),
    /// Larger than the loader's cap; the bytes were not read.
    TooLarge {
        /// The file's size in bytes.
        size: u64,
    },
}

/// Submissions above this size are refused: a real one is a few dozen KiB.
pub const SUBMISSION_LIMIT: u64 = 1024 * 1024;
/// Content files (criteria sets, campaigns) may be larger.
pub const CONTENT_LIMIT: u64 = 8 * 1024 * 1024;
