//! The ingest loop shared by `marsad ingest` and `marsad bench ingest`: expand paths, read files in
//! parallel, store in atomic batches, report every bad document as it comes.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::Context;
use marsad_ingest::{Article, Format, ReadError, ReadOptions};
use marsad_store::{Analyzed, Store};
use rayon::prelude::*;
use serde::Serialize;

pub struct Options {
    pub format: Format,
    pub read: ReadOptions,
    pub threads: usize,
    /// Articles per committed batch.
    pub batch: usize,
    /// Find entities (KB + tagger) in every article; off, articles are stored and indexed only.
    pub entities: bool,
    pub progress: bool,
}

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
const FILES_PER_ROUND: usize = 512;

pub fn ingest(
    store: &mut Store,
    paths: &[PathBuf],
    opts: &Options,
    mut on_error: impl FnMut(&ReadError),
) -> anyhow::Result<Summary> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads.max(1))
        .build()?;
    let mut summary = Summary::default();
    let mut record_error = |e: &ReadError, s: &mut Summary| {
        s.errors += 1;
        s.error_list.push(e.to_string());
        on_error(e);
    };

    let (stdin, paths): (Vec<&PathBuf>, Vec<&PathBuf>) =
        paths.iter().partition(|p| p.as_os_str() == "-");
    let files_in: Vec<PathBuf> = paths.into_iter().cloned().collect();
    let (files, walk_errors) = marsad_ingest::walk(&files_in);
    for e in &walk_errors {
        record_error(e, &mut summary);
    }
    // The progress bar needs the total up front; otherwise sizes are taken as files are read,
    // on the reader threads.
    let size_of = |f: &PathBuf| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0);
    let bar = if opts.progress {
        progress_bar(true, files.par_iter().map(size_of).sum())
    } else {
        None
    };

    let analyzer = opts.entities.then(marsad_analyze::Analyzer::load);
    let analyze = |a: Article| match &analyzer {
        Some(an) => an.analyze(a),
        None => Analyzed::sketched(a),
    };

    // Reading and storing overlap: this thread reads the next files while a second one stores
    // the previous batch. The channel holds one batch, which bounds memory.
    let mut ingester = store.ingester(opts.threads)?;
    let stored = std::thread::scope(|scope| -> anyhow::Result<StoreTotals> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Analyzed>>(1);
        let storer = scope.spawn(move || -> anyhow::Result<StoreTotals> {
            let mut totals = StoreTotals::default();
            for batch in rx {
                let t = std::time::Instant::now();
                let r = ingester.add_batch(&batch).context("storing a batch")?;
                totals.seconds += t.elapsed().as_secs_f64();
                totals.stored += r.stored;
                totals.duplicates += r.duplicates;
                totals.near_duplicates += r.near_duplicates;
            }
            let t = std::time::Instant::now();
            ingester.finish()?;
            totals.seconds += t.elapsed().as_secs_f64();
            Ok(totals)
        });
        // A failed send means the storer stopped on an error, which join() reports.
        let send = |batch: &mut Vec<Analyzed>| -> bool {
            batch.is_empty() || tx.send(std::mem::take(batch)).is_ok()
        };

        let mut pending: Vec<Analyzed> = Vec::new();
        let mut read_stdin = || -> anyhow::Result<()> {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .context("reading standard input")?;
            summary.files += 1;
            summary.bytes += bytes.len() as u64;
            for r in marsad_ingest::read_bytes_with("-", &bytes, opts.format, &opts.read) {
                summary.documents += 1;
                match r {
                    Ok(a) => pending.push(analyze(a)),
                    Err(e) => record_error(&e, &mut summary),
                }
            }
            Ok(())
        };
        if !stdin.is_empty() {
            read_stdin()?;
        }

        'rounds: for chunk in files.chunks(FILES_PER_ROUND) {
            let t = std::time::Instant::now();
            let read: Vec<(u64, Vec<Result<Analyzed, ReadError>>)> = pool.install(|| {
                chunk
                    .par_iter()
                    .map(|f| {
                        let docs = marsad_ingest::read_file_with(f, opts.format, &opts.read)
                            .into_iter()
                            .map(|r| r.map(analyze))
                            .collect();
                        (size_of(f), docs)
                    })
                    .collect()
            });
            summary.read_seconds += t.elapsed().as_secs_f64();
            let done: u64 = read.iter().map(|r| r.0).sum();
            for (_, results) in read {
                for r in results {
                    summary.documents += 1;
                    match r {
                        Ok(a) => pending.push(a),
                        Err(e) => match &bar {
                            Some(b) => b.suspend(|| record_error(&e, &mut summary)),
                            None => record_error(&e, &mut summary),
                        },
                    }
                }
                if pending.len() >= opts.batch && !send(&mut pending) {
                    break 'rounds;
                }
            }
            // An idle storer takes what is read so far, so storing starts with the first round
            // rather than after a whole batch (and the last batch is small).
            if !pending.is_empty() {
                match tx.try_send(std::mem::take(&mut pending)) {
                    Ok(()) => {}
                    Err(std::sync::mpsc::TrySendError::Full(back)) => pending = back,
                    Err(std::sync::mpsc::TrySendError::Disconnected(_)) => break 'rounds,
                }
            }
            summary.files += chunk.len();
            summary.bytes += done;
            if let Some(b) = &bar {
                b.inc(done);
            }
        }
        send(&mut pending);
        drop(tx);
        storer
            .join()
            .map_err(|_| anyhow::anyhow!("the storing thread stopped unexpectedly"))?
    })?;
    summary.stored = stored.stored;
    summary.duplicates = stored.duplicates;
    summary.near_duplicates = stored.near_duplicates;
    summary.store_seconds = stored.seconds;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    Ok(summary)
}

#[derive(Default)]
struct StoreTotals {
    stored: usize,
    duplicates: usize,
    near_duplicates: usize,
    seconds: f64,
}

fn progress_bar(enabled: bool, total: u64) -> Option<indicatif::ProgressBar> {
    if !enabled || total == 0 {
        return None;
    }
    let bar = indicatif::ProgressBar::new(total);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} {bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    Some(bar)
}

/// Peak resident memory of this process in bytes (Linux), if known.
pub fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// CPU time (user + system) this process has used so far, all threads, in seconds (Linux).
pub fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    // USER_HZ is 100 on every Linux architecture marsad runs on.
    Some(ticks / 100.0)
}

pub fn is_stdin(p: &Path) -> bool {
    p.as_os_str() == "-"
}
