//! Word clusters and name lists (gazetteers) used as tagger features.
//!
//! Everything is keyed by match keys ([`marsad_text::match_key`]); lookups also try the
//! clitic-stripped forms of a word ([`clitic_forms`]: وميركل → ميركل, بواشنطن → واشنطن).
//!
//! Files (in `data/ner/`, written by [`build_resources`]):
//! - `clusters.tsv.gz`: `key<TAB>cluster<TAB>count`; the cluster id (0..1024) is hierarchical:
//!   `id / 32` is the 32-way cluster, `id / 4` the 256-way cluster. Learnt from ANT (one Tunisian
//!   outlet) and the ANERcorp train tokens.
//! - `clusters_news.tsv.gz`: the same format, learnt from eight times more text (ANT plus the five
//!   pan-Arab outlets of ANT multi-source): a second view of the words, for other presses' names
//!   (optional: a resources folder without it gives no such features).
//! - `gaz_*.txt`: one entry (match key, words separated by single spaces) per line; `#` lines
//!   are comments.

use super::fx::FxMap;
use super::text::text_tokens;
use super::{NerError, Sentence};
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use std::collections::{HashMap, HashSet};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// Gazetteer classes (bit flags).
pub(crate) const G_PERS_FIRST: u16 = 1;
pub(crate) const G_PERS_NAME: u16 = 2;
pub(crate) const G_LOC: u16 = 4;
pub(crate) const G_COUNTRY: u16 = 8;
pub(crate) const G_ORG_HEAD: u16 = 16;
pub(crate) const G_ACTOR: u16 = 32;
pub(crate) const G_TRIG_PERS: u16 = 64;
pub(crate) const G_TRIG_LOC: u16 = 128;
pub(crate) const G_TRIG_ORG: u16 = 256;

/// The gazetteer files and the class each gives.
pub(crate) const GAZ_FILES: [(&str, u16); 9] = [
    ("gaz_pers_first.txt", G_PERS_FIRST),
    ("gaz_pers_name.txt", G_PERS_NAME),
    ("gaz_loc.txt", G_LOC),
    ("gaz_country.txt", G_COUNTRY),
    ("gaz_org_head.txt", G_ORG_HEAD),
    ("gaz_actor.txt", G_ACTOR),
    ("trig_pers.txt", G_TRIG_PERS),
    ("trig_loc.txt", G_TRIG_LOC),
    ("trig_org.txt", G_TRIG_ORG),
];

/// The text of a gzip file's bytes.
fn gunzip(gz: &[u8], name: &str) -> Result<String, NerError> {
    let mut s = String::new();
    GzDecoder::new(gz)
        .read_to_string(&mut s)
        .map_err(|e| NerError::Format(format!("{name}: {e}")))?;
    Ok(s)
}

/// A cluster file's text (`key<TAB>cluster<TAB>count`) as match key → cluster id.
fn read_clusters(s: &str, name: &str) -> Result<FxMap<String, u16>, NerError> {
    let mut out = FxMap::default();
    for (n, line) in s.lines().enumerate() {
        let mut f = line.split('\t');
        let (Some(k), Some(c)) = (f.next(), f.next()) else {
            return Err(NerError::Format(format!("{name} line {}: bad line", n + 1)));
        };
        let c: u16 = c
            .parse()
            .map_err(|_| NerError::Format(format!("{name} line {}: bad id", n + 1)))?;
        out.insert(k.to_string(), c);
    }
    Ok(out)
}

/// Whether `key` has the shape of a definite nisba: ال + at least three letters + ي.
fn nisba_shaped(key: &str) -> bool {
    key.starts_with("ال") && key.ends_with('ي') && key.chars().count() >= 6
}

/// The counts of the nisba-shaped words of a cluster file's text and of their feminines.
fn read_nisba_counts(s: &str) -> FxMap<String, u32> {
    let mut out = FxMap::default();
    for line in s.lines() {
        let mut f = line.split('\t');
        let (Some(k), Some(_), Some(n)) = (f.next(), f.next(), f.next()) else {
            continue; // read_clusters reports a bad line
        };
        let shaped = nisba_shaped(k) || k.strip_suffix('ه').is_some_and(nisba_shaped);
        if let (true, Ok(n)) = (shaped, n.parse()) {
            out.insert(k.to_string(), n);
        }
    }
    out
}

/// The cluster of `key` in `clusters`, or of its least-stripped clitic form that has one.
fn cluster_in(clusters: &FxMap<String, u16>, key: &str) -> Option<u16> {
    clitic_forms_fast(key)
        .as_slice()
        .iter()
        .find_map(|f| clusters.get(*f).copied())
}

/// The resources compiled into the binary, parsed on first use ([`Resources::embedded`]).
static EMBEDDED: OnceLock<Result<Arc<Resources>, String>> = OnceLock::new();

