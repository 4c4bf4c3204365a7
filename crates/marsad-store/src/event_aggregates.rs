//! Events counted, not listed: by place and country (the map), by day or week (the timeline),
//! by actor and by dyad (reports). Every count runs in SQL over the same filter as
//! [`Store::events`], so a count and the list it opens always agree, and 50k events answer fast.
//!
//! What it is not: drawing. The page, the report and the CLI draw these numbers.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::params_from_iter;
use serde::Serialize;

use crate::events::EventFilter;
use crate::{Result, Store};

/// Events at one place.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MapPoint {
    pub place: String,
    pub lat: f64,
    pub lon: f64,
    pub country: Option<String>,
    pub count: u64,
    /// Counts by QuadClass: `[verbal coop, material coop, verbal conflict, material conflict]`.
    pub by_quad: [u64; 4],
}

/// Events whose place is in one country.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CountryCount {
    /// ISO3.
    pub country: String,
    pub count: u64,
    pub by_quad: [u64; 4],
}

/// What the map draws.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EventMap {
    pub total: u64,
    /// Events with no place with coordinates (not drawn as points).
    pub unplaced: u64,
    pub points: Vec<MapPoint>,
    pub countries: Vec<CountryCount>,
}

/// The width of a timeline bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Bucket {
    Day,
    /// ISO weeks, Monday to Sunday; a bucket is named by its Monday.
    Week,
}

/// What a timeline's bars are split by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Split {
    Quad,
    Root,
}

/// One bar of a timeline.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TimeBucket {
    pub start: NaiveDate,
    pub total: u64,
    /// QuadClass ("1"–"4") or CAMEO root ("14") → count.
    pub counts: BTreeMap<String, u64>,
}

/// Events per day or week.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Timeline {
    pub by: Bucket,
    pub split: Split,
    /// Events without a date (in no bucket).
    pub undated: u64,
    /// In date order; buckets without events are left out.
    pub buckets: Vec<TimeBucket>,
}

/// An actor and how many filtered events it is on either side of.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ActorCount {
    pub code: String,
    pub count: u64,
}

/// A source → target pair of actor codes and its events.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DyadCount {
    pub source: String,
    pub target: String,
    pub count: u64,
}

