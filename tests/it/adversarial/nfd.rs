//! Decomposed (NFD) text.

use cchc_core::diag::Code;
use unicode_normalization::UnicodeNormalization;

use super::CAMPAIGN;
use super::sample::{Block, Case, Sample, alternate};

/// The unit ids as clerks might type them, with their diacritics.
const ACCENTED: &[(&str, &str)] = &[
    ("cong-thuong", "công-thương"),
    ("giao-duc-dao-tao", "giáo-dục-đào-tạo"),
    ("giao-thong-van-tai", "giao-thông-vận-tải"),
    ("ke-hoach-dau-tu", "kế-hoạch-đầu-tư"),
    ("lao-dong-thuong-binh-xa-hoi", "lao-động-thương-binh-xã-hội"),
    ("noi-vu", "nội-vụ"),
    ("tai-chinh", "tài-chính"),
    ("tai-nguyen-moi-truong", "tài-nguyên-môi-trường"),
    ("thanh-tra", "thanh-tra-tỉnh"),
    ("thong-tin-truyen-thong", "thông-tin-truyền-thông"),
    ("tu-phap", "tư-pháp"),
    ("van-phong-ubnd", "văn-phòng-ubnd"),
    ("y-te", "y-tế"),
];

pub(super) fn nfd(s: &Sample) -> Vec<Case> {
    let mut out = Vec::new();
    for (i, sub) in s.subs.iter().enumerate() {
        let from = out.len();
        let accented = ACCENTED
            .iter()
            .find(|(id, _)| *id == sub.stem)
            .map_or("đơn-vị", |(_, a)| a);
        let decomposed: String = accented.nfd().collect();
        let set_unit = |u: &str| {
            sub.set(Block::Root, "unit", 0, &format!("\"{u}\""))
                .unwrap()
        };
        out.push(s.sub_case(
            sub,
            format!("unit = {accented} (NFD)"),
            &set_unit(&decomposed),
            &[Code::E020, Code::W005],
        ));
        out.push(s.sub_case(
            sub,
            format!("unit = {accented} (NFC)"),
            &set_unit(accented),
            &[Code::E020],
        ));
        // The file named with the decomposed id as well.
        out.push(Case {
            name: format!("{}: file and unit {accented} (NFD)", sub.stem),
            input: s.with(&[(
                &format!("submissions/{CAMPAIGN}/{decomposed}.toml"),
                set_unit(&decomposed).into_bytes(),
            )]),
            expect: vec![Code::E022],
        });
        // The whole file decomposed: a warning, plus one real error.
        let whole: String = sub.text.nfd().collect();
        let whole = sub.with_text(whole);
        out.push(s.sub_case(
            sub,
            "whole file NFD with a score above the maximum".into(),
            &whole.set(Block::Score, "score", i, "99").unwrap(),
            &[Code::W005, Code::E037],
        ));
        // A status typed in Vietnamese, decomposed.
        let status: String = "hoàn thành".nfd().collect();
        if let Some(text) = sub.set(Block::Task, "status", 0, &format!("\"{status}\"")) {
            out.push(s.sub_case(
                sub,
                "status = hoàn thành (NFD)".into(),
                &text,
                &[Code::E013],
            ));
        }
        // A decomposed bare key: not allowed in TOML.
        let key: String = "giải_thích".nfd().collect();
        let unit_end = sub.after_value(Block::Root, "unit", 0).unwrap();
        out.push(s.sub_case(
            sub,
            "bare key giải_thích (NFD)".into(),
            &sub.insert(unit_end, &format!("{key} = \"x\"\n")),
            &[Code::E004],
        ));
        alternate(&mut out, from, i);
    }
    out
}
