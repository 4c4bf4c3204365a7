//! Feature extraction: the observation features of a token (hashed to u64) and the document
//! features of the second stage.
//!
//! Not for building the word clusters the features read (`clusters.rs`, at resource-build time).

use std::cell::RefCell;
use std::rc::Rc;

use super::fx::FxMap;
use super::mem::Mem;
use super::resources::{
    clitic_forms_fast, Resources, G_ACTOR, G_COUNTRY, G_LOC, G_ORG_HEAD, G_PERS_FIRST, G_PERS_NAME,
    G_TRIG_LOC, G_TRIG_ORG, G_TRIG_PERS,
};

/// Which feature groups are on (stored in the model; ablations switch them off).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FeatureSet(pub u32);

impl FeatureSet {
    pub const AFFIXES: u32 = 1;
    pub const CLITICS: u32 = 2;
    pub const CLUSTERS: u32 = 4;
    pub const GAZETTEERS: u32 = 8;
    pub const STEMS: u32 = 16;
    pub const WIDE: u32 = 32; // ±2 window and bigrams
    /// marsad's knowledge base (`marsad_kb::Kb::embedded`): BIO of KB name/adjective matches
    pub const KB: u32 = 64;
    /// organisation-name extent (after a head word) and quotes
    pub const ORGSPAN: u32 = 128;
    /// entity memory: the training set's entity phrases, matched clitic-aware (see `mem.rs`)
    pub const MEM: u32 = 256;
    /// word pairs around the token: the skip bigram (−1, +1), the clitic-stripped cores of the
    /// token and each neighbour, the token's cluster with each neighbour's key, KB at ±2
    pub const PAIRS: u32 = 512;
    /// the clusters of the larger news corpus (`clusters_news.tsv.gz`) for the token
    pub const NEWS: u32 = 1024;
    pub const ALL: FeatureSet = FeatureSet(511 | Self::NEWS);

    pub fn has(self, f: u32) -> bool {
        self.0 & f != 0
    }
}

impl Default for FeatureSet {
    fn default() -> Self {
        FeatureSet::ALL
    }
}

/// What is known about one distinct word (raw token string) of a document: computed once per
/// document by [`Lex`] (once per thread for the embedded resources).
#[derive(Debug, PartialEq)]
pub(crate) struct WordInfo {
    pub key: String,
    pub stem: String,
    pub core: String,
    pub shape: String,
    pub cluster: Option<u16>,
    pub news_cluster: Option<u16>,
    pub gaz: u16,
    /// no alphanumeric character (punctuation, symbols)
    pub punct: bool,
}

/// Per-document cache of [`WordInfo`] by raw token.
pub(crate) struct Lex<'a> {
    ids: FxMap<&'a str, u32>,
    pub words: Vec<Rc<WordInfo>>,
}

impl<'a> Lex<'a> {
    pub(crate) fn new() -> Self {
        Lex {
            ids: FxMap::default(),
            words: Vec::new(),
        }
    }

    /// The id of `word`'s info, computing it on first sight.
    pub(crate) fn id(&mut self, word: &'a str, res: &Resources) -> u32 {
        if let Some(&i) = self.ids.get(word) {
            return i;
        }
        let info = if res.is_embedded() {
            SEEN.with(|seen| {
                let mut seen = seen.borrow_mut();
                if let Some(x) = seen.get(word) {
                    return x.clone();
                }
                if seen.len() >= SEEN_MAX {
                    seen.clear();
                }
                let x = Rc::new(word_info(word, res));
                seen.insert(word.into(), x.clone());
                x
            })
        } else {
            Rc::new(word_info(word, res))
        };
        let i = self.words.len() as u32;
        self.words.push(info);
        self.ids.insert(word, i);
        i
    }
}

/// The most words [`SEEN`] holds before it starts again (≈ 150 bytes each).
const SEEN_MAX: usize = 200_000;

thread_local! {
    /// [`WordInfo`] of the words this thread has met, for the embedded resources only (they
    /// never change, so neither does a word's info). A word's info costs its match key, its
    /// clitic forms and a dozen table lookups; most words of a document were in earlier ones.
    static SEEN: RefCell<FxMap<Box<str>, Rc<WordInfo>>> = RefCell::new(FxMap::default());
}

fn word_info(word: &str, res: &Resources) -> WordInfo {
    let key = marsad_text::match_key(word);
    let core = clitic_forms_fast(&key).last().to_string();
    WordInfo {
        stem: marsad_text::stem(&key).to_string(),
        cluster: res.cluster(&key),
        news_cluster: res.news_cluster(&key),
        gaz: res.word_flags(&key),
        shape: shape(word),
        punct: !word.chars().any(|c| c.is_alphanumeric()),
        core,
        key,
    }
}

