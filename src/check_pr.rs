//! `cchc check-pr`: reads the pull request (flags or a GitHub event
//! payload), runs the gate and reports: to the terminal, as JSON, or as
//! workflow annotations plus a summary table and the text of the comment
//! the bot posts on the pull request.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::ctx::{Ctx, Failure};
use crate::git::pr;
use cchc_core::diag::Severity;
use cchc_core::diag::render::{Format, Summary, render};
use cchc_core::gate::{self, Context, Outcome, Verdict};
use cchc_core::text::{Lang, Localized, Text};
use cchc_core::tr;

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
#[derive(Debug, Deserialize)]
struct Event {
    pull_request: Option<EventPullRequest>,
    sender: Option<Account>,
    number: Option<u64>,
}

#[derive(Debug, Deserialize)]
struct EventPullRequest {
    base: Option<EventRef>,
    head: Option<EventRef>,
    user: Option<Account>,
    #[serde(default)]
    draft: Option<bool>,
    number: Option<u64>,
    updated_at: Option<String>,
}

#[derive(Debug, Deserialize)]
struct EventRef {
    sha: Option<String>,
    #[serde(rename = "ref")]
    name: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Account {
    login: Option<String>,
}

/// Reads base, head, actors, draft and number from a GitHub `pull_request`
/// event payload: the pull request's author and the event's sender (whoever
/// pushed) are both actors.
pub fn from_event(json: &str) -> Result<Request, Text> {
    let v: Event = serde_json::from_str(json).map_err(|e| {
        tr!(
            "tệp sự kiện không phải JSON hợp lệ: {}",
            "the event file is not valid JSON: {}",
            e.to_string()
        )
    })?;
    let pr = v.pull_request.ok_or_else(|| {
        tr!(
            "tệp sự kiện không có pull_request: chỉ dùng với sự kiện pull_request",
            "the event file has no pull_request: use it with a pull_request event only"
        )
    })?;
    let missing = |what: &str| tr!("tệp sự kiện thiếu {}", "the event file has no {}", what);
    let base_ref = pr.base.as_ref().and_then(|b| b.name.clone());
    let base = pr
        .base
        .and_then(|b| b.sha)
        .ok_or_else(|| missing("pull_request.base.sha"))?;
    let head = pr
        .head
        .and_then(|h| h.sha)
        .ok_or_else(|| missing("pull_request.head.sha"))?;
    let mut actors = vec![
        pr.user
            .and_then(|u| u.login)
            .ok_or_else(|| missing("pull_request.user.login"))?,
    ];
    if let Some(sender) = v.sender.and_then(|s| s.login)
        && !actors.iter().any(|a| a.eq_ignore_ascii_case(&sender))
    {
        actors.push(sender);
    }
    Ok(Request {
        base,
        head,
        base_ref,
        actors,
        draft: pr.draft.unwrap_or(false),
        number: pr.number.or(v.number),
        updated_at: pr.updated_at.and_then(|s| s.parse().ok()),
    })
}

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
        && let Err(e) = append(&PathBuf::from(path), &summary_markdown(&report, &outcome))
    {
        eprintln!("cchc: {}", ctx.text(&e));
    }
    if let Some(path) = opts.comment {
        std::fs::write(path, comment_markdown(&report, &outcome))
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
struct GateReport<'a> {
    req: &'a Request,
    base: String,
    head: String,
    merge_base: String,
    now: Timestamp,
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
    fn short(sha: &str) -> String {
        sha.chars()
            .filter(char::is_ascii_hexdigit)
            .take(7)
            .collect()
    }
}

/// The gate's time as people read it: local to the newest campaign.
fn when(now: Timestamp, o: &Outcome, lang: Lang) -> String {
    match &o.time_zone {
        Some((tz, name)) => format!("{} ({name})", tz.to_datetime(now).in_lang(lang)),
        None => format!("{now} (UTC)"),
    }
}

fn verdict_vi(v: Verdict, warnings: bool) -> &'static str {
    match (v, warnings) {
        (Verdict::Accepted, false) => "chấp nhận",
        (Verdict::Accepted, true) => "chấp nhận, có cảnh báo",
        (Verdict::Rejected, _) => "từ chối",
    }
}

