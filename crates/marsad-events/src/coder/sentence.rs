//! The sentence being coded, as every phase sees it: its tokens and where they sit in the
//! paragraph, its clauses, its actor pieces and runs, and what each run stands for.
//!
//! For: the facts about a sentence that the phases share, computed once. Not for: deciding
//! anything about an event (the phases do: [`super::status`], [`super::subject`], …), nor for
//! what is remembered across sentences ([`super::memory`]).

use chrono::NaiveDate;
use marsad_entities::FoundEntity;
use marsad_kb::Kb;

use super::memory::{self, Doc};
use super::words::{CAUSED_BY, COUNT_WORDS, CROWD_COUNTS, MIL_WORDS};
use crate::actors::{self, Kind, Piece, Run};
use crate::event::Actor;
use crate::triggers::{tok_is, Dict, Hit, Rule, Tok};

/// What stays the same for every sentence of an article.
pub(crate) struct Article<'a> {
    pub kb: &'a Kb,
    pub dict: &'a Dict,
    pub entities: &'a [FoundEntity],
    pub published: Option<NaiveDate>,
}

/// One sentence of paragraph `pi`, with the actors it names.
pub(crate) struct Sentence<'a> {
    pub art: &'a Article<'a>,
    /// The paragraph's display text and index; token offsets are into it.
    pub p: &'a str,
    pub pi: usize,
    /// The sentence's byte range in the paragraph.
    pub s0: usize,
    pub s1: usize,
    pub toks: &'a [Tok],
    /// The first token of each clause, in order (the first is 0).
    starts: Vec<usize>,
    pub pieces: Vec<Piece>,
    /// Actor runs and, for each, the actors it stands for (empty until [`Sentence::read_actors`];
    /// a reference resolves through the document memory).
    pub runs: Vec<Run>,
    pub groups: Vec<Vec<Actor>>,
}

