//! The cycle after the self-assessment end to end: a province repository
//! whose campaign declares an appraisal, explanations and final scores;
//! each stage's files come as pull requests, judged by `check-pr` with the
//! gate's clock, merged when accepted; then the site and `status` show
//! self, appraised and final side by side, and every sum adds up.

use std::path::Path;

use git2::Oid;

use crate::common::{Blob, Edit, Province, Scripted, cchc, file, fixture, text};
use crate::sums::{assert_adds_up, build};

const STAGES: &str = r#"
[appraisal]
deadline = 2023-09-29T00:00:00

[[appraisal.area]]
area = "1"
appraiser = "tai-chinh"

[explanation]
deadline = 2023-10-06T00:00:00

[final]
deadline = 2023-10-13T00:00:00
"#;

const CAMPAIGN_TOML: &str = "content/campaigns/2023-9t/campaign.toml";
const APPRAISAL_NOI_VU: &str = "submissions/2023-9t/appraisal/tai-chinh/noi-vu.toml";
const APPRAISAL_TU_PHAP: &str = "submissions/2023-9t/appraisal/tai-chinh/tu-phap.toml";
const EXPLANATION_NOI_VU: &str = "submissions/2023-9t/explanation/noi-vu.toml";
const EXPLANATION_TU_PHAP: &str = "submissions/2023-9t/explanation/tu-phap.toml";
const FINAL_NOI_VU: &str = "submissions/2023-9t/final/tai-chinh/noi-vu.toml";
const FINAL_TU_PHAP: &str = "submissions/2023-9t/final/tai-chinh/tu-phap.toml";

/// The province with the fixture's campaign declaring the stages, and the
/// commit main is at.
struct Cycle {
    p: Province,
    main: Oid,
    prs: usize,
}

impl Cycle {
    fn new() -> Cycle {
        let campaign = std::fs::read_to_string(fixture().join(CAMPAIGN_TOML)).unwrap() + STAGES;
        let p = Province::with(&[file(CAMPAIGN_TOML, campaign)]);
        let main = p.main;
        Cycle { p, main, prs: 0 }
    }

    /// A pull request of `edits` by `actor`, judged at `now` (also its
    /// commit's time); merged into main at `now` when accepted. Returns
    /// whether it was accepted and what the gate said.
    fn pull_request(&mut self, edits: &[(&str, &str)], actor: &str, now: &str) -> (bool, String) {
        let edits: Vec<Edit> = edits.iter().map(|(p, t)| file(p, *t)).collect();
        self.change(edits, actor, now)
    }

    /// A pull request of any edits (deletions, links), as [`Cycle::pull_request`].
    fn change(&mut self, edits: Vec<Edit>, actor: &str, now: &str) -> (bool, String) {
        self.prs += 1;
        let branch = format!("pr-{}", self.prs);
        let head = self.p.feature(&branch, self.main, &[(edits, now, now)]);
        let o = cchc(
            &self.p.root(),
            &[
                "check-pr",
                "--base",
                "main",
                "--head",
                &head.to_string(),
                "--actor",
                actor,
                "--now",
                now,
            ],
            None,
        );
        let said = text(&o.stdout) + &text(&o.stderr);
        let accepted = o.status.code() == Some(0);
        assert!(
            matches!(o.status.code(), Some(0 | 1)),
            "check-pr could not run: {said}"
        );
        if accepted {
            let tree = self.p.repo.find_commit(head).unwrap().tree_id();
            self.main = self.p.commit(
                tree,
                &[self.main, head],
                &format!("Merge pull request #{} from {branch}", self.prs),
                ("Văn phòng CCHC", now),
                ("Văn phòng CCHC", now),
            );
            self.p.set_branch("main", self.main);
        }
        (accepted, said)
    }

    fn accepted(&mut self, edits: &[(&str, &str)], actor: &str, now: &str) {
        let (ok, said) = self.pull_request(edits, actor, now);
        assert!(ok, "{actor} at {now} should be accepted:\n{said}");
    }

