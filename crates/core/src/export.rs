//! The consolidated table (bảng tổng hợp) as files: CSV, XLSX and JSON. One
//! code path for the site's downloads and `cchc export`: the sheets are built
//! once from the report, then written in each format.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook};
use serde::Serialize;

use crate::report::{CampaignReport, RowView, UnitReport};

/// A cell of a sheet.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// A text cell.
    Text(String),
    /// A number cell.
    Number(f64),
    /// A cell with nothing in it.
    Empty,
}

/// One sheet of the table: a header row, then data rows.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// The sheet's name (the XLSX tab).
    pub name: &'static str,
    /// The column headers, in order.
    pub headers: Vec<&'static str>,
    /// Column widths in characters, for XLSX.
    pub widths: Vec<f64>,
    /// The data rows, each with one cell per header.
    pub rows: Vec<Vec<Cell>>,
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn opt_text(s: Option<&String>) -> Cell {
    s.map_or(Cell::Empty, |s| Cell::Text(s.clone()))
}

fn number(v: Option<f64>) -> Cell {
    v.map_or(Cell::Empty, Cell::Number)
}

fn row_note(r: &RowView, c: &CampaignReport) -> String {
    if r.not_applicable {
        return "Không áp dụng".to_owned();
    }
    if r.score.is_some() {
        return String::new();
    }
    match r
        .owner
        .as_deref()
        .and_then(|o| c.units.iter().find(|u| u.id == o))
    {
        Some(u) => format!("Chưa có điểm ({})", u.status_label.to_lowercase()),
        None => "Chưa giao đơn vị".to_owned(),
    }
}

fn criteria_sheet(name: &'static str, c: &CampaignReport, order: &[usize]) -> Sheet {
    let rows = order
        .iter()
        .filter_map(|&i| c.rows.get(i))
        .map(|r| {
            vec![
                text(r.id.clone()),
                text(r.name.clone()),
                text(r.area.clone()),
                opt_text(r.owner_name.as_ref()),
                opt_text(r.owner_appendix.as_ref()),
                Cell::Number(r.max.value),
                number(r.score.as_ref().map(|s| s.value)),
                number(r.lost.as_ref().map(|s| s.value)),
                text(row_note(r, c)),
            ]
        })
        .collect();
    Sheet {
        name,
        headers: vec![
            "Mã tiêu chí",
            "Tiêu chí",
            "Lĩnh vực",
            "Đơn vị chấm",
            "Phụ lục",
            "Điểm tối đa",
            "Điểm tự đánh giá",
            "Điểm bị mất",
            "Ghi chú",
        ],
        widths: vec![10.0, 60.0, 8.0, 28.0, 8.0, 10.0, 12.0, 10.0, 28.0],
        rows,
    }
}

fn units_sheet(c: &CampaignReport) -> Sheet {
    let rows = c
        .units
        .iter()
        .map(|u: &UnitReport| {
            vec![
                text(u.appendix.clone()),
                text(u.id.clone()),
                text(u.name.clone()),
                text(u.status_label),
                opt_text(
                    u.received
                        .as_ref()
                        .and_then(|r| r.time.as_ref())
                        .map(|t| &t.text),
                ),
                opt_text(u.revised.as_ref().map(|t| &t.text)),
                number(u.total.as_ref().map(|t| t.value)),
                Cell::Number(u.max.value),
                number(u.percent.as_ref().map(|p| p.value)),
                Cell::Number(u.rows_scored as f64),
                Cell::Number(u.rows_total as f64),
                Cell::Number(u.errors as f64),
            ]
        })
        .collect();
    Sheet {
        name: "Đơn vị",
        headers: vec![
            "Phụ lục",
            "Mã đơn vị",
            "Đơn vị",
            "Tình trạng",
            "Thời điểm nhận",
            "Sửa lần cuối",
            "Điểm sơ bộ",
            "Điểm tối đa",
            "Tỷ lệ (%)",
            "Tiêu chí đã chấm",
            "Tiêu chí của phụ lục",
            "Số lỗi",
        ],
        widths: vec![
            8.0, 26.0, 36.0, 24.0, 22.0, 22.0, 11.0, 11.0, 10.0, 12.0, 12.0, 8.0,
        ],
        rows,
    }
}

