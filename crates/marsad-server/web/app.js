// marsad's web page: reads the JSON API and builds the page with DOM calls. Every piece of text
// from the store goes in as a text node (textContent); nothing from the API is parsed as HTML,
// except search snippets, which are rebuilt by a sanitiser that keeps only <b>.
'use strict';

const TYPES = { PER: 'شخص', LOC: 'مكان', ORG: 'منظمة', MISC: 'أخرى' };
const ROOTS = {
  '01': 'تصريح علني', '02': 'مناشدة', '03': 'إعلان نية التعاون', '04': 'تشاور', '05': 'تعاون دبلوماسي',
  '06': 'تعاون مادي', '07': 'تقديم مساعدة', '08': 'تنازل', '09': 'تحقيق', '10': 'مطالبة',
  '11': 'رفض أو انتقاد', '12': 'رفض', '13': 'تهديد', '14': 'احتجاج', '15': 'استعراض قوة',
  '16': 'تقليص العلاقات', '17': 'إكراه', '18': 'اعتداء', '19': 'قتال', '20': 'عنف جماعي غير تقليدي',
};

// ---- DOM helpers ---------------------------------------------------------------------------

/** el('a', {href, class}, 'text', child…): strings become text nodes, never HTML. */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, String(v));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

const SVG = 'http://www.w3.org/2000/svg';
function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

const main = () => document.getElementById('main');

function show(...children) {
  const m = main();
  m.replaceChildren();
  append(m, children);
}

function setTitle(t) { document.title = t ? `${t} · مرصد` : 'مرصد'; }

