// Browsing benchmark, run by `cargo xtask bench` (see docs/performance.md).
// Serves the release folder of the widget (dist-cdn/regdesk/<version>/: the
// loader with the glue inlined, and the wasm), the no-framework floor
// (bench/floor/) and the generated feeds (target/bench/feed-<n>.json), then
// measures both in headless Chromium, interleaved in the same run, each page
// load in a fresh browser context (nothing cached):
//   - bytes of each shipped file, raw, gzip (level 9) and brotli (quality 11);
//   - navigation start -> first animation frame with an event card in the DOM,
//     for a 50-event and a 5,000-event feed (median of BENCH_RUNS >= 7);
//   - per filter keystroke over the 5,000 events, typed by Playwright into
//     the search box: input event -> DOM updated and laid out (all the
//     page's own work for that keystroke), and input event -> next animation
//     frame; p50 and p95 over every keystroke of every run;
//   - memory once the 5,000 events are shown: JS heap used after a full GC
//     (CDP Runtime.getHeapUsage) plus the wasm linear memory;
//   - for the widget only, its own performance marks: feed parse and first
//     render.
// Prints a table with each widget figure as a ratio to the floor, and JSON,
// also written to BENCH_DIR/results.json.
import { createServer } from "node:http";
import { readFile, readdir, writeFile } from "node:fs/promises";
import { join, extname, normalize } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { chromium } from "playwright-core";

const widgetDir = process.env.WIDGET_DIR ?? "dist-cdn/regdesk/0.1.0";
const floorDir = process.env.FLOOR_DIR ?? "bench/floor";
const dir = process.env.BENCH_DIR ?? "target/bench";
const sizesOf = (process.env.BENCH_SIZES ?? "50,5000").split(",").map(Number);
const big = Math.max(...sizesOf);
const runs = Math.max(7, Number(process.env.BENCH_RUNS ?? 7));
const query = process.env.BENCH_QUERY ?? "social security an sinh";
const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".wasm": "application/wasm",
  ".json": "application/json" };

// ---- bytes -------------------------------------------------------------
const sizes = async (folder, names) => {
  const files = [];
  for (const name of names) {
    const bytes = await readFile(join(folder, name));
    files.push({ file: name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length });
  }
  const total = { file: "total", raw: 0, gzip: 0, brotli: 0 };
  for (const f of files) for (const k of ["raw", "gzip", "brotli"]) total[k] += f[k];
  return { files, total };
};
// What a member site downloads: the loader (glue inlined) and the wasm; the
// snippet (embed.html) is pasted into the host page, not fetched.
const widgetFiles = (await readdir(widgetDir)).filter((f) => f !== "embed.html").sort();
const bytes = { widget: await sizes(widgetDir, widgetFiles), floor: await sizes(floorDir, ["floor.js"]) };

