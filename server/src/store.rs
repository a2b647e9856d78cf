//! Registrations in SQLite (WAL, `synchronous=FULL`). Writes go through the
//! one writer thread ([`crate::writer`]); reads use a small pool of read-only
//! connections, which WAL lets run beside the writer.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use serde_json::{json, Value};

use crate::error::ApiError;

/// Migrations, in order; `PRAGMA user_version` counts those applied.
const MIGRATIONS: &[&str] = &[
    r#"
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
"#,
    // Idempotency keys get their own table so that they can expire (the
    // registration keeps the key it was made with, for reference). Confirmed
    // seats are counted in `seat_counts`, kept by triggers whoever writes,
    // so that a seat check reads one row per site instead of every
    // registration. E-mail checks use an index.
    r#"
CREATE TABLE idempotency_keys (
    key             TEXT PRIMARY KEY,
    request_hash    TEXT NOT NULL,
    response        TEXT NOT NULL,
    created_ms      INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO idempotency_keys (key, request_hash, response, created_ms)
    SELECT idempotency_key, COALESCE(request_hash, ''),
           json_object('reference', reference, 'status', status),
           COALESCE(CAST(unixepoch(created_at, 'subsec') * 1000 AS INTEGER), unixepoch() * 1000)
    FROM registrations WHERE idempotency_key IS NOT NULL;
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_ms);
ALTER TABLE registrations ADD COLUMN status_changed_at TEXT;
DROP INDEX attendees_email;
CREATE INDEX attendees_email ON attendees (lower(email));
CREATE INDEX attendees_registration ON attendees (registration_id, position);

-- location_id '' stands for "no site".
CREATE TABLE seat_counts (
    event_id        TEXT NOT NULL,
    location_id     TEXT NOT NULL,
    seats           INTEGER NOT NULL,
    PRIMARY KEY (event_id, location_id)
) WITHOUT ROWID;
INSERT INTO seat_counts (event_id, location_id, seats)
    SELECT event_id, COALESCE(location_id, ''), SUM(seats) FROM registrations
    WHERE status = 'confirmed' GROUP BY 1, 2;
CREATE TRIGGER seat_counts_insert AFTER INSERT ON registrations WHEN NEW.status = 'confirmed'
BEGIN
    INSERT INTO seat_counts (event_id, location_id, seats)
        VALUES (NEW.event_id, COALESCE(NEW.location_id, ''), NEW.seats)
        ON CONFLICT (event_id, location_id) DO UPDATE SET seats = seats + excluded.seats;
END;
CREATE TRIGGER seat_counts_delete AFTER DELETE ON registrations WHEN OLD.status = 'confirmed'
BEGIN
    UPDATE seat_counts SET seats = seats - OLD.seats
        WHERE event_id = OLD.event_id AND location_id = COALESCE(OLD.location_id, '');
END;
CREATE TRIGGER seat_counts_update AFTER UPDATE OF status, seats, event_id, location_id ON registrations
BEGIN
    UPDATE seat_counts SET seats = seats - OLD.seats
        WHERE OLD.status = 'confirmed'
          AND event_id = OLD.event_id AND location_id = COALESCE(OLD.location_id, '');
    INSERT INTO seat_counts (event_id, location_id, seats)
        SELECT NEW.event_id, COALESCE(NEW.location_id, ''), NEW.seats WHERE NEW.status = 'confirmed'
        ON CONFLICT (event_id, location_id) DO UPDATE SET seats = seats + excluded.seats;
END;
"#,
];

/// How long a writer waits for another process holding the database.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// Read connections kept open between requests.
const READERS_KEPT: usize = 4;

/// Confirmed seats taken, for one event: in all and per site.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SeatsTaken {
    pub event: u32,
    pub by_location: HashMap<String, u32>,
}

impl SeatsTaken {
    /// Counts `n` seats at `location` (`""`: no site).
    fn add(&mut self, location: String, n: u32) {
        self.event = self.event.saturating_add(n);
        if !location.is_empty() {
            let at = self.by_location.entry(location).or_default();
            *at = at.saturating_add(n);
        }
    }
}

/// A registration ready to store.
#[derive(Debug, Clone)]
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

/// The answer stored under an idempotency key.
#[derive(Debug, Clone)]
pub struct StoredKey {
    pub request_hash: String,
    pub response: String,
}

/// One registration, as the admin API shows it.
#[derive(Debug, Clone)]
pub struct RegistrationRow {
    pub id: i64,
    pub reference: String,
    pub event_id: String,
    pub location_id: Option<String>,
    pub status: String,
    pub seats: u32,
    pub locale: Option<String>,
    pub consent_version: Option<String>,
    pub consent_purposes: Vec<String>,
    pub consent_at: Option<String>,
    pub widget: Option<String>,
    pub created_at: String,
    pub status_changed_at: Option<String>,
    /// Each attendee's answers, in order.
    pub attendees: Vec<serde_json::Map<String, Value>>,
}

