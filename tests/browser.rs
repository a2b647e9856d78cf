//! Browser tests: the widget mounted into a real page in headless Chromium
//! (`wasm-bindgen-test`), fed through `data:` URLs so no server is needed.

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

mod support;
use support::{count, host, wait_for};

wasm_bindgen_test_configure!(run_in_browser);

fn data_url(json: &str) -> String {
    format!(
        "data:application/json,{}",
        js_sys::encode_uri_component(json)
    )
}

const FEED: &str = r#"{"events": [
  {"id": "later", "name": {"en": "Seminar on sustainable financing", "vi": "Hội thảo về tài chính bền vững"},
   "startDate": "2099-03-16T08:30:00+08:00", "timeZone": "Asia/Kuala_Lumpur",
   "location": {"name": "Menara PERKESO", "address": {"addressLocality": "Kuala Lumpur", "addressCountry": "MY"}}},
  {"id": "sooner", "name": {"en": "Workshop on good governance", "vi": "Hội thảo về quản trị tốt"},
   "startDate": "2099-02-23T09:00:00+06:30", "timeZone": "Asia/Yangon",
   "location": {"name": "Yangon", "address": {"addressCountry": "MM"}},
   "registration": {"waitlist": true}},
  {"id": "broken", "name": "No start date"},
  {"name": "<script>alert(1)</script>", "startDate": "2099-01-01"}
]}"#;

#[wasm_bindgen_test]
async fn lists_events_in_a_shadow_root_in_the_page_language() {
    let host = host(&[("data-feed", &data_url(FEED)), ("data-lang", "vi")]);
    wait_for(&host, ".card").await;
    assert_eq!(count(&host, ".card"), 2);
    let shadow = host.shadow_root().expect("an open shadow root");
    let titles: Vec<String> = (0..2)
        .filter_map(|i| {
            shadow
                .query_selector_all(".card-title")
                .ok()?
                .item(i)?
                .text_content()
        })
        .collect();
    assert_eq!(
        titles,
        ["Hội thảo về quản trị tốt", "Hội thảo về tài chính bền vững"],
        "sorted by start, in Vietnamese"
    );
    let skipped = wait_for(&host, ".notice.muted")
        .await
        .text_content()
        .unwrap_or_default();
    assert!(
        skipped.contains('2'),
        "says two entries were skipped: {skipped}"
    );
    assert!(
        host.inner_html().is_empty(),
        "nothing is written into the host's light DOM"
    );
    host.remove();
}

#[wasm_bindgen_test]
async fn opens_an_event_and_its_form_with_the_default_fields() {
    let host = host(&[
        ("data-feed", &data_url(FEED)),
        ("data-endpoint", "/nowhere"),
        ("data-lang", "en"),
    ]);
    let title = wait_for(&host, ".card-title button").await;
    title.dyn_ref::<HtmlElement>().expect("a button").click();
    let register = wait_for(&host, ".detail .actions .button").await;
    assert_eq!(register.text_content().as_deref(), Some("Register"));
    register.dyn_ref::<HtmlElement>().expect("a button").click();
    wait_for(&host, "form[novalidate]").await;
    for id in [
        "f-0-fullName",
        "f-0-email",
        "f-0-organisation",
        "f-0-jobTitle",
        "f-0-country",
        "f-0-phone",
    ] {
        assert_eq!(count(&host, &format!("#{id}")), 1, "{id}");
    }
    // Submitting empty shows the error summary, and sends nothing.
    wait_for(&host, "button[type=submit]")
        .await
        .dyn_ref::<HtmlElement>()
        .expect("button")
        .click();
    let summary = wait_for(&host, ".error-summary").await;
    assert!(summary
        .text_content()
        .unwrap_or_default()
        .contains("Enter your full name"));
    let email = wait_for(&host, "#f-0-email").await;
    assert_eq!(
        email.get_attribute("aria-describedby").as_deref(),
        Some("f-0-email-error")
    );
    host.remove();
}

#[wasm_bindgen_test]
async fn a_feed_that_is_not_json_shows_a_message_with_retry() {
    let host = host(&[("data-feed", "data:application/json,{not json")]);
    let alert = wait_for(&host, ".notice.error").await;
    assert!(alert
        .text_content()
        .unwrap_or_default()
        .contains("could not be loaded"));
    assert_eq!(count(&host, ".notice.error button"), 1);
    host.remove();
}
