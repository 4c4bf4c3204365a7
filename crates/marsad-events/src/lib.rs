//! Coding political events from Arabic news: who did what to whom, where and when, with the
//! sentence that says so.
//!
//! What it is for: turning an article's paragraphs and its linked entities into CAMEO/PLOVER
//! coded events with evidence offsets. What it is not: it reads no files and stores nothing.

pub mod event;

pub use event::{Actor, Event, Evidence, Place, Plover};
