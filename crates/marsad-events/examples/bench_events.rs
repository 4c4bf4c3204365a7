//! Speed of the event coder over ANT articles (`<TEXT>` bodies, one paragraph per line):
//! entities + events, and events alone (entities computed beforehand), in sentences per second
//! on one core.
//!   cargo run --release -p marsad-events --example bench_events -- ../shared/data/news/ant_v1.1 [max_files]

// A developer tool run by hand, not part of marsad: a panic with its message is its error report.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use std::time::Instant;

use marsad_entities::{find_entities, tagger};
use marsad_events::find_events;
use marsad_kb::Kb;

fn body(raw: &str) -> Vec<String> {
    let t = raw
        .split("<TEXT>")
        .nth(1)
        .and_then(|s| s.split("</TEXT>").next())
        .unwrap_or(raw);
    t.lines()
        .map(|l| marsad_text::normalize_display(l.trim()))
        .filter(|l| !l.is_empty())
        .collect()
}

fn main() {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let root = a
        .first()
        .map(String::as_str)
        .unwrap_or("../shared/data/news/ant_v1.1");
    let max: usize = a.get(1).and_then(|s| s.parse().ok()).unwrap_or(2000);
    let mut files = marsad_ingest::corpus_files(std::path::Path::new(root), "txt");
    files.truncate(max);
    let docs: Vec<Vec<String>> = files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .map(|s| body(&s))
        .collect();
    let sentences: usize = docs
        .iter()
        .flat_map(|d| d.iter())
        .map(|p| marsad_text::sentences(p).len())
        .sum();
    let kb = Kb::embedded();
    let tg = tagger::Model::embedded().ok();
    let t0 = Instant::now();
    let ents: Vec<_> = docs
        .iter()
        .map(|d| find_entities(kb, tg, d, None))
        .collect();
    let t_ent = t0.elapsed().as_secs_f64();
    let t1 = Instant::now();
    let mut n_events = 0;
    for (d, e) in docs.iter().zip(&ents) {
        n_events += find_events(kb, d, e, None).len();
    }
    let t_ev = t1.elapsed().as_secs_f64();
    println!(
        "{} articles, {sentences} sentences, {n_events} events",
        docs.len()
    );
    println!(
        "entities + events: {:.0} sentences/s",
        sentences as f64 / (t_ent + t_ev)
    );
    println!(
        "events alone:      {:.0} sentences/s",
        sentences as f64 / t_ev
    );
}
