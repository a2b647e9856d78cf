//! The public API (contract section 3): the catalogue with live seats, with
//! ETags; and registrations.

use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, FromRequestParts, Path, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use regdesk_core::{availability, Availability, RegistrationRequest};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::error::ApiError;
use crate::store::{self, NewRegistration, SeatsTaken};
use crate::writer::{self, Registered};
use crate::{idempotency, App};

/// The largest request body accepted.
pub const MAX_BODY: usize = 64 * 1024;

pub fn routes() -> Router<App> {
    Router::new()
        .route("/api/events", get(list_events))
        .route("/api/events/{id}", get(one_event))
        .route("/api/registrations", post(register))
}

/// The one path parameter of a route, or 400 `bad-request` as problem+json
/// (e.g. percent-encoded bytes that are not UTF-8).
pub struct Param(pub String);

impl<S: Send + Sync> FromRequestParts<S> for Param {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        Path::<String>::from_request_parts(parts, state)
            .await
            .map(|Path(p)| Param(p))
            .map_err(|e| ApiError::BadRequest(e.body_text()))
    }
}

async fn list_events(State(app): State<App>, headers: HeaderMap) -> Result<Response, ApiError> {
    let catalogue = app.catalogue();
    let feed = app
        .store()
        .read(move |conn| {
            let taken = store::all_seats_taken(conn)?;
            let none = SeatsTaken::default();
            let events: Vec<Value> = catalogue
                .entries()
                .iter()
                .map(|e| e.live(taken.get(&e.event.id).unwrap_or(&none)))
                .collect();
            Ok(json!({ "events": events }))
        })
        .await?;
    Ok(conditional(&headers, &feed))
}

async fn one_event(
    State(app): State<App>,
    headers: HeaderMap,
    Param(id): Param,
) -> Result<Response, ApiError> {
    let catalogue = app.catalogue();
    let event = app
        .store()
        .read(move |conn| {
            let entry = catalogue
                .get(&id)
                .ok_or_else(|| ApiError::UnknownEvent(id.clone()))?;
            Ok(entry.live(&store::seats_taken(conn, &id)?))
        })
        .await?;
    Ok(conditional(&headers, &event))
}

/// The feed as JSON with a strong ETag (a hash of the exact bytes), or
/// `304 Not Modified` when `If-None-Match` already names it. `no-cache`
/// makes caches revalidate each time, so seat counts are never stale.
fn conditional(headers: &HeaderMap, body: &Value) -> Response {
    let bytes = body.to_string();
    let digest = format!("{:x}", Sha256::digest(bytes.as_bytes()));
    let etag = format!("\"{}\"", digest.get(..32).unwrap_or(&digest));
    let matches = headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .any(|tag| tag == "*" || tag.strip_prefix("W/").unwrap_or(tag) == etag);
    let status = if matches {
        StatusCode::NOT_MODIFIED
    } else {
        StatusCode::OK
    };
    let mut response = if matches {
        Response::new(Body::empty())
    } else {
        let mut r = Response::new(Body::from(bytes));
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        r
    };
    *response.status_mut() = status;
    let h = response.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if let Ok(tag) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, tag);
    }
    response
}

/// The request's body, with 413 `too-large` past [`MAX_BODY`].
async fn body_of(request: Request) -> Result<Bytes, ApiError> {
    Bytes::from_request(request, &()).await.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::TooLarge { limit: MAX_BODY }
        } else {
            ApiError::BadRequest(e.body_text())
        }
    })
}

/// A short reference a person can read out: `RD-` and 8 Crockford base32 characters.
fn new_reference() -> String {
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let bytes = uuid::Uuid::new_v4().into_bytes();
    let code: Vec<char> = bytes
        .iter()
        .take(8)
        .map(|b| char::from(ALPHABET[usize::from(*b) % 32]))
        .collect();
    let (a, b) = code.split_at(4);
    format!(
        "RD-{}-{}",
        a.iter().collect::<String>(),
        b.iter().collect::<String>()
    )
}

/// The registration body as JSON, whichever format it came in, and the key
/// the form format may carry in its body.
fn parse_body(headers: &HeaderMap, body: &[u8]) -> Result<(Value, Option<String>), ApiError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if essence == "application/json" || essence.ends_with("+json") {
        let value = serde_json::from_slice(body).map_err(|e| ApiError::BadJson(e.to_string()))?;
        Ok((value, None))
    } else if essence == "application/x-www-form-urlencoded" {
        // The `form` endpoint format: the key may travel in the body.
        let (request, body_key) = regdesk_core::urlencoded::decode(body).map_err(malformed)?;
        let value =
            serde_json::to_value(&request).map_err(|e| ApiError::Internal(e.to_string()))?;
        Ok((value, body_key))
    } else {
        Err(ApiError::UnsupportedMediaType)
    }
}

fn malformed(e: regdesk_core::FieldError) -> ApiError {
    ApiError::Validation {
        errors: vec![e],
        lang: regdesk_core::Lang::En,
    }
}

