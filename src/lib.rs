//! The Regdesk widget: an event catalogue and registration form that mounts
//! itself into every `[data-regdesk]` element of a host page, now and later
//! (see [`platform::widgets`]).
//!
//! - [`state`]: what the widget knows, as pure reducers (testable natively);
//! - [`components`]: what is seen, as Yew function components;
//! - [`hooks`]: glue between the two and the platform;
//! - [`platform`]: the browser: mounting, HTTP, DOM events, time formatting.

pub mod components;
pub mod hooks;
pub mod platform;
pub mod state;

pub use platform::mount::WidgetConfig;
pub use platform::widgets::{mount_all, start};
