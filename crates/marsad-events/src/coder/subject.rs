//! Who did it: the source actors of a hit, by Arabic word order.
//!
//! A verb that opens its clause (و/ف + verb, after a comma, first word, after قد) takes its
//! subject after it (VSO: هاجم مسلحون); otherwise the nearest actor before it (SVO: المسلحون
//! هاجموا). An event noun takes its possessor or the clause's subject; a doer named by من قبل /
//! على يد wins. With no subject of its own (pro-drop), a verb takes the subject of the previous
//! event of the sentence or the speaker of the reported speech it sits in.
//!
//! For: the source runs of one hit. Not for: the target ([`super::target`]), nor whether a hit
//! with no source is kept ([`super::coded`]).

use super::coded::Coding;
use super::sentence::Sentence;
use super::status::after_document;
use super::words::{CAUSED_BY, COUNT_WORDS, OBJECT_PREPOSITIONS, TIME_WORDS};
use crate::actors::Run;
use crate::triggers::Hit;

/// The source runs of hit `h`, coordinated runs included, each standing for some actor; and
/// whether they were borrowed from another event or speaker (a dropped subject) rather than named.
pub(crate) fn sources(s: &Sentence, h: &Hit, passive: bool, coding: &Coding) -> (Vec<usize>, bool) {
    let rule = s.rule(h);
    let mut from_ref = false;
    // داعيا، مطالبا، متهما after the main clause: the participle's doer is that clause's subject,
    // and the actor after it is its object (داعيا رئيس الحكومة للتدخل).
    let participle = circumstantial(s, h);
    // The victims an earlier casualty hit counted (قتل 3 أشخاص … بانفجار) did not do the event
    // after them: they are what it struck.
    let victim = |r: usize| {
        coding
            .coded
            .iter()
            .any(|c| c.targets.contains(&r) && casualty_victims(s, &c.hit).is_some())
    };
    let named = if participle {
        None
    } else {
        named(s, h, passive).filter(|&r| !victim(r))
    };
    let mut sources = match named {
        Some(r) => s.chain(r),
        // Only a verb opening its clause can have a dropped subject; after a noun
        // (الأعضاء شددوا) the subject is that noun, which is no actor.
        None if participle || rule.noun || vso_position(s, h) || passive => {
            from_ref = true;
            dropped(s, h, passive, coding)
        }
        None => Vec::new(),
    };
    sources.retain(|&r| !s.groups[r].is_empty());
    (sources, from_ref)
}

/// The hit is an active participle in the accusative (حال) that follows its clause's verb after a
/// comma or و, with the alif of tanwin (داعيا، مطالبا، متهما، محذرا، معتبرا).
fn circumstantial(s: &Sentence, h: &Hit) -> bool {
    let t = &s.toks[h.first];
    let key = unjoined(&t.key);
    // مفعل/مفتعل… (مطالبا) or فاعل (داعيا، قايلا): م first, or ا second.
    let participle = key.starts_with('م') || key.chars().nth(1) == Some('ا');
    h.first > 0
        && (t.punct_before || t.conj)
        && participle
        && key.ends_with('ا')
        && key.chars().count() >= 5
}

/// The verb is where a VSO subject follows it: it opens its clause, follows و/ف or a comma, is
/// the clause's second word, or follows قد/لقد/ثم/إذ.
pub(crate) fn vso_position(s: &Sentence, h: &Hit) -> bool {
    let (cs, _) = s.clause_of(h.first);
    let t = &s.toks[h.first];
    t.conj
        || h.first == cs
        || t.punct_before
        || (h.first == cs + 1 && cs > 0)
        || (h.first > cs && matches!(s.key(h.first - 1), "قد" | "وقد" | "لقد" | "ثم" | "اذ"))
}