/// The sheets of the consolidated table: the rows in the criteria set's
/// order, by points lost, and the units.
pub fn sheets(c: &CampaignReport) -> Vec<Sheet> {
    vec![
        criteria_sheet("Theo thứ tự tiêu chí", c, &c.table_by_order),
        criteria_sheet("Theo điểm bị mất", c, &c.table_by_loss),
        units_sheet(c),
    ]
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

/// The first sheet as CSV: UTF-8 with a byte-order mark so that Excel shows
/// the diacritics, decimal points, formula-like text neutralised.
pub fn csv(c: &CampaignReport) -> Result<Vec<u8>, String> {
    let sheet = criteria_sheet("", c, &c.table_by_order);
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::CRLF)
            .from_writer(&mut out);
        w.write_record(&sheet.headers).map_err(|e| e.to_string())?;
        for row in &sheet.rows {
            for cell in row {
                match cell {
                    Cell::Text(s) => w.write_field(neutralise(s).as_bytes()),
                    Cell::Number(v) => w.write_field(plain_number(*v)),
                    Cell::Empty => w.write_field(""),
                }
                .map_err(|e| e.to_string())?;
            }
            w.write_record(None::<&[u8]>).map_err(|e| e.to_string())?;
        }
        w.flush().map_err(|e| e.to_string())?;
    }
    Ok(out)
}

/// Every sheet in one workbook: frozen header row, widths, number formats.
/// The document's creation time is the build's, so builds repeat exactly.
pub fn xlsx(c: &CampaignReport, built: jiff::Timestamp) -> Result<Vec<u8>, String> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_timestamp(built.as_second()).map_err(|e| e.to_string())?;
    let mut props = DocProperties::new()
        .set_title(format!("Bảng tổng hợp — {}", c.title))
        .set_creation_datetime(&created);
    if c.illustrative {
        props = props.set_comment("Dữ liệu minh hoạ, không phải kết quả thật của tỉnh.");
    }
    wb.set_properties(&props);
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let points = Format::new().set_num_format("0.00");
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    for sheet in sheets(c) {
        let ws = wb.add_worksheet();
        ws.set_name(sheet.name).map_err(|e| e.to_string())?;
        let mut numeric_columns = Vec::with_capacity(sheet.headers.len());
        for (col, (h, w)) in sheet.headers.iter().zip(&sheet.widths).enumerate() {
            let col = u16::try_from(col).map_err(|e| e.to_string())?;
            ws.write_string_with_format(0, col, *h, &header)
                .map_err(|e| e.to_string())?;
            ws.set_column_width(col, *w).map_err(|e| e.to_string())?;
            // A column's cells take its format: one look-up per column, not
            // one per cell. Numbers are the columns whose first row holds one.
            let numeric = sheet
                .rows
                .iter()
                .find_map(|row| match row.get(usize::from(col)) {
                    Some(Cell::Number(_)) => Some(true),
                    Some(Cell::Text(_)) => Some(false),
                    _ => None,
                })
                .unwrap_or(false);
            ws.set_column_format(col, if numeric { &points } else { &wrap })
                .map_err(|e| e.to_string())?;
            numeric_columns.push(numeric);
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = u32::try_from(r + 1).map_err(|e| e.to_string())?;
            for (col, cell) in row.iter().enumerate() {
                let col = u16::try_from(col).map_err(|e| e.to_string())?;
                match cell {
                    // XLSX stores text as text: nothing here is ever a formula.
                    Cell::Text(s) => ws.write_string(r, col, s.as_str()),
                    Cell::Number(v) if numeric_columns.get(usize::from(col)) == Some(&true) => {
                        ws.write_number(r, col, *v)
                    }
                    Cell::Number(v) => ws.write_number_with_format(r, col, *v, &points),
                    Cell::Empty => Ok(&mut *ws),
                }
                .map_err(|e| e.to_string())?;
            }
        }
        ws.set_freeze_panes(1, 0).map_err(|e| e.to_string())?;
    }
    // Level 1 of 9, zlib's quick strategy: the province preset's workbook is
    // 184 KB instead of 132 KB at level 2, and compressing it costs a third
    // as much (measured with callgrind; BENCHMARKS.md). A download of that
    // size is nothing to a reader; the build makes one per campaign.
    wb.set_zip_compression_level(1);
    wb.save_to_buffer().map_err(|e| e.to_string())
}

