//! `data-seo="jsonld"`: keeps a schema.org JSON-LD block describing the shown
//! events in the host document's head, and removes it when the widget goes.

use std::rc::Rc;

use regdesk_core::{jsonld, Event, Lang};
use yew::prelude::*;

use crate::platform::seo;
use crate::state::Shared;

#[hook]
/// `events` is compared by identity (a new list each time it changes): the
/// widget renders again on every keystroke in the search box, and comparing
/// thousands of events field by field each time cost more than the search.
pub fn use_jsonld(enabled: bool, events: Shared<Vec<Rc<Event>>>, lang: Lang) {
    let owner = *use_state(seo::next_owner);
    use_effect_with((enabled, events, lang), move |(enabled, events, lang)| {
        if *enabled && !events.is_empty() {
            let document = jsonld::events_document(events.iter().map(|e| e.as_ref()), lang.tag());
            seo::write(owner, &jsonld::script_text(&document));
        } else {
            seo::remove(owner);
        }
        move || seo::remove(owner)
    });
}
