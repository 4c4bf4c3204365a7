//! Pairwise precision, recall and F1 for near-duplicate detection (`marsad eval dedup`).

use std::collections::HashSet;

/// Scores of a set of predicted pairs against gold pairs ([`marsad_metrics::Prf`]).
pub use marsad_metrics::Prf;

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

/// Pairwise P/R/F1 of `predicted` duplicate pairs against labelled pairs `(a, b, is_duplicate)`,
/// the one meaning of `marsad eval dedup` and `marsad bench dedup`:
/// - a pair labelled duplicate is a TP when predicted, an FN when not;
/// - a pair labelled not duplicate is an FP when predicted;
/// - a predicted pair nobody labelled is an FP when the gold is `complete` (it lists every
///   duplicate among its ids, as `bench gen` writes it), and not scored otherwise.
///
/// Pairs are compared in canonical order, so `(a, b)` and `(b, a)` are the same pair; a pair
/// labelled twice counts once (its first label).
pub fn pairs_prf(
    predicted: &HashSet<(String, String)>,
    gold: &[(String, String, bool)],
    complete: bool,
) -> Prf {
    let predicted: HashSet<(String, String)> = predicted.iter().map(|(a, b)| pair(a, b)).collect();
    let mut labelled: HashSet<(String, String)> = HashSet::new();
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    for (a, b, dup) in gold {
        let p = pair(a, b);
        if !labelled.insert(p.clone()) {
            continue;
        }
        match (*dup, predicted.contains(&p)) {
            (true, true) => tp += 1,
            (true, false) => fn_ += 1,
            (false, true) => fp += 1,
            (false, false) => {}
        }
    }
    if complete {
        fp += predicted.iter().filter(|p| !labelled.contains(*p)).count();
    }
    Prf::of(tp, fp, fn_)
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
        // Labelled: a-b found (TP), e-f missed (FN), x-y labelled distinct but predicted (FP);
        // c-d is unlabelled: an FP only when the gold is complete.
        let p = pairs_prf(&predicted, &gold, false);
        assert_eq!((p.tp, p.fp, p.fn_), (1, 1, 1));
        assert!((p.f1 - 0.5).abs() < 1e-9);
        let p = pairs_prf(&predicted, &gold, true);
        assert_eq!((p.tp, p.fp, p.fn_), (1, 2, 1));
        let g = group_pairs(&[vec!["a", "b", "c"]]);
        assert_eq!(g.len(), 3);
        assert!(g.contains(&pair("c", "a")));
    }
}
