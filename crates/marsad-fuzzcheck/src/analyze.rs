//! The full analysis of arbitrary bytes: read as scraped article text, then entities and events.
//! Every mention and every event's evidence must point inside its paragraph, on character
//! boundaries.

use std::sync::OnceLock;

use marsad_analyze::Analyzer;
use marsad_ingest::{Format, ReadOptions};

use crate::assert_span;
use crate::readers::check_article;

/// Analysis input is cut here: entity and event finding is the slow part of a fuzz run.
const MAX_ANALYZE: usize = 16 * 1024;

fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(Analyzer::load)
}

pub fn check_analyze(data: &[u8]) {
    let data = &data[..data.len().min(MAX_ANALYZE)];
    let opts = ReadOptions::default();
    for a in marsad_ingest::read_bytes_with("doc.txt", data, Format::Text, &opts)
        .into_iter()
        .flatten()
    {
        check_article(&a);
        let x = analyzer().analyze(a);
        let paras = &x.article.paragraphs;
        for e in &x.entities {
            for m in &e.mentions {
                let p = paras.get(m.paragraph).unwrap_or_else(|| {
                    panic!("mention in paragraph {} of {}", m.paragraph, paras.len())
                });
                assert_span(p, m.start, m.end, "mention");
            }
        }
        for ev in &x.events {
            let p = paras.get(ev.evidence.paragraph).unwrap_or_else(|| {
                panic!(
                    "evidence in paragraph {} of {}",
                    ev.evidence.paragraph,
                    paras.len()
                )
            });
            assert_span(p, ev.evidence.start, ev.evidence.end, "event evidence");
        }
    }
}
