//! A set of short strings for per-token lookups on the hot path (stopwords, protected stem
//! prefixes).
//!
//! Why not a `HashSet<Box<str>>`: hashing byte by byte and a `memcmp` call per hit cost more
//! than the rest of the analysis. Here a string of up to 24 bytes is packed into three `u64`
//! words plus its length (a few overlapping loads, see [`Packed::new`]); the set is an
//! open-addressing table of packed keys, so a lookup is one multiply-shift hash and one or two
//! comparisons of four integers, with no pointer chasing. Longer strings (none in today's
//! lists) go to a plain list.

/// A string of at most [`PACK`] bytes: its length and its bytes in three words.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Packed {
    len: usize,
    w: [u64; 3],
}

const PACK: usize = 24;

/// `N` bytes of `b` from `at` as a little-endian integer (0 when out of range, which the
/// callers rule out).
#[inline]
fn load<const N: usize>(b: &[u8], at: usize) -> u64 {
    match b.get(at..).and_then(|r| r.first_chunk::<N>()) {
        Some(c) => {
            let mut a = [0u8; 8];
            a[..N].copy_from_slice(c);
            u64::from_le_bytes(a)
        }
        None => 0,
    }
}

impl Packed {
    /// `None` when `b` is longer than [`PACK`].
    ///
    /// Each length range is read with two or three fixed-size loads, the last one ending at
    /// the end of the string (so loads overlap rather than being padded byte by byte). For a
    /// given length every byte lands in a fixed place, so equal packings mean equal strings.
    #[inline]
    fn new(b: &[u8]) -> Option<Packed> {
        let n = b.len();
        let w = match n {
            0 => [0, 0, 0],
            1 => [load::<1>(b, 0), 0, 0],
            2..=3 => [load::<2>(b, 0) | load::<2>(b, n - 2) << 16, 0, 0],
            4..=7 => [load::<4>(b, 0) | load::<4>(b, n - 4) << 32, 0, 0],
            8..=16 => [load::<8>(b, 0), load::<8>(b, n - 8), 0],
            17..=PACK => [load::<8>(b, 0), load::<8>(b, 8), load::<8>(b, n - 8)],
            _ => return None,
        };
        Some(Packed { len: n, w })
    }

    #[inline]
    fn hash(&self) -> u64 {
        (self.w[0] ^ self.w[1].rotate_left(21) ^ self.w[2].rotate_left(42) ^ self.len as u64)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
    }
}

pub(crate) struct StrSet {
    /// Open addressing with linear probing, at most 1/4 full so a miss usually stops at once.
    /// A slot is 0 when free, else `tag << 16 | (index + 1)`: 16 more bits of the hash, and
    /// where the key is in `keys`. Small (4 bytes a slot) so that misses, the common case,
    /// touch little memory; the key is compared only when the tag matches.
    slots: Box<[u32]>,
    keys: Vec<Packed>,
    shift: u32,
    /// Strings longer than [`PACK`] bytes.
    long: Vec<Box<str>>,
    max_len: usize,
}

impl StrSet {
    pub(crate) fn new<I: IntoIterator<Item = S>, S: Into<Box<str>>>(items: I) -> StrSet {
        let items: Vec<Box<str>> = items.into_iter().map(Into::into).collect();
        assert!(items.len() < 0xFFFF, "StrSet holds at most 65534 strings");
        let bits = (items.len().max(1) * 4)
            .next_power_of_two()
            .trailing_zeros()
            .max(4);
        let mut set = StrSet {
            slots: vec![0; 1 << bits].into_boxed_slice(),
            keys: Vec::new(),
            shift: 64 - bits,
            long: Vec::new(),
            max_len: items.iter().map(|s| s.len()).max().unwrap_or(0),
        };
        for s in items {
            match Packed::new(s.as_bytes()) {
                Some(p) => {
                    if set.contains_packed(p) {
                        continue;
                    }
                    let (mut i, tag) = set.start(p);
                    while set.slots[i] != 0 {
                        i = (i + 1) & (set.slots.len() - 1);
                    }
                    set.keys.push(p);
                    set.slots[i] = tag | set.keys.len() as u32;
                }
                None => {
                    if !set.long.contains(&s) {
                        set.long.push(s);
                    }
                }
            }
        }
        set
    }

    /// The first slot to probe for `p`, and its tag (already shifted into place).
    #[inline]
    fn start(&self, p: Packed) -> (usize, u32) {
        let h = p.hash();
        ((h >> self.shift) as usize, (h as u32) & 0xFFFF_0000)
    }

    #[inline]
    fn contains_packed(&self, p: Packed) -> bool {
        let mask = self.slots.len() - 1;
        let (mut i, tag) = self.start(p);
        loop {
            match self.slots.get(i) {
                Some(0) | None => return false,
                Some(&v) => {
                    if v & 0xFFFF_0000 == tag
                        && self.keys.get((v & 0xFFFF) as usize - 1) == Some(&p)
                    {
                        return true;
                    }
                }
            }
            i = (i + 1) & mask;
        }
    }

    #[inline]
    pub(crate) fn contains(&self, s: &str) -> bool {
        if s.len() > self.max_len {
            return false;
        }
        match Packed::new(s.as_bytes()) {
            Some(p) => self.contains_packed(p),
            None => self.long.iter().any(|l| **l == *s),
        }
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.keys.len() + self.long.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn membership() {
        let long = "x".repeat(30);
        let words = [
            "في",
            "من",
            "a",
            "",
            "abcdefgh",
            "abcdefghi",
            "واشنطن",
            "بوتفليقه",
            long.as_str(),
        ];
        let set = StrSet::new(words.iter().copied());
        assert_eq!(set.len(), words.len());
        for w in words {
            assert!(set.contains(w), "{w:?}");
        }
        for w in ["ف", "فيه", "abcdefg", "abcdefghij", "b", "واشنط", "x"] {
            assert!(!set.contains(w), "{w:?}");
        }
        assert!(!set.contains(&"x".repeat(29)));
    }
}
