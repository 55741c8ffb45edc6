//! `cchc validate`: every problem of content/ and the submissions (or of
//! the submissions named), in the chosen format.

use std::path::PathBuf;

use cchc_core::diag::render::{Format, Summary, render};
use cchc_core::pipeline::validate;
use cchc_core::pipeline::{self, DATA_DIRS, Problems, Repository as _};
use cchc_core::text::Text;

use crate::ctx::{Ctx, Failure};
use crate::fsio;
use crate::repo::WorkTree;

pub fn validate_command(ctx: &Ctx, paths: &[PathBuf], format: Format) -> Result<u8, Failure> {
    let root = ctx.root()?;
    let repo = WorkTree::new(root.clone());
    let now = repo.now()?;
    let problems = if paths.is_empty() {
        pipeline::validate_all(&repo, now)?
    } else {
        let mut input = repo.files(&DATA_DIRS, true)?;
        let context =
            fsio::select(&root, &mut input, paths).map_err(|e| Text::same(e.to_string()))?;
        let context_files = input
            .files
            .keys()
            .filter(|p| !context.asked_about(p))
            .count();
        let outcome = validate(&input, now);
        let mut diags = cchc_core::diag::Diagnostics::default();
        for d in outcome.diags.into_sorted() {
            if context.asked_about(&d.span.file) {
                diags.push(d);
            }
        }
        Problems {
            diags,
            db: outcome.db,
            files: outcome.files.saturating_sub(context_files),
        }
    };
    let failed = problems.diags.has_errors();
    let color = format == Format::Human && ctx.colour_stdout();
    let diags = problems.diags.into_sorted();
    let text = render(
        &diags,
        &problems.db,
        format,
        ctx.lang,
        color,
        Summary {
            files: problems.files,
        },
    );
    ctx.print(&text)?;
    Ok(u8::from(failed))
}
