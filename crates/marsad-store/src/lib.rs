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
pub mod db;
pub mod dedup;
pub mod entities;
pub mod events;
#[cfg(feature = "parquet")]
pub mod events_parquet;
pub mod ir_eval;
pub mod query;
pub mod schema;
pub mod search;

use std::path::{Path, PathBuf};

use marsad_ingest::Article;
use rusqlite::Connection;
use serde::Serialize;
use tantivy::{doc, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

pub use db::{entity_key, Outcome};
pub use marsad_analyze::Analyzed;
pub use marsad_entities::FoundEntity;
pub use marsad_events::Event;
pub use schema::Fields;
pub use search::{Hit, SearchOptions, SearchResults};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("{0}")]
    Query(#[from] query::QueryError),
    #[error("{0}")]
    Other(String),
}

pub type Result<T> = std::result::Result<T, StoreError>;

pub struct Store {
    dir: PathBuf,
    db: Connection,
    index: Index,
    reader: IndexReader,
    fields: Fields,
    /// Loaded on first need (ingest, repair): readers of a store never hold it.
    dedup: Option<dedup::DedupState>,
}

/// What one batch did.
#[derive(Debug, Default, Clone, Serialize)]
pub struct BatchReport {
    pub stored: usize,
    pub duplicates: usize,
    /// (source id of the new copy, id of the article it duplicates)
    pub duplicate_of: Vec<(String, String)>,
    /// Stored articles that near-duplicate an earlier article (another outlet's copy).
    pub near_duplicates: usize,
}

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

    fn indexed_batch(&self) -> Result<i64> {
        let metas = self.index.load_metas()?;
        Ok(metas
            .payload
            .as_deref()
            .and_then(|p| p.parse().ok())
            .unwrap_or(0))
    }

    /// Re-adds to the near-duplicate, story and event indexes the batches SQLite has and their
    /// saved state lacks (a crash between the two, or deleted state files).
    fn repair_dedup(&mut self) -> Result<()> {
        let max = db::max_batch(&self.db)?;
        let saved = match &self.dedup {
            Some(s) => s.batch,
            None => dedup::DedupState::saved_batch(&self.dir),
        };
        if max > saved {
            self.dedup_state()?;
        }
        Ok(())
    }

    /// The dedup state, loaded on first need and caught up with SQLite: a state file that is
    /// missing, unreadable or of an older format is rebuilt from the stored articles.
    fn dedup_state(&mut self) -> Result<&mut dedup::DedupState> {
        let dir = self.dir.clone();
        let state = self
            .dedup
            .get_or_insert_with(|| dedup::DedupState::load(&dir));
        let max = db::max_batch(&self.db)?;
        if state.batch < max {
            dedup::process(&mut self.db, state, max)?;
            self.save_dedup()?;
        }
        Ok(self.dedup.as_mut().expect("loaded above"))
    }

    fn save_dedup(&self) -> Result<()> {
        match &self.dedup {
            Some(s) if !self.dir.as_os_str().is_empty() => s.save(&self.dir),
            _ => Ok(()),
        }
    }

    /// Re-indexes batches that reached SQLite but not the index (a crash between the two).
    fn repair(&mut self) -> Result<()> {
        if db::max_batch(&self.db)? <= self.indexed_batch()? {
            return Ok(());
        }
        let mut writer = self.writer(1)?;
        self.reindex_missing(&mut writer)?;
        writer.wait_merging_threads()?;
        self.reader.reload()?;
        Ok(())
    }

    /// Adds to `writer` (which holds nothing uncommitted) the articles of the batches after the
    /// index's last commit, and commits.
    fn reindex_missing(&self, writer: &mut IndexWriter) -> Result<()> {
        let indexed = self.indexed_batch()?;
        let max = db::max_batch(&self.db)?;
        if max <= indexed {
            return Ok(());
        }
        for a in &db::articles_after_batch(&self.db, indexed)? {
            let keys = db::article_entity_keys(&self.db, &a.id)?;
            let (canonical, story) = db::dedup_marks(&self.db, &a.id)?;
            writer.delete_term(Term::from_field_text(self.fields.id, &a.id));
            writer.add_document(self.document(a, &keys, canonical.is_some(), story.as_deref()))?;
        }
        let mut commit = writer.prepare_commit()?;
        commit.set_payload(&max.to_string());
        commit.commit()?;
        Ok(())
    }

    fn writer(&self, threads: usize) -> Result<IndexWriter> {
        let threads = threads.clamp(1, 8);
        // 16 MB per indexing thread (tantivy's minimum is 15): segments are flushed while
        // reading goes on instead of all at the end, which made ANT's text ingest ~5% faster
        // than 48 MB (`marsad bench ingest`), and peak memory stays low. Merges join them later.
        self.index
            .writer_with_num_threads(threads, threads * 16_000_000)
            .map_err(|e| match e {
                tantivy::TantivyError::LockFailure(..) => StoreError::Other(format!(
                    "{}: another marsad process is writing to this store",
                    self.dir.display()
                )),
                e => e.into(),
            })
    }

    fn document(
        &self,
        a: &Article,
        entity_keys: &[String],
        dup: bool,
        story: Option<&str>,
    ) -> TantivyDocument {
        let f = &self.fields;
        let mut d = doc!(f.id => a.id.as_str(), f.title => a.title.as_str());
        for p in &a.paragraphs {
            d.add_text(f.body, p);
        }
        if let Some(s) = &a.source {
            d.add_text(f.source, schema::keyword(s));
        }
        for t in &a.tags {
            d.add_text(f.tag, schema::keyword(t));
        }
        if let Some(p) = a.published {
            d.add_i64(f.published, schema::day_number(p));
        }
        for k in entity_keys {
            d.add_text(f.entity, k);
        }
        if dup {
            d.add_text(f.dup, "1");
        }
        if let Some(s) = story {
            d.add_text(f.story, s);
        }
        d
    }

    /// Starts an ingest session holding the index writer (one writer per store at a time).
    pub fn ingester(&mut self, threads: usize) -> Result<Ingester<'_>> {
        let writer = self.writer(threads)?;
        Ok(Ingester {
            store: self,
            writer,
            pending: None,
            last_commit: std::time::Instant::now(),
        })
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
    pub fn sightings(&self, id: &str) -> Result<Vec<(String, Option<String>, Option<String>)>> {
        let mut stmt = self
            .db
            .prepare_cached("SELECT source_id, source, url FROM sightings WHERE article_id = ?1 ORDER BY batch, source_id")?;
        let rows = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

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

/// How often an ingest session commits the index and saves the dedup state. SQLite commits
/// every batch; the index and the dedup state follow at most this far behind, and a store
/// opened after a crash re-adds the batches they miss from SQLite. Committing the index every
/// batch instead would make each batch wait for tantivy to finish indexing it.
pub const COMMIT_EVERY: std::time::Duration = std::time::Duration::from_secs(10);

/// An ingest session: each batch is committed to SQLite as a unit; the index and the dedup
/// state follow (see [`COMMIT_EVERY`]) and are committed by [`Ingester::finish`].
pub struct Ingester<'s> {
    store: &'s mut Store,
    writer: IndexWriter,
    /// The last batch in SQLite that the index has not committed yet.
    pending: Option<i64>,
    last_commit: std::time::Instant,
}

