//! The SQLite side of the store: articles, every sighting of them (the duplicates), batches.
//! Analysts may open `marsad.sqlite` with any SQLite client; the schema below is the contract.

use std::path::Path;

use marsad_entities::FoundEntity;
use marsad_ingest::Article;

use std::collections::BTreeSet;

use crate::marks::{hex, Decision};
use crate::Analyzed;
use rusqlite::{params, Connection, OptionalExtension};

pub const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS articles (
    id          TEXT PRIMARY KEY,   -- content hash, see marsad_ingest::content_id
    source_id   TEXT NOT NULL,      -- the first source id it was read under
    source      TEXT,
    url         TEXT,
    published   TEXT,               -- YYYY-MM-DD
    title       TEXT NOT NULL,
    tags        TEXT NOT NULL,      -- JSON array
    meta        TEXT NOT NULL,      -- JSON object
    paragraphs  TEXT NOT NULL,      -- JSON array, display form
    batch       INTEGER NOT NULL,
    canonical_id TEXT,              -- the earlier article this one near-duplicates (marsad-dedup)
    story_id    TEXT                -- its story: the id of the story's first article
);
CREATE INDEX IF NOT EXISTS articles_batch ON articles(batch);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
-- Every document read, the first copy included: a second row for one article is a duplicate.
CREATE TABLE IF NOT EXISTS sightings (
    article_id  TEXT NOT NULL REFERENCES articles(id),
    source_id   TEXT NOT NULL,
    source      TEXT,
    url         TEXT,
    batch       INTEGER NOT NULL,
    PRIMARY KEY (article_id, source_id)
);
CREATE INDEX IF NOT EXISTS sightings_source_id ON sightings(source_id);
-- Every entity mentioned in a stored article: a KB entity (its KB id) or a name the KB does not
-- know, keyed `new:TYPE:match-key`.
CREATE TABLE IF NOT EXISTS entities (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,      -- English name from the KB, else the Arabic surface
    name_ar     TEXT NOT NULL,
    name_key    TEXT NOT NULL,      -- match key of name_ar, for lookups by Arabic name
    type        TEXT NOT NULL,      -- PER, LOC, ORG, MISC
    iso3        TEXT,
    cameo       TEXT
);
CREATE INDEX IF NOT EXISTS entities_name_key ON entities(name_key);
CREATE TABLE IF NOT EXISTS mentions (
    article_id  TEXT NOT NULL REFERENCES articles(id),
    entity_id   TEXT NOT NULL REFERENCES entities(id),
    paragraph   INTEGER NOT NULL,
    start       INTEGER NOT NULL,   -- byte offsets into the paragraph's display text
    end         INTEGER NOT NULL,
    text        TEXT NOT NULL,
    adjective   INTEGER NOT NULL DEFAULT 0,  -- kind = 'nisba' (kept for stores read by older builds)
    kind        TEXT NOT NULL DEFAULT 'name', -- name, nisba, role or coref
    PRIMARY KEY (article_id, paragraph, start, entity_id)
);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity_id);
-- Coded events; `json` is the event exactly as `analyze --json` prints it.
CREATE TABLE IF NOT EXISTS events (
    id              INTEGER PRIMARY KEY,   -- GDELT's GlobalEventID in exports
    article_id      TEXT NOT NULL REFERENCES articles(id),
    code            TEXT NOT NULL,
    root            TEXT NOT NULL,
    quad_class      INTEGER NOT NULL,
    goldstein       REAL NOT NULL,
    actor1_code     TEXT,
    actor1_country  TEXT,
    actor1_entity   TEXT,
    actor2_code     TEXT,
    actor2_country  TEXT,
    actor2_entity   TEXT,
    date            TEXT,                  -- YYYY-MM-DD
    place_name      TEXT,
    place_country   TEXT,
    place_entity    TEXT,
    place_lat       REAL,
    place_lon       REAL,
    confidence      REAL NOT NULL,
    json            TEXT NOT NULL,
    group_id        INTEGER                -- one happening across articles (same actors, root, place, date ±1 day)
);
CREATE INDEX IF NOT EXISTS events_article ON events(article_id);
CREATE INDEX IF NOT EXISTS events_root_date ON events(root, date);
-- Stories: articles about one happening over days, clustered incrementally at ingest.
CREATE TABLE IF NOT EXISTS stories (
    id          TEXT PRIMARY KEY,      -- the id of its first article
    title       TEXT NOT NULL,         -- the title of its earliest article
    first_date  TEXT,
    last_date   TEXT,
    articles    INTEGER NOT NULL,
    sources     INTEGER NOT NULL
);
-- `marsad watch`: each feed's validators for conditional GETs, and the items it is done with
-- (stored, duplicate, or failed for good with the reason), so a restart fetches nothing twice.
CREATE TABLE IF NOT EXISTS feeds (
    url           TEXT PRIMARY KEY,
    etag          TEXT,
    last_modified TEXT,
    last_polled   TEXT
);
CREATE TABLE IF NOT EXISTS feed_items (
    url         TEXT PRIMARY KEY,      -- the item's link as the feed gives it
    feed_url    TEXT NOT NULL,
    first_seen  TEXT NOT NULL,
    outcome     TEXT NOT NULL,         -- stored | duplicate | failed
    reason      TEXT
);
CREATE INDEX IF NOT EXISTS feed_items_feed ON feed_items(feed_url);
CREATE TABLE IF NOT EXISTS batches (
    id          INTEGER PRIMARY KEY,
    finished_at TEXT NOT NULL,
    stored      INTEGER NOT NULL,
    duplicates  INTEGER NOT NULL
);
";

