//! Replays through the fuzz targets' checks every seed (`fuzz/seeds/TARGET/`) and every input a
//! fuzzer ever crashed or hung on (`fuzz/regressions/TARGET/`, each fixed and kept), so a normal
//! `cargo test` keeps them fixed. The checks themselves are tested to catch what they look for.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use marsad_fuzzcheck::{check, TARGETS};

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

/// The project fixtures `fuzz/fixtures.txt` gives `target` as seeds.
fn fixtures(target: &str) -> Vec<PathBuf> {
    let root = fuzz_dir().join("..");
    let list = std::fs::read_to_string(fuzz_dir().join("fixtures.txt")).unwrap();
    let mut out = Vec::new();
    for line in list.lines().filter(|l| !l.starts_with('#')) {
        let Some((t, path)) = line.split_once(' ') else {
            continue;
        };
        if t != target {
            continue;
        }
        let p = root.join(path.trim());
        assert!(
            p.exists(),
            "fuzz/fixtures.txt names {} which is gone",
            p.display()
        );
        if p.is_dir() {
            out.extend(std::fs::read_dir(&p).unwrap().flatten().map(|e| e.path()));
        } else {
            out.push(p);
        }
    }
    out
}

fn inputs(folder: &str, target: &str) -> Vec<PathBuf> {
    let dir = fuzz_dir().join(folder).join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.is_file() && p.file_name().is_some_and(|n| n != "README.md"));
    if folder == "seeds" {
        files.extend(fixtures(target));
    }
    files.sort();
    files
}

fn replay(folder: &str) -> usize {
    let mut n = 0;
    for (t, _) in TARGETS {
        for f in inputs(folder, t) {
            let data = std::fs::read(&f).unwrap();
            let r = std::panic::catch_unwind(|| check(t, &data));
            assert!(r.is_ok(), "{t}: {} breaks an invariant again", f.display());
            n += 1;
        }
    }
    n
}

#[test]
fn every_target_has_seeds_and_a_fuzz_target() {
    for (t, _) in TARGETS {
        assert!(!inputs("seeds", t).is_empty(), "no seeds for {t}");
        let src = fuzz_dir().join("fuzz_targets").join(format!("{t}.rs"));
        let code = std::fs::read_to_string(&src).unwrap();
        assert!(
            code.contains(&format!("targets::{t}(data)")),
            "{} does not run {t}",
            src.display()
        );
    }
}

#[test]
fn seeds_pass_every_check() {
    assert!(replay("seeds") >= 50);
}

#[test]
fn crashes_found_stay_fixed() {
    // Zero is fine before any crash was found; each one found is committed here with its fix.
    replay("regressions");
}

#[test]
fn the_checks_catch_what_they_look_for() {
    use marsad_fuzzcheck::check_tokens;
    let lost =
        std::panic::catch_unwind(|| marsad_fuzzcheck::assert_letters_kept("قال", "قل", "test"));
    assert!(lost.is_err(), "a lost letter went unnoticed");
    marsad_fuzzcheck::assert_letters_kept("ﻻ قـال", "لا قال", "test");
    let bad_span = std::panic::catch_unwind(|| marsad_fuzzcheck::assert_span("قال", 0, 1, "x"));
    assert!(
        bad_span.is_err(),
        "an offset inside a character went unnoticed"
    );
    check_tokens("قال الرئيس، إن 3.5");
}
