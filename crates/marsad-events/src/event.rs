//! The coded event: the `events` of `analyze --json`. This shape is a contract other tools read.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One coded event. One target per event, as GDELT: several targets give several events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Full CAMEO code ("0256", "036", "190").
    pub code: String,
    /// CAMEO root: the first two digits ("02").
    pub root: String,
    /// 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    pub quad_class: u8,
    /// Goldstein scale value of the code (GDELT's table).
    pub goldstein: f32,
    pub plover: Plover,
    pub actor1: Actor,
    pub actor2: Option<Actor>,
    /// When it happened (the publication date adjusted by the text's date expressions).
    pub date: Option<NaiveDate>,
    pub place: Option<Place>,
    pub evidence: Evidence,
    /// 0..1: how sure the coder is.
    pub confidence: f32,
    /// For reported speech: who made the claim (قال إن، أكد أن، أفاد مصدر).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported_by: Option<Actor>,
    /// How many times the article states this same event (it is emitted once).
    #[serde(default = "one")]
    pub mentions: u32,
    /// The event as one English line, composed from the codes and the KB's English names
    /// ([`crate::summary::english_line`]); empty in events stored before it existed.
    #[serde(default)]
    pub summary_en: String,
}

fn one() -> u32 {
    1
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plover {
    /// PLOVER event type (AGREE, CONSULT, DEMAND, ACCUSE, ASSAULT …).
    #[serde(rename = "type")]
    pub kind: String,
    /// PLOVER mode, when the crosswalk gives one.
    pub mode: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// As the text names it (display form), or the KB name.
    pub name: String,
    /// CAMEO actor code (AZE, AZEMIL, RUSGOV, IGOUNO …).
    pub code: Option<String>,
    /// ISO3 of the actor's country, when it has one.
    pub country: Option<String>,
    /// The KB entity id, when the actor is a linked entity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
}

impl Actor {
    /// The text or the coder names this actor (a code, or a name): not an empty side.
    pub fn is_named(&self) -> bool {
        self.code.is_some() || !self.name.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub name: String,
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// FIPS 10-4 country code (GDELT's geography).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fips: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// Index of the paragraph (0-based) in the article's body.
    pub paragraph: usize,
    /// The sentence, display text.
    pub sentence: String,
    /// Byte offsets of the trigger in the paragraph's display text.
    pub start: usize,
    pub end: usize,
    /// The trigger as written.
    pub trigger: String,
}

/// One line for people: `date  root code  source [CODE] → target [CODE] @ place`, with
/// `????-??-??` for an unknown date and `?` for an actor without a code. Every command that
/// lists events prints this line (the evidence goes on the next line, as each command needs).
impl std::fmt::Display for Event {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.date {
            Some(d) => write!(f, "{d}")?,
            None => f.write_str("????-??-??")?,
        }
        write!(f, "  {} {:<5} {}", self.root, self.code, self.actor1)?;
        if let Some(a) = &self.actor2 {
            write!(f, " → {a}")?;
        }
        if let Some(p) = &self.place {
            write!(f, " @ {}", p.name)?;
        }
        Ok(())
    }
}

/// `name [CODE]`, `?` for an actor without a code.
impl std::fmt::Display for Actor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} [{}]", self.name, self.code.as_deref().unwrap_or("?"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(name: &str, code: Option<&str>) -> Actor {
        Actor {
            name: name.into(),
            code: code.map(str::to_string),
            country: None,
            entity: None,
        }
    }

    #[test]
    fn one_line_for_people() {
        let mut e = crate::eval::corpus::bare_event("036").expect("036 is a CAMEO code");
        e.actor1 = actor("أذربيجان", Some("AZE"));
        e.actor2 = Some(actor("أرمينيا", Some("ARM")));
        e.date = NaiveDate::from_ymd_opt(2020, 10, 21);
        e.place = Some(Place {
            name: "واشنطن".into(),
            country: Some("USA".into()),
            lat: None,
            lon: None,
            fips: None,
            entity: None,
        });
        assert_eq!(
            e.to_string(),
            "2020-10-21  03 036   أذربيجان [AZE] → أرمينيا [ARM] @ واشنطن"
        );
        e.date = None;
        e.actor2 = None;
        e.place = None;
        e.actor1 = actor("مسلحون", None);
        assert_eq!(e.to_string(), "????-??-??  03 036   مسلحون [?]");
    }
}
