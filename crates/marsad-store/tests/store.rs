//! The store as a user meets it: search semantics, snippets, and recovery from an interrupted
//! ingest.

// Test helpers (not #[test] functions themselves) may unwrap: a failure is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use marsad_ingest::Article;
use marsad_store::{Analyzed, SearchOptions, Store};

fn article(
    source_id: &str,
    source: &str,
    date: &str,
    title: &str,
    body: &[&str],
    tags: &[&str],
) -> Article {
    let body = body
        .iter()
        .map(|p| marsad_text::normalize_display(p))
        .collect();
    Article::builder(
        source_id.into(),
        marsad_text::normalize_display(title),
        body,
    )
    .source(Some(source.into()))
    .published(NaiveDate::parse_from_str(date, "%Y-%m-%d").ok())
    .tags(tags.iter().map(|t| t.to_string()).collect())
    .build()
}

fn corpus() -> Vec<Analyzed> {
    [
        article(
            "seed",
            "site-a",
            "2020-10-21",
            "نزاع إقليم قره باغ.. أذربيجان تعلن مشاركتها في الاجتماع الحواري بواشنطن",
            &["أعلنت السلطات في أذربيجان قبولها المبدئي بالمشاركة إلى جانب أرمينيا في اجتماع برعاية أمريكية بواشنطن وذلك لحل أزمة إقليم قره باغ سلمياً."],
            &["أذربيجان"],
        ),
        article(
            "ministry",
            "site-b",
            "2016-05-02",
            "وزارة الصحة تعلن حملة تلقيح",
            &["أعلنت وزارة الصحة عن انطلاق حملة وطنية للتلقيح ضد الحصبة في كامل ولايات الجمهورية."],
            &["مجتمع"],
        ),
        article(
            "visit",
            "site-b",
            "2016-06-10",
            "الرئيس يزور صفاقس",
            &["زار رئيس الحكومة اليوم ولاية صفاقس حيث التقى بممثلي المجتمع المدني، ثم زار عددا من المشاريع."],
            &["سياسة"],
        ),
        article(
            "forces",
            "site-c",
            "2017-01-15",
            "القوات الأمنية تحبط عملية تهريب",
            &["تمكنت قوات الأمن من حجز كميات من البضائع المهربة قرب الحدود الليبية، وأكدت وزارة الداخلية أن قوة أمنية خاصة تدخلت."],
            &["سياسة", "أمن"],
        ),
    ]
    .into_iter()
    .map(Analyzed::bare)
    .collect()
}

fn store() -> Store {
    let mut s = Store::in_memory().unwrap();
    let mut ing = s.ingester(1).unwrap();
    let r = ing.add_batch(&corpus()).unwrap();
    assert_eq!(r.stored, 4);
    ing.finish().unwrap();
    s
}

fn ids(s: &Store, q: &str) -> Vec<String> {
    s.search(
        q,
        &SearchOptions {
            limit: 10,
            offset: 0,
            snippets: true,
            facets: false,
            duplicates: false,
            group_stories: false,
        },
    )
    .unwrap()
    .hits
    .into_iter()
    .map(|h| h.source_id)
    .collect()
}

#[test]
fn ministry_does_not_meet_visited() {
    let s = store();
    assert_eq!(ids(&s, "وزارة"), vec!["ministry", "forces"]);
    assert_eq!(ids(&s, "زار"), vec!["visit"]);
}

#[test]
fn forces_and_force_meet() {
    let s = store();
    assert_eq!(ids(&s, "قوة"), vec!["forces"]);
    assert_eq!(ids(&s, "القوات"), vec!["forces"]);
}

#[test]
fn clitics_and_hamza_variants_are_seen_through() {
    let s = store();
    assert_eq!(ids(&s, "واشنطن"), vec!["seed"]);
    assert_eq!(ids(&s, "اذربيجان"), vec!["seed"]);
    assert_eq!(ids(&s, "ارمينيا"), vec!["seed"]);
}

#[test]
fn title_matches_rank_first() {
    let s = store();
    // Both mention وزارة; only one has it in the title.
    assert_eq!(
        ids(&s, "وزارة").first().map(String::as_str),
        Some("ministry")
    );
}

#[test]
fn filters_and_exclusions() {
    let s = store();
    assert_eq!(ids(&s, "tag:سياسة -تهريب"), vec!["visit"]);
    assert_eq!(ids(&s, "source:SITE-B published:2016-06"), vec!["visit"]);
    assert_eq!(ids(&s, "وزارة published:2017"), vec!["forces"]);
    assert_eq!(
        ids(&s, "published:>=2017-01-01"),
        vec!["seed", "forces"],
        "filters alone: newest first"
    );
    assert_eq!(
        ids(&s, "tag:اذربيجان"),
        vec!["seed"],
        "tags match by their match key"
    );
    assert!(ids(&s, "\"حملة تهريب\"").is_empty());
    assert_eq!(ids(&s, "\"حملة وطنية\""), vec!["ministry"]);
}

#[test]
fn a_query_of_stopwords_finds_nothing_rather_than_everything() {
    let s = store();
    assert!(ids(&s, "في من على").is_empty());
}

#[test]
fn snippets_highlight_whole_words_on_char_boundaries() {
    let s = store();
    let r = s.search("بواشنطن", &SearchOptions::default()).unwrap();
    let h = &r.hits[0];
    assert!(h.snippet.contains("<b>بواشنطن</b>"), "{}", h.snippet);
    for range in &h.highlights {
        assert!(
            h.snippet_text.is_char_boundary(range.start)
                && h.snippet_text.is_char_boundary(range.end)
        );
    }
}

#[test]
fn a_crash_between_sqlite_and_the_index_is_repaired_on_open() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut s = Store::open(dir.path()).unwrap();
        let mut ing = s.ingester(1).unwrap();
        ing.add_batch(&corpus()[..2]).unwrap();
        ing.finish().unwrap();
    }
    // Simulate a process that died after its SQLite commit, before the index commit.
    {
        // Marks as a process would write them whose dedup state then died with it: the repair
        // must recompute them from the saved state, not trust them.
        marsad_store::crash::write_sqlite_only(dir.path(), &corpus()[2..]).unwrap();
    }
    let s = Store::open(dir.path()).unwrap();
    assert_eq!(
        ids(&s, "صفاقس"),
        vec!["visit"],
        "the missing batch was re-indexed"
    );
    let st = s.stats().unwrap();
    assert_eq!((st.articles, st.indexed), (4, 4));
    assert!(
        s.stories(10)
            .unwrap()
            .iter()
            .all(|x| x.id != "0000000000000001"),
        "the story marks of the missing batch were recomputed"
    );
}

#[test]
fn the_same_article_twice_is_stored_once_and_counted_as_a_duplicate() {
    let mut s = Store::in_memory().unwrap();
    let mut ing = s.ingester(1).unwrap();
    let a = corpus().remove(0);
    let mut copy = a.clone();
    copy.article.source_id = "copy-elsewhere".into();
    let r = ing.add_batch(&[a.clone(), copy]).unwrap();
    assert_eq!((r.stored, r.duplicates), (1, 1));
    let r = ing.add_batch(&[a]).unwrap();
    assert_eq!((r.stored, r.duplicates), (0, 1));
    ing.finish().unwrap();
    let st = s.stats().unwrap();
    assert_eq!(
        (st.articles, st.duplicates, st.duplicate_pairs, st.indexed),
        (1, 1, 1, 1)
    );
}