/// Word clusters and name lists.
#[derive(Clone, Debug, Default)]
pub struct Resources {
    /// match key → 1024-way hierarchical cluster id
    pub(crate) clusters: FxMap<String, u16>,
    /// the same, learnt from the larger news corpus (`clusters_news.tsv.gz`)
    pub(crate) news_clusters: FxMap<String, u16>,
    /// single-word entries: match key → class flags
    pub(crate) words: FxMap<String, u16>,
    /// multi-word entries: match key of the whole phrase (single spaces) → class flags
    pub(crate) phrases: FxMap<String, u16>,
    /// the longest phrase, in words
    pub(crate) max_phrase: usize,
    /// first word (up to the first space) of each multi-word entry → the largest word count
    /// (`split(' ')`) of an entry starting with it: lets [`Resources::phrase_matches`] skip
    /// lookups that cannot match
    pub(crate) phrase_firsts: FxMap<String, usize>,
    /// news-corpus counts of the definite nisba-shaped words (ال…ي) and their feminines (ال…يه),
    /// from `clusters_news.tsv.gz`: see [`Resources::family_nisba`]
    pub(crate) nisba_counts: FxMap<String, u32>,
}

/// The clitic-stripped forms of a match key as [`clitic_forms`] gives them, without allocating.
/// All forms are suffixes of the key of distinct lengths, so there are at most 5.
#[derive(Clone, Copy)]
pub(crate) struct Forms<'a> {
    f: [&'a str; 6],
    n: usize,
}

impl<'a> Forms<'a> {
    #[inline]
    pub(crate) fn as_slice(&self) -> &[&'a str] {
        &self.f[..self.n]
    }
    #[inline]
    pub(crate) fn last(&self) -> &'a str {
        self.f[self.n - 1]
    }
}

#[inline]
fn strip2(s: &str, p: [u8; 2]) -> Option<&str> {
    let b = s.as_bytes();
    if b.len() >= 2 && b[0] == p[0] && b[1] == p[1] {
        Some(&s[2..])
    } else {
        None
    }
}

#[inline]
fn strip4(s: &str, p: [u8; 4]) -> Option<&str> {
    let b = s.as_bytes();
    if b.len() >= 4 && b[0] == p[0] && b[1] == p[1] && b[2] == p[2] && b[3] == p[3] {
        Some(&s[4..])
    } else {
        None
    }
}

#[inline]
fn at_least_two_chars(s: &str) -> bool {
    let mut it = s.chars();
    it.next().is_some() && it.next().is_some()
}

// UTF-8 of the clitic letters (all in the Arabic block: two bytes each)
const WAW: [u8; 2] = [0xD9, 0x88]; // و
const FA: [u8; 2] = [0xD9, 0x81]; // ف
const BA: [u8; 2] = [0xD8, 0xA8]; // ب
const LAM: [u8; 2] = [0xD9, 0x84]; // ل
const KAF: [u8; 2] = [0xD9, 0x83]; // ك
const AL: [u8; 4] = [0xD8, 0xA7, 0xD9, 0x84]; // ال
const LL: [u8; 4] = [0xD9, 0x84, 0xD9, 0x84]; // لل

/// [`clitic_forms`] without the `Vec`: same forms, same order (the same loops over conjunction,
/// preposition and article, on bytes).
#[inline]
pub(crate) fn clitic_forms_fast(key: &str) -> Forms<'_> {
    let mut out = Forms { f: [key; 6], n: 1 };
    let (kb, kl) = (key.as_bytes(), key.len());
    // quick exit: every stripped form starts after a و ف ب ل ك or ال prefix (lead byte D8/D9)
    if kl < 4 || !(kb[0] == 0xD8 || kb[0] == 0xD9) {
        return out;
    }
    for conj in 0..3 {
        let a = match conj {
            0 => Some(key),
            1 => strip2(key, WAW),
            _ => strip2(key, FA),
        };
        let Some(a) = a else { continue };
        for prep in 0..4 {
            let b = match prep {
                0 => Some(a),
                1 => strip2(a, BA),
                2 => strip2(a, LAM),
                _ => strip2(a, KAF),
            };
            let Some(b) = b else { continue };
            for art in 0..2 {
                let c = if art == 0 {
                    b
                } else if prep == 2 {
                    // ل + ال is written لل
                    match strip4(a, LL) {
                        Some(c) => c,
                        None => continue,
                    }
                } else {
                    match strip4(b, AL) {
                        Some(c) => c,
                        None => continue,
                    }
                };
                // forms are suffixes of the key: equal strings ⇔ equal lengths
                if c.len() < kl
                    && !out.f[..out.n].iter().any(|x| x.len() == c.len())
                    && at_least_two_chars(c)
                {
                    out.f[out.n] = c;
                    out.n += 1;
                }
            }
        }
    }
    // longest first (lengths are distinct; the key itself stays first)
    out.f[..out.n].sort_unstable_by_key(|s| std::cmp::Reverse(s.len()));
    out
}

