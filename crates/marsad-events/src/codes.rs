//! CAMEO event codes: name, root, QuadClass, Goldstein value (GDELT's table) and the PLOVER
//! type and mode (the 2021 crosswalk), from `data/events/cameo_codes.tsv` (embedded).

use std::collections::HashMap;
use std::sync::OnceLock;

static CODES: &str = include_str!("../../../data/events/cameo_codes.tsv");

/// One CAMEO code's properties.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeInfo {
    pub code: String,
    pub name: String,
    pub root: String,
    /// 1 verbal cooperation (01–05), 2 material cooperation (06–09), 3 verbal conflict (10–14),
    /// 4 material conflict (15–20).
    pub quad_class: u8,
    pub goldstein: f32,
    pub plover_type: String,
    pub plover_mode: Option<String>,
}

fn table() -> &'static HashMap<String, CodeInfo> {
    static T: OnceLock<HashMap<String, CodeInfo>> = OnceLock::new();
    T.get_or_init(|| {
        let mut m = HashMap::new();
        for line in CODES.lines().filter(|l| !l.starts_with('#')) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 6 || f[0].len() < 2 {
                continue;
            }
            m.insert(
                f[0].to_string(),
                CodeInfo {
                    code: f[0].to_string(),
                    name: f[1].to_string(),
                    root: f[0][..2].to_string(),
                    goldstein: f[2].parse().unwrap_or(0.0),
                    quad_class: f[3].parse().unwrap_or(0),
                    plover_type: f[4].to_string(),
                    plover_mode: Some(f[5].trim().to_string()).filter(|s| !s.is_empty()),
                },
            );
        }
        m
    })
}

/// The properties of `code` ("0256", "036", "19"), or None for an unknown code.
pub fn info(code: &str) -> Option<&'static CodeInfo> {
    table().get(code)
}

/// CAMEO root (first two digits).
pub fn root(code: &str) -> &str {
    code.get(..2).unwrap_or(code)
}

/// The name of a code.
pub fn name(code: &str) -> Option<&'static str> {
    info(code).map(|i| i.name.as_str())
}

/// Goldstein value of a code.
pub fn goldstein(code: &str) -> Option<f32> {
    info(code).map(|i| i.goldstein)
}

/// QuadClass of a code.
pub fn quad_class(code: &str) -> Option<u8> {
    info(code).map(|i| i.quad_class)
}

/// PLOVER (type, mode) of a code.
pub fn plover(code: &str) -> Option<(&'static str, Option<&'static str>)> {
    info(code).map(|i| (i.plover_type.as_str(), i.plover_mode.as_deref()))
}

/// Number of codes in the table.
pub fn len() -> usize {
    table().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_codes() {
        let i = info("041").unwrap();
        assert_eq!(i.root, "04");
        assert_eq!(i.quad_class, 1);
        assert_eq!(i.plover_type, "CONSULT");
        assert_eq!(i.plover_mode.as_deref(), Some("phone"));
        assert_eq!(goldstein("195"), Some(-10.0));
        assert_eq!(quad_class("173"), Some(4));
        assert_eq!(plover("112").unwrap().0, "ACCUSE");
        assert_eq!(name("106"), Some("Demand withdrawal"));
        assert!(len() > 300);
        // PLOVER has no public-statement type: root 01 has none; every other code has one.
        assert_eq!(plover("010").unwrap().0, "");
        for c in ["0256", "036", "141", "180", "190", "200", "2041"] {
            assert!(info(c).is_some(), "{c}");
            assert!(!info(c).unwrap().plover_type.is_empty(), "plover for {c}");
        }
        assert_eq!(plover("0256").unwrap(), ("REQUEST", Some("yield")));
    }
}
