//! A campaign's Markdown pages, ordered by weight then slug.

use std::sync::Arc;

use super::text;
use crate::model::Page;
use crate::raw::content::RawPage;

pub(super) fn resolve_pages(raw: &[RawPage]) -> Vec<Page> {
    let mut pages: Vec<Page> = raw
        .iter()
        .filter_map(|p| {
            let front = p.front.as_ref()?;
            Some(Page {
                slug: p.slug.clone(),
                title: text(front.title.as_ref()).unwrap_or_else(|| p.slug.clone()),
                weight: front.weight.as_ref().map_or(0, |w| w.value),
                guidance: front.guidance,
                markdown: p.markdown.clone(),
                path: Arc::clone(&p.path),
            })
        })
        .collect();
    pages.sort_by(|a, b| (a.weight, &a.slug).cmp(&(b.weight, &b.slug)));
    pages
}
