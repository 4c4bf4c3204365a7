//! The HTML reader on the Arabic development pages shipped in `data/html_ar` (synthetic pages in
//! the layouts of Arabic news sites, gold by construction): main text and dates stay where they
//! are measured today (`marsad eval html --manifest data/html_ar/manifest.jsonl`).

// Test helpers (not #[test] functions themselves) may unwrap: a failure is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use marsad_ingest::html_eval::{score, Extracted, GoldPage};
use marsad_ingest::{Format, ReadOptions};

#[test]
fn arabic_layouts_keep_their_text_and_dates() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/html_ar");
    let manifest = std::fs::read_to_string(root.join("manifest.jsonl")).unwrap();
    let pages: Vec<(GoldPage, Option<Extracted>)> = manifest
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let g: GoldPage = serde_json::from_str(l).unwrap();
            let bytes = std::fs::read(root.join(&g.path)).unwrap();
            let x = marsad_ingest::read_bytes_with(
                &g.path,
                &bytes,
                Format::Html,
                &ReadOptions::default(),
            )
            .into_iter()
            .find_map(Result::ok)
            .map(|a| Extracted {
                text: a.paragraphs.join("\n"),
                date: a.published.map(|d| d.to_string()),
            });
            (g, x)
        })
        .collect();
    assert_eq!(pages.len(), 24);
    let r = score(&pages);
    assert_eq!(r.failed, 0);
    assert!(r.words.f1 >= 0.99, "word F1 {}", r.words.f1);
    assert!(
        r.snippet_accuracy >= 0.99,
        "snippets {}",
        r.snippet_accuracy
    );
    assert!(r.dates_right >= 22, "dates {}/{}", r.dates_right, r.dates);
}
