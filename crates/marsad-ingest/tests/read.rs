//! Reader tests on committed fixtures (the seed article, a few ANT files) and on inputs generated
//! here (HTML, WARC, JSONL, gzip, broken files).

// Test helpers (not #[test] functions themselves) may unwrap: a failure is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use marsad_ingest::{
    read_bytes, read_bytes_with, read_file, read_file_with, walk, Article, Format, ReadError,
    ReadOptions,
};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

fn one_ok(r: Vec<Result<Article, ReadError>>) -> Article {
    assert_eq!(r.len(), 1, "expected one result, got {r:?}");
    match r.into_iter().next() {
        Some(Ok(a)) => a,
        other => panic!("expected an article, got {other:?}"),
    }
}

fn one_err(r: Vec<Result<Article, ReadError>>) -> ReadError {
    assert_eq!(r.len(), 1, "expected one result, got {r:?}");
    match r.into_iter().next() {
        Some(Err(e)) => e,
        other => panic!("expected an error, got {other:?}"),
    }
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

// ---------------------------------------------------------------- scraped text (the seed)

#[test]
fn seed_article_reads_as_expected() {
    let path = fixture("000_e6d7035163982f4c.txt");
    let a = one_ok(read_file(&path, Format::Auto));
    assert_eq!(
        a.title,
        "نزاع إقليم قره باغ.. أذربيجان تعلن مشاركتها في الاجتماع الحواري بواشنطن"
    );
    assert_eq!(a.meta.get("views"), Some(&serde_json::json!(103)));
    assert_eq!(a.tags, vec!["أذربيجان"]);
    assert_eq!(a.paragraphs.len(), 8, "{:#?}", a.paragraphs);
    for p in &a.paragraphs {
        assert!(!p.contains("103"), "views leaked into {p}");
        assert!(
            p.lines().all(|l| l.trim() != "مشاركة"),
            "share label in body: {p}"
        );
        assert!(!p.ends_with("مشاركة"), "share label glued to body: {p}");
    }
    assert!(a.paragraphs[0].starts_with("أعلنت السلطات في أذربيجان"));
    assert!(a.paragraphs[7].ends_with("بشكل كامل."));
    assert_eq!(
        a.meta["boilerplate"],
        serde_json::json!(["103", "أذربيجان", "مشاركة"])
    );
    assert_eq!(a.source_id, path.display().to_string());
    assert_eq!(a.source, None);
    assert_eq!(a.published, None);
    // No invisible characters survive the display form.
    assert!(a.paragraphs.iter().all(|p| !p.contains('\u{a0}')));
}

#[test]
fn seed_published_comes_from_the_caller() {
    let opts = ReadOptions {
        published: date(2020, 10, 25),
        ..ReadOptions::default()
    };
    let a = one_ok(read_file_with(
        &fixture("000_e6d7035163982f4c.txt"),
        Format::Text,
        &opts,
    ));
    assert_eq!(a.published, date(2020, 10, 25));
}

#[test]
fn same_article_twice_same_id() {
    let path = fixture("000_e6d7035163982f4c.txt");
    let a = one_ok(read_file(&path, Format::Auto));
    let b = one_ok(read_file(&path, Format::Auto));
    assert_eq!(a.id, b.id);
    assert_eq!(a.id.len(), 16);
    // Same bytes under another name, gzipped: same content, same id.
    let bytes = std::fs::read(&path).unwrap();
    let c = one_ok(read_bytes("-", &gzip(&bytes), Format::Auto));
    assert_eq!(c.id, a.id);
    assert_eq!(c.source_id, "-");
    // The id does not depend on the furniture around the body.
    let text = String::from_utf8(bytes).unwrap();
    let without_share = text.trim_end().strip_suffix("مشاركة").unwrap();
    let d = one_ok(read_bytes("x.txt", without_share.as_bytes(), Format::Text));
    assert_eq!(d.id, a.id);
}

#[test]
fn text_with_title_and_paragraphs_only() {
    let src = "عنوان الخبر\n\nقال الوزير إن الحكومة ستعلن عن خطة جديدة للنقل العمومي الأسبوع المقبل.\nوأضاف أن الخطة جاهزة.\n";
    let a = one_ok(read_bytes("a.txt", src.as_bytes(), Format::Auto));
    assert_eq!(a.title, "عنوان الخبر");
    assert!(a.tags.is_empty());
    assert_eq!(a.paragraphs.len(), 2);
    assert!(!a.meta.contains_key("views"));
}

// ---------------------------------------------------------------- ANT

#[test]
fn ant_time_dd_mm_yyyy_and_nbsp_tatweel() {
    let a = one_ok(read_file(
        &fixture("ant/JA-politic-86-06072015.txt"),
        Format::Auto,
    ));
    assert_eq!(a.source_id, "JA-politic-86-06072015");
    assert_eq!(a.published, date(2015, 7, 6));
    assert_eq!(a.source.as_deref(), Some("Jawhara FM"));
    assert_eq!(a.meta["category"], "politic");
    assert_eq!(a.tags, vec!["politic"]);
    assert!(a
        .url
        .as_deref()
        .unwrap_or("")
        .starts_with("http://www.jawharafm.net/"));
    let raw = std::fs::read_to_string(fixture("ant/JA-politic-86-06072015.txt")).unwrap();
    assert!(
        raw.contains('\u{a0}') && raw.contains('\u{640}'),
        "fixture should have NBSP and tatweel"
    );
    for p in &a.paragraphs {
        assert!(!p.contains('\u{a0}'), "NBSP left in {p}");
        assert!(!p.contains('\u{640}'), "tatweel left in {p}");
        assert_eq!(p.trim(), p);
    }
}

#[test]
fn ant_time_iso_keeps_full_timestamp() {
    let a = one_ok(read_file(
        &fixture("ant/JA-economy-32-20170125.txt"),
        Format::Auto,
    ));
    assert_eq!(a.published, date(2017, 1, 25));
    assert_eq!(a.meta["published_at"], "2017-01-25T14:36:00+01:00");
    assert_eq!(a.title, "ارتفاع صادرات تونس من التمور");
    assert_eq!(a.paragraphs.len(), 2);
    assert!(a.meta["abstract"]
        .as_str()
        .unwrap()
        .starts_with("قال المدير الجهوي"));
}

#[test]
fn ant_time_malformed() {
    let a = one_ok(read_file(
        &fixture("ant/JA-localNews-41-20170122.txt"),
        Format::Auto,
    ));
    assert_eq!(a.published, date(2017, 1, 22));
}

#[test]
fn ant_docno_zero_and_empty_title() {
    let a = one_ok(read_file(
        &fixture("ant/JA-localNews-167-00000000.txt"),
        Format::Auto,
    ));
    assert_eq!(a.published, date(2016, 9, 29)); // from <TIME>
    assert!(
        a.title.starts_with("الحماية المدنية"),
        "title from URL slug: {}",
        a.title
    );
    assert_eq!(a.meta["title_from"], "url");
}

#[test]
fn ant_empty_text_is_an_error() {
    let e = one_err(read_file(
        &fixture("ant/JA-localNews-296-22022016.txt"),
        Format::Auto,
    ));
    assert_eq!(e.reason, "empty body");
    assert!(e.doc.ends_with("#JA-localNews-296-22022016"));
}

#[test]
fn ant_missing_src_and_cat() {
    let a = one_ok(read_file(
        &fixture("ant/JA-politic-92-20170201.txt"),
        Format::Auto,
    ));
    assert_eq!(a.source, None);
    assert_eq!(a.source_id, "92");
    assert!(a.tags.is_empty());
    assert_eq!(a.published, date(2017, 2, 1));
}

#[test]
fn ant_docno_date_fallback_both_orders() {
    let doc = |docno: &str| {
        format!("<DOC>\n<DOCNO>{docno}</DOCNO>\n<TITLE>t</TITLE>\n<TIME>bad</TIME>\n<TEXT>\nنص.\n</TEXT>\n</DOC>\n")
    };
    let a = one_ok(read_bytes(
        "a",
        doc("JA-politic-97-21082016").as_bytes(),
        Format::Auto,
    ));
    assert_eq!(a.published, date(2016, 8, 21));
    assert_eq!(a.meta["date_from"], "docno");
    assert_eq!(a.meta["warnings"][0], "date \"bad\" not valid; ignored");
    let b = one_ok(read_bytes(
        "b",
        doc("JA-politic-97-20160821").as_bytes(),
        Format::Auto,
    ));
    assert_eq!(b.published, date(2016, 8, 21));
    let c = one_ok(read_bytes(
        "c",
        doc("JA-politic-97-00000000").as_bytes(),
        Format::Auto,
    ));
    assert_eq!(c.published, None);
    let opts = ReadOptions {
        published: date(2020, 1, 1),
        ..ReadOptions::default()
    };
    let d = one_ok(read_bytes_with(
        "d",
        doc("JA-politic-97-00000000").as_bytes(),
        Format::Ant,
        &opts,
    ));
    assert_eq!(d.published, date(2020, 1, 1));
}

#[test]
fn ant_entities_decoded() {
    let src = "<DOC>\n<DOCNO>X-1-20170101</DOCNO>\n<TITLE>أ &amp; ب</TITLE>\n<TEXT>\nنص &quot;مقتبس&quot; &lt;هنا&gt;.\n</TEXT>\n</DOC>";
    let a = one_ok(read_bytes("e", src.as_bytes(), Format::Auto));
    assert_eq!(a.title, "أ & ب");
    assert!(a.paragraphs[0].contains("<هنا>"));
}

/// Every ANT file reads without panic: 10,161 documents, 23 of them with an empty body.
#[test]
#[ignore = "needs ../shared/data beside the repository; .ci/run runs it"]
fn whole_ant_corpus_reads() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/news/ant_v1.1");
    assert!(
        root.is_dir(),
        "{} not found: this test needs the shared data",
        root.display()
    );
    let start = std::time::Instant::now();
    let (files, walk_errors) = walk(&[root]);
    assert!(walk_errors.is_empty(), "{walk_errors:?}");
    assert_eq!(
        files.len(),
        10_161,
        "walk should skip README.md, PROVENANCE.md, LICENSE"
    );
    let mut ok = 0;
    let mut errors = Vec::new();
    let mut ids = std::collections::HashSet::new();
    for f in &files {
        for r in read_file(f, Format::Auto) {
            match r {
                Ok(a) => {
                    ok += 1;
                    assert!(!a.paragraphs.is_empty());
                    assert!(a.published.is_some(), "no date for {}", a.source_id);
                    ids.insert(a.id);
                }
                Err(e) => errors.push(e),
            }
        }
    }
    eprintln!(
        "ANT: {ok} articles, {} errors, {} distinct ids, {:.2?}",
        errors.len(),
        ids.len(),
        start.elapsed()
    );
    assert!(
        errors.iter().all(|e| e.reason == "empty body"),
        "{errors:?}"
    );
    assert_eq!(errors.len(), 23);
    assert_eq!(ok, 10_161 - 23);
    // Exact duplicates collide on purpose (179 pairs upstream).
    assert!(ids.len() < ok);
}

