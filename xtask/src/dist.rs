//! `cargo xtask dist [--base-url URL]`: the folder a member organisation (or
//! the Association) copies to any static host or CDN.
//!
//! ```text
//! dist-cdn/regdesk/<version>/
//!   regdesk.js    the loader, with the wasm-bindgen glue inlined
//!   regdesk.wasm  the widget
//!   embed.html    the snippet to paste, with the loader's SRI hash
//! ```
//!
//! One JavaScript file: the Subresource Integrity hash in the snippet then
//! covers all the JavaScript, and the loader checks the wasm's SHA-384 (baked
//! in here) before instantiating it, so the snippet pins every byte. Names
//! are stable; the version is in the folder, so files can be cached forever.

use std::io::Write;
use std::path::{Path, PathBuf};

use base64::Engine;
use sha2::{Digest, Sha384};

use crate::setup::{self, cmd, root, run, Result};

/// The workspace version (the widget's).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
const WASM_NAME: &str = "regdesk.wasm";
const BASE_URL_PLACEHOLDER: &str = "https://static.example.org/regdesk/";

/// What was written.
pub struct Release {
    pub dir: PathBuf,
    pub files: Vec<(String, usize, usize)>,
    pub loader_integrity: String,
}

/// `cargo xtask dist`: set-up, release build, then the folder.
pub fn run_task(args: &[String]) -> Result {
    let mut base_url = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--base-url" => base_url = rest.next().cloned(),
            other => match other.strip_prefix("--base-url=") {
                Some(url) => base_url = Some(url.to_string()),
                None => {
                    return Err(format!(
                        "dist: unknown argument {other}; usage: cargo xtask dist [--base-url URL]"
                    ))
                }
            },
        }
    }
    setup::install_all()?;
    build(base_url.as_deref()).map(|_| ())
}

/// `trunk build --release`, then the release folder from its output.
pub fn build(base_url: Option<&str>) -> Result<Release> {
    run(cmd("trunk").args(["build", "--release"]))?;
    package(base_url)
}

/// The release folder from Trunk's last release build in `dist/`; prints
/// what it wrote.
pub fn package(base_url: Option<&str>) -> Result<Release> {
    let out = root().join("dist-cdn/regdesk").join(VERSION);
    let release = assemble(
        &root().join("dist"),
        &root().join("loader/regdesk.js"),
        &out,
        base_url,
    )?;
    print(&release, base_url);
    Ok(release)
}

/// Writes the release folder `out` from Trunk's output in `trunk_dist`.
pub fn assemble(
    trunk_dist: &Path,
    loader: &Path,
    out: &Path,
    base_url: Option<&str>,
) -> Result<Release> {
    let read = |p: &Path| std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()));
    let glue = String::from_utf8(read(&trunk_dist.join("regdesk-app.js"))?)
        .map_err(|e| format!("regdesk-app.js: {e}"))?;
    let wasm = read(&trunk_dist.join("regdesk-app_bg.wasm"))?;
    let loader_source =
        String::from_utf8(read(loader)?).map_err(|e| format!("{}: {e}", loader.display()))?;
    let loader = release_loader(&loader_source, &glue, VERSION, WASM_NAME, &sha384(&wasm))?;
    let loader_integrity = format!("sha384-{}", sha384(loader.as_bytes()));

    if out.exists() {
        std::fs::remove_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let base = base_url
        .map(|u| format!("{}/", u.trim_end_matches('/')))
        .unwrap_or_else(|| format!("{BASE_URL_PLACEHOLDER}{VERSION}/"));
    let snippet = embed_snippet(&base, &loader_integrity);
    let mut files = Vec::new();
    for (name, bytes) in [
        ("regdesk.js", loader.as_bytes()),
        (WASM_NAME, wasm.as_slice()),
        ("embed.html", snippet.as_bytes()),
    ] {
        let path = out.join(name);
        std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        files.push((name.to_string(), bytes.len(), gzip_len(bytes)?));
    }
    Ok(Release {
        dir: out.to_path_buf(),
        files,
        loader_integrity,
    })
}

