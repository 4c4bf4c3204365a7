//! HTML news pages: metadata from `<meta>`/JSON-LD, the body from the main content element.
//!
//! - Charset: see [`crate::decode::decode_html`] (BOM, HTTP header when from WARC, `<meta>`, chardetng).
//! - Title: `og:title`, else the `<h1>` inside `<article>`/`<main>`, else JSON-LD `headline`, else
//!   `<title>`; a trailing ` - Site` / ` | Site` is cut when the site name is known (`og:site_name`).
//! - Published: `article:published_time`, JSON-LD `datePublished` (also inside `@graph` or arrays),
//!   `<time datetime>`, `<meta name=date|pubdate|publishdate|dc.date…>`, then a date the page
//!   states (`itemprop=datePublished`, the URL, date-like elements' text: [`crate::page_date`];
//!   one in the site's header or sidebar only when no other is shown), then the WARC date (when
//!   it was crawled), then the caller's default. The full timestamp goes to `meta.published_at`;
//!   a bad date is dropped with a note in `meta.warnings`.
//! - URL: `<link rel=canonical>`, `og:url`, else the WARC target URI. Source: `og:site_name`, else the
//!   URL's host. Tags: `article:tag`, `keywords`, JSON-LD `keywords`.
//! - Body: page furniture is dropped (script/style/nav/header/footer/aside/form/…, and elements whose
//!   class/id/role says nav, menu, share, social, related, comment, sidebar, advert …, unless a
//!   weakly named wrapper holds prose: see [`crate::html_furniture`]). The content
//!   root is `[itemprop=articleBody]` if it has half the text the scoring finds, else the best of `<article>`, `<main>`, and the
//!   element holding the most `<p>` text; its paragraphs are the text blocks under it (`<p>`,
//!   headings, `<div>` text, `<br>`-separated lines), dropping short link-heavy ones (link text over
//!   half). Figures and captions are not body. Furniture lines (share, copyright) go to
//!   `meta.boilerplate`.
//!
//! No body text → [`ReadError`] "HTML page with no body text".

use std::collections::HashMap;

use chrono::NaiveDate;
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;

use crate::html_furniture::{Furniture, DROP_TAGS, WEAK_TAGS};
use crate::util::{self, display, Meta};
use crate::{Article, ReadError, ReadOptions};

/// Extra facts a WARC record knows about the page.
pub struct HttpContext<'a> {
    pub charset: Option<&'a str>,
    pub url: Option<&'a str>,
    pub date: Option<&'a str>,
}

pub fn read(
    name: &str,
    bytes: &[u8],
    http: Option<&HttpContext<'_>>,
    source_id: Option<&str>,
    opts: &ReadOptions,
) -> Vec<Result<Article, ReadError>> {
    let (text, encoding) = crate::decode::decode_html(bytes, http.and_then(|h| h.charset));
    vec![parse(name, &text, encoding, http, source_id, opts)]
}

fn sel(s: &str) -> Option<Selector> {
    Selector::parse(s).ok()
}

fn select_first<'a>(root: ElementRef<'a>, s: &str) -> Option<ElementRef<'a>> {
    let s = sel(s)?;
    let found = root.select(&s).next();
    found
}

fn parse(
    name: &str,
    text: &str,
    encoding: &str,
    http: Option<&HttpContext<'_>>,
    source_id: Option<&str>,
    opts: &ReadOptions,
) -> Result<Article, ReadError> {
    let doc = Html::parse_document(text);
    let root = doc.root_element();
    let mut meta = Meta::new();
    if encoding != "UTF-8" {
        meta.insert("encoding".into(), Value::String(encoding.to_string()));
    }
    let metas = Metas::read(root);
    let ld = json_ld(root);
    let site_name = metas
        .first(&["og:site_name", "application-name"])
        .or_else(|| ld.publisher.clone())
        .map(|s| display(&s))
        .filter(|s| !s.is_empty());
    let title = page_title(root, &metas, &ld, site_name.as_deref());
    let url = page_url(root, &metas, http);
    let source = site_name.or_else(|| url.as_deref().and_then(host).map(|h| display(&h)));
    // The crawl date comes last: an archived page of 2020 crawled in 2021 states its own date.
    let published = published_date(root, &metas, &ld, &mut meta)
        .or_else(|| stated_date(root, url.as_deref(), &mut meta))
        .or_else(|| crawl_date(http, &mut meta));
    let tags = page_tags(&metas, &ld);
    if let Some(d) = metas.first(&["description", "og:description"]) {
        meta.insert("description".into(), Value::String(display(&d)));
    }
    if let Some(a) = metas
        .first(&["author", "article:author"])
        .or_else(|| ld.author.clone())
    {
        let a = display(&a);
        if !a.is_empty() {
            meta.insert("author".into(), Value::String(a));
        }
    }
    let mut paragraphs = body_paragraphs(root, &title, &mut meta);
    if let Some(declared) = ld.body.as_deref().map(declared_paragraphs) {
        // The page's own articleBody wins when it says a fifth more than the layout showed the
        // scoring (scripts render the rest, or it is spread over containers not joined).
        let words = |ps: &[String]| ps.iter().map(|p| util::word_count(p)).sum::<usize>();
        if words(&declared) * 5 > words(&paragraphs) * 6 {
            paragraphs = declared;
        }
    }
    if paragraphs.is_empty() {
        return Err(ReadError::new(name, "HTML page with no body text"));
    }
    let source_id = source_id
        .map(str::to_string)
        .unwrap_or_else(|| name.to_string());
    Ok(Article::builder(source_id, title, paragraphs)
        .source(source)
        .url(url)
        .published(published.or(opts.published))
        .tags(tags)
        .meta(meta)
        .build())
}

