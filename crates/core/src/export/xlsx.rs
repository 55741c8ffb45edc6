//! The workbook: an information sheet first (what the data is, the
//! illustrative notice, how to read the columns), then the data sheets,
//! each a table with typed cells, a frozen header row with its filter, and
//! the criteria's area subtotals grouped under an outline.

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
};

use super::illustrative_notice;
use super::sheets::{Cell, RowKind, Sheet, sheets};
use crate::report::CampaignReport;
use crate::text::{Lang, Localized};

/// What a column holds, as its number format shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    /// Points, with as many decimals as the column's values need.
    Points(u8),
    Count,
    /// A percentage, with as many decimals as the column's values need.
    Percent(u8),
    DateTime,
    Date,
}

impl Kind {
    /// The cell's own kind; `None` for an empty cell.
    fn of(cell: &Cell) -> Option<Kind> {
        Some(match cell {
            Cell::Text(_) => Kind::Text,
            Cell::Points(p) => Kind::Points(match p.milli() {
                m if m % 1000 == 0 => 0,
                m if m % 100 == 0 => 1,
                m if m % 10 == 0 => 2,
                _ => 3,
            }),
            Cell::Count(_) => Kind::Count,
            Cell::Percent(v) => Kind::Percent(match v {
                v if v.fract() == 0.0 => 0,
                v if (v * 10.0).fract().abs() < 1e-9 => 1,
                _ => 2,
            }),
            Cell::DateTime(_) => Kind::DateTime,
            Cell::Date(_) => Kind::Date,
            Cell::Empty => return None,
        })
    }

    /// The same kind of value, with the decimals both need.
    fn widen(self, other: Kind) -> Kind {
        match (self, other) {
            (Kind::Points(a), Kind::Points(b)) => Kind::Points(a.max(b)),
            (Kind::Percent(a), Kind::Percent(b)) => Kind::Percent(a.max(b)),
            _ => self,
        }
    }

    /// The column's kind: its first value's, widened by the others of that
    /// kind; text when it has none.
    fn of_column(sheet: &Sheet, col: usize) -> Kind {
        let mut kinds = sheet
            .rows
            .iter()
            .filter_map(|row| row.cells.get(col).and_then(Kind::of));
        let Some(first) = kinds.next() else {
            return Kind::Text;
        };
        kinds.fold(first, |k, other| {
            if std::mem::discriminant(&k) == std::mem::discriminant(&other) {
                k.widen(other)
            } else {
                k
            }
        })
    }

    /// The number format of the kind's cells; `None` for text.
    fn num_format(self) -> Option<String> {
        let decimals = |d: u8| match d {
            0 => "0",
            1 => "0.0",
            2 => "0.00",
            _ => "0.000",
        };
        Some(match self {
            Kind::Text => return None,
            Kind::Points(d) => decimals(d).to_owned(),
            Kind::Count => "0".to_owned(),
            Kind::Percent(d) => format!("{}%", decimals(d)),
            Kind::DateTime => "dd/mm/yyyy hh:mm".to_owned(),
            Kind::Date => "dd/mm/yyyy".to_owned(),
        })
    }

    fn format(self) -> Format {
        let f = Format::new().set_align(FormatAlign::Top);
        match self.num_format() {
            Some(n) => f.set_num_format(n),
            None => f.set_text_wrap(),
        }
    }
}

fn excel_datetime(t: jiff::civil::DateTime) -> Option<ExcelDateTime> {
    excel_date(t.date())?
        .and_hms(
            u16::try_from(t.hour()).ok()?,
            u8::try_from(t.minute()).ok()?,
            f64::from(t.second()),
        )
        .ok()
}

fn excel_date(d: jiff::civil::Date) -> Option<ExcelDateTime> {
    ExcelDateTime::from_ymd(
        u16::try_from(d.year()).ok()?,
        u8::try_from(d.month()).ok()?,
        u8::try_from(d.day()).ok()?,
    )
    .ok()
}

/// Writes a cell; `format` is `None` when the column's own format fits it
/// (one look-up per column, not one per cell).
fn write_cell(
    ws: &mut Worksheet,
    r: u32,
    col: u16,
    cell: &Cell,
    format: Option<&Format>,
) -> Result<(), String> {
    let result = match (cell, format) {
        // XLSX stores text as text: nothing here is ever a formula.
        (Cell::Text(s), None) => ws.write_string(r, col, s.as_str()),
        (Cell::Text(s), Some(f)) => ws.write_string_with_format(r, col, s.as_str(), f),
        (Cell::Points(p), f) => write_number(ws, r, col, p.as_f64(), f),
        (Cell::Count(n), f) => write_number(ws, r, col, *n as f64, f),
        (Cell::Percent(v), f) => write_number(ws, r, col, v / 100.0, f),
        (Cell::DateTime(t), f) => match excel_datetime(*t) {
            Some(t) => write_datetime(ws, r, col, &t, f),
            None => ws.write_string(r, col, t.in_lang(Lang::Vi)),
        },
        (Cell::Date(d), f) => match excel_date(*d) {
            Some(d) => write_datetime(ws, r, col, &d, f),
            None => ws.write_string(r, col, d.in_lang(Lang::Vi)),
        },
        (Cell::Empty, None) => Ok(&mut *ws),
        (Cell::Empty, Some(f)) => ws.write_blank(r, col, f),
    };
    result.map(|_| ()).map_err(|e| e.to_string())
}

