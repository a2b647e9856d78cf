//! While the feed loads (a skeleton shaped like the list, so nothing jumps
//! when it arrives), and when it could not be loaded (why, and a retry).

use regdesk_core::i18n::Key;
use yew::prelude::*;

use crate::hooks::use_ui;
use crate::state::catalogue::FeedProblem;

#[derive(Properties, PartialEq)]
pub struct FeedStatusProps {
    /// `None`: still loading.
    pub problem: Option<FeedProblem>,
    pub on_retry: Callback<()>,
}

#[component]
pub fn FeedStatus(props: &FeedStatusProps) -> Html {
    let ui = use_ui();
    let Some(problem) = &props.problem else {
        return html! {
            <div class="loading" role="status" aria-live="polite">
                <span class="skeleton heading" aria-hidden="true"></span>
                <span class="skeleton bar" aria-hidden="true"></span>
                <div class="cards" aria-hidden="true">
                    <span class="skeleton tile"></span>
                    <span class="skeleton tile"></span>
                    <span class="skeleton tile"></span>
                </div>
                <span class="visually-hidden">{ ui.t(Key::LoadingEvents) }</span>
            </div>
        };
    };
    let why = match problem {
        FeedProblem::Network => ui.t(Key::FeedFailedNetwork).to_string(),
        FeedProblem::Status(status) => {
            ui.tf(Key::FeedFailedStatus, &[("status", &status.to_string())])
        }
        FeedProblem::Format => ui.t(Key::FeedFailedFormat).to_string(),
    };
    html! {
        <section class="notice error" role="alert" part="notice">
            <p>{ ui.t(Key::FeedFailed) }</p>
            <p class="why">{ why }</p>
            <button type="button" class="button" part="button" onclick={props.on_retry.reform(|_| ())}>
                { ui.t(Key::Retry) }
            </button>
        </section>
    }
}
