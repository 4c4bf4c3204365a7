//! The `Article` model every reader produces, and its stable content id.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One news article as marsad reads it: the body kept apart from the boilerplate around it.
///
/// Text fields hold the *display* form (see `marsad_text::normalize_display`): original letters and
/// diacritics kept, invisible characters and presentation forms cleaned. Later stages point into
/// `paragraphs` with byte offsets, so the paragraphs are never rewritten after reading.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable hash of the normalised body (see [`content_id`]): the same text read twice, from any
    /// source, gets the same id.
    pub id: String,
    /// The source's own id: the JSONL `id`, the ANT `DOCNO`, the WARC record id, or the file path.
    pub source_id: String,
    /// The outlet, when known (`Jawhara FM`, a host name …).
    pub source: Option<String>,
    pub url: Option<String>,
    /// Publication date, when the document or the caller says it.
    pub published: Option<NaiveDate>,
    pub title: String,
    pub tags: Vec<String>,
    /// Everything else the document says about itself: `views`, `category`, `author`, `abstract`,
    /// `published_at` (full timestamp), `boilerplate` (the lines recognised as page furniture) …
    pub meta: BTreeMap<String, serde_json::Value>,
    /// Body paragraphs, display form, no boilerplate.
    pub paragraphs: Vec<String>,
}

/// The content id: the first 16 hex digits of BLAKE3 over the match key of the body paragraphs
/// (the title too when the body is empty), joined by newlines. Spelling variants, diacritics and
/// spacing do not change it, so re-crawled copies of a wire story collide on purpose.
pub fn content_id(title: &str, paragraphs: &[String]) -> String {
    // The hashed text is built in one buffer and hashed at once: BLAKE3 is fast on long input
    // and slow on many tiny updates.
    let mut text = String::new();
    let mut key = String::new();
    for p in paragraphs {
        key.clear();
        marsad_text::match_key_into(p, &mut key);
        if key.trim().is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push('\n');
        }
        push_collapsed(&mut text, &key);
    }
    if text.is_empty() {
        key.clear();
        marsad_text::match_key_into(title, &mut key);
        push_collapsed(&mut text, &key);
    }
    let hash = blake3::hash(text.as_bytes());
    hash.to_hex()[..16].to_string()
}

/// Appends the words of `s` joined by single spaces.
fn push_collapsed(out: &mut String, s: &str) {
    for (i, w) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
}

impl Article {
    /// Starts an article from what every reader has: the source's id for it, the title and the
    /// body paragraphs (display form). The rest is optional; [`ArticleBuilder::build`] computes
    /// the id. Readers build articles this way rather than filling `id` by hand.
    pub fn builder(source_id: String, title: String, paragraphs: Vec<String>) -> ArticleBuilder {
        ArticleBuilder {
            a: Article {
                id: String::new(),
                source_id,
                source: None,
                url: None,
                published: None,
                title,
                tags: Vec::new(),
                meta: BTreeMap::new(),
                paragraphs,
            },
        }
    }

    /// Title and body as one text, paragraphs separated by blank lines.
    pub fn body_text(&self) -> String {
        self.paragraphs.join("\n\n")
    }
}

/// Replaces `s` by its display form when that differs (rarely: only after a reader joined pieces).
fn redisplay(s: &mut String) {
    let d = marsad_text::normalize_display(s);
    if d != *s {
        *s = d;
    }
}

/// An [`Article`] being built ([`Article::builder`]).
#[must_use]
pub struct ArticleBuilder {
    a: Article,
}

impl ArticleBuilder {
    pub fn source(mut self, source: Option<String>) -> Self {
        self.a.source = source;
        self
    }

    pub fn url(mut self, url: Option<String>) -> Self {
        self.a.url = url;
        self
    }

    pub fn published(mut self, published: Option<NaiveDate>) -> Self {
        self.a.published = published;
        self
    }

    pub fn tags(mut self, tags: Vec<String>) -> Self {
        self.a.tags = tags;
        self
    }

    pub fn meta(mut self, meta: BTreeMap<String, serde_json::Value>) -> Self {
        self.a.meta = meta;
        self
    }

    /// The article, with its content id ([`content_id`]). Title and paragraphs leave in display
    /// form whatever a reader did: a reader that joins pieces it normalised one by one (the HTML
    /// reader joining short lines, found by fuzzing: "Content-Len" + ":…" → "Content-Len :…")
    /// can make text that normalising changes again, and every text of an Article is promised
    /// to be in display form.
    pub fn build(mut self) -> Article {
        redisplay(&mut self.a.title);
        for p in &mut self.a.paragraphs {
            redisplay(p);
        }
        self.a.paragraphs.retain(|p| !p.is_empty());
        self.a.id = content_id(&self.a.title, &self.a.paragraphs);
        self.a
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_articles_are_in_display_form() {
        // What the HTML reader made of a WARC page the read_warc fuzz target found.
        let a = Article::builder(
            "x".into(),
            "عنوان ،خبر".into(),
            vec![
                "Content-Len :\u{1b}155".into(),
                " \u{200b} ".into(),
                "نص".into(),
            ],
        )
        .build();
        assert_eq!(a.title, "عنوان، خبر");
        assert_eq!(a.paragraphs, vec!["Content-Len:\u{1b}155", "نص"]);
        assert_eq!(a.id, content_id(&a.title, &a.paragraphs));
    }
}
