//! Trains the NER tagger and saves it.
//!
//! `cargo run --release -p marsad-entities --example train_ner -- TRAIN_FILE OUT_DIR [options]`
//!
//! The resources (clusters, name lists) are read from OUT_DIR (build them first with the
//! `build_ner_resources` example); the model is written to OUT_DIR/model.bin.gz.
//! Options:
//! - `--epochs N` (default 12)
//! - `--dev-frac F`: hold out the last fraction F of the training sentences as dev, print dev F1
//!   after every epoch (the model saved is then trained on the rest only)
//! - `--without GROUP[,GROUP]`: ablation, groups: affixes clitics clusters gazetteers stems wide
//! - `--test FILE`: print the test report (JSON) at the end
//! - `--min-count N`, `--prune X`, `--no-save`
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
    let mut test: Option<PathBuf> = None;
    let mut save = true;
    let mut i = 2;
    while i < args.len() {
        let v = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--epochs" => opts.epochs = v.parse().expect("--epochs N"),
            "--dev-frac" => dev_frac = v.parse().expect("--dev-frac F"),
            "--min-count" => opts.min_count = v.parse().expect("--min-count N"),
            "--dropout" => opts.dropout = v.parse().expect("--dropout P"),
            "--prune" => opts.prune = v.parse().expect("--prune X"),
            "--test" => test = Some(PathBuf::from(v)),
            "--without" => {
                for g in v.split(',') {
                    let bit = match g {
                        "affixes" => FeatureSet::AFFIXES,
                        "clitics" => FeatureSet::CLITICS,
                        "clusters" => FeatureSet::CLUSTERS,
                        "gazetteers" => FeatureSet::GAZETTEERS,
                        "stems" => FeatureSet::STEMS,
                        "wide" => FeatureSet::WIDE,
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
