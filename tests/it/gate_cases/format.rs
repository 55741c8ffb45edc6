//! The case format: `case.toml`.

use std::collections::BTreeMap;

use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Case {
    /// What the case proves.
    pub(super) description: String,
    #[serde(default)]
    pub(super) setup: Setup,
    #[serde(default, rename = "commit")]
    pub(super) commits: Vec<CommitSpec>,
    /// Branch name → commit name, set after every commit is made; `main`
    /// is `setup` unless moved.
    #[serde(default)]
    pub(super) branches: BTreeMap<String, String>,
    pub(super) check: Check,
}

/// The office's first commit on main, named `setup`.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct Setup {
    /// The folder the fixture goes in: "" (the top) or e.g. "data/".
    #[serde(default)]
    pub(super) prefix: String,
    /// Changes made in the same commit (paths of the repository).
    #[serde(default, rename = "edit")]
    pub(super) edits: Vec<EditSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CommitSpec {
    pub(super) name: String,
    /// Names of earlier commits (or `setup`), the first parent first.
    /// Default: the commit listed before, or `setup` for the first.
    pub(super) parents: Option<Vec<String>>,
    /// The author time. Default: the units' [`WRITTEN`].
    pub(super) author: Option<toml::value::Datetime>,
    /// The committer time. Default: the author time.
    pub(super) committer: Option<toml::value::Datetime>,
    pub(super) message: Option<String>,
    /// Start from Git's merge of the two parents instead of the first
    /// parent's tree.
    #[serde(default)]
    pub(super) merge: bool,
    /// Changes relative to the first parent's tree (or the merge).
    #[serde(default, rename = "edit")]
    pub(super) edits: Vec<EditSpec>,
}

/// A change of one path: exactly one source, then modifiers of the bytes.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct EditSpec {
    /// The path in the repository (with the prefix, if any).
    pub(super) path: String,
    // Sources of a regular (or executable) file.
    pub(super) text: Option<String>,
    /// A file of the case's files/ folder.
    pub(super) file: Option<String>,
    /// A file of the fixture tests/fixtures/mini/, by its path there.
    pub(super) fixture: Option<String>,
    /// A unit's valid report (noi-vu and tu-phap: the fixture's).
    pub(super) report: Option<String>,
    /// A unit's valid report with a note added: a revision, still valid.
    pub(super) revised: Option<String>,
    /// The CODEOWNERS `cchc codeowners` generates from the fixture.
    #[serde(default)]
    pub(super) codeowners: bool,
    // Other kinds.
    /// A symbolic link to this target.
    pub(super) link: Option<String>,
    /// A submodule naming this commit (a name of the case).
    pub(super) gitlink: Option<String>,
    #[serde(default)]
    pub(super) delete: bool,
    // Modifiers of a file's bytes, in this order.
    /// Each `from` must be in the text; every occurrence becomes `to`.
    #[serde(default)]
    pub(super) replace: Vec<Replace>,
    pub(super) append: Option<String>,
    /// Appended `times` times.
    pub(super) repeat: Option<String>,
    pub(super) times: Option<usize>,
    /// Lines of `#` (100 bytes at most) added up to exactly this size.
    pub(super) pad_to: Option<usize>,
    /// Mode 100755 instead of 100644.
    #[serde(default)]
    pub(super) exec: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Replace {
    pub(super) from: String,
    pub(super) to: String,
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
