//! The event detector: decides which of the events the dictionary and rules propose a sentence
//! really reports, and how sure it is.
//!
//! What it is for: the rules ([`crate::coder`]) propose candidate events with codes, actors, dates
//! and places; the detector scores each (sentence, event type) pair with a logistic regression over
//! sparse context features ([`features`]) and keeps the type when the score reaches the trained
//! threshold. A sentence model ([`sentence`]) reads the sentence's words alone; its score for each
//! type is one more feature of the pair, and a type it finds likely that no rule proposed becomes
//! a pair of its own ([`stack`]): when kept, the coder re-codes one of the sentence's proposed
//! events to that type (an accusation made with قال). The score becomes the events' `confidence`.
//! What it is not: it finds no actors of its own, and it reads no files at run time (the model is
//! embedded from `data/events/detector.tsv.gz`, rebuilt byte for byte by `marsad train events`,
//! [`train`]).

pub mod features;
pub mod model;
pub mod sentence;
pub mod stack;
pub mod train;

pub use features::{event_type, Instance};
pub use model::Detector;
