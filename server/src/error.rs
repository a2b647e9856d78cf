//! The server's errors. Each [`ApiError`] answers as RFC 9457 problem+json.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use regdesk_core::{FieldError, Lang};
use serde_json::json;

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot read the catalogue {path}: {source}")]
    CatalogueRead {
        path: String,
        source: std::io::Error,
    },
    #[error("the catalogue {path} is not a feed: {source}")]
    CatalogueParse {
        path: String,
        source: regdesk_core::FeedError,
    },
    #[error("database: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("not an origin: {0:?} (expected e.g. https://www.example.org)")]
    Origin(String),
    #[error("the admin token {0}")]
    AdminToken(&'static str),
    #[error("cannot read the admin token file {path}: {source}")]
    AdminTokenFile {
        path: String,
        source: std::io::Error,
    },
    #[error("the database writer could not start: {0}")]
    Writer(std::io::Error),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// A request that could not be honoured.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("validation failed")]
    Validation { errors: Vec<FieldError>, lang: Lang },
    #[error("the request body is not valid JSON: {0}")]
    BadJson(String),
    #[error("unsupported content type")]
    UnsupportedMediaType,
    #[error("no event with id {0:?}")]
    UnknownEvent(String),
    #[error("registration is closed: {0}")]
    Closed(&'static str),
    #[error("this email address is already registered for this event")]
    AlreadyRegistered,
    #[error("no seats are left and there is no waiting list")]
    Full,
    #[error("this Idempotency-Key was used with a different request")]
    KeyReused,
    #[error("the Idempotency-Key header is not valid")]
    BadKey,
    #[error("a request with this Idempotency-Key is still being processed; retry shortly")]
    InFlight,
    #[error("too many requests from this client; retry after {retry_after} s")]
    RateLimited { retry_after: u64 },
    #[error("the request body is larger than {limit} bytes")]
    TooLarge { limit: usize },
    #[error("the request took too long; retry shortly")]
    Timeout,
    #[error("the server is busy; retry shortly")]
    Busy,
    #[error("the request could not be read: {0}")]
    BadRequest(String),
    #[error("a valid admin token is needed (Authorization: Bearer ...)")]
    Unauthorized,
    #[error("no registration with reference {0:?}")]
    UnknownRegistration(String),
    #[error("no such resource")]
    NotFound,
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("the database is not available")]
    Unavailable,
    #[error("internal error")]
    Internal(String),
}

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> Self {
        ApiError::Internal(e.to_string())
    }
}

impl ApiError {
    /// Seconds the client should wait before retrying, when it should.
    fn retry_after(&self) -> Option<u64> {
        match self {
            ApiError::RateLimited { retry_after } => Some(*retry_after),
            ApiError::InFlight | ApiError::Timeout | ApiError::Busy | ApiError::Unavailable => {
                Some(1)
            }
            _ => None,
        }
    }

    pub(crate) fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            ApiError::Validation { .. } => (StatusCode::UNPROCESSABLE_ENTITY, "validation"),
            ApiError::BadJson(_) => (StatusCode::BAD_REQUEST, "bad-json"),
            ApiError::UnsupportedMediaType => {
                (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type")
            }
            ApiError::UnknownEvent(_) => (StatusCode::NOT_FOUND, "unknown-event"),
            ApiError::Closed(_) => (StatusCode::GONE, "closed"),
            ApiError::AlreadyRegistered => (StatusCode::CONFLICT, "already-registered"),
            ApiError::Full => (StatusCode::CONFLICT, "full"),
            ApiError::KeyReused => (StatusCode::UNPROCESSABLE_ENTITY, "idempotency-key-reused"),
            ApiError::BadKey => (StatusCode::BAD_REQUEST, "bad-idempotency-key"),
            ApiError::InFlight => (StatusCode::CONFLICT, "in-flight"),
            ApiError::RateLimited { .. } => (StatusCode::TOO_MANY_REQUESTS, "rate-limited"),
            ApiError::TooLarge { .. } => (StatusCode::PAYLOAD_TOO_LARGE, "too-large"),
            ApiError::Timeout => (StatusCode::SERVICE_UNAVAILABLE, "timeout"),
            ApiError::Busy => (StatusCode::SERVICE_UNAVAILABLE, "busy"),
            ApiError::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad-request"),
            ApiError::Unauthorized => (StatusCode::UNAUTHORIZED, "unauthorized"),
            ApiError::UnknownRegistration(_) => (StatusCode::NOT_FOUND, "unknown-registration"),
            ApiError::NotFound => (StatusCode::NOT_FOUND, "not-found"),
            ApiError::MethodNotAllowed => (StatusCode::METHOD_NOT_ALLOWED, "method-not-allowed"),
            ApiError::Unavailable => (StatusCode::SERVICE_UNAVAILABLE, "unavailable"),
            ApiError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        let mut body = json!({
            "type": format!("https://regdesk.dev/problems/{code}"),
            "title": status.canonical_reason().unwrap_or("Error"),
            "status": status.as_u16(),
            "code": code,
        });
        match &self {
            ApiError::Validation { errors, lang } => {
                body["detail"] = json!("Some answers need correcting.");
                body["errors"] = errors
                    .iter()
                    .map(|e| json!({"pointer": e.pointer, "detail": e.message(*lang), "code": e.code}))
                    .collect();
            }
            ApiError::Internal(cause) => {
                tracing::error!(%cause, "internal error");
                body["detail"] = json!("The server could not complete the request.");
            }
            other => body["detail"] = json!(other.to_string()),
        }
        let mut response = (
            status,
            [(header::CONTENT_TYPE, "application/problem+json")],
            body.to_string(),
        )
            .into_response();
        let headers = response.headers_mut();
        if let Some(secs) = self.retry_after() {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        if matches!(self, ApiError::Unauthorized) {
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"regdesk-admin\""),
            );
        }
        response
    }
}