/// Clitic-stripped forms of a match key, the key itself first: conjunction و/ف, then
/// preposition ب/ل/ك, then article ال (ل + ال = لل); every combination that leaves at least two
/// letters. وبالعراق → وبالعراق، بالعراق، العراق، عراق (in that order of fewer to more stripping).
pub fn clitic_forms(key: &str) -> Vec<&str> {
    let mut out = vec![key];
    let nchars = |s: &str| s.chars().count();
    for conj in ["", "و", "ف"] {
        let Some(a) = key.strip_prefix(conj) else {
            continue;
        };
        for prep in ["", "ب", "ل", "ك"] {
            let Some(b) = a.strip_prefix(prep) else {
                continue;
            };
            for art in ["", "ال"] {
                let c = if prep == "ل" && art == "ال" {
                    // ل + ال is written لل
                    match a.strip_prefix("لل") {
                        Some(c) => c,
                        None => continue,
                    }
                } else {
                    match b.strip_prefix(art) {
                        Some(c) => c,
                        None => continue,
                    }
                };
                if c.len() < key.len() && nchars(c) >= 2 && !out.contains(&c) {
                    out.push(c);
                }
            }
        }
    }
    out.sort_by_key(|s| std::cmp::Reverse(s.len()));
    out
}

impl Resources {
    /// Loads the files of `dir` (see the module docs). Missing gazetteer files are empty lists;
    /// a missing cluster file is an error.
    pub fn load(dir: &Path) -> Result<Resources, NerError> {
        let cpath = dir.join("clusters.tsv.gz");
        let bytes = std::fs::read(&cpath).map_err(|e| NerError::io(&cpath, e))?;
        let npath = dir.join("clusters_news.tsv.gz");
        let news = match std::fs::read(&npath) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(NerError::io(&npath, e)),
        };
        let mut gaz = Vec::new();
        for (name, _) in GAZ_FILES {
            let p = dir.join(name);
            let s = match std::fs::read_to_string(&p) {
                Ok(s) => s,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
                Err(e) => return Err(NerError::io(&p, e)),
            };
            gaz.push(s);
        }
        let refs: Vec<&str> = gaz.iter().map(|s| s.as_str()).collect();
        Self::from_parts(&bytes, &news, &refs)
    }

    /// The resources shipped in `data/ner/`, compiled into the binary and parsed once.
    pub fn embedded() -> Result<&'static Resources, NerError> {
        match Self::embedded_cell() {
            Ok(a) => Ok(&**a),
            Err(e) => Err(NerError::Format(format!("embedded NER resources: {e}"))),
        }
    }

    pub(crate) fn embedded_arc() -> Result<Arc<Resources>, NerError> {
        match Self::embedded_cell() {
            Ok(a) => Ok(a.clone()),
            Err(e) => Err(NerError::Format(format!("embedded NER resources: {e}"))),
        }
    }

    fn embedded_cell() -> &'static Result<Arc<Resources>, String> {
        EMBEDDED.get_or_init(|| {
            Self::from_parts(
                include_bytes!("../../../../data/ner/clusters.tsv.gz"),
                include_bytes!("../../../../data/ner/clusters_news.tsv.gz"),
                &[
                    include_str!("../../../../data/ner/gaz_pers_first.txt"),
                    include_str!("../../../../data/ner/gaz_pers_name.txt"),
                    include_str!("../../../../data/ner/gaz_loc.txt"),
                    include_str!("../../../../data/ner/gaz_country.txt"),
                    include_str!("../../../../data/ner/gaz_org_head.txt"),
                    include_str!("../../../../data/ner/gaz_actor.txt"),
                    include_str!("../../../../data/ner/trig_pers.txt"),
                    include_str!("../../../../data/ner/trig_loc.txt"),
                    include_str!("../../../../data/ner/trig_org.txt"),
                ],
            )
            .map(Arc::new)
            .map_err(|e| e.to_string())
        })
    }

    /// Builds from the cluster files' bytes (gzip; `news_gz` may be empty: no such clusters) and
    /// the gazetteer files' texts, in the order of `GAZ_FILES`.
    pub(crate) fn from_parts(
        clusters_gz: &[u8],
        news_gz: &[u8],
        gaz: &[&str],
    ) -> Result<Resources, NerError> {
        let mut r = Resources {
            clusters: read_clusters(&gunzip(clusters_gz, "clusters.tsv.gz")?, "clusters.tsv.gz")?,
            ..Resources::default()
        };
        if !news_gz.is_empty() {
            let news = gunzip(news_gz, "clusters_news.tsv.gz")?;
            r.news_clusters = read_clusters(&news, "clusters_news.tsv.gz")?;
            r.nisba_counts = read_nisba_counts(&news);
        }
        for (i, text) in gaz.iter().enumerate() {
            let flag = GAZ_FILES.get(i).map(|g| g.1).unwrap_or(0);
            for line in text.lines() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                let n = line.split(' ').count();
                if n == 1 {
                    *r.words.entry(line.to_string()).or_default() |= flag;
                } else {
                    r.max_phrase = r.max_phrase.max(n);
                    *r.phrases.entry(line.to_string()).or_default() |= flag;
                }
            }
        }
        r.index_phrases();
        Ok(r)
    }

    /// Fills [`Resources::phrase_firsts`] from [`Resources::phrases`].
    pub(crate) fn index_phrases(&mut self) {
        self.phrase_firsts.clear();
        for p in self.phrases.keys() {
            let first = p.split(' ').next().unwrap_or("");
            let n = p.split(' ').count();
            let e = self.phrase_firsts.entry(first.to_string()).or_insert(0);
            *e = (*e).max(n);
        }
    }

    /// These are the resources compiled into the binary ([`Resources::embedded`]).
    /// (Asked without loading them.)
    pub(crate) fn is_embedded(&self) -> bool {
        matches!(EMBEDDED.get(), Some(Ok(a)) if std::ptr::eq(self, &**a))
    }

    /// The cluster of a match key, or of its least-stripped clitic form that has one.
    pub(crate) fn cluster(&self, key: &str) -> Option<u16> {
        cluster_in(&self.clusters, key)
    }

    /// Whether the match key `key` reads as a family name of nisba shape (العتيبي، الشهراني،
    /// المالكي) rather than an adjective: an adjective agrees with feminine nouns, a family name
    /// does not, so its feminine (ال…يه) is rare in the news beside it (under a fifth as frequent;
    /// الرسمي/الرسمية, المصري/المصرية, الصحفي/الصحفية are adjectives). A nisba the news never had counts as a
    /// name. Without the news clusters, nothing is.
    pub fn family_nisba(&self, key: &str) -> bool {
        if self.news_clusters.is_empty() || !nisba_shaped(key) {
            return false;
        }
        let count = |k: &str| u64::from(self.nisba_counts.get(k).copied().unwrap_or(0));
        count(&format!("{key}ه")) * 5 < count(key).max(1)
    }

    /// [`Resources::cluster`] in the clusters of the larger news corpus.
    pub(crate) fn news_cluster(&self, key: &str) -> Option<u16> {
        cluster_in(&self.news_clusters, key)
    }

    /// Whether the match key, as written (no clitic stripped), is in a list of person names
    /// (given names or name tokens).
    pub(crate) fn is_person_word(&self, key: &str) -> bool {
        self.words
            .get(key)
            .is_some_and(|f| f & (G_PERS_FIRST | G_PERS_NAME) != 0)
    }

    /// Gazetteer flags of a single word: the union over its clitic forms.
    pub(crate) fn word_flags(&self, key: &str) -> u16 {
        clitic_forms_fast(key)
            .as_slice()
            .iter()
            .fold(0, |a, f| a | self.words.get(*f).copied().unwrap_or(0))
    }

    /// Longest multi-word gazetteer matches over a sentence of match keys. The first word of a
    /// phrase may carry clitics. Returns, per token, (flags, is_first_word) of the match covering
    /// it, if any.
    pub(crate) fn phrase_matches<S: AsRef<str>>(&self, keys: &[S]) -> Vec<Option<(u16, bool)>> {
        let mut out = vec![None; keys.len()];
        if self.phrases.is_empty() || keys.len() < 2 {
            return out;
        }
        // Without spaces inside keys a candidate "f k1 k2 …" of n keys has exactly n words and
        // first word f, so only first words of entries with that many words can match.
        // (`phrase_firsts` must describe `phrases`; rebuilt if the sizes disagree.)
        let fast = !keys.iter().any(|k| k.as_ref().contains(' ')) && !self.phrase_firsts.is_empty();
        let mut buf = String::new();
        let mut i = 0;
        while i < keys.len() {
            let mut found = None;
            let maxn = self.max_phrase.min(keys.len() - i);
            let forms = clitic_forms_fast(keys[i].as_ref());
            let forms = forms.as_slice();
            let mut lim = [0usize; 6];
            if fast {
                for (l, f) in lim.iter_mut().zip(forms) {
                    *l = self.phrase_firsts.get(*f).copied().unwrap_or(0);
                }
            }
            'len: for n in (2..=maxn).rev() {
                if fast && !lim[..forms.len()].iter().any(|&l| l >= n) {
                    continue;
                }
                for (fi, f) in forms.iter().enumerate() {
                    if fast && lim[fi] < n {
                        continue;
                    }
                    buf.clear();
                    buf.push_str(f);
                    for k in &keys[i + 1..i + n] {
                        buf.push(' ');
                        buf.push_str(k.as_ref());
                    }
                    if let Some(&fl) = self.phrases.get(buf.as_str()) {
                        found = Some((n, fl));
                        break 'len;
                    }
                }
            }
            if let Some((n, fl)) = found {
                for j in 0..n {
                    out[i + j] = Some((fl, j == 0));
                }
                i += n;
            } else {
                i += 1;
            }
        }
        out
    }
}

