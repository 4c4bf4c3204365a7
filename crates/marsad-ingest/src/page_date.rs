//! Publication dates a page states outside its date metadata: in its URL (`/2019/11/19/`,
//! `/20191119/`), and in its visible text near the top, written with Arabic or Latin month names
//! and Arabic-Indic or Latin digits (٢١ أكتوبر ٢٠٢٠، 21 تشرين الأول 2020، October 21, 2020).
//!
//! A Hijri date with its marker (١٠ رمضان ١٤٤٢ هـ) is read when the text gives no Gregorian
//! one, converted by the tabular calendar ([`crate::hijri`]).
//!
//! For: the HTML reader's last resorts when the page's metadata names no date. Not for: dates in
//! event sentences (the event coder reads those).

use chrono::NaiveDate;

/// A date in a URL path: `/YYYY/MM/DD/`, `/YYYY-MM-DD`, `/YYYYMMDD` (a plausible year, a real day).
pub fn from_url(url: &str) -> Option<NaiveDate> {
    let digits: Vec<(usize, &str)> = runs_of_digits(url);
    for w in digits.windows(3) {
        let [(_, y), (_, m), (_, d)] = [w[0], w[1], w[2]];
        if y.len() == 4 && m.len() <= 2 && d.len() <= 2 {
            if let Some(date) = ymd(y, m, d) {
                return Some(date);
            }
        }
    }
    digits.iter().find_map(|(_, r)| {
        (r.len() == 8)
            .then(|| ymd(&r[..4], &r[4..6], &r[6..]))
            .flatten()
    })
}

fn runs_of_digits(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), '/'))) {
        match (c.is_ascii_digit(), start) {
            (true, None) => start = Some(i),
            (false, Some(a)) => {
                out.push((a, &s[a..i]));
                start = None;
            }
            _ => {}
        }
    }
    out
}

fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    let y: i32 = y.parse().ok()?;
    if !(1995..=2035).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m.parse().ok()?, d.parse().ok()?)
}

/// Month names with their number: Arabic (Egyptian/Gulf, Levantine and Maghreb forms), English,
/// German and French. The one table of the readers (scraped text dates read it too).
pub(crate) const MONTHS: &[(&str, u32)] = &[
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("أبريل", 4),
    ("ابريل", 4),
    ("إبريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يونيه", 6),
    ("يوليو", 7),
    ("يوليه", 7),
    ("أغسطس", 8),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("أكتوبر", 10),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    // Maghreb names (Tunisia, Algeria, Morocco).
    ("جانفي", 1),
    ("فيفري", 2),
    ("أفريل", 4),
    ("افريل", 4),
    ("ماي", 5),
    ("جوان", 6),
    ("جويلية", 7),
    ("أوت", 8),
    ("اوت", 8),
    ("كانون الثاني", 1),
    ("شباط", 2),
    ("آذار", 3),
    ("اذار", 3),
    ("نيسان", 4),
    ("أيار", 5),
    ("ايار", 5),
    ("حزيران", 6),
    ("تموز", 7),
    ("آب", 8),
    ("اب", 8),
    ("أيلول", 9),
    ("ايلول", 9),
    ("تشرين الأول", 10),
    ("تشرين الاول", 10),
    ("تشرين الثاني", 11),
    ("كانون الأول", 12),
    ("كانون الاول", 12),
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("januar", 1),
    ("februar", 2),
    ("märz", 3),
    ("mai", 5),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    ("janvier", 1),
    ("février", 2),
    ("mars", 3),
    ("avril", 4),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
];

/// The first `day month year` or `month day, year` date in `text` (Arabic-Indic digits read as
/// digits; `أكتوبر/تشرين الأول` takes its first name), else its first Hijri `day month year هـ`.
pub fn from_text(text: &str) -> Option<NaiveDate> {
    let norm: String = text
        .chars()
        .map(|c| match c {
            '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
            '/' | ',' | '،' | '-' | '|' | '.' => ' ',
            c => c,
        })
        .collect::<String>()
        .to_lowercase();
    let words: Vec<&str> = norm.split_whitespace().collect();
    for i in 0..words.len() {
        if let Some(date) = numeric(&words[i..]) {
            return Some(date);
        }
        for (name, month) in MONTHS {
            // Compared word by word without allocating: this runs for every short line of a page.
            let len = name.split(' ').count();
            let here = words.get(i..i + len);
            if !here.is_some_and(|w| name.split(' ').zip(w).all(|(a, b)| a == *b)) {
                continue;
            }
            let after = |k: usize| words.get(i + len + k).copied();
            let before = i.checked_sub(1).and_then(|k| words.get(k)).copied();
            // day month year (Arabic and British), or month day year (American).
            let found = day_year(before, after(0), *month)
                .or_else(|| day_year(after(0), after(1), *month))
                .or_else(|| day_year(before, skip_name(&words, i + len), *month));
            if found.is_some() {
                return found;
            }
        }
    }
    crate::hijri::from_words(&words)
}