impl RegistrationRow {
    pub fn to_json(&self) -> Value {
        json!({
            "reference": self.reference,
            "eventId": self.event_id,
            "locationId": self.location_id,
            "status": self.status,
            "seats": self.seats,
            "locale": self.locale,
            "consent": self.consent_version.as_ref().map(|v| json!({
                "version": v, "purposes": self.consent_purposes, "at": self.consent_at,
            })),
            "widget": self.widget,
            "createdAt": self.created_at,
            "statusChangedAt": self.status_changed_at,
            "attendees": self.attendees,
        })
    }
}

/// Opens a connection with the settings every connection uses.
pub fn connect(path: &Path) -> Result<Connection, rusqlite::Error> {
    let conn = Connection::open(path)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    Ok(conn)
}

/// Opens (or creates) the database, brings its schema up to date, and
/// returns the read pool and the one connection that writes.
pub fn open(path: &Path) -> Result<(Store, Connection), rusqlite::Error> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let _ = std::fs::create_dir_all(dir);
    }
    let mut writer = connect(path)?;
    migrate(&mut writer)?;
    let store = Store {
        path: path.to_path_buf(),
        readers: Arc::new(Mutex::new(Vec::new())),
    };
    Ok((store, writer))
}

fn migrate(conn: &mut Connection) -> Result<(), rusqlite::Error> {
    let applied: usize = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(applied) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i + 1)?;
        tx.commit()?;
        tracing::info!(version = i + 1, "database migrated");
    }
    Ok(())
}

/// The read side: read-only connections, pooled.
#[derive(Clone)]
pub struct Store {
    path: PathBuf,
    readers: Arc<Mutex<Vec<Connection>>>,
}

impl Store {
    fn reader(&self) -> Result<Connection, ApiError> {
        let pooled = self.readers.lock().ok().and_then(|mut p| p.pop());
        match pooled {
            Some(c) => Ok(c),
            None => {
                let conn = Connection::open_with_flags(
                    &self.path,
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )?;
                conn.busy_timeout(BUSY_TIMEOUT)?;
                Ok(conn)
            }
        }
    }

    fn give_back(&self, conn: Connection) {
        if let Ok(mut pool) = self.readers.lock() {
            if pool.len() < READERS_KEPT {
                pool.push(conn);
            }
        }
    }

    /// Runs `f` with a read connection on a blocking thread.
    pub async fn read<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, ApiError> + Send + 'static,
    {
        let store = self.clone();
        tokio::task::spawn_blocking(move || {
            let conn = store.reader()?;
            let result = f(&conn);
            store.give_back(conn);
            result
        })
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
    }
}

/// Confirmed seats taken for `event_id`.
pub fn seats_taken(conn: &Connection, event_id: &str) -> Result<SeatsTaken, rusqlite::Error> {
    let mut stmt =
        conn.prepare_cached("SELECT location_id, seats FROM seat_counts WHERE event_id = ?1")?;
    let mut taken = SeatsTaken::default();
    for row in stmt.query_map([event_id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?))
    })? {
        let (location, n) = row?;
        taken.add(location, n);
    }
    Ok(taken)
}

/// Confirmed seats taken for every event, by event id.
pub fn all_seats_taken(conn: &Connection) -> Result<HashMap<String, SeatsTaken>, rusqlite::Error> {
    let mut stmt = conn.prepare_cached("SELECT event_id, location_id, seats FROM seat_counts")?;
    let mut all: HashMap<String, SeatsTaken> = HashMap::new();
    for row in stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, u32>(2)?,
        ))
    })? {
        let (event, location, n) = row?;
        all.entry(event).or_default().add(location, n);
    }
    Ok(all)
}

/// Whether any of `emails` is already registered (not cancelled) for the event.
pub fn any_registered(
    conn: &Connection,
    event_id: &str,
    emails: &[String],
) -> Result<bool, rusqlite::Error> {
    let mut stmt = conn.prepare_cached(
        "SELECT 1 FROM attendees a JOIN registrations r ON r.id = a.registration_id
         WHERE lower(a.email) = lower(?2) AND r.event_id = ?1 AND r.status != 'cancelled' LIMIT 1",
    )?;
    for email in emails {
        if stmt.exists(params![event_id, email])? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The answer stored under `key`, if it was stored at or after `since_ms`.
pub fn find_key(
    conn: &Connection,
    key: &str,
    since_ms: i64,
) -> Result<Option<StoredKey>, rusqlite::Error> {
    conn.prepare_cached(
        "SELECT request_hash, response FROM idempotency_keys WHERE key = ?1 AND created_ms >= ?2",
    )?
    .query_row(params![key, since_ms], |r| {
        Ok(StoredKey {
            request_hash: r.get(0)?,
            response: r.get(1)?,
        })
    })
    .optional()
}

/// Stores the answer given for `key` (replacing an expired one).
pub fn put_key(
    conn: &Connection,
    key: &str,
    request_hash: &str,
    response: &str,
    now_ms: i64,
) -> Result<(), rusqlite::Error> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO idempotency_keys (key, request_hash, response, created_ms)
         VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![key, request_hash, response, now_ms])?;
    Ok(())
}

