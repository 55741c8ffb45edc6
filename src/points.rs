//! Points as exact thousandths, so that sums and steps never drift the way
//! floating point does (0.1 + 0.2 ≠ 0.3).

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, Sub};

use crate::text::{Lang, Localized, format_decimal};

/// A number of points, stored in thousandths of a point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Points(i64);

/// The largest magnitude accepted, far above any real maximum.
const LIMIT: f64 = 1e12;

impl Points {
    pub const ZERO: Points = Points(0);

    pub const fn from_milli(milli: i64) -> Self {
        Points(milli)
    }

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

    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 1000.0
    }

    /// Whether `self` is a whole multiple of `step` (a zero step accepts all).
    pub fn is_multiple_of(self, step: Points) -> bool {
        step.0 == 0 || self.0 % step.0 == 0
    }

    /// The plain decimal form, without trailing zeros: "1.5", "0.25", "10".
    fn ascii(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let (whole, frac) = (abs / 1000, abs % 1000);
        if frac == 0 {
            format!("{sign}{whole}")
        } else {
            let frac = format!("{frac:03}");
            format!("{sign}{whole}.{}", frac.trim_end_matches('0'))
        }
    }
}

impl fmt::Display for Points {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.ascii())
    }
}

impl Localized for Points {
    fn in_lang(&self, lang: Lang) -> String {
        format_decimal(&self.ascii(), lang)
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
    fn rejects_what_is_not_a_number_of_points() {
        assert_eq!(Points::from_f64(f64::NAN), None);
        assert_eq!(Points::from_f64(f64::INFINITY), None);
        assert_eq!(Points::from_f64("1e400".parse().unwrap()), None);
        assert_eq!(Points::from_f64(1e13), None);
        assert_eq!(Points::from_f64(0.0001), None);
    }
}