// ---------------------------------------------------------------------------------------------
// Building

fn key_words(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace() || c == '_')
        .filter(|w| !w.is_empty())
        .map(marsad_text::match_key)
        .filter(|w| !w.is_empty())
        .collect()
}

fn write_list(path: &Path, header: &str, items: &[String]) -> Result<(), NerError> {
    let mut s = String::new();
    for l in header.lines() {
        s.push_str("# ");
        s.push_str(l);
        s.push('\n');
    }
    for it in items {
        s.push_str(it);
        s.push('\n');
    }
    std::fs::write(path, s).map_err(|e| NerError::io(path, e))
}

fn read(path: &Path) -> Result<String, NerError> {
    let b = std::fs::read(path).map_err(|e| NerError::io(path, e))?;
    Ok(String::from_utf8_lossy(&b).into_owned())
}

/// Words that head organisation names in Arabic news (hand-written seed, match keys are taken).
const ORG_HEAD_SEED: &[&str] = &[
    "شركة",
    "حركة",
    "حزب",
    "وكالة",
    "منظمة",
    "جامعة",
    "مجلس",
    "نادي",
    "وزارة",
    "هيئة",
    "مؤسسة",
    "جمعية",
    "اتحاد",
    "لجنة",
    "بنك",
    "مصرف",
    "جبهة",
    "جيش",
    "محكمة",
    "مكتب",
    "معهد",
    "صندوق",
    "رابطة",
    "نقابة",
    "مركز",
    "برلمان",
    "حكومة",
    "إدارة",
    "دائرة",
    "مديرية",
    "منتدى",
    "تحالف",
    "كتلة",
    "تنظيم",
    "قوات",
    "مجموعة",
    "جماعة",
    "مفوضية",
    "الأمم",
    "البنك",
    "الاتحاد",
    "مجمع",
    "أكاديمية",
    "كلية",
    "مستشفى",
    "صحيفة",
    "جريدة",
    "مجلة",
    "قناة",
    "إذاعة",
    "تلفزيون",
    "شبكة",
    "المجلس",
    "الحزب",
    "الجامعة",
    "المنظمة",
    "الحركة",
    "الشركة",
    "الوكالة",
    "الجبهة",
];

