//! The web page: one static HTML shell for every page route, plus its scripts, style and the
//! world outlines of the event map, all embedded in the binary. The shell holds no data; the
//! scripts fetch the JSON API and render text with DOM text nodes, so scraped text is never
//! parsed as HTML. The report (`crate::report`) inlines the same scripts.

use std::sync::Arc;

use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::App;

pub const INDEX_HTML: &str = include_str!("../web/index.html");
pub const DOM_JS: &str = include_str!("../web/dom.js");
pub const I18N_JS: &str = include_str!("../web/i18n.js");
pub const EVENTS_JS: &str = include_str!("../web/events.js");
pub const MAP_JS: &str = include_str!("../web/map.js");
pub const TIMELINE_JS: &str = include_str!("../web/timeline.js");
pub const APP_JS: &str = include_str!("../web/app.js");
pub const STYLE_CSS: &str = include_str!("../web/style.css");
/// Country outlines (Natural Earth 1:110m via world-atlas), rebuilt by scripts/world/build.mjs.
pub const WORLD_JSON: &str = include_str!("../web/world.json");

const JS: &str = "text/javascript; charset=utf-8";

/// The static assets: (route, content type, body).
pub const ASSETS: &[(&str, &str, &str)] = &[
    ("/static/dom.js", JS, DOM_JS),
    ("/static/i18n.js", JS, I18N_JS),
    ("/static/events.js", JS, EVENTS_JS),
    ("/static/map.js", JS, MAP_JS),
    ("/static/timeline.js", JS, TIMELINE_JS),
    ("/static/app.js", JS, APP_JS),
    ("/static/style.css", "text/css; charset=utf-8", STYLE_CSS),
    ("/static/world.json", "application/json", WORLD_JSON),
];

/// The page routes (all served by the shell) and the assets.
pub const PAGE_ROUTES: &[&str] = &[
    "/",
    "/events",
    "/entities",
    "/stories",
    "/articles/{id}",
    "/entities/{id}",
    "/stories/{id}",
];

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

pub fn routes() -> Router<Arc<App>> {
    let mut r = Router::new();
    for &(path, content_type, body) in ASSETS {
        r = r.route(path, get(move || async move { asset(content_type, body) }));
    }
    for p in PAGE_ROUTES {
        r = r.route(
            p,
            get(|| async { asset("text/html; charset=utf-8", INDEX_HTML) }),
        );
    }
    r
}

/// The page for an unknown path: static HTML (no part of the request is echoed back), 404.
pub const NOT_FOUND_HTML: &str = "<!doctype html>\n<html lang=\"ar\" dir=\"rtl\"><head>\
<meta charset=\"utf-8\"><title>الصفحة غير موجودة — marsad</title>\
<link rel=\"stylesheet\" href=\"/static/style.css\"></head>\
<body><main><h1>الصفحة غير موجودة</h1><p lang=\"en\" dir=\"ltr\">Page not found.</p>\
<p><a href=\"/\">البحث</a></p></main></body></html>\n";

pub fn not_found_page() -> Response {
    (
        axum::http::StatusCode::NOT_FOUND,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        NOT_FOUND_HTML,
    )
        .into_response()
}
