//! Data-driven cases of the pull-request gate, `cchc check-pr`. Each folder
//! under tests/gate-cases/ is one scripted repository and its verdict:
//!
//! - `case.toml`: the office's first commit on main (the fixture
//!   `tests/fixtures/mini/`, maybe under a prefix folder, maybe with
//!   edits), named `setup`; named commits with their parents, times and
//!   edits; where the branches point; and the check (base, head, actors,
//!   clock, draft, or a GitHub event payload). The keys are listed in
//!   tests/gate-cases/README.md;
//! - `files/`: file bodies the edits name;
//! - `expected.json`: what `check-pr --format json --lang en` prints, with
//!   its exit status as a first key `exit_status`;
//! - `expected.human`: what `check-pr --format human` prints in Vietnamese.
//!
//! In both, commit ids (full and short) read as the case's names of the
//! commits, `<setup>`, `<pr>`…, and the temporary folder as `<repo>`.
//!
//! Every case is run (several at once); all failures are collected and
//! reported together, each with its case and a diff. Besides the snapshots,
//! a case named after a code must report it, a case named `accepted-…`
//! must be accepted, and every gate code must be reported by some case.
//!
//! Run with `UPDATE_EXPECT=1 cargo test --test it gate_cases::` to write the
//! expectations after a deliberate change, then review the diff.

// Test code: a failed unwrap is a failed test with its message.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use cchc_core::diag::Code;
use git2::Oid;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::common;
use common::{
    Blob, Edit, Province, Scripted, WRITTEN, cchc, cchc_in, fixture, report_text, revised, text,
};

// ---- the case format ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// What the case proves.
    description: String,
    #[serde(default)]
    setup: Setup,
    #[serde(default, rename = "commit")]
    commits: Vec<CommitSpec>,
    /// Branch name → commit name, set after every commit is made; `main`
    /// is `setup` unless moved.
    #[serde(default)]
    branches: BTreeMap<String, String>,
    check: Check,
}

/// The office's first commit on main, named `setup`.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Setup {
    /// The folder the fixture goes in: "" (the top) or e.g. "data/".
    #[serde(default)]
    prefix: String,
    /// Changes made in the same commit (paths of the repository).
    #[serde(default, rename = "edit")]
    edits: Vec<EditSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CommitSpec {
    name: String,
    /// Names of earlier commits (or `setup`), the first parent first.
    /// Default: the commit listed before, or `setup` for the first.
    parents: Option<Vec<String>>,
    /// The author time. Default: the units' [`WRITTEN`].
    author: Option<toml::value::Datetime>,
    /// The committer time. Default: the author time.
    committer: Option<toml::value::Datetime>,
    message: Option<String>,
    /// Start from Git's merge of the two parents instead of the first
    /// parent's tree.
    #[serde(default)]
    merge: bool,
    /// Changes relative to the first parent's tree (or the merge).
    #[serde(default, rename = "edit")]
    edits: Vec<EditSpec>,
}

