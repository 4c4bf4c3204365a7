//! Hostile input on every route: path traversal, query-parser bombs (10k terms, deep nesting,
//! a 1 MB query), invalid UTF-8, huge page numbers, wrong methods, bad bodies. Each case says
//! whether the server must refuse it (a 4xx with a one-line reason) or may answer it (a 2xx: a
//! well-formed request with odd content); either way never a 5xx, never a hang, never a file.
//! Also: the rate limit, the HTML 404, CORS off, and the security headers on every answer.
//! `HOSTILE_REPORT=FILE` writes the number of cases tried (for the README's reliability table).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::{Duration, Instant};

use common::*;
use marsad_server::API_ROUTES;

/// One hostile request: method, target, extra headers, body, and whether it must be refused.
struct Case {
    method: &'static str,
    target: String,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
    refuse: bool,
}

fn case(method: &'static str, target: impl Into<String>, refuse: bool) -> Case {
    Case {
        method,
        target: target.into(),
        headers: Vec::new(),
        body: Vec::new(),
        refuse,
    }
}

fn post_case(body: Vec<u8>, refuse: bool) -> Case {
    let mut c = case("POST", "/api/articles", refuse);
    c.headers = vec![
        ("Authorization", format!("Bearer {TOKEN}")),
        ("Content-Type", "application/json".to_string()),
    ];
    c.body = body;
    c
}

const TRAVERSALS: &[&str] = &[
    "..%2F..%2F..%2Fetc%2Fpasswd",
    "..%2f..%2fCargo.toml",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "....%2F%2F....%2F%2Fetc%2Fpasswd",
    "%252e%252e%252fetc%252fpasswd",
    "..%5C..%5Cwindows%5Cwin.ini",
    "%00",
    "x%00.json",
];

/// Every `{id}` route, with each traversal and with ids that are not UTF-8 or too long.
fn id_cases(out: &mut Vec<Case>) {
    let id_routes = API_ROUTES
        .iter()
        .map(|(_, p)| *p)
        .chain(marsad_server::PAGE_ROUTES.iter().copied())
        .filter(|p| p.contains("{id}"));
    for route in id_routes {
        let is_api = route.starts_with("/api/");
        for t in TRAVERSALS {
            // A page route serves the shell for any id (the script asks the API); the API
            // finds no such article, entity or story.
            out.push(case("GET", route.replace("{id}", t), is_api));
        }
        out.push(case("GET", route.replace("{id}", "%FF%FE"), true));
        out.push(case("GET", route.replace("{id}", "%C0%AF"), true));
        out.push(case("GET", route.replace("{id}", &"9".repeat(600)), is_api));
        out.push(case(
            "GET",
            route.replace("{id}", "'%3B%20DROP%20TABLE%20articles%3B--"),
            is_api,
        ));
    }
    for t in TRAVERSALS {
        out.push(case("GET", format!("/static/{t}"), true));
        out.push(case("GET", format!("/{t}"), true));
        out.push(case("GET", format!("/api/{t}"), true));
    }
    out.push(case("GET", "/static/../../../../etc/passwd", true));
    out.push(case("GET", "/static/app.js/../../Cargo.toml", true));
}

