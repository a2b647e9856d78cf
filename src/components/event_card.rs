//! One event in the list: what, when, where, and whether seats are left.

use std::rc::Rc;

use regdesk_core::i18n::Key;
use regdesk_core::{availability, AttendanceMode, Event, EventStatus, LocationKind};
use yew::prelude::*;

use super::availability_badge::AvailabilityBadge;
use super::content_language::ContentLanguage;
use super::when::When;
use crate::hooks::{use_ui, Ui};
use crate::platform::{intl, now};

/// The places of an event, one line: "Hà Nội (Viet Nam) · Vientiane (Laos)".
/// Online access is said by the attendance mode, not here.
pub fn places(ui: &Ui, event: &Event) -> String {
    event
        .locations
        .iter()
        .filter(|l| l.kind != LocationKind::Virtual)
        .map(|l| {
            let name = ui.pick(&l.name).to_string();
            let locality = l.address.as_ref().and_then(|a| a.locality.clone());
            let place = match locality {
                Some(city) if !name.contains(&city) && !name.is_empty() => {
                    format!("{name}, {city}")
                }
                Some(city) if name.is_empty() => city,
                _ => name,
            };
            match l.address.as_ref().and_then(|a| a.country.as_deref()) {
                Some(code) => format!("{place} ({})", intl::country_name(code, ui.lang)),
                None => place,
            }
        })
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A category in the visitor's language: the contract's six are translated,
/// any other is shown as the feed wrote it.
pub fn category_label(ui: &Ui, category: &str) -> String {
    let key = match category.to_ascii_lowercase().as_str() {
        "conference" => Key::CategoryConference,
        "meeting" => Key::CategoryMeeting,
        "seminar" => Key::CategorySeminar,
        "workshop" => Key::CategoryWorkshop,
        "training" => Key::CategoryTraining,
        "forum" => Key::CategoryForum,
        _ => return category.to_string(),
    };
    ui.t(key).to_string()
}

/// The languages spoken at the event, named in the visitor's language.
pub fn languages(ui: &Ui, event: &Event) -> String {
    event
        .languages
        .iter()
        .map(|tag| intl::language_name(tag, ui.lang))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A change to the event's schedule that the availability does not say.
pub fn status_note(event: &Event) -> Option<Key> {
    match event.status {
        EventStatus::Rescheduled => Some(Key::Rescheduled),
        EventStatus::MovedOnline => Some(Key::MovedOnline),
        _ => None,
    }
}

pub fn mode_key(mode: AttendanceMode) -> Key {
    match mode {
        AttendanceMode::Offline => Key::ModeOffline,
        AttendanceMode::Online => Key::ModeOnline,
        AttendanceMode::Mixed => Key::ModeMixed,
    }
}

#[derive(Properties, PartialEq)]
pub struct EventCardProps {
    pub event: Rc<Event>,
    pub on_open: Callback<String>,
}

#[component]
pub fn EventCard(props: &EventCardProps) -> Html {
    let ui = use_ui();
    let event = &props.event;
    let open = {
        let (id, on_open) = (event.id.clone(), props.on_open.clone());
        Callback::from(move |_: MouseEvent| on_open.emit(id.clone()))
    };
    let places = places(&ui, event);
    let organizers = event
        .organizers
        .iter()
        .map(|o| ui.pick(&o.name))
        .collect::<Vec<_>>()
        .join(", ");
    let languages = languages(&ui, event);
    let (name, other) = ui.pick_own(&event.name, &event.languages);
    html! {
        <article class="card" part="card" data-event-id={event.id.clone()}>
            if let Some(category) = &event.category {
                <p class="category">{ category_label(&ui, category) }</p>
            }
            <h4 class="card-title">
                <button type="button" class="link" onclick={open} lang={other.map(str::to_string)}>{ name }</button>
            </h4>
            if let Some(tag) = other {
                <ContentLanguage tag={tag.to_string()} />
            }
            <When event={event.clone()} />
            if !places.is_empty() {
                <p class="where">{ places }</p>
            }
            <p class="meta">
                <span class="mode">{ ui.t(mode_key(event.attendance_mode)) }</span>
                if !languages.is_empty() {
                    <span class="languages"><span class="visually-hidden">{ ui.t(Key::LanguagesSpoken) }{ ": " }</span>{ languages }</span>
                }
            </p>
            if !organizers.is_empty() {
                <p class="organizer"><span class="visually-hidden">{ ui.t(Key::OrganisedBy) }{ ": " }</span>{ organizers }</p>
            }
            <p class="status">
                if let Some(note) = status_note(event) {
                    <span class="badge info" part="badge">{ ui.t(note) }</span>
                }
                <AvailabilityBadge availability={availability::of_event(event, now())} />
            </p>
        </article>
    }
}
