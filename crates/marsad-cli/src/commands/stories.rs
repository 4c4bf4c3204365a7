//! `marsad stories`

use std::path::Path;
use std::process::ExitCode;

use marsad_store::stories::StorySummary;

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, default_value_t = 20)]
    limit: usize,
    #[arg(long)]
    json: bool,
}

pub fn span(s: &StorySummary) -> String {
    match (&s.first_date, &s.last_date) {
        (Some(a), Some(b)) if a == b => a.clone(),
        (Some(a), Some(b)) => format!("{a} … {b}"),
        _ => "undated".into(),
    }
}

pub fn entities_line(s: &StorySummary) -> String {
    s.entities
        .iter()
        .map(|e| format!("{} ({})", e.name_ar, e.mentions))
        .collect::<Vec<_>>()
        .join("، ")
}

pub fn run(data: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let store = super::open_existing(data)?;
    let stories = store.stories(args.limit)?;
    if args.json {
        super::print_json(&stories)?;
        return Ok(ExitCode::SUCCESS);
    }
    for s in &stories {
        println!("story:{}  {}", s.id, s.title);
        println!(
            "    {}  {} article(s), {} source(s), {} event(s)",
            span(s),
            s.articles,
            s.sources,
            s.events
        );
        if !s.entities.is_empty() {
            println!("    {}", entities_line(s));
        }
    }
    println!(
        "{} stor{} shown",
        stories.len(),
        if stories.len() == 1 { "y" } else { "ies" }
    );
    Ok(ExitCode::SUCCESS)
}
