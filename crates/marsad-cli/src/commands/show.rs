//! `marsad show ID`

use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;

#[derive(clap::Args)]
pub struct Args {
    /// Article id, a unique prefix of it, a source id (ANT DOCNO, JSONL id, file path), or
    /// `story:ID` for a story.
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
    if args.id.starts_with("story:") {
        return show_story(&store, &args);
    }
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
        let (canonical_id, story_id) = store.dedup_marks(&a.id)?;
        if let Some(o) = v.as_object_mut() {
            o.insert("canonical_id".into(), serde_json::to_value(&canonical_id)?);
            o.insert("story_id".into(), serde_json::to_value(&story_id)?);
            o.insert("sightings".into(), serde_json::to_value(&sightings)?);
            o.insert(
                "entities".into(),
                serde_json::to_value(store.article_entities(&a.id)?)?,
            );
        }
        super::print_json(&v)?;
    } else {
        crate::output::print_article_header(&a);
        let (canonical_id, story_id) = store.dedup_marks(&a.id)?;
        if let Some(c) = canonical_id {
            println!("near-duplicate of {c}");
        }
        if let Some(s) = story_id {
            println!("story:{s}");
        }
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

fn show_story(store: &marsad_store::Store, args: &Args) -> anyhow::Result<ExitCode> {
    let Some(s) = store.story(&args.id)? else {
        anyhow::bail!("no story {} in {}", args.id, store.dir().display());
    };
    if args.json {
        super::print_json(&s)?;
        return Ok(ExitCode::SUCCESS);
    }
    let sum = &s.summary;
    println!("story:{}  {}", sum.id, sum.title);
    println!(
        "{}  {} article(s), {} source(s), {} event(s)",
        super::stories::span(sum),
        sum.articles,
        sum.sources,
        sum.events
    );
    if !sum.entities.is_empty() {
        println!("main entities: {}", super::stories::entities_line(sum));
    }
    println!("\narticles:");
    for a in &s.articles_list {
        println!(
            "  {}  {}  {}{}{}",
            a.published.as_deref().unwrap_or("????-??-??"),
            a.id,
            a.title,
            a.source
                .as_deref()
                .map(|x| format!("  [{x}]"))
                .unwrap_or_default(),
            a.canonical_id
                .as_deref()
                .map(|c| format!("  (near-duplicate of {c})"))
                .unwrap_or_default()
        );
    }
    if !s.event_list.is_empty() {
        println!("\nevents:");
        for e in &s.event_list {
            println!("  {}", e.event);
        }
    }
    Ok(ExitCode::SUCCESS)
}
