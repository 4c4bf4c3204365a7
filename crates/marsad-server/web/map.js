// The event map: country outlines (world.json, Natural Earth 1:110m) drawn in SVG with the
// Natural Earth projection, a choropleth of the events' place countries and a circle per place,
// coloured by the dominant QuadClass. Draws what /api/events/map answers (aggregated on the
// server); knows nothing of fetching, so the page and the offline report draw it alike.
'use strict';

// Colours are CSS classes (q1–q4, style.css): the server's Content-Security-Policy allows no
// inline style.
const MAP_W = 960;
const MAP_NORTH = 84, MAP_SOUTH = -58; // latitudes the map shows (no Antarctica)

/** Natural Earth I projection (Šavrič et al. 2011), unit scale: lon/lat degrees → [x, y]. */
function naturalEarth(lon, lat) {
  const l = lon * Math.PI / 180, p = lat * Math.PI / 180;
  const p2 = p * p, p4 = p2 * p2;
  return [
    l * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4))),
    p * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4))),
  ];
}

const MAP_K = MAP_W / 2 / naturalEarth(180, 0)[0];
const MAP_TOP = naturalEarth(0, MAP_NORTH)[1];
const MAP_H = Math.round((MAP_TOP - naturalEarth(0, MAP_SOUTH)[1]) * MAP_K);

/** lon/lat → SVG coordinates of the map (0..MAP_W, 0..MAP_H). */
function project(lon, lat) {
  const [x, y] = naturalEarth(lon, Math.max(MAP_SOUTH - 2, Math.min(MAP_NORTH + 2, lat)));
  return [MAP_W / 2 + x * MAP_K, (MAP_TOP - y) * MAP_K];
}

const pathCache = new WeakMap();

/** Each country's SVG path, computed once per world object. */
function countryPaths(world) {
  if (pathCache.has(world)) return pathCache.get(world);
  const s = world.scale || 10;
  const out = world.countries.map((c) => {
    let d = '';
    for (const r of c.rings) {
      let x = 0, y = 0;
      for (let i = 0; i < r.length; i += 2) {
        x += r[i]; y += r[i + 1];
        const [px, py] = project(x / s, y / s);
        d += `${i ? 'L' : 'M'}${px.toFixed(1)} ${py.toFixed(1)}`;
      }
      d += 'Z';
    }
    return { iso3: c.iso3, name: c.name, name_ar: c.name_ar, d };
  });
  pathCache.set(world, out);
  return out;
}

/** The QuadClass (1-4) with the most events; the first on a tie. */
function dominantQuad(byQuad) {
  let best = 0;
  for (let i = 1; i < 4; i++) if ((byQuad[i] || 0) > (byQuad[best] || 0)) best = i;
  return best + 1;
}

function quadBreakdown(byQuad) {
  return [1, 2, 3, 4].filter((q) => byQuad[q - 1]).map((q) => `${quadName(q)} ${fmt(byQuad[q - 1])}`).join(isEn() ? ', ' : '، ');
}

/** The view box around the points (and chosen countries), at least a third of the world wide. */
function fitBox(points, extra) {
  const xs = [], ys = [];
  for (const p of points) { const [x, y] = project(p.lon, p.lat); xs.push(x); ys.push(y); }
  for (const [x, y] of extra) { xs.push(x); ys.push(y); }
  if (!xs.length) return [0, 0, MAP_W, MAP_H];
  const minW = MAP_W / 3, aspect = MAP_H / MAP_W;
  let x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  let w = Math.max(minW, (x1 - x0) * 1.3, (y1 - y0) * 1.3 / aspect);
  w = Math.min(MAP_W, w);
  const h = w * aspect;
  const cx = Math.min(MAP_W - w / 2, Math.max(w / 2, (x0 + x1) / 2));
  const cy = Math.min(MAP_H - h / 2, Math.max(h / 2, (y0 + y1) / 2));
  return [cx - w / 2, cy - h / 2, w, h];
}

/**
 * Draws the map into a new element and returns it.
 * data: {total, unplaced, points:[{place, lat, lon, country, count, by_quad}], countries:[{country, count, by_quad}]}
 * opts: {onCountry(iso3, name), onPoint(point), selected: {country} | {place}}
 */
