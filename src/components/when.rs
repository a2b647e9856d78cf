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
    let when = use_memo(
        (props.event.clone(), ui.lang, ui.visitor_first),
        |(event, lang, first)| intl::when(event, *lang, *first),
    );
    // Issue 7: the primary zone is the event's, or the visitor's if chosen.
    let zone_time = |time: &str, zone: &str, mine: bool| {
        if mine {
            ui.tf(Key::YourTime, &[("time", time)])
        } else {
            ui.tf(Key::ZoneTime, &[("time", time), ("zone", zone)])
        }
    };
    html! {
        <p class="when">
            <time class="date" datetime={props.event.starts_at().to_rfc3339()}>{ &when.date }</time>
            if let Some(time) = &when.time {
                <span class="time">
                    { zone_time(time, &when.zone, when.visitor_first) }
                    if let Some(other) = &when.other {
                        <span class="visitor-time">{ " (" }{ zone_time(other, &when.other_zone, !when.visitor_first) }{ ")" }</span>
                    }
                </span>
            } else {
                <span class="time">{ ui.t(Key::AllDay) }</span>
            }
        </p>
    }
}