// ---------------------------------------------------------------- JSONL

#[test]
fn jsonl_file_with_a_bad_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("news.jsonl");
    let lines = [
        r#"{"id":"n1","url":"https://ex.com/1","source":"مثال","title":"عنوان أول","text":"فقرة أولى.\nفقرة ثانية.","published":"2021-03-04T10:00:00Z","tags":["اقتصاد"],"lang":"ar"}"#,
        r#"{"id":"n2","title":"سطر مكسور","text":"#,
        r#"{"id":"n3","paragraphs":["فقرة وحيدة."],"published":"2020-13-45"}"#,
    ];
    std::fs::write(&path, lines.join("\n")).unwrap();
    let r = read_file(&path, Format::Auto);
    assert_eq!(r.len(), 3);
    let a = r[0].as_ref().unwrap();
    assert_eq!(a.source_id, "n1");
    assert_eq!(a.url.as_deref(), Some("https://ex.com/1"));
    assert_eq!(a.source.as_deref(), Some("مثال"));
    assert_eq!(a.published, date(2021, 3, 4));
    assert_eq!(a.tags, vec!["اقتصاد"]);
    assert_eq!(a.meta["lang"], "ar");
    assert_eq!(a.paragraphs.len(), 2);
    let e = r[1].as_ref().unwrap_err();
    assert_eq!(e.doc, format!("{}#line 2", path.display()));
    assert!(e.reason.starts_with("JSON parse error:"), "{}", e.reason);
    let c = r[2].as_ref().unwrap();
    assert_eq!(c.published, None);
    assert_eq!(c.meta["warnings"][0], "date 2020-13-45 not valid; ignored");
}

