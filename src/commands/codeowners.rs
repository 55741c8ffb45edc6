//! `cchc codeowners`: .github/CODEOWNERS generated from content/.

use cchc_core::diag::Code;
use cchc_core::pipeline;

use crate::ctx::{Ctx, Failure};
use crate::repo::WorkTree;

pub fn codeowners(ctx: &Ctx) -> Result<u8, Failure> {
    let repo = WorkTree::new(ctx.root()?);
    let content = pipeline::content(&repo)?;
    // A CODEOWNERS out of date (E092) is what this command mends.
    let broken: Vec<_> = pipeline::blocking_errors(&content.diags)
        .into_iter()
        .filter(|d| d.code != Code::E092)
        .collect();
    if !broken.is_empty() {
        ctx.print_diagnostics(&broken, &content.db, content.files);
        return Ok(1);
    }
    ctx.print(&cchc_core::codeowners::generate(&content.content))?;
    Ok(0)
}
