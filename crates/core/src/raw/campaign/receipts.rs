//! `content/campaigns/<id>/receipts.toml`: the register of reports received.

use jiff::civil::DateTime;

use crate::source::Sp;
use crate::text::StaticText;
use crate::toml_read::spec::EnumValue;
use crate::toml_read::table::toml_table;

pub static CHANNELS: &[EnumValue] = &[
    EnumValue {
        value: "paper",
        doc: StaticText {
            vi: "văn bản giấy",
            en: "on paper",
        },
    },
    EnumValue {
        value: "email",
        doc: StaticText {
            vi: "thư điện tử",
            en: "by e-mail",
        },
    },
    EnumValue {
        value: "pull_request",
        doc: StaticText {
            vi: "yêu cầu hợp nhất",
            en: "pull request",
        },
    },
];

/// The files of a later stage the register may record (the report itself
/// has no `stage`).
pub static RECEIPT_STAGES: &[EnumValue] = &[EnumValue {
    value: "explanation",
    doc: StaticText {
        vi: "giải trình",
        en: "explanation",
    },
}];

toml_table! {
    pub struct Receipt in RECEIPT = "[[receipt]]",
        "Một báo cáo đã nhận (sổ công văn đến)",
        "A report received (incoming register)" {
        unit: Sp<String> = Id, required, "Mã đơn vị gửi", "Sending unit id";
        received: Sp<DateTime> = DateTime, required,
            "Thời điểm nhận (giờ địa phương)",
            "When it was received (local time)";
        channel: Sp<&'static str> = Enum(CHANNELS), required,
            "Hình thức: paper (giấy), email (thư điện tử) hoặc pull_request (yêu cầu hợp nhất gửi trước khi được hợp nhất)",
            "How: paper, email, or pull_request (a pull request sent before it was merged)";
        pull_request: Option<Sp<i64>> = Integer, optional,
            "Số yêu cầu hợp nhất, với channel = \"pull_request\"",
            "The pull request's number, with channel = \"pull_request\"";
        register_number: Option<Sp<String>> = Str, optional,
            "Số đến trong sổ công văn đến",
            "Number in the incoming register";
        document: Option<Sp<String>> = Str, optional,
            "Số, ngày của báo cáo",
            "The report's number and date";
        note: Option<Sp<String>> = Text, optional, "Ghi chú", "Note";
        stage: Option<Sp<&'static str>> = Enum(RECEIPT_STAGES), optional,
            "Tệp nhận thuộc giai đoạn nào: explanation (giải trình); bỏ trống với báo cáo tự đánh giá",
            "Which stage's file was received: explanation; left out for the self-assessment report";
    }
}

toml_table! {
    /// `content/campaigns/<id>/receipts.toml`.
    pub struct Receipts in RECEIPTS_FILE = "", "Sổ công văn đến", "Register of received reports" {
        receipts as "receipt": Vec<Receipt> = Tables, optional,
            "Các báo cáo đã nhận",
            "The reports received";
    }
}
