//! Bytes to text: the checks every file passes before it is parsed.

use std::sync::Arc;

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::input::FileData;
use crate::source::{SourceFile, Span};
use crate::text::is_nfc;
use crate::tr;

/// Decodes a file as UTF-8 text. Problems that stop parsing are reported and
/// give `Err(file)`, where `file` holds what could be shown of the text; a
/// UTF-8 byte-order mark is accepted and removed.
pub fn decode(
    path: &Arc<str>,
    data: &FileData,
    limit: u64,
    diags: &mut Diagnostics,
) -> Result<SourceFile, Option<SourceFile>> {
    let bytes = match data {
        FileData::TooLarge { size } => {
            diags.push(too_large(path, *size, limit));
            return Err(None);
        }
        FileData::Bytes(b) if b.len() as u64 > limit => {
            diags.push(too_large(path, b.len() as u64, limit));
            return Err(None);
        }
        FileData::Bytes(b) => b.as_slice(),
    };
    if let Some(kind) = utf16(bytes) {
        diags.push(
            Diagnostic::new(
                Code::E001,
                Span::file(path),
                tr!(
                    "tệp được lưu ở mã {} chứ không phải UTF-8",
                    "the file is saved as {}, not UTF-8",
                    kind
                ),
            )
            .hint(save_as_utf8()),
        );
        return Err(None);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.to_owned(),
        Err(e) => {
            let at = e.valid_up_to();
            let byte = bytes.get(at).copied().unwrap_or(0);
            let shown = SourceFile::new(
                Arc::clone(path),
                String::from_utf8_lossy(bytes).into_owned(),
            );
            diags.push(
                Diagnostic::new(
                    Code::E001,
                    Span::new(path, at..at + 1),
                    tr!(
                        "byte 0x{} không hợp lệ trong UTF-8: tệp có vẻ được lưu bằng bảng mã cũ (Windows-1258, TCVN3 hoặc Latin-1)",
                        "byte 0x{} is not valid UTF-8: the file seems saved in a legacy encoding (Windows-1258, TCVN3 or Latin-1)",
                        format!("{byte:02X}")
                    ),
                )
                .hint(save_as_utf8()),
            );
            return Err(Some(shown));
        }
    };
    if let Some(at) = text.find('\0') {
        diags.push(
            Diagnostic::new(
                Code::E002,
                Span::new(path, at..at + 1),
                tr!(
                    "tệp chứa byte NUL (mã 0): đây không phải tệp văn bản TOML",
                    "the file contains a NUL byte: this is not a TOML text file"
                ),
            )
            .hint(tr!(
                "Có thể tệp bị hỏng hoặc là tệp nhị phân (Word, Excel) bị đổi tên. Hãy tạo lại tệp bằng `cchc new` và soạn bằng trình soạn thảo văn bản.",
                "The file may be damaged or a binary file (Word, Excel) renamed. Make it again with `cchc new` and edit it in a text editor."
            )),
        );
        // Shown as the "symbol for null" so the caret points at something.
        return Err(Some(SourceFile::new(
            Arc::clone(path),
            text.replace('\0', "\u{2400}"),
        )));
    }
    let file = SourceFile::new(Arc::clone(path), text);
    if !is_nfc(&file.text) {
        diags.push(not_nfc(path, &file.text));
    }
    Ok(file)
}

fn too_large(path: &Arc<str>, size: u64, limit: u64) -> Diagnostic {
    Diagnostic::new(
        Code::E003,
        Span::file(path),
        tr!(
            "tệp nặng {} byte, vượt giới hạn {}",
            "the file is {} bytes, over the limit of {}",
            grouped(size),
            human_size(limit)
        ),
    )
    .hint(tr!(
        "Báo cáo chỉ chứa văn bản; tài liệu kiểm chứng được dẫn bằng số, ngày và đường dẫn, không đính kèm vào tệp.",
        "A submission holds text only; evidence documents are cited by number, date and link, not embedded."
    ))
}

/// A whole number with its thousands grouped: "1.050.011" in Vietnamese,
/// "1,050,011" in English.
fn grouped(n: u64) -> crate::text::Text {
    let digits = n.to_string();
    let mut vi = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            vi.push('.');
        }
        vi.push(c);
    }
    crate::text::Text::new(vi.clone(), vi.replace('.', ","))
}

