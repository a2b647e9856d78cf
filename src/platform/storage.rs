//! The browser's storage, for drafts and the outbox (docs/registration.md
//! says what is kept where, and why).
//!
//! - Drafts live in `sessionStorage`: they survive a reload and a crash of
//!   the tab, and vanish when the browser is closed, so the next person on a
//!   shared computer does not find them.
//! - The outbox lives in `localStorage`: a registration waiting for the
//!   connection must survive closing the browser; only what sending needs is
//!   kept, and it is removed as soon as the endpoint has answered.
//!
//! Storage can be missing, full or forbidden (private modes, sandboxed
//! frames): every call here fails quietly, and the widget works on without.

use web_sys::Storage;

use crate::state::outbox::Outbox;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    /// `localStorage`
    Local,
    /// `sessionStorage`
    Session,
}

fn storage(area: Area) -> Option<Storage> {
    let window = web_sys::window()?;
    match area {
        Area::Local => window.local_storage(),
        Area::Session => window.session_storage(),
    }
    .ok()
    .flatten()
}

pub fn get(area: Area, key: &str) -> Option<String> {
    storage(area)?.get_item(key).ok().flatten()
}

/// Whether it was stored.
pub fn set(area: Area, key: &str, value: &str) -> bool {
    storage(area).is_some_and(|s| s.set_item(key, value).is_ok())
}

pub fn remove(area: Area, key: &str) {
    if let Some(s) = storage(area) {
        let _ = s.remove_item(key);
    }
}

/// The endpoint as an absolute URL, so that one endpoint has one outbox and
/// one set of drafts whichever page of the site the widget is on.
fn endpoint_id(endpoint: &str) -> String {
    let base = web_sys::window().and_then(|w| w.location().href().ok());
    base.and_then(|b| web_sys::Url::new_with_base(endpoint, &b).ok())
        .map(|u| u.href())
        .unwrap_or_else(|| endpoint.to_string())
}

/// Where the draft of the form for one event is kept (session storage).
pub fn draft_key(endpoint: &str, event_id: &str) -> String {
    format!("regdesk:draft:v1:{}:{event_id}", endpoint_id(endpoint))
}

/// Where the outbox of one endpoint is kept (local storage).
pub fn outbox_key(endpoint: &str) -> String {
    format!("regdesk:outbox:v1:{}", endpoint_id(endpoint))
}

/// The outbox of `endpoint` as stored now.
pub fn load_outbox(endpoint: &str) -> Outbox {
    Outbox::parse(get(Area::Local, &outbox_key(endpoint)).as_deref())
}

/// Reads, changes and writes back the outbox of `endpoint` (read afresh each
/// time: another widget or tab may have changed it); an empty one is removed.
pub fn update_outbox(endpoint: &str, change: impl FnOnce(&mut Outbox)) -> Outbox {
    let key = outbox_key(endpoint);
    let mut outbox = Outbox::parse(get(Area::Local, &key).as_deref());
    change(&mut outbox);
    if outbox.entries.is_empty() {
        remove(Area::Local, &key);
    } else if !set(Area::Local, &key, &outbox.to_json()) {
        gloo::console::warn!("regdesk: the outbox could not be saved in this browser");
    }
    outbox
}
