//! The marks the dedup stage gives an article at ingest (its canonical when it near-duplicates
//! an earlier one, its story, each event's group) and the id forms they use. Plain values shared
//! by the stage that decides them ([`crate::dedup`]) and the SQL that writes them (`db`), so
//! neither module needs the other.

/// What the dedup stage decided for one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marks {
    /// The article it near-duplicates (never itself).
    pub canonical: Option<u64>,
    pub story: u64,
}

/// An article id as the u64 the indexes use (ids are 16 hex digits; anything else is hashed).
pub fn doc_u64(id: &str) -> u64 {
    u64::from_str_radix(id, 16).unwrap_or_else(|_| {
        // FNV-1a: stable across runs and platforms.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in id.bytes() {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h
    })
}

/// The text form of an article or story id.
pub fn hex(x: u64) -> String {
    format!("{x:016x}")
}

/// What the dedup stage decided for one article: its marks and each event's group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub marks: Marks,
    /// One group id per event of the input, in order.
    pub groups: Vec<u64>,
}