    fn rejected(&mut self, edits: &[(&str, &str)], actor: &str, now: &str, code: &str) {
        let (ok, said) = self.pull_request(edits, actor, now);
        assert!(!ok, "{actor} at {now} should be rejected:\n{said}");
        assert!(said.contains(code), "{code} expected:\n{said}");
    }
}

const APPRAISED_NOI_VU: &str = r#"campaign = "2023-9t"
unit = "noi-vu"
appraiser = "tai-chinh"

[[score]]
criterion = "1.1.1"
score = 0.5
reason = "Chưa có văn bản điều chỉnh kế hoạch cho nhiệm vụ trễ hạn."
request = "missing_evidence"
request_text = "Đề nghị gửi văn bản điều chỉnh kế hoạch."
"#;

const APPRAISED_TU_PHAP: &str = r#"campaign = "2023-9t"
unit = "tu-phap"
appraiser = "tai-chinh"

[[score]]
criterion = "1.1.2"
score = 0
reason = "Kế hoạch tuyên truyền ban hành sau thời hạn."
"#;

const EXPLAINED_NOI_VU: &str = r#"campaign = "2023-9t"
unit = "noi-vu"

[[answer]]
criterion = "1.1.1"
text = "Kế hoạch đã được điều chỉnh bằng văn bản gửi kèm."

[[answer.evidence]]
number = "310/KH-UBND"
date = 2023-08-30
title = "Kế hoạch điều chỉnh"
"#;

const EXPLAINED_TU_PHAP: &str = r#"campaign = "2023-9t"
unit = "tu-phap"

[[answer]]
criterion = "1.1.2"
text = "Đơn vị xin giải trình dù không được yêu cầu."
"#;

const FINAL_NOI_VU_TEXT: &str = r#"campaign = "2023-9t"
unit = "noi-vu"
appraiser = "tai-chinh"

[[score]]
criterion = "1.1.1"
score = 0.75
note = "Đơn vị đã gửi văn bản điều chỉnh kế hoạch."
"#;

const FINAL_TU_PHAP_TEXT: &str = r#"campaign = "2023-9t"
unit = "tu-phap"
appraiser = "tai-chinh"

[[score]]
criterion = "1.1.2"
score = 0
"#;

/// The text of a built page, as a reader sees it.
fn page(site: &Path, path: &str) -> String {
    crate::site::visible(&std::fs::read_to_string(site.join(path)).unwrap())
}

