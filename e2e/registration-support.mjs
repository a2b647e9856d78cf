// Shared by the registration end-to-end tests: the real server behind the
// fault-injecting proxy, the test page, and filling in the form.
import { before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { freePort, startServer, startStatic, launchBrowser, query } from "./support.mjs";
import { startFaultProxy } from "./fault-proxy.mjs";

/** Starts the server, the proxy in front of it, the static site and Chromium. */
export async function startStack() {
  const sitePort = await freePort();
  const api = await startServer({ allowOrigin: `http://127.0.0.1:${sitePort}` });
  const proxy = await startFaultProxy(api.base);
  const site = await startStatic(sitePort, proxy.base);
  const browser = await launchBrowser();
  return {
    api,
    proxy,
    site,
    browser,
    stop: async () => {
      await browser.close();
      proxy.stop();
      site.stop();
      api.stop();
    },
    /** Registrations stored for an Idempotency-Key. */
    stored: (key) => query(api.db, "SELECT * FROM registrations WHERE idempotency_key = ?", [key]),
    storedFor: (email) =>
      query(api.db, "SELECT r.* FROM registrations r JOIN attendees a ON a.registration_id = r.id WHERE a.email = ?", [
        email,
      ]),
    attendees: (registrationId) =>
      query(api.db, "SELECT * FROM attendees WHERE registration_id = ? ORDER BY position", [registrationId]),
  };
}

/** The stack for one test file: started before its tests, stopped after,
 *  with the proxy's plan and log cleared before each test. */
export function useStack() {
  const stack = {};
  before(async () => {
    Object.assign(stack, await startStack());
  });
  after(async () => stack.stop?.());
  beforeEach(() => stack.proxy.reset());
  return stack;
}

/** A fresh visitor (own storage), recording the widget's DOM events and page errors. */
export async function visitor(stack) {
  const context = await stack.browser.newContext();
  const page = await context.newPage();
  const events = [];
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.exposeFunction("recordRegdeskEvent", (e) => events.push(e));
  await page.addInitScript(() => {
    for (const name of ["ready", "select", "submit", "success", "queued", "error"]) {
      document.addEventListener(`regdesk:${name}`, (e) => window.recordRegdeskEvent({ name, detail: e.detail }));
    }
  });
  return { context, page, events, errors };
}

/** Opens the test page on one event, with short retry delays (test-only attributes). */
export async function openEvent(page, base, eventId, extra = {}) {
  const params = new URLSearchParams({ event: eventId, "retry-base-ms": "20", "timeout-ms": "3000", ...extra });
  await page.goto(`${base}/pages/registration.html?${params}`);
  await page.locator(".detail h2").waitFor();
}

export async function openForm(page, base, eventId, extra) {
  await openEvent(page, base, eventId, extra);
  await page.locator(".detail .actions button").click();
  await page.locator("form[novalidate]").waitFor();
}

/** Fills attendee `i`'s default fields from `a`. */
export async function fillAttendee(page, i, a) {
  for (const [name, value] of Object.entries(a)) {
    const field = page.locator(`#f-${i}-${name}`);
    if (name === "country") await field.selectOption(value);
    else await field.fill(value);
  }
}

export const person = (email, extra = {}) => ({
  fullName: "Nguyễn Thị Hương",
  email,
  organisation: "Viet Nam Social Security",
  country: "VN",
  ...extra,
});

export async function submit(page) {
  await page.locator("#f-submit").click();
}

export async function reference(page) {
  return page.locator("[data-reference]").getAttribute("data-reference", { timeout: 15000 });
}

/** The id of the element focused inside the widget's shadow root. */
export async function focusedId(page) {
  return page.evaluate(() => document.querySelector("[data-regdesk]").shadowRoot.activeElement?.id ?? null);
}

/** No DOM event carried personal data, and the page threw nothing. */
export function assertClean(v, ...personal) {
  const text = JSON.stringify(v.events);
  for (const p of personal) assert.ok(!text.includes(p), `no personal data in DOM events: ${p}`);
  assert.deepEqual(v.errors, []);
}

export function problem(status, code, extra = {}) {
  return { status, body: { type: `https://regdesk.dev/problems/${code}`, title: "Fault", status, code, ...extra } };
}
