//! `cchc new`: a unit's submission file, pre-filled from content/.

use std::io::Write as _;
use std::path::Path;

use cchc_core::model::Stage;
use cchc_core::pipeline;
use cchc_core::scaffold::StageSources;
use cchc_core::text::{Text, visible};
use cchc_core::tr;

use crate::ctx::{Ctx, Failure};
use crate::fsio;
use crate::repo::WorkTree;

/// What `cchc new` is asked for.
#[derive(Debug, Clone, Copy)]
pub struct NewRequest<'a> {
    pub unit: &'a str,
    pub campaign: Option<&'a str>,
    pub force: bool,
    pub stdout: bool,
    /// A later stage's file instead of the report.
    pub stage: Option<Stage>,
    pub appraiser: Option<&'a str>,
}

pub fn new(ctx: &Ctx, req: NewRequest<'_>) -> Result<u8, Failure> {
    let root = ctx.root()?;
    // content/ alone: a template needs no submission.
    let content = pipeline::content(&WorkTree::new(root.clone()))?;
    let content = &content.content;
    let campaign = match req.campaign {
        Some(id) => content.campaigns.get(id).ok_or_else(|| {
            tr!(
                "không có đợt đánh giá {} (hoặc content/ của đợt có lỗi: chạy `cchc validate`)",
                "no campaign {} (or its content has errors: run `cchc validate`)",
                id
            )
        })?,
        None => content.newest_campaign().ok_or_else(|| {
            tr!(
                "chưa có đợt đánh giá hợp lệ nào trong content/campaigns/ (chạy `cchc validate`)",
                "no valid campaign in content/campaigns/ (run `cchc validate`)"
            )
        })?,
    };
    let unit = req.unit;
    let (rel, text) = match req.stage {
        None => (
            format!("submissions/{}/{unit}.toml", campaign.id),
            cchc_core::scaffold::scaffold(content, campaign, unit)?,
        ),
        Some(stage) => {
            // Pre-filled from the stage before: the campaign's folder read.
            let repo = WorkTree::new(root.clone());
            let now = pipeline::Repository::now(&repo)?;
            let checked = pipeline::checked_campaign(&repo, content, now, campaign, None)?;
            let report = checked
                .submissions
                .iter()
                .find(|s| s.place.stem == unit)
                .and_then(|s| s.accepted.as_ref());
            cchc_core::scaffold::scaffold_stage(
                content,
                campaign,
                unit,
                stage,
                req.appraiser,
                StageSources {
                    report,
                    stage_files: &checked.stages,
                },
            )?
        }
    };
    if req.stdout {
        ctx.print(&text)?;
        return Ok(0);
    }
    let path = root.join(&rel);
    // Written only into the repository's own folders: through a linked
    // submissions/ or campaign folder the file would land elsewhere, and
    // `validate`, which follows no link, would never read it.
    if let Some(link) =
        fsio::link_under(&root, &rel).map_err(|e| Text::same(format!("{rel}: {e}")))?
    {
        return Err(tr!(
            "không ghi {}: {} là liên kết tượng trưng (symlink), cchc không ghi qua liên kết. Thay liên kết bằng thư mục (hoặc tệp) thật trong kho rồi chạy lại, hoặc dùng --stdout.",
            "{} not written: {} is a symbolic link, and cchc writes through no link. Replace it with a real folder (or file) of the repository and run again, or use --stdout.",
            rel,
            visible(&link)
        ));
    }
    if path.exists() && !req.force {
        return Err(tr!(
            "{} đã có; dùng --force để ghi đè (nội dung cũ sẽ mất) hoặc --stdout để xem tệp mẫu",
            "{} exists; use --force to overwrite it (its content is lost) or --stdout to see the template",
            rel
        ));
    }
    write_new_file(&path, &text).map_err(|e| Text::same(format!("{rel}: {e}")))?;
    ctx.say(&tr!(
        "Đã tạo {}. Điền các ô còn trống rồi chạy `cchc validate {}`.",
        "Wrote {}. Fill in the blanks, then run `cchc validate {}`.",
        rel,
        rel
    ));
    Ok(0)
}

/// Writes through a temporary file and a rename, so an interrupted write
/// never leaves half a file where a clerk's work was.
fn write_new_file(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(
        ".{}.tmp",
        path.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    ));
    // A fresh file: never one left there (a link, say) and written through.
    match std::fs::remove_file(&tmp) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&tmp)?
        .write_all(text.as_bytes())?;
    std::fs::rename(&tmp, path)
}
