//! Encoding.

use cchc_core::diag::Code;
use unicode_normalization::UnicodeNormalization;

use super::sample::{Block, Case, Item, Sample, alternate, floor, splice};

pub(super) fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut units: Vec<u16> = Vec::new();
    if bom {
        units.push(0xFEFF);
    }
    units.extend(text.encode_utf16());
    units
        .into_iter()
        .flat_map(|u| {
            if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        })
        .collect()
}

fn latin1(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect()
}

/// Windows-1258: base letters (with breve, circumflex, horn) as single
/// bytes, tone marks as separate combining bytes, as Vietnamese Windows
/// saved them.
pub(super) fn windows_1258(text: &str) -> Vec<u8> {
    const BASES: &[(char, u8)] = &[
        ('À', 0xC0),
        ('Á', 0xC1),
        ('Â', 0xC2),
        ('Ă', 0xC3),
        ('È', 0xC8),
        ('É', 0xC9),
        ('Ê', 0xCA),
        ('Í', 0xCD),
        ('Đ', 0xD0),
        ('Ó', 0xD3),
        ('Ô', 0xD4),
        ('Ơ', 0xD5),
        ('Ú', 0xDA),
        ('Ư', 0xDD),
        ('à', 0xE0),
        ('á', 0xE1),
        ('â', 0xE2),
        ('ă', 0xE3),
        ('è', 0xE8),
        ('é', 0xE9),
        ('ê', 0xEA),
        ('í', 0xED),
        ('đ', 0xF0),
        ('ó', 0xF3),
        ('ô', 0xF4),
        ('ơ', 0xF5),
        ('ú', 0xFA),
        ('ư', 0xFD),
    ];
    const TONES: &[(char, u8)] = &[
        ('\u{300}', 0xCC),
        ('\u{301}', 0xEC),
        ('\u{303}', 0xDE),
        ('\u{309}', 0xD2),
        ('\u{323}', 0xF2),
    ];
    let mut out = Vec::new();
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c as u8);
            continue;
        }
        let decomposed: Vec<char> = c.to_string().nfd().collect();
        let tone = decomposed
            .iter()
            .find_map(|d| TONES.iter().find(|(t, _)| t == d).map(|(_, b)| *b));
        let base: String = decomposed
            .iter()
            .filter(|d| !TONES.iter().any(|(t, _)| t == *d))
            .collect::<String>()
            .nfc()
            .collect();
        let mut chars = base.chars();
        let byte = match (chars.next(), chars.next()) {
            (Some(b), None) if b.is_ascii() => Some(b as u8),
            (Some(b), None) => BASES.iter().find(|(x, _)| *x == b).map(|(_, y)| *y),
            _ => None,
        };
        out.push(byte.unwrap_or(b'?'));
        out.extend(tone);
    }
    out
}

pub(super) fn encoding(s: &Sample) -> Vec<Case> {
    let mut out = Vec::new();
    let invalid: &[(&str, &[u8])] = &[
        ("lone continuation byte", b"\x80"),
        ("overlong slash", b"\xC0\xAF"),
        ("surrogate", b"\xED\xA0\x80"),
        ("truncated 4-byte sequence", b"\xF0\x9F\x98"),
        ("byte FF", b"\xFF"),
        ("5-byte sequence", b"\xF8\x88\x80\x80\x80"),
        ("C3 then ASCII", b"\xC3("),
        ("code point above U+10FFFF", b"\xF4\x90\x80\x80"),
    ];
    for (i, sub) in s.subs.iter().enumerate() {
        let from = out.len();
        let t = &sub.text;
        let mut push = |name: &str, bytes: Vec<u8>, expect: &[Code]| {
            out.push(s.sub_bytes(sub, name.to_owned(), bytes, expect));
        };
        push("UTF-16 LE with BOM", utf16(t, false, true), &[Code::E001]);
        push(
            "UTF-16 LE without BOM",
            utf16(t, false, false),
            &[Code::E001],
        );
        push("UTF-16 BE with BOM", utf16(t, true, true), &[Code::E001]);
        push(
            "UTF-16 BE without BOM",
            utf16(t, true, false),
            &[Code::E001],
        );
        let mut utf32 = vec![0xFF, 0xFE, 0, 0];
        utf32.extend(t.chars().flat_map(|c| u32::from(c).to_le_bytes()));
        push("UTF-32 LE with BOM", utf32, &[Code::E001]);
        push("Latin-1", latin1(t), &[Code::E001]);
        push("Windows-1258", windows_1258(t), &[Code::E001]);
        // A NUL byte at the start, in a string, at the end.
        let in_string = sub.values(Block::Score, "explanation")[0].start + 10;
        let in_string = floor(t, in_string);
        for (where_, at) in [("start", 0), ("a string", in_string), ("end", t.len())] {
            let mut b = t.clone().into_bytes();
            b.insert(at, 0);
            push(&format!("NUL at {where_}"), b, &[Code::E002]);
        }
        let (name, seq) = invalid[i % invalid.len()];
        let (name2, seq2) = invalid[(i + 3) % invalid.len()];
        for (n, sq) in [(name, seq), (name2, seq2)] {
            let mut b = t.clone().into_bytes();
            b.splice(in_string..in_string, sq.iter().copied());
            push(
                &format!("invalid UTF-8 ({n}) in a string"),
                b,
                &[Code::E001],
            );
        }
        // U+FEFF (a byte-order mark) where it does not belong.
        let (crit, _) = sub
            .items
            .iter()
            .find_map(|it| match it {
                Item::Key { key, value, .. } if &t[key.clone()] == "criterion" => {
                    Some((key.clone(), value.clone()))
                }
                _ => None,
            })
            .unwrap();
        let unit = sub.values(Block::Root, "unit")[0].clone();
        push(
            "BOM inside a key",
            splice(t, crit.start + 4..crit.start + 4, "\u{FEFF}").into_bytes(),
            &[Code::E004],
        );
        push(
            "BOM before a value",
            splice(t, unit.start..unit.start, "\u{FEFF}").into_bytes(),
            &[Code::E004],
        );
        push(
            "BOM inside the unit id",
            splice(t, unit.start + 1..unit.start + 1, "\u{FEFF}").into_bytes(),
            &[Code::E020],
        );
        let (score_at, _) = sub.headers(Block::Score)[0];
        push(
            "BOM before [[score]]",
            splice(t, score_at..score_at, "\u{FEFF}").into_bytes(),
            &[Code::E004],
        );
        // Line breaks and control characters TOML does not allow.
        push(
            "CR-only line breaks",
            t.replace('\n', "\r").into_bytes(),
            &[Code::E004],
        );
        push(
            "raw ESC in a string",
            splice(t, in_string..in_string, "\u{1b}[31m").into_bytes(),
            &[Code::E004],
        );
        push(
            "raw DEL in a comment",
            splice(t, 2..2, "\u{7f}").into_bytes(),
            &[Code::E004],
        );
        // Escapes TOML does not have, or that name no character.
        let escapes = ["\\x41", "\\uD800", "\\U00110000", "\\u12", "\\q", "\\ "];
        for e in [escapes[i % escapes.len()], escapes[(i + 3) % escapes.len()]] {
            push(
                &format!("escape {e} in a string"),
                splice(t, in_string..in_string, e).into_bytes(),
                &[Code::E004],
            );
        }
        alternate(&mut out, from, i);
    }
    out
}
