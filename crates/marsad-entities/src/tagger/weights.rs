//! The tagger's weight table: feature hash → one weight per tag, an open-addressing hash table
//! laid out for the decoding hot loop (one cache line per lookup, prefetch).
//!
//! For lookups and inserts of final weights only: training keeps its dense per-feature arrays
//! (`train.rs`), and the bytes on disk are `format.rs`'s business.

use super::NTAGS;

/// Feature hash → weights per tag: an open-addressing table (linear probing, rows inline so a
/// lookup touches one cache line) over the feature hashes, which are already well mixed; keys
/// are compared exactly, so lookups give what a `HashMap<u64, _>` gives.
#[derive(Clone, Default)]
pub(super) struct Weights {
    slots: Vec<Slot>,
    /// the keys in insertion order
    hashes: Vec<u64>,
}

#[derive(Clone, Copy, Default)]
#[repr(C, align(16))]
struct Slot {
    key: u64,
    used: bool,
    row: [f32; NTAGS],
}

impl Weights {
    pub(super) fn with_capacity(n: usize) -> Weights {
        // At most a quarter full: most lookups are of features the model does not have, and a
        // miss walks the probe chain to an empty slot. Measured on ANT (bench analyze): a table a
        // quarter full runs entities + events ~8% faster than half full for ~50 MB more memory;
        // three quarters full was ~20% slower.
        let cap = (n.max(4) * 4).next_power_of_two();
        Weights {
            slots: vec![Slot::default(); cap],
            hashes: Vec::with_capacity(n),
        }
    }

    pub(super) fn len(&self) -> usize {
        self.hashes.len()
    }

    #[inline]
    fn slot_of(&self, h: u64) -> usize {
        (h ^ (h >> 29)) as usize & (self.slots.len().wrapping_sub(1))
    }

    /// Hints the CPU to fetch the slot of `h` (lookups of a token's features are independent).
    #[inline]
    pub(super) fn prefetch(&self, h: u64) {
        #[cfg(target_arch = "x86_64")]
        if !self.slots.is_empty() {
            let p = &self.slots[self.slot_of(h)] as *const Slot as *const i8;
            // SAFETY: prefetching is a hint; `p` points into `self.slots`
            unsafe { std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p) };
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = h;
    }

    #[inline]
    pub(super) fn get(&self, h: &u64) -> Option<&[f32; NTAGS]> {
        let h = *h;
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.slot_of(h);
        loop {
            let s = &self.slots[i];
            if !s.used {
                return None;
            }
            if s.key == h {
                return Some(&s.row);
            }
            i = (i + 1) & mask;
        }
    }

    /// Inserts or replaces.
    pub(super) fn insert(&mut self, h: u64, row: [f32; NTAGS]) {
        if (self.hashes.len() + 1) * 4 > self.slots.len() {
            let mut bigger = Weights::with_capacity((self.hashes.len() + 1) * 2);
            for (&k, &r) in self.entries() {
                bigger.insert(k, r);
            }
            *self = bigger;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.slot_of(h);
        loop {
            let s = &mut self.slots[i];
            if !s.used {
                *s = Slot {
                    key: h,
                    used: true,
                    row,
                };
                self.hashes.push(h);
                return;
            }
            if s.key == h {
                s.row = row;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    /// Every (feature hash, row), in insertion order.
    pub(super) fn entries(&self) -> impl Iterator<Item = (&u64, &[f32; NTAGS])> {
        self.hashes
            .iter()
            .filter_map(move |k| self.get(k).map(|r| (k, r)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_table() {
        let mut w = Weights::with_capacity(3);
        for i in 0..1000u64 {
            w.insert(i.wrapping_mul(0x9e37_79b9_7f4a_7c15), [i as f32; NTAGS]);
        }
        w.insert(0, [-1.0; NTAGS]);
        w.insert(5u64.wrapping_mul(0x9e37_79b9_7f4a_7c15), [7.0; NTAGS]);
        assert_eq!(w.len(), 1000);
        assert_eq!(w.get(&0), Some(&[-1.0; NTAGS]));
        assert_eq!(
            w.get(&5u64.wrapping_mul(0x9e37_79b9_7f4a_7c15)),
            Some(&[7.0; NTAGS])
        );
        assert_eq!(
            w.get(&9u64.wrapping_mul(0x9e37_79b9_7f4a_7c15)),
            Some(&[9.0; NTAGS])
        );
        assert_eq!(w.get(&12345), None);
    }
}
