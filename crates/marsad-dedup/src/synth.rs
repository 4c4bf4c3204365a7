//! `bench gen`: a deterministic synthetic corpus with planted near-duplicates, built from real
//! articles.
//!
//! Originals are the base articles themselves (when [`SynthParams::base_verbatim`]) and then
//! *remixes*: one or two sentences from each of 4–7 random base articles with 30% of the words
//! replaced by random corpus words, so that a million originals are distinct texts (two remixes sharing a
//! sentence keep few common 5-shingles) while still reading like the base's news language.
//!
//! A quarter of the originals get 1–8 copies (geometric, mean ≈ 2.5), the way a wire is
//! syndicated. Each copy is, with the stated probabilities:
//! - an exact copy (10%; marsad's content id collapses these at ingest, the index must still
//!   call them duplicates), otherwise:
//! - a rewritten headline (always): words dropped and shuffled, a prefix (عاجل: ، بالفيديو:), or
//!   the lead sentence cut to a dozen words;
//! - sentences dropped (50%: each with probability 0.15, at least one kept) or the tail cut
//!   (20%: 70–95% kept);
//! - two adjacent sentences swapped, once or twice (40%);
//! - word edits (50%: 2% of the words replaced) and spelling variants (30%: أ/إ → ا, ة → ه, ى → ي);
//! - boilerplate (60%): a dateline in front, and one or two footer lines (follow us, source,
//!   "اقرأ أيضا" with another article's headline).
//!
//! The gold is every pair within a family (original–copy and copy–copy). Nothing else is a
//! planted pair; whether the base holds duplicates of its own is the caller's business (see
//! `examples/bench_dedup.rs`, which removes them from the base first).

use serde::{Deserialize, Serialize};

use crate::sketch::splitmix;

/// A generated document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SynthDoc {
    pub id: String,
    pub title: String,
    pub paragraphs: Vec<String>,
    /// Id of the family's original (itself for an original).
    pub origin: String,
    /// What was done: `original`, `remix`, `exact`, or the perturbations of a copy joined by `+`.
    pub kind: String,
}

/// Knobs of the generator; [`generate`] uses the defaults.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct SynthParams {
    /// Probability that an original gets copies.
    pub family_prob: f64,
    /// Most copies of one original.
    pub max_copies: usize,
    /// Emit the base articles themselves as the first originals (off for later chunks of a
    /// large corpus, whose originals must then all be remixes to stay distinct).
    pub base_verbatim: bool,
}

impl Default for SynthParams {
    fn default() -> Self {
        SynthParams {
            family_prob: 0.25,
            max_copies: 8,
            base_verbatim: true,
        }
    }
}

