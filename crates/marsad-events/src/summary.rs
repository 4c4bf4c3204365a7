//! An English line for an event, composed from its codes and the KB's English names:
//! "Russia (government: Vladimir Putin) — Make a visit / Consult (041) → France (government:
//! Emmanuel Macron) · 2020-10-21 · Nagorno-Karabakh".
//!
//! What it is for: letting a reader without Arabic tell what an event row says. What it is not:
//! a translation. Nothing of the Arabic text is rendered; an actor the coder could not code is
//! "an unidentified actor", never a transliteration.

use marsad_kb::{EntityType, Kb};

use crate::event::{Actor, Event};

/// The English line of `e`.
pub fn english_line(kb: &Kb, e: &Event) -> String {
    let mut out = sentence_case_first(&actor_en(kb, &e.actor1));
    out.push_str(" — ");
    out.push_str(&action_en(e));
    if let Some(a2) = &e.actor2 {
        out.push_str(" → ");
        out.push_str(&actor_en(kb, a2));
    }
    if let Some(d) = e.date {
        out.push_str(" · ");
        out.push_str(&d.to_string());
    }
    if let Some(p) = &e.place {
        if !p.name.is_empty() {
            out.push_str(" · ");
            out.push_str(&p.name);
        }
    }
    out
}

/// The action: the CAMEO name in sentence case, the PLOVER type when it says something the
/// name does not, and the code.
fn action_en(e: &Event) -> String {
    let name = code_name_en(&e.code).unwrap_or_else(|| "Unknown action".to_string());
    let plover = title_case(&e.plover.kind);
    if plover.is_empty() || name.to_lowercase().contains(&plover.to_lowercase()) {
        format!("{name} ({})", e.code)
    } else {
        format!("{name} / {plover} ({})", e.code)
    }
}

/// The English name of a CAMEO code, in sentence case ("Discuss by telephone", "Appeal").
pub fn code_name_en(code: &str) -> Option<String> {
    crate::codes::name(code).map(cameo_name)
}