#[test]
fn jsonl_truncated_gzip_keeps_complete_lines() {
    let mut src = String::new();
    for i in 0..2000 {
        src.push_str(&format!("{{\"id\":\"{i}\",\"text\":\"الفقرة رقم {i} من النص الذي يجب أن يكون طويلا بما يكفي.\"}}\n"));
    }
    let gz = gzip(src.as_bytes());
    let cut = &gz[..gz.len() * 2 / 3];
    let r = read_bytes("big.jsonl.gz", cut, Format::Auto);
    let ok = r.iter().filter(|x| x.is_ok()).count();
    let errs: Vec<_> = r.iter().filter_map(|x| x.as_ref().err()).collect();
    assert!(ok > 100 && ok < 2000, "kept {ok}");
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].reason, "truncated gzip: unexpected end of file");
    assert_eq!(errs[0].doc, "big.jsonl.gz");
}

// ---------------------------------------------------------------- broken input

#[test]
fn invalid_utf8_text() {
    let mut bytes = "عنوان\nنص الخبر".as_bytes().to_vec();
    bytes.extend_from_slice(b"\xC3\x28 more");
    let e = one_err(read_bytes("bad.txt", &bytes, Format::Auto));
    assert_eq!(
        e.reason,
        format!("invalid UTF-8 at byte {}", "عنوان\nنص الخبر".len())
    );
    assert_eq!(
        e.to_string(),
        format!("bad.txt: invalid UTF-8 at byte {}", "عنوان\nنص الخبر".len())
    );
}

