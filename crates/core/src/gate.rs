//! The pull-request gate: decides, per changed path, whether a pull request
//! may be merged, and why. Pure: the change, the base's files, the actors and
//! the clock come in; a verdict per path and its diagnostics come out.
//!
//! It judges with the base's rules (content/ of the base), so a pull request
//! cannot change what judges it, and with the gate's clock, never a commit
//! date, which the author sets.

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::Timestamp;
use unicode_normalization::UnicodeNormalization;

use crate::diag::{Code, Diagnostic, Diagnostics, Severity};
use crate::load::Input;
use crate::model::{Campaign, Content};
use crate::pull_request::{
    BranchFacts, ChangeKind, ChangedPath, MAX_COMMITS, Mode, PullRequest, Touched,
};
use crate::source::{SourceDb, Span};
use crate::text::{Deadline, Moment, quote, visible};
use crate::tr;
use crate::validate::{check_submissions, validate, validate_content};

/// Who and when.
#[derive(Debug, Clone)]
pub struct Context {
    /// The pull request's author and whoever pushed: every one must be
    /// entitled to every change.
    pub actors: Vec<String>,
    pub now: Timestamp,
    /// A draft is work in progress: its blanks are warnings.
    pub draft: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Accepted,
    Rejected,
}

/// The decision on one changed path.
#[derive(Debug, Clone)]
pub struct FileVerdict {
    pub path: String,
    pub campaign: Option<String>,
    pub unit: Option<String>,
    pub unit_name: Option<String>,
    pub verdict: Verdict,
    /// The diagnostics of this path, in order.
    pub diagnostics: Vec<Diagnostic>,
}

/// A submission accepted before its deadline: what the office records in
/// the receipts register if the pull request is merged after it.
#[derive(Debug, Clone)]
pub struct OnTime {
    pub campaign: String,
    pub unit: String,
    /// The gate's time, local to the campaign.
    pub local: jiff::civil::DateTime,
    pub deadline_local: jiff::civil::DateTime,
}

#[derive(Debug)]
pub struct Outcome {
    /// What is wrong with the branch as a whole (its base, its history):
    /// each error rejects the pull request whatever its files are.
    pub branch: Vec<Diagnostic>,
    pub files: Vec<FileVerdict>,
    pub db: SourceDb,
    pub admin: bool,
    pub on_time: Vec<OnTime>,
    /// The newest campaign's time zone and its name, to show times in.
    pub time_zone: Option<(jiff::tz::TimeZone, String)>,
}

impl Outcome {
    pub fn accepted(&self) -> bool {
        self.branch_verdict() == Verdict::Accepted
            && self.files.iter().all(|f| f.verdict == Verdict::Accepted)
    }

    pub fn branch_verdict(&self) -> Verdict {
        if self.branch.iter().any(|d| d.severity == Severity::Error) {
            Verdict::Rejected
        } else {
            Verdict::Accepted
        }
    }

    /// Every diagnostic, sorted for output.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut d = Diagnostics::default();
        for x in &self.branch {
            d.push(x.clone());
        }
        for f in &self.files {
            for x in &f.diagnostics {
                d.push(x.clone());
            }
        }
        d.into_sorted()
    }
}

fn same_login(a: &str, b: &str) -> bool {
    a.trim_start_matches('@')
        .eq_ignore_ascii_case(b.trim_start_matches('@'))
}

/// Case- and form-blind key for comparing names: "Tu-Phap", "ｔｕ-phap"
/// (fullwidth), "tu‐phap" (a Unicode hyphen) and "tu-phap" meet.
fn fold(s: &str) -> String {
    s.nfkc()
        .map(|c| match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' => '-',
            c => c,
        })
        .collect::<String>()
        .to_lowercase()
}

/// Who may do what, from the base's units.toml.
struct People<'a> {
    admins: &'a [String],
    actors: &'a [String],
}

impl People<'_> {
    fn is_admin(&self, login: &str) -> bool {
        self.admins.iter().any(|x| same_login(login, x))
    }

    /// Every actor is an admin: the office acting alone, held neither to
    /// deadlines nor to closed campaigns.
    fn all_admins(&self) -> bool {
        !self.actors.is_empty() && self.actors.iter().all(|a| self.is_admin(a))
    }

    /// The actors who are neither admins nor among `owners`.
    fn strangers(&self, owners: &[String]) -> Vec<&str> {
        self.actors
            .iter()
            .filter(|a| !self.is_admin(a) && !owners.iter().any(|o| same_login(a, o)))
            .map(String::as_str)
            .collect()
    }
}

