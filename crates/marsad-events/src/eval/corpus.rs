//! Scoring a coder against the gold corpus format ([`crate::corpus`]).
//!
//! Units: a (sentence, event type) pair for type scores, a (sentence, CAMEO root) pair for root
//! scores, a sentence for event/no-event. The headline "event type" figure is micro-averaged over
//! PLOVER types; plain statements (CAMEO 01, which PLOVER does not have) are reported apart.
//! A hard negative for a type is a sentence that was drawn because a trigger word of that type is
//! in it, or whose gold lists a non-happened mention of that type, and that reports no event of
//! that type. Actor agreement: for each gold event that names its source (target, both), does the
//! coder give an event of the same type in that sentence whose actors have the same country (the
//! IGO for international bodies; none for unnamed doers)?

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::Prf;
use crate::corpus::GoldSentence;
use crate::detector::event_type;
use crate::event::{Actor, Event};

pub const STATEMENT: &str = "STATEMENT";
/// The types that have their own hard-negative rate (the sampling routes of the corpus).
pub const HARD_TYPES: &[(&str, &str)] = &[
    ("ASSAULT", "trigger:assault"),
    ("PROTEST", "trigger:protest"),
];

#[derive(Debug, Clone, Default, Serialize)]
pub struct Rate {
    pub n: usize,
    pub hits: usize,
    pub rate: f64,
}

impl Rate {
    fn add(&mut self, hit: bool) {
        self.n += 1;
        self.hits += hit as usize;
        self.rate = self.hits as f64 / self.n as f64;
    }
}

/// The result of [`score_corpus`].
#[derive(Debug, Clone, Default, Serialize)]
pub struct CorpusReport {
    pub sentences: usize,
    pub gold_events: usize,
    pub produced_events: usize,
    /// (sentence, PLOVER type), statements excluded: the headline.
    pub event_type: Prf,
    /// (sentence, type) with statements as a type.
    pub with_statements: Prf,
    pub by_type: BTreeMap<String, Prf>,
    pub by_root: BTreeMap<String, Prf>,
    /// Sentence reports some (non-statement) event, or not.
    pub detection: Prf,
    /// False-positive rate on hard negatives: `any` and per type.
    pub hard_negative_fpr: BTreeMap<String, Rate>,
    /// Gold events naming their source: the coder's event of that type has the source's country.
    pub actor_source: Rate,
    pub actor_target: Rate,
    /// Gold events naming both: type and both actor countries right.
    pub actor_both: Rate,
    /// The same, of those whose type the coder found: how right the actors are once the event
    /// is detected (the actor rules' own figure, apart from detection).
    pub actor_both_found: Rate,
    /// Gold events (with a coded source or target) whose type the coder found with a wrong side:
    /// for error analysis on train sentences.
    #[serde(skip)]
    pub actor_misses: Vec<ActorMiss>,
}

/// A gold event whose type the coder found, with the sides each gave.
#[derive(Debug, Clone)]
pub struct ActorMiss {
    pub sid: String,
    pub text: String,
    pub kind: String,
    /// Gold (substring, side) of the source and the target.
    pub gold: [(String, Option<String>); 2],
    /// Each produced event of that type: (actor name, side) of source and target.
    pub produced: Vec<[(String, Option<String>); 2]>,
}

const ROLES: &[&str] = &[
    "GOV", "MIL", "COP", "OPP", "REB", "CVL", "JUD", "LEG", "PTY", "LAB", "EDU", "REF", "MED",
    "BUS", "SPY", "UAF", "IGO", "NGO", "MNC", "IMG", "ELI", "HLH", "AGR", "CRM", "DEV", "ENV",
    "HRI", "RAD", "REL", "SET", "UIS", "INS", "SEP", "MOD",
];

/// The side an actor code stands for: its country (ISO3 prefix), an IGO's code, or none.
pub fn side_of_code(code: &str) -> Option<String> {
    let code = code.trim();
    if code.starts_with("IGO") {
        return Some(code.get(..6).unwrap_or(code).to_string());
    }
    let head = code.get(..3)?;
    (head.chars().all(|c| c.is_ascii_uppercase()) && !ROLES.contains(&head))
        .then(|| head.to_string())
}

