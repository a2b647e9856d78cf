//! The reference registration endpoint (contract section 3): serves the event
//! catalogue with live seat counts and stores registrations in SQLite,
//! validating them with `regdesk-core`, the same rules as the widget.

mod api;
mod catalogue;
mod error;
mod store;

use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;

use axum::http::{header, HeaderName, HeaderValue, Method};
use tower_http::cors::{AllowOrigin, CorsLayer};

pub use catalogue::Catalogue;
pub use error::{ApiError, StartError};
pub use store::Store;

/// What the server needs to start.
#[derive(Clone, Debug)]
pub struct Config {
    pub catalogue: PathBuf,
    pub db: PathBuf,
    pub allow_origins: Vec<String>,
}

/// The running server's shared state.
#[derive(Clone)]
pub struct App {
    pub(crate) catalogue: Arc<Catalogue>,
    pub(crate) store: Store,
    allow_origins: Vec<HeaderValue>,
}

impl App {
    /// Reads the catalogue and opens (or creates) the database.
    pub fn open(config: &Config) -> Result<Self, StartError> {
        let catalogue = Catalogue::load(&config.catalogue)?;
        tracing::info!(
            events = catalogue.len(),
            skipped = catalogue.skipped.len(),
            "catalogue loaded"
        );
        for s in &catalogue.skipped {
            tracing::warn!(index = s.index, id = ?s.id, reason = %s.reason, "feed entry skipped");
        }
        let store = Store::open(&config.db)?;
        let allow_origins = config
            .allow_origins
            .iter()
            .map(|o| {
                HeaderValue::from_str(o.trim_end_matches('/'))
                    .map_err(|_| StartError::Origin(o.clone()))
            })
            .collect::<Result<_, _>>()?;
        Ok(Self {
            catalogue: Arc::new(catalogue),
            store,
            allow_origins,
        })
    }

    /// The HTTP routes with their middleware.
    pub fn router(&self) -> axum::Router {
        let cors = CorsLayer::new()
            .allow_origin(AllowOrigin::list(self.allow_origins.clone()))
            .allow_methods([Method::GET, Method::POST])
            .allow_headers([
                header::CONTENT_TYPE,
                HeaderName::from_static("idempotency-key"),
            ])
            .expose_headers([header::RETRY_AFTER]);
        api::routes(self.clone()).layer(cors)
    }

    /// Serves until `shutdown` completes, then lets requests in flight finish.
    pub async fn serve(
        self,
        listener: tokio::net::TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), StartError> {
        axum::serve(listener, self.router())
            .with_graceful_shutdown(shutdown)
            .await?;
        Ok(())
    }
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
