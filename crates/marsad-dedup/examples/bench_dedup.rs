//! Near-duplicate and story benchmark on the ANT corpus and a synthetic corpus built from it.
//!
//! ```text
//! cargo run --release -p marsad-dedup --example bench_dedup -- \
//!     [--ant DIR] [--n 100000] [--threshold 0.3] [--shingle 5] [--stopwords] [--scale 1000000]
//! ```
//!
//! 1. ANT's own duplicates: every article is sketched and indexed; reports how many of the
//!    exact-duplicate pairs (identical <TEXT>) and of the near-duplicate pairs (exact 5-shingle
//!    Jaccard, computed independently of MinHash) the index groups together.
//! 2. Planted pairs: the base is ANT minus every article that is an exact or near duplicate
//!    (exact Jaccard ≥ 0.2) of an earlier one, so the only duplicates are the planted ones and the
//!    gold is exact: pairs within a family (original–copy, copy–copy) are duplicates, every other
//!    pair is not. `synth::generate` makes `--n` documents; P/R/F1 of the index's groups.
//! 3. Stories on ANT (dates from <TIME>/DOCNO) and on the synthetic corpus: counts and timing.
//! 4. `--scale N`: N synthetic documents generated in chunks of 100k (generation not timed),
//!    sketched on all cores, added to both indexes; time and peak RSS (VmHWM).
//!
//! The ANT reader here is a tiny parser for this benchmark only (marsad-ingest has the real one).

// A developer tool run by hand, not part of marsad: a panic with its message is its error report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveDate;
use marsad_dedup::eval::{group_pairs, pair, pairs_prf};
use marsad_dedup::synth::{generate, generate_with, SynthParams};
use marsad_dedup::*;
use rayon::prelude::*;

struct Ant {
    id: String,
    title: String,
    text: String,
    date: Option<NaiveDate>,
}

fn field<'a>(doc: &'a str, tag: &str) -> &'a str {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    match doc.find(&open) {
        Some(s) => {
            let rest = &doc[s + open.len()..];
            rest.find(&close).map(|e| &rest[..e]).unwrap_or(rest).trim()
        }
        None => "",
    }
}

fn parse_date(time: &str, docno: &str) -> Option<NaiveDate> {
    if let Ok(d) = NaiveDate::parse_from_str(time.get(..10).unwrap_or(""), "%Y-%m-%d") {
        return Some(d);
    }
    if let Ok(d) = NaiveDate::parse_from_str(time, "%d/%m/%Y") {
        return Some(d);
    }
    let tail = docno.rsplit('-').next().unwrap_or("");
    NaiveDate::parse_from_str(tail, "%Y%m%d")
        .or_else(|_| NaiveDate::parse_from_str(tail, "%d%m%Y"))
        .ok()
}

fn read_ant(dir: &Path) -> Vec<Ant> {
    let files = marsad_ingest::corpus_files(dir, "txt");
    let mut out = Vec::new();
    for f in files {
        let Ok(s) = std::fs::read_to_string(&f) else {
            continue;
        };
        for doc in s.split("<DOC>").skip(1) {
            let id = field(doc, "DOCNO").to_string();
            out.push(Ant {
                date: parse_date(field(doc, "TIME"), &id),
                id,
                title: field(doc, "TITLE").to_string(),
                text: field(doc, "TEXT").to_string(),
            });
        }
    }
    out
}

