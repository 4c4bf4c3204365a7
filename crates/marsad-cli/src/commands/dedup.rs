//! Near-duplicate evaluation and benchmarks: `eval dedup`, `bench gen`, `bench dedup`.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use chrono::NaiveDate;
use marsad_dedup::eval::{group_pairs, pair, pairs_prf};
use marsad_dedup::synth::{generate, SynthDoc};
use marsad_dedup::{sketch, DocSketch, NearDupIndex, StoryIndex, StoryInput, DEFAULT_THRESHOLD};
use marsad_ingest::Format;
use rayon::prelude::*;
use serde::Serialize;

use crate::process::peak_rss;

#[derive(clap::Args)]
pub struct EvalArgs {
    /// TSV `id_a<TAB>id_b<TAB>label` (1 duplicate, 0 not); ids are marsad article ids or source ids.
    #[arg(long)]
    pairs: PathBuf,
    /// The gold lists every duplicate pair among its ids (as `bench gen` writes it): a predicted
    /// pair of two listed ids that is not labelled 1 is a false positive even when unlisted.
    #[arg(long)]
    complete: bool,
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct EvalReport {
    pairs: usize,
    precision: f64,
    recall: f64,
    f1: f64,
    tp: usize,
    fp: usize,
    #[serde(rename = "fn")]
    fn_: usize,
    /// Ids of the file found in no article of the store.
    unresolved: usize,
}

/// Predicted duplicate: same article (an exact copy) or same near-duplicate group.
pub fn eval(data: &Path, a: EvalArgs) -> anyhow::Result<ExitCode> {
    let store = super::open_existing(data)?;
    let text = std::fs::read_to_string(&a.pairs)
        .with_context(|| format!("reading {}", a.pairs.display()))?;
    let mut gold: Vec<(String, String, bool)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let f: Vec<&str> = line.split('\t').map(str::trim).collect();
        if line.trim().is_empty() || (i == 0 && f.get(2).is_some_and(|l| l.parse::<u8>().is_err()))
        {
            continue;
        }
        let [x, y, l] = f[..] else {
            anyhow::bail!(
                "{}:{}: expected id_a<TAB>id_b<TAB>label",
                a.pairs.display(),
                i + 1
            );
        };
        gold.push((x.to_string(), y.to_string(), l == "1"));
    }
    // Every id → its canonical (the article it near-duplicates, else its own article).
    let mut canon: HashMap<String, String> = HashMap::new();
    let mut unresolved = 0;
    for (x, y, _) in &gold {
        for k in [x, y] {
            if canon.contains_key(k) {
                continue;
            }
            match store.resolve(k)? {
                Some(id) => {
                    canon.insert(k.clone(), store.canonical_of(&id)?);
                }
                None => unresolved += 1,
            }
        }
    }
    // Predicted: the labelled pairs whose ids share a canonical and, when the gold is
    // complete, every pair within a group of the file's ids that share one.
    let mut predicted: HashSet<(String, String)> = gold
        .iter()
        .filter(|(x, y, _)| canon.get(x).is_some_and(|a| canon.get(y) == Some(a)))
        .map(|(x, y, _)| pair(x, y))
        .collect();
    if a.complete {
        let mut groups: HashMap<&str, Vec<&str>> = HashMap::new();
        for (k, c) in &canon {
            groups.entry(c.as_str()).or_default().push(k.as_str());
        }
        let groups: Vec<Vec<&str>> = groups.into_values().filter(|g| g.len() > 1).collect();
        predicted.extend(group_pairs(&groups));
    }
    let prf = pairs_prf(&predicted, &gold, a.complete);
    let labelled: HashSet<(String, String)> = gold.iter().map(|(x, y, _)| pair(x, y)).collect();
    let r = EvalReport {
        pairs: labelled.len(),
        precision: prf.precision,
        recall: prf.recall,
        f1: prf.f1,
        tp: prf.tp,
        fp: prf.fp,
        fn_: prf.fn_,
        unresolved,
    };
    if a.json {
        println!("{}", serde_json::to_string(&r)?);
    } else {
        println!(
            "{} pairs: P {:.4} R {:.4} F1 {:.4} (tp {}, fp {}, fn {}; {} ids not in the store)",
            r.pairs, r.precision, r.recall, r.f1, r.tp, r.fp, r.fn_, r.unresolved
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The base of a synthetic corpus: the articles of `dir` without empty ones and without any that
/// copies or near-duplicates an earlier one (estimated Jaccard ≥ 0.2), so the only duplicates of
/// the corpus are the planted ones.
fn base(dir: &Path) -> anyhow::Result<Vec<(String, String, Vec<String>)>> {
    let (files, _) = marsad_ingest::walk(&[dir.to_path_buf()]);
    if files.is_empty() {
        anyhow::bail!("no files under {}", dir.display());
    }
    let articles: Vec<marsad_ingest::Article> = files
        .par_iter()
        .flat_map_iter(|f| {
            marsad_ingest::read_file(f, Format::Auto)
                .into_iter()
                .flatten()
        })
        .collect();
    let sks: Vec<DocSketch> = articles
        .par_iter()
        .map(|a| sketch(&a.title, &a.paragraphs))
        .collect();
    let mut ix = NearDupIndex::new(0.2);
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (i, (a, s)) in articles.iter().zip(&sks).enumerate() {
        let dup = ix.add(i as u64, s).is_some();
        if dup || !seen.insert(a.id.clone()) || a.paragraphs.is_empty() {
            continue;
        }
        out.push((a.source_id.clone(), a.title.clone(), a.paragraphs.clone()));
    }
    Ok(out)
}

/// Synthetic documents are spread over days, 3,000 a day, so stories have dates.
fn synth_date(i: usize) -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default() + chrono::Days::new((i / 3000) as u64)
}

#[derive(clap::Args)]
pub struct GenArgs {
    /// Folder of ANT (or any) articles the corpus is built from.
    #[arg(long)]
    from: PathBuf,
    #[arg(long, default_value_t = 20000)]
    n: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Output folder: `corpus.jsonl` and `pairs.tsv`.
    #[arg(long)]
    out: PathBuf,
    #[arg(long)]
    json: bool,
}

pub fn gen(a: GenArgs) -> anyhow::Result<ExitCode> {
    let base = base(&a.from)?;
    let (docs, gold) = generate(&base, a.n, a.seed);
    std::fs::create_dir_all(&a.out).with_context(|| format!("creating {}", a.out.display()))?;
    let mut w = std::io::BufWriter::new(std::fs::File::create(a.out.join("corpus.jsonl"))?);
    for (i, d) in docs.iter().enumerate() {
        let line = serde_json::json!({
            "id": d.id, "title": d.title, "paragraphs": d.paragraphs,
            "published": synth_date(i).to_string(), "source": format!("synth{}", i % 7),
        });
        writeln!(w, "{line}")?;
    }
    w.flush()?;
    // Gold pairs, then as many sampled pairs of different families (deterministic).
    let mut p = std::io::BufWriter::new(std::fs::File::create(a.out.join("pairs.tsv"))?);
    let gold_set: HashSet<(String, String)> = gold.iter().map(|(x, y)| pair(x, y)).collect();
    for (x, y) in &gold {
        writeln!(p, "{x}\t{y}\t1")?;
    }
    let mut state = a.seed ^ 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let (mut negatives, mut tries) = (0, 0);
    let mut neg_seen = HashSet::new();
    while negatives < gold.len() && tries < gold.len() * 20 + 100 && docs.len() > 1 {
        tries += 1;
        let (i, j) = (
            (next() % docs.len() as u64) as usize,
            (next() % docs.len() as u64) as usize,
        );
        let (x, y): (&SynthDoc, &SynthDoc) = (&docs[i], &docs[j]);
        if i == j
            || x.origin == y.origin
            || gold_set.contains(&pair(&x.id, &y.id))
            || !neg_seen.insert(pair(&x.id, &y.id))
        {
            continue;
        }
        writeln!(p, "{}\t{}\t0", x.id, y.id)?;
        negatives += 1;
    }
    p.flush()?;
    let r = serde_json::json!({"documents": docs.len(), "base": base.len(), "gold_pairs": gold.len(), "negative_pairs": negatives, "out": a.out});
    if a.json {
        println!("{r}");
    } else {
        println!(
            "{} documents from a base of {} articles, {} duplicate pairs and {} non-duplicate pairs in {}",
            docs.len(), base.len(), gold.len(), negatives, a.out.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
pub struct BenchArgs {
    #[arg(long)]
    from: PathBuf,
    #[arg(long, default_value_t = 100000)]
    n: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct BenchReport {
    documents: usize,
    gold_pairs: usize,
    precision: f64,
    recall: f64,
    f1: f64,
    near_duplicates: usize,
    stories: usize,
    /// Sketching (all threads) + near-duplicate index + story index (one thread).
    seconds: f64,
    sketch_seconds: f64,
    index_seconds: f64,
    #[serde(rename = "docs/s")]
    docs_per_s: f64,
    generate_seconds: f64,
    peak_rss_mb: f64,
    threads: usize,
    cores: usize,
}

pub fn bench(a: BenchArgs) -> anyhow::Result<ExitCode> {
    let t0 = Instant::now();
    let base = base(&a.from)?;
    let (docs, gold) = generate(&base, a.n, a.seed);
    drop(base);
    let generate_seconds = t0.elapsed().as_secs_f64();
    let t0 = Instant::now();
    let sks: Vec<DocSketch> = docs
        .par_iter()
        .map(|d| sketch(&d.title, &d.paragraphs))
        .collect();
    let sketch_seconds = t0.elapsed().as_secs_f64();
    let t1 = Instant::now();
    let mut nd = NearDupIndex::new(DEFAULT_THRESHOLD);
    let mut st = StoryIndex::default();
    let mut near = 0;
    for (i, (d, s)) in docs.iter().zip(&sks).enumerate() {
        let dup = nd.add(i as u64, s).map(|x| x.0);
        near += dup.is_some() as usize;
        st.add(StoryInput {
            doc: i as u64,
            date: Some(synth_date(i)),
            title: &d.title,
            sketch: s,
            entities: &[],
            event_keys: &[],
            dup_of: dup,
        });
    }
    let index_seconds = t1.elapsed().as_secs_f64();
    let seconds = t0.elapsed().as_secs_f64();
    let groups: Vec<Vec<&str>> = nd
        .groups()
        .iter()
        .map(|g| g.iter().map(|&i| docs[i as usize].id.as_str()).collect())
        .collect();
    let gold3: Vec<(String, String, bool)> = gold
        .iter()
        .map(|(x, y)| (x.clone(), y.clone(), true))
        .collect();
    let prf = pairs_prf(&group_pairs(&groups), &gold3, true);
    let r = BenchReport {
        documents: docs.len(),
        gold_pairs: gold.len(),
        precision: prf.precision,
        recall: prf.recall,
        f1: prf.f1,
        near_duplicates: near,
        stories: st.len(),
        seconds,
        sketch_seconds,
        index_seconds,
        docs_per_s: docs.len() as f64 / seconds,
        generate_seconds,
        peak_rss_mb: peak_rss().unwrap_or(0) as f64 / 1e6,
        threads: rayon::current_num_threads(),
        cores: crate::commands::ingest::default_threads(),
    };
    if a.json {
        println!("{}", serde_json::to_string(&r)?);
    } else {
        println!(
            "{} documents ({} planted pairs): P {:.4} R {:.4} F1 {:.4}; {} near-duplicates, {} stories; dedup {:.1} s ({:.0} docs/s: sketch {:.1} s on {} threads, indexes {:.1} s), generation {:.1} s; peak RSS {:.0} MB on {} cores",
            r.documents, r.gold_pairs, r.precision, r.recall, r.f1, r.near_duplicates, r.stories, r.seconds, r.docs_per_s,
            r.sketch_seconds, r.threads, r.index_seconds, r.generate_seconds, r.peak_rss_mb, r.cores
        );
    }
    Ok(ExitCode::SUCCESS)
}
