//! Sending one registration until the endpoint answers for good: transient
//! failures (network, timeout, 408, 429, 502, 503, 504, 409 `in-flight`)
//! are retried with the same key on the [`RetryPolicy`]'s schedule.

use regdesk_core::RegistrationRequest;

use super::http::{self, SendError};
use super::{now, random, sleep};
use crate::state::retry::{parse_retry_after, Next, RetryPolicy};
use crate::state::submission::{judge, EndpointFormat, SubmitProblem, Verdict};
use crate::state::Confirmation;

/// How a delivery ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Delivery {
    Done(Confirmation),
    /// 422: pointers and details.
    Rejected(Vec<(String, String)>),
    Failed(SubmitProblem),
    /// Every try failed for a passing reason; `hold_ms` is the endpoint's
    /// last `Retry-After`, if it gave one.
    GaveUp {
        hold_ms: u64,
    },
}

/// Progress, for the visitor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    /// Try number n is on its way.
    Attempt(u32),
    /// Try number n failed; waiting to try again.
    Waiting(u32),
}

/// What to send, and where.
pub struct Parcel<'a> {
    pub endpoint: &'a str,
    pub format: EndpointFormat,
    pub request: &'a RegistrationRequest,
    pub key: &'a str,
}

pub async fn deliver(
    parcel: Parcel<'_>,
    policy: RetryPolicy,
    mut progress: impl FnMut(Progress),
) -> Delivery {
    let event_id = parcel.request.event_id.as_str();
    let location_id = parcel.request.location_id.as_deref();
    let mut tries = 0;
    loop {
        tries += 1;
        progress(Progress::Attempt(tries));
        let answer = http::post_registration(
            parcel.endpoint,
            parcel.format,
            parcel.request,
            parcel.key,
            policy.timeout_ms,
        )
        .await;
        let retry_after = match answer {
            Ok(answer) => match judge(event_id, location_id, answer.status, &answer.body) {
                Verdict::Done(c) => return Delivery::Done(c),
                Verdict::Rejected(errors) => return Delivery::Rejected(errors),
                Verdict::Failed(problem) => return Delivery::Failed(problem),
                Verdict::Transient => parse_retry_after(answer.retry_after.as_deref(), now()),
            },
            Err(SendError::Build(why)) => {
                gloo::console::error!(format!("regdesk: registration not sent: {why}"));
                return Delivery::Failed(SubmitProblem::Server(0));
            }
            Err(why) => {
                gloo::console::warn!(format!("regdesk: try {tries} failed: {why}"));
                None
            }
        };
        match policy.next(tries, retry_after, random()) {
            Next::RetryIn(ms) => {
                progress(Progress::Waiting(tries));
                sleep(ms).await;
            }
            Next::Queue { not_before_ms } => {
                return Delivery::GaveUp {
                    hold_ms: not_before_ms,
                }
            }
        }
    }
}
