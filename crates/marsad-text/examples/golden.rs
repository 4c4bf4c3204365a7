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

// A developer tool run by hand, not part of marsad: a panic with its message is its error report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

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
    // Synthetic strings from a deterministic generator over the characters each function treats
    // specially (class boundaries of the byte-level fast paths included), hashed separately.
    let mut synth = Fnv::new();
    let alphabet: Vec<char> = concat!(
        "abcXYZ09 ..,,::!!??;;'\"\t\r\n\n  ",
        "\u{A0}\u{AD}\u{D7}\u{F7}\u{C0}\u{24F}\u{250}\u{300}\u{36F}\u{370}\u{3B1}\u{416}\u{5D0}\u{5FF}",
        "\u{600}\u{60C}\u{61B}\u{61C}\u{61F}\u{620}\u{621}\u{622}\u{623}\u{624}\u{625}\u{626}\u{627}\u{628}\u{629}\u{62A}\u{62B}",
        "\u{63A}\u{63B}\u{640}\u{641}\u{643}\u{644}\u{645}\u{646}\u{647}\u{648}\u{649}\u{64A}\u{64B}\u{64E}\u{651}\u{65F}",
        "\u{660}\u{669}\u{66A}\u{66B}\u{66C}\u{66D}\u{66E}\u{670}\u{671}\u{67E}\u{686}\u{698}\u{6A4}\u{6A9}\u{6AF}\u{6BE}",
        "\u{6C1}\u{6C3}\u{6CC}\u{6D0}\u{6D2}\u{6D3}\u{6D4}\u{6D5}\u{6D6}\u{6ED}\u{6EE}\u{6F0}\u{6F9}\u{6FA}\u{6FD}\u{6FF}",
        "\u{700}\u{750}\u{77F}\u{780}\u{8A0}\u{8CA}\u{8FF}\u{1E00}\u{2000}\u{200B}\u{200C}\u{200D}\u{200F}\u{2026}\u{2028}",
        "\u{2029}\u{202F}\u{2060}\u{2066}\u{201C}\u{201D}\u{201E}\u{201F}\u{AB}\u{BB}\u{2019}\u{3000}\u{4E2D}",
        "\u{FB50}\u{FDF2}\u{FE70}\u{FE71}\u{FE7F}\u{FE8D}\u{FEFB}\u{FEFF}\u{FF21}\u{1F600}",
        "\u{627}\u{644}\u{648}\u{632}\u{64A}\u{631}\u{628}\u{62A}  ",
    )
    .chars()
    .collect();
    let mut rng = 0x1234_5678_9abc_def0u64;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    for _ in 0..200_000 {
        let len = (next() % 24) as usize;
        let s: String = (0..len)
            .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
            .collect();
        let disp = marsad_text::normalize_display(&s);
        synth.str(&disp);
        for text in [disp.as_str(), &s] {
            for t in marsad_text::tokens(text) {
                synth.num(t.start);
                synth.num(t.end);
                synth.num(kind_code(t.kind));
            }
            for r in marsad_text::sentences(text) {
                synth.num(r.start);
                synth.num(r.end);
            }
            synth.str(&marsad_text::match_key(text));
            marsad_text::analyze(text, |term, a, b| {
                synth.str(term);
                synth.num(a);
                synth.num(b);
            });
            synth.num(usize::MAX);
        }
    }
    println!("synthetic  {:016x}", synth.0);

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
