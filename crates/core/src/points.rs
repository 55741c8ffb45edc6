//! Points as exact thousandths, so that sums and steps never drift the way
//! floating point does (0.1 + 0.2 ≠ 0.3).

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, Sub};

use crate::text::{Lang, Localized};

/// A number of points, stored in thousandths of a point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Points(i64);

/// The largest magnitude accepted, far above any real maximum.
const LIMIT: f64 = 1e12;

impl Points {
    /// No points.
    pub const ZERO: Points = Points(0);
    /// One point.
    pub const ONE: Points = Points(1000);

    /// Points from a count of thousandths.
    pub const fn from_milli(milli: i64) -> Self {
        Points(milli)
    }

    /// The count of thousandths of a point.
    pub fn milli(self) -> i64 {
        self.0
    }

    /// Converts a finite number that is an exact multiple of 0.001; anything
    /// else (NaN, infinities, 1e400, 0.0001) is `None`.
    pub fn from_f64(x: f64) -> Option<Self> {
        if !x.is_finite() || x.abs() > LIMIT {
            return None;
        }
        let scaled = x * 1000.0;
        let rounded = scaled.round();
        if (scaled - rounded).abs() > 1e-6 {
            return None;
        }
        #[expect(clippy::cast_possible_truncation, reason = "bounded by LIMIT above")]
        Some(Points(rounded as i64))
    }

    /// The points as a number (thousandths divided by 1000).
    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 1000.0
    }

    /// Whether `self` is a whole multiple of `step` (a zero step accepts all).
    pub fn is_multiple_of(self, step: Points) -> bool {
        step.0 == 0 || self.0 % step.0 == 0
    }

    /// The plain decimal form, without trailing zeros: "1.5", "0.25", "10".
    fn ascii(self) -> String {
        self.written(b'.')
    }

    /// The decimal form with `point` between the whole and the fraction.
    /// Built digit by digit: every score on every page is written through
    /// here, and `format!` costs several times as much.
    fn written(self, point: u8) -> String {
        let abs = self.0.unsigned_abs();
        let (mut whole, frac) = (abs / 1000, abs % 1000);
        // Sign, up to 20 digits, the point and three decimals, backwards.
        let mut buf = [0u8; 25];
        let mut at = buf.len();
        let mut put = |b: u8| {
            at -= 1;
            if let Some(slot) = buf.get_mut(at) {
                *slot = b;
            }
        };
        if frac != 0 {
            // The thousandths without their trailing zeros, last digit first.
            let (mut digits, mut count) = (frac, 3);
            while digits % 10 == 0 {
                digits /= 10;
                count -= 1;
            }
            for _ in 0..count {
                put(b'0' + (digits % 10).to_le_bytes()[0]);
                digits /= 10;
            }
            put(point);
        }
        loop {
            put(b'0' + (whole % 10).to_le_bytes()[0]);
            whole /= 10;
            if whole == 0 {
                break;
            }
        }
        if self.0 < 0 {
            put(b'-');
        }
        buf.get(at..)
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .unwrap_or_default()
    }
}

impl fmt::Display for Points {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.ascii())
    }
}

impl Localized for Points {
    fn in_lang(&self, lang: Lang) -> String {
        self.written(lang.decimal_separator())
    }
}

impl Add for Points {
    type Output = Points;
    fn add(self, rhs: Points) -> Points {
        Points(self.0.saturating_add(rhs.0))
    }
}

impl Sub for Points {
    type Output = Points;
    fn sub(self, rhs: Points) -> Points {
        Points(self.0.saturating_sub(rhs.0))
    }
}

impl std::ops::AddAssign for Points {
    fn add_assign(&mut self, rhs: Points) {
        *self = *self + rhs;
    }
}

impl Sum for Points {
    fn sum<I: Iterator<Item = Points>>(iter: I) -> Points {
        iter.fold(Points::ZERO, Add::add)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_thousandths() {
        let p = |x| Points::from_f64(x).unwrap();
        assert_eq!(p(0.1) + p(0.2), p(0.3));
        assert_eq!(p(1.5).to_string(), "1.5");
        assert_eq!(p(0.25).in_lang(Lang::Vi), "0,25");
        assert_eq!(p(-0.5).to_string(), "-0.5");
        assert_eq!(p(10.0).to_string(), "10");
        assert!(p(0.75).is_multiple_of(p(0.25)));
        assert!(!p(0.3).is_multiple_of(p(0.25)));
    }

    #[test]
    fn written_forms_agree_with_the_decimal_definition() {
        let reference = |m: i64| {
            let sign = if m < 0 { "-" } else { "" };
            let (whole, frac) = (m.unsigned_abs() / 1000, m.unsigned_abs() % 1000);
            if frac == 0 {
                format!("{sign}{whole}")
            } else {
                format!(
                    "{sign}{whole}.{}",
                    format!("{frac:03}").trim_end_matches('0')
                )
            }
        };
        let cases = (-2_500..2_500).chain([
            i64::MAX,
            i64::MIN,
            i64::MIN + 1,
            1_000_000_000_000_000,
            123_456_789_010,
        ]);
        for m in cases {
            let p = Points::from_milli(m);
            assert_eq!(p.to_string(), reference(m), "{m}");
            assert_eq!(p.in_lang(Lang::Vi), reference(m).replace('.', ","), "{m}");
            assert_eq!(p.in_lang(Lang::En), reference(m), "{m}");
        }
    }

    #[test]
    fn rejects_what_is_not_a_number_of_points() {
        assert_eq!(Points::from_f64(f64::NAN), None);
        assert_eq!(Points::from_f64(f64::INFINITY), None);
        assert_eq!(Points::from_f64("1e400".parse().unwrap()), None);
        assert_eq!(Points::from_f64(1e13), None);
        assert_eq!(Points::from_f64(0.0001), None);
    }
}
