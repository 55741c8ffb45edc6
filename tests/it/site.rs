//! The built site: every page kind with the facts that matter, links that
//! resolve, escaping of hostile text, determinism, and the downloads read
//! back as a user's spreadsheet would.

// Test code: a failed unwrap is a failed test with its message.
#![allow(
    clippy::case_sensitive_file_extension_comparisons,
    clippy::format_push_string,
    clippy::assigning_clones
)]

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use cchc::commands::templates::load_templates;
use cchc_core::history::History;
use cchc_core::load::Input;
use cchc_core::pipeline::Whole;
use cchc_core::site::{Mode, SiteFiles, render};
use cchc_core::toml_read::FileData;
use cchc_core::urls::file_of;
use cchc_core::validate::validate;
use jiff::Timestamp;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// 2026-11-25: long after the sample campaign's deadline.
fn later() -> Timestamp {
    "2026-11-25T03:00:00Z".parse().unwrap()
}

fn sample() -> Input {
    cchc::fsio::read_repo(&root()).unwrap()
}

/// Builds a site in memory from `input`, without Git history (the sample's
/// arrival times come from its receipts register).
fn build(input: &Input, now: Timestamp) -> SiteFiles {
    let outcome = validate(input, now);
    let g = Whole::new(
        outcome,
        History::Unknown {
            reason: cchc_core::text::Text::new("không có lịch sử (kiểm thử)", "no history (test)"),
        },
        now,
    );
    let templates = load_templates(&root()).unwrap();
    render(&g.report(), &g.outcome.content, &templates, Mode::Publish).unwrap()
}

fn page<'a>(site: &'a SiteFiles, path: &str) -> &'a str {
    std::str::from_utf8(site.get(path).unwrap_or_else(|| panic!("no page {path}"))).unwrap()
}

