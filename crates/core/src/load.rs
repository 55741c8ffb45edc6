//! From the files of a repository to the raw model: sorts each path into its
//! kind by the repository layout, decodes it and reads it. Pure: the bytes
//! come in an [`Input`] that the edges (disk, Git) fill.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::check::Placement;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::raw;
use crate::resolve::{RawCampaignDir, RawContent, RawCriteriaFile, RawPage};
use crate::source::{SourceDb, SourceFile, Span};
use crate::toml_read::{
    CONTENT_LIMIT, FileData, SUBMISSION_LIMIT, decode, read_document, read_text,
};
use crate::tr;

/// The files of one run: repository-relative paths with `/` separators.
#[derive(Debug, Default, Clone)]
pub struct Input {
    pub files: BTreeMap<String, FileData>,
    /// Submissions given on the command line from outside the repository,
    /// by the path the user typed.
    pub loose: Vec<(String, FileData)>,
}

/// What a repository path is, by the layout in PRODUCT.md.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Units,
    CriteriaSet {
        stem: String,
    },
    Campaign {
        dir: String,
    },
    Plan {
        dir: String,
    },
    Receipts {
        dir: String,
    },
    Page {
        dir: String,
        slug: String,
    },
    Submission {
        campaign: String,
        unit: String,
    },
    /// .github/CODEOWNERS, checked against the units.
    Codeowners,
    /// In submissions/ but not a submission: reported.
    Stray,
    /// Elsewhere (README.md, src/, …): not cchc's data.
    Other,
}

pub fn classify(path: &str) -> Kind {
    let parts: Vec<&str> = path.split('/').collect();
    match parts.as_slice() {
        ["content", "units.toml"] => Kind::Units,
        [".github", "CODEOWNERS"] => Kind::Codeowners,
        ["content", "criteria", file] => match file.strip_suffix(".toml") {
            Some(stem) if !stem.is_empty() => Kind::CriteriaSet {
                stem: stem.to_owned(),
            },
            _ => Kind::Other,
        },
        ["content", "campaigns", dir, file] => {
            let dir = (*dir).to_owned();
            match *file {
                "campaign.toml" => Kind::Campaign { dir },
                "plan.toml" => Kind::Plan { dir },
                "receipts.toml" => Kind::Receipts { dir },
                f => match f.strip_suffix(".md") {
                    Some(slug) if !slug.is_empty() => Kind::Page {
                        dir,
                        slug: slug.to_owned(),
                    },
                    _ => Kind::Other,
                },
            }
        }
        ["submissions", "README.md" | ".gitkeep"] | ["submissions", _, ".gitkeep"] => Kind::Other,
        ["submissions", campaign, file] => match file.strip_suffix(".toml") {
            Some(unit) if !unit.is_empty() && !unit.starts_with('.') => Kind::Submission {
                campaign: (*campaign).to_owned(),
                unit: unit.to_owned(),
            },
            _ => Kind::Stray,
        },
        ["submissions", ..] => Kind::Stray,
        _ => Kind::Other,
    }
}

/// A submission file, with where it sits and what could be read of it
/// (`None` when it could not be decoded or parsed).
#[derive(Debug)]
pub struct RawSubmission {
    pub place: Placement,
    pub sub: Option<raw::submission::Submission>,
}

/// Everything read from an [`Input`].
#[derive(Debug, Default)]
pub struct Loaded {
    pub db: SourceDb,
    pub content: RawContent,
    pub submissions: Vec<RawSubmission>,
    /// How many files were read.
    pub files: usize,
}

/// Decodes and reads every file. Each file's problems go to `diags`; a file
/// that cannot be read is left out of the model, not guessed at.
pub fn load(input: &Input, diags: &mut Diagnostics) -> Loaded {
    load_part(input, Part::All, diags)
}

/// Which files of an input to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    All,
    /// content/ and CODEOWNERS.
    Content,
    /// submissions/ (and loose submissions).
    Submissions,
}

impl Part {
    fn takes(self, kind: &Kind) -> bool {
        let submission = matches!(kind, Kind::Submission { .. } | Kind::Stray);
        match self {
            Part::All => true,
            Part::Content => !submission,
            Part::Submissions => submission,
        }
    }
}

