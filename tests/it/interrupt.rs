//! Builds interrupted at random moments (SIGKILL) leave the output folder as
//! the previous complete site or the new complete site, never a mix, and no
//! temporary folders pile up. A full disk or a read-only output: a clear
//! error, exit 2, the old site intact.
//!
//! `cargo test` kills 12 builds; `.ci/run` kills 100 with
//! `CCHC_KILL_ROUNDS=100` (any number may be given).

// Test code: a failed unwrap is a failed test with its message.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The two build times: each gives a different site (the time is on every
/// page), so a mix of the two would show.
const EPOCHS: [&str; 2] = ["1764039600", "1764126000"];

fn build(out: &Path, epoch: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_cchc"))
        .args(["build", "--out"])
        .arg(out)
        .current_dir(root())
        .env("SOURCE_DATE_EPOCH", epoch)
        .output()
        .unwrap()
}

/// Every file under `dir` with its bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = fs::read_dir(&d) else {
            continue;
        };
        for e in entries {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(
                    cchc::fsio::relative(dir, &p).unwrap(),
                    fs::read(&p).unwrap(),
                );
            }
        }
    }
    out
}

/// A small deterministic generator: the kill times vary but repeat.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

#[test]
fn killed_builds_leave_a_whole_site_and_no_litter() {
    let rounds: usize = std::env::var("CCHC_KILL_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(12);
    let work = tempfile::tempdir().unwrap();
    // The two complete sites, built once, to compare against.
    let complete: Vec<BTreeMap<String, Vec<u8>>> = EPOCHS
        .iter()
        .map(|epoch| {
            let dir = work.path().join(format!("ref-{epoch}"));
            assert!(build(&dir, epoch).status.success());
            tree(&dir)
        })
        .collect();
    assert_ne!(complete[0], complete[1]);

    let out = work.path().join("site");
    let started = Instant::now();
    assert!(build(&out, EPOCHS[0]).status.success());
    let full = started.elapsed();
    let mut rng = Lcg(0x5eed);
    let (mut killed, mut finished) = (0, 0);
    for round in 0..rounds {
        let epoch = EPOCHS[(round + 1) % 2];
        let mut child = Command::new(env!("CARGO_BIN_EXE_cchc"))
            .args(["build", "--out"])
            .arg(&out)
            .current_dir(root())
            .env("SOURCE_DATE_EPOCH", epoch)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Anywhere from the start to a little past a whole build.
        let span = u64::try_from(full.as_micros()).unwrap().max(1) * 5 / 4;
        std::thread::sleep(Duration::from_micros(rng.next() % span));
        match child.try_wait().unwrap() {
            Some(_) => finished += 1,
            None => {
                child.kill().unwrap(); // SIGKILL on Unix
                killed += 1;
            }
        }
        child.wait().unwrap();
        let now = tree(&out);
        assert!(
            complete.contains(&now),
            "round {round}: the output is neither complete site ({} files)",
            now.len()
        );
        // At most the one work folder of the build just killed is left.
        let litter: Vec<String> = fs::read_dir(work.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert!(litter.len() <= 1, "round {round}: {litter:?}");
    }
    eprintln!("{rounds} rounds: {killed} builds killed, {finished} finished first");
    assert!(killed > 0, "no build was ever interrupted");
    // The next complete build leaves nothing beside the site.
    assert!(build(&out, EPOCHS[0]).status.success());
    assert_eq!(tree(&out), complete[0]);
    let names: Vec<String> = fs::read_dir(work.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

/// A tmpfs of `size` at `dir`, or `None` where mounting is not allowed
/// (not root, or a container without the right).
/// A tmpfs mounted on `dir`, unmounted when dropped. The tests that need
/// one are ignored by default (mounting needs root); run where it cannot
/// mount, they fail rather than pass without testing anything.
fn tmpfs(dir: &Path, options: &str) -> Mounted {
    fs::create_dir_all(dir).unwrap();
    let ok = Command::new("mount")
        .args(["-t", "tmpfs", "-o", options, "tmpfs"])
        .arg(dir)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "cannot mount a tmpfs on {} (needs root)", dir.display());
    Mounted(dir.to_path_buf())
}

struct Mounted(PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
#[ignore = "mounts a tmpfs, which needs root; .ci/run runs it (--include-ignored)"]
fn a_full_disk_is_a_clear_error_and_keeps_the_old_site() {
    let work = tempfile::tempdir().unwrap();
    let probe = work.path().join("probe");
    assert!(build(&probe, EPOCHS[0]).status.success());
    let size: usize = tree(&probe).values().map(Vec::len).sum();
    // Room for one site and a half: the first build fits, the second cannot
    // write its new copy beside the old one.
    let disk = work.path().join("disk");
    let _mount = tmpfs(&disk, &format!("size={}", size * 3 / 2 + 64 * 1024));
    let out = disk.join("site");
    assert!(build(&out, EPOCHS[0]).status.success());
    let before = tree(&out);
    let o = build(&out, EPOCHS[1]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("hết chỗ trống trên đĩa"), "{err}");
    assert!(err.contains("trang cũ (nếu có) được giữ nguyên"), "{err}");
    assert_eq!(tree(&out), before);
    let litter: Vec<_> = fs::read_dir(&disk)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n != "site")
        .collect();
    assert!(litter.is_empty(), "{litter:?}");
}

#[test]
#[ignore = "mounts a tmpfs, which needs root; .ci/run runs it (--include-ignored)"]
fn a_read_only_output_is_a_clear_error_and_keeps_the_old_site() {
    let work = tempfile::tempdir().unwrap();
    let disk = work.path().join("disk");
    let _mount = tmpfs(&disk, "size=16m");
    let out = disk.join("site");
    assert!(build(&out, EPOCHS[0]).status.success());
    let before = tree(&out);
    let remount = Command::new("mount")
        .args(["-o", "remount,ro"])
        .arg(&disk)
        .status()
        .unwrap();
    assert!(remount.success());
    let o = build(&out, EPOCHS[1]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("chỉ đọc hoặc không có quyền"), "{err}");
    assert_eq!(tree(&out), before);
}