/// The page's `<meta property|name|itemprop=… content=…>` values by lower-case key, in page
/// order: the first value of a key is what single-valued keys use, multi-valued keys use all.
struct Metas(HashMap<String, Vec<String>>);

impl Metas {
    fn read(root: ElementRef<'_>) -> Metas {
        let mut metas: HashMap<String, Vec<String>> = HashMap::new();
        if let Some(s) = sel("meta") {
            for m in root.select(&s) {
                let key = m
                    .attr("property")
                    .or_else(|| m.attr("name"))
                    .or_else(|| m.attr("itemprop"));
                if let (Some(k), Some(c)) = (key, m.attr("content")) {
                    let c = c.trim();
                    if !c.is_empty() {
                        metas
                            .entry(k.trim().to_ascii_lowercase())
                            .or_default()
                            .push(c.to_string());
                    }
                }
            }
        }
        Metas(metas)
    }

    /// The first value of the first of `keys` the page has.
    fn first(&self, keys: &[&str]) -> Option<String> {
        keys.iter()
            .find_map(|k| self.0.get(*k).and_then(|v| v.first()).cloned())
    }

    /// Every value of `key`.
    fn all(&self, key: &str) -> impl Iterator<Item = &String> {
        self.0.get(key).into_iter().flatten()
    }
}

/// `og:title`, else the `<h1>` of the article, JSON-LD `headline`, `<title>`, any `<h1>`; without
/// the site name's suffix.
fn page_title(root: ElementRef<'_>, metas: &Metas, ld: &JsonLd, site_name: Option<&str>) -> String {
    let mut title = metas
        .first(&["og:title", "twitter:title"])
        .map(|t| display(&t))
        .unwrap_or_default();
    if title.is_empty() {
        title = ["article h1", "main h1", "[itemprop=headline]"]
            .iter()
            .find_map(|s| {
                select_first(root, s)
                    .map(|e| display(&element_text(e)))
                    .filter(|t| !t.is_empty())
            })
            .or_else(|| ld.headline.as_deref().map(display))
            .or_else(|| select_first(root, "title").map(|e| display(&element_text(e))))
            .or_else(|| select_first(root, "h1").map(|e| display(&element_text(e))))
            .unwrap_or_default();
    }
    if let Some(site) = site_name {
        title = strip_site_suffix(&title, site);
    }
    title
}

/// `<link rel=canonical>`, `og:url` (absolute ones only), else the WARC target URI.
fn page_url(root: ElementRef<'_>, metas: &Metas, http: Option<&HttpContext<'_>>) -> Option<String> {
    let canonical = select_first(root, "link[rel=canonical]")
        .and_then(|e| e.attr("href"))
        .map(|h| h.trim().to_string())
        .filter(|h| h.starts_with("http"));
    canonical
        .or_else(|| metas.first(&["og:url"]).filter(|h| h.starts_with("http")))
        .or_else(|| http.and_then(|h| h.url).map(str::to_string))
}

/// The first date candidate that parses (a full timestamp also goes to `meta.published_at`;
/// candidates that do not parse are noted in `meta.warnings`).
fn published_date(
    root: ElementRef<'_>,
    metas: &Metas,
    ld: &JsonLd,
    meta: &mut Meta,
) -> Option<NaiveDate> {
    let mut candidates: Vec<String> = Vec::new();
    candidates.extend(metas.first(&["article:published_time", "og:published_time"]));
    candidates.extend(ld.date_published.clone());
    if let Some(t) = select_first(root, "time[datetime]").and_then(|e| e.attr("datetime")) {
        candidates.push(t.to_string());
    }
    candidates.extend(metas.first(&[
        "date",
        "pubdate",
        "publishdate",
        "publish-date",
        "dc.date.issued",
        "dc.date",
        "dcterms.created",
        "sailthru.date",
        "datepublished",
        "parsely-pub-date",
        "article.published",
        "article:published",
        "publication_date",
        "publish_date",
        "pub_date",
        "dc.date.created",
        "citation_publication_date",
        "cxenseparse:recs:publishtime",
        "date_published",
        "og:article:published_time",
        "rnews:datepublished",
    ]));
    for c in &candidates {
        match util::parse_date(c) {
            Some(d) => {
                if c.trim().len() > 10 {
                    meta.insert("published_at".into(), Value::String(c.trim().to_string()));
                }
                return Some(d);
            }
            None => util::warn(
                meta,
                format!(
                    "date {} not valid; ignored",
                    util::truncate_chars(c.trim(), 40)
                ),
            ),
        }
    }
    None
}

