//! Training the detector: L2-regularised logistic regression by stochastic gradient descent in a
//! fixed order (so the same corpus gives the same bytes), the decision thresholds chosen by
//! cross-validation on the training sentences only: one outlet left out at a time when the corpus
//! has three outlets or more (the scores are then those of unseen press), else five folds.

use std::collections::HashMap;

use super::features::Instance;
use super::model::Detector;
use super::sentence::{SentenceModel, SentenceOptions};

/// One training sentence: its instances and the event types its gold says it reports.
#[derive(Debug, Clone)]
pub struct Example {
    pub instances: Vec<Instance>,
    pub gold: Vec<String>,
    /// The CAMEO codes of its gold events that happened (a novel type's usual code comes from them).
    pub codes: Vec<String>,
    /// The sentence model's features ([`super::sentence::words`]) and the features the
    /// instances share ([`super::features::instances`]).
    pub words: Vec<u64>,
    pub shared: Vec<u64>,
    /// Where the sentence was published (its outlet): cross-validation leaves one outlet out at
    /// a time, so thresholds are chosen on scores of press the model did not learn from.
    pub group: String,
}

#[derive(Debug, Clone)]
pub struct TrainOptions {
    pub epochs: usize,
    pub rate: f64,
    pub l2: f64,
    /// Features seen in fewer instances are dropped.
    pub min_count: usize,
    /// The threshold is the one with the best cross-validated F1 among those reaching this precision.
    pub min_precision: f64,
    /// Types whose own threshold is chosen at a precision floor this much off `min_precision`.
    pub type_precision_offset: Vec<(String, f64)>,
}

impl TrainOptions {
    /// The precision floor of type `kind`'s own threshold.
    pub fn min_precision_of(&self, kind: &str) -> f64 {
        let offset = self.type_precision_offset.iter().find(|(k, _)| k == kind);
        self.min_precision + offset.map_or(0.0, |&(_, d)| d)
    }
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 12,
            rate: 0.02,
            l2: 1e-3,
            min_count: 2,
            min_precision: 0.71,
            // PROTEST on a press the model never read stays under the floor (F1 0.50)
            // at 0.71: leaving one outlet out, 0.65 takes its F1 0.53 -> 0.56 (P 0.68) with the
            // overall precision still 0.72, and pan-Arab -> ANT PROTEST 0.43 -> 0.48 (P 0.76).
            type_precision_offset: vec![("PROTEST".to_string(), -0.06)],
        }
    }
}

/// Cross-validated figures of the chosen threshold (sentence × type decisions).
#[derive(Debug, Clone, Default)]
pub struct TrainReport {
    pub sentences: usize,
    pub instances: usize,
    pub positives: usize,
    pub features: usize,
    /// How the cross-validation folds were made (`leave-one-outlet-out (6 outlets)`, `5-fold`).
    pub folds: String,
    /// The threshold of types without their own.
    pub threshold: f64,
    pub cv_precision: f64,
    pub cv_recall: f64,
    pub cv_f1: f64,
    /// Recall of the rules alone (gold types that have an instance at all).
    pub candidate_recall: f64,
    /// …and with the sentence model's novel instances: the detector's ceiling.
    pub stacked_recall: f64,
    /// The sentence model alone, cross-validated, each type at score 0.5: P, R, F1 (statements apart).
    pub sentence_cv: (f64, f64, f64),
    /// Per example, the cross-validated score of each of its (stacked) instances, with the
    /// instance's type and whether it is novel (error analysis on train).
    pub out_of_fold: OutOfFold,
    /// Per type at the chosen threshold: (type, P, R, F1).
    pub by_type: Vec<(String, f64, f64, f64)>,
    /// (threshold, precision, recall) every 0.1.
    pub curve: Vec<(f64, f64, f64)>,
}

fn label(x: &Instance, gold: &[String]) -> f64 {
    if gold.contains(&x.kind) {
        1.0
    } else {
        0.0
    }
}

/// The distinct outlets of the examples, sorted.
fn outlets(examples: &[Example]) -> Vec<&str> {
    let mut groups: Vec<&str> = examples.iter().map(|e| e.group.as_str()).collect();
    groups.sort_unstable();
    groups.dedup();
    groups
}