fn print(release: &Release, base_url: Option<&str>) {
    let shown = release
        .dir
        .strip_prefix(root())
        .unwrap_or(&release.dir)
        .display();
    println!("==> {shown}/  (copy this folder to a static host; serve it with `Access-Control-Allow-Origin: *`)");
    println!("    {:<14} {:>12} {:>12}", "file", "bytes", "gzipped");
    let (mut raw, mut zipped) = (0, 0);
    for (name, size, gz) in &release.files {
        println!("    {name:<14} {size:>12} {gz:>12}");
        if name != "embed.html" {
            raw += size;
            zipped += gz;
        }
    }
    println!("    {:<14} {raw:>12} {zipped:>12}", "widget total");
    println!("    loader integrity (SRI): {}", release.loader_integrity);
    println!("    snippet: {shown}/embed.html");
    if base_url.is_none() {
        println!("    (the snippet points at {BASE_URL_PLACEHOLDER}{VERSION}/: pass --base-url to use yours)");
    }
}

/// Base64 of the SHA-384 digest, as SRI writes it.
pub fn sha384(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes))
}

fn gzip_len(bytes: &[u8]) -> Result<usize> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).map_err(|e| e.to_string())?;
    encoder.finish().map(|v| v.len()).map_err(|e| e.to_string())
}

/// The loader with the glue inlined in place of its `// regdesk:glue`
/// import, and its version, wasm name and wasm hash filled in.
pub fn release_loader(
    loader: &str,
    glue: &str,
    version: &str,
    wasm: &str,
    wasm_sha384: &str,
) -> Result<String> {
    let mut out = String::with_capacity(loader.len() + glue.len() + 256);
    let mut seen = Vec::new();
    for line in loader.lines() {
        let marker = line.rsplit_once("// regdesk:").map(|(_, m)| m.trim());
        let replaced = match marker {
            Some("glue") => inline_glue(glue)?,
            Some("version") => format!("const VERSION = {};", js_string(version)),
            Some("wasm") => format!("const WASM = {};", js_string(wasm)),
            Some("wasm-sha384") => format!("const WASM_SHA384 = {};", js_string(wasm_sha384)),
            _ => {
                out.push_str(line);
                out.push('\n');
                continue;
            }
        };
        seen.extend(marker);
        out.push_str(&replaced);
        out.push('\n');
    }
    for wanted in ["glue", "version", "wasm", "wasm-sha384"] {
        if !seen.contains(&wanted) {
            return Err(format!(
                "loader/regdesk.js lacks its `// regdesk:{wanted}` line"
            ));
        }
    }
    Ok(out)
}

fn js_string(s: &str) -> String {
    serde_json::Value::String(s.to_string()).to_string()
}

/// The wasm-bindgen glue (an ES module with no imports) as a `const glue`
/// object with the same members as `import * as glue`: its exports become
/// locals of a function, returned by name.
pub fn inline_glue(glue: &str) -> Result<String> {
    let mut body = String::with_capacity(glue.len());
    let mut members: Vec<(String, String)> = Vec::new();
    for line in glue.lines() {
        if line.starts_with("import ") {
            return Err(format!(
                "the glue imports a module (snippets?), which the loader cannot inline: {line}"
            ));
        }
        if line.starts_with("/* @ts-self-types") {
            continue;
        }
        if let Some(list) = line
            .strip_prefix("export {")
            .and_then(|l| l.trim_end().strip_suffix("};"))
        {
            for item in list.split(',').map(str::trim).filter(|i| !i.is_empty()) {
                let (local, exported) = item.split_once(" as ").unwrap_or((item, item));
                members.push((exported.trim().to_string(), local.trim().to_string()));
            }
            continue;
        }
        if let Some(rest) = line.strip_prefix("export ") {
            let name = ["async function ", "function ", "class ", "const ", "let "]
                .iter()
                .find_map(|k| rest.strip_prefix(k))
                .map(|r| {
                    r.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
                        .next()
                        .unwrap_or("")
                })
                .filter(|n| !n.is_empty())
                .ok_or_else(|| format!("an export the loader cannot inline: {line}"))?;
            members.push((name.to_string(), name.to_string()));
            body.push_str(rest);
        } else {
            body.push_str(line);
        }
        body.push('\n');
    }
    if !members.iter().any(|(exported, _)| exported == "default") {
        return Err("the glue has no default export (its init function)".into());
    }
    let object = members
        .iter()
        .map(|(exported, local)| format!("{}: {local}", js_string(exported)))
        .collect::<Vec<_>>()
        .join(", ");
    Ok(format!(
        "// The wasm-bindgen glue, inlined by `cargo xtask dist`.\nconst glue = (() => {{\n{body}return Object.freeze({{ {object} }});\n}})();"
    ))
}

