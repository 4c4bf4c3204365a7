//! Crash safety of `marsad ingest`, tested by killing it. The same corpus is ingested once
//! without interruption (the reference), then in episodes of five SIGKILLed runs into one store,
//! each resuming the last: three at random moments (reading, mid-batch, between commits), one in
//! the middle of saving the near-duplicate state, one with index segments not yet committed
//! (ingest commits every 50 ms here so that commits are many). After every kill the store is
//! reopened and checked (`PRAGMA integrity_check` ok, index documents = SQLite articles); after
//! each episode a last run completes and the store must hold exactly the reference's articles,
//! sightings, near-duplicate, story and event-group marks.
//!
//! Also a full disk, injected as a file-size limit (RLIMIT_FSIZE, its signal ignored, so writes
//! fail with EFBIG as on a full disk): a one-line error, an intact store, and a rerun that
//! completes with the reference's contents.
//!
//! `KILLS` (default 5), `KILL_SEED`, `KILL_CORPUS` (folders, `:`-separated), `KILL_REPORT=FILE`
//! (writes "kills survived"). `scripts/reliability/kill.sh` runs it with 50 kills.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use marsad_store::Store;

const ANT: &str = "../../../shared/data/news/ant_v1.1";

fn ant_corpus() -> Vec<PathBuf> {
    if let Ok(list) = std::env::var("KILL_CORPUS") {
        return list.split(':').map(PathBuf::from).collect();
    }
    let ant = Path::new(env!("CARGO_MANIFEST_DIR")).join(ANT);
    ["politic", "economy", "culture", "technology", "diverse"]
        .iter()
        .map(|d| ant.join(d))
        .collect()
}

fn ingest(data: &Path, corpus: &[PathBuf]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_marsad"));
    cmd.arg("--data")
        .arg(data)
        .args(["ingest", "--json", "--threads", "2", "--batch", "100"])
        .args(["--commit-every-ms", "50"])
        .args(corpus)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    cmd
}

/// A small seeded generator (xorshift64*): the kill moments are reproducible from the seed.
struct Rng(u64);

impl Rng {
    fn unit(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The store reopened (which repairs it) and checked: integrity ok, one index document per
/// article. Returns the article count.
fn reopen_and_check(data: &Path, what: &str) -> u64 {
    let store = Store::open(data).unwrap_or_else(|e| panic!("{what}: reopen failed: {e}"));
    let c = store.check().unwrap();
    assert!(c.ok(), "{what}: {c:?}");
    c.articles
}

/// Segment files in the index that its `meta.json` does not name: indexing or a commit was
/// under way when the process died.
fn index_in_flight(data: &Path) -> bool {
    let dir = data.join("index");
    let meta = std::fs::read_to_string(dir.join("meta.json")).unwrap_or_default();
    let named = meta.replace('-', "");
    std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .any(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let stem = name.split('.').next().unwrap_or("");
            stem.len() == 32 && !named.contains(stem)
        })
}

/// What the process was doing when it died, read from what it left behind.
fn moment(data: &Path, batches_before: u64) -> &'static str {
    let dedup_tmp = std::fs::read_dir(data.join("dedup"))
        .into_iter()
        .flatten()
        .flatten()
        .any(|e| e.file_name().to_string_lossy().ends_with(".tmp"));
    if dedup_tmp {
        return "dedup-state save";
    }
    let in_flight = index_in_flight(data);
    let batches = Store::open(data)
        .ok()
        .and_then(|s| s.stats().ok())
        .map_or(0, |s| s.batches);
    match (batches == batches_before, in_flight) {
        (true, false) => "reading (no batch stored by this run)",
        (_, true) => "index commit / indexing in flight",
        (false, false) => "between batches (SQLite committed)",
    }
}

fn reference(dir: &Path, corpus: &[PathBuf]) -> (PathBuf, Duration, Vec<String>) {
    let data = dir.join("reference");
    let t = Instant::now();
    let out = ingest(&data, corpus).output().unwrap();
    let took = t.elapsed();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    reopen_and_check(&data, "reference");
    let fp = Store::open(&data).unwrap().fingerprint().unwrap();
    (data, took, fp)
}

/// Where a kill is aimed.
#[derive(Clone, Copy, Debug)]
enum Aim {
    /// At this fraction of an uninterrupted run's time.
    At(f64),
    /// During the `n`th save of the near-duplicate state seen, once its first file is renamed
    /// (the others still temporary): the moment the saved files disagree.
    DedupSave(usize),
    /// While the index has segment files its last commit does not name (indexing, a commit).
    IndexInFlight,
}

/// The files of the dedup state still being written (`*.tmp`) other than the first one.
fn dedup_mid_save(data: &Path) -> bool {
    std::fs::read_dir(data.join("dedup"))
        .into_iter()
        .flatten()
        .flatten()
        .any(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.ends_with(".tmp") && n != "near.bin.tmp"
        })
}

/// Starts a run and SIGKILLs it at `aim` (a polled aim gives up after `limit`). False when the
/// run finished before it could be killed.
fn run_and_kill(data: &Path, corpus: &[PathBuf], aim: Aim, limit: Duration) -> bool {
    let mut child = ingest(data, corpus).spawn().unwrap();
    let start = Instant::now();
    match aim {
        Aim::At(f) => std::thread::sleep(limit.mul_f64(f)),
        Aim::DedupSave(n) => {
            let (mut seen, mut inside) = (0, false);
            while start.elapsed() < limit && child.try_wait().unwrap().is_none() {
                let now = dedup_mid_save(data);
                if now && !inside {
                    seen += 1;
                    if seen >= n {
                        break;
                    }
                }
                inside = now;
            }
        }
        Aim::IndexInFlight => {
            while start.elapsed() < limit
                && child.try_wait().unwrap().is_none()
                && !index_in_flight(data)
            {
                std::thread::sleep(Duration::from_micros(200));
            }
        }
    }
    if child.try_wait().unwrap().is_some() {
        return false;
    }
    child.kill().unwrap(); // SIGKILL: no destructor, no flush, no cleanup.
    child.wait().unwrap();
    true
}

