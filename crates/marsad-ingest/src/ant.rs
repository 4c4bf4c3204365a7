//! The ANT corpus format: TREC-like pseudo-XML, one or more `<DOC>` per file, no escaping.
//!
//! Fields: `DOCNO` → `source_id`; `URL` → `url`; `SRC` → `source` (empty or missing → None);
//! `CAT` → `meta.category` and `tags`; `TITLE` → `title` (empty → the URL slug, noted in
//! `meta.title_from`); `TIME` → `published` (`DD/MM/YYYY`, `YYYY-MM-DDTHH:MM:SS+01:00` with the full
//! string kept in `meta.published_at`, or the malformed `YYYY-MM-DDTHHMMSS`), else the date at the end
//! of `DOCNO` (`YYYYMMDD` or `DDMMYYYY`, whichever is a valid date; `00000000` → none), else the
//! caller's default; `AUTHOR` → `meta.author`; `ABSTRACT` → `meta.abstract`; `TEXT` → paragraphs, one
//! per non-empty line. An empty `TEXT` is a [`ReadError`] "empty body". Tags are matched by plain
//! text search (the format is not XML: `<`/`&` appear unescaped), and the common entities are decoded.

use chrono::NaiveDate;
use serde_json::Value;

use crate::util::{self, display, paragraphs_from_lines, Meta};
use crate::{Article, ReadError, ReadOptions};

pub fn read(name: &str, bytes: &[u8], opts: &ReadOptions) -> Vec<Result<Article, ReadError>> {
    let text = match util::utf8(bytes) {
        Ok(t) => t,
        Err(reason) => return vec![Err(ReadError::new(name, reason))],
    };
    let mut out = Vec::new();
    let mut rest = text;
    let mut n = 0;
    while let Some(start) = rest.find("<DOC>") {
        n += 1;
        let after = &rest[start + "<DOC>".len()..];
        let (block, next) = match after.find("</DOC>") {
            Some(end) => (&after[..end], &after[end + "</DOC>".len()..]),
            // No closing tag: the rest of the file up to a next <DOC>, if any, is this document.
            None => match after.find("<DOC>") {
                Some(end) => (&after[..end], &after[end..]),
                None => (after, ""),
            },
        };
        out.push(read_doc(name, n, block, opts));
        rest = next;
    }
    if n == 0 {
        out.push(Err(ReadError::new(name, "no <DOC> found in ANT file")));
    }
    out
}

/// The text between `<TAG>` and `</TAG>` in a document block (first occurrence).
fn field<'a>(block: &'a str, tag: &str) -> Option<&'a str> {
    let start = find_tag(block, tag, b"<")?;
    let len = find_tag(&block[start..], tag, b"</")?;
    // `len` is where the content ends: before the `</`.
    Some(&block[start..start + len - 2 - tag.len() - 1])
}

/// The end of the first `{lead}TAG>` in `s` (e.g. `<TEXT>` or `</TEXT>`), without building the
/// pattern string.
fn find_tag(s: &str, tag: &str, lead: &[u8]) -> Option<usize> {
    let b = s.as_bytes();
    let mut from = 0;
    loop {
        let i = from + s[from..].find(tag)?;
        let end = i + tag.len();
        if i >= lead.len() && &b[i - lead.len()..i] == lead && b.get(end) == Some(&b'>') {
            return Some(end + 1);
        }
        from = i + 1;
    }
}

/// A document block without its `TEXT` content, where the other fields are looked up: a field
/// that is missing, or comes after the body, then costs no scan of the whole body.
struct Around<'a> {
    head: &'a str,
    tail: &'a str,
}

impl<'a> Around<'a> {
    fn new(block: &'a str, body: &'a str) -> Around<'a> {
        let start = body.as_ptr() as usize - block.as_ptr() as usize;
        Around {
            head: &block[..start],
            tail: &block[start + body.len()..],
        }
    }

    fn field(&self, tag: &str) -> Option<&'a str> {
        field(self.head, tag).or_else(|| field(self.tail, tag))
    }
}

fn clean(s: Option<&str>) -> Option<String> {
    s.map(|v| display(&util::decode_entities(v)))
        .filter(|v| !v.is_empty())
}

