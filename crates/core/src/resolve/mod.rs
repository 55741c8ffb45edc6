//! content/ from raw files to the resolved [`Content`], with the content
//! rules. Each rule is one function named after what it checks, reporting one
//! code; resolution keeps going past errors so every problem is reported.

mod campaign;
mod codeowners;
mod criteria;
mod ids;
mod pages;
mod participants;
mod plan;
mod receipts;
mod stages;
mod units;

use std::sync::Arc;

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::model::Content;
pub use crate::raw::content::{RawCampaignDir, RawContent, RawCriteriaFile};
use crate::source::{Sp, Span};
use crate::tr;

use campaign::resolve_campaign;
use codeowners::rule_codeowners_current;
use criteria::resolve_criteria_set;
use units::{resolve_office, resolve_units};

/// Resolves content/, reporting content rules into `diags`.
pub fn resolve(raw: &RawContent, diags: &mut Diagnostics) -> Content {
    let mut content = Content::default();
    match &raw.units {
        Some((_, units)) => {
            content.office = units.office.as_ref().map(|o| resolve_office(o, diags));
            content.set_units(resolve_units(&units.units, diags));
        }
        None => {
            // Without the units nothing else can be linked: report the
            // root cause alone rather than every reference to a unit.
            if !raw.units_present {
                diags.push(required_file_missing("content/units.toml"));
            }
            content.broken_campaigns = raw.campaigns.iter().map(|c| c.dir.clone()).collect();
            return content;
        }
    }
    // A set is known by its file's name, which is unique in its folder; an
    // `id` that differs is reported (E084) but does not move the set.
    for file in &raw.criteria_sets {
        let set = resolve_criteria_set(file, diags);
        content.criteria_sets.insert(set.id.clone(), Arc::new(set));
    }
    for dir in &raw.campaigns {
        match resolve_campaign(dir, &content, diags) {
            Some(c) => {
                content.campaigns.insert(c.id.clone(), c);
            }
            None => {
                content.broken_campaigns.insert(dir.dir.clone());
            }
        }
    }
    // After the campaigns: the later stages' folders are owned by who the
    // campaigns name.
    if let Some((path, text)) = &raw.codeowners {
        rule_codeowners_current(path, text, &content, diags);
    }
    content
}

pub(super) fn required_file_missing(path: &str) -> Diagnostic {
    let path: Arc<str> = path.into();
    Diagnostic::new(
        Code::E089,
        Span::file(&path),
        tr!(
            "thiếu tệp bắt buộc {}",
            "required file {} is missing",
            path.to_string()
        ),
    )
    .hint(tr!(
        "Mỗi kho dữ liệu cần content/units.toml, ít nhất một bộ tiêu chí trong content/criteria/ và mỗi đợt một thư mục content/campaigns/<mã đợt>/ có campaign.toml và plan.toml.",
        "A repository needs content/units.toml, at least one criteria set in content/criteria/, and per campaign a folder content/campaigns/<id>/ with campaign.toml and plan.toml."
    ))
}

pub(super) fn text(v: Option<&Sp<String>>) -> Option<String> {
    v.map(|s| s.value.clone())
}
