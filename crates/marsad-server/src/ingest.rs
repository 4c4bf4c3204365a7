//! `POST /api/articles`: articles as JSON, analysed and stored by the store's one writer.
//!
//! Off unless a token is configured (403). The bearer token is compared in constant time; the
//! body is refused above the configured limit (413) before it is read when Content-Length says so
//! (a client sending `Expect: 100-continue` never uploads it).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use marsad_analyze::Analyzer;
use marsad_ingest::{Format, ReadOptions};
use marsad_store::Store;

use crate::error::ApiError;
use crate::App;

/// Articles one request may carry.
pub const MAX_ARTICLES: usize = 1000;

/// The store's one writer, opened on the first POST; the mutex serialises writes.
pub struct Writer {
    dir: PathBuf,
    pub store: Arc<Mutex<Option<Store>>>,
}

impl Writer {
    pub fn new(dir: &Path) -> Writer {
        Writer {
            dir: dir.to_path_buf(),
            store: Arc::new(Mutex::new(None)),
        }
    }
}

fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(Analyzer::load)
}

/// Whether `given` is the token `secret`, in a time that depends on neither where the first
/// difference is nor how long `given` is: every byte of the secret is compared (against 0 past
/// the end of `given`), and the lengths are compared as numbers, not by stopping early.
pub fn same_secret(given: &[u8], secret: &[u8]) -> bool {
    let mut diff = u64::from(given.len() != secret.len());
    for (i, s) in secret.iter().enumerate() {
        let g = given.get(i).copied().unwrap_or(0);
        diff |= u64::from(g ^ s);
    }
    // Keep the optimiser from ending the loop once `diff` is known to be non-zero.
    std::hint::black_box(diff) == 0
}

/// The body went over the limit `to_bytes` was given (its error wraps http-body's
/// `LengthLimitError`; looked for by type, not by message).
fn is_length_limit(e: &axum::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(s) = source {
        if s.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        source = s.source();
    }
    false
}

fn too_large(max: usize) -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!("request body larger than {max} bytes"),
    )
}

pub async fn post_articles(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let Some(token) = app.config.token.as_deref() else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "ingest over HTTP is off (start the server with MARSAD_TOKEN or --token-file)",
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim);
    if !given.is_some_and(|g| same_secret(g.as_bytes(), token.as_bytes())) {
        let mut res = ApiError::new(StatusCode::UNAUTHORIZED, "missing or wrong bearer token")
            .into_response();
        res.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            header::HeaderValue::from_static("Bearer"),
        );
        return Ok(res);
    }
    let max = app.config.max_body;
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > max as u64) {
        return Err(too_large(max));
    }
    let bytes = match axum::body::to_bytes(body, max).await {
        Ok(b) => b,
        Err(e) if is_length_limit(&e) => return Err(too_large(max)),
        Err(e) => return Err(ApiError::bad_request(e.to_string())),
    };
    let value: Value = serde_json::from_slice(&bytes)
        .map_err(|e| ApiError::bad_request(format!("body is not JSON: {e}")))?;
    let mut items = match value {
        Value::Array(items) => items,
        v @ Value::Object(_) => vec![v],
        _ => {
            return Err(ApiError::bad_request(
                "body must be an article object or an array of them",
            ))
        }
    };
    if items.is_empty() {
        return Err(ApiError::bad_request("no articles in the body"));
    }
    if items.len() > MAX_ARTICLES {
        return Err(ApiError::bad_request(format!(
            "at most {MAX_ARTICLES} articles per request"
        )));
    }
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3f").to_string();
    for (i, item) in items.iter_mut().enumerate() {
        let Value::Object(o) = item else {
            return Err(ApiError::bad_request(format!(
                "item {} is not an object",
                i + 1
            )));
        };
        let has_id = match o.get("id") {
            Some(Value::String(s)) => !s.trim().is_empty(),
            Some(Value::Number(_)) => true,
            _ => false,
        };
        if !has_id {
            o.insert(
                "id".into(),
                Value::String(format!("http:{stamp}:{}", i + 1)),
            );
        }
    }
    let data = serde_json::to_vec(&items).map_err(ApiError::internal)?;
    let store = app.writer.store.clone();
    let dir = app.writer.dir.clone();
    let result = tokio::task::spawn_blocking(move || -> Result<(StatusCode, Value), ApiError> {
        let opts = ReadOptions { max_bytes: (data.len() as u64).max(1) * 2, ..ReadOptions::default() };
        let (analyzed, errors) =
            marsad_pipeline::read_and_analyze("request", &data, Format::Jsonl, &opts, analyzer());
        let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
        if analyzed.is_empty() {
            return Ok((StatusCode::BAD_REQUEST, json!({ "error": "no article could be read", "status": 400, "errors": errors })));
        }
        let mut guard = store.lock().map_err(|_| ApiError::internal("writer lock poisoned"))?;
        if guard.is_none() {
            *guard = Some(Store::open(&dir)?);
        }
        let Some(s) = guard.as_mut() else { return Err(ApiError::internal("no writer")) };
        let report = marsad_pipeline::store_batch(s, &analyzed)?;
        let articles: Vec<Value> = analyzed
            .iter()
            .map(|a| {
                let dup = report.duplicate_of.iter().any(|(sid, _)| sid == &a.article.source_id);
                json!({
                    "id": a.article.id,
                    "source_id": a.article.source_id,
                    "title": a.article.title,
                    "outcome": if dup { "duplicate" } else { "stored" },
                    "entities": a.entities.len(),
                    "events": a.events.len(),
                })
            })
            .collect();
        let status = if report.stored > 0 { StatusCode::CREATED } else { StatusCode::OK };
        Ok((
            status,
            json!({ "stored": report.stored, "duplicates": report.duplicates, "articles": articles, "errors": errors }),
        ))
    })
    .await
    .map_err(|e| ApiError::internal(format!("ingest task failed: {e}")))?;
    let (status, body) = result?;
    app.pool.bump();
    Ok((status, Json(body)).into_response())
}

#[cfg(test)]
mod tests {
    use super::same_secret;

    #[test]
    fn secrets_match_only_when_equal() {
        assert!(same_secret(b"s3cret", b"s3cret"));
        assert!(!same_secret(b"s3creT", b"s3cret"));
        assert!(!same_secret(b"s3cre", b"s3cret"));
        assert!(!same_secret(b"s3cret\0", b"s3cret"));
        assert!(!same_secret(b"", b"s3cret"));
        // A given token padded with zero bytes is not the secret either.
        assert!(!same_secret(b"ab\0", b"ab"));
    }
}
