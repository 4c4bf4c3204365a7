//! Byte-level decoding: gzip (by magic bytes, multi-member), binary detection, and the charset of
//! HTML pages (BOM, then HTTP header, then `<meta>` in the first 2 KB, then `chardetng`).

use std::io::Read;

use encoding_rs::Encoding;

pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.len() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
}

/// What came out of a gzip stream: everything that inflated, and why it stopped early if it did.
pub struct Gunzip {
    pub data: Vec<u8>,
    pub error: Option<String>,
}

/// Inflate a (possibly multi-member) gzip stream, stopping at `limit` bytes of output so a gzip
/// bomb cannot eat the memory. On a cut or corrupt stream the bytes inflated so far are kept.
pub fn gunzip(bytes: &[u8], limit: u64) -> Gunzip {
    let mut dec = flate2::read::MultiGzDecoder::new(bytes);
    let mut data = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match dec.read(&mut buf) {
            Ok(0) => return Gunzip { data, error: None },
            Ok(n) => {
                data.extend_from_slice(&buf[..n]);
                if data.len() as u64 > limit {
                    return Gunzip {
                        data: Vec::new(),
                        error: Some(format!("too large: gzip inflates past {limit} bytes")),
                    };
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                let reason = if e.kind() == std::io::ErrorKind::UnexpectedEof {
                    "truncated gzip: unexpected end of file".to_string()
                } else {
                    format!("corrupt gzip: {}", crate::util::one_line(&e.to_string()))
                };
                return Gunzip {
                    data,
                    error: Some(reason),
                };
            }
        }
    }
}

/// A NUL byte in the first 8 KB means binary (text in UTF-8 or a legacy 8-bit charset has none).
/// UTF-16 text has NULs too, so a UTF-16 BOM is not binary.
pub fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return false;
    }
    bytes.iter().take(8192).any(|&b| b == 0)
}

pub fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// Decode an HTML document to text. Precedence: BOM, bytes that are valid UTF-8 with non-ASCII
/// text in them, the HTTP `Content-Type` charset (from a WARC record), a `<meta charset>` /
/// `<meta http-equiv>` in the first 2 KB, then `chardetng`'s guess (windows-1256 Arabic pages with
/// no declared charset exist). Returns the text and the encoding name used.
///
/// Valid UTF-8 beats a declared legacy charset because saved and re-served pages are often
/// re-encoded to UTF-8 while keeping their old `charset=gb2312` / `windows-1256` tag, and text
/// really in such a charset is almost never valid UTF-8 once it holds a few non-ASCII letters.
pub fn decode_html(bytes: &[u8], http_charset: Option<&str>) -> (String, &'static str) {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return (text.into_owned(), enc.name());
    }
    let declared = http_charset
        .and_then(|c| Encoding::for_label(c.trim().trim_matches('"').as_bytes()))
        .or_else(|| meta_charset(&bytes[..bytes.len().min(2048)]));
    let utf8 = std::str::from_utf8(bytes).is_ok();
    let enc = match declared {
        Some(_) if utf8 && !bytes.is_ascii() => encoding_rs::UTF_8,
        // A page that says UTF-16 in ASCII-compatible bytes is not UTF-16 (HTML spec rule).
        Some(e) if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE => encoding_rs::UTF_8,
        Some(e) => e,
        None if utf8 => encoding_rs::UTF_8,
        None => {
            let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            det.feed(bytes, true);
            det.guess(None, chardetng::Utf8Detection::Allow)
        }
    };
    let (text, _) = enc.decode_without_bom_handling(bytes);
    (text.into_owned(), enc.name())
}

/// The charset a page declares in its first bytes: `<meta charset=X>` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=X">`. A plain byte scan, because
/// the page is not decoded yet.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(pos) = crate::util::find_bytes(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map(|e| start + e)
            .unwrap_or(lower.len());
        let tag = &lower[start..end];
        if let Some(cs) = crate::util::find_bytes(tag, b"charset") {
            let mut rest = &tag[cs + 7..];
            rest = trim_start(rest);
            if let Some(r) = rest.strip_prefix(b"=") {
                let r = trim_start(r);
                let r = r
                    .strip_prefix(b"\"")
                    .or_else(|| r.strip_prefix(b"'"))
                    .unwrap_or(r);
                let len = r
                    .iter()
                    .position(|&b| {
                        b == b'"' || b == b'\'' || b == b';' || b == b'/' || b.is_ascii_whitespace()
                    })
                    .unwrap_or(r.len());
                if let Some(enc) = Encoding::for_label(&r[..len]) {
                    return Some(enc);
                }
            }
        }
        from = end.max(start + 1);
        if from >= lower.len() {
            break;
        }
    }
    None
}

fn trim_start(b: &[u8]) -> &[u8] {
    let n = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    &b[n..]
}

/// The `charset=` parameter of a Content-Type header value.
pub fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        if k.trim().eq_ignore_ascii_case("charset") {
            Some(v.trim().trim_matches('"').trim_matches('\'').to_string())
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn gzip_roundtrip_and_truncation() {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all("سطر عربي\n".repeat(1000).as_bytes()).unwrap();
        let gz = enc.finish().unwrap();
        assert!(is_gzip(&gz));
        let full = gunzip(&gz, u64::MAX);
        assert!(full.error.is_none());
        assert_eq!(full.data.len(), "سطر عربي\n".len() * 1000);
        let cut = gunzip(&gz[..gz.len() / 2], u64::MAX);
        assert_eq!(
            cut.error.as_deref(),
            Some("truncated gzip: unexpected end of file")
        );
        let bomb = gunzip(&gz, 100);
        assert!(bomb.error.unwrap().starts_with("too large"));
    }

    #[test]
    fn meta_charsets() {
        assert_eq!(
            meta_charset(b"<html><head><meta charset=\"windows-1256\">"),
            Some(encoding_rs::WINDOWS_1256)
        );
        assert_eq!(
            meta_charset(
                b"<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=ISO-8859-6'>"
            ),
            Some(encoding_rs::ISO_8859_6)
        );
        assert_eq!(meta_charset(b"<meta name=x><p>charset=utf-8"), None);
        assert_eq!(
            charset_param("text/html; charset=\"UTF-8\""),
            Some("UTF-8".to_string())
        );
        assert_eq!(charset_param("text/html"), None);
    }

    #[test]
    fn utf8_bytes_beat_a_stale_legacy_charset() {
        let text = "<meta charset=\"windows-1256\"><p>أعلنت وزارة الخارجية اليوم مشاركتها.</p>";
        let (decoded, name) = decode_html(text.as_bytes(), None);
        assert_eq!((decoded.as_str(), name), (text, "UTF-8"));
        // Real windows-1256 bytes under the same tag still decode as declared.
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(text);
        let (decoded, name) = decode_html(&bytes, None);
        assert_eq!((decoded.as_str(), name), (text, "windows-1256"));
    }

    #[test]
    fn windows_1256_undeclared() {
        let text =
            "<p>أعلنت وزارة الخارجية الأذربيجانية اليوم مشاركتها في الاجتماع الحواري في واشنطن.</p>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(text);
        let (decoded, name) = decode_html(&bytes, None);
        assert_eq!(name, "windows-1256");
        assert_eq!(decoded, text);
    }
}
