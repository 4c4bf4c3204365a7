//! Prints the KB matches of a text file (or stdin), one per line: surface, adjective flag,
//! candidates (id, prior). `cargo run --release -p marsad-kb --example kb_find -- FILE [KB.jsonl.gz]`

// A developer tool run by hand, not part of marsad: a panic with its message is its error report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Read;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut text = String::new();
    match args.first().map(String::as_str) {
        None | Some("-") => {
            std::io::stdin().read_to_string(&mut text).ok();
        }
        Some(p) => text = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{p}: {e}")),
    }
    let owned;
    let kb = match args.get(1) {
        Some(p) => {
            owned = marsad_kb::Kb::load(std::path::Path::new(p)).unwrap_or_else(|e| panic!("{e}"));
            &owned
        }
        None => marsad_kb::Kb::embedded(),
    };
    let text = marsad_text::normalize_display(&text);
    for m in kb.find(&text) {
        let c: Vec<String> = m
            .candidates
            .iter()
            .take(4)
            .map(|c| format!("{}({:.2})", kb.entity(c.entity).id, c.prior))
            .collect();
        println!(
            "{}\t[{}]\t{}{}",
            &text[m.start..m.end],
            &text[m.name_start..m.end],
            if m.adjective { "ADJ " } else { "" },
            c.join(" ")
        );
    }
}
