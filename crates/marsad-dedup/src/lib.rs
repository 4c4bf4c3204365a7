//! Near-duplicates, stories and cross-article events for marsad.
//!
//! Arabic news is massively syndicated: one wire runs in dozens of outlets under different
//! headlines, and one happening is reported for days. Exact copies already collapse at ingest
//! (the article id is a hash of the body's match key); this crate handles the rest:
//!
//! - [`sketch`]: a MinHash signature of the body's word 5-shingles over match keys (so spelling
//!   variants do not matter) plus the hashed content terms of title and lead;
//! - [`NearDupIndex`]: LSH over the signatures, incremental: each new article learns the
//!   canonical article it near-duplicates (estimated Jaccard ≥ threshold);
//! - [`StoryIndex`]: incremental clustering of articles into stories (text of title and lead,
//!   shared entities, shared events, within a time window), never recomputed per batch;
//! - [`event_key`] / [`EventIndex`]: the same coded event reported by several articles is
//!   counted once;
//! - [`synth`] and [`eval`]: the synthetic corpus with planted duplicates and the pairwise
//!   scores behind `marsad bench gen`, `bench dedup` and `eval dedup`.
//!
//! What it is not for: it does no I/O (the store saves and loads the indexes through
//! `save`/`load` on any reader/writer), it does not read articles (it takes titles and
//! paragraphs), and it does not decide what to store: a near-duplicate is still a distinct
//! article (another outlet, another headline); the caller marks it. Similarity here is
//! lexical: translations or paraphrases of one event are stories' business, not near-duplicates.
//!
//! Everything is deterministic: fixed hash seeds, no randomness, no dependence on thread count.

pub mod eval;
pub mod events;
pub mod lsh;
pub mod sketch;
pub mod stories;
pub mod synth;

pub use events::{event_key, same_event_window, EventIndex, EVENT_WINDOW_DAYS};
pub use lsh::{choose_bands, lsh_keys, signature_similarity, NearDupIndex, DEFAULT_THRESHOLD};
pub use sketch::{exact_jaccard, shingles, sketch, sketch_with, DocSketch, SketchParams, PERMS};
pub use stories::{StoryIndex, StoryInput, StoryParams};
