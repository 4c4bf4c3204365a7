//! Pairwise precision, recall and F1 for near-duplicate detection (`marsad eval dedup`).

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

/// Scores of a set of predicted pairs against gold pairs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Prf {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// A pair in canonical order (smaller id first), as [`pairs_prf`] expects.
pub fn pair(a: &str, b: &str) -> (String, String) {
    if a <= b {
        (a.to_string(), b.to_string())
    } else {
        (b.to_string(), a.to_string())
    }
}

/// Every pair within each group (for turning `NearDupIndex::groups` into predicted pairs).
pub fn group_pairs<S: AsRef<str>>(groups: &[Vec<S>]) -> HashSet<(String, String)> {
    let mut out = HashSet::new();
    for g in groups {
        for i in 0..g.len() {
            for j in i + 1..g.len() {
                out.insert(pair(g[i].as_ref(), g[j].as_ref()));
            }
        }
    }
    out
}

/// Pairwise P/R/F1. Gold is `(a, b, is_duplicate)`, in any order:
/// - a gold pair marked `true` is a duplicate: predicted → TP, missed → FN;
/// - a gold pair marked `false` is *ambiguous* and not scored either way (for example two
///   originals of a corpus that share a paragraph: neither answer is wrong);
/// - a predicted pair absent from gold is a false positive: the gold lists every duplicate.
///
/// Pairs are compared in canonical order, so `(a, b)` and `(b, a)` are the same pair.
pub fn pairs_prf(predicted: &HashSet<(String, String)>, gold: &[(String, String, bool)]) -> Prf {
    let mut pos: HashSet<(String, String)> = HashSet::new();
    let mut ignore: HashSet<(String, String)> = HashSet::new();
    for (a, b, dup) in gold {
        if *dup {
            pos.insert(pair(a, b));
        } else {
            ignore.insert(pair(a, b));
        }
    }
    let mut tp = 0;
    let mut fp = 0;
    for (a, b) in predicted {
        let p = pair(a, b);
        if pos.contains(&p) {
            tp += 1;
        } else if !ignore.contains(&p) {
            fp += 1;
        }
    }
    let fn_ = pos.len() - tp;
    let precision = if tp + fp == 0 {
        1.0
    } else {
        tp as f64 / (tp + fp) as f64
    };
    let recall = if pos.is_empty() {
        1.0
    } else {
        tp as f64 / pos.len() as f64
    };
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    Prf {
        tp,
        fp,
        fn_,
        precision,
        recall,
        f1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts() {
        let s = |a: &str, b: &str| (a.to_string(), b.to_string());
        let predicted: HashSet<_> = [s("b", "a"), s("c", "d"), s("x", "y")]
            .into_iter()
            .collect();
        let gold = vec![
            ("a".into(), "b".into(), true),
            ("e".into(), "f".into(), true),
            ("x".into(), "y".into(), false),
        ];
        let p = pairs_prf(&predicted, &gold);
        assert_eq!((p.tp, p.fp, p.fn_), (1, 1, 1));
        assert!((p.f1 - 0.5).abs() < 1e-9);
        let g = group_pairs(&[vec!["a", "b", "c"]]);
        assert_eq!(g.len(), 3);
        assert!(g.contains(&pair("c", "a")));
    }
}
