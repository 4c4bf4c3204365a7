//! A clitic-aware light stemmer for search (in the family of Larkey's light10), working on match
//! keys. Only affixes are removed, so the stem is always a subslice of the key.

use std::sync::OnceLock;

use crate::strset::StrSet;

/// Letters in a key made of Arabic letters (all two bytes in UTF-8).
#[inline]
fn nl(s: &str) -> usize {
    s.len() / 2
}

#[inline]
fn all_arabic(s: &str) -> bool {
    // Every char of U+0600–U+06FF is two bytes with lead byte D8–DB.
    // Four letters at a time: in each little-endian 16-bit lane the lead byte (low) must be
    // 110110xx (D8–DB) and the continuation byte (high) 10xxxxxx.
    const MASK: u64 = 0xC0FC_C0FC_C0FC_C0FC;
    const WANT: u64 = 0x80D8_80D8_80D8_80D8;
    let b = s.as_bytes();
    if b.len() & 1 != 0 {
        return false;
    }
    let mut words = b.chunks_exact(8);
    words.all(|w| {
        w.first_chunk::<8>()
            .is_some_and(|w| u64::from_le_bytes(*w) & MASK == WANT)
    }) && words
        .remainder()
        .chunks_exact(2)
        .all(|p| (0xD8..=0xDB).contains(&p[0]) && (0x80..=0xBF).contains(&p[1]))
}

/// Article prefixes, longest first. لل is ل + ال with the alef dropped (للقوات = ل + القوات).
const ARTICLES: [&str; 8] = ["وال", "فال", "بال", "كال", "ولل", "فلل", "ال", "لل"];

/// Words whose first و is a root letter, not the conjunction "and" (match-key form, matched as
/// a prefix of the word). Without this list وزاره "ministry" would lose its و and meet زار
/// "visited", and وزير would not meet الوزير.
const WAW_ROOT: &[&str] = &[
    "واجب",
    "وادي",
    "وارد",
    "واسع",
    "واشنطن",
    "واضح",
    "واقع",
    "والد",
    "والي",
    "وباء",
    "وثيق",
    "وثايق",
    "وجب",
    "وجد",
    "وجه",
    "وجود",
    "وحد",
    "وحش",
    "وحيد",
    "وداع",
    "ودي",
    "ورد",
    "ورق",
    "ورش",
    "وريث",
    "وزار",
    "وزير",
    "وزرا",
    "وزن",
    "وزع",
    "وسايل",
    "وسط",
    "وسيط",
    "وساط",
    "وسيل",
    "وسام",
    "وسع",
    "وشك",
    "وصف",
    "وصل",
    "وصول",
    "وصي",
    "وضع",
    "وضوح",
    "وطن",
    "وطني",
    "وظيف",
    "وظاي",
    "وعد",
    "وعي",
    "وفا",
    "وفد",
    "وفود",
    "وفر",
    "وفق",
    "وفاق",
    "وفي",
    "وقت",
    "وقف",
    "وقع",
    "وقايع",
    "وقاي",
    "وقود",
    "وكال",
    "وكيل",
    "وكر",
    "ولاي",
    "ولايات",
    "ولد",
    "ولاد",
    "ولي",
    "ولاء",
    "ولوج",
    "وليد",
    "وهم",
    "وهران",
    "وهب",
    "وايل",
    "ويل",
    "ويكي",
    "وكاله",
    "وحدات",
    "ورزازات",
    "وتير",
    "وثاق",
    "وجبه",
    "وزاري",
    "وقوع",
    "واحد",
    "ورود",
    "وسيم",
    "وهبي",
    "وديع",
];

