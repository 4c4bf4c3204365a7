//! Tests of the whole entity pipeline (`find_entities`) with the embedded KB and tagger.

// Test helpers may unwrap: a failure is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use marsad_entities::tagger::Model;
use marsad_entities::{find_entities, MentionKind};

#[test]
fn a_city_the_tagger_reads_as_an_organisation_is_the_club() {
    let kb = marsad_kb::Kb::embedded();
    let model = Model::embedded().unwrap();
    let p = "فاز برشلونة على ريال مدريد 2-1 في الدوري الإسباني لكرة القدم.".to_string();
    let at = p.find("برشلونة").unwrap();
    // The rule needs the tagger's reading: check it first, so the test tests the rule.
    let spans = model.tag_text(&p);
    assert!(
        spans.iter().any(|s| s.label == "ORG" && s.start == at),
        "{spans:?}"
    );
    let found = find_entities(kb, Some(model), &[p], None);
    let club: Vec<_> = found
        .iter()
        .filter(|e| e.mentions.iter().any(|m| m.start == at))
        .map(|e| (e.kind.as_str(), e.mentions[0].kind))
        .collect();
    assert_eq!(club, [("ORG", MentionKind::Name)]);
}

#[test]
fn a_known_person_takes_the_whole_name_the_tagger_read() {
    let kb = marsad_kb::Kb::embedded();
    let model = Model::embedded().unwrap();
    let p = "استقبل صاحب السمو الشيخ محمد بن راشد آل مكتوم أعيان البلاد في دبي .".to_string();
    let name = "محمد بن راشد آل مكتوم";
    let at = p.find(name).unwrap();
    // The tagger reads the whole name, the KB knows a shorter form with its title.
    let spans = model.tag_text(&p);
    assert!(
        spans
            .iter()
            .any(|s| s.label == "PERS" && s.start == at && s.end == at + name.len()),
        "{spans:?}"
    );
    let found = find_entities(kb, Some(model), &[p], None);
    let person = found.iter().find(|e| e.kind == "PER").expect("a person");
    assert!(person.id.is_some(), "linked to the KB");
    assert_eq!(person.mentions[0].text, name);
}

/// A mention as the tests see it: (type, kind, text, linked id).
type Seen = (String, MentionKind, String, Option<String>);

/// Every mention of `p`, in text order.
fn mentions(p: &str) -> Vec<Seen> {
    let found = find_entities(
        marsad_kb::Kb::embedded(),
        Some(Model::embedded().unwrap()),
        &[p.to_string()],
        None,
    );
    let mut v: Vec<(usize, Seen)> = found
        .iter()
        .flat_map(|e| {
            e.mentions.iter().map(|m| {
                let row = (e.kind.clone(), m.kind, m.text.clone(), e.id.clone());
                (m.start, row)
            })
        })
        .collect();
    v.sort_by_key(|x| x.0);
    v.into_iter().map(|x| x.1).collect()
}

#[test]
fn a_family_name_the_kb_knows_does_not_make_another_given_name_its_person() {
    // المالكي alone is a name of Nouri al-Maliki in the KB; تركي المالكي is someone else.
    let p = "وقال المتحدث باسم قوات التحالف العقيد الركن تركي المالكي إن الدفاعات الجوية اعترضت صاروخا.";
    let m = mentions(p);
    let maliki = m.iter().find(|x| x.2.ends_with("المالكي")).expect("a name");
    assert_eq!(maliki.2, "تركي المالكي", "{m:?}");
    assert_eq!(maliki.3, None, "not Nouri al-Maliki: {m:?}");
    // The KB's own full name still links.
    let m = mentions("وقال نوري المالكي إن الحكومة لن تستقيل.");
    assert!(
        m.iter().any(|x| x.2 == "نوري المالكي" && x.3.is_some()),
        "{m:?}"
    );
}

#[test]
fn a_bare_nisba_where_no_adjective_stands_is_a_given_name() {
    // After a title or a definite word and before a family name, تركي is a man, not Turkey.
    for (p, name) in [
        (
            "والتقى الأمير تركي الفيصل، رئيس المركز، بالسفير.",
            "تركي الفيصل",
        ),
        (
            "وقال رئيس الهيئة العامة للرياضة تركي آل الشيخ إن الموسم سيشهد فعاليات.",
            "تركي آل الشيخ",
        ),
    ] {
        let m = mentions(p);
        assert!(m.iter().any(|x| x.0 == "PER" && x.2 == name), "{p}: {m:?}");
        assert!(!m.iter().any(|x| x.1 == MentionKind::Nisba), "{p}: {m:?}");
    }
    // After an indefinite noun it is the adjective, and an inflected nisba is a people's noun.
    for (p, nisba) in [
        ("وقال مسؤول تركي إن أنقرة ترفض القرار.", "تركي"),
        ("توفي اليوم فلسطيني في الضفة الغربية.", "فلسطيني"),
    ] {
        let m = mentions(p);
        assert!(
            m.iter().any(|x| x.1 == MentionKind::Nisba && x.2 == nisba),
            "{p}: {m:?}"
        );
    }
}