/// Paths whose content validation covers: a change to one of them is
/// checked on the head, so no pull request can leave the office's data
/// broken.
fn is_content(data_path: &str) -> bool {
    data_path.starts_with("content/") || data_path == crate::codeowners::PATH
}

/// Judges a pull request: what merging it would do to the base, by the
/// base's rules. The head's diff against the merge base is that only when
/// the branch's history says so ([`BranchFacts`]); the branch rules refuse
/// the rest.
pub fn judge_pull_request(pr: &PullRequest, ctx: &Context) -> Outcome {
    let rules = validate_content(&pr.base_files).content;
    let mut outcome = judge_changes(&rules, pr.head_files.as_ref(), &pr.changes, ctx);
    judge_branch(&rules, &pr.branch, &pr.changes, ctx, &mut outcome);
    outcome
}

/// Judges a pull request's changes against the base's files. `head` holds
/// the head's files when the pull request changes content/ (or CODEOWNERS).
pub fn judge(
    base: &Input,
    head: Option<&Input>,
    changes: &[ChangedPath],
    ctx: &Context,
) -> Outcome {
    judge_changes(&validate_content(base).content, head, changes, ctx)
}

/// The office's admins, from the base's units.toml.
fn admins_of(rules: &Content) -> Vec<String> {
    rules
        .office
        .as_ref()
        .map(|o| o.admins.clone())
        .unwrap_or_default()
}

/// The branch pull requests must go into, from the base's units.toml.
fn published_branch(rules: &Content) -> &str {
    rules
        .office
        .as_ref()
        .map_or(crate::model::DEFAULT_BRANCH, |o| {
            o.published_branch.as_str()
        })
}

fn judge_changes(
    rules: &Content,
    head: Option<&Input>,
    changes: &[ChangedPath],
    ctx: &Context,
) -> Outcome {
    let admins = admins_of(rules);
    let people = People {
        admins: &admins,
        actors: &ctx.actors,
    };

    // The changed submissions are checked together, against the rules.
    let mut checked = Input::default();
    for c in changes {
        if let (Some(p), Some(data)) = (&c.data_path, &c.data)
            && p.starts_with("submissions/")
        {
            checked.files.insert(p.clone(), data.clone());
        }
    }
    let validated = check_submissions(&checked, rules, ctx.now);
    let mut db = validated.db;
    let mut by_file: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
    for d in validated.diags.into_sorted() {
        by_file.entry(d.span.file.to_string()).or_default().push(d);
    }
    // Content changed by the office: the head's content/ must be valid as a
    // whole. (Anyone else changing it is refused outright, E100.)
    let mut content_problems: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
    if let Some(head) = head.filter(|_| people.all_admins()) {
        let outcome = validate(head, ctx.now);
        for d in outcome.diags.into_sorted() {
            if d.severity == Severity::Error && is_content(&d.span.file) {
                content_problems
                    .entry(d.span.file.to_string())
                    .or_default()
                    .push(d);
            }
        }
        db.merge(outcome.db);
    }

    let mut files = Vec::new();
    let mut on_time = Vec::new();
    for c in changes {
        let data_path = c.data_path.clone().unwrap_or_default();
        let mut own = by_file.remove(&data_path).unwrap_or_default();
        own.extend(content_problems.remove(&data_path).unwrap_or_default());
        let mut f = judge_path(c, rules, &people, ctx, own);
        // Diagnostics are shown under the path the Git host shows.
        if c.path != data_path {
            db.alias(&data_path, &c.path);
            for d in &mut f.diagnostics {
                if *d.span.file == *data_path {
                    d.span.file = c.path.as_str().into();
                }
            }
        }
        if f.verdict == Verdict::Accepted
            && !ctx.draft
            && let (Some(camp), Some(unit)) = (
                f.campaign.as_deref().and_then(|id| rules.campaigns.get(id)),
                f.unit.as_deref(),
            )
            && ctx.now < camp.deadline_for(unit)
        {
            on_time.push(OnTime {
                campaign: camp.id.clone(),
                unit: unit.to_owned(),
                local: camp.time_zone.to_datetime(ctx.now),
                deadline_local: camp.deadline_local_for(unit),
            });
        }
        f.diagnostics.sort_by_key(|d| (d.span.range.start, d.code));
        files.push(f);
    }
    // Content the pull request did not touch but broke (a campaign whose
    // criteria set it deleted, say) is reported under its own path.
    for (path, diagnostics) in content_problems {
        files.push(finish(FileVerdict {
            path,
            campaign: None,
            unit: None,
            unit_name: None,
            verdict: Verdict::Accepted,
            diagnostics,
        }));
    }
    Outcome {
        branch: Vec::new(),
        files,
        db,
        admin: people.all_admins(),
        on_time,
        time_zone: rules
            .newest_campaign()
            .map(|c| (c.time_zone.clone(), c.time_zone_name.clone())),
    }
}

