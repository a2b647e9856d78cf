//! Regdesk's pure logic, shared by the widget (compiled to wasm) and the
//! reference server, so that both read feeds and validate registrations alike.
//!
//! Nothing here touches the browser or the network: every function takes its
//! inputs (including "now") as arguments, which keeps it testable natively.

pub mod availability;
pub mod calendar;
pub mod country;
pub mod event;
pub mod feed;
pub mod filter;
pub mod form;
pub mod i18n;
pub mod ics;
pub mod id;
pub mod jsonld;
pub mod markdown;
pub mod pattern;
pub mod registration;
pub mod route;
pub mod search;
pub mod text;
pub mod urlencoded;

pub use availability::Availability;
pub use event::{
    Address, AttendanceMode, Event, EventStatus, EventTime, Location, LocationKind, Organizer,
    RegistrationSettings,
};
pub use feed::{parse_feed, parse_feed_value, parse_jsonld_blocks, Feed, FeedError, SkippedEntry};
pub use form::{default_fields, FieldType, FormField};
pub use i18n::{Key, Lang};
pub use registration::{Attendee, ConsentRecord, FieldError, RegistrationRequest, ValidationCode};
pub use text::LocalizedText;

/// The value of the `widget` member the widget sends with each registration.
pub const WIDGET_ID: &str = concat!("regdesk/", env!("CARGO_PKG_VERSION"));
