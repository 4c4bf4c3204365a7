//! The document sketch: a MinHash signature of the body's word shingles (for near-duplicates)
//! and the hashed content terms of the title and lead (for stories).
//!
//! Shingles are built from the *match key* of each token, so spelling variants that writers use
//! interchangeably (أ/ا، ى/ي، ة/ه, diacritics, Arabic-Indic digits) never make two copies of a
//! wire look different. All hashes use fixed seeds: a sketch computed today equals the sketch
//! computed next year, so sketches (or the index built from them) can be persisted.

use serde::{Deserialize, Serialize};

/// Number of MinHash permutations. 128 gives a standard error of about 0.044 on an estimated
/// Jaccard of 0.5, enough to separate copies (J ≥ 0.5) from unrelated articles (J ≈ 0).
pub const PERMS: usize = 128;

/// How a sketch is built. [`SketchParams::default`] is what [`sketch`] uses; the other values
/// exist so that `examples/bench_dedup.rs` can measure the alternatives.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct SketchParams {
    /// Words per shingle. 5 is the usual choice for news; shorter shingles survive sentence
    /// shuffles and small edits better but make unrelated texts share more shingles.
    pub shingle: usize,
    /// Drop stopwords before shingling (the shingle then spans five content words).
    pub drop_stopwords: bool,
    /// Include the title in the shingled text. Off by default: syndicated copies usually
    /// rewrite the headline, and the headline is a small part of the text anyway.
    pub include_title: bool,
    /// Maximum number of title+lead content terms kept for stories.
    pub lead_terms: usize,
}

impl Default for SketchParams {
    fn default() -> Self {
        SketchParams {
            shingle: 5,
            drop_stopwords: false,
            include_title: false,
            lead_terms: 48,
        }
    }
}

/// What marsad keeps of a document to compare it with others.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocSketch {
    /// MinHash signature: `PERMS` minima of the body's shingle hashes, one per fixed
    /// permutation. All `u32::MAX` (and `shingles == 0`) for a text without words.
    pub minhash: Vec<u32>,
    /// Number of distinct shingles (lets a caller turn an estimated Jaccard into an estimated
    /// containment: a truncated copy of a long article).
    pub shingles: u32,
    /// Hashes of the stemmed content terms of the title and the lead (first ~60 words of the
    /// body), stopwords dropped, sorted and unique; title terms first in priority when capped.
    pub terms: Vec<u32>,
}

impl DocSketch {
    /// True when the text had no words: such a document is never a near-duplicate of anything.
    pub fn is_empty(&self) -> bool {
        self.shingles == 0
    }

    /// Estimated Jaccard similarity of the two shingle sets (fraction of equal MinHash slots).
    pub fn jaccard(&self, other: &DocSketch) -> f32 {
        if self.is_empty() || other.is_empty() {
            return 0.0;
        }
        let eq = self
            .minhash
            .iter()
            .zip(&other.minhash)
            .filter(|(a, b)| a == b)
            .count();
        eq as f32 / self.minhash.len().max(1) as f32
    }
}

/// The sketch of a document with the default parameters (see [`SketchParams`]).
pub fn sketch(title: &str, paragraphs: &[String]) -> DocSketch {
    sketch_with(title, paragraphs, &SketchParams::default())
}

/// Words of the lead used for story terms.
const LEAD_WORDS: usize = 60;

/// The sketch of a document with explicit parameters.
pub fn sketch_with(title: &str, paragraphs: &[String], p: &SketchParams) -> DocSketch {
    let sh = shingles(title, paragraphs, p);
    DocSketch {
        minhash: minhash(&sh),
        shingles: sh.len() as u32,
        terms: lead_terms(title, paragraphs, p.lead_terms),
    }
}

/// The distinct shingle hashes of a document, sorted: what the MinHash signature summarises.
/// Exposed so that evaluation can compute *exact* Jaccard similarities.
pub fn shingles(title: &str, paragraphs: &[String], p: &SketchParams) -> Vec<u64> {
    let k = p.shingle.max(1);
    // Word hashes of the body (and title when asked), in reading order. A paragraph break does
    // not stop a shingle: ingest splits paragraphs differently per source.
    let mut words: Vec<u64> = Vec::with_capacity(256);
    let mut buf = String::with_capacity(64);
    let mut push_words = |text: &str, words: &mut Vec<u64>| {
        for t in marsad_text::tokens(text) {
            buf.clear();
            marsad_text::match_key_into(&text[t.start..t.end], &mut buf);
            if buf.is_empty() || (p.drop_stopwords && marsad_text::is_stopword(&buf)) {
                continue;
            }
            words.push(hash_bytes(buf.as_bytes()));
        }
    };
    if p.include_title {
        push_words(title, &mut words);
    }
    for para in paragraphs {
        push_words(para, &mut words);
    }
    if words.is_empty() && !p.include_title {
        // A body without words: the title is all there is to compare.
        push_words(title, &mut words);
    }

    // Shingles: every window of k words; a text shorter than k is one shingle.
    let mut sh: Vec<u64> = Vec::with_capacity(words.len());
    if !words.is_empty() {
        let w = k.min(words.len());
        for win in words.windows(w) {
            let mut h: u64 = 0x243F_6A88_85A3_08D3;
            for &x in win {
                h = (h ^ x).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(27);
            }
            sh.push(mix64(h));
        }
        sh.sort_unstable();
        sh.dedup();
    }
    sh
}