impl Store {
    /// The map: events by place (points) and by the place's country (choropleth).
    pub fn event_map(&self, f: &EventFilter) -> Result<EventMap> {
        let (clause, args) = self.event_where(f)?;
        // Counting reads the covering index `events_counts` alone, never the events' JSON.
        let sql = format!(
            "SELECT coalesce(e.place_name, ''), e.place_lat, e.place_lon, e.place_country,
                    e.quad_class, count(*)
             FROM events e WHERE {clause}
             GROUP BY 1, 2, 3, 4, 5"
        );
        let mut stmt = self.db.prepare(&sql)?;
        let rows = stmt
            .query_map(params_from_iter(args.iter()), |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<f64>>(1)?,
                    r.get::<_, Option<f64>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, i64>(5)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut map = EventMap {
            total: 0,
            unplaced: 0,
            points: Vec::new(),
            countries: Vec::new(),
        };
        let mut points: BTreeMap<(String, String), MapPoint> = BTreeMap::new();
        let mut countries: BTreeMap<String, CountryCount> = BTreeMap::new();
        for (place, lat, lon, country, quad, n) in rows {
            let n = n.max(0) as u64;
            let q = quad_index(quad);
            map.total += n;
            if let Some(c) = country.clone().filter(|c| !c.is_empty()) {
                let cc = countries.entry(c.clone()).or_insert(CountryCount {
                    country: c,
                    count: 0,
                    by_quad: [0; 4],
                });
                cc.count += n;
                add_quad(&mut cc.by_quad, q, n);
            }
            let (Some(lat), Some(lon)) = (lat, lon) else {
                map.unplaced += n;
                continue;
            };
            let key = (place.clone(), format!("{lat:.4},{lon:.4}"));
            let p = points.entry(key).or_insert(MapPoint {
                place,
                lat,
                lon,
                country,
                count: 0,
                by_quad: [0; 4],
            });
            p.count += n;
            add_quad(&mut p.by_quad, q, n);
        }
        map.points = points.into_values().collect();
        map.points
            .sort_by(|a, b| b.count.cmp(&a.count).then(a.place.cmp(&b.place)));
        map.countries = countries.into_values().collect();
        map.countries
            .sort_by(|a, b| b.count.cmp(&a.count).then(a.country.cmp(&b.country)));
        Ok(map)
    }

    /// Events per day or week, split by QuadClass or root.
    pub fn event_timeline(&self, f: &EventFilter, by: Bucket, split: Split) -> Result<Timeline> {
        let (clause, args) = self.event_where(f)?;
        let start = match by {
            Bucket::Day => "e.date",
            // The Sunday on or after the day, less six days: the week's Monday.
            Bucket::Week => "date(e.date, 'weekday 0', '-6 days')",
        };
        let key = match split {
            Split::Quad => "CAST(e.quad_class AS TEXT)",
            Split::Root => "e.root",
        };
        let sql = format!(
            "SELECT CASE WHEN e.date IS NULL OR e.date = '' THEN NULL ELSE {start} END, {key}, count(*)
             FROM events e WHERE {clause} GROUP BY 1, 2 ORDER BY 1, 2"
        );
        let mut stmt = self.db.prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(args.iter()), |r| {
            Ok((
                r.get::<_, Option<String>>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?;
        let mut t = Timeline {
            by,
            split,
            undated: 0,
            buckets: Vec::new(),
        };
        for row in rows {
            let (day, key, n) = row?;
            let n = n.max(0) as u64;
            let Some(start) = day.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
            else {
                t.undated += n;
                continue;
            };
            if t.buckets.last().map(|b| b.start) != Some(start) {
                t.buckets.push(TimeBucket {
                    start,
                    total: 0,
                    counts: BTreeMap::new(),
                });
            }
            if let Some(b) = t.buckets.last_mut() {
                b.total += n;
                *b.counts.entry(key).or_default() += n;
            }
        }
        Ok(t)
    }

    /// The filtered events by CAMEO root, most frequent first.
    pub fn event_roots(&self, f: &EventFilter) -> Result<Vec<(String, u64)>> {
        let (clause, args) = self.event_where(f)?;
        let sql = format!(
            "SELECT e.root, count(*) FROM events e WHERE {clause} GROUP BY 1 ORDER BY 2 DESC, 1"
        );
        let mut stmt = self.db.prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(args.iter()), |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?.max(0) as u64))
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The actors most often on either side of the filtered events, by CAMEO code.
    pub fn event_top_actors(&self, f: &EventFilter, n: usize) -> Result<Vec<ActorCount>> {
        let (clause, args) = self.event_where(f)?;
        let sql = format!(
            "SELECT code, count(*) FROM (
                SELECT e.actor1_code AS code FROM events e WHERE {clause}
                UNION ALL SELECT e.actor2_code FROM events e WHERE {clause})
             WHERE code IS NOT NULL AND code != ''
             GROUP BY code ORDER BY 2 DESC, 1 LIMIT {n}"
        );
        let mut stmt = self.db.prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(args.iter()), |r| {
            Ok(ActorCount {
                code: r.get(0)?,
                count: r.get::<_, i64>(1)?.max(0) as u64,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The source → target pairs most often coded together (both sides coded).
    pub fn event_dyads(&self, f: &EventFilter, n: usize) -> Result<Vec<DyadCount>> {
        let (clause, args) = self.event_where(f)?;
        let sql = format!(
            "SELECT e.actor1_code, e.actor2_code, count(*) FROM events e
             WHERE {clause} AND coalesce(e.actor1_code, '') != '' AND coalesce(e.actor2_code, '') != ''
             GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT {n}"
        );
        let mut stmt = self.db.prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(args.iter()), |r| {
            Ok(DyadCount {
                source: r.get(0)?,
                target: r.get(1)?,
                count: r.get::<_, i64>(2)?.max(0) as u64,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

fn quad_index(q: i64) -> Option<usize> {
    (1..=4).contains(&q).then(|| (q - 1) as usize)
}

fn add_quad(by: &mut [u64; 4], q: Option<usize>, n: u64) {
    if let Some(i) = q {
        by[i] += n;
    }
}
