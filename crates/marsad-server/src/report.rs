//! `marsad report`: one self-contained HTML file about the events of a search and a period:
//! the map, the timeline, the top actors and dyads, the stories, and each event with its
//! sentence. It is for sending (by email, on a stick): it opens offline and makes no request.
//!
//! How: the page's own scripts (`web/*.js`, the same code the server sends) and its style are
//! inlined, with the world outlines and the data as JSON in `<script type="application/json">`
//! (every `<`, `>` and `&` escaped, so no text can close the element). A Content-Security-Policy
//! forbids any network request. Scraped text reaches the page only as text nodes.
//! What it is not: a second renderer: drawing lives in `web/`, counting in the store.

use chrono::NaiveDate;
use serde_json::{json, Value};

use marsad_store::event_aggregates::{Bucket, Split};
use marsad_store::events::{EventFilter, StoredEvent};
use marsad_store::Store;

use crate::web;

const REPORT_JS: &str = include_str!("../web/report.js");

/// The scripts of the report, in order (each a plain inline script).
const SCRIPTS: [&str; 6] = [
    web::DOM_JS,
    web::I18N_JS,
    web::EVENTS_JS,
    web::MAP_JS,
    web::TIMELINE_JS,
    REPORT_JS,
];

/// No request of any kind; inline scripts and styles only.
const CSP: &str = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/// A timeline longer than this many days is drawn by week.
const DAYS_BY_DAY: i64 = 400;

/// What a report covers.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    /// A search query (the search box's syntax); None: every article.
    pub query: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// At most this many events are listed (the newest); the map and counts cover them all.
    pub max_events: usize,
    /// How many top actors, dyads and stories.
    pub top: usize,
}

/// The report as one HTML document.
pub fn report_html(store: &Store, opts: &ReportOptions) -> anyhow::Result<String> {
    let data = report_data(store, opts)?;
    Ok(page(&data, opts.query.as_deref()))
}

/// The numbers and events the report draws.
pub fn report_data(store: &Store, opts: &ReportOptions) -> anyhow::Result<Value> {
    let filter = EventFilter {
        query: opts.query.clone().filter(|q| !q.trim().is_empty()),
        from: opts.from,
        to: opts.to,
        ..EventFilter::default()
    };
    let map = store.event_map(&filter)?;
    let mut timeline = store.event_timeline(&filter, Bucket::Day, Split::Quad)?;
    if let (Some(a), Some(b)) = (timeline.buckets.first(), timeline.buckets.last()) {
        if (b.start - a.start).num_days() > DAYS_BY_DAY {
            timeline = store.event_timeline(&filter, Bucket::Week, Split::Quad)?;
        }
    }
    let events = store.events(&EventFilter {
        limit: Some(opts.max_events),
        ..filter.clone()
    })?;
    Ok(json!({
        "query": filter.query,
        "from": opts.from,
        "to": opts.to,
        "made": chrono::Utc::now().format("%Y-%m-%d %H:%M UTC").to_string(),
        "version": env!("CARGO_PKG_VERSION"),
        "total": map.total,
        "shown": events.len(),
        "map": map,
        "timeline": timeline,
        "actors": store.event_top_actors(&filter, opts.top)?,
        "dyads": store.event_dyads(&filter, opts.top)?,
        "stories": stories(store, &events, opts.top)?,
        "events": events,
    }))
}

/// The stories of the listed events' articles, those with the most of these events first.
fn stories(store: &Store, events: &[StoredEvent], top: usize) -> anyhow::Result<Vec<Value>> {
    let mut per_story: std::collections::HashMap<String, u64> = Default::default();
    let mut story_of: std::collections::HashMap<&str, Option<String>> = Default::default();
    for e in events {
        if !story_of.contains_key(e.article_id.as_str()) {
            let (_, story) = store.dedup_marks(&e.article_id)?;
            story_of.insert(&e.article_id, story);
        }
        if let Some(Some(s)) = story_of.get(e.article_id.as_str()) {
            *per_story.entry(s.clone()).or_default() += 1;
        }
    }
    let mut ranked: Vec<(String, u64)> = per_story.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut out = Vec::new();
    for (id, n) in ranked.into_iter().take(top) {
        if let Some(st) = store.story(&id)? {
            let mut v = json!(st.summary);
            v["report_events"] = json!(n);
            out.push(v);
        }
    }
    Ok(out)
}

/// JSON that can sit inside a `<script>` element: `<`, `>` and `&` only occur inside JSON
/// strings, where their `\u` escapes mean the same.
fn script_json(v: &str) -> String {
    v.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The document: style, shell, data and scripts, all inline.
fn page(data: &Value, query: Option<&str>) -> String {
    let title = match query {
        Some(q) if !q.trim().is_empty() => format!("تقرير مرصد: {}", escape_html(q)),
        _ => "تقرير مرصد".to_string(),
    };
    let mut html = String::with_capacity(256 * 1024);
    html.push_str(&format!(
        "<!doctype html>\n<html dir=\"rtl\" lang=\"ar\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n<title>{title}</title>\n\
         <link rel=\"icon\" href=\"data:,\">\n<style>\n{}</style>\n</head>\n<body>\n\
         <header class=\"top\"><span class=\"brand\">مرصد <span class=\"latin\" lang=\"en\" dir=\"ltr\">marsad</span></span><nav></nav></header>\n\
         <main id=\"main\"><noscript>هذا التقرير يحتاج إلى JavaScript ليرسم الخريطة والأحداث.</noscript></main>\n\
         <footer class=\"foot\" data-i18n=\"footer\"></footer>\n",
        web::STYLE_CSS
    ));
    html.push_str("<script type=\"application/json\" id=\"marsad-world\">");
    html.push_str(&script_json(web::WORLD_JSON.trim()));
    html.push_str("</script>\n<script type=\"application/json\" id=\"marsad-data\">");
    html.push_str(&script_json(&data.to_string()));
    html.push_str("</script>\n");
    for s in SCRIPTS {
        html.push_str("<script>\n");
        html.push_str(s);
        html.push_str("</script>\n");
    }
    html.push_str("</body>\n</html>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_code_cannot_close_its_element() {
        for s in SCRIPTS {
            assert!(!s.to_ascii_lowercase().contains("</script"));
        }
        assert!(!web::STYLE_CSS.to_ascii_lowercase().contains("</style"));
    }

    #[test]
    fn scraped_text_stays_inside_the_data_element() {
        let data = json!({"events": [{"sentence": "</script><script>alert(1)</script> & <!--"}]});
        let html = page(&data, Some("<b>q</b>"));
        assert!(!html.contains("alert(1)</script>"));
        assert!(!html.contains("<!--"));
        assert!(html.contains("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)"));
        assert!(html.contains("<title>تقرير مرصد: &lt;b&gt;q&lt;/b&gt;</title>"));
        let start = html.find("id=\"marsad-data\">").unwrap() + "id=\"marsad-data\">".len();
        let end = start + html[start..].find("</script>").unwrap();
        let back: Value = serde_json::from_str(&html[start..end]).unwrap();
        assert_eq!(back, data, "the escaped JSON reads back the same");
    }

    #[test]
    fn nothing_is_fetched() {
        let html = page(&json!({}), None);
        for needle in ["src=", "href=\"http", "@import", "url("] {
            assert!(!html.contains(needle), "{needle}");
        }
        assert!(html.contains("default-src 'none'"));
    }
}
