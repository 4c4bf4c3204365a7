//! The entities side of the store: what articles mention, counted, and looked up by name.

use rusqlite::params;
use serde::Serialize;

use marsad_entities::{Codes, FoundEntity, Mention, MentionKind};

use crate::{Result, Store};

/// An entity with how often the store's articles mention it.
#[derive(Debug, Clone, Serialize)]
pub struct EntityCount {
    pub id: String,
    pub name: String,
    pub name_ar: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub iso3: Option<String>,
    pub cameo: Option<String>,
    pub articles: u64,
    pub mentions: u64,
}

/// Reads an [`EntityCount`] from a row of `id, name, name_ar, type, iso3, cameo, articles,
/// mentions`.
pub(crate) fn row_to_count(r: &rusqlite::Row<'_>) -> rusqlite::Result<EntityCount> {
    Ok(EntityCount {
        id: r.get(0)?,
        name: r.get(1)?,
        name_ar: r.get(2)?,
        kind: r.get(3)?,
        iso3: r.get(4)?,
        cameo: r.get(5)?,
        articles: r.get::<_, i64>(6)? as u64,
        mentions: r.get::<_, i64>(7)? as u64,
    })
}

pub(crate) const COUNT_SELECT: &str = "SELECT e.id, e.name, e.name_ar, e.type, e.iso3, e.cameo,
        count(DISTINCT m.article_id), count(*)
     FROM mentions m JOIN entities e ON e.id = m.entity_id";

impl Store {
    /// The most mentioned entities (by number of articles), optionally of one type.
    pub fn top_entities(&self, kind: Option<&str>, limit: usize) -> Result<Vec<EntityCount>> {
        let sql = format!(
            "{COUNT_SELECT} WHERE (?1 IS NULL OR e.type = ?1) GROUP BY e.id ORDER BY 7 DESC, 8 DESC, e.id LIMIT ?2"
        );
        let mut stmt = self.db.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![kind, limit as i64], row_to_count)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Entity counts over a set of articles (search facets).
    pub fn entity_counts_in(
        &self,
        article_ids: &[String],
        limit: usize,
    ) -> Result<Vec<EntityCount>> {
        let ids = serde_json::to_string(article_ids).unwrap_or_else(|_| "[]".into());
        let sql = format!(
            "{COUNT_SELECT} WHERE m.article_id IN (SELECT value FROM json_each(?1))
             GROUP BY e.id ORDER BY 7 DESC, 8 DESC, e.id LIMIT ?2"
        );
        let mut stmt = self.db.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![ids, limit as i64], row_to_count)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The entities of one stored article with their mentions, in order of first mention.
    pub fn article_entities(&self, article_id: &str) -> Result<Vec<FoundEntity>> {
        let mut stmt = self.db.prepare_cached(
            "SELECT e.id, e.name, e.name_ar, e.type, e.iso3, e.cameo, m.paragraph, m.start, m.end, m.text, m.kind
             FROM mentions m JOIN entities e ON e.id = m.entity_id
             WHERE m.article_id = ?1 ORDER BY m.paragraph, m.start",
        )?;
        let mut out: Vec<FoundEntity> = Vec::new();
        let mut rows = stmt.query(params![article_id])?;
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let mention = Mention {
                paragraph: r.get::<_, i64>(6)? as usize,
                start: r.get::<_, i64>(7)? as usize,
                end: r.get::<_, i64>(8)? as usize,
                text: r.get(9)?,
                kind: MentionKind::parse(&r.get::<_, String>(10)?),
            };
            let key_id = (!id.starts_with("new:")).then(|| id.clone());
            match out.iter_mut().find(|e| {
                e.id == key_id
                    && (key_id.is_some() || e.name_ar == r.get::<_, String>(2).unwrap_or_default())
            }) {
                Some(e) => e.mentions.push(mention),
                None => out.push(FoundEntity {
                    id: key_id,
                    name: r.get(1)?,
                    name_ar: r.get(2)?,
                    kind: r.get(3)?,
                    codes: Codes {
                        iso3: r.get(4)?,
                        cameo: r.get(5)?,
                    },
                    mentions: vec![mention],
                }),
            }
        }
        Ok(out)
    }

    /// The entity keys a user's `entity:VALUE` may mean: a stored id as written, stored entities
    /// whose Arabic or English name is VALUE, and every KB entity VALUE names (بوتين, أذربيجان).
    pub fn resolve_entity(&self, value: &str) -> Result<Vec<String>> {
        let mut keys: Vec<String> = Vec::new();
        let key = marsad_text::match_key(value.trim());
        let mut stmt = self.db.prepare_cached(
            "SELECT id FROM entities WHERE id = ?1 OR name_key = ?2 OR lower(name) = lower(?1)",
        )?;
        for id in stmt.query_map(params![value.trim(), key], |r| r.get::<_, String>(0))? {
            keys.push(id?);
        }
        let kb = marsad_kb::Kb::embedded();
        for m in kb.find(value.trim()) {
            // The name must be the whole value, not a word inside it.
            if m.end - m.start + 2 >= value.trim().len() {
                keys.extend(m.candidates.iter().map(|c| kb.entity(c.entity).id.clone()));
            }
        }
        keys.sort();
        keys.dedup();
        Ok(keys)
    }
}
