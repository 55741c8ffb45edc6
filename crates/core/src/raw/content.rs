//! content/ as read, before resolution: each file of content/ in its raw form,
//! gathered by the loader for [`crate::resolve`].

use std::sync::Arc;

use crate::raw;

/// content/ as read, before resolution.
#[derive(Debug, Default)]
pub struct RawContent {
    pub units: Option<(Arc<str>, raw::units::UnitsFile)>,
    /// Whether content/units.toml exists (it may exist and fail to read).
    pub units_present: bool,
    /// .github/CODEOWNERS as committed, if it is.
    pub codeowners: Option<(Arc<str>, String)>,
    pub criteria_sets: Vec<RawCriteriaFile>,
    pub campaigns: Vec<RawCampaignDir>,
}

#[derive(Debug)]
pub struct RawCriteriaFile {
    pub path: Arc<str>,
    /// The file name without `.toml`.
    pub stem: String,
    pub set: raw::criteria::CriteriaSet,
}

#[derive(Debug)]
pub struct RawPage {
    pub path: Arc<str>,
    pub slug: String,
    pub front: Option<raw::campaign::FrontMatter>,
    pub markdown: String,
}

/// One folder `content/campaigns/<dir>/`.
#[derive(Debug, Default)]
pub struct RawCampaignDir {
    pub dir: String,
    /// `content/campaigns/<dir>/campaign.toml`, whether or not it exists.
    pub path: Arc<str>,
    pub campaign: Option<raw::campaign::Campaign>,
    /// Whether campaign.toml exists (it may exist and fail to parse).
    pub campaign_present: bool,
    /// Whether plan.toml exists; `plan` is `None` when it failed to read.
    pub plan_present: bool,
    pub plan: Option<(Arc<str>, Vec<raw::campaign::Task>)>,
    pub receipts: Option<(Arc<str>, Vec<raw::campaign::Receipt>)>,
    pub pages: Vec<RawPage>,
}