/// Like [`load`], for one part of the input.
pub fn load_part(input: &Input, part: Part, diags: &mut Diagnostics) -> Loaded {
    load_part_with(input, part, diags, None)
}

/// Submissions as read before, by path: `serve` re-reads a campaign on
/// every edit, and so parses again only the files whose bytes changed.
#[derive(Debug, Default)]
pub struct ReadCache {
    files: std::sync::Mutex<std::collections::HashMap<String, Arc<Known>>>,
}

/// A file's bytes and what reading them gave.
type Known = (Vec<u8>, PreRead);

impl ReadCache {
    fn pre_read(&self, path: &str, data: &FileData) -> PreRead {
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
    fn keep_only(&self, input: &Input) {
        self.files
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .retain(|path, _| input.files.contains_key(path));
    }
}

/// [`load_part`], taking unchanged submissions from `cache`.
pub fn load_part_with(
    input: &Input,
    part: Part,
    diags: &mut Diagnostics,
    cache: Option<&ReadCache>,
) -> Loaded {
    let mut out = Loaded::default();
    let mut campaigns: BTreeMap<String, RawCampaignDir> = BTreeMap::new();
    // Submissions are most of the work and independent of one another: read
    // them in parallel first, then take each in its turn below, so that the
    // result is the same as reading one file after another.
    let mut submissions: std::collections::HashMap<&str, PreRead> = input
        .files
        .par_iter()
        .filter(|(path, _)| {
            let kind = classify(path);
            matches!(kind, Kind::Submission { .. }) && part.takes(&kind)
        })
        .map(|(path, data)| {
            let pre = match cache {
                Some(c) => c.pre_read(path, data),
                None => pre_read(path, data),
            };
            (path.as_str(), pre)
        })
        .collect();
    if let Some(c) = cache {
        c.keep_only(input);
    }
    for (path, data) in &input.files {
        let kind = classify(path);
        if kind == Kind::Other || !part.takes(&kind) {
            continue;
        }
        if let Kind::Submission { campaign, unit } = kind {
            out.files += 1;
            let Some(pre) = submissions.remove(path.as_str()) else {
                continue;
            };
            diags.extend(pre.diags);
            let place = Placement {
                path: pre.path,
                folder: Some(campaign),
                stem: unit,
            };
            let sub = match pre.decoded {
                Ok(f) => {
                    out.db.insert(f);
                    pre.sub
                }
                Err(shown) => {
                    if let Some(f) = shown {
                        out.db.insert(f);
                    }
                    None
                }
            };
            out.submissions.push(RawSubmission { place, sub });
            continue;
        }
        let path: Arc<str> = Arc::from(path.as_str());
        out.files += 1;
        if kind == Kind::Stray {
            diags.push(stray(&path));
            continue;
        }
        let limit = if matches!(kind, Kind::Submission { .. }) {
            SUBMISSION_LIMIT
        } else {
            CONTENT_LIMIT
        };
        let file = match decode(&path, data, limit, diags) {
            Ok(f) => out.db.insert(f),
            Err(shown) => {
                if let Some(f) = shown {
                    out.db.insert(f);
                }
                note_present(&kind, &mut out.content, &mut campaigns);
                if let Kind::Submission { campaign, unit } = kind {
                    out.submissions.push(RawSubmission {
                        place: Placement {
                            path,
                            folder: Some(campaign),
                            stem: unit,
                        },
                        sub: None,
                    });
                }
                continue;
            }
        };
        match kind {
            Kind::Codeowners => {
                out.content.codeowners = Some((Arc::clone(&path), file.text.clone()));
            }
            Kind::Units => {
                out.content.units_present = true;
                out.content.units =
                    read_document(&file, &raw::units::FILE, diags, raw::units::read)
                        .map(|u| (Arc::clone(&path), u));
            }
            Kind::CriteriaSet { stem } => {
                if let Some(set) =
                    read_document(&file, &raw::criteria::FILE, diags, raw::criteria::read)
                {
                    out.content
                        .criteria_sets
                        .push(RawCriteriaFile { path, stem, set });
                }
            }
            Kind::Campaign { dir } => {
                let entry = campaign_dir(&mut campaigns, &dir);
                entry.campaign_present = true;
                entry.campaign =
                    read_document(&file, &raw::campaign::FILE, diags, raw::campaign::read);
            }
            Kind::Plan { dir } => {
                let plan = read_document(
                    &file,
                    &raw::campaign::PLAN_FILE,
                    diags,
                    raw::campaign::read_plan,
                );
                let entry = campaign_dir(&mut campaigns, &dir);
                entry.plan_present = true;
                entry.plan = plan.map(|p| (path, p));
            }
            Kind::Receipts { dir } => {
                let receipts = read_document(
                    &file,
                    &raw::campaign::RECEIPTS_FILE,
                    diags,
                    raw::campaign::read_receipts,
                );
                campaign_dir(&mut campaigns, &dir).receipts =
                    Some((path, receipts.unwrap_or_default()));
            }
            Kind::Page { dir, slug } => {
                let page = read_page(&file, slug, diags);
                campaign_dir(&mut campaigns, &dir).pages.push(page);
            }
            Kind::Submission { campaign, unit } => {
                let place = Placement {
                    path: Arc::clone(&path),
                    folder: Some(campaign),
                    stem: unit,
                };
                read_submission(&file, place, diags, &mut out.submissions);
            }
            Kind::Stray | Kind::Other => {}
        }
    }
    let loose = if part == Part::Content {
        &[][..]
    } else {
        &input.loose[..]
    };
    for (shown, data) in loose {
        let path: Arc<str> = Arc::from(shown.as_str());
        out.files += 1;
        match decode(&path, data, SUBMISSION_LIMIT, diags) {
            Ok(f) => {
                let file = out.db.insert(f);
                let stem = std::path::Path::new(shown)
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let place = Placement {
                    path,
                    folder: None,
                    stem,
                };
                read_submission(&file, place, diags, &mut out.submissions);
            }
            Err(shown) => {
                if let Some(f) = shown {
                    out.db.insert(f);
                }
            }
        }
    }
    out.content.campaigns = campaigns.into_values().collect();
    out
}

fn campaign_dir<'a>(
    campaigns: &'a mut BTreeMap<String, RawCampaignDir>,
    dir: &str,
) -> &'a mut RawCampaignDir {
    campaigns
        .entry(dir.to_owned())
        .or_insert_with(|| RawCampaignDir {
            dir: dir.to_owned(),
            path: format!("content/campaigns/{dir}/campaign.toml").into(),
            ..RawCampaignDir::default()
        })
}

