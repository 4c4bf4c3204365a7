//! Stories: incremental clustering of articles about one happening, across outlets and days.
//!
//! A story keeps a compact profile: its date span, the title+lead terms its members use most
//! (hashes with member counts, capped), its entity ids and its event keys. A new article is
//! compared only with stories that share a rare term, an entity or an event key with it (an
//! inverted index with short, recent posting lists) and whose span, widened by the window, holds
//! the article's date. It joins the best story whose score reaches the threshold, or starts a new
//! one. Nothing is ever recomputed: an add costs the same with 1,000 or 1,000,000 stories.
//!
//! The score (0‥1, plus a bonus) is
//! - text: the idf weight (document frequencies counted as articles arrive) of the article's
//!   terms that the story's profile holds, over the weight of the article's 12 rarest terms
//!   (capped at 1), so generic words count little and new details do not dilute;
//! - entities: the same share over entity ids, mixed in when the article has entities;
//! - events: a bonus when an event key is shared (the same coded event, see [`crate::events`]).
//!
//! A near-duplicate (the canonical returned by [`crate::NearDupIndex::add`], passed as
//! `dup_of`) joins its canonical's story directly: copies of a wire are one story by definition.
//!
//! Not done here: merging two stories that turn out to be one (a bridge article arriving late);
//! splitting a story that drifted. Both would need a recompute, which the design rules out per
//! batch; a periodic offline pass could do it.

use std::io::{self, Read, Write};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::lsh::FastMap;
use crate::sketch::{hash_bytes, DocSketch};

/// One article as the story index sees it.
#[derive(Clone, Copy, Debug)]
pub struct StoryInput<'a> {
    pub doc: u64,
    /// Publication date; an undated article is compared with stories of any date.
    pub date: Option<NaiveDate>,
    /// Used only when the sketch has no terms (an article added with a bare sketch).
    pub title: &'a str,
    pub sketch: &'a DocSketch,
    /// Linked entity ids (KB ids, or `new:TYPE:key`).
    pub entities: &'a [String],
    /// Keys of the article's coded events ([`crate::event_key`]).
    pub event_keys: &'a [String],
    /// The canonical this article near-duplicates, if any (from `NearDupIndex::add`).
    pub dup_of: Option<u64>,
}

/// Tuning of the story index; the defaults are what the tests and the ANT run use.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoryParams {
    /// An article may join a story whose span, widened by this many days on each side, holds
    /// its date.
    pub window_days: i32,
    /// Minimum score to join a story.
    pub threshold: f32,
    /// Terms kept per story profile (the most used by its members).
    pub max_terms: usize,
    /// Entities kept per story profile.
    pub max_entities: usize,
}

impl Default for StoryParams {
    fn default() -> Self {
        StoryParams {
            window_days: 3,
            threshold: 0.4,
            max_terms: 40,
            max_entities: 16,
        }
    }
}

struct Story {
    id: u64,
    /// Days since 0001-01-01 (chrono's `num_days_from_ce`); `UNDATED` while no member had a date.
    first: i32,
    last: i32,
    size: u32,
    terms: Vec<(u32, u32)>,
    entities: Vec<(u32, u32)>,
    events: Vec<u32>,
}

const UNDATED: i32 = i32::MIN;
/// Posting lists keep the most recent stories only: stories are local in time, and a frequent
/// term must not make every add scan thousands of stories.
const POSTING_CAP: usize = 64;
/// Keys of an article used to look up candidate stories: its rarest terms (plus all entities
/// and event keys).
const LOOKUP_TERMS: usize = 10;
const IDF_PRIOR_DOCS: f32 = 1000.0;
/// The text score counts shared weight against this many of the article's rarest terms.
const TEXT_NORM_TERMS: usize = 12;
/// Candidates actually scored, the ones hit by most keys.
const SCORED: usize = 24;

/// Incremental story clustering (see the module doc).
pub struct StoryIndex {
    params: StoryParams,
    stories: Vec<Story>,
    doc_story: FastMap<u64, u32>,
    /// Document frequency of every term and entity hash, for idf weights.
    df: FastMap<u32, u32>,
    docs: u64,
    postings: FastMap<u32, Vec<u32>>,
}