fn write_number<'w>(
    ws: &'w mut Worksheet,
    r: u32,
    col: u16,
    v: f64,
    f: Option<&Format>,
) -> Result<&'w mut Worksheet, rust_xlsxwriter::XlsxError> {
    match f {
        Some(f) => ws.write_number_with_format(r, col, v, f),
        None => ws.write_number(r, col, v),
    }
}

fn write_datetime<'w>(
    ws: &'w mut Worksheet,
    r: u32,
    col: u16,
    t: &ExcelDateTime,
    f: Option<&Format>,
) -> Result<&'w mut Worksheet, rust_xlsxwriter::XlsxError> {
    match f {
        Some(f) => ws.write_datetime_with_format(r, col, t, f),
        None => ws.write_datetime(r, col, t),
    }
}

/// A4 landscape, a page wide, the header row on every page, and the
/// illustrative notice at the top of each page when there is one.
fn print_setup(ws: &mut Worksheet, notice: Option<&str>, landscape: bool) {
    ws.set_paper_size(9);
    if landscape {
        ws.set_landscape();
    }
    ws.set_print_fit_to_pages(1, 0);
    if let Some(n) = notice {
        ws.set_header(format!("&C&\"-,Bold\"{}", n.replace('&', "&&")));
    }
    ws.set_footer("&CTrang &P/&N");
}

fn data_sheet(ws: &mut Worksheet, sheet: &Sheet, notice: Option<&str>) -> Result<(), String> {
    let err = |e: rust_xlsxwriter::XlsxError| e.to_string();
    ws.set_name(sheet.name).map_err(err)?;
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(Color::RGB(0x00DD_EBF7))
        .set_border_bottom(FormatBorder::Thin);
    let mut bold = Vec::with_capacity(sheet.columns.len());
    for (i, c) in sheet.columns.iter().enumerate() {
        let col = u16::try_from(i).map_err(|e| e.to_string())?;
        let kind = Kind::of_column(sheet, i);
        ws.write_string_with_format(0, col, c.header, &header)
            .map_err(err)?;
        ws.set_column_width(col, c.width).map_err(err)?;
        ws.set_column_format(col, &kind.format()).map_err(err)?;
        bold.push((
            kind,
            kind.format()
                .set_bold()
                .set_background_color(Color::RGB(0x00F2_F2F2)),
        ));
    }
    let mut group_start = None;
    for (i, row) in sheet.rows.iter().enumerate() {
        let r = u32::try_from(i + 1).map_err(|e| e.to_string())?;
        for (j, (cell, (kind, bold))) in row.cells.iter().zip(&bold).enumerate() {
            let col = u16::try_from(j).map_err(|e| e.to_string())?;
            let own = Kind::of(cell);
            if row.kind == RowKind::Detail {
                match own {
                    Some(k) if std::mem::discriminant(&k) != std::mem::discriminant(kind) => {
                        write_cell(ws, r, col, cell, Some(&k.format()))?;
                    }
                    _ => write_cell(ws, r, col, cell, None)?,
                }
            } else {
                write_cell(ws, r, col, cell, Some(bold))?;
            }
        }
        // Each area's rows are an outline group above their subtotal.
        match row.kind {
            RowKind::Detail => {
                group_start.get_or_insert(r);
            }
            RowKind::Subtotal => {
                if let Some(first) = group_start.take() {
                    ws.group_rows(first, r - 1).map_err(err)?;
                }
            }
            RowKind::Total => group_start = None,
        }
    }
    let last_row = u32::try_from(sheet.rows.len()).map_err(|e| e.to_string())?;
    let last_col =
        u16::try_from(sheet.columns.len().saturating_sub(1)).map_err(|e| e.to_string())?;
    ws.autofilter(0, 0, last_row, last_col).map_err(err)?;
    ws.set_freeze_panes(1, 0).map_err(err)?;
    ws.set_repeat_rows(0, 0).map_err(err)?;
    print_setup(ws, notice, true);
    Ok(())
}

