//! The web page: one static HTML shell for every page route, plus its script and style, all
//! embedded in the binary. The shell holds no data; the script fetches the JSON API and renders
//! text with DOM text nodes, so scraped text is never parsed as HTML.

use std::sync::Arc;

use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::App;

pub const INDEX_HTML: &str = include_str!("../web/index.html");
pub const APP_JS: &str = include_str!("../web/app.js");
pub const STYLE_CSS: &str = include_str!("../web/style.css");

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

async fn shell() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        INDEX_HTML,
    )
        .into_response()
}

async fn app_js() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        APP_JS,
    )
        .into_response()
}

async fn style_css() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        STYLE_CSS,
    )
        .into_response()
}

pub fn routes() -> Router<Arc<App>> {
    let mut r = Router::new()
        .route("/static/app.js", get(app_js))
        .route("/static/style.css", get(style_css));
    for p in PAGE_ROUTES {
        r = r.route(p, get(shell));
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
