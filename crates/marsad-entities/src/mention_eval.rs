//! Scoring the whole entity pipeline (KB matches, tagger, linking) against named-entity gold:
//! what an analyst sees in `analyze --json`, not the tagger alone (that is
//! [`crate::tagger::evaluate`]).
//!
//! Only `kind: name` mentions are counted, as named-entity gold counts names: a nisba adjective
//! (الروسي), a role (الرئيس الروسي) or a short reference tied back is not a name. The report also
//! says what counting every kind would score, so the gain of the kinds is visible.
//!
//! Gold sentences are CoNLL tokens; the text analysed is their display forms joined by single
//! spaces, and a mention maps to the tokens it touches (a mention inside a token, such as a
//! name after a clitic the gold does not split, counts as that token).

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

use crate::link::{FoundEntity, MentionKind};
use crate::tagger::eval::prf;
use crate::tagger::Sentence;
use crate::tagger::{chunks, TypeScore};

/// The pipeline's figures on one gold file.
#[derive(Debug, Clone, Default, Serialize)]
pub struct MentionReport {
    pub sentences: usize,
    /// Typed (PER, LOC, ORG, MISC), exact tokens, `name` mentions only.
    pub typed: TypeScore,
    pub per_type: BTreeMap<String, TypeScore>,
    /// PER, LOC and ORG spans with their type ignored, `name` mentions only.
    pub untyped: TypeScore,
    /// The same, counting every kind of mention (what a consumer ignoring `kind` sees).
    pub untyped_all_kinds: TypeScore,
    /// Mentions of each kind the pipeline found.
    pub kinds: BTreeMap<String, usize>,
    /// Every typed miss and spurious name, in sentence order (error analysis on a dev file).
    #[serde(skip)]
    pub errors: Vec<MentionError>,
}

/// A gold name the pipeline missed, or a name it found that the gold does not have.
#[derive(Debug, Clone)]
pub struct MentionError {
    pub sentence: usize,
    pub missed: bool,
    pub text: String,
    pub kind: String,
}

/// The gold type a label counts as (`None`: not scored). Wojood's GPE is a place.
pub fn gold_type(label: &str) -> Option<&'static str> {
    match label {
        "PERS" | "PER" => Some("PER"),
        "LOC" | "GPE" => Some("LOC"),
        "ORG" => Some("ORG"),
        "MISC" => Some("MISC"),
        _ => None,
    }
}

/// Byte ranges of the tokens in the space-joined sentence.
fn token_ranges(tokens: &[String]) -> Vec<(usize, usize)> {
    let mut pos = 0;
    tokens
        .iter()
        .map(|t| {
            let r = (pos, pos + t.len());
            pos += t.len() + 1;
            r
        })
        .collect()
}

/// Tokens `first..last+1` touched by bytes `start..end`.
fn tokens_of(ranges: &[(usize, usize)], start: usize, end: usize) -> Option<(usize, usize)> {
    let first = ranges.iter().position(|&(_, e)| e > start)?;
    let last = ranges.iter().rposition(|&(s, _)| s < end)?;
    (first <= last).then_some((first, last + 1))
}

#[derive(Default)]
struct Count {
    gold: usize,
    predicted: usize,
    correct: usize,
}

impl Count {
    fn add(&mut self, gold: &Spans, found: &Spans) {
        self.gold += gold.len();
        self.predicted += found.len();
        self.correct += found.intersection(gold).count();
    }

    fn score(&self) -> TypeScore {
        let (precision, recall, f1) = prf(self.correct, self.gold, self.predicted);
        TypeScore {
            precision,
            recall,
            f1,
            gold: self.gold,
            predicted: self.predicted,
            correct: self.correct,
        }
    }
}

type Spans = HashSet<(usize, usize, String)>;

/// Gold spans of a sentence (`tokens` are the display forms the pipeline saw).
fn gold_spans(s: &Sentence) -> Spans {
    chunks(&s.tags)
        .into_iter()
        .filter_map(|c| gold_type(&c.label).map(|t| (c.start, c.end, t.to_string())))
        .collect()
}

/// Found spans of a sentence: (name mentions, mentions of every kind).
fn found_spans(
    tokens: &[String],
    found: &[FoundEntity],
    kinds: &mut BTreeMap<String, usize>,
) -> (Spans, Spans) {
    let ranges = token_ranges(tokens);
    let (mut names, mut all) = (Spans::new(), Spans::new());
    for e in found {
        for m in &e.mentions {
            *kinds.entry(m.kind.as_str().to_string()).or_default() += 1;
            let Some((a, b)) = tokens_of(&ranges, m.start, m.end) else {
                continue;
            };
            let span = (a, b, e.kind.clone());
            if m.kind == MentionKind::Name {
                names.insert(span.clone());
            }
            all.insert(span);
        }
    }
    (names, all)
}

