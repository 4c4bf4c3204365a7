//! Quick retrieval check of `marsad_text::analyze` on XQuAD-R (Arabic): an in-memory BM25
//! (k1 = 1.2, b = 0.75, Lucene/tantivy idf) over paragraphs and sentences, MRR@10.
//!
//! cargo run --release -p marsad-text --example ir_tune -- ../shared/data/ir/xquad-r-ar
//! Add `--dump` to print each query's analyzed terms.

// A developer tool run by hand, not part of marsad: a panic with its message is its error report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::path::Path;

/// The string value of `"field": "…"` in one JSON line (enough for these files).
fn json_field(line: &str, field: &str) -> Option<String> {
    let pat = format!("\"{field}\": \"");
    let start = line.find(&pat)? + pat.len();
    let mut out = String::new();
    let mut chars = line[start..].chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                'u' => {
                    let h: String = chars.by_ref().take(4).collect();
                    let mut v = u32::from_str_radix(&h, 16).ok()?;
                    if (0xD800..0xDC00).contains(&v) {
                        chars.next();
                        chars.next();
                        let l: String = chars.by_ref().take(4).collect();
                        let lo = u32::from_str_radix(&l, 16).ok()?;
                        v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
                    }
                    out.push(char::from_u32(v).unwrap_or('\u{FFFD}'));
                }
                o => out.push(o),
            },
            c => out.push(c),
        }
    }
    None
}

fn terms(text: &str) -> Vec<String> {
    let mut v = Vec::new();
    marsad_text::analyze(text, |t, _, _| v.push(t.to_string()));
    v
}

struct Index {
    ids: Vec<String>,
    tf: Vec<HashMap<String, u32>>,
    len: Vec<f64>,
    df: HashMap<String, u32>,
    avg: f64,
}

impl Index {
    fn build(path: &Path) -> Index {
        let data = std::fs::read_to_string(path).expect("corpus");
        let mut ix = Index {
            ids: vec![],
            tf: vec![],
            len: vec![],
            df: HashMap::new(),
            avg: 0.0,
        };
        for line in data.lines().filter(|l| !l.trim().is_empty()) {
            let id = json_field(line, "id").expect("id");
            let text = json_field(line, "text").expect("text");
            let mut tf: HashMap<String, u32> = HashMap::new();
            let ts = terms(&text);
            for t in &ts {
                *tf.entry(t.clone()).or_default() += 1;
            }
            for t in tf.keys() {
                *ix.df.entry(t.clone()).or_default() += 1;
            }
            ix.ids.push(id);
            ix.len.push(ts.len() as f64);
            ix.tf.push(tf);
        }
        ix.avg = ix.len.iter().sum::<f64>() / ix.len.len() as f64;
        ix
    }

    fn search(&self, q: &[String]) -> Vec<usize> {
        let (k1, b) = (1.2, 0.75);
        let n = self.ids.len() as f64;
        let mut scores = vec![0.0f64; self.ids.len()];
        for t in q {
            let Some(&df) = self.df.get(t) else { continue };
            let idf = (1.0 + (n - df as f64 + 0.5) / (df as f64 + 0.5)).ln();
            for (d, tf) in self.tf.iter().enumerate() {
                if let Some(&f) = tf.get(t) {
                    let f = f as f64;
                    scores[d] +=
                        idf * f * (k1 + 1.0) / (f + k1 * (1.0 - b + b * self.len[d] / self.avg));
                }
            }
        }
        let mut order: Vec<usize> = (0..scores.len()).filter(|&d| scores[d] > 0.0).collect();
        order.sort_by(|&a, &b| scores[b].partial_cmp(&scores[a]).unwrap().then(a.cmp(&b)));
        order.truncate(10);
        order
    }
}

fn mrr(
    ix: &Index,
    queries: &[(String, String)],
    qrels: &HashMap<String, Vec<String>>,
    dump: bool,
) -> f64 {
    let mut sum = 0.0;
    let mut n = 0;
    for (qid, text) in queries {
        let Some(rel) = qrels.get(qid) else { continue };
        n += 1;
        let q = terms(text);
        let top = ix.search(&q);
        let rank = top.iter().position(|&d| rel.contains(&ix.ids[d]));
        if let Some(r) = rank {
            sum += 1.0 / (r + 1) as f64;
        }
        if dump {
            println!("{qid}\t{}\t{:?}\t{}", rank.map_or(0, |r| r + 1), q, text);
        }
    }
    sum / n as f64
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = Path::new(
        args.get(1)
            .map(String::as_str)
            .unwrap_or("../shared/data/ir/xquad-r-ar"),
    );
    let dump = args.iter().any(|a| a == "--dump");
    let queries: Vec<(String, String)> = std::fs::read_to_string(dir.join("queries.tsv"))
        .expect("queries.tsv")
        .lines()
        .filter_map(|l| {
            l.split_once('\t')
                .map(|(a, b)| (a.to_string(), b.to_string()))
        })
        .collect();
    let qrels = |name: &str| {
        let mut m: HashMap<String, Vec<String>> = HashMap::new();
        for l in std::fs::read_to_string(dir.join(name))
            .expect("qrels")
            .lines()
        {
            let f: Vec<&str> = l.split_whitespace().collect();
            if f.len() >= 4 && f[3] != "0" {
                m.entry(f[0].to_string())
                    .or_default()
                    .push(f[2].to_string());
            }
        }
        m
    };
    let t0 = std::time::Instant::now();
    let p = Index::build(&dir.join("corpus.jsonl"));
    let s = Index::build(&dir.join("corpus_sentences.jsonl"));
    let mp = mrr(&p, &queries, &qrels("qrels.txt"), dump);
    let ms = mrr(&s, &queries, &qrels("qrels_sentences.txt"), dump);
    println!(
        "MRR@10 paragraphs {mp:.4}  sentences {ms:.4}  ({} queries, {:.1}s)",
        queries.len(),
        t0.elapsed().as_secs_f64()
    );
}
