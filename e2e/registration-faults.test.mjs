// Registration over bad networks and bad endpoints: the real server behind a
// proxy that injects faults. Success is shown only after a 2xx, a registration
// is stored once whatever happens, and nothing the visitor typed is lost.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  useStack, visitor, openForm, openEvent, fillAttendee, person, submit, reference, assertClean, problem,
} from "./registration-support.mjs";

const stack = useStack();

const EVENT = "conference-assa-2027";

async function fillAndConsent(page, email) {
  await fillAttendee(page, 0, person(email));
  await page.locator("#f-consent-processing").check();
}

test("503 twice, then 201: one registration, success shown, the same key on every try", async () => {
  const v = await visitor(stack);
  stack.proxy.plan(problem(503, "unavailable"), problem(503, "unavailable"));
  await openForm(v.page, stack.site.base, EVENT);
  await fillAndConsent(v.page, "retry@vss.gov.vn");
  await submit(v.page);
  const ref = await reference(v.page);
  const posts = stack.proxy.posts();
  assert.equal(posts.length, 3, "two injected failures, then the real answer");
  const key = posts[0].key;
  assert.match(key, /^[0-9a-f-]{36}$/);
  assert.ok(posts.every((p) => p.key === key), "the same Idempotency-Key on every try");
  assert.ok(posts.every((p) => p.body === posts[0].body), "the very same body on every try");
  const stored = stack.stored(key);
  assert.equal(stored.length, 1);
  assert.equal(stored[0].reference, ref);
  assert.equal(stack.storedFor("retry@vss.gov.vn").length, 1);
  assert.deepEqual(v.events.map((e) => e.name).filter((n) => n !== "ready" && n !== "select"), ["submit", "success"]);
  assertClean(v, "retry@vss.gov.vn", "Hương");
  await v.context.close();
});

test("the network cut at submit, then restored: queued, then delivered exactly once", async () => {
  const v = await visitor(stack);
  await openForm(v.page, stack.site.base, EVENT);
  await fillAndConsent(v.page, "offline@vss.gov.vn");
  await v.context.setOffline(true);
  await submit(v.page);
  const queued = v.page.locator(".notice.queued");
  await queued.waitFor();
  assert.match(await queued.textContent(), /saved on this device/);
  assert.deepEqual(v.events.find((e) => e.name === "queued")?.detail, { eventId: EVENT });
  const outbox = await v.page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith("regdesk:outbox:")).map((k) => JSON.parse(localStorage[k])));
  assert.equal(outbox.length, 1);
  const key = outbox[0].entries[0].key;
  assert.equal(stack.stored(key).length, 0, "nothing reached the server");

  await v.context.setOffline(false);
  const ref = await reference(v.page);
  assert.equal(stack.stored(key).length, 1);
  assert.equal(stack.stored(key)[0].reference, ref);
  assert.equal(stack.proxy.posts(key).length, 1, "sent once when the network came back");
  assert.equal(
    await v.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("regdesk:outbox:")).length),
    0,
    "the outbox is empty once delivered",
  );
  // Opening the page again sends nothing more.
  await openEvent(v.page, stack.site.base, EVENT);
  await v.page.waitForTimeout(500);
  assert.equal(stack.proxy.posts(key).length, 1);
  assert.equal(stack.storedFor("offline@vss.gov.vn").length, 1);
  assertClean(v, "offline@vss.gov.vn");
  await v.context.close();
});

test("a queued registration is sent the next time the page is opened", async () => {
  const v = await visitor(stack);
  await openForm(v.page, stack.site.base, EVENT);
  await fillAndConsent(v.page, "nextvisit@vss.gov.vn");
  await v.context.setOffline(true);
  await submit(v.page);
  await v.page.locator(".notice.queued").waitFor();
  await v.page.close();
  await v.context.setOffline(false);

  const page = await v.context.newPage();
  await openEvent(page, stack.site.base, EVENT);
  const notice = page.locator(".outbox-notice");
  await notice.waitFor({ timeout: 15000 });
  assert.match(await notice.textContent(), /has been sent\. Your reference: RD-/);
  const stored = stack.storedFor("nextvisit@vss.gov.vn");
  assert.equal(stored.length, 1);
  assert.equal(stack.proxy.posts(stored[0].idempotency_key).length, 1);
  await v.context.close();
});

