//! User-facing text: the two languages, a message carried in both, and the
//! number and date formats each language expects.

use std::fmt;

use unicode_normalization::{UnicodeNormalization, is_nfc_quick};

/// The language of messages. Vietnamese is the first language of every user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Vietnamese.
    #[default]
    Vi,
    /// English.
    En,
}

/// A text in both languages. Diagnostics carry both so that the choice of
/// language is made once, at rendering, and the core stays language-free.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    /// The Vietnamese text.
    pub vi: String,
    /// The English text.
    pub en: String,
}

impl Text {
    /// A text from its Vietnamese and English words.
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            vi: vi.into(),
            en: en.into(),
        }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }

    /// The same words in both languages: a path, a system's own message.
    pub fn same(s: impl Into<String>) -> Self {
        let s = s.into();
        Text {
            vi: s.clone(),
            en: s,
        }
    }

    /// `prefix: self`, as an error names what it is about.
    #[must_use]
    pub fn about(self, prefix: &str) -> Self {
        Text {
            vi: format!("{prefix}: {}", self.vi),
            en: format!("{prefix}: {}", self.en),
        }
    }
}

/// A static text in both languages, for tables known at compile time.
#[derive(Debug, Clone, Copy)]
pub struct StaticText {
    /// The Vietnamese text.
    pub vi: &'static str,
    /// The English text.
    pub en: &'static str,
}

impl StaticText {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => self.vi,
            Lang::En => self.en,
        }
    }
}

/// Builds a [`Text`] from two format strings sharing the same arguments.
/// Arguments that must look different in each language (numbers, dates) are
/// given as [`Localized`] values: `{}` prints them in the right language.
#[macro_export]
macro_rules! tr {
    ($vi:literal, $en:literal $(, $arg:expr)* $(,)?) => {
        $crate::text::Text {
            vi: format!($vi $(, $crate::text::Localized::in_lang(&$arg, $crate::text::Lang::Vi))*),
            en: format!($en $(, $crate::text::Localized::in_lang(&$arg, $crate::text::Lang::En))*),
        }
    };
}

/// A value that prints differently in each language.
pub trait Localized {
    /// The value as written in `lang`.
    fn in_lang(&self, lang: Lang) -> String;
}

impl Localized for str {
    fn in_lang(&self, _: Lang) -> String {
        self.to_owned()
    }
}
impl Localized for String {
    fn in_lang(&self, _: Lang) -> String {
        self.clone()
    }
}
impl<T: Localized + ?Sized> Localized for &T {
    fn in_lang(&self, lang: Lang) -> String {
        (**self).in_lang(lang)
    }
}
impl Localized for usize {
    fn in_lang(&self, _: Lang) -> String {
        self.to_string()
    }
}
impl Localized for u64 {
    fn in_lang(&self, _: Lang) -> String {
        self.to_string()
    }
}
impl Localized for i64 {
    fn in_lang(&self, _: Lang) -> String {
        self.to_string()
    }
}
impl Localized for f64 {
    fn in_lang(&self, lang: Lang) -> String {
        format_decimal(&trim_float(*self), lang)
    }
}
impl Localized for Text {
    fn in_lang(&self, lang: Lang) -> String {
        self.get(lang).to_owned()
    }
}
impl Localized for StaticText {
    fn in_lang(&self, lang: Lang) -> String {
        self.get(lang).to_owned()
    }
}

/// Prints a float without trailing zeros; non-finite values as TOML spells them.
fn trim_float(x: f64) -> String {
    if x.is_nan() {
        "nan".to_owned()
    } else if x.is_infinite() {
        if x > 0.0 { "inf" } else { "-inf" }.to_owned()
    } else if x.abs() >= 1e15 || (x != 0.0 && x.abs() < 1e-6) {
        format!("{x:e}")
    } else {
        let s = format!("{x:.6}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        if s == "-0" {
            "0".to_owned()
        } else {
            s.to_owned()
        }
    }
}

impl Lang {
    /// Vietnamese writes the decimal separator as a comma ("1,5 điểm").
    pub fn decimal_separator(self) -> u8 {
        match self {
            Lang::Vi => b',',
            Lang::En => b'.',
        }
    }
}

/// A number written with a decimal point, in the language's form.
pub fn format_decimal(ascii: &str, lang: Lang) -> String {
    ascii.replace('.', &char::from(lang.decimal_separator()).to_string())
}

