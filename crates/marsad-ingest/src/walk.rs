//! Expanding the paths a user gives into the files to read.
//!
//! Folders are walked recursively, entries sorted by path so runs are reproducible. Skipped inside
//! folders (they sit beside data and are not articles): hidden files and folders (name starting
//! with `.`), `*.expected.json` (test expectations), `README*`, `LICENSE*`, `LICENCE*`, `NOTICE*`,
//! `COPYING*`, `PROVENANCE*`, `CHANGELOG*`, and files whose extension marks them as not news text
//! (`pdf`, images, audio/video, archives other than gzip, office documents, `lock`, `sqlite`/`db`).
//! A file named explicitly on the command line is never skipped: the user asked for it. A path that
//! does not exist, or a folder that cannot be listed, is a [`ReadError`]; symlinked folders are not
//! followed (no loops).

use std::path::{Path, PathBuf};

use crate::util::io_reason;
use crate::ReadError;

const SKIP_PREFIXES: &[&str] = &[
    "readme",
    "license",
    "licence",
    "notice",
    "copying",
    "provenance",
    "changelog",
];
const SKIP_EXTENSIONS: &[&str] = &[
    "pdf", "png", "jpg", "jpeg", "gif", "webp", "svg", "ico", "bmp", "tif", "tiff", "mp3", "mp4",
    "wav", "ogg", "webm", "avi", "mov", "zip", "7z", "rar", "tar", "bz2", "xz", "zst", "doc",
    "docx", "xls", "xlsx", "ppt", "pptx", "odt", "lock", "sqlite", "db", "exe", "so", "dll", "o",
    "a", "class", "jar", "wasm", "woff", "woff2", "ttf", "otf", "css", "js", "py", "rs", "toml",
    "yaml", "yml", "sh", "md",
];

/// Expand files and folders into a sorted list of files; errors for paths that are missing or
/// unreadable. See the module doc for the skip list.
pub fn walk(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<ReadError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => walk_dir(p, &mut files, &mut errors),
            Ok(_) => files.push(p.clone()),
            Err(e) => errors.push(ReadError::new(p.display().to_string(), io_reason(&e))),
        }
    }
    (files, errors)
}

/// The files under `dir` whose extension is `ext` (`"txt"`), sorted: how the corpus tools (KB
/// word counts, word clusters, benches) walk a corpus such as ANT. Unreadable folders are
/// passed over; the tools that need every file say how many they read.
pub fn corpus_files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let (files, _) = walk(&[dir.to_path_buf()]);
    let mut files: Vec<PathBuf> = files
        .into_iter()
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    files.sort();
    files
}

fn walk_dir(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<ReadError>) {
    let rd = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            errors.push(ReadError::new(dir.display().to_string(), io_reason(&e)));
            return;
        }
    };
    let mut entries: Vec<PathBuf> = Vec::new();
    for entry in rd {
        match entry {
            Ok(e) => entries.push(e.path()),
            Err(e) => errors.push(ReadError::new(dir.display().to_string(), io_reason(&e))),
        }
    }
    entries.sort();
    for path in entries {
        let name = match path.file_name().and_then(|n| n.to_str()) {
            Some(n) => n.to_string(),
            // A non-UTF-8 name: still a file the user may want; keep it, with a lossy check.
            None => path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        };
        if name.starts_with('.') {
            continue;
        }
        // symlink_metadata: do not follow symlinked folders (loops); symlinked files are read.
        let meta = match std::fs::symlink_metadata(&path) {
            Ok(m) => m,
            Err(e) => {
                errors.push(ReadError::new(path.display().to_string(), io_reason(&e)));
                continue;
            }
        };
        if meta.is_dir() {
            walk_dir(&path, files, errors);
        } else if meta.file_type().is_symlink() {
            if std::fs::metadata(&path)
                .map(|m| m.is_file())
                .unwrap_or(false)
                && !skipped_name(&name)
            {
                files.push(path);
            }
        } else if meta.is_file() && !skipped_name(&name) {
            files.push(path);
        }
    }
}

fn skipped_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".expected.json") {
        return true;
    }
    if SKIP_PREFIXES.iter().any(|p| lower.starts_with(p)) {
        return true;
    }
    let base = lower.strip_suffix(".gz").unwrap_or(&lower);
    match base.rsplit_once('.') {
        Some((_, ext)) => SKIP_EXTENSIONS.contains(&ext),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skip_list() {
        assert!(skipped_name("000.expected.json"));
        assert!(skipped_name("README.md"));
        assert!(skipped_name("LICENSE"));
        assert!(skipped_name("PROVENANCE.md"));
        assert!(skipped_name("paper.pdf"));
        assert!(!skipped_name("a.txt"));
        assert!(!skipped_name("a.jsonl.gz"));
        assert!(!skipped_name("crawl.warc.gz"));
        assert!(!skipped_name("JA-politic-1-20170121.txt"));
    }
}
