//! End-to-end: the `marsad` binary on the sample shipped in `data/sample` and on bad input.

// Test helpers (not #[test] functions themselves) may unwrap: a failure is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn marsad(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_marsad"))
        .arg("--data")
        .arg(data)
        .args(args)
        .current_dir(repo())
        .output()
        .expect("run marsad")
}

fn json(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "marsad failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

fn no_panic(out: &Output) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !err.contains("panicked") && !err.contains("internal error"),
        "{err}"
    );
}

const SEED: &str = "data/sample/000_e6d7035163982f4c.txt";

fn ingested_sample() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = marsad(dir.path(), &["ingest", "data/sample", "--json"]);
    no_panic(&out);
    let s = json(&out);
    assert_eq!(s["documents"], 38, "{s}");
    assert_eq!(s["errors"], 1, "the one empty ANT article is reported: {s}");
    assert_eq!(
        s["duplicates"], 2,
        "the sample holds one exact-duplicate pair twice over: {s}"
    );
    assert_eq!(s["stored"], 35, "{s}");
    dir
}

fn search_ids(data: &Path, q: &str) -> Vec<String> {
    let v = json(&marsad(data, &["search", q, "--json", "--limit", "20"]));
    v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["source_id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_seed_is_found_whatever_the_spelling() {
    let dir = ingested_sample();
    for q in [
        "اذربيجان",
        "أذربيجان",
        "واشنطن",
        "أرمينيا",
        "\"قره باغ\"",
        "ارمينيا -تركيا_غير_موجودة",
    ] {
        let ids = search_ids(dir.path(), q);
        assert!(
            ids.iter().any(|i| i == SEED),
            "{q} should find the seed, got {ids:?}"
        );
    }
    // Excluding a word of the seed removes it.
    assert!(!search_ids(dir.path(), "اذربيجان -أرمينيا")
        .iter()
        .any(|i| i == SEED));
    // A phrase is a phrase: these words occur in the seed but not next to each other.
    assert!(!search_ids(dir.path(), "\"قره أذربيجان\"")
        .iter()
        .any(|i| i == SEED));
}

#[test]
fn search_json_contract_and_snippets() {
    let dir = ingested_sample();
    let v = json(&marsad(
        dir.path(),
        &["search", "قره باغ", "--json", "--limit", "1"],
    ));
    assert!(v["total"].as_u64().unwrap() >= 1);
    let hit = &v["hits"][0];
    for k in [
        "id",
        "source_id",
        "title",
        "score",
        "snippet",
        "source",
        "published",
    ] {
        assert!(hit.get(k).is_some(), "hit lacks {k}: {hit}");
    }
    assert!(
        hit["snippet"].as_str().unwrap().contains("<b>قره</b>"),
        "{hit}"
    );
}

#[test]
fn filters_by_source_tag_and_date() {
    let dir = ingested_sample();
    let all = json(&marsad(
        dir.path(),
        &[
            "search",
            "source:\"Jawhara FM\"",
            "--json",
            "--limit",
            "100",
        ],
    ));
    // 34 ANT articles are stored; one (JA-politic-92) has an empty <SRC>, and the seed has none.
    assert_eq!(all["total"], 33, "{all}");
    let politic = json(&marsad(
        dir.path(),
        &["search", "tag:politic", "--json", "--limit", "100"],
    ));
    assert!(politic["total"].as_u64().unwrap() >= 10);
    for h in politic["hits"].as_array().unwrap() {
        assert!(h["source_id"].as_str().unwrap().contains("politic"), "{h}");
    }
    let y2017 = json(&marsad(
        dir.path(),
        &["search", "published:2017", "--json", "--limit", "100"],
    ));
    for h in y2017["hits"].as_array().unwrap() {
        assert!(h["published"].as_str().unwrap().starts_with("2017"), "{h}");
    }
    assert!(y2017["total"].as_u64().unwrap() > 0);
    let out = marsad(dir.path(), &["search", "تونس published:2017-13"]);
    no_panic(&out);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("published:2017-13"));
}

