//! Entity memory: the entity phrases of the training data with how often each was tagged with
//! each type and how often the same words stood untagged — a gazetteer learned from the training
//! set, matched clitic-aware (للبنك المركزي الاوروبي finds البنك المركزي الاوروبي).
//!
//! Built from the training sentences only; during training each sentence's features come from
//! a memory built without its own fold (the folds of the first-pass jackknife), so the weights
//! learn how far a match in *other* text can be trusted.

use super::features::Out;
use super::fx::{FxMap, FxSet};
use super::resources::{clitic_forms, clitic_forms_fast};
use super::{chunks, NerError};
use std::collections::{HashMap, HashSet};

/// What a token's memory match says: (B/I, best type, match length, share bucket, entity count).
pub(crate) type MemDesc = Option<(&'static str, &'static str, usize, u32, u32)>;

/// Longest entity phrase kept (tokens).
const MAX_LEN: usize = 6;

/// Phrase (match keys, first word clitic-stripped in every way) → counts: `[untagged, PERS, LOC,
/// ORG, MISC]`.
#[derive(Clone, Debug, Default)]
pub(crate) struct Mem {
    map: FxMap<String, [u32; 5]>,
    firsts: FxSet<String>,
}

fn label_index(l: &str) -> usize {
    match l {
        "PERS" => 1,
        "LOC" => 2,
        "ORG" => 3,
        "MISC" => 4,
        _ => 0,
    }
}

impl Mem {
    /// Builds the memory from sentences given as (match keys, BIO tag names).
    pub(crate) fn build(sents: &[(Vec<String>, Vec<&str>)]) -> Mem {
        let mut m = Mem::default();
        let mut exact: Vec<HashSet<(usize, usize)>> = Vec::with_capacity(sents.len());
        for (keys, tags) in sents {
            let mut ex = HashSet::new();
            for ch in chunks(tags) {
                let (a, b) = (ch.start, ch.end);
                ex.insert((a, b));
                if b - a > MAX_LEN || a >= keys.len() || b > keys.len() {
                    continue;
                }
                let li = label_index(&ch.label);
                let rest = keys[a + 1..b].join(" ");
                for f in clitic_forms(&keys[a]) {
                    if f.chars().count() < 2 {
                        continue;
                    }
                    let p = if rest.is_empty() {
                        f.to_string()
                    } else {
                        format!("{f} {rest}")
                    };
                    m.map.entry(p).or_insert([0; 5])[li] += 1;
                    m.firsts.insert(f.to_string());
                }
            }
            exact.push(ex);
        }
        // untagged occurrences of the same phrases
        let mut adds: HashMap<String, u32> = HashMap::new();
        for ((keys, _), ex) in sents.iter().zip(&exact) {
            for i in 0..keys.len() {
                for f in clitic_forms(&keys[i]) {
                    if !m.firsts.contains(f) {
                        continue;
                    }
                    let mut p = f.to_string();
                    for n in 1..=MAX_LEN.min(keys.len() - i) {
                        if n > 1 {
                            p.push(' ');
                            p.push_str(&keys[i + n - 1]);
                        }
                        if m.map.contains_key(&p) && !ex.contains(&(i, i + n)) {
                            *adds.entry(p.clone()).or_default() += 1;
                        }
                    }
                }
            }
        }
        for (p, n) in adds {
            if let Some(c) = m.map.get_mut(&p) {
                c[0] += n;
            }
        }
        m
    }

    pub(crate) fn len(&self) -> usize {
        self.map.len()
    }

