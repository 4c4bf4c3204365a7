//! Trains the NER tagger and saves it.
//!
//! `cargo run --release -p marsad-entities --example train_ner -- TRAIN_FILE OUT_DIR [options]`
//!
//! The resources (clusters, name lists) are read from OUT_DIR (build them first with the
//! `build_ner_resources` example); the model is written to OUT_DIR/model.bin.gz.
//! Options:
//! - `--epochs N` (default 6)
//! - `--dev-frac F`: hold out the last fraction F of the training sentences as dev, print dev F1
//!   after every epoch (the model saved is then trained on the rest only)
//! - `--without GROUP[,GROUP]`: ablation, groups: affixes clitics clusters news gazetteers stems wide kb
//!   orgspan mem
//! - `--test FILE`: print the test report (JSON) at the end
//! - `--extra FILE`: more labelled sentences (CoNLL) to train on, before the train file's; never dev
//! - `--o-penalty X`: the `O` penalty saved with the model (with `--dev-frac` it is chosen on dev,
//!   then a per-type bias too; these options override the choice)
//! - `--type-bias P,L,O,M`: per-type decoding bias (PERS, LOC, ORG, MISC)
//! - `--margin X`, `--miss-cost X`: cost-augmented training (see `TrainOptions`)
//! - `--ensemble N`: average N perceptrons trained with different shufflings
//! - `--dump-dev FILE`: write the dev predictions (`token gold pred`) for error analysis
//! - `--min-count N`, `--prune X`, `--no-save`

