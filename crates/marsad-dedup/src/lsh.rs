//! The near-duplicate index: locality-sensitive hashing over MinHash bands, incremental.
//!
//! Each document's signature is cut into `bands` bands of `rows` slots; two documents become
//! candidates when one band is identical, and a candidate is accepted when the estimated Jaccard
//! over the whole signature reaches the threshold. `rows` is chosen so that a pair exactly at the
//! threshold becomes a candidate with probability ≥ 0.995 (see [`choose_bands`]).
//!
//! Memory per document is kept small because marsad must hold millions of articles:
//! - the signature is stored as the low 16 bits of each MinHash value (256 bytes, "b-bit
//!   MinHash"): two different values agree on 16 bits with probability 1/65536, which biases an
//!   estimated Jaccard by at most 0.00002;
//! - each band keeps a hash map `band key → last document` and the documents of one key form a
//!   chain through a flat `next` array (4 bytes per document and band), instead of a `Vec` per
//!   key.
//!
//! Persistence saves only ids, canonicals and signatures; the bands are rebuilt on load.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::{self, Read, Write};

use crate::sketch::{mix64, DocSketch, PERMS};

/// A hasher for keys that are already hashes (or small integers): one mix, no SipHash.
#[derive(Default, Clone, Copy)]
pub(crate) struct FastHasher(u64);

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &c in bytes {
            self.0 = (self.0.rotate_left(8) ^ c as u64).wrapping_mul(0x100_0000_01B3);
        }
        self.0 = mix64(self.0);
    }
    fn write_u32(&mut self, x: u32) {
        self.0 = mix64(self.0 ^ x as u64);
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = mix64(self.0 ^ x);
    }
}

pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// The threshold marsad uses: estimated Jaccard of word 5-shingles ≥ 0.3. Measured with
/// `examples/bench_dedup.rs` on 100k synthetic documents from ANT: 0.3 → P 1.000 R 0.989,
/// 0.35 → R 0.982, 0.4 → R 0.966, 0.5 → R 0.907, with no false positive at any of them; real
/// copies with a rewritten headline, dropped sentences, edits and boilerplate fall to J ≈ 0.3–0.5.
pub const DEFAULT_THRESHOLD: f32 = 0.3;

const NONE: u32 = u32::MAX;
/// A band chain is walked at most this far: a pathological key (thousands of identical
/// documents) must not make one `add` quadratic. The most recent documents come first.
const MAX_CHAIN: usize = 2000;

/// (bands, rows) for a threshold: the largest `rows` whose candidate probability at the
/// threshold, `1 - (1 - t^rows)^bands` with `bands = PERMS / rows`, is at least 0.995. Larger
/// `rows` means fewer bands (less memory, fewer false candidates).
pub fn choose_bands(threshold: f32) -> (usize, usize) {
    let t = threshold.clamp(0.01, 1.0) as f64;
    for rows in (1..=8usize).rev() {
        let bands = PERMS / rows;
        let p = 1.0 - (1.0 - t.powi(rows as i32)).powi(bands as i32);
        if p >= 0.995 {
            return (bands, rows);
        }
    }
    (PERMS, 1)
}

/// Incremental near-duplicate index (see the module doc).
pub struct NearDupIndex {
    threshold: f32,
    bands: usize,
    rows: usize,
    ids: Vec<u64>,
    by_id: FastMap<u64, u32>,
    /// Internal index of each document's canonical (itself when it duplicates nothing).
    canon: Vec<u32>,
    /// Estimated Jaccard with the document it matched (1.0 for a canonical).
    score: Vec<f32>,
    /// `PERMS` low halves of the MinHash values per document; all `0xFFFF` for an empty text.
    sigs: Vec<u16>,
    heads: Vec<FastMap<u32, u32>>,
    next: Vec<u32>,
}

impl NearDupIndex {
    /// An empty index that calls two documents near-duplicates when their estimated Jaccard
    /// over word shingles is at least `threshold` ([`DEFAULT_THRESHOLD`] unless measured
    /// otherwise; see `examples/bench_dedup.rs`).
    pub fn new(threshold: f32) -> Self {
        let (bands, rows) = choose_bands(threshold);
        NearDupIndex {
            threshold,
            bands,
            rows,
            ids: Vec::new(),
            by_id: FastMap::default(),
            canon: Vec::new(),
            score: Vec::new(),
            sigs: Vec::new(),
            heads: (0..bands).map(|_| FastMap::default()).collect(),
            next: Vec::new(),
        }
    }