/// Words whose first ب ل ك is a root letter, not a preposition (match-key form, prefix match).
/// Without it بريطانيا would lose its ب while البريطاني keeps it.
const BLK_ROOT: &[&str] = &[
    // ب
    "باب",
    "باجه",
    "باريس",
    "باكستان",
    "بالغ",
    "بحث",
    "بحر",
    "بحري",
    "بدا",
    "بدء",
    "بدي",
    "برا",
    "برازيل",
    "برامج",
    "برنامج",
    "برلمان",
    "برلين",
    "بروكسل",
    "بريطان",
    "بريد",
    "بشر",
    "بطال",
    "بطول",
    "بعث",
    "بعيد",
    "بغداد",
    "بقاء",
    "بقي",
    "بلاد",
    "بلجيك",
    "بلد",
    "بلغ",
    "بناء",
    "بنزرت",
    "بنك",
    "بنوك",
    "بورص",
    "بورقيب",
    "بوتين",
    "بولند",
    "بيان",
    "بيروت",
    "بيع",
    "بيت",
    "بييه",
    "بنغلاديش",
    "بيلاروس",
    "بترول",
    "بلدي",
    "بوليس",
    "بايدن",
    "براك",
    "بروتوكول",
    "بطاق",
    "بعثه",
    "بكالوريا",
    "بلغاري",
    "بنت",
    "بنات",
    "بطل",
    "بحير",
    "بذل",
    "بدل",
    "بدر",
    "برد",
    "برق",
    "بشار",
    "بصر",
    "بطن",
    "بلوغ",
    "بير",
    "بيض",
    "بنزين",
    "بواب",
    "بوتفليق",
    "بكاء",
    "بني",
    "بليون",
    "بليار",
    "برشلون",
    "بوليتيكا",
    "بولتيكا",
    "بوليتكا",
    "بلعيد",
    "بنقردان",
    "باردو",
    "بلحاج",
    "بندق",
    "بلقاسم",
    "باقي",
    "بنغازي",
    "باراك",
    "بوشماوي",
    "بوزيد",
    "بلاغ",
    "بوعزيزي",
    "بوفيش",
    "براكاج",
    // ل
    "لاعب",
    "لاجي",
    "لايح",
    "لبنان",
    "لبنان",
    "لجان",
    "لجنه",
    "لحظ",
    "لحم",
    "لعب",
    "لغه",
    "لغات",
    "لقاء",
    "لقب",
    "لندن",
    "لوح",
    "لواء",
    "ليبي",
    "ليل",
    "ليال",
    "لوكسمبورغ",
    "لوزان",
    "لافت",
    "لجوء",
    "لزم",
    "لون",
    "لهج",
    "لياق",
    "لاحق",
    "لطفي",
    "لحوم",
    "لزهر",
    "لويس",
    "لحن",
    "لطيف",
    "لقط",
    "لمس",
    "لحي",
    "لوبي",
    "لوم",
    "ليون",
    "لقم",
    "لوري",
    // ك
    "كاتب",
    "كاس",
    "كافه",
    "كامل",
    "كاميرا",
    "كانون",
    "كبير",
    "كبار",
    "كبري",
    "كتاب",
    "كتب",
    "كتل",
    "كتيب",
    "كثير",
    "كرام",
    "كرسي",
    "كره",
    "كريم",
    "كشف",
    "كفاء",
    "كلمه",
    "كلمات",
    "كلي",
    "كمال",
    "كميه",
    "كميات",
    "كندا",
    "كنيس",
    "كهرباء",
    "كوادر",
    "كوبا",
    "كورونا",
    "كوريا",
    "كويت",
    "كيان",
    "كيلو",
    "كيمياي",
    "كلف",
    "كرد",
    "كردي",
    "كيف",
    "كامرون",
    "كولومبيا",
    "كينيا",
    "كلام",
    "كنز",
    "كهف",
    "كلب",
    "كمين",
    "كيس",
    "كرم",
    "كفيل",
    "كفاح",
    "كسر",
    "كارث",
    "كوارث",
    "كتف",
    "كسب",
    "كوكب",
    "كحول",
    "كوميدي",
    "كبد",
    "كتاب",
    "كليب",
    "كثيف",
    "كلاشن",
    "كيبيك",
];

/// A root list with, for an early exit, every proper prefix of its entries.
struct RootTable {
    roots: StrSet,
    prefixes: StrSet,
}

fn set(list: &'static [&'static str], cell: &'static OnceLock<RootTable>) -> &'static RootTable {
    cell.get_or_init(|| RootTable {
        roots: StrSet::new(list.iter().copied()),
        prefixes: StrSet::new(list.iter().flat_map(|e| {
            e.char_indices()
                .map(|(j, _)| &e[..j])
                .filter(|p| !p.is_empty())
        })),
    })
}

/// Whether some entry of `table` is a prefix of `w` (entries are 2 to 9 letters).
///
/// Tries the prefixes of `w` from the shortest and stops as soon as one is not the start of any
/// entry: then no longer entry can be a prefix of `w` either.
fn has_root_prefix(w: &str, table: &RootTable) -> bool {
    let n = nl(w);
    for k in 2..=n.min(9) {
        let Some(p) = w.get(..2 * k) else {
            return false;
        };
        if table.roots.contains(p) {
            return true;
        }
        if !table.prefixes.contains(p) {
            return false;
        }
    }
    false
}

