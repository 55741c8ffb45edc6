//! What public pages say, and what they never say: a public page is a
//! record for citizens and leaders, so it carries nothing meant for
//! developers — no commit id or message, no pull request number, no
//! repository path, no rule code, no Git jargon, no IANA zone name. The
//! campaign's own Markdown pages (`trang/`) are the office's words to the
//! units' clerks (how to send a report through Git) and are left out.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::Command;

use super::downloads::sample_ok;
use super::{build, later, page, root, sample, visible};
use crate::common::cchc_in;
use crate::common::script::read_case;

/// The pages cchc writes itself, without the campaign's Markdown pages.
fn own_pages(site: &cchc_core::site::SiteFiles) -> Vec<&String> {
    site.keys()
        .filter(|k| k.ends_with(".html") && !k.contains("/trang/"))
        .collect()
}

/// `E041`, `W050`: a letter E or W and three digits, alone.
fn rule_codes(html: &str) -> Vec<String> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    for i in 0..b.len().saturating_sub(3) {
        let alone_before = i == 0 || !b[i - 1].is_ascii_alphanumeric();
        let alone_after = b.get(i + 4).is_none_or(|c| !c.is_ascii_alphanumeric());
        if matches!(b[i], b'E' | b'W')
            && b[i + 1..i + 4].iter().all(u8::is_ascii_digit)
            && alone_before
            && alone_after
        {
            out.push(html[i..i + 4].to_owned());
        }
    }
    out
}

/// The runs of 7 hexadecimal digits or more, alone (not inside a word).
fn hex_runs(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.len() >= 7 && w.bytes().all(|b| b.is_ascii_hexdigit()))
        .collect()
}

/// The runs of `text` that start a commit id of `commits`.
fn commit_ids_in<'a>(text: &'a str, commits: &BTreeSet<String>) -> Vec<&'a str> {
    hex_runs(text)
        .into_iter()
        .filter(|run| {
            let run = run.to_ascii_lowercase();
            commits
                .range(run.clone()..)
                .next()
                .is_some_and(|id| id.starts_with(&run))
        })
        .collect()
}

