//! The detector's weights, its decision and its file format (gzipped TSV: a header, the decision
//! thresholds, then one `feature<TAB>weight` line per feature, sorted, so a rebuild is byte-identical).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::{Read, Write};
use std::sync::OnceLock;

use super::features::Instance;
use super::sentence::SentenceModel;

const EMBEDDED: &[u8] = include_bytes!("../../../../data/events/detector.tsv.gz");

/// Feature ids are already hashes: the table uses them as they are.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub type Weights = HashMap<u64, f32, BuildHasherDefault<IdHasher>>;

/// The thresholds that apply to kinds of instance rather than to a type.
#[derive(Debug, Clone, Copy)]
pub struct Bars {
    pub specific: f64,
    pub strong: f64,
    pub novel: f64,
}

/// The score an instance needs: its type's threshold; lower (the specific threshold) for a clean
/// instance of the most specific rules; at least `strong` when every candidate of the type would
/// be dropped by a rule; at least `novel` for a type only the sentence model put forward. A type
/// whose threshold is 1 or more is never emitted, and statements never take the specific
/// threshold (they were left out when it was chosen).
pub fn bar(
    kind: &str,
    threshold: f64,
    (clean, specific, novel): (bool, bool, bool),
    bars: Bars,
) -> f64 {
    if threshold >= 1.0 {
        return f64::INFINITY;
    }
    let b = match (clean, specific && kind != "STATEMENT") {
        (true, true) => threshold.min(bars.specific),
        (true, false) => threshold,
        (false, _) => threshold.max(bars.strong),
    };
    if novel {
        b.max(bars.novel)
    } else {
        b
    }
}

/// A trained detector.
#[derive(Debug, Clone)]
pub struct Detector {
    /// Feature hash ([`super::features::hash`]) → weight.
    pub weights: Weights,
    /// An event type is emitted when its score reaches its threshold: its own, or this one.
    pub threshold: f32,
    pub thresholds: std::collections::BTreeMap<String, f32>,
    /// Overriding the rules (every candidate of the type would be dropped), or an event with no
    /// attested actor on either side, needs this score.
    pub strong: f32,
    /// The threshold of instances from the most specific rules ([`super::Instance::specific`]),
    /// when lower than their type's.
    pub specific: f32,
    /// The least score of a novel instance ([`super::Instance::novel`]): chosen so that these
    /// decisions, on their own, reach the precision the types' thresholds reach.
    pub novel: f32,
    /// What the model was trained on (the file's header lines).
    pub about: Vec<String>,
    /// The sentence model whose scores the instances carry ([`super::stack`]); empty in files
    /// written before it (their instances are scored as they are).
    pub sentence: SentenceModel,
}

/// An empty detector that emits nothing (every threshold at 1) until weights and thresholds are set.
impl Default for Detector {
    fn default() -> Self {
        Detector {
            weights: Weights::default(),
            threshold: 1.0,
            thresholds: Default::default(),
            strong: 1.0,
            specific: 1.0,
            novel: 1.0,
            about: Vec::new(),
            sentence: SentenceModel::default(),
        }
    }
}

