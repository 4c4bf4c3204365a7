//! Unnamed doers: the noun phrase in the subject place of an event that no list or KB names
//! (نفذ بعض الأولياء وقفة احتجاجية، تظاهر عشرات المحامين، إضراب سائقي الشاحنات).
//!
//! Local news names its doers by what they are, not by name: parents, lawyers, drivers, the
//! teaching staff, a committee. Without this, such an event has no source, and an analyst cannot
//! count who protests. The phrase becomes the source of an emitted event that has none, coded by
//! its head (`CVL`, CAMEO's unnamed civilians, for people; `NGO`, `GOV`, `LAB` … for bodies) with
//! the country of the event's place, else of a nationality right after it, else of the one
//! country the sentence names (المحامين التونسيين → TUNCVL).
//!
//! The doer is filled in *after* the detector decides ([`fill`]): it is the coder's reading of
//! an unknown phrase, not evidence that the sentence reports an event, so the detector's
//! candidates, features and bars stay what the rules attest.
//!
//! For: the subject place of a clause-opening singular active verb (VSO, where Arabic puts the
//! doer), the subject of a support verb before an event noun (نفذ … وقفة), and the possessor of
//! a protest noun. Not for: subjects before the verb, objects and targets, reporters (أفاد
//! المرصد), or phrases any actor piece already covers.

use super::sentence::Sentence;
use super::status;
use super::subject::{casualty_victims, quantity, vso_position};
use super::words::{COUNT_WORDS, RELATIVE, TIME_WORDS};
use crate::actors::Kind;
use crate::codes;
use crate::event::{Actor, Event};
use crate::triggers::Hit;

/// The role of unnamed people (CAMEO's civilians).
const ROLE: &str = "CVL";

/// Words that start like a noun with the article, or head a construct, but are no doer:
/// prepositions (إلى folds to الي), particles, demonstratives and nouns of time ([`RELATIVE`]
/// pronouns neither).
const NOT_A_DOER: &[&str] = &[
    "الي",
    "الى",
    "الا",
    "الان",
    "اللواتي",
    "اللاتي",
    "اليوم",
    "الليله",
    "الماضي",
    "الماضيه",
    "الجاري",
    "الحالي",
    "الاسبوع",
    "الشهر",
    "العام",
    "السنه",
    "الساعه",
    "الصباح",
    "المساء",
    "ان",
    "انه",
    "انها",
    "علي",
    "على",
    "في",
    "من",
    "عن",
    "مع",
    "بعد",
    "قبل",
    "منذ",
    "حتي",
    "خلال",
    "امام",
    "عند",
    "لدي",
    "ضد",
    "بين",
    "حول",
    "دون",
    "غير",
    "كل",
    "جميع",
    "احد",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "هناك",
    "اي",
    "ما",
    "لا",
    "لم",
    "لن",
    "قد",
    "كان",
    "كانت",
    "تم",
    "الامر",
    "الوضع",
    "الحادث",
    "الحادثه",
];

/// An unnamed doer of the trigger that starts at byte `start` of paragraph `paragraph`.
#[derive(Debug, Clone)]
pub struct Doer {
    pub paragraph: usize,
    pub start: usize,
    pub actor: Actor,
}

/// The unnamed doers of a sentence's hits; `home` is the one country the sentence names.
pub(crate) fn doers(s: &Sentence, hits: &[Hit], home: Option<&str>) -> Vec<Doer> {
    let mut out = Vec::new();
    for h in hits {
        let Some((first, mut last, role)) = doer_of(s, hits, h) else {
            continue;
        };
        // A nationality right after it is its country (المحامين التونسيين).
        let nisba = s
            .pieces
            .iter()
            .find(|p| p.first == last + 1 && p.kind == Kind::Adj && p.country.is_some());
        if let Some(p) = nisba {
            last = p.last;
        }
        let country = nisba
            .and_then(|p| p.country.clone())
            .or(home.map(String::from));
        out.push(Doer {
            paragraph: s.pi,
            start: s.toks[h.first].start,
            actor: Actor {
                name: s.p[s.toks[first].start..s.toks[last].end].to_string(),
                code: Some(role.to_string()),
                country,
                entity: None,
            },
        });
    }
    out
}

/// `e` with its unnamed doer as the source, when it has no source and one of `doers` is its
/// trigger's; the event's place decides the doer's country first.
pub fn fill(mut e: Event, doers: &[Doer]) -> Event {
    if e.actor1.is_named() {
        return e;
    }
    let ev = &e.evidence;
    let Some(d) = doers
        .iter()
        .find(|d| d.paragraph == ev.paragraph && d.start == ev.start)
    else {
        return e;
    };
    let mut a = d.actor.clone();
    if let Some(c) = e.place.as_ref().and_then(|p| p.country.clone()) {
        a.country = Some(c);
    }
    if let (Some(c), Some(role)) = (&a.country, &a.code) {
        a.code = Some(format!("{c}{role}"));
    }
    e.actor1 = a;
    e
}

