//! The rules on whose file it is: its campaign, its unit, its contact.

use crate::checked::Placement;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::model::{Campaign, Content};
use crate::raw::submission::PreparedBy;
use crate::source::{Sp, Span};
use crate::text::quote;
use crate::toml_read::suggest;
use crate::tr;

/// E021 and E024: the campaign named in the file exists and is the folder's.
pub(super) fn rule_campaign<'c>(
    place: &Placement,
    key: Option<&Sp<String>>,
    content: &'c Content,
    diags: &mut Diagnostics,
) -> Option<&'c Campaign> {
    if let (Some(folder), Some(key)) = (&place.folder, key)
        && &key.value != folder
    {
        diags.push(
            Diagnostic::new(
                Code::E021,
                key.span.clone(),
                tr!(
                    "tệp nằm trong thư mục đợt {} nhưng ghi campaign = {}",
                    "the file is in campaign folder {} but says campaign = {}",
                    quote(folder),
                    quote(&key.value)
                ),
            )
            .hint(if content.campaigns.contains_key(&key.value) {
                    tr!(
                        "Sửa thành campaign = {}, hoặc chuyển tệp vào submissions/{}/ nếu báo cáo thuộc đợt đó.",
                        "Write campaign = {}, or move the file to submissions/{}/ if it belongs to that campaign.",
                        quote(folder),
                        key.value.clone()
                    )
                } else {
                    tr!(
                        "Sửa thành campaign = {}: thư mục chứa tệp quyết định đợt đánh giá.",
                        "Write campaign = {}: the file's folder decides its campaign.",
                        quote(folder)
                    )
                }),
        );
    }
    // The folder decides which campaign judges the file; outside the layout,
    // the key does.
    let (id, span) = match (&place.folder, key) {
        (Some(folder), _) => (
            folder.clone(),
            key.map_or_else(|| Span::file(&place.path), |k| k.span.clone()),
        ),
        (None, Some(k)) => (k.value.clone(), k.span.clone()),
        (None, None) => return None,
    };
    if let Some(c) = content.campaigns.get(&id) {
        return Some(c);
    }
    // The campaign exists but its content has errors, reported already: the
    // file is judged once the office fixes them.
    if content.broken_campaigns.contains(&id) {
        return None;
    }
    let known: Vec<&str> = content.campaigns.keys().map(String::as_str).collect();
    let hint = match suggest(&id, known.iter().copied()) {
        Some(s) => tr!(
            "Có phải ý bạn là {}? Các đợt hiện có: {}.",
            "Did you mean {}? The campaigns present: {}.",
            quote(s),
            known.join(", ")
        ),
        None if known.is_empty() => tr!(
            "Chưa có đợt đánh giá nào trong content/campaigns/.",
            "There is no campaign in content/campaigns/ yet."
        ),
        None => tr!(
            "Các đợt hiện có: {}. Thư mục của tệp phải trùng mã đợt.",
            "The campaigns present: {}. The file's folder must be the campaign id.",
            known.join(", ")
        ),
    };
    diags.push(
        Diagnostic::new(
            Code::E024,
            span,
            tr!(
                "không có đợt đánh giá {} trong content/campaigns/",
                "there is no campaign {} in content/campaigns/",
                quote(&id)
            ),
        )
        .hint(hint),
    );
    None
}

/// E020, E022 and E023: the unit is the file's, is known, and takes part.
/// Returns the unit the rest of the file is judged as.
pub(super) fn rule_unit(
    place: &Placement,
    key: Option<&Sp<String>>,
    campaign: &Campaign,
    content: &Content,
    diags: &mut Diagnostics,
) -> Option<String> {
    let Some(key) = key else {
        // The missing key is reported; judge the file by its name meanwhile.
        return campaign.participant(&place.stem).map(|p| p.unit.clone());
    };
    if key.value != place.stem {
        diags.push(
            Diagnostic::new(
                Code::E020,
                key.span.clone(),
                tr!(
                    "tệp tên {} nhưng ghi unit = {}",
                    "the file is named {} but says unit = {}",
                    quote(&format!("{}.toml", place.stem)),
                    quote(&key.value)
                ),
            )
            .hint(tr!(
                "Mỗi đơn vị chỉ sửa tệp mang mã của mình: sửa unit = {} hoặc đặt tên tệp là {}.",
                "Each unit edits only the file named after it: write unit = {} or name the file {}.",
                quote(&place.stem),
                quote(&format!("{}.toml", key.value))
            )),
        );
    }
    // Judge by whichever of the two names a unit of the campaign, the file's
    // name first: that is the file the gate lets its owners edit.
    let unit = [&place.stem, &key.value]
        .into_iter()
        .find(|u| campaign.participant(u).is_some())
        .cloned();
    if unit.is_some() {
        return unit;
    }
    if content.unit(&key.value).is_none() {
        let hint = match suggest(&key.value, content.units.iter().map(|u| u.id.as_str())) {
            Some(s) => tr!(
                "Có phải ý bạn là {}? Mã đơn vị có trong content/units.toml.",
                "Did you mean {}? Unit ids are in content/units.toml.",
                quote(s)
            ),
            None => tr!(
                "Mã đơn vị có trong content/units.toml; dùng `cchc new <mã>` để tạo tệp đúng.",
                "Unit ids are in content/units.toml; `cchc new <id>` writes a correct file."
            ),
        };
        diags.push(
            Diagnostic::new(
                Code::E022,
                key.span.clone(),
                tr!(
                    "không có đơn vị {}",
                    "there is no unit {}",
                    quote(&key.value)
                ),
            )
            .hint(hint),
        );
    } else {
        let successor = content
            .unit(&key.value)
            .and_then(|u| u.successor.as_deref())
            .filter(|s| campaign.participant(s).is_some());
        let hint = match successor {
            Some(s) => tr!(
                "Đơn vị này đã sáp nhập hoặc đổi tên; đơn vị kế thừa {} nộp báo cáo cho đợt này.",
                "This unit was merged or renamed; its successor {} reports in this campaign.",
                quote(s)
            ),
            None => tr!(
                "Chỉ các đơn vị có [[participant]] trong {} mới nộp báo cáo cho đợt này.",
                "Only units with a [[participant]] in {} report in this campaign.",
                campaign.path.to_string()
            ),
        };
        diags.push(
            Diagnostic::new(
                Code::E023,
                key.span.clone(),
                tr!(
                    "đơn vị {} không tham gia đợt {}",
                    "unit {} does not take part in campaign {}",
                    quote(&key.value),
                    quote(&campaign.id)
                ),
            )
            .hint(hint),
        );
    }
    None
}

/// E025: the office must be able to reach whoever prepared the report.
pub(super) fn rule_contact(p: &PreparedBy, diags: &mut Diagnostics) {
    if p.phone.is_some() || p.email.is_some() {
        return;
    }
    diags.push(
        Diagnostic::new(
            Code::E025,
            p.span.clone(),
            tr!(
                "chưa có số điện thoại hoặc thư điện tử của người lập báo cáo",
                "no phone or e-mail for whoever prepared the report"
            ),
        )
        .hint(tr!(
            "Điền phone = \"…\" hoặc email = \"…\" trong [prepared_by] để Sở Nội vụ liên hệ khi cần làm rõ.",
            "Fill in phone = \"…\" or email = \"…\" in [prepared_by] so the office can ask questions."
        )),
    );
}
