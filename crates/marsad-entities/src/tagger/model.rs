//! A trained tagger ([`Model`]) and how it tags: observation features, the first pass's tags as
//! document features, per-token emission scores from the weight table, then Viterbi.
//!
//! Not for training (`train.rs`), the file format (`format.rs`), the weight table's internals
//! (`weights.rs`) or decoding itself (`viterbi.rs`).

use super::features::{doc_base, doc_features_base, with_guide_features, DocBase, FeatureSet};
use super::mem::Mem;
use super::resources::Resources;
use super::text::{tagging_sentences, text_tokens, Span};
use super::viterbi::viterbi;
use super::weights::Weights;
use super::{chunks, Sentence, Tag, NTAGS};
use std::sync::Arc;

/// A trained tagger: weights, transitions and the resources its features read.
#[derive(Clone)]
pub struct Model {
    /// feature hash → weight per tag
    pub(super) weights: Weights,
    /// `trans[p][t]`: previous tag `p` (row `NTAGS` = sentence start) to `t`
    pub(super) trans: [[f32; NTAGS]; NTAGS + 1],
    pub(super) features: FeatureSet,
    pub(super) resources: Arc<Resources>,
    /// the first-pass tagger whose tags feed the document features (None: single stage)
    pub(super) stage1: Option<Arc<Model>>,
    /// subtracted from the score of `O` at every token when decoding: the perceptron is
    /// conservative (precision well above recall), this trades some precision for recall.
    pub(super) o_penalty: f32,
    /// added to the scores of `B-X` and `I-X` for each type X of [`super::LABELS`] when
    /// decoding (per-type recall/precision trade-off, tuned on dev)
    pub(super) type_bias: [f32; 4],
    /// the training set's entity phrases (with [`FeatureSet::MEM`])
    pub(super) mem: Option<Arc<Mem>>,
    /// a tagger trained on another corpus whose tags are features of the final stage
    /// (experiments only: not saved, see [`super::TrainOptions::guide`])
    pub(super) guide: Option<Arc<Model>>,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model")
            .field("features", &self.weights.len())
            .field("feature_set", &self.features)
            .finish()
    }
}
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
            let mut ex = doc_features_base(base, &p1);
            if let Some(g) = &self.guide {
                with_guide_features(&mut ex, &g.tag_sentences(sents));
            }
            ex
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
        self.tag_paragraphs(&[text]).pop().unwrap_or_default()
    }

    /// [`Model::tag_text`] for the paragraphs of one article, tagged together so that each
    /// sentence's tags use what the first pass found in the sentences around it across
    /// paragraphs (a name spelt out in one paragraph informs its surname in the next). Spans are
    /// byte offsets into their own paragraph.
    pub fn tag_paragraphs<S: AsRef<str>>(&self, paragraphs: &[S]) -> Vec<Vec<Span>> {
        let toks: Vec<Vec<(usize, usize)>> =
            paragraphs.iter().map(|p| text_tokens(p.as_ref())).collect();
        // (paragraph, token range) of every sentence, in order
        let mut at = Vec::new();
        let mut sents: Vec<Vec<&str>> = Vec::new();
        for (pi, p) in paragraphs.iter().enumerate() {
            let text = p.as_ref();
            for r in tagging_sentences(text, &toks[pi]) {
                sents.push(
                    toks[pi][r.clone()]
                        .iter()
                        .map(|&(s, e)| &text[s..e])
                        .collect(),
                );
                at.push((pi, r));
            }
        }
        let tagged = self.tag_sentences(&sents);
        let mut out: Vec<Vec<Span>> = vec![Vec::new(); paragraphs.len()];
        for ((pi, r), tags) in at.into_iter().zip(tagged) {
            let tags: Vec<&str> = tags.into_iter().map(|t| t.as_str()).collect();
            for ch in chunks(&tags) {
                let (s, _) = toks[pi][r.start + ch.start];
                let (_, e) = toks[pi][r.start + ch.end - 1];
                out[pi].push(Span {
                    start: s,
                    end: e,
                    label: ch.label,
                });
            }
        }
        out
    }
}
