//! Cities: GeoNames cities ≥ 15,000 people that have an Arabic-script name (CC BY 4.0).
//!
//! Names: raw GeoNames alternates are cleaned: Persian/Urdu/Uyghur forms (پ چ ژ گ ک ی ہ ے ۀ …,
//! names starting with ئا), names with Latin letters, digits or brackets are dropped. The display
//! name is the alternate most used in ANT news (by match key), then the most repeated key among
//! the alternates, then the plain (undiacritised) spelling. Other alternates stay as aliases only
//! if they contain the display name's key as a word or are one edit in three away from it (so
//! طرابلس keeps ترابلس, القدس keeps القدس الشريف, but not the legendary names GeoNames also lists).
//!
//! Common-word rule (documented in data/kb/README.md): a single-word alias of a city is dropped
//! when it is a stopword or in `curated/stopnames.txt`; or when ANT shows it is a common word:
//! the same word with the article toggled (سلام/السلام, النصر/نصر) occurs ≥ 10 times and at least
//! a fifth as often as the word itself; or the word after a proclitic (و ف ب ل ك وب ول فب فل) occurs
//! ≥ 5 times and more than twice as often as the word alone (كبيرا → بيرا); or the city has < 100k
//! people, is outside Tunisia (ANT is Tunisian news, so Tunisian towns are legitimately frequent)
//! and the word occurs ≥ 40 times in ANT. A city left without any name is dropped.
//!
//! Duplicates: two entries of the same country with the same name key within 30 km: the smaller
//! is dropped. Capitals (GeoNames countries.tsv) get subtype `capital`.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use marsad_text::{is_stopword, match_key};

use super::ant_freq::AntFreq;
use super::util::{is_clean_arabic, read_tsv};
use crate::{Entity, EntityType, KbError};

