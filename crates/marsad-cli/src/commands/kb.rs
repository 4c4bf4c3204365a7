//! `marsad kb build`: rebuild the knowledge base shipped in data/kb from the shared data.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

#[derive(clap::Subcommand)]
pub enum Kb {
    /// Build data/kb/kb.jsonl.gz from ../shared/data and the curated lists.
    Build {
        /// The shared data folder (GeoNames, countries, actor dictionaries …).
        #[arg(long, default_value = "../shared/data")]
        shared: PathBuf,
        /// The hand-curated lists.
        #[arg(long, default_value = "crates/marsad-kb/curated")]
        curated: PathBuf,
        #[arg(long, default_value = "data/kb/kb.jsonl.gz")]
        out: PathBuf,
    },
}

pub fn run(k: Kb) -> anyhow::Result<ExitCode> {
    match k {
        Kb::Build {
            shared,
            curated,
            out,
        } => {
            let t = std::time::Instant::now();
            let kb = marsad_kb::build(&shared, &curated)
                .with_context(|| format!("building the KB from {}", shared.display()))?;
            kb.save(&out)
                .with_context(|| format!("writing {}", out.display()))?;
            println!(
                "{} entities written to {} in {:.1} s",
                kb.len(),
                out.display(),
                t.elapsed().as_secs_f64()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
