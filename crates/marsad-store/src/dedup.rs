//! Near-duplicates, stories and event groups at ingest, through `marsad-dedup`.
//!
//! Each stored article is added, incrementally and in storing order, to three indexes
//! ([`decide`]); ingest does it from the batch in memory, before the batch's SQLite
//! transaction, so the marks are written with the rows; crash repair ([`process`]) does the same
//! from the rows SQLite has and writes the marks with updates:
//! - a [`NearDupIndex`]: a near-duplicate of an earlier article gets `articles.canonical_id`;
//! - a [`StoryIndex`] (title and lead terms, entities, event keys, the canonical): every article
//!   gets `articles.story_id`, the hex id of its story's first article; the `stories` table is
//!   refreshed for the stories the batch touched;
//! - an [`EventIndex`] over [`event_key`] (actors, CAMEO root, place; dates at most a day apart):
//!   every event gets `events.group_id`, the same for every report of one happening.
//!
//! The indexes' states live in `dedup/` in the data directory (`near.bin`, `stories.bin`,
//! `events.bin`, and `state.json` naming the last batch they include), each written to a
//! temporary file and renamed, after the batch's SQLite commit. Opening a store re-adds the
//! articles of later batches (a crash in between), exactly as the search index is repaired.

use std::collections::BTreeSet;
use std::io::{BufReader, BufWriter, Write};
use std::path::Path;

use chrono::NaiveDate;
use marsad_dedup::{
    event_key, sketch, EventIndex, NearDupIndex, StoryIndex, StoryInput, DEFAULT_THRESHOLD,
};
use rusqlite::{params, Connection};

use crate::marks::{doc_u64, hex, Decision, Marks};
use crate::{Result, StoreError};

/// The three indexes and the last batch they include.
pub struct DedupState {
    pub near: NearDupIndex,
    pub stories: StoryIndex,
    pub events: EventIndex,
    pub batch: i64,
}

impl Default for DedupState {
    fn default() -> Self {
        DedupState {
            near: NearDupIndex::new(DEFAULT_THRESHOLD),
            stories: StoryIndex::default(),
            events: EventIndex::new(),
            batch: 0,
        }
    }
}

const FILES: [&str; 3] = ["near.bin", "stories.bin", "events.bin"];

impl DedupState {
    /// Reads the saved state; a fresh state (batch 0, so everything is re-added) when it is
    /// missing or unreadable.
    pub fn load(dir: &Path) -> DedupState {
        Self::try_load(&dir.join("dedup")).unwrap_or_default()
    }

    /// The last batch the saved state includes (0 when there is none), without loading it.
    pub fn saved_batch(dir: &Path) -> i64 {
        std::fs::read_to_string(dir.join("dedup").join("state.json"))
            .ok()
            .and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok())
            .and_then(|v| v.get("batch")?.as_i64())
            .unwrap_or(0)
    }

    fn try_load(d: &Path) -> Option<DedupState> {
        let state = std::fs::read_to_string(d.join("state.json")).ok()?;
        let v: serde_json::Value = serde_json::from_str(&state).ok()?;
        let batch = v.get("batch")?.as_i64()?;
        let open = |name: &str| std::fs::File::open(d.join(name)).ok().map(BufReader::new);
        Some(DedupState {
            near: NearDupIndex::load(open(FILES[0])?).ok()?,
            stories: StoryIndex::load(open(FILES[1])?).ok()?,
            events: EventIndex::load(open(FILES[2])?).ok()?,
            batch,
        })
    }

    /// Writes the state atomically per file (temporary file, then rename), `state.json` last.
    pub fn save(&self, dir: &Path) -> Result<()> {
        let d = dir.join("dedup");
        let err = |e: std::io::Error| StoreError::Other(format!("{}: {e}", d.display()));
        std::fs::create_dir_all(&d).map_err(err)?;
        let write = |name: &str,
                     f: &dyn Fn(&mut BufWriter<std::fs::File>) -> std::io::Result<()>|
         -> std::io::Result<()> {
            let tmp = d.join(format!("{name}.tmp"));
            let mut w = BufWriter::new(std::fs::File::create(&tmp)?);
            f(&mut w)?;
            w.flush()?;
            w.get_ref().sync_all()?;
            drop(w);
            std::fs::rename(&tmp, d.join(name))
        };
        write(FILES[0], &|w| self.near.save(w)).map_err(err)?;
        write(FILES[1], &|w| self.stories.save(w)).map_err(err)?;
        write(FILES[2], &|w| self.events.save(w)).map_err(err)?;
        write("state.json", &|w| {
            write!(w, "{{\"batch\": {}}}", self.batch)
        })
        .map_err(err)?;
        Ok(())
    }
}