function drawMap(world, data, opts = {}) {
  const counts = new Map((data.countries || []).map((c) => [c.country, c]));
  const maxCountry = Math.max(1, ...(data.countries || []).map((c) => c.count));
  const points = (data.points || []).filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lon));
  const maxPoint = Math.max(1, ...points.map((p) => p.count));
  const paths = countryPaths(world);
  const nameOf = (c) => (isEn() ? c.name : c.name_ar || c.name);

  const chart = svg('svg', { class: 'map', role: 'img', 'aria-label': t('map.aria'), 'data-testid': 'map',
    viewBox: `0 0 ${MAP_W} ${MAP_H}`, preserveAspectRatio: 'xMidYMid meet' });
  chart.append(svg('rect', { class: 'sea', x: -MAP_W, y: -MAP_H, width: 3 * MAP_W, height: 3 * MAP_H }));
  const land = svg('g', { class: 'land' });
  const placedCountries = [];
  for (const c of paths) {
    const agg = counts.get(c.iso3);
    const attrs = { d: c.d, 'data-iso3': c.iso3, class: 'country', 'fill-rule': 'evenodd' };
    if (agg && agg.count) {
      const q = dominantQuad(agg.by_quad || []);
      // Shade by how many events, in four steps (log scale: one event is still visible).
      const level = Math.min(4, 1 + Math.floor(3 * Math.log1p(agg.count) / Math.log1p(maxCountry)));
      attrs.class = `country has-events q${q} i${level}`;
      attrs.tabindex = 0;
      attrs.role = 'button';
      attrs['data-count'] = agg.count;
      const pick = () => opts.onCountry && opts.onCountry(c.iso3, nameOf(c));
      attrs.onclick = pick;
      attrs.onkeydown = (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); pick(); } };
      placedCountries.push(c);
    }
    if (opts.selected && opts.selected.country === c.iso3) attrs.class += ' selected';
    const title = agg ? `${nameOf(c)}: ${t('n.events', fmt(agg.count))} (${quadBreakdown(agg.by_quad || [])})` : nameOf(c);
    land.append(svg('path', attrs, svg('title', {}, title)));
  }
  chart.append(land);

  // Places without coordinates have none to draw; larger circles first so small ones stay clickable.
  const box = fitBox(points, []);
  const zoom = MAP_W / box[2];
  const dots = svg('g', { class: 'points' });
  for (const p of points.slice().sort((a, b) => b.count - a.count)) {
    const [x, y] = project(p.lon, p.lat);
    const q = dominantQuad(p.by_quad || []);
    const base = 3 + 9 * Math.sqrt(p.count / maxPoint);
    const pick = () => opts.onPoint && opts.onPoint(p);
    const sel = opts.selected && opts.selected.place === p.place ? ' selected' : '';
    dots.append(svg('circle', {
      class: `point q${q}${sel}`, cx: x.toFixed(1), cy: y.toFixed(1), r: (base / zoom).toFixed(2), 'data-r': base.toFixed(2),
      'stroke-width': (1.2 / zoom).toFixed(2), tabindex: 0, role: 'button', 'data-place': p.place,
      'data-country': p.country || '', 'data-count': p.count, onclick: pick,
      onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); pick(); } },
    }, svg('title', {}, `${t('map.point', p.place, fmt(p.count))} (${quadBreakdown(p.by_quad || [])})`)));
  }
  chart.append(dots);
  chart.setAttribute('viewBox', box.map((v) => v.toFixed(1)).join(' '));

  const legend = el('div', { class: 'map-legend' },
    [1, 2, 3, 4].map((q) => el('span', { class: 'swatch-item' }, el('span', { class: `swatch q${q}` }), quadName(q))),
    el('span', { class: 'muted' }, t('map.legend')));
  const note = el('p', { class: 'muted small', 'data-testid': 'map-note' },
    t('map.total', fmt(Math.max(0, (data.total || 0) - (data.unplaced || 0)))),
    data.unplaced ? `${isEn() ? ' · ' : '، '}${t('map.unplaced', fmt(data.unplaced))}` : '');
  let whole = false;
  const zoomButton = el('button', { type: 'button', class: 'link-button', 'data-testid': 'map-zoom' }, t('map.world'));
  zoomButton.addEventListener('click', () => {
    whole = !whole;
    const b = whole ? [0, 0, MAP_W, MAP_H] : box;
    const k = MAP_W / b[2];
    chart.setAttribute('viewBox', b.map((v) => v.toFixed(1)).join(' '));
    for (const c of dots.querySelectorAll('circle')) {
      c.setAttribute('r', (Number(c.getAttribute('data-r')) / k).toFixed(2));
      c.setAttribute('stroke-width', (1.2 / k).toFixed(2));
    }
    zoomButton.textContent = whole ? t('map.fit') : t('map.world');
  });
  return el('div', { class: 'map-wrap' }, chart, legend, el('div', { class: 'map-foot' }, note, points.length ? zoomButton : null));
}
