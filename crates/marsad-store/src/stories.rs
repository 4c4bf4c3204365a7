//! Stories, read side: the story list (`marsad stories`, `GET /api/stories`), one story with
//! its articles and events, and article id resolution (id, unique prefix, source id,
//! canonical). The marks themselves are decided at ingest ([`crate::dedup`]).

use crate::events::{stored_events, StoredEvent, EVENT_SELECT};
use crate::Result;

/// A story as `marsad stories` lists it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct StorySummary {
    pub id: String,
    pub title: String,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub articles: u64,
    pub sources: u64,
    /// Distinct happenings (event groups) its articles report.
    pub events: u64,
    /// The most mentioned entities across its articles (top 5).
    pub entities: Vec<StoryEntity>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct StoryEntity {
    pub id: String,
    pub name: String,
    pub name_ar: String,
    pub mentions: u64,
}

/// One article of a story.
#[derive(Debug, Clone, serde::Serialize)]
pub struct StoryArticle {
    pub id: String,
    pub title: String,
    pub published: Option<String>,
    pub source: Option<String>,
    /// Set when the article near-duplicates another.
    pub canonical_id: Option<String>,
}

/// A story with its articles (in date order) and events (one per group).
#[derive(Debug, Clone, serde::Serialize)]
pub struct StoryDetail {
    #[serde(flatten)]
    pub summary: StorySummary,
    pub articles_list: Vec<StoryArticle>,
    pub event_list: Vec<crate::events::StoredEvent>,
}

impl crate::Store {
    /// Stories, the largest (then the latest) first.
    pub fn stories(&self, limit: usize) -> Result<Vec<StorySummary>> {
        let mut stmt = self.db.prepare(
            "SELECT id FROM stories ORDER BY articles DESC, last_date DESC, id LIMIT ?1",
        )?;
        let ids: Vec<String> = stmt
            .query_map([limit as i64], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(s) = self.story_summary(&id)? {
                out.push(s);
            }
        }
        Ok(out)
    }

    fn story_summary(&self, id: &str) -> Result<Option<StorySummary>> {
        use rusqlite::OptionalExtension;
        let Some((title, first_date, last_date, articles, sources)) = self
            .db
            .query_row(
                "SELECT title, first_date, last_date, articles, sources FROM stories WHERE id = ?1",
                [id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get::<_, i64>(3)?,
                        r.get::<_, i64>(4)?,
                    ))
                },
            )
            .optional()?
        else {
            return Ok(None);
        };
        let events: i64 = self.db.query_row(
            "SELECT count(DISTINCT e.group_id) FROM events e JOIN articles a ON a.id = e.article_id WHERE a.story_id = ?1",
            [id],
            |r| r.get(0),
        )?;
        let mut stmt = self.db.prepare_cached(
            "SELECT m.entity_id, e.name, e.name_ar, count(*) AS n FROM mentions m
             JOIN articles a ON a.id = m.article_id JOIN entities e ON e.id = m.entity_id
             WHERE a.story_id = ?1 GROUP BY m.entity_id ORDER BY n DESC, m.entity_id LIMIT 5",
        )?;
        let entities = stmt
            .query_map([id], |r| {
                Ok(StoryEntity {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    name_ar: r.get(2)?,
                    mentions: r.get::<_, i64>(3)? as u64,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Some(StorySummary {
            id: id.to_string(),
            title,
            first_date,
            last_date,
            articles: articles as u64,
            sources: sources as u64,
            events: events as u64,
            entities,
        }))
    }

    /// A story by id (`story:` prefix allowed), with its articles and events.
    pub fn story(&self, key: &str) -> Result<Option<StoryDetail>> {
        let id = key.strip_prefix("story:").unwrap_or(key);
        let Some(summary) = self.story_summary(id)? else {
            return Ok(None);
        };
        let mut stmt = self.db.prepare_cached(
            "SELECT id, title, published, source, canonical_id FROM articles WHERE story_id = ?1
             ORDER BY published IS NULL, published, batch, rowid",
        )?;
        let articles_list: Vec<StoryArticle> = stmt
            .query_map([id], |r| {
                Ok(StoryArticle {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    published: r.get(2)?,
                    source: r.get(3)?,
                    canonical_id: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        // One row per happening: the first report of each event group.
        let sql = format!("{EVENT_SELECT} WHERE a.story_id = ?1 ORDER BY e.date, e.id");
        let mut stmt = self.db.prepare_cached(&sql)?;
        let mut seen = std::collections::HashSet::new();
        let event_list: Vec<StoredEvent> = stored_events(&mut stmt, [id])?
            .into_iter()
            .filter(|e| e.group_id.is_none_or(|g| seen.insert(g)))
            .collect();
        Ok(Some(StoryDetail {
            summary,
            articles_list,
            event_list,
        }))
    }

    /// The canonical of an article: the article it near-duplicates, else itself.
    pub fn canonical_of(&self, id: &str) -> Result<String> {
        let (c, _) = crate::db::dedup_marks(&self.db, id)?;
        Ok(c.unwrap_or_else(|| id.to_string()))
    }

    /// (canonical_id, story_id) of an article.
    pub fn dedup_marks(&self, id: &str) -> Result<(Option<String>, Option<String>)> {
        Ok(crate::db::dedup_marks(&self.db, id)?)
    }

    /// An article id from an article id, a unique prefix of it, or a source id.
    pub fn resolve(&self, key: &str) -> Result<Option<String>> {
        Ok(crate::db::resolve_id(&self.db, key)?)
    }
}
