//! The search query language, parsed into a plain value before any index is touched.
//!
//! ```text
//! قره باغ                    words: any of them, ranked by BM25 (title counts double)
//! "قره باغ"                  exact phrase (after normalisation: اذربيجان finds أذربيجان)
//! +أرمينيا                    the word must occur
//! -تركيا  -"وقف اطلاق"        the word / phrase must not occur
//! source:"Jawhara FM"        filters: source, tag (tags are matched by their match key)
//! tag:politic
//! entity:بوتين  entity:country:AZE   the article mentions this entity (a name or a KB id)
//! published:2020-10-21       a day, a month (2020-10), a year (2020),
//! published:2020-10-01..2020-10-31   a range (either side may be empty),
//! published:>=2020-10-01     or a comparison (> >= < <=)
//! ```
//! A malformed filter value is an error that says which part of the query is wrong, never a
//! silent empty result.

use chrono::{Datelike, NaiveDate};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Query {
    /// Words that should occur (OR, ranked).
    pub should: Vec<String>,
    /// Words that must occur.
    pub must: Vec<String>,
    /// Phrases that must occur.
    pub phrases: Vec<String>,
    /// Words and phrases that must not occur.
    pub exclude: Vec<String>,
    pub sources: Vec<String>,
    pub tags: Vec<String>,
    /// Entities: KB ids (country:AZE) or names (بوتين, أذربيجان).
    pub entities: Vec<String>,
    /// Inclusive day range.
    pub published: Option<(Option<NaiveDate>, Option<NaiveDate>)>,
}

