// The no-framework floor of `cargo xtask bench`: the least a page can do to
// show what the widget's list shows, written by hand in plain JavaScript.
// Same feed, same list (sorted by start, grouped by month, the first 50
// cards: category, title, date and time in the event's zone, places,
// attendance mode, languages, organisers, seats), same search (every folded
// word must occur in the name, description, category, places or
// organisers; folding = lower case without Latin diacritics). No more: no
// shadow root, no filters beyond the search, no detail view, no form.
const PAGE = 50;
const root = document.getElementById("floor");
const lang = root.dataset.lang || "en";

const pick = (t) => (t == null ? "" : typeof t === "string" ? t : t[lang] ?? Object.values(t)[0] ?? "");
const all = (t) => (t == null ? [] : typeof t === "string" ? [t] : Object.values(t));
const list = (x) => (x == null ? [] : Array.isArray(x) ? x : [x]);

const fold = (s) =>
  s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/đ/g, "d").replace(/æ/g, "ae").replace(/œ/g, "oe").replace(/ß/g, "ss");

const haystack = (e) => {
  const parts = [...all(e.name), ...all(e.description).map((d) => d.slice(0, 4000)), e.category ?? ""];
  for (const l of list(e.location)) parts.push(...all(l.name), l.address?.addressLocality ?? "", l.address?.addressCountry ?? "");
  for (const o of list(e.organizer)) parts.push(...all(o.name), o.id ?? "");
  return fold(parts.join("\n"));
};

const el = (tag, cls, text) => {
  const n = document.createElement(tag);
  if (cls) n.className = cls;
  if (text != null) n.textContent = text;
  return n;
};

const zoned = new Map();
const when = (e) => {
  let f = zoned.get(e.timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, { dateStyle: "full", timeStyle: "short", timeZone: e.timeZone || "UTC" });
    zoned.set(e.timeZone, f);
  }
  return f.format(new Date(e.startDate));
};
const month = new Intl.DateTimeFormat(lang, { month: "long", year: "numeric", timeZone: "UTC" });
const modes = { OfflineEventAttendanceMode: "In person", OnlineEventAttendanceMode: "Online", MixedEventAttendanceMode: "In person and online" };

const seats = (e) => {
  if (e.eventStatus === "EventCancelled") return "Cancelled";
  let left = 0, known = false;
  for (const l of list(e.location)) {
    if (typeof l.remainingAttendeeCapacity === "number") { known = true; left += l.remainingAttendeeCapacity; }
  }
  if (!known) return "Open";
  return left === 0 ? (e.registration?.waitlist ? "Waiting list" : "Full") : `${left} seats left`;
};

const card = (e) => {
  const a = el("article", "card");
  if (e.category) a.append(el("p", "category", e.category));
  const h = el("h4", "card-title");
  h.append(el("button", "link", pick(e.name)));
  a.append(h, el("p", "when", when(e)));
  const places = list(e.location).filter((l) => l["@type"] !== "VirtualLocation")
    .map((l) => `${pick(l.name)} (${l.address?.addressCountry ?? ""})`).join(" · ");
  if (places) a.append(el("p", "where", places));
  const meta = el("p", "meta");
  meta.append(el("span", "mode", modes[e.eventAttendanceMode] ?? ""), el("span", "languages", list(e.inLanguage).join(", ")));
  a.append(meta, el("p", "organizer", list(e.organizer).map((o) => pick(o.name)).join(", ")), el("p", "status", seats(e)));
  return a;
};

let events = [];
let hays = [];
const results = el("div", "results");

const render = (query) => {
  const terms = fold(query).split(/[\s,;"]+/).filter(Boolean);
  const shown = [];
  let count = 0;
  for (let i = 0; i < events.length; i++) {
    if (terms.every((t) => hays[i].includes(t))) {
      count++;
      if (shown.length < PAGE) shown.push(events[i]);
    }
  }
  const out = [el("p", "count", `${count} events`)];
  let current = "", section = null;
  for (const e of shown) {
    const m = month.format(new Date(e.startDate));
    if (m !== current) {
      current = m;
      section = el("section", "month");
      section.append(el("h3", null, m));
      out.push(section);
    }
    section.append(card(e));
  }
  results.replaceChildren(...out);
};

const search = el("input");
search.type = "search";
search.id = "q";
search.addEventListener("input", () => render(search.value));
root.append(search, results);

const feed = await (await fetch(root.dataset.feed)).json();
events = list(feed.events ?? feed).filter((e) => e && e.startDate && e.name)
  .sort((a, b) => Date.parse(a.startDate) - Date.parse(b.startDate));
hays = events.map(haystack);
render("");
