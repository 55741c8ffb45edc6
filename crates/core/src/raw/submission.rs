//! submissions/<campaign>/<unit>.toml: one unit's report for one campaign.
//! The docs here are what `cchc new` writes as comments and what the JSON
//! Schema shows in the clerk's editor, so they speak to the clerk.

use jiff::civil::Date;

use crate::source::Sp;
use crate::text::StaticText;
use crate::toml_read::spec::{EnumValue, Kind, TableSpec, field};
use crate::toml_read::{Obj, Reader};

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

pub static PREPARED_BY: TableSpec = TableSpec {
    name: "[prepared_by]",
    doc: StaticText {
        vi: "Người lập báo cáo",
        en: "Who prepared the report",
    },
    fields: &[
        field!(
            "name",
            Kind::Str,
            required,
            "Họ và tên người lập",
            "Full name"
        ),
        field!(
            "position",
            Kind::Str,
            optional,
            "Chức vụ, phòng",
            "Position and division"
        ),
        field!(
            "phone",
            Kind::Str,
            optional,
            "Số điện thoại liên hệ",
            "Contact phone"
        ),
        field!(
            "email",
            Kind::Str,
            optional,
            "Thư điện tử liên hệ",
            "Contact e-mail"
        ),
    ],
};

pub static TASK: TableSpec = TableSpec {
    name: "[[task]]",
    doc: StaticText {
        vi: "Tiến độ một nhiệm vụ của kế hoạch CCHC năm",
        en: "Progress of one task of the year's PAR plan",
    },
    fields: &[
        field!(
            "id",
            Kind::Id,
            required,
            "Mã nhiệm vụ trong kế hoạch",
            "Task id in the plan"
        ),
        field!(
            "status",
            Kind::Enum(STATUSES),
            optional,
            "Tình trạng: done (hoàn thành), in_progress (đang thực hiện), not_started (chưa thực hiện), at_risk (dự báo khó hoàn thành)",
            "Status: done, in_progress, not_started, at_risk (forecast hard to finish)"
        ),
        field!(
            "progress",
            Kind::Number,
            optional,
            "Tỷ lệ hoàn thành, từ 0 đến 100 (%)",
            "Share completed, 0 to 100 (%)"
        ),
        field!(
            "note",
            Kind::Text,
            optional,
            "Kết quả, sản phẩm đã có",
            "Results and outputs so far"
        ),
        field!(
            "shortcomings",
            Kind::Text,
            optional,
            "Tồn tại, hạn chế (bắt buộc với nhiệm vụ chậm tiến độ)",
            "Shortcomings (required for a task behind schedule)"
        ),
        field!(
            "causes",
            Kind::Text,
            optional,
            "Nguyên nhân (bắt buộc với nhiệm vụ chậm tiến độ)",
            "Causes (required for a task behind schedule)"
        ),
        field!(
            "remedy",
            Kind::Text,
            optional,
            "Giải pháp khắc phục (bắt buộc với nhiệm vụ chậm tiến độ)",
            "Remedy (required for a task behind schedule)"
        ),
    ],
};

pub static EVIDENCE: TableSpec = TableSpec {
    name: "[[score.evidence]]",
    doc: StaticText {
        vi: "Tài liệu kiểm chứng",
        en: "Evidence document",
    },
    fields: &[
        field!(
            "number",
            Kind::Str,
            required,
            "Số, ký hiệu văn bản, ví dụ 125/QĐ-UBND",
            "Document number, e.g. 125/QĐ-UBND"
        ),
        field!(
            "date",
            Kind::Date,
            required,
            "Ngày ban hành, dạng 2023-03-20",
            "Date issued, as 2023-03-20"
        ),
        field!(
            "title",
            Kind::Str,
            required,
            "Trích yếu nội dung",
            "Title or summary"
        ),
        field!(
            "url",
            Kind::Url,
            optional,
            "Đường dẫn http(s) để xem văn bản",
            "http(s) link to read it"
        ),
    ],
};

pub static SCORE: TableSpec = TableSpec {
    name: "[[score]]",
    doc: StaticText {
        vi: "Điểm tự đánh giá một tiêu chí của phụ lục",
        en: "Self-score of one row of the appendix",
    },
    fields: &[
        field!(
            "criterion",
            Kind::Id,
            required,
            "Mã tiêu chí, ví dụ 3.2.1",
            "Criterion id, e.g. 3.2.1"
        ),
        field!(
            "score",
            Kind::Number,
            optional,
            "Điểm tự đánh giá, từ 0 đến điểm tối đa, đúng bước chấm",
            "Self-score, from 0 to the maximum, in steps"
        ),
        field!(
            "not_applicable",
            Kind::Bool,
            optional,
            "true nếu tiêu chí không áp dụng với đơn vị (khi đó ghi lý do, không chấm điểm)",
            "true if the row does not apply to the unit (then give a reason, no score)"
        ),
        field!(
            "reason",
            Kind::Text,
            optional,
            "Lý do không áp dụng",
            "Why it does not apply"
        ),
        field!(
            "explanation",
            Kind::Text,
            optional,
            "Giải thích cách tự chấm",
            "How the score was reached"
        ),
        field!(
            "evidence",
            Kind::Tables(&EVIDENCE),
            optional,
            "Tài liệu kiểm chứng",
            "Evidence documents"
        ),
    ],
};

