//! From raw evidence to entities: KB matches and tagger spans of each paragraph become mentions,
//! each linked to one KB entity (or to none, keeping the tagger's type), ambiguity resolved by
//! the article's own context, and later short references tied to earlier full names.
//!
//! Rules, in order:
//! 1. A KB match is kept when it names a country, region, organisation or person, or is a nisba
//!    adjective; a match whose best candidate is only a city is kept when the city is large or the
//!    tagger also saw a location there (so a small town named like a common word does not fire),
//!    and not when the tagger read exactly its words as an organisation (a club: برشلونة).
//! 2. Among a match's candidates the highest prior wins, plus a bonus for a candidate in a country
//!    the article names elsewhere (طرابلس in an article about Lebanon is Tripoli, Lebanon).
//! 3. A tagger span that overlaps no kept KB match becomes a mention of its own; a person span
//!    whose words end an earlier person's full name links to that person (حجييف → حكمت حجييف).
//! 4. "the Russian president" (a role word, then a nisba) links to the one person in the article
//!    whose CAMEO role on the article's date is that country's government.
//! 5. A person's surname alone, later, right after a verb of saying (وأوضح الهذلول، قال الدهماني),
//!    is a reference to that person even when the tagger missed it.
//! 6. Inside a longer person name the tagger found, a KB place or organisation is part of the
//!    name and is dropped, and a KB person takes the whole name (the union of the two when they
//!    share words), unless the name opens with a given name none of the person's names has
//!    (تركي المالكي is not Nouri al-Maliki); an organisation name the tagger found around KB
//!    matches is a mention too, beside them. A bare nisba where no adjective can stand (after a
//!    definite word or a title, before a family name: الأمير تركي الفيصل) is a given name.
//! 7. Institution names found by their shape (a head noun such as وزارة or الهيئة and the
//!    definite words completing it) join the tagger's organisations, whole.
//! 8. Person spans are mended where a tagger trained on another press cuts or joins them
//!    ([`crate::person_spans`]): family words run on, a kunya and a title are settled, two
//!    coordinated given names are two names.
//! 9. A place's name takes the generic word the press writes before it (منطقة عسير، مدينة جدة).
//! 10. A person's name after a structure's noun and a title (مطار الملك عبدالعزيز) names the
//!     structure: a `part` mention, still linked.
//!
//! A KB person named by an alias that is a role and shares no word with the name (ولي العهد
//! السعودي، خادم الحرمين الشريفين) is a `role` mention, not a name.
//!
//! Every mention says its kind ([`MentionKind`]): a name, a nisba adjective, a role (rule 4) or
//! a reference tied back (rule 5: a surname the tagger did not read as a name). A surname the
//! tagger read is a name, linked by rule 3 to the person it shortens.

use std::collections::HashMap;

use chrono::NaiveDate;
use marsad_kb::{Entity, EntityType, Kb, KbMatch};
use serde::Serialize;

use crate::tagger::{Model, Span};

/// What a mention is: the name itself, or a word marsad tied to the entity. Named-entity
/// figures count `Name` only; event actors use every kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// A proper name (روسيا، فلاديمير بوتين، وزارة الداخلية).
    #[default]
    Name,
    /// An adjective of a place or people (الروسي، الفرنسية، الأميركيين), tied to the country.
    Nisba,
    /// A role tied to the person who holds it on the article's date (الرئيس الروسي → Putin).
    Role,
    /// A short reference tied back to an earlier full mention that only the tie found (وأوضح
    /// الهذلول → عبد الرحمن الهذلول); a surname the tagger read as a name stays a `Name`.
    Coref,
    /// A place named inside an organisation's name (القاهرة in جامعة القاهرة، نابلس in بلدية
    /// نابلس): kept for what it tells (the body's country, the actor's), but not a name of its own.
    Part,
}

impl MentionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MentionKind::Name => "name",
            MentionKind::Nisba => "nisba",
            MentionKind::Role => "role",
            MentionKind::Coref => "coref",
            MentionKind::Part => "part",
        }
    }

    /// The kind stored as text; unknown text reads as a name.
    pub fn parse(s: &str) -> MentionKind {
        match s {
            "nisba" => MentionKind::Nisba,
            "role" => MentionKind::Role,
            "coref" => MentionKind::Coref,
            "part" => MentionKind::Part,
            _ => MentionKind::Name,
        }
    }
}

/// One occurrence of an entity: byte offsets into the display text of paragraph `paragraph`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    pub text: String,
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
    pub kind: MentionKind,
}

