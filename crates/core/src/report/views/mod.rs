//! The report's values as templates, `status` and `export` read them: every
//! number also given as text formatted for Vietnamese readers.

use jiff::Timestamp;
use serde::Serialize;

use crate::points::Points;
use crate::text::{Deadline, Lang, Localized, ZoneName};

mod campaign;
mod task;
mod unit;

pub use campaign::*;
pub use task::*;
pub use unit::*;

/// Points as templates and exports read them: the number and its
/// Vietnamese text.
#[derive(Debug, Clone, Serialize)]
pub struct PointsView {
    /// The points as a number, e.g. `45.5` (exact to the thousandth).
    pub value: f64,
    /// The points as Vietnamese write them: decimal comma, no trailing zeros,
    /// e.g. "45,5".
    pub text: String,
}

impl From<Points> for PointsView {
    fn from(p: Points) -> Self {
        PointsView {
            value: p.as_f64(),
            text: p.in_lang(Lang::Vi),
        }
    }
}

/// A score as a percentage of its maximum, with the ranking band it falls in.
#[derive(Debug, Clone, Serialize)]
pub struct Percent {
    /// 0–100, one decimal.
    pub value: f64,
    /// The percentage as Vietnamese write it, with the sign, e.g. "87,5%".
    pub text: String,
    /// The ranking band's index (0 best) and label, by the set's bands.
    pub band: usize,
    /// The band's label, e.g. "Khá"; empty when the set defines no bands.
    pub band_label: String,
    /// The maximum it is taken of, as text ("0,25").
    pub of: String,
    /// That maximum is under one point: a single small criterion makes
    /// 0% or 100%, so pages show it muted, with its maximum, not in a
    /// band's colour.
    pub small_base: bool,
}

/// A moment as readers and as machines see it.
#[derive(Debug, Clone, Serialize)]
pub struct TimeView {
    /// Local time in the campaign's time zone, as Vietnamese write it.
    /// E.g. "10:15 ngày 12/9/2023" (no seconds).
    pub text: String,
    /// RFC 3339, for `<time datetime>` and machines.
    pub iso: String,
}

pub(super) fn time_view(t: Timestamp, tz: &jiff::tz::TimeZone) -> TimeView {
    let local = tz.to_datetime(t);
    TimeView {
        text: local.in_lang(Lang::Vi),
        iso: rfc3339(t, tz),
    }
}

/// RFC 3339 with the zone's offset ("2023-09-15T00:00:00+07:00"): what
/// `<time datetime>`, JSON readers and `date -d` accept.
pub fn rfc3339(t: Timestamp, tz: &jiff::tz::TimeZone) -> String {
    t.to_zoned_datetime(tz.clone())
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

pub(super) fn percent(score: Points, max: Points, bands: &[BandView]) -> Option<Percent> {
    if max == Points::ZERO {
        return None;
    }
    let value = (score.milli() as f64 * 1000.0 / max.milli() as f64).round() / 10.0;
    let band = bands
        .iter()
        .position(|b| value >= b.min_percent)
        .unwrap_or(bands.len().saturating_sub(1));
    Some(Percent {
        value,
        text: format!("{}%", value.in_lang(Lang::Vi)),
        band,
        band_label: bands.get(band).map(|b| b.label.clone()).unwrap_or_default(),
        of: max.in_lang(Lang::Vi),
        small_base: max < Points::ONE,
    })
}

/// A deadline as the site says it: "hết ngày 14/9/2023 (giờ Việt Nam)" for
/// one at midnight, else "trước 17:00 ngày 14/9/2023 (giờ Việt Nam)".
pub(super) fn deadline_text(local: jiff::civil::DateTime, tz: &str) -> String {
    format!(
        "{} ({})",
        Deadline(local).in_lang(Lang::Vi),
        ZoneName(tz).in_lang(Lang::Vi)
    )
}
