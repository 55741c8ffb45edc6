//! content/campaigns/<id>/receipts.toml: the register of reports received.

use jiff::civil::DateTime;

use crate::source::Sp;
use crate::text::StaticText;
use crate::toml_read::spec::{EnumValue, Kind, TableSpec, field};
use crate::toml_read::{Obj, Reader};

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

pub static RECEIPT: TableSpec = TableSpec {
    name: "[[receipt]]",
    doc: StaticText {
        vi: "Một báo cáo đã nhận (sổ công văn đến)",
        en: "A report received (incoming register)",
    },
    fields: &[
        field!(
            "unit",
            Kind::Id,
            required,
            "Mã đơn vị gửi",
            "Sending unit id"
        ),
        field!(
            "received",
            Kind::DateTime,
            required,
            "Thời điểm nhận (giờ địa phương)",
            "When it was received (local time)"
        ),
        field!(
            "channel",
            Kind::Enum(CHANNELS),
            required,
            "Hình thức: paper (giấy), email (thư điện tử) hoặc pull_request (yêu cầu hợp nhất gửi trước khi được hợp nhất)",
            "How: paper, email, or pull_request (a pull request sent before it was merged)"
        ),
        field!(
            "pull_request",
            Kind::Integer,
            optional,
            "Số yêu cầu hợp nhất, với channel = \"pull_request\"",
            "The pull request's number, with channel = \"pull_request\""
        ),
        field!(
            "register_number",
            Kind::Str,
            optional,
            "Số đến trong sổ công văn đến",
            "Number in the incoming register"
        ),
        field!(
            "document",
            Kind::Str,
            optional,
            "Số, ngày của báo cáo",
            "The report's number and date"
        ),
        field!("note", Kind::Text, optional, "Ghi chú", "Note"),
    ],
};

pub static RECEIPTS_FILE: TableSpec = TableSpec {
    name: "",
    doc: StaticText {
        vi: "Sổ công văn đến",
        en: "Register of received reports",
    },
    fields: &[field!(
        "receipt",
        Kind::Tables(&RECEIPT),
        optional,
        "Các báo cáo đã nhận",
        "The reports received"
    )],
};

#[derive(Debug, Clone)]
pub struct Receipt {
    pub unit: Sp<String>,
    pub received: Sp<DateTime>,
    pub channel: Sp<&'static str>,
    pub pull_request: Option<Sp<i64>>,
    pub register_number: Option<Sp<String>>,
    pub document: Option<Sp<String>>,
    pub note: Option<Sp<String>>,
}

pub fn read_receipts(r: &mut Reader<'_>, root: &Obj<'_, '_>) -> Vec<Receipt> {
    r.tables(root, "receipt")
        .iter()
        .filter_map(|o| {
            let received = r.datetime(o, "received");
            let channel = r.enumeration(o, "channel");
            Some(Receipt {
                pull_request: r.integer(o, "pull_request"),
                register_number: r.str(o, "register_number"),
                document: r.str(o, "document"),
                note: r.str(o, "note"),
                unit: r.str(o, "unit")?,
                received: received?,
                channel: channel?,
            })
        })
        .collect()
}
