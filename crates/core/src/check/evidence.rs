//! The rules on one document given as evidence: its date and its link.

use jiff::civil::Date;

use super::text;
use crate::checked::{Document, Keep};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::raw::submission::Evidence;
use crate::source::Sp;
use crate::text::{Text, quote};
use crate::tr;
use crate::urls::{NotWeb, web_address};

/// One document: its date and link judged, its link as a browser would send
/// it (characters an href may not hold, such as `"`, `<`, `>` and spaces,
/// encoded).
pub(super) fn check_document(
    e: &Evidence,
    cutoff: Date,
    last_day: Date,
    today: Date,
    keep: Keep,
    diags: &mut Diagnostics,
) -> Document {
    rule_evidence_date(e, cutoff, last_day, today, diags);
    let parsed = rule_evidence_link(e, diags);
    Document {
        number: text(keep, e.number.as_ref()),
        date: e.date.as_ref().map(|d| d.value),
        title: text(keep, e.title.as_ref()),
        url: text(keep, e.url.as_ref()).map(|u| parsed.map_or(u, String::from)),
    }
}

/// W050 and E051: evidence after the cut-off is suspect; after the deadline
/// or today it is impossible.
fn rule_evidence_date(
    e: &Evidence,
    cutoff: Date,
    last_day: Date,
    today: Date,
    diags: &mut Diagnostics,
) {
    let Some(date) = &e.date else {
        return;
    };
    let future = if today < last_day && date.value > today {
        Some(tr!(
            "tài liệu đề ngày {}, sau ngày hôm nay ({})",
            "the document is dated {}, after today ({})",
            date.value,
            today
        ))
    } else if date.value > last_day {
        Some(tr!(
            "tài liệu đề ngày {}, sau ngày cuối cùng được gửi báo cáo ({})",
            "the document is dated {}, after the last day to send the report ({})",
            date.value,
            last_day
        ))
    } else {
        None
    };
    if let Some(message) = future {
        diags.push(
            Diagnostic::new(Code::E051, date.span.clone(), message)
            .hint(tr!(
                "Kiểm tra lại ngày của văn bản (thường là gõ nhầm năm hoặc tháng); văn bản chưa ban hành không thể làm tài liệu kiểm chứng.",
                "Check the document's date (often a mistyped year or month); a document not yet issued cannot be evidence."
            )),
        );
    } else if date.value > cutoff {
        diags.push(
            Diagnostic::new(
                Code::W050,
                date.span.clone(),
                tr!(
                    "tài liệu đề ngày {}, sau ngày chốt số liệu {}",
                    "the document is dated {}, after the data cut-off {}",
                    date.value,
                    cutoff
                ),
            )
            .hint(tr!(
                "Số liệu tính đến ngày chốt; kết quả sau ngày đó có thể không được tính ở đợt này. Giữ lại nếu đúng, và nêu rõ trong giải thích.",
                "Figures count up to the cut-off; results after it may not count in this campaign. Keep it if right, and say so in the explanation."
            )),
        );
    }
}

/// E052 and E053: links open in a browser: http or https, well formed.
/// Returns the link parsed, when it parses at all.
fn rule_evidence_link(e: &Evidence, diags: &mut Diagnostics) -> Option<url::Url> {
    let link = e.url.as_ref()?;
    let scheme = |message: Text| {
        Diagnostic::new(Code::E052, link.span.clone(), message).hint(tr!(
            "Chỉ dẫn đến trang web công khai bắt đầu bằng https:// (hoặc http://); không dùng đường dẫn tệp trên máy hay mã lệnh.",
            "Link only to public web pages starting with https:// (or http://); no file paths or script links."
        ))
    };
    match web_address(&link.value) {
        Ok(u) => return Some(u),
        Err(NotWeb::File) => diags.push(scheme(tr!(
            "đây là đường dẫn tệp trên máy tính, người khác không mở được",
            "this is a path to a file on a computer, which nobody else can open"
        ))),
        Err(NotWeb::Scheme(s)) => diags.push(scheme(tr!(
            "đường dẫn dùng giao thức {}, không phải http hoặc https",
            "the link uses the {} scheme, not http or https",
            quote(&s)
        ))),
        Err(NotWeb::Malformed) => diags.push(malformed_link(link)),
    }
    // A link with a scheme the parser reads is still carried as parsed.
    url::Url::parse(&link.value).ok()
}

fn malformed_link(link: &Sp<String>) -> Diagnostic {
    Diagnostic::new(
        Code::E053,
        link.span.clone(),
        tr!(
            "đường dẫn {} không hợp lệ",
            "the link {} is malformed",
            quote(&link.value)
        ),
    )
    .hint(tr!(
        "Sao chép nguyên địa chỉ từ thanh địa chỉ của trình duyệt, ví dụ https://hungyen.gov.vn/….",
        "Copy the whole address from the browser's address bar, e.g. https://example.gov.vn/…."
    ))
}
