//! Scraped-article plain text: what a scraper saves when it keeps a page's visible lines.
//!
//! Layout read (see the seed fixture):
//! 1. the first non-empty line is the title;
//! 2. right after it, a header of short metadata lines: a counter (`103`, `103 مشاهدة`) → `meta.views`,
//!    a date line (`2020-10-25`, `25/10/2020`) → `published`, tag lines → `tags`, share labels. A tag
//!    line is short (each tag ≤ 4 words; several tags may be separated by `،` `,` `|` `;`), has no
//!    sentence punctuation, and there must still be a real body paragraph after it — otherwise it
//!    is body;
//! 3. body paragraphs: every other non-empty line is one paragraph (blank lines carry no meaning
//!    beyond separating);
//! 4. page furniture, mostly trailing: share labels (مشاركة، شارك، Share، طباعة …, also glued to the
//!    end of the last sentence), follow-us lines (تابعونا على …), copyright lines (©, جميع الحقوق
//!    محفوظة), "اقرأ أيضا" and the short headline lines after it, tag lines introduced by الوسوم: /
//!    Tags:, a trailing counter.
//!
//! Every line recognised as furniture (including the counter and the tag lines of the header) goes
//! to `meta.boilerplate` in document order, never to the body. A short body line that is a sentence
//! (ends with `.`, `؟`, `!` …) is always body. `source_id` is the name given; `source` is None.

use std::sync::OnceLock;

use chrono::NaiveDate;
use serde_json::Value;

use crate::util::{self, display, Meta};
use crate::{Article, ReadError, ReadOptions};

pub fn read(name: &str, bytes: &[u8], opts: &ReadOptions) -> Vec<Result<Article, ReadError>> {
    let text = match util::utf8(bytes) {
        Ok(t) => t,
        Err(reason) => return vec![Err(ReadError::new(name, reason))],
    };
    vec![parse(name, text, opts)]
}

/// A line put aside as furniture, with its position so `meta.boilerplate` keeps document order.
struct Furniture {
    pos: (usize, usize),
    text: String,
}

fn parse(name: &str, text: &str, opts: &ReadOptions) -> Result<Article, ReadError> {
    let lines: Vec<String> = text
        .lines()
        .map(display)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.is_empty() {
        return Err(ReadError::new(name, "empty body"));
    }
    // A one-line file, or a first line that is plainly a long paragraph: no title line.
    let first_is_title = lines.len() > 1 && util::word_count(&lines[0]) <= 40;
    let title = if first_is_title {
        lines[0].clone()
    } else {
        String::new()
    };
    let mut g = Gathered::default();
    let start = g.header(&lines, usize::from(first_is_title));
    let mut body = g.body(&lines, start);
    g.trailing(&mut body);
    if body.is_empty() {
        return Err(ReadError::new(name, "empty body"));
    }
    let (meta, tags, published) = g.finish();
    let paragraphs = body.into_iter().map(|(_, p)| p).collect();
    Ok(Article::builder(name.to_string(), title, paragraphs)
        .published(published.or(opts.published))
        .tags(tags)
        .meta(meta)
        .build())
}

/// What a file gives besides its body paragraphs: the lines put aside and what was read from
/// them, gathered while the header, the body and the trailing lines are read in turn.
#[derive(Default)]
struct Gathered {
    furniture: Vec<Furniture>,
    meta: Meta,
    tags: Vec<String>,
    views: Option<u64>,
    published: Option<NaiveDate>,
    /// The next body-like line, for the header's tag lines.
    body_ahead: Seek,
    /// The next line that is neither a headline nor furniture, for "read also" blocks.
    prose_ahead: Seek,
}

/// The first line at or after a position that passes a test, for positions asked in increasing
/// order: each line is tested at most once per pass. Asking "is there a body paragraph after this
/// line?" afresh for each of n tag-like lines was quadratic: a 6 KB file of 576 short lines took
/// 4 s to read (found by fuzzing).
#[derive(Default)]
struct Seek {
    /// Lines from here on are not yet tested (those before, from where it was asked, failed).
    from: usize,
    hit: Option<usize>,
}

