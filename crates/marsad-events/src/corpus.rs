//! The event gold corpus format (`data/events/gold/*.jsonl`, written under
//! `data/events/gold/GUIDELINES.md`): one coded sentence per line with its provenance, split and
//! sampling route, and every event mention with its status. Only `happened` mentions are events;
//! the others (denied, intended, conditional, background, generic) are the hard cases.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::detector::event_type;

/// One coded sentence.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct GoldSentence {
    pub sid: String,
    /// Document id and sentence number in the source corpus (`DOCNO#n`).
    #[serde(default)]
    pub id: String,
    /// The corpus it comes from (`ant_v1.1`, `BBC`, `saudinewsnet` …).
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub outlet: String,
    /// Whose press: `TUN`, `SAU`, `pan-Arab`.
    #[serde(default)]
    pub press: String,
    #[serde(default)]
    pub published: Option<NaiveDate>,
    /// `train` or `test`.
    #[serde(default)]
    pub split: String,
    /// How it was drawn: `trigger:assault`, `trigger:protest`, `trigger:other` or `random`.
    #[serde(default)]
    pub sample: String,
    pub text: String,
    #[serde(default)]
    pub events: Vec<GoldEvent>,
    #[serde(default)]
    pub note: String,
}

/// One event mention of a gold sentence.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct GoldEvent {
    pub code: String,
    /// `happened`, `denied`, `intended`, `conditional`, `background` or `generic`.
    pub status: String,
    #[serde(default)]
    pub trigger: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub source_code: Option<String>,
    #[serde(default)]
    pub target: Option<String>,
    #[serde(default)]
    pub target_code: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub place: Option<String>,
    #[serde(default)]
    pub plover_type: Option<String>,
    #[serde(default)]
    pub plover_mode: Option<String>,
}

impl GoldEvent {
    pub fn happened(&self) -> bool {
        self.status == "happened"
    }

    /// The type it is scored under ([`event_type`]).
    pub fn kind(&self) -> String {
        event_type(&self.code).to_string()
    }
}

impl GoldSentence {
    /// The event types the sentence reports (happened mentions), sorted, once each.
    pub fn happened_types(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .events
            .iter()
            .filter(|e| e.happened())
            .map(GoldEvent::kind)
            .collect();
        v.sort();
        v.dedup();
        v
    }
}

/// Which source corpora a command reads: `only` (empty: every source) minus `except`. How a
/// detector trained on some presses is scored on another it never saw (leave-source-out).
#[derive(Debug, Clone, Default)]
pub struct Sources {
    pub only: Vec<String>,
    pub except: Vec<String>,
}

impl Sources {
    pub fn keeps(&self, g: &GoldSentence) -> bool {
        let is = |n: &String| n.eq_ignore_ascii_case(g.source.trim());
        (self.only.is_empty() || self.only.iter().any(is)) && !self.except.iter().any(is)
    }

    /// The filter as command-line flags (`--source A --not-source B`), empty when it keeps all.
    pub fn flags(&self) -> String {
        let only = self.only.iter().map(|s| format!(" --source {s}"));
        let except = self.except.iter().map(|s| format!(" --not-source {s}"));
        only.chain(except).collect()
    }
}

/// The statuses a mention can have (GUIDELINES.md §2).
pub const STATUSES: &[&str] = &[
    "happened",
    "denied",
    "intended",
    "conditional",
    "background",
    "generic",
];

/// Parses a corpus file; a bad line (not JSON, an unknown CAMEO code or status) is an error
/// naming its line number.
pub fn parse(jsonl: &str) -> Result<Vec<GoldSentence>, String> {
    jsonl
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| {
            let g: GoldSentence =
                serde_json::from_str(l).map_err(|e| format!("line {}: {e}", n + 1))?;
            for e in &g.events {
                if crate::codes::info(&e.code).is_none() {
                    return Err(format!("line {}: unknown CAMEO code {:?}", n + 1, e.code));
                }
                if !STATUSES.contains(&e.status.as_str()) {
                    return Err(format!("line {}: unknown status {:?}", n + 1, e.status));
                }
            }
            Ok(g)
        })
        .collect()
}

/// True when the text looks like this format (its first record has a `sid`), not the older
/// `{"text","events":[{"root"…}]}` dev format.
pub fn is_corpus(jsonl: &str) -> bool {
    jsonl
        .lines()
        .find(|l| !l.trim().is_empty())
        .and_then(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .is_some_and(|v| v.get("sid").is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_keep_some_presses_and_leave_others_out() {
        let lines = [
            r#"{"sid":"a","source":"ant_v1.1","text":"x","events":[]}"#,
            r#"{"sid":"b","source":"BBC","text":"x","events":[]}"#,
            r#"{"sid":"c","source":" cnn ","text":"x","events":[]}"#,
        ];
        let g = parse(&lines.join("\n")).unwrap();
        let kept = |s: &Sources| -> Vec<String> {
            g.iter()
                .filter(|x| s.keeps(x))
                .map(|x| x.sid.clone())
                .collect()
        };
        assert_eq!(kept(&Sources::default()), ["a", "b", "c"]);
        assert_eq!(Sources::default().flags(), "");
        let only = Sources {
            only: vec!["ANT_v1.1".into()],
            except: vec![],
        };
        assert_eq!(kept(&only), ["a"]);
        let except = Sources {
            only: vec![],
            except: vec!["ant_v1.1".into(), "CNN".into()],
        };
        assert_eq!(kept(&except), ["b"]);
        assert_eq!(except.flags(), " --not-source ant_v1.1 --not-source CNN");
    }

    #[test]
    fn reads_a_line_and_types_happened_events_only() {
        let line = r#"{"sid":"s1","split":"test","sample":"trigger:assault","published":"2018-05-03","text":"قتل جندي في هجوم","events":[{"code":"180","status":"happened"},{"code":"141","status":"intended"},{"code":"010","status":"happened"}]}"#;
        let v = parse(line).unwrap();
        assert_eq!(v[0].happened_types(), vec!["ASSAULT", "STATEMENT"]);
        assert!(is_corpus(line));
        assert!(!is_corpus(r#"{"text":"x","events":[]}"#));
        assert!(parse("{").unwrap_err().starts_with("line 1"));
        let bad = r#"{"sid":"s1","text":"x","events":[{"code":"19O","status":"happened"}]}"#;
        assert!(parse(bad).unwrap_err().contains("unknown CAMEO code"));
        let bad = r#"{"sid":"s1","text":"x","events":[{"code":"190","status":"happend"}]}"#;
        assert!(parse(bad).unwrap_err().contains("unknown status"));
    }
}
