//! The sample and the inputs made from it.

use std::ops::Range;
use std::path::PathBuf;

use cchc::fsio::read_repo;
use cchc_core::diag::Code;
use cchc_core::input::FileData;
use cchc_core::input::Input;
use cchc_core::model::Campaign;
use cchc_core::pipeline::validate;

use super::{CAMPAIGN, NOW};

/// One hostile input and the codes it must produce (all of them).
pub(super) struct Case {
    pub(super) name: String,
    pub(super) input: Input,
    pub(super) expect: Vec<Code>,
}

impl Case {
    pub(super) fn new(name: String, input: Input, expect: &[Code]) -> Case {
        Case {
            name,
            input,
            expect: expect.to_vec(),
        }
    }
}

/// The repository's own data, read once.
pub(super) struct Sample {
    /// content/ (and .github/CODEOWNERS) without any submission.
    pub(super) content_only: Input,
    pub(super) subs: Vec<Sub>,
    pub(super) campaign: Campaign,
}

/// One sample submission, with its structure scanned.
pub(super) struct Sub {
    pub(super) path: String,
    pub(super) stem: String,
    pub(super) text: String,
    pub(super) items: Vec<Item>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Block {
    Root,
    PreparedBy,
    Task,
    Score,
    Evidence,
}

/// A header or a `key = value` of a submission, with byte offsets.
#[derive(Debug, Clone)]
pub(super) enum Item {
    Header {
        block: Block,
        start: usize,
        /// After the header's line break.
        end: usize,
    },
    Key {
        block: Block,
        key: Range<usize>,
        value: Range<usize>,
    },
}

impl Sample {
    pub(super) fn load() -> Sample {
        let full = read_repo(&PathBuf::from(env!("CARGO_MANIFEST_DIR"))).unwrap();
        let outcome = validate(&full, now());
        assert!(
            !outcome.diags.has_errors(),
            "the sample must be valid before it is mutated"
        );
        let campaign = outcome
            .content
            .campaigns
            .get(CAMPAIGN)
            .expect("the sample campaign")
            .clone();
        let mut content_only = full.clone();
        content_only
            .files
            .retain(|p, _| !p.starts_with("submissions/"));
        let prefix = format!("submissions/{CAMPAIGN}/");
        let subs: Vec<Sub> = full
            .files
            .iter()
            .filter_map(|(path, data)| {
                // The reports only: the later stages' files are in folders.
                let stem = path
                    .strip_prefix(&prefix)?
                    .strip_suffix(".toml")
                    .filter(|s| !s.contains('/'))?;
                let FileData::Bytes(bytes) = data else {
                    return None;
                };
                let text = String::from_utf8(bytes.clone()).ok()?;
                Some(Sub {
                    path: path.clone(),
                    stem: stem.to_owned(),
                    items: scan(&text),
                    text,
                })
            })
            .collect();
        assert!(subs.len() >= 10, "only {} sample submissions", subs.len());
        Sample {
            content_only,
            subs,
            campaign,
        }
    }

    /// content/ plus the files given (a submission, usually).
    pub(super) fn with(&self, files: &[(&str, Vec<u8>)]) -> Input {
        let mut input = self.content_only.clone();
        for (path, bytes) in files {
            input
                .files
                .insert((*path).to_owned(), FileData::Bytes(bytes.clone()));
        }
        input
    }

    /// content/ with `path` replaced (or added), no submission.
    pub(super) fn content_with(&self, path: &str, text: String) -> Input {
        self.with(&[(path, text.into_bytes())])
    }

    pub(super) fn content_text(&self, path: &str) -> String {
        match self.content_only.files.get(path) {
            Some(FileData::Bytes(b)) => String::from_utf8(b.clone()).unwrap(),
            _ => panic!("{path} is not in content/"),
        }
    }

    /// `k` submissions for the `i`-th variant of a family, spread so that
    /// every sample file gets its share of every family.
    pub(super) fn pick(&self, i: usize, k: usize) -> Vec<&Sub> {
        let n = self.subs.len();
        let k = k.min(n);
        (0..k).map(|j| &self.subs[(i * k + j) % n]).collect()
    }

    /// Submission text as bytes at the submission's own path.
    pub(super) fn sub_case(&self, sub: &Sub, name: String, text: &str, expect: &[Code]) -> Case {
        self.sub_bytes(sub, name, text.as_bytes().to_vec(), expect)
    }

    pub(super) fn sub_bytes(
        &self,
        sub: &Sub,
        mut name: String,
        bytes: Vec<u8>,
        expect: &[Code],
    ) -> Case {
        name.insert_str(0, &format!("{}: ", sub.stem));
        Case {
            name,
            input: self.with(&[(&sub.path, bytes)]),
            expect: expect.to_vec(),
        }
    }