/// What is known about one token before features are built.
pub(crate) struct TokInfo<'l> {
    pub word: &'l str,
    pub key: &'l str,
    pub stem: &'l str,
    pub core: &'l str,
    pub cluster: Option<u16>,
    pub news_cluster: Option<u16>,
    pub gaz: u16,
    pub phrase: Option<(u16, bool)>,
    pub shape: &'l str,
    pub punct: bool,
    /// KB match covering the token: (begin?, type, subtype, adjective, prior bucket, clitic)
    pub kb: Option<KbTok>,
}

#[derive(Clone)]
pub(crate) struct KbTok {
    pub begin: bool,
    pub kind: &'static str,
    pub subtype: &'static str,
    pub adjective: bool,
    pub prior: u8,
    pub clitic: bool,
    pub len: u8,
}

/// KB matches over the sentence joined with spaces, mapped back to tokens.
fn kb_tokens(tokens: &[&str]) -> Vec<Option<KbTok>> {
    let kb = marsad_kb::Kb::embedded();
    let mut out = vec![None; tokens.len()];
    if kb.is_empty() || tokens.is_empty() {
        return out;
    }
    let mut text = String::new();
    let mut offs = Vec::with_capacity(tokens.len());
    for t in tokens {
        if !text.is_empty() {
            text.push(' ');
        }
        let s = text.len();
        text.push_str(t);
        offs.push((s, text.len()));
    }
    for m in kb.find(&text) {
        let Some(c) = m.candidates.first() else {
            continue;
        };
        let e = kb.entity(c.entity);
        let kind = match e.kind {
            marsad_kb::EntityType::PER => "PER",
            marsad_kb::EntityType::LOC => "LOC",
            marsad_kb::EntityType::ORG => "ORG",
            marsad_kb::EntityType::MISC => "MISC",
        };
        let subtype: &'static str = match (e.kind, e.subtype.as_str()) {
            (marsad_kb::EntityType::PER, _) => "person",
            (_, s) => s,
        };
        let prior = (c.prior * 4.0).round() as u8;
        let toks: Vec<usize> = offs
            .iter()
            .enumerate()
            .filter(|(_, &(a, b))| a < m.end && b > m.start)
            .map(|(i, _)| i)
            .collect();
        let len = toks.len().min(4) as u8;
        for (n, &i) in toks.iter().enumerate() {
            out[i] = Some(KbTok {
                begin: n == 0,
                kind,
                subtype,
                adjective: m.adjective,
                prior,
                clitic: m.name_start != m.start,
                len,
            });
        }
    }
    out
}

fn shape(word: &str) -> String {
    let mut s = String::new();
    let mut last = ' ';
    for c in word.chars() {
        let k = if c.is_ascii_digit() || c.is_numeric() {
            'D'
        } else if c.is_ascii_uppercase() {
            'X'
        } else if c.is_ascii_lowercase() {
            'x'
        } else if ('\u{0600}'..='\u{06FF}').contains(&c) && c.is_alphabetic() {
            'A'
        } else if c.is_alphabetic() {
            'L'
        } else {
            c
        };
        if k != last {
            s.push(k);
            last = k;
        }
    }
    let n = word.chars().count();
    let b = match n {
        0..=1 => "1",
        2 => "2",
        3 => "3",
        4..=5 => "4",
        6..=8 => "6",
        _ => "9",
    };
    s.push('#');
    s.push_str(b);
    s
}

/// Token infos of a sentence whose words have ids `wids` in `lex`.
pub(crate) fn tok_infos<'l>(
    tokens: &[&'l str],
    wids: &[u32],
    lex: &'l Lex<'_>,
    res: &Resources,
) -> Vec<TokInfo<'l>> {
    let keys: Vec<&str> = wids
        .iter()
        .map(|&w| lex.words[w as usize].key.as_str())
        .collect();
    let phrases = res.phrase_matches(&keys);
    let kbs = kb_tokens(tokens);
    tokens
        .iter()
        .zip(wids)
        .zip(phrases)
        .zip(kbs)
        .map(|(((&word, &w), phrase), kb)| {
            let x = &lex.words[w as usize];
            TokInfo {
                word,
                key: &x.key,
                stem: &x.stem,
                core: &x.core,
                cluster: x.cluster,
                news_cluster: x.news_cluster,
                gaz: x.gaz,
                phrase,
                shape: &x.shape,
                punct: x.punct,
                kb,
            }
        })
        .collect()
}

