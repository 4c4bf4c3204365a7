//! Coding: per sentence, triggers → (source, target) actors → CAMEO/PLOVER code, date, place,
//! evidence; then article-level merging of repeated events.
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
//! - Material conflict (18–20) with no target named: the target is the country the article pairs
//!   with the source most often (its adversary in the text), with lower confidence.
//! - The same (source, target, code, date) stated again in the article: one event, `mentions` + 1.

use std::collections::HashMap;

use chrono::NaiveDate;
use marsad_entities::{find_entities, tagger::Model, FoundEntity};
use marsad_kb::Kb;

use crate::actors::{self, Kind, Run};
use crate::codes;
use crate::dates;
use crate::detector::features::{self, Candidate};
use crate::detector::{event_type, Detector, Instance, PERPETRATOR_KINDS};
use crate::event::{Actor, Event, Evidence, Plover};
use crate::places;
use crate::triggers::{self, tok_is, Dict, Hit, Tok};

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

pub(crate) const NEGATORS: &[&str] = &[
    "لم", "لن", "لا", "ما", "ليس", "عدم", "دون", "بدون", "ولم", "ولن", "ولا", "غير",
];
const CONDITIONALS: &[&str] = &["اذا", "لو", "واذا", "ولو", "فاذا"];
/// Appeal and intent words: an event noun in their complement is asked for or planned
/// (طالب باستئناف جلسات المفاوضات، قرر الدخول في إضراب), not reported.
const APPEALS: &[&str] = &[
    "دعا",
    "دعت",
    "دعوا",
    "يدعو",
    "تدعو",
    "داعيا",
    "داعين",
    "دعوه",
    "طالب",
    "طالبت",
    "طالبوا",
    "يطالب",
    "تطالب",
    "مطالبا",
    "مطالبين",
    "مطالبه",
    "حث",
    "حثت",
    "يحث",
    "ناشد",
    "ناشدت",
    "قرر",
    "قررت",
    "قرروا",
    "يعتزم",
    "تعتزم",
    "ينوي",
    "تنوي",
    "بهدف",
    "لاجل",
    "اجل",
    "استيناف",
    "عوده",
    "ضروره",
];
const INTENT: &[&str] = &[
    "سوف",
    "يعتزم",
    "تعتزم",
    "ينوي",
    "تنوي",
    "يعتزمون",
    "ينوون",
    "يتوقع",
    "يرتقب",
    "ستعمل",
    "سيعمل",
];
const BACKGROUND: &[&str] = &[
    "خلال",
    "اثناء",
    "عقب",
    "بعد",
    "قبل",
    "اثر",
    "اعقاب",
    "اطار",
    "ضوء",
    "خلفيه",
    "ختام",
    "وقف",
];
/// Words that make the next words a passive event: تم استدعاء السفير (the doer is not named).
const PASSIVE: &[&str] = &["تم", "تمت", "يتم", "وتم", "وتمت", "ويتم", "جرى", "وجرى"];
/// A document as the subject (مشروع قرار يدعو إلى، بيان يطالب): no actor did it.
const DOCUMENTS: &[&str] = &[
    "قرار",
    "مشروع",
    "تقرير",
    "مرسوم",
    "قانون",
    "رساله",
    "نص",
    "وثيقه",
    "لايحه",
];
pub(crate) const RELATIVE: &[&str] = &[
    "الذي",
    "التي",
    "الذين",
    "اللذين",
    "اللتين",
    "اللذان",
    "اللتان",
];
const MIL_WORDS: &[&str] = &[
    "قوات",
    "جيش",
    "جبهه",
    "محور",
    "محاور",
    "عسكري",
    "عسكريه",
    "جنود",
    "معارك",
    "مواقع",
    "ميدان",
    "قتال",
];

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
            merge(&mut out, e);
        }
    }
    out
}