#[test]
fn the_cycle_runs_end_to_end_through_pull_requests() {
    let mut cy = Cycle::new();
    let a = &[(APPRAISAL_NOI_VU, APPRAISED_NOI_VU)];
    // The appraisal: not before noi-vu's deadline, not by noi-vu, not by
    // another unit in the office's folder, not after its window.
    cy.rejected(a, "taichinh-clerk", "2023-09-14T10:00:00+07:00", "E110");
    cy.rejected(a, "noivu-clerk", "2023-09-20T10:00:00+07:00", "E100");
    cy.rejected(
        &[(
            "submissions/2023-9t/appraisal/office/noi-vu.toml",
            &APPRAISED_NOI_VU.replace("tai-chinh", "office"),
        )],
        "taichinh-clerk",
        "2023-09-20T10:00:00+07:00",
        "E100",
    );
    cy.accepted(a, "taichinh-clerk", "2023-09-20T10:00:00+07:00");
    cy.rejected(
        &[(APPRAISAL_TU_PHAP, APPRAISED_TU_PHAP)],
        "taichinh-clerk",
        "2023-09-29T08:00:00+07:00",
        "E110",
    );
    cy.accepted(
        &[(APPRAISAL_TU_PHAP, APPRAISED_TU_PHAP)],
        "taichinh-clerk",
        "2023-09-28T16:00:00+07:00",
    );
    // The explanations: only what was asked, by the unit, in the window.
    let e = &[(EXPLANATION_NOI_VU, EXPLAINED_NOI_VU)];
    cy.rejected(e, "noivu-clerk", "2023-09-28T17:00:00+07:00", "E110");
    cy.rejected(e, "tuphap-clerk", "2023-10-02T09:00:00+07:00", "E100");
    cy.rejected(
        &[(EXPLANATION_TU_PHAP, EXPLAINED_TU_PHAP)],
        "tuphap-clerk",
        "2023-10-02T09:00:00+07:00",
        "E128",
    );
    cy.accepted(e, "noivu-clerk", "2023-10-02T09:00:00+07:00");
    let amended = EXPLAINED_NOI_VU.replace("gửi kèm.", "gửi kèm, bổ sung sau.");
    cy.rejected(
        &[(EXPLANATION_NOI_VU, &amended)],
        "noivu-clerk",
        "2023-10-06T09:00:00+07:00",
        "E110",
    );
    // The final scores, after the explanations; the office corrects one
    // after the window.
    let f = &[
        (FINAL_NOI_VU, FINAL_NOI_VU_TEXT),
        (FINAL_TU_PHAP, FINAL_TU_PHAP_TEXT),
    ];
    cy.rejected(f, "taichinh-clerk", "2023-10-05T09:00:00+07:00", "E110");
    cy.accepted(f, "taichinh-clerk", "2023-10-09T09:00:00+07:00");
    let corrected = FINAL_NOI_VU_TEXT.replace("score = 0.75", "score = 1");
    cy.rejected(
        &[(FINAL_NOI_VU, &corrected)],
        "taichinh-clerk",
        "2023-10-20T09:00:00+07:00",
        "E110",
    );
    cy.accepted(
        &[(FINAL_NOI_VU, &corrected)],
        "office-admin",
        "2023-10-20T09:00:00+07:00",
    );

    // What main now holds, published.
    cy.p.check_out("main");
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    build(&cy.p.root(), &site);
    let noi_vu = page(&site, "2023-9t/don-vi/noi-vu.html");
    assert!(
        noi_vu.contains("1.1.1 Ban hành kế hoạch CCHC năm đúng thời hạn 1 0,75 0,5 1"),
        "self, appraised and final side by side: {noi_vu}"
    );
    assert!(noi_vu.contains("Chưa có văn bản điều chỉnh kế hoạch cho nhiệm vụ trễ hạn."));
    assert!(noi_vu.contains("Kế hoạch đã được điều chỉnh bằng văn bản gửi kèm."));
    assert!(noi_vu.contains("310/KH-UBND"));
    assert!(
        noi_vu.contains("Điểm cuối cùng: Phòng CCHC đưa vào kho dữ liệu sau hạn"),
        "the office's correction after the window is marked: {noi_vu}"
    );
    let appraisal = page(&site, "2023-9t/tham-dinh.html");
    assert!(appraisal.contains("Đã thẩm định 2/2 đơn vị"), "{appraisal}");
    assert!(appraisal.contains("Cộng 1,25 0,5 -0,75"), "{appraisal}");
    assert!(
        appraisal.contains("thiếu tài liệu kiểm chứng 1 0,25"),
        "{appraisal}"
    );
    assert_adds_up(&site, 10);

    let o = cchc(&cy.p.root(), &["status"], None);
    let status = text(&o.stdout);
    assert!(
        status.contains("Appraised 2/2 units; explanations 1/1 requests; final scores 2/2 units."),
        "{status}"
    );
}

