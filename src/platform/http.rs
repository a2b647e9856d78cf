//! Talking to the feed and the registration endpoint.

use std::cell::Cell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use gloo_net::http::Request;
use regdesk_core::RegistrationRequest;
use web_sys::AbortController;

use crate::state::submission::EndpointFormat;

/// Why the feed could not be had.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("network error: {0}")]
    Network(String),
    #[error("the server answered {0}")]
    Status(u16),
}

/// The body of a successful `GET`.
pub async fn fetch_text(url: &str) -> Result<String, LoadError> {
    let response = Request::get(url)
        .header("Accept", "application/json, application/ld+json")
        .send()
        .await
        .map_err(|e| LoadError::Network(e.to_string()))?;
    if !response.ok() {
        return Err(LoadError::Status(response.status()));
    }
    response
        .text()
        .await
        .map_err(|e| LoadError::Network(e.to_string()))
}

/// The endpoint's answer to a registration, whatever its status.
pub struct Answer {
    pub status: u16,
    pub body: String,
    /// The `Retry-After` header, when the endpoint sent (and exposed) one.
    pub retry_after: Option<String>,
}

/// Why no answer came.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    #[error("network error: {0}")]
    Network(String),
    #[error("no answer within {0} ms")]
    Timeout(u64),
    #[error("the request could not be built: {0}")]
    Build(String),
}

/// POSTs a registration in `format` with its Idempotency-Key, giving up after
/// `timeout_ms` (the request is aborted). JSON carries the key in the
/// `Idempotency-Key` header (a quoted string, as the IETF draft writes it);
/// the form format carries it in the body, and sets no header that would
/// make the browser send a CORS preflight.
pub async fn post_registration(
    endpoint: &str,
    format: EndpointFormat,
    request: &RegistrationRequest,
    key: &str,
    timeout_ms: u64,
) -> Result<Answer, SendError> {
    let controller =
        AbortController::new().map_err(|_| SendError::Build("AbortController".into()))?;
    let timed_out = Rc::new(Cell::new(false));
    let _timer = {
        let (controller, timed_out) = (controller.clone(), timed_out.clone());
        Timeout::new(timeout_ms.min(u64::from(u32::MAX)) as u32, move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let signal = controller.signal();
    let builder = Request::post(endpoint)
        .header("Accept", "application/json, application/problem+json")
        .abort_signal(Some(&signal));
    let built = match format {
        EndpointFormat::Json => {
            let body =
                serde_json::to_string(request).map_err(|e| SendError::Build(e.to_string()))?;
            builder
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", &format!("\"{key}\""))
                .body(body)
        }
        EndpointFormat::Form => builder
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(regdesk_core::urlencoded::encode(request, key)),
    }
    .map_err(|e| SendError::Build(e.to_string()))?;
    let failed = |e: gloo_net::Error| {
        if timed_out.get() {
            SendError::Timeout(timeout_ms)
        } else {
            SendError::Network(e.to_string())
        }
    };
    let response = built.send().await.map_err(failed)?;
    let status = response.status();
    let retry_after = response.headers().get("retry-after");
    // The body is read under the same timeout.
    let body = response.text().await.map_err(failed)?;
    Ok(Answer {
        status,
        body,
        retry_after,
    })
}
