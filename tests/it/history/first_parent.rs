//! The first-parent line only.

use cchc_core::history::{Change, History};
use cchc_core::report::Status;

use super::{LATER, Province, content, received, revisions, short, submit, unit};
use crate::common::{SETUP, Scripted, at, revise, sub_path};

#[test]
fn only_the_first_parent_line_counts_and_merges_carry_their_pull_request() {
    let mut p = Province::without_receipts();
    let fork = p.main;
    // Sở Tư pháp works on a branch for days, with three commits...
    let branch = p.feature(
        "so-tu-phap/bao-cao",
        fork,
        &[
            (
                vec![submit("tu-phap")],
                "2023-09-05T09:00:00+07:00",
                "Nộp báo cáo",
            ),
            (
                vec![revise("tu-phap")],
                "2023-09-06T09:00:00+07:00",
                "Sửa số điện thoại",
            ),
            (
                vec![submit("tu-phap")],
                "2023-09-07T09:00:00+07:00",
                "Trả lại số điện thoại",
            ),
        ],
    );
    // ...meanwhile Sở Nội vụ's pull request is merged...
    let (_, nv_merge) = p.pull_request(
        11,
        vec![submit("noi-vu")],
        "2023-09-08T09:00:00+07:00",
        "2023-09-09T09:00:00+07:00",
    );
    // ...then Sở Tư pháp's, after the deadline.
    let tp_merge = p.merge(
        12,
        "so-tu-phap/bao-cao",
        *branch.last().unwrap(),
        "2023-09-16T08:00:00+07:00",
    );
    // And a squash merge pushed by the host.
    let squash = p.push(
        &[submit("tai-chinh")],
        "Báo cáo Sở Tài chính (#7)",
        "2023-09-10T09:00:00+07:00",
        "2023-09-18T08:00:00+07:00",
    );

    let h = p.history();
    let History::Known {
        branch: name,
        head,
        files,
    } = &h
    else {
        panic!("history unknown: {h:?}");
    };
    assert_eq!(name, "main");
    assert_eq!(head, &squash.to_string());
    assert_eq!(
        files.keys().cloned().collect::<Vec<_>>(),
        vec![
            sub_path("noi-vu"),
            sub_path("tai-chinh"),
            sub_path("tu-phap")
        ]
    );

    let tp = revisions(&h, "tu-phap");
    assert_eq!(tp.len(), 1, "branch commits leaked: {tp:#?}");
    assert_eq!(tp[0].commit, tp_merge.to_string());
    assert_eq!(tp[0].change, Change::Added);
    assert_eq!(tp[0].pull_request, Some(12));
    assert_eq!(
        tp[0].summary,
        "Merge pull request #12 from so-tu-phap/bao-cao"
    );
    assert_eq!(tp[0].time, at("2023-09-16T08:00:00+07:00"));

    let nv = revisions(&h, "noi-vu");
    assert_eq!(nv.len(), 1);
    assert_eq!(nv[0].commit, nv_merge.to_string());
    assert_eq!(nv[0].pull_request, Some(11));

    let tc = revisions(&h, "tai-chinh");
    assert_eq!(tc.len(), 1);
    assert_eq!(tc[0].pull_request, Some(7));
    assert_eq!(tc[0].summary, "Báo cáo Sở Tài chính (#7)");

    // No commit of the feature branch appears anywhere.
    for c in &branch {
        let id = c.to_string();
        assert!(
            files.values().flatten().all(|r| r.commit != id),
            "branch commit {id} is in the history"
        );
    }

    let r = p.report(LATER);
    let u = unit(&r, "tu-phap");
    assert_eq!(u.status, Status::Late);
    assert_eq!(received(u), Some(at("2023-09-16T08:00:00+07:00")));
    assert_eq!(u.revisions.len(), 1);
    assert_eq!(u.revisions[0].pull_request, Some(12));
    assert_eq!(unit(&r, "noi-vu").status, Status::OnTime);
    // Extended deadline 20/9: on time at the squash's committer time.
    assert_eq!(unit(&r, "tai-chinh").status, Status::OnTime);
    let view = &r.campaigns[0].history;
    assert!(view.known);
    assert_eq!(view.branch.as_deref(), Some("main"));
    assert_eq!(view.head.as_deref(), Some(short(squash).as_str()));
}

/// A merge whose first parent is main but whose branch had merged main in
/// between: still one revision per first-parent commit.
#[test]
fn main_merged_into_a_branch_does_not_bring_its_commits_twice() {
    let mut p = Province::without_receipts();
    let fork = p.main;
    let first = p.feature(
        "so-tu-phap/bao-cao",
        fork,
        &[(
            vec![submit("tu-phap")],
            "2023-09-05T09:00:00+07:00",
            "Nộp báo cáo",
        )],
    );
    let (_, nv_merge) = p.pull_request(
        11,
        vec![submit("noi-vu")],
        "2023-09-08T09:00:00+07:00",
        "2023-09-09T09:00:00+07:00",
    );
    // The unit brings main into its branch (a merge on the branch, main
    // second), then the host merges the branch.
    let tree = {
        let ours = p.repo.find_commit(first[0]).unwrap();
        let theirs = p.repo.find_commit(p.main).unwrap();
        let mut index = p.repo.merge_commits(&ours, &theirs, None).unwrap();
        index.write_tree_to(&p.repo).unwrap()
    };
    let update = p.commit(
        tree,
        &[first[0], p.main],
        "Merge branch 'main' into so-tu-phap/bao-cao",
        ("Văn thư đơn vị", "2023-09-10T09:00:00+07:00"),
        ("Văn thư đơn vị", "2023-09-10T09:00:00+07:00"),
    );
    let tp_merge = p.merge(
        12,
        "so-tu-phap/bao-cao",
        update,
        "2023-09-13T09:00:00+07:00",
    );

    let h = p.history();
    let nv = revisions(&h, "noi-vu");
    assert_eq!(nv.len(), 1, "{nv:#?}");
    assert_eq!(nv[0].commit, nv_merge.to_string());
    let tp = revisions(&h, "tu-phap");
    assert_eq!(tp.len(), 1, "{tp:#?}");
    assert_eq!(tp[0].commit, tp_merge.to_string());
    assert_eq!(tp[0].change, Change::Added);
}

/// The office's first commit may already hold a report: a root commit adds
/// its files.
#[test]
fn a_file_in_the_root_commit_is_added_by_it() {
    let mut first = content(false);
    first.push(submit("noi-vu"));
    let p = Province::with(&first);
    let h = p.history();
    let revs = revisions(&h, "noi-vu");
    assert_eq!(revs.len(), 1);
    assert_eq!(revs[0].change, Change::Added);
    assert_eq!(revs[0].commit, p.main.to_string());
    assert_eq!(revs[0].pull_request, None);
    let r = p.report(LATER);
    assert_eq!(received(unit(&r, "noi-vu")), Some(at(SETUP)));
    assert_eq!(unit(&r, "noi-vu").status, Status::OnTime);
}