impl Detector {
    /// The model shipped in `data/events/detector.tsv.gz` (parsed once). None when the embedded
    /// file cannot be read (the coder then emits the rules' events unfiltered).
    pub fn embedded() -> Option<&'static Detector> {
        static D: OnceLock<Option<Detector>> = OnceLock::new();
        D.get_or_init(|| Detector::from_gz(EMBEDDED).ok()).as_ref()
    }

    /// The score an event type needs.
    pub fn threshold_for(&self, kind: &str) -> f32 {
        self.thresholds.get(kind).copied().unwrap_or(self.threshold)
    }

    /// The score this instance needs ([`bar`]).
    pub fn bar(&self, x: &Instance) -> f64 {
        let bars = Bars {
            specific: self.specific as f64,
            strong: self.strong as f64,
            novel: self.novel as f64,
        };
        let flags = (x.clean, x.specific, x.novel);
        bar(&x.kind, self.threshold_for(&x.kind) as f64, flags, bars)
    }

    /// The sentence's instances with the sentence model's scores and its novel types
    /// ([`super::stack::augment`]); as they are when the file has no sentence model.
    pub fn stacked(&self, instances: &[Instance], words: &[u64], shared: &[u64]) -> Vec<Instance> {
        if !self.sentence.is_ready() || instances.is_empty() {
            return instances.to_vec();
        }
        let p = self.sentence.scores(words);
        super::stack::augment(instances, shared, &self.sentence.types, &p)
    }

    /// The probability that the instance's sentence reports an event of its type.
    pub fn score(&self, x: &Instance) -> f32 {
        let z: f32 = x.features.iter().filter_map(|f| self.weights.get(f)).sum();
        1.0 / (1.0 + (-z).exp())
    }

    pub fn from_gz(bytes: &[u8]) -> Result<Detector, String> {
        let mut text = String::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_string(&mut text)
            .map_err(|e| format!("event detector: {e}"))?;
        Detector::parse(&text)
    }

    pub fn parse(text: &str) -> Result<Detector, String> {
        let mut d = Detector::default();
        for (n, line) in text.lines().enumerate() {
            if let Some(c) = line.strip_prefix('#') {
                d.about.push(c.trim().to_string());
                continue;
            }
            if line.starts_with('%') {
                d.sentence
                    .read_line(line)
                    .map_err(|e| format!("event detector line {}: {e}", n + 1))?;
                continue;
            }
            let (k, v) = line
                .split_once('\t')
                .ok_or_else(|| format!("event detector line {}: no tab", n + 1))?;
            let v: f32 = v
                .parse()
                .map_err(|_| format!("event detector line {}: bad number {v:?}", n + 1))?;
            match k {
                "@threshold" => d.threshold = v,
                "@strong" => d.strong = v,
                "@specific" => d.specific = v,
                "@novel" => d.novel = v,
                _ if k.starts_with("@threshold:") => {
                    d.thresholds.insert(k["@threshold:".len()..].to_string(), v);
                }
                _ => {
                    let id = u64::from_str_radix(k, 16).map_err(|_| {
                        format!("event detector line {}: bad feature id {k:?}", n + 1)
                    })?;
                    d.weights.insert(id, v);
                }
            }
        }
        if d.weights.is_empty() {
            return Err("event detector: no weights".into());
        }
        Ok(d)
    }

    /// The TSV text: header, thresholds, feature ids (hex) sorted, weights to 6 decimals.
    pub fn to_tsv(&self) -> String {
        let mut s = String::new();
        for a in &self.about {
            s.push_str(&format!("# {a}\n"));
        }
        s.push_str(&format!(
            "@threshold\t{:.4}\n@strong\t{:.4}\n@specific\t{:.4}\n@novel\t{:.4}\n",
            self.threshold, self.strong, self.specific, self.novel
        ));
        for (k, v) in &self.thresholds {
            s.push_str(&format!("@threshold:{k}\t{v:.4}\n"));
        }
        let mut keys: Vec<&u64> = self.weights.keys().collect();
        keys.sort();
        for k in keys {
            s.push_str(&format!("{k:016x}\t{:.6}\n", self.weights[k]));
        }
        if self.sentence.is_ready() {
            self.sentence.to_lines(&mut s);
        }
        s
    }

    /// Gzipped TSV (no timestamp in the header, so the same model gives the same bytes).
    pub fn to_gz(&self) -> Vec<u8> {
        let mut enc = flate2::GzBuilder::new()
            .mtime(0)
            .write(Vec::new(), flate2::Compression::best());
        // Writing to a Vec cannot fail.
        let _ = enc.write_all(self.to_tsv().as_bytes());
        enc.finish().unwrap_or_default()
    }
}
