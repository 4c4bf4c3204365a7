//! Small helpers shared by the readers: display normalisation, dates, entities, meta warnings.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime};
use serde_json::Value;

pub type Meta = BTreeMap<String, Value>;

/// Display form, trimmed. Every text field of an Article goes through here.
pub fn display(s: &str) -> String {
    marsad_text::normalize_display(s).trim().to_string()
}

/// Display form of each line of `text`, empty lines dropped: the paragraph rule for bodies that
/// put one paragraph per line (ANT, JSONL `text`).
pub fn paragraphs_from_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(display)
        .filter(|p| !p.is_empty())
        .collect()
}

pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => one_line(&e.to_string()),
    }
}

/// Keep reasons to one short line whatever a library put in its message.
pub fn one_line(s: &str) -> String {
    let line = s.lines().next().unwrap_or("").trim();
    truncate_chars(line, 200)
}

pub fn truncate_chars(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

pub fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

/// UTF-8 check with the byte offset of the first bad byte in the reason, BOM stripped.
pub fn utf8(bytes: &[u8]) -> Result<&str, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| format!("invalid UTF-8 at byte {}", e.valid_up_to()))
}

/// Append a note to `meta.warnings` (an array of strings).
pub fn warn(meta: &mut Meta, note: impl Into<String>) {
    let note = Value::String(note.into());
    match meta.get_mut("warnings") {
        Some(Value::Array(a)) => a.push(note),
        _ => {
            meta.insert("warnings".to_string(), Value::Array(vec![note]));
        }
    }
}

/// Years we accept as a publication date; anything else is a typo or a placeholder.
pub fn plausible_year(d: NaiveDate) -> bool {
    (1900..=2100).contains(&d.year())
}

/// A date from the common shapes: `YYYY-MM-DD`, RFC 3339 / ISO timestamps (with or without zone,
/// also the malformed `YYYY-MM-DDTHHMMSS`), `DD/MM/YYYY`, `YYYY/MM/DD`, RFC 2822 (HTTP dates).
/// Returns None for anything not a real calendar date.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt.date_naive()).filter(|d| plausible_year(*d));
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H%M%S",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(s, f) {
            return Some(dt.date()).filter(|d| plausible_year(*d));
        }
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(dt.date_naive()).filter(|d| plausible_year(*d));
    }
    for f in [
        "%Y-%m-%d", "%d/%m/%Y", "%Y/%m/%d", "%d-%m-%Y", "%d.%m.%Y", "%Y%m%d",
    ] {
        if let Ok(d) = NaiveDate::parse_from_str(s, f) {
            return Some(d).filter(|d| plausible_year(*d));
        }
    }
    // A timestamp with a zone chrono will not take (`+0100`, ` UTC`): its first 10 chars.
    if s.len() > 10 && s.is_char_boundary(10) {
        let head = &s[..10];
        if let Ok(d) = NaiveDate::parse_from_str(head, "%Y-%m-%d") {
            let rest = &s[10..];
            if rest.starts_with('T') || rest.starts_with(' ') {
                return Some(d).filter(|d| plausible_year(*d));
            }
        }
    }
    None
}

/// Decode the character references that show up in scraped text: the XML five, `&nbsp;`, a few
/// typographic ones and numeric `&#NNN;` / `&#xHH;`. Unknown ones are left as they are.
pub fn decode_entities(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find('&') {
        out.push_str(&rest[..pos]);
        let after = &rest[pos..];
        // An entity is short; look for ';' within 12 bytes.
        let semi = after
            .char_indices()
            .take(12)
            .find(|&(_, c)| c == ';')
            .map(|(i, _)| i);
        let decoded = semi.and_then(|end| {
            let body = &after[1..end];
            let c = match body {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                "laquo" => Some('«'),
                "raquo" => Some('»'),
                "hellip" => Some('…'),
                "ndash" => Some('–'),
                "mdash" => Some('—'),
                "rsquo" => Some('’'),
                "lsquo" => Some('‘'),
                "rdquo" => Some('”'),
                "ldquo" => Some('“'),
                _ => {
                    let num = body.strip_prefix('#')?;
                    let code = if let Some(hex) =
                        num.strip_prefix('x').or_else(|| num.strip_prefix('X'))
                    {
                        u32::from_str_radix(hex, 16).ok()?
                    } else {
                        num.parse::<u32>().ok()?
                    };
                    char::from_u32(code).filter(|c| *c != '\0')
                }
            }?;
            Some((c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &after[len..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// Words in a line, as whitespace-separated pieces.
pub fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Percent-decoding for URL slugs (lossy: bad escapes stay as they are).
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = std::str::from_utf8(&b[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(v) = hex {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
        assert_eq!(parse_date("2017-01-25T14:36:00+01:00"), d(2017, 1, 25));
        assert_eq!(parse_date("2017-01-22T171800"), d(2017, 1, 22));
        assert_eq!(parse_date("22/02/2016"), d(2016, 2, 22));
        assert_eq!(parse_date("2020-10-25"), d(2020, 10, 25));
        assert_eq!(parse_date("Sun, 25 Oct 2020 10:00:00 GMT"), d(2020, 10, 25));
        assert_eq!(parse_date("2020-10-25T10:00:00+0100"), d(2020, 10, 25));
        assert_eq!(parse_date("2020-13-45"), None);
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date("0000-01-01"), None);
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("a &amp; b &#1575;&#x644; &bogus; & x"),
            "a & b ال &bogus; & x"
        );
        assert_eq!(decode_entities("&"), "&");
        assert_eq!(decode_entities("&#"), "&#");
    }

    #[test]
    fn percent() {
        assert_eq!(percent_decode("%D8%A7%D9%84-x%2"), "ال-x%2");
        assert_eq!(percent_decode("%"), "%");
    }
}
