//! The `cchc` binary end to end: exit statuses, `new`, `schema`, `explain`,
//! output formats and languages, on the repository's own sample data.

// Test code: a failed unwrap is a failed test with its message.

use crate::common::root;
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use cchc::fsio::read_repo;
use cchc_core::pipeline::validate;

/// Runs cchc with a fixed clock (2023-09-14, during the sample campaign).
fn cchc(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cchc"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1694667600")
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// A scratch copy of the repository's data, to change freely.
fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["content", "submissions", "schema"] {
        copy_dir(&root().join(sub), &dir.path().join(sub));
    }
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn the_sample_repository_is_valid() {
    let out = cchc(&root(), &["validate"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("không có lỗi"), "{}", stdout(&out));
}

#[test]
fn a_malformed_submission_exits_1_with_its_place() {
    let repo = scratch();
    let path = repo.path().join("submissions/2023-9t/tu-phap.toml");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        text.replacen("campaign = \"2023-9t\"", "campaign = \"2023-9t", 1),
    )
    .unwrap();
    let out = cchc(repo.path(), &["validate"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("lỗi[E004]"), "{text}");
    assert!(text.contains("submissions/2023-9t/tu-phap.toml:"), "{text}");
}

/// `cchc validate` reads submissions/ a folder at a time; what it prints
/// must be what one pass over the whole repository finds, problems in every
/// kind of place included (a loose file, a folder that is no campaign, a
/// broken file, a stray text file, decomposed Vietnamese).
#[test]
fn validate_by_folders_reports_what_one_pass_finds() {
    use cchc_core::diag::render::{Format, Summary, render};
    use cchc_core::text::Lang;
    let repo = scratch();
    let sub = repo.path().join("submissions");
    fs::write(sub.join("loose.toml"), "campaign = \"x\"\nunit = \n").unwrap();
    fs::write(
        sub.join("2023-9t/khong-co.toml"),
        "[[score]]\ncriterion = \"1.1\"\nscore = \"abc\"\n",
    )
    .unwrap();
    fs::create_dir_all(sub.join("lac-loai")).unwrap();
    fs::copy(
        sub.join("2023-9t/tu-phap.toml"),
        sub.join("lac-loai/tu-phap.toml"),
    )
    .unwrap();
    fs::write(sub.join("2023-9t/ghi-chu.txt"), "x").unwrap();
    let path = sub.join("2023-9t/y-te.toml");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        text.replacen("explanation = \"", "explanation = \"Vie\u{323}\u{302}t ", 1),
    )
    .unwrap();

    let now = jiff::Timestamp::from_second(1_694_667_600).unwrap();
    let whole = validate(&read_repo(repo.path()).unwrap(), now);
    let by_folders = cchc_core::pipeline::validate_all(
        &cchc::repo::WorkTree::new(repo.path().to_path_buf()),
        now,
    )
    .unwrap();
    assert_eq!(by_folders.files, whole.files);
    let shown = |diags: cchc_core::diag::Diagnostics, db, format| {
        render(
            &diags.into_sorted(),
            db,
            format,
            Lang::Vi,
            false,
            Summary { files: whole.files },
        )
    };
    for format in [Format::Human, Format::Json] {
        let expected = shown(whole.diags.clone(), &whole.db, format);
        assert_eq!(
            shown(by_folders.diags.clone(), &by_folders.db, format),
            expected
        );
        for code in [
            "E004",
            "E00",
            "lac-loai",
            "loose.toml",
            "ghi-chu.txt",
            "khong-co.toml",
        ] {
            assert!(expected.contains(code), "{code} in {expected}");
        }
    }
    let out = cchc(repo.path(), &["validate"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), shown(whole.diags, &whole.db, Format::Human));
}