fn paras(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn rss_peak_mb() -> f64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

fn rss_now_mb() -> f64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

/// Pairs of documents whose exact shingle Jaccard is ≥ `min`, found through an inverted index
/// over shingles (shingles in more than 50 documents are boilerplate and skipped for lookup).
fn exact_near_pairs(sh: &[Vec<u64>], min: f32) -> Vec<(usize, usize, f32)> {
    let mut inv: HashMap<u64, Vec<u32>> = HashMap::new();
    for (i, s) in sh.iter().enumerate() {
        for &h in s {
            inv.entry(h).or_default().push(i as u32);
        }
    }
    let mut cand: HashSet<(u32, u32)> = HashSet::new();
    for list in inv.values() {
        if list.len() > 1 && list.len() <= 50 {
            for a in 0..list.len() {
                for b in a + 1..list.len() {
                    cand.insert((list[a], list[b]));
                }
            }
        }
    }
    let mut out: Vec<(usize, usize, f32)> = cand
        .into_iter()
        .filter_map(|(a, b)| {
            let j = exact_jaccard(&sh[a as usize], &sh[b as usize]);
            (j >= min).then_some((a as usize, b as usize, j))
        })
        .collect();
    out.sort_by_key(|p| (p.0, p.1));
    out
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1).cloned())
    };
    let ant_dir = PathBuf::from(
        opt("--ant").unwrap_or_else(|| "/work/shared/data/news/ant_v1.1".to_string()),
    );
    let n: usize = opt("--n").and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let threshold: f32 = opt("--threshold")
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_THRESHOLD);
    let scale: usize = opt("--scale").and_then(|v| v.parse().ok()).unwrap_or(0);
    let params = SketchParams {
        shingle: opt("--shingle").and_then(|v| v.parse().ok()).unwrap_or(5),
        drop_stopwords: args.iter().any(|a| a == "--stopwords"),
        ..SketchParams::default()
    };
    println!(
        "threshold {threshold}, shingle {}, drop stopwords {}, bands×rows {:?}, threads {}",
        params.shingle,
        params.drop_stopwords,
        choose_bands(threshold),
        rayon::current_num_threads()
    );

    // ---- 1. ANT's own duplicates -------------------------------------------------------
    let t0 = Instant::now();
    let ant = read_ant(&ant_dir);
    println!(
        "\n== ANT: {} articles read in {:.1}s",
        ant.len(),
        t0.elapsed().as_secs_f64()
    );
    let ant_paras: Vec<Vec<String>> = ant.iter().map(|a| paras(&a.text)).collect();
    let sks: Vec<DocSketch> = ant
        .par_iter()
        .zip(&ant_paras)
        .map(|(a, p)| sketch_with(&a.title, p, &params))
        .collect();
    let mut ix = NearDupIndex::new(threshold);
    for (i, s) in sks.iter().enumerate() {
        ix.add(i as u64, s);
    }
    let found: HashSet<(usize, usize)> = ix
        .groups()
        .iter()
        .flat_map(|g| {
            let g: Vec<usize> = g.iter().map(|&x| x as usize).collect();
            let mut v = Vec::new();
            for a in 0..g.len() {
                for b in a + 1..g.len() {
                    v.push((g[a].min(g[b]), g[a].max(g[b])));
                }
            }
            v
        })
        .collect();
    // Exact pairs: identical non-empty <TEXT>.
    let mut by_text: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, a) in ant.iter().enumerate() {
        if !a.text.is_empty() {
            by_text.entry(a.text.as_str()).or_default().push(i);
        }
    }
    let mut exact = Vec::new();
    for g in by_text.values() {
        for a in 0..g.len() {
            for b in a + 1..g.len() {
                exact.push((g[a].min(g[b]), g[a].max(g[b])));
            }
        }
    }
    let exact_found = exact.iter().filter(|p| found.contains(p)).count();
    println!(
        "exact-duplicate pairs (identical <TEXT>): {}, grouped by the index: {}",
        exact.len(),
        exact_found
    );
    let ant_sh: Vec<Vec<u64>> = ant
        .par_iter()
        .zip(&ant_paras)
        .map(|(a, p)| shingles(&a.title, p, &params))
        .collect();
    let near = exact_near_pairs(&ant_sh, 0.2);
    let exact_set: HashSet<(usize, usize)> = exact.iter().copied().collect();
    let mut buckets = [(0usize, 0usize); 5]; // [0.2,0.3) [0.3,0.5) [0.5,0.7) [0.7,1) 1.0 (not identical text)
    for &(a, b, j) in &near {
        if exact_set.contains(&(a, b)) {
            continue;
        }
        let k = if j >= 0.999 {
            4
        } else if j >= 0.7 {
            3
        } else if j >= 0.5 {
            2
        } else if j >= 0.3 {
            1
        } else {
            0
        };
        buckets[k].0 += 1;
        if found.contains(&(a, b)) {
            buckets[k].1 += 1;
        }
    }
    println!("near-duplicate pairs, not identical text, by exact Jaccard (pairs / grouped):");
    for (name, (t, f)) in [
        "0.2–0.3",
        "0.3–0.5",
        "0.5–0.7",
        "0.7–1.0",
        "1.0 (spacing/spelling)",
    ]
    .iter()
    .zip(buckets)
    {
        println!("  {name:>24}: {t:5} / {f}");
    }
    let near_set: HashSet<(usize, usize)> = near.iter().map(|p| (p.0, p.1)).collect();
    let extra = found
        .iter()
        .filter(|p| !near_set.contains(p) && !exact_set.contains(p))
        .count();
    println!("grouped pairs with exact Jaccard < 0.2 (chained through a group): {extra}");

    // ---- 2. planted pairs ----------------------------------------------------------------
    let mut drop: HashSet<usize> = HashSet::new();
    for &(a, b) in &exact {
        drop.insert(a.max(b));
    }
    for &(a, b, _) in &near {
        drop.insert(a.max(b));
    }
    let base: Vec<(String, String, Vec<String>)> = ant
        .iter()
        .zip(&ant_paras)
        .enumerate()
        .filter(|(i, (a, p))| !drop.contains(i) && !a.text.is_empty() && !p.is_empty())
        .map(|(_, (a, p))| (a.id.clone(), a.title.clone(), p.clone()))
        .collect();
    let t0 = Instant::now();
    let (docs, gold) = generate(&base, n, 1);
    println!(
        "\n== planted: base {} articles (ANT minus {} duplicates/empty), generated {} docs with {} gold pairs in {:.1}s",
        base.len(),
        ant.len() - base.len(),
        docs.len(),
        gold.len(),
        t0.elapsed().as_secs_f64()
    );
    let t0 = Instant::now();
    let sks: Vec<DocSketch> = docs
        .par_iter()
        .map(|d| sketch_with(&d.title, &d.paragraphs, &params))
        .collect();
    let t_sketch = t0.elapsed().as_secs_f64();
    let t0 = Instant::now();
    let mut ix = NearDupIndex::new(threshold);
    for (i, s) in sks.iter().enumerate() {
        ix.add(i as u64, s);
    }
    let t_index = t0.elapsed().as_secs_f64();
    let groups: Vec<Vec<&str>> = ix
        .groups()
        .iter()
        .map(|g| g.iter().map(|&i| docs[i as usize].id.as_str()).collect())
        .collect();
    let predicted = group_pairs(&groups);
    let gold3: Vec<(String, String, bool)> = gold
        .iter()
        .map(|(a, b)| (a.clone(), b.clone(), true))
        .collect();
    let prf = pairs_prf(&predicted, &gold3, true);
    println!(
        "P {:.4}  R {:.4}  F1 {:.4}   (tp {}, fp {}, fn {})",
        prf.precision, prf.recall, prf.f1, prf.tp, prf.fp, prf.fn_
    );
    println!(
        "sketch {:.1}s ({:.0} docs/s on {} threads), index {:.1}s ({:.0} docs/s, one thread)",
        t_sketch,
        docs.len() as f64 / t_sketch,
        rayon::current_num_threads(),
        t_index,
        docs.len() as f64 / t_index
    );
    // Misses by the copy's perturbations, and the exact Jaccard of missed pairs.
    let id_ix: HashMap<&str, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    let mut miss_kind: HashMap<String, usize> = HashMap::new();
    let mut miss_j: Vec<f32> = Vec::new();
    let mut total_kind: HashMap<String, usize> = HashMap::new();
    for (a, b) in &gold {
        let (ia, ib) = (id_ix[a.as_str()], id_ix[b.as_str()]);
        let k = if docs[ia].kind == "original" || docs[ia].kind == "remix" {
            docs[ib].kind.clone()
        } else {
            "copy-copy".to_string()
        };
        *total_kind.entry(k.clone()).or_default() += 1;
        if !predicted.contains(&pair(a, b)) {
            *miss_kind.entry(k).or_default() += 1;
            let sa = shingles(&docs[ia].title, &docs[ia].paragraphs, &params);
            let sb = shingles(&docs[ib].title, &docs[ib].paragraphs, &params);
            miss_j.push(exact_jaccard(&sa, &sb));
        }
    }
    let mut mk: Vec<_> = miss_kind.into_iter().collect();
    mk.sort_by_key(|p| std::cmp::Reverse(p.1));
    println!("missed pairs by perturbation (missed / total of that kind):");
    for (k, m) in mk.iter().take(12) {
        println!("  {k:40} {m:6} / {}", total_kind[k]);
    }
    if !miss_j.is_empty() {
        miss_j.sort_by(|a, b| a.total_cmp(b));
        let below = miss_j.iter().filter(|&&j| j < threshold).count();
        println!(
            "exact Jaccard of missed pairs: median {:.2}, {} of {} below the threshold",
            miss_j[miss_j.len() / 2],
            below,
            miss_j.len()
        );
    }
    let gold_set: HashSet<(String, String)> = gold.iter().map(|(a, b)| pair(a, b)).collect();
    let mut fp_kinds: HashMap<String, usize> = HashMap::new();
    let mut fp_j: Vec<f32> = Vec::new();
    for (a, b) in predicted.iter().filter(|p| !gold_set.contains(*p)) {
        let (da, db) = (&docs[id_ix[a.as_str()]], &docs[id_ix[b.as_str()]]);
        let mut k = [da.kind.as_str(), db.kind.as_str()].map(|k| {
            if k == "original" || k == "remix" {
                k
            } else {
                "copy"
            }
        });
        k.sort();
        *fp_kinds.entry(k.join("~")).or_default() += 1;
        let sa = shingles(&da.title, &da.paragraphs, &params);
        let sb = shingles(&db.title, &db.paragraphs, &params);
        fp_j.push(exact_jaccard(&sa, &sb));
    }
    if !fp_j.is_empty() {
        fp_j.sort_by(|a, b| a.total_cmp(b));
        println!(
            "false positives by kinds {:?}; exact Jaccard median {:.2}, {} of {} at or above the threshold",
            fp_kinds,
            fp_j[fp_j.len() / 2],
            fp_j.iter().filter(|&&j| j >= threshold).count(),
            fp_j.len()
        );
    }

    // ---- 3. stories ----------------------------------------------------------------------
    let t0 = Instant::now();
    let mut st = StoryIndex::default();
    let mut order: Vec<usize> = (0..ant.len()).collect();
    order.sort_by_key(|&i| ant[i].date);
    let ant_sks: Vec<DocSketch> = ant
        .iter()
        .zip(&ant_paras)
        .map(|(a, p)| sketch_with(&a.title, p, &params))
        .collect();
    let mut nd = NearDupIndex::new(threshold);
    for &i in &order {
        let dup = nd.add(i as u64, &ant_sks[i]).map(|x| x.0);
        st.add(StoryInput {
            doc: i as u64,
            date: ant[i].date,
            title: &ant[i].title,
            sketch: &ant_sks[i],
            entities: &[],
            event_keys: &[],
            dup_of: dup,
        });
    }
    let mut sizes: HashMap<u64, Vec<usize>> = HashMap::new();
    for i in 0..ant.len() {
        sizes
            .entry(st.story_of(i as u64).unwrap())
            .or_default()
            .push(i);
    }
    let multi = sizes.values().filter(|v| v.len() > 1).count();
    let largest = sizes.values().map(|v| v.len()).max().unwrap_or(0);
    println!(
        "\n== stories on ANT (by date, no entities): {} stories, {} with ≥2 articles, largest {} ({:.2}s)",
        st.len(),
        multi,
        largest,
        t0.elapsed().as_secs_f64()
    );
    let mut multis: Vec<&Vec<usize>> = sizes.values().filter(|v| v.len() > 2).collect();
    multis.sort_by_key(|v| v[0]);
    for v in multis.iter().step_by((multis.len() / 4).max(1)).take(4) {
        println!("  story of {} articles:", v.len());
        for &i in v.iter().take(4) {
            println!(
                "    {} {}  {}",
                ant[i].date.map(|d| d.to_string()).unwrap_or_default(),
                ant[i].id,
                ant[i].title
            );
        }
    }
    let t0 = Instant::now();
    let mut st = StoryIndex::default();
    let day0 = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    let mut nd = NearDupIndex::new(threshold);
    for (i, d) in docs.iter().enumerate() {
        let dup = nd.add(i as u64, &sks[i]).map(|x| x.0);
        st.add(StoryInput {
            doc: i as u64,
            date: Some(day0 + chrono::Days::new((i / 3000) as u64)),
            title: &d.title,
            sketch: &sks[i],
            entities: &[],
            event_keys: &[],
            dup_of: dup,
        });
    }
    println!(
        "stories on the {} synthetic docs (3,000 a day): {} stories, dedup+stories {:.1}s ({:.0} docs/s)",
        docs.len(),
        st.len(),
        t0.elapsed().as_secs_f64(),
        docs.len() as f64 / t0.elapsed().as_secs_f64()
    );
    println!("peak RSS so far {:.0} MB", rss_peak_mb());
    drop_all(docs, sks, ix, st, nd);

    // ---- 4. scale ----------------------------------------------------------------------------
    if scale > 0 {
        println!("\n== scale: {scale} synthetic documents, chunks of 100k (generation not timed)");
        let rss0 = rss_now_mb();
        let mut nd = NearDupIndex::new(threshold);
        let mut st = StoryIndex::default();
        let (mut t_sk, mut t_nd, mut t_st) = (0.0, 0.0, 0.0);
        let mut done = 0usize;
        let mut dups = 0usize;
        let mut chunk = 0u64;
        let p = SynthParams {
            base_verbatim: false,
            ..SynthParams::default()
        };
        while done < scale {
            chunk += 1;
            let (docs, _) = generate_with(&base, 100_000.min(scale - done), 100 + chunk, &p);
            let t0 = Instant::now();
            let sks: Vec<DocSketch> = docs
                .par_iter()
                .map(|d| sketch_with(&d.title, &d.paragraphs, &params))
                .collect();
            t_sk += t0.elapsed().as_secs_f64();
            for (k, d) in docs.iter().enumerate() {
                let id = (done + k) as u64;
                let t0 = Instant::now();
                let dup = nd.add(id, &sks[k]).map(|x| x.0);
                t_nd += t0.elapsed().as_secs_f64();
                dups += dup.is_some() as usize;
                let t0 = Instant::now();
                st.add(StoryInput {
                    doc: id,
                    date: Some(day0 + chrono::Days::new(((done + k) / 3000) as u64)),
                    title: &d.title,
                    sketch: &sks[k],
                    entities: &[],
                    event_keys: &[],
                    dup_of: dup,
                });
                t_st += t0.elapsed().as_secs_f64();
            }
            done += docs.len();
            println!(
                "  {done:>8} docs: sketch {t_sk:.0}s, near-dup {t_nd:.0}s, stories {t_st:.0}s, total {:.0}s; {dups} near-dups, {} stories; RSS now {:.0} MB, peak {:.0} MB",
                t_sk + t_nd + t_st,
                st.len(),
                rss_now_mb(),
                rss_peak_mb()
            );
        }
        println!("(RSS before the scale run: {rss0:.0} MB, includes the ANT base)");
        let mut buf = Vec::new();
        let t0 = Instant::now();
        nd.save(&mut buf).unwrap();
        let nd_bytes = buf.len();
        buf.clear();
        st.save(&mut buf).unwrap();
        println!(
            "saved state: near-dup {:.0} MB, stories {:.0} MB ({:.1}s)",
            nd_bytes as f64 / 1e6,
            buf.len() as f64 / 1e6,
            t0.elapsed().as_secs_f64()
        );
    }
}

fn drop_all<A, B, C, D, E>(_: A, _: B, _: C, _: D, _: E) {}
