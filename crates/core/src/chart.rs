//! Charts as inline SVG, drawn here so the site needs no script or library.
//! Every chart has a text table beside it on the page; the SVG is a picture
//! of that table, labelled for screen readers. Colours come from CSS classes
//! (with fills as a fallback), so a province can restyle them.

use std::fmt::Write as _;

use crate::report::{CampaignReport, Status};
use crate::text::escape_html as esc;

/// Shortens a label to fit a chart line.
fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// The bands' fills, as in style.css: a teal ramp, darker is better, no
/// colour of a status. The lightest has an outline on the bar.
const BAND_FILL: [&str; 4] = ["#0b4f55", "#21747b", "#8fc9cd", "#e2f2f3"];

pub fn status_fill(s: Status) -> &'static str {
    match s {
        Status::OnTime => "#1a7f37",
        Status::Late => "#8a4b00",
        Status::Received => "#1f5fa8",
        Status::NotYetDue => "#57606a",
        Status::Missing => "#b42318",
        Status::Invalid => "#6639ba",
    }
}

/// How wide a chart is drawn. A chart's SVG scales to its box, and its text
/// with it: a chart drawn for a desktop screen shrinks its labels to a few
/// pixels on a phone. So each chart is drawn twice, and the stylesheet shows
/// one (`.chart-wide`, `.chart-narrow`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Width {
    /// For a desktop screen and print: the areas' bars 800 units wide, the
    /// status tiles 9 a row.
    Wide,
    /// For a phone about 360 CSS px wide, drawn at about that many units so
    /// that a unit is a pixel there: text of 14 units, labels above their
    /// bars, 6 tiles a row.
    Narrow,
}

impl Width {
    /// The suffix of the chart's ids, which must differ between the two
    /// drawings on one page.
    fn id(self) -> &'static str {
        match self {
            Width::Wide => "",
            Width::Narrow => "-narrow",
        }
    }
}

/// `text` in lines of at most `max` characters, broken at spaces, at most
/// `lines` of them (the last shortened when the text is longer).
fn wrap(text: &str, max: usize, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let len = line.chars().count();
        if len > 0 && len + 1 + word.chars().count() > max {
            out.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push(line);
    }
    if out.len() > lines {
        let rest = out.split_off(lines - 1).join(" ");
        out.push(shorten(&rest, max));
    }
    out.into_iter().map(|l| shorten(&l, max)).collect()
}

