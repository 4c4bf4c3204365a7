//! The display form: what a reader sees. Letters and diacritics are kept; only invisible noise,
//! spacing and punctuation placement are repaired.

use crate::chars::*;
use unicode_normalization::UnicodeNormalization;

/// Punctuation that takes no space before it.
fn no_space_before(c: char) -> bool {
    matches!(c, '،' | '؛' | '؟' | '.' | ',' | ':' | '!' | '?' | ';')
}

/// Quotes whose direction is not given by the glyph (Arabic writers use ” to open as often as “).
fn ambiguous_quote(c: char) -> bool {
    matches!(c, '“' | '”' | '„' | '‟' | '"')
}

/// The display form of `s`.
///
/// Rules:
/// - NBSP, narrow NBSP and other Unicode spaces, tabs → ASCII space; CR LF and CR → LF,
///   U+2028/U+2029 → LF;
/// - zero-width characters (U+200B–U+200D, U+2060, U+FEFF), soft hyphen, bidi controls
///   (U+200E/F, U+202A–U+202E, U+2066–U+2069, U+061C) and tatweel are removed: جـديد → جديد;
/// - Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFE) are folded with NFKC: ﻻ → لا.
///   Only those characters: NFKC on the whole text would also rewrite Latin ligatures,
///   superscripts, fullwidth forms and the like that the source meant;
/// - runs of spaces inside a line become one space; lines are trimmed; newlines are kept;
/// - no space before ، ؛ ؟ . , : ; ! ?: "قال ، إن" → "قال، إن";
/// - one space after ، ؛ ؟ when a letter follows: "قال،إن" → "قال، إن"; after . , : ! ? only
///   between Arabic words of two letters or more on both sides, so 3.5, 1,000, 10:30,
///   example.com, U.S. and the initials أ.ف.ب stay as they are;
/// - quotes: « loses the space after it and » the space before it; the ambiguous quotes “ ” " are
///   paired in order within a line (only when their count is even) and lose the space just
///   inside: "قال: ” جميع الأعضاء”" → "قال: ”جميع الأعضاء”".
///
/// The function is idempotent.
pub fn normalize_display(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut line: Vec<char> = Vec::new();
    let mut pres = String::new();
    let mut chars = s.chars().peekable();
    let mut first_line = true;
    loop {
        let c = chars.next();
        let eol = match c {
            None => true,
            Some('\n') | Some('\u{2028}') | Some('\u{2029}') => true,
            Some('\r') => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                true
            }
            _ => false,
        };
        if eol {
            if !first_line {
                out.push('\n');
            }
            first_line = false;
            fix_line(&mut line);
            out.extend(line.iter());
            line.clear();
            if c.is_none() {
                break;
            }
            continue;
        }
        let c = c.unwrap();
        if is_invisible(c) || c == '\u{0640}' {
            continue;
        }
        if is_hspace(c) {
            line.push(' ');
            continue;
        }
        if is_presentation_form(c) {
            pres.clear();
            pres.push(c);
            let isolated_mark = ('\u{FE70}'..='\u{FE7F}').contains(&c);
            for d in pres.nfkc() {
                if d == '\u{0640}' || (d == ' ' && isolated_mark) {
                    continue;
                }
                line.push(d);
            }
            continue;
        }
        line.push(c);
    }
    out
}

