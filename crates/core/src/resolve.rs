//! content/ from raw files to the resolved [`Content`], with the content
//! rules. Each rule is one function named after what it checks, reporting one
//! code; resolution keeps going past errors so every problem is reported.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::TimeZone;

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::model::{
    Band, Campaign, Channel, Content, CriteriaSet, Extension, Letter, Level, Office, Page,
    Participant, PlanRef, Receipt, Row, Scoring, Source, Task, Unit,
};
use crate::points::Points;
use crate::raw;
use crate::source::{Sp, Span};
use crate::text::quote;
use crate::tr;

/// content/ as read, before resolution.
#[derive(Debug, Default)]
pub struct RawContent {
    pub units: Option<(Arc<str>, raw::units::UnitsFile)>,
    /// Whether content/units.toml exists (it may exist and fail to read).
    pub units_present: bool,
    /// .github/CODEOWNERS as committed, if it is.
    pub codeowners: Option<(Arc<str>, String)>,
    pub criteria_sets: Vec<RawCriteriaFile>,
    pub campaigns: Vec<RawCampaignDir>,
}

#[derive(Debug)]
pub struct RawCriteriaFile {
    pub path: Arc<str>,
    /// The file name without `.toml`.
    pub stem: String,
    pub set: raw::criteria::CriteriaSet,
}

#[derive(Debug)]
pub struct RawPage {
    pub path: Arc<str>,
    pub slug: String,
    pub front: Option<raw::campaign::FrontMatter>,
    pub markdown: String,
}

/// One folder content/campaigns/<dir>/.
#[derive(Debug, Default)]
pub struct RawCampaignDir {
    pub dir: String,
    /// content/campaigns/<dir>/campaign.toml, whether or not it exists.
    pub path: Arc<str>,
    pub campaign: Option<raw::campaign::Campaign>,
    /// Whether campaign.toml exists (it may exist and fail to parse).
    pub campaign_present: bool,
    /// Whether plan.toml exists; `plan` is `None` when it failed to read.
    pub plan_present: bool,
    pub plan: Option<(Arc<str>, Vec<raw::campaign::Task>)>,
    pub receipts: Option<(Arc<str>, Vec<raw::campaign::Receipt>)>,
    pub pages: Vec<RawPage>,
}

/// Resolves content/, reporting content rules into `diags`.
pub fn resolve(raw: &RawContent, diags: &mut Diagnostics) -> Content {
    let mut content = Content::default();
    match &raw.units {
        Some((_, units)) => {
            content.office = units.office.as_ref().map(resolve_office);
            content.set_units(resolve_units(&units.units, diags));
        }
        None => {
            // Without the units nothing else can be linked: report the
            // root cause alone rather than every reference to a unit.
            if !raw.units_present {
                diags.push(required_file_missing("content/units.toml"));
            }
            content.broken_campaigns = raw.campaigns.iter().map(|c| c.dir.clone()).collect();
            return content;
        }
    }
    // A set is known by its file's name, which is unique in its folder; an
    // `id` that differs is reported (E084) but does not move the set.
    for file in &raw.criteria_sets {
        let set = resolve_criteria_set(file, diags);
        content.criteria_sets.insert(set.id.clone(), Arc::new(set));
    }
    if let Some((path, text)) = &raw.codeowners {
        rule_codeowners_current(path, text, &content, diags);
    }
    for dir in &raw.campaigns {
        match resolve_campaign(dir, &content, diags) {
            Some(c) => {
                content.campaigns.insert(c.id.clone(), c);
            }
            None => {
                content.broken_campaigns.insert(dir.dir.clone());
            }
        }
    }
    content
}

/// E092: the committed CODEOWNERS is what `cchc codeowners` makes of the
/// units, or the Git host would ask the wrong people to review.
fn rule_codeowners_current(
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
                "CODEOWNERS không khớp với content/units.toml (khác từ dòng {})",
                "CODEOWNERS does not match content/units.toml (differs from line {})",
                first_diff + 1
            ),
        )
        .hint(tr!(
            "Chạy `cchc codeowners > .github/CODEOWNERS` rồi đưa tệp vào cùng thay đổi với units.toml.",
            "Run `cchc codeowners > .github/CODEOWNERS` and commit it with the change to units.toml."
        )),
    );
}

fn required_file_missing(path: &str) -> Diagnostic {
    let path: Arc<str> = path.into();
    Diagnostic::new(
        Code::E089,
        Span::file(&path),
        tr!(
            "thiếu tệp bắt buộc {}",
            "required file {} is missing",
            path.to_string()
        ),
    )
    .hint(tr!(
        "Mỗi kho dữ liệu cần content/units.toml, ít nhất một bộ tiêu chí trong content/criteria/ và mỗi đợt một thư mục content/campaigns/<mã đợt>/ có campaign.toml và plan.toml.",
        "A repository needs content/units.toml, at least one criteria set in content/criteria/, and per campaign a folder content/campaigns/<id>/ with campaign.toml and plan.toml."
    ))
}