test("the answer lost after the server stored it: the retry is a replay, stored once", async () => {
  const v = await visitor(stack);
  stack.proxy.plan({ kind: "lose-response" });
  await openForm(v.page, stack.site.base, EVENT);
  await fillAndConsent(v.page, "lost@vss.gov.vn");
  await submit(v.page);
  const ref = await reference(v.page);
  const posts = stack.proxy.posts();
  assert.equal(posts.length, 2);
  assert.equal(posts[0].key, posts[1].key);
  const stored = stack.storedFor("lost@vss.gov.vn");
  assert.equal(stored.length, 1, "never twice");
  assert.equal(stored[0].reference, ref, "the replay gives the first reference");
  await v.context.close();
});

test("a request that hangs is aborted by the timeout and retried with the same key", async () => {
  const v = await visitor(stack);
  stack.proxy.plan({ kind: "hang" });
  await openForm(v.page, stack.site.base, EVENT, { "timeout-ms": "800" });
  await fillAndConsent(v.page, "timeout@vss.gov.vn");
  await submit(v.page);
  await reference(v.page);
  const posts = stack.proxy.posts();
  assert.equal(posts.length, 2);
  assert.equal(posts[0].key, posts[1].key);
  assert.equal(stack.storedFor("timeout@vss.gov.vn").length, 1);
  await v.context.close();
});

test("422 pointers put the messages at the right fields and in the summary", async () => {
  const v = await visitor(stack);
  stack.proxy.plan(problem(422, "validation", {
    errors: [
      { pointer: "/attendees/0/email", detail: "This address cannot receive mail" },
      { pointer: "/attendees/0/organisation", detail: "Write the organisation in full" },
    ],
  }));
  await openForm(v.page, stack.site.base, EVENT);
  await fillAndConsent(v.page, "bounces@vss.gov.vn");
  await submit(v.page);
  const summary = v.page.locator(".error-summary");
  await summary.waitFor();
  assert.match(await summary.textContent(), /There is a problem.*cannot receive mail.*in full/s);
  const email = v.page.locator("#f-0-email");
  assert.equal(await email.getAttribute("aria-invalid"), "true");
  assert.match(await email.getAttribute("aria-describedby"), /f-0-email-error/);
  assert.match(await v.page.locator("#f-0-email-error").textContent(), /cannot receive mail/);
  assert.equal(await email.inputValue(), "bounces@vss.gov.vn", "nothing typed is lost");
  await summary.getByRole("link", { name: /in full/ }).click();
  assert.equal(await v.page.evaluate(() => document.querySelector("[data-regdesk]").shadowRoot.activeElement.id),
    "f-0-organisation");
  // Corrected and sent again: new data, so a new key; stored once.
  await email.fill("huong.nguyen@vss.gov.vn");
  await submit(v.page);
  await reference(v.page);
  const [first, second] = stack.proxy.posts();
  assert.notEqual(first.key, second.key, "changed data, new key");
  assert.equal(stack.storedFor("huong.nguyen@vss.gov.vn").length, 1);
  assert.deepEqual(v.events.filter((e) => e.name === "error").map((e) => e.detail.code), ["validation"]);
  await v.context.close();
});

