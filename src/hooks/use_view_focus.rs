//! Focus on a change of screen (issue 7): keyboard and screen-reader users
//! land on the new view's heading, and on the way back, on the control they
//! left from (the card's title, the "Register" button).

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use crate::state::Screen;

/// After each render in which `screen` changed (never on the first, so a
/// page load does not steal focus from the host page), focuses inside `root`:
/// - back to the list: the title button of the card of the event left, else
///   the list's heading;
/// - back from the form to its event: the event's "Register" button;
/// - any other change: the new view's heading (an `h2` with tabindex -1).
///
/// The confirmation focuses its own heading when it appears.
#[hook]
pub fn use_view_focus(root: NodeRef, screen: Screen) {
    let previous: Rc<RefCell<Option<Screen>>> = use_mut_ref(|| None);
    use_effect_with(screen, move |now| {
        let before = previous.borrow_mut().replace(now.clone());
        if let (Some(before), Some(root)) = (before, root.cast::<Element>()) {
            if let Some(target) = target(&root, &before, now) {
                let _ = target.focus();
            }
        }
    });
}

fn target(root: &Element, before: &Screen, now: &Screen) -> Option<HtmlElement> {
    let find = |selector: &str| {
        root.query_selector(selector)
            .ok()
            .flatten()
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<HtmlElement>(e).ok())
    };
    match (before, now) {
        (Screen::Confirmed(_), Screen::Confirmed(_)) => None,
        (_, Screen::Confirmed(_)) => None,
        (Screen::Event(id) | Screen::Register(id), Screen::List) => {
            card_title(root, id).or_else(|| find("#regdesk-events-heading"))
        }
        (Screen::Confirmed(c), Screen::List) => {
            card_title(root, &c.event_id).or_else(|| find("#regdesk-events-heading"))
        }
        (_, Screen::List) => find("#regdesk-events-heading"),
        (Screen::Register(from), Screen::Event(to)) if from == to => {
            find(".detail .actions button").or_else(|| find("#regdesk-detail-heading"))
        }
        (_, Screen::Event(_)) => find("#regdesk-detail-heading"),
        (_, Screen::Register(_)) => find("#regdesk-form-heading"),
    }
}

/// The title button of the card of event `id`, if it is shown.
fn card_title(root: &Element, id: &str) -> Option<HtmlElement> {
    let cards = root.query_selector_all(".card[data-event-id]").ok()?;
    (0..cards.length())
        .filter_map(|i| cards.item(i))
        .filter_map(|n| wasm_bindgen::JsCast::dyn_into::<Element>(n).ok())
        .find(|card| card.get_attribute("data-event-id").as_deref() == Some(id))
        .and_then(|card| card.query_selector(".card-title button").ok().flatten())
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<HtmlElement>(e).ok())
}
