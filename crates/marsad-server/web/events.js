// Coded events as people read them: a card (who did what to whom, the codes, the evidence
// sentence with its trigger marked) and a table row. In English an event reads as its
// `summary_en` line. Shared by the page (app.js) and the offline report (report.js); the report
// has no server behind it, so it sets SERVER_LINKS to false and links to the source article.
'use strict';

let SERVER_LINKS = true;

const entityHref = (id) => '/entities/' + encodeURIComponent(id);
const articleHref = (id) => '/articles/' + encodeURIComponent(id);

/** Only http(s) links leave the page; anything else (javascript:, data:) is not a link. */
function safeUrl(u) {
  try {
    const url = new URL(u, location.href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch (_) { return null; }
}

/** Arabic text inside an English page keeps its own direction. */
const arText = (attrs = {}) => ({ lang: 'ar', dir: 'rtl', ...attrs });

/** The sentence with the trigger marked. */
function sentenceNodes(sentence, trigger) {
  const i = trigger ? sentence.indexOf(trigger) : -1;
  if (i < 0) return [sentence];
  return [sentence.slice(0, i), el('mark', {}, trigger), sentence.slice(i + trigger.length)];
}

function actorNode(a) {
  if (!a) return null;
  const label = [a.name, a.code ? ` (${a.code})` : ''].join('');
  return a.entity && SERVER_LINKS ? el('a', { href: entityHref(a.entity) }, label) : el('span', {}, label);
}

/** The link to an event's article: its page on the server, else the original URL. */
function articleLink(ev, articleId) {
  if (SERVER_LINKS) return articleId ? el('a', { href: articleHref(articleId) }, t('article')) : null;
  const url = ev.url && safeUrl(ev.url);
  return url ? el('a', { href: url, rel: 'noopener noreferrer nofollow', target: '_blank' }, ev.source || t('article.original')) : ev.source || null;
}

function eventCard(ev, articleId) {
  const link = articleLink(ev, articleId);
  return el('div', { class: `card q${ev.quad_class}`, 'data-testid': 'event-card' },
    isEn()
      ? el('div', { class: 'who summary-en', lang: 'en', dir: 'ltr' }, eventLine(ev))
      : el('div', { class: 'who' }, actorNode(ev.actor1), ev.actor2 ? [' ← ', actorNode(ev.actor2)] : null),
    el('div', { class: 'meta' },
      el('span', {}, rootName(ev.root)),
      el('span', { dir: 'ltr', class: 'mono' }, `CAMEO ${ev.code}`),
      ev.plover && ev.plover.type ? el('span', { dir: 'ltr', class: 'mono' }, ev.plover.type) : null,
      ev.date ? el('span', { dir: 'ltr' }, ev.date) : null,
      ev.place ? el('span', {}, t('card.place'), ev.place.name) : null,
      el('span', {}, t('card.confidence', Math.round((ev.confidence || 0) * 100)))),
    ev.evidence ? el('blockquote', arText(), sentenceNodes(ev.evidence.sentence || '', ev.evidence.trigger)) : null,
    link ? el('div', { class: 'small' }, link) : null);
}

function eventsTable(events) {
  const head = isEn() ? ['th.date', 'th.event', 'th.sentence', ''] : ['th.date', 'th.actor1', 'th.event', 'th.actor2', 'th.place', 'th.sentence', ''];
  const sentence = (ev) => el('td', arText(), ev.evidence ? sentenceNodes(ev.evidence.sentence || '', ev.evidence.trigger) : '');
  const row = (ev) => el('tr', { 'data-testid': 'event-row', 'data-date': ev.date || '' },
    el('td', { dir: 'ltr', class: 'nowrap' }, ev.date || ev.published || ''),
    isEn()
      ? el('td', { class: 'summary-en', lang: 'en', dir: 'ltr' }, eventLine(ev))
      : [el('td', {}, actorNode(ev.actor1)),
        el('td', {}, `${rootName(ev.root)} `, el('span', { class: 'mono', dir: 'ltr' }, ev.code)),
        el('td', {}, actorNode(ev.actor2)),
        el('td', {}, ev.place ? ev.place.name : '')],
    sentence(ev),
    el('td', {}, articleLink(ev, ev.article_id)));
  return el('div', { class: 'table-wrap' }, el('table', { 'data-testid': 'events-table' },
    el('thead', {}, el('tr', {}, head.map((k) => el('th', {}, k ? t(k) : '')))),
    el('tbody', {}, events.map(row))));
}
