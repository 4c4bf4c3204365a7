//! The server's read queries beyond the store's API, on a read-only SQLite connection (the schema
//! in `marsad_store::db` is the store's published contract): facets over a set of articles and an
//! entity's page (the entity, its timeline, the entities it appears with, its articles, events).

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use marsad_store::entities::{row_to_count, EntityCount};
use marsad_store::events::StoredEvent;

use crate::error::ApiError;

/// A value with how many of the counted articles (or events) carry it.
#[derive(Debug, Clone, Serialize)]
pub struct ValueCount {
    pub value: String,
    pub count: u64,
}

/// One day of an entity's timeline.
#[derive(Debug, Clone, Serialize)]
pub struct DayCount {
    pub day: String,
    pub articles: u64,
    pub mentions: u64,
}

/// An article as a list item.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleRef {
    pub id: String,
    pub title: String,
    pub source: Option<String>,
    pub published: Option<String>,
}

type R<T> = Result<T, ApiError>;

fn value_counts(db: &Connection, sql: &str, ids: &str, limit: usize) -> R<Vec<ValueCount>> {
    let mut stmt = db.prepare_cached(sql)?;
    let rows = stmt.query_map(params![ids, limit as i64], |r| {
        Ok(ValueCount {
            value: r.get(0)?,
            count: r.get::<_, i64>(1)? as u64,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Sources of a set of articles (a JSON array of ids), most frequent first.
pub fn sources_in(db: &Connection, ids: &str, limit: usize) -> R<Vec<ValueCount>> {
    value_counts(
        db,
        "SELECT source, count(*) FROM articles WHERE id IN (SELECT value FROM json_each(?1))
         AND source IS NOT NULL GROUP BY source ORDER BY 2 DESC, 1 LIMIT ?2",
        ids,
        limit,
    )
}

pub fn tags_in(db: &Connection, ids: &str, limit: usize) -> R<Vec<ValueCount>> {
    value_counts(
        db,
        "SELECT t.value, count(*) FROM articles a, json_each(a.tags) t
         WHERE a.id IN (SELECT value FROM json_each(?1)) GROUP BY t.value ORDER BY 2 DESC, 1 LIMIT ?2",
        ids,
        limit,
    )
}

/// CAMEO roots of the events of a set of articles (count = events).
pub fn event_roots_in(db: &Connection, ids: &str, limit: usize) -> R<Vec<ValueCount>> {
    value_counts(
        db,
        "SELECT root, count(*) FROM events WHERE article_id IN (SELECT value FROM json_each(?1))
         GROUP BY root ORDER BY 2 DESC, 1 LIMIT ?2",
        ids,
        limit,
    )
}

/// Articles per publication day, oldest first.
pub fn days_in(db: &Connection, ids: &str) -> R<Vec<ValueCount>> {
    value_counts(
        db,
        "SELECT published, count(*) FROM articles WHERE id IN (SELECT value FROM json_each(?1))
         AND published IS NOT NULL GROUP BY published ORDER BY 1 LIMIT ?2",
        ids,
        100_000,
    )
}

/// A stored entity with its counts, by id.
pub fn entity_info(db: &Connection, id: &str) -> R<Option<EntityCount>> {
    let mut stmt = db.prepare_cached(
        "SELECT e.id, e.name, e.name_ar, e.type, e.iso3, e.cameo,
            (SELECT count(DISTINCT article_id) FROM mentions WHERE entity_id = e.id),
            (SELECT count(*) FROM mentions WHERE entity_id = e.id)
         FROM entities e WHERE e.id = ?1",
    )?;
    Ok(stmt.query_row(params![id], row_to_count).optional()?)
}

/// Articles and mentions per publication day for one entity, oldest first.
pub fn entity_timeline(db: &Connection, id: &str) -> R<Vec<DayCount>> {
    let mut stmt = db.prepare_cached(
        "SELECT a.published, count(DISTINCT m.article_id), count(*)
         FROM mentions m JOIN articles a ON a.id = m.article_id
         WHERE m.entity_id = ?1 AND a.published IS NOT NULL
         GROUP BY a.published ORDER BY a.published",
    )?;
    let rows = stmt.query_map(params![id], |r| {
        Ok(DayCount {
            day: r.get(0)?,
            articles: r.get::<_, i64>(1)? as u64,
            mentions: r.get::<_, i64>(2)? as u64,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Entities mentioned in the articles that mention `id` (articles = shared articles).
pub fn co_entities(db: &Connection, id: &str, limit: usize) -> R<Vec<EntityCount>> {
    let mut stmt = db.prepare_cached(
        "SELECT e.id, e.name, e.name_ar, e.type, e.iso3, e.cameo, count(DISTINCT m.article_id), count(*)
         FROM mentions m JOIN entities e ON e.id = m.entity_id
         WHERE m.article_id IN (SELECT article_id FROM mentions WHERE entity_id = ?1) AND m.entity_id <> ?1
         GROUP BY e.id ORDER BY 7 DESC, 8 DESC, e.id LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![id, limit as i64], row_to_count)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The newest articles that mention `id`.
pub fn entity_articles(db: &Connection, id: &str, limit: usize) -> R<Vec<ArticleRef>> {
    let mut stmt = db.prepare_cached(
        "SELECT a.id, a.title, a.source, a.published FROM articles a
         WHERE a.id IN (SELECT article_id FROM mentions WHERE entity_id = ?1)
         ORDER BY a.published DESC, a.id LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![id, limit as i64], |r| {
        Ok(ArticleRef {
            id: r.get(0)?,
            title: r.get(1)?,
            source: r.get(2)?,
            published: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Events where the entity is an actor or the place, newest first.
pub fn entity_events(db: &Connection, id: &str, limit: usize) -> R<Vec<StoredEvent>> {
    let mut stmt = db.prepare_cached(
        "SELECT e.id, e.article_id, a.url, a.source, a.published, e.json, e.group_id
         FROM events e JOIN articles a ON a.id = e.article_id
         WHERE e.actor1_entity = ?1 OR e.actor2_entity = ?1 OR e.place_entity = ?1
         ORDER BY e.date DESC, e.id LIMIT ?2",
    )?;
    Ok(marsad_store::events::stored_events(
        &mut stmt,
        params![id, limit as i64],
    )?)
}
