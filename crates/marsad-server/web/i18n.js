// Interface language: Arabic right-to-left (the default) or English left-to-right. The choice is
// kept in localStorage; `t(key, …args)` gives a label in the current language. Scraped text is
// never translated: in English, events are shown by their `summary_en` line, entities by their
// KB name.
'use strict';

const LANG_KEY = 'marsad-lang';

function storedLang() {
  try { return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'ar'; } catch (_) { return 'ar'; }
}

let LANG = storedLang();
const isEn = () => LANG === 'en';

const ROOT_NAMES = {
  ar: {
    '01': 'تصريح علني', '02': 'مناشدة', '03': 'إعلان نية التعاون', '04': 'تشاور', '05': 'تعاون دبلوماسي',
    '06': 'تعاون مادي', '07': 'تقديم مساعدة', '08': 'تنازل', '09': 'تحقيق', '10': 'مطالبة',
    '11': 'رفض أو انتقاد', '12': 'رفض', '13': 'تهديد', '14': 'احتجاج', '15': 'استعراض قوة',
    '16': 'تقليص العلاقات', '17': 'إكراه', '18': 'اعتداء', '19': 'قتال', '20': 'عنف جماعي غير تقليدي',
  },
  en: {
    '01': 'Make public statement', '02': 'Appeal', '03': 'Express intent to cooperate', '04': 'Consult',
    '05': 'Engage in diplomatic cooperation', '06': 'Engage in material cooperation', '07': 'Provide aid',
    '08': 'Yield', '09': 'Investigate', '10': 'Demand', '11': 'Disapprove', '12': 'Reject', '13': 'Threaten',
    '14': 'Protest', '15': 'Exhibit force posture', '16': 'Reduce relations', '17': 'Coerce', '18': 'Assault',
    '19': 'Fight', '20': 'Use unconventional mass violence',
  },
};

const QUAD_NAMES = {
  ar: { 1: 'تعاون لفظي', 2: 'تعاون مادي', 3: 'صراع لفظي', 4: 'صراع مادي' },
  en: { 1: 'Verbal cooperation', 2: 'Material cooperation', 3: 'Verbal conflict', 4: 'Material conflict' },
};

const TYPE_NAMES = {
  ar: { PER: 'شخص', LOC: 'مكان', ORG: 'منظمة', MISC: 'أخرى' },
  en: { PER: 'Person', LOC: 'Place', ORG: 'Organisation', MISC: 'Other' },
};