fn file_span(path: &str) -> Span {
    let p: Arc<str> = path.into();
    Span::file(&p)
}

/// The first folder of a path, if it looks like one of the data folders
/// without being it ("Submissions", "ｃｏｎｔｅｎｔ"): on some systems the two
/// would be the same folder.
fn look_alike_root(data_path: &str) -> Option<&'static str> {
    let first = data_path.split('/').next().unwrap_or("");
    ["submissions", "content"]
        .into_iter()
        .find(|root| first != *root && fold(first) == *root)
}

fn judge_path(
    c: &ChangedPath,
    rules: &Content,
    people: &People<'_>,
    ctx: &Context,
    own: Vec<Diagnostic>,
) -> FileVerdict {
    let mut v = FileVerdict {
        path: c.path.clone(),
        campaign: None,
        unit: None,
        unit_name: None,
        verdict: Verdict::Accepted,
        diagnostics: Vec::new(),
    };
    let span = file_span(&c.path);
    let data_path = c.data_path.clone().unwrap_or_default();
    if let Some(root) = c.data_path.as_deref().and_then(look_alike_root) {
        v.diagnostics.push(rule_look_alike(&data_path, root, span));
        return finish(v);
    }
    let is_submission = c.data_path.as_deref().is_some_and(|p| {
        matches!(
            crate::load::classify(p),
            crate::load::Kind::Submission { .. } | crate::load::Kind::Stray
        )
    });
    if !is_submission {
        // Everything else is the office's: content/, the code, the workflows,
        // submissions/README.md. Content changes must leave content valid.
        let strangers = people.strangers(&[]);
        if !strangers.is_empty() {
            v.diagnostics.push(rule_outside_submissions(
                &c.path,
                &strangers,
                span,
                people.admins,
            ));
        }
        v.diagnostics.extend(own);
        return finish(v);
    }
    if matches!(c.kind, ChangeKind::Deleted | ChangeKind::RenamedAway { .. }) {
        if !people.all_admins() {
            v.diagnostics.push(rule_deleted(&c.kind, &c.path, span));
        }
        return finish(v);
    }
    if c.mode != Mode::Regular {
        v.diagnostics.push(rule_regular_file(c.mode, span.clone()));
    }
    let Some((campaign, unit)) = rule_known_pair(&data_path, rules, span.clone(), &mut v) else {
        return finish(v);
    };
    v.campaign = Some(campaign.id.clone());
    v.unit = Some(unit.clone());
    v.unit_name = rules.unit(&unit).map(|u| u.name.clone());
    rule_owner(&unit, rules, people, span.clone(), &mut v);
    if !people.all_admins() {
        if campaign.closed {
            v.diagnostics.push(rule_closed(campaign, span.clone()));
        }
        // After the deadline a unit's account changes nothing, whatever the
        // receipts register holds: a receipt dates the version received, it
        // never excuses a later one.
        if ctx.now >= campaign.deadline_for(&unit) {
            v.diagnostics
                .push(rule_late(campaign, &unit, ctx.now, span.clone()));
        }
    }
    // The file's own problems, with the same rules and messages as validate.
    for mut d in own {
        if ctx.draft && d.code.is_blank() {
            d.severity = Severity::Warning;
        }
        v.diagnostics.push(d);
    }
    finish(v)
}

fn finish(mut v: FileVerdict) -> FileVerdict {
    refresh(&mut v);
    v
}

/// A file with an error is rejected.
fn refresh(v: &mut FileVerdict) {
    if v.diagnostics.iter().any(|d| d.severity == Severity::Error) {
        v.verdict = Verdict::Rejected;
    }
}

// ---- the branch: what merging would do ----

