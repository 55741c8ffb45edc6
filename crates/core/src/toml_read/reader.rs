//! Reads a parsed TOML document against a [`TableSpec`], collecting every
//! structural problem (missing, unknown, mistyped keys) instead of stopping.

use std::ops::Range;
use std::sync::Arc;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::spec::{Field, Kind, TableSpec};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::source::{SourceFile, Sp, Span};
use crate::text::{Text, nfc, quote};
use crate::tr;

/// Parses `file`, checks its root table against `spec` and hands it to
/// `read`. A file with syntax errors is reported and not read further, so one
/// typo does not cascade into a page of "missing key" messages.
pub fn read_document<T>(
    file: &SourceFile,
    spec: &'static TableSpec,
    diags: &mut Diagnostics,
    read: impl FnOnce(&mut Reader<'_>, &Obj<'_, '_>) -> T,
) -> Option<T> {
    read_text(&file.path, &file.text, spec, diags, read)
}

/// Like [`read_document`], for a text whose byte offsets match the file's
/// (front matter with the rest of the page blanked out).
pub fn read_text<T>(
    path: &Arc<str>,
    text: &str,
    spec: &'static TableSpec,
    diags: &mut Diagnostics,
    read: impl FnOnce(&mut Reader<'_>, &Obj<'_, '_>) -> T,
) -> Option<T> {
    let (root, errors) = DeTable::parse_recoverable(text);
    if let Some(first) = errors.first() {
        // After a syntax error the parser's later complaints are mostly
        // echoes of it (an unclosed `[table` makes every later key a
        // "duplicate"), so the first is shown in full and the rest counted.
        let mut d = syntax_error(path, first, text);
        if errors.len() > 1 {
            let more = tr!(
                " Tệp còn {} lỗi cú pháp khác, thường do lỗi này gây ra: sửa lỗi này rồi chạy lại.",
                " The file has {} more syntax errors, usually caused by this one: fix it and run again.",
                errors.len() - 1
            );
            if let Some(h) = d.hint.as_mut() {
                h.vi.push_str(&more.vi);
                h.en.push_str(&more.en);
            }
        }
        diags.push(d);
        return None;
    }
    let mut reader = Reader {
        file: Arc::clone(path),
        diags,
    };
    let root = root.into_inner();
    let obj = reader.check(&root, 0..0, spec);
    Some(read(&mut reader, &obj))
}

/// A table checked against its spec.
#[derive(Debug, Clone)]
pub struct Obj<'a, 'i> {
    table: &'a DeTable<'i>,
    pub span: Range<usize>,
    spec: &'static TableSpec,
}

/// Reads values out of checked tables, reporting into the diagnostics.
#[derive(Debug)]
pub struct Reader<'d> {
    pub file: Arc<str>,
    pub diags: &'d mut Diagnostics,
}

impl<'a, 'i> Obj<'a, 'i> {
    fn get(
        &self,
        key: &str,
    ) -> Option<(
        &'a Spanned<std::borrow::Cow<'i, str>>,
        &'a Spanned<DeValue<'i>>,
    )> {
        self.table.iter().find(|(k, _)| k.get_ref() == key)
    }

    /// The span of a key and its value together, for "remove this" messages.
    pub fn key_span(&self, key: &str) -> Option<Range<usize>> {
        self.get(key)
            .map(|(k, v)| k.span().start..v.span().end.max(k.span().end))
    }
}

impl Reader<'_> {
    pub fn span(&self, range: Range<usize>) -> Span {
        Span::new(&self.file, range)
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Reports unknown keys, wrong types and missing required keys of a table.
    fn check<'a, 'i>(
        &mut self,
        table: &'a DeTable<'i>,
        span: Range<usize>,
        spec: &'static TableSpec,
    ) -> Obj<'a, 'i> {
        for (key, value) in table {
            match spec.field(key.get_ref()) {
                None => self.unknown_key(key.get_ref(), key.span(), spec),
                Some(field) => {
                    if !type_matches(field.kind, value.get_ref()) {
                        self.wrong_type(field, spec, value);
                    }
                }
            }
        }
        for field in spec.fields.iter().filter(|f| f.required) {
            if !table.iter().any(|(k, _)| k.get_ref() == field.key) {
                self.push(missing_key(&self.span(span.clone()), field, spec));
            }
        }
        Obj { table, span, spec }
    }

    fn unknown_key(&mut self, key: &str, span: Range<usize>, spec: &TableSpec) {
        let suggestion = suggest(key, spec.fields.iter().map(|f| f.key));
        let known = spec
            .fields
            .iter()
            .map(|f| f.key)
            .collect::<Vec<_>>()
            .join(", ");
        let hint = match suggestion {
            Some(s) => tr!(
                "Có phải ý bạn là `{}`? Các khoá hợp lệ ở đây: {}.",
                "Did you mean `{}`? The keys allowed here: {}.",
                s,
                known
            ),
            None => tr!(
                "Xoá dòng này hoặc sửa tên khoá. Các khoá hợp lệ ở đây: {}.",
                "Remove this line or correct the key. The keys allowed here: {}.",
                known
            ),
        };
        let d = Diagnostic::new(
            Code::E012,
            self.span(span),
            tr!(
                "khoá `{}` không có trong {}",
                "unknown key `{}` in {}",
                key,
                place(spec)
            ),
        )
        .hint(hint);
        self.push(d);
    }

    fn wrong_type(&mut self, field: &Field, spec: &TableSpec, value: &Spanned<DeValue<'_>>) {
        let found = describe_value(value.get_ref());
        let expected = field.kind.describe();
        let mut d = Diagnostic::new(
            Code::E011,
            self.span(value.span()),
            tr!(
                "`{}` trong {} phải là {}, nhưng ở đây là {}",
                "`{}` in {} must be {}, but is {}",
                field.key,
                place(spec),
                expected,
                found
            ),
        );
        if let Some(h) = type_hint(field.kind, value.get_ref()) {
            d = d.hint(h);
        }
        self.push(d);
    }

    /// A string field, NFC-normalised. An empty optional text is `None`; an
    /// empty required one is reported as a blank.
    pub fn str(&mut self, obj: &Obj<'_, '_>, key: &str) -> Option<Sp<String>> {
        let v = lookup(obj, key)?;
        let s = v.get_ref().as_str()?;
        let span = self.span(v.span());
        let field = obj.spec.field(key)?;
        if s.trim().is_empty() {
            if field.required {
                self.push(
                    Diagnostic::new(
                        Code::E014,
                        span,
                        tr!(
                            "`{}` trong {} còn để trống",
                            "`{}` in {} is empty",
                            key,
                            place(obj.spec)
                        ),
                    )
                    .hint(Text::new(
                        format!("Điền nội dung: {}.", field.doc.vi),
                        format!("Fill it in: {}.", field.doc.en),
                    )),
                );
            }
            return None;
        }
        // Spaces around a value (pasted from a spreadsheet) mean nothing.
        Some(Sp::new(nfc(s.trim()), span))
    }

    /// How many items `key` holds as written: an array's length, 1 for any
    /// other value, 0 when absent.
    pub fn item_count(obj: &Obj<'_, '_>, key: &str) -> usize {
        obj.get(key)
            .map_or(0, |(_, v)| v.get_ref().as_array().map_or(1, |a| a.len()))
    }

    /// Whether `key` is written in the table, whatever its value. Rules use
    /// it not to call a value that is present but invalid "missing".
    pub fn present(obj: &Obj<'_, '_>, key: &str) -> bool {
        obj.get(key).is_some()
    }

    /// A number (integer or float), including NaN and infinities, which rules
    /// report in their own words.
    pub fn number(&mut self, obj: &Obj<'_, '_>, key: &str) -> Option<Sp<f64>> {
        let v = lookup(obj, key)?;
        let x = match v.get_ref() {
            DeValue::Integer(i) => self.int_value(i, v.span())? as f64,
            DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok()?,
            _ => return None,
        };
        Some(Sp::new(x, self.span(v.span())))
    }

    pub fn integer(&mut self, obj: &Obj<'_, '_>, key: &str) -> Option<Sp<i64>> {
        let v = lookup(obj, key)?;
        let DeValue::Integer(i) = v.get_ref() else {
            return None;
        };
        let n = self.int_value(i, v.span())?;
        Some(Sp::new(n, self.span(v.span())))
    }

    /// The value of a TOML integer. TOML allows 64-bit integers only and
    /// digits after `0x`; the parser lets some others through, reported here.
    fn int_value(&mut self, i: &toml::de::DeInteger<'_>, span: Range<usize>) -> Option<i64> {
        let digits = i.as_str().replace('_', "");
        let n = i64::from_str_radix(&digits, i.radix()).ok();
        if n.is_none() {
            self.push(
                Diagnostic::new(
                    Code::E004,
                    self.span(span),
                    tr!(
                        "lỗi cú pháp TOML: số nguyên không hợp lệ hoặc vượt giới hạn 64 bit",
                        "TOML syntax error: an invalid integer, or one beyond 64 bits"
                    ),
                )
                .hint(tr!(
                    "Ghi số thập phân bình thường, ví dụ 0.75 hoặc 100.",
                    "Write a plain decimal number, e.g. 0.75 or 100."
                )),
            );
        }
        n
    }

    pub fn bool(&mut self, obj: &Obj<'_, '_>, key: &str) -> Option<Sp<bool>> {
        let v = lookup(obj, key)?;
        Some(Sp::new(v.get_ref().as_bool()?, self.span(v.span())))
    }

    pub fn date(&mut self, obj: &Obj<'_, '_>, key: &str) -> Option<Sp<jiff::civil::Date>> {
        let v = lookup(obj, key)?;
        let dt = v.get_ref().as_datetime()?;
        let span = self.span(v.span());
        match (dt.date, dt.time, dt.offset) {
            (Some(d), None, None) => civil_date(d).map(|d| Sp::new(d, span)),
            _ => {
                self.push(
                    Diagnostic::new(
                        Code::E015,
                        span,
                        tr!(
                            "`{}` chỉ ghi ngày, không kèm giờ",
                            "`{}` takes a date only, without a time",
                            key
                        ),
                    )
                    .hint(tr!(
                        "Viết ngày theo dạng năm-tháng-ngày, không có ngoặc kép: 2023-03-20.",
                        "Write the date as year-month-day, without quotes: 2023-03-20."
                    )),
                );
                None
            }
        }
    }

    pub fn datetime(&mut self, obj: &Obj<'_, '_>, key: &str) -> Option<Sp<jiff::civil::DateTime>> {
        let v = lookup(obj, key)?;
        let dt = v.get_ref().as_datetime()?;
        let span = self.span(v.span());
        let message = match (dt.date, dt.time, dt.offset) {
            (Some(d), Some(t), None) => return civil_datetime(d, t).map(|d| Sp::new(d, span)),
            (Some(_), None, _) => tr!(
                "`{}` cần cả ngày và giờ, ở đây chỉ có ngày",
                "`{}` needs a date and a time, but has only a date",
                key
            ),
            (_, _, Some(_)) => tr!(
                "`{}` là giờ địa phương, không ghi kèm múi giờ",
                "`{}` is a local time, written without an offset",
                key
            ),
            _ => tr!(
                "`{}` cần cả ngày và giờ, ở đây chỉ có giờ",
                "`{}` needs a date and a time, but has only a time",
                key
            ),
        };
        self.push(
            Diagnostic::new(Code::E015, span, message).hint(tr!(
                "Viết theo dạng 2023-09-15T00:00:00 (năm-tháng-ngàyTgiờ:phút:giây); múi giờ là múi giờ của đợt đánh giá (time_zone).",
                "Write it as 2023-09-15T00:00:00 (year-month-dayThour:minute:second); the time zone is the campaign's (time_zone)."
            )),
        );
        None
    }

    /// An enumeration field: the allowed value, or a report with the closest
    /// allowed one.
    pub fn enumeration(&mut self, obj: &Obj<'_, '_>, key: &str) -> Option<Sp<&'static str>> {
        let v = lookup(obj, key)?;
        let s = v.get_ref().as_str()?;
        let Kind::Enum(values) = obj.spec.field(key)?.kind else {
            return None;
        };
        let span = self.span(v.span());
        let s = nfc(s.trim());
        if let Some(ev) = values.iter().find(|ev| ev.value == s) {
            return Some(Sp::new(ev.value, span));
        }
        let allowed_vi = values
            .iter()
            .map(|ev| format!("\"{}\" ({})", ev.value, ev.doc.vi))
            .collect::<Vec<_>>()
            .join(", ");
        let allowed_en = values
            .iter()
            .map(|ev| format!("\"{}\" ({})", ev.value, ev.doc.en))
            .collect::<Vec<_>>()
            .join(", ");
        // A clerk may type the Vietnamese word; match it to its value.
        let by_doc = values
            .iter()
            .find(|ev| ev.doc.vi.eq_ignore_ascii_case(&s) || nfc(&s.to_lowercase()) == ev.doc.vi);
        let suggestion = by_doc
            .map(|ev| ev.value)
            .or_else(|| suggest(&s, values.iter().map(|ev| ev.value)));
        let hint = match suggestion {
            Some(sug) => Text::new(
                format!("Có phải ý bạn là \"{sug}\"? Giá trị hợp lệ: {allowed_vi}."),
                format!("Did you mean \"{sug}\"? Allowed values: {allowed_en}."),
            ),
            None => Text::new(
                format!("Giá trị hợp lệ: {allowed_vi}."),
                format!("Allowed values: {allowed_en}."),
            ),
        };
        self.push(
            Diagnostic::new(
                Code::E013,
                span,
                tr!(
                    "`{}` không nhận giá trị {}",
                    "`{}` does not take the value {}",
                    key,
                    quote(&s)
                ),
            )
            .hint(hint),
        );
        None
    }

    /// A list of strings; non-string items are reported.
    pub fn strings(&mut self, obj: &Obj<'_, '_>, key: &str) -> Vec<Sp<String>> {
        let Some(v) = lookup(obj, key) else {
            return Vec::new();
        };
        let Some(items) = v.get_ref().as_array() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            match item.get_ref().as_str() {
                Some(s) => out.push(Sp::new(nfc(s.trim()), self.span(item.span()))),
                None => {
                    let found = describe_value(item.get_ref());
                    self.push(Diagnostic::new(
                        Code::E011,
                        self.span(item.span()),
                        tr!(
                            "mỗi phần tử của `{}` phải là văn bản trong ngoặc kép, nhưng ở đây là {}",
                            "each item of `{}` must be text in quotes, but this is {}",
                            key,
                            found
                        ),
                    ));
                }
            }
        }
        out
    }

    /// A sub-table, checked against its own spec.
    pub fn table<'a, 'i>(&mut self, obj: &Obj<'a, 'i>, key: &str) -> Option<Obj<'a, 'i>> {
        let v = lookup(obj, key)?;
        let Kind::Table(spec) = obj.spec.field(key)?.kind else {
            return None;
        };
        let table = v.get_ref().as_table()?;
        Some(self.check(table, v.span(), spec))
    }

    /// An array of tables, each checked against the field's spec.
    pub fn tables<'a, 'i>(&mut self, obj: &Obj<'a, 'i>, key: &str) -> Vec<Obj<'a, 'i>> {
        let Some(v) = lookup(obj, key) else {
            return Vec::new();
        };
        let Some(Kind::Tables(spec)) = obj.spec.field(key).map(|f| f.kind) else {
            return Vec::new();
        };
        let Some(items) = v.get_ref().as_array() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            match item.get_ref().as_table() {
                Some(t) => out.push(self.check(t, item.span(), spec)),
                None => {
                    let found = describe_value(item.get_ref());
                    self.push(Diagnostic::new(
                        Code::E011,
                        self.span(item.span()),
                        tr!(
                            "mỗi phần tử của `{}` phải là một bảng [[{}]], nhưng ở đây là {}",
                            "each item of `{}` must be a table [[{}]], but this is {}",
                            key,
                            key,
                            found
                        ),
                    ));
                }
            }
        }
        out
    }
}

