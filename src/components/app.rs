//! The widget's root: loads the catalogue and shows the current screen.

use std::rc::Rc;

use regdesk_core::i18n::Key;
use serde_json::json;
use web_sys::Element;
use yew::prelude::*;

use super::browse::Browse;
use super::confirmation::ConfirmationView;
use super::event_detail::EventDetail;
use super::feed_status::FeedStatus;
use super::outbox_notices::OutboxNotices;
use super::preferences::Preferences;
use super::registration_form::RegistrationForm;
use crate::hooks::{
    initial_state, use_feed, use_jsonld, use_outbox, use_url_hash, use_view_focus, OutboxHandle, Ui,
};
use crate::platform::mount::WidgetConfig;
use crate::platform::storage::{self, Area};
use crate::platform::{dom_events, now};
use crate::state::browse::presets;
use crate::state::catalogue::Loading;
use crate::state::retry::RetryPolicy;
use crate::state::{
    BrowseAction, BrowseState, CatalogueAction, CatalogueState, Confirmation, Screen, Shared,
};

/// Where the visitor's language and zone choices are kept (localStorage).
const LANG_KEY: &str = "regdesk:lang";
const ZONE_KEY: &str = "regdesk:zone";

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub config: WidgetConfig,
    /// The element the widget is mounted on, where DOM events are dispatched.
    pub host: Element,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    // Where to start: a link's hash, else the embed attributes.
    let presets = use_memo((), |_| presets(&props.config));
    let initial = use_memo((), |_| initial_state(&props.config, &presets));
    let state = use_reducer(|| CatalogueState::new(initial.event.clone()));
    let browse = use_reducer(|| BrowseState::from_view(&initial));
    let open_event = match &state.screen {
        Screen::Event(id) | Screen::Register(id) => Some(id.clone()),
        Screen::Confirmed(c) => Some(c.event_id.clone()),
        Screen::List => None,
    };
    let on_restore = {
        let (state, browse) = (state.dispatcher(), browse.dispatcher());
        Callback::from(move |v: regdesk_core::route::ViewState| {
            state.dispatch(CatalogueAction::Restore(v.event.clone()));
            browse.dispatch(BrowseAction::Restore(v));
        })
    };
    use_url_hash(
        &props.config,
        presets.clone(),
        browse.to_view(open_event),
        on_restore,
    );
    use_feed(
        props.config.feed.clone(),
        state.generation,
        state.dispatcher(),
    );
    // Issue 7: the visitor's choices, remembered for this site (origin).
    let lang = use_state(|| {
        storage::get(Area::Local, LANG_KEY)
            .and_then(|t| regdesk_core::Lang::from_tag(&t))
            .unwrap_or(props.config.lang)
    });
    let visitor_first =
        use_state(|| storage::get(Area::Local, ZONE_KEY).as_deref() == Some("visitor"));
    let on_lang = {
        let lang = lang.clone();
        Callback::from(move |l: regdesk_core::Lang| {
            storage::set(Area::Local, LANG_KEY, l.tag());
            lang.set(l);
        })
    };
    let on_zone = {
        let visitor_first = visitor_first.clone();
        Callback::from(move |first: bool| {
            storage::set(
                Area::Local,
                ZONE_KEY,
                if first { "visitor" } else { "event" },
            );
            visitor_first.set(first);
        })
    };
    let ui = Ui {
        lang: *lang,
        visitor_first: *visitor_first,
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

    // Issue 6 (embedding): `data-seo="jsonld"` describes the shown events
    // (the one of `data-event`, else the upcoming ones) in the host document.
    // Computed when the events or the widget's settings change, not on
    // every render (issue 8: each keystroke renders the app again).
    let shown = use_memo(
        (
            props.config.seo && loaded,
            props.config.event.clone(),
            state.events.clone(),
        ),
        |(wanted, event, events)| -> Vec<Rc<regdesk_core::Event>> {
            match (event, wanted) {
                (_, false) => Vec::new(),
                (Some(id), true) => events
                    .iter()
                    .find(|e| &e.id == id)
                    .cloned()
                    .into_iter()
                    .collect(),
                (None, true) => {
                    let now = now();
                    events
                        .iter()
                        .filter(|e| e.ends_at() >= now)
                        .cloned()
                        .collect()
                }
            }
        },
    );
    use_jsonld(
        props.config.seo && props.config.feed.is_some(),
        Shared(shown),
        ui.lang,
    );
    // The same callback from render to render, so that the cards, which
    // receive it, are not rendered again on each keystroke (issue 8).
    let on_open = use_callback(
        (state.dispatcher(), props.host.clone()),
        |id: String, (state, host)| {
            dom_events::dispatch(host, "select", &json!({ "eventId": id }));
            state.dispatch(CatalogueAction::Open(id));
        },
    );
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

    // Issue 7: focus follows the change of screen.
    let root = use_node_ref();
    use_view_focus(root.clone(), state.screen.clone());

    let missing = || {
        html! {
            <section class="notice" role="status" part="notice">
                <p>{ ui.t(Key::EventNotFound) }</p>
                <button type="button" class="button secondary" part="button" onclick={on_back.reform(|_| ())}>
                    { ui.t(Key::BackToEvents) }
                </button>
            </section>
        }
    };
    let body = match (&state.loading, &state.screen) {
        (Loading::Pending, _) => {
            html! { <FeedStatus problem={None} on_retry={on_retry.clone()} /> }
        }
        (Loading::Failed(problem), _) => {
            html! { <FeedStatus problem={Some(problem.clone())} on_retry={on_retry.clone()} /> }
        }
        (Loading::Loaded, Screen::List) => html! {
            <Browse events={state.events.clone()} haystacks={state.haystacks.clone()}
                facets={state.facets.clone()} skipped={state.skipped} state={browse.clone()}
                on_open={on_open.clone()} />
        },
        (Loading::Loaded, Screen::Event(id)) => match state.event(id) {
            Some(event) => html! {
                <EventDetail {event} on_back={on_back.clone()} on_register={on_register.clone()}
                    alone={props.config.event.is_some()} />
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
                // Every interface language is written left to right: a
                // right-to-left host page must not mirror the widget (issue 6).
                <div class="regdesk" lang={ui.lang.tag()} dir="ltr"
                    data-theme={props.config.theme.as_str()} part="root" ref={root}>
                    <Preferences {on_lang} {on_zone} />
                    <OutboxNotices {outbox} {on_screen} />
                    { body }
                </div>
            </ContextProvider<OutboxHandle>>
        </ContextProvider<Ui>>
    }
}
