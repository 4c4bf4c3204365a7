//! Readers that turn raw bytes into [`Article`]s: the first stage of marsad.
//!
//! What this crate is for: taking files, folders or stdin bytes in the shapes news arrives in —
//! scraped article text (title, metadata lines, body, page furniture), the ANT corpus's TREC-like
//! `<DOC>` files, JSON Lines, HTML pages, WARC crawls, any of them gzipped — and producing
//! `Article`s whose body is kept apart from boilerplate, every text field in display form
//! (`marsad_text::normalize_display`).
//!
//! What it is not for: it does no analysis (entities, events), no deduplication beyond the content
//! id, no storage and no network I/O. It never panics on input and never aborts a batch: each bad
//! document becomes one [`ReadError`] naming the document and a one-line reason, and the other
//! documents in the same file still come out.
//!
//! Decisions that apply to every reader:
//! - gzip is recognised by its magic bytes (`1f 8b`), multi-member streams included; what it inflates
//!   to may not pass `max_bytes` (gzip bombs). A *truncated or corrupt* gzip makes the whole file one
//!   error ("truncated gzip: unexpected end of file"), except for record formats (JSONL, WARC), which
//!   keep the complete records before the cut and add that one error after them.
//! - An empty file is "empty file"; a NUL byte in the first 8 KB (outside WARC, which may carry
//!   images) is "binary file, not text"; text, ANT and JSONL must be UTF-8 ("invalid UTF-8 at byte
//!   N"); HTML is decoded by its declared or detected charset.
//! - A date that does not parse is never an error: it is dropped with a note in `meta.warnings`, and
//!   the next source of a date is tried (the caller's [`ReadOptions::published`] last).
//! - Error `doc` labels: the path (or `-`), `path#line N` (JSONL), `path#item N` (JSON array),
//!   `path#record N` (WARC), `path#DOCNO` (ANT).
//!
//! Entry points: [`walk`] expands paths, [`read_file`] / [`read_bytes`] read one file (with
//! [`read_file_with`] / [`read_bytes_with`] taking [`ReadOptions`]).

mod ant;
pub mod article;
mod decode;
mod hijri;
mod html;
pub mod html_eval;
mod html_furniture;
mod jsonl;
mod page_date;
mod text_format;
mod util;
mod walk;
mod warc;

use std::path::Path;
use std::str::FromStr;

use chrono::NaiveDate;

pub use article::{content_id, Article, ArticleBuilder};
pub use page_date::{from_text as date_from_text, from_url as date_from_url};
pub use walk::{corpus_files, walk};

/// Which reader to use. `Auto` picks one from the file name and the first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Auto,
    Text,
    Ant,
    Jsonl,
    Html,
    Warc,
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Format, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(Format::Auto),
            "text" | "txt" => Ok(Format::Text),
            "ant" => Ok(Format::Ant),
            "jsonl" | "ndjson" | "json" => Ok(Format::Jsonl),
            "html" | "htm" => Ok(Format::Html),
            "warc" => Ok(Format::Warc),
            other => Err(format!(
                "unknown format {other:?} (expected auto|text|ant|jsonl|html|warc)"
            )),
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = match self {
            Format::Auto => "auto",
            Format::Text => "text",
            Format::Ant => "ant",
            Format::Jsonl => "jsonl",
            Format::Html => "html",
            Format::Warc => "warc",
        };
        f.write_str(s)
    }
}

/// One document that could not be read. `doc` is the path, `path#line N` (JSONL),
/// `path#record N` or the WARC-Record-ID (WARC), or the ANT DOCNO; `reason` is one short line.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{doc}: {reason}")]
pub struct ReadError {
    pub doc: String,
    pub reason: String,
}

impl ReadError {
    pub fn new(doc: impl Into<String>, reason: impl Into<String>) -> ReadError {
        ReadError {
            doc: doc.into(),
            reason: reason.into(),
        }
    }
}

