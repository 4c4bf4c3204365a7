//! `marsad serve`: the HTTP API (JSON, described by the hand-written OpenAPI document in
//! `openapi.json`) and the right-to-left Arabic web page, from one binary.
//!
//! What it is for: reading a store over HTTP (search, articles with their entities and events,
//! entity pages, events as JSON or CSV) and, when a token is configured, adding articles to it.
//! What it is not: a crawler, a multi-user system or a public service: it binds where it is told,
//! sends no CORS headers (same origin only) and keeps one writer.
//!
//! Concurrency: [`pool::Pool`] holds a few read handles of the store (tantivy + SQLite), each used
//! by one blocking task at a time; requests beyond that wait (bounded) for a free handle. Writes go
//! through one writer handle behind a mutex. Read handles reload their index when SQLite shows a
//! batch they have not seen (a POST, or a `marsad ingest` running beside the server), without
//! waiting for the writer.
//!
//! Safety: the page is static (HTML, CSS, JS embedded with `include_str!`); it fetches JSON and
//! renders every piece of text with DOM text nodes. No request path reaches the file system.

mod accept;
mod api;
mod error;
mod guard;
mod ingest;
mod pool;
pub mod report;
mod web;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

pub use error::ApiError;
pub use web::PAGE_ROUTES;

/// The OpenAPI 3 document served at `/api/openapi.json`.
pub const OPENAPI: &str = include_str!("openapi.json");

/// Every API route as (method, path in OpenAPI's template form). The router is built from the
/// same handlers; a test checks this list, the router and the OpenAPI document agree.
pub const API_ROUTES: &[(&str, &str)] = &[
    ("get", "/api/health"),
    ("get", "/api/stats"),
    ("get", "/api/search"),
    ("get", "/api/articles/{id}"),
    ("post", "/api/articles"),
    ("get", "/api/entities"),
    ("get", "/api/entities/{id}"),
    ("get", "/api/events"),
    ("get", "/api/events.csv"),
    ("get", "/api/events/map"),
    ("get", "/api/events/timeline"),
    ("get", "/api/stories"),
    ("get", "/api/stories/{id}"),
    ("get", "/api/openapi.json"),
];

/// Default request body limit of `POST /api/articles`.
pub const DEFAULT_MAX_BODY: usize = 8 * 1024 * 1024;

/// Default per-client rate: a person paging through results makes a few requests a second.
pub const DEFAULT_RATE_LIMIT: u32 = 50;
/// Default burst: the page's first load and a quick series of searches.
pub const DEFAULT_RATE_BURST: u32 = 100;
/// Default request-target limit: a 1,000-character Arabic query percent-encoded is ~6 KB.
pub const DEFAULT_MAX_URI: usize = 16 * 1024;
/// Default time to send a request's line and headers (hyper's own default, once it has a timer).
pub const DEFAULT_HEADER_TIMEOUT_SECS: u64 = 30;

#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// Bearer token for `POST /api/articles`; None turns HTTP ingest off (403).
    pub token: Option<String>,
    /// Read handles of the store (concurrent store calls).
    pub readers: usize,
    /// Request body limit of `POST /api/articles`, bytes.
    pub max_body: usize,
    /// How long a request may wait for a free read handle before a 503.
    pub queue_timeout: std::time::Duration,
    /// Requests a second per client address (0: no limit); beyond it, 429 with Retry-After.
    pub rate_limit: u32,
    /// Requests a client may make at once before the rate applies.
    pub rate_burst: u32,
    /// Longest request target (path and query string), bytes; beyond it, 414.
    pub max_uri: usize,
    /// Longest time a request may take before a 503.
    pub request_timeout: std::time::Duration,
    /// Longest time a connection may take to send a request's line and headers; then it is
    /// closed (slow-header clients).
    pub header_timeout: std::time::Duration,
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            token: None,
            readers: 4,
            max_body: DEFAULT_MAX_BODY,
            queue_timeout: std::time::Duration::from_secs(20),
            rate_limit: DEFAULT_RATE_LIMIT,
            rate_burst: DEFAULT_RATE_BURST,
            max_uri: DEFAULT_MAX_URI,
            request_timeout: std::time::Duration::from_secs(60),
            header_timeout: std::time::Duration::from_secs(DEFAULT_HEADER_TIMEOUT_SECS),
        }
    }
}

