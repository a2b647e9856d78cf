//! An event's dates: in the event's zone, and in the visitor's when
//! different: "Tue 9 Mar 2027 · 09:00–12:00 Vientiane time (10:00–13:00 your time)".

use std::rc::Rc;

use regdesk_core::i18n::Key;
use regdesk_core::Event;
use yew::prelude::*;

use crate::hooks::use_ui;
use crate::platform::intl;

#[derive(Properties, PartialEq)]
pub struct WhenProps {
    pub event: Rc<Event>,
}

#[component]
pub fn When(props: &WhenProps) -> Html {
    let ui = use_ui();
    let when = use_memo((props.event.clone(), ui.lang), |(event, lang)| {
        intl::when(event, *lang)
    });
    html! {
        <p class="when">
            <time class="date" datetime={props.event.starts_at().to_rfc3339()}>{ &when.date }</time>
            if let Some(time) = &when.time {
                <span class="time">
                    { ui.tf(Key::ZoneTime, &[("time", time), ("zone", &when.zone)]) }
                    if let Some(theirs) = &when.visitor {
                        <span class="visitor-time">{ " (" }{ ui.tf(Key::YourTime, &[("time", theirs)]) }{ ")" }</span>
                    }
                </span>
            } else {
                <span class="time">{ ui.t(Key::AllDay) }</span>
            }
        </p>
    }
}
