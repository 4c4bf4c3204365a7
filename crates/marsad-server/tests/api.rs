//! The API end to end over the harness in `common`: routes, pages, ingest, limits.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use common::*;
use marsad_server::{ServeConfig, API_ROUTES};
use serde_json::Value;

#[test]
fn health_and_stats() {
    let v = get("/api/health").json();
    assert_eq!(v["status"], "ok");
    assert!(v["articles"].as_i64().unwrap() >= 30);
    assert_eq!(v["ingest"], true);
    let r = get("/api/stats");
    assert_eq!(r.status, 200);
    assert!(r.json()["articles"].as_u64().unwrap() >= 30);
}

/// `marsad search --facets --json` prints `Store::search` with facets on; the API must give the
/// same facets for the same query (text, filters alone, and an empty query).
#[test]
fn cli_and_api_give_the_same_facets() {
    seed_id();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("marsad-server-api");
    let store = marsad_store::Store::open(&dir).expect("store opens");
    for q in ["اذربيجان", "الحكومة -تونس", "published:2017", ""] {
        let opts = marsad_store::SearchOptions {
            facets: true,
            ..Default::default()
        };
        let cli = store.search(q, &opts).expect("search");
        let cli = serde_json::to_value(cli.facets.expect("facets asked")).unwrap();
        let api = get(&format!("/api/search?q={}&facets=1", enc(q))).json();
        assert_eq!(api["facets"], cli, "query {q:?}");
        assert!(cli["over"].as_u64().unwrap() > 0, "query {q:?}: {cli}");
    }
}

#[test]
fn search_finds_the_seed_article_with_snippets_and_facets() {
    seed_id();
    let r = get(&format!("/api/search?q={}&facets=1", enc("اذربيجان")));
    let v = r.json();
    assert!(v["total"].as_u64().unwrap() >= 1);
    let snippet = v["hits"][0]["snippet"].as_str().unwrap();
    assert!(snippet.contains("<b>"), "{snippet}");
    let f = &v["facets"];
    assert!(
        f["entities"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["id"] == "country:AZE"),
        "{f}"
    );
    for k in ["sources", "tags", "event_roots", "days"] {
        assert!(f[k].is_array(), "facet {k}: {f}");
    }
    // entity: filter with the facet's id.
    let r = get(&format!("/api/search?q={}", enc("entity:country:AZE")));
    assert_eq!(r.status, 200);
    assert!(r.json()["total"].as_u64().unwrap() >= 1);
    // An empty query lists the newest articles.
    let r = get("/api/search?q=");
    assert_eq!(r.status, 200);
    assert!(r.json()["total"].as_u64().unwrap() >= 30);
}

#[test]
fn article_has_paragraphs_entities_and_events() {
    let id = seed_id();
    let v = get(&format!("/api/articles/{id}")).json();
    assert_eq!(
        v["article"]["paragraphs"].as_array().unwrap().len(),
        8,
        "{}",
        v["article"]
    );
    let ents = v["entities"].as_array().unwrap();
    let putin = ents
        .iter()
        .find(|e| e["name"] == "Vladimir Putin")
        .unwrap_or_else(|| panic!("no Putin among {ents:?}"));
    assert_eq!(putin["type"], "PER");
    // Mentions are byte offsets into the paragraph's text (one of them is the name itself).
    let texts: Vec<&str> = putin["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let para = v["article"]["paragraphs"][m["paragraph"].as_u64().unwrap() as usize]
                .as_str()
                .unwrap();
            let (s, e) = (
                m["start"].as_u64().unwrap() as usize,
                m["end"].as_u64().unwrap() as usize,
            );
            let t = para.get(s..e).expect("offsets on char boundaries");
            assert_eq!(t, m["text"].as_str().unwrap());
            t
        })
        .collect();
    assert!(texts.iter().any(|t| t.contains("بوتين")), "{texts:?}");
    assert!(v["events"].is_array());
    // By source id (percent-encoded slashes) and by a unique prefix.
    let sid = v["article"]["source_id"].as_str().unwrap();
    assert_eq!(
        get(&format!("/api/articles/{}", enc(sid))).json()["article"]["id"],
        id.as_str()
    );
    assert_eq!(
        get(&format!("/api/articles/{}", &id[..8])).json()["article"]["id"],
        id.as_str()
    );
    assert_json_error(&get("/api/articles/0000000000000000"), 404);
}