pub static FILE: TableSpec = TableSpec {
    name: "",
    doc: StaticText {
        vi: "Báo cáo tự đánh giá CCHC của một đơn vị",
        en: "A unit's PAR self-assessment",
    },
    fields: &[
        field!(
            "campaign",
            Kind::Id,
            required,
            "Mã đợt đánh giá — không sửa",
            "Campaign id — do not change"
        ),
        field!(
            "unit",
            Kind::Id,
            required,
            "Mã đơn vị — không sửa",
            "Unit id — do not change"
        ),
        field!(
            "prepared_by",
            Kind::Table(&PREPARED_BY),
            required,
            "Người lập báo cáo",
            "Who prepared the report"
        ),
        field!(
            "task",
            Kind::Tables(&TASK),
            optional,
            "Tiến độ các nhiệm vụ được giao",
            "Progress of the unit's tasks"
        ),
        field!(
            "score",
            Kind::Tables(&SCORE),
            optional,
            "Điểm tự đánh giá từng tiêu chí",
            "Self-score of each row"
        ),
    ],
};

#[derive(Debug, Clone)]
pub struct PreparedBy {
    pub name: Option<Sp<String>>,
    pub position: Option<Sp<String>>,
    pub phone: Option<Sp<String>>,
    pub email: Option<Sp<String>>,
    pub span: crate::source::Span,
}

#[derive(Debug, Clone)]
pub struct TaskReport {
    pub id: Sp<String>,
    pub status: Option<Sp<&'static str>>,
    /// `status` is written, valid or not.
    pub status_written: bool,
    pub progress: Option<Sp<f64>>,
    pub note: Option<Sp<String>>,
    pub shortcomings: Option<Sp<String>>,
    pub causes: Option<Sp<String>>,
    pub remedy: Option<Sp<String>>,
    /// The `[[task]]` header.
    pub span: crate::source::Span,
}

#[derive(Debug, Clone)]
pub struct Evidence {
    pub number: Option<Sp<String>>,
    pub date: Option<Sp<Date>>,
    pub title: Option<Sp<String>>,
    pub url: Option<Sp<String>>,
}

#[derive(Debug, Clone)]
pub struct ScoreEntry {
    pub criterion: Sp<String>,
    pub score: Option<Sp<f64>>,
    /// `score` is written, valid or not.
    pub score_written: bool,
    pub not_applicable: Option<Sp<bool>>,
    pub reason: Option<Sp<String>>,
    pub explanation: Option<Sp<String>>,
    pub evidence: Vec<Evidence>,
    /// The `[[score]]` header.
    pub span: crate::source::Span,
}

#[derive(Debug, Clone)]
pub struct Submission {
    pub campaign: Option<Sp<String>>,
    pub unit: Option<Sp<String>>,
    pub prepared_by: Option<PreparedBy>,
    pub tasks: Vec<TaskReport>,
    pub scores: Vec<ScoreEntry>,
    /// Some `[[task]]` or `[[score]]` blocks could not be read (already
    /// reported): the rules then do not call their rows or tasks missing.
    pub tasks_dropped: bool,
    pub scores_dropped: bool,
}

pub fn read(r: &mut Reader<'_>, root: &Obj<'_, '_>) -> Submission {
    let prepared_by = r.table(root, "prepared_by").map(|o| PreparedBy {
        name: r.str(&o, "name"),
        position: r.str(&o, "position"),
        phone: r.str(&o, "phone"),
        email: r.str(&o, "email"),
        span: r.span(o.span.clone()),
    });
    let tasks: Vec<TaskReport> = r
        .tables(root, "task")
        .iter()
        .filter_map(|o| {
            Some(TaskReport {
                status: r.enumeration(o, "status"),
                status_written: Reader::present(o, "status"),
                progress: r.number(o, "progress"),
                note: r.str(o, "note"),
                shortcomings: r.str(o, "shortcomings"),
                causes: r.str(o, "causes"),
                remedy: r.str(o, "remedy"),
                span: r.span(o.span.clone()),
                id: r.str(o, "id")?,
            })
        })
        .collect();
    let scores: Vec<ScoreEntry> = r
        .tables(root, "score")
        .iter()
        .filter_map(|o| {
            let evidence = r
                .tables(o, "evidence")
                .iter()
                .map(|e| Evidence {
                    number: r.str(e, "number"),
                    date: r.date(e, "date"),
                    title: r.str(e, "title"),
                    url: r.str(e, "url"),
                })
                .collect();
            Some(ScoreEntry {
                score: r.number(o, "score"),
                score_written: Reader::present(o, "score"),
                not_applicable: r.bool(o, "not_applicable"),
                reason: r.str(o, "reason"),
                explanation: r.str(o, "explanation"),
                evidence,
                span: r.span(o.span.clone()),
                criterion: r.str(o, "criterion")?,
            })
        })
        .collect();
    Submission {
        campaign: r.str(root, "campaign"),
        unit: r.str(root, "unit"),
        prepared_by,
        tasks_dropped: tasks.len() < Reader::item_count(root, "task"),
        scores_dropped: scores.len() < Reader::item_count(root, "score"),
        tasks,
        scores,
    }
}