impl Mention {
    /// A nisba adjective (الروسي) rather than a name.
    pub fn is_nisba(&self) -> bool {
        self.kind == MentionKind::Nisba
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Codes {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iso3: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cameo: Option<String>,
}

/// An entity of an article with all its mentions (the `entities` of `analyze --json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FoundEntity {
    /// The KB id, or None for a name the KB does not know.
    pub id: Option<String>,
    /// English name from the KB, else the Arabic surface.
    pub name: String,
    pub name_ar: String,
    /// PER, LOC, ORG or MISC.
    #[serde(rename = "type")]
    pub kind: String,
    pub codes: Codes,
    pub mentions: Vec<Mention>,
}

/// Role words that, before a nisba, name a country's leader ("الرئيس الروسي").
/// Longest first, so "رئيس الوزراء" wins over "رئيس".
const ROLE_WORDS: &[&str] = &[
    "رئيس الوزراء",
    "رئيس الحكومة",
    "الرئيس",
    "رئيس",
    "العاهل",
    "الملك",
    "الأمير",
    "المستشارة",
];

/// Population above which a city match stands on its own, without the tagger's agreement.
const BIG_CITY: u64 = 500_000;

struct Pending {
    entity: Option<u32>,
    kind: String,
    surface_key: String,
    mention: Mention,
}

/// Finds and links the entities of an article's paragraphs (display text).
pub fn find_entities(
    kb: &Kb,
    tagger: Option<&Model>,
    paragraphs: &[String],
    date: Option<NaiveDate>,
) -> Vec<FoundEntity> {
    let matches: Vec<Vec<KbMatch>> = paragraphs.iter().map(|p| kb.find(p)).collect();
    // The article's paragraphs are tagged together: a name in one informs the next.
    let tagged = tagger
        .map(|m| m.tag_paragraphs(paragraphs))
        .unwrap_or_else(|| vec![Vec::new(); paragraphs.len()]);
    let spans: Vec<Vec<Span>> = paragraphs
        .iter()
        .zip(&matches)
        .zip(tagged)
        .map(|((p, ms), tagged)| crate::person_spans::mended(p, with_institutions(p, tagged, ms)))
        .collect();

    // Countries the article names unambiguously: context for rule 2.
    let mut context_countries: HashMap<String, usize> = HashMap::new();
    for m in matches.iter().flatten() {
        if m.candidates.len() == 1 {
            if let Some(c) = country_of(kb.entity(m.candidates[0].entity)) {
                *context_countries.entry(c.to_string()).or_default() += 1;
            }
        }
    }

    let mut pending: Vec<Pending> = Vec::new();
    for (pi, p) in paragraphs.iter().enumerate() {
        let mut kept: Vec<(usize, usize)> = Vec::new();
        for m in &matches[pi] {
            let Some(best) = choose(kb, m, &context_countries) else {
                continue;
            };
            let e = kb.entity(best);
            let tagger_loc = spans[pi]
                .iter()
                .any(|s| s.label == "LOC" && s.start < m.end && m.start < s.end);
            if !m.adjective && is_city(e) && e.population.unwrap_or(0) < BIG_CITY && !tagger_loc {
                continue;
            }
            // A city the tagger read, word for word, as an organisation is a club or a body
            // named after it (برشلونة in a match report): the tagger's reading stands.
            let tagger_org = spans[pi]
                .iter()
                .any(|s| s.label == "ORG" && s.start == m.start && s.end == m.end);
            if !m.adjective && is_city(e) && tagger_org {
                continue;
            }
            // Rule 6: inside a longer person name the tagger found, a place or an organisation
            // is part of the name (حمد بن عيسى آل خليفة), and a known person takes the whole name.
            let (mut start, mut end) = (m.start, m.end);
            if enclosing(&spans[pi], "PERS", m.start, m.end).is_some() && e.kind != EntityType::PER
            {
                continue;
            }
            if e.kind == EntityType::PER && another_given_name(kb, p, &spans[pi], m, best) {
                continue;
            }
            if m.adjective {
                if let Some(name_end) = given_name_of_nisba(p, m) {
                    // The tagger's own person span, if it has one, comes through rule 3.
                    if !spans[pi]
                        .iter()
                        .any(|s| s.start < name_end && m.start < s.end)
                    {
                        kept.push((m.start, name_end));
                        pending.push(unlinked(p, pi, "PERS", m.start, name_end));
                    }
                    continue;
                }
            }
            if e.kind == EntityType::PER {
                // A known person's name runs over the tagger's person span it shares words with
                // (الشيخ محمد بن راشد in the KB, محمد بن راشد آل مكتوم read by the tagger).
                for s in spans[pi].iter().filter(|s| s.label == "PERS") {
                    if s.start < m.end && m.start < s.end {
                        (start, end) = (start.min(s.start), end.max(s.end));
                    }
                }
                start = after_title(p, start, end);
            }
            kept.push((start, end));
            pending.push(Pending {
                entity: Some(best),
                kind: e.kind.as_str().to_string(),
                surface_key: marsad_text::match_key(&p[m.name_start..m.end]),
                mention: Mention {
                    text: p[start..end].to_string(),
                    paragraph: pi,
                    start,
                    end,
                    kind: if m.adjective || adjective_here(p, m, e) {
                        MentionKind::Nisba
                    } else if e.kind == EntityType::PER && names_by_role(&p[start..end], e) {
                        MentionKind::Role
                    } else {
                        MentionKind::Name
                    },
                },
            });
        }
        for s in &spans[pi] {
            // An organisation name keeps the places and bodies inside it as mentions of their own
            // (وزارة الداخلية الأردنية: Jordan is the ministry's country) and is a mention too.
            let org_around = |m: (usize, usize)| s.label == "ORG" && encloses((s.start, s.end), m);
            if kept
                .iter()
                .any(|&(a, b)| s.start < b && a < s.end && !org_around((a, b)))
            {
                continue;
            }
            pending.push(unlinked(p, pi, &s.label, s.start, s.end));
            if s.label == "ORG" {
                parts_of(&mut pending, pi, (s.start, s.end));
            }
        }
    }
    pending.sort_by_key(|x| (x.mention.paragraph, x.mention.start));
    with_place_words(paragraphs, &mut pending);
    named_after_people(paragraphs, &mut pending);
    link_short_names(kb, &mut pending);
    link_surnames(paragraphs, &mut pending);
    link_roles(kb, paragraphs, &mut pending, date);
    let mut found = group(kb, pending, date);
    institutions_country(&mut found);
    found
}

/// The place names of paragraph `pi` strictly inside an organisation's name become `Part`s (a
/// nisba stays a nisba). A body inside a body keeps its name: the outer span is as often a
/// tagger's overreach (هيئة ... الاتحاد الأوروبي) as a name of its own.
fn parts_of(pending: &mut [Pending], pi: usize, org: (usize, usize)) {
    for x in pending.iter_mut().filter(|x| x.kind == "LOC") {
        let m = &mut x.mention;
        if m.paragraph == pi && m.kind == MentionKind::Name && encloses(org, (m.start, m.end)) {
            m.kind = MentionKind::Part;
        }
    }
}

/// An organisation the KB does not know takes the country its own name states: the one country
/// of the nisbas and places inside its mentions (وزارة الداخلية التونسية → TUN, جامعة القاهرة →
/// EGY). A name with two countries in it (سفارة فلسطين بتونس) or none keeps no country: which
/// country a bare وزارة الصحة belongs to is the article's to say, not the name's.
fn institutions_country(found: &mut [FoundEntity]) {
    let places: Vec<(usize, usize, usize, String)> = found
        .iter()
        .filter(|e| e.kind == "LOC")
        .filter_map(|e| e.codes.iso3.as_ref().map(|c| (e, c)))
        .flat_map(|(e, c)| {
            e.mentions
                .iter()
                .map(move |m| (m.paragraph, m.start, m.end, c.clone()))
        })
        .collect();
    for e in found
        .iter_mut()
        .filter(|e| e.id.is_none() && e.kind == "ORG" && e.codes.iso3.is_none())
    {
        let mut countries: Vec<&String> = places
            .iter()
            .filter(|(p, s, t, _)| {
                e.mentions
                    .iter()
                    .any(|m| m.paragraph == *p && m.start <= *s && *t <= m.end)
            })
            .map(|(_, _, _, c)| c)
            .collect();
        countries.sort();
        countries.dedup();
        if let [one] = countries[..] {
            e.codes.iso3 = Some(one.clone());
        }
    }
}

/// Titles a KB alias may carry before a person's name (الملك محمد السادس، السيد حسن نصر الله):
/// the name is what follows. Match keys: الرئيس is written الرييس here.
const TITLES: &[&str] = &[
    "الملك",
    "السيد",
    "الشيخ",
    "الامير",
    "الرييس",
    "الدكتور",
    "العاهل",
    "السلطان",
    "الامام",
    "الجنرال",
    "المشير",
    "العقيد",
    "البابا",
    "الملكه",
    "السيده",
];

/// Rule 6's limit: the tagger read a person's name that starts before the KB match with a given
/// name none of the KB person's names starts with (تركي المالكي around المالكي, Nouri
/// al-Maliki's surname): another person of the same family name, not this one.
fn another_given_name(kb: &Kb, text: &str, spans: &[Span], m: &KbMatch, best: u32) -> bool {
    let Some(s) = spans
        .iter()
        .find(|s| s.label == "PERS" && s.start < m.name_start && m.name_start < s.end)
    else {
        return false;
    };
    // A title the match itself holds (بالمشير خليفة حفتر) leaves no given name before it.
    let start = after_title(text, s.start, s.end);
    let Some(given) = text
        .get(start..m.name_start)
        .and_then(|t| t.split_whitespace().next())
    else {
        return false;
    };
    // With its و (ووليد) or as it is: وليد begins with a و of its own.
    let key = marsad_text::match_key(given);
    let bare = key.strip_prefix('و').filter(|k| k.chars().count() > 2);
    !kb.entity(best).names().any(|n| {
        marsad_text::match_key(n)
            .split(' ')
            .filter(|w| !TITLES.contains(w))
            .any(|w| w == key || Some(w) == bare)
    })
}

/// A bare nisba (تركي) is a given name, not an adjective, when it stands where no adjective can:
/// after a definite word, a title or nothing (an adjective without the article agrees with an
/// indefinite noun: مسؤول تركي), and before a family name (a definite word, or آل/بن and a
/// word): الأمير تركي الفيصل، رئيس الهيئة العامة للرياضة تركي آل الشيخ. Returns where the
/// name ends. Inflected forms (فلسطينيا، سوريين) stay nisbas: they are nouns of a people.
fn given_name_of_nisba(text: &str, m: &KbMatch) -> Option<usize> {
    let key = marsad_text::match_key(&text[m.start..m.end]);
    if key.starts_with("ال") || key.contains(' ') || !key.ends_with('ي') {
        return None;
    }
    let prev_definite = match text[..m.start].split_whitespace().next_back() {
        None => true,
        Some(w) if w.ends_with(|c: char| !c.is_alphanumeric()) => return None,
        Some(w) => {
            let k = marsad_text::match_key(w);
            let bare = k.strip_prefix(['و', 'ف', 'ب', 'ك']).unwrap_or(&k);
            k.starts_with("ال") || bare.starts_with("ال") || k.starts_with("لل")
        }
    };
    if !prev_definite {
        return None;
    }
    let mut words = words_after(text, m.end);
    let (a, a_end) = words.next()?;
    let end = match a.as_str() {
        "ال" | "بن" | "ابن" => words.next()?.1,
        w if w.starts_with("ال") && w.chars().count() > 3 => a_end,
        _ => return None,
    };
    Some(end)
}

/// The (at most two) words after byte `from`, as match keys (آل is ال here) with their end
/// offsets; punctuation ends the run.
fn words_after(text: &str, from: usize) -> impl Iterator<Item = (String, usize)> {
    let mut out = Vec::new();
    let mut at = from;
    for w in text[from..].split(' ') {
        let start = at;
        at += w.len() + 1;
        if w.is_empty() {
            continue;
        }
        let word = w.trim_end_matches(|c: char| !c.is_alphabetic());
        if word.is_empty() || !word.chars().all(char::is_alphabetic) {
            break;
        }
        out.push((marsad_text::match_key(word), start + word.len()));
        if word.len() < w.len() || out.len() == 2 {
            break;
        }
    }
    out.into_iter()
}

/// A name of tagger label `label` (PERS, LOC …) over `start..end`, linked to no KB entity.
fn unlinked(text: &str, paragraph: usize, label: &str, start: usize, end: usize) -> Pending {
    Pending {
        entity: None,
        kind: tagger_type(label).to_string(),
        surface_key: marsad_text::match_key(&text[start..end]),
        mention: Mention {
            text: text[start..end].to_string(),
            paragraph,
            start,
            end,
            kind: MentionKind::Name,
        },
    }
}

/// `start` moved past a leading title (with its clitics) when a name follows it.
fn after_title(text: &str, start: usize, end: usize) -> usize {
    let span = &text[start..end];
    let Some(space) = span.find(' ') else {
        return start;
    };
    let first = marsad_text::match_key(&span[..space]);
    let first = first
        .strip_prefix(['و', 'ف', 'ل', 'ب'])
        .filter(|w| w.starts_with("ال"))
        .unwrap_or(&first);
    if TITLES.contains(&first) {
        start + space + 1
    } else {
        start
    }
}

/// A name that is also one of its entity's adjectives (السعودية), right after a definite word
/// it agrees with, is the adjective: الأندية السعودية، كرة القدم السعودية (not في السعودية).
fn adjective_here(text: &str, m: &KbMatch, e: &Entity) -> bool {
    let name = &text[m.name_start..m.end];
    // A clitic (بالسعودية) makes it a noun: a preposition takes no adjective.
    if m.start != m.name_start || !e.adjectives.iter().any(|a| a == name) {
        return false;
    }
    let before = text[..m.start].trim_end_matches(' ');
    if before.len() == m.start {
        return false;
    }
    let word = before.rsplit(' ').next().unwrap_or("");
    let key = marsad_text::match_key(word);
    key.strip_prefix('و').unwrap_or(&key).starts_with("ال")
}

/// Words that open a role, not a name (match keys): an alias of a person that starts with one
/// and shares no word with the person's name is a role (ولي العهد السعودي، خادم الحرمين الشريفين).
const ROLE_HEADS: &[&str] = &[
    "ولي",
    "خادم",
    "الرييس",
    "رييس",
    "المرشد",
    "العاهل",
    "الامين",
    "نايب",
    "وزير",
    "الوزير",
    "زعيم",
    "الزعيم",
    "البابا",
    "قايد",
    "القايد",
];

/// Whether a known person's mention `text` names them by a role: its first word opens a role
/// and none of its words is a word of the person's name (الملك سلمان is a name, with a title).
fn names_by_role(text: &str, e: &Entity) -> bool {
    let words: Vec<String> = text
        .split_whitespace()
        .map(marsad_text::match_key)
        .collect();
    let first = words.first().map(|w| {
        w.strip_prefix(['و', 'ف', 'ل', 'ب'])
            .filter(|b| ROLE_HEADS.contains(b))
            .unwrap_or(w)
    });
    if !first.is_some_and(|w| ROLE_HEADS.contains(&w)) {
        return false;
    }
    !e.name_ar
        .split_whitespace()
        .any(|n| words.contains(&marsad_text::match_key(n)))
}

/// Generic words the press writes as part of a place's name (match keys): مدينة جدة، منطقة
/// عسير، محافظة بارق، ولاية تكساس، حي العمارة.
const PLACE_WORDS: &[&str] = &[
    "مدينه",
    "منطقه",
    "محافظه",
    "ولايه",
    "قريه",
    "بلده",
    "حي",
    "جزيره",
    "اقليم",
    "مقاطعه",
    "دوله",
];

/// Rule 9: a place's name mention takes the generic word written just before it (بمنطقة عسير →
/// منطقة عسير; the clitic stays out), unless another mention holds that word.
fn with_place_words(paragraphs: &[String], pending: &mut [Pending]) {
    let mut taken: Vec<(usize, usize, usize)> = pending
        .iter()
        .map(|q| (q.mention.paragraph, q.mention.start, q.mention.end))
        .collect();
    for q in pending.iter_mut() {
        let m = &mut q.mention;
        if q.kind != "LOC" || m.kind != MentionKind::Name {
            continue;
        }
        let Some(p) = paragraphs.get(m.paragraph) else {
            continue;
        };
        let before = p[..m.start].trim_end_matches(' ');
        if before.len() == m.start || !p.is_char_boundary(before.len()) {
            continue; // no space before the name: no word of its own
        }
        let word_start = before.rfind(' ').map_or(0, |i| i + 1);
        let word = &before[word_start..];
        let key = marsad_text::match_key(word);
        let (bare, clitics) = strip_preposition(&key, PLACE_WORDS);
        if !PLACE_WORDS.contains(&bare) {
            continue;
        }
        let start = word_start + crate::institutions::letters_len(word, clitics);
        if taken
            .iter()
            .any(|&(pi, a, b)| pi == m.paragraph && a < m.start && start < b)
        {
            continue;
        }
        taken.push((m.paragraph, start, m.start));
        m.start = start;
        m.text = p[start..m.end].to_string();
    }
}

/// Structures named after a person (match keys): مطار الملك عبدالعزيز، استاد الأمير سلمان.
const STRUCTURES: &[&str] = &[
    "مطار",
    "استاد",
    "ملعب",
    "طريق",
    "شارع",
    "جسر",
    "ميناء",
    "مسجد",
    "جامع",
    "قصر",
    "برج",
    "قاعه",
    "مجمع",
    "حي",
    "ميدان",
];

/// Rule 10: a person's name right after a structure's noun and a title (مطار الملك عبدالعزيز،
/// باستاد الأمير سلمان بن عبدالعزيز) names the structure: the mention is a `part`, still linked
/// to the person, not a mention of them (an analyst counting the king's mentions does not count
/// his airport).
fn named_after_people(paragraphs: &[String], pending: &mut [Pending]) {
    for q in pending.iter_mut().filter(|q| q.kind == "PER") {
        let m = &mut q.mention;
        let Some(p) = paragraphs.get(m.paragraph) else {
            continue;
        };
        if m.kind == MentionKind::Name && after_structure(p, m.start, m.end) {
            m.kind = MentionKind::Part;
        }
    }
}

/// Whether the name at `start..end` of `p` follows a structure's noun and a title (the title
/// before the name, or its own first word).
fn after_structure(p: &str, start: usize, end: usize) -> bool {
    let before: Vec<String> = p[..start]
        .split_whitespace()
        .rev()
        .take(2)
        .map(marsad_text::match_key)
        .collect();
    let first = p[start..end]
        .split_whitespace()
        .next()
        .map(marsad_text::match_key)
        .unwrap_or_default();
    let title = |w: &String| TITLES.contains(&w.as_str());
    let structure = if title(&first) {
        before.first()
    } else if before.first().is_some_and(title) {
        before.get(1)
    } else {
        None
    };
    structure.is_some_and(|w| STRUCTURES.contains(&strip_preposition(w, STRUCTURES).0))
}

/// `key` without its leading و/ف and the ب/ل/ك before a word of `words`, and how many clitic
/// letters were cut.
fn strip_preposition<'a>(key: &'a str, words: &[&str]) -> (&'a str, usize) {
    let (rest, n) = match key.strip_prefix(['و', 'ف']) {
        Some(r) => (r, 1),
        None => (key, 0),
    };
    match rest.strip_prefix(['ب', 'ل', 'ك']) {
        Some(r) if words.contains(&r) => (r, n + 1),
        _ => (rest, n),
    }
}