/// What the rules propose for one sentence: its events and the detector's instances.
pub struct Proposal {
    pub events: Vec<Event>,
    /// For each event, the rule that would have dropped it (lenient mode), or 0.
    pub skips: Vec<u8>,
    pub instances: Vec<Instance>,
    /// The sentence's words mention the kind of a perpetrator (مسلحون، انتحاري).
    pub perpetrator_kind: bool,
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
    let dict = Dict::embedded();
    let mut doc = Doc::new(kb, paragraphs, entities, published);
    let mut out = Vec::new();
    let mut trace = Trace {
        lenient,
        cands: Vec::new(),
    };
    for (pi, p) in paragraphs.iter().enumerate() {
        for r in marsad_text::sentences(p) {
            let toks = triggers::analyse(&p[r.start..r.end], r.start);
            trace.cands.clear();
            let coded = code_sentence(
                kb,
                dict,
                &mut doc,
                p,
                pi,
                (r.start, r.end),
                &toks,
                entities,
                published,
                &mut trace,
            );
            let (events, skips): (Vec<Event>, Vec<u8>) = coded.into_iter().unzip();
            let instances = if lenient {
                features::instances(&toks, &trace.cands, &events, &skips)
            } else {
                Vec::new()
            };
            // Only asked of sentences with an event that names no actor.
            let actorless = events.iter().any(|e| {
                e.actor1.code.is_none()
                    && e.actor1.name.is_empty()
                    && e.actor2
                        .as_ref()
                        .is_none_or(|a| a.code.is_none() && a.name.is_empty())
            });
            let perpetrator_kind = actorless
                && toks
                    .iter()
                    .any(|t| PERPETRATOR_KINDS.iter().any(|w| tok_is(t, w)));
            out.push(Proposal {
                events,
                skips,
                instances,
                perpetrator_kind,
            });
        }
    }
    out
}

/// The detector's decision on one sentence. A type is emitted when its score reaches its bar
/// ([`Detector::bar`]): its events that no rule would drop, or else (with a strong score) the one
/// event a rule came closest to keeping, a named doer first. An event with no attested actor on
/// either side also needs a strong score and a word naming the kind of doer. The score becomes the
/// events' confidence.
pub fn decide(d: &Detector, s: &Proposal) -> Vec<Event> {
    let named = |a: &Actor| a.code.is_some() || !a.name.is_empty();
    let mut out = Vec::new();
    for x in &s.instances {
        let p = d.score(x);
        if debug() {
            eprintln!(
                "  detector {} {:.3} (threshold {:.3})",
                x.kind,
                p,
                d.threshold_for(&x.kind)
            );
        }
        // Overriding the rules that would drop every candidate of the type needs a strong score.
        if (p as f64) < d.bar(x) {
            continue;
        }
        let of_type: Vec<usize> = (0..s.events.len())
            .filter(|&i| event_type(&s.events[i].code) == x.kind)
            .collect();
        let clean: Vec<usize> = of_type
            .iter()
            .copied()
            .filter(|&i| s.skips[i] == 0)
            .collect();
        // No clean event: the one a rule came closest to keeping, with a named doer first.
        let chosen = if clean.is_empty() {
            let rank = |&i: &usize| (!named(&s.events[i].actor1), s.skips[i] == 10, i);
            of_type.into_iter().min_by_key(rank).into_iter().collect()
        } else {
            clean
        };
        for i in chosen {
            let e = &s.events[i];
            let attested = named(&e.actor1) || e.actor2.as_ref().is_some_and(named);
            if attested || (p >= d.strong.max(d.threshold_for(&x.kind)) && s.perpetrator_kind) {
                out.push(Event {
                    confidence: p,
                    ..e.clone()
                });
            }
        }
    }
    out
}

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

/// What the coder remembers across sentences.
struct Doc {
    persons: Vec<Actor>,
    last_subject: Option<Actor>,
    /// Country mentions in the article (names and adjectives), for the adversary rule.
    countries: HashMap<String, usize>,
}

impl Doc {
    fn new(
        kb: &Kb,
        _paragraphs: &[String],
        entities: &[FoundEntity],
        _published: Option<NaiveDate>,
    ) -> Doc {
        let mut countries = HashMap::new();
        for fe in entities {
            let is_country = fe
                .id
                .as_deref()
                .and_then(|id| kb.get(id))
                .is_some_and(|e| e.subtype == "country");
            if let (true, Some(c)) = (is_country, fe.codes.iso3.clone()) {
                *countries.entry(c).or_insert(0) += fe.mentions.len();
            }
        }
        Doc {
            persons: Vec::new(),
            last_subject: None,
            countries,
        }
    }

    fn adversary(&self, of: &str) -> Option<String> {
        let mut v: Vec<(&String, &usize)> = self
            .countries
            .iter()
            .filter(|(c, n)| c.as_str() != of && **n >= 2)
            .collect();
        v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        v.first().map(|(c, _)| (*c).clone())
    }
}

fn debug() -> bool {
    static D: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *D.get_or_init(|| std::env::var_os("MARSAD_EVENTS_DEBUG").is_some())
}

