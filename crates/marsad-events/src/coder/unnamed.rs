//! Unnamed doers and victims: the noun phrase in the subject place of an event, or what its
//! violence struck, that no list or KB names (نفذ بعض الأولياء وقفة احتجاجية، تظاهر عشرات المحامين،
//! إضراب سائقي الشاحنات؛ قصفت … الأحياء السكنية، مقتل 12 شخصا).
//!
//! Local news names its doers by what they are, not by name: parents, lawyers, drivers, the
//! teaching staff, a committee. Without this, such an event has no source, and an analyst cannot
//! count who protests. The phrase becomes the source (or target) of an emitted event that has
//! none, coded by its head (`CVL`, CAMEO's unnamed civilians, for people; `NGO`, `GOV`, `LAB` …
//! for bodies) with the country of a nationality right after it (المحامين التونسيين → TUNCVL),
//! else of the event's place, else of the one country the sentence names.
//!
//! They are filled in *after* the detector decides ([`fill`]): they are the coder's reading of
//! an unknown phrase, not evidence that the sentence reports an event, so the detector's
//! candidates, features and bars stay what the rules attest.
//!
//! For: the subject place of a clause-opening singular active verb (VSO, where Arabic puts the
//! doer), the subject of a support verb before an event noun (نفذ … وقفة), the possessor of a
//! protest noun; for violence and arrests, the phrase after the verb and its subject, or after
//! the noun when على/ضد or a count marks it. Not for: subjects before the verb, reporters (أفاد
//! المرصد), weapons, or phrases any actor piece already covers.

use super::emit::sentence_country;
use super::sentence::Sentence;
use super::status;
use super::subject::{casualty_victims, quantity, vso_position};
use super::words::{COUNT_WORDS, NATIONALITY, RELATIVE, TIME_WORDS};
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
    "الاقل",
    "الاكثر",
    "الابرز",
    "الاكبر",
    "الاعنف",
    "الاخطر",
    "الاول",
    "الاولي",
    "الاخير",
    "الاخيره",
    "الثاني",
    "الثانيه",
    "الغادر",
    "الجبان",
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

/// The unnamed participants of the trigger that starts at byte `start` of paragraph
/// `paragraph`: its doer, and (for violence) what or whom it struck; each with a country only
/// when a nationality follows it. `home` is the one country the sentence names.
#[derive(Debug, Clone)]
pub struct Doer {
    pub paragraph: usize,
    pub start: usize,
    pub source: Option<Actor>,
    pub target: Option<Actor>,
    pub home: Option<String>,
}

/// The unnamed participants of a sentence's hits.
pub(crate) fn doers(s: &Sentence, hits: &[Hit]) -> Vec<Doer> {
    let mut out: Vec<Doer> = hits
        .iter()
        .filter_map(|h| {
            let doer = doer_of(s, hits, h);
            let source = doer.map(|span| actor(s, span));
            let target = victim_of(s, hits, h, doer).map(|span| actor(s, span));
            (source.is_some() || target.is_some()).then(|| Doer {
                paragraph: s.pi,
                start: s.toks[h.first].start,
                source,
                target,
                home: None,
            })
        })
        .collect();
    // The sentence's one country, read only when some phrase needs it.
    if !out.is_empty() {
        let home = sentence_country(s);
        for d in &mut out {
            d.home.clone_from(&home);
        }
    }
    out
}

/// The actor of tokens `first..=last` coded `role`; a nationality right after it is part of it and
/// gives its country (المحامين التونسيين، مقيمين من الجنسية اليمنية).
fn actor(s: &Sentence, (first, last, role): Span) -> Actor {
    let stated = |at: usize| {
        s.toks.get(last + 1).is_some_and(|t| t.key == "من")
            && at == last + 3
            && NATIONALITY.contains(&s.toks[last + 2].key.as_str())
    };
    let nisba = s.pieces.iter().find(|p| {
        (p.first == last + 1 || stated(p.first)) && p.kind == Kind::Adj && p.country.is_some()
    });
    let last = nisba.map_or(last, |p| p.last);
    Actor {
        name: s.p[s.toks[first].start..s.toks[last].end].to_string(),
        code: Some(role.to_string()),
        country: nisba.and_then(|p| p.country.clone()),
        entity: None,
    }
}

