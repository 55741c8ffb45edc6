//! Running the check.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::Output;

use serde_json::{Value, json};

use super::format::Checked;
use crate::common::script::{read_case, time};
use crate::common::snapshot::normalise;
use crate::common::{cchc_in, text};

/// Both outputs of the check, normalised, and what the JSON says.
pub(super) struct Outputs {
    pub(super) json: String,
    pub(super) human: String,
    pub(super) verdict: String,
    pub(super) codes: BTreeSet<String>,
}

pub(super) fn run(dir: &Path) -> Result<Outputs, String> {
    let (script, Checked { check }) = read_case::<Checked>(dir, "check")?;
    let built = script.build(dir)?;
    built.check_out(
        check.worktree.as_deref().unwrap_or("main"),
        "check.worktree",
    )?;
    let check = &check;
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
