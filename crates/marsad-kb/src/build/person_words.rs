//! How often the ANERcorp train split tags a word as part of a person's name. The
//! UniversalPetrarch actor dictionary lists newspapers, markets, camps and groups among its people
//! (نيويورك تايمز، سوق دبي، الدول العربية): a "person" whose first word is common in annotated news
//! and almost never a name there is not one. Only the train split is read (the test split is for
//! measuring). Missing file → no evidence, nothing dropped.

use std::collections::HashMap;
use std::path::Path;

/// A word needs this many occurrences before its share of person tags says anything.
const MIN_SEEN: u32 = 3;
/// …and a share of person tags below this says it does not open a name.
const MAX_SHARE: f64 = 0.1;

#[derive(Default)]
pub(crate) struct PersonWords {
    /// match key → (tagged as part of a person, seen)
    counts: HashMap<String, (u32, u32)>,
}

impl PersonWords {
    pub(crate) fn load(path: &Path) -> PersonWords {
        let Ok(text) = std::fs::read_to_string(path) else {
            eprintln!(
                "marsad-kb build: no ANERcorp train split at {} (person entries are not checked against it)",
                path.display()
            );
            return PersonWords::default();
        };
        PersonWords::from_conll(&text)
    }

    /// From CoNLL lines `token … TAG` (the tag last).
    pub(crate) fn from_conll(text: &str) -> PersonWords {
        let mut counts: HashMap<String, (u32, u32)> = HashMap::new();
        for line in text.lines() {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let (Some(word), Some(tag)) = (fields.first(), fields.last()) else {
                continue;
            };
            if fields.len() < 2 {
                continue;
            }
            let c = counts.entry(marsad_text::match_key(word)).or_default();
            c.1 += 1;
            if tag.ends_with("PERS") {
                c.0 += 1;
            }
        }
        PersonWords { counts }
    }

    /// Annotated news says this word is common and almost never part of a person's name.
    pub(crate) fn never_a_name(&self, word: &str) -> bool {
        self.counts
            .get(&marsad_text::match_key(word))
            .is_some_and(|&(pers, seen)| {
                seen >= MIN_SEEN && (pers as f64) < MAX_SHARE * seen as f64
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_words_that_are_never_names_are_told_apart() {
        let conll = "الدول O\nالدول O\nالدول O\nمحمد B-PERS\nمحمد B-PERS\nمحمد O\nنادر O\n";
        let w = PersonWords::from_conll(conll);
        assert!(w.never_a_name("الدول"));
        assert!(!w.never_a_name("محمد"));
        assert!(!w.never_a_name("نادر"), "seen once: no evidence");
        assert!(!w.never_a_name("بايدن"), "never seen: no evidence");
    }
}
