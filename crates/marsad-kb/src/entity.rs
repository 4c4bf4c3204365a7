//! The entity model: one KB entry with its names, codes and coordinates.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The coarse type of an entity, as NER uses it (serialized as `PER`, `LOC`, `ORG`, `MISC`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EntityType {
    PER,
    LOC,
    ORG,
    MISC,
}

impl EntityType {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::PER => "PER",
            EntityType::LOC => "LOC",
            EntityType::ORG => "ORG",
            EntityType::MISC => "MISC",
        }
    }
}

/// One CAMEO actor code with the dates it is valid for (`None` = open).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CameoRole {
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<NaiveDate>,
}

impl CameoRole {
    pub fn new(code: &str) -> Self {
        CameoRole {
            code: code.to_string(),
            from: None,
            to: None,
        }
    }
    /// Whether the role holds on `d` (inclusive bounds; open bounds hold).
    pub fn holds_on(&self, d: NaiveDate) -> bool {
        self.from.into_iter().all(|f| f <= d) && self.to.into_iter().all(|t| d <= t)
    }
}

/// One KB entry. `id` is stable across rebuilds (`country:AZE`, `geo:587084`, `org:UN`,
/// `per:vladimir-putin`, `region:nagorno-karabakh`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub id: String,
    pub kind: EntityType,
    /// country, capital, city, region, organisation, armed_group, party, union, person …
    #[serde(default)]
    pub subtype: String,
    #[serde(default)]
    pub name_en: String,
    /// Canonical Arabic name, display form.
    pub name_ar: String,
    /// Other Arabic surface forms (display form; matching folds hamza, ى/ي, ة/ه, diacritics).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Nisba adjectives of a country and its people (روسي، الروسية، الروس …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjectives: Vec<String>,
    /// ISO3 of the entity's country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iso2: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iso3: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fips: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cameo: Vec<CameoRole>,
    /// Entity id of the capital (countries).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capital: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<u64>,
    /// The source files it came from (`geonames`, `mledoze`, `curated`, `up_actors`, `phoenix` …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub source: Vec<String>,
}

impl Entity {
    /// A bare entity with only the required fields set.
    pub fn new(id: &str, kind: EntityType, subtype: &str, name_en: &str, name_ar: &str) -> Self {
        Entity {
            id: id.to_string(),
            kind,
            subtype: subtype.to_string(),
            name_en: name_en.to_string(),
            name_ar: name_ar.to_string(),
            aliases: Vec::new(),
            adjectives: Vec::new(),
            country: None,
            iso2: None,
            iso3: None,
            fips: None,
            cameo: Vec::new(),
            capital: None,
            lat: None,
            lon: None,
            population: None,
            source: Vec::new(),
        }
    }

    /// The name and every alias (name first, no duplicates by exact text).
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name_ar.as_str()).chain(self.aliases.iter().map(String::as_str))
    }

    /// The CAMEO code valid on `date`; with `None`, the current one (open-ended, latest start),
    /// else the most recent. Among several roles valid on a date, the latest-starting wins.
    pub fn cameo_on(&self, date: Option<NaiveDate>) -> Option<&str> {
        let key = |r: &CameoRole| {
            (
                r.from.unwrap_or(NaiveDate::MIN),
                r.to.unwrap_or(NaiveDate::MAX),
            )
        };
        match date {
            Some(d) => self
                .cameo
                .iter()
                .filter(|r| r.holds_on(d))
                .max_by_key(|r| key(r)),
            None => self
                .cameo
                .iter()
                .filter(|r| r.to.is_none())
                .max_by_key(|r| key(r))
                .or_else(|| self.cameo.iter().max_by_key(|r| (r.to, r.from))),
        }
        .map(|r| r.code.as_str())
    }
}
