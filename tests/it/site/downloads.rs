//! The downloads read back as a user's spreadsheet would, and the `export`
//! and `status` commands.

use std::collections::BTreeSet;
use std::fs;
use std::process::Command;

use super::escaping::replace_in;
use super::{build, later, root, sample};

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
    // The sample is illustrative: its notice is the first line, a comment.
    let (notice, header) = text.split_once("\r\n").unwrap();
    assert!(notice.starts_with("# DỮ LIỆU MINH HỌA"), "{notice}");
    assert!(
        header.starts_with("Mã tiêu chí,Tiêu chí,Lĩnh vực,Đơn vị chấm"),
        "{text}"
    );
    assert!(text.contains("\"'=HYPERLINK("), "{text}");
    assert!(
        !text.contains(",=HYPERLINK") && !text.contains(",\"=HYPERLINK"),
        "{text}"
    );
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    assert_eq!(&reader.headers().unwrap()[0], "Mã tiêu chí");
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
        [
            "Thông tin",
            "Theo thứ tự tiêu chí",
            "Theo điểm bị mất",
            "Đơn vị",
            "Nhiệm vụ",
            "Cần đôn đốc",
            "Thẩm định"
        ]
    );
    let sheet = book.worksheet_range("Theo điểm bị mất").unwrap();
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
    let run = sample_ok;
    run(&["build", "--out", site_dir.to_str().unwrap()]);
    for (format, file) in [
        ("csv", "bang-tong-hop.csv"),
        ("json", "bang-tong-hop.json"),
        ("tasks-csv", "bang-tong-hop-nhiem-vu.csv"),
    ] {
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
    let run = |args: &[&str]| String::from_utf8(sample_ok(args)).unwrap();
    let human = run(&["status"]);
    assert!(human.contains("DỮ LIỆU MINH HỌA"), "{human}");
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

/// What cchc prints on the repository's sample at a fixed clock; it must
/// succeed.
pub(super) fn sample_ok(args: &[&str]) -> Vec<u8> {
    let o = Command::new(env!("CARGO_BIN_EXE_cchc"))
        .args(args)
        .current_dir(root())
        .env("SOURCE_DATE_EPOCH", "1764039600")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o.stdout
}