/// The run the sentence names as the doer of `h`, if any.
fn named(s: &Sentence, h: &Hit, passive: bool) -> Option<usize> {
    let (cs, ce) = s.clause_of(h.first);
    let rule = s.rule(h);
    let in_clause = |r: &Run| r.first >= cs && r.first < ce;
    if let Some(a) = agentive(s, h).filter(|_| rule.noun || passive) {
        return Some(a);
    }
    if passive {
        return None;
    }
    if rule.noun {
        // The possessor right after the noun (موافقة بلاده), else the clause's actor before it.
        // An actor after a preposition is the object (القبض على إرهابي، هجوم على الجيش).
        let runs = &s.runs;
        let possessed = |r: &Run| {
            r.first > h.last
                && r.first <= h.last + 2
                && in_clause(r)
                && (h.last..r.first).all(|k| !OBJECT_PREPOSITIONS.contains(&s.key(k)))
        };
        return runs
            .iter()
            .position(possessed)
            .or_else(|| runs.iter().rposition(|r| r.last < h.first && in_clause(r)));
    }
    if vso_position(s, h) {
        // A verb marked plural (وأطلقوا النار باتجاه متظاهرين) carries its subject: a verb before
        // its subject stays singular in Arabic, so the actor after it is an object.
        if rule.verb && s.key(h.first).ends_with("وا") {
            return None;
        }
        return after(s, h);
    }
    // SVO: the nearest actor before the verb with no punctuation in between.
    let toks = s.toks;
    let src = s
        .runs
        .iter()
        .rposition(|r| {
            r.last < h.first
                && in_clause(r)
                && (r.last + 1..=h.first).all(|k| !toks[k].punct_before)
        })
        .or_else(|| after(s, h));
    if src.is_some_and(|r| s.runs[r].last < h.first) && after_document(s, h) {
        return None;
    }
    src
}

/// The doer named after the event: من قبل X، من طرف X، على يد X; one word on, after a word of
/// members or command (من قبل عناصر تنظيم داعش، قيادة الولايات المتحدة) or as the second of two
/// doers (من قبل المحققين والجيش الإسرائيلي). Not any word: من قبل is also "before".
fn agentive(s: &Sentence, h: &Hit) -> Option<usize> {
    let (_, ce) = s.clause_of(h.first);
    let k = (h.last + 1..ce.saturating_sub(2)).find(|&k| {
        (s.key(k) == "من" && matches!(s.key(k + 1), "قبل" | "طرف"))
            || (s.key(k) == "علي" || s.key(k) == "على") && s.key(k + 1) == "يد"
    })?;
    let one_on = k + 3 < ce && (MEMBERS.contains(&s.key(k + 2)) || s.toks[k + 3].conj);
    s.runs
        .iter()
        .position(|r| r.first == k + 2 || (one_on && r.first == k + 3))
}

/// Words of members or command before a group's name (عناصر تنظيم داعش، قيادة الولايات المتحدة).
const MEMBERS: &[&str] = &[
    "عناصر",
    "افراد",
    "مسلحي",
    "مقاتلي",
    "مجموعه",
    "جماعه",
    "عصابه",
    "ميليشيات",
    "مليشيات",
    "قياده",
    "وحدات",
];

/// The subject after a verb: it follows closely (an adverbial at most, or a number and a time:
/// هاجم نحو 20 مسلحا، تظاهر صباح الجمعة عشرات المواطنين); farther on, an actor is an object or a
/// possessor (شدد على ضرورة امتثال أذربيجان).
fn after(s: &Sentence, h: &Hit) -> Option<usize> {
    let (cs, ce) = s.clause_of(h.first);
    s.runs.iter().position(|r| {
        r.first > h.first
            && r.first >= cs
            && r.first < ce
            && (r.first <= h.last + 3
                || (r.first <= h.last + 6
                    && (h.last + 1..r.first)
                        .all(|k| quantity(s, k) || TIME_WORDS.contains(&s.key(k)))))
    })
}

/// Token `k` is part of a quantity (20، نحو، عشرات، آلاف).
pub(crate) fn quantity(s: &Sentence, k: usize) -> bool {
    let key = s.key(k);
    key.chars().all(|c| c.is_ascii_digit())
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
            "الوف",
        ]
        .contains(&key)
}

/// Verbs of killing and wounding that news writes in the passive, victims first (قُتل ثلاثة جنود،
/// أصيب 20 شخصا): the past form is spelled as the active one.
const CASUALTY_VERBS: &[&str] = &[
    "قتل",
    "قتلت",
    "جرح",
    "جرحت",
    "اصيب",
    "اصيبت",
    "استشهد",
    "استشهدت",
];
/// Words besides counts that open a number of victims.
const VAGUE_COUNTS: &[&str] = &["عده", "العشرات", "المئات", "اكثر", "اقل"];

/// A match key without its leading و/ف (وقتل → قتل).
fn unjoined(key: &str) -> &str {
    key.strip_prefix(['و', 'ف']).unwrap_or(key)
}