/// The token span of hit `h`'s unnamed doer, if its subject place holds one.
fn doer_of(s: &Sentence, hits: &[Hit], h: &Hit) -> Option<(usize, usize, &'static str)> {
    let rule = s.rule(h);
    // A reporter (أفاد المرصد، ذكرت المنظمة) is no doer of what it reports; as an actor of the
    // sentence it would become the source of the attacks it counts.
    if codes::root(&rule.code) == "01" {
        return None;
    }
    let key = s.key(h.first);
    let subject_place = rule.verb
        && vso_position(s, h)
        && !key.ends_with("وا")
        && !status::passive(s, h)
        && casualty_victims(s, h).is_none();
    // إضراب سائقي الشاحنات: the protest noun's possessor protests.
    let possessor = rule.noun && codes::root(&rule.code) == "14";
    // نفذ بعض الأولياء وقفة احتجاجية: the doer of the noun is the subject of its support verb.
    let support = if rule.noun { support_verb(s, h) } else { None };
    if !(subject_place || possessor || support.is_some()) {
        return None;
    }
    let (_, ce) = s.clause_of(h.first);
    let mut k = support.unwrap_or(h.last) + 1;
    if subject_place || support.is_some() {
        // An adverbial of time or a count may come first (تظاهر صباح الجمعة عشرات المحامين).
        while k < ce && k <= h.last + 5 && skippable(s, k) && !crowd(s, k) {
            k += 1;
        }
    }
    if k >= ce || s.toks[k].punct_before {
        return None;
    }
    let role = head(s, hits, k)?;
    let mut last = k;
    while last + 1 < ce
        && last < k + 2
        && !s.toks[last + 1].punct_before
        && s.key(last + 1).starts_with("ال")
        && free(s, hits, last + 1)
    {
        last += 1;
    }
    Some((k, last, role))
}

/// Verbs that carry an event noun (نفذ وقفة، نظم مسيرة، شن هجوما، خاض إضرابا), as match keys
/// without و/ف.
const SUPPORT_VERBS: &[&str] = &[
    "نفذ",
    "نفذت",
    "ينفذ",
    "تنفذ",
    "نظم",
    "نظمت",
    "ينظم",
    "تنظم",
    "شن",
    "شنت",
    "يشن",
    "تشن",
    "خاض",
    "خاضت",
    "يخوض",
    "تخوض",
    "اقام",
    "اقامت",
    "دخل",
    "دخلت",
    "يدخل",
    "تدخل",
];

/// The support verb opening the clause of noun hit `h`, at most eight words before it.
fn support_verb(s: &Sentence, h: &Hit) -> Option<usize> {
    let (cs, _) = s.clause_of(h.first);
    let from = cs.max(h.first.saturating_sub(8));
    (from..h.first).find(|&j| {
        let key = s.key(j);
        let bare = key.strip_prefix(['و', 'ف']).unwrap_or(key);
        SUPPORT_VERBS.contains(&bare) && (j == cs || s.toks[j].conj || s.toks[j].punct_before)
    })
}

/// Token `k` is a crowd named by its size alone (تظاهر العشرات، خرج الآلاف): the doer itself.
fn crowd(s: &Sentence, k: usize) -> bool {
    let key = s.key(k);
    key.strip_prefix("ال").is_some_and(|b| PEOPLE.contains(&b))
        && s.toks
            .get(k + 1)
            .is_none_or(|t| t.punct_before || !t.key.starts_with("ال"))
}

/// Token `k` may stand between a verb and its subject: a count (عدد من، بعض، مجموعة من) or a
/// time word.
fn skippable(s: &Sentence, k: usize) -> bool {
    let key = s.key(k);
    quantity(s, k)
        || TIME_WORDS.contains(&key)
        || COUNT_WORDS.contains(&key)
        || ["عدد", "بعض", "مجموعه", "مجموعات", "العشرات", "المئات"].contains(&key)
}

/// Token `k` can head a doer: a plural of people (المحامون، المواطنين، الأهالي; in construct:
/// سائقي الشاحنات، معتصمو الكامور) that is no trigger, piece or function word. Only plurals: a
/// singular noun in that place is as often a thing, an adjective or a body the KB should know
/// (المسيرة السلمية، البيان، المنظمة), and a wrong doer is worse than none.
fn head(s: &Sentence, hits: &[Hit], k: usize) -> Option<&'static str> {
    let key = s.key(k);
    if !free(s, hits, k) {
        return None;
    }
    let bare = key.strip_prefix("ال").unwrap_or(key);
    if let Some((_, role)) = BODIES.iter().find(|(w, _)| *w == bare) {
        return Some(role);
    }
    if PEOPLE.contains(&bare) {
        return Some(ROLE);
    }
    let n = key.chars().count();
    let construct = k + 1 < s.toks.len()
        && !s.toks[k + 1].punct_before
        && s.key(k + 1).starts_with("ال")
        && free(s, hits, k + 1);
    // A nominative sound plural needs no article (أضرم محتجون النار، شارك مثقفون).
    let plural = (key.starts_with("ال") && n >= 8 && (key.ends_with("ون") || key.ends_with("ين")))
        || (!key.starts_with("ال") && n >= 6 && key.ends_with("ون"))
        || (construct
            && !key.starts_with("ال")
            && n >= 5
            && (key.ends_with('و') || key.ends_with("ي") || key.ends_with("ين")));
    plural.then_some(ROLE)
}