/// The WARC record's date: when the page was crawled, for a page that states no date.
fn crawl_date(http: Option<&HttpContext<'_>>, meta: &mut Meta) -> Option<NaiveDate> {
    let d = http.and_then(|h| h.date).and_then(util::parse_date)?;
    meta.insert("date_from".into(), Value::String("warc".into()));
    Some(d)
}

/// The date a page states without date metadata: `itemprop=datePublished`, the URL's date, then
/// the text of the elements that show a date (`<time>`, a class or id naming a date).
fn stated_date(root: ElementRef<'_>, url: Option<&str>, meta: &mut Meta) -> Option<NaiveDate> {
    let mut found = None;
    if let Some(s) = sel("[itemprop=datePublished], [itemprop=datepublished]") {
        found = root.select(&s).find_map(|e| {
            ["content", "datetime"]
                .iter()
                .find_map(|a| e.attr(a).and_then(util::parse_date))
                .or_else(|| crate::page_date::from_text(&element_text(e)))
        });
    }
    let mut from = "itemprop";
    if found.is_none() {
        found = url.and_then(crate::page_date::from_url);
        from = "url";
    }
    if found.is_none() {
        found = shown_date(root);
        from = "text";
    }
    if found.is_some() {
        meta.insert("date_from".into(), Value::String(from.into()));
    }
    found
}

/// The first date in the text of `<time>` elements or of elements whose class or id names a date,
/// outside the site's furniture when one is: a date strip in the site's header ("today is …")
/// says what day it is, not when the article was published.
fn shown_date(root: ElementRef<'_>) -> Option<NaiveDate> {
    let s = sel("time, [class*=date], [class*=Date], [id*=date], [class*=publish], [class*=time]")?;
    let mut in_furniture = None;
    let mut furniture = None;
    for e in root.select(&s).take(40) {
        let Some(date) = crate::page_date::from_text(&element_text(e)) else {
            continue;
        };
        let furniture = furniture.get_or_insert_with(|| Furniture::by_class(root));
        if in_site_furniture(e, furniture) {
            in_furniture.get_or_insert(date);
            continue;
        }
        return Some(date);
    }
    in_furniture
}

/// Whether `e` is in the page's furniture (header, navigation, sidebar, footer) and in no
/// `<article>` or `<main>`, whose own header holds the article's date line.
fn in_site_furniture(e: ElementRef<'_>, furniture: &Furniture) -> bool {
    let mut inside = false;
    for a in std::iter::once(e).chain(e.ancestors().filter_map(ElementRef::wrap)) {
        if matches!(a.value().name(), "article" | "main") {
            return false;
        }
        inside |= furniture.is(a);
    }
    inside
}

/// `article:tag`, `keywords`, `news_keywords` and JSON-LD `keywords`, split, without repeats,
/// at most 50.
fn page_tags(metas: &Metas, ld: &JsonLd) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for t in metas.all("article:tag") {
        tags.extend(crate::jsonl::split_tags(t));
    }
    for t in metas.all("keywords").chain(metas.all("news_keywords")) {
        tags.extend(crate::jsonl::split_tags(t));
    }
    tags.extend(ld.keywords.iter().flat_map(|k| crate::jsonl::split_tags(k)));
    let mut uniq: Vec<String> = Vec::new();
    for t in tags {
        if !uniq.contains(&t) && uniq.len() < 50 {
            uniq.push(t);
        }
    }
    uniq
}

/// The body's paragraphs (no repeats of the one before, not the title); furniture lines go to
/// `meta.boilerplate`.
fn body_paragraphs(root: ElementRef<'_>, title: &str, meta: &mut Meta) -> Vec<String> {
    let body_root = select_first(root, "body").unwrap_or(root);
    let mut paras = content(body_root, &Furniture::by_class(body_root));
    if paras.is_empty() {
        // Class-based filtering can hit a wrapper (`class="has-sidebar"`); retry with tags only.
        paras = content(body_root, &Furniture::tags_only());
    }
    let mut paragraphs: Vec<String> = Vec::new();
    let mut furniture: Vec<Value> = Vec::new();
    let total: usize = paras.iter().map(|p| p.chars().count()).sum();
    let mut seen = 0;
    let mut paras = paras.into_iter();
    while let Some(p) = paras.next() {
        seen += p.chars().count();
        if is_more_heading(&p) {
            // "Related stories", "اقرأ أيضا": past the middle of the text, what follows is the
            // list it announces, not the article.
            furniture.push(Value::String(p));
            if seen * 2 > total {
                furniture.extend(paras.by_ref().map(Value::String));
            }
            continue;
        }
        if crate::text_format::is_furniture(&p) || is_stamp(&p) {
            furniture.push(Value::String(p));
        } else if paragraphs.last() != Some(&p) && p != title {
            paragraphs.push(p);
        }
    }
    if !furniture.is_empty() {
        meta.insert("boilerplate".into(), Value::Array(furniture));
    }
    paragraphs
}