/// Nouns of dying and being hurt whose possessor is who suffered it, never who caused it (مقتل
/// شرطيين، إصابة القائد، لقوا مصرعهم، استشهاد عسكري).
const CASUALTY_NOUNS: &[&str] = &["مقتل", "اصابه", "مصرع", "استشهاد", "وفاه"];

/// A casualty noun with its victims right after it (أسفر عن مقتل شرطيين، نبأ إصابة القائد):
/// `Some(victims)`. Whoever announces or reports it is not the doer.
fn casualty_noun_victims(s: &Sentence, h: &Hit) -> Option<Option<usize>> {
    let rule = s.rule(h);
    let bare = unjoined(s.key(h.first));
    let bare = bare.strip_prefix(['ب', 'ل']).unwrap_or(bare);
    if !(rule.noun && super::status::violent(&rule.code) && CASUALTY_NOUNS.contains(&bare)) {
        return None;
    }
    let (_, ce) = s.clause_of(h.first);
    // Right after it, or after a count (استشهاد 4 من رجال القوات) or a title (إصابة القائد العام
    // للقوات), with no punctuation or preposition between.
    let possessor = s.runs.iter().position(|r| {
        r.first > h.last
            && r.first <= h.last + 5
            && r.first < ce
            && (h.last + 1..=r.first).all(|k| !s.toks[k].punct_before)
            && (h.last + 1..r.first).all(|k| !OBJECT_PREPOSITIONS.contains(&s.key(k)))
    });
    Some(possessor)
}

/// Verbs whose subject suffered the violence, whatever their place (أصيب، استشهد): the doer is
/// never their subject.
const SUFFERED_VERBS: &[&str] = &["اصيب", "اصيبت", "اصيبوا", "استشهد", "استشهدت", "استشهدوا"];
/// لقي مصرعه / لقوا حتفهم: met their death.
const MET_VERBS: &[&str] = &["لقي", "لقيت", "لقوا", "لقيا"];

/// A report of suffering (أفراد من الأمن أصيبوا، لقي ثلاثة جنود مصرعهم): `Some(victims)`, its
/// subject after it when it opens its clause, else the nearest actor before it in the clause.
fn suffered_victims(s: &Sentence, h: &Hit) -> Option<Option<usize>> {
    let rule = s.rule(h);
    if !super::status::violent(&rule.code) {
        return None;
    }
    let bare = |k: usize| unjoined(s.key(k));
    let death = |k: usize| s.key(k).starts_with("مصرع") || s.key(k).starts_with("حتف");
    let met = (h.first..=h.last).any(death)
        && (h.first.saturating_sub(3)..=h.first).any(|k| MET_VERBS.contains(&bare(k)));
    if !(met || (rule.verb && SUFFERED_VERBS.contains(&bare(h.first)))) {
        return None;
    }
    let (cs, ce) = s.clause_of(h.first);
    let verb = (h.first.saturating_sub(3)..=h.first)
        .rev()
        .find(|&k| MET_VERBS.contains(&bare(k)) || SUFFERED_VERBS.contains(&bare(k)))
        .unwrap_or(h.first);
    let before = subject_before(s, verb, cs);
    let after = s.runs.iter().position(|r| {
        r.first > verb
            && r.first <= verb + 4
            && r.first < ce
            && (verb + 1..r.first).all(|k| quantity(s, k) || COUNT_WORDS.contains(&s.key(k)))
    });
    Some(after.or(before))
}

/// The nearest run before `verb` in its clause (starting at `cs`) with no punctuation between:
/// the subject of an SVO verb of suffering (أفراد من الأمن أصيبوا، المقر تعرض لاعتداء).
fn subject_before(s: &Sentence, verb: usize, cs: usize) -> Option<usize> {
    let toks = s.toks;
    s.runs.iter().rposition(|r| {
        r.last < verb && r.first >= cs && (r.last + 1..=verb).all(|k| !toks[k].punct_before)
    })
}

/// تعرّض: "underwent" (تعرض لـ، تعرض إلى).
const UNDERWENT_VERBS: &[&str] = &[
    "تعرض",
    "تعرضت",
    "تعرضوا",
    "تعرضا",
    "تعرضتا",
    "يتعرض",
    "تتعرض",
    "يتعرضون",
    "يتعرضان",
];

