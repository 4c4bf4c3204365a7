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

/// Head nouns of institution names that still name a body behind ب or ل (لوزارة الداخلية،
/// بجامعة القصيم), written as in the text and compared by match key.
const HEADS: &[&str] = &[
    "وزارة",
    "هيئة",
    "مجلس",
    "وكالة",
    "مؤسسة",
    "جامعة",
    "بلدية",
    "أمانة",
    "مديرية",
    "محكمة",
    "شركة",
    "جمعية",
    "نقابة",
    "منظمة",
    "حزب",
    "سفارة",
    "قنصلية",
    "مفوضية",
    "كلية",
    "صحيفة",
    "جريدة",
    "مجلة",
    "قناة",
    "إذاعة",
    "بنك",
    "مصرف",
    "ديوان",
];

/// Head nouns that name a body only bare or after و: behind ب or ل they make phrases of another
/// sense (برئاسة: chaired by; لمصلحة: in favour of; لإدارة: to manage; بالنيابة: on behalf of;
/// لجهاز: for a device).
const HEADS_NO_CLITIC: &[&str] = &[
    "إدارة",
    "نيابة",
    "اتحاد",
    "لجنة",
    "حركة",
    "رابطة",
    "مصلحة",
    "صندوق",
    "مركز",
    "معهد",
    "غرفة",
    "رئاسة",
    "جهاز",
    "دائرة",
    "أكاديمية",
    "مرصد",
    "مكتب",
];

/// Heads that name a body only when bare and followed by its name (شرطة دبي، إمارة منطقة مكة
/// المكرمة، مستشفى البجادية): with the article they are the generic noun (الشرطة العراقية).
const BARE_HEADS: &[&str] = &["شرطة", "إمارة", "مستشفى", "مدرسة"];

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
    "المتحدث",
    "الناطق",
    "المدير",
    "الرئيس",
    "الأمين",
    "الوكيل",
    "المشرف",
    "النائب",
    "المسؤول",
    "الفقيد",
    "التابعة",
    "التابع",
];

/// Titles that, right after a head, open the royal or religious name the body is named after
/// (جامعة الملك سعود، مركز الملك سلمان للإغاثة، مستشفى الأمير سلطان).
const NAMED_AFTER: &[&str] = &["الملك", "الأمير", "الأميرة", "الشيخ", "الإمام"];

/// The most بن / آل links in such a name (عبدالله بن عبدالعزيز آل سعود: 2).
const NAME_LINKS: usize = 4;

/// The longest name the rule builds, in words.
const MAX_WORDS: usize = 10;

fn keys(words: &[&str]) -> HashSet<String> {
    words.iter().map(|w| marsad_text::match_key(w)).collect()
}

/// Every head: [`HEADS`] and [`HEADS_NO_CLITIC`], bare and definite, and [`BARE_HEADS`].
fn heads() -> &'static HashSet<String> {
    static H: OnceLock<HashSet<String>> = OnceLock::new();
    H.get_or_init(|| {
        let mut h = with_definite(keys(HEADS).into_iter().chain(keys(HEADS_NO_CLITIC)));
        h.extend(keys(BARE_HEADS));
        h
    })
}

/// The heads that may stand behind ب or ل: [`HEADS`] bare and definite (بالهيئة), [`BARE_HEADS`].
fn clitic_heads() -> &'static HashSet<String> {
    static H: OnceLock<HashSet<String>> = OnceLock::new();
    H.get_or_init(|| {
        let mut h = with_definite(keys(HEADS).into_iter());
        h.extend(keys(BARE_HEADS));
        h
    })
}

/// The keys and their definite forms (الهيئة العامة للإحصاء، المجلس الأعلى للقضاء).
fn with_definite(keys: impl Iterator<Item = String>) -> HashSet<String> {
    keys.flat_map(|k| [format!("ال{k}"), k]).collect()
}

fn stops() -> &'static HashSet<String> {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    S.get_or_init(|| keys(STOPS))
}

/// A word that continues a name after its head: definite (الداخلية), definite after a
/// conjunction or the preposition ل (والتنمية، للإحصاء), and not a stop word (والمتحدث is one).
fn continues(key: &str) -> bool {
    let bare = key
        .strip_prefix("وال")
        .or_else(|| key.strip_prefix("لل"))
        .or_else(|| key.strip_prefix("ال"));
    let unjoined = key.strip_prefix('و').unwrap_or(key);
    bare.is_some_and(|b| b.chars().count() >= 2)
        && !stops().contains(key)
        && !stops().contains(unjoined)
}

fn named_after() -> &'static HashSet<String> {
    static N: OnceLock<HashSet<String>> = OnceLock::new();
    N.get_or_init(|| keys(NAMED_AFTER))
}

