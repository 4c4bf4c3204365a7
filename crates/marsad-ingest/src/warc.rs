//! WARC files (crawls): records parsed by hand — header lines up to a blank line, then
//! `Content-Length` bytes of block, then a blank line.
//!
//! Read: `response` records whose HTTP `Content-Type` is HTML (2xx status; chunked transfer and
//! gzip/deflate content encoding undone), and `resource` records whose WARC `Content-Type` is HTML.
//! `WARC-Target-URI` → `url` fallback, `WARC-Date` → `published` fallback, `WARC-Record-ID` →
//! `source_id`, the HTTP charset → the page's decoding. Everything else (requests, metadata, images,
//! redirects, errors) is skipped silently. A record cut short is a [`ReadError`] for that record
//! (`path#record N`) and ends the file; the records before it are kept. Gzip (one member per record
//! or one for all) is undone before this module sees the bytes.

use std::io::Read;

use crate::html::HttpContext;
use crate::util::{self, find_bytes};
use crate::{Article, ReadError, ReadOptions};

pub fn read(
    name: &str,
    data: &[u8],
    opts: &ReadOptions,
    gzip_truncated: bool,
) -> Vec<Result<Article, ReadError>> {
    let mut out = Vec::new();
    let mut pos = 0usize;
    let mut n = 0usize;
    loop {
        // Records are separated by CRLF CRLF; be lenient about extra blank lines.
        while pos < data.len() && (data[pos] == b'\r' || data[pos] == b'\n') {
            pos += 1;
        }
        if pos >= data.len() {
            break;
        }
        n += 1;
        let doc = format!("{name}#record {n}");
        let rest = &data[pos..];
        if !rest.starts_with(b"WARC/") {
            out.push(Err(ReadError::new(
                doc,
                format!("not a WARC record header at byte {pos}"),
            )));
            break;
        }
        let Some((header_len, sep_len)) = header_end(rest) else {
            if !gzip_truncated {
                out.push(Err(ReadError::new(
                    doc,
                    "truncated record: header not terminated",
                )));
            }
            break;
        };
        let header = String::from_utf8_lossy(&rest[..header_len]);
        let fields = parse_fields(&header);
        let get = |k: &str| {
            fields
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case(k))
                .map(|(_, v)| v.as_str())
        };
        let Some(len) = get("Content-Length").and_then(|v| v.trim().parse::<usize>().ok()) else {
            out.push(Err(ReadError::new(
                doc,
                "record without a valid Content-Length",
            )));
            break;
        };
        let block_start = header_len + sep_len;
        let available = rest.len().saturating_sub(block_start);
        if len > available {
            if !gzip_truncated {
                out.push(Err(ReadError::new(
                    doc,
                    format!(
                        "truncated record: Content-Length {len} but only {available} bytes left"
                    ),
                )));
            }
            break;
        }
        let block = &rest[block_start..block_start + len];
        pos += block_start + len;

        let record_id = get("WARC-Record-ID").map(|s| s.trim().to_string());
        let doc_label = doc.clone();
        let kind = get("WARC-Type").unwrap_or("").trim().to_ascii_lowercase();
        let target = get("WARC-Target-URI").map(|s| s.trim().trim_matches(['<', '>']).to_string());
        let date = get("WARC-Date").map(|s| s.trim().to_string());
        let warc_ct = get("Content-Type").unwrap_or("").to_ascii_lowercase();

        let (payload, charset): (std::borrow::Cow<'_, [u8]>, Option<String>) = match kind.as_str() {
            "response" if warc_ct.contains("application/http") || block.starts_with(b"HTTP/") => {
                match http_payload(block, opts.max_bytes) {
                    Ok(Some(p)) => p,
                    Ok(None) => continue, // not an HTML 2xx response: skipped
                    Err(reason) => {
                        out.push(Err(ReadError::new(doc_label, reason)));
                        continue;
                    }
                }
            }
            "resource" if is_html_type(&warc_ct) => (
                std::borrow::Cow::Borrowed(block),
                crate::decode::charset_param(&warc_ct),
            ),
            _ => continue,
        };
        let ctx = HttpContext {
            charset: charset.as_deref(),
            url: target.as_deref(),
            date: date.as_deref(),
        };
        let sid = record_id.unwrap_or_else(|| doc_label.clone());
        out.extend(crate::html::read(
            &doc_label,
            &payload,
            Some(&ctx),
            Some(&sid),
            opts,
        ));
    }
    if n == 0 && !gzip_truncated {
        out.push(Err(ReadError::new(name, "no WARC records")));
    }
    out
}