// ---- pages -------------------------------------------------------------
const widgetPage = (n) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Regdesk benchmark</title>
<script type="module" src="/widget/regdesk.js"></script></head>
<body><div data-regdesk data-feed="/feeds/feed-${n}.json" data-lang="en" data-history="off"></div></body></html>`;
const floorHtml = await readFile(join(floorDir, "index.html"), "utf8");

const server = createServer(async (req, res) => {
  const url = new URL(req.url, "http://x");
  const path = url.pathname;
  const n = Number(url.searchParams.get("n") ?? big);
  try {
    let body, file;
    if (path === "/widget/") {
      body = widgetPage(n);
      file = "x.html";
    } else if (path === "/floor/") {
      body = floorHtml.replace(/data-feed="[^"]*"/, `data-feed="/feeds/feed-${n}.json"`);
      file = "x.html";
    } else if (path.startsWith("/widget/")) {
      file = join(widgetDir, normalize(path.slice("/widget/".length)));
    } else if (path.startsWith("/floor/")) {
      file = join(floorDir, normalize(path.slice("/floor/".length)));
    } else if (path.startsWith("/feeds/")) {
      file = join(dir, normalize(path.slice("/feeds/".length)));
    } else throw new Error("no");
    if (file.includes("..")) throw new Error("no");
    body ??= await readFile(file);
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run"],
});

// ---- in the page -------------------------------------------------------
// Runs before any script of the page: marks the first frame with a card,
// keeps the wasm instances (for their memory) and times each keystroke.
const instrument = () => {
  const scope = () => document.querySelector("[data-regdesk]")?.shadowRoot ?? document;
  const look = () => {
    if (scope().querySelector("article.card")) performance.mark("bench:first-card");
    else requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
  window.__bench = { instances: [], settled: [], frame: [] };
  const keep = (p) => p.then((r) => { window.__bench.instances.push(r.instance ?? r); return r; });
  const { instantiate, instantiateStreaming } = WebAssembly;
  WebAssembly.instantiate = (...a) => keep(instantiate.apply(WebAssembly, a));
  if (instantiateStreaming) WebAssembly.instantiateStreaming = (...a) => keep(instantiateStreaming.apply(WebAssembly, a));
  // Capture on the document: runs before the page's own handlers (the input
  // event is composed, so it comes out of the shadow root).
  document.addEventListener("input", () => {
    const t0 = performance.now();
    // Yew renders in microtasks; a task later the DOM is final. Reading
    // layout forces style and layout to be done now, inside the figure.
    setTimeout(() => {
      scope().querySelector("article.card")?.getBoundingClientRect();
      document.body.getBoundingClientRect();
      window.__bench.settled.push(performance.now() - t0);
    }, 0);
    requestAnimationFrame(() => window.__bench.frame.push(performance.now() - t0));
  }, true);
};

const load = async (kind, n, { keys = false } = {}) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const tab = await context.newPage();
    const errors = [];
    tab.on("pageerror", (e) => errors.push(e.message));
    await tab.addInitScript(instrument);
    await tab.goto(`${base}/${kind}/?n=${n}`);
    await tab.waitForFunction(() => performance.getEntriesByName("bench:first-card").length > 0, null, { timeout: 120000 });
    const m = await tab.evaluate(() => {
      const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
      return { loaded: at("regdesk:feed-loaded"), parsed: at("regdesk:feed-parsed"),
        rendered: at("regdesk:list-rendered"), card: at("bench:first-card") };
    });
    const out = { firstCard: m.card, parse: m.parsed - m.loaded, render: m.rendered - m.parsed };
    if (keys) {
      await tab.waitForTimeout(500);
      const cdp = await context.newCDPSession(tab);
      await cdp.send("HeapProfiler.enable");
      await cdp.send("HeapProfiler.collectGarbage");
      const heap = await cdp.send("Runtime.getHeapUsage");
      const wasm = await tab.evaluate(() => window.__bench.instances
        .reduce((s, i) => s + (i.exports?.memory?.buffer?.byteLength ?? 0), 0));
      out.jsHeap = heap.usedSize;
      out.wasmMemory = wasm;
      const box = tab.locator(kind === "widget" ? "#regdesk-q" : "#q");
      await box.click();
      await box.pressSequentially(query, { delay: 60 });
      await tab.waitForTimeout(400);
      const t = await tab.evaluate(() => ({ settled: window.__bench.settled, frame: window.__bench.frame,
        cards: (document.querySelector("[data-regdesk]")?.shadowRoot ?? document).querySelectorAll("article.card").length }));
      Object.assign(out, t);
    }
    if (errors.length) throw new Error(`${kind}: page errors: ${errors.join("; ")}`);
    return out;
  } finally {
    await context.close();
  }
};

const samples = {};
for (const kind of ["widget", "floor"]) {
  samples[kind] = { cards: [], settled: [], frame: [], jsHeap: [], wasmMemory: [], parse: [], render: [] };
  for (const n of sizesOf) samples[kind][`firstCard${n}`] = [];
}
try {
  for (let i = 0; i < runs; i++) {
    for (const n of sizesOf) {
      for (const kind of ["widget", "floor"]) {
        const r = await load(kind, n, { keys: n === big });
        const s = samples[kind];
        s[`firstCard${n}`].push(r.firstCard);
        if (n === big) {
          s.parse.push(r.parse);
          s.render.push(r.render);
          s.jsHeap.push(r.jsHeap);
          s.wasmMemory.push(r.wasmMemory);
          s.settled.push(...r.settled);
          s.frame.push(...r.frame);
          s.cards.push(r.cards);
        }
      }
    }
    process.stdout.write(`  run ${i + 1}/${runs} done\n`);
  }
} finally {
  await browser.close();
  server.close();
}

// ---- figures -----------------------------------------------------------
const quantile = (xs, q) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};
const median = (xs) => quantile(xs, 0.5);
const figures = (kind) => {
  const s = samples[kind];
  const f = {};
  for (const n of sizesOf) f[`firstCard${n}Ms`] = median(s[`firstCard${n}`]);
  Object.assign(f, {
    keystrokeP50Ms: quantile(s.settled, 0.5), keystrokeP95Ms: quantile(s.settled, 0.95),
    keystrokeFrameP50Ms: quantile(s.frame, 0.5), keystrokeFrameP95Ms: quantile(s.frame, 0.95),
    jsHeapBytes: median(s.jsHeap), wasmMemoryBytes: median(s.wasmMemory),
    memoryBytes: median(s.jsHeap.map((h, i) => h + (s.wasmMemory[i] ?? 0))),
    cardsAfterTyping: median(s.cards), keystrokes: s.settled.length,
  });
  if (kind === "widget") Object.assign(f, { parseMs: median(s.parse), renderMs: median(s.render) });
  return f;
};
const widget = figures("widget");
const floor = figures("floor");
const ratio = (a, b) => (b > 0 ? a / b : NaN);
const result = {
  date: new Date().toISOString(), runs, events: sizesOf, query,
  bytes, widget, floor,
  ratios: Object.fromEntries(Object.keys(floor).filter((k) => k !== "keystrokes" && k !== "cardsAfterTyping")
    .map((k) => [k, ratio(widget[k], floor[k])])),
  goals: {
    gzipTotalBytes: { value: bytes.widget.total.gzip, budget: 150 * 1024, met: bytes.widget.total.gzip <= 150 * 1024 },
    firstCard5000VsFloor: { value: ratio(widget[`firstCard${big}Ms`], floor[`firstCard${big}Ms`]), budget: 2,
      met: ratio(widget[`firstCard${big}Ms`], floor[`firstCard${big}Ms`]) <= 2 },
    firstCard50VsFloor: { value: ratio(widget.firstCard50Ms, floor.firstCard50Ms), budget: 2,
      met: ratio(widget.firstCard50Ms, floor.firstCard50Ms) <= 2 },
    keystrokeP95Ms: { value: widget.keystrokeP95Ms, budget: 16, met: widget.keystrokeP95Ms <= 16 },
  },
  samples,
};

const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
console.log(`\nRegdesk benchmark: headless Chromium, median of ${runs} runs; keystrokes typed: "${query}"`);
console.log("\nShipped bytes           raw          gzip        brotli");
for (const [kind, b] of Object.entries(bytes)) {
  for (const f of [...b.files, b.total]) {
    console.log(`  ${`${kind} ${f.file}`.padEnd(22)} ${kb(f.raw).padStart(10)} ${kb(f.gzip).padStart(12)} ${kb(f.brotli).padStart(12)}`);
  }
}
console.log(`  widget / floor (gzip)  ${(bytes.widget.total.gzip / bytes.floor.total.gzip).toFixed(1)}x`);
const rows = [
  ...sizesOf.map((n) => [`navigation -> first card, ${n} events`, `firstCard${n}Ms`, "ms"]),
  [`keystroke -> DOM laid out, p50 (${big})`, "keystrokeP50Ms", "ms"],
  [`keystroke -> DOM laid out, p95 (${big})`, "keystrokeP95Ms", "ms"],
  [`keystroke -> next frame, p50 (${big})`, "keystrokeFrameP50Ms", "ms"],
  [`keystroke -> next frame, p95 (${big})`, "keystrokeFrameP95Ms", "ms"],
  [`JS heap after GC (${big})`, "jsHeapBytes", "MB"],
  [`wasm memory (${big})`, "wasmMemoryBytes", "MB"],
  [`JS heap + wasm memory (${big})`, "memoryBytes", "MB"],
];
const show = (v, unit) => (unit === "MB" ? `${(v / 1048576).toFixed(1)} MB` : `${v.toFixed(1)} ms`);
console.log(`\n${"".padEnd(40)} ${"widget".padStart(10)} ${"floor".padStart(10)} ${"ratio".padStart(7)}`);
for (const [name, key, unit] of rows) {
  const r = ratio(widget[key], floor[key]);
  console.log(`  ${name.padEnd(38)} ${show(widget[key], unit).padStart(10)} ${show(floor[key], unit).padStart(10)} ${(Number.isFinite(r) ? `${r.toFixed(2)}x` : "-").padStart(7)}`);
}
console.log(`  widget feed parse (${big}, own marks)        ${show(widget.parseMs, "ms").padStart(10)}`);
console.log(`  widget first render (${big}, own marks)      ${show(widget.renderMs, "ms").padStart(10)}`);
console.log(`  cards shown after typing: widget ${widget.cardsAfterTyping}, floor ${floor.cardsAfterTyping}; keystrokes timed: ${widget.keystrokes} / ${floor.keystrokes}`);
console.log("\nGoals (reported, not asserted):");
for (const [name, g] of Object.entries(result.goals)) {
  console.log(`  ${name.padEnd(24)} ${String(Number.isInteger(g.value) ? g.value : g.value.toFixed(2)).padStart(10)}  budget ${g.budget}  ${g.met ? "met" : "NOT MET"}`);
}
const { samples: _, ...summary } = result;
console.log(`\n${JSON.stringify(summary)}`);
await writeFile(join(dir, "results.json"), `${JSON.stringify(result, null, 2)}\n`);
console.log(`\n(written to ${join(dir, "results.json")}, with every sample)`);
