//! `marsad bench …`: speed and memory, reported with the machine's core count. Figures are
//! printed, never asserted: shared machines are noisy.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use marsad_ingest::{Format, ReadOptions};
use marsad_store::{query, SearchOptions, Store};
use serde::Serialize;

use marsad_pipeline::Options;

use crate::process::{cpu_seconds, peak_rss};

/// The fixed query set of `bench search`: news words, names, phrases, filters.
pub(crate) const QUERIES: &str = include_str!("../../../../data/bench/search_queries.txt");

#[derive(clap::Subcommand)]
pub enum Bench {
    /// Read + analyse + index PATH into a fresh temporary store.
    Ingest(IngestArgs),
    /// Latency of searches on the store at --data (top 10 with snippets).
    Search(SearchArgs),
    /// Entities + events on one core: sentences per second over the articles of PATH (reading
    /// is not timed).
    Analyze(AnalyzeArgs),
    /// Write a deterministic synthetic corpus with planted near-duplicates (`corpus.jsonl`,
    /// `pairs.tsv`) built from the articles of --from.
    Gen(super::dedup::GenArgs),
    /// Near-duplicates and stories in memory on a synthetic corpus of --n documents: F1 on the
    /// planted pairs, time, docs/s, peak RSS.
    Dedup(super::dedup::BenchArgs),
    /// HTML extraction alone on one core: the pages of PATHs (`.html`, `.html.gz`; read and
    /// un-gzipped before the clock starts) → pages/s and MB/s of HTML.
    Html(HtmlArgs),
    /// The map's and the timeline's aggregations over a store of --events synthetic events
    /// (50,000 by default): p50/p99 ms per request, as the server runs them.
    Map(super::bench_map::MapArgs),
    /// The server under load on loopback: N clients searching alone, then with W clients
    /// POSTing articles; search p50/p99 of both phases, errors, and every POSTed article found
    /// by search exactly once.
    Load(super::load::LoadArgs),
}

