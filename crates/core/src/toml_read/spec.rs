//! The shape of each kind of TOML table, declared once (with its struct and
//! its reading, by `toml_table!`). The reader checks input against it
//! (unknown keys, types, required keys), `cchc schema` turns it into JSON
//! Schema, and `cchc new` writes its docs as comments.

use crate::text::StaticText;

/// A table: its keys and what each holds.
#[derive(Debug)]
pub struct TableSpec {
    /// The name used in messages (`[[score]]`, `[prepared_by]`, "tệp gốc").
    pub name: &'static str,
    /// What the table is for, in both languages (JSON Schema and `cchc new` comments).
    pub doc: StaticText,
    /// The keys it may hold.
    pub fields: &'static [Field],
}

/// One key of a table.
#[derive(Debug)]
pub struct Field {
    /// The key as written in TOML.
    pub key: &'static str,
    /// What its value must be.
    pub kind: Kind,
    /// The key must be present. An empty required text is reported as a
    /// blank (E014); an empty optional text counts as absent.
    pub required: bool,
    /// What the key is for, in both languages.
    pub doc: StaticText,
}

/// One allowed value of an enumeration, with what it means.
#[derive(Debug)]
pub struct EnumValue {
    /// The value as written in TOML.
    pub value: &'static str,
    /// What it means, in both languages.
    pub doc: StaticText,
}

/// What a key's value must be.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// An identifier: a code such as "tu-phap", "2.1.3" or "NV05".
    Id,
    /// A line of text.
    Str,
    /// Free text, possibly several lines.
    Text,
    /// A number of points or a percentage; integer or float.
    Number,
    /// A whole number.
    Integer,
    /// `true` or `false`.
    Bool,
    /// A local date: 2023-03-20.
    Date,
    /// A local date and time, in the campaign's time zone: 2023-09-15T00:00:00.
    DateTime,
    /// A web address (http or https).
    Url,
    /// One of the listed values.
    Enum(&'static [EnumValue]),
    /// A list of identifiers or texts.
    Strings,
    /// A table, `[key]`.
    Table(&'static TableSpec),
    /// An array of tables, `[[key]]`.
    Tables(&'static TableSpec),
}

impl TableSpec {
    /// The field of `key`; `None` when the table has no such key.
    pub fn field(&self, key: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.key == key)
    }
}

impl Kind {
    /// Whether keys of both kinds are read into the same Rust value (text, a
    /// number, …, tables of any spec): a declared key's type must hold its
    /// kind (`toml_table!` checks it when compiling).
    pub(crate) const fn reads_like(self, other: Kind) -> bool {
        use Kind::{
            Bool, Date, DateTime, Enum, Id, Integer, Number, Str, Strings, Table, Tables, Text, Url,
        };
        matches!(
            (self, other),
            (Id | Str | Text | Url, Id | Str | Text | Url)
                | (Number, Number)
                | (Integer, Integer)
                | (Bool, Bool)
                | (Date, Date)
                | (DateTime, DateTime)
                | (Enum(_), Enum(_))
                | (Strings, Strings)
                | (Table(_), Table(_))
                | (Tables(_), Tables(_))
        )
    }

    /// How the expected type is named in messages.
    pub fn describe(self) -> StaticText {
        let (vi, en) = match self {
            Kind::Id => ("một mã trong ngoặc kép", "an identifier in quotes"),
            Kind::Str | Kind::Text => ("văn bản trong ngoặc kép", "text in quotes"),
            Kind::Url => ("một đường dẫn trong ngoặc kép", "a link in quotes"),
            Kind::Enum(_) => ("một giá trị trong ngoặc kép", "a value in quotes"),
            Kind::Number => ("một số (không có ngoặc kép)", "a number (no quotes)"),
            Kind::Integer => ("một số nguyên", "a whole number"),
            Kind::Bool => ("true hoặc false", "true or false"),
            Kind::Date => ("một ngày dạng 2023-03-20", "a date like 2023-03-20"),
            Kind::DateTime => (
                "một thời điểm dạng 2023-09-15T00:00:00",
                "a date and time like 2023-09-15T00:00:00",
            ),
            Kind::Strings => ("một danh sách [\"…\", \"…\"]", "a list [\"…\", \"…\"]"),
            Kind::Table(_) => ("một bảng", "a table"),
            Kind::Tables(_) => ("một danh sách bảng [[…]]", "an array of tables [[…]]"),
        };
        StaticText { vi, en }
    }
}
