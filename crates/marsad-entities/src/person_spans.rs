//! Person spans mended where the tagger, trained on ANERcorp's press of 2007, cuts or joins names
//! of another press (Gulf names above all: long chains of بن and آل, tribal family names, kunyas).
//!
//! What it is for: the tagger's `PERS` spans of one paragraph, before linking. What it is not: it
//! finds no new name and links nothing; a span it does not touch stays as the tagger read it.

use crate::tagger::{Resources, Span};

/// The most words one span runs on over.
const FAMILY_WORDS: usize = 3;

/// Words that open a kunya, part of the name they precede (أم عبدالله، أبو محمد): match keys.
const KUNYA: &[&str] = &["ابو", "ابي", "ابا", "ام"];

/// Nouns of a person that the tagger takes into the name after them (الشاب سالم, اللاعب …):
/// match keys. Titles proper are trimmed by the linker.
const PERSON_NOUNS: &[&str] = &[
    "الشاب",
    "الشابه",
    "الطفل",
    "الطفله",
    "الفتاه",
    "المواطن",
    "المواطنه",
    "الزميل",
    "الزميله",
    "الفقيد",
    "الفقيده",
    "الشهيد",
    "اللاعب",
    "اللاعبه",
    "المدرب",
    "المهاجم",
    "المدافع",
    "الحارس",
    "الكاتب",
    "الكاتبه",
    "الشاعر",
    "الفنان",
    "الفنانه",
    "الاعلامي",
    "الاعلاميه",
    "الداعيه",
    "المهندس",
    "الاستاذ",
    "المحامي",
    "الحكم",
    "الاخ",
    "الاخت",
    "الابن",
    "الابنه",
];

/// The paragraph's spans with each person span mended; other spans are returned unchanged.
pub fn mended(text: &str, spans: Vec<Span>) -> Vec<Span> {
    if !spans.iter().any(|s| s.label == "PERS") {
        return spans;
    }
    let Ok(res) = Resources::embedded() else {
        return spans;
    };
    let toks: Vec<(usize, usize)> = marsad_text::tokens(text)
        .map(|t| (t.start, t.end))
        .collect();
    let taken: Vec<(usize, usize)> = spans.iter().map(|s| (s.start, s.end)).collect();
    let free = |a: usize, b: usize| !taken.iter().any(|&(s, e)| s < b && a < e);
    let mut out = Vec::with_capacity(spans.len());
    for mut s in spans {
        if s.label == "PERS" {
            trim_person_noun(text, &mut s);
            run_on(text, res, &toks, &free, &mut s);
            take_kunya(text, &toks, &free, &mut s);
            out.extend(split_coordinated(text, res, &toks, s));
        } else {
            out.push(s);
        }
    }
    out
}

/// Words of the span: (start, end, match key).
fn words(text: &str, toks: &[(usize, usize)], s: &Span) -> Vec<(usize, usize, String)> {
    toks.iter()
        .filter(|&&(a, b)| s.start <= a && b <= s.end)
        .map(|&(a, b)| (a, b, marsad_text::match_key(&text[a..b])))
        .collect()
}

/// الشاب سالم → سالم: a noun of a person opening a span of two words or more is not the name.
fn trim_person_noun(text: &str, s: &mut Span) {
    let span = &text[s.start..s.end];
    let Some(space) = span.find(' ') else {
        return;
    };
    if PERSON_NOUNS.contains(&marsad_text::match_key(&span[..space]).as_str()) {
        s.start += space + 1;
    }
}

/// The span runs on over the family words the tagger cut off: the name after a final بن/آل/أبو
/// (عبدالله يحيى آل | مشراف), and a family name of nisba shape (عبدالعزيز الحبسي | العتيبي;
/// [`Resources::family_nisba`]). Only across spaces, and only over words no other span holds.
fn run_on(
    text: &str,
    res: &Resources,
    toks: &[(usize, usize)],
    free: &impl Fn(usize, usize) -> bool,
    s: &mut Span,
) {
    for _ in 0..FAMILY_WORDS {
        let Some(&(a, b)) = toks.iter().find(|t| t.0 >= s.end) else {
            return;
        };
        if !free(a, b) || !text[s.end..a].trim().is_empty() {
            return;
        }
        let last = text[s.start..s.end].split_whitespace().last().unwrap_or("");
        let link = matches!(
            marsad_text::match_key(last).as_str(),
            "بن" | "بنت" | "ابن" | "ال" | "ابو"
        );
        let word = &text[a..b];
        // The key folds ى into ي: المتوفى، الأولى are no nisbas.
        let nisba = word.ends_with('ي') && res.family_nisba(&marsad_text::match_key(word));
        if !link && !nisba {
            return;
        }
        s.end = b;
    }
}

