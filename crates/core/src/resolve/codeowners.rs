//! E092: the committed .github/CODEOWNERS against the units.

use std::sync::Arc;

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::model::Content;
use crate::source::Span;
use crate::tr;

/// E092: the committed CODEOWNERS is what `cchc codeowners` makes of the
/// units, or the Git host would ask the wrong people to review.
pub(super) fn rule_codeowners_current(
    path: &Arc<str>,
    text: &str,
    content: &Content,
    diags: &mut Diagnostics,
) {
    let expected = crate::codeowners::generate(content);
    let text = text.replace("\r\n", "\n");
    if text == expected {
        return;
    }
    let first_diff = text
        .lines()
        .zip(expected.lines())
        .position(|(a, b)| a != b)
        .unwrap_or_else(|| text.lines().count().min(expected.lines().count()));
    let start = text
        .split_inclusive('\n')
        .take(first_diff)
        .map(str::len)
        .sum::<usize>();
    let end = text
        .get(start..)
        .and_then(|t| t.find('\n'))
        .map_or(text.len(), |i| start + i);
    diags.push(
        Diagnostic::new(
            Code::E092,
            Span::new(path, start..end.max(start)),
            tr!(
                "CODEOWNERS không khớp với content/ (khác từ dòng {})",
                "CODEOWNERS does not match content/ (differs from line {})",
                first_diff + 1
            ),
        )
        .hint(tr!(
            "Tệp được sinh từ content/units.toml (người được giao của đơn vị, quản trị viên) và các bên thẩm định khai báo trong campaign.toml. Chạy `cchc codeowners > .github/CODEOWNERS` rồi đưa tệp vào cùng thay đổi.",
            "The file is made from content/units.toml (the units' owners, the admins) and the appraisers the campaigns declare. Run `cchc codeowners > .github/CODEOWNERS` and commit it with the change."
        )),
    );
}
