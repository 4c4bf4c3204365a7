//! One module per subcommand.

pub mod analyze;
pub mod bench;
pub mod bench_map;
pub mod dedup;
pub mod entities;
pub mod eval;
pub mod eval_html;
pub mod event_counts;
pub mod events;
pub mod ingest;
pub mod kb;
pub mod load;
pub mod report;
pub mod search;
pub mod serve;
pub mod show;
pub mod stats;
pub mod stories;
pub mod train;
pub mod watch;

use std::path::Path;

use anyhow::Context;
use marsad_store::Store;

/// Opens the store for reading, with a clear message when it does not exist yet.
pub fn open_existing(data: &Path) -> anyhow::Result<Store> {
    if !data.join("marsad.sqlite").exists() {
        anyhow::bail!(
            "no marsad store at {} (run `marsad ingest PATH` first, or pass --data DIR)",
            data.display()
        );
    }
    Store::open(data).with_context(|| format!("opening {}", data.display()))
}

pub fn print_json<T: serde::Serialize>(v: &T) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(v)?);
    Ok(())
}
