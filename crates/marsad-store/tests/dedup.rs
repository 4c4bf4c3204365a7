//! Near-duplicates, stories and their crash repair, as the store records them at ingest.

// Test helpers (not #[test] functions themselves) may unwrap: a failure is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use chrono::NaiveDate;
use marsad_ingest::{Article, Format};
use marsad_store::{Analyzed, SearchOptions, Store};

fn seed() -> Article {
    let p =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/sample/000_e6d7035163982f4c.txt");
    marsad_ingest::read_file(&p, Format::Auto)
        .into_iter()
        .next()
        .unwrap()
        .unwrap()
}

fn article(
    source_id: &str,
    source: &str,
    date: Option<&str>,
    title: &str,
    paragraphs: Vec<String>,
) -> Article {
    let paragraphs = paragraphs
        .iter()
        .map(|p| marsad_text::normalize_display(p))
        .collect();
    Article::builder(
        source_id.into(),
        marsad_text::normalize_display(title),
        paragraphs,
    )
    .source(Some(source.into()))
    .published(date.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()))
    .build()
}

/// Another outlet's copy of the seed: rewritten headline, one paragraph dropped.
fn copy_of(a: &Article, source_id: &str, source: &str) -> Article {
    let mut ps = a.paragraphs.clone();
    ps.remove(2);
    article(
        source_id,
        source,
        None,
        "أذربيجان تقبل المشاركة في اجتماع واشنطن حول قره باغ",
        ps,
    )
}

fn add(s: &mut Store, items: Vec<Article>) -> marsad_store::BatchReport {
    let mut ing = s.ingester(1).unwrap();
    let r = ing
        .add_batch(&items.into_iter().map(Analyzed::bare).collect::<Vec<_>>())
        .unwrap();
    ing.finish().unwrap();
    r
}

fn ids(s: &Store, q: &str, duplicates: bool) -> Vec<String> {
    let opts = SearchOptions {
        duplicates,
        ..SearchOptions::default()
    };
    let mut v: Vec<String> = s
        .search(q, &opts)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.source_id)
        .collect();
    v.sort();
    v
}

#[test]
fn a_near_duplicate_is_stored_linked_and_hidden_from_default_search() {
    let mut s = Store::in_memory().unwrap();
    let seed = seed();
    add(&mut s, vec![seed.clone()]);
    let copy = copy_of(&seed, "outlet-b/1", "outlet-b");
    let r = add(&mut s, vec![copy.clone()]);
    assert_eq!(
        (r.stored, r.duplicates, r.near_duplicates),
        (1, 0, 1),
        "{r:?}"
    );
    let (canonical, story) = s.dedup_marks(&copy.id).unwrap();
    assert_eq!(canonical.as_deref(), Some(seed.id.as_str()));
    assert_eq!(
        story.as_deref(),
        Some(seed.id.as_str()),
        "the copy joins its canonical's story"
    );
    assert_eq!(s.dedup_marks(&seed.id).unwrap().0, None);
    assert_eq!(ids(&s, "أذربيجان", false), vec![seed.source_id.clone()]);
    assert_eq!(ids(&s, "أذربيجان", true), {
        let mut v = vec![seed.source_id.clone(), "outlet-b/1".to_string()];
        v.sort();
        v
    });
    let grouped = s
        .search(
            "أذربيجان",
            &SearchOptions {
                duplicates: true,
                group_stories: true,
                ..SearchOptions::default()
            },
        )
        .unwrap();
    assert_eq!(grouped.hits.len(), 1, "one hit per story");
    let st = s.stats().unwrap();
    assert_eq!((st.near_duplicates, st.stories), (1, 1));
}

fn quake(day: &str, id: &str, title: &str, lead: &str) -> Article {
    article(
        id,
        "site",
        Some(day),
        title,
        vec![
            lead.to_string(),
            "وقالت السلطات المحلية إن فرق الإنقاذ تواصل عملها في المنطقة.".to_string(),
        ],
    )
}