/// JSON-LD `articleBody` as paragraphs: its lines (tags, when it carries HTML, removed).
fn declared_paragraphs(body: &str) -> Vec<String> {
    let text = if body.contains('<') {
        let frag = Html::parse_fragment(body);
        paragraphs_under(frag.root_element(), &Furniture::tags_only()).join("\n")
    } else {
        body.to_string()
    };
    text.lines()
        .map(|l| display(l).split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect()
}

/// A line that is only a timestamp, an age or a gallery counter ("8 hours ago", "منذ 3 ساعات",
/// "11:00 AM PDT • May 16, 2024", "1 of 12 |"): page furniture around teasers and galleries.
fn is_stamp(p: &str) -> bool {
    let n = util::word_count(p);
    if n == 0 || n > 8 {
        return false;
    }
    let lower = p.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '|' || c == '•')
        .filter(|w| !w.is_empty())
        .collect();
    let number = |w: &str| {
        w.chars()
            .all(|c| c.is_ascii_digit() || ('٠'..='٩').contains(&c))
    };
    let age = words.len() <= 4
        && words.iter().any(|w| number(w))
        && (words.last() == Some(&"ago") || words.first() == Some(&"منذ"));
    let counter = words.len() == 3 && number(words[0]) && words[1] == "of" && number(words[2]);
    // A video's duration (02:14) or view count (12 ألف مشاهدة، 3,204 views).
    let clock = words.len() == 1
        && words[0].contains(':')
        && words[0]
            .chars()
            .all(|c| c == ':' || c.is_ascii_digit() || ('٠'..='٩').contains(&c));
    let views = words.len() <= 4
        && words.iter().any(|w| number(&w.replace(',', "")))
        && matches!(
            words.last(),
            Some(&"مشاهدة") | Some(&"مشاهدات") | Some(&"views") | Some(&"قراءة")
        );
    age || counter
        || clock
        || views
        || (crate::page_date::from_text(p).is_some() && !p.contains(['.', '،']))
}

/// A heading that announces other articles (related stories, read also), in the languages of the
/// press marsad reads and of the development set.
fn is_more_heading(p: &str) -> bool {
    const MORE: &[&str] = &[
        "اقرأ أيضا",
        "اقرأ أيضاً",
        "اقرأ ايضا",
        "إقرأ أيضا",
        "اقرأ المزيد",
        "مواضيع ذات صلة",
        "أخبار ذات صلة",
        "اخبار ذات صلة",
        "مقالات ذات صلة",
        "شاهد أيضا",
        "شاهد أيضاً",
        "فيديوهات ذات صلة",
        "موضوعات ذات صلة",
        "روابط ذات صلة",
        "ذات صلة",
        "الأكثر قراءة",
        "الأكثر مشاهدة",
        "الأكثر تداولا",
        "الأكثر تداولاً",
        "الأكثر شعبية",
        "مقالات أخرى",
        "أخبار أخرى",
        "مواضيع أخرى",
        "المزيد من الأخبار",
        "قد يعجبك أيضا",
        "قد يهمك أيضا",
        "قد يهمك",
        "اخترنا لك",
        "most read",
        "most popular",
        "more stories",
        "related content",
        "les plus lus",
        "à lire également",
        "الوسوم",
        "وسوم",
        "كلمات مفتاحية",
        "الكلمات المفتاحية",
        "الكلمات الدالة",
        "التعليقات",
        "تعليقات",
        "أضف تعليق",
        "أضف تعليقك",
        "اترك تعليقا",
        "اترك تعليقاً",
        "tags",
        "comments",
        "leave a comment",
        "leave a reply",
        "related stories",
        "related articles",
        "related",
        "explore further",
        "read more",
        "read also",
        "see also",
        "more on this story",
        "you may also like",
        "recommended",
        "siehe auch",
        "mehr zum thema",
        "lesen sie auch",
        "das könnte sie auch interessieren",
        "à lire aussi",
        "lire aussi",
        "sur le même sujet",
        "te puede interesar",
        "lee también",
    ];
    if util::word_count(p) > 6 {
        return false;
    }
    let t = p
        .trim()
        .trim_end_matches([':', '：', '.', '…', '»'])
        .trim()
        .to_lowercase();
    // "More in News", "Mehr zum Thema Hitze", "المزيد من الرياضة": a section's own list.
    const MORE_PREFIX: &[&str] = &[
        "more in ",
        "more from ",
        "more on ",
        "mehr zum thema ",
        "mehr aus ",
        "المزيد من ",
        "المزيد في ",
        "أخبار متعلقة",
        "about the author",
        "über den autor",
        "عن الكاتب",
        "نبذة عن الكاتب",
        "next article",
        "nächster artikel",
        "المقال التالي",
    ];
    // "More TechCrunch", "More BBC": the site's own list under a two-word heading.
    let more_site = t.split_whitespace().count() == 2 && t.starts_with("more ");
    MORE.contains(&t.as_str()) || MORE_PREFIX.iter().any(|m| t.starts_with(m)) || more_site
}

fn element_text(e: ElementRef<'_>) -> String {
    e.text().collect::<Vec<_>>().join(" ")
}

