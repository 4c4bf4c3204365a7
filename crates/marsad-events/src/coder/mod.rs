//! Coding: per sentence, triggers → (source, target) actors → CAMEO/PLOVER code, date, place,
//! evidence; then article-level merging of repeated events.
//!
//! A sentence goes through named phases over one [`sentence::Sentence`] (its tokens, clauses,
//! actor runs) and the article's memory ([`memory::Doc`]):
//! [`hits`] (which trigger matches are coded) → [`status`] (the rules that would drop a hit:
//! negated, conditional, background …; its modality) → [`subject`] (who, by word order) →
//! [`target`] (to whom) — walked hit by hit in [`coded`] — → [`emit`] (the events, with code,
//! date, place, reporting speaker) → [`memory`] (what later sentences may refer to).
//!
//! Choices (CAMEO conventions):
//! - Arabic word order: a verb that opens its clause (و/ف + verb, after a comma, first word) takes
//!   its subject after it (VSO); otherwise the nearest actor before it is the subject (SVO). An
//!   event noun takes its possessor (موافقة بلاده) or the clause's subject.
//! - Negated (لم، لن، لا، ما، ليس، عدم، دون), conditional (إذا، لو، في حال) and subjunctive
//!   (أن + imperfect: hoped or possible, not reported) events did not happen: dropped. Future
//!   intent (سـ، سوف، يعتزم، ينوي) is kept, as CAMEO codes announced intentions, with half the
//!   confidence.
//! - Reported speech (قال إن، أكد أن، أفاد): the reported event is coded with the speaker in
//!   `reported_by`; the speech act itself is emitted only when the sentence has no other event
//!   and the speech has an addressee (a bare "X said" is not an interaction).
//! - A capital that acts is its government (قالت موسكو → RUSGOV); a participle after its clause
//!   (، داعيا X، مطالبا X) acts for that clause's subject, X being its object; two actors of one
//!   country are one side only when one is the bare country of the other (بوتين وروسيا), so a
//!   union can target its government.
//! - Material conflict (18–20) with no target named: the target is the country the article pairs
//!   with the source most often (its adversary in the text), with lower confidence.
//! - The same (source, target, code, date) stated again in the article: one event, `mentions` + 1.

mod coded;
mod emit;
mod hits;
mod memory;
mod sentence;
mod status;
mod subject;
mod target;
#[cfg(test)]
pub(crate) mod testkit;
mod unnamed;
pub use unnamed::Doer;
mod words;

use chrono::NaiveDate;
use marsad_entities::{find_entities, tagger::Model, FoundEntity};
use marsad_kb::Kb;

use crate::detector::features::{self, Candidate};
use crate::detector::{event_type, Detector, Instance};
use crate::event::{Actor, Event};
use crate::triggers::{self, Dict, Tok};
use memory::Doc;
use sentence::{Article, Sentence};
pub(crate) use words::{NEGATORS, RELATIVE};

/// Entities then events of an article's paragraphs: the whole chain for callers that have only
/// text (evaluation, benchmarks).
pub fn code_paragraphs(
    kb: &Kb,
    tagger: Option<&Model>,
    paragraphs: &[String],
    published: Option<NaiveDate>,
) -> Vec<Event> {
    let ents = find_entities(kb, tagger, paragraphs, published);
    find_events(kb, paragraphs, &ents, published)
}

/// The events of an article: `paragraphs` (display text), its linked `entities`
/// (`marsad_entities::find_entities`), and its publication date. The rules propose; the embedded
/// detector decides what is emitted ([`crate::detector`]).
pub fn find_events(
    kb: &Kb,
    paragraphs: &[String],
    entities: &[FoundEntity],
    published: Option<NaiveDate>,
) -> Vec<Event> {
    find_events_with(kb, paragraphs, entities, published, Detector::embedded())
}

/// [`find_events`] with a chosen detector; `None` emits every event the rules propose (the
/// coder as it was before the detector, kept for comparison).
pub fn find_events_with(
    kb: &Kb,
    paragraphs: &[String],
    entities: &[FoundEntity],
    published: Option<NaiveDate>,
    detector: Option<&Detector>,
) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::new();
    for s in propose(kb, paragraphs, entities, published, detector.is_some()) {
        let evs = match detector {
            Some(d) => decide(d, &s),
            None => s.events,
        };
        for e in evs {
            merge(&mut out, unnamed::fill(e, &s.doers));
        }
    }
    for e in &mut out {
        e.summary_en = crate::summary::english_line(kb, e);
    }
    out
}

