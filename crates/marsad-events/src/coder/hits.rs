//! The trigger hits of a sentence that are coded: the dictionary's matches, one per place.
//!
//! For: choosing, among overlapping matches, the most specific rule, and dropping a match that is
//! part of another's words. Not for: whether the event happened ([`super::status`]) or who did it
//! ([`super::subject`]); matching itself is [`crate::triggers`].

use super::debug;
use super::sentence::Sentence;
use crate::triggers::{self, Dict, Hit};

/// The hits to code, in sentence order. A word inside a name (مجلس الأمن) anchors no trigger;
/// a rule's needed word is looked for in the trigger's clause.
pub(crate) fn find(s: &Sentence) -> Vec<Hit> {
    let dict = s.art.dict;
    let hits = triggers::find_hits(dict, s.toks, &|i| s.clause_of(i).1, s.military(), &|i| {
        s.in_name(i)
    });
    let hits = select(dict, hits);
    if debug() {
        show(s, &hits);
    }
    hits
}

/// The most specific rule at each position; a hit inside another hit's span (its words up to its
/// needed word) is part of it, not an event of its own.
fn select(dict: &Dict, mut hits: Vec<Hit>) -> Vec<Hit> {
    hits.sort_by(|a, b| {
        b.weight
            .cmp(&a.weight)
            .then(b.need_end.cmp(&a.need_end))
            .then(a.first.cmp(&b.first))
            .then(a.rule.cmp(&b.rule))
    });
    let mut kept: Vec<Hit> = Vec::new();
    for h in hits {
        // Overlapping another hit's trigger words or its needed words (دعا إلى وقف إطلاق النار:
        // the ceasefire is the appeal's content). A trigger between a verb and its needed word
        // (أكد في مكالمة هاتفية مع نظيره دعمه) is an event of its own.
        let overlaps = |a0: usize, a1: usize, b0: usize, b1: usize| a0 <= b1 && b0 <= a1;
        let inside = kept.iter().any(|k| {
            overlaps(h.first, h.last, k.first, k.last)
                || overlaps(h.first, h.last, k.need_start, k.need_end)
                || overlaps(k.first, k.last, h.need_start, h.need_end)
                // A speech verb's content (أكد أن …) up to its needed word is not a new event.
                || (dict.rules[k.rule as usize].speech && h.first > k.last && h.first <= k.need_end)
        });
        if !inside {
            kept.push(h);
        }
    }
    kept.sort_by_key(|h| h.first);
    kept
}

/// Logs the sentence, its kept hits and its actor pieces (MARSAD_EVENTS_DEBUG).
fn show(s: &Sentence, hits: &[Hit]) {
    eprintln!("SENT {}", s.text());
    for h in hits {
        let r = s.rule(h);
        eprintln!(
            "  hit {} {:?} [{}..{}] need {}..{}",
            r.code, r.words, h.first, h.last, h.need_start, h.need_end
        );
    }
    for pc in &s.pieces {
        eprintln!(
            "  piece {:?} {}..{} {:?}",
            pc.kind, pc.first, pc.last, pc.code
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::each_hit;

    #[test]
    fn an_appeal_swallows_the_ceasefire_it_asks_for() {
        // وقف إطلاق النار is the appeal's content, not a ceasefire of its own.
        let hits = each_hit("دعت مصر إلى وقف إطلاق النار في غزة.", |_, _, h| h.first);
        assert_eq!(hits, vec![("0256".to_string(), 0)]);
    }

    #[test]
    fn a_ministry_is_no_visit() {
        // وزارة read as و + زار + ه ("and visited him") was a 042 hit in every ministry's news.
        let hits = each_hit("وأعلنت وزارة التجارة عن إجراءات جديدة.", |_, _, h| h.first);
        assert_eq!(hits, vec![("010".to_string(), 0)]);
        let hits = each_hit("وزارها الوزير أمس في مكتبها.", |_, _, h| h.first);
        assert_eq!(hits.first().map(|h| h.0.as_str()), Some("042"));
    }

    #[test]
    fn a_verb_and_its_object_noun_are_both_hits() {
        // The noun is coded too; status rule 9 then marks it as the verb's object.
        let hits = each_hit(
            "أدانت السعودية الهجوم الذي استهدف مسجدا في باكستان.",
            |_, _, h| h.first,
        );
        let codes: Vec<(&str, usize)> = hits.iter().map(|(c, f)| (c.as_str(), *f)).collect();
        assert_eq!(codes, vec![("111", 0), ("180", 2), ("180", 4)]);
    }

    #[test]
    fn reported_speech_has_a_speech_hit_then_the_reported_event() {
        let text = "قال وزير الخارجية المصري إن إسرائيل قصفت مستشفى في غزة.";
        let hits = each_hit(text, |s, _, h| s.rule(h).speech);
        let want = vec![("010".to_string(), true), ("195".to_string(), false)];
        assert_eq!(hits, want);
    }
}
