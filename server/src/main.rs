//! `regdesk-server`: the reference registration endpoint. Thin: reads the
//! command line, sets up logging, and hands over to the library.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use tracing_subscriber::EnvFilter;

/// Serves an event catalogue and receives registrations into SQLite.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Cli {
    /// Address to listen on.
    #[arg(long, env = "REGDESK_LISTEN", default_value = "127.0.0.1:8787")]
    listen: SocketAddr,
    /// The event feed (JSON, contract section 2) to serve and register for.
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
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_env("REGDESK_LOG").unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()))
        .init();
    let cli = Cli::parse();
    let config = regdesk_server::Config {
        catalogue: cli.catalogue,
        db: cli.db,
        allow_origins: cli.allow_origins,
    };
    let result = async {
        let app = regdesk_server::App::open(&config)?;
        let listener = tokio::net::TcpListener::bind(cli.listen).await?;
        tracing::info!(address = %listener.local_addr()?, "listening");
        app.serve(listener, regdesk_server::shutdown_signal()).await
    };
    match result.await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{e}");
            eprintln!("regdesk-server: {e}");
            ExitCode::FAILURE
        }
    }
}
