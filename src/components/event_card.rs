//! One event in the list: what, when, where, and whether seats are left.

use std::rc::Rc;

use regdesk_core::i18n::Key;
use regdesk_core::{availability, AttendanceMode, Event, LocationKind};
use yew::prelude::*;

use super::availability_badge::AvailabilityBadge;
use super::when::When;
use crate::hooks::{use_ui, Ui};
use crate::platform::{intl, now};

/// The places of an event, one line: "Hà Nội (Viet Nam) · Vientiane (Laos) · Online".
pub fn places(ui: &Ui, event: &Event) -> String {
    event
        .locations
        .iter()
        .map(|l| {
            if l.kind == LocationKind::Virtual {
                return ui.t(Key::Online).to_string();
            }
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
    html! {
        <article class="card" part="card">
            <h3 class="card-title">
                <button type="button" class="link" onclick={open}>{ ui.pick(&event.name) }</button>
            </h3>
            <When event={event.clone()} />
            if !places.is_empty() {
                <p class="where">{ places }</p>
            }
            <p class="meta">
                <span class="mode">{ ui.t(mode_key(event.attendance_mode)) }</span>
                if let Some(org) = event.organizers.first() {
                    <span class="organizer">{ ui.pick(&org.name) }</span>
                }
            </p>
            <AvailabilityBadge availability={availability::of_event(event, now())} />
        </article>
    }
}