const FNV_OFFSET: u64 = 0xcbf29ce484222325;
const FNV_PRIME: u64 = 0x100000001b3;

#[inline]
fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

#[inline]
fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51afd7ed558ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ceb9fe1a85ec53);
    h ^= h >> 33;
    h
}

pub(crate) struct Out<'a>(pub(crate) &'a mut Vec<u64>);

impl Out<'_> {
    #[inline]
    pub(crate) fn s(&mut self, tpl: &str, v: &str) {
        let h = fnv(fnv(FNV_OFFSET, tpl.as_bytes()), &[0xff]);
        self.0.push(fmix(fnv(h, v.as_bytes())));
    }
    #[inline]
    pub(crate) fn s2(&mut self, tpl: &str, a: &str, b: &str) {
        let h = fnv(fnv(FNV_OFFSET, tpl.as_bytes()), &[0xff]);
        let h = fnv(fnv(h, a.as_bytes()), &[0xfe]);
        self.0.push(fmix(fnv(h, b.as_bytes())));
    }
    #[inline]
    fn n(&mut self, tpl: &str, v: u64) {
        let h = fnv(fnv(FNV_OFFSET, tpl.as_bytes()), &[0xfd]);
        self.0.push(fmix(fnv(h, &v.to_le_bytes())));
    }
}

fn prefix(s: &str, n: usize) -> Option<&str> {
    let mut it = s.char_indices();
    let mut count = 0;
    for (i, _) in it.by_ref() {
        if count == n {
            return Some(&s[..i]);
        }
        count += 1;
    }
    if count == n {
        Some(s)
    } else {
        None
    }
}

fn suffix(s: &str, n: usize) -> Option<&str> {
    if n == 0 {
        return Some(&s[s.len()..]);
    }
    s.char_indices().rev().nth(n - 1).map(|(i, _)| &s[i..])
}

const GAZ_NAMES: [(u16, &str); 6] = [
    (G_PERS_FIRST, "pf"),
    (G_PERS_NAME, "pn"),
    (G_LOC, "lo"),
    (G_COUNTRY, "co"),
    (G_ORG_HEAD, "oh"),
    (G_ACTOR, "ac"),
];

/// Observation features of token `i` (hashed), appended to `out`. The groups are pushed in a fixed
/// order: the order of a token's features is the order its weights are added in, so changing it
/// changes the scores' last bits and the trained model.
pub(crate) fn token_features(
    toks: &[TokInfo],
    i: usize,
    fs: FeatureSet,
    in_quote: bool,
    out: &mut Vec<u64>,
) {
    let mut o = Out(out);
    let w = Window { toks, i };
    word_features(&mut o, &w, fs);
    if fs.has(FeatureSet::STEMS) {
        stem_features(&mut o, &w);
    }
    if fs.has(FeatureSet::AFFIXES) {
        affix_features(&mut o, w.tok());
    }
    if fs.has(FeatureSet::CLITICS) {
        clitic_features(&mut o, &w);
    }
    if fs.has(FeatureSet::CLUSTERS) {
        cluster_features(&mut o, &w, fs);
    }
    if fs.has(FeatureSet::NEWS) {
        news_cluster_features(&mut o, &w);
    }
    if fs.has(FeatureSet::GAZETTEERS) {
        gazetteer_features(&mut o, &w);
        trigger_features(&mut o, &w);
    }
    if fs.has(FeatureSet::KB) {
        kb_features(&mut o, &w);
    }
    if fs.has(FeatureSet::ORGSPAN) {
        org_extent_features(&mut o, &w);
        quote_features(&mut o, &w, in_quote);
    }
    if fs.has(FeatureSet::PAIRS) {
        pair_features(&mut o, &w);
    }
}

/// Word pairs across the window ([`FeatureSet::PAIRS`]).
#[inline]
fn pair_features(o: &mut Out<'_>, w: &Window<'_, '_>) {
    let t = w.tok();
    o.s2("k-1k+1", w.key_at(-1), w.key_at(1));
    let core_at = |d: isize| {
        w.get(d)
            .map(|x| x.core)
            .unwrap_or(if d < 0 { BOS } else { EOS })
    };
    o.s2("co-1co", core_at(-1), t.core);
    o.s2("coco+1", t.core, core_at(1));
    let c = t.cluster.map(|c| c as u64 / 4).unwrap_or(9999).to_string();
    o.s2("k-1c", w.key_at(-1), &c);
    o.s2("ck+1", &c, w.key_at(1));
    for (d, pfx) in [(-2isize, "kb-2"), (2, "kb+2")] {
        if let Some(m) = w.get(d).and_then(|x| x.kb.as_ref()) {
            let kind = if m.adjective { "ADJ" } else { m.kind };
            o.s2(pfx, if m.begin { "B" } else { "I" }, kind);
        }
    }
}

