// Shared by the accessibility tests (issue 7).

/** Interactive elements in the widget smaller than 24 x 24 CSS px (links
 *  inside running text are exempt, as WCAG 2.5.8 allows). */
export async function smallTargets(page) {
  return page.evaluate(() => {
    const shadow = document.querySelector("[data-regdesk]").shadowRoot;
    const sel = "button, a[href], input:not([type=hidden]), select, textarea, summary, [tabindex='0']";
    return [...shadow.querySelectorAll(sel)]
      .filter((el) => el.getAttribute("tabindex") !== "-1" && el.checkVisibility?.({ visibilityProperty: true }))
      .filter((el) => !(el.tagName === "A" && el.closest("p, li, dd") && getComputedStyle(el).display === "inline"))
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && (r.width < 24 || r.height < 24))
      .map(({ el, r }) => `${el.tagName.toLowerCase()}#${el.id}.${el.className} "${(el.textContent || el.getAttribute("aria-label") || "").trim().slice(0, 30)}" ${Math.round(r.width)}x${Math.round(r.height)}`);
  });
}

/** What has focus inside the widget's shadow root: its id, tag, classes,
 *  text, the event id of its card, and whether a focus indicator is drawn
 *  (an outline or a box shadow). */
export async function focused(page) {
  return page.evaluate(() => {
    const el = document.querySelector("[data-regdesk]").shadowRoot.activeElement;
    if (!el) return null;
    const style = getComputedStyle(el);
    const ring =
      (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== "none";
    return {
      id: el.id,
      tag: el.tagName.toLowerCase(),
      cls: el.className,
      type: el.getAttribute("type"),
      text: (el.textContent || "").trim().slice(0, 60),
      card: el.closest(".card")?.dataset.eventId ?? null,
      ring,
    };
  });
}

/** Ids used more than once inside the widget's shadow root. */
export async function duplicateIds(page) {
  return page.evaluate(() => {
    const ids = [...document.querySelector("[data-regdesk]").shadowRoot.querySelectorAll("[id]")].map((e) => e.id);
    return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
  });
}
