//! The ingest engine on real files: good and bad documents in one run, the batch goes on, the
//! observer hears every skipped document, and a second writer gets a typed `Busy`.

// Test helpers (not #[test] functions themselves) may unwrap: a failure is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use marsad_ingest::{Format, ReadError, ReadOptions};
use marsad_pipeline::{ingest, IngestError, Observer, Options};
use marsad_store::Store;

#[derive(Default)]
struct Seen {
    skipped: Vec<String>,
    bytes: u64,
}

impl Observer for Seen {
    fn read(&mut self, bytes: u64) {
        self.bytes += bytes;
    }
    fn skipped(&mut self, e: &ReadError) {
        self.skipped.push(e.to_string());
    }
}

fn options() -> Options {
    Options {
        format: Format::Auto,
        read: ReadOptions::default(),
        threads: 2,
        batch: 1,
        entities: true,
        measure_total: false,
        commit_every: marsad_store::COMMIT_EVERY,
    }
}

fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        r#"{"id":"a1","title":"اشتباكات في طرابلس","text":"قتل ثلاثة أشخاص في اشتباكات بين مجموعتين مسلحتين في العاصمة الليبية طرابلس مساء الأحد."}"#,
        r#"{"id":"a2","title":"بلا نص","text":""}"#,
        "not json at all",
        r#"{"id":"a3","title":"زيارة","text":"وصل وزير الخارجية التونسي إلى الجزائر في زيارة رسمية تستمر يومين."}"#,
    ];
    std::fs::write(dir.path().join("news.jsonl"), lines.join("\n")).unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    dir
}

#[test]
fn bad_documents_are_reported_and_the_rest_is_stored() {
    let input = folder();
    let data = tempfile::tempdir().unwrap();
    let mut store = Store::open(data.path()).unwrap();
    let mut seen = Seen::default();
    let paths: Vec<PathBuf> = vec![input.path().to_path_buf()];
    let s = ingest(&mut store, &paths, &options(), &mut seen).unwrap();
    assert_eq!(s.stored, 2, "{s:?}");
    assert_eq!(s.errors, seen.skipped.len());
    assert!(s.errors >= 2, "{:?}", seen.skipped);
    assert!(seen
        .skipped
        .iter()
        .all(|e| e.contains("news.jsonl") || e.contains("empty.txt")));
    assert!(seen.bytes > 0);
    assert_eq!(store.stats().unwrap().articles, 2);
    assert!(store.stats().unwrap().events >= 1, "the clash is coded");
}

#[test]
fn a_second_writer_is_busy_not_an_opaque_error() {
    let data = tempfile::tempdir().unwrap();
    let mut first = Store::open(data.path()).unwrap();
    let _session = first.ingester(1).unwrap();
    let mut second = Store::open(data.path()).unwrap();
    let paths: Vec<PathBuf> = vec![folder().path().to_path_buf()];
    match ingest(&mut second, &paths, &options(), &mut ()) {
        Err(IngestError::Busy(m)) => assert!(m.contains("another marsad process"), "{m}"),
        other => panic!("expected Busy, got {other:?}"),
    }
}
