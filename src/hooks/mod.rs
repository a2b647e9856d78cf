//! Custom hooks: one a file, each joining state to the platform.

mod use_draft;
mod use_feed;
mod use_focus;
mod use_jsonld;
mod use_object_url;
mod use_outbox;
mod use_registration;
mod use_ui;
mod use_url_hash;
mod use_view_focus;

pub use use_draft::{load_draft, use_draft};
pub use use_feed::use_feed;
pub use use_focus::use_focus;
pub use use_jsonld::use_jsonld;
pub use use_object_url::use_object_url;
pub use use_outbox::{use_outbox, OutboxHandle};
pub use use_registration::use_registration;
pub use use_ui::{use_ui, Ui};
pub use use_url_hash::{hash_key, initial_state, use_url_hash};
pub use use_view_focus::use_view_focus;
