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

/// A fuzz target's check of one input.
pub type Target = fn(&[u8]);

/// Every fuzz target: its name and its function. `fuzz/fuzz_targets/NAME.rs` calls
/// [`targets`]`::NAME`; the regression test replays each folder through [`check`], which looks
/// the same function up here.
pub const TARGETS: &[(&str, Target)] = &[
    ("read_text", targets::read_text),
    ("read_ant", targets::read_ant),
    ("read_jsonl", targets::read_jsonl),
    ("read_html", targets::read_html),
    ("read_warc", targets::read_warc),
    ("read_gzip", targets::read_gzip),
    ("read_feed", targets::read_feed),
    ("query", targets::query),
    ("display", targets::display),
    ("match_key", targets::match_key),
    ("date", targets::date),
    ("analyze", targets::analyze),
];

/// Runs target `name`'s checks on `data`; panics when an invariant breaks (or the name is
/// unknown, a bug in the caller). The replay tests come through here; a fuzz target calls its
/// own function of [`targets`] instead.
pub fn check(name: &str, data: &[u8]) {
    match TARGETS.iter().find(|(n, _)| *n == name) {
        Some((_, run)) => run(data),
        None => panic!("no fuzz target {name:?}"),
    }
}

/// One function per fuzz target, named as the target. A fuzz binary calls only its own, so the
/// linker leaves out the others' code (and its coverage counters): a reader's binary does not
/// carry the whole pipeline that [`check`] reaches.
pub mod targets {
    use crate::{check_analyze, check_feed, check_reader, text};
    use marsad_ingest::Format;

    pub fn read_text(data: &[u8]) {
        check_reader("doc.txt", Format::Text, data)
    }
    pub fn read_ant(data: &[u8]) {
        check_reader("doc.ant", Format::Ant, data)
    }
    pub fn read_jsonl(data: &[u8]) {
        check_reader("doc.jsonl", Format::Jsonl, data)
    }
    pub fn read_html(data: &[u8]) {
        check_reader("doc.html", Format::Html, data)
    }
    pub fn read_warc(data: &[u8]) {
        check_reader("doc.warc", Format::Warc, data)
    }
    pub fn read_gzip(data: &[u8]) {
        check_reader("doc.txt.gz", Format::Auto, data)
    }
    pub fn read_feed(data: &[u8]) {
        check_feed(data)
    }
    pub fn query(data: &[u8]) {
        text::check_query(data)
    }
    pub fn display(data: &[u8]) {
        text::check_display(data)
    }
    pub fn match_key(data: &[u8]) {
        text::check_match_key(data)
    }
    pub fn date(data: &[u8]) {
        text::check_date(data)
    }
    pub fn analyze(data: &[u8]) {
        check_analyze(data)
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
