//! The ingest progress bar on a terminal: an [`Observer`] of the ingest engine.

use marsad_ingest::ReadError;
use marsad_pipeline::Observer;

/// Draws a bar of bytes read when `enabled`, and prints every skipped document (above the bar)
/// unless `quiet`.
pub struct Progress {
    bar: Option<indicatif::ProgressBar>,
    enabled: bool,
    quiet: bool,
}

impl Progress {
    pub fn new(enabled: bool, quiet: bool) -> Progress {
        Progress {
            bar: None,
            enabled,
            quiet,
        }
    }

    pub fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

impl Observer for Progress {
    fn total(&mut self, bytes: u64) {
        if !self.enabled || bytes == 0 {
            return;
        }
        let bar = indicatif::ProgressBar::new(bytes);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        self.bar = Some(bar);
    }

    fn read(&mut self, bytes: u64) {
        if let Some(b) = &self.bar {
            b.inc(bytes);
        }
    }

    fn skipped(&mut self, e: &ReadError) {
        if self.quiet {
            return;
        }
        match &self.bar {
            Some(b) => b.suspend(|| eprintln!("skipped {e}")),
            None => eprintln!("skipped {e}"),
        }
    }
}