/// Rule 7: the tagger's spans with the institution names of the paragraph
/// ([`crate::institutions`]) added, each replacing the tagger spans inside it; a name that a
/// tagger span crosses is left out (the tagger saw another boundary).
fn with_institutions(text: &str, mut spans: Vec<Span>, matches: &[KbMatch]) -> Vec<Span> {
    let known = |start: usize| {
        matches
            .iter()
            // A known name with a clitic (وإسرائيل) is another name, not this one's end.
            .find(|m| m.start == start && m.name_start == m.start && !m.adjective)
            .map(|m| m.end)
    };
    for inst in crate::institutions::institution_spans(text, known) {
        let overlaps = |s: &Span| s.start < inst.end && inst.start < s.end;
        let crosses = |s: &Span| overlaps(s) && (s.start < inst.start || s.end > inst.end);
        if spans.iter().any(crosses) {
            continue;
        }
        spans.retain(|s| !overlaps(s));
        spans.push(inst);
    }
    spans.sort_by_key(|s| s.start);
    spans
}

/// The tagger's span of `label` that strictly encloses bytes `start..end`.
fn enclosing<'a>(spans: &'a [Span], label: &str, start: usize, end: usize) -> Option<&'a Span> {
    spans
        .iter()
        .find(|s| s.label == label && encloses((s.start, s.end), (start, end)))
}