/** key: [Arabic, English]; a function takes the arguments of t(). */
const LABELS = {
  'app': ['مرصد', 'marsad'],
  'nav.search': ['البحث', 'Search'],
  'nav.events': ['الأحداث', 'Events'],
  'nav.entities': ['الكيانات', 'Entities'],
  'nav.stories': ['القصص', 'Stories'],
  'lang.other': ['English', 'العربية'],
  'lang.switch': ['Switch the interface to English', 'التبديل إلى الواجهة العربية'],
  'footer': ['مرصد: من الأخبار العربية إلى معرفة قابلة للبحث: من فعل ماذا بمن، وأين ومتى، مع الجملة التي تقول ذلك.',
    'marsad: from Arabic news to searchable knowledge: who did what to whom, where and when, with the sentence that says so.'],
  'loading': ['جارٍ التحميل…', 'Loading…'],
  'error': ['خطأ: ', 'Error: '],
  'untitled': ['(بلا عنوان)', '(untitled)'],
  'not_found': ['صفحة غير موجودة', 'Page not found'],
  'search': ['البحث', 'Search'],
  'search.placeholder': ['ابحث في الأخبار… مثال: أذربيجان', 'Search the news… e.g. أذربيجان'],
  'search.button': ['بحث', 'Search'],
  'search.hint': ['كلمات، "عبارة بين علامتي تنصيص"، ‎-كلمة للاستبعاد، ', 'words, "a quoted phrase", -word to exclude, '],
  'search.results': [(n) => `${n} نتيجة`, (n) => `${n} results`],
  'search.latest': [(n) => `أحدث المقالات (${n})`, (n) => `Latest articles (${n})`],
  'search.events': ['أحداث هذه المقالات عبر الزمن', 'Events of these articles over time'],
  'search.on_map': ['على الخريطة', 'On the map'],
  'prev': ['→ السابق', '← Previous'],
  'next': ['التالي ←', 'Next →'],
  'facets': ['تصفية', 'Filters'],
  'facet.entities': ['الكيانات', 'Entities'],
  'facet.sources': ['المصادر', 'Sources'],
  'facet.tags': ['الوسوم', 'Tags'],
  'facet.roots': ['أنواع الأحداث', 'Event types'],
  'facet.days': ['حسب اليوم', 'By day'],
  'facet.days.aria': ['المقالات حسب اليوم', 'Articles per day'],
  'kind.nisba': ['نسبة', 'nisba adjective'],
  'kind.role': ['منصب', 'role'],
  'kind.coref': ['إحالة', 'reference'],
  'kind.part': ['جزء من اسم', 'part of a name'],
  'article.original': ['المصدر الأصلي', 'Original source'],
  'article.legend': ['ألوان الكيانات', 'Entity colours'],
  'article.no_events': ['لا أحداث مرمّزة في هذا المقال.', 'No coded events in this article.'],
  'article.copies': ['نسخ أخرى من المقال', 'Other copies of this article'],
  'article': ['المقال', 'Article'],
  'events.h': [(n) => `الأحداث (${n})`, (n) => `Events (${n})`],
  'entities.h': [(n) => `الكيانات (${n})`, (n) => `Entities (${n})`],
  'card.place': ['المكان: ', 'Place: '],
  'card.confidence': [(n) => `الثقة ${n}٪`, (n) => `confidence ${n}%`],
  'n.articles': [(n) => `${n} مقال`, (n) => `${n} articles`],
  'n.mentions': [(n) => `${n} ذكر`, (n) => `${n} mentions`],
  'n.sources': [(n) => `${n} مصدر`, (n) => `${n} sources`],
  'n.events': [(n) => `${n} حدث`, (n) => `${n} events`],
  'entity.search': ['ابحث في المقالات التي تذكره', 'Search the articles that mention it'],
  'entity.articles_per_day': ['المقالات التي تذكره حسب اليوم', 'Articles mentioning it per day'],
  'entity.no_dates': ['لا تواريخ نشر للمقالات التي تذكره.', 'The articles that mention it have no publication dates.'],
  'entity.day': [(d, a, m) => `${d}: ${a} مقال، ${m} ذكر`, (d, a, m) => `${d}: ${a} articles, ${m} mentions`],
  'entity.no_events': ['لا أحداث مرمّزة له بعد.', 'No coded events for it yet.'],
  'entity.with': ['يظهر مع', 'Appears with'],
  'entity.latest': ['أحدث المقالات', 'Latest articles'],
  'entity.all_events': ['كل أحداثه على الخريطة', 'All its events on the map'],
  'entities.top': ['الكيانات الأكثر ذكرًا', 'Most mentioned entities'],
  'all': ['الكل', 'All'],
  'f.q': ['البحث في المقالات', 'Search the articles'],
  'f.actor': ['الفاعل (رمز CAMEO أو معرّف)', 'Actor (CAMEO code or id)'],
  'f.country': ['الدولة (ISO3)', 'Country (ISO3)'],
  'f.root': ['الجذر (مثل 04,19)', 'Root (e.g. 04,19)'],
  'f.from': ['من تاريخ', 'From'],
  'f.to': ['إلى تاريخ', 'To'],
  'f.place': ['المكان', 'Place'],
  'f.quad': ['الفئة', 'Quad class'],
  'f.limit': ['العدد', 'How many'],
  'f.story': ['القصة', 'Story'],
  'f.place_country': ['دولة المكان', 'Place country'],
  'f.date': ['اليوم', 'Day'],
  'f.any': ['الكل', 'Any'],
  'f.submit': ['تصفية', 'Filter'],
  'f.remove': ['أزل هذا المرشح', 'Remove this filter'],
  'csv': ['تنزيل CSV', 'Download CSV'],
  'events.none': ['لا أحداث تطابق هذه المرشحات (أو لم تُرمَّز الأحداث بعد).', 'No events match these filters (or none are coded yet).'],
  'events.shown': [(n) => `${n} حدث`, (n) => `${n} events`],
  'th.date': ['التاريخ', 'Date'],
  'th.actor1': ['الفاعل', 'Actor'],
  'th.event': ['الحدث', 'Event'],
  'th.actor2': ['المفعول به', 'Target'],
  'th.place': ['المكان', 'Place'],
  'th.sentence': ['الجملة', 'Sentence'],
  'map': ['خريطة الأحداث', 'Event map'],
  'map.aria': ['خريطة العالم وعليها الأحداث', 'World map of the events'],
  'map.unplaced': [(n) => `${n} حدث بلا مكان معروف`, (n) => `${n} events without a known place`],
  'map.total': [(n) => `${n} حدث على الخريطة`, (n) => `${n} events on the map`],
  'map.fit': ['تكبير على الأحداث', 'Zoom to the events'],
  'map.world': ['العالم كله', 'Whole world'],
  'map.legend': ['لون الدولة والنقطة: الفئة الغالبة على أحداثها؛ حجم النقطة: عدد الأحداث', 'Colour of a country or point: the main quad class of its events; point size: how many'],
  'map.sel.country': [(name, n) => `الأحداث في ${name} (${n})`, (name, n) => `Events in ${name} (${n})`],
  'map.sel.place': [(name, n) => `الأحداث في ${name} (${n})`, (name, n) => `Events at ${name} (${n})`],
  'map.sel.table': ['اعرضها وحدها', 'Show these only'],
  'map.sel.close': ['أغلق', 'Close'],
  'map.sel.first': [(n) => `أول ${n} منها؛ الجدول فيه كلها.`, (n) => `The first ${n}; the table has them all.`],
  'map.sel.country_all': ['كل أحداث هذه الدولة (فيها أو منها)', 'All events in or by this country'],
  'map.point': [(name, n) => `${name}: ${n} حدث`, (name, n) => `${name}: ${n} events`],
  'timeline': ['الأحداث عبر الزمن', 'Events over time'],
  'timeline.aria': ['عدد الأحداث في كل فترة', 'Events per period'],
  'timeline.day': ['يوميًا', 'Per day'],
  'timeline.week': ['أسبوعيًا', 'Per week'],
  'timeline.quad': ['حسب الفئة', 'By quad class'],
  'timeline.root': ['حسب الجذر', 'By root'],
  'timeline.undated': [(n) => `${n} حدث بلا تاريخ`, (n) => `${n} undated events`],
  'timeline.empty': ['لا أحداث مؤرخة.', 'No dated events.'],
  'timeline.bar': [(s, n) => `${s}: ${n} حدث`, (s, n) => `${s}: ${n} events`],
  'timeline.week_of': [(s) => `أسبوع ${s}`, (s) => `week of ${s}`],
  'timeline.hint': ['انقر عمودًا لعرض أحداث تلك الفترة.', 'Click a bar to list the events of that period.'],
  'stories': ['القصص', 'Stories'],
  'stories.none': ['لا قصص بعد.', 'No stories yet.'],
  'story.articles': ['المقالات', 'Articles'],
  'story.near_dup': [' (نسخة متقاربة)', ' (near-duplicate)'],
  'story.events': ['الأحداث', 'Events'],
  'report': ['تقرير مرصد', 'marsad report'],
  'report.query': ['الاستعلام', 'Query'],
  'report.period': ['الفترة', 'Period'],
  'report.actors': ['أكثر الفاعلين', 'Top actors'],
  'report.dyads': ['أكثر الثنائيات', 'Top dyads'],
  'report.events': ['الأحداث وجملها', 'Events and their sentences'],
  'report.made': ['أنشئ', 'Made'],
  'report.count': ['الأحداث', 'Events'],
  'report.shown': [(n, m) => `أحدث ${n} حدث من ${m}.`, (n, m) => `The latest ${n} of ${m} events.`],
};

