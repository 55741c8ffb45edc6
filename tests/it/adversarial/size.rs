//! Size and depth.

use cchc_core::diag::Code;
use cchc_core::input::FileData;

use super::sample::{Block, Case, Sample};

pub(super) fn size_and_depth(s: &Sample) -> Vec<Case> {
    let mut out = Vec::new();
    let tu = s
        .subs
        .iter()
        .find(|x| x.stem == "tu-phap")
        .unwrap_or(&s.subs[0]);
    let t = &tu.text;
    let mut push = |name: &str, bytes: Vec<u8>, expect: &[Code]| {
        out.push(s.sub_bytes(tu, name.to_owned(), bytes, expect));
    };
    // Too large: the cap is 1 MiB for a submission.
    let padded = |len: usize| {
        let mut b = t.clone().into_bytes();
        b.push(b'#');
        b.resize(len, b'x');
        b
    };
    push("10 MB file", padded(10_000_000), &[Code::E003]);
    push("2 MB file", padded(2_000_000), &[Code::E003]);
    push("1 MiB + 1 byte", padded(1024 * 1024 + 1), &[Code::E003]);
    out.push(Case {
        name: format!("{}: too large to read (size only)", tu.stem),
        input: {
            let mut i = s.content_only.clone();
            i.files
                .insert(tu.path.clone(), FileData::TooLarge { size: 10_000_000 });
            i
        },
        expect: vec![Code::E003],
    });
    let mut push = |name: &str, text: String, expect: &[Code]| {
        out.push(s.sub_case(tu, name.to_owned(), &text, expect));
    };
    // Very long lines under the cap.
    let unit_end = tu.after_value(Block::Root, "unit", 0).unwrap();
    push(
        "1 MB line of garbage",
        tu.insert(unit_end, &format!("{}\n", "x".repeat(1_000_000))),
        &[Code::E004],
    );
    push(
        "1 MB key",
        tu.insert(unit_end, &format!("{} = 1\n", "k".repeat(1_000_000))),
        &[Code::E012],
    );
    push(
        "1 MB unit id",
        tu.set(
            Block::Root,
            "unit",
            0,
            &format!("\"{}\"", "u".repeat(1_000_000)),
        )
        .unwrap(),
        &[Code::E020],
    );
    push(
        "1 MB single-line string never closed",
        tu.insert(unit_end, &format!("ghi_chu = \"{}\n", "ộ".repeat(300_000))),
        &[Code::E004],
    );
    push(
        "100 000-character explanation with a score above the maximum",
        {
            let x = tu
                .set(
                    Block::Score,
                    "explanation",
                    0,
                    &format!("\"\"\"\n{}\"\"\"", "Giải trình. ".repeat(8_400)),
                )
                .unwrap();
            tu.with_text(x).set(Block::Score, "score", 0, "99").unwrap()
        },
        &[Code::E037],
    );
    // Deep nesting: arrays, inline tables, dotted keys, table headers.
    for depth in [64, 128, 512, 4096] {
        let arrays = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
        push(
            &format!("score as arrays {depth} deep"),
            tu.set(Block::Score, "score", 0, &arrays).unwrap(),
            &[if depth > 100 { Code::E004 } else { Code::E011 }],
        );
        push(
            &format!("unknown key holding arrays {depth} deep"),
            tu.insert(unit_end, &format!("x = {arrays}\n")),
            &[if depth > 100 { Code::E004 } else { Code::E012 }],
        );
        let inline = format!("{}1{}", "{ a = ".repeat(depth), " }".repeat(depth));
        push(
            &format!("inline tables {depth} deep"),
            tu.insert(unit_end, &format!("x = {inline}\n")),
            &[if depth > 100 { Code::E004 } else { Code::E012 }],
        );
        let dotted = vec!["a"; depth].join(".");
        push(
            &format!("dotted key {depth} deep"),
            tu.insert(unit_end, &format!("{dotted} = 1\n")),
            &[if depth > 100 { Code::E004 } else { Code::E012 }],
        );
        push(
            &format!("table header {depth} deep"),
            tu.append(&format!("[{dotted}]\nb = 1\n")),
            &[if depth > 100 { Code::E004 } else { Code::E012 }],
        );
        push(
            &format!("unclosed arrays {depth} deep"),
            tu.insert(unit_end, &format!("x = {}\n", "[".repeat(depth))),
            &[Code::E004],
        );
    }
    // Many blocks: 5 000 empty [[score]] headers, 5 000 diagnostics.
    push(
        "5 000 empty [[score]] blocks",
        tu.append(&"[[score]]\n".repeat(5_000)),
        &[Code::E010],
    );
    out
}