/// Clause boundaries: a token that opens a new clause (في حين، بينما، فيما، حيث، كما).
fn opens_clause(toks: &[Tok], k: usize) -> bool {
    let key = toks[k].key.as_str();
    if matches!(
        key,
        "بينما" | "وبينما" | "فيما" | "وفيما" | "حيث" | "وحيث" | "كما" | "وكما"
    ) {
        return true;
    }
    (key == "في" || key == "وفي") && toks.get(k + 1).is_some_and(|t| t.key == "حين")
}

#[allow(clippy::too_many_arguments)]
fn code_sentence(
    kb: &Kb,
    dict: &Dict,
    doc: &mut Doc,
    p: &str,
    pi: usize,
    (s0, s1): (usize, usize),
    toks: &[Tok],
    entities: &[FoundEntity],
    published: Option<NaiveDate>,
    trace: &mut Trace,
) -> Vec<(Event, u8)> {
    let sent = &p[s0..s1];
    if toks.is_empty() {
        return Vec::new();
    }
    let n = toks.len();
    // Clause index of each token.
    let mut starts = vec![0usize];
    for k in 1..n {
        if opens_clause(&toks, k) {
            starts.push(k);
        }
    }
    let clause_of = |i: usize| -> (usize, usize) {
        let idx = starts.partition_point(|&s| s <= i) - 1;
        (starts[idx], starts.get(idx + 1).copied().unwrap_or(n))
    };
    let mil = toks.iter().any(|t| MIL_WORDS.iter().any(|w| tok_is(t, w)));
    let pieces = actors::pieces(kb, &toks, pi, entities, published);
    let in_name = |i: usize| {
        pieces.iter().any(|pc| {
            pc.first <= i && i <= pc.last && !matches!(pc.kind, Kind::Agent | Kind::RefAgent)
        })
    };
    let hits = triggers::find_hits(dict, &toks, &|i| clause_of(i).1, mil, &in_name);
    let hits = select(dict, &toks, hits);
    if debug() {
        eprintln!("SENT {sent}");
        for h in &hits {
            let r = &dict.rules[h.rule as usize];
            eprintln!(
                "  hit {} {:?} [{}..{}] need {}..{}",
                r.code, r.words, h.first, h.last, h.need_start, h.need_end
            );
        }
        for pc in &pieces {
            eprintln!(
                "  piece {:?} {}..{} {:?}",
                pc.kind, pc.first, pc.last, pc.code
            );
        }
    }
    if hits.is_empty() {
        remember(doc, kb, &toks, p, pi, entities, published);
        return Vec::new();
    }

    let gap_ok = |a: usize, b: usize| {
        b >= a && b - a <= 2 && (a..=b).all(|k| k >= n || !toks[k].punct_before)
    };
    let text_of = |a: usize, b: usize| p[toks[a].start..toks[b].end].to_string();
    let runs = actors::runs(&pieces, &gap_ok, &text_of);
    let groups = resolve(&runs, doc);

    let coordinated = |a: &Run, b: &Run| -> bool {
        if b.first <= a.last {
            return false;
        }
        let gap = p[toks[a.last].end..toks[b.first].start].trim();
        let b_conj = toks[b.first].key.starts_with('و');
        // "A وB", "A و B", "A، وB"; a bare comma is apposition (المرشد الأعلى لإيران، علي خامنئي).
        b.first == a.last + 1 && b_conj && (gap.is_empty() || gap == "،" || gap == ",")
            || (b.first == a.last + 2 && toks[a.last + 1].key == "و")
    };
    // A run and the runs coordinated after it.
    let chain = |start: usize| -> Vec<usize> {
        let mut v = vec![start];
        let mut k = start;
        while k + 1 < runs.len() && coordinated(&runs[k], &runs[k + 1]) {
            k += 1;
            v.push(k);
        }
        v
    };
    let date_exprs = published.map(|d| dates::find(sent, d)).unwrap_or_default();

    struct Coded {
        hit: Hit,
        sources: Vec<usize>,
        targets: Vec<usize>,
        conf: f32,
        from_ref: bool,
        future: bool,
        anonymous: bool,
        /// The rule that would have dropped it (lenient mode), or 0.
        skip: u8,
    }
    let mut coded: Vec<Coded> = Vec::new();
    let mut speakers: Vec<(usize, Vec<usize>)> = Vec::new();
    for h in &hits {
        let rule = &dict.rules[h.rule as usize];
        let cand = |skip: u8| Candidate {
            code: rule.code.clone(),
            first: h.first,
            last: h.last,
            noun: rule.noun,
            verb: rule.verb,
            curated: rule.curated,
            needs: !rule.needs.is_empty(),
            skip,
        };
        let mut skipped: u8 = 0;
        // A rule's reason to drop the hit: logged when debugging, kept for the detector.
        macro_rules! skip {
            ($n:literal) => {{
                if debug() {
                    eprintln!("  skip {} at {}: #{}", rule.code, h.first, $n);
                }
                if trace.lenient && $n != 10 {
                    if skipped == 0 {
                        skipped = $n;
                    }
                } else {
                    trace.cands.push(cand($n));
                    continue;
                }
            }};
        }
        let (cs, ce) = clause_of(h.first);
        let mut conf = if rule.curated { 0.8 } else { 0.5 };
        // Negation, condition, subjunctive.
        let before = |d: usize| {
            h.first
                .checked_sub(d)
                .filter(|&k| k >= cs)
                .map(|k| toks[k].key.as_str())
        };
        if (1..=2).any(|d| before(d).is_some_and(|k| NEGATORS.contains(&k))) {
            skip!(1);
        }
        if (cs..h.first).any(|k| {
            CONDITIONALS.contains(&toks[k].key.as_str())
                || (toks[k].key == "في" && toks.get(k + 1).is_some_and(|t| t.key == "حال"))
        }) {
            skip!(2);
        }
        if (cs.max(h.first.saturating_sub(6))..h.first).any(|k| {
            (toks[k].key == "ان" || toks[k].key == "وان")
                && toks[k + 1].key.starts_with(['ي', 'ت', 'ن'])
                && !rule.speech
        }) {
            skip!(3);
        }
        // After خلال/بعد/إثر… a noun is background; a verb form there is a masdar (بوقف دعمها).
        if h.first > cs && BACKGROUND.iter().any(|w| tok_is(&toks[h.first - 1], w)) {
            skip!(4);
        }
        let root = codes::root(&rule.code);
        let violent = matches!(root, "18" | "19" | "20");
        // Violence and protest are reported without a doer (انفجار استهدف، وتظاهر هؤلاء).
        let doerless = violent || root == "14";
        // A violent event noun after على/عن is what something answers or is about (ردا على
        // اغتيال، مسؤولين عن مجزرة), not a new event.
        if !rule.verb && violent && before(1).is_some_and(|k| matches!(k, "على" | "عن" | "علي"))
        {
            skip!(5);
        }
        // بعد أن/قبل أن/منذ أن + verb: a background clause.
        if h.first >= 2
            && h.first - 2 >= cs
            && matches!(toks[h.first - 1].key.as_str(), "ان" | "وان")
            && ["بعد", "قبل", "منذ", "وبعد", "حتي", "حتى"].contains(&toks[h.first - 2].key.as_str())
        {
            skip!(6);
        }
        // A relative clause identifies a participant (الشاب الذي هدد القنصل، الطريقة التي طلبتم
        // بها): background, unless it tells what a named person did (ترامب الذي اتهم المحاكم).
        // كل من اعتقلوا: "everyone who was arrested".
        if h.first >= 1 {
            let mut r = h.first - 1;
            if toks[r].key == "قد" && r >= 1 {
                r -= 1;
            }
            let rel = RELATIVE.contains(&toks[r].key.as_str())
                || (matches!(toks[r].key.as_str(), "من" | "ما")
                    && r >= 1
                    && matches!(toks[r - 1].key.as_str(), "كل" | "جميع" | "وكل"));
            if rel && !rule.noun {
                let head_person = r >= 1 && runs.iter().any(|ru| ru.person && ru.last + 1 == r);
                let obj = rule.words[0] != toks[h.first].key
                    && ["ه", "ها", "هم"]
                        .iter()
                        .any(|x| toks[h.first].key.ends_with(x));
                if !head_person || obj {
                    skip!(7);
                }
            }
        }
        // An event noun named by the relative clause after it (الدعوة التي وجهها، الهجوم الذي
        // وقع): a mention, not a report.
        if rule.noun
            && (h.last + 1..=h.last + 2).any(|k| k < ce && RELATIVE.contains(&toks[k].key.as_str()))
        {
            skip!(8);
        }
        // An event noun right after another event's verb is its object (أدان الهجوم الانتحاري).
        if rule.noun
            && hits.iter().any(|o| {
                o.first < h.first
                    && !dict.rules[o.rule as usize].speech
                    && !dict.rules[o.rule as usize].noun
                    && o.need_end.max(o.last) < h.first
                    && h.first - o.need_end.max(o.last) <= 2
            })
        {
            skip!(9);
        }
        // An event noun asked for or planned a few words after an appeal or intent word.
        if rule.noun
            && !matches!(codes::root(&rule.code), "02" | "10")
            && (cs.max(h.first.saturating_sub(5))..h.first)
                .any(|k| APPEALS.iter().any(|w| tok_is(&toks[k], w)))
        {
            skip!(12);
        }
        let passive = rule.noun && (1..=4).any(|d| before(d).is_some_and(|k| PASSIVE.contains(&k)));
        let future = h.future
            || (1..=3).any(|d| {
                before(d).is_some_and(|k| {
                    INTENT.contains(&k)
                        || (k.chars().count() >= 4
                            && (k.starts_with("سي") || k.starts_with("ست"))
                            && !rule.verb)
                })
            });
        if future {
            conf *= 0.5;
        }
        // Source.
        let in_clause = |r: &Run| r.first >= cs && r.first < ce;
        let vso_pos = toks[h.first].conj
            || h.first == cs
            || toks[h.first].punct_before
            || (h.first == cs + 1 && cs > 0)
            || (h.first > cs
                && matches!(
                    toks[h.first - 1].key.as_str(),
                    "قد" | "وقد" | "لقد" | "ثم" | "اذ"
                ));
        let mut src: Option<usize>;
        let mut from_ref = false;
        // The doer named after the event: من قبل X، من طرف X، على يد X.
        let agentive = (h.last + 1..ce.saturating_sub(2)).find(|&k| {
            (toks[k].key == "من" && matches!(toks[k + 1].key.as_str(), "قبل" | "طرف"))
                || (toks[k].key == "علي" || toks[k].key == "على") && toks[k + 1].key == "يد"
        });
        let agentive = agentive.and_then(|k| runs.iter().position(|r| r.first == k + 2));
        if let Some(a) = agentive.filter(|_| rule.noun || passive) {
            src = Some(a);
        } else if passive {
            src = None;
        } else if rule.noun {
            src = runs
                .iter()
                .position(|r| r.first > h.last && r.first <= h.last + 2 && in_clause(r));
            if src.is_none() {
                src = runs.iter().rposition(|r| r.last < h.first && in_clause(r));
            }
        } else {
            let vso = vso_pos;
            // The subject follows the verb closely (an adverbial at most); farther on, an actor is
            // an object or a possessor (شدد على ضرورة امتثال أذربيجان): the subject is dropped.
            let quantity = |k: usize| {
                let t = &toks[k];
                t.key.chars().all(|c| c.is_ascii_digit())
                    || [
                        "حوالي",
                        "حوالى",
                        "نحو",
                        "قرابه",
                        "من",
                        "عشرات",
                        "مئات",
                        "الاف",
                        "الف",
                        "الاف",
                        "الوف",
                    ]
                    .contains(&t.key.as_str())
            };
            let after = || {
                runs.iter().position(|r| {
                    r.first > h.first
                        && in_clause(r)
                        && (r.first <= h.last + 3
                            || (r.first <= h.last + 6 && (h.last + 1..r.first).all(quantity)))
                })
            };
            if vso {
                src = after();
            } else {
                src = runs.iter().rposition(|r| {
                    r.last < h.first
                        && in_clause(r)
                        && (r.last + 1..=h.first)
                            .all(|k| !toks[k].punct_before || k == h.first && false)
                });
                if src.is_none() {
                    src = after();
                }
                if src.is_some_and(|s| runs[s].last < h.first)
                    && (1..=2).any(|d| {
                        h.first >= d && DOCUMENTS.iter().any(|w| tok_is(&toks[h.first - d], w))
                    })
                {
                    src = None;
                }
            }
        }
        // Reported speech without its own subject: the speaker.
        // No subject of its own: a dropped subject (pro-drop) is the subject of the previous
        // event of the sentence, or the speaker of the reported speech it sits in.
        let mut sources: Vec<usize> = match src {
            Some(s) => chain(s),
            // Only a verb opening its clause can have a dropped subject; after a noun
            // (الأعضاء شددوا) the subject is that noun, which is no actor.
            None if rule.noun || vso_pos || passive => {
                from_ref = true;
                let prev = coded
                    .iter()
                    .rev()
                    .find(|c| {
                        // A hit a rule would drop lends no subject (lenient mode keeps it coded).
                        c.skip == 0
                            && c.hit.first < h.first
                            && !dict.rules[c.hit.rule as usize].speech
                    })
                    .map(|c| c.sources.clone());
                let sp = speakers
                    .iter()
                    .rev()
                    .find(|(f, _)| *f < h.first)
                    .map(|(_, sp)| sp.clone());
                // Last resort: the nearest actor before the verb (وأغلق المسؤولون هواتفهم وامتنعوا).
                // Only from this clause or, for a verb coordinated with the one before (و/ف),
                // the clause before: an actor further back belongs to another event.
                let lo = if toks[h.first].conj && cs > 0 {
                    clause_of(cs - 1).0
                } else {
                    cs
                };
                let near = || {
                    (0..runs.len())
                        .rev()
                        .find(|&r| {
                            runs[r].last < h.first && runs[r].first >= lo && !groups[r].is_empty()
                        })
                        .map(|r| vec![r])
                };
                if rule.noun {
                    sp.or(prev)
                } else {
                    prev.or(sp)
                        .or_else(|| if rule.verb && !passive { near() } else { None })
                }
                .unwrap_or_default()
            }
            None => Vec::new(),
        };
        sources.retain(|&s| !groups[s].is_empty());
        // Violence by an unnamed doer (انفجار استهدف، فجر انتحاري نفسه) is still an event.
        // A plural noun (تفجيرات داعش، حصول اعتداءات) is a generic mention, not one event.
        // Lenient: a hit without a doer is still a candidate (the detector decides; an event
        // with no actor at all needs a strong score and a kind of doer named).
        let rules_anonymous =
            doerless && rule.curated && !(!rule.verb && toks[h.first].key.ends_with("ات"));
        let anonymous = sources.is_empty() && (rules_anonymous || trace.lenient);
        if sources.is_empty() && !rules_anonymous && skipped == 0 {
            skipped = 10;
        }
        if sources.is_empty() && !anonymous {
            skip!(10);
        }
        if rule.speech && skipped == 0 {
            speakers.push((h.first, sources.clone()));
        }
        // Targets: the first actor after the trigger (and after the source) not of the source's side.
        let src_countries: Vec<Option<String>> = sources
            .iter()
            .flat_map(|&s| {
                groups[s]
                    .iter()
                    .map(|a| a.country.clone().or_else(|| a.code.clone()))
            })
            .collect();
        let after_pos = sources
            .iter()
            .map(|&s| runs[s].last)
            .filter(|&l| l > h.first)
            .max()
            .unwrap_or(h.last);
        let same_side = |r: usize| {
            groups[r]
                .iter()
                .all(|a| src_countries.contains(&a.country.clone().or_else(|| a.code.clone())))
        };
        let mut targets: Vec<usize> = Vec::new();
        if let Some(t0) = (0..runs.len()).find(|&r| {
            runs[r].first > after_pos
                && runs[r].first < ce
                && !sources.contains(&r)
                && !same_side(r)
                && !groups[r].is_empty()
        }) {
            targets = chain(t0)
                .into_iter()
                .filter(|&r| !same_side(r) && !groups[r].is_empty())
                .collect();
        }
        trace.cands.push(cand(skipped));
        coded.push(Coded {
            skip: skipped,
            hit: h.clone(),
            sources,
            targets,
            conf,
            from_ref,
            future,
            anonymous,
        });
    }

    let has_event = coded
        .iter()
        .any(|c| c.skip == 0 && !dict.rules[c.hit.rule as usize].speech);
    let mut out = Vec::new();
    for c in &coded {
        let rule = &dict.rules[c.hit.rule as usize];
        let skip = c.skip;
        // A bare "X said", or speech around another event: not emitted, not even as a candidate
        // (statements are too vague to learn from: cross-validated F1 0.25 as candidates).
        if rule.speech && (has_event || c.targets.is_empty()) {
            continue;
        }
        // An announced meeting or visit is an intent to meet (CAMEO 036).
        let code = if c.future && rule.code.starts_with("04") {
            "036"
        } else {
            rule.code.as_str()
        };
        let Some(info) = codes::info(code) else {
            continue;
        };
        let (cs, ce) = clause_of(c.hit.first);
        let reported_by = if rule.speech {
            None
        } else {
            speakers
                .iter()
                .rev()
                .find(|(f, _)| *f < c.hit.first)
                .and_then(|(_, sp)| sp.first())
                .and_then(|&s| groups[s].first().cloned())
        };
        // Date: the nearest expression of the clause, not inside a relative clause after the trigger.
        let tstart = toks[c.hit.first].start - s0;
        let tend = toks[c.hit.last].end - s0;
        let clause_lo = toks[cs].start - s0;
        let clause_hi = if ce < n {
            toks[ce].start - s0
        } else {
            sent.len()
        };
        let date = date_exprs
            .iter()
            .filter(|d| d.start >= clause_lo && d.end <= clause_hi)
            .filter(|d| {
                d.start < tstart
                    || !toks.iter().any(|t| {
                        t.start - s0 >= tend
                            && t.start - s0 < d.start
                            && RELATIVE.contains(&t.key.as_str())
                    })
            })
            .min_by_key(|d| {
                if d.start >= tend {
                    d.start - tend
                } else {
                    tstart.saturating_sub(d.end)
                }
            })
            .map(|d| d.date)
            .or(published);
        let place = places::place_for(kb, &pieces, c.hit.first, cs, ce);
        let trigger_text = p[toks[c.hit.first].start..toks[c.hit.last].end].to_string();
        let mut sources: Vec<Actor> = c.sources.iter().flat_map(|&s| groups[s].clone()).collect();
        if c.anonymous {
            sources.push(Actor {
                name: String::new(),
                code: None,
                country: None,
                entity: None,
            });
        }
        let mut targets: Vec<(Actor, f32)> = c
            .targets
            .iter()
            .flat_map(|&t| groups[t].clone())
            .map(|a| (a, 0.0))
            .collect();
        for s in &sources {
            if s.code.is_none() && !c.anonymous {
                continue;
            }
            let mut tl = targets.clone();
            if tl.is_empty() && matches!(info.root.as_str(), "18" | "19" | "20") {
                if let Some(adv) = s.country.as_deref().and_then(|c| doc.adversary(c)) {
                    let code = adv.clone();
                    tl.push((
                        Actor {
                            name: kb
                                .get(&format!("country:{adv}"))
                                .map(|e| e.name_ar.clone())
                                .unwrap_or_default(),
                            code: Some(code),
                            country: Some(adv),
                            entity: Some(format!("country:{}", "")).filter(|_| false),
                        },
                        0.2,
                    ));
                }
            }
            let tl: Vec<Option<(Actor, f32)>> = if tl.is_empty() {
                vec![None]
            } else {
                tl.drain(..).map(Some).collect()
            };
            for t in tl {
                if t.as_ref().is_some_and(|(a, _)| a.code == s.code) {
                    continue;
                }
                let mut conf = c.conf
                    - if c.from_ref { 0.15 } else { 0.0 }
                    - t.as_ref().map(|x| x.1).unwrap_or(0.0);
                if t.is_none() {
                    conf -= 0.1;
                }
                // One event per (root, source country, target country) in a sentence: a person
                // and their country named together are one actor.
                let cty = |a: &Actor| a.country.clone().or_else(|| a.code.clone());
                if out.iter().any(|(o, _): &(Event, u8)| {
                    o.evidence.start == toks[c.hit.first].start
                        && o.root == info.root
                        && cty(&o.actor1) == cty(s)
                        && o.actor2.as_ref().map(cty) == t.as_ref().map(|x| cty(&x.0))
                }) {
                    continue;
                }
                out.push((
                    Event {
                        code: info.code.clone(),
                        root: info.root.clone(),
                        quad_class: info.quad_class,
                        goldstein: info.goldstein,
                        plover: Plover {
                            kind: info.plover_type.clone(),
                            mode: info.plover_mode.clone(),
                        },
                        actor1: placed(s.clone(), place.as_ref()),
                        actor2: t.map(|x| placed(x.0, place.as_ref())),
                        date,
                        place: place.clone(),
                        evidence: Evidence {
                            paragraph: pi,
                            sentence: sent.to_string(),
                            start: toks[c.hit.first].start,
                            end: toks[c.hit.last].end,
                            trigger: trigger_text.clone(),
                        },
                        confidence: conf.clamp(0.05, 1.0),
                        reported_by: reported_by.clone(),
                        mentions: 1,
                    },
                    skip,
                ));
            }
        }
        let _ = targets.drain(..);
    }
    // Remember people and the subject for references in later sentences.
    for (r, g) in runs.iter().zip(&groups) {
        if r.person {
            doc.persons.extend(g.iter().cloned());
        }
    }
    if let Some((e, _)) = out.iter().find(|(_, k)| *k == 0) {
        doc.last_subject = Some(e.actor1.clone());
    } else if let Some(g) = groups
        .iter()
        .find(|g| g.iter().any(|a| a.country.is_some()))
    {
        doc.last_subject = g.first().cloned();
    }
    out
}

