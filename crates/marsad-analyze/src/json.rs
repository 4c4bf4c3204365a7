//! The JSON contract of `marsad analyze --json`: what one analysed article looks like outside
//! marsad. The CLI prints it and the Python package returns it, so both give the same object.
//!
//! What it is not: the store's rows or the HTTP API's article (they add store marks).

use serde::Serialize;

use crate::Analyzed;

/// One analysed article as `analyze --json` prints it (field order is the contract's).
#[derive(Serialize)]
pub struct AnalyzedJson<'a> {
    pub id: &'a str,
    pub source_id: &'a str,
    pub title: &'a str,
    pub published: Option<String>,
    pub source: Option<&'a str>,
    pub url: Option<&'a str>,
    pub tags: &'a [String],
    pub meta: &'a std::collections::BTreeMap<String, serde_json::Value>,
    pub paragraphs: &'a [String],
    pub sentences: Vec<Vec<String>>,
    pub entities: &'a [marsad_entities::FoundEntity],
    pub events: &'a [marsad_events::Event],
}

/// The `analyze --json` view of an analysed article: its fields, each paragraph's sentences,
/// the entities and the events.
pub fn json_view(done: &Analyzed) -> AnalyzedJson<'_> {
    let a = &done.article;
    AnalyzedJson {
        id: &a.id,
        source_id: &a.source_id,
        title: &a.title,
        published: a.published.map(|d| d.to_string()),
        source: a.source.as_deref(),
        url: a.url.as_deref(),
        tags: &a.tags,
        meta: &a.meta,
        paragraphs: &a.paragraphs,
        sentences: a
            .paragraphs
            .iter()
            .map(|p| {
                marsad_text::sentences(p)
                    .into_iter()
                    .map(|r| p[r].to_string())
                    .collect()
            })
            .collect(),
        entities: &done.entities,
        events: &done.events,
    }
}