/// Each example's cross-validation fold and the number of folds. With three outlets or more, a
/// fold is an outlet (leave one outlet out): the scores thresholds are chosen on are then those
/// of a press the model never saw, as on the news it will meet. Otherwise five folds over a
/// fixed shuffle.
pub(crate) fn folds(examples: &[Example], seed: u64) -> (Vec<usize>, usize) {
    let groups = outlets(examples);
    if groups.len() >= 3 {
        let fold = examples
            .iter()
            .map(|e| groups.binary_search(&e.group.as_str()).unwrap_or(0))
            .collect();
        return (fold, groups.len());
    }
    let mut fold = vec![0; examples.len()];
    for (k, &i) in shuffled(examples.len(), seed).iter().enumerate() {
        fold[i] = k % 5;
    }
    (fold, 5)
}

/// What [`folds`] makes of these examples, in words.
fn fold_kind(examples: &[Example]) -> String {
    match outlets(examples).len() {
        k if k >= 3 => format!("leave-one-outlet-out ({k} outlets)"),
        _ => "5-fold".into(),
    }
}

/// A small deterministic generator for the example order.
pub(crate) fn shuffled(n: usize, seed: u64) -> Vec<usize> {
    let mut s = seed;
    let mut v: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        v.swap(i, (s % (i as u64 + 1)) as usize);
    }
    v
}

fn fit(examples: &[&Example], opts: &TrainOptions) -> HashMap<u64, f64> {
    let mut count: HashMap<u64, usize> = HashMap::new();
    for e in examples {
        for x in &e.instances {
            for f in &x.features {
                *count.entry(*f).or_insert(0) += 1;
            }
        }
    }
    let mut w: HashMap<u64, f64> = HashMap::new();
    let pairs: Vec<(&Instance, f64)> = examples
        .iter()
        .flat_map(|e| e.instances.iter().map(|x| (x, label(x, &e.gold))))
        .collect();
    for epoch in 0..opts.epochs {
        let rate = opts.rate / (1.0 + epoch as f64 * 0.5);
        for &i in &shuffled(pairs.len(), 0x9E37_79B9_7F4A_7C15 ^ epoch as u64) {
            let (x, y) = pairs[i];
            let feats: Vec<u64> = x
                .features
                .iter()
                .copied()
                .filter(|f| count.get(f).copied().unwrap_or(0) >= opts.min_count)
                .collect();
            let z: f64 = feats.iter().map(|f| w.get(f).copied().unwrap_or(0.0)).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            let g = p - y;
            for f in feats {
                let v = w.entry(f).or_insert(0.0);
                *v -= rate * (g + opts.l2 * *v);
            }
        }
    }
    // Weights this small change no decision; dropping them keeps the table small and fast.
    w.retain(|_, v| v.abs() >= 2e-3);
    w
}

fn prob(w: &HashMap<u64, f64>, x: &Instance) -> f64 {
    let z: f64 = x.features.iter().filter_map(|f| w.get(f)).sum();
    1.0 / (1.0 + (-z).exp())
}

/// Precision, recall, F1 of "emit the type when its score ≥ t" over scored instances
/// (`(score, label)`) plus `unreachable` gold types that no instance proposes.
pub fn prf_at(scored: &[(f64, f64)], unreachable: usize, t: f64) -> (f64, f64, f64) {
    let mut c = crate::eval::Prf::default();
    for &(p, y) in scored {
        match (p >= t, y > 0.5) {
            (true, true) => c.tp += 1,
            (true, false) => c.fp += 1,
            (false, true) => c.fn_ += 1,
            (false, false) => {}
        }
    }
    c.fn_ += unreachable;
    c.finish();
    (c.precision, c.recall, c.f1)
}

/// One cross-validated decision: the instance's type, its out-of-fold score and its label.
struct Scored {
    kind: String,
    p: f64,
    y: f64,
    clean: bool,
    specific: bool,
    novel: bool,
}

/// Per example, each instance's (type, novel, out-of-fold score).
pub type OutOfFold = Vec<Vec<(String, bool, f64)>>;

