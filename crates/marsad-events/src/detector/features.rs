//! Features of a (sentence, event type) pair: the words of the sentence, the candidates the
//! trigger dictionary found there (kept or skipped by the rules, and why), negation, denial,
//! intent, background and relative-clause cues around them, casualty words, and the actors of
//! the proposed events. Every feature is emitted twice: alone (shared by all types) and joined
//! to the type, so rare types borrow from frequent ones.
//!
//! Features are 64-bit hashes of their text (FNV-1a), built without allocating: the detector
//! runs on every sentence that has a candidate, inside the analysis hot path.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::coder::{NEGATORS, RELATIVE};
use crate::event::{Actor, Event};
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
    /// The rule matched with one of its needed words (a more specific rule).
    pub needs: bool,
    pub skip: u8,
}

/// One decision the detector makes: does this sentence report an event of `kind`?
#[derive(Debug, Clone)]
pub struct Instance {
    pub kind: String,
    pub features: Vec<u64>,
    /// Some proposed event of this type is one no rule would drop.
    pub clean: bool,
    /// …and comes from a hand-written rule whose needed word matched (the dictionary's most
    /// specific rules, e.g. قبول + المشاركة): such instances have their own threshold.
    pub specific: bool,
    /// A type no rule proposed here, put forward by the sentence model ([`super::stack`]).
    pub novel: bool,
}

/// The type an event is scored under: its PLOVER type, or `STATEMENT` for CAMEO 01 (PLOVER has
/// no public-statement category).
pub fn event_type(code: &str) -> &'static str {
    crate::codes::info(code)
        .map(|i| i.plover_type.as_str())
        .filter(|t| !t.is_empty())
        .unwrap_or("STATEMENT")
}

