//! The repository layout: what kind of file a path is.

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
}
