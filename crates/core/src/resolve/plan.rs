//! plan.toml: the tasks of the year's plan, their lead units and areas.

use super::ids::{check_code, duplicate};
use super::text;
use super::units::unknown_unit;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::model::{Content, CriteriaSet, Level, Task};
use crate::raw;
use crate::text::quote;
use crate::tr;

pub(super) fn resolve_tasks(
    raw: &[raw::campaign::Task],
    content: &Content,
    criteria: Option<&CriteriaSet>,
    diags: &mut Diagnostics,
) -> Vec<Task> {
    let mut out: Vec<Task> = Vec::new();
    for t in raw {
        check_code(&t.id, diags);
        if let Some(first) = out.iter().find(|x| x.id == t.id.value) {
            diags.push(duplicate(&t.id.span, &t.id.value, &first.span));
            continue;
        }
        if content.unit(&t.lead.value).is_none() {
            diags.push(unknown_unit(&t.lead, &content.units));
        }
        if let (Some(area), Some(set)) = (&t.area, criteria)
            && set
                .row(&area.value)
                .is_none_or(|(_, r)| r.level != Level::Area)
        {
            diags.push(
                Diagnostic::new(
                    Code::E091,
                    area.span.clone(),
                    tr!(
                        "không có lĩnh vực {} trong bộ tiêu chí {}",
                        "there is no area {} in criteria set {}",
                        quote(&area.value),
                        set.id.clone()
                    ),
                )
                .hint(tr!(
                    "area là số thứ tự lĩnh vực, ví dụ \"3\".",
                    "area is an area number, e.g. \"3\"."
                )),
            );
        }
        out.push(Task {
            id: t.id.value.clone(),
            title: text(t.title.as_ref()).unwrap_or_default(),
            lead: t.lead.value.clone(),
            output: text(t.output.as_ref()),
            due: t.due.value,
            area: text(t.area.as_ref()),
            span: t.id.span.clone(),
        });
    }
    out
}
