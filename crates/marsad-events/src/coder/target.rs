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
    let side = |a: &crate::event::Actor| a.country.clone().or_else(|| a.code.clone());
    let src_countries: Vec<Option<String>> = sources
        .iter()
        .flat_map(|&r| s.groups[r].iter().map(side))
        .collect();
    // Past a subject that follows the verb (VSO), else past the trigger.
    let after_pos = sources
        .iter()
        .map(|&r| s.runs[r].last)
        .filter(|&l| l > h.first)
        .max()
        .unwrap_or(h.last);
    // A run all of whose actors are of the source's countries is the same side (بوتين وروسيا).
    let same_side = |r: usize| s.groups[r].iter().all(|a| src_countries.contains(&side(a)));
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
    fn the_target_follows_a_vso_subject() {
        let text = "هددت كوريا الشمالية اليابان بضربة صاروخية.";
        assert_eq!(
            targets_of(text, 0),
            vec![("138".to_string(), vec!["JPN".to_string()])]
        );
    }
}
