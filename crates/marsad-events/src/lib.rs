//! Coding political events from Arabic news: who did what to whom, where and when, with the
//! sentence that says so.
//!
//! What it is for: turning an article's paragraphs and its linked entities into CAMEO/PLOVER
//! coded events with evidence offsets. What it is not: it reads no files at run time (its
//! dictionaries are embedded from `data/events/`) and stores nothing.
//!
//! - [`actors`]: who (linked entities, agent words, nationality, coordination, reference);
//! - [`triggers`]: the Arabic trigger dictionary and its matcher;
//! - [`codes`]: CAMEO code tables (Goldstein, QuadClass, PLOVER);
//! - [`dates`]: when (relative, absolute, Hijri, Maghrebi and Levantine month names);
//! - [`places`]: where (KB cities and regions, never a country geocoded to a city);
//! - [`summary`]: the English line of an event, from its codes and the KB's English names;
//! - [`coder`]: per-sentence coding, negation and modality, reported speech, dedup;
//! - [`detector`]: the trained model that decides which proposed events are reported, and how surely;
//! - [`corpus`]: the gold corpus format (`data/events/gold`);
//! - [`eval`]: scoring against the seed's expected file and the sentence JSONL gold format;
//! - [`build`]: rebuilding `data/events/*` from the shared sources.

pub mod actors;
pub mod build;
pub mod coder;
pub mod codes;
pub mod corpus;
pub mod dates;
pub mod detector;
pub mod eval;
pub mod event;
pub mod places;
pub mod summary;
pub mod triggers;

pub use build::{build_dictionary, BuildSummary};
pub use coder::{code_paragraphs, find_events, find_events_with, propose, Proposal};
pub use event::{Actor, Event, Evidence, Place, Plover};
