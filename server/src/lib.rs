//! The reference registration endpoint (contract section 3): serves the event
//! catalogue with live seat counts and stores registrations in SQLite,
//! validating them with `regdesk-core`, the same rules as the widget.
//!
//! - [`catalogue`]: the feed file, reloaded on SIGHUP or when it changes;
//! - [`api`]: the public routes; [`admin`]: the admin routes;
//! - [`writer`]: the one thread that writes (seat checks, group commit);
//! - [`store`]: the SQLite schema and queries;
//! - [`idempotency`], [`limits`]: keys in flight, rate limits, timeouts;
//! - [`serve`]: connections and graceful shutdown.

mod admin;
mod api;
mod catalogue;
mod error;
mod idempotency;
mod limits;
mod serve;
pub mod store;
mod writer;

use std::future::Future;
use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Json;
use tower_http::cors::{AllowOrigin, CorsLayer};

pub use admin::MIN_TOKEN_LEN;
pub use api::MAX_BODY;
pub use catalogue::Catalogue;
pub use error::{ApiError, StartError};

use catalogue::SharedCatalogue;

/// Registrations per minute per client, by default.
pub const DEFAULT_RATE_LIMIT: u32 = 60;
/// How long a request may take, by default.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(15);
/// How long an Idempotency-Key is remembered, by default: 7 days, so that
/// a registration the widget queued while offline and resends days later
/// is still recognised.
pub const DEFAULT_KEY_EXPIRY: Duration = Duration::from_secs(7 * 24 * 3600);
/// How often the catalogue file is checked for changes, by default.
pub const DEFAULT_WATCH_INTERVAL: Duration = Duration::from_secs(2);
/// How often expired idempotency keys are forgotten.
const PURGE_EVERY: Duration = Duration::from_secs(3600);

/// What the server needs to start.
#[derive(Clone, Debug)]
pub struct Config {
    pub catalogue: PathBuf,
    pub db: PathBuf,
    pub allow_origins: Vec<String>,
    /// The admin API's bearer token; `None`: no admin API.
    pub admin_token: Option<String>,
    /// Registrations per minute per client (reads: ten times more); 0: no limit.
    pub rate_limit: u32,
    /// Reverse proxies whose `X-Forwarded-For` names the client.
    pub trusted_proxies: Vec<IpAddr>,
    pub request_timeout: Duration,
    pub idempotency_key_expiry: Duration,
    /// How often to look for a changed catalogue file; `None`: only on SIGHUP.
    pub watch_interval: Option<Duration>,
}

impl Config {
    /// The defaults, for this catalogue and database.
    pub fn new(catalogue: impl Into<PathBuf>, db: impl Into<PathBuf>) -> Self {
        Self {
            catalogue: catalogue.into(),
            db: db.into(),
            allow_origins: Vec::new(),
            admin_token: None,
            rate_limit: DEFAULT_RATE_LIMIT,
            trusted_proxies: Vec::new(),
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            idempotency_key_expiry: DEFAULT_KEY_EXPIRY,
            watch_interval: Some(DEFAULT_WATCH_INTERVAL),
        }
    }
}

/// The running server's shared state.
#[derive(Clone)]
pub struct App(Arc<Inner>);

struct Inner {
    config: Config,
    catalogue: SharedCatalogue,
    store: store::Store,
    writer: writer::Writer,
    in_flight: idempotency::InFlight,
    limiter: limits::Limiter,
    admin: Option<admin::AdminToken>,
    allow_origins: Vec<HeaderValue>,
}

fn log_catalogue(catalogue: &Catalogue, what: &str) {
    tracing::info!(
        events = catalogue.len(),
        skipped = catalogue.skipped.len(),
        "{what}"
    );
    for s in &catalogue.skipped {
        tracing::warn!(index = s.index, id = ?s.id, reason = %s.reason, "feed entry skipped");
    }
}

impl App {
    /// Reads the catalogue, opens (or creates) the database and starts the
    /// database writer.
    pub fn open(config: &Config) -> Result<Self, StartError> {
        let catalogue = Catalogue::load(&config.catalogue)?;
        log_catalogue(&catalogue, "catalogue loaded");
        let catalogue = SharedCatalogue::new(catalogue);
        let (store, conn) = store::open(&config.db)?;
        let writer = writer::Writer::start(conn, catalogue.clone(), config.idempotency_key_expiry)
            .map_err(StartError::Writer)?;
        let allow_origins = config
            .allow_origins
            .iter()
            .map(|o| {
                HeaderValue::from_str(o.trim_end_matches('/'))
                    .map_err(|_| StartError::Origin(o.clone()))
            })
            .collect::<Result<_, _>>()?;
        let admin = config
            .admin_token
            .as_deref()
            .map(admin::AdminToken::new)
            .transpose()?;
        Ok(Self(Arc::new(Inner {
            limiter: limits::Limiter::new(config.rate_limit, config.trusted_proxies.clone()),
            config: config.clone(),
            catalogue,
            store,
            writer,
            in_flight: idempotency::InFlight::default(),
            admin,
            allow_origins,
        })))
    }

    pub(crate) fn catalogue(&self) -> Arc<Catalogue> {
        self.0.catalogue.get()
    }
    pub(crate) fn store(&self) -> &store::Store {
        &self.0.store
    }
    pub(crate) fn writer(&self) -> &writer::Writer {
        &self.0.writer
    }
    pub(crate) fn in_flight(&self) -> &idempotency::InFlight {
        &self.0.in_flight
    }
    pub(crate) fn limiter(&self) -> &limits::Limiter {
        &self.0.limiter
    }
    pub(crate) fn admin_token(&self) -> Option<&admin::AdminToken> {
        self.0.admin.as_ref()
    }
    pub(crate) fn request_timeout(&self) -> Duration {
        self.0.config.request_timeout
    }
    pub(crate) fn key_ttl(&self) -> Duration {
        self.0.config.idempotency_key_expiry
    }

