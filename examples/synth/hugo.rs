//! The Hugo site of the same pages as cchc builds from the synthetic
//! repository: what the benchmarks compare cchc's build with.

use std::fmt::Write as _;
use std::io;
use std::path::Path;

use crate::synth::{Row, Spec, campaign_id, final_versions, rows, task_title, unit_id, unit_name};

/// The header of a Hugo page's criteria table.
const HEAD: &str = "| Mã | Tiêu chí | Tối đa | Tự chấm | Giải trình | Tài liệu kiểm chứng |\n|---|---|--:|--:|---|---|\n";

/// A Hugo site of the same pages as cchc builds from the same data, each a
/// Markdown page whose tables Hugo renders: per campaign a list page (the
/// dashboard: every unit's total), a page per unit (its tasks and criteria
/// table), a page per area (its rows), the consolidated table in two orders,
/// the tasks and the method; and a home page.
pub fn hugo_site(spec: &Spec, dir: &Path) -> io::Result<usize> {
    let write = |path: &str, text: &str| -> io::Result<()> {
        let p = dir.join(path);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(p, text)
    };
    write(
        "config.toml",
        "baseURL = \"/\"\nlanguageCode = \"vi\"\ntitle = \"Tiến độ CCHC (giả lập)\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\", \"robotsTXT\", \"404\"]\nrelativeURLs = true\nuglyURLs = true\n",
    )?;
    write(
        "layouts/_default/baseof.html",
        "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head>\n<body><header><a href=\"{{ \"/\" | relURL }}\">Trang chủ</a> · Dữ liệu giả lập</header>\n<main>{{ block \"main\" . }}{{ end }}</main></body></html>\n",
    )?;
    write(
        "layouts/_default/single.html",
        "{{ define \"main\" }}<h1>{{ .Title }}</h1>\n{{ with .Params.total }}<p>Tổng điểm tự chấm: {{ . }} / {{ $.Params.max }}</p>{{ end }}\n{{ .Content }}{{ end }}\n",
    )?;
    write(
        "layouts/_default/list.html",
        "{{ define \"main\" }}<h1>{{ .Title }}</h1>\n<table><thead><tr><th>Đơn vị</th><th>Tổng điểm</th><th>Tối đa</th></tr></thead><tbody>\n{{ range where .Pages \"Params.kind\" \"unit\" }}<tr><td><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></td><td>{{ .Params.total }}</td><td>{{ .Params.max }}</td></tr>\n{{ end }}</tbody></table>\n<ul>{{ range where .Pages \"Params.kind\" \"!=\" \"unit\" }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n",
    )?;
    write(
        "layouts/index.html",
        "{{ define \"main\" }}<h1>{{ .Site.Title }}</h1><ul>{{ range .Sections }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a> ({{ len .Pages }} trang)</li>{{ end }}</ul>{{ end }}\n",
    )?;
    let row_line = |r: &Row| {
        let evidence = format!(
            "{} ngày {}: {}",
            r.evidence_number, r.evidence_date, r.evidence_title
        );
        let evidence = match &r.url {
            Some(url) => format!("[{evidence}]({url})"),
            None => evidence,
        };
        format!(
            "| {} | {} | 1 | {} | {} | {evidence} |\n",
            r.id, r.name, r.score, r.explanation
        )
    };
    let last = final_versions(spec);
    let mut pages = 1;
    for c in 1..=spec.campaigns {
        let id = campaign_id(c);
        let mut put = |name: &str, front: &str, body: &str| -> io::Result<()> {
            pages += 1;
            write(
                &format!("content/{id}/{name}"),
                &format!("+++\n{front}+++\n\n{body}"),
            )
        };
        put(
            "_index.md",
            &format!("title = \"Đợt đánh giá giả lập của tỉnh {c:02}\"\n"),
            "",
        )?;
        let mut all: Vec<(String, Row)> = Vec::new();
        // The units to chase: here, those without a report.
        let mut chase =
            String::from("| Đơn vị | Cần đôn đốc vì | Người liên hệ |\n|---|---|---|\n");
        let mut tasks =
            String::from("| Mã | Nhiệm vụ | Đơn vị | Tình trạng |\n|---|---|---|---|\n");
        for u in 1..=spec.units {
            let name = unit_name(spec, c, u);
            let rows = last[c][u].map(|v| rows(spec, c, u, v)).unwrap_or_default();
            let total: f64 = rows.iter().map(|r| r.score).sum();
            if last[c][u].is_none() {
                let _ = writeln!(chase, "| {name} | Chưa nộp | — |");
            }
            let mut unit_tasks = String::from("| Mã | Nhiệm vụ | Tình trạng |\n|---|---|---|\n");
            for t in 1..=spec.tasks {
                let status = if t % 2 == 1 {
                    "Hoàn thành"
                } else {
                    "Đang thực hiện"
                };
                let title = task_title(u, t);
                let _ = writeln!(unit_tasks, "| NV{u:03}-{t} | {title} | {status} |");
                let _ = writeln!(tasks, "| NV{u:03}-{t} | {title} | {name} | {status} |");
            }
            let mut table = String::from(HEAD);
            for r in &rows {
                table.push_str(&row_line(r));
            }
            put(
                &format!("don-vi-{}.md", unit_id(spec, c, u)),
                &format!(
                    "title = \"{name}\"\nkind = \"unit\"\ntotal = {total}\nmax = {}\n",
                    spec.rows
                ),
                &format!("## Nhiệm vụ\n\n{unit_tasks}\n## Điểm tự đánh giá\n\n{table}"),
            )?;
            put(
                &format!("linh-vuc-{u}.md"),
                &format!("title = \"Lĩnh vực giả lập {u}\"\nkind = \"area\"\n"),
                &table,
            )?;
            all.extend(rows.into_iter().map(|r| (name.clone(), r)));
        }
        let table = |rows: &[(String, Row)]| {
            let mut t = String::from(
                "| Mã | Tiêu chí | Đơn vị | Tối đa | Tự chấm | Bị mất |\n|---|---|---|--:|--:|--:|\n",
            );
            for (unit, r) in rows {
                let _ = writeln!(
                    t,
                    "| {} | {} | {unit} | 1 | {} | {} |",
                    r.id,
                    r.name,
                    r.score,
                    1.0 - r.score
                );
            }
            t
        };
        put(
            "bang-tong-hop.md",
            "title = \"Bảng tổng hợp\"\nkind = \"table\"\n",
            &table(&all),
        )?;
        all.sort_by(|a, b| a.1.score.total_cmp(&b.1.score));
        put(
            "bang-tong-hop-theo-diem-mat.md",
            "title = \"Bảng tổng hợp theo điểm bị mất\"\nkind = \"table\"\n",
            &table(&all),
        )?;
        put(
            "nhiem-vu.md",
            "title = \"Tiến độ nhiệm vụ\"\nkind = \"tasks\"\n",
            &tasks,
        )?;
        put(
            "can-don-doc.md",
            "title = \"Đơn vị cần đôn đốc\"\nkind = \"chase\"\n",
            &chase,
        )?;
        put(
            "phuong-phap.md",
            "title = \"Cách tính\"\nkind = \"method\"\n",
            "Điểm của đơn vị là tổng điểm tự chấm các tiêu chí trong phụ lục được giao. *Dữ liệu giả lập.*\n",
        )?;
    }
    Ok(pages)
}
