//! `cchc check-pr`: reads the pull request (flags or a GitHub event
//! payload), runs the gate and reports: to the terminal, as JSON, or as
//! workflow annotations plus a summary table and the text of the comment
//! the bot posts on the pull request.

mod event;
mod human;
mod json;
mod markdown;

use std::path::{Path, PathBuf};

use jiff::Timestamp;

use crate::ctx::{Ctx, Failure};
use crate::git::pr;
use cchc_core::diag::Severity;
use cchc_core::diag::render::{Format, Summary, render};
use cchc_core::gate::{self, Context, Outcome, Verdict};
use cchc_core::text::{Lang, Localized, Text, ZoneName};
use cchc_core::tr;

pub use event::from_event;
use human::human;
use json::json_view;
use markdown::{comment_markdown, summary_markdown};

/// What the gate needs to know of a pull request.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub base: String,
    pub head: String,
    /// The base branch's name, as the Git host gave it
    /// (`pull_request.base.ref`).
    pub base_ref: Option<String>,
    pub actors: Vec<String>,
    pub draft: bool,
    pub number: Option<u64>,
    /// When GitHub last updated the pull request (a push, or marking it
    /// ready): stamped by the host, so the arrival time the gate judges,
    /// whenever the job itself gets to run.
    pub updated_at: Option<Timestamp>,
}

/// The part of a GitHub `pull_request` event payload the gate reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GateFormat {
    Human,
    Json,
    Github,
}

/// `cchc check-pr`'s options.
#[derive(Debug, Clone)]
pub struct Options<'a> {
    /// `--event FILE`.
    pub event: Option<&'a Path>,
    /// `--base`, `--head`, `--actor` and `--draft`.
    pub request: Request,
    /// `--now`.
    pub now: Option<&'a str>,
    pub format: GateFormat,
    /// `--comment FILE`.
    pub comment: Option<&'a Path>,
}

pub fn run(ctx: &Ctx, opts: &Options<'_>) -> Result<u8, Failure> {
    let root = ctx.root()?;
    let req = request(opts)?;
    // The gate's clock: --now, else the time GitHub stamped on the pull
    // request's last update, else the system clock. Never a commit date, and
    // not SOURCE_DATE_EPOCH, a build convention.
    let now = match opts.now {
        Some(s) => s.parse::<Timestamp>().map_err(|e| {
            tr!(
                "--now {}: {} (dạng 2023-09-14T16:20:00+07:00)",
                "--now {}: {} (as in 2023-09-14T16:20:00+07:00)",
                s,
                e.to_string()
            )
        })?,
        None => req.updated_at.unwrap_or_else(Timestamp::now),
    };
    let change = pr::read(&root, &req.base, &req.head, req.base_ref.as_deref())?;
    let outcome = gate::judge_pull_request(
        &change,
        &Context {
            actors: req.actors.clone(),
            now,
            draft: req.draft,
        },
    );
    let report = GateReport::new(&req, &change, now);
    let lang = ctx.lang;
    let text = match opts.format {
        GateFormat::Human => human(&report, &outcome, lang),
        GateFormat::Json => {
            let mut s = serde_json::to_string_pretty(&json_view(&report, &outcome, lang))
                .map_err(|e| Text::same(e.to_string()))?;
            s.push('\n');
            s
        }
        GateFormat::Github => render(
            &outcome.diagnostics(),
            &outcome.db,
            Format::Github,
            lang,
            false,
            Summary::default(),
        ),
    };
    ctx.print(&text)?;
    // The summary after the annotations, and its failure only a warning: the
    // verdict is already out.
    if opts.format == GateFormat::Github
        && let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY")
        && let Err(e) = append(
            &PathBuf::from(path),
            &summary_markdown(&report, &outcome, lang),
        )
    {
        eprintln!("cchc: {}", ctx.text(&e));
    }
    if let Some(path) = opts.comment {
        std::fs::write(path, comment_markdown(&report, &outcome, lang))
            .map_err(|e| Text::same(format!("{}: {e}", path.display())))?;
    }
    Ok(u8::from(!outcome.accepted()))
}

