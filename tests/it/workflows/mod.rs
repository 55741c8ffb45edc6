//! The safety properties of the GitHub workflows that a careless edit could
//! break, checked on the parsed YAML: the gate runs on `pull_request` only,
//! with a read-only token; the tool that judges is the base branch's, built
//! where no file of the pull request can reach it (never in the pull
//! request's checkout, toolchain and `CARGO_HOME` explicit) and with no
//! cache; no run of a pull request saves a cache; the gate job cannot be
//! skipped and runs again when the pull request's base changes; every action
//! is pinned to a commit. The checkers are also run on the workflow as it
//! was before issue 11 and on small bad variants, to show that they fail.
//! (actionlint checks the workflows' syntax in .ci/run.)

// Test code: a failed unwrap is a failed test with its message.

mod checkers;
mod failing;
mod repository;

use crate::common::root;
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use yaml_rust2::{Yaml, YamlLoader};

fn parse(name: &str, text: &str) -> Yaml {
    let mut docs = YamlLoader::load_from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(docs.len(), 1, "{name}: one YAML document");
    docs.remove(0)
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn workflow(name: &str) -> Yaml {
    parse(name, &read(&root().join(".github/workflows").join(name)))
}

/// Every workflow: its file name, its text and its YAML.
fn all() -> Vec<(String, String, Yaml)> {
    let mut names: Vec<String> = fs::read_dir(root().join(".github/workflows"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| {
            Path::new(n)
                .extension()
                .is_some_and(|e| e == "yml" || e == "yaml")
        })
        .collect();
    names.sort();
    assert!(!names.is_empty());
    names
        .into_iter()
        .map(|n| {
            let text = read(&root().join(".github/workflows").join(&n));
            let yaml = parse(&n, &text);
            (n, text, yaml)
        })
        .collect()
}

/// The gate workflow before issue 11 (see the comment at its top).
fn before_issue_11() -> Yaml {
    let name = "validate-before-issue-11.yml";
    parse(
        name,
        &read(&root().join("tests/fixtures/workflows").join(name)),
    )
}

fn entries(y: &Yaml) -> Vec<(&str, &Yaml)> {
    y.as_hash()
        .map(|h| {
            h.iter()
                .filter_map(|(k, v)| k.as_str().map(|k| (k, v)))
                .collect()
        })
        .unwrap_or_default()
}

fn list(y: &Yaml) -> &[Yaml] {
    y.as_vec().map_or(&[], Vec::as_slice)
}

/// A scalar as GitHub reads it (`fetch-depth: 0` is a number,
/// `persist-credentials: false` a boolean).
fn scalar(y: &Yaml) -> Option<String> {
    match y {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Every string in a node, keys and values, at any depth.
fn strings(y: &Yaml) -> Vec<&str> {
    match y {
        Yaml::String(s) => vec![s.as_str()],
        Yaml::Array(a) => a.iter().flat_map(strings).collect(),
        Yaml::Hash(h) => h
            .iter()
            .flat_map(|(k, v)| strings(k).into_iter().chain(strings(v)))
            .collect(),
        _ => Vec::new(),
    }
}

/// An expression or a condition without its `${{ }}` and with no white
/// space, for comparing: `${{ github.event.pull_request.base.sha }}` and
/// `github.event.pull_request.base.sha` are the same.
fn bare(s: &str) -> String {
    let t = s.trim();
    let t = t
        .strip_prefix("${{")
        .and_then(|t| t.strip_suffix("}}"))
        .unwrap_or(t);
    t.split_whitespace().collect()
}

/// What `on:` names: a string, a list or the keys of a map.
fn triggers(wf: &Yaml) -> BTreeSet<String> {
    let on = &wf["on"];
    match on {
        Yaml::String(s) => BTreeSet::from([s.clone()]),
        Yaml::Array(a) => a.iter().filter_map(scalar).collect(),
        _ => entries(on).into_iter().map(|(k, _)| k.to_owned()).collect(),
    }
}

/// The activity types a trigger is limited to (none: every type).
fn types(wf: &Yaml, trigger: &str) -> Option<BTreeSet<String>> {
    match &wf["on"][trigger]["types"] {
        Yaml::BadValue | Yaml::Null => None,
        Yaml::Array(a) => Some(a.iter().filter_map(scalar).collect()),
        other => Some(scalar(other).into_iter().collect()),
    }
}

fn jobs(wf: &Yaml) -> Vec<(&str, &Yaml)> {
    entries(&wf["jobs"])
}

fn steps(job: &Yaml) -> &[Yaml] {
    list(&job["steps"])
}

/// A step's name for a message: its `name`, else what it uses or runs.
fn label(step: &Yaml) -> String {
    ["name", "uses", "run"]
        .iter()
        .find_map(|k| step[*k].as_str())
        .map_or_else(
            || "a step".to_owned(),
            |s| s.lines().next().unwrap_or("").to_owned(),
        )
}

/// The action a step uses, split at `@`: (`actions/checkout`, the commit).
fn action(step: &Yaml) -> Option<(&str, &str)> {
    step["uses"]
        .as_str()
        .map(|u| u.split_once('@').unwrap_or((u, "")))
}

fn uses(step: &Yaml, name: &str) -> bool {
    action(step).is_some_and(|(a, _)| a == name)
}

fn run(step: &Yaml) -> &str {
    step["run"].as_str().unwrap_or("")
}

fn condition(y: &Yaml) -> Option<String> {
    scalar(&y["if"]).map(|c| bare(&c))
}
