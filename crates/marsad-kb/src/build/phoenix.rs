//! People from the Phoenix country actor dictionary (`Phoenix.Countries.actors.txt`, PETRARCH2,
//! MIT): heads of state, ministers and other office holders with dated CAMEO codes, English names
//! only. The Arabic name is made by transliterating each word of the main name with the Wikidata
//! English→Arabic person-name token pairs (CC0), and only when every word is confident: the
//! pair was seen at least 3 times and its Arabic form has at least 70% of that English word's
//! occurrences. Initials and hyphenated words make a name unconfident. Names of 2–3 words only.
//! Otherwise the person is skipped (quality over quantity). A person whose slug equals a curated
//! person's id is merged into it (curated roles and names win).

use std::collections::HashMap;
use std::path::Path;

use super::util::{parse_range, read_string, slug};
use crate::{CameoRole, Entity, EntityType, KbError};

pub(crate) fn build(
    shared: &Path,
    curated_people: &HashMap<String, String>,
) -> Result<Vec<Entity>, KbError> {
    let tr = Translit::load(
        &shared
            .join("gazetteers/wikidata_name_transliteration/wd_arabic.normalized.aligned.tokens"),
    )?;
    let text =
        read_string(&shared.join("events/petrarch2_dictionaries/Phoenix.Countries.actors.txt"))?;
    let mut out = Vec::new();
    let mut cur: Option<(String, Vec<(String, String)>)> = None;
    let flush = |cur: &mut Option<(String, Vec<(String, String)>)>, out: &mut Vec<Entity>| {
        if let Some((name, codes)) = cur.take() {
            if let Some(mut e) = person(&name, &codes, &tr) {
                if let Some(id) = curated_people.get(&marsad_text::match_key(&e.name_ar)) {
                    e.id = id.clone();
                }
                out.push(e);
            }
        }
    };
    for l in text.lines() {
        if l.starts_with('#') || l.trim().is_empty() {
            continue;
        }
        let t = l.trim();
        if t.starts_with('[') {
            if let Some(c) = cur.as_mut() {
                let inner = t.trim_start_matches('[').split(']').next().unwrap_or("");
                let mut it = inner.splitn(2, ' ');
                let code = it.next().unwrap_or("").to_string();
                c.1.push((code, it.next().unwrap_or("").to_string()));
            }
            continue;
        }
        if l.contains("# CountryInfo") {
            flush(&mut cur, &mut out);
            let name = l.split('#').next().unwrap_or("").trim().to_string();
            cur = Some((name, Vec::new()));
        } else if cur.as_ref().is_some_and(|c| !c.1.is_empty()) {
            // a new non-person entry after the codes
            flush(&mut cur, &mut out);
        }
    }
    flush(&mut cur, &mut out);
    Ok(out)
}

fn person(name: &str, codes: &[(String, String)], tr: &Translit) -> Option<Entity> {
    if codes.is_empty() {
        return None;
    }
    let words: Vec<&str> = name.split('_').filter(|w| !w.is_empty()).collect();
    if !(2..=3).contains(&words.len())
        || words
            .iter()
            .any(|w| !w.bytes().all(|b| b.is_ascii_alphabetic()) || w.len() < 2)
    {
        return None;
    }
    let mut ar = Vec::new();
    for w in &words {
        ar.push(tr.confident(&w.to_lowercase())?);
    }
    let en: Vec<String> = words
        .iter()
        .map(|w| {
            let lw = w.to_lowercase();
            let mut c = lw.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        })
        .collect();
    let en = en.join(" ");
    let mut e = Entity::new(
        &format!("per:{}", slug(&en)),
        EntityType::PER,
        "person",
        &en,
        &ar.join(" "),
    );
    for (code, range) in codes {
        if code.len() < 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            continue;
        }
        let (from, to) = parse_range(range);
        e.cameo.push(CameoRole {
            code: code.clone(),
            from,
            to,
        });
    }
    e.country = e.cameo.first().map(|r| r.code[..3].to_string());
    e.source.push("phoenix+wikidata".into());
    Some(e)
}

struct Translit {
    best: HashMap<String, (String, u32, u32)>, // english → (arabic, count, total)
}

impl Translit {
    fn load(path: &Path) -> Result<Translit, KbError> {
        let text = read_string(path)?;
        let mut best: HashMap<String, (String, u32, u32)> = HashMap::new();
        for l in text.lines() {
            let mut it = l.split('\t');
            let (Some(en), Some(ar), Some(n)) = (it.next(), it.next(), it.next()) else {
                continue;
            };
            let n: u32 = n.trim().parse().unwrap_or(0);
            let ar: String = ar.split(' ').collect();
            let e = best
                .entry(en.to_lowercase())
                .or_insert((String::new(), 0, 0));
            e.2 += n;
            if n > e.1 {
                e.0 = ar;
                e.1 = n;
            }
        }
        Ok(Translit { best })
    }

    fn confident(&self, en: &str) -> Option<String> {
        let (ar, n, total) = self.best.get(en)?;
        (*n >= 3 && *n * 10 >= *total * 7 && super::util::is_clean_arabic(ar)).then(|| ar.clone())
    }
}
