//! The admin API, for the member organisation's staff: registrations of an
//! event as JSON or CSV, one registration by its reference, and cancelling
//! one (which promotes the waiting list). Behind a bearer token that the
//! operator sets; without one these routes do not exist.

use std::collections::BTreeSet;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::api::Param;
use crate::catalogue::CatalogueEntry;
use crate::error::{ApiError, StartError};
use crate::limits::{self, Class};
use crate::store::{self, RegistrationRow};
use crate::App;

/// The shortest token accepted.
pub const MIN_TOKEN_LEN: usize = 16;

/// The admin token, kept only as its SHA-256 so that comparing takes the
/// same time whatever the guess.
pub struct AdminToken([u8; 32]);

impl AdminToken {
    pub fn new(token: &str) -> Result<Self, StartError> {
        let token = token.trim();
        if token.chars().count() < MIN_TOKEN_LEN {
            return Err(StartError::AdminToken(
                "must be at least 16 characters long",
            ));
        }
        if token.chars().any(|c| !c.is_ascii_graphic()) {
            return Err(StartError::AdminToken(
                "must be visible ASCII characters without spaces",
            ));
        }
        Ok(Self(Sha256::digest(token.as_bytes()).into()))
    }

    fn accepts(&self, presented: &str) -> bool {
        let presented: [u8; 32] = Sha256::digest(presented.as_bytes()).into();
        presented
            .iter()
            .zip(self.0.iter())
            .fold(0u8, |diff, (a, b)| diff | (a ^ b))
            == 0
    }
}

pub fn routes() -> Router<App> {
    Router::new()
        .route("/api/admin/events/{id}/registrations", get(list_json))
        .route("/api/admin/events/{id}/registrations.csv", get(list_csv))
        .route("/api/admin/registrations/{reference}", get(one))
        .route("/api/admin/registrations/{reference}/cancel", post(cancel))
}

/// Middleware: `Authorization: Bearer <token>`, else 401. Failed attempts
/// count against the client's write rate limit, so guessing is slow.
pub async fn require_token(State(app): State<App>, request: Request, next: Next) -> Response {
    let presented = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            let (scheme, token) = v.trim().split_once(' ')?;
            scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
        });
    let ok = match (app.admin_token(), presented) {
        (Some(token), Some(p)) => token.accepts(p),
        _ => false,
    };
    if ok {
        return next.run(request).await;
    }
    if let Some(client) = limits::client_of(&app, &request) {
        if let Err(e) = app.limiter().check(Class::Write, client) {
            return e.into_response();
        }
    }
    tracing::warn!(
        route = limits::route_of(&request),
        "admin request without a valid token"
    );
    ApiError::Unauthorized.into_response()
}

/// The event's registrations, or 404 if the event is neither in the
/// catalogue nor in the database.
async fn rows_of(app: &App, event_id: String) -> Result<Vec<RegistrationRow>, ApiError> {
    let known = app.catalogue().get(&event_id).is_some();
    let id = event_id.clone();
    let rows = app
        .store()
        .read(move |conn| Ok(store::list(conn, &id)?))
        .await?;
    if rows.is_empty() && !known {
        return Err(ApiError::UnknownEvent(event_id));
    }
    Ok(rows)
}

async fn list_json(State(app): State<App>, Param(id): Param) -> Result<Response, ApiError> {
    let rows = rows_of(&app, id.clone()).await?;
    let count = |s: &str| {
        rows.iter()
            .filter(|r| r.status == s)
            .map(|r| r.seats)
            .sum::<u32>()
    };
    let body = json!({
        "eventId": id,
        "seats": {
            "confirmed": count("confirmed"),
            "waitlisted": count("waitlisted"),
            "cancelled": count("cancelled"),
        },
        "registrations": rows.iter().map(RegistrationRow::to_json).collect::<Vec<_>>(),
    });
    Ok(Json(body).into_response())
}

async fn list_csv(State(app): State<App>, Param(id): Param) -> Result<Response, ApiError> {
    let rows = rows_of(&app, id.clone()).await?;
    let catalogue = app.catalogue();
    let bytes = to_csv(catalogue.get(&id), &rows)?;
    let file: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    let disposition = format!("attachment; filename=\"{file}-registrations.csv\"");
    let mut response = bytes.into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(response)
}

async fn one(State(app): State<App>, Param(reference): Param) -> Result<Response, ApiError> {
    let found = app
        .store()
        .read({
            let reference = reference.clone();
            move |conn| Ok(store::by_reference(conn, &reference)?)
        })
        .await?
        .ok_or(ApiError::UnknownRegistration(reference))?;
    Ok(Json(found.to_json()).into_response())
}

async fn cancel(State(app): State<App>, Param(reference): Param) -> Result<Response, ApiError> {
    let done = app.writer().cancel(reference).await?;
    let promoted: Vec<Value> = done
        .promoted
        .iter()
        .map(|p| json!({ "reference": p.reference, "locationId": p.location_id, "status": "confirmed" }))
        .collect();
    Ok(Json(json!({
        "reference": done.reference,
        "eventId": done.event_id,
        "status": "cancelled",
        "previousStatus": done.was,
        "promoted": promoted,
    }))
    .into_response())
}