/// Entity and event hashes live in the same maps as term hashes; a salt keeps them apart.
fn entity_hash(e: &str) -> u32 {
    (hash_bytes(e.as_bytes()) ^ 0x454E_5449_5459) as u32
}
fn event_hash(e: &str) -> u32 {
    (hash_bytes(e.as_bytes()) ^ 0x0045_5645_4E54) as u32 | 1
}

impl Default for StoryIndex {
    fn default() -> Self {
        Self::new(StoryParams::default())
    }
}

impl StoryIndex {
    pub fn new(params: StoryParams) -> Self {
        StoryIndex {
            params,
            stories: Vec::new(),
            doc_story: FastMap::default(),
            df: FastMap::default(),
            docs: 0,
            postings: FastMap::default(),
        }
    }

    /// Number of stories.
    pub fn len(&self) -> usize {
        self.stories.len()
    }

    pub fn is_empty(&self) -> bool {
        self.stories.is_empty()
    }

    /// The story of an added article.
    pub fn story_of(&self, doc: u64) -> Option<u64> {
        self.doc_story
            .get(&doc)
            .map(|&s| self.stories[s as usize].id)
    }

    /// Size and date span of a story, by id (linear scan: for reports, not hot paths).
    pub fn story_info(&self, id: u64) -> Option<(u32, Option<NaiveDate>, Option<NaiveDate>)> {
        self.stories.iter().find(|s| s.id == id).map(|s| {
            (
                s.size,
                NaiveDate::from_num_days_from_ce_opt(s.first),
                NaiveDate::from_num_days_from_ce_opt(s.last),
            )
        })
    }

    /// Adds an article and returns its story id. A story's id is the id of its first article.
    /// Re-adding an article returns its story and changes nothing.
    pub fn add(&mut self, x: StoryInput) -> u64 {
        if let Some(&s) = self.doc_story.get(&x.doc) {
            return self.stories[s as usize].id;
        }
        let owned_terms;
        let terms: &[u32] = if x.sketch.terms.is_empty() && !x.title.is_empty() {
            owned_terms = crate::sketch::sketch(x.title, &[]).terms;
            &owned_terms
        } else {
            &x.sketch.terms
        };
        let mut ents: Vec<u32> = x.entities.iter().map(|e| entity_hash(e)).collect();
        ents.sort_unstable();
        ents.dedup();
        let mut evs: Vec<u32> = x.event_keys.iter().map(|e| event_hash(e)).collect();
        evs.sort_unstable();
        evs.dedup();
        let day = x.date.map(|d| d.num_days_from_ce());

        // Document frequencies first, so the article's own terms have df ≥ 1.
        self.docs += 1;
        for &t in terms.iter().chain(&ents) {
            *self.df.entry(t).or_insert(0) += 1;
        }

        let joined = x
            .dup_of
            .and_then(|d| self.doc_story.get(&d).copied())
            .or_else(|| self.best_story(terms, &ents, &evs, day));
        let s = match joined {
            Some(s) => s,
            None => {
                self.stories.push(Story {
                    id: x.doc,
                    first: UNDATED,
                    last: UNDATED,
                    size: 0,
                    terms: Vec::new(),
                    entities: Vec::new(),
                    events: Vec::new(),
                });
                (self.stories.len() - 1) as u32
            }
        };
        self.absorb(s, terms, &ents, &evs, day);
        self.doc_story.insert(x.doc, s);
        self.stories[s as usize].id
    }

    fn idf(&self, h: u32) -> f32 {
        let df = self.df.get(&h).copied().unwrap_or(0) as f32;
        // A prior of IDF_PRIOR_DOCS unseen documents keeps weights near-flat while the index
        // is young (a handful of articles say nothing about which words are rare).
        (1.0 + (self.docs as f32 + IDF_PRIOR_DOCS) / (1.0 + df)).ln()
    }

    fn in_window(&self, s: &Story, day: Option<i32>) -> bool {
        match (day, s.first) {
            (None, _) | (_, UNDATED) => true,
            (Some(d), _) => {
                d >= s.first - self.params.window_days && d <= s.last + self.params.window_days
            }
        }
    }

