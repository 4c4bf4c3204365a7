//! Small helpers shared by the source readers: reading files, TSV rows, slugs, dates, CAMEO specs.

use std::path::Path;

use chrono::NaiveDate;

use crate::{CameoRole, KbError};

pub(crate) fn read_string(path: &Path) -> Result<String, KbError> {
    std::fs::read_to_string(path).map_err(|e| KbError::io(path, e))
}

/// Lines of a text file without `#` comments and blank lines.
pub(crate) fn read_lines(path: &Path) -> Result<Vec<String>, KbError> {
    Ok(read_string(path)?
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(str::to_string)
        .collect())
}

/// Rows of a TSV file (comments and blank lines skipped), each with its 1-based line number;
/// missing trailing columns are empty strings.
pub(crate) fn read_tsv(path: &Path, cols: usize) -> Result<Vec<(usize, Vec<String>)>, KbError> {
    let text = read_string(path)?;
    let mut out = Vec::new();
    for (n, l) in text.lines().enumerate() {
        if l.trim().is_empty() || l.starts_with('#') {
            continue;
        }
        let mut v: Vec<String> = l.split('\t').map(|s| s.trim().to_string()).collect();
        v.resize(cols.max(v.len()), String::new());
        out.push((n + 1, v));
    }
    Ok(out)
}

/// `a|b|c` → [a, b, c] (empty parts dropped).
pub(crate) fn split_list(s: &str) -> Vec<String> {
    s.split('|')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

/// ASCII slug of an English name: lowercase letters and digits, `-` between words.
pub(crate) fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let c = deunicode_char(c);
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

fn deunicode_char(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'ē' => 'e',
        'í' | 'ì' | 'î' | 'ï' | 'ī' | 'ı' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ō' => 'o',
        'ú' | 'ù' | 'û' | 'ü' | 'ū' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        'ş' | 'š' => 's',
        'ğ' => 'g',
        'ž' => 'z',
        _ => c,
    }
}

/// A date as written in the dictionaries: `YYYYMMDD`, `YYMMDD` (19YY for YY ≥ 30), `YYYY-MM-DD`,
/// `YYYY`. Impossible dates give `None`.
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.len() == 10 && s.as_bytes()[4] == b'-' {
        return NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    }
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match s.len() {
        8 => NaiveDate::parse_from_str(s, "%Y%m%d").ok(),
        6 => {
            let yy: i32 = s[..2].parse().ok()?;
            let y = if yy >= 30 { 1900 + yy } else { 2000 + yy };
            NaiveDate::from_ymd_opt(y, s[2..4].parse().ok()?, s[4..6].parse().ok()?)
        }
        4 => NaiveDate::from_ymd_opt(s.parse().ok()?, 1, 1),
        _ => None,
    }
}

/// A dictionary date range: `A-B`, `>A`, `<B`, or empty. Sentinels (before 1900, after 2100)
/// and reversed ranges are treated as open on that side.
pub(crate) fn parse_range(s: &str) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let s = s.trim();
    let ok =
        |d: Option<NaiveDate>| d.filter(|d| (1900..=2100).contains(&chrono::Datelike::year(d)));
    let (from, to) = if let Some(r) = s.strip_prefix('>') {
        (ok(parse_date(r)), None)
    } else if let Some(r) = s.strip_prefix('<') {
        (None, ok(parse_date(r)))
    } else if let Some((a, b)) = s.split_once('-') {
        (ok(parse_date(a)), ok(parse_date(b)))
    } else {
        (None, None)
    };
    match (from, to) {
        (Some(f), Some(t)) if t < f => (Some(f), None),
        x => x,
    }
}

/// Curated CAMEO spec: `CODE` or `CODE@FROM..TO` (ISO dates, either side may be empty), several
/// separated by `;`.
pub(crate) fn parse_cameo_spec(s: &str) -> Result<Vec<CameoRole>, String> {
    let mut out = Vec::new();
    for part in s.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let (code, range) = part.split_once('@').unwrap_or((part, ""));
        let code = code.trim();
        if code.is_empty()
            || !code
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        {
            return Err(format!("bad CAMEO code {code:?}"));
        }
        let (from, to) = if range.is_empty() {
            (None, None)
        } else {
            let (a, b) = range
                .split_once("..")
                .ok_or_else(|| format!("bad range {range:?} (want FROM..TO)"))?;
            let p = |x: &str| -> Result<Option<NaiveDate>, String> {
                if x.trim().is_empty() {
                    Ok(None)
                } else {
                    parse_date(x)
                        .map(Some)
                        .ok_or_else(|| format!("bad date {x:?}"))
                }
            };
            (p(a)?, p(b)?)
        };
        out.push(CameoRole {
            code: code.to_string(),
            from,
            to,
        });
    }
    Ok(out)
}

/// Whether the name has letters of Persian/Urdu/Kurdish/Uyghur only (پ چ ژ گ ک ی ہ ے ۀ …) or
/// other non-Arabic marks that make it a wrong Arabic form.
pub(crate) fn has_non_arabic_letters(s: &str) -> bool {
    s.chars().any(|c| {
        matches!(
            c,
            'پ' | 'چ'
                | 'ژ'
                | 'گ'
                | 'ک'
                | 'ی'
                | 'ہ'
                | 'ے'
                | 'ۀ'
                | 'ھ'
                | 'ۆ'
                | 'ێ'
                | 'ڵ'
                | 'ڕ'
                | 'ە'
                | 'ې'
                | 'ۇ'
                | 'ۈ'
                | 'ۋ'
                | 'ٹ'
                | 'ڈ'
                | 'ڑ'
                | 'ں'
                | 'ڭ'
                | 'ٶ'
                | 'ٲ'
        ) || c.is_ascii_alphanumeric()
            || (c as u32 >= 0x0750 && c as u32 <= 0x077F)
    })
}

/// Only Arabic letters, marks and single spaces/hyphens: a name fit to display.
pub(crate) fn is_clean_arabic(s: &str) -> bool {
    !s.is_empty()
        && !has_non_arabic_letters(s)
        && s.chars().all(|c| {
            ('\u{0621}'..='\u{065F}').contains(&c) || c == ' ' || c == '-' || c == '\u{0670}'
        })
        && s.chars().any(|c| ('\u{0621}'..='\u{064A}').contains(&c))
}
