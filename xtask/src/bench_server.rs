//! `cargo xtask bench-server [--requests N] [--connections C] [--seconds S]
//! [--rounds R]`: builds the release server, loads it over loopback
//! (127.0.0.1 only) with a bounded number of registrations (N in all, in at
//! most S seconds) from C keep-alive connections, and prints registrations
//! per second and the p50/p99 latency. In the same run and on the same disk,
//! taking turns with the load over R rounds, it measures the raw SQLite
//! insert rate (the server's schema, settings and insert code, one
//! transaction per registration, no HTTP), and prints the ratio of the
//! medians.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::setup::{cmd, root, run, Result};

struct Options {
    requests: u64,
    connections: u64,
    seconds: u64,
    rounds: u64,
}

fn options(args: &[String]) -> Result<Options> {
    let mut o = Options {
        requests: 9000,
        connections: 16,
        seconds: 30,
        rounds: 3,
    };
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let value = it
            .next()
            .and_then(|v| v.parse::<u64>().ok())
            .filter(|v| *v > 0)
            .ok_or_else(|| format!("{flag} needs a positive number"))?;
        match flag.as_str() {
            "--requests" => o.requests = value.min(1_000_000),
            "--connections" => o.connections = value.min(256),
            "--seconds" => o.seconds = value.min(600),
            "--rounds" => o.rounds = value.min(20),
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(o)
}

/// Kills the server if the benchmark stops early.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn target_dir() -> std::path::PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

/// A catalogue of one event with seats for everyone.
fn catalogue() -> Value {
    let now = chrono::Utc::now();
    json!({"events": [{
        "id": "bench",
        "name": {"en": "Benchmark event"},
        "startDate": (now + chrono::Duration::days(60)).to_rfc3339(),
        "eventAttendanceMode": "OfflineEventAttendanceMode",
        "location": [{"@type": "Place", "id": "hall", "name": {"en": "Hall"}, "maximumAttendeeCapacity": 10_000_000}],
        "maximumAttendeeCapacity": 10_000_000,
        "registration": {"opens": (now - chrono::Duration::days(1)).to_rfc3339(), "waitlist": false, "maxAttendees": 1}
    }]})
}

fn start_server(dir: &Path) -> Result<(Server, SocketAddr)> {
    let mut child = Command::new(target_dir().join("release/regdesk-server"))
        .args([
            "--listen",
            "127.0.0.1:0",
            "--rate-limit",
            "0",
            "--log-format",
            "json",
        ])
        .arg("--catalogue")
        .arg(dir.join("catalogue.json"))
        .arg("--db")
        .arg(dir.join("server.sqlite"))
        .env("REGDESK_LOG", "info")
        .env_remove("REGDESK_ADMIN_TOKEN")
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start regdesk-server: {e}"))?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let server = Server(child);
    let (found, address) = std::sync::mpsc::channel();
    // Reads the log to its end (as a log shipper would), so the pipe never fills.
    std::thread::spawn(move || {
        for line in BufReader::new(stdout)
            .lines()
            .map_while(std::result::Result::ok)
        {
            if let Ok(entry) = serde_json::from_str::<Value>(&line) {
                if entry["fields"]["message"] == "listening" {
                    let _ = found.send(
                        entry["fields"]["address"]
                            .as_str()
                            .unwrap_or("")
                            .to_string(),
                    );
                }
            }
        }
    });
    let address = address
        .recv_timeout(Duration::from_secs(20))
        .map_err(|_| "the server did not start")?;
    let address: SocketAddr = address.parse().map_err(|e| format!("{address}: {e}"))?;
    if !address.ip().is_loopback() {
        return Err(format!("refusing to load a non-loopback address {address}"));
    }
    Ok((server, address))
}

/// One keep-alive HTTP/1.1 connection.
struct Connection {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

impl Connection {
    fn open(address: SocketAddr) -> std::io::Result<Self> {
        let stream = TcpStream::connect(address)?;
        stream.set_nodelay(true)?;
        stream.set_read_timeout(Some(Duration::from_secs(30)))?;
        Ok(Self {
            writer: stream.try_clone()?,
            reader: BufReader::new(stream),
        })
    }

    /// Sends one registration; returns the status code.
    fn register(&mut self, n: u64) -> std::io::Result<u16> {
        let body = json!({"eventId": "bench", "locationId": "hall", "locale": "vi",
            "attendees": [{"fullName": "Nguyễn Thị Hương", "email": format!("bench{n}@example.org"),
                "organisation": "Viet Nam Social Security", "jobTitle": "Deputy Director",
                "country": "VN", "phone": "+84 24 3936 3636"}],
            "widget": "regdesk/bench"})
        .to_string();
        let request = format!(
            "POST /api/registrations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nIdempotency-Key: \"bench-{n}\"\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        self.writer.write_all(request.as_bytes())?;
        let mut line = String::new();
        self.reader.read_line(&mut line)?;
        let status = line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| std::io::Error::other(format!("bad status line {line:?}")))?;
        let mut length = 0usize;
        loop {
            line.clear();
            self.reader.read_line(&mut line)?;
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some((name, value)) = l.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse().unwrap_or(0);
                }
            }
        }
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body)?;
        Ok(status)
    }
}

struct Load {
    latencies_us: Vec<u64>,
    failed: u64,
    seconds: f64,
}

