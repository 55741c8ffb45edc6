//! The checkers: of a workflow that runs on pull requests, and of the gate
//! job itself.

use std::collections::BTreeSet;
use std::fmt;

use yaml_rust2::Yaml;

use super::{
    action, bare, condition, entries, jobs, label, run, scalar, steps, strings, triggers, types,
    uses,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A job checks out the pull request's code and runs cargo or rustup:
    /// the pull request's `.cargo/config.toml`, `rust-toolchain.toml` or
    /// build scripts then run in that job.
    PullRequestCodeAndCargo,
    /// A job that runs cargo names the pull request's commits (and so may
    /// fetch them) in a step's script, environment or inputs.
    PullRequestCommitsInCargoJob,
    /// Cargo runs with a working directory that is not a checkout of the
    /// base commit, or from a script that changes directory: cargo reads
    /// `.cargo/config.toml` and rustup `rust-toolchain.toml` from there and
    /// its parents (`--manifest-path` does not change that).
    CargoOutsideBaseCheckout,
    /// Cargo runs without `RUSTUP_TOOLCHAIN`, or without a `CARGO_HOME` of
    /// its own under the runner's temporary folder.
    CargoEnvironment,
    /// An action that runs cargo or rustup: what it reads is not visible.
    CargoAction,
    /// A step saves a cache in a run of a pull request.
    SavesCache,
    /// The gate workflow uses a cache at all.
    CacheInGate,
}

#[derive(Debug, Clone)]
pub(super) struct Problem {
    pub(super) kind: Kind,
    pub(super) job: String,
    pub(super) step: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            Kind::PullRequestCodeAndCargo => "checks out the pull request's code and runs cargo",
            Kind::PullRequestCommitsInCargoJob => {
                "runs cargo in a job that names the pull request's commits"
            }
            Kind::CargoOutsideBaseCheckout => "runs cargo outside the base commit's checkout",
            Kind::CargoEnvironment => {
                "runs cargo without RUSTUP_TOOLCHAIN or its own CARGO_HOME under the runner's temporary folder"
            }
            Kind::CargoAction => "runs cargo through an action",
            Kind::SavesCache => "saves a cache in a pull request's run",
            Kind::CacheInGate => "uses a cache in the gate workflow",
        };
        write!(f, "job {}, step {:?}: {what}", self.job, self.step)
    }
}

pub(super) fn kinds(problems: &[Problem]) -> BTreeSet<String> {
    problems.iter().map(|p| format!("{:?}", p.kind)).collect()
}

pub(super) fn is_checkout(step: &Yaml) -> bool {
    uses(step, "actions/checkout")
}

/// A checkout of the base commit of this repository, not of the pull
/// request (actions/checkout's default on `pull_request` is the merge
/// commit, which holds the pull request's files).
pub(super) fn is_base_checkout(step: &Yaml) -> bool {
    let with = &step["with"];
    is_checkout(step)
        && with["ref"]
            .as_str()
            .is_some_and(|r| bare(r) == "github.event.pull_request.base.sha")
        && with["repository"]
            .as_str()
            .is_none_or(|r| bare(r) == "github.repository")
}

/// A working directory or checkout path relative to the workspace, without
/// `./` and trailing slashes (`""` is the workspace itself).
fn workspace_path(s: &str) -> String {
    let s = s.trim();
    let s = [
        "${{ github.workspace }}",
        "${{github.workspace}}",
        "$GITHUB_WORKSPACE",
    ]
    .iter()
    .find_map(|p| s.strip_prefix(p))
    .unwrap_or(s);
    let mut s = s.trim_start_matches('/');
    while let Some(rest) = s.strip_prefix("./") {
        s = rest;
    }
    let s = s.trim_end_matches('/');
    if s == "." {
        String::new()
    } else {
        s.to_owned()
    }
}

pub(super) fn runs_cargo(step: &Yaml) -> bool {
    let r = run(step);
    r.contains("cargo") || r.contains("rustup")
}

/// Whether a script changes its working directory (`cd`, `pushd`, cargo's
/// `-C`), so that its `working-directory` does not say where cargo runs.
fn changes_directory(script: &str) -> bool {
    script
        .split(|c: char| c.is_whitespace() || matches!(c, ';' | '&' | '|' | '(' | ')' | '`'))
        .any(|word| matches!(word, "cd" | "pushd" | "-C") || word.starts_with("-C"))
}