/// A change of one path: exactly one source, then modifiers of the bytes.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EditSpec {
    /// The path in the repository (with the prefix, if any).
    path: String,
    // Sources of a regular (or executable) file.
    text: Option<String>,
    /// A file of the case's files/ folder.
    file: Option<String>,
    /// A file of the fixture tests/fixtures/mini/, by its path there.
    fixture: Option<String>,
    /// A unit's valid report (noi-vu and tu-phap: the fixture's).
    report: Option<String>,
    /// A unit's valid report with a note added: a revision, still valid.
    revised: Option<String>,
    /// The CODEOWNERS `cchc codeowners` generates from the fixture.
    #[serde(default)]
    codeowners: bool,
    // Other kinds.
    /// A symbolic link to this target.
    link: Option<String>,
    /// A submodule naming this commit (a name of the case).
    gitlink: Option<String>,
    #[serde(default)]
    delete: bool,
    // Modifiers of a file's bytes, in this order.
    /// Each `from` must be in the text; every occurrence becomes `to`.
    #[serde(default)]
    replace: Vec<Replace>,
    append: Option<String>,
    /// Appended `times` times.
    repeat: Option<String>,
    times: Option<usize>,
    /// Lines of `#` (100 bytes at most) added up to exactly this size.
    pad_to: Option<usize>,
    /// Mode 100755 instead of 100644.
    #[serde(default)]
    exec: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Replace {
    from: String,
    to: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Check {
    /// A branch (passed by name) or a commit name (passed by id).
    #[serde(default = "default_base")]
    base: String,
    /// A commit name. Default: the last commit listed.
    head: Option<String>,
    /// `--actor` each; with an event, the pull request's author, then the
    /// sender if it is another login.
    actors: Vec<String>,
    /// `--now`; required without an event.
    now: Option<toml::value::Datetime>,
    /// `--draft`.
    #[serde(default)]
    draft: bool,
    /// The branch checked out in the work tree. Default: main.
    worktree: Option<String>,
    /// Run with `--event`: a `pull_request` payload of the case's values.
    event: Option<Event>,
}

fn default_base() -> String {
    "main".into()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Event {
    number: Option<u64>,
    /// `pull_request.draft`.
    #[serde(default)]
    draft: bool,
    /// `pull_request.updated_at`: the gate's clock when `now` is not given.
    updated_at: Option<toml::value::Datetime>,
}

// ---- building the repository ----

/// The case's repository and the ids of its named commits.
struct Built {
    province: Province,
    /// Commit name → id, `setup` first, in the order made.
    commits: Vec<(String, Oid)>,
}

impl Built {
    fn commit(&self, name: &str) -> Option<Oid> {
        self.commits
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, id)| *id)
    }
}

/// An RFC 3339 time with its offset, from TOML.
fn time(d: &toml::value::Datetime, what: &str) -> Result<String, String> {
    if d.date.is_none() || d.time.is_none() || d.offset.is_none() {
        return Err(format!("{what} = {d}: give a date, a time and an offset"));
    }
    Ok(d.to_string())
}

fn edit(dir: &Path, spec: &EditSpec, commits: &[(String, Oid)]) -> Result<Edit, String> {
    let at = |what: &str| format!("edit of {}: {what}", spec.path);
    let mut bytes: Option<Vec<u8>> = None;
    let mut other: Option<Blob> = None;
    let mut sources = 0;
    if let Some(t) = &spec.text {
        sources += 1;
        bytes = Some(t.clone().into_bytes());
    }
    if let Some(f) = &spec.file {
        sources += 1;
        let path = dir.join("files").join(f);
        bytes = Some(fs::read(&path).map_err(|e| at(&format!("file {f}: {e}")))?);
    }
    if let Some(f) = &spec.fixture {
        sources += 1;
        bytes = Some(fs::read(fixture().join(f)).map_err(|e| at(&format!("fixture {f}: {e}")))?);
    }
    if let Some(unit) = &spec.report {
        sources += 1;
        bytes = Some(report_text(unit).into_bytes());
    }
    if let Some(unit) = &spec.revised {
        sources += 1;
        bytes = Some(revised(unit).into_bytes());
    }
    if spec.codeowners {
        sources += 1;
        bytes = Some(codeowners()?);
    }
    if let Some(target) = &spec.link {
        sources += 1;
        other = Some(Blob::Link(target.clone()));
    }
    if let Some(name) = &spec.gitlink {
        sources += 1;
        let id = commits
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, id)| *id)
            .ok_or_else(|| at(&format!("gitlink {name} is no earlier commit")))?;
        other = Some(Blob::Gitlink(id));
    }
    if spec.delete {
        sources += 1;
        other = Some(Blob::Gone);
    }
    if sources != 1 {
        return Err(at(
            "give exactly one of text, file, fixture, report, revised, codeowners, link, \
             gitlink, delete",
        ));
    }
    let modified = !spec.replace.is_empty()
        || spec.append.is_some()
        || spec.repeat.is_some()
        || spec.times.is_some()
        || spec.pad_to.is_some()
        || spec.exec;
    let Some(mut bytes) = bytes else {
        if modified {
            return Err(at("replace, append, repeat, pad_to and exec change a file"));
        }
        return Ok((spec.path.clone(), other.unwrap()));
    };
    for r in &spec.replace {
        let text = String::from_utf8(bytes).map_err(|_| at("replace in bytes not UTF-8"))?;
        if !text.contains(&r.from) {
            return Err(at(&format!("replace: {:?} is not in the text", r.from)));
        }
        bytes = text.replace(&r.from, &r.to).into_bytes();
    }
    if let Some(a) = &spec.append {
        bytes.extend_from_slice(a.as_bytes());
    }
    match (&spec.repeat, spec.times) {
        (Some(unit), Some(times)) => bytes.extend_from_slice(unit.repeat(times).as_bytes()),
        (None, None) => {}
        _ => return Err(at("repeat and times go together")),
    }
    if let Some(size) = spec.pad_to {
        if bytes.len() > size {
            return Err(at(&format!("pad_to {size}: already {} bytes", bytes.len())));
        }
        while bytes.len() < size {
            let line = (size - bytes.len()).min(100);
            bytes.extend(std::iter::repeat_n(b'#', line - 1));
            bytes.push(b'\n');
        }
    }
    let blob = if spec.exec {
        Blob::Exec(bytes)
    } else {
        Blob::File(bytes)
    };
    Ok((spec.path.clone(), blob))
}

