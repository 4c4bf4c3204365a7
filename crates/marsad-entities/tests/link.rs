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