/// Refuses a registration the event does not take now.
fn check_open(event: &regdesk_core::Event) -> Result<(), ApiError> {
    let why = match availability::of_event(event, chrono::Utc::now()) {
        Availability::Cancelled => "the event is cancelled",
        Availability::Postponed => "the event is postponed",
        Availability::BrowseOnly => "the event takes no registrations",
        Availability::NotYetOpen(_) => "registration has not opened yet",
        Availability::Closed => "the registration period has ended",
        _ => return Ok(()),
    };
    Err(ApiError::Closed(why))
}

fn answer(registered: Registered) -> Response {
    let status = if registered.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    (status, Json(registered.response)).into_response()
}

async fn register(State(app): State<App>, request: Request) -> Result<Response, ApiError> {
    let headers = request.headers().clone();
    let header_key = idempotency::from_headers(&headers)?;
    // Claimed before the body is read: a retry sent while the first request
    // is still uploading or being stored gets 409 `in-flight`.
    let mut claim = header_key
        .as_deref()
        .map(|k| app.in_flight().claim(k))
        .transpose()?;
    let body = body_of(request).await?;
    let (value, body_key) = parse_body(&headers, &body)?;
    let key = match (header_key, body_key) {
        (Some(k), _) => Some(k),
        (None, Some(k)) => {
            let k = idempotency::parse(&k)?;
            claim = Some(app.in_flight().claim(&k)?);
            Some(k)
        }
        (None, None) => None,
    };
    // serde_json's maps are sorted, so this text is the same for the same data.
    let request_hash = format!("{:x}", Sha256::digest(value.to_string().as_bytes()));
    if let Some(key) = key.clone() {
        // A key already answered gets that answer, whatever has changed since
        // (the event may have closed or filled up).
        let since = writer::keys_valid_since(chrono::Utc::now(), app.key_ttl());
        if let Some(stored) = app
            .store()
            .read(move |conn| Ok(store::find_key(conn, &key, since)?))
            .await?
        {
            let replayed = writer::replay(stored, &request_hash)?;
            tracing::info!(replay = true, "registration");
            return Ok(answer(replayed));
        }
    }
    let request = RegistrationRequest::from_json(value).map_err(malformed)?;
    let lang = request.lang();
    let catalogue = app.catalogue();
    let entry = catalogue
        .get(&request.event_id)
        .ok_or_else(|| ApiError::UnknownEvent(request.event_id.clone()))?;
    check_open(&entry.event)?;
    let clean = regdesk_core::registration::validate(&entry.event, &request)
        .map_err(|errors| ApiError::Validation { errors, lang })?;
    let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_string);
    let consent = clean.consent.as_ref();
    let new = NewRegistration {
        reference: new_reference(),
        event_id: clean.event_id.clone(),
        location_id: clean.location_id.clone(),
        locale: clean.locale.clone(),
        consent_version: consent.map(|c| c.version.clone()),
        consent_purposes: consent.map(|c| json!(c.purposes).to_string()),
        consent_at: consent.map(|c| c.at.clone()),
        widget: clean.widget.clone(),
        idempotency_key: key,
        request_hash,
        attendees: clean
            .attendees
            .iter()
            .map(|a| {
                (
                    text(a.get("fullName")),
                    text(a.get("email")),
                    json!(a).to_string(),
                )
            })
            .collect(),
    };
    let seats = new.attendees.len();
    let registered = app.writer().register(new).await?;
    drop(claim);
    tracing::info!(
        event = %entry.event.id,
        status = %registered.response["status"].as_str().unwrap_or("?"),
        seats,
        replay = !registered.created,
        "registration"
    );
    Ok(answer(registered))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_readable_and_distinct() {
        let a = new_reference();
        assert_eq!(a.len(), "RD-XXXX-XXXX".len());
        assert!(a.starts_with("RD-"));
        assert!(!a.contains(['I', 'L', 'O', 'U']));
        assert_ne!(a, new_reference());
    }

    #[test]
    fn etags_are_strong_and_honoured_weak_or_listed() {
        let body = json!({"events": []});
        let first = conditional(&HeaderMap::new(), &body);
        assert_eq!(first.status(), 200);
        let tag = first.headers()[header::ETAG].to_str().unwrap().to_string();
        assert!(tag.starts_with('"') && !tag.starts_with("W/"));
        for sent in [
            tag.clone(),
            format!("W/{tag}"),
            format!("\"x\", {tag}"),
            "*".into(),
        ] {
            let mut h = HeaderMap::new();
            h.insert(header::IF_NONE_MATCH, sent.parse().unwrap());
            assert_eq!(conditional(&h, &body).status(), 304, "{sent}");
        }
        let mut h = HeaderMap::new();
        h.insert(header::IF_NONE_MATCH, "\"other\"".parse().unwrap());
        assert_eq!(conditional(&h, &body).status(), 200);
    }
}
