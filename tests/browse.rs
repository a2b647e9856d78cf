//! Browsing in headless Chromium: the list by month and past events,
//! search and filters, presets, the URL hash and Back, the calendar by
//! keyboard, the detail (safe CommonMark, add to calendar), a 320 px layout,
//! and every kind of bad feed (invalid JSON, wrong types, bad ids, dates and
//! zones, 5,000 events, 10 MB, 100,000-character strings, HTML everywhere,
//! 404 and network failures).

use gloo_timers::future::TimeoutFuture;
use serde_json::{json, Value};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};

mod support;
use support::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A feed as a `blob:` URL (data: URLs are fine for small feeds, but not
/// for 10 MB).
fn feed_url(feed: &Value) -> String {
    let text = feed.to_string();
    let parts = js_sys::Array::of1(&text.into());
    let blob = web_sys::Blob::new_with_str_sequence(&parts).expect("blob");
    web_sys::Url::create_object_url_with_blob(&blob).expect("url")
}

thread_local! {
    static BUSY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// wasm-bindgen-test runs async tests at the same time in one page; these
/// share the URL, the focus and the count of widgets, so each takes a turn.
struct Turn;

impl Drop for Turn {
    fn drop(&mut self) {
        BUSY.with(|b| b.set(false));
    }
}

async fn turn() -> Turn {
    while BUSY.with(|b| b.replace(true)) {
        TimeoutFuture::new(20).await;
    }
    Turn
}

fn clear_hash() {
    let w = gloo::utils::window();
    let l = w.location();
    let url = format!(
        "{}{}",
        l.pathname().unwrap_or_default(),
        l.search().unwrap_or_default()
    );
    let _ = w.history().expect("history").replace_state_with_url(
        &wasm_bindgen::JsValue::NULL,
        "",
        Some(&url),
    );
}

fn fire(target: &Element, name: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    let event = web_sys::Event::new_with_event_init_dict(name, &init).expect("event");
    target.dispatch_event(&event).expect("dispatch");
}

fn type_into(host: &Element, selector: &str, value: &str) {
    let input = find(host, selector).expect("input");
    input
        .clone()
        .dyn_into::<HtmlInputElement>()
        .expect("input")
        .set_value(value);
    fire(&input, "input");
}

fn choose(host: &Element, selector: &str, value: &str) {
    let select = find(host, selector).unwrap_or_else(|| panic!("no {selector}"));
    select
        .clone()
        .dyn_into::<HtmlSelectElement>()
        .expect("select")
        .set_value(value);
    fire(&select, "change");
}

fn press(target: &Element, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_cancelable(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).expect("key");
    target.dispatch_event(&event).expect("dispatch");
}

fn hash() -> String {
    gloo::utils::window().location().hash().unwrap_or_default()
}

fn catalogue() -> Value {
    json!({"events": [
        {"id": "vte", "category": "workshop", "name": {"en": "Workshop on service delivery", "vi": "Hội nghị về cung cấp dịch vụ"},
         "startDate": "2099-03-10T09:00:00+07:00", "endDate": "2099-03-10T12:00:00+07:00", "timeZone": "Asia/Vientiane",
         "location": {"name": "Lao Plaza", "address": {"addressLocality": "Vientiane", "addressCountry": "LA"}},
         "organizer": {"id": "lao-sso", "name": "Lao Social Security Organization"}, "inLanguage": ["en", "lo"],
         "registration": {"waitlist": true}, "maximumAttendeeCapacity": 80, "remainingAttendeeCapacity": 3},
        {"id": "bkk", "category": "seminar", "name": "การสัมมนาเรื่องความคุ้มครองทางสังคม",
         "startDate": "2099-03-24T23:30:00+06:30", "timeZone": "Asia/Yangon",
         "eventAttendanceMode": "https://schema.org/MixedEventAttendanceMode",
         "location": [{"id": "bkk", "name": "Bangkok", "address": {"addressCountry": "TH"}, "remainingAttendeeCapacity": 0, "maximumAttendeeCapacity": 40},
                      {"id": "online", "@type": "VirtualLocation", "url": "https://meet.example.org/x", "remainingAttendeeCapacity": 90}],
         "organizer": {"id": "sso", "name": "Social Security Office"}, "inLanguage": "th",
         "registration": {"waitlist": false}},
        {"id": "kl", "category": "training", "name": "Actuarial training", "startDate": "2099-04-06",
         "eventAttendanceMode": "OnlineEventAttendanceMode", "eventStatus": "EventPostponed",
         "location": {"@type": "VirtualLocation"}, "organizer": {"id": "lao-sso", "name": "Lao Social Security Organization"}},
        {"id": "old", "category": "forum", "name": "Forum of 2001", "startDate": "2001-05-18",
         "location": {"name": "Phnom Penh", "address": {"addressCountry": "KH"}}}
    ]})
}

#[wasm_bindgen_test]
async fn the_list_is_grouped_by_month_with_past_events_behind_a_switch() {
    let _turn = turn().await;
    let host = host(&[("data-feed", &feed_url(&catalogue())), ("data-lang", "en")]);
    wait_for(&host, ".card").await;
    assert_eq!(texts(&host, ".month-heading"), ["March 2099", "April 2099"]);
    assert_eq!(count(&host, ".card"), 3);
    assert_eq!(text(&host, ".result-count"), "Upcoming events: 3");
    // Category, places with country, languages, organiser and status on the cards.
    let card = text(&host, ".card");
    for words in [
        "Workshop",
        "Lao Plaza, Vientiane (Laos)",
        "English, Lao",
        "Lao Social Security Organization",
        "Almost full: 3 left",
    ] {
        assert!(card.contains(words), "{words:?} in {card}");
    }
    let time = text(&host, ".card .time");
    assert!(
        time.starts_with("09:00") && time.contains("12:00 Vientiane time"),
        "{time}"
    );
    let statuses = texts(&host, ".card .status");
    assert!(
        statuses[1].contains("Seats left: 90"),
        "the sites' seats together: {statuses:?}"
    );
    assert!(statuses[2].contains("Postponed"), "{statuses:?}");
    click_button(&host, "Past (1)");
    until(5, "past list", || {
        text(&host, ".result-count") == "Past events: 1"
    })
    .await;
    assert_eq!(texts(&host, ".card-title"), ["Forum of 2001"]);
    host.remove();
}

#[wasm_bindgen_test]
async fn search_ignores_case_and_vietnamese_marks_and_reads_thai() {
    let _turn = turn().await;
    let host = host(&[("data-feed", &feed_url(&catalogue())), ("data-lang", "vi")]);
    wait_for(&host, ".card").await;
    type_into(&host, "#regdesk-q", "HOI NGHI");
    until(5, "one match", || count(&host, ".card") == 1).await;
    assert_eq!(text(&host, ".card-title"), "Hội nghị về cung cấp dịch vụ");
    type_into(&host, "#regdesk-q", "สัมมนา");
    until(5, "thai match", || {
        text(&host, ".card-title").starts_with("การสัมมนา")
    })
    .await;
    assert_eq!(count(&host, ".card"), 1);
    type_into(&host, "#regdesk-q", "đà nẵng");
    until(5, "empty state", || find(&host, ".empty-state").is_some()).await;
    let empty = text(&host, ".empty-state");
    assert!(empty.contains("Không có sự kiện nào"), "{empty}");
    assert_eq!(
        count(&host, ".chip"),
        1,
        "the search can be removed from the empty state's chips"
    );
    click(&host, ".chip");
    until(5, "all back", || count(&host, ".card") == 3).await;
    host.remove();
}

#[wasm_bindgen_test]
async fn filters_narrow_show_a_count_and_clear_all() {
    let _turn = turn().await;
    let host = host(&[("data-feed", &feed_url(&catalogue())), ("data-lang", "en")]);
    wait_for(&host, ".card").await;
    let options = |sel: &str| texts(&host, &format!("{sel} option"));
    assert_eq!(
        options("#regdesk-country"),
        ["Any", "Cambodia", "Laos", "Thailand"]
    );
    assert_eq!(
        options("#regdesk-mode"),
        [
            "Any",
            "In person (or hybrid)",
            "Online (or hybrid)",
            "Hybrid only"
        ]
    );
    choose(&host, "#regdesk-mode", "online");
    until(5, "online or hybrid", || count(&host, ".card") == 2).await;
    choose(&host, "#regdesk-org", "lao-sso");
    until(5, "and by the Lao organisation", || {
        count(&host, ".card") == 1
    })
    .await;
    assert_eq!(text(&host, ".result-count"), "Upcoming events: 1");
    assert_eq!(count(&host, ".chip"), 2);
    choose(&host, "#regdesk-lang", "th");
    until(5, "nothing matches", || {
        find(&host, ".empty-state").is_some()
    })
    .await;
    assert!(text(&host, ".empty-state").contains("remove a filter"));
    let from = find(&host, "#regdesk-from").expect("from");
    from.clone()
        .dyn_into::<HtmlInputElement>()
        .expect("input")
        .set_value("2099-03-20");
    fire(&from, "change");
    until(5, "four chips", || count(&host, ".chip") == 4).await;
    click_button(&host, "Clear all filters");
    until(5, "cleared", || {
        count(&host, ".card") == 3 && count(&host, ".chip") == 0
    })
    .await;
    // A date range alone.
    let to = find(&host, "#regdesk-to").expect("to");
    to.clone()
        .dyn_into::<HtmlInputElement>()
        .expect("input")
        .set_value("2099-03-31");
    fire(&to, "change");
    until(5, "March only", || count(&host, ".card") == 2).await;
    host.remove();
}

#[wasm_bindgen_test]
async fn presets_come_from_the_embed_attributes() {
    let _turn = turn().await;
    let host = host(&[
        ("data-feed", &feed_url(&catalogue())),
        ("data-lang", "en"),
        ("data-country", "th"),
        ("data-mode", "mixed"),
    ]);
    wait_for(&host, ".card").await;
    assert_eq!(count(&host, ".card"), 1);
    assert_eq!(
        texts(&host, ".chip span:first-child"),
        ["Hybrid only", "Thailand"]
    );
    host.remove();
    let org = self::host(&[
        ("data-feed", &feed_url(&catalogue())),
        ("data-organizer", "lao-sso"),
        ("data-category", "training"),
    ]);
    wait_for(&org, ".card").await;
    assert_eq!(texts(&org, ".card-title"), ["Actuarial training"]);
    org.remove();
}

#[wasm_bindgen_test]
async fn the_hash_keeps_the_view_a_link_reopens_it_and_back_works() {
    let _turn = turn().await;
    clear_hash();
    // A host router's own hash stays where it is.
    let w = gloo::utils::window();
    w.history()
        .expect("history")
        .push_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some("#/news?page=2&regdesk=view:calendar;month:2099-04"),
        )
        .expect("push");
    let feed = feed_url(&catalogue());
    let host = host(&[
        ("data-feed", &feed),
        ("data-lang", "en"),
        ("data-history", "hash"),
    ]);
    wait_for(&host, ".calendar").await;
    assert_eq!(
        text(&host, ".cal-title"),
        "April 2099",
        "the link reopened the calendar on its month"
    );
    click_button(&host, "List");
    until(5, "list", || count(&host, ".card") == 3).await;
    until(5, "hash updated", || hash() == "#/news?page=2").await;
    type_into(&host, "#regdesk-q", "training");
    until(5, "typed", || hash() == "#/news?page=2&regdesk=q:training").await;
    click(&host, ".card-title button");
    wait_for(&host, ".detail").await;
    until(5, "event in hash", || {
        hash().ends_with("&regdesk=q:training;event:kl")
    })
    .await;
    // Back closes the event and keeps the search.
    w.history().expect("history").back().expect("back");
    until(5, "back to the list", || {
        find(&host, ".detail").is_none() && count(&host, ".card") == 1
    })
    .await;
    assert_eq!(
        find(&host, "#regdesk-q")
            .and_then(|i| i.dyn_into::<HtmlInputElement>().ok())
            .map(|i| i.value())
            .as_deref(),
        Some("training")
    );
    // Back again: the calendar the link opened.
    w.history().expect("history").back().expect("back");
    until(5, "calendar again", || find(&host, ".calendar").is_some()).await;
    host.remove();

    // A second widget on the page keeps its own part of the hash.
    clear_hash();
    let first = self::host(&[("data-feed", &feed), ("data-history", "hash")]);
    let second = self::host(&[
        ("data-feed", &feed),
        ("data-history", "hash"),
        ("data-view", "calendar"),
    ]);
    wait_for(&first, ".card").await;
    wait_for(&second, ".calendar").await;
    type_into(&first, "#regdesk-q", "a");
    type_into(&second, "#regdesk-q", "b");
    for _ in 0..100 {
        if hash().contains("regdesk=q:a") && hash().contains("regdesk-2=view:calendar;q:b") {
            break;
        }
        TimeoutFuture::new(50).await;
    }
    assert!(
        hash().contains("regdesk=q:a") && hash().contains("regdesk-2=view:calendar;q:b"),
        "two parts: {}",
        hash()
    );
    first.remove();
    second.remove();

    // data-history="off" leaves the URL alone.
    clear_hash();
    let off = self::host(&[("data-feed", &feed)]);
    wait_for(&off, ".card").await;
    type_into(&off, "#regdesk-q", "x");
    click_button(&off, "Calendar");
    wait_for(&off, ".calendar").await;
    TimeoutFuture::new(100).await;
    assert_eq!(hash(), "");
    off.remove();
}

#[wasm_bindgen_test]
async fn the_calendar_moves_by_keyboard_and_puts_events_on_their_days() {
    let _turn = turn().await;
    let host = host(&[
        ("data-feed", &feed_url(&catalogue())),
        ("data-lang", "en"),
        ("data-view", "calendar"),
    ]);
    let grid = wait_for(&host, "table[role=grid]").await;
    assert_eq!(text(&host, ".cal-title"), "March 2099");
    // One tab stop: the first day with events.
    let active = all(&host, "td[tabindex='0']");
    assert_eq!(active.len(), 1);
    assert_eq!(
        active[0].get_attribute("data-date").as_deref(),
        Some("2099-03-10")
    );
    // 23:30 in Yangon on the 24th is the 24th there (already the 25th in Bangkok).
    assert!(find(&host, "td[data-date='2099-03-24'].has-events").is_some());
    assert!(find(&host, "td[data-date='2099-03-25'].has-events").is_none());
    assert!(text(&host, ".day-list").contains("Workshop on service delivery"));
    press(&grid, "ArrowRight");
    until(5, "moved", || {
        find(&host, "td[tabindex='0']")
            .and_then(|c| c.get_attribute("data-date"))
            .as_deref()
            == Some("2099-03-11")
    })
    .await;
    let focused = root(&host)
        .active_element()
        .and_then(|e| e.get_attribute("data-date"));
    assert_eq!(
        focused.as_deref(),
        Some("2099-03-11"),
        "focus follows the chosen day"
    );
    assert!(text(&host, ".day-list").contains("No events on this day"));
    press(&grid, "ArrowDown");
    TimeoutFuture::new(20).await;
    press(&grid, "ArrowDown");
    until(5, "two weeks on", || {
        find(&host, "td[tabindex='0']")
            .and_then(|c| c.get_attribute("data-date"))
            .as_deref()
            == Some("2099-03-25")
    })
    .await;
    press(&grid, "ArrowLeft");
    until(5, "the 24th", || {
        text(&host, ".day-list").contains("การสัมมนา")
    })
    .await;
    press(&grid, "PageDown");
    until(5, "next month", || {
        text(&host, ".cal-title") == "April 2099"
    })
    .await;
    // 24 April, two weeks up and four days left: 6 April, the training day.
    for key in [
        "ArrowUp",
        "ArrowUp",
        "ArrowLeft",
        "ArrowLeft",
        "ArrowLeft",
        "ArrowLeft",
    ] {
        press(&grid, key);
        TimeoutFuture::new(20).await;
    }
    until(5, "6 April", || {
        text(&host, ".day-list").contains("Actuarial training")
    })
    .await;
    press(&grid, "Enter");
    TimeoutFuture::new(50).await;
    assert_eq!(
        root(&host)
            .active_element()
            .and_then(|e| e.text_content())
            .as_deref(),
        Some("Actuarial training"),
        "Enter goes to the chosen day's first event"
    );
    host.remove();
}

#[wasm_bindgen_test]
async fn the_detail_renders_commonmark_safely_with_every_fact() {
    let _turn = turn().await;
    let mut feed = catalogue();
    feed["events"][1]["description"] = json!(
        "# Agenda\n\nDay **one**: see [the site](https://www.sso.go.th) or [this](javascript:alert(1)).\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(2)> <b onclick=x>bold</b>\n\n- talks\n- visits"
    );
    feed["events"][1]["registration"] =
        json!({"opens": "2020-01-01T09:00:00+07:00", "closes": "2099-03-20T17:00:00+07:00"});
    let host = host(&[
        ("data-feed", &feed_url(&feed)),
        ("data-lang", "en"),
        ("data-endpoint", "/nowhere"),
    ]);
    wait_for(&host, ".card").await;
    all(&host, ".card-title button")[1]
        .clone()
        .dyn_into::<HtmlElement>()
        .expect("button")
        .click();
    let description = wait_for(&host, ".description").await;
    let html = description.inner_html();
    for banned in ["<script", "<img", "onclick", "onerror", "javascript:", "<b"] {
        assert!(!html.contains(banned), "{banned} in {html}");
    }
    assert_eq!(text(&host, ".description h3"), "Agenda");
    assert_eq!(text(&host, ".description strong"), "one");
    assert_eq!(count(&host, ".description li"), 2);
    let links = all(&host, ".description a");
    assert_eq!(links.len(), 1, "only the https link is a link");
    assert_eq!(
        links[0].get_attribute("href").as_deref(),
        Some("https://www.sso.go.th")
    );
    assert_eq!(links[0].get_attribute("target").as_deref(), Some("_blank"));
    assert_eq!(
        links[0].get_attribute("rel").as_deref(),
        Some("noopener noreferrer")
    );
    assert!(
        description
            .text_content()
            .unwrap_or_default()
            .contains("or this."),
        "the bad link is left as its text"
    );
    // Every location, with address and seats; the online note; organiser; registration window.
    let locations = texts(&host, ".location");
    assert_eq!(locations.len(), 2);
    assert!(
        locations[0].contains("Thailand")
            && locations[0].contains("Seats left: 0 of 40")
            && locations[0].contains("Full"),
        "{locations:?}"
    );
    assert!(
        locations[1].contains("link to join is sent") && locations[1].contains("Seats left: 90"),
        "{locations:?}"
    );
    assert!(text(&host, ".organizers").contains("Social Security Office"));
    let window = text(&host, ".registration-window");
    assert!(
        window.contains("opens")
            && window.contains("2020")
            && window.contains("closes")
            && window.contains("2099"),
        "{window}"
    );
    // Add to calendar: an .ics file and two calendar links.
    let ics = wait_for(&host, "a[download]").await;
    assert_eq!(ics.get_attribute("download").as_deref(), Some("bkk.ics"));
    let href = ics.get_attribute("href").unwrap_or_default();
    assert!(href.starts_with("blob:"), "{href}");
    let body = gloo_net::http::Request::get(&href)
        .send()
        .await
        .expect("blob")
        .text()
        .await
        .expect("text");
    assert!(
        body.starts_with("BEGIN:VCALENDAR\r\n") && body.contains("UID:bkk@regdesk\r\n"),
        "{body}"
    );
    assert!(body.contains("DTSTART:20990324T170000Z\r\n"), "UTC: {body}");
    let hrefs: Vec<String> = all(&host, ".calendar-links a[target=_blank]")
        .iter()
        .filter_map(|a| a.get_attribute("href"))
        .collect();
    assert!(
        hrefs[0].starts_with("https://calendar.google.com/")
            && hrefs[1].starts_with("https://outlook.live.com/"),
        "{hrefs:?}"
    );
    host.remove();
}

#[wasm_bindgen_test]
async fn a_narrow_320_px_widget_has_no_sideways_scroll() {
    let _turn = turn().await;
    let host = host(&[
        ("data-feed", &feed_url(&catalogue())),
        ("data-lang", "vi"),
        ("style", "width: 320px; display: block"),
    ]);
    wait_for(&host, ".card").await;
    let fits = |host: &Element| {
        let r = find(host, ".regdesk").expect("root");
        r.scroll_width() <= 320
    };
    assert!(
        fits(&host),
        "list: {}",
        find(&host, ".regdesk")
            .map(|r| r.scroll_width())
            .unwrap_or(0)
    );
    click_button(&host, "Lịch");
    wait_for(&host, ".calendar").await;
    assert!(
        fits(&host),
        "calendar: {}",
        find(&host, ".regdesk")
            .map(|r| r.scroll_width())
            .unwrap_or(0)
    );
    let cell = find(&host, "td.cal-day")
        .expect("cell")
        .get_bounding_client_rect();
    assert!(
        cell.width() >= 24.0 && cell.height() >= 24.0,
        "day cells stay a usable target"
    );
    click_button(&host, "Danh sách");
    wait_for(&host, ".card").await;
    click(&host, ".card-title button");
    wait_for(&host, ".detail").await;
    assert!(
        fits(&host),
        "detail: {}",
        find(&host, ".regdesk")
            .map(|r| r.scroll_width())
            .unwrap_or(0)
    );
    host.remove();
}

// ---- Bad input ----

#[wasm_bindgen_test]
async fn bad_entries_are_skipped_counted_and_the_rest_shown() {
    let _turn = turn().await;
    let feed = json!([
        {"id": "ok", "name": "Good event", "startDate": "2099-01-01T09:00:00+07:00", "timeZone": "Mars/Olympus_Mons"},
        {"id": "ok", "name": "Duplicate id", "startDate": "2099-01-02"},
        {"name": "No id", "startDate": "2099-01-02"},
        {"id": "no-date", "name": "No date"},
        {"id": "bad-date", "name": "Bad date", "startDate": "2099-02-30"},
        {"id": 7, "name": {"en": 5}, "startDate": "2099-01-02"},
        {"id": "types", "name": "Wrong types everywhere", "startDate": "2099-01-03", "location": 5, "organizer": true,
         "inLanguage": {"x": 1}, "maximumAttendeeCapacity": "many", "registration": [], "eventStatus": 3, "url": 12},
        "a string", 42, null
    ]);
    let host = host(&[("data-feed", &feed_url(&feed)), ("data-lang", "en")]);
    wait_for(&host, ".card").await;
    assert_eq!(
        texts(&host, ".card-title"),
        ["Good event", "Wrong types everywhere"]
    );
    let notice = text(&host, ".skipped");
    assert!(
        notice.contains("8 events in the feed could not be shown") && notice.contains("console"),
        "{notice}"
    );
    // An unknown zone: the time is shown in the offset of startDate.
    assert!(
        text(&host, ".card .time").contains("UTC+07:00"),
        "{}",
        text(&host, ".card .time")
    );
    host.remove();
}

#[wasm_bindgen_test]
async fn html_and_script_in_every_field_stay_text() {
    let _turn = turn().await;
    let x = "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\">";
    let feed = json!([{"id": x, "@type": x, "category": x, "name": x, "description": x, "startDate": "2099-05-01",
        "timeZone": x, "eventAttendanceMode": x, "eventStatus": x, "url": x, "image": x, "inLanguage": x,
        "location": {"id": x, "name": x, "address": {"addressLocality": x, "addressCountry": x, "streetAddress": x}},
        "organizer": {"id": x, "name": x, "url": x}}]);
    let host = host(&[("data-feed", &feed_url(&feed)), ("data-lang", "en")]);
    wait_for(&host, ".card").await;
    click(&host, ".card-title button");
    wait_for(&host, ".detail").await;
    TimeoutFuture::new(100).await;
    assert_eq!(count(&host, "script"), 0);
    assert_eq!(count(&host, "img"), 0);
    assert!(
        text(&host, "h2").contains("<script>"),
        "the name shows as text"
    );
    let pwned = js_sys::Reflect::get(&gloo::utils::window(), &"pwned".into()).expect("get");
    assert!(pwned.is_undefined(), "no script ran");
    host.remove();
}

#[wasm_bindgen_test]
async fn strings_of_a_hundred_thousand_characters_are_cut() {
    let _turn = turn().await;
    let long = "ก".repeat(100_000);
    let feed = json!([{"id": "long", "name": long, "description": long, "category": long, "startDate": "2099-05-01",
        "location": {"name": long, "address": long}, "organizer": long}]);
    let host = host(&[("data-feed", &feed_url(&feed)), ("data-lang", "en")]);
    wait_for(&host, ".card").await;
    assert_eq!(text(&host, ".card-title").chars().count(), 300);
    click(&host, ".card-title button");
    wait_for(&host, ".description").await;
    assert_eq!(text(&host, ".description").chars().count(), 50_000);
    host.remove();
}

fn many(n: usize, description: &str) -> Value {
    let events: Vec<Value> = (0..n)
        .map(|i| {
            let category = ["seminar", "workshop", "training"][i % 3];
            let country = ["VN", "TH", "LA", "KH"][i % 4];
            json!({
            "id": format!("e{i}"), "category": category,
            "name": {"en": format!("Seminar {i} on social security"), "vi": format!("Hội thảo {i} về an sinh xã hội")},
            "description": description,
            "startDate": format!("2099-{:02}-{:02}T09:00:00+07:00", i % 12 + 1, i % 28 + 1), "timeZone": "Asia/Bangkok",
            "location": {"name": "Hà Nội", "address": {"addressCountry": country}},
            "organizer": {"id": format!("org{}", i % 20), "name": format!("Organisation {}", i % 20)},
            "inLanguage": "en", "remainingAttendeeCapacity": i % 50, "registration": {"waitlist": true}
        })})
        .collect();
    json!({ "events": events })
}

#[wasm_bindgen_test]
async fn five_thousand_events_render_a_page_at_a_time() {
    let _turn = turn().await;
    let host = host(&[
        ("data-feed", &feed_url(&many(5000, "Short."))),
        ("data-lang", "en"),
    ]);
    until(60, "5,000 events", || {
        text(&host, ".result-count") == "Upcoming events: 5000"
    })
    .await;
    assert_eq!(count(&host, ".card"), 50, "one page of cards");
    click_button(&host, "Show more events (4950 more)");
    until(30, "two pages", || count(&host, ".card") == 100).await;
    type_into(&host, "#regdesk-q", "hoi thao 4999");
    until(10, "found", || count(&host, ".card") == 1).await;
    choose(&host, "#regdesk-country", "LA");
    until(10, "filtered", || {
        text(&host, ".result-count") == "Upcoming events: 0"
    })
    .await;
    host.remove();
}

#[wasm_bindgen_test]
async fn a_ten_megabyte_feed_loads() {
    let _turn = turn().await;
    let feed = many(2000, &"Mô tả dài về sự kiện. ".repeat(230));
    let size = feed.to_string().len();
    assert!(size > 10_000_000, "{size} bytes");
    let host = host(&[("data-feed", &feed_url(&feed)), ("data-lang", "en")]);
    until(90, "10 MB feed", || {
        text(&host, ".result-count") == "Upcoming events: 2000"
    })
    .await;
    host.remove();
}

#[wasm_bindgen_test]
async fn feeds_that_fail_say_why_and_offer_a_retry() {
    let _turn = turn().await;
    // Not JSON, JSON with no list, a 404 from the test server, a network failure.
    let gone = feed_url(&json!([]));
    web_sys::Url::revoke_object_url(&gone).expect("revoke");
    let cases = [
        (
            "data:application/json,{not json".to_string(),
            "not in a format",
        ),
        (feed_url(&json!({"items": []})), "not in a format"),
        ("/no-such-feed.json".to_string(), "(404)"),
        (gone, "connection"),
    ];
    for (url, why) in cases {
        let host = host(&[("data-feed", &url), ("data-lang", "en")]);
        let alert = wait_for(&host, ".notice.error").await;
        let said = alert.text_content().unwrap_or_default();
        assert!(
            said.contains("could not be loaded") && said.contains(why),
            "{url}: {said}"
        );
        click_button(&host, "Try again");
        wait_for(&host, ".notice.error").await;
        host.remove();
    }
}

#[wasm_bindgen_test]
async fn events_come_from_the_host_pages_json_ld_when_there_is_no_feed() {
    let _turn = turn().await;
    let document = gloo::utils::document();
    let script = document.create_element("script").expect("script");
    script
        .set_attribute("type", "application/ld+json")
        .expect("type");
    script.set_text_content(Some(r#"{"@context": "https://schema.org", "@graph": [
        {"@type": "EducationEvent", "@id": "course", "name": "Course from the page", "startDate": "2099-06-01"},
        {"@type": "WebPage", "name": "Not an event"}]}"#));
    document
        .head()
        .expect("head")
        .append_child(&script)
        .expect("append");
    let host = host(&[("data-lang", "en")]);
    wait_for(&host, ".card").await;
    assert_eq!(texts(&host, ".card-title"), ["Course from the page"]);
    host.remove();
    script.remove();
}