/// A calendar date printed as users of each language write it.
impl Localized for jiff::civil::Date {
    fn in_lang(&self, lang: Lang) -> String {
        match lang {
            Lang::Vi => format!("{}/{}/{}", self.day(), self.month(), self.year()),
            Lang::En => self.to_string(),
        }
    }
}

/// A deadline as people say it: reports must arrive strictly before it, so
/// one at midnight is "the end of" the day before ("hết ngày 24/11/2026"),
/// any other "before 17:00 on …".
#[derive(Debug, Clone, Copy)]
pub struct Deadline(pub jiff::civil::DateTime);

impl Localized for Deadline {
    fn in_lang(&self, lang: Lang) -> String {
        let t = self.0;
        if t.time() == jiff::civil::Time::midnight()
            && let Ok(day) = t.date().yesterday()
        {
            return match lang {
                Lang::Vi => format!("hết ngày {}", day.in_lang(lang)),
                Lang::En => format!("the end of {}", day.in_lang(lang)),
            };
        }
        match lang {
            Lang::Vi => format!("trước {}", t.in_lang(lang)),
            Lang::En => format!("before {}", t.in_lang(lang)),
        }
    }
}

/// A time zone as people name it: "giờ Việt Nam" / "Vietnam time" for the
/// zones that keep Vietnam's time, else "giờ `<zone>`" / "`<zone>` time".
///
/// Vietnam's zone is `Asia/Ho_Chi_Minh`, and `Asia/Saigon` its old name
/// (an alias in the IANA database). `Asia/Bangkok` is the zone systems
/// choose for "(UTC+07:00) Bangkok, Hanoi, Jakarta" (Windows' "SE Asia
/// Standard Time" maps to it): UTC+7 all year since 1920, as Vietnam has
/// been since 1975, so every campaign's times in it are Vietnam's. Other
/// zones are named as written.
#[derive(Debug, Clone, Copy)]
pub struct ZoneName<'a>(pub &'a str);

impl ZoneName<'_> {
    /// Whether the zone keeps Vietnam's time (see the type).
    pub fn is_vietnam(self) -> bool {
        matches!(self.0, "Asia/Ho_Chi_Minh" | "Asia/Saigon" | "Asia/Bangkok")
    }
}

impl Localized for ZoneName<'_> {
    fn in_lang(&self, lang: Lang) -> String {
        match (lang, self.is_vietnam()) {
            (Lang::Vi, true) => "giờ Việt Nam".to_owned(),
            (Lang::En, true) => "Vietnam time".to_owned(),
            (Lang::Vi, false) => format!("giờ {}", self.0),
            (Lang::En, false) => format!("{} time", self.0),
        }
    }
}

/// A moment to the second, for what is compared with a deadline:
/// "00:00:01 ngày 25/11/2026".
#[derive(Debug, Clone, Copy)]
pub struct Moment(pub jiff::civil::DateTime);

impl Localized for Moment {
    fn in_lang(&self, lang: Lang) -> String {
        let t = self.0;
        match lang {
            Lang::Vi => format!(
                "{:02}:{:02}:{:02} ngày {}",
                t.hour(),
                t.minute(),
                t.second(),
                t.date().in_lang(lang)
            ),
            Lang::En => format!(
                "{} {:02}:{:02}:{:02}",
                t.date(),
                t.hour(),
                t.minute(),
                t.second()
            ),
        }
    }
}

/// A local date-time printed as users of each language write it.
impl Localized for jiff::civil::DateTime {
    fn in_lang(&self, lang: Lang) -> String {
        match lang {
            Lang::Vi => format!(
                "{:02}:{:02} ngày {}",
                self.hour(),
                self.minute(),
                self.date().in_lang(lang)
            ),
            Lang::En => format!("{} {:02}:{:02}", self.date(), self.hour(), self.minute()),
        }
    }
}

/// Normalises text to NFC, the form every comparison uses.
pub fn nfc(s: &str) -> String {
    if only_stable_letters(s) || is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes
    {
        s.to_owned()
    } else {
        s.nfc().collect()
    }
}

/// Whether `s` is already in NFC.
pub fn is_nfc(s: &str) -> bool {
    if only_stable_letters(s) {
        return true;
    }
    match is_nfc_quick(s.chars()) {
        unicode_normalization::IsNormalized::Yes => true,
        unicode_normalization::IsNormalized::No => false,
        unicode_normalization::IsNormalized::Maybe => s.nfc().eq(s.chars()),
    }
}