/// Builds the word clusters and name lists from the shared data folder (`…/shared/data`) into
/// `out_dir` (created if needed). Sources:
/// - clusters: the ANT corpus (`news/ant_v1.1/*/*.txt`, TITLE and TEXT) plus the *tokens* of the
///   ANERcorp CAMeL train split (no tags, no test data); the news clusters add ANT multi-source
///   (`news/ant_multisource/*.jsonl.gz`, titles and paragraphs; not SaudiNewsNet, whose licence
///   is non-commercial);
/// - `gaz_pers_name.txt`: Arabic side of the Wikidata name-token transliterations;
/// - `gaz_pers_first.txt`, `gaz_actor.txt`: UniversalPetrarch's Arabic actor dictionary
///   (first words of person-like multi-word actors; all multi-word actors);
/// - `gaz_loc.txt`: GeoNames Arabic city names; `gaz_country.txt`: country names (mledoze);
/// - `gaz_org_head.txt`: a hand-written seed plus first words of ORG entities in the ANERcorp
///   train split (≥ 3 times and ≥ 30 % of that word's occurrences).
///
/// Deterministic. Returns a one-paragraph summary of what was written.
pub fn build_resources(shared_data: &Path, out_dir: &Path) -> Result<String, NerError> {
    std::fs::create_dir_all(out_dir).map_err(|e| NerError::io(out_dir, e))?;
    let mut summary = String::new();
    let train_path = shared_data.join("ner/anercorp/ANERCorp_CamelLab_train.reconstructed.txt");
    let train = super::read_conll(&read(&train_path)?);
    write_gazetteers(shared_data, &train, out_dir, &mut summary)?;
    write_clusters(shared_data, &train, out_dir, &mut summary)?;
    Ok(summary)
}

/// The name lists and trigger lists (`gaz_*.txt`, `trig_*.txt`) into `out_dir`, one summary line
/// each.
fn write_gazetteers(
    shared_data: &Path,
    train: &[Sentence],
    out_dir: &Path,
    summary: &mut String,
) -> Result<(), NerError> {
    let org_heads = org_heads(train);
    let triggers = trigger_words(train);
    let pers_name = wikidata_person_names(shared_data)?;
    let (actor_phrases, pers_first) = actor_names(shared_data, &org_heads)?;
    let loc = city_names(shared_data)?;
    let country = country_names(shared_data)?;
    let sorted = |s: HashSet<String>| {
        let mut v: Vec<String> = s.into_iter().collect();
        v.sort();
        v
    };
    let lists = [
        ("gaz_pers_first.txt", "Given names: first words of multi-word entries of UniversalPetrarch's Arabic actor dictionary\n(actor_dict_ar_v4.txt, MIT) seen at least twice, minus organisation heads and titles. Match keys.", sorted(pers_first)),
        ("gaz_pers_name.txt", "Person-name tokens: the Arabic side of Wikidata English->Arabic name-token transliterations\n(NETransliteration-COLING2018, CC0). Match keys.", sorted(pers_name)),
        ("gaz_loc.txt", "Places: Arabic names of GeoNames cities with >= 15,000 people (CC BY 4.0). Match keys.", sorted(loc)),
        ("gaz_country.txt", "Countries: Arabic common and official names (mledoze/countries, ODbL 1.0). Match keys.", sorted(country)),
        ("gaz_org_head.txt", "Organisation head words: a hand-written seed plus first words of ORG entities in the ANERcorp\nCAMeL train split (>= 3 times, >= 30% of the word's occurrences; CC BY-SA 4.0). Match keys.", sorted(org_heads)),
        ("trig_pers.txt", "Person triggers: words found 1-3 words before a person name in >= 25% of their >= 5\noccurrences in the ANERcorp CAMeL train split (CC BY-SA 4.0). Match keys.", sorted(triggers[0].clone())),
        ("trig_loc.txt", "Place triggers: as trig_pers.txt, before a place name.", sorted(triggers[1].clone())),
        ("trig_org.txt", "Organisation triggers: as trig_pers.txt, before an organisation name.", sorted(triggers[2].clone())),
        ("gaz_actor.txt", "Actor names (2-5 words) of UniversalPetrarch's Arabic actor dictionary (MIT), underscores\nas spaces, match keys. Persons and organisations alike.", sorted(actor_phrases)),
    ];
    for (name, header, items) in &lists {
        write_list(&out_dir.join(name), header, items)?;
        summary.push_str(&format!("{name}: {} entries\n", items.len()));
    }
    Ok(())
}

