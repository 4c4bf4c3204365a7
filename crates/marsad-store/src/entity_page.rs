//! An entity's page: the entity with its counts, its timeline, the entities it appears with,
//! the newest articles that mention it and the events it takes part in (as an actor or the
//! place). Read side only; `marsad serve` shows it at `GET /api/entities/{id}`.

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::entities::{row_to_count, EntityCount, COUNT_SELECT};
use crate::events::{stored_events, StoredEvent, EVENT_SELECT};
use crate::{Result, Store};

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

#[derive(Debug, Clone, Serialize)]
pub struct EntityPage {
    pub entity: EntityCount,
    /// Articles and mentions per publication day, oldest first.
    pub timeline: Vec<DayCount>,
    /// Entities of the articles that mention this one (articles = shared articles).
    pub co_occurring: Vec<EntityCount>,
    /// The newest articles that mention it.
    pub articles: Vec<ArticleRef>,
    /// Events where it is an actor or the place, newest first.
    pub events: Vec<StoredEvent>,
}

impl Store {
    /// The page of an entity given its stored id, or else a name (بوتين, Vladimir Putin) that
    /// resolves to a stored entity.
    pub fn entity_page(&self, key: &str) -> Result<Option<EntityPage>> {
        let mut info = self.entity_info(key)?;
        if info.is_none() {
            for k in self.resolve_entity(key)? {
                if let Some(e) = self.entity_info(&k)? {
                    info = Some(e);
                    break;
                }
            }
        }
        let Some(entity) = info else {
            return Ok(None);
        };
        let id = entity.id.clone();
        Ok(Some(EntityPage {
            timeline: self.entity_timeline(&id)?,
            co_occurring: self.co_entities(&id, 20)?,
            articles: self.entity_articles(&id, 20)?,
            events: self.entity_events(&id, 100)?,
            entity,
        }))
    }

    /// A stored entity with its counts, by id.
    pub fn entity_info(&self, id: &str) -> Result<Option<EntityCount>> {
        // Counted by subqueries so that an entity with no mention left still has its row.
        let mut stmt = self.db.prepare_cached(
            "SELECT e.id, e.name, e.name_ar, e.type, e.iso3, e.cameo,
                (SELECT count(DISTINCT article_id) FROM mentions WHERE entity_id = e.id),
                (SELECT count(*) FROM mentions WHERE entity_id = e.id)
             FROM entities e WHERE e.id = ?1",
        )?;
        Ok(stmt.query_row(params![id], row_to_count).optional()?)
    }

    fn entity_timeline(&self, id: &str) -> Result<Vec<DayCount>> {
        let mut stmt = self.db.prepare_cached(
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

    fn co_entities(&self, id: &str, limit: usize) -> Result<Vec<EntityCount>> {
        let sql = format!(
            "{COUNT_SELECT} WHERE m.article_id IN (SELECT article_id FROM mentions WHERE entity_id = ?1)
             AND m.entity_id <> ?1 GROUP BY e.id ORDER BY 7 DESC, 8 DESC, e.id LIMIT ?2"
        );
        let mut stmt = self.db.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![id, limit as i64], row_to_count)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn entity_articles(&self, id: &str, limit: usize) -> Result<Vec<ArticleRef>> {
        let mut stmt = self.db.prepare_cached(
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

    fn entity_events(&self, id: &str, limit: usize) -> Result<Vec<StoredEvent>> {
        let sql = format!(
            "{EVENT_SELECT} WHERE e.actor1_entity = ?1 OR e.actor2_entity = ?1 OR e.place_entity = ?1
             ORDER BY e.date DESC, e.id LIMIT ?2"
        );
        let mut stmt = self.db.prepare_cached(&sql)?;
        stored_events(&mut stmt, params![id, limit as i64])
    }
}