/// The branch rules: the pull request goes into the published branch, its
/// history is one line of its own commits from a single merge base, none of
/// its commits changes what its actors may not, and every path it changes
/// is unchanged on the base since: then merging changes the base by exactly
/// the head's diff, which the file rules judged.
fn judge_branch(
    rules: &Content,
    facts: &BranchFacts,
    changes: &[ChangedPath],
    ctx: &Context,
    outcome: &mut Outcome,
) {
    let published = published_branch(rules);
    let admins = admins_of(rules);
    let people = People {
        admins: &admins,
        actors: &ctx.actors,
    };
    let span = file_span("");
    outcome
        .branch
        .extend(rule_published_base(facts, published, span.clone()));
    outcome.branch.extend(rule_one_line(facts, published, span));
    for f in &mut outcome.files {
        if facts.changed_on_base.contains(&f.path) {
            f.diagnostics
                .push(rule_changed_on_base(&f.path, published, file_span(&f.path)));
            refresh(f);
        }
    }
    let in_diff: std::collections::BTreeSet<&str> =
        changes.iter().map(|c| c.path.as_str()).collect();
    for t in &facts.touched {
        if in_diff.contains(t.path.as_str()) {
            continue;
        }
        if let Some(d) = rule_commit_touches(t, rules, &people, published) {
            outcome.files.push(finish(FileVerdict {
                path: t.path.clone(),
                campaign: None,
                unit: None,
                unit_name: None,
                verdict: Verdict::Accepted,
                diagnostics: vec![d],
            }));
        }
    }
}

fn short(id: &str) -> String {
    id.chars().take(7).collect()
}

/// E109: the pull request goes into the published branch, and its base
/// commit is on it. A base with other owners or deadlines (a leftover
/// branch) would judge by rules that are not the province's.
fn rule_published_base(facts: &BranchFacts, published: &str, span: Span) -> Option<Diagnostic> {
    let hint = tr!(
        "Yêu cầu hợp nhất phải nhắm vào nhánh {}: trên GitHub, bấm Edit cạnh tiêu đề yêu cầu hợp nhất và chọn base là {}. Máy kiểm tra sẽ chạy lại.",
        "A pull request must go into the branch {}: on GitHub, press Edit beside the pull request's title and choose {} as its base. The gate runs again.",
        published,
        published
    );
    if let Some(name) = facts.base_name.as_deref().filter(|n| *n != published) {
        return Some(
            Diagnostic::new(
                Code::E109,
                span,
                tr!(
                    "yêu cầu hợp nhất nhắm vào nhánh {}, không phải nhánh công bố {}",
                    "the pull request goes into the branch {}, not the published branch {}",
                    quote(name),
                    published
                ),
            )
            .hint(hint),
        );
    }
    (!facts.holding_base.iter().any(|b| b == published)).then(|| {
        Diagnostic::new(
            Code::E109,
            span,
            tr!(
                "commit gốc của yêu cầu hợp nhất không nằm trên nhánh công bố {}",
                "the pull request's base commit is not on the published branch {}",
                published
            ),
        )
        .hint(tr!(
            "{} Nếu chạy trên máy, lấy nhánh {} về trước (git fetch origin {}).",
            "{} When running locally, fetch the branch {} first (git fetch origin {}).",
            hint,
            published,
            published
        ))
    })
}

