//! What `marsad watch` remembers between runs: each feed's validators (ETag, Last-Modified) and
//! every feed item it has finished with. Kept in the store so a restart, or a copy of the data
//! directory, carries it along with the articles it explains.

use crate::{Result, Store};

/// A feed's validators from its last successful fetch, for a conditional GET.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedState {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// RFC 3339 time of the last poll that reached the feed.
    pub last_polled: Option<String>,
}

/// How an item ended. Only final outcomes are recorded: an item that failed for a reason that may
/// pass (a 5xx, a timeout) is not recorded, so the next poll tries it again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemOutcome {
    Stored,
    /// Its article was already in the store (same content id).
    Duplicate,
    /// It will not be tried again; the reason is one line.
    Failed(String),
}

impl ItemOutcome {
    fn parts(&self) -> (&'static str, Option<&str>) {
        match self {
            ItemOutcome::Stored => ("stored", None),
            ItemOutcome::Duplicate => ("duplicate", None),
            ItemOutcome::Failed(r) => ("failed", Some(r)),
        }
    }

    fn from_parts(outcome: &str, reason: Option<String>) -> ItemOutcome {
        match outcome {
            "stored" => ItemOutcome::Stored,
            "duplicate" => ItemOutcome::Duplicate,
            _ => ItemOutcome::Failed(reason.unwrap_or_default()),
        }
    }
}

/// One recorded feed item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedItem {
    pub url: String,
    pub feed_url: String,
    /// RFC 3339 time the item was recorded.
    pub first_seen: String,
    pub outcome: ItemOutcome,
}

impl Store {
    /// The validators saved for `feed_url`, if it was polled before.
    pub fn feed_state(&self, feed_url: &str) -> Result<Option<FeedState>> {
        let mut stmt = self
            .db
            .prepare_cached("SELECT etag, last_modified, last_polled FROM feeds WHERE url = ?1")?;
        let mut rows = stmt.query_map([feed_url], |r| {
            Ok(FeedState {
                etag: r.get(0)?,
                last_modified: r.get(1)?,
                last_polled: r.get(2)?,
            })
        })?;
        Ok(rows.next().transpose()?)
    }

    /// Saves what a poll of `feed_url` learnt (validators replace the old ones).
    pub fn save_feed_state(&self, feed_url: &str, state: &FeedState) -> Result<()> {
        self.db.execute(
            "INSERT INTO feeds (url, etag, last_modified, last_polled) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(url) DO UPDATE SET etag = ?2, last_modified = ?3, last_polled = ?4",
            rusqlite::params![feed_url, state.etag, state.last_modified, state.last_polled],
        )?;
        Ok(())
    }

    /// Whether the item at `item_url` was finished with (stored, duplicate or failed for good).
    pub fn feed_item_seen(&self, item_url: &str) -> Result<bool> {
        let mut stmt = self
            .db
            .prepare_cached("SELECT 1 FROM feed_items WHERE url = ?1")?;
        Ok(stmt.exists([item_url])?)
    }

    /// Records that the item at `item_url` (from `feed_url`) is finished with. Call it only after
    /// its article is stored, so a process killed in between fetches it again rather than losing
    /// it. The first record of an item wins.
    pub fn mark_feed_item(
        &self,
        item_url: &str,
        feed_url: &str,
        seen_at: &str,
        outcome: &ItemOutcome,
    ) -> Result<()> {
        let (outcome, reason) = outcome.parts();
        self.db.execute(
            "INSERT OR IGNORE INTO feed_items (url, feed_url, first_seen, outcome, reason)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            rusqlite::params![item_url, feed_url, seen_at, outcome, reason],
        )?;
        Ok(())
    }

    /// Every item recorded for `feed_url`, oldest first.
    pub fn feed_items(&self, feed_url: &str) -> Result<Vec<FeedItem>> {
        let mut stmt = self.db.prepare_cached(
            "SELECT url, feed_url, first_seen, outcome, reason FROM feed_items
             WHERE feed_url = ?1 ORDER BY first_seen, rowid",
        )?;
        let rows = stmt.query_map([feed_url], |r| {
            Ok(FeedItem {
                url: r.get(0)?,
                feed_url: r.get(1)?,
                first_seen: r.get(2)?,
                outcome: ItemOutcome::from_parts(&r.get::<_, String>(3)?, r.get(4)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feed_state_and_items_round_trip() {
        let store = Store::in_memory().unwrap();
        assert_eq!(store.feed_state("http://f/rss").unwrap(), None);
        let state = FeedState {
            etag: Some("\"v1\"".into()),
            last_modified: None,
            last_polled: Some("2026-01-01T00:00:00Z".into()),
        };
        store.save_feed_state("http://f/rss", &state).unwrap();
        assert_eq!(store.feed_state("http://f/rss").unwrap(), Some(state));
        assert!(!store.feed_item_seen("http://f/a").unwrap());
        let t = "2026-01-01T00:00:00Z";
        store
            .mark_feed_item("http://f/a", "http://f/rss", t, &ItemOutcome::Stored)
            .unwrap();
        let gone = ItemOutcome::Failed("HTTP 404".into());
        store
            .mark_feed_item("http://f/b", "http://f/rss", t, &gone)
            .unwrap();
        // A second record of the same item keeps the first.
        store
            .mark_feed_item("http://f/a", "http://f/rss", t, &gone)
            .unwrap();
        assert!(store.feed_item_seen("http://f/a").unwrap());
        let items = store.feed_items("http://f/rss").unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].outcome, ItemOutcome::Stored);
        assert_eq!(items[1].outcome, gone);
    }
}
