//! The branch rules: what merging would do beyond the head's diff (E107–E109, a commit's E100).

use crate::diag::{Code, Diagnostic};
use crate::model::Content;
use crate::pull_request::{BranchFacts, ChangedPath, MAX_COMMITS, Touched};
use crate::source::Span;
use crate::text::{quote, visible};
use crate::tr;

use super::files::{file_span, finish, refresh};
use super::{Context, FileVerdict, Outcome, People, Verdict, admins_of, published_branch};

/// The branch rules: the pull request goes into the published branch, its
/// history is one line of its own commits from a single merge base, none of
/// its commits changes what its actors may not, and every path it changes
/// is unchanged on the base since: then merging changes the base by exactly
/// the head's diff, which the file rules judged.
pub(super) fn judge_branch(
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
