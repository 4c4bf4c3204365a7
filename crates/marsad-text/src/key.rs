//! The match key: a folded form used only to compare words, never shown to a reader.

use crate::chars::*;

/// The match key of `s`: the form used to compare words, never to display them.
///
/// Rules (each maps spelling variants that Arabic writers use interchangeably):
/// - hamza seats on alef fold to bare alef: أحمد، إسلام، آخر، ٱلله → احمد، اسلام، اخر، الله
/// - alef maqsura folds to ya: على، مستشفى → علي، مستشفي (ى and ي are confused in print)
/// - ta marbuta folds to ha: وزارة → وزاره (ة is often typed as ه in news and social media)
/// - hamza on waw / ya folds to the seat: مؤتمر → موتمر، رئيس → رييس, because writers drop
///   or move these hamzas freely (مسؤول / مسئول). A standalone ء is kept: سماء → سماء.
/// - diacritics (U+064B–U+065F), superscript alef (U+0670, removed: هٰذا → هذا, the usual
///   spelling), Quranic marks (U+06D6–U+06ED) and tatweel are removed: مُحَمَّد → محمد، جـديد → جديد
/// - Arabic-Indic and Persian digits become ASCII: ٢٠٢٠ → 2020، ۱۴ → 14
/// - Persian/Urdu letters fold to the Arabic letter they transliterate in names:
///   ک→ك، گ→ك (گ is the Persian g; Arabic writes ك/غ/ج for it, ك is the same glyph family),
///   ی/ے→ي، ہ/ە/ھ/ۃ→ه، پ→ب، چ→ج، ڤ→ف (Maghrebi v: ڤيروس = فيروس), ژ→ز
/// - presentation forms are decomposed (NFKC): ﻻ → لا، ﷲ → الله
/// - Latin and other cased letters are lowercased: NATO → nato
/// - invisible characters (zero-width, bidi controls, soft hyphen) are removed and every
///   Unicode space becomes an ASCII space, so `match_key(raw) == match_key(normalize_display(raw))`
///   for the letters of any text.
///
/// Punctuation is kept; the length of the key may differ from the input.
pub fn match_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    match_key_into(s, &mut out);
    out
}

/// Appends the match key of `s` to `out` (see [`match_key`]); reuse `out` to avoid allocation.
pub fn match_key_into(s: &str, out: &mut String) {
    out.reserve(s.len());
    let b = s.as_bytes();
    let mut i = 0;
    // Work on bytes for ASCII and the Arabic block (lead bytes D8–DB), which make nearly all of
    // the input, and decode only the other characters; same result as `push_folded` per char.
    // (Copying runs of unchanged characters with `push_str` was measured slower: words are
    // short and the `memcpy` calls cost more than pushing characters.)
    while let Some(&x) = b.get(i) {
        if x < 0x80 {
            out.push(char::from(x.to_ascii_lowercase()));
            i += 1;
            continue;
        }
        if (0xD8..=0xDB).contains(&x) {
            if let Some(&y) = b.get(i + 1) {
                let f = ARABIC_FOLD[(usize::from(x & 0x03) << 6) | usize::from(y & 0x3F)];
                if f != REMOVED {
                    out.push(f);
                }
                i += 2;
                continue;
            }
        }
        let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
            return; // unreachable: `i` is always on a char boundary
        };
        push_folded(c, out);
        i += c.len_utf8();
    }
}

/// Stands for "remove" in [`ARABIC_FOLD`]; no character of the block folds to it.
const REMOVED: char = '\0';

/// [`fold_arabic`] of U+0600 + i, computed at compile time from the function itself.
static ARABIC_FOLD: [char; 256] = {
    let mut t = [REMOVED; 256];
    let mut i = 0;
    while i < 256 {
        if let Some(c) = char::from_u32(0x0600 + i as u32) {
            if let Some(f) = fold_arabic(c) {
                t[i] = f;
            }
        }
        i += 1;
    }
    t
};

#[inline]
fn push_folded(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    if ('\u{0600}'..='\u{06FF}').contains(&c) {
        if let Some(f) = fold_arabic(c) {
            out.push(f);
        }
        return;
    }
    if is_invisible(c) {
        return;
    }
    if is_hspace(c) {
        out.push(' ');
        return;
    }
    if is_presentation_form(c) {
        unicode_normalization::char::decompose_compatible(c, |d| {
            // NFKC of isolated harakat forms (U+FE70…) starts with a space: drop it, it was not
            // a word boundary in the source.
            if d != ' ' || !('\u{FE70}'..='\u{FE7F}').contains(&c) {
                if d.is_ascii() {
                    out.push(d);
                } else if let Some(f) = fold_arabic(d) {
                    out.push(f);
                }
            }
        });
        return;
    }
    if c.is_alphabetic() && !c.is_lowercase() {
        out.extend(c.to_lowercase());
    } else {
        out.push(c);
    }
}

/// Folds one character of the Arabic block; `None` means "remove".
#[inline]
pub(crate) const fn fold_arabic(c: char) -> Option<char> {
    Some(match c {
        '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0671}' | '\u{0672}' | '\u{0673}' => 'ا',
        '\u{0649}' | '\u{06CC}' | '\u{06D2}' | '\u{06D0}' => 'ي',
        '\u{0626}' => 'ي',
        '\u{0624}' => 'و',
        '\u{0629}' | '\u{06C3}' | '\u{06C1}' | '\u{06D5}' | '\u{06BE}' => 'ه',
        '\u{06A9}' | '\u{06AF}' => 'ك',
        '\u{067E}' => 'ب',
        '\u{0686}' => 'ج',
        '\u{06A4}' => 'ف',
        '\u{0698}' => 'ز',
        '\u{0660}'..='\u{0669}' => (b'0' + (c as u32 - 0x0660) as u8) as char,
        '\u{06F0}'..='\u{06F9}' => (b'0' + (c as u32 - 0x06F0) as u8) as char,
        '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{0640}'
        | '\u{061C}' => return None,
        _ => c,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hamza_alef_variants_meet() {
        assert_eq!(match_key("أحمد"), "احمد");
        assert_eq!(match_key("إسلام"), "اسلام");
        assert_eq!(match_key("آخر"), "اخر");
        assert_eq!(match_key("ٱلله"), "الله");
        assert_eq!(match_key("مسؤول"), match_key("مسئول").replace('ي', "و"));
        assert_eq!(match_key("سماء"), "سماء");
    }

    #[test]
    fn ya_ta_marbuta_and_marks() {
        assert_eq!(match_key("على"), "علي");
        assert_eq!(match_key("وزارة"), "وزاره");
        assert_eq!(match_key("مُحَمَّدٌ"), "محمد");
        assert_eq!(match_key("جـــديد"), "جديد");
        assert_eq!(match_key("هٰذا"), "هذا");
        assert_eq!(match_key("رئيس"), "رييس");
    }

    #[test]
    fn digits_persian_latin_invisible() {
        assert_eq!(match_key("٢٠٢٠ و۱۴"), "2020 و14");
        assert_eq!(match_key("کتاب گاز"), "كتاب كاز");
        assert_eq!(match_key("NATO Zürich"), "nato zürich");
        assert_eq!(match_key("وا\u{200C}شنطن\u{00A0}اليوم"), "واشنطن اليوم");
        assert_eq!(match_key("\u{FEFB}\u{FDF2}"), "لاالله");
    }

    #[test]
    fn into_appends() {
        let mut s = String::from("x ");
        match_key_into("إلى", &mut s);
        assert_eq!(s, "x الي");
    }
}