fn waw_root(w: &str) -> bool {
    static C: OnceLock<RootTable> = OnceLock::new();
    has_root_prefix(w, set(WAW_ROOT, &C))
}

fn blk_root(w: &str) -> bool {
    static C: OnceLock<RootTable> = OnceLock::new();
    has_root_prefix(w, set(BLK_ROOT, &C))
}

/// The light stem of `key`, the match key of one token; a subslice of `key`.
///
/// Keys that are not purely Arabic letters (Latin words, numbers) and words of fewer than three
/// letters are returned unchanged. At most one prefix group and one suffix group are removed.
///
/// Prefixes:
/// 1. the article with its proclitics, when at least two letters remain:
///    ال وال فال بال كال لل ولل فلل — القوات، والقوات، بالقوات، للقوات → قوات.
///    الله keeps its article (الله → الله, not له);
/// 2. و "and", when at least three letters remain and the word is not one whose و is a root
///    letter (a short list: وزير، وزارة، وطن، وقت، واشنطن …): وقال → قال, وأذربيجان → اذربيجان,
///    but وزارة → وزار (not زار);
/// 3. the prepositions ب ل ك (alone or after و), when at least three letters remain and the word
///    is not one whose first letter is a root letter (بريطانيا، لبنان، كتاب …):
///    بواشنطن → واشنطن, لأذربيجان → اذربيجان, بتونس → تونس, وبتونس → تونس, بشكل → شكل.
///    The future سـ is not removed: too many nouns start with سي/ست/سن (سياسة، سيارة، سنوات).
///    ف alone is not removed either (فرنسا، فلسطين، فريق).
///
/// Suffixes (longest first, the stem keeps at least three letters):
/// 1. a possessive/object pronoun هما كما ها هم هن كم كن: قواتها → قوات → قو;
///    when it leaves a ت that was a ة, the ت goes too: حكومتها → حكوم (= حكومة → حكوم);
/// 2. one number/gender/nisba ending: يين يون يات تين تان ات ون ين ان يه ي ه:
///    الانتخابات → انتخاب، المتحدة → متحد، الفلسطينية → فلسطين;
///    ات، ه (ة) and the duals تين تان may leave two letters so that قوة and قوات meet:
///    قوه → قو، قوات → قو، سنتين → سن;
///    after ه (his) a ت that was ة goes too: حكومته → حكوم;
///    after a nisba ending (يين يون يات يه ي) one plural/dual ending more goes, so a country and
///    its adjective meet: أذربيجاني → اذربيجان → اذربيج = أذربيجان → اذربيج.
pub fn stem(key: &str) -> &str {
    if key.len() < 6 || !all_arabic(key) {
        return key;
    }
    strip_suffix(strip_prefix(key))
}

/// An affix of at most 8 bytes, packed so that matching it is one masked integer compare
/// (comparing against a list of `&str` affixes of different lengths compiled to a `memcmp` call
/// per affix, the main cost of the stemmer).
#[derive(Clone, Copy)]
struct Affix {
    len: usize,
    /// The low `len` bytes of a word.
    mask: u64,
    /// `head(affix)`: compared with the start of a word.
    head: u64,
    /// `tail(affix)`: compared with the end of a word.
    tail: u64,
}

impl Affix {
    const fn new(p: &str) -> Affix {
        assert!(p.len() <= 8);
        Affix {
            len: p.len(),
            mask: if p.len() >= 8 {
                u64::MAX
            } else {
                (1u64 << (8 * p.len())) - 1
            },
            head: head(p.as_bytes()),
            tail: tail(p.as_bytes()),
        }
    }
}

/// The first (up to) 8 bytes of `b`, first byte lowest, zero-padded.
#[inline]
const fn head(b: &[u8]) -> u64 {
    if let Some(c) = b.first_chunk::<8>() {
        return u64::from_le_bytes(*c);
    }
    let mut w = 0u64;
    let mut k = 0;
    while k < b.len() {
        w |= (b[k] as u64) << (8 * k);
        k += 1;
    }
    w
}