/// Organisation head words: the hand-written seed plus the words that begin an ORG entity in the
/// train split at least 3 times and in ≥ 30 % of their occurrences.
fn org_heads(train: &[Sentence]) -> HashSet<String> {
    let mut org_heads: HashSet<String> = ORG_HEAD_SEED
        .iter()
        .map(|w| marsad_text::match_key(w))
        .collect();
    let mut b_org: HashMap<String, usize> = HashMap::new();
    let mut all: HashMap<String, usize> = HashMap::new();
    for s in train {
        for (t, g) in s.tokens.iter().zip(&s.tags) {
            let k = marsad_text::match_key(t);
            *all.entry(k.clone()).or_default() += 1;
            if g == "B-ORG" {
                *b_org.entry(k).or_default() += 1;
            }
        }
    }
    for (k, n) in b_org {
        if n >= 3 && n * 10 >= all[&k] * 3 && k.chars().count() >= 2 {
            org_heads.insert(k);
        }
    }
    org_heads
}

/// Trigger words (PERS, LOC, ORG): words that precede an entity of a type (1-3 words before its
/// first word) in >= 25 % of their >= 5 occurrences in the train split.
fn trigger_words(train: &[Sentence]) -> [HashSet<String>; 3] {
    let mut triggers: [HashSet<String>; 3] = Default::default();
    let mut before: HashMap<(String, usize), usize> = HashMap::new();
    let mut all: HashMap<String, usize> = HashMap::new();
    for s in train {
        let keys: Vec<String> = s.tokens.iter().map(|t| marsad_text::match_key(t)).collect();
        for (i, k) in keys.iter().enumerate() {
            *all.entry(k.clone()).or_default() += 1;
            let mut seen = [false; 3];
            for d in 1..=3 {
                if let Some(tag) = s.tags.get(i + d) {
                    let ty = match tag.as_str() {
                        "B-PERS" => 0,
                        "B-LOC" => 1,
                        "B-ORG" => 2,
                        _ => continue,
                    };
                    // the words between must not be entities themselves (except LOC for PERS:
                    // رئيس أذربيجان حكمت حجييف)
                    seen[ty] = true;
                }
            }
            for (ty, &s) in seen.iter().enumerate() {
                if s {
                    *before.entry((k.clone(), ty)).or_default() += 1;
                }
            }
        }
    }
    for ((k, ty), n) in before {
        let total = all[&k];
        if total >= 5
            && n * 4 >= total
            && k.chars().count() >= 2
            && k.chars().all(marsad_text_is_arabic)
        {
            triggers[ty].insert(k);
        }
    }
    triggers
}

/// Person-name tokens: the Arabic side of the Wikidata name-token transliterations.
fn wikidata_person_names(shared_data: &Path) -> Result<HashSet<String>, NerError> {
    let wd = read(
        &shared_data
            .join("gazetteers/wikidata_name_transliteration/wd_arabic.normalized.aligned.tokens"),
    )?;
    let mut pers_name: HashSet<String> = HashSet::new();
    for line in wd.lines() {
        let mut f = line.split('\t');
        let (_, Some(ar)) = (f.next(), f.next()) else {
            continue;
        };
        let w: String = ar.chars().filter(|c| !c.is_whitespace()).collect();
        let k = marsad_text::match_key(&w);
        if k.chars().count() >= 2 && k.chars().all(marsad_text_is_arabic) {
            pers_name.insert(k);
        }
    }
    Ok(pers_name)
}