impl ServeConfig {
    /// The ingest token: the first line of `token_file` when given, else the `MARSAD_TOKEN`
    /// environment variable. An empty token counts as none.
    pub fn token_from(token_file: Option<&Path>) -> anyhow::Result<Option<String>> {
        let raw = match token_file {
            Some(p) => std::fs::read_to_string(p)
                .with_context(|| format!("cannot read the token file {}", p.display()))?,
            None => std::env::var("MARSAD_TOKEN").unwrap_or_default(),
        };
        let t = raw.lines().next().unwrap_or("").trim().to_string();
        Ok((!t.is_empty()).then_some(t))
    }
}

pub(crate) struct App {
    pub pool: pool::Pool,
    pub writer: ingest::Writer,
    pub limiter: guard::RateLimiter,
    pub config: ServeConfig,
}

/// The whole application (API + page) over a store directory; used by [`serve`] and tests.
pub fn router(data_dir: &Path, config: ServeConfig) -> anyhow::Result<Router> {
    if !data_dir.join("marsad.sqlite").exists() {
        anyhow::bail!(
            "{}: no marsad store here (run `marsad --data {} ingest …` first)",
            data_dir.display(),
            data_dir.display()
        );
    }
    let writer = ingest::Writer::new(data_dir);
    let pool = pool::Pool::open(data_dir, config.readers.clamp(1, 64), config.queue_timeout)?;
    let app = Arc::new(App {
        pool,
        writer,
        limiter: guard::RateLimiter::new(config.rate_limit, config.rate_burst),
        config,
    });
    let api = Router::new()
        .route("/api/health", get(api::health))
        .route("/api/stats", get(api::stats))
        .route("/api/search", get(api::search))
        .route("/api/articles", axum::routing::post(ingest::post_articles))
        .route("/api/articles/{id}", get(api::article))
        .route("/api/entities", get(api::entities))
        .route("/api/entities/{id}", get(api::entity))
        .route("/api/events", get(api::events))
        .route("/api/events.csv", get(api::events_csv))
        .route("/api/events/map", get(api::events_map))
        .route("/api/events/timeline", get(api::events_timeline))
        .route("/api/stories", get(api::stories))
        .route("/api/stories/{id}", get(api::story))
        .route("/api/openapi.json", get(api::openapi));
    let pages = web::routes();
    Ok(api
        .merge(pages)
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            guard::limits,
        ))
        .layer(axum::middleware::map_response(guard::finish_response))
        .with_state(app))
}

/// An unknown API path is a JSON error; any other unknown path is a page, so a person gets an
/// HTML page saying so.
async fn not_found(uri: axum::http::Uri) -> Response {
    let path = uri.path();
    if path == "/api" || path.starts_with("/api/") {
        ApiError::new(StatusCode::NOT_FOUND, "no such route").into_response()
    } else {
        web::not_found_page()
    }
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method not allowed on this route",
    )
}

/// Serves the store in `data_dir` on `addr` until Ctrl-C or SIGTERM.
pub async fn serve(data_dir: PathBuf, addr: SocketAddr, config: ServeConfig) -> anyhow::Result<()> {
    let ingest_on = config.token.is_some();
    let header_timeout = config.header_timeout;
    let app = router(&data_dir, config)?;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    let local = listener.local_addr()?;
    eprintln!(
        "marsad: serving {} on http://{local}/ (API: /api, OpenAPI: /api/openapi.json; HTTP ingest {})",
        data_dir.display(),
        if ingest_on { "on" } else { "off" }
    );
    serve_on(listener, app, header_timeout, shutdown_signal()).await;
    Ok(())
}

/// Serves an already built router on a bound listener until `shutdown` completes (the CLI's is
/// Ctrl-C or SIGTERM), each request head within `header_timeout` ([`accept::accept_loop`]).
pub async fn serve_on(
    listener: tokio::net::TcpListener,
    app: Router,
    header_timeout: std::time::Duration,
    shutdown: impl std::future::Future<Output = ()>,
) {
    accept::accept_loop(listener, app, header_timeout, shutdown).await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
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
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    eprintln!("marsad: shutting down");
}

/// A blocking wrapper for the CLI: builds a multi-threaded tokio runtime and runs [`serve`].
pub fn run(data_dir: PathBuf, addr: SocketAddr, config: ServeConfig) -> anyhow::Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    rt.block_on(serve(data_dir, addr, config))
}
