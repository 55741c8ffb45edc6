//! The clerk's list of units to chase: the page and its CSV.

use cchc_core::input::FileData;

use super::{build, later, page, sample, visible};

/// The CSV's data rows (the illustrative notice and the header skipped).
fn csv_rows(bytes: &[u8]) -> Vec<csv::StringRecord> {
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_reader(text.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn the_sample_lists_the_missing_units_first_then_the_late_ones_with_whom_to_call() {
    let site = build(&sample(), later());
    let html = page(&site, "2023-9t/can-don-doc.html");
    let text = visible(html);
    assert!(text.contains("7 đơn vị cần đôn đốc"), "{text}");
    let rows = csv_rows(&site["2023-9t/can-don-doc.csv"]);
    let order: Vec<(&str, &str)> = rows.iter().map(|r| (&r[0], &r[3])).collect();
    assert_eq!(
        order,
        [
            ("khoa-hoc-cong-nghe", "Chưa nộp"),
            ("van-hoa-the-thao-du-lich", "Chưa nộp"),
            ("xay-dung", "Chưa nộp"),
            ("nong-nghiep-ptnt", "Chưa nộp"),
            ("ke-hoach-dau-tu", "Nộp muộn"),
            ("lao-dong-thuong-binh-xa-hoi", "Nộp muộn"),
            ("giao-duc-dao-tao", "Nộp muộn"),
        ]
    );
    // The general deadline (the end of 14/9/2023, Vietnam time) to the
    // build (25/11/2026 10:00): 1,167 whole days.
    let missing = &rows[0];
    assert_eq!(&missing[4], "1167");
    assert_eq!(&missing[5], "1167 ngày");
    assert_eq!(&missing[6], "Lê Văn Hòa");
    assert_eq!(&missing[10], "Chưa nộp báo cáo.");
    // A report that came 20 minutes late says so, with who prepared it
    // when the unit names no contact.
    let late = rows.iter().find(|r| &r[0] == "giao-duc-dao-tao").unwrap();
    assert_eq!((&late[4], &late[5]), ("0", "20 phút"));
    assert!(!late[6].is_empty());
    assert!(text.contains("nộp muộn 20 phút"), "{text}");
    assert!(text.contains("quá hạn 1167 ngày"), "{text}");
    assert!(text.contains("Lê Văn Hòa"), "{text}");
    // Every unit on the page links to its page.
    for r in &rows {
        assert!(
            html.contains(&format!("href=\"don-vi/{}.html\"", &r[0])),
            "{}",
            &r[0]
        );
    }
}

#[test]
fn a_report_with_errors_is_chased_with_what_is_wrong_in_words() {
    let mut input = sample();
    let path = "submissions/2023-9t/tu-phap.toml";
    let Some(FileData::Bytes(bytes)) = input.files.get_mut(path) else {
        panic!("{path}");
    };
    let text = String::from_utf8(bytes.clone()).unwrap();
    // A score above its criterion's maximum makes the report invalid.
    let broken = text.replacen("score = 1", "score = 99", 1);
    assert_ne!(broken, text);
    *bytes = broken.into_bytes();
    let site = build(&input, later());
    let rows = csv_rows(&site["2023-9t/can-don-doc.csv"]);
    let r = rows.iter().find(|r| &r[0] == "tu-phap").unwrap();
    assert_eq!(&r[3], "Báo cáo chưa hợp lệ");
    assert!(
        r[10].starts_with("Báo cáo còn 1 lỗi, chưa được tính điểm."),
        "{}",
        &r[10]
    );
    assert!(r[10].contains("99"), "{}", &r[10]);
    // The invalid ones come after the missing ones, before the late ones.
    let at = |id: &str| rows.iter().position(|r| &r[0] == id).unwrap();
    assert!(at("nong-nghiep-ptnt") < at("tu-phap") && at("tu-phap") < at("ke-hoach-dau-tu"));
    let html = visible(page(&site, "2023-9t/can-don-doc.html"));
    assert!(
        !html.contains("E037"),
        "no rule code on a public page: {html}"
    );
}

#[test]
fn the_dashboard_opens_with_who_has_not_sent_and_where_points_are_lost() {
    let site = build(&sample(), later());
    let html = page(&site, "2023-9t/index.html");
    let summary = &html[html.find("id=\"summary\"").unwrap()..];
    let summary = visible(&summary[..summary.find("</section>").unwrap()]);
    // Before the submissions' section: the first thing a reader meets.
    assert!(html.find("id=\"summary\"").unwrap() < html.find("id=\"submissions\"").unwrap());
    assert!(
        summary.contains(
            "Chưa nộp: Sở Khoa học và Công nghệ (quá hạn 1167 ngày); Sở Văn hóa, Thể thao và Du lịch (quá hạn 1167 ngày); Sở Xây dựng (quá hạn 1167 ngày); Sở Nông nghiệp và Phát triển nông thôn (quá hạn 1167 ngày)."
        ),
        "{summary}"
    );
    assert!(
        summary.contains("Sở Giáo dục và Đào tạo (muộn 20 phút)"),
        "{summary}"
    );
    assert!(
        summary.contains("45 / 56,25 điểm của các tiêu chí đã chấm"),
        "{summary}"
    );
    assert!(
        summary.contains("chưa có điểm 3,75 điểm của 4 đơn vị"),
        "{summary}"
    );
    // The areas that lose the most, most first, as the area table has them.
    let lost = summary.split("Mất nhiều điểm nhất:").nth(1).unwrap();
    let figures: Vec<f64> = lost
        .split("lĩnh vực ")
        .skip(1)
        .map(|s| {
            let inside = &s[s.find('(').unwrap() + 1..s.find(" điểm)").unwrap()];
            inside.replace(',', ".").parse().unwrap()
        })
        .collect();
    assert_eq!(figures.len(), 3, "{lost}");
    assert!(figures.windows(2).all(|w| w[0] >= w[1]), "{figures:?}");
}
