//! Who: the actors of a sentence, from linked entities (countries, people with their CAMEO role
//! on the article's date, organisations) and agent words (الجيش، السلطات، المتظاهرون …).
//!
//! A *run* is a chain of adjacent pieces read as one actor: agent + nationality (القوات
//! الأرمينية → ARMMIL; السلطات في أذربيجان → AZEGOV; مصدر أمني يعمل الجيش الأذري → AZEMIL, the
//! last agent being the most specific), role + nisba + person (الرئيس الروسي فلاديمير بوتين →
//! the person's code). References are kept open here and resolved by the coder: بلاده، قواتهم
//! (the country of the nearest earlier actor), الرئيسان (the two people named last).

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::NaiveDate;
use marsad_entities::FoundEntity;
use marsad_kb::{EntityType, Kb};

use crate::event::Actor;
use crate::triggers::{core_key, Tok};

static AGENTS: &str = include_str!("../../../data/events/agents.tsv");

/// Agent phrases by their first word: (the phrase's words, its code), longest first.
type Agents = HashMap<String, Vec<(Vec<String>, String)>>;

fn agents() -> &'static Agents {
    static A: OnceLock<Agents> = OnceLock::new();
    A.get_or_init(|| {
        let mut m: HashMap<String, Vec<(Vec<String>, String)>> = HashMap::new();
        for line in AGENTS.lines().filter(|l| !l.starts_with('#')) {
            if let Some((k, c)) = line.split_once('\t') {
                let w: Vec<String> = k.split(' ').map(String::from).collect();
                m.entry(w[0].clone()).or_default().push((w, c.to_string()));
            }
        }
        for v in m.values_mut() {
            v.sort_by_key(|x| std::cmp::Reverse(x.0.len()));
        }
        m
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Person,
    Country,
    Org,
    Agent,
    /// A nisba adjective (الأرمينية): a nationality, an actor only with an agent or a person,
    /// or alone as a people in the masculine sound plural (الفلسطينيين).
    Adj,
    /// بلاده، بلادها: the country of an earlier actor.
    RefCountry,
    /// قواتهم، حكومته: an agent of an earlier actor's country.
    RefAgent,
    /// الرئيسان: the two people named last.
    Dual,
    /// A city or region (a place, not an actor). A capital that acts, with no locative word or
    /// preposition before it (اتهم الكرملين واشنطن), is a [`Kind::Country`] piece coded as its
    /// country's government instead.
    Place,
}

/// One piece of an actor in a sentence (token indices, inclusive).
#[derive(Debug, Clone)]
pub struct Piece {
    pub first: usize,
    pub last: usize,
    pub kind: Kind,
    pub code: Option<String>,
    pub country: Option<String>,
    pub name: String,
    pub entity: Option<String>,
}

/// An actor of a sentence: a chain of pieces.
#[derive(Debug, Clone)]
pub struct Run {
    pub first: usize,
    pub last: usize,
    pub actor: Actor,
    /// Unresolved reference: Some(agent code or "") for بلاده/قواتهم; `dual` for الرئيسان.
    pub reference: Option<String>,
    pub dual: bool,
    pub person: bool,
}

fn country_of_code(kb: &Kb, code: &str) -> Option<String> {
    let c = code.get(..3)?;
    kb.get(&format!("country:{c}")).map(|_| c.to_string())
}

/// The pieces of tokens `toks` (a sentence of paragraph `para`): entity mentions inside the
/// sentence, then agent words and references on the remaining tokens.
pub fn pieces(
    kb: &Kb,
    toks: &[Tok],
    para: usize,
    entities: &[FoundEntity],
    date: Option<NaiveDate>,
) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    if toks.is_empty() {
        return out;
    }
    let mut covered = vec![false; toks.len()];
    for fe in entities {
        entity_pieces(kb, toks, para, fe, date, &mut covered, &mut out);
    }
    let mut i = 0;
    while i < toks.len() {
        if covered[i] {
            i += 1;
            continue;
        }
        match word_piece(toks, i, &covered) {
            Some(pc) => {
                // An agent phrase is read whole; a reference is one word.
                i = if pc.kind == Kind::Agent { pc.last } else { i } + 1;
                out.push(pc);
            }
            None => i += 1,
        }
    }
    out.sort_by_key(|p| p.first);
    out
}