fn verdict_en(v: Verdict, warnings: bool) -> &'static str {
    match (v, warnings) {
        (Verdict::Accepted, false) => "accepted",
        (Verdict::Accepted, true) => "accepted with warnings",
        (Verdict::Rejected, _) => "rejected",
    }
}

fn has_warnings(f: &gate::FileVerdict) -> bool {
    f.diagnostics
        .iter()
        .any(|d| d.severity == Severity::Warning)
}

/// The first error of a file, as its reason in one line.
fn reason(f: &gate::FileVerdict, lang: Lang) -> String {
    reason_of(&f.diagnostics, lang)
}

/// The first error among `diagnostics` (else the first one), in one line.
fn reason_of(diagnostics: &[cchc_core::diag::Diagnostic], lang: Lang) -> String {
    let first = diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error)
        .or_else(|| diagnostics.first());
    match first {
        Some(d) => {
            let more = diagnostics.len() - 1;
            let tail = match (more, lang) {
                (0, _) => String::new(),
                (n, Lang::Vi) => format!(" (và {n} vấn đề khác)"),
                (n, Lang::En) => format!(" (and {n} more)"),
            };
            format!("{} {}{tail}", d.code.as_str(), d.message.get(lang))
        }
        None => String::new(),
    }
}

fn human(r: &GateReport<'_>, o: &Outcome, lang: Lang) -> String {
    let mut out = String::new();
    let (local, en) = (when(r.now, o, lang), lang == Lang::En);
    let _ = writeln!(
        out,
        "{} {}{} — head {} {} base {} (merge base {}), {} {}; {} {}{}",
        if en { "Checked" } else { "Kiểm tra" },
        if en {
            "pull request"
        } else {
            "yêu cầu hợp nhất"
        },
        r.req.number.map_or(String::new(), |n| format!(" #{n}")),
        GateReport::short(&r.head),
        if en { "against" } else { "so với" },
        GateReport::short(&r.base),
        GateReport::short(&r.merge_base),
        if en { "at" } else { "lúc" },
        local,
        if en { "actors" } else { "người gửi" },
        r.req.actors.join(", "),
        match (r.req.draft, en) {
            (true, false) => " (bản nháp: ô trống chỉ là cảnh báo)",
            (true, true) => " (draft: blanks are warnings)",
            _ => "",
        }
    );
    if !o.branch.is_empty() {
        let _ = writeln!(
            out,
            "{} {}: {} — {}",
            if o.branch_verdict() == Verdict::Accepted {
                "✓"
            } else {
                "✗"
            },
            if en {
                "the branch"
            } else {
                "nhánh của yêu cầu hợp nhất"
            },
            if en {
                verdict_en(o.branch_verdict(), true)
            } else {
                verdict_vi(o.branch_verdict(), true)
            },
            reason_of(&o.branch, lang)
        );
    }
    for f in &o.files {
        let mark = if f.verdict == Verdict::Accepted {
            "✓"
        } else {
            "✗"
        };
        let who = f
            .unit_name
            .as_deref()
            .map_or(String::new(), |n| format!(" ({n})"));
        let verdict = if en {
            verdict_en(f.verdict, has_warnings(f))
        } else {
            verdict_vi(f.verdict, has_warnings(f))
        };
        let why = reason(f, lang);
        let _ = writeln!(
            out,
            "{mark} {}{who}: {verdict}{}",
            cchc_core::text::visible(&f.path),
            if why.is_empty() || f.verdict == Verdict::Accepted && !has_warnings(f) {
                String::new()
            } else {
                format!(" — {why}")
            }
        );
    }
    out.push('\n');
    let diags = o.diagnostics();
    if !diags.is_empty() {
        out.push_str(&render(
            &diags,
            &o.db,
            Format::Human,
            lang,
            false,
            Summary {
                files: o.files.len(),
            },
        ));
        out.push('\n');
    }
    let rejected = o
        .files
        .iter()
        .filter(|f| f.verdict == Verdict::Rejected)
        .count();
    let _ = writeln!(
        out,
        "{}",
        match (o.accepted(), en) {
            (true, false) => format!("Kết quả: CHẤP NHẬN ({} tệp).", o.files.len()),
            (true, true) => format!("Result: ACCEPTED ({} files).", o.files.len()),
            (false, false) => format!(
                "Kết quả: TỪ CHỐI ({}{rejected}/{} tệp bị từ chối).",
                if o.branch_verdict() == Verdict::Rejected {
                    "nhánh bị từ chối; "
                } else {
                    ""
                },
                o.files.len()
            ),
            (false, true) => format!(
                "Result: REJECTED ({}{rejected} of {} files).",
                if o.branch_verdict() == Verdict::Rejected {
                    "the branch is rejected; "
                } else {
                    ""
                },
                o.files.len()
            ),
        }
    );
    out
}

