//! The choice of connection site (or online attendance) for an event held in
//! several places, each with its seats left. A full site offers the waiting
//! list when the event keeps one, and cannot be chosen when it does not.

use std::rc::Rc;

use regdesk_core::i18n::Key;
use regdesk_core::{availability, Event, LocationKind};
use yew::prelude::*;

use super::availability_badge::describe;
use crate::hooks::use_ui;
use crate::platform::now;

#[derive(Properties, PartialEq)]
pub struct SiteChoiceProps {
    pub event: Rc<Event>,
    pub selected: Option<String>,
    pub error: Option<String>,
    pub on_choose: Callback<String>,
}

/// The id of the radio that the error summary's link focuses: the first
/// that can be chosen.
pub const SITE_ID: &str = "f-location";

#[component]
pub fn SiteChoice(props: &SiteChoiceProps) -> Html {
    let ui = use_ui();
    let event = &props.event;
    let now = now();
    let sites: Vec<_> = event
        .locations
        .iter()
        .filter_map(|l| Some((l, l.id.clone()?, availability::of_location(event, l, now))))
        .collect();
    let first_open = sites
        .iter()
        .position(|(_, _, state)| state.accepts_registrations());
    let error_id = "f-location-error";
    html! {
        <fieldset class={classes!("field", "sites", props.error.as_ref().map(|_| "has-error"))}
            aria-describedby={props.error.as_ref().map(|_| error_id)}>
            <legend>{ ui.t(Key::ConnectionSite) }</legend>
            if let Some(error) = &props.error {
                <p class="field-error" id={error_id}>
                    <span class="visually-hidden">{ ui.t(Key::ErrorPrefix) }{ " " }</span>{ error }
                </p>
            }
            { for sites.iter().enumerate().map(|(i, (l, id, state))| {
                let input_id = if Some(i) == first_open { SITE_ID.to_string() } else { format!("{SITE_ID}-{i}") };
                let (seats, tone) = describe(&ui, *state);
                let name = if l.kind == LocationKind::Virtual && l.name.is_empty() {
                    ui.t(Key::Online).to_string()
                } else {
                    ui.pick(&l.name).to_string()
                };
                let onchange = {
                    let (on_choose, id) = (props.on_choose.clone(), id.clone());
                    Callback::from(move |_: web_sys::Event| on_choose.emit(id.clone()))
                };
                html! {
                    <div class="choice site">
                        <input type="radio" name="locationId" id={input_id.clone()} value={id.clone()}
                            checked={props.selected.as_deref() == Some(id.as_str())}
                            disabled={!state.accepts_registrations()}
                            aria-invalid={props.error.as_ref().map(|_| "true")} {onchange} />
                        <label for={input_id}>
                            <span class="site-name">{ name }</span>
                            if !seats.is_empty() { <span class={classes!("seats", tone)}>{ seats }</span> }
                        </label>
                    </div>
                }
            }) }
        </fieldset>
    }
}
