//! `cchc serve`: rebuilds on change, keeps the last good site.

use std::fs;
use std::process::Command;

use super::{copy, root};

/// A minimal HTTP GET against the local server: (status, body).
fn http_get(port: u16, path: &str) -> Option<(u16, String)> {
    use std::io::{Read as _, Write as _};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(std::time::Duration::from_secs(5)))
        .ok()?;
    write!(s, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").ok()?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).ok()?;
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text.split_whitespace().nth(1)?.parse().ok()?;
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_owned())?;
    Some((status, body))
}

fn state(port: u16) -> serde_json::Value {
    serde_json::from_str(&http_get(port, "/__cchc/state").unwrap().1).unwrap()
}

fn wait_for(what: &str, mut ok: impl FnMut() -> bool) {
    let start = std::time::Instant::now();
    while start.elapsed() < std::time::Duration::from_secs(20) {
        if ok() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("timed out waiting for {what}");
}

#[test]
fn serve_rebuilds_on_change_and_keeps_the_last_good_site_on_error() {
    let repo = tempfile::tempdir().unwrap();
    for d in ["content", "submissions"] {
        copy(&root().join(d), &repo.path().join(d));
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_cchc"))
        .args(["serve", "--port", &port.to_string()])
        .current_dir(repo.path())
        .env("SOURCE_DATE_EPOCH", "1764039600")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let result = std::panic::catch_unwind(|| {
        wait_for("the server", || http_get(port, "/").is_some());
        let (code, home) = http_get(port, "/").unwrap();
        assert_eq!(code, 200);
        assert!(home.contains("__cchc/reload.js"), "{home}");
        assert!(home.contains("script-src 'self'"));
        assert_eq!(http_get(port, "/2023-9t/").unwrap().0, 200);
        assert_eq!(http_get(port, "/khong-co.html").unwrap().0, 404);
        assert_eq!(http_get(port, "/../Cargo.toml").unwrap().0, 404);
        // The clerk's preview shows the warnings the public pages leave
        // out, with their codes and lines.
        let y_te = http_get(port, "/2023-9t/don-vi/y-te.html").unwrap().1;
        assert!(y_te.contains("W050</span> dòng 47"), "{y_te}");
        let v0 = state(port)["version"].as_u64().unwrap();
        // Reading the files for a build is not a change: nothing rebuilds
        // until something is written.
        std::thread::sleep(std::time::Duration::from_millis(800));
        assert_eq!(state(port)["version"].as_u64().unwrap(), v0);

        // A change to a submission is rebuilt and the page changes.
        let sub = repo.path().join("submissions/2023-9t/tu-phap.toml");
        let text = fs::read_to_string(&sub).unwrap();
        let first_name = text
            .lines()
            .find(|l| l.starts_with("name = "))
            .unwrap()
            .to_owned();
        fs::write(
            &sub,
            text.replacen(&first_name, "name = \"Người Lập Mới\"", 1),
        )
        .unwrap();
        wait_for("a rebuild", || {
            state(port)["version"].as_u64().unwrap() > v0
        });
        let unit = http_get(port, "/2023-9t/don-vi/tu-phap.html").unwrap().1;
        assert!(unit.contains("Người Lập Mới"));

        // Broken content: the error is reported and the last good site stays.
        let units = repo.path().join("content/units.toml");
        let good = fs::read_to_string(&units).unwrap();
        fs::write(&units, "[office\n").unwrap();
        wait_for("the error", || !state(port)["error"].is_null());
        let s = state(port);
        assert!(s["error"].as_str().unwrap().contains("E004"), "{s}");
        assert!(
            http_get(port, "/2023-9t/don-vi/tu-phap.html")
                .unwrap()
                .1
                .contains("Người Lập Mới")
        );
        let v1 = s["version"].as_u64().unwrap();

        fs::write(&units, good).unwrap();
        wait_for("recovery", || {
            let s = state(port);
            s["error"].is_null() && s["version"].as_u64().unwrap() > v1
        });
    });
    let _ = child.kill();
    let _ = child.wait();
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}
