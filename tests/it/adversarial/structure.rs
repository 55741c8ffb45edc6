//! Structure: duplicates, unknown keys, rows and tasks.

use cchc_core::diag::Code;
use cchc_core::model::Level;

use super::CAMPAIGN;
use super::sample::{Block, Case, Sample, alternate, splice};

pub(super) fn structure(s: &Sample) -> Vec<Case> {
    let mut out = Vec::new();
    let set = &s.campaign.criteria;
    let survey: Vec<&str> = set
        .rows
        .iter()
        .filter(|r| !r.is_self_assessed())
        .map(|r| r.id.as_str())
        .collect();
    assert!(!survey.is_empty(), "the sample has survey rows");
    let participants = &s.campaign.participants;
    for (i, sub) in s.subs.iter().enumerate() {
        let from = out.len();
        let t = &sub.text;
        let mut push = |name: &str, text: String, expect: &[Code]| {
            out.push(s.sub_case(sub, name.to_owned(), &text, expect));
        };
        let unit_end = sub.after_value(Block::Root, "unit", 0).unwrap();
        let (_, pb_end) = sub.headers(Block::PreparedBy)[0];
        // Duplicate keys and tables: TOML syntax.
        push(
            "unit twice",
            sub.insert(unit_end, &format!("unit = \"{}\"\n", sub.stem)),
            &[Code::E004],
        );
        push(
            "campaign twice",
            sub.insert(unit_end, &format!("campaign = \"{CAMPAIGN}\"\n")),
            &[Code::E004],
        );
        push(
            "name twice in [prepared_by]",
            sub.insert(pb_end, "name = \"Nguyễn Văn A\"\n"),
            &[Code::E004],
        );
        push(
            "[prepared_by] twice",
            sub.append("[prepared_by]\nname = \"Nguyễn Văn A\"\nemail = \"a@b.example\"\n"),
            &[Code::E004],
        );
        push(
            "[prepared_by] written as [[prepared_by]]",
            t.replacen("[prepared_by]", "[[prepared_by]]", 1),
            &[Code::E011],
        );
        push(
            "prepared_by also as a dotted key",
            sub.insert(unit_end, "prepared_by.name = \"Nguyễn Văn A\"\n"),
            &[Code::E004],
        );
        if let Some(at) = sub.after_value(Block::Score, "score", i) {
            push(
                "score twice in a block",
                sub.insert(at, "score = 0\n"),
                &[Code::E004],
            );
            push(
                "score and not_applicable",
                sub.insert(at, "not_applicable = true\n"),
                &[Code::E042],
            );
        }
        if let Some(at) = sub.after_value(Block::Evidence, "date", i) {
            push(
                "date twice in evidence",
                sub.insert(at, "date = 2023-01-02\n"),
                &[Code::E004],
            );
        }
        if let Some(at) = sub.after_value(Block::Score, "criterion", i) {
            push(
                "criterion twice in a block",
                sub.insert(at, "criterion = \"1.1.1\"\n"),
                &[Code::E004],
            );
        }
        // [[score]] as a single table next to the array.
        push(
            "first [[score]] written as [score]",
            t.replacen("[[score]]", "[score]", 1),
            &[if sub.headers(Block::Score).len() > 1 {
                Code::E004
            } else {
                Code::E011
            }],
        );
        push(
            "first [[task]] written as [task]",
            t.replacen("[[task]]", "[task]", 1),
            &[if sub.headers(Block::Task).len() > 1 {
                Code::E004
            } else {
                Code::E011
            }],
        );
        // The same row or task twice.
        let first_score = sub.block(Block::Score, 0).unwrap();
        push(
            "first [[score]] block twice",
            sub.append(&t[first_score.clone()]),
            &[Code::E032],
        );
        let last = sub.headers(Block::Score).len() - 1;
        let last_score = sub.block(Block::Score, last).unwrap();
        push(
            "last [[score]] block twice",
            sub.append(&t[last_score.clone()]),
            &[Code::E032],
        );
        if let Some(task) = sub.block(Block::Task, 0) {
            push(
                "first [[task]] block twice",
                sub.append(&t[task.clone()]),
                &[Code::E064],
            );
            push(
                "first [[task]] block removed",
                splice(t, task, ""),
                &[Code::E062],
            );
        }
        // Rows missing.
        push(
            "first [[score]] block removed",
            splice(t, first_score, ""),
            &[Code::E033],
        );
        if last > 0 {
            push(
                "last [[score]] block removed",
                splice(t, last_score, ""),
                &[Code::E033],
            );
        }
        // Unknown keys.
        push(
            "unknown root key",
            sub.insert(unit_end, "ghi_chu = \"x\"\n"),
            &[Code::E012],
        );
        push(
            "unknown key in [prepared_by]",
            sub.insert(pb_end, "chuc_vu = \"x\"\n"),
            &[Code::E012],
        );
        push(
            "unknown table",
            sub.append("[metadata]\nversion = 1\n"),
            &[Code::E012],
        );
        push(
            "unit again as a quoted key",
            sub.insert(unit_end, &format!("\"unit\" = \"{}\"\n", sub.stem)),
            &[Code::E004],
        );
        push(
            "key in upper case",
            t.replacen("\nunit = ", "\nUnit = ", 1),
            &[Code::E012, Code::E010],
        );
        push(
            "score as a dotted root key",
            sub.insert(unit_end, "score.criterion = \"2.1.1\"\n"),
            &[Code::E004],
        );
        if let Some(at) = sub.after_value(Block::Score, "criterion", i + 1) {
            push(
                "misspelled key in [[score]]",
                sub.insert(at, "explaination = \"x\"\n"),
                &[Code::E012],
            );
        }
        if let Some(at) = sub.after_value(Block::Task, "id", i) {
            push(
                "unknown key in [[task]]",
                sub.insert(at, "tien_do = 50\n"),
                &[Code::E012],
            );
        }
        if let Some(at) = sub.after_value(Block::Evidence, "number", i) {
            push(
                "unknown key in evidence",
                sub.insert(at, "link = \"https://x.example\"\n"),
                &[Code::E012],
            );
        }
        // Rows that are not the unit's to score.
        let other = &participants[(participants
            .iter()
            .position(|p| p.unit == sub.stem)
            .unwrap()
            + 1)
            % participants.len()];
        let foreign = &set.rows[other.rows[0]].id;
        let block = |id: &str| {
            format!(
                "[[score]]\ncriterion = \"{id}\"\nscore = 0\nexplanation = \"Tự chấm 0 điểm.\"\n"
            )
        };
        push(
            &format!("another unit's row {foreign}"),
            sub.append(&block(foreign)),
            &[Code::E031],
        );
        let own = &s.rows_of(&sub.stem)[0];
        let (_, row) = set.row(own).unwrap();
        if let Some(parent) = row.parent.map(|p| &set.rows[p])
            && parent.level == Level::Criterion
        {
            push(
                &format!("parent row {}", parent.id),
                sub.append(&block(&parent.id)),
                &[Code::E031],
            );
        }
        let area = own.split('.').next().unwrap();
        push(
            &format!("area {area} as a row"),
            sub.append(&block(area)),
            &[Code::E031],
        );
        let sv = survey[i % survey.len()];
        push(
            &format!("survey row {sv}"),
            sub.append(&block(sv)),
            &[Code::E034],
        );
        push(
            "unknown row 9.9.9",
            sub.append(&block("9.9.9")),
            &[Code::E030],
        );
        push(
            "unknown row 2.1.1.1",
            sub.append(&block("2.1.1.1")),
            &[Code::E030],
        );
        push("empty criterion", sub.append(&block("")), &[Code::E014]);
        // not_applicable without a reason instead of a score.
        if let Some(v) = sub.values(Block::Score, "score").first() {
            let line = t[..v.start].rfind('\n').map_or(0, |p| p + 1)..v.end;
            push(
                "score replaced by not_applicable without reason",
                splice(t, line, "not_applicable = true"),
                &[Code::E040],
            );
        }
        alternate(&mut out, from, i);
    }
    out
}