/// The pieces of entity `fe`'s mentions inside the sentence, marking their tokens `covered`.
/// A mention whose entity is not in the KB, or whose kind is no actor or place, gives none.
fn entity_pieces(
    kb: &Kb,
    toks: &[Tok],
    para: usize,
    fe: &FoundEntity,
    date: Option<NaiveDate>,
    covered: &mut [bool],
    out: &mut Vec<Piece>,
) {
    let (s0, s1) = (toks[0].start, toks[toks.len() - 1].end);
    let kbe = fe.id.as_deref().and_then(|id| kb.get(id));
    for m in fe
        .mentions
        .iter()
        .filter(|m| m.paragraph == para && m.start >= s0 && m.end <= s1)
    {
        let idx: Vec<usize> = (0..toks.len())
            .filter(|&i| toks[i].start < m.end && m.start < toks[i].end)
            .collect();
        let (Some(&first), Some(&last)) = (idx.first(), idx.last()) else {
            continue;
        };
        let Some(e) = kbe else { continue };
        let code = fe
            .codes
            .cameo
            .clone()
            .or_else(|| e.cameo_on(date).map(String::from));
        let country = fe
            .codes
            .iso3
            .clone()
            .or_else(|| e.country.clone())
            .or_else(|| code.as_deref().and_then(|c| country_of_code(kb, c)));
        let capital = e.kind == EntityType::LOC
            && e.subtype == "capital"
            && country.is_some()
            && !locative(toks, first, m.start);
        let kind = if m.is_nisba() {
            Kind::Adj
        } else {
            match e.kind {
                EntityType::PER if code.is_some() => Kind::Person,
                EntityType::ORG if code.is_some() => Kind::Org,
                EntityType::LOC if e.subtype == "country" => Kind::Country,
                EntityType::LOC if capital => Kind::Country,
                EntityType::LOC => Kind::Place,
                _ => continue,
            }
        };
        // A country or nationality is coded by its ISO code when the KB gives it no CAMEO code;
        // a capital that acts (اتهم الكرملين واشنطن، قالت موسكو) is its country's government.
        let code = match kind {
            Kind::Country if capital => country.as_ref().map(|c| format!("{c}GOV")),
            Kind::Country | Kind::Adj => {
                code.or_else(|| e.iso3.clone()).or_else(|| country.clone())
            }
            _ => code,
        };
        for c in covered.iter_mut().take(last + 1).skip(first) {
            *c = true;
        }
        out.push(Piece {
            first,
            last,
            kind,
            code,
            country,
            name: fe.name.clone(),
            entity: fe.id.clone(),
        });
    }
}

/// Words before a place name that make it the place where something happens (في واشنطن، العاصمة
/// الأمريكية واشنطن), not an actor.
const LOCATIVE: &[&str] = &[
    "في",
    "وفي",
    "من",
    "الي",
    "حتي",
    "داخل",
    "خارج",
    "قرب",
    "نحو",
    "عبر",
    "بين",
    "العاصمه",
    "عاصمه",
    "مدينه",
    "بمدينه",
    "المدينه",
    "مطار",
    "بعد",
    "قبل",
    "حول",
];

/// A place mention (starting at byte `start`, in token `first`) is a location, not an actor: a
/// locative word is one of the two words before it, or a preposition is joined to it (بواشنطن،
/// لموسكو: the mention starts after the clitic inside its token).
fn locative(toks: &[Tok], first: usize, start: usize) -> bool {
    let before = toks[first.saturating_sub(2)..first]
        .iter()
        .any(|t| LOCATIVE.contains(&t.key.as_str()));
    let t = &toks[first];
    // Arabic letters are two bytes in UTF-8: the clitic letters are the key's first chars.
    let clitic: String = t
        .key
        .chars()
        .take(start.saturating_sub(t.start) / 2)
        .collect();
    before || clitic.contains(['ب', 'ل'])
}

