//! The trigger dictionary (`data/events/triggers.tsv`, embedded) and its matcher.
//!
//! Rules are indexed by the match key of their first word with the article folded, so a sentence
//! costs one hash lookup per token variant (the token as written, without و/ف, without a
//! preposition + article, without the future س, without a pronoun suffix): no regex per pattern.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::OnceLock;

use marsad_text::{match_key_into, tokens, TokenKind};

static TRIGGERS: &str = include_str!("../../../data/events/triggers.tsv");

/// The key of a word with its article and article-bearing proclitics removed
/// (المشاركة، بالمشاركة، والمشاركة، للمشاركة → مشاركه). Input and output are match keys.
pub fn core_key(k: &str) -> String {
    for p in [
        "وبال", "وكال", "فبال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال",
    ] {
        if let Some(r) = k.strip_prefix(p) {
            if r.chars().count() >= 2 {
                return r.to_string();
            }
        }
    }
    k.to_string()
}

/// One trigger rule.
#[derive(Debug, Clone)]
pub struct Rule {
    pub code: String,
    /// Words of the form (core keys); the first is the index key.
    pub words: Vec<String>,
    /// Alternatives, one of which must follow in the clause (each as core-key words).
    pub needs: Vec<Vec<String>>,
    pub speech: bool,
    pub noun: bool,
    pub mil: bool,
    /// Verb conjugations (never matched through an article: الجمعة is not جمع).
    pub verb: bool,
    /// From the curated list (true) or from UniversalPetrarch (false).
    pub curated: bool,
    /// The subject hosts (استقبل): the one received is the visitor, the event's source, and the
    /// host its target (the guidelines code the visitor's 042 only, not the host's 043).
    pub host: bool,
}

/// The loaded dictionary.
pub struct Dict {
    pub rules: Vec<Rule>,
    by_first: HashMap<String, Vec<(u32, u8)>>,
}

impl Dict {
    /// The embedded dictionary (parsed once).
    pub fn embedded() -> &'static Dict {
        static D: OnceLock<Dict> = OnceLock::new();
        D.get_or_init(|| Dict::parse(TRIGGERS))
    }

    /// Parses the built `triggers.tsv` format; bad lines are skipped.
    pub fn parse(text: &str) -> Dict {
        let mut rules = Vec::new();
        let mut by_first: HashMap<String, Vec<(u32, u8)>> = HashMap::new();
        for line in text.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 5 {
                continue;
            }
            let needs: Vec<Vec<String>> = f[2]
                .split('|')
                .filter(|s| !s.is_empty())
                .map(|s| s.split(' ').map(String::from).collect())
                .collect();
            let flags = f[3];
            // UniversalPetrarch's bare verbs (one code for every sense of the verb) cost far more
            // precision than they bring recall on the dev set (README): only its verb + object
            // patterns are used.
            if f[4] == "up" && f[2].is_empty() {
                continue;
            }
            for form in f[1].split('|').filter(|s| !s.is_empty()) {
                let words: Vec<String> = form.split(' ').map(String::from).collect();
                let idx = rules.len() as u32;
                by_first.entry(words[0].clone()).or_default().push((idx, 0));
                rules.push(Rule {
                    code: f[0].to_string(),
                    words,
                    needs: needs.clone(),
                    speech: flags.contains("speech"),
                    noun: flags.contains("noun"),
                    mil: flags.contains("mil"),
                    verb: flags.contains("verb"),
                    curated: f[4] == "curated",
                    host: flags.contains("host"),
                });
            }
        }
        Dict { rules, by_first }
    }

    pub fn len(&self) -> usize {
        self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }
}

/// A word of a sentence with its comparison variants.
#[derive(Debug, Clone)]
pub struct Tok {
    /// Byte offsets in the paragraph.
    pub start: usize,
    pub end: usize,
    pub key: String,
    /// Variants for anchoring a trigger: (key, future-prefix stripped, through an article or
    /// preposition). Shared by every occurrence of the word (see `cached_forms`).
    pub anchors: Rc<[(String, bool, bool)]>,
    /// Variants for context words (needs, later words of a phrase): looser.
    pub loose: Rc<[String]>,
    /// The text between the previous token and this one contains punctuation.
    pub punct_before: bool,
    /// The raw token begins with the conjunction و or ف (a new verb clause in Arabic).
    pub conj: bool,
}