/// What the rules propose for one sentence: its events and the detector's instances.
pub struct Proposal {
    pub events: Vec<Event>,
    /// For each event, the rule that would have dropped it (lenient mode), or 0.
    pub skips: Vec<u8>,
    pub instances: Vec<Instance>,
    /// The sentence model's features of the sentence ([`crate::detector::sentence::words`]) and
    /// the features all its instances share; empty when there are no instances.
    pub words: Vec<u64>,
    pub shared: Vec<u64>,
    /// The sentence's unnamed doers and victims, given to the emitted events that have no source
    /// or target ([`unnamed::fill`]).
    pub doers: Vec<Doer>,
}

/// The per-sentence record of what the rules did with each trigger hit.
pub struct Trace {
    /// Code the hits a rule would drop too, marking them with the rule's number (the detector
    /// decides); otherwise drop them.
    pub lenient: bool,
    pub cands: Vec<Candidate>,
}

/// The rules' events of every sentence of an article, before the detector decides. `lenient`
/// keeps the events the rules would drop, marked with the rule that would drop them.
pub fn propose(
    kb: &Kb,
    paragraphs: &[String],
    entities: &[FoundEntity],
    published: Option<NaiveDate>,
    lenient: bool,
) -> Vec<Proposal> {
    let art = Article {
        kb,
        dict: Dict::embedded(),
        entities,
        published,
    };
    let mut doc = Doc::new(kb, entities);
    let mut out = Vec::new();
    let mut trace = Trace {
        lenient,
        cands: Vec::new(),
    };
    for (pi, p) in paragraphs.iter().enumerate() {
        for r in marsad_text::sentences(p) {
            let toks = triggers::analyse(&p[r.start..r.end], r.start);
            trace.cands.clear();
            let (coded, doers) =
                code_sentence(&art, &mut doc, (pi, p), (r.start, r.end), &toks, &mut trace);
            let (events, skips): (Vec<Event>, Vec<u8>) = coded.into_iter().unzip();
            let (instances, shared) = if lenient {
                features::instances(&toks, &trace.cands, &events, &skips)
            } else {
                (Vec::new(), Vec::new())
            };
            let words = if instances.is_empty() {
                Vec::new()
            } else {
                crate::detector::sentence::words(&toks)
            };
            out.push(Proposal {
                events,
                skips,
                instances,
                words,
                shared,
                doers,
            });
        }
    }
    out
}

/// The detector's decision on one sentence. A type is emitted when its score reaches its bar
/// ([`Detector::bar`]): its events that no rule would drop, or else (with a strong score) the one
/// event a rule came closest to keeping, a named doer first. A type only the sentence model put
/// forward (a novel instance) re-codes the sentence's likeliest proposed event ([`recoded`]). An
/// event with no attested actor on either side needs a strong score. (It once also needed a word
/// naming the kind of doer, مسلحون، انتحاري; on a press the detector never saw, that word kept
/// out 70 strong actor-less events of which 58 were right — مقتل 24 مدنيا جراء الغارات — for
/// 0.02 of F1 both ways, so the strong score alone decides.) The score becomes the events'
/// confidence.
pub fn decide(d: &Detector, s: &Proposal) -> Vec<Event> {
    let mut out = Vec::new();
    for x in &d.stacked(&s.instances, &s.words, &s.shared) {
        let p = d.score(x);
        if debug() {
            eprintln!(
                "  detector {}{} {:.3} (threshold {:.3})",
                x.kind,
                if x.novel { " (novel)" } else { "" },
                p,
                d.threshold_for(&x.kind)
            );
        }
        // Overriding the rules that would drop every candidate of the type needs a strong score.
        if (p as f64) < d.bar(x) {
            continue;
        }
        let chosen: Vec<Event> = if x.novel {
            recoded(d, s, &x.kind).into_iter().collect()
        } else {
            of_type(s, &x.kind).into_iter().cloned().collect()
        };
        for e in chosen {
            let attested = e.actor1.is_named() || e.actor2.as_ref().is_some_and(Actor::is_named);
            if attested || p >= d.strong.max(d.threshold_for(&x.kind)) {
                out.push(Event { confidence: p, ..e });
            }
        }
    }
    out
}

