//! `marsad bench map`: the map's and the timeline's aggregations over a store of synthetic
//! events (50,000 by default), timed as the server runs them (one store call per request).
//!
//! The events are synthetic but shaped like coded ones: KB places with coordinates, a year of
//! dates, codes from every root, actors from KB countries. They are generated from a fixed seed,
//! so every run measures the same store.

use std::process::ExitCode;
use std::time::Instant;

use chrono::{Duration, NaiveDate};
use marsad_events::{Actor, Event, Place};
use marsad_ingest::Article;
use marsad_store::event_aggregates::{Bucket, Split};
use marsad_store::events::EventFilter;
use marsad_store::{Analyzed, Store};
use serde::Serialize;

#[derive(clap::Args)]
pub struct MapArgs {
    /// How many synthetic events.
    #[arg(long, default_value_t = 50_000)]
    events: usize,
    /// Timed requests per query.
    #[arg(long, default_value_t = 20)]
    rounds: usize,
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct MapReport {
    events: usize,
    query: &'static str,
    p50_ms: f64,
    p99_ms: f64,
    max_ms: f64,
    cores: usize,
}

const EVENTS_PER_ARTICLE: usize = 10;
const CODES: &[&str] = &[
    "010", "020", "036", "040", "042", "051", "061", "070", "081", "090", "111", "120", "130",
    "141", "150", "163", "173", "180", "190", "193", "195", "203",
];

pub fn run(a: MapArgs) -> anyhow::Result<ExitCode> {
    let tmp = tempfile::tempdir()?;
    let mut store = Store::open(tmp.path())?;
    fill(&mut store, a.events)?;
    let mid = NaiveDate::from_ymd_opt(2020, 7, 1).unwrap_or_default();
    let queries: [(&'static str, EventFilter); 4] = [
        ("map, no filter", EventFilter::default()),
        (
            "map, roots 18-20",
            EventFilter {
                roots: vec!["18".into(), "19".into(), "20".into()],
                ..Default::default()
            },
        ),
        (
            "map, one month",
            EventFilter {
                from: Some(mid),
                to: Some(mid + Duration::days(30)),
                ..Default::default()
            },
        ),
        ("timeline by day", EventFilter::default()),
    ];
    for (name, f) in &queries {
        let run_once = || -> anyhow::Result<()> {
            if name.starts_with("timeline") {
                store.event_timeline(f, Bucket::Day, Split::Quad)?;
            } else {
                store.event_map(f)?;
            }
            Ok(())
        };
        run_once()?; // warm the page cache
        let mut times = Vec::with_capacity(a.rounds);
        for _ in 0..a.rounds.max(1) {
            let t = Instant::now();
            run_once()?;
            times.push(t.elapsed().as_secs_f64() * 1e3);
        }
        times.sort_by(|x, y| x.total_cmp(y));
        let pct = |p: f64| times[((times.len() as f64 - 1.0) * p).round() as usize];
        let r = MapReport {
            events: a.events,
            query: name,
            p50_ms: pct(0.5),
            p99_ms: pct(0.99),
            max_ms: pct(1.0),
            cores: crate::commands::ingest::default_threads(),
        };
        if a.json {
            println!("{}", serde_json::to_string(&r)?);
        } else {
            println!(
                "{}: {} events, p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms ({} requests, {} cores)",
                r.query,
                r.events,
                r.p50_ms,
                r.p99_ms,
                r.max_ms,
                times.len(),
                r.cores
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Stores `n` synthetic events, ten per article.
fn fill(store: &mut Store, n: usize) -> anyhow::Result<()> {
    let kb = marsad_kb::Kb::embedded();
    let places: Vec<&marsad_kb::Entity> = kb
        .entities()
        .iter()
        .filter(|e| e.lat.is_some() && e.lon.is_some() && e.country.is_some())
        .collect();
    let countries: Vec<&str> = kb
        .entities()
        .iter()
        .filter_map(|e| e.id.strip_prefix("country:"))
        .collect();
    anyhow::ensure!(
        !places.is_empty() && !countries.is_empty(),
        "the KB has no places"
    );
    let mut rng = Lcg(0x6d61_7273_6164);
    let start = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default();
    let mut ing = store.ingester(1)?;
    let mut batch = Vec::new();
    for i in 0..n.div_ceil(EVENTS_PER_ARTICLE) {
        let k = EVENTS_PER_ARTICLE.min(n - i * EVENTS_PER_ARTICLE);
        let events = (0..k)
            .filter_map(|_| {
                let place = places[rng.below(places.len())];
                let c1 = countries[rng.below(countries.len())];
                let c2 = countries[rng.below(countries.len())];
                let code = CODES[rng.below(CODES.len())];
                let date = start + Duration::days(rng.below(366) as i64);
                synthetic_event(code, c1, c2, place, date)
            })
            .collect();
        let body = vec![format!("خبر تجريبي رقم {i} عن أحداث متفرقة.")];
        let article = Article::builder(format!("synthetic-{i}"), format!("خبر {i}"), body).build();
        batch.push(Analyzed {
            article,
            entities: Vec::new(),
            events,
            sketch: None,
        });
        if batch.len() == 500 {
            ing.add_batch(&batch)?;
            batch.clear();
        }
    }
    ing.add_batch(&batch)?;
    ing.finish()?;
    Ok(())
}

fn synthetic_event(
    code: &str,
    c1: &str,
    c2: &str,
    place: &marsad_kb::Entity,
    date: NaiveDate,
) -> Option<Event> {
    let actor = |c: &str| Actor {
        name: c.to_string(),
        code: Some(format!("{c}GOV")),
        country: Some(c.to_string()),
        entity: None,
    };
    let mut e = marsad_events::eval::corpus::bare_event(code)?;
    e.actor1 = actor(c1);
    e.actor2 = Some(actor(c2));
    e.date = Some(date);
    e.place = Some(Place {
        name: place.name_en.clone(),
        country: place.country.clone(),
        lat: place.lat,
        lon: place.lon,
        fips: None,
        entity: Some(place.id.clone()),
    });
    Some(e)
}

/// A fixed-seed linear congruential generator: the same store on every run.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}