    /// Reads the catalogue file again. Registrations are kept (they are
    /// stored by event id); waiting lists are promoted where the new
    /// catalogue has more seats. A file that cannot be read or parsed
    /// leaves the catalogue as it was.
    pub async fn reload_catalogue(&self) -> Result<usize, StartError> {
        let catalogue = Catalogue::load(&self.0.config.catalogue)?;
        log_catalogue(&catalogue, "catalogue reloaded");
        let events = catalogue.len();
        self.0.catalogue.replace(catalogue);
        match self.writer().rebalance().await {
            Ok(promoted) if !promoted.is_empty() => {
                tracing::info!(
                    promoted = promoted.len(),
                    "waiting lists promoted after reload"
                );
            }
            Ok(_) => {}
            Err(e) => tracing::error!(error = %e, "waiting lists not promoted after reload"),
        }
        Ok(events)
    }

    /// The HTTP routes with their middleware.
    pub fn router(&self) -> axum::Router {
        let cors = CorsLayer::new()
            .allow_origin(AllowOrigin::list(self.0.allow_origins.clone()))
            .allow_methods([Method::GET, Method::POST])
            .allow_headers([
                header::CONTENT_TYPE,
                HeaderName::from_static("idempotency-key"),
            ])
            .expose_headers([header::RETRY_AFTER])
            .max_age(Duration::from_secs(600));
        let public = api::routes().layer(middleware::from_fn_with_state(
            self.clone(),
            limits::rate_limit,
        ));
        let mut router = public.route("/healthz", get(healthz));
        if self.0.admin.is_some() {
            router = router.merge(admin::routes().layer(middleware::from_fn_with_state(
                self.clone(),
                admin::require_token,
            )));
        }
        router
            .fallback(|| async { ApiError::NotFound })
            .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
            .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY))
            .layer(middleware::from_fn_with_state(
                self.clone(),
                limits::timeout,
            ))
            .layer(middleware::from_fn(access_log))
            .layer(cors)
            .with_state(self.clone())
    }

    /// Serves until `shutdown` completes, then stops accepting and lets the
    /// requests in flight finish (for at most the request timeout and 5 s).
    /// While serving, reloads the catalogue on SIGHUP and when its file
    /// changes, and forgets expired idempotency keys hourly.
    pub async fn serve(
        self,
        listener: tokio::net::TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), StartError> {
        let mut tasks = tokio::task::JoinSet::new();
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            // Installed now, before the first request: SIGHUP must never
            // reach the default action, which ends the process.
            let mut hangups = signal(SignalKind::hangup())?;
            let app = self.clone();
            tasks.spawn(async move {
                while hangups.recv().await.is_some() {
                    tracing::info!("SIGHUP: reloading the catalogue");
                    if let Err(e) = app.reload_catalogue().await {
                        tracing::error!(error = %e, "catalogue not reloaded; keeping the one in force");
                    }
                }
            });
        }
        if let Some(every) = self.0.config.watch_interval {
            tasks.spawn(watch_catalogue(self.clone(), every));
        }
        tasks.spawn(purge_keys(self.clone()));
        let drain = self.request_timeout() + Duration::from_secs(5);
        serve::run(listener, self.router(), shutdown, drain).await;
        tasks.shutdown().await;
        Ok(())
    }
}

/// Reloads the catalogue when its file's modification time or length changes.
async fn watch_catalogue(app: App, every: Duration) {
    let path = app.0.config.catalogue.clone();
    let mut seen = catalogue::file_stamp(&path);
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    loop {
        tick.tick().await;
        let stamp = catalogue::file_stamp(&path);
        if stamp.is_some() && stamp != seen {
            seen = stamp;
            tracing::info!("the catalogue file changed: reloading it");
            if let Err(e) = app.reload_catalogue().await {
                tracing::error!(error = %e, "catalogue not reloaded; keeping the one in force");
            }
        }
    }
}

async fn purge_keys(app: App) {
    let mut tick = tokio::time::interval(PURGE_EVERY);
    loop {
        tick.tick().await;
        match app.writer().purge_keys().await {
            Ok(0) => {}
            Ok(n) => tracing::info!(keys = n, "expired idempotency keys forgotten"),
            Err(e) => tracing::warn!(error = %e, "expired idempotency keys not purged"),
        }
    }
}

/// `GET /healthz`: 200 when the database answers and its writer runs.
async fn healthz(State(app): State<App>) -> Result<Response, ApiError> {
    if !app.writer().is_running() {
        return Err(ApiError::Unavailable);
    }
    app.store()
        .read(|conn| Ok(conn.query_row("SELECT 1", [], |r| r.get::<_, i64>(0))?))
        .await
        .map_err(|_| ApiError::Unavailable)?;
    let events = app.catalogue().len();
    Ok(Json(serde_json::json!({ "status": "ok", "events": events })).into_response())
}

/// One line per request at `info`: method, route template (never the
/// actual path or query, which could hold personal data), status, time.
async fn access_log(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let route = limits::route_of(&request).to_string();
    let response = next.run(request).await;
    tracing::info!(
        %method,
        route,
        status = response.status().as_u16(),
        ms = %format_args!("{:.2}", started.elapsed().as_secs_f64() * 1000.0),
        "request"
    );
    response
}

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}