/// The text of a page without tags, whitespace folded, for assertions on
/// what a reader sees.
fn visible(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_page_kind_says_what_matters() {
    let site = build(&sample(), later());
    let home = visible(page(&site, "index.html"));
    assert!(home.contains("Dữ liệu minh hoạ."), "{home}");
    assert!(home.contains("Đánh giá sơ bộ kết quả cải cách hành chính 9 tháng đầu năm 2023"));

    let dash = page(&site, "2023-9t/index.html");
    let text = visible(dash);
    assert!(text.contains("Đã nhận báo cáo của 13/17 đơn vị"), "{text}");
    assert!(text.contains("Công văn Số …/SNV-CCHCVTLT"), "{text}");
    assert!(text.contains("Số liệu tính đến 10/9/2023"), "{text}");
    assert!(
        text.contains("trước 00:00 ngày 15/9/2023 (giờ Asia/Ho_Chi_Minh)"),
        "{text}"
    );
    // Statuses from the sample's receipts register.
    assert!(text.contains("Đúng hạn 10"), "{text}");
    assert!(text.contains("Nộp muộn 3"), "{text}");
    assert!(text.contains("Chưa nộp, đã quá hạn 4"), "{text}");
    assert!(dash.contains("<svg class=\"chart chart-status\""));
    assert!(dash.contains("<svg class=\"chart chart-areas\""));
    assert!(
        text.contains("32 điểm từ điều tra xã hội học và 6,5 điểm từ chỉ tiêu kinh tế - xã hội"),
        "{text}"
    );

    let unit = visible(page(&site, "2023-9t/don-vi/tu-phap.html"));
    for fact in [
        "Phụ lục III",
        "Đúng hạn",
        "09:30 ngày 11/9/2023",
        "NV11",
        "NV12",
        "NV13",
        "2.1.1",
        "2.3",
        "không áp dụng",
        "96/BC-STP",
        "Lịch sử nộp và sửa",
    ] {
        assert!(unit.contains(fact), "unit page lacks {fact:?}: {unit}");
    }
    let ext = visible(page(&site, "2023-9t/don-vi/y-te.html"));
    assert!(ext.contains("được gia hạn"), "{ext}");
    assert!(ext.contains("Đúng hạn"), "{ext}");
    let missing = visible(page(&site, "2023-9t/don-vi/xay-dung.html"));
    assert!(missing.contains("Chưa nộp, đã quá hạn"), "{missing}");

    let area = visible(page(&site, "2023-9t/linh-vuc/8.html"));
    assert!(area.contains("không do đơn vị tự chấm"), "{area}");
    assert!(
        area.contains("lĩnh vực không có tiêu chí đơn vị tự chấm"),
        "{area}"
    );
    let area4 = visible(page(&site, "2023-9t/linh-vuc/4.html"));
    assert!(area4.contains("Sở Y tế"), "{area4}");

    let tasks = page(&site, "2023-9t/nhiem-vu.html");
    assert_eq!(tasks.matches("<tr class=").count(), 32);
    let tasks_text = visible(tasks);
    assert!(tasks_text.contains("quá hạn"), "{tasks_text}");
    assert!(tasks_text.contains("khó hoàn thành"), "{tasks_text}");
    assert!(tasks_text.contains("chưa báo cáo"), "{tasks_text}");

    let by_order = page(&site, "2023-9t/bang-tong-hop.html");
    let by_loss = page(&site, "2023-9t/bang-tong-hop-theo-diem-mat.html");
    assert_eq!(
        by_order.matches("<th scope=\"row\">").count(),
        by_loss.matches("<th scope=\"row\">").count()
    );
    assert!(by_order.contains("aria-current=\"page\">theo thứ tự tiêu chí"));
    assert!(by_loss.contains("aria-current=\"page\">theo điểm bị mất"));

    let method = visible(page(&site, "2023-9t/phuong-phap.html"));
    assert!(method.contains("từ 90% trở lên"), "{method}");
    assert!(method.contains("không làm tăng hay giảm tỷ lệ"), "{method}");

    let letter = page(&site, "2023-9t/trang/cong-van.html");
    assert!(
        letter.contains("<h2>") || letter.contains("<h1>"),
        "{letter}"
    );
}

#[test]
fn every_page_is_vietnamese_illustrative_script_free_and_relative() {
    let site = build(&sample(), later());
    let pages: Vec<&String> = site.keys().filter(|k| k.ends_with(".html")).collect();
    assert!(pages.len() >= 30, "{}", pages.len());
    for path in pages {
        let html = page(&site, path);
        assert!(
            html.starts_with("<!doctype html>\n<html lang=\"vi\">"),
            "{path}"
        );
        assert!(html.contains("script-src 'none'"), "{path}: CSP");
        assert!(!html.contains("<script"), "{path}: a script");
        assert!(
            visible(html).contains("Dữ liệu minh hoạ."),
            "{path}: illustrative banner"
        );
        assert!(html.contains("<main id=\"main\""), "{path}");
        for href in attr_values(html, "href")
            .into_iter()
            .chain(attr_values(html, "src"))
        {
            if href.starts_with("https://")
                || href.starts_with("http://")
                || href.starts_with("mailto:")
                || href.starts_with('#')
            {
                continue;
            }
            assert!(!href.starts_with('/'), "{path}: absolute link {href}");
            let target = resolve(path, &href);
            assert!(
                site.contains_key(&target),
                "{path}: broken link {href} -> {target}"
            );
        }
    }
}

/// The values of `name="…"` attributes, unescaped enough for links.
fn attr_values(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    html.match_indices(&needle)
        .filter_map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            rest.find('"').map(|end| rest[..end].replace("&amp;", "&"))
        })
        .collect()
}

/// The file a link leads to from the page `from`: its segments
/// percent-decoded, as a browser does.
fn resolve(from: &str, href: &str) -> String {
    let href = href.split('#').next().unwrap();
    let mut parts: Vec<String> = from.split('/').map(str::to_owned).collect();
    parts.pop();
    for seg in href.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(file_of(s).unwrap()),
        }
    }
    parts.join("/")
}

/// A page whose name needs percent-encoding (a space, Vietnamese letters):
/// every link to it is encoded and leads to the file written.
#[test]
fn a_page_named_with_spaces_and_diacritics_is_linked_encoded() {
    let mut input = sample();
    let md = "content/campaigns/2023-9t/cong-van.md";
    let bytes = input.files.get(md).unwrap().clone();
    input
        .files
        .insert("content/campaigns/2023-9t/hướng dẫn mới.md".into(), bytes);
    let site = build(&input, later());
    let file = "2023-9t/trang/hướng dẫn mới.html";
    assert!(site.contains_key(file), "{:?}", site.keys());
    let encoded = "trang/h%C6%B0%E1%BB%9Bng%20d%E1%BA%ABn%20m%E1%BB%9Bi.html";
    for (from, href) in [
        ("2023-9t/index.html", encoded.to_owned()),
        (
            "2023-9t/don-vi/cong-thuong.html",
            format!("../../2023-9t/{encoded}"),
        ),
        ("2023-9t/nhiem-vu.html", format!("../2023-9t/{encoded}")),
    ] {
        let links = attr_values(page(&site, from), "href");
        assert!(links.contains(&href), "{from}: {links:?}");
        assert_eq!(resolve(from, &href), file);
    }
}

