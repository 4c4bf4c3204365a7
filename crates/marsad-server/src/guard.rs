//! What every request passes before a handler and what every response carries after it: the
//! request-target size limit (414), the per-client rate limit (429), the time limit (503), the
//! security headers, and errors that are not JSON yet turned into one-line JSON errors.
//!
//! What it is not: authentication (the POST route checks its token itself) or the body limit
//! (the POST route reads its body against `ServeConfig::max_body`). Clients are told apart by
//! their IP address (`ConnectInfo`, set by [`crate::serve_on`]); a router served without it puts
//! every request in one bucket.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::App;

/// Buckets kept before idle ones (full again) are dropped, so a scan of many addresses cannot
/// grow the table without bound.
const MAX_CLIENTS: usize = 4096;

/// A token bucket per client address: `rate` requests a second, up to `burst` at once.
pub struct RateLimiter {
    rate: f64,
    burst: f64,
    buckets: Mutex<HashMap<IpAddr, (f64, Instant)>>,
}

impl RateLimiter {
    /// `rate` 0 turns the limit off.
    pub fn new(rate: u32, burst: u32) -> RateLimiter {
        RateLimiter {
            rate: f64::from(rate),
            burst: f64::from(burst.max(1)),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one token for `ip`; `Err(seconds)` says how long until the next one.
    pub fn take(&self, ip: IpAddr, now: Instant) -> Result<(), u64> {
        if self.rate <= 0.0 {
            return Ok(());
        }
        // A poisoned lock only means another request panicked mid-update: the counts are
        // still numbers, so keep limiting with them.
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if buckets.len() >= MAX_CLIENTS {
            let refill = Duration::from_secs_f64(self.burst / self.rate);
            buckets.retain(|_, (_, last)| now.saturating_duration_since(*last) < refill);
            if buckets.len() >= MAX_CLIENTS {
                // Still full: this many clients at once is a flood of addresses; forgetting
                // them all errs on the side of serving.
                buckets.clear();
            }
        }
        let (tokens, last) = buckets.entry(ip).or_insert((self.burst, now));
        let elapsed = now.saturating_duration_since(*last).as_secs_f64();
        *tokens = (*tokens + elapsed * self.rate).min(self.burst);
        *last = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - *tokens) / self.rate).ceil().max(1.0) as u64)
        }
    }
}

/// The bytes `s` percent-encodes (`+` is a space in a query string).
fn percent_decode(s: &str, plus_is_space: bool) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match b[i] {
            b'%' if i + 2 < b.len() => match (hex(b[i + 1]), hex(b[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' if plus_is_space => out.push(b' '),
            c => out.push(c),
        }
        i += 1;
    }
    out
}

/// Why the request target is refused before routing: too long, or a path or query string that
/// is not UTF-8 once percent-decoded (the extractors would otherwise decode it lossily, and a
/// search for U+FFFD is not what the client asked).
fn bad_target(uri: &axum::http::Uri, max_uri: usize) -> Option<ApiError> {
    let target = uri.path_and_query().map_or(0, |p| p.as_str().len());
    if target > max_uri {
        return Some(ApiError::new(
            StatusCode::URI_TOO_LONG,
            format!("request target is {target} bytes, the limit is {max_uri}"),
        ));
    }
    if std::str::from_utf8(&percent_decode(uri.path(), false)).is_err() {
        return Some(ApiError::bad_request(
            "the path is not UTF-8 once percent-decoded",
        ));
    }
    let query = uri.query().unwrap_or("");
    if std::str::from_utf8(&percent_decode(query, true)).is_err() {
        return Some(ApiError::bad_request(
            "the query string is not UTF-8 once percent-decoded",
        ));
    }
    None
}

/// The limits in order: request target (size, UTF-8), rate, time.
pub async fn limits(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    if let Some(e) = bad_target(req.uri(), app.config.max_uri) {
        return e.into_response();
    }
    let ip = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip());
    if let Err(wait) = app.limiter.take(ip, Instant::now()) {
        let mut res = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            format!(
                "more than {} requests a second from {ip}; retry in {wait} s",
                app.config.rate_limit
            ),
        )
        .into_response();
        res.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(wait));
        return res;
    }
    let limit = app.config.request_timeout;
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(res) => res,
        Err(_) => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("request took longer than {} s", limit.as_secs()),
        )
        .into_response(),
    }
}