/// Default size limit for one file (and for what one gzip file may inflate to).
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Caller options for reading.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadOptions {
    /// Publication date to use when the document itself gives none (a date found in the document
    /// always wins).
    pub published: Option<NaiveDate>,
    /// Files bigger than this (or gzip that inflates past it) are refused with "too large".
    pub max_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            published: None,
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// Read one file with default options.
pub fn read_file(path: &Path, format: Format) -> Vec<Result<Article, ReadError>> {
    read_file_with(path, format, &ReadOptions::default())
}

/// Read one file. gzip is recognised by its magic bytes, not its name; with `Format::Auto` the
/// reader is chosen from the name (without `.gz`) and the content.
pub fn read_file_with(
    path: &Path,
    format: Format,
    opts: &ReadOptions,
) -> Vec<Result<Article, ReadError>> {
    let name = path.display().to_string();
    // Check the size before reading so a huge file is not pulled into memory.
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => return vec![Err(ReadError::new(name, "is a directory"))],
        Ok(m) if m.len() > opts.max_bytes => {
            return vec![Err(ReadError::new(
                name,
                format!("too large ({} bytes, limit {})", m.len(), opts.max_bytes),
            ))]
        }
        Ok(_) => {}
        Err(e) => return vec![Err(ReadError::new(name, util::io_reason(&e)))],
    }
    match std::fs::read(path) {
        Ok(bytes) => read_bytes_with(&name, &bytes, format, opts),
        Err(e) => vec![Err(ReadError::new(name, util::io_reason(&e)))],
    }
}

/// Read bytes already in memory (stdin uses this with name `-`), default options.
pub fn read_bytes(name: &str, bytes: &[u8], format: Format) -> Vec<Result<Article, ReadError>> {
    read_bytes_with(name, bytes, format, &ReadOptions::default())
}

/// Read bytes already in memory. `name` is used in errors, as the source id of single-article
/// formats and (minus a `.gz` suffix) to pick the format when `Auto`.
pub fn read_bytes_with(
    name: &str,
    bytes: &[u8],
    format: Format,
    opts: &ReadOptions,
) -> Vec<Result<Article, ReadError>> {
    if bytes.is_empty() {
        return vec![Err(ReadError::new(name, "empty file"))];
    }
    if bytes.len() as u64 > opts.max_bytes {
        return vec![Err(ReadError::new(
            name,
            format!(
                "too large ({} bytes, limit {})",
                bytes.len(),
                opts.max_bytes
            ),
        ))];
    }

    // gzip: by magic bytes. A truncated stream keeps what inflated; whether that is usable depends
    // on the format (see below).
    let mut gz_error: Option<String> = None;
    let inflated;
    let data: &[u8] = if decode::is_gzip(bytes) {
        let gz = decode::gunzip(bytes, opts.max_bytes);
        gz_error = gz.error;
        inflated = gz.data;
        &inflated
    } else {
        bytes
    };
    let name_for_format = strip_gz_suffix(name);

    let format = match format {
        Format::Auto => detect_format(name_for_format, data),
        f => f,
    };

    if let Some(err) = &gz_error {
        // Record-oriented formats keep the complete records before the cut, plus one error for the
        // truncation; a single-document format cannot trust a cut document, so the file is one error.
        let keeps_records = matches!(format, Format::Jsonl | Format::Warc) && !data.is_empty();
        if !keeps_records {
            return vec![Err(ReadError::new(name, err.clone()))];
        }
    }
    if data.is_empty() {
        return vec![Err(ReadError::new(name, "empty file"))];
    }
    // WARC may legitimately carry binary payloads (images); all other formats are text.
    if format != Format::Warc && decode::looks_binary(data) {
        return vec![Err(ReadError::new(name, "binary file, not text"))];
    }

    let truncated = gz_error.is_some();
    let mut out = match format {
        Format::Text => text_format::read(name, data, opts),
        Format::Ant => ant::read(name, data, opts),
        Format::Jsonl => jsonl::read(name, data, opts, truncated),
        Format::Html => html::read(name, data, None, None, opts),
        Format::Warc => warc::read(name, data, opts, truncated),
        Format::Auto => unreachable_format(name),
    };
    if let Some(err) = gz_error {
        out.push(Err(ReadError::new(name, err)));
    }
    out
}

// `detect_format` never returns Auto; this keeps the match total without a panic path.
fn unreachable_format(name: &str) -> Vec<Result<Article, ReadError>> {
    vec![Err(ReadError::new(name, "could not detect the format"))]
}

fn strip_gz_suffix(name: &str) -> &str {
    let n = name.len();
    match name.get(n.saturating_sub(3)..) {
        Some(ext) if n > 3 && ext.eq_ignore_ascii_case(".gz") => name.get(..n - 3).unwrap_or(name),
        _ => name,
    }
}

