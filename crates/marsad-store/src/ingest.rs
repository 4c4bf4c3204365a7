//! The store's write path: an [`Ingester`] session stores batches of analysed articles in
//! SQLite (one transaction each, marks included), indexes them and keeps the dedup state, with
//! the order and the rollback that keep SQLite the source of truth (see the crate doc).

use serde::Serialize;
use tantivy::IndexWriter;

use crate::{db, dedup, entity_key, Analyzed, Outcome, Result, Store, StoreError};

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

impl Store {
    /// Starts an ingest session holding the index writer (one writer per store at a time).
    pub fn ingester(&mut self, threads: usize) -> Result<Ingester<'_>> {
        let writer = self.writer(threads)?;
        Ok(Ingester {
            store: self,
            writer,
            pending: None,
            last_commit: std::time::Instant::now(),
            commit_every: COMMIT_EVERY,
        })
    }
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
    commit_every: std::time::Duration,
}

impl Ingester<'_> {
    /// Commits the index and saves the dedup state this often instead of [`COMMIT_EVERY`]
    /// (crash tests commit often so that a kill lands in a commit often).
    pub fn set_commit_every(&mut self, every: std::time::Duration) {
        self.commit_every = every;
    }

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
        if self.last_commit.elapsed() >= self.commit_every {
            self.commit()?;
        }
        Ok(report)
    }

    /// Near-duplicate, story and event-group decisions for the new articles of a batch.
    fn decide(
        &mut self,
        items: &[Analyzed],
        outcomes: &[Outcome],
    ) -> Result<Vec<Option<crate::marks::Decision>>> {
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
        decisions: &[Option<crate::marks::Decision>],
        report: &mut BatchReport,
    ) -> Result<()> {
        for ((item, o), d) in items.iter().zip(outcomes).zip(decisions) {
            let a = &item.article;
            match (o, d) {
                (Outcome::Stored, Some(d)) => {
                    let keys: Vec<String> = item.entities.iter().map(entity_key).collect();
                    let dup = d.marks.canonical.is_some();
                    let story = crate::marks::hex(d.marks.story);
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