impl Seek {
    fn first_from(
        &mut self,
        lines: &[String],
        i: usize,
        test: impl Fn(&str) -> bool,
    ) -> Option<usize> {
        if let Some(h) = self.hit.filter(|&h| h >= i) {
            return Some(h);
        }
        let mut k = self.from.max(i);
        while k < lines.len() && !test(&lines[k]) {
            k += 1;
        }
        self.from = k;
        self.hit = (k < lines.len()).then_some(k);
        self.hit
    }
}

impl Gathered {
    fn aside(&mut self, pos: (usize, usize), text: String) {
        self.furniture.push(Furniture { pos, text });
    }

    /// The header: metadata lines from `start` (after the title) up to the first body
    /// paragraph, whose index is returned.
    fn header(&mut self, lines: &[String], mut start: usize) -> usize {
        while start < lines.len() && self.header_line(lines, start) {
            start += 1;
        }
        start
    }

    /// Whether line `i` is a header line (a counter, a date, furniture, a byline, tags), taken
    /// if so.
    fn header_line(&mut self, lines: &[String], i: usize) -> bool {
        let l = &lines[i];
        if self.views.is_none() {
            if let Some(v) = counter(l) {
                self.views = Some(v);
                self.aside((i, 0), l.clone());
                return true;
            }
        }
        if self.published.is_none() && util::word_count(l) <= 10 {
            if let Some(d) = util::parse_date(l).or_else(|| written_date(l)) {
                self.published = Some(d);
                self.meta
                    .insert("date_line".into(), Value::String(l.clone()));
                self.aside((i, 0), l.clone());
                return true;
            }
        }
        if is_furniture(l) {
            self.aside((i, 0), l.clone());
            return true;
        }
        if let Some(author) = author_line(l) {
            self.meta
                .entry("author".to_string())
                .or_insert(Value::String(author));
            self.aside((i, 0), l.clone());
            return true;
        }
        // a tag line only while a real paragraph still follows: otherwise it is the body
        if let Some(t) = tag_line(l) {
            if self
                .body_ahead
                .first_from(lines, i + 1, is_body_like)
                .is_some()
            {
                self.tags.extend(t);
                self.aside((i, 0), l.clone());
                return true;
            }
        }
        false
    }

    /// The body lines from `start` with furniture taken out, as (line index, text).
    fn body(&mut self, lines: &[String], start: usize) -> Vec<(usize, String)> {
        let mut body: Vec<(usize, String)> = Vec::new();
        let mut i = start;
        while i < lines.len() {
            let l = &lines[i];
            if is_furniture(l) {
                self.aside((i, 0), l.clone());
            } else if let Some(t) = labelled_tags(l) {
                self.tags.extend(t);
                self.aside((i, 0), l.clone());
            } else if is_read_also(l) {
                self.aside((i, 0), l.clone());
                if util::word_count(l) <= 4 {
                    i = self.read_also_headlines(lines, i + 1);
                    continue;
                }
            } else {
                body.push((i, l.clone()));
            }
            i += 1;
        }
        body
    }

    /// A bare label ("اقرأ أيضا:") just before `j` introduces headlines: the short,
    /// non-sentence lines from `j` (a whole trailing block, or one line mid-body) are put aside.
    /// Returns the next line to read.
    fn read_also_headlines(&mut self, lines: &[String], mut j: usize) -> usize {
        let tail = |x: &str| is_headline(x) || is_furniture(x);
        let trailing = self
            .prose_ahead
            .first_from(lines, j, |x| !tail(x))
            .is_none();
        while j < lines.len() && tail(&lines[j]) {
            self.aside((j, 0), lines[j].clone());
            j += 1;
            if !trailing {
                break;
            }
        }
        j
    }

