//! content/units.toml: every unit that ever took part, and the office.

use crate::source::Sp;
use crate::toml_read::table::toml_table;

toml_table! {
    pub struct Office in OFFICE = "[office]",
        "Cơ quan điều phối (phòng CCHC của Sở Nội vụ)",
        "The coordinating office (the PAR office of Home Affairs)" {
        name: Option<Sp<String>> = Str, required, "Tên cơ quan", "Name of the agency";
        division: Option<Sp<String>> = Str, optional,
            "Phòng, bộ phận phụ trách",
            "The division in charge";
        admins: Vec<Sp<String>> = Strings, required,
            "Tài khoản Git của quản trị viên, được sửa mọi tệp",
            "Git host logins of the admins, who may change anything";
        published_branch: Option<Sp<String>> = Str, optional,
            "Nhánh công bố (mặc định main): máy kiểm tra chỉ xét yêu cầu hợp nhất vào nhánh này",
            "The published branch (default main): the gate judges only pull requests into it";
        repository: Option<Sp<String>> = Url, optional,
            "Địa chỉ web của kho dữ liệu trên máy chủ Git (https://…): mỗi lần nộp, sửa trên trang của đơn vị dẫn tới thay đổi ở đó",
            "The repository's web address on the Git host (https://…): each revision on a unit's page links to the change there";
    }
}

toml_table! {
    pub struct Unit in UNIT = "[[unit]]", "Một đơn vị (sở, ngành)", "A unit (department)" {
        id: Sp<String> = Id, required,
            "Mã đơn vị: chữ thường không dấu, số và dấu -, không đổi",
            "Unit id: lowercase ASCII, digits and -, never changes";
        name: Option<Sp<String>> = Str, required,
            "Tên ngắn như công văn dùng",
            "Short name as letters use it";
        full_name: Option<Sp<String>> = Str, optional, "Tên đầy đủ", "Full name";
        name_en: Option<Sp<String>> = Str, optional, "Tên tiếng Anh", "English name";
        owners: Vec<Sp<String>> = Strings, optional,
            "Tài khoản Git được sửa báo cáo của đơn vị",
            "Git host logins allowed to edit the unit's submission";
        until: Option<Sp<jiff::civil::Date>> = Date, optional,
            "Ngày cuối cùng đơn vị tồn tại (sáp nhập, giải thể)",
            "Last day the unit existed (merged, dissolved)";
        successor: Option<Sp<String>> = Id, optional,
            "Đơn vị kế thừa sau sáp nhập hoặc đổi tên",
            "The unit that took over after a merger or renaming";
        note: Option<Sp<String>> = Text, optional, "Ghi chú", "Note";
        contact: Option<Contact> = Table, optional,
            "Đầu mối liên hệ của đơn vị về báo cáo (danh sách đơn vị cần đôn đốc ghi người này)",
            "The unit's contact for its report (the list of units to chase names them)";
    }
}

toml_table! {
    pub struct Contact in CONTACT = "[unit.contact]",
        "Đầu mối liên hệ của đơn vị",
        "The unit's contact" {
        name: Option<Sp<String>> = Str, required, "Họ và tên", "Full name";
        position: Option<Sp<String>> = Str, optional, "Chức vụ, phòng", "Position and division";
        phone: Option<Sp<String>> = Str, optional, "Số điện thoại", "Phone";
        email: Option<Sp<String>> = Str, optional, "Thư điện tử", "E-mail";
    }
}

toml_table! {
    /// content/units.toml.
    pub struct UnitsFile in FILE = "", "Danh sách đơn vị", "The list of units" {
        office: Option<Office> = Table, required, "Cơ quan điều phối", "The coordinating office";
        units as "unit": Vec<Unit> = Tables, required, "Các đơn vị", "The units";
    }
}
