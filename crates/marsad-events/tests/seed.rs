//! The seed floor: the Karabakh article (published 2020-10-21) must yield all eight required
//! events of its expected file (E1 E2 E5 E6 E7 E8 E9 E11) with at most one spurious event.

// Test helpers (not #[test] functions themselves) may unwrap: a failure is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use marsad_entities::{find_entities, tagger};
use marsad_events::{eval, find_events, Event};
use marsad_kb::Kb;

fn seed() -> (Vec<String>, Vec<Event>) {
    let body = include_str!("fixtures/seed_body.txt");
    let paragraphs: Vec<String> = body
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(marsad_text::normalize_display)
        .collect();
    assert_eq!(paragraphs.len(), 8);
    let published = NaiveDate::from_ymd_opt(2020, 10, 21);
    let kb = Kb::embedded();
    let ents = find_entities(kb, tagger::Model::embedded().ok(), &paragraphs, published);
    let events = find_events(kb, &paragraphs, &ents, published);
    (paragraphs, events)
}

#[test]
fn seed_floor() {
    let (paragraphs, events) = seed();
    for (i, e) in events.iter().enumerate() {
        eprintln!(
            "#{i} p{} {} {} → {} date {:?} conf {:.2} trig «{}» place {:?} rep {:?}",
            e.evidence.paragraph + 1,
            e.code,
            e.actor1.code.as_deref().unwrap_or("-"),
            e.actor2
                .as_ref()
                .and_then(|a| a.code.as_deref())
                .unwrap_or("-"),
            e.date,
            e.confidence,
            e.evidence.trigger,
            e.place.as_ref().map(|p| &p.name),
            e.reported_by.as_ref().and_then(|a| a.code.as_deref())
        );
        // Evidence offsets point at the trigger in its paragraph.
        assert_eq!(
            &paragraphs[e.evidence.paragraph][e.evidence.start..e.evidence.end],
            e.evidence.trigger
        );
    }
    let r = eval::score_expected(include_str!("fixtures/seed.expected.json"), &events).unwrap();
    eprintln!("{r:?}");
    assert!(
        r.missing_required.is_empty(),
        "missing {:?}",
        r.missing_required
    );
    assert!(r.spurious.len() <= 1, "spurious {:?}", r.spurious);
}

#[test]
fn seed_dates_and_places() {
    let (_, events) = seed();
    let d = |m, dd| NaiveDate::from_ymd_opt(2020, m, dd);
    // E2: the army's advance "today, Wednesday".
    assert!(events.iter().any(|e| e.root == "19"
        && e.actor1.country.as_deref() == Some("AZE")
        && e.date == d(10, 21)));
    // No event takes the ceasefire's date (the 10th) as its own: it belongs to a relative clause.
    assert!(
        events.iter().all(|e| e.date != d(10, 10)),
        "the ceasefire's date is not an event date"
    );
    // A place is never a country.
    for e in &events {
        if let Some(p) = &e.place {
            assert!(
                p.entity
                    .as_deref()
                    .is_some_and(|id| !id.starts_with("country:")),
                "{p:?}"
            );
        }
    }
    // The phone call: PLOVER CONSULT, mode phone.
    let call = events.iter().find(|e| e.code == "041").expect("phone call");
    assert_eq!(call.plover.kind, "CONSULT");
    assert_eq!(call.plover.mode.as_deref(), Some("phone"));
}
