//! Build-time word clustering: the 3-level hierarchy of 1024 word clusters (spherical k-means
//! over PPMI-weighted neighbour vectors) that `build_resources` writes to `clusters.tsv.gz`.
//!
//! Only the resource builder uses it; the tagger reads finished cluster ids through
//! [`super::Resources`] and never clusters at run time.

use super::rng::Rng;
use std::collections::HashMap;

type SparseVec = Vec<(u32, f32)>;

fn dot(a: &SparseVec, c: &[f32]) -> f32 {
    a.iter().map(|&(i, v)| v * c[i as usize]).sum()
}

/// Spherical k-means (cosine) of `items` (indices into `vecs`) into up to `k` clusters,
/// k-means++ seeding; returns the cluster of each item.
fn kmeans(
    items: &[usize],
    vecs: &[SparseVec],
    dim: usize,
    k: usize,
    iters: usize,
    rng: &mut Rng,
) -> Vec<usize> {
    let n = items.len();
    if n <= k {
        return (0..n).collect();
    }
    let mut cents = seed_centroids(items, vecs, dim, k, rng);
    let mut assign = vec![0usize; n];
    for _ in 0..iters {
        let changed = assign_nearest(items, vecs, &cents, &mut assign);
        recompute_centroids(items, vecs, dim, &assign, &mut cents);
        if changed == 0 {
            break;
        }
    }
    assign
}

/// k-means++ seeding: `k` centroids, each next one drawn with probability proportional to the
/// squared cosine distance to the nearest centroid so far (spread-out seeds converge better).
fn seed_centroids(
    items: &[usize],
    vecs: &[SparseVec],
    dim: usize,
    k: usize,
    rng: &mut Rng,
) -> Vec<Vec<f32>> {
    let n = items.len();
    let mut cents: Vec<Vec<f32>> = Vec::with_capacity(k);
    let to_dense = |v: &SparseVec| {
        let mut d = vec![0f32; dim];
        for &(i, x) in v {
            d[i as usize] = x;
        }
        d
    };
    cents.push(to_dense(&vecs[items[rng.below(n)]]));
    let mut best: Vec<f32> = items
        .iter()
        .map(|&it| 1.0 - dot(&vecs[it], &cents[0]))
        .collect();
    while cents.len() < k {
        let total: f64 = best.iter().map(|&d| (d.max(0.0) as f64).powi(2)).sum();
        let pick = if total <= 0.0 {
            rng.below(n)
        } else {
            let mut r = rng.unit() * total;
            let mut p = n - 1;
            for (j, &d) in best.iter().enumerate() {
                r -= (d.max(0.0) as f64).powi(2);
                if r <= 0.0 {
                    p = j;
                    break;
                }
            }
            p
        };
        let c = to_dense(&vecs[items[pick]]);
        for (j, &it) in items.iter().enumerate() {
            let d = 1.0 - dot(&vecs[it], &c);
            if d < best[j] {
                best[j] = d;
            }
        }
        cents.push(c);
    }
    cents
}

/// Assigns each item to its most similar centroid (the first on ties); returns how many changed.
fn assign_nearest(
    items: &[usize],
    vecs: &[SparseVec],
    cents: &[Vec<f32>],
    assign: &mut [usize],
) -> usize {
    let mut changed = 0;
    for (j, &it) in items.iter().enumerate() {
        let v = &vecs[it];
        let mut bi = 0;
        let mut bs = f32::MIN;
        for (ci, c) in cents.iter().enumerate() {
            let s = dot(v, c);
            if s > bs {
                bs = s;
                bi = ci;
            }
        }
        if assign[j] != bi {
            changed += 1;
            assign[j] = bi;
        }
    }
    changed
}

/// The centroids as the normalised means of their items; an empty cluster keeps its centroid.
fn recompute_centroids(
    items: &[usize],
    vecs: &[SparseVec],
    dim: usize,
    assign: &[usize],
    cents: &mut [Vec<f32>],
) {
    let k = cents.len();
    let mut sums = vec![vec![0f32; dim]; k];
    let mut counts = vec![0usize; k];
    for (j, &it) in items.iter().enumerate() {
        counts[assign[j]] += 1;
        for &(i, x) in &vecs[it] {
            sums[assign[j]][i as usize] += x;
        }
    }
    for ci in 0..k {
        if counts[ci] == 0 {
            continue;
        }
        let norm: f32 = sums[ci].iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            for x in sums[ci].iter_mut() {
                *x /= norm;
            }
            cents[ci] = std::mem::take(&mut sums[ci]);
        }
    }
}