/// أم | عبدالله → أم عبدالله: the kunya word just before a name is part of it.
fn take_kunya(
    text: &str,
    toks: &[(usize, usize)],
    free: &impl Fn(usize, usize) -> bool,
    s: &mut Span,
) {
    let Some(&(a, b)) = toks.iter().rev().find(|t| t.1 <= s.start) else {
        return;
    };
    let kunya = KUNYA.contains(&marsad_text::match_key(&text[a..b]).as_str());
    if kunya && free(a, b) && text[b..s.start].trim().is_empty() {
        s.start = a;
    }
}

/// فارس وسعود → فارس | سعود: a word inside the span that is و + a person's name, and is not a
/// name itself (وديع is), starts a second name.
fn split_coordinated(text: &str, res: &Resources, toks: &[(usize, usize)], s: Span) -> Vec<Span> {
    let ws = words(text, toks, &s);
    let name = |k: &str| res.is_person_word(k);
    let cut = ws.iter().skip(1).find(|(_, _, k)| {
        // A word of ال after و is a foreign name's first syllable more often (والكين).
        k.strip_prefix('و')
            .is_some_and(|rest| name(rest) && !name(k) && !rest.starts_with("ال"))
    });
    // The key may fold a character the text writes otherwise: cut only after a written و.
    let Some(&(a, _, _)) = cut.filter(|(a, _, _)| text[*a..].starts_with('و')) else {
        return vec![s];
    };
    let before = text[s.start..a].trim_end();
    let first = Span {
        start: s.start,
        end: s.start + before.len(),
        label: s.label.clone(),
    };
    // The second name starts after و (two bytes).
    let second = Span {
        start: a + 'و'.len_utf8(),
        end: s.end,
        label: s.label,
    };
    vec![first, second]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The person spans `mended` makes of one span over `name` in `text`.
    fn mend(text: &str, name: &str) -> Vec<String> {
        let start = text.find(name).expect("name in text");
        let span = Span {
            start,
            end: start + name.len(),
            label: "PERS".to_string(),
        };
        mended(text, vec![span])
            .iter()
            .map(|s| text[s.start..s.end].to_string())
            .collect()
    }

    #[test]
    fn a_noun_of_a_person_before_the_name_is_not_the_name() {
        let t = "احتفل عيسى الشعيفان بزواج ابنه الشاب سالم من كريمة جاره.";
        assert_eq!(mend(t, "الشاب سالم"), ["سالم"]);
        // A name of one word keeps it: nothing else would be left.
        assert_eq!(mend("وصل الشاب أمس", "الشاب"), ["الشاب"]);
    }

    #[test]
    fn a_kunya_is_part_of_the_name_after_it() {
        let t = "وقالت أم عبدالله إن ابنها خرج صباحا.";
        assert_eq!(mend(t, "عبدالله"), ["أم عبدالله"]);
    }

    #[test]
    fn two_given_names_joined_by_wa_are_two_names() {
        let t = "وتقدم فارس وسعود بالشكر للحضور.";
        assert_eq!(mend(t, "فارس وسعود"), ["فارس", "سعود"]);
        // A foreign name that starts with و and ال is one name.
        let t = "وفاز الممثل كريستوفر والكين بالجائزة.";
        assert_eq!(mend(t, "كريستوفر والكين"), ["كريستوفر والكين"]);
    }

    #[test]
    fn a_name_cut_after_al_runs_on() {
        let t = "وازدحم المعزون لمواساة أسرة عبدالله يحيى آل مشراف في ابنهم.";
        assert_eq!(mend(t, "عبدالله يحيى آل"), ["عبدالله يحيى آل مشراف"]);
        // A comma ends the name.
        let t = "حضر عبدالعزيز الحبسي، العتيبي الأصل.";
        assert_eq!(mend(t, "عبدالعزيز الحبسي"), ["عبدالعزيز الحبسي"]);
    }
}
