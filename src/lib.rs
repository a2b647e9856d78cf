//! The Regdesk widget: an event catalogue and registration form that mounts
//! itself into every `[data-regdesk]` element of a host page.
//!
//! - [`state`]: what the widget knows, as pure reducers (testable natively);
//! - [`components`]: what is seen, as Yew function components;
//! - [`hooks`]: glue between the two and the platform;
//! - [`platform`]: the browser: mounting, HTTP, DOM events, time formatting.

pub mod components;
pub mod hooks;
pub mod platform;
pub mod state;

pub use platform::mount::{mount_all, WidgetConfig};
