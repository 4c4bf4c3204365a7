//! Codes one sentence (stdin lines) and prints the events; with MARSAD_EVENTS_DEBUG=1 the
//! coder also prints its hits and actor pieces (stderr).
//!   echo "..." | MARSAD_EVENTS_DEBUG=1 cargo run --release -p marsad-events --example code_one

// A developer tool run by hand, not part of marsad: a panic with its message is its error report.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use std::io::BufRead;

use marsad_entities::tagger;
use marsad_events::code_paragraphs;
use marsad_kb::Kb;

fn main() {
    let kb = Kb::embedded();
    let tg = tagger::Model::embedded().ok();
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let evs = code_paragraphs(
            kb,
            tg,
            &[marsad_text::normalize_display(&line)],
            chrono::NaiveDate::from_ymd_opt(2017, 1, 1),
        );
        for e in evs {
            println!(
                "{} {}→{} «{}»",
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
