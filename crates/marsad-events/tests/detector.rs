//! The shipped detector on sentences written for these tests (none is from the gold corpus): it
//! keeps reported violence and protest and drops negated, generic and background mentions, an
//! event with no actor at all needs a word naming the kind of doer, and a type only the sentence
//! model sees re-codes one of the sentence's proposed events.

// Test helpers (not #[test] functions themselves) may unwrap: a failure is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use marsad_entities::{find_entities, tagger};
use marsad_events::detector::{event_type, Detector};
use marsad_events::{find_events, find_events_with, propose, Event};
use marsad_kb::Kb;

fn run(sentence: &str, with_detector: bool) -> Vec<Event> {
    let paragraphs = vec![marsad_text::normalize_display(sentence)];
    let published = NaiveDate::from_ymd_opt(2018, 5, 3);
    let kb = Kb::embedded();
    let ents = find_entities(kb, tagger::Model::embedded().ok(), &paragraphs, published);
    if with_detector {
        find_events(kb, &paragraphs, &ents, published)
    } else {
        find_events_with(kb, &paragraphs, &ents, published, None)
    }
}

fn types(evs: &[Event]) -> Vec<String> {
    evs.iter()
        .map(|e| event_type(&e.code).to_string())
        .collect()
}

#[test]
fn the_model_is_shipped() {
    let d = Detector::embedded().expect("data/events/detector.tsv.gz loads");
    assert!(d.weights.len() > 1000);
    assert!(d.threshold > 0.0 && d.threshold < 1.0);
}

#[test]
fn reported_violence_and_protest_are_kept() {
    let e = run(
        "قتل ثلاثة جنود تونسيين أمس في انفجار لغم بجبل الشعانبي بولاية القصرين.",
        true,
    );
    assert!(types(&e).contains(&"ASSAULT".to_string()), "{e:#?}");
    assert!(e.iter().all(|x| x.confidence > 0.0 && x.confidence <= 1.0));
    let e = run(
        "وتظاهر آلاف المحتجين أمس أمام مقر الولاية في سيدي بوزيد للمطالبة بالتشغيل والتنمية.",
        true,
    );
    assert!(types(&e).contains(&"PROTEST".to_string()), "{e:#?}");
}

#[test]
fn generic_and_negated_mentions_are_dropped() {
    for s in [
        "ولم تسجل أي اعتداءات أو أعمال عنف خلال يوم الاقتراع في كامل الولايات.",
        "وتعمل الحكومة على وضع استراتيجية وطنية لمكافحة الإرهاب والحد من خطر التفجيرات.",
    ] {
        let e = run(s, true);
        assert!(!types(&e).contains(&"ASSAULT".to_string()), "{s}: {e:#?}");
    }
}

#[test]
fn the_detector_keeps_or_recodes_what_the_rules_propose() {
    let s = "وأدانت وزارة الخارجية التونسية الهجوم الذي استهدف حافلة للأمن الرئاسي وسط العاصمة.";
    let paragraphs = vec![marsad_text::normalize_display(s)];
    let kb = Kb::embedded();
    let ents = find_entities(kb, tagger::Model::embedded().ok(), &paragraphs, None);
    let proposed: Vec<Event> = propose(kb, &paragraphs, &ents, None, true)
        .into_iter()
        .flat_map(|p| p.events)
        .collect();
    let usual = &Detector::embedded().unwrap().sentence.codes;
    for e in run(s, true) {
        // Either a proposed event as it was, or one re-coded to a novel type's usual code: the
        // evidence is always a proposed event's.
        assert!(
            proposed.iter().any(|p| p.evidence == e.evidence),
            "{} has no proposed evidence",
            e.code
        );
        assert!(
            proposed.iter().any(|p| p.code == e.code) || usual.contains(&e.code),
            "{} was not proposed",
            e.code
        );
    }
    // Without the detector the rules run as before (strict mode): they still code something here.
    assert!(!run(s, false).is_empty());
}

