//! Word frequencies of the ANT corpus (10,161 Tunisian news articles), by match key, used only to
//! drop place aliases that are common words (see `cities.rs`). Missing corpus → empty table.

use std::collections::HashMap;
use std::path::Path;

#[derive(Default)]
pub(crate) struct AntFreq {
    counts: HashMap<String, u32>,
}

impl AntFreq {
    pub(crate) fn load(dir: &Path) -> AntFreq {
        let mut f = AntFreq::default();
        let mut files = 0;
        let mut buf = String::new();
        for p in marsad_ingest::corpus_files(dir, "txt") {
            let Ok(t) = std::fs::read_to_string(&p) else {
                continue;
            };
            files += 1;
            for tok in marsad_text::tokens(&t) {
                if tok.kind != marsad_text::TokenKind::Arabic {
                    continue;
                }
                buf.clear();
                marsad_text::match_key_into(&t[tok.start..tok.end], &mut buf);
                *f.counts.entry(buf.clone()).or_insert(0) += 1;
            }
        }
        if files == 0 {
            eprintln!("marsad-kb build: no ANT corpus at {} (common-word alias filter uses the stop list only)", dir.display());
        }
        f
    }

    /// Occurrences of the token key `k`.
    pub(crate) fn count(&self, k: &str) -> u32 {
        self.counts.get(k).copied().unwrap_or(0)
    }

    /// Occurrences of `k` with the article toggled (added when `k` lacks it, removed when it has it).
    pub(crate) fn toggled(&self, k: &str) -> u32 {
        match k.strip_prefix("ال") {
            Some(r) if r.chars().count() >= 2 => self.count(r),
            _ => self.count(&format!("ال{k}")),
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }
}
