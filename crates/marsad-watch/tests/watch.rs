//! `marsad watch` against a tiny HTTP/1.1 server on 127.0.0.1 ([`fixture`]): feeds and Arabic
//! article pages written here, no network.

// Test helpers outside #[test] functions: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod fixture;

use std::sync::OnceLock;
use std::time::Duration;

use fixture::{article_page, changing_page, ok, rss, status, Route, Site, ARTICLES};

use marsad_analyze::Analyzer;
use marsad_store::{ItemOutcome, Store};
use marsad_watch::{FeedReport, Options, Watcher};

fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(Analyzer::load)
}

fn opts() -> Options {
    Options {
        delay: Duration::ZERO,
        timeout: Duration::from_secs(5),
        retries: 1,
        backoff: Duration::ZERO,
        max_bytes: 1024 * 1024,
    }
}

fn titles(store: &Store, site: &Site, paths: &[&str]) -> Vec<Option<String>> {
    paths
        .iter()
        .map(|p| store.find(&site.url(p)).unwrap().map(|a| a.title))
        .collect()
}

/// A new store in a temporary folder, and a watcher.
fn setup(opts: Options) -> (tempfile::TempDir, Store, Watcher) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    (dir, store, Watcher::new(&opts))
}

fn poll(store: &mut Store, watcher: &mut Watcher, feed: &str) -> FeedReport {
    let r = watcher.poll(store, analyzer(), feed);
    assert_eq!(r.error, None, "{r:?}");
    r
}

#[test]
fn new_items_appear_between_polls_and_a_second_poll_adds_nothing() {
    let site = Site::start();
    site.route("/a/1", article_page(0));
    site.route("/a/2", article_page(1));
    site.route("/a/3", article_page(2));
    site.route("/rss", rss(&site, &[("خبر 1", "/a/1"), ("خبر 2", "/a/2")]));
    let (_dir, mut store, mut w) = setup(opts());
    let feed = site.url("/rss");

    let r = poll(&mut store, &mut w, &feed);
    assert_eq!((r.items, r.new, r.failed.len()), (2, 2, 0), "{r:?}");
    assert_eq!(store.stats().unwrap().articles, 2);

    let r = poll(&mut store, &mut w, &feed);
    assert_eq!((r.new, r.seen), (0, 2), "{r:?}");
    assert_eq!(
        site.requests_to("/a/1").len(),
        1,
        "a seen item is not fetched again"
    );

    site.route(
        "/rss",
        rss(
            &site,
            &[("خبر 3", "/a/3"), ("خبر 1", "/a/1"), ("خبر 2", "/a/2")],
        ),
    );
    let r = poll(&mut store, &mut w, &feed);
    assert_eq!((r.new, r.seen), (1, 2), "{r:?}");
    assert_eq!(store.stats().unwrap().articles, 3);
    let t = titles(&store, &site, &["/a/1", "/a/2", "/a/3"]);
    assert_eq!(t[0].as_deref(), Some(ARTICLES[0].0));
    assert_eq!(t[2].as_deref(), Some(ARTICLES[2].0));
    let a = store.find(&site.url("/a/3")).unwrap().unwrap();
    assert_eq!(a.source.as_deref(), Some("صحيفة المرصد"));
    assert_eq!(a.published, chrono::NaiveDate::from_ymd_opt(2024, 5, 3));
}