#[test]
fn empty_and_binary_files() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    assert_eq!(
        one_err(read_file(&empty, Format::Auto)).reason,
        "empty file"
    );
    let bin = dir.path().join("blob.txt");
    std::fs::write(&bin, [0x89, b'P', b'N', b'G', 0, 0, 0, 13, 1, 2, 3]).unwrap();
    assert_eq!(
        one_err(read_file(&bin, Format::Auto)).reason,
        "binary file, not text"
    );
    let missing = dir.path().join("nope.txt");
    assert_eq!(
        one_err(read_file(&missing, Format::Auto)).reason,
        "no such file or directory"
    );
    assert_eq!(
        one_err(read_bytes("ws", b" \n\t\n", Format::Text)).reason,
        "empty body"
    );
}

#[test]
fn truncated_gzip_text_is_one_error() {
    let bytes = std::fs::read(fixture("000_e6d7035163982f4c.txt")).unwrap();
    let gz = gzip(&bytes);
    let e = one_err(read_bytes("seed.txt.gz", &gz[..gz.len() / 2], Format::Auto));
    assert_eq!(e.reason, "truncated gzip: unexpected end of file");
    let e = one_err(read_bytes(
        "x.gz",
        &[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff],
        Format::Auto,
    ));
    assert!(e.reason.contains("gzip"), "{}", e.reason);
}

#[test]
fn no_panic_on_garbage() {
    // A few hostile inputs through every format: nothing may panic.
    let inputs: Vec<Vec<u8>> = vec![
        b"<DOC><DOCNO>".to_vec(),
        b"<DOC>\n<TEXT>".to_vec(),
        b"WARC/1.0\r\nContent-Length: 99999999999999999999\r\n\r\n".to_vec(),
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5\r\n\r\nHTTP/".to_vec(),
        b"{\"text\": 5}\n[1,2\n\xff".to_vec(),
        b"<html><body><p>\xd8</p>".to_vec(),
        "ـ\u{200f}\u{a0}".as_bytes().to_vec(),
        vec![0x1f, 0x8b],
        b"&#xFFFFFFFF; &#0; &".to_vec(),
    ];
    for bytes in &inputs {
        for f in [
            Format::Auto,
            Format::Text,
            Format::Ant,
            Format::Jsonl,
            Format::Html,
            Format::Warc,
        ] {
            let _ = read_bytes("g", bytes, f);
        }
    }
}

