// The registration form as a visitor meets it: validation like the best
// public-service forms, drafts that survive a reload, groups, connection
// sites with their seats, the waiting list, the honeypot, the confirmation.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import {
  useStack, visitor, openForm, fillAttendee, person, submit, reference, focusedId, assertClean,
} from "./registration-support.mjs";

const stack = useStack();

const EVENT = "conference-assa-2027";

test("nothing is checked while typing; on submit a summary whose links focus each field", async () => {
  const v = await visitor(stack);
  await openForm(v.page, stack.site.base, EVENT);
  await v.page.locator("#f-0-email").fill("not an email");
  await v.page.locator("#f-0-fullName").focus();
  assert.equal(await v.page.locator(".field-error").count(), 0, "no message before submit");

  await submit(v.page);
  const summary = v.page.locator(".error-summary");
  await summary.waitFor();
  assert.ok(await v.page.evaluate(() =>
    document.querySelector("[data-regdesk]").shadowRoot.activeElement.classList.contains("error-summary")));
  assert.match(await summary.locator("h3").textContent(), /There is a problem/);
  const links = await summary.locator("a").allTextContents();
  assert.deepEqual(links, [
    "Enter your full name",
    "Enter an email address in the correct format, like name@example.org",
    "Enter your organisation",
    "Enter your country",
    "Tick the box to agree: I agree that my personal data is processed to handle my registration and organise the event.",
  ]);
  for (const [text, id] of [["Enter your country", "f-0-country"], ["Tick the box", "f-consent-processing"]]) {
    await summary.getByRole("link", { name: new RegExp(text) }).click();
    assert.equal(await focusedId(v.page), id);
  }
  const email = v.page.locator("#f-0-email");
  assert.equal(await email.getAttribute("aria-invalid"), "true");
  assert.equal(await email.getAttribute("aria-describedby"), "f-0-email-error");
  assert.match(await v.page.locator("#f-0-email-error").textContent(), /^Error: Enter an email address/);
  assert.equal(stack.proxy.posts().length, 0, "nothing sent");

  // Names in any script; text typed decomposed is stored composed (NFC).
  await fillAttendee(v.page, 0, person("somchai@sso.go.th", { fullName: "สมชาย ใจดี", organisation: "Nguye\u0302\u0303n Co" }));
  await v.page.locator("#f-consent-processing").check();
  await submit(v.page);
  await reference(v.page);
  const [r] = stack.storedFor("somchai@sso.go.th");
  const answers = JSON.parse(stack.attendees(r.id)[0].answers);
  assert.equal(answers.fullName, "สมชาย ใจดี");
  assert.equal(answers.organisation, "Nguyễn Co");
  assert.equal(answers.organisation.length, "Nguyễn Co".length);
  assertClean(v, "somchai", "สมชาย");
  await v.context.close();
});

test("a reload in the middle of typing restores the draft; another session does not see it", async () => {
  const v = await visitor(stack);
  await openForm(v.page, stack.site.base, EVENT);
  await fillAttendee(v.page, 0, { fullName: "Trần Thị Mai", email: "mai@vss.gov.vn", country: "VN" });
  await v.page.locator("#f-consent-newsletter").check();
  await v.page.getByRole("button", { name: /Add another person/ }).click();
  await v.page.locator("#f-1-fullName").fill("Lê Văn Nam");
  await v.page.reload();
  await v.page.locator(".detail h2").waitFor();
  await v.page.getByRole("button", { name: "Register", exact: true }).click();
  assert.equal(await v.page.locator("#f-0-fullName").inputValue(), "Trần Thị Mai");
  assert.equal(await v.page.locator("#f-0-email").inputValue(), "mai@vss.gov.vn");
  assert.equal(await v.page.locator("#f-0-country").inputValue(), "VN");
  assert.equal(await v.page.locator("#f-1-fullName").inputValue(), "Lê Văn Nam");
  assert.ok(await v.page.locator("#f-consent-newsletter").isChecked());
  assert.ok(!(await v.page.locator("#f-consent-processing").isChecked()));
  const stored = await v.page.evaluate(() => ({
    session: Object.keys(sessionStorage).filter((k) => k.startsWith("regdesk:draft:")).length,
    local: Object.keys(localStorage).filter((k) => k.startsWith("regdesk:")).length,
  }));
  assert.deepEqual(stored, { session: 1, local: 0 }, "drafts in session storage only");

  // A shared computer: the next person (a new session) starts blank.
  const other = await visitor(stack);
  await openForm(other.page, stack.site.base, EVENT);
  assert.equal(await other.page.locator("#f-0-fullName").inputValue(), "");
  await other.context.close();

  // Sent: the draft is gone.
  await v.page.getByRole("button", { name: "Remove attendee 2" }).click();
  assert.equal(await focusedId(v.page), "f-add-attendee", "focus is not lost with the block");
  await fillAttendee(v.page, 0, { organisation: "Viet Nam Social Security" });
  await v.page.locator("#f-consent-processing").check();
  await submit(v.page);
  await reference(v.page);
  assert.equal(await v.page.evaluate(() =>
    Object.keys(sessionStorage).filter((k) => k.startsWith("regdesk:draft:")).length), 0);
  await v.page.getByRole("button", { name: "Register someone else" }).click();
  assert.equal(await v.page.locator("#f-0-fullName").inputValue(), "");
  await v.context.close();
});