#[test]
fn an_unchanged_feed_is_a_304_and_its_validators_are_sent() {
    let site = Site::start();
    site.route("/a/1", article_page(0));
    let mut feed_route = rss(&site, &[("خبر", "/a/1")]);
    feed_route.headers.push(("ETag".into(), "\"v1\"".into()));
    feed_route.headers.push((
        "Last-Modified".into(),
        "Wed, 01 May 2024 10:00:00 GMT".into(),
    ));
    site.route("/rss", feed_route);
    let (_dir, mut store, mut w) = setup(opts());
    let feed = site.url("/rss");
    assert_eq!(poll(&mut store, &mut w, &feed).new, 1);
    let r = poll(&mut store, &mut w, &feed);
    assert!(r.not_modified, "{r:?}");
    let second = &site.requests_to("/rss")[1];
    assert!(second.contains(&("if-none-match".into(), "\"v1\"".into())));
    assert!(second.contains(&(
        "if-modified-since".into(),
        "Wed, 01 May 2024 10:00:00 GMT".into()
    )));
    let state = store.feed_state(&feed).unwrap().unwrap();
    assert_eq!(state.etag.as_deref(), Some("\"v1\""));
    assert_eq!(store.stats().unwrap().articles, 1);
}

#[test]
fn a_500_item_is_one_failure_the_rest_are_stored_and_it_is_retried_later() {
    let site = Site::start();
    site.route("/a/1", article_page(0));
    site.route("/a/2", status(500));
    site.route("/a/3", article_page(2));
    let mut feed_route = rss(&site, &[("1", "/a/1"), ("2", "/a/2"), ("3", "/a/3")]);
    feed_route.headers.push(("ETag".into(), "\"v1\"".into()));
    site.route("/rss", feed_route);
    let (_dir, mut store, mut w) = setup(opts());
    let feed = site.url("/rss");
    let r = poll(&mut store, &mut w, &feed);
    assert_eq!(r.new, 2, "{r:?}");
    assert_eq!(r.failed.len(), 1);
    assert_eq!(r.failed[0].url, site.url("/a/2"));
    assert!(r.failed[0].reason.contains("HTTP 500"), "{r:?}");
    // One retry (opts), then given up for this poll.
    assert_eq!(site.requests_to("/a/2").len(), 2);
    // Not recorded and the feed's ETag not kept: the next poll sees the feed and retries it.
    assert!(!store.feed_item_seen(&site.url("/a/2")).unwrap());
    site.route("/a/2", article_page(1));
    let r = poll(&mut store, &mut w, &feed);
    assert!(!r.not_modified);
    assert_eq!((r.new, r.seen, r.failed.len()), (1, 2, 0), "{r:?}");
    assert_eq!(store.stats().unwrap().articles, 3);
}

#[test]
fn a_slow_host_times_out_as_one_failure() {
    let site = Site::start();
    site.route("/a/1", article_page(0));
    let mut slow = article_page(1);
    slow.delay = Duration::from_millis(1500);
    site.route("/a/slow", slow);
    site.route("/rss", rss(&site, &[("بطيء", "/a/slow"), ("1", "/a/1")]));
    let (_dir, mut store, mut w) = setup(Options {
        timeout: Duration::from_millis(400),
        retries: 0,
        ..opts()
    });
    let r = poll(&mut store, &mut w, &site.url("/rss"));
    assert_eq!(r.new, 1, "{r:?}");
    assert_eq!(r.failed.len(), 1);
    assert_eq!(r.failed[0].url, site.url("/a/slow"));
    assert!(r.failed[0].reason.contains("timed out"), "{r:?}");
}

#[test]
fn a_redirect_is_followed_and_a_linkless_item_is_reported() {
    let site = Site::start();
    let mut moved = status(301);
    moved
        .headers
        .push(("Location".into(), "/news/2024/oil".into()));
    site.route("/short/oil", moved);
    site.route("/news/2024/oil", article_page(1));
    site.route(
        "/rss",
        rss(&site, &[("بلا رابط", ""), ("نفط", "/short/oil")]),
    );
    let (_dir, mut store, mut w) = setup(opts());
    let feed = site.url("/rss");
    let r = poll(&mut store, &mut w, &feed);
    assert_eq!((r.items, r.new), (2, 1), "{r:?}");
    assert_eq!(r.failed.len(), 1);
    assert!(r.failed[0].reason.contains("no link"), "{r:?}");
    assert!(r.failed[0].reason.contains("بلا رابط"));
    let a = store.find(&site.url("/short/oil")).unwrap().unwrap();
    assert_eq!(a.title, ARTICLES[1].0);
    assert_eq!(a.url.as_deref(), Some(site.url("/news/2024/oil").as_str()));
}

