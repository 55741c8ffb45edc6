//! `content/campaigns/<id>/*.md`: a page's TOML front matter.

use crate::source::Sp;
use crate::toml_read::table::toml_table;

toml_table! {
    pub struct FrontMatter in FRONT_MATTER = "+++ … +++",
        "Phần đầu của trang",
        "Page front matter" {
        title: Option<Sp<String>> = Str, required, "Tiêu đề trang", "Page title";
        weight: Option<Sp<i64>> = Integer, optional, "Thứ tự (nhỏ trước)", "Order (smaller first)";
        guidance: bool = Bool, optional,
            "Trang hướng dẫn đơn vị lập và gửi báo cáo: trang của mỗi đơn vị dẫn tới đây",
            "The units' guide to preparing and sending reports: each unit's page links here";
    }
}