/// Every response: security headers; an error that is neither JSON nor an HTML page yet (an
/// extractor's rejection, plain text) becomes `{"error", "status"}` with a one-line reason.
pub async fn finish_response(res: Response) -> Response {
    let status = res.status();
    let kind = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let done = kind.starts_with("application/json") || kind.starts_with("text/html");
    let mut res = if (status.is_client_error() || status.is_server_error()) && !done {
        let body = axum::body::to_bytes(res.into_body(), 16 * 1024)
            .await
            .unwrap_or_default();
        let text = one_line(&String::from_utf8_lossy(&body));
        let text = if text.is_empty() {
            status.canonical_reason().unwrap_or("error").to_string()
        } else {
            text
        };
        ApiError::new(status, text).into_response()
    } else {
        res
    };
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    );
    res
}

/// A reason on one line: runs of whitespace (newlines included) become one space.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_allows_the_burst_then_the_rate() {
        let l = RateLimiter::new(2, 3);
        let ip: IpAddr = "10.0.0.1"
            .parse()
            .unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
        let t0 = Instant::now();
        for _ in 0..3 {
            assert_eq!(l.take(ip, t0), Ok(()));
        }
        assert_eq!(l.take(ip, t0), Err(1));
        // Another client has its own bucket.
        assert_eq!(l.take(IpAddr::V4(Ipv4Addr::LOCALHOST), t0), Ok(()));
        // Half a second at 2/s gives one token back.
        assert_eq!(l.take(ip, t0 + Duration::from_millis(500)), Ok(()));
        assert!(l.take(ip, t0 + Duration::from_millis(500)).is_err());
    }

    #[test]
    fn rate_zero_is_off() {
        let l = RateLimiter::new(0, 0);
        for _ in 0..10_000 {
            assert_eq!(
                l.take(IpAddr::V4(Ipv4Addr::LOCALHOST), Instant::now()),
                Ok(())
            );
        }
    }

    #[test]
    fn the_table_is_bounded() {
        let l = RateLimiter::new(1000, 1);
        let t0 = Instant::now();
        for i in 0..(MAX_CLIENTS as u32 * 2) {
            let _ = l.take(IpAddr::V4(Ipv4Addr::from(i)), t0);
        }
        // Later, every old bucket is full again and dropped at the next insert.
        let _ = l.take(IpAddr::V4(Ipv4Addr::LOCALHOST), t0 + Duration::from_secs(1));
        let n = l.buckets.lock().map(|b| b.len()).unwrap_or(usize::MAX);
        assert!(n <= MAX_CLIENTS, "{n} buckets");
    }

    #[test]
    fn targets_must_decode_to_utf8() {
        let bad = |t: &str| bad_target(&t.parse().unwrap_or_default(), 100).map(|e| e.status);
        assert_eq!(bad("/api/search?q=%D8%A8"), None);
        assert_eq!(bad("/api/search?q=%FF"), Some(StatusCode::BAD_REQUEST));
        assert_eq!(bad("/api/articles/%C0%AF"), Some(StatusCode::BAD_REQUEST));
        assert_eq!(bad("/api/search?q=100%"), None);
        assert_eq!(bad("/api/search?q=%zz+%4"), None);
        assert_eq!(
            bad(&format!("/api/search?q={}", "a".repeat(100))),
            Some(StatusCode::URI_TOO_LONG)
        );
        assert_eq!(percent_decode("a+%41%", true), b"a A%");
        assert_eq!(percent_decode("a+b", false), b"a+b");
    }

    #[test]
    fn reasons_are_one_line() {
        assert_eq!(
            one_line(" Failed to parse\n  the query\r\n"),
            "Failed to parse the query"
        );
    }
}
