//! Finding the people, places and organisations in an article.
//!
//! - [`tagger`]: a statistical named-entity tagger (PERS, LOC, ORG, MISC in BIO), trained here on
//!   ANERcorp, for names the knowledge base has never seen.

pub mod tagger;