#[test]
fn a_windows_1256_page_is_read_by_its_http_charset() {
    let site = Site::start();
    let title = "البرلمان العراقي يصوت على قانون الموازنة العامة";
    let html = format!(
        "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>\
         <p>صوت مجلس النواب العراقي في جلسته المنعقدة اليوم على قانون الموازنة العامة للدولة بعد أسابيع من النقاشات بين الكتل السياسية.</p>\
         <p>وقال رئيس اللجنة المالية إن الموازنة تتضمن زيادة في مخصصات الاستثمار والخدمات في المحافظات.</p>\
         </article></body></html>"
    );
    let (bytes, _, bad) = encoding_rs::WINDOWS_1256.encode(&html);
    assert!(!bad);
    site.route(
        "/a/budget",
        ok("text/html; charset=windows-1256", bytes.into_owned()),
    );
    site.route("/rss", rss(&site, &[("موازنة", "/a/budget")]));
    let (_dir, mut store, mut w) = setup(opts());
    let r = poll(&mut store, &mut w, &site.url("/rss"));
    assert_eq!(r.new, 1, "{r:?}");
    let a = store.find(&site.url("/a/budget")).unwrap().unwrap();
    assert_eq!(a.title, title);
    assert!(a.paragraphs[0].starts_with("صوت مجلس النواب العراقي"));
    // No site name on the page: the feed's title names the source, the feed its date.
    assert_eq!(a.source.as_deref(), Some("صحيفة المرصد - آخر الأخبار"));
    assert_eq!(a.published, chrono::NaiveDate::from_ymd_opt(2024, 5, 1));
}

#[test]
fn robots_txt_keeps_one_path_out() {
    let site = Site::start();
    site.route(
        "/robots.txt",
        ok("text/plain", "User-agent: *\nDisallow: /private/\n"),
    );
    site.route("/a/1", article_page(0));
    site.route("/private/2", article_page(1));
    // A link that redirects into the disallowed path is refused at the hop.
    let mut moved = status(302);
    moved.headers.push(("Location".into(), "/private/3".into()));
    site.route("/go/3", moved);
    site.route("/private/3", article_page(2));
    let items = [("1", "/a/1"), ("2", "/private/2"), ("3", "/go/3")];
    site.route("/rss", rss(&site, &items));
    let (_dir, mut store, mut w) = setup(opts());
    let feed = site.url("/rss");
    let r = poll(&mut store, &mut w, &feed);
    assert_eq!(r.new, 1, "{r:?}");
    assert_eq!(r.failed.len(), 2);
    assert!(r.failed[0].reason.contains("robots.txt"), "{r:?}");
    let hop = format!("after a redirect to {}", site.url("/private/3"));
    assert!(r.failed[1].reason.starts_with(&hop), "{r:?}");
    assert!(site.requests_to("/private/2").is_empty());
    assert!(site.requests_to("/private/3").is_empty());
    // Refused for good: recorded, and robots.txt fetched once for the run.
    let r = poll(&mut store, &mut w, &feed);
    assert_eq!((r.seen, r.failed.len()), (3, 0), "{r:?}");
    assert_eq!(site.requests_to("/robots.txt").len(), 1);
    let items = store.feed_items(&feed).unwrap();
    let private = items
        .iter()
        .find(|i| i.url == site.url("/private/2"))
        .unwrap();
    assert!(matches!(&private.outcome, ItemOutcome::Failed(r) if r.contains("robots.txt")));
    let ua = &site.requests_to("/a/1")[0];
    assert!(ua
        .iter()
        .any(|(k, v)| k == "user-agent" && v.starts_with("marsad/")));
}

