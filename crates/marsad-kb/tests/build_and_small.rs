//! The matcher and the model on hand-made entities, save/load round trip, and (only when
//! `../shared/data` exists) a full build.

// Test helpers (not #[test] functions themselves) may unwrap: a failure is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use marsad_kb::{CameoRole, Entity, EntityType, Kb};

fn ent(id: &str, kind: EntityType, sub: &str, ar: &str, aliases: &[&str]) -> Entity {
    let mut e = Entity::new(id, kind, sub, id, ar);
    e.aliases = aliases.iter().map(|s| s.to_string()).collect();
    e
}

fn small() -> Kb {
    let mut c = ent("country:LBY", EntityType::LOC, "country", "ليبيا", &[]);
    c.adjectives = marsad_kb::build::nisba::inflect("ليبي");
    let mut t1 = ent("geo:1", EntityType::LOC, "capital", "طرابلس", &[]);
    t1.population = Some(1_300_000);
    let mut t2 = ent(
        "geo:2",
        EntityType::LOC,
        "city",
        "طرابلس",
        &["طرابلس الشام"],
    );
    t2.population = Some(229_000);
    let mut p = ent(
        "per:x",
        EntityType::PER,
        "person",
        "فلاديمير بوتين",
        &["بوتين"],
    );
    p.source.push("curated/people.tsv".into());
    p.cameo = vec![
        CameoRole {
            code: "RUSGOV".into(),
            from: chrono::NaiveDate::from_ymd_opt(2000, 5, 7),
            to: chrono::NaiveDate::from_ymd_opt(2008, 5, 7),
        },
        CameoRole {
            code: "RUSGOV".into(),
            from: chrono::NaiveDate::from_ymd_opt(2012, 5, 7),
            to: None,
        },
        CameoRole {
            code: "RUSELI".into(),
            from: chrono::NaiveDate::from_ymd_opt(2008, 5, 8),
            to: chrono::NaiveDate::from_ymd_opt(2012, 5, 6),
        },
    ];
    let short = ent("geo:3", EntityType::LOC, "city", "اب", &[]);
    Kb::from_entities(vec![c, t1, t2, p, short])
}

#[test]
fn priors_order_candidates() {
    let kb = small();
    let ms = kb.find("وصل إلى طرابلس");
    assert_eq!(ms.len(), 1);
    let ids: Vec<&str> = ms[0]
        .candidates
        .iter()
        .map(|c| kb.entity(c.entity).id.as_str())
        .collect();
    assert_eq!(ids, ["geo:1", "geo:2"]);
    // longest match: طرابلس الشام is only the Lebanese city
    let ms = kb.find("في طرابلس الشام");
    assert_eq!(ms[0].candidates.len(), 1);
    assert_eq!(kb.entity(ms[0].candidates[0].entity).id, "geo:2");
}

#[test]
fn clitics_adjectives_short_aliases() {
    let kb = small();
    let t = "وليبيا والليبيون وبوتين";
    let ms = kb.find(t);
    assert_eq!(ms.len(), 3, "{ms:?}");
    assert_eq!(&t[ms[0].name_start..ms[0].end], "ليبيا");
    assert!(ms[1].adjective);
    assert_eq!(&t[ms[1].name_start..ms[1].end], "الليبيون");
    assert_eq!(&t[ms[2].name_start..ms[2].end], "بوتين");
    // 2-letter aliases never match
    assert!(kb.find("اب").is_empty());
    // diacritics and hamza folding
    assert_eq!(kb.find("طَرَابُلُس").len(), 1);
}

#[test]
fn cameo_on_dates() {
    let kb = small();
    let p = kb.get("per:x").unwrap();
    let d = |y, m, dd| chrono::NaiveDate::from_ymd_opt(y, m, dd);
    assert_eq!(kb.cameo_on(p, d(2005, 1, 1)), Some("RUSGOV"));
    assert_eq!(kb.cameo_on(p, d(2010, 1, 1)), Some("RUSELI"));
    assert_eq!(kb.cameo_on(p, d(1990, 1, 1)), None);
    assert_eq!(kb.cameo_on(p, None), Some("RUSGOV"));
}

#[test]
fn save_load_round_trip_and_serde_shape() {
    let kb = small();
    let dir = std::env::temp_dir().join(format!("marsad-kb-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("kb.jsonl.gz");
    kb.save(&p).unwrap();
    let back = Kb::load(&p).unwrap();
    assert_eq!(back.entities(), kb.entities());
    let line = serde_json::to_string(&kb.entities()[0]).unwrap();
    assert!(line.contains(r#""kind":"LOC""#), "{line}");
    // a broken file is an error naming the line, not a panic
    std::fs::write(&p, "{\"id\":\"x\"}\nnot json\n").unwrap();
    let err = Kb::load(&p).unwrap_err().to_string();
    assert!(err.contains(":1:") || err.contains(":2:"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
#[ignore = "needs ../shared/data beside the repository; .ci/run runs it"]
fn full_build_when_shared_data_present() {
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    assert!(
        shared.join("gazetteers").exists(),
        "{} not found: this test needs the shared data",
        shared.display()
    );
    let curated = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("curated");
    let t = std::time::Instant::now();
    let kb = marsad_kb::build(&shared, &curated).expect("build");
    assert!(t.elapsed().as_secs() < 60);
    assert!(kb.len() > 10_000);
    assert!(kb.get("country:AZE").is_some());
    assert_eq!(
        kb.get("country:USA").unwrap().capital.as_deref(),
        Some("geo:4140963")
    );
    // the shipped KB is what the build makes (rebuild with the example when this fails)
    assert_eq!(
        kb.len(),
        Kb::embedded().len(),
        "data/kb/kb.jsonl.gz is stale: rebuild it"
    );
}
