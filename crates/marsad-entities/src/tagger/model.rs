//! The averaged structured perceptron: training, Viterbi decoding, the model file.

use super::features::{
    doc_base, doc_features, doc_features_base, sentence_features, DocBase, FeatureSet, Rng,
};
use super::mem::Mem;
use super::resources::Resources;
use super::text::{tagging_sentences, text_tokens, Span};
use super::{chunks, NerError, Sentence, Tag, NTAGS};
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// Training settings. `Default` is what the shipped model uses.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed of the per-epoch shuffling.
    pub seed: u64,
    /// Features seen fewer times than this in training are dropped.
    pub min_count: usize,
    /// Weights whose absolute averaged value is below this are dropped from the saved model.
    pub prune: f32,
    /// Feature groups (ablations turn some off); stored in the model.
    pub features: FeatureSet,
    /// Print progress to stderr.
    pub verbose: bool,
    /// Feature dropout in training: each feature occurrence is ignored (in scoring and update)
    /// with this probability, per token and epoch, so that the tagger cannot lean on word
    /// identity alone and learns the context, cluster and gazetteer features too.
    pub dropout: f64,
    /// Two stages: a first pass whose tags (of this token, its neighbours and other occurrences
    /// of the same word nearby) are features of the second.
    pub stacking: bool,
    /// Cost-augmented training: while training, this is added to the score of every wrong tag
    /// before decoding, so the weights must beat the gold tags by a margin.
    pub margin: f32,
    /// Extra training cost of tagging `O` where the gold tag is an entity (recall-oriented).
    pub miss_cost: f32,
    /// Perceptrons trained per stage with different shufflings whose averaged weights are
    /// averaged again (1 = a single run).
    pub ensemble: usize,
    /// The `O` penalty given to the trained model ([`Model::set_o_penalty`]).
    pub o_penalty: f32,
    /// The per-type bias given to the trained model ([`Model::set_type_bias`]).
    pub type_bias: [f32; 4],
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 6,
            seed: 0x6d61_7273_6164,
            min_count: 1,
            prune: 0.0,
            features: FeatureSet::ALL,
            verbose: false,
            dropout: 0.0,
            stacking: true,
            margin: 0.0,
            miss_cost: 0.0,
            ensemble: 4,
            o_penalty: 12.0,
            type_bias: [0.0, 0.0, 0.0, 7.0],
        }
    }
}

/// A trained tagger: weights, transitions and the resources its features read.
#[derive(Clone)]
pub struct Model {
    /// feature hash → weight per tag
    weights: Weights,
    /// `trans[p][t]`: previous tag `p` (row `NTAGS` = sentence start) to `t`
    trans: [[f32; NTAGS]; NTAGS + 1],
    features: FeatureSet,
    resources: Arc<Resources>,
    /// the first-pass tagger whose tags feed the document features (None: single stage)
    stage1: Option<Arc<Model>>,
    /// subtracted from the score of `O` at every token when decoding: the perceptron is
    /// conservative (precision well above recall), this trades some precision for recall.
    o_penalty: f32,
    /// added to the scores of `B-X` and `I-X` for each type X of [`super::LABELS`] when
    /// decoding (per-type recall/precision trade-off, tuned on dev)
    type_bias: [f32; 4],
    /// the training set's entity phrases (with [`FeatureSet::MEM`])
    mem: Option<Arc<Mem>>,
}

/// Feature hash → weights per tag: an open-addressing table (linear probing, rows inline so a
/// lookup touches one cache line) over the feature hashes, which are already well mixed; keys
/// are compared exactly, so lookups give what a `HashMap<u64, _>` gives.
#[derive(Clone, Default)]
struct Weights {
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
    fn with_capacity(n: usize) -> Weights {
        let cap = (n.max(4) * 2).next_power_of_two();
        Weights {
            slots: vec![Slot::default(); cap],
            hashes: Vec::with_capacity(n),
        }
    }

    fn len(&self) -> usize {
        self.hashes.len()
    }

    #[inline]
    fn slot_of(&self, h: u64) -> usize {
        (h ^ (h >> 29)) as usize & (self.slots.len().wrapping_sub(1))
    }

