//! To whom: the target actors of a hit, the first actor after the trigger (and after a subject
//! that follows it) that is not on the source's side, with the actors coordinated after it.
//!
//! For: the target runs of one hit in its clause. Not for: a conflict's unnamed target (the
//! article's adversary is added when events are built, [`super::emit`]).

use super::sentence::Sentence;
use crate::triggers::Hit;

/// The target runs of hit `h` whose sources are the runs `sources`.
pub(crate) fn targets(s: &Sentence, h: &Hit, sources: &[usize]) -> Vec<usize> {
    let (_, ce) = s.clause_of(h.first);
    let src_actors: Vec<&crate::event::Actor> =
        sources.iter().flat_map(|&r| s.groups[r].iter()).collect();
    // Past a subject that follows the verb (VSO), else past the trigger.
    let after_pos = sources
        .iter()
        .map(|&r| s.runs[r].last)
        .filter(|&l| l > h.first)
        .max()
        .unwrap_or(h.last);
    // A run all of whose actors are on a source's side is no target (بوتين وروسيا); within one
    // country, sectors are sides of their own (the union calls on the government).
    let same_side = |r: usize| {
        s.groups[r]
            .iter()
            .all(|a| src_actors.iter().any(|b| one_side(a, b)))
    };
    let t0 = (0..s.runs.len()).find(|&r| {
        s.runs[r].first > after_pos
            && s.runs[r].first < ce
            && !sources.contains(&r)
            && !same_side(r)
            && !s.groups[r].is_empty()
    });
    let Some(t0) = t0 else {
        return Vec::new();
    };
    s.chain(t0)
        .into_iter()
        .filter(|&r| !same_side(r) && !s.groups[r].is_empty())
        .collect()
}

/// Two actors are one side: the same code, or one is the bare country of the other (روسيا and
/// بوتين), or neither is coded and they share a country.
fn one_side(a: &crate::event::Actor, b: &crate::event::Actor) -> bool {
    let bare =
        |x: &crate::event::Actor, y: &crate::event::Actor| x.code.is_some() && x.code == y.country;
    match (&a.code, &b.code) {
        (Some(x), Some(y)) => x == y || bare(a, b) || bare(b, a),
        _ => a.country.is_some() && a.country == b.country,
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{codes_of, each_hit};
    use super::targets;

    /// The target codes of each hit, its sources being the runs the test names.
    fn targets_of(text: &str, source_run: usize) -> Vec<(String, Vec<String>)> {
        each_hit(text, |s, _, h| codes_of(s, &targets(s, h, &[source_run])))
    }

    #[test]
    fn the_accused_is_the_first_actor_after_the_verb() {
        let text = "اتهمت إيران الولايات المتحدة بدعم الإرهاب.";
        assert_eq!(
            targets_of(text, 0),
            vec![("112".to_string(), vec!["USA".to_string()])]
        );
    }

    #[test]
    fn coordinated_targets_are_all_accused() {
        let text = "اتهمت إيران الولايات المتحدة وإسرائيل بدعم الإرهاب.";
        let want = vec!["USA".to_string(), "ISR".to_string()];
        assert_eq!(targets_of(text, 0), vec![("112".to_string(), want)]);
    }

    #[test]
    fn a_capital_that_acts_is_its_government_and_keeps_its_own_waw() {
        // واشنطن opens with the letter و: it is the accused, not a second accuser.
        let kept = super::super::testkit::kept("اتهم الكرملين واشنطن بالكذب.");
        assert_eq!(
            kept,
            vec![(
                "112".to_string(),
                "RUSGOV".to_string(),
                "USAGOV".to_string()
            )]
        );
        // …but a capital after a locative word or a joined preposition is a place.
        let kept = super::super::testkit::kept("اتهمت روسيا الولايات المتحدة بالكذب في واشنطن.");
        assert_eq!(
            kept,
            vec![("112".to_string(), "RUS".to_string(), "USA".to_string())]
        );
    }

    #[test]
    fn where_crowds_march_or_bombs_go_off_a_capital_is_the_place() {
        // No government of Tunisia protesting, no government of Syria setting off bombs.
        for text in [
            "شهدت تونس العاصمة احتجاجات واسعة أمس.",
            "هزت انفجارات دمشق صباح اليوم.",
        ] {
            let kept = super::super::testkit::kept(text);
            assert!(
                kept.iter()
                    .all(|k| !k.1.ends_with("GOV") && !k.2.ends_with("GOV")),
                "{text}: {kept:?}"
            );
        }
    }

    #[test]
    fn sectors_of_one_country_are_sides_of_their_own() {
        // The union (TUNLAB) criticises the government (TUNGOV): both Tunisian, not one side.
        let kept =
            super::super::testkit::kept("انتقد الاتحاد العام التونسي للشغل الحكومة التونسية.");
        assert_eq!(
            kept,
            vec![(
                "111".to_string(),
                "TUNLAB".to_string(),
                "TUNGOV".to_string()
            )]
        );
    }

    #[test]
    fn the_target_follows_a_vso_subject() {
        let text = "هددت كوريا الشمالية اليابان بضربة صاروخية.";
        assert_eq!(
            targets_of(text, 0),
            vec![("138".to_string(), vec!["JPN".to_string()])]
        );
    }
}
