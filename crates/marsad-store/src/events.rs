//! The events side of the store: filtered listing and the exports (GDELT 2.0 event table, CSV,
//! JSON Lines).

use std::io::Write;

use chrono::{Datelike, NaiveDate};
use rusqlite::params_from_iter;
use serde::Serialize;

use marsad_events::Event;

use crate::{Result, Store, StoreError};

/// Which events to list, count or export. Empty fields do not filter.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// A CAMEO actor code prefix (RUS, RUSGOV, IGOUNO) or a KB entity id, on either side.
    pub actor: Option<String>,
    /// ISO3 country of either actor or of the place.
    pub country: Option<String>,
    /// ISO3 country of the place alone (the map's countries).
    pub place_country: Option<String>,
    /// CAMEO roots ("02", "19").
    pub roots: Vec<String>,
    /// QuadClass (1–4).
    pub quad: Option<u8>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Part of the place name, or its KB entity id.
    pub place: Option<String>,
    /// A search query (the search box's syntax): events of the articles it matches.
    pub query: Option<String>,
    /// A story id: events of its articles.
    pub story: Option<String>,
    pub limit: Option<usize>,
}

/// At most this many articles stand for a search query in an event filter.
pub const MAX_QUERY_ARTICLES: usize = 200_000;

/// A stored event with where it came from.
#[derive(Debug, Clone, Serialize)]
pub struct StoredEvent {
    /// The store's event id (GDELT's GlobalEventID in exports).
    pub event_id: i64,
    pub article_id: String,
    pub url: Option<String>,
    pub source: Option<String>,
    pub published: Option<String>,
    /// The happening this report belongs to: reports of one event (same actors, root, place,
    /// dates at most a day apart) in several articles share it.
    pub group_id: Option<i64>,
    #[serde(flatten)]
    pub event: Event,
}

/// Counts of one event group, as GDELT counts an event.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct GroupCounts {
    /// Sum of the reports' mentions.
    pub mentions: u64,
    /// Distinct sources of its articles (an article without a source counts as its own).
    pub sources: u64,
    pub articles: u64,
}

impl Store {
    pub fn events(&self, f: &EventFilter) -> Result<Vec<StoredEvent>> {
        let (clause, args) = self.event_where(f)?;
        let mut sql = format!("{EVENT_SELECT} WHERE {clause} ORDER BY e.date DESC, e.id");
        if let Some(n) = f.limit {
            sql.push_str(&format!(" LIMIT {n}"));
        }
        let mut stmt = self.db.prepare(&sql)?;
        stored_events(&mut stmt, params_from_iter(args.iter()))
    }