/// Horizontal bars, one per area with self-assessed rows: the preliminary
/// score against the maximum of the rows scored so far. Wide: the label
/// above its bar, the value right of it; narrow: the label on up to two
/// lines, the bar across the width, the value under it.
pub fn areas(c: &CampaignReport, layout: Width) -> String {
    let areas: Vec<_> = c
        .areas
        .iter()
        .filter(|a| a.sums.self_max.value > 0.0)
        .collect();
    let mut s = String::new();
    let mut body = String::new();
    let mut y = 4.0_f64;
    let (width, left) = match layout {
        Width::Wide => (800.0_f64, 8.0_f64),
        Width::Narrow => (360.0, 2.0),
    };
    for a in &areas {
        let sums = &a.sums;
        let frac = if sums.scored_max.value > 0.0 {
            (sums.score.value / sums.scored_max.value).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let band = sums.percent.as_ref().map_or(3, |p| p.band.min(3));
        let fill = BAND_FILL.get(band).copied().unwrap_or("#57606a");
        let value = match &sums.percent {
            // The band in words too: its colour is not the only sign.
            Some(p) if p.band_label.is_empty() => {
                format!(
                    "{} / {} ({})",
                    sums.score.text, sums.scored_max.text, p.text
                )
            }
            Some(p) => format!(
                "{} / {} ({}, {})",
                sums.score.text, sums.scored_max.text, p.text, p.band_label
            ),
            None => "chưa có điểm".to_owned(),
        };
        let label = format!("{}. {}", a.id, a.name);
        let bar = |x: f64, by: f64, bar_w: f64, h: f64| {
            format!(
                r##"<rect x="{x}" y="{by}" width="{bar_w}" height="{h}" rx="3" class="track" fill="#f6f8fa" stroke="#d0d7de"/><rect x="{x}" y="{by}" width="{fw:.1}" height="{h}" rx="3" class="fill band-{band}" fill="{fill}" stroke="#0b4f55"/>"##,
                fw = bar_w * frac,
            )
        };
        body.push_str(r#"<g class="bar">"#);
        match layout {
            Width::Wide => {
                let bar_w = 520.0;
                let _ = write!(
                    body,
                    r#"<text x="{left}" y="{ty}" class="label">{label}</text>{bar}<text x="{vx}" y="{vy}" class="value">{value}</text>"#,
                    ty = y + 13.0,
                    bar = bar(left, y + 20.0, bar_w, 16.0),
                    vx = left + bar_w + 10.0,
                    vy = y + 33.0,
                    label = esc(&shorten(&label, 78)),
                    value = esc(&value),
                );
                y += 46.0;
            }
            Width::Narrow => {
                // 14 units of text: about 7.5 a character, so 44 to a line.
                for line in wrap(&label, 44, 2) {
                    y += 17.0;
                    let _ = write!(
                        body,
                        r#"<text x="{left}" y="{y}" class="label">{}</text>"#,
                        esc(&line)
                    );
                }
                body.push_str(&bar(left, y + 6.0, width - 2.0 * left, 14.0));
                let _ = write!(
                    body,
                    r#"<text x="{left}" y="{vy}" class="value">{value}</text>"#,
                    vy = y + 37.0,
                    value = esc(&value),
                );
                y += 52.0;
            }
        }
        body.push_str("</g>");
    }
    let height = y + 4.0;
    let id = layout.id();
    let _ = write!(
        s,
        r#"<svg class="chart chart-areas" viewBox="0 0 {width} {height}" width="100%" role="img" aria-labelledby="chart-areas{id}-title"><title id="chart-areas{id}-title">Điểm sơ bộ theo lĩnh vực so với điểm tối đa của các tiêu chí đã chấm</title>{body}</svg>"#
    );
    s
}

/// One tile per unit, in the letter's order, coloured by status and labelled
/// with its appendix; a legend with the counts below.
pub fn statuses(c: &CampaignReport, layout: Width) -> String {
    let per_row = match layout {
        Width::Wide => 9_usize,
        Width::Narrow => 6,
    };
    let (tile, gap) = (52.0_f64, 6.0_f64);
    let rows = c.units.len().div_ceil(per_row).max(1);
    let shown: Vec<_> = c.counts.iter().filter(|k| k.count > 0).collect();
    let legend_h = 24.0 * shown.len() as f64;
    let width = per_row as f64 * (tile + gap);
    let height = rows as f64 * (tile + gap) + legend_h + 8.0;
    let id = layout.id();
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="chart chart-status" viewBox="0 0 {width} {height}" width="100%" role="img" aria-labelledby="chart-status{id}-title"><title id="chart-status{id}-title">Tình trạng nộp báo cáo của từng đơn vị</title>"#
    );
    for (i, u) in c.units.iter().enumerate() {
        let (col, row) = (i % per_row, i / per_row);
        let x = col as f64 * (tile + gap);
        let y = row as f64 * (tile + gap);
        let _ = write!(
            s,
            r#"<g class="tile"><title>{title}</title><rect x="{x}" y="{y}" width="{tile}" height="{tile}" rx="6" class="st-{key}" fill="{fill}"/><text x="{tx}" y="{ty}" class="tile-label">{label}</text></g>"#,
            title = esc(&format!(
                "Phụ lục {} — {}: {}",
                u.appendix, u.name, u.status_label
            )),
            key = u.status.key(),
            fill = status_fill(u.status),
            tx = x + tile / 2.0,
            ty = y + tile / 2.0 + 6.0,
            label = esc(&u.appendix),
        );
    }
    let top = rows as f64 * (tile + gap) + 4.0;
    for (i, k) in shown.iter().enumerate() {
        let y = top + 24.0 * i as f64;
        let _ = write!(
            s,
            r#"<g class="legend"><rect x="0" y="{y}" width="16" height="16" rx="3" class="st-{key}" fill="{fill}"/><text x="24" y="{ty}" class="legend-label">{label}: {count}</text></g>"#,
            key = k.status.key(),
            fill = status_fill(k.status),
            ty = y + 13.0,
            label = esc(k.label),
            count = k.count,
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The charts' fills are the stylesheet's: each status and each band in
    /// the same colour there, and no colour meaning both a status and a band.
    #[test]
    fn statuses_and_bands_share_no_colour_and_match_the_stylesheet() {
        let css = include_str!("../../../templates/static/style.css");
        let var = |name: &str| {
            let at = css
                .find(&format!("--{name}:"))
                .unwrap_or_else(|| panic!("--{name}"));
            css[at..]
                .split([':', ';'])
                .nth(1)
                .unwrap_or_default()
                .trim()
                .to_owned()
        };
        let class_fill = |class: &str| {
            let at = css
                .find(&format!(".{class} {{"))
                .unwrap_or_else(|| panic!(".{class}"));
            let rule = &css[at..at + css[at..].find('}').unwrap_or_default()];
            let fill = rule.split("fill:").nth(1).unwrap_or_default();
            let fill = fill.split(';').next().unwrap_or_default().trim();
            match fill.strip_prefix("var(--") {
                Some(v) => var(v.trim_end_matches(')')),
                None => fill.to_owned(),
            }
        };
        let statuses: Vec<&str> = Status::ALL.iter().map(|s| status_fill(*s)).collect();
        for s in Status::ALL {
            assert_eq!(
                class_fill(&format!("st-{}", s.key())),
                status_fill(s),
                "{s:?}"
            );
        }
        for (i, fill) in BAND_FILL.iter().enumerate() {
            assert_eq!(&class_fill(&format!("band-{i}")), fill, "band {i}");
            assert!(
                !statuses.contains(fill),
                "band {i} has a status's colour {fill}"
            );
        }
    }

    /// A label for the narrow bars: at most `lines` lines of at most `max`
    /// characters, broken at spaces, the rest shortened.
    #[test]
    fn wraps_labels_at_spaces() {
        assert_eq!(
            wrap("1. Cải cách thủ tục hành chính", 44, 2),
            ["1. Cải cách thủ tục hành chính"]
        );
        assert_eq!(
            wrap(
                "7. Xây dựng và phát triển Chính quyền điện tử, Chính quyền số",
                44,
                2
            ),
            [
                "7. Xây dựng và phát triển Chính quyền điện",
                "tử, Chính quyền số"
            ]
        );
        assert_eq!(wrap("aaa bbb ccc ddd", 7, 2), ["aaa bbb", "ccc ddd"]);
        assert_eq!(wrap("aaa bbb ccc ddd eee", 7, 2), ["aaa bbb", "ccc dd…"]);
        assert_eq!(wrap("abcdefghij", 5, 2), ["abcd…"]);
        assert!(wrap("", 5, 2).is_empty());
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(esc("<script>&\"'\u{1}"), "&lt;script&gt;&amp;&quot;&#39;");
        assert_eq!(shorten("abcdef", 4), "abc…");
    }
}
