//! JSON Lines: one article object per line (also a whole-file JSON array of objects, or a single
//! pretty-printed object).
//!
//! Fields read (all optional except a body):
//! - `id` → `source_id` (string or number; absent → `path#line N`)
//! - `url`, `source` → `url`, `source`
//! - `title` → `title` (absent → empty)
//! - `text` (aliases `body`, `content`): one string, split into paragraphs on newlines (blank lines
//!   included), or `paragraphs`: an array of strings, one paragraph each (empty ones dropped)
//! - `published` (aliases `date`, `published_at`): `YYYY-MM-DD` or RFC 3339 (the full string is kept
//!   in `meta.published_at`); anything else is dropped with a note in `meta.warnings`
//! - `tags`: an array of strings, or one string separated by `,` `،` `|` or `;`
//! - every other field goes to `meta` as it is (strings in display form)
//!
//! A line with no text and no paragraphs is a [`ReadError`] "empty body"; a line that is not JSON is
//! "JSON parse error: … at line N col M"; a line with bad UTF-8 is "invalid UTF-8 at byte N" (offset
//! in the file). Bad lines never stop the other lines.

use serde_json::{Map, Value};

use crate::util::{self, display, Meta};
use crate::{Article, ReadError, ReadOptions};

pub fn read(
    name: &str,
    bytes: &[u8],
    opts: &ReadOptions,
    truncated: bool,
) -> Vec<Result<Article, ReadError>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .and_then(|i| bytes.get(i));

    // A whole-file JSON array.
    if first == Some(&b'[') && !truncated {
        let text = match util::utf8(bytes) {
            Ok(t) => t,
            Err(reason) => return vec![Err(ReadError::new(name, reason))],
        };
        return match serde_json::from_str::<Value>(text) {
            Ok(Value::Array(items)) => items
                .into_iter()
                .enumerate()
                .map(|(i, v)| from_value(v, &format!("{name}#item {}", i + 1), opts))
                .collect(),
            Ok(_) => vec![Err(ReadError::new(name, "JSON is not an array of objects"))],
            Err(e) => vec![Err(ReadError::new(name, parse_reason(&e, e.line())))],
        };
    }

    let mut lines: Vec<(usize, usize, &[u8])> = Vec::new(); // (line number, byte offset, bytes)
    let mut offset = 0;
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        lines.push((i + 1, offset, line));
        offset += line.len() + 1;
    }
    // After a gzip cut the last line is a fragment; the truncation error speaks for it.
    if truncated && !bytes.ends_with(b"\n") {
        lines.pop();
    }

    let mut out = Vec::new();
    for &(lineno, off, raw) in &lines {
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        if raw.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        let doc = format!("{name}#line {lineno}");
        let text = match std::str::from_utf8(raw) {
            Ok(t) => t,
            Err(e) => {
                out.push(Err(ReadError::new(
                    doc,
                    format!("invalid UTF-8 at byte {}", off + e.valid_up_to()),
                )));
                continue;
            }
        };
        match serde_json::from_str::<Value>(text) {
            Ok(v) => out.push(from_value(v, &doc, opts)),
            Err(e) => {
                // Maybe the file is one pretty-printed object rather than JSON Lines.
                if lineno
                    == lines
                        .iter()
                        .find(|l| !l.2.iter().all(|b| b.is_ascii_whitespace()))
                        .map(|l| l.0)
                        .unwrap_or(0)
                    && !truncated
                {
                    if let Ok(whole) = util::utf8(bytes) {
                        if let Ok(v @ Value::Object(_)) = serde_json::from_str::<Value>(whole) {
                            return vec![from_value(v, name, opts)];
                        }
                    }
                }
                out.push(Err(ReadError::new(doc, parse_reason(&e, lineno))));
            }
        }
    }
    if out.is_empty() && !truncated {
        out.push(Err(ReadError::new(name, "empty file")));
    }
    out
}

/// "JSON parse error: expected value at line N col M", with N the line in the file.
fn parse_reason(e: &serde_json::Error, lineno: usize) -> String {
    let msg = e.to_string();
    let msg = match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    };
    format!(
        "JSON parse error: {} at line {} col {}",
        util::one_line(&msg),
        lineno,
        e.column()
    )
}