/// A violent event that its subject underwent (تعرضت دورية للجيش لهجوم، تعرض عون أمن إلى
/// الاعتداء، المقر تعرض لاعتداء): `Some(victims)`, the actor between the verb and the event, else
/// the nearest one before the verb in the clause. The doer, if named, follows (من قبل، على يد).
fn underwent_victims(s: &Sentence, h: &Hit) -> Option<Option<usize>> {
    if !super::status::violent(&s.rule(h).code) {
        return None;
    }
    let (cs, _) = s.clause_of(h.first);
    let verb = (cs.max(h.first.saturating_sub(8))..h.first)
        .rev()
        .find(|&k| UNDERWENT_VERBS.contains(&unjoined(s.key(k))))?;
    // The event is what was undergone: joined to ل or after إلى.
    let to = s.key(h.first).starts_with('ل') || matches!(s.key(h.first - 1), "الي" | "ل");
    if !to {
        return None;
    }
    let between = s
        .runs
        .iter()
        .position(|r| r.first > verb && r.last < h.first);
    let before = subject_before(s, verb, cs);
    Some(between.or(before))
}

/// A casualty verb opening its clause with a count of victims after it (قتل ثلاثة جنود أتراك),
/// or a casualty noun (مقتل ثلاثة جنود): passive (`Some`), with the victims' run if they are an
/// actor.
pub(crate) fn casualty_victims(s: &Sentence, h: &Hit) -> Option<Option<usize>> {
    if let Some(v) = casualty_noun_victims(s, h)
        .or_else(|| suffered_victims(s, h))
        .or_else(|| underwent_victims(s, h))
    {
        return Some(v);
    }
    let rule = s.rule(h);
    let bare = unjoined(s.key(h.first));
    if !(rule.verb && super::status::violent(&rule.code) && CASUALTY_VERBS.contains(&bare)) {
        return None;
    }
    let next = h.last + 1;
    let counted = next < s.toks.len()
        && (quantity(s, next)
            || COUNT_WORDS.contains(&s.key(next))
            || VAGUE_COUNTS.contains(&s.key(next)));
    if !counted || !vso_position(s, h) {
        return None;
    }
    let (_, ce) = s.clause_of(h.first);
    Some(
        s.runs
            .iter()
            .position(|r| r.first >= next && r.first <= next + 4 && r.first < ce),
    )
}

/// Who caused the casualties of hit `h` (victims run `v`, if named): the actor right after جراء/برصاص/شنه …
/// or من قبل/على يد, later in the clause.
pub(crate) fn casualty_doer(s: &Sentence, h: &Hit, v: Option<usize>) -> Vec<usize> {
    let (_, ce) = s.clause_of(h.first);
    let from = v.map_or(h.last + 1, |v| s.runs[v].last + 1);
    let after_cue = || {
        let k = (from..ce).find(|&k| CAUSED_BY.contains(&s.key(k)))?;
        s.runs
            .iter()
            .position(|r| r.first > k && r.first <= k + 2 && r.first < ce)
    };
    let mut doers = agentive(s, h)
        .or_else(after_cue)
        .map(|r| s.chain(r))
        .unwrap_or_default();
    doers.retain(|&r| !s.groups[r].is_empty());
    doers
}

/// A dropped subject: for a verb, the subject of the previous kept event of the sentence, else the
/// speaker whose speech it reports, else the nearest actor before it; for a noun, the speaker
/// first.
fn dropped(s: &Sentence, h: &Hit, passive: bool, coding: &Coding) -> Vec<usize> {
    let rule = s.rule(h);
    let prev = coding
        .coded
        .iter()
        .rev()
        // A hit a rule would drop lends no subject (lenient mode keeps it coded).
        .find(|c| c.skip == 0 && c.hit.first < h.first && !s.rule(&c.hit).speech)
        .map(|c| c.sources.clone());
    let sp = coding.speaker_before(h.first).cloned();
    if rule.noun {
        return sp.or(prev).unwrap_or_default();
    }
    prev.or(sp)
        .or_else(|| {
            if rule.verb && !passive {
                near(s, h)
            } else {
                None
            }
        })
        .unwrap_or_default()
}

