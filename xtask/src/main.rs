//! `cargo xtask <task>`: Regdesk's developer tasks.
//!
//! - `setup`: installs what the build and tests need, each only when missing;
//! - `demo`:  runs the reference server on the sample catalogue and
//!   `trunk serve` with `/api` proxied to it;
//! - `test`:  every test: core, server, widget (native and in headless
//!   Chromium), then end to end against the release build;
//! - `dist`:  the release folder for a static host or CDN (`dist-cdn/`);
//! - `bench`: shipped bytes, first card, keystrokes and memory of the release
//!   widget against a no-framework floor (docs/performance.md);
//! - `bench-server`: registrations per second against the raw SQLite rate.

mod bench;
mod bench_server;
mod dist;
mod setup;
mod tasks;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup::install_all(),
        Some("demo") => tasks::demo(),
        Some("test") => tasks::test(),
        Some("dist") => dist::run_task(&args[1..]),
        Some("bench") => bench::bench(),
        Some("bench-server") => bench_server::bench_server(&args[1..]),
        _ => {
            eprintln!(
                "usage: cargo xtask <setup|demo|test|dist [--base-url URL]|bench|bench-server>"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}