#[test]
fn two_builds_of_the_same_state_are_byte_identical() {
    let a = build(&sample(), later());
    let b = build(&sample(), later());
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (k, v) in &a {
        assert!(b[k] == *v, "{k} differs between two builds");
    }
    // And through the command, with SOURCE_DATE_EPOCH, on disk.
    let out1 = tempfile::tempdir().unwrap();
    let out2 = tempfile::tempdir().unwrap();
    for out in [&out1, &out2] {
        let st = Command::new(env!("CARGO_BIN_EXE_cchc"))
            .args(["build", "--out"])
            .arg(out.path().join("site"))
            .current_dir(root())
            .env("SOURCE_DATE_EPOCH", "1764039600")
            .status()
            .unwrap();
        assert!(st.success());
    }
    let files1 = tree(&out1.path().join("site"));
    let files2 = tree(&out2.path().join("site"));
    assert_eq!(files1, files2);
    assert!(files1.len() > 30);
}

fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((
                    cchc::fsio::relative(dir, &p).unwrap(),
                    fs::read(&p).unwrap(),
                ));
            }
        }
    }
    out.sort();
    out
}

fn replace_in(input: &mut Input, path: &str, from: &str, to: &str) {
    let Some(FileData::Bytes(b)) = input.files.get_mut(path) else {
        panic!("{path}")
    };
    let text = String::from_utf8(b.clone()).unwrap();
    assert!(text.contains(from), "{from:?} not in {path}");
    *b = text.replacen(from, to, 1).into_bytes();
}

const PAYLOADS: [&str; 4] = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(2)>",
    "<svg onload=alert(3)>",
    "</textarea><iframe src=javascript:alert(4)>",
];

#[test]
fn hostile_text_in_every_field_comes_out_escaped() {
    let mut input = sample();
    let sub = "submissions/2023-9t/tu-phap.toml";
    let text = String::from_utf8(match &input.files[sub] {
        FileData::Bytes(b) => b.clone(),
        FileData::TooLarge { .. } => unreachable!(),
    })
    .unwrap();
    // Every free-text value of the file gets a payload appended.
    let mut hostile = String::new();
    for (i, line) in text.lines().enumerate() {
        let key = line.split('=').next().unwrap_or("").trim();
        let payload = PAYLOADS[i % PAYLOADS.len()].replace('"', "'");
        if [
            "name",
            "position",
            "note",
            "shortcomings",
            "causes",
            "remedy",
            "explanation",
            "reason",
            "title",
            "number",
        ]
        .contains(&key)
            && line.trim_end().ends_with('"')
            && !line.contains("\"\"\"")
        {
            let cut = line.trim_end().len() - 1;
            hostile.push_str(&format!("{}{payload}\"\n", &line[..cut]));
        } else {
            hostile.push_str(line);
            hostile.push('\n');
        }
    }
    // Multi-line texts open with `= """` at the end of a line.
    hostile = hostile.replace(
        "= \"\"\"\n",
        &format!("= \"\"\"\n{}\n", PAYLOADS[0].replace('"', "'")),
    );
    input
        .files
        .insert(sub.into(), FileData::Bytes(hostile.into_bytes()));
    // Content the office writes, too: a unit's name and a page.
    replace_in(
        &mut input,
        "content/units.toml",
        "name = \"Sở Tư pháp\"",
        "name = \"Sở Tư pháp <script>alert(5)</script>\"",
    );
    replace_in(
        &mut input,
        "content/campaigns/2023-9t/cong-van.md",
        "+++\n\n",
        "+++\n\n<script>alert(6)</script> [x](javascript:alert(7)) <img src=x onerror=alert(8)>\n\n",
    );
    let outcome = validate(&input, later());
    let problems: Vec<String> = outcome
        .diags
        .iter()
        .filter(|d| &*d.span.file == sub)
        .map(|d| format!("{} {}", d.code.as_str(), d.message.en))
        .collect();
    assert!(
        !outcome.diags.file_has_errors(sub),
        "the hostile file must still be valid so its text is shown: {problems:?}"
    );
    let site = build(&input, later());
    let unit = page(&site, "2023-9t/don-vi/tu-phap.html");
    assert!(
        unit.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || unit.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "payload not shown escaped"
    );
    for (path, bytes) in &site {
        if !path.ends_with(".html") {
            continue;
        }
        let html = std::str::from_utf8(bytes).unwrap();
        for tag in tags(html) {
            assert!(
                !["script", "iframe", "object", "embed", "frame", "base"]
                    .contains(&tag.name.as_str()),
                "{path}: a <{}> tag from input",
                tag.name
            );
            for (attr, value) in &tag.attrs {
                assert!(
                    !attr.starts_with("on"),
                    "{path}: event handler {attr} on <{}>",
                    tag.name
                );
                assert!(
                    !value.trim_start().to_lowercase().starts_with("javascript:"),
                    "{path}: javascript: in {attr}"
                );
            }
        }
    }
}

struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
}

/// The real tags of a page (not text that looks like tags, which is
/// escaped), with their attributes: enough to tell what a browser would run.
fn tags(html: &str) -> Vec<Tag> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        let inner = &rest[..end];
        rest = &rest[end..];
        if inner.starts_with('/') || inner.starts_with('!') {
            continue;
        }
        let name_end = inner
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(inner.len());
        let name = inner[..name_end].to_lowercase();
        let mut attrs = Vec::new();
        let body = &inner[name_end..];
        let mut i = 0;
        let b = body.as_bytes();
        while i < b.len() {
            while i < b.len() && (b[i] as char).is_whitespace() {
                i += 1;
            }
            let start = i;
            while i < b.len() && !(b[i] as char).is_whitespace() && b[i] != b'=' && b[i] != b'/' {
                i += 1;
            }
            let attr = body[start..i].to_lowercase();
            let mut value = String::new();
            if i < b.len() && b[i] == b'=' {
                i += 1;
                if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                    let q = b[i];
                    i += 1;
                    let vs = i;
                    while i < b.len() && b[i] != q {
                        i += 1;
                    }
                    value = body[vs..i].to_owned();
                    i += 1;
                } else {
                    let vs = i;
                    while i < b.len() && !(b[i] as char).is_whitespace() {
                        i += 1;
                    }
                    value = body[vs..i].to_owned();
                }
            }
            if !attr.is_empty() {
                attrs.push((attr, value));
            }
            if i == start {
                i += 1;
            }
        }
        out.push(Tag { name, attrs });
    }
    out
}

#[test]
fn csv_has_a_bom_and_neutralises_formulas() {
    let mut input = sample();
    replace_in(
        &mut input,
        "content/units.toml",
        "name = \"Sở Tư pháp\"",
        "name = \"=HYPERLINK(\\\"http://x\\\",\\\"y\\\")\"",
    );
    let site = build(&input, later());
    let csv = &site["2023-9t/bang-tong-hop.csv"];
    assert!(csv.starts_with(b"\xEF\xBB\xBF"), "no BOM");
    let text = std::str::from_utf8(&csv[3..]).unwrap();
    assert!(
        text.starts_with("Mã tiêu chí,Tiêu chí,Lĩnh vực,Đơn vị chấm"),
        "{text}"
    );
    assert!(text.contains("\"'=HYPERLINK("), "{text}");
    assert!(
        !text.contains(",=HYPERLINK") && !text.contains(",\"=HYPERLINK"),
        "{text}"
    );
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 82);
    let r = rows.iter().find(|r| &r[0] == "2.1.1").unwrap();
    assert_eq!(&r[5], "1");
    assert_eq!(&r[6], "0.75");
}