/// The last (up to) 8 bytes of `b`, last byte lowest, zero-padded.
#[inline]
const fn tail(b: &[u8]) -> u64 {
    if let Some(c) = b.last_chunk::<8>() {
        return u64::from_be_bytes(*c);
    }
    let mut w = 0u64;
    let mut k = 0;
    while k < b.len() {
        w |= (b[b.len() - 1 - k] as u64) << (8 * k);
        k += 1;
    }
    w
}

const fn affixes<const N: usize>(list: [&str; N]) -> [Affix; N] {
    let mut out = [Affix::new(""); N];
    let mut i = 0;
    while i < N {
        out[i] = Affix::new(list[i]);
        i += 1;
    }
    out
}

/// `w` without the prefix `a`, like `w.strip_prefix(a)`.
#[inline]
fn cut_prefix<'w>(w: &'w str, a: &Affix) -> Option<&'w str> {
    cut_prefix_head(w, head(w.as_bytes()), a)
}

/// [`cut_prefix`] with `h = head(w)` already computed, for loops over affixes.
#[inline]
fn cut_prefix_head<'w>(w: &'w str, h: u64, a: &Affix) -> Option<&'w str> {
    if w.len() >= a.len && h & a.mask == a.head {
        w.get(a.len..)
    } else {
        None
    }
}

/// `w` without the suffix `a`, like `w.strip_suffix(a)`.
#[inline]
fn cut_suffix<'w>(w: &'w str, a: &Affix) -> Option<&'w str> {
    cut_suffix_tail(w, tail(w.as_bytes()), a)
}

/// [`cut_suffix`] with `t = tail(w)` already computed, for loops over affixes.
#[inline]
fn cut_suffix_tail<'w>(w: &'w str, t: u64, a: &Affix) -> Option<&'w str> {
    if w.len() >= a.len && t & a.mask == a.tail {
        w.get(..w.len() - a.len)
    } else {
        None
    }
}

const ARTICLE_AFFIXES: [Affix; 8] = affixes(ARTICLES);
const WAW: Affix = Affix::new("و");
const BA: Affix = Affix::new("ب");
const LAM: Affix = Affix::new("ل");
const KAF: Affix = Affix::new("ك");
const TA: Affix = Affix::new("ت");
const ALEF: Affix = Affix::new("ا");

fn strip_prefix(w: &str) -> &str {
    let h = head(w.as_bytes());
    for p in &ARTICLE_AFFIXES {
        if let Some(r) = cut_prefix_head(w, h, p) {
            if nl(r) >= 2 && r != "له" {
                return r;
            }
        }
    }
    if let Some(r) = cut_prefix(w, &WAW) {
        if waw_root(w) {
            return w; // ولاية is not و + لاية
        }
        if let Some(r2) = strip_prep(r) {
            return r2;
        }
        if nl(r) >= 3 {
            return r;
        }
        return w;
    }
    strip_prep(w).unwrap_or(w)
}

fn strip_prep(w: &str) -> Option<&str> {
    let r = cut_prefix(w, &BA)
        .or_else(|| cut_prefix(w, &LAM))
        .or_else(|| cut_prefix(w, &KAF))?;
    (nl(r) >= 3 && !blk_root(w)).then_some(r)
}

const PRONOUNS: [&str; 7] = ["هما", "كما", "ها", "هم", "هن", "كم", "كن"];
const ENDINGS: [&str; 12] = [
    "يين", "يون", "يات", "تين", "تان", "ات", "ون", "ين", "ان", "يه", "ي", "ه",
];
const PLURALS: [&str; 4] = ["ات", "ون", "ين", "ان"];

const PRONOUN_AFFIXES: [Affix; 7] = affixes(PRONOUNS);
const PLURAL_AFFIXES: [Affix; 4] = affixes(PLURALS);

/// An entry of [`ENDINGS`] with what `strip_suffix` needs to know about it.
#[derive(Clone, Copy)]
struct Ending {
    affix: Affix,
    /// Letters the stem keeps at least: 2 for ات ه تين تان (قوه، قوات → قو), else 3.
    min: usize,
    /// ه (his): a ت before it was a ة and goes too.
    is_ha: bool,
    /// A nisba ending (starts with ي): one plural/dual ending more may go.
    nisba: bool,
}

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

