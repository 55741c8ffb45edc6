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

use std::collections::BTreeSet;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use yaml_rust2::{Yaml, YamlLoader};

// ---------------------------------------------------------------------------
// Reading workflows

fn parse(name: &str, text: &str) -> Yaml {
    let mut docs = YamlLoader::load_from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(docs.len(), 1, "{name}: one YAML document");
    docs.remove(0)
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
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

// ---------------------------------------------------------------------------
// The checker of a workflow that runs on pull requests

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
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
struct Problem {
    kind: Kind,
    job: String,
    step: String,
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

fn kinds(problems: &[Problem]) -> BTreeSet<String> {
    problems.iter().map(|p| format!("{:?}", p.kind)).collect()
}

fn is_checkout(step: &Yaml) -> bool {
    uses(step, "actions/checkout")
}

/// A checkout of the base commit of this repository, not of the pull
/// request (actions/checkout's default on `pull_request` is the merge
/// commit, which holds the pull request's files).
fn is_base_checkout(step: &Yaml) -> bool {
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

fn runs_cargo(step: &Yaml) -> bool {
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
fn excludes_pull_request(cond: &str) -> bool {
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
fn cache(step: &Yaml) -> Option<(bool, bool)> {
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
fn pull_request_problems(wf: &Yaml, gate: bool) -> Vec<Problem> {
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

// ---------------------------------------------------------------------------
// The checker of the gate job itself

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum GateProblem {
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

fn gate_problems(wf: &Yaml) -> BTreeSet<GateProblem> {
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

// ---------------------------------------------------------------------------
// The repository's workflows

#[test]
fn no_workflow_runs_pull_request_code_with_a_write_token() {
    for (name, _, wf) in all() {
        assert!(
            !triggers(&wf).contains("pull_request_target"),
            "{name} uses pull_request_target"
        );
        for (job, j) in jobs(&wf) {
            for step in steps(j).iter().filter(|s| is_checkout(s)) {
                assert_eq!(
                    scalar(&step["with"]["persist-credentials"]).as_deref(),
                    Some("false"),
                    "{name}, job {job}: a checkout keeps no token in .git/config"
                );
            }
        }
    }
    let v = workflow("validate.yml");
    assert!(
        triggers(&v).contains("pull_request"),
        "validate.yml runs on pull_request"
    );
    // Every workflow that runs on pull requests (the gate, and ci.yml, which
    // runs the pull request's code) is read-only: the workflow's
    // `permissions:` is given, and no job's asks for more.
    for name in ["validate.yml", "ci.yml"] {
        let wf = workflow(name);
        let top: Vec<(&str, String)> = entries(&wf["permissions"])
            .into_iter()
            .map(|(k, v)| (k, scalar(v).unwrap_or_default()))
            .collect();
        assert_eq!(
            top,
            [("contents", "read".to_owned())],
            "{name} is read-only"
        );
        let mut all_permissions = vec![&wf["permissions"]];
        all_permissions.extend(jobs(&wf).into_iter().map(|(_, j)| &j["permissions"]));
        for p in all_permissions {
            match p {
                Yaml::BadValue => {}
                Yaml::String(s) => assert_eq!(s, "read-all", "{name}: permissions: {s}"),
                _ => {
                    for (scope, level) in entries(p) {
                        let level = scalar(level).unwrap_or_default();
                        assert!(
                            level == "read" || level == "none",
                            "{name} asks for {scope}: {level}"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn no_workflow_of_a_pull_request_lets_its_files_reach_the_judging_tool_or_saves_a_cache() {
    for (name, _, wf) in all() {
        let problems = pull_request_problems(&wf, name == "validate.yml");
        assert!(
            problems.is_empty(),
            "{name}:\n{}",
            problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
    // The check above is not vacuous: the gate's tool is built by cargo, in
    // a job of its own, from a checkout of the base commit.
    let v = workflow("validate.yml");
    let tool = &v["jobs"]["tool"];
    assert!(steps(tool).iter().any(runs_cargo));
    assert!(
        steps(tool)
            .iter()
            .all(|s| !is_checkout(s) || is_base_checkout(s))
    );
    assert!(
        steps(tool)
            .iter()
            .any(|s| uses(s, "actions/upload-artifact")
                && s["with"]["name"].as_str() == Some("cchc-tool"))
    );
    // ci.yml runs the pull request's own code by design (it is the tool's
    // CI, through .ci/run, where this checker cannot look): it restores and
    // never saves on a pull request, and the gate never uses what it makes.
    let ci = workflow("ci.yml");
    let cached: Vec<&Yaml> = steps(&ci["jobs"]["test"])
        .iter()
        .filter(|s| cache(s).is_some())
        .collect();
    assert!(
        cached.iter().any(|s| uses(s, "actions/cache/restore"))
            && cached.iter().any(|s| uses(s, "actions/cache/save")),
        "ci.yml restores on every run and saves on pushes"
    );
}

#[test]
fn the_gate_is_the_base_branchs_tool_cannot_be_skipped_and_sees_the_full_history() {
    let v = workflow("validate.yml");
    assert_eq!(gate_problems(&v), BTreeSet::new());
    let gate = &v["jobs"]["gate"];
    // The gate job builds nothing: it runs the binary the tool job left in
    // this run (no run-id: not another run's).
    assert!(
        !steps(gate)
            .iter()
            .any(|s| runs_cargo(s) || cache(s).is_some())
    );
    let download = steps(gate)
        .iter()
        .find(|s| uses(s, "actions/download-artifact"))
        .expect("the gate downloads the tool");
    assert_eq!(download["with"]["name"].as_str(), Some("cchc-tool"));
    assert!(download["with"]["run-id"].is_badvalue());
    let dir = download["with"]["path"].as_str().unwrap();
    assert_eq!(bare(dir), "${{runner.temp}}/tool");
    let check = steps(gate)
        .iter()
        .find(|s| run(s).contains("check-pr"))
        .unwrap();
    assert!(run(check).contains("\"$RUNNER_TEMP/tool/cchc\" check-pr"));
    // The tool job never checks out the pull request's code: its only
    // checkout is of the base commit.
    let tool = &v["jobs"]["tool"];
    let checkouts: Vec<&Yaml> = steps(tool).iter().filter(|s| is_checkout(s)).collect();
    assert_eq!(checkouts.len(), 1);
    assert!(is_base_checkout(checkouts[0]));
    assert_eq!(gate["needs"].as_str(), Some("tool"));
}

#[test]
fn the_gate_takes_a_prebuilt_tool_only_from_publish_on_main() {
    // Both name the binary by .ci/tool-key over the same sources.
    let v = workflow("validate.yml");
    let p = workflow("publish.yml");
    let key = |job: &Yaml| {
        steps(job)
            .iter()
            .find(|s| run(s).contains("sh .ci/tool-key"))
            .cloned()
    };
    let tool = &v["jobs"]["tool"];
    let build = &p["jobs"]["build"];
    let key_step = key(tool).expect("validate.yml names the binary with .ci/tool-key");
    assert_eq!(key_step["working-directory"].as_str(), Some("base"));
    key(build).expect("publish.yml names the binary with .ci/tool-key");
    let upload = steps(build)
        .iter()
        .find(|s| {
            uses(s, "actions/upload-artifact")
                && s["with"]["path"].as_str() == Some("target/release/cchc")
        })
        .expect("publish.yml keeps the binary");
    let cond = condition(upload).unwrap();
    assert!(
        excludes_pull_request(&cond) && cond.contains("github.ref=='refs/heads/main'"),
        "from main only: {cond}"
    );
    // The gate's lookup accepts only a publish.yml run on main of this
    // repository, and no pull request event.
    let lookup = steps(tool)
        .iter()
        .find(|s| run(s).contains("gh run download"))
        .expect("the tool job looks for the prebuilt binary");
    let script = run(lookup);
    for accepted in ["push", "schedule", "workflow_dispatch"] {
        assert!(
            script.contains(&format!(
                "\"{accepted} main .github/workflows/publish.yml $REPO $REPO\""
            )),
            "{script}"
        );
    }
    assert!(!script.contains("pull_request"));
    assert_eq!(
        entries(&tool["permissions"])
            .into_iter()
            .map(|(k, v)| format!("{k}: {}", scalar(v).unwrap_or_default()))
            .collect::<Vec<_>>(),
        ["contents: read", "actions: read"]
    );
}

#[test]
fn the_comment_job_runs_no_pull_request_code_and_checks_the_head() {
    let c = workflow("comment.yml");
    assert!(triggers(&c).contains("workflow_run"));
    assert_eq!(
        list(&c["on"]["workflow_run"]["workflows"])
            .iter()
            .filter_map(Yaml::as_str)
            .collect::<Vec<_>>(),
        ["validate"]
    );
    for (job, j) in jobs(&c) {
        for step in steps(j) {
            assert!(
                !is_checkout(step),
                "comment.yml, job {job} must not check out the pull request"
            );
            assert!(
                !runs_cargo(step),
                "comment.yml, job {job} must not build or run code"
            );
        }
    }
    let comment = &c["jobs"]["comment"];
    let download = steps(comment)
        .iter()
        .find(|s| uses(s, "actions/download-artifact"))
        .unwrap();
    assert_eq!(
        bare(download["with"]["run-id"].as_str().unwrap()),
        "github.event.workflow_run.id"
    );
    // The verdict it reads is the one the gate job uploads.
    let v = workflow("validate.yml");
    let name = download["with"]["name"].as_str().unwrap();
    assert!(
        steps(&v["jobs"]["gate"])
            .iter()
            .any(|s| uses(s, "actions/upload-artifact") && s["with"]["name"].as_str() == Some(name))
    );
    let post = steps(comment)
        .iter()
        .find(|s| run(s).contains("gh api"))
        .unwrap();
    assert_eq!(
        post["env"]["RUN_HEAD_SHA"].as_str().map(bare).as_deref(),
        Some("github.event.workflow_run.head_sha")
    );
    assert!(run(post).contains("\"$pr_head\" != \"$RUN_HEAD_SHA\""));
    assert!(run(post).contains("<!-- cchc-gate -->"));
    // A pull request that changes the workflows wrote its own verdict file:
    // the job posts a fixed warning instead of it.
    let script = run(post);
    let guard = script
        .find("grep -q '^\\.github/'")
        .expect("the comment job looks for changes to .github/");
    let fixed = script
        .find("sửa quy trình kiểm tra")
        .expect("a fixed warning");
    let copied = script
        .find("head -c 60000 \"$body\" > gate/body.md")
        .expect("the verdict is copied otherwise");
    assert!(guard < fixed && fixed < copied, "{script}");
    assert!(script.contains("repos/$REPO/pulls/$number/files"));
}

#[test]
fn publishing_uses_full_history_and_a_schedule() {
    let p = workflow("publish.yml");
    let t = triggers(&p);
    for trigger in ["push", "schedule", "workflow_dispatch"] {
        assert!(t.contains(trigger), "publish.yml runs on {trigger}");
    }
    assert!(!t.iter().any(|t| t.starts_with("pull_request")));
    let build = &p["jobs"]["build"];
    let checkout = steps(build).iter().find(|s| is_checkout(s)).unwrap();
    assert_eq!(
        scalar(&checkout["with"]["fetch-depth"]).as_deref(),
        Some("0")
    );
    assert!(
        steps(build)
            .iter()
            .any(|s| run(s).contains("cchc build --out site"))
    );
    assert_eq!(
        p["jobs"]["deploy"]["permissions"]["pages"].as_str(),
        Some("write")
    );
}

#[test]
fn every_action_is_pinned_to_a_full_commit() {
    let mut cache_commits = BTreeSet::new();
    for (name, text, wf) in all() {
        let mut references: Vec<&str> = Vec::new();
        for (_, job) in jobs(&wf) {
            references.extend(job["uses"].as_str());
            references.extend(steps(job).iter().filter_map(|s| s["uses"].as_str()));
        }
        assert!(!references.is_empty(), "{name} uses no action");
        for reference in &references {
            let (action, sha) = reference
                .split_once('@')
                .unwrap_or_else(|| panic!("{name}: {reference} names no commit"));
            assert!(
                sha.len() == 40 && sha.bytes().all(|b| b.is_ascii_hexdigit()),
                "{name}: {action} is not pinned to a commit: {reference}"
            );
            if action == "actions/cache" || action.starts_with("actions/cache/") {
                cache_commits.insert(sha.to_owned());
            }
            // The version is a comment, which the YAML parser drops: look
            // for it on the lines that use this reference.
            let lines: Vec<&str> = text
                .lines()
                .filter(|l| l.split('#').next().unwrap().trim_end().ends_with(reference))
                .collect();
            assert!(
                !lines.is_empty(),
                "{name}: {reference} not on a line of its own"
            );
            for line in lines {
                let comment = line.split_once('#').map_or("", |(_, c)| c.trim());
                assert!(
                    comment.starts_with('v')
                        && comment[1..]
                            .split('.')
                            .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())),
                    "{name}: say which version {sha} is: {line}"
                );
            }
        }
    }
    // actions/cache/restore and actions/cache/save are parts of
    // actions/cache: one commit for all three.
    assert_eq!(cache_commits.len(), 1, "{cache_commits:?}");
}

// ---------------------------------------------------------------------------
// The checkers fail where they should

const SHA: &str = "11bd71901bbe5b1630ceea73d27597364c9af683";

/// A workflow on `pull_request` with one job made of `steps` (YAML list
/// items, indented by six spaces) and `extra` lines of the job.
fn one_job(job_lines: &str, steps: &str) -> Yaml {
    let text = format!(
        "on: pull_request\npermissions:\n  contents: read\njobs:\n  tool:\n    runs-on: ubuntu-latest\n{job_lines}    steps:\n{steps}"
    );
    parse("variant", &text)
}

fn base_checkout() -> String {
    format!(
        "      - uses: actions/checkout@{SHA} # v4.2.2\n        with:\n          ref: ${{{{ github.event.pull_request.base.sha }}}}\n          path: base\n          persist-credentials: false\n"
    )
}

const CARGO_ENV: &str = "        env:\n          RUSTUP_TOOLCHAIN: stable\n          CARGO_HOME: ${{ runner.temp }}/cargo-home\n";

fn assert_reported(problems: &[Problem], kind: Kind, what: &str) {
    assert!(
        problems.iter().any(|p| p.kind == kind),
        "{what}: {kind:?} not reported, only {:?}",
        kinds(problems)
    );
}

#[test]
fn the_checker_reports_the_workflow_before_issue_11() {
    let old = before_issue_11();
    let problems = pull_request_problems(&old, true);
    for kind in [
        Kind::PullRequestCodeAndCargo,
        Kind::CargoOutsideBaseCheckout,
        Kind::CargoEnvironment,
        Kind::CacheInGate,
        Kind::SavesCache,
    ] {
        assert_reported(&problems, kind, "validate.yml before issue 11");
    }
    assert!(problems.iter().all(|p| p.job == "gate"), "{problems:?}");
    assert_eq!(
        gate_problems(&old),
        BTreeSet::from([GateProblem::MissingType("edited")])
    );
}

#[test]
fn the_checker_accepts_cargo_in_the_base_checkout_with_its_own_environment() {
    let good = one_job(
        "",
        &format!(
            "{}      - run: cargo build --release --locked\n        working-directory: ./base/\n{CARGO_ENV}",
            base_checkout()
        ),
    );
    assert!(pull_request_problems(&good, true).is_empty());
    // The same through `defaults` and a workflow-wide environment.
    let text = format!(
        "on: [pull_request]\nenv:\n  RUSTUP_TOOLCHAIN: stable\n  CARGO_HOME: $RUNNER_TEMP/cargo\ndefaults:\n  run:\n    working-directory: base\njobs:\n  tool:\n    runs-on: ubuntu-latest\n    steps:\n{}      - run: cargo build --release --locked\n",
        base_checkout()
    );
    assert!(pull_request_problems(&parse("defaults", &text), true).is_empty());
    // A workflow that does not run on pull requests is not this checker's.
    let push = parse(
        "push",
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: cargo build\n",
    );
    assert!(pull_request_problems(&push, true).is_empty());
}

#[test]
fn the_checker_reports_cargo_where_the_pull_requests_files_can_reach_it() {
    let base = base_checkout();
    let pr_checkout = format!(
        "      - uses: actions/checkout@{SHA} # v4.2.2\n        with:\n          persist-credentials: false\n"
    );
    let head_checkout = format!(
        "      - uses: actions/checkout@{SHA} # v4.2.2\n        with:\n          ref: ${{{{ github.event.pull_request.head.sha }}}}\n          path: pr\n          persist-credentials: false\n"
    );
    let in_base = |script: &str| {
        format!("      - run: {script:?}\n        working-directory: base\n{CARGO_ENV}")
    };
    let cases: Vec<(&str, &str, String, Vec<Kind>)> = vec![
        (
            "cargo in the pull request's checkout (actions/checkout's default ref)",
            "",
            format!(
                "{pr_checkout}      - run: cargo build --release --locked --manifest-path \"$RUNNER_TEMP/base/Cargo.toml\"\n{CARGO_ENV}"
            ),
            vec![
                Kind::PullRequestCodeAndCargo,
                Kind::CargoOutsideBaseCheckout,
            ],
        ),
        (
            "both checked out in one job, cargo in the base's",
            "",
            format!("{base}{head_checkout}{}", in_base("cargo build")),
            vec![
                Kind::PullRequestCodeAndCargo,
                Kind::PullRequestCommitsInCargoJob,
            ],
        ),
        (
            "the base checked out, cargo in the workspace (--manifest-path does not help)",
            "",
            format!("{base}      - run: cargo build --manifest-path base/Cargo.toml\n{CARGO_ENV}"),
            vec![Kind::CargoOutsideBaseCheckout],
        ),
        (
            "rustup in another folder",
            "",
            format!(
                "{base}      - run: rustup show\n        working-directory: other\n{CARGO_ENV}"
            ),
            vec![Kind::CargoOutsideBaseCheckout],
        ),
        (
            "cd out of the base checkout",
            "",
            format!("{base}{}", in_base("cd .. && cargo build")),
            vec![Kind::CargoOutsideBaseCheckout],
        ),
        (
            "pushd out of the base checkout",
            "",
            format!(
                "{base}{}",
                in_base("pushd \"$GITHUB_WORKSPACE\"; cargo build")
            ),
            vec![Kind::CargoOutsideBaseCheckout],
        ),
        (
            "cargo -C",
            "",
            format!("{base}{}", in_base("cargo -C .. build")),
            vec![Kind::CargoOutsideBaseCheckout],
        ),
        (
            "the job's defaults, which a step without a working directory gets",
            "    defaults:\n      run:\n        working-directory: elsewhere\n",
            format!("{base}      - run: cargo build\n{CARGO_ENV}"),
            vec![Kind::CargoOutsideBaseCheckout],
        ),
        (
            "the base commit checked out from another repository",
            "",
            format!(
                "{base}          repository: ${{{{ github.event.pull_request.head.repo.full_name }}}}\n{}",
                in_base("cargo build")
            ),
            vec![Kind::PullRequestCodeAndCargo],
        ),
        (
            "an action that runs cargo",
            "",
            format!("{base}      - uses: actions-rs/cargo@{SHA} # v1.0.1\n"),
            vec![Kind::CargoAction],
        ),
    ];
    for (what, job_lines, steps, expected) in cases {
        let problems = pull_request_problems(&one_job(job_lines, &steps), false);
        for kind in expected {
            assert_reported(&problems, kind, what);
        }
    }
    // Cargo with the toolchain or CARGO_HOME left to what the files say:
    // that alone is reported.
    for env in [
        "",
        "        env:\n          RUSTUP_TOOLCHAIN: stable\n",
        "        env:\n          CARGO_HOME: ${{ runner.temp }}/cargo\n",
        "        env:\n          RUSTUP_TOOLCHAIN: stable\n          CARGO_HOME: ~/.cargo\n",
    ] {
        let missing = one_job(
            "",
            &format!("{base}      - run: cargo build\n        working-directory: base\n{env}"),
        );
        assert_eq!(
            kinds(&pull_request_problems(&missing, false)),
            BTreeSet::from(["CargoEnvironment".to_owned()]),
            "env {env:?}"
        );
    }
}

#[test]
fn the_checker_reports_a_cache_saved_by_a_pull_requests_run() {
    let cache_step = |action: &str, cond: &str| {
        one_job(
            "",
            &format!(
                "      - uses: {action}@5a3ec84eff668545956fd18022155c47e93e2684 # v4.2.3\n{cond}        with:\n          path: target\n          key: k\n"
            ),
        )
    };
    let push_only = "        if: github.event_name == 'push'\n";
    // actions/cache saves in its post step on every run it runs in.
    assert_reported(
        &pull_request_problems(&cache_step("actions/cache", ""), false),
        Kind::SavesCache,
        "actions/cache",
    );
    assert_reported(
        &pull_request_problems(&cache_step("actions/cache/save", ""), false),
        Kind::SavesCache,
        "actions/cache/save without if",
    );
    for cond in [
        "        if: github.event_name == 'push' || true\n",
        "        if: github.event_name == 'pull_request'\n",
        "        if: ${{ !(github.event_name == 'push') }}\n",
        "        if: always()\n",
    ] {
        assert_reported(
            &pull_request_problems(&cache_step("actions/cache/save", cond), false),
            Kind::SavesCache,
            cond,
        );
    }
    // A save that no pull request's run reaches, and a restore, are fine
    // outside the gate.
    for cond in [
        push_only,
        "        if: ${{ github.event_name == \"push\" && steps.cache.outputs.cache-hit != 'true' }}\n",
        "        if: github.ref == 'refs/heads/main'\n",
    ] {
        assert!(
            pull_request_problems(&cache_step("actions/cache/save", cond), false).is_empty(),
            "{cond}"
        );
    }
    assert!(pull_request_problems(&cache_step("actions/cache/restore", ""), false).is_empty());
    // The same condition on the job.
    let job_if = one_job(
        "    if: github.event_name == 'push'\n",
        "      - uses: actions/cache@5a3ec84eff668545956fd18022155c47e93e2684 # v4.2.3\n",
    );
    assert!(pull_request_problems(&job_if, false).is_empty());
    // In the gate's workflow, any cache at all: a pull request's own
    // earlier run could have saved what it restores.
    for (action, cond) in [
        ("actions/cache", ""),
        ("actions/cache/restore", ""),
        ("actions/cache/save", push_only),
        ("Swatinem/rust-cache", ""),
    ] {
        assert_reported(
            &pull_request_problems(&cache_step(action, cond), true),
            Kind::CacheInGate,
            action,
        );
    }
    // A setup action's own cache.
    let setup = one_job(
        "",
        &format!(
            "      - uses: actions/setup-node@{SHA} # v4.0.0\n        with:\n          cache: npm\n"
        ),
    );
    assert_reported(
        &pull_request_problems(&setup, false),
        Kind::SavesCache,
        "setup-node with cache",
    );
}

/// A copy of `wf` with one step of a job changed by `edit`: the first step
/// for which `which` holds.
fn edit_step(wf: &Yaml, job: &str, which: fn(&Yaml) -> bool, edit: impl FnOnce(&mut Yaml)) -> Yaml {
    let mut w = wf.clone();
    let step = w["jobs"][job]["steps"]
        .as_mut_vec()
        .unwrap()
        .iter_mut()
        .find(|s| which(s))
        .unwrap_or_else(|| panic!("no such step in job {job}"));
    edit(step);
    w
}

/// Sets (`Some`) or removes (`None`) a key of a map.
fn set(map: &mut Yaml, key: &str, value: Option<&str>) {
    let map = map.as_mut_hash().unwrap();
    let key = Yaml::String(key.to_owned());
    match value {
        Some(v) => map.insert(key, Yaml::String(v.to_owned())),
        None => map.remove(&key),
    };
}

#[test]
fn the_gate_checker_reports_a_gate_that_can_be_skipped_or_misses_a_base_change() {
    let v = workflow("validate.yml");
    let with_gate = |key: &str, value: Option<&str>| {
        let mut w = v.clone();
        set(&mut w["jobs"]["gate"], key, value);
        gate_problems(&w)
    };
    // Skipping the gate on a title change would turn a red check green.
    for cond in ["github.event.action != 'edited'", "${{ !cancelled() }}"] {
        assert!(with_gate("if", Some(cond)).contains(&GateProblem::MaySkip));
    }
    // Without always(), a failed tool job skips the gate, which then passes.
    assert_eq!(
        with_gate("if", None),
        BTreeSet::from([GateProblem::SkippedWhenNeedsFail])
    );
    assert!(with_gate("if", Some("${{ always() }}")).is_empty());
    assert!(with_gate("name", Some("Gate")).contains(&GateProblem::NoGateJob));

    let mut no_edited = v.clone();
    no_edited["on"]["pull_request"]["types"]
        .as_mut_vec()
        .unwrap()
        .retain(|t| t.as_str() != Some("edited"));
    assert_eq!(
        gate_problems(&no_edited),
        BTreeSet::from([GateProblem::MissingType("edited")])
    );

    let shallow = edit_step(&v, "gate", is_checkout, |s| {
        set(&mut s["with"], "fetch-depth", None);
    });
    assert!(gate_problems(&shallow).contains(&GateProblem::ShallowCheckout));

    let skipped_check = edit_step(
        &v,
        "gate",
        |s| run(s).contains("check-pr"),
        |s| set(s, "if", Some("github.event.action != 'edited'")),
    );
    assert!(gate_problems(&skipped_check).contains(&GateProblem::NoCheckPr));

    let on_push = parse(
        "push",
        "on: push\njobs:\n  gate:\n    name: gate\n    runs-on: ubuntu-latest\n    steps: []\n",
    );
    assert!(gate_problems(&on_push).contains(&GateProblem::NotOnPullRequest));
}

#[test]
fn the_checker_reports_a_mutated_validate_yml() {
    let v = workflow("validate.yml");
    // The tool job's build without its working directory: in the
    // workspace, not the base checkout.
    let moved = edit_step(&v, "tool", runs_cargo, |s| {
        set(s, "working-directory", None);
    });
    assert_reported(
        &pull_request_problems(&moved, true),
        Kind::CargoOutsideBaseCheckout,
        "no working-directory",
    );
    // The tool job checking out the merge commit (no `ref`).
    let pr_in_tool = edit_step(&v, "tool", is_checkout, |s| {
        set(&mut s["with"], "ref", None);
    });
    assert_reported(
        &pull_request_problems(&pr_in_tool, true),
        Kind::PullRequestCodeAndCargo,
        "the tool job checking out the merge commit",
    );
    // A cache restored in the tool job.
    let mut cached = v.clone();
    let step = parse(
        "step",
        "uses: actions/cache/restore@5a3ec84eff668545956fd18022155c47e93e2684\nwith:\n  path: target\n  key: k\n",
    );
    cached["jobs"]["tool"]["steps"]
        .as_mut_vec()
        .unwrap()
        .insert(1, step);
    assert_reported(
        &pull_request_problems(&cached, true),
        Kind::CacheInGate,
        "a restore in validate.yml",
    );
}

/// The preview artifact the office downloads and opens is rendered with the
/// base's templates: a pull request's templates (scripts and all) never
/// reach it.
#[test]
fn the_preview_is_rendered_with_the_bases_templates() {
    let v = workflow("validate.yml");
    let gate = steps(&v["jobs"]["gate"]);
    let build = gate
        .iter()
        .position(|s| run(s).contains("cchc\" build"))
        .expect("the gate builds a preview");
    let restore = gate
        .iter()
        .position(|s| {
            run(s).contains("rm -rf templates")
                && run(s).contains("git archive \"$BASE_SHA\" templates")
        })
        .expect("a step puts the base's templates in place");
    assert!(
        restore < build,
        "the templates are replaced before the build"
    );
    assert_eq!(
        gate[restore]["env"]["BASE_SHA"].as_str().map(bare),
        Some(bare("${{ github.event.pull_request.base.sha }}"))
    );
    // Both run whatever came before, as the preview always does.
    assert_eq!(condition(&gate[restore]).as_deref(), Some("always()"));
}