/// The fixture with the stages declared, and noi-vu's appraisal asking for
/// an explanation, as files in memory.
fn cycle_input() -> cchc_core::input::Input {
    use cchc_core::input::FileData;
    let mut input = cchc::fsio::read_repo(&fixture()).unwrap();
    let campaign = std::fs::read_to_string(fixture().join(CAMPAIGN_TOML)).unwrap() + STAGES;
    input.files.insert(
        CAMPAIGN_TOML.to_owned(),
        FileData::Bytes(campaign.into_bytes()),
    );
    input.files.insert(
        APPRAISAL_NOI_VU.to_owned(),
        FileData::Bytes(APPRAISED_NOI_VU.as_bytes().to_vec()),
    );
    input
}

/// The codes of every error `validate` finds in `input`, by file.
fn errors(input: &cchc_core::input::Input) -> Vec<(String, &'static str)> {
    let now = crate::common::at("2023-10-02T09:00:00+07:00");
    let outcome = cchc_core::pipeline::validate(input, now);
    outcome
        .diags
        .into_sorted()
        .into_iter()
        .filter(|d| d.severity == cchc_core::diag::Severity::Error)
        .map(|d| (d.span.file.to_string(), d.code.as_str()))
        .collect()
}

#[test]
fn hostile_stage_files_are_refused_by_the_rules() {
    use cchc_core::input::FileData;
    let base = cycle_input();
    assert_eq!(errors(&base), [], "the cycle fixture is valid");
    let appraisal = |score: &str, extra: &str| {
        APPRAISED_NOI_VU.replace("score = 0.5\n", &format!("score = {score}\n")) + extra
    };
    let cases: Vec<(&str, &str, String, &str)> = vec![
        (
            "a score above the maximum",
            APPRAISAL_NOI_VU,
            appraisal("5", ""),
            "E037",
        ),
        ("off-step", APPRAISAL_NOI_VU, appraisal("0.3", ""), "E038"),
        ("negative", APPRAISAL_NOI_VU, appraisal("-1", ""), "E036"),
        ("nan", APPRAISAL_NOI_VU, appraisal("nan", ""), "E035"),
        (
            "a row of another unit's appendix",
            APPRAISAL_NOI_VU,
            APPRAISED_NOI_VU.replace("\"1.1.1\"", "\"1.1.2\""),
            "E031",
        ),
        (
            "the same row twice",
            APPRAISAL_NOI_VU,
            format!("{APPRAISED_NOI_VU}\n[[score]]\ncriterion = \"1.1.1\"\nscore = 0.75\n"),
            "E032",
        ),
        (
            "the key names another appraiser",
            APPRAISAL_NOI_VU,
            APPRAISED_NOI_VU.replace("appraiser = \"tai-chinh\"", "appraiser = \"office\""),
            "E122",
        ),
        (
            "the key names another unit",
            APPRAISAL_NOI_VU,
            APPRAISED_NOI_VU.replace("unit = \"noi-vu\"", "unit = \"tu-phap\""),
            "E020",
        ),
        (
            "an appraiser folder nobody was given",
            "submissions/2023-9t/appraisal/tu-phap/noi-vu.toml",
            APPRAISED_NOI_VU.replace("tai-chinh", "tu-phap"),
            "E121",
        ),
        (
            "a unit that takes no part",
            "submissions/2023-9t/appraisal/tai-chinh/cu.toml",
            APPRAISED_NOI_VU.replace("noi-vu", "cu"),
            "E023",
        ),
        (
            "a unit without a report",
            "submissions/2023-9t/appraisal/office/tai-chinh.toml",
            "campaign = \"2023-9t\"\nunit = \"tai-chinh\"\nappraiser = \"office\"\n".to_owned(),
            "E127",
        ),
        (
            "evidence with a script link",
            EXPLANATION_NOI_VU,
            EXPLAINED_NOI_VU.replace(
                "title = \"Kế hoạch điều chỉnh\"",
                "title = \"Kế hoạch điều chỉnh\"\nurl = \"javascript:alert(1)\"",
            ),
            "E052",
        ),
        (
            "evidence dated after the explanations' deadline",
            EXPLANATION_NOI_VU,
            EXPLAINED_NOI_VU.replace("2023-08-30", "2023-12-30"),
            "E051",
        ),
        (
            "an answer without its text",
            EXPLANATION_NOI_VU,
            EXPLAINED_NOI_VU.replace(
                "text = \"Kế hoạch đã được điều chỉnh bằng văn bản gửi kèm.\"\n",
                "",
            ),
            "E010",
        ),
        (
            "a final of a row the appraiser did not appraise",
            "submissions/2023-9t/final/office/noi-vu.toml",
            FINAL_NOI_VU_TEXT.replace("tai-chinh", "office"),
            "E129",
        ),
        (
            "a final above the maximum",
            FINAL_NOI_VU,
            FINAL_NOI_VU_TEXT.replace("score = 0.75", "score = 2"),
            "E037",
        ),
        (
            "a TOML syntax error",
            APPRAISAL_NOI_VU,
            appraisal("0.5", "\n[[score]\n"),
            "E004",
        ),
    ];
    for (what, path, text, code) in cases {
        let mut input = base.clone();
        input
            .files
            .insert(path.to_owned(), FileData::Bytes(text.into_bytes()));
        let found = errors(&input);
        assert!(
            found.iter().any(|(f, c)| f == path && *c == code),
            "{what}: {code} expected in {path}, found {found:?}"
        );
    }
    // Bytes that are not UTF-8, and a file over the size limit.
    for (what, bytes, code) in [
        (
            "Latin-1",
            b"campaign = \"2023-9t\"\n# caf\xe9\n".to_vec(),
            "E001",
        ),
        ("over a mebibyte", vec![b'#'; 1_100_000], "E003"),
    ] {
        let mut input = base.clone();
        input
            .files
            .insert(EXPLANATION_NOI_VU.to_owned(), FileData::Bytes(bytes));
        let found = errors(&input);
        assert!(
            found
                .iter()
                .any(|(f, c)| f == EXPLANATION_NOI_VU && *c == code),
            "{what}: {code} expected, found {found:?}"
        );
    }
}

