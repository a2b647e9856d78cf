//! Custom hooks: one a file, each joining state to the platform.

mod use_feed;
mod use_jsonld;
mod use_registration;
mod use_ui;
mod use_url_hash;

pub use use_feed::use_feed;
pub use use_jsonld::use_jsonld;
pub use use_registration::use_registration;
pub use use_ui::{use_ui, Ui};
pub use use_url_hash::{hash_key, initial_state, use_url_hash};