/// The value of `key` in a checked table; the key must be in its spec.
fn lookup<'a, 'i>(obj: &Obj<'a, 'i>, key: &str) -> Option<&'a Spanned<DeValue<'i>>> {
    debug_assert!(
        obj.spec.field(key).is_some(),
        "{key} not in spec {}",
        obj.spec.name
    );
    obj.get(key).map(|(_, v)| v)
}

fn civil_date(d: toml::value::Date) -> Option<jiff::civil::Date> {
    jiff::civil::Date::new(
        i16::try_from(d.year).ok()?,
        i8::try_from(d.month).ok()?,
        i8::try_from(d.day).ok()?,
    )
    .ok()
}

fn civil_datetime(d: toml::value::Date, t: toml::value::Time) -> Option<jiff::civil::DateTime> {
    let time = jiff::civil::Time::new(
        i8::try_from(t.hour).ok()?,
        i8::try_from(t.minute).ok()?,
        // TOML allows a leap second (60); a deadline cannot sit on one.
        i8::try_from(t.second.unwrap_or(0).min(59)).ok()?,
        0,
    )
    .ok()?;
    Some(civil_date(d)?.to_datetime(time))
}

fn type_matches(kind: Kind, v: &DeValue<'_>) -> bool {
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
fn describe_value(v: &DeValue<'_>) -> Text {
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
fn type_hint(kind: Kind, value: &DeValue<'_>) -> Option<Text> {
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
fn place(spec: &TableSpec) -> Text {
    if spec.name.is_empty() {
        tr!("phần đầu tệp", "the top of the file")
    } else {
        tr!("{}", "{}", spec.name)
    }
}

fn missing_key(span: &Span, field: &Field, spec: &TableSpec) -> Diagnostic {
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
            "thiếu khoá `{}` trong {}",
            "missing key `{}` in {}",
            field.key,
            place(spec)
        ),
    )
    .hint(hint)
}

/// The known word closest to `word`, if it is close enough to be a typo.
pub fn suggest<'k>(word: &str, known: impl Iterator<Item = &'k str>) -> Option<&'k str> {
    let lower = word.to_lowercase();
    known
        .map(|k| (strsim::jaro_winkler(&lower, &k.to_lowercase()), k))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// Turns the TOML parser's message into one a clerk can act on.
