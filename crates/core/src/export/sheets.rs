//! The sheets of the downloads, made from the report: typed cells (points,
//! counts, percentages, times), each column with what it means, and the
//! criteria's area subtotals summed in exact points.

use jiff::civil::{Date, DateTime};

use crate::points::Points;
use crate::report::{
    CampaignReport, PersonView, PointsView, RowView, TaskView, TimeView, UnitReport,
};

/// A cell of a sheet, typed so that each format writes it as its readers
/// expect (a number, a percentage, a date).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text.
    Text(String),
    /// Points, exact.
    Points(Points),
    /// A whole number of things (rows, errors).
    Count(usize),
    /// A percentage, 0–100 as the report gives it ("87.5" is 87,5%).
    Percent(f64),
    /// A moment in the campaign's time zone.
    DateTime(DateTime),
    /// A day.
    Date(Date),
    /// Nothing.
    Empty,
}

/// What a row of a sheet is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A row of data: a criterion, a unit, a task.
    Detail,
    /// The sums of the detail rows just above it, back to the previous
    /// subtotal (an area's rows).
    Subtotal,
    /// The sums of every detail row of the sheet.
    Total,
}

impl RowKind {
    /// The kind as the criteria sheet's last column names it.
    pub fn label(self) -> &'static str {
        match self {
            RowKind::Detail => "Chi tiết",
            RowKind::Subtotal => "Cộng lĩnh vực",
            RowKind::Total => "Tổng cộng",
        }
    }
}

/// A row of a sheet: one cell per column.
#[derive(Debug, Clone)]
pub struct Row {
    /// What the row is.
    pub kind: RowKind,
    /// The cells, one per column.
    pub cells: Vec<Cell>,
}

/// A column of a sheet.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// The header, as the first row shows it.
    pub header: &'static str,
    /// How wide the XLSX column is, in characters.
    pub width: f64,
    /// What the column holds, for the workbook's information sheet.
    pub about: &'static str,
}

/// One sheet of a download: a header row, then rows.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// The sheet's name (the XLSX tab).
    pub name: &'static str,
    /// What the sheet holds, for the workbook's information sheet.
    pub about: &'static str,
    /// The columns, in order.
    pub columns: Vec<Column>,
    /// The rows under the header.
    pub rows: Vec<Row>,
}

pub(super) const fn col(header: &'static str, width: f64, about: &'static str) -> Column {
    Column {
        header,
        width,
        about,
    }
}

pub(super) fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

pub(super) fn opt_text(s: Option<&String>) -> Cell {
    s.map_or(Cell::Empty, |s| Cell::Text(s.clone()))
}

/// The exact points of a view: its value is made from `Points`, which
/// `Points::from_f64` gives back exactly.
fn exact(p: &PointsView) -> Option<Points> {
    Points::from_f64(p.value)
}

pub(super) fn points(p: Option<&PointsView>) -> Cell {
    p.and_then(exact).map_or(Cell::Empty, Cell::Points)
}

/// A time of the report in the campaign's local time, read from its RFC
/// 3339 form (written in that zone's offset); its text if that fails.
fn local_time(t: &TimeView) -> Cell {
    t.iso
        .parse::<DateTime>()
        .map_or_else(|_| text(t.text.clone()), Cell::DateTime)
}