#[test]
fn two_reports_of_one_happening_on_two_days_join_one_story() {
    let mut s = Store::in_memory().unwrap();
    let a = quake(
        "2021-03-10",
        "q1",
        "زلزال بقوة ست درجات يضرب ولاية القصرين",
        "ضرب زلزال بقوة ست درجات على سلم ريختر ولاية القصرين فجر اليوم وأدى إلى انهيار منازل في معتمدية سبيطلة.",
    );
    let b = quake(
        "2021-03-11",
        "q2",
        "ارتفاع حصيلة ضحايا زلزال القصرين",
        "ارتفعت حصيلة ضحايا الزلزال الذي ضرب ولاية القصرين أمس إلى اثني عشر قتيلا بعد انهيار منازل في معتمدية سبيطلة.",
    );
    let other = article(
        "o1",
        "site",
        Some("2021-03-11"),
        "وزارة التربية تعلن موعد امتحانات الباكالوريا",
        vec![
            "أعلنت وزارة التربية أن امتحانات الباكالوريا ستنطلق في السابع من جوان المقبل."
                .to_string(),
        ],
    );
    add(&mut s, vec![a.clone()]);
    add(&mut s, vec![b.clone(), other.clone()]);
    let story = |x: &Article| s.dedup_marks(&x.id).unwrap().1.unwrap();
    assert_eq!(story(&a), story(&b));
    assert_ne!(story(&a), story(&other));
    assert_eq!(
        s.dedup_marks(&b.id).unwrap().0,
        None,
        "a second report is not a near-duplicate"
    );
    let st = s.story(&format!("story:{}", story(&a))).unwrap().unwrap();
    assert_eq!(st.summary.articles, 2);
    assert_eq!(st.summary.first_date.as_deref(), Some("2021-03-10"));
    assert_eq!(st.summary.last_date.as_deref(), Some("2021-03-11"));
    assert_eq!(st.summary.title, "زلزال بقوة ست درجات يضرب ولاية القصرين");
    assert_eq!(st.articles_list[0].id, a.id);
}

#[test]
fn ingesting_the_same_articles_again_adds_nothing() {
    let mut s = Store::in_memory().unwrap();
    let seed = seed();
    let copy = copy_of(&seed, "outlet-b/1", "outlet-b");
    add(&mut s, vec![seed.clone(), copy.clone()]);
    let before = s.stats().unwrap();
    let r = add(&mut s, vec![seed, copy]);
    assert_eq!((r.stored, r.duplicates, r.near_duplicates), (0, 2, 0));
    let after = s.stats().unwrap();
    assert_eq!(
        (
            after.articles,
            after.near_duplicates,
            after.stories,
            after.events
        ),
        (
            before.articles,
            before.near_duplicates,
            before.stories,
            before.events
        )
    );
}

fn marks(s: &Store, ids: &[String]) -> Vec<(Option<String>, Option<String>)> {
    ids.iter().map(|id| s.dedup_marks(id).unwrap()).collect()
}

#[test]
fn the_dedup_state_is_repaired_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let seed = seed();
    let batches = [
        vec![seed.clone()],
        vec![copy_of(&seed, "outlet-b/1", "outlet-b")],
        vec![
            quake("2021-03-10", "q1", "زلزال يضرب ولاية القصرين", "ضرب زلزال قوي ولاية القصرين فجر اليوم وأدى إلى انهيار منازل في معتمدية سبيطلة."),
            quake("2021-03-11", "q2", "حصيلة زلزال القصرين", "ارتفعت حصيلة ضحايا الزلزال الذي ضرب ولاية القصرين أمس بعد انهيار منازل في معتمدية سبيطلة."),
        ],
        vec![copy_of(&seed, "outlet-c/9", "outlet-c")],
    ];
    let ids: Vec<String> = batches.iter().flatten().map(|a| a.id.clone()).collect();
    let state = dir.path().join("dedup");
    let saved = dir.path().join("dedup-after-2");
    let expected = {
        let mut s = Store::open(dir.path()).unwrap();
        for (i, b) in batches.iter().enumerate() {
            add(&mut s, b.clone());
            if i == 1 {
                copy_dir(&state, &saved);
            }
        }
        marks(&s, &ids)
    };
    assert!(
        expected[1].0.is_some() && expected[4].0.is_some(),
        "{expected:?}"
    );
    assert_eq!(
        expected[1].0, expected[4].0,
        "a copy of a copy points at the original"
    );

    // State files deleted: everything is re-added from SQLite.
    std::fs::remove_dir_all(&state).unwrap();
    {
        let s = Store::open(dir.path()).unwrap();
        assert_eq!(marks(&s, &ids), expected);
        assert!(state.join("state.json").exists());
    }
    // A crash after batch 4's SQLite commit, before its marks and state were written.
    std::fs::remove_dir_all(&state).unwrap();
    copy_dir(&saved, &state);
    {
        let c = rusqlite::Connection::open(dir.path().join("marsad.sqlite")).unwrap();
        c.execute(
            "UPDATE articles SET canonical_id = NULL, story_id = NULL WHERE batch > 2",
            [],
        )
        .unwrap();
        c.execute("UPDATE events SET group_id = NULL", []).unwrap();
    }
    let s = Store::open(dir.path()).unwrap();
    assert_eq!(marks(&s, &ids)[2..], expected[2..]);
    let st = s.stats().unwrap();
    assert_eq!((st.near_duplicates, st.stories), (2, 2));
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}