#[derive(Serialize)]
struct JsonGate<'a> {
    verdict: Verdict,
    pull_request: Option<u64>,
    base: &'a str,
    head: &'a str,
    merge_base: &'a str,
    actors: &'a [String],
    admin: bool,
    draft: bool,
    checked_at: String,
    /// What is wrong with the branch as a whole.
    branch: JsonBranch<'a>,
    files: Vec<JsonFile<'a>>,
}

#[derive(Serialize)]
struct JsonBranch<'a> {
    verdict: Verdict,
    problems: Vec<JsonProblem<'a>>,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    campaign: Option<&'a str>,
    unit: Option<&'a str>,
    verdict: Verdict,
    problems: Vec<JsonProblem<'a>>,
}

#[derive(Serialize)]
struct JsonProblem<'a> {
    code: &'static str,
    severity: Severity,
    line: Option<usize>,
    column: Option<usize>,
    message: &'a str,
    hint: Option<&'a str>,
}

fn json_problems<'a>(
    diagnostics: &'a [cchc_core::diag::Diagnostic],
    o: &'a Outcome,
    lang: Lang,
) -> Vec<JsonProblem<'a>> {
    diagnostics
        .iter()
        .map(|d| {
            let pos = d.start(&o.db);
            JsonProblem {
                code: d.code.as_str(),
                severity: d.severity,
                line: pos.map(|p| p.line),
                column: pos.map(|p| p.column),
                message: d.message.get(lang),
                hint: d.hint.as_ref().map(|h| h.get(lang)),
            }
        })
        .collect()
}

fn json_view<'a>(r: &'a GateReport<'_>, o: &'a Outcome, lang: Lang) -> JsonGate<'a> {
    JsonGate {
        verdict: if o.accepted() {
            Verdict::Accepted
        } else {
            Verdict::Rejected
        },
        pull_request: r.req.number,
        base: &r.base,
        head: &r.head,
        merge_base: &r.merge_base,
        actors: &r.req.actors,
        admin: o.admin,
        draft: r.req.draft,
        checked_at: r.now.to_string(),
        branch: JsonBranch {
            verdict: o.branch_verdict(),
            problems: json_problems(&o.branch, o, lang),
        },
        files: o
            .files
            .iter()
            .map(|f| JsonFile {
                path: &f.path,
                campaign: f.campaign.as_deref(),
                unit: f.unit.as_deref(),
                verdict: f.verdict,
                problems: json_problems(&f.diagnostics, o, lang),
            })
            .collect(),
    }
}