/// E107: the branch is one line of its own commits from a single merge
/// base. With two merge bases the merge works from a base the head's diff
/// does not show, and can revert or delete what others merged; commits
/// brought in by a merge of another branch would be merged along.
fn rule_one_line(facts: &BranchFacts, published: &str, span: Span) -> Vec<Diagnostic> {
    let hint = || {
        tr!(
            "Tạo lại nhánh từ {} mới nhất (rebase, hoặc một yêu cầu hợp nhất mới) chỉ với thay đổi của mình, rồi gửi lại.",
            "Make the branch again from the latest {} (rebase, or a new pull request) with your own change only, and send it again.",
            published
        )
    };
    let mut out = Vec::new();
    if facts.merge_bases.len() > 1 {
        let ids: Vec<String> = facts.merge_bases.iter().map(|id| short(id)).collect();
        out.push(
            Diagnostic::new(
                Code::E107,
                span.clone(),
                tr!(
                    "nhánh có {} điểm chung với {} ({}): không biết chắc hợp nhất sẽ thay đổi những gì",
                    "the branch has {} merge bases with {} ({}): what merging would change cannot be told",
                    facts.merge_bases.len(),
                    published,
                    ids.join(", ")
                ),
            )
            .hint(hint()),
        );
    }
    if facts.commits > MAX_COMMITS {
        out.push(
            Diagnostic::new(
                Code::E107,
                span.clone(),
                tr!(
                    "nhánh thêm hơn {} commit vào {}",
                    "the branch adds more than {} commits to {}",
                    MAX_COMMITS,
                    published
                ),
            )
            .hint(hint()),
        );
    }
    if let Some(first) = facts.brought_in.first() {
        out.push(
            Diagnostic::new(
                Code::E107,
                span,
                tr!(
                    "nhánh mang theo {} commit của một nhánh khác, chưa có trên {} (như {} {}): hợp nhất sẽ đưa cả chúng vào",
                    "the branch brings in {} commit(s) of another branch that {} does not have (such as {} {}): merging would bring them along",
                    facts.brought_in.len(),
                    published,
                    short(&first.id),
                    quote(&first.summary)
                ),
            )
            .hint(hint()),
        );
    }
    out
}

/// E108: a path the pull request changes that the base changed too since
/// the branch was made (or whose folder it moved): the merge would combine
/// the two instead of taking the file that was checked.
fn rule_changed_on_base(path: &str, published: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::E108,
        span,
        tr!(
            "{} (hoặc thư mục chứa nó) đã thay đổi trên {} sau khi nhánh được tạo: hợp nhất sẽ trộn hai bên, không lấy đúng bản đã kiểm tra",
            "{} (or its folder) changed on {} after the branch was made: merging would combine the two sides, not take the version checked",
            visible(path),
            published
        ),
    )
    .hint(tr!(
        "Cập nhật nhánh từ {} (nút Update branch trên GitHub, hoặc rebase), xem lại nội dung tệp rồi gửi lại.",
        "Update the branch from {} (the Update branch button on GitHub, or a rebase), look at the file again and send it again.",
        published
    ))
}

/// E100 for a path a commit of the branch changes although the head's diff
/// does not show it (a later commit put it back): merging brings that
/// commit into the published history all the same.
fn rule_commit_touches(
    t: &Touched,
    rules: &Content,
    people: &People<'_>,
    published: &str,
) -> Option<Diagnostic> {
    let owners: Vec<String> = t
        .data_path
        .as_deref()
        .and_then(|p| match crate::load::classify(p) {
            crate::load::Kind::Submission { unit, .. } => {
                rules.unit(&unit).map(|u| u.owners.clone())
            }
            _ => None,
        })
        .unwrap_or_default();
    let strangers = people.strangers(&owners);
    if strangers.is_empty() {
        return None;
    }
    Some(
        Diagnostic::new(
            Code::E100,
            file_span(&t.path),
            tr!(
                "commit {} {} của nhánh sửa {}, tệp mà tài khoản {} không được sửa (một commit sau đã trả lại, nhưng hợp nhất vẫn đưa commit ấy vào {})",
                "commit {} {} of the branch changes {}, which {} may not change (a later commit put it back, but merging still brings that commit into {})",
                short(&t.commit.id),
                quote(&t.commit.summary),
                visible(&t.path),
                strangers.join(", "),
                published
            ),
        )
        .hint(tr!(
            "Tạo một nhánh mới từ {} chỉ với thay đổi trong tệp báo cáo của đơn vị mình, rồi gửi lại.",
            "Make a new branch from {} with changes to your own unit's file only, and send it again.",
            published
        )),
    )
}

/// E100 for paths outside submissions/: the office's alone.
fn rule_outside_submissions(
    path: &str,
    strangers: &[&str],
    span: Span,
    admins: &[String],
) -> Diagnostic {
    Diagnostic::new(
        Code::E100,
        span,
        tr!(
            "chỉ quản trị viên Phòng CCHC được sửa {} (tài khoản {} không phải quản trị viên)",
            "only the PAR office's admins may change {} ({} is not an admin)",
            visible(path),
            strangers.join(", ")
        ),
    )
    .hint(tr!(
        "Đơn vị chỉ sửa tệp báo cáo của mình trong submissions/. Nếu cần sửa nội dung khác, đề nghị Phòng CCHC ({}) thực hiện.",
        "A unit changes only its own file in submissions/. For anything else, ask the PAR office ({}).",
        admins.join(", ")
    ))
}

