//! The tantivy schema of the search index. SQLite holds the articles themselves; the index holds
//! only what search needs, so it can always be rebuilt from SQLite.

use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, STORED,
    STRING,
};

use crate::analyzer::TOKENIZER_NAME;

#[derive(Clone, Copy, Debug)]
pub struct Fields {
    /// marsad's article id (raw, stored: the key back into SQLite).
    pub id: Field,
    pub title: Field,
    pub body: Field,
    /// Match key of the source name (so `source:jawhara` and `source:Jawhara` agree).
    pub source: Field,
    /// Match key of each tag.
    pub tag: Field,
    /// Publication day as days since 1970-01-01.
    pub published: Field,
    /// Keys of the entities the article mentions (KB ids, or `new:TYPE:key`).
    pub entity: Field,
    /// `1` on a near-duplicate of an earlier article (hidden from default search).
    pub dup: Field,
    /// The article's story id (hex, stored: search may collapse hits to one per story).
    pub story: Field,
}

/// The fields of an existing index, or None when it was made with another schema (an older
/// marsad): then the store must be rebuilt.
pub fn fields_of(schema: &Schema) -> Option<Fields> {
    let f = |name: &str| schema.get_field(name).ok();
    Some(Fields {
        id: f("id")?,
        title: f("title")?,
        body: f("body")?,
        source: f("source")?,
        tag: f("tag")?,
        published: f("published")?,
        entity: f("entity")?,
        dup: f("dup")?,
        story: f("story")?,
    })
}

pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let analyzed = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER_NAME)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        title: b.add_text_field("title", analyzed.clone()),
        body: b.add_text_field("body", analyzed),
        source: b.add_text_field("source", STRING),
        tag: b.add_text_field("tag", STRING),
        published: b.add_i64_field(
            "published",
            NumericOptions::default().set_indexed().set_fast(),
        ),
        entity: b.add_text_field("entity", STRING),
        dup: b.add_text_field("dup", STRING),
        story: b.add_text_field("story", STRING | STORED),
    };
    (b.build(), fields)
}

/// The form a source or tag is indexed and queried in.
pub fn keyword(s: &str) -> String {
    marsad_text::match_key(s.trim()).to_lowercase()
}

pub fn day_number(d: chrono::NaiveDate) -> i64 {
    (d - chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()).num_days()
}
