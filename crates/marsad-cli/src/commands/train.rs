//! `marsad train ner`: train the NER tagger on a CoNLL file (ANERcorp's train split).
//! `marsad train events`: train the event detector on the gold corpus's train sentences.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use marsad_entities::tagger;

#[derive(clap::Subcommand)]
pub enum Train {
    /// Train the tagger; writes the model into OUT (data/ner by default, where the binary embeds it from).
    Ner {
        #[arg(long)]
        train: PathBuf,
        /// Folder of the tagger's resources (word clusters, name lists).
        #[arg(long, default_value = "data/ner")]
        resources: PathBuf,
        #[arg(long, default_value = "data/ner/model.bin.gz")]
        out: PathBuf,
    },
    /// Train the event detector on gold corpus files (their `train` sentences only); writes
    /// OUT (data/events/detector.tsv.gz by default, where the binary embeds it from).
    Events {
        #[arg(long, default_value = "data/events/gold/train.jsonl")]
        corpus: PathBuf,
        #[arg(long, default_value = "data/events/detector.tsv.gz")]
        out: PathBuf,
        /// Also list, per type, the train sentences' gold events that no rule proposes (with
        /// their trigger words): where the dictionary needs work. Train sentences only.
        #[arg(long)]
        misses: bool,
        /// Training settings (the defaults build the shipped model).
        #[arg(long, default_value_t = marsad_events::detector::train::TrainOptions::default().epochs)]
        epochs: usize,
        #[arg(long, default_value_t = marsad_events::detector::train::TrainOptions::default().rate)]
        rate: f64,
        #[arg(long, default_value_t = marsad_events::detector::train::TrainOptions::default().l2)]
        l2: f64,
        #[arg(long, default_value_t = marsad_events::detector::train::TrainOptions::default().min_count)]
        min_count: usize,
        /// The cross-validated precision each type's threshold must reach (PROTEST's 0.06 less).
        #[arg(long, default_value_t = marsad_events::detector::train::TrainOptions::default().min_precision)]
        min_precision: f64,
        /// Train only on sentences from these source corpora (repeatable; default: all).
        #[arg(long)]
        source: Vec<String>,
        /// Leave out sentences from these source corpora (repeatable): a detector for scoring
        /// on a press it never saw (`marsad eval events --detector`).
        #[arg(long)]
        not_source: Vec<String>,
    },
}