/// Out-of-fold scores of every instance (the folds of [`folds`]), the
/// gold types no instance proposes (per type), and each example's scores.
fn cross_validate(
    examples: &[Example],
    opts: &TrainOptions,
) -> (Vec<Scored>, HashMap<String, usize>, OutOfFold) {
    let (of, k) = folds(examples, 20261206);
    let mut scored = Vec::new();
    let mut unreach: HashMap<String, usize> = HashMap::new();
    let mut oof: OutOfFold = vec![Vec::new(); examples.len()];
    for fold in 0..k {
        let train: Vec<&Example> = (0..examples.len())
            .filter(|&i| of[i] != fold)
            .map(|i| &examples[i])
            .collect();
        let w = fit(&train, opts);
        for i in (0..examples.len()).filter(|&i| of[i] == fold) {
            let e = &examples[i];
            for g in e
                .gold
                .iter()
                .filter(|g| !e.instances.iter().any(|x| &x.kind == *g))
            {
                *unreach.entry(g.clone()).or_insert(0) += 1;
            }
            for x in &e.instances {
                let p = prob(&w, x);
                scored.push(Scored {
                    kind: x.kind.clone(),
                    p,
                    y: label(x, &e.gold),
                    clean: x.clean,
                    specific: x.specific,
                    novel: x.novel,
                });
                oof[i].push((x.kind.clone(), x.novel, p));
            }
        }
    }
    (scored, unreach, oof)
}

/// The threshold with the best F1 among those reaching `min_precision`; `None` when none does.
fn choose_precise(scored: &[(f64, f64)], unreachable: usize, min_precision: f64) -> Option<f64> {
    let grid: Vec<f64> = (4..=38).map(|k| k as f64 * 0.025).collect();
    grid.iter()
        .copied()
        .filter(|&t| prf_at(scored, unreachable, t).0 >= min_precision)
        .max_by(|a, b| {
            prf_at(scored, unreachable, *a)
                .2
                .total_cmp(&prf_at(scored, unreachable, *b).2)
        })
}

/// The threshold with the best F1 among those reaching `min_precision` (else the best F1).
fn choose(scored: &[(f64, f64)], unreachable: usize, min_precision: f64) -> f64 {
    choose_precise(scored, unreachable, min_precision)
        .or_else(|| choose_precise(scored, unreachable, 0.0))
        .unwrap_or(0.5)
}

/// Types with at least this many cross-validated positives get their own threshold.
const OWN_THRESHOLD: usize = 40;