/// What `cchc codeowners` prints for the fixture.
fn codeowners() -> Result<Vec<u8>, String> {
    let root = fixture();
    let o = cchc(
        &root,
        &["codeowners", "--repo", root.to_str().unwrap()],
        None,
    );
    if o.status.success() {
        Ok(o.stdout)
    } else {
        Err(format!("cchc codeowners: {}", text(&o.stderr)))
    }
}

fn build(dir: &Path, case: &Case) -> Result<Built, String> {
    let mut commits: Vec<(String, Oid)> = Vec::new();
    let setup = case
        .setup
        .edits
        .iter()
        .map(|e| edit(dir, e, &commits))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("setup: {e}"))?;
    let province = Province::build(&case.setup.prefix, &setup);
    commits.push(("setup".to_owned(), province.main));
    for c in &case.commits {
        let at = |what: String| format!("commit {}: {what}", c.name);
        if commits.iter().any(|(n, _)| *n == c.name) {
            return Err(at("the name is taken".into()));
        }
        let parents: Vec<String> = match &c.parents {
            Some(p) => p.clone(),
            None => vec![commits.last().unwrap().0.clone()],
        };
        let parents: Vec<Oid> = parents
            .iter()
            .map(|p| {
                commits
                    .iter()
                    .find(|(n, _)| n == p)
                    .map(|(_, id)| *id)
                    .ok_or_else(|| at(format!("parent {p} is no earlier commit")))
            })
            .collect::<Result<_, _>>()?;
        let edits = c
            .edits
            .iter()
            .map(|e| edit(dir, e, &commits))
            .collect::<Result<Vec<_>, _>>()
            .map_err(&at)?;
        let base = if c.merge {
            let [ours, theirs] = parents[..] else {
                return Err(at("merge = true needs two parents".into()));
            };
            Some(province.merged_tree(ours, theirs).map_err(&at)?)
        } else {
            parents
                .first()
                .map(|p| province.repo.find_commit(*p).unwrap().tree_id())
        };
        let tree = province.tree_from(base, &edits);
        let author = match &c.author {
            Some(t) => time(t, "author").map_err(&at)?,
            None => WRITTEN.to_owned(),
        };
        let committer = match &c.committer {
            Some(t) => time(t, "committer").map_err(&at)?,
            None => author.clone(),
        };
        let id = province.commit(
            tree,
            &parents,
            c.message.as_deref().unwrap_or("Nộp báo cáo"),
            ("Văn thư đơn vị", &author),
            ("Văn thư đơn vị", &committer),
        );
        if let Some((same, _)) = commits.iter().find(|(_, x)| *x == id) {
            return Err(at(format!("the same commit as {same}: make them differ")));
        }
        commits.push((c.name.clone(), id));
    }
    let built = Built { province, commits };
    for (branch, name) in &case.branches {
        let id = built
            .commit(name)
            .ok_or_else(|| format!("branches: {branch} = {name:?} is no commit"))?;
        built.province.set_branch(branch, id);
    }
    let worktree = case.check.worktree.as_deref().unwrap_or("main");
    if built
        .province
        .repo
        .find_branch(worktree, git2::BranchType::Local)
        .is_err()
    {
        return Err(format!("check.worktree: no branch {worktree}"));
    }
    built.province.check_out(worktree);
    Ok(built)
}

