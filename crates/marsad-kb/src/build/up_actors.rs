//! People from the UniversalPetrarch Arabic actor dictionary (`actor_dict_ar_v4.txt`, MIT).
//!
//! The dictionary is messy (lemmatised phrases, titles glued to names, bogus date ranges), so only
//! people are taken, and only when the name survives this cleaning: underscores → spaces, the
//! trailing `_` dropped; leading titles and agent words (رئيس، وزير، لواء … and every word of the
//! Arabic agent dictionary) removed; the name is cut before the first title, agent word, country
//! name or nisba that follows it (صلاح الدين مزوار وزير تجارة مغربي → صلاح الدين مزوار); what remains
//! must be 2–4 words of Arabic letters, each of 2+ letters, and the entry must carry a CAMEO code
//! with a sector (6+ letters, e.g. `IRQGOV`). Countries, places, organisations and one-word names
//! of the dictionary are not taken (GeoNames, mledoze and the curated files cover them).
//! Date ranges: sentinel years and reversed ranges are open (see `util::parse_range`).
//! A name equal (by match key) to a curated person's name is merged into that person, whose
//! curated CAMEO roles win.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use marsad_text::match_key;

use super::util::{is_clean_arabic, parse_range, read_string};
use crate::{CameoRole, Entity, EntityType, KbError};

const TITLES: &[&str] = &[
    "رئيس",
    "رئيسة",
    "وزير",
    "وزيرة",
    "وزراء",
    "أمير",
    "أميرة",
    "ملك",
    "ملكة",
    "شيخ",
    "شيخة",
    "سفير",
    "سفيرة",
    "نائب",
    "جنرال",
    "دكتور",
    "قائد",
    "أمين",
    "عام",
    "مسؤول",
    "عاهل",
    "سلطان",
    "سيد",
    "سيدة",
    "مستشار",
    "زعيم",
    "لواء",
    "عقيد",
    "عميد",
    "فريق",
    "مشير",
    "رائد",
    "نقيب",
    "إمام",
    "أمام",
    "مفتي",
    "قاضي",
    "حاكم",
    "مدير",
    "مديرة",
    "متحدث",
    "ناطق",
    "باسم",
    "خارجية",
    "داخلية",
    "داخلي",
    "دفاع",
    "مالية",
    "عدل",
    "وكيل",
    "مبعوث",
    "ممثل",
    "منسق",
    "أسقف",
    "بطريرك",
    "بابا",
    "كاردينال",
    "حاخام",
    "آية",
    "حجة",
    "سابق",
    "سابقة",
    "حكومة",
    "وزارة",
    "مجلس",
    "حزب",
    "حركة",
    "جبهة",
    "جيش",
    "قوة",
    "قوات",
    "منظمة",
    "اتحاد",
    "جامعة",
    "شركة",
    "بنك",
    "صحيفة",
    "وكالة",
    "مكتب",
    "لجنة",
    "هيئة",
    "محكمة",
    "برلمان",
    "جمعية",
    "مؤسسة",
    "ديوان",
    "مدينة",
    "منطقة",
    "محافظة",
    "ولاية",
    "دولة",
    "جمهورية",
    "مملكة",
    "إمارة",
    "عاصمة",
    "شعب",
    "كتائب",
    "جماعة",
    "تنظيم",
    "مجموعة",
    "إدارة",
    "سلطة",
    "شرطة",
    "جهاز",
    "مركز",
    "معهد",
    "تحالف",
    "ائتلاف",
    "كتلة",
    "في",
    "من",
    "إلى",
    "على",
    "عن",
    "مع",
    "و",
    "ال",
    "ل",
    "ب",
    "أو",
    "تجارة",
    "ثقافة",
    "خارجي",
    "دولي",
];

