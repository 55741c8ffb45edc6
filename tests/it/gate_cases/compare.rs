//! Comparing outputs with the expected files.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// Lines of `expected` and `actual` as a diff: `-` expected only, `+`
/// actual only, two lines of context around each change.
fn diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.lines().collect();
    let b: Vec<&str> = actual.lines().collect();
    // Longest common subsequence, from the end.
    let mut lcs = vec![vec![0_usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut ops: Vec<(char, &str)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            ops.push((' ', a[i]));
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            ops.push(('-', a[i]));
            i += 1;
        } else {
            ops.push(('+', b[j]));
            j += 1;
        }
    }
    let near = |k: usize| {
        ops[k.saturating_sub(2)..(k + 3).min(ops.len())]
            .iter()
            .any(|(op, _)| *op != ' ')
    };
    let mut out = String::new();
    let mut skipped = false;
    for (k, (op, line)) in ops.iter().enumerate() {
        if near(k) {
            if skipped {
                out.push_str("  …\n");
                skipped = false;
            }
            let _ = writeln!(out, "{op} {line}");
        } else {
            skipped = true;
        }
    }
    if expected.ends_with('\n') != actual.ends_with('\n') {
        out.push_str("(the final newline differs)\n");
    }
    out
}

pub(super) fn compare(path: &Path, actual: &str, update: bool) -> Result<(), String> {
    let file = path.file_name().unwrap().to_string_lossy();
    if update {
        return fs::write(path, actual).map_err(|e| format!("{file}: {e}"));
    }
    let Ok(expected) = fs::read_to_string(path) else {
        return Err(format!(
            "{file} is missing: run `UPDATE_EXPECT=1 cargo test --test it gate_cases::` to write \
             it, then review it"
        ));
    };
    if expected == actual {
        return Ok(());
    }
    Err(format!(
        "{file} differs (- expected, + actual):\n{}",
        diff(&expected, actual)
    ))
}
