//! What Git itself refuses, and what the gate refuses beyond it.

use std::fs;
use std::path::Path;

use git2::{IndexEntry, IndexTime, Oid};

use super::{NOI_VU, ON_TIME, TU_PHAP};
use crate::common::{Province, Scripted, WRITTEN, file, report_text, revise, text};

#[test]
fn git_itself_refuses_dot_dot_in_a_path() {
    // Git refuses ".." and "." as path components; names that merely contain
    // dots, and hidden files, reach the gate and are refused
    // (tests/gate-cases/E103-dots-before-a-unit and its neighbours).
    let p = Province::new();
    let dotted = p.repo.index().unwrap().add_frombuffer(
        &IndexEntry {
            ctime: IndexTime::new(0, 0),
            mtime: IndexTime::new(0, 0),
            dev: 0,
            ino: 0,
            mode: 0o100_644,
            uid: 0,
            gid: 0,
            file_size: 0,
            id: Oid::ZERO_SHA1,
            flags: 0,
            flags_extended: 0,
            path: b"submissions/../content/units.toml".to_vec(),
        },
        b"x",
    );
    assert!(dotted.is_err(), "git accepted a path with ..");
}

#[test]
fn hidden_characters_pings_and_links_in_a_report_reach_no_one() {
    use std::fmt::Write as _;

    use pulldown_cmark::{Event, Options, Parser, Tag};
    use unicode_general_category::{GeneralCategory, get_general_category};

    // Characters that change what a reviewer reads without being seen.
    let raw_hidden = |s: &str| -> Vec<char> {
        s.chars()
            .filter(|&c| {
                c != '\n' && c.is_control() || get_general_category(c) == GeneralCategory::Format
            })
            .collect()
    };
    // What GitHub's mention, reference and autolink filters look at: the
    // rendered text, entities decoded (code spans and HTML apart); and
    // whether the Markdown made a link or an image.
    let rendered = |md: &str| -> (String, bool) {
        let mut text = String::new();
        let mut linked = false;
        for event in Parser::new_ext(md, Options::ENABLE_TABLES) {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::Start(Tag::Link { .. } | Tag::Image { .. }) => linked = true,
                _ => text.push('\n'),
            }
        }
        (text, linked)
    };
    let pings_and_links = |text: &str| -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let mut found: Vec<String> = chars
            .windows(2)
            .filter(|w| {
                w[0] == '@' && (w[1].is_alphanumeric() || w[1] == '-')
                    || w[0] == '#' && w[1].is_ascii_digit()
            })
            .map(|w| w.iter().collect())
            .collect();
        let lower = text.to_lowercase();
        for needle in ["www.", "://", "gh-1", "deadbee"] {
            if lower.contains(needle) {
                found.push(needle.to_owned());
            }
        }
        found
    };

    let p = Province::new();
    let mut report = report_text("noi-vu");
    for criterion in [
        "\\u202E@office-admin #12",
        "GH-1 www.evil.example",
        "https://evil.example a@b.vn",
        "deadbeef1234\\u200B",
    ] {
        write!(
            report,
            "\n[[score]]\ncriterion = \"{criterion}\"\nscore = 0\nexplanation = \"x\"\n"
        )
        .unwrap();
    }
    let odd_path = "submissions/2023-9t/x\u{202e}@office-admin#12.toml";
    let head = p.pull_request(&[file(NOI_VU, report), file(odd_path, report_text("noi-vu"))]);
    let (o, comment, summary) = p.run_as_ci(head);
    let annotations = text(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{annotations}{}", text(&o.stderr));
    assert!(annotations.contains("title=E030 "), "{annotations}");
    assert!(annotations.contains("title=E103 "), "{annotations}");
    assert_eq!(
        raw_hidden(&annotations),
        Vec::<char>::new(),
        "{annotations}"
    );
    for shown in [
        "\\u{202e}@office-admin #12",
        "\\u{200b}",
        "file=submissions/2023-9t/x\\u{202e}@office-admin#12.toml,",
    ] {
        assert!(annotations.contains(shown), "{shown} in\n{annotations}");
    }

    let comment = fs::read_to_string(&comment).unwrap();
    let summary = fs::read_to_string(&summary).unwrap();
    for (what, md) in [("comment", &comment), ("summary", &summary)] {
        assert_eq!(raw_hidden(md), Vec::<char>::new(), "{what}:\n{md}");
        let (seen, linked) = rendered(md);
        assert!(!linked, "{what}:\n{md}");
        assert_eq!(
            pings_and_links(&seen),
            Vec::<String>::new(),
            "{what}:\n{md}\n{seen}"
        );
        // What was hidden is shown, and the hostile name's row is one row.
        assert!(
            seen.contains("x\\u{202e}@\u{200b}office-admin#\u{200b}12.toml"),
            "{what}:\n{seen}"
        );
        assert_eq!(
            md.lines()
                .filter(|l| l.starts_with("| submissions/2023-9t/x"))
                .count(),
            1,
            "{what}:\n{md}"
        );
    }
    // The details of each problem, with the values quoted.
    let (seen, _) = rendered(&comment);
    for value in [
        "\"\\u{202e}@\u{200b}office-admin #\u{200b}12\"",
        "\"GH\u{200b}-1 www\u{200b}.evil.example\"",
        "\"https:\u{200b}//evil.example a@\u{200b}b.vn\"",
        "\"deadbe\u{200b}ef1234\\u{200b}\"",
    ] {
        assert!(seen.contains(value), "{value} in\n{seen}");
    }
    // The comment's own code span keeps the commit id whole.
    assert!(
        comment.contains(&format!("commit `{}`", &head.to_string()[..7])),
        "{comment}"
    );
}

