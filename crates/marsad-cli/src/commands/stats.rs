//! `marsad stats`

use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[arg(long)]
    json: bool,
}

pub fn run(data: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let s = super::open_existing(data)?.stats()?;
    if args.json {
        super::print_json(&s)?;
    } else {
        println!("store        {}", data.display());
        println!("articles     {}", s.articles);
        println!(
            "duplicates   {} (documents read that were copies of a stored article)",
            s.duplicates
        );
        println!("sources      {}", s.sources);
        println!("tags         {}", s.tags);
        println!("paragraphs   {}", s.paragraphs);
        println!(
            "published    {} … {}",
            s.first_published.as_deref().unwrap_or("?"),
            s.last_published.as_deref().unwrap_or("?")
        );
        println!(
            "near-dups    {} (stored articles that near-duplicate an earlier one)",
            s.near_duplicates
        );
        println!("stories      {}", s.stories);
        println!(
            "events       {} ({} distinct happenings)",
            s.events, s.event_groups
        );
        println!("batches      {}", s.batches);
        println!("indexed      {}", s.indexed);
        println!("on disk      {:.1} MB", s.bytes_on_disk as f64 / 1e6);
    }
    Ok(ExitCode::SUCCESS)
}