/// A required file that exists but could not be decoded still counts as
/// present, so it is not also reported as missing.
fn note_present(
    kind: &Kind,
    content: &mut RawContent,
    campaigns: &mut BTreeMap<String, RawCampaignDir>,
) {
    match kind {
        Kind::Units => content.units_present = true,
        Kind::Campaign { dir } => campaign_dir(campaigns, dir).campaign_present = true,
        Kind::Plan { dir } => campaign_dir(campaigns, dir).plan_present = true,
        _ => {}
    }
}

/// A submission decoded and read on its own, with its problems.
#[derive(Debug, Clone)]
struct PreRead {
    path: Arc<str>,
    decoded: Result<SourceFile, Option<SourceFile>>,
    sub: Option<raw::submission::Submission>,
    diags: Diagnostics,
}

fn pre_read(path: &str, data: &FileData) -> PreRead {
    let path: Arc<str> = Arc::from(path);
    let mut diags = Diagnostics::default();
    let decoded = decode(&path, data, SUBMISSION_LIMIT, &mut diags);
    let sub = decoded
        .as_ref()
        .ok()
        .and_then(|f| read_document(f, &raw::submission::FILE, &mut diags, raw::submission::read));
    PreRead {
        path,
        decoded,
        sub,
        diags,
    }
}

fn read_submission(
    file: &SourceFile,
    place: Placement,
    diags: &mut Diagnostics,
    out: &mut Vec<RawSubmission>,
) {
    let sub = read_document(file, &raw::submission::FILE, diags, raw::submission::read);
    out.push(RawSubmission { place, sub });
}