#[test]
fn entity_pages_take_ids_with_colons() {
    let v = get("/api/entities?type=PER&limit=5").json();
    assert!(v["entities"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["type"] == "PER"));
    for path in ["/api/entities/country:AZE", "/api/entities/country%3AAZE"] {
        let r = get(path);
        assert_eq!(r.status, 200, "{path}: {}", r.text());
        let v = r.json();
        assert_eq!(v["entity"]["id"], "country:AZE");
        assert!(v["timeline"].is_array());
        assert!(!v["co_occurring"].as_array().unwrap().is_empty());
        assert!(v["events"].is_array());
    }
    // The most mentioned entity has dated articles (the ANT sample), so a timeline.
    let top = get("/api/entities?limit=1").json()["entities"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let v = get(&format!("/api/entities/{}", enc(&top))).json();
    let days = v["timeline"].as_array().unwrap();
    assert!(
        !days.is_empty() && days[0]["day"].as_str().unwrap().len() == 10,
        "{v}"
    );
    // Putin by his id from the article, and by name.
    let id = seed_id();
    let art = get(&format!("/api/articles/{id}")).json();
    let putin_id = art["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "Vladimir Putin")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        get(&format!("/api/entities/{}", enc(&putin_id))).json()["entity"]["type"],
        "PER"
    );
    assert_eq!(
        get(&format!("/api/entities/{}", enc("بوتين"))).json()["entity"]["id"],
        putin_id.as_str()
    );
    assert_json_error(&get("/api/entities/nobody:NOPE"), 404);
    assert_json_error(&get("/api/entities?type=XYZ"), 400);
}

#[test]
fn events_json_and_csv() {
    let r = get("/api/events?limit=5");
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.json()["events"].is_array());
    let r = get("/api/events.csv?root=01,19");
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").starts_with("text/csv"));
    assert!(
        r.header("content-disposition").starts_with("attachment"),
        "{:?}",
        r.headers
    );
    let text = r.text();
    assert_eq!(
        text.lines().next().unwrap(),
        marsad_store::events::CSV_COLUMNS.join(",")
    );
    assert_json_error(&get("/api/events?from=yesterday"), 400);
    assert_json_error(&get("/api/events?root=abc"), 400);
}

/// The events a filter lists (all of them: the sample has fewer than the JSON limit).
fn listed(filter: &str) -> Vec<Value> {
    let r = get(&format!("/api/events?limit=1000&{filter}"));
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()["events"].as_array().unwrap().clone()
}

#[test]
fn map_and_timeline_count_what_the_event_list_lists() {
    for filter in [
        String::new(),
        "root=02,19".to_string(),
        format!("q={}", enc("قره باغ")),
        "from=2017-01-01&to=2017-01-31".to_string(),
    ] {
        let events = listed(&filter);
        assert!(!events.is_empty() || filter.starts_with("from"), "{filter}");
        let map = get(&format!("/api/events/map?{filter}")).json();
        assert_eq!(
            map["total"].as_u64().unwrap(),
            events.len() as u64,
            "{filter}"
        );
        // Each country on the map opens exactly its count of events.
        for c in map["countries"].as_array().unwrap() {
            let iso = c["country"].as_str().unwrap();
            let sep = if filter.is_empty() { "" } else { "&" };
            let of = listed(&format!("{filter}{sep}place_country={iso}"));
            assert_eq!(
                of.len() as u64,
                c["count"].as_u64().unwrap(),
                "{filter} {iso}"
            );
        }
        let placed: u64 = map["points"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["count"].as_u64().unwrap())
            .sum();
        assert_eq!(
            placed + map["unplaced"].as_u64().unwrap(),
            events.len() as u64
        );
        for by in ["day", "week"] {
            let t = get(&format!("/api/events/timeline?by={by}&{filter}")).json();
            let mut in_buckets = 0;
            for b in t["buckets"].as_array().unwrap() {
                in_buckets += b["total"].as_u64().unwrap();
                if by == "day" {
                    // A peak's click: the events of that day.
                    let day = b["start"].as_str().unwrap();
                    let sep = if filter.is_empty() { "" } else { "&" };
                    let of = listed(&format!("{filter}{sep}date={day}"));
                    assert_eq!(of.len() as u64, b["total"].as_u64().unwrap(), "{day}");
                }
            }
            let undated = events.iter().filter(|e| e["date"].is_null()).count() as u64;
            assert_eq!(t["undated"].as_u64().unwrap(), undated, "{filter}");
            assert_eq!(in_buckets + undated, events.len() as u64, "{filter} {by}");
        }
    }
    let t = get("/api/events/timeline?by=week&split=root").json();
    let b = &t["buckets"][0];
    assert!(
        b["start"].as_str().is_some()
            && b["counts"]
                .as_object()
                .unwrap()
                .keys()
                .all(|k| k.len() == 2),
        "{t}"
    );
    assert_json_error(&get("/api/events/timeline?by=month"), 400);
    assert_json_error(&get("/api/events/timeline?split=actor"), 400);
    assert_json_error(&get("/api/events/map?quad=7"), 400);
}

