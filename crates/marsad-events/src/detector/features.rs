//! Features of a (sentence, event type) pair: the words of the sentence, the candidates the
//! trigger dictionary found there (kept or skipped by the rules, and why), negation, denial,
//! intent, background and relative-clause cues around them, casualty counts, and the actors of
//! the proposed events. Every feature is emitted twice: alone (shared by all types) and joined
//! to the type, so rare types borrow from frequent ones.

use crate::event::Event;
use crate::triggers::Tok;

/// A rule's trigger hit in a sentence, with the reason the rules gave for skipping it (0: kept).
#[derive(Debug, Clone)]
pub struct Candidate {
    pub code: String,
    pub first: usize,
    pub last: usize,
    pub noun: bool,
    pub verb: bool,
    pub curated: bool,
    pub skip: u8,
}

/// One decision the detector makes: does this sentence report an event of `kind`?
#[derive(Debug, Clone)]
pub struct Instance {
    pub kind: String,
    pub features: Vec<String>,
}

/// The type an event is scored under: its PLOVER type, or `STATEMENT` for CAMEO 01 (PLOVER has
/// no public-statement category).
pub fn event_type(code: &str) -> String {
    crate::codes::info(code)
        .map(|i| i.plover_type.clone())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| "STATEMENT".to_string())
}

const NEG: &[&str] = &["لم", "لن", "لا", "ما", "ليس", "عدم", "دون", "بدون", "غير", "ولم", "ولن", "ولا"];
const DENY: &[&str] = &["نفي", "نفت", "ينفي", "تنفي", "نفوا", "ينفون", "نفيه", "انكر", "انكرت", "كذب", "تكذيب"];
const INTENT: &[&str] = &[
    "سوف", "يعتزم", "تعتزم", "ينوي", "تنوي", "يتوقع", "يرتقب", "مقرر", "المقرر", "يمكن", "قد", "خطه",
    "تهدف", "يهدف", "بهدف", "لمنع", "منع", "خشيه", "تحسبا", "مخاوف", "خطر", "تهديد", "دعا", "دعت", "طالب",
];
const BACKGROUND: &[&str] = &[
    "خلال", "اثناء", "عقب", "بعد", "قبل", "اثر", "اعقاب", "خلفيه", "منذ", "ذكري", "اثار", "ضحايا", "موقع",
    "مكان", "مسرح", "ادان", "ادانت", "تدين", "ندد", "نددت", "استنكر", "استنكرت", "تحقيق", "التحقيق",
    "محاكمه", "قضيه", "متهم", "المتهم", "بتهمه", "تهمه", "مكافحه", "ضد", "حول", "بشان",
];
const RELATIVE: &[&str] = &["الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان"];
const CASUALTY: &[&str] = &["قتيل", "قتلي", "جريح", "جرحي", "مصرع", "اصابه", "مقتل", "شهيد", "شهداء", "ضحايا"];
const GENERIC_PLURAL: &str = "ات";

fn has(list: &[&str], t: &Tok) -> bool {
    list.iter().any(|w| t.key == *w || t.loose.iter().any(|x| x == w))
}

/// The shortest clitic-free variant of a token: a cheap lemma.
fn stem(t: &Tok) -> &str {
    t.anchors
        .iter()
        .filter(|a| !a.1)
        .map(|a| a.0.as_str())
        .min_by_key(|s| s.len())
        .unwrap_or(t.key.as_str())
}

/// The instances of one sentence: one per event type among the proposed `events` (`skips[i]`:
/// the rule that would have dropped event i, or 0).
pub fn instances(toks: &[Tok], cands: &[Candidate], events: &[Event], skips: &[u8]) -> Vec<Instance> {
    let mut kinds: Vec<String> = events.iter().map(|e| event_type(&e.code)).collect();
    kinds.sort();
    kinds.dedup();
    if kinds.is_empty() {
        return Vec::new();
    }
    let shared = sentence_features(toks);
    kinds
        .into_iter()
        .map(|kind| {
            let mut f = shared.clone();
            type_features(&kind, toks, cands, events, skips, &mut f);
            let joined: Vec<String> = f.iter().map(|x| format!("{kind}|{x}")).collect();
            f.extend(joined);
            f.push(format!("T|{kind}"));
            f.sort();
            f.dedup();
            Instance { kind, features: f }
        })
        .collect()
}

