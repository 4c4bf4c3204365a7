//! Countries: mledoze/countries (Arabic common and official names, coordinates; ODbL), GeoNames
//! `countries.tsv` (ISO2/ISO3/FIPS, population), GDELT's FIPS→ISO3 table (fills FIPS), the
//! Phoenix country dictionary (which ISO3 codes are CAMEO country codes) and
//! `curated/countries.tsv` (spelling variants, short forms, nisba adjectives, broken plurals).

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::nisba;
use super::util::{read_string, read_tsv, split_list};
use crate::{CameoRole, Entity, EntityType, KbError};

/// CAMEO country codes that are not the ISO3 code.
const CAMEO_OVERRIDES: &[(&str, &str)] = &[("XKX", "KSV")];

pub(crate) fn build(shared: &Path, curated: &Path) -> Result<Vec<Entity>, KbError> {
    let gaz = shared.join("gazetteers");
    // mledoze (tsv for names, json for coordinates)
    let ml = read_tsv(&gaz.join("countries_mledoze/countries_ar.tsv"), 7)?;
    let json_path = gaz.join("countries_mledoze/countries.json");
    let json: serde_json::Value =
        serde_json::from_str(&read_string(&json_path)?).map_err(|e| KbError::Parse {
            path: json_path.clone(),
            line: e.line(),
            msg: e.to_string(),
        })?;
    let mut latlng: HashMap<String, (f64, f64)> = HashMap::new();
    for c in json.as_array().into_iter().flatten() {
        if let (Some(code), Some(ll)) = (c["cca3"].as_str(), c["latlng"].as_array()) {
            if let (Some(a), Some(b)) = (
                ll.first().and_then(|x| x.as_f64()),
                ll.get(1).and_then(|x| x.as_f64()),
            ) {
                latlng.insert(fix_iso3(code).to_string(), (a, b));
            }
        }
    }
    // GeoNames countries
    let gn = read_tsv(&gaz.join("geonames_cities15000/countries.tsv"), 8)?;
    let mut gn_by_iso3: HashMap<String, Vec<String>> = HashMap::new();
    for (_, r) in gn.iter().skip_while(|(_, r)| r[0] == "iso2") {
        gn_by_iso3.insert(r[1].clone(), r.clone());
    }
    // GDELT FIPS → ISO3 (fills FIPS when GeoNames lacks it)
    let fips_path = shared.join("events/gdelt/fips10-4_to_iso3.countries.json");
    let fips_json: serde_json::Value =
        serde_json::from_str(&read_string(&fips_path)?).map_err(|e| KbError::Parse {
            path: fips_path.clone(),
            line: e.line(),
            msg: e.to_string(),
        })?;
    let mut fips_by_iso3: HashMap<String, String> = HashMap::new();
    if let Some(o) = fips_json.as_object() {
        for (fips, v) in o {
            if let Some(i3) = v["iso3"].as_str() {
                fips_by_iso3
                    .entry(i3.to_string())
                    .or_insert_with(|| fips.clone());
            }
        }
    }
    let cameo_codes = phoenix_country_codes(
        &shared.join("events/petrarch2_dictionaries/Phoenix.Countries.actors.txt"),
    )?;
    // curated
    let cur = read_tsv(&curated.join("countries.tsv"), 6)?;
    let mut cur_by: HashMap<String, Vec<String>> = HashMap::new();
    for (_, r) in cur {
        cur_by.insert(r[0].clone(), r);
    }

    let mut out = Vec::new();
    for (_, r) in ml.iter().skip_while(|(_, r)| r[0] == "cca2") {
        let iso3 = fix_iso3(&r[1]).to_string();
        let mut e = Entity::new(
            &format!("country:{iso3}"),
            EntityType::LOC,
            "country",
            &r[2],
            &r[4],
        );
        e.source.push("mledoze".into());
        e.iso2 = Some(r[0].clone());
        e.iso3 = Some(iso3.clone());
        e.country = Some(iso3.clone());
        if r[5] != r[4] {
            e.aliases.push(
                r[5].replace("أففانستان", "أفغانستان")
                    .replace("الإتحاد", "الاتحاد"),
            );
        }
        if let Some(&(a, b)) = latlng.get(&iso3) {
            e.lat = Some(a);
            e.lon = Some(b);
        }
        if let Some(g) = gn_by_iso3.get(&iso3) {
            e.fips = Some(g[2].clone()).filter(|s| !s.is_empty());
            e.population = g[6].parse().ok();
            e.source.push("geonames".into());
        }
        if e.fips.is_none() {
            e.fips = fips_by_iso3.get(&iso3).cloned();
        }
        let cameo = CAMEO_OVERRIDES
            .iter()
            .find(|(i, _)| *i == iso3)
            .map(|(_, c)| c.to_string())
            .or_else(|| cameo_codes.contains(&iso3).then(|| iso3.clone()));
        if let Some(c) = cameo {
            e.cameo.push(CameoRole::new(&c));
            e.source.push("phoenix".into());
        }
        let mut has_nisba = false;
        if let Some(c) = cur_by.get(&iso3) {
            if !c[1].is_empty() {
                e.name_en = c[1].clone();
            }
            if !c[2].is_empty() && c[2] != e.name_ar {
                let old = std::mem::replace(&mut e.name_ar, c[2].clone());
                e.aliases.push(old);
            }
            e.aliases.extend(split_list(&c[3]));
            for b in split_list(&c[4]) {
                e.adjectives.extend(nisba::inflect(&b));
                has_nisba = true;
            }
            for p in split_list(&c[5]) {
                e.adjectives.extend(nisba::plural(&p));
            }
            e.source.push("curated/countries.tsv".into());
        }
        if !has_nisba {
            if let Some(b) = nisba::guess_base(&e.name_ar) {
                e.adjectives.extend(nisba::inflect(&b));
            }
        }
        out.push(e);
    }
    Ok(out)
}

fn fix_iso3(c: &str) -> &str {
    if c == "UNK" {
        "XKX"
    } else {
        c
    }
}

/// Three-letter codes given to top-level names in the Phoenix country dictionary.
fn phoenix_country_codes(path: &Path) -> Result<HashSet<String>, KbError> {
    let text = read_string(path)?;
    let mut set = HashSet::new();
    for l in text.lines() {
        let l = l.split('#').next().unwrap_or("");
        for (i, _) in l.match_indices('[') {
            let code: String = l[i + 1..]
                .chars()
                .take_while(|c| c.is_ascii_uppercase())
                .collect();
            let after = l[i + 1 + code.len()..].chars().next();
            if code.len() == 3 && matches!(after, Some(']') | Some(' ')) {
                set.insert(code);
            }
        }
    }
    Ok(set)
}
