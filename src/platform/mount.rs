//! Mounting one widget: an open shadow root on the host element, the
//! stylesheet adopted into it (constructable stylesheets, so no `<style>` or
//! `style=""` is needed under a strict CSP), and the Yew app rendered inside.
//! Host CSS reaches in only through `--regdesk-*` and `::part()`.
//!
//! The widget's settings come from the host's `data-*` attributes, or from
//! the `options` of `Regdesk.mount(element, options)`, which take precedence
//! ([`Options`]). Which widgets live where is [`super::widgets`]' business.

use std::cell::RefCell;

use regdesk_core::Lang;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CssStyleSheet, Element, ShadowRoot, ShadowRootInit, ShadowRootMode};

use crate::components::app::{App, AppProps};
use crate::state::submission::EndpointFormat;

/// The widget's stylesheet, compiled in.
pub const STYLESHEET: &str = include_str!("../../styles/widget.css");

/// The attributes of contract section 1; `Regdesk.mount` options are the same
/// names in camelCase (`endpointFormat` for `data-endpoint-format`).
pub const ATTRIBUTES: &[&str] = &[
    "data-feed",
    "data-endpoint",
    "data-lang",
    "data-view",
    "data-event",
    "data-organizer",
    "data-category",
    "data-country",
    "data-mode",
    "data-theme",
    "data-endpoint-format",
    "data-history",
    "data-seo",
];

/// A widget's settings, read from its host element's `data-*` attributes
/// (contract section 1), the `Regdesk.mount` options first.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct WidgetConfig {
    /// `data-feed`; `None`: schema.org JSON-LD in the host page.
    pub feed: Option<String>,
    /// `data-endpoint`; `None`: browse only.
    pub endpoint: Option<String>,
    pub lang: Lang,
    /// `data-event`: show one event alone.
    pub event: Option<String>,
    /// `data-theme`.
    pub theme: Theme,
    /// `data-seo="jsonld"`: schema.org JSON-LD of the shown events in the
    /// host document's head.
    pub seo: bool,
    /// `data-view`: `list`, `calendar` or `event`.
    pub view: Option<String>,
    /// Preset filters: `data-organizer`, `data-category`, `data-country`, `data-mode`.
    pub organizer: Option<String>,
    pub category: Option<String>,
    pub country: Option<String>,
    pub mode: Option<String>,
    /// `data-history="off"`: leave the URL alone.
    pub history_off: bool,
    /// This widget's part of the URL hash (`regdesk`, `regdesk-2`, ...).
    pub hash_key: String,
    /// `data-endpoint-format`: `json` or `form`.
    pub endpoint_format: EndpointFormat,
    /// `data-retry-base-ms` and `data-timeout-ms`, for tests only: shorter
    /// retry delays and request timeouts (docs/registration.md).
    pub retry_base_ms: Option<u32>,
    pub timeout_ms: Option<u32>,
}

impl WidgetConfig {
    pub fn from_element(host: &Element) -> Self {
        Self::read(host, &Options::default())
    }

