//! The read side of the API: JSON handlers over the read pool.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{json, Value};

use marsad_store::events::{csv_row, write_csv_line, EventFilter, CSV_COLUMNS};
use marsad_store::{entity_key, SearchOptions};

use crate::error::ApiError;
use crate::App;

type Params = Query<HashMap<String, String>>;
type ApiResult = Result<Response, ApiError>;

pub const MAX_QUERY_CHARS: usize = 1000;
pub const MAX_LIMIT: usize = 100;
pub const MAX_OFFSET: usize = 10_000;
pub const MAX_EVENTS_JSON: usize = 1000;
pub const MAX_EVENTS_CSV: usize = 200_000;
const MAX_ID_CHARS: usize = 500;

fn ok<T: Serialize>(v: T) -> ApiResult {
    Ok(Json(v).into_response())
}

/// A non-empty parameter, trimmed.
fn param<'a>(p: &'a HashMap<String, String>, name: &str) -> Option<&'a str> {
    p.get(name).map(|s| s.trim()).filter(|s| !s.is_empty())
}

fn number(
    p: &HashMap<String, String>,
    name: &str,
    default: usize,
    max: usize,
) -> Result<usize, ApiError> {
    match param(p, name) {
        None => Ok(default),
        Some(v) => match v.parse::<usize>() {
            Ok(n) if n <= max => Ok(n),
            Ok(_) => Err(ApiError::bad_request(format!(
                "{name} must be at most {max}"
            ))),
            Err(_) => Err(ApiError::bad_request(format!(
                "{name} must be a whole number, not {v:?}"
            ))),
        },
    }
}

fn date(p: &HashMap<String, String>, name: &str) -> Result<Option<NaiveDate>, ApiError> {
    match param(p, name) {
        None => Ok(None),
        Some(v) => NaiveDate::parse_from_str(v, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| {
                ApiError::bad_request(format!("{name} must be a date YYYY-MM-DD, not {v:?}"))
            }),
    }
}

fn short(v: Option<&str>, name: &str, max: usize) -> Result<Option<String>, ApiError> {
    match v {
        Some(s) if s.chars().count() > max => Err(ApiError::bad_request(format!(
            "{name} is longer than {max} characters"
        ))),
        s => Ok(s.map(str::to_string)),
    }
}

fn flag(p: &HashMap<String, String>, name: &str) -> bool {
    matches!(param(p, name), Some("1" | "true" | "yes" | "on"))
}

pub async fn health(State(app): State<Arc<App>>) -> ApiResult {
    let articles = app.pool.run(|h| Ok(h.store.article_count()?)).await?;
    ok(json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
        "articles": articles,
        "ingest": app.config.token.is_some(),
    }))
}

pub async fn stats(State(app): State<Arc<App>>) -> ApiResult {
    let s = app.pool.run(|h| Ok(h.store.stats()?)).await?;
    ok(s)
}

pub async fn search(State(app): State<Arc<App>>, Query(p): Params) -> ApiResult {
    let q = short(p.get("q").map(|s| s.trim()), "q", MAX_QUERY_CHARS)?.unwrap_or_default();
    let limit = number(&p, "limit", 10, MAX_LIMIT)?;
    let offset = number(&p, "offset", 0, MAX_OFFSET)?;
    let facets = flag(&p, "facets");
    let duplicates = flag(&p, "duplicates");
    let group_stories = flag(&p, "stories");
    let out = app
        .pool
        .run(move |h| {
            let opts = SearchOptions {
                limit,
                offset,
                snippets: true,
                facets,
                duplicates,
                group_stories,
            };
            let r = h.store.search(&q, &opts)?;
            let mut v = json!({
                "query": q,
                "total": r.total,
                "offset": offset,
                "limit": limit,
                "hits": r.hits,
            });
            if let Some(f) = r.facets {
                v["facets"] = json!(f);
            }
            Ok(v)
        })
        .await?;
    ok(out)
}

pub async fn article(State(app): State<Arc<App>>, Path(id): Path<String>) -> ApiResult {
    let id = short(Some(id.trim()), "id", MAX_ID_CHARS)?.unwrap_or_default();
    let out = app
        .pool
        .run(move |h| {
            let Some(a) = h.store.find(&id)? else {
                return Err(ApiError::not_found(format!("no article {id:?}")));
            };
            let entities: Vec<Value> = h
                .store
                .article_entities(&a.id)?
                .into_iter()
                .map(|e| {
                    json!({
                        "id": entity_key(&e),
                        "kb_id": e.id,
                        "name": e.name,
                        "name_ar": e.name_ar,
                        "type": e.kind,
                        "codes": e.codes,
                        "mentions": e.mentions,
                    })
                })
                .collect();
            let events = h.store.article_events(&a.id)?;
            let sightings: Vec<Value> = h
                .store
                .sightings(&a.id)?
                .into_iter()
                .map(|(source_id, source, url)| json!({"source_id": source_id, "source": source, "url": url}))
                .collect();
            Ok(json!({ "article": a, "entities": entities, "events": events, "sightings": sightings }))
        })
        .await?;
    ok(out)
}

pub async fn entities(State(app): State<Arc<App>>, Query(p): Params) -> ApiResult {
    let kind = match param(&p, "type") {
        None => None,
        Some(t) => {
            let t = t.to_ascii_uppercase();
            if !matches!(t.as_str(), "PER" | "LOC" | "ORG" | "MISC") {
                return Err(ApiError::bad_request("type must be PER, LOC, ORG or MISC"));
            }
            Some(t)
        }
    };
    let limit = number(&p, "limit", 50, 500)?;
    let out = app
        .pool
        .run(move |h| Ok(json!({ "entities": h.store.top_entities(kind.as_deref(), limit)? })))
        .await?;
    ok(out)
}

