//! What became of registrations sent from the outbox while the visitor was
//! elsewhere in the widget (or on an earlier visit): sent, with the
//! reference, or refused, with the reason.

use regdesk_core::i18n::Key;
use yew::prelude::*;

use super::submission_status::problem_text;
use crate::hooks::{use_ui, OutboxHandle};
use crate::state::outbox::OutboxOutcome;

#[derive(Properties, PartialEq)]
pub struct OutboxNoticesProps {
    pub outbox: OutboxHandle,
    /// The event on screen: its form or confirmation tells it already.
    pub on_screen: Option<String>,
}

#[component]
pub fn OutboxNotices(props: &OutboxNoticesProps) -> Html {
    let ui = use_ui();
    let shown = props
        .outbox
        .notices
        .list
        .iter()
        .filter(|n| props.on_screen.as_deref() != Some(n.event_id.as_str()));
    html! {
        <>{ for shown.map(|n| {
            let (text, tone) = match &n.outcome {
                OutboxOutcome::Delivered(c) => (
                    ui.tf(Key::OutboxSent, &[("event", &n.event_name), ("reference", &c.reference)]),
                    "good",
                ),
                OutboxOutcome::Refused { problem, errors } => {
                    let reason = match problem {
                        Some(p) => problem_text(&ui, p),
                        None => errors.iter().map(|(_, d)| d.as_str()).collect::<Vec<_>>().join(" "),
                    };
                    (ui.tf(Key::OutboxFailed, &[("event", &n.event_name), ("reason", &reason)]), "error")
                }
            };
            let dismiss = {
                let (dismiss, key) = (props.outbox.dismiss.clone(), n.key.clone());
                Callback::from(move |_: MouseEvent| dismiss.emit(key.clone()))
            };
            html! {
                <div class={classes!("notice", "outbox-notice", tone)} role="status" key={n.key.clone()}>
                    <p>{ text }</p>
                    <button type="button" class="link" onclick={dismiss}>{ ui.t(Key::Dismiss) }</button>
                </div>
            }
        }) }</>
    }
}
