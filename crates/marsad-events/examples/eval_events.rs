//! Scores the coder on a sentence-level JSONL gold file (e.g. `data/events/dev/ant_dev.jsonl`),
//! the same scoring as `marsad eval events`. With `-v`, prints each sentence with errors.
//!   cargo run --release -p marsad-events --example eval_events -- data/events/dev/ant_dev.jsonl [-v]

// A developer tool run by hand, not part of marsad: a panic with its message is its error report.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use marsad_entities::tagger;
use marsad_events::{code_paragraphs, eval};
use marsad_kb::Kb;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: eval_events GOLD.jsonl [-v]");
        std::process::exit(2);
    };
    let verbose = args.iter().any(|a| a == "-v");
    let gold = std::fs::read_to_string(path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(1)
    });
    let kb = Kb::embedded();
    let tg = tagger::Model::embedded().ok();
    let code = |text: &str, published| {
        code_paragraphs(kb, tg, &[marsad_text::normalize_display(text)], published)
    };
    if verbose {
        for line in gold.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let text = v["text"].as_str().unwrap_or("");
            let published = v["published"].as_str().and_then(|d| d.parse().ok());
            let got = code(text, published);
            let mut g: Vec<String> = v["events"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|e| e["root"].as_str().unwrap_or("").to_string())
                        .collect()
                })
                .unwrap_or_default();
            let mut p: Vec<String> = got.iter().map(|e| e.root.clone()).collect();
            g.sort();
            p.sort();
            if g != p {
                println!(
                    "\n{text}\n  gold: {}",
                    v["events"]
                        .as_array()
                        .map(|a| a
                            .iter()
                            .map(|e| format!(
                                "{}/{} {}→{} ({})",
                                e["root"].as_str().unwrap_or(""),
                                e["code"].as_str().unwrap_or("-"),
                                e["actor1_country"],
                                e["actor2_country"],
                                e["note"].as_str().unwrap_or("")
                            ))
                            .collect::<Vec<_>>()
                            .join("; "))
                        .unwrap_or_default()
                );
                for e in &got {
                    println!(
                        "  got:  {} {}→{} «{}»",
                        e.code,
                        e.actor1.code.as_deref().unwrap_or("-"),
                        e.actor2
                            .as_ref()
                            .and_then(|a| a.code.as_deref())
                            .unwrap_or("-"),
                        e.evidence.trigger
                    );
                }
            }
        }
    }
    match eval::score_sentences(&gold, code) {
        Ok(r) => println!("{}", serde_json::to_string_pretty(&r).unwrap()),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1)
        }
    }
}
