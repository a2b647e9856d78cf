//! Which widgets live on the page: every `[data-regdesk]` is mounted when the
//! module starts and whenever one is added later (a `MutationObserver` on
//! the document), unmounted when it leaves the document or loses the
//! attribute, and mounted afresh when one of its `data-*` attributes
//! changes. `Regdesk.mount(element, options)` (the loader's JS API) mounts
//! any element with options; see `docs/embedding.md`.
//!
//! Nothing here touches the host page beyond the host elements: the only
//! global is `window.Regdesk`, which the loader defines.

use std::cell::{Cell, RefCell};

use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, MutationObserver, MutationObserverInit, MutationRecord, Node};

use super::mount::{Options, Widget};

/// The attribute that marks a host element.
pub const HOST_ATTRIBUTE: &str = "data-regdesk";

/// A `MutationObserver` that stops observing when dropped.
struct Observer {
    observer: MutationObserver,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
}

impl Observer {
    fn new(
        target: &Node,
        init: &MutationObserverInit,
        callback: impl FnMut(js_sys::Array) + 'static,
    ) -> Result<Self, JsValue> {
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(callback);
        let observer = MutationObserver::new(callback.as_ref().unchecked_ref())?;
        observer.observe_with_options(target, init)?;
        Ok(Self {
            observer,
            _callback: callback,
        })
    }
}

impl Drop for Observer {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

fn records(list: &js_sys::Array) -> impl Iterator<Item = MutationRecord> + '_ {
    list.iter()
        .filter_map(|r| r.dyn_into::<MutationRecord>().ok())
}

/// One mounted widget and what keeps it up to date.
struct Entry {
    id: u32,
    host: Element,
    /// Mounted through `Regdesk.mount`, not found by its attribute.
    by_api: bool,
    options: Options,
    widget: Option<Widget>,
    /// Watches the host's own attributes.
    _attributes: Observer,
}

thread_local! {
    static ENTRIES: RefCell<Vec<Entry>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
    static PAGE: RefCell<Option<Observer>> = const { RefCell::new(None) };
}

/// Mounts every `[data-regdesk]` now and watches the document for more.
/// Run once when the module starts.
pub fn start() {
    mount_all();
    let already = PAGE.with(|p| p.borrow().is_some());
    if already {
        return;
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let init = MutationObserverInit::new();
    init.set_child_list(true);
    init.set_subtree(true);
    init.set_attributes(true);
    init.set_attribute_filter(&js_sys::Array::of1(&HOST_ATTRIBUTE.into()));
    let watch = Observer::new(&document, &init, |list: js_sys::Array| {
        let relevant = records(&list).any(|r| {
            r.type_() == "attributes"
                || r.removed_nodes().length() > 0
                || (0..r.added_nodes().length())
                    .filter_map(|i| r.added_nodes().item(i))
                    .any(|n| n.node_type() == Node::ELEMENT_NODE)
        });
        if relevant {
            sweep();
            mount_all();
        }
    });
    match watch {
        Ok(observer) => PAGE.with(|p| *p.borrow_mut() = Some(observer)),
        Err(e) => gloo::console::error!("regdesk: cannot watch the page for widgets", e),
    }
}

/// Mounts a widget in every `[data-regdesk]` of the document that has none.
pub fn mount_all() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(hosts) = document.query_selector_all(&format!("[{HOST_ATTRIBUTE}]")) else {
        return;
    };
    for host in (0..hosts.length()).filter_map(|i| hosts.item(i)?.dyn_into::<Element>().ok()) {
        if id_of(&host).is_none() {
            if let Err(e) = mount(&host, Options::default(), false) {
                gloo::console::error!("regdesk: could not mount", e);
            }
        }
    }
}

fn id_of(host: &Element) -> Option<u32> {
    ENTRIES.with(|e| e.borrow().iter().find(|x| &x.host == host).map(|x| x.id))
}

fn next_id() -> u32 {
    NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id.wrapping_add(1).max(1));
        id
    })
}