/// UniversalPetrarch's Arabic actors: every 2-5-word actor name, and the given names (first
/// words, other than organisation heads, definite words and titles, seen at least twice).
fn actor_names(
    shared_data: &Path,
    org_heads: &HashSet<String>,
) -> Result<(HashSet<String>, HashSet<String>), NerError> {
    let actors = read(&shared_data.join("events/universalpetrarch_arabic/actor_dict_ar_v4.txt"))?;
    let mut actor_phrases: HashSet<String> = HashSet::new();
    let mut first_counts: HashMap<String, usize> = HashMap::new();
    for line in actors.lines() {
        if line.starts_with(['\t', '#', '[']) || line.trim().is_empty() {
            continue;
        }
        let name = line.split('[').next().unwrap_or("").trim();
        let ws = key_words(name);
        if ws.len() < 2 || ws.len() > 5 {
            continue;
        }
        if !ws.iter().all(|w| w.chars().all(marsad_text_is_arabic)) {
            continue;
        }
        actor_phrases.insert(ws.join(" "));
        let first = &ws[0];
        if !org_heads.contains(first) && !first.starts_with("ال") {
            *first_counts.entry(first.clone()).or_default() += 1;
        }
    }
    let mut pers_first: HashSet<String> = first_counts
        .into_iter()
        .filter(|(k, n)| *n >= 2 && k.chars().count() >= 2)
        .map(|(k, _)| k)
        .collect();
    // common given names that are also Wikidata name tokens and frequent in actor names stay;
    // remove function words that slipped in
    for w in [
        "امين", "عام", "وزير", "رييس", "نايب", "قايد", "مدير", "سفير", "ملك", "امير", "شيخ",
    ] {
        pers_first.remove(w);
    }
    Ok((actor_phrases, pers_first))
}

/// Places: the Arabic names (1-4 Arabic words, ≥ 3 characters) of GeoNames cities.
fn city_names(shared_data: &Path) -> Result<HashSet<String>, NerError> {
    let cities = read(&shared_data.join("gazetteers/geonames_cities15000/cities15000_ar.tsv"))?;
    let mut loc: HashSet<String> = HashSet::new();
    for line in cities.lines().skip(1) {
        let Some(ar) = line.split('\t').nth(7) else {
            continue;
        };
        for n in ar.split('|') {
            let ws = key_words(n);
            if !ws.is_empty()
                && ws.len() <= 4
                && ws.iter().all(|w| w.chars().all(marsad_text_is_arabic))
            {
                let j = ws.join(" ");
                if j.chars().count() >= 3 {
                    loc.insert(j);
                }
            }
        }
    }
    Ok(loc)
}

/// Countries: their Arabic common and official names (up to 5 words).
fn country_names(shared_data: &Path) -> Result<HashSet<String>, NerError> {
    let countries = read(&shared_data.join("gazetteers/countries_mledoze/countries_ar.tsv"))?;
    let mut country: HashSet<String> = HashSet::new();
    for line in countries.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        for col in [4, 5] {
            if let Some(n) = f.get(col) {
                let ws = key_words(n);
                if !ws.is_empty() && ws.len() <= 5 {
                    country.insert(ws.join(" "));
                }
            }
        }
    }
    Ok(country)
}

/// The word clusters: `clusters.tsv.gz` from the ANT corpus's sentences followed by the train
/// split's tokens, and `clusters_news.tsv.gz` from those plus ANT multi-source's five outlets;
/// their summary lines.
fn write_clusters(
    shared_data: &Path,
    train: &[Sentence],
    out_dir: &Path,
    summary: &mut String,
) -> Result<(), NerError> {
    let files = ant_files(&shared_data.join("news/ant_v1.1"));
    let mut sents = ant_sentences(&files)?;
    let n_ant: usize = sents.iter().map(|s| s.len()).sum();
    for s in train {
        sents.push(s.tokens.iter().map(|t| marsad_text::match_key(t)).collect());
    }
    let n_train = sents.iter().map(|s| s.len()).sum::<usize>() - n_ant;
    let n = write_cluster_file(&sents, &out_dir.join("clusters.tsv.gz"))?;
    summary.push_str(&format!(
        "clusters.tsv.gz: {n} words in 1024 clusters, from {} ANT files ({n_ant} tokens) + ANERcorp train ({n_train} tokens)\n",
        files.len(),
    ));
    let outlets = multisource_files(&shared_data.join("news/ant_multisource"));
    sents.extend(multisource_sentences(&outlets)?);
    let n_multi = sents.iter().map(|s| s.len()).sum::<usize>() - n_ant - n_train;
    let n = write_cluster_file(&sents, &out_dir.join("clusters_news.tsv.gz"))?;
    summary.push_str(&format!(
        "clusters_news.tsv.gz: {n} words in 1024 clusters, from the same + {} ANT multi-source outlets ({n_multi} tokens)\n",
        outlets.len(),
    ));
    Ok(())
}

/// Clusters the words of `sents` and writes them (gzip TSV) to `path`; returns the word count.
fn write_cluster_file(sents: &[Vec<String>], path: &Path) -> Result<usize, NerError> {
    let clusters = super::clusters::cluster_words(sents, 3, 1000, 0x5eed);
    let mut out = String::new();
    for (k, c, n) in &clusters {
        out.push_str(&format!("{k}\t{c}\t{n}\n"));
    }
    let mut enc = GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(out.as_bytes())
        .map_err(|e| NerError::io(path, e))?;
    let gz = enc.finish().map_err(|e| NerError::io(path, e))?;
    std::fs::write(path, gz).map_err(|e| NerError::io(path, e))?;
    Ok(clusters.len())
}