// ---------------------------------------------------------------- HTML

const PAGE: &str = r##"<!DOCTYPE html>
<html lang="ar" dir="rtl"><head>
<meta charset="utf-8">
<title>أذربيجان تعلن مشاركتها في الاجتماع - موقع الأخبار</title>
<meta property="og:site_name" content="موقع الأخبار">
<meta property="og:title" content="أذربيجان تعلن مشاركتها في الاجتماع - موقع الأخبار">
<meta property="article:tag" content="أذربيجان">
<meta property="article:tag" content="أرمينيا">
<meta name="keywords" content="قره باغ، واشنطن">
<link rel="canonical" href="https://news.example.com/2020/10/azerbaijan">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},{"@type":"NewsArticle","headline":"h","datePublished":"2020-10-25T09:30:00+03:00","author":{"@type":"Person","name":"كاتب"}}]}</script>
</head><body class="home has-sidebar">
<header><nav><a href="/">الرئيسية</a><a href="/world">العالم</a></nav></header>
<div class="breadcrumb"><a href="/">الرئيسية</a> &gt; <a href="/world">العالم</a></div>
<main><article>
<h1>أذربيجان تعلن مشاركتها في الاجتماع</h1>
<div class="share-buttons"><a href="#">فيسبوك</a> <a href="#">تويتر</a></div>
<div class="article-body">
<p>أعلنت السلطات في أذربيجان&nbsp;قبولها المبدئي بالمشاركة إلى جانب أرمينيا في اجتماع برعاية أمريكية.</p>
<p>وبدوره، أكد مساعد رئيس أذربيجان حكمت حجييف موافقة بلاده على المشاركة.</p>
<p><a href="/a">اقرأ أيضا: خبر آخر</a></p>
<script>var x = "<p>not text</p>";</script>
<p>وأعرب حجييف عن تمنياته بنجاح المباحثات الجارية في واشنطن.</p>
</div>
<div class="related-articles"><h3>أخبار ذات صلة</h3><p><a href="/b">عنوان خبر ذي صلة طويل نسبيا لكنه رابط فقط</a></p></div>
</article></main>
<aside><p>إعلان جانبي طويل لا علاقة له بالخبر ولا يجب أن يظهر في النص أبدا.</p></aside>
<footer><p>© 2020 موقع الأخبار. جميع الحقوق محفوظة.</p></footer>
</body></html>"##;

#[test]
fn html_utf8_with_json_ld() {
    let a = one_ok(read_bytes("page.html", PAGE.as_bytes(), Format::Auto));
    assert_eq!(a.title, "أذربيجان تعلن مشاركتها في الاجتماع");
    assert_eq!(
        a.url.as_deref(),
        Some("https://news.example.com/2020/10/azerbaijan")
    );
    assert_eq!(a.source.as_deref(), Some("موقع الأخبار"));
    assert_eq!(a.published, date(2020, 10, 25));
    assert_eq!(a.meta["published_at"], "2020-10-25T09:30:00+03:00");
    assert_eq!(a.meta["author"], "كاتب");
    assert_eq!(a.tags, vec!["أذربيجان", "أرمينيا", "قره باغ", "واشنطن"]);
    assert_eq!(a.paragraphs.len(), 3, "{:#?}", a.paragraphs);
    assert!(a.paragraphs[0].starts_with("أعلنت السلطات في أذربيجان قبولها"));
    assert!(a.paragraphs[2].contains("واشنطن"));
    let all = a.body_text();
    for bad in ["الرئيسية", "إعلان", "©", "not text", "ذي صلة", "فيسبوك"] {
        assert!(!all.contains(bad), "{bad} leaked into body");
    }
}

