//! The one thread that writes to the database.
//!
//! Every change (a registration, a cancellation, a promotion from the waiting
//! list, forgetting expired idempotency keys) is a job sent to this thread.
//! Jobs run one after another, so the seat check and the insert can never
//! interleave: a location's capacity cannot be exceeded however many requests
//! arrive at once. The transaction is `BEGIN IMMEDIATE`, so a second process
//! on the same file is serialised too.
//!
//! Jobs that queue up while a commit is being synced to disk are taken
//! together: each runs in its own savepoint inside one transaction, and one
//! commit (one `fsync` of the WAL) makes the whole group durable (group
//! commit). No answer is sent before that commit has returned, so a 2xx always
//! means "on disk".

use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};
use regdesk_core::EventStatus;
use rusqlite::{Connection, TransactionBehavior};
use serde_json::{json, Value};
use tokio::sync::{mpsc, oneshot};

use crate::catalogue::{CatalogueEntry, SharedCatalogue};
use crate::error::ApiError;
use crate::store::{self, NewRegistration, SeatsTaken, StoredKey};

/// Jobs waiting beyond this many are refused with 503 `busy`.
const QUEUE: usize = 4096;
/// The most jobs committed together.
const MAX_BATCH: usize = 256;

/// A registration's outcome.
#[derive(Debug, Clone)]
pub struct Registered {
    /// `false` when this is the stored answer to a key already used.
    pub created: bool,
    /// `{reference, status}`.
    pub response: Value,
}

/// Someone moved from the waiting list to a seat.
#[derive(Debug, Clone)]
pub struct Promoted {
    pub reference: String,
    pub location_id: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Cancelled {
    pub reference: String,
    pub event_id: String,
    /// The status before; `cancelled` when it was cancelled already.
    pub was: String,
    pub promoted: Vec<Promoted>,
}

type Reply<T> = oneshot::Sender<Result<T, ApiError>>;

enum Job {
    Register(Box<NewRegistration>, Reply<Registered>),
    Cancel(String, Reply<Cancelled>),
    Rebalance(Reply<Vec<Promoted>>),
    PurgeKeys(Reply<usize>),
}

/// What a job leaves to do once the commit's outcome is known: answer.
type Finish = Box<dyn FnOnce(&Result<(), String>) + Send>;

/// The handle the request handlers hold.
#[derive(Clone)]
pub struct Writer {
    jobs: mpsc::Sender<Job>,
}

struct Context {
    catalogue: SharedCatalogue,
    key_ttl: Duration,
}

impl Writer {
    /// Starts the writer thread on `conn`.
    pub fn start(
        conn: Connection,
        catalogue: SharedCatalogue,
        key_ttl: Duration,
    ) -> std::io::Result<Self> {
        let (jobs, queue) = mpsc::channel(QUEUE);
        let context = Context { catalogue, key_ttl };
        std::thread::Builder::new()
            .name("regdesk-writer".into())
            .spawn(move || run(conn, queue, &context))?;
        Ok(Self { jobs })
    }

    /// Whether the thread is still taking jobs.
    pub fn is_running(&self) -> bool {
        !self.jobs.is_closed()
    }

    async fn submit<T>(&self, job: impl FnOnce(Reply<T>) -> Job) -> Result<T, ApiError> {
        let (reply, answer) = oneshot::channel();
        self.jobs.try_send(job(reply)).map_err(|e| match e {
            mpsc::error::TrySendError::Full(_) => ApiError::Busy,
            mpsc::error::TrySendError::Closed(_) => ApiError::Unavailable,
        })?;
        answer
            .await
            .map_err(|_| ApiError::Internal("the database writer stopped".into()))?
    }

    pub async fn register(&self, new: NewRegistration) -> Result<Registered, ApiError> {
        self.submit(|r| Job::Register(Box::new(new), r)).await
    }

    pub async fn cancel(&self, reference: String) -> Result<Cancelled, ApiError> {
        self.submit(|r| Job::Cancel(reference, r)).await
    }

    /// Promotes waiting lists wherever seats are free (after a reload).
    pub async fn rebalance(&self) -> Result<Vec<Promoted>, ApiError> {
        self.submit(Job::Rebalance).await
    }