/// Exact Jaccard similarity of two sorted shingle sets (from [`shingles`]).
pub fn exact_jaccard(a: &[u64], b: &[u64]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    inter as f32 / (a.len() + b.len() - inter) as f32
}

/// Stemmed content terms of the title and the first [`LEAD_WORDS`] words of the body, as
/// hashes: the vocabulary a story is recognised by, whatever the outlet's headline.
fn lead_terms(title: &str, paragraphs: &[String], cap: usize) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::with_capacity(cap);
    let push = |t: &str, out: &mut Vec<u32>| {
        // Very short stems (one or two letters) are mostly clitic debris, never topical.
        if t.chars().count() >= 3 {
            let h = hash_bytes(t.as_bytes()) as u32;
            if !out.contains(&h) && out.len() < cap {
                out.push(h);
            }
        }
    };
    marsad_text::analyze(title, |t, _, _| push(t, &mut out));
    // Token by token, so that reading stops after the lead instead of stemming a long first
    // paragraph to the end.
    let mut n = 0;
    let mut buf = String::with_capacity(64);
    'outer: for para in paragraphs {
        for tok in marsad_text::tokens(para) {
            if let Some(t) = marsad_text::token_term(para, tok, &mut buf) {
                if n >= LEAD_WORDS {
                    break 'outer;
                }
                n += 1;
                push(t, &mut out);
            }
        }
    }
    out.sort_unstable();
    out
}

/// The fixed permutations: multiply-shift hashing `(a·x + b) >> 32` with odd 64-bit `a`, a
/// 2-universal family, which is what MinHash needs in practice. Seeds come from splitmix64 of a
/// constant, so they never change between builds. `a` is kept as its 32-bit halves, see
/// [`minhash_kernel`].
struct Perms {
    a_lo: [u32; PERMS],
    a_hi: [u32; PERMS],
    b: [u64; PERMS],
}

fn perms() -> &'static Perms {
    use std::sync::OnceLock;
    static P: OnceLock<Perms> = OnceLock::new();
    P.get_or_init(|| {
        let mut s = 0x6D61_7273_6164_u64; // "marsad"
        let mut p = Perms {
            a_lo: [0; PERMS],
            a_hi: [0; PERMS],
            b: [0; PERMS],
        };
        for i in 0..PERMS {
            let a = splitmix(&mut s) | 1;
            p.a_lo[i] = a as u32;
            p.a_hi[i] = (a >> 32) as u32;
            p.b[i] = splitmix(&mut s);
        }
        p
    })
}

