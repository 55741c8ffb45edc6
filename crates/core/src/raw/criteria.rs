//! content/criteria/<set>.toml: a criteria set (Bộ tiêu chí).

use crate::source::Sp;
use crate::text::StaticText;
use crate::toml_read::spec::{EnumValue, Kind, TableSpec, field};
use crate::toml_read::{Obj, Reader};

pub static SOURCES: &[EnumValue] = &[
    EnumValue {
        value: "self",
        doc: StaticText {
            vi: "đơn vị tự chấm",
            en: "scored by units",
        },
    },
    EnumValue {
        value: "survey",
        doc: StaticText {
            vi: "điều tra xã hội học",
            en: "survey",
        },
    },
    EnumValue {
        value: "indicator",
        doc: StaticText {
            vi: "chỉ tiêu kinh tế - xã hội",
            en: "socio-economic indicator",
        },
    },
];

pub static SCORINGS: &[EnumValue] = &[
    EnumValue {
        value: "graded",
        doc: StaticText {
            vi: "chấm theo bước điểm",
            en: "graded in steps",
        },
    },
    EnumValue {
        value: "all_or_nothing",
        doc: StaticText {
            vi: "chỉ 0 hoặc điểm tối đa",
            en: "0 or the maximum only",
        },
    },
];

macro_rules! row_fields {
    ($($extra:expr),*) => {
        &[
            field!("id", Kind::Id, required, "Số thứ tự, ví dụ 3.2.1", "Number, e.g. 3.2.1"),
            field!("name", Kind::Str, required, "Tên", "Name"),
            field!("max", Kind::Number, required, "Điểm tối đa", "Maximum points"),
            field!("source", Kind::Enum(SOURCES), optional, "Nguồn điểm: self (đơn vị tự chấm), survey (điều tra), indicator (chỉ tiêu KT-XH); mặc định kế thừa", "Source of the points: self, survey or indicator; inherited by default"),
            field!("step", Kind::Number, optional, "Bước chấm điểm; mặc định kế thừa", "Scoring step; inherited by default"),
            field!("scoring", Kind::Enum(SCORINGS), optional, "Cách chấm: graded hoặc all_or_nothing", "How it is scored: graded or all_or_nothing"),
            field!("guide", Kind::Text, optional, "Hướng dẫn chấm", "Scoring guide"),
            $($extra),*
        ]
    };
}

pub static SUB: TableSpec = TableSpec {
    name: "[[area.criterion.sub]]",
    doc: StaticText {
        vi: "Tiêu chí thành phần",
        en: "Sub-criterion",
    },
    fields: row_fields!(),
};

pub static CRITERION: TableSpec = TableSpec {
    name: "[[area.criterion]]",
    doc: StaticText {
        vi: "Tiêu chí",
        en: "Criterion",
    },
    fields: row_fields!(field!(
        "sub",
        Kind::Tables(&SUB),
        optional,
        "Các tiêu chí thành phần",
        "Its sub-criteria"
    )),
};

pub static AREA: TableSpec = TableSpec {
    name: "[[area]]",
    doc: StaticText {
        vi: "Lĩnh vực",
        en: "Area",
    },
    fields: &[
        field!(
            "id",
            Kind::Id,
            required,
            "Số thứ tự lĩnh vực",
            "Area number"
        ),
        field!("name", Kind::Str, required, "Tên lĩnh vực", "Name"),
        field!(
            "max",
            Kind::Number,
            required,
            "Điểm tối đa",
            "Maximum points"
        ),
        field!("guide", Kind::Text, optional, "Ghi chú", "Note"),
        field!(
            "criterion",
            Kind::Tables(&CRITERION),
            required,
            "Các tiêu chí",
            "Its criteria"
        ),
    ],
};

pub static BAND: TableSpec = TableSpec {
    name: "[[band]]",
    doc: StaticText {
        vi: "Mức xếp loại",
        en: "Ranking band",
    },
    fields: &[
        field!(
            "min_percent",
            Kind::Number,
            required,
            "Tỷ lệ điểm tối thiểu (%)",
            "Lowest percentage of the maximum"
        ),
        field!("label", Kind::Str, required, "Tên mức", "Label"),
    ],
};

