// Embedding (issue 6): the release folder of `cargo xtask dist`, served from
// its own origin like a CDN, on host pages of every kind: plain, hostile
// CSS, strict CSP, a single-page app, two widgets, right to left, themed.
// Each test checks the widget works and saves a screenshot to
// target/e2e/screenshots/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { freePort, startServer, startStatic, startCdn, launchBrowser, screenshots } from "./support.mjs";

let api, site, cdn, browser;

before(async () => {
  const sitePort = await freePort();
  api = await startServer({ allowOrigin: `http://127.0.0.1:${sitePort}` });
  cdn = await startCdn(await freePort());
  site = await startStatic(sitePort, api.base, { CDN: cdn.base, LOADER: cdn.loader, INTEGRITY: cdn.integrity });
  browser = await launchBrowser();
  mkdirSync(screenshots, { recursive: true });
});

after(async () => {
  await browser?.close();
  site?.stop();
  cdn?.stop();
  api?.stop();
});

/** A new page; `problems` collects page errors and console errors. */
async function open(name, { width = 1024, height = 900, ...options } = {}) {
  const page = await browser.newPage({ viewport: { width, height }, ...options });
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
  });
  return { page, problems, go: () => page.goto(`${site.base}/pages/${name}`) };
}

async function shot(page, name) {
  const path = join(screenshots, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  console.log(`screenshot: ${path}`);
}

/** Computed style properties of the first match of `selector` in the
 *  shadow root of `host`. */
function styleIn(page, host, selector, props) {
  return page.evaluate(
    ([host, selector, props]) => {
      const el = document.querySelector(host).shadowRoot.querySelector(selector);
      const cs = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      return { ...Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)])), width: rect.width, height: rect.height };
    },
    [host, selector, props],
  );
}

const jsonld = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) => JSON.parse(s.textContent)));

test("plain page: the snippet from another origin mounts the widget and adds nothing but window.Regdesk", async () => {
  const { page, problems, go } = await open("embed-plain.html");
  await page.addInitScript(() => {
    window.__before = Object.getOwnPropertyNames(window);
    document.addEventListener("DOMContentLoaded", () => { window.__html = document.documentElement.outerHTML; });
    window.__ready = [];
    document.addEventListener("regdesk:ready", (e) => window.__ready.push(e.composedPath()[0].tagName));
  });
  await go();
  await page.locator(".card").first().waitFor();
  const seen = await page.evaluate(() => {
    const host = document.querySelector("[data-regdesk]");
    const shadow = host.shadowRoot;
    return {
      added: Object.getOwnPropertyNames(window).filter(
        (n) => !window.__before.includes(n) && !["__before", "__html", "__ready"].includes(n)),
      unchanged: document.documentElement.outerHTML === window.__html,
      version: window.Regdesk.version,
      mode: shadow.mode,
      sheets: shadow.adoptedStyleSheets.length,
      styleElements: shadow.querySelectorAll("style, [style]").length,
      ready: window.__ready,
      resources: performance.getEntriesByType("resource").map((r) => r.name),
    };
  });
  assert.deepEqual(seen.added, ["Regdesk"], "the only global the widget adds");
  assert.ok(seen.unchanged, "nothing outside the host element changed");
  assert.equal(seen.version, cdn.version);
  assert.equal(seen.mode, "open");
  assert.equal(seen.sheets, 1, "one adopted stylesheet");
  assert.equal(seen.styleElements, 0, "no <style> and no style attribute");
  assert.deepEqual(seen.ready, ["DIV"], "regdesk:ready on the host");
  assert.ok(seen.resources.includes(`${cdn.base}/regdesk/${cdn.version}/regdesk.wasm`), "wasm from the CDN");
  assert.equal(await page.locator(".fallback").isVisible(), false, "the fallback link is hidden while mounted");
  assert.ok((await page.locator(".card").count()) >= 10);
  await shot(page, "embed-plain");
  assert.deepEqual(problems, []);
  await page.close();
});

