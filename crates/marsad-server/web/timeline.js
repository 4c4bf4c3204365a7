// The event timeline: stacked bars of events per day or week, split by QuadClass or CAMEO root,
// drawn in SVG from what /api/events/timeline answers (days without events are filled in here).
// A click on a bar hands its period to the caller, which lists that period's events.
'use strict';

const DAY_MS = 86400000;
const MAX_FILLED = 3000; // buckets; a longer span is drawn with its gaps closed

const dayOf = (ms) => new Date(ms).toISOString().slice(0, 10);
const msOf = (day) => Date.parse(day + 'T00:00:00Z');

/** The buckets from the first to the last, empty periods included. */
function filledBuckets(buckets, by) {
  if (!buckets.length) return [];
  const step = (by === 'week' ? 7 : 1) * DAY_MS;
  const first = msOf(buckets[0].start), last = msOf(buckets[buckets.length - 1].start);
  if (!Number.isFinite(first) || !Number.isFinite(last) || (last - first) / step > MAX_FILLED) return buckets;
  const have = new Map(buckets.map((b) => [b.start, b]));
  const out = [];
  for (let ms = first; ms <= last; ms += step) {
    const start = dayOf(ms);
    out.push(have.get(start) || { start, total: 0, counts: {} });
  }
  return out;
}

/** The colour class of a series (style.css: q1–q4 for QuadClasses, r01–r20 for roots). */
const seriesClass = (split, key) => (split === 'root' ? `r${String(key).padStart(2, '0')}` : `q${key}`);

const seriesName = (split, key) => (split === 'root' ? `${key} ${rootName(key)}` : quadName(key));

/** The period a bucket covers: {start, end} (end = start for a day, the Sunday for a week). */
function bucketPeriod(start, by) {
  return { start, end: by === 'week' ? dayOf(msOf(start) + 6 * DAY_MS) : start, by };
}

/**
 * Draws a timeline and returns its element.
 * tl: {by, split, undated, buckets:[{start, total, counts:{key: n}}]}
 * opts: {onBar({start, end, by})}
 */
function drawTimeline(tl, opts = {}) {
  const by = tl.by === 'week' ? 'week' : 'day';
  const split = tl.split === 'root' ? 'root' : 'quad';
  const series = filledBuckets(tl.buckets || [], by);
  const undated = tl.undated ? el('p', { class: 'muted small' }, t('timeline.undated', fmt(tl.undated))) : null;
  if (!series.length) return el('div', { class: 'timeline-wrap', 'data-testid': 'timeline-empty' }, el('p', { class: 'muted' }, t('timeline.empty')), undated);
  const keys = [...new Set(series.flatMap((b) => Object.keys(b.counts || {})))]
    .sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
  const max = Math.max(1, ...series.map((b) => b.total));
  const peak = series.reduce((best, b) => (b.total > best.total ? b : best), series[0]);
  const w = 720, h = 150, left = 30, top = 8, bottom = 20;
  const bw = (w - left) / series.length;
  const chart = svg('svg', { class: 'chart timeline', viewBox: `0 0 ${w} ${h + bottom}`, role: 'img',
    'aria-label': t('timeline.aria'), direction: 'ltr', 'data-testid': 'timeline-chart', 'data-by': by, 'data-split': split });
  chart.append(svg('text', { x: 2, y: top + 10 }, fmt(max)), svg('text', { x: 2, y: h }, fmt(0)),
    svg('line', { class: 'axis', x1: left, y1: h, x2: w, y2: h }));
  series.forEach((b, i) => {
    if (!b.total) return;
    const x = left + i * bw;
    const label = `${by === 'week' ? t('timeline.week_of', b.start) : b.start}: ${t('n.events', fmt(b.total))}`;
    const period = bucketPeriod(b.start, by);
    const pick = () => opts.onBar && opts.onBar(period);
    const g = svg('g', { class: `tl-bar${b === peak ? ' peak' : ''}`, 'data-start': b.start, 'data-end': period.end,
      'data-total': b.total, 'data-testid': b === peak ? 'peak' : null, tabindex: 0, role: 'button', onclick: pick,
      onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); pick(); } } },
    svg('title', {}, [label, ...keys.filter((k) => b.counts[k]).map((k) => `${seriesName(split, k)}: ${fmt(b.counts[k])}`)].join('\n')),
    svg('rect', { class: 'hit', x: x.toFixed(2), y: top, width: Math.max(1, bw).toFixed(2), height: h - top }));
    let y = h;
    for (const k of keys) {
      const n = (b.counts || {})[k] || 0;
      if (!n) continue;
      const bh = (n / max) * (h - top - 4);
      y -= bh;
      // A few wide periods still read as bars: at most 40 units wide, centred in the period.
      const segW = Math.max(1, Math.min(40, bw - 1));
      g.append(svg('rect', { class: `seg ${seriesClass(split, k)}`, x: (x + (bw - segW) / 2).toFixed(2), y: y.toFixed(2),
        width: segW.toFixed(2), height: Math.max(0.5, bh).toFixed(2) }));
    }
    chart.append(g);
  });
  const last = series[series.length - 1].start;
  chart.append(svg('text', { x: left, y: h + 15 }, series[0].start));
  if (last !== series[0].start) chart.append(svg('text', { x: w, y: h + 15, 'text-anchor': 'end' }, last));
  const legend = el('div', { class: 'map-legend' }, keys.map((k) => el('span', { class: 'swatch-item' },
    el('span', { class: `swatch ${seriesClass(split, k)}` }), seriesName(split, k))));
  return el('div', { class: 'timeline-wrap' }, chart, legend,
    opts.onBar ? el('p', { class: 'muted small' }, t('timeline.hint')) : null, undated);
}