    /// A trailing counter, and share labels glued onto the last sentence ("…بشكل كامل. مشاركة"),
    /// taken off the end of `body`.
    fn trailing(&mut self, body: &mut Vec<(usize, String)>) {
        while let Some((idx, last)) = body.last().cloned() {
            if self.views.is_none() && body.len() > 1 {
                if let Some(v) = counter(&last) {
                    self.views = Some(v);
                    self.aside((idx, 0), last);
                    body.pop();
                    continue;
                }
            }
            if let Some((kept, label)) = split_glued_label(&last) {
                // (idx, 1): sorts after anything else put aside at line idx
                self.aside((idx, 1), label);
                if let Some(b) = body.last_mut() {
                    b.1 = kept;
                }
                continue;
            }
            break;
        }
    }

    /// The article's metadata (with `views` and `boilerplate` in document order), its tags
    /// without repeats and its date.
    fn finish(mut self) -> (Meta, Vec<String>, Option<NaiveDate>) {
        self.furniture.sort_by_key(|f| f.pos);
        if let Some(v) = self.views {
            self.meta.insert("views".into(), Value::from(v));
        }
        if !self.furniture.is_empty() {
            self.meta.insert(
                "boilerplate".into(),
                Value::Array(
                    self.furniture
                        .into_iter()
                        .map(|f| Value::String(f.text))
                        .collect(),
                ),
            );
        }
        let mut uniq: Vec<String> = Vec::new();
        for t in self.tags {
            if !uniq.contains(&t) {
                uniq.push(t);
            }
        }
        (self.meta, uniq, self.published)
    }
}

const SENTENCE_END: &[char] = &['.', '؟', '?', '!', '…', ':', '؛', ';', '»', '"', '”', ')'];
/// Characters a tag line never has: they mark prose, quotes or a dateline.
const NOT_IN_TAGS: &[char] = &[
    '.', '؟', '?', '!', '…', ':', '؛', '"', '«', '»', '“', '”', '(', ')', '[', ']',
];

/// A line that is a paragraph for sure: long enough, or a sentence.
fn is_body_like(l: &str) -> bool {
    !is_furniture(l)
        && counter(l).is_none()
        && (util::word_count(l) >= 6 || l.ends_with(SENTENCE_END))
}

/// A related-article headline: short, and not a finished sentence.
fn is_headline(l: &str) -> bool {
    util::word_count(l) <= 20 && !l.ends_with('.') && counter(l).is_none()
}

/// A view counter: digits (Latin or Arabic-Indic), optionally with thousands separators and a
/// word like مشاهدة / views.
fn counter(l: &str) -> Option<u64> {
    let mut digits = String::new();
    let mut words = 0;
    for w in l.split_whitespace() {
        let w_digits: Option<String> = w
            .chars()
            .filter(|c| !matches!(c, ',' | '.' | '٬' | '٫'))
            .map(|c| match c {
                '0'..='9' => Some(c),
                '٠'..='٩' => char::from_u32('0' as u32 + (c as u32 - '٠' as u32)),
                '۰'..='۹' => char::from_u32('0' as u32 + (c as u32 - '۰' as u32)),
                _ => None,
            })
            .collect();
        match w_digits {
            Some(d) if !d.is_empty() && digits.is_empty() => digits = d,
            _ => {
                let k = marsad_text::match_key(w);
                let view_word = [
                    "مشاهده",
                    "مشاهدات",
                    "قراءه",
                    "قراءات",
                    "زياره",
                    "views",
                    "view",
                    "reads",
                ]
                .iter()
                .any(|v| {
                    k.trim_matches(|c: char| !c.is_alphanumeric()) == marsad_text::match_key(v)
                });
                if !view_word {
                    return None;
                }
                words += 1;
            }
        }
    }
    if digits.is_empty() || words > 1 || digits.len() > 12 {
        return None;
    }
    digits.parse().ok()
}

