//! `marsad show ID`

use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;

#[derive(clap::Args)]
pub struct Args {
    /// Article id, a unique prefix of it, or a source id (ANT DOCNO, JSONL id, file path).
    id: String,
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct Sighting {
    source_id: String,
    source: Option<String>,
    url: Option<String>,
}

pub fn run(data: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let store = super::open_existing(data)?;
    let Some(a) = store.find(&args.id)? else {
        anyhow::bail!("no article {} in {}", args.id, data.display());
    };
    let sightings: Vec<Sighting> = store
        .sightings(&a.id)?
        .into_iter()
        .map(|(source_id, source, url)| Sighting {
            source_id,
            source,
            url,
        })
        .collect();
    if args.json {
        let mut v = serde_json::to_value(&a)?;
        if let Some(o) = v.as_object_mut() {
            o.insert("sightings".into(), serde_json::to_value(&sightings)?);
            o.insert("entities".into(), serde_json::to_value(store.article_entities(&a.id)?)?);
        }
        super::print_json(&v)?;
    } else {
        crate::output::print_article_header(&a);
        if sightings.len() > 1 {
            println!("also read as ({} copies):", sightings.len() - 1);
            for s in sightings.iter().filter(|s| s.source_id != a.source_id) {
                println!("  {}", s.source_id);
            }
        }
        for p in &a.paragraphs {
            println!("\n{p}");
        }
        crate::output::print_entities(&store.article_entities(&a.id)?);
    }
    Ok(ExitCode::SUCCESS)
}
