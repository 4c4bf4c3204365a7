//! Building the KB from the public sources in `../shared/data` and the curated TSV files.
//!
//! One module per source; each returns entities, and [`build`] merges them by id (a later source
//! fills what an earlier one lacks and adds aliases, adjectives, CAMEO roles and its name to
//! `source`; curated entries override the Arabic display name). Order of sources, and so of
//! precedence for display names: countries (mledoze + GeoNames countries + GDELT FIPS + Phoenix
//! CAMEO country codes + `curated/countries.tsv`), cities (GeoNames), curated places, curated
//! organisations, curated people, UniversalPetrarch Arabic actors, Phoenix actors (transliterated).
//! Output order is stable: by kind of source, then by id, so rebuilding gives the same file.

mod ant_freq;
mod cities;
mod countries;
mod curated;
pub mod nisba;
mod phoenix;
mod up_actors;
pub(crate) mod util;

use std::collections::HashMap;
use std::path::Path;

use crate::{Entity, Kb, KbError};

/// Builds the KB. `shared_data` is `../shared/data` (GeoNames, mledoze, Wikidata, event
/// dictionaries, ANT); `curated` is `crates/marsad-kb/curated`. Sources that are missing are an
/// error, except ANT (used only to drop place aliases that are common words; without it only the
/// curated stop list applies) — a note is printed to stderr.
pub fn build(shared_data: &Path, curated: &Path) -> Result<Kb, KbError> {
    let freq = ant_freq::AntFreq::load(&shared_data.join("news/ant_v1.1"));
    let stop = util::read_lines(&curated.join("stopnames.txt"))?;
    let stop: std::collections::HashSet<String> = stop
        .iter()
        .map(|l| marsad_text::match_key(l.trim()))
        .filter(|s| !s.is_empty())
        .collect();

    let mut all: Vec<Entity> = Vec::new();
    let countries = countries::build(shared_data, curated)?;
    let iso3s: std::collections::HashSet<String> =
        countries.iter().filter_map(|c| c.iso3.clone()).collect();
    let mut country_words: std::collections::HashSet<String> = std::collections::HashSet::new();
    for c in &countries {
        for n in c.names().chain(c.adjectives.iter().map(String::as_str)) {
            country_words.insert(marsad_text::match_key(n));
        }
    }
    let places = curated::places(curated)?;
    let curated_capitals: std::collections::HashSet<String> = places
        .iter()
        .filter(|p| p.subtype == "capital")
        .filter_map(|p| p.country.clone())
        .collect();
    let (cities, capitals) =
        cities::build(shared_data, &countries, &curated_capitals, &freq, &stop)?;
    all.extend(countries);
    all.extend(cities);
    all.extend(places);
    all.extend(curated::orgs(curated)?);
    let people = curated::people(curated)?;
    let curated_people_keys = curated::name_keys(&people);
    all.extend(people);
    all.extend(up_actors::build(
        shared_data,
        &curated_people_keys,
        &stop,
        &country_words,
        &iso3s,
    )?);
    all.extend(phoenix::build(shared_data, &curated_people_keys)?);

    let mut merged = merge(all);
    let given: std::collections::HashSet<String> = merged
        .iter()
        .filter(|e| e.kind == crate::EntityType::PER)
        .filter_map(|e| {
            e.name_ar
                .split_whitespace()
                .next()
                .map(marsad_text::match_key)
        })
        .collect();
    let mut keep = vec![true; merged.len()];
    for (i, e) in merged.iter_mut().enumerate() {
        if let Some(cap) = capitals
            .get(&e.id)
            .filter(|_| !e.id.starts_with("country:") || !curated_capitals.contains(&e.id[8..]))
        {
            e.capital = Some(cap.clone());
        }
        keep[i] = clean(e, &stop, &given);
    }
    let mut it = keep.iter();
    merged.retain(|_| *it.next().unwrap_or(&true));
    merged.retain(|e| !e.name_ar.trim().is_empty());
    // capitals GeoNames does not mark (curated places with subtype capital)
    let curated_caps: Vec<(String, String)> = merged
        .iter()
        .filter(|e| e.subtype == "capital")
        .filter_map(|e| Some((format!("country:{}", e.country.as_ref()?), e.id.clone())))
        .collect();
    for (cid, cap) in curated_caps {
        if let Some(c) = merged.iter_mut().find(|e| e.id == cid) {
            c.capital.get_or_insert(cap);
        }
    }
    let ids: std::collections::HashSet<&str> = merged.iter().map(|e| e.id.as_str()).collect();
    if ids.len() != merged.len() {
        return Err(KbError::Invalid("duplicate ids after merge".into()));
    }
    Ok(Kb::from_entities(merged))
}

