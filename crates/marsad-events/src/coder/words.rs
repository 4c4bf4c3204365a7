//! The closed word lists the coder's rules read: negators, conditionals, appeal and intent words,
//! background prepositions, passive markers, documents, relative pronouns, military context.
//!
//! For: naming the words once, as match keys (no hamza, ة → ه, ى → ي), so each rule reads as
//! what it checks. Not for: open vocabularies (triggers and agent words are data files under
//! `data/events/`).

/// Words that negate the event a word or two after them (لم يهاجم، عدم استئناف).
pub(crate) const NEGATORS: &[&str] = &[
    "لم", "لن", "لا", "ما", "ليس", "عدم", "دون", "بدون", "ولم", "ولن", "ولا", "غير",
];
/// Words that make the rest of their clause a condition (إذا هاجم): nothing happened yet.
pub(crate) const CONDITIONALS: &[&str] = &["اذا", "لو", "واذا", "ولو", "فاذا"];
/// Appeal and intent words: an event noun in their complement is asked for or planned
/// (طالب باستئناف جلسات المفاوضات، قرر الدخول في إضراب), not reported.
pub(crate) const APPEALS: &[&str] = &[
    "دعا",
    "دعت",
    "دعوا",
    "يدعو",
    "تدعو",
    "داعيا",
    "داعين",
    "دعوه",
    "طالب",
    "طالبت",
    "طالبوا",
    "يطالب",
    "تطالب",
    "مطالبا",
    "مطالبين",
    "مطالبه",
    "حث",
    "حثت",
    "يحث",
    "ناشد",
    "ناشدت",
    "قرر",
    "قررت",
    "قرروا",
    "يعتزم",
    "تعتزم",
    "ينوي",
    "تنوي",
    "بهدف",
    "لاجل",
    "اجل",
    "استيناف",
    "عوده",
    "ضروره",
];
/// Words that announce an event (سوف يزور، يعتزم): kept as intent, with half the confidence.
pub(crate) const INTENT: &[&str] = &[
    "سوف",
    "يعتزم",
    "تعتزم",
    "ينوي",
    "تنوي",
    "يعتزمون",
    "ينوون",
    "يتوقع",
    "يرتقب",
    "ستعمل",
    "سيعمل",
];
/// Words after which an event noun is the time or frame of another (خلال زيارته، بعد الهجوم).
pub(crate) const BACKGROUND: &[&str] = &[
    "خلال",
    "اثناء",
    "عقب",
    "بعد",
    "قبل",
    "اثر",
    "اعقاب",
    "اطار",
    "ضوء",
    "خلفيه",
    "ختام",
    "وقف",
];
/// Words that make the next words a passive event: تم استدعاء السفير (the doer is not named).
pub(crate) const PASSIVE: &[&str] = &["تم", "تمت", "يتم", "وتم", "وتمت", "ويتم", "جرى", "وجرى"];
/// A document as the subject (مشروع قرار يدعو إلى، بيان يطالب): no actor did it.
pub(crate) const DOCUMENTS: &[&str] = &[
    "قرار",
    "مشروع",
    "تقرير",
    "مرسوم",
    "قانون",
    "رساله",
    "نص",
    "وثيقه",
    "لايحه",
];
/// Relative pronouns: the clause they open names a participant, it reports no new event.
pub(crate) const RELATIVE: &[&str] = &[
    "الذي",
    "التي",
    "الذين",
    "اللذين",
    "اللتين",
    "اللذان",
    "اللتان",
];
/// Words of military context: rules marked military match only in sentences with one of them.
pub(crate) const MIL_WORDS: &[&str] = &[
    "قوات",
    "جيش",
    "جبهه",
    "محور",
    "محاور",
    "عسكري",
    "عسكريه",
    "جنود",
    "معارك",
    "مواقع",
    "ميدان",
    "قتال",
];

/// Number words that count people (ثلاثة جنود): they open a count of victims and end an actor.
pub(crate) const COUNT_WORDS: &[&str] = &[
    "اثنان",
    "اثنين",
    "ثلاثه",
    "اربعه",
    "خمسه",
    "سته",
    "سبعه",
    "ثمانيه",
    "تسعه",
    "عشره",
];

/// Counts of a crowd that open a new actor (عشرات المحتجين، مئات المعتقلين).
pub(crate) const CROWD_COUNTS: &[&str] = &["عشرات", "مئات", "الاف", "الوف", "العشرات", "المئات"];

/// Words of a time adverbial that may stand between a verb and its subject (تظاهر صباح الجمعة
/// عشرات المواطنين; هاجم أمس مسلحون): days, parts of the day, and their modifiers (match keys).
pub(crate) const TIME_WORDS: &[&str] = &[
    "اليوم",
    "امس",
    "يوم",
    "صباح",
    "مساء",
    "ليل",
    "ليله",
    "فجر",
    "ظهر",
    "عصر",
    "الاحد",
    "الاثنين",
    "الثلاثاء",
    "الاربعاء",
    "الخميس",
    "الجمعه",
    "السبت",
    "الماضي",
    "الماضيه",
    "الجاري",
    "الحالي",
    "اول",
    "صباحا",
    "مساءا",
    "ليلا",
    "فجرا",
    "ظهرا",
];

/// Prepositions (match keys) that put the actor after them in an object's place, not a
/// possessor's: الهجوم على الجيش، الإفراج عن المعتقلين. Not من (إطلاق نار من الجيش: the doer),
/// بين or مع (اجتماع بين …: the parties).
pub(crate) const OBJECT_PREPOSITIONS: &[&str] = &["علي", "الي", "ضد", "عن", "تجاه"];

/// Words after which a casualty report names who caused it (جراء قصف الجيش، برصاص الشرطة، في
/// هجوم شنه مسلحون).
pub(crate) const CAUSED_BY: &[&str] = &[
    "جراء",
    "برصاص",
    "بنيران",
    "بقصف",
    "بغاره",
    "بغارات",
    "شنه",
    "نفذه",
    "شنها",
    "نفذها",
    "بيد",
];

/// Words before a nisba that make it a person's nationality (مقيمين من الجنسية اليمنية), match
/// keys with their clitics: the nisba then says where someone comes from, not where the news is.
pub(crate) const NATIONALITY: &[&str] = &[
    "الجنسيه",
    "بالجنسيه",
    "جنسيه",
    "الجنسيتين",
    "جنسيتها",
    "جنسيته",
];
