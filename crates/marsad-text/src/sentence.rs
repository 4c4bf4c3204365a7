//! Sentence boundaries.

use std::ops::Range;

/// A quotation shorter than this (bytes, quote marks included) is never split.
const SHORT_QUOTE: usize = 300;

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '…' | '؛' | '۔')
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '»' | '"' | '’' | '\'' | ')' | ']' | '}' | '“' | '›'
    )
}

fn ambiguous_quote(c: char) -> bool {
    matches!(c, '“' | '”' | '„' | '‟' | '"')
}

/// Sentences of `s` as byte ranges, trimmed of surrounding whitespace; empty ones are skipped.
///
/// Rules:
/// - a newline always ends a sentence (paragraphs and headlines are never joined);
/// - . ! ? ؟ … ۔ end a sentence, and so does ؛ : in news prose it separates two complete
///   clauses ("…بين الجانبين؛ وأكد الوزير…"), which is what event extraction wants;
///   ، and : never do;
/// - a period does not end a sentence inside a number (3.5), when a letter or digit follows it
///   directly (example.com، أ.ف.ب) or after a one-letter word (the initials "أ. محمد"، "J. Smith");
/// - a run of terminators ("!!" "...") stays together, and the closing quotes and brackets
///   after it belong to the sentence ("…النار”." and "…انتهى.»"), unless a letter follows the quote
///   directly (then it opens the next sentence);
/// - a short quotation (under 300 bytes) «…» or a pair of “ ” " quotes on one line is never
///   split: قال: «لن نتراجع. سنواصل» ثم غادر is one sentence. If a terminator stands just before the
///   closing quote, the sentence ends after the quote.
pub fn sentences(s: &str) -> Vec<Range<usize>> {
    let spans = quote_spans(s);
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut k = 0;
    let inside = |i: usize| spans.iter().any(|&(a, b)| i > a && i < b);
    let closes_span = |i: usize| spans.iter().any(|&(_, b)| i == b);
    while k < chars.len() {
        let (i, c) = chars[k];
        if c == '\n' || c == '\r' || c == '\u{2029}' {
            push_trimmed(s, start..i, &mut out);
            start = i + c.len_utf8();
            k += 1;
            continue;
        }
        let mut end_after: Option<usize> = None; // index in `chars` of the last char of the sentence
        if is_terminator(c) && !inside(i) {
            if c != '.' || period_ends(&chars, k) {
                end_after = Some(k);
            }
        } else if closes_span(i) {
            // «…انتهى.» : the quote ends the sentence when a terminator stands just inside it.
            let mut j = k;
            while j > 0 && chars[j - 1].1 == ' ' {
                j -= 1;
            }
            if j > 0 && is_terminator(chars[j - 1].1) {
                end_after = Some(k);
            }
        }
        if let Some(mut e) = end_after {
            // Absorb further terminators and closing quotes.
            while e + 1 < chars.len() {
                let n = chars[e + 1].1;
                let closer =
                    is_closer(n) && !chars.get(e + 2).is_some_and(|p| p.1.is_alphanumeric());
                if !(is_terminator(n) || closer) {
                    break;
                }
                e += 1;
            }
            let end = chars[e].0 + chars[e].1.len_utf8();
            push_trimmed(s, start..end, &mut out);
            start = end;
            k = e + 1;
            continue;
        }
        k += 1;
    }
    push_trimmed(s, start..s.len(), &mut out);
    out
}

fn period_ends(chars: &[(usize, char)], k: usize) -> bool {
    let prev = if k > 0 { Some(chars[k - 1].1) } else { None };
    let next = chars.get(k + 1).map(|p| p.1);
    if next.is_some_and(|n| n.is_alphanumeric()) {
        return false; // 3.5, example.com, أ.ف.ب
    }
    // One-letter word before the period: an initial.
    if prev.is_some_and(|p| p.is_alphabetic()) {
        let before = if k >= 2 { Some(chars[k - 2].1) } else { None };
        if !before.is_some_and(|b| b.is_alphabetic() || crate::chars::is_arabic_mark(b)) {
            return false;
        }
    }
    true
}

fn push_trimmed(s: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let t = &s[r.clone()];
    let lead = t.len() - t.trim_start().len();
    let trail = t.len() - t.trim_end().len();
    if lead + trail < t.len() {
        out.push(r.start + lead..r.end - trail);
    }
}

/// Byte positions (open, close) of short quotations, line by line.
fn quote_spans(s: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut line_start = 0;
    for line in s.split('\n') {
        let mut open: Option<usize> = None;
        let mut amb: Vec<usize> = Vec::new();
        for (i, c) in line.char_indices() {
            match c {
                '«' => open = Some(i),
                '»' => {
                    if let Some(o) = open.take() {
                        if i - o < SHORT_QUOTE {
                            spans.push((line_start + o, line_start + i));
                        }
                    }
                }
                c if ambiguous_quote(c) => amb.push(i),
                _ => {}
            }
        }
        if amb.len() & 1 == 0 {
            for p in amb.chunks(2) {
                if p[1] - p[0] < SHORT_QUOTE {
                    spans.push((line_start + p[0], line_start + p[1]));
                }
            }
        }
        line_start += line.len() + 1;
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(s: &str) -> Vec<&str> {
        sentences(s).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn basic_terminators() {
        assert_eq!(
            sents(" جاء الوزير. ثم غادر!  هل عاد؟\nعنوان"),
            vec!["جاء الوزير.", "ثم غادر!", "هل عاد؟", "عنوان"]
        );
        assert_eq!(
            sents("اتفاق بين الجانبين؛ وأكد الوزير ذلك"),
            vec!["اتفاق بين الجانبين؛", "وأكد الوزير ذلك"]
        );
        assert_eq!(sents("قال، ثم: أضاف"), vec!["قال، ثم: أضاف"]);
    }

    #[test]
    fn periods_that_do_not_end() {
        assert_eq!(
            sents("ارتفع بنسبة 3.5 بالمئة عبر example.com. وقال أ. محمد ذلك."),
            vec![
                "ارتفع بنسبة 3.5 بالمئة عبر example.com.",
                "وقال أ. محمد ذلك."
            ]
        );
        assert_eq!(sents("انتهى... ثم بدأ"), vec!["انتهى...", "ثم بدأ"]);
    }

    #[test]
    fn quotes_stay_together() {
        assert_eq!(
            sents("قال: «لن نتراجع. سنواصل» ثم غادر. وانتهى"),
            vec!["قال: «لن نتراجع. سنواصل» ثم غادر.", "وانتهى"]
        );
        assert_eq!(
            sents("قال: «انتهى الأمر.» وأضاف آخر."),
            vec!["قال: «انتهى الأمر.»", "وأضاف آخر."]
        );
        assert_eq!(
            sents("قال: ”جميع الأعضاء. شددوا”. ثم"),
            vec!["قال: ”جميع الأعضاء. شددوا”.", "ثم"]
        );
    }
}
