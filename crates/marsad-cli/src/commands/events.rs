//! `marsad events` and `marsad export events`: the coded events of the store, filtered.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use marsad_store::events::{
    csv_row, gdelt_group_row, write_csv_line, EventFilter, CSV_COLUMNS, GDELT_COLUMNS,
};

#[derive(clap::Args, Clone)]
pub struct Filter {
    /// Actor: a CAMEO code prefix (RUS, RUSGOV, IGOUNO) or a KB entity id, on either side.
    #[arg(long)]
    actor: Option<String>,
    /// ISO3 country of either actor or of the place.
    #[arg(long)]
    country: Option<String>,
    /// CAMEO root(s), e.g. --root 02 --root 19.
    #[arg(long = "root")]
    roots: Vec<String>,
    /// First event day (YYYY-MM-DD).
    #[arg(long)]
    from: Option<chrono::NaiveDate>,
    /// Last event day (YYYY-MM-DD).
    #[arg(long)]
    to: Option<chrono::NaiveDate>,
    /// Place name (part of it) or its KB id.
    #[arg(long)]
    place: Option<String>,
    /// ISO3 country of the place alone.
    #[arg(long)]
    place_country: Option<String>,
    /// QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=4))]
    quad: Option<u8>,
    /// A search query (the search's syntax): events of the articles it matches.
    #[arg(long = "query", short = 'q')]
    query: Option<String>,
    /// A story id: events of its articles.
    #[arg(long)]
    story: Option<String>,
}

impl Filter {
    fn to_store(&self, limit: Option<usize>) -> EventFilter {
        EventFilter {
            actor: self.actor.clone(),
            country: self.country.clone(),
            roots: self.roots.clone(),
            from: self.from,
            to: self.to,
            place: self.place.clone(),
            place_country: self.place_country.clone(),
            quad: self.quad,
            query: self.query.clone(),
            story: self.story.clone(),
            limit,
        }
    }
}

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    filter: Filter,
    #[arg(long, default_value_t = 50)]
    limit: usize,
    #[arg(long)]
    json: bool,
    /// Count instead of listing: per day, week, place country or CAMEO root (all the filtered
    /// events, not only --limit), with a sparkline; --csv for a table.
    #[arg(long, value_enum)]
    by: Option<super::event_counts::By>,
    /// With --by: comma-separated values instead of text.
    #[arg(long, requires = "by")]
    csv: bool,
}

pub fn run(data: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let store = super::open_existing(data)?;
    if let Some(by) = args.by {
        let text = super::event_counts::render(&store, &args.filter.to_store(None), by, args.csv)?;
        print!("{text}");
        return Ok(ExitCode::SUCCESS);
    }
    let events = store.events(&args.filter.to_store(Some(args.limit)))?;
    let groups: Vec<i64> = events.iter().filter_map(|e| e.group_id).collect();
    let counts = store.group_counts(&groups)?;
    if args.json {
        let v: Vec<serde_json::Value> = events
            .iter()
            .map(|e| {
                let mut v = serde_json::to_value(e).unwrap_or_default();
                if let (Some(o), Some(c)) = (v.as_object_mut(), e.group_id.and_then(|g| counts.get(&g))) {
                    o.insert("group".into(), serde_json::json!({"articles": c.articles, "sources": c.sources, "mentions": c.mentions}));
                }
                v
            })
            .collect();
        super::print_json(&v)?;
        return Ok(ExitCode::SUCCESS);
    }
    for e in &events {
        let ev = &e.event;
        println!("{ev}");
        println!("            «{}»  ({})", ev.evidence.sentence, e.article_id);
        if let Some(g) = e.group_id {
            let c = counts.get(&g).copied().unwrap_or_default();
            println!(
                "            group {g}: {} article(s), {} source(s), {} mention(s)",
                c.articles, c.sources, c.mentions
            );
        }
    }
    println!("{} event(s)", events.len());
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Subcommand)]
pub enum Export {
    /// Events as GDELT 2.0 event-table rows (tab-separated, GDELT's column names and order), CSV or JSON Lines.
    Events(ExportArgs),
}

#[derive(clap::Args)]
pub struct ExportArgs {
    /// gdelt | csv | jsonl | parquet (the last with the `parquet` cargo feature, and --out)
    #[arg(long, default_value = "csv")]
    format: String,
    /// Write here instead of standard output.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Leave out the header line (GDELT's own files have none).
    #[arg(long)]
    no_header: bool,
    #[command(flatten)]
    filter: Filter,
}

pub fn export(data: &Path, e: Export) -> anyhow::Result<ExitCode> {
    let Export::Events(a) = e;
    let store = super::open_existing(data)?;
    let events = store.events(&a.filter.to_store(None))?;
    let mut out: Box<dyn Write> = match &a.out {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    match a.format.as_str() {
        "gdelt" => {
            let added = chrono::Utc::now().format("%Y%m%d%H%M%S").to_string();
            if !a.no_header {
                write_csv_line(&mut out, &GDELT_COLUMNS.map(String::from), '\t')?;
            }
            // One row per happening: reports of one event in several articles are one row
            // whose NumMentions, NumSources and NumArticles count them.
            for (e, c) in store.event_groups(&events)? {
                write_csv_line(&mut out, &gdelt_group_row(&e, &c, &added), '\t')?;
            }
        }
        "csv" => {
            if !a.no_header {
                write_csv_line(&mut out, &CSV_COLUMNS.map(String::from), ',')?;
            }
            for e in &events {
                write_csv_line(&mut out, &csv_row(e), ',')?;
            }
        }
        #[cfg(feature = "parquet")]
        "parquet" => {
            let Some(p) = &a.out else { anyhow::bail!("--format parquet needs --out FILE") };
            drop(out);
            let f = std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?;
            marsad_store::events_parquet::write_parquet(f, &events).context("writing Parquet")?;
            eprintln!("{} event(s) written to {}", events.len(), p.display());
            return Ok(ExitCode::SUCCESS);
        }
        "jsonl" => {
            for e in &events {
                writeln!(out, "{}", serde_json::to_string(e)?)?;
            }
        }
        "parquet" => anyhow::bail!("--format parquet: this marsad was built without the `parquet` feature (cargo build --release --features parquet)"),
        other => anyhow::bail!("--format {other}: expected gdelt, csv, jsonl or parquet"),
    }
    out.flush()?;
    if let Some(p) = &a.out {
        eprintln!("{} event(s) written to {}", events.len(), p.display());
    }
    Ok(ExitCode::SUCCESS)
}
