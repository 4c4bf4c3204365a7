//! Reading CoNLL-style `token TAG` files (ANERcorp).

use serde::{Deserialize, Serialize};

/// One sentence: tokens and their BIO tags (same length).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub tokens: Vec<String>,
    pub tags: Vec<String>,
}

/// Parses CoNLL-style text: one `token TAG` per line (space or tab separated; the tag is the last
/// field, the token the first; in nested files with several tag columns, such as Wojood's, the
/// first tag column, the flat tag), sentences separated by blank lines.
///
/// Robust to odd input: `\r\n` line ends, a BOM, leading/trailing spaces, several blank lines in a
/// row, lines with only one field (a token without a tag gets `O`; a lone valid tag such as the
/// `" O"` lines of the original ANERcorp — an emptied token — is skipped), tags outside the
/// BIO set (kept as `O`). Sentences are also closed after a token that is one or more periods
/// when the file has no blank lines at all (the original ANERcorp: CAMeL's rule 4).
pub fn read_conll(text: &str) -> Vec<Sentence> {
    parse(text, |t| super::Tag::parse(t).is_some())
}

/// [`read_conll`] keeping every BIO-shaped tag (`B-GPE`, `I-DATE` …), for scoring against gold
/// with types the tagger does not have.
pub fn read_conll_any_type(text: &str) -> Vec<Sentence> {
    parse(text, tag_shaped)
}

fn tag_shaped(s: &str) -> bool {
    s == "O" || ((s.starts_with("B-") || s.starts_with("I-")) && s.len() > 2)
}

fn parse(text: &str, known: impl Fn(&str) -> bool) -> Vec<Sentence> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let has_blank = text.lines().any(|l| l.trim().is_empty());
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    let mut prev_period = false;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            if !cur.tokens.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_period = false;
            continue;
        }
        let fields: Vec<&str> = line.split_whitespace().collect();
        let (token, tag) = match fields.len() {
            0 => continue,
            1 => {
                if known(fields[0]) {
                    continue; // an emptied token: " O"
                }
                (fields[0].to_string(), "O".to_string())
            }
            n if n > 2 && tag_shaped(fields[1]) && tag_shaped(fields[n - 1]) => {
                (fields[0].to_string(), fields[1].to_string())
            }
            n => (fields[..n - 1].join(" "), fields[n - 1].to_string()),
        };
        let tag = if known(&tag) { tag } else { "O".to_string() };
        let is_period = !token.is_empty() && token.chars().all(|c| c == '.');
        if !has_blank && prev_period && !is_period && !cur.tokens.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_period = is_period;
        cur.tokens.push(token);
        cur.tags.push(tag);
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_lines() {
        let s = read_conll("\u{FEFF}a B-PERS\r\nb I-PERS\r\n\r\n\r\n O\nc\nd X-FOO\n\te\tB-LOC\n");
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].tokens, vec!["a", "b"]);
        assert_eq!(s[0].tags, vec!["B-PERS", "I-PERS"]);
        assert_eq!(s[1].tokens, vec!["c", "d", "e"]);
        assert_eq!(s[1].tags, vec!["O", "O", "B-LOC"]);
    }

    #[test]
    fn no_blank_lines_split_on_periods() {
        let s = read_conll("a O\n. O\n. O\nb B-LOC\n. O\n");
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].tokens, vec!["a", ".", "."]);
        assert_eq!(s[1].tokens, vec!["b", "."]);
        assert!(read_conll("").is_empty());
        assert!(read_conll("\n\n  \n").is_empty());
    }
}
