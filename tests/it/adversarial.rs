//! An adversarial corpus: some 1 500 malformed or hostile inputs, made by
//! mutating the repository's own sample (content/ and every
//! submissions/2023-9t/*.toml, read with `read_repo`), each with the
//! diagnostic code(s) it must produce. Each input is content/ plus the one
//! file it mutates; it is validated in-process with a fixed clock, inside
//! `catch_unwind`, and its outcome rendered in every format and language.
//! No input may panic, be accepted (give no error), miss an expected code,
//! or put a control character into the human or GitHub output (JSON must
//! parse, one item a problem; GitHub output one line a problem).
//!
//! The corpus is a table of generator functions ([`GENERATORS`]), one per
//! family of mutations; [`controls`] adds harmless variants that must be
//! accepted, so that the mutations, not the harness, make the errors. An
//! input cchc gets wrong is kept with the code cchc *should* give and listed
//! in [`KNOWN_BUGS`]: it is printed, not failed on, until the bug is fixed.
//!
//! Environment: `ADVERSARIAL_SHOW=1` prints every input with the codes it
//! gave, `ADVERSARIAL_ONLY=<text>` runs only the inputs whose name contains
//! the text, `ADVERSARIAL_RENDER=1` prints each input's English human
//! output, `ADVERSARIAL_TIME=1` each input's time; add `-- --nocapture`.

// Test code: a failed unwrap is a failed test with its message.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::ops::Range;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

use cchc::fsio::read_repo;
use cchc_core::diag::Code;
use cchc_core::diag::render::{Format, Summary, render};
use cchc_core::load::Input;
use cchc_core::model::{Campaign, Level};
use cchc_core::text::Lang;
use cchc_core::toml_read::FileData;
use cchc_core::validate::validate;
use unicode_normalization::UnicodeNormalization;

const CAMPAIGN: &str = "2023-9t";
const NOW: &str = "2023-09-14T05:00:00Z";

/// A bug cchc has today: what goes wrong, and the inputs that show it (by
/// the end of their names). The inputs stay in the corpus with the code cchc
/// should give; the test prints them instead of failing, and says when one
/// no longer shows the bug.
struct KnownBug {
    what: &'static str,
    inputs: &'static [&'static str],
}

/// None today: the five found by this corpus (integers TOML forbids, band
/// percentages, links without a host, and control characters reaching the
/// terminal through a unit value or a file name) are fixed.
const KNOWN_BUGS: &[KnownBug] = &[];

/// The families of the corpus.
type Generator = fn(&Sample) -> Vec<Case>;
const GENERATORS: &[(&str, Generator)] = &[
    ("truncation", truncation),
    ("numbers", numbers),
    ("types", types),
    ("structure", structure),
    ("identity", identity),
    ("encoding", encoding),
    ("size-and-depth", size_and_depth),
    ("dates", dates),
    ("links", links),
    ("nfd", nfd),
    ("lookalikes", lookalikes),
    ("paths", paths),
    ("escapes", escapes),
    ("content", content),
];

// ---------------------------------------------------------------------------
// The sample and the inputs made from it
// ---------------------------------------------------------------------------

/// One hostile input and the codes it must produce (all of them).
struct Case {
    name: String,
    input: Input,
    expect: Vec<Code>,
}

/// The repository's own data, read once.
struct Sample {
    /// content/ (and .github/CODEOWNERS) without any submission.
    content_only: Input,
    subs: Vec<Sub>,
    campaign: Campaign,
}

/// One sample submission, with its structure scanned.
struct Sub {
    path: String,
    stem: String,
    text: String,
    items: Vec<Item>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    Root,
    PreparedBy,
    Task,
    Score,
    Evidence,
}

