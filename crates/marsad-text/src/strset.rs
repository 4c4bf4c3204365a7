//! A set of short strings for per-token lookups on the hot path (stopwords, protected stem
//! prefixes): FNV-1a hashing and a length bound, where a binary search of `memcmp`s cost more
//! than the rest of the analysis.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

pub(crate) struct StrSet {
    set: HashSet<Box<str>, BuildHasherDefault<Fnv>>,
    max_len: usize,
}

impl StrSet {
    pub(crate) fn new<I: IntoIterator<Item = S>, S: Into<Box<str>>>(items: I) -> StrSet {
        let set: HashSet<Box<str>, BuildHasherDefault<Fnv>> =
            items.into_iter().map(Into::into).collect();
        let max_len = set.iter().map(|s| s.len()).max().unwrap_or(0);
        StrSet { set, max_len }
    }

    #[inline]
    pub(crate) fn contains(&self, s: &str) -> bool {
        s.len() <= self.max_len && self.set.contains(s)
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.set.len()
    }
}
