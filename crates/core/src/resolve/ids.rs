//! Ids: their shapes (slugs and codes), duplicates, and ids that differ from
//! their file's or folder's name.

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::source::{Sp, Span};
use crate::text::quote;
use crate::tr;

pub(super) fn duplicate(span: &Span, id: &str, first: &Span) -> Diagnostic {
    Diagnostic::new(
        Code::E070,
        span.clone(),
        tr!("mã {} bị trùng", "duplicate id {}", quote(id)),
    )
    .related(
        first.clone(),
        tr!("khai báo lần đầu ở đây", "first declared here"),
    )
    .hint(tr!(
        "Mỗi mã chỉ được khai báo một lần: đổi mã hoặc xóa khai báo thừa.",
        "Each id may be declared once: rename it or remove the extra declaration."
    ))
}

/// Unit and campaign ids name files and folders, so they are lowercase ASCII
/// slugs: the same on every file system and in every URL.
fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Other ids (rows, tasks, appendices) are codes people type: no spaces,
/// no path separators, no control characters.
fn is_code(s: &str) -> bool {
    !s.is_empty()
        && s.chars().count() <= 64
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '/' | '\\' | '"'))
}

pub(super) fn check_slug(
    id: &Sp<String>,
    what: &crate::text::Text,
    diags: &mut Diagnostics,
) -> bool {
    if is_slug(&id.value) {
        return true;
    }
    diags.push(
        Diagnostic::new(
            Code::E016,
            id.span.clone(),
            tr!(
                "{} {} không hợp lệ",
                "{} {} is malformed",
                what,
                quote(&id.value)
            ),
        )
        .hint(tr!(
            "Mã này dùng làm tên tệp và địa chỉ trang: chỉ gồm chữ thường không dấu a–z, chữ số và dấu gạch nối, ví dụ \"tu-phap\" hoặc \"2023-9t\".",
            "This id names files and pages: lowercase a–z, digits and hyphens only, e.g. \"tu-phap\" or \"2023-9t\"."
        )),
    );
    false
}

pub(super) fn check_code(id: &Sp<String>, diags: &mut Diagnostics) -> bool {
    if is_code(&id.value) {
        return true;
    }
    diags.push(
        Diagnostic::new(
            Code::E016,
            id.span.clone(),
            tr!("mã {} không hợp lệ", "id {} is malformed", quote(&id.value)),
        )
        .hint(tr!(
            "Mã không chứa khoảng trắng, dấu /, \\ hay ngoặc kép và dài tối đa 64 ký tự, ví dụ \"3.2.1\", \"NV05\", \"XVII\".",
            "An id has no spaces, /, \\ or quotes and is at most 64 characters, e.g. \"3.2.1\", \"NV05\", \"XVII\"."
        )),
    );
    false
}

pub(super) fn id_not_file_name(id: &Sp<String>, expected: &str, pattern: &str) -> Diagnostic {
    Diagnostic::new(
        Code::E084,
        id.span.clone(),
        tr!(
            "mã {} khác tên {} của tệp hoặc thư mục",
            "id {} differs from the file or folder name {}",
            quote(&id.value),
            quote(expected)
        ),
    )
    .hint(tr!(
        "Mã phải trùng tên ({}): sửa mã thành {} hoặc đổi tên tệp, thư mục.",
        "The id must be the name ({}): change it to {} or rename the file or folder.",
        pattern,
        quote(expected)
    ))
}
