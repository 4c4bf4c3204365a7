//! Hijri dates stated in a page's text (`10 رمضان 1442 هـ`), converted to the Gregorian day.
//!
//! For: [`crate::page_date::from_text`], after it finds no Gregorian date in the same text (a
//! page that gives both, `… 1442 هـ الموافق 25 أكتوبر 2020`, is dated by the Gregorian one).
//! Only a date followed by a Hijri marker (هـ، ه، هجري، هجرية، للهجرة, alone or stuck to the year)
//! is read, so a name such as رمضان or the word صفر (zero) is not taken for a month.
//!
//! The conversion is the arithmetic (tabular) Islamic calendar: months of 30 and 29 days in turn,
//! 11 leap years in 30 (the common "Kuwaiti" scheme), epoch 16 July 622 (Julian). Saudi Arabia's
//! Umm al-Qura calendar and sighting-based calendars follow the moon and may differ from it by a
//! day or two: 1 Ramadan 1441 → 24 April 2020 and 1 Muharram 1442 → 20 August 2020 agree, 1
//! Muharram 1446 → 8 July 2024 is a day after Umm al-Qura's 7 July.
//!
//! Not for: Hijri dates in event sentences, or any output in Hijri.

use chrono::{Days, NaiveDate};

/// Month names in match-key form ([`marsad_text::match_key`]: hamza seats, ى and ة folded), with
/// the spellings the press uses (with and without the article, الآخر/الثاني).
const MONTHS: &[(&str, u32)] = &[
    ("محرم", 1),
    ("المحرم", 1),
    ("صفر", 2),
    ("ربيع الاول", 3),
    ("ربيع اول", 3),
    ("ربيع الثاني", 4),
    ("ربيع ثاني", 4),
    ("ربيع الاخر", 4),
    ("ربيع اخر", 4),
    ("جمادي الاولي", 5),
    ("جمادي الاول", 5),
    ("جمادي الثانيه", 6),
    ("جمادي الثاني", 6),
    ("جمادي الاخره", 6),
    ("جمادي الاخر", 6),
    ("رجب", 7),
    ("شعبان", 8),
    ("رمضان", 9),
    ("شوال", 10),
    ("ذو القعده", 11),
    ("ذي القعده", 11),
    ("ذو الحجه", 12),
    ("ذي الحجه", 12),
];

/// Words after a year that mark it as Hijri (besides هـ, also read stuck to the year).
const MARKERS: &[&str] = &["هجري", "هجرية", "هجريه", "للهجرة", "للهجره"];

/// The first `day month year هـ` in `words` (lower-cased, digits ASCII, punctuation split off, as
/// `from_text` prepares them), as a Gregorian date. It runs on every short line of a page, so
/// the words are looked at as they are; only the few before a marker are folded.
pub(crate) fn from_words(words: &[&str]) -> Option<NaiveDate> {
    (0..words.len()).find_map(|i| {
        let w = words[i].trim_end_matches('\u{640}'); // tatweel: هـ
        let year_before = || {
            let at = i.checked_sub(1)?;
            Some((at, year(words[at])?))
        };
        let (year_at, year) = match w.strip_suffix('ه') {
            Some("") => year_before()?,
            Some(digits) => (i, year(digits)?),
            None if MARKERS.contains(&w) => year_before()?,
            None => return None,
        };
        day_month_before(words, year_at, year)
    })
}

/// A plausible Hijri year (1415–1460 AH is 1994–2039).
fn year(s: &str) -> Option<i32> {
    let y: i32 = s.parse().ok()?;
    (1415..=1460).contains(&y).then_some(y)
}

/// The day and month written just before the year at `year_at`.
fn day_month_before(words: &[&str], year_at: usize, year: i32) -> Option<NaiveDate> {
    MONTHS.iter().find_map(|(name, month)| {
        let len = name.split(' ').count();
        let start = year_at.checked_sub(len)?;
        let here = &words[start..year_at];
        let same = name
            .split(' ')
            .zip(here)
            .all(|(a, b)| a == marsad_text::match_key(b));
        if !same {
            return None;
        }
        let day: u32 = words.get(start.checked_sub(1)?)?.parse().ok()?;
        to_gregorian(year, *month, day)
    })
}

/// The Gregorian day of a date of the tabular Islamic calendar (day 1–30, month 1–12).
pub(crate) fn to_gregorian(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    if year < 1 || !(1..=12).contains(&month) || !(1..=30).contains(&day) {
        return None;
    }
    let (y, m, d) = (i64::from(year), i64::from(month), i64::from(day));
    // Days before the year, the leap days of the cycles before it, the months before the month
    // (30 and 29 in turn: ceil(29.5 × (m − 1))), and the day.
    let days = (y - 1) * 354 + (3 + 11 * y) / 30 + (59 * (m - 1) + 1) / 2 + d - 1;
    // 1 Muharram 1 AH: 16 July 622 Julian, 19 July 622 in chrono's proleptic Gregorian.
    NaiveDate::from_ymd_opt(622, 7, 19)?.checked_add_days(Days::new(u64::try_from(days).ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    #[test]
    fn tabular_conversion_against_known_pairs() {
        // Umm al-Qura agrees on these.
        assert_eq!(to_gregorian(1441, 9, 1), d("2020-04-24"));
        assert_eq!(to_gregorian(1442, 1, 1), d("2020-08-20"));
        assert_eq!(to_gregorian(1445, 9, 1), d("2024-03-11"));
        // Umm al-Qura: 7 July 2024; tabular is a day later.
        assert_eq!(to_gregorian(1446, 1, 1), d("2024-07-08"));
        assert_eq!(to_gregorian(1, 1, 1), d("0622-07-19"));
        assert_eq!(to_gregorian(1442, 13, 1), None);
        assert_eq!(to_gregorian(1442, 1, 31), None);
    }

    #[test]
    fn the_month_table_is_in_match_key_form() {
        for (name, _) in MONTHS {
            assert_eq!(marsad_text::match_key(name), *name);
        }
    }
}