test("409 and 410 get clear messages and keep the answers; other failures offer to try again", async () => {
  // 409 from the real server: the same email again for the same event.
  const a = await visitor(stack);
  await openForm(a.page, stack.site.base, EVENT);
  await fillAndConsent(a.page, "twice@vss.gov.vn");
  await submit(a.page);
  await reference(a.page);
  const b = await visitor(stack);
  await openForm(b.page, stack.site.base, EVENT);
  await fillAndConsent(b.page, "twice@vss.gov.vn");
  await submit(b.page);
  const alert = b.page.locator(".notice.error.problem");
  await alert.waitFor();
  assert.match(await alert.textContent(), /already registered/);
  assert.equal(await b.page.locator("#f-0-email").inputValue(), "twice@vss.gov.vn");
  assert.equal(await b.page.locator(".problem button").count(), 0, "trying again would not help");
  assert.equal(stack.storedFor("twice@vss.gov.vn").length, 1);
  assert.deepEqual(b.events.find((e) => e.name === "error")?.detail, { eventId: EVENT, code: "already-registered" });

  // 410, injected: registration closed.
  stack.proxy.plan(problem(410, "closed"));
  await b.page.locator("#f-0-email").fill("closed@vss.gov.vn");
  await submit(b.page);
  await b.page.locator(".problem", { hasText: "closed" }).waitFor();
  assert.equal(await b.page.locator("#f-0-fullName").inputValue(), "Nguyễn Thị Hương");
  assert.equal(stack.storedFor("closed@vss.gov.vn").length, 0);

  // 500, injected: a "Try again" that resends the same registration.
  stack.proxy.plan(problem(500, "internal"));
  await b.page.locator("#f-0-email").fill("again@vss.gov.vn");
  await submit(b.page);
  const again = b.page.locator(".problem button", { hasText: "Try again" });
  await again.waitFor();
  assert.match(await b.page.locator(".problem").textContent(), /\(500\)/);
  await again.click();
  await reference(b.page);
  const posts = stack.proxy.posts().filter((p) => p.body.includes("again@vss.gov.vn"));
  assert.equal(posts.length, 2);
  assert.equal(posts[0].key, posts[1].key, "the same data keeps its key");
  assert.equal(posts[0].body, posts[1].body);
  assert.equal(stack.storedFor("again@vss.gov.vn").length, 1);
  await a.context.close();
  await b.context.close();
});

test("the form endpoint format: urlencoded, no preflight, the key in the body", async () => {
  const v = await visitor(stack);
  await openForm(v.page, stack.site.base, EVENT, { "endpoint-format": "form" });
  await fillAndConsent(v.page, "form@vss.gov.vn");
  await submit(v.page);
  const ref = await reference(v.page);
  const [post] = stack.proxy.posts();
  assert.match(post.contentType, /^application\/x-www-form-urlencoded/);
  assert.equal(stack.proxy.preflights().length, 0, "a simple request: no CORS preflight");
  const stored = stack.stored(post.key);
  assert.equal(stored.length, 1);
  assert.equal(stored[0].reference, ref);
  assert.match(post.body, /antispam%5BelapsedMs%5D=\d{4,}/);
  await v.context.close();
});

test("the server checks the spam signals the widget sends", async () => {
  const body = (antispam, email) => JSON.stringify({
    eventId: EVENT, locale: "en", widget: "regdesk/test", antispam,
    attendees: [{ ...person(email), country: "VN" }],
    consent: { version: "2026-01", purposes: ["processing"], at: new Date().toISOString() },
  });
  const post = (b) => fetch(`${stack.api.base}/api/registrations`, {
    method: "POST", headers: { "content-type": "application/json" }, body: b,
  });
  const trap = await post(body({ honeypot: "https://cheap.example", elapsedMs: 9000 }, "bot1@example.org"));
  assert.equal(trap.status, 422);
  assert.deepEqual((await trap.json()).errors.map((e) => e.pointer), ["/antispam/honeypot"]);
  const fast = await post(body({ honeypot: "", elapsedMs: 400 }, "bot2@example.org"));
  assert.equal(fast.status, 422);
  assert.deepEqual((await fast.json()).errors.map((e) => e.pointer), ["/antispam/elapsedMs"]);
  const person_ = await post(body({ honeypot: "", elapsedMs: 12000 }, "human@example.org"));
  assert.equal(person_.status, 201);
});