    /// Hints the CPU to fetch the slot of `h` (lookups of a token's features are independent).
    #[inline]
    fn prefetch(&self, h: u64) {
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
    fn get(&self, h: &u64) -> Option<&[f32; NTAGS]> {
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
    fn insert(&mut self, h: u64, row: [f32; NTAGS]) {
        if (self.hashes.len() + 1) * 2 > self.slots.len() {
            let mut bigger = Weights::with_capacity((self.hashes.len() + 1) * 2);
            for &k in &self.hashes {
                let r = *self.get(&k).expect("present");
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

    fn keys(&self) -> impl Iterator<Item = &u64> {
        self.hashes.iter()
    }
}

impl std::ops::Index<&u64> for Weights {
    type Output = [f32; NTAGS];
    fn index(&self, h: &u64) -> &[f32; NTAGS] {
        self.get(h).expect("feature hash present")
    }
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model")
            .field("features", &self.weights.len())
            .field("feature_set", &self.features)
            .finish()
    }
}

/// Whether `t` may follow `p` in BIO (`p == None`: sentence start): `I-X` only after `B-X`/`I-X`.
/// (Decoding reads the same from [`ALLOWED`]; the test checks they agree.)
#[cfg(test)]
fn allowed(p: Option<usize>, t: usize) -> bool {
    let t = Tag::from_index(t);
    if !t.is_inside() {
        return true;
    }
    match p {
        None => false,
        Some(p) => {
            let p = Tag::from_index(p);
            p.label().is_some() && p.label() == t.label()
        }
    }
}

/// `allowed(Some(p), t)` for every `p`, `t` (row `NTAGS`: `allowed(None, t)`).
const fn allowed_table() -> [[bool; NTAGS]; NTAGS + 1] {
    let mut a = [[false; NTAGS]; NTAGS + 1];
    let mut p = 0;
    while p <= NTAGS {
        let mut t = 0;
        while t < NTAGS {
            let inside = t != 0 && t % 2 == 0;
            a[p][t] = if !inside {
                true
            } else if p == NTAGS || p == 0 {
                false
            } else {
                // same label: (p - 1) / 2 == (t - 1) / 2
                (p - 1) / 2 == (t - 1) / 2
            };
            t += 1;
        }
        p += 1;
    }
    a
}

const ALLOWED: [[bool; NTAGS]; NTAGS + 1] = allowed_table();

/// Viterbi over emission scores `em[i][t]` and transitions.
fn viterbi(em: &[[f32; NTAGS]], trans: &[[f32; NTAGS]; NTAGS + 1]) -> Vec<usize> {
    let n = em.len();
    if n == 0 {
        return Vec::new();
    }
    const NEG: f32 = -1e30;
    let mut score = vec![[NEG; NTAGS]; n];
    let mut back = vec![[0u8; NTAGS]; n];
    for t in 0..NTAGS {
        if ALLOWED[NTAGS][t] {
            score[0][t] = em[0][t] + trans[NTAGS][t];
        }
    }
    for i in 1..n {
        for t in 0..NTAGS {
            let mut best = NEG;
            let mut bp = 0;
            for p in 0..NTAGS {
                if score[i - 1][p] <= NEG || !ALLOWED[p][t] {
                    continue;
                }
                let s = score[i - 1][p] + trans[p][t];
                if s > best {
                    best = s;
                    bp = p;
                }
            }
            if best > NEG {
                score[i][t] = best + em[i][t];
                back[i][t] = bp as u8;
            }
        }
    }
    let mut t = (0..NTAGS).fold(0, |b, t| {
        if score[n - 1][t] > score[n - 1][b] {
            t
        } else {
            b
        }
    });
    let mut out = vec![0; n];
    for i in (0..n).rev() {
        out[i] = t;
        if i > 0 {
            t = back[i][t] as usize;
        }
    }
    out
}

/// Trains a model on `train` (sentences with BIO tags; unknown tags count as `O`). Deterministic.
pub fn train(train: &[Sentence], resources: &Resources, opts: &TrainOptions) -> Model {
    train_with_callback(train, resources, opts, &mut |_, _| {})
}

/// Adds the training cost ([`TrainOptions::margin`], [`TrainOptions::miss_cost`]) to the
/// emission scores of the wrong tags.
fn add_cost(em: &mut [[f32; NTAGS]], gold: &[usize], opts: &TrainOptions) {
    if opts.margin == 0.0 && opts.miss_cost == 0.0 {
        return;
    }
    for (e, &g) in em.iter_mut().zip(gold) {
        for (t, x) in e.iter_mut().enumerate() {
            if t != g {
                *x += opts.margin;
                if t == 0 {
                    *x += opts.miss_cost;
                }
            }
        }
    }
}

/// [`train`], calling `on_epoch(epoch, &averaged_model_so_far)` after each epoch (1-based) of the
/// final stage, e.g. to score a held-out dev set.
///
/// With `opts.stacking` (the default) training has two stages: a first-pass tagger is trained
/// `STACK_FOLDS` times on all but one contiguous fold and tags that fold (so its tags on the
/// training data are as wrong as on new text), then the final tagger is trained with the
/// first-pass tags as extra features ([`super::features::doc_features`]); the first pass used at
/// inference is trained on everything.
pub fn train_with_callback(
    train: &[Sentence],
    resources: &Resources,
    opts: &TrainOptions,
    on_epoch: &mut dyn FnMut(usize, &Model),
) -> Model {
    let res = Arc::new(resources.clone());
    let fs = opts.features;
    let toks: Vec<Vec<&str>> = train
        .iter()
        .map(|s| s.tokens.iter().map(|t| t.as_str()).collect())
        .collect();
    let mut base: Vec<Vec<Vec<u64>>> = toks
        .iter()
        .map(|t| sentence_features(t, &res, fs))
        .collect();
    let gold: Vec<Vec<usize>> = train
        .iter()
        .map(|s| {
            s.tags
                .iter()
                .map(|t| Tag::parse(t).unwrap_or(Tag::O).index())
                .collect()
        })
        .collect();
    let n = train.len();
    let fold_of = |i: usize| {
        (0..STACK_FOLDS)
            .find(|&f| i < n * (f + 1) / STACK_FOLDS)
            .unwrap_or(0)
    };
    // entity memory: per fold (built without it) for the training features, and on everything
    let (fold_mems, full_mem): (Vec<Arc<Mem>>, Option<Arc<Mem>>) = if fs.has(FeatureSet::MEM) {
        let keyed: Vec<(Vec<String>, Vec<&str>)> = train
            .iter()
            .map(|s| {
                (
                    s.tokens.iter().map(|t| marsad_text::match_key(t)).collect(),
                    s.tags.iter().map(|t| t.as_str()).collect(),
                )
            })
            .collect();
        let fms: Vec<Arc<Mem>> = (0..STACK_FOLDS)
            .map(|f| {
                let rest: Vec<(Vec<String>, Vec<&str>)> = keyed
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| fold_of(*i) != f)
                    .map(|(_, x)| x.clone())
                    .collect();
                Arc::new(Mem::build(&rest))
            })
            .collect();
        for (i, b) in base.iter_mut().enumerate() {
            let mf = fms[fold_of(i)].features(&keyed[i].0);
            for (x, y) in b.iter_mut().zip(mf) {
                x.extend(y);
            }
        }
        let full = Arc::new(Mem::build(&keyed));
        if opts.verbose {
            eprintln!("ner train: entity memory of {} phrases", full.len());
        }
        (fms, Some(full))
    } else {
        (Vec::new(), None)
    };
    if !opts.stacking {
        let all: Vec<usize> = (0..train.len()).collect();
        let mut m = fit(&base, &gold, &all, opts, &res, None, &mut |_, _| {});
        m.mem = full_mem;
        on_epoch(opts.epochs, &m);
        m.o_penalty = opts.o_penalty;
        m.type_bias = opts.type_bias;
        return m;
    }
    let mut pass1: Vec<Vec<Tag>> = vec![Vec::new(); n];
    for f in 0..STACK_FOLDS {
        let (a, b) = (n * f / STACK_FOLDS, n * (f + 1) / STACK_FOLDS);
        let idx: Vec<usize> = (0..n).filter(|&i| i < a || i >= b).collect();
        let mut m = fit(&base, &gold, &idx, opts, &res, None, &mut |_, _| {});
        m.mem = fold_mems.get(f).cloned();
        let p = m.tag_sentences(&toks[a..b]);
        for (i, t) in (a..b).zip(p) {
            pass1[i] = t;
        }
        if opts.verbose {
            eprintln!("ner train: first-pass fold {}/{} done", f + 1, STACK_FOLDS);
        }
    }
    let all: Vec<usize> = (0..n).collect();
    let mut stage1 = fit(&base, &gold, &all, opts, &res, None, &mut |_, _| {});
    stage1.mem = full_mem.clone();
    let extra = doc_features(&toks, &pass1);
    let full: Vec<Vec<Vec<u64>>> = base
        .into_iter()
        .zip(extra)
        .map(|(b, e)| {
            b.into_iter()
                .zip(e)
                .map(|(mut x, y)| {
                    x.extend(y);
                    x
                })
                .collect()
        })
        .collect();
    let mut m = fit(
        &full,
        &gold,
        &all,
        opts,
        &res,
        Some(Box::new(stage1)),
        &mut |e, m| {
            if full_mem.is_some() {
                let mut m = m.clone();
                m.mem = full_mem.clone();
                on_epoch(e, &m)
            } else {
                on_epoch(e, m)
            }
        },
    );
    m.mem = full_mem;
    m.o_penalty = opts.o_penalty;
    m.type_bias = opts.type_bias;
    m
}

/// Folds of the first-pass jackknife.
const STACK_FOLDS: usize = 5;

/// The averaged perceptron over the sentences `which` of `hashed`/`gold`.
fn fit(
    hashed: &[Vec<Vec<u64>>],
    gold_all: &[Vec<usize>],
    which: &[usize],
    opts: &TrainOptions,
    res: &Arc<Resources>,
    stage1: Option<Box<Model>>,
    on_epoch: &mut dyn FnMut(usize, &Model),
) -> Model {
    let fs = opts.features;
    // 1. feature index
    let mut index: HashMap<u64, u32> = HashMap::new();
    let mut counts: Vec<u32> = Vec::new();
    for &si in which {
        for tf in &hashed[si] {
            for &h in tf {
                let n = index.len() as u32;
                let id = *index.entry(h).or_insert(n);
                if id as usize == counts.len() {
                    counts.push(0);
                }
                counts[id as usize] += 1;
            }
        }
    }
    // drop rare features, renumber
    let mut keep: Vec<u32> = vec![u32::MAX; counts.len()];
    let mut hashes: Vec<u64> = vec![0; counts.len()];
    for (&h, &id) in &index {
        hashes[id as usize] = h;
    }
    let mut nf = 0u32;
    let mut kept_hashes = Vec::new();
    for id in 0..counts.len() {
        if counts[id] as usize >= opts.min_count {
            keep[id] = nf;
            kept_hashes.push(hashes[id]);
            nf += 1;
        }
    }
    let data: Vec<(Vec<Vec<u32>>, &Vec<usize>)> = which
        .iter()
        .map(|&si| {
            let feats = hashed[si]
                .iter()
                .map(|tf| {
                    tf.iter()
                        .map(|h| keep[index[h] as usize])
                        .filter(|&i| i != u32::MAX)
                        .collect()
                })
                .collect();
            (feats, &gold_all[si])
        })
        .collect();
    drop(index);
    if opts.verbose {
        eprintln!(
            "ner train: {} sentences, {} features kept of {}",
            data.len(),
            nf,
            counts.len()
        );
    }
    let stage1: Option<Arc<Model>> = stage1.map(|b| Arc::new(*b));
    // 2. perceptron
    let nf = nf as usize;
    let runs = opts.ensemble.max(1);
    // the sum of the averaged weights of the runs (ensemble)
    let mut acc = vec![0f64; nf * NTAGS];
    let mut acc_t = [[0f64; NTAGS]; NTAGS + 1];
    let snapshot = |w: &[f32],
                    u: &[f64],
                    tw: &[[f32; NTAGS]; NTAGS + 1],
                    tu: &[[f64; NTAGS]; NTAGS + 1],
                    c: f64| {
        let mut weights = Weights::with_capacity(nf);
        for (fi, &h) in kept_hashes.iter().enumerate() {
            let mut a = [0f32; NTAGS];
            let mut any = false;
            for t in 0..NTAGS {
                let v = (w[fi * NTAGS + t] as f64 - u[fi * NTAGS + t] / c) as f32;
                if v.abs() > opts.prune && v != 0.0 {
                    a[t] = v;
                    any = true;
                }
            }
            if any {
                weights.insert(h, a);
            }
        }
        let mut trans = [[0f32; NTAGS]; NTAGS + 1];
        for p in 0..=NTAGS {
            for t in 0..NTAGS {
                trans[p][t] = (tw[p][t] as f64 - tu[p][t] / c) as f32;
            }
        }
        Model {
            weights,
            trans,
            features: fs,
            resources: res.clone(),
            stage1: stage1.clone(),
            o_penalty: 0.0,
            type_bias: [0.0; 4],
            mem: None,
        }
    };
    for run in 0..runs {
        let mut w = vec![0f32; nf * NTAGS];
        let mut u = vec![0f64; nf * NTAGS];
        let mut tw = [[0f32; NTAGS]; NTAGS + 1];
        let mut tu = [[0f64; NTAGS]; NTAGS + 1];
        let mut c: f64 = 1.0;
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut rng = Rng::new(opts.seed.wrapping_add(run as u64 * 0x9e37_79b9));
        let mut drng = Rng::new(opts.seed ^ 0x9e37_79b9_7f4a_7c15);
        let mut em: Vec<[f32; NTAGS]> = Vec::new();
        for epoch in 1..=opts.epochs {
            // Fisher-Yates with the fixed seed
            for i in (1..order.len()).rev() {
                let j = rng.below(i + 1);
                order.swap(i, j);
            }
            let mut errors = 0usize;
            for &si in &order {
                let (feats_all, gold) = &data[si];
                let dropped: Vec<Vec<u32>>;
                let feats: &Vec<Vec<u32>> = if opts.dropout > 0.0 {
                    let thr = (opts.dropout * u32::MAX as f64) as u64;
                    dropped = feats_all
                        .iter()
                        .map(|tf| {
                            tf.iter()
                                .copied()
                                .filter(|_| (drng.next() >> 32) >= thr)
                                .collect()
                        })
                        .collect();
                    &dropped
                } else {
                    feats_all
                };
                em.clear();
                for tf in feats {
                    let mut e = [0f32; NTAGS];
                    for &f in tf {
                        let row = &w[f as usize * NTAGS..f as usize * NTAGS + NTAGS];
                        for t in 0..NTAGS {
                            e[t] += row[t];
                        }
                    }
                    em.push(e);
                }
                add_cost(&mut em, gold, opts);
                let pred = viterbi(&em, &tw);
                if pred != **gold {
                    for i in 0..gold.len() {
                        let (g, p) = (gold[i], pred[i]);
                        if g != p {
                            errors += 1;
                            for &f in &feats[i] {
                                let b = f as usize * NTAGS;
                                w[b + g] += 1.0;
                                u[b + g] += c;
                                w[b + p] -= 1.0;
                                u[b + p] -= c;
                            }
                        }
                        let gp = if i == 0 { NTAGS } else { gold[i - 1] };
                        let pp = if i == 0 { NTAGS } else { pred[i - 1] };
                        if gp != pp || g != p {
                            tw[gp][g] += 1.0;
                            tu[gp][g] += c;
                            tw[pp][p] -= 1.0;
                            tu[pp][p] -= c;
                        }
                    }
                }
                c += 1.0;
            }
            if opts.verbose {
                eprintln!("ner train: epoch {epoch}: {errors} token errors");
            }
            if runs == 1 {
                let m = snapshot(&w, &u, &tw, &tu, c);
                on_epoch(epoch, &m);
            }
        }

        for i in 0..nf * NTAGS {
            acc[i] += w[i] as f64 - u[i] / c;
        }
        for p in 0..=NTAGS {
            for t in 0..NTAGS {
                acc_t[p][t] += tw[p][t] as f64 - tu[p][t] / c;
            }
        }
    }
    let k = runs as f64;
    let w: Vec<f32> = acc.iter().map(|&x| (x / k) as f32).collect();
    let u = vec![0f64; nf * NTAGS];
    let mut tw = [[0f32; NTAGS]; NTAGS + 1];
    for p in 0..=NTAGS {
        for t in 0..NTAGS {
            tw[p][t] = (acc_t[p][t] / k) as f32;
        }
    }
    let m = snapshot(&w, &u, &tw, &[[0f64; NTAGS]; NTAGS + 1], 1.0);
    if runs > 1 {
        on_epoch(opts.epochs, &m);
    }
    m
}

const MAGIC: &[u8; 8] = b"MNERv003";
const MAGIC_V2: &[u8; 8] = b"MNERv002";

impl Model {
    /// Number of features with a weight.
    pub fn num_features(&self) -> usize {
        self.weights.len()
    }

    /// The resources the model's features read.
    pub fn resources(&self) -> &Resources {
        &self.resources
    }

    /// The penalty on `O` used when decoding (see [`Model::set_o_penalty`]).
    pub fn o_penalty(&self) -> f32 {
        self.o_penalty
    }

    /// Sets the amount subtracted from the score of `O` at every token of the final stage when
    /// decoding (0 = the perceptron's own decision; higher = more entities, higher recall).
    /// Saved with the model.
    pub fn set_o_penalty(&mut self, p: f32) {
        self.o_penalty = p;
    }

    /// The per-type decoding bias (see [`Model::set_type_bias`]), in [`super::LABELS`] order.
    pub fn type_bias(&self) -> [f32; 4] {
        self.type_bias
    }

    /// Sets the amount added to the scores of `B-X`/`I-X` of each type (PERS, LOC, ORG, MISC)
    /// of the final stage when decoding; on top of the `O` penalty. Saved with the model.
    pub fn set_type_bias(&mut self, b: [f32; 4]) {
        self.type_bias = b;
    }

    /// The model with other resources (e.g. rebuilt lists); the weights stay.
    pub fn with_resources(mut self, resources: Arc<Resources>) -> Model {
        self.resources = resources;
        self
    }

    /// Tags one sentence of tokens (ANERcorp tokenisation: punctuation apart, clitics attached).
    /// The sentence is its own document; [`Model::tag_sentences`] lets the other sentences of
    /// an article inform the tags.
    pub fn tag(&self, tokens: &[&str]) -> Vec<Tag> {
        if tokens.is_empty() {
            return Vec::new();
        }
        self.tag_sentences(&[tokens.to_vec()])
            .pop()
            .unwrap_or_default()
    }

    /// Tags consecutive sentences of one or more documents: with a two-stage model each
    /// sentence's tags use what the first pass found in the sentences around it (±20).
    pub fn tag_sentences(&self, sents: &[Vec<&str>]) -> Vec<Vec<Tag>> {
        let base = doc_base(sents, &self.resources, self.features, self.mem_features());
        self.tag_base(sents, &base)
    }

    /// The entity memory if its features are on.
    fn mem_features(&self) -> Option<&Mem> {
        if self.features.has(FeatureSet::MEM) {
            self.mem.as_deref()
        } else {
            None
        }
    }

    /// Whether `self` and `o` compute the same observation features (then a [`DocBase`] of
    /// one serves the other: the first pass and the final stage share it).
    fn same_base(&self, o: &Model) -> bool {
        self.features == o.features
            && Arc::ptr_eq(&self.resources, &o.resources)
            && match (self.mem_features(), o.mem_features()) {
                (None, None) => true,
                (Some(a), Some(b)) => std::ptr::eq(a, b),
                _ => false,
            }
    }

    /// [`Model::tag_sentences`] with the observation features already computed (by a model
    /// with the [`Model::same_base`]).
    fn tag_base(&self, sents: &[Vec<&str>], base: &DocBase<'_>) -> Vec<Vec<Tag>> {
        let extra = self.stage1.as_ref().map(|s1| {
            let p1 = if s1.same_base(self) {
                s1.tag_base(sents, base)
            } else {
                s1.tag_sentences(sents)
            };
            doc_features_base(base, &p1)
        });
        let mut init = [0f32; NTAGS];
        init[0] = -self.o_penalty;
        for (t, x) in init.iter_mut().enumerate().skip(1) {
            *x = self.type_bias[(t - 1) / 2];
        }
        let mut em: Vec<[f32; NTAGS]> = Vec::new();
        sents
            .iter()
            .enumerate()
            .map(|(si, toks)| {
                if toks.is_empty() {
                    return Vec::new();
                }
                let sb = &base.sents[si];
                em.clear();
                for i in 0..toks.len() {
                    let mut e = init;
                    for &h in sb.token(i) {
                        self.weights.prefetch(h);
                    }
                    if let Some(ex) = &extra {
                        for &h in ex[si].token(i) {
                            self.weights.prefetch(h);
                        }
                    }
                    // same order of additions as over the concatenated feature list
                    for h in sb.token(i) {
                        if let Some(row) = self.weights.get(h) {
                            for t in 0..NTAGS {
                                e[t] += row[t];
                            }
                        }
                    }
                    if let Some(ex) = &extra {
                        for h in ex[si].token(i) {
                            if let Some(row) = self.weights.get(h) {
                                for t in 0..NTAGS {
                                    e[t] += row[t];
                                }
                            }
                        }
                    }
                    em.push(e);
                }
                viterbi(&em, &self.trans)
                    .into_iter()
                    .map(Tag::from_index)
                    .collect()
            })
            .collect()
    }

    /// Tags a sentence and returns tag names.
    pub fn tag_strings(&self, tokens: &[String]) -> Vec<String> {
        let t: Vec<&str> = tokens.iter().map(|s| s.as_str()).collect();
        self.tag(&t)
            .into_iter()
            .map(|t| t.as_str().to_string())
            .collect()
    }

    /// Tags the sentences of a CoNLL file in order (consecutive sentences inform each other, as
    /// in [`Model::tag_sentences`]) and returns tag names, ready for [`super::evaluate`].
    pub fn tag_corpus(&self, sents: &[Sentence]) -> Vec<Vec<String>> {
        let toks: Vec<Vec<&str>> = sents
            .iter()
            .map(|s| s.tokens.iter().map(|t| t.as_str()).collect())
            .collect();
        self.tag_sentences(&toks)
            .into_iter()
            .map(|v| v.into_iter().map(|t| t.as_str().to_string()).collect())
            .collect()
    }

    /// Finds the entities of raw text (one article): tokenises like ANERcorp ([`text_tokens`]),
    /// splits into sentences at . ! ? ؟ … and line breaks, tags them together, and returns spans
    /// (byte offsets into `text`, whole tokens, in order).
    pub fn tag_text(&self, text: &str) -> Vec<Span> {
        let toks = text_tokens(text);
        let ranges = tagging_sentences(text, &toks);
        let sents: Vec<Vec<&str>> = ranges
            .iter()
            .map(|r| toks[r.clone()].iter().map(|&(s, e)| &text[s..e]).collect())
            .collect();
        let tagged = self.tag_sentences(&sents);
        let mut out = Vec::new();
        for (r, tags) in ranges.iter().zip(tagged) {
            let tags: Vec<&str> = tags.into_iter().map(|t| t.as_str()).collect();
            for ch in chunks(&tags) {
                let (s, _) = toks[r.start + ch.start];
                let (_, e) = toks[r.start + ch.end - 1];
                out.push(Span {
                    start: s,
                    end: e,
                    label: ch.label,
                });
            }
        }
        out
    }

    fn write_block(&self, b: &mut Vec<u8>) {
        b.extend_from_slice(&self.features.0.to_le_bytes());
        for row in &self.trans {
            for &x in row {
                b.extend_from_slice(&x.to_le_bytes());
            }
        }
        let mut keys: Vec<&u64> = self.weights.keys().collect();
        keys.sort();
        b.extend_from_slice(&(keys.len() as u64).to_le_bytes());
        for h in keys {
            let row = &self.weights[h];
            b.extend_from_slice(&h.to_le_bytes());
            let mut mask = 0u16;
            for t in 0..NTAGS {
                if row[t] != 0.0 {
                    mask |= 1 << t;
                }
            }
            b.extend_from_slice(&mask.to_le_bytes());
            for t in 0..NTAGS {
                if row[t] != 0.0 {
                    // keep 11 bits of mantissa: plenty for perceptron weights, and gzip finds runs
                    let bits = row[t].to_bits() & 0xFFFF_F000;
                    b.extend_from_slice(&bits.to_le_bytes());
                }
            }
        }
    }

    /// Writes the weights: gzip of a small binary format — magic `MNERv002`, a byte telling
    /// whether a first-pass model follows, then per model: feature-set bits (u32), transitions
    /// (10×9 f32), the feature count (u64), and per feature its hash (u64), a 9-bit mask of
    /// non-zero tags (u16) and those weights (f32, mantissa rounded); at the end the `O` penalty
    /// (f32), the per-type bias (4 × f32, PERS LOC ORG MISC) and the entity memory (a byte 0/1,
    /// then see `Mem::write`) — the last two absent in `MNERv002` files, which are still read;
    /// magic `MNERv003`; little-endian. The
    /// resources are not written: they are the files next to it ([`Resources::load`]).
    pub fn save(&self, path: &Path) -> Result<(), NerError> {
        let mut b: Vec<u8> = Vec::new();
        b.extend_from_slice(MAGIC);
        match &self.stage1 {
            Some(s1) => {
                b.push(1);
                s1.write_block(&mut b);
            }
            None => b.push(0),
        }
        self.write_block(&mut b);
        b.extend_from_slice(&self.o_penalty.to_le_bytes());
        for x in self.type_bias {
            b.extend_from_slice(&x.to_le_bytes());
        }
        match &self.mem {
            Some(m) => {
                b.push(1);
                m.write(&mut b);
            }
            None => b.push(0),
        }
        let mut enc = GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(&b).map_err(|e| NerError::io(path, e))?;
        let gz = enc.finish().map_err(|e| NerError::io(path, e))?;
        if let Some(dir) = path.parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir).map_err(|e| NerError::io(dir, e))?;
            }
        }
        std::fs::write(path, gz).map_err(|e| NerError::io(path, e))
    }

