//! The `parkgraph` binary as users run it.

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{bin, free_port, seeds};

fn seed_files() -> Vec<PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(seeds())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    v
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("parkgraph runs")
}

#[test]
fn extract_prints_one_json_object_per_file() {
    let out = run(bin().arg("extract").args(seed_files()));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 5);
    for (line, path) in lines.iter().zip(seed_files()) {
        assert_eq!(line["source"], path.display().to_string());
        for key in ["parks", "clusters", "statistics", "companies"] {
            assert!(line[key].is_array(), "{key}");
        }
        assert!(line["document"]["source_format"]
            .as_str()
            .unwrap()
            .starts_with("SOURCE_FORMAT_"));
    }
    let zh = &lines[4];
    assert_eq!(zh["document"]["language"], "zh");
    assert_eq!(zh["document"]["published_at"], "2022-03-29T07:49:30Z");
}

#[test]
fn extract_fails_clearly_on_unreadable_or_unparsable_input() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.bin");
    std::fs::write(&junk, [0u8, 1, 2, 3, 0xff, 0xfe, 0, 0]).unwrap();
    let missing = dir.path().join("missing.txt");
    let out = run(bin()
        .arg("extract")
        .arg(&seed_files()[0])
        .arg(&junk)
        .arg(&missing));
    assert!(!out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        stdout.lines().count(),
        1,
        "the good file is still extracted"
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("junk.bin") && stderr.contains("not text"),
        "{stderr}"
    );
    assert!(
        stderr.contains("missing.txt") && stderr.contains("cannot read"),
        "{stderr}"
    );
}

#[test]
fn invalid_configuration_names_the_key() {
    let out = run(bin()
        .arg("extract")
        .arg(&seed_files()[0])
        .env("PARKGRAPH__SERVER__ADDR", "not-an-address"));
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("server.addr"), "{stderr}");
}

#[test]
fn healthcheck_tls_flags_are_checked_before_connecting() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing-ca.pem");
    let out = run(bin()
        .args(["healthcheck", "--addr", "127.0.0.1:9", "--tls-ca"])
        .arg(&missing));
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("--tls-ca") && stderr.contains("missing-ca.pem"),
        "{stderr}"
    );
    // A client certificate only means something over TLS: clap refuses it alone.
    let out = run(bin().args(["healthcheck", "--tls-cert", "c.pem"]));
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("--tls-ca"), "{stderr}");
}

struct Serve {
    child: Child,
    addr: String,
}

impl Serve {
    fn start(store: &Path) -> Serve {
        let addr = format!("127.0.0.1:{}", free_port());
        let child = bin()
            .arg("serve")
            .env("PARKGRAPH__SERVER__ADDR", &addr)
            .env("PARKGRAPH__STORE__PATH", store)
            .env("PARKGRAPH__SEEDS__DIR", seeds())
            .env("PARKGRAPH__AUTH__INGEST_TOKEN", "cli-secret-token")
            .env("PARKGRAPH__LOG__FORMAT", "json")
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        Serve { child, addr }
    }

    fn wait_serving(&self) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if run(bin().args(["healthcheck", "--addr", &self.addr]))
                .status
                .success()
            {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("server did not become SERVING");
    }

    /// SIGTERM, then the full log.
    fn stop(mut self) -> String {
        Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        let status = self.child.wait().unwrap();
        assert!(status.success(), "graceful shutdown exits 0, got {status}");
        let mut log = String::new();
        for line in BufReader::new(self.child.stderr.take().unwrap()).lines() {
            log.push_str(&line.unwrap());
            log.push('\n');
        }
        log
    }
}

#[test]
fn serve_healthcheck_second_process_and_graceful_stop() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    let serve = Serve::start(&store);
    serve.wait_serving();

    // A second process on the same store is refused with a message saying what to do.
    let second = run(bin()
        .arg("serve")
        .env(
            "PARKGRAPH__SERVER__ADDR",
            format!("127.0.0.1:{}", free_port()),
        )
        .env("PARKGRAPH__STORE__PATH", &store)
        .env("PARKGRAPH__SEEDS__DIR", seeds()));
    assert!(!second.status.success());
    let stderr = String::from_utf8(second.stderr).unwrap();
    assert!(stderr.contains("in use by another process"), "{stderr}");

    let log = serve.stop();
    assert!(
        log.contains("seeds loaded") && log.contains("store flushed"),
        "{log}"
    );
    assert!(
        !log.contains("cli-secret-token"),
        "the token never reaches the log"
    );

    // Nothing answers any more.
    let addr = "127.0.0.1:9"; // discard port: nothing listens
    assert!(!run(bin().args(["healthcheck", "--addr", addr]))
        .status
        .success());
}
