// marsad's web page: reads the JSON API and builds the page with DOM calls. Every piece of text
// from the store goes in as a text node (textContent); nothing from the API is parsed as HTML,
// except search snippets, which are rebuilt by a sanitiser that keeps only <b>.
// Helpers: dom.js (el, svg), i18n.js (t, LANG), events.js (event cards and rows), map.js
// (drawMap), timeline.js (drawTimeline).
'use strict';

const main = () => document.getElementById('main');

function show(...children) {
  const m = main();
  m.replaceChildren();
  append(m, children);
}

function setTitle(s) { document.title = s ? `${s} · ${t('app')}` : t('app'); }

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

function errorBox(e) { return el('p', { class: 'error', role: 'alert' }, t('error'), e.message || String(e)); }
function loading() { return el('p', { class: 'muted' }, t('loading')); }

const searchHref = (q) => '/?q=' + encodeURIComponent(q.trim());
const eventsHref = (filters) => '/events?' + new URLSearchParams(filters).toString();

/** A query-language value, quoted when it has spaces. */
function qv(v) { return /\s|"/.test(v) ? `"${v.replace(/"/g, '')}"` : v; }

function typeBadge(ty) { return el('span', { class: `badge badge-${ty}`, title: ty }, typeName(ty)); }

/** An entity's name in the interface language (the KB's English name, else the Arabic one). */
const entityName = (e) => (isEn() ? e.name || e.name_ar : e.name_ar || e.name);

function entityChip(e) {
  return el('a', { class: `ent ent-${e.type}`, href: entityHref(e.id), 'data-type': e.type, title: `${isEn() ? e.name_ar || '' : e.name} · ${typeName(e.type)}` },
    entityName(e));
}

function metaLine(x) {
  return el('div', { class: 'meta' },
    x.source ? el('span', {}, x.source) : null,
    x.published ? el('span', { dir: 'ltr' }, x.published) : null);
}

// ---- map and timeline sections ---------------------------------------------------------------

let worldPromise = null;
function world() {
  if (!worldPromise) worldPromise = api('/static/world.json').catch((e) => { worldPromise = null; throw e; });
  return worldPromise;
}

/** The filters of an events URL that the event API takes (limit aside). */
const EVENT_FILTER_KEYS = ['q', 'from', 'to', 'date', 'root', 'quad', 'country', 'place_country', 'actor', 'place', 'story'];

function pickFilters(params) {
  const f = {};
  for (const k of EVENT_FILTER_KEYS) {
    const v = (params.get(k) || '').trim();
    if (v) f[k] = v;
  }
  return f;
}

/** The events page for `filters` narrowed to one period (a timeline bar). */
function periodHref(filters, period) {
  const f = { ...filters };
  delete f.date; delete f.from; delete f.to;
  return eventsHref({ ...f, from: period.start, to: period.end });
}

/** A timeline of the events matching `filters`, with per-day/week and quad/root switches. */
function timelineSection(filters, title) {
  const box = el('div', {}, loading());
  const state = { by: null, split: 'quad' };
  const qs = new URLSearchParams(filters).toString();
  const button = (key, value, label) => el('button', { type: 'button', class: 'link-button', 'data-testid': `tl-${value}`,
    'aria-pressed': String(state[key] === value), onclick: () => { state[key] = value; draw(); } }, label);
  const controls = el('div', { class: 'tl-controls' });
  async function draw() {
    try {
      let tl = await api(`/api/events/timeline?by=${state.by || 'day'}&split=${state.split}&${qs}`);
      const b = tl.buckets || [];
      // A long span reads better by week: chosen once, the user may switch back.
      if (!state.by && b.length > 1 && (msOf(b[b.length - 1].start) - msOf(b[0].start)) / DAY_MS > 400) {
        state.by = 'week';
        tl = await api(`/api/events/timeline?by=week&split=${state.split}&${qs}`);
      }
      state.by = state.by || 'day';
      controls.replaceChildren(button('by', 'day', t('timeline.day')), button('by', 'week', t('timeline.week')), ' · ',
        button('split', 'quad', t('timeline.quad')), button('split', 'root', t('timeline.root')));
      box.replaceChildren(drawTimeline(tl, { onBar: (period) => location.assign(periodHref(filters, period)) }));
    } catch (e) {
      box.replaceChildren(errorBox(e));
    }
  }
  draw();
  return el('section', { class: 'timeline-section', 'data-testid': 'timeline' }, el('h2', {}, title || t('timeline')), controls, box);
}

/** How many events a click on the map lists (the table lists them all). */
const MAX_SELECTION = 200;

/** The event map for `filters`; a click on a country or place lists its events below it. */
function mapSection(filters) {
  const box = el('div', {}, loading());
  const selection = el('div', { 'data-testid': 'map-selection' });
  const qs = new URLSearchParams(filters).toString();
  let data = null, w = null;
  function redraw(selected) {
    box.replaceChildren(drawMap(w, data, {
      selected,
      onCountry: (iso3, name) => {
        const c = data.countries.find((x) => x.country === iso3);
        select({ country: iso3 }, { place_country: iso3 }, (n) => t('map.sel.country', name, n), c ? c.count : 0);
      },
      onPoint: (p) => select({ place: p.place }, { place: p.place }, (n) => t('map.sel.place', p.place, n), p.count, p.place),
    }));
  }
  /** Lists the events of a clicked country or place (the first MAX_SELECTION; the table has all). */
  async function select(selected, extra, heading, total, exactPlace) {
    redraw(selected);
    selection.replaceChildren(el('h3', {}, heading(fmt(total))), loading());
    try {
      const r = await api(`/api/events?${qs}&${new URLSearchParams(extra)}&limit=${exactPlace ? 1000 : MAX_SELECTION}`);
      // `place` matches a part of the name: keep the events of this very place.
      const events = (exactPlace ? r.events.filter((ev) => ev.place && ev.place.name === exactPlace) : r.events).slice(0, MAX_SELECTION);
      // replaceChildren would write a null child as the text "null": append skips it.
      selection.replaceChildren();
      append(selection, [
        el('div', { class: 'sel-head' },
          el('h3', {}, heading(fmt(total))),
          el('a', { href: eventsHref({ ...filters, ...extra }), 'data-testid': 'selection-table' }, t('map.sel.table')),
          selected.country ? el('a', { href: eventsHref({ country: selected.country }), 'data-testid': 'country-view' }, t('map.sel.country_all')) : null,
          el('button', { type: 'button', class: 'link-button', onclick: () => { selection.replaceChildren(); redraw(null); } }, t('map.sel.close'))),
        events.length < total ? el('p', { class: 'muted small' }, t('map.sel.first', fmt(events.length))) : null,
        el('div', { class: 'cards' }, events.map((ev) => eventCard(ev, ev.article_id)))]);
    } catch (e) {
      selection.replaceChildren(errorBox(e));
    }
  }
  Promise.all([world(), api('/api/events/map?' + qs)])
    .then(([wd, d]) => { w = wd; data = d; redraw(null); })
    .catch((e) => box.replaceChildren(errorBox(e)));
  return el('section', { class: 'map-section', 'data-testid': 'map-section' }, el('h2', {}, t('map')), box, selection);
}

// ---- search -------------------------------------------------------------------------------

function searchForm(q) {
  const input = el('input', { type: 'search', name: 'q', value: q, placeholder: t('search.placeholder'), 'aria-label': t('search'), maxlength: 1000 });
  return [
    el('form', { class: 'search', action: '/', method: 'get', role: 'search' }, input, el('button', { type: 'submit' }, t('search.button'))),
    el('div', { class: 'hint' }, t('search.hint'), el('code', { dir: 'ltr' }, 'entity:'), ' ', el('code', { dir: 'ltr' }, 'source:'), ' ', el('code', { dir: 'ltr' }, 'tag:'), ' ', el('code', { dir: 'ltr' }, 'published:2017-01-20..2017-01-31')),
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
  const chart = svg('svg', { class: 'chart', viewBox: `0 0 ${w} ${h + 14}`, role: 'img', 'aria-label': t('facet.days.aria'), direction: 'ltr' });
  days.forEach((d, i) => {
    const bh = Math.max(2, (d.count / max) * h);
    const a = svg('a', { href: searchHref(`${q} published:${d.value}`) });
    a.append(svg('rect', { class: 'bar', x: i * bw + 0.5, y: h - bh, width: Math.max(1, bw - 1), height: bh }, svg('title', {}, `${d.value}: ${d.count}`)));
    chart.append(a);
  });
  chart.append(svg('text', { x: 0, y: h + 12 }, days[0].value), svg('text', { x: w, y: h + 12, 'text-anchor': 'end' }, days[days.length - 1].value));
  return [el('h4', {}, t('facet.days')), chart];
}

async function searchPage(params) {
  const q = (params.get('q') || '').slice(0, 1000);
  const offset = Math.max(0, parseInt(params.get('offset') || '0', 10) || 0);
  const limit = 10;
  setTitle(q || t('search'));
  const results = el('div', {}, loading());
  show(searchForm(q), results);
  try {
    const r = await api(`/api/search?q=${encodeURIComponent(q)}&limit=${limit}&offset=${offset}&facets=1`);
    const head = el('p', { class: 'muted', 'data-testid': 'total' }, q ? t('search.results', fmt(r.total)) : t('search.latest', fmt(r.total)));
    const hits = el('ol', { class: 'hits' }, r.hits.map((h) => el('li', { class: 'hit' },
      el('h3', {}, el('a', arText({ href: articleHref(h.id), 'data-source-id': h.source_id }), h.title || t('untitled'))),
      metaLine(h),
      h.snippet ? el('p', arText({ class: 'snippet' }), snippetNodes(h.snippet)) : null)));
    const pager = el('nav', { class: 'pager' },
      offset > 0 ? el('a', { href: `/?q=${encodeURIComponent(q)}&offset=${Math.max(0, offset - limit)}` }, t('prev')) : null,
      offset + limit < r.total ? el('a', { href: `/?q=${encodeURIComponent(q)}&offset=${offset + limit}` }, t('next')) : null);
    const f = r.facets || {};
    const facets = el('aside', { class: 'facets', 'aria-label': t('facets') },
      facetList(t('facet.entities'), f.entities, (e) => el('li', {},
        el('a', { class: `ent ent-${e.type}`, href: searchHref(`${q} entity:${qv(e.id)}`), 'data-entity': e.id, title: `${e.name} · ${typeName(e.type)}` }, entityName(e)),
        el('span', { class: 'count' }, fmt(e.articles)))),
      facetList(t('facet.sources'), f.sources, (s) => el('li', {}, el('a', { href: searchHref(`${q} source:${qv(s.value)}`) }, s.value), el('span', { class: 'count' }, fmt(s.count)))),
      facetList(t('facet.tags'), f.tags, (tg) => el('li', {}, el('a', { href: searchHref(`${q} tag:${qv(tg.value)}`) }, tg.value), el('span', { class: 'count' }, fmt(tg.count)))),
      facetList(t('facet.roots'), f.event_roots, (ro) => el('li', {}, el('a', { href: eventsHref(q ? { q, root: ro.value } : { root: ro.value }) }, `${ro.value} ${rootName(ro.value)}`), el('span', { class: 'count' }, fmt(ro.count)))),
      daysChart(f.days, q));
    const events = q && f.event_roots && f.event_roots.length
      ? [timelineSection({ q }, t('search.events')), el('p', {}, el('a', { href: eventsHref({ q }), 'data-testid': 'search-map' }, t('search.on_map')))]
      : null;
    results.replaceChildren(el('div', { class: 'layout' }, el('section', {}, head, hits, pager, events), facets));
  } catch (e) {
    results.replaceChildren(errorBox(e));
  }
}

// ---- article ------------------------------------------------------------------------------

const enc = new TextEncoder();
const dec = new TextDecoder();

/** A paragraph with its mentions (byte offsets into its UTF-8 text) as entity links. */
function paragraphNodes(text, mentions) {
  const bytes = enc.encode(text);
  const out = [];
  let pos = 0;
  for (const m of mentions) {
    if (m.start < pos || m.end > bytes.length || m.end <= m.start) continue; // overlapping or bad
    if (m.start > pos) out.push(dec.decode(bytes.subarray(pos, m.start)));
    const e = m.entity;
    const kind = m.kind && m.kind !== 'name' ? ` · ${t('kind.' + m.kind)}` : '';
    out.push(el('a', { class: `ent ent-${e.type} mention-${m.kind || 'name'}`, href: entityHref(e.id), 'data-type': e.type, 'data-entity': e.id, title: `${e.name} · ${typeName(e.type)}${kind}` },
      dec.decode(bytes.subarray(m.start, m.end))));
    pos = m.end;
  }
  if (pos < bytes.length) out.push(dec.decode(bytes.subarray(pos)));
  return out;
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
        byPara.get(m.paragraph).push({ start: m.start, end: m.end, kind: m.kind, entity: e });
      }
    }
    for (const ms of byPara.values()) ms.sort((x, y) => x.start - y.start || y.end - x.end);
    const url = a.url && safeUrl(a.url);
    const types = [...new Set(r.entities.map((e) => e.type))];
    show(
      el('h1', arText(), a.title || t('untitled')),
      el('div', { class: 'meta' },
        a.source ? el('span', {}, a.source) : null,
        a.published ? el('span', { dir: 'ltr' }, a.published) : null,
        url ? el('a', { href: url, rel: 'noopener noreferrer nofollow', target: '_blank' }, t('article.original')) : null,
        el('span', { class: 'mono', dir: 'ltr', title: a.source_id }, a.id)),
      a.tags && a.tags.length ? el('div', { class: 'tags' }, a.tags.map((tg) => el('a', { class: 'tag', href: searchHref(`tag:${qv(tg)}`) }, tg))) : null,
      types.length ? el('div', { class: 'legend', 'aria-label': t('article.legend') }, types.map((ty) => el('span', { class: `ent ent-${ty}` }, typeName(ty)))) : null,
      el('article', arText({ class: 'body' }), a.paragraphs.map((p, i) => el('p', {}, paragraphNodes(p, byPara.get(i) || [])))),
      el('section', { 'data-testid': 'events' },
        el('h2', {}, t('events.h', fmt(r.events.length))),
        r.events.length
          ? el('div', { class: 'cards' }, r.events.map((ev) => eventCard(ev)))
          : el('p', { class: 'muted' }, t('article.no_events'))),
      el('section', { 'data-testid': 'entities' },
        el('h2', {}, t('entities.h', fmt(r.entities.length))),
        el('ul', { class: 'entity-list' }, r.entities.map((e) => el('li', {}, entityChip(e), ' ', el('span', { class: 'muted small' }, `×${e.mentions.length}`))))),
      r.sightings && r.sightings.length > 1
        ? el('section', {}, el('h2', {}, t('article.copies')), el('ul', {}, r.sightings.map((s) => el('li', { class: 'small' }, s.source || '', ' ', el('span', { class: 'mono', dir: 'ltr' }, s.source_id)))))
        : null);
  } catch (e) {
    show(errorBox(e));
  }
}

// ---- entities -----------------------------------------------------------------------------

/** Articles mentioning an entity per publication day (the entity API's own timeline). */
function articleDaysChart(days) {
  if (!days.length) return el('p', { class: 'muted' }, t('entity.no_dates'));
  // One bar per calendar day between the first and the last, empty days included.
  const start = new Date(days[0].day + 'T00:00:00Z');
  const end = new Date(days[days.length - 1].day + 'T00:00:00Z');
  const span = Math.min(3660, Math.round((end - start) / DAY_MS) + 1);
  const counts = new Map(days.map((d) => [d.day, d]));
  const series = [];
  for (let i = 0; i < span; i++) {
    const day = new Date(start.getTime() + i * DAY_MS).toISOString().slice(0, 10);
    const d = counts.get(day);
    series.push({ day, articles: d ? d.articles : 0, mentions: d ? d.mentions : 0 });
  }
  const max = Math.max(1, ...series.map((d) => d.articles));
  const w = 720, h = 110, left = 28, bottom = 18, bw = (w - left) / series.length;
  const chart = svg('svg', { class: 'chart', viewBox: `0 0 ${w} ${h + bottom}`, role: 'img', 'aria-label': t('entity.articles_per_day'), direction: 'ltr', 'data-testid': 'article-days' });
  chart.append(svg('text', { x: 2, y: 12 }, String(max)), svg('text', { x: 2, y: h }, '0'));
  series.forEach((d, i) => {
    if (!d.articles) return;
    const bh = (d.articles / max) * (h - 16);
    chart.append(svg('rect', { class: 'bar', x: left + i * bw + 0.5, y: h - bh, width: Math.max(1, bw - 1), height: bh },
      svg('title', {}, t('entity.day', d.day, d.articles, d.mentions))));
  });
  chart.append(svg('text', { x: left, y: h + 14 }, series[0].day), svg('text', { x: w, y: h + 14, 'text-anchor': 'end' }, series[series.length - 1].day));
  return chart;
}

/** The event filter of an entity: a country's events by ISO3, anyone else's as an actor. */
function entityFilter(e) {
  return e.iso3 && String(e.id).startsWith('country:') ? { country: e.iso3 } : { actor: e.id };
}

async function entityPage(id) {
  show(loading());
  try {
    const r = await api('/api/entities/' + encodeURIComponent(id));
    const e = r.entity;
    const filter = entityFilter(e);
    setTitle(entityName(e));
    show(
      el('h1', {}, entityName(e), ' ', typeBadge(e.type)),
      el('div', { class: 'meta' },
        e.name && e.name !== e.name_ar ? el('span', isEn() ? arText() : { lang: 'en', dir: 'ltr' }, isEn() ? e.name_ar : e.name) : null,
        el('span', { class: 'mono', dir: 'ltr' }, e.id),
        e.iso3 ? el('span', { dir: 'ltr' }, `ISO ${e.iso3}`) : null,
        e.cameo ? el('span', { dir: 'ltr' }, `CAMEO ${e.cameo}`) : null),
      el('p', { class: 'stats' }, el('span', {}, t('n.articles', fmt(e.articles))), el('span', {}, t('n.mentions', fmt(e.mentions))),
        el('a', { href: searchHref(`entity:${qv(e.id)}`) }, t('entity.search')),
        r.events.length ? el('a', { href: eventsHref(filter), 'data-testid': 'entity-map' }, t('entity.all_events')) : null),
      r.events.length ? timelineSection(filter) : null,
      el('h2', {}, t('entity.articles_per_day')),
      articleDaysChart(r.timeline),
      el('section', { 'data-testid': 'events' },
        el('h2', {}, t('events.h', fmt(r.events.length))),
        r.events.length ? el('div', { class: 'cards' }, r.events.map((ev) => eventCard(ev, ev.article_id)))
          : el('p', { class: 'muted' }, t('entity.no_events'))),
      el('h2', {}, t('entity.with')),
      r.co_occurring.length ? el('ul', { class: 'entity-list' }, r.co_occurring.map((c) => el('li', {}, entityChip(c), ' ', el('span', { class: 'muted small' }, fmt(c.articles)))))
        : el('p', { class: 'muted' }, '—'),
      el('h2', {}, t('entity.latest')),
      el('ul', {}, r.articles.map((a) => el('li', {}, el('a', arText({ href: articleHref(a.id) }), a.title || t('untitled')), ' ', metaLine(a)))));
  } catch (err) {
    show(errorBox(err));
  }
}

async function entitiesPage(params) {
  const type = params.get('type') || '';
  setTitle(t('nav.entities'));
  const list = el('div', {}, loading());
  show(el('h1', {}, t('entities.top')),
    el('div', { class: 'tags' }, el('a', { class: 'tag', href: '/entities' }, t('all')),
      ['PER', 'LOC', 'ORG', 'MISC'].map((ty) => el('a', { class: `tag ent-${ty}`, href: `/entities?type=${ty}` }, typeName(ty)))),
    list);
  try {
    const r = await api(`/api/entities?limit=200${type ? '&type=' + encodeURIComponent(type) : ''}`);
    list.replaceChildren(el('ul', { class: 'entity-list' }, r.entities.map((e) => el('li', {}, entityChip(e), ' ', el('span', { class: 'muted small' }, fmt(e.articles))))));
  } catch (e) {
    list.replaceChildren(errorBox(e));
  }
}

// ---- events -------------------------------------------------------------------------------

/** The filter form's visible fields; the other filters (story, place_country, date) are chips. */
const EVENT_FORM = ['q', 'from', 'to', 'root', 'quad', 'country', 'actor', 'place', 'limit'];

function filterInput(k, params) {
  const value = params.get(k) || '';
  if (k === 'quad') {
    return el('select', { name: k },
      el('option', { value: '' }, t('f.any')),
      [1, 2, 3, 4].map((q) => el('option', { value: q, selected: value === String(q) ? 'selected' : null }, `${q} ${quadName(q)}`)));
  }
  const type = k === 'from' || k === 'to' ? 'date' : k === 'limit' ? 'number' : k === 'q' ? 'search' : 'text';
  return el('input', { name: k, value, type, min: k === 'limit' ? 1 : null, max: k === 'limit' ? 1000 : null });
}

function eventsForm(params, filters) {
  const hidden = EVENT_FILTER_KEYS.filter((k) => !EVENT_FORM.includes(k) && filters[k]);
  const chips = hidden.map((k) => {
    const rest = { ...filters };
    delete rest[k];
    return el('span', { class: 'tag chip', 'data-filter': k }, `${t('f.' + k)}: `, el('bdi', {}, filters[k]), ' ',
      el('a', { href: eventsHref(rest), title: t('f.remove'), 'aria-label': t('f.remove') }, '×'));
  });
  return [
    el('form', { class: 'filters', action: '/events', method: 'get' },
      EVENT_FORM.map((k) => el('label', {}, t('f.' + k), filterInput(k, params))),
      hidden.map((k) => el('input', { type: 'hidden', name: k, value: filters[k] })),
      el('button', { type: 'submit' }, t('f.submit'))),
    chips.length ? el('div', { class: 'tags' }, chips) : null,
  ];
}

async function eventsPage(params) {
  setTitle(t('nav.events'));
  const filters = pickFilters(params);
  const qs = new URLSearchParams(filters);
  if (params.get('limit')) qs.set('limit', params.get('limit'));
  const csv = el('a', { class: 'button', href: '/api/events.csv?' + qs.toString(), download: 'marsad-events.csv', 'data-testid': 'csv' }, t('csv'));
  const table = el('div', {}, loading());
  show(el('h1', {}, t('nav.events')), eventsForm(params, filters), mapSection(filters), timelineSection(filters),
    el('h2', {}, t('story.events')), el('p', {}, csv), table);
  try {
    const r = await api('/api/events?' + qs.toString());
    if (!r.events.length) {
      table.replaceChildren(el('p', { class: 'muted', 'data-testid': 'no-events' }, t('events.none')));
      return;
    }
    table.replaceChildren(el('p', { class: 'muted', 'data-testid': 'events-count' }, t('events.shown', fmt(r.count))), eventsTable(r.events));
  } catch (e) {
    table.replaceChildren(errorBox(e));
  }
}

// ---- stories ------------------------------------------------------------------------------

async function storiesPage() {
  setTitle(t('stories'));
  const list = el('div', { 'data-testid': 'stories-list' }, loading());
  show(el('h1', {}, t('stories')), list);
  try {
    const r = await api('/api/stories?limit=100');
    if (!r.stories.length) { list.replaceChildren(el('p', { class: 'muted' }, t('stories.none'))); return; }
    list.replaceChildren(...r.stories.map(storyCard));
  } catch (e) {
    list.replaceChildren(errorBox(e));
  }
}

function storyHref(id) { return '/stories/' + encodeURIComponent(id); }

function storyCard(st) {
  return el('div', { class: 'card', 'data-testid': 'story-card' },
    el('a', arText({ href: storyHref(st.id), class: 'title' }), st.title || st.id),
    el('div', { class: 'meta' },
      el('span', { dir: 'ltr' }, [st.first_date, st.last_date].filter(Boolean).join(' … ')),
      el('span', {}, t('n.articles', fmt(st.articles))),
      el('span', {}, t('n.sources', fmt(st.sources))),
      el('span', {}, t('n.events', fmt(st.events)))),
    el('div', { class: 'small' }, ...(st.entities || []).map((e) => [el('a', { href: entityHref(e.id) }, entityName(e)), ' '])));
}

async function storyPage(id) {
  show(loading());
  try {
    const st = await api('/api/stories/' + encodeURIComponent(id));
    setTitle(st.title);
    show(
      el('h1', arText(), st.title || st.id),
      storyCard(st),
      st.event_list.length ? timelineSection({ story: st.id }) : null,
      el('h2', {}, t('story.articles')),
      el('ol', { 'data-testid': 'story-articles' }, ...st.articles_list.map((a) => el('li', {},
        el('a', arText({ href: articleHref(a.id) }), a.title || a.id),
        ' ', el('span', { class: 'muted small', dir: 'ltr' }, [a.published, a.source].filter(Boolean).join(' · ')),
        a.canonical_id ? el('span', { class: 'muted small' }, t('story.near_dup')) : null))),
      el('h2', {}, t('story.events')),
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
  show(errorBox(new Error(t('not_found'))));
}

document.addEventListener('DOMContentLoaded', () => {
  const nav = document.querySelector('.top nav');
  if (nav) nav.append(langToggle(route));
  applyLang();
  route();
});