fn rank(e: &Entity) -> u8 {
    match (e.kind, e.subtype.as_str()) {
        (crate::EntityType::LOC, "country") => 0,
        (crate::EntityType::LOC, "region") | (crate::EntityType::LOC, "territory") => 1,
        (crate::EntityType::LOC, _) => 2,
        (crate::EntityType::ORG, _) => 3,
        (crate::EntityType::PER, _) => 4,
        _ => 5,
    }
}

/// Merges entities with the same id: the first keeps its display fields, later ones add
/// aliases, adjectives, roles, sources and fill empty fields.
fn merge(all: Vec<Entity>) -> Vec<Entity> {
    let mut out: Vec<Entity> = Vec::with_capacity(all.len());
    let mut at: HashMap<String, usize> = HashMap::new();
    for e in all {
        match at.get(&e.id) {
            None => {
                at.insert(e.id.clone(), out.len());
                out.push(e);
            }
            Some(&i) => merge_into(&mut out[i], e),
        }
    }
    out.sort_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| a.id.cmp(&b.id)));
    out
}

pub(crate) fn merge_into(a: &mut Entity, b: Entity) {
    let b_curated = b.source.iter().any(|s| s.starts_with("curated"));
    let a_curated = a.source.iter().any(|s| s.starts_with("curated"));
    if b_curated && !a_curated {
        // curated display names win
        if !b.name_ar.is_empty() && b.name_ar != a.name_ar {
            let old = std::mem::replace(&mut a.name_ar, b.name_ar.clone());
            a.aliases.push(old);
        }
        if !b.name_en.is_empty() {
            a.name_en = b.name_en.clone();
        }
        if !b.subtype.is_empty() {
            a.subtype = b.subtype.clone();
        }
        if !b.cameo.is_empty() {
            a.cameo.clear();
        }
    }
    if a.name_en.is_empty() {
        a.name_en = b.name_en;
    }
    a.aliases.push(b.name_ar);
    a.aliases.extend(b.aliases);
    a.adjectives.extend(b.adjectives);
    let keep_roles = !(a_curated && !b_curated && !a.cameo.is_empty());
    for r in b.cameo.into_iter().filter(|_| keep_roles) {
        if !a.cameo.contains(&r) {
            a.cameo.push(r);
        }
    }
    macro_rules! fill {
        ($($f:ident),*) => { $( if a.$f.is_none() { a.$f = b.$f; } )* };
    }
    fill!(country, iso2, iso3, fips, capital, lat, lon, population);
    for s in b.source {
        if !a.source.contains(&s) {
            a.source.push(s);
        }
    }
}

/// Final clean-up of one entity: display-normalise names, drop aliases equal (by match key) to
/// the name or to each other, aliases of 1–2 letters, and, for cities and other places (not
/// countries or curated entries), stop-listed single words and single words that are a given name
/// of a KB person (جمال، سارة، سالم) unless the city has 500k+ people. When the display name itself
/// is dropped the first surviving alias replaces it; returns false when no name survives.
fn clean(
    e: &mut Entity,
    stop: &std::collections::HashSet<String>,
    given: &std::collections::HashSet<String>,
) -> bool {
    let mut seen = std::collections::HashSet::new();
    let is_place = e.kind == crate::EntityType::LOC && e.subtype != "country";
    let curated = e.source.iter().any(|s| s.starts_with("curated"));
    let big = e.population.unwrap_or(0) >= 500_000 || e.subtype == "capital";
    let mut names: Vec<String> = std::iter::once(std::mem::take(&mut e.name_ar))
        .chain(std::mem::take(&mut e.aliases))
        .collect();
    let first = marsad_text::normalize_display(names[0].trim());
    names.retain_mut(|a| {
        *a = marsad_text::normalize_display(a.trim());
        let k = marsad_text::match_key(a);
        let single = !k.contains(' ');
        let junk = is_place
            && single
            && (stop.contains(&k) && !(curated && *a == first)
                || (!curated && !big && given.contains(&k)));
        k.chars().filter(|c| c.is_alphanumeric()).count() >= 3 && !junk && seen.insert(k)
    });
    if names.is_empty() {
        return false;
    }
    e.name_ar = names.remove(0);
    e.aliases = names;
    let mut seen = std::collections::HashSet::new();
    let mut adjs = std::mem::take(&mut e.adjectives);
    adjs.retain_mut(|a| {
        *a = marsad_text::normalize_display(a.trim());
        seen.insert(marsad_text::match_key(a))
    });
    e.adjectives = adjs;
    e.cameo
        .sort_by(|x, y| x.from.cmp(&y.from).then_with(|| x.code.cmp(&y.code)));
    e.cameo.dedup();
    true
}
