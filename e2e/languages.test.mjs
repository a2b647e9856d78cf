// Languages and time zones (issue 7): the order in which the interface
// language is chosen (the visitor's switch, data-lang, the host page's lang,
// the browser's languages, English), event text in the visitor's language
// else the event's own, and times in the event's zone and the visitor's,
// either first, with Asia/Yangon's +06:30.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useStack } from "./registration-support.mjs";

const stack = useStack();

async function open(options, query) {
  const context = await stack.browser.newContext(options);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${stack.site.base}/pages/lang-host.html?${new URLSearchParams(query)}`);
  await page.locator(".card").first().waitFor();
  return { context, page, errors };
}

const rootLang = (page) =>
  page.evaluate(() => document.querySelector("[data-regdesk]").shadowRoot.querySelector(".regdesk").lang);

test("the language comes from the switch, then data-lang, the host's lang, the browser, English", async () => {
  // The browser's languages alone.
  let v = await open({ locale: "lo-LA" }, {});
  assert.equal(await rootLang(v.page), "lo");
  await v.context.close();
  // A language the widget has no interface in: English.
  v = await open({ locale: "de-DE" }, {});
  assert.equal(await rootLang(v.page), "en");
  await v.context.close();
  // The host page's nearest lang beats the browser.
  v = await open({ locale: "lo-LA" }, { hostlang: "km-KH" });
  assert.equal(await rootLang(v.page), "km");
  // data-lang beats the host page.
  await v.page.goto(`${stack.site.base}/pages/lang-host.html?hostlang=km&lang=th`);
  await v.page.locator(".card").first().waitFor();
  assert.equal(await rootLang(v.page), "th");

  // The switch: labelled in the current language, every interface language
  // by its own name, and it beats data-lang, remembered for the site.
  const select = v.page.getByLabel("ภาษา", { exact: true });
  const options = await select.locator("option").allTextContents();
  assert.deepEqual(options, [
    "English", "Tiếng Việt", "ไทย", "Bahasa Indonesia", "Bahasa Melayu", "Filipino", "ລາວ", "ខ្មែរ", "မြန်မာ", "Português",
  ]);
  await select.selectOption("vi");
  await v.page.getByRole("heading", { level: 2, name: "Sự kiện" }).waitFor();
  assert.equal(await rootLang(v.page), "vi");
  assert.equal(await v.page.getByLabel("Ngôn ngữ", { exact: true }).inputValue(), "vi");
  await v.page.reload();
  await v.page.locator(".card").first().waitFor();
  assert.equal(await rootLang(v.page), "vi", "the switch is remembered over data-lang");
  assert.deepEqual(v.errors, []);
  await v.context.close();
});

test("event text in the visitor's language, else the event's own, with a note and its lang", async () => {
  const v = await open({ locale: "en-GB" }, { lang: "th" });
  // The Vientiane workshop's name is in English and Vietnamese; its own
  // languages are English and Lao: on a Thai interface, English, noted.
  const card = v.page.locator('.card[data-event-id="workshop-service-delivery-vientiane-2027"]');
  assert.equal(await card.locator(".card-title button").getAttribute("lang"), "en");
  assert.match(await card.locator(".content-lang").textContent(), /^เนื้อหาเป็นภาษาอังกฤษ$/);
  // Vietnamese: every event has a Vietnamese name, so no note at all.
  await v.page.getByLabel("ภาษา", { exact: true }).selectOption("vi");
  await v.page.locator(".regdesk[lang=vi]").waitFor();
  assert.equal(await v.page.locator(".content-lang").count(), 0);
  assert.equal(await card.locator(".card-title button").getAttribute("lang"), null);
  assert.deepEqual(v.errors, []);
  await v.context.close();
});

test("times: the event's zone by name and the visitor's, Yangon at +06:30, either zone first", async () => {
  const v = await open({ locale: "en-GB", timezoneId: "Asia/Bangkok" }, { lang: "en" });
  const when = v.page.locator('.card[data-event-id="workshop-governance-yangon-2027"] .when .time');
  // 09:00-16:30 in Yangon (+06:30) is 09:30-17:00 in Bangkok (+07:00).
  assert.match(await when.textContent(), /^09:00\D+16:30 Yangon time \(09:30\D+17:00 your time\)$/);
  // An event in the visitor's own zone names it once.
  const bangkok = v.page.locator('.card[data-event-id="seminar-coverage-bangkok-2027"] .when .time');
  assert.match(await bangkok.textContent(), /^09:00\D+16:30 Bangkok time$/);

  const zone = v.page.getByLabel("Times shown in");
  assert.deepEqual(await zone.locator("option").allTextContents(), ["Event's time zone", "My time zone (Bangkok)"]);
  await zone.selectOption("visitor");
  await v.page.waitForFunction(() =>
    /your time/.test(document.querySelector("[data-regdesk]").shadowRoot
      .querySelector('.card[data-event-id="workshop-governance-yangon-2027"] .when .time').textContent.split("(")[0]));
  assert.match(await when.textContent(), /^09:30\D+17:00 your time \(09:00\D+16:30 Yangon time\)$/);
  await v.page.reload();
  await v.page.locator(".card").first().waitFor();
  assert.match(await when.textContent(), /^09:30\D+17:00 your time/, "the choice is remembered");
  assert.deepEqual(v.errors, []);
  await v.context.close();
});
