//! Builds the NER word clusters and name lists from the shared data folder.
//!
//! `cargo run --release -p marsad-entities --example build_ner_resources -- ../shared/data data/ner`

// A developer tool run by hand, not part of marsad: a panic with its message is its error report.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: build_ner_resources SHARED_DATA_DIR OUT_DIR");
        std::process::exit(2);
    }
    let t = std::time::Instant::now();
    match marsad_entities::tagger::build_resources(Path::new(&args[1]), Path::new(&args[2])) {
        Ok(s) => {
            print!("{s}");
            println!("built in {:.1} s", t.elapsed().as_secs_f64());
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
