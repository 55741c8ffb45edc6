//! `submissions/<campaign>/<unit>.toml`: one unit's report for one campaign.
//! The docs here are what `cchc new` writes as comments and what the JSON
//! Schema shows in the clerk's editor, so they speak to the clerk.

use jiff::civil::Date;

use crate::source::{Sp, Span};
use crate::text::StaticText;
use crate::toml_read::Reader;
use crate::toml_read::spec::EnumValue;
use crate::toml_read::table::toml_table;

pub static STATUSES: &[EnumValue] = &[
    EnumValue {
        value: "done",
        doc: StaticText {
            vi: "hoàn thành",
            en: "done",
        },
    },
    EnumValue {
        value: "in_progress",
        doc: StaticText {
            vi: "đang thực hiện",
            en: "in progress",
        },
    },
    EnumValue {
        value: "not_started",
        doc: StaticText {
            vi: "chưa thực hiện",
            en: "not started",
        },
    },
    EnumValue {
        value: "at_risk",
        doc: StaticText {
            vi: "dự báo khó hoàn thành",
            en: "forecast hard to finish",
        },
    },
];

toml_table! {
    pub struct PreparedBy in PREPARED_BY = "[prepared_by]",
        "Người lập báo cáo",
        "Who prepared the report" {
        name: Option<Sp<String>> = Str, required, "Họ và tên người lập", "Full name";
        position: Option<Sp<String>> = Str, optional, "Chức vụ, phòng", "Position and division";
        phone: Option<Sp<String>> = Str, optional, "Số điện thoại liên hệ", "Contact phone";
        email: Option<Sp<String>> = Str, optional, "Thư điện tử liên hệ", "Contact e-mail";
    }
    computed |r, o| {
        /// The `[prepared_by]` table.
        span: Span = r.span(o.span.clone());
    }
}

toml_table! {
    pub struct TaskReport in TASK = "[[task]]",
        "Tiến độ một nhiệm vụ của kế hoạch CCHC năm",
        "Progress of one task of the year's PAR plan" {
        id: Sp<String> = Id, required, "Mã nhiệm vụ trong kế hoạch", "Task id in the plan";
        status: Option<Sp<&'static str>> = Enum(STATUSES), optional,
            "Tình trạng: done (hoàn thành), in_progress (đang thực hiện), not_started (chưa thực hiện), at_risk (dự báo khó hoàn thành)",
            "Status: done, in_progress, not_started, at_risk (forecast hard to finish)";
        progress: Option<Sp<f64>> = Number, optional,
            "Tỷ lệ hoàn thành, từ 0 đến 100 (%)",
            "Share completed, 0 to 100 (%)";
        note: Option<Sp<String>> = Text, optional,
            "Kết quả, sản phẩm đã có",
            "Results and outputs so far";
        shortcomings: Option<Sp<String>> = Text, optional,
            "Tồn tại, hạn chế (bắt buộc với nhiệm vụ chậm tiến độ)",
            "Shortcomings (required for a task behind schedule)";
        causes: Option<Sp<String>> = Text, optional,
            "Nguyên nhân (bắt buộc với nhiệm vụ chậm tiến độ)",
            "Causes (required for a task behind schedule)";
        remedy: Option<Sp<String>> = Text, optional,
            "Giải pháp khắc phục (bắt buộc với nhiệm vụ chậm tiến độ)",
            "Remedy (required for a task behind schedule)";
    }
    computed |r, o| {
        /// `status` is written, valid or not.
        status_written: bool = Reader::present(o, "status");
        /// The `[[task]]` header.
        span: Span = r.span(o.span.clone());
    }
}

toml_table! {
    pub struct Evidence in EVIDENCE = "[[score.evidence]]",
        "Tài liệu kiểm chứng",
        "Evidence document" {
        number: Option<Sp<String>> = Str, required,
            "Số, ký hiệu văn bản, ví dụ 125/QĐ-UBND",
            "Document number, e.g. 125/QĐ-UBND";
        date: Option<Sp<Date>> = Date, required,
            "Ngày ban hành, dạng 2023-03-20",
            "Date issued, as 2023-03-20";
        title: Option<Sp<String>> = Str, required, "Trích yếu nội dung", "Title or summary";
        url: Option<Sp<String>> = Url, optional,
            "Đường dẫn http(s) để xem văn bản",
            "http(s) link to read it";
    }
}

toml_table! {
    pub struct ScoreEntry in SCORE = "[[score]]",
        "Điểm tự đánh giá một tiêu chí của phụ lục",
        "Self-score of one row of the appendix" {
        criterion: Sp<String> = Id, required,
            "Mã tiêu chí, ví dụ 3.2.1",
            "Criterion id, e.g. 3.2.1";
        score: Option<Sp<f64>> = Number, optional,
            "Điểm tự đánh giá, từ 0 đến điểm tối đa, đúng bước chấm",
            "Self-score, from 0 to the maximum, in steps";
        not_applicable: Option<Sp<bool>> = Bool, optional,
            "true nếu tiêu chí không áp dụng với đơn vị (khi đó ghi lý do, không chấm điểm)",
            "true if the row does not apply to the unit (then give a reason, no score)";
        reason: Option<Sp<String>> = Text, optional, "Lý do không áp dụng", "Why it does not apply";
        explanation: Option<Sp<String>> = Text, optional,
            "Giải thích cách tự chấm",
            "How the score was reached";
        evidence: Vec<Evidence> = Tables, optional, "Tài liệu kiểm chứng", "Evidence documents";
    }
    computed |r, o| {
        /// `score` is written, valid or not.
        score_written: bool = Reader::present(o, "score");
        /// The `[[score]]` header.
        span: Span = r.span(o.span.clone());
    }
}

toml_table! {
    /// `submissions/<campaign>/<unit>.toml`.
    pub struct Submission in FILE = "",
        "Báo cáo tự đánh giá CCHC của một đơn vị",
        "A unit's PAR self-assessment" {
        campaign: Option<Sp<String>> = Id, required,
            "Mã đợt đánh giá — không sửa",
            "Campaign id — do not change";
        unit: Option<Sp<String>> = Id, required, "Mã đơn vị — không sửa", "Unit id — do not change";
        prepared_by: Option<PreparedBy> = Table, required,
            "Người lập báo cáo",
            "Who prepared the report";
        tasks as "task": Vec<TaskReport> = Tables, optional,
            "Tiến độ các nhiệm vụ được giao",
            "Progress of the unit's tasks";
        scores as "score": Vec<ScoreEntry> = Tables, optional,
            "Điểm tự đánh giá từng tiêu chí",
            "Self-score of each row";
    }
    // Some `[[task]]` or `[[score]]` blocks could not be read (already
    // reported): the rules then do not call their tasks or rows missing.
    computed |_, o| {
        /// Some `[[task]]` block could not be read.
        tasks_dropped: bool = tasks.len() < Reader::item_count(o, "task");
        /// Some `[[score]]` block could not be read.
        scores_dropped: bool = scores.len() < Reader::item_count(o, "score");
    }
}