/// Issue 11, finding 1, shown to be real: a head whose parents are an
/// office commit and another unit's merged pull request, with the office
/// commit's tree plus the unit's own edit. Its diff against the merge base
/// libgit2 picks shows only the unit's file, yet Git's merge (from a
/// virtual base of both merge bases) reverts the other unit's report. The
/// gate refuses the branch. The same scenario as a case:
/// tests/gate-cases/E107-a-head-with-two-merge-bases-reverts-another-units-report.
#[test]
fn a_head_with_two_merge_bases_would_revert_a_merged_report_and_is_refused() {
    let mut p = Province::new();
    let setup = p.main;
    let tp = p.feature("tp", setup, &[(vec![revise("tu-phap")], WRITTEN, WRITTEN)]);
    let office_tree = p.tree(
        Some(setup),
        &[file("submissions/README.md", "Mỗi đơn vị một tệp.\n")],
    );
    let when = ("Văn phòng CCHC", "2023-09-12T10:00:00+07:00");
    let office = p.commit(office_tree, &[setup], "Phòng CCHC cập nhật", when, when);
    let merged_tree = p.merged_tree(office, tp).unwrap();
    p.main = p.commit(
        merged_tree,
        &[office, tp],
        "Merge pull request #7",
        when,
        when,
    );
    p.set_branch("main", p.main);
    let attack_tree = p.tree(Some(office), &[revise("noi-vu")]);
    let attack = p.commit(
        attack_tree,
        &[office, tp],
        "Nộp báo cáo",
        ("Văn thư", WRITTEN),
        ("Văn thư", WRITTEN),
    );
    let bases = p.repo.merge_bases(p.main, attack).unwrap();
    assert_eq!(bases.len(), 2, "two merge bases");
    // What merging would do: tu-phap's merged revision is reverted.
    let result = p.merged_tree(p.main, attack).unwrap();
    let blob_at = |tree: Oid, path: &str| {
        p.repo
            .find_tree(tree)
            .unwrap()
            .get_path(Path::new(path))
            .unwrap()
            .id()
    };
    let main_tree = p.repo.find_commit(p.main).unwrap().tree_id();
    assert_ne!(blob_at(result, TU_PHAP), blob_at(main_tree, TU_PHAP));
    assert_eq!(
        p.repo
            .find_blob(blob_at(result, TU_PHAP))
            .unwrap()
            .content(),
        report_text("tu-phap").as_bytes()
    );
    // The gate: the file alone looks fine, the branch is refused.
    let g = p.gate(attack, &["noivu-clerk"], ON_TIME, &[]);
    assert_eq!(g.status, 1, "{}", g.stdout);
    assert_eq!(g.json["branch"]["verdict"], "rejected");
    assert_eq!(g.json["branch"]["problems"][0]["code"], "E107");
    assert_eq!(g.file(NOI_VU)["verdict"], "accepted");
}