    fn best_story(
        &self,
        terms: &[u32],
        ents: &[u32],
        evs: &[u32],
        day: Option<i32>,
    ) -> Option<u32> {
        // Lookup keys: the rarest terms, all entities, all event keys.
        // Weights once per article, not once per candidate story.
        let term_w: Vec<f32> = terms.iter().map(|&t| self.idf(t)).collect();
        let ent_w: Vec<f32> = ents.iter().map(|&e| self.idf(e)).collect();
        let mut by_idf: Vec<(f32, u32)> =
            term_w.iter().copied().zip(terms.iter().copied()).collect();
        by_idf.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        // Stories hit by each key, counted by sorting (cheaper than a map for a few hundred).
        let mut hit: Vec<u32> = Vec::with_capacity(256);
        let keys = by_idf
            .iter()
            .take(LOOKUP_TERMS)
            .map(|p| p.1)
            .chain(ents.iter().copied())
            .chain(evs.iter().copied());
        for k in keys {
            if let Some(list) = self.postings.get(&k) {
                hit.extend_from_slice(list);
            }
        }
        hit.sort_unstable();
        let mut cands: Vec<(u32, u32)> = Vec::with_capacity(hit.len());
        for run in hit.chunk_by(|a, b| a == b) {
            cands.push((run.len() as u32, run[0]));
        }
        cands.sort_unstable_by(|a, b| b.cmp(a));
        // The text score is normalised by the weight of the article's most distinctive terms,
        // not all of them: a follow-up shares the happening's few rare words (place, what
        // happened) with the story, and brings new details that must not dilute the score.
        let tw: f32 = by_idf.iter().take(TEXT_NORM_TERMS).map(|p| p.0).sum();
        let ew: f32 = ent_w.iter().sum();
        let mut best: Option<(f32, u32)> = None;
        for &(_, si) in cands.iter().take(SCORED) {
            let st = &self.stories[si as usize];
            if !self.in_window(st, day) {
                continue;
            }
            let text = if tw > 0.0 {
                (covered(terms, &term_w, &st.terms) / tw).min(1.0)
            } else {
                0.0
            };
            let mut score = if ew > 0.0 {
                let ent = covered(ents, &ent_w, &st.entities) / ew;
                0.65 * text + 0.35 * ent
            } else {
                text
            };
            if evs.iter().any(|e| st.events.binary_search(e).is_ok()) {
                score += 0.15;
            }
            let better = match best {
                None => true,
                Some((bs, bi)) => score > bs || (score == bs && si < bi),
            };
            if score >= self.params.threshold && better {
                best = Some((score, si));
            }
        }
        best.map(|b| b.1)
    }

    fn absorb(&mut self, s: u32, terms: &[u32], ents: &[u32], evs: &[u32], day: Option<i32>) {
        let (max_terms, max_entities) = (self.params.max_terms, self.params.max_entities);
        let st = &mut self.stories[s as usize];
        st.size += 1;
        if let Some(d) = day {
            if st.first == UNDATED {
                st.first = d;
                st.last = d;
            } else {
                st.first = st.first.min(d);
                st.last = st.last.max(d);
            }
        }
        let new_terms = merge_counts(&mut st.terms, terms, max_terms);
        let new_ents = merge_counts(&mut st.entities, ents, max_entities);
        let mut new_evs = Vec::new();
        for &e in evs {
            if let Err(p) = st.events.binary_search(&e) {
                if st.events.len() < 32 {
                    st.events.insert(p, e);
                    new_evs.push(e);
                }
            }
        }
        // Post the story under the article's keys it now holds (terms: the rare ones only,
        // common terms would give huge, useless lists).
        let mut keys: Vec<(f32, u32)> = new_terms.iter().map(|&t| (self.idf(t), t)).collect();
        keys.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        keys.truncate(LOOKUP_TERMS);
        for k in keys.into_iter().map(|p| p.1).chain(new_ents).chain(new_evs) {
            let list = self.postings.entry(k).or_default();
            if list.last() != Some(&s) {
                list.push(s);
                if list.len() > POSTING_CAP {
                    list.drain(..POSTING_CAP / 2);
                }
            }
        }
    }

