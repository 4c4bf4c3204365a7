//! The store checked against itself, for crash tests and operators: SQLite's own integrity
//! check, the index's document count beside SQLite's article count, and a fingerprint of what
//! ingest decided (article ids, sightings, near-duplicate, story and event-group marks) that two
//! stores built from the same input must share however often their ingest was interrupted.
//!
//! Not a repair: opening a store repairs it; this only reports.

use serde::Serialize;

use crate::{Result, Store};

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Check {
    /// `PRAGMA integrity_check`'s answer: "ok" when SQLite finds nothing wrong.
    pub integrity: String,
    pub articles: u64,
    /// Documents in the search index (one per article when nothing is lost or doubled).
    pub indexed: u64,
}

impl Check {
    pub fn ok(&self) -> bool {
        self.integrity == "ok" && self.articles == self.indexed
    }
}

impl Store {
    /// SQLite's integrity check and the two counts.
    pub fn check(&self) -> Result<Check> {
        let mut stmt = self.db.prepare("PRAGMA integrity_check")?;
        let lines: Vec<String> = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<std::result::Result<_, _>>()?;
        Ok(Check {
            integrity: lines.join("; "),
            articles: self.article_count()?,
            indexed: self.reader.searcher().num_docs(),
        })
    }

    /// One sorted line per article (id, canonical, story, the batch-independent part), per
    /// sighting and per event (article, code, actors, date, group): equal for two stores that
    /// stored the same articles with the same decisions.
    pub fn fingerprint(&self) -> Result<Vec<String>> {
        let mut out = Vec::new();
        let queries = [
            "SELECT 'article', id, coalesce(canonical_id, ''), coalesce(story_id, '') FROM articles",
            "SELECT 'sighting', article_id, source_id, '' FROM sightings",
            "SELECT 'event', article_id, code || ' ' || coalesce(actor1_code, '') || ' ' || \
             coalesce(actor2_code, '') || ' ' || coalesce(date, ''), \
             coalesce(CAST(group_id AS TEXT), '') FROM events",
            "SELECT 'story', id, CAST(articles AS TEXT), CAST(sources AS TEXT) FROM stories",
        ];
        for sql in queries {
            let mut stmt = self.db.prepare(sql)?;
            let rows = stmt.query_map([], |r| {
                Ok(format!(
                    "{}\t{}\t{}\t{}",
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?
                ))
            })?;
            for row in rows {
                out.push(row?);
            }
        }
        out.sort();
        Ok(out)
    }
}
