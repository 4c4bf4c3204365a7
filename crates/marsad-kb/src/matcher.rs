//! The name matcher: every KB alias and adjective, as a sequence of token match keys, in one
//! index from the first token to the aliases that start with it (longest first).
//!
//! Matching a paragraph: tokens (`marsad_text::tokens`) → match key of each token (one reused
//! buffer) → at each token, the first token is tried as written and with its proclitics removed
//! (و ف ب ل ك, their pairs وب ول وك فب فل فك, and لل/ولل/فلل which stand for ل+ال: للعراق → العراق);
//! the longest alias wins, then the least stripping. Clitics are only looked for on the first
//! token of a mention. Consecutive tokens of a multi-word alias must be separated only by spaces,
//! hyphens or joiners (a comma or full stop ends a name).
//!
//! Guards against junk: aliases shorter than 3 letters never enter the index; a match found only
//! after stripping a clitic needs a stem of at least 4 letters unless its best candidate has a
//! prior of at least 0.6 (countries, capitals, big cities, organisations, curated people), so
//! بغزة, لبنان or وعمان work while a 3-letter small town does not fire inside ordinary words.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use marsad_text::{match_key_into, tokens, TokenKind};

use crate::{Entity, EntityType};

/// One candidate entity of a match: its index in [`crate::Kb::entities`] and a prior in 0..=1
/// (see [`prior_of`]). Candidates of a match are sorted by prior, highest first.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Candidate {
    pub entity: u32,
    pub prior: f32,
}

/// A KB match in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct KbMatch {
    /// Byte offsets into the text of the whole surface, clitics included (بواشنطن).
    pub start: usize,
    pub end: usize,
    /// Where the name starts after the stripped clitics (واشنطن in بواشنطن); `== start` when none.
    pub name_start: usize,
    /// The entities this surface may refer to, highest prior first (never empty).
    pub candidates: Vec<Candidate>,
    /// True when the surface is a nisba adjective of the candidates (الروسية → Russia).
    pub adjective: bool,
}

/// The prior of an entity as a match candidate: countries 1.0 > regions, organisations 0.85 >
/// curated people 0.8 > capitals 0.75 > cities by population (0.2 at 10k … 0.7 at 30M) ;
/// people from the actor dictionaries 0.55, other entries 0.5.
pub fn prior_of(e: &Entity) -> f32 {
    let curated = e.source.iter().any(|s| s.starts_with("curated"));
    match (e.kind, e.subtype.as_str()) {
        (EntityType::LOC, "country") => 1.0,
        (EntityType::LOC, "capital") => 0.75,
        (EntityType::LOC, "city") => {
            let p = e.population.unwrap_or(10_000).max(1) as f32;
            0.2 + 0.5 * ((p.log10() - 4.0) / 3.5).clamp(0.0, 1.0)
        }
        (EntityType::LOC, _) => 0.85,
        (EntityType::ORG, _) => 0.85,
        (EntityType::PER, _) if curated => 0.8,
        (EntityType::PER, _) => 0.55,
        _ => 0.5,
    }
}

#[derive(Default, Clone, Copy)]
struct Fx(u64);
impl Hasher for Fx {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(b))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}
type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

struct Entry {
    toks: Box<[u32]>,
    adjective: bool,
    cands: Vec<Candidate>,
}

pub(crate) struct Matcher {
    vocab: FxMap<Box<str>, u32>,
    /// first token id → entries starting with it, longest first, names before adjectives.
    heads: Vec<Vec<u32>>,
    entries: Vec<Entry>,
}

const NONE: u32 = u32::MAX;

/// Minimum letters of an alias key (1- and 2-letter aliases never match).
const MIN_ALIAS_CHARS: usize = 3;

