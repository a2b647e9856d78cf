//! Whether the browser thinks it is online, and word when it comes back.

use gloo::events::EventListener;

/// `navigator.onLine`; `true` when unknown. A `true` is only a hint (a
/// captive portal is "online"), a `false` is reliable.
pub fn is_online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// Calls `then` each time the window's `online` event fires, for as long as
/// the returned listener is kept.
pub fn on_online(then: impl FnMut() + 'static) -> Option<EventListener> {
    let window = web_sys::window()?;
    let mut then = then;
    Some(EventListener::new(&window, "online", move |_| then()))
}