impl Query {
    /// True when nothing in the query selects by text (only filters or exclusions).
    pub fn has_text(&self) -> bool {
        !(self.should.is_empty() && self.must.is_empty() && self.phrases.is_empty())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct QueryError(pub String);

impl std::fmt::Display for QueryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for QueryError {}

/// Parses the query language above.
pub fn parse(input: &str) -> Result<Query, QueryError> {
    let mut q = Query::default();
    for part in split_parts(input) {
        let (sign, body) = match part.as_bytes().first() {
            Some(b'-') if part.len() > 1 => ('-', &part[1..]),
            Some(b'+') if part.len() > 1 => ('+', &part[1..]),
            _ => (' ', part.as_str()),
        };
        if let Some(phrase) = unquote(body) {
            if phrase.trim().is_empty() {
                continue;
            }
            match sign {
                '-' => q.exclude.push(phrase.to_string()),
                _ => q.phrases.push(phrase.to_string()),
            }
            continue;
        }
        if let Some((field, value)) = body.split_once(':') {
            let value = unquote(value).unwrap_or(value);
            match field {
                "source" => {
                    q.sources.push(value.to_string());
                    continue;
                }
                "tag" => {
                    q.tags.push(value.to_string());
                    continue;
                }
                "entity" => {
                    q.entities.push(value.to_string());
                    continue;
                }
                "published" => {
                    q.published = Some(parse_date_filter(value)?);
                    continue;
                }
                // Not a filter we know (a URL, "الساعة 10:30"): treat it as words.
                _ => {}
            }
        }
        match sign {
            '-' => q.exclude.push(body.to_string()),
            '+' => q.must.push(body.to_string()),
            _ => q.should.push(body.to_string()),
        }
    }
    Ok(q)
}

/// A query with no operators at all: every word is a SHOULD word. Used for benchmark query sets
/// whose text may contain ':' or '"' that mean nothing.
pub fn plain(input: &str) -> Query {
    Query {
        should: vec![input.to_string()],
        ..Query::default()
    }
}

/// Splits on whitespace, keeping "quoted phrases" (with an optional field or sign before them)
/// together. Accepts the typographic quotes Arabic text uses.
fn split_parts(input: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    for c in input.chars() {
        match quote {
            Some(close) => {
                cur.push(c);
                if c == close {
                    quote = None;
                }
            }
            None if c.is_whitespace() => {
                if !cur.is_empty() {
                    parts.push(std::mem::take(&mut cur));
                }
            }
            None => {
                if let Some(close) = closing_quote(c) {
                    quote = Some(close);
                }
                cur.push(c);
            }
        }
    }
    if !cur.is_empty() {
        parts.push(cur);
    }
    parts
}

fn closing_quote(open: char) -> Option<char> {
    match open {
        '"' => Some('"'),
        '“' => Some('”'),
        '”' => Some('“'), // reversed quotes are common in scraped Arabic
        '«' => Some('»'),
        _ => None,
    }
}

/// The text inside quotes, if `s` is quoted (an unclosed quote runs to the end).
fn unquote(s: &str) -> Option<&str> {
    let mut chars = s.chars();
    let open = chars.next()?;
    let close = closing_quote(open)?;
    let inner = &s[open.len_utf8()..];
    Some(inner.strip_suffix(close).unwrap_or(inner))
}

fn parse_date_filter(v: &str) -> Result<(Option<NaiveDate>, Option<NaiveDate>), QueryError> {
    let bad = || {
        QueryError(format!("published:{v}: expected a date (2020-10-21, 2020-10, 2020), a range (A..B) or a comparison (>=A)"))
    };
    if let Some((a, b)) = v.split_once("..") {
        let lo = if a.is_empty() {
            None
        } else {
            Some(date_span(a).ok_or_else(bad)?.0)
        };
        let hi = if b.is_empty() {
            None
        } else {
            Some(date_span(b).ok_or_else(bad)?.1)
        };
        return Ok((lo, hi));
    }
    for (op, f) in [(">=", 0), ("<=", 1), (">", 2), ("<", 3)] {
        if let Some(rest) = v.strip_prefix(op) {
            let (first, last) = date_span(rest).ok_or_else(bad)?;
            return Ok(match f {
                0 => (Some(first), None),
                1 => (None, Some(last)),
                2 => (last.succ_opt(), None),
                _ => (None, first.pred_opt()),
            });
        }
    }
    let (first, last) = date_span(v).ok_or_else(bad)?;
    Ok((Some(first), Some(last)))
}

/// First and last day of a day, month or year written as YYYY[-MM[-DD]].
fn date_span(s: &str) -> Option<(NaiveDate, NaiveDate)> {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str| p.parse::<u32>().ok();
    match parts.as_slice() {
        [y] if y.len() == 4 => {
            let y = num(y)? as i32;
            Some((
                NaiveDate::from_ymd_opt(y, 1, 1)?,
                NaiveDate::from_ymd_opt(y, 12, 31)?,
            ))
        }
        [y, m] => {
            let first = NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, 1)?;
            let next = if first.month() == 12 {
                NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)?
            };
            Some((first, next.pred_opt()?))
        }
        [y, m, d] => {
            let day = NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?)?;
            Some((day, day))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn words_phrases_exclusions_and_filters() {
        let q =
            parse(r#"اذربيجان "قره باغ" -تركيا +أرمينيا source:"Jawhara FM" tag:politic"#).unwrap();
        assert_eq!(q.should, vec!["اذربيجان"]);
        assert_eq!(q.phrases, vec!["قره باغ"]);
        assert_eq!(q.exclude, vec!["تركيا"]);
        assert_eq!(q.must, vec!["أرمينيا"]);
        assert_eq!(q.sources, vec!["Jawhara FM"]);
        assert_eq!(q.tags, vec!["politic"]);
    }

    #[test]
    fn typographic_quotes_make_phrases() {
        let q = parse("«وقف إطلاق النار» -“هدنة إنسانية”").unwrap();
        assert_eq!(q.phrases, vec!["وقف إطلاق النار"]);
        assert_eq!(q.exclude, vec!["هدنة إنسانية"]);
    }

    #[test]
    fn date_filters() {
        assert_eq!(
            parse("published:2020-10").unwrap().published,
            Some((Some(d("2020-10-01")), Some(d("2020-10-31"))))
        );
        assert_eq!(
            parse("published:2016").unwrap().published,
            Some((Some(d("2016-01-01")), Some(d("2016-12-31"))))
        );
        assert_eq!(
            parse("published:2020-10-01..").unwrap().published,
            Some((Some(d("2020-10-01")), None))
        );
        assert_eq!(
            parse("published:..2020-02").unwrap().published,
            Some((None, Some(d("2020-02-29"))))
        );
        assert_eq!(
            parse("published:>2020-10-21").unwrap().published,
            Some((Some(d("2020-10-22")), None))
        );
        assert_eq!(
            parse("published:<2020-10-21").unwrap().published,
            Some((None, Some(d("2020-10-20"))))
        );
    }

    #[test]
    fn bad_dates_are_errors_that_name_the_part() {
        let e = parse("تونس published:2020-13-45").unwrap_err();
        assert!(e.0.contains("published:2020-13-45"), "{e}");
    }

    #[test]
    fn unknown_field_is_text() {
        let q = parse("الساعة 10:30").unwrap();
        assert_eq!(q.should, vec!["الساعة", "10:30"]);
    }
}