fn read_doc(name: &str, n: usize, block: &str, opts: &ReadOptions) -> Result<Article, ReadError> {
    // A DOCNO is one token on one line: one spanning lines lost its closing tag (it would
    // carry half the document into the source id and break the one-line error).
    let docno = field(block, "DOCNO")
        .map(str::trim)
        .filter(|s| !s.is_empty() && !s.contains(['\n', '\r']));
    let doc_label = match docno {
        Some(d) => format!("{name}#{d}"),
        None => format!("{name}#doc {n}"),
    };
    let source_id = docno
        .map(str::to_string)
        .unwrap_or_else(|| doc_label.clone());

    let body = match field(block, "TEXT") {
        Some(t) => t,
        None if block.contains("<TEXT>") => {
            return Err(ReadError::new(doc_label, "unclosed <TEXT>"))
        }
        None => return Err(ReadError::new(doc_label, "no <TEXT>")),
    };
    let paragraphs = paragraphs_from_lines(&util::decode_entities(body));
    if paragraphs.is_empty() {
        return Err(ReadError::new(doc_label, "empty body"));
    }
    let fields = Around::new(block, body);

    let mut meta = Meta::new();
    let url = fields
        .field("URL")
        .map(|u| util::decode_entities(u.trim()).into_owned())
        .filter(|u| !u.is_empty());
    let source = clean(fields.field("SRC"));
    let category = clean(fields.field("CAT"));
    let mut tags = Vec::new();
    if let Some(c) = &category {
        meta.insert("category".into(), Value::String(c.clone()));
        tags.push(c.clone());
    }
    if let Some(a) = clean(fields.field("AUTHOR")) {
        meta.insert("author".into(), Value::String(a));
    }
    if let Some(a) = fields.field("ABSTRACT") {
        // The abstract may span lines; keep it as one string of its non-empty lines.
        let lines = paragraphs_from_lines(&util::decode_entities(a));
        if !lines.is_empty() {
            meta.insert("abstract".into(), Value::String(lines.join("\n")));
        }
    }

    let mut title = clean(fields.field("TITLE")).unwrap_or_default();
    if title.is_empty() {
        if let Some(t) = url.as_deref().and_then(title_from_url) {
            title = t;
            meta.insert("title_from".into(), Value::String("url".into()));
        } else {
            util::warn(&mut meta, "empty title");
        }
    }

    let published = published(&fields, docno, &mut meta).or(opts.published);

    Ok(Article::builder(source_id, title, paragraphs)
        .source(source)
        .url(url)
        .published(published)
        .tags(tags)
        .meta(meta)
        .build())
}

/// Publication date from `<TIME>`, falling back to the DOCNO date.
fn published(fields: &Around, docno: Option<&str>, meta: &mut Meta) -> Option<NaiveDate> {
    if let Some(raw) = fields
        .field("TIME")
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        match parse_time(raw) {
            Some(d) => {
                if raw.contains('T') {
                    meta.insert("published_at".into(), Value::String(raw.to_string()));
                }
                return Some(d);
            }
            None => util::warn(meta, format!("date {raw:?} not valid; ignored")),
        }
    }
    let d = docno.and_then(docno_date);
    if d.is_some() {
        meta.insert("date_from".into(), Value::String("docno".into()));
    }
    d
}

/// `DD/MM/YYYY`, `YYYY-MM-DDTHH:MM:SS+01:00`, or the malformed `YYYY-MM-DDTHHMMSS`.
fn parse_time(raw: &str) -> Option<NaiveDate> {
    if let Some(d) = util::parse_date(raw) {
        return Some(d);
    }
    // Whatever follows the T, the date part may still be good.
    let date_part = raw.split('T').next()?;
    NaiveDate::parse_from_str(date_part, "%Y-%m-%d")
        .ok()
        .filter(|d| util::plausible_year(*d))
}

/// The date at the end of a DOCNO (`JA-politic-97-21082016`): YYYYMMDD or DDMMYYYY, whichever is
/// a valid date in a plausible year; `00000000` and other non-dates give None.
pub fn docno_date(docno: &str) -> Option<NaiveDate> {
    let digits = docno.rsplit('-').next()?.trim();
    if digits.len() != 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let num = |r: std::ops::Range<usize>| digits.get(r).and_then(|s| s.parse::<u32>().ok());
    let ymd = NaiveDate::from_ymd_opt(num(0..4)? as i32, num(4..6)?, num(6..8)?)
        .filter(|d| util::plausible_year(*d));
    ymd.or_else(|| {
        NaiveDate::from_ymd_opt(num(4..8)? as i32, num(2..4)?, num(0..2)?)
            .filter(|d| util::plausible_year(*d))
    })
}