/// The piece a word not covered by an entity starts at token `i`: a reference (بلاده، الرئيسان),
/// an agent phrase from `agents.tsv` (its words not covered either), or a possessed agent
/// (قواتهم، حكومته).
fn word_piece(toks: &[Tok], i: usize, covered: &[bool]) -> Option<Piece> {
    let t = &toks[i];
    // A و that leaves fewer than three letters is part of the word (وزير), not the conjunction.
    let base = t
        .key
        .strip_prefix('و')
        .filter(|r| r.chars().count() >= 3)
        .unwrap_or(&t.key);
    let c = core_key(base);
    let one = |kind: Kind, code: Option<String>| Piece {
        first: i,
        last: i,
        kind,
        code,
        country: None,
        name: t_text(t),
        entity: None,
    };
    if ["بلاده", "بلادها", "بلادهم", "بلادنا", "بلادهما"].contains(&c.as_str())
    {
        return Some(one(Kind::RefCountry, None));
    }
    if ["رييسان", "رييسين", "زعيمان", "زعيمين", "وزيران", "وزيرين"].contains(&c.as_str())
    {
        return Some(one(Kind::Dual, None));
    }
    // The word without its و first (والجيش), then whole: a word may begin with و of its own
    // (وزير، وحدات أمنية, which without it would be زير، حدات). Not والي: far more often و + إلى
    // than a governor.
    let whole = Some(core_key(&t.key)).filter(|w| w != "والي");
    for c in std::iter::once(c.clone()).chain(whole) {
        if let Some((words, code)) = agent_phrase(toks, i, &c, covered) {
            return Some(Piece {
                last: i + words - 1,
                name: String::new(),
                ..one(Kind::Agent, Some(code))
            });
        }
    }
    possessed_agent(base).map(|code| one(Kind::RefAgent, Some(code)))
}

/// The longest agent phrase of `agents.tsv` whose first word is `c` (the core key of token `i`)
/// and whose other words follow, uncovered: its length in words and its code.
fn agent_phrase(toks: &[Tok], i: usize, c: &str, covered: &[bool]) -> Option<(usize, String)> {
    agents().get(c)?.iter().find_map(|(words, code)| {
        let ok = words[1..].iter().enumerate().all(|(j, w)| {
            toks.get(i + 1 + j)
                .is_some_and(|x| !covered[i + 1 + j] && core_key(&x.key) == *w)
        });
        ok.then(|| (words.len(), code.clone()))
    })
}

/// Possessed agent: قواتهم، حكومته، جيشها → the code of an agent of a referenced country.
fn possessed_agent(base: &str) -> Option<String> {
    let ag = agents();
    for s in ["هما", "هم", "ها", "ه"] {
        if let Some(r) = base.strip_suffix(s) {
            // حكومته: the ة written ت before a suffix.
            let r = r
                .strip_suffix('ت')
                .map(|x| format!("{x}ه"))
                .filter(|_| !r.ends_with("ات"))
                .unwrap_or_else(|| r.to_string());
            if let Some(cands) = ag
                .get(&r)
                .or_else(|| ag.get(base.strip_suffix(s).unwrap_or("")))
            {
                if let Some((_, code)) = cands.iter().find(|(w, _)| w.len() == 1) {
                    return Some(code.clone());
                }
            }
        }
    }
    None
}

fn t_text(t: &Tok) -> String {
    t.key.clone()
}