/// Heads of bodies that local news names by what they are (المرصد التونسي للمعلم، تنسيقية
/// الهياكل الطبية، الهيئة الوطنية للمحامين), with the CAMEO role each stands for. The KB knows
/// the national bodies; these are the ones it cannot list.
const BODIES: &[(&str, &str)] = &[
    ("منظمه", "NGO"),
    ("جمعيه", "NGO"),
    ("مرصد", "NGO"),
    ("رابطه", "NGO"),
    ("تنسيقيه", "CVL"),
    ("هيئه", "GOV"),
    ("لجنه", "GOV"),
    ("اداره", "GOV"),
    ("مديريه", "GOV"),
    ("قنصليه", "GOV"),
    ("بعثه", "GOV"),
    ("وفد", "GOV"),
    ("ادعاء", "JUD"),
    ("قطب", "JUD"),
    ("اتحاد", "LAB"),
    ("جامعه", "LAB"),
    ("حركه", "PTY"),
    ("كتله", "LEG"),
    ("اسره", "CVL"),
    ("عائله", "CVL"),
    ("اطار", "EDU"),
];

/// Broken plurals of people (without the article) that news names doers by.
const PEOPLE: &[&str] = &[
    "اهالي",
    "اولياء",
    "عمال",
    "طلبه",
    "طلاب",
    "تلاميذ",
    "اساتذه",
    "سكان",
    "شباب",
    "نساء",
    "اطباء",
    "تجار",
    "بحاره",
    "جماهير",
    "الاف",
    "عشرات",
    "مئات",
    "اطارات",
    "ائمه",
    "قضاه",
    "فلاحين",
    "احباء",
    "انصار",
    "شبان",
];

/// Token `k` is a content word no hit or piece holds.
fn free(s: &Sentence, hits: &[Hit], k: usize) -> bool {
    let key = s.key(k);
    !NOT_A_DOER.contains(&key)
        && !RELATIVE.contains(&key)
        && !key.chars().any(|c| c.is_ascii_digit())
        && !hits.iter().any(|h| h.first <= k && k <= h.last)
        && !s.pieces.iter().any(|p| p.first <= k && k <= p.last)
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{paragraphs, published};
    use marsad_entities::{find_entities, tagger::Model};
    use marsad_kb::Kb;

    /// `(code, source name, source code)` of each event marsad emits for `text`.
    fn sources(text: &str) -> Vec<(String, String, String)> {
        let kb = Kb::embedded();
        let ps = paragraphs(text);
        let ents = find_entities(kb, Model::embedded().ok(), &ps, published());
        super::super::find_events(kb, &ps, &ents, published())
            .into_iter()
            .map(|e| {
                let code = e.actor1.code.clone().unwrap_or_default();
                (e.code, e.actor1.name, code)
            })
            .collect()
    }

    #[test]
    fn people_after_a_clause_opening_verb_are_its_doers() {
        let got = sources("تظاهر صباح الجمعة عشرات المحامين في صفاقس.");
        assert_eq!(
            got,
            vec![("141".into(), "المحامين".into(), "TUNCVL".into())]
        );
        // The support verb's subject does the noun's protest; the place gives the country.
        let got = sources("نفذ بعض الأولياء بسيدي بوزيد اليوم وقفة احتجاجية امام مقر الولاية.");
        assert_eq!(got, vec![("141".into(), "الأولياء".into(), "TUNCVL".into())]);
    }

    #[test]
    fn a_body_is_coded_by_its_head_and_people_in_construct_are_civilians() {
        let got = sources("ونددت جمعية المسرح الجديد بصفاقس بقرار غلق القاعة.");
        assert!(
            got.iter().any(|(c, n, a)| c.starts_with("11")
                && n == "جمعية المسرح الجديد"
                && a == "TUNNGO"),
            "{got:?}"
        );
        let got = sources("وتظاهر سائقو الشاحنات في صفاقس.");
        assert_eq!(
            got,
            vec![("141".into(), "سائقو الشاحنات".into(), "TUNCVL".into())]
        );
    }

    #[test]
    fn no_doer_from_a_reporter_an_object_or_a_singular_noun() {
        // The observatory reports the raid; it did not carry it out.
        for (_, _, code) in sources("وأفاد المرصد السوري بمقتل خمسة مدنيين في غارات على إدلب.")
        {
            assert!(!code.ends_with("NGO"), "{code}");
        }
        // A verb marked plural carries its subject: the people after it are its object.
        for (_, name, _) in sources("وأطلقوا الرصاص الحي على المحتجين في البصرة.")
        {
            assert_ne!(name, "المحتجين");
        }
        // A singular noun in the subject place is as often a thing: no doer.
        for (_, name, _) in sources("واستهدف القصف المدفعي مواقع في ريف حلب.")
        {
            assert!(!name.contains("القصف"));
        }
    }
}