#[test]
fn a_title_inside_the_kb_match_is_no_given_name_before_it() {
    // ANT v1.1 JA-politic-146-20170222, tagged as an article: the KB match of حفتر starts inside
    // the tagger's person span, past its clitic and title (بالمشير), which once sliced backwards.
    let paragraphs = [
        "مرزوق يلتقي حفتر في بنغازي",
        "التقى صبيحة اليوم الأربعاء، أمين عام حركة مشروع تونس، محسن مرزوق ووفد من الحركة، بالمشير خليفة حفتر في مدينة بنغازي الليبية بحسب ما أعلنته الحركة في بيان لها.",
        "وأكد المشير خليفة حفتر خلال اللقاء أن علاقات تونس بليبيا علاقات تاريخية.",
    ]
    .map(String::from);
    let found = find_entities(
        marsad_kb::Kb::embedded(),
        Some(Model::embedded().unwrap()),
        &paragraphs,
        None,
    );
    let haftar: Vec<_> = found
        .iter()
        .flat_map(|e| &e.mentions)
        .filter(|m| m.text.contains("حفتر"))
        .collect();
    assert!(haftar.len() >= 2, "{found:?}");
}

/// The country code of the organisation entity whose first mention is `name` in `p`.
fn org_country(p: &str, name: &str) -> Option<String> {
    let kb = marsad_kb::Kb::embedded();
    let model = Model::embedded().unwrap();
    let at = p.find(name).unwrap();
    let found = find_entities(kb, Some(model), &[p.to_string()], None);
    let org = found
        .iter()
        .find(|e| e.kind == "ORG" && e.mentions.iter().any(|m| m.start == at))
        .unwrap_or_else(|| panic!("no ORG at {name}: {found:#?}"));
    assert_eq!(org.mentions[0].text, name);
    org.codes.iso3.clone()
}

#[test]
fn an_institution_takes_the_one_country_its_name_states() {
    let p = "وقالت وزارة الداخلية التونسية إنها أوقفت ثلاثة أشخاص.";
    assert_eq!(
        org_country(p, "وزارة الداخلية التونسية").as_deref(),
        Some("TUN")
    );
    let p = "أعلنت وزارة الموارد البشرية والتنمية الاجتماعية عن برنامج جديد.";
    assert_eq!(
        org_country(p, "وزارة الموارد البشرية والتنمية الاجتماعية"),
        None
    );
    // An embassy is its country's.
    let p = "نظمت سفارة فلسطين في تونس حفلا بالمناسبة.";
    assert_eq!(org_country(p, "سفارة فلسطين").as_deref(), Some("PSE"));
    // Two countries in the name: whose body it is, the name alone does not say.
    let p = "نظمت اللجنة المصرية الأردنية المشتركة اجتماعا.";
    let kb = marsad_kb::Kb::embedded();
    let found = find_entities(kb, Model::embedded().ok(), &[p.to_string()], None);
    let orgs: Vec<_> = found
        .iter()
        .filter(|e| e.kind == "ORG" && e.id.is_none())
        .collect();
    assert!(!orgs.is_empty(), "{found:#?}");
    assert!(orgs.iter().all(|e| e.codes.iso3.is_none()), "{found:#?}");
}

#[test]
fn a_place_inside_an_organisation_name_is_a_part_not_a_name() {
    let kb = marsad_kb::Kb::embedded();
    let model = Model::embedded().unwrap();
    let p = "وقال رئيس جامعة القاهرة إن الدراسة ستستأنف في القاهرة الأسبوع المقبل.".to_string();
    let found = find_entities(kb, Some(model), std::slice::from_ref(&p), None);
    let cairo: Vec<(usize, MentionKind)> = found
        .iter()
        .filter(|e| e.kind == "LOC")
        .flat_map(|e| e.mentions.iter().map(|m| (m.start, m.kind)))
        .collect();
    let inside = p.find("القاهرة").unwrap();
    let alone = p.rfind("القاهرة").unwrap();
    assert!(cairo.contains(&(inside, MentionKind::Part)), "{cairo:?}");
    assert!(cairo.contains(&(alone, MentionKind::Name)), "{cairo:?}");
    // The university still takes Egypt from the place in its name.
    let uni = found.iter().find(|e| e.kind == "ORG").unwrap();
    assert_eq!(uni.codes.iso3.as_deref(), Some("EGY"));
}

