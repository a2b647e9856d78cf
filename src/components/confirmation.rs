//! After a 2xx: the reference and what happens next.

use std::rc::Rc;

use regdesk_core::i18n::Key;
use regdesk_core::Event;
use yew::prelude::*;

use crate::hooks::use_ui;
use crate::state::Confirmation;

#[derive(Properties, PartialEq)]
pub struct ConfirmationProps {
    pub confirmation: Confirmation,
    pub event: Option<Rc<Event>>,
    pub on_again: Callback<String>,
    pub on_list: Callback<()>,
}

#[component]
pub fn ConfirmationView(props: &ConfirmationProps) -> Html {
    let ui = use_ui();
    let c = &props.confirmation;
    let (title, next) = match c.status.as_str() {
        "waitlisted" => (Key::WaitlistedTitle, Key::WaitlistedNext),
        "confirmed" => (Key::ConfirmedTitle, Key::ConfirmedNext),
        _ => (Key::PendingTitle, Key::ConfirmedNext),
    };
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        use_effect_with((), move |_| {
            if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
        });
    }
    let again = {
        let (id, on_again) = (c.event_id.clone(), props.on_again.clone());
        Callback::from(move |_: MouseEvent| on_again.emit(id.clone()))
    };
    html! {
        <section class={classes!("confirmation", c.status.clone())} role="status" part="confirmation">
            <h2 tabindex="-1" ref={heading}>{ ui.t(title) }</h2>
            if let Some(event) = &props.event { <p class="event-name">{ ui.pick(&event.name) }</p> }
            if !c.reference.is_empty() {
                <p class="reference">
                    { ui.t(Key::YourReference) }{ ": " }<strong data-reference={c.reference.clone()}>{ &c.reference }</strong>
                </p>
            }
            <p>{ ui.t(next) }</p>
            <div class="actions">
                <button type="button" class="button" part="button" onclick={again}>{ ui.t(Key::RegisterAnother) }</button>
                <button type="button" class="button secondary" part="button" onclick={props.on_list.reform(|_| ())}>
                    { ui.t(Key::BackToEvents) }
                </button>
            </div>
        </section>
    }
}