/// The proposed events of type `kind` to emit: those no rule would drop, or else the one a rule
/// came closest to keeping, with a named doer first.
fn of_type<'a>(s: &'a Proposal, kind: &str) -> Vec<&'a Event> {
    let all: Vec<usize> = (0..s.events.len())
        .filter(|&i| event_type(&s.events[i].code) == kind)
        .collect();
    let clean: Vec<&Event> = all
        .iter()
        .filter(|&&i| s.skips[i] == 0)
        .map(|&i| &s.events[i])
        .collect();
    if !clean.is_empty() {
        return clean;
    }
    let rank = |&i: &usize| (!s.events[i].actor1.is_named(), s.skips[i] == 10, i);
    all.into_iter()
        .min_by_key(rank)
        .map(|i| &s.events[i])
        .into_iter()
        .collect()
}

/// A novel type's event: the sentence's proposed event most likely to carry it (one no rule would
/// drop, a named doer, a statement first: a speaker's words are what an accusation or a threat
/// is made of), with the type's usual CAMEO code from the sentence model.
fn recoded(d: &Detector, s: &Proposal, kind: &str) -> Option<Event> {
    let m = &d.sentence;
    let code = m
        .types
        .iter()
        .position(|t| t == kind)
        .map(|i| &m.codes[i])?;
    let info = crate::codes::info(code)?;
    let rank = |&i: &usize| {
        let e = &s.events[i];
        (
            s.skips[i] != 0,
            !e.actor1.is_named(),
            event_type(&e.code) != "STATEMENT",
            i,
        )
    };
    let donor = (0..s.events.len()).min_by_key(rank)?;
    let mut e = s.events[donor].clone();
    // A verbal type read from the words is the speaker's: in أكدت واشنطن أن روسيا تحاول … the
    // accusation is Washington's, aimed at whom its words are about.
    if VERBAL.contains(&kind) {
        if let Some(speaker) = e.reported_by.take() {
            let about = std::mem::replace(&mut e.actor1, speaker);
            if about.is_named() && about.code != e.actor1.code {
                e.actor2 = Some(about);
            }
        }
    }
    e.code = info.code.clone();
    e.root = info.root.clone();
    e.quad_class = info.quad_class;
    e.goldstein = info.goldstein;
    e.plover = crate::event::Plover {
        kind: info.plover_type.clone(),
        mode: info.plover_mode.clone(),
    };
    Some(e)
}

/// PLOVER types that are said, not done: a novel one is its sentence's speaker's.
const VERBAL: &[&str] = &[
    "ACCUSE", "THREATEN", "REQUEST", "REJECT", "SUPPORT", "AGREE",
];

fn merge(out: &mut Vec<Event>, e: Event) {
    let key = |x: &Event| {
        (
            x.actor1.code.clone(),
            x.actor2.as_ref().and_then(|a| a.code.clone()),
            x.code.clone(),
            x.date,
        )
    };
    if let Some(o) = out.iter_mut().find(|o| key(o) == key(&e)) {
        o.mentions += 1;
        if e.confidence > o.confidence {
            o.confidence = e.confidence;
        }
        return;
    }
    out.push(e);
}

fn debug() -> bool {
    static D: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *D.get_or_init(|| std::env::var_os("MARSAD_EVENTS_DEBUG").is_some())
}

/// Codes one sentence (`range` of paragraph `pi`, tokens `toks`): its hits, then each hit's
/// status, subject and target, then its events; updates the document memory.
fn code_sentence(
    art: &Article,
    doc: &mut Doc,
    (pi, p): (usize, &str),
    range: (usize, usize),
    toks: &[Tok],
    trace: &mut Trace,
) -> (Vec<(Event, u8)>, Vec<Doer>) {
    if toks.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let mut s = Sentence::new(art, pi, p, range, toks);
    let hits = hits::find(&s);
    if hits.is_empty() {
        memory::remember_bare(doc, &s);
        return (Vec::new(), Vec::new());
    }
    s.read_actors(doc, &hits);
    let coding = coded::code_hits(&s, &hits, trace);
    let out = emit::events(&s, doc, &coding);
    memory::remember_coded(doc, &s, &out);
    let doers = unnamed::doers(&s, &hits);
    (out, doers)
}