    /// Saves the index (compact little-endian binary). Wrap `w` in a `BufWriter`.
    pub fn save<W: Write>(&self, mut w: W) -> io::Result<()> {
        w.write_all(SMAGIC)?;
        let p = &self.params;
        put_u32(&mut w, p.window_days as u32)?;
        w.write_all(&p.threshold.to_le_bytes())?;
        put_u32(&mut w, p.max_terms as u32)?;
        put_u32(&mut w, p.max_entities as u32)?;
        w.write_all(&self.docs.to_le_bytes())?;
        put_u32(&mut w, self.stories.len() as u32)?;
        for s in &self.stories {
            w.write_all(&s.id.to_le_bytes())?;
            put_u32(&mut w, s.first as u32)?;
            put_u32(&mut w, s.last as u32)?;
            put_u32(&mut w, s.size)?;
            put_pairs(&mut w, &s.terms)?;
            put_pairs(&mut w, &s.entities)?;
            put_u32(&mut w, s.events.len() as u32)?;
            for &e in &s.events {
                put_u32(&mut w, e)?;
            }
        }
        let mut ds: Vec<(&u64, &u32)> = self.doc_story.iter().collect();
        ds.sort_unstable();
        w.write_all(&(ds.len() as u64).to_le_bytes())?;
        for (d, s) in ds {
            w.write_all(&d.to_le_bytes())?;
            put_u32(&mut w, *s)?;
        }
        let mut df: Vec<(u32, u32)> = self.df.iter().map(|(a, b)| (*a, *b)).collect();
        df.sort_unstable();
        put_pairs(&mut w, &df)?;
        let mut keys: Vec<&u32> = self.postings.keys().collect();
        keys.sort_unstable();
        put_u32(&mut w, keys.len() as u32)?;
        for k in keys {
            let list = &self.postings[k];
            put_u32(&mut w, *k)?;
            put_u32(&mut w, list.len() as u32)?;
            for &s in list {
                put_u32(&mut w, s)?;
            }
        }
        w.flush()
    }

    /// Loads an index saved by [`StoryIndex::save`].
    pub fn load<R: Read>(mut r: R) -> io::Result<Self> {
        let mut magic = [0u8; 8];
        r.read_exact(&mut magic)?;
        if &magic != SMAGIC {
            return Err(bad("not a marsad story index (bad magic)"));
        }
        let params = StoryParams {
            window_days: get_u32(&mut r)? as i32,
            threshold: f32::from_bits(get_u32(&mut r)?),
            max_terms: get_u32(&mut r)? as usize,
            max_entities: get_u32(&mut r)? as usize,
        };
        let mut ix = StoryIndex::new(params);
        ix.docs = get_u64(&mut r)?;
        let n = get_u32(&mut r)? as usize;
        for _ in 0..n {
            let id = get_u64(&mut r)?;
            let first = get_u32(&mut r)? as i32;
            let last = get_u32(&mut r)? as i32;
            let size = get_u32(&mut r)?;
            let terms = get_pairs(&mut r)?;
            let entities = get_pairs(&mut r)?;
            let ne = get_u32(&mut r)? as usize;
            let mut events = Vec::with_capacity(ne.min(64));
            for _ in 0..ne {
                events.push(get_u32(&mut r)?);
            }
            ix.stories.push(Story {
                id,
                first,
                last,
                size,
                terms,
                entities,
                events,
            });
        }
        let nd = get_u64(&mut r)?;
        for _ in 0..nd {
            let d = get_u64(&mut r)?;
            let s = get_u32(&mut r)?;
            if s as usize >= n {
                return Err(bad("corrupt story index (story out of range)"));
            }
            ix.doc_story.insert(d, s);
        }
        for (k, v) in get_pairs(&mut r)? {
            ix.df.insert(k, v);
        }
        let np = get_u32(&mut r)?;
        for _ in 0..np {
            let k = get_u32(&mut r)?;
            let len = get_u32(&mut r)? as usize;
            let mut list = Vec::with_capacity(len.min(POSTING_CAP + 1));
            for _ in 0..len {
                let s = get_u32(&mut r)?;
                if s as usize >= n {
                    return Err(bad("corrupt story index (posting out of range)"));
                }
                list.push(s);
            }
            ix.postings.insert(k, list);
        }
        Ok(ix)
    }
}

