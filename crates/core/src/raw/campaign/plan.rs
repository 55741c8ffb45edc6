//! content/campaigns/<id>/plan.toml: the tasks of the year's plan.

use jiff::civil::Date;

use crate::source::Sp;
use crate::text::StaticText;
use crate::toml_read::spec::{Kind, TableSpec, field};
use crate::toml_read::{Obj, Reader};

pub static TASK: TableSpec = TableSpec {
    name: "[[task]]",
    doc: StaticText {
        vi: "Nhiệm vụ của kế hoạch CCHC năm",
        en: "A task of the year's PAR plan",
    },
    fields: &[
        field!(
            "id",
            Kind::Id,
            required,
            "Mã nhiệm vụ, ví dụ NV05",
            "Task id, e.g. NV05"
        ),
        field!("title", Kind::Str, required, "Tên nhiệm vụ", "Title"),
        field!(
            "lead",
            Kind::Id,
            required,
            "Mã đơn vị chủ trì",
            "Lead unit id"
        ),
        field!(
            "output",
            Kind::Text,
            optional,
            "Sản phẩm",
            "Expected output"
        ),
        field!(
            "due",
            Kind::Date,
            required,
            "Thời hạn hoàn thành",
            "Due date"
        ),
        field!(
            "area",
            Kind::Id,
            optional,
            "Lĩnh vực của bộ tiêu chí mà nhiệm vụ phục vụ",
            "The area of the criteria set it serves"
        ),
    ],
};

pub static PLAN_FILE: TableSpec = TableSpec {
    name: "",
    doc: StaticText {
        vi: "Kế hoạch CCHC năm",
        en: "The year's PAR plan",
    },
    fields: &[field!(
        "task",
        Kind::Tables(&TASK),
        required,
        "Các nhiệm vụ",
        "The tasks"
    )],
};

#[derive(Debug, Clone)]
pub struct Task {
    pub id: Sp<String>,
    pub title: Option<Sp<String>>,
    pub lead: Sp<String>,
    pub output: Option<Sp<String>>,
    pub due: Sp<Date>,
    pub area: Option<Sp<String>>,
}

pub fn read_plan(r: &mut Reader<'_>, root: &Obj<'_, '_>) -> Vec<Task> {
    r.tables(root, "task")
        .iter()
        .filter_map(|o| {
            let lead = r.str(o, "lead");
            let due = r.date(o, "due");
            Some(Task {
                title: r.str(o, "title"),
                output: r.str(o, "output"),
                area: r.str(o, "area"),
                id: r.str(o, "id")?,
                lead: lead?,
                due: due?,
            })
        })
        .collect()
}