    pub fn threshold(&self) -> f32 {
        self.threshold
    }

    /// (bands, rows) in use.
    pub fn shape(&self) -> (usize, usize) {
        (self.bands, self.rows)
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Returns the canonical document this one near-duplicates, with the estimated Jaccard to
    /// the best-matching document already in the index (≥ threshold), then adds it, as its own
    /// canonical when it duplicates nothing. The canonical is always the first document of its
    /// group, so a group never drifts: a copy of a copy points at the original.
    ///
    /// Adding a document id that is already in the index changes nothing and returns what the
    /// first add returned, so a store may re-add a batch after a crash.
    pub fn add(&mut self, doc: u64, s: &DocSketch) -> Option<(u64, f32)> {
        if let Some(&i) = self.by_id.get(&doc) {
            return self.result_of(i);
        }
        let sig = sig16(s);
        let best = if s.is_empty() {
            None
        } else {
            self.best_match(&sig)
        };
        let i = self.ids.len() as u32;
        self.ids.push(doc);
        self.by_id.insert(doc, i);
        match best {
            Some((j, sc)) => {
                self.canon.push(self.canon[j as usize]);
                self.score.push(sc);
            }
            None => {
                self.canon.push(i);
                self.score.push(1.0);
            }
        }
        self.insert_bands(i, &sig, !s.is_empty());
        self.sigs.extend_from_slice(&sig);
        self.result_of(i)
    }

    /// Every indexed document whose estimated Jaccard with `s` is at least the threshold, best
    /// first, without adding anything (for evaluation and "show similar articles").
    pub fn query(&self, s: &DocSketch) -> Vec<(u64, f32)> {
        if s.is_empty() {
            return Vec::new();
        }
        let sig = sig16(s);
        let mut out: Vec<(u64, f32)> = self
            .candidates(&sig)
            .into_iter()
            .filter_map(|j| {
                let sc = self.similarity(&sig, j);
                (sc >= self.threshold).then(|| (self.ids[j as usize], sc))
            })
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }

    /// The canonical of an indexed document (itself when it duplicates nothing).
    pub fn canonical(&self, doc: u64) -> Option<u64> {
        self.by_id
            .get(&doc)
            .map(|&i| self.ids[self.canon[i as usize] as usize])
    }

    /// Groups of near-duplicates with more than one member, canonical first, in order of
    /// addition.
    pub fn groups(&self) -> Vec<Vec<u64>> {
        let mut g: FastMap<u32, Vec<u64>> = FastMap::default();
        for (i, &c) in self.canon.iter().enumerate() {
            if c as usize != i {
                g.entry(c).or_default().push(self.ids[i]);
            }
        }
        let mut out: Vec<Vec<u64>> = g
            .into_iter()
            .map(|(c, mut v)| {
                v.insert(0, self.ids[c as usize]);
                v
            })
            .collect();
        out.sort_by_key(|v| self.by_id[&v[0]]);
        out
    }

    fn result_of(&self, i: u32) -> Option<(u64, f32)> {
        let c = self.canon[i as usize];
        (c != i).then(|| (self.ids[c as usize], self.score[i as usize]))
    }

    fn best_match(&self, sig: &[u16; PERMS]) -> Option<(u32, f32)> {
        let mut best: Option<(u32, f32)> = None;
        for j in self.candidates(sig) {
            let sc = self.similarity(sig, j);
            let better = match best {
                None => true,
                Some((bj, bs)) => sc > bs || (sc == bs && j < bj),
            };
            if sc >= self.threshold && better {
                best = Some((j, sc));
            }
        }
        best
    }

    fn similarity(&self, sig: &[u16; PERMS], j: u32) -> f32 {
        signature_similarity(
            sig,
            &self.sigs[j as usize * PERMS..(j as usize + 1) * PERMS],
        )
    }

    fn candidates(&self, sig: &[u16; PERMS]) -> Vec<u32> {
        let mut c = Vec::new();
        for b in 0..self.bands {
            let key = band_key(sig, b, self.rows);
            let mut cur = self.heads[b].get(&key).copied().unwrap_or(NONE);
            let mut steps = 0;
            while cur != NONE && steps < MAX_CHAIN {
                c.push(cur);
                cur = self.next[cur as usize * self.bands + b];
                steps += 1;
            }
        }
        c.sort_unstable();
        c.dedup();
        c
    }

    fn insert_bands(&mut self, i: u32, sig: &[u16; PERMS], nonempty: bool) {
        for b in 0..self.bands {
            let prev = if nonempty {
                let key = band_key(sig, b, self.rows);
                self.heads[b].insert(key, i).unwrap_or(NONE)
            } else {
                NONE
            };
            self.next.push(prev);
        }
    }

    /// Saves the index in a compact little-endian binary form (about 270 bytes per document).
    /// Wrap `w` in a `BufWriter`.
    pub fn save<W: Write>(&self, mut w: W) -> io::Result<()> {
        w.write_all(MAGIC)?;
        w.write_all(&self.threshold.to_le_bytes())?;
        w.write_all(&(self.ids.len() as u64).to_le_bytes())?;
        for i in 0..self.ids.len() {
            w.write_all(&self.ids[i].to_le_bytes())?;
            w.write_all(&self.canon[i].to_le_bytes())?;
            w.write_all(&self.score[i].to_le_bytes())?;
            let mut buf = [0u8; PERMS * 2];
            for (k, v) in self.sigs[i * PERMS..(i + 1) * PERMS].iter().enumerate() {
                buf[2 * k..2 * k + 2].copy_from_slice(&v.to_le_bytes());
            }
            w.write_all(&buf)?;
        }
        w.flush()
    }

    /// Loads an index saved by [`NearDupIndex::save`]; the bands are rebuilt.
    pub fn load<R: Read>(mut r: R) -> io::Result<Self> {
        let mut magic = [0u8; 8];
        r.read_exact(&mut magic)?;
        if &magic != MAGIC {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "not a marsad near-duplicate index (bad magic)",
            ));
        }
        let threshold = f32::from_le_bytes(read_arr(&mut r)?);
        let n = u64::from_le_bytes(read_arr(&mut r)?) as usize;
        let mut ix = NearDupIndex::new(threshold);
        ix.ids.reserve(n);
        ix.sigs.reserve(n * PERMS);
        for i in 0..n {
            let id = u64::from_le_bytes(read_arr(&mut r)?);
            let canon = u32::from_le_bytes(read_arr(&mut r)?);
            let score = f32::from_le_bytes(read_arr(&mut r)?);
            let buf: [u8; PERMS * 2] = read_arr(&mut r)?;
            let mut sig = [0u16; PERMS];
            for (k, v) in sig.iter_mut().enumerate() {
                *v = u16::from_le_bytes([buf[2 * k], buf[2 * k + 1]]);
            }
            if canon as usize > i {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "corrupt near-duplicate index (canonical after its duplicate)",
                ));
            }
            ix.ids.push(id);
            ix.by_id.insert(id, i as u32);
            ix.canon.push(canon);
            ix.score.push(score);
            let nonempty = sig.iter().any(|&v| v != 0xFFFF);
            ix.insert_bands(i as u32, &sig, nonempty);
            ix.sigs.extend_from_slice(&sig);
        }
        Ok(ix)
    }
}

