//! The harness of the server's tests: a store built from `data/sample` (read, analysed, stored
//! as `marsad ingest` does), the server on 127.0.0.1:0, and a minimal HTTP/1.1 client over
//! `TcpStream`. Each test binary uses part of it.

// Test helpers (not #[test] functions themselves) may unwrap: a failure is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use marsad_server::ServeConfig;
use serde_json::Value;

pub const TOKEN: &str = "test-token-1f2e3d";
pub const SEED: &str = "000_e6d7035163982f4c.txt";

pub struct Servers {
    /// HTTP ingest on (token configured).
    pub with_token: SocketAddr,
    /// HTTP ingest off.
    pub without_token: SocketAddr,
}

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn build_store(dir: &Path) {
    let _ = std::fs::remove_dir_all(dir);
    let (files, errors) = marsad_ingest::walk(&[repo_root().join("data/sample")]);
    assert!(errors.is_empty(), "{errors:?}");
    assert!(files.len() >= 30, "data/sample has {} files", files.len());
    let analyzer = marsad_analyze::Analyzer::load();
    let mut items = Vec::new();
    for f in &files {
        // The sample keeps one bad document (an empty body), reported and skipped as by `ingest`.
        for a in marsad_ingest::read_file(f, marsad_ingest::Format::Auto)
            .into_iter()
            .flatten()
        {
            items.push(analyzer.analyze(a));
        }
    }
    let mut store = marsad_store::Store::open(dir).expect("store opens");
    let mut ing = store.ingester(1).expect("writer");
    let report = ing.add_batch(&items).expect("batch stored");
    ing.finish().expect("finish");
    assert!(report.stored >= 30);
}

/// The test servers' settings: a 1 MB body limit and no rate limit (the tests share one address).
pub fn config(token: Option<&str>) -> ServeConfig {
    ServeConfig {
        token: token.map(str::to_string),
        max_body: 1024 * 1024,
        rate_limit: 0,
        ..Default::default()
    }
}

pub fn start(dir: &Path, token: Option<&str>) -> SocketAddr {
    start_with(dir, config(token))
}

/// The server on 127.0.0.1:0 as `marsad serve` runs it: its accept loop (client addresses known
/// to the router, request heads under a deadline), never shut down.
pub fn start_with(dir: &Path, config: ServeConfig) -> SocketAddr {
    let header_timeout = config.header_timeout;
    let app = marsad_server::router(dir, config).expect("router");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap()).unwrap();
            let forever = std::future::pending::<()>();
            marsad_server::serve_on(listener, app, header_timeout, forever).await;
        });
    });
    rx.recv_timeout(Duration::from_secs(30))
        .expect("server started")
}

/// This test binary's store, under target/tmp (one per binary: they may run at once).
pub fn store_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("marsad-server-{}", env!("CARGO_CRATE_NAME")))
}

pub fn servers() -> &'static Servers {
    static S: OnceLock<Servers> = OnceLock::new();
    S.get_or_init(|| {
        // A fixed directory under target/tmp, rebuilt on every run (nothing left in /tmp).
        let dir = store_dir();
        build_store(&dir);
        Servers {
            with_token: start(&dir, Some(TOKEN)),
            without_token: start(&dir, None),
        }
    })
}

pub struct Res {
    pub status: u16,
    pub headers: HashMap<String, String>,
    pub body: Vec<u8>,
}

impl Res {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(&name.to_ascii_lowercase())
            .map(String::as_str)
            .unwrap_or("")
    }
}

/// One HTTP/1.1 request with `Connection: close`; the response read to the end.
pub fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Res {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    if !body.is_empty()
        && !headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("content-length"))
    {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    // A server refusing a request early (413, 414, 431) may close before the upload ends: the
    // write fails, the response is still there to read (up to a reset, which ends the reading).
    let _ = s
        .write_all(head.as_bytes())
        .and_then(|()| s.write_all(body));
    let mut raw = Vec::new();
    let read = s.read_to_end(&mut raw);
    assert!(!raw.is_empty(), "no response to {method} {path}: {read:?}");
    parse_response(&raw)
}

pub fn parse_response(raw: &[u8]) -> Res {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("end of headers");
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: HashMap<String, String> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[end + 4..].to_vec();
    if headers
        .get("transfer-encoding")
        .is_some_and(|v| v.contains("chunked"))
    {
        let mut out = Vec::new();
        let mut rest = &body[..];
        loop {
            let nl = rest.windows(2).position(|w| w == b"\r\n").unwrap();
            let size =
                usize::from_str_radix(String::from_utf8_lossy(&rest[..nl]).trim(), 16).unwrap();
            if size == 0 {
                break;
            }
            out.extend_from_slice(&rest[nl + 2..nl + 2 + size]);
            rest = &rest[nl + 2 + size + 2..];
        }
        body = out;
    }
    Res {
        status,
        headers,
        body,
    }
}

pub fn get(path: &str) -> Res {
    request(servers().with_token, "GET", path, &[], b"")
}

pub fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub fn seed_id() -> String {
    let r = get(&format!("/api/search?q={}&limit=20", enc("اذربيجان")));
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    let hit = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["source_id"].as_str().unwrap().ends_with(SEED))
        .unwrap_or_else(|| panic!("seed article not among hits: {v}"));
    hit["id"].as_str().unwrap().to_string()
}

pub fn assert_json_error(r: &Res, status: u16) {
    assert_eq!(r.status, status, "{}", r.text());
    assert!(
        r.header("content-type").starts_with("application/json"),
        "{:?}",
        r.headers
    );
    let v = r.json();
    assert_eq!(v["status"], status, "{v}");
    assert!(v["error"].as_str().is_some_and(|e| !e.is_empty()), "{v}");
}

pub fn post(addr: SocketAddr, token: Option<&str>, body: &str) -> Res {
    let auth = token.map(|t| format!("Bearer {t}"));
    let mut h = vec![("Content-Type", "application/json")];
    if let Some(a) = &auth {
        h.push(("Authorization", a.as_str()));
    }
    request(addr, "POST", "/api/articles", &h, body.as_bytes())
}