/// Whether every character of `s` is below U+0300 or a precomposed letter
/// of U+1E00–U+1EFF (Vietnamese: ạ ả ấ … ỹ). Each of those is a starter
/// that NFC keeps as it is and nothing composes onto, so such text is NFC
/// whatever its order: the common case, told from the bytes (two-byte
/// sequences led by C2–CB, three-byte ones by E1 B8–E1 BB) without the
/// table look-ups of the general check. The test `stable_letters_are_nfc`
/// checks the claim for every one of those characters.
fn only_stable_letters(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        i += match b {
            0..=0x7f => 1,
            0xc2..=0xcb => 2,
            0xe1 if matches!(bytes.get(i + 1), Some(0xb8..=0xbb)) => 3,
            _ => return false,
        };
    }
    true
}

/// Escapes text for HTML (and SVG) content and quoted attribute values:
/// `& < > " '`; control characters other than tab and line breaks, which
/// HTML does not allow, are dropped. `/` is left alone so dates and links
/// stay readable.
pub fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + input.len() / 8);
    escape_html_pieces(input, |piece| out.push_str(piece));
    out
}

/// [`escape_html`] written to `out`: the escape function of the templates.
pub fn write_escaped_html(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut result = Ok(());
    escape_html_pieces(input, |piece| {
        if result.is_ok() {
            result = out.write_all(piece.as_bytes());
        }
    });
    result
}

/// The escaped text as pieces, in order: runs of plain text are passed on
/// whole (every page goes through here). All that changes is ASCII, or a C1
/// control (U+0080–U+009F: the bytes C2 80–C2 9F), so the bytes are
/// scanned, not the characters.
fn escape_html_pieces(input: &str, mut emit: impl FnMut(&str)) {
    let bytes = input.as_bytes();
    let mut plain = 0;
    let mut i = 0;
    // Plain bytes are skipped by a table look-up each.
    let next = |from: usize| {
        let rest = bytes.get(from..)?;
        rest.iter()
            .position(|b| MAY_CHANGE.get(usize::from(*b)) == Some(&true))
            .map(|n| from + n)
    };
    while let Some(at) = next(i) {
        i = at;
        let Some(&b) = bytes.get(i) else { break };
        let (replacement, width) = match b {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&#39;", 1),
            0xc2 if bytes.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)) => ("", 2),
            // C2 leading a Latin-1 letter.
            0xc2 => {
                i += 1;
                continue;
            }
            // A control: `MAY_CHANGE` holds nothing else.
            _ => ("", 1),
        };
        emit(input.get(plain..i).unwrap_or_default());
        emit(replacement);
        i += width;
        plain = i;
    }
    emit(input.get(plain..).unwrap_or_default());
}

/// The bytes `escape_html_pieces` looks at: markup, controls other than tab
/// and line breaks, and C2 (which leads a C1 control or a Latin-1 letter).
/// (Indexing here is checked when compiling: it cannot fail at run time.)
#[allow(clippy::indexing_slicing)]
const MAY_CHANGE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = !matches!(b, 0x09 | 0x0a | 0x0d);
        b += 1;
    }
    t[b'&' as usize] = true;
    t[b'<' as usize] = true;
    t[b'>' as usize] = true;
    t[b'"' as usize] = true;
    t[b'\'' as usize] = true;
    t[0x7f] = true;
    t[0xc2] = true;
    t
};

/// Whether `c` is shown as an escape (`\u{202e}`) when text from a file is
/// printed: a control character, which could move a terminal's cursor or
/// forge lines in a CI log, or an invisible one that changes how the text
/// around it reads or matches (General Category Cf, "format": the
/// right-to-left override and the other bidi controls, zero-width spaces and
/// joiners, the byte order mark, the soft hyphen, tag characters; and the
/// line and paragraph separators).
pub fn is_hidden(c: char) -> bool {
    use unicode_general_category::{GeneralCategory, get_general_category};
    c.is_control()
        || !c.is_ascii()
            && matches!(
                get_general_category(c),
                GeneralCategory::Format
                    | GeneralCategory::LineSeparator
                    | GeneralCategory::ParagraphSeparator
            )
}

/// `c` written to `out`, as an escape if it is [hidden](is_hidden).
fn push_visible(out: &mut String, c: char) {
    if is_hidden(c) {
        out.extend(c.escape_default());
    } else {
        out.push(c);
    }
}