/// `n` documents (originals and their copies, families kept whole so a family may end past `n`
/// by a few documents) from `base` (`(id, title, paragraphs)`), and the true duplicate pairs.
/// Same inputs and seed → same output. Generated ids start with `s{seed}-`.
pub fn generate(
    base: &[(String, String, Vec<String>)],
    n: usize,
    seed: u64,
) -> (Vec<SynthDoc>, Vec<(String, String)>) {
    generate_with(base, n, seed, &SynthParams::default())
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        splitmix(&mut self.0)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

const PREFIXES: &[&str] = &["عاجل:", "بالفيديو:", "بالصور:", "هام:", "متابعة:", "رسمي:"];
const DATELINES: &[&str] = &[
    "تونس (وات) -",
    "(وكالات) -",
    "تونس - مراسلنا:",
    "صفاقس - وات -",
    "الجزائر (رويترز) -",
];
const FOOTERS: &[&str] = &[
    "تابعونا على صفحتنا الرسمية على فيسبوك وتويتر لمزيد من الأخبار",
    "المصدر: وكالة تونس إفريقيا للأنباء",
    "جميع الحقوق محفوظة",
    "شارك هذا المقال مع أصدقائك",
    "للمزيد من التفاصيل تابعوا نشراتنا الإخبارية",
];

struct Base {
    id: String,
    title: String,
    sentences: Vec<String>,
}

/// [`generate`] with explicit parameters.
pub fn generate_with(
    base: &[(String, String, Vec<String>)],
    n: usize,
    seed: u64,
    p: &SynthParams,
) -> (Vec<SynthDoc>, Vec<(String, String)>) {
    let mut rng = Rng(seed ^ 0x005E_ED0F_5A17);
    let bases: Vec<Base> = base
        .iter()
        .map(|(id, title, paras)| Base {
            id: id.clone(),
            title: title.clone(),
            sentences: paras
                .iter()
                .flat_map(|para| {
                    marsad_text::sentences(para)
                        .into_iter()
                        .map(move |r| para[r].to_string())
                })
                .collect(),
        })
        .filter(|b| !b.sentences.is_empty())
        .collect();
    if bases.is_empty() || n == 0 {
        return (Vec::new(), Vec::new());
    }
    // Replacement words: every 7th word of the base, enough for variety.
    let mut vocab: Vec<String> = Vec::new();
    for (k, b) in bases.iter().enumerate().take(20_000) {
        for s in b.sentences.iter().take(3) {
            for (i, w) in s.split_whitespace().enumerate() {
                if (i + k) % 7 == 0 && w.chars().count() > 2 {
                    vocab.push(w.to_string());
                }
            }
        }
    }
    if vocab.is_empty() {
        vocab.push("خبر".to_string());
    }

    let mut docs: Vec<SynthDoc> = Vec::with_capacity(n + p.max_copies);
    let mut gold = Vec::new();
    let mut next_base = 0;
    let (mut n_remix, mut n_copy) = (0usize, 0usize);
    while docs.len() < n {
        // The original.
        let (oid, title, sents, kind) = if p.base_verbatim && next_base < bases.len() {
            let b = &bases[next_base];
            next_base += 1;
            (
                b.id.clone(),
                b.title.clone(),
                b.sentences.clone(),
                "original",
            )
        } else {
            n_remix += 1;
            // One or two sentences from each of 4–7 articles, 30% of the words replaced: a
            // remix must not contain most of a short base article (it would then truly be a
            // partial duplicate of it, which the gold does not list).
            let k = 4 + rng.below(4);
            let mut sents = Vec::new();
            let mut title = String::new();
            for j in 0..k {
                let b = &bases[rng.below(bases.len())];
                if j == 0 {
                    title = substitute(&b.title, 0.3, &vocab, &mut rng);
                }
                let start = rng.below(b.sentences.len());
                let len = 1 + rng.below(2);
                for s in b.sentences.iter().skip(start).take(len) {
                    sents.push(substitute(s, 0.30, &vocab, &mut rng));
                }
            }
            (format!("s{seed}-r{n_remix}"), title, sents, "remix")
        };
        let family_start = docs.len();
        docs.push(SynthDoc {
            id: oid.clone(),
            title: title.clone(),
            paragraphs: to_paragraphs(&sents),
            origin: oid.clone(),
            kind: kind.to_string(),
        });
        if rng.chance(p.family_prob) {
            // Geometric number of copies, mean ≈ 2.5, capped.
            let mut c = 1;
            while c < p.max_copies && rng.chance(0.6) {
                c += 1;
            }
            for _ in 0..c {
                n_copy += 1;
                let other = &bases[rng.below(bases.len())].title;
                let (t, s, kind) = perturb(&title, &sents, other, &vocab, &mut rng);
                docs.push(SynthDoc {
                    id: format!("s{seed}-c{n_copy}"),
                    title: t,
                    paragraphs: to_paragraphs(&s),
                    origin: oid.clone(),
                    kind,
                });
            }
        }
        let fam = &docs[family_start..];
        for i in 0..fam.len() {
            for j in i + 1..fam.len() {
                gold.push((fam[i].id.clone(), fam[j].id.clone()));
            }
        }
    }
    (docs, gold)
}

/// Sentences regrouped into paragraphs of one to three sentences (layout varies by outlet and
/// must not matter).
fn to_paragraphs(sents: &[String]) -> Vec<String> {
    sents.chunks(2).map(|c| c.join(" ")).collect()
}

fn substitute(s: &str, p: f64, vocab: &[String], rng: &mut Rng) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut out = String::with_capacity(s.len());
    for w in words {
        if !out.is_empty() {
            out.push(' ');
        }
        if rng.chance(p) {
            out.push_str(&vocab[rng.below(vocab.len())]);
        } else {
            out.push_str(w);
        }
    }
    out
}

