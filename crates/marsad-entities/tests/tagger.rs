//! Tests of the statistical NER tagger. They need nothing outside the repository: the embedded
//! model and resources (data/ner/) and inline samples. Tests that read ../shared are ignored by default (`cargo test -- --ignored` runs them).

// Test helpers (not #[test] functions themselves) may unwrap: a failure is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use marsad_entities::tagger::{self, chunks, evaluate, read_conll, Model, Sentence, Span, Tag};

fn sent(tokens: &[&str], tags: &[&str]) -> Sentence {
    Sentence {
        tokens: tokens.iter().map(|s| s.to_string()).collect(),
        tags: tags.iter().map(|s| s.to_string()).collect(),
    }
}

fn v(tags: &[&str]) -> Vec<String> {
    tags.iter().map(|s| s.to_string()).collect()
}

#[test]
fn conlleval_chunking() {
    // I- after O starts a chunk; I- after another type starts a new chunk; B-B are two chunks
    let c = chunks(&[
        "O", "I-PERS", "I-PERS", "I-LOC", "B-LOC", "B-LOC", "I-LOC", "O", "B-ORG",
    ]);
    let got: Vec<(usize, usize, &str)> = c
        .iter()
        .map(|c| (c.start, c.end, c.label.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (1, 3, "PERS"),
            (3, 4, "LOC"),
            (4, 5, "LOC"),
            (5, 7, "LOC"),
            (8, 9, "ORG")
        ]
    );
    assert!(chunks(&[] as &[&str]).is_empty());
    assert!(chunks(&["O", "O"]).is_empty());
}

#[test]
fn conlleval_counts() {
    let gold = vec![
        sent(
            &["a", "b", "c", "d", "e"],
            &["B-PERS", "I-PERS", "O", "B-LOC", "O"],
        ),
        sent(&["f", "g", "h"], &["B-ORG", "I-ORG", "I-ORG"]),
    ];
    let pred = vec![
        // PERS exact; LOC predicted as ORG
        v(&["B-PERS", "I-PERS", "O", "B-ORG", "O"]),
        // ORG with a wrong boundary (two chunks): neither matches
        v(&["B-ORG", "I-ORG", "B-ORG"]),
    ];
    let r = evaluate(&gold, &pred);
    let pers = &r.per_type["PERS"];
    assert_eq!((pers.gold, pers.predicted, pers.correct), (1, 1, 1));
    let loc = &r.per_type["LOC"];
    assert_eq!((loc.gold, loc.predicted, loc.correct), (1, 0, 0));
    let org = &r.per_type["ORG"];
    assert_eq!((org.gold, org.predicted, org.correct), (1, 3, 0));
    assert!((r.precision - 1.0 / 4.0).abs() < 1e-12);
    assert!((r.recall - 1.0 / 3.0).abs() < 1e-12);
    let f = 2.0 * 0.25 * (1.0 / 3.0) / (0.25 + 1.0 / 3.0);
    assert!((r.f1 - f).abs() < 1e-12);
    // I- after O in the prediction starts a chunk, as in conlleval
    let r = evaluate(
        &[sent(&["x", "y"], &["B-MISC", "I-MISC"])],
        &[v(&["O", "I-MISC"])],
    );
    assert_eq!(r.per_type["MISC"].predicted, 1);
    assert_eq!(r.per_type["MISC"].correct, 0);
    let r = evaluate(
        &[sent(&["x", "y"], &["O", "I-MISC"])],
        &[v(&["O", "I-MISC"])],
    );
    assert_eq!(r.per_type["MISC"].correct, 1);
    // serde field names
    let j = serde_json::to_value(&r).unwrap();
    for k in ["precision", "recall", "f1", "per_type"] {
        assert!(j.get(k).is_some(), "{k}");
    }
    for k in ["precision", "recall", "f1", "gold", "predicted", "correct"] {
        assert!(j["per_type"]["MISC"].get(k).is_some(), "{k}");
    }
    // nothing at all
    let r = evaluate(&[], &[]);
    assert_eq!((r.precision, r.recall, r.f1), (0.0, 0.0, 0.0));
}