fn sentence_case_first(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(f) => f.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

/// GDELT's code names read as a sentence: root names are in capitals, and many end in
/// ", not specified below" (or its short form).
fn cameo_name(raw: &str) -> String {
    let s = raw
        .trim()
        .trim_end_matches(", not specified below")
        .trim_end_matches(", not spec below");
    if s.chars().any(|c| c.is_lowercase()) {
        return s.to_string();
    }
    title_case(s)
}

/// "ASSAULT" → "Assault".
fn title_case(s: &str) -> String {
    sentence_case_first(&s.to_lowercase())
}

/// "Country (role: Person)", "Country (role)", "Country", "Organisation", "Person", or
/// "an unidentified actor".
fn actor_en(kb: &Kb, a: &Actor) -> String {
    let entity = a.entity.as_deref().and_then(|id| kb.get(id));
    let code = a.code.as_deref().unwrap_or("");
    // A country's own entity, an organisation or a group is named by the KB alone.
    if let Some(ent) = entity {
        let own_country = a
            .country
            .as_deref()
            .is_some_and(|c| ent.iso3.as_deref() == Some(c));
        let named_alone = ent.kind != EntityType::PER && (own_country || a.country.is_none());
        if named_alone && !ent.name_en.is_empty() {
            return ent.name_en.clone();
        }
    }
    let person = entity
        .filter(|e| e.kind == EntityType::PER)
        .map(|e| e.name_en.as_str())
        .filter(|n| !n.is_empty());
    let country = a.country.as_deref().and_then(|c| country_en(kb, c));
    let role = code.get(3..).and_then(role_en).or_else(|| {
        code.starts_with("IGO")
            .then_some("international organisation")
    });
    match (country, role, person) {
        (Some(c), Some(r), Some(p)) => format!("{c} ({r}: {p})"),
        (Some(c), Some(r), None) => format!("{c} ({r})"),
        (Some(c), None, Some(p)) => format!("{c} ({p})"),
        (Some(c), None, None) => c,
        (None, _, Some(p)) => p.to_string(),
        (None, Some(r), None) => r.to_string(),
        (None, None, None) => "an unidentified actor".to_string(),
    }
}

/// The KB's English name of an ISO3 country.
fn country_en(kb: &Kb, iso3: &str) -> Option<String> {
    kb.get(&format!("country:{iso3}"))
        .map(|e| e.name_en.clone())
        .filter(|n| !n.is_empty())
}

/// The CAMEO agent code after the country, as a word (the first agent when codes stack:
/// GOVMIL → government).
fn role_en(rest: &str) -> Option<&'static str> {
    const ROLES: &[(&str, &str)] = &[
        ("GOV", "government"),
        ("MIL", "military"),
        ("COP", "police"),
        ("OPP", "opposition"),
        ("CVL", "civilians"),
        ("REB", "rebels"),
        ("INS", "insurgents"),
        ("LEG", "legislature"),
        ("JUD", "judiciary"),
        ("PTY", "party"),
        ("LAB", "labour"),
        ("EDU", "education"),
        ("REF", "refugees"),
        ("MED", "media"),
        ("BUS", "business"),
        ("SPY", "intelligence"),
        ("HLH", "health"),
        ("ELI", "elites"),
        ("REL", "religious"),
        ("CRM", "criminals"),
        ("UAF", "armed group"),
        ("SEP", "separatists"),
        ("ENV", "environment"),
        ("AGR", "agriculture"),
        ("HRI", "human rights"),
        ("NGO", "NGO"),
        ("MOD", "moderates"),
        ("RAD", "radicals"),
        ("IGO", "international organisation"),
    ];
    let head = rest.get(..3)?;
    ROLES.iter().find(|(k, _)| *k == head).map(|(_, v)| *v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::Place;

    fn actor(code: &str, country: Option<&str>, entity: Option<&str>) -> Actor {
        Actor {
            name: "اسم".to_string(),
            code: Some(code.to_string()).filter(|c| !c.is_empty()),
            country: country.map(str::to_string),
            entity: entity.map(str::to_string),
        }
    }

    fn event(code: &str, a1: Actor, a2: Option<Actor>) -> Event {
        let mut e = crate::eval::corpus::bare_event(code).unwrap();
        e.actor1 = a1;
        e.actor2 = a2;
        e.date = chrono::NaiveDate::from_ymd_opt(2020, 10, 21);
        e.place = Some(Place {
            name: "Nagorno-Karabakh".to_string(),
            country: Some("AZE".to_string()),
            lat: None,
            lon: None,
            fips: None,
            entity: None,
        });
        e
    }

    #[test]
    fn the_seeds_phone_call_reads_in_english() {
        let kb = Kb::embedded();
        let e = event(
            "041",
            actor("RUSGOV", Some("RUS"), Some("per:vladimir-putin")),
            Some(actor("FRAGOV", Some("FRA"), Some("per:emmanuel-macron"))),
        );
        let line = english_line(kb, &e);
        assert!(
            line.starts_with("Russia (government: Vladimir Putin) — "),
            "{line}"
        );
        assert!(
            line.contains("(041) → France (government: Emmanuel Macron)"),
            "{line}"
        );
        assert!(line.ends_with(" · 2020-10-21 · Nagorno-Karabakh"), "{line}");
        assert!(line.contains("Consult"), "{line}");
    }

    #[test]
    fn countries_organisations_and_unknown_actors() {
        let kb = Kb::embedded();
        let e = event(
            "190",
            actor("", None, None),
            Some(actor("ARM", Some("ARM"), Some("country:ARM"))),
        );
        let line = english_line(kb, &e);
        assert!(line.starts_with("An unidentified actor — "), "{line}");
        assert!(line.contains("→ Armenia ·"), "{line}");
        assert!(!line.contains("not specified"), "{line}");
        let un = event("0256", actor("IGOUNO", None, Some("org:unsc")), None);
        let line = english_line(kb, &un);
        assert!(!line.starts_with("An unidentified"), "{line}");
        assert!(
            line.is_ascii()
                || line
                    .chars()
                    .all(|c| !('\u{0600}'..='\u{06FF}').contains(&c))
        );
    }

    #[test]
    fn root_names_are_sentence_case() {
        assert_eq!(cameo_name("MAKE PUBLIC STATEMENT"), "Make public statement");
        assert_eq!(
            cameo_name("Make statement, not specified below"),
            "Make statement"
        );
    }
}
