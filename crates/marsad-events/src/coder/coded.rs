//! One hit coded: the status rules, then its source and target runs, its confidence and
//! modality; the hits of a sentence coded in order, each able to lend its subject to the next.
//!
//! For: walking a sentence's hits and recording, in the trace, what the rules did with each (the
//! detector's candidates). Not for: building the events ([`super::emit`]), nor the rules
//! themselves ([`super::status`], [`super::subject`], [`super::target`]).

use super::sentence::Sentence;
use super::{debug, status, subject, target, Trace};
use crate::codes;
use crate::detector::features::Candidate;
use crate::triggers::Hit;

/// A hit with its participants (run indices into the sentence).
pub(crate) struct Coded {
    pub hit: Hit,
    pub sources: Vec<usize>,
    pub targets: Vec<usize>,
    pub conf: f32,
    /// The sources are a dropped subject, borrowed from another event or a speaker.
    pub from_ref: bool,
    pub future: bool,
    /// Kept with no doer (violence or protest by an unnamed doer, or lenient mode).
    pub anonymous: bool,
    /// The rule that would have dropped it (lenient mode), or 0.
    pub skip: u8,
}

/// A sentence's coded hits, and the speech hits (trigger token, speaker runs) whose content the
/// later hits may be.
pub(crate) struct Coding {
    pub coded: Vec<Coded>,
    pub speakers: Vec<(usize, Vec<usize>)>,
}

impl Coding {
    /// The speaker of the last speech before token `first`.
    pub fn speaker_before(&self, first: usize) -> Option<&Vec<usize>> {
        self.speakers
            .iter()
            .rev()
            .find(|(f, _)| *f < first)
            .map(|(_, sp)| sp)
    }
}

/// Codes the hits of a sentence in order.
pub(crate) fn code_hits(s: &Sentence, hits: &[Hit], trace: &mut Trace) -> Coding {
    let mut coding = Coding {
        coded: Vec::new(),
        speakers: Vec::new(),
    };
    for h in hits {
        let Some(c) = code_hit(s, hits, h, &coding, trace) else {
            continue;
        };
        if s.rule(h).speech && c.skip == 0 {
            coding.speakers.push((h.first, c.sources.clone()));
        }
        coding.coded.push(c);
    }
    coding
}