#[test]
fn stage_texts_are_escaped_on_the_pages() {
    let campaign = std::fs::read_to_string(fixture().join(CAMPAIGN_TOML)).unwrap() + STAGES;
    let hostile = APPRAISED_NOI_VU.replace(
        "Chưa có văn bản điều chỉnh kế hoạch cho nhiệm vụ trễ hạn.",
        "<script>alert(1)</script>=HYPERLINK(\\\"x\\\")",
    );
    let p = Province::with(&[
        file(CAMPAIGN_TOML, campaign),
        file(APPRAISAL_NOI_VU, hostile),
    ]);
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    build(&p.root(), &site);
    let html = std::fs::read_to_string(site.join("2023-9t/don-vi/noi-vu.html")).unwrap();
    assert!(!html.contains("<script>alert"), "the reason is escaped");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || html.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
    );
    let csv = std::fs::read_to_string(site.join("2023-9t/tham-dinh.csv")).unwrap();
    assert!(
        !csv.contains(",=HYPERLINK") && !csv.contains(",\"=HYPERLINK"),
        "{csv}"
    );
}

/// The sample's own cycle replayed: its campaign and reports on main, then
/// each of its appraisal, explanation and final files as a pull request by
/// the account the file belongs to, inside its stage's window (the late
/// explanation the sample registers refused to the unit, then put in by the
/// office), with attempts by the wrong accounts refused. Main ends holding
/// the sample, and its site is the sample's, byte for byte.
#[test]
fn the_samples_cycle_runs_through_pull_requests() {
    use crate::common::{office_repository, root};
    let sample = cchc::fsio::read_repo(&root()).unwrap();
    let bytes = |p: &str| match sample.files.get(p) {
        Some(cchc_core::input::FileData::Bytes(b)) => b.clone(),
        _ => panic!("no {p} in the sample"),
    };
    let stage_of = |p: &str| {
        ["appraisal", "explanation", "final"]
            .into_iter()
            .position(|s| p.starts_with(&format!("submissions/2023-9t/{s}/")))
    };
    let first: Vec<Edit> = sample
        .files
        .keys()
        .filter(|p| stage_of(p).is_none())
        .map(|p| (p.clone(), Blob::File(bytes(p))))
        .collect();
    let (dir, repo, main) = office_repository(&first);
    let units: toml::Table =
        toml::from_str(&String::from_utf8(bytes("content/units.toml")).unwrap()).unwrap();
    let owner = |unit: &str| -> String {
        units["unit"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["id"].as_str() == Some(unit))
            .and_then(|u| u["owners"].as_array()?.first()?.as_str().map(str::to_owned))
            .unwrap_or_else(|| panic!("no owner of {unit}"))
    };
    let admin = units["office"]["admins"][0].as_str().unwrap().to_owned();
    let mut cy = Cycle {
        p: Province {
            dir,
            repo,
            main,
            prefix: String::new(),
        },
        main,
        prs: 0,
    };
    cy.p.check_out("main");
    // When each stage's files come: inside its window.
    let when = [
        "2023-09-20T10:00:00+07:00",
        "2023-10-02T10:00:00+07:00",
        "2023-10-09T10:00:00+07:00",
    ];
    let mut files: Vec<&String> = sample
        .files
        .keys()
        .filter(|p| stage_of(p).is_some())
        .collect();
    files.sort_by_key(|p| (stage_of(p), (*p).clone()));
    let mut put = 0;
    for path in files {
        let stage = stage_of(path).unwrap();
        let text = String::from_utf8(bytes(path)).unwrap();
        let parts: Vec<&str> = path.split('/').collect();
        // Whose file: the appraiser's folder, or the unit explaining.
        let (folder_owner, unit) = match parts.as_slice() {
            [_, _, "explanation", file] => {
                let unit = file.trim_end_matches(".toml");
                (owner(unit), unit)
            }
            [_, _, _, "office", file] => (admin.clone(), file.trim_end_matches(".toml")),
            [_, _, _, appraiser, file] => (owner(appraiser), file.trim_end_matches(".toml")),
            _ => panic!("unexpected {path}"),
        };
        let edit = [(path.as_str(), text.as_str())];
        // Someone else's account is refused: the unit itself for an
        // appraiser's file, another unit for an explanation.
        let stranger = if stage == 1 {
            owner("thanh-tra")
        } else {
            owner(unit)
        };
        if stranger != folder_owner && unit != "thanh-tra" {
            cy.rejected(&edit, &stranger, when[stage], "E100");
        }
        if stage == 1 && unit == "ke-hoach-dau-tu" {
            // The sample's late explanation, sent by e-mail on 9/10/2023:
            // refused to the unit's account, put in by the office.
            cy.rejected(&edit, &folder_owner, "2023-10-09T10:30:00+07:00", "E110");
            cy.accepted(&edit, &admin, "2023-10-09T11:00:00+07:00");
        } else {
            cy.accepted(&edit, &folder_owner, when[stage]);
        }
        put += 1;
    }
    assert!(put >= 30, "only {put} stage files in the sample");

    // Main now holds the sample's data; its site is the sample's.
    cy.p.check_out("main");
    let out = tempfile::tempdir().unwrap();
    let (replayed, original) = (out.path().join("replayed"), out.path().join("sample"));
    build(&cy.p.root(), &replayed);
    build(&root(), &original);
    let mut differ = Vec::new();
    for entry in walk(&original) {
        let rel = entry.strip_prefix(&original).unwrap();
        if std::fs::read(&entry).ok() != std::fs::read(replayed.join(rel)).ok() {
            differ.push(rel.display().to_string());
        }
    }
    assert_eq!(differ, Vec::<String>::new(), "pages that differ");
}

