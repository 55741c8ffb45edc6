//! Reads a parsed TOML document against a [`TableSpec`], collecting every
//! structural problem (missing, unknown, mistyped keys) instead of stopping.

use std::ops::Range;
use std::sync::Arc;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::problems::{describe_value, missing_key, place, type_hint, type_matches};
use super::spec::{Field, TableSpec};
// Kept at its old path, `toml_read::reader::suggest`.
pub use super::suggest::suggest;
use super::syntax::syntax_error;
use super::table::Table;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::source::{SourceFile, Span};
use crate::tr;

/// Parses `file`, checks its root table against `T`'s spec and reads it. A
/// file with syntax errors is reported and not read further, so one typo does
/// not cascade into a page of "missing key" messages.
pub fn read_document<T: Table>(file: &SourceFile, diags: &mut Diagnostics) -> Option<T> {
    read_text(&file.path, &file.text, diags)
}

/// Like [`read_document`], for a text whose byte offsets match the file's
/// (front matter with the rest of the page blanked out).
pub fn read_text<T: Table>(path: &Arc<str>, text: &str, diags: &mut Diagnostics) -> Option<T> {
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
    let obj = reader.check(&root, 0..0, T::SPEC);
    T::read(&mut reader, &obj)
}

/// A table checked against its spec.
#[derive(Debug, Clone)]
pub struct Obj<'a, 'i> {
    pub(super) table: &'a DeTable<'i>,
    /// The table's byte range in the decoded text (0..0 for the root).
    pub span: Range<usize>,
    pub(super) spec: &'static TableSpec,
}

/// Reads values out of checked tables, reporting into the diagnostics.
#[derive(Debug)]
pub struct Reader<'d> {
    /// The file being read.
    pub file: Arc<str>,
    /// Where problems are reported.
    pub diags: &'d mut Diagnostics,
}

impl<'a, 'i> Obj<'a, 'i> {
    pub(super) fn get(
        &self,
        key: &str,
    ) -> Option<(
        &'a Spanned<std::borrow::Cow<'i, str>>,
        &'a Spanned<DeValue<'i>>,
    )> {
        self.table.iter().find(|(k, _)| k.get_ref() == key)
    }
}

impl Reader<'_> {
    /// A span of `range` in the file being read.
    pub fn span(&self, range: Range<usize>) -> Span {
        Span::new(&self.file, range)
    }

    /// Reports one diagnostic.
    pub fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Reports unknown keys, wrong types and missing required keys of a table.
    pub(super) fn check<'a, 'i>(
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
                "Có phải ý bạn là `{}`? Các khóa hợp lệ ở đây: {}.",
                "Did you mean `{}`? The keys allowed here: {}.",
                s,
                known
            ),
            None => tr!(
                "Xóa dòng này hoặc sửa tên khóa. Các khóa hợp lệ ở đây: {}.",
                "Remove this line or correct the key. The keys allowed here: {}.",
                known
            ),
        };
        let d = Diagnostic::new(
            Code::E012,
            self.span(span),
            tr!(
                "khóa `{}` không có trong {}",
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
}

/// The value of `key` in a checked table; the key must be in its spec. A
/// declared key always is (its declaration is the spec); the guard is for the
/// keys a `computed` value names.
pub(super) fn lookup<'a, 'i>(obj: &Obj<'a, 'i>, key: &str) -> Option<&'a Spanned<DeValue<'i>>> {
    debug_assert!(
        obj.spec.field(key).is_some(),
        "{key} not in spec {}",
        obj.spec.name
    );
    obj.get(key).map(|(_, v)| v)
}
