//! Mounting: one independent widget in an open shadow root on each host
//! element. The stylesheet is adopted into the shadow root (constructable
//! stylesheets, so no inline `<style>` is needed under a strict CSP); host CSS
//! reaches in only through inherited properties and `--regdesk-*`.

use regdesk_core::Lang;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CssStyleSheet, Element, ShadowRoot, ShadowRootInit, ShadowRootMode};

use crate::components::app::{App, AppProps};
use crate::state::submission::EndpointFormat;

/// The widget's stylesheet, compiled in.
pub const STYLESHEET: &str = include_str!("../../styles/widget.css");

/// A widget's settings, read from its host element's `data-*` attributes
/// (contract section 1).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct WidgetConfig {
    /// `data-feed`; `None`: schema.org JSON-LD in the host page.
    pub feed: Option<String>,
    /// `data-endpoint`; `None`: browse only.
    pub endpoint: Option<String>,
    pub lang: Lang,
    /// `data-event`: show one event alone.
    pub event: Option<String>,
    /// `data-endpoint-format`: `json` or `form`.
    pub endpoint_format: EndpointFormat,
    /// `data-retry-base-ms` and `data-timeout-ms`, for tests only: shorter
    /// retry delays and request timeouts (docs/registration.md).
    pub retry_base_ms: Option<u32>,
    pub timeout_ms: Option<u32>,
}

impl WidgetConfig {
    pub fn from_element(host: &Element) -> Self {
        let attr = |name: &str| {
            host.get_attribute(name)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        Self {
            feed: attr("data-feed"),
            endpoint: attr("data-endpoint"),
            lang: interface_lang(host, attr("data-lang")),
            event: attr("data-event"),
            endpoint_format: EndpointFormat::from_attr(attr("data-endpoint-format").as_deref()),
            retry_base_ms: attr("data-retry-base-ms").and_then(|v| v.parse().ok()),
            timeout_ms: attr("data-timeout-ms").and_then(|v| v.parse().ok()),
        }
    }
}

/// `data-lang`, then the nearest `lang` attribute, then the browser's
/// languages, then English.
fn interface_lang(host: &Element, data_lang: Option<String>) -> Lang {
    let nearest = host
        .closest("[lang]")
        .ok()
        .flatten()
        .and_then(|e| e.get_attribute("lang"));
    let browser: Vec<String> = web_sys::window()
        .map(|w| {
            w.navigator()
                .languages()
                .iter()
                .filter_map(|v| v.as_string())
                .collect()
        })
        .unwrap_or_default();
    let tags = data_lang
        .iter()
        .chain(nearest.iter())
        .chain(browser.iter())
        .map(String::as_str);
    Lang::negotiate(tags)
}

/// Mounts a widget in every `[data-regdesk]` of the document that has none yet.
pub fn mount_all() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(hosts) = document.query_selector_all("[data-regdesk]") else {
        return;
    };
    for i in 0..hosts.length() {
        if let Some(host) = hosts.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            if host.shadow_root().is_none() {
                if let Err(e) = mount(&host) {
                    gloo::console::error!("regdesk: could not mount", e);
                }
            }
        }
    }
}

/// Mounts one widget on `host`, configured from its attributes.
pub fn mount(host: &Element) -> Result<yew::AppHandle<App>, JsValue> {
    let shadow = match host.shadow_root() {
        Some(existing) => existing,
        None => host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?,
    };
    shadow.set_inner_html("");
    adopt_stylesheet(&shadow)?;
    let document = host.owner_document().ok_or("no document")?;
    let root = document.create_element("div")?;
    root.set_class_name("regdesk-root");
    shadow.append_child(&root)?;
    let props = AppProps {
        config: WidgetConfig::from_element(host),
        host: host.clone(),
    };
    Ok(yew::Renderer::<App>::with_root_and_props(root, props).render())
}

/// Adopts the stylesheet into the shadow root; where constructable
/// stylesheets are missing, falls back to a `<style>` element.
fn adopt_stylesheet(shadow: &ShadowRoot) -> Result<(), JsValue> {
    if let Ok(sheet) = CssStyleSheet::new() {
        sheet.replace_sync(STYLESHEET)?;
        let sheets = js_sys::Array::of1(&sheet);
        if js_sys::Reflect::set(shadow, &"adoptedStyleSheets".into(), &sheets).unwrap_or(false) {
            return Ok(());
        }
    }
    let document = shadow.owner_document().ok_or("no document")?;
    let style = document.create_element("style")?;
    style.set_text_content(Some(STYLESHEET));
    shadow.append_child(&style)?;
    Ok(())
}
