//! Talking to the feed and the registration endpoint.

use gloo_net::http::Request;

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
}

/// POSTs a registration as JSON with its Idempotency-Key (a quoted string,
/// as the IETF draft writes it). `Err` only when no answer came.
pub async fn post_registration(endpoint: &str, body: String, key: &str) -> Result<Answer, String> {
    let response = Request::post(endpoint)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, application/problem+json")
        .header("Idempotency-Key", &format!("\"{key}\""))
        .body(body)
        .map_err(|e| e.to_string())?
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let status = response.status();
    let body = response.text().await.unwrap_or_default();
    Ok(Answer { status, body })
}
