//! Installs the build and test tools, each only when missing, so a fresh
//! machine with only Rust, gcc, Python and Node gets everything, and a warm
//! one spends a few seconds checking.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub type Result<T = ()> = std::result::Result<T, String>;

/// The repository root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.parent().map(Path::to_path_buf).unwrap_or(here)
}

/// `PATH` with cargo's bin folder and the npm tools (wasm-opt) in front.
pub fn tool_path() -> String {
    let mut parts = Vec::new();
    if let Some(home) = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
    {
        parts.push(home.join("bin").display().to_string());
    }
    parts.push(root().join("node_modules/.bin").display().to_string());
    parts.push(std::env::var("PATH").unwrap_or_default());
    parts.join(":")
}

/// A command with the tool `PATH`, run from the repository root.
pub fn cmd(program: &str) -> Command {
    let mut c = Command::new(program);
    c.current_dir(root()).env("PATH", tool_path());
    c
}

/// Runs a command, failing with its name when it fails.
pub fn run(c: &mut Command) -> Result {
    let shown = format!("{c:?}");
    let status = c.status().map_err(|e| format!("cannot run {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("failed ({status}): {shown}"))
    }
}

/// A command's standard output, or `None` when it cannot run or fails.
fn output(c: &mut Command) -> Option<String> {
    let out = c.stderr(Stdio::null()).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn step(what: &str) {
    println!("==> {what}");
}

/// The wasm-bindgen version in Cargo.lock: the CLI must match it exactly.
pub fn wasm_bindgen_version() -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    Err("wasm-bindgen is not in Cargo.lock".into())
}

/// Every step; prints what each does.
pub fn install_all() -> Result {
    wasm_target()?;
    wasm_bindgen()?;
    trunk()?;
    npm_tools()?;
    chromium()?;
    println!("==> setup complete");
    Ok(())
}

fn wasm_target() -> Result {
    let installed =
        output(cmd("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        step("wasm32-unknown-unknown target: present");
        return Ok(());
    }
    step("installing the wasm32-unknown-unknown target");
    run(cmd("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

fn wasm_bindgen() -> Result {
    let wanted = wasm_bindgen_version()?;
    let have = output(cmd("wasm-bindgen").arg("--version")).unwrap_or_default();
    if have.split_whitespace().nth(1) == Some(wanted.as_str()) {
        step(&format!("wasm-bindgen-cli {wanted}: present"));
        return Ok(());
    }
    step(&format!(
        "installing wasm-bindgen-cli {wanted} (a few minutes, once)"
    ));
    // Not --locked: its lock file names a crate the registry lacks.
    run(cmd("cargo").args(["install", "wasm-bindgen-cli", "--version", &wanted]))
}

fn trunk() -> Result {
    let have = output(cmd("trunk").arg("--version")).unwrap_or_default();
    if have.starts_with("trunk 0.21.") {
        step(&format!("{}: present", have.trim()));
        return Ok(());
    }
    step("installing trunk 0.21 (about 9 minutes, once)");
    run(cmd("cargo").args(["install", "trunk", "--version", "~0.21", "--locked"]))
}

/// wasm-opt (npm `binaryen`), playwright-core and axe-core, from the
/// committed lock file; reinstalled when the lock file changes.
fn npm_tools() -> Result {
    let lock = root().join("package-lock.json");
    let stamp = root().join("node_modules/.regdesk-installed-lock.json");
    let wanted = std::fs::read(&lock).map_err(|e| format!("package-lock.json: {e}"))?;
    if std::fs::read(&stamp).ok().as_ref() == Some(&wanted)
        && root().join("node_modules/.bin/wasm-opt").exists()
    {
        step("npm tools (binaryen, playwright-core, axe-core): present");
        return Ok(());
    }
    step("installing npm tools from package-lock.json");
    run(cmd("npm").args(["ci", "--no-audit", "--no-fund"]))?;
    std::fs::write(&stamp, wanted).map_err(|e| e.to_string())
}

/// Debian's Chromium and its driver, and Noto fonts so Thai, Lao, Khmer and
/// Burmese render in screenshots and layout checks instead of empty boxes.
fn chromium() -> Result {
    let wanted = [
        ("chromium", "/usr/bin/chromium"),
        ("chromium-driver", "/usr/bin/chromedriver"),
        (
            "fonts-noto-core",
            "/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf",
        ),
    ];
    let missing: Vec<&str> = wanted
        .iter()
        .filter(|(_, file)| !Path::new(file).exists())
        .map(|(pkg, _)| *pkg)
        .collect();
    if missing.is_empty() {
        step("chromium, chromedriver and Noto fonts: present");
        return Ok(());
    }
    step(&format!("installing Debian's {}", missing.join(", ")));
    let is_root = output(Command::new("id").arg("-u")).is_some_and(|u| u.trim() == "0");
    let apt = |args: &[&str]| {
        let mut c = if is_root {
            Command::new("apt-get")
        } else {
            Command::new("sudo")
        };
        if !is_root {
            c.arg("apt-get");
        }
        c.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        run(&mut c)
    };
    apt(&["update"])?;
    let mut install = vec!["install", "-y", "--no-install-recommends"];
    install.extend(missing);
    apt(&install)
}