#[test]
fn a_restart_adds_nothing() {
    let site = Site::start();
    site.route("/a/1", article_page(0));
    site.route("/a/2", article_page(3));
    site.route("/rss", rss(&site, &[("1", "/a/1"), ("2", "/a/2")]));
    let dir = tempfile::tempdir().unwrap();
    let feed = site.url("/rss");
    {
        let mut store = Store::open(dir.path()).unwrap();
        assert_eq!(poll(&mut store, &mut Watcher::new(&opts()), &feed).new, 2);
    }
    let mut store = Store::open(dir.path()).unwrap();
    let r = poll(&mut store, &mut Watcher::new(&opts()), &feed);
    assert_eq!((r.new, r.duplicate, r.seen), (0, 0, 2), "{r:?}");
    assert_eq!(store.stats().unwrap().articles, 2);
    assert_eq!(site.requests_to("/a/1").len(), 1);
}

#[test]
fn the_same_article_under_two_urls_is_a_duplicate() {
    let site = Site::start();
    site.route("/a/1", article_page(2));
    site.route("/amp/1", article_page(2));
    site.route("/rss", rss(&site, &[("1", "/a/1"), ("1 amp", "/amp/1")]));
    let (_dir, mut store, mut w) = setup(opts());
    let r = poll(&mut store, &mut w, &site.url("/rss"));
    assert_eq!((r.new, r.duplicate), (1, 1), "{r:?}");
    assert_eq!(store.stats().unwrap().articles, 1);
}

#[test]
fn a_news_sitemap_and_an_atom_feed_are_read() {
    let site = Site::start();
    site.route("/a/1", article_page(0));
    // A page with no title or date of its own: the sitemap's fill them in.
    site.route(
        "/a/2",
        ok(
            "text/html",
            format!(
                "<html><body><div class=\"content\"><p>{}</p><p>{}</p></div></body></html>",
                ARTICLES[3].1[0], ARTICLES[3].1[1]
            ),
        ),
    );
    site.route(
        "/sitemap.xml",
        ok(
            "application/xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>{}</loc><news:news><news:publication_date>2024-06-02T08:00:00+01:00</news:publication_date>
<news:title>{}</news:title></news:news></url>
</urlset>"#,
                site.url("/a/2"),
                ARTICLES[3].0
            ),
        ),
    );
    site.route(
        "/atom",
        ok(
            "application/atom+xml",
            format!(
                r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>المرصد</title><id>urn:x</id>
<updated>2024-05-01T00:00:00Z</updated><entry><id>urn:1</id><title>1</title>
<link rel="alternate" href="{}"/><updated>2024-05-01T00:00:00Z</updated></entry></feed>"#,
                site.url("/a/1")
            ),
        ),
    );
    let (_dir, mut store, mut w) = setup(opts());
    assert_eq!(poll(&mut store, &mut w, &site.url("/atom")).new, 1);
    let r = poll(&mut store, &mut w, &site.url("/sitemap.xml"));
    assert_eq!(r.new, 1, "{r:?}");
    let a = store.find(&site.url("/a/2")).unwrap().unwrap();
    assert_eq!(a.title, ARTICLES[3].0);
    assert_eq!(a.published, chrono::NaiveDate::from_ymd_opt(2024, 6, 2));
    assert_eq!(a.url.as_deref(), Some(site.url("/a/2").as_str()));
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

