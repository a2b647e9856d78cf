//! The events that match, as cards grouped by month. A long catalogue is
//! shown a page at a time, so 5,000 events render as fast as 50.

use std::rc::Rc;

use regdesk_core::filter::by_month;
use regdesk_core::i18n::Key;
use regdesk_core::Event;
use yew::prelude::*;

use super::event_card::EventCard;
use crate::hooks::use_ui;
use crate::platform::intl;
use crate::state::Shared;

/// Cards shown at first, and added by each "Show more".
pub const PAGE: usize = 50;

#[derive(Properties, PartialEq)]
pub struct EventListProps {
    pub events: Shared<Vec<Rc<Event>>>,
    /// Indices into `events`, in the order to show.
    pub order: Shared<Vec<usize>>,
    pub on_open: Callback<String>,
}

#[component]
pub fn EventList(props: &EventListProps) -> Html {
    let ui = use_ui();
    let shown = use_state(|| PAGE);
    {
        // A new selection starts again at one page.
        let shown = shown.clone();
        use_effect_with(props.order.clone(), move |_| shown.set(PAGE));
    }
    let visible = props.order.len().min(*shown);
    let groups = by_month(
        &props.events,
        props.order.get(..visible).unwrap_or_default(),
    );
    let more = props.order.len() - visible;
    let show_more = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(*shown + PAGE))
    };
    html! {
        <div class="event-list">
            { for groups.into_iter().map(|(month, items)| {
                let heading_id = format!("regdesk-month-{month}");
                html! {
                    <section class="month" key={month.to_string()} aria-labelledby={heading_id.clone()}>
                        <h3 class="month-heading" id={heading_id}>{ intl::month_long(month, ui.lang) }</h3>
                        <ul class="cards" role="list">
                            { for items.into_iter().filter_map(|i| props.events.get(i)).map(|event| html! {
                                <li key={event.id.clone()}>
                                    <EventCard event={event.clone()} on_open={props.on_open.clone()} />
                                </li>
                            }) }
                        </ul>
                    </section>
                }
            }) }
            if more > 0 {
                <button type="button" class="button secondary more" part="button" onclick={show_more}>
                    { ui.tf(Key::ShowMore, &[("count", &more.to_string())]) }
                </button>
            }
        </div>
    }
}