/// Words of the person a body is named after, from `j` (a title of [`NAMED_AFTER`]): the title,
/// a given name (عبد with the word after it), then بن/بنت/ابن or آل with a name each
/// (الملك عبدالله بن عبدالعزيز، الأمير سلطان). 0: no such title.
fn person_words(keys: &[String], j: usize) -> usize {
    if !keys.get(j).is_some_and(|k| named_after().contains(k)) {
        return 0;
    }
    let name = |k: usize| {
        keys.get(k)
            .is_some_and(|w| !w.starts_with("ال") && w.chars().count() >= 2)
    };
    let mut n = 1;
    if !name(j + n) || FUNCTION_WORDS.contains(&keys[j + n].as_str()) {
        return 0;
    }
    n += if keys[j + n] == "عبد" && name(j + n + 1) {
        2
    } else {
        1
    };
    for _ in 0..NAME_LINKS {
        let link = keys.get(j + n).map(String::as_str);
        if matches!(link, Some("بن" | "بنت" | "ابن" | "ال")) && name(j + n + 1) {
            n += 2;
        } else {
            break;
        }
    }
    n
}

/// Words that are no given name after a title (مستشفى الملك في …).
const FUNCTION_WORDS: &[&str] = &[
    "من", "في", "علي", "الي", "عن", "مع", "بين", "او", "ثم", "قد",
];

/// General adjectives after which a body's name goes on with ل + a noun (الهيئة الوطنية لمكافحة
/// الفساد); after a word of the name proper, ل opens a purpose (دعت وزارة الداخلية لتطبيق …).
const BEFORE_LI: &[&str] = &[
    "العامة",
    "العام",
    "الوطنية",
    "الوطني",
    "الخيرية",
    "الخيري",
    "العليا",
    "الأعلى",
    "الدولية",
    "الدولي",
    "الأهلية",
    "الأهلي",
    "العالمية",
    "العالمي",
    "العربية",
    "العربي",
    "الإسلامية",
    "الإسلامي",
    "الملكية",
    "السعودية",
    "السعودي",
    "السورية",
    "السوري",
    "المصرية",
    "المصري",
];

fn before_li() -> &'static HashSet<String> {
    static B: OnceLock<HashSet<String>> = OnceLock::new();
    B.get_or_init(|| keys(BEFORE_LI))
}

/// Token `j` is an undefined noun (no article, not a preposition's لل) and the word after it,
/// with only a space between, continues a name.
fn joins_next(text: &str, toks: &[marsad_text::Token], keys: &[String], j: usize) -> bool {
    let k = &keys[j];
    let undefined = !k.starts_with("ال") && !k.starts_with("لل") && k.chars().count() >= 3;
    // An undefined adjective is no construct's noun (حزب إسلامي التوجه).
    let adjective = k.ends_with('ي') || k.ends_with("يه");
    undefined
        && !adjective
        && !FUNCTION_WORDS.contains(&k.as_str())
        && !stops().contains(k)
        && j + 1 < toks.len()
        && text[toks[j].end..toks[j + 1].start].trim().is_empty()
        && continues(&keys[j + 1])
}

/// Token `j` is ل + a noun after one of the adjectives of [`BEFORE_LI`].
fn li_idafa(keys: &[String], j: usize) -> bool {
    j > 0 && before_li().contains(&keys[j - 1]) && keys[j].starts_with('ل')
}

/// A head at token key `key`, maybe behind clitics: how many clitic letters the name starts
/// after (وزارة: 0; لوزارة، ووزارة، بالهيئة: 1; وبوزارة: 2), or None. A head behind لل
/// (للهيئة) keeps its clitics: the word cannot be cut into two written words.
fn head_at(key: &str) -> Option<usize> {
    if heads().contains(key) {
        return Some(0);
    }
    if let Some(rest) = key.strip_prefix("لل") {
        return clitic_heads().contains(&format!("ال{rest}")).then_some(0);
    }
    let (rest, cut) = match key.strip_prefix(['و', 'ف']) {
        Some(r) if heads().contains(r) => return Some(1),
        Some(r) => (r, 1),
        None => (key, 0),
    };
    rest.strip_prefix(['ب', 'ل', 'ك'])
        .filter(|r| clitic_heads().contains(*r))
        .map(|_| cut + 1)
}

/// الهيئة, not هيئة (nor وهيئة): the head key after its `cut` clitic letters.
fn is_definite_head(key: &str, cut: usize) -> bool {
    let k: String = key.chars().skip(cut).collect();
    k.starts_with("ال") || k.starts_with("لل")
}

