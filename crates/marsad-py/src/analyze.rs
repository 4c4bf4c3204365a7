//! `marsad.analyze` and `marsad.analyze_many`: documents in, the JSON of `analyze --json` out.
//!
//! An item is a JSON object. `{"text"[, "published", "source"]}` is read as scraped article
//! text (first line the title), as `marsad analyze FILE` reads a file, `published` overriding
//! the document's date as `--published` does; an object with any other field (`title`, `id`,
//! `url`, …) is one JSON Lines record, as `marsad ingest` and `analyze --jsonl` read it.

use std::sync::OnceLock;

use marsad_analyze::{Analyzed, Analyzer};
use marsad_ingest::{Article, Format, ReadOptions};
use pyo3::prelude::*;
use rayon::prelude::*;

use crate::error;

/// The analyzer, loaded once per process (the KB and the tagger are embedded).
pub(crate) fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(Analyzer::load)
}

/// A `YYYY-MM-DD` date given by the caller.
pub(crate) fn date_arg(what: &str, s: Option<&str>) -> Result<Option<chrono::NaiveDate>, String> {
    match s {
        None => Ok(None),
        Some(d) => chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d")
            .map(Some)
            .map_err(|_| format!("{what}: expected a date YYYY-MM-DD, got {d:?}")),
    }
}

/// Reads one item (see the module doc); `name` names it in errors.
pub(crate) fn article_of(name: &str, item: &str) -> Result<Article, String> {
    let v: serde_json::Value =
        serde_json::from_str(item).map_err(|e| format!("{name}: not a JSON object: {e}"))?;
    let obj = v
        .as_object()
        .ok_or_else(|| format!("{name}: not a JSON object"))?;
    let plain = obj
        .keys()
        .all(|k| matches!(k.as_str(), "text" | "published" | "source"));
    let field = |k: &str| obj.get(k).and_then(|x| x.as_str());
    let results = if plain {
        let published = date_arg(&format!("{name}: published"), field("published"))?;
        let opts = ReadOptions {
            published,
            ..ReadOptions::default()
        };
        let text = field("text").ok_or_else(|| format!("{name}: no text"))?;
        let mut r = marsad_ingest::read_bytes_with(name, text.as_bytes(), Format::Text, &opts);
        for a in r.iter_mut().flatten() {
            a.published = published.or(a.published);
            if let Some(s) = field("source") {
                a.source = Some(s.to_string());
            }
        }
        r
    } else {
        let line = serde_json::to_string(obj).map_err(|e| format!("{name}: {e}"))?;
        marsad_ingest::read_bytes_with(
            name,
            line.as_bytes(),
            Format::Jsonl,
            &ReadOptions::default(),
        )
    };
    match results.into_iter().next() {
        Some(Ok(a)) => Ok(a),
        Some(Err(e)) => Err(format!("{name}: {}", e.reason)),
        None => Err(format!("{name}: empty document")),
    }
}

/// A rayon pool of `threads` workers (all cores when `None`).
pub(crate) fn pool(threads: Option<usize>) -> PyResult<rayon::ThreadPool> {
    let mut b = rayon::ThreadPoolBuilder::new();
    if let Some(n) = threads {
        b = b.num_threads(n.max(1));
    }
    b.build().map_err(error)
}

/// Reads and analyses `items` on `threads` cores without the GIL; the articles in order, or
/// the first item's error.
pub(crate) fn analyze_all(
    py: Python<'_>,
    names: &[String],
    items: &[String],
    threads: Option<usize>,
) -> PyResult<Vec<Analyzed>> {
    let pool = pool(threads)?;
    let an = analyzer();
    let out: Result<Vec<Analyzed>, String> = py.detach(|| {
        pool.install(|| {
            names
                .par_iter()
                .zip(items)
                .map(|(n, it)| article_of(n, it).map(|a| an.analyze(a)))
                .collect()
        })
    });
    out.map_err(error)
}

/// Analyses every item (JSON objects, see the module doc) on `threads` cores (all when None),
/// the GIL released; returns each article's `analyze --json` object as JSON text, in order.
/// `names` name the items in error messages.
#[pyfunction]
#[pyo3(signature = (items, names, threads=None))]
pub fn analyze_items(
    py: Python<'_>,
    items: Vec<String>,
    names: Vec<String>,
    threads: Option<usize>,
) -> PyResult<Vec<String>> {
    if names.len() != items.len() {
        return Err(error("analyze_items: one name per item"));
    }
    let done = analyze_all(py, &names, &items, threads)?;
    py.detach(|| {
        done.iter()
            .map(|d| serde_json::to_string(&marsad_analyze::json_view(d)))
            .collect::<Result<Vec<String>, _>>()
    })
    .map_err(error)
}
