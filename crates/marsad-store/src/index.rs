//! The search index side of the store: the tantivy document of an article, the index writer,
//! and the repair that re-indexes the batches SQLite holds and the index lacks (a crash between
//! the two). The schema is in [`crate::schema`]; queries are in [`crate::search`].

use marsad_ingest::Article;
use tantivy::{doc, IndexWriter, TantivyDocument, Term};

use crate::{db, schema, Result, Store, StoreError};

impl Store {
    /// Makes what writers committed since this handle opened visible to its searches, whichever
    /// process wrote it: SQLite reads see new batches by themselves; the index reader is
    /// reloaded here. Returns the last batch the index holds (it may lag SQLite's by the batches
    /// an ingest has not committed to the index yet). Far cheaper than opening the store again,
    /// and it takes no lock a writer holds.
    pub fn reload(&self) -> Result<i64> {
        self.reader.reload()?;
        self.indexed_batch()
    }

    pub(crate) fn indexed_batch(&self) -> Result<i64> {
        let metas = self.index.load_metas()?;
        Ok(metas
            .payload
            .as_deref()
            .and_then(|p| p.parse().ok())
            .unwrap_or(0))
    }

    /// Re-indexes batches that reached SQLite but not the index (a crash between the two).
    pub(crate) fn repair(&mut self) -> Result<()> {
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
    pub(crate) fn reindex_missing(&self, writer: &mut IndexWriter) -> Result<()> {
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

    pub(crate) fn writer(&self, threads: usize) -> Result<IndexWriter> {
        let threads = threads.clamp(1, 8);
        // 16 MB per indexing thread (tantivy's minimum is 15): segments are flushed while
        // reading goes on instead of all at the end, which made ANT's text ingest ~5% faster
        // than 48 MB (`marsad bench ingest`), and peak memory stays low. Merges join them later.
        self.index
            .writer_with_num_threads(threads, threads * 16_000_000)
            .map_err(|e| match e {
                tantivy::TantivyError::LockFailure(..) => StoreError::Busy(format!(
                    "{}: another marsad process is writing to this store",
                    self.dir.display()
                )),
                e => e.into(),
            })
    }

    pub(crate) fn document(
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
}