#[test]
fn html_json_ld_date_when_no_meta_and_source_from_host() {
    let page = r#"<html><head><title>خبر</title>
<script type="application/ld+json">[{"@type":"NewsArticle","datePublished":"2019-05-06"}]</script>
<meta property="og:url" content="https://www.alyaum.example/n/1"></head>
<body><div id="content"><p>نص الخبر الأول هنا وهو جملة كاملة.</p><p>ونص ثان.</p></div></body></html>"#;
    let a = one_ok(read_bytes("p.htm", page.as_bytes(), Format::Auto));
    assert_eq!(a.published, date(2019, 5, 6));
    assert_eq!(a.source.as_deref(), Some("alyaum.example"));
    assert_eq!(a.title, "خبر");
    assert_eq!(a.paragraphs.len(), 2);
}

#[test]
fn html_windows_1256_without_charset() {
    let page = "<html><head><title>وزارة الخارجية</title></head><body><div><p>أعلنت وزارة الخارجية الأذربيجانية اليوم الأحد مشاركتها في الاجتماع الحواري المقرر في العاصمة الأمريكية واشنطن.</p><p>وقال المتحدث باسم الوزارة إن الوفد سيغادر غدا.</p></div></body></html>";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1256.encode(page);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&bytes).is_err());
    let a = one_ok(read_bytes("legacy.html", &bytes, Format::Auto));
    assert_eq!(a.title, "وزارة الخارجية");
    assert!(a.paragraphs[0].starts_with("أعلنت وزارة الخارجية الأذربيجانية"));
    assert_eq!(a.meta["encoding"], "windows-1256");
}

#[test]
fn html_declared_charset_wins() {
    let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\"><title>ت</title></head><body><p>مرحبا بكم في الموقع.</p></body></html>";
    let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(page);
    let a = one_ok(read_bytes("-", &bytes, Format::Auto));
    assert_eq!(a.paragraphs, vec!["مرحبا بكم في الموقع."]);
}

#[test]
fn html_without_body_text() {
    let page = "<!doctype html><html><head><title>صفحة</title></head><body><nav><a href='/'>الرئيسية</a></nav><script>x()</script></body></html>";
    let e = one_err(read_bytes("empty.html", page.as_bytes(), Format::Auto));
    assert_eq!(e.reason, "HTML page with no body text");
}

// ---------------------------------------------------------------- WARC