// ---- running the check ----

/// Both outputs of the check, normalised, and what the JSON says.
struct Outputs {
    json: String,
    human: String,
    verdict: String,
    codes: BTreeSet<String>,
}

fn run(dir: &Path) -> Result<Outputs, String> {
    let case_text =
        fs::read_to_string(dir.join("case.toml")).map_err(|e| format!("case.toml: {e}"))?;
    let case: Case = toml::from_str(&case_text).map_err(|e| format!("case.toml: {e}"))?;
    if case.description.trim().is_empty() {
        return Err("case.toml: say in description what the case proves".into());
    }
    let built = build(dir, &case)?;
    let check = &case.check;
    let head_name = match &check.head {
        Some(h) => h.clone(),
        None => built.commits.last().unwrap().0.clone(),
    };
    let head = built
        .commit(&head_name)
        .ok_or_else(|| format!("check.head: {head_name} is no commit"))?
        .to_string();
    let repo = &built.province.repo;
    let base_is_branch = repo
        .find_branch(&check.base, git2::BranchType::Local)
        .is_ok();
    let base = if base_is_branch {
        check.base.clone()
    } else {
        built
            .commit(&check.base)
            .ok_or_else(|| format!("check.base: {} is no branch or commit", check.base))?
            .to_string()
    };
    if check.actors.is_empty() {
        return Err("check.actors: name at least one".into());
    }
    let now = check
        .now
        .as_ref()
        .map(|t| time(t, "check.now"))
        .transpose()?;
    // The event file lives outside the work tree.
    let scratch = tempfile::tempdir().unwrap();
    let mut args: Vec<String> = vec!["check-pr".into()];
    match &check.event {
        None => {
            args.extend(["--base".into(), base, "--head".into(), head]);
            for a in &check.actors {
                args.extend(["--actor".into(), a.clone()]);
            }
            let Some(now) = now else {
                return Err("check.now: needed without an event".into());
            };
            args.extend(["--now".into(), now]);
        }
        Some(event) => {
            let [user, rest @ ..] = &check.actors[..] else {
                unreachable!("actors checked above")
            };
            let sender = match rest {
                [] => user,
                [sender] => sender,
                _ => return Err("check.actors: an event has an author and a sender".into()),
            };
            let base_sha = repo.revparse_single(&base).unwrap().id().to_string();
            let mut pr = json!({
                "base": {
                    "ref": if base_is_branch { check.base.as_str() } else { "main" },
                    "sha": base_sha,
                },
                "head": {"sha": head},
                "user": {"login": user},
                "draft": event.draft,
            });
            if let Some(n) = event.number {
                pr["number"] = json!(n);
            }
            if let Some(t) = &event.updated_at {
                pr["updated_at"] = json!(time(t, "check.event.updated_at")?);
            } else if now.is_none() {
                return Err("check: an event needs now or event.updated_at".into());
            }
            let payload = json!({
                "action": "synchronize",
                "pull_request": pr,
                "sender": {"login": sender},
            });
            let path = scratch.path().join("event.json");
            fs::write(&path, serde_json::to_string_pretty(&payload).unwrap()).unwrap();
            args.extend(["--event".into(), path.to_str().unwrap().to_owned()]);
            if let Some(now) = now {
                args.extend(["--now".into(), now]);
            }
        }
    }
    if check.draft {
        args.push("--draft".into());
    }
    let root = built.province.root();
    let run_in = |lang: &str, format: &str| -> Result<(i32, String), String> {
        let mut all: Vec<&str> = args.iter().map(String::as_str).collect();
        all.extend(["--format", format]);
        let o: Output = cchc_in(lang, &root, &all, None);
        let status = o.status.code().unwrap_or(-1);
        if status != 0 && status != 1 {
            return Err(format!(
                "check-pr --format {format} could not run (exit {status}):\n{}{}",
                text(&o.stdout),
                text(&o.stderr)
            ));
        }
        Ok((status, text(&o.stdout)))
    };
    let (status, json_out) = run_in("en", "json")?;
    let (human_status, human) = run_in("vi", "human")?;
    if human_status != status {
        return Err(format!(
            "exit {status} in json but {human_status} in human:\n{human}"
        ));
    }
    let value: Value = serde_json::from_str(&json_out)
        .map_err(|e| format!("check-pr printed no JSON ({e}):\n{json_out}"))?;
    let verdict = value["verdict"].as_str().unwrap_or_default().to_owned();
    let wanted = if status == 0 { "accepted" } else { "rejected" };
    if verdict != wanted {
        return Err(format!("exit {status} with verdict {verdict:?}"));
    }
    // The branch's problems and every file's.
    let codes = std::iter::once(&value["branch"])
        .chain(value["files"].as_array().into_iter().flatten())
        .flat_map(|f| f["problems"].as_array().into_iter().flatten())
        .filter_map(|p| p["code"].as_str().map(str::to_owned))
        .collect();
    // The exit status as the first key, keeping the printed order.
    let body = json_out
        .strip_prefix("{\n")
        .ok_or("the JSON is not an object")?;
    let json_out = format!("{{\n  \"exit_status\": {status},\n{body}");
    let names = &built.commits;
    let scratch_dir = built.province.dir.path();
    Ok(Outputs {
        json: normalise(&json_out, names, scratch_dir),
        human: normalise(&human, names, scratch_dir),
        verdict,
        codes,
    })
}

