//! After the deadline: what a receipt covers, what is the office's.

use std::fs;

use cchc_core::report::Status;

use super::{LATER, Province, RECEIPTED, content, received, submit, unit};
use crate::common::{self, CAMPAIGN, at, file, revise};

/// A receipt dates the version it received: the revision merged from the
/// pull request it names, or (paper, e-mail) the office's digital copy, the
/// file's first revision. Every other revision after the unit's deadline is
/// the office's (the gate lets no unit's account change a file then), and
/// the report, its JSON export and `cchc status` say so.
#[test]
fn a_receipt_covers_its_version_only_and_later_changes_are_the_offices() {
    use cchc_core::report::Timing::{BeforeDeadline, OfficeAfterDeadline, ReceivedInTime};
    let mut first = content(true);
    let receipts = "content/campaigns/2023-9t/receipts.toml";
    let register = fs::read_to_string(common::fixture().join(receipts)).unwrap()
        + "\n[[receipt]]\nunit = \"tu-phap\"\nreceived = 2023-09-14T22:41:07\nchannel = \"pull_request\"\npull_request = 7\n";
    first.retain(|(p, _)| p != receipts);
    first.push(file(receipts, register));
    let mut p = Province::with(&first);
    // noi-vu: on time, then corrected by the office after the deadline.
    p.pull_request(
        3,
        vec![submit("noi-vu")],
        "2023-09-11T09:00:00+07:00",
        "2023-09-12T10:00:00+07:00",
    );
    p.push(
        &[revise("noi-vu")],
        "Phòng CCHC đính chính",
        "2023-09-21T08:00:00+07:00",
        "2023-09-21T08:00:00+07:00",
    );
    // tu-phap: pull request #7 sent in time, merged after the deadline (the
    // receipt names it), then a change merged later that no receipt covers.
    p.pull_request(
        7,
        vec![submit("tu-phap")],
        "2023-09-14T22:00:00+07:00",
        "2023-09-16T09:00:00+07:00",
    );
    p.pull_request(
        8,
        vec![revise("tu-phap")],
        "2023-09-14T23:00:00+07:00",
        "2023-09-17T09:00:00+07:00",
    );
    // tai-chinh: e-mailed in time (the fixture's register), typed in by the
    // office after its extended deadline, then corrected.
    p.push(
        &[submit("tai-chinh")],
        "Phòng CCHC nhập báo cáo gửi qua thư điện tử",
        "2023-09-25T10:00:00+07:00",
        "2023-09-25T10:00:00+07:00",
    );
    p.push(
        &[revise("tai-chinh")],
        "Phòng CCHC đính chính",
        "2023-09-28T10:00:00+07:00",
        "2023-09-28T10:00:00+07:00",
    );

    let r = p.report(LATER);
    let timings = |id: &str| -> Vec<cchc_core::report::Timing> {
        // Oldest first.
        unit(&r, id)
            .revisions
            .iter()
            .rev()
            .map(|v| v.timing)
            .collect()
    };
    assert_eq!(timings("noi-vu"), [BeforeDeadline, OfficeAfterDeadline]);
    assert_eq!(timings("tu-phap"), [ReceivedInTime, OfficeAfterDeadline]);
    assert_eq!(timings("tai-chinh"), [ReceivedInTime, OfficeAfterDeadline]);
    for id in ["noi-vu", "tu-phap", "tai-chinh"] {
        let u = unit(&r, id);
        assert!(u.revised_after_deadline, "{id}");
        // Received in time: a later change never makes a report late.
        assert_eq!(u.status, Status::OnTime, "{id}");
        assert_eq!(
            u.revisions[0].timing_label, "Sau hạn, Phòng CCHC sửa",
            "{id}"
        );
    }
    assert_eq!(
        unit(&r, "tu-phap").revisions[1].timing_label,
        "Bản đã nhận trước hạn (sổ công văn đến), Phòng CCHC đưa vào kho sau hạn"
    );

    // The JSON export carries it.
    let c = r.campaigns.iter().find(|c| c.id == CAMPAIGN).unwrap();
    let json: serde_json::Value =
        serde_json::from_slice(&cchc_core::export::json(c, "2023-10-01T08:00:00+07:00").unwrap())
            .unwrap();
    let exported = json["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == "tu-phap")
        .unwrap();
    assert_eq!(exported["revised_after_deadline"], true);
    assert_eq!(
        exported["revisions"],
        serde_json::json!([
            {"time": "2023-09-16T09:00:00+07:00", "change": "added", "timing": "received_in_time"},
            {"time": "2023-09-17T09:00:00+07:00", "change": "modified", "timing": "office_after_deadline"},
        ])
    );

    // So does `cchc status`, in both formats.
    let status = |format: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_cchc"))
            .args(["status", "--format", format])
            .current_dir(p.root())
            .env("SOURCE_DATE_EPOCH", at(LATER).as_second().to_string())
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let json: serde_json::Value = serde_json::from_str(&status("json")).unwrap();
    let noi_vu = json["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["unit"] == "noi-vu")
        .unwrap();
    assert_eq!(noi_vu["revised_after_deadline"], true);
    assert_eq!(noi_vu["revisions"][1]["timing"], "office_after_deadline");
    let human = status("human");
    assert!(
        human.contains("Phòng CCHC sửa sau hạn — Sở Nội vụ: 08:00 ngày 21/9/2023"),
        "{human}"
    );
    assert!(
        human.contains("Phòng CCHC sửa sau hạn — Sở Tài chính: 10:00 ngày 28/9/2023"),
        "{human}"
    );
}

/// A campaign put into the repository after it took place says so with
/// `receipts_only = true`: its Git history tells nothing of when reports
/// came, so arrival times come from the register alone, no revision is
/// listed (and none is called the office's after the deadline), and a file
/// the register does not have is received at an unknown time.
#[test]
fn a_receipts_only_campaign_reads_no_history() {
    let campaign = "content/campaigns/2023-9t/campaign.toml";
    let mut first = content(true);
    let text = fs::read_to_string(common::fixture().join(campaign)).unwrap();
    assert!(text.contains("illustrative = true\n"));
    first.retain(|(p, _)| p != campaign);
    first.push(file(
        campaign,
        text.replacen(
            "illustrative = true\n",
            "illustrative = true\nreceipts_only = true\n",
            1,
        ),
    ));
    let mut p = Province::with(&first);
    // Typed in long after the campaign, then corrected.
    p.push(
        &[submit("tai-chinh"), submit("noi-vu")],
        "Nhập đợt cũ vào kho",
        "2026-11-20T10:00:00+07:00",
        "2026-11-20T10:00:00+07:00",
    );
    p.push(
        &[revise("tai-chinh")],
        "Đính chính",
        "2026-11-21T10:00:00+07:00",
        "2026-11-21T10:00:00+07:00",
    );
    let r = p.report("2026-12-01T08:00:00+07:00");
    let c = r.campaigns.iter().find(|c| c.id == CAMPAIGN).unwrap();
    assert!(c.history.receipts_only);
    assert!(c.history.note.is_none());
    let tai_chinh = unit(&r, "tai-chinh");
    assert_eq!(received(tai_chinh), Some(at(RECEIPTED)));
    assert_eq!(tai_chinh.status, Status::OnTime);
    assert!(tai_chinh.revisions.is_empty());
    assert!(tai_chinh.revised.is_none());
    assert!(!tai_chinh.revised_after_deadline);
    // In the repository, not in the register: received, time unknown.
    let noi_vu = unit(&r, "noi-vu");
    assert!(noi_vu.has_file);
    assert_eq!(received(noi_vu), None);
    assert_eq!(noi_vu.status, Status::Received);
    // The same history read for a campaign that does not say so: the 2026
    // commits are the arrivals and the office's changes.
    let mut q = Province::new();
    q.push(
        &[submit("noi-vu")],
        "Nhập",
        "2026-11-20T10:00:00+07:00",
        "2026-11-20T10:00:00+07:00",
    );
    let r = q.report("2026-12-01T08:00:00+07:00");
    assert_eq!(unit(&r, "noi-vu").status, Status::Late);
    assert!(unit(&r, "noi-vu").revised_after_deadline);
}
