//! Builds: byte-identical rebuilds, failed builds that keep the old site,
//! and links around the output and the templates.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::{build, build_in, copy, copy_of_sample, later, root, sample, visible};

#[test]
fn two_builds_of_the_same_state_are_byte_identical() {
    let a = build(&sample(), later());
    let b = build(&sample(), later());
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (k, v) in &a {
        assert!(b[k] == *v, "{k} differs between two builds");
    }
    // And through the command, with SOURCE_DATE_EPOCH, on disk.
    let out1 = tempfile::tempdir().unwrap();
    let out2 = tempfile::tempdir().unwrap();
    for out in [&out1, &out2] {
        let st = Command::new(env!("CARGO_BIN_EXE_cchc"))
            .args(["build", "--out"])
            .arg(out.path().join("site"))
            .current_dir(root())
            .env("SOURCE_DATE_EPOCH", "1764039600")
            .status()
            .unwrap();
        assert!(st.success());
    }
    let files1 = tree(&out1.path().join("site"));
    let files2 = tree(&out2.path().join("site"));
    assert_eq!(files1, files2);
    assert!(files1.len() > 30);
}

fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((
                    cchc::fsio::relative(dir, &p).unwrap(),
                    fs::read(&p).unwrap(),
                ));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_build_refuses_broken_content_and_keeps_the_old_site() {
    let repo = copy_of_sample(&["content", "submissions"]);
    let run = || build_in(repo.path());
    assert!(run().status.success());
    let before = tree(&repo.path().join("site"));
    // An invalid submission is shown, not a reason to fail.
    fs::write(
        repo.path().join("submissions/2023-9t/cong-thuong.toml"),
        "campaign = ",
    )
    .unwrap();
    let o = run();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let unit =
        fs::read_to_string(repo.path().join("site/2023-9t/don-vi/cong-thuong.html")).unwrap();
    let text = visible(&unit);
    assert!(text.contains("Không hợp lệ"), "{unit}");
    // What is wrong, in words; the code and the line are for the unit and
    // the office (cchc validate, the pull request's check).
    assert!(
        text.contains("Báo cáo chưa hợp lệ, chưa được tính điểm"),
        "{text}"
    );
    assert!(!unit.contains("E004") && !text.contains("dòng 1"), "{text}");
    let after_invalid = tree(&repo.path().join("site"));
    // Broken content/ fails the build and leaves that site as it was.
    fs::write(repo.path().join("content/units.toml"), "[office\n").unwrap();
    let o = run();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(tree(&repo.path().join("site")), after_invalid);
    assert_ne!(before, after_invalid);
}

#[test]
fn a_broken_template_is_named_with_its_line_and_the_old_site_stays() {
    let repo = copy_of_sample(&["content", "submissions", "templates"]);
    let run = || build_in(repo.path());
    assert!(run().status.success());
    let good = tree(&repo.path().join("site"));
    let unit = repo.path().join("templates/unit.html");
    let source = fs::read_to_string(&unit).unwrap();
    let line = |needle: &str| {
        1 + source
            .lines()
            .position(|l| l.contains(needle))
            .expect("the template has the line")
    };
    // The build with `from` replaced by `to` in the template: it fails,
    // names the template and the line, and leaves the site as it was.
    let broken = |from: &str, to: &str| -> String {
        fs::write(&unit, source.replacen(from, to, 1)).unwrap();
        let o = run();
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.contains(&format!("unit.html:{}:", line(from))), "{err}");
        assert_eq!(tree(&repo.path().join("site")), good);
        err
    };
    // A syntax error, found when the templates are loaded.
    broken("{% if unit.counted %}", "{% if %}");
    // A field that does not exist, found when a page is rendered: the
    // message lists the fields there are.
    let err = broken("unit.total.text", "unit.totl.text");
    assert!(err.contains("`totl`") && err.contains("total"), "{err}");
}

/// Every file under `dir` (links not followed) holding `needle`.
fn files_holding(dir: &Path, needle: &[u8]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let kind = e.file_type().unwrap();
            if kind.is_dir() {
                stack.push(e.path());
            } else if kind.is_file()
                && fs::read(e.path())
                    .unwrap()
                    .windows(needle.len())
                    .any(|w| w == needle)
            {
                found.push(e.path());
            }
        }
    }
    found
}

