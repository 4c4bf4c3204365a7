//! Golden checksums of every output of this crate over a folder of files, so that an
//! optimisation can be shown to change nothing.
//! cargo run --release -p marsad-text --example golden -- /work/shared/data/news/ant_v1.1
//!
//! For each file (recursively, in sorted path order; invalid UTF-8 is read lossily):
//! - display:   `normalize_display(raw)`
//! - tokens:    (start, end, kind) of every token of the display text, and of the raw text
//! - sentences: byte ranges of `sentences` of the display text and of the raw text
//! - match_key: `match_key(raw)` and `match_key(display)`
//! - analyze:   every (term, start, end) of `analyze` over the display text and the raw text
//!
//! One FNV-1a 64 checksum per category, plus a total over all of them.

use std::path::{Path, PathBuf};

struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn bytes(&mut self, b: &[u8]) {
        for &x in b {
            self.0 ^= u64::from(x);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn num(&mut self, n: usize) {
        self.bytes(&(n as u64).to_le_bytes());
    }
    fn str(&mut self, s: &str) {
        // Length first, so that concatenations cannot collide.
        self.num(s.len());
        self.bytes(s.as_bytes());
    }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("dir") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            collect(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn kind_code(k: marsad_text::TokenKind) -> usize {
    use marsad_text::TokenKind::*;
    match k {
        Arabic => 1,
        Latin => 2,
        Number => 3,
        Other => 4,
    }
}

fn main() {
    let mut files = Vec::new();
    for dir in std::env::args().skip(1) {
        collect(Path::new(&dir), &mut files);
    }
    files.sort();
    let mut display = Fnv::new();
    let mut tokens = Fnv::new();
    let mut sentences = Fnv::new();
    let mut key = Fnv::new();
    let mut analyze = Fnv::new();
    let mut n_tokens = 0usize;
    let mut n_terms = 0usize;
    for p in &files {
        let bytes = std::fs::read(p).expect("read");
        let raw = String::from_utf8_lossy(&bytes);
        let disp = marsad_text::normalize_display(&raw);
        display.str(&disp);
        for text in [disp.as_str(), &raw] {
            for t in marsad_text::tokens(text) {
                tokens.num(t.start);
                tokens.num(t.end);
                tokens.num(kind_code(t.kind));
                n_tokens += 1;
            }
            tokens.num(usize::MAX);
            for r in marsad_text::sentences(text) {
                sentences.num(r.start);
                sentences.num(r.end);
            }
            sentences.num(usize::MAX);
            key.str(&marsad_text::match_key(text));
            marsad_text::analyze(text, |term, a, b| {
                analyze.str(term);
                analyze.num(a);
                analyze.num(b);
                n_terms += 1;
            });
            analyze.num(usize::MAX);
        }
    }
    let mut total = Fnv::new();
    for (name, h) in [
        ("display", &display),
        ("tokens", &tokens),
        ("sentences", &sentences),
        ("match_key", &key),
        ("analyze", &analyze),
    ] {
        println!("{name:<10} {:016x}", h.0);
        total.num(h.0 as usize);
    }
    println!("total      {:016x}", total.0);
    println!(
        "({} files, {n_tokens} tokens, {n_terms} terms)",
        files.len()
    );
}