/// Choose a reader from the file name (explicit extensions win) and the first bytes.
pub fn detect_format(name: &str, data: &[u8]) -> Format {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") || lower.ends_with(".json") {
        return Format::Jsonl;
    }
    if lower.ends_with(".html") || lower.ends_with(".htm") || lower.ends_with(".xhtml") {
        return Format::Html;
    }
    if lower.ends_with(".warc") {
        return Format::Warc;
    }
    // Content sniffing on the start, after a BOM and whitespace.
    let head = &data[..data.len().min(4096)];
    let head = decode::strip_bom(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let head = &head[start..];
    if head.starts_with(b"WARC/1.") || head.starts_with(b"WARC/0.") {
        return Format::Warc;
    }
    if looks_like_json(head) {
        return Format::Jsonl;
    }
    let lower_head: Vec<u8> = head
        .iter()
        .take(1024)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    if lower_head.starts_with(b"<doc>") && util::find_bytes(&lower_head, b"<docno>").is_some() {
        return Format::Ant;
    }
    for prefix in [
        &b"<!doctype html"[..],
        b"<html",
        b"<head",
        b"<?xml version",
        b"<!--",
        b"<meta",
        b"<body",
    ] {
        if lower_head.starts_with(prefix) {
            // An XML declaration or a comment alone is not proof; require an html tag nearby.
            if (prefix == b"<?xml version" || prefix == b"<!--")
                && util::find_bytes(&lower_head, b"<html").is_none()
            {
                continue;
            }
            return Format::Html;
        }
    }
    Format::Text
}

/// `{"…` / `{}` or `[{` / `[]`: JSON, not a text that happens to start with a bracket ("[فيديو] …").
fn looks_like_json(head: &[u8]) -> bool {
    let next = |i: usize| {
        head.iter()
            .skip(i)
            .find(|b| !b.is_ascii_whitespace())
            .copied()
    };
    match head.first() {
        Some(b'{') => matches!(next(1), Some(b'"') | Some(b'}')),
        Some(b'[') => matches!(next(1), Some(b'{') | Some(b']')),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_from_str() {
        assert_eq!("auto".parse::<Format>(), Ok(Format::Auto));
        assert_eq!("WARC".parse::<Format>(), Ok(Format::Warc));
        assert_eq!("jsonl".parse::<Format>(), Ok(Format::Jsonl));
        assert!("pdf".parse::<Format>().is_err());
    }

    #[test]
    fn detection() {
        assert_eq!(
            detect_format("a.txt", b"<DOC>\n<DOCNO>x</DOCNO>"),
            Format::Ant
        );
        assert_eq!(
            detect_format("a.txt", "عنوان\n\nنص".as_bytes()),
            Format::Text
        );
        assert_eq!(detect_format("-", b"  {\"text\":1}"), Format::Jsonl);
        assert_eq!(
            detect_format("-", b"\xEF\xBB\xBF<!DOCTYPE html><html>"),
            Format::Html
        );
        assert_eq!(detect_format("x.warc", b""), Format::Warc);
        assert_eq!(detect_format("-", b"WARC/1.0\r\n"), Format::Warc);
        assert_eq!(detect_format("a.jsonl", b"<DOC>"), Format::Jsonl);
        assert_eq!(
            detect_format("a.txt", "[فيديو] عنوان\nنص".as_bytes()),
            Format::Text
        );
        assert_eq!(detect_format("-", b"[\n {\"text\":\"x\"}]"), Format::Jsonl);
        assert_eq!(strip_gz_suffix("a.warc.GZ"), "a.warc");
        assert_eq!(strip_gz_suffix(".gz"), ".gz");
    }

    #[test]
    fn empty_and_binary() {
        let r = read_bytes("e", b"", Format::Auto);
        assert_eq!(r, vec![Err(ReadError::new("e", "empty file"))]);
        let r = read_bytes("b", b"abc\0def\x01\x02", Format::Auto);
        assert_eq!(r, vec![Err(ReadError::new("b", "binary file, not text"))]);
    }

    #[test]
    fn too_large() {
        let opts = ReadOptions {
            published: None,
            max_bytes: 4,
        };
        let r = read_bytes_with("big", b"0123456789", Format::Text, &opts);
        assert!(matches!(&r[..], [Err(e)] if e.reason.starts_with("too large")));
    }
}