fn syntax_error(path: &Arc<str>, e: &toml::de::Error, text: &str) -> Diagnostic {
    let range = e.span().unwrap_or(0..0);
    // One line is enough to point at; a span running on spreads the caret.
    let line_end = text
        .get(range.start..)
        .and_then(|r| r.find('\n'))
        .map_or(text.len(), |i| range.start + i);
    let range = range.start..range.end.min(line_end.max(range.start));
    // Point at something visible: an empty span, or one on the line break,
    // points at the last character of its line instead.
    let at_break = text
        .get(range.start..)
        .is_some_and(|r| r.starts_with(['\n', '\r']));
    let range = if at_break || (range.is_empty() && range.start >= text.len()) {
        let before = text.get(..range.start).unwrap_or("");
        let before = before.trim_end_matches(['\n', '\r']);
        match before.char_indices().last() {
            Some((i, c)) if !before.ends_with('\n') => i..i + c.len_utf8(),
            _ => range.start..range.start,
        }
    } else if range.is_empty() {
        let end = text
            .get(range.start..)
            .and_then(|r| r.chars().next())
            .map_or(0, char::len_utf8);
        range.start..range.start + end
    } else {
        range
    };
    let raw = e.message().trim().to_owned();
    let first = raw.lines().next().unwrap_or("").to_owned();
    let line = line_at(text, range.start);
    let (vi, hint) = if has_decimal_comma(line) {
        (
            "số viết bằng dấu phẩy thập phân".to_owned(),
            tr!(
                "TOML dùng dấu chấm thập phân: viết 0.75 chứ không phải 0,75.",
                "TOML uses a decimal point: write 0.75, not 0,75."
            ),
        )
    } else {
        translate_syntax(&first)
    };
    Diagnostic::new(
        Code::E004,
        Span::new(path, range),
        Text::new(
            format!("lỗi cú pháp TOML: {vi} ({first})"),
            format!("TOML syntax error: {first}"),
        ),
    )
    .hint(hint)
}