/// Query-parser bombs and page numbers on search; odd parameters on the other list routes.
fn query_cases(out: &mut Vec<Case>) {
    let terms = |n: usize| vec![enc("قصف"); n].join("+");
    out.push(case(
        "GET",
        format!("/api/search?q={}", terms(10_000)),
        true,
    ));
    out.push(case(
        "GET",
        format!("/api/search?q={}", "a".repeat(1 << 20)),
        true,
    ));
    let nested = format!("{}x{}", "(".repeat(400), ")".repeat(400));
    out.push(case(
        "GET",
        format!("/api/search?q={}", enc(&nested)),
        false,
    ));
    out.push(case(
        "GET",
        format!("/api/search?q={}", enc(&"\"".repeat(999))),
        false,
    ));
    out.push(case(
        "GET",
        format!("/api/search?q={}", enc(&"«".repeat(999))),
        false,
    ));
    out.push(case(
        "GET",
        format!("/api/search?q={}", enc(&"+-".repeat(499))),
        false,
    ));
    out.push(case(
        "GET",
        format!("/api/search?q={}", enc(&"entity:x ".repeat(110))),
        false,
    ));
    out.push(case(
        "GET",
        format!("/api/search?q={}", enc(&"published:2020 ".repeat(60))),
        false,
    ));
    out.push(case(
        "GET",
        format!("/api/search?q={}", enc(&"source:\"a\" ".repeat(90))),
        false,
    ));
    out.push(case(
        "GET",
        format!("/api/search?q={}", enc(&"*?~^:\\[]{}".repeat(99))),
        false,
    ));
    out.push(case(
        "GET",
        format!("/api/search?q={}", enc("published:99999-99-99")),
        true,
    ));
    out.push(case(
        "GET",
        format!("/api/search?q={}", enc("published:2020..")),
        false,
    ));
    for bad in ["%FF", "%C0%AF", "%ED%A0%80", "a%F0%9F"] {
        out.push(case("GET", format!("/api/search?q={bad}"), true));
        out.push(case("GET", format!("/api/events?actor={bad}"), true));
        out.push(case("GET", format!("/api/entities?type={bad}"), true));
        out.push(case("GET", format!("/?q={bad}"), true));
    }
    for n in [
        "18446744073709551616",
        "99999999999999999999999999",
        "-1",
        "1e9",
        "10001",
        "0x10",
    ] {
        out.push(case("GET", format!("/api/search?q=x&offset={n}"), true));
        out.push(case("GET", format!("/api/search?q=x&limit={n}"), true));
        out.push(case("GET", format!("/api/entities?limit={n}"), true));
        out.push(case("GET", format!("/api/stories?limit={n}"), true));
        out.push(case("GET", format!("/api/events?limit={n}"), true));
        out.push(case(
            "GET",
            format!("/api/events.csv?limit={n}"),
            n != "10001",
        ));
    }
    out.push(case("GET", "/api/search?q=x&offset=10000&limit=100", false));
    out.push(case(
        "GET",
        format!("/api/search?{}", "a=1&".repeat(3000)),
        false,
    ));
    out.push(case(
        "GET",
        format!("/api/search?{}", "a=1&".repeat(10_000)),
        true,
    ));
    out.push(case("GET", "/api/events?from=2020-02-30", true));
    out.push(case("GET", "/api/events?to=99999-01-01", true));
    out.push(case(
        "GET",
        format!("/api/events?root={}", "01,".repeat(3000)),
        false,
    ));
    out.push(case("GET", "/api/events?root=999", true));
    out.push(case(
        "GET",
        format!("/api/events?actor={}", "x".repeat(201)),
        true,
    ));
    out.push(case("GET", "/api/entities?type=%3Cscript%3E", true));
}

/// Wrong methods on every route; bodies that are not articles.
fn method_and_body_cases(out: &mut Vec<Case>) {
    for (_, route) in API_ROUTES {
        for m in ["PUT", "DELETE", "PATCH"] {
            out.push(case(m, route.replace("{id}", "x"), true));
        }
    }
    for route in marsad_server::PAGE_ROUTES {
        out.push(case("POST", route.replace("{id}", "x"), true));
    }
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    out.push(post_case(deep.into_bytes(), true));
    let deep_obj = "{\"a\":".repeat(50_000) + "1" + &"}".repeat(50_000);
    out.push(post_case(deep_obj.into_bytes(), true));
    out.push(post_case(vec![0xFF, 0xFE, b'{', b'}'], true));
    out.push(post_case(
        b"{\"title\": \"\\ud800\", \"text\": \"x\"}".to_vec(),
        true,
    ));
    out.push(post_case(
        b"{\"title\": 1, \"text\": {\"a\": [1]}}".to_vec(),
        true,
    ));
    let many = format!("[{}{{}}]", "{},".repeat(1000));
    out.push(post_case(many.into_bytes(), true));
    out.push(post_case(vec![b' '; 1024 * 1024 + 1], true));
    out.push(post_case(vec![0u8; 4096], true));
    out.push(post_case(Vec::new(), true));
    let mut wrong_type = post_case(b"{\"title\": \"t\", \"text\": \"x\"}".to_vec(), true);
    wrong_type.headers[0].1 = format!("Bearer {TOKEN}x");
    out.push(wrong_type);
}

