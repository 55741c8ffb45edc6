//! The plan's tasks on the sample: one state each, counts that add up to
//! the tasks shown, groups by state sorted by due date, groups by lead unit,
//! the dashboard's summary, and a task overdue whatever its unit says.

use std::collections::{BTreeMap, BTreeSet};

use super::escaping::replace_in;
use super::{build, later, page, root, sample, visible};

/// A task of the sample's plan, in its order.
struct PlanTask {
    id: String,
    lead: String,
    due: String,
}

fn plan() -> Vec<PlanTask> {
    let text = std::fs::read_to_string(root().join("content/campaigns/2023-9t/plan.toml")).unwrap();
    let doc: toml::Table = text.parse().unwrap();
    doc["task"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| PlanTask {
            id: t["id"].as_str().unwrap().to_owned(),
            lead: t["lead"].as_str().unwrap().to_owned(),
            due: t["due"].to_string(),
        })
        .collect()
}

/// The text between `from` and the next `to` after it.
fn between<'a>(html: &'a str, from: &str, to: &str) -> &'a str {
    let start = html.find(from).unwrap_or_else(|| panic!("no {from:?}")) + from.len();
    let rest = &html[start..];
    &rest[..rest.find(to).unwrap_or(rest.len())]
}

/// The counts table: (state key, count) per row in order, and the total.
fn count_table(html: &str) -> (Vec<(String, usize)>, usize) {
    let table = between(
        html,
        "<table class=\"compact task-counts\" data-sums>",
        "</table>",
    );
    let body = between(table, "<tbody>", "</tbody>");
    let rows = body
        .split("<tr>")
        .skip(1)
        .map(|row| {
            let key = between(row, "class=\"task-state ts-", "\"").to_owned();
            let n = between(row, "<td class=\"num\" data-add=\"tasks\">", "</td>")
                .parse()
                .unwrap();
            (key, n)
        })
        .collect();
    let total = between(
        table,
        "<tfoot><tr><th scope=\"row\">Tổng</th><td class=\"num\" data-sum=\"tasks\">",
        "</td>",
    )
    .parse()
    .unwrap();
    (rows, total)
}

/// A task row of a table: its state key, id and due date (ISO).
#[derive(Debug)]
struct Row {
    state: String,
    id: String,
    due: String,
}

fn rows(table: &str) -> Vec<Row> {
    table
        .split("<tr class=\"ts-")
        .skip(1)
        .map(|row| Row {
            state: row[..row.find('"').unwrap()].to_owned(),
            id: between(row, "<td class=\"key\" data-label=\"Mã\">", "</td>").to_owned(),
            due: between(row, "<time class=\"date\" datetime=\"", "\"").to_owned(),
        })
        .collect()
}

/// The sections of `part` that start at each `<h3 id="`: (id, its html).
fn groups(part: &str) -> Vec<(String, &str)> {
    part.split("<h3 id=\"")
        .skip(1)
        .map(|g| (g[..g.find('"').unwrap()].to_owned(), g))
        .collect()
}

