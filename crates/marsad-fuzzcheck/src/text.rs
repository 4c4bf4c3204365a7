//! Checks of the text functions: the display form, the match key, tokens, the query parser and
//! the date parser (Gregorian and Hijri, Arabic and Latin month names, in page text and URLs).

use crate::{assert_span, text_of};

/// An Arabic letter a reader must never lose: the base letters (hamza to yeh, tatweel aside)
/// and the extended letters of Persian and Urdu. Diacritics and presentation forms are not here:
/// the display form keeps the former and folds the latter into these letters.
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{0671}'..='\u{06D3}')
}

/// Panics unless the Arabic letters of `input` appear, in order, in `output`.
pub fn assert_letters_kept(input: &str, output: &str, what: &str) {
    let mut out = output.chars().filter(|&c| is_arabic_letter(c));
    for (i, c) in input.chars().filter(|&c| is_arabic_letter(c)).enumerate() {
        assert!(
            out.any(|o| o == c),
            "{what}: Arabic letter {i} ({c:?}) of {input:?} lost in {output:?}"
        );
    }
}

/// Display form: keeps every Arabic letter, is idempotent, and its tokens are in bounds.
pub fn check_display(data: &[u8]) {
    let s = text_of(data);
    let d = marsad_text::normalize_display(&s);
    assert_letters_kept(&s, &d, "normalize_display");
    let twice = marsad_text::normalize_display(&d);
    assert_eq!(twice, d, "normalize_display is not idempotent on {s:?}");
    check_tokens(&d);
}

/// Match key: idempotent, and what it folds still has a key of its own.
pub fn check_match_key(data: &[u8]) {
    let s = text_of(data);
    let k = marsad_text::match_key(&s);
    assert_eq!(
        marsad_text::match_key(&k),
        k,
        "match_key is not idempotent on {s:?}"
    );
    let mut into = String::from("x");
    marsad_text::match_key_into(&s, &mut into);
    assert!(
        into.ends_with(&k),
        "match_key_into differs from match_key on {s:?}"
    );
}

/// Tokens and the search analysis chain: every offset inside `text`, on character boundaries.
pub fn check_tokens(text: &str) {
    for t in marsad_text::tokenize(text) {
        assert_span(text, t.start, t.end, "token");
        assert!(t.start < t.end, "empty token at {} in {text:?}", t.start);
    }
    marsad_text::analyze(text, |_, start, end| {
        assert_span(text, start, end, "analyzed term")
    });
    for r in marsad_text::sentences(text) {
        assert_span(text, r.start, r.end, "sentence");
    }
}

/// The query parser: no panic, and every part it keeps is a piece of the query whose terms
/// are in bounds.
pub fn check_query(data: &[u8]) {
    let s = text_of(data);
    if let Ok(q) = marsad_store::query::parse(&s) {
        let parts = q
            .should
            .iter()
            .chain(&q.must)
            .chain(&q.phrases)
            .chain(&q.exclude);
        for p in parts.chain(&q.sources).chain(&q.tags).chain(&q.entities) {
            assert!(
                s.contains(p.as_str()),
                "{p:?} is not part of the query {s:?}"
            );
            check_tokens(p);
        }
        if let Some((Some(a), Some(b))) = q.published {
            assert!(a <= b || s.contains(".."), "published {a}..{b} from {s:?}");
        }
    }
    let _ = marsad_store::query::plain(&s);
}

/// The date parser: no panic, and a date it finds is a real calendar day in a sane range.
pub fn check_date(data: &[u8]) {
    let s = text_of(data);
    for d in [
        marsad_ingest::date_from_text(&s),
        marsad_ingest::date_from_url(&s),
    ]
    .into_iter()
    .flatten()
    {
        use chrono::Datelike;
        assert!(
            (1..=9999).contains(&d.year()),
            "date {d} out of range from {s:?}"
        );
    }
}
