//! The Rust side of the Spark job (`python/marsad/spark`): what each executor computes per
//! article, and the single-machine rules the job's joins and groupings reproduce.
//!
//! What it is for: reading and analysing a file or records on one thread (one marsad thread
//! per Spark task), and handing out, per article, what the store's dedup stage
//! (`marsad_store::dedup`) would look at: the LSH signature and band keys of its MinHash
//! sketch, its entity keys, its events' cross-article keys and dates. The event-group rule
//! ([`marsad_dedup::EventIndex`]), the GDELT row and the story index are the crates' own.
//! What it is not: the Spark plan (joins, windows, partitioning) is Python's.

use std::path::PathBuf;

use marsad_analyze::Analyzed;
use marsad_dedup::{DocSketch, EventIndex, StoryIndex, StoryInput, DEFAULT_THRESHOLD};
use marsad_ingest::{Format, ReadOptions};
use marsad_store::dedup::Input;
use marsad_store::events::{gdelt_group_row, GroupCounts, StoredEvent, GDELT_COLUMNS};
use marsad_store::marks::{doc_u64, hex};
use pyo3::prelude::*;
use serde_json::{json, Value};

use crate::{error, to_json};

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(walk, m)?)?;
    m.add_function(wrap_pyfunction!(file_rows, m)?)?;
    m.add_function(wrap_pyfunction!(bytes_rows, m)?)?;
    m.add_function(wrap_pyfunction!(item_rows, m)?)?;
    m.add_function(wrap_pyfunction!(event_groups, m)?)?;
    m.add_function(wrap_pyfunction!(gdelt_row, m)?)?;
    m.add_function(wrap_pyfunction!(signature_similarity, m)?)?;
    m.add_function(wrap_pyfunction!(undated_key, m)?)?;
    m.add("GDELT_COLUMNS", GDELT_COLUMNS.to_vec())?;
    m.add("NEAR_DUP_THRESHOLD", DEFAULT_THRESHOLD)?;
    m.add_class::<Stories>()?;
    Ok(())
}

/// The files under `paths` in `marsad ingest`'s order, and one error line per bad path.
#[pyfunction]
fn walk(paths: Vec<PathBuf>) -> (Vec<String>, Vec<String>) {
    let (files, errors) = marsad_ingest::walk(&paths);
    (
        files.iter().map(|f| f.display().to_string()).collect(),
        errors.iter().map(|e| e.to_string()).collect(),
    )
}

/// What the Spark job keeps of one analysed article (see the module doc), `doc` its position in
/// its file.
fn row_of(doc: usize, x: &Analyzed) -> PyResult<Value> {
    let own;
    let sketch = match &x.sketch {
        Some(s) => s,
        None => {
            own = marsad_dedup::sketch(&x.article.title, &x.article.paragraphs);
            &own
        }
    };
    let input = Input::of(x, sketch);
    let (sig, bands) = marsad_dedup::lsh_keys(sketch, DEFAULT_THRESHOLD);
    let events = x
        .events
        .iter()
        .map(serde_json::to_string)
        .collect::<Result<Vec<_>, _>>()
        .map_err(error)?;
    let a = &x.article;
    Ok(json!({
        "doc": doc, "id": a.id, "source_id": a.source_id, "source": a.source, "url": a.url,
        "published": a.published.map(|d| d.to_string()), "title": a.title,
        "sig": sig, "bands": bands,
        "shingles": sketch.shingles, "terms": sketch.terms,
        "entities": input.entities, "event_keys": input.event_keys,
        "event_dates": input.event_dates.iter().map(|d| d.map(|d| d.to_string())).collect::<Vec<_>>(),
        "events": events,
        "mentions": x.events.iter().map(|e| e.mentions).collect::<Vec<_>>(),
    }))
}

/// A reader's results with each error as its one line (`path: reason`).
fn error_lines(
    read: Vec<Result<marsad_ingest::Article, marsad_ingest::ReadError>>,
) -> Vec<Result<marsad_ingest::Article, String>> {
    read.into_iter()
        .map(|r| r.map_err(|e| e.to_string()))
        .collect()
}

/// Rows and error lines as one JSON object `{"articles": [...], "errors": [...]}`.
fn rows_json(
    read: Vec<Result<marsad_ingest::Article, String>>,
    an: &marsad_analyze::Analyzer,
) -> PyResult<String> {
    let mut articles = Vec::new();
    let mut errors = Vec::new();
    for (i, r) in read.into_iter().enumerate() {
        match r {
            Ok(a) => articles.push(row_of(i, &an.analyze(a))?),
            Err(e) => errors.push(e),
        }
    }
    to_json(&json!({"articles": articles, "errors": errors}))
}

/// The reader's format (`auto` when None) and options (`published`: the date of documents
/// that give none) from the job's arguments.
fn read_options(
    format: Option<String>,
    published: Option<String>,
) -> PyResult<(Format, ReadOptions)> {
    let format: Format = format.as_deref().unwrap_or("auto").parse().map_err(error)?;
    let opts = ReadOptions {
        published: crate::analyze::date_arg("published", published.as_deref()).map_err(error)?,
        ..ReadOptions::default()
    };
    Ok((format, opts))
}