/// Mounts a widget on `host` (first unmounting the one already there) and
/// returns its id.
pub fn mount(host: &Element, options: Options, by_api: bool) -> Result<u32, JsValue> {
    if let Some(id) = id_of(host) {
        unmount(id);
    }
    let id = next_id();
    let init = MutationObserverInit::new();
    init.set_attributes(true);
    let attributes = Observer::new(host, &init, move |list: js_sys::Array| {
        let changed = records(&list)
            .filter_map(|r| r.attribute_name())
            .any(|name| name == "lang" || (name.starts_with("data-") && name != HOST_ATTRIBUTE));
        if changed {
            remount(id);
        }
    })?;
    let widget = Widget::render(host, &options)?;
    ENTRIES.with(|e| {
        e.borrow_mut().push(Entry {
            id,
            host: host.clone(),
            by_api,
            options,
            widget: Some(widget),
            _attributes: attributes,
        })
    });
    Ok(id)
}

/// Renders widget `id` again from its host's current attributes.
fn remount(id: u32) {
    let taken = ENTRIES.with(|e| {
        let mut entries = e.borrow_mut();
        let entry = entries.iter_mut().find(|x| x.id == id)?;
        Some((
            entry.widget.take(),
            entry.host.clone(),
            entry.options.clone(),
        ))
    });
    let Some((old, host, options)) = taken else {
        return;
    };
    if let Some(old) = old {
        old.destroy();
    }
    match Widget::render(&host, &options) {
        Ok(widget) => ENTRIES.with(|e| {
            if let Some(entry) = e.borrow_mut().iter_mut().find(|x| x.id == id) {
                entry.widget = Some(widget);
            }
        }),
        Err(e) => {
            gloo::console::error!("regdesk: could not mount", e);
            unmount(id);
        }
    }
}

/// Unmounts widget `id`; `false` when there is no such widget (any more).
pub fn unmount(id: u32) -> bool {
    let entry = ENTRIES.with(|e| {
        let mut entries = e.borrow_mut();
        let at = entries.iter().position(|x| x.id == id)?;
        Some(entries.remove(at))
    });
    match entry {
        Some(mut entry) => {
            if let Some(widget) = entry.widget.take() {
                widget.destroy();
            }
            // Dropping the entry disconnects its attribute observer.
            true
        }
        None => false,
    }
}

/// Unmounts the widgets whose host left the document, and those found by
/// their attribute that no longer have it.
fn sweep() {
    let gone: Vec<u32> = ENTRIES.with(|e| {
        e.borrow()
            .iter()
            .filter(|x| {
                !x.host.is_connected() || (!x.by_api && !x.host.has_attribute(HOST_ATTRIBUTE))
            })
            .map(|x| x.id)
            .collect()
    });
    for id in gone {
        unmount(id);
    }
}

/// The host elements of the mounted widgets, in mounting order.
pub fn hosts() -> Vec<Element> {
    ENTRIES.with(|e| e.borrow().iter().map(|x| x.host.clone()).collect())
}

// The loader's interface to the module (loader/regdesk.js). Not a public
// API in itself: `window.Regdesk` is.

/// `Regdesk.mount(element, options)`: the widget's id.
#[wasm_bindgen(js_name = regdeskMount)]
pub fn js_mount(host: JsValue, options: JsValue) -> Result<u32, JsValue> {
    let host = host.dyn_into::<Element>().map_err(|_| {
        js_sys::TypeError::new("Regdesk.mount: the first argument must be an element")
    })?;
    let options = Options::from_js(&options).map_err(|e| js_sys::TypeError::new(&e.to_string()))?;
    mount(&host, options, true)
}

/// `handle.unmount()`.
#[wasm_bindgen(js_name = regdeskUnmount)]
pub fn js_unmount(id: u32) -> bool {
    unmount(id)
}

/// `Regdesk.unmount(element)`.
#[wasm_bindgen(js_name = regdeskUnmountElement)]
pub fn js_unmount_element(host: JsValue) -> bool {
    host.dyn_ref::<Element>()
        .and_then(id_of)
        .is_some_and(unmount)
}

/// `Regdesk.widgets()`: the host elements of the mounted widgets.
#[wasm_bindgen(js_name = regdeskHosts)]
pub fn js_hosts() -> js_sys::Array {
    hosts().into_iter().collect()
}
