//! Character classes shared by the display form, the match key and the tokenizer.
//! Plain `match` on code points: no tables, no allocation.

/// Letters of the Arabic script (base block, supplement, extended-A, presentation forms).
/// Hamza ء (U+0621) is a letter: it is part of words such as سماء.
#[inline]
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c,
        '\u{0621}'..='\u{063A}'
        | '\u{0641}'..='\u{064A}'
        | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}'
        | '\u{06D5}'
        | '\u{06EE}'..='\u{06EF}'
        | '\u{06FA}'..='\u{06FC}'
        | '\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08C9}'
        | '\u{FB50}'..='\u{FD3D}'
        | '\u{FD50}'..='\u{FDFB}'
        | '\u{FE70}'..='\u{FEFC}')
}

/// Marks that live inside an Arabic word: harakat and tanwin (U+064B–U+065F), superscript
/// alef (U+0670), Quranic annotation marks (U+06D6–U+06ED) and tatweel ـ (U+0640).
#[inline]
pub fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}' | '\u{08CA}'..='\u{08FF}')
}

/// Characters with no visible form that only disturb matching: zero-width space/non-joiner/
/// joiner, word joiner, BOM, soft hyphen, Arabic letter mark and the bidi controls.
#[inline]
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}'
        | '\u{00AD}'
        | '\u{061C}'
        | '\u{180E}')
}

/// Horizontal spaces other than ASCII space: NBSP, narrow NBSP, the U+2000 family, ideographic
/// space, tab. They all become one ASCII space.
#[inline]
pub fn is_hspace(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{000B}' | '\u{000C}' | '\u{00A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// Arabic presentation forms (ligatures and contextual shapes from old encodings and PDFs).
#[inline]
pub fn is_presentation_form(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}')
}

/// The value of a decimal digit in ASCII, Arabic-Indic (٠-٩) or Persian (۰-۹) form.
#[inline]
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        _ => None,
    }
}

/// Latin letters (ASCII, Latin-1, Latin Extended-A/B, Latin Extended Additional).
#[inline]
pub fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}')
            && c != '\u{00D7}'
            && c != '\u{00F7}'
}

/// Combining diacritics used with Latin (and Cyrillic, Greek) letters.
#[inline]
pub fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}
