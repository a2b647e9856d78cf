// A visitor on a member's site registers for an event; the reference shown is
// the one the server stored, with exactly what the visitor typed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { freePort, startServer, startStatic, launchBrowser, query } from "./support.mjs";

let api, site, browser;

before(async () => {
  const sitePort = await freePort();
  api = await startServer({ allowOrigin: `http://127.0.0.1:${sitePort}` });
  site = await startStatic(sitePort, api.base);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  site?.stop();
  api?.stop();
});

test("registers for an event and the database holds exactly that attendee", async () => {
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  const events = [];
  await page.exposeFunction("recordRegdeskEvent", (e) => events.push(e));
  await page.addInitScript(() => {
    for (const name of ["ready", "select", "submit", "success", "error"]) {
      document.addEventListener(`regdesk:${name}`, (e) => window.recordRegdeskEvent({ name, detail: e.detail }));
    }
  });
  await page.goto(`${site.base}/pages/member-site.html`);

  // Playwright's CSS locators reach into the open shadow root.
  const card = page.locator(".card", { hasText: "Workshop on Good Governance in Social Security Administration" });
  await card.locator(".card-title button").click();
  await page.getByRole("heading", { level: 2, name: /Good Governance/ }).waitFor();
  await page.getByRole("button", { name: "Register", exact: true }).click();

  await page.getByLabel("Full name").fill("Nguyễn Thị Hương");
  await page.getByLabel("Email address").fill("huong.nguyen@vss.gov.vn");
  await page.getByLabel("Organisation").fill("Viet Nam Social Security");
  await page.getByLabel("Job title").fill("Deputy Director, International Cooperation");
  await page.getByLabel("Country").selectOption("VN");
  await page.getByLabel("Phone number").fill("+84 24 3936 3636");
  const required = page.locator(".consent input[type=checkbox]").first();
  await required.check();
  await page.getByRole("button", { name: "Send registration" }).click();

  const reference = await page.locator("[data-reference]").getAttribute("data-reference", { timeout: 15000 });
  assert.match(reference, /^RD-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await page.getByRole("heading", { name: "You are registered" }).waitFor();

  const registrations = query(api.db, "SELECT * FROM registrations");
  assert.equal(registrations.length, 1, "exactly one registration stored");
  const [r] = registrations;
  assert.equal(r.reference, reference);
  assert.equal(r.event_id, "workshop-governance-yangon-2027");
  assert.equal(r.status, "confirmed");
  assert.equal(r.locale, "en");
  assert.match(r.idempotency_key, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.deepEqual(JSON.parse(r.consent_purposes), ["processing"]);

  const attendees = query(api.db, "SELECT * FROM attendees WHERE registration_id = ?", [r.id]);
  assert.equal(attendees.length, 1);
  assert.deepEqual(JSON.parse(attendees[0].answers), {
    fullName: "Nguyễn Thị Hương",
    email: "huong.nguyen@vss.gov.vn",
    organisation: "Viet Nam Social Security",
    jobTitle: "Deputy Director, International Cooperation",
    country: "VN",
    phone: "+84 24 3936 3636",
  });

  const names = events.map((e) => e.name);
  assert.deepEqual(names, ["ready", "select", "submit", "success"]);
  assert.deepEqual(events[3].detail, { eventId: "workshop-governance-yangon-2027", reference, status: "confirmed" });
  assert.ok(!JSON.stringify(events).includes("Hương"), "no personal data in DOM events");
  assert.deepEqual(problems, []);
  await page.close();
});

test("a feed that cannot be loaded says so and offers to try again", async () => {
  const page = await browser.newPage();
  await page.goto(`${site.base}/pages/broken-feed.html`);
  const alert = page.locator(".notice.error");
  await alert.waitFor();
  assert.match(await alert.textContent(), /could not be loaded/);
  await page.getByRole("button", { name: "Try again" }).click();
  await alert.waitFor();
  await page.close();
});
