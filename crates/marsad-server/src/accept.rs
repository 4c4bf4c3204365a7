//! The accept loop: every connection served by hyper's HTTP/1 with a deadline on the request
//! head, and a graceful drain on shutdown.
//!
//! What it is for: `axum::serve` (0.8) installs no timer in hyper, so hyper's header-read
//! timeout is inert and a client that dribbles a request line and headers (slowloris) holds its
//! connection for ever; no limit of [`crate::guard`] applies before the head is read. Here each
//! connection gets `header_timeout` to send its whole head (hyper then closes it), and the
//! client's address is put in the request as `ConnectInfo`, as `axum::serve` did, for the rate
//! limit. What it is not: it routes nothing and limits nothing else (bodies, rates and request
//! times are the guard's).

use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;

/// How long open connections may take to finish once shutdown is asked for.
const DRAIN: Duration = Duration::from_secs(10);

/// Serves `app` on `listener` until `shutdown` completes, then drains open connections.
pub async fn accept_loop(
    listener: tokio::net::TcpListener,
    app: Router,
    header_timeout: Duration,
    shutdown: impl std::future::Future<Output = ()>,
) {
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            conn = listener.accept() => match conn {
                Ok(c) => c,
                Err(e) => {
                    // Out of file descriptors and the like: say so, wait, go on accepting.
                    eprintln!("marsad: cannot accept a connection: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
            req.extensions_mut().insert(ConnectInfo(peer));
            let mut app = app.clone();
            tower_service::Service::call(&mut app, req.map(axum::body::Body::new))
        });
        let mut http = hyper::server::conn::http1::Builder::new();
        http.timer(TokioTimer::new())
            .header_read_timeout(header_timeout);
        let conn = http.serve_connection(TokioIo::new(stream), service);
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            // A connection's own errors (reset, head too slow, bad request line) end only it.
            let _ = conn.await;
        });
    }
    drop(listener);
    if tokio::time::timeout(DRAIN, graceful.shutdown())
        .await
        .is_err()
    {
        eprintln!(
            "marsad: connections still open after {} s; closing them",
            DRAIN.as_secs()
        );
    }
}
