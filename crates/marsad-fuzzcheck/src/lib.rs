//! What marsad's fuzz targets (`fuzz/`, run by `cargo fuzz`) check on arbitrary bytes, in a crate
//! of the workspace so that `cargo test` replays the same checks on the seed corpora and on
//! every input a fuzzer ever crashed (`fuzz/regressions/TARGET/`).
//!
//! Invariants: no panic; offsets (tokens, mentions, event evidence) inside their text and on
//! character boundaries; the display text keeps every Arabic letter of its input; normalising
//! twice (display form, match key) changes nothing, so every text a reader returns is already in
//! display form. A broken invariant panics with what broke, which is what a fuzzer reports.
//!
//! Not for: measuring quality (the evaluations do), or checking that bad input is refused with
//! the right reason (each reader's tests do).

mod analyze;
mod readers;
mod text;

pub use analyze::check_analyze;
pub use readers::{check_feed, check_reader};
pub use text::{
    assert_letters_kept, check_date, check_display, check_match_key, check_query, check_tokens,
};

/// Every fuzz target by name, with the check it runs. `fuzz/fuzz_targets/NAME.rs` calls
/// [`check`] with its name; the regression test replays each folder through the same entry.
pub const TARGETS: &[&str] = &[
    "read_text",
    "read_ant",
    "read_jsonl",
    "read_html",
    "read_warc",
    "read_gzip",
    "read_feed",
    "query",
    "display",
    "match_key",
    "date",
    "analyze",
];

/// Runs target `name`'s checks on `data`; panics when an invariant breaks (or the name is
/// unknown, a bug in the caller).
pub fn check(name: &str, data: &[u8]) {
    use marsad_ingest::Format;
    match name {
        "read_text" => check_reader("doc.txt", Format::Text, data),
        "read_ant" => check_reader("doc.ant", Format::Ant, data),
        "read_jsonl" => check_reader("doc.jsonl", Format::Jsonl, data),
        "read_html" => check_reader("doc.html", Format::Html, data),
        "read_warc" => check_reader("doc.warc", Format::Warc, data),
        "read_gzip" => check_reader("doc.txt.gz", Format::Auto, data),
        "read_feed" => check_feed(data),
        "query" => check_query(data),
        "display" => check_display(data),
        "match_key" => check_match_key(data),
        "date" => check_date(data),
        "analyze" => check_analyze(data),
        other => panic!("no fuzz target {other:?}"),
    }
}

/// Bytes as text the way a fuzz target of a text function sees them: invalid UTF-8 replaced.
pub(crate) fn text_of(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// Panics unless `start..end` is a range of `text` on character boundaries.
pub fn assert_span(text: &str, start: usize, end: usize, what: &str) {
    assert!(
        start <= end && end <= text.len(),
        "{what}: {start}..{end} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what}: {start}..{end} not on character boundaries of {text:?}"
    );
}