test("320 px wide: no horizontal overflow, no inner scrollbars, no clipped content, list to form", async () => {
  const { page, problems, go } = await open("embed-plain.html", { width: 320, height: 640 });
  await go();
  await page.locator(".card").first().waitFor();
  const overflow = () =>
    page.evaluate(() => {
      const host = document.querySelector("[data-regdesk]");
      const box = host.getBoundingClientRect();
      const bad = [];
      for (const el of host.shadowRoot.querySelectorAll("*")) {
        const cs = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        const name = `${el.tagName.toLowerCase()}.${el.className}`;
        if (r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1)) bad.push(`${name} sticks out`);
        if (/(auto|scroll)/.test(cs.overflowY) && el.scrollHeight > el.clientHeight + 1) bad.push(`${name} scrolls`);
        if (/(auto|scroll)/.test(cs.overflowX) && el.scrollWidth > el.clientWidth + 1) bad.push(`${name} scrolls sideways`);
      }
      const root = host.shadowRoot.querySelector(".regdesk");
      if (root.scrollHeight > root.clientHeight + 1) bad.push("root clips its content");
      if (Math.abs(host.getBoundingClientRect().height - root.getBoundingClientRect().height) > 1) bad.push("host height is not its content's");
      return { bad, pageWidth: document.documentElement.scrollWidth, hostWidth: box.width };
    });
  let seen = await overflow();
  assert.deepEqual(seen.bad, []);
  assert.ok(seen.pageWidth <= 320, `page is ${seen.pageWidth} px wide`);
  await shot(page, "embed-narrow-list");

  const card = page.locator(".card", { hasText: "Good Governance" });
  await card.locator(".card-title button").click();
  await page.getByRole("button", { name: "Register", exact: true }).click();
  await page.locator("form").waitFor();
  seen = await overflow();
  assert.deepEqual(seen.bad, []);
  assert.ok(seen.pageWidth <= 320, `page is ${seen.pageWidth} px wide`);
  const input = await styleIn(page, "[data-regdesk]", "input[type=text], input[type=email]", []);
  assert.ok(input.height >= 44, `input ${input.height} px high`);
  assert.ok(input.width <= seen.hostWidth && input.width > 200, `input ${input.width} px wide`);
  await shot(page, "embed-narrow-form");
  assert.deepEqual(problems, []);
  await page.close();
});

test("aggressive host CSS (62.5 % root, !important on *, div, button, input) does not reach the widget", async () => {
  const { page, problems, go } = await open("embed-aggressive.html");
  await go();
  await page.locator(".card").first().waitFor();
  // The page's rules are in force outside the widget...
  const outside = await page.evaluate(() => getComputedStyle(document.getElementById("site-button")).backgroundColor);
  assert.equal(outside, "rgb(255, 255, 0)");
  // ...and every inherited property is the widget's own inside.
  const root = await styleIn(page, "[data-regdesk]", ".regdesk", [
    "font-size", "line-height", "letter-spacing", "word-spacing", "text-transform", "text-align", "text-indent",
    "font-style", "font-weight", "white-space", "cursor", "color", "font-family", "direction", "box-sizing",
  ]);
  assert.deepEqual(
    { ...root, width: undefined, height: undefined, "font-family": root["font-family"].split(",")[0] },
    {
      "font-size": "16px", "line-height": "24px", "letter-spacing": "normal", "word-spacing": "0px",
      "text-transform": "none", "text-align": "start", "text-indent": "0px", "font-style": "normal",
      "font-weight": "400", "white-space": "normal", cursor: "auto", color: "rgb(27, 31, 36)",
      "font-family": "system-ui", direction: "ltr", "box-sizing": "border-box", width: undefined, height: undefined,
    },
  );
  const title = await styleIn(page, "[data-regdesk]", ".card-title .link", ["font-size", "text-transform"]);
  assert.equal(title["font-size"], "17px", "a card title (h4) is 1.0625 em of the widget's 16 px, whatever the page's root");
  assert.ok(title.height >= 24);
  await shot(page, "embed-aggressive-list");

  await page.locator(".card", { hasText: "Good Governance" }).locator(".card-title button").click();
  const register = page.getByRole("button", { name: "Register", exact: true });
  await register.waitFor();
  const button = await styleIn(page, "[data-regdesk]", ".actions .button", ["background-color", "font-size", "border-top-width"]);
  assert.ok(button.height >= 44, `button ${button.height} px high`);
  assert.equal(button["background-color"], "rgb(11, 92, 173)");
  assert.equal(button["font-size"], "16px");
  await register.click();
  await page.locator("form").waitFor();
  const input = await styleIn(page, "[data-regdesk]", "input[type=text]", ["border-top-width", "box-sizing", "font-size"]);
  assert.ok(input.height >= 44 && input.width > 200, `input ${input.width}×${input.height}`);
  assert.deepEqual([input["border-top-width"], input["box-sizing"], input["font-size"]], ["2px", "border-box", "16px"]);
  await shot(page, "embed-aggressive-form");
  assert.deepEqual(problems, []);
  await page.close();
});