#[test]
fn read_conll_odd_input() {
    let s = read_conll("فرانكفورت B-LOC\r\n(د O\n\n\n\n اتحاد\tB-ORG\nصناعة I-ORG \n O\nوحيد\n");
    assert_eq!(s.len(), 2);
    assert_eq!(s[0].tokens, vec!["فرانكفورت", "(د"]);
    assert_eq!(s[1].tokens, vec!["اتحاد", "صناعة", "وحيد"]);
    assert_eq!(s[1].tags, vec!["B-ORG", "I-ORG", "O"]);
    assert!(read_conll("").is_empty());
}

#[test]
fn tag_names() {
    assert_eq!(Tag::parse("B-PERS").unwrap().label(), Some("PERS"));
    assert_eq!(Tag::parse("O").unwrap().label(), None);
    assert!(Tag::parse("B-FOO").is_none());
}

fn model() -> &'static Model {
    Model::embedded().expect("the embedded NER model loads")
}

fn has(text: &str, spans: &[Span], words: &str, label: &str) -> bool {
    spans
        .iter()
        .any(|s| &text[s.start..s.end] == words && s.label == label)
}

#[test]
fn embedded_model_tags_seed_article() {
    let text = "أجرى الرئيس الروسي فلاديمير بوتين مع نظيره الفرنسي إيمانويل ماكرون محادثة هاتفية";
    let spans = model().tag_text(text);
    assert!(has(text, &spans, "فلاديمير بوتين", "PERS"), "{spans:?}");
    assert!(has(text, &spans, "إيمانويل ماكرون", "PERS"), "{spans:?}");

    let text = "أكد مساعد رئيس أذربيجان حكمت حجييف";
    let spans = model().tag_text(text);
    assert!(has(text, &spans, "أذربيجان", "LOC"), "{spans:?}");
    // Alone, "حكمت حجييف" (title + country + unseen name, sentence end) is missed by the
    // current model; within its article the later mention "وأعرب حجييف" is tagged and, through
    // the document features, the name is found. We assert the in-article case.
    let text = "وبدوره، أكد مساعد رئيس أذربيجان حكمت حجييف، موافقة بلاده في المشاركة بالاجتماع الحواري السياسي.\nوأعرب حجييف، في لقاءه عبر إحدى القنوات التلفزيونية، عن تمنياته بنجاح المباحثات الحوارية في واشنطن.";
    let spans = model().tag_text(text);
    assert!(has(text, &spans, "أذربيجان", "LOC"), "{spans:?}");
    assert!(has(text, &spans, "حجييف", "PERS"), "{spans:?}");
    eprintln!(
        "in-article spans: {:?}",
        spans
            .iter()
            .map(|s| (&text[s.start..s.end], s.label.as_str()))
            .collect::<Vec<_>>()
    );

    let text = "قال رئيس حركة النهضة، راشد الغنوشي";
    let spans = model().tag_text(text);
    assert!(has(text, &spans, "راشد الغنوشي", "PERS"), "{spans:?}");
}

#[test]
fn spans_slice_back_to_words() {
    let text = "وقال الرئيس الأمريكي جورج بوش في واشنطن إن الأمم المتحدة، وبريطانيا (لندن) اتفقتا.\nوصرح وزير الخارجية الفرنسي.";
    let spans = model().tag_text(text);
    assert!(!spans.is_empty());
    let toks = tagger::text_tokens(text);
    for s in &spans {
        let w = &text[s.start..s.end];
        assert!(!w.is_empty() && w.trim() == w, "{s:?}");
        assert!(toks.iter().any(|t| t.0 == s.start) && toks.iter().any(|t| t.1 == s.end));
        assert!(["PERS", "LOC", "ORG", "MISC"].contains(&s.label.as_str()));
    }
    assert!(has(text, &spans, "واشنطن", "LOC"), "{spans:?}");
}

#[test]
fn no_panic_on_odd_text() {
    let m = model();
    for t in [
        "",
        " ",
        "\n\n",
        "Hello world, this is Latin text.",
        "😀🎉 مرحبا 👍",
        "...؟!",
        "٢٠٢٠ 3.5",
        "\u{200F}\u{FEFF}",
    ] {
        for s in m.tag_text(t) {
            assert!(t.is_char_boundary(s.start) && t.is_char_boundary(s.end) && s.start < s.end);
        }
    }
    assert!(m.tag(&[]).is_empty());
}

