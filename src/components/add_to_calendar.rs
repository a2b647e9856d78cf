//! "Add to your calendar": an `.ics` file made in the browser, and links
//! that open Google Calendar and Outlook with the event filled in.

use std::rc::Rc;

use regdesk_core::i18n::Key;
use regdesk_core::{ics, Event};
use yew::prelude::*;

use crate::hooks::{use_object_url, use_ui};
use crate::platform::now;

#[derive(Properties, PartialEq)]
pub struct AddToCalendarProps {
    /// The event, with only the site registered for when it has several.
    pub event: Rc<Event>,
}

/// A file name from the event's id: letters, digits and dashes.
fn file_name(id: &str) -> String {
    let stem: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .take(60)
        .collect();
    format!("{}.ics", if stem.is_empty() { "event" } else { &stem })
}

#[component]
pub fn AddToCalendar(props: &AddToCalendarProps) -> Html {
    let ui = use_ui();
    let lang = ui.lang.tag();
    let event = &props.event;
    // Made once: a new DTSTAMP at each render would make a new file each time.
    let text = use_memo((event.clone(), ui.lang), |(e, l)| {
        ics::ics(e, l.tag(), now())
    });
    let url = use_object_url((*text).clone(), "text/calendar;charset=utf-8");
    html! {
        <div class="calendar">
            <h3>{ ui.t(Key::AddToCalendar) }</h3>
            <ul class="calendar-links" role="list">
                if let Some(url) = url {
                    <li><a href={url} download={file_name(&event.id)} class="download">{ ui.t(Key::DownloadIcs) }</a></li>
                }
                <li><a href={ics::google_link(event, lang)} target="_blank" rel="noopener noreferrer">
                    { ui.t(Key::GoogleCalendar) }</a></li>
                <li><a href={ics::outlook_link(event, lang)} target="_blank" rel="noopener noreferrer">
                    { ui.t(Key::OutlookCalendar) }</a></li>
            </ul>
        </div>
    }
}