/// E102: a report, once filed, is not deleted or renamed by a unit.
fn rule_deleted(kind: &ChangeKind, path: &str, span: Span) -> Diagnostic {
    let msg = match kind {
        ChangeKind::RenamedAway { to } => tr!(
            "báo cáo {} bị đổi tên thành {}",
            "submission {} is renamed to {}",
            visible(path),
            visible(to)
        ),
        _ => tr!(
            "báo cáo {} bị xoá",
            "submission {} is deleted",
            visible(path)
        ),
    };
    Diagnostic::new(Code::E102, span, msg).hint(tr!(
        "Báo cáo đã nộp không được xoá hay đổi tên qua yêu cầu hợp nhất; muốn rút hoặc thay báo cáo, sửa nội dung tệp hoặc đề nghị Phòng CCHC.",
        "A filed report is not deleted or renamed by a pull request; to withdraw or replace it, edit the file or ask the PAR office."
    ))
}

/// E105: only plain text files; no links, submodules or executables.
fn rule_regular_file(mode: Mode, span: Span) -> Diagnostic {
    let what = match mode {
        Mode::Symlink => tr!("một liên kết tượng trưng (symlink)", "a symbolic link"),
        Mode::Submodule => tr!("một submodule", "a submodule"),
        Mode::Executable => tr!("một tệp có quyền thực thi", "an executable file"),
        _ => tr!("không phải tệp thường", "not a regular file"),
    };
    Diagnostic::new(
        Code::E105,
        span,
        tr!("đây là {}, không phải tệp văn bản thường", "this is {}, not a regular text file", what),
    )
    .hint(tr!(
        "Báo cáo là một tệp TOML thường (quyền 644). Xoá tệp này và tạo lại bằng trình sửa tệp của GitHub hoặc `cchc new`.",
        "A submission is a plain TOML file (mode 644). Remove this and create it again with GitHub's file editor or `cchc new`."
    ))
}

/// E103 and E104: submissions/<campaign>/<unit>.toml of a known pair.
fn rule_known_pair<'c>(
    data_path: &str,
    rules: &'c Content,
    span: Span,
    v: &mut FileVerdict,
) -> Option<(&'c Campaign, String)> {
    let parts: Vec<&str> = data_path.split('/').collect();
    if let ["submissions", campaign, file] = parts.as_slice()
        && let Some(unit) = file.strip_suffix(".toml")
        && let Some(c) = rules.campaigns.get(*campaign)
        && c.participant(unit).is_some()
    {
        return Some((c, unit.to_owned()));
    }
    // Not a known pair: perhaps one in another case or Unicode form.
    let wanted = fold(data_path);
    let variant = rules.campaigns.values().find_map(|c| {
        c.participants.iter().find_map(|p| {
            let known = format!("submissions/{}/{}.toml", c.id, p.unit);
            (fold(&known) == wanted).then_some(known)
        })
    });
    let known: Vec<String> = rules
        .campaigns
        .values()
        .filter(|c| !c.closed)
        .map(|c| format!("submissions/{}/<mã đơn vị>.toml", c.id))
        .collect();
    v.diagnostics.push(match variant {
        Some(k) => Diagnostic::new(
            Code::E104,
            span,
            tr!(
                "tên {} chỉ khác {} ở chữ hoa, thường hoặc dạng ký tự",
                "the name {} differs from {} only by case or character form",
                quote(data_path),
                quote(&k)
            ),
        )
        .hint(tr!(
            "Đặt đúng tên {}: hai tên trông giống nhau sẽ thành hai tệp khác nhau trên một số máy.",
            "Use exactly {}: names that look alike are different files on some systems.",
            k
        )),
        None => Diagnostic::new(
            Code::E103,
            span,
            tr!(
                "{} không phải báo cáo của một đơn vị trong một đợt đánh giá",
                "{} is not the submission of a unit in a campaign",
                quote(data_path)
            ),
        )
        .hint(tr!(
            "Báo cáo nằm ở {}, với mã đơn vị trong content/units.toml và đơn vị tham gia đợt.",
            "A submission lives at {}, named by a unit of content/units.toml taking part in the campaign.",
            known.join(" / ")
        )),
    });
    None
}

