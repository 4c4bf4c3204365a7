//! marsad's ingest engine: paths or bytes in, stored articles out.
//!
//! What it is for: the one read → analyse → store loop that `marsad ingest`, `marsad bench
//! ingest` and `POST /api/articles` share. Files are read and analysed in parallel on a reader
//! pool; a second thread stores batches through the store's one [`marsad_store::Ingester`]; a
//! channel of one batch between them bounds memory (backpressure). Every bad document is
//! reported through [`Observer::skipped`] as it comes, and the batch goes on.
//!
//! What it is not: it parses no arguments and draws no progress bar (the CLI does, from the
//! [`Observer`] calls), speaks no HTTP and no SQL. Its errors are typed ([`IngestError`]), so a
//! caller decides what to show (the server maps [`IngestError::Busy`] to 503) without reading
//! messages.

mod engine;

pub use engine::{ingest, Observer, Options, Summary, FILES_PER_ROUND};

use marsad_analyze::{Analyzed, Analyzer};
use marsad_ingest::{Format, ReadError, ReadOptions};
use marsad_store::{BatchReport, Store, StoreError};

/// Why an ingest stopped. A bad document is not an error: it is reported and skipped.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// Another process (or writer) holds the store's index writer.
    #[error("{0}")]
    Busy(String),
    #[error("{0}")]
    Store(StoreError),
    #[error("reading standard input: {0}")]
    Stdin(std::io::Error),
    #[error("starting the reader threads: {0}")]
    Threads(String),
    #[error("the storing thread stopped unexpectedly")]
    Storer,
}

impl From<StoreError> for IngestError {
    fn from(e: StoreError) -> IngestError {
        match e {
            StoreError::Busy(m) => IngestError::Busy(m),
            e => IngestError::Store(e),
        }
    }
}

/// Reads every document in `bytes` (named `name` in errors) and analyses it; documents that
/// cannot be read come back as errors, in order.
pub fn read_and_analyze(
    name: &str,
    bytes: &[u8],
    format: Format,
    read: &ReadOptions,
    analyzer: &Analyzer,
) -> (Vec<Analyzed>, Vec<ReadError>) {
    let mut ok = Vec::new();
    let mut errors = Vec::new();
    for r in marsad_ingest::read_bytes_with(name, bytes, format, read) {
        match r {
            Ok(a) => ok.push(analyzer.analyze(a)),
            Err(e) => errors.push(e),
        }
    }
    (ok, errors)
}

/// Stores one batch and makes it searchable at once (one ingest session, committed).
pub fn store_batch(store: &mut Store, items: &[Analyzed]) -> Result<BatchReport, IngestError> {
    let mut ing = store.ingester(1)?;
    let report = ing.add_batch(items)?;
    ing.finish()?;
    Ok(report)
}