#[test]
fn every_event_has_an_english_line() {
    for e in listed("") {
        let line = e["summary_en"].as_str().unwrap();
        assert!(
            line.contains(" — ") && line.contains(e["code"].as_str().unwrap()),
            "{line}"
        );
        assert!(
            !line.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)),
            "{line}"
        );
    }
    let call = listed("root=04&actor=RUS");
    assert!(
        call.iter().any(|e| e["summary_en"]
            .as_str()
            .unwrap()
            .starts_with("Russia (government: Vladimir Putin) — Discuss by telephone")),
        "{call:?}"
    );
}

#[test]
fn stories_list_and_detail() {
    let v = get("/api/stories?limit=500").json();
    let stories = v["stories"].as_array().unwrap();
    assert!(!stories.is_empty());
    // The seed article is in some story, and that story lists it among its articles.
    let seed = stories
        .iter()
        .find_map(|s| {
            let d = get(&format!("/api/stories/{}", s["id"].as_str().unwrap())).json();
            d["articles_list"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a["title"].as_str().unwrap_or("").contains("قره باغ"))
                .then_some(d)
        })
        .expect("a story with the seed article");
    assert!(!seed["event_list"].as_array().unwrap().is_empty());
    assert_json_error(&get("/api/stories/ffffffffffffffff"), 404);
    assert_eq!(get("/stories/1").status, 200);
}

#[test]
fn limits_and_errors_are_json() {
    assert_json_error(&get(&format!("/api/search?q={}", "a".repeat(1001))), 400);
    assert_json_error(&get("/api/search?q=x&limit=101"), 400);
    assert_json_error(&get("/api/search?q=x&limit=abc"), 400);
    assert_json_error(&get("/api/search?q=%22unclosed&offset=-1"), 400);
    assert_eq!(get("/nope").status, 404);
    assert!(get("/nope").header("content-type").starts_with("text/html"));
    assert_json_error(&get("/api/nope"), 404);
    assert_json_error(
        &request(servers().with_token, "DELETE", "/api/health", &[], b""),
        405,
    );
    assert_json_error(&get("/api/search?q=published:2017-13-45"), 400);
}

