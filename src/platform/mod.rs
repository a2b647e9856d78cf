//! The browser: mounting, HTTP, DOM events, `Intl`, storage, the network.

pub mod delivery;
pub mod dom_events;
pub mod download;
pub mod history;
pub mod http;
pub mod in_flight;
pub mod intl;
pub mod mount;
pub mod network;
pub mod seo;
pub mod storage;
pub mod widgets;

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

/// A random UUID version 4 (the registration's idempotency key), from
/// `crypto.getRandomValues`, which unlike `crypto.randomUUID` exists on
/// plain-http pages too; `Math.random` only if even that is missing.
pub fn random_uuid() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        for b in &mut bytes {
            *b = (random() * 256.0) as u8;
        }
    }
    regdesk_core::id::uuid_v4(bytes)
}

/// Waits `ms` milliseconds.
pub async fn sleep(ms: u64) {
    gloo_timers::future::TimeoutFuture::new(ms.min(u64::from(u32::MAX)) as u32).await;
}

/// `performance.mark(name)`, for the benchmark (`cargo xtask bench`) and
/// for anyone profiling the widget on a real page; costs nothing measurable.
pub fn mark(name: &str) {
    use wasm_bindgen::JsCast;
    let Ok(performance) = js_sys::Reflect::get(&js_sys::global(), &"performance".into()) else {
        return;
    };
    if let Some(f) = js_sys::Reflect::get(&performance, &"mark".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    {
        let _ = f.call1(&performance, &name.into());
    }
}