/// `http://…/article/الحماية-المدنية--لا-وجود/105/67243` → `الحماية المدنية لا وجود`.
fn title_from_url(url: &str) -> Option<String> {
    let path = url.split("/article/").nth(1)?;
    let slug = path.split('/').next()?;
    let words = util::percent_decode(slug).replace(['-', '_', '+'], " ");
    let t = display(&words);
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.chars().any(|c| c.is_alphabetic()) {
        Some(t)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_after_the_body_are_read_and_tags_inside_it_are_text() {
        let doc = "<DOC>\n<DOCNO>JA-x-1-20170125</DOCNO>\n<TEXT>\nقال المتحدث إن <SRC> ليست مصدرا.\n</TEXT>\n<TITLE>عنوان بعد النص</TITLE>\n<TIME>22/02/2016</TIME>\n</DOC>\n";
        let a = read("f", doc.as_bytes(), &ReadOptions::default())
            .remove(0)
            .unwrap();
        assert_eq!(a.title, "عنوان بعد النص");
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2016, 2, 22));
        assert_eq!(a.source, None, "a tag inside the body is not a field");
        assert_eq!(a.paragraphs, vec!["قال المتحدث إن <SRC> ليست مصدرا."]);
    }

    #[test]
    fn docno_dates() {
        assert_eq!(
            docno_date("JA-economy-32-20170125"),
            NaiveDate::from_ymd_opt(2017, 1, 25)
        );
        assert_eq!(
            docno_date("JA-politic-97-21082016"),
            NaiveDate::from_ymd_opt(2016, 8, 21)
        );
        assert_eq!(docno_date("JA-localNews-167-00000000"), None);
        assert_eq!(docno_date("92"), None);
        assert_eq!(docno_date("JA-x-1-2017012"), None);
    }

    #[test]
    fn time_shapes() {
        assert_eq!(
            parse_time("22/02/2016"),
            NaiveDate::from_ymd_opt(2016, 2, 22)
        );
        assert_eq!(
            parse_time("2017-01-25T14:36:00+01:00"),
            NaiveDate::from_ymd_opt(2017, 1, 25)
        );
        assert_eq!(
            parse_time("2017-01-22T171800"),
            NaiveDate::from_ymd_opt(2017, 1, 22)
        );
        assert_eq!(
            parse_time("2017-01-22Tgarbage"),
            NaiveDate::from_ymd_opt(2017, 1, 22)
        );
        assert_eq!(parse_time("45/13/2016"), None);
    }

    #[test]
    fn slug_title() {
        assert_eq!(
            title_from_url("http://www.jawharafm.net/ar/article/%D8%A7%D9%84%D8%AD%D9%85%D8%A7%D9%8A%D8%A9--x/105/1").as_deref(),
            Some("الحماية x")
        );
        assert_eq!(title_from_url("http://x/y"), None);
    }

    #[test]
    fn two_docs_one_empty_and_unclosed() {
        let src = "<DOC>\n<DOCNO>A-1-20170101</DOCNO>\n<TITLE>t &amp; u</TITLE>\n<TEXT>\nسطر أول.\n\n سطر ثان. \n</TEXT>\n</DOC>\n<DOC>\n<DOCNO>A-2-20170101</DOCNO>\n<TEXT>\n</TEXT>\n</DOC>\n<DOC><DOCNO>A-3</DOCNO><TEXT>x";
        let r = read("f", src.as_bytes(), &ReadOptions::default());
        assert_eq!(r.len(), 3);
        let a = r[0].as_ref().unwrap();
        assert_eq!(a.source_id, "A-1-20170101");
        assert_eq!(a.title, "t & u");
        assert_eq!(a.paragraphs, vec!["سطر أول.", "سطر ثان."]);
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2017, 1, 1));
        assert_eq!(r[1], Err(ReadError::new("f#A-2-20170101", "empty body")));
        assert_eq!(r[2], Err(ReadError::new("f#A-3", "unclosed <TEXT>")));
    }

    #[test]
    fn a_docno_without_its_closing_tag_is_not_the_document_name() {
        // Found by the read_ant fuzz target: the next document's </DOCNO> closed this one's, and
        // the error named "doc.ant#X-2\n<TEXT…" over three lines.
        let src = "<DOC>\n<DOCNO>X-2</DOCNO\n<TEX\n<DOCNO>X-1</DOCNO>\n</DOC>\n";
        let out = read("doc.ant", src.as_bytes(), &ReadOptions::default());
        let e = out[0].as_ref().unwrap_err().to_string();
        assert!(!e.contains('\n'), "{e:?}");
        assert!(e.starts_with("doc.ant#doc 1"), "{e}");
    }
}