#[test]
fn hostile_article_is_stored_and_rendered_as_text() {
    let s = servers();
    let body = serde_json::json!({
        "id": "hostile-1",
        "title": "<script>alert(1)</script> عنوان <img src=x onerror=alert(1)>",
        "text": "مقدمة عن أذربيجان <script>alert(1)</script>\nفقرة ثانية <img src=x onerror=alert(1)> عن بوتين",
        "published": "2020-10-01",
        "source": "<b>evil</b>",
        "url": "javascript:alert(1)",
        "tags": ["<script>"],
    })
    .to_string();
    let r = post(s.with_token, Some(TOKEN), &body);
    assert!(r.status == 201 || r.status == 200, "{}", r.text());
    let v = r.json();
    let id = v["articles"][0]["id"].as_str().unwrap().to_string();

    // The API returns it as data, exactly.
    let a = get(&format!("/api/articles/{id}"));
    assert!(a.header("content-type").starts_with("application/json"));
    assert_eq!(a.header("x-content-type-options"), "nosniff");
    let av = a.json();
    assert!(av["article"]["title"]
        .as_str()
        .unwrap()
        .contains("<script>alert(1)</script>"));

    // Search sees it (handles reload after a write); its snippet is escaped.
    let r = get(&format!("/api/search?q={}", enc("alert")));
    let v = r.json();
    let hit = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["id"] == id.as_str())
        .unwrap_or_else(|| panic!("{v}"));
    let snippet = hit["snippet"].as_str().unwrap();
    assert!(
        !snippet.contains("<script") && !snippet.contains("<img"),
        "{snippet}"
    );
    let tags = snippet.replace("<b>", "").replace("</b>", "");
    assert!(
        !tags.contains('<'),
        "snippet has tags other than <b>: {snippet}"
    );

    // No HTML the server renders carries the payload.
    for path in [
        format!("/articles/{id}"),
        "/".to_string(),
        format!("/?q={}", enc("<script>alert(1)</script>")),
    ] {
        let page = get(&path);
        assert_eq!(page.status, 200);
        assert!(page.header("content-type").starts_with("text/html"));
        assert!(page
            .header("content-security-policy")
            .contains("script-src 'self'"));
        let html = page.text();
        assert!(
            !html.contains("alert(1)") && !html.contains("<img"),
            "{path}: {html}"
        );
        assert!(html.contains(r#"dir="rtl""#) && html.contains(r#"lang="ar""#));
    }
}

#[test]
fn ingest_needs_a_token_and_a_small_body() {
    let s = servers();
    let one = r#"{"title": "عنوان", "text": "نص قصير عن القاهرة"}"#;
    assert_json_error(&post(s.with_token, None, one), 401);
    assert_json_error(&post(s.with_token, Some("wrong"), one), 401);
    let r = post(s.without_token, Some(TOKEN), one);
    assert_json_error(&r, 403);
    assert!(r.json()["error"]
        .as_str()
        .unwrap()
        .contains("ingest over HTTP is off"));
    assert_json_error(&post(s.with_token, Some(TOKEN), "{not json"), 400);
    assert_json_error(&post(s.with_token, Some(TOKEN), "42"), 400);
    assert_json_error(
        &post(s.with_token, Some(TOKEN), r#"{"title": "no body"}"#),
        400,
    );

    // Oversize: refused from Content-Length before the upload (the client waits for 100-continue).
    let auth = format!("Bearer {TOKEN}");
    let big = (2 * 1024 * 1024).to_string();
    let r = request(
        s.with_token,
        "POST",
        "/api/articles",
        &[
            ("Authorization", &auth),
            ("Content-Type", "application/json"),
            ("Content-Length", &big),
            ("Expect", "100-continue"),
        ],
        b"",
    );
    assert_json_error(&r, 413);
    // Oversize without Content-Length (chunked): cut while reading.
    let mut chunked = Vec::new();
    let piece = vec![b' '; 256 * 1024];
    for _ in 0..5 {
        chunked.extend_from_slice(format!("{:x}\r\n", piece.len()).as_bytes());
        chunked.extend_from_slice(&piece);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let r = request(
        s.with_token,
        "POST",
        "/api/articles",
        &[
            ("Authorization", &auth),
            ("Content-Type", "application/json"),
            ("Transfer-Encoding", "chunked"),
        ],
        &chunked,
    );
    assert_json_error(&r, 413);

    // An array of two, one already stored: 201 with one duplicate.
    let arr = r#"[{"id": "a1", "title": "خبر", "text": "اجتمع وزير الخارجية المصري في القاهرة"},
                  {"id": "a2", "title": "خبر", "text": "اجتمع وزير الخارجية المصري في القاهرة"}]"#;
    let r = post(s.with_token, Some(TOKEN), arr);
    assert_eq!(r.status, 201, "{}", r.text());
    let v = r.json();
    assert_eq!(v["stored"], 1);
    assert_eq!(v["duplicates"], 1);
}

#[test]
fn token_comes_from_a_file() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let f = dir.join("marsad-server-token");
    std::fs::write(&f, "  s3cret \n").unwrap();
    assert_eq!(
        ServeConfig::token_from(Some(&f)).unwrap().as_deref(),
        Some("s3cret")
    );
    assert!(ServeConfig::token_from(Some(&dir.join("missing-token-file"))).is_err());
}

#[test]
fn openapi_lists_every_route() {
    let r = get("/api/openapi.json");
    assert_eq!(r.status, 200);
    let doc = r.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    for (method, path) in API_ROUTES {
        assert!(
            paths.get(*path).and_then(|p| p.get(*method)).is_some(),
            "{method} {path} missing from openapi.json"
        );
    }
    for (path, item) in paths {
        for method in item.as_object().unwrap().keys() {
            assert!(
                API_ROUTES.contains(&(method.as_str(), path.as_str())),
                "openapi.json has {method} {path}, the server does not"
            );
        }
    }
    // Every documented GET answers (not the 404 fallback "no such route").
    for (method, path) in API_ROUTES {
        if *method != "get" {
            continue;
        }
        let r = get(&path.replace("{id}", "country:AZE"));
        let fallback = r.status == 404 && r.text().contains("no such route");
        assert!(!fallback, "{path} is not routed");
    }
}

#[test]
fn page_and_assets() {
    for path in [
        "/",
        "/events",
        "/entities",
        "/stories",
        "/entities/country:AZE",
        "/articles/x",
    ] {
        let r = get(path);
        assert_eq!(r.status, 200, "{path}");
        assert!(r.text().contains("/static/app.js"));
    }
    let js = get("/static/app.js");
    assert!(js.header("content-type").starts_with("text/javascript"));
    assert!(
        js.body.len() < 100 * 1024,
        "script is {} bytes",
        js.body.len()
    );
    assert!(
        !js.text().contains("innerHTML"),
        "the page must not use innerHTML"
    );
    assert_eq!(get("/static/style.css").status, 200);
    for path in ["/static/../Cargo.toml", "/static/%2e%2e/Cargo.toml"] {
        let r = get(path);
        assert_eq!(r.status, 404, "{path}");
        assert!(!r.text().contains("[package]"), "{path}");
    }
}

#[test]
fn page_scripts_and_world_outlines() {
    let shell = get("/").text();
    let scripts: Vec<&str> = shell
        .split("<script src=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    assert_eq!(
        scripts,
        [
            "/static/dom.js",
            "/static/i18n.js",
            "/static/events.js",
            "/static/map.js",
            "/static/timeline.js",
            "/static/app.js"
        ]
    );
    for s in scripts {
        let js = get(s);
        assert_eq!(js.status, 200, "{s}");
        assert!(js.header("content-type").starts_with("text/javascript"));
        assert!(
            !js.text().contains("innerHTML"),
            "{s} must not use innerHTML"
        );
    }
    let world = get("/static/world.json");
    assert!(world.header("content-type").starts_with("application/json"));
    let w: serde_json::Value = serde_json::from_str(&world.text()).unwrap();
    let countries = w["countries"].as_array().unwrap();
    assert!(countries.len() > 170, "{} countries", countries.len());
    let iso3: std::collections::HashSet<&str> = countries
        .iter()
        .map(|c| c["iso3"].as_str().unwrap())
        .collect();
    for c in ["AZE", "ARM", "USA", "LBY", "PSE", "SOM", "XKX"] {
        assert!(iso3.contains(c), "{c} has an outline");
    }
    assert!(world.body.len() < 100 * 1024, "{} bytes", world.body.len());
}

#[test]
fn concurrent_searches() {
    let addr = servers().with_token;
    let threads: Vec<_> = (0..24)
        .map(|i| {
            std::thread::spawn(move || {
                let q = ["اذربيجان", "بوتين", "الرئيس", "entity:country:RUS"][i % 4];
                request(
                    addr,
                    "GET",
                    &format!("/api/search?q={}&facets=1", enc(q)),
                    &[],
                    b"",
                )
                .status
            })
        })
        .collect();
    for t in threads {
        assert_eq!(t.join().unwrap(), 200);
    }
}
