//! Hand-curated TSV files in `crates/marsad-kb/curated/` (Apache-2.0, part of marsad):
//!
//! - `places.tsv`: `id  kind  subtype  name_en  name_ar  aliases  country  lat  lon  cameo` —
//!   regions and disputed territories (`region:…`), and places GeoNames lacks or names badly
//!   (`geo:<geonameid>` entries merge into GeoNames' and override its display name);
//! - `orgs.tsv`: `id  subtype  name_en  name_ar  aliases  country  cameo`;
//! - `people.tsv`: `name_en  name_ar  aliases  country  cameo  role` (id `per:<slug of name_en>`).
//!
//! Lists are `|`-separated; `cameo` is `CODE` or `CODE@FROM..TO` (ISO dates, open sides empty),
//! several joined by `;`.

use std::collections::HashMap;
use std::path::Path;

use super::util::{parse_cameo_spec, read_tsv, slug, split_list};
use crate::{Entity, EntityType, KbError};

fn kind(s: &str) -> Option<EntityType> {
    Some(match s {
        "PER" => EntityType::PER,
        "LOC" => EntityType::LOC,
        "ORG" => EntityType::ORG,
        "MISC" => EntityType::MISC,
        _ => return None,
    })
}

fn bad(path: &Path, line: usize, msg: String) -> KbError {
    KbError::Parse {
        path: path.to_path_buf(),
        line,
        msg,
    }
}

fn opt(s: &str) -> Option<String> {
    Some(s.to_string()).filter(|s| !s.is_empty())
}

pub(crate) fn places(dir: &Path) -> Result<Vec<Entity>, KbError> {
    let path = dir.join("places.tsv");
    let mut out = Vec::new();
    for (n, r) in read_tsv(&path, 10)? {
        let k = kind(&r[1]).ok_or_else(|| bad(&path, n, format!("bad kind {:?}", r[1])))?;
        if r[0].is_empty() || r[4].is_empty() {
            return Err(bad(&path, n, "id and name_ar are required".into()));
        }
        let mut e = Entity::new(&r[0], k, &r[2], &r[3], &r[4]);
        e.aliases = split_list(&r[5]);
        e.country = opt(&r[6]);
        e.lat = r[7].parse().ok();
        e.lon = r[8].parse().ok();
        e.cameo = parse_cameo_spec(&r[9]).map_err(|m| bad(&path, n, m))?;
        e.source.push("curated/places.tsv".into());
        out.push(e);
    }
    Ok(out)
}

pub(crate) fn orgs(dir: &Path) -> Result<Vec<Entity>, KbError> {
    let path = dir.join("orgs.tsv");
    let mut out = Vec::new();
    for (n, r) in read_tsv(&path, 7)? {
        if r[0].is_empty() || r[3].is_empty() {
            return Err(bad(&path, n, "id and name_ar are required".into()));
        }
        let mut e = Entity::new(&r[0], EntityType::ORG, &r[1], &r[2], &r[3]);
        e.aliases = split_list(&r[4]);
        e.country = opt(&r[5]);
        e.cameo = parse_cameo_spec(&r[6]).map_err(|m| bad(&path, n, m))?;
        e.source.push("curated/orgs.tsv".into());
        out.push(e);
    }
    Ok(out)
}

pub(crate) fn people(dir: &Path) -> Result<Vec<Entity>, KbError> {
    let path = dir.join("people.tsv");
    let mut out = Vec::new();
    for (n, r) in read_tsv(&path, 6)? {
        if r[0].is_empty() || r[1].is_empty() {
            return Err(bad(&path, n, "name_en and name_ar are required".into()));
        }
        let mut e = Entity::new(
            &format!("per:{}", slug(&r[0])),
            EntityType::PER,
            "person",
            &r[0],
            &r[1],
        );
        e.aliases = split_list(&r[2]);
        e.country = opt(&r[3]);
        e.cameo = parse_cameo_spec(&r[4]).map_err(|m| bad(&path, n, m))?;
        if !r[5].is_empty() {
            e.subtype = r[5].clone();
        }
        e.source.push("curated/people.tsv".into());
        out.push(e);
    }
    Ok(out)
}

/// Match key of every multi-word name and alias of `people` → the person's id (to merge the
/// same person found in the actor dictionaries).
pub(crate) fn name_keys(people: &[Entity]) -> HashMap<String, String> {
    let mut m = HashMap::new();
    for p in people {
        for n in p.names() {
            let k = marsad_text::match_key(n);
            if k.contains(' ') {
                m.entry(k).or_insert_with(|| p.id.clone());
            }
        }
    }
    m
}
