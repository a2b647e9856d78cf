//! One event in full, with the way to register.

use std::rc::Rc;

use regdesk_core::i18n::Key;
use regdesk_core::{availability, Event, LocationKind};
use yew::prelude::*;

use super::availability_badge::AvailabilityBadge;
use super::event_card::mode_key;
use super::when::When;
use crate::hooks::use_ui;
use crate::platform::{intl, now};

#[derive(Properties, PartialEq)]
pub struct EventDetailProps {
    pub event: Rc<Event>,
    pub on_back: Callback<()>,
    pub on_register: Callback<String>,
}

#[component]
pub fn EventDetail(props: &EventDetailProps) -> Html {
    let ui = use_ui();
    let event = &props.event;
    let now = now();
    let state = availability::of_event(event, now);
    let register = {
        let (id, on_register) = (event.id.clone(), props.on_register.clone());
        Callback::from(move |_: MouseEvent| on_register.emit(id.clone()))
    };
    // Plain paragraphs until the CommonMark renderer lands; text only, never HTML.
    let description = ui.pick(&event.description).to_string();
    let action = if ui.config.endpoint.is_none() || event.registration.is_none() {
        match &event.url {
            Some(url) => html! {
                <a class="button" part="button" href={url.clone()} target="_blank" rel="noopener noreferrer">
                    { ui.t(Key::MoreInformation) }
                </a>
            },
            None => Html::default(),
        }
    } else if state.accepts_registrations() {
        html! { <button type="button" class="button" part="button" onclick={register}>{ ui.t(Key::Register) }</button> }
    } else {
        Html::default()
    };
    html! {
        <article class="detail" aria-labelledby="regdesk-detail-heading">
            <button type="button" class="link back" onclick={props.on_back.reform(|_| ())}>
                { "← " }{ ui.t(Key::BackToEvents) }
            </button>
            <h2 id="regdesk-detail-heading" tabindex="-1">{ ui.pick(&event.name) }</h2>
            <When event={event.clone()} />
            <p class="meta"><span class="mode">{ ui.t(mode_key(event.attendance_mode)) }</span></p>
            <AvailabilityBadge availability={state} />
            <ul class="locations" role="list">
                { for event.locations.iter().map(|l| {
                    let name = if l.kind == LocationKind::Virtual && l.name.is_empty() {
                        ui.t(Key::Online).to_string()
                    } else {
                        ui.pick(&l.name).to_string()
                    };
                    let address = l.address.as_ref().map(|a| {
                        let country = a.country.as_deref().map(|c| intl::country_name(c, ui.lang));
                        [Some(a.one_line()).filter(|s| !s.is_empty()), country].into_iter().flatten().collect::<Vec<_>>().join(", ")
                    });
                    let seats = match (l.remaining_capacity, l.max_capacity) {
                        (Some(r), Some(m)) if event.has_connection_sites() => Some(ui.tf(Key::Capacity, &[("remaining", &r.to_string()), ("max", &m.to_string())])),
                        _ => None,
                    };
                    html! {
                        <li class="location">
                            <strong>{ name }</strong>
                            if let Some(address) = address { <span class="address">{ address }</span> }
                            if let Some(seats) = seats { <span class="seats">{ seats }</span> }
                        </li>
                    }
                }) }
            </ul>
            if !event.organizers.is_empty() {
                <p class="organizers">
                    { ui.t(Key::OrganisedBy) }{ ": " }
                    { event.organizers.iter().map(|o| ui.pick(&o.name).to_string()).collect::<Vec<_>>().join(", ") }
                </p>
            }
            if !event.languages.is_empty() {
                <p class="languages">{ ui.t(Key::LanguagesSpoken) }{ ": " }{ event.languages.join(", ") }</p>
            }
            <div class="description">
                { for description.split("\n\n").filter(|p| !p.trim().is_empty()).map(|p| html! { <p>{ p.trim() }</p> }) }
            </div>
            <div class="actions">{ action }</div>
        </article>
    }
}