/// Takes an expired key off the registration it was first used for, so
/// that a new registration may carry it.
pub fn release_key(conn: &Connection, key: &str) -> Result<(), rusqlite::Error> {
    conn.prepare_cached(
        "UPDATE registrations SET idempotency_key = NULL WHERE idempotency_key = ?1",
    )?
    .execute([key])?;
    Ok(())
}

/// Forgets keys stored before `before_ms`; returns how many.
pub fn purge_keys(conn: &Connection, before_ms: i64) -> Result<usize, rusqlite::Error> {
    conn.execute(
        "DELETE FROM idempotency_keys WHERE created_ms < ?1",
        [before_ms],
    )
}

/// Inserts the registration and its attendees; the caller commits.
pub fn insert(
    conn: &Connection,
    reg: &NewRegistration,
    status: &str,
    now: &str,
) -> Result<i64, rusqlite::Error> {
    conn.prepare_cached(
        "INSERT INTO registrations (reference, event_id, location_id, status, seats, locale,
            consent_version, consent_purposes, consent_at, widget, idempotency_key, request_hash, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        reg.reference,
        reg.event_id,
        reg.location_id,
        status,
        reg.attendees.len() as u32,
        reg.locale,
        reg.consent_version,
        reg.consent_purposes,
        reg.consent_at,
        reg.widget,
        reg.idempotency_key,
        reg.request_hash,
        now
    ])?;
    let id = conn.last_insert_rowid();
    let mut stmt = conn.prepare_cached(
        "INSERT INTO attendees (registration_id, position, full_name, email, answers) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, (name, email, answers)) in reg.attendees.iter().enumerate() {
        stmt.execute(params![id, i as u32, name, email, answers])?;
    }
    Ok(id)
}

/// A registration's place in the seat count.
#[derive(Debug, Clone)]
pub struct Seat {
    pub id: i64,
    pub reference: String,
    pub event_id: String,
    pub location_id: Option<String>,
    pub status: String,
    pub seats: u32,
}

fn seat_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Seat> {
    Ok(Seat {
        id: r.get(0)?,
        reference: r.get(1)?,
        event_id: r.get(2)?,
        location_id: r.get(3)?,
        status: r.get(4)?,
        seats: r.get(5)?,
    })
}

pub fn seat_by_reference(
    conn: &Connection,
    reference: &str,
) -> Result<Option<Seat>, rusqlite::Error> {
    conn.prepare_cached(
        "SELECT id, reference, event_id, location_id, status, seats FROM registrations WHERE reference = ?1",
    )?
    .query_row([reference], seat_row)
    .optional()
}

/// The event's waiting list, first come first.
pub fn waitlist(conn: &Connection, event_id: &str) -> Result<Vec<Seat>, rusqlite::Error> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, reference, event_id, location_id, status, seats FROM registrations
         WHERE event_id = ?1 AND status = 'waitlisted' ORDER BY id",
    )?;
    let rows = stmt.query_map([event_id], seat_row)?;
    rows.collect()
}

/// Events that have a waiting list.
pub fn events_with_waitlist(conn: &Connection) -> Result<Vec<String>, rusqlite::Error> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT event_id FROM registrations WHERE status = 'waitlisted'",
    )?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    rows.collect()
}

pub fn set_status(
    conn: &Connection,
    id: i64,
    status: &str,
    now: &str,
) -> Result<(), rusqlite::Error> {
    conn.prepare_cached(
        "UPDATE registrations SET status = ?2, status_changed_at = ?3 WHERE id = ?1",
    )?
    .execute(params![id, status, now])?;
    Ok(())
}

const ROW_COLUMNS: &str = "id, reference, event_id, location_id, status, seats, locale,
    consent_version, consent_purposes, consent_at, widget, created_at, status_changed_at";

