//! Read files/folders and print a summary (and, with `--json`, every article as one JSON line).
//! `cargo run --release -p marsad-ingest --example read_paths -- ../shared/data/news/ant_v1.1`

// A developer tool run by hand, not part of marsad: a panic with its message is its error report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let mut json = false;
    let mut paths = Vec::new();
    for a in std::env::args().skip(1) {
        if a == "--json" {
            json = true;
        } else {
            paths.push(PathBuf::from(a));
        }
    }
    let start = Instant::now();
    let (files, walk_errors) = marsad_ingest::walk(&paths);
    let (mut ok, mut errors, mut bytes) = (0usize, walk_errors.len(), 0u64);
    for e in &walk_errors {
        eprintln!("error: {e}");
    }
    for f in &files {
        bytes += std::fs::metadata(f).map(|m| m.len()).unwrap_or(0);
        for r in marsad_ingest::read_file(f, marsad_ingest::Format::Auto) {
            match r {
                Ok(a) => {
                    ok += 1;
                    if json {
                        println!("{}", serde_json::to_string(&a).unwrap_or_default());
                    }
                }
                Err(e) => {
                    errors += 1;
                    eprintln!("error: {e}");
                }
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "{} files, {ok} articles, {errors} errors, {:.1} MB in {secs:.2} s ({:.1} MB/s)",
        files.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs.max(1e-9)
    );
}
