//! `marsad train ner`: train the NER tagger on a CoNLL file (ANERcorp's train split).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use marsad_entities::tagger;

#[derive(clap::Subcommand)]
pub enum Train {
    /// Train the tagger; writes the model into OUT (data/ner by default, where the binary embeds it from).
    Ner {
        #[arg(long)]
        train: PathBuf,
        /// Folder of the tagger's resources (word clusters, name lists).
        #[arg(long, default_value = "data/ner")]
        resources: PathBuf,
        #[arg(long, default_value = "data/ner/model.bin.gz")]
        out: PathBuf,
    },
}

pub fn run(t: Train) -> anyhow::Result<ExitCode> {
    match t {
        Train::Ner {
            train,
            resources,
            out,
        } => {
            let text = std::fs::read_to_string(&train)
                .with_context(|| format!("reading {}", train.display()))?;
            let sentences = tagger::read_conll(&text);
            anyhow::ensure!(!sentences.is_empty(), "{}: no sentences", train.display());
            let res = tagger::Resources::load(&resources)
                .with_context(|| format!("loading {}", resources.display()))?;
            let start = std::time::Instant::now();
            let model = tagger::train(&sentences, &res, &tagger::TrainOptions::default());
            model
                .save(&out)
                .with_context(|| format!("writing {}", out.display()))?;
            println!(
                "trained on {} sentences in {:.1} s: {} features, written to {}",
                sentences.len(),
                start.elapsed().as_secs_f64(),
                model.num_features(),
                out.display()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
