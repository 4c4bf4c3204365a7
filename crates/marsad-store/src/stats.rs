//! What a store holds, counted (`marsad stats`, `GET /api/stats`, `GET /api/health`).

use std::path::Path;

use serde::Serialize;

use crate::{Result, Store};

#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub articles: u64,
    /// Documents read that were copies of an article already stored.
    pub duplicates: u64,
    /// Pairs of distinct documents (source ids) with the same content: n copies make n(n-1)/2.
    pub duplicate_pairs: u64,
    pub sources: u64,
    pub tags: u64,
    pub batches: u64,
    pub first_published: Option<String>,
    pub last_published: Option<String>,
    pub indexed: u64,
    pub paragraphs: u64,
    pub entities: u64,
    pub mentions: u64,
    pub events: u64,
    /// Stored articles that near-duplicate an earlier one (`canonical_id` set).
    pub near_duplicates: u64,
    pub stories: u64,
    /// Distinct happenings among the events (reports of one event across articles count once).
    pub event_groups: u64,
    pub bytes_on_disk: u64,
}

impl Store {
    pub fn stats(&self) -> Result<Stats> {
        let count = |sql: &str| -> Result<u64> {
            Ok(self.db.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64)
        };
        let articles = count("SELECT count(*) FROM articles")?;
        let sightings = count("SELECT count(*) FROM sightings")?;
        let (first, last): (Option<String>, Option<String>) = self.db.query_row(
            "SELECT min(published), max(published) FROM articles",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(Stats {
            articles,
            duplicates: sightings.saturating_sub(articles),
            duplicate_pairs: count(
                "SELECT coalesce(sum(n * (n - 1) / 2), 0) FROM (SELECT count(*) AS n FROM sightings GROUP BY article_id)",
            )?,
            sources: count("SELECT count(DISTINCT source) FROM articles")?,
            tags: count("SELECT count(DISTINCT value) FROM articles, json_each(articles.tags)")?,
            batches: count("SELECT count(*) FROM batches")?,
            first_published: first,
            last_published: last,
            indexed: self.reader.searcher().num_docs(),
            paragraphs: count("SELECT coalesce(sum(json_array_length(paragraphs)), 0) FROM articles")?,
            entities: count("SELECT count(*) FROM entities")?,
            mentions: count("SELECT count(*) FROM mentions")?,
            events: count("SELECT count(*) FROM events")?,
            near_duplicates: count("SELECT count(*) FROM articles WHERE canonical_id IS NOT NULL")?,
            stories: count("SELECT count(*) FROM stories")?,
            event_groups: count("SELECT count(DISTINCT group_id) FROM events")?,
            bytes_on_disk: dir_size(&self.dir),
        })
    }

    /// How many articles the store holds.
    pub fn article_count(&self) -> Result<u64> {
        Ok(self
            .db
            .query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))?
            as u64)
    }

    /// The last batch written to SQLite (0 for an empty store): a reader that saw another
    /// number reopens the store to see the new articles.
    pub fn last_batch(&self) -> Result<i64> {
        Ok(self
            .db
            .query_row("SELECT coalesce(max(id), 0) FROM batches", [], |r| r.get(0))?)
    }
}

fn dir_size(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => dir_size(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}
