//! A campaign's Markdown page: TOML front matter between `+++` lines, then
//! the body.

use std::sync::Arc;

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::raw;
use crate::raw::content::RawPage;
use crate::source::{SourceFile, Span};
use crate::toml_read::read_text;
use crate::tr;

/// A Markdown page: TOML front matter between `+++` lines, then the body.
pub(super) fn read_page(file: &SourceFile, slug: String, diags: &mut Diagnostics) -> RawPage {
    let text = &file.text;
    let body_of = |from: usize| text.get(from..).unwrap_or("").to_owned();
    let Some((front_end, body_start)) = front_matter_bounds(text) else {
        let message = if text.starts_with("---") {
            tr!(
                "trang dùng phần đầu YAML (---); cchc dùng phần đầu TOML giữa hai dòng +++",
                "the page uses YAML front matter (---); cchc uses TOML front matter between +++ lines"
            )
        } else if text.starts_with("+++") {
            tr!(
                "phần đầu của trang chưa có dòng +++ đóng",
                "the page's front matter has no closing +++ line"
            )
        } else {
            tr!(
                "trang không bắt đầu bằng phần đầu TOML giữa hai dòng +++",
                "the page does not start with TOML front matter between +++ lines"
            )
        };
        diags.push(
            Diagnostic::new(Code::E090, Span::file(&file.path), message).hint(tr!(
                "Đặt ở đầu tệp:\n+++\ntitle = \"Tiêu đề trang\"\nweight = 1\n+++",
                "Start the file with:\n+++\ntitle = \"Page title\"\nweight = 1\n+++"
            )),
        );
        return RawPage {
            path: Arc::clone(&file.path),
            slug,
            front: None,
            markdown: body_of(0),
        };
    };
    // Blank out everything but the front matter, byte for byte, so that the
    // TOML reader's offsets are the file's.
    let masked: String = text
        .char_indices()
        .map(|(i, c)| {
            if c == '\n' || (i >= 3 && i < front_end) {
                c.to_string()
            } else {
                " ".repeat(c.len_utf8())
            }
        })
        .collect();
    let front = read_text::<raw::campaign::FrontMatter>(&file.path, &masked, diags);
    RawPage {
        path: Arc::clone(&file.path),
        slug,
        front,
        markdown: body_of(body_start),
    }
}

/// Where the front matter ends and the body begins, if the page has one.
fn front_matter_bounds(text: &str) -> Option<(usize, usize)> {
    let rest = text.strip_prefix("+++")?;
    if !rest.starts_with('\n') && !rest.starts_with("\r\n") {
        return None;
    }
    let mut offset = 3;
    for line in rest.split_inclusive('\n') {
        if offset > 3 && line.trim_end() == "+++" {
            return Some((offset, offset + line.len()));
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_front_matter() {
        let t = "+++\ntitle = \"A\"\n+++\nbody\n";
        let (end, body) = front_matter_bounds(t).unwrap();
        assert_eq!(&t[body..], "body\n");
        assert_eq!(&t[4..end], "title = \"A\"\n");
        assert!(front_matter_bounds("# no front matter").is_none());
    }
}