/// A zero-width space, written as an entity so that the comment holds no
/// invisible character itself. GitHub looks for mentions, issue references,
/// commit ids and links in the rendered text, after entities are decoded:
/// writing `@` as `&#64;` does not stop a ping, a zero-width space after it
/// does (as Renovate's comments do).
const BREAK: &str = "&#8203;";

/// The longest run of hex digits left whole: GitHub takes 7 to 40 of them
/// for a commit id.
const HEX_RUN: usize = 6;

/// Escapes text from the pull request for a Markdown comment or table
/// cell: it can neither break the table (`|`, line breaks), nor be markup
/// (HTML, images, links, emphasis, code), nor hide what it says (control
/// and format characters are shown escaped, as by [`cchc_core::text::visible`]), nor be
/// turned by GitHub into a mention, a reference or a link (`@login`, `#12`,
/// `owner/repo#12`, `GH-1`, a commit id, `www.…`, `https://…`, an e-mail
/// address): a zero-width space ([`BREAK`]) breaks each of those patterns.
fn cell(s: &str) -> String {
    let s = cchc_core::text::visible(&s.replace(['\n', '\r', '\t'], " "));
    let mut out = String::with_capacity(s.len() + s.len() / 4);
    let mut hex = 0;
    // The three characters before, lowercased.
    let mut before = [' '; 3];
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        hex = if c.is_ascii_hexdigit() { hex + 1 } else { 0 };
        if hex > HEX_RUN {
            out.push_str(BREAK);
            hex = 1;
        }
        match (c, before) {
            ('|', _) => out.push_str("&#124;"),
            ('<', _) => out.push_str("&lt;"),
            ('>', _) => out.push_str("&gt;"),
            ('&', _) => out.push_str("&amp;"),
            ('@', _) => {
                out.push('@');
                out.push_str(BREAK);
            }
            // `GH-1` and `www.example`, broken before the `-` or the `.`.
            ('-', [_, 'g', 'h']) if next.is_some_and(|n| n.is_ascii_digit()) => {
                out.push_str(BREAK);
                out.push('-');
            }
            ('.', ['w', 'w', 'w']) => {
                out.push_str(BREAK);
                out.push('.');
            }
            ('[' | ']' | '(' | ')' | '!' | '*' | '_' | '`' | '~' | '#' | '\\' | ':', _) => {
                let _ = write!(out, "&#{};", u32::from(c));
                // `#12` (and `owner/repo#12`), `https://`.
                if c == '#' && next.is_some_and(|n| n.is_ascii_digit())
                    || c == ':' && next == Some('/')
                {
                    out.push_str(BREAK);
                }
            }
            _ => out.push(c),
        }
        let [_, b1, b2] = before;
        before = [b1, b2, c.to_ascii_lowercase()];
    }
    out
}

fn table(o: &Outcome) -> String {
    let mut out = String::from("| Tệp | Đơn vị | Kết quả | Lý do |\n|---|---|---|---|\n");
    if !o.branch.is_empty() {
        let v = o.branch_verdict();
        let _ = writeln!(
            out,
            "| (nhánh của yêu cầu hợp nhất) | — | {} {} | {} |",
            if v == Verdict::Accepted { "✅" } else { "❌" },
            verdict_vi(v, true),
            cell(&reason_of(&o.branch, Lang::Vi)),
        );
    }
    for f in &o.files {
        let _ = writeln!(
            out,
            "| {} | {} | {} {} | {} |",
            cell(&f.path),
            cell(f.unit_name.as_deref().unwrap_or("—")),
            if f.verdict == Verdict::Accepted {
                "✅"
            } else {
                "❌"
            },
            verdict_vi(f.verdict, has_warnings(f)),
            cell(&reason(f, Lang::Vi)),
        );
    }
    out
}

