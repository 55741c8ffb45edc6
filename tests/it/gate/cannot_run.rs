//! What cannot run: unknown revisions and bad events.

use std::fs;
use std::path::Path;

use super::{ON_TIME, event_fixture, write_event};
use crate::common::{Province, cchc, text};

/// Runs check-pr expecting exit 2 and an explanation on stderr only.
fn could_not_run(dir: &Path, args: &[&str]) -> String {
    let o = cchc(dir, args, None);
    let err = text(&o.stderr);
    assert_eq!(
        o.status.code(),
        Some(2),
        "{args:?}: {err}{}",
        text(&o.stdout)
    );
    assert_eq!(text(&o.stdout), "", "{args:?}");
    assert!(err.starts_with("cchc: "), "{err}");
    err
}

#[test]
fn unknown_revisions_and_bad_events_cannot_run() {
    let p = Province::new();
    let root = p.root();
    let main = p.main.to_string();
    let base = ["check-pr", "--actor", "noivu-clerk", "--now", ON_TIME];
    let err = could_not_run(
        &root,
        &[&base[..], &["--base", "main", "--head", "no-such-branch"]].concat(),
    );
    assert!(
        err.contains("no-such-branch") && err.contains("not found"),
        "{err}"
    );
    let err = could_not_run(
        &root,
        &[&base[..], &["--base", "nope", "--head", &main]].concat(),
    );
    assert!(err.contains("nope") && err.contains("not found"), "{err}");
    // The fixture as it is: its SHAs are placeholders, not in the repository.
    let err = could_not_run(
        &root,
        &[
            "check-pr",
            "--event",
            event_fixture().to_str().unwrap(),
            "--now",
            ON_TIME,
        ],
    );
    assert!(
        err.contains(&"a".repeat(40)) || err.contains(&"b".repeat(40)),
        "{err}"
    );
    // A malformed event file, one of another event, and a missing one.
    let bad = p.dir.path().join("bad.json");
    fs::write(&bad, "{\"pull_request\": {\"head\": ").unwrap();
    let err = could_not_run(&root, &["check-pr", "--event", bad.to_str().unwrap()]);
    assert!(err.contains("bad.json") && err.contains("JSON"), "{err}");
    let push = p.dir.path().join("push.json");
    fs::write(
        &push,
        r#"{"ref": "refs/heads/main", "after": "abc", "pusher": {"name": "x"}}"#,
    )
    .unwrap();
    let err = could_not_run(&root, &["check-pr", "--event", push.to_str().unwrap()]);
    assert!(err.contains("pull_request"), "{err}");
    let err = could_not_run(&root, &["check-pr", "--event", "no-such-event.json"]);
    assert!(err.contains("no-such-event.json"), "{err}");
    // --event and --actor together are a mistake, not a silent choice.
    let event = write_event(&p, p.main, |_| {});
    let err = could_not_run(
        &root,
        &[
            "check-pr",
            "--event",
            event.to_str().unwrap(),
            "--actor",
            "office-admin",
        ],
    );
    assert!(err.contains("--event") && err.contains("--actor"), "{err}");
    // No actor; no head; a clock that is no time.
    let err = could_not_run(&root, &["check-pr", "--base", "main", "--head", &main]);
    assert!(err.contains("--actor"), "{err}");
    let err = could_not_run(
        &root,
        &["check-pr", "--base", "main", "--actor", "noivu-clerk"],
    );
    assert!(err.contains("--head"), "{err}");
    let err = could_not_run(
        &root,
        &[
            "check-pr", "--base", "main", "--head", &main, "--actor", "a", "--now", "tomorrow",
        ],
    );
    assert!(err.contains("--now tomorrow"), "{err}");
    // Not a Git repository at all.
    let plain = tempfile::tempdir().unwrap();
    fs::create_dir_all(plain.path().join("content")).unwrap();
    let err = could_not_run(
        plain.path(),
        &[
            "check-pr", "--base", "main", "--head", "main", "--actor", "a", "--now", ON_TIME,
        ],
    );
    assert!(err.contains("Git"), "{err}");
}