test("strict CSP as an HTTP header (no unsafe-inline, no unsafe-eval, Trusted Types): zero violations", async () => {
  const { page, problems, go } = await open("embed-csp.html");
  const cspConsole = [];
  page.on("console", (m) => {
    if (/content.security.policy|refused to|trusted.?type/i.test(m.text())) cspConsole.push(m.text());
  });
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  const response = await go();
  const csp = response.headers()["content-security-policy"];
  assert.match(csp, /script-src http:\/\/127\.0\.0\.1:\d+ 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);

  await page.locator(".card").first().waitFor();
  const cards = await page.locator(".card").count();
  await page.locator(".card", { hasText: "Good Governance" }).locator(".card-title button").click();
  await page.getByRole("button", { name: "Register", exact: true }).click();
  await page.locator("form").waitFor();
  await page.getByRole("button", { name: "Send registration" }).click();
  await page.locator(".error-summary").waitFor();
  await page.getByLabel("Full name").fill("Somchai Jaidee");

  // data-seo wrote JSON-LD for the listed events into the head.
  const blocks = await jsonld(page);
  assert.equal(blocks.length, 1);
  assert.equal(blocks[0]["@graph"].length, cards);
  assert.ok(blocks[0]["@graph"].every((e) => e.name && e.startDate && e["@type"]));
  await shot(page, "embed-csp");

  assert.deepEqual(await page.evaluate(() => window.__violations), [], "securitypolicyviolation events");
  assert.deepEqual(cspConsole, [], "CSP messages in the console");
  assert.deepEqual(problems, []);

  // The control: an inline style attribute is refused and reported, so the
  // policy is in force and the listener hears it.
  await page.evaluate(() => {
    const d = document.createElement("div");
    d.setAttribute("style", "color: red");
    document.body.append(d);
  });
  await page.waitForFunction(() => window.__violations.length > 0);
  assert.match((await page.evaluate(() => window.__violations))[0], /^style-src/);
  await page.close();
});

