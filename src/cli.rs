//! The command line: parses arguments, runs a command at the edges (disk,
//! clock, terminal) and maps the outcome to an exit status:
//! 0 all good, 1 invalid input, 2 could not run.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::commands::{
    self, export::ExportFormat, new::NewRequest, status::StatusFormat, validate::validate_command,
};
use crate::ctx::{Ctx, Failure};
use cchc_core::diag::render::Format;
use cchc_core::diag::{Code, explain::explain};
use cchc_core::model::Stage;
use cchc_core::text::Lang;
use cchc_core::tr;

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
        /// Tệp của giai đoạn sau tự đánh giá: appraisal (thẩm định), explanation (giải trình), final (điểm cuối cùng) / A later stage's file.
        #[arg(long, value_parser = ["appraisal", "explanation", "final"])]
        stage: Option<String>,
        /// Bên thẩm định (office hoặc mã đơn vị), với --stage appraisal hoặc final / The appraiser.
        #[arg(long, value_name = "ID")]
        appraiser: Option<String>,
    },
    /// In JSON Schema của tệp báo cáo / Print the JSON Schema of a submission.
    Schema {
        /// Của tệp giai đoạn sau: appraisal, explanation, final / Of a later stage's file.
        #[arg(long, value_parser = ["appraisal", "explanation", "final"])]
        stage: Option<String>,
    },
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
        /// csv, xlsx, json; tasks-csv: nhiệm vụ của kế hoạch / the plan's tasks; chase-csv: đơn vị cần đôn đốc / the units to chase; appraisal-csv: thẩm định từng tiêu chí / the appraisal, row by row.
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
    let ctx = Ctx::new(cli.lang, cli.repo.clone());
    match std::panic::catch_unwind(|| run(&cli, &ctx)) {
        Ok(Ok(code)) => ExitCode::from(code),
        Ok(Err(msg)) => {
            eprintln!("cchc: {}", ctx.text(&msg));
            ExitCode::from(2)
        }
        Err(_) => ExitCode::from(2),
    }
}

fn run(cli: &Cli, ctx: &Ctx) -> Result<u8, Failure> {
    match &cli.command {
        Command::Validate { paths, format } => validate_command(ctx, paths, *format),
        Command::New {
            unit,
            campaign,
            force,
            stdout,
            stage,
            appraiser,
        } => commands::new::new(
            ctx,
            NewRequest {
                unit,
                campaign: campaign.as_deref(),
                force: *force,
                stdout: *stdout,
                stage: stage.as_deref().map(stage_of),
                appraiser: appraiser.as_deref(),
            },
        ),
        Command::Schema { stage } => {
            let text = match stage.as_deref().map(stage_of) {
                Some(s) => cchc_core::schema::stage_schema_text(s),
                None => cchc_core::schema::submission_schema_text(),
            };
            ctx.print(&text)?;
            Ok(0)
        }
        Command::Codeowners => commands::codeowners::codeowners(ctx),
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
            ctx,
            &crate::check_pr::Options {
                event: event.as_deref(),
                request: crate::check_pr::Request {
                    base: base.clone().unwrap_or_default(),
                    head: head.clone().unwrap_or_default(),
                    base_ref: None,
                    actors: actor.clone(),
                    draft: *draft,
                    number: None,
                    updated_at: None,
                },
                now: now.as_deref(),
                format: *format,
                comment: comment.as_deref(),
            },
        ),
        Command::Build { out, branch } => {
            commands::build::build(ctx, out.as_deref(), branch.as_deref())
        }
        Command::Status {
            campaign,
            format,
            branch,
        } => commands::status::status(ctx, campaign.as_deref(), *format, branch.as_deref()),
        Command::Export {
            format,
            campaign,
            out,
            branch,
        } => commands::export::export(
            ctx,
            *format,
            campaign.as_deref(),
            out.as_deref(),
            branch.as_deref(),
        ),
        Command::Serve { port, branch } => crate::serve::serve(ctx, *port, branch.as_deref()),
        Command::Explain { code } => match Code::parse(code) {
            Some(c) => {
                ctx.print(&explain(c, ctx.lang))?;
                Ok(0)
            }
            None => Err(tr!(
                "không có mã {}; các mã: {}",
                "no code {}; the codes: {}",
                code,
                all_codes()
            )),
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

/// A stage as `--stage` names it (the parser allows only these three).
fn stage_of(name: &str) -> Stage {
    Stage::ALL
        .into_iter()
        .find(|s| s.folder() == name)
        .unwrap_or(Stage::Final)
}
