//! Tests against the shipped KB (`data/kb/kb.jsonl.gz` through `Kb::embedded()`): they run on a
//! fresh clone without `../shared`.

// Test helpers (not #[test] functions themselves) may unwrap: a failure is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use marsad_kb::{Kb, KbMatch};

fn kb() -> &'static Kb {
    let kb = Kb::embedded();
    assert!(kb.len() > 10_000, "embedded KB too small: {}", kb.len());
    kb
}

/// The match covering exactly `surface` in `text` (first occurrence).
fn match_of<'a>(ms: &'a [KbMatch], text: &str, surface: &str) -> Option<&'a KbMatch> {
    ms.iter().find(|m| &text[m.start..m.end] == surface)
}

/// Asserts `surface` (alone in a sentence) matches with `id` as the FIRST candidate.
fn top(surface: &str, id: &str) -> &'static KbMatch {
    let text = format!("قال مصدر إن {surface} اليوم.");
    let ms = Box::leak(Box::new(kb().find(&text)));
    let m = match_of(ms, &text, surface)
        .unwrap_or_else(|| panic!("{surface}: no match in {:?}", ms_dbg(ms, &text)));
    assert_eq!(
        kb().entity(m.candidates[0].entity).id,
        id,
        "{surface}: {}",
        ms_dbg(ms, &text)
    );
    m
}