/// Trains on `examples`; `about` lines go into the model file's header.
pub fn train(
    examples: &[Example],
    opts: &TrainOptions,
    about: Vec<String>,
) -> (Detector, TrainReport) {
    let sopts = SentenceOptions::default();
    let (types, codes) = usual_codes(examples);
    let sent_oof = sentence_out_of_fold(examples, &types, &codes, &sopts);
    let rules_found = found_types(examples);
    let stacked: Vec<Example> = examples
        .iter()
        .zip(&sent_oof)
        .map(|(e, p)| Example {
            instances: super::stack::augment(&e.instances, &e.shared, &types, p),
            ..e.clone()
        })
        .collect();
    let examples = &stacked[..];
    let (scored, unreach, oof) = cross_validate(examples, opts);
    let pairs = |f: &dyn Fn(&str) -> bool| -> Vec<(f64, f64)> {
        scored
            .iter()
            .filter(|s| f(&s.kind))
            .map(|s| (s.p, s.y))
            .collect()
    };
    let missing = |f: &dyn Fn(&str) -> bool| -> usize {
        unreach.iter().filter(|(k, _)| f(k)).map(|(_, n)| n).sum()
    };
    let not_statement = |k: &str| k != "STATEMENT";
    let global = choose(
        &pairs(&not_statement),
        missing(&not_statement),
        opts.min_precision,
    );
    let mut kinds: Vec<String> = scored
        .iter()
        .map(|s| s.kind.clone())
        .chain(unreach.keys().cloned())
        .collect();
    kinds.sort();
    kinds.dedup();
    let mut thresholds = std::collections::BTreeMap::new();
    for k in &kinds {
        let sub = pairs(&|x| x == k);
        // A type with enough data that no threshold makes precise enough is not emitted (1.0).
        if sub.iter().filter(|(_, y)| *y > 0.5).count() >= OWN_THRESHOLD {
            let t =
                choose_precise(&sub, missing(&|x| x == k), opts.min_precision_of(k)).unwrap_or(1.0);
            thresholds.insert(k.clone(), t);
        }
    }
    let at = |k: &str| thresholds.get(k).copied().unwrap_or(global);
    // Instances from the most specific rules get their own threshold when the data make one
    // precise enough (never above their type's); so do types only the sentence model put
    // forward (pooled with the rules' instances, they rode far below the precision asked for).
    let own = |pick: &dyn Fn(&Scored) -> bool| {
        let pairs: Vec<(f64, f64)> = scored
            .iter()
            .filter(|s| pick(s) && s.kind != "STATEMENT")
            .map(|s| (s.p, s.y))
            .collect();
        choose_precise(&pairs, 0, opts.min_precision).unwrap_or(1.0)
    };
    let specific = own(&|s| s.specific);
    let novel = own(&|s| s.novel);
    // Overriding every rule that would drop a type's candidates takes a strong score.
    // (0.6 instead: cross-validated P 0.744 R 0.401; 0.7: P 0.756 R 0.387 — precision first.)
    let strong = (global + 0.25).max(0.7);
    let bars = super::model::Bars {
        specific,
        strong,
        novel,
    };
    let bar =
        |s: &Scored| super::model::bar(&s.kind, at(&s.kind), (s.clean, s.specific, s.novel), bars);
    // Decisions at each instance's own bar: shifting scores by it lets one cut-off (1.0) serve.
    let decided = |f: &dyn Fn(&str) -> bool| -> Vec<(f64, f64)> {
        scored
            .iter()
            .filter(|s| f(&s.kind))
            .map(|s| (s.p - bar(s) + 1.0, s.y))
            .collect()
    };
    let (p, r, f) = prf_at(&decided(&not_statement), missing(&not_statement), 1.0);
    let by_type: Vec<(String, f64, f64, f64)> = kinds
        .iter()
        .map(|k| {
            let (tp, tr, tf) = prf_at(&decided(&|x| x == k), missing(&|x| x == k), 1.0);
            (k.clone(), tp, tr, tf)
        })
        .collect();
    let all: Vec<&Example> = examples.iter().collect();
    let w = fit(&all, opts);
    let positives = scored.iter().filter(|s| s.y > 0.5).count();
    let gold_total = positives + unreach.values().sum::<usize>();
    let report = TrainReport {
        sentences: examples.len(),
        folds: fold_kind(examples),
        instances: scored.len(),
        positives,
        features: w.len(),
        threshold: global,
        cv_precision: p,
        cv_recall: r,
        cv_f1: f,
        out_of_fold: oof,
        by_type,
        curve: (1..10)
            .map(|k| {
                let t = k as f64 / 10.0;
                let (p, r, _) = prf_at(&pairs(&not_statement), missing(&not_statement), t);
                (t, p, r)
            })
            .collect(),
        candidate_recall: rules_found as f64 / gold_total.max(1) as f64,
        stacked_recall: positives as f64 / gold_total.max(1) as f64,
        sentence_cv: sentence_prf(examples, &types, &sent_oof),
    };
    let mut about = about;
    about.push(format!(
        "{} sentences, {} instances ({} positive); CV {}, event types without statements: P {:.3} R {:.3} F1 {:.3}",
        report.sentences, report.instances, report.positives, report.folds, p, r, f
    ));
    let det = Detector {
        weights: w.into_iter().map(|(k, v)| (k, v as f32)).collect(),
        threshold: global as f32,
        thresholds: thresholds.into_iter().map(|(k, v)| (k, v as f32)).collect(),
        strong: strong as f32,
        specific: specific as f32,
        novel: novel as f32,
        about,
        sentence: {
            let data: Vec<(&[u64], &[String])> = examples
                .iter()
                .map(|e| (&e.words[..], &e.gold[..]))
                .collect();
            SentenceModel::train(&data, types, codes, &sopts)
        },
    };
    (det, report)
}

/// The event types of the gold, sorted, each with the CAMEO code its events have most often
/// (the smallest code among equals).
fn usual_codes(examples: &[Example]) -> (Vec<String>, Vec<String>) {
    let mut by_type: std::collections::BTreeMap<String, HashMap<&str, usize>> = Default::default();
    for e in examples {
        for c in &e.codes {
            *by_type
                .entry(super::event_type(c).to_string())
                .or_default()
                .entry(c)
                .or_insert(0) += 1;
        }
    }
    by_type
        .into_iter()
        .filter_map(|(t, counts)| {
            let best = counts
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))?;
            Some((t, best.0.to_string()))
        })
        .unzip()
}

/// Gold types (statements included) that some rule instance proposes.
fn found_types(examples: &[Example]) -> usize {
    examples
        .iter()
        .map(|e| {
            e.gold
                .iter()
                .filter(|g| e.instances.iter().any(|x| &x.kind == *g))
                .count()
        })
        .sum()
}

