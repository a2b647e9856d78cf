//! While the feed loads, and when it could not be loaded.

use regdesk_core::i18n::Key;
use yew::prelude::*;

use crate::hooks::use_ui;

#[derive(Properties, PartialEq)]
pub struct FeedStatusProps {
    pub failed: bool,
    pub on_retry: Callback<()>,
}

#[component]
pub fn FeedStatus(props: &FeedStatusProps) -> Html {
    let ui = use_ui();
    if !props.failed {
        return html! {
            <div class="loading" role="status" aria-live="polite">
                <span class="skeleton" aria-hidden="true"></span>
                <span class="skeleton" aria-hidden="true"></span>
                <span class="visually-hidden">{ ui.t(Key::LoadingEvents) }</span>
            </div>
        };
    }
    html! {
        <section class="notice error" role="alert" part="notice">
            <p>{ ui.t(Key::FeedFailed) }</p>
            <button type="button" class="button" part="button" onclick={props.on_retry.reform(|_| ())}>
                { ui.t(Key::Retry) }
            </button>
        </section>
    }
}
