//! Stopwords of Arabic news, kept in `stopwords.txt` in ordinary spelling and folded to match
//! keys once, on first use.

use std::sync::OnceLock;

use crate::strset::StrSet;

static LIST: &str = include_str!("stopwords.txt");

fn table() -> &'static StrSet {
    static T: OnceLock<StrSet> = OnceLock::new();
    T.get_or_init(|| {
        StrSet::new(
            LIST.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(crate::match_key),
        )
    })
}

/// True when `key` (the match key of one token) is a function word that search ignores:
/// prepositions and particles (في، من، إلى → الي), pronouns (هو، هم), demonstratives and
/// relatives (هذا، التي), auxiliaries (كان، يكون), prepositions with an attached pronoun (فيها،
/// عليه) and their و-forms (وفي، ومن). Content words are never listed, even frequent ones
/// (قال، رئيس، حكومة).
pub fn is_stopword(key: &str) -> bool {
    table().contains(key)
}

/// Number of distinct stopwords.
#[cfg(test)]
fn stopword_count() -> usize {
    table().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_function_words() {
        for w in [
            "في",
            "الي",
            "علي",
            "من",
            "التي",
            "هذه",
            "كان",
            "وفي",
            "عليها",
            "حتي",
            "و",
        ] {
            assert!(is_stopword(w), "{w}");
        }
        for w in [
            "قال",
            "رييس",
            "حكومه",
            "وزير",
            "تونس",
            "اجتماع",
            "الاحد",
            "عام",
        ] {
            assert!(!is_stopword(w), "{w}");
        }
        let n = stopword_count();
        assert!((150..=260).contains(&n), "{n}");
    }
}
