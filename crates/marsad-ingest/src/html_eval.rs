//! Scoring main-text extraction against the HTML development set's gold (`manifest.jsonl`, see
//! `../shared/data/html/README.md`): word precision/recall/F1 against full-text gold, snippet
//! accuracy (text that must / must not be extracted) and publication-date accuracy.
//!
//! For: one scoring for any extractor, marsad's reader or another tool's output read from a file,
//! so both are measured the same way. Not for: reading pages (that is [`crate::html`]); and it
//! fits nothing to the pages.

use std::collections::HashMap;

use marsad_metrics::Prf;
use serde::{Deserialize, Serialize};

/// One page of the manifest.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldPage {
    pub path: String,
    #[serde(default)]
    pub lang: Option<String>,
    #[serde(default)]
    pub gold_text: Option<String>,
    #[serde(default)]
    pub must_contain: Vec<String>,
    #[serde(default)]
    pub must_not_contain: Vec<String>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub source: String,
}

/// What an extractor gave for one page: its main text and its publication date (YYYY-MM-DD).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Extracted {
    pub text: String,
    #[serde(default)]
    pub date: Option<String>,
}

/// Scores over a set of pages.
#[derive(Debug, Clone, Default, Serialize)]
pub struct HtmlReport {
    pub pages: usize,
    /// Pages the extractor could not read at all (scored as empty).
    pub failed: usize,
    /// Word P/R/F1 pooled over the pages with full-text gold (multiset overlap of words).
    pub words: Prf,
    /// The mean of the per-page word F1 (each page counts once, long or short).
    pub mean_page_f1: f64,
    pub text_pages: usize,
    /// Snippets right (a must-contain found, a must-not-contain absent) of all snippets.
    pub snippets_right: usize,
    pub snippets: usize,
    /// Pages whose gold date the extractor gave exactly, of the pages with a gold date.
    pub dates_right: usize,
    pub dates: usize,
    pub snippet_accuracy: f64,
    pub date_accuracy: f64,
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        n as f64 / d as f64
    }
}

/// The words of a text for scoring: maximal runs of letters and digits, lower-cased; a CJK or kana
/// character is a word of its own (those scripts do not separate words with spaces).
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        if is_cjk(c) {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            out.push(c.to_string());
        } else if c.is_alphanumeric() {
            cur.extend(c.to_lowercase());
        } else if is_mark(c) {
            if !cur.is_empty() {
                cur.push(c);
            }
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

/// Combining marks (Arabic diacritics, tatweel) stay inside a word.
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x064B..=0x065F | 0x0670 | 0x0640 | 0x06D6..=0x06ED)
}

/// Word overlap of one page: (common words, gold words, extracted words), as multisets.
pub fn word_overlap(gold: &str, got: &str) -> (usize, usize, usize) {
    let g = words(gold);
    let x = words(got);
    let mut counts: HashMap<&str, isize> = HashMap::new();
    for w in &g {
        *counts.entry(w.as_str()).or_insert(0) += 1;
    }
    let mut common = 0;
    for w in &x {
        if let Some(n) = counts.get_mut(w.as_str()) {
            if *n > 0 {
                *n -= 1;
                common += 1;
            }
        }
    }
    (common, g.len(), x.len())
}

/// Whitespace-collapsed, lower-cased text for snippet search.
fn flat(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Scores `extracted` (None: the page could not be read) against the gold pages, in order.
pub fn score(pages: &[(GoldPage, Option<Extracted>)]) -> HtmlReport {
    let mut r = HtmlReport {
        pages: pages.len(),
        ..HtmlReport::default()
    };
    let (mut tp, mut gold_n, mut got_n, mut f1_sum) = (0, 0, 0, 0.0);
    for (g, x) in pages {
        let empty = Extracted::default();
        let x = x.as_ref().unwrap_or_else(|| {
            r.failed += 1;
            &empty
        });
        if let Some(gt) = g.gold_text.as_deref().filter(|t| !t.trim().is_empty()) {
            let (c, gn, xn) = word_overlap(gt, &x.text);
            tp += c;
            gold_n += gn;
            got_n += xn;
            f1_sum += marsad_metrics::prf(c, gn, xn).2;
            r.text_pages += 1;
        }
        let text = flat(&x.text);
        for s in &g.must_contain {
            r.snippets += 1;
            r.snippets_right += text.contains(&flat(s)) as usize;
        }
        for s in &g.must_not_contain {
            r.snippets += 1;
            r.snippets_right += !text.contains(&flat(s)) as usize;
        }
        if let Some(d) = &g.date {
            r.dates += 1;
            r.dates_right += (x.date.as_deref() == Some(d.as_str())) as usize;
        }
    }
    r.words = Prf::of(tp, got_n - tp, gold_n - tp);
    r.snippet_accuracy = ratio(r.snippets_right, r.snippets);
    r.date_accuracy = ratio(r.dates_right, r.dates);
    r.mean_page_f1 = if r.text_pages > 0 {
        f1_sum / r.text_pages as f64
    } else {
        0.0
    };
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(gold: Option<&str>, with: &[&str], without: &[&str], date: Option<&str>) -> GoldPage {
        GoldPage {
            path: "p.html.gz".into(),
            lang: None,
            gold_text: gold.map(str::to_string),
            must_contain: with.iter().map(|s| s.to_string()).collect(),
            must_not_contain: without.iter().map(|s| s.to_string()).collect(),
            date: date.map(str::to_string),
            source: String::new(),
        }
    }

    #[test]
    fn words_keep_arabic_diacritics_and_split_cjk() {
        assert_eq!(
            words("قُتل ثلاثة، في طرابلس!"),
            vec!["قُتل", "ثلاثة", "في", "طرابلس"]
        );
        assert_eq!(words("Hello, World 2020"), vec!["hello", "world", "2020"]);
        assert_eq!(words("北京abc"), vec!["北", "京", "abc"]);
    }

    #[test]
    fn scores_words_snippets_and_dates() {
        let pages = vec![
            (
                page(
                    Some("قتل ثلاثة أشخاص في طرابلس"),
                    &[],
                    &[],
                    Some("2020-10-21"),
                ),
                Some(Extracted {
                    text: "قتل ثلاثة أشخاص في طرابلس اقرأ أيضا".into(),
                    date: Some("2020-10-21".into()),
                }),
            ),
            (
                page(None, &["the news"], &["Subscribe now"], Some("2019-01-01")),
                Some(Extracted {
                    text: "The  news of the day.".into(),
                    date: None,
                }),
            ),
            (page(Some("نص"), &[], &[], None), None),
        ];
        let r = score(&pages);
        assert_eq!((r.words.tp, r.words.fp, r.words.fn_), (5, 2, 1));
        assert_eq!((r.snippets_right, r.snippets), (2, 2));
        assert_eq!((r.dates_right, r.dates), (1, 2));
        assert_eq!(r.failed, 1);
        assert_eq!(r.text_pages, 2);
    }
}