/** Only http(s) links leave the page; anything else (javascript:, data:) is not a link. */
function safeUrl(u) {
  try {
    const url = new URL(u, location.href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch (_) { return null; }
}

const ENTITIES = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** A snippet (escaped text with <b>…</b>) as DOM: <b> kept, everything else text. */
function snippetNodes(html) {
  const frag = document.createDocumentFragment();
  let bold = false;
  for (const part of String(html).split(/(<\/?b>)/i)) {
    if (/^<b>$/i.test(part)) { bold = true; continue; }
    if (/^<\/b>$/i.test(part)) { bold = false; continue; }
    if (!part) continue;
    const text = decodeEntities(part);
    frag.append(bold ? el('b', {}, text) : document.createTextNode(text));
  }
  return frag;
}

async function api(path) {
  const res = await fetch(path, { headers: { Accept: 'application/json' } });
  let body = null;
  try { body = await res.json(); } catch (_) { /* not JSON */ }
  if (!res.ok) {
    const msg = body && body.error ? body.error : `HTTP ${res.status}`;
    const err = new Error(msg);
    err.status = res.status;
    throw err;
  }
  return body;
}

function errorBox(e) { return el('p', { class: 'error', role: 'alert' }, 'خطأ: ', e.message || String(e)); }
function loading() { return el('p', { class: 'muted' }, 'جارٍ التحميل…'); }

const fmt = (n) => Number(n).toLocaleString('ar-EG');
const entityHref = (id) => '/entities/' + encodeURIComponent(id);
const articleHref = (id) => '/articles/' + encodeURIComponent(id);
const searchHref = (q) => '/?q=' + encodeURIComponent(q.trim());

/** A query-language value, quoted when it has spaces. */
function qv(v) { return /\s|"/.test(v) ? `"${v.replace(/"/g, '')}"` : v; }

function typeBadge(t) { return el('span', { class: `badge badge-${t}`, title: t }, TYPES[t] || t); }

function entityChip(e) {
  return el('a', { class: `ent ent-${e.type}`, href: entityHref(e.id), 'data-type': e.type, title: `${e.name} · ${TYPES[e.type] || e.type}` },
    e.name_ar || e.name);
}

function metaLine(x) {
  return el('div', { class: 'meta' },
    x.source ? el('span', {}, x.source) : null,
    x.published ? el('span', { dir: 'ltr' }, x.published) : null);
}

// ---- search -------------------------------------------------------------------------------

function searchForm(q) {
  const input = el('input', { type: 'search', name: 'q', value: q, placeholder: 'ابحث في الأخبار… مثال: أذربيجان', 'aria-label': 'البحث', maxlength: 1000 });
  return [
    el('form', { class: 'search', action: '/', method: 'get', role: 'search' }, input, el('button', { type: 'submit' }, 'بحث')),
    el('div', { class: 'hint' }, 'كلمات، "عبارة بين علامتي تنصيص"، ‎-كلمة للاستبعاد، ', el('code', { dir: 'ltr' }, 'entity:'), ' ', el('code', { dir: 'ltr' }, 'source:'), ' ', el('code', { dir: 'ltr' }, 'tag:'), ' ', el('code', { dir: 'ltr' }, 'published:2017-01-20..2017-01-31')),
  ];
}

function facetList(title, items, render) {
  if (!items || !items.length) return null;
  return [el('h4', {}, title), el('ul', {}, items.map(render))];
}

function daysChart(days, q) {
  if (!days || days.length < 2) return null;
  const max = Math.max(...days.map((d) => d.count));
  const w = 240, h = 70, bw = w / days.length;
  const chart = svg('svg', { class: 'chart', viewBox: `0 0 ${w} ${h + 14}`, role: 'img', 'aria-label': 'المقالات حسب اليوم', direction: 'ltr' });
  days.forEach((d, i) => {
    const bh = Math.max(2, (d.count / max) * h);
    const a = svg('a', { href: searchHref(`${q} published:${d.value}`) });
    a.append(svg('rect', { class: 'bar', x: i * bw + 0.5, y: h - bh, width: Math.max(1, bw - 1), height: bh }, svg('title', {}, `${d.value}: ${d.count}`)));
    chart.append(a);
  });
  chart.append(svg('text', { x: 0, y: h + 12 }, days[0].value), svg('text', { x: w, y: h + 12, 'text-anchor': 'end' }, days[days.length - 1].value));
  return [el('h4', {}, 'حسب اليوم'), chart];
}

async function searchPage(params) {
  const q = (params.get('q') || '').slice(0, 1000);
  const offset = Math.max(0, parseInt(params.get('offset') || '0', 10) || 0);
  const limit = 10;
  setTitle(q || 'البحث');
  const results = el('div', {}, loading());
  show(searchForm(q), results);
  try {
    const r = await api(`/api/search?q=${encodeURIComponent(q)}&limit=${limit}&offset=${offset}&facets=1`);
    const head = el('p', { class: 'muted', 'data-testid': 'total' }, q ? `${fmt(r.total)} نتيجة` : `أحدث المقالات (${fmt(r.total)})`);
    const hits = el('ol', { class: 'hits' }, r.hits.map((h) => el('li', { class: 'hit' },
      el('h3', {}, el('a', { href: articleHref(h.id), 'data-source-id': h.source_id }, h.title || '(بلا عنوان)')),
      metaLine(h),
      h.snippet ? el('p', { class: 'snippet' }, snippetNodes(h.snippet)) : null)));
    const pager = el('nav', { class: 'pager' },
      offset > 0 ? el('a', { href: `/?q=${encodeURIComponent(q)}&offset=${Math.max(0, offset - limit)}` }, '→ السابق') : null,
      offset + limit < r.total ? el('a', { href: `/?q=${encodeURIComponent(q)}&offset=${offset + limit}` }, 'التالي ←') : null);
    const f = r.facets || {};
    const facets = el('aside', { class: 'facets', 'aria-label': 'تصفية' },
      facetList('الكيانات', f.entities, (e) => el('li', {},
        el('a', { class: `ent ent-${e.type}`, href: searchHref(`${q} entity:${qv(e.id)}`), 'data-entity': e.id, title: `${e.name} · ${TYPES[e.type] || e.type}` }, e.name_ar || e.name),
        el('span', { class: 'count' }, fmt(e.articles)))),
      facetList('المصادر', f.sources, (s) => el('li', {}, el('a', { href: searchHref(`${q} source:${qv(s.value)}`) }, s.value), el('span', { class: 'count' }, fmt(s.count)))),
      facetList('الوسوم', f.tags, (t) => el('li', {}, el('a', { href: searchHref(`${q} tag:${qv(t.value)}`) }, t.value), el('span', { class: 'count' }, fmt(t.count)))),
      facetList('أنواع الأحداث', f.event_roots, (t) => el('li', {}, el('a', { href: `/events?root=${encodeURIComponent(t.value)}` }, `${t.value} ${ROOTS[t.value] || ''}`), el('span', { class: 'count' }, fmt(t.count)))),
      daysChart(f.days, q));
    results.replaceChildren(el('div', { class: 'layout' }, el('section', {}, head, hits, pager), facets));
  } catch (e) {
    results.replaceChildren(errorBox(e));
  }
}

// ---- article ------------------------------------------------------------------------------

const enc = new TextEncoder();
const dec = new TextDecoder();

/** What a mention that is not the name itself is (a tooltip word). */
const MENTION_KINDS = { nisba: 'نسبة', role: 'منصب', coref: 'إحالة' };

/** A paragraph with its mentions (byte offsets into its UTF-8 text) as entity links. */
function paragraphNodes(text, mentions) {
  const bytes = enc.encode(text);
  const out = [];
  let pos = 0;
  for (const m of mentions) {
    if (m.start < pos || m.end > bytes.length || m.end <= m.start) continue; // overlapping or bad
    if (m.start > pos) out.push(dec.decode(bytes.subarray(pos, m.start)));
    const e = m.entity;
    const kind = m.kind && m.kind !== 'name' ? ` · ${MENTION_KINDS[m.kind] || m.kind}` : '';
    out.push(el('a', { class: `ent ent-${e.type} mention-${m.kind || 'name'}`, href: entityHref(e.id), 'data-type': e.type, 'data-entity': e.id, title: `${e.name} · ${TYPES[e.type] || e.type}${kind}` },
      dec.decode(bytes.subarray(m.start, m.end))));
    pos = m.end;
  }
  if (pos < bytes.length) out.push(dec.decode(bytes.subarray(pos)));
  return out;
}

/** The sentence with the trigger marked. */
function sentenceNodes(sentence, trigger) {
  const i = trigger ? sentence.indexOf(trigger) : -1;
  if (i < 0) return [sentence];
  return [sentence.slice(0, i), el('mark', {}, trigger), sentence.slice(i + trigger.length)];
}

function actorNode(a) {
  if (!a) return null;
  const label = [a.name, a.code ? ` (${a.code})` : ''].join('');
  return a.entity ? el('a', { href: entityHref(a.entity) }, label) : el('span', {}, label);
}

function eventCard(ev, articleId) {
  return el('div', { class: `card q${ev.quad_class}`, 'data-testid': 'event-card' },
    el('div', { class: 'who' }, actorNode(ev.actor1), ev.actor2 ? [' ← ', actorNode(ev.actor2)] : null),
    el('div', { class: 'meta' },
      el('span', {}, `${ROOTS[ev.root] || ev.root}`),
      el('span', { dir: 'ltr', class: 'mono' }, `CAMEO ${ev.code}`),
      ev.plover && ev.plover.type ? el('span', { dir: 'ltr', class: 'mono' }, ev.plover.type) : null,
      ev.date ? el('span', { dir: 'ltr' }, ev.date) : null,
      ev.place ? el('span', {}, 'المكان: ', ev.place.name) : null,
      el('span', {}, `الثقة ${Math.round((ev.confidence || 0) * 100)}٪`)),
    ev.evidence ? el('blockquote', {}, sentenceNodes(ev.evidence.sentence || '', ev.evidence.trigger)) : null,
    articleId ? el('div', { class: 'small' }, el('a', { href: articleHref(articleId) }, 'المقال')) : null);
}

async function articlePage(id) {
  show(loading());
  try {
    const r = await api('/api/articles/' + encodeURIComponent(id));
    const a = r.article;
    setTitle(a.title);
    const byPara = new Map();
    for (const e of r.entities) {
      for (const m of e.mentions) {
        if (!byPara.has(m.paragraph)) byPara.set(m.paragraph, []);
        byPara.get(m.paragraph).push({ start: m.start, end: m.end, entity: e });
      }
    }
    for (const ms of byPara.values()) ms.sort((x, y) => x.start - y.start || y.end - x.end);
    const url = a.url && safeUrl(a.url);
    const types = [...new Set(r.entities.map((e) => e.type))];
    show(
      el('h1', {}, a.title || '(بلا عنوان)'),
      el('div', { class: 'meta' },
        a.source ? el('span', {}, a.source) : null,
        a.published ? el('span', { dir: 'ltr' }, a.published) : null,
        url ? el('a', { href: url, rel: 'noopener noreferrer nofollow', target: '_blank' }, 'المصدر الأصلي') : null,
        el('span', { class: 'mono', dir: 'ltr', title: a.source_id }, a.id)),
      a.tags && a.tags.length ? el('div', { class: 'tags' }, a.tags.map((t) => el('a', { class: 'tag', href: searchHref(`tag:${qv(t)}`) }, t))) : null,
      types.length ? el('div', { class: 'legend', 'aria-label': 'ألوان الكيانات' }, types.map((t) => el('span', { class: `ent ent-${t}` }, TYPES[t] || t))) : null,
      el('article', { class: 'body' }, a.paragraphs.map((p, i) => el('p', {}, paragraphNodes(p, byPara.get(i) || [])))),
      el('section', { 'data-testid': 'events' },
        el('h2', {}, `الأحداث (${fmt(r.events.length)})`),
        r.events.length
          ? el('div', { class: 'cards' }, r.events.map((ev) => eventCard(ev)))
          : el('p', { class: 'muted' }, 'لا أحداث مرمّزة في هذا المقال.')),
      el('section', { 'data-testid': 'entities' },
        el('h2', {}, `الكيانات (${fmt(r.entities.length)})`),
        el('ul', { class: 'entity-list' }, r.entities.map((e) => el('li', {}, entityChip(e), ' ', el('span', { class: 'muted small' }, `×${e.mentions.length}`))))),
      r.sightings && r.sightings.length > 1
        ? el('section', {}, el('h2', {}, 'نسخ أخرى من المقال'), el('ul', {}, r.sightings.map((s) => el('li', { class: 'small' }, s.source || '', ' ', el('span', { class: 'mono', dir: 'ltr' }, s.source_id)))))
        : null);
  } catch (e) {
    show(errorBox(e));
  }
}

// ---- entities -----------------------------------------------------------------------------

function timelineChart(days) {
  if (!days.length) return el('p', { class: 'muted' }, 'لا تواريخ نشر للمقالات التي تذكره.');
  // One bar per calendar day between the first and the last, empty days included.
  const start = new Date(days[0].day + 'T00:00:00Z');
  const end = new Date(days[days.length - 1].day + 'T00:00:00Z');
  const span = Math.min(3660, Math.round((end - start) / 86400000) + 1);
  const counts = new Map(days.map((d) => [d.day, d]));
  const series = [];
  for (let i = 0; i < span; i++) {
    const day = new Date(start.getTime() + i * 86400000).toISOString().slice(0, 10);
    const d = counts.get(day);
    series.push({ day, articles: d ? d.articles : 0, mentions: d ? d.mentions : 0 });
  }
  const max = Math.max(1, ...series.map((d) => d.articles));
  const w = 720, h = 160, left = 28, bottom = 18, bw = (w - left) / series.length;
  const chart = svg('svg', { class: 'chart', viewBox: `0 0 ${w} ${h + bottom}`, role: 'img', 'aria-label': 'عدد المقالات في اليوم', direction: 'ltr', 'data-testid': 'timeline' });
  chart.append(svg('text', { x: 2, y: 12 }, String(max)), svg('text', { x: 2, y: h }, '0'));
  series.forEach((d, i) => {
    if (!d.articles) return;
    const bh = (d.articles / max) * (h - 16);
    chart.append(svg('rect', { class: 'bar', x: left + i * bw + 0.5, y: h - bh, width: Math.max(1, bw - 1), height: bh },
      svg('title', {}, `${d.day}: ${d.articles} مقال، ${d.mentions} ذكر`)));
  });
  chart.append(svg('text', { x: left, y: h + 14 }, series[0].day), svg('text', { x: w, y: h + 14, 'text-anchor': 'end' }, series[series.length - 1].day));
  return chart;
}

async function entityPage(id) {
  show(loading());
  try {
    const r = await api('/api/entities/' + encodeURIComponent(id));
    const e = r.entity;
    setTitle(e.name_ar || e.name);
    show(
      el('h1', {}, e.name_ar || e.name, ' ', typeBadge(e.type)),
      el('div', { class: 'meta' },
        e.name && e.name !== e.name_ar ? el('span', { lang: 'en', dir: 'ltr' }, e.name) : null,
        el('span', { class: 'mono', dir: 'ltr' }, e.id),
        e.iso3 ? el('span', { dir: 'ltr' }, `ISO ${e.iso3}`) : null,
        e.cameo ? el('span', { dir: 'ltr' }, `CAMEO ${e.cameo}`) : null),
      el('p', { class: 'stats' }, el('span', {}, `${fmt(e.articles)} مقال`), el('span', {}, `${fmt(e.mentions)} ذكر`),
        el('a', { href: searchHref(`entity:${qv(e.id)}`) }, 'ابحث في المقالات التي تذكره')),
      el('h2', {}, 'الخط الزمني'),
      timelineChart(r.timeline),
      el('section', { 'data-testid': 'events' },
        el('h2', {}, `الأحداث (${fmt(r.events.length)})`),
        r.events.length ? el('div', { class: 'cards' }, r.events.map((ev) => eventCard(ev, ev.article_id)))
          : el('p', { class: 'muted' }, 'لا أحداث مرمّزة له بعد.')),
      el('h2', {}, 'يظهر مع'),
      r.co_occurring.length ? el('ul', { class: 'entity-list' }, r.co_occurring.map((c) => el('li', {}, entityChip(c), ' ', el('span', { class: 'muted small' }, fmt(c.articles)))))
        : el('p', { class: 'muted' }, '—'),
      el('h2', {}, 'أحدث المقالات'),
      el('ul', {}, r.articles.map((a) => el('li', {}, el('a', { href: articleHref(a.id) }, a.title || '(بلا عنوان)'), ' ', metaLine(a)))));
  } catch (err) {
    show(errorBox(err));
  }
}

async function entitiesPage(params) {
  const type = params.get('type') || '';
  setTitle('الكيانات');
  const list = el('div', {}, loading());
  show(el('h1', {}, 'الكيانات الأكثر ذكرًا'),
    el('div', { class: 'tags' }, el('a', { class: 'tag', href: '/entities' }, 'الكل'),
      Object.entries(TYPES).map(([t, label]) => el('a', { class: `tag ent-${t}`, href: `/entities?type=${t}` }, label))),
    list);
  try {
    const r = await api(`/api/entities?limit=200${type ? '&type=' + encodeURIComponent(type) : ''}`);
    list.replaceChildren(el('ul', { class: 'entity-list' }, r.entities.map((e) => el('li', {}, entityChip(e), ' ', el('span', { class: 'muted small' }, fmt(e.articles))))));
  } catch (e) {
    list.replaceChildren(errorBox(e));
  }
}

// ---- events -------------------------------------------------------------------------------

const EVENT_FILTERS = [['actor', 'الفاعل (رمز CAMEO أو معرّف)'], ['country', 'الدولة (ISO3)'], ['root', 'الجذر (مثل 04,19)'],
  ['from', 'من تاريخ'], ['to', 'إلى تاريخ'], ['place', 'المكان'], ['limit', 'العدد']];

async function eventsPage(params) {
  setTitle('الأحداث');
  const qs = new URLSearchParams();
  for (const [k] of EVENT_FILTERS) if (params.get(k)) qs.set(k, params.get(k));
  const form = el('form', { class: 'filters', action: '/events', method: 'get' },
    EVENT_FILTERS.map(([k, label]) => el('label', {}, label,
      el('input', { name: k, value: params.get(k) || '', type: k === 'from' || k === 'to' ? 'date' : k === 'limit' ? 'number' : 'text', min: k === 'limit' ? 1 : null, max: k === 'limit' ? 1000 : null }))),
    el('button', { type: 'submit' }, 'تصفية'));
  const csv = el('a', { class: 'button', href: '/api/events.csv?' + qs.toString(), download: 'marsad-events.csv', 'data-testid': 'csv' }, 'تنزيل CSV');
  const table = el('div', {}, loading());
  show(el('h1', {}, 'الأحداث'), form, el('p', {}, csv), table);
  try {
    const r = await api('/api/events?' + qs.toString());
    if (!r.events.length) {
      table.replaceChildren(el('p', { class: 'muted', 'data-testid': 'no-events' }, 'لا أحداث تطابق هذه المرشحات (أو لم تُرمَّز الأحداث بعد).'));
      return;
    }
    table.replaceChildren(el('p', { class: 'muted' }, `${fmt(r.count)} حدث`), el('div', { class: 'table-wrap' }, el('table', {},
      el('thead', {}, el('tr', {}, ['التاريخ', 'الفاعل', 'الحدث', 'المفعول به', 'المكان', 'الجملة', ''].map((t) => el('th', {}, t)))),
      el('tbody', {}, r.events.map((ev) => el('tr', {},
        el('td', { dir: 'ltr', class: 'nowrap' }, ev.date || ev.published || ''),
        el('td', {}, actorNode(ev.actor1)),
        el('td', {}, `${ROOTS[ev.root] || ev.root} `, el('span', { class: 'mono', dir: 'ltr' }, ev.code)),
        el('td', {}, actorNode(ev.actor2)),
        el('td', {}, ev.place ? ev.place.name : ''),
        el('td', {}, ev.evidence ? sentenceNodes(ev.evidence.sentence || '', ev.evidence.trigger) : ''),
        el('td', {}, el('a', { href: articleHref(ev.article_id) }, 'المقال'))))))));
  } catch (e) {
    table.replaceChildren(errorBox(e));
  }
}

// ---- stories ------------------------------------------------------------------------------

async function storiesPage() {
  setTitle('القصص');
  const list = el('div', { 'data-testid': 'stories-list' }, loading());
  show(el('h1', {}, 'القصص'), list);
  try {
    const r = await api('/api/stories?limit=100');
    if (!r.stories.length) { list.replaceChildren(el('p', { class: 'muted' }, 'لا قصص بعد.')); return; }
    list.replaceChildren(...r.stories.map(storyCard));
  } catch (e) {
    list.replaceChildren(errorBox(e));
  }
}

function storyHref(id) { return '/stories/' + encodeURIComponent(id); }

function storyCard(st) {
  return el('div', { class: 'card', 'data-testid': 'story-card' },
    el('a', { href: storyHref(st.id), class: 'title' }, st.title || st.id),
    el('div', { class: 'meta' },
      el('span', { dir: 'ltr' }, [st.first_date, st.last_date].filter(Boolean).join(' … ')),
      el('span', {}, `${st.articles} مقال`),
      el('span', {}, `${st.sources} مصدر`),
      el('span', {}, `${st.events} حدث`)),
    el('div', { class: 'small' }, ...(st.entities || []).map((e) => [el('a', { href: '/entities/' + encodeURIComponent(e.id) }, e.name_ar || e.name), ' '])));
}

async function storyPage(id) {
  show(loading());
  try {
    const st = await api('/api/stories/' + encodeURIComponent(id));
    setTitle(st.title);
    show(
      el('h1', {}, st.title || st.id),
      storyCard(st),
      el('h2', {}, 'المقالات'),
      el('ol', { 'data-testid': 'story-articles' }, ...st.articles_list.map((a) => el('li', {},
        el('a', { href: articleHref(a.id) }, a.title || a.id),
        ' ', el('span', { class: 'muted small', dir: 'ltr' }, [a.published, a.source].filter(Boolean).join(' · ')),
        a.canonical_id ? el('span', { class: 'muted small' }, ' (نسخة متقاربة)') : null))),
      el('h2', {}, 'الأحداث'),
      el('div', {}, ...st.event_list.map((ev) => eventCard(ev, ev.article_id))));
  } catch (e) {
    show(errorBox(e));
  }
}

// ---- routing ------------------------------------------------------------------------------

function route() {
  const path = location.pathname;
  const params = new URLSearchParams(location.search);
  const tail = (prefix) => {
    try { return decodeURIComponent(path.slice(prefix.length)); } catch (_) { return path.slice(prefix.length); }
  };
  if (path === '/' || path === '') return searchPage(params);
  if (path.startsWith('/articles/')) return articlePage(tail('/articles/'));
  if (path === '/entities') return entitiesPage(params);
  if (path.startsWith('/entities/')) return entityPage(tail('/entities/'));
  if (path === '/events') return eventsPage(params);
  if (path === '/stories') return storiesPage();
  if (path.startsWith('/stories/')) return storyPage(tail('/stories/'));
  show(errorBox(new Error('صفحة غير موجودة')));
}

document.addEventListener('DOMContentLoaded', route);
