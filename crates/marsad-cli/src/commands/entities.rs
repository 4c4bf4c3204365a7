//! `marsad entities`: the most mentioned people, places and organisations.

use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Only this type: PER, LOC, ORG or MISC.
    #[arg(long = "type")]
    kind: Option<String>,
    #[arg(long, default_value_t = 30)]
    limit: usize,
    #[arg(long)]
    json: bool,
}

pub fn run(data: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let store = super::open_existing(data)?;
    let kind = args.kind.map(|k| {
        if k.eq_ignore_ascii_case("PERS") {
            "PER".to_string()
        } else {
            k.to_uppercase()
        }
    });
    if let Some(k) = &kind {
        anyhow::ensure!(
            ["PER", "LOC", "ORG", "MISC"].contains(&k.as_str()),
            "--type {k}: expected PER, LOC, ORG or MISC"
        );
    }
    let list = store.top_entities(kind.as_deref(), args.limit)?;
    if args.json {
        super::print_json(&list)?;
        return Ok(ExitCode::SUCCESS);
    }
    println!("{:>8} {:>8}  type  name", "articles", "mentions");
    for e in &list {
        let codes: Vec<&str> = [e.iso3.as_deref(), e.cameo.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        println!(
            "{:>8} {:>8}  {:<4}  {} ({}) {} {}",
            e.articles,
            e.mentions,
            e.kind,
            e.name_ar,
            e.name,
            e.id,
            codes.join(" ")
        );
    }
    Ok(ExitCode::SUCCESS)
}