/// Three numbers written as a date: `21.10.2020`, `21/10/2020` (day first, as in Arab and
/// European press, unless the second cannot be a month), `2020-10-21`.
fn numeric(w: &[&str]) -> Option<NaiveDate> {
    let [a, b, c] = [w.first()?, w.get(1)?, w.get(2)?];
    if ![a, b, c]
        .iter()
        .all(|x| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    if a.len() == 4 {
        return ymd(a, b, c);
    }
    if c.len() != 4 || a.len() > 2 || b.len() > 2 {
        return None;
    }
    ymd(c, b, a).or_else(|| ymd(c, a, b))
}

/// The word after a second month name (`أكتوبر تشرين الأول 2020`): the year.
fn skip_name<'a>(words: &[&'a str], at: usize) -> Option<&'a str> {
    (1..=2).find_map(|k| {
        words
            .get(at + k)
            .copied()
            .filter(|w| w.len() == 4 && w.parse::<i32>().is_ok())
    })
}

fn day_year(day: Option<&str>, year: Option<&str>, month: u32) -> Option<NaiveDate> {
    let d: u32 = day?
        .trim_end_matches(|c: char| c.is_alphabetic())
        .parse()
        .ok()?;
    let y: i32 = year?.parse().ok()?;
    if !(1995..=2035).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, month, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    #[test]
    fn dates_in_urls() {
        assert_eq!(
            from_url("https://www.nytimes.com/2019/11/19/opinion/x.html"),
            d("2019-11-19")
        );
        assert_eq!(
            from_url("https://site.com/news/20201021/story"),
            d("2020-10-21")
        );
        assert_eq!(from_url("https://site.com/article/123456/slug"), None);
        assert_eq!(from_url("https://site.com/2020/13/45/x"), None);
    }

    #[test]
    fn dates_in_text_arabic_and_latin() {
        assert_eq!(from_text("نشر في ٢١ أكتوبر ٢٠٢٠ - ١٠:٣٠"), d("2020-10-21"));
        assert_eq!(from_text("الأربعاء 21 تشرين الأول 2020"), d("2020-10-21"));
        assert_eq!(from_text("الجمعة 29 جانفي 2016"), d("2016-01-29"));
        assert_eq!(
            from_text("الأربعاء 21 أكتوبر/تشرين الأول 2020"),
            d("2020-10-21")
        );
        assert_eq!(
            from_text("Published October 21, 2020 at 10:30"),
            d("2020-10-21")
        );
        assert_eq!(from_text("Updated 21 October 2020"), d("2020-10-21"));
        assert_eq!(from_text("قال إن الاجتماع في مايو المقبل"), None);
        assert_eq!(from_text("Stand: 21.10.2020, 10:30 Uhr"), d("2020-10-21"));
        assert_eq!(from_text("10/21/2020"), d("2020-10-21"));
        assert_eq!(from_text("21. Oktober 2020"), d("2020-10-21"));
    }

    #[test]
    fn hijri_dates_in_text() {
        // A Gregorian date in the same line wins (tabular 10 Rabi' I 1442 is 27 October).
        assert_eq!(
            from_text("الأحد 10 ربيع الأول 1442 هـ الموافق 25 أكتوبر 2020"),
            d("2020-10-25")
        );
        assert_eq!(from_text("الجمعة 1 رمضان 1441 هـ"), d("2020-04-24"));
        assert_eq!(
            from_text("نشر في: ١ محرم ١٤٤٢هـ - ١٠:٣٠ ص"),
            d("2020-08-20")
        );
        assert_eq!(
            from_text("الخميس 15 جمادى الآخرة 1445 هجرية"),
            d("2023-12-28")
        );
        assert_eq!(from_text("السبت 3 ربيع الثاني 1444 هـ"), d("2022-10-29"));
        // Umm al-Qura's 9 Dhu al-Hijja 1443 was Friday 8 July: tabular is a day later.
        assert_eq!(from_text("الجمعة 9 ذو الحجة 1443 ه."), d("2022-07-09"));
        // Without the marker, or not a month: no date.
        assert_eq!(from_text("تبدأ الدورة في 10 رمضان 1442"), None);
        assert_eq!(from_text("فاز الفريق 3 صفر في المباراة 1442 هـ"), None);
    }
}