pub fn open(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.execute_batch(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    )?;
    init(&conn)?;
    Ok(conn)
}

/// Creates the schema, adding the columns a store made before near-duplicates lacks.
pub fn init(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(SCHEMA)?;
    let has = |table: &str, col: &str| -> rusqlite::Result<bool> {
        let mut stmt = conn.prepare(&format!("PRAGMA table_info({table})"))?;
        let names: Vec<String> = stmt
            .query_map([], |r| r.get(1))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(names.iter().any(|n| n == col))
    };
    for (table, col, ty) in [
        ("articles", "canonical_id", "TEXT"),
        ("articles", "story_id", "TEXT"),
        ("events", "group_id", "INTEGER"),
    ] {
        if !has(table, col)? {
            conn.execute_batch(&format!("ALTER TABLE {table} ADD COLUMN {col} {ty}"))?;
        }
    }
    if !has("events", "place_lat")? {
        // A store from before the map: its coordinates are copied out of the events' JSON.
        conn.execute_batch(
            "ALTER TABLE events ADD COLUMN place_lat REAL;
             ALTER TABLE events ADD COLUMN place_lon REAL;
             UPDATE events SET place_lat = json_extract(json, '$.place.lat'),
                               place_lon = json_extract(json, '$.place.lon');",
        )?;
    }
    if !has("mentions", "kind")? {
        // A store from before mention kinds: its adjectives are nisbas, the rest read as names.
        conn.execute_batch(
            "ALTER TABLE mentions ADD COLUMN kind TEXT NOT NULL DEFAULT 'name';
             UPDATE mentions SET kind = 'nisba' WHERE adjective = 1;",
        )?;
    }
    conn.execute_batch(
        "CREATE INDEX IF NOT EXISTS articles_story ON articles(story_id);
         CREATE INDEX IF NOT EXISTS articles_canonical ON articles(canonical_id);
         CREATE INDEX IF NOT EXISTS events_group ON events(group_id);
         -- Covers the map's and the timeline's counts (and their date, root and country
         -- filters): they read this index, never the events' JSON.
         CREATE INDEX IF NOT EXISTS events_counts ON events(date, root, quad_class,
             place_country, place_entity, place_name, place_lat, place_lon, actor1_country,
             actor2_country);",
    )
}

/// (canonical_id, story_id) of an article.
pub fn dedup_marks(
    conn: &Connection,
    id: &str,
) -> rusqlite::Result<(Option<String>, Option<String>)> {
    conn.query_row(
        "SELECT canonical_id, story_id FROM articles WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()
    .map(|o| o.unwrap_or((None, None)))
}

/// What became of one article offered to the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Stored,
    /// Already in the store (or earlier in the same batch) under this id.
    Duplicate {
        of: String,
        same_source_id: bool,
    },
}

