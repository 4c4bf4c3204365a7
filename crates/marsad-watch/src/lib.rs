//! `marsad watch`: follow news feeds and store each new item's article.
//!
//! What it is for: polling RSS 2.0, Atom and (Google news) sitemap feeds, fetching the page of
//! every item not seen before, reading it with marsad's HTML reader, filling in what the feed
//! knows and the page lacks (title, URL, source, publication date) and storing it through the
//! ingest engine. It is polite by construction ([`Fetcher`]): one request at a time per host
//! with a delay, robots.txt, conditional GETs, bounded retries, timeouts and a size limit.
//! What it has finished with is kept in the store ([`marsad_store::feeds`]), recorded only after
//! the article is stored, so a run killed mid-poll loses nothing; an item whose article is in the
//! store under its URL but not recorded (killed between the two) is recorded without a fetch, so
//! a rerun stores nothing twice even when the page changed meanwhile.
//!
//! What it is not for: it parses no arguments and prints nothing (the CLI does, from the
//! [`FeedReport`]s), speaks no SQL, and does not extract article text itself (`marsad-ingest`
//! does). It is not a crawler: it follows no links but the feeds' items and their redirects.

mod feed;
mod http;
mod robots;

use std::collections::HashSet;
use std::time::Duration;

use marsad_analyze::{Analyzed, Analyzer};
use marsad_ingest::{Article, Format, ReadOptions};
use marsad_store::{FeedState, ItemOutcome, Store};
use serde::Serialize;

pub use feed::{parse as parse_feed, Feed, FeedItem};
pub use http::{FetchError, Fetched, Fetcher, Page, Validators, USER_AGENT};
pub use robots::Robots;

/// How politely and how patiently to fetch.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// The pause between two requests to one host.
    pub delay: Duration,
    /// The whole of one request, body included.
    pub timeout: Duration,
    /// Extra attempts after a 5xx, 408, 429, timeout or connection error.
    pub retries: u32,
    /// The wait before the first retry; it doubles after each.
    pub backoff: Duration,
    /// Bodies (feeds, pages) larger than this are refused.
    pub max_bytes: u64,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            delay: Duration::from_secs(1),
            timeout: Duration::from_secs(30),
            retries: 2,
            backoff: Duration::from_secs(2),
            max_bytes: 10 * 1024 * 1024,
        }
    }
}

/// One item that could not be stored: its URL (or `item N` when it has none) and why, one line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    pub url: String,
    pub reason: String,
}

/// What one poll of one feed did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FeedReport {
    pub feed: String,
    /// The feed answered 304: nothing changed since the last poll.
    pub not_modified: bool,
    /// Items the feed lists (for a sitemap index, those of its sitemaps that were fetched).
    pub items: usize,
    /// For a sitemap index: how many of its sitemaps were polled.
    pub sitemaps: usize,
    /// Articles stored.
    pub new: usize,
    /// Items whose article the store already had (by content).
    pub duplicate: usize,
    /// Items finished with in an earlier poll, not fetched again.
    pub seen: usize,
    pub failed: Vec<Failure>,
    /// Why the feed itself could not be polled (its items were not looked at).
    pub error: Option<String>,
}

