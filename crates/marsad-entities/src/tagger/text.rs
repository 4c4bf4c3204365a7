//! Tokenising raw text the way ANERcorp is tokenised, and entity spans over it.

use serde::{Deserialize, Serialize};

/// An entity found in a text: `&text[start..end]` (byte offsets, on character boundaries) is the
/// entity's words exactly; `label` is `PERS`, `LOC`, `ORG` or `MISC`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub label: String,
}

fn is_space_like(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}' | '\u{0640}'
        )
}

/// Tokens of `text` as byte ranges, like ANERcorp's: words and numbers as
/// [`marsad_text::tokens`] finds them (clitics stay attached: بواشنطن is one token), and every
/// other visible character (punctuation, symbols, emoji) as a token of its own.
pub fn text_tokens(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut pos = 0;
    let push_gap = |from: usize, to: usize, out: &mut Vec<(usize, usize)>| {
        for (i, c) in text[from..to].char_indices() {
            if !is_space_like(c) && !marsad_text_is_combining(c) {
                out.push((from + i, from + i + c.len_utf8()));
            }
        }
    };
    for t in marsad_text::tokens(text) {
        push_gap(pos, t.start, &mut out);
        out.push((t.start, t.end));
        pos = t.end;
    }
    push_gap(pos, text.len(), &mut out);
    out
}

fn marsad_text_is_combining(c: char) -> bool {
    // marks left over between tokens (a stray diacritic, a variation selector)
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{FE00}'..='\u{FE0F}')
}

/// Sentences for tagging: token index ranges ending after . ! ? ؟ … (runs of them) or at a line
/// break, and at most 200 tokens long.
pub(crate) fn tagging_sentences(
    text: &str,
    toks: &[(usize, usize)],
) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..toks.len() {
        let tok = &text[toks[i].0..toks[i].1];
        let final_punct = matches!(tok, "." | "!" | "?" | "؟" | "…");
        let next_is_final = toks
            .get(i + 1)
            .map(|n| matches!(&text[n.0..n.1], "." | "!" | "?" | "؟" | "…"))
            .unwrap_or(false);
        let newline_after = toks
            .get(i + 1)
            .map(|n| text[toks[i].1..n.0].contains('\n'))
            .unwrap_or(false);
        if (final_punct && !next_is_final) || newline_after || i + 1 - start >= 200 {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < toks.len() {
        out.push(start..toks.len());
    }
    out
}
