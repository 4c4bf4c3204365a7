//! Training: the averaged structured perceptron, its options, the two-stage (stacked) scheme
//! with its jackknifed first pass, and the entity memory built per fold.
//!
//! Not for tagging new text (`model.rs`) nor for writing the result (`format.rs`).

use super::features::{doc_features, guide_token_features, sentence_features, FeatureSet};
use super::mem::Mem;
use super::model::Model;
use super::resources::Resources;
use super::rng::Rng;
use super::viterbi::viterbi;
use super::weights::Weights;
use super::{Sentence, Tag, NTAGS};
use std::collections::HashMap;
use std::sync::Arc;

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
    /// The first `out_of_domain` training sentences come from another corpus (Wikipedia,
    /// another decade's press): each of their observation features also fires as a copy only
    /// that corpus has, which absorbs its label conventions (frustratingly easy domain
    /// adaptation, Daumé 2007); tagging uses the shared weights alone.
    pub out_of_domain: usize,
    /// A tagger trained on another corpus whose tags are features of the final stage
    /// (experiments: such a model is not saved with its guide).
    pub guide: Option<Arc<Model>>,
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
            type_bias: [3.0, -2.0, 3.5, 2.0],
            out_of_domain: 0,
            guide: None,
        }
    }
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
    let (fold_mems, full_mem) = if fs.has(FeatureSet::MEM) {
        entity_memory(train, &mut base, opts)
    } else {
        (Vec::new(), None)
    };
    let ood = opts.out_of_domain.min(train.len());
    let copies = (ood > 0).then(|| {
        let (src, tgt) = base.split_at_mut(ood);
        DomainCopies {
            source: domain_copies(src, SOURCE_SALT),
            target: domain_copies(tgt, TARGET_SALT),
        }
    });
    if !opts.stacking {
        let all: Vec<usize> = (0..train.len()).collect();
        let mut m = fit(&base, &gold, &all, opts, &res, None, &mut |_, _| {});
        m.mem = full_mem;
        on_epoch(opts.epochs, &m);
        m.o_penalty = opts.o_penalty;
        m.type_bias = opts.type_bias;
        return m;
    }
    let pass1 = jackknifed_first_pass(&base, &gold, &toks, &fold_mems, copies.as_ref(), opts, &res);
    let all: Vec<usize> = (0..train.len()).collect();
    let mut stage1 = fit(&base, &gold, &all, opts, &res, None, &mut |_, _| {});
    stage1.mem = full_mem.clone();
    if let Some(c) = &copies {
        c.fold(&mut stage1);
    }
    let mut docf = doc_features(&toks, &pass1);
    if let Some(g) = &opts.guide {
        for (sent, tags) in docf.iter_mut().zip(g.tag_sentences(&toks)) {
            for (i, f) in sent.iter_mut().enumerate() {
                guide_token_features(&tags, i, f);
            }
        }
    }
    let full = with_doc_features(base, docf);
    let mut m = fit(
        &full,
        &gold,
        &all,
        opts,
        &res,
        Some(Box::new(stage1)),
        &mut |e, m| {
            // the callback sees the model as it will be used: with its entity memory, and its
            // in-domain feature copies folded in
            if full_mem.is_some() || copies.is_some() {
                let mut m = m.clone();
                m.mem = full_mem.clone();
                if let Some(c) = &copies {
                    c.fold(&mut m);
                }
                on_epoch(e, &m)
            } else {
                on_epoch(e, m)
            }
        },
    );
    m.mem = full_mem;
    if let Some(c) = &copies {
        c.fold(&mut m);
    }
    m.o_penalty = opts.o_penalty;
    m.type_bias = opts.type_bias;
    m
}

/// Salts of the per-corpus copies of features ([`TrainOptions::out_of_domain`]).
const SOURCE_SALT: u64 = 0x6f75_745f_646f_6d61;
const TARGET_SALT: u64 = 0x696e_5f64_6f6d_6169;

/// Each feature of each token of `sents` fires a second time as its copy salted with `salt`;
/// returns the copies' hashes (copy → original).
fn domain_copies(sents: &mut [Vec<Vec<u64>>], salt: u64) -> HashMap<u64, u64> {
    let mut made = HashMap::new();
    for tok in sents.iter_mut().flatten() {
        let n = tok.len();
        for j in 0..n {
            let h = tok[j];
            let c = (h ^ salt).rotate_left(17);
            made.insert(c, h);
            tok.push(c);
        }
    }
    made
}

/// The feature copies of the two corpora (frustratingly easy domain adaptation): in-domain
/// sentences fire `general + target` copies, out-of-domain ones `general + source`.
struct DomainCopies {
    source: HashMap<u64, u64>,
    target: HashMap<u64, u64>,
}

