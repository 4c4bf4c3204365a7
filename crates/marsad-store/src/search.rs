//! Ranked search over the index: the parsed [`Query`] becomes a tantivy query (BM25, title
//! counted double), hits come back with their article fields from SQLite and a highlighted
//! snippet cut on token boundaries of the body's display text.

use std::ops::Bound;

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, Occur, PhraseQuery, Query as TQuery, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{TantivyDocument, Term};

use crate::analyzer::analyze_terms;
use crate::query::Query;
use crate::schema::{day_number, keyword};
use crate::{db, Result, Store};

/// How much a title match outweighs the same match in the body.
pub const TITLE_BOOST: f32 = 2.0;
const SNIPPET_CHARS: usize = 200;

#[derive(Debug, Clone)]
pub struct SearchOptions {
    pub limit: usize,
    pub offset: usize,
    /// Build snippets (costs a SQLite read and a re-analysis per hit).
    pub snippets: bool,
    /// Count entities, sources, tags, event roots and days over the best [`FACET_DEPTH`] hits
    /// ([`crate::facets`]).
    pub facets: bool,
    /// Include near-duplicates (hidden by default: the canonical article stands for its copies).
    pub duplicates: bool,
    /// Collapse hits to the best one per story (`total` still counts articles).
    pub group_stories: bool,
}

pub use crate::facets::{Facets, FACET_DEPTH};

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 10,
            offset: 0,
            snippets: true,
            facets: false,
            duplicates: false,
            group_stories: false,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub id: String,
    pub source_id: String,
    pub title: String,
    pub score: f32,
    /// HTML: text escaped, matches in `<b>…</b>`.
    pub snippet: String,
    pub source: Option<String>,
    pub published: Option<String>,
    /// The article's story (the id of the story's first article).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub story: Option<String>,
    /// The snippet as plain text and its highlighted byte ranges (for terminals).
    #[serde(skip)]
    pub snippet_text: String,
    #[serde(skip)]
    pub highlights: Vec<std::ops::Range<usize>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    pub total: usize,
    pub hits: Vec<Hit>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facets: Option<Facets>,
}

/// Either field, title boosted.
fn both_fields(store: &Store, term: &str) -> Box<dyn TQuery> {
    let f = store.fields();
    let title = TermQuery::new(
        Term::from_field_text(f.title, term),
        IndexRecordOption::WithFreqs,
    );
    let body = TermQuery::new(
        Term::from_field_text(f.body, term),
        IndexRecordOption::WithFreqs,
    );
    Box::new(BooleanQuery::new(vec![
        (
            Occur::Should,
            Box::new(BoostQuery::new(Box::new(title), TITLE_BOOST)),
        ),
        (Occur::Should, Box::new(body)),
    ]))
}

fn phrase_in(field: Field, terms: &[(usize, String)]) -> Box<dyn TQuery> {
    let first = terms[0].0;
    let terms = terms
        .iter()
        .map(|(p, t)| (p - first, Term::from_field_text(field, t)))
        .collect();
    Box::new(PhraseQuery::new_with_offset(terms))
}

/// Words or a phrase as one clause: all terms of a multi-term text must appear (as a phrase when
/// `phrase`), in the title or the body. None when the text analyses to nothing (only stopwords).
fn text_clause(store: &Store, text: &str, phrase: bool) -> Option<Box<dyn TQuery>> {
    let terms = analyze_terms(text);
    match terms.len() {
        0 => None,
        1 => Some(both_fields(store, &terms[0].1)),
        _ if phrase => {
            let f = store.fields();
            Some(Box::new(BooleanQuery::new(vec![
                (
                    Occur::Should,
                    Box::new(BoostQuery::new(phrase_in(f.title, &terms), TITLE_BOOST)),
                ),
                (Occur::Should, phrase_in(f.body, &terms)),
            ])))
        }
        _ => Some(Box::new(BooleanQuery::new(
            terms
                .iter()
                .map(|(_, t)| (Occur::Must, both_fields(store, t)))
                .collect(),
        ))),
    }
}

fn keyword_clause(field: Field, values: &[String]) -> Box<dyn TQuery> {
    Box::new(BooleanQuery::new(
        values
            .iter()
            .map(|v| -> (Occur, Box<dyn TQuery>) {
                (
                    Occur::Should,
                    Box::new(TermQuery::new(
                        Term::from_field_text(field, &keyword(v)),
                        IndexRecordOption::Basic,
                    )),
                )
            })
            .collect(),
    ))
}