    /// Reads a model written by [`Model::save`]; its resources are loaded from the same folder
    /// ([`Resources::load`]).
    pub fn load(path: &Path) -> Result<Model, NerError> {
        let dir = path.parent().unwrap_or(Path::new("."));
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        let res = Resources::load(dir)?;
        Self::load_with(path, Arc::new(res))
    }

    /// Reads a model file, with the given resources.
    pub fn load_with(path: &Path, resources: Arc<Resources>) -> Result<Model, NerError> {
        let bytes = std::fs::read(path).map_err(|e| NerError::io(path, e))?;
        Self::from_bytes(&bytes, resources)
            .map_err(|e| NerError::Format(format!("{}: {e}", path.display())))
    }

    fn read_block(r: &mut Reader<'_>, resources: &Arc<Resources>) -> Result<Model, NerError> {
        let features = FeatureSet(r.u32()?);
        let mut trans = [[0f32; NTAGS]; NTAGS + 1];
        for row in trans.iter_mut() {
            for x in row.iter_mut() {
                *x = r.f32()?;
            }
        }
        let n = r.u64()? as usize;
        if n > r.b.len() / 10 {
            return Err(NerError::Format("model file: bad feature count".into()));
        }
        let mut weights = Weights::with_capacity(n);
        for _ in 0..n {
            let h = r.u64()?;
            let mask = u16::from_le_bytes(r.take(2)?.try_into().unwrap_or([0, 0]));
            let mut row = [0f32; NTAGS];
            for (t, x) in row.iter_mut().enumerate() {
                if mask & (1 << t) != 0 {
                    *x = r.f32()?;
                }
            }
            weights.insert(h, row);
        }
        Ok(Model {
            weights,
            trans,
            features,
            resources: resources.clone(),
            stage1: None,
            o_penalty: 0.0,
            type_bias: [0.0; 4],
            mem: None,
        })
    }

