// Keyboard only (issue 7): from the list to a confirmation with Tab,
// Shift+Tab, Enter, Space and arrow keys, no clicks. At each change of view
// focus lands on the new view's heading, and on return on the control the
// visitor left from; every control reached shows a focus indicator.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useStack, visitor, reference, assertClean } from "./registration-support.mjs";
import { focused, smallTargets } from "./a11y-support.mjs";

const stack = useStack();
const EVENT = "conference-assa-2027";

/** Presses Tab until `until(focus)` holds; fails after `max` presses. Every
 *  control passed on the way must show a focus indicator. */
async function tabTo(page, until, what, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const f = await focused(page);
    if (f && f.tag !== "h2" && f.tag !== "h3") assert.ok(f.ring, `visible focus on ${JSON.stringify(f)}`);
    if (f && until(f)) return f;
  }
  throw new Error(`Tab never reached ${what}`);
}

async function focusIs(page, check, what) {
  // Focus moves after the render that follows the key press.
  for (let i = 0; i < 40; i++) {
    const f = await focused(page);
    if (f && check(f)) return f;
    await page.waitForTimeout(50);
  }
  assert.fail(`focus should be on ${what}, is on ${JSON.stringify(await focused(page))}`);
}

const isCard = (f) => f.card === EVENT && f.tag === "button";
const isRegister = (f) => f.tag === "button" && /^Register$/.test(f.text);
const heading = (id) => (f) => f.id === id;

/** Presses `key`, then waits for focus to satisfy `check`. */
async function press(page, key, check, what) {
  await page.keyboard.press(key);
  return focusIs(page, check, what);
}

test("keyboard only: list, detail, back, detail, form with errors, confirmation, back to the card", async () => {
  const v = await visitor(stack);
  const { page } = v;
  const params = new URLSearchParams({ lang: "en", "retry-base-ms": "20", "timeout-ms": "3000" });
  await page.goto(`${stack.site.base}/pages/registration.html?${params}`);
  await page.locator(".card").first().waitFor();
  assert.deepEqual(await smallTargets(page), []);

  // The list: Tab to the conference's card title, then Enter.
  await tabTo(page, isCard, "the conference's card title");
  await press(page, "Enter", heading("regdesk-detail-heading"), "the detail's heading");
  assert.deepEqual(await smallTargets(page), []);

  // Shift+Tab reaches "Back to events"; Enter returns focus to the card.
  await press(page, "Shift+Tab", (f) => f.cls.includes("back"), "the back button");
  await press(page, "Enter", isCard, "the card the visitor came from");

  // Space opens it again; Tab to Register, Enter: the form's heading.
  await press(page, "Space", heading("regdesk-detail-heading"), "the detail's heading");
  await tabTo(page, isRegister, "Register");
  await press(page, "Enter", heading("regdesk-form-heading"), "the form's heading");
  assert.deepEqual(await smallTargets(page), []);

  // Back from the form returns to its Register button, then forward again.
  await press(page, "Shift+Tab", (f) => f.cls.includes("back"), "the form's back button");
  await press(page, "Enter", isRegister, "the Register button");
  await press(page, "Enter", heading("regdesk-form-heading"), "the form's heading");

  // Sending the empty form: focus on the error summary, whose first link
  // leads to the first field.
  await tabTo(page, (f) => f.id === "f-submit", "Send registration");
  await page.keyboard.press("Enter");
  await focusIs(page, (f) => f.cls.includes("error-summary"), "the error summary");
  assert.deepEqual(await smallTargets(page), []);
  await page.keyboard.press("Tab");
  await focusIs(page, (f) => f.tag === "a", "the summary's first link");
  await page.keyboard.press("Enter");
  await focusIs(page, (f) => f.id === "f-0-fullName", "the full name field");

  // Filling in by keyboard: typing, a select by arrow keys, Space for the consent.
  const typed = {
    "f-0-fullName": "Maria Santos",
    "f-0-email": "keyboard@sss.gov.ph",
    "f-0-organisation": "Social Security System",
  };
  await page.keyboard.type(typed["f-0-fullName"]);
  const visited = new Set(["f-0-fullName"]);
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press("Tab");
    const f = await focused(page);
    assert.ok(f, "focus stays in the widget");
    if (f.tag !== "h2" && f.tag !== "h3") assert.ok(f.ring, `visible focus on ${JSON.stringify(f)}`);
    visited.add(f.id);
    if (typed[f.id]) await page.keyboard.type(typed[f.id]);
    if (f.id === "f-0-country") {
      // Arrow keys move through the closed select's options.
      const before = await page.evaluate(() => document.querySelector("[data-regdesk]").shadowRoot.activeElement.value);
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("ArrowDown");
      const after = await page.evaluate(() => document.querySelector("[data-regdesk]").shadowRoot.activeElement.value);
      assert.notEqual(after, before, "ArrowDown chooses a country");
    }
    if (f.id === "f-consent-processing") await page.keyboard.press("Space");
    if (f.id === "f-submit") break;
  }
  for (const id of ["f-0-email", "f-0-organisation", "f-0-country", "f-consent-processing", "f-submit"]) {
    assert.ok(visited.has(id), `Tab reached ${id}`);
  }
  await page.keyboard.press("Enter");
  const ref = await reference(page);
  assert.match(ref, /^RD-/);
  await focusIs(page, (f) => f.tag === "h2" && /registered/i.test(f.text), "the confirmation's heading");
  assert.deepEqual(await smallTargets(page), []);
  assert.equal(stack.storedFor("keyboard@sss.gov.ph").length, 1);

  // From the confirmation back to the list: focus on the event's card.
  await tabTo(page, (f) => f.tag === "button" && /list|events/i.test(f.text), "Back to events");
  await page.keyboard.press("Enter");
  await focusIs(page, isCard, "the card of the event just registered for");
  assertClean(v, "keyboard@sss.gov.ph");
  await v.context.close();
});