/// "Title - Site" / "Title | Site" → "Title" when Site is the known site name.
fn strip_site_suffix(title: &str, site: &str) -> String {
    for sep in [" - ", " | ", " – ", " — ", " :: ", " « ", " » ", " · "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if tail.trim().eq_ignore_ascii_case(site.trim()) && !head.trim().is_empty() {
                return head.trim().to_string();
            }
        }
        if let Some((head, tail)) = title.split_once(sep) {
            // Some sites put the name first: "Site | Title".
            if head.trim().eq_ignore_ascii_case(site.trim()) && !tail.trim().is_empty() {
                return tail.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// The host of an absolute URL, without `www.`.
fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map(|(_, h)| h).unwrap_or(host);
    let host = host.split(':').next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    if host.is_empty() {
        None
    } else {
        Some(host)
    }
}

#[derive(Default)]
struct JsonLd {
    date_published: Option<String>,
    /// `articleBody`: the text the page declares as its body.
    body: Option<String>,
    headline: Option<String>,
    keywords: Vec<String>,
    author: Option<String>,
    publisher: Option<String>,
}

/// Facts from `<script type="application/ld+json">` blocks; the first value found wins. Objects may
/// sit in arrays or under `@graph`; a block that does not parse is ignored.
fn json_ld(root: ElementRef<'_>) -> JsonLd {
    let mut out = JsonLd::default();
    let Some(s) = sel("script[type]") else {
        return out;
    };
    for script in root.select(&s) {
        let ty = script.attr("type").unwrap_or("").to_ascii_lowercase();
        if !ty.contains("ld+json") {
            continue;
        }
        let text: String = script.text().collect();
        if let Ok(v) = serde_json::from_str::<Value>(text.trim()) {
            visit_ld(&v, &mut out, 0);
        }
    }
    out
}

fn visit_ld(v: &Value, out: &mut JsonLd, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(items) => items.iter().for_each(|i| visit_ld(i, out, depth + 1)),
        Value::Object(o) => {
            if out.date_published.is_none() {
                out.date_published = o
                    .get("datePublished")
                    .and_then(Value::as_str)
                    .map(str::to_string);
            }
            if out.body.is_none() {
                out.body = o
                    .get("articleBody")
                    .and_then(Value::as_str)
                    .filter(|b| !b.trim().is_empty())
                    .map(str::to_string);
            }
            if out.headline.is_none() {
                out.headline = o
                    .get("headline")
                    .and_then(Value::as_str)
                    .map(str::to_string);
            }
            if out.keywords.is_empty() {
                match o.get("keywords") {
                    Some(Value::String(s)) => out.keywords.push(s.clone()),
                    Some(Value::Array(a)) => out
                        .keywords
                        .extend(a.iter().filter_map(Value::as_str).map(str::to_string)),
                    _ => {}
                }
            }
            if out.author.is_none() {
                out.author = name_of(o.get("author"));
            }
            if out.publisher.is_none() {
                out.publisher = name_of(o.get("publisher"));
            }
            if let Some(g) = o.get("@graph") {
                visit_ld(g, out, depth + 1);
            }
            if let Some(m) = o.get("mainEntity").or_else(|| o.get("mainEntityOfPage")) {
                if m.is_object() {
                    visit_ld(m, out, depth + 1);
                }
            }
        }
        _ => {}
    }
}

fn name_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o.get("name").and_then(Value::as_str).map(str::to_string),
        Value::Array(a) => a.iter().find_map(|x| name_of(Some(x))),
        _ => None,
    }
}

const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "blockquote",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "tbody",
    "figure",
    "address",
    "center",
    "body",
    "li",
    "dd",
    "dt",
    "hr",
];

/// The paragraphs of the page's main content (display form), chosen as described in the module doc.
fn content(body: ElementRef<'_>, furniture: &Furniture) -> Vec<String> {
    // itemprop=articleBody is the page telling us where the body is, unless it marks a summary:
    // it must hold half the text the scoring finds.
    let declared = sel("[itemprop=articleBody], [itemprop=articlebody]").and_then(|s| {
        body.select(&s)
            .map(|e| paragraphs_under(e, furniture))
            .find(|p| !p.is_empty())
    });
    let scored = scored_content(body, furniture);
    match declared {
        Some(d) if chars(&d) * 2 >= chars(&scored) => d,
        _ => scored,
    }
}

fn chars(p: &[String]) -> usize {
    p.iter().map(|x| x.chars().count()).sum()
}

/// The paragraphs of the best-scored candidate, with its siblings.
fn scored_content(body: ElementRef<'_>, furniture: &Furniture) -> Vec<String> {
    // Candidates: <article>, <main>, and the elements holding the most text (with parents).
    let mut candidates: Vec<ElementRef<'_>> = Vec::new();
    if let Some(s) = sel("article, main, [role=main]") {
        candidates.extend(body.select(&s).take(20));
    }
    let (scored, total) = text_holders(body);
    for (e, _) in scored.into_iter().take(3) {
        candidates.push(e);
        if let Some(gp) = e.parent().and_then(ElementRef::wrap) {
            candidates.push(gp);
        }
    }
    match best_candidate(candidates, total, furniture) {
        Some((best, own)) => with_siblings(best, own, furniture),
        None => paragraphs_under(body, furniture),
    }
}

