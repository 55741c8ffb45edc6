//! The command line: parses arguments, runs a command at the edges (disk,
//! clock, terminal) and maps the outcome to an exit status:
//! 0 all good, 1 invalid input, 2 could not run.

use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::fsio;
use cchc_core::diag::render::{Format, Summary, render};
use cchc_core::diag::{Code, explain::explain};
use cchc_core::text::Lang;
use cchc_core::validate::validate;

#[derive(Debug, Parser)]
#[command(
    name = "cchc",
    version,
    about = "Tự đánh giá cải cách hành chính (CCHC) của tỉnh bằng Git.\nA province's public-administration-reform self-assessment as a Git workflow.",
    after_help = "Mã thoát / exit status: 0 hợp lệ (có thể có cảnh báo) / valid; 1 dữ liệu không hợp lệ / invalid input; 2 không chạy được / could not run."
)]
pub struct Cli {
    /// Thư mục kho dữ liệu (mặc định: thư mục hiện tại hoặc thư mục cha có content/) / The repository.
    #[arg(long, global = true, value_name = "DIR")]
    pub repo: Option<PathBuf>,

    /// Ngôn ngữ thông báo / Language of messages.
    #[arg(long, global = true, default_value = "vi", value_parser = lang_parser())]
    pub lang: Lang,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Kiểm tra content/ và các báo cáo (hoặc các đường dẫn được chỉ ra) / Check content/ and submissions.
    Validate {
        /// Tệp hoặc thư mục báo cáo cần kiểm tra (mặc định: tất cả) / Submission files or folders.
        paths: Vec<PathBuf>,
        /// Định dạng kết quả / Output format.
        #[arg(long, default_value = "human", value_parser = format_parser())]
        format: Format,
    },
    /// Tạo tệp báo cáo mẫu của một đơn vị / Write a unit's pre-filled submission file.
    New {
        /// Mã đơn vị, ví dụ tu-phap / The unit id.
        unit: String,
        /// Mã đợt (mặc định: đợt mới nhất) / Campaign id (default: the newest).
        #[arg(long)]
        campaign: Option<String>,
        /// Ghi đè tệp đã có / Overwrite an existing file.
        #[arg(long)]
        force: bool,
        /// In ra màn hình thay vì ghi tệp / Print instead of writing the file.
        #[arg(long)]
        stdout: bool,
    },
    /// In JSON Schema của tệp báo cáo / Print the JSON Schema of a submission.
    Schema,
    /// In tệp .github/CODEOWNERS sinh từ content/units.toml / Print CODEOWNERS generated from the units.
    Codeowners,
    /// Cổng kiểm tra một yêu cầu hợp nhất (CI) / The gate on a pull request.
    CheckPr {
        /// Commit gốc (nhánh đích) / Base revision.
        #[arg(long, value_name = "REV")]
        base: Option<String>,
        /// Commit của yêu cầu hợp nhất / Head revision.
        #[arg(long, value_name = "REV")]
        head: Option<String>,
        /// Tài khoản gửi (lặp lại cho người tạo và người đẩy) / Actor login (repeatable).
        #[arg(long, value_name = "LOGIN")]
        actor: Vec<String>,
        /// Đọc base, head, người gửi từ tệp sự kiện `pull_request` của GitHub / Read them from a GitHub event payload.
        #[arg(long, value_name = "FILE")]
        event: Option<PathBuf>,
        /// Thời điểm báo cáo đến (RFC 3339); mặc định: lúc GitHub ghi nhận lần cập nhật cuối của yêu cầu hợp nhất (tệp sự kiện), không thì bây giờ; không bao giờ theo ngày giờ trong commit / When the report arrives; default: the pull request's last update as GitHub recorded it (event payload), else now; never a commit's date.
        #[arg(long, value_name = "TIME")]
        now: Option<String>,
        /// Bản nháp: ô còn trống chỉ là cảnh báo / A draft: blanks are warnings.
        #[arg(long)]
        draft: bool,
        /// Định dạng / Output format.
        #[arg(long, value_enum, default_value_t = crate::check_pr::GateFormat::Human)]
        format: crate::check_pr::GateFormat,
        /// Ghi nội dung bình luận cho yêu cầu hợp nhất vào tệp / Write the PR comment to a file.
        #[arg(long, value_name = "FILE")]
        comment: Option<PathBuf>,
    },
    /// Tạo trang công khai và bảng tổng hợp vào site/ / Build the public site.
    Build {
        /// Thư mục kết quả (mặc định: site/ trong kho) / Output folder.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Nhánh công bố để đọc lịch sử (mặc định: nhánh đang dùng) / Published branch.
        #[arg(long)]
        branch: Option<String>,
    },
    /// Tóm tắt tình hình nộp báo cáo của một đợt / A terminal summary of a campaign.
    Status {
        /// Mã đợt (mặc định: đợt mới nhất) / Campaign id.
        #[arg(long)]
        campaign: Option<String>,
        /// Định dạng / Format.
        #[arg(long, value_enum, default_value_t = StatusFormat::Human)]
        format: StatusFormat,
        /// Nhánh công bố / Published branch.
        #[arg(long)]
        branch: Option<String>,
    },
    /// Xuất bảng tổng hợp / Export the consolidated table.
    Export {
        /// csv, xlsx hoặc json.
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Mã đợt (mặc định: đợt mới nhất) / Campaign id.
        #[arg(long)]
        campaign: Option<String>,
        /// Tệp kết quả (mặc định: in ra màn hình) / Output file (default: stdout).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Nhánh công bố / Published branch.
        #[arg(long)]
        branch: Option<String>,
    },
    /// Tạo trang và phục vụ trên 127.0.0.1, tự tạo lại khi tệp thay đổi / Build, serve and rebuild on change.
    Serve {
        /// Cổng / Port.
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// Nhánh công bố / Published branch.
        #[arg(long)]
        branch: Option<String>,
    },
    /// Giải thích một mã lỗi, ví dụ E037 / Explain a diagnostic code.
    Explain {
        /// Mã lỗi / The code.
        code: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatusFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Csv,
    Xlsx,
    Json,
}

/// Runs the command line and returns the process's exit status.
pub fn main() -> ExitCode {
    // A panic is a bug in cchc, never the user's fault: say so and exit 2,
    // not 101, so CI reports "could not run" rather than a crash.
    std::panic::set_hook(Box::new(|info| {
        eprintln!(
            "cchc: lỗi nội bộ (internal error): {info}\nVui lòng báo lỗi kèm tệp đầu vào / please report this with the input."
        );
    }));
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match std::panic::catch_unwind(|| run(&cli)) {
        Ok(Ok(code)) => ExitCode::from(code),
        Ok(Err(msg)) => {
            eprintln!("cchc: {msg}");
            ExitCode::from(2)
        }
        Err(_) => ExitCode::from(2),
    }
}

/// A command's failure to run, already worded for the user.
pub type Failure = String;

fn run(cli: &Cli) -> Result<u8, Failure> {
    match &cli.command {
        Command::Validate { paths, format } => run_validate(cli, paths, *format),
        Command::New {
            unit,
            campaign,
            force,
            stdout,
        } => run_new(cli, unit, campaign.as_deref(), *force, *stdout),
        Command::Schema => {
            print(&cchc_core::schema::submission_schema_text())?;
            Ok(0)
        }
        Command::Codeowners => crate::commands::codeowners(cli),
        Command::CheckPr {
            base,
            head,
            actor,
            event,
            now,
            draft,
            format,
            comment,
        } => crate::check_pr::run(
            cli,
            event.as_deref(),
            crate::check_pr::Request {
                base: base.clone().unwrap_or_default(),
                head: head.clone().unwrap_or_default(),
                base_ref: None,
                actors: actor.clone(),
                draft: *draft,
                number: None,
                updated_at: None,
            },
            now.as_deref(),
            *draft,
            *format,
            comment.as_deref(),
        ),
        Command::Build { out, branch } => {
            crate::commands::build(cli, out.as_deref(), branch.as_deref())
        }
        Command::Status {
            campaign,
            format,
            branch,
        } => crate::commands::status(cli, campaign.as_deref(), *format, branch.as_deref()),
        Command::Export {
            format,
            campaign,
            out,
            branch,
        } => crate::commands::export(
            cli,
            *format,
            campaign.as_deref(),
            out.as_deref(),
            branch.as_deref(),
        ),
        Command::Serve { port, branch } => crate::serve::serve(cli, *port, branch.as_deref()),
        Command::Explain { code } => match Code::parse(code) {
            Some(c) => {
                print(&explain(c, cli.lang))?;
                Ok(0)
            }
            None => Err(match cli.lang {
                Lang::Vi => format!("không có mã {code}; các mã: {}", all_codes()),
                Lang::En => format!("no code {code}; the codes: {}", all_codes()),
            }),
        },
    }
}

fn all_codes() -> String {
    Code::ALL
        .iter()
        .map(|c| c.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn print(s: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    out.write_all(s.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| format!("stdout: {e}"))
}

pub fn repo_root(cli: &Cli) -> Result<PathBuf, Failure> {
    let start = match &cli.repo {
        Some(r) => r.clone(),
        None => std::env::current_dir().map_err(|e| e.to_string())?,
    };
    fsio::find_repo(&start).ok_or_else(|| match cli.lang {
        Lang::Vi => format!(
            "{} không phải kho dữ liệu cchc (không tìm thấy thư mục content/ ở đây hay ở thư mục cha); dùng --repo DIR",
            start.display()
        ),
        Lang::En => format!(
            "{} is not a cchc repository (no content/ folder here or above); use --repo DIR",
            start.display()
        ),
    })
}

fn run_validate(cli: &Cli, paths: &[PathBuf], format: Format) -> Result<u8, Failure> {
    let root = repo_root(cli)?;
    let now = fsio::now()?;
    let problems = if paths.is_empty() {
        crate::commands::validate_repo(&root, now)?
    } else {
        let mut input = fsio::read_repo(&root).map_err(|e| e.to_string())?;
        fsio::select(&root, &mut input, paths).map_err(|e| e.to_string())?;
        let outcome = validate(&input, now);
        crate::commands::RepoProblems {
            diags: outcome.diags,
            db: outcome.db,
            files: outcome.files,
        }
    };
    let failed = problems.diags.has_errors();
    let color = format == Format::Human
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none();
    let diags = problems.diags.into_sorted();
    let text = render(
        &diags,
        &problems.db,
        format,
        cli.lang,
        color,
        Summary {
            files: problems.files,
        },
    );
    print(&text)?;
    Ok(u8::from(failed))
}

fn run_new(
    cli: &Cli,
    unit: &str,
    campaign: Option<&str>,
    force: bool,
    stdout: bool,
) -> Result<u8, Failure> {
    let root = repo_root(cli)?;
    let input = fsio::read_repo(&root).map_err(|e| e.to_string())?;
    let now = fsio::now()?;
    let outcome = validate(&input, now);
    let content = &outcome.content;
    let campaign = match campaign {
        Some(id) => content.campaigns.get(id).ok_or_else(|| match cli.lang {
            Lang::Vi => format!(
                "không có đợt đánh giá {id} (hoặc content/ của đợt có lỗi: chạy `cchc validate`)"
            ),
            Lang::En => {
                format!("no campaign {id} (or its content has errors: run `cchc validate`)")
            }
        })?,
        None => content.newest_campaign().ok_or_else(|| match cli.lang {
            Lang::Vi => {
                "chưa có đợt đánh giá hợp lệ nào trong content/campaigns/ (chạy `cchc validate`)"
                    .to_owned()
            }
            Lang::En => "no valid campaign in content/campaigns/ (run `cchc validate`)".to_owned(),
        })?,
    };
    let text = cchc_core::scaffold::scaffold(content, campaign, unit)
        .map_err(|e| e.get(cli.lang).to_owned())?;
    if stdout {
        print(&text)?;
        return Ok(0);
    }
    let rel = format!("submissions/{}/{unit}.toml", campaign.id);
    let path = root.join(&rel);
    // Written only into the repository's own folders: through a linked
    // submissions/ or campaign folder the file would land elsewhere, and
    // `validate`, which follows no link, would never read it.
    if let Some(link) = fsio::link_under(&root, &rel).map_err(|e| format!("{rel}: {e}"))? {
        let link = cchc_core::text::visible(&link);
        return Err(match cli.lang {
            Lang::Vi => format!(
                "không ghi {rel}: {link} là liên kết tượng trưng (symlink), cchc không ghi qua liên kết. Thay liên kết bằng thư mục (hoặc tệp) thật trong kho rồi chạy lại, hoặc dùng --stdout."
            ),
            Lang::En => format!(
                "{rel} not written: {link} is a symbolic link, and cchc writes through no link. Replace it with a real folder (or file) of the repository and run again, or use --stdout."
            ),
        });
    }
    if path.exists() && !force {
        return Err(match cli.lang {
            Lang::Vi => format!(
                "{rel} đã có; dùng --force để ghi đè (nội dung cũ sẽ mất) hoặc --stdout để xem tệp mẫu"
            ),
            Lang::En => format!(
                "{rel} exists; use --force to overwrite it (its content is lost) or --stdout to see the template"
            ),
        });
    }
    write_new_file(&path, &text).map_err(|e| format!("{rel}: {e}"))?;
    let msg = match cli.lang {
        Lang::Vi => format!("Đã tạo {rel}. Điền các ô còn trống rồi chạy `cchc validate {rel}`.\n"),
        Lang::En => format!("Wrote {rel}. Fill in the blanks, then run `cchc validate {rel}`.\n"),
    };
    eprint!("{msg}");
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

/// `--lang vi|en`: the core's `Lang` knows nothing of the command line.
fn lang_parser() -> impl clap::builder::TypedValueParser<Value = Lang> {
    use clap::builder::TypedValueParser as _;
    clap::builder::PossibleValuesParser::new(["vi", "en"]).map(|s| match s.as_str() {
        "en" => Lang::En,
        _ => Lang::Vi,
    })
}

/// `--format human|json|github` of the diagnostics.
fn format_parser() -> impl clap::builder::TypedValueParser<Value = Format> {
    use clap::builder::TypedValueParser as _;
    clap::builder::PossibleValuesParser::new(["human", "json", "github"]).map(|s| {
        match s.as_str() {
            "json" => Format::Json,
            "github" => Format::Github,
            _ => Format::Human,
        }
    })
}