fn from_value(v: Value, doc: &str, opts: &ReadOptions) -> Result<Article, ReadError> {
    let mut obj = match v {
        Value::Object(o) => o,
        _ => return Err(ReadError::new(doc, "not a JSON object")),
    };
    let mut meta = Meta::new();

    let paragraphs: Vec<String> = match take_first(&mut obj, &["paragraphs"]) {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|p| p.as_str())
            .flat_map(util::paragraphs_from_lines)
            .collect(),
        Some(Value::String(s)) => util::paragraphs_from_lines(&s),
        Some(other) => {
            meta.insert("paragraphs".into(), other);
            Vec::new()
        }
        None => Vec::new(),
    };
    let paragraphs = if paragraphs.is_empty() {
        match take_first(&mut obj, &["text", "body", "content"]) {
            Some(Value::String(s)) => util::paragraphs_from_lines(&s),
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|p| p.as_str())
                .flat_map(util::paragraphs_from_lines)
                .collect(),
            _ => Vec::new(),
        }
    } else {
        paragraphs
    };
    if paragraphs.is_empty() {
        return Err(ReadError::new(doc, "empty body"));
    }

    let source_id = match take_first(&mut obj, &["id"]) {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        _ => doc.to_string(),
    };
    let url = take_str(&mut obj, "url")
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    let source = take_str(&mut obj, "source")
        .map(|s| display(&s))
        .filter(|s| !s.is_empty());
    let title = take_str(&mut obj, "title")
        .map(|s| display(&s))
        .unwrap_or_default();

    let mut published = None;
    if let Some(raw) = take_first(&mut obj, &["published", "date", "published_at"]) {
        match raw
            .as_str()
            .and_then(|s| util::parse_date(s).map(|d| (s, d)))
        {
            Some((s, d)) => {
                if s.trim().len() > 10 {
                    meta.insert("published_at".into(), Value::String(s.trim().to_string()));
                }
                published = Some(d);
            }
            None => {
                let shown = match &raw {
                    Value::String(s) => util::truncate_chars(s, 40),
                    other => util::truncate_chars(&other.to_string(), 40),
                };
                util::warn(&mut meta, format!("date {shown} not valid; ignored"));
            }
        }
    }

    let tags = match take_first(&mut obj, &["tags"]) {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|t| t.as_str())
            .flat_map(split_tags)
            .collect(),
        Some(Value::String(s)) => split_tags(&s),
        _ => Vec::new(),
    };
    let mut tags_dedup: Vec<String> = Vec::new();
    for t in tags {
        if !tags_dedup.contains(&t) {
            tags_dedup.push(t);
        }
    }

    for (k, v) in obj {
        meta.entry(k).or_insert_with(|| display_value(v));
    }
    Ok(Article::builder(source_id, title, paragraphs)
        .source(source)
        .url(url)
        .published(published.or(opts.published))
        .tags(tags_dedup)
        .meta(meta)
        .build())
}

fn take_first(obj: &mut Map<String, Value>, keys: &[&str]) -> Option<Value> {
    for k in keys {
        if let Some(v) = obj.remove(*k) {
            if !v.is_null() {
                return Some(v);
            }
        }
    }
    None
}

fn take_str(obj: &mut Map<String, Value>, key: &str) -> Option<String> {
    match obj.remove(key) {
        Some(Value::String(s)) => Some(s),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(other) if !other.is_null() => {
            // Keep a non-string value rather than losing it.
            obj.insert(format!("{key}_raw"), other);
            None
        }
        _ => None,
    }
}

pub fn split_tags(s: &str) -> Vec<String> {
    s.split([',', '،', '|', ';', '؛'])
        .map(display)
        .filter(|t| !t.is_empty())
        .collect()
}

/// Strings anywhere inside a meta value get the display form; other values stay.
fn display_value(v: Value) -> Value {
    match v {
        Value::String(s) => Value::String(display(&s)),
        Value::Array(a) => Value::Array(a.into_iter().map(display_value).collect()),
        Value::Object(o) => {
            Value::Object(o.into_iter().map(|(k, v)| (k, display_value(v))).collect())
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn opts() -> ReadOptions {
        ReadOptions::default()
    }

    #[test]
    fn lines_good_and_bad() {
        let src = concat!(
            r#"{"id":"a1","title":"عنوان","text":"فقرة أولى.\n\nفقرة ثانية.","published":"2020-10-25","tags":"سياسة، أذربيجان","views":7}"#,
            "\n",
            r#"{"id":"a2","text":"x" "#,
            "\n\n",
            r#"{"paragraphs":["ف1","  ","ف2"],"published":"2020-13-45"}"#,
            "\n",
            r#"{"title":"no body"}"#,
            "\n"
        );
        let r = read("f.jsonl", src.as_bytes(), &opts(), false);
        assert_eq!(r.len(), 4);
        let a = r[0].as_ref().unwrap();
        assert_eq!(a.source_id, "a1");
        assert_eq!(a.paragraphs, vec!["فقرة أولى.", "فقرة ثانية."]);
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2020, 10, 25));
        assert_eq!(a.tags, vec!["سياسة", "أذربيجان"]);
        assert_eq!(a.meta["views"], 7);
        let e = r[1].as_ref().unwrap_err();
        assert_eq!(e.doc, "f.jsonl#line 2");
        assert!(
            e.reason.starts_with("JSON parse error: ") && e.reason.contains("at line 2 col"),
            "{}",
            e.reason
        );
        let c = r[2].as_ref().unwrap();
        assert_eq!(c.source_id, "f.jsonl#line 4");
        assert_eq!(c.paragraphs, vec!["ف1", "ف2"]);
        assert_eq!(c.published, None);
        assert_eq!(c.meta["warnings"][0], "date 2020-13-45 not valid; ignored");
        assert_eq!(r[3], Err(ReadError::new("f.jsonl#line 5", "empty body")));
    }

    #[test]
    fn invalid_utf8_line_only() {
        let mut src = b"{\"text\":\"ok\"}\n{\"text\":\"".to_vec();
        src.extend_from_slice(b"\xff\xfe\"}\n{\"text\":\"ok2\"}\n");
        let r = read("f", &src, &opts(), false);
        assert_eq!(r.len(), 3);
        assert!(r[0].is_ok() && r[2].is_ok());
        assert_eq!(
            r[1],
            Err(ReadError::new("f#line 2", "invalid UTF-8 at byte 23"))
        );
    }

    #[test]
    fn array_and_pretty_object() {
        let r = read("f", br#"[{"text":"a"},{"text":""},3]"#, &opts(), false);
        assert_eq!(r.len(), 3);
        assert!(r[0].is_ok());
        assert_eq!(r[1], Err(ReadError::new("f#item 2", "empty body")));
        assert_eq!(r[2], Err(ReadError::new("f#item 3", "not a JSON object")));
        let r = read(
            "f",
            b"{\n  \"id\": 5,\n  \"text\": \"b\"\n}\n",
            &opts(),
            false,
        );
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].as_ref().unwrap().source_id, "5");
    }
}
