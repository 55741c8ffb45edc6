//! The gate's part of `case.toml`: the check (the repository's keys are
//! `common::script`'s).

use serde::Deserialize;

/// The table `[check]` of a case (the rest of `case.toml` is the script).
#[derive(Deserialize)]
pub(super) struct Checked {
    pub(super) check: Check,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Check {
    /// A branch (passed by name) or a commit name (passed by id).
    #[serde(default = "default_base")]
    pub(super) base: String,
    /// A commit name. Default: the last commit listed.
    pub(super) head: Option<String>,
    /// `--actor` each; with an event, the pull request's author, then the
    /// sender if it is another login.
    pub(super) actors: Vec<String>,
    /// `--now`; required without an event.
    pub(super) now: Option<toml::value::Datetime>,
    /// `--draft`.
    #[serde(default)]
    pub(super) draft: bool,
    /// The branch checked out in the work tree. Default: main.
    pub(super) worktree: Option<String>,
    /// Run with `--event`: a `pull_request` payload of the case's values.
    pub(super) event: Option<Event>,
}

fn default_base() -> String {
    "main".into()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Event {
    pub(super) number: Option<u64>,
    /// `pull_request.draft`.
    #[serde(default)]
    pub(super) draft: bool,
    /// `pull_request.updated_at`: the gate's clock when `now` is not given.
    pub(super) updated_at: Option<toml::value::Datetime>,
}
