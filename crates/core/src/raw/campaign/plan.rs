//! `content/campaigns/<id>/plan.toml`: the tasks of the year's plan.

use jiff::civil::Date;

use crate::source::Sp;
use crate::toml_read::table::toml_table;

toml_table! {
    pub struct Task in TASK = "[[task]]",
        "Nhiệm vụ của kế hoạch CCHC năm",
        "A task of the year's PAR plan" {
        id: Sp<String> = Id, required, "Mã nhiệm vụ, ví dụ NV05", "Task id, e.g. NV05";
        title: Option<Sp<String>> = Str, required, "Tên nhiệm vụ", "Title";
        lead: Sp<String> = Id, required, "Mã đơn vị chủ trì", "Lead unit id";
        output: Option<Sp<String>> = Text, optional, "Sản phẩm", "Expected output";
        due: Sp<Date> = Date, required, "Thời hạn hoàn thành", "Due date";
        area: Option<Sp<String>> = Id, optional,
            "Lĩnh vực của bộ tiêu chí mà nhiệm vụ phục vụ",
            "The area of the criteria set it serves";
    }
}

toml_table! {
    /// `content/campaigns/<id>/plan.toml`.
    pub struct Plan in PLAN_FILE = "", "Kế hoạch CCHC năm", "The year's PAR plan" {
        tasks as "task": Vec<Task> = Tables, required, "Các nhiệm vụ", "The tasks";
    }
}