/// What the dedup stage looks at in one stored article. Ingest builds it from the batch in
/// memory ([`Input::of`]); crash repair builds the same from SQLite (in [`process`]).
pub struct Input<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub published: Option<NaiveDate>,
    pub sketch: &'a marsad_dedup::DocSketch,
    /// Distinct entity keys of its mentions, sorted.
    pub entities: Vec<String>,
    /// Each event's cross-article key, in storing order.
    pub event_keys: Vec<String>,
    /// Each event's own date, aligned with `event_keys`.
    pub event_dates: Vec<Option<NaiveDate>>,
}

impl<'a> Input<'a> {
    /// The input of an analysed article; `sketch` is its sketch (see [`Analyzed::sketch`]).
    ///
    /// [`Analyzed::sketch`]: crate::Analyzed
    pub fn of(item: &'a crate::Analyzed, sketch: &'a marsad_dedup::DocSketch) -> Input<'a> {
        // Only entities with a stored mention count, as in the `mentions` table.
        let mut entities: Vec<String> = item
            .entities
            .iter()
            .filter(|e| !e.mentions.is_empty())
            .map(crate::entity_key)
            .collect();
        entities.sort_unstable();
        entities.dedup();
        let event_keys = item
            .events
            .iter()
            .map(|ev| {
                let a2 = ev.actor2.as_ref();
                let place = ev.place.as_ref();
                key_of(
                    ev.actor1.code.as_deref(),
                    ev.actor1.entity.as_deref(),
                    a2.and_then(|x| x.code.as_deref()),
                    a2.and_then(|x| x.entity.as_deref()),
                    &ev.root,
                    place.map(|p| p.entity.as_deref().unwrap_or(&p.name)),
                )
            })
            .collect();
        Input {
            id: &item.article.id,
            title: &item.article.title,
            published: item.article.published,
            sketch,
            entities,
            event_keys,
            event_dates: item.events.iter().map(|ev| ev.date).collect(),
        }
    }
}

/// The cross-article key of a stored event: actor codes (else entity ids), root, place.
fn key_of(
    a1: Option<&str>,
    a1e: Option<&str>,
    a2: Option<&str>,
    a2e: Option<&str>,
    root: &str,
    place: Option<&str>,
) -> String {
    event_key(
        a1.or(a1e).unwrap_or_default(),
        a2.or(a2e).unwrap_or_default(),
        root,
        place.unwrap_or_default(),
    )
}

/// Adds one article to the three indexes and returns what they decided. Articles must come in
/// storing order (batch, then insertion order): ingest and repair both do.
pub fn decide(state: &mut DedupState, x: &Input) -> Decision {
    let doc = doc_u64(x.id);
    let canonical = state
        .near
        .add(doc, x.sketch)
        .map(|c| c.0)
        .filter(|&c| c != doc);
    let mut groups = Vec::with_capacity(x.event_keys.len());
    for (key, date) in x.event_keys.iter().zip(&x.event_dates) {
        // An undated report can only be matched within its near-duplicate group (copies of one
        // article report the same events).
        let (group, _) = match date.or(x.published) {
            Some(d) => state.events.add(key, d),
            None => state.events.add(
                &undated_key(canonical.unwrap_or(doc), key),
                NaiveDate::default(),
            ),
        };
        groups.push(group);
    }
    let story = state.stories.add(StoryInput {
        doc,
        date: x.published,
        title: x.title,
        sketch: x.sketch,
        entities: &x.entities,
        event_keys: &x.event_keys,
        dup_of: canonical,
    });
    Decision {
        marks: Marks { canonical, story },
        groups,
    }
}

/// The group key of an event with neither its own date nor its article's: such a report can
/// only be matched within its near-duplicate group, so the key names the group's canonical
/// article (the article itself when it copies nothing); it is grouped at day zero.
pub fn undated_key(canonical: u64, key: &str) -> String {
    format!("undated:{}:{key}", hex(canonical))
}