/// Clusters the words (match keys) of `sents` that occur at least `min_count` times into a
/// 3-level hierarchy 32 × 8 × 4 = 1024 clusters, by their left/right neighbours (±1 and ±2,
/// over the `n_ctx` most frequent words, PPMI-weighted, cosine k-means). Returns
/// (word, cluster id, count), sorted by word.
pub(crate) fn cluster_words(
    sents: &[Vec<String>],
    min_count: usize,
    n_ctx: usize,
    seed: u64,
) -> Vec<(String, u16, usize)> {
    let mut freq: HashMap<&str, usize> = HashMap::new();
    for s in sents {
        for w in s {
            *freq.entry(w.as_str()).or_default() += 1;
        }
    }
    let mut by_freq: Vec<(&str, usize)> = freq.iter().map(|(&w, &n)| (w, n)).collect();
    by_freq.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let vocab: Vec<(&str, usize)> = by_freq
        .iter()
        .copied()
        .filter(|&(_, n)| n >= min_count)
        .take(100_000)
        .collect();
    let nctx = n_ctx.min(by_freq.len());
    let (counts, dim) = neighbour_counts(sents, &vocab, &by_freq[..nctx]);
    let vecs = ppmi_vectors(&counts, dim);
    let ids = hierarchy(&vecs, dim, seed);
    let mut out: Vec<(String, u16, usize)> = vocab
        .iter()
        .enumerate()
        .map(|(i, &(w, n))| (w.to_string(), ids[i], n))
        .collect();
    out.sort();
    out
}

/// Per word of `vocab`, how often each context word (of `ctx`, or the sentence boundary) stands
/// 1 and 2 before and after it (±2 weighing half), keyed by block × (`ctx.len()` + 1) + context;
/// and the number of such keys (the vectors' dimension).
fn neighbour_counts(
    sents: &[Vec<String>],
    vocab: &[(&str, usize)],
    ctx: &[(&str, usize)],
) -> (Vec<HashMap<u32, f32>>, usize) {
    let nctx = ctx.len();
    let vidx: HashMap<&str, usize> = vocab
        .iter()
        .enumerate()
        .map(|(i, &(w, _))| (w, i))
        .collect();
    let cidx: HashMap<&str, u32> = ctx
        .iter()
        .enumerate()
        .map(|(i, &(w, _))| (w, i as u32))
        .collect();
    let block = nctx as u32 + 1; // + boundary
    let dim = 4 * block as usize;
    let mut counts: Vec<HashMap<u32, f32>> = vec![HashMap::new(); vocab.len()];
    for s in sents {
        for (i, w) in s.iter().enumerate() {
            let Some(&vi) = vidx.get(w.as_str()) else {
                continue;
            };
            for (b, d) in [(0u32, -1isize), (1, 1), (2, -2), (3, 2)] {
                let j = i as isize + d;
                let c = if j < 0 || j as usize >= s.len() {
                    Some(nctx as u32)
                } else {
                    cidx.get(s[j as usize].as_str()).copied()
                };
                if let Some(c) = c {
                    let wgt = if b < 2 { 1.0 } else { 0.5 };
                    *counts[vi].entry(b * block + c).or_default() += wgt;
                }
            }
        }
    }
    (counts, dim)
}

/// The words' context vectors: positive PMI of the counts (context counts smoothed), unit length.
fn ppmi_vectors(counts: &[HashMap<u32, f32>], dim: usize) -> Vec<SparseVec> {
    let mut ctx_tot = vec![0f64; dim];
    let mut word_tot = vec![0f64; counts.len()];
    let mut total = 0f64;
    for (vi, m) in counts.iter().enumerate() {
        for (&c, &x) in m {
            ctx_tot[c as usize] += x as f64;
            word_tot[vi] += x as f64;
            total += x as f64;
        }
    }
    counts
        .iter()
        .enumerate()
        .map(|(vi, m)| {
            let mut v: SparseVec = m
                .iter()
                .filter_map(|(&c, &x)| {
                    // context-distribution smoothing (Levy et al.): ctx counts ^ 0.75
                    let pmi = ((x as f64) * total
                        / (word_tot[vi] * ctx_tot[c as usize].powf(0.75) * total.powf(0.25)))
                    .ln();
                    (pmi > 0.0).then_some((c, pmi as f32))
                })
                .collect();
            v.sort_by_key(|&(c, _)| c);
            let norm: f32 = v.iter().map(|&(_, x)| x * x).sum::<f32>().sqrt();
            if norm > 0.0 {
                for e in v.iter_mut() {
                    e.1 /= norm;
                }
            }
            v
        })
        .collect()
}

/// The cluster id of every vector: 32 top clusters, each split in 8, each of those in 4, so
/// `id / 32` and `id / 4` are the coarser clusters the features also use.
fn hierarchy(vecs: &[SparseVec], dim: usize, seed: u64) -> Vec<u16> {
    let mut rng = Rng::new(seed);
    let all: Vec<usize> = (0..vecs.len()).collect();
    let mut ids = vec![0u16; vecs.len()];
    let l1 = kmeans(&all, vecs, dim, 32, 15, &mut rng);
    for a in 0..32 {
        let items1: Vec<usize> = all.iter().copied().filter(|&i| l1[i] == a).collect();
        let l2 = kmeans(&items1, vecs, dim, 8, 12, &mut rng);
        for b in 0..8 {
            let items2: Vec<usize> = items1
                .iter()
                .zip(&l2)
                .filter(|(_, &c)| c == b)
                .map(|(&i, _)| i)
                .collect();
            let l3 = kmeans(&items2, vecs, dim, 4, 10, &mut rng);
            for (&i, &c) in items2.iter().zip(&l3) {
                ids[i] = (a * 32 + b * 4 + c) as u16;
            }
        }
    }
    ids
}