/// Each example's sentence-model scores from a model trained on the other four folds.
fn sentence_out_of_fold(
    examples: &[Example],
    types: &[String],
    codes: &[String],
    sopts: &SentenceOptions,
) -> Vec<Vec<f32>> {
    let (of, k) = folds(examples, 0x5E17_7E5C);
    let mut out = vec![Vec::new(); examples.len()];
    for fold in 0..k {
        let data: Vec<(&[u64], &[String])> = (0..examples.len())
            .filter(|&i| of[i] != fold)
            .map(|i| (&examples[i].words[..], &examples[i].gold[..]))
            .collect();
        let m = SentenceModel::train(&data, types.to_vec(), codes.to_vec(), sopts);
        for i in (0..examples.len()).filter(|&i| of[i] == fold) {
            out[i] = m.scores(&examples[i].words);
        }
    }
    out
}

/// The sentence model alone, out of fold, each type at 0.5 (statements apart).
fn sentence_prf(examples: &[Example], types: &[String], p: &[Vec<f32>]) -> (f64, f64, f64) {
    let mut c = crate::eval::Prf::default();
    for (e, p) in examples.iter().zip(p) {
        for (t, &pt) in types
            .iter()
            .zip(p)
            .filter(|(t, _)| t.as_str() != "STATEMENT")
        {
            match (pt >= 0.5, e.gold.contains(t)) {
                (true, true) => c.tp += 1,
                (true, false) => c.fp += 1,
                (false, true) => c.fn_ += 1,
                _ => {}
            }
        }
    }
    c.finish();
    (c.precision, c.recall, c.f1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inst(kind: &str, f: &[&str]) -> Instance {
        Instance {
            kind: kind.into(),
            features: f
                .iter()
                .map(|s| crate::detector::features::hash(&[s]))
                .collect(),
            clean: true,
            specific: false,
            novel: false,
        }
    }

    fn from(group: &str) -> Example {
        Example {
            instances: vec![],
            gold: vec![],
            codes: vec![],
            words: vec![],
            shared: vec![],
            group: group.into(),
        }
    }

    #[test]
    fn folds_leave_one_outlet_out_from_three_outlets() {
        let ex: Vec<Example> = ["BBC", "CNN", "BBC", "Jawhara FM", "CNN"].map(from).into();
        assert_eq!(folds(&ex, 1), (vec![0, 1, 0, 2, 1], 3));
        assert_eq!(fold_kind(&ex), "leave-one-outlet-out (3 outlets)");
        // Two outlets: five folds over a shuffle, each sentence in one.
        let two: Vec<Example> = (0..10).map(|k| from(["BBC", "CNN"][k % 2])).collect();
        let (f, k) = folds(&two, 1);
        assert_eq!(k, 5);
        assert!((0..5).all(|fold| f.iter().filter(|&&x| x == fold).count() == 2));
        assert_eq!(fold_kind(&two), "5-fold");
    }

    #[test]
    fn learns_a_separable_cue_and_is_deterministic() {
        let mut ex = Vec::new();
        for k in 0..60 {
            let neg = k % 2 == 0;
            ex.push(Example {
                instances: vec![inst(
                    "ASSAULT",
                    &["bias", if neg { "c:neg3" } else { "w:قتل" }],
                )],
                gold: if neg { vec![] } else { vec!["ASSAULT".into()] },
                codes: if neg { vec![] } else { vec!["190".into()] },
                words: vec![],
                shared: vec![],
                group: String::new(),
            });
        }
        let opts = TrainOptions {
            rate: 0.2,
            epochs: 30,
            ..TrainOptions::default()
        };
        let (d, r) = train(&ex, &opts, vec!["test".into()]);
        assert!(r.cv_f1 > 0.9, "{r:?}");
        assert!(d.score(&inst("ASSAULT", &["bias", "w:قتل"])) > 0.8);
        assert!(d.score(&inst("ASSAULT", &["bias", "c:neg3"])) < 0.2);
        let (d2, _) = train(&ex, &opts, vec!["test".into()]);
        assert_eq!(d.to_gz(), d2.to_gz());
        let back = Detector::from_gz(&d.to_gz()).unwrap();
        assert_eq!(back.to_tsv(), d.to_tsv());
    }
}