/// Last resort: the nearest actor before the verb (وأغلق المسؤولون هواتفهم وامتنعوا). Only from
/// this clause or, for a verb coordinated with the one before (و/ف), the clause before: an actor
/// further back belongs to another event.
fn near(s: &Sentence, h: &Hit) -> Option<Vec<usize>> {
    let (cs, _) = s.clause_of(h.first);
    let lo = if s.toks[h.first].conj && cs > 0 {
        s.clause_of(cs - 1).0
    } else {
        cs
    };
    (0..s.runs.len())
        .rev()
        .find(|&r| s.runs[r].last < h.first && s.runs[r].first >= lo && !s.groups[r].is_empty())
        .map(|r| vec![r])
}

#[cfg(test)]
mod tests {
    use super::super::coded::Coding;
    use super::super::testkit::{codes_of, each_hit};
    use super::{sources, vso_position};

    /// For each hit of the first sentence of `text`: VSO position, source codes, borrowed or not
    /// (no earlier hits lend a subject).
    /// (VSO position, source codes, borrowed) of a hit.
    type Subject = (bool, Vec<String>, bool);

    fn subjects(text: &str) -> Vec<(String, Subject)> {
        let none = Coding {
            coded: Vec::new(),
            speakers: Vec::new(),
        };
        each_hit(text, |s, _, h| {
            let passive = super::super::status::passive(s, h);
            let (src, from_ref) = sources(s, h, passive, &none);
            (vso_position(s, h), codes_of(s, &src), from_ref)
        })
    }

    fn subj(code: &str, vso: bool, src: &[&str], from_ref: bool) -> (String, Subject) {
        let src = src.iter().map(|x| x.to_string()).collect();
        (code.to_string(), (vso, src, from_ref))
    }

    #[test]
    fn vso_the_subject_follows_the_verb() {
        let text = "قصفت القوات الروسية مدينة خاركيف.";
        assert_eq!(subjects(text), vec![subj("195", true, &["RUSMIL"], false)]);
        let text = "هددت كوريا الشمالية اليابان بضربة صاروخية.";
        assert_eq!(subjects(text), vec![subj("138", true, &["PRK"], false)]);
    }

    #[test]
    fn svo_the_subject_precedes_the_verb() {
        let text = "الجيش الإسرائيلي قصف مواقع لحزب الله في جنوب لبنان.";
        assert_eq!(subjects(text), vec![subj("195", false, &["ISRMIL"], false)]);
    }

    #[test]
    fn coordinated_subjects_both_act() {
        let text = "أدانت مصر والأردن الهجوم على السفارة.";
        assert_eq!(subjects(text)[0], subj("111", true, &["EGY", "JOR"], false));
    }

    #[test]
    fn after_qad_the_subject_before_is_borrowed() {
        // وكان الجيش … قد قصف: the verb after قد is in VSO position with nothing after it, so the
        // nearest actor before it in the clause is its (borrowed) subject.
        let text = "وكان الجيش الإسرائيلي قد قصف المستشفى الأسبوع الماضي.";
        assert_eq!(subjects(text), vec![subj("195", true, &["ISRMIL"], true)]);
    }

    #[test]
    fn the_reported_verb_has_its_own_subject() {
        let text = "قال وزير الخارجية المصري إن إسرائيل قصفت مستشفى في غزة.";
        let want = vec![
            subj("010", true, &["EGYGOV"], false),
            subj("195", false, &["ISR"], false),
        ];
        assert_eq!(subjects(text), want);
    }

    #[test]
    fn a_participle_after_the_clause_acts_for_its_subject() {
        // داعيا رئيس الحكومة: the union's leader calls on the head of government, who is the
        // object of the participle, not its doer.
        let text = "انتقد الأمين العام للاتحاد العام التونسي للشغل نور الدين الطبوبي الحكومة، داعيا رئيس الحكومة للتدخل.";
        let kept = super::super::testkit::kept(text);
        let call = kept
            .iter()
            .find(|k| k.0 == "020")
            .map(|k| (k.1.as_str(), k.2.as_str()));
        assert_eq!(call, Some(("TUNLAB", "TUNGOV")), "{kept:?}");
    }

    #[test]
    fn an_actor_after_a_preposition_is_the_object_not_the_doer() {
        // القبض على X: X is arrested; the doer is the clause's actor before the noun.
        let text = "تمكنت الشرطة التونسية من القبض على إرهابي جزائري.";
        assert_eq!(
            super::super::testkit::kept(text),
            vec![(
                "173".to_string(),
                "TUNCOP".to_string(),
                "DZAREB".to_string()
            )]
        );
    }
}
