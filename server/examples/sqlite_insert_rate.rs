//! The raw SQLite insert rate on a disk, for `cargo xtask bench-server`:
//! registrations written straight to a fresh database with the server's own
//! schema, settings (WAL, `synchronous=FULL`) and insert code, one
//! transaction each (`BEGIN IMMEDIATE` .. `COMMIT`), with no HTTP, no
//! validation and no seat check.
//!
//! `sqlite_insert_rate <directory> <count> <max seconds>` prints one JSON
//! line: `{"inserts": n, "seconds": s, "perSecond": r}`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use regdesk_server::store::{self, NewRegistration};
use rusqlite::TransactionBehavior;
use serde_json::json;

fn registration(i: u64) -> NewRegistration {
    let email = format!("raw{i}@example.org");
    let answers = json!({"fullName": "Nguyễn Thị Hương", "email": email, "organisation": "Viet Nam Social Security",
        "jobTitle": "Deputy Director", "country": "VN", "phone": "+84 24 3936 3636"});
    NewRegistration {
        reference: format!("RD-RAW-{i:08}"),
        event_id: "bench".into(),
        location_id: Some("hall".into()),
        locale: Some("vi".into()),
        consent_version: Some("2026-01".into()),
        consent_purposes: Some("[\"processing\"]".into()),
        consent_at: Some("2026-11-22T10:00:00Z".into()),
        widget: Some("regdesk/bench".into()),
        idempotency_key: Some(format!("raw-key-{i}")),
        request_hash: format!("{i:064x}"),
        attendees: vec![(
            Some("Nguyễn Thị Hương".into()),
            Some(email),
            answers.to_string(),
        )],
    }
}

fn run(dir: PathBuf, count: u64, limit: Duration) -> Result<(u64, f64), rusqlite::Error> {
    let path = dir.join("raw-insert.sqlite");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let (_, mut conn) = store::open(&path)?;
    let started = Instant::now();
    let mut done = 0;
    while done < count && started.elapsed() < limit {
        let reg = registration(done);
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        store::insert(&tx, &reg, "confirmed", "2026-11-22T10:00:00.000Z")?;
        if let Some(key) = &reg.idempotency_key {
            store::put_key(&tx, key, &reg.request_hash, "{}", 0)?;
        }
        tx.commit()?;
        done += 1;
    }
    Ok((done, started.elapsed().as_secs_f64()))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(Ok(count)), Some(Ok(secs))) = (
        args.first(),
        args.get(1).map(|a| a.parse::<u64>()),
        args.get(2).map(|a| a.parse::<u64>()),
    ) else {
        eprintln!("usage: sqlite_insert_rate <directory> <count> <max seconds>");
        return ExitCode::from(2);
    };
    match run(PathBuf::from(dir), count, Duration::from_secs(secs)) {
        Ok((n, seconds)) => {
            let rate = n as f64 / seconds.max(1e-9);
            println!(
                "{}",
                json!({"inserts": n, "seconds": seconds, "perSecond": rate})
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("sqlite_insert_rate: {e}");
            ExitCode::FAILURE
        }
    }
}