/// Chains adjacent pieces into actor runs (see the module doc). `text_of(first, last)` gives the
/// display text of a token range, `gap_ok(a, b)` says whether tokens a..b (exclusive) may sit
/// inside one actor (no punctuation, at most two words).
pub fn runs(
    pieces: &[Piece],
    gap_ok: &dyn Fn(usize, usize) -> bool,
    text_of: &dyn Fn(usize, usize) -> String,
) -> Vec<Run> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        if pieces[i].kind == Kind::Place {
            i += 1;
            continue;
        }
        let j = chain_end(pieces, i, gap_ok);
        let chain = &pieces[i..=j];
        out.extend(run_of(
            chain,
            text_of(chain[0].first, chain[chain.len() - 1].last),
        ));
        i = j + 1;
    }
    out
}

/// The last piece of the chain that starts at piece `i`: extended while the next piece is close
/// enough and its kind may continue the actor (agent + anything but a dual, nationality + person
/// or agent, country + person right after it, possessed agent + nationality).
fn chain_end(pieces: &[Piece], i: usize, gap_ok: &dyn Fn(usize, usize) -> bool) -> usize {
    let mut j = i;
    loop {
        let cur = &pieces[j];
        let Some(next) = pieces.get(j + 1) else { break };
        if next.kind == Kind::Place || !gap_ok(cur.last + 1, next.first) {
            break;
        }
        let adjacent = next.first == cur.last + 1;
        let go = match (cur.kind, next.kind) {
            (Kind::Agent, k) => k != Kind::Dual,
            (Kind::Adj, Kind::Person) | (Kind::Adj, Kind::Agent) => true,
            (Kind::Country, Kind::Person) if adjacent => true,
            (Kind::RefAgent, Kind::Adj) => true,
            _ => false,
        };
        if !go {
            break;
        }
        j += 1;
    }
    j
}

/// The actor a chain of pieces stands for, named `name`: its person, else its organisation,
/// else its nationality with its agent (ARM + MIL), else a dual or a reference left open, else a
/// bare agent. A nationality alone is no actor, unless it is a people ([`is_people`]).
fn run_of(chain: &[Piece], name: String) -> Option<Run> {
    let first = chain[0].first;
    let last = chain[chain.len() - 1].last;
    let person = chain.iter().rev().find(|p| p.kind == Kind::Person);
    let org = chain.iter().find(|p| p.kind == Kind::Org);
    let nat = chain
        .iter()
        .rev()
        .find(|p| matches!(p.kind, Kind::Country | Kind::Adj));
    let agent = chain
        .iter()
        .rev()
        .find(|p| matches!(p.kind, Kind::Agent | Kind::RefAgent))
        .and_then(|p| p.code.clone());
    let run = |code: Option<String>, country: Option<String>, entity: Option<String>| Run {
        first,
        last,
        actor: Actor {
            name: name.clone(),
            code,
            country,
            entity,
        },
        reference: None,
        dual: false,
        person: false,
    };
    if let Some(p) = person {
        return Some(Run {
            person: true,
            ..run(p.code.clone(), p.country.clone(), p.entity.clone())
        });
    }
    if let Some(o) = org {
        return Some(run(o.code.clone(), o.country.clone(), o.entity.clone()));
    }
    if let Some(n) = nat {
        if chain.iter().all(|p| p.kind == Kind::Adj) {
            // الفلسطينيين، آلاف العراقيين: the people of a country, coded as the country.
            return is_people(&name).then(|| run(n.country.clone(), n.country.clone(), None));
        }
        let base = n.code.clone().or_else(|| n.country.clone());
        let code = match (&base, &agent) {
            (Some(b), Some(a)) => Some(format!("{}{a}", &b[..b.len().min(3)])),
            (b, _) => b.clone(),
        };
        // An agent of a country is not the country's entity.
        let ent = if agent.is_none() {
            n.entity.clone()
        } else {
            None
        };
        return Some(run(code, n.country.clone(), ent));
    }
    if chain.iter().any(|p| p.kind == Kind::Dual) {
        return Some(Run {
            dual: true,
            ..run(None, None, None)
        });
    }
    if chain
        .iter()
        .any(|p| matches!(p.kind, Kind::RefCountry | Kind::RefAgent))
    {
        return Some(Run {
            reference: Some(agent.unwrap_or_default()),
            ..run(None, None, None)
        });
    }
    agent.map(|a| run(Some(a), None, None))
}

