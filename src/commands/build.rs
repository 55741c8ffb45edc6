//! `cchc build`: content/ first (nothing is published from broken content),
//! then each campaign in its turn, its submissions read, checked, reported
//! and rendered, then dropped: memory holds a few campaigns, not all.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use cchc_core::model::Campaign;
use cchc_core::pipeline::{self, Repository};
use cchc_core::report::{self, CampaignReport};
use cchc_core::site::{self, Counted, Mode, RenderError, Tally};
use cchc_core::text::{Text, format_decimal};
use cchc_core::tr;

use super::history_warning;
use super::templates::load_templates;
use crate::ctx::{Ctx, Failure};
use crate::output;

pub fn build(ctx: &Ctx, out: Option<&Path>, branch: Option<&str>) -> Result<u8, Failure> {
    let started = Instant::now();
    let root = ctx.root()?;
    let repo = ctx.repository(branch)?;
    let repo: &dyn Repository = &*repo;
    let now = repo.now()?;
    // The history walk reads Git while content/ is resolved.
    let (content, history) = rayon::join(|| pipeline::content(repo), || repo.history());
    let content = content?;
    let broken = pipeline::blocking_errors(&content.diags);
    if !broken.is_empty() {
        ctx.print_diagnostics(&broken, &content.db, content.files);
        ctx.say(&tr!(
            "Không tạo trang: content/ có lỗi. Trang cũ (nếu có) được giữ nguyên.",
            "No site built: content/ has errors. The previous site (if any) is unchanged."
        ));
        return Ok(1);
    }
    history_warning(ctx, &history);
    let templates = load_templates(&root)?;
    let target = out.map_or_else(|| root.join("site"), Path::to_path_buf);
    let head = report::report_head(&content.content, now);
    let tally = Tally::default();
    let invalid = AtomicUsize::new(0);
    let lang = ctx.lang;
    let report_of = |c: &Campaign| -> Result<CampaignReport, RenderError> {
        let (report, failed) = pipeline::campaign_report(repo, &content, &history, now, c, None)
            .map_err(|e| RenderError::Read(e.get(lang).to_owned()))?;
        invalid.fetch_add(failed, Ordering::Relaxed);
        Ok(report)
    };
    output::write_site_with(&target, |sink| {
        site::render_streaming(
            &head,
            &content.content,
            &templates,
            Mode::Publish,
            &Counted {
                inner: sink,
                tally: &tally,
            },
            report_of,
        )
    })
    .map_err(|e| match e {
        RenderError::Io(e) => write_error(&target, &e),
        RenderError::Template(m) | RenderError::Read(m) => Text::same(m),
    })?;
    let pages = tally.pages.into_inner();
    let files = tally.files.into_inner();
    let mb = tally.bytes.into_inner() as f64 / 1e6;
    let invalid = invalid.into_inner();
    let ms = started.elapsed().as_millis();
    let place = target.display().to_string();
    let done = tr!(
        "Đã tạo {} trang, {} tệp ({} MB) trong {} sau {} ms",
        "Built {} pages, {} files ({} MB) in {} in {} ms",
        pages,
        files,
        format_decimal(&format!("{mb:.1}"), lang),
        place,
        ms.to_string()
    );
    let shown = if invalid > 0 {
        tr!(
            "; {} báo cáo không hợp lệ được hiển thị cùng lỗi của chúng",
            "; {} invalid submissions are shown with their problems",
            invalid
        )
    } else {
        Text::default()
    };
    eprintln!("{}{}.", ctx.text(&done), ctx.text(&shown));
    Ok(0)
}

/// Why the site could not be written, and that the old one is untouched.
fn write_error(target: &Path, e: &std::io::Error) -> Failure {
    use std::io::ErrorKind;
    let place = target.display().to_string();
    match e.kind() {
        ErrorKind::StorageFull => tr!(
            "hết chỗ trống trên đĩa khi ghi trang vào {}; trang cũ (nếu có) được giữ nguyên. Giải phóng chỗ trống rồi chạy lại.",
            "the disk is full while writing the site to {}; the previous site (if any) is unchanged. Free some space and run again.",
            place
        ),
        ErrorKind::ReadOnlyFilesystem | ErrorKind::PermissionDenied => tr!(
            "không ghi được vào {} (chỉ đọc hoặc không có quyền): {}; trang cũ (nếu có) được giữ nguyên. Chọn thư mục khác bằng --out.",
            "cannot write to {} (read-only or no permission): {}; the previous site (if any) is unchanged. Choose another folder with --out.",
            place,
            e.to_string()
        ),
        _ => tr!(
            "không ghi được trang vào {}: {}; trang cũ (nếu có) được giữ nguyên.",
            "cannot write the site to {}: {}; the previous site (if any) is unchanged.",
            place,
            e.to_string()
        ),
    }
}
