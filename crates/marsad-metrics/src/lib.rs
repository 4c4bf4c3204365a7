//! Precision, recall and F1 with one meaning, shared by every `marsad eval` (entities, events,
//! near-duplicates) and by training (threshold choice).
//!
//! The meaning: precision = tp / (tp + fp), recall = tp / (tp + fn), F1 their harmonic mean; a
//! ratio whose denominator is zero is 0 (nothing predicted is no evidence of precision).
//! What it is not: it decides nothing about what counts as a true positive; each evaluation
//! says that in its own doc.

use serde::Serialize;

/// Counts and the scores they give ([`Prf::finish`] or [`Prf::of`] fills the scores).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Prf {
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    /// The scores of these counts.
    pub fn of(tp: usize, fp: usize, fn_: usize) -> Prf {
        let mut p = Prf {
            tp,
            fp,
            fn_,
            ..Prf::default()
        };
        p.finish();
        p
    }

    /// Fills precision, recall and F1 from the counts.
    pub fn finish(&mut self) {
        self.precision = ratio(self.tp, self.tp + self.fp);
        self.recall = ratio(self.tp, self.tp + self.fn_);
        self.f1 = f1(self.precision, self.recall);
    }
}

/// (precision, recall, F1) of `correct` items among `gold` expected and `predicted` produced.
pub fn prf(correct: usize, gold: usize, predicted: usize) -> (f64, f64, f64) {
    let p = ratio(correct, predicted);
    let r = ratio(correct, gold);
    (p, r, f1(p, r))
}

/// The harmonic mean of precision and recall (0 when both are 0).
pub fn f1(precision: f64, recall: f64) -> f64 {
    if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    }
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        n as f64 / d as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_meaning_for_every_evaluation() {
        let p = Prf::of(3, 1, 2);
        assert_eq!((p.precision, p.recall), (0.75, 0.6));
        assert!((p.f1 - 2.0 * 0.75 * 0.6 / 1.35).abs() < 1e-12);
        assert_eq!(prf(3, 5, 4), (p.precision, p.recall, p.f1));
        // Nothing predicted, nothing expected: no evidence, so 0, never 1.
        assert_eq!(Prf::of(0, 0, 0).precision, 0.0);
        assert_eq!(prf(0, 0, 0), (0.0, 0.0, 0.0));
        assert_eq!(f1(0.0, 0.0), 0.0);
    }

    #[test]
    fn serialises_fn_as_fn() {
        let v = serde_json::to_value(Prf::of(1, 0, 1)).unwrap();
        assert_eq!(v["fn"], 1);
        assert!(v.get("fn_").is_none());
    }
}