fn all_cases() -> Vec<Case> {
    let mut out = Vec::new();
    id_cases(&mut out);
    query_cases(&mut out);
    method_and_body_cases(&mut out);
    out
}

/// The one-line reason of a refusal: a JSON error, or the HTML 404 page, or (a request target
/// over 64 KB or a head over ~400 KB, which hyper refuses before marsad sees them) the status
/// line alone.
fn assert_reason(r: &Res, what: &str) {
    if r.body.is_empty() && matches!(r.status, 414 | 431) {
        return;
    }
    if r.header("content-type").starts_with("text/html") {
        assert_eq!(r.status, 404, "{what}: an HTML error page is only the 404");
        return;
    }
    let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap_or_else(|e| {
        panic!(
            "{what}: {} not JSON ({e}): {:?} {}",
            r.status,
            r.headers,
            r.text()
        )
    });
    let reason = v["error"].as_str().unwrap_or("");
    assert!(
        !reason.is_empty() && !reason.contains('\n'),
        "{what}: reason {reason:?}"
    );
    assert_eq!(v["status"], r.status, "{what}");
}

#[test]
fn every_route_answers_hostile_input_without_a_5xx_or_a_hang() {
    let addr = servers().with_token;
    let cases = all_cases();
    let mut refused = 0;
    for c in &cases {
        let what = format!(
            "{} {}",
            c.method,
            c.target.chars().take(120).collect::<String>()
        );
        let headers: Vec<(&str, &str)> = c.headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let t = Instant::now();
        let r = request(addr, c.method, &c.target, &headers, &c.body);
        let took = t.elapsed();
        assert!(took < Duration::from_secs(10), "{what}: took {took:?}");
        assert!(r.status < 500, "{what}: {} {}", r.status, r.text());
        for secret in ["root:x:", "[package]", "[fonts]"] {
            assert!(!r.text().contains(secret), "{what}: leaked a file");
        }
        if c.refuse {
            assert!(
                (400..500).contains(&r.status),
                "{what}: {} {}",
                r.status,
                r.text()
            );
            assert_reason(&r, &what);
            refused += 1;
        } else {
            assert!(
                (200..300).contains(&r.status),
                "{what}: {} {}",
                r.status,
                r.text()
            );
        }
    }
    eprintln!(
        "hostile inputs: {} tried, {refused} refused with a 4xx",
        cases.len()
    );
    if let Ok(path) = std::env::var("HOSTILE_REPORT") {
        std::fs::write(path, format!("{} {refused}\n", cases.len())).unwrap();
    }
    assert!(cases.len() >= 150, "{} cases", cases.len());
    // The server still answers normally afterwards.
    assert_eq!(get("/api/health").status, 200);
}

#[test]
fn raw_bytes_that_are_not_http_get_a_4xx() {
    use std::io::{Read, Write};
    let addr = servers().with_token;
    for raw in [
        &b"GET /api/search?q=\xff\xfe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"[..],
        b"GET /\x00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n",
    ] {
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        s.write_all(raw).unwrap();
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        let head = String::from_utf8_lossy(&out);
        // hyper refuses what is not HTTP before marsad sees it: a 400 or a closed connection.
        assert!(
            out.is_empty() || head.starts_with("HTTP/1.1 4"),
            "{:?}: {head}",
            String::from_utf8_lossy(raw)
        );
    }
    // A header block over hyper's buffer: refused, not buffered without end.
    let cookie = "a".repeat(512 * 1024);
    let r = request(addr, "GET", "/api/health", &[("Cookie", &cookie)], b"");
    assert!((400..500).contains(&r.status), "{}", r.status);
}