    /// Forgets idempotency keys older than their expiry.
    pub async fn purge_keys(&self) -> Result<usize, ApiError> {
        self.submit(Job::PurgeKeys).await
    }
}

fn run(mut conn: Connection, mut queue: mpsc::Receiver<Job>, context: &Context) {
    while let Some(first) = queue.blocking_recv() {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match queue.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        run_batch(&mut conn, batch, context);
    }
    tracing::debug!("database writer stopped");
}

fn run_batch(conn: &mut Connection, batch: Vec<Job>, context: &Context) {
    let now = Utc::now();
    let size = batch.len();
    let mut tx = match conn.transaction_with_behavior(TransactionBehavior::Immediate) {
        Ok(tx) => tx,
        Err(e) => {
            let failed: Result<(), String> = Err(e.to_string());
            for job in batch {
                fail(job)(&failed);
            }
            return;
        }
    };
    let mut finishers: Vec<Finish> = Vec::with_capacity(size);
    let mut aborted = None;
    for job in batch {
        if aborted.is_some() {
            finishers.push(fail(job));
            continue;
        }
        match tx.savepoint() {
            Ok(sp) => finishers.push(run_job(sp, job, context, now)),
            Err(e) => {
                aborted = Some(e.to_string());
                finishers.push(fail(job));
            }
        }
        // An I/O or disk-full error makes SQLite roll the whole transaction
        // back: nothing after it can be part of this commit.
        if tx.is_autocommit() {
            aborted.get_or_insert_with(|| "the transaction was rolled back".into());
        }
    }
    let committed = match aborted {
        Some(why) => Err(why),
        None => tx.commit().map_err(|e| e.to_string()),
    };
    if let Err(why) = &committed {
        tracing::error!(jobs = size, %why, "database commit failed");
    } else {
        tracing::debug!(jobs = size, "committed");
    }
    for finish in finishers {
        finish(&committed);
    }
}

/// Answers a job that could not run.
fn fail(job: Job) -> Finish {
    fn answer<T: Send + 'static>(reply: Reply<T>) -> Finish {
        Box::new(move |why: &Result<(), String>| {
            let why = why.clone().err().unwrap_or_default();
            let _ = reply.send(Err(ApiError::Internal(why)));
        })
    }
    match job {
        Job::Register(_, r) => answer(r),
        Job::Cancel(_, r) => answer(r),
        Job::Rebalance(r) => answer(r),
        Job::PurgeKeys(r) => answer(r),
    }
}

/// Runs one job in its savepoint: kept if it succeeds, rolled back if not.
fn run_job(sp: rusqlite::Savepoint<'_>, job: Job, context: &Context, now: DateTime<Utc>) -> Finish {
    fn settle<T: Send + 'static>(
        sp: rusqlite::Savepoint<'_>,
        reply: Reply<T>,
        result: Result<T, ApiError>,
    ) -> Finish {
        // Dropping the savepoint without `commit` rolls it back.
        let result = result.and_then(|v| sp.commit().map(|()| v).map_err(ApiError::from));
        Box::new(move |committed: &Result<(), String>| {
            let answer = match (result, committed) {
                (Ok(_), Err(why)) => Err(ApiError::Internal(why.clone())),
                (result, _) => result,
            };
            let _ = reply.send(answer);
        })
    }
    match job {
        Job::Register(new, reply) => {
            let result = register(&sp, context, &new, now);
            settle(sp, reply, result)
        }
        Job::Cancel(reference, reply) => {
            let result = cancel(&sp, context, &reference, now);
            settle(sp, reply, result)
        }
        Job::Rebalance(reply) => {
            let result = rebalance(&sp, context, now);
            settle(sp, reply, result)
        }
        Job::PurgeKeys(reply) => {
            let before = now.timestamp_millis() - ttl_ms(context.key_ttl);
            let result = store::purge_keys(&sp, before).map_err(ApiError::from);
            settle(sp, reply, result)
        }
    }
}

fn ttl_ms(ttl: Duration) -> i64 {
    i64::try_from(ttl.as_millis()).unwrap_or(i64::MAX / 2)
}

/// The oldest time (ms since the epoch) a key stored now still counts.
pub fn keys_valid_since(now: DateTime<Utc>, ttl: Duration) -> i64 {
    now.timestamp_millis().saturating_sub(ttl_ms(ttl))
}

/// The stored answer to a key seen before: the same request gets it again,
/// a different one is refused.
pub fn replay(stored: StoredKey, request_hash: &str) -> Result<Registered, ApiError> {
    if stored.request_hash != request_hash {
        return Err(ApiError::KeyReused);
    }
    let response = serde_json::from_str(&stored.response)
        .map_err(|e| ApiError::Internal(format!("stored answer: {e}")))?;
    Ok(Registered {
        created: false,
        response,
    })
}