const BOS: &str = "<s>";
const EOS: &str = "</s>";

/// Token `i` of a sentence and its neighbours, as the feature groups read them.
struct Window<'a, 'l> {
    toks: &'a [TokInfo<'l>],
    i: usize,
}

impl<'a, 'l> Window<'a, 'l> {
    #[inline]
    fn tok(&self) -> &'a TokInfo<'l> {
        &self.toks[self.i]
    }

    /// The token `d` positions away, `None` past either end.
    #[inline]
    fn get(&self, d: isize) -> Option<&'a TokInfo<'l>> {
        let j = self.i as isize + d;
        if j < 0 {
            None
        } else {
            self.toks.get(j as usize)
        }
    }

    /// The match key `d` positions away, or the sentence-boundary marker past either end.
    #[inline]
    fn key_at(&self, d: isize) -> &'l str {
        self.get(d)
            .map(|x| x.key)
            .unwrap_or(if d < 0 { BOS } else { EOS })
    }

    /// The cluster `d` positions away (`None`: past either end, or a word without a cluster).
    #[inline]
    fn cluster_at(&self, d: isize) -> Option<u16> {
        self.get(d).and_then(|x| x.cluster)
    }
}

/// The word itself, its shape and its neighbours' keys (±1, and ±2 with bigrams under WIDE).
#[inline]
fn word_features(o: &mut Out<'_>, w: &Window<'_, '_>, fs: FeatureSet) {
    let t = w.tok();
    o.s("b", "");
    o.s("w", t.word);
    o.s("k", t.key);
    o.s("sh", t.shape);
    if w.i == 0 {
        o.s("first", "");
    }
    o.s("k-1", w.key_at(-1));
    o.s("k+1", w.key_at(1));
    o.s2("k-1k", w.key_at(-1), t.key);
    o.s2("kk+1", t.key, w.key_at(1));
    if fs.has(FeatureSet::WIDE) {
        o.s("k-2", w.key_at(-2));
        o.s("k+2", w.key_at(2));
        o.s2("k-2k-1", w.key_at(-2), w.key_at(-1));
        o.s2("k+1k+2", w.key_at(1), w.key_at(2));
        o.s2("sh-1sh", w.get(-1).map(|x| x.shape).unwrap_or(BOS), t.shape);
        o.s2("shsh+1", t.shape, w.get(1).map(|x| x.shape).unwrap_or(EOS));
    }
}

/// The stems of the token and of its immediate neighbours.
#[inline]
fn stem_features(o: &mut Out<'_>, w: &Window<'_, '_>) {
    o.s("st", w.tok().stem);
    for d in [-1isize, 1] {
        if let Some(x) = w.get(d) {
            o.s(if d < 0 { "st-1" } else { "st+1" }, x.stem);
        }
    }
}

/// Prefixes and suffixes of the key, 1 to 3 characters.
#[inline]
fn affix_features(o: &mut Out<'_>, t: &TokInfo<'_>) {
    for n in 1..=3 {
        if let Some(p) = prefix(t.key, n) {
            o.s(["p1", "p2", "p3"][n - 1], p);
        }
        if let Some(p) = suffix(t.key, n) {
            o.s(["s1", "s2", "s3"][n - 1], p);
        }
    }
}

/// The clitic-stripped core, the clitics stripped, the core's suffixes and the neighbours' cores.
#[inline]
fn clitic_features(o: &mut Out<'_>, w: &Window<'_, '_>) {
    let t = w.tok();
    o.s("core", t.core);
    if t.core.len() != t.key.len() {
        let pre = &t.key[..t.key.len() - t.core.len()];
        o.s("clit", pre);
    }
    for n in 2..=3 {
        if let Some(p) = suffix(t.core, n) {
            o.s(["", "", "cs2", "cs3"][n], p);
        }
    }
    for d in [-1isize, 1] {
        if let Some(x) = w.get(d) {
            o.s(if d < 0 { "core-1" } else { "core+1" }, x.core);
        }
    }
}

