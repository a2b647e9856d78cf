// Shared set-up for the end-to-end tests: the real regdesk-server on a free
// loopback port, a static server for the built widget and the host pages,
// and headless Chromium driven by playwright-core.
import { spawn, execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { readFile, mkdtemp } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join, extname, resolve, dirname } from "node:path";
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

/** Serves `/widget/*` from the build and `/pages/*` from e2e/pages, with
 *  `{{API}}` in pages replaced by the API's base URL. */
export async function startStatic(port, api) {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    let file;
    if (path.startsWith("/widget/")) file = join(dist, path.slice("/widget/".length));
    else if (path.startsWith("/pages/")) file = join(here, "pages", path.slice("/pages/".length));
    try {
      if (!file || file.includes("..")) throw new Error("not found");
      let body = await readFile(file);
      if (path.startsWith("/pages/")) body = body.toString().replaceAll("{{API}}", api);
      res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((ok) => server.listen(port, "127.0.0.1", ok));
  return { base: `http://127.0.0.1:${port}`, stop: () => server.close() };
}

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