pub(crate) fn build(
    shared: &Path,
    curated_people: &HashMap<String, String>,
    stop: &HashSet<String>,
    country_words: &HashSet<String>,
    iso3s: &HashSet<String>,
) -> Result<Vec<Entity>, KbError> {
    let dir = shared.join("events/universalpetrarch_arabic");
    let text = read_string(&dir.join("actor_dict_ar_v4.txt"))?;
    let mut generic: HashSet<String> = TITLES.iter().map(|t| match_key(t)).collect();
    for l in read_string(&dir.join("agents.all.ar_v3.txt"))?.lines() {
        let name = l
            .split('[')
            .next()
            .unwrap_or("")
            .split('#')
            .next()
            .unwrap_or("");
        for w in name.split(['_', ' ']).filter(|w| !w.is_empty()) {
            generic.insert(match_key(w));
        }
    }
    // (name, codes)
    let mut entries: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for l in text.lines() {
        let t = l.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        if t.starts_with('[') {
            if let Some(last) = entries.last_mut() {
                last.1.extend(codes_in(t));
            }
            continue;
        }
        let (name, rest) = t
            .split_once('[')
            .map(|(a, b)| (a, format!("[{b}")))
            .unwrap_or((t, String::new()));
        entries.push((name.trim().to_string(), codes_in(&rest)));
    }
    let mut out = Vec::new();
    for (raw, codes) in entries {
        let Some(name) = clean_name(&raw, &generic, country_words, stop) else {
            continue;
        };
        if !codes.iter().any(|(c, _)| c.len() >= 6) {
            continue;
        }
        let key = match_key(&name);
        let id = curated_people
            .get(&key)
            .cloned()
            .unwrap_or_else(|| format!("per:ar-{}", key.replace(' ', "-")));
        let mut e = Entity::new(&id, EntityType::PER, "person", "", &name);
        for (code, range) in &codes {
            let (from, to) = parse_range(range);
            e.cameo.push(CameoRole {
                code: code.clone(),
                from,
                to,
            });
        }
        e.country = codes
            .iter()
            .map(|(c, _)| c.get(..3).unwrap_or(""))
            .find(|c| iso3s.contains(*c))
            .map(str::to_string);
        e.source.push("universalpetrarch".into());
        out.push(e);
    }
    Ok(out)
}

fn codes_in(s: &str) -> Vec<(String, String)> {
    let mut v = Vec::new();
    for part in s.split('[').skip(1) {
        let inner = part.split(']').next().unwrap_or("").trim();
        let mut it = inner.splitn(2, ' ');
        let code = it.next().unwrap_or("").trim();
        if !code.is_empty() && code.bytes().all(|b| b.is_ascii_uppercase()) {
            v.push((code.to_string(), it.next().unwrap_or("").trim().to_string()));
        }
    }
    v
}

fn clean_name(
    raw: &str,
    generic: &HashSet<String>,
    country_words: &HashSet<String>,
    stop: &HashSet<String>,
) -> Option<String> {
    let words: Vec<&str> = raw.split(['_', ' ']).filter(|w| !w.is_empty()).collect();
    let is_generic = |w: &str| {
        let k = match_key(w);
        generic.contains(&k)
            || country_words.contains(&k)
            || stop.contains(&k)
            || marsad_text::is_stopword(&k)
    };
    let mut i = 0;
    while i < words.len() && is_generic(words[i]) {
        i += 1;
    }
    let mut name: Vec<&str> = Vec::new();
    for w in &words[i..] {
        if is_generic(w) {
            break;
        }
        name.push(w);
    }
    if !(2..=4).contains(&name.len()) || name.iter().any(|w| w.chars().count() < 2) {
        return None;
    }
    // a name cut in the middle of a compound (أحمد بن، عبد المجيد alone) is not a name
    let last = match_key(name[name.len() - 1]);
    if ["بن", "ابن", "بنت", "ولد", "ابو", "عبد", "ال", "اب"].contains(&last.as_str())
        || (name.len() == 2 && match_key(name[0]) == "عبد")
    {
        return None;
    }
    let s = name.join(" ");
    is_clean_arabic(&s).then_some(s)
}