/// The step summary: one row per file, since GitHub shows only a few
/// annotations per step.
fn summary_markdown(r: &GateReport<'_>, o: &Outcome) -> String {
    format!(
        "### cchc check-pr: {}\n\nCommit `{}` so với `{}`, lúc {}.\n\n{}\n",
        if o.accepted() {
            "CHẤP NHẬN"
        } else {
            "TỪ CHỐI"
        },
        GateReport::short(&r.head),
        GateReport::short(&r.base),
        cell(&when(r.now, o, Lang::Vi)),
        table(o)
    )
}

/// The comment the bot keeps on the pull request: verdicts in plain
/// Vietnamese, the commit checked, and, for reports accepted before their
/// deadline, the entry the office adds to receipts.toml if it merges after
/// the deadline, so the report is not shown as late.
fn comment_markdown(r: &GateReport<'_>, o: &Outcome) -> String {
    let mut out = String::from("<!-- cchc-gate -->\n");
    let _ = writeln!(
        out,
        "## Kiểm tra tự động: {}\n",
        if o.accepted() {
            "✅ báo cáo hợp lệ, có thể hợp nhất"
        } else {
            "❌ chưa thể hợp nhất"
        }
    );
    let _ = writeln!(
        out,
        "Đã kiểm tra commit `{}` lúc {}{}.\n",
        GateReport::short(&r.head),
        cell(&when(r.now, o, Lang::Vi)),
        if r.req.draft {
            ", bản nháp: ô còn trống chỉ là cảnh báo"
        } else {
            ""
        }
    );
    out.push_str(&table(o));
    let problems: Vec<_> = o.diagnostics();
    if !problems.is_empty() {
        out.push_str("\n<details><summary>Chi tiết từng lỗi</summary>\n\n");
        for d in problems.iter().take(50) {
            let pos = d.start(&o.db);
            let _ = writeln!(
                out,
                "- {}{}: **{}** {}{}",
                if d.span.file.is_empty() {
                    "(nhánh)".to_owned()
                } else {
                    cell(&d.span.file)
                },
                pos.map_or(String::new(), |p| format!(" dòng {}", p.line)),
                d.code.as_str(),
                cell(&d.message.vi),
                d.hint
                    .as_ref()
                    .map_or(String::new(), |h| format!(" — _Gợi ý:_ {}", cell(&h.vi)))
            );
        }
        if problems.len() > 50 {
            let _ = writeln!(
                out,
                "- … và {} vấn đề khác (xem tab Checks).",
                problems.len() - 50
            );
        }
        out.push_str("\n</details>\n");
        out.push_str("\nChạy `cchc explain MÃ` để xem giải thích đầy đủ của một mã lỗi.\n");
    }
    if o.accepted() && !o.on_time.is_empty() {
        out.push_str("\n**Dành cho Phòng CCHC:** báo cáo được gửi trước hạn. Nếu hợp nhất sau hạn, thêm đoạn dưới đây vào sổ công văn đến của đợt để báo cáo không bị tính là nộp muộn. Dòng sổ chỉ ghi nhận bản của lần hợp nhất này; mọi lần sửa sau hạn khác là của Phòng CCHC.\n");
        for t in &o.on_time {
            let _ = writeln!(
                out,
                "\n`content/campaigns/{}/receipts.toml` (hạn của đơn vị: trước {}):\n\n```toml\n[[receipt]]\nunit = \"{}\"\nreceived = {}\nchannel = \"pull_request\"{}\n```",
                t.campaign,
                t.deadline_local.in_lang(Lang::Vi),
                t.unit,
                t.local.strftime("%Y-%m-%dT%H:%M:%S"),
                r.req
                    .number
                    .map_or(String::new(), |n| format!("\npull_request = {n}"))
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text GitHub's filters look at: the rendered text nodes, entities
    /// decoded (a new line between elements); and whether the Markdown
    /// made a link, an image, HTML or a code span.
    fn rendered(md: &str) -> (String, bool) {
        use pulldown_cmark::{Event, Options, Parser, Tag};
        let mut text = String::new();
        let mut markup = false;
        for event in Parser::new_ext(md, Options::ENABLE_TABLES) {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::Start(Tag::Link { .. } | Tag::Image { .. })
                | Event::Html(_)
                | Event::InlineHtml(_)
                | Event::Code(_) => markup = true,
                _ => text.push('\n'),
            }
        }
        (text, markup)
    }

    /// Whether `text` holds something GitHub turns into a ping, a
    /// reference or a link: `@login`, `#12`, `GH-1`, `www.`, `://`, or a run
    /// of 7 hex digits (a commit id).
    fn links_or_pings(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let mut found = Vec::new();
        for (i, w) in chars.windows(2).enumerate() {
            let [a, b] = [w[0], w[1]];
            if a == '@' && (b.is_alphanumeric() || b == '-' || b == '_')
                || a == '#' && b.is_ascii_digit()
            {
                found.push(format!("{a}{b} at {i}"));
            }
        }
        let lower = text.to_lowercase();
        for needle in ["www.", "://"] {
            if lower.contains(needle) {
                found.push(needle.to_owned());
            }
        }
        if lower
            .match_indices("gh-")
            .any(|(i, _)| lower[i + 3..].starts_with(|c: char| c.is_ascii_digit()))
        {
            found.push("gh-1".to_owned());
        }
        let mut run = 0;
        for c in &chars {
            run = if c.is_ascii_hexdigit() { run + 1 } else { 0 };
            if run == 7 {
                found.push("7 hex digits".to_owned());
            }
        }
        found
    }

    const HOSTILE: &str = "\u{202e}@office-admin #12 owner/repo#12 GH-1 gh-2 \
        www.evil.example WWW.x.y https://evil.example ftp://x a@b.vn \
        deadbeef1234 0123456789abcdef0123456789abcdef01234567 \u{200b}x\u{feff}";

    #[test]
    fn cells_make_no_ping_reference_or_link_on_github() {
        let (text, markup) = rendered(&cell(HOSTILE));
        assert!(!markup, "{text}");
        assert_eq!(links_or_pings(&text), Vec::<String>::new(), "{text:?}");
        // Nothing lost: the same text once the breaks are taken out.
        let shown = text.replace('\u{200b}', "");
        assert_eq!(shown.trim(), cchc_core::text::visible(HOSTILE), "{text:?}");
        // The hidden characters are shown, and none is in the comment.
        assert!(
            shown.contains("\\u{202e}@office") && shown.contains("\\u{200b}x\\u{feff}"),
            "{shown}"
        );
        assert!(!cell(HOSTILE).chars().any(cchc_core::text::is_hidden));
        // Plain text is left as it is.
        assert_eq!(cell("Sở Nội vụ, 1,5 điểm"), "Sở Nội vụ, 1,5 điểm");
        assert_eq!(
            links_or_pings(&rendered(&cell("high-level nghe-an")).0),
            Vec::<String>::new()
        );
    }

    #[test]
    fn table_cells_cannot_break_the_table_or_inject_markup() {
        assert_eq!(cell("a|b\nc<script>"), "a&#124;b c&lt;script&gt;");
        for hostile in [
            "@office ![x](https://evil.example/p.png)",
            "<img src=x> [a](b) `code` **b** _i_ ~~s~~ <!-- -->",
            "a\r\n| --- | --- |\n| x | y",
        ] {
            let row = format!("| h | i |\n|---|---|\n| {} | z |\n", cell(hostile));
            let (text, markup) = rendered(&row);
            assert!(!markup, "{row}\n{text}");
            let cells =
                pulldown_cmark::Parser::new_ext(&row, pulldown_cmark::Options::ENABLE_TABLES)
                    .filter(|e| {
                        matches!(
                            e,
                            pulldown_cmark::Event::Start(pulldown_cmark::Tag::TableCell)
                        )
                    })
                    .count();
            assert_eq!(cells, 4, "{row}");
        }
    }
}