/// Word clusters at three granularities (32, 256, 1024) for the token, coarser for its
/// neighbours; a word without a cluster gives its shape instead.
#[inline]
fn cluster_features(o: &mut Out<'_>, w: &Window<'_, '_>, fs: FeatureSet) {
    let t = w.tok();
    match t.cluster {
        Some(c) => {
            o.n("c32", (c / 32) as u64);
            o.n("c256", (c / 4) as u64);
            o.n("c1024", c as u64);
        }
        None => o.s("cnone", t.shape),
    }
    for (d, name) in [(-1isize, "c-1"), (1, "c+1")] {
        let v = w.cluster_at(d).map(|c| c as u64 / 4).unwrap_or(9999);
        o.n(name, v);
        let v32 = w.cluster_at(d).map(|c| c as u64 / 32).unwrap_or(9999);
        o.n(if d < 0 { "c32-1" } else { "c32+1" }, v32);
    }
    if fs.has(FeatureSet::WIDE) {
        for (d, name) in [(-2isize, "c32-2"), (2, "c32+2")] {
            o.n(name, w.cluster_at(d).map(|c| c as u64 / 32).unwrap_or(9999));
        }
        let a = w.cluster_at(-1).map(|c| c as u64 / 4).unwrap_or(9999);
        let b = t.cluster.map(|c| c as u64 / 4).unwrap_or(9999);
        let c = w.cluster_at(1).map(|c| c as u64 / 4).unwrap_or(9999);
        o.n("c-1c", a * 10007 + b);
        o.n("cc+1", b * 10007 + c);
    }
}

/// The news-corpus clusters ([`FeatureSet::NEWS`]) of the token, at three granularities.
#[inline]
fn news_cluster_features(o: &mut Out<'_>, w: &Window<'_, '_>) {
    if let Some(c) = w.tok().news_cluster {
        o.n("n32", (c / 32) as u64);
        o.n("n256", (c / 4) as u64);
        o.n("n1024", c as u64);
    }
}

/// Name-list memberships of the token and its neighbours (±2), single words and phrases.
#[inline]
fn gazetteer_features(o: &mut Out<'_>, w: &Window<'_, '_>) {
    for (d, pfx) in [
        (0isize, "g"),
        (-1, "g-1"),
        (1, "g+1"),
        (-2, "g-2"),
        (2, "g+2"),
    ] {
        if let Some(x) = w.get(d) {
            for (bit, name) in GAZ_NAMES {
                if x.gaz & bit != 0 {
                    o.s(pfx, name);
                }
            }
            if let Some((fl, first)) = x.phrase {
                for (bit, name) in GAZ_NAMES {
                    if fl & bit != 0 {
                        let tpl = match pfx {
                            "g" => "gph",
                            "g-1" => "g-1ph",
                            "g+1" => "g+1ph",
                            "g-2" => "g-2ph",
                            _ => "g+2ph",
                        };
                        o.s2(tpl, name, if first { "B" } else { "I" });
                    }
                }
            }
        }
    }
}

/// Trigger words to the left and a name-list word after the word before (title + name).
#[inline]
fn trigger_features(o: &mut Out<'_>, w: &Window<'_, '_>) {
    let t = w.tok();
    // trigger words 1-3 to the left (nearest of each type, with its distance)
    for (bit, name) in [(G_TRIG_PERS, "tP"), (G_TRIG_LOC, "tL"), (G_TRIG_ORG, "tO")] {
        for d in 1..=3isize {
            if w.get(-d).is_some_and(|x| x.gaz & bit != 0) {
                o.n(name, d as u64);
                o.s2(
                    name,
                    t.shape,
                    if t.gaz & (G_PERS_FIRST | G_PERS_NAME) != 0 {
                        "pn"
                    } else {
                        "-"
                    },
                );
                break;
            }
        }
    }
    // combined: gazetteer of this word with the previous word itself (title + name)
    for (bit, name) in GAZ_NAMES {
        if t.gaz & bit != 0 {
            o.s2("gk-1", name, w.key_at(-1));
        }
    }
}

/// marsad's KB matches over the token and its neighbours: BIO and type, and for the token itself
/// the subtype, prior, match length and shape.
#[inline]
fn kb_features(o: &mut Out<'_>, w: &Window<'_, '_>) {
    for (d, pfx) in [(0isize, "kb"), (-1, "kb-1"), (1, "kb+1")] {
        let v = w.get(d).and_then(|x| x.kb.as_ref());
        match v {
            None => {
                if d == 0 {
                    o.s(pfx, "-");
                }
            }
            Some(m) => {
                let bi = if m.begin { "B" } else { "I" };
                let kind = if m.adjective { "ADJ" } else { m.kind };
                o.s2(pfx, bi, kind);
                if d == 0 {
                    let t = w.tok();
                    o.s2("kbs", bi, &format!("{kind}-{}", m.subtype));
                    o.s2(
                        "kbp",
                        kind,
                        &format!("{}{}", m.prior, if m.clitic { "c" } else { "" }),
                    );
                    o.s2("kbl", kind, &format!("{}{bi}", m.len));
                    o.s2("kbsh", kind, t.shape);
                }
            }
        }
    }
}

