//! From raw evidence to entities: KB matches and tagger spans of each paragraph become mentions,
//! each linked to one KB entity (or to none, keeping the tagger's type), ambiguity resolved by
//! the article's own context, and later short references tied to earlier full names.
//!
//! Rules, in order:
//! 1. A KB match is kept when it names a country, region, organisation or person, or is a nisba
//!    adjective; a match whose best candidate is only a city is kept when the city is large or the
//!    tagger also saw a location there (so a small town named like a common word does not fire).
//! 2. Among a match's candidates the highest prior wins, plus a bonus for a candidate in a country
//!    the article names elsewhere (طرابلس in an article about Lebanon is Tripoli, Lebanon).
//! 3. A tagger span that overlaps no kept KB match becomes a mention of its own; a person span
//!    whose words end an earlier person's full name links to that person (حجييف → حكمت حجييف).
//! 4. "the Russian president" (a role word, then a nisba) links to the one person in the article
//!    whose CAMEO role on the article's date is that country's government.

use std::collections::HashMap;

use chrono::NaiveDate;
use marsad_kb::{Entity, EntityType, Kb, KbMatch};
use serde::Serialize;

use crate::tagger::{Model, Span};

/// One occurrence of an entity: byte offsets into the display text of paragraph `paragraph`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    pub text: String,
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
    /// A nisba adjective (الروسي) rather than the name itself.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub adjective: bool,
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
    let spans: Vec<Vec<Span>> = match tagger {
        Some(m) => paragraphs.iter().map(|p| m.tag_text(p)).collect(),
        None => vec![Vec::new(); paragraphs.len()],
    };

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
            kept.push((m.start, m.end));
            pending.push(Pending {
                entity: Some(best),
                kind: e.kind.as_str().to_string(),
                surface_key: marsad_text::match_key(&p[m.name_start..m.end]),
                mention: Mention {
                    text: p[m.start..m.end].to_string(),
                    paragraph: pi,
                    start: m.start,
                    end: m.end,
                    adjective: m.adjective,
                },
            });
        }
        for s in &spans[pi] {
            if kept.iter().any(|&(a, b)| s.start < b && a < s.end) {
                continue;
            }
            pending.push(Pending {
                entity: None,
                kind: tagger_type(&s.label).to_string(),
                surface_key: marsad_text::match_key(&p[s.start..s.end]),
                mention: Mention {
                    text: p[s.start..s.end].to_string(),
                    paragraph: pi,
                    start: s.start,
                    end: s.end,
                    adjective: false,
                },
            });
        }
    }
    pending.sort_by_key(|x| (x.mention.paragraph, x.mention.start));
    link_short_names(kb, &mut pending);
    link_roles(kb, paragraphs, &mut pending, date);
    group(kb, pending, date)
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

/// Rule 3: an unlinked person mention whose words end an earlier person's name.
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
            pending[i].entity = entity;
            if entity.is_none() {
                // Two unlinked mentions of one unknown person: one entity, keyed by the full name.
                pending[i].surface_key = full_key;
            }
        }
    }
    let _ = kb;
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
        if !p.mention.adjective {
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
                    adjective: false,
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