impl Matcher {
    pub(crate) fn new(entities: &[Entity]) -> Matcher {
        let mut vocab: FxMap<Box<str>, u32> = FxMap::default();
        let mut entries: Vec<Entry> = Vec::new();
        let mut by_seq: HashMap<(Vec<u32>, bool), u32> = HashMap::new();
        let mut buf = String::new();
        let mut seq: Vec<u32> = Vec::new();
        for (ei, e) in entities.iter().enumerate() {
            let prior = prior_of(e);
            let names = e.names().map(|n| (n, false));
            let adjs = e.adjectives.iter().map(|a| (a.as_str(), true));
            for (name, adjective) in names.chain(adjs) {
                seq.clear();
                let mut chars = 0;
                for t in tokens(name) {
                    buf.clear();
                    match_key_into(&name[t.start..t.end], &mut buf);
                    if buf.is_empty() {
                        continue;
                    }
                    chars += buf.chars().count();
                    let next = vocab.len() as u32;
                    let id = *vocab.entry(buf.as_str().into()).or_insert(next);
                    seq.push(id);
                }
                if seq.is_empty() || chars < MIN_ALIAS_CHARS {
                    continue;
                }
                let next = entries.len() as u32;
                let idx = *by_seq.entry((seq.clone(), adjective)).or_insert_with(|| {
                    entries.push(Entry {
                        toks: seq.clone().into(),
                        adjective,
                        cands: Vec::new(),
                    });
                    next
                });
                let entry = &mut entries[idx as usize];
                if !entry.cands.iter().any(|c| c.entity == ei as u32) {
                    entry.cands.push(Candidate {
                        entity: ei as u32,
                        prior,
                    });
                }
            }
        }
        let mut heads: Vec<Vec<u32>> = vec![Vec::new(); vocab.len()];
        for (i, en) in entries.iter_mut().enumerate() {
            en.cands
                .sort_by(|a, b| b.prior.total_cmp(&a.prior).then(a.entity.cmp(&b.entity)));
            heads[en.toks[0] as usize].push(i as u32);
        }
        // longest first; at equal length the entry whose best candidate has the higher prior
        // (a country's nisba السويدية before a small town of that name), then names before adjectives
        for h in &mut heads {
            h.sort_by(|&a, &b| {
                let (x, y) = (&entries[a as usize], &entries[b as usize]);
                y.toks
                    .len()
                    .cmp(&x.toks.len())
                    .then(y.cands[0].prior.total_cmp(&x.cands[0].prior))
                    .then(x.adjective.cmp(&y.adjective))
            });
        }
        Matcher {
            vocab,
            heads,
            entries,
        }
    }

    #[inline]
    fn id(&self, key: &str) -> u32 {
        self.vocab.get(key).copied().unwrap_or(NONE)
    }

