//! Sending a registration: check it as the server will, POST it with an
//! Idempotency-Key that stays the same for the same data, and turn the
//! answer into a confirmation or into messages on the form.

use std::rc::Rc;

use regdesk_core::Event;
use serde::Deserialize;
use serde_json::json;
use yew::prelude::*;

use crate::hooks::use_ui;
use crate::platform::{dom_events, http, now};
use crate::state::{Confirmation, FormAction, FormState, SubmitProblem};

#[derive(Deserialize)]
struct Created {
    #[serde(default)]
    reference: String,
    #[serde(default)]
    status: Option<String>,
}

#[derive(Deserialize)]
struct Problem {
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    errors: Vec<ProblemField>,
}

#[derive(Deserialize)]
struct ProblemField {
    #[serde(default)]
    pointer: String,
    #[serde(default)]
    detail: String,
}

/// What the endpoint's answer means for the form.
enum Outcome {
    Done(Confirmation),
    Rejected(Vec<(String, String)>),
    Failed(SubmitProblem),
}

fn outcome(event_id: &str, answer: http::Answer) -> Outcome {
    let problem = || serde_json::from_str::<Problem>(&answer.body).ok();
    match answer.status {
        200..=299 => {
            let created = serde_json::from_str::<Created>(&answer.body).ok();
            Outcome::Done(Confirmation {
                event_id: event_id.to_string(),
                reference: created
                    .as_ref()
                    .map(|c| c.reference.clone())
                    .unwrap_or_default(),
                status: created
                    .and_then(|c| c.status)
                    .unwrap_or_else(|| "pending".into()),
            })
        }
        422 => match problem().filter(|p| !p.errors.is_empty()) {
            Some(p) => Outcome::Rejected(
                p.errors
                    .into_iter()
                    .map(|e| (e.pointer, e.detail))
                    .collect(),
            ),
            None => Outcome::Failed(SubmitProblem::Server(422)),
        },
        409 if problem().and_then(|p| p.code).as_deref() == Some("full") => {
            Outcome::Failed(SubmitProblem::Full)
        }
        409 => Outcome::Failed(SubmitProblem::AlreadyRegistered),
        410 => Outcome::Failed(SubmitProblem::Closed),
        404 => Outcome::Failed(SubmitProblem::UnknownEvent),
        status => Outcome::Failed(SubmitProblem::Server(status)),
    }
}

/// The form's submit action.
#[hook]
pub fn use_registration(
    event: Rc<Event>,
    form: UseReducerHandle<FormState>,
    on_done: Callback<Confirmation>,
) -> Callback<()> {
    let ui = use_ui();
    Callback::from(move |()| {
        if form.sending {
            return;
        }
        let Some(endpoint) = ui.config.endpoint.clone() else {
            return;
        };
        let errors = form.check(&event, ui.lang);
        if !errors.is_empty() {
            form.dispatch(FormAction::Invalid(errors));
            return;
        }
        let request = form.request(&event, ui.lang, &now().to_rfc3339());
        let Ok(body) = serde_json::to_string(&request) else {
            return;
        };
        let key = form
            .key_for(&body)
            .map(str::to_string)
            .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
        form.dispatch(FormAction::Sending {
            body: body.clone(),
            key: key.clone(),
        });
        dom_events::dispatch(&ui.host, "submit", &json!({ "eventId": event.id }));
        let (form, ui, event_id, on_done) =
            (form.clone(), ui.clone(), event.id.clone(), on_done.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let result = http::post_registration(&endpoint, body, &key).await;
            let outcome = match result {
                Ok(answer) => outcome(&event_id, answer),
                Err(why) => {
                    gloo::console::warn!(format!("regdesk: registration not sent: {why}"));
                    Outcome::Failed(SubmitProblem::Network)
                }
            };
            match outcome {
                Outcome::Done(confirmation) => {
                    dom_events::dispatch(
                        &ui.host,
                        "success",
                        &json!({
                            "eventId": event_id, "reference": confirmation.reference, "status": confirmation.status
                        }),
                    );
                    on_done.emit(confirmation);
                }
                Outcome::Rejected(errors) => {
                    dom_events::dispatch(
                        &ui.host,
                        "error",
                        &json!({ "eventId": event_id, "code": 422 }),
                    );
                    form.dispatch(FormAction::Rejected(errors));
                }
                Outcome::Failed(problem) => {
                    let code = match &problem {
                        SubmitProblem::Server(status) => json!(status),
                        other => json!(format!("{other:?}").to_lowercase()),
                    };
                    dom_events::dispatch(
                        &ui.host,
                        "error",
                        &json!({ "eventId": event_id, "code": code }),
                    );
                    form.dispatch(FormAction::Failed(problem));
                }
            }
        });
    })
}