/// A nisba in the masculine sound plural (الفلسطينيين، الإسرائيليون، السوريين) names people:
/// Arabic agrees a plural of things in the feminine singular (الشركات الأمريكية), so this form
/// standing without an agent or a person before it is the people of that country.
fn is_people(name: &str) -> bool {
    let key = marsad_text::match_key(name);
    let last = key.split(' ').next_back().unwrap_or_default();
    last.chars().count() >= 6 && (last.ends_with("يين") || last.ends_with("يون"))
}

#[cfg(test)]
mod tests {
    use super::Kind;
    use crate::coder::testkit::with_sentence;

    type Pieces = Vec<(Kind, Option<String>)>;
    type Runs = Vec<(Option<String>, Option<String>)>;

    /// (kind, code) of each piece, and (code, reference) of each run, of the first sentence.
    fn read(text: &str) -> (Pieces, Runs) {
        with_sentence(text, |s, _| {
            let pieces = s.pieces.iter().map(|p| (p.kind, p.code.clone())).collect();
            let runs = s
                .runs
                .iter()
                .map(|r| (r.actor.code.clone(), r.reference.clone()));
            (pieces, runs.collect())
        })
    }

    #[test]
    fn an_army_and_its_nationality_are_one_actor() {
        let (pieces, runs) = read("قصفت القوات الأرمينية مواقع في إقليم ناغورني قره باغ.");
        assert_eq!(
            pieces[..2],
            [
                (Kind::Agent, Some("MIL".into())),
                (Kind::Adj, Some("ARM".into()))
            ]
        );
        assert_eq!(runs[0], (Some("ARMMIL".into()), None));
    }

    #[test]
    fn a_plural_nisba_alone_is_the_countrys_people_and_a_singular_one_is_not() {
        let (_, runs) = read("أطلق الجنود النار على الفلسطينيين قرب الحدود.");
        assert!(runs.contains(&(Some("PSE".into()), None)), "{runs:?}");
        let (_, runs) = read("وتظاهر آلاف العراقيين في البصرة.");
        assert!(runs.contains(&(Some("IRQ".into()), None)), "{runs:?}");
        // An adjective of a thing (the Iraqi economy) stays no actor.
        let (_, runs) = read("وتحسن الاقتصاد العراقي هذا العام.");
        assert!(
            !runs.iter().any(|r| r.0.as_deref() == Some("IRQ")),
            "{runs:?}"
        );
    }

    #[test]
    fn a_word_whose_waw_is_its_own_is_an_agent() {
        // وزير and وحدات begin with و of their own: without it they would be زير and حدات.
        let (pieces, _) = read("وضبطت وحدات أمنية شخصا في القصرين.");
        assert!(
            pieces.contains(&(Kind::Agent, Some("COP".into()))),
            "{pieces:?}"
        );
        let (pieces, _) = read("ودعا وزير الشباب الأندية إلى الهدوء.");
        assert!(
            pieces.contains(&(Kind::Agent, Some("GOV".into()))),
            "{pieces:?}"
        );
        // وإلى is و + إلى, not a governor (والي).
        let (pieces, _) = read("وإلى جانب الوساطة، أجرى الرئيس محادثة.");
        assert_eq!(
            pieces,
            vec![(Kind::Agent, Some("GOV".into()))],
            "only الرئيس"
        );
    }

    #[test]
    fn a_possessed_army_and_biladuhu_are_open_references() {
        let (pieces, runs) = read("وقال الوزير إن قواتها دخلت بلاده.");
        assert!(
            pieces.contains(&(Kind::RefAgent, Some("MIL".into()))),
            "{pieces:?}"
        );
        assert!(pieces.contains(&(Kind::RefCountry, None)), "{pieces:?}");
        assert!(runs.contains(&(None, Some("MIL".into()))), "{runs:?}");
        assert!(runs.contains(&(None, Some(String::new()))), "{runs:?}");
    }
}
