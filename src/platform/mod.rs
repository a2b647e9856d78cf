//! The browser: mounting into host pages, HTTP, DOM events, `Intl`.

pub mod dom_events;
pub mod download;
pub mod history;
pub mod http;
pub mod intl;
pub mod mount;
pub mod seo;
pub mod widgets;

/// Now, from the browser's clock.
pub fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
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