#[test]
fn a_type_only_the_sentence_model_sees_recodes_the_speakers_statement() {
    use marsad_events::detector::features::hash;
    use marsad_events::detector::sentence::{words, SentenceModel, SentenceOptions};
    use marsad_events::detector::Instance;
    use marsad_events::triggers::analyse;
    use marsad_events::{coder::decide, eval::corpus::bare_event, Actor, Proposal};
    let accuse = words(&analyse(
        "واتهم الوزير المعارضة بالتحريض على العنف والفوضى",
        0,
    ));
    let other = words(&analyse(
        "وافتتح الوزير معرضا للكتاب في العاصمة صباح اليوم",
        0,
    ));
    let (ya, yn) = (vec!["ACCUSE".to_string()], vec![]);
    let mut data: Vec<(&[u64], &[String])> = Vec::new();
    for _ in 0..20 {
        data.push((&accuse, &ya));
        data.push((&other, &yn));
    }
    let mut d = Detector {
        sentence: SentenceModel::train(
            &data,
            vec!["ACCUSE".into(), "STATEMENT".into()],
            vec!["112".into(), "010".into()],
            &SentenceOptions::default(),
        ),
        threshold: 0.6,
        novel: 0.6,
        ..Detector::default()
    };
    d.weights.insert(hash(&["novel"]), 3.0);
    let mut said = bare_event("010").unwrap();
    said.actor1 = Actor {
        name: "الوزير".into(),
        code: Some("TUNGOV".into()),
        country: Some("TUN".into()),
        entity: None,
    };
    let proposal = |w: &[u64]| Proposal {
        events: vec![said.clone()],
        skips: vec![0],
        instances: vec![Instance {
            kind: "STATEMENT".into(),
            features: vec![hash(&["cue"])],
            clean: true,
            specific: false,
            novel: false,
        }],
        words: w.to_vec(),
        doers: vec![],
        shared: vec![hash(&["bias"])],
    };
    // The statement alone scores 0.5 (< 0.6): only the accusation the words speak of is emitted,
    // with the type's usual code and the speaker as its source.
    let out = decide(&d, &proposal(&accuse));
    assert_eq!(out.len(), 1, "{out:#?}");
    assert_eq!(out[0].code, "112");
    assert_eq!(out[0].plover.kind, "ACCUSE");
    assert_eq!(out[0].actor1.code.as_deref(), Some("TUNGOV"));
    // Re-coded from an event reported inside the speech (قال الوزير إن المعارضة …), the accusation
    // is the speaker's, aimed at whom the words are about.
    let mut reported = said.clone();
    reported.reported_by = Some(said.actor1.clone());
    reported.actor1 = Actor {
        name: "المعارضة".into(),
        code: Some("TUNOPP".into()),
        country: Some("TUN".into()),
        entity: None,
    };
    let mut p = proposal(&accuse);
    p.events = vec![reported];
    let out = decide(&d, &p);
    assert_eq!(out[0].actor1.code.as_deref(), Some("TUNGOV"));
    assert_eq!(
        out[0].actor2.as_ref().and_then(|a| a.code.as_deref()),
        Some("TUNOPP")
    );
    assert!(out[0].reported_by.is_none());
    // Words that speak of no accusation: nothing.
    assert!(decide(&d, &proposal(&other)).is_empty());
    // Novel types need their own bar too.
    let strict = Detector { novel: 0.99, ..d };
    assert!(decide(&strict, &proposal(&accuse)).is_empty());
}

#[test]
fn an_event_with_no_actor_needs_a_strong_score() {
    use marsad_events::detector::{features::hash, Instance};
    use marsad_events::{coder::decide, eval::corpus::bare_event, Actor, Proposal};
    let d = Detector {
        threshold: 0.5,
        strong: 0.9,
        ..Detector::default()
    };
    let bare = bare_event("180").unwrap();
    let mut with_target = bare.clone();
    with_target.actor2 = Some(Actor {
        name: "جنود".into(),
        code: Some("TUNMIL".into()),
        country: Some("TUN".into()),
        entity: None,
    });
    let proposal = |weight: f32| {
        let mut d = d.clone();
        d.weights.insert(hash(&["cue"]), weight);
        let p = Proposal {
            events: vec![bare.clone(), with_target.clone()],
            skips: vec![0, 0],
            instances: vec![Instance {
                kind: "ASSAULT".into(),
                features: vec![hash(&["cue"])],
                clean: true,
                specific: false,
                novel: false,
            }],
            words: vec![],
            doers: vec![],
            shared: vec![],
        };
        decide(&d, &p)
    };
    // Confident enough for the threshold (0.73): the event naming its target is kept, the bare
    // one is not.
    assert_eq!(proposal(1.0).len(), 1);
    // Strong (0.99): both, the bare one too.
    let both = proposal(5.0);
    assert_eq!(both.len(), 2);
    assert!(both.iter().all(|e| e.confidence > 0.9));
    // Below the threshold: nothing.
    assert!(proposal(-1.0).is_empty());
}