    /// The settings of `host`, where `options` override its attributes.
    pub fn read(host: &Element, options: &Options) -> Self {
        let attr = |name: &str| {
            options
                .get(name)
                .map(str::to_string)
                .or_else(|| host.get_attribute(name))
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        Self {
            feed: attr("data-feed"),
            endpoint: attr("data-endpoint"),
            lang: interface_lang(host, attr("data-lang")),
            event: attr("data-event"),
            view: attr("data-view"),
            organizer: attr("data-organizer"),
            category: attr("data-category"),
            country: attr("data-country"),
            mode: attr("data-mode"),
            history_off: attr("data-history").is_some_and(|h| h.eq_ignore_ascii_case("off")),
            hash_key: hash_key(host),
            theme: Theme::parse(attr("data-theme").as_deref()),
            seo: attr("data-seo").is_some_and(|v| v.eq_ignore_ascii_case("jsonld")),
            endpoint_format: EndpointFormat::from_attr(attr("data-endpoint-format").as_deref()),
            retry_base_ms: attr("data-retry-base-ms").and_then(|v| v.parse().ok()),
            timeout_ms: attr("data-timeout-ms").and_then(|v| v.parse().ok()),
        }
    }
}

/// `data-theme`: `auto` follows the visitor's `prefers-color-scheme`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    /// Anything but `light` or `dark` is `auto`.
    pub fn parse(value: Option<&str>) -> Self {
        match value.map(|v| v.trim().to_ascii_lowercase()).as_deref() {
            Some("light") => Theme::Light,
            Some("dark") => Theme::Dark,
            _ => Theme::Auto,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// `data-regdesk="name"` gives `regdesk-name`; unnamed widgets are counted
/// in document order, so two on one page never share a hash part.
fn hash_key(host: &Element) -> String {
    let name = host.get_attribute("data-regdesk").unwrap_or_default();
    let index = host
        .owner_document()
        .and_then(|d| d.query_selector_all("[data-regdesk]").ok())
        .map(|all| {
            (0..all.length())
                .filter_map(|i| all.item(i))
                .filter_map(|n| n.dyn_into::<Element>().ok())
                .filter(|e| {
                    e.get_attribute("data-regdesk")
                        .is_none_or(|v| v.trim().is_empty())
                })
                .position(|e| e == *host)
                .unwrap_or(0)
        })
        .unwrap_or(0);
    regdesk_core::route::key_for(&name, index)
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

/// The options of `Regdesk.mount(element, options)`, by attribute name
/// (a few pairs: a `Vec` costs the wasm less than a map).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options(Vec<(String, String)>);

/// Why `Regdesk.mount` options were refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum OptionsError {
    #[error("Regdesk.mount: options must be an object")]
    NotAnObject,
    #[error("Regdesk.mount: option `{0}` must be a string, number or boolean")]
    BadValue(String),
}

impl Options {
    /// The value for an attribute name (`data-feed`).
    pub fn get(&self, attribute: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(name, _)| name == attribute)
            .map(|(_, value)| value.as_str())
    }

    /// Sets an option by its JS name (`feed`, `endpointFormat`) or attribute
    /// name (`data-endpoint-format`). Returns the attribute name.
    pub fn set(&mut self, key: &str, value: impl Into<String>) -> String {
        let name = attribute_name(key);
        self.0.retain(|(n, _)| *n != name);
        self.0.push((name.clone(), value.into()));
        name
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Reads a JS object; `undefined` and `null` are no options. Options
    /// that are not in the contract are kept (a newer widget may know them)
    /// and reported with a console warning.
    pub fn from_js(value: &JsValue) -> Result<Self, OptionsError> {
        let mut options = Options::default();
        if value.is_undefined() || value.is_null() {
            return Ok(options);
        }
        let object = value
            .dyn_ref::<js_sys::Object>()
            .filter(|_| value.is_object())
            .ok_or(OptionsError::NotAnObject)?;
        for entry in js_sys::Object::entries(object).iter() {
            let pair = js_sys::Array::from(&entry);
            let key = pair.get(0).as_string().unwrap_or_default();
            let value = pair.get(1);
            let text = if let Some(s) = value.as_string() {
                s
            } else if let Some(n) = value.as_f64() {
                n.to_string()
            } else if let Some(b) = value.as_bool() {
                b.to_string()
            } else if value.is_undefined() || value.is_null() {
                continue;
            } else {
                return Err(OptionsError::BadValue(key));
            };
            let name = options.set(&key, text);
            if !ATTRIBUTES.contains(&name.as_str()) {
                gloo::console::warn!(format!("regdesk: unknown option `{key}` ({name}) ignored"));
            }
        }
        Ok(options)
    }
}

/// `endpointFormat` gives `data-endpoint-format`; `feed` gives `data-feed`;
/// a name that already starts with `data-` is kept.
pub fn attribute_name(key: &str) -> String {
    let key = key.trim();
    if key.to_ascii_lowercase().starts_with("data-") {
        return key.to_ascii_lowercase();
    }
    let mut name = String::from("data-");
    for c in key.chars() {
        match c {
            'A'..='Z' => {
                name.push('-');
                name.push(c.to_ascii_lowercase());
            }
            '_' => name.push('-'),
            _ => name.push(c),
        }
    }
    name
}

/// One widget, rendered in its host's shadow root.
pub struct Widget {
    app: yew::AppHandle<App>,
    host: Element,
}

impl Widget {
    /// Renders a widget on `host`, configured from its attributes and
    /// `options`. The host keeps its light-DOM children (a fallback link,
    /// say): they are hidden while the widget is shown.
    pub fn render(host: &Element, options: &Options) -> Result<Self, JsValue> {
        let shadow = shadow_root(host)?;
        clear(&shadow)?;
        adopt_stylesheet(&shadow)?;
        let document = host.owner_document().ok_or("no document")?;
        let root = document.create_element("div")?;
        root.set_class_name("regdesk-root");
        shadow.append_child(&root)?;
        let props = AppProps {
            config: WidgetConfig::read(host, options),
            host: host.clone(),
        };
        let app = yew::Renderer::<App>::with_root_and_props(root, props).render();
        Ok(Self {
            app,
            host: host.clone(),
        })
    }

    pub fn host(&self) -> &Element {
        &self.host
    }

    /// Ends the widget: its components are destroyed (their effects cleaned
    /// up, which removes the JSON-LD it wrote), its nodes and stylesheet
    /// leave the shadow root, and a `<slot>` shows the host's own children
    /// again. A shadow root cannot be detached, so it stays, empty.
    pub fn destroy(self) {
        self.app.destroy();
        let Some(shadow) = self.host.shadow_root() else {
            return;
        };
        let _ = clear(&shadow);
        let _ = js_sys::Reflect::set(&shadow, &"adoptedStyleSheets".into(), &js_sys::Array::new());
        if let Some(slot) = self
            .host
            .owner_document()
            .and_then(|d| d.create_element("slot").ok())
        {
            let _ = slot.set_attribute(FALLBACK_SLOT, "");
            let _ = shadow.append_child(&slot);
        }
    }
}

/// Marks the `<slot>` an unmounted widget leaves in its shadow root.
const FALLBACK_SLOT: &str = "data-regdesk-fallback";

/// The host's open shadow root: a new one, or the one a widget left there
/// before. A shadow root of someone else's is not touched.
fn shadow_root(host: &Element) -> Result<ShadowRoot, JsValue> {
    let Some(shadow) = host.shadow_root() else {
        return host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open));
    };
    let children = shadow.children();
    let ours = (0..children.length())
        .filter_map(|i| children.item(i))
        .all(|c| c.has_attribute(FALLBACK_SLOT) || c.class_name() == "regdesk-root");
    if ours {
        Ok(shadow)
    } else {
        Err("regdesk: this element already has a shadow root of its own".into())
    }
}

/// Removes every child node, without `innerHTML` (which Trusted Types forbid).
fn clear(shadow: &ShadowRoot) -> Result<(), JsValue> {
    while let Some(child) = shadow.last_child() {
        shadow.remove_child(&child)?;
    }
    Ok(())
}

thread_local! {
    /// One constructed stylesheet, adopted by every widget on the page.
    static SHEET: RefCell<Option<CssStyleSheet>> = const { RefCell::new(None) };
}

/// Adopts the stylesheet into the shadow root; where constructable
/// stylesheets are missing, falls back to a `<style>` element.
fn adopt_stylesheet(shadow: &ShadowRoot) -> Result<(), JsValue> {
    let sheet = SHEET.with(|cell| {
        let mut cell = cell.borrow_mut();
        if cell.is_none() {
            let sheet = CssStyleSheet::new().ok()?;
            sheet.replace_sync(STYLESHEET).ok()?;
            *cell = Some(sheet);
        }
        cell.clone()
    });
    if let Some(sheet) = sheet {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_names_are_the_attribute_names_in_camel_case() {
        assert_eq!(attribute_name("feed"), "data-feed");
        assert_eq!(attribute_name("endpointFormat"), "data-endpoint-format");
        assert_eq!(
            attribute_name("data-endpoint-format"),
            "data-endpoint-format"
        );
        assert_eq!(attribute_name("DATA-SEO"), "data-seo");
        assert_eq!(attribute_name("endpoint_format"), "data-endpoint-format");
        for attribute in ATTRIBUTES {
            let camel: String = attribute
                .trim_start_matches("data-")
                .split('-')
                .enumerate()
                .map(|(i, w)| {
                    if i == 0 {
                        w.to_string()
                    } else {
                        w[..1].to_uppercase() + &w[1..]
                    }
                })
                .collect();
            assert_eq!(&attribute_name(&camel), attribute);
        }
    }

    #[test]
    fn options_override_by_attribute_name() {
        let mut options = Options::default();
        assert_eq!(
            options.set("endpointFormat", "form"),
            "data-endpoint-format"
        );
        options.set("feed", "https://a.example/feed");
        options.set("data-feed", "https://b.example/feed");
        assert_eq!(options.get("data-feed"), Some("https://b.example/feed"));
        assert_eq!(options.get("data-endpoint-format"), Some("form"));
        assert_eq!(options.get("data-lang"), None);
    }

    #[test]
    fn themes() {
        assert_eq!(Theme::parse(Some(" Dark ")), Theme::Dark);
        assert_eq!(Theme::parse(Some("light")), Theme::Light);
        assert_eq!(Theme::parse(Some("sepia")), Theme::Auto);
        assert_eq!(Theme::parse(None), Theme::Auto);
    }

    /// `rem` follows the host page's root font size (62.5 % on many
    /// WordPress themes), so the widget sizes everything in `em` from a root
    /// of `medium`, the visitor's own default size.
    #[test]
    fn the_stylesheet_never_sizes_in_rem() {
        let bytes = STYLESHEET.as_bytes();
        let offenders: Vec<String> = STYLESHEET
            .match_indices("rem")
            .filter(|(i, _)| {
                let before = i.checked_sub(1).and_then(|j| bytes.get(j));
                let after = bytes.get(i + 3);
                before.is_some_and(|b| b.is_ascii_digit() || *b == b'.')
                    && !after.is_some_and(|a| a.is_ascii_alphanumeric() || *a == b'-')
            })
            .map(|(i, _)| {
                let start = STYLESHEET[..i].rfind('\n').map_or(0, |n| n + 1);
                let end = STYLESHEET[i..]
                    .find('\n')
                    .map_or(STYLESHEET.len(), |n| i + n);
                STYLESHEET[start..end].trim().to_string()
            })
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        assert!(offenders.is_empty(), "rem in widget.css: {offenders:#?}");
    }
}
