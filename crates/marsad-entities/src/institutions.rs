//! Names of institutions found by their shape: a head noun (وزارة، هيئة، مجلس، جامعة …) and the
//! chain of definite words that completes it (وزارة الموارد البشرية والتنمية الاجتماعية، الهيئة
//! العامة للإحصاء، بلدية نابلس). Government bodies are named this way in every Arab press, most of
//! them are in no list, and a tagger trained on one country's news cuts them short or misses them.
//!
//! What it is for: organisation spans, whole, for the linker to add beside the tagger's. What it
//! is not: it links nothing and gives no country (a nisba or place inside the name does that).

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::tagger::Span;

/// Head nouns of institution names (written as in the text; compared by match key).
const HEADS: &[&str] = &[
    "وزارة",
    "هيئة",
    "مجلس",
    "وكالة",
    "مؤسسة",
    "جامعة",
    "بلدية",
    "أمانة",
    "إدارة",
    "مديرية",
    "محكمة",
    "نيابة",
    "شركة",
    "جمعية",
    "اتحاد",
    "نقابة",
    "لجنة",
    "منظمة",
    "حزب",
    "حركة",
    "رابطة",
    "مصلحة",
    "ديوان",
    "صندوق",
    "بنك",
    "مصرف",
    "مركز",
    "معهد",
    "غرفة",
    "سفارة",
    "قنصلية",
    "رئاسة",
    "جهاز",
    "دائرة",
    "مفوضية",
    "كلية",
    "أكاديمية",
    "إذاعة",
    "قناة",
    "صحيفة",
    "جريدة",
    "مجلة",
];

/// Definite words that end a name rather than continue it: relatives, time words, adjectives
/// of reference ("the ministry concerned"), and the titles of a person named after the body
/// (رئيس جامعة القصيم الدكتور عبدالرحمن الداود).
const STOPS: &[&str] = &[
    "الذي",
    "التي",
    "الذين",
    "اللذين",
    "اللتين",
    "اللذان",
    "اللتان",
    "الماضي",
    "الماضية",
    "الحالي",
    "الحالية",
    "الجاري",
    "الجارية",
    "المقبل",
    "المقبلة",
    "الأخير",
    "الأخيرة",
    "اليوم",
    "الآن",
    "المعنية",
    "المعني",
    "المختصة",
    "المختص",
    "نفسها",
    "نفسه",
    "ذاتها",
    "ذاته",
    "الجديد",
    "الجديدة",
    "السابق",
    "السابقة",
    "الأول",
    "الأولى",
    "الثاني",
    "الثانية",
    "كافة",
    "جميع",
    "الأحد",
    "الاثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
    "السبت",
    "الفني",
    "الفنية",
    "الإدارة",
    "المنظمة",
    "المنظم",
    "الدكتور",
    "الدكتورة",
    "الأمير",
    "الأميرة",
    "الشيخ",
    "المهندس",
    "الأستاذ",
    "اللواء",
    "العميد",
    "العقيد",
    "الفريق",
    "المستشار",
    "السفير",
];

/// The longest name the rule builds, in words.
const MAX_WORDS: usize = 10;

fn keys(words: &[&str]) -> HashSet<String> {
    words.iter().map(|w| marsad_text::match_key(w)).collect()
}

fn heads() -> &'static HashSet<String> {
    static H: OnceLock<HashSet<String>> = OnceLock::new();
    H.get_or_init(|| {
        let mut h = keys(HEADS);
        // The definite head too (الهيئة العامة للإحصاء، المجلس الأعلى للقضاء).
        let definite: Vec<String> = h.iter().map(|k| format!("ال{k}")).collect();
        h.extend(definite);
        h
    })
}

fn stops() -> &'static HashSet<String> {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    S.get_or_init(|| keys(STOPS))
}

/// A word that continues a name after its head: definite (الداخلية), definite after a
/// conjunction or the preposition ل (والتنمية، للإحصاء), and not a stop word.
fn continues(key: &str) -> bool {
    let bare = key
        .strip_prefix("وال")
        .or_else(|| key.strip_prefix("لل"))
        .or_else(|| key.strip_prefix("ال"));
    bare.is_some_and(|b| b.chars().count() >= 2) && !stops().contains(key)
}

/// الهيئة, not هيئة (nor وهيئة).
fn is_definite_head(key: &str) -> bool {
    let k = key
        .strip_prefix('و')
        .filter(|k| heads().contains(*k))
        .unwrap_or(key);
    k.starts_with("ال")
}

