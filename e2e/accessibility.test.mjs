// Accessibility (issue 7): axe-core with the WCAG 2.0/2.1/2.2 A and AA tags
// on every view and state of the widget (list, filters open, calendar,
// detail, empty form, form with errors, the outbox's queued message,
// confirmation), in English, Vietnamese and Thai, at 320 px wide and at 200%
// zoom (a 640 px viewport at device scale 2, as a 1280 px window zoomed to
// 200%). Zero violations, every target at least 24 x 24 px, and a screenshot
// of each state in target/e2e/screenshots/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { root, screenshots } from "./support.mjs";
import { useStack, fillAttendee, person, submit, reference } from "./registration-support.mjs";
import { smallTargets, duplicateIds } from "./a11y-support.mjs";

const stack = useStack();
const AXE = join(root, "node_modules/axe-core/axe.min.js");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const EVENT = "conference-assa-2027";
const LAYOUTS = [
  { name: "320px", viewport: { width: 320, height: 640 }, deviceScaleFactor: 1 },
  { name: "zoom200", viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 },
];

/** axe on the host page (it reaches into the widget's open shadow root). */
async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.addScriptTag({ path: AXE });
  return page.evaluate(
    (tags) =>
      window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }).then((r) =>
        r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.flat().join(" >> "), summary: n.failureSummary })),
        })),
      ),
    TAGS,
  );
}

for (const lang of ["en", "vi", "th"]) {
  for (const layout of LAYOUTS) {
    test(`every view and state in ${lang} at ${layout.name}: no axe violations, targets >= 24 px, unique ids`, async () => {
      const context = await stack.browser.newContext({
        viewport: layout.viewport,
        deviceScaleFactor: layout.deviceScaleFactor,
      });
      const page = await context.newPage();
      const errors = [];
      page.on("pageerror", (e) => errors.push(e.message));
      const dir = join(screenshots, "a11y");
      mkdirSync(dir, { recursive: true });
      const found = [];
      const check = async (state) => {
        // Let transitions and live-region updates settle.
        await page.waitForTimeout(150);
        const violations = await axe(page);
        const small = await smallTargets(page);
        const file = join(dir, `${lang}-${layout.name}-${state}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(`screenshot: ${file}`);
        if (violations.length) found.push({ state, violations });
        if (small.length) found.push({ state, small });
        const dup = await duplicateIds(page);
        if (dup.length) found.push({ state, duplicateIds: dup });
      };
      const params = new URLSearchParams({ lang, "retry-base-ms": "20", "timeout-ms": "3000" });
      await page.goto(`${stack.site.base}/pages/registration.html?${params}`);
      await page.locator(".card").first().waitFor();
      const rootLang = () =>
        page.evaluate(() => document.querySelector("[data-regdesk]").shadowRoot.querySelector(".regdesk")?.lang);
      assert.equal(await rootLang(), lang, "the widget root carries the interface language");
      await check("list");

      await page.locator(".filters > summary").click();
      await page.locator(".filter-grid").waitFor();
      await check("filters");
      await page.locator(".filters > summary").click();

      await page.locator(".browse-head .switch button").nth(1).click();
      await page.locator(".cal-title").waitFor();
      await check("calendar");
      await page.locator(".browse-head .switch button").nth(0).click();

      // The conference: the feed's hybrid event with several sites.
      await page.goto(`${stack.site.base}/pages/registration.html?${new URLSearchParams({ ...Object.fromEntries(params), event: EVENT })}`);
      await page.locator(".detail h2").waitFor();
      await check("detail");

      await page.locator(".detail .actions button").click();
      await page.locator("form[novalidate]").waitFor();
      await check("form-empty");

      await submit(page);
      await page.locator(".error-summary").waitFor();
      await check("form-errors");

      await fillAttendee(page, 0, person(`a11y-${lang}-${layout.name}@vss.gov.vn`));
      await page.locator("#f-consent-processing").check();
      await context.setOffline(true);
      await submit(page);
      await page.locator(".notice.queued").waitFor();
      await check("queued");

      await context.setOffline(false);
      await reference(page);
      await check("confirmation");

      assert.deepEqual(found, [], JSON.stringify(found, null, 2));
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
}
