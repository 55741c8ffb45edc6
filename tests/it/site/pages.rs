//! Every page kind with the facts that matter, links that resolve (also to
//! a page whose name needs encoding), and the home page's archive.

use cchc_core::input::FileData;
use cchc_core::urls::file_of;

use super::escaping::replace_in;
use super::{build, later, page, sample, visible};

#[test]
fn every_page_kind_says_what_matters() {
    let site = build(&sample(), later());
    let home = visible(page(&site, "index.html"));
    assert!(home.contains("Dữ liệu minh họa."), "{home}");
    assert!(home.contains("Đánh giá sơ bộ kết quả cải cách hành chính 9 tháng đầu năm 2023"));

    let dash = page(&site, "2023-9t/index.html");
    let text = visible(dash);
    assert!(text.contains("Đã nhận báo cáo của 13/17 đơn vị"), "{text}");
    assert!(text.contains("Công văn Số …/SNV-CCHCVTLT"), "{text}");
    assert!(text.contains("Số liệu tính đến 10/9/2023"), "{text}");
    // "Trước ngày 15/9/2023": the deadline as its last day, in Vietnam's time.
    assert!(text.contains("hết ngày 14/9/2023 (giờ Việt Nam)"), "{text}");
    // Statuses from the sample's receipts register.
    assert!(text.contains("Đúng hạn 10"), "{text}");
    assert!(text.contains("Nộp muộn 3"), "{text}");
    assert!(text.contains("Chưa nộp, đã quá hạn 4"), "{text}");
    assert!(dash.contains("<svg class=\"chart chart-status\""));
    assert!(dash.contains("<svg class=\"chart chart-areas\""));
    // Each chart drawn twice, for a wide box and for a phone (360 units
    // wide, so about a pixel a unit there), with ids of their own.
    for id in ["chart-status", "chart-areas"] {
        assert_eq!(
            dash.matches(&format!("aria-labelledby=\"{id}-title\""))
                .count(),
            1
        );
        assert_eq!(
            dash.matches(&format!("aria-labelledby=\"{id}-narrow-title\""))
                .count(),
            1
        );
    }
    assert!(dash.contains("viewBox=\"0 0 360 "), "{dash}");
    // The headline is on what was scored; the units without a valid report
    // are what is outstanding, not zeros.
    assert!(
        text.contains("45 / 56,25 điểm của các tiêu chí đã chấm 80%"),
        "{text}"
    );
    assert!(
        text.contains("Thang điểm 100 điểm gồm: 56,25 điểm các tiêu chí đơn vị đã tự chấm; 3,75 điểm chưa có điểm (4 đơn vị chưa có báo cáo hợp lệ); 1,5 điểm các tiêu chí đơn vị ghi không áp dụng (không tính); 32 điểm từ điều tra xã hội học; 6,5 điểm từ chỉ tiêu kinh tế - xã hội"),
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
    // Each task once by state and once by lead unit (site::tasks for more).
    assert_eq!(tasks.matches("<tr class=\"ts-").count(), 2 * 32);
    let tasks_text = visible(tasks);
    assert!(tasks_text.contains("Quá hạn"), "{tasks_text}");
    assert!(tasks_text.contains("Dự báo khó hoàn thành"), "{tasks_text}");
    assert!(tasks_text.contains("Chưa báo cáo"), "{tasks_text}");

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
            visible(html).contains("Dữ liệu minh họa."),
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
            {
                continue;
            }
            assert!(!href.starts_with('/'), "{path}: absolute link {href}");
            let target = if href.starts_with('#') {
                path.clone()
            } else {
                resolve(path, &href)
            };
            assert!(
                site.contains_key(&target),
                "{path}: broken link {href} -> {target}"
            );
            // A link to a place in a page (a criterion's row, a section)
            // finds an element with that id there.
            if let Some((_, fragment)) = href.split_once('#')
                && target.ends_with(".html")
            {
                let id = format!(" id=\"{fragment}\"");
                assert!(
                    page(&site, &target).contains(&id),
                    "{path}: {href} -> no{id} in {target}"
                );
            }
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
