//! The commands that read the whole repository and its history: `build`,
//! `status` and `export`. Each gathers the inputs at the edges (disk, Git,
//! clock), runs the pure core and writes the result.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use jiff::Timestamp;

use crate::cli::{Cli, ExportFormat, Failure, StatusFormat, print, repo_root};
use crate::git::{self, walk};
use crate::{fsio, output};
use cchc_core::diag::render::{Format, Summary, render};
use cchc_core::diag::{Diagnostic, Severity};
use cchc_core::history::History;
use cchc_core::model::Campaign;
use cchc_core::report::{self, CampaignReport, Report, Sources};
use cchc_core::site::{Counted, Mode, RenderError, SiteFiles, Tally, Templates};
use cchc_core::source::SourceDb;
use cchc_core::text::Lang;
use cchc_core::validate::{
    ContentOutcome, Outcome, check_submissions, check_submissions_with, validate, validate_content,
};
use cchc_core::{export as exports, site};

/// Everything a report is made from.
#[derive(Debug)]
pub struct Gathered {
    pub root: PathBuf,
    pub outcome: Outcome,
    pub diags: Vec<Diagnostic>,
    pub history: History,
    pub now: Timestamp,
}

impl Gathered {
    pub fn report(&self) -> Report {
        report::report(&Sources {
            content: &self.outcome.content,
            submissions: &self.outcome.submissions,
            diags: &self.diags,
            db: &self.outcome.db,
            history: &self.history,
            now: self.now,
        })
    }

    /// Errors in content/: the office's data is broken and nothing can be
    /// published from it.
    pub fn content_errors(&self) -> Vec<Diagnostic> {
        self.diags
            .iter()
            .filter(|d| d.severity == Severity::Error && d.span.file.starts_with("content/"))
            .cloned()
            .collect()
    }
}

/// Reads the repository: the files of the work tree, or of `branch` when one
/// is named (so files and their history come from the same place), its
/// history, and the clock.
pub fn gather(root: &Path, branch: Option<&str>) -> Result<Gathered, Failure> {
    let input = match branch {
        Some(b) => git::read_tree(root, b).map_err(|e| e.vi)?,
        None => fsio::read_repo(root).map_err(|e| e.to_string())?,
    };
    let now = fsio::now()?;
    // The history walk reads Git while validation reads the files.
    let (outcome, history) = rayon::join(|| validate(&input, now), || walk::read(root, branch));
    let diags = outcome.diags.clone().into_sorted();
    Ok(Gathered {
        root: root.to_path_buf(),
        outcome,
        diags,
        history,
        now,
    })
}

