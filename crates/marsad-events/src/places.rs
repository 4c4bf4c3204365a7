//! Where: the place of an event is a city or region the KB knows, named in the event's clause
//! (واشنطن → Washington with its coordinates, ISO3 and FIPS; إقليم قره باغ → the region). A
//! country name is never turned into a city: when only countries are named, there is no place.

use marsad_kb::{EntityType, Kb};

use crate::actors::{Kind, Piece};
use crate::event::Place;

/// The place of an event whose trigger is token `trigger`, among `pieces` of its clause
/// `[from, to)`: the nearest city/region mention, after the trigger first (Arabic puts the place
/// after the verb), then before it.
pub fn place_for(
    kb: &Kb,
    pieces: &[Piece],
    trigger: usize,
    from: usize,
    to: usize,
) -> Option<Place> {
    let cands = pieces
        .iter()
        .filter(|p| p.kind == Kind::Place && p.first >= from && p.last < to);
    let best = cands.min_by_key(|p| {
        if p.first > trigger {
            p.first - trigger
        } else {
            1000 + trigger - p.last
        }
    })?;
    let e = kb.get(best.entity.as_deref()?)?;
    if e.kind != EntityType::LOC || e.subtype == "country" {
        return None;
    }
    let country = e.country.clone();
    // FIPS of the place's country (GDELT's geography): the country entity carries it.
    let fips = e.fips.clone().or_else(|| {
        country
            .as_deref()
            .and_then(|c| kb.get(&format!("country:{c}")))
            .and_then(|c| c.fips.clone())
    });
    Some(Place {
        name: e.name_en.clone(),
        country,
        lat: e.lat,
        lon: e.lon,
        fips,
        entity: Some(e.id.clone()),
    })
}
