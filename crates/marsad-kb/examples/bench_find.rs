//! Matcher speed on real text: every sentence of every `.txt` file under DIR (e.g. the ANT corpus)
//! through `Kb::find`, one thread. Prints sentences/s, MB/s and matches per sentence.
//!
//! `cargo run --release -p marsad-kb --example bench_find -- /work/shared/data/news/ant_v1.1`

// A developer tool run by hand, not part of marsad: a panic with its message is its error report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data/news/ant_v1.1".into());
    let kb = marsad_kb::Kb::embedded();
    let mut sents: Vec<String> = Vec::new();
    for p in marsad_ingest::corpus_files(std::path::Path::new(&dir), "txt") {
        let t = marsad_text::normalize_display(&std::fs::read_to_string(&p).unwrap_or_default());
        for r in marsad_text::sentences(&t) {
            sents.push(t[r].to_string());
        }
    }
    let bytes: usize = sents.iter().map(String::len).sum();
    let t = Instant::now();
    let mut n = 0usize;
    for s in &sents {
        n += kb.find(s).len();
    }
    let el = t.elapsed().as_secs_f64();
    println!(
        "{} sentences, {:.1} MB, {} matches in {:.2}s: {:.0} sentences/s, {:.1} MB/s, {:.2} matches/sentence",
        sents.len(),
        bytes as f64 / 1e6,
        n,
        el,
        sents.len() as f64 / el,
        bytes as f64 / 1e6 / el,
        n as f64 / sents.len() as f64
    );
}