/// Words of a line in match-key form with punctuation stripped, for vocabulary tests.
fn key_words(l: &str) -> Vec<String> {
    marsad_text::match_key(l)
        .split(|c: char| {
            c.is_whitespace() || matches!(c, ':' | '|' | '-' | '،' | ',' | '/' | '•' | '·')
        })
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

fn key_set(words: &[&str]) -> Vec<String> {
    words
        .iter()
        .map(|w| marsad_text::match_key(w).to_lowercase())
        .collect()
}

/// Words that make a short line a share bar (مشاركة، share, طباعة …): one must be there.
const SHARE_CORE: &[&str] = &[
    "مشاركة",
    "شارك",
    "شاركها",
    "شاركوا",
    "طباعة",
    "share",
    "print",
    "tweet",
    "غرد",
    "facebook",
    "twitter",
    "whatsapp",
    "telegram",
    "فيسبوك",
    "تويتر",
    "واتساب",
    "تيليغرام",
    "تلغرام",
    "partager",
    "partagez",
    "imprimer",
];
/// Words that may stand beside them on a share bar (networks' other spellings, "copy link" …).
const SHARE_OTHER: &[&str] = &[
    "غرّد",
    "linkedin",
    "email",
    "فيس",
    "بوك",
    "واتس",
    "اب",
    "تليجرام",
    "لينكدإن",
    "إرسال",
    "أرسل",
    "لصديق",
    "نسخ",
    "الرابط",
    "copy",
    "link",
    "this",
    "on",
    "الخبر",
    "المقال",
    "عبر",
    "على",
    "بريد",
    "البريد",
    "الإلكتروني",
    "x",
    "sur",
];

/// Share buttons and social-network labels: a short line made only of such words.
fn is_share(l: &str) -> bool {
    let words = key_words(l);
    if words.is_empty() || words.len() > 8 {
        return false;
    }
    static CORE: OnceLock<Vec<String>> = OnceLock::new();
    static VOCAB: OnceLock<Vec<String>> = OnceLock::new();
    let core = CORE.get_or_init(|| key_set(SHARE_CORE));
    let vocab = VOCAB.get_or_init(|| key_set(&[SHARE_CORE, SHARE_OTHER].concat()));
    words.iter().all(|w| vocab.contains(w)) && words.iter().any(|w| core.contains(w))
}

fn starts_with_key(l: &str, prefixes: &[&str]) -> bool {
    let k = marsad_text::match_key(l).to_lowercase();
    prefixes
        .iter()
        .any(|p| k.starts_with(&marsad_text::match_key(p).to_lowercase()))
}

/// Follow-us, copyright, share: furniture wherever it appears.
pub(crate) fn is_furniture(l: &str) -> bool {
    let n = util::word_count(l);
    if is_share(l) {
        return true;
    }
    if n <= 15
        && starts_with_key(
            l,
            &[
                "تابعونا",
                "تابعوا",
                "تابعنا",
                "follow us",
                "للمزيد من الأخبار تابعونا",
                "اشترك في",
            ],
        )
    {
        return true;
    }
    if n <= 25 {
        let lower = l.to_lowercase();
        if l.contains('©')
            || [
                "all rights reserved",
                "copyright",
                "do not necessarily reflect",
                "nicht notwendigerweise die der redaktion",
            ]
            .iter()
            .any(|p| lower.contains(p))
        {
            return true;
        }
        let k = marsad_text::match_key(l);
        // Copyright, and the opinion page's disclaimer ("the views are the author's own").
        if [
            "جميع الحقوق محفوظة",
            "كل الحقوق محفوظة",
            "حقوق النشر محفوظة",
            "تعبر عن رأي كاتبها",
            "تعبر عن رأي كاتبيها",
            "لا تعبر بالضرورة عن رأي",
        ]
        .iter()
        .any(|p| k.contains(&marsad_text::match_key(p)))
        {
            return true;
        }
    }
    false
}

/// "اقرأ أيضا" and its kin, alone or followed by one headline.
fn is_read_also(l: &str) -> bool {
    util::word_count(l) <= 24
        && starts_with_key(
            l,
            &[
                "اقرأ أيضا",
                "اقرأ أيضاً",
                "إقرأ أيضا",
                "اقرأ ايضا",
                "اقرأ كذلك",
                "اقرأ المزيد",
                "شاهد أيضا",
                "مواضيع ذات صلة",
                "أخبار ذات صلة",
                "مقالات ذات صلة",
                "read also",
                "read more",
                "see also",
            ],
        )
}

/// "بقلم: فلان" / "كتب - فلان" / "By Name": a short author line in the header → the name.
fn author_line(l: &str) -> Option<String> {
    if util::word_count(l) > 7 {
        return None;
    }
    for p in ["بقلم", "كتب", "كتبت", "إعداد", "By", "by", "Par", "par"] {
        if let Some(rest) = l.strip_prefix(p) {
            if !(rest.starts_with([' ', ':', '-', '：']) || rest.is_empty()) {
                continue;
            }
            let name = rest
                .trim_start_matches([' ', ':', '-', '：', '\u{a0}'])
                .trim();
            if !name.is_empty() && !name.ends_with(['.', '؟', '?', '!']) {
                return Some(name.to_string());
            }
        }
    }
    None
}

/// "الأحد 25 أكتوبر 2020" / "25 أكتوبر 2020 - 10:30" / "October 25, 2020": a short line with a day,
/// a month name and a year.
fn written_date(l: &str) -> Option<chrono::NaiveDate> {
    let words: Vec<String> = l
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '،' | '-' | '/'))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    let num = |w: &str| -> Option<u32> {
        let d: String = w
            .chars()
            .map(|c| match c {
                '٠'..='٩' => char::from_u32('0' as u32 + (c as u32 - '٠' as u32)).unwrap_or(c),
                _ => c,
            })
            .collect();
        d.parse().ok()
    };
    let year = words
        .iter()
        .filter_map(|w| num(w))
        .find(|y| (1900..=2100).contains(y))?;
    let day = words
        .iter()
        .filter_map(|w| num(w))
        .find(|d| (1..=31).contains(d))?;
    let key_line = format!(" {} ", marsad_text::match_key(&words.join(" ")));
    let month = crate::page_date::MONTHS.iter().find_map(|(name, m)| {
        let k = format!(" {} ", marsad_text::match_key(&name.to_lowercase()));
        key_line.contains(&k).then_some(*m)
    })?;
    chrono::NaiveDate::from_ymd_opt(year as i32, month, day)
}