/// Commit ids, full or short (7 hex digits standing alone), as `<name>`;
/// the repository's folder as `<repo>`.
fn normalise(text: &str, commits: &[(String, Oid)], dir: &Path) -> String {
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

// ---- comparing ----

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

fn compare(path: &Path, actual: &str, update: bool) -> Result<(), String> {
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

// ---- the test ----

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/gate-cases")
}

fn case_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(root())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// Runs every case, a few at once; results in the order of `dirs`.
fn run_all(dirs: &[PathBuf]) -> Vec<Result<Outputs, String>> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<Outputs, String>>>> =
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

#[test]
fn gate_cases() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let dirs = case_dirs();
    assert!(!dirs.is_empty(), "no case under {}", root().display());
    let mut failures = Vec::new();
    let mut covered: BTreeSet<String> = BTreeSet::new();
    for (dir, result) in dirs.iter().zip(run_all(&dirs)) {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let out = match result {
            Ok(out) => out,
            Err(e) => {
                failures.push(format!("[{name}] {e}"));
                continue;
            }
        };
        covered.extend(out.codes.iter().cloned());
        for (file, text) in [("expected.json", &out.json), ("expected.human", &out.human)] {
            if let Err(e) = compare(&dir.join(file), text, update) {
                failures.push(format!("[{name}] {e}"));
            }
        }
        // A name says what the case shows: a code it reports, or its
        // acceptance.
        let first = name.split('-').next().unwrap_or_default();
        if let Some(code) = Code::parse(first)
            && !out.codes.contains(code.as_str())
        {
            failures.push(format!("[{name}] does not report {}", code.as_str()));
        }
        if first == "accepted" && out.verdict != "accepted" {
            failures.push(format!("[{name}] is {}, not accepted", out.verdict));
        }
    }
    let uncovered: Vec<&str> = Code::ALL
        .iter()
        .filter(|c| c.is_gate() && !covered.contains(c.as_str()))
        .map(|c| c.as_str())
        .collect();
    if !uncovered.is_empty() {
        failures.push(format!(
            "gate codes no case reports: {}",
            uncovered.join(", ")
        ));
    }
    assert!(
        failures.is_empty(),
        "{} failures in {} gate cases:\n\n{}",
        failures.len(),
        dirs.len(),
        failures.join("\n\n")
    );
}