pub fn run(t: Train) -> anyhow::Result<ExitCode> {
    match t {
        Train::Events {
            corpus,
            out,
            misses,
            epochs,
            rate,
            l2,
            min_count,
            min_precision,
            source,
            not_source,
        } => {
            let opts = marsad_events::detector::train::TrainOptions {
                epochs,
                rate,
                l2,
                min_count,
                min_precision,
                ..Default::default()
            };
            let sources = marsad_events::corpus::Sources {
                only: source,
                except: not_source,
            };
            events(&corpus, &sources, &out, misses, &opts)?
        }
        Train::Ner {
            train,
            resources,
            out,
        } => {
            let text = std::fs::read_to_string(&train)
                .with_context(|| format!("reading {}", train.display()))?;
            let sentences = tagger::read_conll(&text);
            anyhow::ensure!(!sentences.is_empty(), "{}: no sentences", train.display());
            let res = tagger::Resources::load(&resources)
                .with_context(|| format!("loading {}", resources.display()))?;
            let start = std::time::Instant::now();
            let model = tagger::train(&sentences, &res, &tagger::TrainOptions::default());
            model
                .save(&out)
                .with_context(|| format!("writing {}", out.display()))?;
            println!(
                "trained on {} sentences in {:.1} s: {} features, written to {}",
                sentences.len(),
                start.elapsed().as_secs_f64(),
                model.num_features(),
                out.display()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Sentences from these corpora may be evaluated on, never trained on (their licence forbids
/// shipping anything derived from them).
const NOT_FOR_TRAINING: &[&str] = &["saudinewsnet"];

fn events(
    corpus: &std::path::Path,
    sources: &marsad_events::corpus::Sources,
    out: &std::path::Path,
    misses: bool,
    opts: &marsad_events::detector::train::TrainOptions,
) -> anyhow::Result<()> {
    use marsad_events::detector::train;
    let text =
        std::fs::read_to_string(corpus).with_context(|| format!("reading {}", corpus.display()))?;
    let all = marsad_events::corpus::parse(&text)
        .map_err(|e| anyhow::anyhow!("{}: {e}", corpus.display()))?;
    let gold: Vec<_> = all
        .into_iter()
        .filter(|g| g.split == "train" && sources.keeps(g))
        .collect();
    if let Some(g) = gold.iter().find(|g| {
        NOT_FOR_TRAINING
            .iter()
            .any(|n| n.eq_ignore_ascii_case(g.source.trim()))
    }) {
        anyhow::bail!(
            "{}: sentence {} is from {}, which is for evaluation only",
            corpus.display(),
            g.sid,
            g.source
        );
    }
    anyhow::ensure!(!gold.is_empty(), "{}: no train sentences", corpus.display());
    let start = std::time::Instant::now();
    let analyzer = marsad_analyze::Analyzer::load();
    let examples = analyzer.detector_examples(&gold);
    let about = vec![
        "marsad event detector: logistic regression over sparse features (crates/marsad-events/src/detector)".to_string(),
        format!(
            "rebuild: marsad train events --corpus {} --epochs {} --rate {} --l2 {} --min-count {} --min-precision {}{}",
            corpus.display(), opts.epochs, opts.rate, opts.l2, opts.min_count, opts.min_precision, sources.flags()
        ),
    ];
    if misses {
        print_misses(&gold, &examples);
    }
    let (det, r) = train::train(&examples, opts, about);
    anyhow::ensure!(
        r.positives > 0 && !det.weights.is_empty(),
        "{}: nothing to learn from (no proposed event is a gold event); no model written",
        corpus.display()
    );
    let bytes = det.to_gz();
    marsad_events::detector::Detector::from_gz(&bytes)
        .map_err(|e| anyhow::anyhow!("the trained model does not read back ({e}); not written"))?;
    std::fs::write(out, bytes).with_context(|| format!("writing {}", out.display()))?;
    println!(
        "trained on {} sentences ({} instances, {} positive; the rules propose {:.1}% of gold types, {:.1}% with the sentence model's) in {:.1} s: {} features",
        r.sentences, r.instances, r.positives, 100.0 * r.candidate_recall, 100.0 * r.stacked_recall, start.elapsed().as_secs_f64(), r.features
    );
    let (sp, sr, sf) = r.sentence_cv;
    println!("sentence model alone, cross-validated at 0.5 (statements apart): P {sp:.3} R {sr:.3} F1 {sf:.3}");
    let curve: Vec<String> = r
        .curve
        .iter()
        .map(|(t, p, rc)| format!("{t:.2}:{p:.2}/{rc:.2}"))
        .collect();
    println!(
        "cross-validated precision/recall by threshold: {}",
        curve.join(" ")
    );
    if let Ok(kind) = std::env::var("MARSAD_DETECTOR_DUMP") {
        for ((g, e), scores) in gold.iter().zip(&examples).zip(&r.out_of_fold) {
            for (t, novel, p) in scores {
                // `*` dumps every type (with the type in the last column; novel ones marked +).
                if *t == kind || kind == "*" {
                    println!(
                        "DUMP\t{p:.2}\t{}\t{}\t{}\t{t}{}",
                        e.gold.contains(t) as u8,
                        g.sid,
                        g.text,
                        if *novel { "+" } else { "" }
                    );
                }
            }
        }
    }
    for (t, p, rc, f) in &r.by_type {
        println!("  {t:<10} P {p:.2} R {rc:.2} F1 {f:.2}");
    }
    println!(
        "cross-validation on the train sentences, {} (event types, statements apart; default threshold {:.3}): P {:.3} R {:.3} F1 {:.3}; written to {}",
        r.folds, r.threshold, r.cv_precision, r.cv_recall, r.cv_f1, out.display()
    );
    Ok(())
}

/// Per type: how many train sentences' gold types the rules propose, and the trigger words of those
/// they miss, most frequent first.
fn print_misses(
    gold: &[marsad_events::corpus::GoldSentence],
    examples: &[marsad_events::detector::train::Example],
) {
    use std::collections::BTreeMap;
    let mut by_type: BTreeMap<String, (usize, usize, BTreeMap<String, usize>)> = BTreeMap::new();
    for (g, e) in gold.iter().zip(examples) {
        for t in &e.gold {
            let entry = by_type.entry(t.clone()).or_default();
            entry.0 += 1;
            if e.instances.iter().any(|x| &x.kind == t) {
                entry.1 += 1;
                continue;
            }
            for ev in g
                .events
                .iter()
                .filter(|ev| ev.happened() && &ev.kind() == t)
            {
                let w = ev.trigger.clone().unwrap_or_default();
                *entry.2.entry(marsad_text::match_key(&w)).or_insert(0) += 1;
            }
        }
    }
    for (t, (n, got, missed)) in by_type {
        let mut m: Vec<(String, usize)> = missed.into_iter().collect();
        m.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let list: Vec<String> = m.iter().take(40).map(|(w, c)| format!("{w}:{c}")).collect();
        println!("{t}: proposed {got}/{n}; missed: {}", list.join(" | "));
    }
}
