//! `marsad watch --once` killed (SIGKILL) mid-poll and run again, against the watcher's local
//! fixture server: every article ends in the store exactly once, none is lost, and the index
//! holds them all. No network.

// Test helpers outside #[test] functions: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../../marsad-watch/tests/fixture/mod.rs"]
mod fixture;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fixture::{changing_page, rss, Site};
use marsad_store::{ItemOutcome, Store};
use serde_json::Value;

/// Items in the feed: more than two of the watcher's store batches (8).
const N: usize = 20;

fn watch_once(data: &Path, feed: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_marsad"));
    cmd.arg("--data")
        .arg(data)
        .args(["watch", "--feed", feed, "--once", "--json"])
        .args(["--delay-ms", "0", "--retries", "0", "--timeout", "10"]);
    cmd
}

fn page_requests(site: &Site) -> usize {
    let log = site.log.lock().unwrap();
    log.iter().filter(|(p, _)| p.starts_with("/a/")).count()
}

/// Starts a run and SIGKILLs it once the server has seen `more` further page requests.
fn kill_after(data: &Path, site: &Site, feed: &str, more: usize) {
    let target = page_requests(site) + more;
    let mut child: Child = watch_once(data, feed)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while page_requests(site) < target {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run ended before it was killed"
        );
        assert!(start.elapsed() < Duration::from_secs(120), "no progress");
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL on Unix: no cleanup runs.
    child.wait().unwrap();
}

fn stored(data: &Path) -> u64 {
    Store::open(data).unwrap().stats().unwrap().articles
}

#[test]
fn killing_the_watcher_mid_poll_loses_nothing_and_duplicates_nothing() {
    let site = Site::start();
    let paths: Vec<String> = (0..N).map(|i| format!("/a/{i}")).collect();
    for (i, path) in paths.iter().enumerate() {
        // A slow host: each page takes a while, so the kill lands mid-poll.
        let mut route = changing_page(i);
        route.delay = Duration::from_millis(60);
        site.route(path, route);
    }
    let items: Vec<(&str, &str)> = paths.iter().map(|p| ("خبر", p.as_str())).collect();
    site.route("/rss", rss(&site, &items));
    let feed = site.url("/rss");
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");

    // Killed with the first batch stored and the second half fetched.
    kill_after(&data, &site, &feed, 12);
    let first = stored(&data);
    assert!((8..N as u64).contains(&first), "{first} stored");
    // Killed again a few pages into the rest.
    kill_after(&data, &site, &feed, 3);
    assert!(stored(&data) >= first);

    let out = watch_once(&data, &feed).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    let done = r["new"].as_u64().unwrap() + r["duplicate"].as_u64().unwrap();
    assert_eq!(done + r["seen"].as_u64().unwrap(), N as u64, "{r}");
    assert!(r["failed"].as_array().unwrap().is_empty(), "{r}");

    let store = Store::open(&data).unwrap();
    let stats = store.stats().unwrap();
    assert_eq!((stats.articles, stats.indexed), (N as u64, N as u64));
    for (i, path) in paths.iter().enumerate() {
        let a = store.find(&site.url(path)).unwrap().unwrap();
        assert!(a.title.ends_with(&format!("({i})")), "{}", a.title);
    }
    let recorded = store.feed_items(&feed).unwrap();
    assert_eq!(recorded.len(), N);
    assert!(recorded
        .iter()
        .all(|i| !matches!(i.outcome, ItemOutcome::Failed(_))));
    drop(store);

    // A further run fetches nothing and adds nothing.
    let before = page_requests(&site);
    let out = watch_once(&data, &feed).output().unwrap();
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (r["new"].as_u64(), r["seen"].as_u64()),
        (Some(0), Some(N as u64)),
        "{r}"
    );
    assert_eq!(page_requests(&site), before);
    assert_eq!(stored(&data), N as u64);
}
