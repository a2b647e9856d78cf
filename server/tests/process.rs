//! The real `regdesk-server` binary as a process: a 2xx survives `kill -9`,
//! SIGTERM lets a request in flight finish, SIGHUP reloads the catalogue.
#![cfg(unix)]

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::*;
use serde_json::Value;

/// The binary, killed when dropped.
struct Server {
    child: Child,
    base: String,
}

impl Server {
    /// Starts the binary on port 0 and reads the address it logs.
    fn start(dir: &Path, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_regdesk-server"))
            .args(["--listen", "127.0.0.1:0", "--catalogue"])
            .arg(dir.join("catalogue.json"))
            .arg("--db")
            .arg(dir.join("regdesk.sqlite"))
            .args(["--log-format", "json", "--rate-limit", "0"])
            .args(extra)
            .env("REGDESK_LOG", "info")
            .env_remove("REGDESK_ADMIN_TOKEN")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start regdesk-server");
        let stdout = child.stdout.take().expect("stdout");
        let (found, address) = std::sync::mpsc::channel();
        // Reads the log to its end, so that the pipe never fills up.
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let Ok(entry) = serde_json::from_str::<Value>(&line) else {
                    continue;
                };
                if entry["fields"]["message"] == "listening" {
                    let _ = found.send(
                        entry["fields"]["address"]
                            .as_str()
                            .unwrap_or("")
                            .to_string(),
                    );
                }
            }
        });
        let address = address
            .recv_timeout(Duration::from_secs(20))
            .expect("the server logs its address");
        Server {
            child,
            base: format!("http://{address}"),
        }
    }

    fn signal(&self, name: &str) {
        let ok = Command::new("kill")
            .args([&format!("-{name}"), &self.child.id().to_string()])
            .status()
            .expect("kill")
            .success();
        assert!(ok, "kill -{name}");
    }

    fn wait_exit(&mut self, within: Duration) -> std::process::ExitStatus {
        let until = Instant::now() + within;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            assert!(Instant::now() < until, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn dir_with(feed: &Value) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let catalogue = dir.path().join("catalogue.json");
    std::fs::write(&catalogue, feed.to_string()).expect("write");
    (dir, catalogue)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_2xx_survives_kill_9() {
    let (dir, _) = dir_with(&feed(vec![event(
        "durable",
        &[("hall", 100_000)],
        None,
        false,
        1,
    )]));
    let mut server = Server::start(dir.path(), &[]);
    let acknowledged = Arc::new(Mutex::new(Vec::<(String, Value, String)>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let load: Vec<_> = (0..8)
        .map(|worker| {
            let (base, acknowledged, stop) =
                (server.base.clone(), acknowledged.clone(), stop.clone());
            tokio::spawn(async move {
                let client = client();
                for i in 0.. {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let key = format!("k-{worker}-{i}");
                    let body = registration("durable", None, &format!("w{worker}-{i}@example.org"));
                    let sent = client
                        .post(format!("{base}/api/registrations"))
                        .header("Idempotency-Key", &key)
                        .json(&body)
                        .send()
                        .await;
                    let Ok(res) = sent else { break };
                    if !res.status().is_success() {
                        continue;
                    }
                    // Only a complete answer counts as acknowledged.
                    if let Ok(created) = res.json::<Value>().await {
                        if let Some(r) = created["reference"].as_str() {
                            acknowledged
                                .lock()
                                .unwrap()
                                .push((key, body, r.to_string()));
                        }
                    }
                }
            })
        })
        .collect();
    // Kill it in the middle of the load.
    let until = Instant::now() + Duration::from_secs(10);
    while acknowledged.lock().unwrap().len() < 150 && Instant::now() < until {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    server.child.kill().expect("kill -9");
    server.child.wait().expect("reaped");
    stop.store(true, Ordering::Relaxed);
    for t in load {
        t.await.unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(
        acknowledged.len() >= 150,
        "load ran: {}",
        acknowledged.len()
    );

    let conn = rusqlite::Connection::open(dir.path().join("regdesk.sqlite")).unwrap();
    let mut find = conn
        .prepare("SELECT status FROM registrations WHERE reference = ?1")
        .unwrap();
    for (_, _, reference) in &acknowledged {
        let status: String = find
            .query_row([reference], |r| r.get(0))
            .unwrap_or_else(|e| panic!("{reference} was acknowledged but is lost: {e}"));
        assert_eq!(status, "confirmed");
    }
    let stored: i64 = conn
        .query_row("SELECT COUNT(*) FROM registrations", [], |r| r.get(0))
        .unwrap();
    drop(find);
    assert_seat_counts_agree(&conn);
    drop(conn);

    // Restarted on the same file: seats count every stored registration,
    // and an acknowledged key still replays its answer.
    let restarted = Server::start(dir.path(), &[]);
    let durable: Value = get_json(format!("{}/api/events/durable", restarted.base)).await;
    assert_eq!(durable["remainingAttendeeCapacity"], 100_000 - stored);
    let (key, body, reference) = &acknowledged[0];
    let (status, replay) = post(&restarted.base, body, key).await;
    assert_eq!(
        (status, replay["reference"].as_str()),
        (200, Some(reference.as_str()))
    );
}

#[tokio::test]
async fn sigterm_lets_the_request_in_flight_finish() {
    let (dir, _) = dir_with(&feed(vec![event("term", &[("hall", 10)], None, false, 1)]));
    let mut server = Server::start(dir.path(), &[]);
    let addr = server.base.trim_start_matches("http://").to_string();
    let body = registration("term", None, "last@example.org").to_string();
    let (half, rest) = body.as_bytes().split_at(body.len() / 2);
    let mut raw = Raw::connect(&server.base);
    raw.post_head(body.len(), "");
    raw.send(half).unwrap();
    std::thread::sleep(Duration::from_millis(200));
    server.signal("TERM");
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        std::net::TcpStream::connect(&addr).is_err(),
        "no new connections once shutting down"
    );
    assert!(
        server.child.try_wait().unwrap().is_none(),
        "still finishing the request"
    );
    raw.send(rest).unwrap();
    let answer = raw.answer();
    assert!(answer.starts_with("HTTP/1.1 201"), "{answer}");
    let status = server.wait_exit(Duration::from_secs(10));
    assert!(status.success(), "{status:?}");
    let conn = rusqlite::Connection::open(dir.path().join("regdesk.sqlite")).unwrap();
    let n: i64 = conn
        .query_row("SELECT COUNT(*) FROM registrations", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
}

#[tokio::test]
async fn sighup_reloads_the_catalogue() {
    let (dir, catalogue) = dir_with(&feed(vec![event("first", &[("hall", 10)], None, false, 1)]));
    let mut server = Server::start(dir.path(), &["--watch-seconds", "0"]);
    let (status, _) = post(
        &server.base,
        &registration("first", None, "a@example.org"),
        "h1",
    )
    .await;
    assert_eq!(status, 201);
    std::fs::write(
        &catalogue,
        feed(vec![
            event("first", &[("hall", 10)], None, false, 1),
            event("second", &[("hall", 5)], None, false, 1),
        ])
        .to_string(),
    )
    .unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let before = get(format!("{}/api/events/second", server.base)).await;
    assert_eq!(
        before.status(),
        404,
        "not watching the file: only SIGHUP reloads"
    );
    server.signal("HUP");
    let mut status = 0;
    for _ in 0..50 {
        tokio::time::sleep(Duration::from_millis(50)).await;
        let r = get(format!("{}/api/events/second", server.base)).await;
        status = r.status().as_u16();
        if status == 200 {
            break;
        }
    }
    assert_eq!(status, 200, "reloaded on SIGHUP");
    assert!(
        server.child.try_wait().unwrap().is_none(),
        "SIGHUP did not end the process"
    );
    let first: Value = get_json(format!("{}/api/events/first", server.base)).await;
    assert_eq!(first["remainingAttendeeCapacity"], 9, "registrations kept");
}

#[test]
fn refuses_to_start_with_a_weak_admin_token() {
    let (dir, _) = dir_with(&sample_feed());
    let token = dir.path().join("token");
    std::fs::write(&token, "short\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_regdesk-server"))
        .args(["--listen", "127.0.0.1:0", "--catalogue"])
        .arg(dir.path().join("catalogue.json"))
        .arg("--db")
        .arg(dir.path().join("regdesk.sqlite"))
        .arg("--admin-token-file")
        .arg(&token)
        .env_remove("REGDESK_ADMIN_TOKEN")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least 16 characters"));
}
