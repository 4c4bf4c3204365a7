//! Rebuilds `data/events/{cameo_codes,triggers,agents}.tsv` from the shared event data and the
//! curated lists. Usage (from the workspace root):
//!   cargo run -p marsad-events --example build_events_data -- ../shared/data/events data/events/curated data/events

// A developer tool run by hand, not part of marsad: a panic with its message is its error report.
#![allow(clippy::unwrap_used, clippy::expect_used)]
fn main() {
    let a: Vec<String> = std::env::args().skip(1).collect();
    if a.len() != 3 {
        eprintln!("usage: build_events_data SHARED_EVENTS_DIR CURATED_DIR OUT_DIR");
        std::process::exit(2);
    }
    match marsad_events::build_dictionary(a[0].as_ref(), a[1].as_ref(), a[2].as_ref()) {
        Ok(s) => println!("{s:?}"),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