fn full_row(conn: &Connection, r: &rusqlite::Row<'_>) -> rusqlite::Result<RegistrationRow> {
    let id: i64 = r.get(0)?;
    let purposes: Option<String> = r.get(8)?;
    let mut stmt = conn.prepare_cached(
        "SELECT answers FROM attendees WHERE registration_id = ?1 ORDER BY position",
    )?;
    let attendees = stmt
        .query_map([id], |a| a.get::<_, String>(0))?
        .map(|a| {
            a.map(|text| match serde_json::from_str(&text) {
                Ok(Value::Object(map)) => map,
                _ => serde_json::Map::new(),
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(RegistrationRow {
        id,
        reference: r.get(1)?,
        event_id: r.get(2)?,
        location_id: r.get(3)?,
        status: r.get(4)?,
        seats: r.get(5)?,
        locale: r.get(6)?,
        consent_version: r.get(7)?,
        consent_purposes: purposes
            .and_then(|p| serde_json::from_str(&p).ok())
            .unwrap_or_default(),
        consent_at: r.get(9)?,
        widget: r.get(10)?,
        created_at: r.get(11)?,
        status_changed_at: r.get(12)?,
        attendees,
    })
}

/// Every registration for an event, oldest first, with its attendees.
pub fn list(conn: &Connection, event_id: &str) -> Result<Vec<RegistrationRow>, rusqlite::Error> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {ROW_COLUMNS} FROM registrations WHERE event_id = ?1 ORDER BY id"
    ))?;
    let rows = stmt.query_map([event_id], |r| full_row(conn, r))?;
    rows.collect()
}

pub fn by_reference(
    conn: &Connection,
    reference: &str,
) -> Result<Option<RegistrationRow>, rusqlite::Error> {
    conn.query_row(
        &format!("SELECT {ROW_COLUMNS} FROM registrations WHERE reference = ?1"),
        [reference],
        |r| full_row(conn, r),
    )
    .optional()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_second_migration_keeps_the_keys_of_a_first_version_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.sqlite");
        {
            let conn = connect(&path).unwrap();
            conn.execute_batch(MIGRATIONS[0]).unwrap();
            conn.pragma_update(None, "user_version", 1).unwrap();
            conn.execute(
                "INSERT INTO registrations (reference, event_id, status, seats, idempotency_key, request_hash, created_at)
                 VALUES ('RD-AAAA-BBBB', 'e', 'confirmed', 1, 'old-key', 'hash', '2026-11-22T10:00:00.123456789+00:00')",
                [],
            )
            .unwrap();
        }
        let (_, conn) = open(&path).unwrap();
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, MIGRATIONS.len() as i64);
        let stored = find_key(&conn, "old-key", 0).unwrap().unwrap();
        assert_eq!(stored.request_hash, "hash");
        let response: Value = serde_json::from_str(&stored.response).unwrap();
        assert_eq!(
            response,
            json!({"reference": "RD-AAAA-BBBB", "status": "confirmed"})
        );
        let created: i64 = conn
            .query_row("SELECT created_ms FROM idempotency_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(created, 1_795_341_600_123);
        assert!(
            find_key(&conn, "old-key", created + 1).unwrap().is_none(),
            "expired"
        );
        let taken = seats_taken(&conn, "e").unwrap();
        assert_eq!(
            taken.event, 1,
            "seat counts start from the registrations there were"
        );
    }

    #[test]
    fn seat_counts_follow_every_change_to_registrations() {
        let dir = tempfile::tempdir().unwrap();
        let (_, conn) = open(&dir.path().join("db.sqlite")).unwrap();
        let reg = |reference: &str, location: Option<&str>, seats: usize| NewRegistration {
            reference: reference.into(),
            event_id: "e".into(),
            location_id: location.map(str::to_string),
            locale: None,
            consent_version: None,
            consent_purposes: None,
            consent_at: None,
            widget: None,
            idempotency_key: None,
            request_hash: String::new(),
            attendees: vec![(None, None, "{}".into()); seats],
        };
        let a = insert(&conn, &reg("A", Some("hall"), 2), "confirmed", "t").unwrap();
        let b = insert(&conn, &reg("B", Some("hall"), 1), "waitlisted", "t").unwrap();
        insert(&conn, &reg("C", None, 3), "confirmed", "t").unwrap();
        let recount = |conn: &Connection| -> (u32, u32) {
            let t = seats_taken(conn, "e").unwrap();
            (t.event, t.by_location.get("hall").copied().unwrap_or(0))
        };
        assert_eq!(recount(&conn), (5, 2));
        set_status(&conn, b, "confirmed", "t").unwrap();
        assert_eq!(recount(&conn), (6, 3));
        set_status(&conn, a, "cancelled", "t").unwrap();
        assert_eq!(recount(&conn), (4, 1));
        conn.execute(
            "UPDATE registrations SET location_id = 'annex' WHERE id = ?1",
            [b],
        )
        .unwrap();
        assert_eq!(recount(&conn), (4, 0));
        conn.execute("DELETE FROM registrations WHERE reference = 'C'", [])
            .unwrap();
        assert_eq!(recount(&conn), (1, 0));
        let all = all_seats_taken(&conn).unwrap();
        assert_eq!(all["e"].by_location.get("annex"), Some(&1));
    }
}