/// W006: something in submissions/ that is not submissions/<campaign>/<unit>.toml.
fn stray(path: &Arc<str>) -> Diagnostic {
    Diagnostic::new(
        Code::W006,
        Span::file(path),
        tr!(
            "tệp {} không đúng vị trí của một báo cáo",
            "{} is not where a submission goes",
            crate::text::visible(path)
        ),
    )
    .hint(tr!(
        "Báo cáo nằm ở submissions/<mã đợt>/<mã đơn vị>.toml; tệp này sẽ bị bỏ qua. Chuyển hoặc xoá nó.",
        "A submission lives at submissions/<campaign>/<unit>.toml; this file is ignored. Move or remove it."
    ))
}

/// A Markdown page: TOML front matter between `+++` lines, then the body.
fn read_page(file: &SourceFile, slug: String, diags: &mut Diagnostics) -> RawPage {
    let text = &file.text;
    let body_of = |from: usize| text.get(from..).unwrap_or("").to_owned();
    let Some((front_end, body_start)) = front_matter_bounds(text) else {
        let message = if text.starts_with("---") {
            tr!(
                "trang dùng phần đầu YAML (---); cchc dùng phần đầu TOML giữa hai dòng +++",
                "the page uses YAML front matter (---); cchc uses TOML front matter between +++ lines"
            )
        } else if text.starts_with("+++") {
            tr!(
                "phần đầu của trang chưa có dòng +++ đóng",
                "the page's front matter has no closing +++ line"
            )
        } else {
            tr!(
                "trang không bắt đầu bằng phần đầu TOML giữa hai dòng +++",
                "the page does not start with TOML front matter between +++ lines"
            )
        };
        diags.push(
            Diagnostic::new(Code::E090, Span::file(&file.path), message).hint(tr!(
                "Đặt ở đầu tệp:\n+++\ntitle = \"Tiêu đề trang\"\nweight = 1\n+++",
                "Start the file with:\n+++\ntitle = \"Page title\"\nweight = 1\n+++"
            )),
        );
        return RawPage {
            path: Arc::clone(&file.path),
            slug,
            front: None,
            markdown: body_of(0),
        };
    };
    // Blank out everything but the front matter, byte for byte, so that the
    // TOML reader's offsets are the file's.
    let masked: String = text
        .char_indices()
        .map(|(i, c)| {
            if c == '\n' || (i >= 3 && i < front_end) {
                c.to_string()
            } else {
                " ".repeat(c.len_utf8())
            }
        })
        .collect();
    let front = read_text(
        &file.path,
        &masked,
        &raw::campaign::FRONT_MATTER,
        diags,
        raw::campaign::read_front_matter,
    );
    RawPage {
        path: Arc::clone(&file.path),
        slug,
        front,
        markdown: body_of(body_start),
    }
}

/// Where the front matter ends and the body begins, if the page has one.
fn front_matter_bounds(text: &str) -> Option<(usize, usize)> {
    let rest = text.strip_prefix("+++")?;
    if !rest.starts_with('\n') && !rest.starts_with("\r\n") {
        return None;
    }
    let mut offset = 3;
    for line in rest.split_inclusive('\n') {
        if offset > 3 && line.trim_end() == "+++" {
            return Some((offset, offset + line.len()));
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_the_layout() {
        assert_eq!(classify("content/units.toml"), Kind::Units);
        assert_eq!(
            classify("submissions/2023-9t/tu-phap.toml"),
            Kind::Submission {
                campaign: "2023-9t".into(),
                unit: "tu-phap".into()
            }
        );
        assert_eq!(classify("submissions/2023-9t/notes.txt"), Kind::Stray);
        assert_eq!(classify("submissions/x.toml"), Kind::Stray);
        assert_eq!(classify("submissions/README.md"), Kind::Other);
        assert_eq!(classify("README.md"), Kind::Other);
        assert_eq!(
            classify("content/campaigns/2023-9t/cong-van.md"),
            Kind::Page {
                dir: "2023-9t".into(),
                slug: "cong-van".into()
            }
        );
    }

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

    #[test]
    fn finds_front_matter() {
        let t = "+++\ntitle = \"A\"\n+++\nbody\n";
        let (end, body) = front_matter_bounds(t).unwrap();
        assert_eq!(&t[body..], "body\n");
        assert_eq!(&t[4..end], "title = \"A\"\n");
        assert!(front_matter_bounds("# no front matter").is_none());
    }
}
