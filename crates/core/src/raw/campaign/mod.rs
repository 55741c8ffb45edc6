//! content/campaigns/<id>/campaign.toml; plan.toml, receipts.toml and the
//! pages' front matter in submodules, re-exported here.

mod front_matter;
mod plan;
mod receipts;

use jiff::civil::{Date, DateTime};

use crate::source::Sp;
use crate::text::StaticText;
use crate::toml_read::spec::{Kind, TableSpec, field};
use crate::toml_read::{Obj, Reader};

pub use front_matter::{FRONT_MATTER, FrontMatter, read_front_matter};
pub use plan::{PLAN_FILE, Task, read_plan};
pub use receipts::{RECEIPTS_FILE, Receipt, read_receipts};

pub static LETTER: TableSpec = TableSpec {
    name: "[letter]",
    doc: StaticText {
        vi: "Công văn yêu cầu đánh giá",
        en: "The letter that asks for the assessment",
    },
    fields: &[
        field!(
            "number",
            Kind::Str,
            required,
            "Số, ký hiệu công văn",
            "The letter's number"
        ),
        field!(
            "date",
            Kind::Date,
            optional,
            "Ngày công văn",
            "The letter's date"
        ),
        field!(
            "date_text",
            Kind::Str,
            optional,
            "Ngày ghi bằng chữ khi không rõ ngày cụ thể",
            "The date in words when the exact day is unknown"
        ),
        field!("subject", Kind::Str, optional, "Trích yếu", "Subject"),
        field!(
            "signer",
            Kind::Str,
            optional,
            "Người ký (chức vụ)",
            "Who signed it (position)"
        ),
        field!(
            "url",
            Kind::Url,
            optional,
            "Đường dẫn đến văn bản",
            "Link to the document"
        ),
    ],
};

pub static PLAN_REF: TableSpec = TableSpec {
    name: "[plan]",
    doc: StaticText {
        vi: "Kế hoạch CCHC năm mà công văn căn cứ",
        en: "The year's PAR plan the letter cites",
    },
    fields: &[
        field!(
            "number",
            Kind::Str,
            required,
            "Số kế hoạch",
            "The plan's number"
        ),
        field!("date", Kind::Date, required, "Ngày ban hành", "Date issued"),
        field!("title", Kind::Str, required, "Tên kế hoạch", "Title"),
        field!(
            "url",
            Kind::Url,
            optional,
            "Đường dẫn đến văn bản",
            "Link to the document"
        ),
    ],
};

pub static PARTICIPANT: TableSpec = TableSpec {
    name: "[[participant]]",
    doc: StaticText {
        vi: "Đơn vị tham gia và phụ lục của đơn vị",
        en: "A unit taking part and its appendix",
    },
    fields: &[
        field!("unit", Kind::Id, required, "Mã đơn vị", "Unit id"),
        field!(
            "appendix",
            Kind::Id,
            required,
            "Phụ lục đơn vị tự đánh giá",
            "The appendix the unit scores"
        ),
    ],
};

pub static APPENDIX: TableSpec = TableSpec {
    name: "[[appendix]]",
    doc: StaticText {
        vi: "Phụ lục: các tiêu chí giao một đơn vị chấm",
        en: "Appendix: the rows given to one unit",
    },
    fields: &[
        field!(
            "id",
            Kind::Id,
            required,
            "Số phụ lục, ví dụ XVII",
            "Appendix number, e.g. XVII"
        ),
        field!("title", Kind::Str, optional, "Tên phụ lục", "Title"),
        field!(
            "rows",
            Kind::Strings,
            required,
            "Mã các tiêu chí được chấm",
            "Ids of the scored rows"
        ),
    ],
};

pub static EXTENSION: TableSpec = TableSpec {
    name: "[[extension]]",
    doc: StaticText {
        vi: "Gia hạn cho một đơn vị",
        en: "An extension granted to one unit",
    },
    fields: &[
        field!("unit", Kind::Id, required, "Mã đơn vị", "Unit id"),
        field!(
            "deadline",
            Kind::DateTime,
            required,
            "Hạn mới (giờ địa phương, phải gửi trước thời điểm này)",
            "New deadline (local time; must arrive before it)"
        ),
        field!(
            "reason",
            Kind::Text,
            required,
            "Lý do gia hạn",
            "Why it was granted"
        ),
        field!(
            "document",
            Kind::Str,
            optional,
            "Văn bản cho phép gia hạn",
            "The document granting it"
        ),
    ],
};