/// The best element's paragraphs joined, in page order, with those of its siblings that continue
/// the article: the same class, or a quarter as much text and no furniture (articles split into
/// sections around figures and ads).
fn with_siblings(best: ElementRef<'_>, own: Vec<String>, furniture: &Furniture) -> Vec<String> {
    // Up through wrappers that hold nothing else (div > div > section around the text), to the
    // level where the article's parts are siblings.
    let (mut best, first) = (best, best.id());
    for _ in 0..4 {
        let Some(parent) = best.parent().and_then(ElementRef::wrap) else {
            break;
        };
        let others = parent
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|c| c.id() != best.id() && c.text().any(|t| !t.trim().is_empty()))
            .count();
        if others > 0 || matches!(parent.value().name(), "body" | "html") {
            break;
        }
        best = parent;
    }
    if let Some(part) = split_part(best, furniture) {
        best = part;
    }
    // The candidate's paragraphs are already read unless a wrapper above it was taken.
    let own = if best.id() == first {
        own
    } else {
        paragraphs_under(best, furniture)
    };
    let Some(parent) = best.parent().and_then(ElementRef::wrap) else {
        return own;
    };
    let own_chars = chars(&own);
    let class = best.value().attr("class").filter(|c| !c.trim().is_empty());
    let mut out = Vec::new();
    for sib in parent.children().filter_map(ElementRef::wrap) {
        if sib.id() == best.id() {
            out.extend(own.iter().cloned());
            continue;
        }
        if furniture.is(sib) || !BLOCK_TAGS.contains(&sib.value().name()) {
            continue;
        }
        let p = paragraphs_under(sib, furniture);
        let same_class = class.is_some() && sib.value().attr("class") == class;
        if (same_class && !p.is_empty()) || chars(&p) * 4 >= own_chars.max(1) {
            out.extend(p);
        }
    }
    out
}

/// When the article is cut into a CMS's repeated content blocks (`div.outer` × n, each with its
/// own wrappers), the block above `best` (up to three levels) that has a sibling of the same tag
/// and class holding prose; None when `best` is already at that level or there is none.
fn split_part<'a>(best: ElementRef<'a>, furniture: &Furniture) -> Option<ElementRef<'a>> {
    let twin = |e: ElementRef<'a>| {
        let class = e.value().attr("class").filter(|c| !c.trim().is_empty())?;
        let parent = e.parent().and_then(ElementRef::wrap)?;
        let found = parent.children().filter_map(ElementRef::wrap).any(|s| {
            s.id() != e.id()
                && s.value().name() == e.value().name()
                && s.value().attr("class") == Some(class)
                && !furniture.is(s)
                && paragraphs_under(s, furniture).iter().any(|p| sentence(p))
        });
        found.then_some(e)
    };
    if twin(best).is_some() {
        return None;
    }
    best.ancestors()
        .filter_map(ElementRef::wrap)
        .take(3)
        .take_while(|a| !matches!(a.value().name(), "body" | "html" | "main" | "article"))
        .find_map(twin)
}

/// Whether a paragraph reads as prose: several words and a sentence's end.
fn sentence(p: &str) -> bool {
    util::word_count(p) >= 8
        && p.trim_end()
            .ends_with(['.', '!', '?', '؟', '…', '。', '»', '"', '”'])
}