test("single-page app: widgets added later mount, removed ones unmount cleanly, Regdesk.mount/unmount", async () => {
  const { page, problems, go } = await open("embed-spa.html");
  await go();
  await page.evaluate(() => window.Regdesk.ready);
  const cdp = await page.context().newCDPSession(page);
  const listenersOf = async (expression, pierce = false) => {
    const { result } = await cdp.send("Runtime.evaluate", { expression, objectGroup: "t" });
    const { listeners } = await cdp.send("DOMDebugger.getEventListeners", { objectId: result.objectId, depth: -1, pierce });
    // Playwright's own script (waitForFunction's) listens on window too.
    const playwright = new Set(listeners.filter((l) => l.type.startsWith("__playwright")).map((l) => l.scriptId));
    return listeners.filter((l) => !playwright.has(l.scriptId)).map((l) => l.type).sort();
  };
  // The router is driven through the URL: Playwright's clicks would add
  // listeners of their own to window.
  const route = (hash) => page.evaluate((h) => { location.hash = h; }, hash);
  await route("#home");
  const baseline = { window: await listenersOf("window"), document: await listenersOf("document") };
  assert.equal(await page.evaluate(async () => (await window.Regdesk.widgets()).length), 0);

  for (const round of [1, 2]) {
    await route("#events");
    await page.locator(".card").first().waitFor();
    const cards = await page.locator(".card").count();
    await page.waitForFunction(() => document.querySelectorAll("script[data-regdesk-jsonld]").length === 1);
    assert.equal((await jsonld(page))[0]["@graph"].length, cards);
    const { result: host } = await cdp.send("Runtime.evaluate", {
      expression: 'document.querySelector("[data-regdesk]")', objectGroup: "t" });
    const live = await cdp.send("DOMDebugger.getEventListeners", { objectId: host.objectId, depth: -1, pierce: true });
    assert.ok(live.listeners.length > 0, "the mounted widget listens");
    if (round === 1) {
      // A changed attribute mounts the widget afresh with it.
      await page.evaluate(() => { document.querySelector("[data-regdesk]").dataset.lang = "vi"; });
      await page.waitForFunction(() =>
        document.querySelector("[data-regdesk]").shadowRoot.querySelector(".regdesk")?.lang === "vi");
      await page.locator(".card").first().waitFor();
      await shot(page, "embed-spa");
    }

    await route("#home");
    await page.waitForFunction(async () => (await window.Regdesk.widgets()).length === 0);
    await page.waitForFunction(() => document.querySelectorAll("script[data-regdesk-jsonld]").length === 0);
    // The host the router removed is still held by the test's CDP handle.
    const { result: children } = await cdp.send("Runtime.callFunctionOn", {
      objectId: host.objectId, returnByValue: true,
      functionDeclaration: "function () { return [...this.shadowRoot.childNodes].map((n) => n.nodeName + ':' + [...n.attributes ?? []].map((a) => a.name).join()); }",
    });
    assert.deepEqual(children.value, ["SLOT:data-regdesk-fallback"], "only the fallback slot is left in the shadow root");
    const gone = await cdp.send("DOMDebugger.getEventListeners", { objectId: host.objectId, depth: -1, pierce: true });
    assert.deepEqual(gone.listeners, [], "no listener left on the removed host or inside it");
    assert.deepEqual({ window: await listenersOf("window"), document: await listenersOf("document") }, baseline,
      "no listener left on window or document");
    await cdp.send("Runtime.releaseObjectGroup", { objectGroup: "t" });
  }

  // The JS API, on an element with no data-regdesk attribute.
  const api = await page.evaluate(async () => {
    const el = document.createElement("section");
    document.getElementById("view").append(el);
    const feed = document.body.dataset.feed;
    const handle = await window.Regdesk.mount(el, { feed, lang: "vi", theme: "dark", seo: "jsonld" });
    const root = () => el.shadowRoot.querySelector(".regdesk");
    const until = async (check) => { for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25)); return check(); };
    const mounted = await until(() => root()?.querySelector(".card"));
    const seen = {
      mounted: Boolean(mounted), sameElement: handle.element === el, lang: root().lang, theme: root().dataset.theme,
      jsonld: await until(() => document.querySelectorAll("script[data-regdesk-jsonld]").length === 1),
      widgets: (await window.Regdesk.widgets()).length,
    };
    seen.unmounted = await handle.unmount();
    seen.again = await handle.unmount();
    seen.after = {
      children: [...el.shadowRoot.childNodes].map((n) => n.nodeName),
      jsonld: document.querySelectorAll("script[data-regdesk-jsonld]").length,
      widgets: (await window.Regdesk.widgets()).length,
    };
    seen.badElement = await window.Regdesk.mount(null).then(() => "mounted", (e) => e.constructor.name);
    seen.badOptions = await window.Regdesk.mount(el, { feed: {} }).then(() => "mounted", (e) => e.constructor.name);
    return seen;
  });
  assert.deepEqual(api, {
    mounted: true, sameElement: true, lang: "vi", theme: "dark", jsonld: true, widgets: 1,
    unmounted: true, again: false, after: { children: ["SLOT"], jsonld: 0, widgets: 0 },
    badElement: "TypeError", badOptions: "TypeError",
  });
  assert.deepEqual(problems, []);
  await page.close();
});