/// The repository's templates/, or the ones built into cchc. Nothing is
/// read through a symbolic link: a linked templates/, templates/static or
/// file in them stops the build (a pull request could otherwise put any
/// folder of the machine that builds it into the site).
pub fn load_templates(root: &Path, lang: Lang) -> Result<Templates, Failure> {
    use fsio::Kind;
    let failed = |rel: &str, e: &std::io::Error| format!("{}: {e}", cchc_core::text::visible(rel));
    match fsio::kind_under(root, "templates").map_err(|e| failed("templates", &e))? {
        Kind::Dir => {}
        Kind::Link => return Err(linked(&["templates".to_owned()], lang)),
        _ => return Templates::builtin(),
    }
    let mut sources = Vec::new();
    let mut assets = Vec::new();
    let mut links = Vec::new();
    let listed = |rel: &str| fsio::list(&root.join(rel)).map_err(|e| failed(rel, &e));
    for entry in listed("templates")? {
        let name = entry.name.to_string_lossy().into_owned();
        let rel = format!("templates/{name}");
        match entry.kind {
            Kind::Link => links.push(rel),
            Kind::File if site::is_page(&name) => {
                let text = std::fs::read_to_string(&entry.path).map_err(|e| failed(&rel, &e))?;
                sources.push((name, text));
            }
            Kind::Dir if name == "static" => {
                for asset in listed(&rel)? {
                    let name = asset.name.to_string_lossy().into_owned();
                    let rel = format!("{rel}/{name}");
                    match asset.kind {
                        Kind::Link => links.push(rel),
                        Kind::File => {
                            let bytes = std::fs::read(&asset.path).map_err(|e| failed(&rel, &e))?;
                            assets.push((name, bytes));
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    if !links.is_empty() {
        return Err(linked(&links, lang));
    }
    Templates::new(sources, assets).map_err(|e| format!("templates/: {e}"))
}

/// Why templates/ is refused: the links it holds, and what to do.
fn linked(paths: &[String], lang: Lang) -> Failure {
    let names = paths
        .iter()
        .map(|p| cchc_core::text::visible(p))
        .collect::<Vec<_>>()
        .join(", ");
    match lang {
        Lang::Vi => format!(
            "không dùng được templates/: {names} là liên kết tượng trưng (symlink). cchc không đi theo liên kết khi tạo trang, để trang chỉ chứa những gì có trong kho. Thay liên kết bằng tệp hoặc thư mục thật (chép nội dung vào kho), hoặc xoá liên kết."
        ),
        Lang::En => format!(
            "templates/ cannot be used: {names} {}. cchc follows no links when it builds the site, so that the site holds only what is in the repository. Replace the link with the real file or folder (copy its content into the repository), or remove it.",
            if paths.len() == 1 {
                "is a symbolic link"
            } else {
                "are symbolic links"
            }
        ),
    }
}

/// Validates, reports and renders: the site's files, or the content errors
/// that stop it.
pub fn build_files(g: &Gathered, templates: &Templates, mode: Mode) -> Result<SiteFiles, Failure> {
    let report = g.report();
    site::render(&report, &g.outcome.content, templates, mode)
}

fn print_diagnostics(diags: &[Diagnostic], db: &SourceDb, files: usize, lang: Lang) {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    eprint!(
        "{}",
        render(diags, db, Format::Human, lang, color, Summary { files })
    );
}

fn history_warning(history: &History, lang: Lang) {
    if let History::Unknown { reason } = history {
        match lang {
            Lang::Vi => eprintln!("cảnh báo: {}; thời điểm nhận sẽ ghi là chưa rõ.", reason.vi),
            Lang::En => eprintln!(
                "warning: {}; arrival times are shown as unknown.",
                reason.en
            ),
        }
    }
}

/// The files under `dirs` of the work tree, or of `branch` when one is named
/// (so that files and their history come from the same place).
fn read_part(
    root: &Path,
    branch: Option<&str>,
    dirs: &[&str],
    owners: bool,
) -> Result<cchc_core::load::Input, String> {
    match branch {
        Some(b) => git::read_tree_parts(root, b, dirs, owners).map_err(|e| e.vi),
        None => fsio::read_parts(root, dirs, owners).map_err(|e| e.to_string()),
    }
}

/// One campaign's report from its own submissions (of the work tree, or of
/// `branch`), checked against `content`; and how many of them are invalid.
/// Files read before are taken from `cache` if there is one (`serve`).
pub fn report_campaign(
    root: &Path,
    branch: Option<&str>,
    content: &ContentOutcome,
    history: &History,
    now: Timestamp,
    c: &Campaign,
    cache: Option<&cchc_core::load::ReadCache>,
) -> Result<(CampaignReport, usize), String> {
    let folder = format!("submissions/{}", c.id);
    let input = read_part(root, branch, &[&folder], false)?;
    let checked = check_submissions_with(&input, &content.content, now, cache);
    drop(input);
    let diags = checked.diags.into_sorted();
    let failed: HashSet<&str> = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| &*d.span.file)
        .collect();
    let invalid = checked
        .submissions
        .iter()
        .filter(|s| failed.contains(&*s.place.path))
        .count();
    let report = report::campaign_report(
        c,
        &Sources {
            content: &content.content,
            submissions: &checked.submissions,
            diags: &diags,
            db: &checked.db,
            history,
            now,
        },
    );
    Ok((report, invalid))
}

/// content/ (and CODEOWNERS) of the work tree or of `branch`, resolved.
pub fn read_content(root: &Path, branch: Option<&str>) -> Result<ContentOutcome, String> {
    let input = read_part(root, branch, &["content"], true)?;
    Ok(validate_content(&input))
}

/// Every problem of the repository, as `validate` over all of it finds
/// them, with the source of each file that has one; and how many files
/// were read.
#[derive(Debug)]
pub struct RepoProblems {
    pub diags: cchc_core::diag::Diagnostics,
    pub db: SourceDb,
    pub files: usize,
}

/// `cchc validate` of the whole work tree, one folder of submissions/ at a
/// time (a few in parallel): content/ is resolved once, each folder's files
/// are read, checked and dropped, and only the text of files with a
/// problem is kept to show it. Memory holds a few folders, not every
/// submission (each is judged on its own against content/, so the problems
/// are the ones a single pass finds).
pub fn validate_repo(root: &Path, now: Timestamp) -> Result<RepoProblems, String> {
    use rayon::prelude::*;
    let content = read_content(root, None)?;
    let groups = fsio::submission_groups(root).map_err(|e| e.to_string())?;
    let checked = groups
        .par_iter()
        .map(|group| -> Result<RepoProblems, String> {
            let input = fsio::read_group(root, group).map_err(|e| e.to_string())?;
            let mut checked = check_submissions(&input, &content.content, now);
            let shown: HashSet<&str> = checked
                .diags
                .iter()
                .flat_map(|d| std::iter::once(&d.span).chain(d.related.iter().map(|r| &r.0)))
                .map(|span| &*span.file)
                .collect();
            checked.db.retain(|path| shown.contains(path));
            Ok(RepoProblems {
                diags: checked.diags,
                db: checked.db,
                files: checked.files,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    let mut all = RepoProblems {
        diags: content.diags,
        db: content.db,
        files: content.files,
    };
    for part in checked {
        all.diags.extend(part.diags);
        all.db.merge(part.db);
        all.files += part.files;
    }
    Ok(all)
}

/// The errors of content/ that stop a site from being built.
pub fn blocking_errors(content: &ContentOutcome) -> Vec<Diagnostic> {
    content
        .diags
        .clone()
        .into_sorted()
        .into_iter()
        .filter(|d| d.severity == Severity::Error && d.span.file.starts_with("content/"))
        .collect()
}

/// `cchc build`: content/ first (nothing is published from broken content),
/// then each campaign in its turn, its submissions read, checked, reported
/// and rendered, then dropped: memory holds a few campaigns, not all.
pub fn build(cli: &Cli, out: Option<&Path>, branch: Option<&str>) -> Result<u8, Failure> {
    let started = Instant::now();
    let root = repo_root(cli)?;
    let now = fsio::now()?;
    // The history walk reads Git while content/ is resolved.
    let (content, history) =
        rayon::join(|| read_content(&root, branch), || walk::read(&root, branch));
    let content = content?;
    let broken = blocking_errors(&content);
    if !broken.is_empty() {
        print_diagnostics(&broken, &content.db, content.files, cli.lang);
        eprintln!(
            "{}",
            match cli.lang {
                Lang::Vi => "Không tạo trang: content/ có lỗi. Trang cũ (nếu có) được giữ nguyên.",
                Lang::En =>
                    "No site built: content/ has errors. The previous site (if any) is unchanged.",
            }
        );
        return Ok(1);
    }
    history_warning(&history, cli.lang);
    let templates = load_templates(&root, cli.lang)?;
    let target = out.map_or_else(|| root.join("site"), Path::to_path_buf);
    let head = report::report_head(&content.content, now);
    let tally = Tally::default();
    let invalid = AtomicUsize::new(0);
    let report_of = |c: &Campaign| -> Result<CampaignReport, RenderError> {
        let (report, failed) = report_campaign(&root, branch, &content, &history, now, c, None)
            .map_err(RenderError::Read)?;
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
        RenderError::Io(e) => write_error(&target, &e, cli.lang),
        RenderError::Template(m) | RenderError::Read(m) => m,
    })?;
    let pages = tally.pages.into_inner();
    let files = tally.files.into_inner();
    let bytes = tally.bytes.into_inner();
    let invalid = invalid.into_inner();
    let ms = started.elapsed().as_millis();
    match cli.lang {
        Lang::Vi => eprintln!(
            "Đã tạo {pages} trang, {files} tệp ({:.1} MB) trong {} sau {ms} ms{}.",
            bytes as f64 / 1e6,
            target.display(),
            if invalid > 0 {
                format!("; {invalid} báo cáo không hợp lệ được hiển thị cùng lỗi của chúng")
            } else {
                String::new()
            }
        ),
        Lang::En => eprintln!(
            "Built {pages} pages, {files} files ({:.1} MB) in {} in {ms} ms{}.",
            bytes as f64 / 1e6,
            target.display(),
            if invalid > 0 {
                format!("; {invalid} invalid submissions are shown with their problems")
            } else {
                String::new()
            }
        ),
    }
    Ok(0)
}

/// Why the site could not be written, and that the old one is untouched.
fn write_error(target: &Path, e: &std::io::Error, lang: Lang) -> Failure {
    use std::io::ErrorKind;
    let place = target.display();
    match (e.kind(), lang) {
        (ErrorKind::StorageFull, Lang::Vi) => format!(
            "hết chỗ trống trên đĩa khi ghi trang vào {place}; trang cũ (nếu có) được giữ nguyên. Giải phóng chỗ trống rồi chạy lại."
        ),
        (ErrorKind::StorageFull, Lang::En) => format!(
            "the disk is full while writing the site to {place}; the previous site (if any) is unchanged. Free some space and run again."
        ),
        (ErrorKind::ReadOnlyFilesystem | ErrorKind::PermissionDenied, Lang::Vi) => format!(
            "không ghi được vào {place} (chỉ đọc hoặc không có quyền): {e}; trang cũ (nếu có) được giữ nguyên. Chọn thư mục khác bằng --out."
        ),
        (ErrorKind::ReadOnlyFilesystem | ErrorKind::PermissionDenied, Lang::En) => format!(
            "cannot write to {place} (read-only or no permission): {e}; the previous site (if any) is unchanged. Choose another folder with --out."
        ),
        (_, Lang::Vi) => {
            format!("không ghi được trang vào {place}: {e}; trang cũ (nếu có) được giữ nguyên.")
        }
        (_, Lang::En) => format!(
            "cannot write the site to {place}: {e}; the previous site (if any) is unchanged."
        ),
    }
}

pub fn codeowners(cli: &Cli) -> Result<u8, Failure> {
    let root = repo_root(cli)?;
    let g = gather(&root, None)?;
    let broken: Vec<Diagnostic> = g
        .content_errors()
        .into_iter()
        .filter(|d| d.code != cchc_core::diag::Code::E092)
        .collect();
    if !broken.is_empty() {
        print_diagnostics(&broken, &g.outcome.db, g.outcome.files, cli.lang);
        return Ok(1);
    }
    print(&cchc_core::codeowners::generate(&g.outcome.content))?;
    Ok(0)
}

fn pick<'r>(
    report: &'r Report,
    campaign: Option<&str>,
    lang: Lang,
) -> Result<&'r CampaignReport, Failure> {
    match campaign {
        Some(id) => report
            .campaigns
            .iter()
            .find(|c| c.id == id)
            .ok_or_else(|| match lang {
                Lang::Vi => format!(
                    "không có đợt đánh giá {id} (hoặc đợt có lỗi nội dung: chạy `cchc validate`)"
                ),
                Lang::En => {
                    format!("no campaign {id} (or its content has errors: run `cchc validate`)")
                }
            }),
        None => report.campaigns.first().ok_or_else(|| match lang {
            Lang::Vi => "chưa có đợt đánh giá hợp lệ nào".to_owned(),
            Lang::En => "there is no valid campaign".to_owned(),
        }),
    }
}

/// Pads to a width in characters (Vietnamese precomposed letters are one
/// column each), cutting what is longer.
fn cell(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n > width {
        let mut t: String = s.chars().take(width.saturating_sub(1)).collect();
        t.push('…');
        t
    } else {
        format!("{s}{}", " ".repeat(width - n))
    }
}

pub fn status(
    cli: &Cli,
    campaign: Option<&str>,
    format: StatusFormat,
    branch: Option<&str>,
) -> Result<u8, Failure> {
    let root = repo_root(cli)?;
    let g = gather(&root, branch)?;
    let report = g.report();
    let c = pick(&report, campaign, cli.lang)?;
    if format == StatusFormat::Json {
        let units: Vec<serde_json::Value> = c
            .units
            .iter()
            .map(|u| {
                serde_json::json!({
                    "unit": u.id,
                    "name": u.name,
                    "appendix": u.appendix,
                    "status": u.status.key(),
                    "received": u.received.as_ref().and_then(|r| r.time.as_ref()).map(|t| &t.iso),
                    "received_via": u.received.as_ref().map(|r| r.via),
                    "revised": u.revised.as_ref().map(|t| &t.iso),
                    "revised_after_deadline": u.revised_after_deadline,
                    "revisions": cchc_core::export::json_revisions(u),
                    "total": u.total.as_ref().map(|t| t.value),
                    "max": u.max.value,
                    "errors": u.errors,
                })
            })
            .collect();
        let doc = serde_json::json!({
            "campaign": c.id,
            "illustrative": c.illustrative,
            "generated": report.generated.iso,
            "deadline": c.deadline_iso,
            "units": units,
        });
        print(&format!(
            "{}\n",
            serde_json::to_string_pretty(&doc).unwrap_or_default()
        ))?;
        return Ok(0);
    }
    history_warning(&g.history, cli.lang);
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let en = cli.lang == Lang::En;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({}){}",
        c.title,
        c.id,
        if c.illustrative {
            if en {
                " — ILLUSTRATIVE DATA"
            } else {
                " — DỮ LIỆU MINH HOẠ"
            }
        } else {
            ""
        }
    );
    let _ = write!(
        out,
        "{} {} — {} {}\n\n",
        if en { "Deadline:" } else { "Hạn gửi:" },
        c.deadline,
        if en { "as of" } else { "tình hình tại" },
        report.generated.text
    );
    let head = if en {
        [
            "App.",
            "Unit",
            "Status",
            "Received",
            "Last revised",
            "Score",
            "Errors",
        ]
    } else {
        [
            "PL",
            "Đơn vị",
            "Tình trạng",
            "Nhận lúc",
            "Sửa lần cuối",
            "Điểm",
            "Lỗi",
        ]
    };
    let widths = [6, 34, 26, 22, 22, 14, 4];
    let line: Vec<String> = head.iter().zip(widths).map(|(h, w)| cell(h, w)).collect();
    out.push_str(line.join(" ").trim_end());
    out.push('\n');
    for u in &c.units {
        let status_text = if en {
            u.status.label_en()
        } else {
            u.status_label
        };
        let mut st = cell(status_text, widths[2]);
        if color {
            let code = match u.status {
                report::Status::OnTime => "32",
                report::Status::Late => "33",
                report::Status::Missing | report::Status::Invalid => "31",
                _ => "36",
            };
            st = format!("\x1b[{code}m{st}\x1b[0m");
        }
        let received = u.received.as_ref().map_or_else(
            || "—".to_owned(),
            |r| {
                r.time
                    .as_ref()
                    .map_or_else(|| "?".to_owned(), |t| t.text.clone())
            },
        );
        let revised = u
            .revised
            .as_ref()
            .map_or_else(|| "—".to_owned(), |t| t.text.clone());
        let score = u
            .total
            .as_ref()
            .map_or_else(|| "—".to_owned(), |t| format!("{}/{}", t.text, u.max.text));
        let row = [
            cell(&u.appendix, widths[0]),
            cell(&u.name, widths[1]),
            st,
            cell(&received, widths[3]),
            cell(&revised, widths[4]),
            cell(&score, widths[5]),
            cell(&u.errors.to_string(), widths[6]),
        ];
        out.push_str(row.join(" ").trim_end());
        out.push('\n');
    }
    // What the office changed after a unit's deadline: accepted by the
    // gate, and said so wherever the report is shown.
    for u in c.units.iter().filter(|u| u.revised_after_deadline) {
        let times: Vec<&str> = u
            .revisions
            .iter()
            .rev()
            .filter(|r| r.timing == report::Timing::OfficeAfterDeadline)
            .map(|r| r.time.text.as_str())
            .collect();
        let _ = writeln!(
            out,
            "{} {}: {}",
            if en {
                "Changed by the PAR office after the deadline —"
            } else {
                "Phòng CCHC sửa sau hạn —"
            },
            u.name,
            times.join(", ")
        );
    }
    let counts: Vec<String> = c
        .counts
        .iter()
        .filter(|k| k.count > 0)
        .map(|k| {
            format!(
                "{} {}",
                if en { k.status.label_en() } else { k.label },
                k.count
            )
        })
        .collect();
    let _ = write!(
        out,
        "\n{} {}/{}; {}.\n{} {}/{}{}\n",
        if en { "Received:" } else { "Đã nhận:" },
        c.units_received,
        c.units_total,
        counts.join(", "),
        if en {
            "Province's preliminary total:"
        } else {
            "Điểm sơ bộ của tỉnh:"
        },
        c.province.score.text,
        c.province.self_max.text,
        c.province
            .percent
            .as_ref()
            .map_or_else(String::new, |p| format!(" ({})", p.text)),
    );
    print(&out)?;
    Ok(0)
}

pub fn export(
    cli: &Cli,
    format: ExportFormat,
    campaign: Option<&str>,
    out: Option<&Path>,
    branch: Option<&str>,
) -> Result<u8, Failure> {
    let root = repo_root(cli)?;
    let g = gather(&root, branch)?;
    let report = g.report();
    let c = pick(&report, campaign, cli.lang)?;
    let bytes = match format {
        ExportFormat::Csv => exports::csv(c)?,
        ExportFormat::Xlsx => exports::xlsx(c, report.at)?,
        ExportFormat::Json => exports::json(c, &report.generated.iso)?,
    };
    match out {
        Some(path) => {
            std::fs::write(path, &bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        None if format == ExportFormat::Xlsx && std::io::stdout().is_terminal() => {
            return Err(match cli.lang {
                Lang::Vi => {
                    "tệp XLSX là tệp nhị phân: dùng --out TỆP.xlsx để ghi ra tệp".to_owned()
                }
                Lang::En => "XLSX is binary: use --out FILE.xlsx to write it to a file".to_owned(),
            });
        }
        None => {
            use std::io::Write as _;
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(&bytes)
                .and_then(|()| stdout.flush())
                .map_err(|e| format!("stdout: {e}"))?;
        }
    }
    Ok(0)
}
