//! The repository layout: what kind of file a path is.

use crate::model::Stage;

/// What a repository path is, by the layout in PRODUCT.md.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// content/units.toml: the units.
    Units,
    /// `content/criteria/<stem>.toml`: a criteria set.
    CriteriaSet {
        /// The file name without `.toml`.
        stem: String,
    },
    /// `content/campaigns/<dir>/campaign.toml`: a campaign.
    Campaign {
        /// The campaign's folder name.
        dir: String,
    },
    /// `content/campaigns/<dir>/plan.toml`: a campaign's plan.
    Plan {
        /// The campaign's folder name.
        dir: String,
    },
    /// `content/campaigns/<dir>/receipts.toml`: a campaign's receipts register.
    Receipts {
        /// The campaign's folder name.
        dir: String,
    },
    /// `content/campaigns/<dir>/<slug>.md`: a page of a campaign.
    Page {
        /// The campaign's folder name.
        dir: String,
        /// The file name without `.md`.
        slug: String,
    },
    /// `submissions/<campaign>/<unit>.toml`: one unit's submission.
    Submission {
        /// The campaign folder.
        campaign: String,
        /// The file name without `.toml` (not starting with `.`).
        unit: String,
    },
    /// A file of a stage after the self-assessment, in the campaign's
    /// folder: `appraisal/<appraiser>/<unit>.toml`,
    /// `explanation/<unit>.toml` or `final/<appraiser>/<unit>.toml`.
    StageFile {
        /// The campaign folder.
        campaign: String,
        /// Which stage.
        stage: Stage,
        /// The appraiser's folder (appraisal and final).
        appraiser: Option<String>,
        /// The file name without `.toml`.
        unit: String,
    },
    /// .github/CODEOWNERS, checked against the units.
    Codeowners,
    /// In submissions/ but not a submission: reported.
    Stray,
    /// Elsewhere (README.md, src/, …): not cchc's data.
    Other,
}

/// What kind of file `path` (repository-relative, `/`-separated) is.
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
        ["submissions", campaign, "explanation", file] => {
            stage_file(campaign, Stage::Explanation, None, file)
        }
        ["submissions", campaign, "appraisal", appraiser, file] => {
            stage_file(campaign, Stage::Appraisal, Some(appraiser), file)
        }
        ["submissions", campaign, "final", appraiser, file] => {
            stage_file(campaign, Stage::Final, Some(appraiser), file)
        }
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

fn stage_file(campaign: &str, stage: Stage, appraiser: Option<&str>, file: &str) -> Kind {
    match file.strip_suffix(".toml") {
        Some(unit) if !unit.is_empty() && !unit.starts_with('.') => Kind::StageFile {
            campaign: campaign.to_owned(),
            stage,
            appraiser: appraiser.map(str::to_owned),
            unit: unit.to_owned(),
        },
        _ => Kind::Stray,
    }
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
        assert_eq!(
            classify("submissions/2023-9t/appraisal/office/tu-phap.toml"),
            Kind::StageFile {
                campaign: "2023-9t".into(),
                stage: Stage::Appraisal,
                appraiser: Some("office".into()),
                unit: "tu-phap".into()
            }
        );
        assert_eq!(
            classify("submissions/2023-9t/explanation/tu-phap.toml"),
            Kind::StageFile {
                campaign: "2023-9t".into(),
                stage: Stage::Explanation,
                appraiser: None,
                unit: "tu-phap".into()
            }
        );
        assert_eq!(
            classify("submissions/2023-9t/appraisal/tu-phap.toml"),
            Kind::Stray
        );
        assert_eq!(
            classify("submissions/2023-9t/final/office/x/y.toml"),
            Kind::Stray
        );
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
}