const MAGIC: &[u8; 8] = b"MSDNDUP1";

/// The LSH view of a sketch for a join across machines: its 16-bit signature and its key in
/// each band of [`choose_bands`]`(threshold)`, exactly what [`NearDupIndex`] stores and looks
/// up, so documents sharing a band key are the index's candidates (up to its chain cap).
/// No band keys for a text without words: it is never a near-duplicate.
pub fn lsh_keys(s: &DocSketch, threshold: f32) -> (Vec<u16>, Vec<u32>) {
    let sig = sig16(s);
    let (bands, rows) = choose_bands(threshold);
    let keys = if s.is_empty() {
        Vec::new()
    } else {
        (0..bands).map(|b| band_key(&sig, b, rows)).collect()
    };
    (sig.to_vec(), keys)
}

/// Estimated Jaccard of two 16-bit signatures (from [`lsh_keys`]): the share of equal slots,
/// as [`NearDupIndex`] scores a candidate.
pub fn signature_similarity(a: &[u16], b: &[u16]) -> f32 {
    let eq = a.iter().zip(b).filter(|(x, y)| x == y).count();
    eq as f32 / PERMS as f32
}

fn read_arr<R: Read, const N: usize>(r: &mut R) -> io::Result<[u8; N]> {
    let mut b = [0u8; N];
    r.read_exact(&mut b)?;
    Ok(b)
}