impl DomainCopies {
    /// Tagging in-domain text fires `general + target`: the target copy's weights are added to
    /// its original's (in the table's insertion order, so deterministically) and the copies of
    /// both corpora leave the table, which is then the size and speed of a plain model.
    fn fold(&self, m: &mut Model) {
        m.weights = self.folded(&m.weights);
    }

    /// The weight table of [`DomainCopies::fold`].
    fn folded(&self, weights: &Weights) -> Weights {
        let mut order: Vec<u64> = Vec::new();
        let mut rows: HashMap<u64, [f32; NTAGS]> = HashMap::new();
        for (&h, r) in weights.entries() {
            if self.source.contains_key(&h) {
                continue;
            }
            let into = self.target.get(&h).copied().unwrap_or(h);
            let acc = rows.entry(into).or_insert_with(|| {
                order.push(into);
                [0f32; NTAGS]
            });
            for t in 0..NTAGS {
                acc[t] += r[t];
            }
        }
        let mut w = Weights::with_capacity(order.len());
        for h in order {
            if let Some(r) = rows.get(&h) {
                w.insert(h, *r);
            }
        }
        w
    }
}

/// Folds of the first-pass jackknife.
const STACK_FOLDS: usize = 5;

/// The jackknife fold of sentence `i` of `n`: contiguous folds, sentence order kept.
fn fold_of(i: usize, n: usize) -> usize {
    (0..STACK_FOLDS)
        .find(|&f| i < n * (f + 1) / STACK_FOLDS)
        .unwrap_or(0)
}

/// The entity memory: one per fold, built without that fold's sentences, whose features are
/// appended to `base` (so a sentence never finds its own entities in the memory, as new text
/// would not), and one built on everything for the shipped model.
fn entity_memory(
    train: &[Sentence],
    base: &mut [Vec<Vec<u64>>],
    opts: &TrainOptions,
) -> (Vec<Arc<Mem>>, Option<Arc<Mem>>) {
    let n = train.len();
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
                .filter(|(i, _)| fold_of(*i, n) != f)
                .map(|(_, x)| x.clone())
                .collect();
            Arc::new(Mem::build(&rest))
        })
        .collect();
    for (i, b) in base.iter_mut().enumerate() {
        let mf = fms[fold_of(i, n)].features(&keyed[i].0);
        for (x, y) in b.iter_mut().zip(mf) {
            x.extend(y);
        }
    }
    let full = Arc::new(Mem::build(&keyed));
    if opts.verbose {
        eprintln!("ner train: entity memory of {} phrases", full.len());
    }
    (fms, Some(full))
}

/// The first pass's tags of every training sentence, each fold tagged by a tagger trained on the
/// other folds: its tags on the training data are then as wrong as on new text, and the final
/// stage learns how far to trust them.
fn jackknifed_first_pass(
    base: &[Vec<Vec<u64>>],
    gold: &[Vec<usize>],
    toks: &[Vec<&str>],
    fold_mems: &[Arc<Mem>],
    copies: Option<&DomainCopies>,
    opts: &TrainOptions,
    res: &Arc<Resources>,
) -> Vec<Vec<Tag>> {
    let n = toks.len();
    let mut pass1: Vec<Vec<Tag>> = vec![Vec::new(); n];
    for f in 0..STACK_FOLDS {
        let (a, b) = (n * f / STACK_FOLDS, n * (f + 1) / STACK_FOLDS);
        let idx: Vec<usize> = (0..n).filter(|&i| i < a || i >= b).collect();
        let mut m = fit(base, gold, &idx, opts, res, None, &mut |_, _| {});
        m.mem = fold_mems.get(f).cloned();
        if let Some(c) = copies {
            c.fold(&mut m);
        }
        let p = m.tag_sentences(&toks[a..b]);
        for (i, t) in (a..b).zip(p) {
            pass1[i] = t;
        }
        if opts.verbose {
            eprintln!("ner train: first-pass fold {}/{} done", f + 1, STACK_FOLDS);
        }
    }
    pass1
}

/// Each token's observation features followed by its document features (the same order as at
/// inference, so the learned weights add up in the same order).
fn with_doc_features(base: Vec<Vec<Vec<u64>>>, extra: Vec<Vec<Vec<u64>>>) -> Vec<Vec<Vec<u64>>> {
    base.into_iter()
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
        .collect()
}

