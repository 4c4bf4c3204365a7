//! A statistical named-entity tagger for Arabic news: PERS, LOC, ORG, MISC in BIO.
//!
//! - [`read_conll`]: ANERcorp-style `token TAG` files into [`Sentence`]s.
//! - [`Resources`]: word clusters (learned from unlabelled news, `clusters.rs`) and name lists
//!   (gazetteers), built by [`build_resources`] from the shared data folder and shipped in
//!   `data/ner/` (`resources.rs`).
//! - [`train`]: an averaged structured perceptron over BIO tags with first-order transitions and
//!   Viterbi decoding (two stages, each the mean of [`TrainOptions::ensemble`] perceptrons;
//!   `train.rs`, `viterbi.rs`, the weight table in `weights.rs`);
//!   [`Model::save`] / [`Model::load`] / [`Model::embedded`] (`format.rs`).
//! - Features (`features.rs`): the word and its neighbours, affixes, clitic-stripped forms,
//!   stems, clusters, gazetteers and triggers, marsad's KB matches (`marsad_kb::Kb::embedded`,
//!   BIO + type + subtype, nisba adjectives apart), organisation extent after a head word,
//!   quotes, and the *entity memory* (the training set's entity phrases, `mem.rs`).
//! - [`Model::tag`] tags tokens; [`Model::tag_text`] tokenises raw text the way ANERcorp does
//!   (punctuation apart, clitics attached) and returns byte-offset [`Span`]s (`model.rs`).
//! - [`evaluate`]: entity-level precision/recall/F1 with conlleval semantics.
//!
//! Deterministic: training uses a fixed seed and fixed shuffling; the same data gives the same
//! model, bit for bit.

mod clusters;
mod conll;
pub(crate) mod eval;
mod features;
mod format;
mod fx;
mod mem;
mod model;
mod resources;
mod rng;
mod text;
mod train;
mod viterbi;
mod weights;

pub use conll::{read_conll, read_conll_any_type, Sentence};
pub use eval::{chunks, evaluate, Chunk, NerReport, TypeScore};
pub use features::FeatureSet;
pub use model::Model;
pub use resources::{build_resources, clitic_forms, Resources};
pub use text::{text_tokens, Span};
pub use train::{train, train_with_callback, TrainOptions};

use std::fmt;

/// Errors of loading or building the tagger's files.
#[derive(Debug, thiserror::Error)]
pub enum NerError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// A file was read but its content is not what the tagger wrote (truncated, wrong version).
    #[error("{0}")]
    Format(String),
}

impl NerError {
    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        NerError::Io {
            path: path.display().to_string(),
            source,
        }
    }
}

/// The entity types of ANERcorp.
pub const LABELS: [&str; 4] = ["PERS", "LOC", "ORG", "MISC"];

/// One BIO tag: `O`, or `B-`/`I-` with one of [`LABELS`]. Index order: O, B-PERS, I-PERS, B-LOC,
/// I-LOC, B-ORG, I-ORG, B-MISC, I-MISC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tag(pub(crate) u8);

/// Number of BIO tags.
pub const NTAGS: usize = 9;

const TAG_NAMES: [&str; NTAGS] = [
    "O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC",
];

impl Tag {
    pub const O: Tag = Tag(0);

    /// The tag's name as in ANERcorp: `O`, `B-PERS`, `I-LOC` …
    pub fn as_str(self) -> &'static str {
        TAG_NAMES[self.0 as usize]
    }

    /// Parses a tag name; unknown names (and `B-`/`I-` of unknown types) are `None`.
    pub fn parse(s: &str) -> Option<Tag> {
        TAG_NAMES.iter().position(|&n| n == s).map(|i| Tag(i as u8))
    }

    /// The entity type (`PERS` …), `None` for `O`.
    pub fn label(self) -> Option<&'static str> {
        if self.0 == 0 {
            None
        } else {
            Some(LABELS[(self.0 as usize - 1) / 2])
        }
    }

    pub fn is_begin(self) -> bool {
        self.0 & 1 == 1
    }

    pub fn is_inside(self) -> bool {
        self.0 != 0 && self.0 & 1 == 0
    }

    pub fn index(self) -> usize {
        self.0 as usize
    }

    pub(crate) fn from_index(i: usize) -> Tag {
        Tag(i as u8)
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
