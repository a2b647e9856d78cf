//! The catalogue: upcoming events as cards.

use std::rc::Rc;

use regdesk_core::i18n::Key;
use regdesk_core::Event;
use yew::prelude::*;

use super::event_card::EventCard;
use crate::hooks::use_ui;
use crate::platform::now;

#[derive(Properties, PartialEq)]
pub struct EventListProps {
    pub events: Rc<Vec<Rc<Event>>>,
    pub skipped: usize,
    pub on_open: Callback<String>,
}

#[component]
pub fn EventList(props: &EventListProps) -> Html {
    let ui = use_ui();
    let now = now();
    let upcoming: Vec<&Rc<Event>> = props.events.iter().filter(|e| e.ends_at() >= now).collect();
    html! {
        <section class="event-list" aria-labelledby="regdesk-events-heading">
            <h2 id="regdesk-events-heading" tabindex="-1">{ ui.t(Key::EventsHeading) }</h2>
            if props.skipped > 0 {
                <p class="notice muted">{ ui.tf(Key::SkippedEntries, &[("count", &props.skipped.to_string())]) }</p>
            }
            if upcoming.is_empty() {
                <p class="empty">{ ui.t(Key::NoEvents) }</p>
            } else {
                <ul class="cards" role="list">
                    { for upcoming.into_iter().map(|event| html! {
                        <li key={event.id.clone()}>
                            <EventCard event={event.clone()} on_open={props.on_open.clone()} />
                        </li>
                    }) }
                </ul>
            }
        </section>
    }
}