/// Inside a name chain after an organisation head word: distance to the nearest head word to the
/// left (≤ 4 tokens, no punctuation in between), and whether the token is definite.
#[inline]
fn org_extent_features(o: &mut Out<'_>, w: &Window<'_, '_>) {
    let t = w.tok();
    let is_punct = |x: &TokInfo| x.punct;
    if is_punct(t) {
        return;
    }
    for d in 1..=4isize {
        let Some(x) = w.get(-d) else { break };
        if is_punct(x) {
            break;
        }
        if x.gaz & G_ORG_HEAD != 0 {
            let def = if t.core.len() != t.key.len() || t.key.starts_with("ال") {
                "al"
            } else {
                "-"
            };
            o.n("ohd", d as u64);
            o.s2("ohdk", ["0", "1", "2", "3", "4"][d as usize], def);
            break;
        }
    }
}

/// Inside «…» or "…" within the sentence (`in_quote`: see `quote_states`), and the shape of a
/// quote's first word.
#[inline]
fn quote_features(o: &mut Out<'_>, w: &Window<'_, '_>, in_quote: bool) {
    if in_quote {
        o.s("inq", "");
        let prev = w.get(-1).map(|x| x.word).unwrap_or("");
        if matches!(prev, "«" | "\"" | "“") {
            o.s("qfirst", w.tok().shape);
        }
    }
}

/// Per token: whether it stands inside quotes, from the tokens before it (a quote mark toggles,
/// « always opens, » and ” close).
fn quote_states(toks: &[TokInfo]) -> Vec<bool> {
    let mut out = Vec::with_capacity(toks.len());
    let mut open = false;
    for x in toks {
        out.push(open);
        match x.word {
            "«" | "\"" | "“" | "'" => open = !open || x.word == "«",
            "»" | "”" => open = false,
            _ => {}
        }
    }
    out
}

/// Features of every token of a sentence.
pub(crate) fn sentence_features(tokens: &[&str], res: &Resources, fs: FeatureSet) -> Vec<Vec<u64>> {
    let mut lex = Lex::new();
    let wids: Vec<u32> = tokens.iter().map(|t| lex.id(t, res)).collect();
    let infos = tok_infos(tokens, &wids, &lex, res);
    let q = quote_states(&infos);
    (0..tokens.len())
        .map(|i| {
            let mut v = Vec::with_capacity(80);
            token_features(&infos, i, fs, q[i], &mut v);
            v
        })
        .collect()
}

/// The observation features of one sentence, flat: token `i`'s are `feats[offs[i]..offs[i+1]]`.
pub(crate) struct SentBase {
    pub wids: Vec<u32>,
    pub feats: Vec<u64>,
    pub offs: Vec<u32>,
}

impl SentBase {
    #[inline]
    pub(crate) fn token(&self, i: usize) -> &[u64] {
        &self.feats[self.offs[i] as usize..self.offs[i + 1] as usize]
    }
}

/// The observation features (sentence features, then entity-memory features if `mem`) of every
/// sentence of a document, with the document's word cache.
pub(crate) struct DocBase<'a> {
    pub lex: Lex<'a>,
    pub sents: Vec<SentBase>,
}

pub(crate) fn doc_base<'a>(
    sents: &[Vec<&'a str>],
    res: &Resources,
    fs: FeatureSet,
    mem: Option<&Mem>,
) -> DocBase<'a> {
    let mut lex = Lex::new();
    let mut out = Vec::with_capacity(sents.len());
    for toks in sents {
        let wids: Vec<u32> = toks.iter().map(|t| lex.id(t, res)).collect();
        let mut feats = Vec::with_capacity(toks.len() * 90);
        let mut offs = Vec::with_capacity(toks.len() + 1);
        offs.push(0u32);
        if !toks.is_empty() {
            let infos = tok_infos(toks, &wids, &lex, res);
            let q = quote_states(&infos);
            let md = mem.map(|m| {
                let keys: Vec<&str> = infos.iter().map(|x| x.key).collect();
                m.descs(&keys)
            });
            for (i, &qi) in q.iter().enumerate().take(toks.len()) {
                token_features(&infos, i, fs, qi, &mut feats);
                if let Some(d) = &md {
                    Mem::token_features(d, i, &mut feats);
                }
                offs.push(feats.len() as u32);
            }
        }
        out.push(SentBase { wids, feats, offs });
    }
    DocBase { lex, sents: out }
}