/// The `.txt` files one folder below `ant` (ANT's per-source folders), sorted so the clusters do
/// not depend on the directory order. A missing folder gives none.
fn ant_files(ant: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    if let Ok(rd) = std::fs::read_dir(ant) {
        for d in rd.flatten() {
            if d.path().is_dir() {
                if let Ok(rd2) = std::fs::read_dir(d.path()) {
                    for f in rd2.flatten() {
                        if f.path().extension().is_some_and(|e| e == "txt") {
                            files.push(f.path());
                        }
                    }
                }
            }
        }
    }
    files.sort();
    files
}

/// The outlets' files of ANT multi-source (`<Outlet>.jsonl.gz`), sorted; a missing folder gives none.
fn multisource_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|d| d.path())
                .filter(|p| p.to_string_lossy().ends_with(".jsonl.gz"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// The title and every paragraph of each article of ANT multi-source's JSONL files, as match-key
/// tokens (the same text the ANT `.txt` files give through [`ant_sentences`]).
fn multisource_sentences(files: &[std::path::PathBuf]) -> Result<Vec<Vec<String>>, NerError> {
    #[derive(serde::Deserialize)]
    struct Article {
        #[serde(default)]
        title: String,
        #[serde(default)]
        text: String,
    }
    let mut sents: Vec<Vec<String>> = Vec::new();
    for f in files {
        let gz = std::fs::read(f).map_err(|e| NerError::io(f, e))?;
        let mut text = String::new();
        GzDecoder::new(&gz[..])
            .read_to_string(&mut text)
            .map_err(|e| NerError::io(f, e))?;
        for (n, line) in text.lines().enumerate() {
            let a: Article = serde_json::from_str(line)
                .map_err(|e| NerError::Format(format!("{} line {}: {e}", f.display(), n + 1)))?;
            for para in std::iter::once(a.title.as_str()).chain(a.text.lines()) {
                let toks = key_tokens(para);
                if !toks.is_empty() {
                    sents.push(toks);
                }
            }
        }
    }
    Ok(sents)
}

/// A line's tokens as match keys.
fn key_tokens(line: &str) -> Vec<String> {
    text_tokens(line)
        .into_iter()
        .map(|(s, e)| marsad_text::match_key(&line[s..e]))
        .collect()
}

/// The lines of every `<TITLE>` and `<TEXT>` element of the ANT files, as match-key tokens.
fn ant_sentences(files: &[std::path::PathBuf]) -> Result<Vec<Vec<String>>, NerError> {
    let mut sents: Vec<Vec<String>> = Vec::new();
    for f in files {
        let doc = read(f)?;
        for tag in ["TITLE", "TEXT"] {
            let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
            let mut rest = doc.as_str();
            while let Some(a) = rest.find(&open) {
                let after = &rest[a + open.len()..];
                let Some(b) = after.find(&close) else { break };
                for line in after[..b].lines() {
                    let toks = key_tokens(line);
                    if !toks.is_empty() {
                        sents.push(toks);
                    }
                }
                rest = &after[b + close.len()..];
            }
        }
    }
    Ok(sents)
}

fn marsad_text_is_arabic(c: char) -> bool {
    c.is_alphabetic()
        && (('\u{0600}'..='\u{06FF}').contains(&c) || ('\u{0750}'..='\u{077F}').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clitics() {
        let f = clitic_forms("وميركل");
        assert!(f.contains(&"ميركل"));
        let f = clitic_forms("بواشنطن");
        assert!(f.contains(&"واشنطن"));
        let f = clitic_forms("للعراق");
        assert!(f.contains(&"عراق"));
        assert_eq!(f[0], "للعراق");
        let f = clitic_forms("وبالعراق");
        assert!(f.contains(&"العراق") && f.contains(&"بالعراق"));
        assert_eq!(clitic_forms("و"), vec!["و"]);
        assert_eq!(clitic_forms(""), vec![""]);
    }

    #[test]
    fn fast_clitic_forms_agree() {
        let r = Resources::embedded().expect("embedded resources");
        let mut extra: Vec<String> = [
            "",
            "و",
            "ال",
            "لل",
            "ولل",
            "فبال",
            "وبالعراق",
            "للعراق",
            "كال",
            "abc",
            "وa",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for w in r.clusters.keys().chain(r.words.keys()).take(60_000) {
            extra.push(w.clone());
            for p in ["و", "ف", "ب", "ل", "ك", "ال", "لل", "وال", "فل", "وب"] {
                extra.push(format!("{p}{w}"));
            }
        }
        for k in &extra {
            assert_eq!(
                clitic_forms_fast(k).as_slice(),
                clitic_forms(k).as_slice(),
                "{k}"
            );
        }
    }
}
