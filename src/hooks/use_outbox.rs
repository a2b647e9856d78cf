//! The outbox sender: registrations that could not be sent wait in local
//! storage and are sent when the page opens, when the browser comes back
//! online, when their backoff is over, and when the visitor asks ("Try to
//! send it now"). Each is removed as soon as the endpoint answers for good.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use serde_json::json;
use web_sys::Element;
use yew::prelude::*;

use super::use_draft::clear_draft;
use crate::platform::delivery::{deliver, Delivery, Parcel};
use crate::platform::{dom_events, in_flight, network, now_ms, random, storage};
use crate::state::outbox::{NoticeAction, Notices, OutboxEntry, OutboxNotice, OutboxOutcome};
use crate::state::retry::RetryPolicy;
use crate::state::Confirmation;

/// What the widget's components see of the outbox (a context from the App).
#[derive(Clone, PartialEq)]
pub struct OutboxHandle {
    pub notices: Rc<Notices>,
    /// Sends what is waiting now (`true`: even before its backoff is over).
    pub kick: Callback<bool>,
    pub dismiss: Callback<String>,
}

/// Everything a send needs, cloned into timers and listeners.
#[derive(Clone)]
struct Sender {
    endpoint: String,
    host: Element,
    policy: RetryPolicy,
    notices: UseReducerDispatcher<Notices>,
    on_delivered: Callback<Confirmation>,
    timer: Rc<RefCell<Option<Timeout>>>,
}

impl Sender {
    /// Sends the entries that are due (all but those held by `Retry-After`
    /// when `eager`), then sets the timer for the next one.
    fn run(&self, eager: bool) {
        if !network::is_online() {
            // The `online` event will come.
            return;
        }
        let now = now_ms();
        let mut due = Vec::new();
        storage::update_outbox(&self.endpoint, |o| {
            o.expire(now);
            due = o.due(now, eager);
        });
        for entry in due {
            if in_flight::claim(&entry.key) {
                let me = self.clone();
                wasm_bindgen_futures::spawn_local(async move { me.send(entry).await });
            }
        }
        self.schedule();
    }

    /// Arms the timer for the entry that falls due next.
    fn schedule(&self) {
        let next = storage::load_outbox(&self.endpoint).next_due_ms();
        let timer = next.map(|at| {
            let me = self.clone();
            let wait = (at - now_ms()).clamp(0.0, f64::from(i32::MAX)) as u32;
            Timeout::new(wait.max(50), move || me.run(false))
        });
        // Replacing the old timer cancels it.
        *self.timer.borrow_mut() = timer;
    }

    async fn send(&self, entry: OutboxEntry) {
        let policy = self.policy.outbox();
        let outcome = deliver(
            Parcel {
                endpoint: &self.endpoint,
                format: entry.format,
                request: &entry.request,
                key: &entry.key,
            },
            policy,
            |_| {},
        )
        .await;
        in_flight::release(&entry.key);
        let event_id = entry.request.event_id.clone();
        let refused = |problem, errors| OutboxOutcome::Refused { problem, errors };
        let outcome = match outcome {
            Delivery::GaveUp { hold_ms } => {
                let backoff = policy
                    .delay(entry.rounds + 1, None, random())
                    .max(policy.base_ms);
                storage::update_outbox(&self.endpoint, |o| {
                    o.postpone(&entry.key, now_ms(), backoff, hold_ms)
                });
                self.schedule();
                return;
            }
            Delivery::Done(confirmation) => {
                dom_events::dispatch(
                    &self.host,
                    "success",
                    &json!({ "eventId": event_id, "reference": confirmation.reference,
                             "status": confirmation.status }),
                );
                OutboxOutcome::Delivered(confirmation)
            }
            Delivery::Rejected(errors) => {
                dom_events::dispatch(
                    &self.host,
                    "error",
                    &json!({ "eventId": event_id, "code": "validation" }),
                );
                refused(None, errors)
            }
            Delivery::Failed(problem) => {
                dom_events::dispatch(
                    &self.host,
                    "error",
                    &json!({ "eventId": event_id, "code": problem.code() }),
                );
                refused(Some(problem), Vec::new())
            }
        };
        // Answered for good: out of the outbox, and its draft is done with.
        storage::update_outbox(&self.endpoint, |o| {
            o.remove(&entry.key);
        });
        if let OutboxOutcome::Delivered(c) = &outcome {
            clear_draft(&storage::draft_key(&self.endpoint, &event_id));
            self.on_delivered.emit(c.clone());
        }
        self.notices.dispatch(NoticeAction::Add(OutboxNotice {
            key: entry.key.clone(),
            event_id,
            event_name: entry.event_name.clone(),
            outcome,
        }));
    }
}

/// Runs the outbox of `endpoint` for as long as the widget is mounted.
#[hook]
pub fn use_outbox(
    endpoint: Option<String>,
    host: Element,
    policy: RetryPolicy,
    on_delivered: Callback<Confirmation>,
) -> OutboxHandle {
    let notices = use_reducer(Notices::default);
    let timer = use_mut_ref(|| None::<Timeout>);
    let latest = use_mut_ref(|| None::<Sender>);
    *latest.borrow_mut() = endpoint.clone().map(|endpoint| Sender {
        endpoint,
        host,
        policy,
        notices: notices.dispatcher(),
        on_delivered,
        timer: timer.clone(),
    });
    {
        let latest = latest.clone();
        use_effect_with(endpoint, move |_| {
            // The page was opened: send what an earlier visit left.
            let sender = latest.borrow().clone();
            if let Some(s) = &sender {
                s.run(true);
            }
            let listener = network::on_online(move || {
                if let Some(s) = latest.borrow().clone() {
                    s.run(true);
                }
            });
            move || {
                drop(listener);
                if let Some(s) = sender {
                    s.timer.borrow_mut().take();
                }
            }
        });
    }
    let kick = {
        let latest = latest.clone();
        Callback::from(move |eager: bool| {
            if let Some(s) = latest.borrow().clone() {
                s.run(eager);
            }
        })
    };
    let dismiss = {
        let notices = notices.dispatcher();
        Callback::from(move |key: String| notices.dispatch(NoticeAction::Dismiss(key)))
    };
    OutboxHandle {
        notices: Rc::new((*notices).clone()),
        kick,
        dismiss,
    }
}
