//! Per-stage timings of the analyzer (best of several rounds, to see through a noisy machine).
//! cargo run --release -p marsad-text --example bench_parts -- /work/shared/data/news/ant_v1.1

// A developer tool run by hand, not part of marsad: a panic with its message is its error report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

fn collect(dir: &std::path::Path, out: &mut Vec<String>) {
    for e in std::fs::read_dir(dir).expect("dir") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "txt") {
            out.push(std::fs::read_to_string(&p).unwrap_or_default());
        }
    }
}

fn best(name: &str, bytes: usize, rounds: usize, mut f: impl FnMut() -> usize) {
    let mut best = f64::MAX;
    let mut check = 0;
    for _ in 0..rounds {
        let t = Instant::now();
        check = std::hint::black_box(f());
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "{name:<18} {:7.1} ms {:7.1} MB/s ({check})",
        best * 1e3,
        bytes as f64 / 1e6 / best
    );
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data/news/ant_v1.1".into());
    let rounds = std::env::args()
        .nth(2)
        .and_then(|r| r.parse().ok())
        .unwrap_or(7);
    let mut docs = Vec::new();
    collect(std::path::Path::new(&dir), &mut docs);
    let bytes: usize = docs.iter().map(String::len).sum();
    let words: Vec<&str> = docs
        .iter()
        .flat_map(|d| marsad_text::tokens(d).map(move |t| &d[t.start..t.end]))
        .collect();
    let keys: Vec<String> = words.iter().map(|w| marsad_text::match_key(w)).collect();
    best("normalize_display", bytes, rounds, || {
        docs.iter()
            .map(|d| marsad_text::normalize_display(d).len())
            .sum()
    });
    best("analyze", bytes, rounds, || {
        let mut n = 0;
        for d in &docs {
            marsad_text::analyze(d, |t, _, _| n += t.len());
        }
        n
    });
    best("tokens", bytes, rounds, || {
        docs.iter().map(|d| marsad_text::tokens(d).count()).sum()
    });
    let mut buf = String::new();
    best("match_key_into", bytes, rounds, || {
        let mut n = 0;
        for w in &words {
            buf.clear();
            marsad_text::match_key_into(w, &mut buf);
            n += buf.len();
        }
        n
    });
    best("is_stopword", bytes, rounds, || {
        keys.iter().filter(|k| marsad_text::is_stopword(k)).count()
    });
    best("stem", bytes, rounds, || {
        keys.iter().map(|k| marsad_text::stem(k).len()).sum()
    });
}