/// Turns a parsed query into a tantivy query against this store's fields.
pub fn build_query(store: &Store, q: &Query) -> Box<dyn TQuery> {
    let f = store.fields();
    let mut clauses: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
    // SHOULD words: every analysed term is its own clause, so a document matching more query
    // terms ranks higher (the OR-of-terms BM25 behaviour of Lucene and the IR anchors).
    let mut any_text = false;
    for w in &q.should {
        for (_, t) in analyze_terms(w) {
            clauses.push((Occur::Should, both_fields(store, &t)));
            any_text = true;
        }
    }
    for w in &q.must {
        if let Some(c) = text_clause(store, w, false) {
            clauses.push((Occur::Must, c));
            any_text = true;
        }
    }
    for p in &q.phrases {
        if let Some(c) = text_clause(store, p, true) {
            clauses.push((Occur::Must, c));
            any_text = true;
        }
    }
    for x in &q.exclude {
        if let Some(c) = text_clause(store, x, true) {
            clauses.push((Occur::MustNot, c));
        }
    }
    if !q.sources.is_empty() {
        clauses.push((Occur::Must, keyword_clause(f.source, &q.sources)));
    }
    if !q.tags.is_empty() {
        clauses.push((Occur::Must, keyword_clause(f.tag, &q.tags)));
    }
    for v in &q.entities {
        let keys = store.resolve_entity(v).unwrap_or_default();
        let clause: Box<dyn TQuery> = Box::new(BooleanQuery::new(
            keys.iter()
                .map(|k| -> (Occur, Box<dyn TQuery>) {
                    (
                        Occur::Should,
                        Box::new(TermQuery::new(
                            Term::from_field_text(f.entity, k),
                            IndexRecordOption::Basic,
                        )),
                    )
                })
                .collect(),
        ));
        // An entity nobody mentions matches nothing (an empty SHOULD list would match all).
        clauses.push((
            Occur::Must,
            if keys.is_empty() {
                Box::new(tantivy::query::EmptyQuery)
            } else {
                clause
            },
        ));
    }
    if let Some((lo, hi)) = q.published {
        let bound = |d: Option<chrono::NaiveDate>| match d {
            Some(d) => Bound::Included(Term::from_field_i64(f.published, day_number(d))),
            None => Bound::Unbounded,
        };
        clauses.push((Occur::Must, Box::new(RangeQuery::new(bound(lo), bound(hi)))));
    }
    if !any_text && (q.has_text() || clauses.iter().all(|(o, _)| *o != Occur::Must)) {
        // Only stopwords, or only exclusions: "everything except …".
        if q.has_text() {
            return Box::new(tantivy::query::EmptyQuery);
        }
        clauses.push((Occur::Must, Box::new(AllQuery)));
    }
    Box::new(BooleanQuery::new(clauses))
}

impl Store {
    /// Parses and runs a query in the query language.
    pub fn search(&self, query: &str, opts: &SearchOptions) -> Result<SearchResults> {
        let q = crate::query::parse(query)?;
        self.search_parsed(&q, opts)
    }

    /// The ids of every article `query` matches (near-duplicates included), at most `max`,
    /// unranked: what an event filter on a search needs.
    pub fn search_ids(&self, query: &str, max: usize) -> Result<Vec<String>> {
        let q = crate::query::parse(query)?;
        let query = build_query(self, &q);
        let searcher = self.reader.searcher();
        let addrs = searcher.search(&*query, &tantivy::collector::DocSetCollector)?;
        let mut ids = Vec::with_capacity(addrs.len().min(max));
        for addr in addrs.into_iter().take(max) {
            let doc: TantivyDocument = searcher.doc(addr)?;
            if let Some(id) = doc.get_first(self.fields().id).and_then(|v| v.as_str()) {
                ids.push(id.to_string());
            }
        }
        Ok(ids)
    }