fn is_cargo_action(step: &Yaml) -> bool {
    action(step).is_some_and(|(a, _)| {
        let a = a.to_ascii_lowercase();
        a.contains("cargo") || a.contains("rustup") || a.contains("rust-toolchain")
    })
}

/// Whether a condition is false on every `pull_request` run: one of its
/// `&&` terms compares `github.event_name` with another event, or
/// `github.ref` with a branch. Anything else (an `||`, a negation) counts
/// as not excluding.
pub(super) fn excludes_pull_request(cond: &str) -> bool {
    let c = bare(cond).replace('"', "'");
    if c.contains("||") {
        return false;
    }
    c.split("&&").any(|term| {
        let term: String = term.chars().filter(|ch| !matches!(ch, '(' | ')')).collect();
        let value = |name: &str| {
            term.strip_prefix(&format!("{name}=="))
                .or_else(|| term.strip_suffix(&format!("=={name}")))
                .and_then(|v| v.strip_prefix('\''))
                .and_then(|v| v.strip_suffix('\''))
                .map(str::to_owned)
        };
        value("github.event_name").is_some_and(|e| !e.starts_with("pull_request"))
            || value("github.ref").is_some_and(|r| r.starts_with("refs/heads/"))
            || term == "github.event_name!='pull_request'"
    })
}

/// How a step uses a cache, if it does: (restores, saves).
pub(super) fn cache(step: &Yaml) -> Option<(bool, bool)> {
    let (name, _) = action(step)?;
    let setup_cache = name.starts_with("actions/setup-")
        && scalar(&step["with"]["cache"]).is_some_and(|c| !c.is_empty() && c != "false");
    match name {
        "actions/cache/restore" => Some((true, false)),
        "actions/cache/save" => Some((false, true)),
        // actions/cache restores, then saves in its post step; so does any
        // other caching action (Swatinem/rust-cache, setup-* with `cache:`).
        _ if setup_cache || name.to_ascii_lowercase().contains("cache") => Some((true, true)),
        _ => None,
    }
}

/// The environment variables a step sees that the workflow sets.
fn environment<'a>(wf: &'a Yaml, job: &'a Yaml, step: &'a Yaml) -> Vec<(&'a str, String)> {
    [&wf["env"], &job["env"], &step["env"]]
        .into_iter()
        .flat_map(entries)
        .filter_map(|(k, v)| scalar(v).map(|v| (k, v)))
        .collect()
}

/// Names of the pull request's commits that a job could fetch or check out
/// by hand.
const PULL_REQUEST_COMMITS: &[&str] = &[
    "github.event.pull_request.head",
    "refs/pull/",
    "github.sha",
    "GITHUB_SHA",
    "github.head_ref",
    "GITHUB_HEAD_REF",
    "github.event.pull_request.merge_commit_sha",
];

