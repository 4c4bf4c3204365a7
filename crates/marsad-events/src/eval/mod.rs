//! Scoring for `marsad eval events`: (1) an article's `.expected.json` (the seed's format and
//! scoring rule), (2) a sentence-level JSONL gold file scored at root level (and, stricter, with
//! actor countries), (3) the gold corpus format of `data/events/gold` ([`corpus`]).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::event::{Actor, Event};

pub mod agreement;
pub mod corpus;

pub use corpus::{score_corpus, CorpusReport};

#[derive(Debug, Deserialize)]
struct ExpectedFile {
    #[serde(default)]
    events: Vec<ExpectedEvent>,
}

/// One expected event of an `.expected.json` file.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ExpectedEvent {
    pub id: String,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub source: Vec<String>,
    #[serde(default)]
    pub target: Vec<String>,
    #[serde(default)]
    pub roots: Vec<String>,
    #[serde(default)]
    pub date: Option<NaiveDate>,
}

/// The result of [`score_expected`].
#[derive(Debug, Clone, Serialize)]
pub struct ExpectedReport {
    pub required: usize,
    pub found_required: Vec<String>,
    pub missing_required: Vec<String>,
    pub found_optional: Vec<String>,
    /// Indices (into the scored events) of events that match no expected event.
    pub spurious: Vec<usize>,
    pub produced: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// The codes an actor answers to: its country, its code and the code's country prefix.
fn actor_matches(a: &Actor, set: &[String]) -> bool {
    set.iter().any(|e| {
        a.country.as_deref() == Some(e.as_str())
            || a.code
                .as_deref()
                .is_some_and(|c| c == e || c.starts_with(e.as_str()))
    })
}

fn matches(ev: &Event, x: &ExpectedEvent, check_date: bool) -> bool {
    actor_matches(&ev.actor1, &x.source)
        && (x.target.is_empty()
            || ev
                .actor2
                .as_ref()
                .is_some_and(|t| actor_matches(t, &x.target)))
        && x.roots.contains(&ev.root)
        && (!check_date || x.date.is_none() || ev.date == x.date)
}

/// Scores `events` against an `.expected.json` (the rule in its `events_scoring`): an expected
/// event is found when one event has its source in `source`, a target in `target` (when given),
/// a root in `roots` and, where `date` is given, that date. An event matching no expected event
/// (dates aside) is spurious. Precision = non-spurious / produced; recall over required events.
pub fn score_expected(gold_json: &str, events: &[Event]) -> Result<ExpectedReport, String> {
    let f: ExpectedFile =
        serde_json::from_str(gold_json).map_err(|e| format!("expected file: {e}"))?;
    let mut r = ExpectedReport {
        required: 0,
        found_required: vec![],
        missing_required: vec![],
        found_optional: vec![],
        spurious: vec![],
        produced: events.len(),
        precision: 0.0,
        recall: 0.0,
        f1: 0.0,
    };
    for x in &f.events {
        let found = events.iter().any(|e| matches(e, x, true));
        match (x.required, found) {
            (true, true) => r.found_required.push(x.id.clone()),
            (true, false) => r.missing_required.push(x.id.clone()),
            (false, true) => r.found_optional.push(x.id.clone()),
            _ => {}
        }
        r.required += x.required as usize;
    }
    for (i, e) in events.iter().enumerate() {
        if !f.events.iter().any(|x| matches(e, x, false)) {
            r.spurious.push(i);
        }
    }
    r.precision = if events.is_empty() {
        0.0
    } else {
        1.0 - r.spurious.len() as f64 / events.len() as f64
    };
    r.recall = if r.required == 0 {
        1.0
    } else {
        r.found_required.len() as f64 / r.required as f64
    };
    r.f1 = f1(r.precision, r.recall);
    Ok(r)
}

use marsad_metrics::f1;

#[derive(Debug, Deserialize)]
struct GoldLine {
    text: String,
    #[serde(default)]
    published: Option<NaiveDate>,
    #[serde(default)]
    events: Vec<GoldEvent>,
}

/// One gold event of a sentence.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct GoldEvent {
    pub root: String,
    #[serde(default)]
    pub actor1_country: Option<String>,
    #[serde(default)]
    pub actor2_country: Option<String>,
}

/// Counts and P/R/F1 ([`marsad_metrics`]: one meaning across evaluations).
pub use marsad_metrics::Prf;

/// The result of [`score_sentences`].
#[derive(Debug, Clone, Serialize)]
pub struct SentenceReport {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
    /// By gold/produced root.
    pub by_root: BTreeMap<String, Prf>,
    /// Stricter: root and both actor countries (a gold country left out is not checked).
    pub strict: Prf,
    pub sentences: usize,
    pub gold_events: usize,
    pub produced_events: usize,
    /// Sentences whose gold says "no event" and that got none.
    pub correct_empty: usize,
}

fn country_of(a: &Actor) -> Option<String> {
    a.country
        .clone()
        .or_else(|| a.code.as_ref().map(|c| c[..c.len().min(3)].to_string()))
}

