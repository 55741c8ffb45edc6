//! `content/criteria/<set>.toml`: a criteria set (Bộ tiêu chí).

use crate::source::Sp;
use crate::text::StaticText;
use crate::toml_read::spec::EnumValue;
use crate::toml_read::table::toml_table;

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

/// A criterion or a sub-criterion: the keys it passes on to the rows below it.
pub trait Row {
    /// Its `source`, if written and allowed.
    fn source(&self) -> Option<&Sp<&'static str>>;
    /// Its `step`, if written.
    fn step(&self) -> Option<&Sp<f64>>;
    /// Its `scoring`, if written and allowed.
    fn scoring(&self) -> Option<&Sp<&'static str>>;
}

/// A table with the keys every criterion and sub-criterion has, then
/// `$extra` (a criterion's `sub`).
macro_rules! row_table {
    (
        $(#[$meta:meta])*
        pub struct $name:ident in $spec:ident = $label:literal, $vi:literal, $en:literal {
            $($extra:tt)*
        }
    ) => {
        toml_table! {
            $(#[$meta])*
            pub struct $name in $spec = $label, $vi, $en {
                id: Sp<String> = Id, required, "Số thứ tự, ví dụ 3.2.1", "Number, e.g. 3.2.1";
                name: Option<Sp<String>> = Str, required, "Tên", "Name";
                max: Option<Sp<f64>> = Number, required, "Điểm tối đa", "Maximum points";
                source: Option<Sp<&'static str>> = Enum(SOURCES), optional,
                    "Nguồn điểm: self (đơn vị tự chấm), survey (điều tra), indicator (chỉ tiêu KT-XH); mặc định kế thừa",
                    "Source of the points: self, survey or indicator; inherited by default";
                step: Option<Sp<f64>> = Number, optional,
                    "Bước chấm điểm; mặc định kế thừa",
                    "Scoring step; inherited by default";
                scoring: Option<Sp<&'static str>> = Enum(SCORINGS), optional,
                    "Cách chấm: graded hoặc all_or_nothing",
                    "How it is scored: graded or all_or_nothing";
                guide: Option<Sp<String>> = Text, optional, "Hướng dẫn chấm", "Scoring guide";
                $($extra)*
            }
        }

        impl Row for $name {
            fn source(&self) -> Option<&Sp<&'static str>> {
                self.source.as_ref()
            }
            fn step(&self) -> Option<&Sp<f64>> {
                self.step.as_ref()
            }
            fn scoring(&self) -> Option<&Sp<&'static str>> {
                self.scoring.as_ref()
            }
        }
    };
}

row_table! {
    /// A sub-criterion as written.
    pub struct Sub in SUB = "[[area.criterion.sub]]", "Tiêu chí thành phần", "Sub-criterion" {}
}

row_table! {
    /// A criterion as written.
    pub struct Criterion in CRITERION = "[[area.criterion]]", "Tiêu chí", "Criterion" {
        subs as "sub": Vec<Sub> = Tables, optional, "Các tiêu chí thành phần", "Its sub-criteria";
    }
}

toml_table! {
    pub struct Area in AREA = "[[area]]", "Lĩnh vực", "Area" {
        id: Sp<String> = Id, required, "Số thứ tự lĩnh vực", "Area number";
        name: Option<Sp<String>> = Str, required, "Tên lĩnh vực", "Name";
        max: Option<Sp<f64>> = Number, required, "Điểm tối đa", "Maximum points";
        guide: Option<Sp<String>> = Text, optional, "Ghi chú", "Note";
        criteria as "criterion": Vec<Criterion> = Tables, required, "Các tiêu chí", "Its criteria";
    }
}

toml_table! {
    pub struct Band in BAND = "[[band]]", "Mức xếp loại", "Ranking band" {
        min_percent: Sp<f64> = Number, required,
            "Tỷ lệ điểm tối thiểu (%)",
            "Lowest percentage of the maximum";
        label: Sp<String> = Str, required, "Tên mức", "Label";
    }
}

toml_table! {
    /// `content/criteria/<set>.toml`.
    pub struct CriteriaSet in FILE = "", "Bộ tiêu chí", "Criteria set" {
        id: Option<Sp<String>> = Id, required,
            "Mã bộ tiêu chí, trùng tên tệp",
            "Set id, the file's name";
        title: Option<Sp<String>> = Str, required, "Tên bộ tiêu chí", "Title";
        basis: Option<Sp<String>> = Str, optional,
            "Văn bản ban hành",
            "The decision that issued it";
        illustrative: bool = Bool, optional,
            "true nếu tên hoặc điểm là minh họa",
            "true if names or points are illustrative";
        illustrative_note: Option<Sp<String>> = Text, optional,
            "Phần nào là minh họa",
            "What is illustrative";
        total: Option<Sp<f64>> = Number, required, "Tổng điểm tối đa", "Total maximum points";
        step: Option<Sp<f64>> = Number, optional,
            "Bước chấm điểm mặc định (0,25 nếu bỏ trống)",
            "Default scoring step (0.25 if absent)";
        bands as "band": Vec<Band> = Tables, optional, "Các mức xếp loại", "Ranking bands";
        areas as "area": Vec<Area> = Tables, required, "Các lĩnh vực", "The areas";
    }
}