/// A cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a
/// tab or carriage return first) is written with a `'` before it, so that
/// text typed into a public form can never run in the organiser's
/// spreadsheet program (CSV injection).
fn cell(text: String) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text
    }
}

fn answer_text(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| answer_text(Some(v)))
            .collect::<Vec<_>>()
            .join("; "),
        Some(other) => other.to_string(),
    }
}

/// One row per attendee, UTF-8 with a byte-order mark (so that spreadsheet
/// programs read Vietnamese, Thai, Lao, Khmer and Burmese correctly), CRLF
/// line ends. The answer columns are the event's form fields in form order,
/// then any other answers found (fields since removed from the feed).
pub fn to_csv(
    entry: Option<&CatalogueEntry>,
    rows: &[RegistrationRow],
) -> Result<Vec<u8>, ApiError> {
    let mut fields: Vec<String> = entry
        .and_then(|e| e.event.registration.as_ref())
        .map(|r| r.fields.iter().map(|f| f.name.clone()).collect())
        .unwrap_or_default();
    let others: BTreeSet<&String> = rows
        .iter()
        .flat_map(|r| r.attendees.iter().flat_map(|a| a.keys()))
        .filter(|k| !fields.contains(k))
        .collect();
    fields.extend(others.into_iter().cloned());

    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let fixed = [
            "reference",
            "status",
            "location",
            "registeredAt",
            "statusChangedAt",
            "attendee",
        ];
        let tail = ["consentVersion", "consentPurposes", "consentAt", "locale"];
        let header: Vec<String> = fixed
            .iter()
            .map(|s| s.to_string())
            .chain(fields.iter().cloned().map(cell))
            .chain(tail.iter().map(|s| s.to_string()))
            .collect();
        let csv_error = |e: csv::Error| ApiError::Internal(format!("csv: {e}"));
        w.write_record(&header).map_err(csv_error)?;
        for row in rows {
            for (i, attendee) in row.attendees.iter().enumerate() {
                let mut record = vec![
                    row.reference.clone(),
                    row.status.clone(),
                    cell(row.location_id.clone().unwrap_or_default()),
                    row.created_at.clone(),
                    row.status_changed_at.clone().unwrap_or_default(),
                    (i + 1).to_string(),
                ];
                record.extend(fields.iter().map(|f| cell(answer_text(attendee.get(f)))));
                record.push(cell(row.consent_version.clone().unwrap_or_default()));
                record.push(cell(row.consent_purposes.join(" ")));
                record.push(cell(row.consent_at.clone().unwrap_or_default()));
                record.push(cell(row.locale.clone().unwrap_or_default()));
                w.write_record(&record).map_err(csv_error)?;
            }
        }
        w.flush()
            .map_err(|e| ApiError::Internal(format!("csv: {e}")))?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_must_be_long_and_compare_exactly() {
        assert!(AdminToken::new("short").is_err());
        assert!(AdminToken::new("with a space in it, long enough").is_err());
        let t = AdminToken::new("s3cret-token-of-enough-length").unwrap();
        assert!(t.accepts("s3cret-token-of-enough-length"));
        assert!(!t.accepts("s3cret-token-of-enough-lengtH"));
        assert!(!t.accepts(""));
    }

    #[test]
    fn csv_has_a_bom_quotes_and_defuses_formulas() {
        let row = RegistrationRow {
            id: 1,
            reference: "RD-AAAA-BBBB".into(),
            event_id: "e".into(),
            location_id: Some("hanoi".into()),
            status: "confirmed".into(),
            seats: 1,
            locale: Some("th".into()),
            consent_version: Some("2026-01".into()),
            consent_purposes: vec!["processing".into()],
            consent_at: Some("2026-11-22T10:00:00Z".into()),
            widget: None,
            created_at: "2026-11-22T10:00:00.000Z".into(),
            status_changed_at: None,
            attendees: vec![serde_json::from_value(json!({
                "fullName": "สมชาย \"ใจดี\", Jr.",
                "phone": "+66 2 123 4567",
                "note": "=HYPERLINK(\"http://x\")",
                "topics": ["a", "b"],
            }))
            .unwrap()],
        };
        let bytes = to_csv(None, &[row]).unwrap();
        assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]));
        let text = String::from_utf8(bytes).unwrap();
        let lines: Vec<&str> = text.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(
            lines[0],
            "reference,status,location,registeredAt,statusChangedAt,attendee,fullName,note,phone,topics,consentVersion,consentPurposes,consentAt,locale"
        );
        assert!(
            lines[1].contains("\"สมชาย \"\"ใจดี\"\", Jr.\""),
            "{}",
            lines[1]
        );
        assert!(lines[1].contains(",'+66 2 123 4567,"));
        assert!(lines[1].contains("\"'=HYPERLINK(\"\"http://x\"\")\""));
        assert!(lines[1].contains(",a; b,"));
    }
}
