//! marsad's WARC reader on a WARC written by a real tool: Python's warcio, by
//! `tests/warc/make_warc.py` (one gzip member per record, request/response pairs, a chunked and
//! gzip-encoded response, a windows-1256 page named only by its HTTP header, a `resource` record,
//! and records that are not pages). The committed file is read by `warcio_fixture`; `.ci/run`
//! writes it again with warcio and points `warcio_fresh` at the new file.

// Test helpers outside #[test] functions: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use chrono::NaiveDate;
use marsad_ingest::{read_file, Article, Format};

/// What one page should read as: (url, record id, title, the first paragraph's start, date).
type Page = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    (i32, u32, u32),
);

/// The pages, in file order.
const PAGES: [Page; 4] = [
    (
        "https://www.example-news.com/egypt/aswan-bridge",
        "<urn:uuid:00000000-0000-4000-8000-000000000003>",
        "افتتاح جسر جديد يربط ضفتي النيل في أسوان",
        "افتتح محافظ أسوان صباح اليوم جسرا جديدا",
        (2021, 3, 14), // article:published_time, not the crawl's 2021-03-15
    ),
    (
        "https://www.example-news.com/lebanon/vaccination",
        "<urn:uuid:00000000-0000-4000-8000-000000000005>",
        "وزارة الصحة اللبنانية تطلق حملة تطعيم في المدارس",
        "أطلقت وزارة الصحة العامة في لبنان",
        (2021, 3, 15), // no date of its own: the WARC-Date
    ),
    (
        "https://www.example-news.com/2020/11/05/algeria-dates",
        "<urn:uuid:00000000-0000-4000-8000-000000000007>",
        "موسم قياسي لصادرات التمور في الجزائر",
        "سجلت صادرات الجزائر من التمور",
        (2020, 11, 5), // the URL's date beats the crawl's
    ),
    (
        "https://www.example-news.com/culture/sharjah-poetry",
        "<urn:uuid:00000000-0000-4000-8000-000000000014>",
        "انطلاق مهرجان الشعر العربي في الشارقة",
        "الشارقة: انطلقت مساء أمس",
        (2022, 1, 12), // its date line in Arabic words beats the crawl's 2022-01-20
    ),
];

fn check(path: &Path) {
    let read = read_file(path, Format::Auto);
    let errors: Vec<String> = read
        .iter()
        .filter_map(|r| r.as_ref().err())
        .map(|e| format!("{}: {}", e.doc, e.reason))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let articles: Vec<&Article> = read.iter().filter_map(|r| r.as_ref().ok()).collect();
    // The image, the 404, the redirect, the requests, warcinfo and metadata are not pages.
    assert_eq!(articles.len(), PAGES.len(), "{articles:#?}");
    for (a, (url, id, title, first, (y, m, d))) in articles.iter().zip(PAGES) {
        assert_eq!(a.url.as_deref(), Some(url));
        assert_eq!(a.source_id, id);
        assert_eq!(a.title, title, "{url}");
        assert_eq!(a.paragraphs.len(), 2, "{url}: {:?}", a.paragraphs);
        assert!(
            a.paragraphs[0].starts_with(first),
            "{url}: {:?}",
            a.paragraphs
        );
        assert_eq!(a.published, NaiveDate::from_ymd_opt(y, m, d), "{url}");
        assert_eq!(a.source.as_deref(), Some("example-news.com"));
    }
}

#[test]
fn warcio_fixture() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/warcio_ar.warc.gz");
    check(&fixture);
}

#[test]
#[ignore = "needs a WARC just written by warcio: .ci/run sets MARSAD_WARCIO_FILE (tests/warc/regen.sh)"]
fn warcio_fresh() {
    let path = std::env::var("MARSAD_WARCIO_FILE")
        .expect("MARSAD_WARCIO_FILE: run `bash crates/marsad-ingest/tests/warc/regen.sh target/warcio/fresh.warc.gz` and point it there");
    check(Path::new(&path));
}
