//! Every try failed: the registration waits in the outbox, and the visitor
//! is told it is saved and will be sent.

use regdesk_core::i18n::Key;
use yew::prelude::*;

use crate::hooks::{use_focus, use_ui};

#[derive(Properties, PartialEq)]
pub struct QueuedNoticeProps {
    pub on_send_now: Callback<()>,
    pub on_back: Callback<()>,
}

#[component]
pub fn QueuedNotice(props: &QueuedNoticeProps) -> Html {
    let ui = use_ui();
    let heading = use_node_ref();
    use_focus(heading.clone(), (), true);
    html! {
        <div class="notice queued" role="status">
            <h3 tabindex="-1" ref={heading}>{ ui.t(Key::QueuedTitle) }</h3>
            <p>{ ui.t(Key::QueuedBody) }</p>
            <div class="actions">
                <button type="button" class="button" part="button" onclick={props.on_send_now.reform(|_| ())}>
                    { ui.t(Key::SendNow) }
                </button>
                <button type="button" class="button secondary" part="button" onclick={props.on_back.reform(|_| ())}>
                    { ui.t(Key::BackToEvents) }
                </button>
            </div>
        </div>
    }
}