const SUFFIXES: &[&str] = &["هما", "هم", "ها", "ه", "كم", "نا"];

fn push_unique(v: &mut Vec<String>, s: String) {
    if !s.is_empty() && !v.contains(&s) {
        v.push(s);
    }
}

/// Tokens of `sent` (a slice of a paragraph starting at byte `base`) with their variants.
pub fn analyse(sent: &str, base: usize) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::new();
    let mut prev_end = 0;
    let mut buf = String::new();
    for t in tokens(sent) {
        let gap = &sent[prev_end..t.start];
        prev_end = t.end;
        let punct_before = gap.chars().any(|c| !c.is_whitespace());
        buf.clear();
        match_key_into(&sent[t.start..t.end], &mut buf);
        let f = cached_forms(&buf, t.kind == TokenKind::Arabic);
        out.push(Tok {
            start: base + t.start,
            end: base + t.end,
            key: buf.clone(),
            anchors: f.0,
            loose: f.1,
            punct_before,
            conj: f.2,
        });
    }
    out
}

type Forms = (Rc<[(String, bool, bool)]>, Rc<[String]>, bool);
type FormCache = HashMap<String, Forms, std::hash::BuildHasherDefault<Fnv>>;

/// FNV-1a: the cache's keys are short words, for which SipHash costs more than the lookup.
#[derive(Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// The variants of a word depend on its match key alone, and news repeats its words: they are
/// computed once per thread (the cache is emptied when it grows past 10,000 words).
fn cached_forms(key: &str, arabic: bool) -> Forms {
    thread_local! {
        // [other scripts, Arabic]: a word's variants depend on its script too.
        static CACHE: RefCell<[FormCache; 2]> = RefCell::new(Default::default());
    }
    CACHE.with(|c| {
        let c = &mut c.borrow_mut()[arabic as usize];
        if let Some(f) = c.get(key) {
            return f.clone();
        }
        if c.len() > 10_000 {
            c.clear();
        }
        let f = forms(key, arabic);
        c.insert(key.to_string(), f.clone());
        f
    })
}

/// Words whose و is their first root letter, never the conjunction: وزارة (a ministry) is not
/// و + زار + ه ("and visited him").
const ROOT_WAW: &[&str] = &["وزاره", "وزارات", "وزارتي", "وزارته", "وزارتها", "وزارتا"];

fn forms(key: &str, arabic: bool) -> Forms {
    let key = key.to_string();
    let mut anchors: Vec<(String, bool, bool)> = Vec::new();
    let mut loose: Vec<String> = Vec::new();
    let mut conj = false;
    if arabic {
        let mut bases = vec![key.clone()];
        let n = key.chars().count();
        if n >= 4
            && (key.starts_with('و') || key.starts_with('ف'))
            && !ROOT_WAW.contains(&key.as_str())
        {
            let r = key['و'.len_utf8()..].to_string();
            conj = true;
            bases.push(r);
        }
        let mut cands: Vec<(String, bool, bool)> = Vec::new();
        for b in &bases {
            cands.push((b.clone(), false, false));
            let c = core_key(b);
            if c != *b {
                cands.push((c, false, true));
            }
            // A preposition on an event noun (بزيارة، لزيارة، باعتقال): marked as through
            // the article, so verb rules never match it.
            for pre in ['ب', 'ل', 'ك'] {
                if let Some(r) = b
                    .strip_prefix(pre)
                    .filter(|r| r.chars().count() >= 3 && !r.starts_with("ال"))
                {
                    cands.push((r.to_string(), false, true));
                }
            }
            // The future prefix س on an imperfect verb (سيدعو، ستشارك).
            if let Some(r) = b.strip_prefix('س') {
                if r.starts_with(['ي', 'ت', 'ن']) && r.chars().count() >= 3 {
                    cands.push((r.to_string(), true, false));
                }
            }
        }
        let mut with_suffix = Vec::new();
        for (c, fut, art) in &cands {
            for s in SUFFIXES {
                if let Some(r) = c.strip_suffix(s) {
                    if r.chars().count() >= 3 {
                        with_suffix.push((r.to_string(), *fut, *art));
                        // اعتقلته → اعتقلت, قبولها → قبول; اعتقلوه → اعتقلوا
                        if let Some(r2) = r.strip_suffix('و') {
                            with_suffix.push((format!("{r2}وا"), *fut, *art));
                        }
                    }
                }
            }
        }
        cands.extend(with_suffix);
        for c in cands {
            if !anchors.iter().any(|a| a.0 == c.0) {
                anchors.push(c);
            }
        }
        for b in &bases {
            push_unique(&mut loose, b.clone());
            push_unique(&mut loose, core_key(b));
            // A needed word with a pronoun suffix (تأييدها، دعمه → تأييد، دعم).
            for s in SUFFIXES {
                if let Some(r) = b.strip_suffix(s).filter(|r| r.chars().count() >= 3) {
                    push_unique(&mut loose, r.to_string());
                    push_unique(&mut loose, core_key(r));
                    break;
                }
            }
            for p in ['ب', 'ل', 'ك'] {
                if let Some(r) = b.strip_prefix(p) {
                    if r.chars().count() >= 3 {
                        push_unique(&mut loose, r.to_string());
                        push_unique(&mut loose, core_key(r));
                    }
                }
            }
        }
    } else {
        anchors.push((key.clone(), false, false));
        loose.push(key.clone());
    }
    (anchors.into(), loose.into(), conj)
}