/// The aims of one episode of five kills into one store: three at increasing random moments
/// (so the store grows between them), one in a dedup-state save, one with the index in flight.
fn episode(rng: &mut Rng) -> [Aim; 5] {
    let mut u = [rng.unit(), rng.unit(), rng.unit()];
    u.sort_by(f64::total_cmp);
    let nth = 1 + (rng.unit() * 6.0) as usize;
    [
        Aim::At(u[0]),
        Aim::DedupSave(nth),
        Aim::At(u[1]),
        Aim::IndexInFlight,
        Aim::At(u[2]),
    ]
}

#[test]
#[ignore = "needs ../shared/data: the ANT corpus (news/ant_v1.1)"]
fn killed_ingest_resumes_to_the_same_store() {
    let kills: usize = std::env::var("KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let seed: u64 = std::env::var("KILL_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(15);
    let corpus = ant_corpus();
    let tmp = tempfile::tempdir().unwrap();
    let (_, took, reference_fp) = reference(tmp.path(), &corpus);
    let articles = reference_fp
        .iter()
        .filter(|l| l.starts_with("article\t"))
        .count();
    eprintln!("reference: {articles} articles in {took:?}; {kills} kills, seed {seed}");

    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let mut moments: std::collections::BTreeMap<&str, usize> = Default::default();
    let (mut survived, mut episodes, mut missed) = (0, 0, 0);
    while survived < kills {
        // Each episode kills runs into a new store, then lets one finish and compares.
        episodes += 1;
        let data = tmp.path().join(format!("killed-{episodes}"));
        for aim in episode(&mut rng).into_iter().take(kills - survived) {
            let batches_before = Store::open(&data).unwrap().stats().unwrap().batches;
            if !run_and_kill(&data, &corpus, aim, took) {
                missed += 1;
                assert!(missed <= kills, "runs keep finishing before the kill");
                continue;
            }
            let m = moment(&data, batches_before);
            *moments.entry(m).or_default() += 1;
            let what = format!("kill {} ({aim:?}, {m})", survived + 1);
            let n = reopen_and_check(&data, &what);
            survived += 1;
            eprintln!("{what}: {n} articles after reopening");
        }
        let out = ingest(&data, &corpus).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        reopen_and_check(&data, "after the last run");
        let fp = Store::open(&data).unwrap().fingerprint().unwrap();
        assert_same(&reference_fp, &fp);
        eprintln!("episode {episodes}: resumed store identical to the reference");
        std::fs::remove_dir_all(&data).unwrap();
    }
    eprintln!("{survived} kills survived in {episodes} episodes, each store identical to the reference; moments: {moments:?}");
    if let Ok(path) = std::env::var("KILL_REPORT") {
        std::fs::write(path, format!("{survived} {kills} {episodes} {moments:?}\n")).unwrap();
    }
}

fn assert_same(reference: &[String], got: &[String]) {
    if reference == got {
        return;
    }
    let a: std::collections::BTreeSet<&String> = reference.iter().collect();
    let b: std::collections::BTreeSet<&String> = got.iter().collect();
    let missing: Vec<_> = a.difference(&b).take(10).collect();
    let extra: Vec<_> = b.difference(&a).take(10).collect();
    panic!(
        "the resumed store differs from the reference ({} vs {} lines)\nmissing: {missing:#?}\nextra: {extra:#?}",
        reference.len(),
        got.len()
    );
}

/// `marsad ingest` with every file it writes limited to `kb` KB and SIGXFSZ ignored: a write
/// past the limit fails (EFBIG) as a write to a full disk does.
fn ingest_limited(data: &Path, corpus: &[PathBuf], kb: u64) -> std::process::Output {
    let inner = ingest(data, corpus);
    let mut cmd = Command::new("bash");
    cmd.arg("-c")
        .arg(format!("ulimit -f {kb}; trap '' XFSZ; exec \"$@\""))
        .arg("ingest-limited")
        .arg(inner.get_program())
        .args(inner.get_args());
    cmd.output().unwrap()
}

#[test]
fn a_full_disk_is_a_clear_error_and_the_rerun_completes() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/sample");
    let corpus = vec![sample];
    let tmp = tempfile::tempdir().unwrap();
    let (_, _, reference_fp) = reference(tmp.path(), &corpus);
    let data = tmp.path().join("full");
    // Small enough that SQLite's file (or its log) outgrows it with the sample's 37 articles.
    let out = ingest_limited(&data, &corpus, 64);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "the run did not fail: {stderr}");
    let last = stderr.trim().lines().last().unwrap_or("");
    assert!(
        last.contains("full") || last.contains("too large") || last.contains("File too large"),
        "not a clear reason: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    reopen_and_check(&data, "after the full disk");
    let out = ingest(&data, &corpus).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    reopen_and_check(&data, "after the rerun");
    assert_same(
        &reference_fp,
        &Store::open(&data).unwrap().fingerprint().unwrap(),
    );
}