/// Byte length of the first `n` letters of `word` with the marks written on them (لِوزارة).
pub(crate) fn letters_len(word: &str, n: usize) -> usize {
    let mut letters = 0;
    for (at, c) in word.char_indices() {
        let mark = matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}');
        if !mark {
            if letters == n {
                return at;
            }
            letters += 1;
        }
    }
    word.len()
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
        // A head, bare or behind clitics (ووزارة الداخلية، لوزارة الداخلية): the name starts
        // after them.
        let Some(cut) = head_at(&keys[i]) else {
            i += 1;
            continue;
        };
        let start = toks[i].start + letters_len(&text[toks[i].start..toks[i].end], cut);
        let definite = is_definite_head(&keys[i], cut);
        let mut end = toks[i].end;
        let mut j = i + 1;
        while j < toks.len() && j - i < MAX_WORDS {
            // Punctuation or a line between the words ends the name.
            if !text[toks[j - 1].end..toks[j].start].trim().is_empty() {
                break;
            }
            let person = if j == i + 1 {
                person_words(&keys, j)
            } else {
                0
            };
            if person > 0 {
                end = toks[j + person - 1].end;
                j += person;
            } else if continues(&keys[j]) {
                end = toks[j].end;
                j += 1;
            } else if let Some(e) = known(toks[j].start).filter(|_| j == i + 1 && !definite) {
                // Only right after a bare head (بلدية نابلس); after a definite word a name opens
                // the next phrase (الاتحاد الأوروبي | أرمينيا).
                end = e;
                while j < toks.len() && toks[j].start < e {
                    j += 1;
                }
            } else if joins_next(text, &toks, &keys, j)
                && (j == i + 1 && !definite || li_idafa(&keys, j))
            {
                // A construct chain: a bare head, an undefined noun, a definite word (لجنة مبادرة
                // السلام، مكتب تحقيقات الطيران); or ل + a noun after a general adjective
                // (الرئاسة العامة لرعاية الشباب، المديرية العامة لمكافحة المخدرات).
                end = toks[j].end;
                j += 1;
            } else {
                break;
            }
        }
        // A definite head with one word after it is as often a description (الجهاز الفني،
        // اللجنة المنظمة) as a name: it takes two (الهيئة العامة للإحصاء).
        let needed = if definite { 2 } else { 1 };
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

    #[test]
    fn a_head_behind_a_clitic_starts_the_name_after_it() {
        assert_eq!(
            names("من خلال موقع تويتر التابع لوزارة الداخلية ان"),
            ["وزارة الداخلية"]
        );
        assert_eq!(
            names("أحد منسوبي شرطة جدة بوزارة الداخلية."),
            ["وزارة الداخلية"]
        );
        // Marks on the clitic stay with it: the name starts on a character boundary.
        assert_eq!(names("تابع لِوزارة الداخلية"), ["وزارة الداخلية"]);
        assert_eq!(
            names("وأفاد المتحدث بالهيئة العامة للإحصاء"),
            ["الهيئة العامة للإحصاء"]
        );
        // برئاسة is "chaired by", لمصلحة "in favour of": no body.
        assert!(names("عقد الاجتماع برئاسة الشاعر والدبلوماسي").is_empty());
        assert!(names("وهذا لمصلحة الأميركيين").is_empty());
    }

    #[test]
    fn a_role_after_the_body_is_not_part_of_it() {
        assert_eq!(
            names("قال وكيل وزارة النقل والمتحدث الرسمي للوزارة هذلول الهذلول"),
            ["وزارة النقل"]
        );
        assert_eq!(names("وزارة المالية والذي يرأسه"), ["وزارة المالية"]);
    }

    #[test]
    fn a_body_named_after_a_king_takes_his_name() {
        assert_eq!(
            names("وزع مركز الملك سلمان للإغاثة والأعمال الإنسانية سلالا غذائية"),
            ["مركز الملك سلمان للإغاثة والأعمال الإنسانية"]
        );
        assert_eq!(
            names("تخرج في جامعة الملك عبد العزيز بجدة"),
            ["جامعة الملك عبد العزيز"]
        );
        assert_eq!(
            names("حضر من جامعة الملك فهد من المملكة العربية السعودية"),
            ["جامعة الملك فهد"]
        );
    }

    #[test]
    fn bare_only_heads_need_their_name() {
        assert!(names("واستخدمت الشرطة العراقية الهراوات والغاز المسيل للدموع").is_empty());
        assert_eq!(
            names("نقل إلى مستشفى البجادية العام"),
            ["مستشفى البجادية العام"]
        );
    }

    #[test]
    fn a_construct_chain_completes_a_name() {
        assert_eq!(
            names("وأعلنت المديرية العامة لمكافحة المخدرات ضبط كميات"),
            ["المديرية العامة لمكافحة المخدرات"]
        );
        assert_eq!(
            names("اجتمعت لجنة مبادرة السلام العربية أمس"),
            ["لجنة مبادرة السلام العربية"]
        );
        // After a word of the name proper, ل opens a purpose; an undefined adjective is no
        // construct's noun.
        assert_eq!(
            names("دعت وزارة الداخلية لتطبيق القانون"),
            ["وزارة الداخلية"]
        );
        assert!(names("وأسس حزب إسلامي التوجه").is_empty());
        assert_eq!(
            names("لجنة حقوق الإنسان التابعة للأمم المتحدة"),
            ["لجنة حقوق الإنسان"]
        );
    }
}