/// What is wrong with a workflow that runs on `pull_request`, for the
/// judging tool and for caches; nothing for a workflow that does not. `gate`:
/// this is the gate's workflow, which may use no cache at all (on
/// `pull_request` the workflow file is the pull request's: one commit of it
/// could save a poisoned cache that later runs of the same pull request,
/// clean-looking, would restore).
pub(super) fn pull_request_problems(wf: &Yaml, gate: bool) -> Vec<Problem> {
    let mut out = Vec::new();
    if !triggers(wf).contains("pull_request") {
        return out;
    }
    for (job_name, job) in jobs(wf) {
        let mut problem = |kind: Kind, step: &Yaml| {
            out.push(Problem {
                kind,
                job: job_name.to_owned(),
                step: label(step),
            });
        };
        let cargo: Vec<&Yaml> = steps(job)
            .iter()
            .filter(|s| runs_cargo(s) || is_cargo_action(s))
            .collect();
        if let Some(first) = cargo.first() {
            if let Some(checkout) = steps(job)
                .iter()
                .find(|s| is_checkout(s) && !is_base_checkout(s))
            {
                problem(Kind::PullRequestCodeAndCargo, checkout);
            }
            if strings(job)
                .iter()
                .any(|s| PULL_REQUEST_COMMITS.iter().any(|c| s.contains(c)))
            {
                problem(Kind::PullRequestCommitsInCargoJob, first);
            }
        }
        for (i, step) in steps(job).iter().enumerate() {
            if is_cargo_action(step) {
                problem(Kind::CargoAction, step);
            }
            if runs_cargo(step) {
                let dir = [
                    &step["working-directory"],
                    &job["defaults"]["run"]["working-directory"],
                    &wf["defaults"]["run"]["working-directory"],
                ]
                .into_iter()
                .find_map(Yaml::as_str)
                .map(workspace_path)
                .unwrap_or_default();
                let base_checkout_there = steps(job)[..i].iter().any(|s| {
                    is_base_checkout(s)
                        && workspace_path(s["with"]["path"].as_str().unwrap_or("")) == dir
                });
                if !base_checkout_there || changes_directory(run(step)) {
                    problem(Kind::CargoOutsideBaseCheckout, step);
                }
                let env = environment(wf, job, step);
                let set = |name: &str, under_temp: bool| {
                    env.iter().any(|(k, v)| {
                        *k == name
                            && !v.trim().is_empty()
                            && (!under_temp
                                || v.contains("runner.temp")
                                || v.contains("RUNNER_TEMP"))
                    })
                };
                if !set("RUSTUP_TOOLCHAIN", false) || !set("CARGO_HOME", true) {
                    problem(Kind::CargoEnvironment, step);
                }
            }
            if let Some((_, saves)) = cache(step) {
                if gate {
                    problem(Kind::CacheInGate, step);
                }
                let excluded = [condition(step), condition(job)]
                    .into_iter()
                    .flatten()
                    .any(|c| excludes_pull_request(&c));
                if saves && !excluded {
                    problem(Kind::SavesCache, step);
                }
            }
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum GateProblem {
    /// `pull_request` is not among the triggers.
    NotOnPullRequest,
    /// An activity type the gate must run on is missing (`edited`: a change
    /// of base; the others: a push, a reopening, draft or ready).
    MissingType(&'static str),
    /// No job `gate` named `gate` (what branch protection requires).
    NoGateJob,
    /// The gate job has a condition that can skip it: a skipped job counts
    /// as passed for a required check.
    MaySkip,
    /// The gate job needs another job without `if: always()`: it is skipped
    /// (and so passes) when that job fails.
    SkippedWhenNeedsFail,
    /// The gate job does not run `check-pr` on the event as it should.
    NoCheckPr,
    /// The gate's checkout of the pull request is shallow: arrival times and
    /// the merge base need the whole history.
    ShallowCheckout,
}

pub(super) fn gate_problems(wf: &Yaml) -> BTreeSet<GateProblem> {
    let mut out = BTreeSet::new();
    if !triggers(wf).contains("pull_request") {
        out.insert(GateProblem::NotOnPullRequest);
    }
    // None: every activity type, which includes these.
    if let Some(types) = types(wf, "pull_request") {
        for t in [
            "opened",
            "synchronize",
            "reopened",
            "edited",
            "ready_for_review",
            "converted_to_draft",
        ] {
            if !types.contains(t) {
                out.insert(GateProblem::MissingType(t));
            }
        }
    }
    let gate = &wf["jobs"]["gate"];
    if gate.is_badvalue() || gate["name"].as_str() != Some("gate") {
        out.insert(GateProblem::NoGateJob);
        return out;
    }
    match condition(gate) {
        None => {}
        Some(c) if c == "always()" => {}
        Some(_) => {
            out.insert(GateProblem::MaySkip);
        }
    }
    let needs = !matches!(gate["needs"], Yaml::BadValue | Yaml::Null);
    if needs && condition(gate).as_deref() != Some("always()") {
        out.insert(GateProblem::SkippedWhenNeedsFail);
    }
    let check = steps(gate).iter().find(|s| run(s).contains("check-pr"));
    let runs_as_it_should = check.is_some_and(|s| {
        let r = run(s);
        r.contains("--event \"$GITHUB_EVENT_PATH\"")
            && r.contains("--format github")
            && r.contains("--comment ")
            && condition(s).is_none()
    });
    if !runs_as_it_should {
        out.insert(GateProblem::NoCheckPr);
    }
    let full = steps(gate)
        .iter()
        .filter(|s| is_checkout(s))
        .all(|s| scalar(&s["with"]["fetch-depth"]).as_deref() == Some("0"));
    if !full || !steps(gate).iter().any(is_checkout) {
        out.insert(GateProblem::ShallowCheckout);
    }
    out
}