/// A size as people read it: "1,2 MiB", "640 KiB", "12 byte".
fn human_size(bytes: u64) -> crate::text::Text {
    const KIB: u64 = 1024;
    let (value, unit) = if bytes >= KIB * KIB {
        (bytes as f64 / (KIB * KIB) as f64, "MiB")
    } else if bytes >= KIB {
        (bytes as f64 / KIB as f64, "KiB")
    } else {
        return tr!("{} byte", "{} bytes", bytes);
    };
    let rounded = (value * 10.0).round() / 10.0;
    tr!("{} {}", "{} {}", rounded, unit)
}

fn save_as_utf8() -> crate::text::Text {
    tr!(
        "Mở tệp bằng trình soạn thảo (VS Code, Notepad++ hoặc trình sửa tệp của GitHub) và lưu lại với bảng mã UTF-8.",
        "Open the file in an editor (VS Code, Notepad++ or GitHub's file editor) and save it with the UTF-8 encoding."
    )
}

/// Recognises UTF-16 by its byte-order mark, or by the NUL in every other byte
/// that ASCII text saved as UTF-16 has.
fn utf16(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, ..] => return Some("UTF-16 LE"),
        [0xFE, 0xFF, ..] => return Some("UTF-16 BE"),
        _ => {}
    }
    let head = bytes.get(..bytes.len().min(64))?;
    if head.len() < 4 {
        return None;
    }
    let zeros_at = |parity: usize| {
        head.iter()
            .enumerate()
            .filter(|(i, b)| i % 2 == parity && **b == 0)
            .count()
    };
    let half = head.len() / 2;
    if zeros_at(1) * 4 >= half * 3 {
        Some("UTF-16 LE")
    } else if zeros_at(0) * 4 >= half * 3 {
        Some("UTF-16 BE")
    } else {
        None
    }
}

/// Points at the first combining mark, where a decomposed letter starts.
fn not_nfc(path: &Arc<str>, text: &str) -> Diagnostic {
    let at = text
        .char_indices()
        .find(|(_, c)| unicode_normalization::char::canonical_combining_class(*c) != 0)
        .map_or(0, |(i, _)| i);
    let prev = text
        .get(..at)
        .and_then(|s| s.char_indices().last())
        .map_or(at, |(i, _)| i);
    let end = text
        .get(at..)
        .and_then(|s| s.chars().next())
        .map_or(at, |c| at + c.len_utf8());
    Diagnostic::new(
        Code::W005,
        Span::new(path, prev..end),
        tr!(
            "chữ tiếng Việt ở dạng tổ hợp (NFD): dấu được lưu tách khỏi chữ cái",
            "Vietnamese letters are decomposed (NFD): the diacritics are stored apart from the letters"
        ),
    )
    .hint(tr!(
        "cchc tự chuẩn hóa về NFC khi so sánh, nhưng nên lưu lại tệp ở dạng dựng sẵn (NFC) để tìm kiếm và sắp xếp đúng; thường do sao chép từ PDF hoặc máy Mac.",
        "cchc normalises to NFC when comparing, but save the file precomposed (NFC) so searching and sorting work; this usually comes from copying out of a PDF or a Mac."
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(bytes: &[u8]) -> (Result<SourceFile, Option<SourceFile>>, Vec<Code>) {
        let mut d = Diagnostics::default();
        let path: Arc<str> = "x.toml".into();
        let r = decode(&path, &FileData::Bytes(bytes.to_vec()), 100, &mut d);
        (r, d.iter().map(|d| d.code).collect())
    }

    #[test]
    fn accepts_a_utf8_bom() {
        let (r, codes) = run(b"\xEF\xBB\xBFa = 1\n");
        assert_eq!(r.unwrap().text, "a = 1\n");
        assert!(codes.is_empty());
    }

    #[test]
    fn names_utf16() {
        let utf16: Vec<u8> = "a = \"b\"\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let (r, codes) = run(&utf16);
        assert!(r.is_err());
        assert_eq!(codes, [Code::E001]);
    }

    #[test]
    fn latin1_nul_size_and_nfd() {
        assert_eq!(run(b"name = \"Ph\xE9p\"\n").1, [Code::E001]);
        assert_eq!(run(b"a = 1\0\n").1, [Code::E002]);
        assert_eq!(run(&[b' '; 101]).1, [Code::E003]);
        let (r, codes) = run("a = \"Nô\u{323}i\"\n".as_bytes());
        assert!(r.is_ok());
        assert_eq!(codes, [Code::W005]);
    }
}
