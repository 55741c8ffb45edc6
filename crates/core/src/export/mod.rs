//! The consolidated table (bảng tổng hợp) as files: CSV, XLSX and JSON, and
//! the plan's tasks as CSV. One code path for the site's downloads and `cchc
//! export`: the sheets are built once from the report ([`sheets()`]), then
//! written in each format. The layout is documented in
//! docs/bang-tong-hop-tai-ve.md.

mod cycle;
mod json;
mod sheets;
mod xlsx;

pub use cycle::cycle_sheet;
pub use json::{JsonRevision, json, json_revisions};
pub use sheets::{
    Cell, Column, Row, RowKind, Sheet, chase_sheet, criteria_sheet, sheets, tasks_sheet,
};
pub use xlsx::xlsx;

use crate::report::CampaignReport;

/// What an illustrative campaign's files say first, as the site's banner
/// does: a heading, then the campaign's own note (or the site's default
/// text). `None` for a real campaign: its files carry no such line.
pub fn illustrative_notice(c: &CampaignReport) -> Option<(&'static str, String)> {
    c.illustrative.then(|| {
        let note = c
            .illustrative_note
            .as_deref()
            .unwrap_or("Các số liệu của đợt này là minh họa, không phải kết quả thật của tỉnh.");
        (
            "DỮ LIỆU MINH HỌA — không phải kết quả thật của tỉnh",
            // One line: a reader that skips comment lines stops at the
            // first line break, even inside quotes.
            note.split_whitespace().collect::<Vec<_>>().join(" "),
        )
    })
}

/// A cell a spreadsheet would run as a formula (= + - @, or a tab or
/// carriage return that some import paths strip first) is prefixed with an
/// apostrophe, so free text from a submission cannot become a formula.
pub fn neutralise(s: &str) -> std::borrow::Cow<'_, str> {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}").into(),
        _ => s.into(),
    }
}

/// The plain decimal form of a number: "0.75", "10". Points are exact
/// thousandths and take their own (fast) form; anything else is rounded to
/// three decimals.
fn plain_number(v: f64) -> String {
    if let Some(p) = crate::points::Points::from_f64(v) {
        return p.to_string();
    }
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

/// The consolidated table's rows in the criteria set's order as CSV (no
/// subtotals: every row is a criterion, so a column's sum is the total).
pub fn csv(c: &CampaignReport) -> Result<Vec<u8>, String> {
    write_csv(c, &criteria_sheet(c, false))
}

/// The plan's tasks as CSV (bang-tong-hop-nhiem-vu.csv), the columns of the
/// workbook's tasks sheet.
pub fn tasks_csv(c: &CampaignReport) -> Result<Vec<u8>, String> {
    write_csv(c, &tasks_sheet(c))
}

/// The units to chase as CSV (can-don-doc.csv), the columns of the
/// workbook's sheet of them.
pub fn chase_csv(c: &CampaignReport) -> Result<Vec<u8>, String> {
    write_csv(c, &chase_sheet(c))
}

/// Each unit's criteria through the cycle as CSV (tham-dinh.csv), the
/// columns of the workbook's sheet "Thẩm định"; empty of rows without one.
pub fn cycle_csv(c: &CampaignReport) -> Result<Vec<u8>, String> {
    match cycle_sheet(c) {
        Some(sheet) => write_csv(c, &sheet),
        None => Err("the campaign has no appraisal".to_owned()),
    }
}

/// A sheet as CSV for Excel and for programs: UTF-8 with a byte-order mark
/// (so that Excel shows the diacritics), CRLF line ends, decimal points,
/// dates in ISO 8601 (`2023-06-30`, `2023-09-12 10:15`, which Excel reads as
/// dates whatever its language), formula-like text neutralised. An
/// illustrative campaign's file starts with one line before the header:
/// its first field begins with `#`, the comment mark that csv readers can
/// be told to skip (pandas `comment="#"`, Rust csv `comment(Some(b'#'))`,
/// R `comment.char`), and a spreadsheet shows it in the first row.
fn write_csv(c: &CampaignReport, sheet: &Sheet) -> Result<Vec<u8>, String> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    if let Some((heading, note)) = illustrative_notice(c) {
        // Two fields: the heading, which has no comma or quote and so stays
        // unquoted, its `#` the line's first byte; then the note.
        let mut w = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::CRLF)
            .from_writer(&mut out);
        w.write_record([format!("# {heading}").as_str(), &neutralise(&note)])
            .map_err(|e| e.to_string())?;
        w.flush().map_err(|e| e.to_string())?;
    }
    // `#` is the comment mark for this writer: a field that holds one is
    // quoted, so that no line of data can be taken for a comment.
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .comment(Some(b'#'))
        .from_writer(&mut out);
    w.write_record(sheet.columns.iter().map(|col| col.header))
        .map_err(|e| e.to_string())?;
    for row in &sheet.rows {
        for cell in &row.cells {
            match cell {
                Cell::Text(s) => w.write_field(neutralise(s).as_bytes()),
                Cell::Points(p) => w.write_field(p.to_string()),
                Cell::Count(n) => w.write_field(n.to_string()),
                Cell::Percent(v) => w.write_field(plain_number(*v)),
                Cell::DateTime(t) => w.write_field(t.strftime("%Y-%m-%d %H:%M").to_string()),
                Cell::Date(d) => w.write_field(d.to_string()),
                Cell::Empty => w.write_field(""),
            }
            .map_err(|e| e.to_string())?;
        }
        w.write_record(None::<&[u8]>).map_err(|e| e.to_string())?;
    }
    w.flush().map_err(|e| e.to_string())?;
    drop(w);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_text_is_neutralised() {
        assert_eq!(neutralise("=1+1"), "'=1+1");
        assert_eq!(neutralise("+84"), "'+84");
        assert_eq!(neutralise("-x"), "'-x");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("\tx"), "'\tx");
        assert_eq!(neutralise("\rx"), "'\rx");
        assert_eq!(neutralise("Sở Tư pháp"), "Sở Tư pháp");
    }

    #[test]
    fn numbers_are_plain() {
        assert_eq!(plain_number(0.75), "0.75");
        assert_eq!(plain_number(10.0), "10");
        assert_eq!(plain_number(61.5), "61.5");
        assert_eq!(plain_number(-0.0001), "0");
        assert_eq!(plain_number(1.0 / 3.0), "0.333");
        assert_eq!(plain_number(-2.25), "-2.25");
    }
}
