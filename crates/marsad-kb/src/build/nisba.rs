//! Nisba adjectives (relative adjectives of countries and their people) generated from a base.
//!
//! From the masculine singular without the article (روسي) this gives: روسي، روسية، الروسي،
//! الروسية، روسيون، روسيين، الروسيون، الروسيين، روسيات، الروسيات. Irregular (broken) plurals are
//! curated (روس، أتراك، عرب) and get their article form (الروس، الأتراك).

/// All inflected forms of the nisba `base` (masculine singular, no article, ending in ي).
pub fn inflect(base: &str) -> Vec<String> {
    let b = base.trim();
    if b.is_empty() {
        return Vec::new();
    }
    let mut v = Vec::with_capacity(10);
    for stem in [
        b.to_string(),
        format!("{b}ة"),
        format!("{b}ون"),
        format!("{b}ين"),
        format!("{b}ات"),
    ] {
        v.push(format!("ال{stem}"));
        v.push(stem);
    }
    v
}

/// A broken plural and its article form.
pub fn plural(p: &str) -> Vec<String> {
    let p = p.trim();
    if p.is_empty() {
        return Vec::new();
    }
    if p.starts_with("ال") {
        return vec![p.to_string()];
    }
    vec![p.to_string(), format!("ال{p}")]
}

/// The nisba base guessed from a country name ending in يا (روسيا → روسي, أرمينيا → أرميني,
/// كولومبيا → كولومبي). Other endings are not guessed: they need curation.
pub fn guess_base(name: &str) -> Option<String> {
    let n = name.trim();
    if n.contains(' ') || n.starts_with("ال") {
        return None;
    }
    let s = n.strip_suffix("يا")?;
    if s.chars().count() < 2 {
        return None;
    }
    Some(format!("{s}ي"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflects() {
        let v = inflect("روسي");
        for f in ["روسي", "روسية", "الروسي", "الروسية", "الروسيين", "روسيون"]
        {
            assert!(v.iter().any(|x| x == f), "{f}");
        }
        assert_eq!(plural("روس"), vec!["روس", "الروس"]);
        assert_eq!(guess_base("أرمينيا").as_deref(), Some("أرميني"));
        assert_eq!(guess_base("مصر"), None);
    }
}