/// Parses a feed list: one URL a line; blank lines and `#` comments are skipped.
pub fn parse_feed_list(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// Polls every feed in turn, handing each report to `on_report` as it comes. Without `every`,
/// once, returning whether a feed could not be polled; with it, again that long after each
/// round ends, until the process stops.
pub fn watch(
    store: &mut Store,
    analyzer: &Analyzer,
    feeds: &[String],
    opts: &Options,
    every: Option<Duration>,
    on_report: &mut dyn FnMut(&FeedReport),
) -> bool {
    let mut watcher = Watcher::new(opts);
    loop {
        let mut failed = false;
        for feed in feeds {
            let report = watcher.poll(store, analyzer, feed);
            failed |= report.error.is_some();
            on_report(&report);
        }
        match every {
            Some(every) => std::thread::sleep(every),
            None => return failed,
        }
    }
}

/// Items stored in one batch: a batch is one store commit, so a few at a time keeps a kill from
/// costing much while not committing the index for every article.
const BATCH: usize = 8;

/// Polls feeds; holds the HTTP client, so robots.txt and per-host timing last across polls.
pub struct Watcher {
    fetcher: Fetcher,
    opts: Options,
}

/// At most this many sitemaps of one sitemap index are polled (the newest, when the index says
/// when each changed): news sites list years of archive sitemaps that hold no news.
pub const MAX_SITEMAPS: usize = 20;

/// A feed fetched and parsed, with the validators it was asked with and those it answered with.
struct FetchedFeed {
    feed: Feed,
    sent: Validators,
    received: Validators,
}

impl FetchedFeed {
    /// The validators to save: the new ones only when every item is finished with, since a
    /// later 304 must never hide an item that still needs a retry (or one a kill interrupted).
    fn validators(self, retry_later: bool) -> Validators {
        if retry_later {
            self.sent
        } else {
            self.received
        }
    }
}

/// An item read and analysed, waiting for its batch to be stored.
struct Pending {
    item_url: String,
    analyzed: Analyzed,
}

impl Watcher {
    pub fn new(opts: &Options) -> Watcher {
        Watcher {
            fetcher: Fetcher::new(opts),
            opts: opts.clone(),
        }
    }

    /// Polls `feed_url` once: every item not finished with before is fetched, read and stored.
    /// Bad items are reported in [`FeedReport::failed`] and never stop the others.
    pub fn poll(&mut self, store: &mut Store, analyzer: &Analyzer, feed_url: &str) -> FeedReport {
        let mut report = FeedReport {
            feed: feed_url.to_string(),
            ..FeedReport::default()
        };
        if let Err(e) = self.poll_into(store, analyzer, feed_url, &mut report) {
            report.error = Some(e);
        }
        report
    }

    fn poll_into(
        &mut self,
        store: &mut Store,
        analyzer: &Analyzer,
        feed_url: &str,
        report: &mut FeedReport,
    ) -> Result<(), String> {
        let Some(fetched) = self
            .fetch_feed(store, feed_url)
            .map_err(|e| e.reason().to_string())?
        else {
            report.not_modified = true;
            return Ok(());
        };
        if !fetched.feed.sitemaps.is_empty() {
            self.poll_sitemaps(store, analyzer, feed_url, &fetched.feed.sitemaps, report)?;
            // An index is small and fetched whole every poll: a 304 on it would hide its
            // sitemaps, which change while it does not (each has its own validators).
            return save_state(store, feed_url, Validators::default());
        }
        report.items = fetched.feed.items.len();
        let retry_later = self.store_items(store, analyzer, feed_url, &fetched.feed, report)?;
        save_state(store, feed_url, fetched.validators(retry_later))
    }

    /// Fetches `url` with a conditional GET and parses it; `None` when it answered 304.
    fn fetch_feed(&mut self, store: &Store, url: &str) -> Result<Option<FetchedFeed>, FetchError> {
        let state = store
            .feed_state(url)
            .map_err(|e| FetchError::Transient(e.to_string()))?
            .unwrap_or_default();
        let sent = Validators {
            etag: state.etag,
            last_modified: state.last_modified,
        };
        let page = match self.fetcher.get(url, &sent)? {
            Fetched::NotModified => {
                save_state(store, url, sent).map_err(FetchError::Transient)?;
                return Ok(None);
            }
            Fetched::Body(page) => page,
        };
        let bytes =
            gunzip_if_needed(&page.bytes, self.opts.max_bytes).map_err(FetchError::Permanent)?;
        let feed = parse_feed(&bytes).map_err(FetchError::Permanent)?;
        Ok(Some(FetchedFeed {
            feed,
            sent,
            received: page.validators,
        }))
    }

    /// Polls the sitemaps a sitemap index lists (the newest [`MAX_SITEMAPS`]), each with its
    /// own conditional GET, through the same polite fetcher; their items count as the index's.
    /// A sitemap that fails is one line in the report and the others go on.
    fn poll_sitemaps(
        &mut self,
        store: &mut Store,
        analyzer: &Analyzer,
        index_url: &str,
        sitemaps: &[String],
        report: &mut FeedReport,
    ) -> Result<(), String> {
        for url in sitemaps.iter().take(MAX_SITEMAPS) {
            report.sitemaps += 1;
            let fetched = match self.fetch_feed(store, url) {
                Ok(Some(fetched)) => fetched,
                Ok(None) => continue,
                Err(e) => {
                    report.failed.push(Failure {
                        url: url.clone(),
                        reason: e.reason().to_string(),
                    });
                    continue;
                }
            };
            if !fetched.feed.sitemaps.is_empty() {
                report.failed.push(Failure {
                    url: url.clone(),
                    reason: "a sitemap index inside a sitemap index is not followed".into(),
                });
                continue;
            }
            report.items += fetched.feed.items.len();
            let retry_later =
                self.store_items(store, analyzer, index_url, &fetched.feed, report)?;
            save_state(store, url, fetched.validators(retry_later))?;
        }
        Ok(())
    }

    /// Fetches and stores the feed's new items; true when some failed for a reason that may pass.
    fn store_items(
        &mut self,
        store: &mut Store,
        analyzer: &Analyzer,
        feed_url: &str,
        feed: &Feed,
        report: &mut FeedReport,
    ) -> Result<bool, String> {
        let mut retry_later = false;
        let mut pending = Vec::new();
        let mut this_poll = HashSet::new();
        for (n, item) in feed.items.iter().enumerate() {
            let Some(url) = &item.url else {
                let what = item.title.as_deref().unwrap_or("untitled");
                report.failed.push(Failure {
                    url: format!("{feed_url} item {}", n + 1),
                    reason: format!("no link ({what})"),
                });
                continue;
            };
            if !this_poll.insert(url.clone()) {
                continue;
            }
            if store.feed_item_seen(url).map_err(|e| e.to_string())? {
                report.seen += 1;
                continue;
            }
            // Stored by a run killed before it recorded the item: record it now rather than
            // fetch it again (a page that changed since would be stored a second time).
            if store.find(url).map_err(|e| e.to_string())?.is_some() {
                mark(store, url, feed_url, &ItemOutcome::Stored)?;
                report.seen += 1;
                continue;
            }
            match self.fetch_article(feed_url, feed, item, url) {
                Ok(article) => pending.push(Pending {
                    item_url: url.clone(),
                    analyzed: analyzer.analyze(article),
                }),
                Err(FetchError::Transient(reason)) => {
                    retry_later = true;
                    report.failed.push(Failure {
                        url: url.clone(),
                        reason,
                    });
                }
                Err(FetchError::Permanent(reason)) => {
                    mark(store, url, feed_url, &ItemOutcome::Failed(reason.clone()))?;
                    report.failed.push(Failure {
                        url: url.clone(),
                        reason,
                    });
                }
            }
            if pending.len() >= BATCH {
                store_pending(store, feed_url, &mut pending, report)?;
            }
        }
        store_pending(store, feed_url, &mut pending, report)?;
        Ok(retry_later)
    }

    /// Fetches one item's page and reads it, filling in what the page lacks from the feed.
    fn fetch_article(
        &mut self,
        feed_url: &str,
        feed: &Feed,
        item: &FeedItem,
        url: &str,
    ) -> Result<Article, FetchError> {
        let page = match self.fetcher.get(url, &Validators::default())? {
            Fetched::Body(page) => page,
            // Nothing was sent to make a 304 possible; treat it as an answer without a page.
            Fetched::NotModified => {
                return Err(FetchError::Permanent("HTTP 304".into()));
            }
        };
        let bytes = with_declared_charset(page.bytes, page.charset.as_deref());
        let opts = ReadOptions {
            published: item.published,
            max_bytes: self.opts.max_bytes,
        };
        let mut read = marsad_ingest::read_bytes_with(url, &bytes, Format::Html, &opts);
        let mut article = match read.pop() {
            Some(Ok(a)) => a,
            Some(Err(e)) => return Err(FetchError::Permanent(e.reason)),
            None => return Err(FetchError::Permanent("nothing read".into())),
        };
        fill_from_feed(&mut article, feed_url, feed, item, &page.url);
        Ok(article)
    }
}

/// What the feed knows and the page did not say. The content id does not change: it hashes the
/// body, which comes from the page alone.
fn fill_from_feed(article: &mut Article, feed_url: &str, feed: &Feed, item: &FeedItem, at: &str) {
    if article.title.trim().is_empty() {
        if let Some(t) = &item.title {
            article.title = marsad_text::normalize_display(t);
        }
    }
    if article.url.is_none() {
        article.url = Some(at.to_string());
    }
    if article.source.is_none() {
        article.source = feed.title.clone().filter(|t| !t.is_empty()).or_else(|| {
            url::Url::parse(feed_url)
                .ok()?
                .host_str()
                .map(str::to_string)
        });
    }
    if article.published.is_none() {
        article.published = item.published;
    }
    article
        .meta
        .insert("feed".into(), serde_json::Value::String(feed_url.into()));
}

/// Stores the pending articles as one batch, then records each item: stored, or a duplicate
/// of an article the store had.
fn store_pending(
    store: &mut Store,
    feed_url: &str,
    pending: &mut Vec<Pending>,
    report: &mut FeedReport,
) -> Result<(), String> {
    if pending.is_empty() {
        return Ok(());
    }
    // On an error the batch is dropped unrecorded: the next poll fetches its items again.
    let (urls, items): (Vec<String>, Vec<Analyzed>) =
        pending.drain(..).map(|p| (p.item_url, p.analyzed)).unzip();
    let batch = marsad_pipeline::store_batch(store, &items).map_err(|e| e.to_string())?;
    let duplicates: HashSet<&str> = batch
        .duplicate_of
        .iter()
        .map(|(source_id, _)| source_id.as_str())
        .collect();
    for (url, item) in urls.iter().zip(&items) {
        let outcome = if duplicates.contains(item.article.source_id.as_str()) {
            report.duplicate += 1;
            ItemOutcome::Duplicate
        } else {
            report.new += 1;
            ItemOutcome::Stored
        };
        mark(store, url, feed_url, &outcome)?;
    }
    Ok(())
}

fn mark(store: &Store, url: &str, feed_url: &str, outcome: &ItemOutcome) -> Result<(), String> {
    let now = chrono::Utc::now().to_rfc3339();
    store
        .mark_feed_item(url, feed_url, &now, outcome)
        .map_err(|e| e.to_string())
}

fn save_state(store: &Store, feed_url: &str, v: Validators) -> Result<(), String> {
    let state = FeedState {
        etag: v.etag,
        last_modified: v.last_modified,
        last_polled: Some(chrono::Utc::now().to_rfc3339()),
    };
    store
        .save_feed_state(feed_url, &state)
        .map_err(|e| e.to_string())
}

/// A feed served gzipped without `Content-Encoding` (a `.xml.gz` sitemap) is inflated here;
/// ureq already inflates a declared encoding. Pages need nothing: the reader inflates them.
fn gunzip_if_needed(bytes: &[u8], max_bytes: u64) -> Result<Vec<u8>, String> {
    use std::io::Read;
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(bytes.to_vec());
    }
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .take(max_bytes + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("bad gzip: {e}"))?;
    if out.len() as u64 > max_bytes {
        return Err(format!("feed inflates past {max_bytes} bytes"));
    }
    Ok(out)
}