/// The pull request, from the event payload or from the flags (not both).
fn request(opts: &Options<'_>) -> Result<Request, Failure> {
    let given = &opts.request;
    let flags_given = !given.base.is_empty() || !given.head.is_empty() || !given.actors.is_empty();
    if opts.event.is_some() && flags_given {
        return Err(tr!(
            "dùng --event TỆP hoặc --base/--head/--actor, không dùng cả hai",
            "use --event FILE or --base/--head/--actor, not both"
        ));
    }
    let mut req = match opts.event {
        Some(path) => {
            let place = path.display().to_string();
            let text =
                std::fs::read_to_string(path).map_err(|e| Text::same(format!("{place}: {e}")))?;
            from_event(&text).map_err(|e| e.about(&place))?
        }
        None => given.clone(),
    };
    req.draft |= given.draft;
    if req.base.is_empty() || req.head.is_empty() || req.actors.is_empty() {
        return Err(tr!(
            "cần --base, --head và --actor, hoặc --event TỆP",
            "--base, --head and --actor are needed, or --event FILE"
        ));
    }
    Ok(req)
}

fn append(path: &Path, text: &str) -> Result<(), Failure> {
    use std::io::Write as _;
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .map_err(|e| Text::same(format!("{}: {e}", path.display())))
}

/// The facts every output shares.
pub(super) struct GateReport<'a> {
    pub(super) req: &'a Request,
    pub(super) base: String,
    pub(super) head: String,
    pub(super) merge_base: String,
    pub(super) now: Timestamp,
}

impl<'a> GateReport<'a> {
    fn new(
        req: &'a Request,
        change: &cchc_core::pull_request::PullRequest,
        now: Timestamp,
    ) -> Self {
        GateReport {
            req,
            base: change.base.clone(),
            head: change.head.clone(),
            merge_base: change.merge_base.clone(),
            now,
        }
    }

    /// A commit id's first seven digits, for a code span (where GitHub
    /// links nothing): only hex digits, so that the span stays one.
    pub(super) fn short(sha: &str) -> String {
        sha.chars()
            .filter(char::is_ascii_hexdigit)
            .take(7)
            .collect()
    }
}

/// The gate's time as people read it: local to the newest campaign.
pub(super) fn when(now: Timestamp, o: &Outcome, lang: Lang) -> String {
    match &o.time_zone {
        Some((tz, name)) => format!(
            "{} ({})",
            tz.to_datetime(now).in_lang(lang),
            ZoneName(name).in_lang(lang)
        ),
        None => format!("{now} (UTC)"),
    }
}

/// A verdict in words.
pub(super) fn verdict(v: Verdict, warnings: bool) -> Text {
    match (v, warnings) {
        (Verdict::Accepted, false) => tr!("chấp nhận", "accepted"),
        (Verdict::Accepted, true) => tr!("chấp nhận, có cảnh báo", "accepted with warnings"),
        (Verdict::Rejected, _) => tr!("từ chối", "rejected"),
    }
}

pub(super) fn has_warnings(f: &gate::FileVerdict) -> bool {
    f.diagnostics
        .iter()
        .any(|d| d.severity == Severity::Warning)
}

/// The first error of a file, as its reason in one line.
pub(super) fn reason(f: &gate::FileVerdict, lang: Lang) -> String {
    reason_of(&f.diagnostics, lang)
}

/// The first error among `diagnostics` (else the first one), in one line.
pub(super) fn reason_of(diagnostics: &[cchc_core::diag::Diagnostic], lang: Lang) -> String {
    let first = diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error)
        .or_else(|| diagnostics.first());
    match first {
        Some(d) => {
            let more = diagnostics.len() - 1;
            let tail = match more {
                0 => String::new(),
                n => tr!(" (và {} vấn đề khác)", " (and {} more)", n)
                    .get(lang)
                    .to_owned(),
            };
            format!("{} {}{tail}", d.code.as_str(), d.message.get(lang))
        }
        None => String::new(),
    }
}