/// A task's due date, from the report's Vietnamese "30/6/2023" (what
/// `Date::in_lang(Lang::Vi)` writes).
fn due_date(s: &str) -> Option<Date> {
    let mut parts = s.split('/').map(str::parse::<i16>);
    let (Some(Ok(d)), Some(Ok(m)), Some(Ok(y)), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    Date::new(y, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()
}

/// A task's progress in percent, from the report's Vietnamese "75%" or
/// "62,5%".
fn progress_percent(s: &str) -> Option<f64> {
    s.strip_suffix('%')?
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
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

const CRITERIA_COLUMNS: [Column; 9] = [
    col(
        "Mã tiêu chí",
        10.0,
        "Mã của tiêu chí hoặc tiêu chí thành phần trong bộ tiêu chí; ở dòng cộng: mã lĩnh vực.",
    ),
    col("Tiêu chí", 60.0, "Tên tiêu chí, như bộ tiêu chí ghi."),
    col("Lĩnh vực", 8.0, "Mã lĩnh vực của tiêu chí."),
    col(
        "Đơn vị chấm",
        28.0,
        "Đơn vị tự chấm tiêu chí (phụ lục được giao).",
    ),
    col("Phụ lục", 8.0, "Số phụ lục của đơn vị chấm."),
    col(
        "Điểm tối đa",
        10.0,
        "Điểm tối đa của tiêu chí theo bộ tiêu chí (số); ở dòng cộng: tổng cột, kể cả tiêu chí chưa có điểm hoặc không áp dụng.",
    ),
    col(
        "Điểm tự đánh giá",
        12.0,
        "Điểm đơn vị tự chấm trong báo cáo hợp lệ (số); trống khi chưa có điểm hoặc không áp dụng.",
    ),
    col(
        "Điểm bị mất",
        10.0,
        "Điểm tối đa trừ điểm tự đánh giá (số).",
    ),
    col(
        "Ghi chú",
        28.0,
        "Không áp dụng, chưa có điểm (và tình trạng báo cáo của đơn vị), chưa giao đơn vị; ở dòng cộng: số tiêu chí đã chấm trên số tiêu chí áp dụng.",
    ),
];

const KIND_COLUMN: Column = col(
    "Loại dòng",
    14.0,
    "Chi tiết (một tiêu chí), Cộng lĩnh vực (tổng các dòng chi tiết ngay trên, cùng lĩnh vực) hoặc Tổng cộng (tổng mọi dòng chi tiết); lọc \"Chi tiết\" trước khi sắp xếp hay tự cộng một cột.",
);

fn criterion_row(r: &RowView, c: &CampaignReport) -> Vec<Cell> {
    vec![
        text(r.id.clone()),
        text(r.name.clone()),
        text(r.area.clone()),
        opt_text(r.owner_name.as_ref()),
        opt_text(r.owner_appendix.as_ref()),
        points(Some(&r.max)),
        points(r.score.as_ref()),
        points(r.lost.as_ref()),
        text(row_note(r, c)),
    ]
}

/// The sums of some criteria rows, in exact points: the maximum, and the
/// score and points lost (`None` when no row has one).
fn sum_row(rows: &[&RowView], kind: RowKind, id: &str, name: String) -> Row {
    let sum = |f: fn(&RowView) -> Option<&PointsView>| {
        let have: Vec<Points> = rows.iter().filter_map(|r| f(r).and_then(exact)).collect();
        if have.is_empty() {
            Cell::Empty
        } else {
            Cell::Points(have.into_iter().sum())
        }
    };
    let scored = rows.iter().filter(|r| r.score.is_some()).count();
    let not_applicable = rows.iter().filter(|r| r.not_applicable).count();
    let applicable = rows.len() - not_applicable;
    let note = if not_applicable > 0 {
        format!("{scored}/{applicable} tiêu chí đã chấm, {not_applicable} không áp dụng")
    } else {
        format!("{scored}/{applicable} tiêu chí đã chấm")
    };
    Row {
        kind,
        cells: vec![
            text(id),
            text(name),
            if kind == RowKind::Subtotal {
                text(id)
            } else {
                Cell::Empty
            },
            Cell::Empty,
            Cell::Empty,
            Cell::Points(rows.iter().filter_map(|r| exact(&r.max)).sum()),
            sum(|r| r.score.as_ref()),
            sum(|r| r.lost.as_ref()),
            text(note),
            text(kind.label()),
        ],
    }
}

/// The scored self-assessed rows in the criteria set's order. With
/// `subtotals`, each area's rows are followed by its subtotal and the
/// sheet ends with the total, all summed here in exact points, and a last
/// column says which rows are which; without, every row is a criterion (the
/// CSV).
pub fn criteria_sheet(c: &CampaignReport, subtotals: bool) -> Sheet {
    let rows: Vec<&RowView> = c
        .table_by_order
        .iter()
        .filter_map(|&i| c.rows.get(i))
        .collect();
    let mut columns = CRITERIA_COLUMNS.to_vec();
    let mut out = Vec::with_capacity(rows.len() + c.areas.len() + 1);
    if subtotals {
        columns.push(KIND_COLUMN);
        // An area's rows are consecutive in the set's order.
        for area in rows.chunk_by(|a, b| a.area == b.area) {
            let Some(first) = area.first() else { continue };
            for r in area {
                let mut cells = criterion_row(r, c);
                cells.push(text(RowKind::Detail.label()));
                out.push(Row {
                    kind: RowKind::Detail,
                    cells,
                });
            }
            let name = c
                .areas
                .iter()
                .find(|a| a.id == first.area)
                .map_or_else(|| first.area.clone(), |a| a.name.clone());
            out.push(sum_row(
                area,
                RowKind::Subtotal,
                &first.area,
                format!("Cộng lĩnh vực: {name}"),
            ));
        }
        out.push(sum_row(
            &rows,
            RowKind::Total,
            "",
            "Tổng cộng các tiêu chí tự đánh giá".to_owned(),
        ));
    } else {
        out.extend(rows.iter().map(|r| Row {
            kind: RowKind::Detail,
            cells: criterion_row(r, c),
        }));
    }
    Sheet {
        name: "Theo thứ tự tiêu chí",
        about: "Các tiêu chí do đơn vị tự đánh giá, theo thứ tự của bộ tiêu chí; sau các dòng của mỗi lĩnh vực là dòng cộng lĩnh vực, cuối bảng là dòng tổng cộng (do cchc cộng từ điểm chính xác, không phải công thức).",
        columns,
        rows: out,
    }
}

fn by_loss_sheet(c: &CampaignReport) -> Sheet {
    Sheet {
        name: "Theo điểm bị mất",
        about: "Cùng các tiêu chí, xếp theo điểm bị mất (nhiều trước); tiêu chí chưa có điểm ở cuối. Không có dòng cộng.",
        columns: CRITERIA_COLUMNS.to_vec(),
        rows: c
            .table_by_loss
            .iter()
            .filter_map(|&i| c.rows.get(i))
            .map(|r| Row {
                kind: RowKind::Detail,
                cells: criterion_row(r, c),
            })
            .collect(),
    }
}

fn units_sheet(c: &CampaignReport) -> Sheet {
    let rows = c
        .units
        .iter()
        .map(|u: &UnitReport| Row {
            kind: RowKind::Detail,
            cells: vec![
                text(u.appendix.clone()),
                text(u.id.clone()),
                text(u.name.clone()),
                text(u.status_label),
                u.received
                    .as_ref()
                    .and_then(|r| r.time.as_ref())
                    .map_or(Cell::Empty, local_time),
                u.received
                    .as_ref()
                    .map_or(Cell::Empty, |r| text(r.via_label)),
                u.revised.as_ref().map_or(Cell::Empty, local_time),
                points(u.total.as_ref()),
                points(Some(&u.max)),
                u.percent
                    .as_ref()
                    .map_or(Cell::Empty, |p| Cell::Percent(p.value)),
                Cell::Count(u.rows_scored),
                Cell::Count(u.rows_not_applicable),
                Cell::Count(u.rows_total),
                Cell::Count(u.errors),
            ],
        })
        .collect();
    Sheet {
        name: "Đơn vị",
        about: "Mỗi đơn vị tham gia, theo thứ tự phụ lục: tình trạng báo cáo, thời điểm nhận, điểm sơ bộ.",
        columns: vec![
            col("Phụ lục", 8.0, "Số phụ lục giao cho đơn vị."),
            col("Mã đơn vị", 24.0, "Mã của đơn vị (tên tệp báo cáo)."),
            col("Đơn vị", 36.0, "Tên đơn vị."),
            col(
                "Tình trạng",
                20.0,
                "Đúng hạn, nộp muộn, chưa đến hạn, chưa nộp hoặc không hợp lệ, tại thời điểm tổng hợp.",
            ),
            col(
                "Thời điểm nhận",
                17.0,
                "Ngày giờ báo cáo đến (giờ địa phương của đợt), kiểu ngày giờ: sắp xếp và lọc được.",
            ),
            col(
                "Hình thức nhận",
                24.0,
                "Qua kho Git, văn bản giấy hay thư điện tử, như sổ công văn đến ghi.",
            ),
            col(
                "Sửa lần cuối",
                17.0,
                "Ngày giờ lần sửa gần nhất của tệp báo cáo, nếu đã sửa.",
            ),
            col(
                "Điểm sơ bộ",
                11.0,
                "Tổng điểm tự đánh giá của đơn vị; trống khi báo cáo chưa có hoặc không hợp lệ.",
            ),
            col(
                "Điểm tối đa",
                11.0,
                "Tổng điểm tối đa các tiêu chí của phụ lục, trừ tiêu chí không áp dụng.",
            ),
            col("Tỷ lệ", 9.0, "Điểm sơ bộ so với điểm tối đa (phần trăm)."),
            col(
                "Tiêu chí đã chấm",
                12.0,
                "Số tiêu chí của phụ lục đã có điểm.",
            ),
            col(
                "Tiêu chí không áp dụng",
                12.0,
                "Số tiêu chí đơn vị ghi không áp dụng (không tính vào điểm tối đa).",
            ),
            col("Tiêu chí của phụ lục", 12.0, "Số tiêu chí của phụ lục."),
            col("Số lỗi", 8.0, "Số lỗi của tệp báo cáo."),
        ],
        rows,
    }
}

fn task_row(t: &TaskView) -> Vec<Cell> {
    vec![
        text(t.id.clone()),
        text(t.title.clone()),
        text(t.lead_name.clone()),
        opt_text(t.output.as_ref()),
        due_date(&t.due).map_or_else(|| text(t.due.clone()), Cell::Date),
        text(t.state_label),
        t.status_label.map_or(Cell::Empty, text),
        t.progress.as_deref().map_or(Cell::Empty, |p| {
            progress_percent(p).map_or_else(|| text(p), Cell::Percent)
        }),
        t.unreported_why.map_or(Cell::Empty, text),
        opt_text(t.note.as_ref()),
        opt_text(t.shortcomings.as_ref()),
        opt_text(t.causes.as_ref()),
        opt_text(t.remedy.as_ref()),
    ]
}

/// Every task of the campaign's plan, in the plan's order, with what its
/// lead unit's report says, as the tasks page shows them.
pub fn tasks_sheet(c: &CampaignReport) -> Sheet {
    Sheet {
        name: "Nhiệm vụ",
        about: "Các nhiệm vụ của kế hoạch CCHC năm, theo thứ tự kế hoạch, với tình trạng và tiến độ do đơn vị chủ trì báo cáo.",
        columns: vec![
            col("Mã nhiệm vụ", 10.0, "Mã nhiệm vụ trong kế hoạch."),
            col("Nhiệm vụ", 50.0, "Nội dung nhiệm vụ."),
            col("Đơn vị chủ trì", 28.0, "Đơn vị chủ trì, báo cáo nhiệm vụ."),
            col("Sản phẩm", 30.0, "Sản phẩm kế hoạch yêu cầu, nếu có."),
            col(
                "Hạn hoàn thành",
                12.0,
                "Hạn hoàn thành theo kế hoạch (kiểu ngày).",
            ),
            col(
                "Tình trạng",
                20.0,
                "Tình trạng của nhiệm vụ, như trang Tiến độ nhiệm vụ xác định: quá hạn (đến hạn từ ngày chốt số liệu trở về trước mà chưa hoàn thành), dự báo khó hoàn thành, chưa báo cáo, đang thực hiện, chưa thực hiện, hoàn thành.",
            ),
            col(
                "Đơn vị báo cáo",
                20.0,
                "Tình trạng đơn vị chủ trì tự ghi trong báo cáo, nếu có.",
            ),
            col(
                "Tiến độ (%)",
                9.0,
                "Phần đã thực hiện, phần trăm (trong tệp CSV: 75 là 75%), nếu có.",
            ),
            col(
                "Vì sao chưa báo cáo",
                30.0,
                "Khi nhiệm vụ chưa được báo cáo: vì sao (đơn vị chưa nộp, báo cáo chưa hợp lệ, …).",
            ),
            col("Kết quả", 40.0, "Kết quả đơn vị báo cáo."),
            col("Tồn tại, hạn chế", 30.0, "Tồn tại, hạn chế đơn vị báo cáo."),
            col("Nguyên nhân", 30.0, "Nguyên nhân của tồn tại, hạn chế."),
            col("Giải pháp", 30.0, "Giải pháp đơn vị đề ra."),
        ],
        rows: c
            .tasks
            .iter()
            .map(|t| Row {
                kind: RowKind::Detail,
                cells: task_row(t),
            })
            .collect(),
    }
}

/// The units the office has to chase, most urgent first: why, how long
/// past the deadline, whom to call and what the report still lacks.
pub fn chase_sheet(c: &CampaignReport) -> Sheet {
    let person =
        |p: Option<&PersonView>, f: fn(&PersonView) -> Option<&String>| opt_text(p.and_then(f));
    Sheet {
        name: "Cần đôn đốc",
        about: "Các đơn vị Phòng CCHC cần đôn đốc: chưa nộp, báo cáo chưa hợp lệ, chưa báo cáo đủ nhiệm vụ, nộp muộn; đơn vị cần chú ý nhất đứng trước.",
        columns: vec![
            col("Mã đơn vị", 16.0, "Mã đơn vị trong danh sách đơn vị."),
            col("Đơn vị", 34.0, "Tên đơn vị."),
            col("Phụ lục", 8.0, "Phụ lục của đơn vị trong công văn."),
            col(
                "Cần đôn đốc vì",
                24.0,
                "Chưa nộp; báo cáo chưa hợp lệ; chưa báo cáo đủ nhiệm vụ; nộp muộn.",
            ),
            col(
                "Số ngày quá hạn",
                10.0,
                "Số ngày tròn đã quá hạn (chưa có báo cáo hợp lệ: đến thời điểm tổng hợp; nộp muộn: đến lúc nhận).",
            ),
            col("Quá hạn", 12.0, "Thời gian quá hạn, bằng lời."),
            col(
                "Người liên hệ",
                24.0,
                "Đầu mối liên hệ của đơn vị; nếu đơn vị chưa khai, người lập báo cáo.",
            ),
            col("Chức vụ", 24.0, "Chức vụ, phòng của người liên hệ."),
            col("Điện thoại", 14.0, "Số điện thoại của người liên hệ."),
            col("Thư điện tử", 26.0, "Thư điện tử của người liên hệ."),
            col("Còn thiếu", 60.0, "Những gì báo cáo của đơn vị còn thiếu."),
        ],
        rows: c
            .chase
            .iter()
            .map(|u| {
                let p = u.contact.as_ref();
                Row {
                    kind: RowKind::Detail,
                    cells: vec![
                        text(u.unit.clone()),
                        text(u.name.clone()),
                        text(u.appendix.clone()),
                        text(u.reason_label),
                        u.overdue.as_ref().map_or(Cell::Empty, |o| {
                            Cell::Count(usize::try_from(o.days).unwrap_or(0))
                        }),
                        u.overdue
                            .as_ref()
                            .map_or(Cell::Empty, |o| text(o.text.clone())),
                        person(p, |p| p.name.as_ref()),
                        person(p, |p| p.position.as_ref()),
                        person(p, |p| p.phone.as_ref()),
                        person(p, |p| p.email.as_ref()),
                        text(u.still_missing.join(" ")),
                    ],
                }
            })
            .collect(),
    }
}

/// The data sheets of the workbook, in order: the criteria with area
/// subtotals, the criteria by points lost, the units, the tasks, the units
/// to chase.
pub fn sheets(c: &CampaignReport) -> Vec<Sheet> {
    vec![
        criteria_sheet(c, true),
        by_loss_sheet(c),
        units_sheet(c),
        tasks_sheet(c),
        chase_sheet(c),
    ]
    .into_iter()
    .chain(super::cycle::cycle_sheet(c))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{Lang, Localized};

    #[test]
    fn a_due_date_reads_back_as_the_report_writes_it() {
        for d in ["2023-06-30", "2023-01-05", "2024-12-31", "2023-10-01"] {
            let d: Date = d.parse().unwrap();
            assert_eq!(due_date(&d.in_lang(Lang::Vi)), Some(d));
        }
        assert_eq!(due_date("30/6"), None);
        assert_eq!(due_date("31/2/2023"), None);
        assert_eq!(due_date("quý III/2023"), None);
    }

    #[test]
    fn progress_reads_back_as_the_report_writes_it() {
        for p in [0.0, 5.0, 62.5, 75.0, 100.0, 33.3] {
            assert_eq!(
                progress_percent(&format!("{}%", p.in_lang(Lang::Vi))),
                Some(p)
            );
        }
        assert_eq!(progress_percent("75"), None);
        assert_eq!(progress_percent("inf%"), None);
    }
}
