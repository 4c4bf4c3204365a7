//! Arabic orthography for marsad: the display form of a text, match keys, tokens with byte
//! offsets, sentences, a light stemmer, stopwords and the search analyzer built from them.
//!
//! Everything here is a pure function over `&str`: no I/O, no global state beyond lazily built
//! constant tables. This crate does not know about articles, entities or events; it only answers
//! "what are the words and sentences of this text and how do they compare".
//!
//! Two layers of normalisation:
//! - [`normalize_display`]: what a reader sees (letters and diacritics kept, noise removed);
//! - [`match_key`]: a folded form for comparison only (hamza, ى/ي, ة/ه, diacritics folded).
//!
//! Search uses [`analyze`] for both documents and queries.

mod chars;
mod display;
mod key;
mod sentence;
mod stem;
mod stopwords;
mod strset;
mod token;

pub use display::normalize_display;
pub use key::{match_key, match_key_into};
pub use sentence::sentences;
pub use stem::stem;
pub use stopwords::is_stopword;
pub use token::{tokenize, tokens, Token, TokenKind, Tokens};

/// The search analyzer, used for both indexing and queries: tokens of `text` → match key →
/// stopwords dropped → light stem (Arabic only). Calls `f(term, start, end)` with byte offsets
/// of the original word in `text`.
///
/// - Arabic words: `stem(match_key(word))`, skipped when the key is a stopword, or a stopword
///   behind the conjunction و/ف (وفي، فإن، ومنها); the alef of a written accusative tanwin is
///   dropped first (أهدافاً → اهداف, كبيراً → كبير), only when the tanwin is actually written;
/// - Latin words: lowercased, not stemmed;
/// - numbers: ASCII digits; ٫ becomes `.`; a thousands separator (, or ٬ before exactly three
///   digits) is dropped, so ١٬٠٠٠ and 1,000 both give 1000;
/// - other scripts: lowercased.
///
/// One reused buffer: no allocation per token.
pub fn analyze(text: &str, mut f: impl FnMut(&str, usize, usize)) {
    let mut buf = String::with_capacity(64);
    for t in tokens(text) {
        if let Some(term) = token_term(text, t, &mut buf) {
            f(term, t.start, t.end);
        }
    }
}

/// The search term of one token of `text` (see [`analyze`]), or `None` when the token is a
/// stopword. `buf` is scratch space reused across calls. Indexers that need positions (stopwords
/// keep theirs, so phrases stay exact) call this per token instead of [`analyze`].
pub fn token_term<'b>(text: &str, t: Token, buf: &'b mut String) -> Option<&'b str> {
    let word = &text[t.start..t.end];
    buf.clear();
    match t.kind {
        TokenKind::Arabic => {
            match_key_into(word, buf);
            if buf.is_empty() || is_stopword(buf) {
                return None;
            }
            if let Some(rest) = buf.strip_prefix('و').or_else(|| buf.strip_prefix('ف')) {
                if !rest.is_empty() && is_stopword(rest) {
                    return None;
                }
            }
            // Accusative tanwin written with its alef (أهدافاً): the alef is an ending, and the
            // diacritic, still present in `word`, tells us so.
            if buf.len() >= 8 && buf.ends_with('ا') && (word.ends_with("اً") || word.ends_with("ًا"))
            {
                buf.truncate(buf.len() - 2);
            }
            Some(stem(buf))
        }
        TokenKind::Number => {
            number_key(word, buf);
            Some(buf)
        }
        TokenKind::Latin | TokenKind::Other => {
            match_key_into(word, buf);
            Some(buf)
        }
    }
}

fn number_key(word: &str, out: &mut String) {
    for (i, c) in word.char_indices() {
        if let Some(d) = chars::digit_value(c) {
            out.push(char::from(b'0' + d as u8));
            continue;
        }
        match c {
            ',' | '٬' => {
                let rest = &word[i + c.len_utf8()..];
                let digits = rest
                    .chars()
                    .take_while(|c| chars::digit_value(*c).is_some())
                    .count();
                if digits != 3 {
                    out.push('.');
                }
            }
            _ => out.push('.'),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(s: &str) -> Vec<(String, &str)> {
        let mut v = Vec::new();
        analyze(s, |t, a, b| v.push((t.to_string(), &s[a..b])));
        v
    }

    #[test]
    fn analyzer_pipeline() {
        let s = "وأكّدت الوزارة في بيانٍ أن قوات NATO وصلت إلى ١٬٠٠٠ موقع، وفي 3.5";
        let got = terms(s);
        let ts: Vec<&str> = got.iter().map(|p| p.0.as_str()).collect();
        assert_eq!(
            ts,
            vec![
                "اكدت", "وزار", "بيان", "قو", "nato", "وصلت", "1000", "موقع", "3.5"
            ]
        );
        assert_eq!(
            got[2].1, "بيانٍ",
            "offsets point at the original word with its diacritics"
        );
    }
}