/// A trigger found in a sentence.
#[derive(Debug, Clone)]
pub struct Hit {
    pub rule: u32,
    /// Token range of the trigger form.
    pub first: usize,
    pub last: usize,
    /// First and last token of the matched need (== last when the rule has none).
    pub need_start: usize,
    pub need_end: usize,
    pub future: bool,
    /// Specificity: words in the form + 2 when a need matched.
    pub weight: u32,
}

/// True when token `t` matches the core word `w` loosely.
pub fn tok_is(t: &Tok, w: &str) -> bool {
    t.loose.iter().any(|x| x == w)
}

fn phrase_at(toks: &[Tok], i: usize, words: &[String]) -> bool {
    words
        .iter()
        .enumerate()
        .all(|(j, w)| toks.get(i + j).is_some_and(|t| tok_is(t, w)))
}

/// All rule hits in `toks`; `clause_end(i)` gives the end (exclusive) of token i's clause,
/// where needs are looked for; `mil` says whether the sentence has military context.
/// `skip(i)`: token i cannot anchor a trigger (it is part of a name: مجلس الأمن).
pub fn find_hits(
    dict: &Dict,
    toks: &[Tok],
    clause_end: &dyn Fn(usize) -> usize,
    mil: bool,
    skip: &dyn Fn(usize) -> bool,
) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        for (a, fut, art) in t.anchors.iter() {
            let Some(rs) = dict.by_first.get(a) else {
                continue;
            };
            for &(ri, _) in rs {
                let r = &dict.rules[ri as usize];
                if (r.mil && !mil) || (r.verb && *art) || skip(i) {
                    continue;
                }
                if !phrase_at(toks, i + 1, &r.words[1..]) {
                    continue;
                }
                let last = i + r.words.len() - 1;
                let mut need_end = last;
                let mut need_start = last;
                if !r.needs.is_empty() {
                    let ce = clause_end(i).min(toks.len());
                    // A needed word within 14 words after the trigger, in the same clause.
                    let found = (last + 1..ce.min(last + 15)).find_map(|j| {
                        r.needs
                            .iter()
                            .find(|n| phrase_at(toks, j, n))
                            .map(|n| (j, j + n.len() - 1))
                    });
                    match found {
                        Some((b, e)) => {
                            need_start = b;
                            need_end = e;
                        }
                        None => continue,
                    }
                }
                let weight = r.words.len() as u32
                    + if r.needs.is_empty() { 0 } else { 2 }
                    + if r.curated { 1 } else { 0 };
                hits.push(Hit {
                    rule: ri,
                    first: i,
                    last,
                    need_start,
                    need_end,
                    future: *fut,
                    weight,
                });
            }
        }
    }
    hits
}
