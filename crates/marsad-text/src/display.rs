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
    // Fast path: most lines of news text need no change at all; copy those and send only the
    // others through the full per-line rewrite.
    // (One `contains` per character: each is a memchr, where a `[char; 3]` pattern decodes every
    // character of the text.)
    if s.contains('\r') || s.contains('\u{2028}') || s.contains('\u{2029}') {
        return normalize_slow(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rw = Rewriter::default();
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if line_is_clean(line) {
            out.push_str(line);
        } else {
            rw.push_line(line, &mut out);
        }
    }
    out
}

/// True when [`normalize_slow`] would return `line` (one line, no newline) unchanged. Errs on the
/// side of "not clean": anything the rewrite might touch sends the line to it.
///
/// Works on bytes: ASCII letters, digits and most punctuation, and the letters of the Arabic
/// block (lead bytes D8–DB), are skipped without decoding; spaces are checked on bytes (every
/// character the rule looks at around a space is ASCII or in the Arabic block). Everything
/// else is decoded and checked by the general rule.
fn line_is_clean(line: &str) -> bool {
    let b = line.as_bytes();
    // The rewrite pairs the ambiguous quotes in order, only when there is an even number of
    // them: count them as we go, remember whether any would be touched if they were paired, and
    // decide at the end.
    let mut quotes = 0usize;
    let mut quote_touched = false;
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        let prev_space = || i > 0 && b.get(i - 1) == Some(&b' ');
        match x {
            b' ' => {
                // Leading, double or trailing space, or a space before ، ؛ ؟ . , : ! ? ;
                let n1 = b.get(i + 1).copied();
                let n2 = b.get(i + 2).copied();
                let before_punct = matches!(n1, Some(b'.' | b',' | b':' | b'!' | b'?' | b';'))
                    || (n1 == Some(0xD8) && matches!(n2, Some(0x8C | 0x9B | 0x9F)));
                if i == 0 || prev_space() || n1.is_none() || n1 == Some(b' ') || before_punct {
                    return false;
                }
                i += 1;
                continue;
            }
            // Other ASCII that the rule never looks at: letters, digits, most punctuation.
            _ if x < 0x80
                && !matches!(
                    x,
                    b'.' | b',' | b':' | b'!' | b'?' | b'"' | b'\t' | 0x0B | 0x0C
                ) =>
            {
                i += 1;
                continue;
            }
            // U+0600–U+06FF: only ، ؛ ؟ (D8 8C, 9B, 9F), U+061C (D8 9C) and tatweel (D9 80)
            // matter; skip the others in a tight loop over the letters of the word.
            0xD8..=0xDB => {
                let mut j = i;
                while let (Some(&x @ 0xD8..=0xDB), Some(&y)) = (b.get(j), b.get(j + 1)) {
                    if matches!((x, y), (0xD8, 0x8C | 0x9B | 0x9C | 0x9F) | (0xD9, 0x80)) {
                        break;
                    }
                    j += 2;
                }
                if j > i {
                    i = j;
                    continue;
                }
            }
            _ => {}
        }
        // The general rule, on decoded characters.
        let Some(c) = line.get(i..).and_then(|r| r.chars().next()) else {
            return false;
        };
        let len = c.len_utf8();
        let next = line.get(i + len..).and_then(|r| r.chars().next());
        let suspicious = match c {
            ' ' => i == 0 || prev_space() || next.is_none_or(|n| n == ' ' || no_space_before(n)),
            '،' | '؛' | '؟' => next.is_some_and(|n| n.is_alphabetic()),
            '.' | ',' | ':' | '!' | '?' => next.is_some_and(is_arabic_letter),
            '«' => next == Some(' '),
            '»' => prev_space(),
            c if ambiguous_quote(c) => {
                let opening = quotes.is_multiple_of(2);
                quotes += 1;
                quote_touched |= if opening {
                    next == Some(' ')
                } else {
                    prev_space()
                };
                false
            }
            c if c.is_ascii_alphanumeric() => false,
            c => c == '\u{0640}' || is_invisible(c) || is_hspace(c) || is_presentation_form(c),
        };
        if suspicious {
            return false;
        }
        i += len;
    }
    let paired = quotes >= 2 && quotes.is_multiple_of(2);
    !(paired && quote_touched)
}