impl Ingester<'_> {
    /// Stores a batch atomically in SQLite; its documents are in the index writer, committed
    /// with a later batch or by [`Ingester::finish`].
    ///
    /// Order: the dedup stage decides in memory; the documents go to the index writer, whose
    /// threads index them while SQLite writes the batch (marks included) in one transaction;
    /// the dedup state is saved and the index committed every [`COMMIT_EVERY`]. If SQLite
    /// fails, the index writer is rolled back and the in-memory dedup state dropped (both are
    /// reloaded from what was saved and repaired from SQLite), so nothing of the batch remains.
    pub fn add_batch(&mut self, items: &[Analyzed]) -> Result<BatchReport> {
        let batch = db::next_batch(&self.store.db)?;
        let outcomes = db::classify(&self.store.db, items)?;
        let decisions = self.decide(items, &outcomes)?;
        let mut report = BatchReport::default();
        let written = self.index_and_store(batch, items, &outcomes, &decisions, &mut report);
        if let Err(e) = written {
            // Uncommitted documents of earlier batches go with the rollback: they are in
            // SQLite, so they are indexed again from there. A failure here would hide the
            // cause: report the first error (the next open repairs what is left).
            self.store.dedup = None;
            self.pending = None;
            if self.writer.rollback().is_ok() {
                let _ = self.store.reindex_missing(&mut self.writer);
            }
            return Err(e);
        }
        if let Some(s) = self.store.dedup.as_mut() {
            s.batch = batch;
        }
        self.pending = Some(batch);
        if self.last_commit.elapsed() >= COMMIT_EVERY {
            self.commit()?;
        }
        Ok(report)
    }

    /// Near-duplicate, story and event-group decisions for the new articles of a batch.
    fn decide(
        &mut self,
        items: &[Analyzed],
        outcomes: &[Outcome],
    ) -> Result<Vec<Option<dedup::Decision>>> {
        let state = self.store.dedup_state()?;
        let mut out = Vec::with_capacity(items.len());
        for (item, o) in items.iter().zip(outcomes) {
            out.push(match o {
                Outcome::Stored => {
                    let own;
                    let sketch = match &item.sketch {
                        Some(s) => s,
                        None => {
                            own =
                                marsad_dedup::sketch(&item.article.title, &item.article.paragraphs);
                            &own
                        }
                    };
                    Some(dedup::decide(state, &dedup::Input::of(item, sketch)))
                }
                Outcome::Duplicate { .. } => None,
            });
        }
        Ok(out)
    }

    fn index_and_store(
        &mut self,
        batch: i64,
        items: &[Analyzed],
        outcomes: &[Outcome],
        decisions: &[Option<dedup::Decision>],
        report: &mut BatchReport,
    ) -> Result<()> {
        for ((item, o), d) in items.iter().zip(outcomes).zip(decisions) {
            let a = &item.article;
            match (o, d) {
                (Outcome::Stored, Some(d)) => {
                    let keys: Vec<String> = item.entities.iter().map(entity_key).collect();
                    let dup = d.marks.canonical.is_some();
                    let story = dedup::hex(d.marks.story);
                    self.writer
                        .add_document(self.store.document(a, &keys, dup, Some(&story)))?;
                    report.near_duplicates += dup as usize;
                    report.stored += 1;
                }
                (Outcome::Duplicate { of, .. }, _) => {
                    report.duplicates += 1;
                    report.duplicate_of.push((a.source_id.clone(), of.clone()));
                }
                (Outcome::Stored, None) => {
                    return Err(StoreError::Other(format!(
                        "{}: no dedup decision for a new article",
                        a.source_id
                    )))
                }
            }
        }
        db::insert_batch(&mut self.store.db, batch, items, decisions)?;
        Ok(())
    }

    /// Saves the dedup state and commits the index up to the last batch stored in SQLite.
    fn commit(&mut self) -> Result<()> {
        if let Some(batch) = self.pending.take() {
            self.store.save_dedup()?;
            let mut commit = self.writer.prepare_commit()?;
            commit.set_payload(&batch.to_string());
            commit.commit()?;
        }
        self.last_commit = std::time::Instant::now();
        Ok(())
    }

    /// Commits what is pending, waits for background merges and makes the new articles
    /// visible to search.
    pub fn finish(mut self) -> Result<()> {
        self.commit()?;
        self.writer.wait_merging_threads()?;
        self.store.reader.reload()?;
        Ok(())
    }
}