/// The snippet a webmaster pastes.
pub fn embed_snippet(base: &str, integrity: &str) -> String {
    format!(
        r#"<!-- Regdesk {VERSION}: paste where the events should appear, then set data-feed and
     data-endpoint to your own feed and registration endpoint (docs/embedding.md).
     Strict CSP: script-src {origin} 'wasm-unsafe-eval'; connect-src {origin} <feed and endpoint origins> -->
<script type="module" src="{base}regdesk.js"
        integrity="{integrity}" crossorigin="anonymous"></script>
<div data-regdesk
     data-feed="https://events.example.org/api/events"
     data-endpoint="https://events.example.org/api/registrations">
  <a href="https://events.example.org/">Our events</a>
</div>
"#,
        origin = origin_of(base),
    )
}

/// `https://host:port` of a URL (the CSP source for it).
fn origin_of(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    match url[after_scheme..].find('/') {
        Some(slash) => &url[..after_scheme + slash],
        None => url,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GLUE: &str = "/* @ts-self-types=\"./regdesk-app.d.ts\" */\n\
        export function regdeskMount(host, options) {\n    return wasm.regdeskMount(host, options);\n}\n\
        export class Thing {\n}\n\
        let wasm;\n\
        async function __wbg_init(m) { wasm = m; return new URL('x.wasm', import.meta.url); }\n\
        function initSync(m) {}\n\
        export { initSync, __wbg_init as default };\n";

    #[test]
    fn the_glue_becomes_one_object_with_its_exports() {
        let inlined = inline_glue(GLUE).expect("inlines");
        assert!(!inlined.contains("export"), "{inlined}");
        assert!(!inlined.contains("@ts-self-types"));
        assert!(inlined.contains("function regdeskMount(host, options) {"));
        assert!(inlined.contains("class Thing {"));
        assert!(inlined.ends_with(
            "return Object.freeze({ \"regdeskMount\": regdeskMount, \"Thing\": Thing, \"initSync\": initSync, \"default\": __wbg_init });\n})();"
        ), "{inlined}");
    }

    #[test]
    fn a_glue_with_imports_or_no_init_is_refused() {
        assert!(
            inline_glue("import { a } from './snippets/x.js';\nexport { a as default };\n")
                .is_err()
        );
        assert!(inline_glue("export function f() {}\n").is_err());
    }

    #[test]
    fn the_real_loader_gets_glue_version_and_hash() {
        let loader = std::fs::read_to_string(root().join("loader/regdesk.js")).expect("loader");
        let out =
            release_loader(&loader, GLUE, "9.8.7", "regdesk.wasm", "AbC+/=").expect("release");
        assert!(!out.contains("import * as glue"), "the import is replaced");
        assert!(out.contains("const glue = (() => {"));
        assert!(out.contains("const VERSION = \"9.8.7\";"));
        assert!(out.contains("const WASM = \"regdesk.wasm\";"));
        assert!(out.contains("const WASM_SHA384 = \"AbC+/=\";"));
        // Everything else is kept as it was.
        assert!(out.contains("Object.defineProperty(window, \"Regdesk\""));
        assert!(release_loader(
            "const VERSION = 1; // regdesk:version\n",
            GLUE,
            "1",
            "w",
            "h"
        )
        .is_err());
    }

    #[test]
    fn sri_and_snippet() {
        // The SRI example of the W3C specification's test vectors: SHA-384 of "".
        assert_eq!(
            sha384(b""),
            "OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6/529l+9Ua0vFImLlb"
        );
        let s = embed_snippet("https://cdn.example.net/x/regdesk/0.1.0/", "sha384-abc");
        assert!(s.contains(r#"src="https://cdn.example.net/x/regdesk/0.1.0/regdesk.js""#));
        assert!(s.contains(r#"integrity="sha384-abc" crossorigin="anonymous""#));
        assert!(s.contains("script-src https://cdn.example.net 'wasm-unsafe-eval'"));
        assert_eq!(
            origin_of("http://127.0.0.1:8080/a/b"),
            "http://127.0.0.1:8080"
        );
    }
}