#[test]
fn the_xlsx_reads_back_with_the_same_numbers_and_diacritics() {
    use calamine::{Data, Reader, Xlsx};
    let site = build(&sample(), later());
    let bytes = site["2023-9t/bang-tong-hop.xlsx"].clone();
    let json: serde_json::Value =
        serde_json::from_slice(&site["2023-9t/bang-tong-hop.json"]).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let names = book.sheet_names();
    assert_eq!(
        names,
        ["Theo thứ tự tiêu chí", "Theo điểm bị mất", "Đơn vị"]
    );
    let sheet = book.worksheet_range("Theo thứ tự tiêu chí").unwrap();
    let header: Vec<String> = sheet
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(header[6], "Điểm tự đánh giá");
    let mut seen = 0;
    for row in sheet.rows().skip(1) {
        let id = row[0].to_string();
        let expected = json["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id.as_str())
            .unwrap();
        assert_eq!(row[1].to_string(), expected["name"].as_str().unwrap());
        assert_eq!(row[5], Data::Float(expected["max"].as_f64().unwrap()));
        match expected["score"].as_f64() {
            Some(s) => assert_eq!(row[6], Data::Float(s), "{id}"),
            None => assert_eq!(row[6], Data::Empty, "{id}"),
        }
        seen += 1;
    }
    assert_eq!(seen, 82);
    let units = book.worksheet_range("Đơn vị").unwrap();
    let names: BTreeSet<String> = units.rows().skip(1).map(|r| r[2].to_string()).collect();
    assert!(
        names.contains("Sở Văn hóa, Thể thao và Du lịch"),
        "{names:?}"
    );
    // The province's total in the JSON is the sum of the rows.
    let sum: f64 = json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["score"].as_f64())
        .sum();
    assert!((sum - json["province"]["score"].as_f64().unwrap()).abs() < 1e-9);
}

#[test]
fn the_export_command_writes_the_same_bytes_as_the_site() {
    let out = tempfile::tempdir().unwrap();
    let site_dir = out.path().join("site");
    let run = |args: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_cchc"))
            .args(args)
            .current_dir(root())
            .env("SOURCE_DATE_EPOCH", "1764039600")
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        o.stdout
    };
    run(&["build", "--out", site_dir.to_str().unwrap()]);
    for (format, file) in [("csv", "bang-tong-hop.csv"), ("json", "bang-tong-hop.json")] {
        let stdout = run(&["export", "--format", format]);
        assert_eq!(
            stdout,
            fs::read(site_dir.join("2023-9t").join(file)).unwrap(),
            "{format}"
        );
    }
    let xlsx = out.path().join("t.xlsx");
    run(&[
        "export",
        "--format",
        "xlsx",
        "--out",
        xlsx.to_str().unwrap(),
    ]);
    assert_eq!(
        fs::read(xlsx).unwrap(),
        fs::read(site_dir.join("2023-9t/bang-tong-hop.xlsx")).unwrap()
    );
}

#[test]
fn status_prints_a_table_and_json() {
    let run = |args: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_cchc"))
            .args(args)
            .current_dir(root())
            .env("SOURCE_DATE_EPOCH", "1764039600")
            .output()
            .unwrap();
        assert!(o.status.success());
        String::from_utf8(o.stdout).unwrap()
    };
    let human = run(&["status"]);
    assert!(human.contains("DỮ LIỆU MINH HOẠ"), "{human}");
    assert!(!human.contains('\x1b'), "colour only on a terminal");
    let line = human.lines().find(|l| l.starts_with("XVII")).unwrap();
    assert!(
        line.contains("Thanh tra tỉnh") && line.contains("Đúng hạn"),
        "{line}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&run(&["status", "--format", "json"])).unwrap();
    let units = json["units"].as_array().unwrap();
    assert_eq!(units.len(), 17);
    let kh = units
        .iter()
        .find(|u| u["unit"] == "ke-hoach-dau-tu")
        .unwrap();
    assert_eq!(kh["status"], "late");
}

#[test]
fn a_build_refuses_broken_content_and_keeps_the_old_site() {
    let repo = copy_of_sample(&["content", "submissions"]);
    let run = || build_in(repo.path());
    assert!(run().status.success());
    let before = tree(&repo.path().join("site"));
    // An invalid submission is shown, not a reason to fail.
    fs::write(
        repo.path().join("submissions/2023-9t/cong-thuong.toml"),
        "campaign = ",
    )
    .unwrap();
    let o = run();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let unit =
        fs::read_to_string(repo.path().join("site/2023-9t/don-vi/cong-thuong.html")).unwrap();
    assert!(visible(&unit).contains("Không hợp lệ"), "{unit}");
    assert!(unit.contains("E004"));
    let after_invalid = tree(&repo.path().join("site"));
    // Broken content/ fails the build and leaves that site as it was.
    fs::write(repo.path().join("content/units.toml"), "[office\n").unwrap();
    let o = run();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(tree(&repo.path().join("site")), after_invalid);
    assert_ne!(before, after_invalid);
}

