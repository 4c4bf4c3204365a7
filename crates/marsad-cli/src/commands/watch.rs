//! `marsad watch FEEDS.txt | --feed URL…`

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use marsad_store::Store;
use marsad_watch::{FeedReport, Options};

#[derive(clap::Args)]
pub struct Args {
    /// A file of feed URLs (RSS, Atom, sitemap), one a line, `#` comments.
    feeds_file: Option<PathBuf>,
    /// A feed URL (repeatable), besides or instead of the file.
    #[arg(long = "feed")]
    feeds: Vec<String>,
    /// Poll each feed once and exit (for cron).
    #[arg(long)]
    once: bool,
    /// Seconds between polls of all the feeds, when not `--once`.
    #[arg(long, default_value_t = 900)]
    every: u64,
    /// Milliseconds between two requests to one host.
    #[arg(long, default_value_t = 1000)]
    delay_ms: u64,
    /// Seconds one request may take, body included.
    #[arg(long, default_value_t = 30)]
    timeout: u64,
    /// Extra attempts after a 5xx or a timeout, with a doubling wait from 2 s.
    #[arg(long, default_value_t = 2)]
    retries: u32,
    /// Print each feed's summary as a JSON line.
    #[arg(long)]
    json: bool,
}

pub fn run(data: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let feeds = feed_list(args.feeds_file.as_deref(), &args.feeds)?;
    let mut store = Store::open(data).with_context(|| format!("opening {}", data.display()))?;
    let analyzer = marsad_analyze::Analyzer::load();
    let opts = Options {
        delay: Duration::from_millis(args.delay_ms),
        timeout: Duration::from_secs(args.timeout.max(1)),
        retries: args.retries,
        ..Options::default()
    };
    let every = (!args.once).then(|| Duration::from_secs(args.every.max(1)));
    let json = args.json;
    let failed = marsad_watch::watch(&mut store, &analyzer, &feeds, &opts, every, &mut |r| {
        print_report(r, json)
    });
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The feeds of a feed-list file (one URL a line, `#` comments) and of `--feed`; none is an error.
pub fn feed_list(file: Option<&Path>, extra: &[String]) -> anyhow::Result<Vec<String>> {
    let mut feeds = Vec::new();
    if let Some(path) = file {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        feeds.extend(marsad_watch::parse_feed_list(&text));
    }
    feeds.extend(extra.iter().cloned());
    if feeds.is_empty() {
        anyhow::bail!("no feeds: give a file of feed URLs or --feed URL");
    }
    Ok(feeds)
}

/// One feed's report on stdout: a summary line and a line per failure, or one JSON line.
pub fn print_report(r: &FeedReport, json: bool) {
    if json {
        match serde_json::to_string(r) {
            Ok(line) => println!("{line}"),
            Err(e) => eprintln!("marsad: {}: {e}", r.feed),
        }
        return;
    }
    if let Some(e) = &r.error {
        println!("{}: error: {e}", r.feed);
        return;
    }
    if r.not_modified {
        println!("{}: not modified", r.feed);
        return;
    }
    let sitemaps = match r.sitemaps {
        0 => String::new(),
        n => format!(" {n} sitemaps,"),
    };
    println!(
        "{}:{sitemaps} {} items: {} new, {} duplicate, {} seen before, {} failed",
        r.feed,
        r.items,
        r.new,
        r.duplicate,
        r.seen,
        r.failed.len()
    );
    for f in &r.failed {
        println!("  failed {}: {}", f.url, f.reason);
    }
}