#[test]
fn unknown_pages_are_html_and_unknown_api_paths_json() {
    let r = get("/no/such/page");
    assert_eq!(r.status, 404);
    assert!(
        r.header("content-type").starts_with("text/html"),
        "{:?}",
        r.headers
    );
    assert!(r.text().contains(r#"dir="rtl""#) && r.text().contains("<a href=\"/\">"));
    // The page echoes nothing of the request.
    let r = get("/%3Cscript%3Ealert(1)%3C/script%3E");
    assert_eq!(r.status, 404);
    assert!(!r.text().contains("alert(1)") && !r.text().contains("<script"));
    assert_json_error(&get("/api/no/such/route"), 404);
    assert_json_error(&get("/api"), 404);
}

#[test]
fn cors_is_off_and_every_answer_has_the_security_headers() {
    let addr = servers().with_token;
    let origin = [("Origin", "https://evil.example")];
    let id = seed_id();
    let mut answers = vec![
        request(addr, "GET", "/api/health", &origin, b""),
        request(addr, "GET", &format!("/api/articles/{id}"), &origin, b""),
        request(addr, "GET", "/", &origin, b""),
        request(addr, "GET", "/static/app.js", &origin, b""),
        request(addr, "GET", "/no/such/page", &origin, b""),
        request(addr, "GET", "/api/nope", &origin, b""),
        request(addr, "GET", "/api/search?q=x&limit=999", &origin, b""),
        request(addr, "GET", "/api/search?q=%FF", &origin, b""),
        request(
            addr,
            "GET",
            &format!("/api/search?q={}", "a".repeat(20_000)),
            &origin,
            b"",
        ),
        request(addr, "DELETE", "/api/health", &origin, b""),
        request(addr, "POST", "/api/articles", &origin, b"{}"),
    ];
    let preflight = [
        ("Origin", "https://evil.example"),
        ("Access-Control-Request-Method", "POST"),
        ("Access-Control-Request-Headers", "authorization"),
    ];
    let r = request(addr, "OPTIONS", "/api/articles", &preflight, b"");
    assert!((400..500).contains(&r.status), "preflight: {}", r.status);
    answers.push(r);
    for r in &answers {
        for h in [
            "content-security-policy",
            "x-content-type-options",
            "referrer-policy",
            "x-frame-options",
            "cross-origin-opener-policy",
            "cross-origin-resource-policy",
        ] {
            assert!(
                !r.header(h).is_empty(),
                "{} lacks {h}: {:?}",
                r.status,
                r.headers
            );
        }
        assert!(
            r.headers.keys().all(|k| !k.starts_with("access-control-")),
            "CORS header on a {}: {:?}",
            r.status,
            r.headers
        );
    }
}

#[test]
fn the_rate_limit_answers_429_with_retry_after() {
    let config = marsad_server::ServeConfig {
        rate_limit: 2,
        rate_burst: 5,
        ..config(None)
    };
    // The harness's store is built once per binary; this server reads it too.
    let _ = servers();
    let addr = start_with(&store_dir(), config);
    let statuses: Vec<u16> = (0..8)
        .map(|_| request(addr, "GET", "/api/health", &[], b"").status)
        .collect();
    assert_eq!(&statuses[..5], &[200; 5], "{statuses:?}");
    let r = request(addr, "GET", "/api/health", &[], b"");
    assert_json_error(&r, 429);
    assert!(r.header("retry-after").parse::<u64>().unwrap() >= 1);
    // The bucket refills at the rate.
    std::thread::sleep(Duration::from_millis(1100));
    assert_eq!(request(addr, "GET", "/api/health", &[], b"").status, 200);
}

#[test]
fn a_client_that_dribbles_its_headers_is_cut_off() {
    use std::io::{Read, Write};
    let config = marsad_server::ServeConfig {
        header_timeout: Duration::from_secs(1),
        ..config(None)
    };
    let _ = servers();
    let addr = start_with(&store_dir(), config);
    // A request line and one header, then nothing more (slowloris): closed after the deadline.
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(b"GET /api/health HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    let start = Instant::now();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let waited = start.elapsed();
    assert!(
        waited >= Duration::from_millis(900) && waited < Duration::from_secs(5),
        "closed after {waited:?}"
    );
    let head = String::from_utf8_lossy(&out);
    assert!(out.is_empty() || head.starts_with("HTTP/1.1 408"), "{head}");
    // A whole request in time is answered as usual.
    assert_eq!(request(addr, "GET", "/api/health", &[], b"").status, 200);
}