fn timestamp(now: DateTime<Utc>) -> String {
    now.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Whether `need` more seats fit at `location` and in the whole event.
fn fits(entry: &CatalogueEntry, taken: &SeatsTaken, location: Option<&str>, need: u32) -> bool {
    let fits = |left: Option<u32>| left.is_none_or(|n| n >= need);
    let site = location.and_then(|l| entry.location_seats_left(l, taken));
    fits(entry.event_seats_left(taken)) && fits(site)
}

fn take(taken: &mut SeatsTaken, location: Option<&str>, seats: u32) {
    taken.event = taken.event.saturating_add(seats);
    if let Some(l) = location {
        let n = taken.by_location.entry(l.to_string()).or_default();
        *n = n.saturating_add(seats);
    }
}

fn register(
    conn: &Connection,
    context: &Context,
    new: &NewRegistration,
    now: DateTime<Utc>,
) -> Result<Registered, ApiError> {
    if let Some(key) = &new.idempotency_key {
        let since = keys_valid_since(now, context.key_ttl);
        if let Some(stored) = store::find_key(conn, key, since)? {
            return replay(stored, &new.request_hash);
        }
    }
    let catalogue = context.catalogue.get();
    let entry = catalogue
        .get(&new.event_id)
        .ok_or_else(|| ApiError::UnknownEvent(new.event_id.clone()))?;
    let emails: Vec<String> = new
        .attendees
        .iter()
        .filter_map(|(_, e, _)| e.clone())
        .collect();
    if store::any_registered(conn, &new.event_id, &emails)? {
        return Err(ApiError::AlreadyRegistered);
    }
    let taken = store::seats_taken(conn, &new.event_id)?;
    let need = u32::try_from(new.attendees.len()).unwrap_or(u32::MAX);
    let status = if fits(entry, &taken, new.location_id.as_deref(), need) {
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
    if let Some(key) = &new.idempotency_key {
        store::release_key(conn, key)?;
    }
    store::insert(conn, new, status, &timestamp(now))?;
    let response = json!({ "reference": new.reference, "status": status });
    if let Some(key) = &new.idempotency_key {
        store::put_key(
            conn,
            key,
            &new.request_hash,
            &response.to_string(),
            now.timestamp_millis(),
        )?;
    }
    Ok(Registered {
        created: true,
        response,
    })
}

/// Whether freed seats go to the waiting list: not for a cancelled or
/// postponed event, nor once it has started.
fn promotes(entry: &CatalogueEntry, now: DateTime<Utc>) -> bool {
    !matches!(
        entry.event.status,
        EventStatus::Cancelled | EventStatus::Postponed
    ) && entry.event.starts_at() > now
}

/// Gives free seats to the waiting list in the order people joined it.
/// Someone whose group does not fit is passed over for a later, smaller
/// one that does, and keeps their place for the next free seat.
fn promote(
    conn: &Connection,
    entry: &CatalogueEntry,
    now: DateTime<Utc>,
) -> Result<Vec<Promoted>, ApiError> {
    if !promotes(entry, now) {
        return Ok(Vec::new());
    }
    let mut taken = store::seats_taken(conn, &entry.event.id)?;
    let mut promoted = Vec::new();
    for seat in store::waitlist(conn, &entry.event.id)? {
        let location = seat.location_id.as_deref();
        if fits(entry, &taken, location, seat.seats) {
            store::set_status(conn, seat.id, "confirmed", &timestamp(now))?;
            take(&mut taken, location, seat.seats);
            tracing::info!(event = %seat.event_id, reference = %seat.reference, "promoted from the waiting list");
            promoted.push(Promoted {
                reference: seat.reference,
                location_id: seat.location_id,
            });
        }
    }
    Ok(promoted)
}

fn cancel(
    conn: &Connection,
    context: &Context,
    reference: &str,
    now: DateTime<Utc>,
) -> Result<Cancelled, ApiError> {
    let seat = store::seat_by_reference(conn, reference)?
        .ok_or_else(|| ApiError::UnknownRegistration(reference.to_string()))?;
    let mut done = Cancelled {
        reference: seat.reference.clone(),
        event_id: seat.event_id.clone(),
        was: seat.status.clone(),
        promoted: Vec::new(),
    };
    if seat.status == "cancelled" {
        return Ok(done);
    }
    store::set_status(conn, seat.id, "cancelled", &timestamp(now))?;
    tracing::info!(event = %seat.event_id, reference = %seat.reference, was = %seat.status, "registration cancelled");
    let catalogue = context.catalogue.get();
    if let Some(entry) = catalogue.get(&seat.event_id) {
        done.promoted = promote(conn, entry, now)?;
    }
    Ok(done)
}

fn rebalance(
    conn: &Connection,
    context: &Context,
    now: DateTime<Utc>,
) -> Result<Vec<Promoted>, ApiError> {
    let catalogue = context.catalogue.get();
    let mut promoted = Vec::new();
    for event_id in store::events_with_waitlist(conn)? {
        if let Some(entry) = catalogue.get(&event_id) {
            promoted.extend(promote(conn, entry, now)?);
        }
    }
    Ok(promoted)
}