/// The deepest nesting of round brackets in `text`.
fn bracket_depth(text: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0);
    for c in text.chars() {
        match c {
            '(' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// The text of a unit page's facts (`<dl class="facts">`).
fn facts(html: &str) -> String {
    let start = html.find("<dl class=\"facts\">").unwrap();
    let end = start + html[start..].find("</dl>").unwrap();
    visible(&html[start..end])
}

#[test]
fn public_pages_carry_nothing_meant_for_developers() {
    let site = build(&sample(), later());
    let pages = own_pages(&site);
    assert!(pages.len() >= 30, "{}", pages.len());
    for path in pages {
        let html = page(&site, path);
        let text = visible(html);
        assert!(!html.contains("Asia/"), "{path}: an IANA zone name");
        assert_eq!(rule_codes(html), Vec::<String>::new(), "{path}: rule codes");
        assert!(!html.contains("submissions/"), "{path}: a repository path");
        let lower = text.to_lowercase();
        let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).collect();
        for jargon in ["commit", "git", "merge", "hash"] {
            assert!(!words.contains(&jargon), "{path}: {jargon:?} in {text}");
        }
        for jargon in [
            "hợp nhất",
            "nhánh công bố",
            "pull request",
            "yêu cầu hợp nhất",
        ] {
            assert!(!lower.contains(jargon), "{path}: {jargon:?} in {text}");
        }
        assert!(
            !html.contains("class=\"problems\""),
            "{path}: a warning box"
        );
    }
    // The sample's W050 (evidence dated after the cut-off) is the unit's and
    // the office's to see, not the public's.
    let y_te = page(&site, "2023-9t/don-vi/y-te.html");
    assert!(!y_te.contains("W050") && !visible(y_te).contains("dòng 47"));
}

#[test]
fn deadlines_arrivals_and_extensions_are_said_plainly() {
    let site = build(&sample(), later());
    let dash = visible(page(&site, "2023-9t/index.html"));
    // "Trước ngày 15/9/2023": its last day, in Vietnam's time.
    assert!(dash.contains("hết ngày 14/9/2023 (giờ Việt Nam)"), "{dash}");
    assert!(
        dash.contains("09:05 ngày 18/9/2023 — nhận qua thư điện tử"),
        "{dash}"
    );
    let method = visible(page(&site, "2023-9t/phuong-phap.html"));
    assert!(method.contains("Hạn gửi chung: hết ngày 14/9/2023 (giờ Việt Nam)"));
    assert!(method.contains("tiếp nhận vào kho dữ liệu"), "{method}");
    assert!(method.contains("Sau hạn — Phòng CCHC sửa"), "{method}");

    let y_te = facts(page(&site, "2023-9t/don-vi/y-te.html"));
    assert!(
        y_te.contains("hết ngày 19/9/2023 (giờ Việt Nam) — được gia hạn"),
        "{y_te}"
    );
    assert!(
        y_te.contains(
            "Gia hạn Theo Công văn số 1450/SNV-CCHCVTLT ngày 14/9/2023 của Sở Nội vụ (số hiệu minh họa). Lý do: Sở Y tế đề nghị gia hạn"
        ),
        "{y_te}"
    );
    let email = facts(page(
        &site,
        "2023-9t/don-vi/lao-dong-thuong-binh-xa-hoi.html",
    ));
    assert!(
        email.contains(
            "09:05 ngày 18/9/2023 — nhận qua thư điện tử, số đến 2364: Báo cáo số 215/BC-SLĐTBXH"
        ),
        "{email}"
    );
    let sent = facts(page(&site, "2023-9t/don-vi/tu-phap.html"));
    assert!(
        sent.contains("gửi qua kho dữ liệu, thời điểm gửi ghi trong sổ công văn đến"),
        "{sent}"
    );
    for (path, _) in site.iter().filter(|(p, _)| p.contains("/don-vi/")) {
        let f = facts(page(&site, path));
        assert!(bracket_depth(&f) <= 1, "{path}: nested brackets in {f}");
    }
}

#[test]
fn a_unit_page_sends_its_clerk_to_the_guidance_not_to_the_repository() {
    let site = build(&sample(), later());
    let guide = "href=\"../trang/huong-dan-nop-bao-cao.html\"";
    // A unit that sent its report, and one that has not.
    for unit in ["tu-phap", "xay-dung"] {
        let html = page(&site, &format!("2023-9t/don-vi/{unit}.html"));
        assert!(html.contains(guide), "{unit}: {html}");
        assert!(!html.contains(".toml</code>"), "{unit}");
    }
    let sent = visible(page(&site, "2023-9t/don-vi/tu-phap.html"));
    assert!(
        sent.contains("Muốn sửa báo cáo, đơn vị làm theo Hướng dẫn nộp báo cáo"),
        "{sent}"
    );
}

#[test]
fn every_criterion_row_has_an_anchor_and_its_code_links_to_a_row() {
    let site = build(&sample(), later());
    let unit = page(&site, "2023-9t/don-vi/tu-phap.html");
    assert!(unit.contains("<tr id=\"tc-2.1.1\">"), "{unit}");
    assert!(
        unit.contains("href=\"../linh-vuc/2.html#tc-2.1.1\""),
        "{unit}"
    );
    let area = page(&site, "2023-9t/linh-vuc/2.html");
    assert!(area.contains("<tr id=\"tc-2.1.1\""), "{area}");
    assert!(
        area.contains("href=\"../don-vi/tu-phap.html#tc-2.1.1\""),
        "{area}"
    );
    for table in [
        "2023-9t/bang-tong-hop.html",
        "2023-9t/bang-tong-hop-theo-diem-mat.html",
    ] {
        let html = page(&site, table);
        assert!(html.contains("<tr id=\"tc-2.1.1\">"), "{table}");
        assert!(
            html.contains("href=\"linh-vuc/2.html#tc-2.1.1\""),
            "{table}"
        );
        // One row, one anchor: every row of the table has one.
        assert_eq!(
            html.matches("<tr id=\"tc-").count(),
            html.matches("<th scope=\"row\">").count(),
            "{table}"
        );
    }
}

/// The ids of every commit reachable from HEAD of the repository at `dir`;
/// `None` when it is not in a Git repository.
fn commits_of(dir: &Path) -> Option<BTreeSet<String>> {
    let repo = git2::Repository::discover(dir).ok()?;
    let mut walk = repo.revwalk().ok()?;
    walk.push_head().ok()?;
    Some(walk.map(|id| id.unwrap().to_string()).collect())
}

#[test]
fn the_sample_built_from_its_repository_names_no_commit() {
    let Some(commits) = commits_of(&root()) else {
        eprintln!("not a Git repository: nothing to compare with");
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    sample_ok(&["build", "--out", site.to_str().unwrap()]);
    let mut seen = 0;
    for file in walk(&site) {
        if file.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = fs::read_to_string(&file).unwrap();
        let found = commit_ids_in(&html, &commits);
        assert!(found.is_empty(), "{}: {found:?}", file.display());
        seen += 1;
    }
    assert!(seen >= 30, "{seen}");
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// `cchc build` into `out` in the repository `root`, at 1/10/2023 08:00
/// (Vietnam time).
fn build_at(root: &Path, out: &Path) {
    let o = Command::new(env!("CARGO_BIN_EXE_cchc"))
        .args(["build", "--out", out.to_str().unwrap()])
        .current_dir(root)
        .env("SOURCE_DATE_EPOCH", "1696122000")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// The history case `revisions-are-told-in-words`, built as a site: each
/// revision in words and against the deadline, the office's after it in
/// bold words, never a commit's id, message or pull request; a link to each
/// change on the Git host only once content/units.toml gives the
/// repository's address.
#[test]
fn revisions_are_told_in_words_and_link_to_the_host_only_with_its_address() {
    let dir = root().join("tests/history-cases/revisions-are-told-in-words");
    let (script, _) = read_case::<toml::Value>(&dir, "run").unwrap();
    let built = script.build(&dir).unwrap();
    let commits: BTreeSet<String> = built.commits.iter().map(|(_, id)| id.to_string()).collect();
    let repo = built.province.root();
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    build_at(&repo, &site);
    let noi_vu = fs::read_to_string(site.join("2023-9t/don-vi/noi-vu.html")).unwrap();
    let text = visible(&noi_vu);
    let history = &text[text.find("Lịch sử nộp và sửa Các lần").unwrap()..];
    let order = [
        "15:00 ngày 20/9/2023 Sửa lần 4 Sau hạn — Phòng CCHC sửa",
        "08:30 ngày 13/9/2023 Sửa lần 3 Trước hạn",
        "10:00 ngày 12/9/2023 Sửa lần 2 Trước hạn",
        "10:00 ngày 11/9/2023 Nộp lần đầu Trước hạn",
    ];
    let mut at = 0;
    for row in order {
        let found = history[at..].find(row);
        assert!(found.is_some(), "{row:?} not in order in {history}");
        at += found.unwrap();
    }
    // Flagged in words, not only by colour.
    assert_eq!(noi_vu.matches("class=\"after-deadline\"").count(), 1);
    assert!(noi_vu.contains("<strong>Sau hạn — Phòng CCHC sửa</strong>"));
    assert!(text.contains("có lần Phòng CCHC sửa sau hạn"), "{text}");
    let tu_phap = visible(&fs::read_to_string(site.join("2023-9t/don-vi/tu-phap.html")).unwrap());
    assert!(
        tu_phap.contains("09:00 ngày 21/9/2023 Rút báo cáo Sau hạn — Phòng CCHC xóa"),
        "{tu_phap}"
    );
    // Without the repository's address: no link, and no commit anywhere.
    for file in walk(&site) {
        if file.extension().is_some_and(|e| e == "html") {
            let html = fs::read_to_string(&file).unwrap();
            assert_eq!(commit_ids_in(&html, &commits), Vec::<&str>::new());
            for said in [
                "xem thay đổi",
                "#3",
                "#4",
                "Merge pull request",
                "bổ sung tài liệu kiểm chứng",
                "đính chính số văn bản",
            ] {
                assert!(!html.contains(said), "{}: {said:?}", file.display());
            }
        }
    }

    // With it: each revision links to its change, the id in the link only.
    let units = repo.join("content/units.toml");
    let with_key = fs::read_to_string(&units).unwrap().replace(
        "admins = [\"office-admin\"]",
        "admins = [\"office-admin\"]\nrepository = \"https://git.example/so-noi-vu/cchc.git\"",
    );
    fs::write(&units, with_key).unwrap();
    build_at(&repo, &site);
    let noi_vu = fs::read_to_string(site.join("2023-9t/don-vi/noi-vu.html")).unwrap();
    for name in ["merge-3", "merge-4", "unit-noi-vu", "office-noi-vu"] {
        let id = built.commit(name).unwrap();
        let link = format!("href=\"https://git.example/so-noi-vu/cchc/commit/{id}\"");
        assert!(noi_vu.contains(&link), "{name}: {noi_vu}");
    }
    assert_eq!(noi_vu.matches(">xem thay đổi</a>").count(), 4);
    assert_eq!(
        commit_ids_in(&visible(&noi_vu), &commits),
        Vec::<&str>::new()
    );

    // `cchc status` says the same in the user's language.
    for (lang, said) in [
        (
            "vi",
            [
                "Hạn gửi: hết ngày 14/9/2023 (giờ Việt Nam)",
                "  15:00 ngày 20/9/2023   Sửa lần 4          Sau hạn — Phòng CCHC sửa",
            ],
        ),
        (
            "en",
            [
                "Deadline: the end of 2023-09-14 (Vietnam time)",
                "  2023-09-20 15:00       Revision 4         After the deadline — changed by the PAR office",
            ],
        ),
    ] {
        let o = cchc_in(lang, &repo, &["status"], None);
        let printed = String::from_utf8(o.stdout).unwrap();
        for line in said {
            assert!(printed.contains(line), "{lang}: {line:?} in {printed}");
        }
        assert_eq!(commit_ids_in(&printed, &commits), Vec::<&str>::new());
    }
}

#[test]
fn the_scanners_find_what_they_look_for() {
    assert_eq!(
        rule_codes("<span>W050</span> E004: x E0411 AE041"),
        ["W050", "E004"]
    );
    let commits: BTreeSet<String> = ["0123456789abcdef0123456789abcdef01234567".to_owned()].into();
    assert_eq!(
        commit_ids_in("x 0123456 y 01234567 z 0123457 deadbeefcafe", &commits),
        ["0123456", "01234567"]
    );
    assert_eq!(bracket_depth("a (b) (c (d))"), 2);
}
