//! Evaluates a NER model on a CoNLL test file and prints the report as JSON.
//!
//! `cargo run --release -p marsad-entities --example eval_ner -- TEST_FILE [MODEL_FILE]`
//! Without MODEL_FILE the embedded model (data/ner/model.bin.gz) is used.

// A developer tool run by hand, not part of marsad: a panic with its message is its error report.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use marsad_entities::tagger::{self, Model};
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() {
        eprintln!("usage: eval_ner TEST_FILE [MODEL_FILE]");
        std::process::exit(2);
    }
    let text = std::fs::read_to_string(&args[0]).unwrap_or_else(|e| {
        eprintln!("error: {}: {e}", args[0]);
        std::process::exit(1)
    });
    let gold = tagger::read_conll(&text);
    let loaded;
    let model: &Model = match args.get(1) {
        Some(p) => {
            loaded = Model::load(Path::new(p)).unwrap_or_else(|e| {
                eprintln!("error: {e}");
                std::process::exit(1)
            });
            &loaded
        }
        None => Model::embedded().unwrap_or_else(|e| {
            eprintln!("error: {e}");
            std::process::exit(1)
        }),
    };
    // A first pass loads what is loaded lazily (the KB the features read); the second is timed.
    let _ = model.tag_corpus(&gold);
    let t = std::time::Instant::now();
    let pred = model.tag_corpus(&gold);
    let secs = t.elapsed().as_secs_f64();
    let r = tagger::evaluate(&gold, &pred);
    let tokens: usize = gold.iter().map(|s| s.tokens.len()).sum();
    eprintln!(
        "tagged {} sentences ({tokens} tokens) in {secs:.2} s, one thread: {:.0} tokens/s",
        gold.len(),
        tokens as f64 / secs
    );
    println!("{}", serde_json::to_string_pretty(&r).unwrap());
}
