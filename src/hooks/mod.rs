//! Custom hooks: one a file, each joining state to the platform.

mod use_draft;
mod use_feed;
mod use_focus;
mod use_object_url;
mod use_outbox;
mod use_registration;
mod use_ui;

pub use use_draft::{load_draft, use_draft};
pub use use_feed::use_feed;
pub use use_focus::use_focus;
pub use use_object_url::use_object_url;
pub use use_outbox::{use_outbox, OutboxHandle};
pub use use_registration::use_registration;
pub use use_ui::{use_ui, Ui};