#[test]
fn ingesting_twice_stores_once() {
    let dir = ingested_sample();
    let s = json(&marsad(dir.path(), &["ingest", "data/sample", "--json"]));
    assert_eq!(s["stored"], 0, "{s}");
    assert_eq!(s["duplicates"], 37, "{s}");
    let st = json(&marsad(dir.path(), &["stats", "--json"]));
    assert_eq!(st["articles"], 35, "{st}");
    assert_eq!(st["indexed"], 35, "{st}");
    assert_eq!(st["sources"], 1, "{st}");
}

#[test]
fn show_by_source_id_reads_the_seed_structure() {
    let dir = ingested_sample();
    let a = json(&marsad(dir.path(), &["show", SEED, "--json"]));
    assert_eq!(
        a["title"],
        "نزاع إقليم قره باغ.. أذربيجان تعلن مشاركتها في الاجتماع الحواري بواشنطن"
    );
    assert_eq!(a["meta"]["views"], 103);
    assert_eq!(a["tags"], serde_json::json!(["أذربيجان"]));
    let paragraphs = a["paragraphs"].as_array().unwrap();
    assert_eq!(paragraphs.len(), 8);
    for p in paragraphs {
        let p = p.as_str().unwrap();
        assert!(
            !p.contains("103") && p.trim() != "مشاركة" && !p.ends_with("مشاركة"),
            "{p}"
        );
    }
    // by id prefix too
    let id = a["id"].as_str().unwrap();
    let b = json(&marsad(dir.path(), &["show", &id[..8], "--json"]));
    assert_eq!(b["id"], a["id"]);
    let missing = marsad(dir.path(), &["show", "nothing-like-this"]);
    assert!(!missing.status.success());
    no_panic(&missing);
}

#[test]
fn analyze_json_contract() {
    let dir = tempfile::tempdir().unwrap();
    let v = json(&marsad(
        dir.path(),
        &["analyze", SEED, "--json", "--published", "2020-10-21"],
    ));
    for k in [
        "id",
        "source_id",
        "title",
        "published",
        "source",
        "url",
        "tags",
        "meta",
        "paragraphs",
    ] {
        assert!(v.get(k).is_some(), "analyze lacks {k}");
    }
    assert_eq!(v["published"], "2020-10-21");
    assert_eq!(v["paragraphs"].as_array().unwrap().len(), 8);
    assert!(
        !dir.path().join("marsad.sqlite").exists(),
        "analyze stores nothing"
    );
}

#[test]
fn bad_input_is_one_line_per_document_and_the_batch_goes_on() {
    let input = tempfile::tempdir().unwrap();
    let p = input.path();
    std::fs::write(p.join("invalid.txt"), b"\xd8\xa3\xff\xfe broken").unwrap();
    std::fs::write(p.join("empty.txt"), b"").unwrap();
    std::fs::write(
        p.join("binary.bin"),
        [0u8, 1, 2, 3, 0, 0, 0xff, 0x10].repeat(100),
    )
    .unwrap();
    std::fs::write(
        p.join("nobody.html"),
        "<html><head><title>x</title></head><body><nav>قائمة</nav></body></html>",
    )
    .unwrap();
    let mut gz = flate_bytes(
        "عنوان\n\nنص المقال الكامل هنا عن تونس والجزائر.\n"
            .repeat(50)
            .as_bytes(),
    );
    gz.truncate(gz.len() / 2);
    std::fs::write(p.join("cut.txt.gz"), gz).unwrap();
    std::fs::write(
        p.join("bad.jsonl"),
        "{\"id\":\"a\",\"title\":\"عنوان\",\"text\":\"نص جيد عن ليبيا.\"}\n{not json\n",
    )
    .unwrap();
    std::fs::copy(repo().join(SEED), p.join("good.txt")).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let out = marsad(dir.path(), &["ingest", p.to_str().unwrap()]);
    no_panic(&out);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    for name in [
        "invalid.txt",
        "empty.txt",
        "binary.bin",
        "nobody.html",
        "cut.txt.gz",
        "bad.jsonl",
    ] {
        let lines: Vec<&str> = err.lines().filter(|l| l.contains(name)).collect();
        assert_eq!(lines.len(), 1, "one line for {name}: {err}");
    }
    let st = json(&marsad(dir.path(), &["stats", "--json"]));
    assert_eq!(st["articles"], 2, "the seed and the good JSONL line: {st}");
}

