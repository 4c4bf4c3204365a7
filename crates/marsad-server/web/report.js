// The offline report (`marsad report`): one HTML file with everything inline. Draws the data
// the file carries (<script type="application/json" id="marsad-data">, the world outlines in
// id="marsad-world") with the page's own map, timeline and event cards; fetches nothing.
// Clicking a country, a place or a bar narrows the event list below; nothing leaves the file.
'use strict';

SERVER_LINKS = false;

const readJson = (id) => JSON.parse(document.getElementById(id).textContent);

/** The most frequent name of each actor code among the events (the report's names for codes). */
function actorNames(events) {
  const seen = new Map();
  for (const ev of events) {
    for (const a of [ev.actor1, ev.actor2]) {
      if (!a || !a.code || !a.name) continue;
      const m = seen.get(a.code) || new Map();
      m.set(a.name, (m.get(a.name) || 0) + 1);
      seen.set(a.code, m);
    }
  }
  const out = new Map();
  for (const [code, m] of seen) out.set(code, [...m].sort((x, y) => y[1] - x[1])[0][0]);
  return out;
}

function countTable(head, rows) {
  if (!rows.length) return el('p', { class: 'muted' }, '—');
  return el('div', { class: 'table-wrap' }, el('table', {},
    el('thead', {}, el('tr', {}, head.map((h) => el('th', {}, h)))),
    el('tbody', {}, rows.map((r) => el('tr', {}, r.map((c) => el('td', {}, c)))))));
}

function actorCell(code, names) {
  const name = names.get(code);
  return [el('span', { class: 'mono', dir: 'ltr' }, code), name ? [' ', el('span', arText({ class: 'muted small' }), name)] : null];
}

function storyItem(st) {
  return el('li', {}, el('span', arText(), st.title || st.id), ' ',
    el('span', { class: 'muted small', dir: 'ltr' }, [st.first_date, st.last_date].filter(Boolean).join(' … ')), ' ',
    el('span', { class: 'muted small' }, [t('n.articles', fmt(st.articles)), t('n.events', fmt(st.report_events || st.events))].join(isEn() ? ', ' : '، ')));
}

function renderReport(data, world) {
  const names = actorNames(data.events);
  const list = el('div', { 'data-testid': 'report-events' });
  const chosen = el('div', { class: 'tags', 'data-testid': 'report-filter' });
  const drawList = (label, keep) => {
    const events = keep ? data.events.filter(keep) : data.events;
    chosen.replaceChildren(label ? el('span', { class: 'tag chip' }, `${label} (${fmt(events.length)}) `,
      el('button', { type: 'button', class: 'link-button', title: t('f.remove'), onclick: () => drawList(null, null) }, '×')) : '');
    list.replaceChildren(el('div', { class: 'cards' }, events.map((ev) => eventCard(ev, ev.article_id))));
  };
  const onCountry = (iso3, name) => drawList(name, (ev) => ev.place && ev.place.country === iso3);
  const onPoint = (p) => drawList(p.place, (ev) => ev.place && ev.place.name === p.place);
  const onBar = (period) => drawList(period.start === period.end ? period.start : `${period.start} … ${period.end}`,
    (ev) => ev.date && ev.date >= period.start && ev.date <= period.end);
  const period = [data.from, data.to].some(Boolean) ? `${data.from || '…'} → ${data.to || '…'}` : '—';
  const main = document.getElementById('main');
  main.replaceChildren(
    el('h1', {}, t('report'), data.query ? [': ', el('bdi', {}, data.query)] : null),
    el('p', { class: 'stats' },
      el('span', {}, `${t('report.query')}: `, el('bdi', {}, data.query || '—')),
      el('span', {}, `${t('report.period')}: `, el('bdi', { dir: 'ltr' }, period)),
      el('span', {}, t('n.events', fmt(data.total))),
      el('span', {}, `${t('report.made')}: `, el('bdi', { dir: 'ltr' }, data.made))),
    el('section', { 'data-testid': 'map-section' }, el('h2', {}, t('map')), drawMap(world, data.map, { onCountry, onPoint })),
    el('section', { 'data-testid': 'timeline' }, el('h2', {}, t('timeline')), drawTimeline(data.timeline, { onBar })),
    el('div', { class: 'report-grid' },
      el('section', { 'data-testid': 'report-actors' }, el('h2', {}, t('report.actors')),
        countTable([t('th.actor1'), t('report.count')], data.actors.map((a) => [actorCell(a.code, names), fmt(a.count)]))),
      el('section', { 'data-testid': 'report-dyads' }, el('h2', {}, t('report.dyads')),
        countTable([t('th.actor1'), t('th.actor2'), t('report.count')], data.dyads.map((d) => [actorCell(d.source, names), actorCell(d.target, names), fmt(d.count)])))),
    el('section', { 'data-testid': 'report-stories' }, el('h2', {}, t('stories')),
      data.stories.length ? el('ul', {}, data.stories.map(storyItem)) : el('p', { class: 'muted' }, t('stories.none'))),
    el('section', {}, el('h2', {}, t('report.events')),
      data.shown < data.total ? el('p', { class: 'muted small' }, t('report.shown', fmt(data.shown), fmt(data.total))) : null,
      chosen, list));
  drawList(null, null);
  document.title = data.query ? `${t('report')}: ${data.query}` : t('report');
}

document.addEventListener('DOMContentLoaded', () => {
  const data = readJson('marsad-data');
  const world = readJson('marsad-world');
  const draw = () => renderReport(data, world);
  const nav = document.querySelector('.top nav');
  if (nav) nav.append(langToggle(draw));
  applyLang();
  draw();
});
