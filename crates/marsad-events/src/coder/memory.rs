//! What the coder remembers across the sentences of an article: the people named so far, the
//! last subject, and how often each country is named; and how a sentence's references (بلاده،
//! قواتهم، الرئيسان) resolve against it.
//!
//! For: the article-level state a later sentence reads. Not for: anything within one sentence
//! (see [`super::sentence`]), nor merging repeated events (that is done on the finished events).

use std::collections::HashMap;

use marsad_entities::FoundEntity;
use marsad_kb::Kb;

use super::sentence::Sentence;
use crate::actors::{Kind, Run};
use crate::event::{Actor, Event};

/// What the coder remembers across sentences.
pub(crate) struct Doc {
    pub persons: Vec<Actor>,
    pub last_subject: Option<Actor>,
    /// Country mentions in the article (names and adjectives), for the adversary rule.
    pub countries: HashMap<String, usize>,
}

impl Doc {
    pub fn new(kb: &Kb, entities: &[FoundEntity]) -> Doc {
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

    /// The country the article names most often (twice at least) other than `of`: the other side
    /// of a conflict whose target is not named.
    pub fn adversary(&self, of: &str) -> Option<String> {
        let mut v: Vec<(&String, &usize)> = self
            .countries
            .iter()
            .filter(|(c, n)| c.as_str() != of && **n >= 2)
            .collect();
        v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        v.first().map(|(c, _)| (*c).clone())
    }
}

/// Updates the memory for a sentence without triggers: its people, and its first person, country
/// or organisation as the subject a later pronoun may refer to.
pub(crate) fn remember_bare(doc: &mut Doc, s: &Sentence) {
    let actor = |pc: &crate::actors::Piece| Actor {
        name: s.p[s.toks[pc.first].start..s.toks[pc.last].end].to_string(),
        code: pc.code.clone(),
        country: pc.country.clone(),
        entity: pc.entity.clone(),
    };
    for pc in s.pieces.iter().filter(|x| x.kind == Kind::Person) {
        doc.persons.push(actor(pc));
    }
    if let Some(pc) = s
        .pieces
        .iter()
        .find(|x| matches!(x.kind, Kind::Person | Kind::Country | Kind::Org))
    {
        doc.last_subject = Some(actor(pc));
    }
}

/// Updates the memory after a coded sentence: its people, and the doer of its first event no rule
/// would drop (or else its first actor with a country) as the last subject.
pub(crate) fn remember_coded(doc: &mut Doc, s: &Sentence, out: &[(Event, u8)]) {
    for (r, g) in s.runs.iter().zip(&s.groups) {
        if r.person {
            doc.persons.extend(g.iter().cloned());
        }
    }
    if let Some((e, _)) = out.iter().find(|(_, k)| *k == 0) {
        doc.last_subject = Some(e.actor1.clone());
    } else if let Some(g) = s
        .groups
        .iter()
        .find(|g| g.iter().any(|a| a.country.is_some()))
    {
        doc.last_subject = g.first().cloned();
    }
}

/// The actors each run stands for: itself, or what its reference resolves to (none when it does
/// not resolve, or when the run has no code).
pub(crate) fn resolve(runs: &[Run], doc: &Doc) -> Vec<Vec<Actor>> {
    let mut out: Vec<Vec<Actor>> = Vec::with_capacity(runs.len());
    for (i, r) in runs.iter().enumerate() {
        let g = if r.dual {
            dual(runs, i, doc)
        } else if let Some(agent) = &r.reference {
            // The country of the nearest actor before it in the sentence, or of the last subject.
            let country = out[..i]
                .iter()
                .rev()
                .flat_map(|g| g.iter())
                .find_map(|a| a.country.clone())
                .or_else(|| doc.last_subject.as_ref().and_then(|a| a.country.clone()));
            match country {
                Some(c) => vec![Actor {
                    name: r.actor.name.clone(),
                    code: Some(format!("{c}{agent}")),
                    country: Some(c),
                    entity: None,
                }],
                None => Vec::new(),
            }
        } else if r.actor.code.is_some() {
            vec![r.actor.clone()]
        } else {
            Vec::new()
        };
        out.push(g);
    }
    out
}

/// الرئيسان: the two distinct people named last (in the article, then earlier in the sentence),
/// or nobody when there are not two.
fn dual(runs: &[Run], i: usize, doc: &Doc) -> Vec<Actor> {
    let r = &runs[i];
    let mut v: Vec<Actor> = Vec::new();
    let earlier = runs[..i]
        .iter()
        .rev()
        .filter(|x| x.person)
        .map(|x| &x.actor);
    for a in doc.persons.iter().rev().chain(earlier) {
        if !v.iter().any(|b| b.code == a.code && b.entity == a.entity) {
            v.push(a.clone());
        }
        if v.len() == 2 {
            break;
        }
    }
    if v.len() != 2 {
        return Vec::new();
    }
    let named = |a: Actor| Actor {
        name: r.actor.name.clone(),
        ..a
    };
    v.into_iter().map(named).collect()
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{codes_of, kept, with_sentence};
    use crate::actors::Kind;

    #[test]
    fn biladuhu_is_the_country_of_the_last_subject() {
        let text =
            "وصل الرئيس التركي رجب طيب أردوغان إلى القاهرة.\nوأكد أن بلاده تدعم الحكومة الليبية.";
        with_sentence(text, |s, doc| {
            let last = doc.last_subject.as_ref().and_then(|a| a.country.as_deref());
            assert_eq!(last, Some("TUR"));
            let r = s.runs.iter().position(|r| r.actor.name == "بلاده").unwrap();
            assert_eq!(codes_of(s, &[r]), vec!["TUR".to_string()]);
        });
        let want = ("051".to_string(), "TUR".to_string(), "LBYGOV".to_string());
        assert_eq!(kept(text), vec![want]);
    }

    #[test]
    fn the_two_presidents_are_the_two_people_named_last() {
        let text = "اجتمع الرئيس الفرنسي إيمانويل ماكرون بالمستشار الألماني أولاف شولتس في برلين.\nوبحث الرئيسان الحرب في أوكرانيا.";
        with_sentence(text, |s, _| {
            assert_eq!(s.pieces[0].kind, Kind::Dual);
            let r = s.runs.iter().position(|r| r.dual).unwrap();
            let mut countries: Vec<String> = s.groups[r]
                .iter()
                .filter_map(|a| a.country.clone())
                .collect();
            countries.sort();
            assert_eq!(countries, vec!["DEU".to_string(), "FRA".to_string()]);
        });
    }

    #[test]
    fn a_sentence_without_triggers_still_sets_the_subject() {
        let text = "وصل الرئيس التركي رجب طيب أردوغان إلى القاهرة.\nوقال إن الوضع صعب.";
        with_sentence(text, |_, doc| {
            let tur = doc
                .persons
                .iter()
                .any(|a| a.country.as_deref() == Some("TUR"));
            assert!(tur, "{:?}", doc.persons);
        });
    }
}
