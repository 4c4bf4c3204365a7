//! `marsad events --by day|week|country|root`: the filtered events counted, as text with a
//! sparkline or as CSV. The counts come from the store's aggregations (the API's map and
//! timeline use the same ones); this module only lays them out.

use chrono::NaiveDate;
use marsad_store::event_aggregates::{Bucket, Split, Timeline};
use marsad_store::events::EventFilter;
use marsad_store::Store;

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum By {
    Day,
    Week,
    /// The country of the event's place.
    Country,
    Root,
}

/// Longest run of buckets whose empty days or weeks are filled in for the sparkline.
const MAX_FILLED: usize = 3660;

pub fn render(store: &Store, f: &EventFilter, by: By, csv: bool) -> anyhow::Result<String> {
    let rows: Vec<(String, u64, String)> = match by {
        By::Day | By::Week => {
            let bucket = if by == By::Day {
                Bucket::Day
            } else {
                Bucket::Week
            };
            let t = store.event_timeline(f, bucket, Split::Quad)?;
            let mut rows = time_rows(&t);
            if t.undated > 0 {
                rows.push(("undated".into(), t.undated, String::new()));
            }
            rows
        }
        By::Country => {
            let m = store.event_map(f)?;
            let placed: u64 = m.countries.iter().map(|c| c.count).sum();
            let mut rows: Vec<_> = m
                .countries
                .iter()
                .map(|c| (c.country.clone(), c.count, quads(&c.by_quad)))
                .collect();
            if m.total > placed {
                rows.push(("no place".into(), m.total - placed, String::new()));
            }
            rows
        }
        By::Root => store
            .event_roots(f)?
            .into_iter()
            .map(|(r, n)| {
                let name = marsad_events::summary::code_name_en(&r).unwrap_or_default();
                (r, n, name)
            })
            .collect(),
    };
    Ok(if csv {
        as_csv(by, &rows)
    } else {
        as_text(by, &rows)
    })
}

fn quads(by: &[u64; 4]) -> String {
    by.iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(i, n)| format!("q{} {n}", i + 1))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One row per bucket, with its QuadClass split.
fn time_rows(t: &Timeline) -> Vec<(String, u64, String)> {
    t.buckets
        .iter()
        .map(|b| {
            let split = b
                .counts
                .iter()
                .map(|(k, n)| format!("q{k} {n}"))
                .collect::<Vec<_>>()
                .join(", ");
            (b.start.to_string(), b.total, split)
        })
        .collect()
}

fn label(by: By) -> &'static str {
    match by {
        By::Day => "day",
        By::Week => "week",
        By::Country => "country",
        By::Root => "root",
    }
}

fn as_csv(by: By, rows: &[(String, u64, String)]) -> String {
    let mut out = format!("{},events,detail\n", label(by));
    for (k, n, d) in rows {
        out.push_str(&format!("{k},{n},\"{}\"\n", d.replace('"', "\"\"")));
    }
    out
}

fn as_text(by: By, rows: &[(String, u64, String)]) -> String {
    let total: u64 = rows.iter().map(|r| r.1).sum();
    let mut out = String::new();
    if matches!(by, By::Day | By::Week) {
        let step = if by == By::Day { 1 } else { 7 };
        let dated: Vec<(NaiveDate, u64)> = rows
            .iter()
            .filter_map(|(k, n, _)| Some((NaiveDate::parse_from_str(k, "%Y-%m-%d").ok()?, *n)))
            .collect();
        if let (Some(first), Some(last)) = (dated.first(), dated.last()) {
            out.push_str(&format!(
                "{} … {}  {}\n",
                first.0,
                last.0,
                sparkline(&filled(&dated, step))
            ));
        }
    }
    let widest = rows.iter().map(|r| r.1).max().unwrap_or(0);
    for (k, n, d) in rows {
        let bar = "█".repeat(bar_len(*n, widest, 30));
        out.push_str(&format!("{k:<12} {n:>7}  {bar:<30}  {d}\n"));
    }
    out.push_str(&format!("{total} event(s)\n"));
    out
}

fn bar_len(n: u64, widest: u64, width: u64) -> usize {
    if widest == 0 || n == 0 {
        return 0;
    }
    (n * width).div_ceil(widest) as usize
}

/// The counts with the empty days (or weeks) between them filled with zero, so the sparkline's
/// x axis is time; a span too long to fill is drawn as it is.
fn filled(dated: &[(NaiveDate, u64)], step: i64) -> Vec<u64> {
    let (Some(first), Some(last)) = (dated.first(), dated.last()) else {
        return Vec::new();
    };
    let span = (last.0 - first.0).num_days() / step + 1;
    if span as usize > MAX_FILLED {
        return dated.iter().map(|d| d.1).collect();
    }
    let mut out = vec![0; span as usize];
    for (d, n) in dated {
        let i = ((*d - first.0).num_days() / step) as usize;
        if let Some(slot) = out.get_mut(i) {
            *slot += n;
        }
    }
    out
}

/// ▁▂▃▄▅▆▇█, one per value; zero is a space so gaps read as gaps.
pub fn sparkline(values: &[u64]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let max = values.iter().copied().max().unwrap_or(0);
    values
        .iter()
        .map(|&v| {
            if v == 0 || max == 0 {
                ' '
            } else {
                BARS[((v - 1) * 8 / max).min(7) as usize]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparkline_scales_to_the_largest_and_keeps_gaps() {
        assert_eq!(sparkline(&[1, 0, 8, 4]), "▁ █▄");
        assert_eq!(sparkline(&[]), "");
        assert_eq!(sparkline(&[0, 0]), "  ");
    }

    #[test]
    fn missing_days_are_filled_with_zero() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let v = filled(&[(d("2020-10-20"), 2), (d("2020-10-23"), 5)], 1);
        assert_eq!(v, vec![2, 0, 0, 5]);
        let w = filled(&[(d("2020-10-19"), 2), (d("2020-11-02"), 1)], 7);
        assert_eq!(w, vec![2, 0, 1]);
    }
}
