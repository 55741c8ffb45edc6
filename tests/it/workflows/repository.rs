//! The repository's workflows.

use std::collections::BTreeSet;

use yaml_rust2::Yaml;

use super::checkers::{
    cache, excludes_pull_request, gate_problems, is_base_checkout, is_checkout,
    pull_request_problems, runs_cargo,
};
use super::{
    all, bare, condition, entries, jobs, list, run, scalar, steps, triggers, uses, workflow,
};

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