pub static FILE: TableSpec = TableSpec {
    name: "",
    doc: StaticText {
        vi: "Bộ tiêu chí",
        en: "Criteria set",
    },
    fields: &[
        field!(
            "id",
            Kind::Id,
            required,
            "Mã bộ tiêu chí, trùng tên tệp",
            "Set id, the file's name"
        ),
        field!("title", Kind::Str, required, "Tên bộ tiêu chí", "Title"),
        field!(
            "basis",
            Kind::Str,
            optional,
            "Văn bản ban hành",
            "The decision that issued it"
        ),
        field!(
            "illustrative",
            Kind::Bool,
            optional,
            "true nếu tên hoặc điểm là minh hoạ",
            "true if names or points are illustrative"
        ),
        field!(
            "illustrative_note",
            Kind::Text,
            optional,
            "Phần nào là minh hoạ",
            "What is illustrative"
        ),
        field!(
            "total",
            Kind::Number,
            required,
            "Tổng điểm tối đa",
            "Total maximum points"
        ),
        field!(
            "step",
            Kind::Number,
            optional,
            "Bước chấm điểm mặc định (0,25 nếu bỏ trống)",
            "Default scoring step (0.25 if absent)"
        ),
        field!(
            "band",
            Kind::Tables(&BAND),
            optional,
            "Các mức xếp loại",
            "Ranking bands"
        ),
        field!(
            "area",
            Kind::Tables(&AREA),
            required,
            "Các lĩnh vực",
            "The areas"
        ),
    ],
};

/// A criterion or sub-criterion as written.
#[derive(Debug, Clone)]
pub struct Row {
    pub id: Sp<String>,
    pub name: Option<Sp<String>>,
    pub max: Option<Sp<f64>>,
    pub source: Option<Sp<&'static str>>,
    pub step: Option<Sp<f64>>,
    pub scoring: Option<Sp<&'static str>>,
    pub guide: Option<Sp<String>>,
    pub subs: Vec<Row>,
}

#[derive(Debug, Clone)]
pub struct Area {
    pub id: Sp<String>,
    pub name: Option<Sp<String>>,
    pub max: Option<Sp<f64>>,
    pub guide: Option<Sp<String>>,
    pub criteria: Vec<Row>,
}

#[derive(Debug, Clone)]
pub struct Band {
    pub min_percent: Sp<f64>,
    pub label: Sp<String>,
}

#[derive(Debug, Clone)]
pub struct CriteriaSet {
    pub id: Option<Sp<String>>,
    pub title: Option<Sp<String>>,
    pub basis: Option<Sp<String>>,
    pub illustrative: bool,
    pub illustrative_note: Option<Sp<String>>,
    pub total: Option<Sp<f64>>,
    pub step: Option<Sp<f64>>,
    pub bands: Vec<Band>,
    pub areas: Vec<Area>,
}

fn row(r: &mut Reader<'_>, o: &Obj<'_, '_>, with_subs: bool) -> Option<Row> {
    let subs = if with_subs {
        r.tables(o, "sub")
            .iter()
            .filter_map(|s| row(r, s, false))
            .collect()
    } else {
        Vec::new()
    };
    Some(Row {
        name: r.str(o, "name"),
        max: r.number(o, "max"),
        source: r.enumeration(o, "source"),
        step: r.number(o, "step"),
        scoring: r.enumeration(o, "scoring"),
        guide: r.str(o, "guide"),
        subs,
        id: r.str(o, "id")?,
    })
}

pub fn read(r: &mut Reader<'_>, root: &Obj<'_, '_>) -> CriteriaSet {
    let bands = r
        .tables(root, "band")
        .iter()
        .filter_map(|b| {
            let label = r.str(b, "label");
            Some(Band {
                min_percent: r.number(b, "min_percent")?,
                label: label?,
            })
        })
        .collect();
    let areas = r
        .tables(root, "area")
        .iter()
        .filter_map(|a| {
            let criteria = r
                .tables(a, "criterion")
                .iter()
                .filter_map(|c| row(r, c, true))
                .collect();
            Some(Area {
                name: r.str(a, "name"),
                max: r.number(a, "max"),
                guide: r.str(a, "guide"),
                criteria,
                id: r.str(a, "id")?,
            })
        })
        .collect();
    CriteriaSet {
        id: r.str(root, "id"),
        title: r.str(root, "title"),
        basis: r.str(root, "basis"),
        illustrative: r.bool(root, "illustrative").is_some_and(|b| b.value),
        illustrative_note: r.str(root, "illustrative_note"),
        total: r.number(root, "total"),
        step: r.number(root, "step"),
        bands,
        areas,
    }
}
