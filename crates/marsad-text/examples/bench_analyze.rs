//! Throughput of `analyze` on one core over a folder of text files (default: the ANT corpus).
//! cargo run --release -p marsad-text --example bench_analyze -- ../shared/data/news/ant_v1.1

// A developer tool run by hand, not part of marsad: a panic with its message is its error report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

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

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data/news/ant_v1.1".into());
    let mut docs = Vec::new();
    collect(std::path::Path::new(&dir), &mut docs);
    let bytes: usize = docs.iter().map(String::len).sum();
    for round in 0..3 {
        let t = std::time::Instant::now();
        let mut n = 0usize;
        for d in &docs {
            marsad_text::analyze(d, |term, _, _| n += term.len());
        }
        let s = t.elapsed().as_secs_f64();
        println!(
            "round {round}: {} docs, {:.1} MB, {:.3}s, {:.1} MB/s (checksum {n})",
            docs.len(),
            bytes as f64 / 1e6,
            s,
            bytes as f64 / 1e6 / s
        );
    }
    let t = std::time::Instant::now();
    let mut n = 0;
    for d in &docs {
        n += marsad_text::normalize_display(d).len();
    }
    println!(
        "normalize_display: {:.1} MB/s ({n})",
        bytes as f64 / 1e6 / t.elapsed().as_secs_f64()
    );
}
