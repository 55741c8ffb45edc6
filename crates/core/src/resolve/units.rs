//! units.toml: the office and the units, and references to a unit.

use std::collections::BTreeMap;

use super::ids::{check_slug, duplicate};
use super::text;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::model::{Office, Person, Unit};
use crate::raw;
use crate::source::{Sp, Span};
use crate::text::quote;
use crate::tr;
use crate::urls::{NotWeb, web_address};

pub(super) fn resolve_office(o: &raw::units::Office, diags: &mut Diagnostics) -> Office {
    Office {
        name: text(o.name.as_ref()).unwrap_or_default(),
        division: text(o.division.as_ref()),
        admins: o.admins.iter().map(|a| a.value.clone()).collect(),
        published_branch: text(o.published_branch.as_ref())
            .filter(|b| !b.trim().is_empty())
            .unwrap_or_else(|| crate::model::DEFAULT_BRANCH.to_owned()),
        repository: o
            .repository
            .as_ref()
            .and_then(|r| rule_repository_address(r, diags)),
    }
}

/// W093: the repository's address is a web page readers can open (http or
/// https, with a host, no query or fragment, where `/commit/<id>` can go).
/// Returns it without a trailing `/` or `.git`.
fn rule_repository_address(r: &Sp<String>, diags: &mut Diagnostics) -> Option<String> {
    let why = match web_address(r.value.trim()) {
        Ok(u) if u.query().is_none() && u.fragment().is_none() => {
            let s = u.as_str().trim_end_matches('/');
            let s = s.strip_suffix(".git").unwrap_or(s).trim_end_matches('/');
            return Some(s.to_owned());
        }
        Ok(_) => tr!(
            "địa chỉ kho dữ liệu {} có phần truy vấn (?…) hoặc neo (#…)",
            "the repository's address {} has a query (?…) or a fragment (#…)",
            quote(&r.value)
        ),
        Err(NotWeb::File) => tr!(
            "địa chỉ kho dữ liệu {} là đường dẫn tệp trên máy tính, người xem trang không mở được",
            "the repository's address {} is a path to a file on a computer, which readers cannot open",
            quote(&r.value)
        ),
        Err(NotWeb::Scheme(s)) => tr!(
            "địa chỉ kho dữ liệu dùng giao thức {}, không phải http hoặc https",
            "the repository's address uses the {} scheme, not http or https",
            quote(&s)
        ),
        Err(NotWeb::Malformed) => tr!(
            "địa chỉ kho dữ liệu {} không phải địa chỉ web hợp lệ",
            "the repository's address {} is not a valid web address",
            quote(&r.value)
        ),
    };
    diags.push(Diagnostic::new(Code::W093, r.span.clone(), why).hint(tr!(
        "Chép địa chỉ trang của kho từ thanh địa chỉ của trình duyệt, ví dụ \"https://github.com/<tổ chức>/<kho>\"; bỏ khóa repository nếu kho không công khai.",
        "Copy the repository's page address from the browser's address bar, e.g. \"https://github.com/<org>/<repo>\"; leave out the repository key if the repository is not public."
    )));
    None
}

pub(super) fn resolve_units(raw: &[raw::units::Unit], diags: &mut Diagnostics) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    let mut seen: BTreeMap<&str, &Span> = BTreeMap::new();
    for u in raw {
        if let Some(first) = seen.get(u.id.as_str()) {
            diags.push(duplicate(&u.id.span, &u.id.value, first));
            continue;
        }
        seen.insert(&u.id.value, &u.id.span);
        if !check_slug(&u.id, &tr!("mã đơn vị", "unit id"), diags) {
            continue;
        }
        units.push(Unit {
            id: u.id.value.clone(),
            name: text(u.name.as_ref()).unwrap_or_else(|| u.id.value.clone()),
            full_name: text(u.full_name.as_ref()),
            name_en: text(u.name_en.as_ref()),
            owners: u.owners.iter().map(|o| o.value.clone()).collect(),
            until: u.until.as_ref().map(|d| d.value),
            successor: text(u.successor.as_ref()),
            note: text(u.note.as_ref()),
            contact: u.contact.as_ref().map(|c| Person {
                name: text(c.name.as_ref()),
                position: text(c.position.as_ref()),
                phone: text(c.phone.as_ref()),
                email: text(c.email.as_ref()),
            }),
            span: u.id.span.clone(),
        });
    }
    for u in raw {
        if let Some(s) = &u.successor
            && !units.iter().any(|x| x.id == s.value)
        {
            diags.push(unknown_unit(s, &units));
        }
    }
    units
}

/// E077: a reference to a unit that units.toml does not list.
pub(super) fn unknown_unit(id: &Sp<String>, units: &[Unit]) -> Diagnostic {
    let suggestion = crate::toml_read::suggest(&id.value, units.iter().map(|u| u.id.as_str()));
    let hint = match suggestion {
        Some(s) => tr!(
            "Có phải ý bạn là \"{}\"? Mã đơn vị phải có trong content/units.toml.",
            "Did you mean \"{}\"? Unit ids must be listed in content/units.toml.",
            s
        ),
        None => tr!(
            "Mã đơn vị phải có trong content/units.toml; thêm đơn vị vào đó trước.",
            "Unit ids must be listed in content/units.toml; add the unit there first."
        ),
    };
    Diagnostic::new(
        Code::E077,
        id.span.clone(),
        tr!(
            "không có đơn vị {} trong danh sách đơn vị",
            "no unit {} in the list of units",
            quote(&id.value)
        ),
    )
    .hint(hint)
}