#[test]
fn bad_arguments_and_missing_repositories_exit_2() {
    let empty = tempfile::tempdir().unwrap();
    let out = cchc(empty.path(), &["validate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("không phải kho dữ liệu cchc"),
        "{}",
        stderr(&out)
    );
    let out = cchc(&root(), &["validate", "--format", "xml"]);
    assert_eq!(out.status.code(), Some(2));
    let out = cchc(&root(), &["validate", "no/such/file.toml"]);
    assert_eq!(out.status.code(), Some(2));
    let out = cchc(&root(), &["explain", "E999"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn validating_one_path_checks_only_that_submission() {
    let repo = scratch();
    fs::write(
        repo.path().join("submissions/2023-9t/y-te.toml"),
        "campaign = ",
    )
    .unwrap();
    let out = cchc(
        repo.path(),
        &["validate", "submissions/2023-9t/tu-phap.toml"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let out = cchc(repo.path(), &["validate", "submissions/2023-9t/y-te.toml"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_file_outside_the_repository_is_judged_by_its_campaign_key() {
    let outside = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(root().join("submissions/2023-9t/tu-phap.toml")).unwrap();
    let first_score = text.lines().find(|l| l.starts_with("score = ")).unwrap();
    let file = outside.path().join("tu-phap.toml");
    fs::write(&file, text.replacen(first_score, "score = 0.3", 1)).unwrap();
    let out = cchc(
        &root(),
        &["validate", file.to_str().unwrap(), "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let found: Vec<(&str, &str)> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), d["file"].as_str().unwrap()))
        .collect();
    assert_eq!(found, [("E038", file.to_str().unwrap())]);
}

#[test]
fn english_messages_and_github_annotations() {
    let repo = scratch();
    let path = repo.path().join("submissions/2023-9t/tu-phap.toml");
    let text = fs::read_to_string(&path).unwrap();
    let text = text.replacen("unit = \"tu-phap\"", "unit = \"tu-phap\"\nscroe = 1", 1);
    let line_no = text.lines().position(|l| l == "scroe = 1").unwrap() + 1;
    fs::write(&path, &text).unwrap();
    let out = cchc(repo.path(), &["--lang", "en", "validate"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("error[E012]: unknown key `scroe`"), "{text}");
    assert!(
        text.contains("Did you mean `score`?") || text.contains("Did you mean"),
        "{text}"
    );
    let out = cchc(repo.path(), &["validate", "--format", "github"]);
    let text = stdout(&out);
    let line = text.lines().find(|l| l.contains("E012")).unwrap();
    let expected = format!("::error file=submissions/2023-9t/tu-phap.toml,line={line_no},col=1,");
    assert!(line.starts_with(&expected), "{line}");
}

#[test]
fn explain_prints_the_long_explanation() {
    let out = cchc(&root(), &["explain", "e037"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.starts_with("E037 (lỗi): điểm vượt quá điểm tối đa"),
        "{text}"
    );
    assert!(text.lines().count() > 5, "{text}");
    let out = cchc(&root(), &["--lang", "en", "explain", "W050"]);
    assert!(stdout(&out).starts_with("W050 (warning): evidence dated after the data cut-off"));
}

#[test]
fn the_committed_schema_is_current() {
    let committed =
        fs::read_to_string(root().join(cchc_core::schema::SCHEMA_PATH)).unwrap_or_default();
    let generated = cchc_core::schema::submission_schema_text();
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        fs::write(root().join(cchc_core::schema::SCHEMA_PATH), &generated).unwrap();
        return;
    }
    assert_eq!(
        committed, generated,
        "schema/submission.schema.json is stale: run UPDATE_EXPECT=1 cargo test --test it cli::"
    );
    let out = cchc(&root(), &["schema"]);
    assert_eq!(stdout(&out), generated);
}

#[test]
fn the_committed_stage_schemas_are_current_and_the_samples_files_match_them() {
    use cchc_core::model::Stage;
    use cchc_core::schema::{stage_schema, stage_schema_path, stage_schema_text};
    for stage in Stage::ALL {
        let path = root().join(stage_schema_path(stage));
        let generated = stage_schema_text(stage);
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            fs::write(&path, &generated).unwrap();
        }
        let committed = fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(
            committed,
            generated,
            "{} is stale: run UPDATE_EXPECT=1 cargo test --test it cli::",
            stage_schema_path(stage)
        );
        let out = cchc(&root(), &["schema", "--stage", stage.folder()]);
        assert_eq!(stdout(&out), generated);
        // Every file of the stage in the sample, and a fresh scaffold, match.
        let validator = jsonschema::validator_for(&stage_schema(stage)).unwrap();
        let folder = root().join("submissions/2023-9t").join(stage.folder());
        let mut files = Vec::new();
        for e in fs::read_dir(&folder).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                files.extend(fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
            } else {
                files.push(p);
            }
        }
        assert!(files.len() >= 3, "the sample's {} files", stage.folder());
        for f in &files {
            let text = fs::read_to_string(f).unwrap();
            assert_matches_schema(&validator, &text, &f.display().to_string());
            let directive = format!("{}\n", stage_schema_path(stage));
            assert!(
                text.starts_with("#:schema ../")
                    && text.lines().next().unwrap().ends_with(directive.trim_end()),
                "{} names its schema",
                f.display()
            );
        }
    }
}

/// TOML to JSON as editors do it for schema validation: dates become strings.
fn to_json(v: &toml::Value) -> serde_json::Value {
    match v {
        toml::Value::String(s) => s.clone().into(),
        toml::Value::Integer(i) => (*i).into(),
        toml::Value::Float(f) => {
            serde_json::Number::from_f64(*f).map_or(serde_json::Value::Null, Into::into)
        }
        toml::Value::Boolean(b) => (*b).into(),
        toml::Value::Datetime(d) => d.to_string().into(),
        toml::Value::Array(a) => a.iter().map(to_json).collect(),
        toml::Value::Table(t) => t
            .iter()
            .map(|(k, v)| (k.clone(), to_json(v)))
            .collect::<serde_json::Map<_, _>>()
            .into(),
    }
}

fn assert_matches_schema(validator: &jsonschema::Validator, toml_text: &str, what: &str) {
    let value: toml::Value = toml::from_str(toml_text).unwrap_or_else(|e| panic!("{what}: {e}"));
    let json = to_json(&value);
    let errors: Vec<String> = validator
        .iter_errors(&json)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
}

/// Fills a scaffold's blanks the way a clerk would: every text, a status, the
/// maximum score with one evidence document.
fn fill(scaffold: &str, max_of: &dyn Fn(&str) -> String) -> String {
    let mut out = String::new();
    let mut criterion = String::new();
    for line in scaffold.lines() {
        let code = line.split(" #").next().unwrap_or(line).trim_end();
        let filled = if let Some(id) = code.strip_prefix("criterion = ") {
            id.trim_matches('"').clone_into(&mut criterion);
            code.to_owned()
        } else if code.starts_with("# status =") {
            "status = \"done\"".to_owned()
        } else if code.starts_with("# progress =") {
            "progress = 100".to_owned()
        } else if code.starts_with("# score =") {
            format!("score = {}", max_of(&criterion))
        } else if code == "# [[score.evidence]]" {
            "[[score.evidence]]".to_owned()
        } else if code.starts_with("# number = ") {
            "number = \"125/QĐ-UBND\"".to_owned()
        } else if code.starts_with("# date = ") {
            "date = 2023-03-20".to_owned()
        } else if code.starts_with("# title = ") {
            "title = \"Quyết định phê duyệt kết quả\"".to_owned()
        } else if code.starts_with("# url = ") {
            "url = \"https://vanban.hungyen.example/125\"".to_owned()
        } else if !code.starts_with('#') && code.ends_with("= \"\"") {
            code.replace("= \"\"", "= \"Nội dung đã điền\"")
        } else {
            line.to_owned()
        };
        out.push_str(&filled);
        out.push('\n');
    }
    out
}

#[test]
fn new_writes_a_schema_valid_file_for_every_unit_that_validates_once_filled() {
    let repo = scratch();
    let schema: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(root().join(cchc_core::schema::SCHEMA_PATH)).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let content = validate(
        &read_repo(repo.path()).unwrap(),
        jiff::Timestamp::UNIX_EPOCH,
    )
    .content;
    let campaign = content.campaigns.get("2023-9t").unwrap();
    let max_of = |id: &str| campaign.criteria.row(id).unwrap().1.max.to_string();
    assert_eq!(campaign.participants.len(), 17);
    for p in &campaign.participants {
        let rel = format!("submissions/2023-9t/{}.toml", p.unit);
        let _ = fs::remove_file(repo.path().join(&rel));
        let out = cchc(repo.path(), &["new", &p.unit]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let scaffold = fs::read_to_string(repo.path().join(&rel)).unwrap();
        assert!(scaffold.starts_with("#:schema ../../schema/submission.schema.json\n"));
        assert_matches_schema(&validator, &scaffold, &format!("scaffold of {}", p.unit));

        // As written, the blanks are reported (and nothing else is wrong).
        let out = cchc(repo.path(), &["validate", &rel, "--format", "json"]);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}: blanks must be reported",
            p.unit
        );
        let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        for d in json.as_array().unwrap() {
            let code = d["code"].as_str().unwrap();
            assert!(
                ["E014", "E025", "E041", "E065"].contains(&code),
                "{}: unexpected {code} in an unfilled scaffold: {d}",
                p.unit
            );
        }

        let filled = fill(&scaffold, &max_of);
        assert_matches_schema(&validator, &filled, &format!("filled file of {}", p.unit));
        fs::write(repo.path().join(&rel), &filled).unwrap();
        let out = cchc(repo.path(), &["validate", &rel]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}:\n{}\n{filled}",
            p.unit,
            stdout(&out)
        );
    }
}

#[test]
fn new_refuses_to_overwrite_without_force() {
    let repo = scratch();
    let rel = "submissions/2023-9t/tu-phap.toml";
    let before = fs::read_to_string(repo.path().join(rel)).unwrap();
    let out = cchc(repo.path(), &["new", "tu-phap"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(repo.path().join(rel)).unwrap(), before);
    let out = cchc(repo.path(), &["new", "tu-phap", "--force"]);
    assert_eq!(out.status.code(), Some(0));
    assert_ne!(fs::read_to_string(repo.path().join(rel)).unwrap(), before);
    let out = cchc(repo.path(), &["new", "khong-co"]);
    assert_eq!(out.status.code(), Some(2));
    let out = cchc(repo.path(), &["new", "tu-phap", "--campaign", "2099"]);
    assert_eq!(out.status.code(), Some(2));
}

#[cfg(unix)]
#[test]
fn new_writes_through_no_symbolic_link() {
    use std::os::unix::fs::symlink;
    let elsewhere = tempfile::tempdir().unwrap();
    let unchanged = |what: &str| {
        let names: Vec<_> = fs::read_dir(elsewhere.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names, ["victim.txt"], "{what}");
        assert_eq!(
            fs::read_to_string(elsewhere.path().join("victim.txt")).unwrap(),
            "mine",
            "{what}"
        );
    };
    fs::write(elsewhere.path().join("victim.txt"), "mine").unwrap();
    let repo = scratch();
    let campaign = repo.path().join("submissions/2023-9t");
    // A campaign folder that is a link: refused, named, nothing written.
    let real = repo.path().join("real-2023-9t");
    fs::rename(&campaign, &real).unwrap();
    symlink(elsewhere.path(), &campaign).unwrap();
    let out = cchc(repo.path(), &["new", "xay-dung"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("submissions/2023-9t là liên kết tượng trưng (symlink)"),
        "{}",
        stderr(&out)
    );
    let out = cchc(repo.path(), &["--lang", "en", "new", "xay-dung", "--force"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("submissions/2023-9t is a symbolic link"),
        "{}",
        stderr(&out)
    );
    unchanged("a linked campaign folder");
    fs::remove_file(&campaign).unwrap();
    fs::rename(&real, &campaign).unwrap();
    // The file itself a link: refused too, even with --force.
    symlink(
        elsewhere.path().join("victim.txt"),
        campaign.join("xay-dung.toml"),
    )
    .unwrap();
    let out = cchc(repo.path(), &["new", "xay-dung", "--force"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("submissions/2023-9t/xay-dung.toml là liên kết"),
        "{}",
        stderr(&out)
    );
    unchanged("a linked file");
    fs::remove_file(campaign.join("xay-dung.toml")).unwrap();
    // A link where the file is first written: replaced, not written through.
    symlink(
        elsewhere.path().join("victim.txt"),
        campaign.join(".xay-dung.toml.tmp"),
    )
    .unwrap();
    let out = cchc(repo.path(), &["new", "xay-dung"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    unchanged("a link in place of the temporary file");
    assert!(
        fs::read_to_string(campaign.join("xay-dung.toml"))
            .unwrap()
            .contains("unit = \"xay-dung\"")
    );
    assert!(!campaign.join(".xay-dung.toml.tmp").exists());
}