#[test]
fn a_known_person_named_by_a_role_alone_is_a_role_mention() {
    let seen = mentions("وأكد خادم الحرمين الشريفين أن المملكة ماضية في دعم أشقائها.");
    let role: Vec<_> = seen.iter().filter(|m| m.2.contains("خادم")).collect();
    assert_eq!(role.len(), 1, "{seen:?}");
    assert_eq!(role[0].1, MentionKind::Role);
    assert!(role[0].3.is_some(), "still linked to the king: {seen:?}");
    // With his name, a title and a name: a name.
    let seen = mentions("واستقبل الملك سلمان بن عبدالعزيز وفدا من رجال الأعمال.");
    assert!(
        seen.iter()
            .any(|m| m.0 == "PER" && m.1 == MentionKind::Name && m.2.contains("سلمان")),
        "{seen:?}"
    );
}

#[test]
fn a_name_runs_on_over_the_family_words_the_tagger_cut() {
    // After a final آل the family name follows; a tribal nisba whose feminine the news does not
    // write (العتيبي) is part of the name.
    let seen = mentions("وقدم المعزون واجب العزاء إلى أسرة عبدالله يحيى آل مشراف في ابنهم.");
    assert!(
        seen.iter()
            .any(|m| m.0 == "PER" && m.2 == "عبدالله يحيى آل مشراف"),
        "{seen:?}"
    );
    let seen = mentions("وشارك في الحفل العميد عبدالعزيز الحبسي العتيبي ، أحد منسوبي الشرطة.");
    assert!(
        seen.iter()
            .any(|m| m.0 == "PER" && m.2 == "عبدالعزيز الحبسي العتيبي"),
        "{seen:?}"
    );
    // An adjective after a name is not the name: الصحفية is frequent beside الصحفي, and
    // المتوفى ends in ى.
    let seen = mentions("ونعى الزملاء غسان بن جدو الصحفي المعروف.");
    assert!(!seen.iter().any(|m| m.2.contains("الصحفي")), "{seen:?}");
}

#[test]
fn a_place_takes_the_generic_word_written_before_it() {
    let seen = mentions("هطلت أمطار غزيرة بمنطقة عسير وفي مدينة جدة مساء أمس.");
    let places: Vec<&str> = seen
        .iter()
        .filter(|m| m.0 == "LOC" && m.1 == MentionKind::Name)
        .map(|m| m.2.as_str())
        .collect();
    // The clitic ب stays out; a known place stays linked.
    assert_eq!(places, ["منطقة عسير", "مدينة جدة"], "{seen:?}");
    assert!(
        seen.iter().any(|m| m.2 == "مدينة جدة" && m.3.is_some()),
        "{seen:?}"
    );
}

#[test]
fn a_country_name_that_is_also_its_adjective_is_the_adjective_after_a_definite_noun() {
    let seen = mentions("أصبح الاتحاد من أقوى الأندية السعودية وفاز منتخب السعودية.");
    let kinds: Vec<(&str, MentionKind)> = seen
        .iter()
        .filter(|m| m.2.contains("السعودية"))
        .map(|m| (m.2.as_str(), m.1))
        .collect();
    assert_eq!(
        kinds,
        [
            ("السعودية", MentionKind::Nisba),
            ("السعودية", MentionKind::Name)
        ],
        "{seen:?}"
    );
    // After a definite word, with a preposition: a noun.
    let seen = mentions("وقال مدير الشركة بالسعودية إن الأرباح ارتفعت.");
    assert!(
        seen.iter()
            .any(|m| m.2.contains("السعودية") && m.1 == MentionKind::Name),
        "{seen:?}"
    );
}

#[test]
fn a_person_a_structure_is_named_after_is_a_part_of_its_name() {
    let seen = mentions("وصل الوفد إلى مطار الملك عبدالعزيز الدولي بجدة.");
    assert!(
        !seen
            .iter()
            .any(|m| m.0 == "PER" && m.1 == MentionKind::Name),
        "{seen:?}"
    );
    // The king himself is a name.
    let seen = mentions("واستقبل الملك سلمان بن عبدالعزيز الوفد في قصره.");
    assert!(
        seen.iter()
            .any(|m| m.0 == "PER" && m.1 == MentionKind::Name),
        "{seen:?}"
    );
}