/// The first sheet: the campaign, what the data is, the illustrative notice
/// when the campaign is illustrative, when the table was made, and what
/// each sheet and column holds.
fn info_sheet(
    ws: &mut Worksheet,
    c: &CampaignReport,
    built: jiff::Timestamp,
    data: &[Sheet],
) -> Result<(), String> {
    let err = |e: rust_xlsxwriter::XlsxError| e.to_string();
    ws.set_name("Thông tin").map_err(err)?;
    ws.set_column_width(0, 28).map_err(err)?;
    ws.set_column_width(1, 100).map_err(err)?;
    let title = Format::new().set_bold().set_font_size(14);
    let subtitle = Format::new().set_bold().set_font_size(12);
    let label = Format::new()
        .set_bold()
        .set_align(FormatAlign::Top)
        .set_text_wrap();
    let value = Format::new().set_align(FormatAlign::Top).set_text_wrap();
    let warn = Format::new()
        .set_bold()
        .set_font_color(Color::RGB(0x00C0_0000))
        .set_align(FormatAlign::Top)
        .set_text_wrap();
    let mut r = 0_u32;
    ws.write_string_with_format(
        r,
        0,
        "Bảng tổng hợp kết quả tự đánh giá cải cách hành chính",
        &title,
    )
    .map_err(err)?;
    r += 1;
    ws.write_string_with_format(r, 0, c.title.as_str(), &subtitle)
        .map_err(err)?;
    r += 2;
    if let Some((heading, note)) = illustrative_notice(c) {
        ws.write_string_with_format(r, 0, "Lưu ý", &warn)
            .map_err(err)?;
        ws.write_string_with_format(r, 1, format!("{heading}. {note}"), &warn)
            .map_err(err)?;
        r += 2;
    }
    let tz = jiff::tz::TimeZone::get(&c.time_zone).unwrap_or(jiff::tz::TimeZone::UTC);
    let generated = format!(
        "{} (giờ {})",
        tz.to_datetime(built).in_lang(Lang::Vi),
        c.time_zone
    );
    let plan = match &c.plan_date {
        Some(d) => format!("{}, số {}, ngày {d}", c.plan_title, c.plan_number),
        None => format!("{}, số {}", c.plan_title, c.plan_number),
    };
    let prov = &c.province;
    let mut province = format!(
        "{} / {} điểm của các tiêu chí đã chấm",
        prov.score.text, prov.scored_max.text
    );
    if let Some(p) = &prov.percent {
        province = format!("{province} ({})", p.text);
    }
    if prov.rows_unscored > 0 {
        province = format!(
            "{province}; {} tiêu chí chưa có điểm (tối đa {} điểm)",
            prov.rows_unscored, prov.unscored_max.text
        );
    }
    let facts: [(&str, String); 10] = [
        ("Đợt đánh giá", format!("{} (mã {})", c.title, c.id)),
        (
            "Bộ tiêu chí",
            format!("{} (mã {})", c.criteria_title, c.criteria_id),
        ),
        ("Kế hoạch CCHC", plan),
        ("Ngày chốt số liệu", c.cutoff.clone()),
        ("Hạn gửi báo cáo", c.deadline.clone()),
        ("Tổng hợp lúc", generated),
        (
            "Báo cáo đã nhận",
            format!("{}/{} đơn vị", c.units_received, c.units_total),
        ),
        ("Điểm sơ bộ của tỉnh", province),
        (
            "Dữ liệu",
            "Điểm các đơn vị tự đánh giá theo bộ tiêu chí, từ các báo cáo hợp lệ đã nhận đến lúc tổng hợp: số liệu sơ bộ, chưa qua thẩm định. Báo cáo không hợp lệ không được tính. Tiêu chí điều tra xã hội học và chỉ số kinh tế – xã hội không do đơn vị tự chấm nên không có trong các bảng điểm.".to_owned(),
        ),
        (
            "Cách đọc",
            "Điểm, số lượng và tỷ lệ là số; thời điểm và hạn là kiểu ngày giờ (giờ địa phương của đợt), sắp xếp và lọc được. Mỗi bảng có bộ lọc ở dòng tiêu đề. Trang \"Theo thứ tự tiêu chí\" có dòng cộng từng lĩnh vực và dòng tổng cộng, do cchc cộng từ điểm chính xác: lọc cột \"Loại dòng\" lấy \"Chi tiết\" trước khi sắp xếp hoặc tự cộng một cột; nút 1, 2 ở lề trái thu gọn bảng còn các dòng cộng.".to_owned(),
        ),
    ];
    for (k, v) in facts {
        ws.write_string_with_format(r, 0, k, &label).map_err(err)?;
        ws.write_string_with_format(r, 1, v, &value).map_err(err)?;
        r += 1;
    }
    r += 1;
    ws.write_string_with_format(r, 0, "Các trang tính", &subtitle)
        .map_err(err)?;
    r += 1;
    for s in data {
        ws.write_string_with_format(r, 0, s.name, &label)
            .map_err(err)?;
        ws.write_string_with_format(r, 1, s.about, &value)
            .map_err(err)?;
        r += 1;
    }
    for s in data {
        r += 1;
        ws.write_string_with_format(r, 0, format!("Các cột của trang \"{}\"", s.name), &subtitle)
            .map_err(err)?;
        r += 1;
        for col in &s.columns {
            ws.write_string_with_format(r, 0, col.header, &label)
                .map_err(err)?;
            ws.write_string_with_format(r, 1, col.about, &value)
                .map_err(err)?;
            r += 1;
        }
    }
    print_setup(ws, None, false);
    Ok(())
}

