//! The downloads as the PAR office consolidates from them: the illustrative
//! notice where the campaign is illustrative and nowhere else, typed cells,
//! area subtotals that are the sums of their rows, and the plan's tasks.

// The cells hold the report's own numbers: equal to the bit, not nearly.
#![allow(clippy::float_cmp)]

use std::collections::BTreeMap;

use calamine::{Data, Range, Reader, Xlsx};
use cchc_core::history::History;
use cchc_core::input::Input;
use cchc_core::pipeline::{Whole, validate};
use cchc_core::report::CampaignReport;
use cchc_core::site::SiteFiles;
use jiff::civil::{Date, DateTime};

use super::escaping::replace_in;
use super::{build, later, sample};

/// The sample with its campaign marked real (not illustrative).
fn real() -> Input {
    let mut input = sample();
    replace_in(
        &mut input,
        "content/campaigns/2023-9t/campaign.toml",
        "illustrative = true",
        "illustrative = false",
    );
    input
}

fn campaign(input: &Input) -> CampaignReport {
    let g = Whole::new(
        validate(input, later()),
        History::Unknown {
            reason: cchc_core::text::Text::new("", ""),
        },
        later(),
    );
    g.report()
        .campaigns
        .into_iter()
        .find(|c| c.id == "2023-9t")
        .unwrap()
}

fn workbook(site: &SiteFiles) -> Xlsx<std::io::Cursor<Vec<u8>>> {
    Xlsx::new(std::io::Cursor::new(
        site["2023-9t/bang-tong-hop.xlsx"].clone(),
    ))
    .unwrap()
}

/// A CSV download read as a program would: the byte-order mark off, lines
/// starting with `#` skipped. Also its first line.
fn read_csv(bytes: &[u8]) -> (String, Vec<String>, Vec<csv::StringRecord>) {
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").expect("BOM")).unwrap();
    let first = text.lines().next().unwrap().to_owned();
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader.records().map(Result::unwrap).collect();
    (first, header, rows)
}

/// The sheet's rows by header: each row a map from column header to cell.
fn table(range: &Range<Data>) -> Vec<BTreeMap<String, Data>> {
    let mut rows = range.rows();
    let header: Vec<String> = rows
        .next()
        .unwrap()
        .iter()
        .map(ToString::to_string)
        .collect();
    rows.map(|r| header.iter().cloned().zip(r.iter().cloned()).collect())
        .collect()
}

/// An Excel serial date-time as a civil date-time, to the second.
fn civil(d: &Data) -> DateTime {
    let Data::DateTime(t) = d else {
        panic!("not a date-time: {d:?}")
    };
    assert!(t.is_datetime());
    #[expect(clippy::cast_possible_truncation, reason = "a date's seconds")]
    let secs = (t.as_f64() * 86_400.0).round() as i64;
    Date::constant(1899, 12, 30)
        .to_datetime(jiff::civil::Time::midnight())
        .checked_add(jiff::SignedDuration::from_secs(secs))
        .unwrap()
}

fn float(d: &Data) -> f64 {
    match d {
        Data::Float(v) => *v,
        Data::Int(v) => *v as f64,
        other => panic!("not a number: {other:?}"),
    }
}

