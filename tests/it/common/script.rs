//! Scripted repositories described as data: the part of a case's
//! `case.toml` that both data-driven runners share (`tests/it/gate_cases/`,
//! `tests/it/history_cases.rs`). The office's first commit on main (the
//! fixture `tests/fixtures/mini/` or a folder of it, maybe under a prefix
//! folder, maybe with edits), named `setup`; named commits with their
//! parents, times and edits; where the branches point. The keys are listed
//! in tests/gate-cases/README.md.
//!
//! Each runner adds one table of its own (the gate's `[check]`, the
//! history's `[[run]]`) and reads it from the same text.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use git2::Oid;
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::{Blob, Edit, Province, Scripted, WRITTEN, cchc, fixture, report_text, revised, text};

// ---- the case format ----

/// The repository a `case.toml` scripts, and what the case proves.
#[derive(Deserialize)]
pub struct Script {
    /// What the case proves.
    pub description: String,
    #[serde(default)]
    pub setup: Setup,
    #[serde(default, rename = "commit")]
    pub commits: Vec<CommitSpec>,
    /// Branch name → commit name, set after every commit is made; `main`
    /// is `setup` unless moved. A name starting with `refs/` is a whole
    /// reference, e.g. a remote-tracking branch.
    #[serde(default)]
    pub branches: BTreeMap<String, String>,
    /// The other tables: only the runner's own may be there.
    #[serde(flatten)]
    other: BTreeMap<String, toml::Value>,
}

/// Reads `case.toml` of the case folder `dir`: the scripted repository,
/// and the runner's part `R` (read from the same text: its table `key`,
/// which `R` holds). Any other key at the top is refused.
pub fn read_case<R: DeserializeOwned>(dir: &Path, key: &str) -> Result<(Script, R), String> {
    let text = fs::read_to_string(dir.join("case.toml")).map_err(|e| format!("case.toml: {e}"))?;
    let script: Script = toml::from_str(&text).map_err(|e| format!("case.toml: {e}"))?;
    if let Some(other) = script.other.keys().find(|k| *k != key) {
        return Err(format!("case.toml: unknown key {other:?}"));
    }
    if script.description.trim().is_empty() {
        return Err("case.toml: say in description what the case proves".into());
    }
    let runner: R = toml::from_str(&text).map_err(|e| format!("case.toml: {e}"))?;
    Ok((script, runner))
}

/// The office's first commit on main, named `setup`.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Setup {
    /// The part of the fixture committed: "" (all of it) or one of its
    /// folders, e.g. "content".
    #[serde(default)]
    pub fixture: String,
    /// The folder the fixture goes in: "" (the top) or e.g. "data/".
    #[serde(default)]
    pub prefix: String,
    /// Changes made in the same commit (paths of the repository).
    #[serde(default, rename = "edit")]
    pub edits: Vec<EditSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommitSpec {
    pub name: String,
    /// Names of earlier commits (or `setup`), the first parent first.
    /// Default: the commit listed before, or `setup` for the first.
    pub parents: Option<Vec<String>>,
    /// The author time. Default: the units' [`WRITTEN`].
    pub author: Option<toml::value::Datetime>,
    /// The committer time. Default: the author time.
    pub committer: Option<toml::value::Datetime>,
    pub message: Option<String>,
    /// Start from Git's merge of the two parents instead of the first
    /// parent's tree.
    #[serde(default)]
    pub merge: bool,
    /// Changes relative to the first parent's tree (or the merge).
    #[serde(default, rename = "edit")]
    pub edits: Vec<EditSpec>,
}

/// A change of one path: exactly one source, then modifiers of the bytes.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EditSpec {
    /// The path in the repository (with the prefix, if any).
    pub path: String,
    // Sources of a regular (or executable) file.
    pub text: Option<String>,
    /// A file of the case's files/ folder.
    pub file: Option<String>,
    /// A file of the fixture tests/fixtures/mini/, by its path there.
    pub fixture: Option<String>,
    /// A unit's valid report (noi-vu and tu-phap: the fixture's).
    pub report: Option<String>,
    /// A unit's valid report with a note added: a revision, still valid.
    pub revised: Option<String>,
    /// The CODEOWNERS `cchc codeowners` generates from the fixture.
    #[serde(default)]
    pub codeowners: bool,
    // Other kinds.
    /// A symbolic link to this target.
    pub link: Option<String>,
    /// A submodule naming this commit (a name of the case).
    pub gitlink: Option<String>,
    #[serde(default)]
    pub delete: bool,
    // Modifiers of a file's bytes, in this order.
    /// Each `from` must be in the text; every occurrence becomes `to`.
    #[serde(default)]
    pub replace: Vec<Replace>,
    pub append: Option<String>,
    /// Appended `times` times.
    pub repeat: Option<String>,
    pub times: Option<usize>,
    /// Lines of `#` (100 bytes at most) added up to exactly this size.
    pub pad_to: Option<usize>,
    /// Mode 100755 instead of 100644.
    #[serde(default)]
    pub exec: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Replace {
    pub from: String,
    pub to: String,
}

// ---- building the repository ----

/// The case's repository and the ids of its named commits.
pub struct Built {
    pub province: Province,
    /// Commit name → id, `setup` first, in the order made.
    pub commits: Vec<(String, Oid)>,
}

impl Built {
    pub fn commit(&self, name: &str) -> Option<Oid> {
        self.commits
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, id)| *id)
    }

    /// Checks out the local branch `branch` into the work tree (forced);
    /// `what` names the key that asked, for the error.
    pub fn check_out(&self, branch: &str, what: &str) -> Result<(), String> {
        self.province
            .repo
            .find_branch(branch, git2::BranchType::Local)
            .map_err(|_| format!("{what}: no branch {branch}"))?;
        self.province.check_out(branch);
        Ok(())
    }
}

/// An RFC 3339 time with its offset, from TOML.
pub fn time(d: &toml::value::Datetime, what: &str) -> Result<String, String> {
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

impl Script {
    /// Makes the repository in a temporary folder, `main` checked out;
    /// `dir` is the case's folder (for `files/`).
    pub fn build(&self, dir: &Path) -> Result<Built, String> {
        let mut commits: Vec<(String, Oid)> = Vec::new();
        let setup = self
            .setup
            .edits
            .iter()
            .map(|e| edit(dir, e, &commits))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| format!("setup: {e}"))?;
        let province = Province::build_part(&self.setup.fixture, &self.setup.prefix, &setup);
        commits.push(("setup".to_owned(), province.main));
        for c in &self.commits {
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
        for (branch, name) in &self.branches {
            let id = built
                .commit(name)
                .ok_or_else(|| format!("branches: {branch} = {name:?} is no commit"))?;
            if branch.starts_with("refs/") {
                built
                    .province
                    .repo
                    .reference(branch, id, true, "case")
                    .map_err(|e| format!("branches: {branch}: {e}"))?;
            } else {
                built.province.set_branch(branch, id);
            }
        }
        Ok(built)
    }
}