    /// The SQL condition on `events e` for a filter, with its numbered parameters. Listing,
    /// the map and the timeline share it, so their counts agree.
    pub(crate) fn event_where(&self, f: &EventFilter) -> Result<(String, Vec<String>)> {
        let mut sql = String::from("1=1");
        let mut args: Vec<String> = Vec::new();
        let mut arg = |sql: &mut String, clause: &str, v: String| {
            args.push(v);
            sql.push_str(&clause.replace('?', &format!("?{}", args.len())));
        };
        if let Some(a) = &f.actor {
            let like = format!("{a}%");
            arg(&mut sql, " AND (e.actor1_code LIKE ? ", like.clone());
            arg(&mut sql, "OR e.actor2_code LIKE ? ", like);
            arg(&mut sql, "OR e.actor1_entity = ? ", a.clone());
            arg(&mut sql, "OR e.actor2_entity = ?)", a.clone());
        }
        if let Some(c) = &f.country {
            let c = c.to_uppercase();
            arg(&mut sql, " AND (e.actor1_country = ? ", c.clone());
            arg(&mut sql, "OR e.actor2_country = ? ", c.clone());
            arg(&mut sql, "OR e.place_country = ?)", c);
        }
        if let Some(c) = &f.place_country {
            arg(&mut sql, " AND e.place_country = ?", c.to_uppercase());
        }
        if !f.roots.is_empty() {
            sql.push_str(" AND e.root IN (");
            for (i, r) in f.roots.iter().enumerate() {
                if i > 0 {
                    sql.push(',');
                }
                arg(&mut sql, "?", format!("{:0>2}", r));
            }
            sql.push(')');
        }
        if let Some(q) = f.quad {
            arg(
                &mut sql,
                " AND e.quad_class = CAST(? AS INTEGER)",
                q.to_string(),
            );
        }
        if let Some(d) = f.from {
            arg(&mut sql, " AND e.date >= ?", d.to_string());
        }
        if let Some(d) = f.to {
            arg(&mut sql, " AND e.date <= ?", d.to_string());
        }
        if let Some(p) = &f.place {
            arg(&mut sql, " AND (e.place_entity = ? ", p.clone());
            arg(&mut sql, "OR e.place_name LIKE ?)", format!("%{p}%"));
        }
        if let Some(s) = &f.story {
            let id = s.strip_prefix("story:").unwrap_or(s).to_string();
            arg(
                &mut sql,
                " AND e.article_id IN (SELECT id FROM articles WHERE story_id = ?)",
                id,
            );
        }
        if let Some(q) = f.query.as_deref().filter(|q| !q.trim().is_empty()) {
            // Every article the query matches, near-duplicates included: each reports its events.
            let ids = self.search_ids(q, MAX_QUERY_ARTICLES)?;
            let ids = serde_json::to_string(&ids)
                .map_err(|e| StoreError::Other(format!("query ids: {e}")))?;
            arg(
                &mut sql,
                " AND e.article_id IN (SELECT value FROM json_each(?))",
                ids,
            );
        }
        Ok((sql, args))
    }

    /// Counts of event groups over all their reports (not only those a filter kept).
    pub fn group_counts(
        &self,
        groups: &[i64],
    ) -> Result<std::collections::HashMap<i64, GroupCounts>> {
        let mut stmt = self.db.prepare_cached(
            "SELECT coalesce(sum(json_extract(e.json, '$.mentions')), 0), count(DISTINCT coalesce(a.source, a.id)),
                    count(DISTINCT e.article_id)
             FROM events e JOIN articles a ON a.id = e.article_id WHERE e.group_id = ?1",
        )?;
        let mut out = std::collections::HashMap::new();
        for &g in groups {
            if out.contains_key(&g) {
                continue;
            }
            let c = stmt.query_row([g], |r| {
                Ok(GroupCounts {
                    mentions: r.get::<_, i64>(0)? as u64,
                    sources: r.get::<_, i64>(1)? as u64,
                    articles: r.get::<_, i64>(2)? as u64,
                })
            })?;
            out.insert(g, c);
        }
        Ok(out)
    }

    /// One event per group (its first report, the lowest event id), in the order of `events`,
    /// with the group's counts: the rows of a GDELT export.
    pub fn event_groups(&self, events: &[StoredEvent]) -> Result<Vec<(StoredEvent, GroupCounts)>> {
        let mut first: std::collections::HashMap<i64, i64> = std::collections::HashMap::new();
        for e in events {
            if let Some(g) = e.group_id {
                let m = first.entry(g).or_insert(e.event_id);
                *m = (*m).min(e.event_id);
            }
        }
        let groups: Vec<i64> = first.keys().copied().collect();
        let counts = self.group_counts(&groups)?;
        let mut out = Vec::new();
        for e in events {
            let c = match e.group_id {
                Some(g) if first.get(&g) == Some(&e.event_id) => {
                    counts.get(&g).copied().unwrap_or_default()
                }
                Some(_) => continue,
                None => GroupCounts {
                    mentions: e.event.mentions as u64,
                    sources: 1,
                    articles: 1,
                },
            };
            out.push((e.clone(), c));
        }
        Ok(out)
    }

