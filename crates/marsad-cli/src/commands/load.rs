//! `marsad bench load`: the server under concurrent reads and writes, on loopback. PATHs are
//! ingested into a temporary store, `marsad serve` runs on it as a child process (rate limit
//! off, a token set), then N clients search for `--seconds` (reads alone), then the same clients
//! search while W clients POST new articles for `--seconds` more. Reported: requests, errors,
//! search p50/p99 for both phases, articles POSTed, and whether each is found by search exactly
//! once afterwards (lost, duplicated).
//!
//! Not a unit test: figures depend on the machine; the command prints them, CI runs it short.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use serde::Serialize;
use serde_json::{json, Value};

const TOKEN: &str = "bench-load-token";

#[derive(clap::Args)]
pub struct LoadArgs {
    /// Articles for the store (ingested with entities and events) and for the POSTed ones.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Searching clients.
    #[arg(long, default_value_t = 64)]
    readers: usize,
    /// POSTing clients (one article per request).
    #[arg(long, default_value_t = 4)]
    writers: usize,
    /// Seconds of each phase (reads alone, then reads with writes).
    #[arg(long, default_value_t = 60)]
    seconds: u64,
    /// Store read handles of the server (`marsad serve --readers`).
    #[arg(long, default_value_t = 4)]
    server_readers: usize,
    #[arg(long)]
    json: bool,
}

#[derive(Serialize, Default)]
struct Phase {
    searches: usize,
    errors: usize,
    p50_ms: f64,
    p99_ms: f64,
    max_ms: f64,
    posts: usize,
    post_errors: usize,
    post_p99_ms: f64,
}

#[derive(Serialize)]
struct LoadReport {
    readers: usize,
    writers: usize,
    seconds: u64,
    store_articles: u64,
    read_only: Phase,
    under_writes: Phase,
    posted: usize,
    found_once: usize,
    lost: usize,
    duplicated: usize,
    cores: usize,
}

/// One keep-alive HTTP/1.1 connection; reconnects after a closed one.
struct Client {
    addr: SocketAddr,
    conn: Option<BufReader<TcpStream>>,
}

impl Client {
    fn new(addr: SocketAddr) -> Client {
        Client { addr, conn: None }
    }

    /// Status and body of one request.
    fn send(&mut self, method: &str, target: &str, body: &[u8]) -> anyhow::Result<(u16, Vec<u8>)> {
        if self.conn.is_none() {
            let s = TcpStream::connect(self.addr)?;
            s.set_read_timeout(Some(Duration::from_secs(30)))?;
            s.set_nodelay(true)?;
            self.conn = Some(BufReader::new(s));
        }
        let r = self.exchange(method, target, body);
        if r.is_err() {
            self.conn = None;
        }
        r
    }