#[cfg(unix)]
#[test]
fn templates_behind_a_symlink_stop_the_build_and_the_old_site_stays() {
    use std::os::unix::fs::symlink;
    const SECRET: &str = "bi-mat-cua-may-chu-7f3a";
    // A folder of the machine that builds, outside the repository.
    let elsewhere = tempfile::tempdir().unwrap();
    fs::write(elsewhere.path().join("secret.txt"), SECRET).unwrap();
    fs::write(elsewhere.path().join("style.css"), SECRET).unwrap();
    let real_templates = elsewhere.path().join("templates");
    copy(&root().join("templates"), &real_templates);
    fs::write(
        real_templates.join("unit.html"),
        format!("{SECRET}{{% extends \"base.html\" %}}"),
    )
    .unwrap();

    let repo = copy_of_sample(&["content", "submissions", "templates"]);
    let templates = repo.path().join("templates");
    let site = repo.path().join("site");
    let run = |lang: &str| {
        let o = Command::new(env!("CARGO_BIN_EXE_cchc"))
            .args(["--lang", lang, "build"])
            .current_dir(repo.path())
            .env("SOURCE_DATE_EPOCH", "1764039600")
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        (
            o.status.code(),
            err,
            String::from_utf8_lossy(&o.stdout).into_owned(),
        )
    };
    assert_eq!(run("vi").0, Some(0));
    let good = tree(&site);
    // The build fails, says which link and what to do, shows nothing of
    // what is behind it, and leaves the site and nothing beside it.
    let refused = |link: &str| {
        let (code, err, out) = run("vi");
        assert_eq!(code, Some(2), "{err}");
        assert!(
            err.contains(&format!("{link} là liên kết tượng trưng (symlink)"))
                && err.contains("Thay liên kết bằng tệp hoặc thư mục thật"),
            "{err}"
        );
        let (code, err_en, _) = run("en");
        assert_eq!(code, Some(2), "{err_en}");
        assert!(
            err_en.contains(&format!("{link} is a symbolic link"))
                && err_en.contains("Replace the link with the real file or folder"),
            "{err_en}"
        );
        for text in [&err, &err_en, &out] {
            assert!(!text.contains(SECRET), "{text}");
            assert!(
                !text.contains(&*elsewhere.path().to_string_lossy()),
                "{text}"
            );
        }
        assert_eq!(tree(&site), good);
        assert_eq!(
            files_holding(repo.path(), SECRET.as_bytes()),
            Vec::<PathBuf>::new()
        );
        let names: Vec<_> = fs::read_dir(repo.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert_eq!(names, Vec::<String>::new());
    };

    // templates/static is a link to a folder holding a secret.
    let assets = tempfile::tempdir().unwrap();
    fs::rename(templates.join("static"), assets.path().join("static")).unwrap();
    symlink(elsewhere.path(), templates.join("static")).unwrap();
    refused("templates/static");
    fs::remove_file(templates.join("static")).unwrap();
    fs::rename(assets.path().join("static"), templates.join("static")).unwrap();
    assert_eq!(run("vi").0, Some(0));
    assert_eq!(tree(&site), good);

    // A template file, and a file of static/, that are links.
    fs::remove_file(templates.join("unit.html")).unwrap();
    symlink(
        real_templates.join("unit.html"),
        templates.join("unit.html"),
    )
    .unwrap();
    refused("templates/unit.html");
    fs::remove_file(templates.join("unit.html")).unwrap();
    fs::copy(
        root().join("templates/unit.html"),
        templates.join("unit.html"),
    )
    .unwrap();
    symlink(
        elsewhere.path().join("secret.txt"),
        templates.join("static/x.css"),
    )
    .unwrap();
    refused("templates/static/x.css");
    fs::remove_file(templates.join("static/x.css")).unwrap();

    // templates/ itself is a link.
    fs::remove_dir_all(&templates).unwrap();
    symlink(&real_templates, &templates).unwrap();
    refused("templates");
}

#[cfg(unix)]
#[test]
fn a_build_writes_through_no_link_at_or_beside_its_target() {
    use std::os::unix::fs::symlink;
    let elsewhere = tempfile::tempdir().unwrap();
    fs::write(elsewhere.path().join("keep.txt"), "mine").unwrap();
    let repo = copy_of_sample(&["content", "submissions"]);
    // The target is a link to a folder: refused, the folder untouched.
    symlink(elsewhere.path(), repo.path().join("site")).unwrap();
    let o = build_in(repo.path());
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(
        tree(elsewhere.path()),
        [("keep.txt".to_owned(), b"mine".to_vec())]
    );
    fs::remove_file(repo.path().join("site")).unwrap();
    // Links where the build puts its staging folders are removed, not
    // followed.
    symlink(elsewhere.path(), repo.path().join(".site.cchc-new")).unwrap();
    symlink(elsewhere.path(), repo.path().join(".site.cchc-old")).unwrap();
    let o = build_in(repo.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(repo.path().join("site/index.html").is_file());
    assert_eq!(
        tree(elsewhere.path()),
        [("keep.txt".to_owned(), b"mine".to_vec())]
    );
    assert!(!repo.path().join(".site.cchc-new").exists());
}