/// The state of the full rewrite, reused from line to line.
#[derive(Default)]
struct Rewriter {
    scratch: Scratch,
    /// The line so far, already with spaces collapsed and no space before punctuation (the
    /// first pass of the rewrite, done as characters arrive; see [`Rewriter::emit`]).
    line: Vec<char>,
    /// Whether the later passes may have work: some ، ؛ ؟ . , : ! ? directly followed by a
    /// character other than a space (a space may have to be inserted), some quote.
    may_insert: bool,
    has_quote: bool,
    pres: String,
}

impl Rewriter {
    /// Appends `c` to the line, collapsing spaces (none at the start, never two in a row) and
    /// dropping a space before ، ؛ ؟ . , : ; ! ?. Spaces are single where a space is dropped, so
    /// this streaming filter gives the same as collapsing first and dropping in a second pass.
    #[inline]
    fn emit(&mut self, c: char) {
        let line = &mut self.line;
        if c == ' ' {
            if line.is_empty() || line.last() == Some(&' ') {
                return;
            }
        } else {
            if no_space_before(c) && line.last() == Some(&' ') {
                line.pop();
            }
            // What precedes `c` now stays next to it: only a trailing space is ever removed.
            self.may_insert |= matches!(
                line.last(),
                Some('،' | '؛' | '؟' | '.' | ',' | ':' | '!' | '?')
            );
            self.has_quote |= matches!(c, '«' | '»') || ambiguous_quote(c);
        }
        line.push(c);
    }

    /// Adds one character of a line (not a line break) to the line being rewritten: invisible
    /// characters and tatweel removed, spaces unified, presentation forms folded.
    #[inline]
    fn push_char(&mut self, c: char) {
        // Nearly every character: ASCII other than \t \v \f, Arabic letters and marks other
        // than tatweel. None of the rules below touches those.
        let plain = if c.is_ascii() {
            !matches!(c, '\t' | '\u{000B}' | '\u{000C}')
        } else {
            ('\u{0621}'..='\u{06FF}').contains(&c) && c != '\u{0640}'
        };
        if plain {
            self.emit(c);
            return;
        }
        if is_invisible(c) || c == '\u{0640}' {
            return;
        }
        if is_hspace(c) {
            self.emit(' ');
            return;
        }
        if is_presentation_form(c) {
            // `pres` is taken out for the loop, which also borrows `self` to emit.
            let mut pres = std::mem::take(&mut self.pres);
            pres.clear();
            pres.push(c);
            let isolated_mark = ('\u{FE70}'..='\u{FE7F}').contains(&c);
            for d in pres.nfkc() {
                if d == '\u{0640}' || (d == ' ' && isolated_mark) {
                    continue;
                }
                self.emit(d);
            }
            self.pres = pres;
            return;
        }
        self.emit(c);
    }

    /// Fixes the line collected so far and appends it to `out`.
    fn finish_line(&mut self, out: &mut String) {
        while self.line.last() == Some(&' ') {
            self.line.pop();
        }
        fix_line(
            &mut self.line,
            self.may_insert,
            self.has_quote,
            &mut self.scratch,
        );
        out.extend(self.line.iter());
        self.line.clear();
        self.may_insert = false;
        self.has_quote = false;
    }

    /// The rewrite of `line` (no line break inside), appended to `out`: the same as
    /// `out.push_str(&normalize_slow(line))`.
    fn push_line(&mut self, line: &str, out: &mut String) {
        for c in line.chars() {
            self.push_char(c);
        }
        self.finish_line(out);
    }
}

/// The full rewrite, line by line.
fn normalize_slow(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rw = Rewriter::default();
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
            rw.finish_line(&mut out);
            if c.is_none() {
                break;
            }
            continue;
        }
        if let Some(c) = c {
            rw.push_char(c);
        }
    }
    out
}