pub async fn entity(State(app): State<Arc<App>>, Path(id): Path<String>) -> ApiResult {
    let id = short(Some(id.trim()), "id", MAX_ID_CHARS)?.unwrap_or_default();
    let out = app
        .pool
        .run(move |h| {
            // An id as stored, else a name (بوتين, Vladimir Putin) that resolves to one.
            match h.store.entity_page(&id)? {
                Some(page) => Ok(json!(page)),
                None => Err(ApiError::not_found(format!(
                    "no entity {id:?} in this store"
                ))),
            }
        })
        .await?;
    ok(out)
}

fn event_filter(
    p: &HashMap<String, String>,
    default_limit: usize,
    max: usize,
) -> Result<EventFilter, ApiError> {
    let roots: Vec<String> = match param(p, "root") {
        None => Vec::new(),
        Some(r) => r
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
    };
    if roots
        .iter()
        .any(|r| r.len() > 2 || !r.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(ApiError::bad_request(
            "root must be CAMEO roots like 01 or 19, separated by commas",
        ));
    }
    let (from, to) = match date(p, "date")? {
        Some(d) => (Some(d), Some(d)),
        None => (date(p, "from")?, date(p, "to")?),
    };
    Ok(EventFilter {
        actor: short(param(p, "actor"), "actor", 200)?,
        country: short(param(p, "country"), "country", 10)?,
        place_country: short(param(p, "place_country"), "place_country", 10)?,
        roots,
        quad: quad(p)?,
        from,
        to,
        place: short(param(p, "place"), "place", 200)?,
        query: short(param(p, "q"), "q", MAX_QUERY_CHARS)?,
        story: short(param(p, "story"), "story", MAX_ID_CHARS)?,
        limit: Some(number(p, "limit", default_limit, max)?),
    })
}

fn quad(p: &HashMap<String, String>) -> Result<Option<u8>, ApiError> {
    match param(p, "quad") {
        None => Ok(None),
        Some(v) => match v.parse::<u8>() {
            Ok(q @ 1..=4) => Ok(Some(q)),
            _ => Err(ApiError::bad_request(format!(
                "quad must be a QuadClass 1, 2, 3 or 4, not {v:?}"
            ))),
        },
    }
}

/// The map: events counted by place and by the place's country, over the events filters.
pub async fn events_map(State(app): State<Arc<App>>, Query(p): Params) -> ApiResult {
    let f = EventFilter {
        limit: None,
        ..event_filter(&p, 0, usize::MAX)?
    };
    let out = app.pool.run(move |h| Ok(h.store.event_map(&f)?)).await?;
    ok(out)
}

/// The timeline: events per day or week, split by QuadClass or root, over the events filters.
pub async fn events_timeline(State(app): State<Arc<App>>, Query(p): Params) -> ApiResult {
    use marsad_store::event_aggregates::{Bucket, Split};
    let by = match param(&p, "by").unwrap_or("day") {
        "day" => Bucket::Day,
        "week" => Bucket::Week,
        v => {
            return Err(ApiError::bad_request(format!(
                "by must be day or week, not {v:?}"
            )))
        }
    };
    let split = match param(&p, "split").unwrap_or("quad") {
        "quad" => Split::Quad,
        "root" => Split::Root,
        v => {
            return Err(ApiError::bad_request(format!(
                "split must be quad or root, not {v:?}"
            )))
        }
    };
    let f = EventFilter {
        limit: None,
        ..event_filter(&p, 0, usize::MAX)?
    };
    let out = app
        .pool
        .run(move |h| Ok(h.store.event_timeline(&f, by, split)?))
        .await?;
    ok(out)
}

pub async fn events(State(app): State<Arc<App>>, Query(p): Params) -> ApiResult {
    let f = event_filter(&p, 100, MAX_EVENTS_JSON)?;
    let out = app
        .pool
        .run(move |h| {
            let events = h.store.events(&f)?;
            Ok(json!({ "count": events.len(), "events": events }))
        })
        .await?;
    ok(out)
}

pub async fn events_csv(State(app): State<Arc<App>>, Query(p): Params) -> ApiResult {
    let f = event_filter(&p, MAX_EVENTS_CSV, MAX_EVENTS_CSV)?;
    let body = app
        .pool
        .run(move |h| {
            let events = h.store.events(&f)?;
            let mut out: Vec<u8> = Vec::new();
            let header: Vec<String> = CSV_COLUMNS.iter().map(|s| s.to_string()).collect();
            write_csv_line(&mut out, &header, ',').map_err(ApiError::internal)?;
            for e in &events {
                write_csv_line(&mut out, &csv_row(e), ',').map_err(ApiError::internal)?;
            }
            Ok(out)
        })
        .await?;
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"marsad-events.csv\"",
            ),
        ],
        body,
    )
        .into_response())
}

pub async fn stories(State(app): State<Arc<App>>, Query(p): Params) -> ApiResult {
    let limit = number(&p, "limit", 50, 500)?;
    let out = app
        .pool
        .run(move |h| Ok(json!({ "stories": h.store.stories(limit)? })))
        .await?;
    ok(out)
}

pub async fn story(State(app): State<Arc<App>>, Path(id): Path<String>) -> ApiResult {
    let id = short(Some(id.trim()), "id", MAX_ID_CHARS)?.unwrap_or_default();
    let out = app
        .pool
        .run(move |h| match h.store.story(&id)? {
            Some(s) => Ok(json!(s)),
            None => Err(ApiError::not_found(format!("no story {id:?}"))),
        })
        .await?;
    ok(out)
}

pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], crate::OPENAPI).into_response()
}
