//! Building a case's repository.

use std::fs;
use std::path::Path;

use git2::Oid;

use super::format::{Case, EditSpec};
use crate::common::{
    Blob, Edit, Province, Scripted, WRITTEN, cchc, fixture, report_text, revised, text,
};

/// The case's repository and the ids of its named commits.
pub(super) struct Built {
    pub(super) province: Province,
    /// Commit name → id, `setup` first, in the order made.
    pub(super) commits: Vec<(String, Oid)>,
}

impl Built {
    pub(super) fn commit(&self, name: &str) -> Option<Oid> {
        self.commits
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, id)| *id)
    }
}

/// An RFC 3339 time with its offset, from TOML.
pub(super) fn time(d: &toml::value::Datetime, what: &str) -> Result<String, String> {
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

pub(super) fn build(dir: &Path, case: &Case) -> Result<Built, String> {
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