/// The reader detects a page's charset from its BOM, its `<meta>` or the bytes, but takes no
/// HTTP header; a `<meta charset>` put in front passes it the header's charset, only when the
/// page declares none itself.
fn with_declared_charset(bytes: Vec<u8>, charset: Option<&str>) -> Vec<u8> {
    let Some(charset) = charset.filter(|c| !c.is_empty() && c.is_ascii()) else {
        return bytes;
    };
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    if head.contains("charset") || bytes.starts_with(&[0x1f, 0x8b]) {
        return bytes;
    }
    let safe: String = charset
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .collect();
    let mut out = format!("<meta charset=\"{safe}\">").into_bytes();
    out.extend_from_slice(&bytes);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feed_list_skips_comments_and_blanks() {
        let list = "# news\nhttps://a.example/rss\n\n  https://b.example/atom  # agency\n";
        assert_eq!(
            parse_feed_list(list),
            vec!["https://a.example/rss", "https://b.example/atom"]
        );
    }

    #[test]
    fn declared_charset_only_when_the_page_has_none() {
        let page = b"<html><body>x</body></html>".to_vec();
        let out = with_declared_charset(page.clone(), Some("windows-1256"));
        assert!(out.starts_with(b"<meta charset=\"windows-1256\">"));
        let own = b"<meta charset=utf-8><p>x".to_vec();
        assert_eq!(with_declared_charset(own.clone(), Some("latin1")), own);
        assert_eq!(with_declared_charset(page.clone(), None), page);
    }
}
