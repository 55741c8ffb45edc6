//! The files of the stages after the self-assessment, in the campaign's
//! folder of submissions/: an appraiser's appraisal of one unit
//! (`appraisal/<appraiser>/<unit>.toml`), the unit's explanations
//! (`explanation/<unit>.toml`) and the appraiser's final scores
//! (`final/<appraiser>/<unit>.toml`). The docs speak to whoever writes them.

use jiff::civil::Date;

use crate::source::{Sp, Span};
use crate::text::StaticText;
use crate::toml_read::Reader;
use crate::toml_read::spec::EnumValue;
use crate::toml_read::table::toml_table;

use super::submission::Evidence;

/// What an appraiser asks a unit to explain.
pub static REQUESTS: &[EnumValue] = &[
    EnumValue {
        value: "missing_evidence",
        doc: StaticText {
            vi: "thiếu tài liệu kiểm chứng",
            en: "evidence missing",
        },
    },
    EnumValue {
        value: "figure_mismatch",
        doc: StaticText {
            vi: "số liệu không khớp với tài liệu",
            en: "a figure does not match the document",
        },
    },
    EnumValue {
        value: "out_of_period",
        doc: StaticText {
            vi: "tài liệu ngoài kỳ đánh giá",
            en: "evidence outside the period assessed",
        },
    },
    EnumValue {
        value: "other",
        doc: StaticText {
            vi: "lý do khác",
            en: "another reason",
        },
    },
];

toml_table! {
    pub struct AppraisedScore in APPRAISED_SCORE = "[[score]]",
        "Điểm thẩm định một tiêu chí",
        "The appraised score of one row" {
        criterion: Sp<String> = Id, required,
            "Mã tiêu chí, ví dụ 3.2.1",
            "Criterion id, e.g. 3.2.1";
        score: Option<Sp<f64>> = Number, required,
            "Điểm thẩm định, từ 0 đến điểm tối đa, đúng bước chấm",
            "The appraised score, from 0 to the maximum, in steps";
        reason: Option<Sp<String>> = Text, optional,
            "Lý do (bắt buộc khi điểm thẩm định khác điểm tự đánh giá)",
            "Why (required where it differs from the self-score)";
        request: Option<Sp<&'static str>> = Enum(REQUESTS), optional,
            "Yêu cầu đơn vị giải trình: missing_evidence (thiếu tài liệu kiểm chứng), figure_mismatch (số liệu không khớp với tài liệu), out_of_period (tài liệu ngoài kỳ đánh giá), other (lý do khác)",
            "Asks the unit to explain: missing_evidence, figure_mismatch (a figure does not match the document), out_of_period (evidence outside the period), other";
        request_text: Option<Sp<String>> = Text, optional,
            "Nội dung cần giải trình (bắt buộc khi có request)",
            "What to explain (required with request)";
    }
    computed |r, o| {
        /// The `[[score]]` header.
        span: Span = r.span(o.span.clone());
    }
}

toml_table! {
    /// `submissions/<campaign>/appraisal/<appraiser>/<unit>.toml`.
    pub struct AppraisalFile in APPRAISAL_FILE = "",
        "Kết quả thẩm định báo cáo tự đánh giá của một đơn vị",
        "The appraisal of one unit's self-assessment" {
        campaign: Option<Sp<String>> = Id, required,
            "Mã đợt đánh giá — không sửa",
            "Campaign id — do not change";
        unit: Option<Sp<String>> = Id, required,
            "Mã đơn vị được thẩm định — không sửa",
            "The unit appraised — do not change";
        appraiser: Option<Sp<String>> = Id, required,
            "Bên thẩm định: office (Phòng CCHC) hoặc mã đơn vị — không sửa",
            "The appraiser: office (the PAR office) or a unit id — do not change";
        scores as "score": Vec<AppraisedScore> = Tables, optional,
            "Điểm thẩm định từng tiêu chí",
            "The appraised score of each row";
    }
    computed |_, o| {
        /// Some `[[score]]` block could not be read.
        scores_dropped: bool = scores.len() < Reader::item_count(o, "score");
    }
}