fn untyped(spans: &Spans) -> Spans {
    spans
        .iter()
        .filter(|s| matches!(s.2.as_str(), "PER" | "LOC" | "ORG"))
        .map(|s| (s.0, s.1, String::new()))
        .collect()
}

/// The display forms of the gold sentences' tokens, token by token (so the gold's token
/// boundaries stay where they are): what the pipeline analyses, joined by single spaces.
pub fn display_tokens(gold: &[Sentence]) -> Vec<Vec<String>> {
    gold.iter()
        .map(|s| {
            s.tokens
                .iter()
                .map(|t| marsad_text::normalize_display(t))
                .collect()
        })
        .collect()
}

/// The entities of an article of `paragraphs` paragraphs split by paragraph: entry `i` holds
/// each entity with a mention in paragraph `i`, with those mentions only (so that gold sentences
/// analysed together as one article's paragraphs are scored one by one).
pub fn by_paragraph(entities: &[FoundEntity], paragraphs: usize) -> Vec<Vec<FoundEntity>> {
    (0..paragraphs)
        .map(|pi| {
            entities
                .iter()
                .filter(|e| e.mentions.iter().any(|m| m.paragraph == pi))
                .map(|e| FoundEntity {
                    mentions: e
                        .mentions
                        .iter()
                        .filter(|m| m.paragraph == pi)
                        .cloned()
                        .collect(),
                    ..e.clone()
                })
                .collect()
        })
        .collect()
}

/// Scores `found[i]`, the entities the pipeline found in the space-joined `tokens[i]` (display
/// forms of gold sentence `gold[i]`).
pub fn score_mentions(
    gold: &[Sentence],
    tokens: &[Vec<String>],
    found: &[Vec<FoundEntity>],
) -> MentionReport {
    let mut kinds = BTreeMap::new();
    let (mut typed, mut plain, mut plain_all) =
        (Count::default(), Count::default(), Count::default());
    let mut by_type: BTreeMap<String, Count> = BTreeMap::new();
    let mut errors = Vec::new();
    for (i, ((g, toks), f)) in gold.iter().zip(tokens).zip(found).enumerate() {
        let gs = gold_spans(g);
        let (names, all) = found_spans(toks, f, &mut kinds);
        let error = |missed: bool, s: &(usize, usize, String)| MentionError {
            sentence: i,
            missed,
            text: toks[s.0..s.1].join(" "),
            kind: s.2.clone(),
        };
        errors.extend(gs.difference(&names).map(|s| error(true, s)));
        errors.extend(names.difference(&gs).map(|s| error(false, s)));
        typed.add(&gs, &names);
        for t in ["PER", "LOC", "ORG", "MISC"] {
            let only = |s: &Spans| -> Spans { s.iter().filter(|x| x.2 == t).cloned().collect() };
            by_type
                .entry(t.to_string())
                .or_default()
                .add(&only(&gs), &only(&names));
        }
        plain.add(&untyped(&gs), &untyped(&names));
        plain_all.add(&untyped(&gs), &untyped(&all));
    }
    MentionReport {
        sentences: gold.len(),
        typed: typed.score(),
        per_type: by_type.into_iter().map(|(k, c)| (k, c.score())).collect(),
        untyped: plain.score(),
        untyped_all_kinds: plain_all.score(),
        kinds,
        errors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::{Codes, Mention};

    fn entity(kind: &str, mentions: Vec<(usize, usize, MentionKind)>) -> FoundEntity {
        FoundEntity {
            id: None,
            name: String::new(),
            name_ar: String::new(),
            kind: kind.into(),
            codes: Codes::default(),
            mentions: mentions
                .into_iter()
                .map(|(start, end, kind)| Mention {
                    text: String::new(),
                    paragraph: 0,
                    start,
                    end,
                    kind,
                })
                .collect(),
        }
    }

    #[test]
    fn counts_names_only_and_maps_clitic_mentions_to_their_token() {
        let toks: Vec<String> = ["قال", "الرئيس", "الروسي", "إن", "وأذربيجان", "ترحب"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let gold = Sentence {
            tokens: toks.clone(),
            tags: ["O", "O", "O", "O", "B-LOC", "O"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
        };
        let r = token_ranges(&toks);
        let (az, adj) = (r[4], r[2]);
        // The name is found after its clitic (و + أذربيجان), the nisba is not a name.
        let found = vec![
            entity("LOC", vec![(az.0 + 1, az.1, MentionKind::Name)]),
            entity("LOC", vec![(adj.0, adj.1, MentionKind::Nisba)]),
        ];
        let rep = score_mentions(&[gold], &[toks], &[found]);
        assert_eq!(
            (rep.typed.correct, rep.typed.predicted, rep.typed.gold),
            (1, 1, 1)
        );
        assert_eq!(rep.untyped_all_kinds.predicted, 2);
        assert_eq!(rep.kinds.get("nisba"), Some(&1));
        assert_eq!(gold_type("GPE"), Some("LOC"));
        assert_eq!(gold_type("DATE"), None);
    }
}
