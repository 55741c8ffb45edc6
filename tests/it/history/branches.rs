//! Another branch than the one checked out; a named branch's files and
//! history; data in a subfolder.

use cchc::git::walk as history;
use cchc_core::history::{Change, History};
use cchc_core::pipeline::Whole;
use cchc_core::report::Status;

use super::unknown::unknown_reason;
use super::{LATER, Province, received, report_of, revisions, submit, unit};
use crate::common::{Edit, Scripted, at, file, gone, sub_path};

#[test]
fn another_branch_than_the_one_checked_out_can_be_read() {
    let mut p = Province::without_receipts();
    let setup = p.main;
    // main: noi-vu merged late.
    let (_, late) = p.pull_request(
        30,
        vec![submit("noi-vu")],
        "2023-09-10T09:00:00+07:00",
        "2023-09-16T09:00:00+07:00",
    );
    // publish: forked from the set-up, noi-vu and tu-phap merged on time.
    let commits = p.feature(
        "publish",
        setup,
        &[
            (
                vec![submit("noi-vu")],
                "2023-09-12T09:00:00+07:00",
                "Báo cáo Sở Nội vụ (#31)",
            ),
            (
                vec![submit("tu-phap")],
                "2023-09-13T09:00:00+07:00",
                "Báo cáo Sở Tư pháp (#32)",
            ),
        ],
    );
    p.check_out("main");

    let main = history::read(p.root(), None);
    let History::Known { branch, head, .. } = &main else {
        panic!("{main:?}")
    };
    assert_eq!(branch, "main");
    assert_eq!(head, &late.to_string());
    assert_eq!(revisions(&main, "noi-vu")[0].commit, late.to_string());
    assert!(revisions(&main, "tu-phap").is_empty());

    let publish = history::read(p.root(), Some("publish"));
    let History::Known { branch, head, .. } = &publish else {
        panic!("{publish:?}")
    };
    assert_eq!(branch, "publish");
    assert_eq!(head, &commits[1].to_string());
    let nv = revisions(&publish, "noi-vu");
    assert_eq!(nv.len(), 1);
    assert_eq!(nv[0].commit, commits[0].to_string());
    assert_eq!(nv[0].time, at("2023-09-12T09:00:00+07:00"));
    assert_eq!(nv[0].pull_request, Some(31));
    assert_eq!(revisions(&publish, "tu-phap")[0].pull_request, Some(32));

    // The working tree (main) has noi-vu only: with publish's history it
    // is on time.
    let r = report_of(p.root(), publish, LATER);
    assert_eq!(unit(&r, "noi-vu").status, Status::OnTime);
    assert_eq!(r.campaigns[0].history.branch.as_deref(), Some("publish"));
    let r = report_of(p.root(), main, LATER);
    assert_eq!(unit(&r, "noi-vu").status, Status::Late);

    // A branch that does not exist: unknown, with the name in the reason.
    let none = history::read(p.root(), Some("khong-co"));
    assert!(unknown_reason(&none).contains("khong-co"), "{none:?}");
}

/// In CI the published branch may exist only as a remote-tracking branch.
#[test]
fn a_branch_is_found_as_a_remote_tracking_branch() {
    let mut p = Province::without_receipts();
    let (_, merge) = p.pull_request(
        1,
        vec![submit("noi-vu")],
        "2023-09-10T09:00:00+07:00",
        "2023-09-11T09:00:00+07:00",
    );
    p.repo
        .reference("refs/remotes/origin/gh-publish", merge, true, "test")
        .unwrap();
    let h = history::read(p.root(), Some("gh-publish"));
    let History::Known { head, .. } = &h else {
        panic!("{h:?}")
    };
    assert_eq!(head, &merge.to_string());
    assert_eq!(revisions(&h, "noi-vu")[0].commit, merge.to_string());
}

#[test]
fn a_named_branch_gives_both_the_files_and_their_history() {
    let mut p = Province::without_receipts();
    p.pull_request(
        1,
        vec![submit("noi-vu")],
        "2023-09-10T09:00:00+07:00",
        "2023-09-10T10:00:00+07:00",
    );
    // "publish" holds tu-phap's report too; main (checked out) does not.
    let publish_tip = {
        let tree = p.tree(Some(p.main), &[submit("tu-phap")]);
        p.commit(
            tree,
            &[p.main],
            "Merge pull request #2 from so-tu-phap/bao-cao",
            ("Sở Tư pháp", "2023-09-11T09:00:00+07:00"),
            ("GitHub", "2023-09-11T10:00:00+07:00"),
        )
    };
    p.set_branch("publish", publish_tip);
    p.check_out("main");
    let g = Whole::read(&cchc::repo::Revision::new(
        p.root().to_path_buf(),
        "publish",
    ))
    .unwrap();
    assert!(
        g.outcome
            .submissions
            .iter()
            .any(|s| &*s.place.path == sub_path("tu-phap").as_str()),
        "the branch's file is read"
    );
    let mut g = g;
    g.now = at(LATER);
    let r = g.report();
    assert_eq!(unit(&r, "tu-phap").status, Status::OnTime);
    assert_eq!(
        received(unit(&r, "tu-phap")),
        Some(at("2023-09-11T10:00:00+07:00"))
    );
    // The work tree (main) does not have it.
    assert!(!p.root().join(sub_path("tu-phap")).exists());
}

#[test]
fn data_in_a_subfolder_of_a_repository_has_its_history() {
    let mut p = Province::without_receipts();
    p.pull_request(
        1,
        vec![submit("noi-vu")],
        "2023-09-10T09:00:00+07:00",
        "2023-09-10T10:00:00+07:00",
    );
    p.check_out("main");
    // Move the whole data into data/ in a new commit.
    let mut edits: Vec<Edit> = Vec::new();
    {
        let tree = p.repo.find_commit(p.main).unwrap().tree().unwrap();
        tree.walk(git2::TreeWalkMode::PreOrder, |dir, e| {
            if e.kind() == Some(git2::ObjectType::Blob) {
                let path = format!("{dir}{}", e.name().unwrap());
                let blob = p.repo.find_blob(e.id()).unwrap();
                edits.push(file(&format!("data/{path}"), blob.content()));
                edits.push(gone(&path));
            }
            git2::TreeWalkResult::Ok
        })
        .unwrap();
    }
    p.push(
        &edits,
        "Chuyển dữ liệu vào data/",
        "2023-09-11T09:00:00+07:00",
        "2023-09-11T09:00:00+07:00",
    );
    p.check_out("main");
    let h = history::read(&p.root().join("data"), None);
    assert!(h.is_known(), "{h:?}");
    let revs = h.revisions(&sub_path("noi-vu"));
    assert_eq!(revs.len(), 1, "{revs:?}");
    assert_eq!(revs[0].change, Change::Added);
}