fn sig16(s: &DocSketch) -> [u16; PERMS] {
    let mut out = [0xFFFFu16; PERMS];
    if !s.is_empty() {
        for (o, &v) in out.iter_mut().zip(&s.minhash) {
            *o = v as u16;
        }
    }
    out
}

fn band_key(sig: &[u16; PERMS], band: usize, rows: usize) -> u32 {
    let mut h = band as u64;
    for &v in &sig[band * rows..(band + 1) * rows] {
        h = h.rotate_left(16) ^ v as u64;
        h = h.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    (mix64(h) >> 32) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sketch::sketch;

    fn doc(s: &str) -> DocSketch {
        sketch("", &s.lines().map(str::to_string).collect::<Vec<_>>())
    }

    const A: &str = "أعلنت وزارة الصحة اليوم الثلاثاء عن تسجيل ثلاث حالات جديدة بفيروس كورونا في ولاية صفاقس وذلك بعد إجراء التحاليل المخبرية اللازمة.\nوأوضحت الوزارة في بلاغ لها أن الحالات الجديدة وافدة من الخارج وقد تم إيواؤها بمراكز الحجر الصحي الإجباري.\nودعت الوزارة المواطنين إلى الالتزام بإجراءات الوقاية وارتداء الكمامات في الفضاءات العامة ووسائل النقل.";
    const B: &str = "انطلقت صباح اليوم امتحانات الباكالوريا في دورتها الرئيسية بمشاركة أكثر من مائة وأربعين ألف مترشح موزعين على مراكز الامتحان في كامل ولايات الجمهورية.\nوأكد وزير التربية أن كل الظروف المادية واللوجستية قد تم توفيرها لإنجاح هذه المناظرة الوطنية.";

    #[test]
    fn bands_catch_the_threshold() {
        assert_eq!(choose_bands(0.5), (42, 3));
        let (b, r) = choose_bands(0.8);
        assert!(r > 3 && b * r <= PERMS);
    }

    #[test]
    fn copies_point_at_the_first_document() {
        let mut ix = NearDupIndex::new(0.5);
        assert_eq!(ix.add(1, &doc(A)), None);
        assert_eq!(ix.add(2, &doc(B)), None);
        // A copy with one sentence dropped and a boilerplate line added.
        let copy =
            A.lines().take(2).collect::<Vec<_>>().join("\n") + "\nتابعونا على صفحتنا الرسمية";
        let (c, j) = ix.add(3, &doc(&copy)).expect("near duplicate");
        assert_eq!(c, 1);
        assert!((0.5..1.0).contains(&j), "{j}");
        // An exact copy of the copy still points at the original.
        assert_eq!(ix.add(4, &doc(&copy)).map(|x| x.0), Some(1));
        assert_eq!(ix.groups(), vec![vec![1, 3, 4]]);
        assert_eq!(ix.canonical(2), Some(2));
        // Re-adding is a no-op.
        assert_eq!(ix.add(3, &doc(&copy)).map(|x| x.0), Some(1));
        assert_eq!(ix.len(), 4);
        assert_eq!(ix.query(&doc(A))[0].0, 1);
    }

    #[test]
    fn empty_documents_are_never_duplicates() {
        let mut ix = NearDupIndex::new(0.5);
        assert_eq!(ix.add(1, &doc("")), None);
        assert_eq!(ix.add(2, &doc("")), None);
        assert!(ix.groups().is_empty());
    }

    #[test]
    fn save_and_load_round_trip() {
        let mut ix = NearDupIndex::new(0.5);
        ix.add(1, &doc(A));
        ix.add(2, &doc(B));
        ix.add(3, &doc(A));
        let mut buf = Vec::new();
        ix.save(&mut buf).unwrap();
        let mut back = NearDupIndex::load(&buf[..]).unwrap();
        assert_eq!(back.len(), 3);
        assert_eq!(back.groups(), ix.groups());
        assert_eq!(back.add(4, &doc(B)).map(|x| x.0), Some(2));
        assert!(NearDupIndex::load(&b"garbage!"[..]).is_err());
    }
}
