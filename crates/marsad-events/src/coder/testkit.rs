//! What the phases' tests share: a one-sentence article read with the embedded KB, tagger and
//! trigger dictionary, as `marsad analyze` reads it. The sentences are written for these tests in
//! the style of Arabic news (never taken from the gold test split).

use chrono::NaiveDate;
use marsad_entities::{find_entities, tagger::Model};
use marsad_kb::Kb;

use super::memory::Doc;
use super::sentence::{Article, Sentence};
use super::{propose, Proposal};
use crate::triggers::{self, Dict, Hit};

/// The publication date of every test article.
pub(crate) fn published() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2024, 3, 12)
}

pub(crate) fn paragraphs(text: &str) -> Vec<String> {
    text.lines().map(marsad_text::normalize_display).collect()
}

/// Runs `f` on the first sentence of `text` (each line a paragraph), with its actors resolved
/// against `doc` as the earlier paragraphs left it. Earlier paragraphs go through the whole coder.
pub(crate) fn with_sentence<R>(text: &str, f: impl FnOnce(&mut Sentence, &mut Doc) -> R) -> R {
    let kb = Kb::embedded();
    let paragraphs = paragraphs(text);
    let ents = find_entities(kb, Model::embedded().ok(), &paragraphs, published());
    let art = Article {
        kb,
        dict: Dict::embedded(),
        entities: &ents,
        published: published(),
    };
    let mut doc = Doc::new(kb, &ents);
    let mut trace = super::Trace {
        lenient: false,
        cands: Vec::new(),
    };
    let last = paragraphs.len() - 1;
    for (pi, p) in paragraphs.iter().enumerate().take(last) {
        for r in marsad_text::sentences(p) {
            let toks = triggers::analyse(&p[r.start..r.end], r.start);
            super::code_sentence(&art, &mut doc, (pi, p), (r.start, r.end), &toks, &mut trace);
        }
    }
    let p = &paragraphs[last];
    let r = marsad_text::sentences(p)[0].clone();
    let toks = triggers::analyse(&p[r.start..r.end], r.start);
    let mut s = Sentence::new(&art, last, p, (r.start, r.end), &toks);
    let hits = super::hits::find(&s);
    s.read_actors(&doc, &hits);
    f(&mut s, &mut doc)
}

/// `f` on each coded hit of the first sentence of `text`, with the hit's rule code.
pub(crate) fn each_hit<R>(
    text: &str,
    f: impl Fn(&Sentence, &[Hit], &Hit) -> R,
) -> Vec<(String, R)> {
    with_sentence(text, |s, _| {
        let hits = super::hits::find(s);
        let code = |h: &Hit| s.rule(h).code.clone();
        hits.iter().map(|h| (code(h), f(s, &hits, h))).collect()
    })
}

/// The country codes of the actors that runs `rs` stand for.
pub(crate) fn codes_of(s: &Sentence, rs: &[usize]) -> Vec<String> {
    let code = |a: &crate::Actor| a.code.clone().unwrap_or_default();
    rs.iter()
        .flat_map(|&r| s.groups[r].iter().map(code))
        .collect()
}

/// The rules' proposal for each sentence of `text` (lenient: dropped events kept and marked).
pub(crate) fn proposals(text: &str, lenient: bool) -> Vec<Proposal> {
    let kb = Kb::embedded();
    let paragraphs = paragraphs(text);
    let ents = find_entities(kb, Model::embedded().ok(), &paragraphs, published());
    propose(kb, &paragraphs, &ents, published(), lenient)
}

/// `(code, source code, target code)` of the events the rules keep in `text` (strict mode).
pub(crate) fn kept(text: &str) -> Vec<(String, String, String)> {
    let code = |a: Option<&crate::Actor>| a.and_then(|a| a.code.clone()).unwrap_or_default();
    proposals(text, false)
        .into_iter()
        .flat_map(|p| p.events)
        .map(|e| {
            (
                e.code.clone(),
                code(Some(&e.actor1)),
                code(e.actor2.as_ref()),
            )
        })
        .collect()
}
