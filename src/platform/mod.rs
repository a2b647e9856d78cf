//! The browser: mounting, HTTP, DOM events, `Intl`, storage, the network.

pub mod delivery;
pub mod dom_events;
pub mod download;
pub mod http;
pub mod in_flight;
pub mod intl;
pub mod mount;
pub mod network;
pub mod storage;

/// Now, from the browser's clock.
pub fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_millis(now_ms() as i64).unwrap_or_default()
}

/// Now, in milliseconds since the Unix epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// A number uniform in [0, 1), for retry jitter.
pub fn random() -> f64 {
    js_sys::Math::random()
}

/// Waits `ms` milliseconds.
pub async fn sleep(ms: u64) {
    gloo_timers::future::TimeoutFuture::new(ms.min(u64::from(u32::MAX)) as u32).await;
}