impl<'a> Sentence<'a> {
    /// Splits the sentence into clauses and finds its actor pieces. `toks` is not empty.
    pub fn new(
        art: &'a Article<'a>,
        pi: usize,
        p: &'a str,
        (s0, s1): (usize, usize),
        toks: &'a [Tok],
    ) -> Sentence<'a> {
        let mut starts = vec![0usize];
        starts.extend((1..toks.len()).filter(|&k| opens_clause(toks, k)));
        let mut pieces = actors::pieces(art.kb, toks, pi, art.entities, art.published);
        // The dateline's city and country are where the desk wrote from, not actors.
        if let Some(end) = dateline_end(&p[s0..s1]) {
            pieces.retain(|pc| toks[pc.first].start >= s0 + end);
        }
        Sentence {
            art,
            p,
            pi,
            s0,
            s1,
            toks,
            starts,
            pieces,
            runs: Vec::new(),
            groups: Vec::new(),
        }
    }

    /// Chains the pieces into runs and resolves each run's references against `doc` (as it was
    /// before this sentence). No run goes through one of `hits` (الشرطة الهندية تعتقل امرأة: the
    /// verb stands between its subject and its object).
    pub fn read_actors(&mut self, doc: &Doc, hits: &[Hit]) {
        let toks = self.toks;
        let n = toks.len();
        let in_hit = |k: usize| hits.iter().any(|h| h.first <= k && k <= h.last);
        let pieces = &self.pieces;
        let kind_ending = |k: usize| pieces.iter().find(|p| p.last == k).map(|p| p.kind);
        let kind_at = |k: usize| pieces.iter().find(|p| p.first == k).map(|p| p.kind);
        // Side by side, a nisba and then a definite agent are two actors (حملت السلطاتُ السوريةُ
        // القواتَ الأمريكية): the agent opens the object.
        let new_actor = |a: usize, b: usize| {
            a == b
                && a > 0
                && b < n
                && (object_after(&toks[a - 1], &toks[b])
                    || (kind_ending(a - 1) == Some(Kind::Adj)
                        && kind_at(b) == Some(Kind::Agent)
                        && toks[b].key.starts_with("ال")))
        };
        let gap_ok = |a: usize, b: usize| {
            b >= a
                && !new_actor(a, b)
                && b - a <= 2
                && (a..=b).all(|k| k >= n || !toks[k].punct_before)
                && (a..b).all(|k| {
                    !ends_phrase(&toks[k].key) && !between_actors(&toks[k].key) && !in_hit(k)
                })
        };
        let text_of = |a: usize, b: usize| self.p[toks[a].start..toks[b].end].to_string();
        self.runs = actors::runs(&self.pieces, &gap_ok, &text_of);
        self.groups = memory::resolve(&self.runs, doc);
    }

    /// The sentence's text.
    pub fn text(&self) -> &'a str {
        &self.p[self.s0..self.s1]
    }

    /// The match key of token `k`.
    pub fn key(&self, k: usize) -> &'a str {
        self.toks[k].key.as_str()
    }

    /// The rule a hit matched.
    pub fn rule(&self, h: &Hit) -> &'a Rule {
        &self.art.dict.rules[h.rule as usize]
    }

    /// The clause of token `i`: its first token and the end (exclusive).
    pub fn clause_of(&self, i: usize) -> (usize, usize) {
        let idx = self.starts.partition_point(|&s| s <= i) - 1;
        let end = self.starts.get(idx + 1).copied();
        (self.starts[idx], end.unwrap_or(self.toks.len()))
    }

    /// The sentence speaks of fighting: military rules may match.
    pub fn military(&self) -> bool {
        let mil = |t: &Tok| MIL_WORDS.iter().any(|w| tok_is(t, w));
        self.toks.iter().any(mil)
    }

    /// Token `i` is part of a name (مجلس الأمن), so it cannot be a trigger; agent words can.
    pub fn in_name(&self, i: usize) -> bool {
        self.pieces.iter().any(|pc| {
            pc.first <= i && i <= pc.last && !matches!(pc.kind, Kind::Agent | Kind::RefAgent)
        })
    }

    /// Run `start` and the runs coordinated after it (مصر والأردن).
    pub fn chain(&self, start: usize) -> Vec<usize> {
        let mut v = vec![start];
        let mut k = start;
        while k + 1 < self.runs.len() && self.coordinated(&self.runs[k], &self.runs[k + 1]) {
            k += 1;
            v.push(k);
        }
        v
    }

    /// Run `r` is a capital standing for its government ([`crate::actors::Kind::Place`]).
    pub fn capital(&self, r: usize) -> bool {
        self.runs[r]
            .actor
            .entity
            .as_deref()
            .is_some_and(|e| e.starts_with("geo:"))
    }

    /// The و that opens run `b`'s first word is its name's own letter (واشنطن، وهران), not the
    /// conjunction.
    fn own_waw(&self, b: &Run) -> bool {
        let key = &self.toks[b.first].key;
        let Some(e) = b.actor.entity.as_deref().and_then(|id| self.art.kb.get(id)) else {
            return false;
        };
        e.names().any(|n| {
            let k = marsad_text::match_key(n);
            k.split(' ').next() == Some(key.as_str())
        })
    }

    fn coordinated(&self, a: &Run, b: &Run) -> bool {
        if b.first <= a.last {
            return false;
        }
        let toks = self.toks;
        let gap = self.p[toks[a.last].end..toks[b.first].start].trim();
        let b_conj = toks[b.first].key.starts_with('و') && !self.own_waw(b);
        // "A وB", "A و B", "A، وB"; a bare comma is apposition (المرشد الأعلى لإيران، علي خامنئي).
        b.first == a.last + 1 && b_conj && (gap.is_empty() || gap == "،" || gap == ",")
            || (b.first == a.last + 2 && toks[a.last + 1].key == "و")
    }
}

/// News agencies and outlets whose name in parentheses closes a dateline (دبي، الإمارات العربية
/// المتحدة (CNN) –، دمشق (سانا) -).
const DATELINE_SOURCES: &[&str] = &[
    "CNN",
    "رويترز",
    "أ ف ب",
    "أ.ف.ب",
    "ا ف ب",
    "د ب أ",
    "واس",
    "سانا",
    "وام",
    "كونا",
    "قنا",
    "بترا",
    "تاس",
    "الأناضول",
    "شينخوا",
    "إرنا",
    "وفا",
    "واف",
    "أ ش أ",
    "يو بي آي",
    "أسوشيتد برس",
];