/// Sum of the weights `w` (one per item of the sorted `xs`) of the items the sorted profile holds.
fn covered(xs: &[u32], w: &[f32], profile: &[(u32, u32)]) -> f32 {
    let mut sum = 0.0;
    for (&x, &wx) in xs.iter().zip(w) {
        if profile.binary_search_by_key(&x, |p| p.0).is_ok() {
            sum += wx;
        }
    }
    sum
}

/// Adds one to the count of each of `xs` in the sorted profile, inserting new ones; when the
/// profile is over `cap`, the least used entries go (the oldest first among equals, since new
/// entries start at one... ties are broken by hash, deterministic). Returns the inserted keys.
fn merge_counts(profile: &mut Vec<(u32, u32)>, xs: &[u32], cap: usize) -> Vec<u32> {
    let mut inserted = Vec::new();
    for &x in xs {
        match profile.binary_search_by_key(&x, |p| p.0) {
            Ok(i) => profile[i].1 += 1,
            Err(i) => {
                profile.insert(i, (x, 1));
                inserted.push(x);
            }
        }
    }
    if profile.len() > cap {
        let mut by_count = profile.clone();
        by_count.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        by_count.truncate(cap);
        by_count.sort_unstable();
        *profile = by_count;
        inserted.retain(|x| profile.binary_search_by_key(x, |p| p.0).is_ok());
    }
    inserted
}

const SMAGIC: &[u8; 8] = b"MSDSTRY1";

