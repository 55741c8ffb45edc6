//! What the data-driven runners share for their expectations
//! (`tests/it/gate_cases/`, `tests/it/history_cases.rs`): the case folders,
//! run a few at once; outputs normalised (commit ids as the case's names of
//! the commits, the temporary folder as `<repo>`); and each compared with
//! its expected file, or written there with `UPDATE_EXPECT=1`.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use git2::Oid;

/// Whether to write the expected files instead of comparing them.
pub fn update() -> bool {
    std::env::var_os("UPDATE_EXPECT").is_some()
}

/// Runs `run` on every case folder of `tests/<folder>/` (there must be
/// some), a few at once: (the case's name, its folder, the result), in the
/// order of the names.
pub fn run_cases<T: Send>(
    folder: &str,
    run: impl Fn(&Path) -> Result<T, String> + Sync,
) -> Vec<(String, PathBuf, Result<T, String>)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(folder);
    let dirs = case_dirs(&root);
    assert!(!dirs.is_empty(), "no case under {}", root.display());
    let results = run_all(&dirs, run);
    dirs.into_iter()
        .zip(results)
        .map(|(dir, r)| {
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            (name, dir, r)
        })
        .collect()
}

/// Fails with every failure of the `cases` cases of `folder`, if any.
pub fn assert_no_failures(failures: &[String], cases: usize, folder: &str) {
    assert!(
        failures.is_empty(),
        "{} failures in {cases} cases of tests/{folder}/:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// The case folders under `root`, sorted.
fn case_dirs(root: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// Runs `run` on every case, a few at once; results in the order of `dirs`.
fn run_all<T: Send>(
    dirs: &[PathBuf],
    run: impl Fn(&Path) -> Result<T, String> + Sync,
) -> Vec<Result<T, String>> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<T, String>>>> =
        Mutex::new(dirs.iter().map(|_| None).collect());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().min(8));
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(dir) = dirs.get(i) else { break };
                    let r = run(dir);
                    results.lock().unwrap()[i] = Some(r);
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap()
        .into_iter()
        .map(Option::unwrap)
        .collect()
}

/// Commit ids, full or short (7 hex digits standing alone), as `<name>`;
/// the repository's folder as `<repo>`.
pub fn normalise(text: &str, commits: &[(String, Oid)], dir: &Path) -> String {
    let mut out = text.replace(dir.to_str().unwrap(), "<repo>");
    for (name, id) in commits {
        out = out.replace(&id.to_string(), &format!("<{name}>"));
    }
    let mut result = String::with_capacity(out.len());
    let mut rest = out.as_str();
    'scan: while !rest.is_empty() {
        let before = result.chars().last();
        if !before.is_some_and(|c| c.is_ascii_alphanumeric()) {
            for (name, id) in commits {
                let short = &id.to_string()[..7];
                if let Some(after) = rest.strip_prefix(short)
                    && !after.starts_with(|c: char| c.is_ascii_alphanumeric())
                {
                    let _ = write!(result, "<{name}>");
                    rest = after;
                    continue 'scan;
                }
            }
        }
        let c = rest.chars().next().unwrap();
        result.push(c);
        rest = &rest[c.len_utf8()..];
    }
    result
}

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

/// Compares `actual` with the file `path`, or writes it there when
/// `update`; `module` is the runner's test filter, for the message.
pub fn compare(path: &Path, actual: &str, update: bool, module: &str) -> Result<(), String> {
    let file = path.file_name().unwrap().to_string_lossy();
    if update {
        return fs::write(path, actual).map_err(|e| format!("{file}: {e}"));
    }
    let Ok(expected) = fs::read_to_string(path) else {
        return Err(format!(
            "{file} is missing: run `UPDATE_EXPECT=1 cargo test --test it {module}::` to write it, \
             then review it"
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
