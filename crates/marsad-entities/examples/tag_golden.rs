//! Golden output of the NER tagger (for speed work that must not change a single tag): tags
//! (a) the ANERcorp CAMeL test file with `tag_corpus` and (b) every paragraph of `data/sample`
//! and of the first N ANT files (`<TEXT>` lines, files sorted by path) with `tag_text`, and
//! prints a checksum of all tags and spans, the test F1, and tagger-only throughput.
//!
//! `cargo run --release -p marsad-entities --example tag_golden -- [SHARED_DATA] [N_ANT]`
//! (defaults `/work/shared/data`, 2000; run from the repository root). `--repeat K` tags (b) K
//! times (timing only).

// A developer tool run by hand, not part of marsad: a panic with its message is its error report.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use marsad_entities::tagger::{self, text_tokens, Model};
use std::path::{Path, PathBuf};
use std::time::Instant;

struct H(u64);
impl H {
    fn bytes(&mut self, b: &[u8]) {
        for &x in b {
            self.0 ^= x as u64;
            self.0 = self.0.wrapping_mul(0x100000001b3);
        }
    }
    fn u(&mut self, x: u64) {
        self.bytes(&x.to_le_bytes());
    }
}

fn txt_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            txt_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "txt") {
            out.push(p);
        }
    }
}

/// Paragraphs of a file: the non-empty lines inside `<TEXT>…</TEXT>` of an ANT file, else the
/// blank-line separated blocks.
fn paragraphs(doc: &str) -> Vec<String> {
    if let Some(a) = doc.find("<TEXT>") {
        let after = &doc[a + 6..];
        let b = after.find("</TEXT>").unwrap_or(after.len());
        after[..b]
            .lines()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .map(|l| l.to_string())
            .collect()
    } else {
        doc.split("\n\n")
            .map(|p| p.trim())
            .filter(|p| !p.is_empty())
            .map(|p| p.to_string())
            .collect()
    }
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut repeat = 1usize;
    if let Some(i) = args.iter().position(|a| a == "--repeat") {
        repeat = args.get(i + 1).and_then(|x| x.parse().ok()).unwrap_or(1);
        args.drain(i..(i + 2).min(args.len()));
    }
    let shared = PathBuf::from(args.first().cloned().unwrap_or("/work/shared/data".into()));
    let n_ant: usize = args.get(1).and_then(|x| x.parse().ok()).unwrap_or(2000);

    let t0 = Instant::now();
    let model = Model::embedded().expect("embedded model");
    eprintln!("model loaded in {:.2} s", t0.elapsed().as_secs_f64());

    // (a) ANERcorp test
    let test = shared.join("ner/anercorp/ANERCorp_CamelLab_test.reconstructed.txt");
    let gold = tagger::read_conll(&std::fs::read_to_string(&test).expect("test file"));
    let t = Instant::now();
    let pred = model.tag_corpus(&gold);
    let secs_a = t.elapsed().as_secs_f64();
    let mut ha = H(0xcbf29ce484222325);
    let mut ntok_a = 0usize;
    for s in &pred {
        ha.u(s.len() as u64);
        for t in s {
            ha.bytes(t.as_bytes());
            ha.bytes(&[0]);
        }
        ntok_a += s.len();
    }
    let r = tagger::evaluate(&gold, &pred);

    // (b) paragraphs
    let mut files = Vec::new();
    txt_files(Path::new("data/sample"), &mut files);
    files.sort();
    let mut ant = Vec::new();
    txt_files(&shared.join("news/ant_v1.1"), &mut ant);
    ant.sort();
    ant.truncate(n_ant);
    files.extend(ant);
    let mut paras: Vec<String> = Vec::new();
    for f in &files {
        let b = std::fs::read(f).expect("read");
        paras.extend(paragraphs(&String::from_utf8_lossy(&b)));
    }
    let ntok_b: usize = paras.iter().map(|p| text_tokens(p).len()).sum();
    let mut hb = H(0xcbf29ce484222325);
    let mut nspans = 0usize;
    let mut secs_b = f64::MAX;
    for rep in 0..repeat {
        let t = Instant::now();
        let all: Vec<_> = paras.iter().map(|p| model.tag_text(p)).collect();
        secs_b = secs_b.min(t.elapsed().as_secs_f64());
        if rep == 0 {
            for spans in &all {
                hb.u(spans.len() as u64);
                for s in spans {
                    hb.u(s.start as u64);
                    hb.u(s.end as u64);
                    hb.bytes(s.label.as_bytes());
                }
                nspans += spans.len();
            }
        }
    }
    println!(
        "(a) ANERcorp test: {} sentences, {} tokens, F1 {:.4} (P {:.4} R {:.4}), checksum {:016x}; {:.3} s, {:.0} tokens/s",
        gold.len(),
        ntok_a,
        r.f1,
        r.precision,
        r.recall,
        ha.0,
        secs_a,
        ntok_a as f64 / secs_a
    );
    println!(
        "(b) {} files, {} paragraphs, {} tokens, {} spans, checksum {:016x}; {:.3} s, {:.0} tokens/s",
        files.len(),
        paras.len(),
        ntok_b,
        nspans,
        hb.0,
        secs_b,
        ntok_b as f64 / secs_b
    );
    let mut h = H(ha.0);
    h.u(hb.0);
    println!("golden checksum {:016x}", h.0);
}
