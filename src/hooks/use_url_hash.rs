//! Keeps what the visitor sees in the URL hash, under the widget's own key
//! (`#regdesk=...`), so a link reopens the same view and Back works. Opening
//! or closing an event and switching list/calendar make history entries;
//! typing and filtering update the current one. `data-history="off"` (and a
//! widget showing one event alone) leaves the URL untouched.

use std::cell::RefCell;
use std::rc::Rc;

use regdesk_core::route::{decode, encode, read, write, ViewState};
use yew::prelude::*;

use crate::platform::history;
use crate::platform::mount::WidgetConfig;

/// Whether the widget may use the URL, and its key there.
pub fn hash_key(config: &WidgetConfig) -> Option<String> {
    let off = config.history_off || config.event.is_some();
    (!off).then(|| {
        if config.hash_key.is_empty() {
            "regdesk".to_string()
        } else {
            config.hash_key.clone()
        }
    })
}

/// The state to start in: the hash's, else the presets.
pub fn initial_state(config: &WidgetConfig, presets: &ViewState) -> ViewState {
    hash_key(config)
        .and_then(|key| read(&history::hash(), &key))
        .map(|value| decode(&value))
        .unwrap_or_else(|| presets.clone())
}

fn state_in_hash(key: &str, presets: &ViewState) -> ViewState {
    read(&history::hash(), key)
        .map(|value| decode(&value))
        .unwrap_or_else(|| presets.clone())
}

/// Writes `current` into the hash when it changes, and calls `on_restore`
/// with the hash's state on Back, Forward and hash edits.
#[hook]
pub fn use_url_hash(
    config: &WidgetConfig,
    presets: Rc<ViewState>,
    current: ViewState,
    on_restore: Callback<ViewState>,
) {
    let key = hash_key(config);
    let latest: Rc<RefCell<ViewState>> = use_mut_ref(|| current.clone());
    {
        let (key, presets, latest) = (key.clone(), presets.clone(), latest.clone());
        use_effect_with(current, move |current| {
            let before = latest.replace(current.clone());
            if let Some(key) = key {
                let value = (*current != *presets).then(|| encode(current));
                let hash = history::hash();
                if read(&hash, &key) != value {
                    // A new place to go Back from: another event or view.
                    let push = before.event != current.event || before.view != current.view;
                    history::set_hash(&write(&hash, &key, value.as_deref()), push);
                }
            }
        });
    }
    use_effect_with(key, move |key| {
        let listener = key.clone().map(|key| {
            history::Listener::new(move || {
                let state = state_in_hash(&key, &presets);
                if *latest.borrow() != state {
                    on_restore.emit(state);
                }
            })
        });
        move || drop(listener)
    });
}
