//! A feed's bytes → its items: RSS 2.0 and Atom through `feed-rs`, sitemaps and Google news
//! sitemaps (`<urlset><url><loc>`, `<news:title>`, `<news:publication_date>`) and sitemap
//! indexes (`<sitemapindex><sitemap><loc>`) through a small `quick-xml` reader, since feed-rs
//! does not read sitemaps.

use chrono::{DateTime, NaiveDate, Utc};
use quick_xml::events::Event;
use quick_xml::Reader;

/// What a feed says about one item. `url` is `None` when the item has no usable link (a broken
/// item: reported, never fetched).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedItem {
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
}

/// A parsed feed: its title (for articles whose page names no source) and its items, in order.
/// A sitemap index has no items but `sitemaps`: the URLs of the sitemaps it lists, newest first
/// when it says when each changed (`<lastmod>`), in its order otherwise.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Feed {
    pub title: Option<String>,
    pub items: Vec<FeedItem>,
    pub sitemaps: Vec<String>,
}

/// Parses a feed; a sitemap is recognised by its `<urlset>` root, a sitemap index by its
/// `<sitemapindex>`. The error is one line.
pub fn parse(bytes: &[u8]) -> Result<Feed, String> {
    // The parsers' messages quote the input, line breaks and all: one line, as promised.
    parse_any(bytes).map_err(|e| e.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn parse_any(bytes: &[u8]) -> Result<Feed, String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    if head.contains("<urlset") || head.contains("<sitemapindex") {
        return parse_sitemap(bytes);
    }
    let feed = feed_rs::parser::parse(bytes).map_err(|e| format!("not a feed: {e}"))?;
    let items = feed
        .entries
        .iter()
        .map(|e| FeedItem {
            url: entry_link(e),
            title: e.title.as_ref().map(|t| t.content.trim().to_string()),
            published: e.published.or(e.updated).map(|d| d.date_naive()),
        })
        .collect();
    Ok(Feed {
        title: feed.title.map(|t| t.content.trim().to_string()),
        items,
        sitemaps: Vec::new(),
    })
}

/// The item's page: its `alternate` (or only) link, else an id that is a URL (RSS `<guid
/// isPermaLink>`).
fn entry_link(e: &feed_rs::model::Entry) -> Option<String> {
    let alternate = e
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or_else(|| e.links.first())
        .map(|l| l.href.trim().to_string());
    alternate
        .or_else(|| Some(e.id.trim().to_string()))
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
}

/// The elements of a sitemap `<url>` marsad reads.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Loc,
    Title,
    Date,
    Other,
}

fn parse_sitemap(bytes: &[u8]) -> Result<Feed, String> {
    let mut reader = Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut items = Vec::new();
    let mut sitemaps = Vec::new();
    let mut current: Option<(String, String, String)> = None;
    let mut field = Field::Other;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("bad sitemap XML: {e}"))?;
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                b"url" | b"sitemap" => current = Some(Default::default()),
                b"loc" => field = Field::Loc,
                b"title" => field = Field::Title,
                b"publication_date" | b"lastmod" => field = Field::Date,
                _ => field = Field::Other,
            },
            Event::End(e) => {
                field = Field::Other;
                match e.local_name().as_ref() {
                    b"url" => items.extend(current.take().map(sitemap_item)),
                    b"sitemap" => sitemaps.extend(current.take().map(sitemap_item)),
                    _ => {}
                }
            }
            Event::Text(t) => push(&mut current, field, &t.decode().unwrap_or_default()),
            Event::CData(t) => push(&mut current, field, &t.decode().unwrap_or_default()),
            Event::GeneralRef(r) => {
                let text = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => predefined_entity(&r.decode().unwrap_or_default()).to_string(),
                };
                push(&mut current, field, &text);
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(Feed {
        title: None,
        items,
        sitemaps: newest_first(sitemaps),
    })
}

/// The sitemaps' URLs, newest `<lastmod>` first, undated ones after in their order.
fn newest_first(mut sitemaps: Vec<FeedItem>) -> Vec<String> {
    sitemaps.sort_by_key(|s| std::cmp::Reverse(s.published));
    sitemaps.into_iter().filter_map(|s| s.url).collect()
}

fn predefined_entity(name: &str) -> &'static str {
    match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => "",
    }
}

