//! `marsad report`: writes one self-contained HTML file (map, timeline, top actors and dyads,
//! stories, each event with its sentence) for a search and a period. Arguments only; the
//! document is assembled by `marsad_server::report`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use chrono::NaiveDate;

use marsad_server::report::{report_html, ReportOptions};

#[derive(clap::Args)]
pub struct Args {
    /// A search query (the search box's syntax); the events of the articles it matches.
    #[arg(long)]
    query: Option<String>,
    /// First day of the events (YYYY-MM-DD).
    #[arg(long)]
    from: Option<NaiveDate>,
    /// Last day of the events (YYYY-MM-DD).
    #[arg(long)]
    to: Option<NaiveDate>,
    /// Where to write the report.
    #[arg(long, default_value = "report.html")]
    out: PathBuf,
    /// At most this many events are listed (the newest); the map and the counts cover them all.
    #[arg(long, default_value_t = 2000)]
    max_events: usize,
    /// How many top actors, dyads and stories.
    #[arg(long, default_value_t = 15)]
    top: usize,
}

pub fn run(data: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let store = super::open_existing(data)?;
    let opts = ReportOptions {
        query: args.query,
        from: args.from,
        to: args.to,
        max_events: args.max_events,
        top: args.top,
    };
    let html = report_html(&store, &opts)?;
    std::fs::write(&args.out, &html)
        .with_context(|| format!("cannot write the report to {}", args.out.display()))?;
    println!("{} ({} KB)", args.out.display(), html.len() / 1024);
    Ok(ExitCode::SUCCESS)
}