pub fn next_batch(conn: &Connection) -> rusqlite::Result<i64> {
    let max: Option<i64> = conn.query_row("SELECT max(batch) FROM articles", [], |r| r.get(0))?;
    let max_b: Option<i64> = conn.query_row("SELECT max(id) FROM batches", [], |r| r.get(0))?;
    Ok(max.unwrap_or(0).max(max_b.unwrap_or(0)) + 1)
}

/// Which articles of a batch are new and which are copies of an article already stored (or of
/// an earlier one in the same batch). Reads only: the caller holds the store's single writer,
/// so nothing changes between this and [`insert_batch`].
pub fn classify(conn: &Connection, items: &[Analyzed]) -> rusqlite::Result<Vec<Outcome>> {
    use std::collections::HashSet;
    let mut exists = conn.prepare_cached("SELECT 1 FROM articles WHERE id = ?1")?;
    let mut seen =
        conn.prepare_cached("SELECT 1 FROM sightings WHERE article_id = ?1 AND source_id = ?2")?;
    let mut in_batch: HashSet<&str> = HashSet::new();
    let mut sightings: HashSet<(&str, &str)> = HashSet::new();
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let a = &item.article;
        let o = if in_batch.contains(a.id.as_str()) {
            Outcome::Duplicate {
                of: a.id.clone(),
                same_source_id: sightings.contains(&(a.id.as_str(), a.source_id.as_str())),
            }
        } else if exists.exists(params![a.id])? {
            Outcome::Duplicate {
                of: a.id.clone(),
                same_source_id: sightings.contains(&(a.id.as_str(), a.source_id.as_str()))
                    || seen.exists(params![a.id, a.source_id])?,
            }
        } else {
            in_batch.insert(&a.id);
            Outcome::Stored
        };
        sightings.insert((&a.id, &a.source_id));
        out.push(o);
    }
    Ok(out)
}

/// Inserts a batch in one transaction: the articles [`classify`] found new, with what the dedup
/// stage decided for them (`decisions`, aligned with `items`; `None` for copies), and a
/// sighting for every document; then refreshes the stories the batch touched.
pub fn insert_batch(
    conn: &mut Connection,
    batch: i64,
    items: &[Analyzed],
    decisions: &[Option<Decision>],
) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    let mut stored = 0i64;
    {
        let mut insert = tx.prepare_cached(
            "INSERT INTO articles (id, source_id, source, url, published, title, tags, meta, paragraphs, batch, canonical_id, story_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        let mut sight = tx.prepare_cached(
            "INSERT OR IGNORE INTO sightings (article_id, source_id, source, url, batch) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        let mut entity = tx.prepare_cached(
            "INSERT OR IGNORE INTO entities (id, name, name_ar, name_key, type, iso3, cameo) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        let mut mention = tx.prepare_cached(
            "INSERT OR IGNORE INTO mentions (article_id, entity_id, paragraph, start, end, text, adjective, kind)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        let mut event = tx.prepare_cached(
            "INSERT INTO events (article_id, code, root, quad_class, goldstein, actor1_code, actor1_country,
                actor1_entity, actor2_code, actor2_country, actor2_entity, date, place_name, place_country,
                place_entity, confidence, json, group_id, place_lat, place_lon)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
        )?;
        let mut touched = BTreeSet::new();
        for (item, d) in items.iter().zip(decisions) {
            let a = &item.article;
            if let Some(d) = d {
                stored += 1;
                touched.insert(d.marks.story);
                insert.execute(params![
                    a.id,
                    a.source_id,
                    a.source,
                    a.url,
                    a.published.map(|d| d.to_string()),
                    a.title,
                    json(&a.tags),
                    json(&a.meta),
                    json(&a.paragraphs),
                    batch,
                    d.marks.canonical.map(hex),
                    hex(d.marks.story),
                ])?;
                for e in &item.entities {
                    let key = entity_key(e);
                    entity.execute(params![
                        key,
                        e.name,
                        e.name_ar,
                        marsad_text::match_key(&e.name_ar),
                        e.kind,
                        e.codes.iso3,
                        e.codes.cameo
                    ])?;
                    for m in &e.mentions {
                        mention.execute(params![
                            a.id,
                            key,
                            m.paragraph,
                            m.start,
                            m.end,
                            m.text,
                            m.is_nisba(),
                            m.kind.as_str()
                        ])?;
                    }
                }
                for (i, ev) in item.events.iter().enumerate() {
                    let a2 = ev.actor2.as_ref();
                    let place = ev.place.as_ref();
                    event.execute(params![
                        a.id,
                        ev.code,
                        ev.root,
                        ev.quad_class,
                        ev.goldstein,
                        ev.actor1.code,
                        ev.actor1.country,
                        ev.actor1.entity,
                        a2.and_then(|x| x.code.clone()),
                        a2.and_then(|x| x.country.clone()),
                        a2.and_then(|x| x.entity.clone()),
                        ev.date.map(|d| d.to_string()),
                        place.map(|p| p.name.clone()),
                        place.and_then(|p| p.country.clone()),
                        place.and_then(|p| p.entity.clone()),
                        ev.confidence,
                        json(ev),
                        d.groups.get(i).map(|&g| g as i64),
                        place.and_then(|p| p.lat),
                        place.and_then(|p| p.lon),
                    ])?;
                }
            }
            sight.execute(params![a.id, a.source_id, a.source, a.url, batch])?;
        }
        refresh_stories(&tx, touched.iter().map(|&s| hex(s)))?;
    }
    tx.execute(
        "INSERT INTO batches (id, finished_at, stored, duplicates) VALUES (?1, datetime('now'), ?2, ?3)",
        params![batch, stored, items.len() as i64 - stored],
    )?;
    tx.commit()
}

