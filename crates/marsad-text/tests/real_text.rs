//! Behaviour on real news text: the seed article (Karabakh, 2020) and ANT articles (Tunisia).

// Test helpers (not #[test] functions themselves) may unwrap: a failure is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use marsad_text::*;
use std::path::PathBuf;

/// The sample shipped with the repository: the seed article and 37 ANT articles.
fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/sample")
}

const QUOTE_PARA: &str = "وكان دبلوماسي في هيئة الأمم المتحدة ومجلس الأمن دعا خلال اجتماع مغلق أرمينيا وأذربيجان إلى احترام الهدنة الجديدة التي برمت قبل ثلاثة أيام، حيث قال: ” جميع الأعضاء شددوا على أن الوضع سيئ، وأن على الجانبين التراجع والاستجابة لنداءات الأمين العام بوقف إطلاق النار”.";

#[test]
fn seed_quote_paragraph_display_and_one_sentence() {
    let d = normalize_display(QUOTE_PARA);
    assert!(d.contains("حيث قال: ”جميع الأعضاء"), "{d}");
    assert!(d.ends_with("إطلاق النار”."));
    let s = sentences(&d);
    assert_eq!(
        s.len(),
        1,
        "{:?}",
        s.iter().map(|r| &d[r.clone()]).collect::<Vec<_>>()
    );
    assert_eq!(&d[s[0].clone()], d.as_str());
}

#[test]
fn seed_article_nbsp_and_paragraphs() {
    let raw = std::fs::read_to_string(sample().join("000_e6d7035163982f4c.txt")).unwrap();
    let d = normalize_display(&raw);
    assert!(!d.contains('\u{00A0}'));
    assert!(d.contains("“روسيا وأذربيجان وأرمينيا وتركيا”"));
    assert!(
        d.contains("موافقة بلاده في المشاركة"),
        "double space with NBSP collapsed"
    );
    assert_eq!(normalize_display(&d), d);
    // The headline and each paragraph are separate sentences; "قره باغ.." ends the first part.
    let sents: Vec<&str> = sentences(&d).into_iter().map(|r| &d[r]).collect();
    assert_eq!(sents[0], "نزاع إقليم قره باغ..");
    assert_eq!(
        sents[1],
        "أذربيجان تعلن مشاركتها في الاجتماع الحواري بواشنطن"
    );
    assert!(sents
        .iter()
        .any(|s| s.starts_with("وكان دبلوماسي") && s.ends_with("النار”.")));
}

#[test]
fn match_key_of_raw_equals_key_of_display_for_letters() {
    let raw = std::fs::read_to_string(sample().join("000_e6d7035163982f4c.txt")).unwrap();
    let letters = |s: &str| {
        match_key(s)
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
    };
    assert_eq!(letters(&raw), letters(&normalize_display(&raw)));
}

#[test]
fn offsets_slice_back_to_original_words() {
    let s = "أعلنت السلطات في أذربيجان قبولها\u{00A0}المبدئي بالمشاركة… في اجتماع برعاية أمريكية بواشنطن ١٤ أكتوبر 2020، مساعٍ تركية — جـديد";
    let words: Vec<&str> = tokenize(s).iter().map(|t| &s[t.start..t.end]).collect();
    assert_eq!(
        words,
        vec![
            "أعلنت",
            "السلطات",
            "في",
            "أذربيجان",
            "قبولها",
            "المبدئي",
            "بالمشاركة",
            "في",
            "اجتماع",
            "برعاية",
            "أمريكية",
            "بواشنطن",
            "١٤",
            "أكتوبر",
            "2020",
            "مساعٍ",
            "تركية",
            "جـديد"
        ]
    );
    let mut seen = Vec::new();
    analyze(s, |t, a, b| seen.push((t.to_string(), s[a..b].to_string())));
    assert!(seen.contains(&("واشنطن".to_string(), "بواشنطن".to_string())));
    assert!(seen.contains(&("14".to_string(), "١٤".to_string())));
    assert!(seen.iter().all(|(t, _)| t != "في"), "stopwords dropped");
}

#[test]
fn clitics_on_names_meet_in_the_analyzer() {
    let one = |w: &str| {
        let mut v = Vec::new();
        analyze(w, |t, _, _| v.push(t.to_string()));
        assert_eq!(v.len(), 1, "{w}");
        v.pop().unwrap()
    };
    assert_eq!(one("وأذربيجان"), one("أذربيجان"));
    assert_eq!(one("لأذربيجان"), one("أذربيجان"));
    assert_eq!(one("بواشنطن"), one("واشنطن"));
    assert_eq!(one("للعراق"), one("العراق"));
    assert_eq!(one("والقوات"), one("قوة"));
    assert_ne!(one("الوزارة"), one("زار"));
    assert_eq!(one("مُحَمَّدٌ"), one("محمد"));
    assert_eq!(one("جـــديد"), one("جديد"));
    assert_eq!(one("UNESCO"), "unesco");
}

#[test]
fn ant_articles_idempotent_and_tokens_exact() {
    let root = sample().join("ant");
    let mut files: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 30, "ANT sample not found under {root:?}");
    for f in &files {
        let raw = std::fs::read_to_string(f).unwrap();
        let d = normalize_display(&raw);
        assert_eq!(normalize_display(&d), d, "not idempotent on {f:?}");
        for t in tokens(&d) {
            let w = &d[t.start..t.end];
            assert!(!w.is_empty() && !w.contains(' '), "{f:?}: {w:?}");
        }
        for r in sentences(&d) {
            let s = &d[r];
            assert_eq!(s, s.trim());
            assert!(!s.is_empty() && !s.contains('\n'));
        }
    }
}

#[test]
fn ant_paragraph_sentences() {
    // From JA-culture-1-20170120: two sentences, the quoted film title does not split anything.
    let p = "هذه الاستضافة تأتي في إطار انطلاق عرض الفيلم على مستوى الجهات و البداية كانت بقاعة السينما الوحيدة في سوسة. و يقول المخرج التونسي لطفي عاشور إنّ أحداث الفيلم تتمثلّ في \"تحقيق قضائي\" لحادثة وقعت ليلة 14 جانفي 2011 و تتواصل أطوارها بعد 3 سنوات من هذا التاريخ، بأسلوب فيه الكثير من التشويق.   ";
    let d = normalize_display(p);
    let s = sentences(&d);
    assert_eq!(s.len(), 2);
    assert!(d[s[1].clone()].starts_with("و يقول المخرج"));
}
