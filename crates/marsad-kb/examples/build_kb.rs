//! Builds the KB and writes it (and a summary) — the command recorded in data/kb/README.md:
//!
//! `cargo run --release -p marsad-kb --example build_kb -- /work/shared/data crates/marsad-kb/curated data/kb/kb.jsonl.gz`
//!
//! Prints counts by type/subtype and the build time.

// A developer tool run by hand, not part of marsad: a panic with its message is its error report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() != 3 {
        eprintln!("usage: build_kb SHARED_DATA CURATED_DIR OUT.jsonl.gz");
        std::process::exit(2);
    }
    let t = Instant::now();
    let kb = match marsad_kb::build(&PathBuf::from(&args[0]), &PathBuf::from(&args[1])) {
        Ok(kb) => kb,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    let built = t.elapsed();
    if let Err(e) = kb.save(&PathBuf::from(&args[2])) {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    let (mut aliases, mut adjs) = (0, 0);
    for e in kb.entities() {
        *counts
            .entry((e.kind.as_str().to_string(), e.subtype.clone()))
            .or_default() += 1;
        aliases += e.aliases.len();
        adjs += e.adjectives.len();
    }
    for ((k, s), n) in &counts {
        println!("{k}\t{s}\t{n}");
    }
    let size = std::fs::metadata(&args[2]).map(|m| m.len()).unwrap_or(0);
    println!(
        "total\t{}\taliases {aliases}, adjectives {adjs}\tbuilt in {:.2}s, total {:.2}s\t{} bytes",
        kb.len(),
        built.as_secs_f64(),
        t.elapsed().as_secs_f64(),
        size
    );
}