function t(key, ...args) {
  const v = LABELS[key];
  if (!v) return key;
  const s = v[isEn() ? 1 : 0];
  return typeof s === 'function' ? s(...args) : s;
}

const rootName = (r) => ROOT_NAMES[LANG][r] || r;
const quadName = (q) => QUAD_NAMES[LANG][q] || String(q);
const typeName = (ty) => TYPE_NAMES[LANG][ty] || ty;
// One formatter per language: toLocaleString builds a new one on every call, which costs most
// of the time of drawing thousands of map points.
const NUMBER_FORMATS = { ar: new Intl.NumberFormat('ar-EG'), en: new Intl.NumberFormat('en-US') };
const fmt = (n) => NUMBER_FORMATS[LANG].format(Number(n));

/** Sets <html lang dir>, the labels marked data-i18n and the toggle's text. */
function applyLang() {
  const root = document.documentElement;
  root.lang = LANG;
  root.dir = isEn() ? 'ltr' : 'rtl';
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.getAttribute('data-i18n'));
  const toggle = document.getElementById('lang-toggle');
  if (toggle) {
    toggle.textContent = t('lang.other');
    toggle.setAttribute('lang', isEn() ? 'ar' : 'en');
    toggle.setAttribute('title', t('lang.switch'));
  }
}

/** Switches the language, remembers it and redraws through `redraw`. */
function setLang(lang, redraw) {
  LANG = lang === 'en' ? 'en' : 'ar';
  try { localStorage.setItem(LANG_KEY, LANG); } catch (_) { /* private mode: this page only */ }
  applyLang();
  if (redraw) redraw();
}

/** The language toggle button; `redraw` re-renders the page in the new language. */
function langToggle(redraw) {
  return el('button', { type: 'button', id: 'lang-toggle', class: 'lang-toggle', 'data-testid': 'lang-toggle',
    onclick: () => setLang(isEn() ? 'ar' : 'en', redraw) }, t('lang.other'));
}

/** An event as one English line: the server's summary_en, else one composed from the codes. */
function eventLine(ev) {
  if (ev.summary_en) return ev.summary_en;
  const who = (a) => (a ? a.code || a.country || '?' : null);
  const parts = [`${who(ev.actor1)} — ${ROOT_NAMES.en[ev.root] || ev.root} (${ev.code})`];
  if (ev.actor2) parts[0] += ` → ${who(ev.actor2)}`;
  if (ev.date) parts.push(ev.date);
  if (ev.place) parts.push(ev.place.name);
  return parts.join(' · ');
}
