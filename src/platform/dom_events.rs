//! The DOM events of contract section 1, dispatched on the host element.
//! Their `detail` never holds personal data.

use serde::Serialize;
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, Element};

/// Dispatches `regdesk:<name>` with `detail`, bubbling out of the shadow root.
pub fn dispatch(host: &Element, name: &str, detail: &impl Serialize) {
    let detail = detail
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL);
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(&format!("regdesk:{name}"), &init) {
        let _ = host.dispatch_event(&event);
    }
}
