//! Agreement between two annotations of the same gold sentences (matched by `sid`): Cohen's kappa
//! on event/no-event and on event type, as `marsad eval agreement` prints it.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::corpus::STATEMENT;
use crate::corpus::GoldSentence;

/// Observed agreement and Cohen's kappa of one yes/no decision.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Kappa {
    pub n: usize,
    pub both_yes: usize,
    pub only_a: usize,
    pub only_b: usize,
    pub observed: f64,
    pub kappa: f64,
}

impl Kappa {
    fn add(&mut self, a: bool, b: bool) {
        self.n += 1;
        match (a, b) {
            (true, true) => self.both_yes += 1,
            (true, false) => self.only_a += 1,
            (false, true) => self.only_b += 1,
            _ => {}
        }
    }

    fn finish(&mut self) {
        let n = self.n as f64;
        if n == 0.0 {
            return;
        }
        let both_no = n - (self.both_yes + self.only_a + self.only_b) as f64;
        let po = (self.both_yes as f64 + both_no) / n;
        let ya = (self.both_yes + self.only_a) as f64 / n;
        let yb = (self.both_yes + self.only_b) as f64 / n;
        let pe = ya * yb + (1.0 - ya) * (1.0 - yb);
        self.observed = po;
        self.kappa = if pe < 1.0 {
            (po - pe) / (1.0 - pe)
        } else {
            1.0
        };
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct AgreementReport {
    pub sentences: usize,
    /// The sentence reports some event other than a plain statement.
    pub event: Kappa,
    /// Same, statements counted as events.
    pub event_with_statements: Kappa,
    /// Every (sentence, type) decision, pooled over the types either annotation uses.
    pub event_type: Kappa,
    pub by_type: BTreeMap<String, Kappa>,
    /// Sentences where both give exactly the same set of types.
    pub same_types: f64,
}

/// Compares the sentences of `b` with the same sentences of `a`.
pub fn agreement(a: &[GoldSentence], b: &[GoldSentence]) -> AgreementReport {
    let mut r = AgreementReport::default();
    let types = |g: &GoldSentence| -> BTreeSet<String> { g.happened_types().into_iter().collect() };
    let pairs: Vec<(&GoldSentence, &GoldSentence)> = b
        .iter()
        .filter_map(|y| a.iter().find(|x| x.sid == y.sid).map(|x| (x, y)))
        .collect();
    // The types either annotation uses on these sentences (not elsewhere in the files).
    let all: BTreeSet<String> = pairs
        .iter()
        .flat_map(|(x, y)| types(x).into_iter().chain(types(y)))
        .collect();
    let mut same = 0;
    for (x, y) in pairs {
        r.sentences += 1;
        let (ta, tb) = (types(x), types(y));
        let ev = |t: &BTreeSet<String>| t.iter().any(|k| k != STATEMENT);
        r.event.add(ev(&ta), ev(&tb));
        r.event_with_statements.add(!ta.is_empty(), !tb.is_empty());
        for k in &all {
            let (ia, ib) = (ta.contains(k), tb.contains(k));
            r.event_type.add(ia, ib);
            r.by_type.entry(k.clone()).or_default().add(ia, ib);
        }
        same += (ta == tb) as usize;
    }
    r.same_types = same as f64 / r.sentences.max(1) as f64;
    for k in [
        &mut r.event,
        &mut r.event_with_statements,
        &mut r.event_type,
    ] {
        k.finish();
    }
    r.by_type.values_mut().for_each(Kappa::finish);
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::parse;

    #[test]
    fn kappa_of_a_known_table() {
        // 10 sentences: both yes 4, both no 4, one each way: po 0.8, pe 0.5, kappa 0.6.
        let line = |sid: usize, yes: bool| {
            let ev = if yes {
                r#"{"code":"180","status":"happened"}"#
            } else {
                ""
            };
            format!(r#"{{"sid":"s{sid}","text":"x","events":[{ev}]}}"#)
        };
        let a: Vec<String> = (0..10).map(|i| line(i, i < 5)).collect();
        let b: Vec<String> = (0..10).map(|i| line(i, i < 4 || i == 9)).collect();
        let r = agreement(
            &parse(&a.join("\n")).unwrap(),
            &parse(&b.join("\n")).unwrap(),
        );
        assert_eq!(r.sentences, 10);
        assert!((r.event.observed - 0.8).abs() < 1e-9);
        assert!((r.event.kappa - 0.6).abs() < 1e-9, "{:?}", r.event);
        assert!((r.by_type["ASSAULT"].kappa - 0.6).abs() < 1e-9);
    }
}