fn bad(m: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, m.to_string())
}
fn put_u32<W: Write>(w: &mut W, v: u32) -> io::Result<()> {
    w.write_all(&v.to_le_bytes())
}
fn put_pairs<W: Write>(w: &mut W, v: &[(u32, u32)]) -> io::Result<()> {
    put_u32(w, v.len() as u32)?;
    for &(a, b) in v {
        put_u32(w, a)?;
        put_u32(w, b)?;
    }
    Ok(())
}
fn get_u32<R: Read>(r: &mut R) -> io::Result<u32> {
    let mut b = [0u8; 4];
    r.read_exact(&mut b)?;
    Ok(u32::from_le_bytes(b))
}
fn get_u64<R: Read>(r: &mut R) -> io::Result<u64> {
    let mut b = [0u8; 8];
    r.read_exact(&mut b)?;
    Ok(u64::from_le_bytes(b))
}
fn get_pairs<R: Read>(r: &mut R) -> io::Result<Vec<(u32, u32)>> {
    let n = get_u32(r)? as usize;
    let mut v = Vec::with_capacity(n.min(1 << 16));
    for _ in 0..n {
        let a = get_u32(r)?;
        let b = get_u32(r)?;
        v.push((a, b));
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sketch::sketch;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    struct Art {
        doc: u64,
        date: Option<NaiveDate>,
        title: &'static str,
        body: &'static str,
        ents: Vec<String>,
    }

    fn add(ix: &mut StoryIndex, a: &Art) -> u64 {
        let sk = sketch(a.title, &[a.body.to_string()]);
        ix.add(StoryInput {
            doc: a.doc,
            date: a.date,
            title: a.title,
            sketch: &sk,
            entities: &a.ents,
            event_keys: &[],
            dup_of: None,
        })
    }

    fn ents(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn corpus() -> Vec<Art> {
        vec![
            // One happening over three days, three outlets, three headlines.
            Art { doc: 1, date: d(2017, 3, 10), title: "فيضانات تجتاح ولاية نابل بعد أمطار غزيرة",
                body: "شهدت ولاية نابل فجر اليوم الجمعة فيضانات كبيرة إثر تهاطل كميات هامة من الأمطار، ما تسبب في غلق عدد من الطرقات وانقطاع التيار الكهربائي في عدة مناطق.",
                ents: ents(&["geo:nabeul"]) },
            Art { doc: 2, date: d(2017, 3, 11), title: "الحماية المدنية تتدخل لإجلاء عائلات في نابل",
                body: "تدخلت وحدات الحماية المدنية لإجلاء عشرات العائلات التي غمرت مياه الفيضانات منازلها في ولاية نابل بعد الأمطار الغزيرة التي تهاطلت على الجهة.",
                ents: ents(&["geo:nabeul", "org:civil_protection"]) },
            Art { doc: 3, date: d(2017, 3, 12), title: "حصيلة الخسائر: الأمطار تغرق الطرقات والمنازل بالوطن القبلي",
                body: "قدّرت السلط الجهوية بنابل خسائر الفيضانات التي ضربت الجهة بعد الأمطار الغزيرة، حيث تضررت مئات المنازل والطرقات وانقطع التيار الكهربائي.",
                ents: ents(&["geo:nabeul"]) },
            // Same days, unrelated.
            Art { doc: 4, date: d(2017, 3, 10), title: "الترجي يفوز على النجم في دربي الساحل",
                body: "فاز فريق الترجي الرياضي على النجم الساحلي بهدفين مقابل هدف واحد في المباراة التي جمعتهما مساء اليوم ضمن الجولة العشرين من البطولة الوطنية لكرة القدم.",
                ents: ents(&["org:esperance", "org:etoile"]) },
            Art { doc: 5, date: d(2017, 3, 11), title: "البرلمان يصادق على قانون المالية التكميلي",
                body: "صادق مجلس نواب الشعب في جلسة عامة على مشروع قانون المالية التكميلي لسنة 2017 بأغلبية 120 صوتا، بعد نقاش دام ساعات حول الضرائب الجديدة.",
                ents: ents(&["org:arp"]) },
            Art { doc: 6, date: d(2017, 3, 10), title: "أمطار غزيرة منتظرة في ولايات الشمال",
                body: "توقّع المعهد الوطني للرصد الجوي نزول أمطار غزيرة ورياح قوية بولايات الشمال الغربي خلال الأسبوع القادم مع انخفاض في درجات الحرارة.",
                ents: ents(&["org:inm"]) },
        ]
    }

    #[test]
    fn one_happening_across_days_is_one_story() {
        let mut ix = StoryIndex::default();
        let c = corpus();
        let ids: Vec<u64> = c.iter().map(|a| add(&mut ix, a)).collect();
        assert_eq!(ids[0], 1);
        assert_eq!(ids[1], 1, "day 2, different headline, joins");
        assert_eq!(ids[2], 1, "day 3, different headline, joins");
        assert_eq!(ids[3], 4, "football is its own story");
        assert_eq!(ids[4], 5, "parliament is its own story");
        assert_eq!(
            ids[5], 6,
            "a weather forecast shares words (أمطار غزيرة) but is not the flood"
        );
        assert_eq!(ix.len(), 4);
        assert_eq!(ix.story_info(1).map(|i| i.0), Some(3));
    }

    #[test]
    fn the_window_limits_a_story_in_time() {
        let mut ix = StoryIndex::default();
        let c = corpus();
        add(&mut ix, &c[0]);
        let mut late = Art {
            doc: 9,
            ..c[1].clone_art()
        };
        late.date = d(2017, 4, 20);
        assert_eq!(
            add(&mut ix, &late),
            9,
            "the same words a month later start a new story"
        );
    }

    #[test]
    fn duplicates_and_shared_events_join() {
        let mut ix = StoryIndex::default();
        let c = corpus();
        add(&mut ix, &c[0]);
        add(&mut ix, &c[3]);
        let sk = sketch("عنوان مختلف تماما", &["نص قصير".to_string()]);
        let s = ix.add(StoryInput {
            doc: 7,
            date: d(2017, 3, 10),
            title: "",
            sketch: &sk,
            entities: &[],
            event_keys: &[],
            dup_of: Some(4),
        });
        assert_eq!(s, 4);
        // Re-adding is a no-op.
        assert_eq!(add(&mut ix, &c[0]), 1);
        assert_eq!(ix.len(), 2);
    }

    #[test]
    fn save_and_load_round_trip() {
        let mut ix = StoryIndex::default();
        let c = corpus();
        for a in &c[..4] {
            add(&mut ix, a);
        }
        let mut buf = Vec::new();
        ix.save(&mut buf).unwrap();
        let mut back = StoryIndex::load(&buf[..]).unwrap();
        assert_eq!(back.len(), ix.len());
        assert_eq!(back.story_of(3), Some(1));
        assert_eq!(add(&mut back, &c[4]), 5);
        assert!(StoryIndex::load(&b"nope"[..]).is_err());
    }

    impl Art {
        fn clone_art(&self) -> Art {
            Art {
                doc: self.doc,
                date: self.date,
                title: self.title,
                body: self.body,
                ents: self.ents.clone(),
            }
        }
    }
}