fn ms_dbg(ms: &[KbMatch], text: &str) -> String {
    ms.iter()
        .map(|m| {
            format!(
                "{}→{}",
                &text[m.start..m.end],
                m.candidates
                    .iter()
                    .map(|c| kb().entity(c.entity).id.as_str())
                    .collect::<Vec<_>>()
                    .join(",")
            )
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

fn code(id: &str, date: Option<NaiveDate>) -> Option<String> {
    let e = kb().get(id).unwrap_or_else(|| panic!("{id} missing"));
    kb().cameo_on(e, date).map(str::to_string)
}

fn d(s: &str) -> Option<NaiveDate> {
    Some(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap())
}

#[test]
fn ids_are_unique_and_entities_loadable() {
    let kb = kb();
    let mut ids = std::collections::HashSet::new();
    for e in kb.entities() {
        assert!(ids.insert(e.id.as_str()), "duplicate id {}", e.id);
        assert!(!e.name_ar.is_empty(), "{} has no Arabic name", e.id);
    }
    assert_eq!(
        kb.entities()
            .iter()
            .filter(|e| e.subtype == "country")
            .count(),
        250
    );
}

#[test]
fn seed_article_countries() {
    for (s, id) in [
        ("أذربيجان", "country:AZE"),
        ("وأذربيجان", "country:AZE"),
        ("لأذربيجان", "country:AZE"),
        ("أرمينيا", "country:ARM"),
        ("الولايات المتحدة", "country:USA"),
        ("روسيا", "country:RUS"),
        ("وتركيا", "country:TUR"),
        ("للعراق", "country:IRQ"),
        ("بالعراق", "country:IRQ"),
    ] {
        top(s, id);
    }
    assert_eq!(code("country:AZE", None).as_deref(), Some("AZE"));
    assert_eq!(
        kb().get("country:AZE").unwrap().iso3.as_deref(),
        Some("AZE")
    );
    assert_eq!(code("country:ARM", None).as_deref(), Some("ARM"));
    assert_eq!(code("country:USA", None).as_deref(), Some("USA"));
}

#[test]
fn clitic_offsets() {
    let m = top("بواشنطن", "geo:4140963");
    assert_eq!(
        kb().entity(m.candidates[0].entity).country.as_deref(),
        Some("USA")
    );
    let text = "وصل الوفد بواشنطن";
    let ms = kb().find(text);
    let m = match_of(&ms, text, "بواشنطن").unwrap();
    assert_eq!(&text[m.name_start..m.end], "واشنطن");
    let text = "زيارة للعراق";
    let ms = kb().find(text);
    let m = match_of(&ms, text, "للعراق").unwrap();
    assert_eq!(&text[m.name_start..m.end], "لعراق");
}

#[test]
fn karabakh_longest_match() {
    for s in [
        "إقليم ناغورني قره باغ",
        "ناغورني قره باغ",
        "إقليم قره باغ",
        "قره باغ",
    ] {
        top(s, "region:nagorno-karabakh");
    }
    let text = "المعارك في إقليم ناغورني قره باغ مستمرة";
    let ms = kb().find(text);
    assert_eq!(ms.len(), 1, "{}", ms_dbg(&ms, text));
    assert_eq!(&text[ms[0].start..ms[0].end], "إقليم ناغورني قره باغ");
}

#[test]
fn adjectives() {
    for (s, id) in [
        ("الأذري", "country:AZE"),
        ("الأذرية", "country:AZE"),
        ("الاذرية", "country:AZE"),
        ("الأرمينية", "country:ARM"),
        ("الأرميني", "country:ARM"),
        ("أمريكية", "country:USA"),
        ("الأمريكي", "country:USA"),
        ("الأميركية", "country:USA"),
        ("الأمريكيين", "country:USA"),
        ("روسية", "country:RUS"),
        ("الروسي", "country:RUS"),
        ("الروس", "country:RUS"),
        ("تركية", "country:TUR"),
        ("التركية", "country:TUR"),
        ("الأتراك", "country:TUR"),
        ("الفرنسي", "country:FRA"),
        ("التونسية", "country:TUN"),
    ] {
        assert!(top(s, id).adjective, "{s} should be an adjective match");
    }
    assert!(!top("روسيا", "country:RUS").adjective);
}

#[test]
fn seed_article_people_and_orgs() {
    for (s, id, c) in [
        ("حكمت حجييف", "per:hikmet-hajiyev", "AZEGOV"),
        ("فلاديمير بوتين", "per:vladimir-putin", "RUSGOV"),
        ("إيمانويل ماكرون", "per:emmanuel-macron", "FRAGOV"),
        ("إلهام علييف", "per:ilham-aliyev", "AZEGOV"),
        ("نيكول باشينيان", "per:nikol-pashinyan", "ARMGOV"),
        ("الأمم المتحدة", "org:un", "IGOUNO"),
        ("هيئة الأمم المتحدة", "org:un", "IGOUNO"),
        ("مجلس الأمن", "org:unsc", "IGOUNO"),
        ("الاتحاد الأوروبي", "org:eu", "IGOEUREEC"),
    ] {
        top(s, id);
        assert_eq!(code(id, d("2020-10-21")).as_deref(), Some(c), "{id}");
    }
}

#[test]
fn cameo_dates() {
    assert_eq!(
        code("per:vladimir-putin", d("2005-01-01")).as_deref(),
        Some("RUSGOV")
    );
    assert_eq!(
        code("per:vladimir-putin", d("2020-10-21")).as_deref(),
        Some("RUSGOV")
    );
    assert_eq!(
        code("per:donald-trump", d("2019-01-01")).as_deref(),
        Some("USAGOV")
    );
    assert_eq!(
        code("per:donald-trump", d("2022-01-01")).as_deref(),
        Some("USAELI")
    );
    assert_eq!(
        code("per:beji-caid-essebsi", d("2016-01-01")).as_deref(),
        Some("TUNGOV")
    );
    assert_eq!(
        code("per:beji-caid-essebsi", d("2013-01-01")).as_deref(),
        Some("TUNPTY")
    );
}

#[test]
fn ant_style_tunisia() {
    top("تونس", "country:TUN");
    top("بتونس", "country:TUN");
    top("صفاقس", "geo:2467454");
    top("بصفاقس", "geo:2467454");
    top("ليبيا", "country:LBY");
    top("طرابلس", "geo:2210247"); // Tripoli, Libya (capital) before Tripoli, Lebanon
    let m = top("الجزائر", "country:DZA");
    assert!(
        m.candidates
            .iter()
            .any(|c| kb().entity(c.entity).id == "geo:2507480"),
        "Algiers should be a candidate"
    );
    // Tunis (city) is a candidate of تونس after the country
    let m = top("تونس", "country:TUN");
    assert!(m
        .candidates
        .iter()
        .any(|c| kb().entity(c.entity).id == "geo:2464470"));
    top("حركة النهضة", "org:ennahda");
    top("نداء تونس", "org:nidaa-tounes");
    top("الاتحاد العام التونسي للشغل", "org:ugtt");
    top("الباجي قائد السبسي", "per:beji-caid-essebsi");
    top("يوسف الشاهد", "per:youssef-chahed");
    top("قيس سعيد", "per:kais-saied");
}

#[test]
fn common_words_are_not_places() {
    let text = "قال المسؤول إن مدينة كبيرة شهدت وقف إطلاق النار من أجل السلام والأمل والنصر في المدينة الجديدة، وكان كبيراً جداً.";
    let ms = kb().find(text);
    assert!(ms.is_empty(), "unexpected matches: {}", ms_dbg(&ms, text));
}

#[test]
fn punctuation_breaks_names() {
    // "قره، باغ" is not the region
    let text = "قره، باغ";
    let ms = kb().find(text);
    assert!(!ms.iter().any(|m| m.end - m.start == text.len()));
}
