//! The file ingest loop: expand paths, read and analyse files in parallel in rounds, store in
//! atomic batches on a second thread, report every bad document as it comes.

use std::io::Read;
use std::path::{Path, PathBuf};

use marsad_analyze::Analyzed;
use marsad_ingest::{Article, Format, ReadError, ReadOptions};
use marsad_store::{Ingester, Store};
use rayon::prelude::*;
use serde::Serialize;

use crate::IngestError;

pub struct Options {
    pub format: Format,
    pub read: ReadOptions,
    pub threads: usize,
    /// Articles per committed batch.
    pub batch: usize,
    /// Find entities and events in every article; off, articles are stored and indexed only.
    pub entities: bool,
    /// Sum the files' sizes before reading, for [`Observer::total`] (a progress bar).
    pub measure_total: bool,
    /// How often the index and the near-duplicate state are committed
    /// ([`marsad_store::COMMIT_EVERY`] unless a crash test wants it often).
    pub commit_every: std::time::Duration,
}

/// What an ingest reports while it runs. Every method has a default that does nothing.
pub trait Observer {
    /// The bytes of all files to read (only with [`Options::measure_total`]).
    fn total(&mut self, _bytes: u64) {}
    /// Bytes of files read and analysed since the last call.
    fn read(&mut self, _bytes: u64) {}
    /// A document (or file) that could not be read; the ingest goes on without it.
    fn skipped(&mut self, _error: &ReadError) {}
}

/// An observer that wants nothing.
impl Observer for () {}

#[derive(Debug, Default, Serialize)]
pub struct Summary {
    /// Files (and stdin) read.
    pub files: usize,
    /// Bytes of those files as they are on disk.
    pub bytes: u64,
    /// Documents read: articles and errors.
    pub documents: usize,
    pub stored: usize,
    pub duplicates: usize,
    /// Stored articles that near-duplicate an earlier one (another outlet's copy).
    pub near_duplicates: usize,
    pub errors: usize,
    pub error_list: Vec<String>,
    /// Wall time spent reading files and spent storing batches (SQLite + index).
    pub read_seconds: f64,
    pub store_seconds: f64,
}

/// Files read per round before their articles are handed to the store; bounds memory.
pub const FILES_PER_ROUND: usize = 512;

/// Reads, analyses and stores every document under `paths` (`-` is standard input).
pub fn ingest(
    store: &mut Store,
    paths: &[PathBuf],
    opts: &Options,
    observer: &mut dyn Observer,
) -> Result<Summary, IngestError> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads.max(1))
        .build()
        .map_err(|e| IngestError::Threads(e.to_string()))?;
    let mut run = Run {
        summary: Summary::default(),
        observer,
        pending: Vec::new(),
    };
    let (stdin, paths): (Vec<&PathBuf>, Vec<&PathBuf>) =
        paths.iter().partition(|p| p.as_os_str() == "-");
    let files_in: Vec<PathBuf> = paths.into_iter().cloned().collect();
    let (files, walk_errors) = marsad_ingest::walk(&files_in);
    for e in &walk_errors {
        run.skip(e);
    }
    if opts.measure_total {
        run.observer.total(files.par_iter().map(size_of).sum());
    }
    let analyzer = opts.entities.then(marsad_analyze::Analyzer::load);
    let analyze = |a: Article| match &analyzer {
        Some(an) => an.analyze(a),
        None => Analyzed::sketched(a),
    };
    // Reading and storing overlap: this thread reads the next files while a second one stores
    // the previous batch. The channel holds one batch, which bounds memory.
    let mut ingester = store.ingester(opts.threads)?;
    ingester.set_commit_every(opts.commit_every);
    let totals = std::thread::scope(|scope| -> Result<StoreTotals, IngestError> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Analyzed>>(1);
        let storer = scope.spawn(move || store_all(ingester, rx));
        if !stdin.is_empty() {
            run.read_stdin(opts, &analyze)?;
        }
        for chunk in files.chunks(FILES_PER_ROUND) {
            let t = std::time::Instant::now();
            let read: Vec<(u64, Vec<Result<Analyzed, ReadError>>)> = pool.install(|| {
                chunk
                    .par_iter()
                    .map(|f| (size_of(f), read_one(f, opts, &analyze)))
                    .collect()
            });
            run.summary.read_seconds += t.elapsed().as_secs_f64();
            if !run.take_round(chunk.len(), read, opts.batch, &tx) {
                break;
            }
        }
        // A failed send means the storer stopped on an error, which join() reports.
        if !run.pending.is_empty() {
            let _ = tx.send(std::mem::take(&mut run.pending));
        }
        drop(tx);
        storer.join().map_err(|_| IngestError::Storer)?
    })?;
    let mut summary = run.summary;
    summary.stored = totals.stored;
    summary.duplicates = totals.duplicates;
    summary.near_duplicates = totals.near_duplicates;
    summary.store_seconds = totals.seconds;
    Ok(summary)
}