    fn exchange(
        &mut self,
        method: &str,
        target: &str,
        body: &[u8],
    ) -> anyhow::Result<(u16, Vec<u8>)> {
        let conn = self.conn.as_mut().context("no connection")?;
        let mut head = format!("{method} {target} HTTP/1.1\r\nHost: bench\r\n");
        if !body.is_empty() {
            head.push_str(&format!(
                "Authorization: Bearer {TOKEN}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
                body.len()
            ));
        }
        head.push_str("\r\n");
        let s = conn.get_mut();
        s.write_all(head.as_bytes())?;
        s.write_all(body)?;
        let mut line = String::new();
        conn.read_line(&mut line)?;
        let status: u16 = line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .with_context(|| format!("bad status line {line:?}"))?;
        let mut length = 0usize;
        let mut close = false;
        loop {
            line.clear();
            conn.read_line(&mut line)?;
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':') {
                let k = k.trim().to_ascii_lowercase();
                if k == "content-length" {
                    length = v.trim().parse()?;
                } else if k == "connection" && v.trim().eq_ignore_ascii_case("close") {
                    close = true;
                } else if k == "transfer-encoding" {
                    bail!("chunked responses are not read by this client");
                }
            }
        }
        let mut out = vec![0; length];
        conn.read_exact(&mut out)?;
        if close {
            self.conn = None;
        }
        Ok((status, out))
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// Search clients until `stop`: latencies (ms) of successful searches and the error count.
fn search_loop(
    addr: SocketAddr,
    queries: Arc<Vec<String>>,
    first: usize,
    stop: Arc<AtomicBool>,
) -> (Vec<f64>, usize) {
    let mut c = Client::new(addr);
    let (mut lat, mut errors) = (Vec::new(), 0);
    let mut i = first;
    while !stop.load(Ordering::Relaxed) {
        let q = &queries[i % queries.len()];
        i += 1;
        let t = Instant::now();
        match c.send("GET", &format!("/api/search?limit=10&q={q}"), b"") {
            Ok((200, _)) => lat.push(t.elapsed().as_secs_f64() * 1e3),
            _ => errors += 1,
        }
    }
    (lat, errors)
}

/// A POSTing client: one new article per request, each with a marker word of its own; returns
/// the markers stored, latencies and the error count.
fn post_loop(
    addr: SocketAddr,
    paras: Arc<Vec<String>>,
    w: usize,
    stop: Arc<AtomicBool>,
) -> (Vec<String>, Vec<f64>, usize) {
    let mut c = Client::new(addr);
    let (mut markers, mut lat, mut errors) = (Vec::new(), Vec::new(), 0);
    let mut k = 0usize;
    while !stop.load(Ordering::Relaxed) {
        k += 1;
        let marker = letters(w, k);
        let n = paras.len();
        let pick = |j: usize| paras[(w * 7919 + k * 104_729 + j * 15_485_863) % n].clone();
        let body = json!({
            "id": format!("bench-load-{w}-{k}"),
            "title": format!("{} {marker}", pick(0).chars().take(60).collect::<String>()),
            "paragraphs": [pick(1), pick(2), format!("رمز التحقق {marker}"), pick(3)],
            "published": "2021-01-01",
            "source": "bench",
        });
        let t = Instant::now();
        match c.send("POST", "/api/articles", body.to_string().as_bytes()) {
            Ok((201, b)) => {
                lat.push(t.elapsed().as_secs_f64() * 1e3);
                let v: Value = serde_json::from_slice(&b).unwrap_or(Value::Null);
                if v["stored"] == 1 {
                    markers.push(marker);
                } else {
                    errors += 1;
                }
            }
            _ => errors += 1,
        }
    }
    (markers, lat, errors)
}

fn phase(
    addr: SocketAddr,
    a: &LoadArgs,
    queries: &Arc<Vec<String>>,
    paras: &Arc<Vec<String>>,
    writers: usize,
) -> (Phase, Vec<String>) {
    let stop = Arc::new(AtomicBool::new(false));
    let readers: Vec<_> = (0..a.readers)
        .map(|i| {
            let (q, s) = (queries.clone(), stop.clone());
            std::thread::spawn(move || search_loop(addr, q, i * 3, s))
        })
        .collect();
    let posters: Vec<_> = (0..writers)
        .map(|w| {
            let (p, s) = (paras.clone(), stop.clone());
            std::thread::spawn(move || post_loop(addr, p, w, s))
        })
        .collect();
    std::thread::sleep(Duration::from_secs(a.seconds));
    stop.store(true, Ordering::Relaxed);
    let mut p = Phase::default();
    let mut lat = Vec::new();
    for r in readers {
        let (l, e) = r.join().unwrap_or_default();
        lat.extend(l);
        p.errors += e;
    }
    let (mut markers, mut post_lat) = (Vec::new(), Vec::new());
    for w in posters {
        let (m, l, e) = w.join().unwrap_or_default();
        markers.extend(m);
        post_lat.extend(l);
        p.post_errors += e;
    }
    lat.sort_by(f64::total_cmp);
    post_lat.sort_by(f64::total_cmp);
    p.searches = lat.len();
    p.p50_ms = percentile(&lat, 0.50);
    p.p99_ms = percentile(&lat, 0.99);
    p.max_ms = lat.last().copied().unwrap_or(0.0);
    p.posts = post_lat.len();
    p.post_p99_ms = percentile(&post_lat, 0.99);
    (p, markers)
}

/// Ingests PATHs into `dir` with `marsad ingest` (a child, as a user would).
fn build_store(dir: &Path, paths: &[PathBuf]) -> anyhow::Result<u64> {
    let exe = std::env::current_exe()?;
    let st = Command::new(&exe)
        .arg("--data")
        .arg(dir)
        .arg("ingest")
        .arg("--json")
        .args(paths)
        .stdout(Stdio::null())
        .status()?;
    if !st.success() {
        bail!("ingest of the bench corpus failed");
    }
    Ok(marsad_store::Store::open(dir)?.article_count()?)
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_server(dir: &Path, readers: usize) -> anyhow::Result<(Server, SocketAddr)> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse()?;
    let child = Command::new(std::env::current_exe()?)
        .arg("--data")
        .arg(dir)
        .args([
            "serve",
            "--rate-limit",
            "0",
            "--readers",
            &readers.to_string(),
        ])
        .args(["--addr", &addr.to_string()])
        .env("MARSAD_TOKEN", TOKEN)
        .stderr(Stdio::null())
        .spawn()?;
    let server = Server(child);
    let start = Instant::now();
    while Client::new(addr)
        .send("GET", "/api/health", b"")
        .ok()
        .map(|r| r.0)
        != Some(200)
    {
        if start.elapsed() > Duration::from_secs(60) {
            bail!("the server did not start");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok((server, addr))
}

/// Each POSTed marker searched for (near-duplicates included): found exactly once?
fn verify(addr: SocketAddr, markers: &[String]) -> (usize, usize, usize) {
    let mut c = Client::new(addr);
    let (mut once, mut lost, mut dup) = (0, 0, 0);
    for m in markers {
        let total = c
            .send(
                "GET",
                &format!("/api/search?duplicates=1&limit=5&q={m}"),
                b"",
            )
            .ok()
            .and_then(|(s, b)| (s == 200).then_some(b))
            .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
            .and_then(|v| v["total"].as_u64())
            .unwrap_or(0);
        match total {
            0 => lost += 1,
            1 => once += 1,
            _ => dup += 1,
        }
    }
    (once, lost, dup)
}

pub fn run(a: LoadArgs) -> anyhow::Result<ExitCode> {
    let tmp = tempfile::tempdir()?;
    let store_articles = build_store(tmp.path(), &a.paths)?;
    let (files, _) = marsad_ingest::walk(&a.paths);
    let paras: Vec<String> = files
        .iter()
        .take(2000)
        .flat_map(|f| marsad_ingest::read_file(f, marsad_ingest::Format::Auto))
        .flatten()
        .flat_map(|art| art.paragraphs)
        .filter(|p| p.len() > 80)
        .collect();
    if paras.is_empty() {
        bail!("no paragraphs in the bench corpus");
    }
    let queries: Vec<String> = super::bench::QUERIES
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(percent_encode)
        .collect();
    let (queries, paras) = (Arc::new(queries), Arc::new(paras));
    let (_server, addr) = start_server(tmp.path(), a.server_readers)?;
    let (read_only, _) = phase(addr, &a, &queries, &paras, 0);
    let (under_writes, markers) = phase(addr, &a, &queries, &paras, a.writers);
    // Read handles look for new batches every half second.
    std::thread::sleep(Duration::from_secs(1));
    let (found_once, lost, duplicated) = verify(addr, &markers);
    let r = LoadReport {
        readers: a.readers,
        writers: a.writers,
        seconds: a.seconds,
        store_articles,
        read_only,
        under_writes,
        posted: markers.len(),
        found_once,
        lost,
        duplicated,
        cores: super::ingest::default_threads(),
    };
    print_report(&r, a.json)?;
    let clean =
        r.read_only.errors + r.under_writes.errors + r.under_writes.post_errors + lost + duplicated
            == 0;
    Ok(if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn print_report(r: &LoadReport, json: bool) -> anyhow::Result<()> {
    if json {
        println!("{}", serde_json::to_string(r)?);
        return Ok(());
    }
    let (a, b) = (&r.read_only, &r.under_writes);
    println!(
        "{} searching clients, {} s alone: {} searches, {} errors, p50 {:.1} ms, p99 {:.1} ms",
        r.readers, r.seconds, a.searches, a.errors, a.p50_ms, a.p99_ms
    );
    println!(
        "same with {} POSTing clients, {} s: {} searches, {} errors, p50 {:.1} ms, p99 {:.1} ms; {} POSTs ({} errors, p99 {:.0} ms)",
        r.writers, r.seconds, b.searches, b.errors, b.p50_ms, b.p99_ms, b.posts, b.post_errors, b.post_p99_ms
    );
    println!(
        "{} articles POSTed: {} found by search exactly once, {} lost, {} duplicated (store had {}; {} cores)",
        r.posted, r.found_once, r.lost, r.duplicated, r.store_articles, r.cores
    );
    Ok(())
}

/// A word no article has, for writer `w`'s `k`th article: letters only, so the tokenizer keeps
/// it whole (digits would split it into pieces other articles share).
fn letters(w: usize, k: usize) -> String {
    let digits = format!("{w}x{k}");
    let tail: String = digits
        .bytes()
        .map(|b| {
            if b.is_ascii_digit() {
                (b'a' + (b - b'0')) as char
            } else {
                'q'
            }
        })
        .collect();
    format!("zqz{tail}")
}

fn percent_encode(s: &str) -> String {
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
