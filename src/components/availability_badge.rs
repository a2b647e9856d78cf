//! Whether an event (or one site) takes registrations, in words.

use regdesk_core::i18n::Key;
use regdesk_core::Availability;
use yew::prelude::*;

use crate::hooks::{use_ui, Ui};
use crate::platform::intl;

/// The words and the tone (a CSS class) for an availability.
pub fn describe(ui: &Ui, availability: Availability) -> (String, &'static str) {
    match availability {
        Availability::Cancelled => (ui.t(Key::Cancelled).into(), "bad"),
        Availability::Postponed => (ui.t(Key::Postponed).into(), "warn"),
        Availability::BrowseOnly => (String::new(), ""),
        Availability::NotYetOpen(opens) => {
            let date = intl::date_time(opens.with_timezone(&chrono::Utc), ui.lang);
            (ui.tf(Key::OpensOn, &[("date", &date)]), "info")
        }
        Availability::Closed => (ui.t(Key::RegistrationClosed).into(), "muted"),
        Availability::Full { waitlist: true } => (ui.t(Key::FullWaitlist).into(), "warn"),
        Availability::Full { waitlist: false } => (ui.t(Key::Full).into(), "bad"),
        Availability::AlmostFull(n) => {
            (ui.tf(Key::AlmostFull, &[("count", &n.to_string())]), "warn")
        }
        Availability::Open(Some(n)) => {
            (ui.tf(Key::SeatsLeft, &[("count", &n.to_string())]), "good")
        }
        Availability::Open(None) => (String::new(), ""),
    }
}

#[derive(Properties, PartialEq)]
pub struct BadgeProps {
    pub availability: Availability,
}

#[component]
pub fn AvailabilityBadge(props: &BadgeProps) -> Html {
    let ui = use_ui();
    let (text, tone) = describe(&ui, props.availability);
    if text.is_empty() {
        return Html::default();
    }
    html! { <span class={classes!("badge", tone)} part="badge">{ text }</span> }
}