fn size_of(f: &PathBuf) -> u64 {
    std::fs::metadata(f).map(|m| m.len()).unwrap_or(0)
}

fn read_one(
    f: &Path,
    opts: &Options,
    analyze: &(dyn Fn(Article) -> Analyzed + Sync),
) -> Vec<Result<Analyzed, ReadError>> {
    marsad_ingest::read_file_with(f, opts.format, &opts.read)
        .into_iter()
        .map(|r| r.map(analyze))
        .collect()
}

/// The reading side's state: what it counted, what it has not sent yet.
struct Run<'o> {
    summary: Summary,
    observer: &'o mut dyn Observer,
    pending: Vec<Analyzed>,
}

impl Run<'_> {
    fn skip(&mut self, e: &ReadError) {
        self.summary.errors += 1;
        self.summary.error_list.push(e.to_string());
        self.observer.skipped(e);
    }

    fn read_stdin(
        &mut self,
        opts: &Options,
        analyze: &dyn Fn(Article) -> Analyzed,
    ) -> Result<(), IngestError> {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(IngestError::Stdin)?;
        self.summary.files += 1;
        self.summary.bytes += bytes.len() as u64;
        for r in marsad_ingest::read_bytes_with("-", &bytes, opts.format, &opts.read) {
            self.summary.documents += 1;
            match r {
                Ok(a) => self.pending.push(analyze(a)),
                Err(e) => self.skip(&e),
            }
        }
        Ok(())
    }

    /// Takes one round of read files, sending full batches; false when the storer has stopped.
    fn take_round(
        &mut self,
        files: usize,
        read: Vec<(u64, Vec<Result<Analyzed, ReadError>>)>,
        batch: usize,
        tx: &std::sync::mpsc::SyncSender<Vec<Analyzed>>,
    ) -> bool {
        let done: u64 = read.iter().map(|r| r.0).sum();
        for (_, results) in read {
            for r in results {
                self.summary.documents += 1;
                match r {
                    Ok(a) => self.pending.push(a),
                    Err(e) => self.skip(&e),
                }
            }
            if self.pending.len() >= batch && tx.send(std::mem::take(&mut self.pending)).is_err() {
                return false;
            }
        }
        // An idle storer takes what is read so far, so storing starts with the first round
        // rather than after a whole batch (and the last batch is small).
        if !self.pending.is_empty() {
            match tx.try_send(std::mem::take(&mut self.pending)) {
                Ok(()) => {}
                Err(std::sync::mpsc::TrySendError::Full(back)) => self.pending = back,
                Err(std::sync::mpsc::TrySendError::Disconnected(_)) => return false,
            }
        }
        self.summary.files += files;
        self.summary.bytes += done;
        self.observer.read(done);
        true
    }
}

#[derive(Default)]
struct StoreTotals {
    stored: usize,
    duplicates: usize,
    near_duplicates: usize,
    seconds: f64,
}

/// The storing thread: every batch received, then the final commit.
fn store_all(
    mut ingester: Ingester<'_>,
    rx: std::sync::mpsc::Receiver<Vec<Analyzed>>,
) -> Result<StoreTotals, IngestError> {
    let mut totals = StoreTotals::default();
    for batch in rx {
        let t = std::time::Instant::now();
        let r = ingester.add_batch(&batch)?;
        totals.seconds += t.elapsed().as_secs_f64();
        totals.stored += r.stored;
        totals.duplicates += r.duplicates;
        totals.near_duplicates += r.near_duplicates;
    }
    let t = std::time::Instant::now();
    ingester.finish()?;
    totals.seconds += t.elapsed().as_secs_f64();
    Ok(totals)
}