// A developer tool run by hand, not part of marsad: a panic with its message is its error report.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use marsad_entities::tagger::{self, FeatureSet, Resources, TrainOptions};
use std::path::{Path, PathBuf};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: train_ner TRAIN_FILE OUT_DIR [--epochs N] [--dev-frac F] [--without G,..] [--test FILE] [--no-save]");
        std::process::exit(2);
    }
    let train_path = PathBuf::from(&args[0]);
    let out_dir = PathBuf::from(&args[1]);
    let mut opts = TrainOptions {
        verbose: true,
        ..TrainOptions::default()
    };
    let mut dev_frac = 0.0f64;
    let mut extra: Option<PathBuf> = None;
    let mut domain = false;
    let mut guide: Option<PathBuf> = None;
    let mut test: Option<PathBuf> = None;
    let mut save = true;
    let mut o_penalty: Option<f32> = None;
    let mut o_step = 1.0f32;
    let mut type_bias: Option<[f32; 4]> = None;
    let mut dump: Option<PathBuf> = None;
    let mut i = 2;
    while i < args.len() {
        let v = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--epochs" => opts.epochs = v.parse().expect("--epochs N"),
            "--dev-frac" => dev_frac = v.parse().expect("--dev-frac F"),
            "--min-count" => opts.min_count = v.parse().expect("--min-count N"),
            "--ensemble" => opts.ensemble = v.parse().expect("--ensemble N"),
            "--margin" => opts.margin = v.parse().expect("--margin X"),
            "--miss-cost" => opts.miss_cost = v.parse().expect("--miss-cost X"),
            "--dropout" => opts.dropout = v.parse().expect("--dropout P"),
            "--o-penalty" => o_penalty = Some(v.parse().expect("--o-penalty X")),
            "--type-bias" => {
                let v: Vec<f32> = v
                    .split(',')
                    .map(|x| x.trim().parse().expect("--type-bias P,L,O,M"))
                    .collect();
                type_bias = Some([v[0], v[1], v[2], v[3]]);
            }
            "--o-step" => o_step = v.parse().expect("--o-step X"),
            "--prune" => opts.prune = v.parse().expect("--prune X"),
            "--dump-dev" => dump = Some(PathBuf::from(v)),
            "--test" => test = Some(PathBuf::from(v)),
            "--extra" => extra = Some(PathBuf::from(v)),
            "--guide" => guide = Some(PathBuf::from(v)),
            "--with" => {
                for g in v.split(',') {
                    opts.features.0 |= match g {
                        "pairs" => FeatureSet::PAIRS,
                        _ => panic!("unknown group {g}"),
                    };
                }
            }
            "--without" => {
                for g in v.split(',') {
                    let bit = match g {
                        "affixes" => FeatureSet::AFFIXES,
                        "clitics" => FeatureSet::CLITICS,
                        "clusters" => FeatureSet::CLUSTERS,
                        "news" => FeatureSet::NEWS,
                        "gazetteers" => FeatureSet::GAZETTEERS,
                        "stems" => FeatureSet::STEMS,
                        "wide" => FeatureSet::WIDE,
                        "kb" => FeatureSet::KB,
                        "mem" => FeatureSet::MEM,
                        "orgspan" => FeatureSet::ORGSPAN,
                        _ => panic!("unknown group {g}"),
                    };
                    opts.features.0 &= !bit;
                }
            }
            "--no-stacking" => {
                opts.stacking = false;
                i += 1;
                continue;
            }
            "--domain" => {
                // the --extra sentences get out-of-domain feature copies
                domain = true;
                i += 1;
                continue;
            }
            "--no-save" => {
                save = false;
                i += 1;
                continue;
            }
            a => panic!("unknown argument {a}"),
        }
        i += 2;
    }
    let text = std::fs::read_to_string(&train_path).expect("read train file");
    let mut sents = tagger::read_conll(&text);
    let res = Resources::load(&out_dir).unwrap_or_else(|e| {
        eprintln!("error: {e} (build the resources first: build_ner_resources)");
        std::process::exit(1)
    });
    let dev = if dev_frac > 0.0 {
        let n = ((sents.len() as f64) * (1.0 - dev_frac)) as usize;
        sents.split_off(n)
    } else {
        Vec::new()
    };
    if let Some(p) = &extra {
        // More labelled sentences, trained on first and never part of dev.
        let mut more = tagger::read_conll(&std::fs::read_to_string(p).expect("read --extra file"));
        eprintln!("extra: {} sentences from {}", more.len(), p.display());
        if domain {
            opts.out_of_domain = more.len();
        }
        more.append(&mut sents);
        sents = more;
    }
    if let Some(p) = &guide {
        // A single-stage tagger trained on another corpus; its tags become features.
        assert!(!save, "a model with a guide is not saved: use --no-save");
        let g = tagger::read_conll(&std::fs::read_to_string(p).expect("read --guide file"));
        let strong = std::env::var("GUIDE_STRONG").is_ok();
        let gopts = TrainOptions {
            stacking: strong,
            ensemble: if strong { 4 } else { 1 },
            features: FeatureSet(FeatureSet::ALL.0 & !FeatureSet::MEM),
            ..TrainOptions::default()
        };
        let t = std::time::Instant::now();
        let gm = tagger::train(&g, &res, &gopts);
        eprintln!(
            "guide: {} sentences in {:.1} s",
            g.len(),
            t.elapsed().as_secs_f64()
        );
        opts.guide = Some(std::sync::Arc::new(gm));
    }
    let t = std::time::Instant::now();
    let model = tagger::train_with_callback(&sents, &res, &opts, &mut |epoch, m| {
        if !dev.is_empty() {
            let pred = m.tag_corpus(&dev);
            let r = tagger::evaluate(&dev, &pred);
            let pt = |l: &str| r.per_type.get(l).map(|x| x.f1).unwrap_or(0.0);
            eprintln!(
                "dev epoch {epoch}: F1 {:.4} (P {:.4} R {:.4}) PERS {:.3} LOC {:.3} ORG {:.3} MISC {:.3}",
                r.f1, r.precision, r.recall, pt("PERS"), pt("LOC"), pt("ORG"), pt("MISC")
            );
        }
    });
    let secs = t.elapsed().as_secs_f64();
    let mut model = model;
    if !dev.is_empty() {
        // choose the O penalty on dev
        let mut best = (f64::MIN, 0.0f32);
        model.set_type_bias([0.0; 4]);
        for k in 0..=12 {
            let p = k as f32 * o_step;
            model.set_o_penalty(p);
            let r = tagger::evaluate(&dev, &model.tag_corpus(&dev));
            eprintln!(
                "dev o_penalty {p:.1}: F1 {:.4} (P {:.4} R {:.4})",
                r.f1, r.precision, r.recall
            );
            if r.f1 > best.0 {
                best = (r.f1, p);
            }
        }
        eprintln!("best o_penalty on dev: {} (F1 {:.4})", best.1, best.0);
        model.set_o_penalty(best.1);
        // then a bias per type (coordinate ascent, two rounds)
        let mut bias = [0f32; 4];
        let mut best_f1 = best.0;
        for _round in 0..2 {
            for ty in 0..4 {
                for k in -4..=8 {
                    let mut b = bias;
                    b[ty] = k as f32 * o_step * 0.5;
                    model.set_type_bias(b);
                    let r = tagger::evaluate(&dev, &model.tag_corpus(&dev));
                    if r.f1 > best_f1 + 1e-9 {
                        best_f1 = r.f1;
                        bias = b;
                    }
                }
                model.set_type_bias(bias);
            }
        }
        let r = tagger::evaluate(&dev, &model.tag_corpus(&dev));
        let pt = |l: &str| r.per_type.get(l).map(|x| x.f1).unwrap_or(0.0);
        eprintln!(
            "best type bias on dev: {bias:?} (F1 {:.4}, P {:.4} R {:.4}) PERS {:.3} LOC {:.3} ORG {:.3} MISC {:.3}",
            r.f1, r.precision, r.recall, pt("PERS"), pt("LOC"), pt("ORG"), pt("MISC")
        );
    }
    if let Some(b) = type_bias {
        model.set_type_bias(b);
    }
    if let Some(d) = &dump {
        // dev predictions, `token gold pred` per line, blank line between sentences
        let mut s = String::new();
        for (sent, pred) in dev.iter().zip(model.tag_corpus(&dev)) {
            for ((t, g), p) in sent.tokens.iter().zip(&sent.tags).zip(pred) {
                s.push_str(&format!("{t} {g} {p}\n"));
            }
            s.push('\n');
        }
        std::fs::write(d, s).expect("write dump");
    }
    if let Some(p) = o_penalty {
        model.set_o_penalty(p);
    }
    println!(
        "trained on {} sentences in {:.1} s; {} features",
        sents.len(),
        secs,
        model.num_features()
    );
    if save {
        let p = out_dir.join("model.bin.gz");
        model.save(&p).expect("save model");
        let size = std::fs::metadata(&p).map(|m| m.len()).unwrap_or(0);
        println!("saved {} ({:.2} MB)", p.display(), size as f64 / 1e6);
    }
    if let Some(tp) = test {
        let gold = tagger::read_conll(&std::fs::read_to_string(Path::new(&tp)).expect("read test"));
        let pred = model.tag_corpus(&gold);
        let r = tagger::evaluate(&gold, &pred);
        println!("{}", serde_json::to_string_pretty(&r).unwrap());
    }
}