/// Scores a coder against a sentence-level JSONL gold file: one object per line
/// `{"text","published","events":[{"root","actor1_country","actor2_country"}]}` (an empty list
/// means no event). A produced event matches a gold event of the same sentence with the same
/// root; each gold event is matched at most once. `code(text, published)` runs the coder.
pub fn score_sentences(
    gold_jsonl: &str,
    code: impl Fn(&str, Option<NaiveDate>) -> Vec<Event>,
) -> Result<SentenceReport, String> {
    let mut all = Prf::default();
    let mut strict = Prf::default();
    let mut by_root: BTreeMap<String, Prf> = BTreeMap::new();
    let (mut sentences, mut gold_n, mut prod_n, mut empty_ok) = (0, 0, 0, 0);
    for (ln, line) in gold_jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let g: GoldLine =
            serde_json::from_str(line).map_err(|e| format!("line {}: {e}", ln + 1))?;
        sentences += 1;
        let produced = code(&g.text, g.published);
        gold_n += g.events.len();
        prod_n += produced.len();
        if g.events.is_empty() && produced.is_empty() {
            empty_ok += 1;
        }
        // Root level.
        let mut used = vec![false; g.events.len()];
        for e in &produced {
            match (0..g.events.len()).find(|&i| !used[i] && g.events[i].root == e.root) {
                Some(i) => {
                    used[i] = true;
                    all.tp += 1;
                    by_root.entry(e.root.clone()).or_default().tp += 1;
                }
                None => {
                    all.fp += 1;
                    by_root.entry(e.root.clone()).or_default().fp += 1;
                }
            }
        }
        for (i, u) in used.iter().enumerate() {
            if !u {
                all.fn_ += 1;
                by_root.entry(g.events[i].root.clone()).or_default().fn_ += 1;
            }
        }
        // Strict: root + countries.
        let mut used = vec![false; g.events.len()];
        for e in &produced {
            let ok = |x: &GoldEvent| {
                x.root == e.root
                    && x.actor1_country
                        .as_ref()
                        .is_none_or(|c| country_of(&e.actor1).as_ref() == Some(c))
                    && x.actor2_country
                        .as_ref()
                        .is_none_or(|c| e.actor2.as_ref().and_then(country_of).as_ref() == Some(c))
            };
            match (0..g.events.len()).find(|&i| !used[i] && ok(&g.events[i])) {
                Some(i) => {
                    used[i] = true;
                    strict.tp += 1;
                }
                None => strict.fp += 1,
            }
        }
        strict.fn_ += used.iter().filter(|u| !**u).count();
    }
    all.finish();
    strict.finish();
    for v in by_root.values_mut() {
        v.finish();
    }
    Ok(SentenceReport {
        precision: all.precision,
        recall: all.recall,
        f1: all.f1,
        tp: all.tp,
        fp: all.fp,
        fn_: all.fn_,
        by_root,
        strict,
        sentences,
        gold_events: gold_n,
        produced_events: prod_n,
        correct_empty: empty_ok,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{Evidence, Plover};

    fn ev(root: &str, a1: &str, a2: Option<&str>) -> Event {
        let act = |c: &str| Actor {
            name: c.into(),
            code: Some(c.into()),
            country: Some(c[..3].into()),
            entity: None,
        };
        Event {
            code: format!("{root}0"),
            root: root.into(),
            quad_class: 1,
            goldstein: 0.0,
            plover: Plover {
                kind: "X".into(),
                mode: None,
            },
            actor1: act(a1),
            actor2: a2.map(act),
            date: None,
            place: None,
            evidence: Evidence {
                paragraph: 0,
                sentence: String::new(),
                start: 0,
                end: 0,
                trigger: String::new(),
            },
            confidence: 1.0,
            reported_by: None,
            mentions: 1,
            summary_en: String::new(),
        }
    }

    #[test]
    fn sentences_root_level() {
        let gold = r#"{"text":"a","events":[{"root":"02","actor1_country":"TUN"},{"root":"02"}]}
{"text":"b","events":[]}
"#;
        let r = score_sentences(gold, |t, _| {
            if t == "a" {
                vec![ev("02", "TUNGOV", None), ev("11", "TUN", None)]
            } else {
                vec![]
            }
        })
        .unwrap();
        assert_eq!((r.tp, r.fp, r.fn_), (1, 1, 1));
        assert_eq!(r.strict.tp, 1);
        assert_eq!(r.sentences, 2);
        assert_eq!(r.correct_empty, 1);
        assert!(serde_json::to_string(&r).unwrap().contains("\"by_root\""));
    }

    #[test]
    fn expected_rule() {
        let gold = r#"{"events":[{"id":"E1","required":true,"source":["IGOUNO"],"target":["ARM","AZE"],"roots":["02"]}]}"#;
        let r = score_expected(
            gold,
            &[ev("02", "IGOUNO", Some("ARM")), ev("19", "AZE", None)],
        )
        .unwrap();
        assert_eq!(r.found_required, vec!["E1"]);
        assert_eq!(r.spurious, vec![1]);
    }
}