/// Buffers of [`fix_line`], reused from line to line.
#[derive(Default)]
struct Scratch {
    x: Vec<char>,
    drop: Vec<bool>,
    qs: Vec<usize>,
}

/// Spacing and punctuation fixes inside one line (no newline inside `line`), after the first
/// pass of [`Rewriter::emit`] (spaces collapsed, none before punctuation) and trimming.
/// When `may_insert` is false no punctuation is directly followed by a non-space, so no space
/// is inserted; when `has_quote` is false there are no quotes to fix.
fn fix_line(line: &mut Vec<char>, may_insert: bool, has_quote: bool, scratch: &mut Scratch) {
    let Scratch { x, drop, qs } = scratch;
    let w = line;
    // One space after punctuation before a letter.
    x.clear();
    if !may_insert {
        std::mem::swap(w, x);
    } else {
        for i in 0..w.len() {
            x.push(w[i]);
            let c = w[i];
            let Some(&next) = w.get(i + 1) else { continue };
            let insert = match c {
                '،' | '؛' | '؟' => next.is_alphabetic(),
                '.' | ',' | ':' | '!' | '?' => {
                    is_arabic_letter(next)
                        && arabic_word_len_before(w, i) >= 2
                        && arabic_word_len_after(w, i) >= 2
                }
                _ => false,
            };
            if insert {
                x.push(' ');
            }
        }
    }
    if !has_quote {
        std::mem::swap(w, x);
        return;
    }
    // Quotes.
    drop.clear();
    drop.resize(x.len(), false);
    for i in 0..x.len() {
        match x[i] {
            '«' if x.get(i + 1) == Some(&' ') => drop[i + 1] = true,
            '»' if i > 0 && x[i - 1] == ' ' => drop[i - 1] = true,
            _ => {}
        }
    }
    qs.clear();
    qs.extend((0..x.len()).filter(|&i| ambiguous_quote(x[i])));
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
    w.clear();
    w.extend(
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

    /// The fast path must agree with the full rewrite on every input.
    pub(crate) fn agrees_with_slow_path(s: &str) -> bool {
        normalize_display(s) == normalize_slow(s)
    }

    /// Every file of the shipped sample, and of the folder in MARSAD_CHECK_DIR when set (the whole
    /// ANT corpus was checked this way).
    #[test]
    fn fast_path_agrees_on_real_articles() {
        let mut dirs =
            vec![std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/sample")];
        dirs.extend(std::env::var_os("MARSAD_CHECK_DIR").map(std::path::PathBuf::from));
        let mut n = 0;
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    dirs.push(p);
                } else if let Ok(text) = std::fs::read_to_string(&p) {
                    assert!(agrees_with_slow_path(&text), "{p:?}");
                    n += 1;
                }
            }
        }
        assert!(n >= 38, "{n}");
    }

    #[test]
    fn fast_path_agrees_with_the_full_rewrite() {
        for s in [
            "أعلنت السلطات في أذربيجان قبولها المبدئي، وجاء ذلك.",
            "قال:  ” جميع الأعضاء ”.",
            "نص\u{00A0}مع  مسافة ،وفاصلة",
            "  بداية\nسطر ثان \n\nثالث",
            "« اقتباس » و 3.5 و 1,000 و example.com",
            "كلمة،كلمة؛كلمة؟ نعم",
            "جـــديد\u{200F}",
            "",
            "\n",
        ] {
            assert!(agrees_with_slow_path(s), "{s:?}");
        }
    }
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

    #[test]
    fn a_paragraph_separator_before_punctuation_is_normalised_once_for_all() {
        // Found by the read_warc fuzz target: a page line "Content-Len\u{2029}:…".
        for s in [
            "Content-Len\u{2029}:\u{1b}155",
            "قال\u{2028}، إن",
            "a\r:b",
            "x\u{2029} \u{2029}.",
        ] {
            let once = normalize_display(s);
            assert_eq!(normalize_display(&once), once, "{s:?}");
        }
    }
}
