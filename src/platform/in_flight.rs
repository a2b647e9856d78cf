//! Idempotency-Keys being sent from this page right now, so that the form
//! and the outbox (or two widgets with one endpoint) never send the same
//! registration at the same time. Across tabs the key itself keeps a second
//! send harmless: the endpoint answers it as a replay.

use std::cell::RefCell;
use std::collections::HashSet;

thread_local! {
    static KEYS: RefCell<HashSet<String>> = RefCell::new(HashSet::new());
}

/// Takes `key` for sending; `false` when it is already being sent.
pub fn claim(key: &str) -> bool {
    KEYS.with(|k| k.borrow_mut().insert(key.to_string()))
}

pub fn release(key: &str) {
    KEYS.with(|k| {
        k.borrow_mut().remove(key);
    });
}
