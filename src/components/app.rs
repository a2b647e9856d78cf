//! The widget's root: loads the catalogue and shows the current screen.

use std::rc::Rc;

use regdesk_core::i18n::Key;
use serde_json::json;
use web_sys::Element;
use yew::prelude::*;

use super::confirmation::ConfirmationView;
use super::event_detail::EventDetail;
use super::event_list::EventList;
use super::feed_status::FeedStatus;
use super::outbox_notices::OutboxNotices;
use super::registration_form::RegistrationForm;
use crate::hooks::{use_feed, use_outbox, OutboxHandle, Ui};
use crate::platform::dom_events;
use crate::platform::mount::WidgetConfig;
use crate::state::catalogue::Loading;
use crate::state::retry::RetryPolicy;
use crate::state::{CatalogueAction, CatalogueState, Confirmation, Screen};

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub config: WidgetConfig,
    /// The element the widget is mounted on, where DOM events are dispatched.
    pub host: Element,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let state = use_reducer(|| CatalogueState::new(props.config.event.clone()));
    use_feed(
        props.config.feed.clone(),
        state.generation,
        state.dispatcher(),
    );
    let ui = Ui {
        lang: props.config.lang,
        host: props.host.clone(),
        config: Rc::new(props.config.clone()),
    };

    let loaded = state.loading == Loading::Loaded;
    {
        let host = props.host.clone();
        use_effect_with(loaded, move |loaded| {
            if *loaded {
                dom_events::dispatch(&host, "ready", &json!({}));
            }
        });
    }

    let on_open = {
        let (state, host) = (state.clone(), props.host.clone());
        Callback::from(move |id: String| {
            dom_events::dispatch(&host, "select", &json!({ "eventId": id }));
            state.dispatch(CatalogueAction::Open(id));
        })
    };
    let on_register = {
        let state = state.clone();
        Callback::from(move |id: String| state.dispatch(CatalogueAction::Register(id)))
    };
    let on_back = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(CatalogueAction::Back))
    };
    let on_retry = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(CatalogueAction::Reload))
    };
    let on_done = {
        let state = state.clone();
        Callback::from(move |c: Confirmation| state.dispatch(CatalogueAction::Confirmed(c)))
    };
    // The outbox (issue 4) sends registrations that waited for the network;
    // one delivered while its form is on screen shows its confirmation.
    let screen = use_mut_ref(|| state.screen.clone());
    *screen.borrow_mut() = state.screen.clone();
    let on_delivered = {
        let (state, screen) = (state.clone(), screen.clone());
        Callback::from(move |c: Confirmation| {
            if *screen.borrow() == Screen::Register(c.event_id.clone()) {
                state.dispatch(CatalogueAction::Confirmed(c));
            }
        })
    };
    let policy = RetryPolicy::FORM.scaled(props.config.retry_base_ms, props.config.timeout_ms);
    let outbox = use_outbox(
        props.config.endpoint.clone(),
        props.host.clone(),
        policy,
        on_delivered,
    );
    let on_screen = match &state.screen {
        Screen::Register(id) => Some(id.clone()),
        Screen::Confirmed(c) => Some(c.event_id.clone()),
        _ => None,
    };

    let missing = || {
        html! {
            <section class="notice" role="status">
                <p>{ ui.t(Key::EventNotFound) }</p>
                <button type="button" class="button secondary" part="button" onclick={on_back.reform(|_| ())}>
                    { ui.t(Key::BackToEvents) }
                </button>
            </section>
        }
    };
    let body = match (&state.loading, &state.screen) {
        (Loading::Pending, _) => {
            html! { <FeedStatus failed={false} on_retry={on_retry.clone()} /> }
        }
        (Loading::Failed(_), _) => {
            html! { <FeedStatus failed={true} on_retry={on_retry.clone()} /> }
        }
        (Loading::Loaded, Screen::List) => html! {
            <EventList events={state.events.clone()} skipped={state.skipped} on_open={on_open.clone()} />
        },
        (Loading::Loaded, Screen::Event(id)) => match state.event(id) {
            Some(event) => html! {
                <EventDetail {event} on_back={on_back.clone()} on_register={on_register.clone()} />
            },
            None => missing(),
        },
        (Loading::Loaded, Screen::Register(id)) => match state.event(id) {
            Some(event) => {
                html! { <RegistrationForm {event} on_back={on_back.clone()} on_done={on_done.clone()} /> }
            }
            None => missing(),
        },
        (Loading::Loaded, Screen::Confirmed(confirmation)) => html! {
            <ConfirmationView
                confirmation={confirmation.clone()}
                event={state.event(&confirmation.event_id)}
                on_again={on_register.clone()}
                on_list={on_back.clone()} />
        },
    };
    html! {
        <ContextProvider<Ui> context={ui.clone()}>
            <ContextProvider<OutboxHandle> context={outbox.clone()}>
                <div class="regdesk" lang={ui.lang.tag()} part="root">
                    <OutboxNotices {outbox} {on_screen} />
                    { body }
                </div>
            </ContextProvider<OutboxHandle>>
        </ContextProvider<Ui>>
    }
}
