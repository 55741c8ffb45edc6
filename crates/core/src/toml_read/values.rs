//! The typed values of a checked table: text, numbers, dates, enumerations,
//! lists and sub-tables, each with its span.

use std::ops::Range;

use toml::de::DeValue;

use super::problems::{describe_value, place};
use super::reader::lookup;
use super::spec::Kind;
use super::suggest::suggest;
use super::{Obj, Reader};
use crate::diag::{Code, Diagnostic};
use crate::source::Sp;
use crate::text::{Text, nfc, quote};
use crate::tr;

impl Reader<'_> {
    /// A string field, NFC-normalised. An empty optional text is `None`; an
    /// empty required one is reported as a blank.
    pub(super) fn str(&mut self, obj: &Obj<'_, '_>, key: &str) -> Option<Sp<String>> {
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
        lookup(obj, key).map_or(0, |v| v.get_ref().as_array().map_or(1, |a| a.len()))
    }

    /// Whether `key` is written in the table, whatever its value. Rules use
    /// it not to call a value that is present but invalid "missing".
    pub fn present(obj: &Obj<'_, '_>, key: &str) -> bool {
        lookup(obj, key).is_some()
    }

    /// A number (integer or float), including NaN and infinities, which rules
    /// report in their own words.
    pub(super) fn number(&mut self, obj: &Obj<'_, '_>, key: &str) -> Option<Sp<f64>> {
        let v = lookup(obj, key)?;
        let x = match v.get_ref() {
            DeValue::Integer(i) => self.int_value(i, v.span())? as f64,
            DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok()?,
            _ => return None,
        };
        Some(Sp::new(x, self.span(v.span())))
    }

    /// The integer at `key`; `None` when absent, not an integer, or beyond 64 bits (reported, E004).
    pub(super) fn integer(&mut self, obj: &Obj<'_, '_>, key: &str) -> Option<Sp<i64>> {
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

    /// The boolean at `key`; `None` when absent or not a boolean.
    pub(super) fn bool(&mut self, obj: &Obj<'_, '_>, key: &str) -> Option<Sp<bool>> {
        let v = lookup(obj, key)?;
        Some(Sp::new(v.get_ref().as_bool()?, self.span(v.span())))
    }

    /// The local date at `key`; `None` when absent or not a date, reported (E015) when it has a time or offset.
    pub(super) fn date(&mut self, obj: &Obj<'_, '_>, key: &str) -> Option<Sp<jiff::civil::Date>> {
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

    /// The local date and time at `key`; `None` when absent or not a date-time, reported (E015) when it lacks a date or time or has an offset.
    pub(super) fn datetime(
        &mut self,
        obj: &Obj<'_, '_>,
        key: &str,
    ) -> Option<Sp<jiff::civil::DateTime>> {
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
    pub(super) fn enumeration(&mut self, obj: &Obj<'_, '_>, key: &str) -> Option<Sp<&'static str>> {
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
    pub(super) fn strings(&mut self, obj: &Obj<'_, '_>, key: &str) -> Vec<Sp<String>> {
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
    pub(super) fn table<'a, 'i>(&mut self, obj: &Obj<'a, 'i>, key: &str) -> Option<Obj<'a, 'i>> {
        let v = lookup(obj, key)?;
        let Kind::Table(spec) = obj.spec.field(key)?.kind else {
            return None;
        };
        let table = v.get_ref().as_table()?;
        Some(self.check(table, v.span(), spec))
    }

    /// An array of tables, each checked against the field's spec.
    pub(super) fn tables<'a, 'i>(&mut self, obj: &Obj<'a, 'i>, key: &str) -> Vec<Obj<'a, 'i>> {
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
