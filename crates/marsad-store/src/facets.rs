//! Search facets: what the best hits of a query have in common (entities, sources, tags, CAMEO
//! roots of their events, publication days). One computation, used by `marsad search --facets`
//! and `GET /api/search?facets=1` alike, so both answer a query with the same counts.

use rusqlite::params;
use serde::Serialize;

use crate::entities::EntityCount;
use crate::{Result, Store};

/// How many of the best hits facets are counted over.
pub const FACET_DEPTH: usize = 1000;

/// A value with how many of the counted articles (or events) carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValueCount {
    pub value: String,
    pub count: u64,
}

/// Counts over the best [`FACET_DEPTH`] hits of a query.
#[derive(Debug, Clone, Serialize)]
pub struct Facets {
    /// Number of hits counted.
    pub over: usize,
    /// The entities they mention, by number of articles.
    pub entities: Vec<EntityCount>,
    pub sources: Vec<ValueCount>,
    pub tags: Vec<ValueCount>,
    /// CAMEO roots of their events (count = events).
    pub event_roots: Vec<ValueCount>,
    /// Articles per publication day, oldest first.
    pub days: Vec<ValueCount>,
}

const SOURCES: &str =
    "SELECT source, count(*) FROM articles WHERE id IN (SELECT value FROM json_each(?1))
     AND source IS NOT NULL GROUP BY source ORDER BY 2 DESC, 1 LIMIT ?2";
const TAGS: &str = "SELECT t.value, count(*) FROM articles a, json_each(a.tags) t
     WHERE a.id IN (SELECT value FROM json_each(?1)) GROUP BY t.value ORDER BY 2 DESC, 1 LIMIT ?2";
const ROOTS: &str =
    "SELECT root, count(*) FROM events WHERE article_id IN (SELECT value FROM json_each(?1))
     GROUP BY root ORDER BY 2 DESC, 1 LIMIT ?2";
const DAYS: &str =
    "SELECT published, count(*) FROM articles WHERE id IN (SELECT value FROM json_each(?1))
     AND published IS NOT NULL GROUP BY published ORDER BY 1 LIMIT ?2";

impl Store {
    /// The facets of a set of articles (the best hits of a query, in rank order).
    pub(crate) fn facets_of(&self, article_ids: &[String]) -> Result<Facets> {
        let ids = serde_json::to_string(article_ids).unwrap_or_else(|_| "[]".into());
        Ok(Facets {
            over: article_ids.len(),
            entities: self.entity_counts_in(article_ids, 15)?,
            sources: self.value_counts(SOURCES, &ids, 10)?,
            tags: self.value_counts(TAGS, &ids, 15)?,
            event_roots: self.value_counts(ROOTS, &ids, 20)?,
            days: self.value_counts(DAYS, &ids, 100_000)?,
        })
    }

    fn value_counts(&self, sql: &str, ids: &str, limit: usize) -> Result<Vec<ValueCount>> {
        let mut stmt = self.db.prepare_cached(sql)?;
        let rows = stmt.query_map(params![ids, limit as i64], |r| {
            Ok(ValueCount {
                value: r.get(0)?,
                count: r.get::<_, i64>(1)? as u64,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