/// Rewrites the `stories` rows of these stories (hex ids) from their articles; a story left
/// without articles loses its row. A story's title is its earliest article's (the first stored
/// among equals).
pub fn refresh_stories<S: AsRef<str>>(
    conn: &Connection,
    stories: impl IntoIterator<Item = S>,
) -> rusqlite::Result<()> {
    let mut delete = conn.prepare_cached("DELETE FROM stories WHERE id = ?1")?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO stories (id, title, first_date, last_date, articles, sources)
         SELECT ?1,
                (SELECT title FROM articles WHERE story_id = ?1 ORDER BY published IS NULL, published, batch, rowid LIMIT 1),
                min(published), max(published), count(*), count(DISTINCT source)
         FROM articles WHERE story_id = ?1 GROUP BY story_id",
    )?;
    for s in stories {
        delete.execute([s.as_ref()])?;
        insert.execute([s.as_ref()])?;
    }
    Ok(())
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "null".into())
}

pub fn get_article(conn: &Connection, id: &str) -> rusqlite::Result<Option<Article>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, source_id, source, url, published, title, tags, meta, paragraphs FROM articles WHERE id = ?1",
    )?;
    stmt.query_row(params![id], row_to_article).optional()
}

/// Finds an article by marsad id, by a unique id prefix, or by a source id it was read under.
pub fn resolve_id(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    if let Some(id) = conn
        .query_row("SELECT id FROM articles WHERE id = ?1", params![key], |r| {
            r.get::<_, String>(0)
        })
        .optional()?
    {
        return Ok(Some(id));
    }
    if let Some(id) = conn
        .query_row(
            "SELECT article_id FROM sightings WHERE source_id = ?1 LIMIT 1",
            params![key],
            |r| r.get(0),
        )
        .optional()?
    {
        return Ok(Some(id));
    }
    if key.len() >= 4 && key.bytes().all(|b| b.is_ascii_hexdigit()) {
        let mut stmt = conn.prepare("SELECT id FROM articles WHERE id LIKE ?1 || '%' LIMIT 2")?;
        let ids: Vec<String> = stmt
            .query_map(params![key], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        if ids.len() == 1 {
            return Ok(ids.into_iter().next());
        }
    }
    Ok(None)
}

pub fn row_to_article(r: &rusqlite::Row<'_>) -> rusqlite::Result<Article> {
    let text = |i: usize| -> rusqlite::Result<String> { r.get(i) };
    let published: Option<String> = r.get(4)?;
    Ok(Article {
        id: text(0)?,
        source_id: text(1)?,
        source: r.get(2)?,
        url: r.get(3)?,
        published: published.and_then(|p| chrono::NaiveDate::parse_from_str(&p, "%Y-%m-%d").ok()),
        title: text(5)?,
        tags: serde_json::from_str(&text(6)?).unwrap_or_default(),
        meta: serde_json::from_str(&text(7)?).unwrap_or_default(),
        paragraphs: serde_json::from_str(&text(8)?).unwrap_or_default(),
    })
}

/// Articles of batches after `after`, for re-indexing what a crash left out of the index.
pub fn articles_after_batch(conn: &Connection, after: i64) -> rusqlite::Result<Vec<Article>> {
    let mut stmt = conn.prepare(
        "SELECT id, source_id, source, url, published, title, tags, meta, paragraphs FROM articles WHERE batch > ?1 ORDER BY batch, rowid",
    )?;
    let rows = stmt.query_map(params![after], row_to_article)?;
    rows.collect()
}

pub fn max_batch(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("SELECT coalesce(max(batch), 0) FROM articles", [], |r| {
        r.get(0)
    })
}

/// The key an entity is stored under: its KB id, or `new:TYPE:match-key` for an unknown name.
pub fn entity_key(e: &FoundEntity) -> String {
    match &e.id {
        Some(id) => id.clone(),
        None => format!("new:{}:{}", e.kind, marsad_text::match_key(&e.name_ar)),
    }
}

/// The entity keys of an article (for the index).
pub fn article_entity_keys(conn: &Connection, article_id: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt =
        conn.prepare_cached("SELECT DISTINCT entity_id FROM mentions WHERE article_id = ?1")?;
    let rows = stmt.query_map(params![article_id], |r| r.get(0))?;
    rows.collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_store_from_before_mention_kinds_gets_them_and_keeps_its_nisbas() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE mentions (
                article_id TEXT NOT NULL, entity_id TEXT NOT NULL, paragraph INTEGER NOT NULL,
                start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL,
                adjective INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (article_id, paragraph, start, entity_id));
             INSERT INTO mentions VALUES ('a', 'country:RUS', 0, 0, 10, 'روسيا', 0);
             INSERT INTO mentions VALUES ('a', 'country:RUS', 0, 20, 32, 'الروسي', 1);",
        )
        .unwrap();
        init(&conn).unwrap();
        let kinds: Vec<String> = conn
            .prepare("SELECT kind FROM mentions ORDER BY start")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(kinds, ["name", "nisba"]);
        // Opening again changes nothing.
        init(&conn).unwrap();
    }

    #[test]
    fn a_store_from_before_the_map_gets_its_coordinates_out_of_the_json() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            r#"CREATE TABLE events (
                id INTEGER PRIMARY KEY, article_id TEXT NOT NULL, code TEXT NOT NULL,
                root TEXT NOT NULL, quad_class INTEGER NOT NULL, goldstein REAL NOT NULL,
                actor1_code TEXT, actor1_country TEXT, actor1_entity TEXT, actor2_code TEXT,
                actor2_country TEXT, actor2_entity TEXT, date TEXT, place_name TEXT,
                place_country TEXT, place_entity TEXT, confidence REAL NOT NULL,
                json TEXT NOT NULL);
             INSERT INTO events (article_id, code, root, quad_class, goldstein, confidence, json)
             VALUES ('a', '190', '19', 4, -10, 1, '{"place":{"name":"Tripoli","lat":32.9,"lon":13.2}}'),
                    ('a', '040', '04', 1, 1, 1, '{"place":null}');"#,
        )
        .unwrap();
        init(&conn).unwrap();
        let coords: Vec<(Option<f64>, Option<f64>)> = conn
            .prepare("SELECT place_lat, place_lon FROM events ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(coords, [(Some(32.9), Some(13.2)), (None, None)]);
        init(&conn).unwrap();
    }
}
