//! The published branch's history of submissions/, as the report reads it:
//! each file's revisions along the first-parent line (read by the Git edge).

use std::collections::BTreeMap;

use jiff::Timestamp;

use crate::text::Text;

/// How a commit changed a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// The file is new in the commit.
    Added,
    /// The file's bytes changed in the commit.
    Modified,
    /// The commit removed the file.
    Deleted,
}

/// One commit of the first-parent line that changed a submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// The commit's full id.
    pub commit: String,
    /// When the commit was made on the branch: its committer time.
    pub time: Timestamp,
    /// The first line of its message.
    pub summary: String,
    /// The pull request it merged, when its message names one.
    pub pull_request: Option<u64>,
    /// How the commit changed the file.
    pub change: Change,
}

/// The branch's history of submissions/, or why it is unknown.
#[derive(Debug, Clone)]
pub enum History {
    /// The history was read.
    Known {
        /// The published branch's name.
        branch: String,
        /// The commit id the history was read at.
        head: String,
        /// Revisions of each file under submissions/, oldest first.
        files: BTreeMap<String, Vec<Revision>>,
    },
    /// The history could not be read.
    Unknown {
        /// Why it could not be read.
        reason: Text,
    },
}

impl History {
    /// The revisions of `path` (under submissions/), oldest first; empty when unknown or unchanged.
    pub fn revisions(&self, path: &str) -> &[Revision] {
        match self {
            History::Known { files, .. } => files.get(path).map_or(&[], Vec::as_slice),
            History::Unknown { .. } => &[],
        }
    }

    /// Whether the history was read.
    pub fn is_known(&self) -> bool {
        matches!(self, History::Known { .. })
    }
}

impl History {
    /// The commit the history was read at.
    pub fn tip(&self) -> Option<&str> {
        match self {
            History::Known { head, .. } => Some(head),
            History::Unknown { .. } => None,
        }
    }
}

/// "Merge pull request #12 from …" (a merge commit) or "… (#12)" at the end
/// (a squash merge).
pub fn pull_request_number(summary: &str) -> Option<u64> {
    let number = |s: &str| -> Option<u64> {
        let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    };
    if let Some(rest) = summary.strip_prefix("Merge pull request #") {
        return number(rest);
    }
    let open = summary.rfind("(#")?;
    let rest = summary.get(open + 2..)?;
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    rest.get(digits..)
        .filter(|tail| tail.trim_end() == ")")
        .and_then(|_| number(rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_pull_request_numbers() {
        assert_eq!(
            pull_request_number("Merge pull request #12 from so-tu-phap/bao-cao"),
            Some(12)
        );
        assert_eq!(pull_request_number("Báo cáo Sở Tư pháp (#7)"), Some(7));
        assert_eq!(pull_request_number("Sửa lỗi (#7) và thêm"), None);
        assert_eq!(pull_request_number("Cập nhật"), None);
        assert_eq!(pull_request_number("Báo cáo (#07)"), Some(7));
    }
}
