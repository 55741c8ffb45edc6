//! The gate's verdict for GitHub: the job summary's table and the comment
//! the bot posts, every value from the pull request made inert.

use std::fmt::Write as _;

use super::{GateReport, has_warnings, reason, reason_of, verdict, when};
use cchc_core::gate::{Outcome, Verdict};
use cchc_core::text::{Lang, Text};
use cchc_core::tr;

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

fn table(o: &Outcome, lang: Lang) -> String {
    let mut out = tr!(
        "| Tệp | Đơn vị | Kết quả | Lý do |\n|---|---|---|---|\n",
        "| File | Unit | Result | Reason |\n|---|---|---|---|\n"
    )
    .get(lang)
    .to_owned();
    if !o.branch.is_empty() {
        let v = o.branch_verdict();
        let _ = writeln!(
            out,
            "| {} | — | {} {} | {} |",
            tr!(
                "(nhánh của yêu cầu hợp nhất)",
                "(the pull request's branch)"
            )
            .get(lang),
            if v == Verdict::Accepted { "✅" } else { "❌" },
            verdict(v, true).get(lang),
            cell(&reason_of(&o.branch, lang)),
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
            verdict(f.verdict, has_warnings(f)).get(lang),
            cell(&reason(f, lang)),
        );
    }
    out
}

/// The step summary: one row per file, since GitHub shows only a few
/// annotations per step.
pub(super) fn summary_markdown(r: &GateReport<'_>, o: &Outcome, lang: Lang) -> String {
    let head = if o.accepted() {
        tr!(
            "### cchc check-pr: CHẤP NHẬN\n\nCommit `{}` so với `{}`, lúc {}.",
            "### cchc check-pr: ACCEPTED\n\nCommit `{}` against `{}`, at {}.",
            GateReport::short(&r.head),
            GateReport::short(&r.base),
            cell(&when(r.now, o, lang))
        )
    } else {
        tr!(
            "### cchc check-pr: TỪ CHỐI\n\nCommit `{}` so với `{}`, lúc {}.",
            "### cchc check-pr: REJECTED\n\nCommit `{}` against `{}`, at {}.",
            GateReport::short(&r.head),
            GateReport::short(&r.base),
            cell(&when(r.now, o, lang))
        )
    };
    format!("{}\n\n{}\n", head.get(lang), table(o, lang))
}

/// The comment the bot keeps on the pull request: verdicts in plain words
/// (Vietnamese unless `--lang en`), the commit checked, and, for reports
/// accepted before their deadline, the entry the office adds to
/// receipts.toml if it merges after the deadline, so the report is not
/// shown as late.
pub(super) fn comment_markdown(r: &GateReport<'_>, o: &Outcome, lang: Lang) -> String {
    let mut out = String::from("<!-- cchc-gate -->\n");
    let title = if o.accepted() {
        tr!(
            "## Kiểm tra tự động: ✅ báo cáo hợp lệ, có thể hợp nhất\n",
            "## Automatic check: ✅ the report is valid and can be merged\n"
        )
    } else {
        tr!(
            "## Kiểm tra tự động: ❌ chưa thể hợp nhất\n",
            "## Automatic check: ❌ cannot be merged yet\n"
        )
    };
    let _ = writeln!(out, "{}", title.get(lang));
    let draft = if r.req.draft {
        tr!(
            ", bản nháp: ô còn trống chỉ là cảnh báo",
            ", a draft: blanks are only warnings"
        )
    } else {
        Text::same("")
    };
    let checked = tr!(
        "Đã kiểm tra commit `{}` lúc {}{}.\n",
        "Checked commit `{}` at {}{}.\n",
        GateReport::short(&r.head),
        cell(&when(r.now, o, lang)),
        draft
    );
    let _ = writeln!(out, "{}", checked.get(lang));
    out.push_str(&table(o, lang));
    let problems: Vec<_> = o.diagnostics();
    if !problems.is_empty() {
        let details = tr!(
            "\n<details><summary>Chi tiết từng lỗi</summary>\n\n",
            "\n<details><summary>Each problem</summary>\n\n"
        );
        out.push_str(details.get(lang));
        for d in problems.iter().take(50) {
            let pos = d.start(&o.db);
            let place = if d.span.file.is_empty() {
                tr!("(nhánh)", "(branch)").get(lang).to_owned()
            } else {
                cell(&d.span.file)
            };
            let line = pos.map_or_else(Text::default, |p| tr!(" dòng {}", " line {}", p.line));
            let hint = d.hint.as_ref().map_or_else(Text::default, |h| {
                tr!(" — _Gợi ý:_ {}", " — _Hint:_ {}", cell(h.get(lang)))
            });
            let _ = writeln!(
                out,
                "- {place}{}: **{}** {}{}",
                line.get(lang),
                d.code.as_str(),
                cell(d.message.get(lang)),
                hint.get(lang)
            );
        }
        if problems.len() > 50 {
            let more = tr!(
                "- … và {} vấn đề khác (xem tab Checks).",
                "- … and {} more problems (see the Checks tab).",
                problems.len() - 50
            );
            let _ = writeln!(out, "{}", more.get(lang));
        }
        out.push_str("\n</details>\n");
        let explain = tr!(
            "\nChạy `cchc explain MÃ` để xem giải thích đầy đủ của một mã lỗi.\n",
            "\nRun `cchc explain CODE` for the full explanation of a code.\n"
        );
        out.push_str(explain.get(lang));
    }
    if o.accepted() && !o.on_time.is_empty() {
        let office = tr!(
            "\n**Dành cho Phòng CCHC:** báo cáo được gửi trước hạn. Nếu hợp nhất sau hạn, thêm đoạn dưới đây vào sổ công văn đến của đợt để báo cáo không bị tính là nộp muộn. Dòng sổ chỉ ghi nhận bản của lần hợp nhất này; mọi lần sửa sau hạn khác là của Phòng CCHC.\n",
            "\n**For the PAR office:** the report was sent before the deadline. If it is merged after the deadline, add the entry below to the campaign's register of received reports so that the report is not counted as late. The entry covers the version of this merge only; every other change after the deadline is the office's.\n"
        );
        out.push_str(office.get(lang));
        for t in &o.on_time {
            let file = tr!(
                "\n`content/campaigns/{}/receipts.toml` (hạn của đơn vị: trước {}):",
                "\n`content/campaigns/{}/receipts.toml` (the unit's deadline: before {}):",
                t.campaign,
                t.deadline_local
            );
            let _ = writeln!(
                out,
                "{}\n\n```toml\n[[receipt]]\nunit = \"{}\"\nreceived = {}\nchannel = \"pull_request\"{}\n```",
                file.get(lang),
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
