//! content/campaigns/<id>/*.md: a page's TOML front matter.

use crate::source::Sp;
use crate::text::StaticText;
use crate::toml_read::spec::{Kind, TableSpec, field};
use crate::toml_read::{Obj, Reader};

pub static FRONT_MATTER: TableSpec = TableSpec {
    name: "+++ … +++",
    doc: StaticText {
        vi: "Phần đầu của trang",
        en: "Page front matter",
    },
    fields: &[
        field!("title", Kind::Str, required, "Tiêu đề trang", "Page title"),
        field!(
            "weight",
            Kind::Integer,
            optional,
            "Thứ tự (nhỏ trước)",
            "Order (smaller first)"
        ),
    ],
};

#[derive(Debug, Clone)]
pub struct FrontMatter {
    pub title: Option<Sp<String>>,
    pub weight: Option<Sp<i64>>,
}

pub fn read_front_matter(r: &mut Reader<'_>, root: &Obj<'_, '_>) -> FrontMatter {
    FrontMatter {
        title: r.str(root, "title"),
        weight: r.integer(root, "weight"),
    }
}
