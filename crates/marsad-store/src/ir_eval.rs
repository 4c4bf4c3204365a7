//! Retrieval metrics (MRR@10, nDCG@10, Recall@100) over a corpus, a query set and graded
//! relevance judgements, run through the same index and query path as `marsad search`.

use std::collections::HashMap;

use serde::Serialize;

use crate::query::plain;
use crate::{Result, SearchOptions, Store};

#[derive(Debug, Clone, Serialize)]
pub struct IrReport {
    pub queries: usize,
    #[serde(rename = "mrr@10")]
    pub mrr10: f64,
    #[serde(rename = "ndcg@10")]
    pub ndcg10: f64,
    #[serde(rename = "recall@100")]
    pub recall100: f64,
}

/// qid → (docid → relevance grade)
pub type Qrels = HashMap<String, HashMap<String, u32>>;

/// Ranks the store's articles for each query (by `source_id`, the corpus' own ids) and scores
/// the rankings. Queries without judgements are skipped, as trec_eval does.
pub fn evaluate(store: &Store, queries: &[(String, String)], qrels: &Qrels) -> Result<IrReport> {
    let opts = SearchOptions {
        limit: 100,
        offset: 0,
        snippets: false,
        facets: false,
        // Retrieval is measured over every document of the corpus.
        duplicates: true,
        group_stories: false,
    };
    let (mut n, mut mrr, mut ndcg, mut recall) = (0usize, 0.0, 0.0, 0.0);
    for (qid, text) in queries {
        let Some(rels) = qrels.get(qid) else { continue };
        let relevant = rels.values().filter(|&&g| g > 0).count();
        if relevant == 0 {
            continue;
        }
        let hits = store.search_parsed(&plain(text), &opts)?.hits;
        let ranked: Vec<u32> = hits
            .iter()
            .map(|h| rels.get(&h.source_id).copied().unwrap_or(0))
            .collect();
        n += 1;
        mrr += ranked
            .iter()
            .take(10)
            .position(|&g| g > 0)
            .map_or(0.0, |i| 1.0 / (i as f64 + 1.0));
        recall += ranked.iter().filter(|&&g| g > 0).count() as f64 / relevant as f64;
        ndcg += ndcg_at(&ranked, rels.values().copied().collect(), 10);
    }
    let avg = |x: f64| if n == 0 { 0.0 } else { x / n as f64 };
    Ok(IrReport {
        queries: n,
        mrr10: avg(mrr),
        ndcg10: avg(ndcg),
        recall100: avg(recall),
    })
}

/// nDCG with the exponential gain (2^rel − 1) of trec_eval's ndcg_cut.
fn ndcg_at(ranked: &[u32], mut ideal: Vec<u32>, k: usize) -> f64 {
    let dcg = |gs: &mut dyn Iterator<Item = u32>| -> f64 {
        gs.take(k)
            .enumerate()
            .map(|(i, g)| (2f64.powi(g as i32) - 1.0) / (i as f64 + 2.0).log2())
            .sum()
    };
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let best = dcg(&mut ideal.into_iter());
    if best == 0.0 {
        0.0
    } else {
        dcg(&mut ranked.iter().copied()) / best
    }
}

/// Parses `qid<TAB>text[<TAB>…]` lines.
pub fn parse_queries(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let qid = cols.next()?.trim();
            let q = cols.next()?.trim();
            (!qid.is_empty() && !q.is_empty()).then(|| (qid.to_string(), q.to_string()))
        })
        .collect()
}

/// Parses TREC qrels `qid iter docid rel` lines (whitespace separated).
pub fn parse_qrels(text: &str) -> Qrels {
    let mut out: Qrels = HashMap::new();
    for l in text.lines() {
        let cols: Vec<&str> = l.split_whitespace().collect();
        if let [qid, _, doc, rel] = cols.as_slice() {
            if let Ok(rel) = rel.parse::<u32>() {
                out.entry(qid.to_string())
                    .or_default()
                    .insert(doc.to_string(), rel);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ndcg_is_one_for_the_ideal_ranking_and_less_otherwise() {
        assert!((ndcg_at(&[1, 0, 0], vec![1], 10) - 1.0).abs() < 1e-9);
        let second = ndcg_at(&[0, 1], vec![1], 10);
        assert!((second - 1.0 / 3f64.log2()).abs() < 1e-9);
    }

    #[test]
    fn parses_trec_files() {
        let q = parse_queries("q1\tما هي عاصمة تونس؟\textra\n\nq2\t \n");
        assert_eq!(q, vec![("q1".to_string(), "ما هي عاصمة تونس؟".to_string())]);
        let r = parse_qrels("q1 0 d1 1\nq1 0 d2 0\nbad line\n");
        assert_eq!(r["q1"]["d1"], 1);
        assert_eq!(r["q1"]["d2"], 0);
    }
}
