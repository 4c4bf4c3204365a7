//! Finding the people, places and organisations in an article.
//!
//! What it is for: turning an article's paragraphs into entities with their mentions (byte
//! offsets into the display text), each linked to the knowledge base (`marsad-kb`) when it can be.
//! What it is not: it reads no files and stores nothing; the KB itself is `marsad-kb`.
//!
//! - [`tagger`]: a statistical named-entity tagger (PERS, LOC, ORG, MISC in BIO), trained here on
//!   ANERcorp, for names the knowledge base has never seen.
//! - [`link`]: KB matches and tagger spans merged, linked, disambiguated by context, with
//!   in-document coreference; every mention says its kind (name, nisba, role, coref).
//! - [`institutions`]: institution names by their shape (وزارة …، الهيئة العامة …), whole.
//! - [`mention_eval`]: the whole pipeline scored against named-entity gold (names only).

pub mod institutions;
pub mod link;
pub mod mention_eval;
pub mod person_spans;
pub mod tagger;

pub use link::{find_entities, Codes, FoundEntity, Mention, MentionKind};
