//! Word tokens with byte offsets into the input.

use crate::chars::*;

/// A word of the input: `&s[start..end]` is exactly the original word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

/// The script of a token. Punctuation and spaces are never tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Arabic letters, with any diacritics, tatweel or zero-width joiners inside: مُحَمَّد، جـديد
    Arabic,
    /// Latin letters and ASCII digits: NATO, COVID19, 5G
    Latin,
    /// Digits with inner separators . , ٫ ٬ : 3.5، 1,000، ٢٠٢٠
    Number,
    /// Letters of any other script (Cyrillic, Greek, Hebrew, CJK …)
    Other,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Arabic,
    ArabicMark,
    Latin,
    Combining,
    Digit,
    NumSep,
    Joiner,
    OtherLetter,
    None,
}

#[inline]
fn class(c: char) -> Class {
    if c.is_ascii() {
        return match c {
            'a'..='z' | 'A'..='Z' => Class::Latin,
            '0'..='9' => Class::Digit,
            '.' | ',' => Class::NumSep,
            _ => Class::None,
        };
    }
    if is_arabic_letter(c) {
        Class::Arabic
    } else if is_arabic_mark(c) {
        Class::ArabicMark
    } else if digit_value(c).is_some() {
        Class::Digit
    } else if matches!(c, '\u{066B}' | '\u{066C}') {
        Class::NumSep
    } else if is_latin_letter(c) {
        Class::Latin
    } else if is_combining(c) {
        Class::Combining
    } else if matches!(c, '\u{200C}' | '\u{200D}' | '\u{00AD}' | '\u{2060}') {
        Class::Joiner
    } else if c.is_alphabetic() {
        Class::OtherLetter
    } else {
        Class::None
    }
}

/// Iterator over the tokens of a string; allocates nothing.
#[derive(Clone, Debug)]
pub struct Tokens<'a> {
    s: &'a str,
    pos: usize,
}

/// Iterates over the tokens of `s` without allocating (see [`tokenize`] for the rules).
pub fn tokens(s: &str) -> Tokens<'_> {
    Tokens { s, pos: 0 }
}

/// The tokens of `s`, in order.
///
/// Rules:
/// - an Arabic word is a maximal run of Arabic letters; diacritics and tatweel inside or at the end
///   belong to it (كَتَبَ، جـديد), a zero-width joiner/non-joiner or soft hyphen belongs to it only
///   between two letters;
/// - a Latin word is a run of Latin letters and ASCII digits (G20, COVID19); apostrophes split it
///   (l'Aube → l, Aube), so French elisions find the bare word;
/// - a number is a run of digits (ASCII, ٠-٩, ۰-۹) with inner separators . , ٫ ٬ between digits
///   (3.5، 1,000، ٣٫٥); digits glued to Latin letters make a Latin word (5G);
/// - a change of script ends a token: "CNNعربية" → CNN, عربية.
pub fn tokenize(s: &str) -> Vec<Token> {
    tokens(s).collect()
}

impl<'a> Tokens<'a> {
    #[inline]
    fn peek(&self, at: usize) -> Option<(char, Class)> {
        self.s[at..].chars().next().map(|c| (c, class(c)))
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let s = self.s;
        // Skip to the first character that can start a token.
        let (start, first) = loop {
            let (c, cl) = self.peek(self.pos)?;
            let at = self.pos;
            self.pos += c.len_utf8();
            match cl {
                Class::Arabic | Class::Latin | Class::Digit | Class::OtherLetter => break (at, cl),
                _ => {}
            }
        };
        let mut kind = match first {
            Class::Arabic => TokenKind::Arabic,
            Class::Latin => TokenKind::Latin,
            Class::Digit => TokenKind::Number,
            _ => TokenKind::Other,
        };
        let mut end = self.pos;
        while let Some((c, cl)) = self.peek(self.pos) {
            let len = c.len_utf8();
            let take = match (kind, cl) {
                (TokenKind::Arabic, Class::Arabic | Class::ArabicMark) => true,
                (TokenKind::Latin, Class::Latin | Class::Combining) => true,
                (TokenKind::Latin, Class::Digit) => c.is_ascii_digit(),
                (TokenKind::Number, Class::Digit) => true,
                (TokenKind::Number, Class::NumSep) => {
                    matches!(self.peek(self.pos + len), Some((_, Class::Digit)))
                }
                // 5G, 4x4: a number glued to Latin letters is a Latin word.
                (TokenKind::Number, Class::Latin)
                    if s[start..self.pos].bytes().all(|b| b.is_ascii_digit()) =>
                {
                    kind = TokenKind::Latin;
                    true
                }
                (TokenKind::Other, Class::OtherLetter | Class::Combining) => true,
                (_, Class::Joiner) => {
                    let next = self.peek(self.pos + len).map(|p| p.1);
                    matches!(
                        (kind, next),
                        (TokenKind::Arabic, Some(Class::Arabic))
                            | (TokenKind::Latin, Some(Class::Latin))
                            | (TokenKind::Other, Some(Class::OtherLetter))
                    )
                }
                _ => false,
            };
            if !take {
                break;
            }
            self.pos += len;
            end = self.pos;
        }
        Some(Token { start, end, kind })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<(&str, TokenKind)> {
        tokenize(s)
            .into_iter()
            .map(|t| (&s[t.start..t.end], t.kind))
            .collect()
    }

    #[test]
    fn mixed_scripts_and_numbers() {
        use TokenKind::*;
        assert_eq!(
            words("ارتفع بنسبة 3.5% إلى 1,000 دينار، و٢٠٢٠ عبر COVID19 l'Aube Москва."),
            vec![
                ("ارتفع", Arabic),
                ("بنسبة", Arabic),
                ("3.5", Number),
                ("إلى", Arabic),
                ("1,000", Number),
                ("دينار", Arabic),
                ("و", Arabic),
                ("٢٠٢٠", Number),
                ("عبر", Arabic),
                ("COVID19", Latin),
                ("l", Latin),
                ("Aube", Latin),
                ("Москва", Other),
            ]
        );
    }

    #[test]
    fn diacritics_tatweel_and_joiners_stay_inside() {
        use TokenKind::*;
        assert_eq!(
            words("مُحَمَّدٌ جـــديد"),
            vec![("مُحَمَّدٌ", Arabic), ("جـــديد", Arabic)]
        );
        assert_eq!(
            words("وا\u{200C}شنطن \u{200C}"),
            vec![("وا\u{200C}شنطن", Arabic)]
        );
        assert_eq!(
            words("CNNعربية 5G 2020."),
            vec![
                ("CNN", Latin),
                ("عربية", Arabic),
                ("5G", Latin),
                ("2020", Number)
            ]
        );
    }

    #[test]
    fn number_separators_need_digits_on_both_sides() {
        assert_eq!(
            words("عام 2020، ثم 3."),
            vec![
                ("عام", TokenKind::Arabic),
                ("2020", TokenKind::Number),
                ("ثم", TokenKind::Arabic),
                ("3", TokenKind::Number)
            ]
        );
    }
}
