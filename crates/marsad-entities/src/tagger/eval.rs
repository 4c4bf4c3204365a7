//! Entity-level evaluation with conlleval semantics.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};

/// Scores of one entity type.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TypeScore {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
}

/// Micro-averaged entity scores and per-type scores.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NerReport {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub per_type: BTreeMap<String, TypeScore>,
}

/// An entity chunk: tokens `start..end` of type `label`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Chunk {
    pub start: usize,
    pub end: usize,
    pub label: String,
}

fn split_tag(t: &str) -> (char, &str) {
    if t == "O" || t.is_empty() {
        return ('O', "");
    }
    match t.split_once('-') {
        Some((p, ty)) => (p.chars().next().unwrap_or('O'), ty),
        None => ('O', ""),
    }
}

/// The chunks of a BIO sequence, as conlleval finds them: a chunk starts at `B-X`, at `I-X` after
/// `O` or after a tag of another type (and at `E-`/`S-`/`[`, which do not occur here); it ends
/// before `O`, `B-`, or a tag of another type.
pub fn chunks(tags: &[impl AsRef<str>]) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut open: Option<(usize, String)> = None;
    let mut prev = ('O', String::new());
    for (i, t) in tags.iter().enumerate() {
        let (p, ty) = split_tag(t.as_ref());
        // end of chunk (conlleval endOfChunk)
        let ends = matches!(
            (prev.0, p),
            ('B', 'B') | ('B', 'O') | ('I', 'B') | ('I', 'O') | ('E', _) | ('S', _)
        ) || (prev.0 != 'O' && prev.0 != '.' && prev.1 != ty);
        if ends {
            if let Some((s, l)) = open.take() {
                out.push(Chunk {
                    start: s,
                    end: i,
                    label: l,
                });
            }
        }
        // start of chunk (conlleval startOfChunk)
        let starts = p == 'B'
            || p == 'S'
            || (prev.0 == 'E' && p == 'E')
            || (prev.0 == 'E' && p == 'I')
            || (prev.0 == 'S' && p == 'E')
            || (prev.0 == 'S' && p == 'I')
            || (prev.0 == 'O' && p == 'E')
            || (prev.0 == 'O' && p == 'I')
            || (p != 'O' && p != '.' && prev.1 != ty);
        if starts {
            if let Some((s, l)) = open.take() {
                out.push(Chunk {
                    start: s,
                    end: i,
                    label: l,
                });
            }
            open = Some((i, ty.to_string()));
        }
        prev = (p, ty.to_string());
    }
    if let Some((s, l)) = open.take() {
        out.push(Chunk {
            start: s,
            end: tags.len(),
            label: l,
        });
    }
    out
}

/// Precision, recall and F1 from counts (0 where undefined): [`marsad_metrics::prf`].
pub(crate) use marsad_metrics::prf;

/// Entity-level micro precision/recall/F1 (exact type and boundaries) of `predicted` tag
/// sequences against `gold` sentences, with conlleval's chunking ([`chunks`]). A predicted
/// sequence of the wrong length is scored as far as it goes (missing tags count as `O`).
/// Types present in gold or predictions appear in `per_type`.
pub fn evaluate(gold: &[crate::tagger::Sentence], predicted: &[Vec<String>]) -> NerReport {
    let mut counts: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new(); // gold, pred, correct
    let empty: Vec<String> = Vec::new();
    for (k, g) in gold.iter().enumerate() {
        let p = predicted.get(k).unwrap_or(&empty);
        let mut ptags: Vec<&str> = p.iter().map(|s| s.as_str()).take(g.tags.len()).collect();
        while ptags.len() < g.tags.len() {
            ptags.push("O");
        }
        let gc = chunks(&g.tags);
        let pc = chunks(&ptags);
        let gs: HashSet<&Chunk> = gc.iter().collect();
        for c in &gc {
            counts.entry(c.label.clone()).or_default().0 += 1;
        }
        for c in &pc {
            let e = counts.entry(c.label.clone()).or_default();
            e.1 += 1;
            if gs.contains(c) {
                e.2 += 1;
            }
        }
    }
    let mut per_type = BTreeMap::new();
    let (mut tg, mut tp, mut tc) = (0, 0, 0);
    for (label, (g, p, c)) in counts {
        tg += g;
        tp += p;
        tc += c;
        let (precision, recall, f1) = prf(c, g, p);
        per_type.insert(
            label,
            TypeScore {
                precision,
                recall,
                f1,
                gold: g,
                predicted: p,
                correct: c,
            },
        );
    }
    let (precision, recall, f1) = prf(tc, tg, tp);
    NerReport {
        precision,
        recall,
        f1,
        per_type,
    }
}