#[test]
fn gzip_pages_and_gzipped_sitemaps_are_read_and_big_bodies_refused() {
    let site = Site::start();
    let mut zipped = article_page(0);
    zipped.body = gzip(&zipped.body);
    zipped
        .headers
        .push(("Content-Encoding".into(), "gzip".into()));
    site.route("/a/1", zipped);
    let mut big = article_page(1);
    big.body.extend(vec![b' '; 2048]);
    site.route("/a/big", big);
    let sitemap = format!(
        r#"<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{}</loc></url><url><loc>{}</loc></url></urlset>"#,
        site.url("/a/1"),
        site.url("/a/big")
    );
    // A `.xml.gz` sitemap: gzip bytes without Content-Encoding.
    site.route(
        "/sitemap.xml.gz",
        ok("application/gzip", gzip(sitemap.as_bytes())),
    );
    let limit = article_page(1).body.len() as u64 + 1024;
    let (_dir, mut store, mut w) = setup(Options {
        max_bytes: limit,
        ..opts()
    });
    let r = poll(&mut store, &mut w, &site.url("/sitemap.xml.gz"));
    assert_eq!((r.items, r.new), (2, 1), "{r:?}");
    assert_eq!(r.failed.len(), 1);
    assert_eq!(r.failed[0].url, site.url("/a/big"));
    assert!(r.failed[0].reason.contains("larger than"), "{r:?}");
    let a = store.find(&site.url("/a/1")).unwrap().unwrap();
    assert_eq!(a.title, ARTICLES[0].0);
}

#[test]
fn requests_to_one_host_are_spaced_by_the_delay() {
    let site = Site::start();
    site.route("/a/1", article_page(0));
    site.route("/a/2", article_page(1));
    site.route("/rss", rss(&site, &[("1", "/a/1"), ("2", "/a/2")]));
    let (_dir, mut store, mut w) = setup(Options {
        delay: Duration::from_millis(250),
        ..opts()
    });
    let start = std::time::Instant::now();
    let r = poll(&mut store, &mut w, &site.url("/rss"));
    assert_eq!(r.new, 2, "{r:?}");
    // robots.txt, the feed and two pages: three gaps of at least the delay.
    assert_eq!(site.log.lock().unwrap().len(), 4);
    assert!(start.elapsed() >= Duration::from_millis(750));
}

#[test]
fn an_item_stored_but_not_recorded_is_recorded_without_a_fetch() {
    // A run killed between storing a batch and recording its items left this state.
    let site = Site::start();
    site.route("/a/1", changing_page(1));
    site.route("/rss", rss(&site, &[("1", "/a/1")]));
    let (_dir, mut store, mut w) = setup(opts());
    let url = site.url("/a/1");
    let body = changing_page(1).body;
    let read = marsad_ingest::read_bytes_with(
        &url,
        &body,
        marsad_ingest::Format::Html,
        &marsad_ingest::ReadOptions::default(),
    );
    let article = read.into_iter().next().unwrap().unwrap();
    marsad_pipeline::store_batch(&mut store, &[analyzer().analyze(article)]).unwrap();
    let r = poll(&mut store, &mut w, &site.url("/rss"));
    assert_eq!((r.new, r.seen), (0, 1), "{r:?}");
    assert!(site.requests_to("/a/1").is_empty());
    assert_eq!(store.stats().unwrap().articles, 1);
    let items = store.feed_items(&site.url("/rss")).unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].outcome, ItemOutcome::Stored);
}

fn sitemap(site: &Site, paths: &[&str]) -> Route {
    let urls: String = paths
        .iter()
        .map(|p| format!("<url><loc>{}</loc></url>\n", site.url(p)))
        .collect();
    ok(
        "application/xml",
        format!(
            r#"<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{urls}</urlset>"#
        ),
    )
}

fn sitemap_index(site: &Site, sitemaps: &[(&str, &str)]) -> Route {
    let list: String = sitemaps
        .iter()
        .map(|(p, lastmod)| {
            format!(
                "<sitemap><loc>{}</loc><lastmod>{lastmod}</lastmod></sitemap>\n",
                site.url(p)
            )
        })
        .collect();
    ok(
        "application/xml",
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{list}</sitemapindex>"#
        ),
    )
}