/// An agent with a role and no country (الحرس الوطني، المحتجون، الحكومة: `COP`, `CVL`, `GOV`)
/// acting at a place the clause names is of that place's country (`TUNCOP` at جندوبة).
fn placed(mut a: Actor, place: Option<&crate::event::Place>) -> Actor {
    let country = place.and_then(|p| p.country.clone());
    if let (None, Some(c), Some(role)) = (&a.country, country, a.code.clone()) {
        if role.len() == 3 && role.chars().all(|x| x.is_ascii_uppercase()) && role != "IGO" {
            a.code = Some(format!("{c}{role}"));
            a.country = Some(c);
        }
    }
    a
}

/// Updates the document memory for a sentence without triggers.
fn remember(
    doc: &mut Doc,
    kb: &Kb,
    toks: &[Tok],
    p: &str,
    pi: usize,
    entities: &[FoundEntity],
    published: Option<NaiveDate>,
) {
    let pieces = actors::pieces(kb, toks, pi, entities, published);
    for pc in pieces.iter().filter(|x| x.kind == Kind::Person) {
        doc.persons.push(Actor {
            name: p[toks[pc.first].start..toks[pc.last].end].to_string(),
            code: pc.code.clone(),
            country: pc.country.clone(),
            entity: pc.entity.clone(),
        });
    }
    if let Some(pc) = pieces
        .iter()
        .find(|x| matches!(x.kind, Kind::Person | Kind::Country | Kind::Org))
    {
        doc.last_subject = Some(Actor {
            name: p[toks[pc.first].start..toks[pc.last].end].to_string(),
            code: pc.code.clone(),
            country: pc.country.clone(),
            entity: pc.entity.clone(),
        });
    }
}

