//! The words for a table's structural problems: what a value is, whether it
//! has its field's kind, hints for common mistakes, missing keys.

use toml::de::DeValue;

use super::spec::{Field, Kind, TableSpec};
use crate::diag::{Code, Diagnostic};
use crate::source::Span;
use crate::text::{Text, quote};
use crate::tr;

pub(super) fn type_matches(kind: Kind, v: &DeValue<'_>) -> bool {
    match kind {
        Kind::Id | Kind::Str | Kind::Text | Kind::Url | Kind::Enum(_) => v.is_str(),
        Kind::Number => v.is_integer() || v.is_float(),
        Kind::Integer => v.is_integer(),
        Kind::Bool => v.is_bool(),
        Kind::Date | Kind::DateTime => v.is_datetime(),
        Kind::Strings => v.is_array(),
        Kind::Table(_) => v.is_table(),
        Kind::Tables(_) => v
            .as_array()
            .is_some_and(|a| a.iter().all(|i| i.get_ref().is_table())),
    }
}

/// Names what a value is, quoting short scalars so the clerk sees it.
pub(super) fn describe_value(v: &DeValue<'_>) -> Text {
    match v {
        DeValue::String(s) => tr!("văn bản {}", "the text {}", quote(s)),
        DeValue::Integer(i) => tr!("số {}", "the number {}", i.to_string()),
        DeValue::Float(f) => tr!("số {}", "the number {}", f.to_string()),
        DeValue::Boolean(b) => tr!("giá trị {}", "the value {}", b.to_string()),
        DeValue::Datetime(d) => tr!("thời điểm {}", "the date {}", d.to_string()),
        DeValue::Array(_) => tr!("một danh sách", "a list"),
        DeValue::Table(_) => tr!("một bảng", "a table"),
    }
}

/// Hints for the mistakes clerks make most: numbers and dates in quotes, a
/// decimal comma, a date written day/month/year.
pub(super) fn type_hint(kind: Kind, value: &DeValue<'_>) -> Option<Text> {
    match (kind, value) {
        (
            Kind::Id | Kind::Str | Kind::Text | Kind::Url | Kind::Enum(_),
            DeValue::Integer(_) | DeValue::Float(_),
        ) => Some(tr!(
            "Đặt giá trị trong ngoặc kép, ví dụ criterion = \"2.1\".",
            "Put the value in double quotes, e.g. criterion = \"2.1\"."
        )),
        (Kind::Tables(spec), DeValue::Table(_)) => Some(tr!(
            "Mỗi khối mở bằng hai dấu ngoặc vuông: {} chứ không phải một dấu.",
            "Each block opens with double brackets: {}, not single ones.",
            spec.name
        )),
        (Kind::Number | Kind::Integer, DeValue::String(s)) => {
            let s = s.trim();
            let plain = s.trim_end_matches('%').trim().replace(',', ".");
            plain.parse::<f64>().ok().map(|_| {
                tr!(
                    "Bỏ ngoặc kép (và dấu %), dùng dấu chấm thập phân: viết {} thay cho {}.",
                    "Remove the quotes (and any %) and use a decimal point: write {} instead of {}.",
                    plain,
                    quote(s)
                )
            })
        }
        (Kind::Date | Kind::DateTime, DeValue::String(s)) => {
            let parts: Vec<&str> = s.trim().split(['/', '-', '.']).collect();
            let example = match parts.as_slice() {
                [day, month, year] if year.len() == 4 => {
                    format!("{year}-{:0>2}-{:0>2}", month.trim(), day.trim())
                }
                _ => "2023-03-20".to_owned(),
            };
            Some(tr!(
                "Viết ngày theo dạng năm-tháng-ngày, không có ngoặc kép: {}.",
                "Write the date as year-month-day, without quotes: {}.",
                example
            ))
        }
        _ => None,
    }
}

/// How a table is named in messages.
pub(super) fn place(spec: &TableSpec) -> Text {
    if spec.name.is_empty() {
        tr!("phần đầu tệp", "the top of the file")
    } else {
        tr!("{}", "{}", spec.name)
    }
}

pub(super) fn missing_key(span: &Span, field: &Field, spec: &TableSpec) -> Diagnostic {
    let hint = match field.kind {
        Kind::Table(t) | Kind::Tables(t) => Text::new(
            format!("Thêm khối {} ({}).", t.name, field.doc.vi),
            format!("Add a {} block ({}).", t.name, field.doc.en),
        ),
        _ => Text::new(
            format!("Thêm dòng `{} = …`: {}.", field.key, field.doc.vi),
            format!("Add a line `{} = …`: {}.", field.key, field.doc.en),
        ),
    };
    Diagnostic::new(
        Code::E010,
        span.clone(),
        tr!(
            "thiếu khóa `{}` trong {}",
            "missing key `{}` in {}",
            field.key,
            place(spec)
        ),
    )
    .hint(hint)
}