#[test]
fn a_broken_template_is_named_with_its_line_and_the_old_site_stays() {
    let repo = copy_of_sample(&["content", "submissions", "templates"]);
    let run = || build_in(repo.path());
    assert!(run().status.success());
    let good = tree(&repo.path().join("site"));
    let unit = repo.path().join("templates/unit.html");
    let source = fs::read_to_string(&unit).unwrap();
    let line = |needle: &str| {
        1 + source
            .lines()
            .position(|l| l.contains(needle))
            .expect("the template has the line")
    };
    // The build with `from` replaced by `to` in the template: it fails,
    // names the template and the line, and leaves the site as it was.
    let broken = |from: &str, to: &str| -> String {
        fs::write(&unit, source.replacen(from, to, 1)).unwrap();
        let o = run();
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.contains(&format!("unit.html:{}:", line(from))), "{err}");
        assert_eq!(tree(&repo.path().join("site")), good);
        err
    };
    // A syntax error, found when the templates are loaded.
    broken("{% if unit.counted %}", "{% if %}");
    // A field that does not exist, found when a page is rendered: the
    // message lists the fields there are.
    let err = broken("unit.total.text", "unit.totl.text");
    assert!(err.contains("`totl`") && err.contains("total"), "{err}");
}

/// A temporary repository with these folders of the sample.
fn copy_of_sample(folders: &[&str]) -> tempfile::TempDir {
    let repo = tempfile::tempdir().unwrap();
    for d in folders {
        copy(&root().join(d), &repo.path().join(d));
    }
    repo
}

/// `cchc build` in `repo`, at a fixed time.
fn build_in(repo: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_cchc"))
        .args(["build"])
        .current_dir(repo)
        .env("SOURCE_DATE_EPOCH", "1764039600")
        .output()
        .unwrap()
}

fn copy(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy(&e.path(), &to.join(e.file_name()));
        } else {
            fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// A minimal HTTP GET against the local server: (status, body).
fn http_get(port: u16, path: &str) -> Option<(u16, String)> {
    use std::io::{Read as _, Write as _};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(std::time::Duration::from_secs(5)))
        .ok()?;
    write!(s, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").ok()?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).ok()?;
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text.split_whitespace().nth(1)?.parse().ok()?;
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_owned())?;
    Some((status, body))
}

fn state(port: u16) -> serde_json::Value {
    serde_json::from_str(&http_get(port, "/__cchc/state").unwrap().1).unwrap()
}

