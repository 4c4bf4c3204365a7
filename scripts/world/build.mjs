// Rebuilds crates/marsad-server/web/world.json, the country outlines of the event map, from the
// npm package world-atlas (Natural Earth 1:110m, public domain; package ISC) and the ISO 3166
// numeric → alpha-3 table of i18n-iso-countries (MIT). Arabic names come from marsad's own KB
// (data/kb/kb.jsonl.gz), so the map names a country as the rest of the page does.
//
//   cd scripts/world && npm ci && node build.mjs
//
// Output: {"source", "scale", "countries": [{"iso3", "num", "name", "name_ar", "rings"}]}. A ring
// is a flat list of integers: the first point as lon*scale, lat*scale, then the differences to
// each next point (points closer than 1/scale degree merged). The page projects them itself
// (web/map.js), so the one projection is in one place.
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const OUT = join(ROOT, 'crates/marsad-server/web/world.json');
const SCALE = 10; // tenths of a degree: finer than the 1:110m outlines themselves

const topo = require('world-atlas/countries-110m.json');
const codes = require('i18n-iso-countries/codes.json');
const atlasVersion = require('world-atlas/package.json').version;

// Outlines Natural Earth draws without an ISO code: the country their events are placed in.
const NO_CODE = { Kosovo: 'XKX', 'N. Cyprus': 'CYP', Somaliland: 'SOM' };
const SKIP = new Set(['ATA']); // Antarctica: no news happens there; the map ends at 60°S

const numToIso3 = new Map(codes.map(([, a3, num]) => [num, a3]));
const arabic = new Map();
for (const line of gunzipSync(readFileSync(join(ROOT, 'data/kb/kb.jsonl.gz'))).toString('utf8').split('\n')) {
  if (!line.startsWith('{"id":"country:')) continue;
  const e = JSON.parse(line);
  if (e.iso3 && e.name_ar) arabic.set(e.iso3, e.name_ar);
}

// TopoJSON arcs: quantized, delta-encoded positions → absolute lon/lat.
const [sx, sy] = topo.transform.scale;
const [tx, ty] = topo.transform.translate;
const arcs = topo.arcs.map((arc) => {
  let x = 0, y = 0;
  return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; });
});

function ring(indices) {
  const pts = [];
  for (const i of indices) {
    const a = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
    pts.push(...(pts.length ? a.slice(1) : a));
  }
  return pts;
}

/** A ring crossing the antimeridian (Russia, Fiji) jumps from 180° to -180°, a line across the
 * whole map. Unwrapped it runs past ±180°; it is drawn twice, once shifted by 360°, and the
 * map's frame cuts what lies outside. */
function unwrapped(pts) {
  const out = [pts[0].slice()];
  for (let i = 1; i < pts.length; i++) {
    let [lon, lat] = pts[i];
    const prev = out[i - 1][0];
    while (lon - prev > 180) lon -= 360;
    while (lon - prev < -180) lon += 360;
    out.push([lon, lat]);
  }
  const lons = out.map((p) => p[0]);
  const shift = Math.max(...lons) > 180 ? -360 : Math.min(...lons) < -180 ? 360 : 0;
  return shift ? [out, out.map(([lon, lat]) => [lon + shift, lat])] : [out];
}

function encode(pts) {
  const out = [];
  let px = null, py = null;
  for (const [lon, lat] of pts) {
    const x = Math.round(lon * SCALE), y = Math.round(lat * SCALE);
    if (px === null) out.push(x, y);
    else if (x !== px || y !== py) out.push(x - px, y - py);
    else continue;
    px = x; py = y;
  }
  return out.length >= 8 ? out : null; // fewer than four points: a speck at this scale
}

const countries = [];
for (const g of topo.objects.countries.geometries) {
  const name = g.properties.name;
  const iso3 = g.id ? numToIso3.get(g.id) : NO_CODE[name];
  if (!iso3) throw new Error(`world-atlas: no ISO3 for ${name} (${g.id})`);
  if (SKIP.has(iso3)) continue;
  const polygons = g.type === 'Polygon' ? [g.arcs] : g.arcs;
  const rings = polygons.flatMap((p) => p.map(ring)).flatMap(unwrapped).map(encode).filter(Boolean);
  countries.push({ iso3, num: g.id || null, name, name_ar: arabic.get(iso3) || name, rings });
}
countries.sort((a, b) => (a.iso3 < b.iso3 ? -1 : a.iso3 > b.iso3 ? 1 : a.name.localeCompare(b.name)));

const doc = {
  source: `world-atlas ${atlasVersion} countries-110m.json (Natural Earth 1:110m, public domain); rebuilt by scripts/world/build.mjs`,
  scale: SCALE,
  countries,
};
// One country per line: readable diffs when the outlines are rebuilt.
const body = countries.map((c) => JSON.stringify(c)).join(',\n');
writeFileSync(OUT, `{"source":${JSON.stringify(doc.source)},"scale":${SCALE},"countries":[\n${body}\n]}\n`);
console.log(`${OUT}: ${countries.length} countries, ${readFileSync(OUT).length} bytes`);