toml_table! {
    pub struct AnswerEvidence in ANSWER_EVIDENCE = "[[answer.evidence]]",
        "Tài liệu kiểm chứng bổ sung",
        "Evidence added" {
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

impl From<AnswerEvidence> for Evidence {
    /// The same document as a submission's, so the same rules judge it.
    fn from(e: AnswerEvidence) -> Evidence {
        Evidence {
            number: e.number,
            date: e.date,
            title: e.title,
            url: e.url,
        }
    }
}

toml_table! {
    pub struct Answer in ANSWER = "[[answer]]",
        "Giải trình một tiêu chí",
        "The explanation of one row" {
        criterion: Sp<String> = Id, required,
            "Mã tiêu chí được yêu cầu giải trình",
            "The row asked about";
        text: Option<Sp<String>> = Text, required,
            "Nội dung giải trình",
            "The explanation";
        evidence: Vec<AnswerEvidence> = Tables, optional,
            "Tài liệu kiểm chứng bổ sung",
            "Evidence added";
    }
    computed |r, o| {
        /// The `[[answer]]` header.
        span: Span = r.span(o.span.clone());
    }
}

toml_table! {
    /// `submissions/<campaign>/explanation/<unit>.toml`.
    pub struct ExplanationFile in EXPLANATION_FILE = "",
        "Giải trình của một đơn vị theo yêu cầu của bên thẩm định",
        "A unit's answers to the appraisers' requests" {
        campaign: Option<Sp<String>> = Id, required,
            "Mã đợt đánh giá — không sửa",
            "Campaign id — do not change";
        unit: Option<Sp<String>> = Id, required, "Mã đơn vị — không sửa", "Unit id — do not change";
        answers as "answer": Vec<Answer> = Tables, optional,
            "Giải trình từng tiêu chí được yêu cầu",
            "The answer to each request";
    }
}

toml_table! {
    pub struct FinalScore in FINAL_SCORE = "[[score]]",
        "Điểm cuối cùng một tiêu chí",
        "The final score of one row" {
        criterion: Sp<String> = Id, required,
            "Mã tiêu chí, ví dụ 3.2.1",
            "Criterion id, e.g. 3.2.1";
        score: Option<Sp<f64>> = Number, required,
            "Điểm cuối cùng, từ 0 đến điểm tối đa, đúng bước chấm",
            "The final score, from 0 to the maximum, in steps";
        note: Option<Sp<String>> = Text, optional,
            "Ghi chú (bắt buộc khi điểm cuối cùng khác điểm thẩm định)",
            "A note (required where it differs from the appraised score)";
    }
    computed |r, o| {
        /// The `[[score]]` header.
        span: Span = r.span(o.span.clone());
    }
}

toml_table! {
    /// `submissions/<campaign>/final/<appraiser>/<unit>.toml`.
    pub struct FinalFile in FINAL_FILE = "",
        "Điểm cuối cùng của một đơn vị, sau giải trình",
        "One unit's final scores, after the explanations" {
        campaign: Option<Sp<String>> = Id, required,
            "Mã đợt đánh giá — không sửa",
            "Campaign id — do not change";
        unit: Option<Sp<String>> = Id, required, "Mã đơn vị — không sửa", "Unit id — do not change";
        appraiser: Option<Sp<String>> = Id, required,
            "Bên thẩm định: office (Phòng CCHC) hoặc mã đơn vị — không sửa",
            "The appraiser: office (the PAR office) or a unit id — do not change";
        scores as "score": Vec<FinalScore> = Tables, optional,
            "Điểm cuối cùng từng tiêu chí",
            "The final score of each row";
    }
    computed |_, o| {
        /// Some `[[score]]` block could not be read.
        scores_dropped: bool = scores.len() < Reader::item_count(o, "score");
    }
}
