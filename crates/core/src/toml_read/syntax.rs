//! TOML syntax errors in words a clerk can act on, in Vietnamese and English.

use std::sync::Arc;

use crate::diag::{Code, Diagnostic};
use crate::source::Span;
use crate::text::Text;
use crate::tr;

/// Turns the TOML parser's message into one a clerk can act on.
pub(super) fn syntax_error(path: &Arc<str>, e: &toml::de::Error, text: &str) -> Diagnostic {
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
        "Mỗi dòng là một cặp `khóa = giá trị`; văn bản nằm trong ngoặc kép \"…\" (dùng \"\"\"…\"\"\" cho nhiều dòng); số và ngày không có ngoặc kép. Xem tệp mẫu do `cchc new` tạo.",
        "Each line is a `key = value` pair; text goes in double quotes \"…\" (\"\"\"…\"\"\" for several lines); numbers and dates go without quotes. See the file `cchc new` writes."
    );
    let table: &[(&str, &str, Option<Text>)] = &[
        (
            "duplicate key",
            "khóa bị lặp lại trong cùng một bảng",
            Some(tr!(
                "Mỗi khóa chỉ được ghi một lần trong một bảng. Xóa dòng thừa; để chấm tiêu chí khác, mở một khối [[score]] mới.",
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
            "thiếu dấu = giữa khóa và giá trị",
            None,
        ),
        ("extra assignment", "thừa dấu =", None),
        ("missing value", "thiếu giá trị sau dấu =", None),
        ("key with no value", "khóa chưa có giá trị", None),
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
            "tên khóa không hợp lệ",
            Some(tr!(
                "Tên khóa chỉ gồm chữ Latinh không dấu, số, _ và -; văn bản phải nằm trong ngoặc kép sau dấu =.",
                "Keys use unaccented Latin letters, digits, _ and -; text goes in quotes after the =."
            )),
        ),
        ("invalid key", "tên khóa không hợp lệ", None),
        ("cannot recurse further", "lồng nhau quá sâu", None),
        (
            "cannot extend",
            "không thể mở rộng giá trị đã có bằng khóa có dấu chấm",
            None,
        ),
        (
            "unexpected content",
            "có nội dung thừa trên dòng",
            Some(tr!(
                "Mỗi dòng chỉ một cặp `khóa = giá trị`; chú thích bắt đầu bằng #.",
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
}