#[test]
fn the_tasks_page_counts_groups_and_sorts_every_task_once() {
    let site = build(&sample(), later());
    let html = page(&site, "2023-9t/nhiem-vu.html");
    let plan = plan();
    let order: BTreeMap<&str, usize> = plan
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let all: BTreeSet<&str> = order.keys().copied().collect();

    // The counts: every state once, in the page's order, adding up.
    let (counts, total) = count_table(html);
    let keys: Vec<&str> = counts.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        keys,
        [
            "overdue",
            "at_risk",
            "not_reported",
            "in_progress",
            "not_started",
            "done"
        ]
    );
    assert_eq!(total, plan.len());
    assert_eq!(counts.iter().map(|(_, n)| n).sum::<usize>(), total);

    // By state: each group's rows are in its state, as many as counted,
    // by due date then plan order; every task once.
    let by_state = between(html, "id=\"theo-tinh-trang\"", "id=\"theo-don-vi\"");
    let mut seen = BTreeSet::new();
    let mut shown: BTreeMap<String, usize> = BTreeMap::new();
    let mut group_order = Vec::new();
    for (anchor, g) in groups(by_state) {
        let key = between(g, "class=\"task-state ts-", "\"").to_owned();
        let rs = rows(g);
        assert!(!rs.is_empty(), "{anchor}: an empty group is left out");
        assert!(
            g.contains(&format!("{} nhiệm vụ</span></h3>", rs.len())),
            "{anchor}: its heading counts its rows"
        );
        assert!(
            html.contains(&format!("href=\"#{anchor}\"")),
            "{anchor}: the counts link to it"
        );
        for r in &rs {
            assert_eq!(r.state, key, "{r:?} in {anchor}");
            assert!(seen.insert(r.id.clone()), "{} twice", r.id);
            assert_eq!(r.due, plan[order[r.id.as_str()]].due, "{r:?}");
        }
        let sort_keys: Vec<(&str, usize)> = rs
            .iter()
            .map(|r| (r.due.as_str(), order[r.id.as_str()]))
            .collect();
        assert!(
            sort_keys.windows(2).all(|w| w[0] < w[1]),
            "{anchor} not by due date then plan order: {sort_keys:?}"
        );
        shown.insert(key.clone(), rs.len());
        group_order.push(key);
    }
    assert_eq!(
        seen.iter().map(String::as_str).collect::<BTreeSet<_>>(),
        all
    );
    for (key, n) in &counts {
        assert_eq!(shown.get(key).copied().unwrap_or(0), *n, "{key}");
    }
    let nonzero: Vec<&str> = counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(k, _)| k.as_str())
        .collect();
    assert_eq!(group_order, nonzero, "groups in the counts' order");

    // The case: NV23 is due 30/6/2023, 60% done and reported at
    // risk; as of the cut-off it is overdue, like NV04 and NV09.
    let overdue: Vec<String> = rows(between(by_state, "<h3 id=\"qua-han\"", "<h3 id="))
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(overdue, ["NV04", "NV09", "NV23"]);
    let text = visible(html);
    assert!(
        text.contains("Quá hạn đơn vị báo cáo: dự báo khó hoàn thành 60%"),
        "{text}"
    );
    assert!(!text.contains("[khó hoàn thành]") && !text.contains("khó hoàn thành ["));
    assert!(text.contains("Tình trạng tính đến hết ngày 10/9/2023 , ngày chốt số liệu của đợt"));
    // A task whose unit has not reported says why.
    assert!(
        text.contains("Chưa báo cáo Đơn vị chủ trì chưa nộp báo cáo, đã quá hạn nộp."),
        "{text}"
    );

    // By lead unit: every task once, under its lead, with a tally that adds
    // up to its rows.
    let by_unit = &html[html.find("id=\"theo-don-vi\"").unwrap()..];
    let mut seen = BTreeSet::new();
    for (anchor, g) in groups(by_unit) {
        let unit = anchor.strip_prefix("dv-").unwrap();
        let rs = rows(g);
        let tally = between(g, "<div class=\"task-tally\" data-sums>", "</div>");
        assert!(tally.starts_with(&format!(
            "<span><span data-sum=\"tasks\">{}</span> nhiệm vụ:</span>",
            rs.len()
        )));
        let mut sum = 0;
        for item in tally.split("<li>").skip(1) {
            let key = between(item, "ts-", "\"");
            let n: usize = between(item, "<span data-add=\"tasks\">", "</span>")
                .parse()
                .unwrap();
            assert_eq!(
                rs.iter().filter(|r| r.state == key).count(),
                n,
                "{unit} {key}"
            );
            sum += n;
        }
        assert_eq!(sum, rs.len(), "{unit}");
        for r in &rs {
            assert_eq!(plan[order[r.id.as_str()]].lead, unit, "{r:?}");
            assert!(seen.insert(r.id.clone()), "{} twice", r.id);
        }
        let sort_keys: Vec<(&str, usize)> = rs
            .iter()
            .map(|r| (r.due.as_str(), order[r.id.as_str()]))
            .collect();
        assert!(sort_keys.windows(2).all(|w| w[0] < w[1]), "{unit}");
    }
    assert_eq!(
        seen.iter().map(String::as_str).collect::<BTreeSet<_>>(),
        all
    );

    // The dashboard's summary shows the same counts, linking to the groups.
    let dash = page(&site, "2023-9t/index.html");
    assert_eq!(count_table(dash), (counts, total));
    assert!(dash.contains("href=\"../2023-9t/nhiem-vu.html#qua-han\""));

    // The unit page: the same state, label and tally.
    let unit = page(&site, "2023-9t/don-vi/tai-nguyen-moi-truong.html");
    let rs = rows(unit);
    assert_eq!(rs.len(), 1);
    assert_eq!(
        (rs[0].id.as_str(), rs[0].state.as_str()),
        ("NV23", "overdue")
    );
    assert!(visible(unit).contains("1 nhiệm vụ: Quá hạn 1"));
}

#[test]
fn a_task_of_a_report_with_errors_is_not_reported_and_says_why() {
    let mut input = sample();
    // Sở Tài nguyên và Môi trường's file made invalid: its one task, NV23,
    // is no longer known.
    replace_in(
        &mut input,
        "submissions/2023-9t/tai-nguyen-moi-truong.toml",
        "progress = 60",
        "progress = 160",
    );
    let site = build(&input, later());
    let html = page(&site, "2023-9t/nhiem-vu.html");
    let rs = rows(between(html, "<h3 id=\"chua-bao-cao\"", "<h3 id="));
    assert!(rs.iter().any(|r| r.id == "NV23"), "{rs:?}");
    assert!(
        visible(html).contains("Báo cáo của đơn vị chủ trì còn lỗi nên chưa được tính."),
        "{html}"
    );
    let (counts, total) = count_table(html);
    assert_eq!(counts[0], ("overdue".to_owned(), 2));
    assert_eq!(counts.iter().map(|(_, n)| n).sum::<usize>(), total);
}

#[test]
fn before_the_cutoff_states_are_taken_at_the_build_day() {
    // 5/9/2023, five days before the cut-off: a task due on 8/9 could not
    // be late yet, so the page says which day it counts to.
    let site = build(&sample(), "2023-09-05T03:00:00Z".parse().unwrap());
    let text = visible(page(&site, "2023-9t/nhiem-vu.html"));
    assert!(
        text.contains(
            "Tình trạng tính đến hết ngày 5/9/2023 (hôm nay, trước ngày chốt số liệu 10/9/2023)"
        ),
        "{text}"
    );
}