/// The workbook: the information sheet, then [`sheets()`]. The document's
/// creation time is the build's, so builds repeat exactly.
pub fn xlsx(c: &CampaignReport, built: jiff::Timestamp) -> Result<Vec<u8>, String> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_timestamp(built.as_second()).map_err(|e| e.to_string())?;
    let notice = illustrative_notice(c);
    let mut props = DocProperties::new()
        .set_title(format!("Bảng tổng hợp — {}", c.title))
        .set_creation_datetime(&created);
    if let Some((heading, note)) = &notice {
        props = props.set_comment(format!("{heading}. {note}"));
    }
    wb.set_properties(&props);
    let data = sheets(c);
    info_sheet(wb.add_worksheet(), c, built, &data)?;
    for sheet in &data {
        data_sheet(wb.add_worksheet(), sheet, notice.as_ref().map(|(h, _)| *h))?;
    }
    // Level 1 of 9, zlib's quick strategy: the province preset's workbook is
    // 184 KB instead of 132 KB at level 2, and compressing it costs a third
    // as much (measured with callgrind; BENCHMARKS.md). A download of that
    // size is nothing to a reader; the build makes one per campaign.
    wb.set_zip_compression_level(1);
    wb.save_to_buffer().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::sheets::{Column, Row};
    use crate::points::Points;

    fn column(cells: Vec<Cell>) -> Kind {
        let sheet = Sheet {
            name: "t",
            about: "",
            columns: vec![Column {
                header: "h",
                width: 1.0,
                about: "",
            }],
            rows: cells
                .into_iter()
                .map(|c| Row {
                    kind: RowKind::Detail,
                    cells: vec![c],
                })
                .collect(),
        };
        Kind::of_column(&sheet, 0)
    }

    #[test]
    fn each_column_shows_its_values_as_they_are() {
        let p = |m| Cell::Points(Points::from_milli(m));
        let format = |cells| column(cells).num_format();
        // Points take the decimals the column needs; counts none.
        assert_eq!(format(vec![p(1000), p(22_000)]).as_deref(), Some("0"));
        assert_eq!(format(vec![p(1000), p(1500)]).as_deref(), Some("0.0"));
        assert_eq!(
            format(vec![Cell::Empty, p(1000), p(750), p(500)]).as_deref(),
            Some("0.00")
        );
        assert_eq!(format(vec![p(125)]).as_deref(), Some("0.000"));
        assert_eq!(
            format(vec![Cell::Count(22), Cell::Count(0)]).as_deref(),
            Some("0")
        );
        assert_eq!(
            format(vec![Cell::Percent(81.8), Cell::Percent(75.0)]).as_deref(),
            Some("0.0%")
        );
        assert_eq!(format(vec![Cell::Percent(100.0)]).as_deref(), Some("0%"));
        let t = jiff::civil::date(2023, 9, 12).at(10, 15, 0, 0);
        assert_eq!(
            format(vec![Cell::Empty, Cell::DateTime(t)]).as_deref(),
            Some("dd/mm/yyyy hh:mm")
        );
        assert_eq!(
            format(vec![Cell::Date(t.date())]).as_deref(),
            Some("dd/mm/yyyy")
        );
        // A date that did not read stays text in a date column.
        assert_eq!(
            column(vec![Cell::Date(t.date()), Cell::Text("quý III".into())]),
            Kind::Date
        );
        assert_eq!(format(vec![Cell::Empty]), None);
    }

    #[test]
    fn date_times_are_excel_serials_of_the_local_time() {
        let t = jiff::civil::date(2023, 9, 12).at(10, 15, 30, 0);
        let serial = excel_datetime(t).unwrap().to_excel();
        // 45181 is 2023-09-12; 10:15:30 is 36930 s of 86400.
        assert!(
            (serial - (45181.0 + 36930.0 / 86400.0)).abs() < 1e-9,
            "{serial}"
        );
        assert!(excel_date(jiff::civil::date(1800, 1, 1)).is_none());
    }
}