    /// The events of one article, in text order.
    pub fn article_events(&self, article_id: &str) -> Result<Vec<Event>> {
        let mut stmt = self
            .db
            .prepare_cached("SELECT json FROM events WHERE article_id = ?1 ORDER BY id")?;
        let rows = stmt.query_map([article_id], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for json in rows {
            out.push(
                serde_json::from_str(&json?)
                    .map_err(|e| StoreError::Other(format!("stored event unreadable: {e}")))?,
            );
        }
        Ok(out)
    }
}

/// The columns [`stored_events`] reads, from events joined to their articles (add the `WHERE`).
pub(crate) const EVENT_SELECT: &str =
    "SELECT e.id, e.article_id, a.url, a.source, a.published, e.json, e.group_id
     FROM events e JOIN articles a ON a.id = e.article_id";

/// Runs `stmt`, an [`EVENT_SELECT`], into [`StoredEvent`]s.
pub(crate) fn stored_events(
    stmt: &mut rusqlite::Statement<'_>,
    params: impl rusqlite::Params,
) -> Result<Vec<StoredEvent>> {
    let rows = stmt.query_map(params, |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get::<_, String>(5)?,
            r.get(6)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (event_id, article_id, url, source, published, json, group_id) = row?;
        let event: Event = serde_json::from_str(&json).map_err(|e| {
            StoreError::Other(format!("event {event_id}: stored JSON unreadable: {e}"))
        })?;
        out.push(StoredEvent {
            event_id,
            article_id,
            url,
            source,
            published,
            group_id,
            event,
        });
    }
    Ok(out)
}

/// The GDELT 2.0 event-table columns, in GDELT's order.
pub const GDELT_COLUMNS: [&str; 61] = [
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_Fullname",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_Fullname",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_Fullname",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// The actor columns of GDELT from a CAMEO actor code: (code, name, country, known group, type1).
fn actor_columns(a: Option<&marsad_events::Actor>) -> [String; 10] {
    let Some(a) = a else {
        return Default::default();
    };
    let code = a.code.clone().unwrap_or_default();
    let (country, group, type1) = if let Some(rest) = code.strip_prefix("IGO") {
        (
            String::new(),
            rest.get(..3).unwrap_or(rest).to_string(),
            "IGO".to_string(),
        )
    } else {
        (
            a.country
                .clone()
                .unwrap_or_else(|| code.get(..3).unwrap_or("").to_string()),
            String::new(),
            code.get(3..6).unwrap_or("").to_string(),
        )
    };
    [
        code,
        a.name.clone(),
        country,
        group,
        String::new(),
        String::new(),
        String::new(),
        type1,
        String::new(),
        String::new(),
    ]
}

/// One GDELT row for a stored event, counted as one report in one article.
pub fn gdelt_row(e: &StoredEvent, date_added: &str) -> Vec<String> {
    let c = GroupCounts {
        mentions: e.event.mentions as u64,
        sources: 1,
        articles: 1,
    };
    gdelt_group_row(e, &c, date_added)
}

/// One GDELT row for an event group: its first report with the group's NumMentions,
/// NumSources and NumArticles.
pub fn gdelt_group_row(e: &StoredEvent, counts: &GroupCounts, date_added: &str) -> Vec<String> {
    let ev = &e.event;
    let day = ev.date.or_else(|| {
        e.published
            .as_deref()
            .and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok())
    });
    let (d, my, y, frac) = match day {
        Some(d) => (
            d.format("%Y%m%d").to_string(),
            d.format("%Y%m").to_string(),
            d.year().to_string(),
            format!(
                "{:.4}",
                d.year() as f64 + (d.month() as f64 * 30.0 + d.day() as f64) / 365.0
            ),
        ),
        None => Default::default(),
    };
    let mut row = vec![e.event_id.to_string(), d, my, y, frac];
    row.extend(actor_columns(Some(&ev.actor1)));
    row.extend(actor_columns(ev.actor2.as_ref()));
    row.push(if ev.evidence.paragraph == 0 { "1" } else { "0" }.to_string());
    row.push(ev.code.clone());
    row.push(ev.code.get(..3).unwrap_or(&ev.code).to_string());
    row.push(ev.root.clone());
    row.push(ev.quad_class.to_string());
    row.push(format!("{}", ev.goldstein));
    row.extend([
        counts.mentions.to_string(),
        counts.sources.to_string(),
        counts.articles.to_string(),
        String::new(),
    ]);
    // Actor geographies are not coded; the action's is the event's place.
    row.extend(std::iter::repeat_n(String::new(), 16));
    match &ev.place {
        Some(p) => {
            let kind = if p
                .entity
                .as_deref()
                .is_some_and(|id| id.starts_with("country:"))
            {
                "1"
            } else {
                "4"
            };
            row.extend([
                kind.to_string(),
                p.name.clone(),
                p.fips.clone().unwrap_or_default(),
                String::new(),
                String::new(),
                p.lat.map(|v| v.to_string()).unwrap_or_default(),
                p.lon.map(|v| v.to_string()).unwrap_or_default(),
                p.entity.clone().unwrap_or_default(),
            ]);
        }
        None => row.extend(std::iter::repeat_n(String::new(), 8)),
    }
    row.push(date_added.to_string());
    row.push(e.url.clone().unwrap_or_else(|| e.article_id.clone()));
    row
}

/// marsad's own CSV columns: one row per event, its evidence included.
pub const CSV_COLUMNS: [&str; 26] = [
    "event_id",
    "article_id",
    "date",
    "code",
    "root",
    "quad_class",
    "goldstein",
    "plover_type",
    "plover_mode",
    "actor1_name",
    "actor1_code",
    "actor1_country",
    "actor2_name",
    "actor2_code",
    "actor2_country",
    "place",
    "place_country",
    "lat",
    "lon",
    "confidence",
    "mentions",
    "trigger",
    "sentence",
    "url",
    "group_id",
    "summary_en",
];

pub fn csv_row(e: &StoredEvent) -> Vec<String> {
    let ev = &e.event;
    let s = |o: &Option<String>| o.clone().unwrap_or_default();
    let a2 = ev.actor2.as_ref();
    let p = ev.place.as_ref();
    vec![
        e.event_id.to_string(),
        e.article_id.clone(),
        ev.date.map(|d| d.to_string()).unwrap_or_default(),
        ev.code.clone(),
        ev.root.clone(),
        ev.quad_class.to_string(),
        ev.goldstein.to_string(),
        ev.plover.kind.clone(),
        s(&ev.plover.mode),
        ev.actor1.name.clone(),
        s(&ev.actor1.code),
        s(&ev.actor1.country),
        a2.map(|a| a.name.clone()).unwrap_or_default(),
        a2.and_then(|a| a.code.clone()).unwrap_or_default(),
        a2.and_then(|a| a.country.clone()).unwrap_or_default(),
        p.map(|p| p.name.clone()).unwrap_or_default(),
        p.and_then(|p| p.country.clone()).unwrap_or_default(),
        p.and_then(|p| p.lat)
            .map(|v| v.to_string())
            .unwrap_or_default(),
        p.and_then(|p| p.lon)
            .map(|v| v.to_string())
            .unwrap_or_default(),
        format!("{:.2}", ev.confidence),
        ev.mentions.to_string(),
        ev.evidence.trigger.clone(),
        ev.evidence.sentence.clone(),
        s(&e.url),
        e.group_id.map(|g| g.to_string()).unwrap_or_default(),
        ev.summary_en.clone(),
    ]
}

/// RFC 4180 quoting: fields with separators, quotes or line breaks are quoted.
pub fn write_csv_line(w: &mut impl Write, fields: &[String], sep: char) -> std::io::Result<()> {
    let mut line = String::new();
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            line.push(sep);
        }
        if sep == '\t' {
            // GDELT's files are plain TSV: no quoting, so tabs and line breaks become spaces.
            line.extend(f.chars().map(|c| {
                if c == '\t' || c == '\n' || c == '\r' {
                    ' '
                } else {
                    c
                }
            }));
        } else if f.contains([sep, '"', '\n', '\r']) {
            line.push('"');
            line.push_str(&f.replace('"', "\"\""));
            line.push('"');
        } else {
            line.push_str(f);
        }
    }
    line.push('\n');
    w.write_all(line.as_bytes())
}