/// A name (a file path, say) made safe to print: control and format
/// characters are shown escaped (`\u{1b}`, `\u{202e}`), so that what a
/// reviewer reads is what the name holds.
pub fn visible(s: &str) -> String {
    if !s.chars().any(is_hidden) {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        push_visible(&mut out, c);
    }
    out
}

/// Quotes a user value for a message, shortening very long ones; hidden
/// characters are shown escaped, as by [`visible`].
pub fn quote(s: &str) -> String {
    const MAX: usize = 60;
    let mut out = String::from("\"");
    for (i, c) in s.chars().enumerate() {
        if i == MAX {
            out.push('…');
            break;
        }
        push_visible(&mut out, c);
    }
    out.push('"');
    out
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_html_escapes_markup_and_drops_controls_only() {
        // What the byte scan must agree with, character by character.
        let by_char = |s: &str| -> String {
            s.chars()
                .filter(|c| matches!(c, '\t' | '\n' | '\r') || !c.is_control())
                .map(|c| match c {
                    '&' => "&amp;".to_owned(),
                    '<' => "&lt;".to_owned(),
                    '>' => "&gt;".to_owned(),
                    '"' => "&quot;".to_owned(),
                    '\'' => "&#39;".to_owned(),
                    c => c.to_string(),
                })
                .collect()
        };
        for s in [
            "",
            "Sở Nội vụ",
            "<script>alert('x')</script> & \"q\"",
            "a\u{0}b\u{1b}[31mc\u{7f}d\te\nf\r",
            "C1: \u{80}\u{85}\u{9f} kept: \u{a0}\u{c2}\u{2028}",
            "Ệ<ệ>💡&",
            "&&&",
            "\u{9f}",
        ] {
            assert_eq!(escape_html(s), by_char(s), "{s:?}");
            let mut written = Vec::new();
            write_escaped_html(s, &mut written).unwrap();
            assert_eq!(String::from_utf8(written).unwrap(), by_char(s), "{s:?}");
        }
        assert_eq!(escape_html("<a href='x'>"), "&lt;a href=&#39;x&#39;&gt;");
        // Every character of the first two UTF-8 lengths, between letters.
        for c in (0..0x800).filter_map(char::from_u32) {
            let s = format!("a{c}ệ{c}");
            assert_eq!(escape_html(&s), by_char(&s), "{c:?}");
        }
    }

    #[test]
    fn numbers_use_the_language_decimal_separator() {
        assert_eq!(1.5_f64.in_lang(Lang::Vi), "1,5");
        assert_eq!(1.5_f64.in_lang(Lang::En), "1.5");
        assert_eq!(2.0_f64.in_lang(Lang::Vi), "2");
        assert_eq!(f64::NAN.in_lang(Lang::En), "nan");
        assert_eq!(1e300_f64.in_lang(Lang::En), "1e300");
        assert_eq!(f64::INFINITY.in_lang(Lang::Vi), "inf");
    }

    fn local(s: &str) -> jiff::civil::DateTime {
        s.parse().unwrap()
    }

    #[test]
    fn a_deadline_at_midnight_is_its_last_day_and_another_is_before_its_time() {
        // Reports must arrive strictly before the deadline: one at 00:00 on
        // the 15th leaves the whole of the 14th, and no more.
        for (at, vi, en) in [
            (
                "2023-09-15T00:00:00",
                "hết ngày 14/9/2023",
                "the end of 2023-09-14",
            ),
            // Across a year and a leap day.
            (
                "2024-01-01T00:00:00",
                "hết ngày 31/12/2023",
                "the end of 2023-12-31",
            ),
            (
                "2024-03-01T00:00:00",
                "hết ngày 29/2/2024",
                "the end of 2024-02-29",
            ),
            // Not at midnight: before that time.
            (
                "2023-09-14T17:00:00",
                "trước 17:00 ngày 14/9/2023",
                "before 2023-09-14 17:00",
            ),
            // A second past midnight is not midnight.
            (
                "2023-09-15T00:00:01",
                "trước 00:00 ngày 15/9/2023",
                "before 2023-09-15 00:00",
            ),
        ] {
            let d = Deadline(local(at));
            assert_eq!(d.in_lang(Lang::Vi), vi, "{at}");
            assert_eq!(d.in_lang(Lang::En), en, "{at}");
        }
        // The first day there is: no day before it to name.
        let first = Deadline(jiff::civil::DateTime::MIN);
        assert!(first.in_lang(Lang::Vi).starts_with("trước 00:00 ngày"));
    }

    #[test]
    fn vietnam_s_zones_are_named_for_people() {
        for z in ["Asia/Ho_Chi_Minh", "Asia/Saigon", "Asia/Bangkok"] {
            assert_eq!(ZoneName(z).in_lang(Lang::Vi), "giờ Việt Nam", "{z}");
            assert_eq!(ZoneName(z).in_lang(Lang::En), "Vietnam time", "{z}");
        }
        assert_eq!(ZoneName("Asia/Tokyo").in_lang(Lang::Vi), "giờ Asia/Tokyo");
        assert_eq!(ZoneName("Asia/Tokyo").in_lang(Lang::En), "Asia/Tokyo time");
        // Jakarta keeps UTC+7 too, but is not Vietnam's: named as written.
        assert_eq!(
            ZoneName("Asia/Jakarta").in_lang(Lang::Vi),
            "giờ Asia/Jakarta"
        );
    }

    #[test]
    fn tr_formats_each_language() {
        let t = tr!("{} điểm", "{} points", 0.25_f64);
        assert_eq!(t.vi, "0,25 điểm");
        assert_eq!(t.en, "0.25 points");
    }

    #[test]
    fn stable_letters_are_nfc() {
        use unicode_normalization::char::canonical_combining_class;
        let stable = (0..0x300).chain(0x1e00..0x1f00).filter_map(char::from_u32);
        for c in stable {
            assert!(only_stable_letters(c.encode_utf8(&mut [0; 4])), "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert_eq!(
                is_nfc_quick(std::iter::once(c)),
                unicode_normalization::IsNormalized::Yes,
                "{c:?}"
            );
        }
        for c in [
            '\u{300}', '\u{1f00}', '\u{2126}', '\u{1100}', '\u{ac00}', '\u{1fad}',
        ] {
            assert!(!only_stable_letters(c.encode_utf8(&mut [0; 4])), "{c:?}");
        }
        // Decomposed Vietnamese is not NFC and must take the full path.
        assert!(!is_nfc("Vie\u{323}\u{302}t"));
        assert!(is_nfc("Việt Nam — “tiếng” ỹ"));
        assert_eq!(nfc("Vie\u{323}\u{302}t"), "Việt");
    }

    #[test]
    fn nfc_composes_decomposed_vietnamese() {
        let decomposed = "Nô\u{323}i vu\u{323}";
        assert!(!is_nfc(decomposed));
        assert_eq!(nfc(decomposed), "Nội vụ");
        assert!(is_nfc("Nội vụ"));
    }

    #[test]
    fn visible_escapes_control_and_format_characters_only() {
        assert_eq!(visible("a/b c.toml"), "a/b c.toml");
        assert_eq!(visible("Sở Nội vụ — “ỹ” 💡"), "Sở Nội vụ — “ỹ” 💡");
        assert_eq!(visible("x\u{1b}[2J\r"), "x\\u{1b}[2J\\r");
        // A name shown as "aexe.jpg" by a right-to-left override, and one
        // with a zero-width space in it.
        assert_eq!(visible("a\u{202e}gpj.exe"), "a\\u{202e}gpj.exe");
        assert_eq!(visible("noi\u{200b}-vu"), "noi\\u{200b}-vu");
        for c in [
            '\u{ad}',
            '\u{200b}',
            '\u{200c}',
            '\u{200d}',
            '\u{200e}',
            '\u{202a}',
            '\u{2060}',
            '\u{2066}',
            '\u{2069}',
            '\u{feff}',
            '\u{e0041}',
            '\u{2028}',
            '\u{2029}',
            '\u{85}',
        ] {
            assert!(is_hidden(c), "{c:?}");
            assert_eq!(visible(&c.to_string()), c.escape_unicode().to_string());
        }
        for c in ['a', ' ', '\u{a0}', 'ệ', '\u{300}', '\u{fe0f}', '€'] {
            assert!(!is_hidden(c), "{c:?}");
        }
    }

    #[test]
    fn quote_shortens_and_escapes() {
        assert_eq!(quote("a\nb"), "\"a\\nb\"");
        assert_eq!(quote("x\u{202e}y\u{feff}"), "\"x\\u{202e}y\\u{feff}\"");
        assert!(quote(&"x".repeat(100)).ends_with("…\""));
    }
}