/// Crash repair: adds the articles of every batch after `state.batch` up to `upto`, read back
/// from SQLite, to the indexes and writes their `canonical_id`, `story_id`, `group_id` and the
/// touched `stories` rows in one transaction. The caller saves the state.
pub fn process(conn: &mut Connection, state: &mut DedupState, upto: i64) -> Result<()> {
    if upto <= state.batch {
        return Ok(());
    }
    let tx = conn.transaction()?;
    {
        let mut arts = tx.prepare(
            "SELECT id, title, paragraphs, published, story_id FROM articles WHERE batch > ?1 AND batch <= ?2 ORDER BY batch, rowid",
        )?;
        // Stories the rows were in before: a story that loses its articles loses its row.
        let mut touched: BTreeSet<String> = BTreeSet::new();
        let mut rows: Vec<(String, String, Vec<String>, Option<NaiveDate>)> = Vec::new();
        let mut found = arts.query(params![state.batch, upto])?;
        while let Some(r) = found.next()? {
            touched.extend(r.get::<_, Option<String>>(4)?);
            rows.push((
                r.get(0)?,
                r.get(1)?,
                serde_json::from_str(&r.get::<_, String>(2)?).unwrap_or_default(),
                day(r.get(3)?),
            ));
        }
        drop(found);
        let mut ents = tx.prepare_cached(
            "SELECT DISTINCT entity_id FROM mentions WHERE article_id = ?1 ORDER BY entity_id",
        )?;
        let mut evs = tx.prepare_cached(
            "SELECT id, actor1_code, actor1_entity, actor2_code, actor2_entity, root, coalesce(place_entity, place_name), date
             FROM events WHERE article_id = ?1 ORDER BY id",
        )?;
        let mut set_group = tx.prepare_cached("UPDATE events SET group_id = ?2 WHERE id = ?1")?;
        let mut set_marks = tx
            .prepare_cached("UPDATE articles SET canonical_id = ?2, story_id = ?3 WHERE id = ?1")?;
        for (id, title, paragraphs, published) in &rows {
            let sk = sketch(title, paragraphs);
            let entities: Vec<String> = ents
                .query_map([id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let mut event_ids = Vec::new();
            let mut event_keys = Vec::new();
            let mut event_dates = Vec::new();
            let mut found = evs.query([id])?;
            while let Some(r) = found.next()? {
                event_ids.push(r.get::<_, i64>(0)?);
                let text = |i: usize| r.get::<_, Option<String>>(i);
                event_keys.push(key_of(
                    text(1)?.as_deref(),
                    text(2)?.as_deref(),
                    text(3)?.as_deref(),
                    text(4)?.as_deref(),
                    &r.get::<_, String>(5)?,
                    text(6)?.as_deref(),
                ));
                event_dates.push(day(r.get(7)?));
            }
            let d = decide(
                state,
                &Input {
                    id,
                    title,
                    published: *published,
                    sketch: &sk,
                    entities,
                    event_keys,
                    event_dates,
                },
            );
            for (eid, g) in event_ids.iter().zip(&d.groups) {
                set_group.execute(params![*eid, *g as i64])?;
            }
            set_marks.execute(params![id, d.marks.canonical.map(hex), hex(d.marks.story)])?;
            touched.insert(hex(d.marks.story));
        }
        crate::db::refresh_stories(&tx, &touched)?;
    }
    tx.commit()?;
    state.batch = upto;
    Ok(())
}

/// A stored `YYYY-MM-DD` date.
fn day(s: Option<String>) -> Option<NaiveDate> {
    s.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
}

/// The store's dedup state: loaded on first need, caught up with SQLite, saved after commits.
impl crate::Store {
    /// Re-adds to the near-duplicate, story and event indexes the batches SQLite has and their
    /// saved state lacks (a crash between the two, or deleted state files).
    pub(crate) fn repair_dedup(&mut self) -> Result<()> {
        let max = crate::db::max_batch(&self.db)?;
        let saved = match &self.dedup {
            Some(s) => s.batch,
            None => DedupState::saved_batch(&self.dir),
        };
        if max > saved {
            self.dedup_state()?;
        }
        Ok(())
    }

    /// The dedup state, loaded on first need and caught up with SQLite: a state file that is
    /// missing, unreadable or of an older format is rebuilt from the stored articles.
    pub(crate) fn dedup_state(&mut self) -> Result<&mut DedupState> {
        let dir = self.dir.clone();
        let state = self.dedup.get_or_insert_with(|| DedupState::load(&dir));
        let max = crate::db::max_batch(&self.db)?;
        if state.batch < max {
            process(&mut self.db, state, max)?;
            self.save_dedup()?;
        }
        self.dedup
            .as_mut()
            .ok_or_else(|| StoreError::Other("the dedup state was not loaded".into()))
    }

    pub(crate) fn save_dedup(&self) -> Result<()> {
        match &self.dedup {
            Some(s) if !self.dir.as_os_str().is_empty() => s.save(&self.dir),
            _ => Ok(()),
        }
    }
}
