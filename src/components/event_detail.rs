//! One event in full: when, every place with its address and seats left,
//! online access, organisers, languages, the registration window, the
//! description, "Add to calendar", and the way to register.

use std::rc::Rc;

use chrono::Utc;
use regdesk_core::i18n::Key;
use regdesk_core::{availability, Event, Location, LocationKind};
use yew::prelude::*;

use super::add_to_calendar::AddToCalendar;
use super::availability_badge::AvailabilityBadge;
use super::content_language::ContentLanguage;
use super::description::Description;
use super::event_card::{category_label, languages, mode_key, status_note};
use super::when::When;
use crate::hooks::{use_ui, Ui};
use crate::platform::{intl, now};

#[derive(Properties, PartialEq)]
pub struct EventDetailProps {
    pub event: Rc<Event>,
    pub on_back: Callback<()>,
    pub on_register: Callback<String>,
    /// Shown alone (`data-event`): no way back to a list.
    #[prop_or_default]
    pub alone: bool,
}

fn location_item(ui: &Ui, event: &Event, l: &Location) -> Html {
    let virtual_place = l.kind == LocationKind::Virtual;
    let name = if virtual_place && l.name.is_empty() {
        ui.t(Key::Online).to_string()
    } else {
        ui.pick(&l.name).to_string()
    };
    let address = l.address.as_ref().map(|a| {
        let country = a.country.as_deref().map(|c| intl::country_name(c, ui.lang));
        [
            Some(a.one_line()).filter(|s| !s.is_empty() && *s != name),
            country,
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ")
    });
    let seats = match (l.remaining_capacity, l.max_capacity) {
        (Some(r), Some(m)) => Some(ui.tf(
            Key::Capacity,
            &[("remaining", &r.to_string()), ("max", &m.to_string())],
        )),
        (Some(r), None) => Some(ui.tf(Key::SeatsLeft, &[("count", &r.to_string())])),
        _ => None,
    };
    // A site's own state, when it says more than its seats left.
    let site_state = event
        .has_connection_sites()
        .then(|| availability::of_location(event, l, now()))
        .filter(|a| {
            matches!(
                a,
                availability::Availability::Full { .. } | availability::Availability::AlmostFull(_)
            )
        });
    html! {
        <li class={classes!("location", virtual_place.then_some("online"))}>
            <strong class="location-name">{ name }</strong>
            if let Some(address) = address.filter(|a| !a.is_empty()) {
                <span class="address">{ address }</span>
            }
            if let Some(seats) = seats { <span class="seats">{ seats }</span> }
            if let Some(state) = site_state { <AvailabilityBadge availability={state} /> }
            if virtual_place {
                <span class="online-note">{ ui.t(Key::OnlineAccess) }</span>
                if let Some(url) = &l.url {
                    <a href={url.clone()} target="_blank" rel="noopener noreferrer">
                        { ui.t(Key::OnlinePage) }<span class="visually-hidden">{ " " }{ ui.t(Key::OpensInNewTab) }</span>
                    </a>
                }
            }
        </li>
    }
}

/// "opens 1 Oct 2026 ..., closes 15 Nov 2026 ...", in the visitor's zone.
fn registration_window(ui: &Ui, event: &Event) -> Option<String> {
    let reg = event.registration.as_ref()?;
    let mut parts = Vec::new();
    if let Some(opens) = reg.opens {
        let date = intl::date_time(opens.with_timezone(&Utc), ui.lang);
        parts.push(ui.tf(Key::RegistrationOpens, &[("date", &date)]));
    }
    if let Some(closes) = reg.closes {
        let date = intl::date_time(closes.with_timezone(&Utc), ui.lang);
        parts.push(ui.tf(Key::RegistrationCloses, &[("date", &date)]));
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

#[component]
pub fn EventDetail(props: &EventDetailProps) -> Html {
    let ui = use_ui();
    let event = &props.event;
    let state = availability::of_event(event, now());
    let register = {
        let (id, on_register) = (event.id.clone(), props.on_register.clone());
        Callback::from(move |_: MouseEvent| on_register.emit(id.clone()))
    };
    let action = if ui.config.endpoint.is_none() || event.registration.is_none() {
        match &event.url {
            Some(url) => html! {
                <a class="button" part="button" href={url.clone()} target="_blank" rel="noopener noreferrer">
                    { ui.t(Key::MoreInformation) }<span class="visually-hidden">{ " " }{ ui.t(Key::OpensInNewTab) }</span>
                </a>
            },
            None => Html::default(),
        }
    } else if state.accepts_registrations() {
        html! { <button type="button" class="button" part="button" onclick={register}>{ ui.t(Key::Register) }</button> }
    } else {
        Html::default()
    };
    let organizers = event.organizers.iter().map(|o| match &o.url {
        Some(url) => html! {
            <a href={url.clone()} target="_blank" rel="noopener noreferrer">
                { ui.pick(&o.name) }<span class="visually-hidden">{ " " }{ ui.t(Key::OpensInNewTab) }</span>
            </a>
        },
        None => html! { <span>{ ui.pick(&o.name) }</span> },
    });
    let languages = languages(&ui, event);
    let window = registration_window(&ui, event);
    let (name, other) = ui.pick_own(&event.name, &event.languages);
    let (description, about_lang) = ui.pick_own(&event.description, &event.languages);
    let description = description.to_string();
    html! {
        <article class="detail" aria-labelledby="regdesk-detail-heading">
            if !props.alone {
                <button type="button" class="link back" onclick={props.on_back.reform(|_| ())}>
                    { "← " }{ ui.t(Key::BackToEvents) }
                </button>
            }
            if let Some(category) = &event.category {
                <p class="category">{ category_label(&ui, category) }</p>
            }
            <h2 id="regdesk-detail-heading" tabindex="-1" lang={other.map(str::to_string)}>{ name }</h2>
            if let Some(tag) = other.or(about_lang) {
                <ContentLanguage tag={tag.to_string()} />
            }
            <p class="status">
                if let Some(note) = status_note(event) {
                    <span class="badge info" part="badge">{ ui.t(note) }</span>
                }
                <AvailabilityBadge availability={state} />
            </p>
            <dl class="facts">
                <div><dt>{ ui.t(Key::WhenLabel) }</dt><dd><When event={event.clone()} /></dd></div>
                <div>
                    <dt>{ ui.t(Key::WhereLabel) }</dt>
                    <dd>
                        <p class="mode">{ ui.t(mode_key(event.attendance_mode)) }</p>
                        if !event.locations.is_empty() {
                            <ul class="locations" role="list">
                                { for event.locations.iter().map(|l| location_item(&ui, event, l)) }
                            </ul>
                        }
                    </dd>
                </div>
                if !event.organizers.is_empty() {
                    <div><dt>{ ui.t(Key::OrganisedBy) }</dt><dd class="organizers">{ for organizers }</dd></div>
                }
                if !languages.is_empty() {
                    <div><dt>{ ui.t(Key::LanguagesSpoken) }</dt><dd class="languages">{ languages }</dd></div>
                }
                if let Some(window) = window {
                    <div><dt>{ ui.t(Key::RegistrationLabel) }</dt><dd class="registration-window">{ window }</dd></div>
                }
            </dl>
            <div class="actions">{ action }</div>
            if !description.trim().is_empty() {
                <section class="about" aria-labelledby="regdesk-about">
                    <h3 id="regdesk-about">{ ui.t(Key::AboutEvent) }</h3>
                    <div lang={about_lang.map(str::to_string)}>
                        <Description text={AttrValue::from(description)} />
                    </div>
                </section>
            }
            <AddToCalendar event={event.clone()} />
        </article>
    }
}
