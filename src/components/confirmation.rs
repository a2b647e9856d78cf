//! After a 2xx: confirmed or on the waiting list, the reference, what
//! happens next, the calendar, and "register someone else".

use std::rc::Rc;

use regdesk_core::i18n::Key;
use regdesk_core::{Event, LocationKind};
use yew::prelude::*;

use super::add_to_calendar::AddToCalendar;
use crate::hooks::{use_focus, use_ui};
use crate::state::Confirmation;

#[derive(Properties, PartialEq)]
pub struct ConfirmationProps {
    pub confirmation: Confirmation,
    pub event: Option<Rc<Event>>,
    pub on_again: Callback<String>,
    pub on_list: Callback<()>,
}

/// The event as the visitor will attend it: only the site they chose.
fn as_attended(event: &Event, location_id: Option<&str>) -> Event {
    let mut e = event.clone();
    if let Some(id) = location_id {
        if e.location(id).is_some() {
            e.locations.retain(|l| l.id.as_deref() == Some(id));
        }
    }
    e
}

#[component]
pub fn ConfirmationView(props: &ConfirmationProps) -> Html {
    let ui = use_ui();
    let c = &props.confirmation;
    let (title, next) = match c.status.as_str() {
        "waitlisted" => (Key::WaitlistedTitle, Key::WaitlistedNext),
        "confirmed" => (Key::ConfirmedTitle, Key::ConfirmedNext),
        _ => (Key::PendingTitle, Key::PendingNext),
    };
    let heading = use_node_ref();
    use_focus(heading.clone(), (), true);
    let again = {
        let (id, on_again) = (c.event_id.clone(), props.on_again.clone());
        Callback::from(move |_: MouseEvent| on_again.emit(id.clone()))
    };
    let attended = props
        .event
        .as_ref()
        .map(|e| Rc::new(as_attended(e, c.location_id.as_deref())));
    let place = attended
        .as_ref()
        .filter(|_| {
            props
                .event
                .as_ref()
                .is_some_and(|e| e.has_connection_sites())
        })
        .and_then(|e| e.locations.first())
        .map(|l| {
            if l.kind == LocationKind::Virtual && l.name.is_empty() {
                ui.t(Key::Online).to_string()
            } else {
                ui.pick(&l.name).to_string()
            }
        });
    html! {
        <section class={classes!("confirmation", c.status.clone())} part="confirmation">
            <h2 tabindex="-1" ref={heading}>{ ui.t(title) }</h2>
            if let Some(event) = &props.event { <p class="event-name">{ ui.pick(&event.name) }</p> }
            if let Some(place) = place { <p class="place">{ ui.tf(Key::YourPlace, &[("place", &place)]) }</p> }
            if !c.reference.is_empty() {
                <p class="reference">
                    { ui.t(Key::YourReference) }{ ": " }<strong data-reference={c.reference.clone()}>{ &c.reference }</strong>
                </p>
            }
            <p>{ ui.t(next) }</p>
            if let Some(event) = attended { <AddToCalendar {event} /> }
            <div class="actions">
                <button type="button" class="button" part="button" onclick={again}>{ ui.t(Key::RegisterAnother) }</button>
                <button type="button" class="button secondary" part="button" onclick={props.on_list.reform(|_| ())}>
                    { ui.t(Key::BackToEvents) }
                </button>
            </div>
        </section>
    }
}
