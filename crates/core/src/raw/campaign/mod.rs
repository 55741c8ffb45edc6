//! `content/campaigns/<id>/campaign.toml`; plan.toml, receipts.toml and the
//! pages' front matter in submodules, re-exported here.

mod front_matter;
mod plan;
mod receipts;
mod stages;

use jiff::civil::{Date, DateTime};

use crate::source::Sp;
use crate::toml_read::table::toml_table;

pub use front_matter::FrontMatter;
pub use plan::{Plan, Task};
pub use receipts::{Receipt, Receipts};
pub use stages::{Appraisal, Explanation, Final};

toml_table! {
    pub struct Letter in LETTER = "[letter]",
        "Công văn yêu cầu đánh giá",
        "The letter that asks for the assessment" {
        number: Option<Sp<String>> = Str, required, "Số, ký hiệu công văn", "The letter's number";
        date: Option<Sp<Date>> = Date, optional, "Ngày công văn", "The letter's date";
        date_text: Option<Sp<String>> = Str, optional,
            "Ngày ghi bằng chữ khi không rõ ngày cụ thể",
            "The date in words when the exact day is unknown";
        subject: Option<Sp<String>> = Str, optional, "Trích yếu", "Subject";
        signer: Option<Sp<String>> = Str, optional,
            "Người ký (chức vụ)",
            "Who signed it (position)";
        url: Option<Sp<String>> = Url, optional, "Đường dẫn đến văn bản", "Link to the document";
    }
}

toml_table! {
    pub struct PlanRef in PLAN_REF = "[plan]",
        "Kế hoạch CCHC năm mà công văn căn cứ",
        "The year's PAR plan the letter cites" {
        number: Option<Sp<String>> = Str, required, "Số kế hoạch", "The plan's number";
        date: Option<Sp<Date>> = Date, required, "Ngày ban hành", "Date issued";
        title: Option<Sp<String>> = Str, required, "Tên kế hoạch", "Title";
        url: Option<Sp<String>> = Url, optional, "Đường dẫn đến văn bản", "Link to the document";
    }
}

toml_table! {
    pub struct Participant in PARTICIPANT = "[[participant]]",
        "Đơn vị tham gia và phụ lục của đơn vị",
        "A unit taking part and its appendix" {
        unit: Sp<String> = Id, required, "Mã đơn vị", "Unit id";
        appendix: Sp<String> = Id, required,
            "Phụ lục đơn vị tự đánh giá",
            "The appendix the unit scores";
    }
}

toml_table! {
    pub struct Appendix in APPENDIX = "[[appendix]]",
        "Phụ lục: các tiêu chí giao một đơn vị chấm",
        "Appendix: the rows given to one unit" {
        id: Sp<String> = Id, required, "Số phụ lục, ví dụ XVII", "Appendix number, e.g. XVII";
        /// Read so the format may carry it; nothing shows it yet.
        #[expect(dead_code, reason = "the format documents it; no page shows it yet")]
        title: Option<Sp<String>> = Str, optional, "Tên phụ lục", "Title";
        rows: Vec<Sp<String>> = Strings, required,
            "Mã các tiêu chí được chấm",
            "Ids of the scored rows";
    }
}

toml_table! {
    pub struct Extension in EXTENSION = "[[extension]]",
        "Gia hạn cho một đơn vị",
        "An extension granted to one unit" {
        unit: Sp<String> = Id, required, "Mã đơn vị", "Unit id";
        deadline: Sp<DateTime> = DateTime, required,
            "Hạn mới (giờ địa phương, phải gửi trước thời điểm này)",
            "New deadline (local time; must arrive before it)";
        reason: Option<Sp<String>> = Text, required, "Lý do gia hạn", "Why it was granted";
        document: Option<Sp<String>> = Str, optional,
            "Văn bản cho phép gia hạn",
            "The document granting it";
    }
}

toml_table! {
    /// `content/campaigns/<id>/campaign.toml`.
    pub struct Campaign in FILE = "", "Đợt đánh giá", "Evaluation campaign" {
        id: Option<Sp<String>> = Id, required,
            "Mã đợt, trùng tên thư mục",
            "Campaign id, the folder's name";
        title: Option<Sp<String>> = Str, required, "Tên đợt đánh giá", "Title";
        illustrative: Option<Sp<bool>> = Bool, required,
            "true nếu dữ liệu là minh họa",
            "true if the data is illustrative";
        illustrative_note: Option<Sp<String>> = Text, optional,
            "Phần nào là minh họa",
            "What is illustrative";
        closed: Option<Sp<bool>> = Bool, optional,
            "true khi đợt đã đóng: không nhận báo cáo hay sửa đổi nữa",
            "true once the campaign is closed: no more reports or changes";
        receipts_only: Option<Sp<bool>> = Bool, optional,
            "true nếu thời điểm nhận chỉ lấy từ sổ công văn đến, không từ lịch sử Git (đợt được đưa vào kho sau khi đã diễn ra)",
            "true if arrival times come from the receipts register only, not the Git history (a campaign put in the repository after it took place)";
        criteria_set: Option<Sp<String>> = Id, required, "Mã bộ tiêu chí", "Criteria set id";
        cutoff: Option<Sp<Date>> = Date, required, "Ngày chốt số liệu", "Data cut-off date";
        time_zone: Option<Sp<String>> = Str, required,
            "Múi giờ, ví dụ Asia/Ho_Chi_Minh",
            "Time zone, e.g. Asia/Ho_Chi_Minh";
        deadline: Option<Sp<DateTime>> = DateTime, required,
            "Hạn gửi (giờ địa phương): phải đến trước thời điểm này",
            "Deadline (local time): reports must arrive before it";
        letter: Option<Letter> = Table, required, "Công văn", "The letter";
        plan: Option<PlanRef> = Table, required, "Kế hoạch CCHC năm", "The year's PAR plan";
        participants as "participant": Vec<Participant> = Tables, required,
            "Các đơn vị tham gia",
            "The units taking part";
        appendices as "appendix": Vec<Appendix> = Tables, required, "Các phụ lục", "The appendices";
        extensions as "extension": Vec<Extension> = Tables, optional,
            "Các trường hợp gia hạn",
            "Extensions";
        appraisal: Option<Appraisal> = Table, optional,
            "Giai đoạn thẩm định (nếu có)",
            "The appraisal stage, if any";
        explanation: Option<Explanation> = Table, optional,
            "Giai đoạn giải trình (nếu có)",
            "The explanation stage, if any";
        final_stage as "final": Option<Final> = Table, optional,
            "Giai đoạn chấm điểm cuối cùng (nếu có)",
            "The final stage, if any";
    }
}