/// The actors each run stands for: itself, or what its reference resolves to.
fn resolve(runs: &[Run], doc: &Doc) -> Vec<Vec<Actor>> {
    let mut out: Vec<Vec<Actor>> = Vec::with_capacity(runs.len());
    for (i, r) in runs.iter().enumerate() {
        if r.dual {
            // The two distinct people named last.
            let mut v: Vec<Actor> = Vec::new();
            for a in doc.persons.iter().rev().chain(
                runs[..i]
                    .iter()
                    .rev()
                    .filter(|x| x.person)
                    .map(|x| &x.actor),
            ) {
                if !v.iter().any(|b| b.code == a.code && b.entity == a.entity) {
                    v.push(a.clone());
                }
                if v.len() == 2 {
                    break;
                }
            }
            out.push(if v.len() == 2 {
                v.into_iter()
                    .map(|a| Actor {
                        name: r.actor.name.clone(),
                        ..a
                    })
                    .collect()
            } else {
                Vec::new()
            });
            continue;
        }
        if let Some(agent) = &r.reference {
            let country = out[..i]
                .iter()
                .rev()
                .flat_map(|g| g.iter())
                .find_map(|a| a.country.clone())
                .or_else(|| doc.last_subject.as_ref().and_then(|a| a.country.clone()));
            out.push(match country {
                Some(c) => vec![Actor {
                    name: r.actor.name.clone(),
                    code: Some(format!("{c}{agent}")),
                    country: Some(c),
                    entity: None,
                }],
                None => Vec::new(),
            });
            continue;
        }
        out.push(if r.actor.code.is_some() {
            vec![r.actor.clone()]
        } else {
            Vec::new()
        });
    }
    out
}