fn load(address: SocketAddr, o: &Options, first: u64) -> Result<Load> {
    let next = Arc::new(AtomicU64::new(first));
    let last = first + o.requests;
    let latencies = Arc::new(Mutex::new(Vec::with_capacity(o.requests as usize)));
    let failed = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(o.seconds);
    let started = Instant::now();
    let workers: Vec<_> = (0..o.connections)
        .map(|_| {
            let (next, latencies, failed) = (next.clone(), latencies.clone(), failed.clone());
            std::thread::spawn(move || -> std::io::Result<()> {
                let mut conn = Connection::open(address)?;
                let mut mine = Vec::new();
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= last || Instant::now() >= deadline {
                        break;
                    }
                    let t = Instant::now();
                    match conn.register(n)? {
                        200..=299 => mine.push(t.elapsed().as_micros() as u64),
                        _ => {
                            failed.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                }
                if let Ok(mut all) = latencies.lock() {
                    all.extend(mine);
                }
                Ok(())
            })
        })
        .collect();
    for w in workers {
        w.join()
            .map_err(|_| "a load thread panicked")?
            .map_err(|e| format!("load: {e}"))?;
    }
    let seconds = started.elapsed().as_secs_f64();
    let latencies_us = latencies.lock().map(|l| l.clone()).unwrap_or_default();
    Ok(Load {
        latencies_us,
        failed: failed.load(Ordering::Relaxed),
        seconds,
    })
}

/// Runs the raw insert probe in `dir`: (inserts per second, how many).
fn raw_inserts(dir: &Path, o: &Options) -> Result<(f64, u64)> {
    println!(
        "==> raw SQLite inserts on the same disk ({})",
        dir.display()
    );
    let probe = Command::new(target_dir().join("release/examples/sqlite_insert_rate"))
        .arg(dir)
        .arg(o.requests.to_string())
        .arg(o.seconds.to_string())
        .output()
        .map_err(|e| format!("sqlite_insert_rate: {e}"))?;
    if !probe.status.success() {
        return Err(format!(
            "sqlite_insert_rate failed: {}",
            String::from_utf8_lossy(&probe.stderr)
        ));
    }
    let raw: Value = serde_json::from_slice(&probe.stdout).map_err(|e| e.to_string())?;
    Ok((
        raw["perSecond"].as_f64().unwrap_or(0.0),
        raw["inserts"].as_u64().unwrap_or(0),
    ))
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(0.0)
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(i).copied().unwrap_or(0) as f64 / 1000.0
}

pub fn bench_server(args: &[String]) -> Result {
    let o = options(args)?;
    println!("==> building the release server and the raw SQLite probe");
    run(cmd("cargo").args([
        "build",
        "--release",
        "-p",
        "regdesk-server",
        "--bin",
        "regdesk-server",
        "--example",
        "sqlite_insert_rate",
    ]))?;
    let dir = target_dir().join("bench-server");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("catalogue.json"), catalogue().to_string())
        .map_err(|e| e.to_string())?;

    let (mut server, address) = start_server(&dir)?;
    let warm = Options {
        requests: 100,
        connections: o.connections.min(4),
        seconds: 10,
        rounds: 1,
    };
    load(address, &warm, 0)?;
    // The disk is shared and its speed drifts: the raw probe and the load
    // take turns, and the medians are compared.
    let round = Options {
        requests: (o.requests / o.rounds).max(1),
        connections: o.connections,
        seconds: (o.seconds / o.rounds).max(1),
        rounds: 1,
    };
    let mut raw_rates = Vec::new();
    let mut rates = Vec::new();
    let mut latencies = Vec::new();
    let mut failed = 0;
    let mut first = warm.requests;
    for r in 1..=o.rounds {
        let (raw, raw_count) = raw_inserts(&dir, &round)?;
        println!(
            "==> round {r}/{}: {} registrations to {address} over {} connections (at most {} s)",
            o.rounds, round.requests, round.connections, round.seconds
        );
        let result = load(address, &round, first)?;
        first += round.requests;
        let rate = result.latencies_us.len() as f64 / result.seconds.max(1e-9);
        println!(
            "    raw SQLite {raw:.0}/s ({raw_count} inserts), server {rate:.0}/s ({} in {:.2} s)",
            result.latencies_us.len(),
            result.seconds
        );
        raw_rates.push(raw);
        rates.push(rate);
        latencies.extend(result.latencies_us);
        failed += result.failed;
    }
    let _ = Command::new("kill")
        .args(["-TERM", &server.0.id().to_string()])
        .status();
    let _ = server.0.wait();

    latencies.sort_unstable();
    let (rate, raw_rate) = (median(&mut rates), median(&mut raw_rates));
    println!();
    println!(
        "registrations:        {} ({failed} refused or failed), {} rounds",
        latencies.len(),
        o.rounds
    );
    println!("registrations/s:      {rate:.0} (median of the rounds)");
    println!(
        "latency p50 / p99:    {:.2} ms / {:.2} ms",
        percentile(&latencies, 0.50),
        percentile(&latencies, 0.99)
    );
    println!(
        "raw SQLite inserts/s: {raw_rate:.0} (median; one transaction per registration, synchronous=FULL, same disk)"
    );
    println!("ratio server / raw:   {:.2}", rate / raw_rate.max(1e-9));
    if failed > 0 {
        return Err(format!("{failed} registrations were not accepted"));
    }
    Ok(())
}