/// Institution names in `text`: `known(start)` gives the end of a known name (a KB place or
/// organisation) starting at byte `start`, so that بلدية نابلس and جامعة بيرزيت complete too.
pub fn institution_spans(text: &str, known: impl Fn(usize) -> Option<usize>) -> Vec<Span> {
    let toks: Vec<marsad_text::Token> = marsad_text::tokens(text).collect();
    let keys: Vec<String> = toks
        .iter()
        .map(|t| marsad_text::match_key(&text[t.start..t.end]))
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        // A head, bare or after و (وأعلنت وزارة … / ووزارة الداخلية): the name starts after و.
        let (head, start) = match keys[i].strip_prefix('و') {
            Some(k) if heads().contains(k) && !heads().contains(&keys[i]) => {
                (true, toks[i].start + 'و'.len_utf8())
            }
            _ => (heads().contains(&keys[i]), toks[i].start),
        };
        if !head {
            i += 1;
            continue;
        }
        let mut end = toks[i].end;
        let mut j = i + 1;
        while j < toks.len() && j - i < MAX_WORDS {
            // Punctuation or a line between the words ends the name.
            if !text[toks[j - 1].end..toks[j].start].trim().is_empty() {
                break;
            }
            if continues(&keys[j]) {
                end = toks[j].end;
                j += 1;
            } else if let Some(e) = known(toks[j].start).filter(|_| j == i + 1) {
                // Only right after a bare head (بلدية نابلس); after a definite word a name opens
                // the next phrase (الاتحاد الأوروبي | أرمينيا).
                end = e;
                while j < toks.len() && toks[j].start < e {
                    j += 1;
                }
            } else {
                break;
            }
        }
        // A definite head with one word after it is as often a description (الجهاز الفني،
        // اللجنة المنظمة) as a name: it takes two (الهيئة العامة للإحصاء).
        let needed = if is_definite_head(&keys[i]) { 2 } else { 1 };
        if j > i + needed {
            out.push(Span {
                start,
                end,
                label: "ORG".to_string(),
            });
        }
        i = j.max(i + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<&str> {
        institution_spans(text, |_| None)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn long_government_names_are_found_whole() {
        assert_eq!(
            names("أعلنت وزارة الموارد البشرية والتنمية الاجتماعية اليوم عن برنامج"),
            ["وزارة الموارد البشرية والتنمية الاجتماعية"]
        );
        assert_eq!(
            names("وأفادت الهيئة العامة للإحصاء بأن المعدل انخفض"),
            ["الهيئة العامة للإحصاء"]
        );
        assert_eq!(
            names("وأكدت وزارة البيئة والمياه والزراعة، أن الأمطار ستستمر"),
            ["وزارة البيئة والمياه والزراعة"]
        );
        // A head after the conjunction و: the name starts after it.
        assert_eq!(names("ووزارة الداخلية"), ["وزارة الداخلية"]);
    }

    #[test]
    fn a_head_alone_or_with_a_word_of_reference_is_no_name() {
        assert!(names("وقالت الوزارة إن العمل مستمر").is_empty());
        assert!(names("وأكدت الوزارة المعنية أن العمل مستمر").is_empty());
        assert!(names("المجلس الذي اجتمع أمس").is_empty());
    }

    #[test]
    fn a_title_after_the_body_opens_the_next_name() {
        let t = "واستقبل رئيس جامعة القصيم الدكتور عبدالرحمن الداود الوفد.";
        assert_eq!(names(t), vec!["جامعة القصيم"]);
    }

    #[test]
    fn a_known_place_completes_a_name() {
        let text = "قال رئيس بلدية نابلس إن";
        let at = text.find("نابلس").unwrap();
        let spans = institution_spans(text, |s| (s == at).then_some(at + "نابلس".len()));
        let got: Vec<&str> = spans.iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(got, ["بلدية نابلس"]);
        let text = "حث الاتحاد الأوروبي أرمينيا على";
        let at = text.find("أرمينيا").unwrap();
        let spans = institution_spans(text, |s| (s == at).then_some(at + "أرمينيا".len()));
        let got: Vec<&str> = spans.iter().map(|s| &text[s.start..s.end]).collect();
        assert!(got.is_empty(), "{got:?}");
    }
}