/// A tag line in the header: one or more short tags, no sentence punctuation.
fn tag_line(l: &str) -> Option<Vec<String>> {
    // " - " marks a dateline ("تونس - وات"), a year a date line: neither is a tag line.
    if l.contains(NOT_IN_TAGS)
        || l.ends_with('-')
        || l.contains(" - ")
        || l.contains(" – ")
        || counter(l).is_some()
    {
        return None;
    }
    let parts: Vec<String> = l
        .split(['،', ',', '|', ';', '؛', '#'])
        .map(display)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() || parts.len() > 12 || parts.iter().any(|p| util::word_count(p) > 4) {
        return None;
    }
    // One tag line of many words without separators is a phrase, not tags.
    if parts.len() == 1 && util::word_count(&parts[0]) > 4 {
        return None;
    }
    Some(parts)
}

/// "الوسوم: أ، ب" / "Tags: a, b" / "كلمات مفتاحية: …" anywhere in the text.
fn labelled_tags(l: &str) -> Option<Vec<String>> {
    let (label, rest) = l.split_once([':', '：'])?;
    let label_words = key_words(label);
    static LABELS: OnceLock<Vec<String>> = OnceLock::new();
    let labels = LABELS.get_or_init(|| {
        key_set(&[
            "الوسوم",
            "وسوم",
            "الكلمات",
            "كلمات",
            "المفتاحية",
            "مفتاحية",
            "tags",
            "keywords",
            "تاغ",
            "هاشتاغ",
        ])
    });
    if label_words.is_empty()
        || label_words.len() > 3
        || !label_words.iter().all(|w| labels.contains(w))
    {
        return None;
    }
    let tags: Vec<String> = rest
        .split(['،', ',', '|', ';', '؛', '#'])
        .map(display)
        .filter(|p| !p.is_empty())
        .collect();
    if tags.iter().any(|t| util::word_count(t) > 6) {
        return None;
    }
    Some(tags)
}