/// Spacing and punctuation fixes inside one line (no newline inside `line`).
fn fix_line(line: &mut Vec<char>) {
    // Collapse spaces and trim.
    let mut v: Vec<char> = Vec::with_capacity(line.len());
    for &c in line.iter() {
        if c == ' ' && (v.is_empty() || v.last() == Some(&' ')) {
            continue;
        }
        v.push(c);
    }
    while v.last() == Some(&' ') {
        v.pop();
    }
    // No space before punctuation.
    let mut w: Vec<char> = Vec::with_capacity(v.len() + 8);
    for i in 0..v.len() {
        if v[i] == ' ' && i + 1 < v.len() && no_space_before(v[i + 1]) {
            continue;
        }
        w.push(v[i]);
    }
    // One space after punctuation before a letter.
    let mut x: Vec<char> = Vec::with_capacity(w.len() + 8);
    for i in 0..w.len() {
        x.push(w[i]);
        let c = w[i];
        let Some(&next) = w.get(i + 1) else { continue };
        let insert = match c {
            '،' | '؛' | '؟' => next.is_alphabetic(),
            '.' | ',' | ':' | '!' | '?' => {
                is_arabic_letter(next)
                    && arabic_word_len_before(&w, i) >= 2
                    && arabic_word_len_after(&w, i) >= 2
            }
            _ => false,
        };
        if insert {
            x.push(' ');
        }
    }
    // Quotes.
    let mut drop = vec![false; x.len()];
    for i in 0..x.len() {
        match x[i] {
            '«' if x.get(i + 1) == Some(&' ') => drop[i + 1] = true,
            '»' if i > 0 && x[i - 1] == ' ' => drop[i - 1] = true,
            _ => {}
        }
    }
    let qs: Vec<usize> = (0..x.len()).filter(|&i| ambiguous_quote(x[i])).collect();
    if qs.len() >= 2 && qs.len() & 1 == 0 {
        for (k, &i) in qs.iter().enumerate() {
            if k % 2 == 0 {
                // Opening: "” جميع" → "”جميع".
                if x.get(i + 1) == Some(&' ') && x.get(i + 2).is_some_and(|c| c.is_alphanumeric()) {
                    drop[i + 1] = true;
                }
            } else if i >= 2
                && x[i - 1] == ' '
                && !x[i - 2].is_whitespace()
                && !ambiguous_quote(x[i - 2])
            {
                drop[i - 1] = true;
            }
        }
    }
    line.clear();
    line.extend(
        x.iter()
            .zip(drop.iter())
            .filter(|(_, &d)| !d)
            .map(|(&c, _)| c),
    );
}

/// Number of Arabic letters (marks ignored) immediately after index `i`.
fn arabic_word_len_after(w: &[char], i: usize) -> usize {
    w[i + 1..]
        .iter()
        .filter(|c| !is_arabic_mark(**c))
        .take_while(|c| is_arabic_letter(**c))
        .count()
}

/// Number of Arabic letters (marks ignored) immediately before index `i`.
fn arabic_word_len_before(w: &[char], i: usize) -> usize {
    let mut n = 0;
    let mut j = i;
    while j > 0 {
        j -= 1;
        let c = w[j];
        if is_arabic_letter(c) {
            n += 1;
        } else if !is_arabic_mark(c) {
            break;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_spaces_tatweel() {
        assert_eq!(
            normalize_display("  جـــديد\u{00A0}\u{00A0}في\u{200F}\u{200B} تونس \r\nسطر\t\tثان  "),
            "جديد في تونس\nسطر ثان"
        );
        assert_eq!(normalize_display("\u{FEFB}\u{FEF7}"), "لالأ");
        assert_eq!(
            normalize_display("ﬁ x²"),
            "ﬁ x²",
            "Latin ligatures and superscripts are untouched"
        );
        assert_eq!(normalize_display("مُحَمَّد"), "مُحَمَّد", "diacritics are kept");
    }

    #[test]
    fn punctuation_spacing() {
        assert_eq!(
            normalize_display("قال ، إن الوضع سيئ ."),
            "قال، إن الوضع سيئ."
        );
        assert_eq!(
            normalize_display("قال،إن الوضع.وأكد"),
            "قال، إن الوضع. وأكد"
        );
        assert_eq!(
            normalize_display("بلغ 3.5 و1,000 في 10:30 عبر example.com و U.S. وأ.ف.ب"),
            "بلغ 3.5 و1,000 في 10:30 عبر example.com و U.S. وأ.ف.ب"
        );
    }

    #[test]
    fn quotes() {
        assert_eq!(
            normalize_display("قال : ” جميع الأعضاء شددوا”."),
            "قال: ”جميع الأعضاء شددوا”."
        );
        assert_eq!(
            normalize_display("فيلم « غدوة حيّ » الجديد"),
            "فيلم «غدوة حيّ» الجديد"
        );
        assert_eq!(
            normalize_display("برنامج \" سينما سينما \" اليوم"),
            "برنامج \"سينما سينما\" اليوم"
        );
        // An odd number of ambiguous quotes: nothing is guessed.
        assert_eq!(normalize_display("قال ” جميع"), "قال ” جميع");
    }

    #[test]
    fn idempotent_on_tricky_input() {
        for s in [
            "قال ،” جميع ” .وأكد",
            " « »  \" \" ،،",
            "أ . ب ، ج",
            "x ,y : z",
            "ﹰ ﹱ",
        ] {
            let once = normalize_display(s);
            assert_eq!(normalize_display(&once), once, "{s:?}");
        }
    }
}
