//! `marsad analyze FILE`: one article read and shown, nothing stored.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use marsad_ingest::{Article, Format, ReadOptions};

#[derive(clap::Args)]
pub struct Args {
    /// The article file, or `-` for standard input (not needed with --jsonl).
    #[arg(required_unless_present = "jsonl")]
    file: Option<PathBuf>,
    /// Stream: read `{"id","text"[,"title","published"]}` objects from standard input, one per
    /// line, and write one result object per line, in order.
    #[arg(long, conflicts_with = "json")]
    jsonl: bool,
    #[arg(long, default_value = "auto")]
    format: Format,
    /// Publication date (YYYY-MM-DD); overrides what the document says.
    #[arg(long)]
    published: Option<chrono::NaiveDate>,
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.jsonl {
        return stream(args.published);
    }
    let file = args.file.clone().unwrap_or_else(|| PathBuf::from("-"));
    let opts = ReadOptions {
        published: args.published,
        ..ReadOptions::default()
    };
    let results = if crate::process::is_stdin(&file) {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("reading standard input")?;
        marsad_ingest::read_bytes_with("-", &bytes, args.format, &opts)
    } else {
        marsad_ingest::read_file_with(&file, args.format, &opts)
    };
    let mut failed = false;
    let analyzer = marsad_analyze::Analyzer::load();
    for r in results {
        match r {
            Ok(mut a) => {
                if args.published.is_some() {
                    a.published = args.published;
                }
                let done = analyzer.analyze(a);
                if args.json {
                    println!(
                        "{}",
                        serde_json::to_string_pretty(&marsad_analyze::json_view(&done))?
                    );
                } else {
                    print_readable(&done.article);
                    crate::output::print_entities(&done.entities);
                    crate::output::print_events(&done.events);
                }
            }
            Err(e) => {
                eprintln!("marsad: {e}");
                failed = true;
            }
        }
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn print_readable(a: &Article) {
    crate::output::print_article_header(a);
    for (i, p) in a.paragraphs.iter().enumerate() {
        let n = marsad_text::sentences(p).len();
        println!("\n[{}] ({} sentences)\n{}", i + 1, n, p);
    }
}

/// `analyze --jsonl`: one JSON object in, one result out, line by line, flushed as it goes so
/// marsad can sit inside a pipeline. A bad line gives `{"line":N,"error":"…"}` and the stream goes on.
fn stream(default_published: Option<chrono::NaiveDate>) -> anyhow::Result<ExitCode> {
    use std::io::{BufRead, Write};
    let analyzer = marsad_analyze::Analyzer::load();
    let opts = ReadOptions {
        published: default_published,
        ..ReadOptions::default()
    };
    let stdin = std::io::stdin().lock();
    let mut out = std::io::stdout().lock();
    for (i, line) in stdin.split(b'\n').enumerate() {
        let line = line.context("reading standard input")?;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let name = format!("-#line {}", i + 1);
        let mut results = marsad_ingest::read_bytes_with(&name, &line, Format::Jsonl, &opts);
        let json = match results.pop() {
            Some(Ok(a)) if results.is_empty() => {
                serde_json::to_string(&marsad_analyze::json_view(&analyzer.analyze(a)))?
            }
            Some(Err(e)) => serde_json::json!({"line": i + 1, "error": e.reason}).to_string(),
            _ => {
                serde_json::json!({"line": i + 1, "error": "expected one JSON object"}).to_string()
            }
        };
        writeln!(out, "{json}")?;
        out.flush()?;
    }
    Ok(ExitCode::SUCCESS)
}
