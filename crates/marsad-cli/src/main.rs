//! `marsad`: the command line. Thin: parses arguments, calls the crates, prints.
//! Every command that prints data has `--json`; errors are one line on stderr and a non-zero exit.

mod commands;
mod output;
mod process;
mod progress;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// mimalloc rather than the system allocator: analysis makes many small short-lived strings and
/// vectors per sentence, and glibc's malloc/free were ~9% of `marsad bench analyze`'s profile.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "marsad",
    version,
    about = "Arabic news into searchable, countable knowledge"
)]
struct Cli {
    /// The data directory (SQLite + search index).
    #[arg(
        long,
        global = true,
        default_value = "./marsad-data",
        env = "MARSAD_DATA"
    )]
    data: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read files, folders or `-` (stdin) and store their articles.
    Ingest(commands::ingest::Args),
    /// Read one article and show how marsad reads it, without storing it.
    Analyze(commands::analyze::Args),
    /// Search the store (words, "phrases", -exclusions, source: tag: published: filters).
    Search(commands::search::Args),
    /// Show one stored article by id, id prefix or source id, or a story (`story:ID`).
    Show(commands::show::Args),
    /// Stories: articles about one happening over days (title, span, counts, main entities).
    Stories(commands::stories::Args),
    /// Counts of what the store holds.
    Stats(commands::stats::Args),
    /// Follow RSS, Atom and news-sitemap feeds: store each new item's article.
    Watch(commands::watch::Args),
    /// Coded events, filtered by actor, country, root, dates and place.
    Events(commands::events::Args),
    /// One self-contained HTML report (map, timeline, actors, stories, events) for a search.
    Report(commands::report::Args),
    /// Write data out: `export events --format gdelt|csv|jsonl`.
    #[command(subcommand)]
    Export(commands::events::Export),
    /// The most mentioned people, places and organisations in the store.
    Entities(commands::entities::Args),
    /// Build marsad's own resources from the shared data (the knowledge base).
    #[command(subcommand)]
    Kb(commands::kb::Kb),
    /// Train marsad's models (the NER tagger).
    #[command(subcommand)]
    Train(commands::train::Train),
    /// Measure quality on a dataset (prints the metric).
    #[command(subcommand)]
    Eval(commands::eval::Eval),
    /// Serve the HTTP API and the web page.
    Serve(commands::serve::Args),
    /// Measure speed and memory.
    #[command(subcommand)]
    Bench(commands::bench::Bench),
}

fn main() -> ExitCode {
    // A bug must still reach the user as one line, not a backtrace.
    std::panic::set_hook(Box::new(|info| {
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        // `marsad search … | head`: the reader went away; that is not an error.
        if msg.contains("Broken pipe") {
            std::process::exit(0);
        }
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("marsad: internal error: {msg}{at} (please report it)");
    }));
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Ingest(a) => commands::ingest::run(&cli.data, a),
        Command::Analyze(a) => commands::analyze::run(a),
        Command::Search(a) => commands::search::run(&cli.data, a),
        Command::Show(a) => commands::show::run(&cli.data, a),
        Command::Stories(a) => commands::stories::run(&cli.data, a),
        Command::Stats(a) => commands::stats::run(&cli.data, a),
        Command::Watch(a) => commands::watch::run(&cli.data, a),
        Command::Entities(a) => commands::entities::run(&cli.data, a),
        Command::Events(a) => commands::events::run(&cli.data, a),
        Command::Report(a) => commands::report::run(&cli.data, a),
        Command::Export(e) => commands::events::export(&cli.data, e),
        Command::Kb(k) => commands::kb::run(k),
        Command::Train(t) => commands::train::run(t),
        Command::Eval(e) => commands::eval::run(&cli.data, e),
        Command::Serve(a) => commands::serve::run(&cli.data, a),
        Command::Bench(b) => commands::bench::run(&cli.data, b),
    };
    match result {
        Ok(code) => code,
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("marsad: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