test("two widgets on one page: different feeds, languages, views and themes, fully independent", async () => {
  const { page, problems, go } = await open("embed-two.html", { height: 1200 });
  await page.addInitScript(() => {
    window.__events = [];
    for (const name of ["ready", "select"]) {
      document.addEventListener(`regdesk:${name}`, (e) => window.__events.push(`${name}:${e.target.id}`));
    }
  });
  await go();
  const all = page.locator("#all");
  const partner = page.locator("#partner");
  await all.locator(".card").first().waitFor();
  await partner.locator("h2").waitFor();
  assert.equal(await partner.locator("h2").textContent(), "Tập huấn về thanh tra bảo hiểm xã hội");
  const roots = await page.evaluate(() =>
    ["all", "partner"].map((id) => {
      const root = document.getElementById(id).shadowRoot.querySelector(".regdesk");
      return { lang: root.lang, theme: root.dataset.theme, bg: getComputedStyle(root).backgroundColor };
    }));
  assert.deepEqual(roots, [
    { lang: "en", theme: "light", bg: "rgb(255, 255, 255)" },
    { lang: "vi", theme: "dark", bg: "rgb(22, 25, 29)" },
  ]);
  assert.deepEqual((await page.evaluate(() => window.__events)).sort(), ["ready:all", "ready:partner"]);
  await shot(page, "embed-two");

  await all.locator(".card", { hasText: "Good Governance" }).locator(".card-title button").click();
  await all.locator("h2", { hasText: "Good Governance" }).waitFor();
  assert.equal(await partner.locator("h2").textContent(), "Tập huấn về thanh tra bảo hiểm xã hội", "the other widget did not move");
  assert.deepEqual((await page.evaluate(() => window.__events)).filter((e) => e.startsWith("select")), ["select:all"]);
  assert.deepEqual(problems, []);
  await page.close();
});

test("right-to-left page: the widget keeps its own left-to-right direction and fits the column", async () => {
  const { page, problems, go } = await open("embed-rtl.html");
  await go();
  await page.locator(".card").first().waitFor();
  const seen = await page.evaluate(() => {
    const host = document.querySelector("[data-regdesk]");
    const root = host.shadowRoot.querySelector(".regdesk");
    const column = host.parentElement.getBoundingClientRect();
    const box = host.getBoundingClientRect();
    const card = host.shadowRoot.querySelector(".card").getBoundingClientRect();
    return {
      page: getComputedStyle(document.body).direction,
      widget: getComputedStyle(root).direction,
      lang: root.lang,
      inColumn: box.left >= column.left - 1 && box.right <= column.right + 1,
      cardFromLeft: Math.round(card.left - box.left),
      overflow: document.documentElement.scrollWidth > window.innerWidth,
    };
  });
  assert.deepEqual(seen, { page: "rtl", widget: "ltr", lang: "en", inColumn: true, cardFromLeft: 0, overflow: false });
  await shot(page, "embed-rtl");
  assert.deepEqual(problems, []);
  await page.close();
});

test("theming: custom properties, ::part(), the page's font, dark scheme, reduced motion", async () => {
  const { page, problems, go } = await open("embed-themed.html", { colorScheme: "dark", reducedMotion: "reduce" });
  await go();
  await page.locator(".events .card").first().waitFor();
  const root = await styleIn(page, ".events", ".regdesk", ["font-family", "font-size", "background-color", "color-scheme"]);
  const bodyFont = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  assert.equal(root["font-family"], bodyFont, "::part(root) { font-family: inherit } takes the page's font");
  assert.equal(root["font-size"], "18px", "--regdesk-font-size");
  assert.equal(root["background-color"], "rgb(22, 25, 29)", "auto follows prefers-color-scheme: dark");
  const card = await styleIn(page, ".events", ".card", ["border-top-width", "border-top-left-radius"]);
  assert.deepEqual([card["border-top-width"], card["border-top-left-radius"]], ["2px", "2px"], "::part(card), --regdesk-radius");
  const link = await styleIn(page, ".events", ".card-title .link", ["color"]);
  assert.equal(link.color, "rgb(242, 167, 216)", "the page's --regdesk-accent for dark schemes");
  // The second widget's feed is held back: its loading placeholders do not pulse.
  const skeleton = await styleIn(page, ".slow", ".skeleton", ["animation-name"]);
  assert.equal(skeleton["animation-name"], "none");
  await shot(page, "embed-themed-dark");
  await page.emulateMedia({ reducedMotion: "no-preference", colorScheme: "light" });
  assert.equal((await styleIn(page, ".slow", ".skeleton", ["animation-name"]))["animation-name"], "regdesk-pulse");
  assert.equal((await styleIn(page, ".events", ".regdesk", ["background-color"]))["background-color"], "rgb(255, 255, 255)");
  assert.equal((await styleIn(page, ".events", ".card-title .link", ["color"])).color, "rgb(122, 31, 92)", "--regdesk-accent");
  await shot(page, "embed-themed-light");
  assert.deepEqual(problems, []);
  await page.close();
});