/// A header or a `key = value` of a submission, with byte offsets.
#[derive(Debug, Clone)]
enum Item {
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
    fn load() -> Sample {
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
                let stem = path.strip_prefix(&prefix)?.strip_suffix(".toml")?;
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
    fn with(&self, files: &[(&str, Vec<u8>)]) -> Input {
        let mut input = self.content_only.clone();
        for (path, bytes) in files {
            input
                .files
                .insert((*path).to_owned(), FileData::Bytes(bytes.clone()));
        }
        input
    }

    /// content/ with `path` replaced (or added), no submission.
    fn content_with(&self, path: &str, text: String) -> Input {
        self.with(&[(path, text.into_bytes())])
    }

    fn content_text(&self, path: &str) -> String {
        match self.content_only.files.get(path) {
            Some(FileData::Bytes(b)) => String::from_utf8(b.clone()).unwrap(),
            _ => panic!("{path} is not in content/"),
        }
    }

    /// `k` submissions for the `i`-th variant of a family, spread so that
    /// every sample file gets its share of every family.
    fn pick(&self, i: usize, k: usize) -> Vec<&Sub> {
        let n = self.subs.len();
        let k = k.min(n);
        (0..k).map(|j| &self.subs[(i * k + j) % n]).collect()
    }

    /// Submission text as bytes at the submission's own path.
    fn sub_case(&self, sub: &Sub, name: String, text: &str, expect: &[Code]) -> Case {
        self.sub_bytes(sub, name, text.as_bytes().to_vec(), expect)
    }

    fn sub_bytes(&self, sub: &Sub, mut name: String, bytes: Vec<u8>, expect: &[Code]) -> Case {
        name.insert_str(0, &format!("{}: ", sub.stem));
        Case {
            name,
            input: self.with(&[(&sub.path, bytes)]),
            expect: expect.to_vec(),
        }
    }

    fn rows_of(&self, unit: &str) -> Vec<String> {
        let set = &self.campaign.criteria;
        self.campaign
            .participant(unit)
            .map(|p| p.rows.iter().map(|&i| set.rows[i].id.clone()).collect())
            .unwrap_or_default()
    }
}

fn now() -> jiff::Timestamp {
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
    fn with_text(&self, text: String) -> Sub {
        Sub {
            path: self.path.clone(),
            stem: self.stem.clone(),
            items: scan(&text),
            text,
        }
    }

    /// The value ranges of `key` in blocks of kind `block`, in file order.
    fn values(&self, block: Block, key: &str) -> Vec<Range<usize>> {
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
    fn set(&self, block: Block, key: &str, nth: usize, to: &str) -> Option<String> {
        let values = self.values(block, key);
        let v = values.get(nth % values.len().max(1))?;
        Some(splice(&self.text, v.clone(), to))
    }

    /// Where the line after the `nth` (wrapping) value of `key` starts.
    fn after_value(&self, block: Block, key: &str, nth: usize) -> Option<usize> {
        let values = self.values(block, key);
        let v = values.get(nth % values.len().max(1))?;
        Some(line_end(&self.text, v.end))
    }

    /// The headers of kind `block`: (start, end of the header line).
    fn headers(&self, block: Block) -> Vec<(usize, usize)> {
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
    fn block(&self, block: Block, nth: usize) -> Option<Range<usize>> {
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
    fn insert(&self, at: usize, line: &str) -> String {
        splice(&self.text, at..at, line)
    }

    /// The text with `more` appended after a line break.
    fn append(&self, more: &str) -> String {
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
fn alternate(out: &mut Vec<Case>, from: usize, phase: usize) {
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
fn replace1(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from:?} is no longer in the sample");
    text.replacen(from, to, 1)
}

fn splice(text: &str, range: Range<usize>, with: &str) -> String {
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
fn floor(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

// ---------------------------------------------------------------------------
// Truncation
// ---------------------------------------------------------------------------

/// Every sample submission cut at its structural points: before, inside and
/// after each header; before each key whose loss a rule notices; inside a
/// key, after it, after `=`; inside every kind of value; in the middle of a
/// multi-byte character. The expected code follows from what is left.
fn truncation(s: &Sample) -> Vec<Case> {
    let mut out = Vec::new();
    for (file_index, sub) in s.subs.iter().enumerate() {
        let t = &sub.text;
        // (label, cut, expected): labels group the cuts of one kind.
        let mut cuts: Vec<(String, usize, Code)> = Vec::new();
        let mut contact = false;
        let mut scored = false;
        for item in &sub.items {
            match item {
                Item::Header { block, start, end } => {
                    let (name, before) = match block {
                        Block::PreparedBy => ("[prepared_by]", Some(Code::E010)),
                        Block::Task => ("[[task]]", Some(Code::E062)),
                        Block::Score => ("[[score]]", Some(Code::E033)),
                        // The blocks before may be complete without it.
                        Block::Evidence => ("[[score.evidence]]", None),
                        Block::Root => unreachable!(),
                    };
                    if let Some(code) = before {
                        cuts.push((format!("before {name}"), *start, code));
                    }
                    cuts.push((format!("inside {name}"), start + 4, Code::E004));
                    cuts.push((format!("after {name}"), *end, Code::E010));
                    contact = false;
                    scored = false;
                }
                Item::Key { block, key, value } => {
                    let k = &t[key.clone()];
                    let v = &t[value.clone()];
                    let line_start = t[..key.start].rfind('\n').map_or(0, |p| p + 1);
                    let before = match (block, k) {
                        (Block::Root, _)
                        | (Block::PreparedBy, "name")
                        | (Block::Task, "id")
                        | (Block::Score, "criterion")
                        | (Block::Evidence, "number" | "date" | "title") => Some(Code::E010),
                        (Block::PreparedBy, _) if !contact => Some(Code::E025),
                        (Block::Task, "status") => Some(Code::E065),
                        (Block::Score, "score" | "not_applicable") => Some(Code::E041),
                        (Block::Score, "reason") => Some(Code::E040),
                        (Block::Score, "explanation") if scored => Some(Code::E043),
                        _ => None,
                    };
                    let place = format!("{block:?}.{k}");
                    if let Some(code) = before {
                        cuts.push((format!("before {place}"), line_start, code));
                    }
                    if k.len() >= 2 {
                        cuts.push((
                            format!("inside key {place}"),
                            key.start + k.len() / 2,
                            Code::E004,
                        ));
                    }
                    cuts.push((format!("after key {place}"), key.end, Code::E004));
                    cuts.push((format!("after = of {place}"), value.start, Code::E004));
                    if v.starts_with("\"\"\"") {
                        cuts.push((format!("after \" of {place}"), value.start + 1, Code::E004));
                        // `key = ""` is a complete, empty string.
                        let empty = match (block, k) {
                            (Block::Score, "explanation") if scored => Some(Code::E043),
                            (Block::Score, "reason") => Some(Code::E040),
                            (Block::Root, _)
                            | (Block::PreparedBy, "name")
                            | (Block::Task, "id")
                            | (Block::Score, "criterion")
                            | (Block::Evidence, "number" | "title") => Some(Code::E014),
                            _ => None,
                        };
                        if let Some(code) = empty {
                            cuts.push((format!("after \"\" of {place}"), value.start + 2, code));
                        }
                        cuts.push((
                            format!("after \"\"\" of {place}"),
                            value.start + 3,
                            Code::E004,
                        ));
                        let mid = floor(t, value.start + v.len() / 2);
                        cuts.push((format!("inside \"\"\" of {place}"), mid, Code::E004));
                        let close = value.start + v.trim_end_matches('"').len();
                        cuts.push((
                            format!("before closing \"\"\" of {place}"),
                            close,
                            Code::E004,
                        ));
                        cuts.push((
                            format!("inside closing \"\"\" of {place}"),
                            close + 2,
                            Code::E004,
                        ));
                    } else if v.starts_with('"') {
                        cuts.push((format!("after \" of {place}"), value.start + 1, Code::E004));
                        let mid = floor(t, value.start + v.len() / 2);
                        if mid > value.start + 1 {
                            cuts.push((format!("inside string of {place}"), mid, Code::E004));
                        }
                        cuts.push((
                            format!("before closing \" of {place}"),
                            value.end - 1,
                            Code::E004,
                        ));
                    } else if k == "date" {
                        cuts.push((
                            format!("inside date of {place}"),
                            value.start + 7,
                            Code::E004,
                        ));
                        cuts.push((
                            format!("inside day of {place}"),
                            value.start + 9,
                            Code::E004,
                        ));
                    } else if let Some(dot) = v.find('.') {
                        cuts.push((
                            format!("after . of {place}"),
                            value.start + dot + 1,
                            Code::E004,
                        ));
                        if k == "score" && v.len() > dot + 2 {
                            // 0.75 cut to 0.7: off the step.
                            cuts.push((
                                format!("inside decimals of {place}"),
                                value.start + dot + 2,
                                Code::E038,
                            ));
                        }
                    } else if v == "true" {
                        cuts.push((
                            format!("inside true of {place}"),
                            value.start + 2,
                            Code::E004,
                        ));
                    }
                    match (block, k) {
                        (Block::PreparedBy, "phone" | "email") => contact = true,
                        (Block::Score, "score") => scored = true,
                        _ => {}
                    }
                }
            }
        }
        // Inside a multi-byte character of the first score's text: the file
        // ends in half a letter.
        let (first_score, _) = sub.headers(Block::Score)[0];
        if let Some((at, _)) = t[first_score..].char_indices().find(|(_, c)| !c.is_ascii()) {
            cuts.push((
                "inside a character".to_owned(),
                first_score + at + 1,
                Code::E001,
            ));
        }
        cuts.push(("to nothing".to_owned(), 0, Code::E010));
        // One cut of each kind a file, a different occurrence in each file.
        // Cuts that leave a syntax error (E004) or a missing key (E010) are
        // the most numerous: each of their kinds goes to an eighth or half
        // of the files only (every kind still somewhere), or the corpus
        // would take minutes.
        let mut by_label: BTreeMap<&str, Vec<(usize, Code)>> = BTreeMap::new();
        for (label, at, code) in &cuts {
            by_label.entry(label).or_default().push((*at, *code));
        }
        for (j, (label, list)) in by_label.into_iter().enumerate() {
            let (at, code) = list[(file_index * 7) % list.len()];
            let share = match code {
                Code::E004 => 8,
                Code::E010 => 2,
                _ => 1,
            };
            if (j + file_index) % share != 0 {
                continue;
            }
            out.push(s.sub_bytes(
                sub,
                format!("cut {label} at byte {at}"),
                t.as_bytes()[..at].to_vec(),
                &[code],
            ));
        }
    }
    // A CRLF file cut between CR and LF: it ends in a bare CR.
    for sub in &s.subs {
        let crlf = sub.text.replace('\n', "\r\n");
        let line = crlf.find("\nunit = ").unwrap() + 1;
        let cr = line + crlf[line..].find('\r').unwrap() + 1;
        out.push(s.sub_bytes(
            sub,
            format!("CRLF file cut between CR and LF at byte {cr}"),
            crlf.as_bytes()[..cr].to_vec(),
            &[Code::E004],
        ));
    }
    out
}

// ---------------------------------------------------------------------------
// Numbers and types
// ---------------------------------------------------------------------------

/// A score (or a progress) replaced by hostile numbers and non-numbers.
fn numbers(s: &Sample) -> Vec<Case> {
    let scores: &[(&str, Code)] = &[
        ("1000", Code::E037),
        ("100.25", Code::E037),
        ("1e300", Code::E037),
        ("1.7976931348623157e308", Code::E037),
        ("1e3", Code::E037),
        ("1_000", Code::E037),
        ("0x10", Code::E037),
        ("0o777", Code::E037),
        ("0b1111", Code::E037),
        ("9223372036854775807", Code::E037),
        ("-0.25", Code::E036),
        ("-1", Code::E036),
        ("-1e300", Code::E036),
        ("-1_000", Code::E036),
        ("-9223372036854775808", Code::E036),
        ("nan", Code::E035),
        ("+nan", Code::E035),
        ("-nan", Code::E035),
        ("inf", Code::E035),
        ("+inf", Code::E035),
        ("-inf", Code::E035),
        ("1e400", Code::E035),
        ("-1e400", Code::E035),
        ("9e99999", Code::E035),
        ("1e99999999999999999999", Code::E035),
        // Out of TOML's 64-bit integers: the parser refuses it.
        ("99999999999999999999", Code::E004),
        ("-99999999999999999999", Code::E004),
        ("0,5", Code::E004),
        (".5", Code::E004),
        ("5.", Code::E004),
        ("05", Code::E004),
        ("1__0", Code::E004),
        ("0.5.0", Code::E004),
        ("½", Code::E004),
        ("1/2", Code::E004),
        ("NaN", Code::E004),
        ("Infinity", Code::E004),
        ("0.5 0.25", Code::E004),
        ("", Code::E004),
        ("1e", Code::E004),
        ("0x", Code::E004),
        ("+0x10", Code::E004),
        ("0o", Code::E004),
        ("0b", Code::E004),
        ("0x_", Code::E004),
        ("0x_1", Code::E004),
        ("0b2", Code::E004),
        ("0o8", Code::E004),
        ("0xG", Code::E004),
        ("1_", Code::E004),
        ("1e_5", Code::E004),
        ("1_e5", Code::E004),
        ("1.5_", Code::E004),
        ("0_0", Code::E004),
        ("00", Code::E004),
        ("-0x1", Code::E004),
        ("1e+", Code::E004),
        ("1.e5", Code::E004),
        ("0.0e", Code::E004),
        ("0xFFFFFFFFFFFFFFFF", Code::E004),
        ("9223372036854775808", Code::E004),
        ("-9223372036854775809", Code::E004),
        ("1_.5", Code::E004),
        ("1._5", Code::E004),
        ("1.5e+_3", Code::E004),
        ("1.5E", Code::E004),
        ("-.5", Code::E004),
        ("+.5", Code::E004),
        ("1e5.5", Code::E004),
        ("0x1.5", Code::E004),
        ("1e0x5", Code::E004),
        ("infinity", Code::E004),
        ("nan_", Code::E004),
        ("-0x0", Code::E004),
        ("0x-1", Code::E004),
        ("1.0.", Code::E004),
        ("1e1e1", Code::E004),
        ("١", Code::E004),
        ("１", Code::E004),
        ("1E3", Code::E037),
        ("1e+3", Code::E037),
        ("+1_000.0", Code::E037),
        ("0x7FFFFFFFFFFFFFFF", Code::E037),
        ("\"0.5\"", Code::E011),
        ("'0,5'", Code::E011),
        ("\"nan\"", Code::E011),
        ("true", Code::E011),
        ("2023-01-01", Code::E011),
        ("08:00:00", Code::E011),
        ("[0.5]", Code::E011),
        ("[]", Code::E011),
        ("{ value = 0.5 }", Code::E011),
        ("\"\"\"0.5\"\"\"", Code::E011),
    ];
    let progress: &[(&str, Code)] = &[
        ("150", Code::E066),
        ("-5", Code::E066),
        ("100.5", Code::E066),
        ("nan", Code::E066),
        ("inf", Code::E066),
        ("-inf", Code::E066),
        ("1e400", Code::E066),
        ("\"65%\"", Code::E011),
        ("\"100\"", Code::E011),
        ("true", Code::E011),
        ("65%", Code::E004),
        ("0x", Code::E004),
        ("0b", Code::E004),
        ("99999999999999999999", Code::E004),
        ("-99999999999999999999", Code::E004),
        ("100 %", Code::E004),
    ];
    let mut out = Vec::new();
    for (i, (value, code)) in scores.iter().enumerate() {
        // Syntax errors are the parser's; one file each is enough.
        let k = if *code == Code::E004 { 1 } else { 2 };
        for sub in s.pick(i, k) {
            let Some(text) = sub.set(Block::Score, "score", i, value) else {
                continue;
            };
            out.push(s.sub_case(sub, format!("score = {value}"), &text, &[*code]));
        }
    }
    for (i, (value, code)) in progress.iter().enumerate() {
        for sub in s.pick(i, 2) {
            let Some(text) = sub.set(Block::Task, "progress", i, value) else {
                continue;
            };
            out.push(s.sub_case(sub, format!("progress = {value}"), &text, &[*code]));
        }
    }
    out
}

/// Numbers, booleans, dates and arrays where text goes, and text where a
/// date or a boolean goes: E011.
fn types(s: &Sample) -> Vec<Case> {
    let variants: &[(Block, &str, &str)] = &[
        (Block::Root, "campaign", "2023"),
        (Block::Root, "campaign", "2023-09-10"),
        (Block::Root, "unit", "0"),
        (Block::Root, "unit", "true"),
        (Block::Root, "unit", "[\"tu-phap\"]"),
        (Block::Root, "unit", "{ id = \"tu-phap\" }"),
        (Block::PreparedBy, "name", "0"),
        (Block::PreparedBy, "email", "1"),
        (Block::PreparedBy, "position", "[]"),
        (Block::Task, "id", "11"),
        (Block::Task, "status", "1"),
        (Block::Task, "status", "true"),
        (Block::Task, "note", "0.5"),
        (Block::Score, "criterion", "2.1"),
        (Block::Score, "criterion", "211"),
        (Block::Score, "criterion", "[\"2.1.1\"]"),
        (Block::Score, "explanation", "1"),
        (Block::Score, "explanation", "2023-09-10"),
        (Block::Evidence, "number", "115"),
        (Block::Evidence, "title", "1.5"),
        (Block::Evidence, "date", "20230116"),
        (Block::Evidence, "date", "\"2023-01-16\""),
        (Block::Evidence, "date", "'16/01/2023'"),
        (Block::Evidence, "url", "1"),
    ];
    let mut out = Vec::new();
    for (i, (block, key, value)) in variants.iter().enumerate() {
        for sub in s.pick(i, 2) {
            let Some(text) = sub.set(*block, key, i, value) else {
                continue;
            };
            out.push(s.sub_case(
                sub,
                format!("{block:?}.{key} = {value}"),
                &text,
                &[Code::E011],
            ));
        }
    }
    // not_applicable as text: a boolean is needed.
    for (i, sub) in s.subs.iter().enumerate().step_by(3) {
        if let Some(at) = sub.after_value(Block::Score, "score", i) {
            let text = sub.insert(at, "not_applicable = \"true\"\n");
            out.push(s.sub_case(
                sub,
                "not_applicable = \"true\"".into(),
                &text,
                &[Code::E011],
            ));
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Structure: duplicates, unknown keys, rows and tasks
// ---------------------------------------------------------------------------

fn structure(s: &Sample) -> Vec<Case> {
    let mut out = Vec::new();
    let set = &s.campaign.criteria;
    let survey: Vec<&str> = set
        .rows
        .iter()
        .filter(|r| !r.is_self_assessed())
        .map(|r| r.id.as_str())
        .collect();
    assert!(!survey.is_empty(), "the sample has survey rows");
    let participants = &s.campaign.participants;
    for (i, sub) in s.subs.iter().enumerate() {
        let from = out.len();
        let t = &sub.text;
        let mut push = |name: &str, text: String, expect: &[Code]| {
            out.push(s.sub_case(sub, name.to_owned(), &text, expect));
        };
        let unit_end = sub.after_value(Block::Root, "unit", 0).unwrap();
        let (_, pb_end) = sub.headers(Block::PreparedBy)[0];
        // Duplicate keys and tables: TOML syntax.
        push(
            "unit twice",
            sub.insert(unit_end, &format!("unit = \"{}\"\n", sub.stem)),
            &[Code::E004],
        );
        push(
            "campaign twice",
            sub.insert(unit_end, &format!("campaign = \"{CAMPAIGN}\"\n")),
            &[Code::E004],
        );
        push(
            "name twice in [prepared_by]",
            sub.insert(pb_end, "name = \"Nguyễn Văn A\"\n"),
            &[Code::E004],
        );
        push(
            "[prepared_by] twice",
            sub.append("[prepared_by]\nname = \"Nguyễn Văn A\"\nemail = \"a@b.example\"\n"),
            &[Code::E004],
        );
        push(
            "[prepared_by] written as [[prepared_by]]",
            t.replacen("[prepared_by]", "[[prepared_by]]", 1),
            &[Code::E011],
        );
        push(
            "prepared_by also as a dotted key",
            sub.insert(unit_end, "prepared_by.name = \"Nguyễn Văn A\"\n"),
            &[Code::E004],
        );
        if let Some(at) = sub.after_value(Block::Score, "score", i) {
            push(
                "score twice in a block",
                sub.insert(at, "score = 0\n"),
                &[Code::E004],
            );
            push(
                "score and not_applicable",
                sub.insert(at, "not_applicable = true\n"),
                &[Code::E042],
            );
        }
        if let Some(at) = sub.after_value(Block::Evidence, "date", i) {
            push(
                "date twice in evidence",
                sub.insert(at, "date = 2023-01-02\n"),
                &[Code::E004],
            );
        }
        if let Some(at) = sub.after_value(Block::Score, "criterion", i) {
            push(
                "criterion twice in a block",
                sub.insert(at, "criterion = \"1.1.1\"\n"),
                &[Code::E004],
            );
        }
        // [[score]] as a single table next to the array.
        push(
            "first [[score]] written as [score]",
            t.replacen("[[score]]", "[score]", 1),
            &[if sub.headers(Block::Score).len() > 1 {
                Code::E004
            } else {
                Code::E011
            }],
        );
        push(
            "first [[task]] written as [task]",
            t.replacen("[[task]]", "[task]", 1),
            &[if sub.headers(Block::Task).len() > 1 {
                Code::E004
            } else {
                Code::E011
            }],
        );
        // The same row or task twice.
        let first_score = sub.block(Block::Score, 0).unwrap();
        push(
            "first [[score]] block twice",
            sub.append(&t[first_score.clone()]),
            &[Code::E032],
        );
        let last = sub.headers(Block::Score).len() - 1;
        let last_score = sub.block(Block::Score, last).unwrap();
        push(
            "last [[score]] block twice",
            sub.append(&t[last_score.clone()]),
            &[Code::E032],
        );
        if let Some(task) = sub.block(Block::Task, 0) {
            push(
                "first [[task]] block twice",
                sub.append(&t[task.clone()]),
                &[Code::E064],
            );
            push(
                "first [[task]] block removed",
                splice(t, task, ""),
                &[Code::E062],
            );
        }
        // Rows missing.
        push(
            "first [[score]] block removed",
            splice(t, first_score, ""),
            &[Code::E033],
        );
        if last > 0 {
            push(
                "last [[score]] block removed",
                splice(t, last_score, ""),
                &[Code::E033],
            );
        }
        // Unknown keys.
        push(
            "unknown root key",
            sub.insert(unit_end, "ghi_chu = \"x\"\n"),
            &[Code::E012],
        );
        push(
            "unknown key in [prepared_by]",
            sub.insert(pb_end, "chuc_vu = \"x\"\n"),
            &[Code::E012],
        );
        push(
            "unknown table",
            sub.append("[metadata]\nversion = 1\n"),
            &[Code::E012],
        );
        push(
            "unit again as a quoted key",
            sub.insert(unit_end, &format!("\"unit\" = \"{}\"\n", sub.stem)),
            &[Code::E004],
        );
        push(
            "key in upper case",
            t.replacen("\nunit = ", "\nUnit = ", 1),
            &[Code::E012, Code::E010],
        );
        push(
            "score as a dotted root key",
            sub.insert(unit_end, "score.criterion = \"2.1.1\"\n"),
            &[Code::E004],
        );
        if let Some(at) = sub.after_value(Block::Score, "criterion", i + 1) {
            push(
                "misspelled key in [[score]]",
                sub.insert(at, "explaination = \"x\"\n"),
                &[Code::E012],
            );
        }
        if let Some(at) = sub.after_value(Block::Task, "id", i) {
            push(
                "unknown key in [[task]]",
                sub.insert(at, "tien_do = 50\n"),
                &[Code::E012],
            );
        }
        if let Some(at) = sub.after_value(Block::Evidence, "number", i) {
            push(
                "unknown key in evidence",
                sub.insert(at, "link = \"https://x.example\"\n"),
                &[Code::E012],
            );
        }
        // Rows that are not the unit's to score.
        let other = &participants[(participants
            .iter()
            .position(|p| p.unit == sub.stem)
            .unwrap()
            + 1)
            % participants.len()];
        let foreign = &set.rows[other.rows[0]].id;
        let block = |id: &str| {
            format!(
                "[[score]]\ncriterion = \"{id}\"\nscore = 0\nexplanation = \"Tự chấm 0 điểm.\"\n"
            )
        };
        push(
            &format!("another unit's row {foreign}"),
            sub.append(&block(foreign)),
            &[Code::E031],
        );
        let own = &s.rows_of(&sub.stem)[0];
        let (_, row) = set.row(own).unwrap();
        if let Some(parent) = row.parent.map(|p| &set.rows[p])
            && parent.level == Level::Criterion
        {
            push(
                &format!("parent row {}", parent.id),
                sub.append(&block(&parent.id)),
                &[Code::E031],
            );
        }
        let area = own.split('.').next().unwrap();
        push(
            &format!("area {area} as a row"),
            sub.append(&block(area)),
            &[Code::E031],
        );
        let sv = survey[i % survey.len()];
        push(
            &format!("survey row {sv}"),
            sub.append(&block(sv)),
            &[Code::E034],
        );
        push(
            "unknown row 9.9.9",
            sub.append(&block("9.9.9")),
            &[Code::E030],
        );
        push(
            "unknown row 2.1.1.1",
            sub.append(&block("2.1.1.1")),
            &[Code::E030],
        );
        push("empty criterion", sub.append(&block("")), &[Code::E014]);
        // not_applicable without a reason instead of a score.
        if let Some(v) = sub.values(Block::Score, "score").first() {
            let line = t[..v.start].rfind('\n').map_or(0, |p| p + 1)..v.end;
            push(
                "score replaced by not_applicable without reason",
                splice(t, line, "not_applicable = true"),
                &[Code::E040],
            );
        }
        alternate(&mut out, from, i);
    }
    out
}

// ---------------------------------------------------------------------------
// Identity: unit and campaign
// ---------------------------------------------------------------------------

fn identity(s: &Sample) -> Vec<Case> {
    let mut out = Vec::new();
    let participants: Vec<&str> = s
        .campaign
        .participants
        .iter()
        .map(|p| p.unit.as_str())
        .collect();
    for (i, sub) in s.subs.iter().enumerate() {
        let from = out.len();
        let t = &sub.text;
        let set_unit = |u: &str| {
            sub.set(Block::Root, "unit", 0, &format!("\"{u}\""))
                .unwrap()
        };
        let set_campaign = |c: &str| {
            sub.set(Block::Root, "campaign", 0, &format!("\"{c}\""))
                .unwrap()
        };
        let other = participants
            .iter()
            .copied()
            .filter(|u| *u != sub.stem)
            .nth(i % (participants.len() - 1))
            .unwrap();
        out.push(s.sub_case(
            sub,
            format!("unit = {other}"),
            &set_unit(other),
            &[Code::E020],
        ));
        let typo = format!("so-{}", sub.stem);
        out.push(s.sub_case(
            sub,
            format!("unit = {typo}"),
            &set_unit(&typo),
            &[Code::E020],
        ));
        let upper = sub.stem.to_uppercase();
        out.push(s.sub_case(
            sub,
            format!("unit = {upper}"),
            &set_unit(&upper),
            &[Code::E020],
        ));
        let under = sub.stem.replace('-', "_");
        out.push(s.sub_case(
            sub,
            format!("unit = {under}"),
            &set_unit(&under),
            &[Code::E020],
        ));
        let dotted = format!("../{}", sub.stem);
        out.push(s.sub_case(
            sub,
            format!("unit = {dotted}"),
            &set_unit(&dotted),
            &[Code::E020],
        ));
        out.push(s.sub_case(sub, "unit = \"\"".into(), &set_unit(""), &[Code::E014]));
        // Renamed files.
        let unknown = format!("{}-cu", sub.stem);
        out.push(Case {
            name: format!("{}: file and unit renamed to {unknown}", sub.stem),
            input: s.with(&[(
                &format!("submissions/{CAMPAIGN}/{unknown}.toml"),
                set_unit(&unknown).into_bytes(),
            )]),
            expect: vec![Code::E022],
        });
        out.push(Case {
            name: format!("{}: file and unit of a unit not taking part", sub.stem),
            input: s.with(&[(
                &format!("submissions/{CAMPAIGN}/nong-nghiep-moi-truong.toml"),
                set_unit("nong-nghiep-moi-truong").into_bytes(),
            )]),
            expect: vec![Code::E023],
        });
        out.push(Case {
            name: format!("{}: copied to {other}.toml unchanged", sub.stem),
            input: s.with(&[(
                &format!("submissions/{CAMPAIGN}/{other}.toml"),
                t.clone().into_bytes(),
            )]),
            expect: vec![Code::E020],
        });
        // Campaign.
        out.push(s.sub_case(
            sub,
            "campaign = 2024-9t".into(),
            &set_campaign("2024-9t"),
            &[Code::E021],
        ));
        out.push(s.sub_case(
            sub,
            "campaign = 2023-9T".into(),
            &set_campaign("2023-9T"),
            &[Code::E021],
        ));
        out.push(s.sub_case(
            sub,
            "campaign = \"\"".into(),
            &set_campaign(""),
            &[Code::E014],
        ));
        out.push(Case {
            name: format!("{}: in folder 2024-9t saying 2024-9t", sub.stem),
            input: s.with(&[(
                &format!("submissions/2024-9t/{}.toml", sub.stem),
                set_campaign("2024-9t").into_bytes(),
            )]),
            expect: vec![Code::E024],
        });
        out.push(Case {
            name: format!("{}: in folder 2023-9t-nop-lai", sub.stem),
            input: s.with(&[(
                &format!("submissions/2023-9t-nop-lai/{}.toml", sub.stem),
                t.clone().into_bytes(),
            )]),
            expect: vec![Code::E021, Code::E024],
        });
        alternate(&mut out, from, i);
    }
    out
}

// ---------------------------------------------------------------------------
// Encoding
// ---------------------------------------------------------------------------

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut units: Vec<u16> = Vec::new();
    if bom {
        units.push(0xFEFF);
    }
    units.extend(text.encode_utf16());
    units
        .into_iter()
        .flat_map(|u| {
            if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        })
        .collect()
}

fn latin1(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect()
}

/// Windows-1258: base letters (with breve, circumflex, horn) as single
/// bytes, tone marks as separate combining bytes, as Vietnamese Windows
/// saved them.
fn windows_1258(text: &str) -> Vec<u8> {
    const BASES: &[(char, u8)] = &[
        ('À', 0xC0),
        ('Á', 0xC1),
        ('Â', 0xC2),
        ('Ă', 0xC3),
        ('È', 0xC8),
        ('É', 0xC9),
        ('Ê', 0xCA),
        ('Í', 0xCD),
        ('Đ', 0xD0),
        ('Ó', 0xD3),
        ('Ô', 0xD4),
        ('Ơ', 0xD5),
        ('Ú', 0xDA),
        ('Ư', 0xDD),
        ('à', 0xE0),
        ('á', 0xE1),
        ('â', 0xE2),
        ('ă', 0xE3),
        ('è', 0xE8),
        ('é', 0xE9),
        ('ê', 0xEA),
        ('í', 0xED),
        ('đ', 0xF0),
        ('ó', 0xF3),
        ('ô', 0xF4),
        ('ơ', 0xF5),
        ('ú', 0xFA),
        ('ư', 0xFD),
    ];
    const TONES: &[(char, u8)] = &[
        ('\u{300}', 0xCC),
        ('\u{301}', 0xEC),
        ('\u{303}', 0xDE),
        ('\u{309}', 0xD2),
        ('\u{323}', 0xF2),
    ];
    let mut out = Vec::new();
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c as u8);
            continue;
        }
        let decomposed: Vec<char> = c.to_string().nfd().collect();
        let tone = decomposed
            .iter()
            .find_map(|d| TONES.iter().find(|(t, _)| t == d).map(|(_, b)| *b));
        let base: String = decomposed
            .iter()
            .filter(|d| !TONES.iter().any(|(t, _)| t == *d))
            .collect::<String>()
            .nfc()
            .collect();
        let mut chars = base.chars();
        let byte = match (chars.next(), chars.next()) {
            (Some(b), None) if b.is_ascii() => Some(b as u8),
            (Some(b), None) => BASES.iter().find(|(x, _)| *x == b).map(|(_, y)| *y),
            _ => None,
        };
        out.push(byte.unwrap_or(b'?'));
        out.extend(tone);
    }
    out
}

fn encoding(s: &Sample) -> Vec<Case> {
    let mut out = Vec::new();
    let invalid: &[(&str, &[u8])] = &[
        ("lone continuation byte", b"\x80"),
        ("overlong slash", b"\xC0\xAF"),
        ("surrogate", b"\xED\xA0\x80"),
        ("truncated 4-byte sequence", b"\xF0\x9F\x98"),
        ("byte FF", b"\xFF"),
        ("5-byte sequence", b"\xF8\x88\x80\x80\x80"),
        ("C3 then ASCII", b"\xC3("),
        ("code point above U+10FFFF", b"\xF4\x90\x80\x80"),
    ];
    for (i, sub) in s.subs.iter().enumerate() {
        let from = out.len();
        let t = &sub.text;
        let mut push = |name: &str, bytes: Vec<u8>, expect: &[Code]| {
            out.push(s.sub_bytes(sub, name.to_owned(), bytes, expect));
        };
        push("UTF-16 LE with BOM", utf16(t, false, true), &[Code::E001]);
        push(
            "UTF-16 LE without BOM",
            utf16(t, false, false),
            &[Code::E001],
        );
        push("UTF-16 BE with BOM", utf16(t, true, true), &[Code::E001]);
        push(
            "UTF-16 BE without BOM",
            utf16(t, true, false),
            &[Code::E001],
        );
        let mut utf32 = vec![0xFF, 0xFE, 0, 0];
        utf32.extend(t.chars().flat_map(|c| u32::from(c).to_le_bytes()));
        push("UTF-32 LE with BOM", utf32, &[Code::E001]);
        push("Latin-1", latin1(t), &[Code::E001]);
        push("Windows-1258", windows_1258(t), &[Code::E001]);
        // A NUL byte at the start, in a string, at the end.
        let in_string = sub.values(Block::Score, "explanation")[0].start + 10;
        let in_string = floor(t, in_string);
        for (where_, at) in [("start", 0), ("a string", in_string), ("end", t.len())] {
            let mut b = t.clone().into_bytes();
            b.insert(at, 0);
            push(&format!("NUL at {where_}"), b, &[Code::E002]);
        }
        let (name, seq) = invalid[i % invalid.len()];
        let (name2, seq2) = invalid[(i + 3) % invalid.len()];
        for (n, sq) in [(name, seq), (name2, seq2)] {
            let mut b = t.clone().into_bytes();
            b.splice(in_string..in_string, sq.iter().copied());
            push(
                &format!("invalid UTF-8 ({n}) in a string"),
                b,
                &[Code::E001],
            );
        }
        // U+FEFF (a byte-order mark) where it does not belong.
        let (crit, _) = sub
            .items
            .iter()
            .find_map(|it| match it {
                Item::Key { key, value, .. } if &t[key.clone()] == "criterion" => {
                    Some((key.clone(), value.clone()))
                }
                _ => None,
            })
            .unwrap();
        let unit = sub.values(Block::Root, "unit")[0].clone();
        push(
            "BOM inside a key",
            splice(t, crit.start + 4..crit.start + 4, "\u{FEFF}").into_bytes(),
            &[Code::E004],
        );
        push(
            "BOM before a value",
            splice(t, unit.start..unit.start, "\u{FEFF}").into_bytes(),
            &[Code::E004],
        );
        push(
            "BOM inside the unit id",
            splice(t, unit.start + 1..unit.start + 1, "\u{FEFF}").into_bytes(),
            &[Code::E020],
        );
        let (score_at, _) = sub.headers(Block::Score)[0];
        push(
            "BOM before [[score]]",
            splice(t, score_at..score_at, "\u{FEFF}").into_bytes(),
            &[Code::E004],
        );
        // Line breaks and control characters TOML does not allow.
        push(
            "CR-only line breaks",
            t.replace('\n', "\r").into_bytes(),
            &[Code::E004],
        );
        push(
            "raw ESC in a string",
            splice(t, in_string..in_string, "\u{1b}[31m").into_bytes(),
            &[Code::E004],
        );
        push(
            "raw DEL in a comment",
            splice(t, 2..2, "\u{7f}").into_bytes(),
            &[Code::E004],
        );
        // Escapes TOML does not have, or that name no character.
        let escapes = ["\\x41", "\\uD800", "\\U00110000", "\\u12", "\\q", "\\ "];
        for e in [escapes[i % escapes.len()], escapes[(i + 3) % escapes.len()]] {
            push(
                &format!("escape {e} in a string"),
                splice(t, in_string..in_string, e).into_bytes(),
                &[Code::E004],
            );
        }
        alternate(&mut out, from, i);
    }
    out
}

// ---------------------------------------------------------------------------
// Size and depth
// ---------------------------------------------------------------------------

fn size_and_depth(s: &Sample) -> Vec<Case> {
    let mut out = Vec::new();
    let tu = s
        .subs
        .iter()
        .find(|x| x.stem == "tu-phap")
        .unwrap_or(&s.subs[0]);
    let t = &tu.text;
    let mut push = |name: &str, bytes: Vec<u8>, expect: &[Code]| {
        out.push(s.sub_bytes(tu, name.to_owned(), bytes, expect));
    };
    // Too large: the cap is 1 MiB for a submission.
    let padded = |len: usize| {
        let mut b = t.clone().into_bytes();
        b.push(b'#');
        b.resize(len, b'x');
        b
    };
    push("10 MB file", padded(10_000_000), &[Code::E003]);
    push("2 MB file", padded(2_000_000), &[Code::E003]);
    push("1 MiB + 1 byte", padded(1024 * 1024 + 1), &[Code::E003]);
    out.push(Case {
        name: format!("{}: too large to read (size only)", tu.stem),
        input: {
            let mut i = s.content_only.clone();
            i.files
                .insert(tu.path.clone(), FileData::TooLarge { size: 10_000_000 });
            i
        },
        expect: vec![Code::E003],
    });
    let mut push = |name: &str, text: String, expect: &[Code]| {
        out.push(s.sub_case(tu, name.to_owned(), &text, expect));
    };
    // Very long lines under the cap.
    let unit_end = tu.after_value(Block::Root, "unit", 0).unwrap();
    push(
        "1 MB line of garbage",
        tu.insert(unit_end, &format!("{}\n", "x".repeat(1_000_000))),
        &[Code::E004],
    );
    push(
        "1 MB key",
        tu.insert(unit_end, &format!("{} = 1\n", "k".repeat(1_000_000))),
        &[Code::E012],
    );
    push(
        "1 MB unit id",
        tu.set(
            Block::Root,
            "unit",
            0,
            &format!("\"{}\"", "u".repeat(1_000_000)),
        )
        .unwrap(),
        &[Code::E020],
    );
    push(
        "1 MB single-line string never closed",
        tu.insert(unit_end, &format!("ghi_chu = \"{}\n", "ộ".repeat(300_000))),
        &[Code::E004],
    );
    push(
        "100 000-character explanation with a score above the maximum",
        {
            let x = tu
                .set(
                    Block::Score,
                    "explanation",
                    0,
                    &format!("\"\"\"\n{}\"\"\"", "Giải trình. ".repeat(8_400)),
                )
                .unwrap();
            tu.with_text(x).set(Block::Score, "score", 0, "99").unwrap()
        },
        &[Code::E037],
    );
    // Deep nesting: arrays, inline tables, dotted keys, table headers.
    for depth in [64, 128, 512, 4096] {
        let arrays = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
        push(
            &format!("score as arrays {depth} deep"),
            tu.set(Block::Score, "score", 0, &arrays).unwrap(),
            &[if depth > 100 { Code::E004 } else { Code::E011 }],
        );
        push(
            &format!("unknown key holding arrays {depth} deep"),
            tu.insert(unit_end, &format!("x = {arrays}\n")),
            &[if depth > 100 { Code::E004 } else { Code::E012 }],
        );
        let inline = format!("{}1{}", "{ a = ".repeat(depth), " }".repeat(depth));
        push(
            &format!("inline tables {depth} deep"),
            tu.insert(unit_end, &format!("x = {inline}\n")),
            &[if depth > 100 { Code::E004 } else { Code::E012 }],
        );
        let dotted = vec!["a"; depth].join(".");
        push(
            &format!("dotted key {depth} deep"),
            tu.insert(unit_end, &format!("{dotted} = 1\n")),
            &[if depth > 100 { Code::E004 } else { Code::E012 }],
        );
        push(
            &format!("table header {depth} deep"),
            tu.append(&format!("[{dotted}]\nb = 1\n")),
            &[if depth > 100 { Code::E004 } else { Code::E012 }],
        );
        push(
            &format!("unclosed arrays {depth} deep"),
            tu.insert(unit_end, &format!("x = {}\n", "[".repeat(depth))),
            &[Code::E004],
        );
    }
    // Many blocks: 5 000 empty [[score]] headers, 5 000 diagnostics.
    push(
        "5 000 empty [[score]] blocks",
        tu.append(&"[[score]]\n".repeat(5_000)),
        &[Code::E010],
    );
    out
}

// ---------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------

fn dates(s: &Sample) -> Vec<Case> {
    let variants: &[(&str, &[Code])] = &[
        ("2023-02-30", &[Code::E004]),
        ("2023-02-29", &[Code::E004]),
        ("2023-04-31", &[Code::E004]),
        ("2023-13-01", &[Code::E004]),
        ("2023-00-10", &[Code::E004]),
        ("2023-01-00", &[Code::E004]),
        ("2023-01-32", &[Code::E004]),
        ("2023-1-5", &[Code::E004]),
        ("2023/01/05", &[Code::E004]),
        ("16/01/2023", &[Code::E004]),
        ("99999-01-01", &[Code::E004]),
        ("2023-01-16T08:00:00", &[Code::E015]),
        ("2023-01-16 08:00:00", &[Code::E015]),
        ("2023-01-16T08:00:00+07:00", &[Code::E015]),
        ("2023-01-16T08:00:00Z", &[Code::E015]),
        ("08:00:00", &[Code::E015]),
        ("2023-09-15", &[Code::E051]),
        ("2023-10-01", &[Code::E051]),
        ("2024-01-16", &[Code::E051]),
        ("9999-12-31", &[Code::E051]),
    ];
    let mut out = Vec::new();
    for (i, (value, expect)) in variants.iter().enumerate() {
        for sub in s.pick(i, 2) {
            let Some(text) = sub.set(Block::Evidence, "date", i, value) else {
                continue;
            };
            out.push(s.sub_case(sub, format!("date = {value}"), &text, expect));
        }
    }
    // After the cut-off but before the deadline: only a warning, so the
    // input carries an unknown key as well.
    for (i, sub) in s.subs.iter().enumerate() {
        let unit_end = sub.after_value(Block::Root, "unit", 0).unwrap();
        let with_error = sub.with_text(sub.insert(unit_end, "ghi_chu = \"x\"\n"));
        if let Some(text) = with_error.set(Block::Evidence, "date", i, "2023-09-12") {
            out.push(s.sub_case(
                sub,
                "date = 2023-09-12 (after the cut-off) and an unknown key".into(),
                &text,
                &[Code::W050, Code::E012],
            ));
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Links
// ---------------------------------------------------------------------------

fn links(s: &Sample) -> Vec<Case> {
    let variants: &[(&str, Code)] = &[
        ("javascript:alert(1)", Code::E052),
        ("JavaScript:alert(document.cookie)", Code::E052),
        ("  javascript:alert(1)  ", Code::E052),
        // The tab is dropped by URL parsing, as browsers do.
        ("java\tscript:alert(1)", Code::E052),
        ("javascript://example.com/%0Aalert(1)", Code::E052),
        (
            "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
            Code::E052,
        ),
        ("data:,hello", Code::E052),
        ("vbscript:msgbox(1)", Code::E052),
        ("file:///C:/tai-lieu/qd-115.pdf", Code::E052),
        ("file://server/share/qd.pdf", Code::E052),
        ("C:\\\\Users\\\\van-thu\\\\qd.pdf", Code::E052),
        ("ftp://ftp.hungyen.example/qd.pdf", Code::E052),
        ("mailto:vanthu@hungyen.example", Code::E052),
        ("tel:+842213000000", Code::E052),
        ("about:blank", Code::E052),
        ("blob:https://example.com/uuid", Code::E052),
        ("http://", Code::E053),
        ("https://", Code::E053),
        ("http:///qd.pdf", Code::E053),
        ("https:/vanban.hungyen.example/qd.pdf", Code::E053),
        ("http://van ban.hungyen.example/", Code::E053),
        ("//vanban.hungyen.example/qd.pdf", Code::E053),
        ("www.hungyen.gov.vn/qd.pdf", Code::E053),
        ("vanban.hungyen.example", Code::E053),
        ("https://[::1", Code::E053),
        ("http://example.com:99999/", Code::E053),
        ("https://exa%mple.com/", Code::E053),
        ("\\\\\\\\server\\\\share\\\\qd.pdf", Code::E053),
        ("https:", Code::E053),
        (":", Code::E053),
        ("115/QĐ-UBND", Code::E053),
    ];
    let mut out = Vec::new();
    let with_evidence: Vec<&Sub> = s
        .subs
        .iter()
        .filter(|x| !x.headers(Block::Evidence).is_empty())
        .collect();
    for (i, (link, code)) in variants.iter().enumerate() {
        for j in 0..2 {
            let sub = with_evidence[(2 * i + j) % with_evidence.len()];
            // Into the evidence block: replace its url, or add one.
            let evidence = sub.headers(Block::Evidence);
            let (_, header_end) = evidence[i % evidence.len()];
            let next = sub
                .items
                .iter()
                .find_map(|it| match it {
                    Item::Header { start, .. } if *start >= header_end => Some(*start),
                    _ => None,
                })
                .unwrap_or(sub.text.len());
            let existing = sub
                .values(Block::Evidence, "url")
                .into_iter()
                .find(|v| v.start > header_end && v.end <= next);
            let quoted = format!("\"{link}\"");
            let text = match existing {
                Some(v) => splice(&sub.text, v, &quoted),
                None => sub.insert(header_end, &format!("url = {quoted}\n")),
            };
            out.push(s.sub_case(sub, format!("url = {quoted}"), &text, &[*code]));
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Decomposed (NFD) text
// ---------------------------------------------------------------------------

/// The unit ids as clerks might type them, with their diacritics.
const ACCENTED: &[(&str, &str)] = &[
    ("cong-thuong", "công-thương"),
    ("giao-duc-dao-tao", "giáo-dục-đào-tạo"),
    ("giao-thong-van-tai", "giao-thông-vận-tải"),
    ("ke-hoach-dau-tu", "kế-hoạch-đầu-tư"),
    ("lao-dong-thuong-binh-xa-hoi", "lao-động-thương-binh-xã-hội"),
    ("noi-vu", "nội-vụ"),
    ("tai-chinh", "tài-chính"),
    ("tai-nguyen-moi-truong", "tài-nguyên-môi-trường"),
    ("thanh-tra", "thanh-tra-tỉnh"),
    ("thong-tin-truyen-thong", "thông-tin-truyền-thông"),
    ("tu-phap", "tư-pháp"),
    ("van-phong-ubnd", "văn-phòng-ubnd"),
    ("y-te", "y-tế"),
];

fn nfd(s: &Sample) -> Vec<Case> {
    let mut out = Vec::new();
    for (i, sub) in s.subs.iter().enumerate() {
        let from = out.len();
        let accented = ACCENTED
            .iter()
            .find(|(id, _)| *id == sub.stem)
            .map_or("đơn-vị", |(_, a)| a);
        let decomposed: String = accented.nfd().collect();
        let set_unit = |u: &str| {
            sub.set(Block::Root, "unit", 0, &format!("\"{u}\""))
                .unwrap()
        };
        out.push(s.sub_case(
            sub,
            format!("unit = {accented} (NFD)"),
            &set_unit(&decomposed),
            &[Code::E020, Code::W005],
        ));
        out.push(s.sub_case(
            sub,
            format!("unit = {accented} (NFC)"),
            &set_unit(accented),
            &[Code::E020],
        ));
        // The file named with the decomposed id as well.
        out.push(Case {
            name: format!("{}: file and unit {accented} (NFD)", sub.stem),
            input: s.with(&[(
                &format!("submissions/{CAMPAIGN}/{decomposed}.toml"),
                set_unit(&decomposed).into_bytes(),
            )]),
            expect: vec![Code::E022],
        });
        // The whole file decomposed: a warning, plus one real error.
        let whole: String = sub.text.nfd().collect();
        let whole = sub.with_text(whole);
        out.push(s.sub_case(
            sub,
            "whole file NFD with a score above the maximum".into(),
            &whole.set(Block::Score, "score", i, "99").unwrap(),
            &[Code::W005, Code::E037],
        ));
        // A status typed in Vietnamese, decomposed.
        let status: String = "hoàn thành".nfd().collect();
        if let Some(text) = sub.set(Block::Task, "status", 0, &format!("\"{status}\"")) {
            out.push(s.sub_case(
                sub,
                "status = hoàn thành (NFD)".into(),
                &text,
                &[Code::E013],
            ));
        }
        // A decomposed bare key: not allowed in TOML.
        let key: String = "giải_thích".nfd().collect();
        let unit_end = sub.after_value(Block::Root, "unit", 0).unwrap();
        out.push(s.sub_case(
            sub,
            "bare key giải_thích (NFD)".into(),
            &sub.insert(unit_end, &format!("{key} = \"x\"\n")),
            &[Code::E004],
        ));
        alternate(&mut out, from, i);
    }
    out
}

// ---------------------------------------------------------------------------
// Hostile file names and escaped control characters
// ---------------------------------------------------------------------------

/// Identifiers that look right: other hyphens, Cyrillic or full-width
/// letters, zero-width spaces, dot leaders.
fn lookalikes(s: &Sample) -> Vec<Case> {
    type Change = fn(&str) -> String;
    let variants: &[(Block, &str, &str, Change, Code)] = &[
        (
            Block::Root,
            "unit",
            "non-breaking hyphen",
            |v| v.replace('-', "\u{2011}"),
            Code::E020,
        ),
        (
            Block::Root,
            "unit",
            "Unicode hyphen",
            |v| v.replacen('-', "\u{2010}", 1),
            Code::E020,
        ),
        (
            Block::Root,
            "unit",
            "en dash",
            |v| v.replacen('-', "\u{2013}", 1),
            Code::E020,
        ),
        (
            Block::Root,
            "unit",
            "Cyrillic letters",
            |v| {
                v.replace('a', "\u{430}")
                    .replace('o', "\u{43e}")
                    .replace('e', "\u{435}")
                    .replace('t', "\u{442}")
            },
            Code::E020,
        ),
        (
            Block::Root,
            "unit",
            "a zero-width space",
            |v| format!("{}\u{200B}{}", &v[..2], &v[2..]),
            Code::E020,
        ),
        (
            Block::Root,
            "unit",
            "full-width letters",
            |v| {
                v.chars()
                    .map(|c| {
                        if c.is_ascii_lowercase() {
                            char::from_u32(u32::from(c) + 0xFEE0).unwrap()
                        } else {
                            c
                        }
                    })
                    .collect()
            },
            Code::E020,
        ),
        (
            Block::Root,
            "campaign",
            "Unicode hyphen",
            |v| v.replace('-', "\u{2010}"),
            Code::E021,
        ),
        (
            Block::Root,
            "campaign",
            "full-width digit",
            |v| v.replacen('2', "\u{FF12}", 1),
            Code::E021,
        ),
        (
            Block::Root,
            "campaign",
            "a zero-width joiner",
            |v| format!("{v}\u{200D}"),
            Code::E021,
        ),
        (
            Block::Score,
            "criterion",
            "one dot leader",
            |v| v.replace('.', "\u{2024}"),
            Code::E030,
        ),
        (
            Block::Score,
            "criterion",
            "Arabic-Indic digit",
            |v| v.replacen(|c: char| c.is_ascii_digit(), "\u{661}", 1),
            Code::E030,
        ),
        (
            Block::Score,
            "criterion",
            "decimal comma",
            |v| v.replace('.', ","),
            Code::E030,
        ),
        (
            Block::Task,
            "id",
            "Cyrillic letters",
            |v| v.replace('N', "\u{41d}").replace('V', "\u{412}"),
            Code::E060,
        ),
        (
            Block::Task,
            "id",
            "lower case",
            str::to_lowercase,
            Code::E060,
        ),
        (
            Block::Task,
            "status",
            "Cyrillic o",
            |v| v.replacen('o', "\u{43e}", 1).replacen('n', "\u{43f}", 1),
            Code::E013,
        ),
        (
            Block::Task,
            "status",
            "upper case",
            str::to_uppercase,
            Code::E013,
        ),
    ];
    let mut out = Vec::new();
    for (i, (block, key, what, change, code)) in variants.iter().enumerate() {
        for sub in s.pick(i, 2) {
            let values = sub.values(*block, key);
            let Some(v) = values.get(i % values.len().max(1)) else {
                continue;
            };
            let inner = sub.text[v.clone()].trim_matches('"');
            let text = splice(&sub.text, v.clone(), &format!("\"{}\"", change(inner)));
            out.push(s.sub_case(sub, format!("{block:?}.{key} with {what}"), &text, &[*code]));
        }
    }
    out
}

/// A sample submission saved under hostile names: control characters,
/// GitHub's command separators, look-alikes. The names reach every output
/// format, so they must come out escaped.
fn paths(s: &Sample) -> Vec<Case> {
    let names: &[(&str, &str, &[Code])] = &[
        (
            "a line break",
            "submissions/2023-9t/tu-phap\n.toml",
            &[Code::E020],
        ),
        (
            "a carriage return",
            "submissions/2023-9t/tu-phap\r.toml",
            &[Code::E020],
        ),
        (
            "an ANSI colour",
            "submissions/2023-9t/\u{1b}[31mtu-phap.toml",
            &[Code::E020],
        ),
        (
            "a terminal title escape",
            "submissions/2023-9t/\u{1b}]0;pwned\u{7}.toml",
            &[Code::E020],
        ),
        (
            "a C1 control",
            "submissions/2023-9t/\u{9b}31m.toml",
            &[Code::E020],
        ),
        ("a DEL", "submissions/2023-9t/\u{7f}.toml", &[Code::E020]),
        ("a NUL", "submissions/2023-9t/tu-phap\0.toml", &[Code::E020]),
        (
            "GitHub separators",
            "submissions/2023-9t/a,b::error file=x::c.toml",
            &[Code::E020],
        ),
        (
            "percent escapes",
            "submissions/2023-9t/%0A::error::x%25.toml",
            &[Code::E020],
        ),
        (
            "a trailing space",
            "submissions/2023-9t/tu-phap .toml",
            &[Code::E020],
        ),
        (
            "upper case",
            "submissions/2023-9t/TU-PHAP.toml",
            &[Code::E020],
        ),
        (
            "a double extension",
            "submissions/2023-9t/tu-phap.toml.toml",
            &[Code::E020],
        ),
        (
            "a right-to-left override",
            "submissions/2023-9t/\u{202E}lmot.tu-phap.toml",
            &[Code::E020],
        ),
        (
            "diacritics",
            "submissions/2023-9t/tư-pháp.toml",
            &[Code::E020],
        ),
        (
            "a reserved Windows name",
            "submissions/2023-9t/con.toml",
            &[Code::E020],
        ),
        ("a 300-character name", "", &[Code::E020]),
        ("a lone dash", "submissions/2023-9t/-.toml", &[Code::E020]),
        ("a space", "submissions/2023-9t/ .toml", &[Code::E020]),
        (
            "an escape in the folder",
            "submissions/\u{1b}[2J/tu-phap.toml",
            &[Code::E021, Code::E024],
        ),
        (
            "a line break in the folder",
            "submissions/2023\n9t/tu-phap.toml",
            &[Code::E021, Code::E024],
        ),
    ];
    let tu = s
        .subs
        .iter()
        .find(|x| x.stem == "tu-phap")
        .unwrap_or(&s.subs[0]);
    let long = format!("submissions/2023-9t/{}.toml", "x".repeat(300));
    let mut out = Vec::new();
    for (name, path, expect) in names {
        let path = if path.is_empty() { long.as_str() } else { path };
        // The sample's own unit inside, so only the name is wrong.
        let text = tu.text.clone();
        out.push(Case {
            name: format!("file name with {name}"),
            input: s.with(&[(path, text.into_bytes())]),
            expect: expect.to_vec(),
        });
    }
    out
}

/// Control characters written as TOML escapes in the values that messages
/// quote back: the text is valid, the outputs must neutralise it.
fn escapes(s: &Sample) -> Vec<Case> {
    let payloads: &[(&str, &str)] = &[
        ("ANSI colour", "\\u001b[31m"),
        ("screen clear", "\\u001b[2J\\u001b[H"),
        ("terminal title", "\\u001b]0;pwned\\u0007"),
        ("bell", "\\u0007"),
        ("NUL", "\\u0000"),
        ("C1 CSI", "\\u009b31m"),
        ("GitHub command", "\\r\\n::error file=x,line=1::pwned"),
        ("line separator", "\\u2028::error::pwned"),
        ("backspaces", "\\b\\b\\b\\bok"),
    ];
    let mut out = Vec::new();
    for (i, (what, payload)) in payloads.iter().enumerate() {
        for sub in s.pick(i, 1) {
            let targets: &[(Block, &str, Code)] = &[
                (Block::Root, "unit", Code::E020),
                (Block::Root, "campaign", Code::E021),
                (Block::Score, "criterion", Code::E030),
                (Block::Task, "id", Code::E060),
                (Block::Task, "status", Code::E013),
                (Block::Evidence, "url", Code::E053),
            ];
            for (block, key, code) in targets {
                let values = sub.values(*block, key);
                let Some(v) = values.get(i % values.len().max(1)) else {
                    continue;
                };
                let old = &sub.text[v.clone()];
                let inner = old.trim_matches('"');
                let new = match key {
                    // Into the host: URL parsing strips control characters
                    // at the ends and line breaks anywhere, as browsers do.
                    &"url" => {
                        let at = inner.find("://").map_or(0, |p| p + 5);
                        format!("\"{}{payload}{}\"", &inner[..at], &inner[at..])
                    }
                    _ => format!("\"{inner}{payload}\""),
                };
                let text = splice(&sub.text, v.clone(), &new);
                out.push(s.sub_case(sub, format!("{what} in {block:?}.{key}"), &text, &[*code]));
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Content
// ---------------------------------------------------------------------------

const UNITS: &str = "content/units.toml";
const CRITERIA: &str = "content/criteria/cchc-tinh-2023.toml";
const CAMPAIGN_TOML: &str = "content/campaigns/2023-9t/campaign.toml";
const PLAN: &str = "content/campaigns/2023-9t/plan.toml";
const RECEIPTS: &str = "content/campaigns/2023-9t/receipts.toml";

/// The position right after the first `needle` at or after `from`.
fn after(text: &str, from: usize, needle: &str) -> Option<usize> {
    text[from..].find(needle).map(|p| from + p + needle.len())
}

/// The value range of the first `key = ` line at or after `from`.
fn value_after(text: &str, from: usize, key: &str) -> Option<Range<usize>> {
    let start = after(text, from, &format!("\n{key} = "))?;
    let end = text[start..].find('\n').map_or(text.len(), |p| start + p);
    // Keep a trailing comment out of the value.
    let end = text[start..end].find("  #").map_or(end, |p| start + p);
    Some(start..end)
}

fn content(s: &Sample) -> Vec<Case> {
    let mut out = Vec::new();
    let mut push = |name: String, input: Input, expect: &[Code]| {
        out.push(Case {
            name,
            input,
            expect: expect.to_vec(),
        });
    };
    let campaign = s.content_text(CAMPAIGN_TOML);
    let criteria = s.content_text(CRITERIA);
    let units = s.content_text(UNITS);
    let plan = s.content_text(PLAN);
    let receipts = s.content_text(RECEIPTS);
    let camp = &s.campaign;
    let set = &camp.criteria;

    // Points that do not add up.
    let bump = |text: &str, id: &str, by: f64| -> String {
        let at = after(text, 0, &format!("\nid = \"{id}\"\n")).unwrap();
        let v = value_after(text, at - 1, "max").unwrap();
        let old: f64 = text[v.clone()].trim().parse().unwrap();
        splice(text, v, &format!("{}", old + by))
    };
    for row in &set.rows {
        let (code, by) = match row.level {
            Level::Area => (Code::E073, 1.0),
            Level::Criterion if row.children.is_empty() => (Code::E072, 0.25),
            Level::Criterion => continue,
            Level::Sub => {
                // The first sub-criterion of each criterion only.
                let parent = &set.rows[row.parent.unwrap()];
                if set.rows[parent.children[0]].id != row.id {
                    continue;
                }
                (Code::E071, 0.25)
            }
        };
        push(
            format!("criteria: max of {} raised by {by}", row.id),
            s.content_with(CRITERIA, bump(&criteria, &row.id, by)),
            &[code],
        );
    }
    for total in ["101", "99", "0", "1e9"] {
        push(
            format!("criteria: total = {total}"),
            s.content_with(
                CRITERIA,
                replace1(&criteria, "total = 100", &format!("total = {total}")),
            ),
            &[if total == "0" { Code::E085 } else { Code::E073 }],
        );
    }
    // A row in two appendices; an appendix to two units.
    let count = camp.participants.len();
    for (i, p) in camp.participants.iter().enumerate() {
        let next = &camp.participants[(i + 1) % count];
        let row = &set.rows[next.rows[0]].id;
        let at = after(&campaign, 0, &format!("\nid = \"{}\"\n", p.appendix)).unwrap();
        let at = after(&campaign, at, "rows = [").unwrap();
        push(
            format!("campaign: appendix {} also lists {row}", p.appendix),
            s.content_with(
                CAMPAIGN_TOML,
                splice(&campaign, at..at, &format!("\"{row}\", ")),
            ),
            &[Code::E076],
        );
        let unit_at = after(&campaign, 0, &format!("\nunit = \"{}\"\n", p.unit)).unwrap();
        let v = value_after(&campaign, unit_at - 1, "appendix").unwrap();
        push(
            format!("campaign: {} given appendix {}", p.unit, next.appendix),
            s.content_with(
                CAMPAIGN_TOML,
                splice(&campaign, v, &format!("\"{}\"", next.appendix)),
            ),
            &[Code::E074],
        );
        push(
            format!("campaign: participant {} misspelled", p.unit),
            s.content_with(
                CAMPAIGN_TOML,
                replace1(
                    &campaign,
                    &format!("unit = \"{}\"\n", p.unit),
                    &format!("unit = \"{}-x\"\n", p.unit),
                ),
            ),
            &[Code::E077],
        );
    }
    push(
        "campaign: a participant twice".into(),
        s.content_with(
            CAMPAIGN_TOML,
            replace1(
                &campaign,
                "[[participant]]",
                "[[participant]]\nunit = \"tu-phap\"\nappendix = \"III\"\n\n[[participant]]",
            ),
        ),
        &[Code::E087],
    );
    // Unknown units in the plan and the receipts.
    for (i, task) in camp.tasks.iter().enumerate().step_by(4) {
        let at = after(&plan, 0, &format!("\nid = \"{}\"\n", task.id)).unwrap();
        let v = value_after(&plan, at - 1, "lead").unwrap();
        push(
            format!("plan: lead of {} misspelled ({i})", task.id),
            s.content_with(PLAN, splice(&plan, v, &format!("\"{}-cu\"", task.lead))),
            &[Code::E077],
        );
    }
    for r in &camp.receipts {
        push(
            format!("receipts: unit {} misspelled", r.unit),
            s.content_with(
                RECEIPTS,
                replace1(
                    &receipts,
                    &format!("unit = \"{}\"\n", r.unit),
                    &format!("unit = \"so-{}\"\n", r.unit),
                ),
            ),
            &[Code::E077],
        );
    }
    push(
        "units: successor unknown".into(),
        s.content_with(
            UNITS,
            replace1(
                &units,
                "successor = \"tai-chinh\"",
                "successor = \"so-tai-chinh\"",
            ),
        ),
        &[Code::E077],
    );
    // Deadlines not after the cut-off.
    for deadline in [
        "2023-09-10T00:00:00",
        "2023-09-01T00:00:00",
        "2022-09-15T00:00:00",
        "2023-09-10T23:59:59",
    ] {
        push(
            format!("campaign: deadline = {deadline}"),
            s.content_with(
                CAMPAIGN_TOML,
                replace1(
                    &campaign,
                    "deadline = 2023-09-15T00:00:00",
                    &format!("deadline = {deadline}"),
                ),
            ),
            &[Code::E078],
        );
    }
    push(
        "campaign: cut-off after the deadline".into(),
        s.content_with(
            CAMPAIGN_TOML,
            replace1(&campaign, "cutoff = 2023-09-10", "cutoff = 2023-09-20"),
        ),
        &[Code::E078],
    );
    // Broken TOML in every content file: truncated in a string, a key twice.
    for (path, text) in [
        (UNITS, &units),
        (CRITERIA, &criteria),
        (CAMPAIGN_TOML, &campaign),
        (PLAN, &plan),
        (RECEIPTS, &receipts),
    ] {
        // Key lines, comments left out: (line start, line end).
        let mut keys = Vec::new();
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            let t = line.trim_start();
            if !t.starts_with('#') && !t.starts_with('[') && t.contains(" = ") {
                keys.push((at, at + line.len()));
            }
            at += line.len();
        }
        let quotes: Vec<usize> = keys
            .iter()
            .filter_map(|&(a, b)| text[a..b].find("= \"").map(|p| a + p + 4))
            .collect();
        for q in [
            quotes[0],
            quotes[quotes.len() / 2],
            quotes[quotes.len() - 1],
        ] {
            push(
                format!("{path}: cut inside a string at byte {q}"),
                s.content_with(path, text[..q].to_owned()),
                &[Code::E004],
            );
        }
        let (first, after_first) = keys[0];
        push(
            format!("{path}: the first key twice"),
            s.content_with(path, splice(text, first..first, &text[first..after_first])),
            &[Code::E004],
        );
        push(
            format!("{path}: unterminated table header"),
            s.content_with(path, format!("{text}\n[[unit\n")),
            &[Code::E004],
        );
    }
    // Hostile values in content: numbers, times, zones.
    let cv = "content/campaigns/2023-9t/cong-van.md";
    let page = s.content_text(cv);
    let value_probes: Vec<(&str, &str, &str, String, Code)> = vec![
        (
            CRITERIA,
            "max = 0.5\nscoring",
            "max = nan\nscoring",
            "criteria: max = nan".into(),
            Code::E085,
        ),
        (
            CRITERIA,
            "max = 0.5\nscoring",
            "max = inf\nscoring",
            "criteria: max = inf".into(),
            Code::E085,
        ),
        (
            CRITERIA,
            "max = 0.5\nscoring",
            "max = 1e400\nscoring",
            "criteria: max = 1e400".into(),
            Code::E085,
        ),
        (
            CRITERIA,
            "max = 0.5\nscoring",
            "max = 0.0001\nscoring",
            "criteria: max = 0.0001".into(),
            Code::E085,
        ),
        (
            CRITERIA,
            "max = 0.5\nscoring",
            "max = 1e13\nscoring",
            "criteria: max = 1e13".into(),
            Code::E085,
        ),
        (
            CRITERIA,
            "max = 0.5\nscoring",
            "max = -0.5\nscoring",
            "criteria: max = -0.5".into(),
            Code::E085,
        ),
        (
            CRITERIA,
            "max = 0.5\nscoring",
            "max = 99999999999999999999\nscoring",
            "criteria: max = 99999999999999999999".into(),
            Code::E004,
        ),
        (
            CRITERIA,
            "max = 0.5\nscoring",
            "max = 0x\nscoring",
            "criteria: max = 0x".into(),
            Code::E004,
        ),
        (
            CRITERIA,
            "max = 0.5\nscoring",
            "max = \"0,5\"\nscoring",
            "criteria: max = \"0,5\"".into(),
            Code::E011,
        ),
        (
            CRITERIA,
            "total = 100",
            "total = nan",
            "criteria: total = nan".into(),
            Code::E085,
        ),
        (
            CRITERIA,
            "total = 100",
            "total = 0b",
            "criteria: total = 0b".into(),
            Code::E004,
        ),
        (
            CRITERIA,
            "step = 0.25",
            "step = 0.0001",
            "criteria: step = 0.0001".into(),
            Code::E085,
        ),
        (
            CRITERIA,
            "step = 0.25",
            "step = inf",
            "criteria: step = inf".into(),
            Code::E085,
        ),
        (
            CRITERIA,
            "min_percent = 90",
            "min_percent = nan",
            "criteria: min_percent = nan".into(),
            Code::E085,
        ),
        (
            CRITERIA,
            "min_percent = 90",
            "min_percent = 0x",
            "criteria: min_percent = 0x".into(),
            Code::E004,
        ),
        (
            CRITERIA,
            "min_percent = 90",
            "min_percent = 1e400",
            "criteria: min_percent = 1e400".into(),
            Code::E085,
        ),
        (
            CRITERIA,
            "min_percent = 90",
            "min_percent = \"90%\"",
            "criteria: min_percent = \"90%\"".into(),
            Code::E011,
        ),
        (
            CAMPAIGN_TOML,
            "deadline = 2023-09-15T00:00:00",
            "deadline = 2023-09-15T24:00:00",
            "campaign: deadline at 24:00".into(),
            Code::E004,
        ),
        (
            CAMPAIGN_TOML,
            "deadline = 2023-09-15T00:00:00",
            "deadline = 2023-09-15",
            "campaign: deadline without a time".into(),
            Code::E015,
        ),
        (
            CAMPAIGN_TOML,
            "deadline = 2023-09-15T00:00:00",
            "deadline = \"2023-09-15T00:00:00\"",
            "campaign: deadline in quotes".into(),
            Code::E011,
        ),
        (
            CAMPAIGN_TOML,
            "cutoff = 2023-09-10",
            "cutoff = 2023-02-30",
            "campaign: cutoff = 2023-02-30".into(),
            Code::E004,
        ),
        (
            CAMPAIGN_TOML,
            "cutoff = 2023-09-10",
            "cutoff = 2023-09-10T00:00:00",
            "campaign: cutoff with a time".into(),
            Code::E015,
        ),
        (
            CAMPAIGN_TOML,
            "Asia/Ho_Chi_Minh",
            "",
            "campaign: empty time zone".into(),
            Code::E014,
        ),
        (
            CAMPAIGN_TOML,
            "Asia/Ho_Chi_Minh",
            "UTC+7",
            "campaign: time zone UTC+7".into(),
            Code::E083,
        ),
        (
            CAMPAIGN_TOML,
            "Asia/Ho_Chi_Minh",
            "../../../etc/passwd",
            "campaign: time zone as a path".into(),
            Code::E083,
        ),
        (
            RECEIPTS,
            "pull_request = 1\n",
            "pull_request = 99999999999999999999\n",
            "receipts: pull_request out of range".into(),
            Code::E004,
        ),
        (
            RECEIPTS,
            "pull_request = 1\n",
            "pull_request = 0x\n",
            "receipts: pull_request = 0x".into(),
            Code::E004,
        ),
        (
            RECEIPTS,
            "pull_request = 1\n",
            "pull_request = 1.5\n",
            "receipts: pull_request = 1.5".into(),
            Code::E011,
        ),
        (
            RECEIPTS,
            "received = 2023-09-08T10:00:00",
            "received = 2023-09-31T10:00:00",
            "receipts: received on 31 September".into(),
            Code::E004,
        ),
        (
            RECEIPTS,
            "channel = \"paper\"",
            "channel = \"fax\"",
            "receipts: channel fax".into(),
            Code::E013,
        ),
        (
            cv,
            "weight = 1",
            "weight = 99999999999999999999",
            "page: weight out of range".into(),
            Code::E004,
        ),
        (
            cv,
            "weight = 1",
            "weight = 0x",
            "page: weight = 0x".into(),
            Code::E004,
        ),
        (
            UNITS,
            "until = 2025-02-28",
            "until = 2025-02-29",
            "units: until = 2025-02-29".into(),
            Code::E004,
        ),
        (
            UNITS,
            "id = \"tu-phap\"",
            "id = \"../tu-phap\"",
            "units: id ../tu-phap".into(),
            Code::E016,
        ),
        (
            UNITS,
            "id = \"tu-phap\"",
            "id = \"tư-pháp\"",
            "units: id with diacritics".into(),
            Code::E016,
        ),
        (
            UNITS,
            "id = \"tu-phap\"",
            "id = \"\"",
            "units: empty id".into(),
            Code::E014,
        ),
    ];
    for (path, from, to, name, code) in value_probes {
        let text = if path == cv {
            page.clone()
        } else {
            s.content_text(path)
        };
        assert!(text.contains(from), "{name}: {from:?} not in {path}");
        push(
            name,
            s.content_with(path, replace1(&text, from, to)),
            &[code],
        );
    }
    // Other content rules, once each.
    push(
        "units: a unit id twice".into(),
        s.content_with(
            UNITS,
            format!(
                "{units}\n[[unit]]\nid = \"tu-phap\"\nname = \"Sở Tư pháp\"\nowners = [\"x\"]\n"
            ),
        ),
        &[Code::E070],
    );
    push(
        "units: missing".into(),
        {
            let mut i = s.content_only.clone();
            i.files.remove(UNITS);
            i
        },
        &[Code::E089],
    );
    push(
        "plan: missing".into(),
        {
            let mut i = s.content_only.clone();
            i.files.remove(PLAN);
            i
        },
        &[Code::E089],
    );
    push(
        "criteria: step = 0".into(),
        s.content_with(CRITERIA, replace1(&criteria, "step = 0.25", "step = 0")),
        &[Code::E085],
    );
    push(
        "criteria: step = -0.25".into(),
        s.content_with(CRITERIA, replace1(&criteria, "step = 0.25", "step = -0.25")),
        &[Code::E085],
    );
    push(
        "criteria: step = nan".into(),
        s.content_with(CRITERIA, replace1(&criteria, "step = 0.25", "step = nan")),
        &[Code::E085],
    );
    push(
        "criteria: a row id twice".into(),
        s.content_with(
            CRITERIA,
            replace1(&criteria, "id = \"1.1.2\"", "id = \"1.1.1\""),
        ),
        &[Code::E070],
    );
    push(
        "campaign: unknown criteria set".into(),
        s.content_with(
            CAMPAIGN_TOML,
            replace1(
                &campaign,
                "criteria_set = \"cchc-tinh-2023\"",
                "criteria_set = \"cchc-tinh-2024\"",
            ),
        ),
        &[Code::E082],
    );
    push(
        "campaign: time zone Asia/Hanoi".into(),
        s.content_with(
            CAMPAIGN_TOML,
            replace1(&campaign, "Asia/Ho_Chi_Minh", "Asia/Hanoi"),
        ),
        &[Code::E083],
    );
    push(
        "campaign: id not the folder".into(),
        s.content_with(
            CAMPAIGN_TOML,
            replace1(&campaign, "id = \"2023-9t\"", "id = \"2023-9T\""),
        ),
        &[Code::E084],
    );
    push(
        "campaign: unknown appendix".into(),
        s.content_with(
            CAMPAIGN_TOML,
            replace1(&campaign, "appendix = \"XVII\"", "appendix = \"XVIII\""),
        ),
        &[Code::E080],
    );
    push(
        "campaign: survey row in an appendix".into(),
        s.content_with(
            CAMPAIGN_TOML,
            replace1(&campaign, "rows = [\"1.4.2\"", "rows = [\"1.5\", \"1.4.2\""),
        ),
        &[Code::E079],
    );
    push(
        "plan: task area unknown".into(),
        s.content_with(PLAN, replace1(&plan, "area = \"1\"", "area = \"9\"")),
        &[Code::E091],
    );
    push(
        "units: an owner changed without CODEOWNERS".into(),
        s.content_with(
            UNITS,
            replace1(
                &units,
                "owners = [\"hy-sotuphap\"]",
                "owners = [\"hy-sotuphap-moi\"]",
            ),
        ),
        &[Code::E092],
    );
    push(
        "page: YAML front matter".into(),
        s.content_with(
            "content/campaigns/2023-9t/cong-van.md",
            "---\ntitle: x\n---\nbody\n".into(),
        ),
        &[Code::E090],
    );
    push(
        "page: front matter with a syntax error".into(),
        s.content_with(
            "content/campaigns/2023-9t/cong-van.md",
            "+++\ntitle = \"x\nweight = 1\n+++\nbody\n".into(),
        ),
        &[Code::E004],
    );
    push(
        "units: UTF-16".into(),
        s.with(&[(UNITS, utf16(&units, false, true))]),
        &[Code::E001],
    );
    push(
        "criteria: Windows-1258".into(),
        s.with(&[(CRITERIA, windows_1258(&criteria))]),
        &[Code::E001],
    );
    push(
        "campaign: NUL byte".into(),
        s.with(&[(CAMPAIGN_TOML, format!("{campaign}\0").into_bytes())]),
        &[Code::E002],
    );
    push(
        "criteria: 9 MB".into(),
        s.with(&[(CRITERIA, {
            let mut b = criteria.clone().into_bytes();
            b.push(b'#');
            b.resize(9_000_000, b'x');
            b
        })]),
        &[Code::E003],
    );
    out
}

// ---------------------------------------------------------------------------
// Controls
// ---------------------------------------------------------------------------

/// Inputs that must be accepted: the sample unchanged and harmless variants
/// of it, so that the mutations, not the harness, make the errors above.
fn controls(s: &Sample) -> Vec<Case> {
    let mut out = Vec::new();
    for (i, sub) in s.subs.iter().enumerate() {
        let t = &sub.text;
        let mut push = |name: &str, text: String, expect: &[Code]| {
            out.push(s.sub_case(sub, format!("control: {name}"), &text, expect));
        };
        push("unchanged", t.clone(), &[]);
        push("CRLF line breaks", t.replace('\n', "\r\n"), &[]);
        push("a UTF-8 BOM", format!("\u{FEFF}{t}"), &[]);
        // The second mark is taken for one by the TOML parser as well.
        push("two BOMs at the start", format!("\u{FEFF}\u{FEFF}{t}"), &[]);
        push("whole file NFD", t.nfd().collect(), &[Code::W005]);
        if let Some(text) = sub.set(Block::Evidence, "date", i, "2023-09-12") {
            push("evidence dated after the cut-off", text, &[Code::W050]);
        }
        push(
            "unit id with spaces around it",
            sub.set(Block::Root, "unit", 0, &format!("\"  {}\t\"", sub.stem))
                .unwrap(),
            &[],
        );
        let ex = sub.values(Block::Score, "explanation")[0].clone();
        push(
            "U+FEFF and U+200B inside an explanation",
            splice(t, ex.start + 4..ex.start + 4, "\u{FEFF}\u{200B}"),
            &[],
        );
        push(
            "a comment of control pictures and emoji",
            format!("# \u{2400}\u{241B} 🙂 \u{202E}txet\n{t}"),
            &[],
        );
    }
    let tu = s
        .subs
        .iter()
        .find(|x| x.stem == "tu-phap")
        .unwrap_or(&s.subs[0]);
    // A stray file in submissions/ is only a warning for validate (the
    // pull-request gate refuses it).
    for (name, path) in [
        ("upper-case extension", "submissions/2023-9t/tu-phap.TOML"),
        ("hidden file", "submissions/2023-9t/..toml"),
        ("no campaign folder", "submissions/tu-phap.toml"),
    ] {
        out.push(Case {
            name: format!("control: {name} (stray, W006)"),
            input: s.with(&[(path, tu.text.clone().into_bytes())]),
            expect: vec![Code::W006],
        });
    }
    // Leap seconds are clamped to :59; IANA zone names match in any case.
    let campaign = s.content_text(CAMPAIGN_TOML);
    let receipts = s.content_text(RECEIPTS);
    for (name, path, text) in [
        (
            "deadline with a leap second",
            CAMPAIGN_TOML,
            replace1(
                &campaign,
                "deadline = 2023-09-15T00:00:00",
                "deadline = 2023-09-14T23:59:60",
            ),
        ),
        (
            "time zone in lower case",
            CAMPAIGN_TOML,
            replace1(&campaign, "Asia/Ho_Chi_Minh", "asia/ho_chi_minh"),
        ),
        (
            "receipt with a leap second",
            RECEIPTS,
            replace1(
                &receipts,
                "received = 2023-09-08T10:00:00",
                "received = 2023-09-08T10:00:60",
            ),
        ),
    ] {
        out.push(Case {
            name: format!("control: {name}"),
            input: s.content_with(path, text),
            expect: Vec::new(),
        });
    }
    out.push(
        s.sub_case(
            tu,
            "control: a 100 000-character explanation".into(),
            &tu.set(
                Block::Score,
                "explanation",
                0,
                &format!("\"\"\"\n{}\"\"\"", "Giải trình. ".repeat(8_400)),
            )
            .unwrap(),
            &[],
        ),
    );
    out
}

// ---------------------------------------------------------------------------
// The runner
// ---------------------------------------------------------------------------

/// What one input gave.
struct Outcome {
    codes: BTreeSet<Code>,
    errors: bool,
    /// Problems with the rendered output itself.
    render_problems: Vec<String>,
}

fn run_one(input: &Input, now: jiff::Timestamp) -> Outcome {
    let outcome = validate(input, now);
    let errors = outcome.diags.has_errors();
    let files = outcome.files;
    let diags = outcome.diags.into_sorted();
    let mut render_problems = Vec::new();
    for lang in [Lang::Vi, Lang::En] {
        for format in [Format::Human, Format::Json, Format::Github] {
            let text = render(&diags, &outcome.db, format, lang, false, Summary { files });
            // JSON escapes C0 controls itself; DEL and C1 are valid JSON.
            let unsafe_char = |c: &char| match format {
                Format::Json => *c < ' ' && *c != '\n',
                _ => c.is_control() && !matches!(c, '\n' | '\t'),
            };
            if let Some(c) = text.chars().find(unsafe_char) {
                render_problems.push(format!(
                    "render {format:?}/{lang}: control character {c:?} in the output"
                ));
            }
            match format {
                Format::Json => match serde_json::from_str::<serde_json::Value>(&text) {
                    Ok(serde_json::Value::Array(a)) if a.len() == diags.len() => {}
                    Ok(_) => {
                        render_problems.push(format!("render json/{lang}: not one item a problem"));
                    }
                    Err(e) => {
                        render_problems.push(format!("render json/{lang}: invalid JSON: {e}"));
                    }
                },
                Format::Github => {
                    let lines = text.lines().count();
                    if lines != diags.len()
                        || !text
                            .lines()
                            .all(|l| l.starts_with("::error ") || l.starts_with("::warning "))
                    {
                        render_problems.push(format!(
                            "render github/{lang}: {lines} lines for {} problems",
                            diags.len()
                        ));
                    }
                }
                Format::Human => {
                    if text.trim().is_empty() {
                        render_problems.push(format!("render human/{lang}: empty"));
                    }
                    if lang == Lang::En && std::env::var_os("ADVERSARIAL_RENDER").is_some() {
                        eprintln!("{}", text.chars().take(3000).collect::<String>());
                    }
                }
            }
        }
    }
    Outcome {
        codes: diags.iter().map(|d| d.code).collect(),
        errors,
        render_problems,
    }
}

/// The codes an input gave and what went wrong with it.
type Verdict = (BTreeSet<Code>, Vec<String>);

/// What went wrong with one input, if anything. A control must be
/// accepted; any other input must give an error.
fn judge(case: &Case, control: bool, now: jiff::Timestamp) -> Verdict {
    let started = std::time::Instant::now();
    let result = catch_unwind(AssertUnwindSafe(|| run_one(&case.input, now)));
    if std::env::var_os("ADVERSARIAL_TIME").is_some() {
        eprintln!(
            "{:>8.1} ms  {}",
            started.elapsed().as_secs_f64() * 1000.0,
            case.name
        );
    }
    let outcome = match result {
        Ok(o) => o,
        Err(payload) => {
            let msg = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            return (BTreeSet::new(), vec![format!("panicked: {msg}")]);
        }
    };
    let mut problems = Vec::new();
    match (control, outcome.errors) {
        (false, false) => problems.push("accepted (no error)".to_owned()),
        (true, true) => problems.push("rejected (a control must be accepted)".to_owned()),
        _ => {}
    }
    let missing: Vec<&str> = case
        .expect
        .iter()
        .filter(|c| !outcome.codes.contains(c))
        .map(|c| c.as_str())
        .collect();
    if !missing.is_empty() {
        problems.push(format!("missing {}", missing.join(", ")));
    }
    problems.extend(outcome.render_problems);
    (outcome.codes, problems)
}

fn codes_str<'a>(codes: impl IntoIterator<Item = &'a Code>) -> String {
    codes
        .into_iter()
        .map(|c| c.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The kinds of problem an input can have, by the first word of its report.
const KINDS: [&str; 5] = ["panicked:", "accepted", "missing", "rejected", "render"];

/// One input of the run: its family, whether it is a control, the input.
type Entry = (&'static str, bool, Case);

#[test]
fn adversarial_corpus() {
    let sample = Sample::load();
    let only = std::env::var("ADVERSARIAL_ONLY").ok();
    let show = std::env::var_os("ADVERSARIAL_SHOW").is_some();
    let mut cases: Vec<Entry> = Vec::new();
    let mut per_family: Vec<(&str, usize)> = Vec::new();
    for (family, generate) in GENERATORS {
        let made = generate(&sample);
        per_family.push((family, made.len()));
        cases.extend(made.into_iter().map(|c| (*family, false, c)));
    }
    let controls = controls(&sample);
    let control_count = controls.len();
    cases.extend(controls.into_iter().map(|c| ("controls", true, c)));
    // Names identify inputs (and known bugs): they must be unique.
    let mut names = BTreeSet::new();
    for (_, _, c) in &cases {
        assert!(
            names.insert(c.name.clone()),
            "two inputs named {:?}",
            c.name
        );
    }
    for bug in KNOWN_BUGS {
        for pattern in bug.inputs {
            assert!(
                names.iter().any(|n| n.ends_with(pattern)),
                "KNOWN_BUGS: {pattern:?} names no input"
            );
        }
    }
    if let Some(only) = &only {
        cases.retain(|(_, _, c)| c.name.contains(only.as_str()));
    }
    // `cargo test` judges every third input of each family (still every
    // kind of mutation somewhere), to stay quick; .ci/run and
    // `CCHC_ADVERSARIAL=all` judge them all.
    if only.is_none() && std::env::var("CCHC_ADVERSARIAL").as_deref() != Ok("all") {
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        cases.retain(|(family, _, _)| {
            let n = seen.entry(family).or_default();
            *n += 1;
            (*n - 1).is_multiple_of(3)
        });
        eprintln!("adversarial: a third of the corpus (CCHC_ADVERSARIAL=all for all of it)");
    }

    // Judge every input, spread over the machine's cores: each thread takes
    // the next input not taken yet, so a few slow ones do not hold one back.
    let now = now();
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().min(8));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut judged: Vec<(usize, Verdict)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some((_, control, case)) = cases.get(i) else {
                            break;
                        };
                        mine.push((i, judge(case, *control, now)));
                    }
                    mine
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    judged.sort_by_key(|(i, _)| *i);
    let results: Vec<Verdict> = judged.into_iter().map(|(_, r)| r).collect();

    // The known bug an input shows, by its index in KNOWN_BUGS.
    let known = |name: &str| {
        KNOWN_BUGS
            .iter()
            .position(|bug| bug.inputs.iter().any(|p| name.ends_with(p)))
    };
    // Inputs with each kind of problem: [panicked, accepted, missing code,
    // control rejected, control characters in the output], apart from and
    // within the known bugs.
    let mut counts = [0usize; 5];
    let mut known_counts = [0usize; 5];
    let mut known_inputs = 0;
    let mut failures = String::new();
    // Per known bug, the inputs that still show it.
    let mut known_lines: Vec<Vec<String>> = vec![Vec::new(); KNOWN_BUGS.len()];
    for ((family, _, case), (codes, problems)) in cases.iter().zip(&results) {
        if show {
            eprintln!(
                "[{family}] {} => {} (expected {})",
                case.name,
                codes_str(codes),
                codes_str(&case.expect)
            );
        }
        if problems.is_empty() {
            continue;
        }
        let bug = known(&case.name);
        let tally = match bug {
            Some(_) => {
                known_inputs += 1;
                &mut known_counts
            }
            None => &mut counts,
        };
        for (i, kind) in KINDS.iter().enumerate() {
            tally[i] += usize::from(problems.iter().any(|p| p.starts_with(kind)));
        }
        let line = format!(
            "[{family}] {}: {} (gave: {}; expected: {})",
            case.name,
            problems.join("; "),
            codes_str(codes),
            codes_str(&case.expect)
        );
        match bug {
            Some(b) => known_lines[b].push(line),
            None => {
                failures.push_str(&line);
                failures.push('\n');
            }
        }
    }
    let mut known_report = String::new();
    let mut fixed = Vec::new();
    for (bug, lines) in KNOWN_BUGS.iter().zip(&known_lines) {
        let what = bug.what.split_whitespace().collect::<Vec<_>>().join(" ");
        if lines.is_empty() {
            if cases
                .iter()
                .any(|(_, _, c)| bug.inputs.iter().any(|p| c.name.ends_with(p)))
            {
                fixed.push(what);
            }
            continue;
        }
        let _ = writeln!(known_report, "* {what}");
        for line in lines {
            let _ = writeln!(known_report, "    {line}");
        }
    }
    let families = per_family
        .iter()
        .map(|(f, n)| format!("{f} {n}"))
        .collect::<Vec<_>>()
        .join(", ");
    eprintln!("adversarial families: {families}; controls {control_count}");
    if !known_report.is_empty() {
        eprintln!("adversarial known bugs:\n{known_report}");
    }
    for what in &fixed {
        eprintln!("adversarial: a known bug no longer shows (remove it from KNOWN_BUGS): {what}");
    }
    let [panics, accepted, missing, rejected, render_faults] = counts;
    let controls_run = cases.iter().filter(|(_, c, _)| *c).count();
    eprintln!(
        "adversarial: {} inputs ({} hostile, {controls_run} controls): {panics} panics, \
         {accepted} accepted, {missing} missing expected codes, {rejected} controls rejected, \
         {render_faults} with control characters in the output; {known_inputs} inputs show {} \
         known bugs ({} panics, {} accepted, {} missing expected codes, {} with control \
         characters in the output)",
        cases.len(),
        cases.len() - controls_run,
        known_lines.iter().filter(|l| !l.is_empty()).count(),
        known_counts[0],
        known_counts[1],
        known_counts[2],
        known_counts[4],
    );
    if only.is_none() {
        let hostile: usize = per_family.iter().map(|(_, n)| n).sum();
        assert!(hostile >= 150, "only {hostile} inputs");
        for (family, n) in &per_family {
            assert!(*n >= 10, "family {family} has only {n} inputs");
        }
    }
    assert!(failures.is_empty(), "inputs cchc gets wrong:\n{failures}");
}