/// The byte length of a dateline that opens `sentence` (a place, then an agency in parentheses,
/// within its first 80 bytes), if there is one.
fn dateline_end(sentence: &str) -> Option<usize> {
    let mut k = sentence.len().min(80);
    while !sentence.is_char_boundary(k) {
        k -= 1;
    }
    let a = sentence[..k].find('(')?;
    let b = a + sentence[a..].find(')')?;
    let inside = sentence[a + 1..b].trim();
    DATELINE_SOURCES
        .iter()
        .any(|d| inside.eq_ignore_ascii_case(d))
        .then_some(b + 1)
}

/// Clause boundaries: a token that opens a new clause (في حين، بينما، فيما، حيث، كما).
fn opens_clause(toks: &[Tok], k: usize) -> bool {
    let key = toks[k].key.as_str();
    if matches!(
        key,
        "بينما" | "وبينما" | "فيما" | "وفيما" | "حيث" | "وحيث" | "كما" | "وكما"
    ) {
        return true;
    }
    (key == "في" || key == "وفي") && toks.get(k + 1).is_some_and(|t| t.key == "حين")
}

/// Prepositions that stand between a doer and the one it is done to, or the place it is done at
/// (أطلقت الشرطة الرصاص على المحتجين، اشتباكات بين الجيش ومسلحين، المحتجون أمام السفارة), and the
/// أنّ that opens what a speaker said (قال مصدر أمني إن المسلحين): no actor runs through them.
const BETWEEN_ACTORS: &[&str] = &[
    "علي",
    "ضد",
    "الي",
    "عن",
    "مع",
    "بين",
    "نحو",
    "باتجاه",
    "تجاه",
    "امام",
    "قرب",
    "عند",
    "ان",
    "بان",
];

/// A preposition between actors, or a count between a doer and its victims (قتل مسلحون ثلاثة جنود،
/// اعتقلت الشرطة عشرات المحتجين).
fn between_actors(key: &str) -> bool {
    // The victims and who caused it are two actors: جنود أتراك برصاص مسلحين.
    BETWEEN_ACTORS.contains(&key)
        || COUNT_WORDS.contains(&key)
        || CAUSED_BY.contains(&key)
        || CROWD_COUNTS.contains(&key)
}

/// Two definite words side by side where the second is a sound masculine plural and the first is
/// not (أحال القضاءُ المتهمين، فرقت الشرطةُ المحتجين): the second is the verb's object, not an
/// adjective of the first, and no construct state starts with the article. An adjective agrees
/// (المسلحين المتشددين), and a broken plural of people takes a sound-plural nisba (الجنود
/// الإسرائيليين، الأسرى الفلسطينيين): neither is split.
fn object_after(a: &Tok, b: &Tok) -> bool {
    let definite = |t: &Tok| t.key.starts_with("ال") || t.anchors.iter().any(|x| x.2);
    let sound_plural = |k: &str| k.ends_with("ين") || k.ends_with("ون");
    let nisba = |k: &str| k.ends_with("يين") || k.ends_with("يون");
    definite(a)
        && b.key.starts_with("ال")
        && sound_plural(&b.key)
        && !nisba(&b.key)
        && !sound_plural(&a.key)
}

/// A word no actor runs through: an indefinite accusative noun (هاجم مسلحون مركزا للشرطة) or a
/// plural past verb (المسلحون هاجموا مركزا), both ending in alif, neither with the article; the
/// words on either side are two phrases, not one name.
fn ends_phrase(key: &str) -> bool {
    key.ends_with('ا')
        && key.chars().count() >= 4
        && !key.starts_with("ال")
        && !key.starts_with("لل")
}

#[cfg(test)]
mod tests {
    use super::super::testkit::kept;

