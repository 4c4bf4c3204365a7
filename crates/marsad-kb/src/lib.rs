//! marsad's knowledge base (KB): countries, regions, cities, organisations, armed and political
//! groups and people, each with a stable id, Arabic names and spelling variants, nisba adjectives
//! (countries), ISO/FIPS codes, CAMEO actor codes with date ranges, and coordinates.
//!
//! What it is for:
//! - [`build`]: building the KB from public data (`../shared/data`: GeoNames, mledoze countries,
//!   Wikidata transliterations, UniversalPetrarch and Phoenix actor dictionaries) and the
//!   hand-curated TSV files in `crates/marsad-kb/curated/`;
//! - [`Kb::save`] / [`Kb::load`] / [`Kb::embedded`]: the shipped `data/kb/kb.jsonl.gz`;
//! - [`Kb::find`]: a fast dictionary matcher over match keys that sees through clitics on the first
//!   word (بواشنطن → واشنطن, للعراق → العراق) and finds nisba adjectives (الروسية → Russia), returning
//!   every candidate entity with a prior;
//! - [`Kb::cameo_on`]: the CAMEO code of an entity on a date.
//!
//! What it is not for: it does not decide which candidate a mention refers to in context
//! (linking), does not tag names the KB has never seen (the statistical tagger), and does not
//! do coreference; those live in `marsad-entities`. It has no I/O beyond reading/writing the KB
//! file and the source data during a build.

pub mod build;
mod entity;
mod load;
mod matcher;

use std::collections::HashMap;
use std::path::PathBuf;

pub use build::build;
pub use entity::{CameoRole, Entity, EntityType};
pub use matcher::{prior_of, Candidate, KbMatch};

/// Errors of building, saving and loading the KB. Each names the file and, where it applies,
/// the line.
#[derive(Debug, thiserror::Error)]
pub enum KbError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}:{line}: {msg}")]
    Parse {
        path: PathBuf,
        line: usize,
        msg: String,
    },
    #[error("{0}")]
    Invalid(String),
}

impl KbError {
    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        KbError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// The knowledge base: entities plus the name index built from them.
pub struct Kb {
    entities: Vec<Entity>,
    by_id: HashMap<String, u32>,
    matcher: matcher::Matcher,
}

impl std::fmt::Debug for Kb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Kb")
            .field("entities", &self.entities.len())
            .finish()
    }
}

impl Kb {
    /// A KB over `v` (ids should be unique; on a duplicate id, `get` returns the first).
    /// Builds the name index.
    pub fn from_entities(v: Vec<Entity>) -> Kb {
        let mut by_id = HashMap::with_capacity(v.len());
        for (i, e) in v.iter().enumerate() {
            by_id.entry(e.id.clone()).or_insert(i as u32);
        }
        let matcher = matcher::Matcher::new(&v);
        Kb {
            entities: v,
            by_id,
            matcher,
        }
    }

    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.by_id.get(id).map(|&i| &self.entities[i as usize])
    }

    /// The index of `id` in [`Kb::entities`].
    pub fn index_of(&self, id: &str) -> Option<u32> {
        self.by_id.get(id).copied()
    }

    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    pub fn entity(&self, index: u32) -> &Entity {
        &self.entities[index as usize]
    }

    pub fn len(&self) -> usize {
        self.entities.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// All KB name and adjective matches in `text` (display text of one paragraph), in text
    /// order, non-overlapping; at each position the longest alias wins. See [`KbMatch`].
    pub fn find(&self, text: &str) -> Vec<KbMatch> {
        self.matcher.find(text)
    }

    /// The CAMEO code of `e` valid on `date` (or the current/most recent one when `None`).
    pub fn cameo_on<'a>(&self, e: &'a Entity, date: Option<chrono::NaiveDate>) -> Option<&'a str> {
        e.cameo_on(date)
    }
}
