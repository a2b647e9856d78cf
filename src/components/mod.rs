//! What is seen: Yew function components, one a file. They read state and
//! the [`crate::hooks::Ui`] context, and report what the visitor does
//! through callbacks.

pub mod add_to_calendar;
pub mod app;
pub mod attendee_fields;
pub mod availability_badge;
pub mod browse;
pub mod calendar;
pub mod confirmation;
pub mod consent_fields;
pub mod content_language;
pub mod description;
pub mod error_summary;
pub mod event_card;
pub mod event_detail;
pub mod event_list;
pub mod feed_status;
pub mod filter_bar;
pub mod form_field;
pub mod honeypot;
pub mod outbox_notices;
pub mod preferences;
pub mod queued_notice;
pub mod registration_form;
pub mod site_choice;
pub mod submission_status;
pub mod when;