    pub(super) fn rows_of(&self, unit: &str) -> Vec<String> {
        let set = &self.campaign.criteria;
        self.campaign
            .participant(unit)
            .map(|p| p.rows.iter().map(|&i| set.rows[i].id.clone()).collect())
            .unwrap_or_default()
    }
}

pub(super) fn now() -> jiff::Timestamp {
    NOW.parse().unwrap()
}

/// Finds headers and `key = value` lines of a submission (the sample's
/// plain layout: one key a line, `"""` strings possibly over many lines).
fn scan(text: &str) -> Vec<Item> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut items = Vec::new();
    let mut block = Block::Root;
    let mut offset = 0;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let start = offset;
        offset += line.len();
        i += 1;
        let body = line.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let header = match trimmed.trim_end() {
            "[prepared_by]" => Some(Block::PreparedBy),
            "[[task]]" => Some(Block::Task),
            "[[score]]" => Some(Block::Score),
            "[[score.evidence]]" => Some(Block::Evidence),
            _ => None,
        };
        if let Some(b) = header {
            block = b;
            items.push(Item::Header {
                block: b,
                start,
                end: offset,
            });
            continue;
        }
        let Some(eq) = body.find('=') else {
            continue;
        };
        let indent = body.len() - trimmed.len();
        let key = start + indent..start + body[..eq].trim_end().len();
        let after = &body[eq + 1..];
        let vstart = start + eq + 1 + (after.len() - after.trim_start().len());
        let vend = if text[vstart..].starts_with("\"\"\"") {
            let close = text[vstart + 3..].find("\"\"\"").map_or(text.len(), |p| {
                // A closing delimiter may be followed by more quotes.
                let mut e = vstart + 3 + p + 3;
                while text[e..].starts_with('"') {
                    e += 1;
                }
                e
            });
            while offset < close && i < lines.len() {
                offset += lines[i].len();
                i += 1;
            }
            close
        } else {
            start + body.len()
        };
        items.push(Item::Key {
            block,
            key,
            value: vstart..vend,
        });
    }
    items
}

impl Sub {
    /// The same file with another text, scanned again.
    pub(super) fn with_text(&self, text: String) -> Sub {
        Sub {
            path: self.path.clone(),
            stem: self.stem.clone(),
            items: scan(&text),
            text,
        }
    }

    /// The value ranges of `key` in blocks of kind `block`, in file order.
    pub(super) fn values(&self, block: Block, key: &str) -> Vec<Range<usize>> {
        self.items
            .iter()
            .filter_map(|it| match it {
                Item::Key {
                    block: b,
                    key: k,
                    value,
                } if *b == block && &self.text[k.clone()] == key => Some(value.clone()),
                _ => None,
            })
            .collect()
    }

    /// The text with the `nth` (wrapping) value of `key` replaced.
    pub(super) fn set(&self, block: Block, key: &str, nth: usize, to: &str) -> Option<String> {
        let values = self.values(block, key);
        let v = values.get(nth % values.len().max(1))?;
        Some(splice(&self.text, v.clone(), to))
    }

    /// Where the line after the `nth` (wrapping) value of `key` starts.
    pub(super) fn after_value(&self, block: Block, key: &str, nth: usize) -> Option<usize> {
        let values = self.values(block, key);
        let v = values.get(nth % values.len().max(1))?;
        Some(line_end(&self.text, v.end))
    }

    /// The headers of kind `block`: (start, end of the header line).
    pub(super) fn headers(&self, block: Block) -> Vec<(usize, usize)> {
        self.items
            .iter()
            .filter_map(|it| match it {
                Item::Header {
                    block: b,
                    start,
                    end,
                } if *b == block => Some((*start, *end)),
                _ => None,
            })
            .collect()
    }

    /// The byte range of the `nth` `[[task]]` or `[[score]]` block, its
    /// evidence included, up to the next block.
    pub(super) fn block(&self, block: Block, nth: usize) -> Option<Range<usize>> {
        let (start, _) = *self.headers(block).get(nth)?;
        let end = self
            .items
            .iter()
            .find_map(|it| match it {
                Item::Header {
                    block: b, start: s, ..
                } if *s > start && *b != Block::Evidence => Some(*s),
                _ => None,
            })
            .unwrap_or(self.text.len());
        Some(start..end)
    }

    /// The text with `line` inserted at byte `at` (a line start).
    pub(super) fn insert(&self, at: usize, line: &str) -> String {
        splice(&self.text, at..at, line)
    }

    /// The text with `more` appended after a line break.
    pub(super) fn append(&self, more: &str) -> String {
        let mut t = self.text.clone();
        if !t.ends_with('\n') {
            t.push('\n');
        }
        t.push('\n');
        t.push_str(more);
        t
    }
}

/// Keeps every other input made for one sample file (those from `from` on),
/// starting with the first or the second by `phase`: each mutation still
/// meets half the sample files, at half the cost.
pub(super) fn alternate(out: &mut Vec<Case>, from: usize, phase: usize) {
    let mut j = 0;
    let mut k = 0;
    out.retain(|_| {
        let keep = k < from || (j + phase).is_multiple_of(2);
        if k >= from {
            j += 1;
        }
        k += 1;
        keep
    });
}

/// `text` with the first `from` replaced; `from` must be there (the sample
/// changed if it is not).
pub(super) fn replace1(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from:?} is no longer in the sample");
    text.replacen(from, to, 1)
}

pub(super) fn splice(text: &str, range: Range<usize>, with: &str) -> String {
    let mut t = String::with_capacity(text.len() + with.len());
    t.push_str(&text[..range.start]);
    t.push_str(with);
    t.push_str(&text[range.end..]);
    t
}

/// The start of the line after the one holding byte `at`.
fn line_end(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |p| at + p + 1)
}

/// The largest character boundary at or below `at`.
pub(super) fn floor(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}
