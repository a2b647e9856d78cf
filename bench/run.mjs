// Browsing benchmark, run by `cargo xtask bench`: serves the release build
// (dist/) and a generated feed, opens a page with the widget in headless
// Chromium BENCH_RUNS times (a fresh browser context each time, so nothing
// is cached), and reports the median of each measurement from the widget's
// performance marks:
//   parse:  feed text received -> events read (regdesk:feed-loaded -> regdesk:feed-parsed)
//   render: events read -> catalogue rendered (-> regdesk:list-rendered)
//   first card: navigation start -> first animation frame with a card in the DOM
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { join, extname } from "node:path";
import { chromium } from "playwright-core";

const dist = process.env.REGDESK_DIST ?? "dist";
const dir = process.env.BENCH_DIR ?? "target/bench";
const events = Number(process.env.BENCH_EVENTS ?? 5000);
const runs = Math.max(7, Number(process.env.BENCH_RUNS ?? 7));
const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".wasm": "application/wasm",
  ".json": "application/json" };

const page = (feed) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Regdesk benchmark</title>
<script type="module" src="/widget/regdesk.js"></script></head>
<body><div data-regdesk data-feed="/${feed}" data-lang="en" data-history="off"></div></body></html>`;

const server = createServer(async (req, res) => {
  const path = new URL(req.url, "http://x").pathname;
  try {
    let body, file;
    if (path === "/") {
      body = page(`feed-${events}.json`);
      file = "x.html";
    } else if (path.startsWith("/widget/")) {
      file = join(dist, path.slice("/widget/".length));
    } else {
      file = join(dir, path.slice(1));
    }
    if (file.includes("..")) throw new Error("no");
    body ??= await readFile(file);
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run"],
});

// In the page: the first animation frame in which a card exists.
const watchForCard = () => {
  const look = () => {
    const card = document.querySelector("[data-regdesk]")?.shadowRoot?.querySelector("article.card");
    if (card) performance.mark("bench:first-card");
    else requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
};

const samples = { parse: [], render: [], firstCard: [], cards: [] };
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const tab = await context.newPage();
    const errors = [];
    tab.on("pageerror", (e) => errors.push(e.message));
    await tab.addInitScript(watchForCard);
    await tab.goto(base);
    await tab.waitForFunction(() => performance.getEntriesByName("bench:first-card").length > 0, null, { timeout: 60000 });
    const m = await tab.evaluate(() => {
      const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
      const cards = document.querySelector("[data-regdesk]").shadowRoot.querySelectorAll("article.card").length;
      return { loaded: at("regdesk:feed-loaded"), parsed: at("regdesk:feed-parsed"),
        rendered: at("regdesk:list-rendered"), card: at("bench:first-card"), cards };
    });
    if (errors.length) throw new Error(`page errors: ${errors.join("; ")}`);
    samples.parse.push(m.parsed - m.loaded);
    samples.render.push(m.rendered - m.parsed);
    samples.firstCard.push(m.card);
    samples.cards.push(m.cards);
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const result = {
  events, runs,
  parseMs: median(samples.parse),
  renderMs: median(samples.render),
  firstCardMs: median(samples.firstCard),
  cardsRendered: median(samples.cards),
  samples,
};
const row = (name, v) => console.log(`  ${name.padEnd(44)} ${v.toFixed(1).padStart(8)} ms`);
console.log(`\nRegdesk browsing benchmark: ${events} events, median of ${runs} runs (headless Chromium)`);
row("feed parse (text -> events)", result.parseMs);
row("first render (events -> list in the DOM)", result.renderMs);
row("navigation -> first card painted", result.firstCardMs);
console.log(`  cards in the first render: ${result.cardsRendered}`);
console.log(JSON.stringify(result));