pub(crate) fn build(
    shared: &Path,
    countries: &[Entity],
    curated_capitals: &HashSet<String>,
    freq: &AntFreq,
    stop: &HashSet<String>,
) -> Result<(Vec<Entity>, HashMap<String, String>), KbError> {
    let dir = shared.join("gazetteers/geonames_cities15000");
    let rows = read_tsv(&dir.join("cities15000_ar.tsv"), 8)?;
    let gn_countries = read_tsv(&dir.join("countries.tsv"), 8)?;
    let capital_of: HashMap<(String, String), String> = gn_countries
        .iter()
        .filter(|(_, r)| r[0] != "iso2")
        .map(|(_, r)| ((r[0].clone(), r[4].to_lowercase()), r[1].clone()))
        .collect();
    let iso3_of_iso2: HashMap<&str, &str> = countries
        .iter()
        .filter_map(|c| Some((c.iso2.as_deref()?, c.iso3.as_deref()?)))
        .collect();

    let mut out: Vec<Entity> = Vec::new();
    let mut capitals: HashMap<String, String> = HashMap::new();
    for (_, r) in rows.iter().filter(|(_, r)| r[0] != "geonameid") {
        let pop: u64 = r[6].parse().unwrap_or(0);
        let iso3 = iso3_of_iso2
            .get(r[2].as_str())
            .map(|s| s.to_string())
            .unwrap_or_else(|| r[3].clone());
        // the GeoNames capital (by English name; the largest city of that name), unless the
        // country's capital is curated (Washington, D.C. is not in the file; towns called
        // Washington are)
        let is_capital = !curated_capitals.contains(&iso3)
            && !capitals.contains_key(&format!("country:{iso3}"))
            && capital_of
                .get(&(r[2].clone(), r[1].to_lowercase()))
                .is_some_and(|c3| !c3.is_empty());
        let names: Vec<String> = r[7]
            .split('|')
            .map(|s| s.trim().to_string())
            .filter(|s| {
                is_clean_arabic(s) && !s.starts_with("ئا") && !s.trim_end_matches('ى').contains('ى')
            })
            .filter(|s| s.split(' ').count() <= 4)
            .collect();
        if names.is_empty() {
            continue;
        }
        let keys: Vec<String> = names.iter().map(|n| match_key(n)).collect();
        let mut key_count: HashMap<&str, usize> = HashMap::new();
        for k in &keys {
            *key_count.entry(k.as_str()).or_insert(0) += 1;
        }
        let best = (0..names.len())
            .max_by_key(|&i| {
                let ant: u32 = keys[i].split(' ').map(|w| freq.count(w)).min().unwrap_or(0);
                let plain = !names[i]
                    .chars()
                    .any(|c| ('\u{064B}'..='\u{0652}').contains(&c));
                (
                    ant,
                    key_count[keys[i].as_str()],
                    plain,
                    std::cmp::Reverse(names[i].len()),
                    std::cmp::Reverse(i),
                )
            })
            .unwrap_or(0);
        let best_key = keys[best].clone();
        let mut kept: Vec<String> = Vec::new();
        for (i, n) in names.iter().enumerate() {
            let k = &keys[i];
            let related = k == &best_key
                || k.split(' ').any(|w| w == best_key)
                || best_key.split(' ').any(|w| w == k)
                || edit_distance(k, &best_key) * 3 <= best_key.chars().count();
            if !related {
                continue;
            }
            if !k.contains(' ') && common_word(k, pop, &iso3, is_capital, freq, stop) {
                continue;
            }
            kept.push(n.clone());
        }
        if kept.is_empty() {
            continue;
        }
        // display: prefer the best name if it survived, in a plain (undiacritised) spelling
        let display = kept
            .iter()
            .filter(|n| match_key(n) == best_key)
            .min_by_key(|n| {
                n.chars()
                    .filter(|c| ('\u{064B}'..='\u{0652}').contains(c))
                    .count()
            })
            .cloned()
            .unwrap_or_else(|| kept[0].clone());
        let id = format!("geo:{}", r[0]);
        let mut e = Entity::new(
            &id,
            EntityType::LOC,
            if is_capital { "capital" } else { "city" },
            &r[1],
            &display,
        );
        e.aliases = kept.into_iter().filter(|n| *n != display).collect();
        e.country = Some(iso3.clone());
        e.lat = r[4].parse().ok();
        e.lon = r[5].parse().ok();
        e.population = Some(pop);
        e.source.push("geonames".into());
        if is_capital {
            capitals.entry(format!("country:{iso3}")).or_insert(id);
        }
        out.push(e);
    }
    // de-duplicate: same country + same name key within 30 km → keep the larger
    out.sort_by(|a, b| {
        b.population
            .cmp(&a.population)
            .then_with(|| a.id.cmp(&b.id))
    });
    let mut seen: HashMap<(String, String), Vec<(f64, f64)>> = HashMap::new();
    out.retain(|e| {
        let k = (e.country.clone().unwrap_or_default(), match_key(&e.name_ar));
        let (la, lo) = (e.lat.unwrap_or(0.0), e.lon.unwrap_or(0.0));
        let v = seen.entry(k).or_default();
        if e.subtype != "capital" && v.iter().any(|&(a, b)| km(a, b, la, lo) < 30.0) {
            return false;
        }
        v.push((la, lo));
        true
    });
    let _ = freq.is_empty();
    Ok((out, capitals))
}

fn common_word(
    k: &str,
    pop: u64,
    iso3: &str,
    capital: bool,
    freq: &AntFreq,
    stop: &HashSet<String>,
) -> bool {
    if is_stopword(k) || stop.contains(k) {
        return true;
    }
    if capital {
        return false;
    }
    let f = freq.count(k);
    let g = freq.toggled(k);
    // the word with a proclitic is much more frequent than the word itself: it is the tail of
    // common words (كبيرا → بيرا, بأريس → أريس), not a name
    let mut with_clitic = 0;
    let mut buf = String::new();
    for p in ["و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل"] {
        buf.clear();
        buf.push_str(p);
        buf.push_str(k);
        with_clitic = with_clitic.max(freq.count(&buf));
    }
    (g >= 10 && g * 5 >= f)
        || (with_clitic >= 5 && with_clitic > 2 * f)
        || (pop < 100_000 && iso3 != "TUN" && f >= 40)
}

fn km(a1: f64, o1: f64, a2: f64, o2: f64) -> f64 {
    let r = std::f64::consts::PI / 180.0;
    let (p1, p2) = (a1 * r, a2 * r);
    let dp = p2 - p1;
    let dl = (o2 - o1) * r;
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let c = if a[i - 1] == b[j - 1] { 0 } else { 1 };
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + c);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}