/// "…بشكل كامل. مشاركة" → ("…بشكل كامل.", "مشاركة"): a share label stuck after the last sentence.
fn split_glued_label(l: &str) -> Option<(String, String)> {
    for label in ["مشاركة", "شارك", "طباعة", "Share", "share", "Print"] {
        if let Some(head) = l.strip_suffix(label) {
            let head_trim = head.trim_end();
            if head_trim.ends_with(['.', '؟', '?', '!', '»', '"', '”', ')'])
                && util::word_count(head_trim) >= 1
            {
                return Some((head_trim.to_string(), label.to_string()));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(s: &str) -> Result<Article, ReadError> {
        parse("t.txt", s, &ReadOptions::default())
    }

    #[test]
    fn written_dates() {
        let d = chrono::NaiveDate::from_ymd_opt;
        assert_eq!(written_date("الأحد 25 أكتوبر 2020"), d(2020, 10, 25));
        assert_eq!(written_date("25 جانفي 2017 - 10:30"), d(2017, 1, 25));
        assert_eq!(written_date("October 25, 2020"), d(2020, 10, 25));
        assert_eq!(written_date("١٢ تشرين الأول ٢٠٢٠"), d(2020, 10, 12));
        assert_eq!(written_date("أذربيجان"), None);
        assert_eq!(written_date("31 فبراير 2020"), None);
    }

    #[test]
    fn header_author_date_dateline() {
        let a = read_str("عنوان\nبقلم: محمد علي\nالأحد 25 أكتوبر 2020\nتونس - وات\nنص الخبر طويل بما فيه الكفاية ليكون فقرة.").unwrap();
        assert_eq!(a.meta["author"], "محمد علي");
        assert_eq!(a.published, chrono::NaiveDate::from_ymd_opt(2020, 10, 25));
        assert!(a.tags.is_empty());
        assert_eq!(a.paragraphs[0], "تونس - وات");
    }

    #[test]
    fn crlf_and_french_share() {
        let a = read_str("Titre\r\n\r\nLe texte de l'article est ici, assez long pour un paragraphe.\r\nPartager\r\n").unwrap();
        assert_eq!(a.paragraphs.len(), 1);
        assert_eq!(a.meta["boilerplate"][0], "Partager");
    }

    #[test]
    fn seek_tests_each_line_once_however_often_it_is_asked() {
        let lines: Vec<String> = (0..1000).map(|k| format!("l{k}")).collect();
        let tested = std::cell::Cell::new(0);
        let test = |l: &str| {
            tested.set(tested.get() + 1);
            l == "l700"
        };
        let mut seek = Seek::default();
        for i in 0..1000 {
            let want = (i <= 700).then_some(700);
            assert_eq!(seek.first_from(&lines, i, test), want, "asked from {i}");
        }
        assert!(
            tested.get() <= 1000,
            "{} tests for 1000 lines",
            tested.get()
        );
    }

    #[test]
    fn thousands_of_tag_lines_before_the_body_are_read_in_one_pass() {
        // The shape the fuzzer found: a header of short tag-like lines, each of which asked
        // again whether a paragraph still follows (5,000 lines: ~12 M line tests before).
        let mut text = String::from("العنوان\n");
        for k in 0..5000 {
            text.push_str(&format!("وسم{k}\n"));
        }
        text.push_str("وقال الوزير إن الحكومة ستعلن خطتها الجديدة الأسبوع المقبل.\n");
        let a = read_str(&text).unwrap();
        assert_eq!(a.paragraphs.len(), 1);
        assert_eq!(a.tags.len(), 5000);
    }

    #[test]
    fn counters() {
        assert_eq!(counter("103"), Some(103));
        assert_eq!(counter("1,234 مشاهدة"), Some(1234));
        assert_eq!(counter("١٠٣"), Some(103));
        assert_eq!(counter("103 قتلى"), None);
        assert_eq!(counter("مشاهدة"), None);
    }

    #[test]
    fn title_and_paragraphs_only() {
        let a = read_str(
            "عنوان الخبر\n\nالفقرة الأولى من الخبر وهي طويلة بما يكفي.\nقصيرة لكنها جملة.\n",
        )
        .unwrap();
        assert_eq!(a.title, "عنوان الخبر");
        assert_eq!(a.paragraphs.len(), 2);
        assert!(a.tags.is_empty());
        assert!(!a.meta.contains_key("boilerplate"));
    }

    #[test]
    fn short_lines_without_body_are_body() {
        // No real body after the short lines: they are paragraphs, not tags.
        let a = read_str("عنوان\nسطر قصير\nسطر آخر").unwrap();
        assert!(a.tags.is_empty());
        assert_eq!(a.paragraphs, vec!["سطر قصير", "سطر آخر"]);
    }

    #[test]
    fn header_tags_and_trailer() {
        let s = "عنوان\n1,250 مشاهدة\n2020-10-25\nسياسة، أذربيجان | أرمينيا\n\nنص الخبر الأول جملة طويلة بما فيه الكفاية هنا.\n\nالوسوم: قره باغ، واشنطن\nاقرأ أيضا:\nخبر آخر عن الموضوع\nخبر ثالث\nتابعونا على فيسبوك\n© 2020 جميع الحقوق محفوظة\nشارك على: فيسبوك | تويتر";
        let a = read_str(s).unwrap();
        assert_eq!(a.meta["views"], 1250);
        assert_eq!(a.published, chrono::NaiveDate::from_ymd_opt(2020, 10, 25));
        assert_eq!(
            a.tags,
            vec!["سياسة", "أذربيجان", "أرمينيا", "قره باغ", "واشنطن"]
        );
        assert_eq!(
            a.paragraphs,
            vec!["نص الخبر الأول جملة طويلة بما فيه الكفاية هنا."]
        );
        assert_eq!(a.meta["boilerplate"].as_array().unwrap().len(), 10);
        assert_eq!(a.meta["boilerplate"][0], "1,250 مشاهدة");
    }

    #[test]
    fn glued_share_label() {
        let a = read_str("عنوان\nالنص الكامل للخبر هنا بشكل كامل.مشاركة").unwrap();
        assert_eq!(a.paragraphs, vec!["النص الكامل للخبر هنا بشكل كامل."]);
        assert_eq!(a.meta["boilerplate"][0], "مشاركة");
    }

    #[test]
    fn mid_body_read_also() {
        let a = read_str("عنوان\nفقرة أولى طويلة بما يكفي لتكون فقرة.\nاقرأ أيضا: عنوان خبر آخر\nفقرة ثانية طويلة بما يكفي لتكون فقرة.").unwrap();
        assert_eq!(a.paragraphs.len(), 2);
    }

    #[test]
    fn empty_and_whitespace() {
        assert_eq!(
            read_str("  \n\n \u{a0}\n").unwrap_err().reason,
            "empty body"
        );
        let a = read_str("فقرة وحيدة.").unwrap();
        assert_eq!(a.title, "");
        assert_eq!(a.paragraphs, vec!["فقرة وحيدة."]);
    }
}