    /// Parses the bytes of a model file.
    pub fn from_bytes(gz: &[u8], resources: Arc<Resources>) -> Result<Model, NerError> {
        let mut b = Vec::new();
        GzDecoder::new(gz)
            .read_to_end(&mut b)
            .map_err(|e| NerError::Format(format!("not a gzip model file: {e}")))?;
        let mut r = Reader { b: &b, pos: 0 };
        let magic = r.take(8)?;
        let v3 = magic == MAGIC;
        if !v3 && magic != MAGIC_V2 {
            return Err(NerError::Format(
                "not a marsad NER model (bad magic/version)".into(),
            ));
        }
        let stage1 = match r.take(1)?[0] {
            0 => None,
            1 => Some(Self::read_block(&mut r, &resources)?),
            _ => return Err(NerError::Format("model file: bad stage byte".into())),
        };
        let mut stage1 = stage1;
        let mut m = Self::read_block(&mut r, &resources)?;
        m.o_penalty = r.f32()?;
        if v3 {
            for x in m.type_bias.iter_mut() {
                *x = r.f32()?;
            }
            if r.take(1)?[0] == 1 {
                let mut pos = r.pos;
                let mem = Arc::new(Mem::read(r.b, &mut pos)?);
                r.pos = pos;
                m.mem = Some(mem.clone());
                if let Some(s1) = stage1.as_mut() {
                    s1.mem = Some(mem);
                }
            }
        }
        m.stage1 = stage1.map(Arc::new);
        if r.pos != b.len() {
            return Err(NerError::Format("model file: trailing bytes".into()));
        }
        Ok(m)
    }