/// Hit `h` coded, or None when a rule drops it (strict mode; lenient mode keeps it marked).
fn code_hit(
    s: &Sentence,
    hits: &[Hit],
    h: &Hit,
    coding: &Coding,
    trace: &mut Trace,
) -> Option<Coded> {
    let rule = s.rule(h);
    let cand = |skip: u8| Candidate {
        code: rule.code.clone(),
        first: h.first,
        last: h.last,
        noun: rule.noun,
        verb: rule.verb,
        curated: rule.curated,
        needs: !rule.needs.is_empty(),
        skip,
    };
    // A rule's reason to drop the hit: logged when debugging, kept for the detector.
    let mut skipped: u8 = 0;
    for n in status::drops(s, hits, h) {
        if debug() {
            eprintln!("  skip {} at {}: #{}", rule.code, h.first, n);
        }
        if !trace.lenient {
            trace.cands.push(cand(n));
            return None;
        }
        if skipped == 0 {
            skipped = n;
        }
    }
    let passive = status::passive(s, h);
    let future = status::future(s, h);
    let mut conf = if rule.curated { 0.8 } else { 0.5 };
    if future {
        conf *= 0.5;
    }
    let victims = subject::casualty_victims(s, h);
    let (mut sources, from_ref) = match victims {
        Some(v) => (subject::casualty_doer(s, h, v), false),
        None => subject::sources(s, h, passive, coding),
    };
    // A capital speaks for its government (اتهمت موسكو), but where crowds march or bombs go off
    // it is the place (شهدت تونس العاصمة احتجاجات، هزت انفجارات دمشق).
    let street = matches!(codes::root(&rule.code), "14" | "18" | "19" | "20");
    if street {
        sources.retain(|&r| !s.capital(r));
    }
    // Violence and protest are reported without a doer (انفجار استهدف، فجر انتحاري نفسه). A
    // plural noun (تفجيرات داعش، حصول اعتداءات) is a generic mention, not one event. Lenient: a
    // hit without a doer is still a candidate (the detector decides; an event with no actor at
    // all needs a strong score and a kind of doer named).
    let doerless = status::violent(&rule.code) || codes::root(&rule.code) == "14";
    let rules_anonymous =
        doerless && rule.curated && (rule.verb || !s.key(h.first).ends_with("ات"));
    let anonymous = sources.is_empty() && (rules_anonymous || trace.lenient);
    if sources.is_empty() && !rules_anonymous && skipped == 0 {
        skipped = 10;
    }
    if sources.is_empty() && !anonymous {
        if debug() {
            eprintln!("  skip {} at {}: #10", rule.code, h.first);
        }
        trace.cands.push(cand(10));
        return None;
    }
    let mut targets: Vec<usize> = match victims {
        Some(v) => v
            .map(|v| s.chain(v))
            .unwrap_or_default()
            .into_iter()
            .filter(|&r| !s.groups[r].is_empty())
            .collect(),
        None => target::targets(s, h, &sources),
    };
    if street {
        targets.retain(|&r| !s.capital(r));
    }
    // استقبل الملك الرئيسَ: the guest made the visit (042) to the host.
    if rule.host && !targets.is_empty() && !anonymous {
        std::mem::swap(&mut sources, &mut targets);
    }
    trace.cands.push(cand(skipped));
    Some(Coded {
        skip: skipped,
        hit: h.clone(),
        sources,
        targets,
        conf,
        from_ref,
        future,
        anonymous,
    })
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{codes_of, with_sentence};
    use super::super::{hits, Trace};
    use super::code_hits;

    /// Per coded hit: code, source codes, borrowed subject, skip; and the trace's candidate skips.
    type Row = (String, Vec<String>, bool, u8);

    fn coding(text: &str, lenient: bool) -> (Vec<Row>, Vec<u8>) {
        with_sentence(text, |s, _| {
            let hits = hits::find(s);
            let mut trace = Trace {
                lenient,
                cands: Vec::new(),
            };
            let c = code_hits(s, &hits, &mut trace);
            let coded = c.coded.iter().map(|c| {
                let code = s.rule(&c.hit).code.clone();
                (code, codes_of(s, &c.sources), c.from_ref, c.skip)
            });
            (
                coded.collect(),
                trace.cands.iter().map(|c| c.skip).collect(),
            )
        })
    }

    fn c(code: &str, src: &[&str], from_ref: bool, skip: u8) -> Row {
        let src = src.iter().map(|x| x.to_string()).collect();
        (code.to_string(), src, from_ref, skip)
    }

    #[test]
    fn a_coordinated_verb_shares_the_first_verbs_subject() {
        let text = "اعتقلت الشرطة التركية عشرة أشخاص في إسطنبول وصادرت أسلحة.";
        let (coded, _) = coding(text, false);
        assert_eq!(coded.len(), 2);
        assert_eq!((coded[0].0.as_str(), coded[1].0.as_str()), ("173", "1711"));
        assert!(!coded[0].2 && coded[1].2, "the second subject is borrowed");
        assert_eq!(coded[0].1, coded[1].1);
        assert!(coded[1].1[0].starts_with("TUR"));
    }

    #[test]
    fn strict_mode_drops_a_negated_hit_and_traces_why() {
        let text = "لم تهاجم القوات الإسرائيلية مدينة رفح أمس.";
        assert_eq!(coding(text, false), (Vec::new(), vec![1]));
        let want = vec![c("190", &["ISRMIL"], false, 1)];
        assert_eq!(coding(text, true), (want, vec![1]));
    }

    #[test]
    fn lenient_mode_keeps_a_negated_report_with_its_rule() {
        // The reported verb (لن تستقبل) is kept for the detector, marked 1; the government before
        // it is its subject.
        let text = "أعلنت الحكومة الأردنية أنها لن تستقبل الوفد الإسرائيلي.";
        let want = vec![
            c("010", &["JORGOV"], false, 0),
            c("042", &["JORGOV"], false, 1),
        ];
        assert_eq!(coding(text, true).0, want);
    }
}