/// A training sentence: per token the ids of its kept features, and the gold tag indices.
type Example<'g> = (Vec<Vec<u32>>, &'g Vec<usize>);

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
    let (data, kept_hashes) = feature_ids(hashed, gold_all, which, opts);
    let snap = Snapshot {
        kept_hashes: &kept_hashes,
        opts,
        res,
        stage1: stage1.map(|b| Arc::new(*b)),
    };
    let nf = kept_hashes.len();
    let runs = opts.ensemble.max(1);
    // the sum of the averaged weights of the runs (ensemble)
    let mut acc = vec![0f64; nf * NTAGS];
    let mut acc_t = [[0f64; NTAGS]; NTAGS + 1];
    for run in 0..runs {
        perceptron_run(&data, nf, run, &snap, on_epoch).add_averaged(&mut acc, &mut acc_t);
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
    let m = snap.model(&w, &u, &tw, &[[0f64; NTAGS]; NTAGS + 1], 1.0);
    if runs > 1 {
        on_epoch(opts.epochs, &m);
    }
    m
}

/// Numbers the features of the sentences `which` densely (first-seen order), drops those seen
/// fewer than [`TrainOptions::min_count`] times, and returns the sentences as feature ids with
/// their gold tags, and the hash of each kept id.
fn feature_ids<'g>(
    hashed: &[Vec<Vec<u64>>],
    gold_all: &'g [Vec<usize>],
    which: &[usize],
    opts: &TrainOptions,
) -> (Vec<Example<'g>>, Vec<u64>) {
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
    let data: Vec<Example<'g>> = which
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
    if opts.verbose {
        eprintln!(
            "ner train: {} sentences, {} features kept of {}",
            data.len(),
            nf,
            counts.len()
        );
    }
    (data, kept_hashes)
}

/// What turns perceptron weights into a [`Model`]: the hashes of the feature ids and the parts
/// of the model that do not change while training.
struct Snapshot<'a> {
    kept_hashes: &'a [u64],
    opts: &'a TrainOptions,
    res: &'a Arc<Resources>,
    stage1: Option<Arc<Model>>,
}