fn push(current: &mut Option<(String, String, String)>, field: Field, text: &str) {
    let Some((loc, title, date)) = current else {
        return;
    };
    match field {
        Field::Loc => loc.push_str(text),
        Field::Title => title.push_str(text),
        Field::Date => date.push_str(text),
        Field::Other => {}
    }
}

fn sitemap_item((loc, title, date): (String, String, String)) -> FeedItem {
    let loc = loc.trim();
    let title = title.trim();
    FeedItem {
        url: (loc.starts_with("http://") || loc.starts_with("https://")).then(|| loc.to_string()),
        title: (!title.is_empty()).then(|| title.to_string()),
        published: parse_date(date.trim()),
    }
}

/// A W3C datetime (`2024-05-01`, `2024-05-01T10:00:00+03:00`) → its date.
fn parse_date(s: &str) -> Option<NaiveDate> {
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&Utc).date_naive())
        .ok()
        .or_else(|| NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_sitemap_items() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://example.com/a?x=1&amp;y=2</loc>
    <news:news><news:publication_date>2024-05-01T10:00:00+03:00</news:publication_date>
      <news:title>عنوان الخبر</news:title></news:news></url>
  <url><loc>not a url</loc></url>
</urlset>"#;
        let feed = parse(xml.as_bytes()).unwrap();
        assert_eq!(feed.items.len(), 2);
        let a = &feed.items[0];
        assert_eq!(a.url.as_deref(), Some("https://example.com/a?x=1&y=2"));
        assert_eq!(a.title.as_deref(), Some("عنوان الخبر"));
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2024, 5, 1));
        assert_eq!(feed.items[1].url, None);
    }

    #[test]
    fn a_sitemap_index_lists_its_sitemaps_newest_first() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://example.com/sitemap-2019.xml</loc><lastmod>2019-12-31</lastmod></sitemap>
  <sitemap><loc>https://example.com/undated.xml</loc></sitemap>
  <sitemap><loc>https://example.com/news.xml</loc><lastmod>2024-05-02T10:00:00Z</lastmod></sitemap>
  <sitemap><loc>ftp://example.com/x.xml</loc></sitemap>
</sitemapindex>"#;
        let feed = parse(xml.as_bytes()).unwrap();
        assert!(feed.items.is_empty());
        assert_eq!(
            feed.sitemaps,
            [
                "https://example.com/news.xml",
                "https://example.com/sitemap-2019.xml",
                "https://example.com/undated.xml"
            ]
        );
    }

    #[test]
    fn rss_and_atom_items() {
        let rss = r#"<rss version="2.0"><channel><title>وكالة</title>
<item><title>خبر</title><link>https://example.com/1</link>
<pubDate>Wed, 01 May 2024 10:00:00 GMT</pubDate></item>
<item><title>بلا رابط</title></item></channel></rss>"#;
        let feed = parse(rss.as_bytes()).unwrap();
        assert_eq!(feed.title.as_deref(), Some("وكالة"));
        assert_eq!(feed.items[0].url.as_deref(), Some("https://example.com/1"));
        assert_eq!(feed.items[0].published, NaiveDate::from_ymd_opt(2024, 5, 1));
        assert_eq!(feed.items[1].url, None);
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>x</id>
<updated>2024-05-02T00:00:00Z</updated>
<entry><id>urn:1</id><title>a</title><link rel="alternate" href="https://example.com/2"/>
<updated>2024-05-02T00:00:00Z</updated></entry></feed>"#;
        let feed = parse(atom.as_bytes()).unwrap();
        assert_eq!(feed.items[0].url.as_deref(), Some("https://example.com/2"));
    }

    #[test]
    fn errors_are_one_line_even_when_the_xml_quotes_line_breaks() {
        // Found by the read_feed fuzz target: quick-xml's message quoted `</\r\nnews:title>`.
        let xml = "<?xml version=\"1.0\"?><urlset><url><loc>https://e.com/a</loc><news:news><news:title>x</\r\nnews:title></news:news></url></urlset>";
        let e = parse(xml.as_bytes()).unwrap_err();
        assert!(!e.contains('\n') && !e.contains('\r'), "{e:?}");
        assert!(e.starts_with("bad sitemap XML"), "{e}");
    }
}