/// Every file under `dir`.
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn validating_one_stage_file_judges_it_with_its_campaign() {
    let campaign = std::fs::read_to_string(fixture().join(CAMPAIGN_TOML)).unwrap() + STAGES;
    let p = Province::with(&[
        file(CAMPAIGN_TOML, campaign),
        file(APPRAISAL_NOI_VU, APPRAISED_NOI_VU),
        file(EXPLANATION_NOI_VU, EXPLAINED_NOI_VU),
        // Another file of the campaign with an error of its own.
        file(FINAL_TU_PHAP, "campaign = \"2023-9t\"\n"),
    ]);
    // The explanation alone: judged against the appraisal's request (no
    // E128), and the broken final file is not what was asked about.
    let o = cchc(&p.root(), &["validate", EXPLANATION_NOI_VU], None);
    let said = text(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{said}");
    assert!(!said.contains("E128") && !said.contains("E010"), "{said}");
    // Its folder: the same.
    let o = cchc(
        &p.root(),
        &["validate", "submissions/2023-9t/explanation"],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
    // The broken file asked about is reported.
    let o = cchc(&p.root(), &["validate", FINAL_TU_PHAP], None);
    let said = text(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{said}");
    assert!(said.contains("E010"), "{said}");
}

/// A unit that wants its own numbers changed, or another's, tries the
/// stages' files every way the gate must refuse.
#[test]
fn attacks_on_the_stages_are_refused() {
    let mut cy = Cycle::new();
    cy.accepted(
        &[(APPRAISAL_NOI_VU, APPRAISED_NOI_VU)],
        "taichinh-clerk",
        "2023-09-20T10:00:00+07:00",
    );
    let in_explanations = "2023-10-02T10:00:00+07:00";
    // The appraised unit deletes the appraisal that lowered it.
    let (ok, said) = cy.change(
        vec![(APPRAISAL_NOI_VU.to_owned(), Blob::Gone)],
        "noivu-clerk",
        in_explanations,
    );
    assert!(!ok && said.contains("E102"), "{said}");
    // It raises its appraised score alongside its explanation.
    cy.rejected(
        &[
            (EXPLANATION_NOI_VU, EXPLAINED_NOI_VU),
            (
                APPRAISAL_NOI_VU,
                &APPRAISED_NOI_VU.replace("score = 0.5", "score = 1"),
            ),
        ],
        "noivu-clerk",
        in_explanations,
        "E100",
    );
    // It slips a score into its explanation.
    cy.rejected(
        &[(
            EXPLANATION_NOI_VU,
            &format!("{EXPLAINED_NOI_VU}score = 1\n"),
        )],
        "noivu-clerk",
        in_explanations,
        "E012",
    );
    // It links its explanation to another file.
    let (ok, said) = cy.change(
        vec![(
            EXPLANATION_NOI_VU.to_owned(),
            Blob::Link("../tu-phap.toml".to_owned()),
        )],
        "noivu-clerk",
        in_explanations,
    );
    assert!(!ok && said.contains("E105"), "{said}");
    // The appraiser sets a final in another appraiser's folder, and early.
    cy.rejected(
        &[(
            "submissions/2023-9t/final/office/noi-vu.toml",
            &FINAL_NOI_VU_TEXT.replace("tai-chinh", "office"),
        )],
        "taichinh-clerk",
        "2023-10-09T10:00:00+07:00",
        "E100",
    );
    cy.rejected(
        &[(FINAL_NOI_VU, FINAL_NOI_VU_TEXT)],
        "taichinh-clerk",
        in_explanations,
        "E110",
    );
    // A look-alike folder is not a way around the rules.
    cy.rejected(
        &[(
            "submissions/2023-9t/Appraisal/tai-chinh/noi-vu.toml",
            &APPRAISED_NOI_VU.replace("score = 0.5", "score = 1"),
        )],
        "noivu-clerk",
        in_explanations,
        "E103",
    );
}
