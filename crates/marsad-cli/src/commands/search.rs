//! `marsad search QUERY`

use std::path::Path;
use std::process::ExitCode;

use marsad_store::SearchOptions;

#[derive(clap::Args)]
pub struct Args {
    /// Words, "exact phrases", -excluded, +required, source:X tag:X published:2020-10 (or A..B, >=A).
    #[arg(required = true, num_args = 1..)]
    query: Vec<String>,
    #[arg(long, default_value_t = 10)]
    limit: usize,
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// Also count the entities the best hits mention.
    #[arg(long)]
    facets: bool,
    /// Also show near-duplicates (other outlets' copies of an article), hidden by default.
    #[arg(long)]
    duplicates: bool,
    /// One hit per story (the best of its articles).
    #[arg(long)]
    stories: bool,
    #[arg(long)]
    json: bool,
}

pub fn run(data: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let store = super::open_existing(data)?;
    let query = args.query.join(" ");
    let results = store.search(
        &query,
        &SearchOptions {
            limit: args.limit,
            offset: args.offset,
            snippets: true,
            facets: args.facets,
            duplicates: args.duplicates,
            group_stories: args.stories,
        },
    )?;
    if args.json {
        super::print_json(&results)?;
        return Ok(ExitCode::SUCCESS);
    }
    println!("{} matching article(s) for «{}»", results.total, query);
    for (i, h) in results.hits.iter().enumerate() {
        crate::output::print_hit(args.offset + i + 1, h);
    }
    if let Some(f) = &results.facets {
        println!("\nmost mentioned in the best {} hits:", f.over);
        for e in &f.entities {
            println!(
                "  {:>5}  {:<4} {} ({})  {}",
                e.articles, e.kind, e.name_ar, e.name, e.id
            );
        }
        for (label, values) in [
            ("sources", &f.sources),
            ("tags", &f.tags),
            ("event roots (CAMEO)", &f.event_roots),
        ] {
            if !values.is_empty() {
                let shown: Vec<String> = values
                    .iter()
                    .map(|v| format!("{} {}", v.value, v.count))
                    .collect();
                println!("{label}: {}", shown.join(", "));
            }
        }
        if let (Some(first), Some(last)) = (f.days.first(), f.days.last()) {
            println!(
                "published: {} … {} ({} days)",
                first.value,
                last.value,
                f.days.len()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