fn duplicate(span: &Span, id: &str, first: &Span) -> Diagnostic {
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
        "Mỗi mã chỉ được khai báo một lần: đổi mã hoặc xoá khai báo thừa.",
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

fn check_slug(id: &Sp<String>, what: &crate::text::Text, diags: &mut Diagnostics) -> bool {
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

fn check_code(id: &Sp<String>, diags: &mut Diagnostics) -> bool {
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

fn text(v: Option<&Sp<String>>) -> Option<String> {
    v.map(|s| s.value.clone())
}

// ---- units.toml ----

fn resolve_office(o: &raw::units::Office) -> Office {
    Office {
        name: text(o.name.as_ref()).unwrap_or_default(),
        division: text(o.division.as_ref()),
        admins: o.admins.iter().map(|a| a.value.clone()).collect(),
        published_branch: text(o.published_branch.as_ref())
            .filter(|b| !b.trim().is_empty())
            .unwrap_or_else(|| crate::model::DEFAULT_BRANCH.to_owned()),
    }
}

fn resolve_units(raw: &[raw::units::Unit], diags: &mut Diagnostics) -> Vec<Unit> {
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
fn unknown_unit(id: &Sp<String>, units: &[Unit]) -> Diagnostic {
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

// ---- criteria sets ----

/// The defaults a row inherits from its parent.
#[derive(Clone, Copy)]
struct Inherited {
    source: Source,
    step: Points,
    scoring: Scoring,
}

const DEFAULT_STEP: Points = Points::from_milli(250);

fn points(v: &Sp<f64>, what: &crate::text::Text, diags: &mut Diagnostics) -> Option<Points> {
    match Points::from_f64(v.value) {
        Some(p) if p > Points::ZERO => Some(p),
        _ => {
            diags.push(
                Diagnostic::new(
                    Code::E085,
                    v.span.clone(),
                    tr!(
                        "{} phải là số dương, tối đa ba chữ số thập phân, nhưng là {}",
                        "{} must be a positive number with at most three decimals, but is {}",
                        what,
                        v.value
                    ),
                )
                .hint(tr!(
                    "Ví dụ: max = 1.5, step = 0.25.",
                    "For example: max = 1.5, step = 0.25."
                )),
            );
            None
        }
    }
}

fn resolve_criteria_set(file: &RawCriteriaFile, diags: &mut Diagnostics) -> CriteriaSet {
    let raw = &file.set;
    let id = match &raw.id {
        Some(id) => {
            if id.value != file.stem {
                diags.push(id_not_file_name(
                    id,
                    &file.stem,
                    "content/criteria/<mã>.toml",
                ));
            }
            id.value.clone()
        }
        None => file.stem.clone(),
    };
    let set_step = raw
        .step
        .as_ref()
        .and_then(|s| points(s, &tr!("bước chấm", "the step"), diags))
        .unwrap_or(DEFAULT_STEP);
    let mut rows: Vec<Row> = Vec::new();
    let mut by_id: BTreeMap<String, usize> = BTreeMap::new();
    // Whether every max below a row was readable; sums are only checked then.
    let mut complete: Vec<bool> = Vec::new();
    let root = Inherited {
        source: Source::SelfAssessed,
        step: set_step,
        scoring: Scoring::Graded,
    };
    for area in &raw.areas {
        let area_max = area
            .max
            .as_ref()
            .and_then(|m| points(m, &tr!("điểm tối đa", "the maximum"), diags));
        let ai = push_row(
            &mut rows,
            &mut by_id,
            &mut complete,
            diags,
            &NewRow {
                id: &area.id,
                name: area.name.as_ref(),
                level: Level::Area,
                parent: None,
                max: area_max,
                inherited: root,
                guide: area.guide.as_ref(),
            },
        );
        for c in &area.criteria {
            let inh = inherit(root, c, diags);
            let cmax = c
                .max
                .as_ref()
                .and_then(|m| points(m, &tr!("điểm tối đa", "the maximum"), diags));
            let ci = push_row(
                &mut rows,
                &mut by_id,
                &mut complete,
                diags,
                &NewRow {
                    id: &c.id,
                    name: c.name.as_ref(),
                    level: Level::Criterion,
                    parent: Some(ai),
                    max: cmax,
                    inherited: inh,
                    guide: c.guide.as_ref(),
                },
            );
            for s in &c.subs {
                let sinh = inherit(inh, s, diags);
                let smax = s
                    .max
                    .as_ref()
                    .and_then(|m| points(m, &tr!("điểm tối đa", "the maximum"), diags));
                push_row(
                    &mut rows,
                    &mut by_id,
                    &mut complete,
                    diags,
                    &NewRow {
                        id: &s.id,
                        name: s.name.as_ref(),
                        level: Level::Sub,
                        parent: Some(ci),
                        max: smax,
                        inherited: sinh,
                        guide: s.guide.as_ref(),
                    },
                );
            }
        }
    }
    let total = raw
        .total
        .as_ref()
        .and_then(|t| points(t, &tr!("tổng điểm", "the total"), diags));
    rule_max_on_step(&rows, &complete, diags);
    rule_children_add_up(&rows, &complete, diags);
    if let Some(total) = total {
        rule_areas_add_up(
            &rows,
            &complete,
            total,
            raw.total.as_ref(),
            &file.path,
            diags,
        );
    }
    CriteriaSet {
        id,
        title: text(raw.title.as_ref()).unwrap_or_default(),
        basis: text(raw.basis.as_ref()),
        illustrative: raw.illustrative,
        illustrative_note: text(raw.illustrative_note.as_ref()),
        total: total.unwrap_or(Points::ZERO),
        bands: raw
            .bands
            .iter()
            .filter(|b| rule_band_percent(&b.min_percent, diags))
            .map(|b| Band {
                min_percent: b.min_percent.value,
                label: b.label.value.clone(),
            })
            .collect(),
        rows,
        by_id,
        path: Arc::clone(&file.path),
    }
}

/// E085 for a ranking band: a percentage from 0 to 100.
fn rule_band_percent(p: &Sp<f64>, diags: &mut Diagnostics) -> bool {
    if (0.0..=100.0).contains(&p.value) {
        return true;
    }
    diags.push(
        Diagnostic::new(
            Code::E085,
            p.span.clone(),
            tr!(
                "min_percent của mức xếp loại phải từ 0 đến 100, nhưng là {}",
                "a band's min_percent must be between 0 and 100, but is {}",
                p.value
            ),
        )
        .hint(tr!(
            "Ví dụ: min_percent = 90 cho mức \"Tốt\" (từ 90% trở lên).",
            "For example: min_percent = 90 for the top band (90% and above)."
        )),
    );
    false
}

fn inherit(parent: Inherited, row: &raw::criteria::Row, diags: &mut Diagnostics) -> Inherited {
    Inherited {
        source: row
            .source
            .as_ref()
            .and_then(|s| Source::parse(s.value))
            .unwrap_or(parent.source),
        step: row
            .step
            .as_ref()
            .and_then(|s| points(s, &tr!("bước chấm", "the step"), diags))
            .unwrap_or(parent.step),
        scoring: match row.scoring.as_ref().map(|s| s.value) {
            Some("all_or_nothing") => Scoring::AllOrNothing,
            Some(_) => Scoring::Graded,
            None => parent.scoring,
        },
    }
}

struct NewRow<'a> {
    id: &'a Sp<String>,
    name: Option<&'a Sp<String>>,
    level: Level,
    parent: Option<usize>,
    max: Option<Points>,
    inherited: Inherited,
    guide: Option<&'a Sp<String>>,
}

/// Adds a row; a duplicate id is reported and the row kept out of the index.
fn push_row(
    rows: &mut Vec<Row>,
    by_id: &mut BTreeMap<String, usize>,
    complete: &mut Vec<bool>,
    diags: &mut Diagnostics,
    new: &NewRow<'_>,
) -> usize {
    check_code(new.id, diags);
    let index = rows.len();
    if let Some(&first) = by_id.get(&new.id.value) {
        if let Some(f) = rows.get(first) {
            diags.push(duplicate(&new.id.span, &new.id.value, &f.span));
        }
    } else {
        by_id.insert(new.id.value.clone(), index);
    }
    if let Some(p) = new.parent.and_then(|p| rows.get_mut(p)) {
        p.children.push(index);
    }
    rows.push(Row {
        id: new.id.value.clone(),
        name: text(new.name).unwrap_or_default(),
        level: new.level,
        parent: new.parent,
        children: Vec::new(),
        max: new.max.unwrap_or(Points::ZERO),
        max_known: new.max.is_some(),
        source: new.inherited.source,
        step: new.inherited.step,
        scoring: new.inherited.scoring,
        guide: text(new.guide),
        span: new.id.span.clone(),
    });
    complete.push(new.max.is_some());
    index
}

/// Whether a row and everything below it has a readable maximum.
fn subtree_complete(rows: &[Row], complete: &[bool], i: usize) -> bool {
    complete.get(i).copied().unwrap_or(false)
        && rows.get(i).is_some_and(|r| {
            r.children
                .iter()
                .all(|&c| subtree_complete(rows, complete, c))
        })
}

/// E085: a scored row's maximum must be reachable in whole steps.
fn rule_max_on_step(rows: &[Row], complete: &[bool], diags: &mut Diagnostics) {
    for (i, r) in rows.iter().enumerate() {
        if r.is_scored() && complete.get(i) == Some(&true) && !r.max.is_multiple_of(r.step) {
            diags.push(
                Diagnostic::new(
                    Code::E085,
                    r.span.clone(),
                    tr!(
                        "điểm tối đa {} của {} không phải bội số của bước chấm {}",
                        "the maximum {} of {} is not a multiple of the step {}",
                        r.max,
                        r.id.clone(),
                        r.step
                    ),
                )
                .hint(tr!(
                    "Sửa điểm tối đa hoặc đặt step cho tiêu chí này để đơn vị có thể chấm đủ điểm.",
                    "Correct the maximum or give this row its own step so units can reach the full score."
                )),
            );
        }
    }
}

/// E071 and E072: the children of a criterion (sub-criteria) and of an area
/// (criteria) add up to its maximum.
fn rule_children_add_up(rows: &[Row], complete: &[bool], diags: &mut Diagnostics) {
    for (i, r) in rows.iter().enumerate() {
        if r.children.is_empty() || !subtree_complete(rows, complete, i) {
            continue;
        }
        let sum: Points = r
            .children
            .iter()
            .filter_map(|&c| rows.get(c))
            .map(|c| c.max)
            .sum();
        if sum == r.max {
            continue;
        }
        let (code, msg) = match r.level {
            Level::Area => (
                Code::E072,
                tr!(
                    "các tiêu chí của lĩnh vực {} cộng lại {} điểm, khác điểm tối đa {} của lĩnh vực",
                    "the criteria of area {} add up to {} points, not the area's maximum of {}",
                    r.id.clone(),
                    sum,
                    r.max
                ),
            ),
            _ => (
                Code::E071,
                tr!(
                    "các tiêu chí thành phần của {} cộng lại {} điểm, khác điểm tối đa {}",
                    "the sub-criteria of {} add up to {} points, not its maximum of {}",
                    r.id.clone(),
                    sum,
                    r.max
                ),
            ),
        };
        let hint = if sum > r.max {
            tr!(
                "Các mục con thừa {} điểm: sửa điểm tối đa của mục này hoặc của các mục con để tổng khớp.",
                "The children have {} points too many: correct this maximum or theirs so the sum matches.",
                sum - r.max
            )
        } else {
            tr!(
                "Các mục con thiếu {} điểm: sửa điểm tối đa của mục này hoặc của các mục con để tổng khớp.",
                "The children are {} points short: correct this maximum or theirs so the sum matches.",
                r.max - sum
            )
        };
        diags.push(Diagnostic::new(code, r.span.clone(), msg).hint(hint));
    }
}

/// E073: the areas add up to the set's total.
fn rule_areas_add_up(
    rows: &[Row],
    complete: &[bool],
    total: Points,
    total_span: Option<&Sp<f64>>,
    path: &Arc<str>,
    diags: &mut Diagnostics,
) {
    let areas: Vec<usize> = (0..rows.len())
        .filter(|&i| rows.get(i).is_some_and(|r| r.level == Level::Area))
        .collect();
    if !areas.iter().all(|&i| complete.get(i) == Some(&true)) {
        return;
    }
    let sum: Points = areas
        .iter()
        .filter_map(|&i| rows.get(i))
        .map(|r| r.max)
        .sum();
    if sum != total {
        let span = total_span.map_or_else(|| Span::file(path), |t| t.span.clone());
        diags.push(
            Diagnostic::new(
                Code::E073,
                span,
                tr!(
                    "các lĩnh vực cộng lại {} điểm, khác tổng {} của bộ tiêu chí",
                    "the areas add up to {} points, not the set's total of {}",
                    sum,
                    total
                ),
            )
            .hint(tr!(
                "Sửa điểm tối đa của lĩnh vực hoặc tổng điểm (total) để khớp.",
                "Correct an area's maximum or the total so they match."
            )),
        );
    }
}

fn id_not_file_name(id: &Sp<String>, expected: &str, pattern: &str) -> Diagnostic {
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

// ---- campaigns ----

fn resolve_campaign(
    dir: &RawCampaignDir,
    content: &Content,
    diags: &mut Diagnostics,
) -> Option<Campaign> {
    let Some(raw) = &dir.campaign else {
        if !dir.campaign_present {
            diags.push(required_file_missing(&dir.path));
        }
        return None;
    };
    let id = match &raw.id {
        Some(id) => {
            if id.value != dir.dir {
                diags.push(id_not_file_name(id, &dir.dir, "content/campaigns/<mã>/"));
            }
            dir.dir.clone()
        }
        None => dir.dir.clone(),
    };
    if let Some(id) = &raw.id {
        check_slug(id, &tr!("mã đợt", "campaign id"), diags);
    }
    let criteria = match &raw.criteria_set {
        Some(s) => match content.criteria_sets.get(&s.value) {
            Some(set) => Some(Arc::clone(set)),
            None => {
                diags.push(unknown_criteria_set(s, content));
                None
            }
        },
        None => None,
    };
    let (time_zone, tz_name) = match &raw.time_zone {
        Some(tz) => match TimeZone::get(&tz.value) {
            Ok(z) => (Some(z), tz.value.clone()),
            Err(_) => {
                diags.push(
                    Diagnostic::new(
                        Code::E083,
                        tz.span.clone(),
                        tr!(
                            "múi giờ {} không có trong cơ sở dữ liệu múi giờ IANA",
                            "time zone {} is not in the IANA time zone database",
                            quote(&tz.value)
                        ),
                    )
                    .hint(tr!(
                        "Việt Nam dùng \"Asia/Ho_Chi_Minh\" (UTC+7).",
                        "Vietnam uses \"Asia/Ho_Chi_Minh\" (UTC+7)."
                    )),
                );
                (None, tz.value.clone())
            }
        },
        None => (None, String::new()),
    };
    let deadline = match (&raw.deadline, &time_zone) {
        (Some(d), Some(tz)) => to_timestamp(d.value, tz).map(|t| (d.value, t)),
        _ => None,
    };
    if let (Some(cutoff), Some(d)) = (&raw.cutoff, &raw.deadline) {
        rule_deadline_after_cutoff(cutoff, d, diags);
    }
    let participants = resolve_participants(raw, criteria.as_deref(), content, diags);
    let extensions = resolve_extensions(
        raw,
        time_zone.as_ref(),
        deadline,
        content,
        &participants,
        diags,
    );
    let tasks = dir
        .plan
        .as_ref()
        .map(|(_, tasks)| resolve_tasks(tasks, content, criteria.as_deref(), diags))
        .unwrap_or_default();
    if !dir.plan_present {
        let plan_path: Arc<str> = dir.path.replace("campaign.toml", "plan.toml").into();
        diags.push(required_file_missing(&plan_path));
    }
    let plan_read = dir.plan.is_some();
    let receipts = dir
        .receipts
        .as_ref()
        .map(|(_, r)| resolve_receipts(r, time_zone.as_ref(), content, &participants, diags))
        .unwrap_or_default();
    let pages = resolve_pages(&dir.pages);

    // A campaign without its criteria set, time zone, dates or plan cannot
    // judge submissions; its errors above say why.
    if !plan_read {
        return None;
    }
    let criteria = criteria?;
    let time_zone = time_zone?;
    let (deadline_local, deadline) = deadline?;
    let cutoff = raw.cutoff.as_ref()?.value;
    let letter = raw.letter.as_ref().map(|l| Letter {
        number: text(l.number.as_ref()).unwrap_or_default(),
        date: l.date.as_ref().map(|d| d.value),
        date_text: text(l.date_text.as_ref()),
        subject: text(l.subject.as_ref()),
        signer: text(l.signer.as_ref()),
        url: text(l.url.as_ref()),
    })?;
    let plan = raw.plan.as_ref().map(|p| PlanRef {
        number: text(p.number.as_ref()).unwrap_or_default(),
        date: p.date.as_ref().map(|d| d.value),
        title: text(p.title.as_ref()).unwrap_or_default(),
        url: text(p.url.as_ref()),
    })?;
    let owners = Campaign::owners_of(&participants);
    Some(Campaign {
        id,
        title: text(raw.title.as_ref()).unwrap_or_default(),
        illustrative: raw.illustrative.as_ref().is_none_or(|b| b.value),
        illustrative_note: text(raw.illustrative_note.as_ref()),
        closed: raw.closed.as_ref().is_some_and(|b| b.value),
        receipts_only: raw.receipts_only.as_ref().is_some_and(|b| b.value),
        criteria,
        cutoff,
        time_zone,
        time_zone_name: tz_name,
        deadline_local,
        deadline,
        letter,
        plan,
        participants,
        extensions,
        tasks,
        receipts,
        pages,
        path: Arc::clone(&dir.path),
        owners,
    })
}

/// A local time in `tz` as an instant; in a gap or fold the earlier instant.
pub fn to_timestamp(local: DateTime, tz: &TimeZone) -> Option<Timestamp> {
    tz.to_timestamp(local).ok()
}

fn unknown_criteria_set(s: &Sp<String>, content: &Content) -> Diagnostic {
    let known: Vec<&str> = content.criteria_sets.keys().map(String::as_str).collect();
    Diagnostic::new(
        Code::E082,
        s.span.clone(),
        tr!(
            "không có bộ tiêu chí {} trong content/criteria/",
            "no criteria set {} in content/criteria/",
            quote(&s.value)
        ),
    )
    .hint(tr!(
        "Các bộ tiêu chí hiện có: {}.",
        "The criteria sets present: {}.",
        known.join(", ")
    ))
}

/// E078: the deadline must come after the data cut-off.
fn rule_deadline_after_cutoff(
    cutoff: &Sp<jiff::civil::Date>,
    deadline: &Sp<DateTime>,
    diags: &mut Diagnostics,
) {
    if deadline.value.date() > cutoff.value {
        return;
    }
    diags.push(
        Diagnostic::new(
            Code::E078,
            deadline.span.clone(),
            tr!(
                "hạn gửi {} không sau ngày chốt số liệu {}",
                "the deadline {} is not after the data cut-off {}",
                deadline.value,
                cutoff.value
            ),
        )
        .related(
            cutoff.span.clone(),
            tr!("ngày chốt số liệu", "the data cut-off"),
        )
        .hint(tr!(
            "Đơn vị cần thời gian sau ngày chốt số liệu để tổng hợp: kiểm tra lại hai ngày này với công văn.",
            "Units need time after the cut-off to report: check both dates against the letter."
        )),
    );
}

fn resolve_participants(
    raw: &raw::campaign::Campaign,
    criteria: Option<&CriteriaSet>,
    content: &Content,
    diags: &mut Diagnostics,
) -> Vec<Participant> {
    // Appendices by id, first declaration wins.
    let mut appendices: BTreeMap<&str, &raw::campaign::Appendix> = BTreeMap::new();
    for a in &raw.appendices {
        check_code(&a.id, diags);
        if let Some(first) = appendices.get(a.id.as_str()) {
            diags.push(duplicate(&a.id.span, &a.id.value, &first.id.span));
        } else {
            appendices.insert(&a.id.value, a);
        }
    }
    let mut out: Vec<Participant> = Vec::new();
    let mut by_appendix: BTreeMap<&str, &raw::campaign::Participant> = BTreeMap::new();
    for p in &raw.participants {
        let Some(unit) = content.unit(&p.unit.value) else {
            diags.push(unknown_unit(&p.unit, &content.units));
            continue;
        };
        if let Some(first) = out.iter().find(|q| q.unit == p.unit.value) {
            diags.push(rule_participant_twice(p, &first.span));
            continue;
        }
        rule_unit_still_exists(unit, p, raw, diags);
        if let Some(first) = by_appendix.get(p.appendix.as_str()) {
            diags.push(rule_appendix_twice(p, first));
        } else {
            by_appendix.insert(&p.appendix.value, p);
        }
        let rows = match appendices.get(p.appendix.as_str()) {
            Some(a) => criteria
                .map(|set| appendix_rows(a, set, diags))
                .unwrap_or_default(),
            None => {
                diags.push(unknown_appendix(&p.appendix, &appendices));
                Vec::new()
            }
        };
        out.push(Participant {
            unit: p.unit.value.clone(),
            appendix: p.appendix.value.clone(),
            rows,
            span: p.unit.span.clone(),
        });
    }
    for (id, a) in &appendices {
        if !by_appendix.contains_key(id) {
            diags.push(
                Diagnostic::new(
                    Code::W081,
                    a.id.span.clone(),
                    tr!(
                        "phụ lục {} không giao cho đơn vị nào",
                        "appendix {} is given to no unit",
                        quote(id)
                    ),
                )
                .hint(tr!(
                    "Thêm một [[participant]] với appendix = {} hoặc xoá phụ lục này.",
                    "Add a [[participant]] with appendix = {} or remove this appendix.",
                    quote(id)
                )),
            );
        }
    }
    if let Some(set) = criteria {
        let unique: Vec<&raw::campaign::Appendix> = appendices.values().copied().collect();
        rule_rows_assigned_once(&unique, set, &by_appendix, diags);
    }
    out
}

/// E087: a unit takes part once.
fn rule_participant_twice(p: &raw::campaign::Participant, first: &Span) -> Diagnostic {
    Diagnostic::new(
        Code::E087,
        p.unit.span.clone(),
        tr!(
            "đơn vị {} được khai báo tham gia hai lần",
            "unit {} is listed twice as taking part",
            quote(&p.unit.value)
        ),
    )
    .related(first.clone(), tr!("lần đầu ở đây", "first listed here"))
    .hint(tr!(
        "Mỗi đơn vị tham gia một lần với một phụ lục; xoá [[participant]] thừa.",
        "Each unit takes part once with one appendix; remove the extra [[participant]]."
    ))
}

/// W088: a unit that had ceased to exist by the cut-off cannot report.
fn rule_unit_still_exists(
    unit: &Unit,
    p: &raw::campaign::Participant,
    raw: &raw::campaign::Campaign,
    diags: &mut Diagnostics,
) {
    let (Some(until), Some(cutoff)) = (unit.until, raw.cutoff.as_ref()) else {
        return;
    };
    if until >= cutoff.value {
        return;
    }
    let successor = unit.successor.clone().unwrap_or_default();
    diags.push(
        Diagnostic::new(
            Code::W088,
            p.unit.span.clone(),
            tr!(
                "đơn vị {} chỉ tồn tại đến {}, trước ngày chốt số liệu",
                "unit {} existed only until {}, before the cut-off",
                quote(&unit.id),
                until
            ),
        )
        .hint(if successor.is_empty() {
            tr!(
                "Kiểm tra lại danh sách đơn vị tham gia đợt này.",
                "Check the list of units taking part in this campaign."
            )
        } else {
            tr!(
                "Có lẽ nên giao cho đơn vị kế thừa {}.",
                "Perhaps the successor {} should take part instead.",
                quote(&successor)
            )
        }),
    );
}

/// E074: the letter's slip — one appendix given to two units.
fn rule_appendix_twice(
    p: &raw::campaign::Participant,
    first: &raw::campaign::Participant,
) -> Diagnostic {
    Diagnostic::new(
        Code::E074,
        p.appendix.span.clone(),
        tr!(
            "phụ lục {} đã giao cho {}, nay lại giao cho {}",
            "appendix {} is already given to {} and again to {}",
            quote(&p.appendix.value),
            quote(&first.unit.value),
            quote(&p.unit.value)
        ),
    )
    .related(
        first.appendix.span.clone(),
        tr!("giao lần đầu ở đây", "first given here"),
    )
    .hint(tr!(
        "Mỗi phụ lục thuộc một đơn vị. Nếu công văn gõ nhầm số phụ lục, ghi số đúng và chú thích lý do bằng dấu #.",
        "Each appendix belongs to one unit. If the letter mistyped the number, use the right one and explain in a # comment."
    ))
}

/// E080: a participant names an appendix that is not declared.
fn unknown_appendix(
    id: &Sp<String>,
    appendices: &BTreeMap<&str, &raw::campaign::Appendix>,
) -> Diagnostic {
    let known: Vec<&str> = appendices.keys().copied().collect();
    Diagnostic::new(
        Code::E080,
        id.span.clone(),
        tr!(
            "không có phụ lục {} trong campaign.toml",
            "no appendix {} in campaign.toml",
            quote(&id.value)
        ),
    )
    .hint(tr!(
        "Khai báo [[appendix]] id = {} với các tiêu chí của nó. Các phụ lục hiện có: {}.",
        "Declare [[appendix]] id = {} with its rows. The appendices present: {}.",
        quote(&id.value),
        known.join(", ")
    ))
}

/// Resolves an appendix's row ids; E079 for ids that cannot be scored.
fn appendix_rows(
    a: &raw::campaign::Appendix,
    set: &CriteriaSet,
    diags: &mut Diagnostics,
) -> Vec<usize> {
    let mut out = Vec::new();
    for id in &a.rows {
        let problem = match set.row(&id.value) {
            None => tr!(
                "không có tiêu chí {} trong bộ tiêu chí {}",
                "there is no row {} in criteria set {}",
                quote(&id.value),
                set.id.clone()
            ),
            Some((_, r)) if r.level == Level::Area => tr!(
                "{} là một lĩnh vực; phụ lục liệt kê các tiêu chí được chấm",
                "{} is an area; an appendix lists scored rows",
                quote(&id.value)
            ),
            Some((_, r)) if !r.children.is_empty() => tr!(
                "tiêu chí {} có tiêu chí thành phần; phụ lục liệt kê các tiêu chí thành phần",
                "criterion {} has sub-criteria; the appendix lists those",
                quote(&id.value)
            ),
            Some((_, r)) if !r.is_self_assessed() => tr!(
                "tiêu chí {} lấy điểm từ điều tra hoặc chỉ tiêu, không do đơn vị tự chấm",
                "row {} is scored by a survey or indicator, not by units",
                quote(&id.value)
            ),
            Some((i, _)) => {
                out.push(i);
                continue;
            }
        };
        diags.push(
            Diagnostic::new(Code::E079, id.span.clone(), problem).hint(tr!(
                "Phụ lục chỉ gồm mã các tiêu chí tự đánh giá được chấm điểm trực tiếp (tiêu chí không có tiêu chí thành phần, hoặc tiêu chí thành phần).",
                "An appendix lists only self-assessed rows that take a score (criteria without sub-criteria, or sub-criteria)."
            )),
        );
    }
    out
}

/// E075 and E076: every self-assessed scored row is in exactly one appendix
/// that a unit scores.
fn rule_rows_assigned_once(
    appendices: &[&raw::campaign::Appendix],
    set: &CriteriaSet,
    used: &BTreeMap<&str, &raw::campaign::Participant>,
    diags: &mut Diagnostics,
) {
    // Where each row is listed, across appendices given to a unit.
    let mut listed: BTreeMap<usize, Vec<&Sp<String>>> = BTreeMap::new();
    for a in appendices
        .iter()
        .filter(|a| used.contains_key(a.id.as_str()))
    {
        let mut in_this: BTreeSet<usize> = BTreeSet::new();
        for id in &a.rows {
            if let Some((i, r)) = set.row(&id.value)
                && r.is_scored()
                && r.is_self_assessed()
                && in_this.insert(i)
            {
                listed.entry(i).or_default().push(id);
            }
        }
    }
    // An appendix given to two units makes its rows doubly scored too; E074
    // already says so, so only rows listed by two appendices count here.
    for (i, places) in &listed {
        if let [first, second, ..] = places.as_slice() {
            let id = set.rows.get(*i).map(|r| r.id.clone()).unwrap_or_default();
            diags.push(
                Diagnostic::new(
                    Code::E076,
                    second.span.clone(),
                    tr!(
                        "tiêu chí {} đã có trong một phụ lục khác",
                        "row {} is already in another appendix",
                        quote(&id)
                    ),
                )
                .related(first.span.clone(), tr!("đã giao ở đây", "assigned here"))
                .hint(tr!(
                    "Mỗi tiêu chí do đúng một đơn vị chấm: xoá mã này khỏi một trong hai phụ lục.",
                    "Each row is scored by exactly one unit: remove it from one of the two appendices."
                )),
            );
        }
    }
    for (i, r) in set.rows.iter().enumerate() {
        if r.is_scored() && r.is_self_assessed() && !listed.contains_key(&i) {
            diags.push(
                Diagnostic::new(
                    Code::E075,
                    Span::new(&set.path, r.span.range.clone()),
                    tr!(
                        "tiêu chí tự đánh giá {} chưa thuộc phụ lục nào được giao cho đơn vị",
                        "self-assessed row {} is in no appendix given to a unit",
                        quote(&r.id)
                    ),
                )
                .hint(tr!(
                    "Thêm mã này vào rows của phụ lục của đơn vị phụ trách lĩnh vực đó trong campaign.toml; nếu không đơn vị nào chấm, đặt source = \"survey\" hoặc \"indicator\".",
                    "Add it to the rows of the responsible unit's appendix in campaign.toml; if no unit scores it, set source = \"survey\" or \"indicator\"."
                )),
            );
        }
    }
}

/// E077 and E023: a unit referenced by an extension or a receipt must
/// exist and take part in the campaign. Returns whether it does.
fn rule_participant_ref(
    unit: &Sp<String>,
    content: &Content,
    participants: &[Participant],
    diags: &mut Diagnostics,
) -> bool {
    if content.unit(&unit.value).is_none() {
        diags.push(unknown_unit(unit, &content.units));
        return false;
    }
    if participants.iter().any(|p| p.unit == unit.value) {
        return true;
    }
    diags.push(
        Diagnostic::new(
            Code::E023,
            unit.span.clone(),
            tr!(
                "đơn vị {} không tham gia đợt này",
                "unit {} does not take part in this campaign",
                quote(&unit.value)
            ),
        )
        .hint(tr!(
            "Chỉ đơn vị có [[participant]] trong campaign.toml mới được gia hạn hay ghi nhận báo cáo; kiểm tra lại mã đơn vị.",
            "Only units with a [[participant]] in campaign.toml get extensions or receipts; check the unit id."
        )),
    );
    false
}

fn resolve_extensions(
    raw: &raw::campaign::Campaign,
    tz: Option<&TimeZone>,
    deadline: Option<(DateTime, Timestamp)>,
    content: &Content,
    participants: &[Participant],
    diags: &mut Diagnostics,
) -> Vec<Extension> {
    let mut out: Vec<Extension> = Vec::new();
    for e in &raw.extensions {
        if !rule_participant_ref(&e.unit, content, participants, diags) {
            continue;
        }
        if let Some(first) = out.iter().find(|x| x.unit == e.unit.value) {
            diags.push(
                Diagnostic::new(
                    Code::E070,
                    e.unit.span.clone(),
                    tr!(
                        "đơn vị {} được gia hạn hai lần",
                        "unit {} is given two extensions",
                        quote(&e.unit.value)
                    ),
                )
                .related(first.span.clone(), tr!("lần gia hạn được áp dụng", "the extension that applies"))
                .hint(tr!(
                    "Mỗi đơn vị có tối đa một gia hạn; lần đầu được áp dụng. Sửa hạn trong khối đầu và xoá khối thừa.",
                    "A unit has at most one extension; the first applies. Change the date in the first block and remove the other."
                )),
            );
            continue;
        }
        if let Some((d, _)) = deadline
            && e.deadline.value <= d
        {
            diags.push(
                    Diagnostic::new(
                        Code::W086,
                        e.deadline.span.clone(),
                        tr!(
                            "hạn gia hạn {} không muộn hơn hạn chung {}",
                            "the extended deadline {} is not later than the campaign's {}",
                            e.deadline.value,
                            d
                        ),
                    )
                    .hint(tr!(
                        "Gia hạn phải cho hạn muộn hơn; kiểm tra lại ngày trong văn bản cho phép gia hạn.",
                        "An extension must give a later deadline; check the date in the document granting it."
                    )),
                );
        }
        let Some(ts) = tz.and_then(|z| to_timestamp(e.deadline.value, z)) else {
            continue;
        };
        out.push(Extension {
            unit: e.unit.value.clone(),
            deadline_local: e.deadline.value,
            deadline: ts,
            reason: text(e.reason.as_ref()).unwrap_or_default(),
            document: text(e.document.as_ref()),
            span: e.unit.span.clone(),
        });
    }
    out
}

fn resolve_tasks(
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

fn resolve_receipts(
    raw: &[raw::campaign::Receipt],
    tz: Option<&TimeZone>,
    content: &Content,
    participants: &[Participant],
    diags: &mut Diagnostics,
) -> Vec<Receipt> {
    let mut out = Vec::new();
    for r in raw {
        if !rule_participant_ref(&r.unit, content, participants, diags) {
            continue;
        }
        let Some(ts) = tz.and_then(|z| to_timestamp(r.received.value, z)) else {
            continue;
        };
        out.push(Receipt {
            unit: r.unit.value.clone(),
            received_local: r.received.value,
            received: ts,
            channel: match r.channel.value {
                "email" => Channel::Email,
                "pull_request" => Channel::PullRequest,
                _ => Channel::Paper,
            },
            pull_request: r
                .pull_request
                .as_ref()
                .and_then(|n| u64::try_from(n.value).ok()),
            register_number: text(r.register_number.as_ref()),
            document: text(r.document.as_ref()),
            note: text(r.note.as_ref()),
        });
    }
    out
}

fn resolve_pages(raw: &[RawPage]) -> Vec<Page> {
    let mut pages: Vec<Page> = raw
        .iter()
        .filter_map(|p| {
            let front = p.front.as_ref()?;
            Some(Page {
                slug: p.slug.clone(),
                title: text(front.title.as_ref()).unwrap_or_else(|| p.slug.clone()),
                weight: front.weight.as_ref().map_or(0, |w| w.value),
                markdown: p.markdown.clone(),
                path: Arc::clone(&p.path),
            })
        })
        .collect();
    pages.sort_by(|a, b| (a.weight, &a.slug).cmp(&(b.weight, &b.slug)));
    pages
}
