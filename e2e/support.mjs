// Shared set-up for the end-to-end tests: the real regdesk-server on a free
// loopback port, a static server for the built widget and the host pages,
// and headless Chromium driven by playwright-core.
import { spawn, execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { readFile, mkdtemp } from "node:fs/promises";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, extname, resolve, dirname, basename } from "node:path";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import net from "node:net";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
export const root = resolve(here, "..");
const env = (name, fallback) => process.env[name] ?? fallback;
export const serverBin = env("REGDESK_SERVER_BIN", join(root, "target/debug/regdesk-server"));
export const dist = env("REGDESK_DIST", join(root, "dist"));
export const catalogue = join(env("REGDESK_E2E_DIR", join(root, "target/e2e")), "catalogue.json");

export async function freePort() {
  return new Promise((ok, fail) => {
    const s = net.createServer();
    s.on("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

async function waitForHttp(url, ms = 15000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer within ${ms} ms`);
}

/** Starts regdesk-server on a fresh database; `stop()` ends it. */
export async function startServer({ allowOrigin }) {
  for (const f of [serverBin, catalogue]) {
    if (!existsSync(f)) throw new Error(`missing ${f}: run the tests through \`cargo xtask test\``);
  }
  const dir = await mkdtemp(join(tmpdir(), "regdesk-e2e-"));
  const db = join(dir, "regdesk.sqlite");
  const port = await freePort();
  const child = spawn(serverBin, [
    "--listen", `127.0.0.1:${port}`, "--catalogue", catalogue, "--db", db, "--allow-origin", allowOrigin,
  ], { stdio: ["ignore", "inherit", "inherit"] });
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(`${base}/healthz`);
  return { base, db, stop: () => child.kill("SIGTERM") };
}

const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".wasm": "application/wasm",
  ".css": "text/css", ".json": "application/json" };

const fill = (text, values) =>
  Object.entries(values).reduce((t, [name, value]) => t.replaceAll(`{{${name}}}`, value), text);

/** Serves `/widget/*` from the build and `/pages/*` from e2e/pages, with
 *  `{{API}}` (and each `{{NAME}}` of `values`) in pages replaced. A page
 *  `x.html` is sent with the HTTP headers listed in `x.html.headers`, one
 *  `Name: value` a line, filled the same way (a CSP, say). `?delay=ms`
 *  holds an answer back that long. */
export async function startStatic(port, api, values = {}) {
  const all = { API: api, ...values };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://x");
    const path = url.pathname;
    if (path === "/favicon.ico") return res.writeHead(204).end();
    let file;
    if (path.startsWith("/widget/")) file = join(dist, path.slice("/widget/".length));
    else if (path.startsWith("/pages/")) file = join(here, "pages", path.slice("/pages/".length));
    try {
      if (!file || file.includes("..") || file.endsWith(".headers")) throw new Error("not found");
      let body = await readFile(file);
      const headers = { "content-type": types[extname(file)] ?? "application/octet-stream" };
      if (path.startsWith("/pages/")) {
        body = fill(body.toString(), all);
        const sidecar = await readFile(`${file}.headers`, "utf8").catch(() => "");
        for (const line of fill(sidecar, all).split("\n")) {
          const at = line.indexOf(":");
          if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
        }
      }
      const delay = Number(url.searchParams.get("delay") ?? 0);
      if (delay > 0) await new Promise((r) => setTimeout(r, Math.min(delay, 60000)));
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((ok) => server.listen(port, "127.0.0.1", ok));
  return { base: `http://127.0.0.1:${port}`, stop: () => server.close() };
}

/** The release folder `cargo xtask dist` wrote (`dist-cdn/regdesk/<version>`). */
export function releaseDir() {
  if (process.env.REGDESK_CDN) return process.env.REGDESK_CDN;
  const parent = join(root, "dist-cdn/regdesk");
  const versions = existsSync(parent) ? readdirSync(parent) : [];
  if (versions.length !== 1) throw new Error(`expected one release in ${parent}: run \`cargo xtask dist\``);
  return join(parent, versions[0]);
}

/** A CDN on its own origin: serves the release folder under
 *  `/regdesk/<version>/` with `Access-Control-Allow-Origin: *`, as a
 *  static host must for module scripts and the wasm loaded from another
 *  origin. `loader` is the loader's URL and `integrity` its SRI hash, as
 *  the release's embed.html gives them. */
export async function startCdn(port) {
  const dir = releaseDir();
  const prefix = `/regdesk/${basename(dir)}/`;
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    const name = path.startsWith(prefix) ? path.slice(prefix.length) : "";
    try {
      if (!name || name.includes("/") || name.includes("..")) throw new Error("not found");
      const body = await readFile(join(dir, name));
      res.writeHead(200, { "content-type": types[extname(name)] ?? "application/octet-stream",
        "access-control-allow-origin": "*", "cache-control": "public, max-age=31536000, immutable" });
      res.end(body);
    } catch {
      res.writeHead(404, { "access-control-allow-origin": "*" }).end("not found");
    }
  });
  await new Promise((ok) => server.listen(port, "127.0.0.1", ok));
  const base = `http://127.0.0.1:${port}`;
  const snippet = readFileSync(join(dir, "embed.html"), "utf8");
  const integrity = snippet.match(/integrity="([^"]+)"/)?.[1];
  if (!integrity) throw new Error("embed.html has no integrity attribute");
  return { base, loader: `${base}${prefix}regdesk.js`, integrity, version: basename(dir), stop: () => server.close() };
}

/** Where screenshots go: target/e2e/screenshots/. */
export const screenshots = join(root, "target/e2e/screenshots");

export async function launchBrowser() {
  return chromium.launch({
    executablePath: env("CHROMIUM", "/usr/bin/chromium"),
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run"],
  });
}

/** Rows of a query on the SQLite database, through Python's sqlite3. */
export function query(db, sql, params = []) {
  const script = "import json,sqlite3,sys\n" +
    "c=sqlite3.connect(sys.argv[1]); c.row_factory=sqlite3.Row\n" +
    "print(json.dumps([dict(r) for r in c.execute(sys.argv[2], json.loads(sys.argv[3]))]))";
  const out = execFileSync("python3", ["-c", script, db, sql, JSON.stringify(params)]);
  return JSON.parse(out.toString());
}
