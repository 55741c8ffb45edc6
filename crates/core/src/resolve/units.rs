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

pub(super) fn resolve_office(o: &raw::units::Office) -> Office {
    Office {
        name: text(o.name.as_ref()).unwrap_or_default(),
        division: text(o.division.as_ref()),
        admins: o.admins.iter().map(|a| a.value.clone()).collect(),
        published_branch: text(o.published_branch.as_ref())
            .filter(|b| !b.trim().is_empty())
            .unwrap_or_else(|| crate::model::DEFAULT_BRANCH.to_owned()),
    }
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