fn flate_bytes(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

#[test]
fn stdin_and_missing_store_errors() {
    let dir = tempfile::tempdir().unwrap();
    let out = marsad(&dir.path().join("none"), &["search", "تونس"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("no marsad store"), "{err}");

    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_marsad"))
        .args([
            "--data",
            dir.path().to_str().unwrap(),
            "ingest",
            "-",
            "--json",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(
            "{\"id\":\"x1\",\"title\":\"خبر\",\"text\":\"وصل وزير الخارجية إلى بغداد اليوم.\"}\n"
                .as_bytes(),
        )
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(json(&out)["stored"], 1);
    assert_eq!(search_ids(dir.path(), "بغداد"), vec!["x1"]);
}

#[test]
fn analyze_finds_and_links_the_seed_entities() {
    let dir = tempfile::tempdir().unwrap();
    let v = json(&marsad(
        dir.path(),
        &["analyze", SEED, "--json", "--published", "2020-10-21"],
    ));
    let paragraphs: Vec<&str> = v["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    let entities = v["entities"].as_array().unwrap();
    let by_name = |n: &str| {
        entities
            .iter()
            .find(|e| e["name"] == n)
            .unwrap_or_else(|| panic!("{n} not found"))
    };
    for (name, kind, iso3, cameo) in [
        ("Azerbaijan", "LOC", Some("AZE"), Some("AZE")),
        ("Armenia", "LOC", Some("ARM"), Some("ARM")),
        ("Russia", "LOC", Some("RUS"), Some("RUS")),
        ("Turkey", "LOC", Some("TUR"), Some("TUR")),
        ("France", "LOC", Some("FRA"), Some("FRA")),
        ("United States", "LOC", Some("USA"), Some("USA")),
        ("Nagorno-Karabakh", "LOC", None, None),
        ("Vladimir Putin", "PER", None, Some("RUSGOV")),
        ("Emmanuel Macron", "PER", None, Some("FRAGOV")),
        ("Hikmet Hajiyev", "PER", None, Some("AZEGOV")),
        ("Ilham Aliyev", "PER", None, Some("AZEGOV")),
        ("Nikol Pashinyan", "PER", None, Some("ARMGOV")),
        ("United Nations", "ORG", None, Some("IGOUNO")),
        ("European Union", "ORG", None, None),
    ] {
        let e = by_name(name);
        assert_eq!(e["type"], kind, "{e}");
        if let Some(c) = iso3 {
            assert_eq!(e["codes"]["iso3"], c, "{e}");
        }
        if let Some(c) = cameo {
            assert_eq!(e["codes"]["cameo"], c, "{e}");
        }
    }
    // Clitics, adjectives and surnames reach their entity.
    let surfaces = |n: &str| -> Vec<String> {
        by_name(n)["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["text"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(surfaces("Washington, D.C.").contains(&"بواشنطن".to_string()));
    assert!(surfaces("Azerbaijan").contains(&"وأذربيجان".to_string()));
    assert!(surfaces("Azerbaijan").contains(&"الاذرية".to_string()));
    assert!(surfaces("Hikmet Hajiyev").contains(&"حجييف".to_string()));
    assert!(surfaces("Vladimir Putin").contains(&"الرئيس الروسي".to_string()));
    // Each mention says what it is: only names count as named entities.
    let kind_of = |n: &str, text: &str| -> String {
        by_name(n)["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["text"] == text)
            .map(|m| m["kind"].as_str().unwrap().to_string())
            .unwrap_or_default()
    };
    assert_eq!(kind_of("Azerbaijan", "وأذربيجان"), "name");
    assert_eq!(kind_of("Azerbaijan", "الاذرية"), "nisba");
    assert_eq!(kind_of("Vladimir Putin", "الرئيس الروسي"), "role");
    // The KB knows this surname as one of his names.
    assert_eq!(kind_of("Hikmet Hajiyev", "حجييف"), "name");
    // Every mention's offsets slice its paragraph back to the mention's text.
    for e in entities {
        for m in e["mentions"].as_array().unwrap() {
            let p = paragraphs[m["paragraph"].as_u64().unwrap() as usize];
            let (s, t) = (
                m["start"].as_u64().unwrap() as usize,
                m["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&p[s..t], m["text"].as_str().unwrap());
        }
    }
}

#[test]
fn a_surname_after_a_verb_of_saying_refers_back_to_the_full_name() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("surname.txt");
    std::fs::write(
        &file,
        "عنوان\nقال المتحدث باسم الوزارة عبد الرحمن الهذلول إن الحادث وقع فجرا.\nوأوضح الهذلول أن التحقيق جار.\n",
    )
    .unwrap();
    let v = json(&marsad(
        dir.path(),
        &["analyze", file.to_str().unwrap(), "--json"],
    ));
    let person = v["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "عبد الرحمن الهذلول")
        .expect("the spokesman is found");
    let kinds: Vec<(&str, &str)> = person["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["text"].as_str().unwrap(), m["kind"].as_str().unwrap()))
        .collect();
    // The tagger reads the surname as a name (the article's paragraphs are tagged together), so
    // it is a `name` mention of the spokesman; had it not, rule 5 would tie it back as a `coref`.
    assert_eq!(kinds, [("عبد الرحمن الهذلول", "name"), ("الهذلول", "name")]);
}

#[test]
fn entities_are_stored_listed_and_searchable() {
    let dir = ingested_sample();
    assert!(search_ids(dir.path(), "entity:بوتين")
        .iter()
        .any(|i| i == SEED));
    assert!(search_ids(dir.path(), "entity:country:AZE")
        .iter()
        .any(|i| i == SEED));
    assert!(search_ids(dir.path(), "entity:اذربيجان")
        .iter()
        .any(|i| i == SEED));
    assert!(search_ids(dir.path(), "entity:لا_أحد_بهذا_الاسم").is_empty());
    let list = json(&marsad(
        dir.path(),
        &["entities", "--json", "--limit", "50"],
    ));
    let tunisia = list
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "country:TUN")
        .expect("Tunisia listed");
    assert!(tunisia["articles"].as_u64().unwrap() >= 10, "{tunisia}");
    let people = json(&marsad(
        dir.path(),
        &["entities", "--type", "PER", "--json"],
    ));
    assert!(people
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["type"] == "PER"));
    let shown = json(&marsad(dir.path(), &["show", SEED, "--json"]));
    assert!(shown["entities"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["name"] == "Vladimir Putin"));
    let faceted = json(&marsad(
        dir.path(),
        &["search", "قره باغ", "--facets", "--json"],
    ));
    assert!(faceted["facets"]["entities"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["id"] == "country:AZE"));
}

#[test]
fn events_are_coded_stored_filtered_and_exported() {
    let dir = ingested_sample();
    let all = json(&marsad(dir.path(), &["events", "--json", "--limit", "500"]));
    let all = all.as_array().unwrap();
    let seed_id = json(&marsad(dir.path(), &["show", SEED, "--json"]))["id"]
        .as_str()
        .unwrap()
        .to_string();
    let phone = all
        .iter()
        .find(|e| e["article_id"] == seed_id.as_str() && e["code"] == "041")
        .expect("the Putin–Macron phone call");
    assert_eq!(phone["actor1"]["code"], "RUSGOV");
    assert!(phone["evidence"]["sentence"]
        .as_str()
        .unwrap()
        .contains("محادثة هاتفية"));
    let calls = json(&marsad(
        dir.path(),
        &["events", "--root", "02", "--country", "AZE", "--json"],
    ));
    assert!(!calls.as_array().unwrap().is_empty());
    assert!(calls.as_array().unwrap().iter().all(|e| e["root"] == "02"));

    let gdelt = marsad(dir.path(), &["export", "events", "--format", "gdelt"]);
    let text = String::from_utf8(gdelt.stdout).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    assert_eq!(header.len(), 61);
    assert_eq!(
        (header[0], header[26], header[60]),
        ("GlobalEventID", "EventCode", "SOURCEURL")
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), all.len());
    assert!(rows.iter().all(|r| r.split('\t').count() == 61));

    let csv = marsad(
        dir.path(),
        &["export", "events", "--format", "csv", "--country", "RUS"],
    );
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(csv.starts_with("event_id,article_id,date,code,root"));
    let jsonl = marsad(dir.path(), &["export", "events", "--format", "jsonl"]);
    for line in String::from_utf8(jsonl.stdout).unwrap().lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        assert!(v["code"].is_string() && v["evidence"]["sentence"].is_string());
    }
}

/// `events --by … --csv` as (key, count) rows.
fn counted(data: &Path, args: &[&str]) -> Vec<(String, u64)> {
    let out = marsad(data, args);
    no_panic(&out);
    let text = String::from_utf8(out.stdout).unwrap();
    text.lines()
        .skip(1)
        .map(|l| {
            let mut f = l.splitn(3, ',');
            (
                f.next().unwrap().to_string(),
                f.next().unwrap().parse().unwrap(),
            )
        })
        .collect()
}

#[test]
fn event_counts_by_day_week_country_and_root_add_up_to_the_list() {
    let dir = ingested_sample();
    let all = json(&marsad(
        dir.path(),
        &["events", "--json", "--limit", "5000"],
    ));
    let all = all.as_array().unwrap();
    for by in ["day", "week", "country", "root"] {
        let rows = counted(dir.path(), &["events", "--by", by, "--csv"]);
        let total: u64 = rows.iter().map(|r| r.1).sum();
        assert_eq!(total, all.len() as u64, "--by {by}: {rows:?}");
    }
    for (day, n) in counted(dir.path(), &["events", "--by", "day", "--csv"]) {
        let listed = all
            .iter()
            .filter(|e| e["date"].as_str() == Some(day.as_str()))
            .count();
        if day != "undated" {
            assert_eq!(listed as u64, n, "{day}");
        }
    }
    for (root, n) in counted(dir.path(), &["events", "--by", "root", "--csv"]) {
        let listed = all.iter().filter(|e| e["root"] == root.as_str()).count();
        assert_eq!(listed as u64, n, "{root}");
    }
    let text = marsad(dir.path(), &["events", "--by", "day", "--root", "14"]);
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.lines().next().unwrap().contains(" … "),
        "a sparkline line: {text}"
    );
    assert!(text.trim_end().ends_with("event(s)"), "{text}");
    let csv =
        String::from_utf8(marsad(dir.path(), &["export", "events", "--format", "csv"]).stdout)
            .unwrap();
    assert!(csv.lines().next().unwrap().ends_with(",summary_en"));
}

#[test]
fn the_seed_meets_its_expected_events() {
    let dir = tempfile::tempdir().unwrap();
    let gold = repo().join("crates/marsad-events/tests/fixtures/seed.expected.json");
    let out = marsad(
        dir.path(),
        &[
            "eval",
            "events",
            "--gold",
            gold.to_str().unwrap(),
            "--article",
            SEED,
            "--json",
        ],
    );
    let r = json(&out);
    assert_eq!(r["found_required"].as_array().unwrap().len(), 8, "{r}");
    assert!(r["spurious"].as_array().unwrap().len() <= 1, "{r}");
}

#[test]
fn analyze_jsonl_streams_one_result_per_line_in_order() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_marsad"))
        .args(["--data", dir.path().to_str().unwrap(), "analyze", "--jsonl"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let input = "{\"id\":\"a\",\"published\":\"2020-10-21\",\"text\":\"أجرى الرئيس الروسي فلاديمير بوتين محادثة هاتفية مع نظيره الفرنسي إيمانويل ماكرون.\"}\n\
                 {broken\n\
                 {\"id\":\"c\",\"text\":\"وصل وزير الخارجية إلى بغداد.\"}\n";
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["source_id"], "a");
    assert!(lines[0]["events"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["code"] == "041"));
    assert_eq!(lines[1]["line"], 2);
    assert!(lines[1]["error"].is_string());
    assert_eq!(lines[2]["source_id"], "c");
}

/// Another outlet's copy of the seed, as JSONL: rewritten headline, third paragraph dropped.
fn seed_copy_jsonl(data: &Path, dir: &Path, id: &str, source: &str) -> PathBuf {
    let a = json(&marsad(data, &["show", SEED, "--json"]));
    let mut ps: Vec<Value> = a["paragraphs"].as_array().unwrap().clone();
    ps.remove(2);
    let line = serde_json::json!({
        "id": id, "source": source,
        "title": "أذربيجان تقبل المشاركة في اجتماع واشنطن حول قره باغ",
        "paragraphs": ps,
    });
    let p = dir.join(format!("{source}.jsonl"));
    std::fs::write(&p, format!("{line}\n")).unwrap();
    p
}

#[test]
fn a_near_duplicate_is_linked_hidden_and_shown_with_duplicates() {
    let dir = ingested_sample();
    let tmp = tempfile::tempdir().unwrap();
    let copy = seed_copy_jsonl(dir.path(), tmp.path(), "outlet-b-1", "outlet-b");
    let r = json(&marsad(
        dir.path(),
        &["ingest", copy.to_str().unwrap(), "--json"],
    ));
    assert_eq!(r["stored"], 1, "{r}");
    let seed = json(&marsad(dir.path(), &["show", SEED, "--json"]));
    let c = json(&marsad(dir.path(), &["show", "outlet-b-1", "--json"]));
    assert_eq!(c["canonical_id"], seed["id"]);
    assert_eq!(c["story_id"], seed["story_id"]);
    let st = json(&marsad(dir.path(), &["stats", "--json"]));
    assert_eq!(st["near_duplicates"], 1, "{st}");
    assert!(st["stories"].as_u64().unwrap() >= 1);
    assert_eq!(search_ids(dir.path(), "أذربيجان"), vec![SEED.to_string()]);
    let v = json(&marsad(
        dir.path(),
        &["search", "أذربيجان", "--duplicates", "--json"],
    ));
    let mut ids: Vec<&str> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["source_id"].as_str().unwrap())
        .collect();
    ids.sort();
    assert_eq!(ids, vec![SEED, "outlet-b-1"]);
    let v = json(&marsad(
        dir.path(),
        &["search", "أذربيجان", "--duplicates", "--stories", "--json"],
    ));
    assert_eq!(v["hits"].as_array().unwrap().len(), 1);

    // The story: listed, and shown with both articles in order.
    let story = format!("story:{}", seed["story_id"].as_str().unwrap());
    let list = json(&marsad(
        dir.path(),
        &["stories", "--json", "--limit", "100"],
    ));
    let s = list
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == seed["story_id"])
        .expect("the seed's story");
    assert_eq!(s["articles"], 2);
    assert!(
        s["entities"].as_array().unwrap().len() <= 5
            && !s["entities"].as_array().unwrap().is_empty()
    );
    assert!(s["events"].as_u64().unwrap() >= 8, "{s}");
    let shown = json(&marsad(dir.path(), &["show", &story, "--json"]));
    assert_eq!(shown["articles_list"][0]["id"], seed["id"]);
    assert_eq!(shown["articles_list"][1]["canonical_id"], seed["id"]);
    let text = marsad(dir.path(), &["show", &story]);
    assert!(
        text.status.success()
            && String::from_utf8_lossy(&text.stdout).contains("near-duplicate of")
    );
    let text = marsad(dir.path(), &["stories"]);
    assert!(text.status.success() && String::from_utf8_lossy(&text.stdout).contains(&story));
}

#[test]
fn ingesting_the_sample_twice_adds_no_article_story_or_event() {
    let dir = ingested_sample();
    let before = json(&marsad(dir.path(), &["stats", "--json"]));
    let r = json(&marsad(dir.path(), &["ingest", "data/sample", "--json"]));
    assert_eq!(r["stored"], 0, "{r}");
    let after = json(&marsad(dir.path(), &["stats", "--json"]));
    for k in [
        "articles",
        "near_duplicates",
        "stories",
        "events",
        "event_groups",
    ] {
        assert_eq!(before[k], after[k], "{k}");
    }
}

#[test]
fn gdelt_export_counts_one_event_reported_by_two_outlets_once() {
    let dir = tempfile::tempdir().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    json(&marsad(dir.path(), &["ingest", SEED, "--json"]));
    let copy = seed_copy_jsonl(dir.path(), tmp.path(), "outlet-b-1", "outlet-b");
    json(&marsad(
        dir.path(),
        &["ingest", copy.to_str().unwrap(), "--json"],
    ));
    let gdelt = marsad(
        dir.path(),
        &["export", "events", "--format", "gdelt", "--no-header"],
    );
    let text = String::from_utf8(gdelt.stdout).unwrap();
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    // No event row twice: (actors, code, place, day) is unique.
    let mut keys = std::collections::HashSet::new();
    for r in &rows {
        assert!(
            keys.insert((r[5], r[15], r[26], r[52], r[1])),
            "duplicated event row {r:?}"
        );
    }
    let phone = rows
        .iter()
        .find(|r| r[5] == "RUSGOV" && r[15] == "FRAGOV" && r[26] == "041")
        .expect("the phone call");
    assert_eq!(
        (phone[31], phone[32], phone[33]),
        ("2", "2", "2"),
        "NumMentions, NumSources, NumArticles"
    );
    // csv and jsonl keep one row per report, with its group.
    let all = json(&marsad(dir.path(), &["events", "--json", "--limit", "500"]));
    let calls: Vec<&Value> = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["code"] == "041")
        .collect();
    assert_eq!(calls.len(), 2);
    assert_eq!(calls[0]["group_id"], calls[1]["group_id"]);
    assert_eq!(calls[0]["group"]["articles"], 2);
    let csv =
        String::from_utf8(marsad(dir.path(), &["export", "events", "--format", "csv"]).stdout)
            .unwrap();
    assert!(csv.lines().next().unwrap().contains(",group_id,"));
    assert_eq!(csv.lines().count() - 1, all.as_array().unwrap().len());
}

#[test]
fn bench_gen_then_eval_dedup_scores_the_planted_pairs() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("gen");
    let g = json(&marsad(
        tmp.path(),
        &[
            "bench",
            "gen",
            "--from",
            "data/sample/ant",
            "--n",
            "60",
            "--out",
            out.to_str().unwrap(),
            "--json",
        ],
    ));
    assert!(g["documents"].as_u64().unwrap() >= 60, "{g}");
    let corpus = std::fs::read_to_string(out.join("corpus.jsonl")).unwrap();
    let again = tmp.path().join("gen2");
    json(&marsad(
        tmp.path(),
        &[
            "bench",
            "gen",
            "--from",
            "data/sample/ant",
            "--n",
            "60",
            "--out",
            again.to_str().unwrap(),
            "--json",
        ],
    ));
    assert_eq!(
        corpus,
        std::fs::read_to_string(again.join("corpus.jsonl")).unwrap(),
        "deterministic"
    );
    let pairs = std::fs::read_to_string(out.join("pairs.tsv")).unwrap();
    assert!(pairs.lines().any(|l| l.ends_with("\t1")) && pairs.lines().any(|l| l.ends_with("\t0")));
    let data = tmp.path().join("store");
    json(&marsad(
        &data,
        &[
            "ingest",
            out.join("corpus.jsonl").to_str().unwrap(),
            "--json",
        ],
    ));
    let r = json(&marsad(
        &data,
        &[
            "eval",
            "dedup",
            "--pairs",
            out.join("pairs.tsv").to_str().unwrap(),
            "--complete",
            "--json",
        ],
    ));
    assert_eq!(r["unresolved"], 0, "{r}");
    assert!(r["f1"].as_f64().unwrap() >= 0.9, "{r}");
    let b = json(&marsad(
        tmp.path(),
        &[
            "bench",
            "dedup",
            "--from",
            "data/sample/ant",
            "--n",
            "60",
            "--json",
        ],
    ));
    assert!(
        b["f1"].as_f64().unwrap() >= 0.9 && b["peak_rss_mb"].as_f64().unwrap() > 0.0,
        "{b}"
    );
}

#[test]
fn watch_reads_a_feed_list_and_reports_an_unreachable_feed_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    // A port nothing listens on: bound, then released.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let feeds = dir.path().join("feeds.txt");
    std::fs::write(
        &feeds,
        format!("# agencies\n\nhttp://127.0.0.1:{port}/rss  # down\n"),
    )
    .unwrap();
    let data = dir.path().join("data");
    let out = marsad(
        &data,
        &[
            "watch",
            feeds.to_str().unwrap(),
            "--once",
            "--retries",
            "0",
            "--json",
        ],
    );
    no_panic(&out);
    assert!(!out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    let report: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(report["feed"], format!("http://127.0.0.1:{port}/rss"));
    assert!(!report["error"].as_str().unwrap().is_empty());
    let none = marsad(&data, &["watch", "--once"]);
    assert!(!none.status.success());
    assert!(String::from_utf8_lossy(&none.stderr).contains("no feeds"));
}

/// The JSON a report carries in `<script type="application/json" id=…>`.
fn report_json(html: &str, id: &str) -> Value {
    let open = format!("<script type=\"application/json\" id=\"{id}\">");
    let start = html.find(&open).unwrap() + open.len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).unwrap()
}

#[test]
fn report_is_one_file_with_the_events_of_its_query_and_period() {
    let dir = ingested_sample();
    let out_path = dir.path().join("report.html");
    let filter = [
        "--query",
        "ترامب",
        "--from",
        "2017-01-01",
        "--to",
        "2017-01-31",
    ];
    let out_arg = out_path.to_str().unwrap();
    let out = marsad(
        dir.path(),
        &[&["report"], &filter[..], &["--out", out_arg]].concat(),
    );
    no_panic(&out);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(&out_path).unwrap();
    assert!(html.contains("default-src 'none'"), "no request allowed");
    assert!(!html.contains("<script src") && !html.contains("<link rel=\"stylesheet\""));
    let data = report_json(&html, "marsad-data");
    // The same events `marsad events` lists for the same filter.
    let listed = json(&marsad(
        dir.path(),
        &[&["events"], &filter[..], &["--json"]].concat(),
    ));
    let listed = listed.as_array().unwrap();
    assert!(
        !listed.is_empty(),
        "the sample has Trump events in January 2017"
    );
    assert_eq!(data["total"], listed.len() as u64);
    assert_eq!(data["events"].as_array().unwrap().len(), listed.len());
    let in_buckets: u64 = data["timeline"]["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["total"].as_u64().unwrap())
        .sum();
    assert_eq!(
        in_buckets + data["timeline"]["undated"].as_u64().unwrap(),
        listed.len() as u64
    );
    for e in data["events"].as_array().unwrap() {
        let d = e["date"].as_str().unwrap();
        assert!(("2017-01-01"..="2017-01-31").contains(&d), "{d}");
        assert!(!e["summary_en"].as_str().unwrap().is_empty());
    }
    assert!(!data["actors"].as_array().unwrap().is_empty());
    assert!(
        report_json(&html, "marsad-world")["countries"]
            .as_array()
            .unwrap()
            .len()
            > 170
    );
}
