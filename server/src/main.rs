//! `regdesk-server`: the reference registration endpoint. Thin: reads the
//! command line, sets up logging, and hands over to the library.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, ValueEnum};
use regdesk_server::StartError;
use tracing_subscriber::EnvFilter;

/// Serves an event catalogue and receives registrations into SQLite.
///
/// The admin API is on only when a token is given, in the environment
/// variable REGDESK_ADMIN_TOKEN or in the file named by --admin-token-file
/// (never on the command line, where other users could read it).
#[derive(Parser, Debug)]
#[command(version, about)]
struct Cli {
    /// Address to listen on.
    #[arg(long, env = "REGDESK_LISTEN", default_value = "127.0.0.1:8787")]
    listen: SocketAddr,
    /// The event feed (JSON, contract section 2) to serve and register for.
    /// Reloaded on SIGHUP and when the file changes.
    #[arg(long, env = "REGDESK_CATALOGUE")]
    catalogue: PathBuf,
    /// The SQLite database file; created when missing.
    #[arg(long, env = "REGDESK_DB")]
    db: PathBuf,
    /// An origin allowed to call the API from a browser (repeatable), e.g.
    /// `https://www.vss.gov.vn`. None: same-origin only.
    #[arg(
        long = "allow-origin",
        env = "REGDESK_ALLOW_ORIGINS",
        value_delimiter = ','
    )]
    allow_origins: Vec<String>,
    /// A file holding the admin API's bearer token (at least 16 characters).
    #[arg(long, env = "REGDESK_ADMIN_TOKEN_FILE")]
    admin_token_file: Option<PathBuf>,
    /// Registrations per minute per client (reads: ten times more); 0 turns
    /// the limit off.
    #[arg(long, env = "REGDESK_RATE_LIMIT", default_value_t = regdesk_server::DEFAULT_RATE_LIMIT)]
    rate_limit: u32,
    /// A reverse proxy whose X-Forwarded-For header names the client
    /// (repeatable), e.g. 127.0.0.1 for nginx on the same machine.
    #[arg(
        long = "trusted-proxy",
        env = "REGDESK_TRUSTED_PROXIES",
        value_delimiter = ','
    )]
    trusted_proxies: Vec<IpAddr>,
    /// Seconds a request may take before it is answered 503 `timeout`.
    #[arg(long, env = "REGDESK_REQUEST_TIMEOUT", default_value_t = 15)]
    request_timeout: u64,
    /// Hours an Idempotency-Key is remembered.
    #[arg(long, env = "REGDESK_IDEMPOTENCY_KEY_HOURS", default_value_t = 168)]
    idempotency_key_hours: u64,
    /// Seconds between checks of the catalogue file for changes; 0: reload
    /// only on SIGHUP.
    #[arg(long, env = "REGDESK_WATCH_SECONDS", default_value_t = 2)]
    watch_seconds: u64,
    /// Log lines as text or as JSON objects (one a line).
    #[arg(long, env = "REGDESK_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    log_format: LogFormat,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum LogFormat {
    Text,
    Json,
}

/// The admin token: from REGDESK_ADMIN_TOKEN or from a file, not both.
fn admin_token(file: Option<&PathBuf>) -> Result<Option<String>, StartError> {
    let from_env = std::env::var("REGDESK_ADMIN_TOKEN")
        .ok()
        .filter(|t| !t.is_empty());
    match (from_env, file) {
        (Some(_), Some(_)) => Err(StartError::AdminToken(
            "is given twice: set REGDESK_ADMIN_TOKEN or --admin-token-file, not both",
        )),
        (Some(token), None) => Ok(Some(token)),
        (None, Some(path)) => std::fs::read_to_string(path)
            .map(|t| Some(t.trim().to_string()))
            .map_err(|source| StartError::AdminTokenFile {
                path: path.display().to_string(),
                source,
            }),
        (None, None) => Ok(None),
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let filter = EnvFilter::try_from_env("REGDESK_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let logs = tracing_subscriber::fmt().with_env_filter(filter);
    match cli.log_format {
        LogFormat::Json => logs.json().init(),
        LogFormat::Text => logs
            .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()))
            .init(),
    }
    let result = async {
        let mut config = regdesk_server::Config::new(&cli.catalogue, &cli.db);
        config.allow_origins = cli.allow_origins;
        config.admin_token = admin_token(cli.admin_token_file.as_ref())?;
        config.rate_limit = cli.rate_limit;
        config.trusted_proxies = cli.trusted_proxies;
        config.request_timeout = Duration::from_secs(cli.request_timeout.max(1));
        config.idempotency_key_expiry =
            Duration::from_secs(cli.idempotency_key_hours.max(1) * 3600);
        config.watch_interval =
            (cli.watch_seconds > 0).then(|| Duration::from_secs(cli.watch_seconds));
        let app = regdesk_server::App::open(&config)?;
        if config.admin_token.is_none() {
            tracing::info!("no admin token set: the admin API is off");
        }
        let listener = tokio::net::TcpListener::bind(cli.listen).await?;
        tracing::info!(address = %listener.local_addr()?, "listening");
        app.serve(listener, regdesk_server::shutdown_signal()).await
    };
    match result.await {
        Ok(()) => {
            tracing::info!("stopped");
            ExitCode::SUCCESS
        }
        Err(e) => {
            tracing::error!("{e}");
            eprintln!("regdesk-server: {e}");
            ExitCode::FAILURE
        }
    }
}
