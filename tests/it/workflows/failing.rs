//! The checkers fail where they should.

use std::collections::BTreeSet;

use yaml_rust2::Yaml;

use super::checkers::{
    GateProblem, Kind, Problem, gate_problems, is_checkout, kinds, pull_request_problems,
    runs_cargo,
};
use super::{bare, before_issue_11, condition, parse, run, steps, workflow};

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
