//! What public pages say of a report's revisions: each in words, never
//! by its commit's id or message or a pull request's number; a link to
//! the change on the Git host only with the repository's address.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::Command;

use super::{root, visible};
use crate::common::cchc_in;
use crate::common::script::read_case;

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
    let commits: BTreeSet<String> = ["0123456789abcdef0123456789abcdef01234567".to_owned()].into();
    assert_eq!(
        commit_ids_in("x 0123456 y 01234567 z 0123457 deadbeefcafe", &commits),
        ["0123456", "01234567"]
    );
}