/// An event of `code` with no actors, evidence or date (baselines that only say "this type").
pub fn bare_event(code: &str) -> Option<Event> {
    let info = crate::codes::info(code)?;
    Some(Event {
        code: info.code.clone(),
        root: info.root.clone(),
        quad_class: info.quad_class,
        goldstein: info.goldstein,
        plover: crate::event::Plover {
            kind: info.plover_type.clone(),
            mode: info.plover_mode.clone(),
        },
        actor1: Actor {
            name: String::new(),
            code: None,
            country: None,
            entity: None,
        },
        actor2: None,
        date: None,
        place: None,
        evidence: crate::event::Evidence {
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
    })
}

fn side_of(a: &Actor) -> Option<String> {
    a.code
        .as_deref()
        .and_then(side_of_code)
        .or_else(|| a.country.clone())
}

fn sets<T: Ord + Clone>(v: impl Iterator<Item = T>) -> Vec<T> {
    let mut v: Vec<T> = v.collect();
    v.sort();
    v.dedup();
    v
}

fn count(
    map: &mut BTreeMap<String, Prf>,
    total: Option<&mut Prf>,
    gold: &[String],
    got: &[String],
) {
    let mut t = Prf::default();
    for k in got {
        let e = map.entry(k.clone()).or_default();
        if gold.contains(k) {
            e.tp += 1;
            t.tp += 1;
        } else {
            e.fp += 1;
            t.fp += 1;
        }
    }
    for k in gold.iter().filter(|k| !got.contains(k)) {
        map.entry(k.clone()).or_default().fn_ += 1;
        t.fn_ += 1;
    }
    if let Some(total) = total {
        total.tp += t.tp;
        total.fp += t.fp;
        total.fn_ += t.fn_;
    }
}

/// Scores `code(text, published)` on every sentence of the corpus.
pub fn score_corpus(
    corpus: &[GoldSentence],
    code: impl Fn(&str, Option<NaiveDate>) -> Vec<Event>,
) -> CorpusReport {
    let mut r = CorpusReport::default();
    let mut no_stmt: BTreeMap<String, Prf> = BTreeMap::new();
    for g in corpus {
        let produced = code(&g.text, g.published);
        r.sentences += 1;
        r.gold_events += g.events.iter().filter(|e| e.happened()).count();
        r.produced_events += produced.len();
        let gold_types = g.happened_types();
        let got_types = sets(produced.iter().map(|e| event_type(&e.code).to_string()));
        count(
            &mut r.by_type,
            Some(&mut r.with_statements),
            &gold_types,
            &got_types,
        );
        let strip = |v: &[String]| -> Vec<String> {
            v.iter().filter(|t| *t != STATEMENT).cloned().collect()
        };
        let (gt, pt) = (strip(&gold_types), strip(&got_types));
        count(&mut no_stmt, Some(&mut r.event_type), &gt, &pt);
        let gold_roots = sets(
            g.events
                .iter()
                .filter(|e| e.happened())
                .map(|e| crate::codes::root(&e.code).to_string()),
        );
        let got_roots = sets(produced.iter().map(|e| e.root.clone()));
        count(&mut r.by_root, None, &gold_roots, &got_roots);
        let (gd, pd) = (!gt.is_empty(), !pt.is_empty());
        r.detection.tp += (gd && pd) as usize;
        r.detection.fp += (!gd && pd) as usize;
        r.detection.fn_ += (gd && !pd) as usize;
        hard_negatives(&mut r, g, &gt, &pt);
        actors(&mut r, g, &produced);
    }
    for p in [&mut r.event_type, &mut r.with_statements, &mut r.detection] {
        p.finish();
    }
    for p in r.by_type.values_mut().chain(r.by_root.values_mut()) {
        p.finish();
    }
    r
}

fn hard_negatives(r: &mut CorpusReport, g: &GoldSentence, gold: &[String], got: &[String]) {
    let mentioned = |t: &str| g.events.iter().any(|e| !e.happened() && e.kind() == t);
    let any_trigger = g.sample.starts_with("trigger:")
        || g.events
            .iter()
            .any(|e| !e.happened() && e.kind() != STATEMENT);
    if any_trigger && gold.is_empty() {
        r.hard_negative_fpr
            .entry("any".into())
            .or_default()
            .add(!got.is_empty());
    }
    for (t, route) in HARD_TYPES {
        let t = t.to_string();
        if (g.sample == *route || mentioned(&t)) && !gold.contains(&t) {
            r.hard_negative_fpr
                .entry(t.clone())
                .or_default()
                .add(got.contains(&t));
        }
    }
}

fn actors(r: &mut CorpusReport, g: &GoldSentence, produced: &[Event]) {
    for e in g
        .events
        .iter()
        .filter(|e| e.happened() && e.kind() != STATEMENT)
    {
        let kind = e.kind();
        let gs = e.source_code.as_deref().and_then(side_of_code);
        let gt = e.target_code.as_deref().and_then(side_of_code);
        let same: Vec<&Event> = produced
            .iter()
            .filter(|p| event_type(&p.code) == kind)
            .collect();
        let src_ok = |p: &&Event| side_of(&p.actor1) == gs;
        let tgt_ok = |p: &&Event| p.actor2.as_ref().and_then(side_of) == gt;
        // Only actors the gold names *and codes*: a named actor with no code has no side to
        // compare, and any uncoded actor of the coder would otherwise count as right.
        let (named_s, named_t) = (
            e.source.is_some() && e.source_code.is_some(),
            e.target.is_some() && e.target_code.is_some(),
        );
        if named_s {
            r.actor_source.add(same.iter().any(src_ok));
        }
        if named_t {
            r.actor_target.add(same.iter().any(tgt_ok));
        }
        if named_s && named_t {
            let both = same.iter().any(|p| src_ok(p) && tgt_ok(p));
            r.actor_both.add(both);
            if !same.is_empty() {
                r.actor_both_found.add(both);
            }
        }
        let wrong = (named_s && !same.iter().any(src_ok)) || (named_t && !same.iter().any(tgt_ok));
        if !same.is_empty() && wrong {
            r.actor_misses.push(actor_miss(g, e, (gs, gt), &same));
        }
    }
}

fn actor_miss(
    g: &GoldSentence,
    e: &crate::corpus::GoldEvent,
    (gs, gt): (Option<String>, Option<String>),
    same: &[&Event],
) -> ActorMiss {
    let side = |a: &Actor| (a.name.clone(), side_of(a));
    ActorMiss {
        sid: g.sid.clone(),
        text: g.text.clone(),
        kind: e.kind().to_string(),
        gold: [
            (e.source.clone().unwrap_or_default(), gs),
            (e.target.clone().unwrap_or_default(), gt),
        ],
        produced: same
            .iter()
            .map(|p| {
                let none = (String::new(), None);
                [side(&p.actor1), p.actor2.as_ref().map(side).unwrap_or(none)]
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::parse;

    fn ev(code: &str, a1: Option<&str>, a2: Option<&str>) -> Event {
        let act = |c: &str| Actor {
            name: c.into(),
            code: Some(c.into()),
            country: None,
            entity: None,
        };
        let mut e = bare_event(code).expect("a known code");
        if let Some(a) = a1 {
            e.actor1 = act(a);
        }
        e.actor2 = a2.map(act);
        e
    }

    #[test]
    fn types_hard_negatives_and_actors() {
        let gold = parse(concat!(
            r#"{"sid":"a","sample":"trigger:assault","text":"a","events":[{"code":"190","status":"happened","source":"x","source_code":"SYRMIL","target":"y","target_code":"TUR"}]}"#, "\n",
            r#"{"sid":"b","sample":"trigger:assault","text":"b","events":[{"code":"183","status":"generic"}]}"#, "\n",
            r#"{"sid":"c","sample":"random","text":"c","events":[{"code":"010","status":"happened"}]}"#, "\n",
        ))
        .unwrap();
        let r = score_corpus(&gold, |t, _| match t {
            "a" => vec![ev("193", Some("SYRMIL"), Some("TURGOV"))],
            "b" => vec![ev("180", None, None)],
            _ => vec![ev("010", Some("TUN"), None)],
        });
        assert_eq!(
            (r.event_type.tp, r.event_type.fp, r.event_type.fn_),
            (1, 1, 0)
        );
        assert_eq!(r.with_statements.tp, 2);
        assert_eq!(r.hard_negative_fpr["ASSAULT"].n, 1);
        assert_eq!(r.hard_negative_fpr["ASSAULT"].hits, 1);
        assert_eq!((r.actor_both.n, r.actor_both.hits), (1, 1));
        assert_eq!(r.by_root["19"].tp, 1);
        assert_eq!(side_of_code("IGOUNOWHO").as_deref(), Some("IGOUNO"));
        assert_eq!(side_of_code("REB"), None);
    }
}
