//! The page's URL hash and session history. Only the fragment is ever
//! changed (path and query stay as they are), and the host router's
//! `history.state` is carried over to the entries the widget makes.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// `location.hash`, without its `#`.
pub fn hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

/// Makes `hash` (without `#`) the URL's fragment: a new history entry when
/// `push`, else in place.
pub fn set_hash(hash: &str, push: bool) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let (Ok(path), Ok(search)) = (location.pathname(), location.search()) else {
        return;
    };
    let url = if hash.is_empty() {
        format!("{path}{search}")
    } else {
        format!("{path}{search}#{hash}")
    };
    let Ok(history) = window.history() else {
        return;
    };
    let state = history.state().unwrap_or(JsValue::NULL);
    let _ = if push {
        history.push_state_with_url(&state, "", Some(&url))
    } else {
        history.replace_state_with_url(&state, "", Some(&url))
    };
}

/// Calls `f` on Back, Forward and hash changes until the guard is dropped.
pub struct Listener {
    closure: Closure<dyn FnMut(web_sys::Event)>,
}

impl Listener {
    pub fn new(f: impl FnMut() + 'static) -> Self {
        let mut f = f;
        let closure = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| f());
        if let Some(window) = web_sys::window() {
            for name in ["popstate", "hashchange"] {
                let _ =
                    window.add_event_listener_with_callback(name, closure.as_ref().unchecked_ref());
            }
        }
        Self { closure }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            for name in ["popstate", "hashchange"] {
                let _ = window.remove_event_listener_with_callback(
                    name,
                    self.closure.as_ref().unchecked_ref(),
                );
            }
        }
    }
}
