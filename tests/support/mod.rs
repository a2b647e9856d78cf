//! What the browser tests share: mounting a widget on the page and
//! reading and working its shadow root.

#![allow(dead_code)]

use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, ShadowRoot};

/// Mounts a widget with `attrs` (history off unless asked for).
pub fn host(attrs: &[(&str, &str)]) -> Element {
    let document = gloo::utils::document();
    let host = document.create_element("div").expect("div");
    host.set_attribute("data-regdesk", "").expect("attr");
    if !attrs.iter().any(|(k, _)| *k == "data-history") {
        host.set_attribute("data-history", "off").expect("attr");
    }
    for (k, v) in attrs {
        host.set_attribute(k, v).expect("attr");
    }
    gloo::utils::body().append_child(&host).expect("append");
    regdesk::mount_all();
    host
}

pub fn root(host: &Element) -> ShadowRoot {
    host.shadow_root().expect("shadow root")
}

pub fn find(host: &Element, selector: &str) -> Option<Element> {
    root(host).query_selector(selector).ok().flatten()
}

pub fn all(host: &Element, selector: &str) -> Vec<Element> {
    let list = root(host).query_selector_all(selector).expect("selector");
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

pub fn count(host: &Element, selector: &str) -> usize {
    all(host, selector).len()
}

pub fn text(host: &Element, selector: &str) -> String {
    find(host, selector)
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

pub fn texts(host: &Element, selector: &str) -> Vec<String> {
    all(host, selector)
        .iter()
        .filter_map(|e| e.text_content())
        .collect()
}

/// Waits until `ok` holds, up to `secs` seconds.
pub async fn until(secs: u32, what: &str, mut ok: impl FnMut() -> bool) {
    for _ in 0..secs * 20 {
        if ok() {
            return;
        }
        TimeoutFuture::new(50).await;
    }
    panic!("never happened: {what}");
}

pub async fn wait_for(host: &Element, selector: &str) -> Element {
    until(10, selector, || find(host, selector).is_some()).await;
    find(host, selector).expect("present")
}

pub fn click(host: &Element, selector: &str) {
    find(host, selector)
        .unwrap_or_else(|| panic!("no {selector}"))
        .dyn_into::<HtmlElement>()
        .expect("html element")
        .click();
}

/// Clicks the first button whose text contains `words`.
pub fn click_button(host: &Element, words: &str) {
    let button = all(host, "button")
        .into_iter()
        .find(|b| b.text_content().unwrap_or_default().contains(words))
        .unwrap_or_else(|| panic!("no button with {words:?}"));
    button.dyn_into::<HtmlElement>().expect("button").click();
}
