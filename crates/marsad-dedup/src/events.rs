//! Events across articles: the same coded event reported by several articles is one event.
//!
//! Two events are the same when their key (source actor, target actor, CAMEO root, place) is
//! equal and their dates are at most [`EVENT_WINDOW_DAYS`] apart: outlets report a happening on
//! the day and the day after, and event dates resolved from "أمس" / "اليوم" differ by one day
//! between them. [`EventIndex`] assigns each (key, date) an event id, incrementally.
//!
//! Actor order is kept: "A accuses B" and "B accuses A" are different events.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

/// Two reports of one key are one event when their dates differ by at most this many days.
pub const EVENT_WINDOW_DAYS: i64 = 1;

/// The key of an event for cross-article counting: `actor1|actor2|root|place`, codes trimmed and
/// upper-cased (CAMEO codes: `TUNGOV`, `USA`), the root reduced to its two-digit CAMEO root
/// (`0431` → `04`), the place folded to its match key (so تونس and تونس with diacritics agree).
/// A missing part is an empty field, kept so keys never collide across positions.
pub fn event_key(actor1: &str, actor2: &str, root: &str, place: &str) -> String {
    let code = |s: &str| s.trim().to_uppercase();
    let root: String = root.trim().chars().take(2).collect();
    let place = marsad_text::match_key(place.trim());
    format!("{}|{}|{}|{}", code(actor1), code(actor2), root, place)
}

/// True when two event dates are close enough to be one event.
pub fn same_event_window(a: NaiveDate, b: NaiveDate) -> bool {
    (a - b).num_days().abs() <= EVENT_WINDOW_DAYS
}

/// Incremental grouping of event reports into events.
#[derive(Default)]
pub struct EventIndex {
    /// Per key, (date, event id) of the events seen, in date order.
    by_key: HashMap<String, Vec<(NaiveDate, u64)>>,
    next_id: u64,
}

impl EventIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// The event id of a report: an existing event with the same key within the window (the
    /// closest in date), else a new id. Returns (id, true when new). Ids count from 1.
    pub fn add(&mut self, key: &str, date: NaiveDate) -> (u64, bool) {
        let v = self.by_key.entry(key.to_string()).or_default();
        let best = v
            .iter()
            .filter(|(d, _)| same_event_window(*d, date))
            .min_by_key(|(d, id)| ((*d - date).num_days().abs(), *id))
            .map(|p| p.1);
        if let Some(id) = best {
            return (id, false);
        }
        self.next_id += 1;
        let pos = v.partition_point(|(d, _)| *d <= date);
        v.insert(pos, (date, self.next_id));
        (self.next_id, true)
    }

    /// Number of distinct events.
    pub fn len(&self) -> usize {
        self.next_id as usize
    }

    pub fn is_empty(&self) -> bool {
        self.next_id == 0
    }

    /// Writes the index (keys in sorted order, so equal indexes give equal bytes).
    pub fn save<W: std::io::Write>(&self, mut w: W) -> std::io::Result<()> {
        w.write_all(b"MEV1")?;
        w.write_all(&self.next_id.to_le_bytes())?;
        let mut keys: Vec<&String> = self.by_key.keys().collect();
        keys.sort();
        w.write_all(&(keys.len() as u64).to_le_bytes())?;
        for k in keys {
            let v = &self.by_key[k];
            w.write_all(&(k.len() as u32).to_le_bytes())?;
            w.write_all(k.as_bytes())?;
            w.write_all(&(v.len() as u32).to_le_bytes())?;
            for (d, id) in v {
                w.write_all(&d.num_days_from_ce().to_le_bytes())?;
                w.write_all(&id.to_le_bytes())?;
            }
        }
        Ok(())
    }

    /// Reads what [`EventIndex::save`] wrote.
    pub fn load<R: std::io::Read>(mut r: R) -> std::io::Result<Self> {
        use std::io::{Error, ErrorKind};
        let bad = |m: &str| Error::new(ErrorKind::InvalidData, format!("event index: {m}"));
        let mut magic = [0u8; 4];
        r.read_exact(&mut magic)?;
        if &magic != b"MEV1" {
            return Err(bad("not an event index"));
        }
        let mut b8 = [0u8; 8];
        let mut b4 = [0u8; 4];
        r.read_exact(&mut b8)?;
        let next_id = u64::from_le_bytes(b8);
        r.read_exact(&mut b8)?;
        let n = u64::from_le_bytes(b8);
        let mut by_key = HashMap::new();
        for _ in 0..n {
            r.read_exact(&mut b4)?;
            let len = u32::from_le_bytes(b4) as usize;
            if len > 1 << 20 {
                return Err(bad("key too long"));
            }
            let mut k = vec![0u8; len];
            r.read_exact(&mut k)?;
            let k = String::from_utf8(k).map_err(|_| bad("key not UTF-8"))?;
            r.read_exact(&mut b4)?;
            let m = u32::from_le_bytes(b4) as usize;
            let mut v = Vec::with_capacity(m.min(1 << 16));
            for _ in 0..m {
                r.read_exact(&mut b4)?;
                let d = NaiveDate::from_num_days_from_ce_opt(i32::from_le_bytes(b4))
                    .ok_or_else(|| bad("bad date"))?;
                r.read_exact(&mut b8)?;
                v.push((d, u64::from_le_bytes(b8)));
            }
            by_key.insert(k, v);
        }
        Ok(EventIndex { by_key, next_id })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_normalise() {
        assert_eq!(
            event_key(" tungov", "USA", "0431", "تونس"),
            "TUNGOV|USA|04|تونس"
        );
        assert_eq!(
            event_key("A", "", "19", "صفاقس"),
            event_key("a", "", "190", "صَفاقس")
        );
        assert_ne!(event_key("A", "B", "19", ""), event_key("B", "A", "19", ""));
    }

    #[test]
    fn reports_within_a_day_are_one_event() {
        let d = |x| NaiveDate::from_ymd_opt(2017, 3, x).unwrap();
        let k = event_key("TUN", "LBY", "04", "تونس");
        let mut ix = EventIndex::new();
        assert_eq!(ix.add(&k, d(10)), (1, true));
        assert_eq!(ix.add(&k, d(11)), (1, false));
        assert_eq!(ix.add(&k, d(10)), (1, false));
        assert_eq!(
            ix.add(&k, d(15)),
            (2, true),
            "five days later is another meeting"
        );
        assert!(ix.add(&event_key("TUN", "DZA", "04", "تونس"), d(10)).1);
        assert_eq!(ix.len(), 3);
        let mut buf = Vec::new();
        ix.save(&mut buf).unwrap();
        let mut back = EventIndex::load(&buf[..]).unwrap();
        assert_eq!(back.add(&k, d(16)), (2, false));
        assert_eq!(back.len(), 3);
        assert!(same_event_window(d(1), d(2)) && !same_event_window(d(1), d(3)));
    }
}