/// Byte range `outer` holds `inner` and is longer.
fn encloses(outer: (usize, usize), inner: (usize, usize)) -> bool {
    outer.0 <= inner.0 && inner.1 <= outer.1 && outer.1 - outer.0 > inner.1 - inner.0
}

/// The candidate with the best prior, nudged toward countries the article names elsewhere.
fn choose(kb: &Kb, m: &KbMatch, context: &HashMap<String, usize>) -> Option<u32> {
    m.candidates
        .iter()
        .map(|c| {
            let e = kb.entity(c.entity);
            let in_context =
                country_of(e).is_some_and(|k| context.contains_key(k)) && e.subtype != "country";
            (c.entity, c.prior + if in_context { 0.2 } else { 0.0 })
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

fn country_of(e: &Entity) -> Option<&str> {
    e.country.as_deref().or(e.iso3.as_deref())
}

fn is_city(e: &Entity) -> bool {
    e.kind == EntityType::LOC
        && (e.subtype == "city" || e.subtype == "capital")
        && e.subtype != "country"
}

fn tagger_type(label: &str) -> &str {
    match label {
        "PERS" => "PER",
        other => other,
    }
}

/// Rule 3: an unlinked person mention whose words end an earlier person's name links to that
/// person, and stays a `name` (only what rule 5 adds, a word the tagger did not read as a name,
/// is a `coref`).
fn link_short_names(kb: &Kb, pending: &mut [Pending]) {
    for i in 0..pending.len() {
        if pending[i].entity.is_some() || pending[i].kind != "PER" {
            continue;
        }
        let key = strip_clitic(&pending[i].surface_key).to_string();
        let earlier = pending[..i].iter().rev().find(|p| {
            p.kind == "PER"
                && p.surface_key.len() > key.len()
                && p.surface_key.ends_with(&format!(" {key}"))
        });
        if let Some(full) = earlier {
            let (entity, full_key) = (full.entity, full.surface_key.clone());
            // The tagger read these words as a name, and a surname is a name (named-entity gold
            // counts it): the mention stays a `name`, linked to the person it shortens.
            pending[i].entity = entity;
            if entity.is_none() {
                // Two unlinked mentions of one unknown person: one entity, keyed by the full name.
                pending[i].surface_key = full_key;
            }
        }
    }
    let _ = kb;
}

/// Verbs of saying after which a bare surname is the speaker (match keys, with و/ف stripped).
const SAY_VERBS: &[&str] = &[
    "قال",
    "اضاف",
    "اكد",
    "اوضح",
    "اشار",
    "صرح",
    "تابع",
    "لفت",
    "شدد",
    "اعتبر",
    "ذكر",
    "بين",
    "افاد",
    "اعلن",
    "كشف",
    "نفي",
    "حذر",
    "دعا",
    "يقول",
    "يضيف",
];

/// Rule 5: a bare surname after a verb of saying, later than a person's full name.
fn link_surnames(paragraphs: &[String], pending: &mut Vec<Pending>) {
    struct FullName<'a> {
        at: (usize, usize), // (paragraph, end)
        entity: Option<u32>,
        key: &'a str,
        surname: &'a str,
    }
    let people: Vec<FullName> = pending
        .iter()
        .filter(|p| p.kind == "PER" && p.mention.kind == MentionKind::Name)
        .filter_map(|p| {
            let (_, surname) = p.surface_key.rsplit_once(' ')?;
            (surname.chars().count() >= 4).then_some(FullName {
                at: (p.mention.paragraph, p.mention.end),
                entity: p.entity,
                key: &p.surface_key,
                surname,
            })
        })
        .collect();
    if people.is_empty() {
        return;
    }
    let mut added = Vec::new();
    for (pi, text) in paragraphs.iter().enumerate() {
        let toks: Vec<marsad_text::Token> = marsad_text::tokens(text).collect();
        for w in toks.windows(2) {
            let verb = marsad_text::match_key(&text[w[0].start..w[0].end]);
            let verb = verb
                .strip_prefix(['و', 'ف'])
                .filter(|v| v.chars().count() >= 3)
                .unwrap_or(&verb);
            if !SAY_VERBS.contains(&verb) {
                continue;
            }
            let (start, end) = (w[1].start, w[1].end);
            let key = marsad_text::match_key(&text[start..end]);
            // The latest full name before this word whose last word it is.
            let Some(person) = people
                .iter()
                .rfind(|p| p.at <= (pi, start) && p.surname == key)
            else {
                continue;
            };
            let taken = pending.iter().chain(&added).any(|q| {
                q.mention.paragraph == pi && q.mention.start < end && start < q.mention.end
            });
            if !taken {
                added.push(Pending {
                    entity: person.entity,
                    kind: "PER".into(),
                    surface_key: person.key.to_string(),
                    mention: Mention {
                        text: text[start..end].to_string(),
                        paragraph: pi,
                        start,
                        end,
                        kind: MentionKind::Coref,
                    },
                });
            }
        }
    }
    pending.extend(added);
    pending.sort_by_key(|x| (x.mention.paragraph, x.mention.start));
}

/// A leading conjunction or preposition on a bare surname (وحجييف → حجييف).
fn strip_clitic(key: &str) -> &str {
    for p in ["و", "ف", "ب", "ل"] {
        if let Some(rest) = key.strip_prefix(p) {
            if rest.chars().count() >= 3 {
                return rest;
            }
        }
    }
    key
}

/// Rule 4: "الرئيس الروسي" → the article's person who governs Russia on that date.
fn link_roles(kb: &Kb, paragraphs: &[String], pending: &mut Vec<Pending>, date: Option<NaiveDate>) {
    let mut added = Vec::new();
    for p in pending.iter() {
        let Some(ei) = p.entity else { continue };
        if !p.mention.is_nisba() {
            continue;
        }
        let country = kb.entity(ei);
        let Some(code) = country.cameo_on(date) else {
            continue;
        };
        let text = &paragraphs[p.mention.paragraph];
        let before = text[..p.mention.start].trim_end();
        let before_key = marsad_text::match_key(before);
        let Some(role) = ROLE_WORDS
            .iter()
            .find(|r| before_key.ends_with(&marsad_text::match_key(r)))
        else {
            continue;
        };
        // The person must be named in the article and hold the government role on the date. The
        // name right after the role ("الرئيس الروسي فلاديمير بوتين") decides; otherwise only a
        // single such person in the article is taken.
        let gov = format!("{code}GOV");
        let holds = |qi: u32| {
            let e = kb.entity(qi);
            e.kind == EntityType::PER && e.cameo_on(date).is_some_and(|c| c == gov)
        };
        let next = pending.iter().find(|q| {
            q.mention.paragraph == p.mention.paragraph
                && q.mention.start > p.mention.end
                && text[p.mention.end..q.mention.start].trim().is_empty()
        });
        let mut people: Vec<u32> = pending
            .iter()
            .filter_map(|q| q.entity)
            .filter(|&qi| holds(qi))
            .collect();
        people.sort_unstable();
        people.dedup();
        let person = match next.and_then(|q| q.entity) {
            Some(qi) if holds(qi) => Some(qi),
            _ if people.len() == 1 => Some(people[0]),
            _ => None,
        };
        if let Some(person) = person {
            let start = before.len() - role_len(before, role);
            added.push(Pending {
                entity: Some(person),
                kind: "PER".into(),
                surface_key: String::new(),
                mention: Mention {
                    text: text[start..p.mention.end].to_string(),
                    paragraph: p.mention.paragraph,
                    start,
                    end: p.mention.end,
                    kind: MentionKind::Role,
                },
            });
        }
    }
    pending.extend(added);
    pending.sort_by_key(|x| (x.mention.paragraph, x.mention.start));
}

/// Byte length of the role words at the end of `before` (match keys may differ in length from
/// the text, so count words, not bytes).
fn role_len(before: &str, role: &str) -> usize {
    let words = role.split(' ').count();
    let mut start = before.len();
    for _ in 0..words {
        start = before[..start]
            .trim_end()
            .rfind(' ')
            .map(|i| i + 1)
            .unwrap_or(0);
    }
    before.len() - start
}

/// Groups mentions by entity (KB id, or type + surface for unknown names), in order of first mention.
fn group(kb: &Kb, pending: Vec<Pending>, date: Option<NaiveDate>) -> Vec<FoundEntity> {
    let mut order: Vec<String> = Vec::new();
    let mut by_key: HashMap<String, FoundEntity> = HashMap::new();
    for p in pending {
        let key = match p.entity {
            Some(i) => kb.entity(i).id.clone(),
            None => format!("{}:{}", p.kind, p.surface_key),
        };
        let entry = by_key.entry(key.clone()).or_insert_with(|| {
            order.push(key.clone());
            match p.entity {
                Some(i) => {
                    let e = kb.entity(i);
                    FoundEntity {
                        id: Some(e.id.clone()),
                        name: if e.name_en.is_empty() {
                            e.name_ar.clone()
                        } else {
                            e.name_en.clone()
                        },
                        name_ar: e.name_ar.clone(),
                        kind: e.kind.as_str().to_string(),
                        codes: Codes {
                            iso3: e.iso3.clone().or_else(|| e.country.clone()),
                            cameo: kb.cameo_on(e, date).map(str::to_string),
                        },
                        mentions: Vec::new(),
                    }
                }
                None => FoundEntity {
                    id: None,
                    name: p.mention.text.clone(),
                    name_ar: p.mention.text.clone(),
                    kind: p.kind.clone(),
                    codes: Codes::default(),
                    mentions: Vec::new(),
                },
            }
        });
        if !entry
            .mentions
            .iter()
            .any(|m| m.paragraph == p.mention.paragraph && m.start == p.mention.start)
        {
            entry.mentions.push(p.mention);
        }
    }
    order
        .into_iter()
        .filter_map(|k| by_key.remove(&k))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(label: &str, start: usize, end: usize) -> Span {
        Span {
            label: label.into(),
            start,
            end,
        }
    }

    #[test]
    fn a_leading_title_is_not_part_of_the_name() {
        let t = "قال الملك محمد السادس";
        let start = t.find("الملك").unwrap();
        assert_eq!(&t[after_title(t, start, t.len())..], "محمد السادس");
        // With a clitic on the title, and not when nothing follows it.
        let t = "والسيد حسن نصر الله";
        assert_eq!(&t[after_title(t, 0, t.len())..], "حسن نصر الله");
        assert_eq!(after_title("الملك", 0, "الملك".len()), 0);
        // A name that opens with a word that is no title keeps it.
        let t = "الحبيب بورقيبة";
        assert_eq!(after_title(t, 0, t.len()), 0);
    }

    #[test]
    fn enclosing_means_strictly_longer_and_of_the_label() {
        let spans = [span("PERS", 0, 30), span("ORG", 40, 60)];
        assert!(enclosing(&spans, "PERS", 10, 20).is_some());
        assert!(enclosing(&spans, "PERS", 0, 30).is_none(), "same extent");
        assert!(enclosing(&spans, "PERS", 25, 35).is_none(), "overlap only");
        assert!(enclosing(&spans, "ORG", 10, 20).is_none(), "other label");
    }

    #[test]
    fn clitics_and_role_words_are_measured_in_words() {
        assert_eq!(strip_clitic("وحجييف"), "حجييف");
        assert_eq!(
            strip_clitic("بان"),
            "بان",
            "too short to be a clitic + name"
        );
        let before = "قال رئيس الوزراء";
        assert_eq!(role_len(before, "رئيس الوزراء"), "رئيس الوزراء".len());
    }

    fn pending(key: &str, paragraph: usize, start: usize) -> Pending {
        Pending {
            entity: None,
            kind: "PER".into(),
            surface_key: key.into(),
            mention: Mention {
                text: key.into(),
                paragraph,
                start,
                end: start + key.len(),
                kind: MentionKind::Name,
            },
        }
    }

    #[test]
    fn a_surname_the_tagger_read_stays_a_name_of_the_full_names_person() {
        let mut ps = vec![
            pending("عبد الرحمن الهذلول", 0, 10),
            pending("والهذلول", 1, 6),
            pending("الدهماني", 1, 40),
        ];
        link_short_names(Kb::embedded(), &mut ps);
        // Tied to the full name (one entity) and still counted as a name.
        assert_eq!(ps[1].surface_key, "عبد الرحمن الهذلول");
        assert_eq!(ps[1].mention.kind, MentionKind::Name);
        // Another surname is left alone.
        assert_eq!(ps[2].surface_key, "الدهماني");
    }

    #[test]
    fn mention_kinds_read_back_from_their_text() {
        for k in [
            MentionKind::Name,
            MentionKind::Nisba,
            MentionKind::Role,
            MentionKind::Coref,
            MentionKind::Part,
        ] {
            assert_eq!(MentionKind::parse(k.as_str()), k);
        }
        assert_eq!(MentionKind::parse("unknown"), MentionKind::Name);
    }
}
