//! Read handles of the store. `Store` holds a SQLite connection (Send, not Sync), so each handle
//! serves one blocking task at a time: a semaphore with one permit per handle bounds concurrent
//! store work, and a request that cannot get a permit within the queue timeout gets a 503.
//!
//! A handle checks the store's last batch at most every [`CHECK_EVERY`] (at once after this
//! process wrote) and reloads the store's index when it changed, so new batches (a POST, or a
//! `marsad ingest` beside the server) become searchable without waiting for any writer. Every read goes through the store's typed methods: the server holds no SQL.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use marsad_store::Store;
use tokio::sync::Semaphore;

use crate::error::ApiError;

const CHECK_EVERY: Duration = Duration::from_millis(500);

pub struct Handle {
    pub store: Store,
    batch: i64,
    generation: u64,
    checked: Instant,
}

pub struct Pool {
    dir: PathBuf,
    handles: Arc<Mutex<Vec<Handle>>>,
    permits: Arc<Semaphore>,
    timeout: Duration,
    /// Bumped by this process's writes so handles recheck at once.
    generation: Arc<AtomicU64>,
}

fn open_handle(dir: &Path, generation: u64) -> anyhow::Result<Handle> {
    let store = Store::open(dir)?;
    // The batches the index holds, not SQLite's last: if an ingest beside the server has not
    // committed the index yet, the handle must keep looking until it has.
    let batch = store.last_batch()?.min(store.reload()?);
    Ok(Handle {
        store,
        batch,
        generation,
        checked: Instant::now(),
    })
}

impl Handle {
    /// Reloads the store's index if SQLite has batches this handle has not seen (SQLite reads
    /// see them already). Writers are never waited for: the index only ever lags SQLite (a batch
    /// reaches SQLite first), so a search may miss the newest articles for a moment, never find
    /// an article SQLite lacks. While the index lags (an ingest beside the server commits it
    /// every few seconds) the handle looks again after [`CHECK_EVERY`].
    fn refresh(&mut self, generation: u64) {
        if generation == self.generation && self.checked.elapsed() < CHECK_EVERY {
            return;
        }
        self.checked = Instant::now();
        self.generation = generation;
        let Ok(batch) = self.store.last_batch() else {
            return;
        };
        if batch == self.batch {
            return;
        }
        if matches!(self.store.reload(), Ok(indexed) if indexed >= batch) {
            self.batch = batch;
        }
    }
}

impl Pool {
    pub fn open(dir: &Path, n: usize, timeout: Duration) -> anyhow::Result<Pool> {
        let mut handles = Vec::with_capacity(n);
        for _ in 0..n {
            handles.push(open_handle(dir, 0)?);
        }
        Ok(Pool {
            dir: dir.to_path_buf(),
            handles: Arc::new(Mutex::new(handles)),
            permits: Arc::new(Semaphore::new(n)),
            timeout,
            generation: Arc::new(AtomicU64::new(0)),
        })
    }

    /// Tells handles that this process wrote a batch.
    pub fn bump(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    /// Runs `f` on a free handle in a blocking task.
    pub async fn run<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Handle) -> Result<T, ApiError> + Send + 'static,
    {
        let permit =
            match tokio::time::timeout(self.timeout, self.permits.clone().acquire_owned()).await {
                Ok(Ok(p)) => p,
                _ => {
                    return Err(ApiError::new(
                        StatusCode::SERVICE_UNAVAILABLE,
                        "the server is busy; try again",
                    ))
                }
            };
        let handles = self.handles.clone();
        let dir = self.dir.clone();
        let generation = self.generation.load(Ordering::SeqCst);
        let task = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let taken = handles.lock().map(|mut v| v.pop()).unwrap_or(None);
            // A handle lost to a panic is replaced.
            let mut h = match taken {
                Some(h) => h,
                None => open_handle(&dir, generation).map_err(ApiError::internal)?,
            };
            h.refresh(generation);
            let out = f(&h);
            if let Ok(mut v) = handles.lock() {
                v.push(h);
            }
            out
        });
        match task.await {
            Ok(r) => r,
            Err(e) => Err(ApiError::internal(format!("store task failed: {e}"))),
        }
    }
}