fn minhash(shingles: &[u64]) -> Vec<u32> {
    let p = perms();
    let mut mins = [u32::MAX; PERMS];
    #[cfg(target_arch = "x86_64")]
    {
        if std::is_x86_feature_detected!("avx512f") {
            // SAFETY: the CPU has the feature, checked just above.
            unsafe { minhash_avx512(shingles, p, &mut mins) };
            return mins.to_vec();
        }
        if std::is_x86_feature_detected!("avx2") {
            // SAFETY: as above.
            unsafe { minhash_avx2(shingles, p, &mut mins) };
            return mins.to_vec();
        }
    }
    minhash_kernel(shingles, p, &mut mins);
    mins.to_vec()
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
unsafe fn minhash_avx512(shingles: &[u64], p: &Perms, mins: &mut [u32; PERMS]) {
    minhash_kernel(shingles, p, mins)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn minhash_avx2(shingles: &[u64], p: &Perms, mins: &mut [u32; PERMS]) {
    minhash_kernel(shingles, p, mins)
}

/// The hot loop of sketching: for every shingle `x` and permutation `i`, the high half of
/// `a_i·x + b_i (mod 2^64)`, kept when smaller. The 64-bit product is spelled with 32×32→64
/// multiplies (`a·x mod 2^64 = a_lo·x_lo + (a_hi·x_lo + a_lo·x_hi)·2^32`), which vector units
/// have (64×64 multiplies they mostly lack), so the compiler vectorises it over permutations;
/// the values are exactly those of the plain 64-bit formula.
#[inline(always)]
#[allow(clippy::needless_range_loop)] // one index over four arrays is what vectorises
fn minhash_kernel(shingles: &[u64], p: &Perms, mins: &mut [u32; PERMS]) {
    // Blocks of permutations, each run over all shingles, so a block's minima and constants
    // stay in vector registers instead of going through memory once per shingle.
    const BLOCK: usize = 16;
    for i0 in (0..PERMS).step_by(BLOCK) {
        let mut a_lo = [0u32; BLOCK];
        let mut a_hi = [0u32; BLOCK];
        let mut b = [0u64; BLOCK];
        a_lo.copy_from_slice(&p.a_lo[i0..i0 + BLOCK]);
        a_hi.copy_from_slice(&p.a_hi[i0..i0 + BLOCK]);
        b.copy_from_slice(&p.b[i0..i0 + BLOCK]);
        let mut m = [u32::MAX; BLOCK];
        for &x in shingles {
            let x_lo = x as u32 as u64;
            let x_hi = x >> 32;
            for j in 0..BLOCK {
                let lo = a_lo[j] as u64 * x_lo;
                let mid = (a_hi[j] as u64 * x_lo).wrapping_add(a_lo[j] as u64 * x_hi);
                let v = (lo.wrapping_add(mid << 32).wrapping_add(b[j]) >> 32) as u32;
                m[j] = m[j].min(v);
            }
        }
        for j in 0..BLOCK {
            mins[i0 + j] = mins[i0 + j].min(m[j]);
        }
    }
}

pub(crate) fn splitmix(s: &mut u64) -> u64 {
    *s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
    mix64(*s)
}

/// The splitmix64 finaliser: a cheap, good 64-bit mixer.
pub(crate) fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// FNV-1a then mixed: stable across platforms and releases (unlike `std`'s `DefaultHasher`).
pub(crate) fn hash_bytes(b: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &c in b {
        h ^= c as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01B3);
    }
    mix64(h)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(s: &str) -> Vec<String> {
        s.lines().map(str::to_string).collect()
    }

    const BODY: &str = "أعلنت وزارة الشؤون الثقافية في بلاغ لها مساء الأربعاء عن نتائج أعمال لجنة التشجيع على الإنتاج السينمائي بعنوان سنة 2016.\nوشملت المنح الأفلام الطويلة والأفلام القصيرة وناهزت قيمتها الجملية ثلاثة ملايين دينار حسب نفس البلاغ.";

    #[test]
    fn spelling_variants_do_not_change_the_sketch() {
        let a = sketch("عنوان", &paras(BODY));
        // Same text with hamza dropped, ة → ه, diacritics and tatweel added.
        let b_text = BODY
            .replace("أعلنت", "اعلنت")
            .replace("الثقافية", "الثقافيه")
            .replace("وزارة", "وَزارة")
            .replace("لجنة", "لجـنة");
        let b = sketch("عنوان آخر تماما", &paras(&b_text));
        assert_eq!(a.minhash, b.minhash);
        assert_eq!(a.jaccard(&b), 1.0);
    }

    #[test]
    fn unrelated_texts_are_far_and_edits_stay_close() {
        let a = sketch("", &paras(BODY));
        let other = "قال مدرب المنتخب الوطني لكرة القدم إن اللاعبين جاهزون للمباراة القادمة أمام منتخب الجزائر يوم الأحد المقبل في ملعب رادس بحضور الجمهور.";
        let c = sketch("", &paras(other));
        assert!(a.jaccard(&c) < 0.1, "{}", a.jaccard(&c));
        let edited = format!("{BODY}\nتابعونا على فيسبوك");
        let d = sketch("", &paras(&edited));
        assert!(a.jaccard(&d) > 0.7, "{}", a.jaccard(&d));
    }

    #[test]
    fn the_vectorised_kernel_equals_the_64_bit_formula() {
        // Sketches are persisted: a faster kernel must give the very same values.
        let mut seed = 7u64;
        let shingles: Vec<u64> = (0..1000).map(|_| splitmix(&mut seed)).collect();
        let mut s = 0x6D61_7273_6164_u64;
        let mut expect = [u32::MAX; PERMS];
        for e in expect.iter_mut() {
            let a = splitmix(&mut s) | 1;
            let b = splitmix(&mut s);
            for &x in &shingles {
                *e = (*e).min((a.wrapping_mul(x).wrapping_add(b) >> 32) as u32);
            }
        }
        assert_eq!(minhash(&shingles), expect.to_vec());
        let mut scalar = [u32::MAX; PERMS];
        minhash_kernel(&shingles, perms(), &mut scalar);
        assert_eq!(scalar, expect);
    }

    #[test]
    fn empty_and_short_texts() {
        let e = sketch("", &[]);
        assert!(e.is_empty());
        assert_eq!(e.jaccard(&e), 0.0);
        let t = sketch("زلزال في تركيا", &[]);
        assert!(!t.is_empty(), "a body-less article falls back to its title");
        assert_eq!(t.shingles, 1);
        assert!(!t.terms.is_empty());
    }
}
