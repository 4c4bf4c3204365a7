//! `marsad serve`: the HTTP API and the web page (marsad-server).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

#[derive(clap::Args)]
pub struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// File whose first line is the bearer token for POST /api/articles (default: $MARSAD_TOKEN;
    /// none: ingest over HTTP is off).
    #[arg(long)]
    token_file: Option<PathBuf>,
    /// Concurrent store readers.
    #[arg(long, default_value_t = 4)]
    readers: usize,
    /// Also follow the feeds listed in this file (as `marsad watch FILE`), in a background thread.
    #[arg(long, value_name = "FEEDS.txt")]
    watch: Option<PathBuf>,
    /// Seconds between polls of the `--watch` feeds.
    #[arg(long, default_value_t = 900)]
    watch_every: u64,
    /// Requests a second per client address (0: no limit); beyond it, 429 with Retry-After.
    #[arg(long, default_value_t = marsad_server::DEFAULT_RATE_LIMIT)]
    rate_limit: u32,
    /// Requests a client may make at once before the rate limit applies.
    #[arg(long, default_value_t = marsad_server::DEFAULT_RATE_BURST)]
    rate_burst: u32,
    /// Largest POST /api/articles body, bytes (beyond it, 413).
    #[arg(long, default_value_t = marsad_server::DEFAULT_MAX_BODY)]
    max_body: usize,
    /// Longest request target (path and query string), bytes (beyond it, 414).
    #[arg(long, default_value_t = marsad_server::DEFAULT_MAX_URI)]
    max_uri: usize,
    /// Seconds a request may take before a 503.
    #[arg(long, default_value_t = 60)]
    request_timeout: u64,
    /// Seconds a connection may take to send a request's line and headers before it is closed.
    #[arg(long, default_value_t = marsad_server::DEFAULT_HEADER_TIMEOUT_SECS)]
    header_timeout: u64,
}

pub fn run(data: &Path, a: Args) -> anyhow::Result<ExitCode> {
    let config = marsad_server::ServeConfig {
        token: marsad_server::ServeConfig::token_from(a.token_file.as_deref())?,
        readers: a.readers,
        rate_limit: a.rate_limit,
        rate_burst: a.rate_burst,
        max_body: a.max_body,
        max_uri: a.max_uri,
        request_timeout: Duration::from_secs(a.request_timeout.max(1)),
        header_timeout: Duration::from_secs(a.header_timeout.max(1)),
        ..Default::default()
    };
    if let Some(file) = &a.watch {
        start_watching(data, file, a.watch_every)?;
    }
    marsad_server::run(data.to_path_buf(), a.addr, config)?;
    Ok(ExitCode::SUCCESS)
}

/// Polls the feeds in a thread of its own with its own store handle (the store takes one writer
/// at a time; a poll that finds it busy reports it and tries again next round). The store is
/// opened here, before the server opens it, so the two never create it at once.
fn start_watching(data: &Path, file: &Path, every: u64) -> anyhow::Result<()> {
    let feeds = super::watch::feed_list(Some(file), &[])?;
    let mut store = marsad_store::Store::open(data)?;
    let every = Duration::from_secs(every.max(1));
    std::thread::Builder::new()
        .name("marsad-watch".into())
        .spawn(move || {
            let analyzer = marsad_analyze::Analyzer::load();
            let opts = marsad_watch::Options::default();
            marsad_watch::watch(
                &mut store,
                &analyzer,
                &feeds,
                &opts,
                Some(every),
                &mut |r| super::watch::print_report(r, false),
            );
        })?;
    Ok(())
}
