//! `marsad ingest PATH…`

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use marsad_ingest::{Format, ReadOptions};
use marsad_store::Store;

use marsad_pipeline::Options;

use crate::progress::Progress;

#[derive(clap::Args)]
pub struct Args {
    /// Files, folders (read recursively) or `-` for standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// auto | text | ant | jsonl | html | warc
    #[arg(long, default_value = "auto")]
    format: Format,
    /// Publication date (YYYY-MM-DD) for documents that do not give one.
    #[arg(long)]
    published: Option<chrono::NaiveDate>,
    /// Reader and indexer threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Articles per SQLite transaction (the index and the near-duplicate state are committed
    /// every few seconds and at the end).
    #[arg(long, default_value_t = DEFAULT_BATCH)]
    batch: usize,
    /// Skip entity finding (store and index the text only).
    #[arg(long)]
    no_entities: bool,
    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
    /// Milliseconds between commits of the index and the near-duplicate state (crash tests
    /// commit often so that a kill lands in a commit often).
    #[arg(long, hide = true, default_value_t = marsad_store::COMMIT_EVERY.as_millis() as u64)]
    commit_every_ms: u64,
}

/// Articles per batch: small enough that storing starts soon after reading does, large enough
/// that per-transaction costs stay small (measured with `marsad bench ingest --batch N`).
pub const DEFAULT_BATCH: usize = 2000;

pub fn default_threads() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}

pub fn run(data: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let mut store = Store::open(data).with_context(|| format!("opening {}", data.display()))?;
    let opts = Options {
        format: args.format,
        read: ReadOptions {
            published: args.published,
            ..ReadOptions::default()
        },
        threads: args.threads.unwrap_or_else(default_threads),
        batch: args.batch.max(1),
        entities: !args.no_entities,
        measure_total: std::io::stderr().is_terminal() && !args.json,
        commit_every: std::time::Duration::from_millis(args.commit_every_ms),
    };
    let mut progress = Progress::new(opts.measure_total, args.json);
    let s = marsad_pipeline::ingest(&mut store, &args.paths, &opts, &mut progress);
    progress.finish();
    let s = s?;
    if args.json {
        crate::commands::print_json(&s)?;
    } else {
        println!(
            "read {} documents from {} files ({:.1} MB): {} stored, {} duplicates, {} errors",
            s.documents,
            s.files,
            s.bytes as f64 / 1e6,
            s.stored,
            s.duplicates,
            s.errors
        );
        println!("store: {}", data.display());
    }
    Ok(ExitCode::SUCCESS)
}