/// The hits to code: the most specific rule at each position; a hit inside another hit's span
/// (its words up to its needed word) is part of it, not an event of its own.
fn select(dict: &Dict, toks: &[Tok], mut hits: Vec<Hit>) -> Vec<Hit> {
    let _ = toks;
    hits.sort_by(|a, b| {
        b.weight
            .cmp(&a.weight)
            .then(b.need_end.cmp(&a.need_end))
            .then(a.first.cmp(&b.first))
            .then(a.rule.cmp(&b.rule))
    });
    let mut kept: Vec<Hit> = Vec::new();
    for h in hits {
        // Overlapping another hit's trigger words or its needed words (دعا إلى وقف إطلاق النار:
        // the ceasefire is the appeal's content). A trigger between a verb and its needed word
        // (أكد في مكالمة هاتفية مع نظيره دعمه) is an event of its own.
        let overlaps = |a0: usize, a1: usize, b0: usize, b1: usize| a0 <= b1 && b0 <= a1;
        let inside = kept.iter().any(|k| {
            overlaps(h.first, h.last, k.first, k.last)
                || overlaps(h.first, h.last, k.need_start, k.need_end)
                || overlaps(k.first, k.last, h.need_start, h.need_end)
                || (dict.rules[k.rule as usize].speech && h.first > k.last && h.first <= k.need_end)
        });
        // A speech verb at the same place as a content rule (أكد ضرورة) yields to it.
        if inside {
            continue;
        }
        kept.push(h);
    }
    let _ = dict;
    kept.sort_by_key(|h| h.first);
    kept
}
