//! Checks of the readers (text, ANT, JSONL, HTML with its charset detection, WARC, gzip) and of
//! the feed parser: no panic; every article they return is in display form, keeps the Arabic
//! letters its own text had once normalised again, and has a content id; every error names the
//! document and a reason on one line.

use marsad_ingest::{Article, Format, ReadOptions};

use crate::text::check_tokens;

/// Inputs above this are cut: a fuzzer's time goes to shapes, not to sheer size.
const MAX_INPUT: usize = 256 * 1024;

/// One reader on `data` under the file name `name` (the name picks gzip and the format for
/// [`Format::Auto`]).
pub fn check_reader(name: &str, format: Format, data: &[u8]) {
    let data = &data[..data.len().min(MAX_INPUT)];
    let opts = ReadOptions {
        max_bytes: 4 * MAX_INPUT as u64,
        ..ReadOptions::default()
    };
    for r in marsad_ingest::read_bytes_with(name, data, format, &opts) {
        match r {
            Ok(a) => check_article(&a),
            Err(e) => {
                let line = e.to_string();
                assert!(
                    !line.contains('\n') && !e.reason.trim().is_empty(),
                    "error not one line with a reason: {line:?}"
                );
            }
        }
    }
}

/// What every article must be, whatever it was read from.
pub fn check_article(a: &Article) {
    assert_eq!(a.id.len(), 16, "content id {:?}", a.id);
    let texts = std::iter::once(&a.title).chain(&a.paragraphs);
    for t in texts {
        let again = marsad_text::normalize_display(t);
        assert_eq!(&again, t, "a reader returned text not in display form");
        check_tokens(t);
    }
}

/// The feed parser (RSS, Atom, sitemaps, sitemap indexes): no panic, an error on one line.
pub fn check_feed(data: &[u8]) {
    let data = &data[..data.len().min(MAX_INPUT)];
    match marsad_watch::parse_feed(data) {
        Ok(feed) => {
            for item in &feed.items {
                if let Some(u) = &item.url {
                    assert!(!u.trim().is_empty(), "an item with an empty URL");
                }
            }
        }
        Err(e) => assert!(!e.contains('\n'), "feed error not one line: {e:?}"),
    }
}
