//! The cycle after the self-assessment in the downloads: one row per unit
//! and criterion with the self, appraised and final scores, the reason, the
//! request and the unit's answer (the workbook's sheet "Thẩm định" and
//! tham-dinh.csv); present only when the campaign declares the stages.

use super::sheets::{Cell, Column, Row, RowKind, Sheet, col, opt_text, points, text};
use crate::report::CampaignReport;

/// The sheet, when the campaign has a cycle.
pub fn cycle_sheet(c: &CampaignReport) -> Option<Sheet> {
    c.cycle.as_ref()?;
    let mut rows = Vec::new();
    for u in &c.units {
        let Some(cy) = &u.cycle else { continue };
        for r in &cy.rows {
            rows.push(Row {
                kind: RowKind::Detail,
                cells: vec![
                    text(u.id.clone()),
                    text(u.name.clone()),
                    text(r.id.clone()),
                    text(r.name.clone()),
                    points(Some(&r.max)),
                    if r.not_applicable {
                        text("không áp dụng")
                    } else {
                        points(r.self_score.as_ref())
                    },
                    points(r.appraised.as_ref()),
                    points(r.difference.as_ref()),
                    points(r.final_score.as_ref()),
                    text(r.appraiser.clone()),
                    opt_text(r.reason.as_ref()),
                    r.request_kind.map_or(Cell::Empty, text),
                    opt_text(r.request.as_ref()),
                    opt_text(r.answer.as_ref()),
                    opt_text(r.note.as_ref()),
                ],
            });
        }
    }
    Some(Sheet {
        name: "Thẩm định",
        about: "Mỗi tiêu chí của mỗi đơn vị có báo cáo được tính: điểm tự đánh giá, điểm thẩm định và lý do, yêu cầu giải trình và nội dung giải trình, điểm cuối cùng.",
        columns: COLUMNS.to_vec(),
        rows,
    })
}

const COLUMNS: [Column; 15] = [
    col("Mã đơn vị", 16.0, "Mã đơn vị trong danh sách đơn vị."),
    col("Đơn vị", 34.0, "Tên đơn vị."),
    col("Mã tiêu chí", 10.0, "Mã tiêu chí trong bộ tiêu chí."),
    col("Tiêu chí", 50.0, "Tên tiêu chí."),
    col("Tối đa", 9.0, "Điểm tối đa của tiêu chí."),
    col(
        "Tự chấm",
        9.0,
        "Điểm đơn vị tự đánh giá; \"không áp dụng\" khi đơn vị ghi tiêu chí không áp dụng.",
    ),
    col(
        "Thẩm định",
        9.0,
        "Điểm sau thẩm định; trống khi chưa thẩm định.",
    ),
    col(
        "Chênh lệch",
        10.0,
        "Điểm thẩm định trừ điểm tự chấm; số âm là đơn vị tự chấm cao hơn.",
    ),
    col(
        "Cuối cùng",
        9.0,
        "Điểm cuối cùng sau giải trình; trống khi chưa có.",
    ),
    col(
        "Bên thẩm định",
        24.0,
        "Phòng CCHC hoặc đơn vị được giao thẩm định lĩnh vực.",
    ),
    col(
        "Lý do",
        40.0,
        "Lý do bên thẩm định cho điểm khác điểm tự chấm.",
    ),
    col(
        "Yêu cầu giải trình",
        22.0,
        "Loại yêu cầu giải trình, nếu có.",
    ),
    col(
        "Nội dung yêu cầu",
        40.0,
        "Điều đơn vị được yêu cầu giải trình.",
    ),
    col("Giải trình", 40.0, "Nội dung đơn vị giải trình."),
    col(
        "Ghi chú sau giải trình",
        40.0,
        "Vì sao điểm cuối cùng khác điểm thẩm định.",
    ),
];