fn sentence_features(toks: &[Tok]) -> Vec<String> {
    let mut f = vec!["bias".to_string()];
    let mut prev = "<s>";
    for t in toks {
        let s = stem(t);
        f.push(format!("w:{s}"));
        f.push(format!("b:{prev}_{s}"));
        prev = s;
    }
    if toks.iter().any(|t| t.key.chars().all(|c| c.is_ascii_digit()) && !t.key.is_empty()) {
        f.push("digits".into());
    }
    if toks.iter().any(|t| has(NEG, t)) {
        f.push("neg".into());
    }
    if toks.iter().any(|t| has(DENY, t)) {
        f.push("deny".into());
    }
    if toks.iter().any(|t| has(CASUALTY, t)) {
        f.push("casualty".into());
    }
    let n = toks.len();
    f.push(format!("len:{}", (n / 10).min(5)));
    f
}

fn type_features(
    kind: &str,
    toks: &[Tok],
    cands: &[Candidate],
    events: &[Event],
    skips: &[u8],
    f: &mut Vec<String>,
) {
    for c in cands.iter().filter(|c| event_type(&c.code) == kind) {
        let at = |k: Option<usize>| k.and_then(|k| toks.get(k)).map(stem).unwrap_or("<s>");
        f.push(format!("c:root{}", &c.code[..2]));
        f.push(format!("c:skip{}", c.skip));
        f.push(format!("c:{}", if c.noun { "noun" } else if c.verb { "verb" } else { "form" }));
        if !c.curated {
            f.push("c:up".into());
        }
        f.push(format!("c:k:{}", stem(&toks[c.first])));
        f.push(format!("c:p:{}", at(c.first.checked_sub(1))));
        f.push(format!("c:pp:{}", at(c.first.checked_sub(2))));
        f.push(format!("c:n:{}", at(Some(c.last + 1))));
        if c.noun && toks[c.first].key.ends_with(GENERIC_PLURAL) {
            f.push("c:plural".into());
        }
        if c.first == 0 {
            f.push("c:first".into());
        }
        let window = |lo: usize, hi: usize, list: &[&str]| (lo..hi.min(toks.len())).any(|k| has(list, &toks[k]));
        let lo = c.first.saturating_sub(3);
        if window(lo, c.first, NEG) {
            f.push("c:neg3".into());
        }
        if window(c.first.saturating_sub(8), c.first, DENY) {
            f.push("c:deny8".into());
        }
        if window(c.first.saturating_sub(4), c.first, INTENT) {
            f.push("c:intent4".into());
        }
        if window(c.first.saturating_sub(3), c.first, BACKGROUND) {
            f.push("c:bg3".into());
        }
        if window(c.last + 1, c.last + 3, RELATIVE) {
            f.push("c:rel_after".into());
        }
        if window(c.first.saturating_sub(2), c.first, RELATIVE) {
            f.push("c:rel_before".into());
        }
        if window(c.first.saturating_sub(6), c.last + 7, CASUALTY) {
            f.push("c:casualty6".into());
        }
        if toks[c.first].anchors.iter().any(|a| a.1) {
            f.push("c:future".into());
        }
    }
    for (e, skip) in events.iter().zip(skips).filter(|(e, _)| event_type(&e.code) == kind) {
        f.push(format!("e:skip{skip}"));
        let named = |a: &crate::event::Actor| a.code.is_some() || !a.name.is_empty();
        f.push(format!("e:root{}", e.root));
        f.push(format!("e:src:{}", if named(&e.actor1) { "named" } else { "none" }));
        f.push(format!("e:tgt:{}", if e.actor2.as_ref().is_some_and(named) { "named" } else { "none" }));
        if e.reported_by.is_some() {
            f.push("e:reported".into());
        }
        if e.place.is_some() {
            f.push("e:place".into());
        }
        f.push(format!("e:conf{}", (e.confidence * 4.0) as u8));
    }
}