fn wait_for(what: &str, mut ok: impl FnMut() -> bool) {
    let start = std::time::Instant::now();
    while start.elapsed() < std::time::Duration::from_secs(20) {
        if ok() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("timed out waiting for {what}");
}

#[test]
fn serve_rebuilds_on_change_and_keeps_the_last_good_site_on_error() {
    let repo = tempfile::tempdir().unwrap();
    for d in ["content", "submissions"] {
        copy(&root().join(d), &repo.path().join(d));
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_cchc"))
        .args(["serve", "--port", &port.to_string()])
        .current_dir(repo.path())
        .env("SOURCE_DATE_EPOCH", "1764039600")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let result = std::panic::catch_unwind(|| {
        wait_for("the server", || http_get(port, "/").is_some());
        let (code, home) = http_get(port, "/").unwrap();
        assert_eq!(code, 200);
        assert!(home.contains("__cchc/reload.js"), "{home}");
        assert!(home.contains("script-src 'self'"));
        assert_eq!(http_get(port, "/2023-9t/").unwrap().0, 200);
        assert_eq!(http_get(port, "/khong-co.html").unwrap().0, 404);
        assert_eq!(http_get(port, "/../Cargo.toml").unwrap().0, 404);
        let v0 = state(port)["version"].as_u64().unwrap();
        // Reading the files for a build is not a change: nothing rebuilds
        // until something is written.
        std::thread::sleep(std::time::Duration::from_millis(800));
        assert_eq!(state(port)["version"].as_u64().unwrap(), v0);

        // A change to a submission is rebuilt and the page changes.
        let sub = repo.path().join("submissions/2023-9t/tu-phap.toml");
        let text = fs::read_to_string(&sub).unwrap();
        let first_name = text
            .lines()
            .find(|l| l.starts_with("name = "))
            .unwrap()
            .to_owned();
        fs::write(
            &sub,
            text.replacen(&first_name, "name = \"Người Lập Mới\"", 1),
        )
        .unwrap();
        wait_for("a rebuild", || {
            state(port)["version"].as_u64().unwrap() > v0
        });
        let unit = http_get(port, "/2023-9t/don-vi/tu-phap.html").unwrap().1;
        assert!(unit.contains("Người Lập Mới"));

        // Broken content: the error is reported and the last good site stays.
        let units = repo.path().join("content/units.toml");
        let good = fs::read_to_string(&units).unwrap();
        fs::write(&units, "[office\n").unwrap();
        wait_for("the error", || !state(port)["error"].is_null());
        let s = state(port);
        assert!(s["error"].as_str().unwrap().contains("E004"), "{s}");
        assert!(
            http_get(port, "/2023-9t/don-vi/tu-phap.html")
                .unwrap()
                .1
                .contains("Người Lập Mới")
        );
        let v1 = s["version"].as_u64().unwrap();

        fs::write(&units, good).unwrap();
        wait_for("recovery", || {
            let s = state(port);
            s["error"].is_null() && s["version"].as_u64().unwrap() > v1
        });
    });
    let _ = child.kill();
    let _ = child.wait();
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}

#[test]
fn the_home_page_shows_the_newest_campaign_and_earlier_ones_as_an_archive() {
    let mut input = sample();
    // An earlier campaign: the same data, a year before.
    let earlier: Vec<(String, FileData)> = input
        .files
        .iter()
        .filter(|(p, _)| {
            p.starts_with("content/campaigns/2023-9t/") || p.starts_with("submissions/2023-9t/")
        })
        .map(|(p, d)| (p.replace("2023-9t", "2022-9t"), d.clone()))
        .collect();
    for (p, d) in earlier {
        input.files.insert(p, d);
    }
    for (path, from, to) in [
        (
            "content/campaigns/2022-9t/campaign.toml",
            "id = \"2023-9t\"",
            "id = \"2022-9t\"",
        ),
        (
            "content/campaigns/2022-9t/campaign.toml",
            "title = \"Đánh giá sơ bộ kết quả cải cách hành chính 9 tháng đầu năm 2023\"",
            "title = \"Đánh giá sơ bộ kết quả cải cách hành chính 9 tháng đầu năm 2022\"",
        ),
        (
            "content/campaigns/2022-9t/campaign.toml",
            "deadline = 2023-09-15T00:00:00",
            "deadline = 2022-09-15T00:00:00",
        ),
        (
            "content/campaigns/2022-9t/campaign.toml",
            "cutoff = 2023-09-10",
            "cutoff = 2022-09-10",
        ),
    ] {
        replace_in(&mut input, path, from, to);
    }
    for (p, d) in &mut input.files {
        if p.starts_with("submissions/2022-9t/") {
            let FileData::Bytes(b) = d else { continue };
            *b = String::from_utf8(b.clone())
                .unwrap()
                .replace("campaign = \"2023-9t\"", "campaign = \"2022-9t\"")
                .into_bytes();
        }
    }
    let site = build(&input, later());
    let home = visible(page(&site, "index.html"));
    let newest = home.find("9 tháng đầu năm 2023").unwrap();
    let archive = home.find("Các đợt trước").unwrap();
    assert!(newest < archive, "{home}");
    assert!(home[archive..].contains("9 tháng đầu năm 2022"), "{home}");
    assert!(site.contains_key("2022-9t/index.html"));
    assert!(site.contains_key("2022-9t/don-vi/tu-phap.html"));
}

/// Every file under `dir` (links not followed) holding `needle`.
fn files_holding(dir: &Path, needle: &[u8]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let kind = e.file_type().unwrap();
            if kind.is_dir() {
                stack.push(e.path());
            } else if kind.is_file()
                && fs::read(e.path())
                    .unwrap()
                    .windows(needle.len())
                    .any(|w| w == needle)
            {
                found.push(e.path());
            }
        }
    }
    found
}