/// Where the header ends: (length of the header, length of the blank-line separator).
fn header_end(b: &[u8]) -> Option<(usize, usize)> {
    let crlf = find_bytes(b, b"\r\n\r\n").map(|i| (i, 4));
    let lf = find_bytes(b, b"\n\n").map(|i| (i, 2));
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// `Name: value` lines after the first (status/version) line; continuation lines are folded.
fn parse_fields(header: &str) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = Vec::new();
    for line in header.lines().skip(1) {
        if line.starts_with([' ', '\t']) {
            if let Some(last) = fields.last_mut() {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
            continue;
        }
        if let Some((k, v)) = line.split_once(':') {
            fields.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    fields
}

fn is_html_type(ct: &str) -> bool {
    let ct = ct.trim_start().to_ascii_lowercase();
    ct.starts_with("text/html") || ct.starts_with("application/xhtml")
}

type Payload<'a> = (std::borrow::Cow<'a, [u8]>, Option<String>);

/// The HTML body of an HTTP response block, with its charset; None when it is not a 2xx HTML page.
fn http_payload(block: &[u8], limit: u64) -> Result<Option<Payload<'_>>, String> {
    let Some((hlen, sep)) = header_end(block) else {
        return Err("HTTP response without a header end".to_string());
    };
    let head = String::from_utf8_lossy(&block[..hlen]);
    let status: u16 = head
        .lines()
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    if !(200..300).contains(&status) {
        return Ok(None);
    }
    let fields = parse_fields(&head);
    let get = |k: &str| {
        fields
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(k))
            .map(|(_, v)| v.as_str())
    };
    let ct = get("Content-Type").unwrap_or("");
    if !is_html_type(ct) {
        return Ok(None);
    }
    let charset = crate::decode::charset_param(ct);
    let mut body: std::borrow::Cow<'_, [u8]> = std::borrow::Cow::Borrowed(&block[hlen + sep..]);
    if get("Transfer-Encoding")
        .map(|t| t.to_ascii_lowercase().contains("chunked"))
        .unwrap_or(false)
    {
        if let Some(d) = dechunk(&body) {
            body = std::borrow::Cow::Owned(d);
        }
    }
    match get("Content-Encoding")
        .map(|e| e.trim().to_ascii_lowercase())
        .as_deref()
    {
        None | Some("") | Some("identity") => {}
        Some("gzip") | Some("x-gzip") => {
            let g = crate::decode::gunzip(&body, limit);
            if let Some(e) = g.error {
                return Err(format!("HTTP body: {e}"));
            }
            body = std::borrow::Cow::Owned(g.data);
        }
        Some("deflate") => {
            let mut out = Vec::new();
            let res = flate2::read::ZlibDecoder::new(&body[..])
                .take(limit)
                .read_to_end(&mut out);
            if let Err(e) = res {
                return Err(format!(
                    "HTTP body: corrupt deflate: {}",
                    util::one_line(&e.to_string())
                ));
            }
            body = std::borrow::Cow::Owned(out);
        }
        Some(other) => return Err(format!("HTTP body: unsupported Content-Encoding {other}")),
    }
    Ok(Some((body, charset)))
}

/// Undo HTTP chunked transfer encoding; None if the framing is broken (the caller keeps the raw body).
fn dechunk(b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut pos = 0;
    loop {
        let line_end = find_bytes(&b[pos..], b"\r\n")? + pos;
        let size_str = std::str::from_utf8(&b[pos..line_end]).ok()?;
        let size = usize::from_str_radix(size_str.split(';').next()?.trim(), 16).ok()?;
        pos = line_end + 2;
        if size == 0 {
            return Some(out);
        }
        let end = pos.checked_add(size)?;
        out.extend_from_slice(b.get(pos..end)?);
        pos = end + 2;
        if pos > b.len() {
            return Some(out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked() {
        assert_eq!(
            dechunk(b"4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n").as_deref(),
            Some(&b"Wikipedia"[..])
        );
        assert_eq!(dechunk(b"zz\r\n"), None);
    }

    #[test]
    fn garbage_is_an_error() {
        let r = read(
            "x.warc",
            b"WARC/1.0\r\nContent-Length: abc\r\n\r\n",
            &ReadOptions::default(),
            false,
        );
        assert_eq!(
            r,
            vec![Err(ReadError::new(
                "x.warc#record 1",
                "record without a valid Content-Length"
            ))]
        );
        let r = read("x.warc", b"hello", &ReadOptions::default(), false);
        assert_eq!(
            r[0].as_ref().unwrap_err().reason,
            "not a WARC record header at byte 0"
        );
    }
}