#[test]
fn a_sitemap_index_is_followed_to_its_newest_sitemaps() {
    let site = Site::start();
    for n in 0..4 {
        site.route(&format!("/a/{n}"), article_page(n));
    }
    let mut news = sitemap(&site, &["/a/0", "/a/1"]);
    news.headers.push(("ETag".into(), "\"n1\"".into()));
    site.route("/news.xml", news);
    let mut zipped = sitemap(&site, &["/a/2"]);
    zipped.body = gzip(&zipped.body);
    site.route("/sitemap-may.xml.gz", zipped);
    site.route("/sitemap-broken.xml", status(500));
    site.route(
        "/nested.xml",
        sitemap_index(&site, &[("/news.xml", "2024-05-01")]),
    );
    // The newest MAX_SITEMAPS are polled: archive sitemaps past them are never fetched.
    let mut listed = vec![
        ("/news.xml", "2024-05-03T08:00:00Z".to_string()),
        ("/sitemap-may.xml.gz", "2024-05-02".to_string()),
        ("/sitemap-broken.xml", "2024-05-01".to_string()),
        ("/nested.xml", "2024-04-30".to_string()),
    ];
    let archive: Vec<String> = (0..marsad_watch::MAX_SITEMAPS - 2)
        .map(|y| format!("/archive-{y}.xml"))
        .collect();
    for (y, path) in archive.iter().enumerate() {
        site.route(path, sitemap(&site, &[]));
        listed.push((path, format!("{}-01-01", 2020 - y)));
    }
    let listed: Vec<(&str, &str)> = listed.iter().map(|(p, d)| (*p, d.as_str())).collect();
    site.route("/sitemap_index.xml", sitemap_index(&site, &listed));
    let (_dir, mut store, mut w) = setup(opts());
    let index = site.url("/sitemap_index.xml");

    let r = poll(&mut store, &mut w, &index);
    assert_eq!(
        (r.sitemaps, r.items, r.new),
        (marsad_watch::MAX_SITEMAPS, 3, 3),
        "{r:?}"
    );
    let failed: Vec<&str> = r.failed.iter().map(|f| f.url.as_str()).collect();
    assert_eq!(
        failed,
        [site.url("/sitemap-broken.xml"), site.url("/nested.xml")]
    );
    assert!(r.failed[0].reason.contains("HTTP 500"), "{r:?}");
    assert!(
        r.failed[1].reason.contains("inside a sitemap index"),
        "{r:?}"
    );
    // The two oldest archives are past the bound.
    let n = archive.len();
    assert_eq!(site.requests_to(&archive[n - 3]).len(), 1);
    assert!(site.requests_to(&archive[n - 2]).is_empty());
    assert!(site.requests_to(&archive[n - 1]).is_empty());
    assert_eq!(
        store.find(&site.url("/a/2")).unwrap().unwrap().title,
        ARTICLES[2].0
    );
    // Items are recorded under the index the user named.
    assert_eq!(store.feed_items(&index).unwrap().len(), 3);

    // Next poll: the index is fetched whole, its unchanged sitemap answers 304.
    let mut news = sitemap(&site, &["/a/3", "/a/0", "/a/1"]);
    news.headers.push(("ETag".into(), "\"n1\"".into()));
    site.route("/news.xml", news);
    let r = poll(&mut store, &mut w, &index);
    assert_eq!(r.new, 0, "{r:?}");
    assert!(site.requests_to("/sitemap_index.xml")[1]
        .iter()
        .all(|(k, _)| k != "if-none-match" && k != "if-modified-since"));
    assert!(site.requests_to("/news.xml")[1].contains(&("if-none-match".into(), "\"n1\"".into())));
    // The sitemap changes (new ETag): its new item is stored, the others were seen.
    let mut news = sitemap(&site, &["/a/3", "/a/0", "/a/1"]);
    news.headers.push(("ETag".into(), "\"n2\"".into()));
    site.route("/news.xml", news);
    let r = poll(&mut store, &mut w, &index);
    assert_eq!((r.new, r.seen), (1, 3), "{r:?}");
    assert_eq!(store.stats().unwrap().articles, 4);
}
