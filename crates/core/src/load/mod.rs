//! From the files of a repository to the raw model: sorts each path into its
//! kind by the repository layout, decodes it and reads it. Pure: the bytes
//! come in an [`Input`] that the edges (disk, Git) fill.

mod cache;
mod layout;
mod page;

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;

pub use cache::ReadCache;
use cache::{PreRead, pre_read};
pub use layout::{Kind, classify};
use page::read_page;

use crate::checked::{Placement, StagePlace};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::input::{CONTENT_LIMIT, Input, SUBMISSION_LIMIT};
use crate::model::Stage;
use crate::raw;
use crate::resolve::{RawCampaignDir, RawContent, RawCriteriaFile};
use crate::source::{SourceDb, SourceFile, Span};
use crate::toml_read::{decode, read_document};
use crate::tr;

/// A submission file, with where it sits and what could be read of it
/// (`None` when it could not be decoded or parsed).
#[derive(Debug)]
pub struct RawSubmission {
    /// Where the file sits.
    pub place: Placement,
    /// What could be read of it; `None` when it could not be decoded or parsed.
    pub sub: Option<raw::submission::Submission>,
}

/// A file of a later stage as read (`None` when it could not be decoded or
/// parsed).
#[derive(Debug)]
pub struct RawStageFile {
    /// Where it sits.
    pub place: StagePlace,
    /// What could be read of it.
    pub file: Option<RawStage>,
}

/// A stage file's content, by stage.
#[derive(Debug)]
pub enum RawStage {
    /// `appraisal/<appraiser>/<unit>.toml`.
    Appraisal(raw::cycle::AppraisalFile),
    /// `explanation/<unit>.toml`.
    Explanation(raw::cycle::ExplanationFile),
    /// `final/<appraiser>/<unit>.toml`.
    Final(raw::cycle::FinalFile),
}

/// Everything read from an [`Input`].
#[derive(Debug, Default)]
pub(crate) struct Loaded {
    pub db: SourceDb,
    pub content: RawContent,
    pub submissions: Vec<RawSubmission>,
    /// The files of the later stages, in path order.
    pub stage_files: Vec<RawStageFile>,
    /// How many files were read.
    pub files: usize,
}

/// Which files of an input to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    /// content/ and CODEOWNERS.
    Content,
    /// submissions/ (and loose submissions).
    Submissions,
}

impl Part {
    fn takes(self, kind: &Kind) -> bool {
        let submission = matches!(
            kind,
            Kind::Submission { .. } | Kind::StageFile { .. } | Kind::Stray
        );
        match self {
            Part::Content => !submission,
            Part::Submissions => submission,
        }
    }
}

/// Decodes and reads one part of the input. Each file's problems go to
/// `diags`; a file that cannot be read is left out of the model, not guessed
/// at.
pub(crate) fn load_part(input: &Input, part: Part, diags: &mut Diagnostics) -> Loaded {
    load_part_with(input, part, diags, None)
}

/// [`load_part`], taking unchanged submissions from `cache`.
pub(crate) fn load_part_with(
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
        if let Kind::StageFile {
            campaign,
            stage,
            appraiser,
            unit,
        } = kind
        {
            let place = StagePlace {
                path: Arc::clone(&path),
                campaign,
                stage,
                appraiser,
                unit,
            };
            out.stage_files
                .push(read_stage_file(place, data, &mut out.db, diags));
            continue;
        }
        if kind == Kind::Stray {
            diags.push(stray(&path));
            continue;
        }
        let file = match decode(&path, data, CONTENT_LIMIT, diags) {
            Ok(f) => out.db.insert(f),
            Err(shown) => {
                if let Some(f) = shown {
                    out.db.insert(f);
                }
                note_present(&kind, &mut out.content, &mut campaigns);
                continue;
            }
        };
        match kind {
            Kind::Codeowners => {
                out.content.codeowners = Some((Arc::clone(&path), file.text.clone()));
            }
            Kind::Units => {
                out.content.units_present = true;
                out.content.units = read_document::<raw::units::UnitsFile>(&file, diags)
                    .map(|u| (Arc::clone(&path), u));
            }
            Kind::CriteriaSet { stem } => {
                if let Some(set) = read_document::<raw::criteria::CriteriaSet>(&file, diags) {
                    out.content
                        .criteria_sets
                        .push(RawCriteriaFile { path, stem, set });
                }
            }
            Kind::Campaign { dir } => {
                let entry = campaign_dir(&mut campaigns, &dir);
                entry.campaign_present = true;
                entry.campaign = read_document::<raw::campaign::Campaign>(&file, diags);
            }
            Kind::Plan { dir } => {
                let plan = read_document::<raw::campaign::Plan>(&file, diags).map(|p| p.tasks);
                let entry = campaign_dir(&mut campaigns, &dir);
                entry.plan_present = true;
                entry.plan = plan.map(|p| (path, p));
            }
            Kind::Receipts { dir } => {
                let receipts =
                    read_document::<raw::campaign::Receipts>(&file, diags).map(|r| r.receipts);
                campaign_dir(&mut campaigns, &dir).receipts =
                    Some((path, receipts.unwrap_or_default()));
            }
            Kind::Page { dir, slug } => {
                let page = read_page(&file, slug, diags);
                campaign_dir(&mut campaigns, &dir).pages.push(page);
            }
            Kind::Submission { .. } | Kind::StageFile { .. } | Kind::Stray | Kind::Other => {}
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

/// Decodes and reads one stage file by its stage.
fn read_stage_file(
    place: StagePlace,
    data: &crate::input::FileData,
    db: &mut SourceDb,
    diags: &mut Diagnostics,
) -> RawStageFile {
    let file = match decode(&place.path, data, SUBMISSION_LIMIT, diags) {
        Ok(f) => Some(db.insert(f)),
        Err(shown) => {
            if let Some(f) = shown {
                db.insert(f);
            }
            None
        }
    };
    let file = file.and_then(|f| match place.stage {
        Stage::Appraisal => read_document(&f, diags).map(RawStage::Appraisal),
        Stage::Explanation => read_document(&f, diags).map(RawStage::Explanation),
        Stage::Final => read_document(&f, diags).map(RawStage::Final),
    });
    RawStageFile { place, file }
}

fn read_submission(
    file: &SourceFile,
    place: Placement,
    diags: &mut Diagnostics,
    out: &mut Vec<RawSubmission>,
) {
    let sub = read_document::<raw::submission::Submission>(file, diags);
    out.push(RawSubmission { place, sub });
}

/// W006: something in submissions/ that is not `submissions/<campaign>/<unit>.toml`.
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
        "Báo cáo nằm ở submissions/<mã đợt>/<mã đơn vị>.toml; tệp này sẽ bị bỏ qua. Chuyển hoặc xóa nó.",
        "A submission lives at submissions/<campaign>/<unit>.toml; this file is ignored. Move or remove it."
    ))
}
