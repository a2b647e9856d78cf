//! Registrations in SQLite. One connection behind a mutex: every write is a
//! short transaction, so the seat check and the insert are one atomic step.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use rusqlite::{params, Connection, OptionalExtension};

/// Migrations, in order; `PRAGMA user_version` counts those applied.
const MIGRATIONS: &[&str] = &[r#"
CREATE TABLE registrations (
    id              INTEGER PRIMARY KEY,
    reference       TEXT NOT NULL UNIQUE,
    event_id        TEXT NOT NULL,
    location_id     TEXT,
    status          TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
    seats           INTEGER NOT NULL,
    locale          TEXT,
    consent_version TEXT,
    consent_purposes TEXT,
    consent_at      TEXT,
    widget          TEXT,
    idempotency_key TEXT UNIQUE,
    request_hash    TEXT,
    created_at      TEXT NOT NULL
);
CREATE INDEX registrations_event ON registrations (event_id, status);
CREATE TABLE attendees (
    id              INTEGER PRIMARY KEY,
    registration_id INTEGER NOT NULL REFERENCES registrations (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    full_name       TEXT,
    email           TEXT,
    answers         TEXT NOT NULL
);
CREATE INDEX attendees_email ON attendees (email);
"#];

/// Confirmed seats taken, for one event: in all and per site.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SeatsTaken {
    pub event: u32,
    pub by_location: HashMap<String, u32>,
}

/// A registration ready to store.
pub struct NewRegistration {
    pub reference: String,
    pub event_id: String,
    pub location_id: Option<String>,
    pub locale: Option<String>,
    pub consent_version: Option<String>,
    pub consent_purposes: Option<String>,
    pub consent_at: Option<String>,
    pub widget: Option<String>,
    pub idempotency_key: Option<String>,
    pub request_hash: String,
    /// Each attendee: full name, email, all answers as a JSON object.
    pub attendees: Vec<(Option<String>, Option<String>, String)>,
}

/// A registration already stored under an idempotency key.
#[derive(Debug, Clone)]
pub struct Stored {
    pub reference: String,
    pub status: String,
    pub request_hash: String,
}

#[derive(Clone)]
pub struct Store {
    conn: Arc<Mutex<Connection>>,
}

impl Store {
    pub fn open(path: &Path) -> Result<Self, rusqlite::Error> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            let _ = std::fs::create_dir_all(dir);
        }
        let mut conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        migrate(&mut conn)?;
        Ok(Self {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    /// Runs `f` with the connection on a blocking thread.
    pub async fn with<T, F>(&self, f: F) -> Result<T, crate::ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, crate::ApiError> + Send + 'static,
    {
        let conn = self.conn.clone();
        tokio::task::spawn_blocking(move || {
            let mut guard = conn
                .lock()
                .map_err(|_| crate::ApiError::Internal("database lock poisoned".into()))?;
            f(&mut guard)
        })
        .await
        .map_err(|e| crate::ApiError::Internal(e.to_string()))?
    }
}

fn migrate(conn: &mut Connection) -> Result<(), rusqlite::Error> {
    let applied: usize = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(applied) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i + 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// Confirmed seats taken for `event_id`.
pub fn seats_taken(conn: &Connection, event_id: &str) -> Result<SeatsTaken, rusqlite::Error> {
    let mut stmt = conn.prepare_cached(
        "SELECT location_id, SUM(seats) FROM registrations
         WHERE event_id = ?1 AND status = 'confirmed' GROUP BY location_id",
    )?;
    let mut taken = SeatsTaken::default();
    for row in stmt.query_map([event_id], |r| {
        Ok((r.get::<_, Option<String>>(0)?, r.get::<_, u32>(1)?))
    })? {
        let (location, n) = row?;
        taken.event += n;
        if let Some(location) = location {
            *taken.by_location.entry(location).or_default() += n;
        }
    }
    Ok(taken)
}

/// Whether any of `emails` is already registered (not cancelled) for the event.
pub fn any_registered(
    conn: &Connection,
    event_id: &str,
    emails: &[String],
) -> Result<bool, rusqlite::Error> {
    let mut stmt = conn.prepare_cached(
        "SELECT 1 FROM attendees a JOIN registrations r ON r.id = a.registration_id
         WHERE r.event_id = ?1 AND r.status != 'cancelled' AND lower(a.email) = lower(?2) LIMIT 1",
    )?;
    for email in emails {
        if stmt.exists(params![event_id, email])? {
            return Ok(true);
        }
    }
    Ok(false)
}

pub fn find_by_key(conn: &Connection, key: &str) -> Result<Option<Stored>, rusqlite::Error> {
    conn.query_row(
        "SELECT reference, status, request_hash FROM registrations WHERE idempotency_key = ?1",
        [key],
        |r| {
            Ok(Stored {
                reference: r.get(0)?,
                status: r.get(1)?,
                request_hash: r.get(2)?,
            })
        },
    )
    .optional()
}

/// Inserts the registration and its attendees; `tx` is committed by the caller.
pub fn insert(
    tx: &rusqlite::Transaction<'_>,
    reg: &NewRegistration,
    status: &str,
    now: &str,
) -> Result<(), rusqlite::Error> {
    tx.execute(
        "INSERT INTO registrations (reference, event_id, location_id, status, seats, locale,
            consent_version, consent_purposes, consent_at, widget, idempotency_key, request_hash, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            reg.reference, reg.event_id, reg.location_id, status, reg.attendees.len() as u32, reg.locale,
            reg.consent_version, reg.consent_purposes, reg.consent_at, reg.widget, reg.idempotency_key,
            reg.request_hash, now
        ],
    )?;
    let id = tx.last_insert_rowid();
    let mut stmt = tx.prepare_cached(
        "INSERT INTO attendees (registration_id, position, full_name, email, answers) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, (name, email, answers)) in reg.attendees.iter().enumerate() {
        stmt.execute(params![id, i as u32, name, email, answers])?;
    }
    Ok(())
}