/// E100 for a submission: every actor is one of the unit's owners or an
/// admin (an admin may update a unit's pull request).
fn rule_owner(unit: &str, rules: &Content, people: &People<'_>, span: Span, v: &mut FileVerdict) {
    let owners: Vec<String> = rules
        .unit(unit)
        .map(|u| u.owners.clone())
        .unwrap_or_default();
    let strangers = people.strangers(&owners);
    if strangers.is_empty() {
        return;
    }
    v.diagnostics.push(
        Diagnostic::new(
            Code::E100,
            span,
            tr!(
                "tài khoản {} không được giao báo cáo của {}",
                "account {} is not entitled to the submission of {}",
                strangers.join(", "),
                quote(unit)
            ),
        )
        .hint(if owners.is_empty() {
            tr!(
                "Đơn vị chưa có tài khoản được giao trong content/units.toml; đề nghị Phòng CCHC bổ sung (owners).",
                "The unit has no owners in content/units.toml yet; ask the PAR office to add them."
            )
        } else {
            tr!(
                "Chỉ {} (và Phòng CCHC) được sửa tệp này. Mỗi đơn vị chỉ sửa báo cáo của mình; nếu tài khoản của bạn cần được giao, đề nghị Phòng CCHC bổ sung vào content/units.toml.",
                "Only {} (and the PAR office) may change this file. Each unit edits only its own report; to be added, ask the PAR office to list you in content/units.toml.",
                owners.join(", ")
            )
        }),
    );
}

/// E104 for a first folder that only looks like a data folder.
fn rule_look_alike(data_path: &str, root: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::E104,
        span,
        tr!(
            "{} nằm trong một thư mục chỉ khác {}/ ở chữ hoa, thường hoặc dạng ký tự",
            "{} is in a folder that differs from {}/ only by case or character form",
            quote(data_path),
            root.to_owned()
        ),
    )
    .hint(tr!(
        "Dùng đúng thư mục {}/: trên một số máy, hai tên trông giống nhau là cùng một thư mục.",
        "Use exactly {}/: on some systems names that look alike are the same folder.",
        root.to_owned()
    ))
}

/// E106: a closed campaign takes no more changes.
fn rule_closed(c: &Campaign, span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::E106,
        span,
        tr!(
            "đợt {} đã đóng, không nhận báo cáo hay sửa đổi",
            "campaign {} is closed to reports and changes",
            quote(&c.id)
        ),
    )
    .hint(tr!(
        "Kết quả của đợt đã chốt. Nếu cần đính chính, liên hệ Phòng CCHC.",
        "The campaign's results are final. For a correction, contact the PAR office."
    ))
}

/// E101: the report arrives, by the gate's clock, at or after the deadline.
fn rule_late(c: &Campaign, unit: &str, now: Timestamp, span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::E101,
        span,
        tr!(
            "báo cáo đến sau hạn: hạn là {} (giờ {}), báo cáo đến lúc {}",
            "the report arrives after the deadline: the deadline is {} ({} time), the report arrives at {}",
            Deadline(c.deadline_local_for(unit)),
            c.time_zone_name,
            Moment(c.time_zone.to_datetime(now))
        ),
    )
    .hint(tr!(
        "Báo cáo được tính là đến vào lúc GitHub ghi nhận lần cập nhật cuối cùng của yêu cầu hợp nhất (lần lưu tệp cuối cùng, hoặc lúc bấm Ready for review), không theo ngày giờ ghi trong commit. Sau hạn, tài khoản của đơn vị không sửa được báo cáo nữa. Nếu đơn vị đã được gia hạn, hoặc đã gửi báo cáo bằng văn bản trước hạn, hãy báo Phòng CCHC: Phòng CCHC ghi nhận và tự đưa báo cáo vào kho.",
        "A report arrives when GitHub recorded the pull request's last update (the last save of the file, or pressing Ready for review), not by the dates in a commit. After the deadline your unit's account can no longer change its report. If your unit has an extension, or sent its report on paper before the deadline, tell the PAR office: the office records it and puts the report into the repository itself."
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_form() {
        assert_eq!(
            fold("Submissions/2023-9T/Tu-Phap.toml"),
            fold("submissions/2023-9t/tu-phap.toml")
        );
        assert_eq!(fold("ｔｕ-phap"), fold("tu-phap"));
        assert_eq!(fold("tu\u{2010}phap"), fold("tu-phap"));
        assert_eq!(fold("Nô\u{323}i"), fold("nội"));
        assert!(same_login("@Hy-SoTuPhap", "hy-sotuphap"));
    }
}