/// FNV-1a over the parts, with a separator between them.
pub fn hash(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            h ^= 0x1f;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        for b in p.bytes() {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// A feature joined to an event type.
pub fn join(kind: u64, f: u64) -> u64 {
    (f ^ kind.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x5bd1_e995
}

pub(crate) fn num(tag: &str, n: usize) -> u64 {
    const DIGITS: [&str; 12] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"];
    hash(&[tag, DIGITS[n.min(11)]])
}

const DENY: &[&str] = &[
    "نفي",
    "نفت",
    "ينفي",
    "تنفي",
    "نفوا",
    "ينفون",
    "نفيه",
    "انكر",
    "انكرت",
    "كذب",
    "تكذيب",
];
const INTENT: &[&str] = &[
    "سوف",
    "يعتزم",
    "تعتزم",
    "ينوي",
    "تنوي",
    "يتوقع",
    "يرتقب",
    "مقرر",
    "المقرر",
    "يمكن",
    "قد",
    "خطه",
    "تهدف",
    "يهدف",
    "بهدف",
    "لمنع",
    "منع",
    "خشيه",
    "تحسبا",
    "مخاوف",
    "خطر",
    "تهديد",
    "دعا",
    "دعت",
    "طالب",
];
const BACKGROUND: &[&str] = &[
    "خلال",
    "اثناء",
    "عقب",
    "بعد",
    "قبل",
    "اثر",
    "اعقاب",
    "خلفيه",
    "منذ",
    "ذكري",
    "اثار",
    "ضحايا",
    "موقع",
    "مكان",
    "مسرح",
    "ادان",
    "ادانت",
    "تدين",
    "ندد",
    "نددت",
    "استنكر",
    "استنكرت",
    "تحقيق",
    "التحقيق",
    "محاكمه",
    "قضيه",
    "متهم",
    "المتهم",
    "بتهمه",
    "تهمه",
    "مكافحه",
    "ضد",
    "حول",
    "بشان",
];
const CASUALTY: &[&str] = &[
    "قتيل",
    "قتلي",
    "جريح",
    "جرحي",
    "مصرع",
    "اصابه",
    "مقتل",
    "شهيد",
    "شهداء",
    "ضحايا",
];

/// Which cue lists a word is in (one bit per list), for one lookup per token variant.
fn cue_bits(w: &str) -> u8 {
    static MAP: OnceLock<HashMap<&'static str, u8>> = OnceLock::new();
    let map = MAP.get_or_init(|| {
        let mut m = HashMap::new();
        for (bit, list) in [
            NEGATORS, DENY, INTENT, BACKGROUND, RELATIVE, CASUALTY, DATE_NOW,
        ]
        .iter()
        .enumerate()
        {
            for w in *list {
                *m.entry(*w).or_insert(0) |= 1 << bit;
            }
        }
        m
    });
    map.get(w).copied().unwrap_or(0)
}

fn bits_of(t: &Tok) -> u8 {
    t.loose
        .iter()
        .fold(cue_bits(&t.key), |b, x| b | cue_bits(x))
}

const B_NEG: u8 = 1;
const B_DENY: u8 = 2;
const B_INTENT: u8 = 4;
const B_BACKGROUND: u8 = 8;
const B_RELATIVE: u8 = 16;
const B_CASUALTY: u8 = 32;
const B_DATE_NOW: u8 = 64;

/// The shortest clitic-free variant of a token: a cheap lemma.
pub(crate) fn stem(t: &Tok) -> &str {
    t.anchors
        .iter()
        .filter(|a| !a.1)
        .map(|a| a.0.as_str())
        .min_by_key(|s| s.len())
        .unwrap_or(t.key.as_str())
}

/// The instances of one sentence: one per event type among the proposed `events` (`skips[i]`:
/// the rule that would have dropped event i, or 0); and the features they all share (empty when
/// there is no instance).
pub fn instances(
    toks: &[Tok],
    cands: &[Candidate],
    events: &[Event],
    skips: &[u8],
) -> (Vec<Instance>, Vec<u64>) {
    let mut kinds: Vec<&str> = events.iter().map(|e| event_type(&e.code)).collect();
    kinds.sort();
    kinds.dedup();
    if kinds.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let bits: Vec<u8> = toks.iter().map(bits_of).collect();
    let shared = sentence_features(toks, &bits);
    let instances = kinds
        .into_iter()
        .map(|kind| {
            let k = hash(&[kind]);
            let mut f = shared.clone();
            type_features(kind, (toks, &bits), cands, (events, skips), &mut f);
            let n = f.len();
            f.reserve(n + 1);
            for i in 0..n {
                f.push(join(k, f[i]));
            }
            f.push(join(k, hash(&["T"])));
            f.sort_unstable();
            f.dedup();
            let clean = events
                .iter()
                .zip(skips)
                .any(|(e, k)| *k == 0 && event_type(&e.code) == kind);
            let specific = cands
                .iter()
                .any(|c| c.skip == 0 && c.needs && c.curated && event_type(&c.code) == kind);
            Instance {
                kind: kind.to_string(),
                features: f,
                clean,
                specific,
                novel: false,
            }
        })
        .collect();
    (instances, shared)
}

fn sentence_features(toks: &[Tok], bits: &[u8]) -> Vec<u64> {
    let mut f = Vec::with_capacity(toks.len() * 2 + 8);
    f.push(hash(&["bias"]));
    // Words, not word pairs: bigrams doubled the features for no cross-validated gain.
    for t in toks {
        f.push(hash(&["w", stem(t)]));
    }
    let cue = |bit: u8| bits.iter().any(|b| b & bit != 0);
    if toks
        .iter()
        .any(|t| !t.key.is_empty() && t.key.bytes().all(|c| c.is_ascii_digit()))
    {
        f.push(hash(&["digits"]));
    }
    for (name, bit) in [("neg", B_NEG), ("deny", B_DENY), ("casualty", B_CASUALTY)] {
        if cue(bit) {
            f.push(hash(&[name]));
        }
    }
    f.push(num("len", toks.len() / 10));
    // How the sentence opens: يذكر أن، وكان … قد، وفي سياق … (background) or a verb (news).
    for (k, t) in toks.iter().take(2).enumerate() {
        f.push(hash(&["open", ["0", "1"][k], stem(t)]));
    }
    if cue(B_DATE_NOW) {
        f.push(hash(&["date_now"]));
    }
    f
}

const DATE_NOW: &[&str] = &[
    "امس",
    "اليوم",
    "الليله",
    "صباح",
    "مساء",
    "فجر",
    "الجمعه",
    "السبت",
    "الاحد",
    "الاثنين",
    "الثلاثاء",
    "الاربعاء",
    "الخميس",
];

fn type_features(
    kind: &str,
    (toks, bits): (&[Tok], &[u8]),
    cands: &[Candidate],
    (events, skips): (&[Event], &[u8]),
    f: &mut Vec<u64>,
) {
    for c in cands.iter().filter(|c| event_type(&c.code) == kind) {
        candidate_features(toks, bits, c, f);
    }
    for (e, skip) in events
        .iter()
        .zip(skips)
        .filter(|(e, _)| event_type(&e.code) == kind)
    {
        f.push(num("e:skip", *skip as usize));
        f.push(hash(&["e:root", &e.root]));
        f.push(hash(&[
            "e:src",
            if e.actor1.is_named() { "named" } else { "none" },
        ]));
        let tgt = e.actor2.as_ref().is_some_and(Actor::is_named);
        f.push(hash(&["e:tgt", if tgt { "named" } else { "none" }]));
        if e.reported_by.is_some() {
            f.push(hash(&["e:reported"]));
        }
        if e.place.is_some() {
            f.push(hash(&["e:place"]));
        }
        f.push(num("e:conf", (e.confidence * 4.0) as usize));
    }
}

fn candidate_features(toks: &[Tok], bits: &[u8], c: &Candidate, f: &mut Vec<u64>) {
    let at = |k: Option<usize>| k.and_then(|k| toks.get(k)).map(stem).unwrap_or("<s>");
    let t = &toks[c.first];
    f.push(hash(&["c:root", crate::codes::root(&c.code)]));
    f.push(hash(&["c:code", &c.code]));
    f.push(num("c:pos", c.first.min(6)));
    if t.conj {
        f.push(hash(&["c:conj"]));
    }
    if c.verb && t.key.starts_with(['ي', 'ت', 'ن']) {
        f.push(hash(&["c:imperfect"]));
    }
    f.push(num("c:skip", c.skip as usize));
    f.push(hash(&[
        "c:form",
        if c.noun {
            "noun"
        } else if c.verb {
            "verb"
        } else {
            "form"
        },
    ]));
    if !c.curated {
        f.push(hash(&["c:up"]));
    }
    if c.needs {
        f.push(hash(&["c:needs"]));
        f.push(hash(&["c:needs_skip", ["0", "1"][(c.skip > 0) as usize]]));
    }
    f.push(hash(&["c:k", stem(t)]));
    f.push(hash(&["c:raw", &t.key]));
    let prev_raw = c
        .first
        .checked_sub(1)
        .map(|k| toks[k].key.as_str())
        .unwrap_or("<s>");
    f.push(hash(&["c:rawp", prev_raw]));
    let def = t.anchors.iter().any(|a| a.2) || t.key.starts_with("ال");
    f.push(hash(&["c:def", if def { "1" } else { "0" }]));
    f.push(hash(&["c:p", at(c.first.checked_sub(1))]));
    f.push(hash(&["c:pp", at(c.first.checked_sub(2))]));
    f.push(hash(&["c:n", at(Some(c.last + 1))]));
    f.push(hash(&["c:kp", stem(t), at(c.first.checked_sub(1))]));
    f.push(hash(&["c:kn", stem(t), at(Some(c.last + 1))]));
    let lo = c.first.saturating_sub(4);
    for (k, w) in toks.iter().enumerate().take(c.last + 5).skip(lo) {
        if k < c.first || k > c.last {
            f.push(hash(&["c:win", stem(w)]));
        }
    }
    if c.noun && t.key.ends_with("ات") {
        f.push(hash(&["c:plural"]));
    }
    if c.first == 0 {
        f.push(hash(&["c:first"]));
    }
    let window = |lo: usize, hi: usize, bit: u8| {
        bits.get(lo..hi.min(bits.len()))
            .is_some_and(|w| w.iter().any(|b| b & bit != 0))
    };
    let cues = [
        ("c:neg3", window(c.first.saturating_sub(3), c.first, B_NEG)),
        (
            "c:deny8",
            window(c.first.saturating_sub(8), c.first, B_DENY),
        ),
        (
            "c:intent4",
            window(c.first.saturating_sub(4), c.first, B_INTENT),
        ),
        (
            "c:bg3",
            window(c.first.saturating_sub(3), c.first, B_BACKGROUND),
        ),
        ("c:rel_after", window(c.last + 1, c.last + 3, B_RELATIVE)),
        (
            "c:rel_before",
            window(c.first.saturating_sub(2), c.first, B_RELATIVE),
        ),
        (
            "c:casualty6",
            window(c.first.saturating_sub(6), c.last + 7, B_CASUALTY),
        ),
        ("c:future", t.anchors.iter().any(|a| a.1)),
    ];
    for (name, on) in cues {
        if on {
            f.push(hash(&[name]));
        }
    }
}
