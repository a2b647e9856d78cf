//! The demo and the test run.

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::Instant;

use regdesk_core::feed::{shift_dates, SAMPLE_AS_OF};

use crate::setup::{self, cmd, root, run, Result};

/// The sample catalogue with its dates moved by the days since it was
/// written, so its events stay upcoming; written to `out`.
pub fn catalogue_as_of_today(out: &Path) -> Result {
    let text = std::fs::read_to_string(root().join("demo/catalogue.json"))
        .map_err(|e| format!("demo/catalogue.json: {e}"))?;
    let mut feed: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("demo/catalogue.json: {e}"))?;
    let written =
        chrono::NaiveDate::parse_from_str(SAMPLE_AS_OF, "%Y-%m-%d").map_err(|e| e.to_string())?;
    let days = (chrono::Utc::now().date_naive() - written)
        .num_days()
        .max(0);
    shift_dates(&mut feed, days);
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    let pretty = serde_json::to_string_pretty(&feed).map_err(|e| e.to_string())?;
    std::fs::write(out, pretty).map_err(|e| format!("{}: {e}", out.display()))
}

/// Kills the child when dropped, so no server outlives the task.
struct Guard(Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn demo() -> Result {
    setup::install_all()?;
    println!("==> building regdesk-server");
    run(cmd("cargo").args(["build", "--release", "-p", "regdesk-server"]))?;
    let data = root().join("data");
    let catalogue = data.join("catalogue.json");
    catalogue_as_of_today(&catalogue)?;
    let server = Command::new(server_bin("release"))
        .current_dir(root())
        .args(["--listen", "127.0.0.1:8787", "--catalogue"])
        .arg(&catalogue)
        .arg("--db")
        .arg(data.join("regdesk.sqlite"))
        .args(["--allow-origin", "http://127.0.0.1:8080"])
        .spawn()
        .map_err(|e| format!("cannot start regdesk-server: {e}"))?;
    let _server = Guard(server);
    println!("==> regdesk-server on http://127.0.0.1:8787 (database: data/regdesk.sqlite)");
    println!("==> building the widget; then open http://127.0.0.1:8080/  (Ctrl-C stops both)");
    run(cmd("trunk").arg("serve"))
}

pub fn test() -> Result {
    let started = Instant::now();
    setup::install_all()?;
    let mut timings = Vec::new();
    let mut timed = |name: &str, c: &mut Command| -> Result {
        println!("==> {name}");
        let t = Instant::now();
        run(c)?;
        timings.push((name.to_string(), t.elapsed().as_secs_f32()));
        Ok(())
    };
    timed(
        "core and server tests",
        cmd("cargo").args([
            "test",
            "-p",
            "regdesk-core",
            "-p",
            "regdesk-server",
            "-p",
            "xtask",
        ]),
    )?;
    timed(
        "widget state tests (native)",
        cmd("cargo").args(["test", "-p", "regdesk", "--lib"]),
    )?;
    timed(
        "widget browser tests (headless Chromium)",
        cmd("cargo")
            .args([
                "test",
                "-p",
                "regdesk",
                "--target",
                "wasm32-unknown-unknown",
                "--test",
                "browser",
                "--test",
                "browse",
            ])
            .env("CHROMEDRIVER", "/usr/bin/chromedriver")
            .env(
                "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                "wasm-bindgen-test-runner",
            ),
    )?;
    timed(
        "release build of the widget",
        cmd("trunk").args(["build", "--release"]),
    )?;
    let release = crate::dist::package(None)?;
    timed(
        "regdesk-server build",
        cmd("cargo").args(["build", "-p", "regdesk-server"]),
    )?;
    let e2e = root().join("target/e2e");
    catalogue_as_of_today(&e2e.join("catalogue.json"))?;
    timed(
        "end-to-end tests (headless Chromium, real server)",
        cmd("node")
            .args(["--test", "--test-concurrency=1", "e2e/"])
            .env("REGDESK_SERVER_BIN", server_bin("debug"))
            .env("REGDESK_DIST", root().join("dist"))
            .env("REGDESK_CDN", &release.dir)
            .env("REGDESK_E2E_DIR", &e2e),
    )?;
    println!(
        "==> all tests passed in {:.0} s",
        started.elapsed().as_secs_f32()
    );
    for (name, secs) in timings {
        println!("    {secs:>6.1} s  {name}");
    }
    Ok(())
}

fn server_bin(profile: &str) -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"));
    target.join(profile).join("regdesk-server")
}