#[cfg(unix)]
#[test]
fn templates_behind_a_symlink_stop_the_build_and_the_old_site_stays() {
    use std::os::unix::fs::symlink;
    const SECRET: &str = "bi-mat-cua-may-chu-7f3a";
    // A folder of the machine that builds, outside the repository.
    let elsewhere = tempfile::tempdir().unwrap();
    fs::write(elsewhere.path().join("secret.txt"), SECRET).unwrap();
    fs::write(elsewhere.path().join("style.css"), SECRET).unwrap();
    let real_templates = elsewhere.path().join("templates");
    copy(&root().join("templates"), &real_templates);
    fs::write(
        real_templates.join("unit.html"),
        format!("{SECRET}{{% extends \"base.html\" %}}"),
    )
    .unwrap();

    let repo = copy_of_sample(&["content", "submissions", "templates"]);
    let templates = repo.path().join("templates");
    let site = repo.path().join("site");
    let run = |lang: &str| {
        let o = Command::new(env!("CARGO_BIN_EXE_cchc"))
            .args(["--lang", lang, "build"])
            .current_dir(repo.path())
            .env("SOURCE_DATE_EPOCH", "1764039600")
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        (
            o.status.code(),
            err,
            String::from_utf8_lossy(&o.stdout).into_owned(),
        )
    };
    assert_eq!(run("vi").0, Some(0));
    let good = tree(&site);
    // The build fails, says which link and what to do, shows nothing of
    // what is behind it, and leaves the site and nothing beside it.
    let refused = |link: &str| {
        let (code, err, out) = run("vi");
        assert_eq!(code, Some(2), "{err}");
        assert!(
            err.contains(&format!("{link} là liên kết tượng trưng (symlink)"))
                && err.contains("Thay liên kết bằng tệp hoặc thư mục thật"),
            "{err}"
        );
        let (code, err_en, _) = run("en");
        assert_eq!(code, Some(2), "{err_en}");
        assert!(
            err_en.contains(&format!("{link} is a symbolic link"))
                && err_en.contains("Replace the link with the real file or folder"),
            "{err_en}"
        );
        for text in [&err, &err_en, &out] {
            assert!(!text.contains(SECRET), "{text}");
            assert!(
                !text.contains(&*elsewhere.path().to_string_lossy()),
                "{text}"
            );
        }
        assert_eq!(tree(&site), good);
        assert_eq!(
            files_holding(repo.path(), SECRET.as_bytes()),
            Vec::<PathBuf>::new()
        );
        let names: Vec<_> = fs::read_dir(repo.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert_eq!(names, Vec::<String>::new());
    };

    // templates/static is a link to a folder holding a secret.
    let assets = tempfile::tempdir().unwrap();
    fs::rename(templates.join("static"), assets.path().join("static")).unwrap();
    symlink(elsewhere.path(), templates.join("static")).unwrap();
    refused("templates/static");
    fs::remove_file(templates.join("static")).unwrap();
    fs::rename(assets.path().join("static"), templates.join("static")).unwrap();
    assert_eq!(run("vi").0, Some(0));
    assert_eq!(tree(&site), good);

    // A template file, and a file of static/, that are links.
    fs::remove_file(templates.join("unit.html")).unwrap();
    symlink(
        real_templates.join("unit.html"),
        templates.join("unit.html"),
    )
    .unwrap();
    refused("templates/unit.html");
    fs::remove_file(templates.join("unit.html")).unwrap();
    fs::copy(
        root().join("templates/unit.html"),
        templates.join("unit.html"),
    )
    .unwrap();
    symlink(
        elsewhere.path().join("secret.txt"),
        templates.join("static/x.css"),
    )
    .unwrap();
    refused("templates/static/x.css");
    fs::remove_file(templates.join("static/x.css")).unwrap();

    // templates/ itself is a link.
    fs::remove_dir_all(&templates).unwrap();
    symlink(&real_templates, &templates).unwrap();
    refused("templates");
}

#[cfg(unix)]
#[test]
fn a_build_writes_through_no_link_at_or_beside_its_target() {
    use std::os::unix::fs::symlink;
    let elsewhere = tempfile::tempdir().unwrap();
    fs::write(elsewhere.path().join("keep.txt"), "mine").unwrap();
    let repo = copy_of_sample(&["content", "submissions"]);
    // The target is a link to a folder: refused, the folder untouched.
    symlink(elsewhere.path(), repo.path().join("site")).unwrap();
    let o = build_in(repo.path());
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(
        tree(elsewhere.path()),
        [("keep.txt".to_owned(), b"mine".to_vec())]
    );
    fs::remove_file(repo.path().join("site")).unwrap();
    // Links where the build puts its staging folders are removed, not
    // followed.
    symlink(elsewhere.path(), repo.path().join(".site.cchc-new")).unwrap();
    symlink(elsewhere.path(), repo.path().join(".site.cchc-old")).unwrap();
    let o = build_in(repo.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(repo.path().join("site/index.html").is_file());
    assert_eq!(
        tree(elsewhere.path()),
        [("keep.txt".to_owned(), b"mine".to_vec())]
    );
    assert!(!repo.path().join(".site.cchc-new").exists());
}