    /// The longest entry starting with first-token id `first` whose other tokens match the token
    /// ids at `i + 1 ..` (and whose separators are plain).
    fn longest_at(&self, first: u32, i: usize, ids: &[u32], plain_gap: &[bool]) -> Option<u32> {
        if first == NONE {
            return None;
        }
        'entries: for &ei in &self.heads[first as usize] {
            let en = &self.entries[ei as usize];
            let n = en.toks.len();
            if i + n > ids.len() {
                continue;
            }
            for k in 1..n {
                if ids[i + k] != en.toks[k] || !plain_gap[i + k] {
                    continue 'entries;
                }
            }
            return Some(ei);
        }
        None
    }

    pub(crate) fn find(&self, text: &str) -> Vec<KbMatch> {
        let mut out = Vec::new();
        if self.entries.is_empty() {
            return out;
        }
        let toks: Vec<_> = tokens(text).collect();
        let mut keys = String::with_capacity(text.len());
        let mut spans: Vec<(u32, u32)> = Vec::with_capacity(toks.len());
        let mut ids: Vec<u32> = Vec::with_capacity(toks.len());
        // plain_gap[k]: the text between token k-1 and token k is only spaces / hyphens / joiners.
        let mut plain_gap: Vec<bool> = Vec::with_capacity(toks.len());
        let mut prev_end = 0;
        for t in &toks {
            let a = keys.len();
            match_key_into(&text[t.start..t.end], &mut keys);
            let b = keys.len();
            spans.push((a as u32, b as u32));
            ids.push(self.id(&keys[a..b]));
            plain_gap.push(text[prev_end..t.start].chars().all(|c| {
                c.is_whitespace()
                    || matches!(
                        c,
                        '-' | '\u{2010}' | '\u{2011}' | '\u{200C}' | '\u{200D}' | '\u{00A0}'
                    )
            }));
            prev_end = t.end;
        }
        let mut scratch = String::with_capacity(64);
        let mut i = 0;
        while i < toks.len() {
            let (a, b) = (spans[i].0 as usize, spans[i].1 as usize);
            let key = &keys[a..b];
            // best: (entry, tokens, stripped letters of the text)
            let mut best: Option<(u32, usize, usize)> = None;
            if let Some(ei) = self.longest_at(ids[i], i, &ids, &plain_gap) {
                best = Some((ei, self.entries[ei as usize].toks.len(), 0));
            }
            if toks[i].kind == TokenKind::Arabic {
                let try_stem =
                    |stem: &str, stripped: usize, best: &mut Option<(u32, usize, usize)>| {
                        let stem_chars = stem.chars().count();
                        if stem_chars < MIN_ALIAS_CHARS {
                            return;
                        }
                        if let Some(ei) = self.longest_at(self.id(stem), i, &ids, &plain_gap) {
                            let en = &self.entries[ei as usize];
                            let n = en.toks.len();
                            if n == 1 && stem_chars < 4 && en.cands[0].prior < 0.6 {
                                return;
                            }
                            if !best
                                .is_some_and(|(_, bn, bs)| n < bn || (n == bn && stripped >= bs))
                            {
                                *best = Some((ei, n, stripped));
                            }
                        }
                    };
                let mut cs = key.char_indices();
                let c1 = cs.next().map(|x| x.1);
                let c2 = cs.next();
                let c3 = cs.next();
                if let Some(c1) = c1 {
                    if matches!(c1, 'و' | 'ف' | 'ب' | 'ل' | 'ك') {
                        let rest = &key[c1.len_utf8()..];
                        try_stem(rest, 1, &mut best);
                        if c1 == 'ل' && rest.starts_with('ل') {
                            // لل = ل + ال
                            scratch.clear();
                            scratch.push('ا');
                            scratch.push_str(rest);
                            try_stem(&scratch, 1, &mut best);
                        }
                        if let Some((i2, c2)) = c2 {
                            let rest2 = &key[i2 + c2.len_utf8()..];
                            if matches!(c1, 'و' | 'ف') && matches!(c2, 'ب' | 'ل' | 'ك') {
                                try_stem(rest2, 2, &mut best);
                                if c2 == 'ل' && c3.map(|x| x.1) == Some('ل') {
                                    scratch.clear();
                                    scratch.push('ا');
                                    scratch.push_str(rest2);
                                    try_stem(&scratch, 2, &mut best);
                                }
                            }
                        }
                    }
                }
            }
            match best {
                Some((ei, n, stripped)) => {
                    let en = &self.entries[ei as usize];
                    let start = toks[i].start;
                    out.push(KbMatch {
                        start,
                        end: toks[i + n - 1].end,
                        name_start: skip_letters(text, start, toks[i].end, stripped),
                        candidates: en.cands.clone(),
                        adjective: en.adjective,
                    });
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }
}

/// The byte offset in `text[start..end]` after `n` letters (marks following them skipped).
fn skip_letters(text: &str, start: usize, end: usize, n: usize) -> usize {
    if n == 0 {
        return start;
    }
    let mut seen = 0;
    for (i, c) in text[start..end].char_indices() {
        let mark = ('\u{064B}'..='\u{065F}').contains(&c)
            || c == '\u{0670}'
            || c == '\u{0640}'
            || c == '\u{200C}'
            || c == '\u{200D}';
        if mark {
            continue;
        }
        if seen == n {
            return start + i;
        }
        seen += 1;
    }
    end
}
