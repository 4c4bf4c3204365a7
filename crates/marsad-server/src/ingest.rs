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

/// The store's one writer, opened on the first POST; the mutex serialises writes (and read
/// handles reopening, see `pool`).
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

/// Byte-wise comparison whose time does not depend on where the first difference is.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
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
        Err(e) => {
            let msg = e.to_string();
            return Err(if msg.contains("length limit") {
                too_large(max)
            } else {
                ApiError::bad_request(msg)
            });
        }
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
        let mut errors = Vec::new();
        let mut analyzed = Vec::new();
        for r in marsad_ingest::read_bytes_with("request", &data, Format::Jsonl, &opts) {
            match r {
                Ok(a) => analyzed.push(analyzer().analyze(a)),
                Err(e) => errors.push(e.to_string()),
            }
        }
        if analyzed.is_empty() {
            return Ok((StatusCode::BAD_REQUEST, json!({ "error": "no article could be read", "status": 400, "errors": errors })));
        }
        let mut guard = store.lock().map_err(|_| ApiError::internal("writer lock poisoned"))?;
        if guard.is_none() {
            *guard = Some(Store::open(&dir)?);
        }
        let Some(s) = guard.as_mut() else { return Err(ApiError::internal("no writer")) };
        let mut ing = s.ingester(1).map_err(|e| {
            let msg = e.to_string();
            if msg.contains("another marsad process") {
                ApiError::new(StatusCode::SERVICE_UNAVAILABLE, msg)
            } else {
                ApiError::internal(msg)
            }
        })?;
        let report = ing.add_batch(&analyzed)?;
        ing.finish()?;
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
