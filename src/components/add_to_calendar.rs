//! "Add to calendar": the event as an `.ics` file (RFC 5545, UTC times),
//! and links that open Google Calendar and Outlook with it filled in.

use std::rc::Rc;

use regdesk_core::i18n::Key;
use regdesk_core::{ics, Event};
use yew::prelude::*;

use crate::hooks::{use_object_url, use_ui};
use crate::platform::now;

#[derive(Properties, PartialEq)]
pub struct AddToCalendarProps {
    /// The event; on a confirmation, with only the site registered for.
    pub event: Rc<Event>,
}

/// A file name from the event's id: letters, digits, `-` and `_` only.
fn file_name(id: &str) -> String {
    let clean: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .take(60)
        .collect();
    format!(
        "{}.ics",
        if clean.trim_matches('-').is_empty() {
            "event"
        } else {
            &clean
        }
    )
}

#[component]
pub fn AddToCalendar(props: &AddToCalendarProps) -> Html {
    let ui = use_ui();
    // Made once per event and language: a new DTSTAMP at each render would
    // make a new file each time.
    let text = use_memo((props.event.clone(), ui.lang), |(event, lang)| {
        ics::ics(event, lang.tag(), now())
    });
    let href = use_object_url((*text).clone(), "text/calendar;charset=utf-8");
    let event = &props.event;
    let lang = ui.lang.tag();
    let new_tab = format!(" {}", ui.t(Key::OpensInNewTab));
    html! {
        <section class="add-to-calendar" aria-labelledby="regdesk-cal-add">
            <h3 id="regdesk-cal-add">{ ui.t(Key::AddToCalendar) }</h3>
            <ul class="calendar-links" role="list">
                if let Some(href) = href {
                    <li><a class="button secondary download" part="button" {href} download={file_name(&event.id)}>{ ui.t(Key::DownloadIcs) }</a></li>
                }
                <li>
                    <a class="button secondary" part="button" href={ics::google_link(event, lang)} target="_blank" rel="noopener noreferrer">
                        { ui.t(Key::GoogleCalendar) }<span class="visually-hidden">{ new_tab.clone() }</span>
                    </a>
                </li>
                <li>
                    <a class="button secondary" part="button" href={ics::outlook_link(event, lang)} target="_blank" rel="noopener noreferrer">
                        { ui.t(Key::OutlookCalendar) }<span class="visually-hidden">{ new_tab }</span>
                    </a>
                </li>
            </ul>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::file_name;

    #[test]
    fn file_names_are_safe() {
        assert_eq!(file_name("assa-board-2026"), "assa-board-2026.ics");
        assert_eq!(file_name("https://x.org/e?1"), "https---x-org-e-1.ics");
        assert_eq!(file_name("Hội"), "H-i.ics");
        assert_eq!(file_name("///"), "event.ics");
    }
}