/// Reads and analyses one file on this thread, the GIL released: `marsad ingest`'s reading of
/// it, each document's row (see the module doc) in file order.
#[pyfunction]
#[pyo3(signature = (path, format=None, published=None))]
fn file_rows(
    py: Python<'_>,
    path: PathBuf,
    format: Option<String>,
    published: Option<String>,
) -> PyResult<String> {
    let (format, opts) = read_options(format, published)?;
    let an = crate::analyze::analyzer();
    py.detach(|| {
        rows_json(
            error_lines(marsad_ingest::read_file_with(&path, format, &opts)),
            an,
        )
    })
}

/// [`file_rows`] for a file's bytes read by Spark (a `binaryFile` row from HDFS, S3 …), named
/// `name` (its URI) in errors; the format is detected from the name and bytes as for a path.
#[pyfunction]
#[pyo3(signature = (name, data, format=None, published=None))]
fn bytes_rows(
    py: Python<'_>,
    name: &str,
    data: &[u8],
    format: Option<String>,
    published: Option<String>,
) -> PyResult<String> {
    let (format, opts) = read_options(format, published)?;
    let an = crate::analyze::analyzer();
    py.detach(|| {
        rows_json(
            error_lines(marsad_ingest::read_bytes_with(name, data, format, &opts)),
            an,
        )
    })
}

/// [`file_rows`] for items (JSON objects as `marsad.analyze_many` takes them: a Parquet or
/// table row), named by `names` in errors.
#[pyfunction]
fn item_rows(py: Python<'_>, items: Vec<String>, names: Vec<String>) -> PyResult<String> {
    let an = crate::analyze::analyzer();
    py.detach(|| {
        let read = names
            .iter()
            .zip(&items)
            .map(|(n, it)| crate::analyze::article_of(n, it))
            .collect();
        rows_json(read, an)
    })
}

/// The event-group rule of one key: given the dates of its reports in storing order
/// (`None`: day zero, an undated report), each report's group number within the key, as
/// `marsad ingest`'s [`EventIndex`] numbers them (a report joins the closest earlier event
/// within a day, else starts one). Numbers count from 1.
#[pyfunction]
fn event_groups(dates: Vec<Option<String>>) -> Vec<u64> {
    let mut ix = EventIndex::new();
    dates
        .iter()
        .map(|d| {
            let day = d
                .as_deref()
                .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .unwrap_or_default();
            ix.add("", day).0
        })
        .collect()
}

/// The group key of an undated report (no event date, no article date): `marsad ingest` groups
/// it only within its near-duplicate group, named by `canonical` (the article's own id when it
/// copies nothing).
#[pyfunction]
fn undated_key(canonical: &str, key: &str) -> String {
    marsad_store::dedup::undated_key(doc_u64(canonical), key)
}

/// The estimated Jaccard of two 16-bit signatures, as the near-duplicate index scores a pair.
#[pyfunction]
fn signature_similarity(a: Vec<u16>, b: Vec<u16>) -> f32 {
    marsad_dedup::signature_similarity(&a, &b)
}

/// One GDELT 2.0 row (`marsad export events --format gdelt`) for an event group: its first
/// report (`event`, the event's JSON, with its id and article) and the group's counts.
#[pyfunction]
#[pyo3(signature = (event, event_id, article_id, url, source, published, counts, added))]
#[allow(clippy::too_many_arguments)] // one per column group of the row
fn gdelt_row(
    event: &str,
    event_id: i64,
    article_id: String,
    url: Option<String>,
    source: Option<String>,
    published: Option<String>,
    counts: (u64, u64, u64),
    added: &str,
) -> PyResult<Vec<String>> {
    let e = StoredEvent {
        event_id,
        article_id,
        url,
        source,
        published,
        group_id: None,
        event: serde_json::from_str(event).map_err(|e| error(format!("event {event_id}: {e}")))?,
    };
    let c = GroupCounts {
        mentions: counts.0,
        sources: counts.1,
        articles: counts.2,
    };
    Ok(gdelt_group_row(&e, &c, added))
}

/// The story index of `marsad ingest`, fed in storing order (it is sequential by design: an
/// article joins the best story among those before it).
#[pyclass(module = "marsad._native")]
#[derive(Default)]
pub struct Stories {
    index: StoryIndex,
}

#[pymethods]
impl Stories {
    #[new]
    fn new() -> Self {
        Stories::default()
    }

    /// Adds one stored article (`terms`: its sketch's title and lead terms); returns its story
    /// id (16 hex digits).
    #[pyo3(signature = (id, published, title, shingles, terms, entities, event_keys, canonical=None))]
    #[allow(clippy::too_many_arguments)] // the fields of one article's story input
    fn add(
        &mut self,
        id: &str,
        published: Option<String>,
        title: &str,
        shingles: u32,
        terms: Vec<u32>,
        entities: Vec<String>,
        event_keys: Vec<String>,
        canonical: Option<String>,
    ) -> PyResult<String> {
        // The story index reads a sketch's terms (and the title when there are none), never
        // its MinHash signature, which therefore stays on the executors.
        let sketch = DocSketch {
            minhash: Vec::new(),
            shingles,
            terms,
        };
        let story = self.index.add(StoryInput {
            doc: doc_u64(id),
            date: crate::analyze::date_arg("published", published.as_deref()).map_err(error)?,
            title,
            sketch: &sketch,
            entities: &entities,
            event_keys: &event_keys,
            dup_of: canonical.as_deref().map(doc_u64),
        });
        Ok(hex(story))
    }
}
