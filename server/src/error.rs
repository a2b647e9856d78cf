//! The server's errors. Each [`ApiError`] answers as RFC 9457 problem+json.

use axum::http::{header, StatusCode};
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
    #[error("internal error")]
    Internal(String),
}

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> Self {
        ApiError::Internal(e.to_string())
    }
}

impl ApiError {
    fn status_and_code(&self) -> (StatusCode, &'static str) {
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
        (
            status,
            [(header::CONTENT_TYPE, "application/problem+json")],
            body.to_string(),
        )
            .into_response()
    }
}