// ---------------------------------------------------------------------------------------------
// Document features (stacking): what a first-pass tagger said about the same word elsewhere

/// Sentences on each side whose first-pass labels inform a token's document features.
pub(crate) const DOC_WINDOW: usize = 20;

/// Second-stage features of every token of `sents` from first-pass tags `pass1`: the first-pass
/// tag of the token and its neighbours, and the labels the first pass gave to other occurrences
/// of the same match key (and of the same clitic-stripped core) within ±[`DOC_WINDOW`]
/// sentences — the "one sense per document" evidence that later, shorter mentions of a name
/// (القرضاوي after الشيخ يوسف القرضاوي) need.
pub(crate) fn doc_features(sents: &[Vec<&str>], pass1: &[Vec<super::Tag>]) -> Vec<Vec<Vec<u64>>> {
    let keys: Vec<Vec<String>> = sents
        .iter()
        .map(|s| s.iter().map(|w| marsad_text::match_key(w)).collect())
        .collect();
    let cores: Vec<Vec<&str>> = keys
        .iter()
        .map(|s| s.iter().map(|k| clitic_forms_fast(k).last()).collect())
        .collect();
    let kr: Vec<Vec<&str>> = keys
        .iter()
        .map(|s| s.iter().map(|k| k.as_str()).collect())
        .collect();
    doc_features_flat(&kr, &cores, pass1)
        .into_iter()
        .map(|sb| {
            (0..sb.offs.len() - 1)
                .map(|i| sb.token(i).to_vec())
                .collect()
        })
        .collect()
}

/// [`doc_features`] from a [`DocBase`] of the same sentences (its keys and cores), flat.
pub(crate) fn doc_features_base(base: &DocBase<'_>, pass1: &[Vec<super::Tag>]) -> Vec<SentBase> {
    let keys: Vec<Vec<&str>> = base
        .sents
        .iter()
        .map(|s| {
            s.wids
                .iter()
                .map(|&w| base.lex.words[w as usize].key.as_str())
                .collect()
        })
        .collect();
    let cores: Vec<Vec<&str>> = base
        .sents
        .iter()
        .map(|s| {
            s.wids
                .iter()
                .map(|&w| base.lex.words[w as usize].core.as_str())
                .collect()
        })
        .collect();
    doc_features_flat(&keys, &cores, pass1)
}