/// The line of `text` holding byte `at`.
fn line_at(text: &str, at: usize) -> &str {
    let at = at.min(text.len());
    let start = text
        .get(..at)
        .and_then(|s| s.rfind('\n'))
        .map_or(0, |i| i + 1);
    let end = text
        .get(at..)
        .and_then(|s| s.find('\n'))
        .map_or(text.len(), |i| at + i);
    text.get(start..end).unwrap_or("")
}

/// `key = 0,75`: the decimal comma of Vietnamese (and Excel) habits.
fn has_decimal_comma(line: &str) -> bool {
    let Some((_, value)) = line.split_once('=') else {
        return false;
    };
    let value = value.split('#').next().unwrap_or("").trim();
    let mut parts = value.splitn(2, ',');
    let (Some(a), Some(b)) = (parts.next(), parts.next()) else {
        return false;
    };
    let a = a.trim_start_matches(['-', '+']);
    !a.is_empty()
        && a.bytes().all(|c| c.is_ascii_digit())
        && !b.is_empty()
        && b.trim().bytes().all(|c| c.is_ascii_digit())
}

fn translate_syntax(msg: &str) -> (String, Text) {
    let generic = tr!(
        "Mỗi dòng là một cặp `khoá = giá trị`; văn bản nằm trong ngoặc kép \"…\" (dùng \"\"\"…\"\"\" cho nhiều dòng); số và ngày không có ngoặc kép. Xem tệp mẫu do `cchc new` tạo.",
        "Each line is a `key = value` pair; text goes in double quotes \"…\" (\"\"\"…\"\"\" for several lines); numbers and dates go without quotes. See the file `cchc new` writes."
    );
    let table: &[(&str, &str, Option<Text>)] = &[
        (
            "duplicate key",
            "khoá bị lặp lại trong cùng một bảng",
            Some(tr!(
                "Mỗi khoá chỉ được ghi một lần trong một bảng. Xoá dòng thừa; để chấm tiêu chí khác, mở một khối [[score]] mới.",
                "A key may appear once per table. Remove the extra line; to score another criterion, start a new [[score]] block."
            )),
        ),
        (
            "invalid date",
            "ngày không tồn tại hoặc viết sai",
            Some(tr!(
                "Viết ngày theo dạng năm-tháng-ngày, ví dụ 2023-03-20, và kiểm tra ngày có trong tháng đó.",
                "Write dates as year-month-day, e.g. 2023-03-20, and check the day exists in that month."
            )),
        ),
        (
            "invalid basic string",
            "chuỗi văn bản không hợp lệ hoặc thiếu ngoặc kép đóng",
            None,
        ),
        (
            "invalid multi-line basic string",
            "chuỗi nhiều dòng không hợp lệ hoặc thiếu \"\"\" đóng",
            None,
        ),
        (
            "invalid literal string",
            "chuỗi nguyên văn không hợp lệ",
            None,
        ),
        ("invalid string", "chuỗi văn bản không hợp lệ", None),
        ("missing opening quote", "thiếu ngoặc kép mở", None),
        ("missing closing quote", "thiếu ngoặc kép đóng", None),
        (
            "missing escaped value",
            "ký tự sau dấu \\ không hợp lệ",
            Some(tr!(
                "Trong ngoặc kép, dấu \\ bắt đầu một ký tự đặc biệt; viết \\\\ cho một dấu \\ hoặc dùng ngoặc đơn '…'.",
                "Inside double quotes a backslash starts an escape; write \\\\ for a backslash or use single quotes '…'."
            )),
        ),
        ("missing comma", "thiếu dấu phẩy giữa các phần tử", None),
        ("extra comma", "thừa dấu phẩy", None),
        (
            "missing assignment",
            "thiếu dấu = giữa khoá và giá trị",
            None,
        ),
        ("extra assignment", "thừa dấu =", None),
        ("missing value", "thiếu giá trị sau dấu =", None),
        ("key with no value", "khoá chưa có giá trị", None),
        ("unclosed array table", "thiếu ]] đóng tên bảng", None),
        ("unclosed table", "thiếu ] đóng tên bảng", None),
        ("unclosed array", "thiếu ] đóng danh sách", None),
        ("unclosed inline table", "thiếu } đóng bảng", None),
        (
            "invalid float",
            "số thực viết sai",
            Some(tr!(
                "Dùng dấu chấm thập phân, không dùng dấu phẩy: 1.5 chứ không phải 1,5.",
                "Use a decimal point, not a comma: 1.5, not 1,5."
            )),
        ),
        ("invalid integer", "số nguyên viết sai", None),
        (
            "unexpected leading zero",
            "số không được bắt đầu bằng 0",
            None,
        ),
        (
            "invalid unquoted key",
            "tên khoá không hợp lệ",
            Some(tr!(
                "Tên khoá chỉ gồm chữ Latinh không dấu, số, _ và -; văn bản phải nằm trong ngoặc kép sau dấu =.",
                "Keys use unaccented Latin letters, digits, _ and -; text goes in quotes after the =."
            )),
        ),
        ("invalid key", "tên khoá không hợp lệ", None),
        ("cannot recurse further", "lồng nhau quá sâu", None),
        (
            "cannot extend",
            "không thể mở rộng giá trị đã có bằng khoá có dấu chấm",
            None,
        ),
        (
            "unexpected content",
            "có nội dung thừa trên dòng",
            Some(tr!(
                "Mỗi dòng chỉ một cặp `khoá = giá trị`; chú thích bắt đầu bằng #.",
                "One `key = value` pair per line; comments start with #."
            )),
        ),
        (
            "invalid comment character",
            "ký tự không được phép trong chú thích",
            None,
        ),
        ("invalid", "giá trị viết sai cú pháp", None),
        ("unexpected", "gặp ký tự không mong đợi", None),
    ];
    for (prefix, vi, hint) in table {
        if msg.starts_with(prefix) {
            return ((*vi).to_owned(), hint.clone().unwrap_or(generic));
        }
    }
    ("cú pháp không hợp lệ".to_owned(), generic)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spots_a_decimal_comma() {
        assert!(has_decimal_comma("score = 0,75"));
        assert!(has_decimal_comma("score = 1,5 # ghi chú"));
        assert!(!has_decimal_comma("rows = [\"1.1\", \"1.2\"]"));
        assert!(!has_decimal_comma("name = \"a, b\""));
    }

    #[test]
    fn suggests_close_keys_only() {
        let keys = ["criterion", "score", "evidence", "explanation"];
        assert_eq!(suggest("scroe", keys.iter().copied()), Some("score"));
        assert_eq!(
            suggest("Criterion", keys.iter().copied()),
            Some("criterion")
        );
        assert_eq!(suggest("zzz", keys.iter().copied()), None);
    }
}