test("a group at a connection site, sharing answers with attendee 1; the confirmation and calendar", async () => {
  const v = await visitor(stack);
  await openForm(v.page, stack.site.base, "assa-board-2026-12");
  const sites = v.page.locator(".sites");
  assert.match(await sites.textContent(), /Vientiane.*Seats left: 25/s);
  await v.page.getByLabel(/Lao Social Security Organization/).check();
  await fillAttendee(v.page, 0, person("khamla@sso.gov.la", {
    fullName: "ຄຳຫລ້າ ພົມມະວົງ", organisation: "Lao Social Security Organization", country: "LA",
  }));
  await v.page.getByRole("button", { name: /Add another person/ }).click();
  assert.equal(await focusedId(v.page), "f-1-fullName", "focus moves to the new attendee");
  assert.equal(await v.page.getByRole("button", { name: /Add another person/ }).count(), 0, "two at most");
  const same = v.page.getByLabel(/Same as attendee 1 for: Organisation, Country/);
  assert.ok(await same.isChecked(), "ticked by default");
  assert.equal(await v.page.locator("#f-1-organisation").count(), 0, "shared answers hidden");
  await fillAttendee(v.page, 1, { fullName: "ສົມພອນ ແກ້ວມະນີ", email: "somphone@sso.gov.la", jobTitle: "Director" });
  await v.page.locator("#f-consent-processing").check();
  await submit(v.page);
  const ref = await reference(v.page);
  assert.match(await v.page.locator(".confirmation").textContent(),
    /You are registered.*You will attend: Lao Social Security Organization, Vientiane/s);
  const [r] = stack.storedFor("somphone@sso.gov.la");
  assert.equal(r.reference, ref);
  assert.equal(r.location_id, "vientiane");
  assert.equal(r.seats, 2);
  const people = stack.attendees(r.id).map((a) => JSON.parse(a.answers));
  assert.deepEqual(people.map((p) => [p.organisation, p.country]), [
    ["Lao Social Security Organization", "LA"], ["Lao Social Security Organization", "LA"],
  ]);
  assert.equal(people[1].jobTitle, "Director");

  const download = v.page.locator("a.download");
  assert.match(await download.getAttribute("href"), /^blob:/);
  assert.equal(await download.getAttribute("download"), "assa-board-2026-12.ics");
  const [file] = await Promise.all([v.page.waitForEvent("download"), download.click()]);
  const ics = await readFile(await file.path(), "utf8");
  assert.match(ics, /BEGIN:VCALENDAR\r\n/);
  assert.match(ics, /LOCATION:Lao Social Security Organization\\, Vientiane/);
  const location = ics.replaceAll("\r\n ", "").split("\r\n").find((l) => l.startsWith("LOCATION:"));
  assert.doesNotMatch(location, /Hà Nội|Online/, "only the site registered for");
  assert.match(await v.page.getByRole("link", { name: "Google Calendar" }).getAttribute("href"),
    /^https:\/\/calendar\.google\.com\/calendar\/render\?action=TEMPLATE/);
  assert.match(await v.page.getByRole("link", { name: /^Outlook\.com/ }).getAttribute("href"),
    /^https:\/\/outlook\.live\.com\//);
  assertClean(v, "khamla", "ຄຳຫລ້າ");
  await v.context.close();
});

test("a full event with a waiting list says so, and the registration is waitlisted", async () => {
  const v = await visitor(stack);
  await openForm(v.page, stack.site.base, "seminar-sustainable-financing-2027");
  assert.match(await v.page.locator(".notice.waitlist").textContent(), /you will go on the waiting list/);
  await fillAttendee(v.page, 0, person("azlan@perkeso.gov.my", { fullName: "Azlan bin Ismail", country: "MY" }));
  await v.page.locator("#f-consent-processing").check();
  await v.page.getByRole("button", { name: "Join the waiting list" }).click();
  await v.page.getByRole("heading", { name: "You are on the waiting list" }).waitFor();
  const [r] = stack.storedFor("azlan@perkeso.gov.my");
  assert.equal(r.status, "waitlisted");
  assert.deepEqual(v.events.find((e) => e.name === "success").detail,
    { eventId: "seminar-sustainable-financing-2027", reference: r.reference, status: "waitlisted" });
  await v.context.close();
});

test("conditional fields, numbers in any digits, and the interface in Vietnamese", async () => {
  const v = await visitor(stack);
  await openForm(v.page, stack.site.base, "training-actuarial-online-2027", { lang: "vi" });
  assert.equal(await v.page.locator("#f-0-roleOther").count(), 0);
  await v.page.locator("#f-0-role").selectOption("other");
  await v.page.locator("#f-0-roleOther").waitFor();
  await v.page.locator("#f-0-experienceYears").fill("๑๒");
  await submit(v.page);
  const summary = v.page.locator(".error-summary");
  await summary.waitFor();
  assert.match(await summary.textContent(), /Có lỗi cần sửa/);
  assert.match(await summary.textContent(), /Vui lòng nhập họ và tên/);
  assert.doesNotMatch(await summary.textContent(), /kinh nghiệm/, "๑๒ is a number");
  await v.page.locator("#f-0-roleOther").fill("Chuyên viên thống kê");
  await fillAttendee(v.page, 0, { fullName: "Phạm Minh Tuấn", email: "tuan@vss.gov.vn", organisation: "BHXH Việt Nam" });
  await v.page.locator("#f-consent-processing").check();
  await submit(v.page);
  await v.page.getByRole("heading", { name: "Bạn đã đăng ký thành công" }).waitFor();
  const [r] = stack.storedFor("tuan@vss.gov.vn");
  const a = JSON.parse(stack.attendees(r.id)[0].answers);
  assert.equal(a.roleOther, "Chuyên viên thống kê");
  assert.equal(a.experienceYears, "12", "Thai digits stored as a number");
  assert.equal(r.locale, "vi");
  await v.context.close();
});

test("the honeypot is hidden from people and assistive technology, and never blocks one", async () => {
  const v = await visitor(stack);
  await openForm(v.page, stack.site.base, EVENT);
  const trap = v.page.locator("#f-trap");
  assert.equal(await trap.getAttribute("tabindex"), "-1");
  assert.equal(await trap.getAttribute("autocomplete"), "off");
  assert.equal(await v.page.locator(".trap").getAttribute("aria-hidden"), "true");
  // Clipped to nothing where it stands (moving it off-screen would push the
  // widget past the host's edge at 320 px).
  const seen = await v.page.locator(".trap").evaluate((el) => {
    const cs = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    return { w: r.width, h: r.height, overflow: cs.overflow, clip: cs.clipPath };
  });
  assert.ok(seen.w <= 1 && seen.h <= 1 && seen.overflow === "hidden" && seen.clip.startsWith("inset(50%"),
    `not visible: ${JSON.stringify(seen)}`);
  const names = await v.page.locator("form").ariaSnapshot();
  assert.doesNotMatch(names, /Leave this field empty/, "not in the accessibility tree");

  // Filled in anyway (as a robot, or an overeager autofill): shown with a message.
  await trap.fill("https://cheap-watches.example", { force: true });
  await fillAttendee(v.page, 0, person("trap@vss.gov.vn"));
  await v.page.locator("#f-consent-processing").check();
  await submit(v.page);
  await v.page.locator(".error-summary").waitFor();
  assert.match(await v.page.locator(".error-summary").textContent(), /Leave this field empty/);
  assert.equal(stack.proxy.posts().length, 0);
  await v.page.getByLabel("Leave this field empty").fill("");
  await submit(v.page);
  await reference(v.page);
  assert.equal(stack.storedFor("trap@vss.gov.vn").length, 1);
  await v.context.close();
});

test("the form with its errors, a group and consent passes axe's WCAG 2.1 AA checks", async () => {
  const v = await visitor(stack);
  await openForm(v.page, stack.site.base, "assa-board-2026-12");
  await v.page.getByRole("button", { name: /Add another person/ }).click();
  await v.page.locator("#f-1-same").uncheck();
  await submit(v.page);
  await v.page.locator(".error-summary").waitFor();
  const axe = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
  await v.page.addScriptTag({ path: axe });
  const result = await v.page.evaluate(() =>
    window.axe.run(document.querySelector("[data-regdesk]"), {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    }));
  const violations = result.violations.map((x) => `${x.id}: ${x.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  assert.deepEqual(violations, []);
  const labelled = result.passes.find((x) => x.id === "label");
  assert.ok(labelled && labelled.nodes.length >= 10, "axe saw the fields inside the shadow root");
  await v.context.close();
});
