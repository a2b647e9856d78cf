//! `data-seo="jsonld"`: a `<script type="application/ld+json">` in the host
//! document's head describing the events a widget shows. The only change a
//! widget ever makes outside its host element; gone when the widget is.
//! Each block is marked with its owner, so the feed loader does not read a
//! widget's own output back as host-page events.

use std::cell::{Cell, RefCell};

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The attribute marking a block a widget wrote; its value is the owner.
pub const MARK: &str = "data-regdesk-jsonld";

thread_local! {
    static NEXT_OWNER: Cell<u32> = const { Cell::new(1) };
}

/// A fresh owner token, one per widget.
pub fn next_owner() -> u32 {
    NEXT_OWNER.with(|n| {
        let owner = n.get();
        n.set(owner.wrapping_add(1));
        owner
    })
}

fn blocks_of(owner: u32) -> Vec<web_sys::Element> {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return Vec::new();
    };
    let selector = format!(r#"script[{MARK}="{owner}"]"#);
    let Ok(found) = document.query_selector_all(&selector) else {
        return Vec::new();
    };
    (0..found.length())
        .filter_map(|i| found.item(i)?.dyn_into().ok())
        .collect()
}

/// The Trusted Types policy a page enforcing them must allow
/// (`trusted-types regdesk-jsonld`) for `data-seo` to write its block.
pub const POLICY: &str = "regdesk-jsonld";

/// The policy's `createScript`: JSON text in, the same text out.
type Bless = Closure<dyn Fn(String) -> Result<String, JsValue>>;

thread_local! {
    /// `Some(policy)` once made; `Some(undefined)` where Trusted Types are
    /// missing; `Some(null)` where the page refused the policy.
    static TRUSTED: RefCell<Option<JsValue>> = const { RefCell::new(None) };
    static BLESS: RefCell<Option<Bless>> = const { RefCell::new(None) };
}

/// The page's Trusted Types policy for JSON-LD text, made on first use. It
/// passes JSON only, so it can never bless a script that runs.
fn trusted_policy() -> JsValue {
    TRUSTED.with(|cell| {
        if let Some(known) = cell.borrow().as_ref() {
            return known.clone();
        }
        let made = make_policy();
        *cell.borrow_mut() = Some(made.clone());
        made
    })
}

fn make_policy() -> JsValue {
    let Some(window) = web_sys::window() else {
        return JsValue::UNDEFINED;
    };
    let factory =
        js_sys::Reflect::get(&window, &"trustedTypes".into()).unwrap_or(JsValue::UNDEFINED);
    let create = js_sys::Reflect::get(&factory, &"createPolicy".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let Some(create) = create else {
        return JsValue::UNDEFINED;
    };
    let bless = Bless::new(|text: String| match js_sys::JSON::parse(&text) {
        Ok(_) => Ok(text),
        Err(_) => Err(js_sys::TypeError::new("regdesk-jsonld: JSON only").into()),
    });
    let rules = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&rules, &"createScript".into(), bless.as_ref());
    BLESS.with(|b| *b.borrow_mut() = Some(bless));
    match create.call2(&factory, &POLICY.into(), &rules) {
        Ok(policy) => policy,
        Err(_) => {
            gloo::console::warn!(format!(
                "regdesk: this page's Trusted Types policy does not allow `{POLICY}`, so data-seo writes no JSON-LD"
            ));
            JsValue::NULL
        }
    }
}

/// Writes (or rewrites) `owner`'s block with `json`. Under Trusted Types
/// (`require-trusted-types-for 'script'`) a script's text must be a
/// `TrustedScript`, made by the [`POLICY`] policy.
pub fn write(owner: u32, json: &str) {
    let existing = blocks_of(owner).into_iter().next();
    if existing
        .as_ref()
        .is_some_and(|e| e.text_content().as_deref() == Some(json))
    {
        return;
    }
    let policy = trusted_policy();
    let text: JsValue = if policy.is_null() {
        return;
    } else if policy.is_undefined() {
        json.into()
    } else {
        let made = js_sys::Reflect::get(&policy, &"createScript".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .and_then(|f| f.call1(&policy, &json.into()).ok());
        match made {
            Some(trusted) => trusted,
            None => return,
        }
    };
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(head) = document.head() else {
        return;
    };
    let Ok(script) = document.create_element("script") else {
        return;
    };
    let _ = script.set_attribute("type", "application/ld+json");
    let _ = script.set_attribute(MARK, &owner.to_string());
    if !js_sys::Reflect::set(&script, &"textContent".into(), &text).unwrap_or(false) {
        return;
    }
    let placed = match &existing {
        Some(old) => head.replace_child(&script, old),
        None => head.append_child(&script),
    };
    if let Err(e) = placed {
        gloo::console::warn!("regdesk: could not write the JSON-LD block", e);
    }
}

/// Removes `owner`'s block, if any.
pub fn remove(owner: u32) {
    for block in blocks_of(owner) {
        block.remove();
    }
}
