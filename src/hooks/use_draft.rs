//! The form's draft, saved in session storage as the visitor types, so that
//! a reload or a crash of the tab loses nothing (docs/registration.md).

use yew::prelude::*;

use crate::platform::storage::{self, Area};
use crate::state::form::Draft;

/// The draft saved under `key`, if any and readable. (Read through
/// `serde_json::Value`, as the outbox is: one deserializer in the wasm.)
pub fn load_draft(key: &str) -> Option<Draft> {
    let value =
        serde_json::from_str::<serde_json::Value>(&storage::get(Area::Session, key)?).ok()?;
    serde_json::from_value(value).ok()
}

/// Forgets the draft under `key` (once the registration is delivered).
pub fn clear_draft(key: &str) {
    storage::remove(Area::Session, key);
}

/// Saves `draft` under `key` whenever it changes; a blank form is not saved.
#[hook]
pub fn use_draft(key: Option<String>, draft: Draft) {
    use_effect_with((key, draft), |(key, draft)| {
        if let Some(key) = key {
            if draft.is_blank() {
                clear_draft(key);
            } else if let Ok(text) = serde_json::to_string(draft) {
                storage::set(Area::Session, key, &text);
            }
        }
    });
}