    #[test]
    fn an_actor_does_not_run_through_an_indefinite_object() {
        // مسلحون and الشرطة are two actors: مركزا (accusative, indefinite) stands between them.
        // The police take the place's country; unknown gunmen keep none (GUIDELINES §3).
        let text = "هاجم مسلحون مركزا للشرطة في مدينة العريش.";
        assert_eq!(
            kept(text),
            vec![("180".to_string(), "REB".to_string(), "EGYCOP".to_string())]
        );
    }

    #[test]
    fn no_actor_runs_through_the_verb() {
        // A headline's SVO: the police, then the verb, then its object, not one actor.
        let text = "الشرطة الهندية تعتقل امرأة انتحلت صفة رجل للحصول على مهر الزواج";
        assert_eq!(
            kept(text),
            vec![(
                "173".to_string(),
                "INDCOP".to_string(),
                "INDCVL".to_string()
            )]
        );
    }

    #[test]
    fn a_crowd_count_opens_the_victims() {
        // Before: one actor "الشرطة التونسية عشرات المحتجين", coded as the protesters.
        let text = "واعتقلت الشرطة التونسية عشرات المحتجين في صفاقس.";
        assert_eq!(
            kept(text),
            vec![(
                "173".to_string(),
                "TUNCOP".to_string(),
                "TUNCVL".to_string()
            )]
        );
    }

    #[test]
    fn a_definite_plural_after_a_definite_agent_is_the_object() {
        // No construct state starts with the article, and an adjective would agree.
        let text = "أحال القضاء المتهمين على المحكمة.";
        assert_eq!(
            kept(text),
            vec![("173".to_string(), "JUD".to_string(), "CVL".to_string())]
        );
    }

    #[test]
    fn an_agreeing_plural_or_a_nisba_plural_joins_the_actor() {
        assert!(!super::object_after(&tok("المسلحين"), &tok("المتشددين")));
        assert!(!super::object_after(&tok("الجنود"), &tok("الاسراييليين")));
        assert!(super::object_after(&tok("الشرطه"), &tok("المحتجين")));
    }

    fn tok(key: &str) -> crate::triggers::Tok {
        crate::triggers::Tok {
            start: 0,
            end: key.len(),
            key: key.to_string(),
            anchors: std::rc::Rc::from(Vec::new()),
            loose: std::rc::Rc::from(Vec::new()),
            punct_before: false,
            conj: false,
        }
    }

    #[test]
    fn a_definite_agent_after_a_nisba_opens_the_object() {
        let text = "وحملت السلطات السورية القوات الأمريكية مسؤولية الهجوم.";
        let k = kept(text);
        assert!(
            k.iter().any(|(_, s, t)| s == "SYRGOV" && t == "USAMIL"),
            "{k:?}"
        );
    }

    #[test]
    fn ends_phrase_is_alif_final_and_indefinite() {
        assert!(super::ends_phrase("مركزا"));
        assert!(super::ends_phrase("هاجموا"));
        assert!(!super::ends_phrase("الدفاعا"));
        assert!(
            !super::ends_phrase("جدا"),
            "too short to be a noun of its own here"
        );
    }

    #[test]
    fn a_dateline_is_no_actor() {
        let s = "دبي، الإمارات العربية المتحدة (CNN) – زار ولي العهد الأردني قوات الأمن.";
        let end = super::dateline_end(s).expect("a CNN dateline");
        assert_eq!(&s[..end], "دبي، الإمارات العربية المتحدة (CNN)");
        assert_eq!(
            super::dateline_end("دمشق (سانا) - قصفت الطائرات المدينة."),
            Some("دمشق (سانا)".len())
        );
        // Parentheses that are no agency, or far into the sentence, open no dateline.
        assert_eq!(
            super::dateline_end("قال الوزير (60 عاما) إن الحكومة ستستقيل."),
            None
        );
        let late = format!("{} (CNN)", "كلمة ".repeat(30));
        assert_eq!(super::dateline_end(&late), None);
        // The country of the dateline is not the source of the event.
        let kept = super::super::testkit::kept(s);
        assert!(kept.iter().all(|k| k.1 != "ARE"), "{kept:?}");
    }
}
