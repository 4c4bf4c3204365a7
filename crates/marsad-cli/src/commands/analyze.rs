//! `marsad analyze FILE`: one article read and shown, nothing stored.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use marsad_ingest::{Article, Format, ReadOptions};
use serde::Serialize;

#[derive(clap::Args)]
pub struct Args {
    /// The article file, or `-` for standard input.
    file: PathBuf,
    #[arg(long, default_value = "auto")]
    format: Format,
    /// Publication date (YYYY-MM-DD); overrides what the document says.
    #[arg(long)]
    published: Option<chrono::NaiveDate>,
    #[arg(long)]
    json: bool,
}

/// The JSON contract of `analyze --json` (later stages add entities and events).
#[derive(Serialize)]
struct Analyzed<'a> {
    id: &'a str,
    source_id: &'a str,
    title: &'a str,
    published: Option<String>,
    source: Option<&'a str>,
    url: Option<&'a str>,
    tags: &'a [String],
    meta: &'a std::collections::BTreeMap<String, serde_json::Value>,
    paragraphs: &'a [String],
    sentences: Vec<Vec<String>>,
    entities: &'a [marsad_entities::FoundEntity],
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let opts = ReadOptions {
        published: args.published,
        ..ReadOptions::default()
    };
    let results = if crate::pipeline::is_stdin(&args.file) {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("reading standard input")?;
        marsad_ingest::read_bytes_with("-", &bytes, args.format, &opts)
    } else {
        marsad_ingest::read_file_with(&args.file, args.format, &opts)
    };
    let mut failed = false;
    let analyzer = crate::analysis::Analyzer::load();
    for r in results {
        match r {
            Ok(mut a) => {
                if args.published.is_some() {
                    a.published = args.published;
                }
                let done = analyzer.analyze(a);
                if args.json {
                    println!("{}", serde_json::to_string_pretty(&view(&done.article, &done.entities))?);
                } else {
                    print_readable(&done.article);
                    crate::output::print_entities(&done.entities);
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

fn view<'a>(a: &'a Article, entities: &'a [marsad_entities::FoundEntity]) -> Analyzed<'a> {
    Analyzed {
        id: &a.id,
        source_id: &a.source_id,
        title: &a.title,
        published: a.published.map(|d| d.to_string()),
        source: a.source.as_deref(),
        url: a.url.as_deref(),
        tags: &a.tags,
        meta: &a.meta,
        paragraphs: &a.paragraphs,
        sentences: a
            .paragraphs
            .iter()
            .map(|p| {
                marsad_text::sentences(p)
                    .into_iter()
                    .map(|r| p[r].to_string())
                    .collect()
            })
            .collect(),
        entities,
    }
}

fn print_readable(a: &Article) {
    crate::output::print_article_header(a);
    for (i, p) in a.paragraphs.iter().enumerate() {
        let n = marsad_text::sentences(p).len();
        println!("\n[{}] ({} sentences)\n{}", i + 1, n, p);
    }
}