/// `e` with its trigger's unnamed doer as the source when it has none, and, for violence, its
/// unnamed victim as the target when it has none; with no nationality of its own, an unnamed
/// actor is of the event's place's country, else of the sentence's.
pub fn fill(mut e: Event, doers: &[Doer]) -> Event {
    let ev = &e.evidence;
    let Some(d) = doers
        .iter()
        .find(|d| d.paragraph == ev.paragraph && d.start == ev.start)
    else {
        return e;
    };
    let place = e.place.as_ref().and_then(|p| p.country.clone());
    let placed = |a: &Actor| {
        let mut a = a.clone();
        if a.country.is_none() {
            a.country = place.clone().or_else(|| d.home.clone());
        }
        if let (Some(c), Some(role)) = (&a.country, &a.code) {
            a.code = Some(format!("{c}{role}"));
        }
        a
    };
    if !e.actor1.is_named() {
        if let Some(a) = &d.source {
            e.actor1 = placed(a);
        }
    }
    if e.actor2.as_ref().is_none_or(|a| !a.is_named()) {
        if let Some(a) = &d.target {
            e.actor2 = Some(placed(a));
        }
    }
    e
}

/// A token span and the role its actor is coded with.
type Span = (usize, usize, &'static str);

/// What a violent hit struck, when no actor names it: the phrase after the verb and its subject
/// (قصفت الطائرات مواقع، هاجم مسلحون مجموعة من المارة) or after the noun (قصف الأحياء السكنية،
/// الهجوم على مطار التيفور، مقتل 36 شخصا), past على/ضد and a count. `doer` is the hit's unnamed
/// doer, if any. Coded `CVL`: an unnamed target is most often people or their property.
fn victim_of(s: &Sentence, hits: &[Hit], h: &Hit, doer: Option<Span>) -> Option<Span> {
    let rule = s.rule(h);
    // Arrests and raids (17) strike people too; only a phrase of people is taken there, as
    // what police seize is as often goods (حجز كمية من المخدرات).
    let coerce = codes::root(&rule.code) == "17";
    if !(status::violent(&rule.code) || coerce) || status::passive(s, h) {
        return None;
    }
    // What an explosion is of is what blew up (انفجار سيارة مفخخة، انفجار البركان), not whom it hit.
    if (h.first..=h.last).any(|k| s.key(k).contains("انفجار")) {
        return None;
    }
    let (_, ce) = s.clause_of(h.first);
    let mut k = h.last + 1;
    let vso = rule.verb && vso_position(s, h) && !s.key(h.first).ends_with("وا");
    if vso && casualty_victims(s, h).is_none() {
        // The subject comes first: step over it, and give up when it is no piece we can measure.
        while k < ce && k <= h.last + 3 && skippable(s, k) {
            k += 1;
        }
        k = match (s.pieces.iter().find(|p| p.first == k), doer) {
            (Some(p), _) => p.last + 1,
            (None, Some((f, l, _))) if f == k => l + 1,
            _ => return None,
        };
        while let Some(p) = s
            .pieces
            .iter()
            .find(|p| p.first == k && p.kind != Kind::Place)
        {
            k = p.last + 1;
        }
        // An indefinite subject's adjective (هاجم مسلحون مجهولون الحافلة) is no object.
        if k < ce {
            let key = s.key(k);
            if !key.starts_with("ال") && (key.ends_with("ون") || key.ends_with("ين")) {
                k += 1;
            }
        }
    }
    // Past على/ضد, a time word and a count (نحو 20، العشرات من); the count stays in the name.
    let mut count_at: Option<usize> = None;
    let mut marked = false;
    while k < ce && k < h.last + 8 {
        let key = s.key(k);
        let count = key.chars().any(|c| c.is_ascii_digit())
            || COUNT_WORDS.contains(&key)
            || (key != "من" && skippable(s, k) && !TIME_WORDS.contains(&key));
        if matches!(key, "علي" | "ضد") {
            marked = true;
        } else if count {
            count_at.get_or_insert(k);
        } else if !(TIME_WORDS.contains(&key) || (key == "من" && count_at.is_some())) {
            break;
        }
        k += 1;
    }
    let counted = count_at.is_some();
    // After a noun, an uncounted possessor that is people or a group is as often the doer
    // (هجوم المسلحين، سيطرة الفصائل) as the victim: there only على/ضد or a count mark the
    // victim; a place or a thing (قصف الأحياء السكنية) is what was struck.
    let group = |k: usize| {
        head(s, hits, k).is_some() || {
            let key = s.key(k);
            GROUPS.contains(&key.strip_prefix("ال").unwrap_or(key))
        }
    };
    // (A form that is a verb and a noun, قصف، هجوم, counts as a noun unless it opens its clause.)
    if !(vso || marked || counted) && k < ce && group(k) {
        return None;
    }
    let people = |k: usize| counted || head(s, hits, k).is_some();
    if k >= ce
        || s.toks[k].punct_before
        || !victim_head(s, hits, k, counted)
        || (coerce && !people(k))
    {
        return None;
    }
    let last = phrase_end(s, hits, k, ce);
    let from = count_at.unwrap_or(k);
    Some((from, last, ROLE))
}

/// Token `k` can head what violence struck: a noun with the article that is no nisba adjective
/// (الإرهابي، الانتحارية describe the attack), a counted noun (36 شخصا), or a noun in construct.
fn victim_head(s: &Sentence, hits: &[Hit], k: usize, counted: bool) -> bool {
    let key = s.key(k);
    if !free(s, hits, k) || key.chars().count() < 3 {
        return false;
    }
    let bare = key.strip_prefix("ال").unwrap_or(key);
    let adjective = ["ي", "يه", "يين", "يون"].iter().any(|e| key.ends_with(e));
    if PEOPLE.contains(&bare) || counted {
        return true;
    }
    if WEAPONS.contains(&bare) {
        return false;
    }
    // بساحة المدرسة، بالقنابل: a preposition joined to the word makes it a place or a means.
    let clitic = key.starts_with("بال") || key.starts_with("لل") || key.starts_with("كال");
    let joined =
        !key.starts_with("ال") && key.starts_with(['ب', 'ل', 'ك']) && !JOINED_NOUNS.contains(&key);
    if clitic || joined {
        return false;
    }
    let construct = k + 1 < s.toks.len()
        && !s.toks[k + 1].punct_before
        && s.key(k + 1).starts_with("ال")
        && free(s, hits, k + 1);
    !adjective && (key.starts_with("ال") || construct)
}

/// The token span of hit `h`'s unnamed doer, if its subject place holds one.
fn doer_of(s: &Sentence, hits: &[Hit], h: &Hit) -> Option<Span> {
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
    let last = phrase_end(s, hits, k, ce);
    Some((k, last, role))
}

/// The last token of the phrase headed at `k` (clause end `ce`): its head and up to two words
/// with the article after it (الأحياء السكنية، الهيئة الوطنية المستقلة), none of them a time word.
fn phrase_end(s: &Sentence, hits: &[Hit], k: usize, ce: usize) -> usize {
    let mut last = k;
    while last + 1 < ce
        && last < k + 2
        && !s.toks[last + 1].punct_before
        && s.key(last + 1).starts_with("ال")
        && !TIME_WORDS.contains(&s.key(last + 1))
        && free(s, hits, last + 1)
    {
        last += 1;
    }
    last
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

/// Definite words of seven letters in ين/ون that are no people: tens, durations, things.
const NOT_PEOPLE: &[&str] = &[
    "العشرين",
    "الخمسين",
    "السبعين",
    "التسعين",
    "الستين",
    "الثلاثين",
    "الاربعين",
    "الثمانين",
    "البنزين",
    "القانون",
    "التموين",
    "المليون",
    "اليومين",
    "الشهرين",
    "العامين",
    "السنتين",
    "الساعتين",
    "الاسبوعين",
    "الدولتين",
    "البلدين",
];

/// Token `k` can head a doer: a plural of people (المحامون، المواطنين، الأهالي; in construct:
/// سائقي الشاحنات، معتصمو الكامور) that is no trigger, piece or function word. Only plurals: a
/// singular noun in that place is as often a thing, an adjective or a body the KB should know
/// (المسيرة السلمية، البيان، المنظمة), and a wrong doer is worse than none.
fn head(s: &Sentence, hits: &[Hit], k: usize) -> Option<&'static str> {
    let key = s.key(k);
    // مظاهرات الاثنين: a day, not who marched.
    if !free(s, hits, k) || TIME_WORDS.contains(&key) || NOT_PEOPLE.contains(&key) {
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
    // Seven letters with the article: المصلين، المحتجون; shorter are names and things (الصين،
    // الدين، اليمين).
    let plural = (key.starts_with("ال") && n >= 7 && (key.ends_with("ون") || key.ends_with("ين")))
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

/// Armed or political groups named by a common noun: after a violent noun, its doers.
const GROUPS: &[&str] = &[
    "فصائل",
    "فصيل",
    "مليشيات",
    "ميليشيات",
    "نظام",
    "احتلال",
    "تنظيم",
    "جماعه",
    "جماعات",
];

/// What the violence was done with, not to (العبوة الناسفة، بالقنابل العنقودية).
const WEAPONS: &[&str] = &[
    "عبوه",
    "عبوات",
    "قنبله",
    "قنابل",
    "صاروخ",
    "صواريخ",
    "رصاص",
    "رصاصه",
    "قذيفه",
    "قذائف",
    "سياره",
    "حزام",
    "سلاح",
    "اسلحه",
    "غاز",
    "طائره",
    "طائرات",
    "طايره",
    "طايرات",
    "مسيره",
    "مسيرات",
    "غارات",
    "غاره",
    "نيران",
    "نار",
];

/// Nouns that start with ب، ل or ك of their own (بلدة، بيت، كنيسة), not a joined preposition.
const JOINED_NOUNS: &[&str] = &[
    "بلده",
    "بلدات",
    "بيت",
    "بيوت",
    "بنايه",
    "بنك",
    "كنيسه",
    "كليه",
    "لجنه",
    "لاجئين",
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

    fn events(text: &str) -> Vec<crate::Event> {
        let kb = Kb::embedded();
        let ps = paragraphs(text);
        let ents = find_entities(kb, Model::embedded().ok(), &ps, published());
        super::super::find_events(kb, &ps, &ents, published())
    }

    /// `(code, source name, source code)` of each event marsad emits for `text`.
    fn sources(text: &str) -> Vec<(String, String, String)> {
        let side = |e: crate::Event| {
            let code = e.actor1.code.clone().unwrap_or_default();
            (e.code, e.actor1.name, code)
        };
        events(text).into_iter().map(side).collect()
    }

    /// `(code, target name, target code)` of each event marsad emits for `text`.
    fn targets(text: &str) -> Vec<(String, String, String)> {
        let side = |e: crate::Event| {
            let t = e.actor2.unwrap_or_else(|| crate::Actor {
                name: String::new(),
                code: None,
                country: None,
                entity: None,
            });
            (e.code, t.name, t.code.unwrap_or_default())
        };
        events(text).into_iter().map(side).collect()
    }

    #[test]
    fn a_count_with_min_before_the_doers_and_a_day_is_no_doer() {
        // عدد من + a seven-letter plural; the place gives the country.
        let s = sources("احتج عدد من المصلين على إمام جامع في ولاية نابل.");
        assert!(
            s.iter().any(|(c, n, _)| c == "140" && n == "المصلين"),
            "{s:?}"
        );
        // مظاهرات الاثنين: Monday's marches, not marches by "Monday".
        let s = sources("خرجت مظاهرات الاثنين في رام الله احتجاجا على القرار.");
        assert!(s.iter().any(|(c, _, _)| c.starts_with("14")), "{s:?}");
        assert!(!s.iter().any(|(_, n, _)| n.contains("الاثنين")), "{s:?}");
    }

    #[test]
    fn what_violence_struck_is_its_target_when_no_actor_names_it() {
        // After the verb and its subject, past its adjective; the place gives the country.
        let got = targets("هاجم مسلحون مجهولون الحافلة في سيناء بالقنابل.");
        assert_eq!(got, vec![("180".into(), "الحافلة".into(), "EGYCVL".into())]);
        // A weapon is what it was done with, not to.
        for (_, name, _) in targets("هاجم مسلحون مجهولون بالقنابل حافلة في سيناء.")
        {
            assert!(!name.contains("القنابل"), "{name}");
        }
        // A count keeps its place in the name; the day before it does not.
        let got = targets("واحتجزت الشرطة التركية الأحد 20 شخصا في إسطنبول.");
        assert!(got.iter().any(|t| t.1 == "20 شخصا"), "{got:?}");
        // After a noun, a group is its doer, not its victim.
        for (_, name, _) in targets("وتواصل قصف النظام في ريف إدلب.") {
            assert!(!name.contains("النظام"), "{name}");
        }
        // What an explosion is of blew up; it was not struck.
        for (_, name, _) in targets("وأدى انفجار البركان إلى مقتل شخصين في جاوة.")
        {
            assert!(!name.contains("البركان"), "{name}");
        }
        // A nisba adjective after the noun describes the attack.
        for (_, name, _) in targets("ودان الوزير الهجوم الإرهابي الغادر في سيناء.")
        {
            assert!(!name.contains("الغادر"), "{name}");
        }
    }

    #[test]
    fn a_stated_nationality_is_the_foreigners_not_the_sentences_country() {
        // Gulf security news: the police who arrest are not of the arrested residents' country.
        let text = "وأعلن المتحدث الرسمي لوزارة الداخلية القبض على ثلاثة مقيمين من الجنسية اليمنية.";
        let got: Vec<_> = sources(text).into_iter().zip(targets(text)).collect();
        assert!(
            got.iter().any(|((c, _, src), (_, _, tgt))| c == "173"
                && !src.starts_with("YEM")
                && tgt == "YEMCVL"),
            "{got:?}"
        );
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