fn warc_record(kind: &str, uri: &str, id: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2020-10-26T08:00:00Z\r\nWARC-Record-ID: {id}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http(status: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut b = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    b.extend_from_slice(body);
    b
}

fn warc_records() -> Vec<Vec<u8>> {
    let page1 = "<html><head><title>خبر أول</title></head><body><article><p>هذا نص الخبر الأول في الأرشيف وهو جملة كاملة.</p></article></body></html>";
    let page2 = "<html><head><title>خبر ثان</title></head><body><article><p>هذا نص الخبر الثاني بترميز عربي قديم.</p></article></body></html>";
    let (page2_1256, _, _) = encoding_rs::WINDOWS_1256.encode(page2);
    vec![
        warc_record(
            "warcinfo",
            "",
            "<urn:uuid:0>",
            "application/warc-fields",
            b"software: test\r\n",
        ),
        warc_record(
            "request",
            "https://ex.com/1",
            "<urn:uuid:1>",
            "application/http; msgtype=request",
            b"GET /1 HTTP/1.1\r\nHost: ex.com\r\n\r\n",
        ),
        warc_record(
            "response",
            "https://ex.com/1",
            "<urn:uuid:2>",
            "application/http; msgtype=response",
            &http("200 OK", "text/html; charset=utf-8", page1.as_bytes()),
        ),
        warc_record(
            "response",
            "https://ex.com/logo.png",
            "<urn:uuid:3>",
            "application/http; msgtype=response",
            &http("200 OK", "image/png", b"\x89PNG\0\0\0"),
        ),
        warc_record(
            "response",
            "https://ex.com/gone",
            "<urn:uuid:4>",
            "application/http; msgtype=response",
            &http("404 Not Found", "text/html", b"<p>not found</p>"),
        ),
        warc_record(
            "response",
            "https://ex.com/2",
            "<urn:uuid:5>",
            "application/http; msgtype=response",
            &http("200 OK", "text/html; charset=windows-1256", &page2_1256),
        ),
    ]
}

fn check_warc_articles(r: &[Result<Article, ReadError>]) {
    let ok: Vec<&Article> = r.iter().filter_map(|x| x.as_ref().ok()).collect();
    assert_eq!(ok.len(), 2, "{r:?}");
    assert_eq!(ok[0].source_id, "<urn:uuid:2>");
    assert_eq!(ok[0].url.as_deref(), Some("https://ex.com/1"));
    assert_eq!(ok[0].source.as_deref(), Some("ex.com"));
    assert_eq!(ok[0].published, date(2020, 10, 26));
    assert_eq!(ok[0].title, "خبر أول");
    assert_eq!(
        ok[1].paragraphs,
        vec!["هذا نص الخبر الثاني بترميز عربي قديم."]
    );
}

#[test]
fn warc_plain() {
    let data: Vec<u8> = warc_records().concat();
    let r = read_bytes("crawl.warc", &data, Format::Auto);
    assert!(r.iter().all(|x| x.is_ok()), "{r:?}");
    check_warc_articles(&r);
}

#[test]
fn warc_gzip_per_record() {
    let data: Vec<u8> = warc_records()
        .iter()
        .map(|rec| gzip(rec))
        .collect::<Vec<_>>()
        .concat();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crawl.warc.gz");
    std::fs::write(&path, &data).unwrap();
    let r = read_file(&path, Format::Auto);
    assert!(r.iter().all(|x| x.is_ok()), "{r:?}");
    check_warc_articles(&r);
}

#[test]
fn warc_truncated_keeps_earlier_records() {
    let mut recs = warc_records();
    let page3 = "<html><body><p>نص مقطوع لن يصل كاملا إلى القارئ أبدا.</p></body></html>";
    recs.push(warc_record(
        "response",
        "https://ex.com/3",
        "<urn:uuid:6>",
        "application/http; msgtype=response",
        &http("200 OK", "text/html", page3.as_bytes()),
    ));
    let data: Vec<u8> = recs.concat();
    let cut = &data[..data.len() - 40];
    let r = read_bytes("cut.warc", cut, Format::Auto);
    check_warc_articles(&r);
    let errs: Vec<&ReadError> = r.iter().filter_map(|x| x.as_ref().err()).collect();
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].doc, "cut.warc#record 7");
    assert!(
        errs[0].reason.starts_with("truncated record"),
        "{}",
        errs[0].reason
    );

    // The same file gzipped per record and cut inside the last member: one truncation error.
    let gz: Vec<u8> = recs
        .iter()
        .map(|rec| gzip(rec))
        .collect::<Vec<_>>()
        .concat();
    let r = read_bytes("cut.warc.gz", &gz[..gz.len() - 30], Format::Auto);
    check_warc_articles(&r);
    let errs: Vec<&ReadError> = r.iter().filter_map(|x| x.as_ref().err()).collect();
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].reason, "truncated gzip: unexpected end of file");
}

// ---------------------------------------------------------------- walk

#[test]
fn walk_sorts_skips_and_reports_missing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("b/sub")).unwrap();
    std::fs::create_dir_all(d.join(".git")).unwrap();
    for f in [
        "b/sub/z.txt",
        "b/a.jsonl",
        "a.txt",
        "README.md",
        "LICENSE",
        "PROVENANCE.md",
        "x.expected.json",
        ".hidden.txt",
        ".git/config",
        "paper.pdf",
        "c.warc.gz",
    ] {
        std::fs::write(d.join(f), b"x").unwrap();
    }
    let missing = d.join("missing");
    let (files, errs) = walk(&[d.to_path_buf(), missing.clone(), d.join("README.md")]);
    let rel: Vec<String> = files
        .iter()
        .map(|p| p.strip_prefix(d).unwrap().display().to_string())
        .collect();
    assert_eq!(
        rel,
        vec![
            "a.txt",
            "b/a.jsonl",
            "b/sub/z.txt",
            "c.warc.gz",
            "README.md"
        ]
    );
    assert_eq!(
        errs,
        vec![ReadError {
            doc: missing.display().to_string(),
            reason: "no such file or directory".into()
        }]
    );
}

// ---------------------------------------------------------------- robustness