fn cells_text(range: &Range<Data>) -> String {
    range
        .rows()
        .flat_map(|r| r.iter().map(ToString::to_string))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_illustrative_notice_is_in_every_download_of_an_illustrative_campaign() {
    let site = build(&sample(), later());
    for file in ["bang-tong-hop.csv", "bang-tong-hop-nhiem-vu.csv"] {
        let bytes = &site[format!("2023-9t/{file}").as_str()];
        let (first, header, rows) = read_csv(bytes);
        assert!(first.starts_with("# DỮ LIỆU MINH HỌA"), "{file}: {first}");
        // Read as a spreadsheet does (no comments), it is the first row,
        // its heading in the first cell.
        let text = std::str::from_utf8(&bytes[3..]).unwrap();
        let mut plain = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let notice = plain.records().next().unwrap().unwrap();
        assert!(notice[0].contains("MINH HỌA") && notice[1].contains("minh họa"));
        // A reader told to skip comment lines gets the table as it is.
        assert!(header[0].starts_with("Mã"), "{file}: {header:?}");
        assert!(rows.iter().all(|r| r.len() == header.len()), "{file}");
    }
    let mut book = workbook(&site);
    assert_eq!(book.sheet_names()[0], "Thông tin");
    let info = cells_text(&book.worksheet_range("Thông tin").unwrap());
    assert!(info.contains("DỮ LIỆU MINH HỌA"), "{info}");
    assert!(info.contains("Tổng hợp lúc"), "{info}");
    // 2026-11-25 03:00 UTC is 10:00 in Hà Nội.
    assert!(
        info.contains("10:00 ngày 25/11/2026 (giờ Asia/Ho_Chi_Minh)"),
        "{info}"
    );
}

#[test]
fn a_real_campaigns_downloads_carry_no_notice() {
    let site = build(&real(), later());
    for file in ["bang-tong-hop.csv", "bang-tong-hop-nhiem-vu.csv"] {
        let bytes = &site[format!("2023-9t/{file}").as_str()];
        let (first, header, _) = read_csv(bytes);
        // The header is the first line.
        assert!(
            first.starts_with(&format!("{},", header[0])),
            "{file}: {first}"
        );
        let text = String::from_utf8_lossy(bytes).to_lowercase();
        assert!(!text.contains("minh họa"), "{file}");
    }
    let mut book = workbook(&site);
    let info = cells_text(&book.worksheet_range("Thông tin").unwrap());
    assert!(!info.to_lowercase().contains("minh họa"), "{info}");
    assert!(
        info.contains("Đợt đánh giá") && info.contains("Cách đọc"),
        "{info}"
    );
    // The real campaign's numbers are the illustrative one's: only the
    // notice differs.
    let illustrative = build(&sample(), later());
    let (_, _, a) = read_csv(&site["2023-9t/bang-tong-hop.csv"]);
    let (_, _, b) = read_csv(&illustrative["2023-9t/bang-tong-hop.csv"]);
    assert_eq!(a, b);
}

#[test]
fn the_units_sheet_holds_numbers_percentages_and_date_times() {
    let c = campaign(&sample());
    let site = build(&sample(), later());
    let units = table(&workbook(&site).worksheet_range("Đơn vị").unwrap());
    assert_eq!(units.len(), c.units.len());
    let mut times = 0;
    for (row, u) in units.iter().zip(&c.units) {
        assert_eq!(row["Mã đơn vị"].to_string(), u.id);
        match u.received.as_ref().and_then(|r| r.time.as_ref()) {
            Some(t) => {
                // The report's time, in the campaign's local time (its RFC
                // 3339 form is written in that offset).
                let expected: DateTime = t.iso.parse().unwrap();
                assert_eq!(civil(&row["Thời điểm nhận"]), expected, "{}", u.id);
                times += 1;
            }
            None => assert_eq!(row["Thời điểm nhận"], Data::Empty, "{}", u.id),
        }
        match &u.total {
            Some(t) => assert_eq!(float(&row["Điểm sơ bộ"]), t.value),
            None => assert_eq!(row["Điểm sơ bộ"], Data::Empty),
        }
        assert_eq!(float(&row["Điểm tối đa"]), u.max.value);
        match &u.percent {
            Some(p) => assert!((float(&row["Tỷ lệ"]) - p.value / 100.0).abs() < 1e-12),
            None => assert_eq!(row["Tỷ lệ"], Data::Empty),
        }
        assert_eq!(float(&row["Tiêu chí đã chấm"]), u.rows_scored as f64);
        assert_eq!(
            float(&row["Tiêu chí không áp dụng"]),
            u.rows_not_applicable as f64
        );
        assert_eq!(float(&row["Số lỗi"]), u.errors as f64);
    }
    assert!(times >= 10, "{times} arrival times");
}

#[test]
fn area_subtotals_are_the_sums_of_their_rows() {
    let c = campaign(&sample());
    let site = build(&sample(), later());
    let rows = table(
        &workbook(&site)
            .worksheet_range("Theo thứ tự tiêu chí")
            .unwrap(),
    );
    let columns = ["Điểm tối đa", "Điểm tự đánh giá", "Điểm bị mất"];
    let sum = |rows: &[&BTreeMap<String, Data>], col: &str| -> Option<f64> {
        let have: Vec<f64> = rows
            .iter()
            .filter(|r| r[col] != Data::Empty)
            .map(|r| float(&r[col]))
            .collect();
        (!have.is_empty()).then(|| have.iter().sum())
    };
    let (mut area, mut all, mut subtotals) = (Vec::new(), Vec::new(), 0);
    for row in &rows {
        match row["Loại dòng"].to_string().as_str() {
            "Chi tiết" => {
                area.push(row);
                all.push(row);
            }
            "Cộng lĩnh vực" => {
                assert!(!area.is_empty());
                for r in &area {
                    assert_eq!(r["Lĩnh vực"], row["Lĩnh vực"], "{:?}", r["Mã tiêu chí"]);
                }
                for col in columns {
                    let cell = (row[col] != Data::Empty).then(|| float(&row[col]));
                    let expected = sum(&area, col);
                    assert!(
                        cell.zip(expected)
                            .is_some_and(|(a, b)| (a - b).abs() < 1e-9)
                            || (cell.is_none() && expected.is_none()),
                        "area {}: {col} {cell:?} vs {expected:?}",
                        row["Lĩnh vực"]
                    );
                }
                let a = c
                    .areas
                    .iter()
                    .find(|a| a.id == row["Lĩnh vực"].to_string())
                    .unwrap();
                assert_eq!(float(&row["Điểm tự đánh giá"]), a.sums.score.value);
                subtotals += 1;
                area.clear();
            }
            "Tổng cộng" => {
                assert!(area.is_empty(), "rows after the last subtotal");
                for col in columns {
                    assert!(
                        (float(&row[col]) - sum(&all, col).unwrap()).abs() < 1e-9,
                        "{col}"
                    );
                }
                assert_eq!(float(&row["Điểm tự đánh giá"]), c.province.score.value);
            }
            other => panic!("kind {other:?}"),
        }
    }
    assert_eq!(all.len(), 82);
    assert_eq!(subtotals, 7);
    assert_eq!(rows.last().unwrap()["Loại dòng"].to_string(), "Tổng cộng");
}

#[test]
fn the_tasks_sheet_and_csv_are_the_plans_tasks() {
    let c = campaign(&sample());
    let site = build(&sample(), later());
    let plan: toml::Table = toml::from_str(
        &std::fs::read_to_string(super::root().join("content/campaigns/2023-9t/plan.toml"))
            .unwrap(),
    )
    .unwrap();
    let plan = plan["task"].as_array().unwrap();
    let sheet = table(&workbook(&site).worksheet_range("Nhiệm vụ").unwrap());
    let (_, header, csv_rows) = read_csv(&site["2023-9t/bang-tong-hop-nhiem-vu.csv"]);
    assert_eq!(sheet.len(), plan.len());
    assert_eq!(csv_rows.len(), plan.len());
    for (((row, record), task), t) in sheet.iter().zip(&csv_rows).zip(plan).zip(&c.tasks) {
        let lead = &t.lead_name;
        let csv: BTreeMap<&str, &str> = header.iter().map(String::as_str).zip(record).collect();
        let id = task["id"].as_str().unwrap();
        assert_eq!(row["Mã nhiệm vụ"].to_string(), id);
        assert_eq!(csv["Mã nhiệm vụ"], id);
        assert_eq!(row["Nhiệm vụ"].to_string(), task["title"].as_str().unwrap());
        assert_eq!(csv["Nhiệm vụ"], task["title"].as_str().unwrap());
        let due = task["due"].as_datetime().unwrap().to_string();
        assert_eq!(
            civil(&row["Hạn hoàn thành"]).date().to_string(),
            due,
            "{id}"
        );
        assert_eq!(csv["Hạn hoàn thành"], due, "{id}");
        assert_eq!(row["Đơn vị chủ trì"].to_string(), *lead);
        assert_eq!(csv["Đơn vị chủ trì"], lead);
        // What the report has of it: the task's one state, and the unit's
        // own word.
        assert_eq!(row["Tình trạng"].to_string(), t.state_label, "{id}");
        assert_eq!(csv["Tình trạng"], t.state_label, "{id}");
        let own = t.status_label.unwrap_or("");
        assert_eq!(row["Đơn vị báo cáo"].to_string(), own, "{id}");
        assert_eq!(csv["Đơn vị báo cáo"], own, "{id}");
        let why = t.unreported_why.unwrap_or("");
        assert_eq!(row["Vì sao chưa báo cáo"].to_string(), why, "{id}");
        assert_eq!(csv["Vì sao chưa báo cáo"], why, "{id}");
        match &t.progress {
            Some(p) => {
                let percent: f64 = p.trim_end_matches('%').replace(',', ".").parse().unwrap();
                assert!(
                    (float(&row["Tiến độ (%)"]) - percent / 100.0).abs() < 1e-12,
                    "{id}"
                );
                assert_eq!(csv["Tiến độ (%)"].parse::<f64>().unwrap(), percent, "{id}");
            }
            None => {
                assert_eq!(row["Tiến độ (%)"], Data::Empty, "{id}");
                assert_eq!(csv["Tiến độ (%)"], "", "{id}");
            }
        }
    }
    // The sample has tasks of each kind the office looks for.
    for state in ["Quá hạn", "Dự báo khó hoàn thành", "Chưa báo cáo"] {
        assert!(c.tasks.iter().any(|t| t.state_label == state), "{state}");
    }
}

#[test]
fn the_tasks_page_and_the_dashboard_link_the_tasks_csv() {
    let site = build(&sample(), later());
    for page in ["2023-9t/nhiem-vu.html", "2023-9t/index.html"] {
        let html = super::page(&site, page);
        assert!(
            html.contains("href=\"bang-tong-hop-nhiem-vu.csv\""),
            "{page}"
        );
    }
}