#[test]
fn paragraphs_are_tagged_together_with_offsets_in_their_own_paragraph() {
    let m = model();
    let p1 = "وقال الرئيس الأمريكي جورج بوش في واشنطن إن بريطانيا اتفقت.";
    let p2 = "";
    let p3 = "وصرح بوش في لندن.";
    let per = m.tag_paragraphs(&[p1, p2, p3]);
    assert_eq!(per.len(), 3);
    assert!(per[1].is_empty());
    // One paragraph alone is tag_text.
    assert_eq!(m.tag_paragraphs(&[p1]).pop().unwrap(), m.tag_text(p1));
    for s in &per[2] {
        assert!(s.end <= p3.len() && p3.is_char_boundary(s.start), "{s:?}");
    }
    assert!(has(p3, &per[2], "لندن", "LOC"), "{:?}", per[2]);
}

#[test]
fn tag_matches_tokens() {
    let toks = ["قال", "الرئيس", "بوتين", "."];
    assert_eq!(model().tag(&toks).len(), 4);
}

#[test]
#[ignore = "needs ../shared/data beside the repository; .ci/run runs it"]
fn shared_test_split_score() {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/ner/anercorp/ANERCorp_CamelLab_test.reconstructed.txt");
    let text = std::fs::read_to_string(&p)
        .unwrap_or_else(|e| panic!("{}: {e} (this test needs the shared data)", p.display()));
    let gold = read_conll(&text);
    let r = evaluate(&gold, &model().tag_corpus(&gold));
    let org = r.per_type["ORG"].f1;
    eprintln!("ANERcorp test F1 {:.4}, ORG {:.4}", r.f1, org);
    // shipped: 0.757 / ORG 0.614 (some slack: the KB features read marsad's KB, which changes)
    assert!(r.f1 > 0.74, "F1 {}", r.f1);
    assert!(org > 0.58, "ORG F1 {org}");
}

#[test]
fn train_save_load_round_trip() {
    // a tiny two-stage model with the entity memory, KB features and decoding biases survives
    // save + load bit for bit (same tags, same penalty and biases)
    let train: Vec<Sentence> = (0..12)
        .map(|i| {
            if i % 2 == 0 {
                sent(
                    &["قال", "حزب", "الله", "في", "بيروت", "إن", "ميركل", "وصلت"],
                    &["O", "B-ORG", "I-ORG", "O", "B-LOC", "O", "B-PERS", "O"],
                )
            } else {
                sent(
                    &["وزار", "الرئيس", "الروسي", "بوتين", "القاهرة", "أمس"],
                    &["O", "O", "O", "B-PERS", "B-LOC", "O"],
                )
            }
        })
        .collect();
    let res = tagger::Resources::embedded()
        .expect("embedded resources")
        .clone();
    let opts = tagger::TrainOptions {
        epochs: 2,
        ensemble: 2,
        ..Default::default()
    };
    let m = tagger::train(&train, &res, &opts);
    assert_eq!(m.o_penalty(), opts.o_penalty);
    assert_eq!(m.type_bias(), opts.type_bias);
    let dir = std::env::temp_dir().join(format!("marsad-ner-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("model.bin.gz");
    m.save(&path).unwrap();
    let back = Model::load_with(&path, std::sync::Arc::new(res)).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(back.num_features(), m.num_features());
    assert_eq!(back.o_penalty(), m.o_penalty());
    assert_eq!(back.type_bias(), m.type_bias());
    let toks: Vec<Vec<&str>> = train
        .iter()
        .map(|s| s.tokens.iter().map(|t| t.as_str()).collect())
        .collect();
    assert_eq!(back.tag_sentences(&toks), m.tag_sentences(&toks));
    // training is deterministic
    let m2 = tagger::train(&train, tagger::Resources::embedded().unwrap(), &opts);
    assert_eq!(m2.tag_sentences(&toks), m.tag_sentences(&toks));
    assert_eq!(m2.num_features(), m.num_features());
}
