//! Error analysis of the whole entity pipeline against the tagger alone, on a dev file (never a
//! test split): where does the pipeline (KB matches + tagger + linking) lose a name the tagger
//! found?
//!
//! `cargo run --release -p marsad-entities --example pipeline_dev -- DEV_FILE MODEL_FILE [--doc N] [--show TYPE]`
//!
//! Prints the tagger's F1 (file as one stream, as `eval_ner`; and each sentence alone), the
//! pipeline's `kind: name` F1 (each sentence its own article, as `marsad eval mentions`; with
//! `--doc N`, N consecutive sentences as the paragraphs of one article), then, for `--show TYPE`
//! (PER by default), every gold name of that type the tagger alone got right and the pipeline
//! did not, with what the pipeline found over those tokens.

// A developer tool run by hand, not part of marsad: a panic with its message is its error report.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use marsad_entities::link::FoundEntity;
use marsad_entities::mention_eval::{by_paragraph, display_tokens, score_mentions};
use marsad_entities::tagger::{self, chunks, Model, Sentence};
use std::collections::HashSet;
use std::path::Path;

fn line(name: &str, r: &marsad_entities::mention_eval::MentionReport) {
    let pt = |t: &str| r.per_type.get(t).map(|x| x.f1).unwrap_or(0.0);
    println!(
        "{name:<34} F1 {:.4} PER {:.4} LOC {:.4} ORG {:.4} MISC {:.4} untyped {:.4}",
        r.typed.f1,
        pt("PER"),
        pt("LOC"),
        pt("ORG"),
        pt("MISC"),
        r.untyped.f1
    );
}

/// Tagger output as found entities (every span a name), for scoring like the pipeline.
fn as_found(toks: &[String], tags: &[String]) -> Vec<FoundEntity> {
    let mut pos = Vec::new();
    let mut p = 0;
    for t in toks {
        pos.push((p, p + t.len()));
        p += t.len() + 1;
    }
    chunks(tags)
        .into_iter()
        .map(|c| FoundEntity {
            id: None,
            name: String::new(),
            name_ar: String::new(),
            kind: if c.label == "PERS" {
                "PER".into()
            } else {
                c.label.clone()
            },
            codes: Default::default(),
            mentions: vec![marsad_entities::Mention {
                text: String::new(),
                paragraph: 0,
                start: pos[c.start].0,
                end: pos[c.end - 1].1,
                kind: marsad_entities::MentionKind::Name,
            }],
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let gold: Vec<Sentence> =
        tagger::read_conll_any_type(&std::fs::read_to_string(&args[0]).unwrap());
    let model = Model::load(Path::new(&args[1])).unwrap();
    let mut doc = 1usize;
    let mut show = "PER".to_string();
    let mut i = 2;
    while i + 1 < args.len() {
        match args[i].as_str() {
            "--doc" => doc = args[i + 1].parse().unwrap(),
            "--show" => show = args[i + 1].clone(),
            a => panic!("unknown {a}"),
        }
        i += 2;
    }
    let kb = marsad_kb::Kb::embedded();
    let toks = display_tokens(&gold);
    let stream = model.tag_corpus(&gold);
    let alone: Vec<Vec<String>> = gold.iter().map(|s| model.tag_strings(&s.tokens)).collect();
    let f_stream: Vec<_> = toks
        .iter()
        .zip(&stream)
        .map(|(t, g)| as_found(t, g))
        .collect();
    let f_alone: Vec<_> = toks
        .iter()
        .zip(&alone)
        .map(|(t, g)| as_found(t, g))
        .collect();
    line(
        "tagger, file as one stream",
        &score_mentions(&gold, &toks, &f_stream),
    );
    line(
        "tagger, each sentence alone",
        &score_mentions(&gold, &toks, &f_alone),
    );
    let mut found: Vec<Vec<FoundEntity>> = Vec::new();
    for group in toks.chunks(doc) {
        let paras: Vec<String> = group.iter().map(|t| t.join(" ")).collect();
        let ents = marsad_entities::find_entities(kb, Some(&model), &paras, None);
        found.extend(by_paragraph(&ents, group.len()));
    }
    let rep = score_mentions(&gold, &toks, &found);
    line(&format!("pipeline, {doc} sentence(s) per article"), &rep);
    // Gold names of type `show` the tagger alone found and the pipeline missed.
    let alone_rep = score_mentions(&gold, &toks, &f_alone);
    let missed_alone: HashSet<(usize, String)> = alone_rep
        .errors
        .iter()
        .filter(|e| e.missed)
        .map(|e| (e.sentence, e.text.clone()))
        .collect();
    for e in rep.errors.iter().filter(|e| e.missed && e.kind == show) {
        if missed_alone.contains(&(e.sentence, e.text.clone())) {
            continue;
        }
        let over: Vec<String> = found[e.sentence]
            .iter()
            .flat_map(|f| {
                f.mentions.iter().filter_map(move |m| {
                    let words: Vec<&str> = e.text.split(' ').collect();
                    words
                        .iter()
                        .any(|w| m.text.contains(w))
                        .then(|| format!("[{} {} {:?}]", f.kind, m.text, m.kind))
                })
            })
            .collect();
        println!("LOST {} | {} | {}", e.sentence, e.text, over.join(" "));
    }
    if std::env::var("ALL_ERRORS").is_ok() {
        for e in rep.errors.iter().filter(|e| e.kind == show) {
            println!(
                "ERR {} {} | {}",
                e.sentence,
                if e.missed { "missed" } else { "spurious" },
                e.text
            );
        }
    }
}
