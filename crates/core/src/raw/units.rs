//! content/units.toml: every unit that ever took part, and the office.

use crate::source::Sp;
use crate::text::StaticText;
use crate::toml_read::spec::{Kind, TableSpec, field};
use crate::toml_read::{Obj, Reader};

pub static OFFICE: TableSpec = TableSpec {
    name: "[office]",
    doc: StaticText {
        vi: "Cơ quan điều phối (phòng CCHC của Sở Nội vụ)",
        en: "The coordinating office (the PAR office of Home Affairs)",
    },
    fields: &[
        field!(
            "name",
            Kind::Str,
            required,
            "Tên cơ quan",
            "Name of the agency"
        ),
        field!(
            "division",
            Kind::Str,
            optional,
            "Phòng, bộ phận phụ trách",
            "The division in charge"
        ),
        field!(
            "admins",
            Kind::Strings,
            required,
            "Tài khoản Git của quản trị viên, được sửa mọi tệp",
            "Git host logins of the admins, who may change anything"
        ),
        field!(
            "published_branch",
            Kind::Str,
            optional,
            "Nhánh công bố (mặc định main): máy kiểm tra chỉ xét yêu cầu hợp nhất vào nhánh này",
            "The published branch (default main): the gate judges only pull requests into it"
        ),
    ],
};

pub static UNIT: TableSpec = TableSpec {
    name: "[[unit]]",
    doc: StaticText {
        vi: "Một đơn vị (sở, ngành)",
        en: "A unit (department)",
    },
    fields: &[
        field!(
            "id",
            Kind::Id,
            required,
            "Mã đơn vị: chữ thường không dấu, số và dấu -, không đổi",
            "Unit id: lowercase ASCII, digits and -, never changes"
        ),
        field!(
            "name",
            Kind::Str,
            required,
            "Tên ngắn như công văn dùng",
            "Short name as letters use it"
        ),
        field!("full_name", Kind::Str, optional, "Tên đầy đủ", "Full name"),
        field!(
            "name_en",
            Kind::Str,
            optional,
            "Tên tiếng Anh",
            "English name"
        ),
        field!(
            "owners",
            Kind::Strings,
            optional,
            "Tài khoản Git được sửa báo cáo của đơn vị",
            "Git host logins allowed to edit the unit's submission"
        ),
        field!(
            "until",
            Kind::Date,
            optional,
            "Ngày cuối cùng đơn vị tồn tại (sáp nhập, giải thể)",
            "Last day the unit existed (merged, dissolved)"
        ),
        field!(
            "successor",
            Kind::Id,
            optional,
            "Đơn vị kế thừa sau sáp nhập hoặc đổi tên",
            "The unit that took over after a merger or renaming"
        ),
        field!("note", Kind::Text, optional, "Ghi chú", "Note"),
    ],
};

pub static FILE: TableSpec = TableSpec {
    name: "",
    doc: StaticText {
        vi: "Danh sách đơn vị",
        en: "The list of units",
    },
    fields: &[
        field!(
            "office",
            Kind::Table(&OFFICE),
            required,
            "Cơ quan điều phối",
            "The coordinating office"
        ),
        field!(
            "unit",
            Kind::Tables(&UNIT),
            required,
            "Các đơn vị",
            "The units"
        ),
    ],
};

#[derive(Debug, Clone)]
pub struct Office {
    pub name: Option<Sp<String>>,
    pub division: Option<Sp<String>>,
    pub admins: Vec<Sp<String>>,
    pub published_branch: Option<Sp<String>>,
}

#[derive(Debug, Clone)]
pub struct Unit {
    pub id: Sp<String>,
    pub name: Option<Sp<String>>,
    pub full_name: Option<Sp<String>>,
    pub name_en: Option<Sp<String>>,
    pub owners: Vec<Sp<String>>,
    pub until: Option<Sp<jiff::civil::Date>>,
    pub successor: Option<Sp<String>>,
    pub note: Option<Sp<String>>,
}

#[derive(Debug, Clone)]
pub struct UnitsFile {
    pub office: Option<Office>,
    pub units: Vec<Unit>,
}

pub fn read(r: &mut Reader<'_>, root: &Obj<'_, '_>) -> UnitsFile {
    let office = r.table(root, "office").map(|o| Office {
        name: r.str(&o, "name"),
        division: r.str(&o, "division"),
        admins: r.strings(&o, "admins"),
        published_branch: r.str(&o, "published_branch"),
    });
    let units = r
        .tables(root, "unit")
        .into_iter()
        .filter_map(|u| {
            // Fields that can be absent come first so that all of them are
            // read (and reported) before a missing id drops the entry.
            Some(Unit {
                name: r.str(&u, "name"),
                full_name: r.str(&u, "full_name"),
                name_en: r.str(&u, "name_en"),
                owners: r.strings(&u, "owners"),
                until: r.date(&u, "until"),
                successor: r.str(&u, "successor"),
                note: r.str(&u, "note"),
                id: r.str(&u, "id")?,
            })
        })
        .collect();
    UnitsFile { office, units }
}