/// The JSON export's shape (documented in docs/bang-tong-hop-json.md):
/// stable keys in this order, numbers as numbers, absent values as null.
#[derive(Serialize)]
struct JsonExport<'a> {
    format: &'static str,
    version: u32,
    campaign: &'a str,
    title: &'a str,
    illustrative: bool,
    generated: &'a str,
    criteria_set: &'a str,
    cutoff: &'a str,
    deadline: &'a str,
    province: JsonTotals,
    units: Vec<JsonUnit<'a>>,
    rows: Vec<JsonRow<'a>>,
}

#[derive(Serialize)]
struct JsonTotals {
    score: f64,
    self_assessable_max: f64,
    percent: Option<f64>,
    rows_scored: usize,
    rows_self_assessed: usize,
}

#[derive(Serialize)]
struct JsonUnit<'a> {
    id: &'a str,
    name: &'a str,
    appendix: &'a str,
    status: &'static str,
    received: Option<&'a str>,
    received_via: Option<&'static str>,
    total: Option<f64>,
    max: f64,
    percent: Option<f64>,
    errors: usize,
    /// The office changed the file after the unit's deadline.
    revised_after_deadline: bool,
    /// Every revision on the published branch, oldest first.
    revisions: Vec<JsonRevision<'a>>,
}

/// A revision of a unit's file, for machines.
#[derive(Debug, Serialize)]
pub struct JsonRevision<'a> {
    /// When the revision came, RFC 3339.
    pub time: &'a str,
    /// How the revision changed the file.
    pub change: crate::history::Change,
    /// When it came against the unit's deadline.
    pub timing: crate::report::Timing,
}

/// The revisions of a unit, oldest first.
pub fn json_revisions(u: &UnitReport) -> Vec<JsonRevision<'_>> {
    u.revisions
        .iter()
        .rev()
        .map(|r| JsonRevision {
            time: &r.time.iso,
            change: r.change,
            timing: r.timing,
        })
        .collect()
}

#[derive(Serialize)]
struct JsonRow<'a> {
    id: &'a str,
    name: &'a str,
    level: &'static str,
    area: &'a str,
    source: &'static str,
    max: f64,
    unit: Option<&'a str>,
    score: Option<f64>,
    not_applicable: bool,
    lost: Option<f64>,
}

/// The campaign's table as pretty-printed JSON with a final newline; `generated` is the build time as written in it. Errors with the serializer's message.
pub fn json(c: &CampaignReport, generated: &str) -> Result<Vec<u8>, String> {
    let doc = JsonExport {
        format: "cchc-bang-tong-hop",
        version: 1,
        campaign: &c.id,
        title: &c.title,
        illustrative: c.illustrative,
        generated,
        criteria_set: &c.criteria_id,
        cutoff: &c.cutoff,
        deadline: &c.deadline_iso,
        province: JsonTotals {
            score: c.province.score.value,
            self_assessable_max: c.province.self_max.value,
            percent: c.province.percent.as_ref().map(|p| p.value),
            rows_scored: c.province.rows_scored,
            rows_self_assessed: c.province.rows_self,
        },
        units: c
            .units
            .iter()
            .map(|u| JsonUnit {
                id: &u.id,
                name: &u.name,
                appendix: &u.appendix,
                status: u.status.key(),
                received: u
                    .received
                    .as_ref()
                    .and_then(|r| r.time.as_ref())
                    .map(|t| t.iso.as_str()),
                received_via: u.received.as_ref().map(|r| r.via),
                total: u.total.as_ref().map(|t| t.value),
                max: u.max.value,
                percent: u.percent.as_ref().map(|p| p.value),
                errors: u.errors,
                revised_after_deadline: u.revised_after_deadline,
                revisions: json_revisions(u),
            })
            .collect(),
        rows: c
            .rows
            .iter()
            .map(|r| JsonRow {
                id: &r.id,
                name: &r.name,
                level: r.level,
                area: &r.area,
                source: r.source,
                max: r.max.value,
                unit: r.owner.as_deref(),
                score: r.score.as_ref().map(|s| s.value),
                not_applicable: r.not_applicable,
                lost: r.lost.as_ref().map(|s| s.value),
            })
            .collect(),
    };
    let mut out = serde_json::to_vec_pretty(&doc).map_err(|e| e.to_string())?;
    out.push(b'\n');
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