fn perturb(
    title: &str,
    sents: &[String],
    other_title: &str,
    vocab: &[String],
    rng: &mut Rng,
) -> (String, Vec<String>, String) {
    if rng.chance(0.10) {
        return (title.to_string(), sents.to_vec(), "exact".to_string());
    }
    let mut kinds = vec!["headline"];
    // Headline rewrite.
    let t = match rng.below(3) {
        0 => {
            let mut w: Vec<&str> = title.split_whitespace().collect();
            if w.len() > 3 {
                w.remove(rng.below(w.len()));
                let i = rng.below(w.len() - 1);
                w.swap(i, i + 1);
            }
            w.join(" ")
        }
        1 => format!("{} {}", PREFIXES[rng.below(PREFIXES.len())], title),
        _ => sents[0]
            .split_whitespace()
            .take(12)
            .collect::<Vec<_>>()
            .join(" "),
    };
    let mut s: Vec<String> = sents.to_vec();
    if s.len() > 1 && rng.chance(0.5) {
        kinds.push("drop");
        let keep: Vec<bool> = (0..s.len()).map(|_| !rng.chance(0.15)).collect();
        if keep.iter().any(|&k| k) {
            s = s
                .into_iter()
                .zip(keep)
                .filter(|p| p.1)
                .map(|p| p.0)
                .collect();
        }
    } else if s.len() > 2 && rng.chance(0.2) {
        kinds.push("truncate");
        let frac = 0.70 + 0.25 * (rng.below(1000) as f64 / 1000.0);
        let keep = ((s.len() as f64 * frac).ceil() as usize).clamp(1, s.len());
        s.truncate(keep);
    }
    if s.len() > 1 && rng.chance(0.4) {
        kinds.push("swap");
        for _ in 0..1 + rng.below(2) {
            let i = rng.below(s.len() - 1);
            s.swap(i, i + 1);
        }
    }
    if rng.chance(0.5) {
        kinds.push("edit");
        s = s.iter().map(|x| substitute(x, 0.02, vocab, rng)).collect();
    }
    if rng.chance(0.3) {
        kinds.push("spelling");
        s = s
            .iter()
            .map(|x| {
                x.replace(['أ', 'إ'], "ا")
                    .replace('ة', "ه")
                    .replace('ى', "ي")
            })
            .collect();
    }
    if rng.chance(0.6) {
        kinds.push("boilerplate");
        let dl = DATELINES[rng.below(DATELINES.len())];
        s[0] = format!("{dl} {}", s[0]);
        s.push(FOOTERS[rng.below(FOOTERS.len())].to_string());
        if rng.chance(0.5) {
            s.push(format!("اقرأ أيضا: {other_title}"));
        }
    }
    (t, s, kinds.join("+"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Vec<(String, String, Vec<String>)> {
        (0..20)
            .map(|i| {
                (
                    format!("b{i}"),
                    format!("عنوان الخبر رقم {i} عن الأحداث الجارية"),
                    vec![format!(
                        "قال المسؤول في الوزارة رقم {i} إن الوضع مستقر. وأضاف أن الحكومة ستتخذ إجراءات جديدة خلال الأسبوع {i}. وأكد أن المواطنين مدعوون إلى التحلي باليقظة."
                    )],
                )
            })
            .collect()
    }

    #[test]
    fn deterministic_and_gold_is_within_families() {
        let (a, ga) = generate(&base(), 200, 7);
        let (b, gb) = generate(&base(), 200, 7);
        assert_eq!(a, b);
        assert_eq!(ga, gb);
        assert!(a.len() >= 200);
        let origin: std::collections::HashMap<&str, &str> = a
            .iter()
            .map(|d| (d.id.as_str(), d.origin.as_str()))
            .collect();
        assert!(!ga.is_empty());
        for (x, y) in &ga {
            assert_eq!(origin[x.as_str()], origin[y.as_str()]);
        }
        let ids: std::collections::HashSet<&str> = a.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids.len(), a.len(), "ids are unique");
        assert_eq!(a[0].id, "b0", "the base comes first, verbatim");
        let (c, _) = generate(&base(), 200, 8);
        assert_ne!(a, c);
    }
}
