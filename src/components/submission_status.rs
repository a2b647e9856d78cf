//! Where the submission stands, said to everyone: "Sending…", "Trying again
//! (2 of 4)…" in a polite live region, and a problem the endpoint reported
//! as an alert that takes focus, with "Try again" when that may help.

use regdesk_core::i18n::Key;
use yew::prelude::*;

use crate::hooks::{use_focus, use_ui, Ui};
use crate::state::{Phase, SubmitProblem};

/// A problem in words.
pub fn problem_text(ui: &Ui, problem: &SubmitProblem) -> String {
    match problem {
        SubmitProblem::Network => ui.t(Key::ErrNetwork).to_string(),
        SubmitProblem::AlreadyRegistered => ui.t(Key::ErrAlreadyRegistered).to_string(),
        SubmitProblem::Closed => ui.t(Key::ErrClosed).to_string(),
        SubmitProblem::UnknownEvent => ui.t(Key::ErrUnknownEvent).to_string(),
        SubmitProblem::Full => ui.t(Key::ErrFull).to_string(),
        SubmitProblem::Server(status) => ui.tf(Key::ErrServer, &[("status", &status.to_string())]),
    }
}

#[derive(Properties, PartialEq)]
pub struct SubmissionStatusProps {
    pub phase: Phase,
    pub problem: Option<SubmitProblem>,
    pub max_tries: u32,
    pub on_retry: Callback<()>,
}

#[component]
pub fn SubmissionStatus(props: &SubmissionStatusProps) -> Html {
    let ui = use_ui();
    let alert = use_node_ref();
    use_focus(
        alert.clone(),
        props.problem.clone(),
        props.problem.is_some(),
    );
    let progress = match props.phase {
        Phase::Sending { attempt: 1 } => ui.t(Key::Sending).to_string(),
        Phase::Sending { attempt } | Phase::Retrying { attempt } => ui.tf(
            Key::Retrying,
            &[
                ("attempt", &attempt.min(props.max_tries).to_string()),
                ("max", &props.max_tries.to_string()),
            ],
        ),
        _ => String::new(),
    };
    html! {
        <>
            <p class="status" role="status" aria-live="polite">{ progress }</p>
            if let Some(problem) = &props.problem {
                <div class="notice error problem" role="alert" tabindex="-1" ref={alert}>
                    <p>{ problem_text(&ui, problem) }</p>
                    if problem.can_retry() {
                        <button type="button" class="button secondary" part="button"
                            onclick={props.on_retry.reform(|_| ())}>{ ui.t(Key::TryAgain) }</button>
                    }
                </div>
            }
        </>
    }
}
