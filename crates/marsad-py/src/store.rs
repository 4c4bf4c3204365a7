//! `marsad.Store`: a store directory from Python, through `marsad-store`'s typed methods and
//! `marsad-pipeline`'s ingest, as the CLI's commands call them.

use std::path::PathBuf;
use std::sync::Mutex;

use marsad_ingest::{Format, ReadOptions};
use marsad_store::events::{gdelt_group_row, EventFilter};
use marsad_store::SearchOptions;
use pyo3::prelude::*;

use crate::{error, to_json};

/// One store directory (SQLite + search index), opened or created.
#[pyclass(module = "marsad._native")]
pub struct Store {
    inner: Mutex<marsad_store::Store>,
    path: PathBuf,
}

impl Store {
    fn with<T>(&self, f: impl FnOnce(&mut marsad_store::Store) -> PyResult<T>) -> PyResult<T> {
        let mut s = self
            .inner
            .lock()
            .map_err(|_| error("the store is unusable after an earlier failure"))?;
        f(&mut s)
    }
}

#[pymethods]
impl Store {
    #[new]
    fn new(path: PathBuf) -> PyResult<Self> {
        let s = marsad_store::Store::open(&path)
            .map_err(|e| error(format!("opening {}: {e}", path.display())))?;
        Ok(Store {
            inner: Mutex::new(s),
            path,
        })
    }

    #[getter]
    fn path(&self) -> PathBuf {
        self.path.clone()
    }

    /// Reads, analyses and stores files and folders as `marsad ingest` does; the summary as JSON.
    #[pyo3(signature = (paths, threads=None, published=None, format=None))]
    fn ingest_paths(
        &self,
        py: Python<'_>,
        paths: Vec<PathBuf>,
        threads: Option<usize>,
        published: Option<String>,
        format: Option<String>,
    ) -> PyResult<String> {
        let opts = marsad_pipeline::Options {
            format: format
                .as_deref()
                .unwrap_or("auto")
                .parse::<Format>()
                .map_err(error)?,
            read: ReadOptions {
                published: crate::analyze::date_arg("published", published.as_deref())
                    .map_err(error)?,
                ..ReadOptions::default()
            },
            threads: threads.unwrap_or_else(default_threads),
            batch: 2000,
            entities: true,
            measure_total: false,
            commit_every: marsad_store::COMMIT_EVERY,
        };
        let summary = self.with(|s| {
            py.detach(|| marsad_pipeline::ingest(s, &paths, &opts, &mut ()))
                .map_err(error)
        })?;
        to_json(&summary)
    }

    /// Analyses and stores records (JSON objects, see `analyze_items`) as one batch; returns
    /// the batch report as JSON.
    #[pyo3(signature = (items, names, threads=None))]
    fn ingest_items(
        &self,
        py: Python<'_>,
        items: Vec<String>,
        names: Vec<String>,
        threads: Option<usize>,
    ) -> PyResult<String> {
        let done = crate::analyze::analyze_all(py, &names, &items, threads)?;
        let report = self.with(|s| {
            py.detach(|| marsad_pipeline::store_batch(s, &done))
                .map_err(error)
        })?;
        to_json(&report)
    }

    /// `marsad search --json`.
    #[pyo3(signature = (query, limit=10, offset=0, facets=false, duplicates=false, stories=false))]
    fn search(
        &self,
        query: &str,
        limit: usize,
        offset: usize,
        facets: bool,
        duplicates: bool,
        stories: bool,
    ) -> PyResult<String> {
        let opts = SearchOptions {
            limit,
            offset,
            snippets: true,
            facets,
            duplicates,
            group_stories: stories,
        };
        self.with(|s| to_json(&s.search(query, &opts).map_err(error)?))
    }

    /// `{"events": [...], "gdelt": [[...], ...]}`: the filtered reports (`marsad events --json`)
    /// and one GDELT 2.0 row per event group (`marsad export events --format gdelt`).
    #[pyo3(signature = (actor=None, country=None, roots=Vec::new(), date_from=None, date_to=None, place=None, limit=None))]
    #[allow(clippy::too_many_arguments)] // the CLI's filter, one keyword each
    fn events(
        &self,
        actor: Option<String>,
        country: Option<String>,
        roots: Vec<String>,
        date_from: Option<String>,
        date_to: Option<String>,
        place: Option<String>,
        limit: Option<usize>,
    ) -> PyResult<String> {
        let filter = EventFilter {
            actor,
            country,
            roots,
            from: crate::analyze::date_arg("date_from", date_from.as_deref()).map_err(error)?,
            to: crate::analyze::date_arg("date_to", date_to.as_deref()).map_err(error)?,
            place,
            limit,
            ..EventFilter::default()
        };
        self.with(|s| {
            let events = s.events(&filter).map_err(error)?;
            let added = chrono::Utc::now().format("%Y%m%d%H%M%S").to_string();
            let gdelt: Vec<Vec<String>> = s
                .event_groups(&events)
                .map_err(error)?
                .iter()
                .map(|(e, c)| gdelt_group_row(e, c, &added))
                .collect();
            to_json(&serde_json::json!({"events": events, "gdelt": gdelt}))
        })
    }

    /// `marsad stories --json`.
    #[pyo3(signature = (limit=20))]
    fn stories(&self, limit: usize) -> PyResult<String> {
        self.with(|s| to_json(&s.stories(limit).map_err(error)?))
    }

    /// `marsad show story:ID --json`, or None.
    fn story(&self, key: &str) -> PyResult<Option<String>> {
        self.with(|s| match s.story(key).map_err(error)? {
            Some(d) => to_json(&d).map(Some),
            None => Ok(None),
        })
    }

    /// `marsad show ID --json` (id, unique prefix or source id), or None.
    fn article(&self, key: &str) -> PyResult<Option<String>> {
        self.with(|s| {
            let Some(a) = s.find(key).map_err(error)? else {
                return Ok(None);
            };
            let (canonical_id, story_id) = s.dedup_marks(&a.id).map_err(error)?;
            let mut v = serde_json::to_value(&a).map_err(error)?;
            if let Some(o) = v.as_object_mut() {
                o.insert("canonical_id".into(), serde_json::json!(canonical_id));
                o.insert("story_id".into(), serde_json::json!(story_id));
                let entities = s.article_entities(&a.id).map_err(error)?;
                o.insert(
                    "entities".into(),
                    serde_json::to_value(entities).map_err(error)?,
                );
                let events = s.article_events(&a.id).map_err(error)?;
                o.insert(
                    "events".into(),
                    serde_json::to_value(events).map_err(error)?,
                );
            }
            to_json(&v).map(Some)
        })
    }

    /// `marsad entities --json`: the most mentioned entities, of one type or all.
    #[pyo3(signature = (kind=None, limit=50))]
    fn entities(&self, kind: Option<String>, limit: usize) -> PyResult<String> {
        self.with(|s| to_json(&s.top_entities(kind.as_deref(), limit).map_err(error)?))
    }

    /// `marsad stats --json`.
    fn stats(&self) -> PyResult<String> {
        self.with(|s| to_json(&s.stats().map_err(error)?))
    }
}

fn default_threads() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}
