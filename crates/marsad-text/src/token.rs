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

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
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

/// [`class`] of every one- and two-byte character (U+0000–U+07FF), built once from [`class`]
/// itself so the two cannot disagree.
struct ClassTable([Class; 0x800]);

impl ClassTable {
    #[inline]
    fn get(&self, cp: usize) -> Class {
        self.0.get(cp).copied().unwrap_or(Class::None)
    }
}

impl std::fmt::Debug for ClassTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ClassTable")
    }
}

fn class_table() -> &'static ClassTable {
    static T: std::sync::OnceLock<ClassTable> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let mut t = [Class::None; 0x800];
        for (cp, slot) in t.iter_mut().enumerate() {
            if let Some(c) = char::from_u32(cp as u32) {
                *slot = class(c);
            }
        }
        ClassTable(t)
    })
}

/// Iterator over the tokens of a string; allocates nothing.
#[derive(Clone, Debug)]
pub struct Tokens<'a> {
    s: &'a str,
    pos: usize,
    table: &'static ClassTable,
}

/// Iterates over the tokens of `s` without allocating (see [`tokenize`] for the rules).
pub fn tokens(s: &str) -> Tokens<'_> {
    Tokens {
        s,
        pos: 0,
        table: class_table(),
    }
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

/// The class and UTF-8 length of the character of `s` at byte `at`, or `None` at the end.
/// One- and two-byte characters (ASCII, Latin, Greek, Cyrillic, Hebrew, Arabic: nearly all of
/// the input) are classified from their bytes through the table; only the others are decoded
/// and go through [`class`].
#[inline(always)]
fn peek(s: &str, table: &ClassTable, at: usize) -> Option<(Class, usize)> {
    let b = s.as_bytes();
    let x = *b.get(at)?;
    if x < 0x80 {
        return Some((table.get(usize::from(x)), 1));
    }
    if x < 0xE0 {
        // Lead byte 110xxxxx of a two-byte character (the input is valid UTF-8).
        let y = *b.get(at + 1)?;
        let cp = (usize::from(x & 0x1F) << 6) | usize::from(y & 0x3F);
        return Some((table.get(cp), 2));
    }
    peek_wide(s, at)
}

/// [`peek`] for characters of three and four bytes (rare: kept out of line).
#[inline(never)]
fn peek_wide(s: &str, at: usize) -> Option<(Class, usize)> {
    let c = s.get(at..)?.chars().next()?;
    Some((class(c), c.len_utf8()))
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        // Locals rather than fields in the loops, so that nothing is stored back per character.
        let s = self.s;
        let table = self.table;
        let mut pos = self.pos;
        // Skip to the first character that can start a token.
        let (start, first) = loop {
            let Some((cl, len)) = peek(s, table, pos) else {
                self.pos = pos;
                return None;
            };
            let at = pos;
            pos += len;
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
        if kind == TokenKind::Arabic {
            // Most tokens are Arabic words of two-byte letters: run over those without the
            // general dispatch below, which then sees the character that stopped the run.
            let b = s.as_bytes();
            while let (Some(&x @ 0xD8..=0xDB), Some(&y)) = (b.get(pos), b.get(pos + 1)) {
                let cp = (usize::from(x & 0x1F) << 6) | usize::from(y & 0x3F);
                if !matches!(table.get(cp), Class::Arabic | Class::ArabicMark) {
                    break;
                }
                pos += 2;
            }
        }
        while let Some((cl, len)) = peek(s, table, pos) {
            let take = match (kind, cl) {
                (TokenKind::Arabic, Class::Arabic | Class::ArabicMark) => true,
                (TokenKind::Latin, Class::Latin | Class::Combining) => true,
                // Only ASCII digits join a Latin word; those are the one-byte digits.
                (TokenKind::Latin, Class::Digit) => len == 1,
                (TokenKind::Number, Class::Digit) => true,
                (TokenKind::Number, Class::NumSep) => {
                    matches!(peek(s, table, pos + len), Some((Class::Digit, _)))
                }
                // 5G, 4x4: a number glued to Latin letters is a Latin word.
                (TokenKind::Number, Class::Latin)
                    if s[start..pos].bytes().all(|b| b.is_ascii_digit()) =>
                {
                    kind = TokenKind::Latin;
                    true
                }
                (TokenKind::Other, Class::OtherLetter | Class::Combining) => true,
                (_, Class::Joiner) => {
                    let next = peek(s, table, pos + len).map(|p| p.0);
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
            pos += len;
        }
        self.pos = pos;
        Some(Token {
            start,
            end: pos,
            kind,
        })
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
