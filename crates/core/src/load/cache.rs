//! [`ReadCache`]: submissions read before, parsed again only when their
//! bytes change; and a submission read on its own ([`PreRead`]).

use std::sync::Arc;

use super::Input;
use crate::diag::Diagnostics;
use crate::input::{FileData, SUBMISSION_LIMIT};
use crate::raw;
use crate::source::SourceFile;
use crate::toml_read::{decode, read_document};

/// Submissions as read before, by path: `serve` re-reads a campaign on
/// every edit, and so parses again only the files whose bytes changed.
#[derive(Debug, Default)]
pub struct ReadCache {
    files: std::sync::Mutex<std::collections::HashMap<String, Arc<Known>>>,
}

/// A file's bytes and what reading them gave.
type Known = (Vec<u8>, PreRead);

impl ReadCache {
    pub(super) fn pre_read(&self, path: &str, data: &FileData) -> PreRead {
        let FileData::Bytes(bytes) = data else {
            return pre_read(path, data);
        };
        let files = || {
            self.files
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        };
        // Compared and copied outside the lock: files are read in parallel.
        let known = files().get(path).cloned();
        if let Some(known) = known.filter(|k| k.0 == *bytes) {
            return known.1.clone();
        }
        let pre = pre_read(path, data);
        files().insert(path.to_owned(), Arc::new((bytes.clone(), pre.clone())));
        pre
    }

    /// Forgets the files `input` no longer has.
    pub(super) fn keep_only(&self, input: &Input) {
        self.files
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .retain(|path, _| input.files.contains_key(path));
    }
}

/// A submission decoded and read on its own, with its problems.
#[derive(Debug, Clone)]
pub(super) struct PreRead {
    pub(super) path: Arc<str>,
    pub(super) decoded: Result<SourceFile, Option<SourceFile>>,
    pub(super) sub: Option<raw::submission::Submission>,
    pub(super) diags: Diagnostics,
}

pub(super) fn pre_read(path: &str, data: &FileData) -> PreRead {
    let path: Arc<str> = Arc::from(path);
    let mut diags = Diagnostics::default();
    let decoded = decode(&path, data, SUBMISSION_LIMIT, &mut diags);
    let sub = decoded
        .as_ref()
        .ok()
        .and_then(|f| read_document::<raw::submission::Submission>(f, &mut diags));
    PreRead {
        path,
        decoded,
        sub,
        diags,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Input;
    use crate::load::{Loaded, Part, load_part, load_part_with};

    #[test]
    fn a_read_cache_parses_again_exactly_the_files_that_changed() {
        let file = |unit: &str, score: &str| {
            FileData::Bytes(
                format!("unit = \"{unit}\"\ncampaign = \"c\"\nscore = {score}\n").into_bytes(),
            )
        };
        let input = |b_score: &str| Input {
            files: [
                ("submissions/c/a.toml".to_owned(), file("a", "1")),
                ("submissions/c/b.toml".to_owned(), file("b", b_score)),
            ]
            .into_iter()
            .collect(),
            loose: Vec::new(),
        };
        // What a load finds: each file's problems, as text.
        let seen = |loaded: &Loaded, diags: &Diagnostics| {
            let mut out: Vec<String> = diags
                .clone()
                .into_sorted()
                .iter()
                .map(|d| format!("{} {} {}", d.span.file, d.code.as_str(), d.message.en))
                .collect();
            out.push(format!("{} submissions", loaded.submissions.len()));
            out
        };
        let cache = ReadCache::default();
        let mut results = Vec::new();
        for b_score in ["2", "2", "oops", "3"] {
            let (mut plain, mut cached) = (Diagnostics::default(), Diagnostics::default());
            let a = load_part(&input(b_score), Part::Submissions, &mut plain);
            let b = load_part_with(
                &input(b_score),
                Part::Submissions,
                &mut cached,
                Some(&cache),
            );
            assert_eq!(seen(&a, &plain), seen(&b, &cached), "b's score {b_score}");
            results.push(seen(&b, &cached));
        }
        // Each read saw b's bytes of its turn: 2, a syntax error, then 3.
        let says = |i: usize, what: &str| results[i].iter().any(|l| l.contains(what));
        assert!(says(1, "is the number 2") && !says(1, "E004"));
        assert!(says(2, "submissions/c/b.toml E004") && !says(2, "is the number 2"));
        assert!(says(3, "is the number 3") && !says(3, "E004"));
        // A file gone from the input is forgotten.
        let mut only_a = input("1");
        only_a.files.remove("submissions/c/b.toml");
        load_part_with(
            &only_a,
            Part::Submissions,
            &mut Diagnostics::default(),
            Some(&cache),
        );
        assert_eq!(cache.files.lock().unwrap().len(), 1);
    }
}
