//! The browser: mounting into host pages, HTTP, DOM events, `Intl`.

pub mod dom_events;
pub mod download;
pub mod history;
pub mod http;
pub mod intl;
pub mod mount;

/// Now, from the browser's clock.
pub fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}