    /// Longest match at each position, left to right, non-overlapping: per token
    /// (counts, first token of the match?, match length).
    fn matches<S: AsRef<str>>(&self, keys: &[S]) -> Vec<Option<([u32; 5], bool, usize)>> {
        let mut out = vec![None; keys.len()];
        let mut p = String::new();
        let mut i = 0;
        while i < keys.len() {
            let mut found: Option<(usize, [u32; 5])> = None;
            for &f in clitic_forms_fast(keys[i].as_ref()).as_slice() {
                if !self.firsts.contains(f) {
                    continue;
                }
                p.clear();
                p.push_str(f);
                for n in 1..=MAX_LEN.min(keys.len() - i) {
                    if n > 1 {
                        p.push(' ');
                        p.push_str(keys[i + n - 1].as_ref());
                    }
                    if let Some(c) = self.map.get(p.as_str()) {
                        if found.is_none_or(|(m, _)| n > m) {
                            found = Some((n, *c));
                        }
                    }
                }
            }
            match found {
                Some((n, c)) => {
                    for j in 0..n {
                        out[i + j] = Some((c, j == 0, n));
                    }
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }

    /// Per token of a sentence (by match keys), what its memory match says.
    pub(crate) fn descs<S: AsRef<str>>(&self, keys: &[S]) -> Vec<MemDesc> {
        const LN: [&str; 5] = ["O", "PERS", "LOC", "ORG", "MISC"];
        let ms = self.matches(keys);
        let desc = |m: &Option<([u32; 5], bool, usize)>| -> MemDesc {
            let (c, first, n) = m.as_ref()?;
            let ent: u32 = c[1..].iter().sum();
            if ent == 0 {
                return None;
            }
            let best = (1..5).max_by_key(|&j| (c[j], 5 - j)).unwrap_or(1);
            // share of occurrences tagged with the best type, 0..=4
            let r = (c[best] * 4 + (ent + c[0]) / 2) / (ent + c[0]).max(1);
            Some((if *first { "B" } else { "I" }, LN[best], *n, r, ent))
        };
        ms.iter().map(desc).collect()
    }

    /// Memory features of token `i` from [`Mem::descs`] of its sentence, appended to `out`.
    pub(crate) fn token_features(d: &[MemDesc], i: usize, out: &mut Vec<u64>) {
        let mut o = Out(out);
        let mut buf = String::new();
        match &d[i] {
            None => o.s("mem", "-"),
            Some((bi, ty, n, r, ent)) => {
                o.s2("mem", bi, ty);
                use std::fmt::Write;
                let _ = write!(buf, "{bi}{r}");
                o.s2("memr", ty, &buf);
                let cb = match ent {
                    1 => "1",
                    2..=3 => "2",
                    4..=9 => "4",
                    _ => "10",
                };
                o.s2("memc", ty, cb);
                buf.clear();
                let _ = write!(buf, "{bi}{}", (*n).min(4));
                o.s2("meml", ty, &buf);
            }
        }
        for (dd, name) in [(-1isize, "mem-1"), (1, "mem+1")] {
            let j = i as isize + dd;
            if j >= 0 && (j as usize) < d.len() {
                if let Some((bi, ty, _, _, _)) = &d[j as usize] {
                    o.s2(name, bi, ty);
                }
            }
        }
    }

    /// Memory features of every token of a sentence (by match keys).
    pub(crate) fn features(&self, keys: &[String]) -> Vec<Vec<u64>> {
        let d = self.descs(keys);
        (0..keys.len())
            .map(|i| {
                let mut v = Vec::with_capacity(6);
                Self::token_features(&d, i, &mut v);
                v
            })
            .collect()
    }

    /// Binary form: count (u32), then per phrase (sorted) its byte length (u16), bytes, 5 × u32.
    pub(crate) fn write(&self, b: &mut Vec<u8>) {
        let mut keys: Vec<&String> = self.map.keys().collect();
        keys.sort();
        b.extend_from_slice(&(keys.len() as u32).to_le_bytes());
        for k in keys {
            b.extend_from_slice(&(k.len() as u16).to_le_bytes());
            b.extend_from_slice(k.as_bytes());
            for x in self.map[k] {
                b.extend_from_slice(&x.to_le_bytes());
            }
        }
    }

    pub(crate) fn read(b: &[u8], pos: &mut usize) -> Result<Mem, NerError> {
        let bad = || NerError::Format("model file: truncated entity memory".into());
        let mut take = |n: usize| -> Result<&[u8], NerError> {
            if *pos + n > b.len() {
                return Err(bad());
            }
            let s = &b[*pos..*pos + n];
            *pos += n;
            Ok(s)
        };
        let n = u32::from_le_bytes(take(4)?.try_into().map_err(|_| bad())?) as usize;
        let mut m = Mem::default();
        for _ in 0..n {
            let l = u16::from_le_bytes(take(2)?.try_into().map_err(|_| bad())?) as usize;
            let k = std::str::from_utf8(take(l)?)
                .map_err(|_| NerError::Format("model file: bad entity memory".into()))?
                .to_string();
            let mut c = [0u32; 5];
            for x in c.iter_mut() {
                *x = u32::from_le_bytes(take(4)?.try_into().map_err(|_| bad())?);
            }
            let first = k.split(' ').next().unwrap_or("").to_string();
            m.firsts.insert(first);
            m.map.insert(k, c);
        }
        Ok(m)
    }
}