const ENDING_INFO: [Ending; 12] = {
    let mut out = [Ending {
        affix: Affix::new(""),
        min: 0,
        is_ha: false,
        nisba: false,
    }; 12];
    let mut i = 0;
    while i < ENDINGS.len() {
        let p = ENDINGS[i];
        let short = same(p, "ات") || same(p, "ه") || same(p, "تين") || same(p, "تان");
        let ya = "ي".as_bytes();
        out[i] = Ending {
            affix: Affix::new(p),
            min: if short { 2 } else { 3 },
            is_ha: same(p, "ه"),
            nisba: p.len() >= 2 && p.as_bytes()[0] == ya[0] && p.as_bytes()[1] == ya[1],
        };
        i += 1;
    }
    out
};

fn strip_suffix(w: &str) -> &str {
    let mut s = w;
    let t = tail(s.as_bytes());
    for p in &PRONOUN_AFFIXES {
        if let Some(r) = cut_suffix_tail(s, t, p) {
            if nl(r) >= 3 {
                if let Some(r2) = cut_suffix(r, &TA) {
                    if nl(r2) >= 3 && cut_suffix(r2, &ALEF).is_none() {
                        return r2;
                    }
                }
                s = r;
                break;
            }
        }
    }
    let t = tail(s.as_bytes());
    for e in &ENDING_INFO {
        if let Some(r) = cut_suffix_tail(s, t, &e.affix) {
            if nl(r) < e.min {
                continue;
            }
            if e.is_ha {
                if let Some(r2) = cut_suffix(r, &TA) {
                    if nl(r2) >= 3 && cut_suffix(r2, &ALEF).is_none() {
                        return r2;
                    }
                }
            }
            if e.nisba {
                let t = tail(r.as_bytes());
                for q in &PLURAL_AFFIXES {
                    if let Some(r2) = cut_suffix_tail(r, t, q) {
                        if nl(r2) >= 3 {
                            return r2;
                        }
                    }
                }
            }
            return r;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::match_key;

    fn st(w: &str) -> String {
        stem(&match_key(w)).to_string()
    }

    #[test]
    fn must_meet() {
        let groups: &[&[&str]] = &[
            &[
                "قوات",
                "قوة",
                "القوات",
                "وقوات",
                "للقوات",
                "والقوات",
                "بالقوات",
                "قواتها",
                "القوة",
            ],
            &["المتحدة", "المتحده", "متحدة"],
            &["واشنطن", "بواشنطن", "وواشنطن", "لواشنطن"],
            &[
                "أذربيجان",
                "وأذربيجان",
                "لأذربيجان",
                "بأذربيجان",
                "الأذربيجانية",
                "أذربيجاني",
            ],
            &["وزير", "الوزير", "وزيرة", "والوزير", "للوزير", "وزيرها"],
            &["وزارة", "الوزارة", "بالوزارة", "وزارات", "ووزارة"],
            &[
                "الحكومة",
                "حكومة",
                "حكومات",
                "حكومته",
                "حكومتها",
                "والحكومة",
                "للحكومة",
            ],
            &["مدينة", "المدينة", "بالمدينة", "مدينتها"],
            &["تونس", "بتونس", "لتونس", "وتونس", "وبتونس"],
            &["اجتماع", "الاجتماع", "الاجتماعات", "اجتماعات", "بالاجتماع"],
            &["الانتخابات", "انتخابات", "بالانتخابات", "والانتخابات"],
            &["العراق", "للعراق", "والعراق", "بالعراق"],
            &[
                "فلسطين",
                "الفلسطينيين",
                "فلسطيني",
                "الفلسطينية",
                "والفلسطينيون",
            ],
            &["دولة", "الدولة", "دولته", "الدول", "دول"],
            &["بريطانيا", "وبريطانيا"],
            &["البريطاني", "بريطاني", "البريطانية"],
            &["لبنان", "ولبنان", "بلبنان"],
            &["قال", "وقال"],
            &["الأمم", "أمم"],
            &["مجلس", "المجلس", "بالمجلس", "ومجلس"],
            &["هدنة", "الهدنة", "بالهدنة"],
            &["لجنة", "اللجنة"],
            &["موافقة", "موافقته"],
            &["الإنسانية", "إنسانية"],
            &["المفاوضات", "مفاوضات"],
            &["سنة", "سنتين"],
            &["شكل", "بشكل"],
            &["عام", "لعام"],
            &["الأهداف", "أهداف"],
            &["برشلونة", "وبرشلونة"],
        ];
        for g in groups {
            let s0 = st(g[0]);
            for w in &g[1..] {
                assert_eq!(st(w), s0, "{} vs {}", g[0], w);
            }
        }
    }

    #[test]
    fn must_not_meet() {
        let pairs = [
            ("وزارة", "زار"),
            ("وزير", "زير"),
            ("وطن", "طن"),
            ("وقت", "قت"),
            ("والي", "إلى"),
            ("بريطانيا", "ريطانيا"),
            ("برنامج", "رنامج"),
            ("لبنان", "بنان"),
            ("كتاب", "تاب"),
            ("بيت", "يت"),
            ("سياسة", "ياسة"),
            ("سيارة", "يارة"),
            ("فرنسا", "رنسا"),
            ("فلسطين", "لسطين"),
            ("الله", "له"),
            ("بلد", "لد"),
            ("واقع", "اقع"),
            ("ولاية", "لاية"),
            ("كبير", "بير"),
            ("لجنة", "جنة"),
            ("برشلونة", "رشلونة"),
            ("ليبيا", "يبيا"),
            ("كلام", "لام"),
            ("بلاغ", "لاغ"),
        ];
        for (a, b) in pairs {
            assert_ne!(st(a), st(b), "{a} / {b}");
        }
    }

    #[test]
    fn affix_matching_is_strip_prefix_and_suffix() {
        let words = [
            "",
            "ا",
            "ال",
            "والقوات",
            "قواتهما",
            "حكومته",
            "ب",
            "سنتين",
            "abcdefghij",
        ];
        let all: Vec<&str> = ARTICLES
            .iter()
            .chain(&PRONOUNS)
            .chain(&ENDINGS)
            .chain(&PLURALS)
            .chain(&["و", "ب", "ل", "ك", "ت", "ا", "", "abcdefgh", "ij"])
            .copied()
            .collect();
        for w in words {
            for p in &all {
                let a = Affix::new(p);
                assert_eq!(cut_prefix(w, &a), w.strip_prefix(p), "{w} {p}");
                assert_eq!(cut_suffix(w, &a), w.strip_suffix(p), "{w} {p}");
            }
        }
        for (e, p) in ENDING_INFO.iter().zip(ENDINGS) {
            assert_eq!(e.affix.len, p.len());
            assert_eq!(
                e.min,
                if matches!(p, "ات" | "ه" | "تين" | "تان") {
                    2
                } else {
                    3
                }
            );
            assert_eq!(e.is_ha, p == "ه");
            assert_eq!(e.nisba, p.starts_with('ي'));
        }
    }

    #[test]
    fn root_prefix_early_exit_changes_nothing() {
        static C: OnceLock<RootTable> = OnceLock::new();
        let naive =
            |w: &str, list: &[&str]| (2..=nl(w).min(9)).any(|k| list.contains(&&w[..2 * k]));
        let words: Vec<String> = WAW_ROOT
            .iter()
            .chain(BLK_ROOT)
            .flat_map(|e| {
                let mut v = vec![e.to_string(), format!("{e}ات"), format!("{e}يون")];
                let mut cs: Vec<char> = e.chars().collect();
                cs.pop();
                v.push(cs.iter().collect());
                v.push(cs.iter().copied().chain(['ي', 'ن']).collect());
                v
            })
            .chain(["وزيرة", "بالقوات", "والي", "ووو", "لا", "كتابات"].map(String::from))
            .collect();
        let waw = set(WAW_ROOT, &C);
        for w in &words {
            assert_eq!(has_root_prefix(w, waw), naive(w, WAW_ROOT), "{w}");
            assert_eq!(blk_root(w), naive(w, BLK_ROOT), "{w}");
        }
    }

    #[test]
    fn all_arabic_checks_every_byte() {
        let slow = |s: &str| {
            let b = s.as_bytes();
            b.len().is_multiple_of(2)
                && b.chunks_exact(2)
                    .all(|p| (0xD8..=0xDB).contains(&p[0]) && (0x80..=0xBF).contains(&p[1]))
        };
        for s in [
            "",
            "ا",
            "والقوات",
            "والقوات1",
            "والقواتx",
            "aوالقوات",
            "والaقوات",
            "ݐݐݐݐ",
            "ب۰ب",
            "ab",
        ] {
            assert_eq!(all_arabic(s), slow(s), "{s}");
        }
    }

    #[test]
    fn stems_are_subslices_and_non_arabic_untouched() {
        assert_eq!(stem("nato"), "nato");
        assert_eq!(stem("2020"), "2020");
        assert_eq!(stem("من"), "من");
        assert_eq!(st("وزارة"), "وزار");
    }
}
