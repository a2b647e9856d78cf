//! HTTP handlers: the catalogue with live seats, and registrations.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use regdesk_core::{availability, Availability, RegistrationRequest};
use rusqlite::TransactionBehavior;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::error::ApiError;
use crate::store::{self, NewRegistration};
use crate::App;

/// The largest registration body accepted.
pub const MAX_BODY: usize = 64 * 1024;

pub fn routes(app: App) -> Router {
    Router::new()
        .route("/api/events", get(list_events))
        .route("/api/events/{id}", get(one_event))
        .route("/api/registrations", post(register))
        .route("/healthz", get(|| async { "ok" }))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY))
        .with_state(app)
}

async fn list_events(State(app): State<App>) -> Result<Response, ApiError> {
    let catalogue = app.catalogue.clone();
    let events = app
        .store
        .with(move |conn| {
            catalogue
                .entries()
                .iter()
                .map(|entry| Ok(entry.live(&store::seats_taken(conn, &entry.event.id)?)))
                .collect::<Result<Vec<Value>, ApiError>>()
        })
        .await?;
    Ok(feed_response(json!({ "events": events })))
}

async fn one_event(State(app): State<App>, Path(id): Path<String>) -> Result<Response, ApiError> {
    let catalogue = app.catalogue.clone();
    let event = app
        .store
        .with(move |conn| {
            let entry = catalogue
                .get(&id)
                .ok_or(ApiError::UnknownEvent(id.clone()))?;
            Ok(entry.live(&store::seats_taken(conn, &id)?))
        })
        .await?;
    Ok(feed_response(event))
}

fn feed_response(body: Value) -> Response {
    ([(header::CACHE_CONTROL, "no-cache")], Json(body)).into_response()
}

/// The `Idempotency-Key` header: a quoted or bare string of 1 to 255 visible characters.
fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    let Some(value) = headers.get("idempotency-key") else {
        return Ok(None);
    };
    check_key(value.to_str().map_err(|_| ApiError::BadKey)?).map(Some)
}

fn check_key(text: &str) -> Result<String, ApiError> {
    let text = text.trim();
    let key = text
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .unwrap_or(text);
    if key.is_empty() || key.len() > 255 || !key.chars().all(|c| c.is_ascii_graphic()) {
        return Err(ApiError::BadKey);
    }
    Ok(key.to_string())
}

/// A short reference a person can read out: `RD-` and 8 Crockford base32 characters.
fn new_reference() -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let bytes = uuid::Uuid::new_v4().into_bytes();
    let code: String = bytes
        .iter()
        .take(8)
        .map(|b| ALPHABET[(*b as usize) % 32] as char)
        .collect();
    format!("RD-{}-{}", &code[..4], &code[4..])
}

async fn register(
    State(app): State<App>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
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
    let malformed = |e| ApiError::Validation {
        errors: vec![e],
        lang: regdesk_core::Lang::En,
    };
    let (value, key) = if essence == "application/json" || essence.ends_with("+json") {
        let value: Value =
            serde_json::from_slice(&body).map_err(|e| ApiError::BadJson(e.to_string()))?;
        (value, idempotency_key(&headers)?)
    } else if essence == "application/x-www-form-urlencoded" {
        // The `form` endpoint format: the key may travel in the body.
        let (request, body_key) = regdesk_core::urlencoded::decode(&body).map_err(malformed)?;
        let value =
            serde_json::to_value(&request).map_err(|e| ApiError::Internal(e.to_string()))?;
        let key = match idempotency_key(&headers)? {
            Some(k) => Some(k),
            None => body_key.map(|k| check_key(&k)).transpose()?,
        };
        (value, key)
    } else {
        return Err(ApiError::UnsupportedMediaType);
    };
    // serde_json's maps are sorted, so this text is the same for the same data.
    let request_hash = format!("{:x}", Sha256::digest(value.to_string().as_bytes()));
    let request = RegistrationRequest::from_json(value).map_err(malformed)?;
    let lang = request.lang();
    let entry = app
        .catalogue
        .get(&request.event_id)
        .ok_or_else(|| ApiError::UnknownEvent(request.event_id.clone()))?;
    let now = chrono::Utc::now();
    match availability::of_event(&entry.event, now) {
        Availability::Cancelled => return Err(ApiError::Closed("the event is cancelled")),
        Availability::Postponed => return Err(ApiError::Closed("the event is postponed")),
        Availability::BrowseOnly => {
            return Err(ApiError::Closed("the event takes no registrations"))
        }
        Availability::NotYetOpen(_) => {
            return Err(ApiError::Closed("registration has not opened yet"))
        }
        Availability::Closed => return Err(ApiError::Closed("the registration period has ended")),
        _ => {}
    }
    let clean = regdesk_core::registration::validate(&entry.event, &request)
        .map_err(|errors| ApiError::Validation { errors, lang })?;
    let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_string);
    let new = NewRegistration {
        reference: new_reference(),
        event_id: clean.event_id.clone(),
        location_id: clean.location_id.clone(),
        locale: clean.locale.clone(),
        consent_version: clean.consent.as_ref().map(|c| c.version.clone()),
        consent_purposes: clean
            .consent
            .as_ref()
            .map(|c| json!(c.purposes).to_string()),
        consent_at: clean.consent.as_ref().map(|c| c.at.clone()),
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
    let catalogue = app.catalogue.clone();
    let (status_code, reference, status) = app
        .store
        .with(move |conn| {
            let entry = catalogue
                .get(&new.event_id)
                .ok_or_else(|| ApiError::UnknownEvent(new.event_id.clone()))?;
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            if let Some(key) = &new.idempotency_key {
                if let Some(stored) = store::find_by_key(&tx, key)? {
                    return if stored.request_hash == new.request_hash {
                        Ok((StatusCode::OK, stored.reference, stored.status))
                    } else {
                        Err(ApiError::KeyReused)
                    };
                }
            }
            let emails: Vec<String> = new
                .attendees
                .iter()
                .filter_map(|(_, e, _)| e.clone())
                .collect();
            if store::any_registered(&tx, &new.event_id, &emails)? {
                return Err(ApiError::AlreadyRegistered);
            }
            let taken = store::seats_taken(&tx, &new.event_id)?;
            let need = new.attendees.len() as u32;
            let fits = |left: Option<u32>| left.is_none_or(|n| n >= need);
            let site_left = new
                .location_id
                .as_deref()
                .and_then(|l| entry.location_seats_left(l, &taken));
            let status = if fits(entry.event_seats_left(&taken)) && fits(site_left) {
                "confirmed"
            } else if entry
                .event
                .registration
                .as_ref()
                .is_some_and(|r| r.waitlist)
            {
                "waitlisted"
            } else {
                return Err(ApiError::Full);
            };
            store::insert(&tx, &new, status, &chrono::Utc::now().to_rfc3339())?;
            tx.commit()?;
            Ok((StatusCode::CREATED, new.reference, status.to_string()))
        })
        .await?;
    tracing::info!(event = %entry.event.id, %status, replay = status_code == StatusCode::OK, "registration");
    Ok((
        status_code,
        Json(json!({ "reference": reference, "status": status })),
    )
        .into_response())
}
