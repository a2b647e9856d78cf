//! Sending a registration: check it as the server will, wait out the minimum
//! time to fill, POST it with an Idempotency-Key that stays the same for the
//! same answers, retry what is worth retrying, and when every try failed put
//! it in the outbox. The visitor's answers are kept whatever happens, and
//! success is shown only after a 2xx.

use std::rc::Rc;

use regdesk_core::Event;
use serde_json::json;
use yew::prelude::*;

use super::use_draft::clear_draft;
use super::use_outbox::OutboxHandle;
use crate::hooks::use_ui;
use crate::platform::delivery::{deliver, Delivery, Parcel, Progress};
use crate::platform::{dom_events, in_flight, now, now_ms, random_uuid, sleep, storage};
use crate::state::form::ErrorMessage;
use crate::state::outbox::OutboxEntry;
use crate::state::retry::RetryPolicy;
use crate::state::{Confirmation, FormAction, FormState, SubmitProblem};

/// The form's submit action.
#[hook]
pub fn use_registration(
    event: Rc<Event>,
    form: UseReducerHandle<FormState>,
    on_done: Callback<Confirmation>,
) -> Callback<()> {
    let ui = use_ui();
    let outbox = use_context::<OutboxHandle>();
    Callback::from(move |()| {
        if form.phase.busy() {
            return;
        }
        let Some(endpoint) = ui.config.endpoint.clone() else {
            return;
        };
        let prepared = form.prepare(&event, ui.lang, &now().to_rfc3339(), now_ms(), random_uuid);
        let sent = match prepared {
            Ok(sent) => sent,
            Err(errors) => {
                form.dispatch(FormAction::Invalid(errors));
                dom_events::dispatch(
                    &ui.host,
                    "error",
                    &json!({ "eventId": event.id, "code": "invalid" }),
                );
                return;
            }
        };
        let replaces = form
            .sent
            .as_ref()
            .map(|s| s.key.clone())
            .filter(|k| *k != sent.key);
        form.dispatch(FormAction::Sending(Box::new(sent.clone())));
        dom_events::dispatch(&ui.host, "submit", &json!({ "eventId": event.id }));
        let (form, ui, event, on_done, outbox) = (
            form.clone(),
            ui.clone(),
            event.clone(),
            on_done.clone(),
            outbox.clone(),
        );
        wasm_bindgen_futures::spawn_local(async move {
            if sent.wait_ms > 0 {
                sleep(sent.wait_ms).await;
            }
            let policy = RetryPolicy::FORM.scaled(ui.config.retry_base_ms, ui.config.timeout_ms);
            let format = ui.config.endpoint_format;
            let delivery = if in_flight::claim(&sent.key) {
                let progress = |p| {
                    form.dispatch(match p {
                        Progress::Attempt(n) => FormAction::Attempt(n),
                        Progress::Waiting(n) => FormAction::Retrying(n),
                    })
                };
                let parcel = Parcel {
                    endpoint: &endpoint,
                    format,
                    request: &sent.request,
                    key: &sent.key,
                };
                let d = deliver(parcel, policy, progress).await;
                in_flight::release(&sent.key);
                d
            } else {
                // The outbox is sending this very registration right now.
                Delivery::GaveUp { hold_ms: 0 }
            };
            let event_id = event.id.as_str();
            let tell = |name: &str, detail: serde_json::Value| {
                dom_events::dispatch(&ui.host, name, &detail)
            };
            match delivery {
                Delivery::Done(confirmation) => {
                    storage::update_outbox(&endpoint, |o| {
                        o.remove(&sent.key);
                    });
                    clear_draft(&storage::draft_key(&endpoint, event_id));
                    tell(
                        "success",
                        json!({ "eventId": event_id, "reference": confirmation.reference,
                                "status": confirmation.status }),
                    );
                    on_done.emit(confirmation);
                }
                Delivery::Rejected(errors) => {
                    let errors = errors
                        .into_iter()
                        .map(|(p, d)| (p, ErrorMessage::Remote(d)))
                        .collect();
                    form.dispatch(FormAction::Rejected(form.place(&event, errors)));
                    tell(
                        "error",
                        json!({ "eventId": event_id, "code": "validation" }),
                    );
                }
                Delivery::Failed(problem) => {
                    tell(
                        "error",
                        json!({ "eventId": event_id, "code": problem.code() }),
                    );
                    form.dispatch(FormAction::Failed(problem));
                }
                Delivery::GaveUp { hold_ms } => {
                    let now = now_ms();
                    let entry = OutboxEntry {
                        key: sent.key.clone(),
                        format,
                        request: sent.request.clone(),
                        event_name: ui.pick(&event.name).to_string(),
                        queued_at_ms: now,
                        not_before_ms: now + policy.outbox().base_ms as f64,
                        hold_until_ms: now + hold_ms as f64,
                        rounds: 0,
                    };
                    let saved =
                        storage::update_outbox(&endpoint, |o| o.put(entry, replaces.as_deref()));
                    if saved.get(&sent.key).is_some()
                        && storage::load_outbox(&endpoint).get(&sent.key).is_some()
                    {
                        form.dispatch(FormAction::Queued);
                        tell("queued", json!({ "eventId": event_id }));
                        if let Some(outbox) = &outbox {
                            outbox.kick.emit(false);
                        }
                    } else {
                        // This browser keeps nothing: say so, keep the answers.
                        form.dispatch(FormAction::Failed(SubmitProblem::Network));
                        tell("error", json!({ "eventId": event_id, "code": "network" }));
                    }
                }
            }
        });
    })
}