/// The elements that hold text directly, with how much (characters of `<p>` children, and of
/// their own text runs of 25 characters or more for pages set in `<div>`s and `<br>`s), most
/// first, ties in document order; and the total.
fn text_holders<'a>(body: ElementRef<'a>) -> (Vec<(ElementRef<'a>, usize)>, usize) {
    let mut slot = HashMap::new();
    let mut scored: Vec<(ElementRef<'a>, usize)> = Vec::new();
    let mut add = |parent: ElementRef<'a>, len: usize| {
        let i = *slot.entry(parent.id()).or_insert_with(|| {
            scored.push((parent, 0));
            scored.len() - 1
        });
        if let Some(entry) = scored.get_mut(i) {
            entry.1 += len;
        }
    };
    if let Some(s) = sel("p") {
        for p in body.select(&s).take(5000) {
            let len = p.text().map(|t| t.trim().chars().count()).sum::<usize>();
            if let Some(parent) = p.parent().and_then(ElementRef::wrap) {
                add(parent, len);
            }
        }
    }
    for t in body.descendants().take(200_000) {
        let (Node::Text(text), Some(parent)) = (t.value(), t.parent().and_then(ElementRef::wrap))
        else {
            continue;
        };
        let len = text.trim().chars().count();
        let name = parent.value().name();
        if len >= 25 && !matches!(name, "script" | "style" | "noscript" | "p" | "a") {
            add(parent, len);
        }
    }
    let total = scored.iter().map(|x| x.1).sum();
    scored.sort_by_key(|x| std::cmp::Reverse(x.1));
    (scored, total)
}

/// The best candidate and its paragraphs: the most text, or a more specific element that keeps
/// nearly all of it. A candidate inside furniture is passed over unless it holds most of the
/// page's text: themes wrap the article in `theiaStickySidebar` or `widget main`, while a real
/// sidebar never holds most of the text.
fn best_candidate<'a>(
    candidates: Vec<ElementRef<'a>>,
    total: usize,
    furniture: &Furniture,
) -> Option<(ElementRef<'a>, Vec<String>)> {
    let mut best: Option<(ElementRef<'a>, Vec<String>)> = None;
    let mut best_score = 0usize;
    let mut best_depth = 0usize;
    for c in candidates {
        let p = paragraphs_under(c, furniture);
        let score: usize = p.iter().map(|x| x.chars().count()).sum();
        if score * 2 < total && furniture.inside(c) {
            continue;
        }
        let depth = c.ancestors().count();
        let better = if score * 10 >= best_score * 9 && depth > best_depth {
            score > 0
        } else {
            score > best_score && (score * 9 > best_score * 10 || depth >= best_depth)
        };
        if better {
            best = Some((c, p));
            best_score = score;
            best_depth = depth;
        }
    }
    best
}

/// Text blocks under `root`: block elements end a paragraph, `<br>` ends a line, furniture is
/// skipped. Short paragraphs whose text is mostly links are dropped (menus, tag clouds). Iterative,
/// so deeply nested pages cannot overflow the stack.
fn paragraphs_under(root: ElementRef<'_>, furniture: &Furniture) -> Vec<String> {
    struct Acc {
        out: Vec<String>,
        buf: String,
        link_chars: usize,
    }
    fn flush(acc: &mut Acc) {
        if acc.buf.trim().is_empty() {
            acc.buf.clear();
            acc.link_chars = 0;
            return;
        }
        let total: usize = acc.buf.chars().filter(|c| !c.is_whitespace()).count();
        let link_heavy = total > 0 && acc.link_chars * 2 > total;
        for line in acc.buf.split('\n') {
            let p = display(line);
            let p = p.split_whitespace().collect::<Vec<_>>().join(" ");
            if p.is_empty() {
                continue;
            }
            if link_heavy && util::word_count(&p) < 25 {
                continue;
            }
            acc.out.push(p);
        }
        acc.buf.clear();
        acc.link_chars = 0;
    }

    let mut acc = Acc {
        out: Vec::new(),
        buf: String::new(),
        link_chars: 0,
    };
    let mut link_depth = 0usize;
    // (node, closing?) pairs: an explicit stack instead of recursion.
    let mut stack = vec![(*root, false)];
    while let Some((node, closing)) = stack.pop() {
        match node.value() {
            Node::Text(t) if !closing => {
                acc.buf.push_str(t);
                if link_depth > 0 {
                    acc.link_chars += t.chars().filter(|c| !c.is_whitespace()).count();
                }
            }
            Node::Element(e) => {
                let name = e.name();
                let block = BLOCK_TAGS.contains(&name);
                if closing {
                    if name == "a" {
                        link_depth = link_depth.saturating_sub(1);
                    }
                    if block {
                        flush(&mut acc);
                    }
                    continue;
                }
                if node.id() != root.id() && ElementRef::wrap(node).is_some_and(|x| furniture.is(x))
                {
                    if block || DROP_TAGS.contains(&name) || WEAK_TAGS.contains(&name) {
                        flush(&mut acc);
                    }
                    continue;
                }
                if name == "br" {
                    acc.buf.push('\n');
                    continue;
                }
                if block {
                    flush(&mut acc);
                }
                if name == "a" {
                    link_depth += 1;
                }
                stack.push((node, true));
                let children: Vec<_> = node.children().collect();
                for child in children.into_iter().rev() {
                    stack.push((child, false));
                }
            }
            _ => {}
        }
    }
    flush(&mut acc);
    acc.out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_suffix() {
        assert_eq!(
            strip_site_suffix("خبر مهم - الجزيرة نت", "الجزيرة نت"),
            "خبر مهم"
        );
        assert_eq!(
            strip_site_suffix("الجزيرة نت | خبر مهم", "الجزيرة نت"),
            "خبر مهم"
        );
        assert_eq!(strip_site_suffix("خبر - مهم", "موقع"), "خبر - مهم");
    }

    #[test]
    fn hosts() {
        assert_eq!(
            host("https://www.Example.com:8080/a?b").as_deref(),
            Some("example.com")
        );
        assert_eq!(host("not a url"), None);
    }

    /// The one article a test page reads as.
    fn only_article(html: &str) -> Article {
        let mut r = read(
            "t.html",
            html.as_bytes(),
            None,
            None,
            &ReadOptions::default(),
        );
        r.remove(0).unwrap()
    }

    #[test]
    fn link_heavy_dropped_and_br_split() {
        let html = r#"<html><body><div class="content">
            <p>السطر الأول من النص.<br>السطر الثاني من النص.</p>
            <p><a href="/x">رابط</a> <a href="/y">رابط آخر</a></p>
            <ul><li><a href="/a">اقرأ أيضا</a></li><li><a href="/b">الأكثر قراءة</a></li></ul>
            <ul><li>بند من بنود الاتفاق في متن الخبر</li></ul>
            <div class="share-buttons"><p>شارك هذا الخبر على المنصات الاجتماعية الآن</p></div>
        </div></body></html>"#;
        let a = &only_article(html);
        // A list of links is furniture; a list item of plain text is part of the article.
        assert_eq!(
            a.paragraphs,
            vec![
                "السطر الأول من النص.",
                "السطر الثاني من النص.",
                "بند من بنود الاتفاق في متن الخبر"
            ]
        );
    }

    #[test]
    fn read_also_ends_the_article_past_its_middle() {
        let html = r#"<html><body><article>
            <p>قتل ثلاثة أشخاص في اشتباكات بين مجموعتين مسلحتين في العاصمة الليبية طرابلس مساء الأحد.</p>
            <p>وقالت وزارة الصحة إن الحصيلة مرشحة للارتفاع مع استمرار الاشتباكات في عدة أحياء.</p>
            <p>اقرأ أيضاً:</p>
            <p>وزير الخارجية التونسي يصل إلى الجزائر في زيارة رسمية</p>
        </article></body></html>"#;
        let a = &only_article(html);
        assert_eq!(a.paragraphs.len(), 2, "{:?}", a.paragraphs);
        assert!(
            is_more_heading("Related stories:")
                && !is_more_heading("Related stories of the war in Sudan")
        );
        assert!(is_more_heading("الأكثر قراءة") && is_more_heading("فيديوهات ذات صلة"));
        assert!(is_more_heading("المزيد من الرياضة") && is_more_heading("More in News"));
        assert!(is_more_heading("More TechCrunch") && !is_more_heading("More rain is expected"));
        assert!(is_more_heading("الكلمات المفتاحية:") && is_more_heading("التعليقات"));
        assert!(crate::text_format::is_furniture(
            "المقالات المنشورة تعبر عن رأي كاتبها ولا تعبر بالضرورة عن رأي الموقع."
        ));
    }

    #[test]
    fn article_cut_into_repeated_content_blocks() {
        let block = |t: &str| {
            format!(
                r#"<div class="outer"><div class="container"><div class="label">تقرير</div><div class="text"><p>{t}</p></div></div></div>"#
            )
        };
        let html = format!(
            r#"<html><body><div class="page">{}{}<div class="outer"><div class="container"><ul><li><a href="/x">رابط</a></li></ul></div></div>{}</div>
            <div class="other"><p>نص قصير آخر لا علاقة له بالخبر.</p></div></body></html>"#,
            block("قتل ثلاثة أشخاص في اشتباكات بين مجموعتين مسلحتين في العاصمة الليبية طرابلس مساء الأحد وفق مصادر محلية متطابقة."),
            block("وقالت وزارة الصحة إن الحصيلة مرشحة للارتفاع مع استمرار الاشتباكات في عدة أحياء من المدينة."),
            block("ودعت البعثة الأممية إلى وقف فوري لإطلاق النار وحماية المدنيين في المناطق السكنية."),
        );
        let a = only_article(&html);
        let text = a.paragraphs.join("\n");
        assert!(
            text.contains("قتل ثلاثة")
                && text.contains("وقالت وزارة")
                && text.contains("ودعت البعثة"),
            "{text}"
        );
    }

    #[test]
    fn article_body_marking_only_a_summary_is_passed_over() {
        let body: String = (1..=4)
            .map(|i| format!("<p>قتل {i} أشخاص في اشتباكات بين مجموعتين مسلحتين في العاصمة الليبية طرابلس مساء الأحد وفق مصادر محلية.</p>"))
            .collect();
        let html = format!(
            r#"<html><body><div itemprop="articleBody"><p>ملخص قصير للخبر.</p></div><div class="story">{body}</div></body></html>"#
        );
        let a = only_article(&html);
        assert_eq!(a.paragraphs.len(), 4, "{:?}", a.paragraphs);
    }

    #[test]
    fn timestamps_and_gallery_counters_are_furniture() {
        for stamp in [
            "8 hours ago",
            "منذ 3 ساعات",
            "1 of 12 |",
            "الخميس 14 مارس 2019",
            "11:00 AM PDT • May 16, 2024",
        ] {
            assert!(is_stamp(stamp), "{stamp}");
        }
        assert!(!is_stamp("قتل 3 أشخاص في طرابلس منذ أسبوعين."));
        assert!(!is_stamp(
            "Published on May 16, 2024, the report says unemployment rose."
        ));
    }

    #[test]
    fn no_body_text() {
        let r = read(
            "e.html",
            b"<html><head><title>x</title></head><body><nav>menu</nav></body></html>",
            None,
            None,
            &ReadOptions::default(),
        );
        assert_eq!(
            r[0],
            Err(ReadError::new("e.html", "HTML page with no body text"))
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let mut s = String::from("<html><body>");
        for _ in 0..20_000 {
            s.push_str("<div>");
        }
        s.push_str("<p>نص عميق جدا.</p></body></html>");
        let r = read(
            "deep.html",
            s.as_bytes(),
            None,
            None,
            &ReadOptions::default(),
        );
        assert!(r.len() == 1);
    }
}