    pub fn search_parsed(&self, q: &Query, opts: &SearchOptions) -> Result<SearchResults> {
        let mut query = build_query(self, q);
        if !opts.duplicates {
            let dup = TermQuery::new(
                Term::from_field_text(self.fields().dup, "1"),
                IndexRecordOption::Basic,
            );
            query = Box::new(BooleanQuery::new(vec![
                (Occur::Must, query),
                (Occur::MustNot, Box::new(dup)),
            ]));
        }
        let searcher = self.reader.searcher();
        // Collapsing by story needs more candidates than the page: fetch a wider window, keep
        // the best hit of each story, then cut the page.
        let (fetch, skip) = if opts.group_stories {
            (((opts.offset + opts.limit.max(1)) * 8).clamp(100, 2000), 0)
        } else {
            (opts.limit.max(1), opts.offset)
        };
        let (docs, total) = ranked(&searcher, &*query, q.has_text(), fetch, skip)?;
        let snippets = if opts.snippets {
            Some(
                SnippetGenerator::create(&searcher, &*query, self.fields().body).map(|mut g| {
                    g.set_max_num_chars(SNIPPET_CHARS);
                    g
                })?,
            )
        } else {
            None
        };
        let mut hits = Vec::with_capacity(docs.len());
        let mut seen_stories = std::collections::HashSet::new();
        let mut skipped = 0;
        for (score, addr) in docs {
            if hits.len() >= opts.limit {
                break;
            }
            let doc: TantivyDocument = searcher.doc(addr)?;
            let id = doc
                .get_first(self.fields().id)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string();
            let story = doc
                .get_first(self.fields().story)
                .and_then(|v| v.as_str())
                .map(str::to_string);
            if opts.group_stories {
                let key = story.clone().unwrap_or_else(|| id.clone());
                if !seen_stories.insert(key) {
                    continue;
                }
                if skipped < opts.offset {
                    skipped += 1;
                    continue;
                }
            }
            let Some(a) = db::get_article(&self.db, &id)? else {
                continue;
            };
            let (snippet, snippet_text, highlights) = match &snippets {
                Some(g) => make_snippet(g, &a),
                None => Default::default(),
            };
            hits.push(Hit {
                id: a.id,
                source_id: a.source_id,
                title: a.title,
                score,
                snippet,
                source: a.source,
                published: a.published.map(|d| d.to_string()),
                story,
                snippet_text,
                highlights,
            });
        }
        let facets = if opts.facets {
            let (top, _) = ranked(&searcher, &*query, q.has_text(), FACET_DEPTH, 0)?;
            let mut ids = Vec::with_capacity(top.len());
            for (_, addr) in top {
                let doc: TantivyDocument = searcher.doc(addr)?;
                if let Some(id) = doc.get_first(self.fields().id).and_then(|v| v.as_str()) {
                    ids.push(id.to_string());
                }
            }
            Some(self.facets_of(&ids)?)
        } else {
            None
        };
        Ok(SearchResults {
            total,
            hits,
            facets,
        })
    }
}

/// The best `limit` documents after `offset`, and how many match: by score, or newest first
/// when the query is filters alone (they rank nothing, and a news reader expects the newest).
fn ranked(
    searcher: &tantivy::Searcher,
    query: &dyn TQuery,
    has_text: bool,
    limit: usize,
    offset: usize,
) -> Result<(Vec<(f32, tantivy::DocAddress)>, usize)> {
    let top = TopDocs::with_limit(limit).and_offset(offset);
    if has_text {
        return Ok(searcher.search(query, &(top.order_by_score(), Count))?);
    }
    let by_date = top.order_by_fast_field::<i64>("published", tantivy::Order::Desc);
    let (docs, total) = searcher.search(query, &(by_date, Count))?;
    Ok((
        docs.into_iter().map(|(_, addr)| (0.0, addr)).collect(),
        total,
    ))
}

/// The best body fragment for the query; the body's opening words when only the title matched.
fn make_snippet(
    g: &SnippetGenerator,
    a: &marsad_ingest::Article,
) -> (String, String, Vec<std::ops::Range<usize>>) {
    let body = a.paragraphs.join("\n");
    let s = g.snippet(&body);
    if !s.is_empty() {
        return (
            s.to_html(),
            s.fragment().to_string(),
            s.highlighted().to_vec(),
        );
    }
    let head = cut_at_word(&body, SNIPPET_CHARS);
    (html_escape(head), head.to_string(), Vec::new())
}

/// The longest prefix of at most `max_chars` characters that ends at a word boundary.
pub fn cut_at_word(text: &str, max_chars: usize) -> &str {
    let end = match text.char_indices().nth(max_chars) {
        None => return text,
        Some((i, _)) => i,
    };
    let cut = text[..end].rfind(char::is_whitespace).unwrap_or(end);
    &text[..cut]
}

fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
