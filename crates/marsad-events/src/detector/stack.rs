//! Stacking: the sentence model's scores ([`super::sentence`]) joined to the detector's instances.
//!
//! What it is for: one function, used the same way in training (with out-of-fold scores) and at
//! run time (with the shipped model's), that (1) adds to each proposed instance the bucket of its
//! type's sentence score, and (2) adds a *novel* instance for each type the sentence model finds
//! likely but no rule proposed, in a sentence where the rules proposed something. The detector
//! then weighs both kinds like any other feature, and its thresholds are chosen over both.
//! What it is not: it decides nothing and builds no events (the coder re-codes a novel type from
//! one of the sentence's proposed events, [`crate::coder::decide`]).

use super::features::{hash, join, num, Instance};

/// A type the rules did not propose becomes a candidate from this sentence score up.
pub const NOVEL_MIN: f32 = 0.5;

const EDGES: [f32; 10] = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

fn bucket(p: f32) -> usize {
    EDGES.iter().filter(|e| p >= **e).count()
}

/// The sentence-score features of an instance of `kind` (alone and joined to the type).
fn score_features(f: &mut Vec<u64>, kind: &str, p: f32, novel: bool) {
    let k = hash(&[kind]);
    let b = num(if novel { "sp-novel" } else { "sp" }, bucket(p));
    f.push(b);
    f.push(join(k, b));
    if novel {
        let n = hash(&["novel"]);
        f.push(n);
        f.push(join(k, n));
    }
}

/// `instances` with their sentence scores, plus the novel instances. `shared` holds the
/// sentence's features common to every type ([`super::features::instances`]); `types` and
/// `p` are the sentence model's types and this sentence's scores.
pub fn augment(
    instances: &[Instance],
    shared: &[u64],
    types: &[String],
    p: &[f32],
) -> Vec<Instance> {
    let score = |kind: &str| {
        types
            .iter()
            .zip(p)
            .find(|(t, _)| t.as_str() == kind)
            .map_or(0.0, |(_, s)| *s)
    };
    let mut out: Vec<Instance> = instances
        .iter()
        .map(|x| {
            let mut y = x.clone();
            score_features(&mut y.features, &x.kind, score(&x.kind), false);
            y
        })
        .collect();
    if instances.is_empty() {
        return out;
    }
    for (t, &pt) in types.iter().zip(p) {
        if pt < NOVEL_MIN || instances.iter().any(|x| &x.kind == t) {
            continue;
        }
        let k = hash(&[t]);
        let mut f = shared.to_vec();
        f.extend(shared.iter().map(|s| join(k, *s)));
        score_features(&mut f, t, pt, true);
        out.push(Instance {
            kind: t.clone(),
            features: f,
            clean: true,
            specific: false,
            novel: true,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inst(kind: &str) -> Instance {
        Instance {
            kind: kind.into(),
            features: vec![hash(&["x"])],
            clean: true,
            specific: false,
            novel: false,
        }
    }

    #[test]
    fn adds_scores_and_only_likely_unproposed_types() {
        let types: Vec<String> = ["ACCUSE", "ASSAULT", "PROTEST"].map(String::from).into();
        let out = augment(
            &[inst("ASSAULT")],
            &[hash(&["bias"])],
            &types,
            &[0.6, 0.9, 0.3],
        );
        let kinds: Vec<(&str, bool)> = out.iter().map(|x| (x.kind.as_str(), x.novel)).collect();
        assert_eq!(kinds, vec![("ASSAULT", false), ("ACCUSE", true)]);
        assert!(out[0].features.len() > 1);
        // No proposal at all: no novel instance either (there is no event to re-code).
        assert!(augment(&[], &[], &types, &[0.9, 0.9, 0.9]).is_empty());
    }
}