/// Every prefix (sampled) and some byte corruptions of every kind of input, through every reader:
/// nothing panics, and every result is an article or an error with a one-line reason.
#[test]
fn cut_and_corrupted_inputs_never_panic() {
    let mut inputs: Vec<Vec<u8>> = vec![
        std::fs::read(fixture("000_e6d7035163982f4c.txt")).unwrap(),
        std::fs::read(fixture("ant/JA-politic-86-06072015.txt")).unwrap(),
        PAGE.as_bytes().to_vec(),
        warc_records().concat(),
        r#"{"id":"a","text":"نص.","tags":"أ، ب","published":"2020-01-01"}"#
            .as_bytes()
            .to_vec(),
    ];
    let gz: Vec<Vec<u8>> = inputs.iter().map(|b| gzip(b)).collect();
    inputs.extend(gz);
    let formats = [
        Format::Auto,
        Format::Text,
        Format::Ant,
        Format::Jsonl,
        Format::Html,
        Format::Warc,
    ];
    for input in &inputs {
        let step = (input.len() / 60).max(1);
        for cut in (0..input.len()).step_by(step) {
            let mut variants = vec![input[..cut].to_vec()];
            let mut flipped = input.clone();
            flipped[cut] ^= 0xA5;
            variants.push(flipped);
            for v in &variants {
                for f in formats {
                    for r in read_bytes("fuzz", v, f) {
                        if let Err(e) = r {
                            assert!(!e.reason.contains('\n'), "multi-line reason: {e:?}");
                            assert!(!e.reason.is_empty());
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn html_hijri_date_line_dates_a_page_without_metadata() {
    let page = |line: &str| {
        format!(
            "<html><head><meta charset=utf-8><title>عنوان</title></head><body><article>\
             <h1>أمطار غزيرة في مكة المكرمة</h1><div class=\"post-date\">{line}</div>\
             <p>هطلت أمطار غزيرة على مكة المكرمة مساء اليوم وسط تحذيرات من السيول في الأودية.</p>\
             </article></body></html>"
        )
    };
    let a = one_ok(read_bytes(
        "p.html",
        page("الخميس ١٥ جمادى الآخرة ١٤٤٥ هـ").as_bytes(),
        Format::Html,
    ));
    assert_eq!(a.published, date(2023, 12, 28));
    assert_eq!(a.meta["date_from"], "text");
    assert_eq!(a.paragraphs.len(), 1, "{:?}", a.paragraphs);
    let both = page("الخميس 15 جمادى الآخرة 1445 هـ الموافق 28 ديسمبر 2023");
    let a = one_ok(read_bytes("p.html", both.as_bytes(), Format::Html));
    assert_eq!(a.published, date(2023, 12, 28));
}

#[test]
fn html_a_header_today_date_loses_to_the_article_date_line() {
    let title = "افتتاح معرض الكتاب الدولي في الرباط بمشاركة واسعة";
    let page = format!(
        "<html><head><meta charset=utf-8><title>{title} | الموقع</title></head><body>\
         <div class=\"site-header\"><div class=\"logo\">بوابة الخبر</div>\
         <div class=\"today-date\">الخميس 2 مايو 2024</div></div>\
         <div class=\"content\"><h1>{title}</h1><span class=\"post-date\">الأحد 12 فبراير 2017</span>\
         <p>افتتح في العاصمة المغربية الرباط معرض الكتاب الدولي بمشاركة أكثر من سبعمئة دار نشر.</p>\
         </div></body></html>"
    );
    let a = one_ok(read_bytes("p.html", page.as_bytes(), Format::Html));
    assert_eq!(a.published, date(2017, 2, 12));
    // With no other date shown, the strip's is still taken.
    let alone = page.replace("الأحد 12 فبراير 2017", "");
    let a = one_ok(read_bytes("p.html", alone.as_bytes(), Format::Html));
    assert_eq!(a.published, date(2024, 5, 2));
    // An article's own header is not the site's.
    let own = page.replace(
        "<div class=\"content\"><h1>",
        "<article><header><span class=\"date\">الجمعة 10 فبراير 2017</span></header><h1>",
    );
    let a = one_ok(read_bytes("p.html", own.as_bytes(), Format::Html));
    assert_eq!(a.published, date(2017, 2, 10));
}