#[derive(clap::Args)]
pub struct HtmlArgs {
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Passes over the pages (the best is reported).
    #[arg(long, default_value_t = 3)]
    rounds: usize,
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub struct AnalyzeArgs {
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// At most this many articles.
    #[arg(long)]
    limit: Option<usize>,
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct AnalyzeReport {
    articles: usize,
    sentences: usize,
    entities: usize,
    events: usize,
    seconds: f64,
    #[serde(rename = "sentences/s")]
    sentences_per_s: f64,
    #[serde(rename = "articles/s")]
    articles_per_s: f64,
    threads: usize,
}

fn analyze(a: AnalyzeArgs) -> anyhow::Result<ExitCode> {
    let (files, _) = marsad_ingest::walk(&a.paths);
    let mut articles = Vec::new();
    for f in &files {
        articles.extend(
            marsad_ingest::read_file(f, Format::Auto)
                .into_iter()
                .flatten(),
        );
        if a.limit.is_some_and(|n| articles.len() >= n) {
            break;
        }
    }
    articles.truncate(a.limit.unwrap_or(usize::MAX));
    let sentences: usize = articles
        .iter()
        .flat_map(|x| &x.paragraphs)
        .map(|p| marsad_text::sentences(p).len())
        .sum();
    let analyzer = marsad_analyze::Analyzer::load();
    let (n, mut ents, mut evs) = (articles.len(), 0, 0);
    let start = Instant::now();
    for art in articles {
        let done = analyzer.analyze(art);
        ents += done.entities.len();
        evs += done.events.len();
    }
    let seconds = start.elapsed().as_secs_f64();
    let r = AnalyzeReport {
        articles: n,
        sentences,
        entities: ents,
        events: evs,
        seconds,
        sentences_per_s: sentences as f64 / seconds,
        articles_per_s: n as f64 / seconds,
        threads: 1,
    };
    if a.json {
        println!("{}", serde_json::to_string(&r)?);
    } else {
        println!(
            "{} articles, {} sentences analysed in {:.2} s on one thread: {:.0} sentences/s, {:.0} articles/s ({} entities, {} events)",
            r.articles, r.sentences, r.seconds, r.sentences_per_s, r.articles_per_s, r.entities, r.events
        );
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
pub struct IngestArgs {
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Measure reading + indexing only, without entity finding.
    #[arg(long)]
    no_entities: bool,
    #[arg(long)]
    threads: Option<usize>,
    /// Articles per SQLite transaction (as `ingest --batch`).
    #[arg(long, default_value_t = crate::commands::ingest::DEFAULT_BATCH)]
    batch: usize,
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub struct SearchArgs {
    /// A file of queries, one per line (default: the built-in set).
    #[arg(long)]
    queries: Option<PathBuf>,
    /// Passes over the query set.
    #[arg(long, default_value_t = 20)]
    rounds: usize,
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct IngestReport {
    documents: usize,
    stored: usize,
    mb: f64,
    seconds: f64,
    #[serde(rename = "mb/s")]
    mb_per_s: f64,
    #[serde(rename = "docs/s")]
    docs_per_s: f64,
    /// Reader threads; tantivy indexes on as many threads of its own, so CPU time is the
    /// fair measure of work: `mb/cpu-s` is the throughput of one fully busy core.
    threads: usize,
    entities: bool,
    cpu_seconds: f64,
    #[serde(rename = "mb/cpu-s")]
    mb_per_cpu_s: f64,
    cores: usize,
    peak_rss_mb: f64,
}

#[derive(Serialize)]
struct SearchReport {
    queries: usize,
    searches: usize,
    p50_ms: f64,
    p99_ms: f64,
    mean_ms: f64,
    max_ms: f64,
    cores: usize,
}

pub fn run(data: &Path, b: Bench) -> anyhow::Result<ExitCode> {
    match b {
        Bench::Ingest(a) => ingest(a),
        Bench::Search(a) => search(data, a),
        Bench::Analyze(a) => analyze(a),
        Bench::Gen(a) => super::dedup::gen(a),
        Bench::Dedup(a) => super::dedup::bench(a),
        Bench::Html(a) => html(a),
        Bench::Map(a) => super::bench_map::run(a),
        Bench::Load(a) => super::load::run(a),
    }
}

fn cores() -> usize {
    crate::commands::ingest::default_threads()
}

fn ingest(a: IngestArgs) -> anyhow::Result<ExitCode> {
    let tmp = tempfile::tempdir()?;
    let mut store = Store::open(tmp.path())?;
    let threads = a.threads.unwrap_or_else(cores);
    let opts = Options {
        format: Format::Auto,
        read: ReadOptions::default(),
        threads,
        batch: a.batch.max(1),
        measure_total: false,
        entities: !a.no_entities,
        commit_every: marsad_store::COMMIT_EVERY,
    };
    let cpu0 = cpu_seconds().unwrap_or(0.0);
    let start = Instant::now();
    let s = marsad_pipeline::ingest(&mut store, &a.paths, &opts, &mut ())?;
    // Closing is part of the job (SQLite checkpoints its log then).
    drop(store);
    let seconds = start.elapsed().as_secs_f64();
    let cpu = cpu_seconds().unwrap_or(0.0) - cpu0;
    let mb = s.bytes as f64 / 1e6;
    let r = IngestReport {
        documents: s.documents,
        stored: s.stored,
        mb,
        seconds,
        mb_per_s: mb / seconds,
        docs_per_s: s.documents as f64 / seconds,
        threads,
        entities: !a.no_entities,
        cpu_seconds: cpu,
        mb_per_cpu_s: if cpu > 0.0 { mb / cpu } else { 0.0 },
        cores: cores(),
        peak_rss_mb: peak_rss().unwrap_or(0) as f64 / 1e6,
    };
    if a.json {
        println!("{}", serde_json::to_string(&r)?);
    } else {
        println!(
            "{} documents ({} stored), {:.1} MB in {:.2} s: {:.1} MB/s, {:.0} docs/s, {} threads on {} cores; {:.2} CPU-s = {:.1} MB per CPU-second; peak RSS {:.0} MB",
            r.documents, r.stored, r.mb, r.seconds, r.mb_per_s, r.docs_per_s, r.threads, r.cores, r.cpu_seconds, r.mb_per_cpu_s, r.peak_rss_mb
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn search(data: &Path, a: SearchArgs) -> anyhow::Result<ExitCode> {
    let store = crate::commands::open_existing(data)?;
    let text = match &a.queries {
        Some(p) => std::fs::read_to_string(p)?,
        None => QUERIES.to_string(),
    };
    let queries: Vec<query::Query> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(query::parse)
        .collect::<Result<_, _>>()?;
    anyhow::ensure!(!queries.is_empty(), "no queries");
    let opts = SearchOptions::default();
    // One untimed pass warms the OS cache and tantivy's.
    for q in &queries {
        store.search_parsed(q, &opts)?;
    }
    let mut times = Vec::with_capacity(queries.len() * a.rounds);
    for _ in 0..a.rounds.max(1) {
        for q in &queries {
            let t = Instant::now();
            store.search_parsed(q, &opts)?;
            times.push(t.elapsed().as_secs_f64() * 1e3);
        }
    }
    times.sort_by(|x, y| x.total_cmp(y));
    let pct = |p: f64| times[((times.len() as f64 - 1.0) * p).round() as usize];
    let r = SearchReport {
        queries: queries.len(),
        searches: times.len(),
        p50_ms: pct(0.50),
        p99_ms: pct(0.99),
        mean_ms: times.iter().sum::<f64>() / times.len() as f64,
        max_ms: pct(1.0),
        cores: cores(),
    };
    if a.json {
        println!("{}", serde_json::to_string(&r)?);
    } else {
        println!(
            "{} searches ({} queries × {}): p50 {:.3} ms, p99 {:.3} ms, mean {:.3} ms, max {:.3} ms (top 10 with snippets, {} cores)",
            r.searches, r.queries, a.rounds, r.p50_ms, r.p99_ms, r.mean_ms, r.max_ms, r.cores
        );
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct HtmlReport {
    pages: usize,
    read: usize,
    mb: f64,
    seconds: f64,
    #[serde(rename = "pages/s")]
    pages_per_s: f64,
    #[serde(rename = "MB/s")]
    mb_per_s: f64,
    cores: usize,
}

fn html(a: HtmlArgs) -> anyhow::Result<ExitCode> {
    let (files, _) = marsad_ingest::walk(&a.paths);
    let mut pages: Vec<(String, Vec<u8>)> = Vec::new();
    for f in files.iter().filter(|f| {
        let n = f.to_string_lossy();
        n.ends_with(".html") || n.ends_with(".htm") || n.ends_with(".html.gz")
    }) {
        let raw = std::fs::read(f)?;
        let bytes = if raw.starts_with(&[0x1f, 0x8b]) {
            let mut out = Vec::new();
            std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&raw[..]), &mut out)?;
            out
        } else {
            raw
        };
        pages.push((f.display().to_string(), bytes));
    }
    anyhow::ensure!(
        !pages.is_empty(),
        "no .html or .html.gz pages under the paths"
    );
    let opts = ReadOptions::default();
    let mut best = f64::INFINITY;
    let mut read = 0;
    for _ in 0..a.rounds.max(1) {
        let t = Instant::now();
        read = pages
            .iter()
            .filter(|(n, b)| {
                marsad_ingest::read_bytes_with(n, b, Format::Html, &opts)
                    .iter()
                    .any(Result::is_ok)
            })
            .count();
        best = best.min(t.elapsed().as_secs_f64());
    }
    let mb = pages.iter().map(|p| p.1.len()).sum::<usize>() as f64 / 1e6;
    let r = HtmlReport {
        pages: pages.len(),
        read,
        mb,
        seconds: best,
        pages_per_s: pages.len() as f64 / best,
        mb_per_s: mb / best,
        cores: cores(),
    };
    if a.json {
        println!("{}", serde_json::to_string(&r)?);
    } else {
        println!(
            "{} pages ({} read, {:.1} MB of HTML) in {:.2} s on one thread: {:.0} pages/s, {:.1} MB/s ({} cores)",
            r.pages, r.read, r.mb, r.seconds, r.pages_per_s, r.mb_per_s, r.cores
        );
    }
    Ok(ExitCode::SUCCESS)
}