pub static FILE: TableSpec = TableSpec {
    name: "",
    doc: StaticText {
        vi: "Đợt đánh giá",
        en: "Evaluation campaign",
    },
    fields: &[
        field!(
            "id",
            Kind::Id,
            required,
            "Mã đợt, trùng tên thư mục",
            "Campaign id, the folder's name"
        ),
        field!("title", Kind::Str, required, "Tên đợt đánh giá", "Title"),
        field!(
            "illustrative",
            Kind::Bool,
            required,
            "true nếu dữ liệu là minh hoạ",
            "true if the data is illustrative"
        ),
        field!(
            "illustrative_note",
            Kind::Text,
            optional,
            "Phần nào là minh hoạ",
            "What is illustrative"
        ),
        field!(
            "closed",
            Kind::Bool,
            optional,
            "true khi đợt đã đóng: không nhận báo cáo hay sửa đổi nữa",
            "true once the campaign is closed: no more reports or changes"
        ),
        field!(
            "receipts_only",
            Kind::Bool,
            optional,
            "true nếu thời điểm nhận chỉ lấy từ sổ công văn đến, không từ lịch sử Git (đợt được đưa vào kho sau khi đã diễn ra)",
            "true if arrival times come from the receipts register only, not the Git history (a campaign put in the repository after it took place)"
        ),
        field!(
            "criteria_set",
            Kind::Id,
            required,
            "Mã bộ tiêu chí",
            "Criteria set id"
        ),
        field!(
            "cutoff",
            Kind::Date,
            required,
            "Ngày chốt số liệu",
            "Data cut-off date"
        ),
        field!(
            "time_zone",
            Kind::Str,
            required,
            "Múi giờ, ví dụ Asia/Ho_Chi_Minh",
            "Time zone, e.g. Asia/Ho_Chi_Minh"
        ),
        field!(
            "deadline",
            Kind::DateTime,
            required,
            "Hạn gửi (giờ địa phương): phải đến trước thời điểm này",
            "Deadline (local time): reports must arrive before it"
        ),
        field!(
            "letter",
            Kind::Table(&LETTER),
            required,
            "Công văn",
            "The letter"
        ),
        field!(
            "plan",
            Kind::Table(&PLAN_REF),
            required,
            "Kế hoạch CCHC năm",
            "The year's PAR plan"
        ),
        field!(
            "participant",
            Kind::Tables(&PARTICIPANT),
            required,
            "Các đơn vị tham gia",
            "The units taking part"
        ),
        field!(
            "appendix",
            Kind::Tables(&APPENDIX),
            required,
            "Các phụ lục",
            "The appendices"
        ),
        field!(
            "extension",
            Kind::Tables(&EXTENSION),
            optional,
            "Các trường hợp gia hạn",
            "Extensions"
        ),
    ],
};

#[derive(Debug, Clone)]
pub struct Letter {
    pub number: Option<Sp<String>>,
    pub date: Option<Sp<Date>>,
    pub date_text: Option<Sp<String>>,
    pub subject: Option<Sp<String>>,
    pub signer: Option<Sp<String>>,
    pub url: Option<Sp<String>>,
}

#[derive(Debug, Clone)]
pub struct PlanRef {
    pub number: Option<Sp<String>>,
    pub date: Option<Sp<Date>>,
    pub title: Option<Sp<String>>,
    pub url: Option<Sp<String>>,
}

#[derive(Debug, Clone)]
pub struct Participant {
    pub unit: Sp<String>,
    pub appendix: Sp<String>,
}

#[derive(Debug, Clone)]
pub struct Appendix {
    pub id: Sp<String>,
    /// Read so the format may carry it; nothing shows it yet.
    #[expect(dead_code, reason = "the format documents it; no page shows it yet")]
    pub title: Option<Sp<String>>,
    pub rows: Vec<Sp<String>>,
}

#[derive(Debug, Clone)]
pub struct Extension {
    pub unit: Sp<String>,
    pub deadline: Sp<DateTime>,
    pub reason: Option<Sp<String>>,
    pub document: Option<Sp<String>>,
}

#[derive(Debug, Clone)]
pub struct Campaign {
    pub id: Option<Sp<String>>,
    pub title: Option<Sp<String>>,
    pub illustrative: Option<Sp<bool>>,
    pub illustrative_note: Option<Sp<String>>,
    pub closed: Option<Sp<bool>>,
    pub receipts_only: Option<Sp<bool>>,
    pub criteria_set: Option<Sp<String>>,
    pub cutoff: Option<Sp<Date>>,
    pub time_zone: Option<Sp<String>>,
    pub deadline: Option<Sp<DateTime>>,
    pub letter: Option<Letter>,
    pub plan: Option<PlanRef>,
    pub participants: Vec<Participant>,
    pub appendices: Vec<Appendix>,
    pub extensions: Vec<Extension>,
}

pub fn read(r: &mut Reader<'_>, root: &Obj<'_, '_>) -> Campaign {
    let letter = r.table(root, "letter").map(|o| Letter {
        number: r.str(&o, "number"),
        date: r.date(&o, "date"),
        date_text: r.str(&o, "date_text"),
        subject: r.str(&o, "subject"),
        signer: r.str(&o, "signer"),
        url: r.str(&o, "url"),
    });
    let plan = r.table(root, "plan").map(|o| PlanRef {
        number: r.str(&o, "number"),
        date: r.date(&o, "date"),
        title: r.str(&o, "title"),
        url: r.str(&o, "url"),
    });
    let participants = r
        .tables(root, "participant")
        .iter()
        .filter_map(|o| {
            let appendix = r.str(o, "appendix");
            Some(Participant {
                unit: r.str(o, "unit")?,
                appendix: appendix?,
            })
        })
        .collect();
    let appendices = r
        .tables(root, "appendix")
        .iter()
        .filter_map(|o| {
            Some(Appendix {
                title: r.str(o, "title"),
                rows: r.strings(o, "rows"),
                id: r.str(o, "id")?,
            })
        })
        .collect();
    let extensions = r
        .tables(root, "extension")
        .iter()
        .filter_map(|o| {
            let deadline = r.datetime(o, "deadline");
            Some(Extension {
                reason: r.str(o, "reason"),
                document: r.str(o, "document"),
                unit: r.str(o, "unit")?,
                deadline: deadline?,
            })
        })
        .collect();
    Campaign {
        id: r.str(root, "id"),
        title: r.str(root, "title"),
        illustrative: r.bool(root, "illustrative"),
        illustrative_note: r.str(root, "illustrative_note"),
        closed: r.bool(root, "closed"),
        receipts_only: r.bool(root, "receipts_only"),
        criteria_set: r.str(root, "criteria_set"),
        cutoff: r.date(root, "cutoff"),
        time_zone: r.str(root, "time_zone"),
        deadline: r.datetime(root, "deadline"),
        letter,
        plan,
        participants,
        appendices,
        extensions,
    }
}