impl Snapshot<'_> {
    /// The model of the averaged weights `w - u / c` (transitions `tw - tu / c`), weights at or
    /// below [`TrainOptions::prune`] dropped.
    fn model(
        &self,
        w: &[f32],
        u: &[f64],
        tw: &[[f32; NTAGS]; NTAGS + 1],
        tu: &[[f64; NTAGS]; NTAGS + 1],
        c: f64,
    ) -> Model {
        let mut weights = Weights::with_capacity(self.kept_hashes.len());
        for (fi, &h) in self.kept_hashes.iter().enumerate() {
            let mut a = [0f32; NTAGS];
            let mut any = false;
            for t in 0..NTAGS {
                let v = (w[fi * NTAGS + t] as f64 - u[fi * NTAGS + t] / c) as f32;
                if v.abs() > self.opts.prune && v != 0.0 {
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
            features: self.opts.features,
            resources: self.res.clone(),
            stage1: self.stage1.clone(),
            o_penalty: 0.0,
            type_bias: [0.0; 4],
            mem: None,
            guide: self.stage1.as_ref().and(self.opts.guide.clone()),
        }
    }
}

/// One perceptron's state. Averaging without a second pass: `u` accumulates each update times
/// the step count `c` at the time, so the averaged weights are `w - u / c`.
struct Perceptron {
    w: Vec<f32>,
    u: Vec<f64>,
    tw: [[f32; NTAGS]; NTAGS + 1],
    tu: [[f64; NTAGS]; NTAGS + 1],
    c: f64,
}

impl Perceptron {
    fn new(nf: usize) -> Perceptron {
        Perceptron {
            w: vec![0f32; nf * NTAGS],
            u: vec![0f64; nf * NTAGS],
            tw: [[0f32; NTAGS]; NTAGS + 1],
            tu: [[0f64; NTAGS]; NTAGS + 1],
            c: 1.0,
        }
    }

    /// Adds this run's averaged weights (`w - u / c`, transitions alike) to the ensemble's sums.
    fn add_averaged(&self, acc: &mut [f64], acc_t: &mut [[f64; NTAGS]; NTAGS + 1]) {
        for ((a, &w), &u) in acc.iter_mut().zip(&self.w).zip(&self.u) {
            *a += w as f64 - u / self.c;
        }
        for ((ar, wr), ur) in acc_t.iter_mut().zip(&self.tw).zip(&self.tu) {
            for ((a, &w), &u) in ar.iter_mut().zip(wr).zip(ur) {
                *a += w as f64 - u / self.c;
            }
        }
    }

    /// The emission scores of a sentence's tokens under the current weights, into `em`.
    fn emissions(&self, feats: &[Vec<u32>], em: &mut Vec<[f32; NTAGS]>) {
        em.clear();
        for tf in feats {
            let mut e = [0f32; NTAGS];
            for &f in tf {
                let row = &self.w[f as usize * NTAGS..f as usize * NTAGS + NTAGS];
                for t in 0..NTAGS {
                    e[t] += row[t];
                }
            }
            em.push(e);
        }
    }

    /// The perceptron update for a wrongly decoded sentence: towards the gold tags and
    /// transitions, away from the predicted ones. Returns the number of wrong tokens.
    fn update(&mut self, feats: &[Vec<u32>], gold: &[usize], pred: &[usize]) -> usize {
        let c = self.c;
        let mut errors = 0usize;
        for i in 0..gold.len() {
            let (g, p) = (gold[i], pred[i]);
            if g != p {
                errors += 1;
                for &f in &feats[i] {
                    let b = f as usize * NTAGS;
                    self.w[b + g] += 1.0;
                    self.u[b + g] += c;
                    self.w[b + p] -= 1.0;
                    self.u[b + p] -= c;
                }
            }
            let gp = if i == 0 { NTAGS } else { gold[i - 1] };
            let pp = if i == 0 { NTAGS } else { pred[i - 1] };
            if gp != pp || g != p {
                self.tw[gp][g] += 1.0;
                self.tu[gp][g] += c;
                self.tw[pp][p] -= 1.0;
                self.tu[pp][p] -= c;
            }
        }
        errors
    }
}

/// Feature dropout ([`TrainOptions::dropout`]): the features of each token, each kept unless
/// `drng` draws below the dropout rate.
fn drop_features(feats: &[Vec<u32>], dropout: f64, drng: &mut Rng) -> Vec<Vec<u32>> {
    let thr = (dropout * u32::MAX as f64) as u64;
    feats
        .iter()
        .map(|tf| {
            tf.iter()
                .copied()
                .filter(|_| (drng.next() >> 32) >= thr)
                .collect()
        })
        .collect()
}

/// Run `run` of the ensemble: `opts.epochs` passes over `data` in a shuffled order (its own seed
/// per run). With a single run, `on_epoch` sees the averaged model after every epoch.
fn perceptron_run(
    data: &[Example<'_>],
    nf: usize,
    run: usize,
    snap: &Snapshot<'_>,
    on_epoch: &mut dyn FnMut(usize, &Model),
) -> Perceptron {
    let opts = snap.opts;
    let mut p = Perceptron::new(nf);
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
                dropped = drop_features(feats_all, opts.dropout, &mut drng);
                &dropped
            } else {
                feats_all
            };
            p.emissions(feats, &mut em);
            add_cost(&mut em, gold, opts);
            let pred = viterbi(&em, &p.tw);
            if pred != **gold {
                errors += p.update(feats, gold, &pred);
            }
            p.c += 1.0;
        }
        if opts.verbose {
            eprintln!("ner train: epoch {epoch}: {errors} token errors");
        }
        if opts.ensemble.max(1) == 1 {
            let m = snap.model(&p.w, &p.u, &p.tw, &p.tu, p.c);
            on_epoch(epoch, &m);
        }
    }
    p
}

#[cfg(test)]
mod domain_tests {
    use super::*;

    #[test]
    fn in_domain_copies_fold_into_their_originals_and_source_copies_go() {
        let mut src = vec![vec![vec![1u64, 2]]];
        let mut tgt = vec![vec![vec![1u64, 3]]];
        let copies = DomainCopies {
            source: domain_copies(&mut src, SOURCE_SALT),
            target: domain_copies(&mut tgt, TARGET_SALT),
        };
        assert_eq!(src[0][0].len(), 4, "each feature fires twice");
        let (s1, t1, t3) = (src[0][0][2], tgt[0][0][2], tgt[0][0][3]);
        assert_ne!(s1, t1, "the corpora's copies differ");
        let mut w = Weights::default();
        for (h, x) in [
            (1u64, 1.0f32),
            (2, 2.0),
            (3, 3.0),
            (s1, 10.0),
            (t1, 100.0),
            (t3, 5.0),
        ] {
            w.insert(h, [x; NTAGS]);
        }
        let f = copies.folded(&w);
        assert_eq!(f.get(&1), Some(&[101.0; NTAGS]));
        assert_eq!(f.get(&3), Some(&[8.0; NTAGS]));
        assert_eq!(f.get(&2), Some(&[2.0; NTAGS]));
        assert_eq!((f.get(&s1), f.get(&t1), f.len()), (None, None, 3));
    }
}