    /// The model shipped in `data/ner/model.bin.gz` with the shipped resources, compiled into the
    /// binary and parsed once. Never panics: a broken embedded file gives
    /// `Err(NerError::Format(..))` (the same error on every call).
    pub fn embedded() -> Result<&'static Model, NerError> {
        static M: OnceLock<Result<Model, String>> = OnceLock::new();
        M.get_or_init(|| {
            let res = Resources::embedded_arc().map_err(|e| e.to_string())?;
            Model::from_bytes(include_bytes!("../../../../data/ner/model.bin.gz"), res)
                .map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|e| NerError::Format(format!("embedded NER model: {e}")))
    }
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], NerError> {
        if self.pos + n > self.b.len() {
            return Err(NerError::Format("model file: truncated".into()));
        }
        let s = &self.b[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }
    fn u32(&mut self) -> Result<u32, NerError> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().unwrap_or([0; 4]),
        ))
    }
    fn f32(&mut self) -> Result<f32, NerError> {
        Ok(f32::from_bits(self.u32()?))
    }
    fn u64(&mut self) -> Result<u64, NerError> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().unwrap_or([0; 8]),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_table_matches() {
        for t in 0..NTAGS {
            assert_eq!(ALLOWED[NTAGS][t], allowed(None, t));
            for p in 0..NTAGS {
                assert_eq!(ALLOWED[p][t], allowed(Some(p), t), "{p} {t}");
            }
        }
    }

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