fn doc_features_flat(
    keys: &[Vec<&str>],
    cores: &[Vec<&str>],
    pass1: &[Vec<super::Tag>],
) -> Vec<SentBase> {
    // per token: (key, core, label index 0..=4 where 0 = O, begin?)
    let info: Vec<Vec<(&str, &str, usize, bool)>> = keys
        .iter()
        .zip(cores)
        .zip(pass1)
        .map(|((ks, cs), p)| {
            ks.iter()
                .zip(cs)
                .zip(p)
                .map(|((&k, &core), t)| {
                    let lab = if t.0 == 0 {
                        0
                    } else {
                        (t.0 as usize - 1) / 2 + 1
                    };
                    (k, core, lab, t.is_begin())
                })
                .collect()
        })
        .collect();
    const LN: [&str; 5] = ["O", "PERS", "LOC", "ORG", "MISC"];
    let mut out = Vec::with_capacity(keys.len());
    // running window counts
    let mut kc: FxMap<&str, [u32; 5]> = FxMap::default();
    let mut cc: FxMap<&str, [u32; 5]> = FxMap::default();
    fn add<'a>(m: &mut FxMap<&'a str, [u32; 5]>, s: &'a str, l: usize, d: i32) {
        let e = m.entry(s).or_insert([0; 5]);
        e[l] = (e[l] as i32 + d) as u32;
    }
    let n = info.len();
    let (mut lo, mut hi) = (0usize, 0usize); // window [lo, hi)
    for si in 0..n {
        let want_lo = si.saturating_sub(DOC_WINDOW);
        let want_hi = (si + DOC_WINDOW + 1).min(n);
        while hi < want_hi {
            for &(k, c, l, _) in &info[hi] {
                add(&mut kc, k, l, 1);
                add(&mut cc, c, l, 1);
            }
            hi += 1;
        }
        while lo < want_lo {
            for &(k, c, l, _) in &info[lo] {
                add(&mut kc, k, l, -1);
                add(&mut cc, c, l, -1);
            }
            lo += 1;
        }
        let toks = &info[si];
        let mut v: Vec<u64> = Vec::with_capacity(toks.len() * 12);
        let mut offs = Vec::with_capacity(toks.len() + 1);
        offs.push(0u32);
        for (i, &(k, c, l, _)) in toks.iter().enumerate() {
            let mut o = Out(&mut v);
            let lab_at = |d: isize| -> &str {
                let j = i as isize + d;
                if j < 0 || j as usize >= toks.len() {
                    "<>"
                } else {
                    let (_, _, l, b) = toks[j as usize];
                    if l == 0 {
                        "O"
                    } else if b {
                        ["", "B-PERS", "B-LOC", "B-ORG", "B-MISC"][l]
                    } else {
                        ["", "I-PERS", "I-LOC", "I-ORG", "I-MISC"][l]
                    }
                }
            };
            o.s("p1", lab_at(0));
            o.s2("p1-1", lab_at(-1), lab_at(0));
            o.s2("p1+1", lab_at(0), lab_at(1));
            for (m, key, name) in [(&kc, k, "dk"), (&cc, c, "dc")] {
                if !at_least_two_chars(key) {
                    continue;
                }
                let mut cnt = m.get(key).copied().unwrap_or([0; 5]);
                cnt[l] = cnt[l].saturating_sub(1); // not this occurrence
                let total: u32 = cnt.iter().sum();
                if total == 0 {
                    o.s(name, "alone");
                    continue;
                }
                let best = (0..5).max_by_key(|&j| (cnt[j], 5 - j)).unwrap_or(0);
                o.s2(name, "maj", LN[best]);
                for j in 1..5 {
                    if cnt[j] > 0 {
                        let frac = if cnt[j] * 2 >= total { "hi" } else { "lo" };
                        o.s2(name, LN[j], frac);
                    }
                }
            }
            offs.push(v.len() as u32);
        }
        out.push(SentBase {
            wids: Vec::new(),
            feats: v,
            offs,
        });
    }
    out
}

#[inline]
fn at_least_two_chars(s: &str) -> bool {
    let mut it = s.chars();
    it.next().is_some() && it.next().is_some()
}

/// The features a guide tagger's tags give token `i`: its tag, its neighbours' and the pair.
pub(crate) fn guide_token_features(tags: &[super::Tag], i: usize, out: &mut Vec<u64>) {
    let at = |j: isize| {
        if j < 0 || j as usize >= tags.len() {
            "-"
        } else {
            tags[j as usize].as_str()
        }
    };
    let i = i as isize;
    let mut o = Out(out);
    o.s("gd", at(i));
    o.s("gd-1", at(i - 1));
    o.s("gd+1", at(i + 1));
    o.s2("gd-1gd", at(i - 1), at(i));
}

/// Appends the guide features ([`guide_token_features`]) of each token to `sents`.
pub(crate) fn with_guide_features(sents: &mut [SentBase], guide: &[Vec<super::Tag>]) {
    for (sb, tags) in sents.iter_mut().zip(guide) {
        let n = sb.offs.len().saturating_sub(1);
        let mut feats = Vec::with_capacity(sb.feats.len() + n * 4);
        let mut offs = Vec::with_capacity(n + 1);
        offs.push(0u32);
        for i in 0..n {
            feats.extend_from_slice(sb.token(i));
            if i < tags.len() {
                guide_token_features(tags, i, &mut feats);
            }
            offs.push(feats.len() as u32);
        }
        sb.feats = feats;
        sb.offs = offs;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_met_again_has_the_info_computed_afresh() {
        let res = Resources::embedded().expect("embedded resources");
        assert!(res.is_embedded());
        let words = ["وأذربيجان", "بواشنطن", "الرئيس", "Trump", "،"];
        let mut first = Lex::new();
        let ids: Vec<u32> = words.iter().map(|w| first.id(w, res)).collect();
        // A second document on the same thread takes them from the thread's cache.
        let mut second = Lex::new();
        for (w, i) in words.iter().zip(ids) {
            let j = second.id(w, res);
            assert_eq!(*second.words[j as usize], word_info(w, res), "{w}");
            assert_eq!(second.words[j as usize], first.words[i as usize]);
        }
        // Resources loaded any other way are not cached.
        assert!(!Resources::default().is_embedded());
    }
}
