//! marsad's store: one data directory holding SQLite (`marsad.sqlite`: the articles, every
//! sighting of them, batches) and a tantivy index (`index/`) analysed with marsad's Arabic
//! analyzer.
//!
//! What it is for: keeping articles once, finding them again (the query language in [`query`],
//! ranked search with snippets in [`search`]), and measuring retrieval ([`ir_eval`]).
//! What it is not: it reads no files of articles (that is `marsad-ingest`) and analyses no text
//! beyond search terms.
//!
//! Consistency: SQLite is the source of truth. A batch is written to SQLite in one transaction,
//! with the near-duplicate, story and event-group marks ([`dedup`]) decided in memory just
//! before. The index and the dedup state follow: [`Ingester`] commits them every
//! [`COMMIT_EVERY`] and at the end, the index commit carrying the last batch it holds as its
//! payload. If a process dies in between, the next open finds SQLite ahead of them, re-indexes
//! the missing batches and re-adds them to the dedup state, so an interrupted ingest leaves a
//! consistent store and a rerun completes it.

pub mod analyzer;
mod check;
mod db;
pub mod dedup;
pub mod entities;
pub mod entity_page;
pub mod event_aggregates;
pub mod events;
#[cfg(feature = "parquet")]
pub mod events_parquet;
pub mod facets;
pub mod feeds;
mod index;
mod ingest;
pub mod ir_eval;
pub mod marks;
pub mod query;
pub mod schema;
pub mod search;
mod stats;
pub mod stories;

/// Crash simulation for recovery tests (feature `crash-test`).
#[cfg(feature = "crash-test")]
pub mod crash {
    use std::path::Path;

    use crate::marks::{Decision, Marks};
    use crate::{db, Analyzed, Outcome, Result};

    /// Writes `items` as one batch to the SQLite file of the store in `dir`, with the marks a
    /// process would write (every new article in story 1), and nothing to the index or the
    /// dedup state: what a process leaves when it dies between the two commits.
    pub fn write_sqlite_only(dir: &Path, items: &[Analyzed]) -> Result<()> {
        let mut conn = db::open(&dir.join("marsad.sqlite"))?;
        let batch = db::next_batch(&conn)?;
        let decisions: Vec<_> = db::classify(&conn, items)?
            .iter()
            .map(|o| {
                (*o == Outcome::Stored).then(|| Decision {
                    marks: Marks {
                        canonical: None,
                        story: 1,
                    },
                    groups: Vec::new(),
                })
            })
            .collect();
        db::insert_batch(&mut conn, batch, items, &decisions)?;
        Ok(())
    }
}

use std::path::{Path, PathBuf};

use marsad_ingest::Article;
use rusqlite::Connection;
use tantivy::{Index, IndexReader, ReloadPolicy};

pub use check::Check;
pub use db::{entity_key, Outcome};
pub use feeds::{FeedItem, FeedState, ItemOutcome};
pub use ingest::{BatchReport, Ingester, COMMIT_EVERY};
pub use marsad_analyze::Analyzed;
pub use marsad_entities::FoundEntity;
pub use marsad_events::Event;
pub use schema::Fields;
pub use search::{Hit, SearchOptions, SearchResults};
pub use stats::Stats;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("{0}")]
    Query(#[from] query::QueryError),
    /// Another process (or session) holds the store's one index writer.
    #[error("{0}")]
    Busy(String),
    #[error("{0}")]
    Other(String),
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// One reading of an article: (source id, source, url).
pub type Sighting = (String, Option<String>, Option<String>);

pub struct Store {
    dir: PathBuf,
    db: Connection,
    index: Index,
    reader: IndexReader,
    fields: Fields,
    /// Loaded on first need (ingest, repair): readers of a store never hold it.
    dedup: Option<dedup::DedupState>,
}

impl Store {
    /// Opens the data directory, creating it if needed, and repairs an index left behind by an
    /// interrupted ingest.
    pub fn open(dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(dir.join("index"))
            .map_err(|e| StoreError::Other(format!("cannot create {}: {e}", dir.display())))?;
        let db = db::open(&dir.join("marsad.sqlite"))?;
        let (schema, mut fields) = schema::build();
        let index_dir = dir.join("index");
        let index = if index_dir.join("meta.json").exists() {
            let index = Index::open_in_dir(&index_dir)?;
            fields = schema::fields_of(&index.schema()).ok_or_else(|| {
                StoreError::Other(format!(
                    "{}: this store was made by an older marsad; ingest again into a new --data directory",
                    dir.display()
                ))
            })?;
            index
        } else {
            Index::create_in_dir(&index_dir, schema)?
        };
        Self::from_parts(dir.to_path_buf(), db, index, fields, None)
    }

    /// A throwaway store with the index in memory and SQLite in memory (evaluations, tests).
    pub fn in_memory() -> Result<Store> {
        let db = Connection::open_in_memory()?;
        db::init(&db)?;
        let (schema, fields) = schema::build();
        let index = Index::create_in_ram(schema);
        Self::from_parts(
            PathBuf::new(),
            db,
            index,
            fields,
            Some(dedup::DedupState::default()),
        )
    }

    fn from_parts(
        dir: PathBuf,
        db: Connection,
        index: Index,
        fields: Fields,
        dedup: Option<dedup::DedupState>,
    ) -> Result<Store> {
        index
            .tokenizers()
            .register(analyzer::TOKENIZER_NAME, analyzer::text_analyzer());
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let mut store = Store {
            dir,
            db,
            index,
            reader,
            fields,
            dedup,
        };
        store.repair_dedup()?;
        store.repair()?;
        Ok(store)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn fields(&self) -> Fields {
        self.fields
    }

    pub fn get(&self, id: &str) -> Result<Option<Article>> {
        Ok(db::get_article(&self.db, id)?)
    }

    /// An article by its id, a unique prefix of it, or a source id.
    pub fn find(&self, key: &str) -> Result<Option<Article>> {
        match db::resolve_id(&self.db, key)? {
            Some(id) => self.get(&id),
            None => Ok(None),
        }
    }

    /// Every (source_id, source, url) the article was read under.
    pub fn sightings(&self, id: &str) -> Result<Vec<Sighting>> {
        let mut stmt = self
            .db
            .prepare_cached("SELECT source_id, source, url FROM sightings WHERE article_id = ?1 ORDER BY batch, source_id")?;
        let rows = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
